// ferry audit on a fan-out tree, dev -> stage -> {prod-eu, prod-us, prod-ap} (helper-185's review):
// a promotion's Ferry-From is the target's promoteFrom (a "promotion" between siblings, which
// ferry promote refuses, is trailers-disagree, though stage had the digest), and a hand edit that
// copies a digest into prod-us that stage never had through a Ferry commit (prod-eu's hotfix) is a
// skipped stage, as a promotion or a rollback of it is.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRemoteFile } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand, mergeByHand } from '../support/hand-commit.js';
import { ferryOk, hoursAgo, initTemplateRepo, templateImage } from '../support/template-repo.js';

const schema = JSON.parse(readFileSync(new URL('../../actions/src/core/audit-report.schema.json', import.meta.url), 'utf8'));
const validateReport = new Ajv({ allErrors: true, validateFormats: false }).compile(schema);
let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-audit-fan-out-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const US = 'user-service';
const PRODS = ['prod-eu', 'prod-us', 'prod-ap'] as const;

type Row = [commit: string, env: string | undefined, rule: string, message: string];

/** The audit's rows (the report checked against its schema) and its exit code. */
async function audit(repo: string, ...args: string[]): Promise<{ code: number | null; rows: Row[] }> {
  const r = await ferry(['audit', '--repo', repo, '--format', 'json', ...args]);
  const report = JSON.parse(r.stdout);
  expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
  return { code: r.code, rows: report.violations.map((v: { commit: string; env?: string; rule: string; message: string }) => [v.commit, v.env, v.rule, v.message]) };
}

const path = (env: string, app = US) => `${env}/${app}/kustomization.yaml`;

