// ferry init: a new env repo from the template in environments/, committed, that ferry validate
// accepts and ferry bump can bump (over file:// and git://, git daemon on 127.0.0.1). And the CLI's
// usage: --help for every command, exit codes 0, 1 and 2.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { digestOf } from '../support/env-repo-fixture.js';
import { FERRY, ferry } from '../support/ferry-cli.js';
import { startGitDaemon, type GitDaemon } from '../support/git-daemon.js';

const TEMPLATE = fileURLToPath(new URL('../../environments/', import.meta.url));
const REGISTRY = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
const ADA = { GIT_AUTHOR_NAME: 'Ada Lovelace', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada Lovelace', GIT_COMMITTER_EMAIL: 'ada@example.com' };
const MESSAGE = 'init: Ferry environment repository\n\nFerry-Action: init\n';

let root: string;
let daemon: GitDaemon;
let counter = 0;
let templateFiles: string[];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-init-test-'));
  daemon = await startGitDaemon(root);
  templateFiles = (await readdir(TEMPLATE, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => relative(TEMPLATE, join(e.parentPath ?? e.path, e.name)))
    .sort();
});

afterAll(async () => {
  await daemon?.stop();
  await rm(root, { recursive: true, force: true });
});

const fresh = (name = 'env'): string => join(root, `${name}-${++counter}`);

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args]).toString();
}

/** The raw message of a commit (what follows the header's blank line). */
function messageOf(dir: string, commit: string): string {
  const raw = git(dir, 'cat-file', 'commit', commit);
  return raw.slice(raw.indexOf('\n\n') + 2);
}

/** The commit on `ref` holds exactly the template's files, byte for byte. */
async function expectTemplateCommitted(dir: string, ref = 'main'): Promise<void> {
  expect(git(dir, 'ls-tree', '-r', '--name-only', ref).trim().split('\n').sort()).toEqual(templateFiles);
  for (const file of templateFiles) {
    expect(execFileSync('git', ['-C', dir, 'cat-file', 'blob', `${ref}:${file}`]).equals(await readFile(join(TEMPLATE, file))), file).toBe(true);
  }
}

const userServiceImage = (tag: string): string => `${REGISTRY}/user-service:${tag}@${digestOf(`user-service ${tag}`)}`;

