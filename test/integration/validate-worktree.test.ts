// ferry validate --worktree <dir>: the files on disk in a checkout (committed or not), not a branch;
// and the diagnosis of a checkout that has commits but no branch (a pull request's).
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WorktreeSnapshot } from '../../actions/src/adapters/worktree-snapshot.js';
import { ConfigurationError } from '../../actions/src/core/errors.js';
import { ferry } from '../support/ferry-cli.js';

let root: string;
let counter = 0;
const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { encoding: 'utf8' }).trim();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-validate-worktree-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A checkout made by ferry init (the template: 2 apps × 3 environments), and its head. */
async function initCheckout(): Promise<{ dir: string; head: string }> {
  const dir = join(root, `env-${++counter}`);
  const r = await ferry(['init', dir]);
  expect(r.code, r.stderr).toBe(0);
  return { dir, head: git(dir, 'rev-parse', 'HEAD') };
}

const SOAK = /soak: 30m\b/;

describe('--worktree: the files on disk', () => {
  test('a ferry.yaml edited and not committed: --worktree reports it (2), naming HEAD and modified; --repo reads the branch as committed', async () => {
    const { dir, head } = await initCheckout();
    const config = await readFile(join(dir, 'ferry.yaml'), 'utf8');
    expect(config).toMatch(SOAK);
    await writeFile(join(dir, 'ferry.yaml'), config.replace(SOAK, 'soak: 30min'));

    const r = await ferry(['validate', '--worktree', dir, '--json']);
    expect(r.code, r.stderr).toBe(2);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ status: 'failed', commit: head, worktree: { path: dir, head, modified: true }, checked: 6 });
    expect(result.problems).toEqual([expect.objectContaining({ file: 'ferry.yaml', field: 'environments[1].gates.soak', message: 'expected a duration like 45s, 30m, 2h, 1h30m or 1d, found "30min"' })]);
    expect(result).not.toHaveProperty('repo');
    expect(result).not.toHaveProperty('branch');

    const text = await ferry(['validate', '--worktree', dir]);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain(`invalid: 1 problem in the files of ${dir} (HEAD ${head.slice(0, 12)}, with changes not committed)\n`);

    // The branch, as committed, is what --repo validates.
    expect((await ferry(['validate', '--repo', dir])).code).toBe(0);

    // Put back: valid, and the files are HEAD's.
    git(dir, 'checkout', '--', 'ferry.yaml');
    const clean = await ferry(['validate', '--worktree', dir, '--json']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ status: 'succeeded', commit: head, worktree: { path: dir, head, modified: false } });
    expect((await ferry(['validate', '--worktree', dir])).stdout).toBe(`valid: ferry.yaml and 6 pinned manifests in the files of ${dir} (HEAD ${head.slice(0, 12)})\n`);
  });

  test('a new manifest not yet added to git counts as modified', async () => {
    const { dir } = await initCheckout();
    // An untracked file that validate reads (blocked.yaml, looked for at the root) is not in HEAD.
    await writeFile(join(dir, 'blocked.yaml'), 'blocked: []\n');
    const r = await ferry(['validate', '--worktree', dir, '--json']);
    expect(JSON.parse(r.stdout).worktree.modified).toBe(true);
  });

  test('a file git ignores and does not track is not there, as committing would leave it out: a manifest so hidden is missing, and nothing is modified', async () => {
    const { dir, head } = await initCheckout();
    const manifest = 'dev/user-service/kustomization.yaml';
    git(dir, 'rm', '--quiet', '--cached', manifest);
    await writeFile(join(dir, '.gitignore'), `${manifest}\n`);
    git(dir, 'add', '.gitignore');
    git(dir, '-c', 'user.name=Ada', '-c', 'user.email=ada@example.com', 'commit', '--quiet', '-m', 'ignore the dev manifest');
    expect(git(dir, 'status', '--porcelain')).toBe('');
    const newHead = git(dir, 'rev-parse', 'HEAD').trim();
    expect(newHead).not.toBe(head);
    const r = await ferry(['validate', '--worktree', dir, '--json']);
    expect(r.code).toBe(2);
    const result = JSON.parse(r.stdout);
    expect(result.worktree).toEqual({ path: dir, head: newHead, modified: false });
    expect(result.problems).toEqual([expect.objectContaining({ file: manifest })]);
    expect(result.problems[0].message).toMatch(/no such file/);
    // As --repo finds the branch.
    const byRepo = JSON.parse((await ferry(['validate', '--repo', dir, '--json'])).stdout);
    expect(byRepo.problems.map((p: { message: string }) => p.message)).toEqual(result.problems.map((p: { message: string }) => p.message));
  });

  test('a pull request\'s checkout (detached, no branch): --repo says so, not "empty"; --worktree . validates it', async () => {
    const { dir: env, head } = await initCheckout();
    const ws = join(root, `ws-${++counter}`);
    execFileSync('git', ['init', '--quiet', ws]);
    git(ws, 'fetch', '--quiet', '--depth=1', env, '+refs/heads/main:refs/remotes/pull/7/merge');
    git(ws, 'checkout', '--quiet', '--detach', 'refs/remotes/pull/7/merge');

    const byRepo = await ferry(['validate', '--repo', '.'], { cwd: ws });
    expect(byRepo.code).toBe(1);
    expect(byRepo.stderr).not.toMatch(/empty/);
    expect(byRepo.stderr).toContain('(the repository has commits but no branch main (a detached checkout?): name a branch with --branch, or the branch input of the action; to validate the files checked out, ferry validate --worktree <dir> (the worktree input))');

    const r = await ferry(['validate', '--worktree', '.', '--json'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', commit: head, worktree: { head, modified: false }, checked: 6 });
  });

  test('a directory that is no git checkout: validated, no commit, no head', async () => {
    const { dir } = await initCheckout();
    const plain = join(root, `plain-${++counter}`);
    await cp(dir, plain, { recursive: true, filter: (src) => !src.endsWith('/.git') });
    const r = await ferry(['validate', '--worktree', plain, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ status: 'succeeded', worktree: { path: plain }, checked: 6 });
    expect(result).not.toHaveProperty('commit');
    expect(result.worktree).toEqual({ path: plain });
    expect((await ferry(['validate', '--worktree', plain])).stdout).toContain(`in the files of ${plain} (not a git checkout with a commit)`);
    // Without ferry.yaml: no empty commit named ("(commit )").
    await rm(join(plain, 'ferry.yaml'));
    const missing = await ferry(['validate', '--worktree', plain]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`  ferry.yaml: no ferry.yaml at the root of the env repo; create one with \`ferry init\`, or, for an env repo that has manifests already, write one by hand (Ferry's README.md: "Adopting an existing env repo")\n`);
  });

  test('symbolic links are not followed out of the directory: the problems are those --repo reports once they are committed', async () => {
    const { dir } = await initCheckout();
    const outside = join(root, `outside-${++counter}`);
    await mkdir(join(outside, 'stage'), { recursive: true });
    const manifests = (await ferry(['status', '--repo', dir, '--json'])).stdout;
    const [devManifest, stageManifest] = ['dev', 'stage'].map((env) => (JSON.parse(manifests).rows as { env: string; manifest: string }[]).find((row) => row.env === env)!.manifest);
    expect(devManifest).toMatch(/^dev\//);
    // A manifest that is a link to a file outside (a sound copy of it), and a directory on the way to one that is a link.
    await cp(join(dir, devManifest!), join(outside, 'manifest.yaml'));
    await rm(join(dir, devManifest!));
    await symlink(join(outside, 'manifest.yaml'), join(dir, devManifest!));
    await cp(join(dir, 'stage'), join(outside, 'stage'), { recursive: true });
    await rm(join(dir, 'stage'), { recursive: true });
    await symlink(join(outside, 'stage'), join(dir, 'stage'));

    const r = await ferry(['validate', '--worktree', dir, '--json']);
    expect(r.code, r.stderr).toBe(2);
    const problems = JSON.parse(r.stdout).problems as { file?: string; message: string }[];
    expect(problems).toContainEqual(expect.objectContaining({ file: devManifest, message: 'is a symbolic link in the env repo: Ferry reads and pins only regular files (commit the file itself at this path)' }));
    expect(problems).toContainEqual({ file: stageManifest, message: 'is not in the env repo as a file: stage is a symbolic link, which Ferry does not follow (git keeps a link as a file, not a directory; commit the directory itself at stage)' });
    expect(JSON.stringify(problems)).not.toContain(outside);

    git(dir, 'add', '-A');
    git(dir, 'commit', '--quiet', '-m', 'links');
    const committed = await ferry(['validate', '--repo', dir, '--json']);
    expect(JSON.parse(committed.stdout).problems).toEqual(problems);
    expect(JSON.parse((await ferry(['validate', '--worktree', dir, '--json'])).stdout).worktree.modified).toBe(false);
  });

  test('a tracked manifest made a symbolic link (git status: T), or a directory on its way made one, is a change not committed', async () => {
    const { dir, head } = await initCheckout();
    const rows = JSON.parse((await ferry(['status', '--repo', dir, '--json'])).stdout).rows as { env: string; manifest: string }[];
    const devManifest = rows.find((row) => row.env === 'dev')!.manifest;
    // A link to a sound copy of the file, in the checkout: only the file's type changes.
    await cp(join(dir, devManifest), join(dir, 'copy.yaml'));
    git(dir, 'add', 'copy.yaml');
    git(dir, 'commit', '--quiet', '-m', 'copy');
    const committed = git(dir, 'rev-parse', 'HEAD');
    await rm(join(dir, devManifest));
    await symlink(join(dir, 'copy.yaml'), join(dir, devManifest));
    expect(git(dir, 'status', '--porcelain')).toBe(`T ${devManifest}`);

    const r = await ferry(['validate', '--worktree', dir, '--json']);
    expect(r.code, r.stderr).toBe(2);
    const result = JSON.parse(r.stdout);
    expect(result.problems).toContainEqual(expect.objectContaining({ file: devManifest, message: 'is a symbolic link in the env repo: Ferry reads and pins only regular files (commit the file itself at this path)' }));
    expect(result.worktree).toEqual({ path: dir, head: committed, modified: true });
    const text = await ferry(['validate', '--worktree', dir]);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain(`in the files of ${dir} (HEAD ${committed.slice(0, 12)}, with changes not committed)\n`);
    expect(committed).not.toBe(head);

    // The directory holding a manifest made a link to a copy of it: the manifest is not there.
    git(dir, 'checkout', '--', devManifest);
    const stageDir = rows.find((row) => row.env === 'stage')!.manifest.split('/').slice(0, -1).join('/');
    const outside = join(root, `outside-${++counter}`);
    await cp(join(dir, stageDir), outside, { recursive: true });
    await rm(join(dir, stageDir), { recursive: true });
    await symlink(outside, join(dir, stageDir));
    const linkedDir = await ferry(['validate', '--worktree', dir, '--json']);
    expect(linkedDir.code, linkedDir.stderr).toBe(2);
    expect(JSON.parse(linkedDir.stdout).worktree).toEqual({ path: dir, head: committed, modified: true });
    expect(JSON.parse(linkedDir.stdout).problems).toContainEqual(expect.objectContaining({ file: rows.find((row) => row.env === 'stage')!.manifest, message: expect.stringMatching(new RegExp(`^is not in the env repo as a file: ${stageDir} is a symbolic link`)) }));
  });

  test('usage: --worktree and --repo (or --branch) are exclusive, and a directory that does not exist is named', async () => {
    const both = await ferry(['validate', '--worktree', '.', '--repo', '.']);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('ferry validate: error: --worktree: give --worktree <dir> (the files on disk) or --repo (a branch), not both\n');
    // A branch names what --repo reads; the files on disk are whatever is checked out.
    const branch = await ferry(['validate', '--worktree', '.', '--branch', 'release']);
    expect(branch.code).toBe(2);
    expect(branch.stderr).toBe('ferry validate: error: --branch: names a branch of --repo; --worktree validates the files on disk, whatever is checked out\n');
    const missing = await ferry(['validate', '--worktree', join(root, 'no-such-dir')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^ferry validate: error: --worktree: expected a directory \(a checkout of the env repo\), found ".*no-such-dir": ENOENT/);
    // An empty one is said to be, as an empty --repo is (not the realpath error of a path '').
    for (const empty of ['', '  ']) {
      const r = await ferry(['validate', '--worktree', empty]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('ferry validate: error: --worktree: must not be empty\n');
      expect(r.stdout).toBe('');
    }
    const help = await ferry(['validate', '--help']);
    expect(help.stdout).toContain('ferry validate --worktree <dir> [--render] [--json]');
    expect(help.stdout).toContain('A pull request check: actions/checkout, then\n                      ferry validate --worktree .\n');
  });
});

describe('WorktreeSnapshot: reads stay in the directory', () => {
  test.each(['../outside.yaml', 'dev/../../outside.yaml', '/etc/passwd', './ferry.yaml', 'dev//x.yaml'])('%s: refused, naming the path', async (path) => {
    const { dir } = await initCheckout();
    await writeFile(join(root, 'outside.yaml'), 'secret: 1\n');
    const snapshot = await WorktreeSnapshot.open(dir);
    await expect(snapshot.readFile(path)).rejects.toThrow(ConfigurationError);
    await expect(snapshot.readFile(path)).rejects.toThrow(/is not a path inside the directory validated/);
    const reported = await snapshot.readFilesReporting([path, 'ferry.yaml']);
    expect(reported.get(path)).toBeInstanceOf(ConfigurationError);
    expect(reported.get('ferry.yaml')).toMatch(/^# /m);
  });

  test('a missing file is undefined; a directory and text that is not UTF-8 are their own problems', async () => {
    const { dir } = await initCheckout();
    await writeFile(join(dir, 'latin1.yaml'), Buffer.from('a: 1\nb: caf\xe9\n', 'latin1'));
    const snapshot = await WorktreeSnapshot.open(dir);
    const files = await snapshot.readFilesReporting(['nope.yaml', 'dev', 'latin1.yaml', 'ferry.yaml/x']);
    expect(files.get('nope.yaml')).toBeUndefined();
    expect(files.get('ferry.yaml/x')).toBeUndefined();
    expect((files.get('dev') as ConfigurationError).message).toMatch(/is a directory in the env repo/);
    expect((files.get('latin1.yaml') as ConfigurationError).message).toMatch(/not UTF-8 text \(byte 0xe9 at line 2\)/);
  });
});
