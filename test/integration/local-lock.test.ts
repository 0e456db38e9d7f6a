// withLocalLock (actions/src/adapters/local-lock.ts) against a real file system: lock files in a
// temp directory, holders that are real processes (this one, dead ones, live foreign ones).
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { withLocalLock, type LockWait } from '../../actions/src/adapters/local-lock.js';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let dir: string;

/** Whether this system has /proc/<pid>/stat, where a holder's start time is read. */
const PROC = existsSync('/proc/self/stat');

/** When process `pid` started: /proc/<pid>/stat, field 22 (counted after the `)` that ends field 2). */
function startOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
}

/** What this process writes in a lock file it holds: its pid, a token, and (where /proc is) its start time. */
const OURS = new RegExp(`^${process.pid} [0-9a-f]{16}${PROC ? ` ${startOf(process.pid)}` : ''}\\n$`);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-lock-test-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The lock file `name` uses in `dir`, as seen by a holder: the one file there while it holds. */
async function lockFileOf(name: string): Promise<string> {
  const files = await withLocalLock(name, () => readdir(dir), { dir });
  expect(files).toHaveLength(1);
  return join(dir, files[0]!);
}

/** The pid of a process that has exited and been reaped: no process has it now. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('exit', resolve));
  const pid = child.pid!;
  expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  return pid;
}

describe('withLocalLock', () => {
  test('runs fn holding a lock file with this pid (and start time), returns its value, and removes the file after', async () => {
    let inside: { waited: boolean; files: string[]; content: string } | undefined;
    const value = await withLocalLock(
      'env.git\nmain',
      async (waited) => {
        const files = await readdir(dir);
        inside = { waited, files, content: await readFile(join(dir, files[0]!), 'utf8') };
        return { pinned: 'sha256:abc' };
      },
      { dir },
    );
    expect(value).toEqual({ pinned: 'sha256:abc' });
    expect(inside).toEqual({ waited: false, files: [expect.stringMatching(/\.lock$/)], content: expect.stringMatching(OURS) });
    expect(await readdir(dir)).toEqual([]);
  });

  test('an error thrown by fn propagates as itself, and the lock file is removed', async () => {
    const boom = new Error('push failed');
    let held: string[] = [];
    await expect(
      withLocalLock(
        'env.git\nmain',
        async () => {
          held = await readdir(dir);
          throw boom;
        },
        { dir },
      ),
    ).rejects.toBe(boom);
    expect(held).toHaveLength(1);
    expect(await readdir(dir)).toEqual([]);
    // And the name is free again at once: the next holder does not wait.
    expect(await withLocalLock('env.git\nmain', async (waited) => waited, { dir, timeoutMs: 5_000 })).toBe(false);
  });

  test('20 concurrent holders of one name take turns: no two inside at once; all but the first were told they waited', async () => {
    const log: string[] = [];
    const waitedBy = new Map<number, boolean>();
    let inside = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withLocalLock(
          'env.git\nmain',
          async (waited) => {
            inside++;
            most = Math.max(most, inside);
            log.push(`enter ${i}`);
            waitedBy.set(i, waited);
            await sleep(5);
            await sleep(5);
            log.push(`exit ${i}`);
            inside--;
            return i;
          },
          { dir, timeoutMs: 30_000 },
        ),
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(most).toBe(1);
    expect(log).toHaveLength(40);
    for (let k = 0; k < 40; k += 2) {
      const i = /^enter (\d+)$/.exec(log[k]!)?.[1];
      expect(log[k + 1]).toBe(`exit ${i}`);
    }
    const order = log.filter((l) => l.startsWith('enter ')).map((l) => Number(l.slice(6)));
    expect(new Set(order).size).toBe(20);
    expect(order.map((i) => waitedBy.get(i))).toEqual([false, ...Array<boolean>(19).fill(true)]);
    expect(await readdir(dir)).toEqual([]);
  });

  test('different names do not block each other', async () => {
    let releaseA!: () => void;
    let aEntered!: () => void;
    const aHeld = new Promise<void>((resolve) => (releaseA = resolve));
    const aIn = new Promise<void>((resolve) => (aEntered = resolve));
    const events: string[] = [];
    const a = withLocalLock(
      'env.git\nmain',
      async () => {
        events.push('a in');
        aEntered();
        await aHeld;
        events.push('a out');
      },
      { dir },
    );
    await aIn;
    const bWaited = await withLocalLock(
      'env.git\nrelease',
      async (waited) => {
        events.push('b in');
        expect(await readdir(dir)).toHaveLength(2); // both lock files at once
        return waited;
      },
      { dir, timeoutMs: 2_000 },
    );
    releaseA();
    await a;
    expect(bWaited).toBe(false);
    expect(events).toEqual(['a in', 'b in', 'a out']);
    expect(await readdir(dir)).toEqual([]);
  });

  test('a lock file left by a dead process is broken and taken over, well before the timeout', async () => {
    const path = await lockFileOf('env.git\nmain');
    const pid = await deadPid();
    await writeFile(path, `${pid}\n`);
    // Had it waited out the timeout instead, fn would run without the lock and find the dead pid's file.
    const seen = await withLocalLock('env.git\nmain', async (waited) => ({ waited, content: await readFile(path, 'utf8') }), { dir, timeoutMs: 20_000 });
    expect(seen).toEqual({ waited: true, content: expect.stringMatching(OURS) });
    expect(await readdir(dir)).toEqual([]);
  });

  test('a dead holder\'s lock file found by 20 waiting holders at once: it is broken, every one of them runs, no file is left', async () => {
    // Not asserted: one at a time. Holders that break a dead holder's lock at once may all go
    // ahead (local-lock.ts says so: the remote's compare-and-swap sorts them out).
    const path = await lockFileOf('env.git\nmain');
    await writeFile(path, `${await deadPid()}\n`);
    const ran = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withLocalLock(
          'env.git\nmain',
          async (waited) => {
            await sleep(2);
            return { i, waited };
          },
          { dir, timeoutMs: 60_000 },
        ),
      ),
    );
    expect(ran).toEqual(Array.from({ length: 20 }, (_, i) => ({ i, waited: true })));
    expect(await readdir(dir)).toEqual([]);
  }, 20_000);

  test('a lock file held by a live process of another pid: waits timeoutMs, then runs fn without the lock and leaves the file alone', async () => {
    const path = await lockFileOf('env.git\nmain');
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      await writeFile(path, `${other.pid}\n`);
      const started = Date.now();
      const seen = await withLocalLock('env.git\nmain', async (waited) => ({ waited, content: await readFile(path, 'utf8') }), { dir, timeoutMs: 300 });
      const elapsed = Date.now() - started;
      expect(seen).toEqual({ waited: true, content: `${other.pid}\n` });
      expect(elapsed).toBeGreaterThanOrEqual(300);
      expect(await readFile(path, 'utf8')).toBe(`${other.pid}\n`);
    } finally {
      other.kill();
    }
  });

  test.runIf(PROC)('a dead holder\'s lock file whose pid another process has now (one that started later): broken at once, not waited out', async () => {
    const path = await lockFileOf('env.git\nmain');
    // An unrelated live process (a `sleep`) with the pid the dead holder's file names, as after pid reuse.
    const other = spawn('sleep', ['600'], { stdio: 'ignore' });
    try {
      await new Promise((resolve, reject) => other.once('spawn', resolve).once('error', reject));
      const deadHolder = `${other.pid} 0123456789abcdef ${startOf(other.pid!) - 1}\n`;
      await writeFile(path, deadHolder);
      const waits: LockWait[] = [];
      // Waiting out this timeout would fail the test by its own limit (20 s); had fn run after it,
      // without the lock, it would find the dead holder's file.
      const seen = await withLocalLock('env.git\nmain', async (waited) => ({ waited, content: await readFile(path, 'utf8') }), { dir, timeoutMs: 120_000, noticeMs: 10_000, onWait: (w) => waits.push(w) });
      expect(seen).toEqual({ waited: true, content: expect.stringMatching(OURS) });
      expect(waits).toEqual([]);
      expect(await readdir(dir)).toEqual([]);
      expect(other.exitCode).toBeNull(); // (it ran all along)
    } finally {
      other.kill();
    }
  }, 20_000);

  test.runIf(PROC)('a lock file naming a live process with that process\'s own start time: held (waits timeoutMs, leaves the file alone)', async () => {
    const path = await lockFileOf('env.git\nmain');
    const other = spawn('sleep', ['600'], { stdio: 'ignore' });
    try {
      await new Promise((resolve, reject) => other.once('spawn', resolve).once('error', reject));
      const holder = `${other.pid} 0123456789abcdef ${startOf(other.pid!)}\n`;
      await writeFile(path, holder);
      const waits: LockWait[] = [];
      const seen = await withLocalLock('env.git\nmain', async (waited) => ({ waited, content: await readFile(path, 'utf8') }), { dir, timeoutMs: 600, noticeMs: 100, onWait: (w) => waits.push(w) });
      expect(seen).toEqual({ waited: true, content: holder });
      expect(waits.map((w) => [w.holder, w.gaveUp])).toEqual([[other.pid, false], [other.pid, true]]);
      expect(await readFile(path, 'utf8')).toBe(holder);
    } finally {
      other.kill();
    }
  });

  test('a long wait is told once after noticeMs, naming the holder, and again when it is given up at the timeout', async () => {
    const path = await lockFileOf('env.git\nmain');
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      await writeFile(path, `${other.pid} 0123456789abcdef\n`);
      const waits: LockWait[] = [];
      const waited = await withLocalLock('env.git\nmain', async (w) => w, { dir, timeoutMs: 600, noticeMs: 100, onWait: (w) => waits.push(w) });
      expect(waited).toBe(true);
      expect(waits).toEqual([
        { waitedMs: expect.any(Number), timeoutMs: 600, holder: other.pid, gaveUp: false },
        { waitedMs: expect.any(Number), timeoutMs: 600, holder: other.pid, gaveUp: true },
      ]);
      expect(waits[0]!.waitedMs).toBeGreaterThanOrEqual(100);
      expect(waits[1]!.waitedMs).toBeGreaterThanOrEqual(600);
    } finally {
      other.kill();
    }
  });

  test('a wait shorter than noticeMs, and no wait at all, are not told', async () => {
    const waits: LockWait[] = [];
    let release!: () => void;
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const first = withLocalLock('env.git\nmain', async () => {
      entered();
      await new Promise<void>((resolve) => (release = resolve));
    }, { dir, onWait: (w) => waits.push(w) });
    await inside;
    const second = withLocalLock('env.git\nmain', async (w) => w, { dir, noticeMs: 30_000, onWait: (w) => waits.push(w) });
    await sleep(50);
    release();
    await first;
    expect(await second).toBe(true);
    expect(waits).toEqual([]);
  });

  test('a lock file whose holder is still writing it (no pid yet) counts as held', async () => {
    const path = await lockFileOf('env.git\nmain');
    await writeFile(path, '');
    const seen = await withLocalLock('env.git\nmain', async (waited) => ({ waited, content: await readFile(path, 'utf8') }), { dir, timeoutMs: 200 });
    expect(seen).toEqual({ waited: true, content: '' });
    expect(await readFile(path, 'utf8')).toBe('');
  });

  test('a lock file left without a pid (its holder killed between creating and writing it) is broken once it is a few seconds old', async () => {
    const path = await lockFileOf('env.git\nmain');
    await writeFile(path, '');
    const minuteAgo = new Date(Date.now() - 60_000);
    await utimes(path, minuteAgo, minuteAgo);
    // Had it counted as held, fn would run after the timeout without the lock, and find the empty file.
    const seen = await withLocalLock('env.git\nmain', async (waited) => ({ waited, content: await readFile(path, 'utf8') }), { dir, timeoutMs: 20_000 });
    expect(seen).toEqual({ waited: true, content: expect.stringMatching(OURS) });
    expect(await readdir(dir)).toEqual([]);
  });

  test('a lock directory that cannot be made (a path under a regular file): fn runs anyway, without waiting', async () => {
    const file = join(dir, 'not-a-dir');
    await writeFile(file, 'x');
    expect(await withLocalLock('env.git\nmain', async (waited) => ({ waited, value: 7 }), { dir: join(file, 'locks'), timeoutMs: 30_000 })).toEqual({ waited: false, value: 7 });
    const boom = new Error('still propagates');
    await expect(withLocalLock('env.git\nmain', () => Promise.reject(boom), { dir: join(file, 'locks') })).rejects.toBe(boom);
    expect(await readFile(file, 'utf8')).toBe('x');
  });

  describe('a lock directory that is not this user\'s own (made first in a shared temp directory): not trusted; fn runs at once without the lock, told once', () => {
    const cases: [string, (locks: string) => Promise<string>, RegExp][] = [
      ['writable by every user (mode 0777)', async (locks) => (await chmod(locks, 0o777), locks), /can be written in by other users \(mode 0777\)/],
      ['writable by its group (mode 0770)', async (locks) => (await chmod(locks, 0o770), locks), /can be written in by other users \(mode 0770\)/],
      ['a symbolic link to a directory of this user\'s', async (locks) => {
        const link = join(dir, 'link');
        await symlink(locks, link);
        return link;
      }, /is a symbolic link/],
    ];
    // (Another user's: as root, given to nobody.)
    if (process.getuid?.() === 0) cases.push(['another user\'s (mode 0700, owned by nobody)', async (locks) => (await chown(locks, 65534, 65534), locks), /belongs to another user \(uid 65534, not 0\)/]);
    test.each(cases)('%s', async (_name, make, why) => {
      const locks = join(dir, 'locks');
      await mkdir(locks, { mode: 0o700 });
      // A lock file planted there, naming a live process: trusted, it held every write for the whole timeout.
      const file = await withLocalLock('env.git\nmain', async () => (await readdir(locks))[0]!, { dir: locks });
      const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
      try {
        await writeFile(join(locks, file), `${other.pid}\n`);
        const used = await make(locks);
        const warnings: string[] = [];
        const started = Date.now();
        const seen = await withLocalLock('env.git\nmain', async (waited) => ({ waited, files: await readdir(locks) }), { dir: used, timeoutMs: 30_000, warn: (w) => warnings.push(w) });
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(seen).toEqual({ waited: false, files: [file] });
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toContain(`the lock directory ${JSON.stringify(used)} `);
        expect(warnings[0]).toMatch(why);
        expect(warnings[0]).toContain('the push still never overwrites');
        // Told once a process.
        await withLocalLock('env.git\nmain', async () => {}, { dir: used, timeoutMs: 30_000, warn: (w) => warnings.push(w) });
        expect(warnings).toHaveLength(1);
        expect(await readFile(join(locks, file), 'utf8')).toBe(`${other.pid}\n`);
      } finally {
        other.kill();
      }
    });
  });
});

describe('withLocalLock across processes', () => {
  let bundleDir: string;
  let bundle: string;

  beforeAll(async () => {
    bundleDir = await mkdtemp(join(tmpdir(), 'ferry-lock-bundle-'));
    bundle = join(bundleDir, 'lock.mjs');
    await build({ entryPoints: ['actions/src/adapters/local-lock.ts'], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'silent' });
  });

  afterAll(async () => {
    await rm(bundleDir, { recursive: true, force: true });
  });

  /** A child process that takes the lock `rounds` times, appending `enter <pid>` and `exit <pid>` to `log` around a sleep. */
  const child = `
    import { appendFileSync } from 'node:fs';
    import { pathToFileURL } from 'node:url';
    const [bundle, dir, log, rounds] = process.argv.slice(1);
    const { withLocalLock } = await import(pathToFileURL(bundle).href);
    for (let r = 0; r < Number(rounds); r++) {
      await withLocalLock('env.git\\nmain', async () => {
        appendFileSync(log, 'enter ' + process.pid + '\\n');
        await new Promise((resolve) => setTimeout(resolve, 15));
        appendFileSync(log, 'exit ' + process.pid + '\\n');
      }, { dir, timeoutMs: 60000 });
    }
  `;

  test('6 processes taking turns 3 times each: the log alternates enter and exit of the same pid', async () => {
    const log = join(dir, 'log.txt');
    const locks = join(dir, 'locks');
    await writeFile(log, '');
    const children = await Promise.all(Array.from({ length: 6 }, () => run(process.execPath, ['--input-type=module', '-e', child, bundle, locks, log, '3'])));
    expect(children.map((c) => c.stderr)).toEqual(Array<string>(6).fill(''));

    const lines = (await readFile(log, 'utf8')).split('\n').slice(0, -1);
    expect(lines).toHaveLength(6 * 3 * 2);
    const rounds = new Map<string, number>();
    for (let k = 0; k < lines.length; k += 2) {
      const pid = /^enter (\d+)$/.exec(lines[k]!)?.[1];
      expect(pid).toBeDefined();
      expect(lines[k + 1]).toBe(`exit ${pid}`);
      rounds.set(pid!, (rounds.get(pid!) ?? 0) + 1);
    }
    expect([...rounds.values()]).toEqual(Array<number>(6).fill(3));
    expect(await readdir(locks)).toEqual([]);
  });

  test('a holder that exits inside its turn (as on Ctrl-C, through process.exit) leaves no lock file behind', async () => {
    const locks = join(dir, 'locks-exit');
    const holder = `
      import { pathToFileURL } from 'node:url';
      const [bundle, dir] = process.argv.slice(1);
      const { withLocalLock } = await import(pathToFileURL(bundle).href);
      process.once('SIGTERM', () => process.exit(143)); // as Ferry's handler does
      await withLocalLock('env.git\\nmain', () => { console.log('holding'); setInterval(() => {}, 1000); return new Promise(() => {}); }, { dir });
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', holder, bundle, locks], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    expect(await readdir(locks)).toHaveLength(1);
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(143);
    expect(await readdir(locks)).toEqual([]);
  });
});
