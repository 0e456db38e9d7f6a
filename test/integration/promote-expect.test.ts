// ferry promote --expect: the plan shown (a dry run's, in promote.yml the plan job's) is the plan
// written, or nothing is. Reviewers approve the promote job after reading the plan; if the source
// environment moves on meanwhile (a bump and a promotion land there), the approval given for the
// plan shown must not be applied to whatever the source pins when the promote job runs.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runBundle } from '../support/action-step.js';
import { readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';
import { TEMPLATE_REGISTRY, ferryOk, hoursAgo, initTemplateRepo, templateImage } from '../support/template-repo.js';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-promote-expect-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const digest = (app: string, tag: string) => templateImage(app, tag).split('@')[1]!;
const short = (app: string, tag: string) => `${tag} (${digest(app, tag).slice(0, 19)})`;
/** `1.2.0 sha256:<12 hex>`, as the plan text shows an image. */
const pin = (app: string, tag: string) => `${tag} ${digest(app, tag).slice(0, 19)}`;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** How a refusal names the commit that changed a manifest: its id, author, requester (where it names one) and subject. */
const changedBy = (commit: string, subject: string) => `\\(changed by commit ${commit.slice(0, 12)} of "[^"]+"(, requested by "[^"]+")?: ${escape(JSON.stringify(subject))}\\)`;

/** A template repo whose stage has run user-service 1.1.0 for 5 hours (prod's soak is 2h). */
async function stageRepo(): Promise<string> {
  const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
  await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.1.0')], hoursAgo(6));
  await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service'], hoursAgo(5));
  return repo;
}

/** A bump of dev and a promotion of it to stage, landed 4 and 3 hours ago (prod's soak passes). */
async function landInStage(repo: string, app: string, tag: string): Promise<void> {
  await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', app, '--image', templateImage(app, tag)], hoursAgo(4));
  await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', app], hoursAgo(3));
}

/** `app@digest` of each promotion of a `ferry promote --dry-run --json` plan. */
async function planOf(args: string[]): Promise<string[]> {
  const r = await ferry([...args, '--dry-run', '--json']);
  expect(r.code, r.stderr).toBe(0);
  const plan = JSON.parse(r.stdout) as { status: string; promotions: { app: string; digest: string }[] };
  expect(plan.status).toBe('planned');
  return plan.promotions.map((p) => `${p.app}@${p.digest}`);
}

const toProd = (repo: string, ...more: string[]) => ['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', ...more, '--requested-by', 'alice', '--approved-by', 'bob'];

describe('ferry promote --expect: the plan shown, or nothing', () => {
  test('stage moves on after the plan was shown: refused (exit 1), nothing written, naming old -> new and the approval given for the plan shown; the plan of now goes through', async () => {
    const repo = await stageRepo();
    const shown = await planOf(toProd(repo, '--app', 'user-service'));
    expect(shown).toEqual([`user-service@${digest('user-service', '1.1.0')}`]);
    await landInStage(repo, 'user-service', '1.2.0');
    const head = remoteHead(repo);

    const r = await ferry([...toProd(repo, '--app', 'user-service'), ...shown.flatMap((e) => ['--expect', e]), '--json']);
    expect(r.code, r.stderr).toBe(1);
    const { error } = JSON.parse(r.stdout);
    expect(error.kind).toBe('refused');
    // The change, and the commit that made it (who, what), as a refusal on a retry names it.
    expect(error.message).toMatch(new RegExp(`^${escape(`the promotion from stage to prod is not the plan expected (the plan shown, which its approvals were given for): user-service: expected ${digest('user-service', '1.1.0').slice(0, 19)} (--expect), stage pins ${short('user-service', '1.2.0')} `)}${changedBy(head, `promote(stage): user-service ${short('user-service', '1.2.0')} from dev`)}${escape('; nothing written. Look first (ferry status, ferry history); a new run plans again on what is there now, to be shown and approved')}$`));
    expect(remoteHead(repo)).toBe(head);
    expect(readRemoteFile(repo, 'prod/user-service/kustomization.yaml')).not.toContain(digest('user-service', '1.2.0'));

    // A dry run with the old plan says so too, and a dry run's plan of now is what is written.
    const dry = await ferry([...toProd(repo, '--app', 'user-service'), '--expect', shown[0]!, '--dry-run']);
    expect(dry.code).toBe(1);
    expect(dry.stderr).toContain('ferry promote: the promotion from stage to prod is not the plan expected');
    const now = await planOf(toProd(repo, '--app', 'user-service'));
    const ok = await ferry([...toProd(repo, '--app', 'user-service'), '--expect', now.join(','), '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ status: 'succeeded', commit: remoteHead(repo) });
    expect(readRemoteFile(repo, 'prod/user-service/kustomization.yaml')).toContain(digest('user-service', '1.2.0'));
  });

  test('--all: an app that reached stage after the plan was shown is not promoted with it: the plan is (the newcomer waits for a plan of its own)', async () => {
    const repo = await stageRepo();
    const shown = await planOf(toProd(repo, '--all'));
    await landInStage(repo, 'order-service', '2.0.0');
    const r = await ferry([...toProd(repo, '--all'), '--expect', shown.join(','), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', promotions: [{ app: 'user-service', digest: digest('user-service', '1.1.0') }] });
    expect(JSON.parse(r.stdout).promotions).toHaveLength(1);
    expect(readRemoteFile(repo, 'prod/order-service/kustomization.yaml')).not.toContain(digest('order-service', '2.0.0'));
    // Said, not held back silently: --json's heldBack, with the stage pin that brought it.
    const stage = execFileSync('git', ['--git-dir', repo, 'log', '-1', '--format=%H', 'main', '--', 'stage/order-service/kustomization.yaml']).toString().trim();
    expect(JSON.parse(r.stdout).heldBack).toMatchObject([{
      app: 'order-service', image: templateImage('order-service', '2.0.0'), digest: digest('order-service', '2.0.0'), previousImage: templateImage('order-service', '1.0.0'),
      sourceCommit: stage, sourceDate: expect.stringMatching(/^\d{4}-/),
    }]);
    // And in the text: what changed after the plan, and that a new run plans it (nothing of the plan left: skipped).
    const text = await ferry([...toProd(repo, '--all'), '--expect', shown.join(',')]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^skipped: nothing of the plan left to promote \\(no commit; head [0-9a-f]{12}\\)\\n {2}order-service {2}not in the plan given \\(stage ${escape(pin('order-service', '2.0.0'))} since \\d{4}-\\d\\d-\\d\\d [\\d:]+Z[^)\\n]*\\)\\n {4}not promoted: prod keeps ${escape(pin('order-service', '1.0.0'))}; a new run plans it\\n`));
  });

  test('a plan bound with the target\'s digest too (a dry run\'s last line, --json\'s expect): a pin of the target made after the plan is refused, naming the commit and who made it; nothing written', async () => {
    const repo = await stageRepo();
    const dry = await ferry([...toProd(repo, '--app', 'user-service'), '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    const bound = JSON.parse(dry.stdout).expect;
    expect(bound).toBe(`user-service@${digest('user-service', '1.0.0')}..${digest('user-service', '1.1.0')}`);
    await ferryOk(['bump', '--repo', repo, '--env', 'prod', '--app', 'user-service', '--image', templateImage('user-service', '0.9.0'), '--requested-by', 'mallory']);
    const head = remoteHead(repo);
    const r = await ferry([...toProd(repo, '--app', 'user-service'), '--expect', bound]);
    expect(r.code, r.stdout).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${escape(`the promotion from stage to prod is not the plan expected (the plan shown, which its approvals were given for): user-service: expected prod to pin ${digest('user-service', '1.0.0').slice(0, 19)} (--expect), prod pins ${short('user-service', '0.9.0')} (changed by commit ${head.slice(0, 12)} of `)}"[^"]+"${escape(`, requested by "mallory": "bump(prod): user-service ${short('user-service', '0.9.0')}"); nothing written.`)}`));
    expect(remoteHead(repo)).toBe(head);
    expect(readRemoteFile(repo, 'prod/user-service/kustomization.yaml')).toContain(digest('user-service', '0.9.0'));
    // `none` binds a target that pins nothing; the source-only form binds the source alone, as before.
    const json = await ferry([...toProd(repo, '--app', 'user-service'), '--expect', `user-service@none..${digest('user-service', '1.1.0')}`, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).error.message).toContain(`user-service: expected prod to pin nothing (--expect), prod pins ${short('user-service', '0.9.0')} (changed by commit ${head.slice(0, 12)}`);
  });

  test('the plan shown, unchanged: promoted (exit 0); promoted already by another run: skipped (exit 0), no commit', async () => {
    const repo = await stageRepo();
    const shown = await planOf(toProd(repo, '--all'));
    const args = [...toProd(repo, '--all'), ...shown.flatMap((e) => ['--expect', e]), '--json'];
    const r = await ferry(args);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', promotions: [{ app: 'user-service', digest: digest('user-service', '1.1.0') }] });
    const head = remoteHead(repo);
    const again = await ferry(args);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'skipped', commit: head });
    expect(remoteHead(repo)).toBe(head);
  });

  test('an app of the plan that another run promoted meanwhile, with another still to promote: that part is done, the rest is written', async () => {
    const repo = await stageRepo();
    await landInStage(repo, 'order-service', '2.0.0');
    const shown = await planOf(toProd(repo, '--all'));
    expect(shown).toHaveLength(2);
    await ferryOk(toProd(repo, '--app', 'user-service'));
    const r = await ferry([...toProd(repo, '--all'), '--expect', shown.join(','), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', promotions: [{ app: 'order-service', digest: digest('order-service', '2.0.0') }] });
    expect(JSON.parse(r.stdout).promotions).toHaveLength(1);
    expect(readRemoteFile(repo, 'prod/order-service/kustomization.yaml')).toContain(digest('order-service', '2.0.0'));
  });

  test('an app of the plan whose source moved on and the target has that new digest already: refused, nothing written', async () => {
    const repo = await stageRepo();
    await landInStage(repo, 'order-service', '2.0.0');
    const shown = await planOf(toProd(repo, '--all'));
    await landInStage(repo, 'user-service', '1.2.0');
    await ferryOk(toProd(repo, '--app', 'user-service'));
    const head = remoteHead(repo);
    const r = await ferry([...toProd(repo, '--all'), '--expect', shown.join(',')]);
    expect(r.code, r.stdout).toBe(1);
    const stage = execFileSync('git', ['--git-dir', repo, 'log', '-1', '--format=%H', 'main', '--', 'stage/user-service/kustomization.yaml']).toString().trim();
    expect(r.stderr).toMatch(new RegExp(`${escape(`: user-service: expected ${digest('user-service', '1.1.0').slice(0, 19)} (--expect), stage pins ${short('user-service', '1.2.0')}, which prod pins already: nothing to promote of it `)}${changedBy(stage, `promote(stage): user-service ${short('user-service', '1.2.0')} from dev`)}; nothing written\\.`));
    expect(remoteHead(repo)).toBe(head);
  });

  test.each([
    ['its digest blocked after the plan', async (repo: string) => {
      await ferryOk(['block', '--repo', repo, '--app', 'order-service', '--image', templateImage('order-service', '2.0.0'), '--reason', 'cve', '--requested-by', 'sec']);
      return `order-service: ${short('order-service', '2.0.0')} is blocked for app "order-service" by sec at `;
    }],
    ['its overlay in prod made so that the pin is never deployed after the plan (a Component with its own images: entry)', async (repo: string) => {
      const overlay = readRemoteFile(repo, 'prod/order-service/kustomization.yaml')!.replace(/^resources:/m, 'components:\n  - ../../components/debug\nresources:');
      await commitByHand(repo, {
        'components/debug/kustomization.yaml': ['apiVersion: kustomize.config.k8s.io/v1alpha1', 'kind: Component', 'images:', '  - name: order-service',
          `    newName: ${TEMPLATE_REGISTRY}/order-service`, '    newTag: debug', `    digest: sha256:${'d'.repeat(64)}`, ''].join('\n'),
        'prod/order-service/kustomization.yaml': overlay,
      }, 'prod: debug component');
      return 'order-service: its pin in prod would never be deployed now (prod/order-service/kustomization.yaml:';
    }],
    ['its overlay in stage, the source, made so that its pin is never deployed after the plan (a Component with its own images: entry)', async (repo: string) => {
      const overlay = readRemoteFile(repo, 'stage/order-service/kustomization.yaml')!.replace(/^resources:/m, 'components:\n  - ../../components/debug\nresources:');
      await commitByHand(repo, {
        'components/debug/kustomization.yaml': ['apiVersion: kustomize.config.k8s.io/v1alpha1', 'kind: Component', 'images:', '  - name: order-service',
          `    newName: ${TEMPLATE_REGISTRY}/order-service`, '    newTag: debug', `    digest: sha256:${'d'.repeat(64)}`, ''].join('\n'),
        'stage/order-service/kustomization.yaml': overlay,
      }, 'stage: debug component');
      return 'order-service: its pin in stage is never deployed now, stage never ran that digest (stage/order-service/kustomization.yaml:';
    }],
  ])('--all with a plan whose only app is now left out (%s): refused, exit 1, not skipped; nothing written; the action step fails too', async (_, leaveOut) => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    await landInStage(repo, 'order-service', '2.0.0');
    const dry = await ferry([...toProd(repo, '--app', 'order-service'), '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    const plan = JSON.parse(dry.stdout).expect as string;
    const said = await leaveOut(repo);
    const head = remoteHead(repo);
    const r = await ferry([...toProd(repo, '--all'), '--expect', plan, '--json']);
    expect(r.code, r.stdout).toBe(1);
    const { error } = JSON.parse(r.stdout);
    expect(error.kind).toBe('refused');
    expect(error.message).toContain('the promotion from stage to prod is not the plan expected (the plan shown, which its approvals were given for): ');
    expect(error.message).toContain(said);
    expect(error.message).toContain(': --all leaves it out');
    expect(remoteHead(repo)).toBe(head);
    expect(readRemoteFile(repo, 'prod/order-service/kustomization.yaml')).toContain(digest('order-service', '1.0.0'));
    // The promote action given the plan job's plan (promote.yml's promote job): a failed step, not a green one.
    const dir = await mkdtemp(join(root, 'step-'));
    const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary') };
    await Promise.all(Object.values(files).map((f) => writeFile(f, '')));
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_)/.test(k)));
    const inputs = { repo, from: 'stage', to: 'prod', all: 'true', 'requested-by': 'alice', 'approved-by': 'bob', 'approvals-from': 'none', expect: plan };
    const step = await runBundle(fileURLToPath(new URL('../../dist/actions/promote.mjs', import.meta.url)), {
      ...base, GITHUB_ACTOR: 'octocat', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/app', GITHUB_RUN_ID: '4242', RUNNER_TEMP: dir, ...files,
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    }, files);
    expect(step.code, step.stdout).toBe(1);
    expect(step.outputs.status).toBe('failed');
    expect(step.stdout).toMatch(/^::error::ferry promote: the promotion from stage to prod is not the plan expected /m);
    expect(remoteHead(repo)).toBe(head);
  });

  const valid = `user-service@${digest('user-service', '1.1.0')}`;
  const malformed = "expect: expected <app>@sha256:<64 lowercase hex digits> (or <app>@<the target's digest, ref-sha256:<64 hex>, or none>..sha256:<64 lowercase hex digits>),";
  test.each([
    [['--app', 'user-service', '--expect', 'user-service@sha256:abc'], `${malformed} found "user-service@sha256:abc"`],
    [['--app', 'user-service', '--expect', digest('user-service', '1.1.0')], `${malformed} found "${digest('user-service', '1.1.0')}"`],
    [['--app', 'user-service', '--expect', `${valid},`], `${malformed} found ""`],
    [['--app', 'user-service', '--expect', `user-service@sha256:abc..${digest('user-service', '1.1.0')}`], `${malformed} found "user-service@sha256:abc..${digest('user-service', '1.1.0')}"`],
    [['--app', 'user-service', '--expect', valid, '--expect', valid.replace('1', '2')], 'expect: "user-service" is given more than once'],
    [['--all', '--expect', `billing@${digest('user-service', '1.1.0')}`], 'expect: no app "billing" in ferry.yaml (apps: user-service, order-service)'],
    [['--app', 'user-service', '--expect', `order-service@${digest('order-service', '1.0.0')}`], 'expect: "order-service" is not among the apps asked for (user-service): a plan of them never promotes it'],
  ])('bad --expect %j: exit 2, naming the field; nothing written', async (more, message) => {
    const repo = await stageRepo();
    const head = remoteHead(repo);
    const r = await ferry([...toProd(repo, ...more)]);
    expect(r.code, r.stdout).toBe(2);
    expect(r.stderr).toBe(`ferry promote: error: ${message}\n`);
    expect(remoteHead(repo)).toBe(head);
  });

  test('--help names --expect', async () => {
    const help = (await ferry(['promote', '--help'])).stdout;
    expect(help).toContain('--expect <app>@<digest>');
  });

  test('a target pinned by tag alone is bound whole (ref-sha256 of its reference): another tag pinned there after the plan is refused, nothing written', async () => {
    const repo = await stageRepo();
    const dir = join(root, `work-${++counter}`);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir }).toString();
    execFileSync('git', ['clone', '-q', repo, dir]);
    const retag = async (tag: string) => {
      const path = join(dir, 'prod/user-service/kustomization.yaml');
      await writeFile(path, (await readFile(path, 'utf8')).replace(/\n *digest: .*/, '').replace(/newTag: .*/, `newTag: ${tag}`));
      git('-c', 'user.name=h', '-c', 'user.email=h@example.com', 'commit', '-qam', `tag ${tag}`);
      git('push', '-q', 'origin', 'HEAD:main');
    };
    await retag('1.1.0');
    const dry = await ferry([...toProd(repo, '--app', 'user-service'), '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    const bound = JSON.parse(dry.stdout).expect as string;
    const ref = `${templateImage('user-service', '1.1.0').split('@')[0]}`;
    expect(bound).toBe(`user-service@ref-sha256:${createHash('sha256').update(ref).digest('hex')}..${digest('user-service', '1.1.0')}`);
    await retag('0.1.0-evil');
    const head = remoteHead(repo);
    const r = await ferry([...toProd(repo, '--app', 'user-service'), '--expect', bound]);
    expect(r.code, r.stdout).toBe(1);
    expect(r.stderr).toContain(`user-service: expected prod to pin the reference the plan read (ref-sha256:${createHash('sha256').update(ref).digest('hex').slice(0, 12)}, no sha256 digest) (--expect), prod pins "${ref.replace('1.1.0', '0.1.0-evil')}"`);
    expect(remoteHead(repo)).toBe(head);
    // `none` is a target that pins nothing: not one pinned by tag.
    const none = await ferry([...toProd(repo, '--app', 'user-service'), '--expect', `user-service@none..${digest('user-service', '1.1.0')}`]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('user-service: expected prod to pin nothing (--expect)');
  });

  test('the plan in several --expect options (as a long plan prints it): merged, and written; an app given in two of them refused', async () => {
    const repo = await stageRepo();
    await landInStage(repo, 'order-service', '2.0.0');
    const dry = await ferry([...toProd(repo, '--all'), '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    const items = (JSON.parse(dry.stdout).expect as string).split(',');
    expect(items).toHaveLength(2);
    const twice = await ferry([...toProd(repo, '--all'), '--expect', items.join(','), '--expect', items[1]!]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('"order-service" is given more than once');
    const r = await ferry([...toProd(repo, '--all'), '--expect', items[0]!, '--expect', items[1]!, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).promotions).toHaveLength(2);
  });

  test('--all with the plan of one app: another app that would change, in stage before that plan, is said to be not in the plan given (not that it changed after it)', async () => {
    const repo = await stageRepo();
    await landInStage(repo, 'order-service', '2.0.0');
    const dry = await ferry([...toProd(repo, '--app', 'user-service'), '--dry-run', '--json']);
    const r = await ferry([...toProd(repo, '--all'), '--dry-run', '--expect', JSON.parse(dry.stdout).expect]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\n {2}order-service {2}not in the plan given \(stage /);
    expect(r.stdout).not.toContain('changed after the plan');
  });
});

