// ferry audit against env repos made by ferry init, with Ferry commits and commits made with plain
// git (manual edits, forged trailers): each rule with a case it must flag and one it must not.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRemoteFile } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';
import { ferryOk, hoursAgo, initTemplateRepo, templateImage } from '../support/template-repo.js';

const schema = JSON.parse(readFileSync(new URL('../../actions/src/core/audit-report.schema.json', import.meta.url), 'utf8'));
const validateReport = new Ajv({ allErrors: true, validateFormats: false }).compile(schema);
let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-audit-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A template env repo where user-service went dev -> stage -> prod the proper way. */
async function cleanRepo(): Promise<string> {
  const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
  await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.1.0'), '--requested-by', 'alice'], hoursAgo(10));
  await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--requested-by', 'alice'], hoursAgo(6));
  await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', 'user-service', '--requested-by', 'alice', '--approved-by', 'bob']);
  return repo;
}

/** A commit made with plain git: the manifest's digest (and tag) replaced, with `message` (trailers and all). */
async function plainCommit(repo: string, path: string, to: string, message: string): Promise<string> {
  const [, tag, digest] = /:([^:@]+)@(sha256:[0-9a-f]{64})$/.exec(to)!;
  const text = readRemoteFile(repo, path)!.replace(/newTag: \S+/, `newTag: ${tag}`).replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${digest}`);
  return commitByHand(repo, { [path]: text }, message);
}

async function auditJson(repo: string, ...extra: string[]): Promise<{ code: number | null; report: { violations: { rule: string; env?: string; app?: string; commit: string; date: string; message: string }[]; checked: number } }> {
  const r = await ferry(['audit', '--repo', repo, '--format', 'json', ...extra]);
  const report = JSON.parse(r.stdout);
  expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
  return { code: r.code, report };
}

/**
 * A ferry bump made on a branch of its own, then merged into main with a merge commit, as GitHub
 * merges a pull request; `resolve` may change files before the merge is committed (a conflict
 * resolved by hand). Returns the merge commit.
 */
async function bumpMergedByHand(repo: string, branch: string, app: string, image: string, resolve?: (work: string) => void): Promise<string> {
  execFileSync('git', ['-C', repo, 'branch', branch, 'main']);
  await ferryOk(['bump', '--repo', repo, '--branch', branch, '--env', 'dev', '--app', app, '--image', image, '--requested-by', 'alice']);
  const work = await mkdtemp(join(root, 'merge-'));
  const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Merger', '-c', 'user.email=merger@example.invalid', ...args]).toString().trim();
  execFileSync('git', ['clone', '--quiet', repo, work]);
  git('merge', '--quiet', '--no-ff', '--no-commit', `origin/${branch}`);
  resolve?.(work);
  git('add', '-A');
  git('commit', '--quiet', '-m', `Merge pull request #1 from acme/${branch}`);
  git('push', '--quiet', 'origin', 'HEAD:main');
  const merge = git('rev-parse', 'HEAD');
  await rm(work, { recursive: true, force: true });
  return merge;
}

