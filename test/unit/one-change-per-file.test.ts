import { describe, expect, test } from 'vitest';
import { oneChangePerFile } from '../../actions/src/core/env-repo-writer.js';

describe('oneChangePerFile', () => {
  test('a change that gives a file twice is refused: the commit would keep its last content only', () => {
    const twice = { write: true as const, files: [{ path: 'stage/shared/kustomization.yaml', content: 'a' }, { path: 'stage/shared/kustomization.yaml', content: 'b' }], message: 'm', result: 1 };
    expect(() => oneChangePerFile(twice)).toThrow('internal: the change gives stage/shared/kustomization.yaml more than once');
  });

  test.each([
    { write: false as const, result: 1 },
    { write: true as const, files: [{ path: 'a', content: 'a' }, { path: 'b', content: 'b' }], message: 'm', result: 1 },
  ])('a change of each file once passes as it is', (planned) => {
    expect(oneChangePerFile(planned)).toBe(planned);
  });
});
