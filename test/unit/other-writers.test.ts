// The other writers of a pin validate reports: Argo CD parameter overrides (argocd-source.ts: which
// entry takes which image, as `kustomize edit set image` reads it) and Flux image automation
// markers (image-policy-markers.ts: each form, and what is no marker).
import { describe, expect, test, vi } from 'vitest';
import { Alias } from 'yaml';
import { kustomizeImage, MAX_ALIASES, MAX_ENTRIES, overrideFindings } from '../../actions/src/core/argocd-source.js';
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

describe('overrideFindings: a file a pull request adds, made to make validate work without end', () => {
  // One anchor and many aliases, under a key that overrides nothing: `y: {k1: *a, k2: *a, …}`.
  const aliases = (n: number) => `x: &a 1\ny: {${Array.from({ length: n }, (_, i) => `k${i}: *a`).join(', ')}}\n`;
  const helm = [{ app: chart!, env: 'dev', file: 'dev/chart/values.yaml' }];
  const file = 'dev/chart/.argocd-source.yaml';

  test('aliases are read in one walk of the file (yaml\'s Alias.resolve walks the whole document at each call)', () => {
    const resolve = vi.spyOn(Alias.prototype, 'resolve');
    try {
      const found = overrideFindings(file, aliases(MAX_ALIASES), helm);
      expect(found.problems).toEqual([]);
      expect(found.warnings.map((w) => w.field)).toEqual(['x']);
      expect(resolve).not.toHaveBeenCalled();
    } finally {
      resolve.mockRestore();
    }
  });

  test.each([MAX_ALIASES + 1, 20_000])('%i aliases: more than Ferry reads, a problem at the first one past the cap', (n) => {
    const found = overrideFindings(file, aliases(n), helm);
    expect(found.warnings).toEqual([]);
    expect(found.problems).toEqual([{
      file, line: 2, column: aliases(n).split('\n')[1]!.indexOf(` k${MAX_ALIASES}: *a`) + ` k${MAX_ALIASES}: `.length + 1,
      message: expect.stringContaining(`has ${n} aliases`),
    }]);
  });

  test('too many aliases in helm.values: a problem too', () => {
    const inner = `x: &a 1\ny: {${Array.from({ length: MAX_ALIASES + 1 }, (_, i) => `k${i}: *a`).join(', ')}}`;
    const found = overrideFindings(file, `helm:\n  values: ${JSON.stringify(inner)}\n`, helm);
    expect(found.warnings).toEqual([]);
    expect(found.problems.map((p) => [p.field, p.line, p.message.startsWith(`has ${MAX_ALIASES + 1} aliases (*name) in the values text of helm.values`)])).toEqual([['helm.values', 2, true]]);
  });

  // A key given twice, each time the same node by an alias: one override, reported once.
  test.each([
    ['image: *m', (n: number) => `helm:\n  valuesObject:\n    image: &m {digest: x}\n${'    image: *m\n'.repeat(n)}`, ['helm.valuesObject.image.digest'], 'helm.valuesObject.image.digest'],
    ['valuesObject: *v', (n: number) => `v: &v {image: {digest: x}}\nhelm:\n${'  valuesObject: *v\n'.repeat(n)}`, ['helm.valuesObject.image.digest'], 'helm.valuesObject.image.digest'],
    ['helm: *h', (n: number) => `h: &h {parameters: [{name: image.digest, value: x}]}\n${'helm: *h\n'.repeat(n)}`, ['helm.parameters[0]'], 'helm.parameters[0]'],
  ])('%s, 200 times: one problem', (_what, text, fields) => {
    const found = overrideFindings(file, text(200), helm);
    expect(found.problems.map((p) => p.field)).toEqual(fields);
  });

  test('images by an alias in many kustomize mappings: read once', () => {
    const text = `s: &s [${Array.from({ length: 50 }, (_, i) => `img${i}:1`).join(', ')}]\n${'kustomize: {images: *s}\n'.repeat(300)}`;
    const found = overrideFindings('dev/api/.argocd-source.yaml', text, [{ app: api!, env: 'dev', file: 'dev/api/kustomization.yaml' }]);
    expect(found.problems).toEqual([]);
    expect(found.warnings.map((w) => w.message.split('"img0:1"').length - 1)).toEqual([1]);
  });

  test('many other overrides: the first 20 named, and how many more', () => {
    const text = `kustomize:\n  images:\n${Array.from({ length: 300 }, (_, i) => `  - img${i}:1\n`).join('')}`;
    const [warning, ...more] = overrideFindings('dev/api/.argocd-source.yaml', text, [{ app: api!, env: 'dev', file: 'dev/api/kustomization.yaml' }]).warnings;
    expect(more).toEqual([]);
    expect(warning!.message).toContain('kustomize.images[19] ("img19:1"), and 280 more, which Ferry does not check');
    expect(warning!.message).not.toContain('img20:1');
  });

  test('a large mapping merged (<<) into many places: past the entries Ferry reads, a problem', () => {
    const big = `big: &big {${Array.from({ length: 2000 }, (_, i) => `k${i}: 1`).join(', ')}}\n`;
    const fits = overrideFindings(file, `${big}helm:\n  valuesObject:\n${'    image: {<<: *big, digest: x}\n'.repeat(20)}`, helm);
    expect(fits.problems.map((p) => [p.field, p.line])).toEqual([['helm.valuesObject.image.digest', 4]]);
    const found = overrideFindings(file, `${big}helm:\n  valuesObject:\n${'    image: {<<: *big, digest: x}\n'.repeat(60)}`, helm);
    expect(found.warnings).toEqual([]);
    expect(found.problems.map((p) => p.message.split(':')[0])).toEqual([`has aliases and merge keys (<<) that expand to more mapping entries, more than the ${MAX_ENTRIES} Ferry reads in a file of parameter overrides`]);
  });

  test('a pinned value set in many places: the first reported, and how many more', () => {
    const text = `helm:\n  valuesObject:\n${'    image: {digest: x}\n'.repeat(300)}`;
    const found = overrideFindings(file, text, helm);
    expect(found.problems.map((p) => [p.field, p.line])).toEqual([['helm.valuesObject.image.digest', 3]]);
    expect(found.problems[0]!.message).toContain('299 more values in this file set it too');
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
