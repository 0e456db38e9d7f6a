/**
 * The gits Ferry starts, and what outlives none of them: each git is spawned with an argument
 * array (never a shell), GIT_TERMINAL_PROMPT=0, the environment gitProcessEnv() makes, and is
 * stopped, with what it started, on an interrupt or when a server goes silent past
 * FERRY_GIT_TIMEOUT; the temporary directories a command makes are removed on an interrupt.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigurationError, quote } from '../core/errors.js';
import { redactUrl } from '../core/redact.js';

/** A git command failed for a reason other than a race. */
export class GitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/**
 * How a git that failed ended: `git exited with 128`, or, stopped by a signal (which leaves it no
 * exit code), `git was killed by SIGKILL`. `name` is the git as a message names it (`git cat-file`).
 */
export function gitEnded(code: number | null, signal: NodeJS.Signals | null, name = 'git'): string {
  return code === null && signal !== null ? `${name} was killed by ${signal}` : `${name} exited with ${code}`;
}

/** What every git Ferry starts gets on top of this process's environment (setGitEnvironment). */
let gitEnvironmentExtra: Readonly<Record<string, string>> = {};

/**
 * Variables for the environment of the gits Ferry starts, and of no one else: the action's git
 * credentials (an extraheader through GIT_CONFIG_COUNT / _KEY_n / _VALUE_n). Kept out of
 * process.env, where anything that reads a variable by a name from the env repo (ferry.yaml's
 * prometheus.bearerTokenEnv) could find them. Applies when an open() or runGit() is given no `env`.
 */
export function setGitEnvironment(variables: Readonly<Record<string, string>>): void {
  gitEnvironmentExtra = { ...variables };
}

/** This process's environment and what setGitEnvironment() gave: git's, when the caller gives none. */
export function gitEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, ...gitEnvironmentExtra };
}

/**
 * Variables that point git at a repository, a work tree, an index or an object store. Inherited
 * (Ferry run from a git hook or alias, where git sets them), they made Ferry's gits read and
 * write another repository: GIT_OBJECT_DIRECTORY put the objects of a bump's commit in the
 * repository of the hook. git clears them for its own subprocesses (local_repo_env); Ferry's
 * gits never get them.
 */
const REPOSITORY_VARIABLES = [
  'GIT_DIR', 'GIT_WORK_TREE', 'GIT_IMPLICIT_WORK_TREE', 'GIT_NAMESPACE', 'GIT_COMMON_DIR', 'GIT_QUARANTINE_PATH', 'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_INDEX_FILE', 'GIT_GRAFT_FILE', 'GIT_SHALLOW_FILE', 'GIT_PREFIX', 'GIT_REPLACE_REF_BASE', 'GIT_NO_REPLACE_OBJECTS',
] as const;

/**
 * Settings of a user's git configuration that break Ferry's own git calls, set for them (after
 * the user's, so they win): a global core.hooksPath ran the user's hooks (a reference-transaction
 * hook: 8 times a bump) in the temporary clone, and could fail it; push.gpgSign=true failed every
 * push to a server that takes no signed push; protocol.version=0 failed the fetches by object id.
 * What reaches the server and how (credential helpers, GIT_ASKPASS, ssh, http.*, url.*.insteadOf)
 * stays the user's.
 */
const PINNED_CONFIG: readonly (readonly [string, string])[] = [
  ['core.hooksPath', '/dev/null'],
  ['push.gpgSign', 'false'],
  ['protocol.version', '2'],
  ['log.showSignature', 'false'],
];

/**
 * The environment a git Ferry starts runs with: `env` without REPOSITORY_VARIABLES, with
 * PINNED_CONFIG through GIT_CONFIG_COUNT after the entries it has. (A local remote's git, a
 * file:// push's receive-pack and its hooks, gets none of it: git clears GIT_CONFIG_COUNT for it.)
 */
