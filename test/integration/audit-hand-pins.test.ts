// ferry audit reads what a hand edit of a pinned manifest pinned (the file as the commit left it):
// a blocked digest pinned by hand is reported as such, and a rollback to an image its environment
// had only by hand edits is reported naming the edit (no gate ever passed it there). ferry rollback
// warns before making such a rollback. A hand edit corrected by a Ferry pin, and a rollback to what
// Ferry pinned, add nothing.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
  root = await mkdtemp(join(tmpdir(), 'ferry-audit-hand-pins-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const US = 'user-service';

type Row = [commit: string, env: string | undefined, rule: string, message: string];

/** The audit's rows (the report checked against its schema) and its exit code. */
async function audit(repo: string, ...args: string[]): Promise<{ code: number | null; rows: Row[] }> {
  const r = await ferry(['audit', '--repo', repo, '--format', 'json', ...args]);
  const report = JSON.parse(r.stdout);
  expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
  return { code: r.code, rows: report.violations.map((v: { commit: string; env?: string; rule: string; message: string }) => [v.commit, v.env, v.rule, v.message]) };
}

/** user-service's manifest in `env` pinned to `tag` (its template image) with plain git, as a person would. */
async function pinByHand(repo: string, env: string, tag: string, message = `hotfix ${tag} by hand`): Promise<string> {
  const path = `${env}/${US}/kustomization.yaml`;
  const digest = templateImage(US, tag).split('@')[1]!;
  return commitByHand(repo, { [path]: readRemoteFile(repo, path)!.replace(/newTag: \S+/, `newTag: ${tag}`).replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${digest}`) }, message);
}

/** `user-service:7.0.0@sha256:<12 hex>`, as audit names an image. */
function short(tag: string): string {
  return `${US}:${tag}@${templateImage(US, tag).split('@')[1]!.slice(0, 19)}`;
}

const unrecorded = (env: string) => `${env}/${US}/kustomization.yaml changed in a commit without Ferry trailers (a manual edit)`;

/** The skipped-stage row of a hand edit that pinned `tag` in `env`, promoted from `from`, which never had it through Ferry. */
const skippedByHand = (commit: string, env: string, from: string, tag: string): Row => [commit, env, 'skipped-stage', `${short(tag)} reached ${env} by hand (a commit without Ferry trailers) without having been pinned in ${from} first`];

/** A ferry rollback --json that must succeed: its result, and what it said on stderr. */
async function rollback(args: string[]): Promise<{ result: { commit: string; image: string; to: { commit: string; action: string }; warning?: string }; stderr: string }> {
  const r = await ferry(['rollback', '--app', US, '--requested-by', 'carol', '--json', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return { result: JSON.parse(r.stdout), stderr: r.stderr };
}

describe('what a hand edit pinned', () => {
  test('a blocked digest pinned by hand is blocked-digest as well as unrecorded-change (blocked for another app too); a hand edit that leaves a digest blocked since in place is not', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.1.0'), '--requested-by', 'alice']);
    await ferryOk(['block', '--repo', repo, '--app', US, '--image', templateImage(US, '6.6.6'), '--reason', 'CVE-2026-1', '--requested-by', 'alice']);
    // (Blocked with order-service: the same bytes are blocked for every app.)
    await ferryOk(['block', '--repo', repo, '--app', 'order-service', '--image', templateImage(US, '6.6.7').replace(`/${US}:`, '/order-service:'), '--reason', 'CVE-2026-2', '--requested-by', 'alice']);
    const first = await pinByHand(repo, 'dev', '6.6.6');
    const second = await pinByHand(repo, 'stage', '6.6.7');
    // prod's pin (the template's 1.0.0) blocked since, then a comment added by hand: the edit pinned nothing.
    await ferryOk(['block', '--repo', repo, '--app', US, '--image', templateImage(US, '1.0.0'), '--reason', 'old', '--requested-by', 'alice']);
    const path = `prod/${US}/kustomization.yaml`;
    const comment = await commitByHand(repo, { [path]: `# reviewed\n${readRemoteFile(repo, path)!}` }, 'a comment');
    const { code, rows } = await audit(repo);
    expect(rows).toEqual([
      [first, 'dev', 'unrecorded-change', unrecorded('dev')],
      [first, 'dev', 'blocked-digest', `${short('6.6.6')} was pinned by hand (a commit without Ferry trailers) while it was blocked`],
      [second, 'stage', 'unrecorded-change', unrecorded('stage')],
      [second, 'stage', 'blocked-digest', `${short('6.6.7')} was pinned by hand (a commit without Ferry trailers) while it was blocked (for order-service: a blocked digest is blocked for every app)`],
      skippedByHand(second, 'stage', 'dev', '6.6.7'),
      [comment, 'prod', 'unrecorded-change', unrecorded('prod')],
    ]);
    expect(code).toBe(1);
  });

  test('a file that cannot be read after a hand edit: the row says so', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const path = `dev/${US}/kustomization.yaml`;
    const broken = await commitByHand(repo, { [path]: readRemoteFile(repo, path)!.replace(/digest: (sha256:[0-9a-f]{64})/, 'digest: [$1') }, 'broken by hand');
    const { rows } = await audit(repo);
    expect(rows).toEqual([[broken, 'dev', 'unrecorded-change', expect.stringMatching(new RegExp(`^${unrecorded('dev').replace(/[().]/g, '\\$&')}; the file cannot be read as the commit left it \\(${path}:\\d+:\\d+: .+\\): what it pinned for ${US} is not known$`))]]);
  });
});

