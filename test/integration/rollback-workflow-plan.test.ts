// workflows/rollback.yml's plan job and rollback job, run as GitHub runs them: the `with:` of each
// job's rollback step, its job outputs and its `if:`, read from the workflow and evaluated (the
// few expressions they use), and the step run as the runner runs it (dist/actions/rollback.mjs)
// against a real bare env repo. The rollback job writes the plan the reviewers read, or nothing:
// a bump landing while the approval waits makes it fail, writing nothing (before, it counted
// `steps` again from the image pinned by then, and rolled back, and blocked, another).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { parseOutputs, type StepResult } from '../support/action-step.js';
import { ferryOk, initTemplateRepo, templateImage } from '../support/template-repo.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const APP = 'user-service';
const [ONE, TWO, THREE] = ['1.1.0', '1.2.0', '1.3.0'].map((tag) => templateImage(APP, tag)) as [string, string, string];

type Value = string | number | boolean | null | undefined | { [key: string]: Value };

/**
 * A GitHub Actions expression (the body of `${{ }}`): `||`, `&&`, `==`, `!=`, `!`, parentheses,
 * string literals, `true`/`false`, and context paths (`needs.plan.outputs.previous-image`), with
 * GitHub's semantics (`&&` and `||` give an operand; strings compare case-insensitively).
 */
function evaluate(expression: string, context: Record<string, Value>): Value {
  const tokens = expression.match(/'(?:[^']|'')*'|\|\||&&|==|!=|!|\(|\)|[A-Za-z_][\w.-]*|\d+/g) ?? [];
  let i = 0;
  const truthy = (v: Value) => !(v === false || v === 0 || v === '' || v === null || v === undefined);
  const equal = (a: Value, b: Value) => (typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : typeof a === typeof b ? a === b : Number(a ?? 0) === Number(b ?? 0));
  const primary = (): Value => {
    const t = tokens[i++]!;
    if (t === '!') return !truthy(primary());
    if (t === '(') {
      const v = or();
      i++;
      return v;
    }
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (t === 'true' || t === 'false') return t === 'true';
    if (/^\d+$/.test(t)) return Number(t);
    return t.split('.').reduce<Value>((v, key) => (v && typeof v === 'object' ? v[key] : undefined), context);
  };
  const comparison = (): Value => {
    const left = primary();
    if (tokens[i] !== '==' && tokens[i] !== '!=') return left;
    const op = tokens[i++];
    const same = equal(left, primary());
    return op === '==' ? same : !same;
  };
  const and = (): Value => {
    let v = comparison();
    while (tokens[i] === '&&') {
      i++;
      const right = comparison();
      v = truthy(v) ? right : v;
    }
    return v;
  };
  const or = (): Value => {
    let v = and();
    while (tokens[i] === '||') {
      i++;
      const right = and();
      v = truthy(v) ? v : right;
    }
    return v;
  };
  const value = or();
  expect(i, `evaluated all of ${expression}`).toBe(tokens.length);
  return value;
}

/** A workflow value (`${{ … }}`, or a literal), as the runner passes it to an action input: a string. */
function resolve(value: unknown, context: Record<string, Value>): string {
  const m = typeof value === 'string' ? /^\$\{\{\s*(.*?)\s*\}\}$/s.exec(value) : null;
  const v = m ? evaluate(m[1]!, context) : (value as Value);
  return v === undefined || v === null ? '' : String(v);
}

interface Job {
  if?: string;
  needs?: string | string[];
  outputs?: Record<string, string>;
  steps: { id?: string; with?: Record<string, unknown> }[];
}
const workflow = parseYaml(readFileSync(join(ROOT, 'workflows/rollback.yml'), 'utf8')) as {
  on: { workflow_dispatch: { inputs: Record<string, { default?: Value }> } };
  jobs: Record<'plan' | 'approve' | 'rollback', Job>;
};

