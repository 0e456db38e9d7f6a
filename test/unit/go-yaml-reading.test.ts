// What kustomize and Helm read differently from Ferry. They read YAML with go-yaml (YAML 1.1 line
// breaks, merge keys, the first document only) and decode it into Go structs (field names in any
// case); Ferry parses YAML 1.2. Where the two would see different pins, every editor refuses the
// file, names the place and what to do, and writes nothing.
import { describe, expect, test } from 'vitest';
import type { PinConfig } from '../../actions/src/core/config.js';
import { ConfigurationError } from '../../actions/src/core/errors.js';
import { pinImage, readPinnedImage, readPinnedImageAt } from '../../actions/src/core/image-pin.js';
import type { ImageRef } from '../../actions/src/core/image-ref.js';

/** Lines joined by LF: a trailing '' gives the file its final newline. */
const lines = (...l: string[]): string => l.join('\n');

const D = `sha256:${'a'.repeat(64)}`;
const OLD = `sha256:${'b'.repeat(64)}`;
const EVIL = `sha256:${'e'.repeat(64)}`;
const NAME = 'reg.example.com/team/user-service';
const REF: ImageRef = { registry: 'reg.example.com', repository: 'team/user-service', tag: '1.4.2', digest: D };
const NO_TAG: ImageRef = { registry: 'reg.example.com', repository: 'team/user-service', digest: D };
const IMAGE = `${NAME}:1.4.2@${D}`;

const KFILE = 'dev/user-service/kustomization.yaml';
const HFILE = 'prod/user-service/values.yaml';
const CFILE = 'stage/user-service/deployment.yaml';
const KUSTOMIZE: PinConfig = { kind: 'kustomize', name: 'user-service' };
const HELM: PinConfig = { kind: 'helm', repository: 'image.repository', tag: 'image.tag', digest: 'image.digest' };
const CONTAINER: PinConfig = { kind: 'container', container: 'app' };
const FILES = { kustomize: KFILE, helm: HFILE, container: CFILE } as const;

const PINNED_ENTRY = ['- name: user-service', `  newName: ${NAME}`, '  newTag: 1.0.0', `  digest: ${OLD}`];
const DEPLOYMENT = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  template:', '    spec:', '      containers:'];

/** Every way a pin is read or written refuses `text` with exactly `problems`. */
function expectRefused(text: string, pin: PinConfig, ref: ImageRef, problems: string[]): void {
  const file = FILES[pin.kind];
  const error = (run: () => unknown): ConfigurationError => {
    try {
      run();
    } catch (e) {
      if (e instanceof ConfigurationError) return e;
      throw e;
    }
    throw new Error('not refused');
  };
  for (const run of [() => pinImage(text, file, pin, ref), () => readPinnedImage(text, file, pin), () => readPinnedImageAt(text, file, pin)]) {
    expect(error(run).message.split('\n')).toEqual(problems);
  }
}

const multiDoc = (n: number, first = '') => `a kustomization file has one YAML document, found ${n}; kustomize reads only the first${first}, so it would never see what Ferry pins here: make the file one document (remove the "---" or "..." line before this one)`;

