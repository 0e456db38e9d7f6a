// planBump over a manifest whose pinned value is no part of an image reference: refused with the
// manifest's file, line, column and field (a ConfigurationError: exit 2), and nothing to write.
import { describe, expect, test } from 'vitest';
import { planBump } from '../../actions/src/core/bump.js';
import type { EnvRepoSnapshot } from '../../actions/src/core/env-repo-writer.js';
import { ConfigurationError, formatProblem } from '../../actions/src/core/errors.js';

const lines = (...l: string[]): string => l.join('\n');
const REG = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
const OLD = `sha256:${'b'.repeat(64)}`;
const NEW = `sha256:${'c'.repeat(64)}`;
const FILE = 'stage/order-service/kustomization.yaml';

const FERRY_YAML = lines(`registry: ${REG}`, 'environments:', '  - name: dev', '  - name: stage', '    promoteFrom: dev', 'apps:', '  - name: order-service', '    image: order-service', '    manifest: "{env}/order-service/kustomization.yaml"', '');
/** newTag on line 4, digest on line 5 (values at column 13). */
const overlay = (tag: string, digest: string): string =>
  lines('images:', '  - name: order-service', `    newName: ${REG}/order-service`, `    newTag: ${tag}`, `    digest: ${digest}`, 'resources: [../../base/order-service]', '');

const snapshot = (manifest: string): EnvRepoSnapshot => ({
  commit: 'a'.repeat(40),
  readFile: async (path) => ({ 'ferry.yaml': FERRY_YAML, [FILE]: manifest } as Record<string, string>)[path],
});

async function refusal(manifest: string): Promise<string[]> {
  try {
    await planBump(snapshot(manifest), { env: 'stage', app: 'order-service', image: `${REG}/order-service:2.0.0@${NEW}` });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    return (e as ConfigurationError).problems.map(formatProblem);
  }
  throw new Error('the bump was planned');
}

const REFUSED = '; Ferry records the image it replaces in the commit, so fix this value by hand first; nothing was changed';

describe('planBump over a broken pin', () => {
  test.each<[string, string, string]>([
    ['a tag with spaces', overlay('"1.0.0 bad tag"', OLD), `${FILE}:4:13: images[0].newTag: expected a tag of 1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-', found "1.0.0 bad tag"${REFUSED}`],
    ['a tag with a line break (no trailer error)', overlay('"1.0.0\\nX: y"', OLD), `${FILE}:4:13: images[0].newTag: expected a tag of 1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-', found "1.0.0\\nX: y"${REFUSED}`],
    ['a short digest', overlay('1.0.0', 'sha256:abc'), `${FILE}:5:13: images[0].digest: expected sha256:<64 lowercase hex digits>, found "sha256:abc" (the digest has 3 hex digits, not 64)${REFUSED}`],
  ])('%s: refused, located', async (_title, manifest, message) => {
    expect(await refusal(manifest)).toEqual([message]);
  });

  test('a sound pin: the commit records it as the previous image', async () => {
    const planned = await planBump(snapshot(overlay('1.0.0', OLD)), { env: 'stage', app: 'order-service', image: `${REG}/order-service:2.0.0@${NEW}` });
    expect(planned.write).toBe(true);
    expect(planned.write && planned.message).toContain(`\nFerry-Previous-Image: ${REG}/order-service:1.0.0@${OLD}\n`);
  });
});