describe('ferry init <dir>', () => {
  test('a committed env repo from the template: one commit with a Ferry trailer, a clean work tree', async () => {
    const dir = join(fresh(), 'nested', 'env');
    const r = await ferry(['init', dir], { env: ADA });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    expect(r.stdout).toBe(`created env repo ${dir} (branch main, commit ${head.slice(0, 12)})\n`);
    expect(git(dir, 'rev-parse', '--is-bare-repository').trim()).toBe('false');
    expect(git(dir, 'symbolic-ref', 'HEAD').trim()).toBe('refs/heads/main');
    expect(git(dir, 'rev-list', '--count', 'HEAD').trim()).toBe('1');
    expect(messageOf(dir, head)).toBe(MESSAGE);
    expect(git(dir, 'log', '-1', '--format=%an <%ae>').trim()).toBe('Ada Lovelace <ada@example.com>');
    expect(git(dir, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    await expectTemplateCommitted(dir);
  });

  test('ferry validate accepts it and ferry bump bumps it: the commit lands and the work tree follows', async () => {
    const dir = fresh();
    expect((await ferry(['init', dir])).code).toBe(0);
    const head = git(dir, 'rev-parse', 'HEAD').trim();

    const valid = await ferry(['validate', '--repo', dir]);
    expect(valid.stderr).toBe('');
    expect(valid.code).toBe(0);
    expect(valid.stdout).toBe(`valid: ferry.yaml and 6 pinned manifests at ${head.slice(0, 12)}\n`);

    const before = await readFile(join(dir, 'dev/user-service/kustomization.yaml'), 'utf8');
    const previous = /newTag: (\S+)\n {4}digest: (sha256:[0-9a-f]{64})/.exec(before)!;
    const ref = userServiceImage('2.0.0');
    const bump = await ferry(['bump', '--repo', dir, '--env', 'dev', '--app', 'user-service', '--image', ref, '--json'], { env: ADA });
    expect(bump.stderr).toBe('');
    expect(bump.code).toBe(0);
    const result = JSON.parse(bump.stdout);
    expect(result).toMatchObject({ status: 'succeeded', env: 'dev', app: 'user-service', image: ref, attempts: 1, previousImage: `${REGISTRY}/user-service:${previous[1]}@${previous[2]}` });
    expect(git(dir, 'rev-parse', 'main').trim()).toBe(result.commit);
    expect(git(dir, 'rev-parse', `${result.commit}^`).trim()).toBe(head);
    const after = before.replace(`newTag: ${previous[1]}`, 'newTag: 2.0.0').replace(previous[2]!, digestOf('user-service 2.0.0'));
    expect(execFileSync('git', ['-C', dir, 'cat-file', 'blob', 'main:dev/user-service/kustomization.yaml']).toString()).toBe(after);
    // The checked-out files follow the push (receive.denyCurrentBranch=updateInstead), nothing is left dirty.
    expect(await readFile(join(dir, 'dev/user-service/kustomization.yaml'), 'utf8')).toBe(after);
    expect(git(dir, 'status', '--porcelain', '--untracked-files=all')).toBe('');

    const again = await ferry(['bump', '--repo', dir, '--env', 'dev', '--app', 'user-service', '--image', ref, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'skipped', commit: result.commit });
    expect(git(dir, 'rev-list', '--count', 'main').trim()).toBe('2');
  });

  test('a bump into a work tree with uncommitted edits is refused (exit 1), and the edits stay', async () => {
    const dir = fresh();
    expect((await ferry(['init', dir])).code).toBe(0);
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    await writeFile(join(dir, 'dev/user-service/kustomization.yaml'), '# someone is editing\n');
    const r = await ferry(['bump', '--repo', dir, '--env', 'dev', '--app', 'user-service', '--image', userServiceImage('2.0.1')]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/lost a race/);
    expect(git(dir, 'rev-parse', 'main').trim()).toBe(head);
    expect(await readFile(join(dir, 'dev/user-service/kustomization.yaml'), 'utf8')).toBe('# someone is editing\n');
  });

  test('an existing empty directory is fine', async () => {
    const dir = fresh();
    await mkdir(dir);
    const r = await ferry(['init', dir]);
    expect(r.code).toBe(0);
    await expectTemplateCommitted(dir);
  });

  test('an empty directory reached through a symbolic link: the repository is made where it leads, with or without --bare', async () => {
    for (const bare of [[], ['--bare']]) {
      const target = fresh('target');
      await mkdir(target);
      const link = fresh('link');
      await symlink(target, link);
      const r = await ferry(['init', link, ...bare]);
      expect(r.code, r.stderr).toBe(0);
      if (bare.length === 0) await expectTemplateCommitted(target);
      else expect(git(target, 'rev-parse', '--is-bare-repository').trim()).toBe('true');
    }
  });

  test.runIf(process.getuid?.() === 0)('an empty directory this user may not write into: exit 2 naming it, nothing written', async () => {
    // (As root every directory is writable: the command runs as the unprivileged user "nobody",
    // from a copy of the CLI it may read: the checkout's own directory may be closed to others.)
    const dir = fresh();
    await mkdir(dir, { mode: 0o755 });
    await chmod(root, 0o755);
    const cli = join(root, 'cli');
    const checkout = join(FERRY, '../..');
    for (const part of ['bin', 'dist', 'environments']) await cp(join(checkout, part), join(cli, part), { recursive: true });
    execFileSync('chmod', ['-R', 'a+rX', cli]);
    const r = await new Promise<{ code: number | null; stderr: string }>((done, fail) => {
      const child = spawn(join(cli, 'bin/ferry'), ['init', dir], { uid: 65534, gid: 65534, cwd: '/', env: { PATH: process.env.PATH, HOME: '/nonexistent' }, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      child.on('error', fail);
      child.on('close', (code) => done({ code, stderr }));
    });
    expect(r.stderr).toBe(`ferry init: error: dir: cannot write into ${JSON.stringify(dir)}: the system refused (EACCES); nothing was written\n`);
    expect(r.code).toBe(2);
    expect(await readdir(dir)).toEqual([]);
  });

  test('--branch: the template committed on that branch, checked out', async () => {
    const dir = fresh();
    const r = await ferry(['init', dir, '--branch', 'trunk', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ status: 'succeeded', dir, branch: 'trunk', commit: git(dir, 'rev-parse', 'trunk').trim(), bare: false });
    expect(git(dir, 'symbolic-ref', 'HEAD').trim()).toBe('refs/heads/trunk');
    expect(git(dir, 'branch', '--format=%(refname)').trim()).toBe('refs/heads/trunk');
    expect((await ferry(['validate', '--repo', dir, '--branch', 'trunk'])).code).toBe(0);
    const noMain = await ferry(['validate', '--repo', dir]);
    expect(noMain.code).toBe(1);
    expect(noMain.stderr).toMatch(/Remote branch main not found/);
  });
});

describe('ferry init --bare <dir>', () => {
  test('a bare repository holding the template\'s commit; --json prints the result', async () => {
    const dir = `${fresh('bare')}.git`;
    const r = await ferry(['init', '--bare', dir, '--json'], { env: ADA });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const head = git(dir, 'rev-parse', 'refs/heads/main').trim();
    expect(JSON.parse(r.stdout)).toEqual({ status: 'succeeded', dir, branch: 'main', commit: head, bare: true });
    expect(git(dir, 'rev-parse', '--is-bare-repository').trim()).toBe('true');
    expect(git(dir, 'symbolic-ref', 'HEAD').trim()).toBe('refs/heads/main');
    expect(git(dir, 'for-each-ref', '--format=%(refname)').trim()).toBe('refs/heads/main');
    expect(messageOf(dir, head)).toBe(MESSAGE);
    await expectTemplateCommitted(dir);
  });

  test.each([
    ['file://', (name: string) => `file://${join(root, name)}`],
    ['git://', (name: string) => daemon.url(name)],
  ])('validate and bump over %s', async (_label, url) => {
    const name = `served-${++counter}.git`;
    expect((await ferry(['init', '--bare', join(root, name)])).code).toBe(0);
    const head = git(join(root, name), 'rev-parse', 'main').trim();
    const valid = await ferry(['validate', '--repo', url(name)]);
    expect(valid.code).toBe(0);
    expect(valid.stdout).toBe(`valid: ferry.yaml and 6 pinned manifests at ${head.slice(0, 12)}\n`);
    const ref = `${REGISTRY}/order-service:3.1.0@${digestOf('order-service 3.1.0')}`;
    const bump = await ferry(['bump', '--repo', url(name), '--env', 'prod', '--app', 'order-service', '--image', ref, '--json']);
    expect(bump.code, bump.stderr).toBe(0);
    const commit = JSON.parse(bump.stdout).commit as string;
    expect(git(join(root, name), 'rev-parse', 'main').trim()).toBe(commit);
    expect(git(join(root, name), 'log', '-1', '--format=%s', commit).trim()).toBe(`bump(prod): order-service 3.1.0 (${digestOf('order-service 3.1.0').slice(0, 19)})`);
    expect(git(join(root, name), 'show', 'main:prod/order-service/kustomization.yaml')).toContain(`    newTag: 3.1.0\n    digest: ${digestOf('order-service 3.1.0')}\n`);
  });
});

describe('ferry init refuses, and writes nothing', () => {
  test.each([[[] as string[]], [['--bare']]])('a directory that is not empty (%j): exit 2, the directory as it was', async (extra) => {
    const dir = fresh();
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine\n');
    const r = await ferry(['init', dir, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`ferry init: error: dir: ${JSON.stringify(dir)} already exists and is not an empty directory; nothing was written\n`);
    expect(await readdir(dir)).toEqual(['notes.txt']);
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine\n');
  });

  test('a directory holding only a hidden file is not empty either; --json prints the error object', async () => {
    const dir = fresh();
    await mkdir(join(dir, '.git'), { recursive: true });
    const r = await ferry(['init', dir, '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      status: 'failed',
      error: {
        kind: 'configuration',
        message: `dir: ${JSON.stringify(dir)} already exists and is not an empty directory; nothing was written`,
        problems: [{ field: 'dir', message: `${JSON.stringify(dir)} already exists and is not an empty directory; nothing was written` }],
      },
    });
    expect(await readdir(dir)).toEqual(['.git']);
    expect(await readdir(join(dir, '.git'))).toEqual([]);
  });

  test('a path that is a file: exit 2, the file as it was', async () => {
    const file = fresh();
    await writeFile(file, 'not a directory\n');
    const r = await ferry(['init', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`ferry init: error: dir: ${JSON.stringify(file)} already exists and is not a directory; nothing was written\n`);
    expect(await readFile(file, 'utf8')).toBe('not a directory\n');
  });

  test('an empty <dir> (a variable that was not set): exit 2, nothing made in the current directory', async () => {
    const cwd = fresh('cwd');
    await mkdir(cwd);
    for (const dir of ['', '  ']) {
      const r = await ferry(['init', dir], { cwd });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`ferry init: error: dir: expected the directory to make the repository in, found ${JSON.stringify(dir)}; nothing was written\n`);
      expect(await readdir(cwd)).toEqual([]);
    }
  });

  test('a branch name git refuses: exit 2, no directory made', async () => {
    const dir = fresh();
    const r = await ferry(['init', dir, '--branch', 'a..b']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('ferry init: error: --branch: expected a branch name git accepts, found "a..b"; nothing was written\n');
    await expect(readdir(dir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test.each([
    ['a branch the other commands cannot name', 'é', '--branch: expected a branch name (letters, digits, \'.\', \'_\', \'-\' and \'/\'), found "é"'],
    ['HEAD as a branch', 'HEAD', '--branch: expected a branch name, found "HEAD"; nothing was written'],
  ])('%s: exit 2, no directory made', async (_name, branch, message) => {
    const dir = fresh();
    const r = await ferry(['init', dir, '--branch', branch]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`ferry init: error: ${message}\n`);
    await expect(readdir(dir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('a place where no directory can be made: exit 2 at once, nothing made (inside a file; inside /proc, where a recursive mkdir never returned)', async () => {
    const file = fresh();
    await writeFile(file, 'a file\n');
    const inFile = await ferry(['init', join(file, 'deeper', 'env')]);
    expect(inFile.code).toBe(2);
    expect(inFile.stderr).toBe(`ferry init: error: dir: cannot make ${JSON.stringify(join(file, 'deeper', 'env'))}: ${JSON.stringify(file)} is not a directory; nothing was written\n`);
    expect(await readFile(file, 'utf8')).toBe('a file\n');
    const proc = await ferry(['init', '/proc/1/ferry-env']);
    expect(proc.code).toBe(2);
    expect(proc.stderr).toMatch(/^ferry init: error: dir: cannot make "\/proc\/1\/ferry-env": the system refused to make "\/proc\/1\/ferry-env" \(E[A-Z]+\); nothing was written\n$/);
  });

  test('`--` ends the options: `init -- --json` makes a directory named --json (and prints text)', async () => {
    const parent = fresh();
    await mkdir(parent);
    const r = await ferry(['init', '--', '--json'], { cwd: parent });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^created env repo .*\/--json \(branch main, commit [0-9a-f]{12}\)\n/);
    expect(await readdir(parent)).toEqual(['--json']);
  });

  describe('git failing half way: exit 1 with git\'s reason, nothing left behind', () => {
    let bin: string;
    beforeAll(async () => {
      // A git that fails to commit, as a full disk or a broken hook would make it; everything else is the real git.
      const realGit = execFileSync('sh', ['-c', 'command -v git']).toString().trim();
      bin = join(root, 'failing-git-bin');
      await mkdir(bin);
      await writeFile(join(bin, 'git'), `#!/bin/sh\nfor a in "$@"; do [ "$a" = commit ] && { echo "fatal: simulated failure of git commit" >&2; exit 128; }; done\nexec ${realGit} "$@"\n`);
      await chmod(join(bin, 'git'), 0o755);
    });

    test.each([[[] as string[]], [['--bare']]])('a new directory (%j) is removed again', async (extra) => {
      const parent = fresh();
      const dir = join(parent, 'deeper', 'env');
      const r = await ferry(['init', dir, ...extra], { env: { PATH: `${bin}:${process.env.PATH}` } });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('ferry init: git commit failed: fatal: simulated failure of git commit\n');
      // Everything init made, from the first directory it created, is gone.
      await expect(readdir(parent)).rejects.toMatchObject({ code: 'ENOENT' });
    });

    test.each([[[] as string[]], [['--bare']]])('an existing empty directory (%j) is left empty', async (extra) => {
      const dir = fresh();
      await mkdir(dir);
      const r = await ferry(['init', dir, ...extra], { env: { PATH: `${bin}:${process.env.PATH}` } });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('ferry init: git commit failed: fatal: simulated failure of git commit\n');
      expect(await readdir(dir)).toEqual([]);
    });
  });
});

test('the user\'s git ignore rules leave no template file out: every file is committed, with or without --bare', async () => {
  // (A global excludes file of a developer's machine, ignoring prod/ and *.md: init said
  // "created", and the repository lacked them.)
  const config = join(root, `ignoring-${++counter}.gitconfig`);
  const excludes = join(root, `excludes-${counter}`);
  await writeFile(excludes, 'prod/\n*.md\n*.yaml\n');
  await writeFile(config, `[core]\n\texcludesFile = ${excludes}\n`);
  for (const bare of [false, true]) {
    const dir = fresh();
    const r = await ferry(['init', dir, ...(bare ? ['--bare'] : [])], { env: { ...ADA, GIT_CONFIG_GLOBAL: config } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await expectTemplateCommitted(dir);
    if (!bare) expect(git(dir, 'status', '--porcelain', '--untracked-files=all', '--ignored')).toBe('');
  }
});

describe('the user\'s commit settings do not reach init\'s commit, as they reach no other Ferry commit: the template\'s bytes, unsigned, with or without --bare', () => {
  test.each([
    ['commit.gpgSign = true, and no key to sign with ("gpg failed to sign the data")', '[commit]\n\tgpgSign = true\n[gpg]\n\tprogram = false\n'],
    ['core.autocrlf = true with core.safecrlf = true ("LF would be replaced by CRLF")', '[core]\n\tautocrlf = true\n\tsafecrlf = true\n'],
  ])('%s', async (_name, text) => {
    const config = join(root, `commit-settings-${++counter}.gitconfig`);
    await writeFile(config, text);
    for (const bare of [false, true]) {
      const dir = fresh();
      const r = await ferry(['init', dir, ...(bare ? ['--bare'] : [])], { env: { ...ADA, GIT_CONFIG_GLOBAL: config, GIT_CONFIG_NOSYSTEM: '1' } });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      await expectTemplateCommitted(dir);
      expect(git(dir, 'cat-file', 'commit', 'main')).not.toMatch(/^gpgsig/m);
    }
  });
});

describe('a temporary directory that cannot be made: exit 2 naming TMPDIR (not <dir>), nothing left', () => {
  const places: [string, () => Promise<string>][] = [['TMPDIR a regular file', async () => {
    const file = fresh('tmp-file');
    await writeFile(file, 'x');
    return file;
  }]];
  // (Where no one makes a directory, root included: EPERM, or EACCES, which init took for its <dir>'s.)
  if (existsSync('/sys/kernel')) places.push(['TMPDIR /sys', async () => '/sys']);
  test.each(places)('%s', async (_name, place) => {
    const tmp = await place();
    const parent = fresh();
    const r = await ferry(['init', '--bare', join(parent, 'new.git')], { env: { TMPDIR: tmp } });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.startsWith(`ferry init: error: TMPDIR: expected a directory this user can write in, found ${JSON.stringify(tmp)}: cannot make a temporary directory in ${JSON.stringify(tmp)}: the system refused (`), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/\(E[A-Z]+\)\n$/);
    await expect(readdir(parent)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('ferry init <dir> (not bare) needs none: made all the same (its branch name was refused, git not run in the temporary directory)', async () => {
    const tmp = fresh('tmp-file');
    await writeFile(tmp, 'x');
    const dir = fresh();
    const r = await ferry(['init', dir], { env: { ...ADA, TMPDIR: tmp } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await expectTemplateCommitted(dir);
  });
});

test('without any git identity, init still commits, as Ferry (or as the identity git works out itself)', async () => {
  const home = fresh('home');
  await mkdir(home);
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  for (const k of ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'EMAIL']) delete env[k];
  let gitOwn: string | undefined;
  try {
    gitOwn = execFileSync('git', ['var', 'GIT_COMMITTER_IDENT'], { env, stdio: ['ignore', 'pipe', 'ignore'] }).toString().replace(/ \d+ [+-]\d{4}\n$/, '');
  } catch {
    gitOwn = undefined; // git knows no identity here (the usual case): Ferry's own is used
  }
  const dir = fresh();
  const r = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(FERRY, ['init', dir], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(git(dir, 'log', '-1', '--format=%cn <%ce>|%an <%ae>').trim()).toBe(`${gitOwn ?? 'Ferry <ferry@users.noreply.invalid>'}|${gitOwn ?? 'Ferry <ferry@users.noreply.invalid>'}`);
  expect(messageOf(dir, 'HEAD')).toBe(MESSAGE);
});

describe('usage', () => {
  test.each([
    ['bump', 'ferry bump: pin an image by digest for one app in one environment\n\nUsage: ferry bump --repo <url|path> --env <env> --app <app> --image <ref>\n                  [options]\n'],
    ['status', 'ferry status: what every app pins in every environment\n\nUsage: ferry status --repo <url|path> [--branch main] [--json]\n'],
    ['validate', 'ferry validate: check ferry.yaml and every pinned manifest\n\nUsage: ferry validate --repo <url|path> [--branch main] [--render] [--json]\n'],
    ['init', 'ferry init: a new env repo from Ferry\'s template, committed\n\nUsage: ferry init <dir> [--bare] [--branch main] [--json]\n'],
  ])('ferry %s --help (and -h, and ferry help <command>): exit 0, the usage on stdout', async (command, usage) => {
    for (const args of [[command, '--help'], [command, '-h'], ['help', command]]) {
      const r = await ferry(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout.startsWith(usage), args.join(' ')).toBe(true);
    }
  });

  test('ferry help <no such command>: exit 2, naming it and the commands', async () => {
    const r = await ferry(['help', 'bumpp']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ferry help: error: unknown command "bumpp" \(commands: bump, .*validate.*\)\n$/);
  });

  test('ferry --help: exit 0 and every command', async () => {
    const r = await ferry(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ferry: GitOps promotion engine/);
    for (const c of ['bump', 'status', 'validate', 'init']) expect(r.stdout).toMatch(new RegExp(`^  ${c} +\\S`, 'm'));
    expect(r.stdout).toContain('Exit codes: 0 done or skipped, 1 failed, 2 bad usage or bad input; validate:\n0 valid, 1 could not check, 2 problems found; 130 interrupted (Ctrl-C).\n');
  });

  test('ferry init --help names every option init takes', async () => {
    const r = await ferry(['init', '--help']);
    expect(r.code).toBe(0);
    for (const option of ['--bare', '--branch <name>', '--json']) expect(r.stdout).toMatch(new RegExp(`^  ${option} +\\S`, 'm'));
  });

  test('--help among other options, even a wrong one, is the help (exit 0)', async () => {
    const r = await ferry(['bump', '--help', '--bogus']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ferry bump/);
  });

  test('ferry with no command: the usage, exit 2', async () => {
    const r = await ferry([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^ferry: GitOps promotion engine/);
  });

  test.each([
    [['nope'], 'ferry nope: error: unknown command "nope" (commands: bump, status, validate, init, block, unblock, rollback, history, promote, analyze, audit; see ferry --help)\n'],
    [['init'], 'ferry init: error: dir: expected one directory: ferry init <dir>\n'],
    [['init', 'a', 'b'], 'ferry init: error: dir: expected one directory: ferry init <dir>\n'],
    [['init', 'x', '--repo', 'y'], 'ferry init: error: Unknown option \'--repo\' (see ferry init --help)\n'],
  ])('%j: exit 2', async (args, stderr) => {
    const cwd = fresh('cwd');
    await mkdir(cwd);
    const r = await ferry(args, { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(stderr);
    expect(await readdir(cwd)).toEqual([]);
  });
});
