/**
 * The GitHub Actions driver of Ferry's commands, shared by every action entry: inputs (read once,
 * every problem at once, each naming its input), git credentials from `github-token`, log groups,
 * masking, annotations, outputs, one job summary, and the exit code. The commands themselves are
 * the CLI's (entry/commands/*.ts), loaded with import() once the inputs are valid, so that a
 * step with bad inputs fails before anything heavy is read.
 */
import * as core from '@actions/core';
import { Buffer } from 'node:buffer';
import { tmpdir } from 'node:os';
import { redactUrl } from '../adapters/git.js';
import { ConfigurationError, quote, type Problem } from '../core/errors.js';
import { commitUrl, failureSummary, repoWebUrl, type SummaryLinks } from '../core/job-summary.js';

/** The commands that run as actions (`ferry init` does not: it makes a repository on disk). */
export const ACTION_COMMANDS = ['bump', 'promote', 'rollback', 'block', 'unblock', 'status', 'history', 'audit', 'validate'] as const;
export type ActionCommandName = (typeof ACTION_COMMANDS)[number];

/** At most this many annotations per step; the runner shows only the first few anyway. */
const MAX_ANNOTATIONS = 50;

/** Reads the action's inputs (`INPUT_<NAME>`, as the runner sets them), keeping every problem. */
export class InputReader {
  readonly problems: Problem[] = [];

  /** The input, trimmed; undefined when empty or not given. */
  optional(name: string): string | undefined {
    const value = core.getInput(name);
    return value === '' ? undefined : value;
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined) this.problem(name, 'is required');
    return value ?? '';
  }

  /** `true` or `false` (YAML 1.2 core schema spellings); false when not given. */
  boolean(name: string): boolean {
    const value = this.optional(name);
    if (value === undefined || ['false', 'False', 'FALSE'].includes(value)) return false;
    if (['true', 'True', 'TRUE'].includes(value)) return true;
    this.problem(name, `expected true or false, found ${quote(value)}`);
    return false;
  }

  /** A list, one item per line or separated by commas. */
  list(name: string): string[] {
    return (this.optional(name) ?? '').split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
  }

  /** A whole number from 1 to 1000, as the CLI takes it. */
  positiveInt(name: string): number | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (Number.isInteger(n) && n >= 1 && n <= 1000) return n;
    this.problem(name, `expected a whole number from 1 to 1000, found ${quote(value)}`);
    return undefined;
  }

  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T {
    const value = this.optional(name) ?? fallback;
    if ((values as readonly string[]).includes(value)) return value as T;
    this.problem(name, `expected ${values.join(' or ')}, found ${quote(value)}`);
    return fallback;
  }

  /** A credential: masked in the log the moment it is read. */
  secret(name: string): string | undefined {
    const value = this.optional(name);
    if (value !== undefined) core.setSecret(value);
    return value;
  }

  problem(name: string, message: string): void {
    this.problems.push({ field: name, message });
  }
}

/** The env repo, as every action names it. */
export interface RepoInputs {
  repo: string;
  branch: string;
}

/** Who asked (`requested-by`, else the run's actor) and the run's URL: the Ferry-Requested-By and Ferry-Run trailers. */
export function requestContext(input: InputReader): { requestedBy?: string; runUrl?: string } {
  const requestedBy = input.optional('requested-by') ?? process.env.GITHUB_ACTOR;
  const runUrl = runUrlOf(process.env);
  return { ...(requestedBy ? { requestedBy } : {}), ...(runUrl ? { runUrl } : {}) };
}

function runUrlOf(env: NodeJS.ProcessEnv): string | undefined {
  return env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
}

export interface ActionContext {
  /** A line of progress (lost races, retries) in the log. */
  progress(line: string): void;
  /** `<web URL of the env repo>/commit/<sha>`, or '' when the env repo is not on GitHub. */
  commitUrl(commit: string): string;
  /** The runner's temporary directory (RUNNER_TEMP). */
  tempDir: string;
}