/** `text` (a kustomization) with user-service's `tag` (its template image) pinned. */
const pinned = (text: string, tag: string) => text.replace(/newTag: \S+/, `newTag: ${tag}`).replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${templateImage(US, tag).split('@')[1]}`);

/** `user-service:7.0.0@sha256:<12 hex>`, as audit names an image. */
const short = (tag: string) => `${US}:${tag}@${templateImage(US, tag).split('@')[1]!.slice(0, 19)}`;

const unrecorded = (env: string, app = US) => `${path(env, app)} changed in a commit without Ferry trailers (a manual edit)`;

/**
 * A ferry init repo given prod-eu, prod-us and prod-ap (each promoted from stage, no gates) by hand,
 * their manifests prod's (prod-ap's user-service pinned to `apTag`, where given); 1.1.0 bumped into
 * dev, promoted to stage and on to `regions` through Ferry. Returns the repo and the commit that
 * added the environments.
 */
async function fanOut(regions: readonly string[] = ['prod-eu', 'prod-us'], apTag?: string): Promise<{ repo: string; added: string }> {
  const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
  const config = readRemoteFile(repo, 'ferry.yaml')!;
  const files: Record<string, string> = { 'ferry.yaml': config.replace('\napps:\n', `\n${PRODS.map((e) => `  - name: ${e}\n    promoteFrom: stage\n`).join('')}\napps:\n`) };
  for (const env of PRODS) {
    for (const app of [US, 'order-service']) {
      const text = readRemoteFile(repo, path('prod', app))!.replaceAll(`${app}-prod`, `${app}-${env}`);
      files[path(env, app)] = app === US && env === 'prod-ap' && apTag ? pinned(text, apTag) : text;
    }
  }
  const added = await commitByHand(repo, files, 'fan prod out to three regions');
  await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.1.0'), '--requested-by', 'alice'], hoursAgo(12));
  await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', US, '--requested-by', 'alice'], hoursAgo(11));
  for (const env of regions) await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', env, '--app', US, '--requested-by', 'alice']);
  return { repo, added };
}

/** The message of `repo`'s last commit. */
const lastMessage = (repo: string) => execFileSync('git', ['-C', repo, 'log', '-1', '--format=%B', 'main']).toString();

describe('Ferry-From', () => {
  /** `message` with user-service's image `from` (its template image) replaced by `to`'s. */
  const swap = (message: string, from: string, to: string) => message.replaceAll(templateImage(US, from), templateImage(US, to));

  test('must flag: a commit with ferry promote\'s trailers into prod-ap "from prod-eu" (a sibling; stage, its promoteFrom, had the digest): trailers-disagree, as is one into prod-us that records no Ferry-From, and a bump that records one', async () => {
    const { repo, added } = await fanOut(['prod-eu']);
    // As ferry promote wrote prod-eu's promotion, but into prod-ap from prod-eu, and into prod-us without Ferry-From.
    const written = lastMessage(repo);
    expect(written).toContain('\nFerry-From: stage\n');
    const forged = await commitByHand(repo, { [path('prod-ap')]: pinned(readRemoteFile(repo, path('prod-ap'))!, '1.1.0') },
      written.replaceAll('prod-eu', 'prod-ap').replace(' from stage\n', ' from prod-eu\n').replace('Ferry-From: stage', 'Ferry-From: prod-eu'));
    // (What ferry history shows of it: "promote from prod-eu", a promotion Ferry never makes.)
    expect(JSON.parse(await ferryOk(['history', '--repo', repo, '--env', 'prod-ap', '--json'])).events[0]).toMatchObject({ commit: forged, action: 'promote', from: 'prod-eu' });
    const none = await commitByHand(repo, { [path('prod-us')]: pinned(readRemoteFile(repo, path('prod-us'))!, '1.1.0') }, written.replaceAll('prod-eu', 'prod-us').replace('Ferry-From: stage\n', ''));
    const bump = JSON.parse(await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.2.0'), '--requested-by', 'alice', '--json'])).commit;
    const bumpFrom = await commitByHand(repo, { [path('dev')]: pinned(readRemoteFile(repo, path('dev'))!, '1.3.0') },
      swap(swap(lastMessage(repo), '1.2.0', '1.3.0'), '1.1.0', '1.2.0').replace('Ferry-Env: dev\n', 'Ferry-Env: dev\nFerry-From: stage\n'));
    const { code, rows } = await audit(repo, '--after', added);
    expect(rows).toEqual([
      [forged, 'prod-ap', 'trailers-disagree', 'the promotion records Ferry-From "prod-eu", but prod-ap was promoted from stage in ferry.yaml at the time'],
      [none, 'prod-us', 'trailers-disagree', 'the promotion records no Ferry-From, but prod-us was promoted from stage in ferry.yaml at the time'],
      [bumpFrom, 'dev', 'trailers-disagree', 'a Ferry bump commit records Ferry-From "stage", which only a promotion records'],
    ]);
    expect(rows.some((r) => r[0] === bump)).toBe(false);
    expect(code).toBe(1);
  });

  test('must not flag: ferry promote into two regions from stage, and a promotion from stage as ferry writes it pushed by hand into the third: nothing after the regions were added', async () => {
    const { repo, added } = await fanOut(['prod-eu', 'prod-us']);
    await commitByHand(repo, { [path('prod-ap')]: pinned(readRemoteFile(repo, path('prod-ap'))!, '1.1.0') }, lastMessage(repo).replaceAll('prod-us', 'prod-ap'));
    expect(await audit(repo, '--after', added)).toEqual({ code: 0, rows: [] });
  });
});

describe('a hand edit that copies a digest into a region', () => {
  test('must flag: prod-eu\'s hotfix copied into prod-us by hand (stage never had it): skipped-stage besides unrecorded-change, once; a ferry rollback back to it later is skipped-stage too', async () => {
    const { repo, added } = await fanOut();
    // prod-eu's hotfix, bumped there (a skipped stage of its own).
    const hotfix = JSON.parse(await ferryOk(['bump', '--repo', repo, '--env', 'prod-eu', '--app', US, '--image', templateImage(US, '9.0.0'), '--requested-by', 'alice', '--json'])).commit;
    const copied = await commitByHand(repo, { [path('prod-us')]: pinned(readRemoteFile(repo, path('prod-us'))!, '9.0.0') }, 'copy prod-eu\'s hotfix to prod-us');
    await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod-us', '--app', US, '--requested-by', 'alice']);
    const back = JSON.parse(await ferryOk(['rollback', '--repo', repo, '--env', 'prod-us', '--app', US, '--to', templateImage(US, '9.0.0').split('@')[1]!, '--requested-by', 'carol', '--json'])).commit;
    const { code, rows } = await audit(repo, '--after', added);
    expect(rows).toEqual([
      [hotfix, 'prod-eu', 'skipped-stage', `${short('9.0.0')} reached prod-eu without having been pinned in stage first`],
      [copied, 'prod-us', 'unrecorded-change', unrecorded('prod-us')],
      [copied, 'prod-us', 'skipped-stage', `${short('9.0.0')} reached prod-us by hand (a commit without Ferry trailers) without having been pinned in stage first`],
      [back, 'prod-us', 'skipped-stage', `${short('9.0.0')} reached prod-us without having been pinned in stage first; a rollback to it, which prod-us had before it only by hand edit ${copied.slice(0, 12)} (unrecorded), never through a Ferry commit`],
    ]);
    expect(code).toBe(1);
  });

  test('must flag: a digest stage had only by a hand edit, copied on into prod-ap by hand: both hand edits skipped-stage, prod-ap\'s naming stage\'s edit', async () => {
    const { repo, added } = await fanOut();
    const inStage = await commitByHand(repo, { [path('stage')]: pinned(readRemoteFile(repo, path('stage'))!, '7.0.0') }, 'hotfix 7.0.0 in stage by hand');
    const inAp = await commitByHand(repo, { [path('prod-ap')]: pinned(readRemoteFile(repo, path('prod-ap'))!, '7.0.0') }, 'and in prod-ap');
    expect((await audit(repo, '--after', added)).rows).toEqual([
      [inStage, 'stage', 'unrecorded-change', unrecorded('stage')],
      [inStage, 'stage', 'skipped-stage', `${short('7.0.0')} reached stage by hand (a commit without Ferry trailers) without having been pinned in dev first`],
      [inAp, 'prod-ap', 'unrecorded-change', unrecorded('prod-ap')],
      [inAp, 'prod-ap', 'skipped-stage', `${short('7.0.0')} reached prod-ap by hand (a commit without Ferry trailers) without having been pinned in stage first: stage had it only by hand edit ${inStage.slice(0, 12)} (unrecorded), never through a Ferry commit`],
    ]);
  });

  test('must not flag: a comment added by hand in prod-us, a digest pinned by hand in dev (no promoteFrom), prod-ap pinned by hand to what stage had through Ferry, and prod-us back by hand to what it had through Ferry: unrecorded-change alone', async () => {
    const { repo, added } = await fanOut();
    const comment = await commitByHand(repo, { [path('prod-us')]: `# reviewed\n${readRemoteFile(repo, path('prod-us'))!}` }, 'a comment');
    const inDev = await commitByHand(repo, { [path('dev')]: pinned(readRemoteFile(repo, path('dev'))!, '7.0.0') }, 'hotfix 7.0.0 in dev by hand');
    const inAp = await commitByHand(repo, { [path('prod-ap')]: pinned(readRemoteFile(repo, path('prod-ap'))!, '1.1.0') }, 'prod-ap to what stage runs, by hand');
    // prod-us's hotfix bumped there (a skipped stage of its own), replaced by a promotion from stage, then put back by hand.
    const hotfix = JSON.parse(await ferryOk(['bump', '--repo', repo, '--env', 'prod-us', '--app', US, '--image', templateImage(US, '9.0.0'), '--requested-by', 'alice', '--json'])).commit;
    await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod-us', '--app', US, '--requested-by', 'alice']);
    const usBack = await commitByHand(repo, { [path('prod-us')]: pinned(readRemoteFile(repo, path('prod-us'))!, '9.0.0') }, 'prod-us back to its hotfix by hand');
    expect((await audit(repo, '--after', added)).rows).toEqual([
      [comment, 'prod-us', 'unrecorded-change', unrecorded('prod-us')],
      [inDev, 'dev', 'unrecorded-change', unrecorded('dev')],
      [inAp, 'prod-ap', 'unrecorded-change', unrecorded('prod-ap')],
      [hotfix, 'prod-us', 'skipped-stage', `${short('9.0.0')} reached prod-us without having been pinned in stage first`],
      [usBack, 'prod-us', 'unrecorded-change', unrecorded('prod-us')],
    ]);
  });

  test('must not flag: the commit that adds the regions pins prod-ap by hand to a digest stage never had: reported once there, as an adopted pin (unrecorded-change alone)', async () => {
    const { repo, added } = await fanOut(undefined, '8.0.0');
    const rows = (await audit(repo)).rows.filter((r) => r[0] === added);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r[2] !== 'unrecorded-change')).toEqual([]);
    expect(rows).toContainEqual([added, 'prod-ap', 'unrecorded-change', unrecorded('prod-ap')]);
  });
});

