// ferry validate in an env repo another tool also writes to (a team moving to Ferry): Argo CD Image
// Updater's git write-back (`.argocd-source[-<app>].yaml` beside a pinned manifest, which Argo CD
// applies on top of it: the image it names deploys, not Ferry's digest), and Flux image automation's
// setter markers (`# {"$imagepolicy": "<ns>:<policy>[:tag|:name|:digest]"}`) on a line Ferry pins,
// whose value Flux keeps rewriting. Real bare repositories, bin/ferry, --repo and --worktree.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { digestOf, REGISTRY } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-validate-other-writers-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const CONFIG = [
  `registry: ${REGISTRY}`,
  'environments:',
  '  - name: dev',
  '  - name: stage',
  '    promoteFrom: dev',
  'apps:',
  '  - name: api',
  '    image: api',
  '    manifest: "{env}/api/kustomization.yaml"',
  '  - name: worker',
  '    image: worker',
  '    manifest: "{env}/worker/values.yaml"',
  '    helm: { repository: image.repository, tag: image.tag, digest: image.digest }',
  '  - name: web',
  '    image: web',
  '    manifest: "{env}/web/deployment.yaml"',
  '    container: { name: web }',
  '',
].join('\n');

const D = (s: string) => digestOf(s);

/** The manifests of one environment; `marks` puts a comment at the end of a pinned line (kustomize newName/newTag/digest, helm tag, the container's image). */
function manifests(env: string, marks: Partial<Record<'newName' | 'newTag' | 'digest' | 'helmTag' | 'image', string>> = {}): Record<string, string> {
  const m = (k: keyof typeof marks) => (marks[k] ? ` # ${marks[k]}` : '');
  return {
    [`${env}/api/kustomization.yaml`]: [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'resources:',
      '  - ../../base/api',
      'images:',
      '  - name: api',
      `    newName: ${REGISTRY}/api${m('newName')}`,
      `    newTag: 8.1.0${m('newTag')}`,
      `    digest: ${D('api')}${m('digest')}`,
      '',
    ].join('\n'),
    [`${env}/worker/values.yaml`]: [
      'image:',
      `  repository: ${REGISTRY}/worker`,
      `  tag: 9.0.2${m('helmTag')}`,
      `  digest: ${D('worker')}`,
      'replicaCount: 1',
      '',
    ].join('\n'),
    [`${env}/web/deployment.yaml`]: [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: web',
      `          image: ${REGISTRY}/web:7.0.60@${D('web')}${m('image')}`,
      '',
    ].join('\n'),
  };
}

const BASE = {
  'base/api/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'base/api/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api\n',
};

/** A bare env repo holding ferry.yaml, the manifests of dev and stage, and `files`; its path and head. */
async function envRepo(files: Record<string, string>): Promise<{ dir: string; head: string }> {
  const dir = join(root, `env-${++counter}.git`);
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', dir]);
  const head = await commitByHand(dir, { 'ferry.yaml': CONFIG, ...BASE, ...manifests('dev'), ...manifests('stage'), ...files }, 'env repo, written by hand');
  return { dir, head };
}

const UPDATER = "Argo CD applies this file's parameter overrides (Argo CD Image Updater's git write-back)";

