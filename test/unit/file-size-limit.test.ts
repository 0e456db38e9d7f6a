// A file of the env repo read as text (ferry.yaml, a manifest, blocked.yaml) has a size limit: past
// it, a clear error names the file and its size, where Node's own ("Cannot create a string longer
// than …") named neither, and a file a hundred times any real manifest was held whole in memory.
import { expect, test } from 'vitest';
import { MAX_TEXT_BYTES, decodeText, lossyText } from '../../actions/src/adapters/git.js';
import { ConfigurationError } from '../../actions/src/core/errors.js';

const big = Buffer.alloc(MAX_TEXT_BYTES + 1, 0x61);

test('a file over the limit is refused, naming the file and its size', () => {
  let error: unknown;
  try {
    decodeText(big, 'prod/user-service/kustomization.yaml');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigurationError);
  expect((error as ConfigurationError).problems[0]).toMatchObject({ file: 'prod/user-service/kustomization.yaml' });
  expect((error as Error).message).toMatch(/prod\/user-service\/kustomization\.yaml.*64\.0 MiB.*up to 64 MiB/);
});

test('read leniently (audit searching a manifest for a digest), the same', () => {
  expect(() => lossyText(big, 'prod/user-service/kustomization.yaml')).toThrow(/prod\/user-service\/kustomization\.yaml.*up to 64 MiB/);
});

test('a file of the limit exactly is read', () => {
  expect(decodeText(big.subarray(0, MAX_TEXT_BYTES), 'ferry.yaml')).toHaveLength(MAX_TEXT_BYTES);
  expect(lossyText(big.subarray(0, 10), 'ferry.yaml')).toBe('aaaaaaaaaa');
});
