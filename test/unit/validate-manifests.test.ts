// validateManifests: every problem of a pinned manifest located at the value (line and column),
// with its field, the bad value quoted: kustomize images, Helm values paths and workload containers.
import { describe, expect, test } from 'vitest';
import { parseConfig, type FerryConfig } from '../../actions/src/core/config.js';
import { ConfigurationError, formatProblem, type Problem } from '../../actions/src/core/errors.js';
import { pinImage } from '../../actions/src/core/image-pin.js';
import { parseImageRef } from '../../actions/src/core/image-ref.js';
import { validateEnvRepo, validateManifests } from '../../actions/src/core/validate.js';

/** Lines joined by LF: a trailing '' gives the file its final newline. */
const lines = (...l: string[]): string => l.join('\n');

const REG = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
const HEX = 'a67ad41718ad646c1c6c2b58314262888cd1ca661441f5249c6e5d481e867e96';
const D = `sha256:${HEX}`;
const TAG = "expected a tag of 1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'";
const DIGEST = 'expected sha256:<64 lowercase hex digits>';

const config = await parseConfig(lines(
  `registry: ${REG}`,
  'environments:',
  '  - name: dev',
  'apps:',
  '  - name: user-service',
  '    image: user-service',
  '    manifest: "{env}/user-service/kustomization.yaml"',
  '  - name: chart',
  '    image: chart',
  '    manifest: "{env}/chart/values.yaml"',
  '    helm: { repository: image.repository, tag: image.tag, digest: image.digest }',
  '  - name: web',
  '    image: web',
  '    manifest: "{env}/web/deployment.yaml"',
  '    container: { name: web }',
  '',
));

/** The template's overlay: the images: entry on line 12, newName 13, newTag 14, digest 15 (values at column 14, 13, 13). */
const overlay = (entry: string[]): string => lines(
  '# user-service in dev.',
  '# a change made by hand has no Ferry trailers.',
  'apiVersion: kustomize.config.k8s.io/v1beta1',
  'kind: Kustomization',
  'namespace: user-service-dev',
  'resources:',
  '  - ../../base/user-service',
  'labels:',
  '  - pairs:',
  '      environment: dev',
  'images:',
  '  - name: user-service',
  ...entry,
  '',
);
const GOOD_OVERLAY = overlay([`    newName: ${REG}/user-service`, '    newTag: 1.0.0', `    digest: ${D}`]);
/** Values: repository on line 2, tag 3, digest 4 (values at column 15, 8, 11). */
const values = (...image: string[]): string => lines('image:', ...image, 'replicaCount: 1', '');
const GOOD_VALUES = values(`  repository: ${REG}/chart`, '  tag: "1.0.0"', `  digest: ${D}`);
/** A Deployment: the container's image on line 9 (value at column 18). */
const deployment = (image: string): string =>
  lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  template:', '    spec:', '      containers:', '        - name: web', `          image: ${image}`, '');
const GOOD_DEPLOYMENT = deployment(`${REG}/web:1.0.0@${D}`);

function problems(files: { overlay?: string; values?: string; deployment?: string }, cfg: FerryConfig = config): string[] {
  const map = new Map([
    ['dev/user-service/kustomization.yaml', files.overlay ?? GOOD_OVERLAY],
    ['dev/chart/values.yaml', files.values ?? GOOD_VALUES],
    ['dev/web/deployment.yaml', files.deployment ?? GOOD_DEPLOYMENT],
  ]);
  const result = validateManifests(cfg, map);
  expect(result.checked).toBe(3);
  expect(result.status).toBe(result.problems.length ? 'failed' : 'succeeded');
  return result.problems.map(formatProblem);
}

const K = 'dev/user-service/kustomization.yaml';
const V = 'dev/chart/values.yaml';
const W = 'dev/web/deployment.yaml';

