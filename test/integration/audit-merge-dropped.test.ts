// ferry audit of a pull request's bump judged on its own branch: a Ferry commit a merge brought in
// records the image it replaced as its branch had it (what ferry read there), not as the line had
// it when the merge landed. A bump the merge drops (`-s ours`, a conflict resolved to main's side)
// or takes over main's later pin (a conflict resolved to the branch's side) is no violation; a
// forged previous image is reported whatever the merge keeps, and an evil merge still is.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRemoteFile } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';
import { ferryOk, initTemplateRepo, templateImage } from '../support/template-repo.js';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-audit-dropped-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

type Report = { violations: { rule: string; env?: string; app?: string; commit: string; message: string }[] };

async function audit(repo: string): Promise<{ code: number | null; rows: (string | undefined)[][]; report: Report }> {
  const r = await ferry(['audit', '--repo', repo, '--format', 'json']);
  expect(r.stderr).toBe('');
  const report = JSON.parse(r.stdout) as Report;
  return { code: r.code, rows: report.violations.map((v) => [v.commit, v.rule, v.env, v.app]), report };
}

const PATH = 'dev/user-service/kustomization.yaml';
const image = (tag: string) => templateImage('user-service', tag);
const bump = (repo: string, tag: string, branch?: string) => ferryOk(['bump', '--repo', repo, ...(branch ? ['--branch', branch] : []), '--env', 'dev', '--app', 'user-service', '--image', image(tag), '--requested-by', 'alice']);
const head = (repo: string, ref = 'main') => execFileSync('git', ['-C', repo, 'rev-parse', ref]).toString().trim();

/**
 * A repository where branch `pr`, cut from main (at ferry init, or `based` after a bump of
 * user-service in dev to 2.0.0), bumps it to each of `tags`, and main then bumps it to 2.2.0.
 */
async function forked(tags: string[], based = false): Promise<string> {
  const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
  if (based) await bump(repo, '2.0.0');
  execFileSync('git', ['-C', repo, 'branch', 'pr', 'main']);
  for (const tag of tags) await bump(repo, tag, 'pr');
  await bump(repo, '2.2.0');
  return repo;
}

/**
 * pr merged into main in a clone (as a person merges a pull request: `--no-ff`, GitHub's message),
 * the manifest taken as `resolve` says where both sides changed it: main's side (`ours`), the
 * branch's (`theirs`), or `-s ours` (the branch's changes dropped whole); pushed. Returns the merge.
 */
function merge(repo: string, resolve: '-s ours' | 'ours' | 'theirs' | ((text: string) => string)): string {
  const work = execFileSync('mktemp', ['-d', join(root, 'work-XXXXXX')]).toString().trim();
  execFileSync('git', ['clone', '--quiet', repo, work]);
  const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Merger', '-c', 'user.email=merger@example.invalid', ...args], { stdio: ['ignore', 'pipe', 'pipe'] }).toString().trim();
  const message = 'Merge pull request #7 from acme/pr';
  if (resolve === '-s ours') git('merge', '--quiet', '--no-ff', '-s', 'ours', '-m', message, 'origin/pr');
  else {
    try {
      git('merge', '--quiet', '--no-ff', '-m', message, 'origin/pr');
      throw new Error('the merge was expected to conflict');
    } catch (error) {
      if (!String((error as Error).message).includes('CONFLICT') && !git('diff', '--name-only', '--diff-filter=U').includes(PATH)) throw error;
    }
    if (typeof resolve === 'string') git('checkout', `--${resolve}`, '--', PATH);
    else {
      git('checkout', '--ours', '--', PATH);
      writeFileSync(join(work, PATH), resolve(readFileSync(join(work, PATH), 'utf8')));
    }
    git('add', '--', PATH);
    git('commit', '--quiet', '--no-edit');
  }
  git('push', '--quiet', 'origin', 'HEAD:main');
  const id = git('rev-parse', 'HEAD');
  execFileSync('rm', ['-rf', work]);
  return id;
}

const digest = (tag: string) => image(tag).split('@')[1]!;