describe('ferry audit', () => {
  test('a Ferry commit merged with a merge commit (a pull request): no violation; a merge that changes the pin itself: flagged', async () => {
    const repo = await cleanRepo();
    await bumpMergedByHand(repo, 'ferry/bump-1', 'order-service', templateImage('order-service', '2.0.0'));
    const clean = await auditJson(repo);
    expect(clean.report.violations).toEqual([]);
    expect(clean.code).toBe(0);
    const path = 'dev/order-service/kustomization.yaml';
    const merge = await bumpMergedByHand(repo, 'ferry/bump-2', 'order-service', templateImage('order-service', '3.0.0'), (work) => {
      const file = join(work, path);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/digest: sha256:[0-9a-f]{64}/, `digest: sha256:${'e'.repeat(64)}`));
    });
    const { code, report } = await auditJson(repo);
    expect(report.violations.map((v) => [v.commit, v.rule, v.env, v.app, v.message])).toEqual([[merge, 'unrecorded-change', 'dev', 'order-service', `${path} changed in a commit without Ferry trailers (a manual edit)`]]);
    expect(code).toBe(1);
  });

  test('--help names what rules-weakened covers and unrelated-history, as the README does', async () => {
    const r = await ferry(['audit', '--help']);
    expect(r.code).toBe(0);
    const help = r.stdout.replace(/\s+/g, ' ');
    for (const words of ['rules-weakened: a gate lowered or removed, another promoteFrom, a manifest moved, an app taken out of ferry.yaml, another Prometheus for the analysis gates, or an analysis template a gate names edited by hand', 'unrelated-history: the line audit checks would begin at a root made by hand']) {
      expect(help).toContain(words);
    }
  });

  test('a history made by Ferry the proper way: no violation, exit 0, in Markdown and JSON', async () => {
    const repo = await cleanRepo();
    const { code, report } = await auditJson(repo);
    expect(report.violations).toEqual([]);
    expect(code).toBe(0);
    expect(report.checked).toBe(4);
    const md = await ferry(['audit', '--repo', repo]);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Ferry audit of .* \(main @ [0-9a-f]{12}\)\n\n4 commits checked, 0 violations\.\n$/);
  });

  test('unrecorded-change: a pinned manifest edited with plain git is flagged; another file is not', async () => {
    const repo = await cleanRepo();
    const manual = await plainCommit(repo, 'prod/order-service/kustomization.yaml', templateImage('order-service', '9.9.9'), 'hotfix by hand');
    await commitByHand(repo, { 'README.md': `${readRemoteFile(repo, 'README.md')}notes\n` }, 'docs');
    const { code, report } = await auditJson(repo);
    expect(code).toBe(1);
    expect(report.violations).toEqual([
      { commit: manual, date: expect.any(String), env: 'prod', app: 'order-service', rule: 'unrecorded-change', message: 'prod/order-service/kustomization.yaml changed in a commit without Ferry trailers (a manual edit)' },
      // (A digest stage never had, pinned in prod by hand.)
      { commit: manual, date: expect.any(String), env: 'prod', app: 'order-service', rule: 'skipped-stage', message: `order-service:9.9.9@${templateImage('order-service', '9.9.9').split('@')[1]!.slice(0, 19)} reached prod by hand (a commit without Ferry trailers) without having been pinned in stage first` },
    ]);
  });

  test('a ferry.yaml broken by hand leaves the last good one in force: the manifests it names are still guarded; an app taken out by hand is reported', async () => {
    const repo = await cleanRepo();
    const good = readRemoteFile(repo, 'ferry.yaml')!;
    await commitByHand(repo, { 'ferry.yaml': `${good}  - name: [broken\n` }, 'break ferry.yaml');
    const manual = await plainCommit(repo, 'prod/order-service/kustomization.yaml', templateImage('order-service', '9.9.9'), 'hotfix by hand');
    // Then a valid ferry.yaml without order-service: its manifests are no longer pinned ones.
    const withoutOrders = good.replace(/\n {2}- name: order-service\n(?: {4}.*\n)+/, '\n');
    expect(withoutOrders).not.toContain('order-service');
    const drop = await commitByHand(repo, { 'ferry.yaml': withoutOrders }, 'drop order-service');
    await plainCommit(repo, 'prod/order-service/kustomization.yaml', templateImage('order-service', '9.9.8'), 'edit a file no longer pinned');
    const { code, report } = await auditJson(repo);
    expect(report.checked).toBe(8);
    // Taking the app out is what the auditor is told of (its manifests are no longer guarded from
    // then on), in each environment; the edit after it is of a file Ferry no longer pins.
    expect(report.violations.map((v) => [v.commit, v.rule, v.env, v.app])).toEqual([
      [manual, 'unrecorded-change', 'prod', 'order-service'],
      [manual, 'skipped-stage', 'prod', 'order-service'],
      ...['dev', 'stage', 'prod'].map((env) => [drop, 'rules-weakened', env, undefined]),
    ]);
    expect(code).toBe(1);
  });

  test('a root commit made by hand, merged on top of the branch (no force push), is an unrelated history: reported, whatever its trailers say', async () => {
    const repo = await cleanRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.1.0'), '--requested-by', 'alice']);
    const work = await mkdtemp(join(root, 'root-'));
    const git = (input: string | undefined, ...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Mallory', '-c', 'user.email=m@example.invalid', ...args], input === undefined ? {} : { input }).toString().trim();
    execFileSync('git', ['clone', '--quiet', repo, work]);
    // A tree with prod pinned by hand, as the first commit of a history of its own, marked as
    // Ferry's init; then a merge with it as the first parent and the branch as the second.
    const path = 'prod/user-service/kustomization.yaml';
    writeFileSync(join(work, path), readFileSync(join(work, path), 'utf8').replace(/digest: sha256:[0-9a-f]{64}/, `digest: sha256:${'e'.repeat(64)}`));
    git(undefined, 'add', '-A');
    const tree = git(undefined, 'write-tree');
    const fakeRoot = git('init: Ferry environment repository\n\nFerry-Action: init\n', 'commit-tree', tree);
    const merge = git('Merge branch main\n', 'commit-tree', tree, '-p', fakeRoot, '-p', 'origin/main');
    git(undefined, 'push', '--quiet', 'origin', `${merge}:refs/heads/main`);
    const { code, report } = await auditJson(repo);
    expect(report.violations.map((v) => [v.commit, v.rule])).toEqual([[merge, 'unrelated-history']]);
    expect(report.violations[0]!.message).toMatch(/^a merge of [0-9a-f]{12}, whose history shares no commit with this branch's line: the history has 2 first commits/);
    expect(code).toBe(1);
    // An audit of one environment is told too: every environment's line goes through the merge.
    // It names none, with --env as without (--env keeps those that name none; it relabels nothing).
    expect(report.violations[0]!).not.toHaveProperty('env');
    expect((await auditJson(repo, '--env', 'prod')).report.violations.map((v) => [v.rule, 'env' in v ? v.env : 'none'])).toEqual([['unrelated-history', 'none']]);
    expect(validateReport(report)).toBe(true);
  });

  test('a pull request branch brought up to date with main (GitHub\'s "Update branch") and then merged: no violation; a manual edit merged into the branch from a branch of its own: flagged', async () => {
    const repo = await cleanRepo();
    const work = await mkdtemp(join(root, 'update-'));
    const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Merger', '-c', 'user.email=merger@example.invalid', ...args]).toString().trim();
    execFileSync('git', ['clone', '--quiet', repo, work]);
    // A Ferry change on its branch; meanwhile main moves on (another Ferry bump).
    execFileSync('git', ['-C', repo, 'branch', 'ferry/one', 'main']);
    await ferryOk(['bump', '--repo', repo, '--branch', 'ferry/one', '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '2.0.0'), '--requested-by', 'alice']);
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.2.0'), '--requested-by', 'alice']);
    git('fetch', '--quiet', 'origin');
    git('checkout', '--quiet', '-b', 'one', 'origin/ferry/one');
    git('merge', '--quiet', '--no-ff', '-m', "Merge branch 'main' into ferry/one", 'origin/main'); // "Update branch"
    git('checkout', '--quiet', '-B', 'main', 'origin/main');
    git('merge', '--quiet', '--no-ff', '-m', 'Merge pull request #1 from acme/ferry/one', 'one');
    git('push', '--quiet', 'origin', 'main');
    expect((await auditJson(repo)).report.violations).toEqual([]);

    // A branch with a manual edit merged into a Ferry branch, which is then merged into main.
    execFileSync('git', ['-C', repo, 'branch', 'ferry/two', 'main']);
    await ferryOk(['bump', '--repo', repo, '--branch', 'ferry/two', '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '3.0.0'), '--requested-by', 'alice']);
    git('fetch', '--quiet', 'origin');
    git('checkout', '--quiet', '-b', 'side', 'origin/ferry/two');
    const path = 'prod/user-service/kustomization.yaml';
    writeFileSync(join(work, path), readFileSync(join(work, path), 'utf8').replace(/digest: sha256:[0-9a-f]{64}/, `digest: sha256:${'e'.repeat(64)}`));
    git('commit', '--quiet', '-am', 'hotfix by hand');
    const manual = git('rev-parse', 'HEAD');
    git('checkout', '--quiet', '-b', 'two', 'origin/ferry/two');
    git('merge', '--quiet', '--no-ff', '-m', 'Merge branch side', 'side');
    git('checkout', '--quiet', 'main');
    git('merge', '--quiet', '--no-ff', '-m', 'Merge pull request #2 from acme/ferry/two', 'two');
    git('push', '--quiet', 'origin', 'main');
    const { code, report } = await auditJson(repo);
    expect(report.violations.map((v) => [v.commit, v.rule, v.env, v.app])).toEqual([[manual, 'unrecorded-change', 'prod', 'user-service'], [manual, 'skipped-stage', 'prod', 'user-service']]);
    expect(code).toBe(1);
    await rm(work, { recursive: true, force: true });
  });

  test('a branch without ferry.yaml is no env repo: exit 2, as every command says, not a clean report', async () => {
    const repo = join(root, `env-${++counter}.git`);
    execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', repo]);
    const head = await commitByHand(repo, { 'README.md': 'notes\n' }, 'first');
    const r = await ferry(['audit', '--repo', repo, '--format', 'json']);
    expect(r.stderr).toBe(`ferry audit: error: ferry.yaml: no ferry.yaml at the root of the env repo (commit ${head.slice(0, 12)}); create one with \`ferry init\`, or, for an env repo that has manifests already, write one by hand (Ferry's README.md: "Adopting an existing env repo")\n`);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
  });

  test('a branch whose last commit deleted ferry.yaml is audited (the last one stays in force), not refused as one that never had it', async () => {
    const repo = await cleanRepo();
    await commitByHand(repo, { 'ferry.yaml': null }, 'remove ferry.yaml');
    const { code, report } = await auditJson(repo);
    expect(report.violations).toEqual([]);
    expect(report.checked).toBeGreaterThan(1);
    expect(code).toBe(0);
  });

  test('a ferry.yaml no version of which could be read is told at the commit that left it so (rules-weakened, the config error named), and a manual edit meanwhile is no clean report', async () => {
    // As ferry init makes it, but with approvals written as text from the first commit on.
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const work = await mkdtemp(join(root, 'broken-'));
    const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Mallory', '-c', 'user.email=m@example.invalid', ...args]).toString().trim();
    execFileSync('git', ['clone', '--quiet', repo, work]);
    writeFileSync(join(work, 'ferry.yaml'), readFileSync(join(work, 'ferry.yaml'), 'utf8').replace('approvals: 1 ', 'approvals: "1"'));
    git('checkout', '--quiet', '--orphan', 'fresh');
    git('add', '-A');
    git('commit', '--quiet', '-m', 'init by hand');
    const first = git('rev-parse', 'HEAD');
    git('push', '--quiet', '--force', 'origin', 'fresh:main');
    await rm(work, { recursive: true, force: true });
    const line = readRemoteFile(repo, 'ferry.yaml')!.split('\n').findIndex((l) => l.includes('approvals: "1"')) + 1;
    expect(line).toBeGreaterThan(0);
    await plainCommit(repo, 'prod/user-service/kustomization.yaml', templateImage('user-service', '9.9.9'), 'hotfix by hand');
    const { code, report } = await auditJson(repo);
    expect(report.violations).toEqual([{
      commit: first, date: expect.any(String), rule: 'rules-weakened',
      message: `ferry.yaml cannot be read (ferry.yaml:${line}:18: environments[2].gates.approvals: expected a whole number of approvals, 0 or more, found "1"), and no version of it before could: no rule is in force, and no commit is judged until one can be read`,
    }]);
    expect(code).toBe(1);
  });

  test('a ferry.yaml of the history with gates on its first environment (accepted once, never checked) is read without them, not as one that cannot be read: a repository gated so from its first commit is audited, its manual edit flagged', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const work = await mkdtemp(join(root, 'root-gates-'));
    const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Mallory', '-c', 'user.email=m@example.invalid', ...args]).toString().trim();
    execFileSync('git', ['clone', '--quiet', repo, work]);
    const gated = readFileSync(join(work, 'ferry.yaml'), 'utf8').replace('  - name: dev\n', '  - name: dev\n    gates: { approvals: 2 }\n');
    writeFileSync(join(work, 'ferry.yaml'), gated);
    git('checkout', '--quiet', '--orphan', 'fresh');
    git('add', '-A');
    git('commit', '--quiet', '-m', 'init by hand, dev gated');
    git('push', '--quiet', '--force', 'origin', 'fresh:main');
    await rm(work, { recursive: true, force: true });
    expect(readRemoteFile(repo, 'ferry.yaml')).toContain('gates: { approvals: 2 }');
    const hotfix = await plainCommit(repo, 'prod/user-service/kustomization.yaml', templateImage('user-service', '9.9.9'), 'hotfix by hand');
    const { code, report } = await auditJson(repo);
    // (The first commit, by hand, is itself unrecorded: each pin it makes is told.)
    expect(report.violations.filter((v) => v.commit === hotfix).map((v) => v.rule)).toEqual(['unrecorded-change', 'skipped-stage']);
    expect(report.violations.filter((v) => v.commit !== hotfix).map((v) => v.rule).filter((rule) => rule !== 'unrecorded-change')).toEqual([]);
    expect(code).toBe(1);
  });

  test('a ferry.yaml removed by hand leaves the last one in force: a manual edit made meanwhile is flagged', async () => {
    const repo = await cleanRepo();
    const good = readRemoteFile(repo, 'ferry.yaml')!;
    const manual = await commitByHand(repo, {
      'ferry.yaml': null,
      'prod/user-service/kustomization.yaml': readRemoteFile(repo, 'prod/user-service/kustomization.yaml')!.replace(/digest: sha256:[0-9a-f]{64}/, `digest: sha256:${'e'.repeat(64)}`),
    }, 'remove ferry.yaml for a while');
    await commitByHand(repo, { 'ferry.yaml': good }, 'put it back');
    const { code, report } = await auditJson(repo);
    expect(report.violations.map((v) => [v.commit, v.rule, v.env, v.app])).toEqual([[manual, 'unrecorded-change', 'prod', 'user-service'], [manual, 'skipped-stage', 'prod', 'user-service']]);
    expect(code).toBe(1);
  });

  test('a manifest path moved away in ferry.yaml by the commit that edits the manifest: the edit is flagged', async () => {
    const repo = await cleanRepo();
    const good = readRemoteFile(repo, 'ferry.yaml')!;
    const moved = good.replace('"{env}/user-service/kustomization.yaml"', '"{env}/user-service/x/kustomization.yaml"');
    expect(moved).not.toBe(good);
    const manual = await commitByHand(repo, {
      'ferry.yaml': moved,
      'prod/user-service/kustomization.yaml': readRemoteFile(repo, 'prod/user-service/kustomization.yaml')!.replace(/digest: sha256:[0-9a-f]{64}/, `digest: sha256:${'e'.repeat(64)}`),
    }, 'move the manifest');
    const back = await commitByHand(repo, { 'ferry.yaml': good }, 'move it back');
    const { report } = await auditJson(repo);
    // (Each move is also a change of the rules: the file Ferry guarded before is guarded no more.)
    expect(report.violations.map((v) => [v.commit, v.rule, v.env, v.app])).toEqual([
      ...['dev', 'stage', 'prod'].map((e) => [manual, 'rules-weakened', e, undefined]), [manual, 'unrecorded-change', 'prod', 'user-service'],
      ...['dev', 'stage', 'prod'].map((e) => [back, 'rules-weakened', e, undefined]),
    ]);
  });

  test('trailers-disagree: a last commit whose trailers name one digest and whose file pins another is flagged, at the head', async () => {
    const repo = await cleanRepo();
    const forged = await plainCommit(repo, 'dev/order-service/kustomization.yaml', templateImage('order-service', '6.6.6'), [
      'bump(dev): order-service 7.0.0', '',
      'Ferry-Action: bump', 'Ferry-Env: dev', 'Ferry-App: order-service', `Ferry-Image: ${templateImage('order-service', '7.0.0')}`,
      `Ferry-Previous-Image: ${templateImage('order-service', '1.0.0')}`, 'Ferry-Requested-By: alice', '',
    ].join('\n'));
    const { code, report } = await auditJson(repo);
    expect(report.violations.map((v) => [v.commit, v.rule, v.env, v.app])).toEqual([[forged, 'trailers-disagree', 'dev', 'order-service']]);
    expect(report.violations[0]!.message).toMatch(/^the commit records order-service:7\.0\.0@sha256:[0-9a-f]{12} as pinned, but dev\/order-service\/kustomization\.yaml, which no commit changed since, does not hold that digest at the head$/);
    expect(code).toBe(1);
  });

  test.each([
    ['a symbolic link (to a file that holds another digest)', 'is a symbolic link in the env repo'],
    ['a directory', 'is a directory in the env repo, not a file'],
  ])('trailers-disagree: a last Ferry commit that made the manifest %s is flagged at the head (it was read as no file, and passed)', async (what, said) => {
    const repo = await cleanRepo();
    const path = 'dev/order-service/kustomization.yaml';
    const work = await mkdtemp(join(root, 'link-'));
    const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Mallory', '-c', 'user.email=m@example.invalid', ...args]).toString().trim();
    execFileSync('git', ['clone', '--quiet', repo, work]);
    git('rm', '--quiet', '--', path);
    mkdirSync(join(work, 'dev/order-service'), { recursive: true }); // (git rm took the emptied directory too)
    if (what.startsWith('a symbolic link')) symlinkSync('../../stage/order-service/kustomization.yaml', join(work, path));
    else {
      mkdirSync(join(work, path));
      writeFileSync(join(work, path, 'images.yaml'), `digest: ${templateImage('order-service', '7.0.0').split('@')[1]}\n`);
    }
    git('add', '--all');
    git('commit', '--quiet', '-m', [
      'bump(dev): order-service 7.0.0', '',
      'Ferry-Action: bump', 'Ferry-Env: dev', 'Ferry-App: order-service', `Ferry-Image: ${templateImage('order-service', '7.0.0')}`,
      `Ferry-Previous-Image: ${templateImage('order-service', '1.0.0')}`, 'Ferry-Requested-By: alice', '',
    ].join('\n'));
    git('push', '--quiet', 'origin', 'HEAD');
    const forged = git('rev-parse', 'HEAD');
    for (const given of [repo, `file://${repo}`]) {
      const { code, report } = await auditJson(given);
      expect(report.violations.map((v) => [v.commit, v.rule, v.env, v.app])).toEqual([[forged, 'trailers-disagree', 'dev', 'order-service']]);
      expect(report.violations[0]!.message).toMatch(new RegExp(`^the commit records order-service:7\\.0\\.0@sha256:[0-9a-f]{12} as pinned, but dev/order-service/kustomization\\.yaml, which no commit changed since, ${said}`));
      expect(code).toBe(1);
    }
  });

  test('trailers-disagree: forged Ferry trailers naming another file are flagged', async () => {
    const repo = await cleanRepo();
    const forged = await plainCommit(repo, 'prod/order-service/kustomization.yaml', templateImage('order-service', '9.9.9'),
      `bump(dev): user-service\n\nFerry-Action: bump\nFerry-Env: dev\nFerry-App: user-service\nFerry-Image: ${templateImage('user-service', '1.1.0')}\nFerry-Previous-Image: ${templateImage('user-service', '1.1.0')}\n`);
    const { report } = await auditJson(repo);
    expect(report.violations.map((v) => [v.commit, v.rule, v.message])).toEqual([
      [forged, 'trailers-disagree', 'a Ferry bump commit changed prod/order-service/kustomization.yaml, which its trailers do not name'],
      [forged, 'trailers-disagree', 'the trailers name dev/user-service/kustomization.yaml, which the commit did not change'],
    ]);
  });

  test('skipped-stage: a first pin that makes up the image it replaced cannot open the way for a rollback to it (the manifest before it is read); the template\'s own image can be rolled back to', async () => {
    const repo = await cleanRepo();
    // The proper way back: order-service's first prod pin replaced the template's image, and a rollback returns to it.
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '2.0.0')], hoursAgo(10));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'order-service'], hoursAgo(6));
    await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', 'order-service', '--requested-by', 'alice', '--approved-by', 'bob']);
    await ferryOk(['rollback', '--repo', repo, '--env', 'prod', '--app', 'order-service']);
    expect((await auditJson(repo)).report.violations).toEqual([]);
    // By hand, with trailers as Ferry writes them: a user-service image stage had pinned in prod
    // (helper-69), but its previous image made up, and then a "rollback" to the made-up one.
    const evil = templateImage('user-service', '6.6.6');
    const clean = await initTemplateRepo(join(root, `env-${++counter}.git`));
    await ferryOk(['bump', '--repo', clean, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.1.0')], hoursAgo(10));
    await ferryOk(['promote', '--repo', clean, '--from', 'dev', '--to', 'stage', '--app', 'user-service'], hoursAgo(6));
    const made = await plainCommit(clean, 'prod/user-service/kustomization.yaml', templateImage('user-service', '1.1.0'), [
      'promote(prod): user-service', '',
      'Ferry-Action: promote', 'Ferry-Env: prod', 'Ferry-From: stage', 'Ferry-App: user-service', `Ferry-Image: ${templateImage('user-service', '1.1.0')}`,
      `Ferry-Previous-Image: ${evil}`, 'Ferry-Gate: blocked=pass(no digest is blocked) soak=pass(6h>=2h) approvals=pass(1/1)', 'Ferry-Requested-By: alice', 'Ferry-Approved-By: bob', '',
    ].join('\n'));
    const back = await plainCommit(clean, 'prod/user-service/kustomization.yaml', evil, [
      'rollback(prod): user-service', '',
      'Ferry-Action: rollback', 'Ferry-Env: prod', 'Ferry-App: user-service', `Ferry-Image: ${evil}`, `Ferry-Previous-Image: ${templateImage('user-service', '1.1.0')}`, 'Ferry-Reason: incident', 'Ferry-Requested-By: alice', '',
    ].join('\n'));
    const { code, report } = await auditJson(clean);
    expect(code).toBe(1);
    expect(report.violations.map((v) => [v.commit, v.rule, v.env, v.app])).toEqual([[made, 'trailers-disagree', 'prod', 'user-service'], [back, 'skipped-stage', 'prod', 'user-service']]);
    expect(report.violations[0]!.message).toBe(`the commit records user-service:6.6.6@${evil.split('@')[1]!.slice(0, 19)} as the image it replaced, but prod/user-service/kustomization.yaml did not hold that digest before it`);
  });

  test('skipped-stage: a bump straight into prod is flagged, and so are the gates it passed by; bumps into dev and promotions are not', async () => {
    const repo = await cleanRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'prod', '--app', 'order-service', '--image', templateImage('order-service', '3.0.0')]);
    const { report } = await auditJson(repo);
    expect(report.violations.map((v) => [v.rule, v.env, v.app])).toEqual([['gate-missing', 'prod', 'order-service'], ['skipped-stage', 'prod', 'order-service']]);
    expect(report.violations[0]!.message).toBe('a bump into prod, which required soak, approvals at the time: a bump evaluates no gate (prod gets its images by ferry promote)');
    expect(report.violations[1]!.message).toMatch(/^order-service:3\.0\.0@sha256:[0-9a-f]{12} reached prod without having been pinned in stage first$/);
  });

  test('a bump of what stage runs into prod passed by its gates: flagged though no stage was skipped', async () => {
    const repo = await cleanRepo();
    const image = templateImage('user-service', '1.2.0');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', image], hoursAgo(9));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--requested-by', 'alice'], hoursAgo(5));
    const bump = await ferry(['bump', '--repo', repo, '--env', 'prod', '--app', 'user-service', '--image', image, '--json']);
    expect(bump.code, bump.stderr).toBe(0);
    // The bump itself says so, as it goes.
    const warning = 'prod has gates (soak, approvals) that a bump does not evaluate: ferry audit reports this pin; promotions into prod go through ferry promote';
    expect(bump.stderr).toContain(`ferry bump: warning: ${warning}`);
    expect(JSON.parse(bump.stdout).warning).toBe(warning);
    const { report, code } = await auditJson(repo);
    expect(code).toBe(1);
    expect(report.violations.map((v) => [v.commit, v.rule, v.env, v.app])).toEqual([[JSON.parse(bump.stdout).commit, 'gate-missing', 'prod', 'user-service']]);
  });

  test('a hand edit of blocked.yaml is flagged; a block that came in by a merge still blocks', async () => {
    const repo = await cleanRepo();
    const bad = templateImage('user-service', '6.6.6');
    execFileSync('git', ['-C', repo, 'branch', 'pr1', 'main']);
    await ferryOk(['block', '--repo', repo, '--branch', 'pr1', '--app', 'user-service', '--image', bad, '--reason', 'CVE', '--requested-by', 'sec']);
    const work = await mkdtemp(join(tmpdir(), 'ferry-audit-merge-'));
    try {
      const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Mallory', '-c', 'user.email=m@example.invalid', ...args]).toString().trim();
      execFileSync('git', ['clone', '--quiet', repo, work]);
      git('merge', '--quiet', '--no-ff', '-m', 'Merge pull request #1', 'origin/pr1');
      git('push', '--quiet', 'origin', 'HEAD:main');
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    const cleared = await commitByHand(repo, { 'blocked.yaml': 'blocked: []\n' }, 'cleanup');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', bad]);
    const { report } = await auditJson(repo);
    expect(report.violations.map((v) => [v.rule, v.message])).toEqual([
      ['unrecorded-change', 'blocked.yaml changed in a commit without Ferry trailers (a manual edit: ferry block and unblock record who and why)'],
      ['blocked-digest', expect.stringMatching(/^user-service:6\.6\.6@sha256:[0-9a-f]{12} was pinned while it was blocked$/)],
    ]);
    expect(report.violations[0]!.commit).toBe(cleared);
  });

  test('approvals and self-approval: a forged promotion to prod without another approver is flagged; --env narrows the report', async () => {
    const repo = await cleanRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '4.0.0')], hoursAgo(9));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'order-service'], hoursAgo(5));
    const forged = await plainCommit(repo, 'prod/order-service/kustomization.yaml', templateImage('order-service', '4.0.0'), [
      'promote(prod): order-service', '',
      'Ferry-Action: promote', 'Ferry-Env: prod', 'Ferry-From: stage', 'Ferry-App: order-service', `Ferry-Image: ${templateImage('order-service', '4.0.0')}`,
      'Ferry-Gate: soak=pass(5h>=2h) approvals=pass(1/1)', 'Ferry-Requested-By: alice', 'Ferry-Approved-By: alice', '',
    ].join('\n'));
    const { report } = await auditJson(repo);
    expect(report.violations.map((v) => [v.commit, v.rule, v.env])).toEqual([[forged, 'self-approval', 'prod'], [forged, 'approvals', 'prod']]);
    expect(report.violations[1]!.message).toBe('0 approvers other than the requester; prod required 1 at the time');
    expect((await auditJson(repo, '--env', 'stage')).report.violations).toEqual([]);
  });

  test('gate-not-passed: a failing gate without an override is flagged; one overridden with a reason by ferry is not', async () => {
    const repo = await cleanRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '5.0.0')]);
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'order-service', '--override', 'soak', '--reason', 'hotfix']);
    expect((await auditJson(repo)).report.violations).toEqual([]);
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '5.1.0')]);
    const forged = await plainCommit(repo, 'stage/order-service/kustomization.yaml', templateImage('order-service', '5.1.0'), [
      'promote(stage): order-service', '',
      'Ferry-Action: promote', 'Ferry-Env: stage', 'Ferry-From: dev', 'Ferry-App: order-service', `Ferry-Image: ${templateImage('order-service', '5.1.0')}`,
      `Ferry-Previous-Image: ${templateImage('order-service', '5.0.0')}`, 'Ferry-Gate: soak=fail(1m<30m)', '',
    ].join('\n'));
    const { report } = await auditJson(repo);
    expect(report.violations.map((v) => [v.commit, v.rule, v.message])).toEqual([[forged, 'gate-not-passed', 'gate soak was fail and no override with a reason was recorded']]);
  });

  test('blocked-digest: pinning a digest while it was blocked is flagged; after ferry unblock it is not', async () => {
    const repo = await cleanRepo();
    await ferryOk(['block', '--repo', repo, '--app', 'order-service', '--image', templateImage('order-service', '6.6.6'), '--reason', 'CVE']);
    const forged = await plainCommit(repo, 'dev/order-service/kustomization.yaml', templateImage('order-service', '6.6.6'), [
      'bump(dev): order-service', '', 'Ferry-Action: bump', 'Ferry-Env: dev', 'Ferry-App: order-service', `Ferry-Image: ${templateImage('order-service', '6.6.6')}`, '',
    ].join('\n'));
    await ferryOk(['unblock', '--repo', repo, '--app', 'order-service', '--image', templateImage('order-service', '6.6.6'), '--reason', 'patched']);
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '6.6.7')]);
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '6.6.6')]);
    const { report } = await auditJson(repo);
    expect(report.violations.map((v) => [v.commit, v.rule])).toEqual([[forged, 'blocked-digest']]);
  });

  test('a block lifted by a Ferry commit that does not record it is flagged at that commit (helper-69): a block that also removed another entry, a bump that cleared blocked.yaml; ferry block, unblock and rollback --block are not', async () => {
    const repo = await cleanRepo();
    const bad = templateImage('order-service', '6.6.6');
    const other = templateImage('order-service', '7.7.7');
    await ferryOk(['block', '--repo', repo, '--app', 'order-service', '--image', bad, '--reason', 'CVE']);
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.3.0')]);
    await ferryOk(['rollback', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--block', '--reason', 'broken']);
    await ferryOk(['unblock', '--repo', repo, '--app', 'user-service', '--image', templateImage('user-service', '1.3.0'), '--reason', 'fixed']);
    expect((await auditJson(repo)).report.violations).toEqual([]);
    // A "block" of 7.7.7, with Ferry's trailers, whose file also drops the block of 6.6.6.
    const blockOther = await commitByHand(repo, { 'blocked.yaml': `blocked:\n  - app: order-service\n    digest: ${other.split('@')[1]}\n    reason: CVE-2\n` }, [
      'block: order-service 7.7.7', '', 'Ferry-Action: block', 'Ferry-App: order-service', `Ferry-Image: ${other}`, 'Ferry-Reason: CVE-2', '',
    ].join('\n'));
    // A "bump" with Ferry's trailers that also empties blocked.yaml.
    const bump = await commitByHand(repo, {
      'dev/user-service/kustomization.yaml': readRemoteFile(repo, 'dev/user-service/kustomization.yaml')!.replace(/newTag: \S+/, 'newTag: 1.4.0').replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${templateImage('user-service', '1.4.0').split('@')[1]}`),
      'blocked.yaml': 'blocked: []\n',
    }, ['bump(dev): user-service 1.4.0', '', 'Ferry-Action: bump', 'Ferry-Env: dev', 'Ferry-App: user-service', `Ferry-Image: ${templateImage('user-service', '1.4.0')}`, `Ferry-Previous-Image: ${templateImage('user-service', '1.1.0')}`, ''].join('\n'));
    const { code, report } = await auditJson(repo);
    expect(code).toBe(1);
    expect(report.violations.map((v) => [v.commit, v.rule, v.message])).toEqual([
      [blockOther, 'trailers-disagree', `a Ferry block commit removed the block of ${bad.split('@')[1]!.slice(0, 19)} for order-service from blocked.yaml, which its trailers do not record`],
      [bump, 'trailers-disagree', 'a Ferry bump commit changed blocked.yaml, which only ferry block, unblock and rollback --block change'],
    ]);
  });

  test('--since and --until limit the report to a period; bad dates and formats are usage errors', async () => {
    const repo = await cleanRepo();
    await plainCommit(repo, 'prod/order-service/kustomization.yaml', templateImage('order-service', '9.9.9'), 'by hand');
    expect((await auditJson(repo, '--until', '2000-01-01')).report.violations).toEqual([]);
    expect((await auditJson(repo, '--since', '2000-01-01')).report.violations.map((v) => v.rule)).toEqual(['unrecorded-change', 'skipped-stage']);
    const bad = await ferry(['audit', '--repo', repo, '--since', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('since: expected a date like 2026-11-23');
    expect((await ferry(['audit', '--repo', repo, '--format', 'xml'])).code).toBe(2);
    // A range that holds nothing would check nothing and pass.
    const empty = await ferry(['audit', '--repo', repo, '--since', '2026-12-01', '--until', '2026-01-01']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('until: "2026-01-01" is before since ("2026-12-01"): the range holds no commit');
    // A day that does not exist is refused, not rolled over into the next month.
    for (const [flag, day] of [['--since', '2026-02-30'], ['--until', '2026-11-31']]) {
      const r = await ferry(['audit', '--repo', repo, flag!, day!]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${flag!.slice(2)}: expected a date like 2026-11-23 or 2026-11-23T18:00:00Z, found "${day}"`);
    }
  });

  test('approvals relaxed in ferry.yaml by hand, then a promotion without an approver: the relaxing change is reported', async () => {
    const repo = await cleanRepo();
    const relaxed = await commitByHand(repo, { 'ferry.yaml': readRemoteFile(repo, 'ferry.yaml')!.replace(/approvals: 1\b/, 'approvals: 0') }, 'tidy config');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '5.0.0')], hoursAgo(9));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'order-service', '--requested-by', 'mallory'], hoursAgo(5));
    await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', 'order-service', '--requested-by', 'mallory']);
    const { report, code } = await auditJson(repo);
    expect(code).toBe(1);
    expect(report.violations.map((v) => [v.commit, v.rule, v.env, v.message])).toEqual([[relaxed, 'rules-weakened', 'prod', 'ferry.yaml relaxed the rules prod is judged by: approvals 0, was 1']]);
    // An audit of prod alone sees it too.
    expect((await auditJson(repo, '--env', 'prod')).report.violations.map((v) => v.rule)).toEqual(['rules-weakened']);
  });

  test('gates on the first environment are refused (bump exits 2); in the history they were never checked: read without them, and taking them out relaxes nothing', async () => {
    const repo = await cleanRepo();
    const good = readRemoteFile(repo, 'ferry.yaml')!;
    const gated = good.replace('  - name: dev\n', "  - name: dev\n    gates: { approvals: 2, freeze: [{ from: '2020-01-01', to: '2099-12-31', timezone: UTC }] }\n");
    expect(gated).not.toBe(good);
    await commitByHand(repo, { 'ferry.yaml': gated }, 'gate dev');
    const bump = await ferry(['bump', '--repo', repo, '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '5.0.0')]);
    expect(bump.stderr).toMatch(/^ferry bump: error: ferry\.yaml:\d+:\d+: environments\[0\]\.gates: "dev" is the first environment \(no promoteFrom\): ferry bump pins it directly/);
    expect(bump.code).toBe(2);
    // With the gated ferry.yaml at the head, --env reads it as the plain audit does.
    for (const env of [[], ['--env', 'stage']]) {
      const { code, report } = await auditJson(repo, ...env);
      expect(report.violations, env.join(' ')).toEqual([]);
      expect(code).toBe(0);
    }
    await commitByHand(repo, { 'ferry.yaml': good }, 'ungate dev');
    const { code, report } = await auditJson(repo);
    expect(report.violations).toEqual([]);
    expect(code).toBe(0);
  });

  test('a time without a zone in --since and --until is UTC, as a date alone is, whatever the machine\'s time zone', async () => {
    const repo = await cleanRepo();
    const edit = readRemoteFile(repo, 'prod/order-service/kustomization.yaml')!.replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${templateImage('order-service', '9.9.9').split('@')[1]}`);
    // (After every other commit: the last of the line, alone in a range that starts at it.)
    const dated = { GIT_COMMITTER_DATE: '2099-11-25T14:01:00Z', GIT_AUTHOR_DATE: '2099-11-25T14:01:00Z' };
    const saved = { ...process.env };
    Object.assign(process.env, dated);
    try {
      await commitByHand(repo, { 'prod/order-service/kustomization.yaml': edit }, 'by hand at 14:01 UTC');
    } finally {
      for (const k of Object.keys(dated)) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k];
    }
    for (const TZ of ['UTC', 'America/Los_Angeles', 'Asia/Kolkata']) {
      for (const [range, found] of [[['--since', '2099-11-25T14:00'], 1], [['--since', '2099-11-25 14:00:30'], 1], [['--since', '2099-11-25T14:02'], 0], [['--until', '2099-11-25T14:00:59.999'], 0], [['--until', '2099-11-25T14:01'], 1]] as const) {
        const r = await ferry(['audit', '--repo', repo, '--format', 'json', ...range], { env: { TZ } });
        const report = JSON.parse(r.stdout);
        // (The edit's two rows: unrecorded-change, and skipped-stage for a digest stage never had.)
        expect(report.violations.map((v: { date: string }) => v.date), `TZ=${TZ} ${range.join(' ')}`).toEqual(found ? ['2099-11-25T14:01:00Z', '2099-11-25T14:01:00Z'] : []);
        expect(report[range[0].slice(2)]).toBe(`${range[1].replace(' ', 'T').replace(/(T\d\d:\d\d)$/, '$1:00').replace(/\.\d+$/, '')}Z`);
      }
    }
    // An offset given is honoured: 15:00+01:00 is 14:00 UTC.
    const r = await ferry(['audit', '--repo', repo, '--format', 'json', '--since', '2099-11-25T15:00+01:00'], { env: { TZ: 'America/Los_Angeles' } });
    expect(JSON.parse(r.stdout).violations).toHaveLength(2);
    // Any other way of writing a time is refused, not read in the machine's zone.
    const bad = await ferry(['audit', '--repo', repo, '--since', '2099-11-25 2:00 PM']);
    expect(bad.stderr).toContain('since: expected a date like 2026-11-23 or 2026-11-23T18:00:00Z, found "2099-11-25 2:00 PM"');
    expect(bad.code).toBe(2);
  });

  test('a date alone as --until takes in that whole day (UTC)', async () => {
    const repo = await cleanRepo();
    const edit = readRemoteFile(repo, 'prod/order-service/kustomization.yaml')!.replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${templateImage('order-service', '9.9.9').split('@')[1]}`);
    const dated = { GIT_COMMITTER_DATE: '2026-11-20T10:00:00Z', GIT_AUTHOR_DATE: '2026-11-20T10:00:00Z' };
    // (commitByHand's git inherits this process's environment)
    const saved = { ...process.env };
    Object.assign(process.env, dated);
    try {
      await commitByHand(repo, { 'prod/order-service/kustomization.yaml': edit }, 'by hand on the 20th');
    } finally {
      for (const k of Object.keys(dated)) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k];
    }
    for (const range of [['--until', '2026-11-20'], ['--since', '2026-11-20', '--until', '2026-11-20'], ['--since', '2026-11-19', '--until', '2026-11-20']]) {
      const { report } = await auditJson(repo, ...range);
      expect(report.violations.map((v) => [v.rule, v.date]), range.join(' ')).toEqual([['unrecorded-change', '2026-11-20T10:00:00Z'], ['skipped-stage', '2026-11-20T10:00:00Z']]);
    }
    expect((await auditJson(repo, '--until', '2026-11-19')).report.violations).toEqual([]);
  });
});