describe('a digest pinned by hand in the environment promoted from', () => {
  test('promoted on to prod: still skipped-stage (a hand edit is no pin in stage), the sentence naming the edit', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.1.0'), '--requested-by', 'alice'], hoursAgo(12));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', US, '--requested-by', 'alice'], hoursAgo(11));
    const x = await pinByHand(repo, 'stage', '7.0.0');
    // (Soak cannot be told for a digest put there by hand: overridden, with a reason.)
    const promoted = JSON.parse(await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', US, '--requested-by', 'alice', '--approved-by', 'bob', '--override', 'soak', '--reason', 'incident', '--json'])).commit;
    const { rows } = await audit(repo);
    expect(rows).toEqual([
      [x, 'stage', 'unrecorded-change', unrecorded('stage')],
      skippedByHand(x, 'stage', 'dev', '7.0.0'),
      [promoted, 'prod', 'skipped-stage', `${short('7.0.0')} reached prod without having been pinned in stage first: stage had it only by hand edit ${x.slice(0, 12)} (unrecorded), never through a Ferry commit`],
    ]);
  });
});

describe('a hand edit back to ferry init\'s pin in prod (the template\'s image)', () => {
  test('must not flag: stage had it through ferry init, as its first Ferry pin records (the file held it): unrecorded-change alone, as a promotion of it would be', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.1.0'), '--requested-by', 'alice'], hoursAgo(12));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', US, '--requested-by', 'alice'], hoursAgo(11));
    await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', US, '--requested-by', 'alice', '--approved-by', 'bob', '--override', 'soak', '--reason', 'incident']);
    const x = await pinByHand(repo, 'prod', '1.0.0', 'prod back to the template\'s image by hand');
    expect((await audit(repo)).rows).toEqual([[x, 'prod', 'unrecorded-change', unrecorded('prod')]]);
  });
});

