// A user's git configuration and environment do not break Ferry's private clone: settings that
// change how the clone is made or used (its remote's name, hooks, signed pushes, the protocol)
// are Ferry's own, and variables that point git at another repository are not passed on. What
// reaches the server and how stays the user's: a credential helper, url.<base>.insteadOf.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appName, createEnvRepo, imageRef, remoteHead } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { startHttpGit, type HttpGit } from '../support/http-git.js';

let root: string;
let counter = 0;
/** Another repository, which the variables point at: Ferry must not write into it. */
let other: string;
/** A hooks directory whose reference-transaction hook fails inside Ferry's clone and says where it ran. */
let hooks: string;
const app = appName(0);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-user-env-'));
  other = join(root, 'other.git');
  execFileSync('git', ['init', '--quiet', '--bare', other]);
  hooks = join(root, 'hooks');
  await mkdir(hooks);
  await writeFile(join(hooks, 'reference-transaction'), `#!/bin/sh\necho "$(pwd)" >> "${join(root, 'hook.log')}"\ncase "$(pwd)" in *ferry-git-*) echo "the user's hook refuses" >&2; exit 1;; esac\nexit 0\n`);
  await chmod(join(hooks, 'reference-transaction'), 0o755);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function newRepo(): Promise<{ dir: string; name: string; head: string }> {
  const name = `env-${++counter}.git`;
  const dir = join(root, name);
  return { dir, name, head: await createEnvRepo({ dir, apps: 1 }) };
}

/** A global git configuration file with these lines, and the environment that makes it the user's. */
async function userConfig(text: string): Promise<NodeJS.ProcessEnv> {
  const file = join(root, `gitconfig-${++counter}`);
  await writeFile(file, text);
  return { GIT_CONFIG_GLOBAL: file, GIT_CONFIG_NOSYSTEM: '1' };
}

/** The objects in the other repository (loose and packed files). */
function objectsOfOther(): string {
  return execFileSync('git', ['-C', other, 'count-objects', '-v']).toString();
}

describe('a bump lands whatever the user\'s git configuration says', () => {
  test.each([
    ['clone.defaultRemoteName = upstream (the clone\'s remote named otherwise)', '[clone]\n\tdefaultRemoteName = upstream\n'],
    ['safe.bareRepository = explicit (git -C on a bare repository refused)', '[safe]\n\tbareRepository = explicit\n'],
    ['push.gpgSign = true (a signed push, which the server does not take)', '[push]\n\tgpgSign = true\n'],
    ['protocol.version = 0 (no fetch by object id)', '[protocol]\n\tversion = 0\n'],
  ])('%s', async (_name, config) => {
    const repo = await newRepo();
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9'), '--json'], { env: await userConfig(config) });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', commit: remoteHead(repo.dir) });
    expect(remoteHead(repo.dir)).not.toBe(repo.head);
  });

  test('a global core.hooksPath: its hooks never run in Ferry\'s clone (a failing one failed the bump)', async () => {
    const repo = await newRepo();
    const log = join(root, 'hook.log');
    await rm(log, { force: true });
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9'), '--json'], { env: await userConfig(`[core]\n\thooksPath = ${hooks}\n`) });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', commit: remoteHead(repo.dir) });
    // (The remote on this machine, as any repository of the user's, runs them: a plain push would too.)
    const ran = (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean);
    expect(ran.filter((dir) => dir.includes('ferry-git-'))).toEqual([]);
  });
});

describe('variables that point git at another repository (set by a hook or alias running Ferry) are not passed on', () => {
  test.each([
    ['GIT_OBJECT_DIRECTORY', () => join(other, 'objects')],
    ['GIT_DIR', () => other],
    ['GIT_WORK_TREE', () => root],
    ['GIT_INDEX_FILE', () => join(root, 'index')],
    ['GIT_ALTERNATE_OBJECT_DIRECTORIES', () => join(other, 'objects')],
    ['GIT_COMMON_DIR', () => other],
    ['GIT_NAMESPACE', () => 'elsewhere'],
    ['GIT_QUARANTINE_PATH', () => join(other, 'objects')],
  ])('%s', async (variable, value) => {
    const repo = await newRepo();
    const before = objectsOfOther();
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9'), '--json'], { env: { [variable]: value() } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', commit: remoteHead(repo.dir) });
    expect(objectsOfOther()).toBe(before);
  });
});