describe('Argo CD parameter overrides beside a pinned manifest', () => {
  const files = {
    // Image Updater's write-back for a kustomize application: the image, by its full name.
    'dev/api/.argocd-source-api-dev.yaml': `kustomize:\n  images:\n  - ${REGISTRY}/api:8.1.1\n`,
    // By the entry's own name, and something else besides.
    'stage/api/.argocd-source.yaml': 'kustomize:\n  namePrefix: canary-\n  images:\n  - api=example.com/api:2.0\n  - sidecar:1.2\n',
    // Its write-back for a Helm application: image.name and image.tag (ferry.yaml pins image.tag).
    'dev/worker/.argocd-source-worker-dev.yaml': `helm:\n  parameters:\n  - name: image.name\n    value: ${REGISTRY}/worker\n    forcestring: true\n  - name: image.tag\n    value: 9.0.3\n    forcestring: true\n`,
    // Not a file Argo CD reads (.yml), and a file in a directory Ferry pins nothing in.
    'stage/worker/.argocd-source.yml': 'helm:\n  parameters:\n  - name: image.tag\n    value: "1"\n',
    'base/api/.argocd-source.yaml': 'kustomize:\n  images:\n  - api:0.0.1\n',
  };

  const PROBLEMS = [
    {
      file: 'dev/api/.argocd-source-api-dev.yaml', line: 3, column: 5, field: 'kustomize.images[0]',
      message: `${UPDATER} to the Argo CD Application "api-dev" whose source path is dev/api: this entry sets the image "${REGISTRY}/api" to "${REGISTRY}/api:8.1.1", so Argo CD deploys that, not the digest Ferry pins in dev/api/kustomization.yaml (app "api", environment "dev"), and ferry status does not see it; remove the entry (or the file), and stop Image Updater's write-back for that Application (its argocd-image-updater.argoproj.io annotations, or its ImageUpdater)`,
    },
    {
      file: 'dev/worker/.argocd-source-worker-dev.yaml', line: 6, column: 5, field: 'helm.parameters[1]',
      message: `${UPDATER} to the Argo CD Application "worker-dev" whose source path is dev/worker: this parameter sets "image.tag" (app "worker"'s helm.tag in ferry.yaml) to "9.0.3", so Argo CD deploys that, not what Ferry pins in dev/worker/values.yaml (app "worker", environment "dev"), and ferry status does not see it; remove the parameter (or the file), and stop Image Updater's write-back for that Application (its argocd-image-updater.argoproj.io annotations, or its ImageUpdater)`,
    },
    {
      file: 'stage/api/.argocd-source.yaml', line: 4, column: 5, field: 'kustomize.images[0]',
      message: `${UPDATER} to every Argo CD Application whose source path is stage/api: this entry sets the image "api" to "example.com/api:2.0", so Argo CD deploys that, not the digest Ferry pins in stage/api/kustomization.yaml (app "api", environment "stage"), and ferry status does not see it; remove the entry (or the file), and stop Image Updater's write-back for that Application (its argocd-image-updater.argoproj.io annotations, or its ImageUpdater)`,
    },
  ];
  const WARNINGS = [
    {
      file: 'dev/worker/.argocd-source-worker-dev.yaml', line: 3, column: 5, field: 'helm.parameters[0]',
      message: `${UPDATER} to the Argo CD Application "worker-dev" whose source path is dev/worker, on top of dev/worker/values.yaml, which Ferry pins: it also overrides helm.parameters[0] ("image.name"), which Ferry does not check; remove what is not meant to stay`,
    },
    {
      file: 'stage/api/.argocd-source.yaml', line: 2, column: 3, field: 'kustomize.namePrefix',
      message: `${UPDATER} to every Argo CD Application whose source path is stage/api, on top of stage/api/kustomization.yaml, which Ferry pins: it also overrides kustomize.namePrefix, kustomize.images[1] ("sidecar:1.2"), which Ferry does not check; remove what is not meant to stay`,
    },
  ];

  test('--repo: an override of a pinned image is a problem (exit 2), naming the file, line and what it overrides; other overrides are warnings', async () => {
    const { dir, head } = await envRepo(files);
    const r = await ferry(['validate', '--repo', dir, '--json']);
    expect(r.code, r.stderr).toBe(2);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ status: 'failed', commit: head, checked: 6 });
    expect(result.problems).toEqual(PROBLEMS);
    expect(result.warnings).toEqual(WARNINGS);

    const text = await ferry(['validate', '--repo', dir]);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain(`invalid: 3 problems at ${head.slice(0, 12)}\n  dev/api/.argocd-source-api-dev.yaml:3:5: kustomize.images[0]: ${PROBLEMS[0]!.message}\n`);
    expect(text.stderr).toContain(`  warning: stage/api/.argocd-source.yaml:2:3: kustomize.namePrefix: ${WARNINGS[1]!.message}\n`);
  });

  test('--worktree (a pull request check): the same, also of a file not committed yet', async () => {
    const { dir } = await envRepo({});
    const work = join(root, `checkout-${++counter}`);
    execFileSync('git', ['clone', '--quiet', dir, work]);
    const clean = await ferry(['validate', '--worktree', work]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr).toBe('');
    for (const [path, text] of Object.entries(files)) await writeFile(join(work, path), text);
    const r = await ferry(['validate', '--worktree', work, '--json']);
    expect(r.code, r.stderr).toBe(2);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ status: 'failed', worktree: { path: work, modified: true } });
    expect(result.problems).toEqual(PROBLEMS);
    expect(result.warnings).toEqual(WARNINGS);
  });

  test('a file Argo CD cannot read is a warning; one that overrides only other images is a warning, not a problem', async () => {
    const { dir } = await envRepo({
      'dev/web/.argocd-source.yaml': 'kustomize:\n  images:\n  - [not, a, string\n',
      'stage/web/.argocd-source-web.yaml': 'kustomize:\n  images:\n  - nginx:1.27\n',
    });
    const r = await ferry(['validate', '--repo', dir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([
      expect.objectContaining({ file: 'dev/web/.argocd-source.yaml', line: 4, message: expect.stringMatching(/^Argo CD cannot read this file of parameter overrides \(the YAML does not parse: .*\): manifest generation fails for every Argo CD Application whose source path is dev\/web$/) }),
      { file: 'stage/web/.argocd-source-web.yaml', line: 3, column: 5, field: 'kustomize.images[0]', message: `${UPDATER} to the Argo CD Application "web" whose source path is stage/web, on top of stage/web/deployment.yaml, which Ferry pins: it overrides kustomize.images[0] ("nginx:1.27"), which Ferry does not check; remove what is not meant to stay` },
    ]);
  });
});

