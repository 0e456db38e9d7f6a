// ferry audit of what merges bring in when the merge itself changes no guarded file, or changes one
// to a version no checked commit made: a hand edit merged with `-s ours` and brought back by a
// later merge, a hand edit brought back by a merge after its revert, a block moved off the line by
// a fast-forward `-s ours` merge; and what honest merges must not make it report. Then --env and
// the range of --since/--until (a stretch of the first-parent line, whatever a commit's own date).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRemoteFile } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';
import { TEMPLATE_REGISTRY, ferryOk, hoursAgo, initTemplateRepo, templateImage } from '../support/template-repo.js';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-audit-sides-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

type Report = { commit: string; violations: { rule: string; env?: string; app?: string; commit: string; date: string; message: string }[]; checked: number; after?: string; range?: { first?: string; last?: string } };

async function auditJson(repo: string, ...extra: string[]): Promise<{ code: number | null; report: Report }> {
  const r = await ferry(['audit', '--repo', repo, '--format', 'json', ...extra]);
  expect(r.stderr).toBe('');
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
}

const rows = (report: Report) => report.violations.map((v) => [v.commit, v.rule, v.env, v.app]);

/** A template env repo where user-service went dev -> stage -> prod the proper way. */
async function cleanRepo(): Promise<string> {
  const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
  await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.1.0'), '--requested-by', 'alice'], hoursAgo(10));
  await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--requested-by', 'alice'], hoursAgo(8));
  await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', 'user-service', '--requested-by', 'alice', '--approved-by', 'bob'], hoursAgo(5));
  return repo;
}

/** A clone of `repo` to make commits and merges in with plain git; `git` runs in it and returns its output. */
async function workTree(repo: string): Promise<{ git: (...args: string[]) => string; edit: (path: string, digest: string) => void; done: () => Promise<void> }> {
  const work = await mkdtemp(join(root, 'work-'));
  execFileSync('git', ['clone', '--quiet', repo, work]);
  const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Mallory', '-c', 'user.email=m@example.invalid', ...args]).toString().trim();
  const edit = (path: string, digest: string) => {
    const file = join(work, path);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/digest: sha256:[0-9a-f]{64}/, `digest: sha256:${digest.repeat(64)}`));
  };
  return { git, edit, done: () => rm(work, { recursive: true, force: true }) };
}

