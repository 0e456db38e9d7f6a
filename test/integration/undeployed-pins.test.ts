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
    const rollback = await ferry(['rollback', '--repo', dir, '--env', 'prod', '--app', 'user-service', '--reason', 'p99 doubled']);
    expect(rollback.code, rollback.stdout + rollback.stderr).toBe(2);
    expect(rollback.stderr).toContain(`${PROD}:${line}:11: ${UNMATCHED}`);
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
});
