/**
 * The GitHub Actions driver of Ferry's commands, shared by every action entry: inputs (read once,
 * every problem at once, each naming its input), git credentials from `github-token`, log groups,
 * masking, annotations, outputs, one job summary, and the exit code. The commands themselves are
 * the CLI's (entry/commands/*.ts), loaded with import() once the inputs are valid, so that a
 * step with bad inputs fails before anything heavy is read.
 */
import * as core from '@actions/core';
import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gitRemote, redactUrl } from '../adapters/git.js';
import { gitConfigEnv, setGitEnvironment } from '../adapters/git-process.js';
import { ConfigurationError, formatProblem, quote, type Problem } from '../core/errors.js';
import { toJson } from '../core/format-value.js';
import { rememberCredentials, urlCredentials } from '../core/redact.js';
import { commitUrl, failureSummary, repoWebUrl, type FailureTarget, type SummaryLinks } from '../core/job-summary.js';
import type { GitHub, MergeMethod } from '../adapters/github.js';
import type { PullRequestReview, RunApproval } from '../core/approvals.js';
import type { CommitVia, DeliveryMode, GitHubTarget, ProposedFile } from './delivery.js';

/** The commands that run as actions (`ferry init` does not: it makes a repository on disk). */
export const ACTION_COMMANDS = ['bump', 'promote', 'rollback', 'block', 'unblock', 'status', 'history', 'audit', 'validate', 'analyze'] as const;
export type ActionCommandName = (typeof ACTION_COMMANDS)[number];

/** At most this many annotations per step; the runner shows only the first few anyway. */
const MAX_ANNOTATIONS = 50;

/**
 * At most this many bytes (UTF-8) in one output; a longer value (the JSON of a large env repo's
 * status, history, plan or problems) is left out, with a warning that names the report file that
 * holds it. GitHub takes at most 1 MB of outputs per job, counted as UTF-16 (two bytes a character
 * of JSON), and fails the job past it; a later step gets an output through `env:` or `with:`, as an
 * environment variable, and Linux refuses to start a process with one longer than 128 KiB
 * (MAX_ARG_STRLEN: "Argument list too long"). 64 KiB stays under both with room for a few more.
 */
export const MAX_OUTPUT_BYTES = 64 * 1024;

// C0 controls (tab, CR and LF included), DEL, C1 controls (NEL included), U+2028 and U+2029.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** What JSON.stringify leaves as it is but a log reader may take for a line break or a control. */
const UNESCAPED_BY_JSON = /[\u007f-\u009f\u2028\u2029]/g;
/** A line the runner could read a workflow command from: `::…` (after a line break), or the legacy `##[…]` anywhere. */
const COMMAND_LIKE = /::|##\[|[\r\n\u0085\u2028\u2029]/;