export function gitProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const name of REPOSITORY_VARIABLES) delete out[name];
  for (const [key, value] of PINNED_CONFIG) Object.assign(out, gitConfigEnv(key, value, out));
  return out;
}

/**
 * One more git config entry, `key` = `value`, through GIT_CONFIG_COUNT / GIT_CONFIG_KEY_n /
 * GIT_CONFIG_VALUE_n after the entries `env` has: the variables to add to it. (Never on a command
 * line, where every user of the machine could read it.)
 */
export function gitConfigEnv(key: string, value: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const n = /^\d+$/.test(env.GIT_CONFIG_COUNT ?? '') ? Number(env.GIT_CONFIG_COUNT) : 0;
  return { GIT_CONFIG_COUNT: String(n + 1), [`GIT_CONFIG_KEY_${n}`]: key, [`GIT_CONFIG_VALUE_${n}`]: value };
}

/** The directory for temporary files, absolute (a relative TMPDIR would be taken from whatever directory git runs in). */
export function tempRoot(): string {
  return resolve(tmpdir());
}

export interface RunResult {
  stdout: Buffer;
  stderr: string;
}

/** Temporary clones not yet removed: an interrupted Ferry (Ctrl-C, a CI job cancelled) removes them on its way out. */
export const openClones = new Set<string>();
/** Git processes running, to stop when interrupted. */
export const runningGits = new Set<ChildProcess>();
let removingOnSignal = false;
/**
 * The write under way, if any (a push, or a commit the GitHub API makes: no id yet): an interrupt
 * during it cannot tell whether it landed, and says so.
 */
let inFlight: { url: string; branch: string; commit?: string } | undefined;
/** The last write that landed: an interrupt after it says so (the command's own report may not come). */
let landedPush: { url: string; branch: string; commit: string } | undefined;

/**
 * A write (a push of `commit`, or a commit the GitHub API makes, `commit-via: api`, whose id comes
 * with its answer), for what an interrupt says: under way until `done`, with the commit it landed, if any.
 */
export function writeUnderWay(target: { url: string; branch: string; commit?: string }): { done(commit?: string): void } {
  inFlight = { ...target };
  return {
    done(commit) {
      inFlight = undefined;
      if (commit !== undefined) landedPush = { url: target.url, branch: target.branch, commit };
    },
  };
}

/**
 * What an interrupted or stopped command says of the writes, after "interrupted" or "stopped":
 * the one under way may have landed, one landed before, or nothing was pushed.
 */
function pushedSoFar(): string {
  if (inFlight) {
    const what = inFlight.commit !== undefined ? `pushing ${inFlight.commit.slice(0, 12)} to` : 'committing through the GitHub API to';
    return ` while ${what} ${redactUrl(inFlight.url)} (branch ${inFlight.branch}): it may have landed; look at the branch before running again`;
  }
  if (landedPush) return ` after ${landedPush.commit.slice(0, 12)} landed on ${redactUrl(landedPush.url)} (branch ${landedPush.branch})`;
  return '; nothing was pushed';
}

/**
 * Stops these gits and every process they started: a git killed alone leaves its remote helper
 * (git-remote-http) or send-pack running, blocked on the server. The processes are found in one
 * listing (ps), before any is stopped: a child whose git is gone is no longer listed under it.
 */
function stopGits(children: Iterable<ChildProcess>): void {
  const running = [...children].filter((c) => c.pid !== undefined && c.exitCode === null && c.signalCode === null);
  if (running.length === 0) return;
  const below = new Map<number, number[]>();
  try {
    const table = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'latin1', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 });
    for (const line of table.split('\n')) {
      const [pid, ppid] = line.trim().split(/\s+/).map(Number);
      if (pid && ppid) below.set(ppid, [...(below.get(ppid) ?? []), pid]);
    }
  } catch {
    // No process listing: the gits alone are stopped.
  }
  const tree: number[] = [];
  for (let queue = running.map((c) => c.pid!); queue.length;) {
    const pid = queue.shift()!;
    const next = below.get(pid) ?? [];
    tree.push(...next);
    queue = queue.concat(next);
  }
  for (const child of running) child.kill('SIGTERM');
  for (const pid of tree) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // (gone already)
    }
  }
}