describe('a kustomization of more than one document (kustomize reads the first)', () => {
  test.each<[string, string, string]>([
    [
      'the entry in the second document',
      lines('apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'resources: [../../base/user-service]', '---', 'images:', ...PINNED_ENTRY, ''),
      `${KFILE}:5:1: images: ${multiDoc(2)}`,
    ],
    [
      'the entry in a bare document after "..."',
      lines('kind: Kustomization', 'images:', '- name: other', '...', 'images:', ...PINNED_ENTRY, ''),
      `${KFILE}:5:1: images: ${multiDoc(2)}`,
    ],
    [
      'a first document that is empty (a comment after "---")',
      lines('--- # the overlay', '---', 'images:', ...PINNED_ENTRY, ''),
      `${KFILE}:3:1: images: ${multiDoc(2, ', which is empty')}`,
    ],
    [
      'the entry in the first document, something else in a third',
      lines('images:', ...PINNED_ENTRY, '--- # empty', '---', 'resources: [a.yaml]', ''),
      `${KFILE}:8:1: images: ${multiDoc(2)}`,
    ],
  ])('%s: refused', (_name, text, problem) => {
    expectRefused(text, KUSTOMIZE, REF, [problem]);
  });

  test.each<[string, string, string]>([
    ['a lone leading "---", comments before it', lines('# overlay', '---', 'images:', ...PINNED_ENTRY, ''), lines('# overlay', '---', 'images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: 1.4.2', `  digest: ${D}`, '')],
    ['an empty document after it (kustomize reads the first)', lines('images:', ...PINNED_ENTRY, '--- # end', ''), lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: 1.4.2', `  digest: ${D}`, '--- # end', '')],
    ['"..." and a comment after it', lines('images:', ...PINNED_ENTRY, '...', '# end', ''), lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: 1.4.2', `  digest: ${D}`, '...', '# end', '')],
  ])('%s: pinned as before', (_name, text, expected) => {
    expect(pinImage(text, KFILE, KUSTOMIZE, REF).text).toBe(expected);
  });
});

const lineBreak = (what: string) => `${what} is a line break to go-yaml (the YAML reader of kustomize and Helm) but not to Ferry: in a comment or an unquoted value, what follows it would be read as another line of YAML there (in a quoted one, the value would differ); remove it (or put a space in its place)`;
const LS = lineBreak('U+2028 (line separator)');
const PS = lineBreak('U+2029 (paragraph separator)');
const NEL = lineBreak('U+0085 (next line)');

describe('a YAML 1.1 line break (U+2028, U+2029, U+0085) anywhere in a manifest', () => {
  test.each<[string, string, PinConfig, string[]]>([
    [
      'a line separator in a comment hides a digest',
      lines('images:', '- name: user-service', `  newTag: 1.0.0 # reviewed\u2028  digest: ${EVIL}`, ''),
      KUSTOMIZE,
      [`${KFILE}:3:27: ${LS}`],
    ],
    [
      'a next-line character in a comment hides a newName; one after the entry too',
      lines('images:', '- name: user-service # x\u0085  newName: evil.example.com/user-service', '  newTag: 1.0.0', `  digest: ${OLD}`, `# end\u2028  digest: ${EVIL}`, ''),
      KUSTOMIZE,
      [`${KFILE}:2:25: ${NEL}`, `${KFILE}:5:6: ${LS}`],
    ],
    [
      'Helm values: a paragraph separator after the tag',
      lines('image:', `  repository: ${NAME}`, `  tag: 1.0.0 # x\u2029  digest: ${EVIL}`, `  digest: ${OLD}`, ''),
      HELM,
      [`${HFILE}:3:17: ${PS}`],
    ],
    [
      'a workload: inside a quoted value',
      lines(...DEPLOYMENT, '      - name: app', `        image: "${NAME}:1.0.0@${OLD}\u0085"`, ''),
      CONTAINER,
      [`${CFILE}:10:128: ${NEL}`],
    ],
  ])('%s: refused at each', (_name, text, pin, problems) => {
    expectRefused(text, pin, REF, problems);
  });

  test('written out as an escape in a double-quoted value, it is no line break: a comment with one is fine elsewhere in the file', () => {
    const text = lines('images:', '- name: user-service', '  newTag: 1.0.0 # "\\u2028"', '');
    expect(pinImage(text, KFILE, KUSTOMIZE, REF).text).toBe(lines('images:', '- name: user-service', '  newTag: 1.4.2 # "\\u2028"', `  newName: ${NAME}`, `  digest: ${D}`, ''));
  });
});

const merge = 'a merge key (<<): go-yaml (kustomize, Helm) merges in the keys of the mapping it refers to, which Ferry does not read, so Ferry cannot tell what is pinned; write those keys out here and remove the <<';

describe('a merge key (<<) in a mapping Ferry reads a pin from', () => {
  test.each<[string, string, PinConfig, ImageRef, string]>([
    [
      'a kustomize entry that merges its tag and digest from another',
      lines('images:', '  - &common', '    name: order-service', `    newName: ${NAME}`, '    newTag: 1.0.0', `    digest: ${OLD}`, '  - <<: *common', '    name: user-service', ''),
      KUSTOMIZE,
      NO_TAG,
      `${KFILE}:7:5: images[1]: ${merge}`,
    ],
    [
      'a kustomize entry whose name comes from a merge',
      lines('x-base: &b {name: user-service}', 'images:', '- <<: *b', '  newTag: 1.0.0', ''),
      KUSTOMIZE,
      REF,
      `${KFILE}:3:3: images[0]: the entry has no name: of its own but a merge key (<<): kustomize takes its name from the mapping merged in, which Ferry does not read, so it may be the entry of "user-service"; write its name: out in the entry`,
    ],
    [
      'Helm: the image mapping merges defaults',
      lines('defaults: &d', `  repository: ${NAME}`, '  tag: 1.0.0', `  digest: ${OLD}`, 'image:', '  <<: *d', ''),
      HELM,
      REF,
      `${HFILE}:6:3: image: ${merge}`,
    ],
    [
      'Helm: a merge key at the top level, with the explicit tag !!merge',
      lines('!!merge <<: {image: {digest: x}}', 'image:', `  digest: ${OLD}`, ''),
      { kind: 'helm', digest: 'image.digest' },
      REF,
      `${HFILE}:1:9: ${merge}`,
    ],
    [
      'a container that merges its image',
      lines(...DEPLOYMENT, `      - <<: {image: "${NAME}:1.0.0@${OLD}"}`, '        name: app', ''),
      CONTAINER,
      REF,
      `${CFILE}:9:9: spec.template.spec.containers[0]: ${merge}`,
    ],
  ])('%s: refused', (_name, text, pin, ref, problem) => {
    expectRefused(text, pin, ref, [problem]);
  });

  test('a merge key elsewhere (another entry with a name of its own, a mapping off the paths) is no matter', () => {
    const k = lines('x-base: &b {newTag: "9"}', 'images:', '- <<: *b', '  name: other', ...PINNED_ENTRY, '');
    expect(pinImage(k, KFILE, KUSTOMIZE, REF).text).toBe(lines('x-base: &b {newTag: "9"}', 'images:', '- <<: *b', '  name: other', '- name: user-service', `  newName: ${NAME}`, '  newTag: 1.4.2', `  digest: ${D}`, ''));
    const h = lines('x-res: &r {cpu: 1}', 'resources:', '  <<: *r', 'image:', `  repository: ${NAME}`, '  tag: 1.0.0', `  digest: ${OLD}`, '');
    expect(pinImage(h, HFILE, HELM, REF).text).toBe(lines('x-res: &r {cpu: 1}', 'resources:', '  <<: *r', 'image:', `  repository: ${NAME}`, '  tag: 1.4.2', `  digest: ${D}`, ''));
    const c = lines(...DEPLOYMENT, '      - <<: {image: "envoy:1"}', '        name: sidecar', '      - name: app', '        image: user-service:old', '');
    expect(pinImage(c, CFILE, CONTAINER, REF).text).toBe(lines(...DEPLOYMENT, '      - <<: {image: "envoy:1"}', '        name: sidecar', '      - name: app', `        image: ${IMAGE}`, ''));
  });
});

const caseless = (key: string, field: string) => `kustomize reads the key "${key}" as ${field} (Go matches field names whatever their case) but Ferry does not; rename it to ${field}, or remove it`;

describe('a kustomize entry key that is a field name in another case', () => {
  test.each<[string, string, ImageRef, string]>([
    ['NewTag beside no newTag: kustomize keeps the stale tag', lines('images:', '- name: user-service', '  NewTag: v9', `  digest: ${OLD}`, ''), NO_TAG, `${KFILE}:3:3: images[0].newTag: ${caseless('NewTag', 'newTag')}`],
    ['newtag beside newTag', lines('images:', '- name: user-service', '  newTag: 1.0.0', '  newtag: v9', ''), REF, `${KFILE}:4:3: images[0].newTag: ${caseless('newtag', 'newTag')}`],
    ['DIGEST', lines('images:', '- name: user-service', `  DIGEST: ${EVIL}`, ''), REF, `${KFILE}:3:3: images[0].digest: ${caseless('DIGEST', 'digest')}`],
    ['dige\u017ft (a long s folds to s in Go)', lines('images:', '- name: user-service', `  dige\u017ft: ${EVIL}`, ''), REF, `${KFILE}:3:3: images[0].digest: ${caseless('dige\u017ft', 'digest')}`],
    ['NewName', lines('images:', '- name: user-service', '  NewName: evil.example.com/x', ''), REF, `${KFILE}:3:3: images[0].newName: ${caseless('NewName', 'newName')}`],
    ['another entry named the app as Name', lines('images:', '- name: other', '  Name: user-service', ...PINNED_ENTRY, ''), REF, `${KFILE}:3:3: images[0].name: ${caseless('Name', 'name')}`],
  ])('%s: refused', (_name, text, ref, problem) => {
    expectRefused(text, KUSTOMIZE, ref, [problem]);
  });

  test('another entry with Name: for another image is no matter', () => {
    const text = lines('images:', '- Name: other', ...PINNED_ENTRY, '');
    expect(pinImage(text, KFILE, KUSTOMIZE, REF).text).toBe(lines('images:', '- Name: other', '- name: user-service', `  newName: ${NAME}`, '  newTag: 1.4.2', `  digest: ${D}`, ''));
  });
});

describe('removing newTag whose key carries an anchor', () => {
  const anchored = 'the key "newTag" carries the anchor &k; removing the pair would take the anchor from its aliases or move it onto the next key, so Ferry refuses: take the anchor off the key (and write out its aliases) first';
  test.each<[string, string, string]>([
    ['used by an alias', lines('images:', '- name: user-service', '  &k newTag: 1.0.0', `  digest: ${OLD}`, 'other: *k', ''), `${KFILE}:3:6: images[0].newTag: ${anchored}`],
    ['no alias uses it', lines('images:', '- name: user-service', '  &k newTag: 1.0.0', `  digest: ${OLD}`, ''), `${KFILE}:3:6: images[0].newTag: ${anchored}`],
    ['an explicit key', lines('images:', '- name: user-service', '  ? &k newTag', '  : 1.0.0', `  digest: ${OLD}`, 'other: *k', ''), `${KFILE}:3:8: images[0].newTag: ${anchored}`],
  ])('%s: refused', (_name, text, problem) => {
    expect(() => pinImage(text, KFILE, KUSTOMIZE, NO_TAG)).toThrow(ConfigurationError);
    expect(() => pinImage(text, KFILE, KUSTOMIZE, NO_TAG)).toThrow(problem);
  });

  test('with a tag the pair stays, and so does its anchor', () => {
    const text = lines('images:', '- name: user-service', '  &k newTag: 1.0.0', `  digest: ${OLD}`, '');
    expect(pinImage(text, KFILE, KUSTOMIZE, REF).text).toBe(lines('images:', '- name: user-service', '  &k newTag: 1.4.2', `  digest: ${D}`, `  newName: ${NAME}`, ''));
  });
});

const CR = 'a carriage return (CR) with no line feed after it is a line break to go-yaml (the YAML reader of kustomize and Helm) but not to Ferry: in a comment or an unquoted value, what follows it would be read as another line of YAML there (in a quoted one, the value would differ); remove it (or end the line with CRLF or LF)';

describe('a carriage return with no line feed after it (a line break to go-yaml, not to Ferry)', () => {
  test.each<[string, string, PinConfig, string[]]>([
    [
      'in a comment, it hides a digest kustomize deploys',
      lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: 1.0.0', `  digest: ${OLD} # reviewed\r  digest: ${EVIL}`, ''),
      KUSTOMIZE,
      [`${KFILE}:5:93: ${CR}`],
    ],
    [
      'a CRLF file with one CR doubled (CR CR LF): the first is a lone CR',
      'images:\r\n- name: user-service\r\r\n  newTag: 1.0.0\r\n',
      KUSTOMIZE,
      [`${KFILE}:2:21: ${CR}`],
    ],
    [
      'Helm values: after the tag, and in a quoted value',
      lines('image:', `  repository: ${NAME}`, `  tag: 1.0.0 # reviewed\r  digest: ${EVIL}`, `  digest: "${OLD}\r"`, ''),
      HELM,
      [`${HFILE}:3:24: ${CR}`, `${HFILE}:4:83: ${CR}`],
    ],
    [
      'a workload: after the container name, an image kubectl reads',
      lines(...DEPLOYMENT, `      - name: app # main\r        image: ${NAME}:6.6.6@${EVIL}`, `        image: ${NAME}:1.0.0@${OLD}`, ''),
      CONTAINER,
      [`${CFILE}:9:25: ${CR}`],
    ],
  ])('%s: refused at each', (_name, text, pin, problems) => {
    expectRefused(text, pin, REF, problems);
  });

  test.each<[string, string, PinConfig, string]>([
    [
      'kustomize',
      `images:\r\n- name: user-service # app\r\n  newName: ${NAME}\r\n  newTag: 1.0.0\r\n  digest: ${OLD}\r\n`,
      KUSTOMIZE,
      `images:\r\n- name: user-service # app\r\n  newName: ${NAME}\r\n  newTag: 1.4.2\r\n  digest: ${D}\r\n`,
    ],
    ['Helm', `image:\r\n  repository: ${NAME} # r\r\n  tag: 1.0.0\r\n\r\n# end\r\n`, HELM, `image:\r\n  repository: ${NAME} # r\r\n  tag: 1.4.2\r\n  digest: ${D}\r\n\r\n# end\r\n`],
    ['a workload', `${DEPLOYMENT.join('\r\n')}\r\n      - name: app\r\n        image: old\r\n`, CONTAINER, `${DEPLOYMENT.join('\r\n')}\r\n      - name: app\r\n        image: ${IMAGE}\r\n`],
  ])('CRLF line endings (%s) are line breaks to both: pinned byte for byte', (_name, text, pin, expected) => {
    expect(pinImage(text, FILES[pin.kind], pin, REF).text).toBe(expected);
  });

  // A CRLF file converted twice (CR CR LF): go-yaml reads the lone CR as a line break, then an
  // empty line; Ferry reads the CR as part of the comment it ends, which is then no different.
  test.each<[string, string, PinConfig, string]>([
    [
      'kustomize: after comments, spaces and tabs between, and at the end of the file',
      `# dev\r\r\nimages:\r\n- name: user-service # app\r\r\n  newName: ${NAME}\r\n  newTag: 1.0.0 # t\r \t\r\n  digest: ${OLD}\r\n# end\r`,
      KUSTOMIZE,
      `# dev\r\r\nimages:\r\n- name: user-service # app\r\r\n  newName: ${NAME}\r\n  newTag: 1.4.2 # t\r \t\r\n  digest: ${D}\r\n# end\r`,
    ],
    ['Helm', `image:\r\n  repository: ${NAME} # r\r\r\n  tag: 1.0.0\r\n# end\r\r\n`, HELM, `image:\r\n  repository: ${NAME} # r\r\r\n  tag: 1.4.2\r\n  digest: ${D}\r\n# end\r\r\n`],
    ['a workload', `${DEPLOYMENT.join('\r\n')}\r\n      - name: app # a\r\r\n        image: old\r\n`, CONTAINER, `${DEPLOYMENT.join('\r\n')}\r\n      - name: app # a\r\r\n        image: ${IMAGE}\r\n`],
  ])('CR CR LF after a comment (%s): an empty line to go-yaml, the comment\'s end to Ferry: pinned byte for byte', (_name, text, pin, expected) => {
    expect(pinImage(text, FILES[pin.kind], pin, REF).text).toBe(expected);
    expect(() => readPinnedImage(text, FILES[pin.kind], pin)).not.toThrow();
  });

  test.each<[string, string, PinConfig, string[]]>([
    [
      'kustomize: after the digest (Ferry reads it as part of the value, go-yaml does not), and before text',
      `images:\r\n- name: user-service\r\n  newTag: 1.0.0\r\n  digest: ${OLD}\r\r\n# x\r  digest: ${EVIL}\r\n`,
      KUSTOMIZE,
      [`${KFILE}:4:82: ${CR}`, `${KFILE}:5:4: ${CR}`],
    ],
    [
      'Helm: after a tag, spaces between',
      `image:\r\n  repository: ${NAME}\r\n  tag: 1.0.0\r  \r\n`,
      HELM,
      [`${HFILE}:3:13: ${CR}`],
    ],
    [
      'a workload: in a block scalar',
      `${DEPLOYMENT.join('\r\n')}\r\n      - name: app\r\n        image: old\r\n        args:\r\n        - |\r\n          x\r\r\n          y\r\n`,
      CONTAINER,
      [`${CFILE}:13:12: ${CR}`],
    ],
  ])('CR CR LF where Ferry reads the CR in a value, or text follows it (%s): refused', (_name, text, pin, problems) => {
    expectRefused(text, pin, REF, problems);
  });

  test('every line ending CR CR LF (a CRLF file converted twice) does not parse: the error says why', () => {
    const text = ['images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: 1.0.0', `  digest: ${OLD}`, ''].join('\r\r\n');
    expect(() => pinImage(text, KFILE, KUSTOMIZE, REF)).toThrow(/the YAML does not parse: .*; the file has carriage returns \(CR\) with no line feed after them, as a file whose CRLF line endings were converted twice has: convert its line endings once$/m);
  });
});

const GO_YAML = 'go-yaml (the YAML reader of kustomize, Helm, kubectl and Argo CD)';
const ALSO = 'so the two could read different values here; write the key as text';
const binaryKey = (key: string) => `the key carries the explicit tag !!binary: ${GO_YAML} decodes it to the key "${key}", which Ferry does not match, ${ALSO}, without the tag`;
const aliasKey = (alias: string, key: string) => `the key is the alias *${alias}: ${GO_YAML} reads it as the key "${key}", Ferry does not match a key through an alias, ${ALSO} instead of the alias`;
const taggedKey = (tag: string) => `the key carries the explicit tag ${tag}: ${GO_YAML} reads the key through its tag, Ferry as the text written, ${ALSO}, without the tag`;
const collectionKey = (what: string) => `the key is a ${what}, not text: Ferry matches only keys written as text, and ${GO_YAML} does not read it as Ferry does, ${ALSO}`;

describe('a key go-yaml reads as another than Ferry does (an alias, a tag, a mapping or sequence), in a mapping Ferry walks', () => {
  test.each<[string, string, PinConfig, string]>([
    ['a second digest, tagged !!binary (ZGlnZXN0 is "digest")', lines('images:', ...PINNED_ENTRY, `  !!binary ZGlnZXN0: ${EVIL}`, ''), KUSTOMIZE, `${KFILE}:6:12: images[0]: ${binaryKey('digest')}`],
    ['a second digest, an alias of the first key', lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: 1.0.0', `  &d digest: ${OLD}`, `  *d : ${EVIL}`, ''), KUSTOMIZE, `${KFILE}:6:3: images[0]: ${aliasKey('d', 'digest')}`],
    ['a digest key with a tag of its own', lines('images:', '- name: user-service', `  newName: ${NAME}`, `  !custom digest: ${EVIL}`, ''), KUSTOMIZE, `${KFILE}:4:11: images[0]: ${taggedKey('!custom')}`],
    ['a sequence as a key', lines('images:', ...PINNED_ENTRY, '  ? [digest]', `  : ${EVIL}`, ''), KUSTOMIZE, `${KFILE}:6:5: images[0]: ${collectionKey('sequence')}`],
    ['another entry whose name key is tagged !!binary (bmFtZQ== is "name")', lines('images:', '- !!binary bmFtZQ==: user-service', `  digest: ${EVIL}`, ...PINNED_ENTRY, ''), KUSTOMIZE, `${KFILE}:2:12: images[0]: ${binaryKey('name')}`],
    ['a second images list at the top level, tagged !!binary', lines('resources: [../base]', '!!binary aW1hZ2Vz:', '- name: user-service', `  digest: ${EVIL}`, 'images:', ...PINNED_ENTRY, ''), KUSTOMIZE, `${KFILE}:2:10: ${binaryKey('images')}`],
    ['Helm: a second digest, tagged !!binary', lines('image:', `  repository: ${NAME}`, '  tag: 1.0.0', `  digest: ${OLD}`, `  !!binary ZGlnZXN0: ${EVIL}`, ''), HELM, `${HFILE}:5:12: image: ${binaryKey('digest')}`],
    ['Helm: a second digest, an alias key', lines('image:', `  repository: ${NAME}`, '  tag: 1.0.0', `  &d digest: ${OLD}`, `  *d : ${EVIL}`, ''), HELM, `${HFILE}:5:3: image: ${aliasKey('d', 'digest')}`],
    ['Helm: a second image at the top level, tagged !!binary', lines(`!!binary aW1hZ2U=: {digest: ${EVIL}}`, 'image:', `  repository: ${NAME}`, '  tag: 1.0.0', `  digest: ${OLD}`, ''), HELM, `${HFILE}:1:10: ${binaryKey('image')}`],
    ['a second image in the container, tagged !!binary', lines(...DEPLOYMENT, '      - name: app', `        image: ${NAME}:1.0.0@${OLD}`, `        !!binary aW1hZ2U=: ${NAME}:6.6.6@${EVIL}`, ''), CONTAINER, `${CFILE}:11:18: spec.template.spec.containers[0]: ${binaryKey('image')}`],
    ['a second image in the container, an alias key', lines(...DEPLOYMENT, '      - name: app', `        &i image: ${NAME}:1.0.0@${OLD}`, `        *i : ${NAME}:6.6.6@${EVIL}`, ''), CONTAINER, `${CFILE}:11:9: spec.template.spec.containers[0]: ${aliasKey('i', 'image')}`],
    ['a workload whose kind key is tagged !!binary (a2luZA== is "kind")', lines('apiVersion: apps/v1', '!!binary a2luZA==: Deployment', ...DEPLOYMENT.slice(2), '      - name: app', `        image: ${NAME}:1.0.0@${OLD}`, ''), CONTAINER, `${CFILE}:2:10: ${binaryKey('kind')}`],
    ['a mapping as a key in the pod spec', lines(...DEPLOYMENT, '      - name: app', `        image: ${NAME}:1.0.0@${OLD}`, '      ? {containers: x}', '      : 1', ''), CONTAINER, `${CFILE}:11:9: spec.template.spec: ${collectionKey('mapping')}`],
  ])('%s: refused', (_name, text, pin, problem) => {
    expectRefused(text, pin, REF, [problem]);
  });

  test.each<[string, string, PinConfig, string]>([
    [
      'kustomize: quoted keys, !!str and ! tags, an explicit key, odd spacing, an anchored key, a tagged key off the path',
      lines('!!str images:', '- "name": user-service', '  ? newName', `  : old.example.com/x`, '  !!str newTag  :   1.0.0', `  ! 'digest': ${OLD}`, '- {name: other, &n newTag: "2"}', 'labels: {!!binary eA==: y}', ''),
      KUSTOMIZE,
      lines('!!str images:', '- "name": user-service', '  ? newName', `  : ${NAME}`, '  !!str newTag  :   1.4.2', `  ! 'digest': ${D}`, '- {name: other, &n newTag: "2"}', 'labels: {!!binary eA==: y}', ''),
    ],
    [
      'Helm: flow style, quoted and explicit keys',
      lines(`"image": {'repository' : ${NAME}, ? tag : 1.0.0, !!str digest: ${OLD}}`, 'x: &k key', 'other: {*k : 1}', ''),
      HELM,
      lines(`"image": {'repository' : ${NAME}, ? tag : 1.4.2, !!str digest: ${D}}`, 'x: &k key', 'other: {*k : 1}', ''),
    ],
    [
      'a workload: quoted and tagged !!str keys on the way',
      lines('apiVersion: apps/v1', '"kind": Deployment', 'metadata: {name: web, labels: {!!binary eA==: y}}', "'spec':", '  template:', '    !!str spec:', '      containers:', '      - name: app', '        "image" : old', ''),
      CONTAINER,
      lines('apiVersion: apps/v1', '"kind": Deployment', 'metadata: {name: web, labels: {!!binary eA==: y}}', "'spec':", '  template:', '    !!str spec:', '      containers:', '      - name: app', `        "image" : ${IMAGE}`, ''),
    ],
  ])('%s: pinned byte for byte', (_name, text, pin, expected) => {
    expect(pinImage(text, FILES[pin.kind], pin, REF).text).toBe(expected);
  });
});

describe('a top-level key of a kustomization that is images in another case (encoding/json sorts keys: a later one wins)', () => {
  test.each<[string, string, string]>([
    ['Images', 'Images', lines('images:', ...PINNED_ENTRY, 'Images:', '- name: user-service', '  newName: evil.example.com/user-service', `  digest: ${EVIL}`, '')],
    ['IMAGES', 'IMAGES', lines('IMAGES:', '- name: user-service', `  digest: ${EVIL}`, 'images:', ...PINNED_ENTRY, '')],
    ['image\u017f (a long s folds to s in Go)', 'image\u017f', lines('images:', ...PINNED_ENTRY, 'image\u017f:', '- name: user-service', `  digest: ${EVIL}`, '')],
    ['ImAgEs, with no images: beside it', 'ImAgEs', lines('resources: [../base]', 'ImAgEs:', ...PINNED_ENTRY, '')],
  ])('%s: refused', (_name, key, text) => {
    const line = text.split('\n').findIndex((l) => l.startsWith(`${key}:`)) + 1;
    expectRefused(text, KUSTOMIZE, REF, [`${KFILE}:${line}:1: images: ${caseless(key, 'images')}`]);
  });

  test('\u0130mages and \u0131mages are no images to Go (kustomize v5.5 calls them unknown fields): pinned', () => {
    const text = lines('images:', ...PINNED_ENTRY, '\u0130mages: []', '\u0131mages: []', '');
    expect(pinImage(text, KFILE, KUSTOMIZE, REF).text).toBe(lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: 1.4.2', `  digest: ${D}`, '\u0130mages: []', '\u0131mages: []', ''));
  });

  test('Helm values and Kubernetes objects are read with their keys as written: Digest or Image beside the field is no matter', () => {
    const h = lines('image:', `  repository: ${NAME}`, '  tag: 1.0.0', `  digest: ${OLD}`, `  Digest: ${EVIL}`, 'Image: {digest: x}', '');
    expect(pinImage(h, HFILE, HELM, REF).text).toBe(lines('image:', `  repository: ${NAME}`, '  tag: 1.4.2', `  digest: ${D}`, `  Digest: ${EVIL}`, 'Image: {digest: x}', ''));
    const c = lines(...DEPLOYMENT, '      - name: app', '        image: old', `        Image: ${NAME}:6.6.6@${EVIL}`, '');
    expect(pinImage(c, CFILE, CONTAINER, REF).text).toBe(lines(...DEPLOYMENT, '      - name: app', `        image: ${IMAGE}`, `        Image: ${NAME}:6.6.6@${EVIL}`, ''));
  });
});

const unread = 'this document follows a "..." line with no "---" of its own: kubectl, kustomize and Argo CD split a file at "---" lines and read one document from each part, so they never read this one (go-yaml stops at the "..."), yet Ferry would read and pin it; put a "---" line before it (or remove the "..." line)';

describe('a workload file with a document after "..." and no "---" (kubectl and kustomize never read it)', () => {
  test.each<[string, string, string]>([
    [
      'the workload after a ConfigMap and "..."',
      lines('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: cfg}', '...', ...DEPLOYMENT, '      - name: app', `        image: ${NAME}:1.0.0@${OLD}`, ''),
      `${CFILE}:5:1: ${unread}`,
    ],
    [
      'the workload first, something else after "..."',
      lines(...DEPLOYMENT, '      - name: app', `        image: ${NAME}:1.0.0@${OLD}`, '...', 'apiVersion: v1', 'kind: Service', ''),
      `${CFILE}:12:1: ${unread}`,
    ],
  ])('%s: refused', (_name, text, problem) => {
    expectRefused(text, CONTAINER, REF, [problem]);
  });

  test.each<[string, string, string]>([
    ['"..." then "---"', lines('kind: ConfigMap', '...', '--- # next', ...DEPLOYMENT, '      - name: app', '        image: old', ''), lines('kind: ConfigMap', '...', '--- # next', ...DEPLOYMENT, '      - name: app', `        image: ${IMAGE}`, '')],
    ['"..." and a comment at the end', lines(...DEPLOYMENT, '      - name: app', '        image: old', '...', '# end', ''), lines(...DEPLOYMENT, '      - name: app', `        image: ${IMAGE}`, '...', '# end', '')],
  ])('%s: pinned byte for byte', (_name, text, expected) => {
    expect(pinImage(text, CFILE, CONTAINER, REF).text).toBe(expected);
  });
});
