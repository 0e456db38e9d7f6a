// ferry audit holds a rollback record against the history: a rollback goes back to an image its
// environment had, by the commit its Ferry-Rollback-To names. Every rollback ferry rollback writes
// (--steps, --to a tag, a commit, an image, a digest, --block, after a hand edit, after a merged
// pull request, back past a manifest move, back to ferry init's pin) stays clean; a hand commit
// labelled rollback that pins what stage had into prod (prod's soak, approvals and freeze skipped)
// does not.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRemoteFile } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';
import { ferryOk, hoursAgo, initTemplateRepo, templateImage } from '../support/template-repo.js';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-audit-rollbacks-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

type Violation = { commit: string; rule: string; env?: string; app?: string; message: string };

async function audit(repo: string): Promise<{ code: number | null; violations: Violation[] }> {
  const r = await ferry(['audit', '--repo', repo, '--format', 'json']);
  return { code: r.code, violations: JSON.parse(r.stdout).violations };
}

/** A ferry command's --json result's commit. */
async function committed(args: string[], at?: string): Promise<string> {
  return JSON.parse(await ferryOk([...args, '--json'], at)).commit;
}

/** The digest the template pins (ferry init's) for user-service. */
const templateDigest = /digest: (sha256:[0-9a-f]{64})/.exec(readFileSync(new URL('../../environments/dev/user-service/kustomization.yaml', import.meta.url), 'utf8'))![1]!;
const US = 'user-service';

