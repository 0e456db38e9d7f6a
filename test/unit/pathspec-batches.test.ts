// The paths validate --worktree gives git go in batches a command line takes (PATHSPEC_BYTES), in
// order, each path once, as a :(literal) pathspec.
import { expect, test } from 'vitest';
import { PATHSPEC_BYTES, pathspecBatches } from '../../actions/src/adapters/worktree-snapshot.js';

test.each<[string, string[], number, string[][]]>([
  ['none: no batch (and no git run)', [], 100, []],
  ['all in one when they fit', ['a', 'b'], 100, [[':(literal)a', ':(literal)b']]],
  // (Each counted with its NUL: 12 bytes.)
  ['exactly the bound: one batch', ['a', 'b'], 24, [[':(literal)a', ':(literal)b']]],
  ['one byte over: two', ['a', 'b'], 23, [[':(literal)a'], [':(literal)b']]],
  ['a path longer than the bound: alone in its batch', ['a', 'x'.repeat(50), 'b'], 30, [[':(literal)a'], [`:(literal)${'x'.repeat(50)}`], [':(literal)b']]],
  ['bytes, not characters, are counted', ['é', 'é'], 25, [[':(literal)é'], [':(literal)é']]],
])('%s', (_name, paths, bound, batches) => {
  expect(pathspecBatches(paths, bound)).toEqual(batches);
});

test('45,000 manifests of 15,000 apps: every path once, in order, no batch over the bound', () => {
  const paths = Array.from({ length: 15_000 }, (_, i) => ['dev', 'stage', 'prod'].map((env) => `${env}/app-${String(i).padStart(5, '0')}/kustomization.yaml`)).flat();
  const batches = pathspecBatches(paths);
  expect(batches.length).toBeGreaterThan(1);
  expect(batches.flat()).toEqual(paths.map((p) => `:(literal)${p}`));
  for (const batch of batches) expect(batch.reduce((n, spec) => n + Buffer.byteLength(spec) + 1, 0)).toBeLessThanOrEqual(PATHSPEC_BYTES);
});
