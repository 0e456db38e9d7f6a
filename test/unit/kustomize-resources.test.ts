// unmatchedKustomizePins: a kustomize pin whose images: entry matches no container image of what
// its kustomization builds (kustomize applies none of it: the pinned digest never deploys) is a
// problem at the entry's name; what cannot be followed (a remote or missing resource, a patch
// that mentions an image, a generator) is never reported. test/integration/validate-kustomize
// checks the same layouts against what kubectl kustomize renders.
import { describe, expect, test } from 'vitest';
import { ConfigurationError, formatProblem } from '../../actions/src/core/errors.js';
import { imageMatches, splitImage, unmatchedKustomizePins, type KustomizePin } from '../../actions/src/core/kustomize-resources.js';

const lines = (...l: string[]): string => l.join('\n');
const REG = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
const D = `sha256:${'a'.repeat(64)}`;

/** The template's overlay: its images: entry's name on line 7, column 11. */
const overlay = (resources: string[], extra: string[] = [], name = 'user-service'): string => lines(
  'apiVersion: kustomize.config.k8s.io/v1beta1',
  'kind: Kustomization',
  'namespace: user-service-prod',
  'resources:',
  ...resources.map((r) => `  - ${r}`),
  'images:',
  `  - name: ${name}`,
  `    newName: ${REG}/user-service`,
  '    newTag: 1.0.0',
  `    digest: ${D}`,
  ...extra,
  '',
);
const OVERLAY = overlay(['../../base/user-service']);
const deployment = (...images: string[]): string => lines(
  'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: user-service}', 'spec:', '  template:', '    spec:', '      containers:',
  ...images.flatMap((image, i) => [`        - name: c${i}`, `          image: ${image}`]),
  '',
);
const SERVICE = lines('apiVersion: v1', 'kind: Service', 'metadata: {name: user-service}', 'spec: {ports: [{port: 80}]}', '');
const base = (...resources: string[]): string => lines('apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'resources:', ...resources.map((r) => `  - ${r}`), '');
const BASE = base('deployment.yaml', 'service.yaml');
const PROD = 'prod/user-service/kustomization.yaml';

/** The template's layout with `files` changed (null: no such file). */
function layout(files: Record<string, string | null> = {}): Record<string, string | null> {
  return {
    [PROD]: OVERLAY,
    'base/user-service/kustomization.yaml': BASE,
    'base/user-service/deployment.yaml': deployment('user-service'),
    'base/user-service/service.yaml': SERVICE,
    ...files,
  };
}

/** A readFiles over `files` that records each call; a directory (a prefix of a file) reads as the git adapter reads it. */
function reader(files: Record<string, string | null | ConfigurationError>) {
  const calls: string[][] = [];
  const readFiles = async (paths: string[]) => {
    calls.push(paths);
    return new Map(paths.map((p) => {
      const text = files[p];
      if (text === undefined && Object.keys(files).some((f) => f.startsWith(`${p}/`))) return [p, new ConfigurationError({ file: p, message: 'is a directory in the env repo, not a file' })];
      return [p, text ?? undefined];
    }));
  };
  return { readFiles, calls };
}

async function problems(files: Record<string, string | null | ConfigurationError>, pins: KustomizePin[] = [{ file: PROD, text: files[PROD] as string, name: 'user-service' }]): Promise<string[]> {
  return (await unmatchedKustomizePins(pins, reader(files).readFiles)).map(formatProblem);
}

const unmatched = (found: string, line = 7): string =>
  `${PROD}:${line}:11: images[0].name: the entry "user-service" matches no container image, so kustomize applies none of it and the digest pinned here is never deployed (an entry applies to an image whose name, without its tag or digest, is "user-service"): ${found}; name the entry after the image, or the image after the entry`;

describe('a pin whose entry matches no container image is reported at the entry\'s name', () => {
  test.each<[string, Record<string, string | null>, string[]]>([
    ['the template: the entry matches the base\'s image', layout(), []],
    [
      'the base names the image with its registry and a tag (the adopter\'s edit)',
      layout({ 'base/user-service/deployment.yaml': deployment(`${REG}/user-service:latest`) }),
      [unmatched(`the container images it builds are "${REG}/user-service:latest" (base/user-service/deployment.yaml)`)],
    ],
    [
      'only a Service: no container image',
      layout({ 'base/user-service/kustomization.yaml': base('service.yaml') }),
      [unmatched('it builds no container image (resources: base/user-service)')],
    ],
    ['a tag on the base\'s image', layout({ 'base/user-service/deployment.yaml': deployment('user-service:0.1') }), []],
    ['a digest on the base\'s image', layout({ 'base/user-service/deployment.yaml': deployment(`user-service@${D}`) }), []],
    ['a tag and a digest', layout({ 'base/user-service/deployment.yaml': deployment(`user-service:0.1@${D}`) }), []],
    ['one of several containers', layout({ 'base/user-service/deployment.yaml': deployment('envoy:1.30', 'user-service') }), []],
    [
      'containers that take their image from a YAML merge key (<<: *defaults), as kustomize expands it',
      layout({ 'base/user-service/deployment.yaml': deployment('envoy:1.30').replace('        - name: c0\n          image: envoy:1.30', '        - <<: &defaults\n            image: user-service\n            imagePullPolicy: IfNotPresent\n          name: web\n        - <<: [*defaults]\n          name: worker') }),
      [],
    ],
    [
      'a merge key that brings in another image',
      layout({ 'base/user-service/deployment.yaml': deployment('envoy:1.30').replace('        - name: c0\n          image: envoy:1.30', '        - <<: {image: "other:1"}\n          name: web') }),
      [unmatched('the container images it builds are "other:1" (base/user-service/deployment.yaml)')],
    ],
    [
      'an init container\'s image',
      layout({ 'base/user-service/deployment.yaml': deployment('envoy:1.30').replace('      containers:', '      initContainers:\n        - {name: init, image: user-service}\n      containers:') }),
      [],
    ],
    [
      'a CronJob (containers at any depth)',
      layout({ 'base/user-service/deployment.yaml': lines('apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: c}', 'spec:', '  jobTemplate:', '    spec:', '      template:', '        spec:', '          containers: [{name: c, image: "user-service:1"}]', '') }),
      [],
    ],
    [
      'a CustomResourceDefinition\'s containers are not images kustomize changes',
      layout({ 'base/user-service/deployment.yaml': lines('apiVersion: apiextensions.k8s.io/v1', 'kind: CustomResourceDefinition', 'metadata: {name: x.example.com}', 'spec:', '  containers: [{name: c, image: user-service}]', '') }),
      [unmatched('it builds no container image (resources: base/user-service)')],
    ],
    [
      'several documents in one file',
      layout({ 'base/user-service/deployment.yaml': `${SERVICE}---\n${deployment('other')}---\n${deployment('user-service:2')}` }),
      [],
    ],
    [
      'a resource file of the overlay\'s own',
      layout({ [PROD]: overlay(['deployment.yaml']), 'prod/user-service/deployment.yaml': deployment('user-service') }),
      [],
    ],
    [
      'a resource file without an extension (read as a directory first, then as a file)',
      layout({ [PROD]: overlay(['workload']), 'prod/user-service/workload': deployment('other') }),
      [unmatched('the container images it builds are "other" (prod/user-service/workload)')],
    ],
    [
      'a directory named like a file (read as a file first, then as a directory)',
      layout({ [PROD]: overlay(['../../base/app.yaml']), 'base/app.yaml/kustomization.yaml': base('d.yaml'), 'base/app.yaml/d.yaml': deployment('other') }),
      [unmatched('the container images it builds are "other" (base/app.yaml/d.yaml)')],
    ],
    [
      'a base built from its kustomization.yml (read when there is no kustomization.yaml)',
      layout({ 'base/user-service/kustomization.yaml': null, 'base/user-service/kustomization.yml': BASE, 'base/user-service/deployment.yaml': deployment('other') }),
      [unmatched('the container images it builds are "other" (base/user-service/deployment.yaml)')],
    ],
    [
      'a base built from its Kustomization',
      layout({ 'base/user-service/kustomization.yaml': null, 'base/user-service/Kustomization': BASE }),
      [],
    ],
    [
      'bases: (kustomize\'s older field)',
      layout({ [PROD]: OVERLAY.replace('resources:', 'bases:') }),
      [],
    ],
    [
      'the base renames the image to the entry\'s name',
      layout({ 'base/user-service/kustomization.yaml': `${BASE}images:\n  - {name: app, newName: user-service}\n`, 'base/user-service/deployment.yaml': deployment('app:1') }),
      [],
    ],
    [
      'the base renames the image away from it: the name it hands on is shown',
      layout({ 'base/user-service/kustomization.yaml': `${BASE}images:\n  - {name: user-service, newName: ${REG}/legacy, newTag: "2"}\n` }),
      [unmatched(`the container images it builds are "${REG}/legacy:2" (base/user-service/deployment.yaml)`)],
    ],
    [
      'an earlier entry of the overlay renames the image to the pinned entry\'s name',
      layout({ [PROD]: overlay(['../../base/user-service']).replace('images:\n', 'images:\n  - {name: app, newName: user-service}\n'), 'base/user-service/deployment.yaml': deployment('app') }),
      [],
    ],
    [
      'a component renames the image',
      layout({
        [PROD]: overlay(['../../base/user-service'], ['components:', '  - ../../components/rename']),
        'base/user-service/deployment.yaml': deployment('app'),
        'components/rename/kustomization.yaml': lines('apiVersion: kustomize.config.k8s.io/v1alpha1', 'kind: Component', 'images:', '  - {name: app, newName: user-service}', ''),
      }),
      [],
    ],
    [
      'a component adds a resource with the image',
      layout({
        [PROD]: overlay(['../../base/user-service'], ['components:', '  - ../../components/sidecar']),
        'base/user-service/deployment.yaml': deployment('app'),
        'components/sidecar/kustomization.yaml': lines('kind: Component', 'resources: [job.yaml]', ''),
        'components/sidecar/job.yaml': lines('kind: Job', 'metadata: {name: j}', 'spec: {template: {spec: {containers: [{name: j, image: user-service}]}}}', ''),
      }),
      [],
    ],
    [
      'a patch that does not mention an image does not stop the check',
      layout({ [PROD]: overlay(['../../base/user-service'], ['patches:', '  - path: replicas.yaml']), 'prod/user-service/replicas.yaml': '[{op: replace, path: /spec/replicas, value: 3}]\n', 'base/user-service/deployment.yaml': deployment('other') }),
      [unmatched('the container images it builds are "other" (base/user-service/deployment.yaml)')],
    ],
  ])('%s', async (_title, files, expected) => {
    expect(await problems(files)).toEqual(expected);
  });
});

describe('what cannot be followed is not judged (never reported)', () => {
  const other = { 'base/user-service/deployment.yaml': deployment('other') };
  test.each<[string, Record<string, string | null>]>([
    ['a remote resource (URL)', layout({ ...other, [PROD]: overlay(['../../base/user-service', 'https://github.com/acme/k8s//base?ref=v1']) })],
    ['a remote resource (git reference without a scheme)', layout({ ...other, [PROD]: overlay(['../../base/user-service', 'github.com/acme/k8s/base?ref=v1.0.0']) })],
    ['a remote resource (scp-like)', layout({ ...other, [PROD]: overlay(['../../base/user-service', 'git@github.com:acme/k8s.git/base']) })],
    ['a resource not in the repository (kustomize would try it as a remote one)', layout({ ...other, [PROD]: overlay(['../../base/user-service', 'github.com/acme/k8s/base']) })],
    ['a path that leaves the repository', layout({ ...other, [PROD]: overlay(['../../../elsewhere/base']) })],
    ['a directory without a kustomization', layout({ ...other, [PROD]: overlay(['../../base']) })],
    ['a resource file that does not parse', layout({ 'base/user-service/deployment.yaml': 'kind: [Deployment\n' })],
    ['an inline patch that mentions an image', layout({ ...other, [PROD]: overlay(['../../base/user-service'], ['patches:', '  - patch: |-', '      - {op: replace, path: /spec/template/spec/containers/0/image, value: user-service}', '    target: {kind: Deployment}']) })],
    ['a patch file that mentions an image', layout({ ...other, [PROD]: overlay(['../../base/user-service'], ['patchesStrategicMerge:', '  - set.yaml']), 'prod/user-service/set.yaml': deployment('user-service') })],
    ['a patch file that is not there', layout({ ...other, [PROD]: overlay(['../../base/user-service'], ['patches:', '  - path: gone.yaml']) })],
    ['a Helm chart', layout({ ...other, [PROD]: overlay(['../../base/user-service'], ['helmCharts:', '  - {name: user-service, repo: https://charts.example.com}']) })],
    ['a generator', layout({ ...other, 'base/user-service/kustomization.yaml': `${BASE}generators: [gen.yaml]\n` })],
    ['replacements', layout({ ...other, [PROD]: overlay(['../../base/user-service'], ['replacements: [{path: r.yaml}]']) })],
    ['a cycle', layout({ ...other, 'base/user-service/kustomization.yaml': base('deployment.yaml', '../../prod/user-service') })],
    ['two kustomization files in one directory', layout({ ...other, 'base/user-service/kustomization.yaml': null, 'base/user-service/kustomization.yml': BASE, 'base/user-service/Kustomization': BASE })],
    ['a pinned Component (it transforms the resources of whatever includes it)', layout({ ...other, [PROD]: OVERLAY.replace('kind: Kustomization', 'kind: Component') })],
  ])('%s', async (_title, files) => {
    expect(await problems(files)).toEqual([]);
  });

  test('a resource that cannot be read as text (a link, not UTF-8)', async () => {
    const files = { ...layout(), 'base/user-service/deployment.yaml': new ConfigurationError({ file: 'base/user-service/deployment.yaml', message: 'is a symbolic link in the env repo' }) };
    expect(await problems(files)).toEqual([]);
  });

  test('a pin whose entry is not there (validate reports that as the pin\'s own problem)', async () => {
    const files = layout({ 'base/user-service/deployment.yaml': deployment('other') });
    expect(await problems(files, [{ file: PROD, text: OVERLAY, name: 'api' }])).toEqual([]);
  });

  test('a pinned file that is not a kustomization file', async () => {
    const files = layout({ 'base/user-service/deployment.yaml': deployment('other'), 'prod/user-service/images.yaml': OVERLAY });
    expect(await problems(files, [{ file: 'prod/user-service/images.yaml', text: OVERLAY, name: 'user-service' }])).toEqual([]);
  });
});

test('every environment is reported; the files are read one level at a time, for every pin at once', async () => {
  const files: Record<string, string | null> = { ...layout({ 'base/user-service/deployment.yaml': deployment(`${REG}/user-service:latest`) }) };
  const pins: KustomizePin[] = [];
  for (const env of ['dev', 'stage', 'prod']) {
    files[`${env}/user-service/kustomization.yaml`] = OVERLAY;
    pins.push({ file: `${env}/user-service/kustomization.yaml`, text: OVERLAY, name: 'user-service' });
  }
  const { readFiles, calls } = reader(files);
  const found = await unmatchedKustomizePins(pins, readFiles);
  expect(found.map((p) => [p.file, p.line, p.column, p.field])).toEqual(['dev', 'stage', 'prod'].map((env) => [`${env}/user-service/kustomization.yaml`, 7, 11, 'images[0].name']));
  // The base (a directory: its kustomization.yaml), then its two resources (files): two reads, each file once.
  expect(calls).toEqual([
    ['base/user-service/kustomization.yaml'],
    ['base/user-service/deployment.yaml', 'base/user-service/service.yaml'],
  ]);
  expect(calls.flat()).toHaveLength(new Set(calls.flat()).size);
});

describe('kustomize\'s matching of an entry to an image (api/internal/image)', () => {
  test.each<[string, string, boolean]>([
    ['user-service', 'user-service', true],
    ['user-service:1.0', 'user-service', true],
    [`user-service@${D}`, 'user-service', true],
    [`user-service:1.0@${D}`, 'user-service', true],
    [`${REG}/user-service:latest`, 'user-service', false],
    ['user-service-old', 'user-service', false],
    ['reg:5000/app:2', 'reg:5000/app', true],
    ['team/user-service', 'user-service', false],
    // The name goes into kustomize's pattern unescaped: a dot matches any character.
    ['userxservice:1', 'user.service', true],
    // Any other special character: what it matches is not told, so it may match (no pin is reported unmatched by it).
    ['user-service', 'user-servic[e]', true],
    ['evil/thing', 'user-servic(e)?', true],
  ])('%s, entry %s: %s', (image, name, expected) => {
    expect(imageMatches(image, name)).toBe(expected);
  });

  test.each<[string, ReturnType<typeof splitImage>]>([
    ['app', { name: 'app', tag: '', digest: '' }],
    ['reg:5000/app:2', { name: 'reg:5000/app', tag: '2', digest: '' }],
    [`reg/app:1@${D}`, { name: 'reg/app', tag: '1', digest: D }],
    [`app@${D}`, { name: 'app', tag: '', digest: D }],
  ])('split %s', (image, expected) => {
    expect(splitImage(image)).toEqual(expected);
  });
});