describe('a rollback to an image its environment had only by hand', () => {
  test('two hand edits, then ferry rollback --to the first: it warns naming the edit (stderr and --json), and audit names the edit, not "never had"', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.1.0'), '--requested-by', 'alice']);
    const x = await pinByHand(repo, 'dev', '7.0.0');
    const y = await pinByHand(repo, 'dev', '7.1.0');
    const { result, stderr } = await rollback(['--repo', repo, '--env', 'dev', '--to', x]);
    expect(result.to).toMatchObject({ commit: x, action: 'edit' });
    const warning = `7.0.0 (${templateImage(US, '7.0.0').split('@')[1]!.slice(0, 19)}), the image this rollback goes back to, was pinned in dev only by hand (commit ${x.slice(0, 12)}, without Ferry trailers), never by a Ferry commit: nothing records who pinned it there or which gates it passed, and a rollback checks none, so ferry audit reports this rollback; --to an image a Ferry commit pinned there goes back to one that did (ferry history --env dev --app ${US} lists them)`;
    expect(result.warning).toBe(warning);
    expect(stderr).toContain(`ferry rollback: warning: ${warning}\n`);
    const { code, rows } = await audit(repo);
    expect(rows).toEqual([
      [x, 'dev', 'unrecorded-change', unrecorded('dev')],
      [y, 'dev', 'unrecorded-change', unrecorded('dev')],
      [result.commit, 'dev', 'trailers-disagree', `a rollback to ${short('7.0.0')}, which dev had before it only by hand edit ${x.slice(0, 12)} (unrecorded), never through a Ferry commit: a rollback goes back to an image a Ferry commit pinned there earlier (a new image reaches dev by ferry bump)`],
    ]);
    expect(code).toBe(1);
  });

  test('a hand edit in stage, a second, ferry rollback (--steps) back to the first, then ferry promote to prod: the rollback is skipped-stage naming the edit; the promotion adds nothing', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.1.0'), '--requested-by', 'alice'], hoursAgo(12));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', US, '--requested-by', 'alice'], hoursAgo(11));
    const x = await pinByHand(repo, 'stage', '7.0.0');
    const y = await pinByHand(repo, 'stage', '7.1.0');
    const { result } = await rollback(['--repo', repo, '--env', 'stage']);
    expect(result.to).toMatchObject({ commit: x, action: 'edit' });
    expect(result.warning).toContain(`was pinned in stage only by hand (commit ${x.slice(0, 12)}, without Ferry trailers)`);
    // (Stage's soak counts from the rollback, a Ferry pin of it there: overridden, with a reason.)
    const promoted = JSON.parse(await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', US, '--requested-by', 'alice', '--approved-by', 'bob', '--override', 'soak', '--reason', 'incident', '--json'])).commit;
    const { rows } = await audit(repo);
    expect(rows).toEqual([
      [x, 'stage', 'unrecorded-change', unrecorded('stage')],
      skippedByHand(x, 'stage', 'dev', '7.0.0'),
      [y, 'stage', 'unrecorded-change', unrecorded('stage')],
      skippedByHand(y, 'stage', 'dev', '7.1.0'),
      [result.commit, 'stage', 'skipped-stage', `${short('7.0.0')} reached stage without having been pinned in dev first; a rollback to it, which stage had before it only by hand edit ${x.slice(0, 12)} (unrecorded), never through a Ferry commit`],
    ]);
    expect(rows.some((r) => r[0] === promoted)).toBe(false);
  });

  test('a hand edit replaced by a ferry bump (which records it as the image it replaced), then ferry rollback back to it: reported, naming the edit (the file held it by hand)', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.1.0'), '--requested-by', 'alice']);
    const x = await pinByHand(repo, 'dev', '7.0.0');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.2.0'), '--requested-by', 'alice']);
    const { result } = await rollback(['--repo', repo, '--env', 'dev']);
    expect(result.to).toMatchObject({ commit: x, action: 'edit' });
    expect(result.warning).toContain(`only by hand (commit ${x.slice(0, 12)}, without Ferry trailers)`);
    const { rows } = await audit(repo);
    expect(rows).toEqual([
      [x, 'dev', 'unrecorded-change', unrecorded('dev')],
      [result.commit, 'dev', 'trailers-disagree', `a rollback to ${short('7.0.0')}, which dev had before it only by hand edit ${x.slice(0, 12)} (unrecorded), never through a Ferry commit: a rollback goes back to an image a Ferry commit pinned there earlier (a new image reaches dev by ferry bump)`],
    ]);
  });

  test('must not flag: a hand edit corrected by a ferry bump, then ferry rollback --to what Ferry pinned before it, and back to the template\'s image: no warning, nothing but the hand edit reported', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.1.0'), '--requested-by', 'alice']);
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.2.0'), '--requested-by', 'alice']);
    const x = await pinByHand(repo, 'dev', '7.0.0');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.3.0'), '--requested-by', 'alice']);
    const back = await rollback(['--repo', repo, '--env', 'dev', '--to', templateImage(US, '1.2.0')]);
    const again = await rollback(['--repo', repo, '--env', 'dev', '--to', '1.1.0']);
    const template = await rollback(['--repo', repo, '--env', 'dev', '--to', '1.0.0']);
    expect(template.result.to.action).toBe('init');
    for (const r of [back, again, template]) {
      expect(r.result).not.toHaveProperty('warning');
      expect(r.stderr).not.toContain('warning');
    }
    const { code, rows } = await audit(repo);
    expect(rows).toEqual([[x, 'dev', 'unrecorded-change', unrecorded('dev')]]);
    expect(code).toBe(1);
  });
});

