import { describe, expect, test } from 'vitest';
import type { PinConfig } from '../../actions/src/core/config.js';
import { ConfigurationError } from '../../actions/src/core/errors.js';
import { pinImage, readPinnedImage } from '../../actions/src/core/image-pin.js';
import type { ImageRef } from '../../actions/src/core/image-ref.js';

/** Lines joined by LF: a trailing '' gives the file its final newline. */
const lines = (...l: string[]): string => l.join('\n');

const FILE = 'prod/user-service/values.yaml';
const D = `sha256:${'a'.repeat(64)}`;
const OLD = `sha256:${'b'.repeat(64)}`;
const NAME = 'reg.example.com/team/user-service';
const REF: ImageRef = { registry: 'reg.example.com', repository: 'team/user-service', tag: '1.4.2', digest: D };
const NO_TAG: ImageRef = { registry: 'reg.example.com', repository: 'team/user-service', digest: D };
const ALL: PinConfig = { kind: 'helm', repository: 'image.repository', tag: 'image.tag', digest: 'image.digest' };
const DIGEST_ONLY: PinConfig = { kind: 'helm', digest: 'image.digest' };

describe('pinning a Helm values file', () => {
  test.each<[string, string, PinConfig, ImageRef, string]>([
    [
      'repository, tag and digest replaced; comments, blank lines and other keys stay',
      lines('# values for prod', 'replicaCount: 3', '', 'image:', '  repository: old.example.com/x  # registry', '  tag: "1.0.0"', `  digest: ${OLD} # pinned`, '  pullPolicy: IfNotPresent', '', 'resources: {}', ''),
      ALL,
      REF,
      lines('# values for prod', 'replicaCount: 3', '', 'image:', `  repository: ${NAME}  # registry`, '  tag: "1.4.2"', `  digest: ${D} # pinned`, '  pullPolicy: IfNotPresent', '', 'resources: {}', ''),
    ],
    [
      'a missing last key is inserted into its mapping, after the last key',
      lines('image:', '  repository: x', '  pullPolicy: Always # always', 'service:', '  port: 80', ''),
      DIGEST_ONLY,
      REF,
      lines('image:', '  repository: x', '  pullPolicy: Always # always', `  digest: ${D}`, 'service:', '  port: 80', ''),
    ],
    [
      'inserted after a nested mapping, before its trailing comments',
      lines('image:', '  repository: x', '  extra:', '    a: 1', '    # about a', '', 'other: 1', ''),
      DIGEST_ONLY,
      REF,
      lines('image:', '  repository: x', '  extra:', '    a: 1', `  digest: ${D}`, '    # about a', '', 'other: 1', ''),
    ],
    [
      'several missing keys: inserted in the order repository, tag, digest',
      lines('image:', '    pullPolicy: IfNotPresent'),
      ALL,
      REF,
      lines('image:', '    pullPolicy: IfNotPresent', `    repository: ${NAME}`, '    tag: 1.4.2', `    digest: ${D}`),
    ],
    [
      'a top-level key',
      lines('# top', `digest: "${OLD}"`, 'tag: latest', ''),
      { kind: 'helm', digest: 'digest', tag: 'tag' },
      REF,
      lines('# top', `digest: "${D}"`, 'tag: 1.4.2', ''),
    ],
    [
      'a numeric segment indexes a sequence',
      lines('sidecars:', '- name: proxy', '  image:', '    digest: x', '- name: app', '  image:', `    digest: ${OLD}`, ''),
      { kind: 'helm', digest: 'sidecars.1.image.digest' },
      REF,
      lines('sidecars:', '- name: proxy', '  image:', '    digest: x', '- name: app', '  image:', `    digest: ${D}`, ''),
    ],
    [
      'a sequence item as the value',
      lines(`digests: [x, ${OLD}]`, ''),
      { kind: 'helm', digest: 'digests.1' },
      REF,
      lines(`digests: [x, ${D}]`, ''),
    ],
    [
      'flow mapping: the missing key is inserted before the brace',
      lines('image: { repository: x, tag: "1.0" }  # flow', ''),
      ALL,
      REF,
      lines(`image: { repository: ${NAME}, tag: "1.4.2", digest: ${D} }  # flow`, ''),
    ],
    [
      'empty flow mapping',
      lines('image: {}', ''),
      DIGEST_ONLY,
      REF,
      lines(`image: {digest: ${D}}`, ''),
    ],
    [
      'empty flow mapping, several keys: joined by commas, in the order repository, tag, digest',
      lines('image: {}', ''),
      ALL,
      REF,
      lines(`image: {repository: ${NAME}, tag: 1.4.2, digest: ${D}}`, ''),
    ],
    [
      'empty flow mapping with a space: the pairs go right after the brace',
      lines('image: { } # flow', ''),
      ALL,
      REF,
      lines(`image: {repository: ${NAME}, tag: 1.4.2, digest: ${D} } # flow`, ''),
    ],
    [
      'empty flow mapping over two lines',
      lines('image: {', '}', ''),
      ALL,
      REF,
      lines(`image: {repository: ${NAME}, tag: 1.4.2, digest: ${D}`, '}', ''),
    ],
    [
      'an empty value at the end of a file without a final newline, and keys to insert after it',
      lines('image:', '  tag:'),
      ALL,
      REF,
      lines('image:', '  tag: 1.4.2', `  repository: ${NAME}`, `  digest: ${D}`),
    ],
    [
      'a tag go-yaml would read as a number is quoted',
      lines('image:', '  tag: old', `  digest: ${OLD}`, ''),
      { kind: 'helm', tag: 'image.tag', digest: 'image.digest' },
      { ...REF, tag: '0X1F' },
      lines('image:', '  tag: "0X1F"', `  digest: ${D}`, ''),
    ],
    [
      'CRLF without a final newline',
      'global: {}\r\nimage:\r\n  tag: 1.0.0 # t\r\n  repository: x',
      ALL,
      REF,
      `global: {}\r\nimage:\r\n  tag: 1.4.2 # t\r\n  repository: ${NAME}\r\n  digest: ${D}`,
    ],
    [
      'BOM and unicode',
      lines('\ufeffimage:', '  # 画像', '  tag: "v1"', ''),
      ALL,
      REF,
      lines('\ufeffimage:', '  # 画像', '  tag: "1.4.2"', `  repository: ${NAME}`, `  digest: ${D}`, ''),
    ],
    [
      'a top-level key inserted after a BOM',
      lines('\ufeffreplicas: 1'),
      { kind: 'helm', digest: 'digest' },
      REF,
      lines('\ufeffreplicas: 1', `digest: ${D}`),
    ],
    [
      'a tag YAML 1.1 would read as a boolean is quoted',
      lines('image:', '  tag: old', `  digest: ${OLD}`, ''),
      { kind: 'helm', tag: 'image.tag', digest: 'image.digest' },
      { ...REF, tag: 'yes' },
      lines('image:', '  tag: "yes"', `  digest: ${D}`, ''),
    ],
    [
      // go-yaml (Helm) reads note as "hello" before and after; a line after it would make it "hello\n".
      'the file ends in a block scalar with no line break: the new key goes before the pair that holds it',
      lines('image:', '  repository: x', '  tag: "1"', '  pullPolicy: IfNotPresent', '  note: |', '    hello'),
      ALL,
      REF,
      lines('image:', `  repository: ${NAME}`, '  tag: "1.4.2"', '  pullPolicy: IfNotPresent', `  digest: ${D}`, '  note: |', '    hello'),
    ],
    [
      'the file ends in a kept block scalar (|+) with no line break: the new key goes before it',
      lines('image:', '  tag: "1"', '  note: |+', '    hello'),
      { kind: 'helm', tag: 'image.tag', digest: 'image.digest' },
      REF,
      lines('image:', '  tag: "1.4.2"', `  digest: ${D}`, '  note: |+', '    hello'),
    ],
    [
      'the file ends in a folded block scalar deeper down: the new key goes before the pair that holds it',
      lines('image:', '  repository: x', '  extra:', '    note: >', '      hello'),
      DIGEST_ONLY,
      REF,
      lines('image:', '  repository: x', `  digest: ${D}`, '  extra:', '    note: >', '      hello'),
    ],
    [
      'the file ends in a stripped block scalar (|-): its value has no last line break either way, the new key goes after it',
      lines('image:', '  tag: "1"', '  note: |-', '    hello'),
      { kind: 'helm', tag: 'image.tag', digest: 'image.digest' },
      REF,
      lines('image:', '  tag: "1.4.2"', '  note: |-', '    hello', `  digest: ${D}`),
    ],
    [
      'keys with anchors: new keys at their column',
      lines('image:', '  &r repository: x', '  &t tag: "1"', ''),
      ALL,
      REF,
      lines('image:', `  &r repository: ${NAME}`, '  &t tag: "1.4.2"', `  digest: ${D}`, ''),
    ],
    [
      'explicit keys only (? key): new keys at the column of the ?',
      lines('image:', '  ? repository', '  : x', '  ? !!str tag', '  : "1"', ''),
      ALL,
      REF,
      lines('image:', '  ? repository', `  : ${NAME}`, '  ? !!str tag', '  : "1.4.2"', `  digest: ${D}`, ''),
    ],
    [
      'an anchored mapping with no alias',
      lines('image: &img', '  tag: old', ''),
      { kind: 'helm', tag: 'image.tag', digest: 'image.digest' },
      REF,
      lines('image: &img', '  tag: 1.4.2', `  digest: ${D}`, ''),
    ],
  ])('%s', (_name, input, pin, ref, expected) => {
    const edit = pinImage(input, FILE, pin, ref);
    expect(edit.text).toBe(expected);
    expect(edit.changed).toBe(true);
    const again = pinImage(edit.text, FILE, pin, ref);
    expect(again.changed).toBe(false);
    expect(again.text).toBe(expected);
  });

  test('without a tag path, an image without a tag pins the digest only', () => {
    const text = lines('image:', '  tag: 1.0.0', `  digest: ${OLD}`, '');
    expect(pinImage(text, FILE, DIGEST_ONLY, NO_TAG).text).toBe(lines('image:', '  tag: 1.0.0', `  digest: ${D}`, ''));
  });

  test('reads the values at the configured paths', () => {
    const text = lines('image:', '  repository: r.example.com/x', '  tag: 1.10', `  digest: ${OLD}`, '');
    expect(readPinnedImage(text, FILE, ALL)).toEqual({ image: `r.example.com/x:1.10@${OLD}`, name: 'r.example.com/x', tag: '1.10', digest: OLD });
    expect(readPinnedImage(text, FILE, DIGEST_ONLY)).toEqual({ image: `@${OLD}`, digest: OLD });
    expect(readPinnedImage(lines('image:', '  tag: x', ''), FILE, DIGEST_ONLY)).toEqual({ image: '' });
  });

  test('a pin without a repository path is named after the app\'s image, when given; a repository path is read from the file', () => {
    const text = lines('image:', '  repository: r.example.com/x', '  tag: 1.10', `  digest: ${OLD}`, '');
    const tagAndDigest: PinConfig = { kind: 'helm', tag: 'image.tag', digest: 'image.digest' };
    expect(readPinnedImage(text, FILE, tagAndDigest, NAME)).toEqual({ image: `${NAME}:1.10@${OLD}`, name: NAME, tag: '1.10', digest: OLD });
    expect(readPinnedImage(text, FILE, DIGEST_ONLY, NAME)).toEqual({ image: `${NAME}@${OLD}`, name: NAME, digest: OLD });
    // The file's own repository value stays what the pin reads, whatever the app's image is.
    expect(readPinnedImage(text, FILE, ALL, NAME)).toEqual({ image: `r.example.com/x:1.10@${OLD}`, name: 'r.example.com/x', tag: '1.10', digest: OLD });
    // The previous image of an edit is named after the image pinned (the app's).
    expect(pinImage(text, FILE, tagAndDigest, REF).previous).toEqual({ image: `${NAME}:1.10@${OLD}`, name: NAME, tag: '1.10', digest: OLD });
    expect(pinImage(text, FILE, DIGEST_ONLY, REF).previous).toEqual({ image: `${NAME}@${OLD}`, name: NAME, digest: OLD });
  });
});

