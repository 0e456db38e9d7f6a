/**
 * Generated env repos for tests and benchmarks: a bare repository holding ferry.yaml and one
 * kustomize overlay per app and environment, with optional history, written with
 * `git fast-import` so that 10,000 commits take seconds.
 */
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';

export const REGISTRY = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
export const ENVS = ['dev', 'stage', 'prod'] as const;

export function digestOf(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

export function appName(i: number): string {
  return `app-${String(i).padStart(4, '0')}`;
}

export function imageRef(app: string, tag: string, seed = tag): string {
  return `${REGISTRY}/${app}:${tag}@${digestOf(`${app} ${seed}`)}`;
}

export function ferryYaml(apps: number): string {
  const lines = [`registry: ${REGISTRY}`, 'environments:', '  - name: dev', '  - name: stage', '    promoteFrom: dev', '  - name: prod', '    promoteFrom: stage', 'apps:'];
  for (let i = 0; i < apps; i++) lines.push(`  - name: ${appName(i)}`, `    image: ${appName(i)}`, '    manifest: "{env}/{app}/kustomization.yaml"');
  return `${lines.join('\n')}\n`;
}

export function overlay(app: string, env: string, tag: string, digest: string): string {
  return [
    '# Generated overlay',
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    `namespace: ${app}-${env}`,
    'resources:',
    `  - ../../base/${app}`,
    'images:',
    `  - name: ${app}`,
    `    newName: ${REGISTRY}/${app}`,
    `    newTag: ${tag}   # pinned by Ferry`,
    `    digest: ${digest}`,
    '',
  ].join('\n');
}

export interface FixtureOptions {
  /** Path of the bare repository to create. */
  dir: string;
  apps: number;
  /** Commits after the first, each re-pinning one overlay. */
  history?: number;
  /**
   * History as Ferry writes it: each app's new image is bumped into dev, then promoted to stage,
   * then to prod (approved), every commit with its full trailers; `ferry audit` finds nothing.
   */
  flow?: boolean;
  branch?: string;
}

/** Creates the bare repository; returns the head commit. */
export async function createEnvRepo(options: FixtureOptions): Promise<string> {
  const branch = options.branch ?? 'main';
  execFileSync('git', ['init', '--quiet', '--bare', `--initial-branch=${branch}`, options.dir]);
  // As GitHub does: partial clones may filter.
  execFileSync('git', ['-C', options.dir, 'config', 'uploadpack.allowFilter', 'true']);
  execFileSync('git', ['-C', options.dir, 'config', 'receive.denyNonFastForwards', 'true']);
  const chunks: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  let time = 1_700_000_000;
  let mark = 0;
  const commit = (message: string, files: [string, string][]) => {
    mark++;
    chunks.push(`commit refs/heads/${branch}\nmark :${mark}\ncommitter Fixture <fixture@example.invalid> ${time++} +0000\n${data(message)}`);
    if (mark > 1) chunks.push(`from :${mark - 1}\n`);
    for (const [path, content] of files) chunks.push(`M 100644 inline ${path}\n${data(content)}`);
    chunks.push('\n');
  };
  const first: [string, string][] = [['ferry.yaml', ferryYaml(options.apps)]];
  for (let i = 0; i < options.apps; i++) {
    for (const env of ENVS) first.push([`${env}/${appName(i)}/kustomization.yaml`, overlay(appName(i), env, '1.0.0', digestOf(`${appName(i)} 1.0.0`))]);
  }
  // A flow history starts as `ferry init` does: with the Ferry-Action: init trailer.
  commit(options.flow ? 'init: generated env repo\n\nFerry-Action: init\n' : 'init: generated env repo', first);
  const pinned = new Map<string, string>();
  for (let n = 1; n <= (options.history ?? 0); n++) {
    if (options.flow) {
      // Round r of app a: bump dev, promote stage, promote prod, in turn over the apps.
      const step = n - 1;
      const env = ENVS[step % ENVS.length]!;
      const app = appName(Math.floor(step / ENVS.length) % options.apps);
      const tag = `2.${Math.floor(step / (ENVS.length * options.apps))}.0`;
      const image = imageRef(app, tag);
      const previous = pinned.get(`${env}/${app}`) ?? imageRef(app, '1.0.0');
      pinned.set(`${env}/${app}`, image);
      const action = env === 'dev' ? 'bump' : 'promote';
      const from = env === 'dev' ? '' : `Ferry-From: ${ENVS[ENVS.indexOf(env) - 1]}\n`;
      const approved = env === 'prod' ? 'Ferry-Requested-By: alice\nFerry-Approved-By: bob\n' : 'Ferry-Requested-By: alice\n';
      commit(`${action}(${env}): ${app} ${tag}\n\nFerry-Action: ${action}\nFerry-Env: ${env}\n${from}Ferry-App: ${app}\nFerry-Image: ${image}\nFerry-Previous-Image: ${previous}\n${action === 'promote' ? 'Ferry-Gate: blocked=pass(no digest is blocked)\n' : ''}${approved}`,
        [[`${env}/${app}/kustomization.yaml`, overlay(app, env, tag, digestOf(`${app} ${tag}`))]]);
      continue;
    }
    const app = appName(n % options.apps);
    const env = ENVS[n % ENVS.length]!;
    const tag = `1.0.${n}`;
    commit(`bump(${env}): ${app} ${tag}\n\nFerry-Action: bump\nFerry-Env: ${env}\nFerry-App: ${app}\n`, [[`${env}/${app}/kustomization.yaml`, overlay(app, env, tag, digestOf(`${app} ${tag}`))]]);
  }
  await new Promise<void>((resolve, reject) => {
    const child = spawn('git', ['-C', options.dir, 'fast-import', '--quiet'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`fast-import failed: ${err}`))));
    child.stdin.end(chunks.join(''));
  });
  return execFileSync('git', ['-C', options.dir, 'rev-parse', `refs/heads/${branch}`]).toString().trim();
}

/** The file at the branch head of a bare repository, or undefined. */
export function readRemoteFile(dir: string, path: string, ref = 'main'): string | undefined {
  try {
    return execFileSync('git', ['-C', dir, 'cat-file', 'blob', `${ref}:${path}`], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  } catch {
    return undefined;
  }
}

export function remoteHead(dir: string, ref = 'main'): string {
  return execFileSync('git', ['-C', dir, 'rev-parse', `refs/heads/${ref}`]).toString().trim();
}