describe('over http: the user\'s credentials and URL rewriting still apply', () => {
  let server: HttpGit;
  beforeAll(async () => {
    server = await startHttpGit(root, { credentials: 'alice:s3cret' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('a credential helper and url.<base>.insteadOf, beside every setting above and a variable: the bump lands', async () => {
    const repo = await newRepo();
    const helper = join(root, 'credential-helper.sh');
    await writeFile(helper, '#!/bin/sh\n[ "$1" = get ] && printf "username=alice\\npassword=s3cret\\n"\nexit 0\n');
    await chmod(helper, 0o755);
    const env = await userConfig([
      `[credential]\n\thelper = ${helper}\n`,
      `[url "${server.origin}/"]\n\tinsteadOf = envhost:\n`,
      '[clone]\n\tdefaultRemoteName = upstream\n[safe]\n\tbareRepository = explicit\n[push]\n\tgpgSign = true\n[protocol]\n\tversion = 0\n',
      `[core]\n\thooksPath = ${hooks}\n`,
    ].join(''));
    const r = await ferry(['bump', '--repo', `envhost:${repo.name}`, '--env', 'dev', '--app', app, '--image', imageRef(app, '9'), '--json'], { env: { ...env, GIT_DIR: other } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', commit: remoteHead(repo.dir) });
    expect(server.requests.some((line) => line.startsWith('POST') && line.endsWith('/git-receive-pack'))).toBe(true);
  });

  test('a wrong password in the URL: exit 1, the server refused it (not "could not read Username"), the password never shown', async () => {
    const repo = await newRepo();
    const r = await ferry(['bump', '--repo', `http://alice:WRONG-pw@${server.origin.slice('http://'.length)}/${repo.name}`, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/authentication failed: http:\/\/127\.0\.0\.1:\d+ refused the user name and password given in the URL/);
    expect(r.stderr).not.toMatch(/could not read Username|terminal prompts disabled/);
    expect(r.stderr).not.toContain('WRONG-pw');
    expect(remoteHead(repo.dir)).toBe(repo.head);
  });
});

describe('a commit date git cannot read (GIT_AUTHOR_DATE, GIT_COMMITTER_DATE) is bad input, as git commit takes it: exit 2 naming the variable, nothing written', () => {
  test.each([
    ['GIT_AUTHOR_DATE', { GIT_AUTHOR_NAME: 'Alice', GIT_AUTHOR_EMAIL: 'alice@example.invalid', GIT_AUTHOR_DATE: 'not a date' }],
    ['GIT_COMMITTER_DATE', { GIT_COMMITTER_NAME: 'CI', GIT_COMMITTER_EMAIL: 'ci@example.invalid', GIT_COMMITTER_DATE: 'yesterday-ish' }],
    // (No identity of git's own: Ferry's would be taken, at that date.)
    ['GIT_COMMITTER_DATE', { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_COMMITTER_DATE: 'not a date' }],
  ])('%s (%o)', async (variable, env) => {
    const repo = await newRepo();
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9'), '--json'], { env });
    expect(r.code, r.stderr).toBe(2);
    const value = (env as Record<string, string>)[variable]!;
    expect(r.stderr).toContain(`${variable}: expected a date git reads, as git commit takes it`);
    expect(r.stderr).toContain(`found ${JSON.stringify(value)}; nothing was written`);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'failed', error: { kind: 'configuration' } });
    expect(remoteHead(repo.dir)).toBe(repo.head);
  });

  test('a date git reads is honoured with the identity given with it; an empty one is now, as for git', async () => {
    const repo = await newRepo();
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')], { env: { GIT_AUTHOR_NAME: 'Alice', GIT_AUTHOR_EMAIL: 'alice@example.invalid', GIT_AUTHOR_DATE: '2025-01-31T12:00:00Z', GIT_COMMITTER_DATE: '' } });
    expect(r.code, r.stderr).toBe(0);
    expect(execFileSync('git', ['-C', repo.dir, 'log', '-1', '--format=%an <%ae> %at', 'main']).toString().trim()).toBe('Alice <alice@example.invalid> 1738324800');
  });
});

describe('a date git reads as one no commit can have, or a name git refuses, is bad input too: exit 2 naming the variable, nothing written (never Ferry\'s identity dated now, never a crash of git)', () => {
  const carol = { GIT_COMMITTER_NAME: 'carol', GIT_COMMITTER_EMAIL: 'carol@example.invalid', GIT_AUTHOR_NAME: 'carol', GIT_AUTHOR_EMAIL: 'carol@example.invalid' };
  test.each([
    // git var widens -9999 (99 h 99 min) to -10039; +2500 fast-import refuses; +1401 too; the year 318857 no gate can judge.
    ['GIT_COMMITTER_DATE', '@1700000000 -9999', '1700000000 -10039'],
    ['GIT_COMMITTER_DATE', '@1700000000 +2500', '1700000000 +2500'],
    ['GIT_COMMITTER_DATE', '@1700000000 +1401', '1700000000 +1401'],
    ['GIT_COMMITTER_DATE', '@9999999999999 +0000', '9999999999999 +0000'],
    // Within two years of Date's end: a freeze window's wall clock, read a day on, threw RangeError ("Invalid time value").
    ['GIT_COMMITTER_DATE', '@8639999999999 +0000', '8639999999999 +0000'],
    // Before 1970 on its own clock: git then dies printing it (`fatal: Timestamp before Unix epoch`), in every later log.
    ['GIT_COMMITTER_DATE', '@3600 -1200', '3600 -1200'],
    ['GIT_AUTHOR_DATE', '@1700000000 +2500', '1700000000 +2500'],
  ])('%s=%s (git reads %s)', async (variable, value, read) => {
    const repo = await newRepo();
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9'), '--json'], { env: { ...carol, [variable]: value } });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${variable}: expected a date git reads, as git commit takes it, with a time zone offset of at most 14 hours (-1400 to +1400), found ${JSON.stringify(value)}, which git reads as ${JSON.stringify(read)}`);
    expect(r.stderr).toContain('; nothing was written');
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'failed', error: { kind: 'configuration' } });
    expect(remoteHead(repo.dir)).toBe(repo.head);
  });

  test.each([
    ['with a date', { GIT_COMMITTER_NAME: '<>', GIT_COMMITTER_EMAIL: 'x@example.invalid', GIT_COMMITTER_DATE: '2025-01-31T12:00:00Z' }],
    ['without one', { GIT_COMMITTER_NAME: '.', GIT_COMMITTER_EMAIL: 'x@example.invalid' }],
  ])('GIT_COMMITTER_NAME git refuses (%s): exit 2 naming it, not Ferry\'s name instead', async (_name, env) => {
    const repo = await newRepo();
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')], { env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`GIT_COMMITTER_NAME: expected a name git takes for a commit (not empty, not only punctuation or white space), found ${JSON.stringify(env.GIT_COMMITTER_NAME)}; nothing was written`);
    expect(remoteHead(repo.dir)).toBe(repo.head);
  });

  test('without a date, an offset from TZ that no commit can have (+1500): the identity kept, in UTC, not Ferry\'s', async () => {
    const repo = await newRepo();
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')], { env: { ...carol, TZ: '<+15>-15' } });
    expect(r.code, r.stderr).toBe(0);
    expect(execFileSync('git', ['-C', repo.dir, 'log', '-1', '--format=%an <%ae> %ad|%cn <%ce> %cd', '--date=format:%z', 'main']).toString().trim()).toBe('carol <carol@example.invalid> +0000|carol <carol@example.invalid> +0000');
  });

  test('an offset git reads within 14 hours is honoured with the identity given with it', async () => {
    const repo = await newRepo();
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')], { env: { ...carol, GIT_COMMITTER_DATE: '@1700000000 -1400' } });
    expect(r.code, r.stderr).toBe(0);
    expect(execFileSync('git', ['-C', repo.dir, 'log', '-1', '--format=%cn <%ce> %ct %cI', 'main']).toString().trim()).toBe('carol <carol@example.invalid> 1700000000 2023-11-14T08:13:20-14:00');
  });
});

describe('the temporary directory (TMPDIR)', () => {
  test('one Ferry cannot make a directory in (a regular file, a missing directory): exit 2 naming TMPDIR, not Node\'s bare "ENOTDIR: not a directory, mkdtemp"', async () => {
    const repo = await newRepo();
    const file = join(root, `tmp-file-${++counter}`);
    await writeFile(file, 'x');
    for (const tmp of [file, join(root, 'no-such-dir')]) {
      for (const args of [['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')], ['status', '--repo', `file://${repo.dir}/`]]) {
        const r = await ferry(args, { env: { TMPDIR: tmp } });
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toBe(`ferry ${args[0]}: error: TMPDIR: expected a directory this user can write in, found ${JSON.stringify(tmp)}: cannot make a temporary directory in ${JSON.stringify(tmp)}: the system refused (${tmp === file ? 'ENOTDIR' : 'ENOENT'})\n`);
      }
    }
    expect(remoteHead(repo.dir)).toBe(repo.head);
  });

  test('its lock directory made first by someone else, open to every user, with a lock file planted: not trusted, one warning, no wait for it', async () => {
    const repo = await newRepo();
    const tmp = await mkdtemp(join(root, 'shared-tmp-'));
    const locks = join(tmp, `ferry-locks-${process.getuid!()}`);
    await mkdir(locks);
    await chmod(locks, 0o777);
    // The lock file of this repository's branch (local-lock.ts names it), held by a live process (this one).
    await writeFile(join(locks, `${createHash('sha256').update(`file://${repo.dir}\nmain`).digest('hex').slice(0, 32)}.lock`), `${process.pid}\n`);
    const started = Date.now();
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')], { env: { TMPDIR: tmp } });
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.stderr.match(/warning: the lock directory/g)).toHaveLength(1);
    expect(r.stderr).toContain(`ferry bump: warning: the lock directory ${JSON.stringify(locks)} can be written in by other users (mode 0777)`);
    expect(remoteHead(repo.dir)).not.toBe(repo.head);
  });
});
