import { describe, expect, test } from 'vitest';
import { checkBumpRequest } from '../../actions/src/core/bump-request.js';

const IMAGE = `123456789012.dkr.ecr.eu-central-1.amazonaws.com/user-service:1.4.2@sha256:${'a'.repeat(64)}`;
const request = (sourceRevision: string) => ({ env: 'dev', app: 'user-service', image: IMAGE, sourceRevision });

describe('checkBumpRequest: --source-revision is a commit id', () => {
  test.each([
    ['abbreviated SHA-1, 7 digits', 'abc1234'],
    ['full SHA-1, 40 digits', 'f'.repeat(40)],
    ['full SHA-256, 64 digits', '0'.repeat(64)],
  ])('accepts %s', (_title, revision) => {
    expect(() => checkBumpRequest(request(revision))).not.toThrow();
  });

  test.each([
    ['6 digits', 'abc123', 'source-revision: expected a commit id (7 to 40 lowercase hex digits, or 64 for a SHA-256 repository), found "abc123" (6 hex digits)'],
    ['41 digits (neither SHA-1 nor SHA-256)', 'a'.repeat(41), `source-revision: expected a commit id (7 to 40 lowercase hex digits, or 64 for a SHA-256 repository), found "${'a'.repeat(41)}" (41 hex digits)`],
    ['50 digits', 'b'.repeat(50), `source-revision: expected a commit id (7 to 40 lowercase hex digits, or 64 for a SHA-256 repository), found "${'b'.repeat(50)}" (50 hex digits)`],
    ['65 digits', 'c'.repeat(65), `source-revision: expected a commit id (7 to 40 lowercase hex digits, or 64 for a SHA-256 repository), found "${'c'.repeat(65)}" (65 hex digits)`],
    ['not hex', 'HEAD; rm -rf /', 'source-revision: expected a commit id (7 to 40 lowercase hex digits, or 64 for a SHA-256 repository), found "HEAD; rm -rf /"'],
  ])('refuses %s', (_title, revision, message) => {
    expect(() => checkBumpRequest(request(revision))).toThrow(message);
  });
});
