// validate --render's judgement of kustomize's output: which container images it holds, whether
// one is the pinned image, and the problems of pins that no container has and of failed builds.
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../actions/src/core/config.js';
import { ConfigurationError } from '../../actions/src/core/errors.js';
import { deploysPin, renderTargets, renderedImages, renderedPinProblems, type KustomizeBuild, type RenderTarget } from '../../actions/src/core/kustomize-render.js';

const REG = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
const D = `sha256:${'a'.repeat(64)}`;
const E = `sha256:${'e'.repeat(64)}`;

const deployment = (...containers: string[]) => [
  'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  template:', '    spec:', '      containers:',
  ...containers.flatMap((image, i) => [`      - name: c${i}`, `        image: ${image}`]), '',
].join('\n');

describe('renderedImages', () => {
  test.each<[string, string, { image: string; resource: string }[]]>([
    ['a Deployment', deployment(`${REG}/web:1@${D}`, 'envoy:1'), [{ image: `${REG}/web:1@${D}`, resource: 'Deployment web' }, { image: 'envoy:1', resource: 'Deployment web' }]],
    ['init containers', 'kind: Pod\nmetadata: {name: p}\nspec: {initContainers: [{name: i, image: init:1}], containers: [{name: c, image: app:1}]}\n', [{ image: 'init:1', resource: 'Pod p' }, { image: 'app:1', resource: 'Pod p' }]],
    ['containers at any depth of a custom resource', 'kind: Runner\nmetadata: {name: r}\nspec: {a: {b: [{containers: [{name: c, image: deep:1}]}]}}\n', [{ image: 'deep:1', resource: 'Runner r' }]],
    ['a CronJob', 'kind: CronJob\nmetadata: {name: j}\nspec: {jobTemplate: {spec: {template: {spec: {containers: [{name: c, image: job:1}]}}}}}\n', [{ image: 'job:1', resource: 'CronJob j' }]],
    ['a CustomResourceDefinition is no workload', 'kind: CustomResourceDefinition\nmetadata: {name: x}\nspec: {containers: [{name: c, image: crd:1}]}\n', []],
    ['several documents, a Service among them', `kind: Service\nmetadata: {name: s}\n---\n${deployment('a:1')}---\n${deployment('b:2')}`, [{ image: 'a:1', resource: 'Deployment web' }, { image: 'b:2', resource: 'Deployment web' }]],
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
    expect(await renderedPinProblems([target()], b)).toEqual({ problems: [], rendered: 1 });
  });

  test('a container renamed away: the problem at the entry, naming env, app, pinned image and the images rendered', async () => {
    const b = builder({ 'prod/web': { output: deployment('evil/thing:1', 'envoy:1') } });
    const { problems } = await renderedPinProblems([target()], b);
    expect(problems).toEqual([{
      file: 'prod/web/kustomization.yaml', line: 7, column: 11, field: 'images[0].name',
      message: `app "web" in "prod": kustomize renders no container with the image pinned here, "${REG}/web:1.0.0@${D}", so that digest is never deployed (though ferry status shows it pinned): the container images it renders are "evil/thing:1" (Deployment web), "envoy:1" (Deployment web). The entry "web" applies to images named "web"; something in the build gives the containers another image before it applies (a patch, a replacement, a transformer, a generator, a Helm chart, a remote base): keep the image's name there, or name the entry after the image it gives`,
    }]);
  });

  test('no container at all', async () => {
    const { problems } = await renderedPinProblems([target()], builder({ 'prod/web': { output: 'kind: Service\nmetadata: {name: s}\n' } }));
    expect(problems[0]!.message).toContain('so that digest is never deployed (though ferry status shows it pinned): it renders no container image.');
  });

  test('a build that fails: one problem per kustomization file, with kustomize\'s message, naming every app it pins', async () => {
    const pins = [target(), target({ app: 'api', entry: 'api', name: `${REG}/api` }), target({ env: 'dev', file: 'dev/web/kustomization.yaml' })];
    const b = builder({ 'prod/web': { error: 'accumulating resources: nope' }, 'dev/web': { output: deployment(`${REG}/web@${D}`) } });
    expect(await renderedPinProblems(pins, b)).toEqual({
      problems: [{ file: 'prod/web/kustomization.yaml', message: 'apps "web", "api" in "prod": kustomize cannot build prod/web, so whether the image pinned here deploys cannot be told: accumulating resources: nope' }],
      rendered: 2,
    });
    // Each directory built once.
    expect(b.built.sort()).toEqual(['dev/web', 'prod/web']);
  });

  test('two apps in one kustomization: each judged against the same build', async () => {
    const pins = [target(), target({ app: 'api', entry: 'api', name: `${REG}/api`, field: 'images[1].name', line: 11 })];
    const b = builder({ 'prod/web': { output: deployment(`${REG}/web:1.0.0@${D}`, 'api:1') } });
    const { problems, rendered } = await renderedPinProblems(pins, b);
    expect(rendered).toBe(1);
    expect(problems.map((p) => [p.field, p.message.slice(0, 30)])).toEqual([['images[1].name', 'app "api" in "prod": kustomize']]);
  });

  test('a kustomization at the root of the repository', async () => {
    const b = builder({ '': { error: 'boom' } });
    const { problems } = await renderedPinProblems([target({ file: 'kustomization.yaml' })], b);
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
