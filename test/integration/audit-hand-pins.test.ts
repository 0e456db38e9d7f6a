// ferry audit reads what a hand edit of a pinned manifest pinned (the file as the commit left it):
// a blocked digest pinned by hand is reported as such, and a rollback to an image its environment
// had only by hand edits is reported naming the edit (no gate ever passed it there). ferry rollback
// warns before making such a rollback. A hand edit corrected by a Ferry pin, and a rollback to what
// Ferry pinned, add nothing.
import { readFileSync } from 'node:fs';
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
async function audit(repo: string): Promise<{ code: number | null; rows: Row[] }> {
  const r = await ferry(['audit', '--repo', repo, '--format', 'json']);
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
      [promoted, 'prod', 'skipped-stage', `${short('7.0.0')} reached prod without having been pinned in stage first: stage had it only by hand edit ${x.slice(0, 12)} (unrecorded), never through a Ferry commit`],
    ]);
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
      [y, 'stage', 'unrecorded-change', unrecorded('stage')],
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
