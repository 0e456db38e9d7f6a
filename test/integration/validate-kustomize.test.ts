// ferry validate's check that a kustomize pin takes effect agrees with kustomize itself: for each
// layout, the pin is reported exactly when `kubectl kustomize` (kustomize v5.5) renders the
// overlay without the pinned digest. And the first-time adopter's edit (the base names the image
// with its registry and :latest) is reported by `ferry validate` in every environment.
import { execFile, execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConfigurationError } from '../../actions/src/core/errors.js';
import { unmatchedKustomizePins } from '../../actions/src/core/kustomize-resources.js';
import { ferry } from '../support/ferry-cli.js';
import { kubectlPath } from '../support/kubectl.js';
import { TEMPLATE_REGISTRY as REG } from '../support/template-repo.js';

const run = promisify(execFile);
const D = `sha256:${'c'.repeat(64)}`;
const PROD = 'prod/user-service/kustomization.yaml';

let root: string;
let kubectl: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-validate-kustomize-'));
  kubectl = await kubectlPath();
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const lines = (...l: string[]): string => l.join('\n');
const overlay = (extra: string[] = [], entries: string[] = []): string => lines(
  'apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'namespace: user-service-prod',
  'resources:', '  - ../../base/user-service',
  'images:', ...entries, '  - name: user-service', `    newName: ${REG}/user-service`, '    newTag: 1.0.0', `    digest: ${D}`,
  ...extra, '',
);
const workload = (kind: string, ...images: string[]): string => {
  const containers = images.map((image, i) => `{name: c${i}, image: "${image}"}`).join(', ');
  const pod = `{spec: {containers: [${containers}]}}`;
  const spec = kind === 'CronJob' ? `{schedule: "* * * * *", jobTemplate: {spec: {template: ${pod}}}}` : kind === 'Pod' ? `{containers: [${containers}]}` : `{selector: {matchLabels: {app: x}}, template: ${pod}}`;
  const apiVersion = { Deployment: 'apps/v1', StatefulSet: 'apps/v1', DaemonSet: 'apps/v1', Job: 'batch/v1', CronJob: 'batch/v1', Pod: 'v1', Rollout: 'argoproj.io/v1alpha1' }[kind] ?? 'example.com/v1';
  return lines(`apiVersion: ${apiVersion}`, `kind: ${kind}`, 'metadata: {name: user-service}', `spec: ${spec}`, '');
};
const SERVICE = lines('apiVersion: v1', 'kind: Service', 'metadata: {name: user-service}', 'spec: {ports: [{port: 80}]}', '');
const BASE = lines('resources:', '  - workload.yaml', '  - service.yaml', '');

/** Each layout, as the change to the template's files, and whether kustomize deploys the pinned digest. */
const CASES: [string, Record<string, string>, boolean][] = [
  ['the template\'s base', { 'base/user-service/workload.yaml': workload('Deployment', 'user-service') }, true],
  ['the base names the image with its registry and :latest', { 'base/user-service/workload.yaml': workload('Deployment', `${REG}/user-service:latest`) }, false],
  ['the base names another repository', { 'base/user-service/workload.yaml': workload('Deployment', 'team/user-service:1') }, false],
  ['a tag', { 'base/user-service/workload.yaml': workload('StatefulSet', 'user-service:0.9') }, true],
  ['a tag and a digest', { 'base/user-service/workload.yaml': workload('DaemonSet', `user-service:0.9@sha256:${'d'.repeat(64)}`) }, true],
  ['a digest', { 'base/user-service/workload.yaml': workload('Job', `user-service@sha256:${'d'.repeat(64)}`) }, true],
  ['a CronJob', { 'base/user-service/workload.yaml': workload('CronJob', 'user-service') }, true],
  ['a Pod', { 'base/user-service/workload.yaml': workload('Pod', 'user-service') }, true],
  ['an Argo Rollout', { 'base/user-service/workload.yaml': workload('Rollout', 'user-service') }, true],
  ['a custom resource with containers deep inside', { 'base/user-service/workload.yaml': lines('apiVersion: example.com/v1', 'kind: Runner', 'metadata: {name: r}', 'spec: {deep: {containers: [{name: c, image: user-service}]}}', '') }, true],
  ['a CustomResourceDefinition', { 'base/user-service/workload.yaml': lines('apiVersion: apiextensions.k8s.io/v1', 'kind: CustomResourceDefinition', 'metadata: {name: runners.example.com}', 'spec: {containers: [{name: c, image: user-service}]}', '') }, false],
  ['a List', { 'base/user-service/workload.yaml': lines('apiVersion: v1', 'kind: List', 'items:', '  - apiVersion: apps/v1', '    kind: Deployment', '    metadata: {name: user-service}', '    spec: {selector: {matchLabels: {app: x}}, template: {spec: {containers: [{name: c, image: user-service}]}}}', '') }, true],
  ['a similar name', { 'base/user-service/workload.yaml': workload('Deployment', 'user-service-v2') }, false],
  ['an init container', { 'base/user-service/workload.yaml': workload('Deployment', 'envoy').replace('containers:', 'initContainers: [{name: i, image: user-service}], containers:') }, true],
  ['only a Service', { 'base/user-service/kustomization.yaml': lines('resources: [service.yaml]', '') }, false],
  ['the base renames the image to the entry\'s name', { 'base/user-service/kustomization.yaml': `${BASE}images: [{name: app, newName: user-service}]\n`, 'base/user-service/workload.yaml': workload('Deployment', 'app:1') }, true],
  ['the base renames it away', { 'base/user-service/kustomization.yaml': `${BASE}images: [{name: user-service, newName: legacy}]\n` }, false],
  ['an earlier entry renames it to the entry\'s name', { [PROD]: overlay([], ['  - {name: app, newName: user-service}']), 'base/user-service/workload.yaml': workload('Deployment', 'app') }, true],
  ['a component renames it', {
    [PROD]: overlay(['components: [../../components/rename]']),
    'base/user-service/workload.yaml': workload('Deployment', 'app'),
    'components/rename/kustomization.yaml': lines('apiVersion: kustomize.config.k8s.io/v1alpha1', 'kind: Component', 'images: [{name: app, newName: user-service}]', ''),
  }, true],
  ['a resource file without an extension', { [PROD]: overlay().replace('../../base/user-service', 'workload'), 'prod/user-service/workload': workload('Deployment', 'other') }, false],
  ['a directory named like a file', { [PROD]: overlay().replace('../../base/user-service', '../../base/app.yaml'), 'base/app.yaml/kustomization.yaml': 'resources: [d.yaml]\n', 'base/app.yaml/d.yaml': workload('Deployment', 'user-service') }, true],
  ['a patch that leaves the image', { [PROD]: overlay(['patches: [{path: replicas.yaml, target: {kind: Deployment}}]']), 'prod/user-service/replicas.yaml': '- op: add\n  path: /spec/replicas\n  value: 3\n', 'base/user-service/workload.yaml': workload('Deployment', 'other') }, false],
  // Not judged (a patch that mentions an image): whatever it renders, never reported.
  ['a patch that sets the image', { [PROD]: overlay(['patches: [{path: image.yaml, target: {kind: Deployment}}]']), 'prod/user-service/image.yaml': '- op: replace\n  path: /spec/template/spec/containers/0/image\n  value: user-service\n', 'base/user-service/workload.yaml': workload('Deployment', 'other') }, true],
];

