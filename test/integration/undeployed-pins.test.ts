// A kustomize pin whose `images:` entry matches no container image of what its kustomization
// builds is never deployed (ferry validate reports it, kustomize-resources.ts): bump, promote and
// rollback refuse to write such a pin (exit 2, validate's problem at the entry's line, the branch
// unchanged), and status marks its row `!` with the reason. Against real bare repositories made
// by `ferry init`, changed by hand as a person would.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';
import { TEMPLATE_REGISTRY as REG, ferryOk, initTemplateRepo, templateImage } from '../support/template-repo.js';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-undeployed-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const PROD = 'prod/user-service/kustomization.yaml';
const STAGE = 'stage/user-service/kustomization.yaml';
const head = (dir: string): string => execFileSync('git', ['-C', dir, 'rev-parse', 'main']).toString().trim();
const show = (dir: string, path: string): string => execFileSync('git', ['-C', dir, 'show', `main:${path}`]).toString();
const UNMATCHED = 'images[0].name: the entry "user-service" matches no container image, so kustomize applies none of it and the digest pinned here is never deployed';

/** The template, then a Component listed in prod's overlay whose own `images:` entry sets a debug image (what repro-1 of helper-170 did). */
async function debugComponentRepo(): Promise<string> {
  const dir = await initTemplateRepo(join(root, `env-${++counter}.git`));
  const overlay = show(dir, PROD).replace(/^resources:/m, 'components:\n  - ../../components/debug\nresources:');
  await commitByHand(dir, {
    'components/debug/kustomization.yaml': [
      'apiVersion: kustomize.config.k8s.io/v1alpha1', 'kind: Component', 'images:', '  - name: user-service',
      `    newName: ${REG}/user-service`, '    newTag: debug', `    digest: sha256:${'d'.repeat(64)}`, '',
    ].join('\n'),
    [PROD]: overlay,
  }, 'prod: debug component during incident');
  return dir;
}

/** The line of the overlay's images: entry (after the two lines the component adds, where it did). */
function entryLine(dir: string, path: string): number {
  return show(dir, path).split('\n').indexOf('images:') + 2;
}

