import { describe, expect, test } from 'vitest';
import type { PinConfig } from '../../actions/src/core/config.js';
import { ConfigurationError } from '../../actions/src/core/errors.js';
import { pinImage, readPinnedImage, readPinnedImageAt, type PinnedImage } from '../../actions/src/core/image-pin.js';
import type { ImageRef } from '../../actions/src/core/image-ref.js';

/** Lines joined by LF: a trailing '' gives the file its final newline. */
const lines = (...l: string[]): string => l.join('\n');

const D = `sha256:${'a'.repeat(64)}`;
const OLD = `sha256:${'b'.repeat(64)}`;
const NAME = '123456789012.dkr.ecr.eu-central-1.amazonaws.com/user-service';
const REF: ImageRef = { registry: '123456789012.dkr.ecr.eu-central-1.amazonaws.com', repository: 'user-service', tag: '1.4.2', digest: D };

const KUSTOMIZE: PinConfig = { kind: 'kustomize', name: 'user-service' };
const HELM: PinConfig = { kind: 'helm', repository: 'image.repository', tag: 'image.tag', digest: 'image.digest' };
const CONTAINER: PinConfig = { kind: 'container', container: 'user-service' };

const kustomization = (newTag: string, digest: string): string =>
  lines('apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'resources: [../base]', 'images:', '  - name: user-service # the app', `    newName: ${NAME}`, `    newTag: ${newTag}`, `    digest: ${digest}`, '');
const values = (tag: string, digest: string): string => lines('image:', `  repository: ${NAME}`, `  tag: "${tag}"`, `  digest: "${digest}"`, '');
const deployment = (image: string): string =>
  lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: user-service}', 'spec:', '  template:', '    spec:', '      containers:', '        - name: user-service', `          image: ${image} # ferry`, '');

describe('pinImage dispatches on the pin kind', () => {
  test.each<[string, PinConfig, string, string, PinnedImage]>([
    ['kustomize', KUSTOMIZE, kustomization('1.4.1', OLD), kustomization('1.4.2', D), { image: `${NAME}:1.4.1@${OLD}`, name: NAME, tag: '1.4.1', digest: OLD }],
    ['helm', HELM, values('1.4.1', OLD), values('1.4.2', D), { image: `${NAME}:1.4.1@${OLD}`, name: NAME, tag: '1.4.1', digest: OLD }],
    ['container', CONTAINER, deployment(`${NAME}:1.4.1@${OLD}`), deployment(`${NAME}:1.4.2@${D}`), { image: `${NAME}:1.4.1@${OLD}`, name: NAME, tag: '1.4.1', digest: OLD }],
  ])('%s', (_kind, pin, before, after, previous) => {
    expect(readPinnedImage(before, 'env/file.yaml', pin)).toEqual(previous);
    expect(pinImage(before, 'env/file.yaml', pin, REF)).toEqual({ text: after, changed: true, previous });
    // Idempotent: pinning the same image again changes nothing and returns the input text.
    const again = pinImage(after, 'env/file.yaml', pin, REF);
    expect(again).toEqual({ text: after, changed: false, previous: { image: `${NAME}:1.4.2@${D}`, name: NAME, tag: '1.4.2', digest: D } });
    expect(readPinnedImage(after, 'env/file.yaml', pin)).toEqual(again.previous);
  });

  test.each<[string, PinConfig, string]>([
    ['kustomize', KUSTOMIZE, kustomization('1.4.2', D)],
    ['helm', HELM, values('1.4.2', D)],
    ['container', CONTAINER, deployment(`${NAME}:1.4.2@${D}`)],
  ])('%s: a pin in place leaves the text as it is, CRLF and all', (_kind, pin, text) => {
    const crlf = text.replace(/\n/g, '\r\n');
    const edit = pinImage(crlf, 'env/file.yaml', pin, REF);
    expect(edit.changed).toBe(false);
    expect(edit.text).toBe(crlf);
  });

  test('a new digest with the same tag changes only the digest bytes', () => {
    const before = kustomization('1.4.2', OLD);
    const after = pinImage(before, 'k.yaml', KUSTOMIZE, REF).text;
    expect(after).toBe(kustomization('1.4.2', D));
    expect(after.length).toBe(before.length);
    expect([...after].filter((c, i) => c !== before[i]).join('')).toBe('a'.repeat(64));
  });
});

