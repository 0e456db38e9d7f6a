// writeChange (DESIGN.md, "Writing to the environment repository") against an in-memory env repo
// whose push is a real fast-forward check: a scripted "other writer" lands a commit just before
// our push, so our push loses the race exactly as it would against a git server.
import { describe, expect, test } from 'vitest';
import {
  NonFastForwardError,
  RetriesExhaustedError,
  backoffCeiling,
  defaultWriteOptions,
  writeChange,
  type EnvRepo,
  type EnvRepoSnapshot,
  type FileChange,
  type Planned,
  type WriteOptions,
} from '../../actions/src/core/env-repo-writer.js';
import { ConfigurationError } from '../../actions/src/core/errors.js';

interface FakeCommit {
  id: string;
  parent: string | undefined;
  tree: ReadonlyMap<string, string>;
  message: string;
}

/** A branch in memory. Commit ids are c0, c1, …, in the order commits are made (ours and others'). */
class FakeEnvRepo implements EnvRepo {
  readonly commits = new Map<string, FakeCommit>();
  branch: string;
  /** Every call, in order: `head c0`, `commit c1 on c0`, `push c1`, and `other c2` for the other writer. */
  readonly calls: string[] = [];
  /** How many of the next pushes another writer beats (Infinity: all of them). */
  racesToLose = 0;
  /** Thrown by the next push (after any races), instead of pushing. */
  pushError: Error | undefined;
  /** What the other writer commits when it wins a race: file → content. */
  otherWrite: (n: number) => [string, string] = (n) => [`stage/other-${n}.yaml`, `other ${n}\n`];
  /** The clock writeChange reads (options.now); push n makes it advance by attemptMs(n): how long attempt n took. */
  readonly clock = { ms: 1_000 };
  attemptMs: (n: number) => number = () => 0;
  private othersWritten = 0;
  private pushes = 0;

  constructor(files: Record<string, string>) {
    this.branch = this.store(undefined, new Map(Object.entries(files)), 'init');
  }

  async head(): Promise<EnvRepoSnapshot> {
    const commit = this.branch;
    this.calls.push(`head ${commit}`);
    const tree = this.commits.get(commit)!.tree;
    return { commit, readFile: async (path) => tree.get(path) };
  }

  async commit(parent: string, files: readonly FileChange[], message: string): Promise<string> {
    const tree = new Map(this.commits.get(parent)!.tree);
    for (const f of files) tree.set(f.path, f.content);
    const id = this.store(parent, tree, message);
    this.calls.push(`commit ${id} on ${parent}`);
    return id;
  }

  async push(commit: string): Promise<void> {
    this.calls.push(`push ${commit}`);
    this.clock.ms += this.attemptMs(++this.pushes);
    if (this.racesToLose > 0) {
      this.racesToLose--;
      const [path, content] = this.otherWrite(++this.othersWritten);
      const tree = new Map(this.commits.get(this.branch)!.tree);
      tree.set(path, content);
      this.branch = this.store(this.branch, tree, `other writer ${this.othersWritten}`);
      this.calls.push(`other ${this.branch}`);
    }
    if (this.pushError) throw this.pushError;
    // Without force: only a fast-forward of the branch is accepted.
    if (this.commits.get(commit)!.parent !== this.branch) throw new NonFastForwardError(`main moved (now at ${this.branch})`);
    this.branch = commit;
  }

  file(path: string, commit = this.branch): string | undefined {
    return this.commits.get(commit)!.tree.get(path);
  }

  /** Commit ids from the branch head back to the first. */
  history(): string[] {
    const out: string[] = [];
    for (let c: string | undefined = this.branch; c !== undefined; c = this.commits.get(c)!.parent) out.push(c);
    return out;
  }

  private store(parent: string | undefined, tree: Map<string, string>, message: string): string {
    const id = `c${this.commits.size}`;
    this.commits.set(id, { id, parent, tree, message });
    return id;
  }
}

const PATH = 'dev/user-service/kustomization.yaml';
const OLD = 'digest: sha256:old\n';
const NEW = 'digest: sha256:new\n';