describe('refusing a Helm pin', () => {
  test.each<[string, string, PinConfig, ImageRef, string]>([
    [
      'the file ends in a block scalar with no line break, in a mapping with no line of its own',
      lines('images:', '- note: |', '    hi'),
      { kind: 'helm', digest: 'images.0.digest' },
      REF,
      `${FILE}:2:3: images.0.digest: cannot insert "digest": the file ends in the block scalar at line 2, column 9, with no line break after its last line, and this mapping has no line of its own to put "digest" before; go-yaml (kustomize, Helm) reads that value without a final line break, which a line after it would add. End the file with a line break (or write the scalar as |-), and pin again`,
    ],
    ['a missing parent mapping', lines('service:', '  port: 80', ''), DIGEST_ONLY, REF, `${FILE}:1:1: image.digest: no "image" to hold "image.digest"; Ferry inserts only the last key of a path: add the mapping "image" first`],
    ['a missing mapping deeper down', lines('a:', '  b: 1', ''), { kind: 'helm', digest: 'a.c.d' }, REF, `${FILE}:2:3: a.c.d: no "a.c" to hold "a.c.d"; Ferry inserts only the last key of a path: add the mapping "a.c" first`],
    ['a parent that is a value', lines('image: nginx:1.0', ''), DIGEST_ONLY, REF, `${FILE}:1:8: image.digest: expected "image" to be a mapping, found the value "nginx:1.0"`],
    ['a parent that is empty', lines('image:', 'x: 1', ''), DIGEST_ONLY, REF, `${FILE}:1:7: image.digest: expected "image" to be a mapping, found an empty value`],
    ['a sequence indexed by name', lines('images: [a]', ''), { kind: 'helm', digest: 'images.first' }, REF, `${FILE}:1:9: images.first: expected "images" to be a mapping (or a sequence, with a number as the next segment: found "first"), found a sequence`],
    ['a sequence index past the end', lines('digests: [x]', ''), { kind: 'helm', digest: 'digests.3' }, REF, `${FILE}:1:10: digests.3: the sequence has no item 3 (it has 1); Ferry does not add items to a sequence`],
    ['a tag path and an image without a tag', lines('image:', '  tag: 1.0.0', ''), ALL, NO_TAG, `${FILE}: image.tag: the chart's tag value is configured but the image has no tag (image "${NAME}@${D}")`],
    ['an empty file', '# nothing here\n', DIGEST_ONLY, REF, `${FILE}: image.digest: the values file is empty; expected a mapping with "image.digest"`],
    ['two documents', lines('image: {}', '---', 'image: {}', ''), DIGEST_ONLY, REF, `${FILE}:3:1: image.digest: a values file has one YAML document, found 2`],
    ['an alias as the value', lines(`d: &d ${OLD}`, 'image:', '  digest: *d', ''), DIGEST_ONLY, REF, `${FILE}:3:11: image.digest: the value is the alias *d;`],
    [
      'a parent mapping reached through an alias',
      lines('defaults: &img', '  tag: 1.0.0', 'image: *img', ''),
      { kind: 'helm', tag: 'image.tag', digest: 'image.digest' },
      REF,
      `${FILE}:2:8: image.tag: the value is inside &img, which the alias *img at line 3 also uses; editing it would change both places, so Ferry refuses; give this value its own copy`,
    ],
    ['a folded block scalar', lines('image:', '  digest: >-', `    ${OLD}`, ''), DIGEST_ONLY, REF, `${FILE}:2:11: image.digest: the value is a block scalar (>); Ferry edits only values written on one line, plain or quoted`],
    ['a path with an empty segment', lines('image: {}', ''), { kind: 'helm', digest: 'image..digest' }, REF, `${FILE}: image..digest: expected a dotted path like "image.digest", found "image..digest"`],
    ['YAML that does not parse', lines('image:', '  tag: "1.0', ''), DIGEST_ONLY, REF, `${FILE}:2:8: the YAML does not parse: Missing closing "quote for the value that starts here`], // (at the quote that opens it, not where the parser gave up)
    [
      'a tag value with an explicit !!int tag',
      lines('image:', '  tag: !!int "10"', `  digest: ${OLD}`, ''),
      ALL,
      REF,
      `${FILE}:2:14: image.tag: the value carries the explicit tag !!int; Ferry writes image names, tags and digests as strings: remove the tag or use !!str`,
    ],
  ])('%s', (_name, input, pin, ref, message) => {
    expect(() => pinImage(input, FILE, pin, ref)).toThrow(ConfigurationError);
    expect(() => pinImage(input, FILE, pin, ref)).toThrow(message);
  });
});