/** FERRY_GIT_TIMEOUT's default: seconds a clone, fetch or push may go without data before git is stopped. */
export const DEFAULT_GIT_TIMEOUT_S = 300;

/**
 * The longest FERRY_GIT_TIMEOUT: a Node timer waits at most 2^31 - 1 ms, and a longer one fires
 * after 1 ms (TimeoutOverflowWarning), which would stop every network git at once.
 */
const MAX_GIT_TIMEOUT_S = Math.floor(2_147_483_647 / 1000);

/** The seconds a clone, fetch or push may go without data (FERRY_GIT_TIMEOUT; 0: no limit). */
export function gitTimeoutSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.FERRY_GIT_TIMEOUT?.trim();
  if (given === undefined || given === '') return DEFAULT_GIT_TIMEOUT_S;
  if (!/^\d{1,7}$/.test(given)) throw new ConfigurationError({ field: 'FERRY_GIT_TIMEOUT', message: `expected a whole number of seconds (0 for no limit), found ${JSON.stringify(env.FERRY_GIT_TIMEOUT)}` });
  if (Number(given) > MAX_GIT_TIMEOUT_S) {
    throw new ConfigurationError({ field: 'FERRY_GIT_TIMEOUT', message: `expected at most ${MAX_GIT_TIMEOUT_S} seconds (24.8 days, the longest wait a timer takes; 0 for no limit), found ${JSON.stringify(env.FERRY_GIT_TIMEOUT)}` });
  }
  return Number(given);
}

/** A network git call's wait told of: first after this long without a word from git (or half the limit, if shorter)... */
const FIRST_NOTICE_MS = 10_000;
/** ...then at this interval. */
const NOTICE_EVERY_MS = 30_000;

/** How often the directory a clone or fetch receives into is looked at for growth. */
const RECEIVING_EVERY_MS = 1000;

/** How runGit() watches a git that talks to a server: a progress line while it is silent, and a time limit. */
export interface NetworkWatch {
  /** Seconds git may go without data (output, or what it receives growing); 0: no limit. */
  limitS: number;
  progress: (line: string) => void;
  /**
   * The directory a clone or fetch writes the pack it receives into (objects/pack: tmp_pack_*):
   * its growth is data heard. (Quiet, git says nothing while it receives.) It grows a sideband
   * packet (up to 64 KB) at a time: a link slower than that per FERRY_GIT_TIMEOUT is stopped.
   */
  receivingInto?: string;
}

/** On an interrupt, stops the gits and removes the temporary directories (openClones), then exits as the signal would. */
function catchSignals(): void {
  if (!removingOnSignal) {
    removingOnSignal = true;
    // (SIGHUP: the terminal closed, an ssh session dropped: as SIGTERM.)
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
      process.once(signal, () => {
        process.stderr.write(`ferry: interrupted${pushedSoFar()}\n`);
        // Stop the gits and what they started (a remote helper, send-pack: they would go on
        // talking to the server) first, as a clone still writes into its directory; then remove,
        // retrying while they wind down.
        stopGits(runningGits);
        for (const d of openClones) {
          try {
            rmSync(d, { recursive: true, force: true, maxRetries: 20, retryDelay: 25 });
          } catch {
            // Exiting anyway: the temp directory is the system's to clean.
          }
        }
        process.exit(code);
      });
    }
  }
}

/**
 * A temporary directory of this process's own (in tempRoot()), removed if the process is
 * interrupted: removeTempDir() it when done. The signals are caught before it exists: an interrupt
 * in between (a test signals as soon as it sees the directory) would end the process with the
 * directory left behind.
 */