describe('validateManifests', () => {
  test('good pins: no problems', () => {
    expect(problems({})).toEqual([]);
  });

  test.each<[string, string, string[]]>([
    ['a tag with spaces', overlay([`    newName: ${REG}/user-service`, '    newTag: "1.0.0 bad tag"', `    digest: ${D}`]), [`${K}:14:13: images[0].newTag: ${TAG}, found "1.0.0 bad tag"`]],
    // A line break in a tag would end the Ferry-Previous-Image trailer of the next bump.
    ['a tag with a line break', overlay([`    newName: ${REG}/user-service`, '    newTag: "1.0.0\\nX: y"', `    digest: ${D}`]), [`${K}:14:13: images[0].newTag: ${TAG}, found "1.0.0\\nX: y"`]],
    ['a tag that starts with .', overlay([`    newName: ${REG}/user-service`, '    newTag: .1', `    digest: ${D}`]), [`${K}:14:13: images[0].newTag: ${TAG}, found ".1"`]],
    ['an uppercase digest', overlay([`    newName: ${REG}/user-service`, '    newTag: 1.0.0', `    digest: sha256:${HEX.toUpperCase()}`]), [`${K}:15:13: images[0].digest: ${DIGEST}, found "sha256:${HEX.toUpperCase()}" (the digest must be lowercase hex)`]],
    ['a short digest', overlay([`    newName: ${REG}/user-service`, '    newTag: 1.0.0', '    digest: sha256:abc']), [`${K}:15:13: images[0].digest: ${DIGEST}, found "sha256:abc" (the digest has 3 hex digits, not 64)`]],
    ['a quoted digest of non-hex characters', overlay([`    newName: ${REG}/user-service`, '    newTag: 1.0.0', `    digest: "sha256:${'g'.repeat(64)}"`]), [`${K}:15:13: images[0].digest: ${DIGEST}, found "sha256:${'g'.repeat(64)}" (the digest has "g", which is not a hex digit)`]],
    ['a digest of another algorithm', overlay([`    newName: ${REG}/user-service`, '    newTag: 1.0.0', '    digest: md5:abc']), [`${K}:15:13: images[0].digest: ${DIGEST}, found "md5:abc"`]],
    ['no digest', overlay([`    newName: ${REG}/user-service`, '    newTag: 1.0.0']), [`${K}:12:5: images[0].digest: the image of app "user-service" is not pinned by digest: ${DIGEST}, found nothing`]],
    ['an empty digest: at its key', overlay([`    newName: ${REG}/user-service`, '    newTag: 1.0.0', '    digest:']), [`${K}:15:5: images[0].digest: the image of app "user-service" is not pinned by digest: ${DIGEST}, found an empty value`]],
    [
      'a foreign repository',
      overlay(['    newName: evil.example.com/user-service', '    newTag: 1.0.0', `    digest: ${D}`]),
      [`${K}:13:14: images[0].newName: expected "${REG}/user-service" (the image of app "user-service" in ferry.yaml), found "evil.example.com/user-service"`],
    ],
    [
      'no newName: the image keeps its name',
      overlay(['    newTag: 1.0.0', `    digest: ${D}`]),
      [`${K}:12:5: images[0].newName: expected "${REG}/user-service" (the image of app "user-service" in ferry.yaml), found no value (the image keeps its name "user-service")`],
    ],
    [
      'every problem of one entry, in file order',
      overlay(['    newName: evil.example.com/user-service', '    newTag: "a b"', '    digest: sha256:abc']),
      [
        `${K}:13:14: images[0].newName: expected "${REG}/user-service" (the image of app "user-service" in ferry.yaml), found "evil.example.com/user-service"`,
        `${K}:14:13: images[0].newTag: ${TAG}, found "a b"`,
        `${K}:15:13: images[0].digest: ${DIGEST}, found "sha256:abc" (the digest has 3 hex digits, not 64)`,
      ],
    ],
  ])('kustomize: %s', (_title, text, expected) => {
    expect(problems({ overlay: text })).toEqual(expected);
  });

  test.each<[string, string, string[]]>([
    ['a tag with spaces', values(`  repository: ${REG}/chart`, '  tag: "1.0 rc"', `  digest: ${D}`), [`${V}:3:8: image.tag: ${TAG}, found "1.0 rc"`]],
    ['a short digest', values(`  repository: ${REG}/chart`, '  tag: "1.0.0"', '  digest: "sha256:abc"'), [`${V}:4:11: image.digest: ${DIGEST}, found "sha256:abc" (the digest has 3 hex digits, not 64)`]],
    ['no digest: where it belongs', values(`  repository: ${REG}/chart`, '  tag: "1.0.0"'), [`${V}:2:3: image.digest: the image of app "chart" is not pinned by digest: ${DIGEST}, found nothing`]],
    ['a digest that is a mapping', values(`  repository: ${REG}/chart`, '  tag: "1.0.0"', '  digest:', '    value: sha256:abc'), [`${V}:5:5: image.digest: the image of app "chart" is not pinned by digest: ${DIGEST}, found a mapping`]],
    ['a digest that is a list', values(`  repository: ${REG}/chart`, '  tag: "1.0.0"', `  digest: [${D}]`), [`${V}:4:11: image.digest: the image of app "chart" is not pinned by digest: ${DIGEST}, found a sequence`]],
    ['a repository that is a mapping', values('  repository: { name: chart }', '  tag: "1.0.0"', `  digest: ${D}`), [`${V}:2:15: image.repository: expected "${REG}/chart" (the image of app "chart" in ferry.yaml), found a mapping`]],
    [
      'a foreign repository',
      values('  repository: evil.example.com/chart', '  tag: "1.0.0"', `  digest: ${D}`),
      [`${V}:2:15: image.repository: expected "${REG}/chart" (the image of app "chart" in ferry.yaml), found "evil.example.com/chart"`],
    ],
  ])('helm: %s', (_title, text, expected) => {
    expect(problems({ values: text })).toEqual(expected);
  });

  const IMAGE_FORM = 'expected registry/repository[:tag][@sha256:<64 lowercase hex digits>]';
  test.each<[string, string, string[]]>([
    [
      'a tag with a +',
      deployment(`${REG}/web:1.0+b@${D}`),
      [`${W}:9:18: spec.template.spec.containers[0].image: the tag "1.0+b" is not a tag of 1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'; ${IMAGE_FORM}, found "${REG}/web:1.0+b@${D}"`],
    ],
    [
      'a short digest',
      deployment(`${REG}/web:1.0.0@sha256:abc`),
      [`${W}:9:18: spec.template.spec.containers[0].image: the digest has 3 hex digits, not 64; ${IMAGE_FORM}, found "${REG}/web:1.0.0@sha256:abc"`],
    ],
    [
      'no digest',
      deployment(`${REG}/web:1.0.0`),
      [`${W}:9:18: spec.template.spec.containers[0].image: the image of app "web" is not pinned by digest: expected registry/repository[:tag]@sha256:<64 lowercase hex digits>, found "${REG}/web:1.0.0"`],
    ],
    [
      'a foreign repository',
      deployment(`evil.example.com/web:1.0.0@${D}`),
      [`${W}:9:18: spec.template.spec.containers[0].image: expected an image of "${REG}/web" (app "web" in ferry.yaml), found "evil.example.com/web:1.0.0@${D}"`],
    ],
  ])('container: %s', (_title, text, expected) => {
    expect(problems({ deployment: text })).toEqual(expected);
  });

  test('a problem as an object: file, line, column and field', () => {
    const result = validateManifests(config, new Map([
      [K, overlay([`    newName: ${REG}/user-service`, '    newTag: 1.0.0', '    digest: sha256:abc'])],
      [V, GOOD_VALUES],
      [W, GOOD_DEPLOYMENT],
    ]));
    expect(result.problems).toEqual([{ file: K, line: 15, column: 13, field: 'images[0].digest', message: `${DIGEST}, found "sha256:abc" (the digest has 3 hex digits, not 64)` }]);
  });

  // A value every write refuses (bump, promote and rollback exit 2 on it) is a problem for
  // validate too, in the same words and at the same place as the write reports it.
  const SHARED = 'Ferry does not edit a value shared through an anchor (changing it would change every place that uses &d); write the value here instead of the alias';
  test.each<[string, 'overlay' | 'values' | 'deployment', string, string[]]>([
    [
      'helm: the digest is an alias',
      'values',
      lines('pins:', `  current: &d ${D}`, 'image:', `  repository: ${REG}/chart`, '  tag: "1.0.0"', '  digest: *d', ''),
      [`${V}:6:11: image.digest: the value is the alias *d; ${SHARED}`],
    ],
    [
      'kustomize: the digest is an alias',
      'overlay',
      overlay([`    newName: ${REG}/user-service`, '    newTag: 1.0.0', '    digest: *d']).replace('environment: dev', `environment: dev\n      pinned: &d ${D}`),
      [`${K}:16:13: images[0].digest: the value is the alias *d; ${SHARED}`],
    ],
    [
      'kustomize: the digest is anchored and another entry uses it',
      'overlay',
      overlay([`    newName: ${REG}/user-service`, '    newTag: 1.0.0', `    digest: &d ${D}`, '  - name: sidecar', '    digest: *d']),
      [`${K}:15:16: images[0].digest: the value is anchored as &d, which the alias *d at line 17 also uses; editing it would change both places, so Ferry refuses; give this value its own copy`],
    ],
    [
      'kustomize: the entry is shared (each part, and the mapping a bump inserts newTag into): one problem',
      'overlay',
      lines('images:', `  - &e {name: user-service, newName: ${REG}/user-service, digest: ${D}}`, 'other: *e', ''),
      [`${K}:2:38: images[0].newName: the value is inside &e, which the alias *e at line 3 also uses; editing it would change both places, so Ferry refuses; give this value its own copy`],
    ],
    [
      'container: the image is an alias',
      'deployment',
      deployment('*img').replace('metadata: {name: web}', `metadata: {name: web, annotations: {pinned: &img "${REG}/web:1.0.0@${D}"}}`),
      [`${W}:9:18: spec.template.spec.containers[0].image: the value is the alias *img; ${SHARED.replaceAll('&d', '&img')}`],
    ],
  ])('%s: reported as the write reports it', (_title, kind, text, expected) => {
    expect(problems({ [kind]: text })).toEqual(expected);
    const app = config.apps[{ overlay: 0, values: 1, deployment: 2 }[kind]]!;
    const file = { overlay: K, values: V, deployment: W }[kind];
    // What a bump of another digest of this app says (the first of its problems, as it stops there).
    let thrown: unknown;
    try {
      pinImage(text, file, app.pin, parseImageRef(`${REG}/${app.image}:1.0.1@sha256:${'b'.repeat(64)}`, 'image'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect((thrown as ConfigurationError).problems.map(formatProblem)).toEqual([expected[0]]);
  });
});

describe('validateEnvRepo', () => {
  test('a ferry.yaml that is not text is one problem among the others: blocked.yaml is still checked', async () => {
    const notText: Problem = { file: 'ferry.yaml', message: 'not UTF-8 text (byte 0xff at line 1); Ferry reads and writes files as UTF-8 only, so that an edit changes no other byte: save the file as UTF-8' };
    const files: Record<string, string> = { 'blocked.yaml': 'blocked:\n  - app: x\n    digest: sha256:abc\n    reason: r\n' };
    const snapshot = {
      commit: 'c'.repeat(40),
      readFile: async (path: string): Promise<string | undefined> => {
        if (path === 'ferry.yaml') throw new ConfigurationError(notText);
        return files[path];
      },
    };
    const result = await validateEnvRepo(snapshot, async () => new Map());
    expect(result).toEqual({
      status: 'failed',
      checked: 0,
      problems: [notText, { file: 'blocked.yaml', line: 3, column: 13, field: 'blocked[0].digest', message: 'expected sha256:<64 lowercase hex digits>, found "sha256:abc"' }],
      warnings: [],
    });
  });

  /** A snapshot of `files`, and readFiles over it. */
  const repo = (files: Record<string, string>) => ({
    snapshot: { commit: 'c'.repeat(40), readFile: async (path: string): Promise<string | undefined> => files[path] },
    readFiles: async (paths: string[]) => new Map(paths.map((p) => [p, files[p]])),
  });
  const ONE_APP = lines(`registry: ${REG}`, 'environments:', '  - name: dev', '  - name: prod', '    promoteFrom: dev', 'apps:', '  - name: user-service', '    image: user-service', '    manifest: "{env}/user-service/kustomization.yaml"', '');
  const deploymentOf = (image: string): string => lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: user-service}', 'spec: {template: {spec: {containers: [{name: app, image: "' + image + '"}]}}}', '');

  test('a kustomize pin that matches no container image of its base is a problem in each environment; a base that matches is none', async () => {
    const files = (image: string): Record<string, string> => ({
      'ferry.yaml': ONE_APP,
      'dev/user-service/kustomization.yaml': GOOD_OVERLAY,
      'prod/user-service/kustomization.yaml': GOOD_OVERLAY,
      'base/user-service/kustomization.yaml': 'resources: [deployment.yaml]\n',
      'base/user-service/deployment.yaml': deploymentOf(image),
    });
    const bad = repo(files(`${REG}/user-service:latest`));
    const result = await validateEnvRepo(bad.snapshot, bad.readFiles);
    expect(result.status).toBe('failed');
    expect(result.problems.map(formatProblem)).toEqual(['dev', 'prod'].map((env) => `${env}/user-service/kustomization.yaml:12:11: images[0].name: the entry "user-service" matches no container image, so kustomize applies none of it and the digest pinned here is never deployed (an entry applies to an image whose name, without its tag or digest, is "user-service"): the container images it builds are "${REG}/user-service:latest" (base/user-service/deployment.yaml); name the entry after the image, or the image after the entry`));
    const good = repo(files('user-service'));
    expect(await validateEnvRepo(good.snapshot, good.readFiles)).toEqual({ status: 'succeeded', problems: [], warnings: [], checked: 2 });
  });

  test('analysis and compare gates without prometheus.address: a warning at the gate, per environment; validation still succeeds (and a password in the address is a warning of its own)', async () => {
    const gated = ONE_APP.replace('    promoteFrom: dev\n', '    promoteFrom: dev\n    gates:\n      soak: 1h\n      compare:\n        metrics: [{template: rate, metric: rate, direction: decrease}]\n      analysis: [rate]\n');
    const template = lines('apiVersion: argoproj.io/v1alpha1', 'kind: AnalysisTemplate', 'metadata: {name: rate}', 'spec:', '  metrics:', '    - name: rate', '      successCondition: result[0] >= 0.99', '      provider:', '        prometheus:', '          address: http://prometheus.example.com:9090', '          query: vector(1)', '');
    const r = repo({ 'ferry.yaml': gated, 'dev/user-service/kustomization.yaml': GOOD_OVERLAY, 'prod/user-service/kustomization.yaml': GOOD_OVERLAY, 'analysis/rate.yaml': template });
    const result = await validateEnvRepo(r.snapshot, r.readFiles);
    expect(result).toEqual({
      status: 'succeeded', problems: [], checked: 2,
      warnings: [{
        file: 'ferry.yaml', line: 10, column: 7, field: 'environments[1].gates.analysis',
        message: 'the analysis and compare gates of "prod" query Prometheus, and ferry.yaml has no prometheus.address: a promotion to "prod" fails unless it is given one (ferry promote --prometheus <url>, or the promote action\'s prometheus input); set prometheus: { address: <url> } in ferry.yaml, unless every promotion to "prod" passes it',
      }],
    });
    // With the address in ferry.yaml: no warning.
    const addressed = repo({ 'ferry.yaml': `${gated}prometheus: {address: "http://127.0.0.1:9090"}\n`, 'dev/user-service/kustomization.yaml': GOOD_OVERLAY, 'prod/user-service/kustomization.yaml': GOOD_OVERLAY, 'analysis/rate.yaml': template });
    expect(await validateEnvRepo(addressed.snapshot, addressed.readFiles)).toEqual({ status: 'succeeded', problems: [], warnings: [], checked: 2 });
    // A password in it: a warning at the address, which does not repeat the password; a user alone none.
    const withPassword = repo({ 'ferry.yaml': `${gated}prometheus:\n  address: "http://ferry:s3cr3t-pw@prometheus.example.com:9090"\n`, 'dev/user-service/kustomization.yaml': GOOD_OVERLAY, 'prod/user-service/kustomization.yaml': GOOD_OVERLAY, 'analysis/rate.yaml': template });
    const warned = await validateEnvRepo(withPassword.snapshot, withPassword.readFiles);
    expect(warned).toEqual({
      status: 'succeeded', problems: [], checked: 2,
      warnings: [{
        file: 'ferry.yaml', line: 16, column: 12, field: 'prometheus.address',
        message: 'the address holds a password, which is now in the history of the repository (ferry.yaml is committed): change the password, remove it from ferry.yaml, and give the address with it at run time from a secret (ferry promote --prometheus <url>, or the promote action\'s prometheus input), or use bearerTokenEnv',
      }],
    });
    expect(JSON.stringify(warned)).not.toContain('s3cr3t-pw');
    const userOnly = repo({ 'ferry.yaml': `${gated}prometheus: {address: "http://ferry@127.0.0.1:9090"}\n`, 'dev/user-service/kustomization.yaml': GOOD_OVERLAY, 'prod/user-service/kustomization.yaml': GOOD_OVERLAY, 'analysis/rate.yaml': template });
    expect((await validateEnvRepo(userOnly.snapshot, userOnly.readFiles)).warnings).toEqual([]);
  });

  test('a freeze window in EST or MST (fixed offsets all year, not US Eastern or Mountain time): a warning at its timezone; America/New_York none', async () => {
    const frozen = (zone: string) => ONE_APP.replace('    promoteFrom: dev\n', `    promoteFrom: dev\n    gates:\n      freeze:\n        - { from: "Fri 16:00", to: "Mon 08:00", timezone: ${zone} }\n`);
    for (const [zone, offset, meant] of [['EST', '-5', 'America/New_York for US Eastern time'], ['MST', '-7', 'America/Denver for US Mountain time (America/Phoenix keeps MST all year)']] as const) {
      const r = repo({ 'ferry.yaml': frozen(zone), 'dev/user-service/kustomization.yaml': GOOD_OVERLAY, 'prod/user-service/kustomization.yaml': GOOD_OVERLAY });
      expect(await validateEnvRepo(r.snapshot, r.readFiles)).toEqual({
        status: 'succeeded', problems: [], checked: 2,
        warnings: [{ file: 'ferry.yaml', line: 8, column: 59, field: 'environments[1].gates.freeze[0].timezone', message: `${zone} is UTC${offset} all year, without daylight saving time: write ${meant}, unless the fixed offset is meant` }],
      });
    }
    for (const [zone, column, message] of [
      ['est', 59, 'est is UTC-5 all year, without daylight saving time: write America/New_York for US Eastern time, unless the fixed offset is meant'],
      ['Etc/GMT+1', 59, "Etc/GMT+1 is UTC-1, not UTC+1: IANA's Etc/GMT zones have the sign the other way round (POSIX's); write Etc/GMT-1 for UTC+1, or a region's zone like Europe/Berlin, unless UTC-1 is meant"],
    ] as const) {
      const r = repo({ 'ferry.yaml': frozen(zone), 'dev/user-service/kustomization.yaml': GOOD_OVERLAY, 'prod/user-service/kustomization.yaml': GOOD_OVERLAY });
      expect((await validateEnvRepo(r.snapshot, r.readFiles)).warnings).toEqual([{ file: 'ferry.yaml', line: 8, column, field: 'environments[1].gates.freeze[0].timezone', message }]);
    }
    const meant = repo({ 'ferry.yaml': frozen('America/New_York'), 'dev/user-service/kustomization.yaml': GOOD_OVERLAY, 'prod/user-service/kustomization.yaml': GOOD_OVERLAY });
    expect((await validateEnvRepo(meant.snapshot, meant.readFiles)).warnings).toEqual([]);
  });
});

describe('a Helm path the values file lacks', () => {
  const typo = (helm: string) => parseConfig(lines(`registry: ${REG}`, 'environments:', '  - name: dev', 'apps:', '  - name: chart', '    image: chart', '    manifest: "{env}/chart/values.yaml"', `    helm: ${helm}`, ''));
  test.each<[string, string, string[]]>([
    [
      'a tag path one letter off: at the mapping that lacks it, with the keys it has',
      '{ repository: image.repository, tag: image.tga, digest: image.digest }',
      [`${V}:2:3: image.tga: no key "tga" in "image" (it has "repository", "tag", "digest"): the chart's tag is configured at "image.tga" (helm.tag of app "chart" in ferry.yaml), which this file does not have; fix the path in ferry.yaml, or add the key to the file`],
    ],
    [
      'a tag path at the top level',
      '{ tag: imagetag, digest: image.digest }',
      [`${V}:1:1: imagetag: no key "imagetag" at the top level (it has "image", "replicaCount"): the chart's tag is configured at "imagetag" (helm.tag of app "chart" in ferry.yaml), which this file does not have; fix the path in ferry.yaml, or add the key to the file`],
    ],
    ['the paths are there', '{ repository: image.repository, tag: image.tag, digest: image.digest }', []],
  ])('%s', async (_title, helm, expected) => {
    const result = validateManifests(await typo(helm), new Map([[V, GOOD_VALUES]]));
    expect(result.problems.map(formatProblem)).toEqual(expected);
  });
});