/** One command as an action. */
export interface ActionCommand<I, R> {
  name: ActionCommandName;
  /** The command's inputs besides repo, branch and github-token, from `input`; problems are kept in `input`. */
  getInputs(input: InputReader, repo: RepoInputs): I;
  /** Runs the command: import() its code here, not at the top of the entry. */
  run(inputs: I, context: ActionContext): Promise<R>;
  /** The step's outputs (kebab-case names, as declared in action.yml). */
  outputs(result: R, context: ActionContext): Record<string, string>;
  /** Log groups after the run: title → text (the plan's diffs, the gates). */
  log?(result: R): Record<string, string>;
  /** Why the step fails although the command ran to a result (a gate stopped it, violations, problems). */
  failure?(result: R): { headline: string; annotations: (Problem & { title?: string })[] } | undefined;
  /** The job summary (core/job-summary.ts). */
  summary(result: R, links: SummaryLinks): string;
}

/**
 * Git credentials for an https env repo on the GitHub server the run is on (GITHUB_SERVER_URL):
 * an `http.<origin>/.extraheader` with the token as basic auth, as actions/checkout does, passed
 * through GIT_CONFIG_COUNT / GIT_CONFIG_KEY_n / GIT_CONFIG_VALUE_n so that it is never on a
 * command line or in a URL. Undefined for other remotes: the token is not sent elsewhere.
 */
export function gitCredentialEnv(repo: string, token: string, env: NodeJS.ProcessEnv): Record<string, string> | undefined {
  let url: URL;
  let server: URL;
  try {
    url = new URL(repo);
    server = new URL(env.GITHUB_SERVER_URL || 'https://github.com');
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.origin !== server.origin) return undefined;
  const basic = Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64');
  core.setSecret(basic);
  const n = /^\d+$/.test(env.GIT_CONFIG_COUNT ?? '') ? Number(env.GIT_CONFIG_COUNT) : 0;
  return {
    GIT_CONFIG_COUNT: String(n + 1),
    [`GIT_CONFIG_KEY_${n}`]: `http.${url.origin}/.extraheader`,
    [`GIT_CONFIG_VALUE_${n}`]: `AUTHORIZATION: basic ${basic}`,
  };
}

/** The password (or the lone user name, often a token) of a URL with credentials, masked; [] for none. */
function maskUrlCredentials(repo: string): string[] {
  let secret: string;
  try {
    const url = new URL(repo);
    secret = url.password || url.username;
  } catch {
    return []; // not a URL (a path, scp-like ssh): no credentials in it
  }
  if (!secret) return [];
  let decoded = secret;
  try {
    decoded = decodeURIComponent(secret);
  } catch {
    // Not percent-encoded as a URL's user info should be: git sends it as written.
  }
  const secrets = [...new Set([secret, decoded])];
  for (const s of secrets) core.setSecret(s);
  return secrets;
}

/** Replaces every secret in `text` by ***: the runner masks the log, but not a local run's. */
function scrub(text: string, secrets: readonly string[]): string {
  return secrets.filter((s) => s.length > 0).reduce((t, s) => t.split(s).join('***'), text);
}

function annotate(command: string, problems: readonly (Problem & { title?: string })[], secrets: readonly string[]): void {
  for (const p of problems.slice(0, MAX_ANNOTATIONS)) {
    core.error(scrub(p.field ? `${p.field}: ${p.message}` : p.message, secrets), {
      title: p.title ?? (p.file ? `${command}: problem in ${p.file}` : `${command}: bad input`),
      ...(p.file !== undefined ? { file: p.file } : {}),
      ...(p.line !== undefined ? { startLine: p.line } : {}),
      ...(p.line !== undefined && p.column !== undefined ? { startColumn: p.column } : {}),
    });
  }
  if (problems.length > MAX_ANNOTATIONS) core.error(`… and ${problems.length - MAX_ANNOTATIONS} more (see the job summary)`, { title: command });
}

/** Fails the step with a user's mistake: each problem as an annotation at its file and line. */
function failConfiguration(command: string, problems: readonly Problem[], secrets: readonly string[] = []): void {
  annotate(command, problems, secrets);
  const where = [...new Set(problems.map((p) => p.file ?? 'the inputs'))].join(', ');
  core.setFailed(`${command}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${where} (see the annotations); nothing written`);
}

