/**
 * An advisory lock shared by the Ferry processes of one machine and user, by name: a file created
 * exclusively in the temp directory, naming its owner (ownerLine() below). Writers to the same
 * branch on one machine (a runner that runs many jobs at once) take turns instead of racing each
 * other through the remote: a lost race costs a fetch, a commit and a push, the wait for a lock
 * costs nothing. It is only an optimization: correctness stays with the remote's compare-and-swap,
 * so a lock that cannot be had (an unwritable temp directory, a holder that hangs) is given up on,
 * and the work goes on without it; and a lock left by a process that died is broken without
 * further ceremony (two processes breaking it at once may both go ahead: the remote sorts them
 * out). A dead holder's pid may belong to another process by then (busy runners, containers, where
 * pids are small): where /proc is, the file also holds when its holder started, and a process of
 * that pid that started at another time is not the holder. The lock directory is used only while
 * it is this user's own and no one else can write in it: one made beforehand in a shared temp
 * directory by another user, or open to all (a planted lock file held every write for the whole
 * timeout), is passed by, with one warning, and the work goes on without the lock.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync, watch, type FSWatcher } from 'node:fs';
import { lstat, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface LocalLockOptions {
  /** How long to wait for the lock before going on without it. */
  timeoutMs?: number;
  /** The directory of lock files (tests). */
  dir?: string;
  /**
   * Told once when a wait has lasted `noticeMs`, and when it is given up at the timeout: how long
   * it has lasted, and the holder's pid when its lock file names one.
   */
  onWait?: (wait: LockWait) => void;
  /** How long a wait lasts before onWait hears of it (default 2 s). */
  noticeMs?: number;
  /** Told, once a process, of a lock directory that is not this user's own: fn runs without the lock. */
  warn?: (message: string) => void;
}

export interface LockWait {
  waitedMs: number;
  timeoutMs: number;
  holder?: number;
  /** The timeout has passed: fn runs now without the lock. */
  gaveUp: boolean;
}

/** Runs `fn` holding the lock named `name`; `fn` is told whether it had to wait for another holder. */
export async function withLocalLock<T>(name: string, fn: (waited: boolean) => Promise<T>, options: LocalLockOptions = {}): Promise<T> {
  const dir = options.dir ?? join(resolve(tmpdir()), `ferry-locks-${process.getuid?.() ?? 'user'}`);
  const file = `${createHash('sha256').update(name).digest('hex').slice(0, 32)}.lock`;
  const path = join(dir, file);
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = started + timeoutMs;
  const tell = async (gaveUp: boolean) => {
    const holder = (await holderOf(path).catch(() => undefined))?.pid;
    options.onWait?.({ waitedMs: Date.now() - started, timeoutMs, gaveUp, ...(holder !== undefined ? { holder } : {}) });
  };
  let waited = false;
  let held = false;
  let told = false;
  let waiter: Waiter | undefined;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await assertPrivate(dir);
    for (;;) {
      if (await tryCreate(path)) {
        held = true;
        break;
      }
      if (Date.now() > deadline) {
        await tell(true);
        break;
      }
      waited = true;
      if (!told && Date.now() - started >= (options.noticeMs ?? 2_000)) {
        told = true;
        await tell(false);
      }
      waiter ??= new Waiter(dir, file);
      // Told of a change to the lock file: try again at once. Not told for a while: see whether
      // its holder still runs (a holder killed outright leaves its file behind) and try again.
      if (!(await waiter.next()) && !(await holderAlive(path))) await unlink(path).catch(() => {});
    }
  } catch (error) {
    // No lock to be had here: go on without it (told once of a directory not this user's own).
    if (error instanceof NotPrivate && !toldNotPrivate.has(dir)) {
      toldNotPrivate.add(dir);
      options.warn?.(error.message);
    }
  } finally {
    waiter?.close();
  }
  if (held) holding(path);
  try {
    return await fn(waited);
  } finally {
    if (held) {
      heldLocks.delete(path);
      await release(path);
    }
  }
}

/** A lock directory another user could write in: not to be trusted with lock files. */
class NotPrivate extends Error {}

/** The lock directories told of as not private (NotPrivate), so that a process tells of each once. */
const toldNotPrivate = new Set<string>();

/**
 * Throws NotPrivate unless `dir` (not followed if a symbolic link) is a directory of this user's
 * and no one else can write in it: in a shared temp directory, another user may have made it first.
 */
async function assertPrivate(dir: string): Promise<void> {
  const found = await lstat(dir);
  const uid = process.getuid?.();
  const mode = (found.mode & 0o7777).toString(8).padStart(4, '0');
  const why = found.isSymbolicLink() ? 'is a symbolic link'
    : !found.isDirectory() ? 'is not a directory'
    : uid !== undefined && found.uid !== uid ? `belongs to another user (uid ${found.uid}, not ${uid})`
    : (found.mode & 0o022) !== 0 ? `can be written in by other users (mode ${mode})`
    : undefined;
  if (why !== undefined) {
    throw new NotPrivate(`the lock directory ${JSON.stringify(dir)} ${why}: its lock files are not to be trusted, so Ferry processes of this machine do not take turns through it (the push still never overwrites). Remove it (Ferry makes it again, its own), or set TMPDIR to a directory of your own`);
  }
}

