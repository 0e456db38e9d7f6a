import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { configLocator, locatedParse } from '../../actions/src/core/config-located.js';
import { assertImageForApp, findApp, findEnvironment, manifestPath, parseConfig, type AppConfig, type FerryConfig, type PinConfig } from '../../actions/src/core/config.js';
import { ConfigurationError, formatProblem } from '../../actions/src/core/errors.js';

/** Strips the first newline and the common indentation, so YAML can be written inline. */
function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\n\s*$/, '\n').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0));
  return lines.map((l) => l.slice(indent)).join('\n');
}

function indent(text: string, by: number): string {
  return dedent(text)
    .split('\n')
    .map((l) => (l ? ' '.repeat(by) + l : l))
    .join('\n');
}

const REGISTRY = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
const DNS = "a DNS label (lowercase letters, digits and '-', at most 63)";
const PATH_HINT = 'expected a path relative to the repository root that stays inside it';

/** Three environments (lines 1-8), then `apps:` entries from line 9 (`- ` at column 3, keys at column 5). */
function withApps(apps: string): string {
  const header = 'registry: r.example.com\nenvironments:\n  - name: dev\n  - name: stage\n    promoteFrom: dev\n  - name: prod\n    promoteFrom: stage\napps:\n';
  return header + indent(apps, 2);
}

/** A registry and no apps (lines 1-3), then `environments:` entries from line 4. */
function withEnvs(envs: string): string {
  return `registry: r.example.com\napps: []\nenvironments:\n${indent(envs, 2)}`;
}

const APP = dedent(`
  - name: user-service
    image: user-service
    manifest: "{env}/user-service/kustomization.yaml"
`);

/** The formatted problems `parseConfig` throws (`file:line:col: field: message`), or [] when it returns. */
async function problemsOf(text: string): Promise<string[]> {
  try {
    await parseConfig(text);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigurationError)) throw err;
    return err.problems.map(formatProblem);
  }
}

const kustomize = (name: string): PinConfig => ({ kind: 'kustomize', name });

describe('parseConfig accepts', () => {
  const template = dedent(`
    registry: ${REGISTRY}   # required
    environments:
      - name: dev
      - name: stage
        promoteFrom: dev
        gates: { soak: 30m, analysis: [http-success-rate, http-latency-p95] }
      - name: prod
        promoteFrom: stage
        gates: { soak: 2h, analysis: [http-success-rate], approvals: 1 }
    apps:
      - name: user-service
        image: user-service
        manifest: "{env}/user-service/kustomization.yaml"
  `);

  test.each<[string, string, Omit<FerryConfig, 'file'>]>([
    [
      'the documented shape',
      template,
      {
        registry: REGISTRY,
        environments: [
          { name: 'dev' },
          { name: 'stage', promoteFrom: 'dev', gates: { soak: '30m', analysis: ['http-success-rate', 'http-latency-p95'] } },
          { name: 'prod', promoteFrom: 'stage', gates: { soak: '2h', analysis: ['http-success-rate'], approvals: 1 } },
        ],
        apps: [{ name: 'user-service', registry: REGISTRY, image: 'user-service', manifest: '{env}/user-service/kustomization.yaml', pin: kustomize('user-service') }],
      },
    ],
    ['a minimal config', 'registry: localhost:5000\nenvironments: [{ name: dev }]\napps: []\n', { registry: 'localhost:5000', environments: [{ name: 'dev' }], apps: [] }],
    [
      'a per-app registry, {app}, and an explicit kustomize name',
      withApps(`
        - name: billing
          image: team/billing
          registry: other.example.com:5000
          manifest: "{env}/{app}/kustomization.yml"
          kustomize: { name: billing-image }
      `),
      {
        registry: 'r.example.com',
        environments: [{ name: 'dev' }, { name: 'stage', promoteFrom: 'dev' }, { name: 'prod', promoteFrom: 'stage' }],
        apps: [{ name: 'billing', registry: 'other.example.com:5000', image: 'team/billing', manifest: '{env}/{app}/kustomization.yml', pin: kustomize('billing-image') }],
      },
    ],
  ])('%s', async (_title, text, expected) => {
    expect(await parseConfig(text)).toEqual({ file: 'ferry.yaml', ...expected });
  });

  test.each<[string, string, PinConfig]>([
    ['a kustomization.yaml: kustomize, named like the image', APP, kustomize('user-service')],
    ['a kustomization.yml', '- name: a\n  image: team/a\n  manifest: "{env}/a/kustomization.yml"\n', kustomize('team/a')],
    ['a Kustomization', '- name: a\n  image: a\n  manifest: "{env}/a/Kustomization"\n', kustomize('a')],
    ['kustomize: {} (named like the image)', '- name: a\n  image: img-a\n  manifest: "{env}/a/kustomization.yaml"\n  kustomize: {}\n', kustomize('img-a')],
    [
      'helm with all three paths',
      '- name: a\n  image: a\n  manifest: "{env}/a/values.yaml"\n  helm: { digest: image.digest, tag: image.tag, repository: image.repository }\n',
      { kind: 'helm', digest: 'image.digest', tag: 'image.tag', repository: 'image.repository' },
    ],
    ['helm with the digest only', '- name: a\n  image: a\n  manifest: "charts/a/values-{env}.yaml"\n  helm: { digest: a.image_digest }\n', { kind: 'helm', digest: 'a.image_digest' }],
    [
      'a container of a named Rollout',
      '- name: a\n  image: a\n  manifest: "{env}/a/rollout.yaml"\n  container: { name: app, resource: a, kind: Rollout }\n',
      { kind: 'container', container: 'app', resource: 'a', resourceKind: 'Rollout' },
    ],
    ['a container, wherever it is', '- name: a\n  image: a\n  manifest: "{env}/a.yaml"\n  container: { name: app }\n', { kind: 'container', container: 'app' }],
  ])('pin: %s', async (_title, app, pin) => {
    expect((await parseConfig(withApps(app))).apps[0]?.pin).toEqual(pin);
  });

  test.each(['45s', '30m', '2h', '1h30m', '1d', '1d2h3m4s', '0s'])('soak: %s', async (soak) => {
    expect((await parseConfig(withEnvs(`- name: dev\n- name: stage\n  promoteFrom: dev\n  gates: { soak: ${soak} }\n`))).environments[1]?.gates).toEqual({ soak });
  });

  test.each([
    ['two apps in one file with different images: entries', '- name: a\n  image: a\n  manifest: "{env}/kustomization.yaml"\n- name: b\n  image: b\n  manifest: "{env}/kustomization.yaml"\n'],
    ['two apps in one values file under different paths', '- name: a\n  image: a\n  manifest: "{env}/values.yaml"\n  helm: { digest: a.digest }\n- name: b\n  image: b\n  manifest: "{env}/values.yaml"\n  helm: { digest: b.digest }\n'],
    ['two containers of different workloads', '- name: a\n  image: a\n  manifest: "{env}/all.yaml"\n  container: { name: app, resource: a }\n- name: b\n  image: b\n  manifest: "{env}/all.yaml"\n  container: { name: app, resource: b }\n'],
    ['branching: two environments promoted from one', ''],
  ])('%s', async (title, apps) => {
    const text = title.startsWith('branching')
      ? withEnvs('- name: dev\n- name: prod-eu\n  promoteFrom: dev\n- name: prod-us\n  promoteFrom: dev\n')
      : withApps(apps);
    expect(await problemsOf(text)).toEqual([]);
  });

  test('names the file it was given', async () => {
    expect((await parseConfig('registry: r.example.com\nenvironments: [{ name: dev }]\napps: []\n', 'envs/ferry.yaml')).file).toBe('envs/ferry.yaml');
    expect((await problemsOf('registry: r.example.com\n'))[0]).toMatch(/^ferry\.yaml:1:1: /);
  });
});

