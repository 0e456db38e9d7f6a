// ferry validate of what Argo CD deploys from the directory of a container or Helm pin, which it
// applies as plain YAML (a container pin) unless a kustomization file is there: another container
// in the pinned file that runs the app's image at another digest (a CronJob beside the pinned
// Deployment, left at the old digest by every bump, and by a block of that digest) is a problem;
// a kustomization file beside such a pin (Argo CD then builds the directory with kustomize) is a
// problem when its images: entry sets the app's image, else a warning. Real bare repositories,
// bin/ferry.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { digestOf, REGISTRY } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-validate-workload-files-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const CONFIG = [
  `registry: ${REGISTRY}`,
  'environments:',
  '  - name: dev',
  '  - name: stage',
  '    promoteFrom: dev',
  'apps:',
  '  - name: web',
  '    image: web',
  '    manifest: "{env}/web/app.yaml"',
  '    container: { name: web }',
  '  - name: worker',
  '    image: worker',
  '    manifest: "{env}/worker/values.yaml"',
  '    helm: { repository: image.repository, tag: image.tag, digest: image.digest }',
  '',
].join('\n');

const WEB = (tag: string) => `${REGISTRY}/web:${tag}@${digestOf(`web ${tag}`)}`;

/** A Deployment pinned by its container `web`, and a CronJob whose container (also `web`) runs `cron`: its image on line 25, column 22. */
const app = (pinned: string, cron: string) => [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: { name: web }',
  'spec:',
  '  selector: { matchLabels: { app: web } }',
  '  template:',
  '    metadata: { labels: { app: web } }',
  '    spec:',
  '      containers:',
  '        - name: web',
  `          image: ${pinned}`,
  '---',
  'apiVersion: batch/v1',
  'kind: CronJob',
  'metadata: { name: web-cleanup }',
  'spec:',
  '  schedule: "0 3 * * *"',
  '  jobTemplate:',
  '    spec:',
  '      template:',
  '        spec:',
  '          restartPolicy: Never',
  '          containers:',
  '            - name: web',
  `              image: ${cron}`,
  '              args: [cleanup]',
  '',
].join('\n');

const VALUES = `image:\n  repository: ${REGISTRY}/worker\n  tag: 9.0.2\n  digest: ${digestOf('worker')}\n`;

async function envRepo(files: Record<string, string>): Promise<string> {
  const dir = join(root, `env-${++counter}.git`);
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', dir]);
  await commitByHand(dir, {
    'ferry.yaml': CONFIG,
    'dev/web/app.yaml': app(WEB('1.0.0'), WEB('1.0.0')),
    'stage/web/app.yaml': app(WEB('1.0.0'), WEB('1.0.0')),
    'dev/worker/values.yaml': VALUES,
    'stage/worker/values.yaml': VALUES,
    ...files,
  }, 'env repo, written by hand');
  return dir;
}

async function validate(dir: string): Promise<{ code: number | null; problems: { file: string; line?: number; column?: number; field?: string; message: string }[]; warnings: { file: string; message: string }[] }> {
  const r = await ferry(['validate', '--repo', dir, '--json']);
  const result = JSON.parse(r.stdout);
  return { code: r.code, problems: result.problems, warnings: result.warnings };
}

describe('another container of the pinned file that runs the app\'s image', () => {
  test('after a bump, the CronJob left at the old digest is a problem at its image (exit 2); the same digest everywhere is valid', async () => {
    const dir = await envRepo({});
    expect(await validate(dir)).toEqual({ code: 0, problems: [], warnings: [] });
    const bump = await ferry(['bump', '--repo', dir, '--env', 'dev', '--app', 'web', '--image', WEB('2.0.0')]);
    expect(bump.code, bump.stderr).toBe(0);
    const { code, problems } = await validate(dir);
    expect(code).toBe(2);
    expect(problems).toEqual([{
      file: 'dev/web/app.yaml', line: 25, column: 22,
      message: `a container of CronJob web-cleanup runs the image of app "web" at another digest than the one pinned in this file for "dev", or at none: "${WEB('1.0.0')}", beside the container "web" that Ferry pins ("${WEB('2.0.0')}"); Argo CD applies the whole file, so this copy keeps running an image that Ferry never pins, promotes or rolls back (ferry status shows only the digest pinned, and a block of this digest does not stop it); Ferry pins one container per app and environment (container: in ferry.yaml): remove this copy from the file, or have it run another image`,
    }]);
  });

  test('a copy without a digest is one too; another tag of the digest pinned, or another image, is not', async () => {
    const dir = await envRepo({
      'dev/web/app.yaml': app(WEB('1.0.0'), `${REGISTRY}/web:latest`),
      'stage/web/app.yaml': app(WEB('1.0.0'), `${REGISTRY}/web:other-tag@${digestOf('web 1.0.0')}`).replace('args: [cleanup]', 'args: [cleanup]\n            - name: sidecar\n              image: nginx:1.27'),
    });
    const { code, problems } = await validate(dir);
    expect(code).toBe(2);
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column}`)).toEqual(['dev/web/app.yaml:25:22']);
    expect(problems[0]!.message).toContain(`at another digest than the one pinned in this file for "dev", or at none: "${REGISTRY}/web:latest"`);
  });
});

describe('a kustomization file beside a container or Helm pin', () => {
  test('an images: entry that sets the app\'s image is a problem at the entry (exit 2); one without is a warning', async () => {
    const dir = await envRepo({
      'stage/web/kustomization.yaml': `resources: [app.yaml]\nimages:\n  - name: ${REGISTRY}/web\n    newTag: hotfix\n    digest: ${digestOf('hotfix')}\n`,
      'dev/web/kustomization.yaml': 'resources: [app.yaml]\n',
      'dev/worker/kustomization.yaml': 'helmCharts: [{ name: worker, valuesFile: values.yaml }]\n',
    });
    const { code, problems, warnings } = await validate(dir);
    expect(code).toBe(2);
    expect(problems).toEqual([{
      file: 'stage/web/kustomization.yaml', line: 3, column: 11, field: 'images[0].name',
      message: `Argo CD builds stage/web with kustomize, since this file is there (not as the plain YAML of the manifest pinned in stage/web/app.yaml for app "web" in "stage"), and this entry applies to the app's image (newTag: "hotfix", digest: "${digestOf('hotfix')}"): the cluster runs what it gives, not the digest Ferry pins (which ferry status shows); remove the entry (or the file), or have ferry.yaml pin the app through it (manifest: this kustomization)`,
    }]);
    expect(warnings).toEqual([
      { file: 'dev/web/kustomization.yaml', message: 'Argo CD builds dev/web with kustomize, since this file is there, unless its Application names another tool: what deploys is what the kustomization builds, which Ferry does not check for the pins of dev/web/app.yaml (app "web" in "dev", a container); a pin there deploys only if the kustomization takes the file as it is. Remove this file, or have ferry.yaml pin the app through the kustomization\'s images: entry' },
      { file: 'dev/worker/kustomization.yaml', message: 'Argo CD builds dev/worker with kustomize, since this file is there, unless its Application names another tool: what deploys is what the kustomization builds, which Ferry does not check for the pins of dev/worker/values.yaml (app "worker" in "dev", Helm values); a pin there deploys only if the kustomization takes the file as it is. Remove this file, or have ferry.yaml pin the app through the kustomization\'s images: entry' },
    ]);
  });
});
