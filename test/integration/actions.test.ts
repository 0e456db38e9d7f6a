// The GitHub Actions, run as the runner runs them: `node dist/actions/<name>.mjs` with INPUT_*
// and GITHUB_* variables and temporary GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, against real
// env repos (bare repositories, `git daemon`, and `git http-backend` behind an https server on
// 127.0.0.1 that requires the token). Outputs, summary, annotations, exit codes, and the token
// never in the log. Some run the entries from source in this process (sourceStep): what a change
// to the sources does, before dist/ is built again.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { appName, createEnvRepo, digestOf, ferryYaml, overlay, readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { startGitDaemon, type GitDaemon } from '../support/git-daemon.js';
import { startHttpsGit, type HttpsGit } from '../support/https-git.js';
import { commitByHand } from '../support/hand-commit.js';
import { ferryOk, hoursAgo, initTemplateRepo, templateImage } from '../support/template-repo.js';
import { parseOutputs, runBundle, type StepResult } from '../support/action-step.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COMMANDS = ['bump', 'promote', 'rollback', 'block', 'unblock', 'status', 'history', 'audit', 'validate', 'analyze'] as const;
const TOKEN = 'ghs_ferryTestToken0123456789abcdefXYZ';
/** The actions that declare a `status` output (action.yml): a run that fails before its outputs sets it to `failed`. */
const WITH_STATUS = new Set(['bump', 'promote', 'rollback', 'block', 'unblock', 'validate']);
const BASIC = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');

let root: string;
let daemon: GitDaemon;
let counter = 0;
/** An empty global git config: no credential helper or identity of the machine's gets in. */
let gitConfig: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-actions-'));
  daemon = await startGitDaemon(root);
  gitConfig = join(root, 'gitconfig');
  await writeFile(gitConfig, '');
});

afterAll(async () => {
  await daemon?.stop();
  await rm(root, { recursive: true, force: true });
});

async function templateRepo(name = `env-${++counter}.git`): Promise<string> {
  await mkdir(dirname(join(root, name)), { recursive: true });
  return initTemplateRepo(join(root, name));
}

/** Runs an action's bundle as the runner does: `INPUT_<NAME uppercased>` (hyphens kept), GITHUB_* variables, file commands. */
async function step(action: string, inputs: Record<string, string>, env: Record<string, string> = {}): Promise<StepResult> {
  const dir = await mkdtemp(join(root, 'step-'));
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary') };
  await Promise.all(Object.values(files).map((f) => writeFile(f, '')));
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_)/.test(k)));
  const childEnv: NodeJS.ProcessEnv = {
    ...base,
    GIT_CONFIG_GLOBAL: gitConfig, GIT_CONFIG_NOSYSTEM: '1',
    GITHUB_ACTOR: 'octocat', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/app', GITHUB_RUN_ID: '4242',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567', RUNNER_TEMP: dir,
    ...files,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v])),
    ...env,
  };
  return runBundle(join(ROOT, 'dist/actions', `${action}.mjs`), childEnv, files);
}

/** The entries, from source: each runs its action when imported. */
const SOURCES: Record<string, () => Promise<unknown>> = {
  bump: () => import('../../actions/src/entry/actions/bump.js'),
  promote: () => import('../../actions/src/entry/actions/promote.js'),
  rollback: () => import('../../actions/src/entry/actions/rollback.js'),
  audit: () => import('../../actions/src/entry/actions/audit.js'),
  validate: () => import('../../actions/src/entry/actions/validate.js'),
  analyze: () => import('../../actions/src/entry/actions/analyze.js'),
};

/**
 * Runs an action's entry from source in this process, as step() runs its bundle: the same INPUT_*
 * and GITHUB_* variables and GITHUB_OUTPUT; stdout is the log; the environment and the exit code
 * are put back afterwards. (No job summary: @actions/core keeps the first GITHUB_STEP_SUMMARY it saw.)
 */
async function sourceStep(action: string, inputs: Record<string, string>): Promise<Pick<StepResult, 'code' | 'stdout' | 'outputs'>> {
  const dir = await mkdtemp(join(root, 'source-step-'));
  const files = { GITHUB_OUTPUT: join(dir, 'output') };
  await Promise.all(Object.values(files).map((f) => writeFile(f, '')));
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_)/.test(key)) delete process.env[key];
  Object.assign(process.env, {
    GIT_CONFIG_GLOBAL: gitConfig, GIT_CONFIG_NOSYSTEM: '1',
    GITHUB_ACTOR: 'octocat', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/app', GITHUB_RUN_ID: '4242', RUNNER_TEMP: dir,
    ...files,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v])),
  });
  let stdout = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  let code: number;
  try {
    vi.resetModules();
    await SOURCES[action]!();
  } finally {
    write.mockRestore();
    code = Number(process.exitCode ?? 0);
    process.exitCode = undefined;
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
  return { code, stdout, outputs: parseOutputs(await readFile(files.GITHUB_OUTPUT, 'utf8')) };
}