/** JSON text with the characters JSON leaves as they are (DEL, C1, U+2028/2029) escaped too. */
function escapeRest(json: string): string {
  return json.replace(UNESCAPED_BY_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `value` as JSON on one line: every control character and line separator escaped (\u2028, …). */
export function logQuote(value: unknown): string {
  return escapeRest(JSON.stringify(value) ?? String(value));
}

/** quote() (errors.ts), safe on one line of an annotation. */
function quoteOneLine(value: string): string {
  return escapeRest(quote(value));
}

/**
 * Logs lines holding text from outside (inputs, outputs, the env repo's content) between
 * `::stop-commands::<token>` and `::<token>::`, with a token nobody can guess: the runner runs no
 * workflow command found in them, not even the legacy `##[…]` it looks for anywhere in a line.
 * (@actions/core has no helper for this: its setCommandEcho is about echoing commands.)
 */
export function logUntrusted(lines: readonly string[]): void {
  if (!lines.length) return;
  const token = randomUUID();
  core.info(`::stop-commands::${token}`);
  for (const line of lines) core.info(line);
  core.info(`::${token}::`);
}

/**
 * A command's problems as the action's inputs name them. The commands are the CLI's: a problem
 * about the request (no file) or naming a `--flag` says `--app`, `soak` or `app` where the action's
 * input is `apps` or `window`. `names` maps the command's name (a flag without its dashes, or a
 * field) to the input's; a flag not in it is the input of the same name. The words of a message
 * are renamed, the values quoted in it ("…") are not; a problem in a file keeps its field.
 */
export function asInputProblems(problems: readonly Problem[], names: Readonly<Record<string, string>> = {}): Problem[] {
  const rename = (name: string) => (Object.hasOwn(names, name) ? names[name]! : name);
  return problems.map((p) => {
    const flag = p.field?.startsWith('--') === true;
    if (p.file !== undefined && !flag) return p;
    const message = p.message.split(/("(?:[^"\\]|\\.)*")/)
      .map((part, i) => (i % 2 ? part : part.replace(/(?<![\w-])--([a-z][a-z0-9-]*)(?: <[a-z-]+>)?/g, (_m, name: string) => rename(name))))
      .join('');
    return { ...p, ...(p.field !== undefined ? { field: rename(flag ? p.field.slice(2) : p.field) } : {}), message };
  });
}

/** Reads the action's inputs (`INPUT_<NAME>`, as the runner sets them), keeping every problem. */
export class InputReader {
  readonly problems: Problem[] = [];

  /** The input, trimmed; undefined when empty or not given. One line: a control character or line break in it is a problem. */
  optional(name: string): string | undefined {
    return this.read(name, false);
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

  /** A list, one item per line (for values that may hold commas, such as PromQL); each item one line. */
  lines(name: string): string[] {
    return this.items(name, /\r?\n/);
  }

  /** `name=value` lines, as an object; a line without `=` after a name is a problem. */
  keyValues(name: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const line of this.lines(name)) {
      const eq = line.indexOf('=');
      if (eq < 1) this.problem(name, `expected one <name>=<value> per line, found ${quote(line)}`);
      else out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
    }
    return out;
  }

  /** A list, one item per line or separated by commas; each item one line. */
  list(name: string): string[] {
    return this.items(name, /\r?\n|,/);
  }

  /** A whole number from 1 to 1000 in decimal digits, as the CLI takes it (not `1e3`, `0x10`, `+5` or `010`, which Number() reads). */
  positiveInt(name: string): number | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (/^[1-9][0-9]*$/.test(value) && n >= 1 && n <= 1000) return n;
    this.problem(name, `expected a whole number from 1 to 1000, found ${quote(value)}`);
    return undefined;
  }

  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T {
    const value = this.optional(name) ?? fallback;
    if ((values as readonly string[]).includes(value)) return value as T;
    this.problem(name, `expected ${values.join(' or ')}, found ${quote(value)}`);
    return fallback;
  }

  /** A credential: masked in the log the moment it is read; one line, and never quoted in a problem. */
  secret(name: string): string | undefined {
    const value = this.read(name, true);
    if (value !== undefined) core.setSecret(value);
    return value;
  }

  problem(name: string, message: string): void {
    this.problems.push({ field: name, message });
  }

  private read(name: string, secret: boolean): string | undefined {
    const value = core.getInput(name);
    if (value === '') return undefined;
    this.oneLine(name, value, secret);
    return value;
  }

  private items(name: string, separator: RegExp): string[] {
    const items = core.getInput(name).split(separator).map((s) => s.trim()).filter(Boolean);
    for (const item of items) if (!this.oneLine(name, item, false)) break;
    return items;
  }

  /**
   * Whether `value` is one line without control characters; a problem naming the input if not.
   * An input is echoed in the log and written into commits: a line break in it could start a
   * workflow command or a trailer of its own.
   */
  private oneLine(name: string, value: string, secret: boolean): boolean {
    const bad = CONTROL.exec(value);
    if (!bad) return true;
    const char = `U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    this.problem(name, `expected one line without control characters or line breaks, found ${char} at character ${bad.index + 1}${secret ? ' (a secret: its value is not shown)' : ` of ${quoteOneLine(value)}`}`);
    return false;
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

/** Whether GitHub deployments record a writer's change, and the URL they show (bump, promote, rollback). */
export interface DeploymentInputs {
  deployments: boolean;
  environmentUrl?: string;
}

/** How a writer's change reaches the env repo, and whether GitHub deployments record it (bump, promote). */
export interface DeliveryInputs extends DeploymentInputs {
  mode: DeliveryMode;
  commitVia: CommitVia;
  pullRequest: { labels: string[]; autoMerge?: MergeMethod };
}

export function deploymentInputs(input: InputReader): DeploymentInputs {
  const environmentUrl = input.optional('environment-url');
  if (environmentUrl !== undefined && !/^https?:\/\/\S+$/.test(environmentUrl)) input.problem('environment-url', `expected an http(s) URL, found ${quote(environmentUrl)}`);
  return { deployments: input.boolean('deployments'), ...(environmentUrl !== undefined ? { environmentUrl } : {}) };
}

export function deliveryInputs(input: InputReader): DeliveryInputs {
  const autoMerge = input.optional('auto-merge');
  if (autoMerge !== undefined && !['merge', 'squash', 'rebase'].includes(autoMerge)) input.problem('auto-merge', `expected merge, squash or rebase (or empty: off), found ${quote(autoMerge)}`);
  const deployment = deploymentInputs(input);
  return {
    mode: input.oneOf('mode', ['push', 'pull-request'], 'push'),
    commitVia: input.oneOf('commit-via', ['git', 'api'], 'git'),
    pullRequest: { labels: input.list('labels'), ...(autoMerge !== undefined && ['merge', 'squash', 'rebase'].includes(autoMerge) ? { autoMerge: autoMerge as MergeMethod } : {}) },
    ...deployment,
  };
}

/**
 * The env repo's `owner/repo` on GitHub: an https URL on the run's GitHub server (GITHUB_SERVER_URL,
 * else github.com), `https://<server>/<owner>/<repo>[.git]`; undefined for anything else.
 */
export function gitHubRepoOf(repo: string, env: NodeJS.ProcessEnv): { owner: string; repo: string } | undefined {
  let url: URL;
  let server: URL;
  try {
    url = new URL(repo);
    server = new URL(env.GITHUB_SERVER_URL || 'https://github.com');
  } catch {
    return undefined;
  }
  const path = /^\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url.pathname);
  if (url.protocol !== 'https:' || url.origin !== server.origin || !path || url.search || url.hash) return undefined;
  return { owner: path[1]!, repo: path[2]! };
}

function runUrlOf(env: NodeJS.ProcessEnv): string | undefined {
  return env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
}

export interface ActionContext {
  /** A line of progress (lost races, retries) in the log. */
  progress(line: string): void;
  /**
   * The command entered a phase (read the env repo, plan, write, …): its own log group from here
   * until the next phase or the end of the run. Groups do not nest: the previous one is closed first.
   */
  phase(name: string): void;
  /** `<web URL of the env repo>/commit/<sha>`, or '' when the env repo is not on GitHub. */
  commitUrl(commit: string): string;
  /** The runner's temporary directory (RUNNER_TEMP). */
  tempDir: string;
  /** The GitHub API (GITHUB_API_URL, GITHUB_GRAPHQL_URL) with `github-token`; undefined without a token. */
  github(): Promise<GitHub | undefined>;
  /**
   * The env repo on GitHub with its client, when it is an https URL on the run's GitHub server and
   * a token is given. `neededFor` (`mode: pull-request`, …) makes its absence a ConfigurationError.
   */
  githubTarget(neededFor?: string): Promise<GitHubTarget | undefined>;
  /**
   * Who approved a promotion to `environment`, from what GitHub recorded: with `run`, this run's
   * deployment approvals for that environment (GitHub Environment reviewers, from
   * GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals of GITHUB_REPOSITORY and GITHUB_RUN_ID);
   * with `pullRequestHead`, the latest approving reviews of the open pull request from that branch
   * into the env repo's branch (the promotion's pull request; none open: no reviews). A requester's
   * own approval is refused: that throws, and the step fails with the reason.
   */
  approvers(request: ApproversRequest): Promise<string[]>;
  /** The promotion's pull request whose reviews approvers() read, if any. */
  reviewedPullRequest(): { owner: string; repo: string; number: number; url: string } | undefined;
}

/** Where ActionContext.approvers() looks. */
export interface ApproversRequest {
  environment: string;
  /**
   * Whether `environment` has an approvals gate. Approvals the token may not read (GitHub answers
   * 403 or 404, not for a rate limit) are a warning either way, naming the permission that would
   * read them, and none are found there; with the gate, the warning says it counts only the
   * approvers read elsewhere and approved-by, and the gate decides (a missing approval fails it).
   */
  required: boolean;
  requester?: string;
  /** This run's environment approvals. */
  run: boolean;
  /** The branch of the promotion's pull request, whose reviews count. */
  pullRequestHead?: string;
  /**
   * The planned change that pull request must propose for its reviews to count (its head, against
   * its merge base, changes exactly these files with these diffs); without it, no review counts.
   */
  proposal?: readonly ProposedFile[];
}

/** The GitHub deployments a writer records (`deployments: true`): one per environment and app. */
export interface DeploymentPlan {
  environment: string;
  /** The apps known before the run; others found in the result get theirs too. */
  apps: readonly string[];
  environmentUrl?: string;
}

/**
 * The deployments a writer records into `environment` (bump, promote, rollback): none on a dry run;
 * with `mode: pull-request`, none either, and why (the change lands when someone merges it, as a
 * commit not yet made). A writer without `mode` (rollback) pushes.
 */
export function deploymentPlan(inputs: DeploymentInputs & { mode?: DeliveryMode; dryRun?: boolean }, environment: string, apps: readonly string[]): DeploymentPlan | string | undefined {
  if (!inputs.deployments || inputs.dryRun) return undefined;
  if (inputs.mode === 'pull-request') return 'deployments: true is ignored with mode: pull-request: the change lands when the pull request is merged, as a commit this run does not make, and a deployment names the commit it deploys; record the deployment in the workflow that runs on the merge, or use mode: push';
  return { environment, apps, ...(inputs.environmentUrl ? { environmentUrl: inputs.environmentUrl } : {}) };
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
  /**
   * false: the command does not read an env repo (no repo, branch or github-token inputs);
   * 'optional': it may read one, or something else its inputs name (validate's worktree): repo is
   * not required here, and getInputs says what is.
   */
  envRepo?: false | 'optional';
  /**
   * GitHub deployments to record once the run is done (success or failure); undefined for none,
   * or why the deployments asked for are not recorded (a warning).
   */
  deployments?(inputs: I): DeploymentPlan | string | undefined;
  /**
   * How the run ended for deployments: the commit they name (the one written, or the head read when
   * nothing was), the apps it wrote (or that were already in place), and a line for each status.
   */
  deployed?(result: R): { state: 'success' | 'failure'; commit: string; apps: readonly string[]; description: string } | undefined;
  /** The action declares a `status` output: a run that fails before its outputs are set (a throw, bad input) sets it to `failed`, and nothing else. */
  statusOutput?: true;
  /**
   * The action writes its whole result, as `ferry <name> --json` prints it, to a file, named by its
   * `report` output: the path this returns (the `report-path` input), else `<name>.json` in a
   * directory of its own in RUNNER_TEMP. An output too long to give (MAX_OUTPUT_BYTES) is found there.
   */
  report?(inputs: I): string | undefined;
  /**
   * The action's input names for what the command's errors call otherwise (see asInputProblems):
   * `{ app: 'apps', all: 'all: true' }`.
   */
  inputNames?: Readonly<Record<string, string>>;
}

/**
 * Git credentials for an https env repo on the GitHub server the run is on (GITHUB_SERVER_URL):
 * an `http.<origin>/.extraheader` with the token as basic auth, as actions/checkout does, passed
 * through GIT_CONFIG_COUNT / GIT_CONFIG_KEY_n / GIT_CONFIG_VALUE_n so that it is never on a
 * command line or in a URL. These go to git's children only (setGitEnvironment), never into
 * process.env. Undefined for other remotes: the token is not sent elsewhere; and for a URL with a
 * password of its own (`https://x-access-token:<another token>@…`), whose credentials git is given
 * (gitRemote()): two Authorization headers would leave the choice to the server.
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
  if (url.protocol !== 'https:' || url.origin !== server.origin || gitRemote(repo).url !== repo) return undefined;
  const basic = Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64');
  core.setSecret(basic);
  return gitConfigEnv(`http.${url.origin}/.extraheader`, `AUTHORIZATION: basic ${basic}`, env);
}

/**
 * The credentials of a URL, masked; [] for none. The user info is all between `://` and the last
 * `@` (a password with a raw `/` or `@` in it is no valid URL, but git takes it as written): its
 * password, and its user name when that is a token (no password, `x-oauth-basic` as the
 * password, or a name as long as a token), each as written and percent-decoded. A short user
 * name (`git`, `deploy`) is not masked: it would hide that word everywhere in the log.
 */
export function maskUrlCredentials(repo: string): string[] {
  const secrets = urlCredentials(repo);
  for (const secret of secrets) core.setSecret(secret);
  rememberCredentials(repo);
  return secrets;
}

/** Replaces every secret in `text` by ***: the runner masks the log, but not a local run's. */
function scrub(text: string, secrets: readonly string[]): string {
  return secrets.filter((s) => s.length > 0).reduce((t, s) => t.split(s).join('***'), text);
}

/** The env repo a command works on, as the log names it: `env repo <URL, credentials redacted>, branch <branch>`. */
function envRepoText(target: FailureTarget, secrets: readonly string[]): string {
  return scrub(`env repo ${redactUrl(target.repo)}, branch ${target.branch}`, secrets);
}

/**
 * Each problem as an error annotation. GitHub looks a `file` of an annotation up in the workflow's
 * own repository: a file of the env repo (`envRepo`: the problems' files are its) is not there, or
 * another file of that name is. Its place (`ferry.yaml:12:5`) goes in the text instead, and the
 * title names the env repo; a local file (analyze's template) is annotated at its file and line.
 */
function annotate(command: string, problems: readonly (Problem & { title?: string })[], secrets: readonly string[], envRepo?: FailureTarget): void {
  for (const p of problems.slice(0, MAX_ANNOTATIONS)) {
    const inEnvRepo = p.file !== undefined && envRepo !== undefined;
    const local = p.file !== undefined && !inEnvRepo;
    core.error(scrub(inEnvRepo ? formatProblem(p) : p.field ? `${p.field}: ${p.message}` : p.message, secrets), {
      title: scrub(p.title ?? (p.file ? `${command}: problem in ${p.file}${inEnvRepo ? ` (${envRepoText(envRepo, secrets)})` : ''}` : `${command}: bad input`), secrets),
      ...(local ? { file: p.file } : {}),
      ...(local && p.line !== undefined ? { startLine: p.line } : {}),
      ...(local && p.line !== undefined && p.column !== undefined ? { startColumn: p.column } : {}),
    });
  }
  if (problems.length > MAX_ANNOTATIONS) {
    // The rest in the log, every one (the job summary's table, too, stops at MAX_ROWS).
    core.error(`… and ${problems.length - MAX_ANNOTATIONS} more, listed in the step's log`, { title: command });
    logUntrusted(problems.slice(MAX_ANNOTATIONS).map((p) => scrub(p.file !== undefined ? formatProblem(p) : p.field ? `${p.field}: ${p.message}` : p.message, secrets)));
  }
}

/** Fails the step with a user's mistake: each problem as an annotation (annotate()). */
function failConfiguration(command: string, problems: readonly Problem[], secrets: readonly string[] = [], envRepo?: FailureTarget): void {
  annotate(command, problems, secrets, envRepo);
  const where = [...new Set(problems.map((p) => p.file ?? 'the inputs'))].join(', ');
  const of = envRepo && problems.some((p) => p.file !== undefined) ? `${envRepoText(envRepo, secrets)}; ` : '';
  core.setFailed(scrub(`${command}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${where} (${of}see the annotations); nothing written`, secrets));
}

/** The head an error says it was read at (`commit` on the error), if any. */
function headOf(error: unknown): string | undefined {
  const commit = (error as { commit?: unknown } | null)?.commit;
  return typeof commit === 'string' && /^[0-9a-f]{7,64}$/.test(commit) ? commit : undefined;
}

/** The apps a command had planned when it failed, when the error carries them (promote: runPromote). */
function appsOf(error: unknown): string[] {
  const apps = (error as { apps?: unknown } | null)?.apps;
  return Array.isArray(apps) ? apps.filter((a): a is string => typeof a === 'string' && a !== '') : [];
}

/** The app of the one deployment of a run that failed before it planned any (promote with `all`): every app. */
const EVERY_APP = '*';

/**
 * Writes the result to the report file (ActionCommand.report) and returns its path. A file that
 * cannot be written is a warning, and '' (the command's work, a promotion pushed, stands).
 */
async function writeReport(command: string, name: string, given: string | undefined, tempDir: string, result: unknown, secrets: readonly string[]): Promise<string> {
  let path = given === undefined ? undefined : resolve(given);
  try {
    path ??= join(await mkdtemp(join(tempDir, `ferry-${name}-`)), `${name}.json`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${toJson(result, 2)}\n`);
    logUntrusted([`${command}: the whole result, as JSON: ${scrub(path, secrets)}`]);
    return path;
  } catch (error) {
    core.warning(scrub(`${command}: could not write the report${path ? ` to ${path}` : ''}: ${(error as Error).message}; the report output is empty`, secrets), { title: `${command}: no report` });
    return '';
  }
}

/**
 * `value` when it fits in an output (MAX_OUTPUT_BYTES); else '' and a warning that says where
 * the whole result is: the report file, when the action writes one.
 */
function fitOutput(command: string, name: string, value: string, report: string | undefined, secrets: readonly string[]): string {
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes <= MAX_OUTPUT_BYTES) return value;
  const where = report ? `the whole result is in ${report}, the file the report output names` : report === '' ? 'the report could not be written (see the warning before)' : 'the job summary and the log show the result';
  core.warning(scrub(`${command}: the ${name} output is left out: its JSON is ${bytes.toLocaleString('en')} bytes, more than the ${MAX_OUTPUT_BYTES.toLocaleString('en')} an output of Ferry holds (GitHub takes at most 1 MB of outputs per job; a later step's env or input at most 128 KiB per value); ${where}`, secrets), { title: `${command}: ${name} left out` });
  return '';
}

async function writeSummary(text: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return; // not on a runner: nowhere to write it
  try {
    await core.summary.addRaw(text, true).write();
  } catch (error) {
    core.warning(`could not write the job summary: ${(error as Error).message}`);
  }
}

/**
 * Runs `run`, then records its deployments: one per app, made once the commit is known, on that
 * commit (its sha as the ref: a branch name would be read by GitHub when the deployment is made,
 * before the write the old head, after it whatever the branch has moved to since), with one status,
 * success or failure, and the environment URL. A run that fails before it gets to a result records
 * its failure on the head it read, when the error knows it, else on the branch (its head then): of
 * each app known before the run and each the error says was planned (a plan no longer the one
 * expected, a push refused, an approval refused); of none known (`all`, failed before any plan),
 * one deployment of the environment whose payload's app is `*`. A deployment that cannot be
 * recorded is a warning: the change stands.
 */
async function withDeployments<I, R>(action: ActionCommand<I, R>, inputs: I, context: ActionContext, branch: string, logUrl: string | undefined, run: () => Promise<R>): Promise<R> {
  const plan = action.deployments?.(inputs);
  if (typeof plan === 'string') core.warning(`ferry ${action.name}: ${plan}`, { title: `ferry ${action.name}: deployments not recorded` });
  if (!plan || typeof plan === 'string') return run();
  const target = await context.githubTarget();
  if (!target) {
    context.progress('deployments not recorded: the env repo is not on this run\'s GitHub server, or no github-token');
    return run();
  }
  const { client, owner, repo } = target;
  const record = async (apps: readonly string[], ref: string, state: 'success' | 'failure', description: string) => {
    context.phase(`Deployments to ${plan.environment}: ${state}`);
    for (const app of apps) {
      try {
        const { id } = await client.createDeployment({ owner, repo, ref, environment: plan.environment, description: `ferry ${action.name}: ${app === EVERY_APP ? 'every app' : app}`, payload: { app, command: action.name } });
        await client.setDeploymentStatus({
          owner, repo, deploymentId: id, state, description,
          ...(plan.environmentUrl ? { environmentUrl: plan.environmentUrl } : {}), ...(logUrl ? { logUrl } : {}),
        });
        context.progress(`deployment ${id} of ${app} to ${plan.environment} at ${ref.slice(0, 12)}: ${state}`);
      } catch (error) {
        core.warning(`could not record the deployment of ${app} to ${plan.environment} (${state}): ${(error as Error).message}`);
      }
    }
  };
  let result: R;
  try {
    result = await run();
  } catch (error) {
    const apps = [...new Set([...plan.apps, ...appsOf(error)])];
    await record(apps.length ? apps : [EVERY_APP], headOf(error) ?? branch, 'failure', `ferry ${action.name} failed; see the workflow run`);
    throw error;
  }
  const end = action.deployed?.(result);
  const apps = [...new Set([...plan.apps, ...(end?.apps ?? [])])];
  await record(apps, end?.commit ?? branch, end?.state ?? 'failure', end?.description ?? `ferry ${action.name}: nothing written`);
  return result;
}

/** Runs one command as the step: the only place that sets the exit code. */
export async function runAction<I, R>(action: ActionCommand<I, R>): Promise<void> {
  const command = `ferry ${action.name}`;
  const secrets: string[] = [];
  const links: SummaryLinks = {};
  const run = runUrlOf(process.env);
  if (run) links.run = run;
  let summary: string;
  let outputsSet = false;
  /** The env repo and branch the command works on, once the inputs name them. */
  let target: FailureTarget | undefined;
  try {
    const input = new InputReader();
    const onRepo = action.envRepo !== false;
    const repo = !onRepo ? '' : action.envRepo === 'optional' ? (input.optional('repo') ?? '') : input.required('repo');
    const branch = (onRepo ? input.optional('branch') : undefined) ?? 'main';
    secrets.push(...maskUrlCredentials(repo));
    if (repo) target = { repo, branch };
    const token = onRepo ? input.secret('github-token') : undefined;
    if (token) secrets.push(token);
    const inputs = action.getInputs(input, { repo, branch });
    if (input.problems.length) throw new ConfigurationError(input.problems);

    const credentials = token ? gitCredentialEnv(repo, token, process.env) : undefined;
    if (credentials) {
      secrets.push(Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64'));
      // Only git's children get them: in process.env, a variable named in ferry.yaml
      // (prometheus.bearerTokenEnv: GIT_CONFIG_VALUE_0) would send them to any address.
      setGitEnvironment(credentials);
    } else if (token && /^https:\/\//i.test(repo)) {
      logUntrusted([`github-token is not sent to ${logQuote(redactUrl(repo))}: it is not on the GitHub server of this run (GITHUB_SERVER_URL)`]);
    }
    const web = onRepo ? repoWebUrl(repo, process.env.GITHUB_SERVER_URL || undefined) : undefined;
    if (web) links.repo = web;
    // One log group at a time: a phase closes the one before; a line before any phase opens the run's.
    const title = onRepo ? `${command} (${redactUrl(repo)}, branch ${branch})` : command;
    let grouped = false;
    const phase = (name: string) => {
      if (grouped) core.endGroup();
      core.startGroup(scrub(name, secrets));
      grouped = true;
    };
    const endPhase = () => {
      if (grouped) core.endGroup();
      grouped = false;
    };
    const progress = (line: string) => {
      if (!grouped) phase(title);
      const text = `${command}: ${scrub(line, secrets)}`;
      if (COMMAND_LIKE.test(text)) logUntrusted(text.split(/\r\n|[\r\n\u0085\u2028\u2029]/));
      else core.info(text);
    };
    let client: Promise<GitHub | undefined> | undefined;
    let reviewed: ReturnType<ActionContext['reviewedPullRequest']>;
    const github = () => (client ??= token
      ? import('../adapters/github.js').then(({ createGitHub }) => createGitHub({ token, log: progress }))
      : Promise.resolve(undefined));
    const context: ActionContext = {
      progress,
      phase,
      commitUrl: (commit) => commitUrl(links, commit),
      tempDir: process.env.RUNNER_TEMP || tmpdir(),
      github,
      githubTarget: async (neededFor) => {
        const on = gitHubRepoOf(repo, process.env);
        if (neededFor && !on) throw new ConfigurationError({ field: 'repo', message: `${neededFor} needs the env repo on this run's GitHub server (https://${new URL(process.env.GITHUB_SERVER_URL || 'https://github.com').host}/<owner>/<repo>.git), found ${quote(redactUrl(repo))}` });
        if (neededFor && !token) throw new ConfigurationError({ field: 'github-token', message: `${neededFor} talks to the GitHub API and needs a token, found none` });
        const api = on && (await github());
        return on && api ? { client: api, owner: on.owner, repo: on.repo, serverUrl: process.env.GITHUB_SERVER_URL || 'https://github.com' } : undefined;
      },
      reviewedPullRequest: () => reviewed,
      approvers: async ({ environment, required, requester, run, pullRequestHead, proposal }) => {
        const api = await github();
        // Approvals the token may not read (403, 404; not a rate limit): a warning naming the
        // permission, and none from there; the approvals gate, if any, then decides without them.
        // Any other failure (a rate limit) stays itself, and fails the step.
        // (`source`: what they are, what the token cannot read, what a token that can would read
        // and count, the approvals-from that leaves them out, and the approvers read elsewhere.)
        const cannotRead = (error: unknown, source: { title: string; what: string; cannot: string; canRead: string; who: string; instead: string; elsewhere?: string }) => {
          if (!unreadable(error)) throw error;
          const { title, what, cannot, canRead, who, instead, elsewhere } = source;
          const why = `github-token ${cannot} (${(error as Error).message})`;
          const message = required
            ? `${what} are not read: ${why}. ${environment} has an approvals gate: it counts only ${elsewhere ? `${elsewhere} and ` : ''}approved-by, and fails without enough of them. A github-token that can read ${canRead} would count ${who} and record them as Ferry-Approved-By; or approvals-from: ${instead} (or none) leaves them out without this warning`
            : `${what} are not recorded: ${why}. ${environment} has no approvals gate, so the promotion goes on without them; a github-token that can read ${canRead} would record ${who} as Ferry-Approved-By, or approvals-from: ${instead} (or none) would leave them out without this warning`;
          core.warning(scrub(`${command}: ${message}`, secrets), { title: `${command}: ${title} ${required ? 'not read' : 'not recorded'}` });
        };
        let runApprovals: RunApproval[] | undefined;
        if (run) {
          const [owner, name] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
          const runId = Number(process.env.GITHUB_RUN_ID);
          if (!owner || !name || !Number.isInteger(runId) || runId < 1 || !api) {
            progress('approvals-from run: not on a workflow run with a github-token (GITHUB_REPOSITORY, GITHUB_RUN_ID); its approvals are not read');
          } else {
            try {
              runApprovals = await api.runApprovals({ owner, repo: name, runId });
              progress(`approvals of run ${runId} for ${environment}: ${runApprovals.filter((a) => a.state === 'approved' && a.environments.some((e) => e.name === environment)).map((a) => a.user.login).join(', ') || 'none'}`);
            } catch (error) {
              const envRepo = gitHubRepoOf(repo, process.env);
              const other = envRepo && `${envRepo.owner}/${envRepo.repo}`.toLowerCase() !== `${owner}/${name}`.toLowerCase() ? `, the workflow's repository; the env repo is ${envRepo.owner}/${envRepo.repo}` : '';
              cannotRead(error, {
                title: 'run approvals', what: `this run's environment approvals for ${environment} (run ${runId} in ${owner}/${name}${other})`, cannot: 'cannot read them',
                canRead: `the workflow runs of ${owner}/${name} (actions: read)`, who: 'who approved it there', instead: 'pull-request',
                ...(pullRequestHead !== undefined ? { elsewhere: "the reviews of the promotion's pull request" } : {}),
              });
            }
          }
        }
        let reviews: PullRequestReview[] | undefined;
        if (pullRequestHead !== undefined) {
          const on = gitHubRepoOf(repo, process.env);
          if (!on || !api) {
            progress('approvals-from pull-request: the env repo is not on this run\'s GitHub server, or no github-token; no pull request reviews are read');
          } else {
            const where = `${on.owner}/${on.repo}`;
            // Not readable: null (the warning says so).
            const notRead = (error: unknown): null => {
              cannotRead(error, {
                title: 'pull request reviews', what: `the reviews of the pull request from ${pullRequestHead} in ${where} (the env repo)`, cannot: 'cannot read its pull requests',
                canRead: `the pull requests of ${where} (pull-requests: read)`, who: 'its approving reviewers', instead: 'run',
                ...(run ? { elsewhere: "this run's environment approvals" } : {}),
              });
              return null;
            };
            const pr = await api.findOpenPullRequest({ owner: on.owner, repo: on.repo, head: pullRequestHead, base: branch }).catch(notRead);
            if (pr === undefined) {
              progress(`approvals-from pull-request: no open pull request from ${pullRequestHead} into ${branch}`);
            } else if (pr) {
              // Anyone can open a pull request from the predictable branch name: its reviews count
              // only when its head is this plan's change, and only those given on that head.
              const { proposalMismatch } = await import('./delivery.js');
              const mismatch = proposal ? await proposalMismatch({ client: api, owner: on.owner, repo: on.repo }, branch, pr.headSha, proposal) : 'no planned change to check it against';
              const all = mismatch === undefined ? await api.pullRequestReviews({ owner: on.owner, repo: on.repo, pullNumber: pr.number }).catch(notRead) : undefined;
              if (mismatch !== undefined) {
                progress(`approvals-from pull-request: the reviews of pull request #${pr.number} (${pr.url}) do not count, and it is left open: its head ${pr.headSha.slice(0, 12)} is not this promotion's change (${mismatch})`);
              } else if (all) {
                // An approval given on an older head is stale; a request for changes counts on any head.
                const stale = all.filter((r) => r.state === 'APPROVED' && r.commit_id !== pr.headSha);
                reviews = all.filter((r) => !stale.includes(r));
                reviewed = { owner: on.owner, repo: on.repo, number: pr.number, url: pr.url };
                progress(`reviews of pull request #${pr.number} (${pr.url}) on its head ${pr.headSha.slice(0, 12)}: ${reviews.filter((r) => r.user && r.state !== 'PENDING').map((r) => `${r.user!.login} ${r.state}`).join(', ') || 'none'}`);
                if (stale.length) progress(`approvals of an older head of pull request #${pr.number}, not counted: ${stale.map((r) => `${r.user?.login ?? '(deleted user)'} on ${(r.commit_id ?? 'unknown').slice(0, 12)}`).join(', ')}`);
              }
            }
          }
        }
        const { approversOf } = await import('../core/approvals.js');
        const found = approversOf({ environment, ...(runApprovals ? { runApprovals } : {}), ...(reviews ? { reviews } : {}), ...(requester !== undefined ? { requester } : {}) });
        if (found.refused.length) throw new Error(`approval refused: ${found.refused.map((r) => r.reason).join('; ')}; nothing written`);
        if (found.apps.length) progress(`approvals of GitHub Apps, not counted (an approval is a person's): ${found.apps.join(', ')}`);
        progress(`approvers of the promotion to ${environment} from GitHub: ${found.approvers.join(', ') || 'none'}`);
        return found.approvers;
      },
    };

    core.startGroup('Inputs');
    logUntrusted(Object.entries(inputs as object).filter(([, value]) => value !== undefined).map(([key, value]) => `${key}: ${redactUrl(scrub(logQuote(value), secrets))}`));
    core.endGroup();
    let result: R;
    try {
      result = await withDeployments(action, inputs, context, branch, run, () => action.run(inputs, context));
    } finally {
      endPhase();
    }
    for (const [title, text] of Object.entries(action.log?.(result) ?? {})) {
      await core.group(title, async () => logUntrusted(scrub(text.trimEnd(), secrets).split(/\r?\n/)));
    }
    const report = action.report ? await core.group('Report', () => writeReport(command, action.name, action.report!(inputs), context.tempDir, result, secrets)) : undefined;
    await core.group('Outputs', async () => {
      const outputs = Object.entries({ ...action.outputs(result, context), ...(report !== undefined ? { report } : {}) })
        .map(([name, value]) => [name, fitOutput(command, name, value, report, secrets)] as const);
      for (const [name, value] of outputs) core.setOutput(name, value);
      outputsSet = true;
      logUntrusted(outputs.map(([name, value]) => `${name}: ${scrub(value.length > 200 ? `${logQuote(value.slice(0, 200))}… (${value.length} characters)` : logQuote(value), secrets)}`));
    });
    summary = action.summary(result, links);
    const failure = action.failure?.(result);
    if (failure) {
      annotate(command, failure.annotations, secrets, target);
      core.setFailed(`${command}: ${failure.headline}`);
    }
  } catch (error) {
    // What is known of a run that did not get to its outputs: it failed.
    if (action.statusOutput && !outputsSet) core.setOutput('status', 'failed');
    // Where it failed: the env repo (credentials redacted), the branch, and the head when the error knows it.
    const head = headOf(error);
    const where = target && { repo: scrub(redactUrl(target.repo), secrets), branch: scrub(target.branch, secrets), ...(head ? { commit: head } : {}) };
    if (error instanceof ConfigurationError) {
      const problems = asInputProblems(error.problems, action.inputNames).map((p) => ({ ...p, message: scrub(p.message, secrets) }));
      failConfiguration(command, problems, secrets, target);
      summary = failureSummary(command, { message: scrub(new ConfigurationError(problems).message, secrets), problems }, links, where);
    } else {
      const message = scrub((error as Error).message ?? String(error), secrets);
      core.setFailed(`${command}: ${message}`);
      summary = failureSummary(command, { message }, links, where);
    }
  }
  await writeSummary(summary);
}

/**
 * Whether GitHub would not show what was asked for (403, 404), not for a rate limit: the token
 * lacks a permission (actions: read for a run's approvals, pull-requests: read for the env repo's
 * pull requests), as a fine-grained token with contents: write only, or the env repo's token
 * reading the workflow repository's runs.
 */
function unreadable(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return (status === 403 || status === 404) && !rateLimited(error);
}

/** A 403 of a rate limit (GitHub says so in its message), not of a permission. */
function rateLimited(error: unknown): boolean {
  return /rate limit/i.test((error as Error | null)?.message ?? '');
}

/** The umbrella action: `command` picks the action; its module runs it on import. */
export async function dispatch(loaders: Record<ActionCommandName, () => Promise<unknown>>): Promise<void> {
  const command = core.getInput('command');
  if ((ACTION_COMMANDS as readonly string[]).includes(command)) {
    await loaders[command as ActionCommandName]();
    return;
  }
  const problems = [{ field: 'command', message: command ? `expected one of ${ACTION_COMMANDS.join(', ')}, found ${quoteOneLine(command)}` : `is required (one of ${ACTION_COMMANDS.join(', ')})` }];
  failConfiguration('ferry', problems);
  const run = runUrlOf(process.env);
  await writeSummary(failureSummary('ferry', { message: problems[0]!.message, problems }, run ? { run } : {}));
}