describe('an override file Ferry cannot read as it is, which Argo CD reads', () => {
  const LINKED = `is a symbolic link in the env repo (to "../../ovr.yaml"): Argo CD follows it, and applies the parameter overrides of the file it leads to to every Argo CD Application whose source path is dev/api, on top of dev/api/kustomization.yaml, which Ferry pins; Ferry reads and pins only regular files, so it cannot check what this one overrides (commit the file itself at this path, or remove the link)`;

  test('a symbolic link (to a file of the repository, which Argo CD follows) is a problem naming the link and its target, --repo and --worktree alike', async () => {
    const { dir } = await envRepo({ 'ovr.yaml': 'kustomize:\n  images:\n  - api=x/y:1\n' });
    const work = join(root, `checkout-${++counter}`);
    execFileSync('git', ['clone', '--quiet', dir, work]);
    await symlink('../../ovr.yaml', join(work, 'dev/api/.argocd-source.yaml'));
    // Not committed yet (a pull request's check), then committed.
    const w = await ferry(['validate', '--worktree', work, '--json']);
    expect(w.code, w.stderr).toBe(2);
    expect(JSON.parse(w.stdout)).toMatchObject({ problems: [{ file: 'dev/api/.argocd-source.yaml', message: LINKED }], warnings: [] });
    const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Mallory', '-c', 'user.email=m@example.invalid', ...args]);
    git('add', '--', 'dev/api/.argocd-source.yaml');
    git('commit', '--quiet', '-m', 'override, by a link');
    git('push', '--quiet', 'origin', 'HEAD');
    const r = await ferry(['validate', '--repo', dir, '--json']);
    expect(r.code, r.stderr).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ problems: [{ file: 'dev/api/.argocd-source.yaml', message: LINKED }], warnings: [] });
    const again = await ferry(['validate', '--worktree', work]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`  dev/api/.argocd-source.yaml: ${LINKED}\n`);
  });

  test('aliases and merge keys (go-yaml, which Argo CD reads with, resolves them), a key given twice, and Helm values as YAML text: each override of a pinned image is a problem', async () => {
    const { dir } = await envRepo({
      'dev/api/.argocd-source.yaml': 'x-images: &imgs\n  - api=evil/api:latest\nkustomize:\n  images: *imgs\n',
      'stage/api/.argocd-source.yaml': 'base: &k\n  images:\n  - api=evil/api:latest\nkustomize:\n  <<: *k\n',
      'dev/web/.argocd-source.yaml': `kustomize:\n  images: []\n  images:\n  - ${REGISTRY}/web:latest\n`,
      'dev/worker/.argocd-source.yaml': 'helm:\n  values: |\n    replicaCount: 2\n    image:\n      tag: latest\n',
    });
    const r = await ferry(['validate', '--repo', dir, '--json']);
    expect(r.code, r.stderr).toBe(2);
    const result = JSON.parse(r.stdout);
    expect(result.problems.map((p: { file: string; line: number; column: number; field: string }) => `${p.file}:${p.line}:${p.column} ${p.field}`)).toEqual([
      'dev/api/.argocd-source.yaml:2:5 kustomize.images[0]',
      'dev/web/.argocd-source.yaml:4:5 kustomize.images[0]',
      'dev/worker/.argocd-source.yaml:5:12 helm.values.image.tag',
      'stage/api/.argocd-source.yaml:3:5 kustomize.images[0]',
    ]);
    expect(result.problems[2].message).toBe(`${UPDATER} to every Argo CD Application whose source path is dev/worker: this value sets "image.tag" (app "worker"'s helm.tag in ferry.yaml) in the values text of helm.values to "latest", so Argo CD deploys that, not what Ferry pins in dev/worker/values.yaml (app "worker", environment "dev"), and ferry status does not see it; remove the value (or the file), and stop Image Updater's write-back for that Application (its argocd-image-updater.argoproj.io annotations, or its ImageUpdater)`);
  });
});