async function writeSummary(text: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return; // not on a runner: nowhere to write it
  try {
    await core.summary.addRaw(text, true).write();
  } catch (error) {
    core.warning(`could not write the job summary: ${(error as Error).message}`);
  }
}

/** Runs one command as the step: the only place that sets the exit code. */
export async function runAction<I, R>(action: ActionCommand<I, R>): Promise<void> {
  const command = `ferry ${action.name}`;
  const secrets: string[] = [];
  const links: SummaryLinks = {};
  const run = runUrlOf(process.env);
  if (run) links.run = run;
  let summary: string;
  try {
    const input = new InputReader();
    const repo = input.required('repo');
    secrets.push(...maskUrlCredentials(repo));
    const token = input.secret('github-token');
    if (token) secrets.push(token);
    const inputs = action.getInputs(input, { repo, branch: input.optional('branch') ?? 'main' });
    if (input.problems.length) throw new ConfigurationError(input.problems);

    const credentials = token ? gitCredentialEnv(repo, token, process.env) : undefined;
    if (credentials) {
      secrets.push(Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64'));
      Object.assign(process.env, credentials);
    } else if (token && /^https:\/\//i.test(repo)) {
      core.info(`github-token is not sent to ${redactUrl(repo)}: it is not on the GitHub server of this run (GITHUB_SERVER_URL)`);
    }
    const web = repoWebUrl(repo, process.env.GITHUB_SERVER_URL || undefined);
    if (web) links.repo = web;
    const context: ActionContext = {
      progress: (line) => core.info(`${command}: ${line}`),
      commitUrl: (commit) => commitUrl(links, commit),
      tempDir: process.env.RUNNER_TEMP || tmpdir(),
    };

    core.startGroup('Inputs');
    for (const [key, value] of Object.entries(inputs as object)) if (value !== undefined) core.info(`${key}: ${redactUrl(scrub(JSON.stringify(value), secrets))}`);
    core.endGroup();
    const result = await core.group(`${command} (${redactUrl(repo)}, branch ${input.optional('branch') ?? 'main'})`, () => action.run(inputs, context));
    for (const [title, text] of Object.entries(action.log?.(result) ?? {})) {
      await core.group(title, async () => core.info(text.trimEnd()));
    }
    await core.group('Outputs', async () => {
      for (const [name, value] of Object.entries(action.outputs(result, context))) {
        core.setOutput(name, value);
        core.info(`${name}: ${value.length > 200 ? `${value.slice(0, 200)}… (${value.length} characters)` : value}`);
      }
    });
    summary = action.summary(result, links);
    const failure = action.failure?.(result);
    if (failure) {
      annotate(command, failure.annotations, secrets);
      core.setFailed(`${command}: ${failure.headline}`);
    }
  } catch (error) {
    if (error instanceof ConfigurationError) {
      const problems = error.problems.map((p) => ({ ...p, message: scrub(p.message, secrets) }));
      failConfiguration(command, problems, secrets);
      summary = failureSummary(command, { message: scrub(error.message, secrets), problems }, links);
    } else {
      const message = scrub((error as Error).message ?? String(error), secrets);
      core.setFailed(`${command}: ${message}`);
      summary = failureSummary(command, { message }, links);
    }
  }
  await writeSummary(summary);
}

/** The umbrella action: `command` picks the action; its module runs it on import. */
export async function dispatch(loaders: Record<ActionCommandName, () => Promise<unknown>>): Promise<void> {
  const command = core.getInput('command');
  if ((ACTION_COMMANDS as readonly string[]).includes(command)) {
    await loaders[command as ActionCommandName]();
    return;
  }
  const problems = [{ field: 'command', message: command ? `expected one of ${ACTION_COMMANDS.join(', ')}, found ${quote(command)}` : `is required (one of ${ACTION_COMMANDS.join(', ')})` }];
  failConfiguration('ferry', problems);
  const run = runUrlOf(process.env);
  await writeSummary(failureSummary('ferry', { message: problems[0]!.message, problems }, run ? { run } : {}));
}