/** A step's log but its `::add-mask::` commands (the secrets they mask), and its summary. */
function unmasked(r: Pick<StepResult, 'stdout' | 'summary'>): string {
  return [...r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')), r.summary].join('\n');
}

/** The `::error` lines of a step's log. */
/** `text` as a regular expression that matches it alone. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function errors(r: Pick<StepResult, 'stdout'>): string[] {
  return r.stdout.split('\n').filter((l) => l.startsWith('::error'));
}

function trailers(dir: string): string {
  return execFileSync('git', ['-C', dir, 'log', '-1', '--format=%(trailers:only,unfold)', 'main']).toString().trim();
}

interface ActionYml {
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string };
}

function actionYml(path: string): ActionYml {
  return parseYaml(readFileSync(join(ROOT, path), 'utf8')) as ActionYml;
}

/** The inputs an entry reads: the runtime's (repo, branch, github-token, unless `envRepo: false`), those of the runtime's helpers it calls, and its own. */
function inputsRead(command: string): string[] {
  const source = readFileSync(join(ROOT, `actions/src/entry/actions/${command}.ts`), 'utf8');
  const runtime = readFileSync(join(ROOT, 'actions/src/entry/action-runtime.ts'), 'utf8');
  const read = (text: string) => [...text.matchAll(/input\.\w+\('([a-z-]+)'/g)].map((m) => m[1]!);
  const body = (h: string) => runtime.slice(runtime.indexOf(`export function ${h}(`), runtime.indexOf('\n}\n', runtime.indexOf(`export function ${h}(`)));
  // The helpers the entry calls, and those they call (deliveryInputs calls deploymentInputs).
  const called = new Set<string>();
  const visit = (text: string) => {
    for (const h of ['requestContext', 'deliveryInputs', 'deploymentInputs']) {
      if (!called.has(h) && text.includes(`${h}(input)`)) {
        called.add(h);
        visit(body(h));
      }
    }
  };
  visit(source);
  const helpers = [...called].flatMap((h) => read(body(h)));
  return [...new Set([...(source.includes('envRepo: false') ? [] : ['repo', 'branch', 'github-token']), ...helpers, ...read(source)])].sort();
}

describe('action metadata', () => {
  test.each(COMMANDS)('actions/%s/action.yml: node24, its bundle, every input and output described, the inputs the entry reads and no other', (command) => {
    const meta = actionYml(`actions/${command}/action.yml`);
    expect(meta.runs).toEqual({ using: 'node24', main: `../../dist/actions/${command}.mjs` });
    expect(existsSync(resolve(ROOT, `actions/${command}`, meta.runs.main))).toBe(true);
    for (const [name, spec] of [...Object.entries(meta.inputs), ...Object.entries(meta.outputs)]) {
      expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(spec.description, name).toMatch(/\S{3}/);
    }
    expect(Object.keys(meta.inputs).sort()).toEqual(inputsRead(command));
    if (command !== 'analyze') expect(meta.inputs['github-token']?.default).toBe('${{ github.token }}');
    // A `status` output is set to failed by a run that throws: the entry says it has one.
    expect(readFileSync(join(ROOT, `actions/src/entry/actions/${command}.ts`), 'utf8').includes('statusOutput: true')).toBe('status' in meta.outputs);
    expect(WITH_STATUS.has(command)).toBe('status' in meta.outputs);
  });

  test('action.yml (the umbrella): command, and every input and output of the commands, same defaults', () => {
    const meta = actionYml('action.yml');
    expect(meta.runs).toEqual({ using: 'node24', main: 'dist/actions/main.mjs' });
    const subs = COMMANDS.map((c) => actionYml(`actions/${c}/action.yml`));
    expect(Object.keys(meta.inputs).sort()).toEqual([...new Set(['command', ...subs.flatMap((s) => Object.keys(s.inputs))])].sort());
    expect(Object.keys(meta.outputs).sort()).toEqual([...new Set(subs.flatMap((s) => Object.keys(s.outputs)))].sort());
    for (const s of subs) for (const [name, spec] of Object.entries(s.inputs)) expect(meta.inputs[name]?.default, name).toBe(spec.default);
    for (const spec of [...Object.values(meta.inputs), ...Object.values(meta.outputs)]) expect(spec.description).toMatch(/\S{3}/);
    // Each command's own description of each input and output, word for word, under its name
    // (`bump: …`, or `bump/promote: …` where several say the same); an input every command that
    // has it describes alike (`branch`) is described once, as they do, under no name.
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const alike = (name: string) => new Set(subs.filter((s) => name in s.inputs).map((s) => s.inputs[name]!.description)).size === 1;
    COMMANDS.forEach((command, i) => {
      for (const kind of ['inputs', 'outputs'] as const) {
        for (const [name, spec] of Object.entries(subs[i]![kind])) {
          if (kind === 'inputs' && alike(name) && meta.inputs[name]!.description === spec.description) continue;
          expect(meta[kind][name]!.description, `${command} ${kind} ${name}`).toMatch(new RegExp(`(?:^|\\s)(?:[a-z]+/)*${command}(?:/[a-z]+)*: ${escape(spec.description!)}`));
        }
      }
    });
  });

  test('dist/ is what scripts/build.mjs builds from the sources: the CLI and every action bundle (build --check)', () => {
    const bundles = readdirSync(join(ROOT, 'dist/actions')).filter((f) => f.endsWith('.mjs')).sort();
    expect(bundles).toEqual([...COMMANDS, 'main'].map((c) => `${c}.mjs`).sort());
    const out = execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--check'], { encoding: 'utf8' });
    expect(out).toMatch(/^dist\/ is up to date/);
  });
});

describe('bad inputs: a usage error naming the input, before anything is read', () => {
  test.each([
    ['bump', ['repo', 'env', 'app', 'image']],
    ['promote', ['repo', 'from', 'to']],
    ['rollback', ['repo', 'env', 'app']],
    ['block', ['repo', 'app', 'image', 'reason']],
    ['unblock', ['repo', 'app', 'image', 'reason']],
    ['status', ['repo']],
    ['history', ['repo']],
    ['audit', ['repo']],
    ['validate', ['repo']],
    ['analyze', ['template']],
  ])('%s without inputs: every missing input named', async (command, missing) => {
    const r = await step(command, {});
    expect(r.code).toBe(1);
    // (validate reads either a branch of repo or the files of a worktree: it names both.)
    const required = command === 'validate' ? 'is required (or worktree: the files on disk in a directory)' : 'is required';
    for (const name of missing) expect(errors(r)).toContain(`::error title=ferry ${command}%3A bad input::${name}: ${required}`);
    expect(errors(r).at(-1)).toBe(`::error::ferry ${command}: ${missing.length} problem${missing.length === 1 ? '' : 's'} in the inputs (see the annotations); nothing written`);
    expect(r.outputs).toEqual(WITH_STATUS.has(command) ? { status: 'failed' } : {});
    expect(r.summary).toContain(`### ferry ${command} failed`);
  });

  test.each([
    ['main', {}, 'command', 'is required (one of bump, promote, rollback, block, unblock, status, history, audit, validate, analyze)'],
    ['main', { command: 'init' }, 'command', 'expected one of bump, promote, rollback, block, unblock, status, history, audit, validate, analyze, found "init"'],
    ['bump', { 'dry-run': 'yes' }, 'dry-run', 'expected true or false, found "yes"'],
    ['bump', { 'max-attempts': '0' }, 'max-attempts', 'expected a whole number from 1 to 1000, found "0"'],
    ['promote', { 'max-attempts': '1e3' }, 'max-attempts', 'expected a whole number from 1 to 1000, found "1e3"'],
    ['promote', { apps: 'user-service', expect: 'user-service@sha256:abc' }, 'expect', 'expected <app>@sha256:<64 lowercase hex digits> (or <app>@<the target\'s digest, ref-sha256:<64 hex>, or none>..sha256:<64 lowercase hex digits>), found "user-service@sha256:abc"'],
    ['promote', { all: 'true', expect: `user-service@sha256:${'a'.repeat(64)}\nuser-service@sha256:${'b'.repeat(64)}` }, 'expect', '"user-service" is given more than once'],
    ['rollback', { steps: 'two' }, 'steps', 'expected a whole number from 1 to 1000, found "two"'],
    ['promote', { override: 'soak' }, 'reason', 'is required with override: override names the gate, reason says why'],
    ['promote', { reason: 'hotfix' }, 'override', 'is required with reason: override names the gate, reason says why'],
    ['audit', { format: 'xml' }, 'format', 'expected json or md, found "xml"'],
  ])('%s with %j: %s named', async (action, inputs, name, message) => {
    const r = await step(action, { repo: '/nonexistent', env: 'dev', app: 'a', image: 'x', from: 'dev', to: 'stage', ...inputs });
    expect(r.code).toBe(1);
    expect(errors(r)).toContain(`::error title=ferry${action === 'main' ? '' : ` ${action}`}%3A bad input::${name}: ${message}`);
  });

  test('the umbrella runs the command named: the same outputs as its own action', async () => {
    const repo = await templateRepo();
    const inputs = { repo, env: 'dev', app: 'user-service', image: templateImage('user-service', '3.0.0'), 'dry-run': 'true' };
    const own = await step('bump', inputs);
    const umbrella = await step('main', { ...inputs, command: 'bump' });
    expect(own.code, own.stdout).toBe(0);
    expect(umbrella.code, umbrella.stdout).toBe(0);
    expect(umbrella.outputs).toEqual(own.outputs);
    expect(own.outputs).toMatchObject({ status: 'planned', commit: remoteHead(repo) });
  });
});

describe('from source: errors name the action\'s inputs, a failure sets status, inputs are one line', () => {
  test.each([
    ['analyze', { template: '/nonexistent/t.yaml', window: 'abc' }, 'window: expected a duration like 30m or 2h, found "abc"'],
    ['analyze', { template: '/nonexistent/t.yaml', compare: 'bad' }, 'compare: expected <metric>:<increase|decrease|either>[:<effect size>] (the change that is bad), found "bad"'],
    ['analyze', { template: '/nonexistent/t.yaml' }, 'template: cannot read "/nonexistent/t.yaml": ENOENT'],
    ['promote', { repo: '/nonexistent', from: 'dev', to: 'stage' }, 'apps: give apps (one or more) or all: true'],
    ['promote', { repo: '/nonexistent', from: 'dev', to: 'stage', apps: 'user-service', all: 'true' }, 'apps: give apps or all: true, not both'],
    ['rollback', { repo: '/nonexistent', env: 'dev', app: 'user-service', block: 'true' }, 'reason: is required with block: true (it is recorded with the blocked digest)'],
    ['rollback', { repo: '/nonexistent', env: 'dev', app: 'user-service', to: templateImage('user-service', '1.0.0'), steps: '2' }, 'to: give to or steps, not both'],
    ['audit', { repo: '/nonexistent', since: '2026-12-01', until: '2026-01-01' }, 'until: "2026-01-01" is before since ("2026-12-01"): the range holds no commit'],
  ])('%s with %j: %s', async (action, inputs, message) => {
    const r = await sourceStep(action, inputs);
    expect(r.code).toBe(1);
    expect(errors(r)).toContain(`::error title=ferry ${action}%3A bad input::${message}`);
    expect(r.stdout).not.toMatch(/--(app|all|block|to|steps|compare|template)\b|\bsoak\b/);
    expect(r.outputs).toEqual(WITH_STATUS.has(action) ? { status: 'failed' } : {});
  });

  test('audit with a report-path of two lines, the second a workflow command: refused, naming report-path; no line of the log is a command of theirs', async () => {
    const r = await sourceStep('audit', { repo: '/nonexistent', 'report-path': 'out/report.json\n::warning title=Injected::x' });
    expect(r.code).toBe(1);
    expect(errors(r)).toContain('::error title=ferry audit%3A bad input::report-path: expected one line without control characters or line breaks, found U+000A at character 16 of "out/report.json\\n::warning title=Injected::x"');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::warning'))).toEqual([]);
  });

  test('bump of a blocked digest: the step fails with status failed', async () => {
    const repo = await templateRepo();
    const image = templateImage('user-service', '6.6.6');
    await ferryOk(['block', '--repo', repo, '--app', 'user-service', '--image', image, '--reason', 'CVE-2026-0001']);
    const head = remoteHead(repo);
    const r = await sourceStep('bump', { repo, env: 'dev', app: 'user-service', image });
    expect(r.code).toBe(1);
    expect(errors(r).join('\n')).toMatch(/blocked/);
    expect(r.outputs).toEqual({ status: 'failed' });
    expect(remoteHead(repo)).toBe(head);
  });

  test('validate of a repo that cannot be read: the step fails with status failed', async () => {
    const r = await sourceStep('validate', { repo: join(root, 'no-such-env.git') });
    expect(r.code).toBe(1);
    expect(errors(r).at(-1)).toMatch(/^::error::ferry validate: /);
    expect(r.outputs).toEqual({ status: 'failed' });
  });

  test('validate with worktree (no repo): the files on disk of a checkout, committed or not; annotated at their file and line; not with repo', async () => {
    const checkout = await mkdtemp(join(root, 'checkout-'));
    execFileSync('git', ['clone', '--quiet', await templateRepo(), checkout]);
    const head = execFileSync('git', ['-C', checkout, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const valid = await step('validate', { worktree: checkout });
    expect(valid.code, valid.stdout).toBe(0);
    expect(valid.outputs).toEqual({ status: 'succeeded', problems: '[]', report: expect.stringMatching(/\/validate\.json$/) });
    expect(valid.summary).toContain(`as committed in HEAD \`${head}\``);

    const config = await readFile(join(checkout, 'ferry.yaml'), 'utf8');
    await writeFile(join(checkout, 'ferry.yaml'), config.replace(/soak: 30m\b/, 'soak: 30min'));
    const r = await step('validate', { worktree: checkout });
    expect(r.code).toBe(1);
    expect(r.outputs.status).toBe('failed');
    expect(JSON.parse(r.outputs.problems!)).toEqual([expect.objectContaining({ file: 'ferry.yaml', field: 'environments[1].gates.soak' })]);
    expect(errors(r).some((e) => /^::error title=ferry validate%3A problem in ferry.yaml,file=ferry.yaml,line=\d+,col=\d+::/.test(e))).toBe(true);
    expect(errors(r).at(-1)).toBe(`::error::ferry validate: 1 problem in the files of ${checkout}`);
    expect(r.summary).toContain(`with changes not committed to HEAD \`${head}\``);

    const both = await step('validate', { worktree: checkout, repo: checkout });
    expect(both.code).toBe(1);
    expect(errors(both)).toContain('::error title=ferry validate%3A bad input::worktree: give worktree (the files on disk) or repo (a branch), not both');
  });
});

describe('writing actions against real env repos', () => {
  test('bump: outputs, one summary with the old and new digests, the trailers from the run', async () => {
    const repo = await templateRepo();
    const image = templateImage('user-service', '1.1.0');
    const r = await step('bump', { repo: daemon.url(repo.slice(root.length + 1)), env: 'dev', app: 'user-service', image });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toEqual({ status: 'succeeded', digest: image.split('@')[1], image, commit: remoteHead(repo), 'commit-url': '', 'pull-request-url': '' });
    expect(r.summary).toContain('### Ferry bump: user-service in dev');
    expect(r.summary).toContain(`| user-service | dev | \`1.0.0\` \`${templateImage('user-service', '1.0.0').split('@')[1]!.slice(0, 19)}\` | \`1.1.0\` \`${image.split('@')[1]!.slice(0, 19)}\` |`);
    expect(r.summary).toContain(`Pinned by commit \`${remoteHead(repo).slice(0, 12)}\``);
    expect(r.summary.match(/^### /gm)).toHaveLength(1);
    expect(r.stdout).toMatch(/::group::Plan\n::stop-commands::[0-9a-f-]{36}\n--- a\/dev\/user-service\/kustomization.yaml/);
    expect(trailers(repo)).toContain('Ferry-Source-Revision: 0123456789abcdef0123456789abcdef01234567\nFerry-Requested-By: octocat\nFerry-Run: https://github.com/acme/app/actions/runs/4242');
  });

  test('bump with white space around the image (a leading space, the "\\r" of a CRLF file): the action and the CLI pin the same image; white space inside, both refuse it, showing it', async () => {
    const image = templateImage('user-service', '1.5.0');
    const [viaAction, viaCli] = [await templateRepo(), await templateRepo()];
    const r = await step('bump', { repo: viaAction, env: 'dev', app: 'user-service', image: ` ${image}\r` });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'succeeded', image, digest: image.split('@')[1] });
    const cli = await ferry(['bump', '--repo', viaCli, '--env', 'dev', '--app', 'user-service', '--image', ` ${image}\r`, '--json']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ status: 'succeeded', image, digest: image.split('@')[1] });
    expect(readRemoteFile(viaCli, 'dev/user-service/kustomization.yaml')).toBe(readRemoteFile(viaAction, 'dev/user-service/kustomization.yaml'));

    // (A space: the action refuses a control character in any input before the command sees it.)
    const inside = image.replace(':1.5.0@', ':1.5.0 @');
    const message = `image: the reference has white space (" " at character ${inside.indexOf(' ') + 1} of ${inside.length}); expected registry/repository[:tag]@sha256:<64 lowercase hex>, found ${JSON.stringify(inside)}`;
    const refused = await step('bump', { repo: viaAction, env: 'dev', app: 'user-service', image: inside });
    expect(refused.code).toBe(1);
    expect(errors(refused).join('\n')).toContain(message);
    const cliRefused = await ferry(['bump', '--repo', viaCli, '--env', 'dev', '--app', 'user-service', '--image', inside]);
    expect(cliRefused.code).toBe(2);
    expect(cliRefused.stderr).toBe(`ferry bump: error: ${message}\n`);
  });

  test('bump: each phase in its own log group, in order, and every group closed before the next opens', async () => {
    const repo = await templateRepo();
    const r = await step('bump', { repo, env: 'dev', app: 'user-service', image: templateImage('user-service', '1.3.0') });
    expect(r.code, r.stdout).toBe(0);
    const markers = r.stdout.split('\n').filter((l) => l.startsWith('::group::') || l === '::endgroup::');
    // Balanced and never nested: group, endgroup, group, endgroup, …
    expect(markers.length % 2).toBe(0);
    expect(markers.map((m) => (m === '::endgroup::' ? 'end' : 'group'))).toEqual(markers.map((_, i) => (i % 2 ? 'end' : 'group')));
    expect(markers.filter((m) => m !== '::endgroup::').map((m) => m.slice('::group::'.length))).toEqual([
      'Inputs', 'Read the env repo', 'Plan the pin', 'Commit with git and update the branch', 'Plan', 'Outputs',
    ]);
    expect(remoteHead(repo)).toBe(r.outputs.commit);
  });

  test('promote stopped by soak: the step fails with the gate and its numbers as an error; outputs and summary say so; nothing written', async () => {
    const repo = await templateRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.2.0')]);
    const head = remoteHead(repo);
    const bumped = execFileSync('git', ['--git-dir', repo, 'log', '-1', '--format=%ct', head]).toString().trim();
    const passesAt = new Date((Number(bumped) + 30 * 60) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const r = await step('promote', { repo, from: 'dev', to: 'stage', apps: 'user-service' });
    expect(r.code).toBe(1);
    expect(errors(r)).toContainEqual(expect.stringMatching(/^::error title=ferry promote%3A gate soak fail::soak: \d+s<30m$/));
    expect(errors(r).at(-1)).toBe('::error::ferry promote: promotion dev -> stage stopped by gates (soak); nothing written');
    expect(r.outputs).toMatchObject({ status: 'stopped', verdict: 'stopped', commit: head, 'commit-url': '' });
    // (With when soak passes: the others may be promoted meanwhile.)
    expect(JSON.parse(r.outputs.gates!)).toEqual([{ gate: 'blocked', verdict: 'pass', reason: 'no digest is blocked' }, { gate: 'soak', verdict: 'fail', reason: expect.stringMatching(/^\d+s<30m$/), shortOfTime: [{ app: 'user-service', passesAt }] }]);
    expect(r.summary).toMatch(/\| soak \| \*\*fail\*\* \| \d+s&lt;30m \|/);
    // What to do, as the workflow's inputs say it: when the soak passes, or the override.
    expect(r.summary).toMatch(/\*\*Stopped by gates\*\*: nothing written \(head `[0-9a-f]{12}`\)\. The soak passes at \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\. Or let soak through with `override: soak` and a `reason:` \(recorded in the commit\)\./);
    expect(remoteHead(repo)).toBe(head);
  });

  test('promote all: true with one app\'s dev digest blocked: the others are promoted; the app left out is a warning on the run and in the summary, with the block', async () => {
    const repo = await templateRepo();
    const bad = templateImage('user-service', '1.3.0');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', bad], hoursAgo(3));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '2.3.0')], hoursAgo(3));
    await ferryOk(['block', '--repo', repo, '--app', 'user-service', '--image', bad, '--reason', 'CVE-2026-0005', '--requested-by', 'alice']);
    const warning = new RegExp(`^::warning title=ferry promote%3A user-service left out \\(blocked\\)::user-service left out of the promotion dev -> stage: ${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is blocked for app "user-service" by alice at \\S+Z: CVE-2026-0005; stage keeps \\S+:1\\.0\\.0@sha256:[0-9a-f]{64}$`, 'm');

    const r = await step('promote', { repo, from: 'dev', to: 'stage', all: 'true' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'succeeded', verdict: 'pass', commit: remoteHead(repo), 'left-out': '["user-service"]' });
    expect(trailers(repo).match(/^Ferry-App: .*$/gm)).toEqual(['Ferry-App: order-service']);
    expect(r.stdout).toMatch(warning);
    expect(r.summary).toContain('**Left out**: the digest dev pins is blocked; stage keeps what it pins');
    expect(r.summary).toMatch(/\| user-service \| `1\.0\.0` `sha256:[0-9a-f]{12}` \| `1\.3\.0` `sha256:[0-9a-f]{12}` \| blocked for app "user-service" by alice at \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ: CVE-2026-0005 \|/);

    // Every app that would change left out: skipped, nothing written, and said so (not "already pins").
    const head = remoteHead(repo);
    const again = await step('promote', { repo, from: 'dev', to: 'stage', all: 'true', 'dry-run': 'true' });
    expect(again.code, again.stdout).toBe(0);
    // (auto-promote.yml fails its run on this output: nothing moved because of a block alone.)
    expect(again.outputs).toMatchObject({ status: 'skipped', commit: head, 'left-out': '["user-service"]' });
    expect(again.stdout).toMatch(warning);
    expect(again.summary).toContain('**Nothing promoted**: the other apps are unchanged, and every app that would change is left out, as the digest dev pins is blocked');
    expect(remoteHead(repo)).toBe(head);
  });

  test('promote to prod: approvals from a list (newlines and commas), the requester\'s own not counted; verdict pass; same gates as the CLI', async () => {
    const repo = await templateRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '2.0.0')], hoursAgo(10));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'order-service'], hoursAgo(5));
    const cli = await ferry(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', 'order-service', '--requested-by', 'alice', '--approved-by', 'alice', '--approved-by', 'bob', '--dry-run', '--json']);
    const r = await step('promote', { repo, from: 'stage', to: 'prod', apps: 'order-service', 'requested-by': 'alice', 'approved-by': 'alice\nbob, carol' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'succeeded', verdict: 'pass', commit: remoteHead(repo) });
    const gates = JSON.parse(r.outputs.gates!);
    expect(gates).toContainEqual({ gate: 'approvals', verdict: 'pass', reason: '2/1, the requester\'s own approval does not count' });
    expect(gates.map((g: { gate: string }) => g.gate)).toEqual(JSON.parse(cli.stdout).gates.map((g: { gate: string }) => g.gate));
    expect(trailers(repo)).toMatch(/Ferry-Requested-By: alice\nFerry-Approved-By: bob\nFerry-Approved-By: carol\nFerry-Run: /);
    expect(r.summary).toContain('### Ferry promote: stage → prod: pass');
    expect(r.summary).toContain('Requested by alice; approved by bob, carol.');
    expect(JSON.parse(cli.stdout)).toMatchObject({ requestedBy: 'alice', approvedBy: ['bob'] });
  });

  test('promote with expect: the plan output of a dry run is the plan written, or nothing is; stage moved on meanwhile: the step fails naming old -> new, nothing written', async () => {
    const repo = await templateRepo();
    const digest = (tag: string) => templateImage('user-service', tag).split('@')[1]!;
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.1.0')], hoursAgo(6));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service'], hoursAgo(5));
    const inputs = { repo, from: 'stage', to: 'prod', all: 'true', 'requested-by': 'alice', 'approvals-from': 'none' };
    // As promote.yml's plan job: before any approval, awaiting it, the plan shown.
    const plan = await step('promote', { ...inputs, 'dry-run': 'true' });
    // (The source's digest over what prod pins: the plan as --expect binds it whole, as --json's expect gives it.)
    const prod = /sha256:[0-9a-f]{64}/.exec(readRemoteFile(repo, 'prod/user-service/kustomization.yaml') ?? '')![0];
    expect(plan.outputs).toMatchObject({ status: 'planned', verdict: 'awaiting-approval', plan: `user-service@${prod}..${digest('1.1.0')}` });
    expect(plan.outputs.plan).toBe(JSON.parse(readFileSync(plan.outputs.report!, 'utf8')).expect);
    // A bump and a promotion land in stage while the reviewers read the plan.
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.2.0')], hoursAgo(4));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service'], hoursAgo(3));
    const head = remoteHead(repo);
    const r = await step('promote', { ...inputs, 'approved-by': 'bob', expect: plan.outputs.plan! });
    expect(r.code, r.stdout).toBe(1);
    // (With the commit that changed stage: its id, author and subject.)
    expect(errors(r).at(-1)).toMatch(new RegExp(`^${escapeRegExp(`::error::ferry promote: the promotion from stage to prod is not the plan expected (the plan shown, which its approvals were given for): user-service: expected ${digest('1.1.0').slice(0, 19)} (--expect), stage pins 1.2.0 (${digest('1.2.0').slice(0, 19)}) (changed by commit ${head.slice(0, 12)} of `)}"[^"]+"(, requested by "[^"]+")?${escapeRegExp(`: "promote(stage): user-service 1.2.0 (${digest('1.2.0').slice(0, 19)}) from dev"); nothing written. Look first (ferry status, ferry history); a new run plans again on what is there now, to be shown and approved`)}$`));
    expect(r.outputs).toEqual({ status: 'failed' });
    expect(remoteHead(repo)).toBe(head);

    const again = await step('promote', { ...inputs, 'dry-run': 'true' });
    expect(again.outputs.plan).toBe(`user-service@${prod}..${digest('1.2.0')}`);
    const promoted = await step('promote', { ...inputs, 'approved-by': 'bob', expect: again.outputs.plan! });
    expect(promoted.code, promoted.stdout).toBe(0);
    expect(promoted.outputs).toMatchObject({ status: 'succeeded', commit: remoteHead(repo), plan: `user-service@${prod}..${digest('1.2.0')}` });
    expect(readRemoteFile(repo, 'prod/user-service/kustomization.yaml')).toContain(digest('1.2.0'));
    // Nothing left to promote: skipped, and the plan output empty.
    const skipped = await step('promote', { ...inputs, 'approved-by': 'bob', expect: again.outputs.plan! });
    expect(skipped.code, skipped.stdout).toBe(0);
    expect(skipped.outputs).toMatchObject({ status: 'skipped', plan: '' });
  });

  test('promote with expect, the target moved while the reviewers read the plan (a rollback there): refused, naming the commit and who made it; nothing written', async () => {
    const repo = await templateRepo();
    const digest = (tag: string) => templateImage('user-service', tag).split('@')[1]!;
    for (const [tag, at] of [['1.1.0', 20], ['1.2.0', 14]] as const) {
      await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', tag), '--requested-by', 'gina'], hoursAgo(at));
      await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service'], hoursAgo(at - 1));
      await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', 'user-service', '--requested-by', 'rm', '--approved-by', 'bob'], hoursAgo(at - 4));
    }
    // Dev ran 1.2.5 between prod's 1.2.0 and 1.3.0.
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.2.5'), '--requested-by', 'carol', '--source-revision', '1111111'], hoursAgo(6));
    const bumped = hoursAgo(5);
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.3.0'), '--requested-by', 'gina', '--source-revision', '2e5f2917a7542e5f2917a7542e5f2917a7542e5f'], bumped);
    const bump = remoteHead(repo);
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--requested-by', 'rm'], hoursAgo(4));
    const inputs = { repo, from: 'stage', to: 'prod', all: 'true', 'requested-by': 'alice', 'approvals-from': 'none' };
    const plan = await step('promote', { ...inputs, 'dry-run': 'true' });
    expect(plan.outputs.plan).toBe(`user-service@${digest('1.2.0')}..${digest('1.3.0')}`);
    // What the reviewers read: where 1.3.0 comes from, and what dev ran between prod's 1.2.0 and it.
    expect(plan.summary).toMatch(/\| user-service \| `1\.2\.0` `sha256:[0-9a-f]{12}` \| `1\.3\.0` `sha256:[0-9a-f]{12}` \| [\d-]+ [\d:]+Z \(`[0-9a-f]{12}`\), promoted by rm \|/);
    expect(plan.summary).toContain(`| user-service | \`2e5f2917a754\` | ${bumped.replace('T', ' ')} into dev by gina (\`${bump.slice(0, 12)}\`) | \`1.2.5\` \`${digest('1.2.5').slice(0, 19)}\` by carol, revision \`1111111\` |`);
    // An incident: on-call rolls prod back while the reviewers read the plan.
    await ferryOk(['rollback', '--repo', repo, '--env', 'prod', '--app', 'user-service', '--reason', 'INC-7', '--requested-by', 'oncall']);
    const head = remoteHead(repo);
    const r = await step('promote', { ...inputs, 'approved-by': 'bob', expect: plan.outputs.plan! });
    expect(r.code, r.stdout).toBe(1);
    const refusal = `user-service: expected prod to pin ${digest('1.2.0').slice(0, 19)} (--expect), prod pins 1.1.0 (${digest('1.1.0').slice(0, 19)}) (changed by commit ${head.slice(0, 12)} of `;
    expect(errors(r).at(-1)).toContain(`::error::ferry promote: the promotion from stage to prod is not the plan expected (the plan shown, which its approvals were given for): ${refusal}`);
    expect(errors(r).at(-1)).toContain(', requested by "oncall": "rollback(prod): user-service ');
    expect(r.outputs).toEqual({ status: 'failed' });
    expect(remoteHead(repo)).toBe(head);
    expect(readRemoteFile(repo, 'prod/user-service/kustomization.yaml')).toContain(digest('1.1.0'));
    // The summary says it as the log does.
    expect(r.summary).toContain('### ferry promote failed');
    expect(r.summary).toContain(refusal);
  });

  test('promote all with expect: an app that reached the source after the plan is held back, said in the summary and the log, not promoted', async () => {
    const repo = await templateRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.1.0')], hoursAgo(6));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service'], hoursAgo(5));
    const inputs = { repo, from: 'stage', to: 'prod', all: 'true', 'requested-by': 'alice', 'approvals-from': 'none' };
    const plan = await step('promote', { ...inputs, 'dry-run': 'true' });
    expect(plan.outputs.plan).toMatch(/^user-service@sha256:[0-9a-f]{64}\.\.sha256:[0-9a-f]{64}$/);
    // order-service reaches stage while the reviewers read a plan without it.
    const order = templateImage('order-service', '2.0.0');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'order-service', '--image', order], hoursAgo(4));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'order-service', '--requested-by', 'mallory'], hoursAgo(3));
    const r = await step('promote', { ...inputs, 'approved-by': 'bob', expect: plan.outputs.plan! });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'succeeded', plan: plan.outputs.plan });
    expect(readRemoteFile(repo, 'prod/order-service/kustomization.yaml')).not.toContain(order.split('@')[1]);
    expect(r.summary).toContain('**Held back**: not in the plan given (`expect`); prod keeps what it pins, and a new run plans them');
    expect(r.summary).toMatch(new RegExp(`\\| order-service \\| \`1\\.0\\.0\` \`sha256:[0-9a-f]{12}\` \\| \`2\\.0\\.0\` \`${order.split('@')[1]!.slice(0, 19)}\` \\| [\\d-]+ [\\d:]+Z \\(\`[0-9a-f]{12}\`\\), by mallory \\|`));
    expect(r.stdout).toContain(`order-service  held back: not in the plan given (expect): stage pins ${order}; prod keeps `);
  });

  // promote.yml's plan job: its dry run, then its step "Only the approvals wait" (bash -e, as the
  // runner runs it) on the report the action wrote. Reviewers are asked only when approvals is all
  // that stops the plan.
  test('promote.yml plan job: a plan stopped by its soak too fails before any reviewer is asked; stopped by approvals alone, it goes on to them', async () => {
    const gateStep = (parseYaml(readFileSync(join(ROOT, 'workflows/promote.yml'), 'utf8')) as { jobs: { plan: { steps: Array<{ name?: string; run?: string }> } } })
      .jobs.plan.steps.find((s) => s.name === 'Only the approvals wait');
    const runGate = (report: string) => spawnSync('bash', ['-e', '-c', gateStep!.run!], { env: { PATH: process.env.PATH, REPORT: report, OVERRIDE: '' }, encoding: 'utf8' });
    const repo = await templateRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.1.0')], hoursAgo(6));
    // The reviewer's repro: stage ahead of prod by an image promoted a second ago.
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service']);
    const inputs = { repo, from: 'stage', to: 'prod', all: 'true', 'requested-by': 'alice', 'approvals-from': 'none', 'dry-run': 'true' };
    const young = await step('promote', inputs);
    expect(young.code).toBe(1);
    expect(young.outputs).toMatchObject({ status: 'stopped', verdict: 'stopped', plan: expect.stringMatching(/^user-service@sha256:/) });
    const stopped = runGate(young.outputs.report!);
    expect(stopped.status, stopped.stdout).toBe(1);
    expect(stopped.stdout).toMatch(/^::error::no reviewer is asked: the plan is stopped by more than its approvals \(soak fail\)/);

    // Soaked since: approvals alone stop it, and the reviewers are asked.
    const soaked = await templateRepo();
    await ferryOk(['bump', '--repo', soaked, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.1.0')], hoursAgo(6));
    await ferryOk(['promote', '--repo', soaked, '--from', 'dev', '--to', 'stage', '--app', 'user-service'], hoursAgo(5));
    const ready = await step('promote', { ...inputs, repo: soaked });
    // Awaiting approval, not stopped: the step succeeds, with a notice, no error.
    expect(ready.code, ready.stdout).toBe(0);
    expect(errors(ready)).toEqual([]);
    expect(ready.stdout).toMatch(/^::notice title=ferry promote%3A awaiting approval::ferry promote: stage -> prod awaits approval \(approvals: 0\/1\); every other gate passes; nothing written \(dry run\)$/m);
    expect(ready.outputs).toMatchObject({ status: 'planned', verdict: 'awaiting-approval', plan: expect.stringMatching(/^user-service@sha256:/) });
    expect(ready.summary).toContain('### Ferry promote: stage → prod: awaiting approval\n');
    expect(ready.summary).not.toContain('Stopped');
    expect(runGate(ready.outputs.report!)).toMatchObject({ status: 0, stdout: '' });
    // The requester's own approval given as approved-by stops it, as it stops a proposal (it would stop the promote job).
    const self = await step('promote', { ...inputs, repo: soaked, 'approved-by': 'alice' });
    expect(self.code).toBe(1);
    expect(self.outputs).toMatchObject({ status: 'stopped', verdict: 'stopped' });
    expect(errors(self).at(-1)).toBe('::error::ferry promote: promotion stage -> prod stopped by gates (approvals); nothing written');
  });

  test('rollback, then block and unblock: outputs of each', async () => {
    const repo = await templateRepo();
    const [one, two] = [templateImage('user-service', '1.1.0'), templateImage('user-service', '1.2.0')];
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', one]);
    const pinnedOne = remoteHead(repo); // (the pin gone back to: to-commit)
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', two]);
    const back = await step('rollback', { repo, env: 'dev', app: 'user-service', block: 'true', reason: 'crash loop' });
    expect(back.code, back.stdout).toBe(0);
    expect(back.outputs).toEqual({ status: 'succeeded', image: one, 'previous-image': two, 'previous-digest': two.split('@')[1], 'to-commit': pinnedOne, commit: remoteHead(repo), 'commit-url': '' });
    expect(readRemoteFile(repo, 'blocked.yaml')).toContain(two.split('@')[1]);
    const again = await step('block', { repo, app: 'user-service', image: two, reason: 'crash loop' });
    expect(again.outputs).toMatchObject({ status: 'skipped', commit: remoteHead(repo) });
    const unblock = await step('unblock', { repo, app: 'user-service', image: two, reason: 'fixed upstream' });
    expect(unblock.code, unblock.stdout).toBe(0);
    expect(unblock.outputs).toMatchObject({ status: 'succeeded', commit: remoteHead(repo) });
    expect(unblock.summary).toContain('Unblocked by commit');
  });

  test('rollback dry run with block: the plan says "would be blocked" (not "now blocked"), the summary names the block, and both show the blocked.yaml change; nothing written', async () => {
    const repo = await templateRepo();
    const [one, two] = [templateImage('user-service', '1.1.0'), templateImage('user-service', '1.2.0')];
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', one]);
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', two]);
    const head = remoteHead(repo);
    const r = await step('rollback', { repo, env: 'dev', app: 'user-service', block: 'true', reason: 'crash loop', 'dry-run': 'true' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'planned', image: one, 'previous-image': two, 'previous-digest': two.split('@')[1], commit: head });
    const plan = r.stdout.slice(r.stdout.indexOf('::group::Plan\n'), r.stdout.indexOf('::endgroup::', r.stdout.indexOf('::group::Plan\n')));
    expect(plan).toContain(`${two} (would be blocked)\n  -> ${one}\n`);
    expect(plan).not.toContain('now blocked');
    expect(plan).toContain('+++ b/blocked.yaml\n');
    expect(r.summary).toContain(`Dry run: nothing written (head \`${head.slice(0, 12)}\`); \`1.2.0\` \`${two.split('@')[1]!.slice(0, 19)}\` would be blocked (blocked.yaml).`);
    expect(r.summary).toContain('<details><summary>Diff of dev/user-service/kustomization.yaml and blocked.yaml</summary>');
    expect(r.summary).toContain(`+    digest: ${two.split('@')[1]}\n`);
    expect(remoteHead(repo)).toBe(head);
  });

  test('bump into an environment with gates: a warning annotation titled by the app and environment, not by one kind of warning', async () => {
    const repo = await templateRepo();
    const r = await step('bump', { repo, env: 'stage', app: 'user-service', image: templateImage('user-service', '1.2.0') });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/^::warning title=ferry bump%3A a warning for user-service in stage::ferry bump: stage has gates \(/m);
  });

  test('rollback without block while the environment promoted from still pins the image: a warning annotation and a summary alert (the next promotion brings it back)', async () => {
    const repo = await templateRepo();
    const [one, two] = [templateImage('user-service', '1.1.0'), templateImage('user-service', '1.2.0')];
    for (const image of [one, two]) for (const env of ['dev', 'stage']) await ferryOk(['bump', '--repo', repo, '--env', env, '--app', 'user-service', '--image', image]);
    const r = await step('rollback', { repo, env: 'stage', app: 'user-service', reason: 'p99' });
    expect(r.code, r.stdout).toBe(0);
    const warning = `dev still pins 1.2.0 (${two.split('@')[1]!.slice(0, 19)}), the image rolled back from: the next ferry promote from dev to stage (a scheduled auto-promote too) brings it back; --block blocks it (blocked.yaml) so that no promotion or bump pins it again until ferry unblock`;
    expect(r.stdout).toContain(`::warning title=ferry rollback%3A a warning for user-service in stage::ferry rollback: ${warning}\n`);
    expect(r.summary).toContain(`> [!WARNING]\n> ${warning}\n`);
    const blocked = await step('rollback', { repo, env: 'stage', app: 'user-service', block: 'true', reason: 'p99', 'dry-run': 'true' });
    expect(blocked.stdout).not.toContain('::warning');
  });

  test('promote of a digest a rollback in the target moved away from: the summary\'s plan and the log say who rolled it back, when and why; the promotion goes through', async () => {
    const repo = await templateRepo();
    const [one, two] = [templateImage('user-service', '1.1.0'), templateImage('user-service', '1.2.0')];
    for (const image of [one, two]) for (const env of ['dev', 'stage']) await ferryOk(['bump', '--repo', repo, '--env', env, '--app', 'user-service', '--image', image], hoursAgo(3));
    await ferryOk(['rollback', '--repo', repo, '--env', 'stage', '--app', 'user-service', '--reason', 'INC-11', '--requested-by', 'rm'], '2026-11-24T10:00:00Z');
    const rollback = remoteHead(repo);
    const r = await step('promote', { repo, from: 'dev', to: 'stage', all: 'true', 'requested-by': 'scheduler' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'succeeded', verdict: 'pass', commit: remoteHead(repo) });
    expect(r.summary).toContain(`**Rolled back before**: a rollback in stage moved away from the digest this promotion pins there again\n\n| app | after | rollback |\n| --- | --- | --- |\n| user-service | \`1.2.0\` \`sha256:${two.split(':').at(-1)!.slice(0, 12)}\` | rolled back from in stage by rm at 2026-11-24 10:00:00Z (commit \`${rollback.slice(0, 12)}\`): INC-11 |`);
    expect(r.stdout).toContain(`  -> ${two}\n  rolled back from in stage by rm at 2026-11-24 10:00:00Z (commit ${rollback.slice(0, 12)}): INC-11\n`);
  });

  test('rollback with from: a re-run of a rollback that went through fails (status failed) and writes nothing; the summary says what is pinned and by whom', async () => {
    const repo = await templateRepo();
    const [one, two] = [templateImage('user-service', '1.1.0'), templateImage('user-service', '1.2.0')];
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', one]);
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', two]);
    const inputs = { repo, env: 'dev', app: 'user-service', from: two, reason: 'crash loop', 'requested-by': 'alice' };
    const first = await step('rollback', inputs);
    expect(first.code, first.stdout).toBe(0);
    const head = remoteHead(repo);
    const again = await step('rollback', inputs);
    expect(again.code).toBe(1);
    expect(again.outputs.status).toBe('failed');
    expect(errors(again).at(-1)).toMatch(/^::error::ferry rollback: user-service in dev pins 1\.1\.0 \(sha256:[0-9a-f]{12}\), not 1\.2\.0 \(sha256:[0-9a-f]{12}\) as --from says; nothing written\.%0A/);
    expect(again.summary).toContain('(ferry rollback requested by "alice", reason "crash loop"); it was itself a rollback from 1.2.0');
    expect(again.summary).toContain('the image --from names: that rollback has been made.');
    expect(remoteHead(repo)).toBe(head);
  });

  test('a bad ferry.yaml: each problem an error annotation with its file, line and column in its text, not as file= (GitHub would look in the app repo), naming the env repo and the head read', async () => {
    const repo = await templateRepo();
    await commitByHand(repo, { 'ferry.yaml': readRemoteFile(repo, 'ferry.yaml')!.replace('    promoteFrom: dev\n', '    promoteFrom: dev\n    sok: 30m\n') }, 'typo');
    const line = readRemoteFile(repo, 'ferry.yaml')!.split('\n').indexOf('    sok: 30m') + 1;
    // The env repo as a URL with a password in it: named everywhere without it.
    const url = `file://alice:s3cretpw@${repo}`;
    const shown = `file://***@${repo}`;
    for (const [action, inputs] of [['bump', { env: 'dev', app: 'user-service', image: templateImage('user-service', '1.3.0') }], ['validate', {}]] as const) {
      const r = await step(action, { repo: url, ...inputs });
      expect(r.code).toBe(1);
      expect(errors(r)).toContainEqual(`::error title=ferry ${action}%3A problem in ferry.yaml (env repo ${shown.replace(/:/g, '%3A')}%2C branch main)::ferry.yaml:${line}:5: environments[1]: unknown key "sok" (expected one of name, promoteFrom, gates)`);
      expect(errors(r).filter((l) => /^::error [^:]*(file|line|col)=/.test(l))).toEqual([]);
      if (action === 'validate') expect(r.outputs.status).toBe('failed');
      expect(r.summary).toContain(`\`ferry.yaml:${line}:5\``);
      expect(r.summary).toContain(`Env repo \`${shown}\`, branch \`main\``);
      // The head the broken ferry.yaml was read at.
      expect(r.summary).toContain(action === 'bump' ? `Env repo \`${shown}\`, branch \`main\`, head \`${remoteHead(repo).slice(0, 12)}\`.` : `1 problem at \`${remoteHead(repo).slice(0, 12)}\``);
      expect(unmasked(r)).not.toContain('s3cretpw');
    }
  });

  test('a bump that fails before it reads the env repo (nothing there): the summary names the env repo and branch, with the error', async () => {
    const r = await step('bump', { repo: `https://x-access-token:${TOKEN}@127.0.0.1:1/acme/env.git`, branch: 'release', env: 'dev', app: 'user-service', image: templateImage('user-service', '1.3.0') });
    expect(r.code).toBe(1);
    expect(r.summary).toMatch(/^### ferry bump failed\n\nEnv repo `https:\/\/\*\*\*@127\.0\.0\.1:1\/acme\/env\.git`, branch `release`\.\n\n```text\nclone https:\/\/\*\*\*@127\.0\.0\.1:1\/acme\/env\.git \(branch release\) failed: /);
    expect(unmasked(r)).not.toContain(TOKEN.slice(4));
  });
});

describe('reading actions: the same results as the CLI', () => {
  test('status and history: the JSON outputs are what `ferry <command> --json` prints', async () => {
    const repo = await templateRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.4.0'), '--requested-by', 'alice']);
    for (const [action, output] of [['status', 'status-json'], ['history', 'history-json']] as const) {
      const r = await step(action, { repo });
      expect(r.code, r.stdout).toBe(0);
      expect(JSON.parse(r.outputs[output]!)).toEqual(JSON.parse((await ferry([action, '--repo', repo, '--json'])).stdout));
    }
  });

  test('status-json\'s description names every field `ferry status --json` prints: a row\'s blocked entry, and the warning of a blocked.yaml that does not read', async () => {
    const described = actionYml('actions/status/action.yml').outputs['status-json']!.description!;
    const shape = described.slice(described.indexOf('`{'), described.indexOf('}`') + 2);
    const names = (text: string) => new Set(text.match(/[A-Za-z]+/g));
    const named = names(shape);
    const blocked = await templateRepo();
    await ferryOk(['block', '--repo', blocked, '--app', 'user-service', '--image', templateImage('user-service', '1.0.0'), '--reason', 'INC-77', '--requested-by', 'oncall']);
    const broken = await templateRepo();
    await commitByHand(broken, { 'blocked.yaml': 'blocked: [oops\n' }, 'hand edit');
    const missing = new Set<string>();
    for (const repo of [blocked, broken]) {
      const out = JSON.parse((await ferry(['status', '--repo', repo, '--json'])).stdout) as Record<string, unknown> & { rows: Record<string, unknown>[] };
      for (const key of Object.keys(out)) if (!named.has(key)) missing.add(key);
      for (const row of out.rows) {
        for (const [key, value] of Object.entries(row)) {
          if (!named.has(key)) missing.add(`rows[].${key}`);
          if (value && typeof value === 'object') for (const inner of Object.keys(value)) if (!named.has(inner)) missing.add(`rows[].${key}.${inner}`);
        }
      }
    }
    expect(JSON.parse((await ferry(['status', '--repo', broken, '--json'])).stdout)).toHaveProperty('warning');
    expect([...missing]).toEqual([]);
    expect(shape).toContain('blocked: {app, reason, by, at}');
  });

  test('history with a broken ferry.yaml: the timeline all the same, the reason as a warning annotation and in the summary', async () => {
    const repo = await templateRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.5.0'), '--requested-by', 'alice']);
    const none = await step('history', { repo, app: 'order-service', env: 'prod' });
    expect(none.summary).toContain('No Ferry commits for app `order-service` in `prod`.');
    await commitByHand(repo, { 'ferry.yaml': readRemoteFile(repo, 'ferry.yaml')!.replace('promoteFrom: dev', 'promoteFrom: devv') }, 'typo');
    const r = await step('history', { repo, app: 'user-service' });
    expect(r.code, r.stdout).toBe(0);
    const out = JSON.parse(r.outputs['history-json']!);
    expect(out).toMatchObject({ app: 'user-service', warning: expect.stringMatching(/^could not read ferry\.yaml, the history is from the commits' trailers alone: ferry\.yaml:\d+:\d+: .*"devv"/) });
    expect(out.events.map((e: { action: string; app?: string }) => `${e.action} ${e.app ?? ''}`)).toEqual(['bump user-service']);
    expect(r.stdout).toMatch(/^::warning title=ferry history%3A ferry\.yaml could not be read::ferry history: could not read ferry\.yaml/m);
    expect(r.summary).toContain('**Warning**: could not read ferry.yaml');
  });

  test('status with a blocked.yaml that does not read: the table all the same, the step succeeds, the reason as a warning annotation and a summary alert', async () => {
    const repo = await templateRepo();
    await commitByHand(repo, { 'blocked.yaml': 'blocked:\n  - app: x\n    digest: sha256:abc\n    reason: r\n' }, 'hand edit');
    const r = await step('status', { repo });
    expect(r.code, r.stdout).toBe(0);
    const warning = 'blocked.yaml does not read (blocked.yaml:3:13: blocked[0].digest: expected sha256:<64 lowercase hex digits>, found "sha256:abc"): digests not checked against it';
    const out = JSON.parse(r.outputs['status-json']!);
    expect(out).toMatchObject({ status: 'succeeded', warning });
    expect(out.rows.length).toBeGreaterThan(0);
    expect(out).toEqual(JSON.parse((await ferry(['status', '--repo', repo, '--json'])).stdout));
    expect(r.stdout).toContain(`::warning title=ferry status%3A blocked.yaml could not be read::ferry status: ${warning}\n`);
    expect(r.summary).toContain('> [!WARNING]\n> blocked.yaml does not read (blocked.yaml:3:13: blocked\\[0\\].digest: expected sha256:&lt;64 lowercase hex digits&gt;, found "sha256:abc"): digests not checked against it\n');
    expect(r.summary).toContain('| user-service |');
  });

  test('audit: a manual edit fails the step; verdict, count, and the JSON report in RUNNER_TEMP', async () => {
    const repo = await templateRepo();
    const path = 'prod/user-service/kustomization.yaml';
    await commitByHand(repo, { [path]: readRemoteFile(repo, path)!.replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${templateImage('user-service', '6.6.6').split('@')[1]}`) }, 'hotfix by hand');
    const r = await step('audit', { repo });
    expect(r.code).toBe(1);
    // (unrecorded-change, and skipped-stage: a digest stage never had, pinned in prod by hand.)
    expect(r.outputs).toMatchObject({ verdict: 'fail', violations: '2' });
    expect(r.outputs.report).toMatch(/\/ferry-audit-[^/]+\/audit\.json$/);
    const report = JSON.parse(await readFile(r.outputs.report!, 'utf8'));
    expect(report).toEqual(JSON.parse((await ferry(['audit', '--repo', repo, '--json'])).stdout));
    expect(errors(r)).toContainEqual(expect.stringMatching(/^::error title=ferry audit%3A unrecorded-change::[0-9a-f]{12} prod\/user-service: prod\/user-service\/kustomization.yaml changed in a commit without Ferry trailers/));
    expect(r.summary).toContain('### Ferry audit: fail');
  });

  test('two audit steps of one job (one RUNNER_TEMP), one per environment: each keeps its own report', async () => {
    const repo = await templateRepo();
    const path = 'prod/user-service/kustomization.yaml';
    await commitByHand(repo, { [path]: readRemoteFile(repo, path)!.replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${templateImage('user-service', '6.6.6').split('@')[1]}`) }, 'hotfix by hand');
    const temp = await mkdtemp(join(root, 'runner-temp-'));
    const prod = await step('audit', { repo, env: 'prod' }, { RUNNER_TEMP: temp });
    const stage = await step('audit', { repo, env: 'stage' }, { RUNNER_TEMP: temp });
    expect([prod.outputs.verdict, stage.outputs.verdict]).toEqual(['fail', 'pass']);
    expect(prod.outputs.report).not.toBe(stage.outputs.report);
    // The first step's report is still the first step's (it was overwritten by the second's).
    expect(JSON.parse(await readFile(prod.outputs.report!, 'utf8'))).toMatchObject({ env: 'prod', violations: [{ rule: 'unrecorded-change', env: 'prod' }, { rule: 'skipped-stage', env: 'prod' }] });
    expect(JSON.parse(await readFile(stage.outputs.report!, 'utf8'))).toMatchObject({ env: 'stage', violations: [] });
  });
});

/** The bound of an output that holds JSON (action-runtime.ts, MAX_OUTPUT_BYTES): 64 KiB of UTF-8. */
const MAX_OUTPUT_BYTES = 65_536;

/** The `::warning` lines of a step's log. */
function warnings(r: Pick<StepResult, 'stdout'>): string[] {
  return r.stdout.split('\n').filter((l) => l.startsWith('::warning'));
}

describe('large results: the whole JSON in a file (the report output); an output of more than 64 KiB left out, with a warning that names the file', () => {
  /** The JSON of the report file a step's `report` output names: in RUNNER_TEMP (under root), as `ferry <command> --json` prints it. */
  async function reportOf(r: StepResult): Promise<{ text: string; json: unknown }> {
    const path = r.outputs.report ?? '';
    expect(path.startsWith(`${root}/`), path).toBe(true);
    const text = await readFile(path, 'utf8');
    return { text, json: JSON.parse(text) };
  }

  /** The warning of an output left out: its title names it, its text the size and the report file. */
  function expectLeftOut(r: StepResult, command: string, output: string, json: unknown): void {
    const bytes = Buffer.byteLength(JSON.stringify(json));
    expect(bytes).toBeGreaterThan(MAX_OUTPUT_BYTES);
    expect(r.outputs[output]).toBe('');
    expect(warnings(r)).toEqual([
      `::warning title=ferry ${command}%3A ${output} left out::ferry ${command}: the ${output} output is left out: its JSON is ${bytes.toLocaleString('en')} bytes, more than the 65,536 an output of Ferry holds (GitHub takes at most 1 MB of outputs per job; a later step's env or input at most 128 KiB per value); the whole result is in ${r.outputs.report}, the file the report output names`,
    ]);
  }

  /** What the summary says of a table cut at 100 rows. */
  const more = (n: number) => `… and ${n} more (the action's report has them all: the JSON file its \`report\` output names).`;

  test('status of 150 apps: status-json left out; the report holds what `ferry status --json` prints', async () => {
    const repo = join(root, `large-status-${++counter}.git`);
    await createEnvRepo({ dir: repo, apps: 150 });
    const r = await step('status', { repo });
    expect(r.code, r.stdout).toBe(0);
    const { json } = await reportOf(r);
    expect(json).toEqual(JSON.parse((await ferry(['status', '--repo', repo, '--json'])).stdout));
    expectLeftOut(r, 'status', 'status-json', json);
    expect(r.summary).toContain(more(50));
  });

  test('history of 1,000 commits: history-json left out; the report holds what `ferry history --json` prints', async () => {
    const repo = join(root, `large-history-${++counter}.git`);
    await createEnvRepo({ dir: repo, apps: 50, history: 1000 });
    const r = await step('history', { repo });
    expect(r.code, r.stdout).toBe(0);
    const { json } = await reportOf(r);
    expect(json).toEqual(JSON.parse((await ferry(['history', '--repo', repo, '--json'])).stdout));
    expectLeftOut(r, 'history', 'history-json', json);
    expect(r.summary).toContain(more(900));
  });

  test('promote all of 600 apps whose soak cannot be told: gates left out; the report holds the plan, every gate and every diff', async () => {
    const repo = join(root, `large-promote-${++counter}.git`);
    await createEnvRepo({ dir: repo, apps: 600 });
    // Stage soaks; every dev pin changed by hand: the soak gate cannot tell since when, app by app.
    const dev = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`dev/${appName(i)}/kustomization.yaml`, overlay(appName(i), 'dev', '2.0.0', digestOf(`${appName(i)} 2.0.0`))]));
    await commitByHand(repo, { 'ferry.yaml': ferryYaml(600).replace('    promoteFrom: dev\n', '    promoteFrom: dev\n    gates: { soak: 30m }\n'), ...dev }, 'dev by hand');
    const head = remoteHead(repo);
    const r = await step('promote', { repo, from: 'dev', to: 'stage', all: 'true', 'dry-run': 'true', 'approvals-from': 'none' });
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ status: 'stopped', verdict: 'stopped', commit: head, 'left-out': '[]' });
    const { json } = await reportOf(r);
    const plan = json as { gates: { gate: string; verdict: string; reason: string }[]; promotions: { app: string; diff: string }[] };
    expect(plan.gates.map((g) => `${g.gate} ${g.verdict}`)).toEqual(['blocked pass', 'soak error']);
    expect(plan.gates[1]!.reason).toContain(`${appName(599)}: `);
    expect(plan.promotions.map((p) => p.app)).toEqual(Array.from({ length: 600 }, (_, i) => appName(i)));
    expect(plan.promotions.every((p) => p.diff.includes('+    newTag: 2.0.0'))).toBe(true);
    // The gates, and the plan too: 600 apps, each from its digest over stage's, are more than an
    // output holds (promote.yml's plan job then fails: a plan too long to pass on binds nothing).
    const expected = (json as { expect: string }).expect;
    expect(expected.split(',')).toHaveLength(600);
    expect(Buffer.byteLength(expected)).toBeGreaterThan(MAX_OUTPUT_BYTES);
    expect(r.outputs.plan).toBe('');
    const [gatesLeftOut, planLeftOut] = warnings(r);
    expect(warnings(r)).toHaveLength(2);
    expectLeftOut({ ...r, stdout: gatesLeftOut! }, 'promote', 'gates', plan.gates);
    expect(planLeftOut).toContain(`::warning title=ferry promote%3A plan left out::ferry promote: the plan output is left out: `);
    expect(planLeftOut).toContain(`${Buffer.byteLength(expected).toLocaleString('en')} bytes, more than the 65,536 an output of Ferry holds`);
    expect(r.summary).toContain(more(500));
    expect(remoteHead(repo)).toBe(head);
  });

  test('validate of a ferry.yaml naming 400 apps, 399 of them without manifests: problems left out; the report holds every problem', async () => {
    const repo = join(root, `large-validate-${++counter}.git`);
    await createEnvRepo({ dir: repo, apps: 1 });
    await commitByHand(repo, { 'ferry.yaml': ferryYaml(400) }, 'apps without manifests');
    const r = await step('validate', { repo });
    expect(r.code).toBe(1);
    expect(r.outputs.status).toBe('failed');
    const { json } = await reportOf(r);
    const cli = await ferry(['validate', '--repo', repo, '--json']);
    expect(json).toEqual(JSON.parse(cli.stdout));
    const { problems } = json as { problems: unknown[] };
    expect(problems.length).toBeGreaterThan(100);
    expectLeftOut(r, 'validate', 'problems', problems);
  });

  test('small results: the outputs as before, the same JSON in the report, no warning', async () => {
    const repo = await templateRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.4.0'), '--requested-by', 'alice'], hoursAgo(3));
    for (const [action, output] of [['status', 'status-json'], ['history', 'history-json']] as const) {
      const r = await step(action, { repo });
      expect(r.code, r.stdout).toBe(0);
      expect(JSON.parse(r.outputs[output]!)).toEqual((await reportOf(r)).json);
      expect(warnings(r)).toEqual([]);
    }
    const promoted = await step('promote', { repo, from: 'dev', to: 'stage', all: 'true', 'dry-run': 'true', 'approvals-from': 'none' });
    expect(promoted.code, promoted.stdout).toBe(0);
    const plan = (await reportOf(promoted)).json as { gates: unknown[]; leftOut?: unknown[]; promotions: { app: string }[] };
    expect(JSON.parse(promoted.outputs.gates!)).toEqual(plan.gates);
    expect(promoted.outputs['left-out']).toBe('[]');
    expect(plan.promotions.map((p) => p.app)).toEqual(['user-service']);
    expect(warnings(promoted)).toEqual([]);
    const valid = await step('validate', { repo });
    expect(valid.code, valid.stdout).toBe(0);
    expect(valid.outputs.problems).toBe('[]');
    expect((await reportOf(valid)).json).toMatchObject({ status: 'succeeded', problems: [] });
    expect(warnings(valid)).toEqual([]);
  });

  test('report-path: the report written there, its directory made, and named by the report output', async () => {
    const repo = await templateRepo();
    const dir = await mkdtemp(join(root, 'workspace-'));
    const r = await step('status', { repo, 'report-path': join(dir, 'out/status.json') });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.report).toBe(join(dir, 'out/status.json'));
    expect((await reportOf(r)).json).toEqual(JSON.parse(r.outputs['status-json']!));
  });
});