export function makeTempDir(prefix: string): string {
  catchSignals();
  let dir: string;
  try {
    dir = mkdtempSync(join(tempRoot(), prefix));
  } catch (error) {
    throw tempDirRefused(error);
  }
  openClones.add(dir);
  return dir;
}

/** What keeps a temporary directory from being made where a variable says, not the machine failing (a full disk). */
const UNUSABLE_TEMP = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOENT', 'ENOTDIR']);

/**
 * Why a temporary directory could not be made, naming where: Node's own message ("EACCES:
 * permission denied, mkdtemp '/ro/ferry-git-XXXXXX'") names no variable, and ferry init took it
 * for its <dir>. Where TMPDIR (or TMP, TEMP: the first set is the one taken) names a place this
 * user cannot make a directory in, that is bad input: a ConfigurationError naming the variable.
 * Otherwise (the system's /tmp, a full disk) the machine failed.
 */
function tempDirRefused(error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const variable = (['TMPDIR', 'TMP', 'TEMP'] as const).find((name) => process.env[name]);
  const refused = `cannot make a temporary directory in ${JSON.stringify(tempRoot())}: the system refused (${code ?? (error as Error).message})`;
  if (variable !== undefined && code !== undefined && UNUSABLE_TEMP.has(code)) {
    return new ConfigurationError({ field: variable, message: `expected a directory this user can write in, found ${quote(process.env[variable])}: ${refused}` });
  }
  return new Error(`${refused}; set TMPDIR to a directory this user can write in, with room to spare`, { cause: error });
}

/**
 * Has an interrupt remove `dir` (a directory a command made and fills, such as ferry init's new
 * repository: half made, it would block the next try), until the returned function is called.
 */
export function removedOnInterrupt(dir: string): () => void {
  catchSignals();
  openClones.add(dir);
  return () => openClones.delete(dir);
}

/** Removes a directory made by makeTempDir(). */
export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  openClones.delete(dir);
}

/**
 * Has an interrupt stop `child` and what it started (a tool Ferry runs besides git, such as
 * kustomize, and the gits it runs), as it stops Ferry's gits: before the temporary directories go.
 */
export function stopOnSignal(child: ChildProcess): void {
  runningGits.add(child);
  child.once('exit', () => runningGits.delete(child));
}

/** Stops `child` and every process it started (a time limit reached). */
export function stopProcessTree(child: ChildProcess): void {
  stopGits([child]);
}

/**
 * Runs git with an argument array (never a shell), GIT_TERMINAL_PROMPT=0, and turns a failure
 * into a GitError whose message says what was being done and git's reason, with URLs redacted.
 */
