/**
 * The write protocol of DESIGN.md, "Writing to the environment repository": read the branch head,
 * compute the change, make one commit, push without force; on a non-fast-forward, fetch, recompute
 * on the new head and retry with jittered backoff, a bounded number of times. Any other error is
 * not a race and propagates as itself. A change already in place makes no commit.
 */
import { ConfigurationError } from './errors.js';

/** One version of the env repo's branch, read lazily: only the files asked for are fetched. */
export interface EnvRepoSnapshot {
  readonly commit: string;
  /** The file's text at this commit, or undefined when there is no such file. */
  readFile(path: string): Promise<string | undefined>;
  /**
   * Reads these files ahead, together (the git adapter: one fetch for all): a caller about to read
   * many files one by one says so first, or each read is a round trip of its own.
   */
  prefetch?(paths: readonly string[]): Promise<void>;
  /**
   * Reads many files in one go (one fetch for all), a file that is no text Ferry reads (a
   * directory, a symbolic link, not UTF-8) being its own ConfigurationError in the map, not the
   * end of the read; where the snapshot can.
   */
  readFilesReporting?(paths: readonly string[]): Promise<Map<string, string | undefined | ConfigurationError>>;
  /** The names of the files directly in directory `dir` (sorted; none when there is no such directory), where the snapshot can tell. */
  listFiles?(dir: string): Promise<string[]>;
  /** listFiles() of each of `dirs` (none of them the root), read together: one walk of the trees for all of them. */
  listFilesIn?(dirs: readonly string[]): Promise<Map<string, string[]>>;
  /** Of `paths`, those that are symbolic links, each with its target as written (where the snapshot can tell). */
  readLinks?(paths: readonly string[]): Promise<Map<string, string>>;
}

export interface FileChange {
  path: string;
  content: string;
}

/** The env repo as the core sees it. The git adapter implements it. */
export interface EnvRepo {
  /** The branch head: fetched again when the branch may have moved since it was last read (after a lost race). */
  head(): Promise<EnvRepoSnapshot>;
  /** Makes a commit on top of `parent` with these files changed; returns its id. Writes nothing remote. */
  commit(parent: string, files: readonly FileChange[], message: string): Promise<string>;
  /**
   * Pushes `commit` to the branch without force. Throws NonFastForwardError when the branch moved.
   * A remote that makes the commit itself (GitHub's createCommitOnBranch) returns the id of the
   * commit it made, which is then the outcome's commit.
   */
  push(commit: string): Promise<string | void>;
  /**
   * Runs one attempt (read the head, compute, commit, push) in turn with the other writers this
   * repo knows of, when it knows of any (the git adapter: other Ferry processes on this machine).
   * An optimization only: the push's compare-and-swap keeps writes safe without it. `waited`:
   * the turn came after another writer's, which may have moved the branch.
   */
  serialize?<T>(attempt: (waited: boolean) => Promise<T>): Promise<T>;
}

