import * as core from '@actions/core';
import { describe, expect, test } from 'vitest';
import { digestProblem, givenImage, isImageName, isTag, parseImageRef, quoteReference } from '../../actions/src/core/image-ref.js';

const REG = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
const HEX = 'a67ad41718ad646c1c6c2b58314262888cd1ca661441f5249c6e5d481e867e96';
const EXPECTED = 'expected registry/repository[:tag]@sha256:<64 lowercase hex>';

describe('parseImageRef', () => {
  test.each<[string, { registry: string; repository: string; tag?: string; digest: string }]>([
    [`${REG}/user-service:1.4.2@sha256:${HEX}`, { registry: REG, repository: 'user-service', tag: '1.4.2', digest: `sha256:${HEX}` }],
    [`localhost:5000/team/app@sha256:${HEX}`, { registry: 'localhost:5000', repository: 'team/app', digest: `sha256:${HEX}` }],
  ])('accepts %s', (text, ref) => {
    expect(parseImageRef(text)).toEqual(ref);
  });

  test.each<[string, string, string]>([
    // A character that is not hex is named before the digits are counted (64 of them here).
    ['64 digits that are not hex', `${REG}/app@sha256:${'g'.repeat(64)}`, 'image: the digest has "g", which is not a hex digit'],
    ['a non-hex character among too few digits', `${REG}/app@sha256:abz`, 'image: the digest has "z", which is not a hex digit'],
    ['too few hex digits', `${REG}/app@sha256:abc`, 'image: the digest has 3 hex digits, not 64'],
    ['uppercase hex', `${REG}/app@sha256:${HEX.toUpperCase()}`, 'image: the digest must be lowercase hex'],
    ['another algorithm', `${REG}/app@md5:abc`, 'image: the digest "md5:abc" is not a sha256 digest'],
    ['a tag with a +', `${REG}/app:1.0+build@sha256:${HEX}`, 'image: the tag "1.0+build" is not a valid tag'],
    ['no digest', `${REG}/app:1.0`, 'image: the reference has no digest (a pin must name an exact image)'],
    // (It said the reference had no digest, when it is nothing but one.)
    ['a digest alone', `sha256:${HEX}`, 'image: a digest alone is not enough here: give the image it belongs to, registry/repository[:tag]@sha256:…'],
    ['a digest alone, cut short', 'sha256:abc', 'image: a digest alone is not enough here: give the image it belongs to, registry/repository[:tag]@sha256:…'],
  ])('refuses %s, quoting the reference whole', (_title, text, message) => {
    // (Whole: a reference cut to 80 characters, as it was, hid what ended it.)
    expect(() => parseImageRef(text)).toThrow(`${message}; ${EXPECTED}, found ${JSON.stringify(text)}`);
  });

  // The core stays strict: surrounding white space is taken off the user's input by the commands
  // (givenImage), as the action's getInput does, never from a reference read from a file.
  const REF = `${REG}/user-service:1.4.2@sha256:${HEX}`;
  test.each<[string, string, string, string]>([
    ['a space inside, in the tag', `${REG}/user-service:1.4 .2@sha256:${HEX}`, '" " at character 65 of 139', `"${REG}/user-service:1.4 .2@sha256:${HEX}"`],
    ['a trailing space', `${REF} `, '" " at character 139 of 139', `"${REF} "`],
    ['a trailing carriage return (a CRLF file)', `${REF}\r`, '"\\r" at character 139 of 139', `"${REF}\\r"`],
    ['a leading space', ` ${REF}`, '" " at character 1 of 139', `" ${REF}"`],
    ['a tab inside', `${REG}/user-service:1.4.2\t@sha256:${HEX}`, '"\\t" at character 67 of 139', `"${REG}/user-service:1.4.2\\t@sha256:${HEX}"`],
    ['a no-break space inside', `${REG}/user-service:1.4.2\u00a0@sha256:${HEX}`, '"\\u00a0" at character 67 of 139', `"${REG}/user-service:1.4.2\\u00a0@sha256:${HEX}"`],
    ['a byte-order mark inside', `${REG}/user-\ufeffservice:1.4.2@sha256:${HEX}`, '"\\ufeff" at character 54 of 139', `"${REG}/user-\\ufeffservice:1.4.2@sha256:${HEX}"`],
  ])('refuses white space: %s, showing which character and where, and the reference whole with it written out', (_title, text, which, found) => {
    expect(() => parseImageRef(text)).toThrow(`image: the reference has white space (${which}); ${EXPECTED}, found ${found}`);
  });

  test.each<[string, string, string]>([
    // Not white space, and as invisible: shown by its escape wherever the message quotes it.
    ['a zero-width space after the tag', `${REG}/user-service:1.4.2\u200b@sha256:${HEX}`, `the tag "1.4.2\\u200b" is not a valid tag; ${EXPECTED}, found "${REG}/user-service:1.4.2\\u200b@sha256:${HEX}"`],
    ['a Cyrillic \u0435 for the e of service', `${REG}/user-s\u0435rvice:1.4.2@sha256:${HEX}`, `the repository "user-s\\u0435rvice" is not lowercase path components; ${EXPECTED}, found "${REG}/user-s\\u0435rvice:1.4.2@sha256:${HEX}"`],
    ['a zero-width joiner in the digest', `${REG}/user-service:1.4.2@sha256:${HEX.slice(0, 63)}\u200d`, `the digest has "\\u200d", which is not a hex digit; ${EXPECTED}, found "${REG}/user-service:1.4.2@sha256:${HEX.slice(0, 63)}\\u200d"`],
    ['a port above 65535', `${REG}:65536/user-service@sha256:${HEX}`, `the registry "${REG}:65536" has port 65536, not 1 to 65535; ${EXPECTED}, found "${REG}:65536/user-service@sha256:${HEX}"`],
    ['an escape sequence in the registry', `\u001b[2K${REG}/user-service@sha256:${HEX}`, `the registry "\\u001b[2K${REG}" is not a host name with an optional port; ${EXPECTED}, found "\\u001b[2K${REG}/user-service@sha256:${HEX}"`],
  ])('refuses %s, the character written out', (_title, text, message) => {
    expect(() => parseImageRef(text)).toThrow(`image: ${message}`);
  });
});