// A missing key is inserted by the first pin of a file (the cases above); once the file is pinned,
// a path it lacks is a mistake in ferry.yaml, and the value would go where the chart never reads it.
describe('a pinned values file gets no new key', () => {
  const PINNED = lines('image:', `  repository: ${NAME}`, '  tag: "2.3.4"', `  digest: ${OLD}`, '');
  const why = (path: string, role: string, pinned = '"image.digest" holds its digest') =>
    `; the file is pinned already (${pinned}), so Ferry adds no key to it: a path it lacks is a mistake in ferry.yaml rather than a value the chart reads. Fix helm.${role} ("${path}") in ferry.yaml, or add the key to the file by hand; nothing was changed`;
  test.each<[string, string, PinConfig, string]>([
    ['a tag path one letter off', PINNED, { ...ALL, tag: 'image.tga' }, `${FILE}:2:3: image.tga: no key "tga" in "image" (it has "repository", "tag", "digest")${why('image.tga', 'tag')}`],
    ['a tag path at the top level', PINNED, { ...ALL, tag: 'imagetag' }, `${FILE}:1:1: imagetag: no key "imagetag" at the top level (it has "image")${why('imagetag', 'tag')}`],
    ['a repository path one letter off', PINNED, { ...ALL, repository: 'image.repo' }, `${FILE}:2:3: image.repo: no key "repo" in "image" (it has "repository", "tag", "digest")${why('image.repo', 'repository')}`],
    [
      'a digest path one letter off, beside the digest',
      PINNED,
      { ...ALL, digest: 'image.digets' },
      `${FILE}:2:3: image.digets: no key "digets" in "image" (it has "repository", "tag", "digest")${why('image.digets', 'digest', '"image.digest" holds a digest')}`,
    ],
    ['a digest path with an empty value counts as pinned', lines('image:', '  tag: "2.3.4"', '  digest: ""', ''), { kind: 'helm', tag: 'image.tga', digest: 'image.digest' }, `${FILE}:2:3: image.tga: no key "tga" in "image" (it has "tag", "digest")${why('image.tga', 'tag')}`],
  ])('%s: refused, nothing changed', (_name, input, pin, message) => {
    expect(() => pinImage(input, FILE, pin, REF)).toThrow(ConfigurationError);
    expect(() => pinImage(input, FILE, pin, REF)).toThrow(message);
  });

  test('the first pin of a file still adds what it lacks, also beside a tag', () => {
    const text = lines('image:', `  repository: ${NAME}`, '  tag: "2.3.4"', '');
    expect(pinImage(text, FILE, ALL, REF).text).toBe(lines('image:', `  repository: ${NAME}`, '  tag: "1.4.2"', `  digest: ${D}`, ''));
  });
});
