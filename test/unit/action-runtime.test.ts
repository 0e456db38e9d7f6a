// The Actions driver (entry/action-runtime.ts) as the runner sees it: what it logs, which workflow
// commands the runner would run from that log, the outputs, and the exit code. Commands here are
// small stand-ins; the log is read from stdout (GITHUB_OUTPUT unset: outputs are `::set-output`).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { MAX_OUTPUT_BYTES, asInputProblems, logQuote, maskUrlCredentials, runAction, type ActionCommand } from '../../actions/src/entry/action-runtime.js';
import { ConfigurationError, type Problem } from '../../actions/src/core/errors.js';
import { runGit, setGitEnvironment } from '../../actions/src/adapters/git-process.js';

type Result = Record<string, string>;
type Inputs = Record<string, unknown>;

interface Step {
  code: number;
  stdout: string;
  outputs: Record<string, string>;
  /** The workflow commands the runner would run from the log. */
  commands: { name: string; line: string }[];
  ran: boolean;
}

/**
 * The workflow commands the runner reads from a log: `::name props::data` at the start of a line,
 * or the legacy `##[name props]data` anywhere in one; none between `::stop-commands::<token>` and
 * `::<token>::`. To be strict, a line also ends at NEL, U+2028 and U+2029, as a reader might end it.
 */
function runnerCommands(log: string): { name: string; line: string }[] {
  const found: { name: string; line: string }[] = [];
  let stopped: string | undefined;
  for (const line of log.split(/\r\n|[\r\n\u0085\u2028\u2029]/)) {
    if (stopped !== undefined) {
      if (line.trim() === `::${stopped}::`) stopped = undefined;
      continue;
    }
    const v2 = /^::([A-Za-z-]+)(?: [^:]*)?::(.*)$/.exec(line.trimStart());
    if (v2?.[1] === 'stop-commands') stopped = v2[2];
    else if (v2) found.push({ name: v2[1]!, line });
    else {
      const legacy = /##\[([A-Za-z-]+)[^\]]*\]/.exec(line);
      if (legacy) found.push({ name: legacy[1]!, line });
    }
  }
  return found;
}

/** `::set-output name=<name>::<value>` lines (the form @actions/core writes without GITHUB_OUTPUT). */
function outputsOf(commands: { name: string; line: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, line } of commands) {
    const m = /^::set-output name=([^:]+)::(.*)$/.exec(line);
    if (name === 'set-output' && m) out[m[1]!] = m[2]!.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  }
  return out;
}

/** A command that reads the kinds of inputs the actions read, and returns `result` as its outputs. */
function command(over: Partial<ActionCommand<Inputs, Result>> = {}): ActionCommand<Inputs, Result> & { ran: boolean } {
  const action: ActionCommand<Inputs, Result> & { ran: boolean } = {
    name: 'audit',
    ran: false,
    getInputs: (input, repo) => ({
      ...repo, env: input.optional('env'), reportPath: input.optional('report-path'), apps: input.list('apps'), args: input.keyValues('args'), requestedBy: input.optional('requested-by'),
    }),
    run: async () => {
      action.ran = true;
      return { verdict: 'pass' };
    },
    outputs: (r) => r,
    summary: () => '',
    ...over,
  };
  return action;
}

