// The other writers of a pin validate reports: Argo CD parameter overrides (argocd-source.ts: which
// entry takes which image, as `kustomize edit set image` reads it) and Flux image automation
// markers (image-policy-markers.ts: each form, and what is no marker).
import { describe, expect, test } from 'vitest';
import { kustomizeImage, overrideFindings } from '../../actions/src/core/argocd-source.js';
import { parseConfig } from '../../actions/src/core/config.js';
import { readPinnedImageAt } from '../../actions/src/core/image-pin.js';
import { imagePolicyMarkerWarnings } from '../../actions/src/core/image-policy-markers.js';

const REG = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
const D = `sha256:${'a'.repeat(64)}`;

describe('kustomizeImage: the image an entry names, and what it sets', () => {
  test.each([
    ['api:1.2', 'api', 'api:1.2'],
    [`${REG}/api:1.2`, `${REG}/api`, `${REG}/api:1.2`],
    [`${REG}/api@${D}`, `${REG}/api`, `${REG}/api@${D}`],
    [`${REG}/api:1.2@${D}`, `${REG}/api`, `${REG}/api:1.2@${D}`],
    ['localhost:5000/api', 'localhost:5000/api', 'localhost:5000/api'],
    ['localhost:5000/api:1.2', 'localhost:5000/api', 'localhost:5000/api:1.2'],
    ['api=example.com/api:2.0', 'api', 'example.com/api:2.0'],
    [`${REG}/api=${REG}/api@${D}`, `${REG}/api`, `${REG}/api@${D}`],
  ])('%s', (entry, name, to) => {
    expect(kustomizeImage(entry)).toEqual({ name, to });
  });
});

const config = await parseConfig([
  `registry: ${REG}`,
  'environments:',
  '  - name: dev',
  'apps:',
  '  - name: api',
  '    image: api',
  '    manifest: "{env}/api/kustomization.yaml"',
  '    kustomize: { name: api-image }',
  '  - name: chart',
  '    image: chart',
  '    manifest: "{env}/chart/values.yaml"',
  '    helm: { tag: image.tag, digest: image.digest }',
  '',
].join('\n'), 'ferry.yaml');
const [api, chart] = config.apps;

describe('overrideFindings: a problem where the file sets a pinned image, a warning for the rest', () => {
  const pins = [{ app: api!, env: 'dev', file: 'dev/api/kustomization.yaml' }];
  const helm = [{ app: chart!, env: 'dev', file: 'dev/chart/values.yaml' }];
  test.each([
    ['the entry\'s name', 'kustomize:\n  images:\n  - api-image:2.0\n', pins, ['kustomize.images[0]'], []],
    ['the image as pinned', `kustomize:\n  images:\n  - ${REG}/api@${D}\n`, pins, ['kustomize.images[0]'], []],
    ['another image', 'kustomize:\n  images:\n  - api:2.0\n', pins, [], ['kustomize.images[0]']],
    ['a Helm parameter on a pinned path', 'helm:\n  parameters:\n  - name: image.digest\n    value: x\n', helm, ['helm.parameters[0]'], []],
    ['a Helm value on a pinned path', 'helm:\n  valuesObject:\n    image:\n      tag: "2.0"\n', helm, ['helm.valuesObject.image.tag'], []],
    ['a Helm parameter on another path', 'helm:\n  parameters:\n  - name: image.repository\n    value: x\n', helm, [], ['helm.parameters[0]']],
    ['an image by an alias', 'a: &i api-image:2.0\nkustomize:\n  images:\n  - *i\n', pins, ['kustomize.images[0]'], ['a']],
    ['images by an alias', 'a: &s\n  - api-image:2.0\nkustomize:\n  images: *s\n', pins, ['kustomize.images[0]'], ['a']],
    ['kustomize by an alias', 'a: &k\n  images:\n  - api-image:2.0\nkustomize: *k\n', pins, ['kustomize.images[0]'], ['a']],
    ['images by a merge key', 'a: &k\n  images:\n  - api-image:2.0\nkustomize:\n  namePrefix: x-\n  <<: *k\n', pins, ['kustomize.images[0]'], ['a']],
    ['images by merge keys, of a list', 'a: &a\n  namePrefix: x-\nb: &b\n  images:\n  - api-image:2.0\nkustomize:\n  <<: [*a, *b]\n', pins, ['kustomize.images[0]'], ['a']],
    ['a merge that names itself', 'a: &a\n  <<: *a\n  images:\n  - api-image:2.0\nkustomize: *a\n', pins, ['kustomize.images[0]'], ['a']],
    ['a key given twice', 'kustomize:\n  images: []\n  images:\n  - api-image:2.0\n', pins, ['kustomize.images[0]'], []],
    ['a Helm parameter by merge keys', 'p: &p\n  name: image.tag\nhelm:\n  parameters:\n  - <<: *p\n    value: x\n', helm, ['helm.parameters[0]'], ['p']],
    ['a Helm value by an alias', 'v: &v\n  tag: "2.0"\nhelm:\n  valuesObject:\n    image: *v\n', helm, ['helm.valuesObject.image.tag'], ['v']],
    ['a Helm value in helm.values (a literal block)', 'helm:\n  values: |\n    image:\n      tag: "2.0"\n', helm, ['helm.values.image.tag'], []],
    ['a Helm value in helm.values (a string)', 'helm:\n  values: "image: {digest: x}"\n', helm, ['helm.values.image.digest'], []],
    ['another Helm value in helm.values', 'helm:\n  values: |\n    image:\n      pullPolicy: Always\n', helm, [], ['helm.values']],
    ['helm.values that are no mapping', 'helm:\n  values: "[1"\n', helm, [], ['helm.values']],
    ['other fields', 'directory:\n  recurse: true\n', pins, [], ['directory']],
    ['nothing', '', pins, [], []],
  ])('%s', (_what, text, here, problems, warnings) => {
    const found = overrideFindings('dev/x/.argocd-source.yaml', text, here);
    expect(found.problems.map((p) => p.field)).toEqual(problems);
    expect(found.warnings.map((p) => p.field)).toEqual(warnings);
  });
});

