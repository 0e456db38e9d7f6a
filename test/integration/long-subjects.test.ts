// Commit subjects of the longest valid names and tags (63-character DNS labels, 128-character
// OCI tags): every command writes its commit, the subject shortened to 200 characters ('…' where a
// tag or name is cut), the trailers whole. A valid input is never refused for its subject's length.
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REGISTRY, digestOf, overlay } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-long-subjects-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const FIRST = `first-${'e'.repeat(56)}v`; // 63 characters, the longest DNS label
const NEXT = `next-${'e'.repeat(57)}v`;
const APP = `payments-reconciliation-${'s'.repeat(38)}w`;
const TAG1 = `main-${'a'.repeat(118)}-b.1`; // 128 characters, the longest tag
const TAG2 = `main-${'a'.repeat(118)}-b.2`;
const image = (tag: string) => `${REGISTRY}/${APP}:${tag}@${digestOf(tag)}`;

/** A bare repository of two environments and one app, every name the longest a DNS label may be. */
async function longNamesRepo(envs = [FIRST, NEXT], app = APP): Promise<string> {
  const dir = join(root, `env-${++counter}.git`);
  const work = join(root, `work-${counter}`);
  const files: Record<string, string> = {
    'ferry.yaml': [`registry: ${REGISTRY}`, 'environments:', `  - name: ${envs[0]}`, `  - name: ${envs[1]}`, `    promoteFrom: ${envs[0]}`, 'apps:',
      `  - name: ${app}`, `    image: ${app}`, '    manifest: "{env}/{app}/kustomization.yaml"', ''].join('\n'),
  };
  for (const env of envs) files[`${env}/${app}/kustomization.yaml`] = overlay(app, env, '1.0.0', digestOf('1.0.0'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(work, path)), { recursive: true });
    await writeFile(join(work, path), text);
  }
  const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=T', '-c', 'user.email=t@example.invalid', ...args]);
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', dir]);
  execFileSync('git', ['init', '--quiet', '--initial-branch=main', work]);
  git('add', '.');
  git('commit', '--quiet', '-m', 'init: long names');
  git('push', '--quiet', dir, 'main');
  return dir;
}

/** The subject and the Ferry-Image trailer of the branch head. */
function head(dir: string): { subject: string; image: string } {
  const [subject, trailers] = execFileSync('git', ['-C', dir, 'log', '-1', '--format=%s%x00%(trailers:only,unfold)', 'main']).toString().split('\0') as [string, string];
  return { subject, image: /^Ferry-Image: (.*)$/m.exec(trailers)?.[1] ?? '' };
}

async function ok(args: string[]): Promise<void> {
  const r = await ferry(args);
  expect(r.code, r.stderr).toBe(0);
}

describe('the longest valid names and tags: a shortened subject, the trailers whole', () => {
  test('bump, promote, rollback, block and unblock each write their commit', async () => {
    const dir = await longNamesRepo();
    const steps: [string[], string, RegExp][] = [
      [['bump', '--env', FIRST, '--app', APP, '--image', image(TAG1)], image(TAG1), /^bump\(first-e+…e+v\): payments-.+ main-a+…a+-b\.1 \(sha256:[0-9a-f]{12}\)$/],
      [['bump', '--env', FIRST, '--app', APP, '--image', image(TAG2)], image(TAG2), /^bump\(.+\): .+ main-a+…a+-b\.2 \(sha256:[0-9a-f]{12}\)$/],
      [['promote', '--from', FIRST, '--to', NEXT, '--app', APP], image(TAG2), /^promote\(next-e+…e+v\): .+ main-a+…a+-b\.2 \(sha256:[0-9a-f]{12}\) from first-e+…e+v$/],
      [['rollback', '--env', FIRST, '--app', APP], image(TAG1), /^rollback\(.+\): .+ main-a+…a+-b\.1 \(sha256:[0-9a-f]{12}\) from main-a+…a+-b\.2 \(sha256:[0-9a-f]{12}\)$/],
      [['block', '--app', APP, '--image', image(TAG2), '--reason', 'crashloop'], image(TAG2), /^block\(payments-reconciliation-s+w\): main-a+…a+-b\.2 \(sha256:[0-9a-f]{12}\)$/],
      [['unblock', '--app', APP, '--image', image(TAG2), '--reason', 'fixed upstream'], image(TAG2), /^unblock\(payments-reconciliation-s+w\): main-a+…a+-b\.2 \(sha256:[0-9a-f]{12}\)$/],
    ];
    for (const [args, written, subject] of steps) {
      await ok([...args, '--repo', dir]);
      const commit = head(dir);
      expect(commit.subject.length, commit.subject).toBeLessThanOrEqual(200);
      expect(commit.subject).toMatch(subject);
      expect(commit.image).toBe(written);
    }
  });

  test('rollback --dry-run --json between two long tags of an app with a short name (as a CI tags a build)', async () => {
    const t1 = 'main-20261125T101500Z-3f9c2e1a7b4d5c6e8f0a1b2c3d4e5f60718293a4-build.1234';
    const t2 = 'main-20261125T101500Z-4f9c2e1a7b4d5c6e8f0a1b2c3d4e5f60718293a4-build.1235';
    const dir = await longNamesRepo(['dev', 'staging'], 'user-service');
    const ref = (tag: string) => `${REGISTRY}/user-service:${tag}@${digestOf(tag)}`;
    await ok(['bump', '--repo', dir, '--env', 'dev', '--app', 'user-service', '--image', ref(t1)]);
    await ok(['bump', '--repo', dir, '--env', 'dev', '--app', 'user-service', '--image', ref(t2)]);
    const dry = await ferry(['rollback', '--repo', dir, '--env', 'dev', '--app', 'user-service', '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ image: ref(t1), previousImage: ref(t2) });
    await ok(['rollback', '--repo', dir, '--env', 'dev', '--app', 'user-service']);
    const commit = head(dir);
    expect(commit.subject).toBe(`rollback(dev): user-service main-20261125T101500Z-3f9c2e1a…b2c3d4e5f60718293a4-build.1234 (${digestOf(t1).slice(0, 19)}) from main-20261125T101500Z-4f9c2e1a…b2c3d4e5f60718293a4-build.1235 (${digestOf(t2).slice(0, 19)})`);
    expect(commit.image).toBe(ref(t1));
  });
});