describe('what a merge brings in, when the merge itself changes no guarded file', () => {
  test('a hand edit merged with -s ours (the tree unchanged), then brought into prod by a merge of a branch cut from it: the edit and the merge that brought it back are flagged', async () => {
    const repo = await cleanRepo();
    const path = 'prod/order-service/kustomization.yaml';
    const { git, edit, done } = await workTree(repo);
    git('checkout', '--quiet', '-b', 'h');
    edit(path, '6');
    git('commit', '--quiet', '-am', 'wip');
    const wip = git('rev-parse', 'HEAD');
    git('checkout', '--quiet', 'main');
    git('merge', '--quiet', '-s', 'ours', '--no-ff', 'h', '-m', "Merge branch 'h'");
    git('checkout', '--quiet', '-b', 's', 'h');
    git('commit', '--quiet', '--allow-empty', '-m', 'docs');
    git('checkout', '--quiet', 'main');
    git('merge', '--quiet', '--no-ff', '--no-commit', 's');
    git('checkout', 's', '--', path); // (the merge takes the branch's file)
    git('commit', '--quiet', '-m', "Merge branch 's'");
    const merge = git('rev-parse', 'HEAD');
    git('push', '--quiet', 'origin', 'main');
    await done();
    expect(readRemoteFile(repo, path)).toContain(`sha256:${'6'.repeat(64)}`);
    const { code, report } = await auditJson(repo);
    // (Each put a digest stage never had in prod by hand: skipped-stage too.)
    expect(rows(report)).toEqual([wip, merge].flatMap((c) => [[c, 'unrecorded-change', 'prod', 'order-service'], [c, 'skipped-stage', 'prod', 'order-service']]));
    expect(code).toBe(1);
  });

  test('a hand edit, its git revert, then a merge of a branch cut from the hand edit brings the edit back: the merge is flagged too', async () => {
    const repo = await cleanRepo();
    const path = 'prod/user-service/kustomization.yaml';
    const { git, edit, done } = await workTree(repo);
    edit(path, '7');
    git('commit', '--quiet', '-am', 'hotfix prod (oops)');
    const hotfix = git('rev-parse', 'HEAD');
    git('branch', 'side');
    git('revert', '--no-edit', 'HEAD');
    const revert = git('rev-parse', 'HEAD');
    git('checkout', '--quiet', 'side');
    git('commit', '--quiet', '--allow-empty', '-m', 'docs');
    git('checkout', '--quiet', 'main');
    git('merge', '--quiet', '--no-ff', '--no-commit', 'side');
    git('checkout', 'side', '--', path);
    git('commit', '--quiet', '-m', "Merge branch 'side'");
    const merge = git('rev-parse', 'HEAD');
    git('push', '--quiet', 'origin', 'main');
    await done();
    expect(readRemoteFile(repo, path)).toContain(`sha256:${'7'.repeat(64)}`);
    const { report } = await auditJson(repo);
    // (The hotfix and the merge put a digest stage never had in prod by hand: skipped-stage too; the revert put back what it had.)
    expect(rows(report)).toEqual([hotfix, revert, merge].flatMap((c) => [[c, 'unrecorded-change', 'prod', 'user-service'], ...(c === revert ? [] : [[c, 'skipped-stage', 'prod', 'user-service']])]));
  });

  test('a block moved off the first-parent line by a fast-forward -s ours merge still blocks: the promotions of the blocked digest are flagged', async () => {
    const repo = await cleanRepo();
    const bad = templateImage('user-service', '6.6.6');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', bad, '--requested-by', 'alice'], hoursAgo(4));
    await ferryOk(['block', '--repo', repo, '--app', 'user-service', '--image', bad, '--reason', 'CVE-2026-1 RCE', '--requested-by', 'sec']);
    const { git, done } = await workTree(repo);
    git('checkout', '--quiet', '-b', 'x', 'HEAD~1');
    git('merge', '--quiet', '-s', 'ours', '--no-ff', 'main', '-m', "Merge branch 'main'");
    git('push', '--quiet', 'origin', 'HEAD:main'); // (a fast-forward: the block is now off the line)
    await done();
    expect(readRemoteFile(repo, 'blocked.yaml') ?? '').not.toContain(bad.split('@')[1]);
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--requested-by', 'mallory', '--override', 'soak', '--reason', 'urgent'], hoursAgo(3));
    await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', 'user-service', '--requested-by', 'mallory', '--approved-by', 'bob', '--override', 'soak', '--reason', 'urgent']);
    const { code, report } = await auditJson(repo);
    expect(report.violations.map((v) => [v.rule, v.env])).toEqual([['blocked-digest', 'stage'], ['blocked-digest', 'prod']]);
    expect(code).toBe(1);
  });

  test('an unblock on a branch that a merge discarded (-s ours) lifts nothing: a later pin of the digest is flagged', async () => {
    const repo = await cleanRepo();
    const bad = templateImage('user-service', '6.6.6');
    await ferryOk(['block', '--repo', repo, '--app', 'user-service', '--image', bad, '--reason', 'CVE', '--requested-by', 'sec']);
    execFileSync('git', ['-C', repo, 'branch', 'ferry/unblock', 'main']);
    await ferryOk(['unblock', '--repo', repo, '--branch', 'ferry/unblock', '--app', 'user-service', '--image', bad, '--reason', 'fixed', '--requested-by', 'sec']);
    const { git, done } = await workTree(repo);
    git('merge', '--quiet', '-s', 'ours', '--no-ff', 'origin/ferry/unblock', '-m', 'Merge branch ferry/unblock');
    git('push', '--quiet', 'origin', 'main');
    await done();
    expect(readRemoteFile(repo, 'blocked.yaml')).toContain(bad.split('@')[1]);
    // (Ferry refuses to pin a blocked digest: the pin is made by a forged Ferry commit.)
    const path = 'dev/user-service/kustomization.yaml';
    const text = readRemoteFile(repo, path)!.replace(/newTag: \S+/, 'newTag: 6.6.6').replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${bad.split('@')[1]}`);
    const pin = await commitByHand(repo, { [path]: text }, ['bump(dev): user-service 6.6.6', '', 'Ferry-Action: bump', 'Ferry-Env: dev', 'Ferry-App: user-service', `Ferry-Image: ${bad}`, `Ferry-Previous-Image: ${templateImage('user-service', '1.1.0')}`, 'Ferry-Requested-By: alice', ''].join('\n'));
    const { report } = await auditJson(repo);
    expect(rows(report)).toEqual([[pin, 'blocked-digest', 'dev', 'user-service']]);
  });
});

describe('honest merges stay clean', () => {
  test('main merged into a Ferry branch and the branch merged back, after main moved on again; a Ferry bump merged with -s ours (discarded) and the line pinned on: no violation', async () => {
    const repo = await cleanRepo();
    execFileSync('git', ['-C', repo, 'branch', 'ferry/one', 'main']);
    await ferryOk(['bump', '--repo', repo, '--branch', 'ferry/one', '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '2.0.0'), '--requested-by', 'alice']);
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.2.0'), '--requested-by', 'alice']);
    const { git, done } = await workTree(repo);
    git('checkout', '--quiet', '-b', 'one', 'origin/ferry/one');
    git('merge', '--quiet', '--no-ff', '-m', "Merge branch 'main' into ferry/one", 'origin/main');
    git('push', '--quiet', 'origin', 'one:ferry/one');
    await done();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.3.0'), '--requested-by', 'alice']);
    const second = await workTree(repo);
    second.git('merge', '--quiet', '--no-ff', '-m', 'Merge pull request #1 from acme/ferry/one', 'origin/ferry/one');
    second.git('push', '--quiet', 'origin', 'main');
    await second.done();
    expect((await auditJson(repo)).report.violations).toEqual([]);

    // A pin on a branch that a merge discards: the line's pin is the one on record.
    execFileSync('git', ['-C', repo, 'branch', 'ferry/two', 'main']);
    await ferryOk(['bump', '--repo', repo, '--branch', 'ferry/two', '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '9.0.0'), '--requested-by', 'alice']);
    const third = await workTree(repo);
    third.git('merge', '--quiet', '-s', 'ours', '--no-ff', '-m', 'Merge branch ferry/two', 'origin/ferry/two');
    third.git('push', '--quiet', 'origin', 'main');
    await third.done();
    const { code, report } = await auditJson(repo);
    expect(report.violations).toEqual([]);
    expect(code).toBe(0);
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.4.0'), '--requested-by', 'alice']);
    expect((await auditJson(repo)).report.violations).toEqual([]);
  });

  // helper-184: git's own merge of a manifest both sides changed (two apps share it; a pull
  // request's bump of one, main's of the other) was reported as the merge's change by hand.
  /**
   * Apps api and web share `{env}/shared/kustomization.yaml` (their entries apart: git merges a
   * change of each without a conflict); branch pr5 bumps api in dev, main bumps web, and the branch
   * is merged with `git merge --no-ff`; `hand`, when given, changes the merged file before the
   * merge is committed (a hand in the merge). Returns the repository and the merge.
   */
  const digestOf = (app: string, tag: string) => templateImage(app, tag).split('@')[1]!;
  const sharedManifestMerge = async (hand?: (text: string) => string, conflict = false, updateBranch = false) => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const entry = (name: string, tag: string) => `  - name: ${name}\n    newName: ${TEMPLATE_REGISTRY}/${name}\n    newTag: ${tag}\n    digest: ${digestOf(name, tag)}\n`;
    const template = readFileSync(new URL('../../environments/ferry.yaml', import.meta.url), 'utf8');
    const files: Record<string, string> = {
      'ferry.yaml': `${template.trimEnd()}\n  - name: api\n    image: api\n    manifest: "{env}/shared/kustomization.yaml"\n  - name: web\n    image: web\n    manifest: "{env}/shared/kustomization.yaml"\n`,
      'base/shared/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'base/shared/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shared\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api\n        - name: web\n          image: web\n',
    };
    // (With `conflict`, web's digest first: the lines the two bumps change meet, and git stops at them.)
    const web = (tag: string) => (conflict ? `  - digest: ${digestOf('web', tag)}\n    name: web\n    newName: ${TEMPLATE_REGISTRY}/web\n    newTag: ${tag}\n` : `  # web\n${entry('web', tag)}`);
    for (const env of ['dev', 'stage', 'prod']) files[`${env}/shared/kustomization.yaml`] = `resources:\n  - ../../base/shared\nimages:\n${entry('api', '1.0.0')}${web('1.0.0')}`;
    await commitByHand(repo, files, 'shared manifests');
    const setup = execFileSync('git', ['-C', repo, 'rev-parse', 'main']).toString().trim();
    execFileSync('git', ['-C', repo, 'branch', 'pr5', 'main']);
    await ferryOk(['bump', '--repo', repo, '--branch', 'pr5', '--env', 'dev', '--app', 'api', '--image', templateImage('api', '2.0.0'), '--requested-by', 'alice']);
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'web', '--image', templateImage('web', '3.0.0'), '--requested-by', 'bob']);
    const { git, done } = await workTree(repo);
    const path = 'dev/shared/kustomization.yaml';
    const top = git('rev-parse', '--show-toplevel');
    if (updateBranch) {
      // (GitHub's "Update branch": main merged into the branch by git, then the branch into main.)
      git('checkout', '--quiet', '-b', 'pr5', 'origin/pr5');
      git('merge', '--quiet', '--no-ff', '-m', "Merge branch 'main' into pr5", 'origin/main');
      git('push', '--quiet', 'origin', 'pr5');
      git('checkout', '--quiet', 'main');
      git('merge', '--quiet', '--no-ff', '--no-commit', 'origin/pr5');
    } else if (!conflict) git('merge', '--quiet', '--no-ff', '--no-commit', 'origin/pr5');
    else {
      expect(() => git('merge', '--quiet', '--no-ff', '--no-commit', 'origin/pr5')).toThrow();
      expect(readFileSync(join(top, path), 'utf8')).toContain('<<<<<<<');
      // (Resolved by hand to both bumps.)
      writeFileSync(join(top, path), `resources:\n  - ../../base/shared\nimages:\n${entry('api', '2.0.0')}${web('3.0.0')}`);
      git('add', '--', path);
    }
    const merged = readFileSync(join(top, path), 'utf8');
    // (git's merge of the file: both bumps, neither side's version.)
    expect(merged).toContain(digestOf('api', '2.0.0'));
    expect(merged).toContain(digestOf('web', '3.0.0'));
    if (hand) {
      writeFileSync(join(top, path), hand(merged));
      git('add', '--', path);
    }
    git('commit', '--quiet', '-m', 'Merge pull request #5 from acme/pr5');
    git('push', '--quiet', 'origin', 'HEAD:main');
    const merge = git('rev-parse', 'HEAD');
    await done();
    if (!updateBranch) expect(readRemoteFile(repo, path)).not.toBe(readRemoteFile(repo, path, 'pr5'));
    return { repo, setup, merge };
  };

  test('a manifest two apps share, a pull request\'s bump of one and main\'s of the other merged by git: no violation (the merge pins what the two bumps pinned)', async () => {
    const { repo, setup } = await sharedManifestMerge();
    // (The manifests were set up by hand: that commit alone is flagged.)
    expect((await auditJson(repo)).report.violations.filter((v) => v.commit !== setup)).toEqual([]);
    const { code, report } = await auditJson(repo, '--after', setup);
    expect(report.violations).toEqual([]);
    expect(code).toBe(0);
  });

  test('the same bumps, main first merged into the branch by git (GitHub\'s "Update branch"), then the branch into main: no violation', async () => {
    const { repo, setup } = await sharedManifestMerge(undefined, false, true);
    const { code, report } = await auditJson(repo, '--after', setup);
    expect(report.violations).toEqual([]);
    expect(code).toBe(0);
  });

  test('the same merge with the file resolved by hand (another digest for web): the merge is flagged', async () => {
    const { repo, setup, merge } = await sharedManifestMerge((text) => text.replace(digestOf('web', '3.0.0'), `sha256:${'7'.repeat(64)}`));
    const { code, report } = await auditJson(repo, '--after', setup);
    expect(rows(report).filter((r) => r[0] === merge)).toContainEqual([merge, 'unrecorded-change', 'dev', 'web']);
    expect(code).toBe(1);
  });

  test('the same bumps with their lines meeting, git\'s conflict resolved by hand to both: the merge is flagged (git did not merge the file)', async () => {
    const { repo, setup, merge } = await sharedManifestMerge(undefined, true);
    const { code, report } = await auditJson(repo, '--after', setup);
    expect(rows(report)).toEqual([[merge, 'unrecorded-change', 'dev', 'api'], [merge, 'unrecorded-change', 'dev', 'web']]);
    expect(code).toBe(1);
  });
});

