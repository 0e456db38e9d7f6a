// validate --render's judgement of kustomize's output: which container images it holds, whether
// one is the pinned image, and the problems of pins that no container has and of failed builds.
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../actions/src/core/config.js';
import { ConfigurationError } from '../../actions/src/core/errors.js';
import { deploysPin, renderBlocker, renderTargets, renderedImages, renderedPinProblems, type KustomizeBuild, type RenderTarget } from '../../actions/src/core/kustomize-render.js';
import type { ReadFiles } from '../../actions/src/core/kustomize-resources.js';

const REG = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
const D = `sha256:${'a'.repeat(64)}`;
const E = `sha256:${'e'.repeat(64)}`;

const deployment = (...containers: string[]) => [
  'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  template:', '    spec:', '      containers:',
  ...containers.flatMap((image, i) => [`      - name: c${i}`, `        image: ${image}`]), '',
].join('\n');

describe('renderedImages', () => {
  test.each<[string, string, { image: string; resource: string; place: string }[]]>([
    ['a Deployment', deployment(`${REG}/web:1@${D}`, 'envoy:1'), [{ image: `${REG}/web:1@${D}`, resource: 'Deployment web', place: 'container' }, { image: 'envoy:1', resource: 'Deployment web', place: 'container' }]],
    ['init containers', 'kind: Pod\nmetadata: {name: p}\nspec: {initContainers: [{name: i, image: init:1}], containers: [{name: c, image: app:1}]}\n', [{ image: 'init:1', resource: 'Pod p', place: 'initContainer' }, { image: 'app:1', resource: 'Pod p', place: 'container' }]],
    ['containers at any depth of a custom resource: elsewhere (it runs no pods Ferry knows)', 'kind: Runner\nmetadata: {name: r}\nspec: {a: {b: [{containers: [{name: c, image: deep:1}]}]}}\n', [{ image: 'deep:1', resource: 'Runner r', place: 'elsewhere' }]],
    ['a PodTemplate runs no pods', 'apiVersion: v1\nkind: PodTemplate\nmetadata: {name: spare}\ntemplate: {spec: {containers: [{name: x, image: web}]}}\n', [{ image: 'web', resource: 'PodTemplate spare', place: 'elsewhere' }]],
    ['a CronJob', 'kind: CronJob\nmetadata: {name: j}\nspec: {jobTemplate: {spec: {template: {spec: {containers: [{name: c, image: job:1}]}}}}}\n', [{ image: 'job:1', resource: 'CronJob j', place: 'container' }]],
    ['an Argo Rollout', 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec: {template: {spec: {containers: [{name: c, image: ro:1}]}}}\n', [{ image: 'ro:1', resource: 'Rollout r', place: 'container' }]],
    ['a Rollout of another group is no workload', 'apiVersion: example.com/v1\nkind: Rollout\nmetadata: {name: r}\nspec: {template: {spec: {containers: [{name: c, image: ro:1}]}}}\n', [{ image: 'ro:1', resource: 'Rollout r', place: 'elsewhere' }]],
    ['a CustomResourceDefinition is no workload', 'kind: CustomResourceDefinition\nmetadata: {name: x}\nspec: {containers: [{name: c, image: crd:1}]}\n', []],
    ['several documents, a Service among them', `kind: Service\nmetadata: {name: s}\n---\n${deployment('a:1')}---\n${deployment('b:2')}`, [{ image: 'a:1', resource: 'Deployment web', place: 'container' }, { image: 'b:2', resource: 'Deployment web', place: 'container' }]],
    ['nothing', '', []],
  ])('%s', (_title, output, expected) => {
    expect(renderedImages(output)).toEqual(expected);
  });

  test('output that is no YAML throws', () => {
    expect(() => renderedImages('a: [\n')).toThrow();
  });
});

describe('deploysPin: the name and the digest decide, not the tag', () => {
  const pin = { name: `${REG}/web`, digest: D };
  test.each<[string, boolean]>([
    [`${REG}/web:1.0.0@${D}`, true],
    [`${REG}/web@${D}`, true],
    [`${REG}/web:other@${D}`, true],
    [`${REG}/web:1.0.0@${E}`, false],
    [`${REG}/web:1.0.0`, false],
    ['web:1.0.0', false],
    [`evil/web@${D}`, false],
    [`${REG}/web-v2@${D}`, false],
    [`localhost:5000/web@${D}`, false],
  ])('%s: %s', (image, expected) => {
    expect(deploysPin(image, pin)).toBe(expected);
  });
  test('a registry with a port', () => {
    expect(deploysPin(`localhost:5000/web:1@${D}`, { name: 'localhost:5000/web', digest: D })).toBe(true);
  });
});

const target = (over: Partial<RenderTarget> = {}): RenderTarget => ({
  env: 'prod', app: 'web', file: 'prod/web/kustomization.yaml', entry: 'web', name: `${REG}/web`, tag: '1.0.0', digest: D, line: 7, column: 11, field: 'images[0].name', ...over,
});

/**
 * The env repo's files for the walk before a build: `files`, and a plain kustomization in every
 * directory of the targets used here (prod/web, dev/web, the root).
 */
function repo(files: Record<string, string> = {}): ReadFiles {
  const all: Record<string, string> = { 'kustomization.yaml': 'resources: []\n', 'prod/web/kustomization.yaml': 'resources: []\n', 'dev/web/kustomization.yaml': 'resources: []\n', ...files };
  return async (paths) => new Map(paths.map((p) => [p, all[p]]));
}

/** A builder that answers from a table, and counts its builds. */
function builder(answers: Record<string, KustomizeBuild>) {
  const built: string[] = [];
  return {
    built,
    build: async (dir: string) => {
      built.push(dir);
      return answers[dir] ?? { error: `no answer for ${dir}` };
    },
  };
}

describe('renderedPinProblems', () => {
  test('a pinned image that a container has: no problem', async () => {
    const b = builder({ 'prod/web': { output: deployment(`${REG}/web:1.0.0@${D}`) } });
    expect(await renderedPinProblems([target()], b, repo())).toEqual({ problems: [], rendered: 1 });
  });

  test('a container renamed away: the problem at the entry, naming env, app, pinned image and the images rendered', async () => {
    const b = builder({ 'prod/web': { output: deployment('evil/thing:1', 'envoy:1') } });
    const { problems } = await renderedPinProblems([target()], b, repo());
    expect(problems).toEqual([{
      file: 'prod/web/kustomization.yaml', line: 7, column: 11, field: 'images[0].name',
      message: `app "web" in "prod": kustomize renders no container with the image pinned here, "${REG}/web:1.0.0@${D}", so that digest is never deployed (though ferry status shows it pinned): the container images it renders are "evil/thing:1" (Deployment web), "envoy:1" (Deployment web). The entry "web" applies to images named "web"; something in the build gives the containers another image before it applies (a patch, a replacement, a transformer, a generator, a Helm chart, a remote base): keep the image's name there, or name the entry after the image it gives`.replace('. The entry', '. Only the containers (not the init containers) of a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod or Argo Rollout count. The entry'),
    }]);
  });

  const pinnedImage = `${REG}/web:1.0.0@${D}`;
  test.each<[string, string, RegExp]>([
    ['the pin only in an init container', `kind: Deployment\nmetadata: {name: web}\nspec: {template: {spec: {initContainers: [{name: warm, image: "${pinnedImage}"}], containers: [{name: web, image: evil/thing:1}]}}}\n`,
      /renders no container with the image pinned here.*the container images it renders are "\S+@sha256:a+" \(Deployment web, an init container\), "evil\/thing:1" \(Deployment web\)/],
    ['the pin only in a decoy PodTemplate', `kind: PodTemplate\nmetadata: {name: spare}\ntemplate: {spec: {containers: [{name: x, image: "${pinnedImage}"}]}}\n---\n${deployment('evil/thing:1')}`,
      /renders no container with the image pinned here.*"\S+@sha256:a+" \(PodTemplate spare, which runs no pods\), "evil\/thing:1" \(Deployment web\)/],
    ['the pin in a custom resource only', `kind: Runner\nmetadata: {name: r}\nspec: {containers: [{name: c, image: "${pinnedImage}"}]}\n`, /renders no container with the image pinned here.*\(Runner r, which runs no pods\)/],
    ['the pin, and a stale copy of the app at another digest', `${deployment(pinnedImage)}---\nkind: Deployment\nmetadata: {name: old}\nspec: {template: {spec: {containers: [{name: c, image: "${REG}/web:0.9@${E}"}]}}}\n`,
      /^app "web" in "prod": kustomize renders the image pinned here, "\S+", and also the app's image at another digest or none, which Ferry does not pin \(a stale or unpinned copy of the app, deployed beside it\): "\S+\/web:0\.9@sha256:e+" \(Deployment old\)\./],
    ['the pin, and an unpinned copy in an init container', `kind: Job\nmetadata: {name: j}\nspec: {template: {spec: {initContainers: [{name: i, image: "${REG}/web:latest"}], containers: [{name: c, image: "${pinnedImage}"}]}}}\n`,
      /and also the app's image at another digest or none.*: "\S+\/web:latest" \(Job j, an init container\)\./],
  ])('%s: a problem naming what rendered instead', async (_title, output, message) => {
    const { problems } = await renderedPinProblems([target()], builder({ 'prod/web': { output } }), repo());
    expect(problems).toEqual([expect.objectContaining({ file: 'prod/web/kustomization.yaml', line: 7, field: 'images[0].name', message: expect.stringMatching(message) })]);
  });

  test('the app\'s image elsewhere (a PodTemplate) beside the pin is no stale copy: it runs no pods', async () => {
    const output = `${deployment(pinnedImage)}---\nkind: PodTemplate\nmetadata: {name: t}\ntemplate: {spec: {containers: [{name: x, image: "${REG}/web:0.1"}]}}\n`;
    expect((await renderedPinProblems([target()], builder({ 'prod/web': { output } }), repo())).problems).toEqual([]);
  });

  test('a build that cannot be done (the builder rejects): the rejection, not a problem', async () => {
    const b = { build: async (dir: string) => (dir === 'prod/web' ? Promise.reject(new Error('cannot render prod/web: it did not finish within 120 s; a retry may help')) : { output: deployment(`${REG}/web@${D}`) }) };
    await expect(renderedPinProblems([target(), target({ env: 'dev', file: 'dev/web/kustomization.yaml' })], b, repo())).rejects.toThrow('a retry may help');
  });

  test('no container at all', async () => {
    const { problems } = await renderedPinProblems([target()], builder({ 'prod/web': { output: 'kind: Service\nmetadata: {name: s}\n' } }), repo());
    expect(problems[0]!.message).toContain('so that digest is never deployed (though ferry status shows it pinned): it renders no container image.');
  });

  test('a build that fails: one problem per kustomization file, with kustomize\'s message, naming every app it pins', async () => {
    const pins = [target(), target({ app: 'api', entry: 'api', name: `${REG}/api` }), target({ env: 'dev', file: 'dev/web/kustomization.yaml' })];
    const b = builder({ 'prod/web': { error: 'accumulating resources: nope' }, 'dev/web': { output: deployment(`${REG}/web@${D}`) } });
    expect(await renderedPinProblems(pins, b, repo())).toEqual({
      problems: [{ file: 'prod/web/kustomization.yaml', message: 'apps "web", "api" in "prod": kustomize cannot build prod/web, so whether the image pinned here deploys cannot be told: accumulating resources: nope' }],
      rendered: 2,
    });
    // Each directory built once.
    expect(b.built.sort()).toEqual(['dev/web', 'prod/web']);
  });

  test('two apps in one kustomization: each judged against the same build', async () => {
    const pins = [target(), target({ app: 'api', entry: 'api', name: `${REG}/api`, field: 'images[1].name', line: 11 })];
    const b = builder({ 'prod/web': { output: deployment(`${REG}/web:1.0.0@${D}`, 'api:1') } });
    const { problems, rendered } = await renderedPinProblems(pins, b, repo());
    expect(rendered).toBe(1);
    expect(problems.map((p) => [p.field, p.message.slice(0, 30)])).toEqual([['images[1].name', 'app "api" in "prod": kustomize']]);
  });

  test('a kustomization at the root of the repository', async () => {
    const b = builder({ '': { error: 'boom' } });
    const { problems } = await renderedPinProblems([target({ file: 'kustomization.yaml' })], b, repo());
    expect(problems[0]!.message).toBe('app "web" in "prod": kustomize cannot build the repository\'s root, so whether the image pinned here deploys cannot be told: boom');
  });
});

describe('renderTargets: kustomize pins that read, with a digest, and no problem reported yet', () => {
  const overlay = (app: string, digest = `    digest: ${D}\n`) => `resources: [../../base/${app}]\nreplicas:\n  - name: ${app}\n    count: 2\nimages:\n  - name: ${app}\n    newName: ${REG}/${app}\n    newTag: 1.0.0\n${digest}`;

  test('each env x app, located at the entry\'s name; the others left out', async () => {
    const config = await parseConfig([
      `registry: ${REG}`, 'environments:', '  - name: dev', '  - name: prod', '    promoteFrom: dev', 'apps:',
      '  - name: web', '    image: web', '    manifest: "{env}/web/kustomization.yaml"',
      '  - name: chart', '    image: chart', '    manifest: "{env}/chart/values.yaml"', '    helm: { digest: image.digest }',
      '',
    ].join('\n'));
    const files = new Map<string, string | undefined | ConfigurationError>([
      ['dev/web/kustomization.yaml', overlay('web')],
      ['prod/web/kustomization.yaml', overlay('web', '')],
      ['dev/chart/values.yaml', `image: {digest: ${D}}\n`],
      ['prod/chart/values.yaml', `image: {digest: ${D}}\n`],
    ]);
    expect(renderTargets(config, files, new Set())).toEqual([
      { env: 'dev', app: 'web', file: 'dev/web/kustomization.yaml', entry: 'web', name: `${REG}/web`, tag: '1.0.0', digest: D, line: 6, column: 11, field: 'images[0].name' },
    ]);
    // A file with a problem reported already is not rendered (the render would repeat it).
    expect(renderTargets(config, files, new Set(['dev/web/kustomization.yaml']))).toEqual([]);
  });
});

describe('renderBlocker: a kustomization is built only when its whole tree is in the repository', () => {
  const base = { 'base/web/kustomization.yaml': 'resources: [deployment.yaml]\n', 'base/web/deployment.yaml': deployment('web') };
  const overlay = (text: string, more: Record<string, string> = {}) => repo({ ...base, 'prod/web/kustomization.yaml': text, ...more });
  test.each<[string, string, Record<string, string>, { file: string; why: RegExp } | undefined]>([
    ['local resources, bases, patches, generators of files', 'resources: [../../base/web, svc.yaml]\npatches: [{path: p.yaml}]\nconfigMapGenerator: [{name: c, files: [k=conf.txt], envs: [e.env]}]\n', { 'prod/web/svc.yaml': 'kind: Service\n' }, undefined],
    ['a URL resource', 'resources: [../../base/web, "http://127.0.0.1:18931/internal/config"]\n', {}, { file: 'prod/web/kustomization.yaml', why: /^its resources names "http:\/\/127\.0\.0\.1:18931\/internal\/config", a remote base \(Ferry does not fetch\)$/ }],
    ['a missing ./ or ../ path: kustomize says it is missing itself', 'resources: [../../base/web, ./gone.yaml, ../nothing]\n', {}, undefined],
    ['git:: and file:// addresses', 'resources: ["git::https://example.com/r.git"]\n', {}, { file: 'prod/web/kustomization.yaml', why: /a remote base/ }],
    ['a file:// URL', 'resources: ["file:///etc/x"]\n', {}, { file: 'prod/web/kustomization.yaml', why: /a remote base/ }],
    ['a git address', 'resources: ["git@github.com:org/repo//base?ref=v1"]\n', {}, { file: 'prod/web/kustomization.yaml', why: /a remote base/ }],
    ['a github path that is not in the repository', 'resources: ["github.com/org/repo//base"]\n', {}, { file: 'prod/web/kustomization.yaml', why: /which is not in the repository \(kustomize would fetch it as a remote base; Ferry does not fetch\)$/ }],
    ['a path that leaves the repository', 'resources: [../../../../../../../../tmp/x]\n', {}, { file: 'prod/web/kustomization.yaml', why: /^its resources names "\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/tmp\/x", which leaves the repository$/ }],
    ['an absolute path', 'resources: [/etc]\n', {}, { file: 'prod/web/kustomization.yaml', why: /leaves the repository/ }],
    ['a remote base deep in the tree: the file that names it', 'resources: [../../base/web]\n', { 'base/web/kustomization.yaml': 'resources: [deployment.yaml, "https://example.com/x.yaml"]\n' }, { file: 'base/web/kustomization.yaml', why: /a remote base/ }],
    ['a remote component', 'components: ["https://example.com/c"]\n', {}, { file: 'prod/web/kustomization.yaml', why: /a remote component/ }],
    ['a remote patch file', 'resources: [../../base/web]\npatches: [{path: "https://example.com/p.yaml"}]\n', {}, { file: 'prod/web/kustomization.yaml', why: /^its patches\[\]\.path names "https:\/\/example\.com\/p\.yaml", a remote file/ }],
    ['a replacement read from outside', 'resources: [../../base/web]\nreplacements: [{path: ../../../x.yaml}]\n', {}, { file: 'prod/web/kustomization.yaml', why: /replacements\[\]\.path .* leaves the repository/ }],
    ['configurations from a URL', 'configurations: ["https://example.com/c.yaml"]\n', {}, { file: 'prod/web/kustomization.yaml', why: /configurations names .* a remote file/ }],
    ['crds from outside', 'crds: [/tmp/crd.yaml]\n', {}, { file: 'prod/web/kustomization.yaml', why: /crds names .* leaves the repository/ }],
    ['openapi from a URL', 'openapi: {path: "https://example.com/o.json"}\n', {}, { file: 'prod/web/kustomization.yaml', why: /openapi\.path .* a remote file/ }],
    ['a secretGenerator reading outside', 'secretGenerator: [{name: s, files: [key=../../../../home/runner/.ssh/id_rsa]}]\n', {}, { file: 'prod/web/kustomization.yaml', why: /secretGenerator\[\]\.files .* leaves the repository/ }],
    ...['generators', 'transformers', 'validators', 'helmCharts', 'helmChartInflationGenerator', 'helmGlobals'].map((field): [string, string, Record<string, string>, { file: string; why: RegExp }] => [
      `${field}:`, `resources: [../../base/web]\n${field}: [x.yaml]\n`, {}, { file: 'prod/web/kustomization.yaml', why: new RegExp(`^its ${field}: field loads plugins or Helm charts`) },
    ]),
    ['a kustomization that is no YAML mapping', 'resources: [\n', {}, { file: 'prod/web/kustomization.yaml', why: /does not read as one YAML mapping/ }],
    ['a cycle is walked once', 'resources: [../../base/web]\n', { 'base/web/kustomization.yaml': 'resources: [../../prod/web]\n' }, undefined],
  ])('%s', async (_title, text, more, expected) => {
    const blocker = await renderBlocker('prod/web', overlay(text, more));
    if (expected === undefined) expect(blocker).toBeUndefined();
    else expect(blocker).toEqual({ file: expected.file, why: expect.stringMatching(expected.why) });
  });

  test('a pin whose tree is not all in the repository: not built, the problem says why', async () => {
    const b = builder({ 'prod/web': { output: deployment(`${REG}/web@${D}`) } });
    const files = repo({ 'prod/web/kustomization.yaml': 'resources: ["http://127.0.0.1:18931/internal/config"]\n' });
    expect(await renderedPinProblems([target()], b, files)).toEqual({
      problems: [{ file: 'prod/web/kustomization.yaml', message: 'app "web" in "prod": not rendered: prod/web is not built, since prod/web/kustomization.yaml loads what is not in the repository or may run code: its resources names "http://127.0.0.1:18931/internal/config", a remote base (Ferry does not fetch). --render builds only kustomizations whose whole tree is in the repository, so whether the image pinned here deploys cannot be told' }],
      rendered: 0,
    });
    expect(b.built).toEqual([]);
  });
});

describe('a pin in a kustomize Component: rendered through the kustomization above it that lists it', () => {
  const component = `kind: Component\nimages:\n  - name: web\n    newName: ${REG}/web\n    digest: ${D}\n`;
  const pin = target({ file: 'prod/web/pin/kustomization.yaml', component: true });

  test('the overlay that lists it is built, and judged', async () => {
    const files = repo({ 'prod/web/pin/kustomization.yaml': component, 'prod/web/kustomization.yaml': 'resources: [d.yaml]\ncomponents: [pin]\n', 'prod/web/d.yaml': deployment('web') });
    const ok = builder({ 'prod/web': { output: deployment(`${REG}/web@${D}`) } });
    expect(await renderedPinProblems([pin], ok, files)).toEqual({ problems: [], rendered: 1 });
    expect(ok.built).toEqual(['prod/web']);
    const renamed = builder({ 'prod/web': { output: deployment('evil/thing:1') } });
    const { problems } = await renderedPinProblems([pin], renamed, files);
    expect(problems).toEqual([expect.objectContaining({ file: 'prod/web/pin/kustomization.yaml', message: expect.stringContaining('kustomize renders no container with the image pinned here') })]);
  });

  test('no kustomization above lists it: not rendered, and said so', async () => {
    const files = repo({ 'prod/web/pin/kustomization.yaml': component, 'prod/web/kustomization.yaml': 'resources: [d.yaml]\n' });
    const b = builder({});
    const { problems, rendered } = await renderedPinProblems([pin], b, files);
    expect(rendered).toBe(0);
    expect(b.built).toEqual([]);
    expect(problems).toEqual([{ file: 'prod/web/pin/kustomization.yaml', message: 'app "web" in "prod": not rendered: this file is a kustomize Component, and no kustomization in a directory above it lists "pin" in its components:, so whether the image pinned here deploys cannot be told (a Component is built only as part of a kustomization that lists it)' }]);
  });

  test('renderTargets marks a Component', async () => {
    const config = await parseConfig([`registry: ${REG}`, 'environments:', '  - name: prod', 'apps:', '  - name: web', '    image: web', '    manifest: "{env}/web/pin/kustomization.yaml"', ''].join('\n'));
    expect(renderTargets(config, new Map([['prod/web/pin/kustomization.yaml', component]]), new Set())).toEqual([expect.objectContaining({ file: 'prod/web/pin/kustomization.yaml', component: true })]);
  });
});