async function step(action: ActionCommand<Inputs, Result> & { ran?: boolean }, inputs: Record<string, string>): Promise<Step> {
  for (const [name, value] of Object.entries(inputs)) vi.stubEnv(`INPUT_${name.toUpperCase()}`, value);
  let stdout = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  try {
    await runAction(action);
  } finally {
    write.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  const commands = runnerCommands(stdout);
  return { code, stdout, outputs: outputsOf(commands), commands, ran: action.ran === true };
}

beforeEach(() => {
  for (const name of Object.keys(process.env)) if (/^(INPUT_|GITHUB_|RUNNER_)/.test(name)) vi.stubEnv(name, '');
  vi.stubEnv('GITHUB_SERVER_URL', 'https://github.com');
});

afterEach(() => {
  vi.unstubAllEnvs();
  process.exitCode = undefined;
});

/** The commands that are not the runtime's own: a group, an error annotation, a mask, or one of `outputs`. */
function injected(r: Step, outputs: readonly string[] = []): string[] {
  return r.commands.filter(({ name, line }) => !['group', 'endgroup', 'error', 'add-mask'].includes(name)
    && !(name === 'set-output' && outputs.some((o) => line.startsWith(`::set-output name=${o}::`)))).map((c) => c.line);
}

describe('inputs that are one line by nature: a line break or control character is a usage error naming the input', () => {
  test.each([
    ['report-path: LF', 'report-path', 'out/report.json\n::warning title=Injected::x', 'U+000A at character 16 of "out/report.json\\n::warning title=Injected::x"'],
    ['repo: LF', 'repo', 'https://github.com/acme/env.git\n::warning title=Injected::x', 'U+000A at character 32 of "https://github.com/acme/env.git\\n::warning title=Injected::x"'],
    ['branch: CR', 'branch', 'main\r::warning::x', 'U+000D at character 5 of "main\\r::warning::x"'],
    ['report-path: NEL', 'report-path', 'out\u0085::warning::x', 'U+0085 at character 4 of "out\\u0085::warning::x"'],
    ['repo: U+2028', 'repo', '/srv/env.git\u2028::warning::x', 'U+2028 at character 13 of "/srv/env.git\\u2028::warning::x"'],
    ['env: U+2029', 'env', 'prod\u2029x', 'U+2029 at character 5 of "prod\\u2029x"'],
    ['requested-by: a tab', 'requested-by', 'alice\tbob', 'U+0009 at character 6 of "alice\\tbob"'],
    // Lists: a line break separates items; inside an item, any other is refused.
    ['apps: NEL in an item', 'apps', 'user-service\norder-service\u0085::warning::x', 'U+0085 at character 14 of "order-service\\u0085::warning::x"'],
    ['args: U+2028 in an item', 'args', 'app=a\u2028::warning::x', 'U+2028 at character 6 of "app=a\\u2028::warning::x"'],
  ])('%s', async (_title, name, value, found) => {
    const action = command();
    const r = await step(action, { repo: '/srv/env.git', ...{ [name]: value } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`::error title=ferry audit%3A bad input::${name}: expected one line without control characters or line breaks, found ${found}\n`);
    expect(r.ran).toBe(false);
    expect(injected(r, ['status'])).toEqual([]);
  });

  test('a secret (github-token) is named, and its value is not shown', async () => {
    const r = await step(command(), { repo: 'https://github.com/acme/env.git', 'github-token': 'ghs_s3cret\n::warning::x' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::error title=ferry audit%3A bad input::github-token: expected one line without control characters or line breaks, found U+000A at character 11 (a secret: its value is not shown)\n');
    expect(r.stdout.split('\n').filter((l) => l.includes('ghs_s3cret') && !l.startsWith('::add-mask::'))).toEqual([]);
  });

  test('one line of anything else is taken as it is', async () => {
    const action = command();
    const r = await step(action, { repo: '/srv/env.git', 'report-path': 'out/ä ü #1 [x].json', apps: 'a, b\nc\r\nd' });
    expect(r.code, r.stdout).toBe(0);
    expect(action.ran).toBe(true);
    expect(r.stdout).toContain('reportPath: "out/ä ü #1 [x].json"\n');
    expect(r.stdout).toContain('apps: ["a","b","c","d"]\n');
  });
});

describe('whole-number inputs (max-attempts, steps): decimal digits only, as the CLI takes them', () => {
  const counting = () => command({ getInputs: (input, repo) => ({ ...repo, maxAttempts: input.positiveInt('max-attempts') }) });

  test.each(['1e3', '0x10', '0b11', '+5', '010', '1.0', '5.', '0', '1001', 'Infinity', 'ten'])('%j: a usage error naming the input; nothing run', async (value) => {
    const action = counting();
    const r = await step(action, { repo: '/srv/env.git', 'max-attempts': value });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`::error title=ferry audit%3A bad input::max-attempts: expected a whole number from 1 to 1000, found ${JSON.stringify(value)}\n`);
    expect(action.ran).toBe(false);
  });

  test.each([['1', 1], ['20', 20], ['1000', 1000]])('%j is %d', async (value, n) => {
    const action = counting();
    const r = await step(action, { repo: '/srv/env.git', 'max-attempts': value });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain(`maxAttempts: ${n}\n`);
  });
});

describe('echoed values: JSON-quoted, between ::stop-commands:: and its token, so that nothing in them is a command', () => {
  const hostile = {
    outputs: { report: 'out/report.json\n::warning title=Injected::x', note: 'see ##[set-output name=injected;]y' },
    plan: '::warning title=Injected::from a diff\n+  image: x ##[set-output name=injected;]z\n\r::warning::cr',
    progress: ['read ##[set-output name=injected;]p', 'line one\n::warning title=Injected::q'],
  };
  const action = () => command({
    run: async (_inputs, context) => {
      for (const line of hostile.progress) context.progress(line);
      return hostile.outputs;
    },
    log: () => ({ Plan: hostile.plan }),
  });

  test('inputs, progress lines, log groups and outputs: no command but the runtime\'s own', async () => {
    const r = await step(action(), { repo: '/srv/env.git', env: 'dev ##[set-output name=injected;]x', 'requested-by': '::warning title=Injected::r', args: 'q=##[warning]w' });
    expect(r.code, r.stdout).toBe(0);
    expect(injected(r, ['report', 'note'])).toEqual([]);
    // The values themselves are all there: in the log as JSON, in the outputs as they are.
    expect(r.stdout).toContain('env: "dev ##[set-output name=injected;]x"\n');
    expect(r.stdout).toContain('requestedBy: "::warning title=Injected::r"\n');
    expect(r.stdout).toContain('report: "out/report.json\\n::warning title=Injected::x"\n');
    expect(r.stdout).toContain('note: "see ##[set-output name=injected;]y"\n');
    expect(r.outputs).toEqual(hostile.outputs);
  });

  test('each stop has its own token, which nothing before it could know', async () => {
    const r = await step(action(), { repo: '/srv/env.git' });
    const tokens = [...r.stdout.matchAll(/^::stop-commands::(.+)$/gm)].map((m) => m[1]!);
    expect(tokens.length).toBeGreaterThanOrEqual(4); // Inputs, progress, Plan, Outputs
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const t of tokens) {
      expect(t).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(r.stdout).toContain(`\n::${t}::\n`);
    }
  });

  test('the note that the token is not sent to another host quotes the repo, and runs nothing in it', async () => {
    const repo = 'https://git.example/acme/env.git?x=##[set-output name=injected;]y';
    const r = await step(command({ run: async () => ({}) }), { repo, 'github-token': 'ghs_token0123456789' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain(`github-token is not sent to ${JSON.stringify(repo)}: it is not on the GitHub server of this run (GITHUB_SERVER_URL)\n`);
    expect(injected(r)).toEqual([]);
  });

  test.each([
    ['a line break', 'a\nb', '"a\\nb"'],
    ['NEL, U+2028, U+2029, DEL and a C1 control', 'a\u0085b\u2028c\u2029d\u007fe\u009bf', '"a\\u0085b\\u2028c\\u2029d\\u007fe\\u009bf"'],
    ['an object', { q: 'x\u2028' }, '{"q":"x\\u2028"}'],
  ])('logQuote: %s', (_name, value, expected) => {
    expect(logQuote(value)).toBe(expected);
  });
});

describe('github-token: git\'s credentials are in the environment of the gits Ferry starts, never in process.env', () => {
  // In process.env, ferry.yaml's prometheus.bearerTokenEnv (GIT_CONFIG_VALUE_0) or anything else
  // that reads a variable by name could send them on (a security review's finding).
  const TOKEN = 'ghs_runtimeTest0123456789abcdef';
  const BASIC = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');

  afterEach(() => setGitEnvironment({}));

  test('an https env repo on the run\'s GitHub server: git gets the extraheader; the command\'s process.env holds neither the token (but in the runner\'s input) nor its basic form', async () => {
    vi.stubEnv('GIT_CONFIG_COUNT', undefined);
    vi.stubEnv('GIT_CONFIG_GLOBAL', '/dev/null');
    vi.stubEnv('GIT_CONFIG_NOSYSTEM', '1');
    const seen: { holding: string[]; gitConfig: string } = { holding: [], gitConfig: '' };
    const r = await step(command({
      run: async () => {
        seen.holding = Object.entries(process.env).filter(([, v]) => v?.includes(TOKEN) || v?.includes(BASIC)).map(([k]) => k);
        seen.gitConfig = (await runGit(['config', '--get-regexp', 'extraheader'], { cwd: tmpdir() })).stdout.toString();
        return {};
      },
    }), { repo: 'https://github.com/acme/env.git', 'github-token': TOKEN });
    expect(r.code, r.stdout).toBe(0);
    expect(seen.gitConfig).toBe(`http.https://github.com/.extraheader AUTHORIZATION: basic ${BASIC}\n`);
    expect(seen.holding).toEqual(['INPUT_GITHUB-TOKEN']); // the runner's input alone (a name no ferry.yaml field can hold)
    expect(process.env.GIT_CONFIG_COUNT).toBeUndefined();
  });
});

describe('the report file and outputs of more than 64 KiB: the whole result in the file, the output left out with a warning that names it', () => {
  let temp: string;
  beforeEach(() => {
    temp = mkdtempSync(join(tmpdir(), 'ferry-runtime-report-'));
    vi.stubEnv('RUNNER_TEMP', temp);
  });
  afterEach(() => rmSync(temp, { recursive: true, force: true }));

  /** A command that writes a report (report-path, else RUNNER_TEMP) and has a `big` output. */
  const reporting = (big: string, over: Partial<ActionCommand<Inputs, Result>> = {}) => command({
    name: 'status', run: async () => ({ verdict: 'pass', big }), report: (i) => i.reportPath as string | undefined, ...over,
  });
  const warnings = (r: Step) => r.commands.filter((c) => c.name === 'warning').map((c) => c.line);

  test.each([
    ['64 KiB of ASCII: kept', 'x'.repeat(MAX_OUTPUT_BYTES), true],
    ['a byte more: left out', 'x'.repeat(MAX_OUTPUT_BYTES + 1), false],
    ['30,000 characters of 3 bytes each (UTF-8): left out, bytes are counted', '\u20ac'.repeat(30_000), false],
  ])('%s', async (_name, big, kept) => {
    const r = await step(reporting(big), { repo: '/srv/env.git' });
    expect(r.code, r.stdout).toBe(0);
    const report = r.outputs.report!;
    expect(report).toMatch(new RegExp(`^${temp}/ferry-status-[^/]+/status\\.json$`));
    expect(JSON.parse(readFileSync(report, 'utf8'))).toEqual({ verdict: 'pass', big });
    expect(r.outputs.verdict).toBe('pass');
    expect(r.outputs.big).toBe(kept ? big : '');
    expect(warnings(r)).toEqual(kept ? [] : [
      `::warning title=ferry status%3A big left out::ferry status: the big output is left out: its JSON is ${Buffer.byteLength(big).toLocaleString('en')} bytes, more than the 65,536 an output of Ferry holds (GitHub takes at most 1 MB of outputs per job; a later step's env or input at most 128 KiB per value); the whole result is in ${report}, the file the report output names`,
    ]);
  });

  test('report-path: written there, its directory made; each step its own file otherwise', async () => {
    const path = join(temp, 'out', 'deep', 'status.json');
    const given = await step(reporting('small'), { repo: '/srv/env.git', 'report-path': path });
    expect(given.outputs.report).toBe(path);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ verdict: 'pass', big: 'small' });
    const [one, two] = [await step(reporting('one'), { repo: '/srv/env.git', 'report-path': '' }), await step(reporting('two'), { repo: '/srv/env.git', 'report-path': '' })];
    expect(one.outputs.report).not.toBe(two.outputs.report);
    expect(JSON.parse(readFileSync(one.outputs.report!, 'utf8')).big).toBe('one');
  });

  test('a report that cannot be written: a warning, the report output empty; the step and its other outputs stand', async () => {
    writeFileSync(join(temp, 'file'), '');
    const r = await step(reporting('x'.repeat(MAX_OUTPUT_BYTES + 1)), { repo: '/srv/env.git', 'report-path': join(temp, 'file', 'status.json') });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toEqual({ verdict: 'pass', big: '', report: '' });
    expect(warnings(r)[0]).toMatch(new RegExp(`^::warning title=ferry status%3A no report::ferry status: could not write the report to ${temp}/file/status\\.json: EEXIST: file already exists, mkdir '${temp}/file'; the report output is empty$`));
    expect(warnings(r)[1]).toMatch(/; the report could not be written \(see the warning before\)$/);
  });

  test('an action without a report: no report output; an output too long is left out all the same', async () => {
    const r = await step(reporting('x'.repeat(MAX_OUTPUT_BYTES + 1), { report: undefined }), { repo: '/srv/env.git' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toEqual({ verdict: 'pass', big: '' });
    expect(warnings(r)).toHaveLength(1);
    expect(warnings(r)[0]).toMatch(/; the job summary and the log show the result$/);
  });
});

describe('a run that fails before its outputs: status=failed, and nothing else, for an action with a status output', () => {
  test.each([
    ['the world failed (a throw)', { run: async () => { throw new Error('clone /srv/env.git failed: not found'); } }, { repo: '/srv/env.git' }, true, { status: 'failed' }],
    ['a ConfigurationError from the command (a blocked digest)', { run: async () => { throw new ConfigurationError({ field: 'image', message: 'is blocked' }); } }, { repo: '/srv/env.git' }, true, { status: 'failed' }],
    ['bad input', {}, {}, true, { status: 'failed' }],
    ['no status output declared', { run: async () => { throw new Error('boom'); } }, { repo: '/srv/env.git' }, false, {}],
    ['a failure after the outputs were set: they stand', { run: async () => ({ status: 'succeeded' }), summary: () => { throw new Error('summary'); } }, { repo: '/srv/env.git' }, true, { status: 'succeeded' }],
  ] as const)('%s', async (_name, over, inputs, statusOutput, outputs) => {
    const r = await step(command({ ...over, ...(statusOutput ? { statusOutput: true } : {}) } as Partial<ActionCommand<Inputs, Result>>), inputs);
    expect(r.code).toBe(1);
    expect(r.outputs).toEqual(outputs);
  });
});

describe('errors name the action\'s inputs, not the CLI\'s flags or the core\'s fields', () => {
  const promote = { app: 'apps', all: 'all: true' };
  test.each<[string, Problem, Record<string, string>, Problem]>([
    ['promote: neither apps nor all', { field: 'app', message: 'give --app <app> (one or more) or --all' }, promote, { field: 'apps', message: 'give apps (one or more) or all: true' }],
    ['promote: both', { field: 'app', message: 'give --app or --all, not both' }, promote, { field: 'apps', message: 'give apps or all: true, not both' }],
    ['promote: an app not in ferry.yaml', { field: 'app', message: 'no app "x" in ferry.yaml (apps: a)' }, promote, { field: 'apps', message: 'no app "x" in ferry.yaml (apps: a)' }],
    ['rollback: block without a reason', { field: 'reason', message: 'is required with --block (it is recorded with the blocked digest)' }, { block: 'block: true' }, { field: 'reason', message: 'is required with block: true (it is recorded with the blocked digest)' }],
    ['rollback: to and steps', { field: 'to', message: 'give --to or --steps, not both' }, {}, { field: 'to', message: 'give to or steps, not both' }],
    ['analyze: window', { field: 'soak', message: 'expected a duration like 30m or 2h, found "abc"' }, { soak: 'window' }, { field: 'window', message: 'expected a duration like 30m or 2h, found "abc"' }],
    ['analyze: compare', { field: '--compare', message: 'expected <metric>:<increase|decrease|either>[:<effect size>] (the change that is bad), found "bad"' }, {}, { field: 'compare', message: 'expected <metric>:<increase|decrease|either>[:<effect size>] (the change that is bad), found "bad"' }],
    ['analyze: template', { field: '--template', message: 'cannot read "t.yaml": ENOENT' }, {}, { field: 'template', message: 'cannot read "t.yaml": ENOENT' }],
    ['analyze: a flag in a file\'s problem', { file: 't.yaml', field: '--name', message: 'the file holds 2 templates (a, b): name one with --name' }, {}, { file: 't.yaml', field: 'name', message: 'the file holds 2 templates (a, b): name one with name' }],
    ['audit: since after until', { field: '--since', message: '2026-12-01 is after --until 2026-01-01' }, {}, { field: 'since', message: '2026-12-01 is after until 2026-01-01' }],
    ['a value quoted in the message stays as given', { field: '--compare', message: 'found "--all x" and "say \\"--app\\""' }, promote, { field: 'compare', message: 'found "--all x" and "say \\"--app\\""' }],
    ['a field of a file stays', { file: 'ferry.yaml', line: 3, field: 'app', message: 'see --app' }, promote, { file: 'ferry.yaml', line: 3, field: 'app', message: 'see --app' }],
    ['no field', { message: 'use --all' }, promote, { message: 'use all: true' }],
  ])('%s', (_name, problem, names, expected) => {
    expect(asInputProblems([problem], names)).toEqual([expected]);
  });

  test('runAction reports a command\'s ConfigurationError under the input\'s name', async () => {
    const r = await step(command({
      name: 'promote',
      inputNames: { app: 'apps', all: 'all: true' },
      run: async () => { throw new ConfigurationError({ field: 'app', message: 'give --app <app> (one or more) or --all' }); },
    }), { repo: '/srv/env.git' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::error title=ferry promote%3A bad input::apps: give apps (one or more) or all: true\n');
    expect(r.stdout).not.toContain('--app');
  });
});

describe('maskUrlCredentials: what of a repo URL is a secret', () => {
  test.each([
    ['https://deploy:s3cret@example.com/x.git', ['s3cret']],
    ['https://deploy:p%40ss@example.com/x.git', ['p%40ss', 'p@ss']],
    // A raw `/` in the password: no valid URL, but git takes it; all of it is masked.
    ['https://deploy:AbC/dEf+GhSecret==@127.0.0.1:1/acme/env.git', ['AbC/dEf+GhSecret==']],
    ['https://alice:p@ss@127.0.0.1:1/x.git', ['p%40ss', 'p@ss']], // (as the URL parser writes it, and as given)
    // A token as the user name, as GitHub takes it.
    ['https://ghp_0123456789abcdefghijklmnopqrstuvwxyz:x-oauth-basic@github.com/o/r.git', ['x-oauth-basic', 'ghp_0123456789abcdefghijklmnopqrstuvwxyz']],
    ['https://ghp_0123456789abcdefghijklmnopqrstuvwxyz@github.com/o/r.git', ['ghp_0123456789abcdefghijklmnopqrstuvwxyz']],
    ['https://x-access-token:ghs_abc@github.com/o/r.git', ['ghs_abc']],
    ['https://github.com/o/r.git', []],
    ['file:///tmp/a@b/env.git', []],
    ['/tmp/env.git', []],
    ['git@github.com:o/r.git', []],
  ])('%s', (repo, secrets) => {
    // (in any order)
    expect(maskUrlCredentials(repo).sort()).toEqual([...secrets].sort());
  });
});

describe('a failure in a file of the env repo: annotated without file= (GitHub would look in the workflow\'s own repository); the summary names the env repo', () => {
  // One job summary file for these tests: @actions/core keeps the first GITHUB_STEP_SUMMARY it writes to
  // (the tests above write none), and appends to it; each test empties it first.
  const dir = mkdtempSync(join(tmpdir(), 'ferry-runtime-test-'));
  const summaryFile = join(dir, 'summary');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function failing(over: Partial<ActionCommand<Inputs, Result>>, inputs: Record<string, string>): Promise<Step & { summary: string }> {
    writeFileSync(summaryFile, '');
    for (const name of Object.keys(process.env)) if (name.startsWith('INPUT_')) vi.stubEnv(name, '');
    vi.stubEnv('GITHUB_STEP_SUMMARY', summaryFile);
    const r = await step(command({ name: 'bump', ...over }), inputs);
    return { ...r, summary: readFileSync(summaryFile, 'utf8') };
  }

  const badConfig = new ConfigurationError([
    { file: 'ferry.yaml', line: 13, column: 5, field: 'environments[1]', message: 'unknown key "sok" (expected one of name, promoteFrom, gates)' },
    { file: 'dev/user-service/kustomization.yaml', line: 7, message: 'no images: entry for "user-service"' },
  ]);

  test('a ConfigurationError of ferry.yaml: each problem\'s place in its text, the env repo (redacted) in its title; the summary says where', async () => {
    const r = await failing({ run: async () => { throw badConfig; } }, { repo: 'https://x-access-token:ghs_s3cretToken0123456789@github.com/acme/env.git', branch: 'release' });
    expect(r.code).toBe(1);
    expect(r.commands.filter((c) => c.name === 'error').map((c) => c.line)).toEqual([
      '::error title=ferry bump%3A problem in ferry.yaml (env repo https%3A//***@github.com/acme/env.git%2C branch release)::ferry.yaml:13:5: environments[1]: unknown key "sok" (expected one of name, promoteFrom, gates)',
      '::error title=ferry bump%3A problem in dev/user-service/kustomization.yaml (env repo https%3A//***@github.com/acme/env.git%2C branch release)::dev/user-service/kustomization.yaml:7: no images: entry for "user-service"',
      '::error::ferry bump: 2 problems in ferry.yaml, dev/user-service/kustomization.yaml (env repo https://***@github.com/acme/env.git, branch release; see the annotations); nothing written',
    ]);
    expect(r.summary).toContain('### ferry bump failed\n\nEnv repo `https://***@github.com/acme/env.git`, branch `release`.\n\n| where | field | problem |');
    expect(r.summary).toContain('| `ferry.yaml:13:5` | `environments[1]` | unknown key "sok" (expected one of name, promoteFrom, gates) |');
    // (but in the command that masks it)
    expect([...r.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')), r.summary].join('\n')).not.toContain('s3cret');
  });

  test('validate\'s problems (a result that fails the step): the same', async () => {
    const r = await failing({
      name: 'validate',
      run: async () => ({ status: 'failed' }),
      failure: () => ({ headline: '2 problems in the env repo', annotations: badConfig.problems }),
    }, { repo: '/srv/git/env.git' });
    expect(r.code).toBe(1);
    const errors = r.commands.filter((c) => c.name === 'error').map((c) => c.line);
    expect(errors[0]).toBe('::error title=ferry validate%3A problem in ferry.yaml (env repo /srv/git/env.git%2C branch main)::ferry.yaml:13:5: environments[1]: unknown key "sok" (expected one of name, promoteFrom, gates)');
    expect(errors.filter((line) => /file=|line=|col=/.test(line))).toEqual([]);
  });

  test('more problems than annotations (50) and table rows (100): the rest in the log, every one, as text that runs no command', async () => {
    const problems = Array.from({ length: 130 }, (_, i) => ({ file: `dev/app-${i}/kustomization.yaml`, line: 7, message: `no images: entry for "app-${i}" ::error::${i}` }));
    const r = await failing({ run: async () => { throw new ConfigurationError(problems); } }, { repo: '/srv/git/env.git' });
    expect(r.code).toBe(1);
    const errors = r.commands.filter((c) => c.name === 'error').map((c) => c.line);
    expect(errors).toHaveLength(52); // 50 problems, the line that says how many more, the step's failure
    expect(errors[50]).toBe('::error title=ferry bump::… and 80 more, listed in the step\'s log');
    for (let i = 50; i < 130; i++) expect(r.stdout).toContain(`\ndev/app-${i}/kustomization.yaml:7: no images: entry for "app-${i}" ::error::${i}\n`);
    expect(r.summary).toContain("… and 30 more (the step's log lists them all).");
  });

  test('the world failed: the summary names the env repo, the branch and, when the error carries it, the head', async () => {
    const commit = 'abcdef0123456789abcdef0123456789abcdef01';
    const r = await failing({ run: async () => { throw Object.assign(new Error('push to https://github.com/acme/env.git failed: 500'), { commit }); } }, { repo: 'https://github.com/acme/env.git' });
    expect(r.code).toBe(1);
    expect(r.summary).toContain(`### ferry bump failed\n\nEnv repo \`https://github.com/acme/env.git\`, branch \`main\`, head [\`abcdef012345\`](https://github.com/acme/env/commit/${commit}).\n\n\`\`\`text\npush to https://github.com/acme/env.git failed: 500\n\`\`\``);
    const unknown = await failing({ run: async () => { throw new Error('clone failed'); } }, { repo: '/srv/git/env.git', branch: 'main' });
    expect(unknown.summary).toContain('### ferry bump failed\n\nEnv repo `/srv/git/env.git`, branch `main`.\n\n```text\nclone failed\n```');
  });

  test('bad input: the repo given is named; none given, none named', async () => {
    const named = await failing({}, { repo: '/srv/git/env.git', env: 'dev\nx' });
    expect(named.summary).toMatch(/^### ferry bump failed\n\nEnv repo `\/srv\/git\/env.git`, branch `main`\.\n\n\| where \| field \| problem \|/);
    const none = await failing({}, {});
    expect(none.summary).toMatch(/^### ferry bump failed\n\n\| where \| field \| problem \|/);
  });

  test('a local file (analyze\'s template, not in an env repo): annotated at its file and line, as before', async () => {
    const r = await failing({
      name: 'analyze',
      envRepo: false,
      getInputs: (input) => ({ template: input.required('template') }),
      run: async () => { throw new ConfigurationError({ file: 'analysis/t.yaml', line: 3, column: 1, field: '--name', message: 'no template "x" in the file' }); },
    }, { template: 'analysis/t.yaml' });
    expect(r.commands.filter((c) => c.name === 'error').map((c) => c.line)[0]).toBe('::error title=ferry analyze%3A problem in analysis/t.yaml,file=analysis/t.yaml,line=3,col=1::name: no template "x" in the file');
    expect(r.summary).toMatch(/^### ferry analyze failed\n\n\| where \| field \| problem \|/);
  });
});