/** The lock files this process holds: released as it exits, even on a signal (a process.exit() skips the finally above). */
const heldLocks = new Set<string>();
let releasingOnExit = false;

function holding(path: string): void {
  heldLocks.add(path);
  if (releasingOnExit) return;
  releasingOnExit = true;
  process.on('exit', () => {
    for (const held of heldLocks) {
      try {
        if (readFileSync(held, 'utf8').trim() === owner) unlinkSync(held);
      } catch {
        // Already gone.
      }
    }
  });
}

/**
 * Watches the lock directory (inotify and the like) for changes to one file. One watcher for the
 * whole wait: the others' events cost a callback that compares a name, not a new watcher.
 */
class Waiter {
  private watcher: FSWatcher | undefined;
  private changed = false;
  private wake: (() => void) | undefined;

  constructor(dir: string, file: string) {
    try {
      this.watcher = watch(dir, (_event, name) => {
        if (name !== null && name !== file) return;
        this.changed = true;
        this.wake?.();
      });
      this.watcher.on('error', () => this.close());
    } catch {
      // No watching here: waits end on the timer alone.
    }
  }

  /** Resolves true when the lock file changed, false after a while without a word. */
  next(): Promise<boolean> {
    if (this.changed) {
      this.changed = false;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve(false);
      }, 150 + Math.random() * 100);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        this.changed = false;
        resolve(true);
      };
    });
  }

  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }
}

/**
 * What this process writes in a lock file it holds: `<pid> <token> <start>`: its pid, a token no
 * other holder has, and when it started (/proc/<pid>/stat, field 22: clock ticks after boot),
 * which no process that gets the same pid later has. Without /proc, `<pid> <token>`, as Ferry
 * wrote before the start was there. The pid stays first: the earlier Ferry reads it alone.
 */
let owner: string | undefined;

async function ownerLine(): Promise<string> {
  if (owner === undefined) {
    const start = await startTime(process.pid);
    owner = [process.pid, randomBytes(8).toString('hex'), start].filter((field) => field !== undefined).join(' ');
  }
  return owner;
}

/**
 * When process `pid` started, as /proc/<pid>/stat has it (field 22, `starttime`); undefined where
 * that cannot be read (no /proc here, or no such process). Field 2, the command's name in
 * parentheses, may hold spaces and parentheses: the fields are counted after its last `)`.
 */
async function startTime(pid: number): Promise<string | undefined> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const start = stat.slice(stat.lastIndexOf(')') + 1).trim().split(' ')[22 - 3];
  return start !== undefined && /^\d+$/.test(start) ? start : undefined;
}

async function tryCreate(path: string): Promise<boolean> {
  const line = await ownerLine();
  try {
    const file = await open(path, 'wx', 0o600);
    await file.writeFile(`${line}\n`);
    await file.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * How long a lock file may go without a pid in it: its holder writes the pid right after creating
 * it, so a file still without one after this long was left by a holder killed in between.
 */
const UNWRITTEN_MS = 5_000;

/**
 * Who a lock file names: its holder's pid (undefined when it names none: being written, or left
 * so) and, when the file has it, when that holder started. Throws when there is no such file.
 */
async function holderOf(path: string): Promise<{ pid?: number; start?: string }> {
  const [first, , start] = (await readFile(path, 'utf8')).trim().split(' ');
  const pid = Number(first);
  if (!Number.isInteger(pid) || pid <= 0) return {};
  return { pid, ...(start !== undefined && /^\d+$/.test(start) ? { start } : {}) };
}

/** Whether the process named in the lock file runs (a lock file being written counts as held). */
async function holderAlive(path: string): Promise<boolean> {
  let pid: number | undefined;
  let start: string | undefined;
  try {
    ({ pid, start } = await holderOf(path));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
  if (pid === undefined) {
    // Being written, or left so: otherwise every later holder would wait out its timeout, for good.
    try {
      return Date.now() - (await stat(path)).mtimeMs < UNWRITTEN_MS;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code !== 'ENOENT';
    }
  }
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // A process has that pid. Without the holder's start in the file (no /proc where it was written,
  // or an earlier Ferry's file), the pid is all there is to go by. With it, a process that started
  // at another time took the pid of a holder that died. (A start that cannot be read now: the
  // process just exited, and the next look finds its pid free.)
  if (start === undefined) return true;
  const now = await startTime(pid);
  return now === undefined || now === start;
}

async function release(path: string): Promise<void> {
  try {
    if ((await readFile(path, 'utf8')).trim() === owner) await unlink(path);
  } catch {
    // Already gone.
  }
}
