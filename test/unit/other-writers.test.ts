// The other writers of a pin validate reports: Argo CD parameter overrides (argocd-source.ts: which
// entry takes which image, as `kustomize edit set image` reads it) and Flux image automation
// markers (image-policy-markers.ts: each form, and what is no marker).
import { describe, expect, test, vi } from 'vitest';
import { Alias } from 'yaml';
import { kustomizeImage, MAX_ALIASES, MAX_ENTRIES, MAX_OVERRIDE_BYTES, overrideFindings } from '../../actions/src/core/argocd-source.js';
import { FileTooLargeError } from '../../actions/src/core/errors.js';
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
    // encoding/json (Argo CD decodes the merged overrides with it) matches a key to a field whatever its case.
    ['field names in another case', 'Kustomize:\n  Images:\n  - api-image:2.0\n', pins, ['Kustomize.Images[0]'], []],
    ['the Kelvin sign and the long s, which fold to k and s', '\u212austomize:\n  image\u017f:\n  - api-image:2.0\n', pins, ['\u212austomize.image\u017f[0]'], []],
    ['a field given in two cases', 'kustomize:\n  images: []\nKUSTOMIZE:\n  images:\n  - api-image:2.0\n', pins, ['KUSTOMIZE.images[0]'], []],
    ['Helm fields in another case', 'Helm:\n  Parameters:\n  - NAME: image.digest\n    Value: x\n', helm, ['Helm.Parameters[0]'], []],
    ['valuesObject in another case', 'helm:\n  ValuesObject:\n    image:\n      tag: "2.0"\n', helm, ['helm.ValuesObject.image.tag'], []],
    ['values in another case', 'helm:\n  VALUES: "image: {digest: x}"\n', helm, ['helm.VALUES.image.digest'], []],
    ['a Helm value in another case (Helm values are not fields: another value)', 'helm:\n  valuesObject:\n    Image:\n      tag: "2.0"\n', helm, [], ['helm.valuesObject']],
    ['another field that folds to no field of Argo CD\'s', 'kustomizé:\n  images:\n  - api-image:2.0\n', pins, [], ['kustomizé']],
    // helm.fileParameters sets a value from a file (helm --set-file).
    ['a Helm file parameter on a pinned path', 'helm:\n  fileParameters:\n  - name: image.tag\n    path: tag.txt\n', helm, ['helm.fileParameters[0]'], []],
    ['a Helm file parameter on another path', 'helm:\n  fileParameters:\n  - name: config\n    path: config.json\n', helm, [], ['helm.fileParameters[0]']],
    // A mapping above a pinned path, set to null (which removes the pinned value) or to anything but a mapping.
    ['a Helm value above a pinned path, null', 'helm:\n  valuesObject:\n    image: null\n', helm, ['helm.valuesObject.image'], []],
    ['a Helm value above a pinned path, a string', 'helm:\n  valuesObject:\n    image: x\n', helm, ['helm.valuesObject.image'], []],
    ['a Helm value on a pinned path, null', 'helm:\n  valuesObject:\n    image:\n      tag:\n', helm, ['helm.valuesObject.image.tag'], []],
    ['a Helm mapping above a pinned path (Helm merges it)', 'helm:\n  valuesObject:\n    image:\n      pullPolicy: Always\n', helm, [], ['helm.valuesObject']],
    ['a Helm value above a pinned path in helm.values', 'helm:\n  values: "image: ~"\n', helm, ['helm.values.image'], []],
    ['a Helm parameter above a pinned path', 'helm:\n  parameters:\n  - name: image\n    value: "null"\n', helm, ['helm.parameters[0]'], []],
    ['a Helm parameter inside a pinned path', 'helm:\n  parameters:\n  - name: image.tag.x\n    value: "1"\n', helm, ['helm.parameters[0]'], []],
    ['a Helm parameter that makes a list above a pinned path', 'helm:\n  parameters:\n  - name: image[0]\n    value: "1"\n', helm, ['helm.parameters[0]'], []],
    ['a Helm parameter on a key with a dot in it (escaped)', 'helm:\n  parameters:\n  - name: image\\.tag\n    value: "1"\n', helm, [], ['helm.parameters[0]']],
    ['a Helm parameter whose name sets more than one value', 'helm:\n  parameters:\n  - name: a=1,image.tag\n    value: x\n', helm, ['helm.parameters[0]'], []],
    ['a Helm parameter whose value is a list that sets another value', 'helm:\n  parameters:\n  - name: a\n    value: "{x},image.tag=y}"\n', helm, ['helm.parameters[0]'], []],
    ['a Helm parameter whose value is a list', 'helm:\n  parameters:\n  - name: a\n    value: "{x,y}"\n', helm, [], ['helm.parameters[0]']],
    // The fields that can change the deployed image, which Ferry does not read: a problem.
    ['kustomize patches', 'kustomize:\n  patches:\n  - patch: x\n', pins, ['kustomize.patches'], []],
    ['kustomize components', 'kustomize:\n  components: [../c]\n', pins, ['kustomize.components'], []],
    ['no kustomize patches', 'kustomize:\n  patches: []\n', pins, [], ['kustomize.patches']],
    ['Helm values files', 'helm:\n  valueFiles: [evil.yaml]\n', helm, ['helm.valueFiles'], []],
    ['Helm values files, none', 'helm:\n  valueFiles: []\n', helm, ['helm.valueFiles'], []],
    ['Helm values files beside a kustomize pin', 'helm:\n  valueFiles: [evil.yaml]\n', pins, [], ['helm.valueFiles']],
    ['Helm settings removed', 'helm: null\n', helm, ['helm'], []],
    ['a config management plugin', 'plugin:\n  name: x\n', pins, ['plugin'], []],
    ['fields that set no image', 'kustomize:\n  namePrefix: x-\n  replicas: [{name: api, count: 2}]\nhelm:\n  releaseName: x\n  ignoreMissingValueFiles: true\n', helm, [], ['kustomize.namePrefix']],
    // Argo CD reads the first document of a file (go-yaml): what follows is not read.
    ['two documents', '---\nkustomize:\n  images:\n  - api-image:2.0\n---\nnote: [unclosed\n', pins, ['kustomize.images[0]'], []],
    ['two documents, the override in the second', 'kustomize:\n  namePrefix: x-\n---\nkustomize:\n  images:\n  - api-image:2.0\n', pins, [], ['kustomize.namePrefix']],
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