describe('an override file read as Argo CD reads it', () => {
  test('field names in any case, file parameters, a pinned mapping removed, the first of two documents, fields that can change the image, and files Ferry does not read: problems; an entry Argo CD cannot decode: a warning', async () => {
    const { dir } = await envRepo({
      // encoding/json (Argo CD's) matches field names whatever their case.
      'dev/api/.argocd-source.yaml': 'Kustomize:\n  Images:\n  - api=evil/api:latest\n',
      // go-yaml reads the first document; a patch can replace the image.
      'stage/api/.argocd-source.yaml': '---\nkustomize:\n  patches:\n  - patch: x\n---\nnote: [\n',
      'dev/worker/.argocd-source.yaml': 'helm:\n  fileParameters:\n  - name: image.tag\n    path: tag.txt\n',
      'stage/worker/.argocd-source.yaml': 'helm:\n  valuesObject:\n    image: null\n  valueFiles: [values.yaml, evil.yaml]\n',
      'dev/web/.argocd-source.yaml': 'kustomize:\n  images:\n  - [web]\n',
      'dev/web/.argocd-source-web.yaml': `x: ${'['.repeat(3000)}${']'.repeat(3000)}\n`,
      'stage/web/.argocd-source.yaml': `# ${'x'.repeat(300 * 1024)}\n`,
    });
    const r = await ferry(['validate', '--repo', dir, '--json']);
    expect(r.code, r.stderr).toBe(2);
    const result = JSON.parse(r.stdout);
    expect(result.problems.map((p: { file: string; field?: string; message: string }) => [p.file, p.field, p.message.split(':')[0]])).toEqual([
      ['dev/api/.argocd-source.yaml', 'Kustomize.Images[0]', `${UPDATER} to every Argo CD Application whose source path is dev/api`],
      ['dev/web/.argocd-source-web.yaml', undefined, "nests collections deeper than Ferry's YAML reader goes"],
      ['dev/worker/.argocd-source.yaml', 'helm.fileParameters[0]', `${UPDATER} to every Argo CD Application whose source path is dev/worker`],
      ['stage/api/.argocd-source.yaml', 'kustomize.patches', "can change the image Argo CD deploys (a patch can replace a container's image)"],
      ['stage/web/.argocd-source.yaml', undefined, 'is 301 KiB, more than the 256 KiB Ferry reads in a file of parameter overrides (Argo CD Image Updater writes a few lines)'],
      ['stage/worker/.argocd-source.yaml', 'helm.valuesObject.image', `${UPDATER} to every Argo CD Application whose source path is stage/worker`],
      ['stage/worker/.argocd-source.yaml', 'helm.valueFiles', "can change the image Argo CD deploys (another values file can set the pinned values, and the list replaces the Application's own, the file Ferry pins among them where it is listed there)"],
    ]);
    expect(result.problems[2].message).toContain('this file parameter sets "image.tag" (app "worker"\'s helm.tag in ferry.yaml) from the file "tag.txt" (what it holds), so Argo CD deploys that');
    expect(result.problems[5].message).toContain('this value sets "image", which holds "image.repository" (app "worker"\'s helm.repository in ferry.yaml), to null, so Argo CD deploys that');
    expect(result.warnings).toEqual([{ file: 'dev/web/.argocd-source.yaml', line: 3, column: 5, message: 'Argo CD cannot read this file of parameter overrides (kustomize.images[0] is a list, where Argo CD takes a string): manifest generation fails for every Argo CD Application whose source path is dev/web' }]);
    expect(r.stdout).not.toContain('parseAllDocuments');
  });
});

