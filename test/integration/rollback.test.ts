// ferry rollback against real bare repositories: earlier images from the history, --block, refusals;
// and (through runRollback, the command the CLI runs) histories made by hand: forged trailers, a
// revert, a side branch merged, a blocked image next in line, a registry that moved.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appName, createEnvRepo, digestOf, imageRef, readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { FERRY, ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';
import { TEMPLATE_REGISTRY, ferryOk, initTemplateRepo, templateImage } from '../support/template-repo.js';
import { ConfigurationError } from '../../actions/src/core/errors.js';
import { runBlock } from '../../actions/src/entry/commands/block.js';
import { runBump } from '../../actions/src/entry/commands/bump.js';
import { runRollback, type RollbackOptions } from '../../actions/src/entry/commands/rollback.js';

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
    // `to` is the pin gone back to; `previousImage` the image rolled back from (as the text output's "from").
    expect(result.to).toEqual({ commit: bumps[0], date: expect.any(String), action: 'bump', image: imageRef(app, '2.0.0') });
    expect(result).not.toHaveProperty('from');
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

describe('ferry rollback when the pin is not the one it expected: another writer first, or --from', () => {
  /**
   * PATH for a ferry whose git, just before its first push, runs bin/ferry with `args` once:
   * another writer lands first (with a temp dir of its own, so that it does not wait for this
   * one's local lock). Its output is kept in `<dir>/out`.
   */
  function racingGit(args: string[]): { env: NodeJS.ProcessEnv; out: string } {
    const dir = join(root, `shim-${++counter}`);
    execFileSync('mkdir', [dir]);
    const real = execFileSync('sh', ['-c', 'command -v git']).toString().trim();
    writeFileSync(join(dir, 'args'), `${args.join('\n')}\n`);
    writeFileSync(join(dir, 'git'), [
      '#!/bin/bash',
      `if [[ " $* " == *" push "* ]] && mkdir "${dir}/ran" 2>/dev/null; then`,
      `  mapfile -t args < "${dir}/args"`,
      `  PATH="$REAL_PATH" TMPDIR="${dir}" "${FERRY}" "\${args[@]}" > "${dir}/out" 2>&1 || exit 99`,
      'fi',
      `exec "${real}" "$@"`,
      '',
    ].join('\n'), { mode: 0o755 });
    return { env: { PATH: `${dir}:${process.env.PATH}`, REAL_PATH: process.env.PATH }, out: join(dir, 'out') };
  }
  const short = (tag: string) => `${tag} (${digestOf(`${app} ${tag}`).slice(0, 19)})`;
  const rollback = ['rollback', '--env', 'prod', '--app', app, '--block', '--reason', '500s'];

  test('two on-call engineers roll back with --block at once: the second writes nothing, says the first did the same rollback, and that a re-run would roll back from the known-good image', async () => {
    const { dir } = await bumpedRepo();
    const { env, out } = racingGit([...rollback, '--repo', dir, '--requested-by', 'bob']);
    const r = await ferry([...rollback, '--repo', dir, '--requested-by', 'alice'], { env });
    expect(readFileSync(out, 'utf8')).toContain(`rolled back ${app} in prod`);
    expect(r.code, r.stderr).toBe(1);
    expect(trailers(dir)).toContain('Ferry-Requested-By: bob');
    const bob = remoteHead(dir).slice(0, 12);
    expect(r.stderr).toContain([
      `ferry rollback: ${app} in prod was pinned to ${short('2.0.0')} by another writer while this rollback from ${short('3.0.0')} to ${short('2.0.0')} was being written; nothing written.`,
      `${short('2.0.0')} was pinned by commit ${bob} at `,
    ].join('\n'));
    expect(r.stderr).toContain(` (ferry rollback requested by "bob", reason "500s", blocking ${short('3.0.0')}); it was itself the same rollback, from ${short('3.0.0')} to ${short('2.0.0')}: what this one was to do is done.\n`
      + `Run again as it was, ferry rollback would now roll back from ${short('2.0.0')} to ${short('1.0.0')} and block ${short('2.0.0')} (passing over ${short('3.0.0')}).\n`
      + `Look first: ferry status, and ferry history --env prod --app ${app}. To go to a chosen image, give --to <image>; --from ${digestOf(`${app} 2.0.0`)} makes a rollback refuse unless ${short('2.0.0')} is still the one pinned.\n`);
    expect(r.stderr).not.toMatch(/run ferry rollback again/i);
    // Nothing of alice's: bob's rollback stands, 2.0.0 (the known-good image) is not blocked.
    expect(readRemoteFile(dir, manifest)).toContain(`digest: ${digestOf(`${app} 2.0.0`)}`);
    expect(readRemoteFile(dir, 'blocked.yaml')).not.toContain(digestOf(`${app} 2.0.0`));
  });

  test('a pipeline bumps the fix during the rollback: refused (--json: refused), saying a re-run would block the fix and pin the bad release again', async () => {
    const { dir } = await bumpedRepo();
    const { env } = racingGit(['bump', '--repo', dir, '--env', 'prod', '--app', app, '--image', imageRef(app, '4.0.0'), '--requested-by', 'ci-pipeline']);
    const r = await ferry([...rollback, '--repo', dir, '--requested-by', 'alice', '--json'], { env });
    expect(r.code, r.stderr).toBe(1);
    const { error } = JSON.parse(r.stdout);
    expect(error.kind).toBe('refused');
    expect(error.message).toContain(`${short('4.0.0')} was pinned by commit ${remoteHead(dir).slice(0, 12)} at `);
    expect(error.message).toContain(' (ferry bump requested by "ci-pipeline").\n');
    expect(error.message).toContain(`Run again as it was, ferry rollback would now roll back from ${short('4.0.0')} to ${short('3.0.0')} (the very image this rollback was rolling back from) and block ${short('4.0.0')}.\n`);
    expect(error.message).toContain(`${short('3.0.0')} is not blocked: ferry block blocks it without a rollback.\n`);
    expect(readRemoteFile(dir, manifest)).toContain(`digest: ${digestOf(`${app} 4.0.0`)}`);
    expect(readRemoteFile(dir, 'blocked.yaml')).toBeUndefined();
  });

  test('--from: rolls back from that pin only; a re-run of a rollback that went through is refused (exit 1), nothing written', async () => {
    const { dir } = await bumpedRepo();
    const args = ['rollback', '--repo', dir, '--env', 'prod', '--app', app, '--from', digestOf(`${app} 3.0.0`), '--reason', 'p99', '--requested-by', 'alice'];
    const first = await ferry(args);
    expect(first.code, first.stderr).toBe(0);
    const head = remoteHead(dir);
    for (const extra of [[], ['--dry-run']]) {
      const again = await ferry([...args, ...extra]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(`ferry rollback: ${app} in prod pins ${short('2.0.0')}, not ${short('3.0.0')} as --from says; nothing written.\n${short('2.0.0')} was pinned by commit ${head.slice(0, 12)} at `);
      expect(again.stderr).toContain(` (ferry rollback requested by "alice", reason "p99"); it was itself a rollback from ${short('3.0.0')}, the image --from names: that rollback has been made.\n`
        + `Run without --from, ferry rollback would now roll back from ${short('2.0.0')} to ${short('1.0.0')} (passing over ${short('3.0.0')}).\n`);
    }
    expect(remoteHead(dir)).toBe(head);
    // The image reference works as its digest does; another app's is bad input.
    const byRef = await ferry(['rollback', '--repo', dir, '--env', 'prod', '--app', app, '--from', imageRef(app, '2.0.0'), '--dry-run', '--json']);
    expect(byRef.code, byRef.stderr).toBe(0);
    expect(JSON.parse(byRef.stdout)).toMatchObject({ status: 'planned', previousImage: imageRef(app, '2.0.0'), image: imageRef(app, '1.0.0') });
    const other = await ferry(['rollback', '--repo', dir, '--env', 'prod', '--app', app, '--from', imageRef(appName(1), '2.0.0')]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(`ferry rollback: error: from: expected an image of app "${app}"`);
  });

  test('a rollback without --block warns when the environment promoted from still pins the image (the next promotion brings it back); with --block it does not', async () => {
    const dir = join(root, `env-${++counter}.git`);
    await createEnvRepo({ dir, apps: 1 });
    for (const tag of ['2.0.0', '3.0.0']) {
      for (const env of ['dev', 'stage']) expect((await ferry(['bump', '--repo', dir, '--env', env, '--app', app, '--image', imageRef(app, tag)])).code).toBe(0);
    }
    const stage = ['rollback', '--repo', dir, '--env', 'stage', '--app', app];
    const warning = `dev still pins ${short('3.0.0')}, the image rolled back from: the next ferry promote from dev to stage (a scheduled auto-promote too) brings it back; --block blocks it (blocked.yaml) so that no promotion or bump pins it again until ferry unblock`;
    const planned = await ferry([...stage, '--dry-run', '--json']);
    expect(planned.code, planned.stderr).toBe(0);
    expect(JSON.parse(planned.stdout).warning).toBe(warning);
    expect(planned.stderr).toContain(`ferry rollback: warning: ${warning}\n`);
    const blocked = await ferry([...stage, '--block', '--reason', 'p99', '--dry-run', '--json']);
    expect(JSON.parse(blocked.stdout)).not.toHaveProperty('warning');
    expect(blocked.stderr).not.toContain('warning');
    const r = await ferry(stage);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`ferry rollback: warning: ${warning}\n`);
    expect(r.stdout).toContain('rolled back');
    // What it warns of: the promotion from dev pins 3.0.0 in stage again.
    const promote = await ferry(['promote', '--repo', dir, '--from', 'dev', '--to', 'stage', '--all', '--dry-run', '--json']);
    expect(JSON.parse(promote.stdout).promotions).toMatchObject([{ app, image: imageRef(app, '3.0.0') }]);
  });

  test('--block says where the image rolled back from is still pinned (helper-185): the other environments, text and --json, the dry run too', async () => {
    for (const json of [true, false]) {
      const { dir } = await bumpedRepo();
      // 3.0.0 in stage too, and in dev (not the environment prod is promoted from: every other one is told).
      for (const env of ['stage', 'dev']) expect((await ferry(['bump', '--repo', dir, '--env', env, '--app', app, '--image', imageRef(app, '3.0.0')])).code).toBe(0);
      const args = ['rollback', '--repo', dir, '--env', 'prod', '--app', app, '--block', '--reason', 'INC-77', '--requested-by', 'oncall', ...(json ? ['--json'] : [])];
      const dry = await ferry([...args, '--dry-run']);
      const r = await ferry(args);
      expect(r.code, r.stderr).toBe(0);
      const still = [{ env: 'dev', manifest: `dev/${app}/kustomization.yaml` }, { env: 'stage', manifest: `stage/${app}/kustomization.yaml` }];
      const line = `            still pinned in dev, stage: a block refuses new pins, it takes none out; ferry rollback --env <env> --app ${app} in each\n`;
      if (json) {
        expect(JSON.parse(dry.stdout)).toMatchObject({ status: 'planned', blocked: true, stillPinned: still });
        expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', blocked: true, stillPinned: still });
      } else {
        expect(dry.stdout).toContain(`  from      ${imageRef(app, '3.0.0')} (would be blocked)\n${line}`);
        expect(r.stdout).toContain(`  from      ${imageRef(app, '3.0.0')} (now blocked)\n${line}`);
      }
    }
    // Without --block: nothing is blocked, no stillPinned (the warning tells of the environment promoted from).
    const { dir } = await bumpedRepo();
    const plain = await ferry(['rollback', '--repo', dir, '--env', 'prod', '--app', app, '--json']);
    expect(JSON.parse(plain.stdout)).not.toHaveProperty('stillPinned');
  });

  test('--block names the manifests that do not read, not only where it is still pinned (helper-193), text and --json', async () => {
    for (const json of [true, false]) {
      const { dir } = await bumpedRepo();
      expect((await ferry(['bump', '--repo', dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '3.0.0')])).code).toBe(0);
      const stage = `stage/${app}/kustomization.yaml`;
      await commitByHand(dir, { [stage]: 'images: [unclosed\n' }, 'break stage by hand');
      const r = await ferry(['rollback', '--repo', dir, '--env', 'prod', '--app', app, '--block', '--reason', 'INC-77', '--requested-by', 'oncall', ...(json ? ['--json'] : [])]);
      expect(r.code, r.stderr).toBe(0);
      if (json) {
        expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', blocked: true, stillPinned: [{ env: 'dev', manifest: `dev/${app}/kustomization.yaml` }], unreadable: [{ env: 'stage', manifest: stage }] });
      } else {
        expect(r.stdout).toContain(`  from      ${imageRef(app, '3.0.0')} (now blocked)\n`
          + `            still pinned in dev: a block refuses new pins, it takes none out; ferry rollback --env <env> --app ${app} in each\n`
          + `            could not read ${stage} (whether it pins the digest is not known): check it with ferry validate\n`);
      }
    }
  });

  test('--dry-run --block: the diff shows the blocked.yaml change the real run writes, and "would be blocked"', async () => {
    const { dir } = await bumpedRepo();
    const head = remoteHead(dir);
    const r = await ferry(['rollback', '--repo', dir, '--env', 'prod', '--app', app, '--block', '--reason', 'crash loop', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`+++ b/${manifest}\n`);
    expect(r.stdout).toContain(`+++ b/blocked.yaml\n`);
    expect(r.stdout).toContain(`+    digest: ${digestOf(`${app} 3.0.0`)}\n+    image: ${imageRef(app, '3.0.0')}\n+    reason: crash loop\n`);
    expect(r.stdout).toContain(`  from      ${imageRef(app, '3.0.0')} (would be blocked)\n`);
    expect(remoteHead(dir)).toBe(head);
  });

  test('the image to go back to is blocked by another writer while the rollback is written: refused (exit 1), nothing written, saying what --steps would do now', async () => {
    const { dir } = await bumpedRepo();
    const { env } = racingGit(['block', '--repo', dir, '--app', app, '--image', imageRef(app, '2.0.0'), '--reason', 'CVE-2026-1', '--requested-by', 'security']);
    const r = await ferry(['rollback', '--repo', dir, '--env', 'prod', '--app', app, '--steps', '1', '--reason', 'p99', '--requested-by', 'alice', '--json'], { env });
    expect(r.code, r.stderr).toBe(1);
    expect(readRemoteFile(dir, 'blocked.yaml')).toContain(digestOf(`${app} 2.0.0`)); // (the other writer landed)
    const { error } = JSON.parse(r.stdout);
    expect(error.kind).toBe('refused');
    expect(error.message).toMatch(new RegExp(`^${app} in prod: ${short('2.0.0').replace(/[()]/g, '\\$&')}, the image this rollback from ${short('3.0.0').replace(/[()]/g, '\\$&')} was going back to, is blocked now for app "${app}" \\(since \\S+ by security\\): CVE-2026-1; nothing written\\.\n`));
    expect(error.message).toContain(`\nRun again as it was (--steps 1), ferry rollback would now roll back from ${short('3.0.0')} to ${short('1.0.0')} (passing over ${short('2.0.0')}).\n`
      + `Look first: ferry status, and ferry history --env prod --app ${app}. To go to a chosen image, give --to <image>; --from ${digestOf(`${app} 3.0.0`)} makes a rollback refuse unless ${short('3.0.0')} is still the one pinned.`);
    expect(readRemoteFile(dir, manifest)).toContain(`digest: ${digestOf(`${app} 3.0.0`)}`);
  });

  test('an image between is blocked by another writer while the rollback is written: the image planned is still gone back to (--steps counts to another now)', async () => {
    const { dir } = await bumpedRepo();
    expect((await ferry(['bump', '--repo', dir, '--env', 'prod', '--app', app, '--image', imageRef(app, '4.0.0')])).code).toBe(0);
    const dry = await ferry(['rollback', '--repo', dir, '--env', 'prod', '--app', app, '--steps', '2', '--dry-run', '--json']);
    expect(JSON.parse(dry.stdout)).toMatchObject({ status: 'planned', image: imageRef(app, '2.0.0') });
    const { env } = racingGit(['block', '--repo', dir, '--app', app, '--image', imageRef(app, '3.0.0'), '--reason', 'unrelated', '--requested-by', 'security']);
    const r = await ferry(['rollback', '--repo', dir, '--env', 'prod', '--app', app, '--steps', '2', '--reason', 'p99', '--requested-by', 'alice', '--json'], { env });
    expect(r.code, r.stdout).toBe(0);
    expect(readRemoteFile(dir, 'blocked.yaml')).toContain(digestOf(`${app} 3.0.0`)); // (the other writer landed)
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', image: imageRef(app, '2.0.0'), previousImage: imageRef(app, '4.0.0') });
    expect(readRemoteFile(dir, manifest)).toContain(`digest: ${digestOf(`${app} 2.0.0`)}`);
  });

  test('--block of an image another writer blocked first: rolled back, and said to be blocked already, by whom, when and why (text and --json)', async () => {
    for (const json of [true, false]) {
      const { dir } = await bumpedRepo();
      const { env } = racingGit(['block', '--repo', dir, '--app', app, '--image', imageRef(app, '3.0.0'), '--reason', 'crash loop', '--requested-by', 'bob']);
      const r = await ferry([...rollback, '--repo', dir, '--requested-by', 'alice', ...(json ? ['--json'] : [])], { env });
      expect(r.code, r.stderr).toBe(0);
      expect(readRemoteFile(dir, manifest)).toContain(`digest: ${digestOf(`${app} 2.0.0`)}`);
      expect(trailers(dir)).not.toContain('Ferry-Blocked');
      if (json) {
        expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', blocked: false, alreadyBlocked: { app, reason: 'crash loop', by: 'bob', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } });
      } else {
        expect(r.stdout).toMatch(new RegExp(`\n {2}from {6}${imageRef(app, '3.0.0')}\n {12}\\(already blocked for app "${app}" by bob at \\d{4}-\\d\\d-\\d\\dT\\S+: crash loop; this rollback adds no block\\)\n`));
      }
    }
  });
});

describe('ferry rollback on histories made by hand (runRollback)', () => {
  const NEW_REGISTRY = '210987654321.dkr.ecr.eu-west-1.amazonaws.com';
  const EVIL = `evil.example.org/miner:latest@${digestOf('miner')}`;

  /** git as a person runs it, in a work tree (or on the bare repository). */
  function git(cwd: string, ...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=Hand', '-c', 'user.email=hand@example.invalid', '-C', cwd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }).toString().trim();
  }

  async function bump(dir: string, tag: string, options: { branch?: string; image?: string } = {}): Promise<string> {
    const out = await runBump({ repo: dir, branch: options.branch ?? 'main', env: 'prod', app, image: options.image ?? imageRef(app, tag), dryRun: false });
    expect(out.status).toBe('succeeded');
    return out.commit;
  }

  /** prod/app went 1.0.0 (the fixture) → 2.0.0 → 3.0.0 by bumps; `work` is a clone to make commits by hand in. */
  async function handRepo(): Promise<{ dir: string; work: string }> {
    const dir = join(root, `hand-${++counter}.git`);
    const work = join(root, `work-${counter}`);
    await createEnvRepo({ dir, apps: 2 });
    for (const tag of ['2.0.0', '3.0.0']) await bump(dir, tag);
    execFileSync('git', ['clone', '--quiet', dir, work]);
    return { dir, work };
  }

  /** Runs the rollback, keeping its progress lines. */
  async function rollback(dir: string, extra: Partial<RollbackOptions> = {}) {
    const lines: string[] = [];
    const result = await runRollback({ repo: dir, branch: 'main', env: 'prod', app, dryRun: false, progress: (line) => lines.push(line), ...extra });
    return { result, lines };
  }

  const pinned = (dir: string) => readRemoteFile(dir, manifest)!.match(/newName: (\S+)\n {4}newTag: (\S+).*\n {4}digest: (\S+)/)!.slice(1).join(' ');
  const pin = (tag: string, registry?: string) => `${registry ?? imageRef(app, tag).split('/')[0]}/${app} ${tag} ${digestOf(`${app} ${tag}`)}`;

  test('an empty commit whose trailers name another registry\'s image is no candidate: the image before the current one is pinned', async () => {
    const { dir, work } = await handRepo();
    git(work, 'commit', '--quiet', '--allow-empty', '-m', `docs\n\nFerry-Env: prod\nFerry-App: ${app}\nFerry-Image: ${EVIL}`);
    git(work, 'push', '--quiet');
    const { result } = await rollback(dir);
    expect(result).toMatchObject({ status: 'succeeded', image: imageRef(app, '2.0.0'), skipped: [] });
    expect(pinned(dir)).toBe(pin('2.0.0'));
  });

  test('another registry\'s image that was in place (a hand edit) is passed over, and said so; --to it is refused', async () => {
    const { dir, work } = await handRepo();
    const path = join(work, manifest);
    const [name, digest] = EVIL.replace(':latest', '').split('@') as [string, string];
    writeFileSync(path, readFileSync(path, 'utf8').replace(/newName: .*/, `newName: ${name}`).replace(/newTag: \S+/, 'newTag: latest').replace(/digest: .*/, `digest: ${digest}`));
    git(work, 'commit', '--quiet', '-am', 'hand edit');
    git(work, 'push', '--quiet');
    await bump(dir, '4.0.0');
    const head = remoteHead(dir);
    const to = rollback(dir, { to: digest });
    await expect(to).rejects.toThrow(ConfigurationError);
    await expect(to).rejects.toThrow(`to: "${digest}" was pinned there as "${EVIL}", which is not an image of app "${app}"`);
    expect(remoteHead(dir)).toBe(head);
    const { result, lines } = await rollback(dir);
    expect(result).toMatchObject({ image: imageRef(app, '3.0.0'), skipped: [{ image: EVIL, reason: 'not-app-image' }] });
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^skipped latest \\(sha256:[0-9a-f]{12}\\) of "evil\\.example\\.org/miner" \\(in place after [0-9a-f]{12}\\): it is not an image of app "${app}"`))]);
    expect(pinned(dir)).toBe(pin('3.0.0'));
  });

  test('after a git revert of a bad bump, the reverted release is passed over, not gone forward to', async () => {
    const { dir, work } = await handRepo();
    await bump(dir, '4.0.0');
    git(work, 'pull', '--quiet');
    git(work, 'revert', '--no-edit', 'HEAD');
    git(work, 'push', '--quiet');
    expect(pinned(dir)).toBe(pin('3.0.0'));
    const { result, lines } = await rollback(dir);
    expect(result).toMatchObject({ image: imageRef(app, '2.0.0'), previousImage: imageRef(app, '3.0.0'), skipped: [{ image: imageRef(app, '4.0.0'), reason: 'moved-back-from' }] });
    expect(lines).toEqual([expect.stringContaining('a change there moved away from it, back to an earlier image')]);
    expect(pinned(dir)).toBe(pin('2.0.0'));
  });

  test.each([
    ['merged with -s ours (nothing of it in place)', ['-s', 'ours'], '2.0.0'],
    ['merged as it was (its last pin in place from the merge on; the one before it never was)', [], '3.0.0'],
  ])('pins on a side branch %s: only what was in place on main is gone back to', async (_title, strategy, expected) => {
    const { dir, work } = await handRepo();
    git(dir, 'branch', 'exp', 'main');
    await bump(dir, '8.0.0', { branch: 'exp' });
    await bump(dir, '9.0.0', { branch: 'exp' });
    git(work, 'fetch', '--quiet');
    git(work, 'merge', '--quiet', '--no-ff', '--no-edit', ...strategy, 'origin/exp');
    git(work, 'push', '--quiet', 'origin', 'main');
    const { result } = await rollback(dir);
    expect(result.image).toBe(imageRef(app, expected));
    expect(pinned(dir)).toBe(pin(expected));
  });

  test('a blocked image next in line is passed over and named; --steps counts only images that may be gone back to', async () => {
    const { dir } = await handRepo();
    await bump(dir, '4.0.0');
    await runBlock({ repo: dir, branch: 'main', action: 'block', app, image: imageRef(app, '3.0.0'), reason: 'leaks memory' });
    const planned = await rollback(dir, { steps: 2, dryRun: true });
    expect(planned.result).toMatchObject({ status: 'planned', image: imageRef(app, '1.0.0'), skipped: [{ image: imageRef(app, '3.0.0'), reason: 'blocked' }] });
    const { result, lines } = await rollback(dir);
    expect(result).toMatchObject({ status: 'succeeded', image: imageRef(app, '2.0.0'), skipped: [{ image: imageRef(app, '3.0.0'), reason: 'blocked' }] });
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^skipped 3\\.0\\.0 \\(sha256:[0-9a-f]{12}\\) \\(in place after [0-9a-f]{12}\\): it is blocked for app "${app}"$`))]);
    expect(pinned(dir)).toBe(pin('2.0.0'));
  });

  test('ferry.yaml\'s registry moved: the old registry\'s images are not gone back to (exit 2, nothing written)', async () => {
    const { dir, work } = await handRepo();
    const config = join(work, 'ferry.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^registry: .*$/m, `registry: ${NEW_REGISTRY}`));
    git(work, 'commit', '--quiet', '-am', 'move to the new registry');
    git(work, 'push', '--quiet');
    await bump(dir, '5.0.0', { image: `${NEW_REGISTRY}/${app}:5.0.0@${digestOf(`${app} 5.0.0`)}` });
    const head = remoteHead(dir);
    const plain = rollback(dir);
    await expect(plain).rejects.toThrow(ConfigurationError);
    await expect(plain).rejects.toThrow(`"${app}" in "prod" has no earlier image in its history to roll back to (not counting 3.0.0 (sha256:`);
    await expect(plain).rejects.toThrow(`not an image of app "${app}" ("${NEW_REGISTRY}/${app}") as ferry.yaml names it now)`);
    const to = rollback(dir, { to: digestOf(`${app} 2.0.0`) });
    await expect(to).rejects.toThrow(ConfigurationError);
    await expect(to).rejects.toThrow(/^to: .* which is not an image of app/);
    expect(remoteHead(dir)).toBe(head);
  });
});

