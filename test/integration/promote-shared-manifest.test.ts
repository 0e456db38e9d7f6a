// Apps pinned in one manifest per environment (two kustomize images: entries; two Helm values
// paths in one values.yaml), promoted together: one commit holds every app's edit of the file,
// as the plan shows it and the trailers record it; audit and status agree.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';
import { fileDiff } from '../../actions/src/core/file-diff.js';
import { TEMPLATE_REGISTRY, ferryOk, hoursAgo, initTemplateRepo, templateImage } from '../support/template-repo.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-promote-shared-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const template = readFileSync(new URL('../../environments/ferry.yaml', import.meta.url), 'utf8');
const APPS = ['api', 'web', 'chart-a', 'chart-b'] as const;
const digestOf = (image: string) => image.split('@')[1]!;

function kustomization(tag: string): string {
  const entry = (app: string) => `  - name: ${app}\n    newName: ${TEMPLATE_REGISTRY}/${app}\n    newTag: ${tag}\n    digest: ${digestOf(templateImage(app, tag))}\n`;
  return `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base/shared\nimages:\n${entry('api')}${entry('web')}`;
}

function values(tag: string): string {
  const entry = (key: string, app: string) => `${key}:\n  image:\n    tag: "${tag}"\n    digest: ${digestOf(templateImage(app, tag))}\n`;
  return `${entry('a', 'chart-a')}${entry('b', 'chart-b')}`;
}

/** The template's env repo with api and web in {env}/shared/kustomization.yaml and chart-a, chart-b in {env}/chart/values.yaml, at 1.0.0; the four bumped to 2.0.0 in dev three hours ago. */
async function sharedRepo(name: string): Promise<{ repo: string; setup: string }> {
  const repo = await initTemplateRepo(join(root, `${name}.git`));
  const apps = `
  - name: api
    image: api
    manifest: "{env}/shared/kustomization.yaml"
  - name: web
    image: web
    manifest: "{env}/shared/kustomization.yaml"
  - name: chart-a
    image: chart-a
    manifest: "{env}/chart/values.yaml"
    helm: { digest: a.image.digest, tag: a.image.tag }
  - name: chart-b
    image: chart-b
    manifest: "{env}/chart/values.yaml"
    helm: { digest: b.image.digest, tag: b.image.tag }
`;
  const files: Record<string, string> = {
    'ferry.yaml': `${template.trimEnd()}\n${apps}`,
    'base/shared/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'base/shared/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shared\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api\n        - name: web\n          image: web\n',
  };
  for (const env of ['dev', 'stage', 'prod']) {
    files[`${env}/shared/kustomization.yaml`] = kustomization('1.0.0');
    files[`${env}/chart/values.yaml`] = values('1.0.0');
  }
  const setup = await commitByHand(repo, files, 'shared manifests');
  await ferryOk(['validate', '--repo', repo]);
  for (const app of APPS) await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', app, '--image', templateImage(app, '2.0.0'), '--requested-by', 'alice'], hoursAgo(3));
  return { repo, setup };
}

describe('ferry promote of apps that share a manifest', () => {
  test('--all: one commit writes every app\'s edit of each shared file, exactly as planned; the trailers, audit and status agree', async () => {
    const { repo, setup } = await sharedRepo('all');
    const planned = JSON.parse(await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all', '--requested-by', 'bob', '--dry-run', '--json']));
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all', '--requested-by', 'bob', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    const commit = remoteHead(repo);
    expect(result).toMatchObject({ status: 'succeeded', commit });
    expect(result.promotions.map((p: { app: string }) => p.app)).toEqual([...APPS]);

    // The files hold every app's new pin, and nothing else changed.
    expect(readRemoteFile(repo, 'stage/shared/kustomization.yaml')).toBe(kustomization('2.0.0'));
    expect(readRemoteFile(repo, 'stage/chart/values.yaml')).toBe(values('2.0.0'));
    const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args]).toString();
    expect(git('diff', '--name-only', `${commit}~1`, commit).trim().split('\n').sort()).toEqual(['stage/chart/values.yaml', 'stage/shared/kustomization.yaml']);

    // The plan is the write: each file's diff is the commit's change of it, and the apps' diffs,
    // applied in turn, make it (the second app's diff is on the text the first left).
    expect(result.files).toEqual(planned.files);
    for (const path of ['stage/shared/kustomization.yaml', 'stage/chart/values.yaml']) {
      const diff = result.files.find((f: { path: string }) => f.path === path).diff;
      expect(diff).toBe(fileDiff(path, git('show', `${commit}~1:${path}`), git('show', `${commit}:${path}`)));
      expect(diff.match(/^\+ +(newTag|tag): "?2\.0\.0"?$/gm)).toHaveLength(2);
    }
    const web = result.promotions.find((p: { app: string }) => p.app === 'web');
    expect(web.diff).toContain(`     digest: ${digestOf(templateImage('api', '2.0.0'))}\n`);
    expect(web.diff).toContain(`-    newTag: 1.0.0\n-    digest: ${digestOf(templateImage('web', '1.0.0'))}\n+    newTag: 2.0.0\n+    digest: ${digestOf(templateImage('web', '2.0.0'))}\n`);

    // The trailers record all four; audit finds nothing wrong but the files added by hand; status shows each promoted.
    const trailers = git('log', '-1', '--format=%(trailers:only,unfold)', 'main');
    for (const app of APPS) expect(trailers).toContain(`Ferry-App: ${app}\nFerry-Image: ${templateImage(app, '2.0.0')}\nFerry-Previous-Image: ${templateImage(app, '1.0.0')}\n`);
    const audit = JSON.parse((await ferry(['audit', '--repo', repo, '--json'])).stdout);
    expect(audit.violations.filter((v: { commit: string; rule: string }) => v.commit !== setup || v.rule !== 'unrecorded-change')).toEqual([]);
    const status = JSON.parse(await ferryOk(['status', '--repo', repo, '--json']));
    for (const app of APPS) {
      expect(status.rows.find((row: { env: string; app: string }) => row.env === 'stage' && row.app === app)).toMatchObject({ image: templateImage(app, '2.0.0'), pinned: { commit, action: 'promote' } });
    }
  });

  test('--app naming two apps of one file: both edits land; a run again writes nothing', async () => {
    const { repo } = await sharedRepo('named');
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'web', '--app', 'api', '--requested-by', 'bob']);
    expect(readRemoteFile(repo, 'stage/shared/kustomization.yaml')).toBe(kustomization('2.0.0'));
    expect(readRemoteFile(repo, 'stage/chart/values.yaml')).toBe(values('1.0.0'));
    const head = remoteHead(repo);
    expect(await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'web', '--app', 'api'])).toContain('skipped: stage already pins what dev pins');
    expect(remoteHead(repo)).toBe(head);
  });
});
