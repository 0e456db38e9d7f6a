// ferry rollback when another writer lands first (DESIGN.md, "Writing to the environment
// repository"): the retry plans from the new head, ferry.yaml, the app's manifest and that
// manifest's history as they are there, so that it decides as a rollback started on that head
// would. The race is a pre-receive hook that lands the other writes while the first push waits
// (race-hook.ts).
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appName, createEnvRepo, digestOf, imageRef, readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { raceOnFirstPush } from '../support/race-hook.js';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-rollback-retry-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const app = appName(0);
const manifest = `prod/${app}/kustomization.yaml`;
const short = (tag: string) => `${tag} (${digestOf(`${app} ${tag}`).slice(0, 19)})`;

/** prod/app went 1.0.0 (the fixture) → 2.0.0 → 3.0.0 by ferry bumps. */
async function bumpedRepo(): Promise<string> {
  const dir = join(root, `env-${++counter}.git`);
  await createEnvRepo({ dir, apps: 1 });
  for (const tag of ['2.0.0', '3.0.0']) {
    const r = await ferry(['bump', '--repo', dir, '--env', 'prod', '--app', app, '--image', imageRef(app, tag)]);
    expect(r.code, r.stderr).toBe(0);
  }
  return dir;
}

async function race(repo: string, script: string): Promise<{ log: string }> {
  return raceOnFirstPush(repo, script, join(root, `race-${++counter}`));
}

const rollback = (dir: string, ...more: string[]) => ['rollback', '--repo', dir, '--env', 'prod', '--app', app, '--reason', 'p99', '--requested-by', 'alice', ...more];

