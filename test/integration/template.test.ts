// The environment-repository template (environments/) is a working env repo: its ferry.yaml is
// valid, every manifest it names exists, and kustomize renders each overlay with the pinned image.
import { execFile } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';
import { assertImageForApp, manifestPath, parseConfig, type FerryConfig } from '../../actions/src/core/config.js';
import { parseImageRef } from '../../actions/src/core/image-ref.js';
import { kubectlPath } from '../support/kubectl.js';

const run = promisify(execFile);
const templateDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'environments');

const config: FerryConfig = await parseConfig(await readFile(join(templateDir, 'ferry.yaml'), 'utf8'));
const cases = config.apps.flatMap((app) => config.environments.map((env) => ({ app, env: env.name, manifest: manifestPath(app, env.name) })));

describe('environments/ferry.yaml', () => {
  test('is the documented pipeline: dev -> stage -> prod with soak and approval gates', () => {
    expect(config.registry).toBe('123456789012.dkr.ecr.eu-central-1.amazonaws.com');
    expect(config.environments).toEqual([
      { name: 'dev' },
      { name: 'stage', promoteFrom: 'dev', gates: { soak: '30m' } },
      { name: 'prod', promoteFrom: 'stage', gates: { soak: '2h', approvals: 1 } },
    ]);
    expect(config.apps.map((a) => [a.name, a.image, a.pin])).toEqual([
      ['user-service', 'user-service', { kind: 'kustomize', name: 'user-service' }],
      ['order-service', 'order-service', { kind: 'kustomize', name: 'order-service' }],
    ]);
  });

  test.each(cases)('$manifest exists', async ({ manifest }) => {
    await expect(access(join(templateDir, manifest))).resolves.toBeUndefined();
  });
});

describe('kubectl kustomize renders every overlay', () => {
  let kubectl: string;
  beforeAll(async () => {
    kubectl = await kubectlPath();
  });

  test.each(cases)('$manifest', async ({ app, env, manifest }) => {
    const overlay = parse(await readFile(join(templateDir, manifest), 'utf8')) as {
      namespace: string;
      images: { name: string; newName: string; newTag: string; digest: string }[];
    };
    const pin = overlay.images.find((i) => i.name === (app.pin.kind === 'kustomize' ? app.pin.name : undefined));
    expect(pin, `images: entry ${app.image} in ${manifest}`).toBeDefined();
    const expected = `${pin?.newName}:${pin?.newTag}@${pin?.digest}`;

    const { stdout } = await run(kubectl, ['kustomize', join(templateDir, dirname(manifest))], { maxBuffer: 16 * 1024 * 1024 });
    const resources = parseAllDocuments(stdout).map((d) => d.toJS() as { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec: Record<string, unknown> });
    const deployment = resources.find((r) => r.kind === 'Deployment');
    const containers = (deployment?.spec as { template: { spec: { containers: { name: string; image: string }[] } } }).template.spec.containers;

    expect(containers.map((c) => c.image)).toEqual([expected]);
    // The rendered image is the app's, as ferry.yaml names it, and pinned by digest.
    expect(() => assertImageForApp(parseImageRef(containers[0]?.image ?? ''), app)).not.toThrow();
    expect(resources.map((r) => [r.kind, r.metadata.name, r.metadata.namespace, r.metadata.labels?.environment])).toEqual([
      ['Service', app.name, `${app.name}-${env}`, env],
      ['Deployment', app.name, `${app.name}-${env}`, env],
    ]);
  });
});
