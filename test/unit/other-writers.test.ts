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
    ['other fields', 'directory:\n  recurse: true\n', pins, [], ['directory']],
    ['nothing', '', pins, [], []],
  ])('%s', (_what, text, here, problems, warnings) => {
    const found = overrideFindings('dev/x/.argocd-source.yaml', text, here);
    expect(found.problems.map((p) => p.field)).toEqual(problems);
    expect(found.warnings.map((p) => p.field)).toEqual(warnings);
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