/** The branch moved since it was read: a race with another writer, worth a retry. */
export class NonFastForwardError extends Error {
  constructor(
    message: string,
    /** What the remote said (git's message), when there is more than `message` says. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'NonFastForwardError';
  }
}

/** What a computation on one snapshot decided: nothing to do, or one commit. */
export type Planned<T> =
  | { write: false; result: T }
  | { write: true; files: FileChange[]; message: string; result: T };

export interface WriteOptions {
  /** How many times to try in all (at least 1). */
  maxAttempts?: number;
  /**
   * Backoff after the k-th lost race: full jitter, a random wait in [0, min(capMs, unit * 2^(k-1))),
   * where unit is the time the lost attempt took (fetch, compute, commit, push), at least baseMs.
   * Scaling by the attempt's own duration fits the wait to the remote's round trip and the
   * machine's load: a wait shorter than an attempt cannot get out of the way of another writer.
   */
  baseMs?: number;
  capMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Milliseconds, for measuring attempts. */
  now?: () => number;
  /** Told of each lost race, before the backoff. */
  onRetry?: (attempt: number, delayMs: number, error: NonFastForwardError) => void;
}

export interface WriteOutcome<T> {
  status: 'succeeded' | 'skipped';
  /** The commit made, or the head that already held the change. */
  commit: string;
  /** The head the change was computed on. */
  parent: string;
  attempts: number;
  result: T;
}

export class RetriesExhaustedError extends Error {
  constructor(attempts: number, last: NonFastForwardError) {
    // With the remote's last words: what was taken for a race, and was not, shows.
    super(`the branch kept moving: gave up after ${attempts} attempts (last: ${last.message}); another run may succeed${last.detail ? `\nthe last refusal: ${last.detail}` : ''}`);
    this.name = 'RetriesExhaustedError';
  }
}

export const defaultWriteOptions = { maxAttempts: 20, baseMs: 50, capMs: 15_000 } as const;

/** An onRetry that tells `progress` of each lost race and the wait before the next attempt. */
export function reportRetries(progress: ((line: string) => void) | undefined, maxAttempts: number = defaultWriteOptions.maxAttempts): NonNullable<WriteOptions['onRetry']> {
  return (attempt, delay, error) => progress?.(`lost a race (${error.message}); recomputing on the new head in ${delay} ms (attempt ${attempt + 1} of ${maxAttempts})`);
}

/** The longest wait before attempt `attempt + 1`, after `attempt` lost races, the last of which took `lastAttemptMs`. */
export function backoffCeiling(attempt: number, lastAttemptMs: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, Math.max(baseMs, lastAttemptMs) * 2 ** (attempt - 1));
}

/**
 * `planned`, when it changes each file once. A file given twice would be written with the last of
 * its contents only (git's fast-import, GitHub's createCommitOnBranch): the edits before it lost,
 * while the message records them. A computation edits a file in turn and gives it once.
 */
export function oneChangePerFile<T>(planned: Planned<T>): Planned<T> {
  if (!planned.write) return planned;
  const seen = new Set<string>();
  for (const { path } of planned.files) {
    if (seen.has(path)) throw new Error(`internal: the change gives ${path} more than once; one commit writes each file once, with every edit of it`);
    seen.add(path);
  }
  return planned;
}

export async function writeChange<T>(
  repo: EnvRepo,
  computeChange: (snapshot: EnvRepoSnapshot) => Promise<Planned<T>>,
  options: WriteOptions = {},
): Promise<WriteOutcome<T>> {
  // Bad input found in the env repo's files names the head they were read at.
  const compute = async (snapshot: EnvRepoSnapshot): Promise<Planned<T>> => {
    try {
      return oneChangePerFile(await computeChange(snapshot));
    } catch (error) {
      if (error instanceof ConfigurationError) error.commit ??= snapshot.commit;
      throw error;
    }
  };
  const maxAttempts = Math.max(1, options.maxAttempts ?? defaultWriteOptions.maxAttempts);
  const baseMs = options.baseMs ?? defaultWriteOptions.baseMs;
  const capMs = options.capMs ?? defaultWriteOptions.capMs;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => performance.now());

  const serialize = repo.serialize?.bind(repo) ?? (<A>(f: (waited: boolean) => Promise<A>) => f(true));
  let ahead: { snapshot: EnvRepoSnapshot; planned: Planned<T> & { write: true } } | undefined;
  if (repo.serialize) {
    // Plan once before waiting for a turn: the reads, the parsing and bad input happen outside
    // the turn. Already in place: done.
    const snapshot = await repo.head();
    const planned = await compute(snapshot);
    if (!planned.write) return { status: 'skipped', commit: snapshot.commit, parent: snapshot.commit, attempts: 1, result: planned.result };
    ahead = { snapshot, planned };
  }
  for (let attempt = 1; ; attempt++) {
    // (Timed from the turn: the wait for it, another writer's time, is not this attempt's.)
    let started = now();
    const outcome = await serialize(async (waited): Promise<WriteOutcome<T> | NonFastForwardError> => {
      started = now();
      // A turn that came at once finds the branch as planned on (as far as this machine knows: a
      // writer elsewhere shows at the push, as always), so the plan stands; after another
      // writer's turn, or a lost race, the head is read again and the change computed on it.
      const reuse = attempt === 1 && !waited ? ahead : undefined;
      const snapshot = reuse ? reuse.snapshot : await repo.head();
      const planned = reuse ? reuse.planned : await compute(snapshot);
      if (!planned.write) return { status: 'skipped', commit: snapshot.commit, parent: snapshot.commit, attempts: attempt, result: planned.result };
      const commit = await repo.commit(snapshot.commit, planned.files, planned.message);
      try {
        const landed = await repo.push(commit);
        return { status: 'succeeded', commit: typeof landed === 'string' ? landed : commit, parent: snapshot.commit, attempts: attempt, result: planned.result };
      } catch (error) {
        if (error instanceof NonFastForwardError) return error;
        throw error;
      }
    });
    if (!(outcome instanceof NonFastForwardError)) return outcome;
    if (attempt >= maxAttempts) throw new RetriesExhaustedError(attempt, outcome);
    const delay = Math.floor(random() * backoffCeiling(attempt, now() - started, baseMs, capMs));
    options.onRetry?.(attempt, delay, outcome);
    await sleep(delay);
  }
}
