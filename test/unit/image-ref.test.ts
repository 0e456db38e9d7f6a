import { describe, expect, test } from 'vitest';
import { quote } from '../../actions/src/core/errors.js';
import { digestProblem, isImageName, isTag, parseImageRef } from '../../actions/src/core/image-ref.js';

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
  ])('refuses %s', (_title, text, message) => {
    expect(() => parseImageRef(text)).toThrow(`${message}; ${EXPECTED}, found ${quote(text)}`);
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