describe('overrideFindings: where an override is written, and a file Argo CD cannot read', () => {
  const helm = [{ app: chart!, env: 'dev', file: 'dev/chart/values.yaml' }];
  const at = (text: string) => overrideFindings('dev/chart/.argocd-source.yaml', text, helm);
  test('a value in a literal block of helm.values: its own line and column (of the value, as in valuesObject)', () => {
    expect(at('helm:\n  values: |\n    replicaCount: 2\n    image:\n      digest: x\n').problems.map((p) => [p.line, p.column])).toEqual([[5, 15]]);
  });
  test('an aliased entry: where its anchor is written', () => {
    expect(at('p: &p\n  name: image.tag\n  value: x\nhelm:\n  parameters: [*p]\n').problems.map((p) => [p.line, p.column])).toEqual([[2, 3]]);
  });
  test('an alias that names no anchor: Argo CD cannot read the file (a warning)', () => {
    const found = at('helm:\n  parameters: *p\n');
    expect(found.problems).toEqual([]);
    expect(found.warnings).toEqual([{ file: 'dev/chart/.argocd-source.yaml', line: 2, column: 15, message: 'Argo CD cannot read this file of parameter overrides (the alias *p names no anchor before it): manifest generation fails for every Argo CD Application whose source path is dev/chart' }]);
  });
});

describe('imagePolicyMarkerWarnings', () => {
  const file = 'dev/chart/values.yaml';
  const at = (tag: string) => {
    const text = `image:\n  tag: 1.0.0${tag}\n  digest: ${D}\n`;
    return imagePolicyMarkerWarnings(file, text, readPinnedImageAt(text, file, chart!.pin)).map((w) => `${w.line}:${w.column} ${w.message.split(';')[0]}`);
  };
  test.each([
    [' # {"$imagepolicy": "ns:p"}', ['2:14 a Flux image automation marker ({"$imagepolicy": "ns:p"}): Flux sets this value to the latest image (name:tag) of ImagePolicy ns/p, dropping the digest Ferry pins']],
    [' # {"$imagepolicy": "ns:p:tag"}', ['2:14 a Flux image automation marker ({"$imagepolicy": "ns:p:tag"}): Flux sets this value to the latest tag of ImagePolicy ns/p, which then no longer names the digest Ferry pins']],
    ['   #{ "$imagepolicy" : "ns:p:name" }  ', ['2:16 a Flux image automation marker ({ "$imagepolicy" : "ns:p:name" }): Flux sets this value to the image name of ImagePolicy ns/p']],
    [' # {"$imagepolicy": "ns:p:digest"}', ['2:14 a Flux image automation marker ({"$imagepolicy": "ns:p:digest"}): Flux sets this value to the latest digest of ImagePolicy ns/p, replacing the digest Ferry pins']],
    [' # was {"$imagepolicy": "ns:p"}', []],
    [' # {"$imagepolicy": "ns:p"} and more', []],
    ['', []],
  ])('%j', (tag, expected) => {
    expect(at(tag)).toEqual(expected);
  });
});
