// ferry promote against env repos made by ferry init (the template's gates: stage soak 30m;
// prod soak 2h and one approval). Pins in the source environment are backdated with
// GIT_COMMITTER_DATE, which Ferry honours as git commit does, so soak is measured for real.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { freePort } from '../support/git-daemon.js';
import { commitByHand } from '../support/hand-commit.js';
import { runPromote } from '../../actions/src/entry/commands/promote.js';
import { ferryOk, hoursAgo, initTemplateRepo, templateImage } from '../support/template-repo.js';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-promote-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function templateRepo(): Promise<string> {
  return initTemplateRepo(join(root, `env-${++counter}.git`));
}

function trailers(dir: string): string {
  return execFileSync('git', ['-C', dir, 'log', '-1', '--format=%(trailers:only,unfold)', 'main']).toString().trim();
}

describe('ferry promote', () => {
  test('soak passed: the exact dev digest lands in stage, one commit with the gate verdicts', async () => {
    const repo = await templateRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.1.0')], hoursAgo(3));
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--requested-by', 'alice', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ status: 'succeeded', from: 'dev', to: 'stage', commit: remoteHead(repo) });
    expect(result.promotions).toEqual([expect.objectContaining({ app: 'user-service', image: templateImage('user-service', '1.1.0'), manifest: 'stage/user-service/kustomization.yaml' })]);
    expect(readRemoteFile(repo, 'stage/user-service/kustomization.yaml')).toContain(`digest: ${templateImage('user-service', '1.1.0').split('@')[1]}`);
    const t = trailers(repo);
    expect(t).toMatch(/^Ferry-Action: promote\nFerry-Env: stage\nFerry-From: dev\nFerry-App: user-service\nFerry-Image: \S+:1\.1\.0@sha256:[0-9a-f]{64}\nFerry-Previous-Image: \S+:1\.0\.0@sha256:[0-9a-f]{64}\nFerry-Gate: blocked=pass\(no digest is blocked\) soak=pass\(3h\d*[ms]?>=30m\)\nFerry-Requested-By: alice$/);
    expect(execFileSync('git', ['-C', repo, 'log', '-1', '--format=%s', 'main']).toString().trim()).toMatch(/^promote\(stage\): user-service 1\.1\.0 \(sha256:[0-9a-f]{12}\) from dev$/);
  });

  test('soak not passed: stopped, every verdict printed, nothing written; --override soak --reason lets it through and records it', async () => {
    const repo = await templateRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.2.0')]);
    const head = remoteHead(repo);
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/gates:\n {2}blocked {3}pass {2}no digest is blocked\n {2}soak {6}fail {2}\d+s<30m/);
    expect(r.stderr).toContain('stopped by gates; nothing written');
    expect(remoteHead(repo)).toBe(head);
    const o = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--override', 'soak', '--reason', 'hotfix for INC-42']);
    expect(o.code, o.stderr).toBe(0);
    expect(trailers(repo)).toMatch(/Ferry-Gate: blocked=pass\(no digest is blocked\) soak=fail\(\d+s<30m\)\nFerry-Override: soak\nFerry-Reason: hotfix for INC-42/);
  });

  test('--override of a gate that passed: nothing to override, so no Ferry-Override in the commit or the result, and the CLI says so', async () => {
    const repo = await templateRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.2.0')], hoursAgo(3));
    const planned = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--override', 'soak', '--reason', 'not needed', '--json', '--dry-run']);
    expect(planned.code, planned.stderr).toBe(0);
    expect(JSON.parse(planned.stdout)).not.toHaveProperty('override');
    expect(planned.stderr).toContain('ferry promote: note: the soak gate passed: its override is not recorded (an override is for a gate that does not pass)');
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--override', 'soak', '--reason', 'not needed']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ {2}soak {6}pass {2}3h\d*[ms]?>=30m\n {2}\(--override soak: the soak gate passed: its override is not recorded/);
    expect(trailers(repo)).not.toContain('Ferry-Override');
    expect(trailers(repo)).not.toContain('not needed');
  });

  test('approvals: none, or only the requester\'s, stop prod; another person\'s approval passes and is recorded', async () => {
    const repo = await templateRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '2.0.0')], hoursAgo(10));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'order-service'], hoursAgo(5));
    const none = await ferry(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', 'order-service', '--requested-by', 'alice', '--json']);
    expect(none.code).toBe(1);
    expect(JSON.parse(none.stdout).gates).toContainEqual({ gate: 'approvals', verdict: 'fail', reason: '0/1' });
    const self = await ferry(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', 'order-service', '--requested-by', 'alice', '--approved-by', 'alice', '--json']);
    expect(JSON.parse(self.stdout).gates).toContainEqual({ gate: 'approvals', verdict: 'fail', reason: "0/1, the requester's own approval does not count" });
    const approved = await ferry(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', 'order-service', '--requested-by', 'alice', '--approved-by', 'bob']);
    expect(approved.code, approved.stderr).toBe(0);
    expect(trailers(repo)).toMatch(/Ferry-Gate: blocked=pass\(no digest is blocked\) soak=pass\(5h\d*[ms]?>=2h\) approvals=pass\(1\/1\)\nFerry-Requested-By: alice\nFerry-Approved-By: bob$/);
  });

  test('a blocked digest of an app asked for by name stops the promotion, and no override lets it through', async () => {
    const repo = await templateRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.3.0')], hoursAgo(3));
    await ferryOk(['block', '--repo', repo, '--app', 'user-service', '--image', templateImage('user-service', '1.3.0'), '--reason', 'CVE']);
    const head = remoteHead(repo);
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'stopped', gates: expect.arrayContaining([{ gate: 'blocked', verdict: 'fail', reason: expect.stringMatching(/^blocked: user-service@sha256:[0-9a-f]{12}(?: by \S+)? at \d{4}-\d\d-\d\dT[\d:]+Z: CVE$/) }]) });
    const text = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service']);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('stopped by gates; nothing written (a blocked digest cannot be overridden: leave user-service out, or `ferry unblock` it first)');
    // Asking to override it is bad input, said before anything is read.
    const asked = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all', '--override', 'blocked', '--reason', 'please']);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toMatch(/override: a blocked digest cannot be overridden/);
    // Overriding another gate lets nothing through either.
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '2.3.0')]);
    const other = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--app', 'order-service', '--override', 'soak', '--reason', 'hotfix', '--json']);
    expect(other.code).toBe(1);
    expect(JSON.parse(other.stdout).status).toBe('stopped');
    expect(remoteHead(repo)).not.toBe(head); // (the bump)
    expect(readRemoteFile(repo, 'stage/user-service/kustomization.yaml')).not.toContain(templateImage('user-service', '1.3.0').split('@')[1]);
    // (--all leaves it out instead: block-every-app.test.ts.)
  });

  test('soak counts from the Ferry pin that began the digest\'s run in the source environment: a digest put back there by hand has none, and is an error', async () => {
    const repo = await templateRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '2.0.0')], hoursAgo(48));
    const before = readRemoteFile(repo, 'dev/user-service/kustomization.yaml')!;
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '3.0.0')], hoursAgo(24));
    await commitByHand(repo, { 'dev/user-service/kustomization.yaml': before }, 'back to 2.0.0 by hand');
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--json']);
    expect(r.code).toBe(1);
    const handEdit = remoteHead(repo).slice(0, 12);
    expect(JSON.parse(r.stdout).gates).toContainEqual({ gate: 'soak', verdict: 'error', reason: `cannot tell since when user-service ran in dev: ${handEdit} put ${templateImage('user-service', '2.0.0').split('@')[1]!.slice(0, 19)} there without a Ferry pin of it (a change by hand), so its time there is unknown` });
    expect(JSON.parse(r.stdout).promotions[0].sourceCommit).toBeUndefined();
  });

  test('soak of the template\'s pin (ferry init\'s) is an error that names it as such, not as a change by hand', async () => {
    const repo = await templateRepo();
    // (stage changed by hand, so that it differs from dev, which still pins what ferry init put there)
    const stage = readRemoteFile(repo, 'stage/user-service/kustomization.yaml')!.replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${templateImage('user-service', '0.9.0').split('@')[1]}`);
    await commitByHand(repo, { 'stage/user-service/kustomization.yaml': stage }, 'stage by hand');
    const init = execFileSync('git', ['-C', repo, 'rev-list', '--max-parents=0', 'main']).toString().trim();
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--json']);
    expect(r.code).toBe(1);
    const digest = readRemoteFile(repo, 'dev/user-service/kustomization.yaml')!.match(/sha256:[0-9a-f]{64}/)![0];
    expect(JSON.parse(r.stdout).gates).toContainEqual({ gate: 'soak', verdict: 'error', reason: `cannot tell since when user-service ran in dev: ${digest.slice(0, 19)} is the template's pin, put there by ferry init (${init.slice(0, 12)}), not by a bump or promotion, so its time there is unknown` });
    // A later hand commit that says it is ferry init's is a change by hand (audit holds only the first commit as init).
    const dev = readRemoteFile(repo, 'dev/user-service/kustomization.yaml')!.replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${templateImage('user-service', '6.6.6').split('@')[1]}`);
    await commitByHand(repo, { 'dev/user-service/kustomization.yaml': dev }, 'pin by hand\n\nFerry-Action: init');
    const forged = remoteHead(repo);
    const again = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).gates).toContainEqual({ gate: 'soak', verdict: 'error', reason: `cannot tell since when user-service ran in dev: ${forged.slice(0, 12)} put ${templateImage('user-service', '6.6.6').split('@')[1]!.slice(0, 19)} there without a Ferry pin of it (a change by hand), so its time there is unknown` });
  });

  test('soak counts from the digest\'s run in the source environment: replaced by hand and put back, its hours before do not count', async () => {
    const repo = await templateRepo();
    const image = templateImage('user-service', '1.6.0');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', image], hoursAgo(3));
    const pinned = readRemoteFile(repo, 'dev/user-service/kustomization.yaml')!;
    await commitByHand(repo, { 'dev/user-service/kustomization.yaml': pinned.replace(image.split('@')[1]!, templateImage('user-service', 'other').split('@')[1]!) }, 'another digest, by hand');
    await commitByHand(repo, { 'dev/user-service/kustomization.yaml': pinned }, 'back, by hand');
    const back = remoteHead(repo);
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--dry-run', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).gates).toContainEqual({ gate: 'soak', verdict: 'error', reason: expect.stringMatching(new RegExp(`^cannot tell since when user-service ran in dev: ${back.slice(0, 12)} put sha256:[0-9a-f]{12} there without a Ferry pin of it`)) });
    // A hand edit that leaves the digest as it is (a comment) does not break the run.
    const other = await templateRepo();
    await ferryOk(['bump', '--repo', other, '--env', 'dev', '--app', 'user-service', '--image', image], hoursAgo(3));
    await commitByHand(other, { 'dev/user-service/kustomization.yaml': `# reviewed\n${readRemoteFile(other, 'dev/user-service/kustomization.yaml')!}` }, 'a comment, by hand');
    const ok = await ferry(['promote', '--repo', other, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--dry-run', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).gates).toContainEqual({ gate: 'soak', verdict: 'pass', reason: expect.stringMatching(/^(2h59m|3h\d*[ms]?)>=30m$/) });
  });

  test('a digest pinned again under another tag has run since its first pin: soak does not start again, and the plan says the target runs it already', async () => {
    const repo = await templateRepo();
    const ga = templateImage('order-service', '3.1.0').replace(':3.1.0@', ':3.1.0-ga@');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '3.1.0')], hoursAgo(1));
    const first = remoteHead(repo);
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'order-service', '--override', 'soak', '--reason', 'test', '--requested-by', 'alice']);
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'order-service', '--image', ga]);
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'order-service', '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.promotions[0]).toMatchObject({ image: ga, sourceCommit: first });
    expect(out.gates).toContainEqual({ gate: 'soak', verdict: 'pass', reason: expect.stringMatching(/^(59m\d*s?|1h\d*[ms]?)>=30m$/) });
    const text = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'order-service', '--dry-run']);
    expect(text.stdout).toContain('(the same digest under another tag: stage runs it already)');
  });

  test('the plan names each app asked for that will not change, in text and --json', async () => {
    const repo = await templateRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.3.0')], hoursAgo(3));
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all', '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.promotions.map((p: { app: string }) => p.app)).toEqual(['user-service']);
    expect(out.unchanged).toEqual([{ app: 'order-service', image: expect.stringMatching(/order-service:\S+@sha256:[0-9a-f]{64}$/) }]);
    const text = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all', '--dry-run']);
    // (A tag and a short digest, as status shows them: --json has the reference whole.)
    expect(text.stdout).toMatch(/^ {2}order-service {2}unchanged: stage already pins [\w.-]+ sha256:[0-9a-f]{12}$/m);
  });

  test('where approvals are required, a promotion without a requester is an error: no approval can be told apart from the requester\'s', async () => {
    const repo = await templateRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'stage', '--app', 'user-service', '--image', templateImage('user-service', '1.3.0')], hoursAgo(5));
    const head = remoteHead(repo);
    const r = await ferry(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', 'user-service', '--approved-by', 'bob', '--json'], { env: { GITHUB_ACTOR: '' } });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).gates).toContainEqual({ gate: 'approvals', verdict: 'error', reason: expect.stringMatching(/^no requester given, so no approval can be told apart from the requester's own/) });
    expect(remoteHead(repo)).toBe(head);
    await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', 'user-service', '--approved-by', 'bob', '--requested-by', 'alice']);
    expect(trailers(repo)).toMatch(/approvals=pass\(1\/1\)\nFerry-Requested-By: alice\nFerry-Approved-By: bob$/);
  });

  test('--override of a gate the target does not have is bad input (exit 2), nothing written; a stopped --dry-run still shows the diff', async () => {
    const repo = await templateRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.3.0')]);
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all', '--override', 'approvals', '--reason', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('override: "stage" has no approvals gate to override (its gates: blocked, soak)');
    const dry = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all', '--dry-run']);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/soak {6}fail {2}\d+s<30m\n--- a\/stage\/user-service\/kustomization\.yaml\n\+\+\+ b\/stage\/user-service\/kustomization\.yaml\n/);
  });

  test('the last Ferry pin is the last in history, not the one with the latest date (GIT_COMMITTER_DATE set back is honoured)', async () => {
    const repo = await templateRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '5.0.0')]);
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '5.1.0')], hoursAgo(3));
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--json']);
    expect(r.code, r.stdout).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.promotions[0]).toMatchObject({ image: templateImage('user-service', '5.1.0'), sourceCommit: execFileSync('git', ['-C', repo, 'rev-parse', 'main~1']).toString().trim() });
    expect(out.gates).toContainEqual({ gate: 'soak', verdict: 'pass', reason: expect.stringMatching(/^(2h59m|3h)[\dms]*>=30m$/) });
  });

  test('soak counts from when a pin reached the branch: a bump made on a branch days ago and merged now has soaked for minutes', async () => {
    const repo = await templateRepo();
    execFileSync('git', ['-C', repo, 'branch', 'feature', 'main']);
    await ferryOk(['bump', '--repo', repo, '--branch', 'feature', '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '2.1.0')], hoursAgo(96));
    const work = await mkdtemp(join(root, 'merge-'));
    const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Rita', '-c', 'user.email=r@example.invalid', ...args]);
    execFileSync('git', ['clone', '--quiet', repo, work]);
    git('merge', '--quiet', '--no-ff', '-m', 'Merge feature', 'origin/feature');
    git('push', '--quiet', 'origin', 'HEAD:main');
    const merge = git('rev-parse', 'HEAD').toString().trim();
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    const landed = execFileSync('git', ['-C', repo, 'log', '-1', '--format=%cI', merge]).toString().trim();
    // (It passes 30 minutes after the merge, not after the bump.)
    const passesAt = new Date(Date.parse(landed) + 30 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(out.gates).toContainEqual({ gate: 'soak', verdict: 'fail', reason: expect.stringMatching(/^\d+s<30m$|^\dm\d*s?<30m$/), shortOfTime: [{ app: 'user-service', passesAt }] });
    expect(out.promotions[0].sourceDate).toBe(landed);
  });

  test('a head that moved while the promotion ran is read again: a digest pinned again meanwhile counts its soak from then', async () => {
    const repo = await templateRepo();
    // The approvals are read for a target with an approvals gate: stage gets one.
    await commitByHand(repo, { 'ferry.yaml': readRemoteFile(repo, 'ferry.yaml')!.replace('      soak: 30m', '      soak: 30m\n      approvals: 1') }, 'stage needs an approval');
    const [d, e] = [templateImage('user-service', '3.1.0'), templateImage('user-service', '3.2.0')];
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', d], hoursAgo(2));
    // While the promotion reads its approvals, dev moves on to e and is rolled back to d: d's pin is now minutes old.
    const result = await runPromote({
      repo, branch: 'main', from: 'dev', to: 'stage', apps: ['user-service'], all: false, approvedBy: [], requestedBy: 'alice', dryRun: false,
      approvers: async () => {
        await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', e]);
        await ferryOk(['rollback', '--repo', repo, '--env', 'dev', '--app', 'user-service']);
        return ['bob'];
      },
    });
    expect(result.status).toBe('stopped');
    const passesAt = new Date(Date.parse(result.promotions[0]!.sourceDate!) + 30 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(result.gates).toContainEqual({ gate: 'soak', verdict: 'fail', reason: expect.stringMatching(/^\d+s<30m$|^\dm\d*s?<30m$/), shortOfTime: [{ app: 'user-service', passesAt }] });
    expect(readRemoteFile(repo, 'stage/user-service/kustomization.yaml')).not.toContain(d.split('@')[1]);
  });

  test('a freeze that begins before the write stops it: the gates of the plan written are judged at the time of writing', async () => {
    const repo = await templateRepo();
    await commitByHand(repo, { 'ferry.yaml': readRemoteFile(repo, 'ferry.yaml')!.replace('      soak: 30m', '      soak: 30m\n      approvals: 1\n      freeze: [{ from: "2030-01-01", to: "2030-01-02", timezone: UTC }]') }, 'freeze');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.7.0')], hoursAgo(3));
    const head = remoteHead(repo);
    // The approvals (of stage's approvals gate) are read after a first plan (as the action reads GitHub's): the clock moves on meanwhile.
    const times = ['2029-12-31T23:59:00Z', '2030-01-01T00:01:00Z'];
    let calls = 0;
    const result = await runPromote({
      repo, branch: 'main', from: 'dev', to: 'stage', apps: ['user-service'], all: false, approvedBy: [], requestedBy: 'alice', dryRun: false,
      approvers: async () => ['bob'], now: () => new Date(times[Math.min(calls++, 1)]!),
    });
    expect(calls).toBeGreaterThan(1);
    expect(result.status).toBe('stopped');
    expect(result.gates).toContainEqual({ gate: 'freeze', verdict: 'fail', reason: 'frozen 2030-01-01 to 2030-01-02 UTC, now Tue 2030-01-01 00:01' });
    expect(remoteHead(repo)).toBe(head);
  });

  test('an analysis gate fails closed: no Prometheus address is bad config (exit 2); an unreachable Prometheus is an error verdict; not run while soak fails', async () => {
    const repo = await templateRepo();
    const gated = readRemoteFile(repo, 'ferry.yaml')!.replace('      soak: 30m', '      soak: 30m\n      analysis: [up]');
    const template = 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata:\n  name: up\nspec:\n  metrics:\n    - name: up\n      consecutiveErrorLimit: 0\n      successCondition: result[0] == 1\n      provider:\n        prometheus:\n          address: http://prometheus.monitoring:9090\n          query: up\n';
    await commitByHand(repo, { 'ferry.yaml': gated, 'analysis/up.yaml': template }, 'analysis gate');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.4.0')], hoursAgo(3));
    const head = remoteHead(repo);
    const noAddress = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service']);
    expect(noAddress.code).toBe(2);
    expect(noAddress.stderr).toContain('ferry.yaml: prometheus.address: the analysis gates of "stage" query Prometheus: set prometheus: { address: <url> } in ferry.yaml, or give --prometheus <url>');
    const closed = `http://127.0.0.1:${await freePort()}`;
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--prometheus', closed, '--json']);
    expect(r.code).toBe(1);
    const gate = JSON.parse(r.stdout).gates.find((g: { gate: string }) => g.gate === 'analysis');
    expect(gate).toMatchObject({ verdict: 'error', reason: 'up: up Error 0/1 1 error' });
    expect(JSON.parse(r.stdout).analysis.runs[0].run.metrics[0].measurements[0].message).toContain(closed.replace('http://', ''));
    expect(remoteHead(repo)).toBe(head);
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.4.1')]);
    const young = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--prometheus', closed, '--json']);
    expect(young.code).toBe(1);
    expect(JSON.parse(young.stdout).gates).toContainEqual({ gate: 'analysis', verdict: 'error', reason: 'not run: soak did not pass', notRun: true });
    expect(JSON.parse(young.stdout).analysis).toBeUndefined();
  });

  test('a freeze window around now stops the promotion; --override freeze --reason lets it through', async () => {
    const repo = await templateRepo();
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await commitByHand(repo, { 'ferry.yaml': readRemoteFile(repo, 'ferry.yaml')!.replace('      soak: 30m', `      soak: 30m\n      freeze: [{ from: "${day(-1)}", to: "${day(2)}", timezone: UTC }]`) }, 'freeze');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.6.0')], hoursAgo(3));
    const head = remoteHead(repo);
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).gates).toContainEqual({ gate: 'freeze', verdict: 'fail', reason: expect.stringMatching(new RegExp(`^frozen ${day(-1)} to ${day(2)} UTC, now [A-Z][a-z]{2} \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$`)) });
    expect(remoteHead(repo)).toBe(head);
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--override', 'freeze', '--reason', 'security fix']);
    expect(trailers(repo)).toMatch(/freeze=fail\(frozen .*\)\nFerry-Override: freeze\nFerry-Reason: security fix/);
  });

  test('several apps promote as one commit; nothing left to promote is skipped', async () => {
    const repo = await templateRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.5.0')], hoursAgo(3));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '2.5.0')], hoursAgo(2));
    const before = remoteHead(repo);
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all']);
    expect(execFileSync('git', ['-C', repo, 'rev-list', '--count', `${before}..main`]).toString().trim()).toBe('1');
    const t = trailers(repo);
    expect(t.match(/^Ferry-App: .*$/gm)).toEqual(['Ferry-App: user-service', 'Ferry-App: order-service']);
    expect(t).toMatch(/soak=pass\(2h\d*[ms]?>=30m order-service\)/);
    const again = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'skipped', promotions: [] });
  });

  test('a digest a rollback in the target moved away from: the plan says who rolled it back, when and why (text and --json); a note, not a gate; pinned again, no note', async () => {
    const repo = await templateRepo();
    const [one, two, three] = [templateImage('user-service', '1.1.0'), templateImage('user-service', '1.2.0'), templateImage('user-service', '1.3.0')];
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', one], hoursAgo(10));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service'], hoursAgo(9));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', two], hoursAgo(5));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service'], hoursAgo(4));
    const at = hoursAgo(1);
    await ferryOk(['rollback', '--repo', repo, '--env', 'stage', '--app', 'user-service', '--reason', 'INC-11', '--requested-by', 'rm'], at);
    const rollback = remoteHead(repo);
    const line = `rolled back from in stage by rm at ${at.replace('T', ' ')} (commit ${rollback.slice(0, 12)}): INC-11`;

    const text = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all', '--dry-run']);
    expect(text.code, text.stderr).toBe(0);
    const pin = (image: string) => `${image.split(':').at(-2)!.split('@')[0]} ${image.split('@')[1]!.slice(0, 19)}`;
    expect(text.stdout).toContain(`\n  user-service  ${pin(one)} -> ${pin(two)}\n    in dev `);
    expect(text.stdout).toMatch(new RegExp(`\\n {4}in dev \\S+, since \\d{4}-\\d\\d-\\d\\d [\\d:]+Z \\([0-9a-f]{12}[^)\\n]*\\)\\n {4}${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n {2}order-service {2}unchanged`));
    const json = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result.status).toBe('succeeded');
    expect(result.promotions[0]).toMatchObject({ app: 'user-service', image: two, rolledBack: { env: 'stage', commit: rollback, date: expect.stringMatching(/^\d{4}-/), by: 'rm', reason: 'INC-11' } });
    expect(new Date(result.promotions[0].rolledBack.date).toISOString().replace('.000', '')).toBe(at);
    expect(readRemoteFile(repo, 'stage/user-service/kustomization.yaml')).toContain(two.split('@')[1]);

    // Pinned there again (the promotion above): moved on and brought back, no note.
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', three], hoursAgo(1));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service']);
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', two], hoursAgo(1));
    const again = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--dry-run', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).promotions[0]).not.toHaveProperty('rolledBack');
  });

  test.each([
    ['a target not promoted from the source', ['--from', 'dev', '--to', 'prod', '--all'], /error: from: "prod" is promoted from "stage", not "dev"; from "dev", promote --to "stage"\n/],
    // (It said `from: "dev" is promoted from nothing …, not "stage"`: --to is what is wrong.)
    ['the first environment as the target, named by --to', ['--from', 'stage', '--to', 'dev', '--all'], /error: to: "dev" is the first environment: nothing is promoted into it \(its images are pinned with ferry bump\); from "stage", promote --to "prod"\n/],
    ['the first environment as the target, from the last', ['--from', 'prod', '--to', 'dev', '--all'], /error: to: "dev" is the first environment: nothing is promoted into it \(its images are pinned with ferry bump\); nothing is promoted from "prod"\n/],
    ['neither --app nor --all', ['--from', 'dev', '--to', 'stage'], /give --app <app> \(one or more\) or --all/],
    ['an unknown target, named by its option', ['--from', 'stage', '--to', 'qa', '--all'], /error: to: no environment "qa" in ferry\.yaml/],
    ['an unknown source, named by its option', ['--from', 'qa', '--to', 'stage', '--all'], /error: from: no environment "qa" in ferry\.yaml/],
    ['an unknown gate to override', ['--from', 'dev', '--to', 'stage', '--all', '--override', 'luck', '--reason', 'x'], /override: expected one of soak, approvals, freeze, analysis, compare, found "luck"/],
    ['an app given twice', ['--from', 'dev', '--to', 'stage', '--app', 'user-service', '--app', 'user-service'], /app: "user-service" is given more than once/],
    ['an empty --requested-by (which would drop GITHUB_ACTOR)', ['--from', 'stage', '--to', 'prod', '--all', '--requested-by', '', '--approved-by', 'alice'], /--requested-by: must not be empty/],
    ['--override without --reason', ['--from', 'dev', '--to', 'stage', '--all', '--override', 'soak'], /--override <gate> and --reason <text> go together/],
    ['a reason that forges a trailer', ['--from', 'dev', '--to', 'stage', '--all', '--override', 'soak', '--reason', 'x\nFerry-Approved-By: mallory'], /reason: must be one line/],
    ['a reason a reader would not see (a zero-width space)', ['--from', 'dev', '--to', 'stage', '--all', '--override', 'soak', '--reason', '\u200b'], /reason: must hold visible text, found "\\u200b"/],
    ['an app name that forges a trailer', ['--from', 'dev', '--to', 'stage', '--app', 'user-service\nFerry-Approved-By: mallory'], /no app "user-service\\nFerry-Approved-By: mallory" in ferry\.yaml/],
    ['an approver that forges a trailer', ['--from', 'stage', '--to', 'prod', '--all', '--approved-by', 'bob\nFerry-Gate: soak=pass'], /approved-by: must be one line/],
    ['an approver that is no GitHub login (a Markdown link)', ['--from', 'stage', '--to', 'prod', '--all', '--approved-by', '[bob](https://evil.example)'], /approved-by: expected a GitHub login .*, found "\[bob\]\(https:\/\/evil\.example\)"/],
    ['an approver that is a look-alike of the requester (Cyrillic а)', ['--from', 'stage', '--to', 'prod', '--all', '--requested-by', 'alice', '--approved-by', '\u0430lice'], /approved-by: expected a GitHub login/],
    ['an approver that is a GitHub App (name[bot]): no person', ['--from', 'stage', '--to', 'prod', '--all', '--requested-by', 'alice', '--approved-by', 'release-bot[bot]'], /approved-by: "release-bot\[bot\]" is a GitHub App, not a person: the approvals gate counts people other than the requester/],
    ['a requester that is no GitHub login', ['--from', 'stage', '--to', 'prod', '--all', '--requested-by', '@alice', '--approved-by', 'bob'], /requested-by: expected a GitHub login .*, found "@alice"/],
  ])('bad input: %s: exit 2, nothing written', async (_name, args, message) => {
    const repo = await templateRepo();
    const head = remoteHead(repo);
    const r = await ferry(['promote', '--repo', repo, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(remoteHead(repo)).toBe(head);
  });

  test('one app of several short of soak: the advice says when it passes and names the others to promote meanwhile; one app alone: when it passes; --json gives each app short of the time', async () => {
    const repo = await templateRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.6.0')], hoursAgo(3));
    const fresh = hoursAgo(0.1);
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '2.6.0')], fresh);
    const passes = new Date(Date.parse(fresh) + 30 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const head = remoteHead(repo);
    const all = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all']);
    expect(all.code).toBe(1);
    expect(all.stderr).toContain(`ferry promote: stopped by gates; nothing written (soak passes for order-service at ${passes.replace('T', ' ')}; promote the others by name now (--app user-service), or --override <gate> --reason <text> records an exception)`);
    const json = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).gates).toContainEqual({ gate: 'soak', verdict: 'fail', reason: expect.stringMatching(/<30m \(order-service\)$/), shortOfTime: [{ app: 'order-service', passesAt: passes }] });
    const one = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'order-service']);
    expect(one.code).toBe(1);
    expect(one.stderr).toContain(`nothing written (soak passes at ${passes.replace('T', ' ')}; --override <gate> --reason <text> records an exception)`);
    expect(remoteHead(repo)).toBe(head);
  });

  test('--help gives the exit code of a dry run that plans', async () => {
    const help = await ferry(['promote', '--help']);
    expect(help.stdout).toContain('Exit codes: 0 promoted, skipped, or planned (--dry-run, the gates passing), 1\nstopped by a gate (a dry run too) or failed, 2 bad usage or bad input.');
  });
});