describe('ferry rollback after a rollback --to forward', () => {
  test('a rollback forward to a newer image moves away from none: a plain rollback goes back to the known-good image again', async () => {
    const { dir } = await bumpedRepo();
    const run = async (args: string[]) => {
      const r = await ferry([...args, '--repo', dir, '--json']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    // dev: 1.0.0 (the fixture) → 9.0.0 (bump); rolled back with --block, unblocked, rolled forward with --to.
    await run(['rollback', '--env', 'dev', '--app', app, '--block', '--reason', '500s']);
    await run(['unblock', '--app', app, '--image', imageRef(app, '9.0.0'), '--reason', 'fixed upstream']);
    expect(await run(['rollback', '--env', 'dev', '--app', app, '--to', imageRef(app, '9.0.0')])).toMatchObject({ image: imageRef(app, '9.0.0'), previousImage: imageRef(app, '1.0.0') });
    const back = await run(['rollback', '--env', 'dev', '--app', app, '--steps', '1']);
    expect(back).toMatchObject({ image: imageRef(app, '1.0.0'), previousImage: imageRef(app, '9.0.0'), skipped: [] });
    expect(readRemoteFile(dir, `dev/${app}/kustomization.yaml`)).toContain(`digest: ${digestOf(`${app} 1.0.0`)}`);
    // prod: 1.0.0 → 2.0.0 → 3.0.0; back to 2.0.0, forward to 3.0.0 again: the next rollback goes to 2.0.0, not past it.
    await run(['rollback', '--env', 'prod', '--app', app]);
    await run(['rollback', '--env', 'prod', '--app', app, '--to', digestOf(`${app} 3.0.0`)]);
    expect(await run(['rollback', '--env', 'prod', '--app', app, '--dry-run'])).toMatchObject({ image: imageRef(app, '2.0.0'), previousImage: imageRef(app, '3.0.0'), skipped: [] });
    // Rolling back still passes over the image a rollback went back from (3.0.0): from 2.0.0, it goes to 1.0.0.
    await run(['rollback', '--env', 'prod', '--app', app]);
    expect(await run(['rollback', '--env', 'prod', '--app', app, '--dry-run'])).toMatchObject({ image: imageRef(app, '1.0.0'), previousImage: imageRef(app, '2.0.0') });
  });
});

describe('ferry rollback --to a tag or a commit id, as ferry history shows them', () => {
  const short = (tag: string, seed = tag) => `${tag} (${digestOf(`${app} ${seed}`).slice(0, 19)})`;
  const rollback = (dir: string, to: string) => ferry(['rollback', '--repo', dir, '--env', 'prod', '--app', app, '--to', to, '--json']);

  test('a tag: the image pinned with it there; a commit id (12 hex digits, or all 40): the image that commit pinned', async () => {
    const { dir, bumps } = await bumpedRepo();
    const byTag = await rollback(dir, '2.0.0');
    expect(byTag.code, byTag.stderr).toBe(0);
    expect(JSON.parse(byTag.stdout)).toMatchObject({ image: imageRef(app, '2.0.0'), previousImage: imageRef(app, '3.0.0'), to: { commit: bumps[0], image: imageRef(app, '2.0.0') } });
    expect(trailers(dir)).toContain(`Ferry-Rollback-To: ${bumps[0]}`);
    const byCommit = await rollback(dir, bumps[1]!.slice(0, 12));
    expect(byCommit.code, byCommit.stderr).toBe(0);
    expect(JSON.parse(byCommit.stdout)).toMatchObject({ image: imageRef(app, '3.0.0'), previousImage: imageRef(app, '2.0.0'), to: { commit: bumps[1] } });
    const full = await rollback(dir, bumps[0]!);
    expect(full.code, full.stderr).toBe(0);
    expect(JSON.parse(full.stdout)).toMatchObject({ image: imageRef(app, '2.0.0'), to: { commit: bumps[0] } });
    expect(readRemoteFile(dir, manifest)).toContain(`digest: ${digestOf(`${app} 2.0.0`)}`);
  });

  // 2.0.0's digest bumped again as 2.0.1 (a retag), then 4.0.0: the tag, the image with that tag
  // (what rollback.yml's plan job passes on to its rollback job) and the commit id of its pin go
  // back to the same pin, 2.0.0's; they went to the latest pin of the digest, 2.0.1's.
  test('a digest pinned under two tags: --to the tag, the image with it, and the commit write the same commit', async () => {
    const { dir, bumps } = await bumpedRepo();
    const two = imageRef(app, '2.0.0');
    for (const image of [two.replace(':2.0.0@', ':2.0.1@'), imageRef(app, '4.0.0')]) await ferryOk(['bump', '--repo', dir, '--env', 'prod', '--app', app, '--image', image]);
    const written: string[] = [];
    for (const to of ['2.0.0', two, bumps[0]!.slice(0, 12)]) {
      const copy = join(root, `copy-${++counter}.git`);
      execFileSync('git', ['clone', '--quiet', '--bare', dir, copy]);
      const r = await ferry(['rollback', '--repo', copy, '--env', 'prod', '--app', app, '--to', to, '--reason', 'r', '--requested-by', 'alice', '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout), to).toMatchObject({ image: two, to: { commit: bumps[0], image: two } });
      expect(readRemoteFile(copy, manifest), to).toMatch(/newTag: 2\.0\.0\s/);
      expect(trailers(copy), to).toContain(`Ferry-Rollback-To: ${bumps[0]}`);
      written.push(`${execFileSync('git', ['-C', copy, 'log', '-1', '--format=%B', 'main'])}\n${readRemoteFile(copy, manifest)}`);
    }
    expect(new Set(written).size).toBe(1);
  });

  test('refused, exit 2, nothing written: a tag pinned with two digests, a tag or a commit that pinned none there, the image pinned now', async () => {
    const { dir, bumps } = await bumpedRepo();
    // 2.0.0 pinned again, rebuilt: another digest with the same tag.
    const rebuilt = await ferry(['bump', '--repo', dir, '--env', 'prod', '--app', app, '--image', imageRef(app, '2.0.0', '2.0.0-rebuilt'), '--json']);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    const rebuiltCommit = JSON.parse(rebuilt.stdout).commit as string;
    const devBump = execFileSync('git', ['-C', dir, 'log', '--format=%H', '-1', 'main', '--', `dev/${app}/kustomization.yaml`]).toString().trim();
    const head = remoteHead(dir);
    const cases: [string, string][] = [
      ['2.0.0', `to: tag "2.0.0" was pinned for "${app}" in "prod" with 2 digests: ${short('2.0.0', '2.0.0-rebuilt')}, pinned by commit ${rebuiltCommit.slice(0, 12)}; ${short('2.0.0')}, pinned by commit ${bumps[0]!.slice(0, 12)}; give the digest of the one meant`],
      ['7.7.7', `to: "7.7.7" is no tag an image of "${app}" in "prod" was pinned with on this branch's line of history; --to takes the image`],
      [devBump.slice(0, 12), `to: "${devBump.slice(0, 12)}" is no tag an image of "${app}" in "prod" was pinned with on this branch's line of history, nor the id of a commit that pinned one there`],
      [rebuiltCommit.slice(0, 7), `to: "${rebuiltCommit.slice(0, 7)}" names the image commit ${rebuiltCommit.slice(0, 12)} pinned, ${short('2.0.0', '2.0.0-rebuilt')}, which is what is pinned now`],
      [`${imageRef(app, '2.0.0').split('@')[0]}`, 'to: the reference has no digest (a pin must name an exact image); expected registry/repository[:tag]@sha256:<64 lowercase hex>'],
    ];
    for (const [to, message] of cases) {
      const r = await ferry(['rollback', '--repo', dir, '--env', 'prod', '--app', app, '--to', to]);
      expect(r.code, `${to}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(message);
    }
    expect(remoteHead(dir)).toBe(head);
  });
});

describe('ferry rollback of apps that share a manifest, and of pins made by ferry init or older Ferry', () => {
  const templateDigest = (app: string, tag: string) => templateImage(app, tag).split('@')[1]!;
  const short = (app: string, tag: string) => `${tag} (${templateDigest(app, tag).slice(0, 19)})`;
  function kustomization(api: string, web: string): string {
    const entry = (name: string, tag: string) => `  - name: ${name}\n    newName: ${TEMPLATE_REGISTRY}/${name}\n    newTag: ${tag}\n    digest: ${templateDigest(name, tag)}\n`;
    return `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base/shared\nimages:\n${entry('api', api)}${entry('web', web)}`;
  }
  const values = (tag: string) => `b:\n  image:\n    digest: ${templateDigest('chart-b', tag)}\n`;

  /** ferry init's template with api and web in {env}/shared/kustomization.yaml, and chart-b pinned by its Helm values' digest alone in {env}/chart/values.yaml, at 1.0.0. */
  async function sharedRepo(): Promise<string> {
    const repo = await initTemplateRepo(join(root, `shared-${++counter}.git`));
    const template = readFileSync(new URL('../../environments/ferry.yaml', import.meta.url), 'utf8');
    const files: Record<string, string> = {
      'ferry.yaml': `${template.trimEnd()}
  - name: api
    image: api
    manifest: "{env}/shared/kustomization.yaml"
  - name: web
    image: web
    manifest: "{env}/shared/kustomization.yaml"
  - name: chart-b
    image: chart-b
    manifest: "{env}/chart/values.yaml"
    helm: { digest: b.image.digest }
`,
      'base/shared/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'base/shared/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shared\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api\n        - name: web\n          image: web\n',
    };
    for (const env of ['dev', 'stage', 'prod']) {
      files[`${env}/shared/kustomization.yaml`] = kustomization('1.0.0', '1.0.0');
      files[`${env}/chart/values.yaml`] = values('1.0.0');
    }
    await commitByHand(repo, files, 'shared manifests');
    return repo;
  }
  const bump = async (repo: string, app: string, tag: string) => JSON.parse(await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', app, '--image', templateImage(app, tag), '--json'])).commit as string;

  test('--to the id of a commit that changed only another app\'s pin in the manifest is refused, naming what it did; the pin gone back to is the commit that changed this app\'s', async () => {
    const repo = await sharedRepo();
    const apiBump = await bump(repo, 'api', '2.0.0');
    const webBump = await bump(repo, 'web', '2.0.0');
    const webByHand = await commitByHand(repo, { 'dev/shared/kustomization.yaml': kustomization('2.0.0', '3.0.0') }, 'web 3.0.0 by hand');
    await bump(repo, 'api', '3.0.0');
    const head = remoteHead(repo);
    const api = (...args: string[]) => ferry(['rollback', '--repo', repo, '--env', 'dev', '--app', 'api', ...args]);
    const left = `it left ${short('api', '2.0.0')} in place, pinned by commit ${apiBump.slice(0, 12)}`;
    for (const [commit, what] of [
      [webBump, `a ferry bump of "web" ${short('web', '2.0.0')} in "dev"`],
      [webByHand, 'a change no Ferry trailers record (a hand edit, a revert or a merge)'],
    ] as const) {
      const r = await api('--to', commit.slice(0, 12));
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`to: "${commit.slice(0, 12)}" names commit ${commit.slice(0, 12)}, ${what}, which changed the manifest of "api" in "dev" but not its pin: ${left}; --to takes the id of a commit that pinned an image of "api" in "dev"`);
    }
    expect(remoteHead(repo)).toBe(head);
    // --steps and the tag: the pin gone back to is api's bump, not the later commits that left it in place.
    for (const args of [['--steps', '1'], ['--to', '2.0.0']]) {
      const r = await api(...args, '--dry-run', '--json');
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).to).toEqual({ commit: apiBump, date: expect.any(String), action: 'bump', image: templateImage('api', '2.0.0') });
    }
    const r = await api('--to', apiBump.slice(0, 12), '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ image: templateImage('api', '2.0.0'), to: { commit: apiBump, action: 'bump' } });
    expect(trailers(repo)).toContain(`Ferry-Rollback-To: ${apiBump}`);
    expect(readRemoteFile(repo, 'dev/shared/kustomization.yaml')).toBe(kustomization('2.0.0', '3.0.0'));
  });

  test('a digest-only Helm pin that older Ferry recorded with a tag: --to that tag, as ferry history shows it, goes back to it', async () => {
    const repo = await sharedRepo();
    const old = await commitByHand(repo, { 'dev/chart/values.yaml': values('2.0.0') }, [
      'bump(dev): chart-b 2.0.0', '', 'Ferry-Action: bump', 'Ferry-Env: dev', 'Ferry-App: chart-b', `Ferry-Image: ${templateImage('chart-b', '2.0.0')}`,
      `Ferry-Previous-Image: ${TEMPLATE_REGISTRY}/chart-b@${templateDigest('chart-b', '1.0.0')}`,
    ].join('\n'));
    await bump(repo, 'chart-b', '3.0.0');
    const history = JSON.parse(await ferryOk(['history', '--repo', repo, '--env', 'dev', '--app', 'chart-b', '--json']));
    expect(history.events.find((e: { commit: string }) => e.commit === old)).toMatchObject({ action: 'bump', image: templateImage('chart-b', '2.0.0') });
    const untagged = `${TEMPLATE_REGISTRY}/chart-b@${templateDigest('chart-b', '2.0.0')}`;
    const r = await ferry(['rollback', '--repo', repo, '--env', 'dev', '--app', 'chart-b', '--to', '2.0.0', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ image: untagged, to: { commit: old, action: 'bump', image: untagged } });
    expect(readRemoteFile(repo, 'dev/chart/values.yaml')).toBe(values('2.0.0'));
    expect(trailers(repo)).toContain(`Ferry-Image: ${untagged}\n`);
    // So does the image with that tag.
    await bump(repo, 'chart-b', '3.0.0');
    const byImage = await ferry(['rollback', '--repo', repo, '--env', 'dev', '--app', 'chart-b', '--to', templateImage('chart-b', '2.0.0'), '--dry-run', '--json']);
    expect(byImage.code, byImage.stderr).toBe(0);
    expect(JSON.parse(byImage.stdout)).toMatchObject({ image: untagged });
  });

  test('back to the template\'s pin: --json to.action is init, as ferry status calls the commit', async () => {
    const repo = await initTemplateRepo(join(root, `init-${++counter}.git`));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '2.0.0')]);
    const status = JSON.parse(await ferryOk(['status', '--repo', repo, '--json']));
    const init = status.rows.find((row: { env: string; app: string }) => row.env === 'stage' && row.app === 'user-service').pinned;
    expect(init).toMatchObject({ action: 'init' });
    const r = await ferry(['rollback', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).to).toMatchObject({ commit: init.commit, action: 'init' });
  });
});