const ENVS = ['dev', 'stage', 'prod'] as const;

/** A clone of `repo` (a new one when it does not exist yet), and `git` in it as a person. */
function cloneOf(repo: string): { work: string; git: (...args: string[]) => string } {
  const work = join(root, `work-${++counter}`);
  execFileSync('git', ['clone', '--quiet', repo, work], { stdio: 'ignore' });
  const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Mallory', '-c', 'user.email=m@example.invalid', ...args]).toString().trim();
  return { work, git };
}

/** Commits everything in the clone with `message`, pushes it to `repo`'s main, and returns the commit. */
function commitAll(git: (...args: string[]) => string, repo: string, message: string): string {
  git('add', '--all');
  git('commit', '--quiet', '-m', message);
  git('push', '--quiet', repo, 'HEAD:main');
  return git('rev-parse', 'HEAD');
}

/** The unrecorded-change rows of a commit that changed the manifests of `apps` in every environment by hand (in the order of their paths, as git lists them). */
const rowsOf = (commit: string, apps: readonly string[]): Row[] =>
  ENVS.flatMap((env) => apps.map((app): Row => [commit, env, 'unrecorded-change', `${env}/${app}/kustomization.yaml changed in a commit without Ferry trailers (a manual edit)`])).sort((a, b) => (a[3] < b[3] ? -1 : 1));

