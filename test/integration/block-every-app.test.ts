// A block names content: a digest blocked for one app is refused for every app (another app that
// runs the same image, an app renamed in ferry.yaml since), by bump, promote and rollback; and
// `promote --all` leaves out an app whose source digest is blocked instead of stopping every app.
// Against env repos made by ferry init, with bin/ferry as a user runs it.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';
import { ferryOk, hoursAgo, initTemplateRepo, templateImage } from '../support/template-repo.js';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-block-every-app-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function templateRepo(): Promise<string> {
  return initTemplateRepo(join(root, `env-${++counter}.git`));
}

/** The template with a second app, user-worker, that runs user-service's image (added by hand, as a person would). */
async function twoAppsOneImage(): Promise<string> {
  const repo = await templateRepo();
  const files: Record<string, string> = {
    'ferry.yaml': `${readRemoteFile(repo, 'ferry.yaml')!}  - name: user-worker\n    image: user-service\n    manifest: "{env}/user-worker/kustomization.yaml"\n`,
  };
  for (const env of ['dev', 'stage', 'prod']) files[`${env}/user-worker/kustomization.yaml`] = readRemoteFile(repo, `${env}/user-service/kustomization.yaml`)!;
  await commitByHand(repo, files, 'add user-worker, which runs the user-service image');
  return repo;
}

function trailers(dir: string): string {
  return execFileSync('git', ['-C', dir, 'log', '-1', '--format=%(trailers:only,unfold)', 'main']).toString().trim();
}

const digestOf = (image: string) => image.slice(image.indexOf('@') + 1);