/** A bump-like computation: set PATH to `content`, nothing to do when it already is. Records the snapshots it saw. */
function setFile(content: string) {
  const seen: string[] = [];
  const compute = async (snapshot: EnvRepoSnapshot): Promise<Planned<{ before: string | undefined }>> => {
    seen.push(snapshot.commit);
    const before = await snapshot.readFile(PATH);
    if (before === content) return { write: false, result: { before } };
    return { write: true, files: [{ path: PATH, content }], message: `bump: ${content.trim()}`, result: { before } };
  };
  return { compute, seen };
}

/** Injected sleep, random, now and onRetry that record what they were asked, in one ordered log. */
function recorder(randoms: number[] = [], clock = { ms: 0 }) {
  const log: string[] = [];
  const sleeps: number[] = [];
  const retries: { attempt: number; delay: number; error: NonFastForwardError }[] = [];
  let r = 0;
  const options: WriteOptions = {
    sleep: async (ms) => {
      sleeps.push(ms);
      log.push(`sleep ${ms}`);
      clock.ms += ms; // time passes while waiting, but the next attempt's duration starts after it
    },
    now: () => clock.ms,
    random: () => {
      const value = randoms.length ? randoms[r % randoms.length]! : 0.5;
      r++;
      return value;
    },
    onRetry: (attempt, delay, error) => {
      retries.push({ attempt, delay, error });
      log.push(`retry ${attempt} ${delay}`);
    },
  };
  return { options, log, sleeps, retries, randomCalls: () => r };
}

/**
 * The backoff window after the n-th lost race, as WriteOptions documents it: a wait in
 * [0, min(capMs, unit * 2^(n-1))), unit being how long the lost attempt took, at least baseMs.
 */
function windowOf(n: number, attemptMs = 0, baseMs: number = defaultWriteOptions.baseMs, capMs: number = defaultWriteOptions.capMs): number {
  return Math.min(capMs, Math.max(baseMs, attemptMs) * 2 ** (n - 1));
}