/** The inputs a dispatch gives: the workflow's defaults, and `given`. */
function dispatchInputs(given: Record<string, Value>): Record<string, Value> {
  const defaults = Object.entries(workflow.on.workflow_dispatch.inputs).map(([name, spec]) => [name, spec.default ?? '']);
  return { ...Object.fromEntries(defaults), ...given };
}

/** The rollback action's inputs in a job's step `rollback` or `plan` (repo, branch and token set here: a bare repo on disk). */
function stepInputs(job: Job, id: string, context: Record<string, Value>, repo: string): Record<string, string> {
  const step = job.steps.find((s) => s.id === id)!;
  const inputs: Record<string, string> = { repo };
  for (const [name, value] of Object.entries(step.with ?? {})) {
    // (No GitHub here: no deployment is recorded, no token is given.)
    if (['repo', 'github-token', 'deployments', 'environment-url'].includes(name)) continue;
    inputs[name] = resolve(value, context);
  }
  return inputs;
}

let root: string;
let gitConfig: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-rollback-workflow-'));
  gitConfig = join(root, 'gitconfig');
  await writeFile(gitConfig, '');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Runs dist/actions/rollback.mjs as the runner runs a step: INPUT_* variables, GITHUB_OUTPUT. */
async function step(inputs: Record<string, string>): Promise<StepResult> {
  const dir = await mkdtemp(join(root, 'step-'));
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary') };
  await Promise.all(Object.values(files).map((f) => writeFile(f, '')));
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_)/.test(k)));
  const env = {
    ...base, GIT_CONFIG_GLOBAL: gitConfig, GIT_CONFIG_NOSYSTEM: '1',
    GITHUB_ACTOR: 'octocat', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/env', GITHUB_RUN_ID: '4242', RUNNER_TEMP: dir,
    ...files,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist/actions/rollback.mjs')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', fail);
    child.on('close', (c) => done({ code: c, stdout: out, stderr: err }));
  });
  return { code, stdout, stderr, outputs: parseOutputs(await readFile(files.GITHUB_OUTPUT, 'utf8')), summary: await readFile(files.GITHUB_STEP_SUMMARY, 'utf8') };
}

/** An env repo (ferry init) where dev pinned ONE, then TWO, by ferry bumps. */
async function bumpedRepo(): Promise<string> {
  const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
  for (const image of [ONE, TWO]) await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', APP, '--image', image]);
  return repo;
}

const GITHUB = { triggering_actor: 'alice', server_url: 'https://github.com', repository: 'acme/env', token: 'unused' };

/** The plan job: its rollback step (a dry run), and its job outputs as the later jobs' `needs.plan.outputs`. */
async function planJob(repo: string, inputs: Record<string, Value>): Promise<{ plan: StepResult; outputs: Record<string, string> }> {
  const plan = await step(stepInputs(workflow.jobs.plan, 'plan', { inputs, github: GITHUB, secrets: {} }, repo));
  expect(plan.code, plan.stdout).toBe(0);
  const outputs = Object.fromEntries(Object.entries(workflow.jobs.plan.outputs ?? {}).map(([name, value]) => [name, resolve(value, { steps: { plan: { outputs: plan.outputs } } })]));
  return { plan, outputs };
}

/** The context of the approve and rollback jobs: the inputs, and what the plan job passed on. */
function laterContext(inputs: Record<string, Value>, planOutputs: Record<string, string>): Record<string, Value> {
  return { inputs, github: GITHUB, secrets: {}, needs: { plan: { outputs: planOutputs, result: 'success' }, approve: { outputs: { attempt: '1' }, result: 'success' } } };
}

/** The rollback job, when its `if` lets it run: its rollback step with the plan's outputs. */
async function rollbackJob(repo: string, inputs: Record<string, Value>, planOutputs: Record<string, string>): Promise<StepResult> {
  const context = laterContext(inputs, planOutputs);
  expect(resolve(workflow.jobs.rollback.if, context)).toBe('true');
  return step(stepInputs(workflow.jobs.rollback, 'rollback', context, repo));
}

/** The commit's message (subject and trailers). */
function message(repo: string, ref = 'main'): string {
  return execFileSync('git', ['-C', repo, 'log', '-1', '--format=%B', ref]).toString().trim();
}