/** user-service 1.1.0 through dev, stage and prod, the Ferry way; returns the prod promotion. */
async function released(repo: string): Promise<string> {
  await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.1.0'), '--requested-by', 'alice'], hoursAgo(12));
  await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', US, '--requested-by', 'alice'], hoursAgo(11));
  return committed(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', US, '--requested-by', 'alice', '--approved-by', 'bob'], hoursAgo(8));
}

describe('ferry audit of ferry rollback\'s commits', () => {
  test('back to a pin made before ferry.yaml guarded its file (a manifest copied by hand, then ferry.yaml pointed at the copy): ferry rollback names the commit that made the copy, and that is no violation (helper-143)', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.1.0'), '--requested-by', 'alice']);
    const copies = Object.fromEntries(['dev', 'stage', 'prod'].map((env) => [`${env}/us2/kustomization.yaml`, readRemoteFile(repo, `${env}/${US}/kustomization.yaml`)!]));
    const copied = await commitByHand(repo, copies, 'copy the manifests');
    await commitByHand(repo, { 'ferry.yaml': readRemoteFile(repo, 'ferry.yaml')!.replace(`"{env}/${US}/kustomization.yaml"`, '"{env}/us2/kustomization.yaml"') }, 'point user-service at the copies');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.2.0'), '--requested-by', 'alice']);
    const back = JSON.parse(await ferryOk(['rollback', '--repo', repo, '--env', 'dev', '--app', US, '--json']));
    expect(back.to.commit).toBe(copied);
    // (A pin copied there before ferry.yaml named the file is no hand edit of it: no warning.)
    expect(back).not.toHaveProperty('warning');
    const { violations } = await audit(repo);
    expect(violations.filter((v) => v.commit === back.commit)).toEqual([]);
  });

  test('--steps, --to a tag, a commit id, an image, a digest, --block, and back to ferry init\'s pin: no violation', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const prod110 = await released(repo);
    for (const [tag, hours] of [['1.2.0', 7], ['1.3.0', 2.9]] as const) {
      await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, tag), '--requested-by', 'alice'], hoursAgo(hours));
      // (Stage's 30m soak is judged at the promotion's own date too: 36 minutes after the pin.)
      await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', US, '--requested-by', 'alice'], hoursAgo(hours - 0.6));
      await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', US, '--requested-by', 'alice', '--approved-by', 'bob'], hours > 3 ? hoursAgo(3) : undefined);
    }
    const rollback = (...args: string[]) => committed(['rollback', '--repo', repo, '--app', US, '--reason', 'bad release', '--requested-by', 'carol', ...args]);
    const rollbacks = [
      await rollback('--env', 'prod'), // (--steps 1: 1.2.0)
      await rollback('--env', 'prod', '--to', '1.3.0'), // (a tag: forward to the one rolled back from)
      await rollback('--env', 'prod', '--to', prod110.slice(0, 12)), // (the commit that pinned 1.1.0)
      await rollback('--env', 'prod', '--to', templateImage(US, '1.2.0')),
      await rollback('--env', 'prod', '--to', templateImage(US, '1.3.0').split('@')[1]!),
      await rollback('--env', 'prod', '--block'),
      await rollback('--env', 'dev', '--to', templateDigest), // (ferry init's pin: to.action init)
    ];
    expect(new Set(rollbacks).size).toBe(rollbacks.length);
    const message = execFileSync('git', ['-C', repo, 'log', '-1', '--format=%B', 'main']).toString();
    expect(message).toMatch(/^Ferry-Rollback-To: [0-9a-f]{40}$/m);
    const { code, violations } = await audit(repo);
    expect(violations).toEqual([]);
    expect(code).toBe(0);
  });

  test('after a hand edit, after a pull request merged with a merge commit, and back past a manifest move: the rollbacks add no violation', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    await released(repo);
    // A hand edit of prod (reported), rolled back to the promotion before it.
    const path = 'prod/user-service/kustomization.yaml';
    const edit = await commitByHand(repo, { [path]: readRemoteFile(repo, path)!.replace(/digest: sha256:[0-9a-f]{64}/, `digest: sha256:${'9'.repeat(64)}`) }, 'hotfix by hand');
    const rollbacks = [await committed(['rollback', '--repo', repo, '--env', 'prod', '--app', US, '--requested-by', 'carol'])];
    // A ferry bump on a branch merged with a merge commit, a bump after it, and a rollback to the merge's pin.
    execFileSync('git', ['-C', repo, 'branch', 'ferry/bump-1', 'main']);
    await ferryOk(['bump', '--repo', repo, '--branch', 'ferry/bump-1', '--env', 'dev', '--app', US, '--image', templateImage(US, '1.2.0'), '--requested-by', 'alice']);
    const work = await mkdtemp(join(root, 'work-'));
    const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Merger', '-c', 'user.email=merger@example.invalid', ...args]).toString().trim();
    execFileSync('git', ['clone', '--quiet', repo, work]);
    git('merge', '--quiet', '--no-ff', '-m', 'Merge pull request #1 from acme/ferry/bump-1', 'origin/ferry/bump-1');
    git('push', '--quiet', 'origin', 'HEAD:main');
    const merge = git('rev-parse', 'HEAD');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.3.0'), '--requested-by', 'alice']);
    const toMerge = JSON.parse(await ferryOk(['rollback', '--repo', repo, '--env', 'dev', '--app', US, '--requested-by', 'carol', '--json']));
    expect(toMerge.to).toMatchObject({ commit: merge, image: templateImage(US, '1.2.0') });
    // (A pin a merge brought in, by a Ferry bump: no warning of an image had only by hand.)
    expect(toMerge).not.toHaveProperty('warning');
    rollbacks.push(toMerge.commit);
    // user-service's manifests moved (the files and ferry.yaml in one commit), a bump, and a rollback to the pin from before the move.
    git('pull', '--quiet', 'origin', 'main');
    for (const env of ['dev', 'stage', 'prod']) git('mv', `${env}/user-service`, `${env}/user-service-x`);
    writeFileSync(join(work, 'ferry.yaml'), readFileSync(join(work, 'ferry.yaml'), 'utf8').replace('"{env}/user-service/kustomization.yaml"', '"{env}/user-service-x/kustomization.yaml"'));
    git('commit', '--quiet', '-am', 'move user-service\'s manifests');
    git('push', '--quiet', 'origin', 'HEAD:main');
    const move = git('rev-parse', 'HEAD');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.4.0'), '--requested-by', 'alice']);
    const pastMove = JSON.parse(await ferryOk(['rollback', '--repo', repo, '--env', 'dev', '--app', US, '--requested-by', 'carol', '--json']));
    expect(pastMove.to).toMatchObject({ commit: move, image: templateImage(US, '1.2.0') });
    expect(pastMove).not.toHaveProperty('warning');
    rollbacks.push(pastMove.commit);
    await rm(work, { recursive: true, force: true });
    const { violations } = await audit(repo);
    // The hand edit and the move are reported; no rollback is.
    expect(violations.filter((v) => rollbacks.includes(v.commit))).toEqual([]);
    expect(violations.some((v) => v.commit === edit && v.rule === 'unrecorded-change')).toBe(true);
    expect(violations.every((v) => v.commit === edit || v.commit === move)).toBe(true);
  });

  test('a hand commit labelled rollback that pins stage\'s digest into prod, prod never having had it: reported, exit 1 (ferry rollback --to that commit is refused)', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.1.0'), '--requested-by', 'alice'], hoursAgo(12));
    const stage = await committed(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', US, '--requested-by', 'alice'], hoursAgo(11));
    const refused = await ferry(['rollback', '--repo', repo, '--env', 'prod', '--app', US, '--to', stage, '--dry-run']);
    expect(refused.code).toBe(2);
    const path = 'prod/user-service/kustomization.yaml';
    const was = readRemoteFile(repo, path)!;
    const image = templateImage(US, '1.1.0');
    const forged = await commitByHand(repo, { [path]: was.replace(/newTag: \S+/, 'newTag: 1.1.0').replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${image.split('@')[1]}`) }, [
      'rollback(prod): user-service 1.1.0', '',
      'Ferry-Action: rollback', 'Ferry-Env: prod', 'Ferry-App: user-service', `Ferry-Image: ${image}`,
      `Ferry-Previous-Image: 123456789012.dkr.ecr.eu-central-1.amazonaws.com/user-service:1.0.0@${templateDigest}`,
      `Ferry-Rollback-To: ${stage}`, 'Ferry-Requested-By: mallory',
    ].join('\n'));
    const { code, violations } = await audit(repo);
    const short = `user-service:1.1.0@${image.split('@')[1]!.slice(0, 19)}`;
    // (Its Ferry-Rollback-To, a commit before it, of another environment, is no violation of itself: the digest is.)
    expect(violations.map((v) => [v.commit, v.rule, v.env, v.app, v.message])).toEqual([
      [forged, 'trailers-disagree', 'prod', US, `a rollback to ${short}, which prod never had before it: a rollback goes back to an image pinned there earlier (a new image reaches prod by ferry promote, through its gates)`],
    ]);
    expect(code).toBe(1);
  });
});