describe('a hand edit that puts the first pin in a file (no pin of the app there before it): a rollback back to that pin is to an image the environment had, as ferry rollback tells it (no warning)', () => {
  test('the commit that adopts an env repo by adding ferry.yaml and pinning the digests by hand (README, adopting, step 2): ferry bump, then ferry rollback back: only the adoption is reported; --after it, nothing', async () => {
    // The template's manifests as Flux image automation left them (pinned by tag alone), in a repository that never had ferry.yaml.
    const template = cloneOf(await initTemplateRepo(join(root, `env-${++counter}.git`)));
    const repo = join(root, `adopted-${counter}.git`);
    execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', repo]);
    const config = readFileSync(join(template.work, 'ferry.yaml'), 'utf8');
    const pinned = new Map(ENVS.flatMap((env) => [US, 'order-service'].map((app) => {
      const path = join(template.work, env, app, 'kustomization.yaml');
      return [path, readFileSync(path, 'utf8')] as const;
    })));
    template.git('checkout', '--quiet', '--orphan', 'flux');
    rmSync(join(template.work, 'ferry.yaml'));
    for (const [path, text] of pinned) writeFileSync(path, text.replace(/\n\s*digest: sha256:[0-9a-f]{64}/, ''));
    commitAll(template.git, repo, 'flux: image update automation');
    writeFileSync(join(template.work, 'ferry.yaml'), config);
    for (const [path, text] of pinned) writeFileSync(path, text);
    const adopted = commitAll(template.git, repo, 'adopt Ferry: ferry.yaml, and each image pinned by digest');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.1.0'), '--requested-by', 'alice']);
    const { result, stderr } = await rollback(['--repo', repo, '--env', 'dev']);
    expect(result.to).toMatchObject({ commit: adopted, action: 'edit' });
    expect(result).not.toHaveProperty('warning');
    expect(stderr).not.toContain('warning');
    const { code, rows } = await audit(repo);
    expect(rows).toEqual(rowsOf(adopted, [US, 'order-service']));
    expect(code).toBe(1);
    expect(await audit(repo, '--after', adopted)).toEqual({ code: 0, rows: [] });
  });

  test('a new env repo whose first commit adds ferry.yaml and the manifests by hand: ferry bump, then ferry rollback back: only that commit is reported', async () => {
    const template = cloneOf(await initTemplateRepo(join(root, `env-${++counter}.git`)));
    const repo = join(root, `by-hand-${counter}.git`);
    execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', repo]);
    template.git('checkout', '--quiet', '--orphan', 'by-hand');
    const first = commitAll(template.git, repo, 'env repo, written by hand');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.1.0'), '--requested-by', 'alice']);
    const { result } = await rollback(['--repo', repo, '--env', 'dev']);
    expect(result.to).toMatchObject({ commit: first, action: 'edit' });
    expect(result).not.toHaveProperty('warning');
    const { rows } = await audit(repo);
    expect(rows).toEqual(rowsOf(first, [US, 'order-service']));
  });

  test('an app added by hand to a ferry init repo (ferry.yaml and its manifests in one commit): ferry bump, ferry rollback back: only that commit; then two hand edits and a rollback to the first of them: reported, naming it', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const { work, git } = cloneOf(repo);
    const config = readFileSync(join(work, 'ferry.yaml'), 'utf8');
    writeFileSync(join(work, 'ferry.yaml'), `${config.trimEnd()}\n  - name: cart\n    image: cart\n    manifest: "{env}/cart/kustomization.yaml"\n`);
    for (const env of ENVS) {
      execFileSync('mkdir', ['-p', join(work, env, 'cart')]);
      const text = readFileSync(join(work, env, 'order-service', 'kustomization.yaml'), 'utf8').replaceAll('order-service', 'cart');
      writeFileSync(join(work, env, 'cart', 'kustomization.yaml'), text.replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${templateImage('cart', '1.0.0').split('@')[1]}`));
    }
    expect(readdirSync(join(work, 'dev'))).toContain('cart');
    const added = commitAll(git, repo, 'add app cart');
    const cart = async (args: string[]) => JSON.parse(await ferryOk(['rollback', '--repo', repo, '--env', 'dev', '--app', 'cart', '--requested-by', 'carol', '--json', ...args]));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'cart', '--image', templateImage('cart', '1.1.0'), '--requested-by', 'alice']);
    const back = await cart([]);
    expect(back.to).toMatchObject({ commit: added, action: 'edit' });
    expect(back).not.toHaveProperty('warning');
    expect((await audit(repo)).rows).toEqual(rowsOf(added, ['cart']));
    // Still reported: an image the environment had only by a hand edit that changed its pin.
    const pin = (tag: string) => {
      const path = join(work, 'dev', 'cart', 'kustomization.yaml');
      git('pull', '--quiet', '--ff-only', repo, 'main');
      writeFileSync(path, readFileSync(path, 'utf8').replace(/newTag: \S+/, `newTag: ${tag}`).replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${templateImage('cart', tag).split('@')[1]}`));
      return commitAll(git, repo, `hotfix cart ${tag} by hand`);
    };
    const x = pin('7.0.0');
    const y = pin('7.1.0');
    const toX = await cart(['--to', x]);
    expect(toX.warning).toContain(`was pinned in dev only by hand (commit ${x.slice(0, 12)}, without Ferry trailers)`);
    const cartShort = `cart:7.0.0@${templateImage('cart', '7.0.0').split('@')[1]!.slice(0, 19)}`;
    expect((await audit(repo)).rows).toEqual([
      ...rowsOf(added, ['cart']),
      [x, 'dev', 'unrecorded-change', 'dev/cart/kustomization.yaml changed in a commit without Ferry trailers (a manual edit)'],
      [y, 'dev', 'unrecorded-change', 'dev/cart/kustomization.yaml changed in a commit without Ferry trailers (a manual edit)'],
      [toX.commit, 'dev', 'trailers-disagree', `a rollback to ${cartShort}, which dev had before it only by hand edit ${x.slice(0, 12)} (unrecorded), never through a Ferry commit: a rollback goes back to an image a Ferry commit pinned there earlier (a new image reaches dev by ferry bump)`],
    ]);
  });
});