describe('rollback.yml: the rollback job writes the plan the reviewers read, or nothing', () => {
  test.each([
    ['steps 1', {}],
    ['steps 1, block', { block: true }],
  ])('%s: a bump lands while the approval waits: the rollback job fails, nothing written, naming the image pinned now, not the one planned from', async (_name, extra) => {
    const repo = await bumpedRepo();
    const inputs = dispatchInputs({ env: 'dev', app: APP, reason: 'crash loop', ...extra });
    const { plan, outputs } = await planJob(repo, inputs);
    expect(plan.outputs).toMatchObject({ status: 'planned', image: ONE, 'previous-image': TWO });
    // While the approve job waits for its reviewers: a bump.
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', APP, '--image', THREE]);
    const head = remoteHead(repo);
    const blocked = readRemoteFile(repo, 'blocked.yaml');
    const r = await rollbackJob(repo, inputs, outputs);
    expect(r.code, r.stdout).toBe(1);
    expect(r.outputs.status).toBe('failed');
    expect(r.stdout).toMatch(/^::error::ferry rollback: user-service in dev pins 1\.3\.0 \(sha256:[0-9a-f]{12}\), not 1\.2\.0 \(sha256:[0-9a-f]{12}\) as --from says; nothing written\./m);
    expect(remoteHead(repo)).toBe(head);
    expect(readRemoteFile(repo, 'blocked.yaml')).toBe(blocked);
  });

  test('nothing landed: the rollback job writes the plan (from its previous-image to its image), the commit a rollback by steps makes', async () => {
    const repo = await bumpedRepo();
    const inputs = dispatchInputs({ env: 'dev', app: APP, reason: 'crash loop', block: true });
    const { outputs } = await planJob(repo, inputs);
    // The same rollback by steps, on a copy of the repo, for its commit.
    const copy = join(root, `copy-${counter}.git`);
    execFileSync('git', ['clone', '--quiet', '--bare', repo, copy]);
    await ferryOk(['rollback', '--repo', copy, '--env', 'dev', '--app', APP, '--steps', '1', '--block', '--reason', 'crash loop', '--requested-by', 'alice']);
    const r = await rollbackJob(repo, inputs, outputs);
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'succeeded', image: ONE, 'previous-image': TWO, commit: remoteHead(repo) });
    expect(readRemoteFile(repo, `dev/${APP}/kustomization.yaml`)).toContain(ONE.split('@')[1]);
    expect(readRemoteFile(repo, 'blocked.yaml')).toContain(TWO.split('@')[1]);
    // (Ferry-Run names the run: the CLI's has none.)
    expect(message(repo).replace(/\nFerry-Run: .*/, '')).toBe(message(copy));
    for (const file of [`dev/${APP}/kustomization.yaml`, 'blocked.yaml']) {
      // (blocked.yaml says when each entry was made: not the same second.)
      const read = (dir: string) => readRemoteFile(dir, file)!.replace(/^(\s*at: ).*$/gm, '$1…');
      expect(read(repo), file).toBe(read(copy));
    }
  });

  test('an empty image or previous-image output (GitHub drops one it takes for a secret): no reviewer is asked, no rollback job runs', async () => {
    const inputs = dispatchInputs({ env: 'dev', app: APP, reason: 'crash loop' });
    const outputs = { status: 'planned', commit: 'c0ffee', image: ONE, 'previous-image': TWO };
    for (const job of ['approve', 'rollback'] as const) {
      expect(resolve(workflow.jobs[job].if, laterContext(inputs, outputs)), job).toBe('true');
      for (const dropped of ['image', 'previous-image']) {
        expect(resolve(workflow.jobs[job].if, laterContext(inputs, { ...outputs, [dropped]: '' })), `${job} without ${dropped}`).toBe('false');
      }
      expect(resolve(workflow.jobs[job].if, laterContext({ ...inputs, 'dry-run': true }, outputs)), `${job} on a dry run`).toBe('false');
    }
  });
});