describe('overrideFindings: what a report says of each, and what Ferry cannot check', () => {
  const helm = [{ app: chart!, env: 'dev', file: 'dev/chart/values.yaml' }];
  const pins = [{ app: api!, env: 'dev', file: 'dev/api/kustomization.yaml' }];
  const file = 'dev/chart/.argocd-source.yaml';
  const ON_TOP = "Argo CD applies this file's parameter overrides (Argo CD Image Updater's git write-back) to every Argo CD Application whose source path is dev/chart, on top of dev/chart/values.yaml, which Ferry pins";
  const STOP = "stop Image Updater's write-back for that Application (its argocd-image-updater.argoproj.io annotations, or its ImageUpdater)";

  test('a file parameter: it sets the pinned path from a file, which Ferry does not read', () => {
    const found = overrideFindings(file, 'helm:\n  fileParameters:\n  - name: image.tag\n    path: tag.txt\n', helm);
    expect(found.problems[0]!.message).toContain('this file parameter sets "image.tag" (app "chart"\'s helm.tag in ferry.yaml) from the file "tag.txt" (what it holds), so Argo CD deploys that, not what Ferry pins in dev/chart/values.yaml');
    expect(found.overrides.map((o) => [o.field, o.sets])).toEqual([['helm.fileParameters[0]', '"image.tag" (app "chart"\'s helm.tag in ferry.yaml) from the file "tag.txt" (what it holds)']]);
  });

  test('a value above pinned paths: once, naming the first path it holds', () => {
    const found = overrideFindings(file, 'helm:\n  valuesObject:\n    image: null\n', helm);
    expect(found.overrides.map((o) => [o.field, o.sets, o.more])).toEqual([['helm.valuesObject.image', '"image", which holds "image.tag" (app "chart"\'s helm.tag in ferry.yaml), to null', 0]]);
    expect(overrideFindings(file, 'helm:\n  parameters:\n  - name: image\n    value: "null"\n', helm).overrides.map((o) => o.sets)).toEqual(['"image", which holds "image.tag" (app "chart"\'s helm.tag in ferry.yaml), to "null"']);
  });

  test('a field that can change the image, which Ferry does not read: a problem at the field, and what audit says of it', () => {
    const found = overrideFindings(file, 'helm:\n  releaseName: x\n  valueFiles: [values.yaml, evil.yaml]\n', helm);
    expect(found.problems).toEqual([{
      file, line: 3, column: 3, field: 'helm.valueFiles',
      message: `can change the image Argo CD deploys (another values file can set the pinned values, and the list replaces the Application's own, the file Ferry pins among them where it is listed there): ${ON_TOP}, and Ferry does not check what it does; remove it (or the file)`,
    }]);
    expect(found.unchecked).toEqual({ reason: "its helm.valueFiles can change the image Argo CD deploys (another values file can set the pinned values, and the list replaces the Application's own, the file Ferry pins among them where it is listed there), which Ferry does not check", unreadable: false });
    expect(found.warnings.map((w) => w.field)).toEqual(['helm.releaseName']);
  });

  test('a file larger than Ferry reads: a problem, not read (a file Ferry\'s reads refused as larger than any, too)', () => {
    const big = `helm:\n  valuesObject:\n    image:\n      tag: x\n${'# padding\n'.repeat(MAX_OVERRIDE_BYTES / 10)}`;
    expect(overrideFindings(file, big.slice(0, MAX_OVERRIDE_BYTES), helm).problems.map((p) => p.field)).toEqual(['helm.valuesObject.image.tag']);
    const found = overrideFindings(file, big, helm);
    expect(found.problems).toEqual([{ file, message: `is 257 KiB, more than the 256 KiB Ferry reads in a file of parameter overrides (Argo CD Image Updater writes a few lines): ${ON_TOP}, and Ferry does not check what it overrides; keep in it only the overrides meant to stay (or remove the file), and ${STOP}` }]);
    expect(found.unchecked).toEqual({ reason: 'it is 257 KiB, more than the 256 KiB Ferry reads in a file of parameter overrides (Argo CD Image Updater writes a few lines)', unreadable: false });
    // Bytes, not characters: 100,000 characters of three bytes each.
    expect(overrideFindings(file, `# ${'€'.repeat(100_000)}\n`, helm).unchecked?.reason).toMatch(/^it is 293 KiB, more than/);
    const refused = overrideFindings(file, new FileTooLargeError({ file, message: 'is 70.0 MiB; Ferry reads the env repo\'s files up to 64 MiB' }, 70 * 2 ** 20), helm);
    expect(refused.unchecked).toEqual({ reason: 'it is 70.0 MiB, more than the 256 KiB Ferry reads in a file of parameter overrides (Argo CD Image Updater writes a few lines)', unreadable: false });
    expect(refused.warnings).toEqual([]);
  });

  test('nesting deeper than Ferry\'s YAML reader goes (go-yaml, Argo CD\'s, reads 10,000 levels): a problem, not a file Argo CD cannot read', () => {
    const deep = `kustomize:\n  images: [api-image:2.0]\nx: ${'['.repeat(3000)}${']'.repeat(3000)}\n`;
    const found = overrideFindings('dev/api/.argocd-source.yaml', deep, pins);
    expect(found.warnings).toEqual([]);
    expect(found.problems.map((p) => p.message.split(':')[0])).toEqual(["nests collections deeper than Ferry's YAML reader goes"]);
    expect(found.unchecked).toEqual({ reason: "it nests collections deeper than Ferry's YAML reader goes", unreadable: false });
  });

  test('two documents: no word of the YAML library\'s advice', () => {
    const found = overrideFindings('dev/api/.argocd-source.yaml', 'kustomize:\n  images: [api:1]\n---\nx: 1\n', pins);
    expect(JSON.stringify(found)).not.toContain('parseAllDocuments');
    expect(found.warnings.map((w) => w.field)).toEqual(['kustomize.images[0]']);
  });

  test.each([
    ['an image entry that is a list', 'kustomize:\n  images:\n  - [api-image:2.0]\n', 3, 5, 'kustomize.images[0] is a list, where Argo CD takes a string'],
    ['images that are a string', 'kustomize:\n  images: api-image:2.0\n', 2, 11, 'kustomize.images is a string, where Argo CD takes a list'],
    ['kustomize that is a list', 'kustomize: [images]\n', 1, 12, 'kustomize is a list, where Argo CD takes a mapping'],
    ['a Helm parameter value that is a number', 'helm:\n  parameters:\n  - name: image.tag\n    value: 1.10\n', 4, 12, 'helm.parameters[0].value is the number 1.1, where Argo CD takes a string'],
  ])('%s: Argo CD cannot decode it (a warning, as for a file it cannot read)', (_what, text, line, column, why) => {
    const found = overrideFindings('dev/api/.argocd-source.yaml', text, [...pins, ...helm]);
    expect(found.problems).toEqual([]);
    expect(found.unchecked).toEqual({ reason: why, unreadable: true });
    expect(found.warnings).toEqual([{ file: 'dev/api/.argocd-source.yaml', line, column, message: `Argo CD cannot read this file of parameter overrides (${why}): manifest generation fails for every Argo CD Application whose source path is dev/api` }]);
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