describe('pinImage: several edits at one place', () => {
  const ref: ImageRef = { registry: 'reg.example.com', repository: 'user-service', tag: '1.4.2', digest: D };
  const name = 'reg.example.com/user-service';

  test.each<[string, PinConfig, string, string]>([
    ['helm: three keys into an empty flow mapping', HELM, lines('image: {}', ''), lines(`image: {repository: ${name}, tag: 1.4.2, digest: ${D}}`, '')],
    ['helm: an empty last value without a final newline, then two new keys', HELM, lines('image:', '  tag:'), lines('image:', '  tag: 1.4.2', `  repository: ${name}`, `  digest: ${D}`)],
    ['kustomize: an empty last newTag without a final newline, then two new keys', KUSTOMIZE, lines('images:', '- name: user-service', '  newTag:'), lines('images:', '- name: user-service', '  newTag: 1.4.2', `  newName: ${name}`, `  digest: ${D}`)],
    ['kustomize: an empty last digest without a final newline, then a new key', KUSTOMIZE, lines('images:', '- name: user-service', '  newTag: 1.4.2', '  digest:'), lines('images:', '- name: user-service', '  newTag: 1.4.2', `  digest: ${D}`, `  newName: ${name}`)],
  ])('%s', (_name, pin, before, after) => {
    expect(pinImage(before, 'f.yaml', pin, ref).text).toBe(after);
    expect(pinImage(after, 'f.yaml', pin, ref).changed).toBe(false);
  });
});

describe('pinImage refuses rather than writing something wrong', () => {
  test('YAML that does not parse: every error with file, line and column', () => {
    const text = lines('images:', '- name: user-service', '  newTag: "1.0', '');
    let error: unknown;
    try {
      pinImage(text, 'dev/kustomization.yaml', KUSTOMIZE, REF);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems).toEqual([{ file: 'dev/kustomization.yaml', line: 3, column: 11, message: 'the YAML does not parse: Missing closing "quote for the value that starts here' }]);
    expect((error as ConfigurationError).message).toBe('dev/kustomization.yaml:3:11: the YAML does not parse: Missing closing "quote for the value that starts here');
  });

  test('readPinnedImage reports the same errors', () => {
    expect(() => readPinnedImage(lines('images:', '- name: other', ''), 'dev/kustomization.yaml', KUSTOMIZE)).toThrow('dev/kustomization.yaml:1:1: images: no entry with name "user-service" (found: "other")');
  });

  test('no partial edit: one value that cannot be edited stops the others', () => {
    const text = lines(`x: &d ${OLD}`, 'image:', '  repository: old', '  tag: old', '  digest: *d', '');
    expect(() => pinImage(text, 'values.yaml', HELM, REF)).toThrow('values.yaml:5:11: image.digest: the value is the alias *d;');
  });

  // (The layout this refused before, `- ? name` then `  : user-service`, is edited now: see
  // kustomize-images.test.ts. Paths whose keys YAML reads otherwise than written still misjudge.)
  test('an edit that would not read back is refused, located in the file as it is', () => {
    const text = lines('image:', '  tag: "1.0"', '');
    // `1:` and `01:` are both the number 1 to YAML: one key twice.
    expect(() => pinImage(text, 'values.yaml', { kind: 'helm', tag: 'image.1', digest: 'image.01' }, REF)).toThrow(
      "values.yaml:2:3: Ferry cannot edit this file's layout safely: after the edit made here the file would not read back (line 4, column 3 of the edited text: the YAML does not parse: Map keys must be unique); nothing was changed",
    );
    // `null:` is a key with no name: the digest would not be found where it was written.
    expect(() => pinImage(text, 'values.yaml', { kind: 'helm', digest: 'image.null' }, REF)).toThrow(
      `values.yaml:2:3: Ferry cannot edit this file's layout safely: after the edit made here the pin would read "" instead of "@${D}"; nothing was changed`,
    );
  });

  test('an alias with no anchor before it is refused where it is, as go-yaml (kustomize, Helm) refuses it', () => {
    const text = lines('images:', '- name: user-service', '  newTag: *t', 'x-tag: &t "1"', '');
    const message = 'k.yaml:3:11: the YAML does not read: the alias *t refers to no anchor &t before it in its document (go-yaml, the YAML reader of kustomize and Helm, fails with "unknown anchor")';
    expect(() => readPinnedImage(text, 'k.yaml', KUSTOMIZE)).toThrow(message);
    expect(() => pinImage(text, 'k.yaml', KUSTOMIZE, REF)).toThrow(message);
  });
});