/** A self-signed certificate for 127.0.0.1. */
function certificate(dir: string): { key: string; cert: string; certPath: string } {
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8'), certPath: cert };
}


describe('github-token: git credentials for https remotes, never in the log', () => {
  let https: HttpsGit;
  let certPath: string;

  beforeAll(async () => {
    const tls = certificate(root);
    certPath = tls.certPath;
    https = await startHttpsGit(root, TOKEN, tls);
  });

  afterAll(async () => {
    await https?.stop();
  });

  /** The token and its basic-auth form are masked (`::add-mask::`) and appear on no other line. */
  function expectMasked(r: StepResult): void {
    expect(r.stdout).toContain(`::add-mask::${TOKEN}\n`);
    for (const line of `${r.stdout}\n${r.stderr}`.split('\n')) {
      if (line.startsWith('::add-mask::')) continue;
      expect(line).not.toContain(TOKEN);
      expect(line).not.toContain(BASIC);
    }
    expect(r.summary).not.toContain(TOKEN);
  }

  test('an https env repo on the run\'s GitHub server: git sends the token as a basic Authorization header; commit-url links the commit', async () => {
    const repo = await templateRepo('acme/env.git');
    const image = templateImage('user-service', '1.5.0');
    const before = https.authorizations.length;
    const r = await step('bump', { repo: `${https.origin}/acme/env.git`, env: 'dev', app: 'user-service', image, 'github-token': TOKEN }, { GITHUB_SERVER_URL: https.origin, GIT_SSL_CAINFO: certPath });
    expect(r.code, r.stdout).toBe(0);
    expect(https.authorizations.slice(before).length).toBeGreaterThan(0);
    expect(https.authorizations.slice(before).every((a) => a === `basic ${BASIC}`)).toBe(true);
    expect(r.outputs['commit-url']).toBe(`${https.origin}/acme/env/commit/${remoteHead(repo)}`);
    expect(r.summary).toContain(`](${https.origin}/acme/env/commit/${remoteHead(repo)})`);
    expect(r.stdout).toContain(`::add-mask::${BASIC}\n`);
    expectMasked(r);
  });

  test.each([
    ['a wrong token, refused by the https server', (o: string) => `${o}/acme/env.git`, 'ghs_wrongToken_butAlsoSecret987'],
    ['a git daemon remote that does not exist', () => daemon.url('no-such-env.git'), TOKEN],
  ])('git fails (%s): the step fails, and no token is in the log', async (_name, url, token) => {
    const r = await step('status', { repo: url(https.origin), 'github-token': token }, { GITHUB_SERVER_URL: https.origin, GIT_SSL_CAINFO: certPath, RUNNER_DEBUG: '1', GIT_TRACE: '1', GIT_CURL_VERBOSE: '1' });
    expect(r.code).toBe(1);
    expect(errors(r).at(-1)).toMatch(/^::error::ferry status: clone .* failed: /);
    for (const line of `${r.stdout}\n${r.stderr}`.split('\n')) {
      if (line.startsWith('::add-mask::')) continue;
      expect(line).not.toContain(token);
      expect(line).not.toContain(Buffer.from(`x-access-token:${token}`).toString('base64'));
    }
    expect(r.stdout).toContain(`::add-mask::${token}\n`);
  });

  /** Every argument list of every git a run started (GIT_TRACE2_EVENT), and of the processes git started. */
  async function argvsOf(trace: string): Promise<string[][]> {
    return (await readFile(trace, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { event: string; argv?: string[] })
      .filter((e) => e.event === 'start' || e.event === 'child_start').map((e) => e.argv ?? []);
  }

  test('a password in the URL given to the CLI: git is given the URL without it (no command line of a git holds it: ps shows them to every user), and sends it as the Authorization header', async () => {
    const repo = await templateRepo('acme/env-url.git');
    const trace = join(root, `trace-${++counter}.json`);
    const before = https.authorizations.length;
    const r = await ferry(['bump', '--repo', `${https.origin.replace('://', `://x-access-token:${TOKEN}@`)}/acme/env-url.git`, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.6.0')],
      { env: { ...process.env, GIT_SSL_CAINFO: certPath, GIT_TRACE2_EVENT: trace } });
    expect(r.code, r.stderr).toBe(0);
    expect(readRemoteFile(repo, 'dev/user-service/kustomization.yaml')).toContain(templateImage('user-service', '1.6.0').split('@')[1]!);
    // (Sent with the first request: no 401 first.)
    expect(https.authorizations.slice(before)).toEqual(https.authorizations.slice(before).map(() => `basic ${BASIC}`));
    const argvs = await argvsOf(trace);
    expect(argvs.some((argv) => argv.includes(`${https.origin}/acme/env-url.git`))).toBe(true); // (the clone's)
    for (const argv of argvs) for (const arg of argv) expect(arg).not.toContain(TOKEN);
    expect(`${r.stdout}${r.stderr}`).not.toContain(TOKEN);
  });

  test('a URL with a password of its own and github-token: the URL\'s credentials are sent, not both', async () => {
    const repo = await templateRepo('acme/env-both.git');
    const before = https.authorizations.length;
    const other = 'ghs_jobTokenNotForThisRepo0123456789';
    const r = await step('bump', { repo: `${https.origin.replace('://', `://x-access-token:${TOKEN}@`)}/acme/env-both.git`, env: 'dev', app: 'user-service', image: templateImage('user-service', '1.7.0'), 'github-token': other }, { GITHUB_SERVER_URL: https.origin, GIT_SSL_CAINFO: certPath });
    expect(r.code, r.stdout).toBe(0);
    expect(readRemoteFile(repo, 'dev/user-service/kustomization.yaml')).toContain(templateImage('user-service', '1.7.0').split('@')[1]!);
    expect(https.authorizations.slice(before).length).toBeGreaterThan(0);
    expect(https.authorizations.slice(before).every((a) => a === `basic ${BASIC}`)).toBe(true);
  });

  test('the token is not sent to a host that is not the run\'s GitHub server', async () => {
    await templateRepo('other/env.git');
    const before = https.authorizations.length;
    const r = await step('status', { repo: `${https.origin}/other/env.git`, 'github-token': TOKEN }, { GITHUB_SERVER_URL: 'https://github.com', GIT_SSL_CAINFO: certPath });
    expect(r.code).toBe(1);
    expect(https.authorizations.slice(before).every((a) => a === '')).toBe(true);
    expect(r.stdout).toContain(`github-token is not sent to "${https.origin}/other/env.git": it is not on the GitHub server of this run (GITHUB_SERVER_URL)`);
    expectMasked(r);
  });
});
