// ferry validate --worktree on a directory of many apps, as --repo validates one. It read every
// file at once, each held open: 15,000 apps x 3 environments ran out of open files (EMFILE), as did
// 100 apps under `ulimit -n 256`. And it gave git every path read as a pathspec on its command line:
// 45,000 of them did not start (spawn E2BIG).
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WorktreeSnapshot } from '../../actions/src/adapters/worktree-snapshot.js';
import { appName, digestOf, ENVS, ferryYaml, overlay } from '../support/env-repo-fixture.js';
import { FERRY, runCommand } from '../support/ferry-cli.js';

let root: string;
const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { encoding: 'utf8' }).trim();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-validate-worktree-scale-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A git checkout of `committed` (committed) and `files` (untracked). */
async function checkout(name: string, files: [string, string][], committed: [string, string][]): Promise<string> {
  const dir = join(root, name);
  for (const [path, text] of [...committed, ...files]) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  git(root, 'init', '--quiet', dir);
  git(dir, 'add', '--', ...committed.map(([p]) => p));
  git(dir, 'commit', '--quiet', '--allow-empty', '-m', 'init');
  return dir;
}

test('200 apps x 3 environments under `ulimit -n 128`: validated, as --repo validates them', async () => {
  const APPS = 200;
  const files: [string, string][] = [['ferry.yaml', ferryYaml(APPS)]];
  for (let i = 0; i < APPS; i++) {
    for (const env of ENVS) files.push([`${env}/${appName(i)}/kustomization.yaml`, overlay(appName(i), env, '1.0.0', digestOf(`${appName(i)} 1.0.0`))]);
  }
  const dir = await checkout('apps', [], files);
  // (exec: the limit is the one of ferry's process, and bash says nothing of its own.)
  const r = await runCommand('bash', ['-c', 'ulimit -n 128 && exec "$0" validate --worktree "$1"', FERRY, dir]);
  expect(r.stderr).toBe('');
  expect(r.stdout).toBe(`valid: ferry.yaml and ${APPS * 3} pinned manifests in the files of ${dir} (HEAD ${git(dir, 'rev-parse', 'HEAD').slice(0, 12)})\n`);
  expect(r.code).toBe(0);
}, 60_000);

describe('more paths than a command line takes (3,200 of 816 bytes: 2.6 MB; Linux takes 2 MiB)', () => {
  const LONG = ['a', 'b', 'c', 'd'].map((c) => c.repeat(200)).join('/');
  const paths = Array.from({ length: 3_200 }, (_, i) => `${LONG}/f-${String(i).padStart(5, '0')}.yaml`);

  test('untracked files, one of them ignored: each read, the ignored one none; modified', async () => {
    const last = paths[paths.length - 1]!;
    const dir = await checkout('untracked', paths.map((p) => [p, `n: ${p.slice(-10)}\n`]), [['.gitignore', `/${last}\n`]]);
    const snapshot = await WorktreeSnapshot.open(dir);
    const files = await snapshot.readFilesReporting(paths);
    expect(files.get(paths[0]!)).toBe('n: 00000.yaml\n');
    expect(files.get(paths[3_198]!)).toBe('n: 03198.yaml\n');
    expect(files.get(last)).toBeUndefined();
    expect([...files.values()].filter((v) => v === undefined)).toHaveLength(1);
    expect(await snapshot.info()).toEqual({ path: dir, head: git(dir, 'rev-parse', 'HEAD'), modified: true });
  }, 60_000);

  test('files that are not there: each none; not modified', async () => {
    const dir = await checkout('absent', [], [['ferry.yaml', 'x: 1\n']]);
    const snapshot = await WorktreeSnapshot.open(dir);
    const files = await snapshot.readFilesReporting(paths);
    expect([...files.values()].every((v) => v === undefined)).toBe(true);
    expect(await snapshot.info()).toEqual({ path: dir, head: git(dir, 'rev-parse', 'HEAD'), modified: false });
  }, 60_000);
});