describe('a pin that is never deployed', () => {
  test('promote refuses to write it: exit 2, the entry\'s file and line, the branch unchanged; status marks it `!`', async () => {
    const dir = await debugComponentRepo();
    await ferryOk(['bump', '--repo', dir, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '2.0.0'), '--requested-by', 'alice']);
    await ferryOk(['promote', '--repo', dir, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--override', 'soak', '--reason', 'test', '--requested-by', 'alice']);
    const before = head(dir);
    const line = entryLine(dir, PROD);
    const r = await ferry(['promote', '--repo', dir, '--from', 'stage', '--to', 'prod', '--app', 'user-service', '--override', 'soak', '--reason', 'test', '--requested-by', 'alice', '--approved-by', 'bob']);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toContain(`${PROD}:${line}:11: ${UNMATCHED}`);
    expect(r.stdout).not.toContain('promoted');
    expect(head(dir)).toBe(before);
    // --dry-run says so too (the plan it shows would not be written).
    const planned = await ferry(['promote', '--repo', dir, '--from', 'stage', '--to', 'prod', '--app', 'user-service', '--override', 'soak', '--reason', 'test', '--requested-by', 'alice', '--approved-by', 'bob', '--dry-run', '--json']);
    expect(planned.code).toBe(2);
    expect(JSON.parse(planned.stdout).error.problems).toEqual([expect.objectContaining({ file: PROD, line, column: 11, field: 'images[0].name' })]);

    const status = await ferry(['status', '--repo', dir, '--json']);
    expect(status.code, status.stderr).toBe(0);
    const rows = JSON.parse(status.stdout).rows as { app: string; env: string; error?: string; pinned?: unknown }[];
    const prod = rows.find((x) => x.app === 'user-service' && x.env === 'prod')!;
    expect(prod.error).toContain(`${PROD}:${line}:11: ${UNMATCHED}`);
    expect(prod).not.toHaveProperty('pinned');
    // The other rows are sound pins.
    expect(rows.filter((x) => x.error !== undefined)).toHaveLength(1);
    const table = await ferry(['status', '--repo', dir]);
    expect(table.stdout).toMatch(/^user-service +prod +! +see below/m);
    expect(table.stdout).toContain(`! user-service in prod: ${PROD}:${line}:11: ${UNMATCHED}`);
  });

  test('bump and rollback refuse to write it: exit 2, the branch unchanged', async () => {
    const dir = join(root, `env-${++counter}.git`);
    await initTemplateRepo(dir);
    // A pin to roll back from, and one to roll back to (ferry init's), before the component came.
    await ferryOk(['bump', '--repo', dir, '--env', 'prod', '--app', 'user-service', '--image', templateImage('user-service', '2.0.0')]);
    const overlay = show(dir, PROD).replace(/^resources:/m, 'components:\n  - ../../components/debug\nresources:');
    await commitByHand(dir, {
      'components/debug/kustomization.yaml': `kind: Component\nimages:\n  - name: user-service\n    newName: ${REG}/user-service\n    newTag: debug\n`,
      [PROD]: overlay,
    }, 'prod: debug component');
    const before = head(dir);
    const line = entryLine(dir, PROD);
    const bump = await ferry(['bump', '--repo', dir, '--env', 'prod', '--app', 'user-service', '--image', templateImage('user-service', '3.0.0'), '--json']);
    expect(bump.code, bump.stderr).toBe(2);
    expect(JSON.parse(bump.stdout).error).toMatchObject({ kind: 'configuration', problems: [expect.objectContaining({ file: PROD, line, column: 11, field: 'images[0].name' })] });
    expect(bump.stderr).toContain(`${PROD}:${line}:11: ${UNMATCHED}`);
    // A refusal, and where the fix is (the overlay whose entry it is, or what it builds from).
    expect(bump.stderr).toContain(`; nothing written (a pin that is never deployed is not written): the fix is in ${PROD} (its images: entry) or what it builds from, then run again (ferry validate checks it)\n`);
    const rollback = await ferry(['rollback', '--repo', dir, '--env', 'prod', '--app', 'user-service', '--reason', 'p99 doubled']);
    expect(rollback.code, rollback.stdout + rollback.stderr).toBe(2);
    expect(rollback.stderr).toContain(`${PROD}:${line}:11: ${UNMATCHED}`);
    expect(rollback.stderr).toContain(`nothing written (a pin that is never deployed is not written): the fix is in ${PROD} (its images: entry)`);
    expect(head(dir)).toBe(before);
    // An environment whose pin takes effect is bumped as before.
    await ferryOk(['bump', '--repo', dir, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '3.0.0')]);
    expect(head(dir)).not.toBe(before);
  });

  test('an overlay built on another environment\'s: stage\'s entry matches nothing; bump refuses it, status marks it `!`', async () => {
    const dir = join(root, `env-${++counter}.git`);
    await initTemplateRepo(dir);
    await commitByHand(dir, { [STAGE]: show(dir, STAGE).replace('../../base/user-service', '../../dev/user-service') }, 'stage builds on dev\'s overlay');
    await ferryOk(['bump', '--repo', dir, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '2.0.0')]);
    const before = head(dir);
    const line = entryLine(dir, STAGE);
    const bump = await ferry(['bump', '--repo', dir, '--env', 'stage', '--app', 'user-service', '--image', templateImage('user-service', '2.0.0')]);
    expect(bump.code, bump.stderr).toBe(2);
    expect(bump.stderr).toContain(`${STAGE}:${line}:11: ${UNMATCHED}`);
    expect(head(dir)).toBe(before);

    const status = await ferry(['status', '--repo', dir, '--json']);
    expect(status.code, status.stderr).toBe(0);
    const rows = JSON.parse(status.stdout).rows as { app: string; env: string; error?: string }[];
    expect(rows.filter((x) => x.error !== undefined).map((x) => `${x.app} ${x.env}`)).toEqual(['user-service stage']);
    expect(rows.find((x) => x.app === 'user-service' && x.env === 'stage')!.error).toContain(`${STAGE}:${line}:11: ${UNMATCHED}`);
  });

  // helper-178's A2: one app's overlay in prod dead (its base renamed the image) refused
  // `promote --all` as a whole: order-service, sound, was held back with it. (Prod's alone: a
  // source pin never deployed, stage's, is left out by --all too, kind source-undeployed:
  // promote-source-undeployed.test.ts.)
  test('promote --all leaves out an app whose pin in the target would never be deployed, with validate\'s problem (text, --json), and promotes the others; named with --app it is refused, the others promotable by name', async () => {
    const dir = join(root, `env-${++counter}.git`);
    await initTemplateRepo(dir);
    for (const app of ['user-service', 'order-service']) {
      await ferryOk(['bump', '--repo', dir, '--env', 'dev', '--app', app, '--image', templateImage(app, '2.0.0')]);
      await ferryOk(['promote', '--repo', dir, '--from', 'dev', '--to', 'stage', '--app', app, '--override', 'soak', '--reason', 'test', '--requested-by', 'alice']);
    }
    // Prod's overlay builds on a base that moved to the next image name; stage's on the old one.
    const next = Object.fromEntries(['kustomization.yaml', 'deployment.yaml', 'service.yaml'].map((f) => [`base/user-service-next/${f}`, show(dir, `base/user-service/${f}`)]));
    next['base/user-service-next/deployment.yaml'] = next['base/user-service-next/deployment.yaml']!.replace(/image: user-service$/m, 'image: user-service-next');
    await commitByHand(dir, { ...next, [PROD]: show(dir, PROD).replace('../../base/user-service\n', '../../base/user-service-next\n') }, 'user-service: prod\'s base moves to the next image name');
    const before = head(dir);
    const line = entryLine(dir, PROD);
    const prod = ['promote', '--repo', dir, '--from', 'stage', '--to', 'prod', '--override', 'soak', '--reason', 'test', '--requested-by', 'alice', '--approved-by', 'bob'];
    const fix = `nothing written (a pin that is never deployed is not written): the fix is in ${PROD} (its images: entry) or what it builds from`;
    // Named: refused, nothing written; the message names the app and the others to promote by name.
    const both = await ferry([...prod, '--app', 'user-service', '--app', 'order-service']);
    expect(both.code, both.stdout + both.stderr).toBe(2);
    expect(both.stderr).toContain(`${PROD}:${line}:11: ${UNMATCHED}`);
    expect(both.stderr).toContain(`${fix}, then run again (ferry validate checks it); user-service is not promoted to prod: promote the others by name (--app order-service)\n`);
    const alone = await ferry([...prod, '--app', 'user-service', '--json']);
    expect(alone.code).toBe(2);
    expect(JSON.parse(alone.stdout).error.message).toContain('; user-service is not promoted to prod: the other apps may be promoted by name (--all leaves it out)');
    expect(head(dir)).toBe(before);
    // --all: the dry run's plan names it left out, with the problem; the others are planned.
    const dry = await ferry([...prod, '--all', '--dry-run']);
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^ {2}order-service {2}1\.0\.0 sha256:[0-9a-f]{12} -> 2\.0\.0 sha256:[0-9a-f]{12}$/m);
    expect(dry.stdout).toContain(`\n  user-service  left out: 2.0.0 ${templateImage('user-service', '2.0.0').split('@')[1]!.slice(0, 19)} would never be deployed in prod\n    ${PROD}:${line}:11: ${UNMATCHED}`);
    expect(dry.stdout).toMatch(/\n {4}\(prod keeps 1\.0\.0 sha256:[0-9a-f]{12}\)\n/);
    const all = await ferry([...prod, '--all', '--json']);
    expect(all.code, all.stdout + all.stderr).toBe(0);
    const result = JSON.parse(all.stdout);
    expect(result.status).toBe('succeeded');
    expect(result.promotions.map((p: { app: string }) => p.app)).toEqual(['order-service']);
    expect(result.leftOut).toEqual([{
      app: 'user-service', image: templateImage('user-service', '2.0.0'), digest: templateImage('user-service', '2.0.0').split('@')[1], previousImage: templateImage('user-service', '1.0.0'),
      kind: 'undeployed', problem: { file: PROD, line, column: 11, field: 'images[0].name', message: expect.stringContaining(UNMATCHED.slice('images[0].name: '.length)) },
    }]);
    expect(head(dir)).not.toBe(before);
    expect(show(dir, 'prod/order-service/kustomization.yaml')).toContain(templateImage('order-service', '2.0.0').split('@')[1]);
    expect(execFileSync('git', ['-C', dir, 'diff', '--name-only', before, 'main']).toString()).toBe('prod/order-service/kustomization.yaml\n');
    // Nothing left but the app left out: skipped, and why.
    const again = await ferry([...prod, '--all']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^skipped: nothing to promote: every app that would change is left out, as the pin in prod would never be deployed \(no commit; head [0-9a-f]{12}\)\n {2}user-service {2}left out: /);
  });
});