describe('a digest blocked for one app is blocked for every app', () => {
  test('two apps, one image: after rollback --block of user-service, user-worker cannot bump, roll back to, or promote the digest', async () => {
    const repo = await twoAppsOneImage();
    const [good, bad, next] = [templateImage('user-service', '1.1.0'), templateImage('user-service', '1.2.0'), templateImage('user-service', '1.3.0')];
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', good]);
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', bad]);
    // user-worker ran the bad digest before it was blocked (its history has it), and runs another since.
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-worker', '--image', bad]);
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-worker', '--image', next]);
    await ferryOk(['rollback', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--block', '--reason', 'CVE-2026-0001', '--requested-by', 'alice']);
    const head = remoteHead(repo);
    const refusal = new RegExp(`refused: ${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is blocked for app "user-service" \\(since \\d{4}-\\d\\d-\\d\\dT[\\d:]+Z by alice\\): CVE-2026-0001; a blocked digest is refused for every app, "user-worker" too; \`ferry unblock --app user-service\` allows it again`);

    const bump = await ferry(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-worker', '--image', bad, '--json']);
    expect(bump.code).toBe(1);
    expect(bump.stderr).toMatch(refusal);
    expect(JSON.parse(bump.stdout)).toMatchObject({ status: 'failed', error: { kind: 'refused' } });
    // The same digest under another tag is the same content.
    const retagged = await ferry(['bump', '--repo', repo, '--env', 'stage', '--app', 'user-worker', '--image', bad.replace(':1.2.0@', ':latest@')]);
    expect(retagged.code).toBe(1);

    // A rollback of user-worker passes over the blocked digest, and refuses it as --to.
    const rollback = await ferry(['rollback', '--repo', repo, '--env', 'dev', '--app', 'user-worker', '--dry-run', '--json']);
    expect(rollback.code, rollback.stderr).toBe(0);
    expect(JSON.parse(rollback.stdout)).toMatchObject({ image: templateImage('user-service', '1.0.0'), skipped: [expect.objectContaining({ image: bad, reason: 'blocked' })] });
    const to = await ferry(['rollback', '--repo', repo, '--env', 'dev', '--app', 'user-worker', '--to', digestOf(bad)]);
    expect(to.code).toBe(1);
    expect(to.stderr).toMatch(refusal);
    expect(remoteHead(repo)).toBe(head);

    // Promoted by name it stops (fail closed); with --all it is left out.
    await commitByHand(repo, { 'dev/user-worker/kustomization.yaml': readRemoteFile(repo, 'dev/user-service/kustomization.yaml')!.replace(digestOf(good), digestOf(bad)).replace('newTag: 1.1.0', 'newTag: 1.2.0') }, 'user-worker back on 1.2.0 by hand');
    const named = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-worker', '--override', 'soak', '--reason', 'hotfix', '--json']);
    expect(named.code).toBe(1);
    expect(JSON.parse(named.stdout)).toMatchObject({ status: 'stopped', gates: expect.arrayContaining([{ gate: 'blocked', verdict: 'fail', reason: expect.stringMatching(/^blocked: user-worker@sha256:[0-9a-f]{12} blocked for user-service by alice at \S+Z: CVE-2026-0001$/) }]) });
    expect(readRemoteFile(repo, 'stage/user-worker/kustomization.yaml')).not.toContain(digestOf(bad));
  });

  test('an app renamed in ferry.yaml by hand does not escape the block: promote --app <new name> stops, --all leaves it out', async () => {
    const repo = await templateRepo();
    const bad = templateImage('user-service', '1.3.0');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', bad], hoursAgo(5));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service'], hoursAgo(4));
    await ferryOk(['block', '--repo', repo, '--app', 'user-service', '--image', bad, '--reason', 'CVE-2026-0002', '--requested-by', 'alice']);
    await commitByHand(repo, { 'ferry.yaml': readRemoteFile(repo, 'ferry.yaml')!.replace('  - name: user-service\n', '  - name: user-svc\n') }, 'rename user-service to user-svc');
    const head = remoteHead(repo);

    const r = await ferry(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', 'user-svc', '--requested-by', 'alice', '--approved-by', 'bob', '--override', 'soak', '--reason', 'rename']);
    expect(r.code).toBe(1);
    // (A gate's reason past 100 columns goes on under itself.)
    expect(r.stdout.replace(/\n {18}/g, ' ')).toMatch(/\n {2}blocked {3}fail {2}blocked: user-svc@sha256:[0-9a-f]{12} blocked for user-service by alice at \S+Z: CVE-2026-0002\n/);
    expect(r.stderr).toContain('ferry promote: stopped by gates; nothing written (a blocked digest cannot be overridden: leave user-svc out, or `ferry unblock` it first)');
    expect(remoteHead(repo)).toBe(head);
    expect(readRemoteFile(repo, 'prod/user-service/kustomization.yaml')).not.toContain(digestOf(bad));

    const all = await ferry(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--all', '--requested-by', 'alice', '--approved-by', 'bob', '--json']);
    expect(all.code, all.stderr).toBe(0);
    expect(JSON.parse(all.stdout)).toMatchObject({ status: 'skipped', promotions: [], leftOut: [{ app: 'user-svc', image: bad, blocked: { app: 'user-service', by: 'alice', reason: 'CVE-2026-0002' } }] });
    expect(remoteHead(repo)).toBe(head);
  });
});

describe('ferry block and unblock when another app\'s entry blocks the digest', () => {
  test('block for another app: skipped, no commit, the entry on record named; unblock names the entry\'s app', async () => {
    const repo = await twoAppsOneImage();
    const bad = templateImage('user-service', '6.6.6');
    await ferryOk(['block', '--repo', repo, '--app', 'user-service', '--image', bad, '--reason', 'CVE-2026-0003', '--requested-by', 'alice']);
    const head = remoteHead(repo);
    const blockedYaml = readRemoteFile(repo, 'blocked.yaml');

    const again = await ferry(['block', '--repo', repo, '--app', 'user-worker', '--image', bad, '--reason', 'crashes', '--requested-by', 'bob']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(`skipped: ${bad} for user-worker is already blocked (no commit; head ${head.slice(0, 12)})\n`);
    expect(again.stderr).toMatch(/^ferry block: already blocked for app "user-service" \(since \S+Z by alice\): CVE-2026-0003, which blocks it for every app, "user-worker" too: no second entry is added \(`ferry unblock --app user-service` allows it again\)\n$/);
    const json = await ferry(['block', '--repo', repo, '--app', 'user-worker', '--image', bad, '--reason', 'crashes', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'skipped', app: 'user-worker', reason: 'CVE-2026-0003', notice: expect.stringContaining('already blocked for app "user-service"') });
    expect(readRemoteFile(repo, 'blocked.yaml')).toBe(blockedYaml);
    expect(remoteHead(repo)).toBe(head);

    // Unblocking it under user-worker would leave it blocked: refused, the entry's app named.
    const wrong = await ferry(['unblock', '--repo', repo, '--app', 'user-worker', '--image', bad, '--reason', 'fixed']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/ferry unblock: error: app: \S+ has no entry for app "user-worker" in blocked\.yaml: it is blocked for app "user-service" \(since \S+Z by alice\): CVE-2026-0003, which blocks it for every app; `ferry unblock --app user-service` removes that entry; nothing was changed/);
    expect(remoteHead(repo)).toBe(head);

    // Unblocked by app and image, as before: then every app may pin it.
    await ferryOk(['unblock', '--repo', repo, '--app', 'user-service', '--image', bad, '--reason', 'fixed upstream']);
    expect(trailers(repo)).toBe(['Ferry-Action: unblock', 'Ferry-App: user-service', `Ferry-Image: ${bad}`, 'Ferry-Reason: fixed upstream'].join('\n'));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-worker', '--image', bad]);
  });
});

describe('promote --all leaves out an app whose source digest is blocked', () => {
  test('the others are promoted; the app left out is named with the block (text and --json); the trailers record only what was promoted', async () => {
    const repo = await templateRepo();
    const bad = templateImage('user-service', '1.3.0');
    const good = templateImage('order-service', '2.3.0');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', bad], hoursAgo(3));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'order-service', '--image', good], hoursAgo(3));
    await ferryOk(['block', '--repo', repo, '--app', 'user-service', '--image', bad, '--reason', 'CVE-2026-0004', '--requested-by', 'alice']);
    const stageBefore = readRemoteFile(repo, 'stage/user-service/kustomization.yaml');

    // Named, it stops everything, and the advice is to leave it out.
    const named = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--app', 'order-service']);
    expect(named.code).toBe(1);
    expect(named.stderr).toContain('ferry promote: stopped by gates; nothing written (a blocked digest cannot be overridden: leave user-service out and promote the others by name (--app order-service), or `ferry unblock` it first)');

    const dry = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`\n  user-service  left out: 1.3.0 ${digestOf(bad).slice(0, 19)} is blocked\n    blocked for app "user-service" by alice at `);
    expect(dry.stdout).toMatch(/: CVE-2026-0004\n {4}\(stage keeps 1\.0\.0 sha256:[0-9a-f]{12}\)\n/);
    expect(dry.stdout).toContain('\n  blocked   pass  no digest promoted is blocked\n');

    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all', '--requested-by', 'alice', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ status: 'succeeded', commit: remoteHead(repo), promotions: [expect.objectContaining({ app: 'order-service', image: good })] });
    expect(result.leftOut).toEqual([{
      app: 'user-service', image: bad, digest: digestOf(bad), previousImage: templateImage('user-service', '1.0.0'), kind: 'blocked',
      blocked: { app: 'user-service', reason: 'CVE-2026-0004', by: 'alice', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:]+Z$/) },
    }]);
    const t = trailers(repo);
    expect(t.match(/^Ferry-App: .*$/gm)).toEqual(['Ferry-App: order-service']);
    expect(t).not.toContain('user-service');
    expect(t).toContain('Ferry-Gate: blocked=pass(no digest promoted is blocked) soak=pass(');
    expect(readRemoteFile(repo, 'stage/user-service/kustomization.yaml')).toBe(stageBefore);

    // Nothing left but the app left out: skipped, and why.
    const head = remoteHead(repo);
    const again = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`^skipped: nothing to promote: every app that would change is left out, as the digest dev pins is blocked \\(no commit; head ${head.slice(0, 12)}\\)\n {2}user-service {2}left out: `));
    expect(remoteHead(repo)).toBe(head);
  });
});
