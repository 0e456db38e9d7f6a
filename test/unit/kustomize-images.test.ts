import { describe, expect, test } from 'vitest';
import { ConfigurationError } from '../../actions/src/core/errors.js';
import { pinImage, readPinnedImage } from '../../actions/src/core/image-pin.js';
import type { ImageRef } from '../../actions/src/core/image-ref.js';

/** Lines joined by LF: a trailing '' gives the file its final newline. */
const lines = (...l: string[]): string => l.join('\n');

const FILE = 'overlays/dev/kustomization.yaml';
const PIN = { kind: 'kustomize', name: 'user-service' } as const;
const D = `sha256:${'a'.repeat(64)}`;
const OLD = `sha256:${'b'.repeat(64)}`;
const NAME = 'reg.example.com/team/user-service';
const REF: ImageRef = { registry: 'reg.example.com', repository: 'team/user-service', tag: '1.4.2', digest: D };
const NO_TAG: ImageRef = { registry: 'reg.example.com', repository: 'team/user-service', digest: D };

describe('pinning a kustomize images: entry', () => {
  test.each<[string, string, ImageRef, string]>([
    [
      'all keys present, plain',
      lines('resources:', '- ../../base', 'images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: 1.4.1', `  digest: ${OLD}`, ''),
      REF,
      lines('resources:', '- ../../base', 'images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: 1.4.2', `  digest: ${D}`, ''),
    ],
    [
      'a comment after the value stays',
      lines('images:', '- name: user-service', `  newName: ${NAME} # where`, '  newTag: 1.0.1 # pinned', `  digest: ${OLD}   # by ferry`, ''),
      REF,
      lines('images:', '- name: user-service', `  newName: ${NAME} # where`, '  newTag: 1.4.2 # pinned', `  digest: ${D}   # by ferry`, ''),
    ],
    [
      'double quotes stay double, single stay single',
      lines('images:', '- name: "user-service"', `  newName: "old.example.com/x"`, "  newTag: '1.0.0'", `  digest: "${OLD}"`, ''),
      REF,
      lines('images:', '- name: "user-service"', `  newName: "${NAME}"`, "  newTag: '1.4.2'", `  digest: "${D}"`, ''),
    ],
    [
      'missing keys are inserted after the last key, in the order newName, newTag, digest',
      lines('images:', '- name: other', '  newTag: "7"', '- name: user-service # the app', '', '# trailing comment', ''),
      REF,
      lines('images:', '- name: other', '  newTag: "7"', '- name: user-service # the app', `  newName: ${NAME}`, '  newTag: 1.4.2', `  digest: ${D}`, '', '# trailing comment', ''),
    ],
    [
      'entries indented under images: keep their indentation',
      lines('images:', '    -   name: user-service', '        newTag: 1.0.0', 'resources: [a.yaml]', ''),
      REF,
      lines('images:', '    -   name: user-service', '        newTag: 1.4.2', `        newName: ${NAME}`, `        digest: ${D}`, 'resources: [a.yaml]', ''),
    ],
    [
      'CRLF: inserted lines end in CRLF too',
      'images:\r\n  - name: user-service\r\n    newTag: 1.0.0\r\nresources:\r\n  - a.yaml\r\n',
      REF,
      `images:\r\n  - name: user-service\r\n    newTag: 1.4.2\r\n    newName: ${NAME}\r\n    digest: ${D}\r\nresources:\r\n  - a.yaml\r\n`,
    ],
    [
      'no final newline: the file still ends without one',
      lines('images:', '- name: user-service', '  newTag: 1.0.0 # pinned'),
      REF,
      lines('images:', '- name: user-service', '  newTag: 1.4.2 # pinned', `  newName: ${NAME}`, `  digest: ${D}`),
    ],
    [
      'CRLF and no final newline',
      'images:\r\n- name: user-service',
      REF,
      `images:\r\n- name: user-service\r\n  newName: ${NAME}\r\n  newTag: 1.4.2\r\n  digest: ${D}`,
    ],
    [
      'flow mapping: pairs are inserted before the closing brace',
      lines('images: [{name: other}, {name: user-service, newTag: 1.0.0}] # flow', ''),
      REF,
      lines(`images: [{name: other}, {name: user-service, newTag: 1.4.2, newName: ${NAME}, digest: ${D}}] # flow`, ''),
    ],
    [
      'flow mapping with spaces, over several lines',
      lines('images:', '  - { name: user-service,', `      digest: ${OLD} }`, ''),
      REF,
      lines('images:', '  - { name: user-service,', `      digest: ${D}, newName: ${NAME}, newTag: 1.4.2 }`, ''),
    ],
    [
      'no tag: newTag is removed with its line and comment',
      lines('images:', '- name: user-service', '  newTag: 1.0.0 # pinned', `  newName: ${NAME}`, `  digest: ${OLD}`, '- name: other', ''),
      NO_TAG,
      lines('images:', '- name: user-service', `  newName: ${NAME}`, `  digest: ${D}`, '- name: other', ''),
    ],
    [
      'no tag: newTag as the last key is removed and digest takes its place',
      lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: 1.0.0'),
      NO_TAG,
      lines('images:', '- name: user-service', `  newName: ${NAME}`, `  digest: ${D}`),
    ],
    [
      'no tag: newTag on the dash line is removed up to the next key',
      lines('images:', '- newTag: 1.0.0', '  name: user-service', `  newName: ${NAME}`, `  digest: ${OLD}`, ''),
      NO_TAG,
      lines('images:', '- name: user-service', `  newName: ${NAME}`, `  digest: ${D}`, ''),
    ],
    [
      'no tag: newTag is removed from a flow mapping',
      lines(`images: [{name: user-service, newTag: 1.0.0, newName: ${NAME}, digest: ${OLD}}]`, ''),
      NO_TAG,
      lines(`images: [{name: user-service, newName: ${NAME}, digest: ${D}}]`, ''),
    ],
    [
      'no tag: newTag first in a flow mapping',
      lines(`images: [{newTag: 1.0.0, name: user-service, newName: ${NAME}, digest: ${OLD}}]`, ''),
      NO_TAG,
      lines(`images: [{name: user-service, newName: ${NAME}, digest: ${D}}]`, ''),
    ],
    [
      // (kustomize v5.5 renders it, the annotation through the alias *k included; before, &k was
      // removed with newTag and kustomize failed: unknown anchor 'k' referenced.)
      'no tag: newTag on the dash line, before a key with an anchor: the anchor stays on that key',
      lines('resources: [d.yaml]', 'images:', '- newTag: 1.0.0', '  &k name: user-service', 'commonAnnotations:', '  *k : user-service', ''),
      NO_TAG,
      lines('resources: [d.yaml]', 'images:', '- &k name: user-service', `  newName: ${NAME}`, `  digest: ${D}`, 'commonAnnotations:', '  *k : user-service', ''),
    ],
    [
      'no tag: newTag on the dash line, comment lines before the next key: they stay, the dash keeps its line',
      lines('images:', '- newTag: 1.0 # the tag', '  # keep: about the name below', '', '  name: user-service', ''),
      NO_TAG,
      lines('images:', '-', '  # keep: about the name below', '', '  name: user-service', `  newName: ${NAME}`, `  digest: ${D}`, ''),
    ],
    [
      'no tag: newTag last in a flow mapping, a comment before it: the comma goes, the comment stays',
      lines('images:', '- {name: user-service, # the app', '   newTag: "1.0"}', ''),
      NO_TAG,
      lines('images:', '- {name: user-service # the app', `   , newName: ${NAME}, digest: ${D}}`, ''),
    ],
    [
      'no tag: newTag first in a flow mapping, comments after it: they stay',
      lines('images:', `- {newTag: "1.0" # the tag, for now`, `   , # about the name`, `   name: user-service, newName: ${NAME}, digest: ${OLD}}`, ''),
      NO_TAG,
      lines('images:', `- { # the tag, for now`, `    # about the name`, `   name: user-service, newName: ${NAME}, digest: ${D}}`, ''),
    ],
    [
      'no tag: an explicit key (? newTag) goes with its value line',
      lines('images:', '- name: user-service', '  ? newTag', '  : 1.0', `  digest: ${OLD}`, ''),
      NO_TAG,
      lines('images:', '- name: user-service', `  digest: ${D}`, `  newName: ${NAME}`, ''),
    ],
    [
      'no tag: an explicit key (? newTag) on the dash line, up to the next key',
      lines('images:', '- ? !!str newTag', '  : 1.0', '  name: user-service', ''),
      NO_TAG,
      lines('images:', '- name: user-service', `  newName: ${NAME}`, `  digest: ${D}`, ''),
    ],
    [
      'an explicit key (? name) on the dash line: new keys at the column of its ?',
      lines('images:', '- ? name', '  : user-service', ''),
      REF,
      lines('images:', '- ? name', '  : user-service', `  newName: ${NAME}`, '  newTag: 1.4.2', `  digest: ${D}`, ''),
    ],
    [
      'keys with anchors and tags: new keys at the column of the first one',
      lines('images:', '- &n name: user-service', '  !!str newTag: "1.0"', ''),
      REF,
      lines('images:', '- &n name: user-service', '  !!str newTag: "1.4.2"', `  newName: ${NAME}`, `  digest: ${D}`, ''),
    ],
    [
      'a tag that YAML would read as a number is written quoted',
      lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: 1.0', `  digest: ${OLD}`, ''),
      { ...REF, tag: '1.0' },
      lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: "1.0"', `  digest: ${D}`, ''),
    ],
    [
      'an explicit !!str tag keeps a number-like tag plain',
      lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: !!str 1.0', `  digest: ${OLD}`, ''),
      { ...REF, tag: '2.0' },
      lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: !!str 2.0', `  digest: ${D}`, ''),
    ],
    [
      'the non-specific tag ! (a string) stays',
      lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: ! 1.0.0', `  digest: ${OLD}`, ''),
      REF,
      lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: ! 1.4.2', `  digest: ${D}`, ''),
    ],
    [
      'an anchored value that no alias uses keeps its anchor',
      lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: &tag 1.0.0', `  digest: &d ${OLD}`, ''),
      REF,
      lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: &tag 1.4.2', `  digest: &d ${D}`, ''),
    ],
    [
      'anchors and aliases elsewhere stay',
      lines('x-common: &common {team: payments}', 'commonLabels: *common', 'images:', '- name: user-service', '  newTag: 1.0.0', ''),
      REF,
      lines('x-common: &common {team: payments}', 'commonLabels: *common', 'images:', '- name: user-service', '  newTag: 1.4.2', `  newName: ${NAME}`, `  digest: ${D}`, ''),
    ],
    [
      'empty values get a value, before a comment',
      lines('images:', '- name: user-service', '  newName:', '  newTag: # set by ferry', '  digest:', ''),
      REF,
      lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: 1.4.2 # set by ferry', `  digest: ${D}`, ''),
    ],
    [
      'an empty last value without a final newline gets its value before the inserted keys',
      lines('images:', '- name: user-service', '  newTag:'),
      REF,
      lines('images:', '- name: user-service', '  newTag: 1.4.2', `  newName: ${NAME}`, `  digest: ${D}`),
    ],
    [
      'an empty digest last, without a final newline, and newName to insert',
      lines('images:', '- name: user-service', '  newTag: 1.4.2', '  digest:'),
      REF,
      lines('images:', '- name: user-service', '  newTag: 1.4.2', `  digest: ${D}`, `  newName: ${NAME}`),
    ],
    [
      'flow mapping: an empty last value gets its value before the inserted keys',
      lines('images: [{name: user-service, newTag:}]', ''),
      REF,
      lines(`images: [{name: user-service, newTag: 1.4.2, newName: ${NAME}, digest: ${D}}]`, ''),
    ],
    [
      'tabs as separators and in comments, unicode, BOM',
      lines('\ufeff# déploiement 🚀 — dev', 'images:', '- name: user-service\t# ünïcode', '  newTag:\t1.0.0\t# pinned', ''),
      REF,
      lines('\ufeff# déploiement 🚀 — dev', 'images:', '- name: user-service\t# ünïcode', '  newTag:\t1.4.2\t# pinned', `  newName: ${NAME}`, `  digest: ${D}`, ''),
    ],
    [
      'document start marker and comments before it stay',
      lines('# managed by ferry', '---', 'apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'images:', '- name: user-service', '  newTag: 1.0.0', '...', ''),
      REF,
      lines('# managed by ferry', '---', 'apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'images:', '- name: user-service', '  newTag: 1.4.2', `  newName: ${NAME}`, `  digest: ${D}`, '...', ''),
    ],
  ])('%s', (_name, input, ref, expected) => {
    const edit = pinImage(input, FILE, PIN, ref);
    expect(edit.text).toBe(expected);
    expect(edit.changed).toBe(true);
    // Idempotent: the same pin again changes nothing.
    const again = pinImage(edit.text, FILE, PIN, ref);
    expect(again).toEqual({ text: expected, changed: false, previous: readPinnedImage(expected, FILE, PIN) });
  });

  test('the previous pin is read from newName (else name), newTag and digest', () => {
    const text = lines('images:', '- name: user-service', '  newName: old.example.com/x', '  newTag: "1.0"', `  digest: ${OLD}`, '- name: bare', '');
    expect(pinImage(text, FILE, PIN, REF).previous).toEqual({ image: `old.example.com/x:1.0@${OLD}`, name: 'old.example.com/x', tag: '1.0', digest: OLD });
    expect(readPinnedImage(text, FILE, { kind: 'kustomize', name: 'bare' })).toEqual({ image: 'bare', name: 'bare' });
  });

  test('a number-like plain tag reads as written', () => {
    const text = lines('images:', '- name: user-service', '  newTag: 1.10', '');
    expect(readPinnedImage(text, FILE, PIN)).toEqual({ image: 'user-service:1.10', name: 'user-service', tag: '1.10' });
  });

  // go-yaml (Helm, kustomize) takes out every `_`, then reads base-prefixed integers in any case
  // and its float pattern as numbers; YAML 1.1 and 1.2 read some of these as strings.
  test.each<[string, string]>([
    ['0X1F', '"0X1F"'],
    ['0x1f', '"0x1f"'],
    ['-0x1F', '"-0x1F"'],
    ['0O17', '"0O17"'],
    ['0B11', '"0B11"'],
    ['+0b1_1', '"+0b1_1"'],
    ['017', '"017"'],
    ['1e1_0', '"1e1_0"'],
    ['1_0.5', '"1_0.5"'],
    ['.5_0', '".5_0"'],
    ['2024.01', '"2024.01"'],
    ['1.0', '"1.0"'],
    ['1.4.2', '1.4.2'],
    ['v1.0', 'v1.0'],
    ['1.0.0-rc1', '1.0.0-rc1'],
    ['latest', 'latest'],
    ['0x1G', '0x1G'],
    ['1e', '1e'],
    ['_1', '_1'],
    ['1_0-rc1', '1_0-rc1'],
  ])('the tag %s is written as %s', (tag, written) => {
    const text = lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: old', `  digest: ${OLD}`, '');
    expect(pinImage(text, FILE, PIN, { ...REF, tag }).text).toBe(lines('images:', '- name: user-service', `  newName: ${NAME}`, `  newTag: ${written}`, `  digest: ${D}`, ''));
  });

  test('a pin already in place returns the same text, unchanged', () => {
    const text = lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: 1.4.2', `  digest: ${D}`);
    expect(pinImage(text, FILE, PIN, REF)).toEqual({ text, changed: false, previous: { image: `${NAME}:1.4.2@${D}`, name: NAME, tag: '1.4.2', digest: D } });
  });
});

describe('refusing a kustomize pin', () => {
  test.each<[string, string, ImageRef, string]>([
    ['no entry with the name', lines('images:', '- name: a', '- name: b', ''), REF, `${FILE}:1:1: images: no entry with name "user-service" (found: "a", "b")`],
    ['no images: list', lines('resources: [a.yaml]', ''), REF, `${FILE}: images: no images: list, so no entry with name "user-service"`],
    ['an empty file', '', REF, `${FILE}: images: no images: list, so no entry with name "user-service"`],
    ['images: is not a list', lines('images: user-service', ''), REF, `${FILE}:1:1: images: expected a list of entries (\`- name: …\`), found something else`],
    [
      'two entries with the name',
      lines('images:', '- name: user-service', '  newTag: a', '- name: other', '- name: user-service', ''),
      REF,
      `${FILE}:5:3: images: more than one entry with name "user-service" (lines 2 and 5); Ferry pins exactly one: remove the others`,
    ],
    [
      'the value is an alias',
      lines(`x-digest: &d ${OLD}`, 'images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: 1.4.2', '  digest: *d', ''),
      REF,
      `${FILE}:6:11: images[0].digest: the value is the alias *d; Ferry does not edit a value shared through an anchor (changing it would change every place that uses &d); write the value here instead of the alias`,
    ],
    [
      'the value is anchored and an alias uses it',
      lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: &t 1.0.0', `  digest: ${OLD}`, 'labels: {version: *t}', ''),
      REF,
      `${FILE}:4:14: images[0].newTag: the value is anchored as &t, which the alias *t at line 6 also uses; editing it would change both places, so Ferry refuses; give this value its own copy`,
    ],
    [
      'the entry is anchored and an alias uses it',
      lines('images:', '- &e', '  name: user-service', '  newTag: 1.0.0', 'other: *e', ''),
      REF,
      `${FILE}:3:3: images[0].newName: the mapping is anchored as &e, which the alias *e at line 5 also uses; editing it would change both places, so Ferry refuses; give this value its own copy`,
    ],
    [
      'no tag, and newTag holds an anchor an alias uses',
      lines('images:', '- name: user-service', '  newTag: [&x a]', `  digest: ${OLD}`, 'x-other: *x', ''),
      NO_TAG,
      `${FILE}:3:11: images[0].newTag: the value holds the anchor &x, which the alias *x at line 5 uses; removing "newTag" would leave that alias with nothing to refer to, so Ferry refuses: write the value out at the alias first`,
    ],
    [
      'no tag, and newTag is anchored for an alias elsewhere',
      lines('images:', '- name: user-service', '  newTag: &t 1.0.0', 'labels: {version: *t}', ''),
      NO_TAG,
      `${FILE}:3:14: images[0].newTag: the value is anchored as &t, which the alias *t at line 4 also uses; editing it would change both places, so Ferry refuses; give this value its own copy`,
    ],
    [
      'the value is a block scalar',
      lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: |', '    1.0.0', `  digest: ${OLD}`, ''),
      REF,
      `${FILE}:4:11: images[0].newTag: the value is a block scalar (|); Ferry edits only values written on one line, plain or quoted`,
    ],
    [
      'the value is a mapping',
      lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: 1.4.2', '  digest: {sha256: x}', ''),
      REF,
      `${FILE}:5:11: images[0].digest: expected a single value, found a mapping`,
    ],
    ['the YAML does not parse', lines('images:', '- name: user-service', '  newTag: [1.0', ''), REF, `${FILE}:4:1: the YAML does not parse: Flow sequence in block collection must be sufficiently indented and end with a ]`],
    ['a key twice', lines('images:', '- name: user-service', '  newTag: a', '  newTag: b', ''), REF, `${FILE}:4:3: the YAML does not parse: Map keys must be unique`],
    ['tabs as indentation', lines('images:', '-\tname: user-service', ''), REF, `${FILE}:2:2: the YAML does not parse: Tabs are not allowed as indentation`],
    [
      'a value with the explicit tag !!int',
      lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: !!int 10', `  digest: ${OLD}`, ''),
      REF,
      `${FILE}:4:17: images[0].newTag: the value carries the explicit tag !!int; Ferry writes image names, tags and digests as strings: remove the tag or use !!str`,
    ],
    [
      'a value with the explicit tag !!float',
      lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: !!float 1.0', `  digest: ${OLD}`, ''),
      REF,
      `${FILE}:4:19: images[0].newTag: the value carries the explicit tag !!float; Ferry writes image names, tags and digests as strings: remove the tag or use !!str`,
    ],
    [
      'a value with the explicit tag !mytag',
      lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: !mytag 1.0', `  digest: ${OLD}`, ''),
      REF,
      `${FILE}:4:18: images[0].newTag: the value carries the explicit tag !mytag; Ferry writes image names, tags and digests as strings: remove the tag or use !!str`,
    ],
    [
      'a value with the explicit tag !<tag:example.com,2000:v>',
      lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: !<tag:example.com,2000:v> 1.0', `  digest: ${OLD}`, ''),
      REF,
      `${FILE}:4:37: images[0].newTag: the value carries the explicit tag !<tag:example.com,2000:v>; Ferry writes image names, tags and digests as strings: remove the tag or use !!str`,
    ],
  ])('%s', (_name, input, ref, message) => {
    expect(() => pinImage(input, FILE, PIN, ref)).toThrow(ConfigurationError);
    expect(() => pinImage(input, FILE, PIN, ref)).toThrow(message);
  });

  test('an error names every problem and changes nothing', () => {
    const text = lines('images:', '- name: user-service', '  newTag: 1.0.0', '  digest: |', '    x', '');
    const err = (() => {
      try {
        pinImage(text, FILE, PIN, REF);
      } catch (e) {
        return e as ConfigurationError;
      }
      return undefined;
    })();
    expect(err?.problems).toEqual([{ file: FILE, line: 4, column: 11, field: 'images[0].digest', message: 'the value is a block scalar (|); Ferry edits only values written on one line, plain or quoted' }]);
  });
});

const later = (line: number, entry: string, image: string) =>
  `this entry (line ${line}) comes after images[0] (line ${entry}), the entry of "user-service" that Ferry pins, and applies to the image that one makes ("${image}"): kustomize applies entries in order, so this one's values would deploy instead of what Ferry pins; remove it, or give it another name`;

describe('an entry after the app\'s that applies to the image it makes (kustomize applies entries in order)', () => {
  const EVIL = `sha256:${'e'.repeat(64)}`;
  const ENTRY = ['- name: user-service', `  newName: ${NAME}`, '  newTag: 1.0.0', `  digest: ${OLD}`];
  test.each<[string, string, ImageRef, string]>([
    // (The image the entry makes now, where it has a digest: kustomize matches the later entry's pattern against it.)
    ['named as its newName', lines('images:', ...ENTRY, `- name: ${NAME}`, `  digest: ${EVIL}`, ''), REF, `${FILE}:6:9: images[1].name: ${later(6, '2', `${NAME}:1.0.0@${OLD}`)}`],
    ['named with the tag it has', lines('images:', ...ENTRY, '- name: other', `- name: ${NAME}:1.0.0`, '  newTag: 6.6.6', ''), REF, `${FILE}:7:9: images[2].name: ${later(7, '2', `${NAME}:1.0.0@${OLD}`)}`],
    ['named with the tag Ferry is about to write', lines('images:', ...ENTRY, `- name: ${NAME}:1.4.2`, '  newTag: 6.6.6', ''), REF, `${FILE}:6:9: images[1].name: ${later(6, '2', `${NAME}:1.4.2@${D}`)}`],
    ['no newName: named as the entry, with a tag', lines('images:', '- name: user-service', '  newTag: 1.0.0', '- name: user-service:1.0.0', `  digest: ${EVIL}`, ''), REF, `${FILE}:4:9: images[1].name: ${later(4, '2', 'user-service')}`],
    ['named as the newName Ferry is about to write', lines('images:', '- name: user-service', '  newName: old.example.com/user-service', `- name: ${NAME}`, `  digest: ${EVIL}`, ''), REF, `${FILE}:4:9: images[1].name: ${later(4, '2', `${NAME}:1.4.2@${D}`)}`],
    ['named as the newName Ferry is about to replace', lines('images:', '- name: user-service', '  newName: old.example.com/user-service', '- name: old.example.com/user-service', `  digest: ${EVIL}`, ''), REF, `${FILE}:4:9: images[1].name: ${later(4, '2', 'old.example.com/user-service')}`],
  ])('%s: refused, naming both lines', (_name, text, ref, message) => {
    expect(() => pinImage(text, FILE, PIN, ref)).toThrow(ConfigurationError);
    expect(() => pinImage(text, FILE, PIN, ref)).toThrow(message);
  });

  test('read too (validate, status): the entry after it is what deploys', () => {
    const text = lines('images:', ...ENTRY, `- name: ${NAME}`, `  digest: ${EVIL}`, '');
    expect(() => readPinnedImage(text, FILE, PIN)).toThrow(`${FILE}:6:9: images[1].name: ${later(6, '2', `${NAME}:1.0.0@${OLD}`)}`);
  });

  test('a later entry whose "." matches the image Ferry is about to write (not the one the entry makes now): the file reads, the pin is refused', () => {
    const text = lines('images:', ...ENTRY, `- name: ${NAME}.1.4.2`, `  digest: ${EVIL}`, '');
    expect(() => readPinnedImage(text, FILE, PIN)).not.toThrow();
    expect(() => pinImage(text, FILE, PIN, REF)).toThrow(`${FILE}:6:9: images[1].name: ${later(6, '2', `${NAME}:1.4.2@${D}`)}`);
  });

  // kustomize matches a later entry's pattern against the image the entry makes, tag and digest
  // included: one that cannot match it applies to other images (rendered with kustomize v5.5).
  test.each<[string, string, ImageRef]>([
    ['named as the image with a suffix after a "."', lines('images:', ...ENTRY, `- name: ${NAME}.canary`, '  newTag: "2.0"', ''), REF],
    ['named with a tag neither the entry has nor Ferry writes', lines('images:', ...ENTRY, `- name: ${NAME}:9.9.9`, `  digest: ${EVIL}`, ''), REF],
    ['named with a digest the entry does not make', lines('images:', ...ENTRY, `- {name: "${NAME}@${OLD}", newName: evil.example.com/x}`, ''), NO_TAG],
  ])('%s: no matter, the pin is written', (_name, text, ref) => {
    expect(() => readPinnedImage(text, FILE, PIN)).not.toThrow();
    expect(pinImage(text, FILE, PIN, ref).text).toContain(`  digest: ${D}`);
  });

  test('an entry before it for the same image, or after it for another, is no matter', () => {
    const text = lines('images:', `- name: ${NAME}`, '  newTag: "0"', ...ENTRY, '- name: user-service-db', `  newName: ${NAME}-db`, '- name: reg.example.com/team/other', '');
    expect(pinImage(text, FILE, PIN, REF).text).toBe(lines('images:', `- name: ${NAME}`, '  newTag: "0"', '- name: user-service', `  newName: ${NAME}`, '  newTag: 1.4.2', `  digest: ${D}`, '- name: user-service-db', `  newName: ${NAME}-db`, '- name: reg.example.com/team/other', ''));
  });
});

// kustomize puts an entry's name unescaped into a regular expression (^<name>(:tag)?(@sha256:digest)?$
// in v5.5): every case below rendered with kustomize v5.5 (a base image `user-service`).
const special = (name: string, ch: string) =>
  `the name "${name}" has "${ch}", which no image name has: kustomize puts an entry's name unescaped into a regular expression (^<name>(:tag)?(@digest)?$), so this entry may apply to images of other names than Ferry compares it with (the pin Ferry writes or reads would not be what deploys); write the image's name as it is (a "." in it matches any character)`;
const earlier = (line: number, entry: number, what: string) =>
  `this entry (line ${line}) comes before images[1] (line ${entry}), the entry of "user-service" that Ferry pins, and ${what}, which that entry does not match (kustomize's pattern ^<name>(:tag)?(@sha256:digest)?$): kustomize applies entries in order, so that entry would not apply to it and what Ferry pins would not deploy there; remove this entry, or give it another name`;
const laterAt = (line: number, image: string) => later(line, '2', image);

describe('an entry whose name kustomize reads as a pattern (unescaped in a regular expression)', () => {
  const EVIL = `sha256:${'e'.repeat(64)}`;
  const ENTRY = ['- name: user-service', `  newName: ${NAME}`, '  newTag: 1.0.0', `  digest: ${OLD}`];
  test.each<[string, string, string]>([
    // kustomize v5.5 deploys EVIL: `[e]` matches "e".
    ['a later entry with [e] re-pins the image Ferry\'s entry makes', lines('images:', ...ENTRY, '- name: reg.example.com/team/user-servic[e]', `  digest: ${EVIL}`, ''), `${FILE}:6:9: images[1].name: ${special('reg.example.com/team/user-servic[e]', '[')}`],
    // kustomize v5.5 deploys evil/thing: the base image is renamed before Ferry's entry.
    ['an earlier entry with [e] renames the base image', lines('images:', '- name: user-servic[e]', '  newName: evil/thing', ...ENTRY, ''), `${FILE}:2:9: images[0].name: ${special('user-servic[e]', '[')}`],
    ['any other special character, in any entry (an unrelated one too)', lines('images:', ...ENTRY, '- name: "other(-db)?"', '  newTag: "1"', ''), `${FILE}:6:9: images[1].name: ${special('other(-db)?', '(')}`],
    ['a backslash', lines('images:', ...ENTRY, '- name: \'reg\\.example\'', ''), `${FILE}:6:9: images[1].name: ${special('reg\\\\.example', '\\\\')}`],
    // kustomize v5.5 deploys EVIL: `.` matches any character.
    ['a later entry whose "." matches a character of the image Ferry\'s entry makes', lines('images:', ...ENTRY, '- name: reg.example.com/team/user-servic.', `  digest: ${EVIL}`, ''), `${FILE}:6:9: images[1].name: ${laterAt(6, `${NAME}:1.0.0@${OLD}`)}`],
    ['a later entry whose "." matches the ":" before the tag', lines('images:', ...ENTRY, '- name: reg.example.com/team/user-service.1.0.0', `  digest: ${EVIL}`, ''), `${FILE}:6:9: images[1].name: ${laterAt(6, `${NAME}:1.0.0@${OLD}`)}`],
  ])('%s: refused', (_name, text, message) => {
    expect(() => pinImage(text, FILE, PIN, REF)).toThrow(ConfigurationError);
    expect(() => pinImage(text, FILE, PIN, REF)).toThrow(message);
    expect(() => readPinnedImage(text, FILE, PIN)).toThrow(message);
  });

  test.each<[string, string[], string]>([
    // kustomize v5.5 deploys evil/thing.
    ['renames the image ("." matches any character)', ['- name: user-servic.', '  newName: evil/thing'], earlier(2, 4, 'applies to the image "user-service" that one applies to and makes it "evil/thing"')],
    // kustomize v5.5 deploys evil/thing:1.0 when the base image is user-service:1.0.
    ['renames the image when it has a tag', ['- name: user-service:1.0', '  newName: evil/thing'], earlier(2, 4, 'applies to the image "user-service" that one applies to and makes it "evil/thing"')],
    // kustomize v5.5 deploys user-service@sha512:…: its pattern takes only sha256 digests.
    ['pins a digest of another algorithm', ['- name: user-servic.', '  digest: sha512:bbbb'], earlier(2, 4, 'applies to the image "user-service" that one applies to and makes it "user-service@sha512:bbbb"')],
    // kustomize v5.5 deploys user-service:1+x.
    ['sets a tag the pattern does not take', ['- name: user-servic.', '  newTag: 1+x'], earlier(2, 4, 'applies to the image "user-service" that one applies to and makes it "user-service:1+x"')],
    // kustomize v5.5 deploys user-service@sha512:… for the container of `other`.
    ['renames another image to the app\'s name with a digest the pattern does not take', ['- name: other', '  newName: user-service', '  digest: sha512:bbbb'], earlier(2, 5, 'makes images it applies to "user-service@sha512:bbbb", named as the images that one applies to')],
  ])('an earlier entry that %s: refused', (_name, before, message) => {
    const text = lines('images:', ...before, ...ENTRY, '');
    const at = `${FILE}:2:9: images[0].name: ${message}`;
    expect(() => pinImage(text, FILE, PIN, REF)).toThrow(at);
    expect(() => readPinnedImage(text, FILE, PIN)).toThrow(at);
  });

  test.each<[string, string[], string[]]>([
    // Each deploys what Ferry pins with kustomize v5.5: Ferry's entry sets every part after it.
    ['an earlier entry that only sets a tag ("." in its name)', ['- name: user-servic.', '  newTag: "9"'], []],
    ['an earlier entry that sets a tag and a sha256 digest', ['- name: user-service:1.0', '  newTag: "9"', `  digest: ${OLD}`], []],
    ['an earlier entry that renames the image to its own name', ['- name: user-servic.', '  newName: user-service'], []],
    ['an earlier entry that renames another image to the app\'s name, with a tag and a sha256 digest', ['- name: other', '  newName: user-service', '  newTag: "9"', `  digest: ${OLD}`], []],
    ['later entries whose pattern matches no image Ferry\'s entry makes', [], ['- name: reg.example.com/team/other.', `  digest: ${EVIL}`, '- name: reg.example.com/team/user-service-db', `  digest: ${EVIL}`, '- name: user-service-.', '  newTag: "2"']],
  ])('%s: pinned', (_name, before, after) => {
    const text = lines('images:', ...before, ...ENTRY, ...after, '');
    const pinned = lines('images:', ...before, '- name: user-service', `  newName: ${NAME}`, '  newTag: 1.4.2', `  digest: ${D}`, ...after, '');
    expect(pinImage(text, FILE, PIN, REF).text).toBe(pinned);
    expect(readPinnedImage(pinned, FILE, PIN)).toMatchObject({ digest: D });
  });
});

// go-yaml (kustomize) reads a tagged value through its tag: `!!binary` decoded. Every name Ferry
// finds or compares an entry by is read as text, or the file is refused: the first case deploys
// EVIL with kustomize v5.5, the second evil.example.com/x, where Ferry would have pinned entry 0.
const tagged = (tag: string, read: string) =>
  `the value carries the explicit tag ${tag}: go-yaml (the YAML reader of kustomize, Helm, kubectl and Argo CD) ${read}, a tagged value Ferry cannot read as text, so the two could read different values here; write the value as text, without the tag`;

test('a flow entry whose newTag has no value and a comment after it: the tag goes, the comment stays, after white space', () => {
  const text = lines('images:', '- {newTag: # c', '  , name: user-service}', '');
  const out = pinImage(text, FILE, PIN, NO_TAG).text;
  expect(out).toBe(lines('images:', '- { # c', `   name: user-service, newName: ${NAME}, digest: ${D}}`, ''));
  expect(readPinnedImage(out, FILE, PIN)).toMatchObject({ digest: D });
});

describe('a tagged value where Ferry finds or compares an entry (go-yaml reads it through its tag)', () => {
  const EVIL = `sha256:${'e'.repeat(64)}`;
  const ENTRY = ['- name: user-service', `  newName: ${NAME}`, '  newTag: 1.0.0', `  digest: ${OLD}`];
  test.each<[string, string, string]>([
    [
      'a later entry named !!binary as the newName (it decodes to it)',
      lines('images:', ...ENTRY, '- name: !!binary cmVnLmV4YW1wbGUuY29tL3RlYW0vdXNlci1zZXJ2aWNl', `  digest: ${EVIL}`, ''),
      `${FILE}:6:18: images[1].name: ${tagged('!!binary', 'decodes it to "reg.example.com/team/user-service"')}`,
    ],
    [
      'an earlier entry named !!binary as the app (it decodes to user-service)',
      lines('images:', '- name: !!binary dXNlci1zZXJ2aWNl', '  newName: evil.example.com/x', ...ENTRY, ''),
      `${FILE}:2:18: images[0].name: ${tagged('!!binary', 'decodes it to "user-service"')}`,
    ],
    ['a later entry with a name of a tag of its own', lines('images:', ...ENTRY, `- name: !foo ${NAME}`, `  digest: ${EVIL}`, ''), `${FILE}:6:14: images[1].name: ${tagged('!foo', 'reads the value through its tag')}`],
    ['an earlier entry\'s newName, tagged !!binary', lines('images:', '- name: other', '  newName: !!binary dXNlci1zZXJ2aWNl', ...ENTRY, ''), `${FILE}:3:21: images[0].newName: ${tagged('!!binary', 'decodes it to "user-service"')}`],
    ['a name through an alias of a tagged value', lines('x-name: &n !!binary dXNlci1zZXJ2aWNl', 'images:', '- name: *n', `  digest: ${EVIL}`, ...ENTRY, ''), `${FILE}:1:21: images[0].name: ${tagged('!!binary', 'decodes it to "user-service"')}`],
  ])('%s: refused', (_name, text, message) => {
    expect(() => pinImage(text, FILE, PIN, REF)).toThrow(ConfigurationError);
    expect(() => pinImage(text, FILE, PIN, REF)).toThrow(message);
    expect(() => readPinnedImage(text, FILE, PIN)).toThrow(message);
  });

  test('a part of the pin with a tag is refused when read too (validate, status), as when written', () => {
    const text = lines('images:', '- name: user-service', `  newName: ${NAME}`, '  newTag: !!binary MS40LjI=', `  digest: ${OLD}`, '');
    const message = `${FILE}:4:20: images[0].newTag: the value carries the explicit tag !!binary; Ferry writes image names, tags and digests as strings: remove the tag or use !!str`;
    expect(() => readPinnedImage(text, FILE, PIN)).toThrow(message);
    expect(() => pinImage(text, FILE, PIN, REF)).toThrow(message);
  });

  test('the tag or digest of an earlier entry of another name, that makes no image named as the app, is not read: a tag there is not Ferry\'s to judge, pinned', () => {
    const text = lines('images:', '- name: other', '  newTag: !foo 1', `  digest: !!binary ${Buffer.from('x').toString('base64')}`, ...ENTRY, '');
    expect(pinImage(text, FILE, PIN, REF).text).toBe(lines('images:', '- name: other', '  newTag: !foo 1', `  digest: !!binary ${Buffer.from('x').toString('base64')}`, '- name: user-service', `  newName: ${NAME}`, '  newTag: 1.4.2', `  digest: ${D}`, ''));
  });

  test('names tagged !!str or ! are text to both: pinned', () => {
    const text = lines('images:', '- name: ! other', '  newName: !!str x', ...ENTRY, `- name: !!str ${NAME}.canary`, '');
    expect(pinImage(text, FILE, PIN, REF).text).toBe(lines('images:', '- name: ! other', '  newName: !!str x', '- name: user-service', `  newName: ${NAME}`, '  newTag: 1.4.2', `  digest: ${D}`, `- name: !!str ${NAME}.canary`, ''));
  });
});