export function runGit(args: string[], options: { input?: Buffer; cwd: string; what?: string; env?: NodeJS.ProcessEnv; stdout?: (chunk: Buffer) => void; network?: NetworkWatch }): Promise<RunResult> {
  const env = options.env ?? { ...gitEnvironment(), GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  const what = options.what ?? `git ${args.find((a) => !a.startsWith('-') && a !== options.cwd) ?? ''}`;
  return new Promise((resolvePromise, reject) => {
    // Without input, standard input is /dev/null: an end of input sent through a pipe would wait
    // for Node's event loop.
    const child = spawn('git', args, { cwd: options.cwd, env: gitProcessEnv(env), stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    runningGits.add(child);
    child.once('exit', () => runningGits.delete(child));
    const watch = options.network ? watchNetworkGit(child, what, options.network) : undefined;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    // (A caller that takes the output as it comes keeps none of it here: the result's stdout is empty.)
    const take = options.stdout ?? ((b: Buffer) => out.push(b));
    child.stdout!.on('data', (b: Buffer) => {
      watch?.heard();
      take(b);
    });
    child.stderr!.on('data', (b: Buffer) => {
      watch?.heard();
      err.push(b);
    });
    child.on('error', (e) => reject(new GitError(`cannot run git: ${e.message}`, null)));
    child.on('close', (code, signal) => {
      watch?.done();
      const stderr = Buffer.concat(err).toString('utf8');
      if (watch?.timedOut) {
        return reject(new GitError(redactUrl(`${what} failed: timed out: no data for ${options.network!.limitS} s (the limit FERRY_GIT_TIMEOUT sets): git was stopped${pushedSoFar()}`), code));
      }
      if (code === 0) return resolvePromise({ stdout: Buffer.concat(out), stderr });
      const stdout = Buffer.concat(out).toString('utf8');
      const reason = [stderr, stdout].join('\n').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('hint:') && l !== 'Done').join('\n');
      reject(new GitError(redactUrl(`${what} failed: ${reason || gitEnded(code, signal)}`), code));
    });
    if (options.input) {
      child.stdin!.on('error', () => {});
      child.stdin!.end(options.input);
    }
  });
}

/**
 * Tells `watch.progress` of a network git from which no data came for a while (what it waits for,
 * how long so far), and stops it, with what it started, once no data came for `watch.limitS`
 * seconds. Data is git's output, and the growth of what a clone or fetch receives.
 */
function watchNetworkGit(child: ChildProcess, what: string, watch: NetworkWatch): { heard(): void; done(): void; readonly timedOut: boolean } {
  const started = Date.now();
  const limitMs = watch.limitS * 1000;
  let timedOut = false;
  let lastHeard = started;
  let finished = false;
  // What a clone or fetch received so far; grown(): it grew since last looked at. Looked at on a
  // tick, and again before a notice or a stop: a tick delayed while this process was busy would
  // have it told of or stopped while data came.
  let received = receivedSize(watch.receivingInto);
  const grown = () => {
    if (watch.receivingInto === undefined) return false;
    const size = receivedSize(watch.receivingInto);
    const grew = size > received;
    received = size;
    return grew;
  };
  let notice: NodeJS.Timeout | undefined;
  const arm = (ms: number) => {
    clearTimeout(notice);
    notice = setTimeout(() => {
      if (grown()) return heard();
      const limit = limitMs > 0 ? `; stopped after ${watch.limitS} s with no data (FERRY_GIT_TIMEOUT)` : '';
      watch.progress(redactUrl(`still waiting for ${what}: ${Math.round((Date.now() - started) / 1000)} s so far, no data for ${Math.round((Date.now() - lastHeard) / 1000)} s${limit}`));
      arm(NOTICE_EVERY_MS);
    }, ms);
  };
  const first = limitMs > 0 ? Math.min(FIRST_NOTICE_MS, limitMs / 2) : FIRST_NOTICE_MS;
  arm(first);
  const stop = limitMs > 0 ? setTimeout(() => {
    if (grown()) return heard();
    timedOut = true;
    stopGits([child]);
  }, limitMs) : undefined;
  function heard(): void {
    if (finished || timedOut) return;
    lastHeard = Date.now();
    arm(first);
    stop?.refresh();
  }
  const receiving = watch.receivingInto === undefined ? undefined : setInterval(() => {
    if (grown()) heard();
  }, RECEIVING_EVERY_MS);
  return {
    heard,
    done: () => {
      finished = true;
      clearTimeout(notice);
      clearTimeout(stop);
      clearInterval(receiving);
    },
    get timedOut() {
      return timedOut;
    },
  };
}

/** The bytes of the files in `dir` (a readdir and a stat each: a pack directory holds few), 0 if none. */
function receivedSize(dir: string | undefined): number {
  if (dir === undefined) return 0;
  let size = 0;
  try {
    for (const name of readdirSync(dir)) {
      try {
        size += statSync(join(dir, name)).size;
      } catch {
        // (renamed or removed meanwhile)
      }
    }
  } catch {
    // (not made yet)
  }
  return size;
}
