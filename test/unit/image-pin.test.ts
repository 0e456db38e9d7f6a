import { describe, expect, test } from 'vitest';
import type { PinConfig } from '../../actions/src/core/config.js';
import { ConfigurationError } from '../../actions/src/core/errors.js';
import { pinImage, readPinnedImage, type PinnedImage } from '../../actions/src/core/image-pin.js';
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
    expect((error as ConfigurationError).problems).toEqual([{ file: 'dev/kustomization.yaml', line: 4, column: 1, message: 'the YAML does not parse: Missing closing "quote' }]);
    expect((error as ConfigurationError).message).toBe('dev/kustomization.yaml:4:1: the YAML does not parse: Missing closing "quote');
  });

  test('readPinnedImage reports the same errors', () => {
    expect(() => readPinnedImage(lines('images:', '- name: other', ''), 'dev/kustomization.yaml', KUSTOMIZE)).toThrow('dev/kustomization.yaml:1:1: images: no entry with name "user-service" (found: "other")');
  });

  test('no partial edit: one value that cannot be edited stops the others', () => {
    const text = lines(`x: &d ${OLD}`, 'image:', '  repository: old', '  tag: old', '  digest: *d', '');
    expect(() => pinImage(text, 'values.yaml', HELM, REF)).toThrow('values.yaml:5:11: image.digest: the value is the alias *d;');
  });

  test('a layout whose edit would not read back is refused', () => {
    const text = lines('images:', '- ? name', '  : user-service', '');
    expect(() => pinImage(text, 'k.yaml', KUSTOMIZE, REF)).toThrow(
      "k.yaml: Ferry cannot edit this file's layout safely: after the edit the file would not read back (k.yaml:3:5: the YAML does not parse: Implicit keys need to be on a single line); nothing was changed",
    );
  });
});