describe('a pin whose value is no part of an image reference: located at the value, with its field', () => {
  const TAG = "expected a tag of 1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'";
  const DIGEST = 'expected sha256:<64 lowercase hex digits>';
  const REFUSED = '; Ferry records the image it replaces in the commit, so fix this value by hand first; nothing was changed';
  const FILE = 'stage/order-service/kustomization.yaml';

  // kustomization(): newName on line 6 (value at column 14), newTag on line 7 and digest on line 8 (values at column 13).
  test.each<[string, PinConfig, string, string[]]>([
    ['a kustomize tag with spaces', KUSTOMIZE, kustomization('"1.0.0 bad tag"', OLD), [`${FILE}:7:13: images[0].newTag: ${TAG}, found "1.0.0 bad tag"`]],
    // A line break would end the Ferry-Previous-Image trailer: refused here, named by file and line, not by the trailer check.
    ['a kustomize tag with a line break', KUSTOMIZE, kustomization('"1.0.0\\nX: y"', OLD), [`${FILE}:7:13: images[0].newTag: ${TAG}, found "1.0.0\\nX: y"`]],
    ['a kustomize digest in uppercase', KUSTOMIZE, kustomization('1.4.1', OLD.toUpperCase().replace('SHA256', 'sha256')), [`${FILE}:8:13: images[0].digest: ${DIGEST}, found "${OLD.toUpperCase().replace('SHA256', 'sha256')}" (the digest must be lowercase hex)`]],
    ['a kustomize digest too short', KUSTOMIZE, kustomization('1.4.1', 'sha256:abc'), [`${FILE}:8:13: images[0].digest: ${DIGEST}, found "sha256:abc" (the digest has 3 hex digits, not 64)`]],
    [
      'a kustomize name that is no image name, and a bad tag: both',
      KUSTOMIZE,
      kustomization('1.0+x', OLD).replace(`newName: ${NAME}`, 'newName: "Evil Name"'),
      [
        `${FILE}:6:14: images[0].newName: expected [registry/]repository, the repository in lowercase path components, found "Evil Name"`,
        `${FILE}:7:13: images[0].newTag: ${TAG}, found "1.0+x"`,
      ],
    ],
    ['a Helm tag', HELM, values('1 0', OLD), [`${FILE}:3:8: image.tag: ${TAG}, found "1 0"`]],
    ['a Helm digest', HELM, values('1.4.1', 'sha256:xyz'), [`${FILE}:4:11: image.digest: ${DIGEST}, found "sha256:xyz" (the digest has "x", which is not a hex digit)`]],
    [
      "a container's tag: named in the whole image",
      CONTAINER,
      deployment(`${NAME}:a/b@${OLD}`),
      [`${FILE}:9:18: spec.template.spec.containers[0].image: the name "${NAME}:a/b" is not [registry/]repository, the repository in lowercase path components; expected registry/repository[:tag][@sha256:<64 lowercase hex digits>], found "${NAME}:a/b@${OLD}"`],
    ],
  ])('%s', (_title, pin, text, expected) => {
    const refusal = (f: () => unknown): string[] => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigurationError);
        return (e as ConfigurationError).problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.field}: ${p.message}`);
      }
      throw new Error('no error');
    };
    // Reading it (promote's source, rollback's current image, status) names the value.
    expect(refusal(() => readPinnedImage(text, FILE, pin))).toEqual(expected);
    // Pinning over it (bump, promote, rollback) refuses: the commit would record it as the image it replaced.
    expect(refusal(() => pinImage(text, FILE, pin, REF))).toEqual(expected.map((m) => `${m}${REFUSED}`));
  });

  test('a pin with no tag and no digest yet is no problem: the first bump replaces it', () => {
    const text = lines('images:', '- name: user-service', '');
    expect(pinImage(text, FILE, KUSTOMIZE, REF)).toMatchObject({ changed: true, previous: { image: 'user-service', name: 'user-service' } });
  });

  test('readPinnedImageAt gives each part with the line and column of its value', () => {
    expect(readPinnedImageAt(kustomization('1.4.1', OLD), FILE, KUSTOMIZE)).toEqual({
      pinned: { image: `${NAME}:1.4.1@${OLD}`, name: NAME, tag: '1.4.1', digest: OLD },
      places: {
        name: { field: 'images[0].newName', line: 6, column: 14, present: true },
        tag: { field: 'images[0].newTag', line: 7, column: 13, present: true },
        digest: { field: 'images[0].digest', line: 8, column: 13, present: true },
      },
    });
  });
});