describe('Flux image automation markers on a line Ferry pins', () => {
  const SUSPEND = 'suspend the ImageUpdateAutomation whose update path holds this file (flux suspend image update <name>) and remove the marker: Ferry pins this value';

  test('--repo and --worktree: a warning for each (exit 0), naming file:line and what Flux will do there', async () => {
    const { dir, head } = await envRepo(manifests('dev', {
      newName: '{"$imagepolicy": "flux-system:api-dev:name"}',
      newTag: '{"$imagepolicy": "flux-system:api-dev:tag"}',
      digest: '{"$imagepolicy":"flux-system:api-dev:digest"}',
      helmTag: '{"$imagepolicy": "apps:worker:tag"}',
      image: '{"$imagepolicy": "flux-system:web-dev"}',
    }));
    const r = await ferry(['validate', '--repo', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`valid: ferry.yaml and 6 pinned manifests at ${head.slice(0, 12)}\n`);
    const col = (line: string) => line.indexOf('#') + 1;
    expect(r.stderr).toBe([
      `  warning: dev/api/kustomization.yaml:7:${col(`    newName: ${REGISTRY}/api #`)}: images[0].newName: a Flux image automation marker ({"$imagepolicy": "flux-system:api-dev:name"}): Flux sets this value to the image name of ImagePolicy flux-system/api-dev; ${SUSPEND}`,
      `  warning: dev/api/kustomization.yaml:8:${col('    newTag: 8.1.0 #')}: images[0].newTag: a Flux image automation marker ({"$imagepolicy": "flux-system:api-dev:tag"}): Flux sets this value to the latest tag of ImagePolicy flux-system/api-dev, which then no longer names the digest Ferry pins; ${SUSPEND}`,
      `  warning: dev/api/kustomization.yaml:9:${col(`    digest: ${D('api')} #`)}: images[0].digest: a Flux image automation marker ({"$imagepolicy":"flux-system:api-dev:digest"}): Flux sets this value to the latest digest of ImagePolicy flux-system/api-dev, replacing the digest Ferry pins; ${SUSPEND}`,
      `  warning: dev/web/deployment.yaml:10:${col(`          image: ${REGISTRY}/web:7.0.60@${D('web')} #`)}: spec.template.spec.containers[0].image: a Flux image automation marker ({"$imagepolicy": "flux-system:web-dev"}): Flux sets this value to the latest image (name:tag) of ImagePolicy flux-system/web-dev, dropping the digest Ferry pins; ${SUSPEND}`,
      `  warning: dev/worker/values.yaml:3:${col('  tag: 9.0.2 #')}: image.tag: a Flux image automation marker ({"$imagepolicy": "apps:worker:tag"}): Flux sets this value to the latest tag of ImagePolicy apps/worker, which then no longer names the digest Ferry pins; ${SUSPEND}`,
      '',
    ].join('\n'));

    const work = join(root, `checkout-${++counter}`);
    execFileSync('git', ['clone', '--quiet', dir, work]);
    const w = await ferry(['validate', '--worktree', work, '--json']);
    expect(w.code, w.stderr).toBe(0);
    expect(JSON.parse(w.stdout).warnings.map((x: { file: string; line: number }) => `${x.file}:${x.line}`)).toEqual(['dev/api/kustomization.yaml:7', 'dev/api/kustomization.yaml:8', 'dev/api/kustomization.yaml:9', 'dev/web/deployment.yaml:10', 'dev/worker/values.yaml:3']);
  });

  test('a marker on a line Ferry does not pin, or another comment, is not reported', async () => {
    const { dir } = await envRepo({
      ...manifests('dev', { newTag: 'pinned by Ferry; was {"$imagepolicy" here}' }),
      'dev/worker/values.yaml': `image:\n  repository: ${REGISTRY}/worker\n  tag: 9.0.2\n  digest: ${D('worker')}\nsidecar:\n  image: busybox:1.36 # {"$imagepolicy": "flux-system:busybox"}\n`,
    });
    const r = await ferry(['validate', '--repo', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });
});