describe('--env and --since/--until', () => {
  test('--env keeps the violations that name no environment: a hand edit of blocked.yaml concerns every environment', async () => {
    const repo = await cleanRepo();
    await ferryOk(['block', '--repo', repo, '--app', 'user-service', '--image', templateImage('user-service', '6.6.6'), '--reason', 'CVE', '--requested-by', 'sec']);
    const cleared = await commitByHand(repo, { 'blocked.yaml': 'blocked: []\n' }, 'cleanup');
    for (const env of ['dev', 'prod']) {
      const { report } = await auditJson(repo, '--env', env);
      expect(rows(report), env).toEqual([[cleared, 'unrecorded-change', undefined, undefined]]);
    }
  });

  test('the range is a stretch of the first-parent line: a commit between its ends counts whatever date it claims', async () => {
    const repo = join(root, `env-${++counter}.git`);
    await ferryOk(['init', '--bare', repo], '2025-01-01T00:00:00Z');
    const path = 'prod/order-service/kustomization.yaml';
    let n = 0;
    const bump = (at: string) => ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', `1.${++n}.0`), '--requested-by', 'alice'], at);
    const byHand = async (at: string) => {
      const text = readRemoteFile(repo, path)!.replace(/digest: sha256:[0-9a-f]{64}/, `digest: sha256:${String(++n % 10).repeat(64)}`);
      const saved = { ...process.env };
      Object.assign(process.env, { GIT_COMMITTER_DATE: at, GIT_AUTHOR_DATE: at });
      try {
        return await commitByHand(repo, { [path]: text }, 'by hand');
      } finally {
        for (const k of ['GIT_COMMITTER_DATE', 'GIT_AUTHOR_DATE']) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k];
      }
    };
    await bump('2025-01-02T00:00:00Z');
    const before = await byHand('2025-01-03T00:00:00Z');
    await bump('2025-02-01T00:00:00Z'); // the first commit of the range
    const postDated = await byHand('2099-01-01T00:00:00Z');
    await bump('2025-02-03T00:00:00Z');
    const backDated = await byHand('2020-01-01T00:00:00Z');
    await bump('2025-02-05T00:00:00Z'); // the last commit of the range
    const after = await byHand('2025-02-07T00:00:00Z');
    const edits = (report: Report) => report.violations.map((v) => [v.commit, v.rule]);
    // (Each hand edit pins in prod a digest stage never had: skipped-stage too.)
    const byHandRows = (commits: string[]) => commits.flatMap((c) => [[c, 'unrecorded-change'], [c, 'skipped-stage']]);
    expect(edits((await auditJson(repo)).report)).toEqual(byHandRows([before, postDated, backDated, after]));
    expect(edits((await auditJson(repo, '--since', '2025-01-15', '--until', '2025-02-06')).report)).toEqual(byHandRows([postDated, backDated]));
    // (A date set later than the range's start, or earlier than its end, widens it to take the commit in.)
    expect(edits((await auditJson(repo, '--since', '2025-02-06')).report)).toEqual(byHandRows([postDated, backDated, after]));
  });

  test('--after an earlier audit\'s head: the commits pushed since, whatever date they claim; the stretch named; an empty one said; a commit off the line refused', async () => {
    const repo = await cleanRepo();
    const first = await auditJson(repo);
    expect(first.report.violations).toEqual([]);
    const head = first.report.commit;
    const path = 'prod/user-service/kustomization.yaml';
    const text = readRemoteFile(repo, path)!.replace(/digest: sha256:[0-9a-f]{64}/, `digest: sha256:${'5'.repeat(64)}`);
    Object.assign(process.env, { GIT_COMMITTER_DATE: '2020-01-01T00:00:00Z', GIT_AUTHOR_DATE: '2020-01-01T00:00:00Z' });
    let backDated: string;
    try {
      backDated = await commitByHand(repo, { [path]: text }, 'tidy');
    } finally {
      delete process.env.GIT_COMMITTER_DATE;
      delete process.env.GIT_AUTHOR_DATE;
    }
    const next = await auditJson(repo, '--after', head);
    expect(next.code).toBe(1);
    expect(rows(next.report)).toEqual([[backDated, 'unrecorded-change', 'prod', 'user-service'], [backDated, 'skipped-stage', 'prod', 'user-service']]);
    expect(next.report).toMatchObject({ after: head, range: { first: backDated, last: backDated } });
    const md = await ferry(['audit', '--repo', repo, '--after', head]);
    expect(md.stdout).toContain(`2 violations. Reported: the commits ${backDated.slice(0, 12)} to ${backDated.slice(0, 12)} of the branch's first-parent line`);
    // Nothing pushed since: said so, exit 0.
    const none = await ferry(['audit', '--repo', repo, '--after', backDated]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('0 violations. No commit of the branch\'s first-parent line is in the range: nothing reported.');
    expect((await auditJson(repo, '--after', backDated)).report).toMatchObject({ range: {}, violations: [] });
    // A commit that is not on the line (a history rewritten since that audit), or no full id: bad input.
    const off = await ferry(['audit', '--repo', repo, '--after', 'f'.repeat(40)]);
    expect(off.code).toBe(2);
    expect(off.stderr).toContain("after: ffffffffffff is not a commit of the branch's first-parent line: the history was rewritten since the audit that ended there");
    const short = await ferry(['audit', '--repo', repo, '--after', head.slice(0, 12)]);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain(`after: expected a full commit id (an earlier audit's commit), found "${head.slice(0, 12)}"`);
  });
});