describe('writeChange', () => {
  test('no race: one head, one commit on it, one push; succeeded', async () => {
    const repo = new FakeEnvRepo({ [PATH]: OLD });
    const { compute, seen } = setFile(NEW);
    const rec = recorder([], repo.clock);
    const outcome = await writeChange(repo, compute, rec.options);
    expect(outcome).toEqual({ status: 'succeeded', commit: 'c1', parent: 'c0', attempts: 1, result: { before: OLD } });
    expect(seen).toEqual(['c0']);
    expect(repo.calls).toEqual(['head c0', 'commit c1 on c0', 'push c1']);
    expect(repo.history()).toEqual(['c1', 'c0']);
    expect(repo.file(PATH)).toBe(NEW);
    expect(repo.commits.get('c1')!.message).toBe('bump: digest: sha256:new');
    expect(rec.sleeps).toEqual([]);
    expect(rec.retries).toEqual([]);
    expect(rec.randomCalls()).toBe(0);
  });

  test('a lost race: recomputes on the new head and commits on it; the other writer\'s change is kept', async () => {
    const repo = new FakeEnvRepo({ [PATH]: OLD });
    repo.racesToLose = 1;
    const { compute, seen } = setFile(NEW);
    const rec = recorder([], repo.clock);
    const outcome = await writeChange(repo, compute, rec.options);

    // c1: our first commit (on c0), lost; c2: the other writer's; c3: ours again, on c2.
    expect(repo.calls).toEqual(['head c0', 'commit c1 on c0', 'push c1', 'other c2', 'head c2', 'commit c3 on c2', 'push c3']);
    expect(seen).toEqual(['c0', 'c2']);
    expect(outcome).toEqual({ status: 'succeeded', commit: 'c3', parent: 'c2', attempts: 2, result: { before: OLD } });
    expect(repo.history()).toEqual(['c3', 'c2', 'c0']);
    expect(repo.file(PATH)).toBe(NEW);
    expect(repo.file('stage/other-1.yaml')).toBe('other 1\n');
    expect(rec.retries.map((r) => [r.attempt, r.delay])).toEqual([[1, Math.floor(0.5 * windowOf(1))]]);
    expect(rec.retries[0]!.error).toBeInstanceOf(NonFastForwardError);
    expect(rec.retries[0]!.error.message).toBe('main moved (now at c2)');
  });

  test('several lost races, then success: each race is told to onRetry, then backed off, before the next head', async () => {
    const repo = new FakeEnvRepo({ [PATH]: OLD });
    repo.racesToLose = 3;
    const { compute, seen } = setFile(NEW);
    const rec = recorder([0.25], repo.clock);
    const outcome = await writeChange(repo, compute, { ...rec.options, maxAttempts: 4 });
    expect(outcome.status).toBe('succeeded');
    expect(outcome.attempts).toBe(4);
    // Ours: c1, c3, c5 lost to the other writer's c2, c4, c6; c7 lands on c6.
    expect(seen).toEqual(['c0', 'c2', 'c4', 'c6']);
    expect(outcome.commit).toBe('c7');
    expect(outcome.parent).toBe('c6');
    expect(repo.history()).toEqual(['c7', 'c6', 'c4', 'c2', 'c0']);
    const d = [1, 2, 3].map((n) => Math.floor(0.25 * windowOf(n)));
    expect(rec.log).toEqual([`retry 1 ${d[0]}`, `sleep ${d[0]}`, `retry 2 ${d[1]}`, `sleep ${d[1]}`, `retry 3 ${d[2]}`, `sleep ${d[2]}`]);
    expect(rec.retries.map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(rec.retries.every((r) => r.error instanceof NonFastForwardError)).toBe(true);
  });

  test('a race whose new head already holds the change: skipped, no second commit', async () => {
    const repo = new FakeEnvRepo({ [PATH]: OLD });
    repo.racesToLose = 1;
    repo.otherWrite = () => [PATH, NEW]; // the other writer pinned the same thing
    const { compute, seen } = setFile(NEW);
    const rec = recorder([], repo.clock);
    const outcome = await writeChange(repo, compute, rec.options);
    expect(outcome).toEqual({ status: 'skipped', commit: 'c2', parent: 'c2', attempts: 2, result: { before: NEW } });
    expect(seen).toEqual(['c0', 'c2']);
    expect(repo.calls).toEqual(['head c0', 'commit c1 on c0', 'push c1', 'other c2', 'head c2']);
    expect(repo.history()).toEqual(['c2', 'c0']);
  });

  test('the change already in place: skipped, no commit, no push, the head reported', async () => {
    const repo = new FakeEnvRepo({ [PATH]: NEW });
    const { compute } = setFile(NEW);
    const rec = recorder([], repo.clock);
    const outcome = await writeChange(repo, compute, rec.options);
    expect(outcome).toEqual({ status: 'skipped', commit: 'c0', parent: 'c0', attempts: 1, result: { before: NEW } });
    expect(repo.calls).toEqual(['head c0']);
    expect(repo.commits.size).toBe(1);
    expect(rec.log).toEqual([]);
  });

  test('a push error that is not a race propagates as itself: no retry, no backoff', async () => {
    const repo = new FakeEnvRepo({ [PATH]: OLD });
    const declined = new Error('push to file:///env.git (branch main) failed: [remote rejected] main (pre-receive hook declined)');
    repo.pushError = declined;
    const { compute, seen } = setFile(NEW);
    const rec = recorder([], repo.clock);
    await expect(writeChange(repo, compute, { ...rec.options, maxAttempts: 5 })).rejects.toBe(declined);
    expect(repo.calls).toEqual(['head c0', 'commit c1 on c0', 'push c1']);
    expect(seen).toEqual(['c0']);
    expect(repo.branch).toBe('c0');
    expect(rec.log).toEqual([]);
    expect(rec.randomCalls()).toBe(0);
  });

  test('an error merely named like a race is not one: only a NonFastForwardError is retried', async () => {
    const repo = new FakeEnvRepo({ [PATH]: OLD });
    const impostor = Object.assign(new Error('main moved'), { name: 'NonFastForwardError' });
    repo.pushError = impostor;
    const rec = recorder([], repo.clock);
    await expect(writeChange(repo, setFile(NEW).compute, rec.options)).rejects.toBe(impostor);
    expect(repo.calls).toEqual(['head c0', 'commit c1 on c0', 'push c1']);
    expect(rec.log).toEqual([]);
  });

  test('a non-race error after lost races still propagates as itself, on the attempt it happened', async () => {
    const repo = new FakeEnvRepo({ [PATH]: OLD });
    repo.racesToLose = 2;
    const { compute, seen } = setFile(NEW);
    const rec = recorder([], repo.clock);
    const disk = new Error('remote: fatal: write error: No space left on device');
    // Lose two races, then the server fails for another reason.
    const push = repo.push.bind(repo);
    let pushes = 0;
    repo.push = async (commit) => {
      if (++pushes === 3) throw disk;
      return push(commit);
    };
    await expect(writeChange(repo, compute, { ...rec.options, maxAttempts: 10 })).rejects.toBe(disk);
    expect(seen).toEqual(['c0', 'c2', 'c4']);
    expect(rec.retries.map((r) => r.attempt)).toEqual([1, 2]);
    expect(rec.sleeps).toHaveLength(2);
  });

  test('errors from head, compute and commit propagate as themselves, before anything is pushed', async () => {
    const bad = new ConfigurationError({ file: 'ferry.yaml', line: 3, field: 'apps[0].image', message: 'bad' });
    const repo = new FakeEnvRepo({ [PATH]: OLD });
    await expect(writeChange(repo, async () => Promise.reject(bad), recorder().options)).rejects.toBe(bad);
    expect(repo.calls).toEqual(['head c0']);
    // Bad input found in the env repo's files names the head it was read at (the job summary shows it).
    expect(bad.commit).toBe('c0');

    const offline = new Error('fetch failed: connection refused');
    const repo2 = new FakeEnvRepo({ [PATH]: OLD });
    repo2.head = async () => Promise.reject(offline);
    await expect(writeChange(repo2, setFile(NEW).compute, recorder().options)).rejects.toBe(offline);
    expect(repo2.commits.size).toBe(1);

    const full = new Error('fast-import failed');
    const repo3 = new FakeEnvRepo({ [PATH]: OLD });
    repo3.commit = async () => Promise.reject(full);
    await expect(writeChange(repo3, setFile(NEW).compute, recorder().options)).rejects.toBe(full);
    expect(repo3.calls).toEqual(['head c0']);
  });

  test('exhaustion: RetriesExhaustedError after exactly maxAttempts attempts, the branch never ours', async () => {
    const repo = new FakeEnvRepo({ [PATH]: OLD });
    repo.racesToLose = Infinity;
    const { compute, seen } = setFile(NEW);
    const rec = recorder([], repo.clock);
    const error = await writeChange(repo, compute, { ...rec.options, maxAttempts: 4 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect((error as Error).message).toBe('the branch kept moving: gave up after 4 attempts (last: main moved (now at c8)); another run may succeed');
    expect(seen).toHaveLength(4);
    expect(repo.calls.filter((c) => c.startsWith('push '))).toHaveLength(4);
    expect(repo.calls.filter((c) => c.startsWith('commit '))).toHaveLength(4);
    // Lost races that are retried are told and backed off; the last one ends in the error instead.
    expect(rec.retries.map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(rec.sleeps).toHaveLength(3);
    expect(repo.history()).toEqual(['c8', 'c6', 'c4', 'c2', 'c0']);
    expect(repo.file(PATH)).toBe(OLD);
  });

  test('exhaustion: the error carries what the remote said last (git\'s refusal), when the race came with it', async () => {
    const said = "push to file:///env.git (branch main) failed: remote: error: cannot lock ref 'refs/heads/main': Unable to create '/env.git/refs/heads/main.lock': File exists.";
    const repo: EnvRepo = {
      head: async () => ({ commit: 'c0', readFile: async () => OLD }),
      commit: async () => 'c1',
      push: async () => {
        throw new NonFastForwardError('main moved on file:///env.git', said);
      },
    };
    const rec = recorder();
    const error = await writeChange(repo, setFile(NEW).compute, { ...rec.options, maxAttempts: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect((error as Error).message).toBe(`the branch kept moving: gave up after 2 attempts (last: main moved on file:///env.git); another run may succeed\nthe last refusal: ${said}`);
  });

  test('exhaustion with the default bound: defaultWriteOptions.maxAttempts attempts, at least 10 (issue 2)', async () => {
    expect(defaultWriteOptions.maxAttempts).toBeGreaterThanOrEqual(10);
    const repo = new FakeEnvRepo({ [PATH]: OLD });
    repo.racesToLose = Infinity;
    const { compute, seen } = setFile(NEW);
    const rec = recorder([], repo.clock);
    await expect(writeChange(repo, compute, rec.options)).rejects.toThrow(
      new RetriesExhaustedError(defaultWriteOptions.maxAttempts, new NonFastForwardError(`main moved (now at c${2 * defaultWriteOptions.maxAttempts})`)).message,
    );
    expect(seen).toHaveLength(defaultWriteOptions.maxAttempts);
    expect(rec.sleeps).toHaveLength(defaultWriteOptions.maxAttempts - 1);
  });

  test('maxAttempts below 1 still makes one attempt', async () => {
    const repo = new FakeEnvRepo({ [PATH]: OLD });
    repo.racesToLose = Infinity;
    const rec = recorder([], repo.clock);
    await expect(writeChange(repo, setFile(NEW).compute, { ...rec.options, maxAttempts: 0 })).rejects.toBeInstanceOf(RetriesExhaustedError);
    expect(repo.calls.filter((c) => c.startsWith('push '))).toHaveLength(1);
    expect(rec.log).toEqual([]);
  });
});

describe('writeChange backoff: full jitter over min(capMs, max(baseMs, the lost attempt\'s duration) * 2^(n-1)), from the injected random, now and sleep', () => {
  test('fast attempts, default bounds: each delay is floor(random * window); the window doubles from baseMs until capMs binds', async () => {
    // Enough lost races for the cap to bind twice, whatever the defaults are tuned to.
    let capAt = 1;
    while (defaultWriteOptions.baseMs * 2 ** (capAt - 1) < defaultWriteOptions.capMs) capAt++;
    const races = capAt + 1;
    const randoms = [0, 0.5, 0.999999, 0.3, 0.75];
    const repo = new FakeEnvRepo({ [PATH]: OLD });
    repo.racesToLose = races;
    const rec = recorder(randoms, repo.clock);
    const outcome = await writeChange(repo, setFile(NEW).compute, { ...rec.options, maxAttempts: races + 1 });
    expect(outcome.attempts).toBe(races + 1);
    const expected = Array.from({ length: races }, (_, i) => Math.floor(randoms[i % randoms.length]! * windowOf(i + 1)));
    expect(rec.sleeps).toEqual(expected);
    expect(rec.retries.map((r) => r.delay)).toEqual(expected);
    expect(rec.randomCalls()).toBe(races);
    rec.sleeps.forEach((ms, i) => {
      expect(Number.isInteger(ms)).toBe(true);
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(windowOf(i + 1));
      expect(ms).toBeLessThan(defaultWriteOptions.capMs);
    });
    expect(windowOf(1)).toBe(Math.min(defaultWriteOptions.baseMs, defaultWriteOptions.capMs));
    expect(windowOf(capAt)).toBe(defaultWriteOptions.capMs);
    expect(windowOf(races)).toBe(defaultWriteOptions.capMs);
  });

  test('slow attempts, default bounds: the window scales with how long the lost attempt took', async () => {
    const slow = 3 * defaultWriteOptions.baseMs + 7;
    const repo = new FakeEnvRepo({ [PATH]: OLD });
    repo.racesToLose = 3;
    repo.attemptMs = () => slow;
    const rec = recorder([0.5], repo.clock);
    await writeChange(repo, setFile(NEW).compute, { ...rec.options, maxAttempts: 4 });
    expect(rec.sleeps).toEqual([1, 2, 3].map((n) => Math.floor(0.5 * Math.min(defaultWriteOptions.capMs, slow * 2 ** (n - 1)))));
  });

  test('explicit baseMs and capMs: exact delays, each from its own attempt\'s duration (the wait before it not counted)', async () => {
    const repo = new FakeEnvRepo({ [PATH]: OLD });
    repo.racesToLose = 4;
    const took = [4, 30, 0, 30];
    repo.attemptMs = (n) => took[n - 1] ?? 0;
    const rec = recorder([0.5], repo.clock);
    await writeChange(repo, setFile(NEW).compute, { ...rec.options, maxAttempts: 5, baseMs: 10, capMs: 100 });
    // windows: max(10, 4) * 1 = 10, max(10, 30) * 2 = 60, max(10, 0) * 4 = 40, min(100, 30 * 8) = 100
    expect(rec.sleeps).toEqual([5, 30, 20, 50]);
    expect(rec.log).toEqual(['retry 1 5', 'sleep 5', 'retry 2 30', 'sleep 30', 'retry 3 20', 'sleep 20', 'retry 4 50', 'sleep 50']);
  });

  test('the largest random (just below 1) stays below the window, and the cap holds for late attempts', async () => {
    const repo = new FakeEnvRepo({ [PATH]: OLD });
    repo.racesToLose = 30;
    const rec = recorder([1 - Number.EPSILON], repo.clock);
    await writeChange(repo, setFile(NEW).compute, { ...rec.options, maxAttempts: 31, baseMs: 3, capMs: 1000 });
    expect(rec.sleeps).toEqual(Array.from({ length: 30 }, (_, i) => Math.min(1000, 3 * 2 ** i) - 1));
    expect(Math.max(...rec.sleeps)).toBe(999);
  });

  test.each([
    [1, 0, 50, 15_000, 50],
    [1, 120, 50, 15_000, 120],
    [3, 20, 50, 15_000, 200],
    [3, 120, 50, 15_000, 480],
    [20, 120, 50, 15_000, 15_000],
    [2, 0, 50, 60, 60],
  ])('backoffCeiling(%i, %i ms, base %i, cap %i) = %i', (attempt, lastMs, base, cap, ceiling) => {
    expect(backoffCeiling(attempt, lastMs, base, cap)).toBe(ceiling);
    expect(windowOf(attempt, lastMs, base, cap)).toBe(ceiling);
  });
});

/**
 * An env repo that knows of other writers: serialize runs an attempt in a turn, logged into
 * `calls` as `turn` … `end turn`. `beforeTurn` runs just before a turn starts and says whether
 * another writer had a turn first (the turn waited: `turn after a wait`). Whatever happens while
 * a turn is open is known from `inTurn`.
 */
class SerializingEnvRepo extends FakeEnvRepo {
  inTurn = false;
  turns = 0;
  beforeTurn: () => boolean = () => false;

  async serialize<T>(attempt: (waited: boolean) => Promise<T>): Promise<T> {
    const waited = this.beforeTurn();
    expect(this.inTurn).toBe(false); // turns do not nest
    this.turns++;
    this.inTurn = true;
    this.calls.push(waited ? 'turn after a wait' : 'turn');
    try {
      return await attempt(waited);
    } finally {
      this.inTurn = false;
      this.calls.push('end turn');
    }
  }
}

/** setFile(content), also noting for each computation whether it ran inside a turn. */
function setFileIn(repo: SerializingEnvRepo, content: string) {
  const { compute: inner, seen } = setFile(content);
  const inTurn: boolean[] = [];
  const compute = (snapshot: EnvRepoSnapshot) => {
    inTurn.push(repo.inTurn);
    return inner(snapshot);
  };
  return { compute, seen, inTurn };
}

/** recorder() whose sleeps are also logged into repo.calls, with whether a turn was open. */
function turnRecorder(repo: SerializingEnvRepo, randoms: number[] = []) {
  const rec = recorder(randoms, repo.clock);
  const sleep = rec.options.sleep!;
  rec.options.sleep = async (ms) => {
    repo.calls.push(repo.inTurn ? `sleep ${ms} IN TURN` : `sleep ${ms}`);
    await sleep(ms);
  };
  return rec;
}

describe('writeChange with a repo that serializes attempts', () => {
  test('plans once on the head before any turn; a turn that comes at once commits and pushes that plan, without reading or computing again', async () => {
    const repo = new SerializingEnvRepo({ [PATH]: OLD });
    const { compute, seen, inTurn } = setFileIn(repo, NEW);
    const rec = turnRecorder(repo);
    const outcome = await writeChange(repo, compute, rec.options);
    expect(outcome).toEqual({ status: 'succeeded', commit: 'c1', parent: 'c0', attempts: 1, result: { before: OLD } });
    expect(repo.calls).toEqual(['head c0', 'turn', 'commit c1 on c0', 'push c1', 'end turn']);
    expect(seen).toEqual(['c0']);
    expect(inTurn).toEqual([false]);
    expect(repo.turns).toBe(1);
    expect(repo.history()).toEqual(['c1', 'c0']);
    expect(repo.file(PATH)).toBe(NEW);
  });

  test('a turn after another writer\'s reads the head and computes again, even when the branch did not move (a gate\'s clock did)', async () => {
    const repo = new SerializingEnvRepo({ [PATH]: OLD });
    repo.beforeTurn = () => true;
    const { compute, seen, inTurn } = setFileIn(repo, NEW);
    const outcome = await writeChange(repo, compute, turnRecorder(repo).options);
    expect(outcome).toEqual({ status: 'succeeded', commit: 'c1', parent: 'c0', attempts: 1, result: { before: OLD } });
    expect(repo.calls).toEqual(['head c0', 'turn after a wait', 'head c0', 'commit c1 on c0', 'push c1', 'end turn']);
    expect(seen).toEqual(['c0', 'c0']);
    expect(inTurn).toEqual([false, true]);
  });

  test('the change already in place: skipped from the plan, without ever asking for a turn', async () => {
    const repo = new SerializingEnvRepo({ [PATH]: NEW });
    const { compute, inTurn } = setFileIn(repo, NEW);
    const rec = turnRecorder(repo);
    const outcome = await writeChange(repo, compute, rec.options);
    expect(outcome).toEqual({ status: 'skipped', commit: 'c0', parent: 'c0', attempts: 1, result: { before: NEW } });
    expect(repo.calls).toEqual(['head c0']);
    expect(inTurn).toEqual([false]);
    expect(repo.turns).toBe(0);
    expect(repo.commits.size).toBe(1);
    expect(rec.log).toEqual([]);
  });

  test('an error of the plan (bad input) propagates as itself before any turn', async () => {
    const bad = new ConfigurationError({ file: 'ferry.yaml', line: 3, field: 'apps[0].image', message: 'bad' });
    const repo = new SerializingEnvRepo({ [PATH]: OLD });
    await expect(writeChange(repo, async () => Promise.reject(bad), turnRecorder(repo).options)).rejects.toBe(bad);
    expect(repo.calls).toEqual(['head c0']);
    expect(repo.turns).toBe(0);
  });

  test('the branch moved to the change between plan and turn: the turn recomputes on its head and skips, no commit', async () => {
    const repo = new SerializingEnvRepo({ [PATH]: OLD });
    // Another writer's turn lands the same pin just before ours starts.
    repo.beforeTurn = () => {
      const tree = new Map(repo.commits.get(repo.branch)!.tree).set(PATH, NEW);
      repo.branch = repo['store'](repo.branch, tree, 'other writer');
      repo.calls.push(`other ${repo.branch}`);
      return true;
    };
    const { compute, seen, inTurn } = setFileIn(repo, NEW);
    const outcome = await writeChange(repo, compute, turnRecorder(repo).options);
    expect(outcome).toEqual({ status: 'skipped', commit: 'c1', parent: 'c1', attempts: 1, result: { before: NEW } });
    expect(repo.calls).toEqual(['head c0', 'other c1', 'turn after a wait', 'head c1', 'end turn']);
    expect(seen).toEqual(['c0', 'c1']);
    expect(inTurn).toEqual([false, true]);
    expect(repo.history()).toEqual(['c1', 'c0']);
  });

  test('lost races: each attempt in its own turn, retried on NonFastForwardError, the backoff slept between turns', async () => {
    const repo = new SerializingEnvRepo({ [PATH]: OLD });
    repo.racesToLose = 2;
    const { compute, seen, inTurn } = setFileIn(repo, NEW);
    const rec = turnRecorder(repo, [0.5]);
    const outcome = await writeChange(repo, compute, { ...rec.options, maxAttempts: 3 });
    expect(outcome).toEqual({ status: 'succeeded', commit: 'c5', parent: 'c4', attempts: 3, result: { before: OLD } });
    const d = [1, 2].map((n) => Math.floor(0.5 * windowOf(n)));
    expect(repo.calls).toEqual([
      'head c0',
      'turn', 'commit c1 on c0', 'push c1', 'other c2', 'end turn',
      `sleep ${d[0]}`,
      'turn', 'head c2', 'commit c3 on c2', 'push c3', 'other c4', 'end turn',
      `sleep ${d[1]}`,
      'turn', 'head c4', 'commit c5 on c4', 'push c5', 'end turn',
    ]);
    expect(seen).toEqual(['c0', 'c2', 'c4']);
    expect(inTurn).toEqual([false, true, true]);
    expect(rec.retries.map((r) => [r.attempt, r.delay])).toEqual([[1, d[0]], [2, d[1]]]);
    expect(rec.retries.every((r) => r.error instanceof NonFastForwardError)).toBe(true);
    expect(repo.history()).toEqual(['c5', 'c4', 'c2', 'c0']);
  });

  test('the wait for a turn is not the lost attempt\'s time: the backoff grows with the attempt alone', async () => {
    const repo = new SerializingEnvRepo({ [PATH]: OLD });
    repo.racesToLose = 1;
    // Another writer on this machine holds the turn for 20 s before each of ours.
    repo.beforeTurn = () => {
      repo.clock.ms += 20_000;
      return true;
    };
    const { compute } = setFileIn(repo, NEW);
    const rec = turnRecorder(repo, [0.5]);
    const outcome = await writeChange(repo, compute, { ...rec.options, maxAttempts: 2 });
    expect(outcome.status).toBe('succeeded');
    // The attempt itself took no time (the fake's clock stands still in a turn): the window is baseMs's.
    expect(rec.retries.map((r) => [r.attempt, r.delay])).toEqual([[1, Math.floor(0.5 * windowOf(1, 0))]]);
  });

  test('exhaustion: maxAttempts turns, RetriesExhaustedError after the last, no sleep after it', async () => {
    const repo = new SerializingEnvRepo({ [PATH]: OLD });
    repo.racesToLose = Infinity;
    const rec = turnRecorder(repo);
    const error = await writeChange(repo, setFileIn(repo, NEW).compute, { ...rec.options, maxAttempts: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect((error as Error).message).toBe('the branch kept moving: gave up after 3 attempts (last: main moved (now at c6)); another run may succeed');
    expect(repo.turns).toBe(3);
    expect(repo.calls.filter((c) => c.startsWith('head '))).toHaveLength(3); // the plan, then one per lost race
    expect(repo.calls.filter((c) => c.startsWith('sleep'))).toEqual(rec.sleeps.map((ms) => `sleep ${ms}`));
    expect(rec.sleeps).toHaveLength(2);
    expect(repo.calls.at(-1)).toBe('end turn');
  });

  test('a push error that is not a race propagates as itself out of the turn: no retry', async () => {
    const repo = new SerializingEnvRepo({ [PATH]: OLD });
    const declined = new Error('push to file:///env.git (branch main) failed: [remote rejected] main (pre-receive hook declined)');
    repo.pushError = declined;
    const rec = turnRecorder(repo);
    await expect(writeChange(repo, setFileIn(repo, NEW).compute, { ...rec.options, maxAttempts: 5 })).rejects.toBe(declined);
    expect(repo.calls).toEqual(['head c0', 'turn', 'commit c1 on c0', 'push c1', 'end turn']);
    expect(rec.log).toEqual([]);
  });
});