describe('ferry init\'s pin, changed by hand before any Ferry pin: a rollback back to it is to an image the environment had (ferry init pinned it)', () => {
  test('pinned by hand, then ferry rollback back to the template\'s image: only the hand edit is reported', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const x = await pinByHand(repo, 'dev', '5.0.0');
    const { result } = await rollback(['--repo', repo, '--env', 'dev']);
    expect(result.to.action).toBe('init');
    expect(result).not.toHaveProperty('warning');
    expect((await audit(repo)).rows).toEqual([[x, 'dev', 'unrecorded-change', unrecorded('dev')]]);
  });

  test('an image automation bot leaves the template\'s pin a tag alone, then ferry rollback (from the tag-only pin) back to the template\'s image: only the bot\'s edit is reported', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const path = `dev/${US}/kustomization.yaml`;
    const bot = await commitByHand(repo, { [path]: readRemoteFile(repo, path)!.replace(/newTag: \S+/, 'newTag: v1.0.1-bot').replace(/\n\s*digest: sha256:[0-9a-f]{64}/, '') }, 'bot: tag only');
    const { result } = await rollback(['--repo', repo, '--env', 'dev']);
    expect(result.to.action).toBe('init');
    expect((await audit(repo)).rows).toEqual([[bot, 'dev', 'unrecorded-change', unrecorded('dev')]]);
  });

  test('must flag: two hand edits after ferry init, a rollback to the first: reported, naming it; a rollback back to the template\'s image after it: not', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const x = await pinByHand(repo, 'dev', '7.0.0');
    const y = await pinByHand(repo, 'dev', '7.1.0');
    const toX = await rollback(['--repo', repo, '--env', 'dev', '--to', x]);
    expect(toX.result.warning).toContain(`only by hand (commit ${x.slice(0, 12)}, without Ferry trailers)`);
    const toInit = await rollback(['--repo', repo, '--env', 'dev', '--to', '1.0.0']);
    expect(toInit.result.to.action).toBe('init');
    expect((await audit(repo)).rows).toEqual([
      [x, 'dev', 'unrecorded-change', unrecorded('dev')],
      [y, 'dev', 'unrecorded-change', unrecorded('dev')],
      [toX.result.commit, 'dev', 'trailers-disagree', `a rollback to ${short('7.0.0')}, which dev had before it only by hand edit ${x.slice(0, 12)} (unrecorded), never through a Ferry commit: a rollback goes back to an image a Ferry commit pinned there earlier (a new image reaches dev by ferry bump)`],
    ]);
  });
});