describe('parseConfig refuses', () => {
  test('with one ConfigurationError whose problems carry file, line, column and field', async () => {
    let error: unknown;
    try {
      await parseConfig(withApps('- name: a\n  imagee: a\n  manifest: "{env}/a/kustomization.yaml"\n'), 'env/ferry.yaml');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems).toEqual([
      { file: 'env/ferry.yaml', line: 9, column: 5, field: 'apps[0]', message: 'missing required key "image" (required: name, image, manifest)' },
      { file: 'env/ferry.yaml', line: 10, column: 5, field: 'apps[0]', message: 'unknown key "imagee" (expected one of name, image, registry, manifest, kustomize, helm, container)' },
    ]);
    expect((error as Error).message).toBe(
      'env/ferry.yaml:9:5: apps[0]: missing required key "image" (required: name, image, manifest)\n' +
        'env/ferry.yaml:10:5: apps[0]: unknown key "imagee" (expected one of name, image, registry, manifest, kustomize, helm, container)',
    );
  });

  test.each<[string, string, string[]]>([
    // The parser gives up where the text runs out (line 5 here); the error points at the quote that opens the value.
    ['an unclosed quote', 'registry: "abc\n', ['ferry.yaml:1:11: Missing closing "quote for the value that starts here']],
    ['an unclosed quote, lines before the end', 'environments:\n  - name: dev\nregistry: "r.example.com\napps: []\n', ['ferry.yaml:3:11: Missing closing "quote for the value that starts here']],
    ["an unclosed ' quote in a flow sequence", "registry: r.example.com\nenvironments: [ 'dev ]\napps: []\n", [
      "ferry.yaml:2:17: Missing closing 'quote for the value that starts here",
      'ferry.yaml:4:1: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]],
    ['an unclosed flow sequence', 'registry: r.example.com\nenvironments: [a\n', ['ferry.yaml:3:1: Flow sequence in block collection must be sufficiently indented and end with a ]']],
    ['a tab as indentation', 'registry: r.example.com\nenvironments:\n\t- name: dev\n', ['ferry.yaml:3:1: Tabs are not allowed as indentation']],
    ['two documents', 'registry: r.example.com\n---\napps: []\n', ['ferry.yaml:2:1: expected one YAML document, found more (a "---" line starts another)']],
    ['a duplicate key at the top', 'registry: a.example.com\nregistry: b.example.com\n', ['ferry.yaml:2:1: duplicate key "registry" (a key may appear once in a mapping)']],
    [
      'a duplicate key in an app',
      withApps('- name: a\n  image: a\n  image: b\n  manifest: "{env}/a/kustomization.yaml"\n'),
      ['ferry.yaml:11:5: apps[0]: duplicate key "image" (a key may appear once in a mapping)'],
    ],
  ])('YAML syntax: %s', async (_title, text, expected) => {
    expect(await problemsOf(text)).toEqual(expected);
  });

  test.each<[string, string, string[]]>([
    ['an empty file', '', ['ferry.yaml:1:1: expected a mapping with keys registry, environments, apps and optionally prometheus, found an empty document']],
    ['a list', '- dev\n', ['ferry.yaml:1:1: expected a mapping with keys registry, environments, apps and optionally prometheus, found a list']],
    [
      'a config with no key it needs',
      'registry: r.example.com\n',
      [
        'ferry.yaml:1:1: missing required key "environments" (required: registry, environments, apps)',
        'ferry.yaml:1:1: missing required key "apps" (required: registry, environments, apps)',
      ],
    ],
    ['no environments', 'registry: r.example.com\nenvironments: []\napps: []\n', ['ferry.yaml:2:15: environments: expected a non-empty list of environments, found an empty list']],
    ['environments as a mapping', 'registry: r.example.com\nenvironments: { dev: {} }\napps: []\n', ['ferry.yaml:2:15: environments: expected a non-empty list of environments, found a mapping']],
    [
      'apps that are not mappings: a type error each, nothing about pin keys',
      'registry: r.example.com\nenvironments: [{ name: dev }]\napps: [1, "x"]\n',
      ['ferry.yaml:3:8: apps[0]: expected a mapping with name, image and manifest, found the number 1', 'ferry.yaml:3:11: apps[1]: expected a mapping with name, image and manifest, found "x"'],
    ],
    [
      'apps left empty (null)',
      'registry: r.example.com\nenvironments: [{ name: dev }]\napps:\n',
      ['ferry.yaml:3:1: apps: expected a list of apps (apps: [] when there are none yet), found an empty value'],
    ],
    [
      'a registry that is a number',
      'registry: 5000\nenvironments: [{ name: dev }]\napps: []\n',
      ['ferry.yaml:1:11: registry: expected a registry host with an optional port and nothing else (like 123456789012.dkr.ecr.eu-central-1.amazonaws.com or localhost:5000), found the number 5000'],
    ],
  ])('the top level: %s', async (_title, text, expected) => {
    expect(await problemsOf(text)).toEqual(expected);
  });

  test.each<[string, string, string[]]>([
    ['a name with capitals and _', '- name: Stage_1\n', [`ferry.yaml:4:11: environments[0].name: expected ${DNS}, found "Stage_1"`]],
    ['a name of 64 characters', `- name: ${'a'.repeat(64)}\n`, [`ferry.yaml:4:11: environments[0].name: expected ${DNS}, found "${'a'.repeat(64)}" (64 characters)`]],
    ['a name that ends with -', '- name: dev-\n', [`ferry.yaml:4:11: environments[0].name: expected ${DNS}, found "dev-"`]],
    ['a number as name', '- name: 1\n', [`ferry.yaml:4:11: environments[0].name: expected ${DNS}, found the number 1`]],
    ['an environment without name', '- promoteFrom: dev\n- name: dev\n', ['ferry.yaml:4:5: environments[0]: missing required key "name" (required: name)']],
    ['an environment that is a string', '- dev\n', ['ferry.yaml:4:5: environments[0]: expected a mapping with name and optionally promoteFrom and gates, found "dev"']],
    [
      'a promoteFrom that is not a name',
      '- name: dev\n- name: stage\n  promoteFrom: Dev\n',
      [`ferry.yaml:6:18: environments[1].promoteFrom: expected the name of another environment, ${DNS}, found "Dev"`],
    ],
    ['a soak without unit', '- name: root\n- name: dev\n  promoteFrom: root\n  gates: { soak: 30 }\n', ['ferry.yaml:7:20: environments[1].gates.soak: expected a duration like 45s, 30m, 2h, 1h30m or 1d, found the number 30']],
    ['a soak in words', '- name: root\n- name: dev\n  promoteFrom: root\n  gates: { soak: 30 minutes }\n', ['ferry.yaml:7:20: environments[1].gates.soak: expected a duration like 45s, 30m, 2h, 1h30m or 1d, found "30 minutes"']],
    ['a soak with units out of order', '- name: root\n- name: dev\n  promoteFrom: root\n  gates: { soak: 30m1h }\n', ['ferry.yaml:7:20: environments[1].gates.soak: expected a duration like 45s, 30m, 2h, 1h30m or 1d, found "30m1h"']],
    ['approvals below 0', '- name: root\n- name: dev\n  promoteFrom: root\n  gates: { approvals: -1 }\n', ['ferry.yaml:7:25: environments[1].gates.approvals: expected a whole number of approvals, 0 or more, found the number -1']],
    ['approvals not whole', '- name: root\n- name: dev\n  promoteFrom: root\n  gates: { approvals: 1.5 }\n', ['ferry.yaml:7:25: environments[1].gates.approvals: expected a whole number of approvals, 0 or more, found the number 1.5']],
    ['analysis as a string', '- name: root\n- name: dev\n  promoteFrom: root\n  gates: { analysis: http-success-rate }\n', ['ferry.yaml:7:24: environments[1].gates.analysis: expected a list of analysis template names, found "http-success-rate"']],
    ['an analysis name that is not a DNS label', '- name: root\n- name: dev\n  promoteFrom: root\n  gates: { analysis: [ok, Not_OK] }\n', [`ferry.yaml:7:29: environments[1].gates.analysis[1]: expected the name of an analysis template, ${DNS}, found "Not_OK"`]],
    ['an analysis listed twice', '- name: root\n- name: dev\n  promoteFrom: root\n  gates:\n    analysis: [a, b, a]\n', ['ferry.yaml:8:24: environments[1].gates.analysis[2]: "a" is listed twice (also at [0])']],
    ['gates left empty (null)', '- name: dev\n  gates:\n', ['ferry.yaml:5:5: environments[0].gates: expected a mapping with soak, analysis, compare, approvals and freeze (each optional), found an empty value']],
    ['a compare with no metrics', '- name: root\n- name: dev\n  promoteFrom: root\n  gates: { compare: { metrics: [] } }\n', ['ferry.yaml:7:34: environments[1].gates.compare.metrics: expected a non-empty list of metrics to compare, found an empty list']],
    ['a compare direction that is not one', '- name: root\n- name: dev\n  promoteFrom: root\n  gates:\n    compare:\n      metrics: [{ template: t, metric: m, direction: up }]\n', ['ferry.yaml:9:56: environments[1].gates.compare.metrics[0].direction: expected increase, decrease or either (the change that is bad), found "up"']],
    ['a compare confidence of 1', '- name: root\n- name: dev\n  promoteFrom: root\n  gates:\n    compare:\n      metrics: [{ template: t, metric: m, direction: increase, confidence: 1 }]\n', ['ferry.yaml:9:78: environments[1].gates.compare.metrics[0].confidence: expected a number between 0 and 1, like 0.95, found the number 1']],
    ['a marginal score above pass', '- name: root\n- name: dev\n  promoteFrom: root\n  gates:\n    compare:\n      pass: 80\n      marginal: 90\n      metrics: [{ template: t, metric: m, direction: increase }]\n', ['ferry.yaml:10:19: environments[1].gates.compare.marginal: expected a score at most pass (80), found 90']],
  ])('an environment: %s', async (_title, envs, expected) => {
    expect(await problemsOf(withEnvs(envs))).toEqual(expected);
  });

  test.each<[string, string, string[]]>([
    ['at the top', withEnvs('- name: dev\n') + 'registries: []\n', ['ferry.yaml:5:1: unknown key "registries" (expected one of registry, environments, apps, prometheus)']],
    ['in an environment', withEnvs('- name: dev\n  promote_from: x\n'), ['ferry.yaml:5:5: environments[0]: unknown key "promote_from" (expected one of name, promoteFrom, gates)']],
    ['in gates', withEnvs('- name: root\n- name: dev\n  promoteFrom: root\n  gates: { soak: 1h, approval: 1 }\n'), ['ferry.yaml:7:24: environments[1].gates: unknown key "approval" (expected one of soak, analysis, compare, approvals, freeze)']],
    ['in an app', withApps(`${APP}  imagee: x\n`), ['ferry.yaml:12:5: apps[0]: unknown key "imagee" (expected one of name, image, registry, manifest, kustomize, helm, container)']],
    ['in kustomize', withApps(`${APP}  kustomize: { name: a, newTag: x }\n`), ['ferry.yaml:12:27: apps[0].kustomize: unknown key "newTag" (expected one of name)']],
    ['in helm', withApps('- name: a\n  image: a\n  manifest: "{env}/values.yaml"\n  helm: { digest: d, tags: t }\n'), ['ferry.yaml:12:24: apps[0].helm: unknown key "tags" (expected one of digest, tag, repository)']],
    [
      'in container',
      withApps('- name: a\n  image: a\n  manifest: "{env}/a.yaml"\n  container:\n    name: app\n    namespace: x\n'),
      ['ferry.yaml:14:7: apps[0].container: unknown key "namespace" (expected one of name, resource, kind)'],
    ],
  ])('an unknown key %s', async (_title, text, expected) => {
    expect(await problemsOf(text)).toEqual(expected);
  });

  test.each<[string, string, string[]]>([
    [
      'an app with only a name',
      '- name: a\n',
      ['ferry.yaml:9:5: apps[0]: missing required key "image" (required: name, image, manifest)', 'ferry.yaml:9:5: apps[0]: missing required key "manifest" (required: name, image, manifest)'],
    ],
    ['an app name that is not a DNS label', '- name: User Service\n  image: a\n  manifest: "{env}/a/kustomization.yaml"\n', [`ferry.yaml:9:11: apps[0].name: expected ${DNS}, found "User Service"`]],
    [
      'an image with capitals',
      '- name: a\n  image: User_Service\n  manifest: "{env}/a/kustomization.yaml"\n',
      ["ferry.yaml:10:12: apps[0].image: expected an image repository under the registry: lowercase path components separated by '/' (like user-service or team/user-service), found \"User_Service\""],
    ],
    ['an image with a tag', '- name: a\n  image: a:1.0\n  manifest: "{env}/a/kustomization.yaml"\n', ['ferry.yaml:10:12: apps[0].image: expected a repository without tag or digest (Ferry pins those), found "a:1.0"']],
    [
      'an image that repeats the registry',
      '- name: a\n  image: r.example.com/team/a\n  manifest: "{env}/a/kustomization.yaml"\n',
      ['ferry.yaml:10:12: apps[0].image: expected the repository under the registry, without the registry, found "r.example.com/team/a" (write "team/a")'],
    ],
    [
      'a per-app registry that is not a host',
      '- name: a\n  image: a\n  registry: https://r.example.com/v2\n  manifest: "{env}/a/kustomization.yaml"\n',
      ['ferry.yaml:11:15: apps[0].registry: expected a registry host with an optional port and nothing else (like 123456789012.dkr.ecr.eu-central-1.amazonaws.com or localhost:5000), found "https://r.example.com/v2"'],
    ],
    [
      'two pin keys',
      '- name: a\n  image: a\n  manifest: "{env}/values.yaml"\n  kustomize: { name: a }\n  helm: { digest: image.digest }\n',
      ['ferry.yaml:13:5: apps[0]: set at most one of kustomize, helm and container, found kustomize and helm'],
    ],
    ['helm without digest', '- name: a\n  image: a\n  manifest: "{env}/values.yaml"\n  helm: { tag: image.tag }\n', ['ferry.yaml:12:11: apps[0].helm: missing required key "digest" (required: digest)']],
    [
      'a helm path that is not dotted',
      '- name: a\n  image: a\n  manifest: "{env}/values.yaml"\n  helm: { digest: "image..digest" }\n',
      ['ferry.yaml:12:21: apps[0].helm.digest: expected a dotted path into the values file, like image.digest, found "image..digest"'],
    ],
    [
      'helm digest and tag at one path',
      '- name: a\n  image: a\n  manifest: "{env}/values.yaml"\n  helm: { digest: image.x, tag: image.x }\n',
      ['ferry.yaml:12:11: apps[0].helm: expected different paths for digest, tag and repository, found "image.x", "image.x"'],
    ],
    [
      'a container of an unknown kind',
      '- name: a\n  image: a\n  manifest: "{env}/a.yaml"\n  container: { name: app, kind: Pod }\n',
      ['ferry.yaml:12:35: apps[0].container.kind: expected one of Deployment, StatefulSet, DaemonSet, Rollout, found "Pod"'],
    ],
    [
      'values.yaml with no pin key',
      '- name: a\n  image: a\n  manifest: "{env}/a/values.yaml"\n',
      ['ferry.yaml:9:5: apps[0]: cannot tell where the image is pinned in "values.yaml" (not a kustomization file): add helm: { digest: <dotted path of the digest value, like image.digest> }'],
    ],
    [
      'deployment.yaml with no pin key',
      '- name: a\n  image: a\n  manifest: "{env}/a/deployment.yaml"\n',
      ['ferry.yaml:9:5: apps[0]: cannot tell where the image is pinned in "deployment.yaml" (not a kustomization file): add kustomize: { name: <images: entry> }, helm: { digest: <dotted path> } or container: { name: <container name> }'],
    ],
  ])('an app: %s', async (_title, apps, expected) => {
    expect(await problemsOf(withApps(apps))).toEqual(expected);
  });

  test.each<[string, string, string]>([
    ['../x/{env}.yaml', '../x/{env}.yaml', `"../x/{env}.yaml" leaves the repository (a ".." segment); ${PATH_HINT}, like "{env}/a/kustomization.yaml"`],
    ['/etc/{env}', '/etc/{env}', `"/etc/{env}" is an absolute path; ${PATH_HINT}, like "{env}/a/kustomization.yaml"`],
    ['{env}/../../x', '{env}/../../x', `"{env}/../../x" leaves the repository (a ".." segment); ${PATH_HINT}, like "{env}/a/kustomization.yaml"`],
    ['a\\{env}', 'a\\\\{env}', `"a\\\\{env}" contains a backslash (directories are separated by "/"); ${PATH_HINT}, like "{env}/a/kustomization.yaml"`],
    ['{env}//kustomization.yaml', '{env}//kustomization.yaml', `"{env}//kustomization.yaml" has an empty segment ("//", or a "/" at the end); ${PATH_HINT}, like "{env}/a/kustomization.yaml"`],
    ['{env}/', '{env}/', `"{env}/" has an empty segment ("//", or a "/" at the end); ${PATH_HINT}, like "{env}/a/kustomization.yaml"`],
    ['./{env}/kustomization.yaml', './{env}/kustomization.yaml', `"./{env}/kustomization.yaml" has a "." segment; ${PATH_HINT}, like "{env}/a/kustomization.yaml"`],
    ['.git/{env}/kustomization.yaml', '.git/{env}/kustomization.yaml', `".git/{env}/kustomization.yaml" is inside .git/; ${PATH_HINT}, like "{env}/a/kustomization.yaml"`],
    ['{env}/.GIT/kustomization.yaml', '{env}/.GIT/kustomization.yaml', `"{env}/.GIT/kustomization.yaml" is inside .git/; ${PATH_HINT}, like "{env}/a/kustomization.yaml"`],
    ['a NUL byte', '{env}/\\0/kustomization.yaml', `"{env}/\\u0000/kustomization.yaml" contains a control character; ${PATH_HINT}, like "{env}/a/kustomization.yaml"`],
    ['a new line', '{env}/a\\n/kustomization.yaml', `"{env}/a\\n/kustomization.yaml" contains a control character; ${PATH_HINT}, like "{env}/a/kustomization.yaml"`],
    ['an unknown placeholder', '{env}/{foo}/kustomization.yaml', 'unknown placeholder "{foo}" in "{env}/{foo}/kustomization.yaml" (expected {env} and {app})'],
    ['{ENV}', '{env}/{ENV}.yaml', 'unknown placeholder "{ENV}" in "{env}/{ENV}.yaml" (expected {env} and {app})'],
    ['a stray brace', '{env}/{app/kustomization.yaml', '"{env}/{app/kustomization.yaml" has a "{" or "}" that is not part of a placeholder (expected {env} and {app})'],
    ['no {env}', 'shared/{app}/kustomization.yaml', '"shared/{app}/kustomization.yaml" has no {env}: expected a path with one file per environment, like "{env}/a/kustomization.yaml"'],
  ])('a manifest path: %s', async (_title, manifest, message) => {
    // Double-quoted YAML: `manifest` is written with YAML escapes.
    expect(await problemsOf(withApps(`- name: a\n  image: a\n  manifest: "${manifest}"\n`))).toEqual([`ferry.yaml:11:15: apps[0].manifest: ${message}`]);
  });

  test('a manifest path that is wrong in several ways, one problem each', async () => {
    expect(await problemsOf(withApps('- name: a\n  image: a\n  manifest: "/{x}/../y"\n'))).toEqual([
      'ferry.yaml:11:15: apps[0].manifest: unknown placeholder "{x}" in "/{x}/../y" (expected {env} and {app})',
      'ferry.yaml:11:15: apps[0].manifest: "/{x}/../y" has no {env}: expected a path with one file per environment, like "{env}/a/kustomization.yaml"',
      `ferry.yaml:11:15: apps[0].manifest: "/{x}/../y" is an absolute path; ${PATH_HINT}, like "{env}/a/kustomization.yaml"`,
      `ferry.yaml:11:15: apps[0].manifest: "/{x}/../y" leaves the repository (a ".." segment); ${PATH_HINT}, like "{env}/a/kustomization.yaml"`,
    ]);
  });

  test.each<[string, string, string[]]>([
    ['an environment named twice', '- name: dev\n- name: stage\n  promoteFrom: dev\n- name: dev\n  promoteFrom: stage\n', ['ferry.yaml:7:11: environments[2].name: duplicate environment name "dev" (also environments[0])']],
    // (Not also told that the second has no promoteFrom "and neither has dev": it is the same name.)
    ['an environment named twice, neither with promoteFrom', '- name: dev\n- name: dev\n', ['ferry.yaml:5:11: environments[1].name: duplicate environment name "dev" (also environments[0])']],
    [
      'a promoteFrom that names no environment',
      '- name: dev\n- name: stage\n  promoteFrom: qa\n',
      ['ferry.yaml:6:18: environments[1].promoteFrom: no environment named "qa" (environments: dev, stage)'],
    ],
    ['an environment that promotes from itself', '- name: dev\n- name: stage\n  promoteFrom: stage\n', ['ferry.yaml:6:18: environments[1].promoteFrom: environment "stage" cannot promote from itself']],
    [
      'two first environments',
      '- name: dev\n- name: stage\n- name: prod\n  promoteFrom: stage\n',
      ['ferry.yaml:5:5: environments[1]: "stage" has no promoteFrom, and neither has "dev" (environments[0]); exactly one environment may have none: add promoteFrom to say which environment "stage" is promoted from'],
    ],
    [
      'a cycle of two, and so no first environment',
      '- name: dev\n  promoteFrom: stage\n- name: stage\n  promoteFrom: dev\n',
      [
        'ferry.yaml:4:3: environments: every environment has promoteFrom; exactly one, the one new images land in, must have none',
        'ferry.yaml:5:18: environments[0].promoteFrom: promoteFrom makes a cycle: dev -> stage -> dev (the environments must form one pipeline from a single first environment)',
      ],
    ],
    [
      'a cycle of three beside a first environment',
      '- name: dev\n- name: a\n  promoteFrom: c\n- name: b\n  promoteFrom: a\n- name: c\n  promoteFrom: b\n',
      ['ferry.yaml:6:18: environments[1].promoteFrom: promoteFrom makes a cycle: a -> b -> c -> a (the environments must form one pipeline from a single first environment)'],
    ],
  ])('environments: %s', async (_title, envs, expected) => {
    expect(await problemsOf(withEnvs(envs))).toEqual(expected);
  });

  test.each<[string, string, string[]]>([
    ['a registry with a scheme', 'registry: https://r.example.com\nenvironments: [{ name: dev }]\napps: []\n', ['ferry.yaml:1:11: registry: expected a registry host with an optional port and nothing else (like 123456789012.dkr.ecr.eu-central-1.amazonaws.com or localhost:5000), found "https://r.example.com"']],
    ['a registry without dot or port', 'registry: myregistry\nenvironments: [{ name: dev }]\napps: []\n', ['ferry.yaml:1:11: registry: expected a registry host with an optional port and nothing else (like 123456789012.dkr.ecr.eu-central-1.amazonaws.com or localhost:5000), found "myregistry"']],
  ])('the registry: %s', async (_title, text, expected) => {
    expect(await problemsOf(text)).toEqual(expected);
  });

  test.each<[string, string, string[]]>([
    ['an app named twice', `${APP}${APP}`, ['ferry.yaml:12:11: apps[1].name: duplicate app name "user-service" (also apps[0])']],
    [
      'two apps pinning one images: entry',
      '- name: a\n  image: shared\n  manifest: "{env}/kustomization.yaml"\n- name: b\n  image: shared\n  manifest: "{env}/kustomization.yaml"\n',
      ['ferry.yaml:14:15: apps[1].manifest: apps[1] ("b") and apps[0] ("a") both pin the images: entry "shared" in "dev/kustomization.yaml"; give each app its own file or its own pin'],
    ],
    [
      'two apps whose templates meet in one file',
      '- name: a\n  image: a\n  manifest: "{env}/a.yaml"\n  container: { name: app }\n- name: b\n  image: b\n  manifest: "{env}/{app}.yaml"\n  container: { name: app, kind: Deployment }\n',
      [],
    ],
    [
      'an app whose fixed file is the one another app gets from {app}',
      '- name: b\n  image: b\n  manifest: "{env}/{app}.yaml"\n  container: { name: app }\n- name: a\n  image: a\n  manifest: "{env}/b.yaml"\n  container: { name: app }\n',
      ['ferry.yaml:15:15: apps[1].manifest: apps[1] ("a") and apps[0] ("b") both pin the container "app" in "dev/b.yaml"; give each app its own file or its own pin'],
    ],
    [
      'many apps of one template with {app}, pinning the same images: entry name, each in its own file',
      Array.from({ length: 5 }, (_, i) => `- name: app-${i}\n  image: app-${i}\n  manifest: "{env}/{app}/kustomization.yaml"\n  kustomize: { name: shared }\n`).join(''),
      [],
    ],
    [
      'two apps pinning one container',
      '- name: a\n  image: a\n  manifest: "{env}/all.yaml"\n  container: { name: app }\n- name: b\n  image: b\n  manifest: "{env}/all.yaml"\n  container: { name: app, kind: Deployment }\n',
      ['ferry.yaml:15:15: apps[1].manifest: apps[1] ("b") and apps[0] ("a") both pin the container "app" in "dev/all.yaml"; give each app its own file or its own pin'],
    ],
    [
      'two apps pinning overlapping helm values',
      '- name: a\n  image: a\n  manifest: "{env}/values.yaml"\n  helm: { digest: image.digest }\n- name: b\n  image: b\n  manifest: "{env}/values.yaml"\n  helm: { digest: image.digest.value }\n',
      ['ferry.yaml:15:15: apps[1].manifest: apps[1] ("b") and apps[0] ("a") both pin the value "image.digest" in "dev/values.yaml"; give each app its own file or its own pin'],
    ],
  ])('apps: %s', async (_title, apps, expected) => {
    expect(await problemsOf(withApps(apps))).toEqual(expected);
  });

  test('every problem at once, in file order, each once', async () => {
    const text = dedent(`
      registry: localhost
      environments:
        - name: dev
          gates: { soak: soon }
        - name: Stage
          promoteFrom: dev
        - name: prod
          promoteFrom: qa
      apps:
        - name: a
          image: A
          manifest: "../{env}/a/kustomization.yaml"
          color: blue
    `);
    expect(await problemsOf(text)).toEqual([
      'ferry.yaml:4:12: environments[0].gates: "dev" is the first environment (no promoteFrom): ferry bump pins it directly and no promotion lands in it, so its gates would never be checked: put them on an environment promoted from it, or remove them (found soak)',
      'ferry.yaml:4:20: environments[0].gates.soak: expected a duration like 45s, 30m, 2h, 1h30m or 1d, found "soon"',
      `ferry.yaml:5:11: environments[1].name: expected ${DNS}, found "Stage"`,
      'ferry.yaml:8:18: environments[2].promoteFrom: no environment named "qa" (environments: dev, Stage, prod)',
      "ferry.yaml:11:12: apps[0].image: expected an image repository under the registry: lowercase path components separated by '/' (like user-service or team/user-service), found \"A\"",
      `ferry.yaml:12:15: apps[0].manifest: "../{env}/a/kustomization.yaml" leaves the repository (a ".." segment); ${PATH_HINT}, like "{env}/a/kustomization.yaml"`,
      'ferry.yaml:13:5: apps[0]: unknown key "color" (expected one of name, image, registry, manifest, kustomize, helm, container)',
    ]);
  });
});

const lookupConfig = await parseConfig(
  withApps(`${APP}- name: billing\n  image: team/billing\n  registry: other.example.com\n  manifest: "clusters/{env}/{app}/values.yaml"\n  helm: { digest: image.digest }\n`),
);

describe('prometheus.bearerTokenEnv names a variable meant for Prometheus (PROMETHEUS_*), never the runner\'s, git\'s or Ferry\'s credentials', () => {
  // Whoever can push to the env repo chooses prometheus.address, so the token goes wherever they say.
  const withToken = (name: string) => `${withEnvs('- name: dev\n')}prometheus:\n  address: http://127.0.0.1:9090\n  bearerTokenEnv: ${name}\n`;
  const EXPECTED = "expected the name of an environment variable that starts with PROMETHEUS_, like PROMETHEUS_TOKEN (the token is sent to prometheus.address: ferry.yaml may name only a variable meant for Prometheus, never one holding the runner's, git's or Ferry's credentials, such as GITHUB_TOKEN, ACTIONS_RUNTIME_TOKEN, GIT_CONFIG_VALUE_0 or AWS_SECRET_ACCESS_KEY)";

  test.each([
    'GIT_CONFIG_VALUE_0', // the action's git credentials (an extraheader), as a security review sent them
    'GITHUB_TOKEN', 'ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'RUNNER_TEMP', 'INPUT_TOKEN',
    'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'NODE_OPTIONS', 'FERRY_SECRET_PROM_TOKEN', 'ENV_REPO_TOKEN',
    'PROM_TOKEN', 'prometheus_token', 'PROMETHEUS_', 'MY_PROMETHEUS_TOKEN',
  ])('%s: refused, at its line and field, saying which names are taken', async (name) => {
    expect(await problemsOf(withToken(name))).toEqual([`ferry.yaml:7:19: prometheus.bearerTokenEnv: ${EXPECTED}, found "${name}"`]);
  });

  test.each(['PROMETHEUS_TOKEN', 'PROMETHEUS_AMP_TOKEN_2', 'PROMETHEUS_token'])('%s: taken', async (name) => {
    const config = await parseConfig(withToken(name));
    expect(config.prometheus).toEqual({ address: 'http://127.0.0.1:9090', bearerTokenEnv: name });
    expect(config).toStrictEqual(locatedParse(withToken(name), 'ferry.yaml'));
  });
});

describe('lookups', () => {
  const config = lookupConfig;
  const [userService, billing] = config.apps as [AppConfig, AppConfig];

  test.each([
    ['user-service', 'dev', 'dev/user-service/kustomization.yaml'],
    ['user-service', 'prod', 'prod/user-service/kustomization.yaml'],
    ['billing', 'stage', 'clusters/stage/billing/values.yaml'],
  ])('manifestPath(%s, %s) = %s', (app, env, path) => {
    expect(manifestPath(findApp(config, app), env)).toBe(path);
  });

  test('manifestPath refuses an environment name that is not a DNS label', () => {
    expect(() => manifestPath(userService, '../etc')).toThrow(
      new ConfigurationError({ field: 'env', message: `expected an environment name, ${DNS}, found "../etc"` }),
    );
  });

  test('findEnvironment and findApp find by name', () => {
    expect(findEnvironment(config, 'stage')).toEqual({ name: 'stage', promoteFrom: 'dev' });
    expect(findApp(config, 'billing')).toBe(billing);
  });

  test.each<[string, () => unknown, string]>([
    ['an unknown environment', () => findEnvironment(config, 'qa'), 'env: no environment "qa" in ferry.yaml (environments: dev, stage, prod)'],
    ['an unknown app', () => findApp(config, 'users'), 'app: no app "users" in ferry.yaml (apps: user-service, billing)'],
    ['an app when there are none', () => findApp({ ...config, apps: [] }, 'users'), 'app: no app "users" in ferry.yaml (apps: none)'],
    // (A Cyrillic е that looks like an e: written out, not shown as the name it looks like.)
    ['an app name with a look-alike letter', () => findApp(config, 'user-servic\u0435'), 'app: no app "user-servic\\u0435" in ferry.yaml (apps: user-service, billing)'],
    ['an environment name with a look-alike letter', () => findEnvironment(config, 'pr\u043Ed'), 'env: no environment "pr\\u043ed" in ferry.yaml (environments: dev, stage, prod)'],
  ])('%s is a ConfigurationError', (_title, call, message) => {
    expect(call).toThrow(ConfigurationError);
    expect(call).toThrow(message);
  });

  const digest = `sha256:${'a'.repeat(64)}`;
  test.each<[string, { registry: string; repository: string }, AppConfig, string | undefined]>([
    ['the app\'s image', { registry: 'r.example.com', repository: 'user-service' }, userService, undefined],
    ['a per-app registry', { registry: 'other.example.com', repository: 'team/billing' }, billing, undefined],
    ['another repository', { registry: 'r.example.com', repository: 'order-service' }, userService, 'expected an image of app "user-service" ("r.example.com/user-service"), found "r.example.com/order-service"'],
    ['another registry', { registry: 'r.example.com', repository: 'team/billing' }, billing, 'expected an image of app "billing" ("other.example.com/team/billing"), found "r.example.com/team/billing"'],
    ['the registry in capitals', { registry: 'R.Example.COM', repository: 'user-service' }, userService, 'expected an image of app "user-service" ("r.example.com/user-service"), found "R.Example.COM/user-service": write the registry host in lowercase, as ferry.yaml has it'],
  ])('assertImageForApp: %s', (_title, ref, app, message) => {
    const call = () => assertImageForApp({ ...ref, tag: '1.0.0', digest }, app);
    if (message === undefined) expect(call).not.toThrow();
    else expect(call).toThrow(new ConfigurationError({ field: 'image', message }));
  });

  test('assertImageForApp names the field it was given', () => {
    expect(() => assertImageForApp({ registry: 'r.example.com', repository: 'x', digest }, userService, 'images[0]')).toThrow(/^images\[0\]: expected an image of app "user-service"/);
  });
});

describe('parseConfig (js-yaml, no positions, when valid) agrees with locatedParse (yaml with positions, the authority)', () => {
  const template = readFileSync(new URL('../../environments/ferry.yaml', import.meta.url), 'utf8');

  /** What a parse gives: the config, or the problems of the ConfigurationError it throws. */
  async function outcome(parse: () => FerryConfig | Promise<FerryConfig>): Promise<{ config: FerryConfig } | { problems: string[] }> {
    try {
      return { config: await parse() };
    } catch (err) {
      if (!(err instanceof ConfigurationError)) throw err;
      return { problems: err.problems.map(formatProblem) };
    }
  }

  /** The outcomes of both paths on `text`; `quick` is parseConfig's. */
  async function both(text: string) {
    return { quick: await outcome(() => parseConfig(text)), located: await outcome(() => locatedParse(text, 'ferry.yaml')) };
  }

  const stagedEnvs = (gates: string) => `registry: r.example.com\nenvironments:\n  - name: dev\n  - name: stage\n    promoteFrom: dev\n    gates: ${gates}\napps: []\n`;

  test('the template environments/ferry.yaml', async () => {
    const located = locatedParse(template, 'ferry.yaml');
    expect(located.environments.map((e) => e.name)).toEqual(['dev', 'stage', 'prod']);
    expect(located.apps.map((a) => a.name)).toEqual(['user-service', 'order-service']);
    expect(await parseConfig(template)).toStrictEqual(located);
  });

  test.each<[string, string]>([
    ['the template with CRLF line endings', template.replaceAll('\n', '\r\n')],
    ['a helm pin with all three paths', withApps('- name: a\n  image: team/a\n  manifest: "charts/a/values-{env}.yaml"\n  helm: { digest: image.digest, tag: image.tag, repository: image.repository }\n')],
    ['a helm pin, block style', withApps('- name: a\n  image: a\n  manifest: "{env}/a/values.yaml"\n  helm:\n    digest: a.image.digest\n')],
    ['a container pin of a named workload', withApps('- name: a\n  image: a\n  manifest: "{env}/a/rollout.yaml"\n  container: { name: app, resource: a, kind: Rollout }\n')],
    ['a container pin, wherever it is', withApps('- name: a\n  image: a\n  manifest: "{env}/a.yaml"\n  container: { name: app }\n')],
    ['a per-app registry and {app}', withApps('- name: billing\n  image: team/billing\n  registry: other.example.com:5000\n  manifest: "{env}/{app}/kustomization.yml"\n  kustomize: { name: billing-image }\n')],
    ['prometheus and a baseline comparison', withEnvs('- name: dev\n- name: prod\n  promoteFrom: dev\n  gates:\n    analysis: [http-success-rate]\n    compare:\n      baseline: previous\n      window: 1h\n      pass: 90\n      marginal: 70\n      metrics:\n        - { template: http-latency-p95, metric: latency-p95, direction: increase, effectSize: 0.1, confidence: 0.99, weight: 2, critical: true }\n') + 'prometheus:\n  address: https://aps-workspaces.eu-central-1.amazonaws.com/workspaces/ws-1\n  bearerTokenEnv: PROMETHEUS_TOKEN\n  sigv4: { region: eu-central-1 }\n'],
    ['gates of every kind', withEnvs('- name: dev\n- name: stage\n  promoteFrom: dev\n  gates:\n    soak: 1h30m\n    analysis:\n      - http-success-rate\n      - http-latency-p95\n    approvals: 0\n- name: prod\n  promoteFrom: stage\n  gates: { approvals: 2, soak: 1d }\n')],
    [
      'quoted keys and values, flow style throughout',
      '{ "registry": \'localhost:5000\', "environments": [{ "name": "dev" }, { name: \'prod\', "promoteFrom": dev, gates: { "soak": "2h", analysis: ["x-y"] } }], apps: [{ name: "a", image: \'a\', manifest: \'{env}/a/kustomization.yaml\' }] }\n',
    ],
    ['JSON', JSON.stringify({ registry: 'localhost:5000', environments: [{ name: 'dev' }], apps: [{ name: 'a', image: 'a', manifest: '{env}/a/kustomization.yaml' }] }, null, 2)],
    [
      'comments on every line, a document marker and an end marker',
      '# head\n---\nregistry: r.example.com # the registry\n# between\nenvironments: # envs\n  - name: dev # first\n    # inside\n  - name: prod\n    promoteFrom: dev # from dev\napps: # none yet\n  - name: a # app\n    image: a\n    manifest: "{env}/a/kustomization.yaml" # quoted, with a # inside: "#"\n...\n# tail\n',
    ],
    ['CRLF line endings with a helm pin and gates', stagedEnvs('{ soak: 30m, approvals: 1 }').replace('apps: []\n', 'apps:\n  - name: a\n    image: a\n    manifest: "{env}/a/values.yaml"\n    helm: { digest: image.digest }\n').replaceAll('\n', '\r\n')],
    ['a folded block scalar and a literal one', withApps('- name: a\n  image: a\n  manifest: >-\n    {env}/a/kustomization.yaml\n- name: b\n  image: b\n  manifest: |-\n    {env}/b/kustomization.yaml\n')],
    ['a byte order mark and tabs in comments', `\ufeff${template.replaceAll('# ', '#\t')}`],
  ])('%s', async (_title, text) => {
    const located = locatedParse(text, 'ferry.yaml');
    expect(await parseConfig(text)).toStrictEqual(located);
  });

  const expandedGates = stagedEnvs('{ soak: 30m, analysis: [http-success-rate], approvals: 1 }').replace(
    'apps: []\n',
    '  - name: prod\n    promoteFrom: stage\n    gates: { soak: 30m, analysis: [http-success-rate], approvals: 1 }\napps: []\n',
  );

  test.each<[string, string]>([
    ['a shared gates mapping (&g, *g)', stagedEnvs('&g { soak: 30m, analysis: [http-success-rate], approvals: 1 }').replace('apps: []\n', '  - name: prod\n    promoteFrom: stage\n    gates: *g\napps: []\n')],
    ['a shared analysis list', stagedEnvs('{ soak: 30m, analysis: &a [http-success-rate], approvals: 1 }').replace('apps: []\n', '  - name: prod\n    promoteFrom: stage\n    gates: { soak: 30m, analysis: *a, approvals: 1 }\napps: []\n')],
    ['shared scalars (names, a soak)', 'registry: r.example.com\nenvironments:\n  - name: &dev dev\n  - name: &stage stage\n    promoteFrom: *dev\n    gates: { soak: &soak 30m, analysis: [http-success-rate], approvals: 1 }\n  - name: prod\n    promoteFrom: *stage\n    gates: { soak: *soak, analysis: [http-success-rate], approvals: 1 }\napps: []\n'],
  ])('aliases: %s give the config of the same text expanded by hand', async (_title, aliased) => {
    const expected = await parseConfig(expandedGates);
    expect(expected.environments[2]).toEqual({ name: 'prod', promoteFrom: 'stage', gates: { soak: '30m', analysis: ['http-success-rate'], approvals: 1 } });
    expect(await parseConfig(aliased)).toStrictEqual(expected);
    expect(locatedParse(aliased, 'ferry.yaml')).toStrictEqual(expected);
  });

  test('an alias bomb (a billion strings from ten lines) is refused at once with a ConfigurationError', { timeout: 5_000 }, async () => {
    const levels = ['b0: &b0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) levels.push(`b${i}: &b${i} [${Array<string>(10).fill(`*b${i - 1}`).join(', ')}]`);
    const text = `registry: r.example.com\n${levels.join('\n')}\nenvironments: [{ name: dev, gates: { analysis: *b9 } }]\napps: []\n`;
    // Named at the alias that brings the values in past a million: the 8th *b4 of line 7 (b5).
    const refusal = { problems: ['ferry.yaml:7:45: cannot read the YAML: with this alias (*b4), its aliases bring in more than 1,000,000 values, far beyond what its text holds: a document that expands so is refused as a resource exhaustion attack'] };
    expect(await both(text)).toEqual({ quick: refusal, located: refusal });
    await expect(parseConfig(text)).rejects.toThrow(ConfigurationError);
  });

  test('an alias bomb of wide mappings (a mapping of 1,000 keys aliased 1,000 times) is refused too, at its alias', { timeout: 5_000 }, async () => {
    const wide = `{ ${Array.from({ length: 1000 }, (_, i) => `k${i}: v`).join(', ')} }`;
    const text = `registry: r.example.com\nenvironments:\n  - name: dev\n  - name: prod\n    promoteFrom: dev\n    gates: &w ${wide}\napps: []\nx: [${Array<string>(1000).fill('*w').join(', ')}]\n`;
    const { quick, located } = await both(text);
    expect(quick).toStrictEqual(located);
    // 2,001 values each: the 500th alias passes a million.
    expect(located).toEqual({ problems: [expect.stringMatching(/^ferry\.yaml:8:2001: cannot read the YAML: with this alias \(\*w\), its aliases bring in more than 1,000,000 values/)] });
  });

  test('CR line endings (old Mac): read as line breaks on both paths (YAML 1.2), a problem located at its line and column', async () => {
    const cr = template.replaceAll('\n', '\r');
    expect(await parseConfig(cr)).toStrictEqual(await parseConfig(template));
    expect(locatedParse(cr, 'ferry.yaml')).toStrictEqual(locatedParse(template, 'ferry.yaml'));
    const line = template.split('\n').findIndex((l) => l.includes('soak: 2h')) + 1;
    const refusal = { problems: [`ferry.yaml:${line}:13: environments[2].gates.soak: expected a duration like 45s, 30m, 2h, 1h30m or 1d, found "2x"`] };
    expect(await both(template.replace('soak: 2h', 'soak: 2x'))).toEqual({ quick: refusal, located: refusal });
    expect(await both(cr.replace('soak: 2h', 'soak: 2x'))).toEqual({ quick: refusal, located: refusal });
    // (What validate warns of in a valid ferry.yaml is located the same way.)
    expect(configLocator(cr)(['environments', 2, 'gates', 'soak'])).toEqual({ line, column: 13 });
  });

  test('5,000 apps sharing a helm mapping through an alias (&h, then *h) are read, as the same text expanded by hand', async () => {
    const helm = '{ digest: image.digest, tag: image.tag }';
    const apps = (shared: boolean) => `registry: r.example.com\nenvironments: [{ name: dev }]\napps:\n${Array.from({ length: 5000 }, (_, i) => `  - { name: a${i}, image: a${i}, manifest: "{env}/{app}/values.yaml", helm: ${!shared ? helm : i ? '*h' : `&h ${helm}`} }\n`).join('')}`;
    const config = await parseConfig(apps(true));
    expect(config.apps).toHaveLength(5000);
    expect(config.apps[4999]!.pin).toEqual({ kind: 'helm', digest: 'image.digest', tag: 'image.tag' });
    expect(config).toStrictEqual(await parseConfig(apps(false)));
  });

  test.each<[string, string, string]>([
    ['a merge key (<<) is a plain key, not a merge', '{ <<: { soak: 30m }, approvals: 1 }', 'ferry.yaml:6:14: environments[1].gates: unknown key "<<" (expected one of soak, analysis, compare, approvals, freeze)'],
    ['a date is a string, not a timestamp', '{ soak: 2001-12-14 }', 'ferry.yaml:6:20: environments[1].gates.soak: expected a duration like 45s, 30m, 2h, 1h30m or 1d, found "2001-12-14"'],
  ])('YAML 1.2 core only: %s, on both paths', async (_title, gates, problem) => {
    const refusal = { problems: [problem] };
    expect(await both(stagedEnvs(gates))).toEqual({ quick: refusal, located: refusal });
  });

  test('120 environments sharing one gates mapping through an alias: the same outcome on both paths', async () => {
    const envs = Array.from({ length: 120 }, (_, i) => (i === 0 ? '  - name: e0\n' : `  - name: e${i}\n    promoteFrom: e${i - 1}\n    gates: ${i === 1 ? '&g { soak: 30m }' : '*g'}\n`)).join('');
    const { quick, located } = await both(`registry: r.example.com\nenvironments:\n${envs}apps: []\n`);
    expect(quick).toStrictEqual(located);
  });

  test('an alias of the list it is in is refused, not followed forever', { timeout: 5_000 }, async () => {
    const refusal = { problems: ['ferry.yaml:2:18: environments[0]: expected a mapping with name and optionally promoteFrom and gates, found a list'] };
    expect(await both('registry: r.example.com\nenvironments: &e [*e]\napps: []\n')).toEqual({ quick: refusal, located: refusal });
  });

  // Plain scalars that YAML 1.1 (and js-yaml's older defaults) read otherwise than YAML 1.2's core
  // schema: both paths read them as 1.2, so they agree, and agree with 1.2.
  const APPROVALS = 'environments[1].gates.approvals: expected a whole number of approvals, 0 or more, found';
  test.each<[string, string, number | string]>([
    ['approvals: 0b1 (1.1: binary 1)', '0b1', `ferry.yaml:6:25: ${APPROVALS} "0b1"`],
    ['approvals: 1_0 (1.1: 10)', '1_0', `ferry.yaml:6:25: ${APPROVALS} "1_0"`],
    ['approvals: 010 (1.1: octal 8)', '010', 10],
    ['approvals: 0o7 (1.2 octal)', '0o7', 7],
    ['approvals: 0x1F', '0x1F', 31],
    ['approvals: +2', '+2', 2],
    ['approvals: 1.0', '1.0', 1],
    ['approvals: 1e0', '1e0', 1],
    ['approvals: 1:30 (1.1: sexagesimal 90)', '1:30', `ferry.yaml:6:25: ${APPROVALS} "1:30"`],
    ['approvals: yes (1.1: true)', 'yes', `ferry.yaml:6:25: ${APPROVALS} "yes"`],
    ['approvals: .5', '.5', `ferry.yaml:6:25: ${APPROVALS} the number 0.5`],
    ['approvals: -0x1 (1.2: a sign only on decimals, so text)', '-0x1', `ferry.yaml:6:25: ${APPROVALS} "-0x1"`],
    ['approvals: +0o7 (1.2: text)', '+0o7', `ferry.yaml:6:25: ${APPROVALS} "+0o7"`],
    ['approvals: 0B1 (text)', '0B1', `ferry.yaml:6:25: ${APPROVALS} "0B1"`],
    ['approvals: -.5 (1.2: a number)', '-.5', `ferry.yaml:6:25: ${APPROVALS} the number -0.5`],
    ['approvals: 2.e1 (1.2: 20)', '2.e1', 20],
    ['approvals: .inf', '.inf', `ferry.yaml:6:25: ${APPROVALS} the number Infinity`],
    ['approvals: -.INF', '-.INF', `ferry.yaml:6:25: ${APPROVALS} the number -Infinity`],
    ['approvals: .NaN', '.NaN', `ferry.yaml:6:25: ${APPROVALS} the number NaN`],
    ['approvals: .Nan (text)', '.Nan', `ferry.yaml:6:25: ${APPROVALS} ".Nan"`],
    ['approvals: 0x (text)', '0x', `ferry.yaml:6:25: ${APPROVALS} "0x"`],
  ])('%s', async (_title, value, expected) => {
    const text = stagedEnvs(`{ approvals: ${value} }`);
    const { quick, located } = await both(text);
    expect(quick).toStrictEqual(located);
    if (typeof expected === 'number') expect(located).toEqual({ config: expect.objectContaining({ environments: [{ name: 'dev' }, { name: 'stage', promoteFrom: 'dev', gates: { approvals: expected } }] }) });
    else expect(located).toEqual({ problems: [expected] });
  });

  test.each<[string, string, string | undefined]>([
    ['yes (1.1: true)', 'yes', undefined],
    ['no (1.1: false)', 'no', undefined],
    ['on (1.1: true)', 'on', undefined],
    ['off (1.1: false)', 'off', undefined],
    ['y (1.1: true)', 'y', undefined],
    ['n (1.1: false)', 'n', undefined],
    ['0o7 (1.2: the number 7)', '0o7', 'the number 7'],
    ['010', '010', 'the number 10'],
    ['true', 'true', 'the boolean true'],
    ['null', 'null', 'an empty value'],
    ['1_0 (1.1: 10)', '1_0', '"1_0"'],
    ['0b1 (1.1: 1)', '0b1', undefined],
  ])('environment name: %s', async (_title, value, found) => {
    const text = `registry: r.example.com\nenvironments:\n  - name: ${value}\napps: []\n`;
    const { quick, located } = await both(text);
    expect(quick).toStrictEqual(located);
    if (found === undefined) expect(located).toEqual({ config: { file: 'ferry.yaml', registry: 'r.example.com', environments: [{ name: value }], apps: [] } });
    else expect(located).toEqual({ problems: [`ferry.yaml:3:11: environments[0].name: expected ${DNS}, found ${found}`] });
  });

  test('a config with problems reports each with line and column (the located path), the same through both entry points', async () => {
    const text = withApps('- name: a\n  image: A\n  manifest: "{env}/a/kustomization.yaml"\n  extra: 1\n- name: b\n  image: b\n  manifest: "b/kustomization.yaml"\n').replaceAll('\n', '\r\n');
    const expected = [
      { file: 'ferry.yaml', line: 10, column: 12, field: 'apps[0].image', message: "expected an image repository under the registry: lowercase path components separated by '/' (like user-service or team/user-service), found \"A\"" },
      { file: 'ferry.yaml', line: 12, column: 5, field: 'apps[0]', message: 'unknown key "extra" (expected one of name, image, registry, manifest, kustomize, helm, container)' },
      { file: 'ferry.yaml', line: 15, column: 15, field: 'apps[1].manifest', message: '"b/kustomization.yaml" has no {env}: expected a path with one file per environment, like "{env}/b/kustomization.yaml"' },
    ];
    for (const parse of [() => parseConfig(text), async () => locatedParse(text, 'ferry.yaml')]) {
      const error = await (async () => {
        try {
          await parse();
        } catch (err) {
          return err;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).problems).toEqual(expected);
    }
  });

  test('a problem under an alias is located at the anchored node, once per field that uses it', async () => {
    const text = stagedEnvs('&g { soak: 3 weeks }').replace('apps: []\n', '  - name: prod\n    promoteFrom: stage\n    gates: *g\napps: []\n');
    const found = 'expected a duration like 45s, 30m, 2h, 1h30m or 1d, found "3 weeks"';
    const refusal = { problems: [`ferry.yaml:6:23: environments[1].gates.soak: ${found}`, `ferry.yaml:6:23: environments[2].gates.soak: ${found}`] };
    expect(await both(text)).toEqual({ quick: refusal, located: refusal });
  });

  test('a syntax error is located too', async () => {
    const refusal = { problems: ['ferry.yaml:3:1: Flow sequence in block collection must be sufficiently indented and end with a ]'] };
    expect(await both('registry: r.example.com\nenvironments: [{ name: dev }\napps: []\n')).toEqual({ quick: refusal, located: refusal });
  });
});

describe('where js-yaml and yaml read differently (directives, explicit tags, aliases): parseConfig hands the text to locatedParse, so both give one outcome', () => {
  const stagedEnvs = (gates: string, pre = '') => `${pre}registry: r.example.com\nenvironments:\n  - name: dev\n  - name: stage\n    promoteFrom: dev\n    gates: ${gates}\napps: []\n`;
  const outcome = async (parse: () => FerryConfig | Promise<FerryConfig>) => {
    try {
      return { config: await parse() };
    } catch (err) {
      if (!(err instanceof ConfigurationError)) throw err;
      return { problems: err.problems.map(formatProblem) };
    }
  };

  test.each<[string, string]>([
    // yaml honours the directive (1.1: 010 is 8, yes is true); js-yaml reads 1.2 regardless.
    ['%YAML 1.1, approvals: 010', stagedEnvs('{ approvals: 010 }', '%YAML 1.1\n---\n')],
    ['%YAML 1.1, name: yes', '%YAML 1.1\n---\nregistry: r.example.com\nenvironments:\n  - name: yes\napps: []\n'],
    // js-yaml resolves these explicit tags; yaml leaves the strings "1" and "0b1" (with a warning).
    ['approvals: !!float 1', stagedEnvs('{ approvals: !!float 1 }')],
    ['approvals: !!int 0b1', stagedEnvs('{ approvals: !!int 0b1 }')],
    // Aliases: js-yaml has no bound on what they bring in; locatedParse has one (config-located.ts, ALIASED_MAX).
    [
      '120 apps sharing a manifest template through an alias',
      `registry: r.example.com\nenvironments: [{ name: dev }]\napps:\n${Array.from({ length: 120 }, (_, i) => `  - name: a${i}\n    image: a${i}\n    manifest: ${i ? '*m' : '&m "{env}/{app}/kustomization.yaml"'}\n`).join('')}`,
    ],
  ])('%s', async (_title, text) => {
    expect(await outcome(() => parseConfig(text))).toStrictEqual(await outcome(() => locatedParse(text, 'ferry.yaml')));
  });
});

describe('gates on the first environment (no promoteFrom): refused, never checked', () => {
  const GATES = "is the first environment (no promoteFrom): ferry bump pins it directly and no promotion lands in it, so its gates would never be checked: put them on an environment promoted from it, or remove them";
  test.each<[string, string, string]>([
    ['approvals and a freeze, flow style', "    gates: { approvals: 2, freeze: [{ from: '2026-12-20', to: '2027-01-04', timezone: UTC }] }\n", `ferry.yaml:5:12: environments[0].gates: "dev" ${GATES} (found approvals, freeze)`],
    ['a soak, block style', '    gates:\n      soak: 30m\n', `ferry.yaml:6:7: environments[0].gates: "dev" ${GATES} (found soak)`],
    ['an empty mapping', '    gates: {}\n', `ferry.yaml:5:12: environments[0].gates: "dev" ${GATES}`],
  ])('%s: file, line, column and field named, on both paths', async (_title, gates, problem) => {
    const text = `registry: r.example.com\napps: []\nenvironments:\n  - name: dev\n${gates}  - name: prod\n    promoteFrom: dev\n    gates: { approvals: 1 }\n`;
    expect(await problemsOf(text)).toEqual([problem]);
    expect(() => locatedParse(text, 'ferry.yaml')).toThrow(problem.replace(/^ferry\.yaml:\d+:\d+: /, ''));
  });

  test('the first environment need not come first in the list', async () => {
    const text = 'registry: r.example.com\napps: []\nenvironments:\n  - name: prod\n    promoteFrom: dev\n  - name: dev\n    gates: { soak: 1h }\n';
    expect(await problemsOf(text)).toEqual([`ferry.yaml:7:12: environments[1].gates: "dev" ${GATES} (found soak)`]);
  });
});

describe('freeze windows in gates', () => {
  const withFreeze = (freeze: string) => [
    'registry: 123456789012.dkr.ecr.eu-central-1.amazonaws.com',
    'environments:',
    '  - name: dev',
    '  - name: prod',
    '    promoteFrom: dev',
    '    gates:',
    `      freeze: ${freeze}`,
    'apps: []',
    '',
  ].join('\n');

  test('weekly and dated windows are read as written', async () => {
    const config = await parseConfig(withFreeze('[{ from: "Fri 16:00", to: "Mon 08:00", timezone: Europe/Berlin }, { from: "2026-12-20", to: "2027-01-02 08:00", timezone: UTC }]'));
    expect(config.environments[1]!.gates!.freeze).toEqual([
      { from: 'Fri 16:00', to: 'Mon 08:00', timezone: 'Europe/Berlin' },
      { from: '2026-12-20', to: '2027-01-02 08:00', timezone: 'UTC' },
    ]);
  });

  test.each([
    ['a day name that is not one', '[{ from: "Friday 16:00", to: "Mon 08:00", timezone: UTC }]', /ferry\.yaml:7:\d+: environments\[1\]\.gates\.freeze\[0\]\.from: expected a weekly time like 'Fri 16:00' or a date like '2026-12-20' or '2026-12-20 18:00', found "Friday 16:00"/],
    ['a weekly start with a dated end', '[{ from: "Fri 16:00", to: "2027-01-02", timezone: UTC }]', /environments\[1\]\.gates\.freeze\[0\]\.to: expected the same kind as from "Fri 16:00"/],
    ['an unknown time zone', '[{ from: "Fri 16:00", to: "Mon 08:00", timezone: Mars/Olympus }]', /environments\[1\]\.gates\.freeze\[0\]\.timezone: expected an IANA time zone like Europe\/Berlin or UTC, found "Mars\/Olympus"/],
    ['no time zone', '[{ from: "Fri 16:00", to: "Mon 08:00" }]', /environments\[1\]\.gates\.freeze\[0\]: missing required key "timezone"/],
  ])('refused: %s', async (_name, freeze, message) => {
    await expect(parseConfig(withFreeze(freeze))).rejects.toThrow(message);
  });

  // A date alone as `to` runs through the end of that day; a time as `to` is the first minute not frozen.
  test.each([
    ['one whole day (a date alone as both)', '2026-12-24', '2026-12-24'],
    ['from a time to the end of that day', '2026-12-24 18:00', '2026-12-24'],
    ['one minute', '2026-12-24 18:00', '2026-12-24 18:01'],
    ['a leap day', '2028-02-29', '2028-02-29 12:00'],
    ['the last minute of a day to the next', '2026-12-31 23:59', '2027-01-01 00:00'],
    ['weekly, over the week\'s end', 'Sun 23:00', 'Mon 00:00'],
    ['weekly, all but one minute of the week', 'Mon 00:01', 'Mon 00:00'],
  ])('accepted: %s (%s to %s)', async (_name, from, to) => {
    const config = await parseConfig(withFreeze(`[{ from: "${from}", to: "${to}", timezone: UTC }]`));
    expect(config.environments[1]!.gates!.freeze).toEqual([{ from, to, timezone: 'UTC' }]);
  });

  test.each<[string, string, string, string[]]>([
    ['a date window that ends before it starts', '2026-12-31', '2026-12-20', [`to: expected an end after from "2026-12-31" (a date alone as 'to' runs through the end of that day), found "2026-12-20": the window freezes nothing`]],
    ['a time window of no minutes', '2026-12-24 18:00', '2026-12-24 18:00', [`to: expected an end after from "2026-12-24 18:00" (a time as 'to' is the first minute not frozen), found "2026-12-24 18:00": the window freezes nothing`]],
    ['a time window that ends at the start of its first day', '2026-12-24', '2026-12-24 00:00', [`to: expected an end after from "2026-12-24" (a time as 'to' is the first minute not frozen), found "2026-12-24 00:00": the window freezes nothing`]],
    ['a weekly window from a time to itself', 'Mon 00:00', 'Mon 00:00', [`to: expected a weekly time other than from "Mon 00:00" (a window from a time up to the same time freezes nothing), found "Mon 00:00"`]],
    ['hour 25 and hour 29', 'Fri 25:00', 'Sat 29:59', [
      `from: expected a weekly time like 'Fri 16:00', found "Fri 25:00": hour 25 is not 00 to 23`,
      `to: expected a weekly time like 'Fri 16:00', found "Sat 29:59": hour 29 is not 00 to 23 (the end of a day is the next day's 00:00)`,
    ]],
    ['the 30th of February and month 19', '2026-02-30', '2026-19-39 29:00', [
      `from: expected a date like '2026-12-20' or '2026-12-20 18:00' that is on the calendar, found "2026-02-30": February 2026 has days 01 to 28, not 30`,
      `to: expected a date like '2026-12-20' or '2026-12-20 18:00' that is on the calendar, found "2026-19-39 29:00": month 19 is not 01 to 12, day 39 is not 01 to 31, hour 29 is not 00 to 23 (a date alone as 'to' runs through the end of that day)`,
    ]],
    ['the 29th of February of a common year, day 00, month 00', '2027-02-29', '2027-00-00', [
      `from: expected a date like '2026-12-20' or '2026-12-20 18:00' that is on the calendar, found "2027-02-29": February 2027 has days 01 to 28, not 29`,
      `to: expected a date like '2026-12-20' or '2026-12-20 18:00' that is on the calendar, found "2027-00-00": month 00 is not 01 to 12, day 00 is not 01 to 31`,
    ]],
    ['the 31st of April', '2026-04-31 08:00', '2026-05-02', [`from: expected a date like '2026-12-20' or '2026-12-20 18:00' that is on the calendar, found "2026-04-31 08:00": April 2026 has days 01 to 30, not 31`]],
    // The misspelt day is from's problem alone: to, a weekly time as from meant, is not told it is of another kind.
    ['a day name in lower case', 'fri 16:00', 'Mon 08:00', [`from: expected a weekly time like 'Fri 16:00' or a date like '2026-12-20' or '2026-12-20 18:00', found "fri 16:00"`]],
  ])('refused: %s (%s to %s), located and quoted', async (_name, from, to, messages) => {
    const freeze = `[{ from: "${from}", to: "${to}", timezone: UTC }]`;
    const line = `      freeze: ${freeze}`;
    // The column of the quoted value: `from`'s first, `to`'s after it.
    const column = { from: line.indexOf(`"${from}"`) + 1, to: line.indexOf(`"${to}"`, line.indexOf('to:')) + 1 };
    expect(await problemsOf(withFreeze(freeze))).toEqual(messages.map((m) => {
      const key = m.startsWith('from') ? 'from' : 'to';
      return `ferry.yaml:7:${column[key]}: environments[1].gates.freeze[0].${m}`;
    }));
  });

  // Judged as instants of the zone: a window whose every minute the clocks skip freezes nothing.
  test.each<[string, string, string, string, string]>([
    ['the hour Berlin skips, 02:00 to 03:00 on 29 March 2026', '2026-03-29 02:00', '2026-03-29 03:00', 'Europe/Berlin', '2026-03-29 02:00 straight to 03:00'],
    ['a quarter of an hour within it', '2026-03-29 02:15', '2026-03-29 02:30', 'Europe/Berlin', '2026-03-29 02:00 straight to 03:00'],
    ['the half hour Lord Howe Island skips, 4 October 2026', '2026-10-04 02:00', '2026-10-04 02:30', 'Australia/Lord_Howe', '2026-10-04 02:00 straight to 02:30'],
    ['the day Samoa skipped, crossing the date line (30 December 2011)', '2011-12-30', '2011-12-30', 'Pacific/Apia', '2011-12-30 00:00 straight to 2011-12-31 00:00'],
  ])('refused: a dated window within a gap of the clocks, %s', async (_name, from, to, zone, skipped) => {
    const freeze = `[{ from: "${from}", to: "${to}", timezone: ${zone} }]`;
    const line = `      freeze: ${freeze}`;
    const column = line.indexOf(`"${to}"`, line.indexOf('to:')) + 1;
    expect(await problemsOf(withFreeze(freeze))).toEqual([
      `ferry.yaml:7:${column}: environments[1].gates.freeze[0].to: expected an end after from "${from}" in ${zone}'s time, found "${to}": its clocks go from ${skipped}, skipping every minute of the window, which freezes nothing`,
    ]);
  });

  test('a historic version (audit) keeps a dated window within a gap: accepted when it was written, it froze nothing then and now, rather than an unreadable version', async () => {
    const freeze = [{ from: '2026-03-29 02:00', to: '2026-03-29 03:00', timezone: 'Europe/Berlin' }];
    const config = await parseConfig(withFreeze(`[{ from: "2026-03-29 02:00", to: "2026-03-29 03:00", timezone: Europe/Berlin }]`), 'ferry.yaml', { historic: true });
    expect(config.environments[1]!.gates!.freeze).toEqual(freeze);
    // (A window that freezes nothing whatever the zone is refused as before, historic or not.)
    await expect(parseConfig(withFreeze(`[{ from: "2026-03-29 03:00", to: "2026-03-29 02:00", timezone: Europe/Berlin }]`), 'ferry.yaml', { historic: true })).rejects.toThrow(/freeze\[0\]\.to: expected an end after from/);
  });

  test.each([
    ['the same times in UTC', '2026-03-29 02:00', '2026-03-29 03:00', 'UTC'],
    ['into the skipped hour from before it', '2026-03-29 01:30', '2026-03-29 02:30', 'Europe/Berlin'],
    ['out of it', '2026-03-29 02:30', '2026-03-29 04:00', 'Europe/Berlin'],
    ['within the hour Berlin shows twice', '2026-10-25 02:00', '2026-10-25 02:30', 'Europe/Berlin'],
    ['the day Berlin skips an hour of', '2026-03-29', '2026-03-29', 'Europe/Berlin'],
  ])('accepted: %s (%s to %s %s)', async (_name, from, to, timezone) => {
    const config = await parseConfig(withFreeze(`[{ from: "${from}", to: "${to}", timezone: ${timezone} }]`));
    expect(config.environments[1]!.gates!.freeze).toEqual([{ from, to, timezone }]);
  });
});

describe('registry hosts and image names in ferry.yaml', () => {
  test.each<[string, string, string[]]>([
    ['a port above 65535', 'registry: reg.example.com:99999\nenvironments: [{ name: dev }]\napps: []\n', [
      'ferry.yaml:1:11: registry: expected a registry host with an optional port and nothing else (like 123456789012.dkr.ecr.eu-central-1.amazonaws.com or localhost:5000), found "reg.example.com:99999"',
    ]],
    ['port 0', 'registry: localhost:0\nenvironments: [{ name: dev }]\napps: []\n', [
      'ferry.yaml:1:11: registry: expected a registry host with an optional port and nothing else (like 123456789012.dkr.ecr.eu-central-1.amazonaws.com or localhost:5000), found "localhost:0"',
    ]],
    ['a host in capitals', 'registry: REG.Example.COM\nenvironments: [{ name: dev }]\napps: []\n', [
      'ferry.yaml:1:11: registry: expected the registry host in lowercase (an image\'s registry is compared with it as written), found "REG.Example.COM" (write "reg.example.com")',
    ]],
    ['an app\'s registry in capitals', withApps('- name: user-service\n  registry: Other.example.com:5000\n  image: user-service\n  manifest: "{env}/user-service/kustomization.yaml"\n'), [
      'ferry.yaml:10:15: apps[0].registry: expected the registry host in lowercase (an image\'s registry is compared with it as written), found "Other.example.com:5000" (write "other.example.com:5000")',
    ]],
    ['an image with a registry and port in front', withApps('- name: user-service\n  image: localhost:5000/user-service\n  manifest: "{env}/user-service/kustomization.yaml"\n'), [
      'ferry.yaml:10:12: apps[0].image: expected the repository under the registry, without a registry, found "localhost:5000/user-service" (write "user-service", and the registry "localhost:5000" as the app\'s registry or the top-level one)',
    ]],
    ['an app name with a look-alike letter', withApps('- name: user-servic\u0435\n  image: user-service\n  manifest: "{env}/user-service/kustomization.yaml"\n'), [
      `ferry.yaml:9:11: apps[0].name: expected ${DNS}, found "user-servic\\u0435"`,
    ]],
  ])('refused: %s', async (_title, text, problems) => {
    expect(await problemsOf(text)).toEqual(problems);
  });

  test('ports 1 and 65535 are ports', async () => {
    for (const registry of ['localhost:1', 'reg.example.com:65535', '[::1]:5000']) {
      expect(await problemsOf(`registry: "${registry}"\nenvironments: [{ name: dev }]\napps: []\n`), registry).toEqual([]);
    }
  });
});
