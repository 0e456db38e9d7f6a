// A Helm pin with a digest path only (`helm: { digest: image.digest }`) holds no tag: a bump with a
// tagged image pins the digest alone and records and tells the image untagged, as the file holds
// it, so bump, status, promote and audit agree on one image.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readRemoteFile } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';
import { TEMPLATE_REGISTRY, ferryOk, hoursAgo, initTemplateRepo, templateImage } from '../support/template-repo.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-helm-digest-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const template = readFileSync(new URL('../../environments/ferry.yaml', import.meta.url), 'utf8');

test('a bump with a tag into a digest-only Helm pin records the image untagged and says the tag is not written; the promotion records the same image', async () => {
  const repo = await initTemplateRepo(join(root, 'env.git'));
  const old = templateImage('billing', '1.0.0').split('@')[1]!;
  const files: Record<string, string> = { 'ferry.yaml': `${template.trimEnd()}\n  - name: billing\n    image: billing\n    manifest: "{env}/billing/values.yaml"\n    helm: { digest: image.digest }\n` };
  for (const env of ['dev', 'stage', 'prod']) files[`${env}/billing/values.yaml`] = `image:\n  digest: ${old}\n`;
  const setup = await commitByHand(repo, files, 'billing');
  const tagged = templateImage('billing', '2.0.0');
  const digest = tagged.split('@')[1]!;
  const untagged = `${TEMPLATE_REGISTRY}/billing@${digest}`;

  const bump = await ferry(['bump', '--repo', repo, '--env', 'dev', '--app', 'billing', '--image', tagged, '--requested-by', 'alice'], { env: { GIT_COMMITTER_DATE: hoursAgo(3) } });
  expect(bump.code, bump.stderr).toBe(0);
  expect(bump.stdout).toContain(`pinned billing in dev: (sha256:${digest.slice(7, 19)})`);
  expect(bump.stdout).toContain(`  image     ${untagged}\n`);
  expect(bump.stderr).toContain('warning: the tag 2.0.0 is not written: "billing" is pinned by its Helm values\' digest alone (its helm: has no tag path)');
  expect(readRemoteFile(repo, 'dev/billing/values.yaml')).toBe(`image:\n  digest: ${digest}\n`);
  const trailers = () => execFileSync('git', ['-C', repo, 'log', '-1', '--format=%(trailers:only,unfold)', 'main']).toString();
  expect(trailers()).toContain(`Ferry-Image: ${untagged}\nFerry-Previous-Image: ${TEMPLATE_REGISTRY}/billing@${old}\n`);

  await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'billing', '--requested-by', 'bob']);
  expect(trailers()).toContain(`Ferry-Image: ${untagged}\n`);

  const status = JSON.parse(await ferryOk(['status', '--repo', repo, '--json']));
  for (const env of ['dev', 'stage']) {
    const row = status.rows.find((r: { env: string; app: string }) => r.env === env && r.app === 'billing');
    expect(row).toMatchObject({ image: untagged, digest });
    expect(row.tag).toBeUndefined();
  }
  const history = JSON.parse(await ferryOk(['history', '--repo', repo, '--app', 'billing', '--json']));
  expect(JSON.stringify(history)).toContain(untagged);
  expect(JSON.stringify(history)).not.toContain(':2.0.0@');
  const audit = JSON.parse((await ferry(['audit', '--repo', repo, '--json'])).stdout);
  expect(audit.violations.filter((v: { commit: string; rule: string }) => v.commit !== setup || v.rule !== 'unrecorded-change')).toEqual([]);
});