describe('ferry rollback, a retry planned from its own head', () => {
  test('ferry.yaml moves the manifest while the rollback is written: refused (exit 1, --json: refused), nothing written; the retry decides as a rollback started on that head does, which finds no earlier image there', async () => {
    const dir = await bumpedRepo();
    const moved = `prod/moved-${app}/kustomization.yaml`;
    // A person moves every environment's manifest (the same depth: its resources stay right) and points ferry.yaml at it.
    await race(dir, [
      'w="$TMPDIR/work"',
      `git clone --quiet ${dir} "$w"`,
      `for e in dev stage prod; do mkdir -p "$w/$e/moved-${app}"; git -C "$w" mv "$e/${app}/kustomization.yaml" "$e/moved-${app}/kustomization.yaml"; done`,
      `sed -i 's#"{env}/{app}/kustomization.yaml"#"{env}/moved-{app}/kustomization.yaml"#' "$w/ferry.yaml"`,
      'git -C "$w" -c user.name=Hand -c user.email=hand@example.invalid commit --quiet -am "move the manifests"',
      'git -C "$w" push --quiet origin HEAD',
      '',
    ].join('\n'));
    const r = await ferry(rollback(dir, '--json'));
    expect(r.code, r.stderr).toBe(1);
    expect(readRemoteFile(dir, 'ferry.yaml')).toContain('moved-{app}'); // (the other writer landed)
    const head = remoteHead(dir);
    expect(execFileSync('git', ['-C', dir, 'log', '-1', '--format=%s', 'main']).toString().trim()).toBe('move the manifests');
    expect(readRemoteFile(dir, moved)).toContain(`digest: ${digestOf(`${app} 3.0.0`)}`);
    const { error } = JSON.parse(r.stdout);
    expect(error.kind).toBe('refused');
    expect(error.message).toBe([
      `${app} in prod: ${short('2.0.0')}, the image this rollback from ${short('3.0.0')} was going back to, is not the image it would go back to now; nothing written.`,
      `ferry.yaml names "${moved}" as its manifest now, not "${manifest}" as when this rollback was planned; what was in place there is read from the history of "${moved}".`,
      `Run again as it was (--steps 1), ferry rollback would now be refused: "${app}" in "prod" has no earlier image in its history to roll back to.`,
      `Look first: ferry status, and ferry history --env prod --app ${app}. To go to a chosen image, give --to <image>; --from ${digestOf(`${app} 3.0.0`)} makes a rollback refuse unless ${short('3.0.0')} is still the one pinned.`,
    ].join('\n'));
    // The same rollback started on that head: refused as the retry said, nothing written either.
    const again = await ferry(rollback(dir));
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`ferry rollback: error: "${app}" in "prod" has no earlier image in its history to roll back to\n`);
    expect(remoteHead(dir)).toBe(head);
  });

  test('another writer rolls back further and pins the current image again while the rollback is written: the retry reads those pins, and refuses to go back to an image rolled back from, saying what --steps would do now', async () => {
    const dir = await bumpedRepo();
    await race(dir, [
      `"$FERRY" rollback --repo ${dir} --env prod --app ${app} --to ${digestOf(`${app} 1.0.0`)} --reason 'back to 1.0.0' --requested-by bob`,
      `"$FERRY" bump --repo ${dir} --env prod --app ${app} --image ${imageRef(app, '3.0.0')} --requested-by ci`,
      '',
    ].join('\n'));
    const r = await ferry(rollback(dir, '--json'));
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('lost a race');
    const head = remoteHead(dir);
    expect(readRemoteFile(dir, manifest)).toContain(`digest: ${digestOf(`${app} 3.0.0`)}`);
    const { error } = JSON.parse(r.stdout);
    expect(error.kind).toBe('refused');
    expect(error.message).toBe([
      `${app} in prod: ${short('2.0.0')}, the image this rollback from ${short('3.0.0')} was going back to, is passed over now: a rollback there moved away from it; nothing written.`,
      `Run again as it was (--steps 1), ferry rollback would now roll back from ${short('3.0.0')} to ${short('1.0.0')}.`,
      `Look first: ferry status, and ferry history --env prod --app ${app}. To go to a chosen image, give --to <image>; --from ${digestOf(`${app} 3.0.0`)} makes a rollback refuse unless ${short('3.0.0')} is still the one pinned.`,
    ].join('\n'));
    // What it says a run would do now is what a run started on that head plans.
    const dry = await ferry(rollback(dir, '--dry-run', '--json'));
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ status: 'planned', commit: head, image: imageRef(app, '1.0.0'), to: { commit: execFileSync('git', ['-C', dir, 'rev-parse', 'main~1']).toString().trim(), action: 'rollback' } });
  });

  test.each([
    ['--steps 1', [] as string[]],
    ['--to the digest planned', ['--to', digestOf(`${app} 2.0.0`)]],
  ])('another writer force-pushes the branch so that the pin of the image gone back to is no longer in its history (%s): refused (exit 1, --json: refused), nothing written, saying it is not in the history now and what a run now would do', async (_, more) => {
    const dir = await bumpedRepo();
    execFileSync('git', ['-C', dir, 'config', 'receive.denyNonFastForwards', 'false']);
    // Back to the fixture's commit (before 2.0.0 was pinned), and 3.0.0 pinned there by hand: 2.0.0 was never in place on the new line.
    await race(dir, [
      'w="$TMPDIR/work"',
      `git clone --quiet ${dir} "$w"`,
      'git -C "$w" reset --quiet --hard HEAD~2',
      `git -C "$w" checkout origin/main -- ${manifest}`,
      'git -C "$w" -c user.name=Hand -c user.email=hand@example.invalid commit --quiet -m "hand: pin 3.0.0 (history rewritten)"',
      'git -C "$w" push --quiet --force origin HEAD:main',
      '',
    ].join('\n'));
    const r = await ferry(rollback(dir, '--json', ...more));
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('lost a race');
    expect(execFileSync('git', ['-C', dir, 'log', '-1', '--format=%s', 'main']).toString().trim()).toBe('hand: pin 3.0.0 (history rewritten)');
    expect(readRemoteFile(dir, manifest)).toContain(`digest: ${digestOf(`${app} 3.0.0`)}`);
    const { error } = JSON.parse(r.stdout);
    expect(error).not.toHaveProperty('problems');
    expect(error.kind).toBe('refused');
    const now = more.length === 0
      ? `Run again as it was (--steps 1), ferry rollback would now roll back from ${short('3.0.0')} to ${short('1.0.0')}.`
      : `Run again as it was (--to ${digestOf(`${app} 2.0.0`)}), ferry rollback would now be refused: to: "${digestOf(`${app} 2.0.0`)}" was never pinned for "${app}" in "prod" on this branch's line of history (or is what is pinned now).`;
    expect(error.message).toBe([
      `${app} in prod: ${short('2.0.0')}, the image this rollback from ${short('3.0.0')} was going back to, is not in the history now; nothing written.`,
      now,
      `Look first: ferry status, and ferry history --env prod --app ${app}. To go to a chosen image, give --to <image>; --from ${digestOf(`${app} 3.0.0`)} makes a rollback refuse unless ${short('3.0.0')} is still the one pinned.`,
    ].join('\n'));
    if (more.length === 0) {
      // What it says a run would do now is what a run started on that head plans.
      const dry = await ferry(rollback(dir, '--dry-run', '--json'));
      expect(dry.code, dry.stderr).toBe(0);
      expect(JSON.parse(dry.stdout)).toMatchObject({ status: 'planned', image: imageRef(app, '1.0.0'), previousImage: imageRef(app, '3.0.0') });
    }
  });

  test('another writer pins the image gone back to again, then the current one: the retry goes back to that latest pin of it (Ferry-Rollback-To), as a rollback started on that head would', async () => {
    const dir = await bumpedRepo();
    await race(dir, [
      `"$FERRY" bump --repo ${dir} --env prod --app ${app} --image ${imageRef(app, '2.0.0')} --requested-by ci`,
      `"$FERRY" bump --repo ${dir} --env prod --app ${app} --image ${imageRef(app, '3.0.0')} --requested-by ci`,
      '',
    ].join('\n'));
    const r = await ferry(rollback(dir, '--json'));
    expect(r.code, r.stderr).toBe(0);
    const again = execFileSync('git', ['-C', dir, 'rev-parse', 'main~2']).toString().trim(); // (the other writer's pin of 2.0.0)
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', attempts: 2, image: imageRef(app, '2.0.0'), previousImage: imageRef(app, '3.0.0'), to: { commit: again, action: 'bump' }, commit: remoteHead(dir) });
    expect(execFileSync('git', ['-C', dir, 'log', '-1', '--format=%(trailers:key=Ferry-Rollback-To,valueonly)', 'main']).toString().trim()).toBe(again);
    expect(readRemoteFile(dir, manifest)).toContain(`digest: ${digestOf(`${app} 2.0.0`)}`);
  });
});
