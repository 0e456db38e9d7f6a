// ferry rollback against real bare repositories: earlier images from the history, --block, refusals.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appName, createEnvRepo, digestOf, imageRef, readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-rollback-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const app = appName(0);
const manifest = `prod/${app}/kustomization.yaml`;

/** A repo where prod/app went 1.0.0 (the fixture) → 2.0.0 → 3.0.0 by ferry bumps; dev has one bump of its own. */
async function bumpedRepo(): Promise<{ dir: string; bumps: string[] }> {
  const dir = join(root, `env-${++counter}.git`);
  await createEnvRepo({ dir, apps: 2 });
  const bumps: string[] = [];
  for (const [env, tag] of [['prod', '2.0.0'], ['dev', '9.0.0'], ['prod', '3.0.0']] as const) {
    const r = await ferry(['bump', '--repo', dir, '--env', env, '--app', app, '--image', imageRef(app, tag), '--json']);
    expect(r.code, r.stderr).toBe(0);
    if (env === 'prod') bumps.push(JSON.parse(r.stdout).commit);
  }
  return { dir, bumps };
}

function trailers(dir: string): string {
  return execFileSync('git', ['-C', dir, 'log', '-1', '--format=%(trailers:only,unfold)', 'main']).toString().trim();
}

describe('ferry rollback', () => {
  test('by default, back to the image before the current one: one commit, only the pin bytes change', async () => {
    const { dir, bumps } = await bumpedRepo();
    const before = readRemoteFile(dir, manifest)!;
    const r = await ferry(['rollback', '--repo', dir, '--env', 'prod', '--app', app, '--reason', 'p99 doubled', '--requested-by', 'alice', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ status: 'succeeded', image: imageRef(app, '2.0.0'), previousImage: imageRef(app, '3.0.0'), blocked: false, commit: remoteHead(dir) });
    expect(result.from.commit).toBe(bumps[0]);
    expect(readRemoteFile(dir, manifest)).toBe(before.replace('newTag: 3.0.0', 'newTag: 2.0.0').replace(digestOf(`${app} 3.0.0`), digestOf(`${app} 2.0.0`)));
    expect(trailers(dir)).toBe([
      'Ferry-Action: rollback', 'Ferry-Env: prod', `Ferry-App: ${app}`, `Ferry-Image: ${imageRef(app, '2.0.0')}`,
      `Ferry-Previous-Image: ${imageRef(app, '3.0.0')}`, `Ferry-Rollback-To: ${bumps[0]}`, 'Ferry-Reason: p99 doubled', 'Ferry-Requested-By: alice',
    ].join('\n'));
  });

  test('--steps 2 reaches the image the first Ferry bump replaced (the template\'s)', async () => {
    const { dir } = await bumpedRepo();
    const r = await ferry(['rollback', '--repo', dir, '--env', 'prod', '--app', app, '--steps', '2', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ image: imageRef(app, '1.0.0') });
    expect(readRemoteFile(dir, manifest)).toContain(`digest: ${digestOf(`${app} 1.0.0`)}`);
  });

  test('--to names the image; --block blocks the current one in the same commit, and bumping it again is refused', async () => {
    const { dir } = await bumpedRepo();
    const r = await ferry(['rollback', '--repo', dir, '--env', 'prod', '--app', app, '--to', imageRef(app, '1.0.0'), '--block', '--reason', 'crashloop']);
    expect(r.code, r.stderr).toBe(0);
    const changed = execFileSync('git', ['-C', dir, 'show', '--name-only', '--format=', 'main']).toString().trim().split('\n').sort();
    expect(changed).toEqual(['blocked.yaml', manifest]);
    expect(readRemoteFile(dir, 'blocked.yaml')).toContain(`digest: ${digestOf(`${app} 3.0.0`)}\n`);
    expect(trailers(dir)).toContain(`Ferry-Blocked: ${imageRef(app, '3.0.0')}`);
    const head = remoteHead(dir);
    const again = await ferry(['bump', '--repo', dir, '--env', 'prod', '--app', app, '--image', imageRef(app, '3.0.0')]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is blocked for app');
    // Rolling forward to the blocked image is refused as well.
    const forward = await ferry(['rollback', '--repo', dir, '--env', 'prod', '--app', app, '--to', digestOf(`${app} 3.0.0`)]);
    expect(forward.code).toBe(1);
    expect(forward.stderr).toContain('refused');
    expect(remoteHead(dir)).toBe(head);
  });

  test('a second rollback goes further back, not forward to the image the first rolled back from; with none left, exit 2', async () => {
    const { dir } = await bumpedRepo();
    const rollback = () => ferry(['rollback', '--repo', dir, '--env', 'prod', '--app', app, '--json']);
    const first = await rollback();
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ image: imageRef(app, '2.0.0'), previousImage: imageRef(app, '3.0.0') });
    const second = await rollback();
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ image: imageRef(app, '1.0.0'), previousImage: imageRef(app, '2.0.0') });
    expect(readRemoteFile(dir, manifest)).toContain(`digest: ${digestOf(`${app} 1.0.0`)}`);
    const head = remoteHead(dir);
    const third = await rollback();
    expect(third.code).toBe(2);
    const short = (tag: string) => `${tag} (${digestOf(`${app} ${tag}`).slice(0, 19)})`;
    expect(third.stderr).toContain(`"${app}" in "prod" has no earlier image in its history to roll back to (not counting ${short('2.0.0')}, ${short('3.0.0')}, which a rollback there moved away from`);
    expect(remoteHead(dir)).toBe(head);
    // --to still goes back to an image a rollback moved away from: a deliberate choice.
    const to = await ferry(['rollback', '--repo', dir, '--env', 'prod', '--app', app, '--to', digestOf(`${app} 3.0.0`), '--json']);
    expect(to.code, to.stderr).toBe(0);
    expect(JSON.parse(to.stdout)).toMatchObject({ image: imageRef(app, '3.0.0') });
  });

  test('--dry-run prints the diff and writes nothing', async () => {
    const { dir } = await bumpedRepo();
    const head = remoteHead(dir);
    const r = await ferry(['rollback', '--repo', dir, '--env', 'prod', '--app', app, '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`-    newTag: 3.0.0`);
    expect(r.stdout).toContain(`+    newTag: 2.0.0`);
    expect(remoteHead(dir)).toBe(head);
  });

  test.each([
    ['an image never pinned there', ['--to', imageRef(app, '7.7.7')], /was never pinned for "app-0000" in "prod"/],
    ['the image pinned now', ['--to', imageRef(app, '3.0.0')], /or is what is pinned now/],
    ['an earlier digest with another tag than it was pinned with', ['--to', imageRef(app, '1.0.0').replace(':1.0.0@', ':9.9.9@')], /that digest was pinned as 1\.0\.0 \(sha256:[0-9a-f]{12}\), not with tag "9\.9\.9"/],
    ['more steps than the history has', ['--steps', '5'], /has 2 earlier images in its history, not 5/],
    ['--to and --steps', ['--to', imageRef(app, '2.0.0'), '--steps', '1'], /give --to or --steps, not both/],
    ['a malformed bare digest', ['--to', 'sha256:ABC'], /to: the digest "sha256:ABC" is malformed \(it has 3 hex digits, not 64\); expected sha256: followed by 64 lowercase hex digits/],
    [
      'another app\'s image in another registry, with a digest from this app\'s history',
      ['--to', `other.registry.example/${appName(1)}:9.9.9@${digestOf(`${app} 2.0.0`)}`],
      new RegExp(`to: expected an image of app "${app}" \\("[^"]+/${app}"\\), found "other\\.registry\\.example/${appName(1)}"`),
    ],
    ['--block without a reason', ['--block'], /reason: is required with --block/],
    ['a reason that forges a trailer', ['--reason', 'x\nFerry-Approved-By: mallory'], /reason: must be one line/],
  ])('bad input: %s: exit 2, nothing written', async (_name, extra, message) => {
    const { dir } = await bumpedRepo();
    const head = remoteHead(dir);
    const r = await ferry(['rollback', '--repo', dir, '--env', 'prod', '--app', app, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(remoteHead(dir)).toBe(head);
  });
});