describe('quoteReference', () => {
  test.each<[string, string]>([
    ['user-service:1.4.2', '"user-service:1.4.2"'],
    ['a b', '"a b"'],
    ['a\r\n\t', '"a\\r\\n\\t"'],
    ['\u00a0\u2007\u3000\ufeff\u200b\u2028\u202e\u007f\u0085', '"\\u00a0\\u2007\\u3000\\ufeff\\u200b\\u2028\\u202e\\u007f\\u0085"'],
    ['\u00e9\ud83d\ude00', '"\\u00e9\\ud83d\\ude00"'],
  ])('%j is %s: printable ASCII as it is, anything else written out', (text, quoted) => {
    expect(quoteReference(text)).toBe(quoted);
    expect(JSON.parse(quoted)).toBe(text);
  });

  test('a reference of any sound length is quoted whole; past 1024 characters, cut with …', () => {
    const long = `${REG}/${'a'.repeat(255)}:${'t'.repeat(128)}@sha256:${HEX}`;
    expect(quoteReference(long)).toBe(JSON.stringify(long));
    expect(quoteReference('x'.repeat(2000))).toBe(`"${'x'.repeat(1024)}…"`);
  });
});

describe('givenImage: an image reference as the user gave it, as the action reads its input', () => {
  const REF = `${REG}/user-service:1.4.2@sha256:${HEX}`;
  test.each([
    REF, `${REF} `, `${REF}\r`, `${REF}\r\n`, ` ${REF}`, `\t${REF}  `, `\ufeff${REF}`, `${REF}\u00a0`,
    `${REG}/user-service:1.4 .2@sha256:${HEX}`, ' ', '',
  ])('%j: what @actions/core getInput reads for it', (value) => {
    process.env.INPUT_IMAGE = value;
    try {
      expect(givenImage(value)).toBe(core.getInput('image'));
    } finally {
      delete process.env.INPUT_IMAGE;
    }
  });

  test('white space around is taken off; inside it stays, and parseImageRef refuses it', () => {
    expect(parseImageRef(givenImage(` ${REF}\r`))).toEqual(parseImageRef(REF));
    expect(() => parseImageRef(givenImage(` ${REG}/user-service:1.4 .2@sha256:${HEX}\r`))).toThrow('image: the reference has white space (" " at character 65 of 139)');
  });
});

describe('digestProblem', () => {
  test.each<[string, string | undefined]>([
    [`sha256:${HEX}`, undefined],
    [`sha256:${'g'.repeat(64)}`, 'the digest has "g", which is not a hex digit'],
    ['sha256:', 'the digest has 0 hex digits, not 64'],
    [`sha256:${HEX}0`, 'the digest has 65 hex digits, not 64'],
    [`sha256:${HEX.toUpperCase()}`, 'the digest must be lowercase hex'],
    ['abc', 'the digest "abc" is not a sha256 digest'],
  ])('%s', (digest, problem) => {
    expect(digestProblem(digest)).toBe(problem);
  });
});

describe('isTag and isImageName', () => {
  test.each<[string, boolean]>([
    ['1.0.0', true],
    ['v1_2-rc.3', true],
    ['A'.repeat(128), true],
    ['A'.repeat(129), false],
    ['.hidden', false],
    ['-rc', false],
    ['1.0.0 bad tag', false],
    ['1.0.0\nX: y', false],
    ['', false],
  ])('isTag(%j) is %s', (tag, ok) => {
    expect(isTag(tag)).toBe(ok);
  });

  test.each<[string, boolean]>([
    ['user-service', true],
    ['team/user-service', true],
    [`${REG}/user-service`, true],
    ['localhost:5000/app', true],
    ['evil.example.com/user-service', true],
    ['User-Service', false],
    [`${REG}/user service`, false],
    [`${REG}/`, false],
    ['bad host.example.com/app', false],
    ['', false],
  ])('isImageName(%j) is %s', (name, ok) => {
    expect(isImageName(name)).toBe(ok);
  });
});