describe('a promotion proposed on a branch, merged after ferry.yaml gave its environment another promoteFrom (helper-192\'s review)', () => {
  /**
   * user-service 1.1.0 bumped into dev and promoted to stage; its promotion stage -> prod proposed
   * on ferry/pr1 (ferry promote --branch); then on main ferry.yaml puts canary (promoted from
   * stage) before prod, by hand, and ferry promote takes 1.1.0 on to canary. Returns the repo, the
   * commit that re-parented prod and the proposal.
   */
  async function staleProposal(): Promise<{ repo: string; reparent: string; proposal: string }> {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.1.0'), '--requested-by', 'alice'], hoursAgo(12));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', US, '--requested-by', 'alice'], hoursAgo(11));
    execFileSync('git', ['-C', repo, 'branch', 'ferry/pr1', 'main']); // (the branch the proposal goes to)
    await ferryOk(['promote', '--repo', repo, '--branch', 'ferry/pr1', '--from', 'stage', '--to', 'prod', '--app', US, '--requested-by', 'alice', '--approved-by', 'bob'], hoursAgo(8));
    const proposal = execFileSync('git', ['-C', repo, 'rev-parse', 'ferry/pr1']).toString().trim();
    expect(lastMessage(repo)).not.toContain('Ferry-Env: prod');
    const files: Record<string, string> = {
      'ferry.yaml': readRemoteFile(repo, 'ferry.yaml')!.replace('  - name: prod\n    promoteFrom: stage\n', '  - name: canary\n    promoteFrom: stage\n  - name: prod\n    promoteFrom: canary\n'),
    };
    for (const app of [US, 'order-service']) files[path('canary', app)] = readRemoteFile(repo, path('prod', app))!.replaceAll('prod', 'canary');
    expect(files['ferry.yaml']).toContain('promoteFrom: canary');
    const reparent = await commitByHand(repo, files, 'canary between stage and prod', hoursAgo(7));
    await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', 'canary', '--app', US, '--requested-by', 'alice'], hoursAgo(6));
    return { repo, reparent, proposal };
  }

  test('must not flag: the proposal merged (git merge --no-ff): its Ferry-From is prod\'s promoteFrom in ferry.yaml on the branch it was written on', async () => {
    const { repo, reparent, proposal } = await staleProposal();
    await mergeByHand(repo, 'ferry/pr1');
    expect(execFileSync('git', ['-C', repo, 'log', '-1', '--format=%B', proposal]).toString()).toContain('Ferry-From: stage');
    expect(await audit(repo, '--after', reparent)).toEqual({ code: 0, rows: [] });
  });

  /** A clone of `repo` to commit in with plain git; `git` runs in it. */
  async function clone(repo: string): Promise<{ git: (...args: string[]) => string; done: () => Promise<void> }> {
    const work = await mkdtemp(join(root, 'work-'));
    execFileSync('git', ['clone', '--quiet', repo, work]);
    const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Mallory', '-c', 'user.email=m@example.invalid', ...args]).toString().trim();
    return { git, done: () => rm(work, { recursive: true, force: true }) };
  }

  test('must flag: the proposal rebased onto main (its parent gives prod canary): trailers-disagree', async () => {
    const { repo, reparent, proposal } = await staleProposal();
    const { git, done } = await clone(repo);
    git('cherry-pick', proposal);
    const rebased = git('rev-parse', 'HEAD');
    git('push', '--quiet', 'origin', 'main');
    await done();
    const { code, rows } = await audit(repo, '--after', reparent);
    expect(rows).toEqual([[rebased, 'prod', 'trailers-disagree', 'the promotion records Ferry-From "stage", but prod was promoted from canary in ferry.yaml at the time']]);
    expect(code).toBe(1);
  });

  test('must flag: a promotion into prod recorded "from dev" on a branch cut where the proposal\'s was (prod promoted from stage there), merged: trailers-disagree', async () => {
    const { repo, reparent, proposal } = await staleProposal();
    const { git, done } = await clone(repo);
    git('checkout', '--quiet', '-b', 'ferry/pr2', `${proposal}^`);
    git('cherry-pick', proposal);
    git('commit', '--quiet', '--amend', '-m', git('log', '-1', '--format=%B').replace('Ferry-From: stage', 'Ferry-From: dev'));
    const forged = git('rev-parse', 'HEAD');
    git('push', '--quiet', 'origin', 'ferry/pr2');
    await done();
    await mergeByHand(repo, 'ferry/pr2');
    const { code, rows } = await audit(repo, '--after', reparent);
    expect(rows).toEqual([[forged, 'prod', 'trailers-disagree', 'the promotion records Ferry-From "dev", but prod was promoted from canary in ferry.yaml at the time']]);
    expect(code).toBe(1);
  });
});