/** readFiles over a directory, as the git adapter reads a commit: a directory is no file. */
function fsReader(dir: string) {
  return async (paths: string[]) => new Map(await Promise.all(paths.map(async (p): Promise<[string, string | undefined | ConfigurationError]> => {
    const s = await stat(join(dir, p)).catch(() => undefined);
    if (!s) return [p, undefined];
    if (s.isDirectory()) return [p, new ConfigurationError({ file: p, message: 'is a directory in the env repo, not a file' })];
    return [p, await readFile(join(dir, p), 'utf8')];
  })));
}

describe('reported exactly when kubectl kustomize renders the overlay without the pinned digest', () => {
  test.each(CASES)('%s', async (_title, change, expected) => {
    const dir = join(root, `layout-${++counter}`);
    const files: Record<string, string> = {
      [PROD]: overlay(),
      'base/user-service/kustomization.yaml': BASE,
      'base/user-service/service.yaml': SERVICE,
      'base/user-service/workload.yaml': workload('Deployment', 'user-service'),
      ...change,
    };
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    const { stdout } = await run(kubectl, ['kustomize', join(dir, 'prod/user-service')], { maxBuffer: 16 * 1024 * 1024 });
    const deployed = stdout.includes(D);
    expect(deployed, stdout).toBe(expected);
    const reported = await unmatchedKustomizePins([{ file: PROD, text: files[PROD]!, name: 'user-service' }], fsReader(dir));
    if (reported.length) expect(deployed, stdout).toBe(false);
    // Judged: a digest that does not render is reported (a patch that mentions an image is not judged).
    if (!files[PROD]!.includes('image.yaml')) expect(reported.length, stdout).toBe(deployed ? 0 : 1);
  });

});

test('the adopter\'s edit: ferry validate reports the pin of every environment (exit 2); kustomize renders :latest', async () => {
  const dir = join(root, 'pm');
  const init = await ferry(['init', dir]);
  expect(init.code, init.stderr).toBe(0);
  const deployment = join(dir, 'base/user-service/deployment.yaml');
  await writeFile(deployment, (await readFile(deployment, 'utf8')).replace(/image: user-service\n/, `image: ${REG}/user-service:latest\n`));
  execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-am', 'the image with its registry']);

  const { stdout: rendered } = await run(kubectl, ['kustomize', join(dir, 'prod/user-service')]);
  expect(rendered).toContain(`image: ${REG}/user-service:latest\n`);
  const pinned = /digest: (sha256:[0-9a-f]{64})/.exec(await readFile(join(dir, 'prod/user-service/kustomization.yaml'), 'utf8'))![1]!;
  expect(rendered).not.toContain(pinned);

  const r = await ferry(['validate', '--repo', dir, '--json']);
  expect(r.code, r.stderr).toBe(2);
  const message = `the entry "user-service" matches no container image, so kustomize applies none of it and the digest pinned here is never deployed (an entry applies to an image whose name, without its tag or digest, is "user-service"): the container images it builds are "${REG}/user-service:latest" (base/user-service/deployment.yaml); name the entry after the image, or the image after the entry`;
  const overlays = ['dev', 'stage', 'prod'].map((env) => `${env}/user-service/kustomization.yaml`);
  const lineOf = async (file: string) => (await readFile(join(dir, file), 'utf8')).split('\n').lastIndexOf('  - name: user-service') + 1;
  expect(JSON.parse(r.stdout).problems).toEqual(await Promise.all(overlays.map(async (file) => ({ file, line: await lineOf(file), column: 11, field: 'images[0].name', message }))));
  // order-service, untouched, is sound.
  expect(r.stdout).not.toContain('order-service');
});
