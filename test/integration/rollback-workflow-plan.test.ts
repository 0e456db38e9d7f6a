// workflows/rollback.yml's plan job and rollback job, run as GitHub runs them: the `with:` of each
// job's rollback step, its job outputs and its `if:`, read from the workflow and evaluated (the
// few expressions they use), and the step run as the runner runs it (dist/actions/rollback.mjs)
// against a real bare env repo. The rollback job writes the plan the reviewers read, or nothing:
// a bump landing while the approval waits makes it fail, writing nothing (before, it counted
// `steps` again from the image pinned by then, and rolled back, and blocked, another).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { runBundle, type StepResult } from '../support/action-step.js';
import { ferryOk, initTemplateRepo, templateImage } from '../support/template-repo.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const APP = 'user-service';
const [ONE, TWO, THREE] = ['1.1.0', '1.2.0', '1.3.0'].map((tag) => templateImage(APP, tag)) as [string, string, string];
const KUSTOMIZATION = `dev/${APP}/kustomization.yaml`;

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
  steps: { id?: string; name?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string>; run?: string }[];
}
const workflow = parseYaml(readFileSync(join(ROOT, 'workflows/rollback.yml'), 'utf8')) as {
  on: { workflow_dispatch: { inputs: Record<string, { default?: Value }> } };
  jobs: Record<'plan' | 'approve' | 'handoff' | 'rollback', Job>;
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
  return runBundle(join(ROOT, 'dist/actions/rollback.mjs'), env, files);
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

/** A job's `run:` step (by name), run as the runner runs it (bash -e), its `env:` evaluated in `context`. */
function runStep(job: Job, name: string, context: Record<string, Value>): { code: number | null; stdout: string } {
  const found = job.steps.find((s) => s.name === name);
  expect(found?.run, name).toBeDefined();
  const env = Object.fromEntries(Object.entries(found!.env ?? {}).map(([k, v]) => [k, resolve(v, context)]));
  const out = spawnSync('bash', ['-e', '-c', found!.run!], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
  return { code: out.status, stdout: out.stdout };
}

/** A hand-made commit on the bare repo: `edit` rewrites the app's dev manifest in a clone, then pushes. */
function handEdit(repo: string, edit: (text: string) => string): void {
  const dir = join(root, `clone-${++counter}`);
  execFileSync('git', ['clone', '-q', repo, dir]);
  const file = join(dir, KUSTOMIZATION);
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  execFileSync('git', ['-C', dir, '-c', 'user.name=x', '-c', 'user.email=x@x', 'commit', '-qam', 'hand edit']);
  execFileSync('git', ['-C', dir, 'push', '-q', 'origin', 'HEAD:main']);
}

/** A bare copy of `repo`, for what the CLI writes from the same history. */
function copyOf(repo: string): string {
  const copy = join(root, `copy-${++counter}.git`);
  execFileSync('git', ['clone', '--quiet', '--bare', repo, copy]);
  return copy;
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

  // GitHub drops a job output it takes for a secret (one whose value appears in it): approve and
  // rollback were skipped and the run ended green, nothing rolled back.
  test('an empty to-commit or previous-digest output (GitHub drops one it takes for a secret): no reviewer is asked, no rollback job runs, and handoff fails the run naming it', async () => {
    const inputs = dispatchInputs({ env: 'dev', app: APP, reason: 'crash loop' });
    const outputs = { status: 'planned', commit: 'c0ffee', image: ONE, 'to-commit': '0123456789abcdef0123456789abcdef01234567', 'previous-digest': TWO.split('@')[1]! };
    for (const job of ['approve', 'rollback'] as const) {
      expect(resolve(workflow.jobs[job].if, laterContext(inputs, outputs)), job).toBe('true');
      for (const dropped of ['to-commit', 'previous-digest']) {
        expect(resolve(workflow.jobs[job].if, laterContext(inputs, { ...outputs, [dropped]: '' })), `${job} without ${dropped}`).toBe('false');
      }
      expect(resolve(workflow.jobs[job].if, laterContext({ ...inputs, 'dry-run': true }, outputs)), `${job} on a dry run`).toBe('false');
    }
    const { handoff } = workflow.jobs;
    expect(handoff.needs).toBe('plan');
    expect(resolve(handoff.if, laterContext(inputs, outputs)), 'handoff with both outputs').toBe('false');
    expect(resolve(handoff.if, laterContext({ ...inputs, 'dry-run': true }, { ...outputs, 'to-commit': '' })), 'handoff on a dry run').toBe('false');
    // (image alone dropped, its registry host holding a secret's value: bound without it.)
    expect(resolve(handoff.if, laterContext(inputs, { ...outputs, image: '' })), 'handoff without image').toBe('false');
    expect(resolve(workflow.jobs.rollback.if, laterContext(inputs, { ...outputs, image: '' })), 'rollback without image').toBe('true');
    for (const [dropped, named] of [[['to-commit'], 'to-commit'], [['previous-digest'], 'previous-digest'], [['to-commit', 'previous-digest'], 'to-commit and previous-digest']] as const) {
      const context = laterContext(inputs, { ...outputs, ...Object.fromEntries(dropped.map((d) => [d, ''])) });
      expect(resolve(handoff.if, context), `handoff without ${named}`).toBe('true');
      const r = runStep(handoff, "The plan's outputs reached the later jobs", context);
      expect(r.code, named).toBe(1);
      expect(r.stdout).toMatch(new RegExp(`^::error::the plan job's output ${named} reached the later jobs empty, so no reviewer was asked and nothing was rolled back: GitHub drops a job output it takes for a secret, one whose value appears in it; .*Rename or rescope that secret`, 'm'));
    }
  });

  // The image pinned is a hotfix pinned by hand from another repository (…/user-service-hotfix):
  // the plan (no `from`) succeeded and was approved, then the rollback job, given the plan's
  // previous-image as `from`, was refused as no image of the app. Bound by digest, it writes what
  // `ferry rollback --steps 1` writes.
  test('the image pinned is no image of the app (a hotfix pinned by hand): the rollback job writes the plan, as --steps 1 does', async () => {
    const repo = await bumpedRepo();
    const hotfix = `sha256:${'ab'.repeat(32)}`;
    handEdit(repo, (text) => text.replace(/newName: (.*)\/user-service\n/, 'newName: $1/user-service-hotfix\n').replace(/digest: sha256:[0-9a-f]+/, `digest: ${hotfix}`));
    const inputs = dispatchInputs({ env: 'dev', app: APP, reason: 'bad hotfix' });
    const { plan, outputs } = await planJob(repo, inputs);
    // (The hand edit kept the tag, 1.2.0: the image before it, the app's 1.2.0, is gone back to.)
    expect(plan.outputs).toMatchObject({ image: TWO, 'previous-image': expect.stringContaining(`/user-service-hotfix:1.2.0@${hotfix}`), 'previous-digest': hotfix });
    const copy = copyOf(repo);
    await ferryOk(['rollback', '--repo', copy, '--env', 'dev', '--app', APP, '--steps', '1', '--reason', 'bad hotfix', '--requested-by', 'alice']);
    const r = await rollbackJob(repo, inputs, outputs);
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'succeeded', image: TWO, 'previous-digest': hotfix });
    expect(message(repo).replace(/\nFerry-Run: .*/, '')).toBe(message(copy));
    expect(readRemoteFile(repo, KUSTOMIZATION)).toBe(readRemoteFile(copy, KUSTOMIZATION));
  });

  // A tag set by hand without a digest: there is nothing to roll back from by digest. The plan job
  // fails, saying so; approve, handoff and rollback name no status function, so GitHub's success()
  // skips them: no reviewer is asked, and the run is red, not green with nothing done.
  test('the image pinned has no digest (a tag set by hand): the plan job fails, nothing is asked or written', async () => {
    const repo = await bumpedRepo();
    handEdit(repo, (text) => text.replace(/\n\s*digest: sha256:[0-9a-f]+/, ''));
    const inputs = dispatchInputs({ env: 'dev', app: APP, reason: 'crash loop' });
    const head = remoteHead(repo);
    const plan = await step(stepInputs(workflow.jobs.plan, 'plan', { inputs, github: GITHUB, secrets: {} }, repo));
    expect(plan.code, plan.stdout).toBe(1);
    expect(plan.stdout).toContain('"user-service" is not pinned by digest in "dev" (');
    expect(plan.stdout).toContain('the rollback action binds the rollback its reviewers approve to the digest rolled back from, and there is none; roll back with the CLI (ferry rollback');
    expect(plan.outputs).toEqual({ status: 'failed' });
    for (const job of ['approve', 'handoff', 'rollback'] as const) {
      expect(workflow.jobs[job].needs, job).toContain('plan');
      expect(workflow.jobs[job].if, job).not.toMatch(/\b(always|failure|cancelled|success)\(/);
    }
    expect(remoteHead(repo)).toBe(head);
  });

  // `to` a tag (or the commit id of its pin) whose digest was pinned again later under another tag:
  // the plan showed 1.1.0 and its commit; the rollback job, given the plan's image (1.1.0's), wrote
  // 1.1.1 and the later commit (the latest pin of the digest).
  test.each(['1.1.0', 'commit'])('to %s, its digest pinned again later as 1.1.1: the rollback job writes the plan (1.1.0, its commit), as the CLI does', async (given) => {
    const repo = await bumpedRepo();
    const retag = ONE.replace(':1.1.0@', ':1.1.1@');
    for (const image of [retag, THREE]) await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', APP, '--image', image]);
    const pinned = execFileSync('git', ['-C', repo, 'log', '--format=%H %s', 'main']).toString().split('\n').find((l) => l.includes(' 1.1.0 '))!.split(' ')[0]!;
    const to = given === 'commit' ? pinned.slice(0, 12) : given;
    const inputs = dispatchInputs({ env: 'dev', app: APP, reason: 'r', to });
    const { plan, outputs } = await planJob(repo, inputs);
    expect(plan.outputs.image).toBe(ONE);
    expect(plan.summary).toContain('+    newTag: 1.1.0');
    const copy = copyOf(repo);
    await ferryOk(['rollback', '--repo', copy, '--env', 'dev', '--app', APP, '--to', to, '--reason', 'r', '--requested-by', 'alice']);
    const r = await rollbackJob(repo, inputs, outputs);
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.image).toBe(ONE);
    expect(readRemoteFile(repo, KUSTOMIZATION)).toMatch(/newTag: 1\.1\.0\n/);
    expect(message(repo)).toContain(`\nFerry-Rollback-To: ${pinned}\n`);
    expect(message(repo).replace(/\nFerry-Run: .*/, '')).toBe(message(copy));
    expect(readRemoteFile(repo, KUSTOMIZATION)).toBe(readRemoteFile(copy, KUSTOMIZATION));
  });

  // After a bump during the approval, the step's refusal speaks as the CLI does ("as --from says",
  // "Run without --from, … would now roll back from 1.3.0 to 1.1.0"): the step after it says the
  // run was bound to the approved plan, and that a new run plans from what is pinned now.
  test('the rollback step fails: the next step says the run was bound to the plan approved, and how to plan anew', async () => {
    const repo = await bumpedRepo();
    const inputs = dispatchInputs({ env: 'dev', app: APP, reason: 'crash loop' });
    const { outputs } = await planJob(repo, inputs);
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', APP, '--image', THREE]);
    const r = await rollbackJob(repo, inputs, outputs);
    expect(r.code).toBe(1);
    const bound = workflow.jobs.rollback.steps.at(-1)!;
    expect(bound.name).toBe('Bound to the plan approved');
    expect(bound.if).toBe("${{ failure() && steps.rollback.outcome == 'failure' }}");
    const said = runStep(workflow.jobs.rollback, 'Bound to the plan approved', laterContext(inputs, outputs));
    expect(said.code).toBe(0);
    expect(said.stdout).toBe(`::error::nothing was rolled back: this run was bound to the plan the reviewers approved, from the image pinned when it was planned (${TWO.split('@')[1]}) to ${ONE} pinned by commit ${outputs['to-commit']}, written as it is or not at all (its --from is that image, not an input of yours); what changed, or what failed, is in the step above. A new run plans anew from what is pinned now, for the reviewers to approve: name the image to go back to with \`to\` (\`steps\` counts back from what is pinned now, which may be the very image this rollback was to leave)\n`);
  });
});
