// The rollback action's job summary: what a dry run with block would block (and the blocked.yaml
// change in its diff), and the warning of a rollback the next promotion would undo.
import { describe, expect, test } from 'vitest';
import { rollbackSummary } from '../../actions/src/core/job-summary.js';
import type { RollbackResult } from '../../actions/src/core/rollback.js';

const REG = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const IMG1 = `${REG}/user-service:1.0.0@${D1}`;
const IMG2 = `${REG}/user-service:1.1.0@${D2}`;
const SHA = 'abcdef0123456789abcdef0123456789abcdef01';
const GH = { repo: 'https://github.com/acme/env', run: 'https://github.com/acme/app/actions/runs/7' };
const ran = { repo: 'https://github.com/acme/env.git', branch: 'main', commit: SHA };
const manifest = 'stage/user-service/kustomization.yaml';
const diff = `--- a/${manifest}\n+++ b/${manifest}\n@@ -1 +1 @@\n-    digest: a\n+    digest: b\n--- a/blocked.yaml\n+++ b/blocked.yaml\n@@ -0,0 +1 @@\n+  - app: user-service\n`;
const result = (extra: Partial<RollbackResult>): RollbackResult => ({
  env: 'stage', app: 'user-service', image: IMG1, digest: D1, previousImage: IMG2, blocked: false, skipped: [], manifest, diff,
  to: { commit: '1234567890ab'.padEnd(40, '0'), date: '', action: 'bump', image: IMG1 }, ...extra,
});

describe('rollbackSummary', () => {
  test('a dry run with block: says what would be blocked, and its diff is of the manifest and blocked.yaml', () => {
    const md = rollbackSummary({ ...result({ blocked: true }), status: 'planned', ...ran }, GH);
    expect(md).toContain(`Dry run: nothing written (head [\`abcdef012345\`](https://github.com/acme/env/commit/${SHA})); \`1.1.0\` \`sha256:222222222222\` would be blocked (blocked.yaml).`);
    expect(md).not.toContain('is now blocked');
    expect(md).toContain(`<details><summary>Diff of ${manifest} and blocked.yaml</summary>`);
    expect(md).toContain('+++ b/blocked.yaml');
  });

  test('a dry run without block says nothing of a block', () => {
    const md = rollbackSummary({ ...result({}), status: 'planned', ...ran }, GH);
    expect(md).toContain(`Dry run: nothing written (head [\`abcdef012345\`](https://github.com/acme/env/commit/${SHA})).`);
    expect(md).not.toContain('blocked (blocked.yaml)');
    expect(md).toContain(`<details><summary>Diff of ${manifest}</summary>`);
  });

  test('the warning of a rollback the next promotion brings back, as an alert', () => {
    const warning = 'dev still pins 1.1.0 (sha256:222222222222), the image rolled back from: the next ferry promote from dev to stage (a scheduled auto-promote too) brings it back; --block blocks it';
    const md = rollbackSummary({ ...result({ warning }), status: 'succeeded', ...ran }, GH);
    expect(md).toContain(`> [!WARNING]\n> ${warning}\n`);
    expect(rollbackSummary({ ...result({}), status: 'succeeded', ...ran }, GH)).not.toContain('[!WARNING]');
  });

  test('with block: where the image rolled back from is still pinned, as an alert (helper-185); none: no alert', () => {
    const stillPinned = [{ env: 'dev', manifest: 'dev/user-service/kustomization.yaml' }, { env: 'prod', manifest: 'prod/user-service/kustomization.yaml' }];
    const md = rollbackSummary({ ...result({ blocked: true, stillPinned }), status: 'succeeded', ...ran }, GH);
    expect(md).toContain('> [!WARNING]\n> Still pinned in dev, prod: a block refuses new pins, it takes none out (roll each back).\n');
    expect(rollbackSummary({ ...result({ blocked: true, stillPinned: [] }), status: 'succeeded', ...ran }, GH)).not.toContain('Still pinned');
  });

  test('with block: a manifest that does not read is named, as an alert (helper-193)', () => {
    const md = rollbackSummary({ ...result({ blocked: true, stillPinned: [], unreadable: [{ env: 'stage', manifest: 'stage/user-service/kustomization.yaml' }] }), status: 'succeeded', ...ran }, GH);
    expect(md).toContain('> [!WARNING]\n> Could not read stage/user-service/kustomization.yaml (whether it pins the digest is not known): check it with ferry validate.\n');
    expect(rollbackSummary({ ...result({ blocked: true, stillPinned: [] }), status: 'succeeded', ...ran }, GH)).not.toContain('Could not read');
  });
});