describe("a pull request's bump judged on its own branch", () => {
  test('a bump merged with -s ours after main pinned the app again: no violation (ferry history leaves it out too)', async () => {
    const repo = await forked(['2.1.0']);
    merge(repo, '-s ours');
    expect(readRemoteFile(repo, PATH)).toContain(digest('2.2.0'));
    const history = await ferryOk(['history', '--repo', repo, '--env', 'dev', '--app', 'user-service']);
    expect(history).not.toContain('2.1.0');
    const { code, rows } = await audit(repo);
    expect(rows).toEqual([]);
    expect(code).toBe(0);
    // The line pins on from main's pin, which the merge kept.
    await bump(repo, '2.3.0');
    expect((await audit(repo)).rows).toEqual([]);
  });

  test("two bumps on the branch, a conflict resolved to main's side: no violation", async () => {
    const repo = await forked(['2.1.0', '2.1.1'], true);
    merge(repo, 'ours');
    expect(readRemoteFile(repo, PATH)).toContain(digest('2.2.0'));
    const { code, rows } = await audit(repo);
    expect(rows).toEqual([]);
    expect(code).toBe(0);
  });

  test("a conflict resolved to the branch's side: the branch's bump pinned it, as it recorded (no violation); the line pins on from it", async () => {
    const repo = await forked(['2.1.0'], true);
    merge(repo, 'theirs');
    expect(readRemoteFile(repo, PATH)).toContain(digest('2.1.0'));
    expect((await audit(repo)).rows).toEqual([]);
    await bump(repo, '2.3.0');
    const { code, rows } = await audit(repo);
    expect(rows).toEqual([]);
    expect(code).toBe(0);
  });

  test('main merged into the branch (Update branch) before its bump, merged back: no violation', async () => {
    const repo = await forked([], true);
    const work = execFileSync('mktemp', ['-d', join(root, 'work-XXXXXX')]).toString().trim();
    execFileSync('git', ['clone', '--quiet', '--branch', 'pr', repo, work]);
    execFileSync('git', ['-C', work, '-c', 'user.name=Merger', '-c', 'user.email=merger@example.invalid', 'merge', '--quiet', '--no-ff', '-m', "Merge branch 'main' into pr", 'origin/main']);
    execFileSync('git', ['-C', work, 'push', '--quiet', 'origin', 'HEAD:pr']);
    execFileSync('rm', ['-rf', work]);
    await bump(repo, '2.3.0', 'pr');
    await bump(repo, '1.5.0'); // (another change on main: the merge is no fast-forward)
    merge(repo, 'theirs');
    expect(readRemoteFile(repo, PATH)).toContain(digest('2.3.0'));
    expect((await audit(repo)).rows).toEqual([]);
  });

  test('a branch cut from a docs pull request merged earlier (a commit audit never checks): judged from the pins it forked with', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    await bump(repo, '2.0.0');
    // A pull request that changes no guarded file, merged with a merge commit; the next branch is cut from its tip.
    const work = execFileSync('mktemp', ['-d', join(root, 'work-XXXXXX')]).toString().trim();
    const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Writer', '-c', 'user.email=writer@example.invalid', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    execFileSync('git', ['clone', '--quiet', repo, work]);
    git('checkout', '--quiet', '-b', 'docs');
    writeFileSync(join(work, 'NOTES.md'), 'notes\n');
    git('add', 'NOTES.md');
    git('commit', '--quiet', '-m', 'docs: notes');
    git('push', '--quiet', 'origin', 'docs');
    git('checkout', '--quiet', 'main');
    git('merge', '--quiet', '--no-ff', '-m', 'Merge pull request #6 from acme/docs', 'docs');
    git('push', '--quiet', 'origin', 'HEAD:main');
    execFileSync('rm', ['-rf', work]);
    execFileSync('git', ['-C', repo, 'branch', 'pr', 'docs']);
    await bump(repo, '2.1.0', 'pr');
    await bump(repo, '2.2.0');
    merge(repo, '-s ours');
    const { code, rows } = await audit(repo);
    expect(rows).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('what is still flagged', () => {
  test("a forged bump on the branch whose previous image is main's later pin, which its branch never had: flagged, whether the merge drops it or keeps it", async () => {
    for (const resolve of ['-s ours', 'theirs'] as const) {
      const repo = await forked([], true);
      // (Made by hand with Ferry's trailers, on pr, as the file there was: 2.0.0.)
      const work = execFileSync('mktemp', ['-d', join(root, 'work-XXXXXX')]).toString().trim();
      execFileSync('git', ['clone', '--quiet', '--branch', 'pr', repo, work]);
      const text = readFileSync(join(work, PATH), 'utf8').replace(/newTag: \S+/, 'newTag: 2.1.0').replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${digest('2.1.0')}`);
      execFileSync('rm', ['-rf', work]);
      const trailers = ['bump(dev): user-service 2.1.0', '', 'Ferry-Action: bump', 'Ferry-Env: dev', 'Ferry-App: user-service', `Ferry-Image: ${image('2.1.0')}`, `Ferry-Previous-Image: ${image('2.2.0')}`, 'Ferry-Requested-By: alice', ''].join('\n');
      const forged = await commitOn(repo, 'pr', text, trailers);
      merge(repo, resolve);
      const { code, rows, report } = await audit(repo);
      expect(rows, resolve).toEqual([[forged, 'trailers-disagree', 'dev', 'user-service']]);
      expect(report.violations[0]!.message).toContain('user-service:2.2.0@');
      expect(report.violations[0]!.message).toContain('user-service:2.0.0@');
      expect(code).toBe(1);
    }
  });

  test("an evil merge (the conflict resolved by hand to another digest): the merge's own change only", async () => {
    const repo = await forked(['2.1.0'], true);
    const evil = merge(repo, (text) => text.replace(/digest: sha256:[0-9a-f]{64}/, `digest: sha256:${'6'.repeat(64)}`));
    expect(evil).toBe(head(repo));
    const { code, rows } = await audit(repo);
    expect(rows).toEqual([[evil, 'unrecorded-change', 'dev', 'user-service']]);
    expect(code).toBe(1);
  });
});

/** A commit of `text` at PATH with `message` on `branch` of repo, made with plain git; returns it. */
async function commitOn(repo: string, branch: string, text: string, message: string): Promise<string> {
  // (commitByHand() pushes to the branch cloned: main. A branch of its own, pushed to `branch`.)
  execFileSync('git', ['-C', repo, 'symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
  try {
    const id = await commitByHand(repo, { [PATH]: text }, message);
    expect(head(repo, branch)).toBe(id);
    return id;
  } finally {
    execFileSync('git', ['-C', repo, 'symbolic-ref', 'HEAD', 'refs/heads/main']);
  }
}