describe('a first pin by hand waives only what the environment had (helper-166\'s review)', () => {
  /** `user-service`'s manifest text with `tag` (its template image) pinned. */
  const pinned = (text: string, tag: string) => text.replace(/newTag: \S+/, `newTag: ${tag}`).replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${templateImage(US, tag).split('@')[1]}`);

  test('must flag: an environment qa (promoted from dev) added by hand, its first pin an image dev never had; ferry promote, then ferry rollback back to it: skipped-stage (dev never had it), not a rollback qa had only by hand', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const { work, git } = cloneOf(repo);
    const config = readFileSync(join(work, 'ferry.yaml'), 'utf8');
    writeFileSync(join(work, 'ferry.yaml'), config.replace('\napps:\n', '\n  - name: qa\n    promoteFrom: dev\n\napps:\n'));
    for (const app of [US, 'order-service']) {
      execFileSync('mkdir', ['-p', join(work, 'qa', app)]);
      const text = readFileSync(join(work, 'dev', app, 'kustomization.yaml'), 'utf8').replaceAll(`${app}-dev`, `${app}-qa`);
      writeFileSync(join(work, 'qa', app, 'kustomization.yaml'), app === US ? pinned(text, '7.0.0') : text);
    }
    const added = commitAll(git, repo, 'add environment qa by hand');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.1.0'), '--requested-by', 'alice']);
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'qa', '--app', US, '--requested-by', 'alice']);
    const { result } = await rollback(['--repo', repo, '--env', 'qa', '--to', templateImage(US, '7.0.0').split('@')[1]!]);
    expect(result.to).toMatchObject({ commit: added, action: 'edit' });
    expect(result.warning).not.toContain('only by hand');
    const row: Row = [result.commit, 'qa', 'skipped-stage', `${short('7.0.0')} reached qa without having been pinned in dev first`];
    expect((await audit(repo)).rows).toContainEqual(row);
    expect(await audit(repo, '--after', added)).toEqual({ code: 1, rows: [row] });
  });

  test('must flag: an app renamed in ferry.yaml in the commit that changes its manifest by hand (the app had a Ferry pin there under its old name): a rollback back to the hand edit\'s image is reported, naming it, as ferry rollback warns', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.1.0'), '--requested-by', 'alice']);
    const { work, git } = cloneOf(repo);
    writeFileSync(join(work, 'ferry.yaml'), readFileSync(join(work, 'ferry.yaml'), 'utf8').replace(/- name: user-service\n/, '- name: user-svc\n'));
    const path = join(work, 'dev', US, 'kustomization.yaml');
    writeFileSync(path, pinned(readFileSync(path, 'utf8'), '7.0.0'));
    const x = commitAll(git, repo, 'rename user-service to user-svc, and hotfix 7.0.0 by hand');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-svc', '--image', templateImage(US, '1.2.0'), '--requested-by', 'alice']);
    const back = JSON.parse(await ferryOk(['rollback', '--repo', repo, '--env', 'dev', '--app', 'user-svc', '--to', templateImage(US, '7.0.0').split('@')[1]!, '--requested-by', 'carol', '--json']));
    expect(back.warning).toContain(`was pinned in dev only by hand (commit ${x.slice(0, 12)}, without Ferry trailers)`);
    const rows = (await audit(repo, '--after', x)).rows;
    expect(rows).toEqual([[back.commit, 'dev', 'trailers-disagree', `a rollback to ${short('7.0.0')}, which dev had before it only by hand edit ${x.slice(0, 12)} (unrecorded), never through a Ferry commit: a rollback goes back to an image a Ferry commit pinned there earlier (a new image reaches dev by ferry bump)`]]);
  });

  test('must flag: ferry.yaml moves an app\'s manifest (ferry init\'s pin at the old path), then a hand commit writes the new file: a rollback back to that pin is reported, naming it (the app had a pin there)', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const { work, git } = cloneOf(repo);
    writeFileSync(join(work, 'ferry.yaml'), readFileSync(join(work, 'ferry.yaml'), 'utf8').replace('"{env}/user-service/kustomization.yaml"', '"{env}/us2/kustomization.yaml"'));
    for (const env of ['stage', 'prod']) {
      execFileSync('mkdir', ['-p', join(work, env, 'us2')]);
      git('mv', `${env}/${US}/kustomization.yaml`, `${env}/us2/kustomization.yaml`);
    }
    commitAll(git, repo, 'move user-service\'s manifests');
    execFileSync('mkdir', ['-p', join(work, 'dev', 'us2')]);
    writeFileSync(join(work, 'dev', 'us2', 'kustomization.yaml'), pinned(readFileSync(join(work, 'dev', US, 'kustomization.yaml'), 'utf8'), '7.0.0'));
    const x = commitAll(git, repo, 'write dev\'s new manifest by hand');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', US, '--image', templateImage(US, '1.2.0'), '--requested-by', 'alice']);
    const { result } = await rollback(['--repo', repo, '--env', 'dev', '--to', templateImage(US, '7.0.0').split('@')[1]!]);
    expect(result.to).toMatchObject({ commit: x });
    expect((await audit(repo, '--after', x)).rows).toEqual([[result.commit, 'dev', 'trailers-disagree', `a rollback to ${short('7.0.0')}, which dev had before it only by hand edit ${x.slice(0, 12)} (unrecorded), never through a Ferry commit: a rollback goes back to an image a Ferry commit pinned there earlier (a new image reaches dev by ferry bump)`]]);
  });
});

describe('a rollback to the first pin of a manifest written by hand, in an environment whose source never had it through Ferry (helper-185): ferry rollback warns as ferry audit reports it', () => {
  /** `user-service`'s manifest text with `tag` (its template image) pinned. */
  const pinned = (text: string, tag: string) => text.replace(/newTag: \S+/, `newTag: ${tag}`).replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${templateImage(US, tag).split('@')[1]}`);
  /** The warning of every rollback here (stage still pins the image prod-eu rolls back from, `tag`), which comes first. */
  const comesBack = (tag: string) => `stage still pins ${tag} (${templateImage(US, tag).split('@')[1]!.slice(0, 19)}), the image rolled back from: the next ferry promote from stage to prod-eu (a scheduled auto-promote too) brings it back; --block blocks it (blocked.yaml) so that no promotion or bump pins it again until ferry unblock`;

  /**
   * A fan-out environment prod-eu (promoted from stage) added by hand to a ferry init repo, its
   * first pin of user-service 7.0.0, an image stage never had; `before`: its manifests committed
   * before ferry.yaml names prod-eu (an env repo adopted with files that were there already).
   */
  function addProdEu(repo: string, before: boolean): string {
    const { work, git } = cloneOf(repo);
    for (const app of [US, 'order-service']) {
      execFileSync('mkdir', ['-p', join(work, 'prod-eu', app)]);
      const text = readFileSync(join(work, 'prod', app, 'kustomization.yaml'), 'utf8').replaceAll(`${app}-prod`, `${app}-prod-eu`);
      writeFileSync(join(work, 'prod-eu', app, 'kustomization.yaml'), app === US ? pinned(text, '7.0.0') : text);
    }
    const files = before ? commitAll(git, repo, 'prod-eu\'s manifests, as the cluster runs them') : undefined;
    writeFileSync(join(work, 'ferry.yaml'), readFileSync(join(work, 'ferry.yaml'), 'utf8').replace('\napps:\n', '\n  - name: prod-eu\n    promoteFrom: stage\n\napps:\n'));
    const added = commitAll(git, repo, 'add environment prod-eu');
    return files ?? added;
  }

  test('must flag: the manifest written with ferry.yaml naming it (by hand); ferry promote, then ferry rollback back to it: warned (stderr and --json), and reported as skipped-stage', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const added = addProdEu(repo, false);
    await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod-eu', '--app', US, '--requested-by', 'alice']);
    const { result, stderr } = await rollback(['--repo', repo, '--env', 'prod-eu']);
    expect(result.to).toMatchObject({ commit: added, action: 'edit' });
    const warning = `7.0.0 (${templateImage(US, '7.0.0').split('@')[1]!.slice(0, 19)}), the image this rollback goes back to, was in prod-eu only as the first pin of its manifest (commit ${added.slice(0, 12)}, without Ferry trailers), and no Ferry commit ever pinned it in stage, which prod-eu is promoted from: a rollback checks no gate, so ferry audit reports this rollback (skipped-stage); --to an image a Ferry commit pinned there goes back to one that did (ferry history --env prod-eu --app ${US} lists them)`;
    expect(result.warning).toBe(`${comesBack('1.0.0')}; ${warning}`);
    expect(stderr).toContain(`ferry rollback: warning: ${comesBack('1.0.0')}; ${warning}\n`);
    // (The promotion of ferry init's stage pin is one too: ferry init's pin is no Ferry pin in stage.)
    expect((await audit(repo, '--after', added)).rows.filter((r) => r[0] === result.commit)).toEqual([[result.commit, 'prod-eu', 'skipped-stage', `${short('7.0.0')} reached prod-eu without having been pinned in stage first`]]);
  });

  test('the same image pinned in stage by a Ferry bump first: no warning, and audit reports no rollback', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const added = addProdEu(repo, false);
    await ferryOk(['bump', '--repo', repo, '--env', 'stage', '--app', US, '--image', templateImage(US, '7.0.0'), '--requested-by', 'alice']);
    await ferryOk(['bump', '--repo', repo, '--env', 'stage', '--app', US, '--image', templateImage(US, '7.1.0'), '--requested-by', 'alice']);
    await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod-eu', '--app', US, '--requested-by', 'alice']);
    const { result } = await rollback(['--repo', repo, '--env', 'prod-eu']);
    expect(result.to).toMatchObject({ commit: added, action: 'edit' });
    expect(result.warning).toBe(comesBack('7.1.0'));
    expect((await audit(repo, '--after', added)).rows.filter((r) => r[0] === result.commit)).toEqual([]);
  });

  test('the manifest there before ferry.yaml named prod-eu (adopted as the cluster ran it): no warning, and audit reports no rollback', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const files = addProdEu(repo, true);
    await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod-eu', '--app', US, '--requested-by', 'alice']);
    const { result } = await rollback(['--repo', repo, '--env', 'prod-eu']);
    expect(result.to).toMatchObject({ commit: files, action: 'edit' });
    expect(result.warning).toBe(comesBack('1.0.0'));
    expect((await audit(repo)).rows.filter((r) => r[0] === result.commit)).toEqual([]);
  });
});
