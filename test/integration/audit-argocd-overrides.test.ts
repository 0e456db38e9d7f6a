// ferry audit of Argo CD's parameter override files (`.argocd-source.yaml`,
// `.argocd-source-<application>.yaml`) beside a pinned manifest: Argo CD applies them on top of the
// manifest, so one that sets the pinned image changes what the environment deploys. Added, changed
// or removed without a Ferry record (by a plain commit, on a pull request merged with a merge
// commit), or by a Ferry commit (Ferry never writes them), it is reported; one that overrides
// something else, or that sits where no manifest is pinned, is not.
import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { overrideFindings, readOverrideFile } from '../../actions/src/core/argocd-source.js';
import { runAudit } from '../../actions/src/entry/commands/audit.js';
import { readRemoteFile } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand, mergeByHand } from '../support/hand-commit.js';
import { ferryOk, hoursAgo, initTemplateRepo, TEMPLATE_REGISTRY, templateImage } from '../support/template-repo.js';

// Every override file read and checked, counted (in this process: runAudit(); the rest run bin/ferry).
vi.mock('../../actions/src/core/argocd-source.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../actions/src/core/argocd-source.js')>();
  return { ...actual, overrideFindings: vi.fn(actual.overrideFindings), readOverrideFile: vi.fn(actual.readOverrideFile) };
});

const schema = JSON.parse(readFileSync(new URL('../../actions/src/core/audit-report.schema.json', import.meta.url), 'utf8'));
const validateReport = new Ajv({ allErrors: true, validateFormats: false }).compile(schema);
let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-audit-overrides-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A template env repo where user-service went dev -> stage -> prod the proper way. */
async function cleanRepo(): Promise<string> {
  const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
  await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.1.0'), '--requested-by', 'alice'], hoursAgo(10));
  await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--requested-by', 'alice'], hoursAgo(6));
  await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', 'user-service', '--requested-by', 'alice', '--approved-by', 'bob'], hoursAgo(3));
  return repo;
}

type Row = [commit: string, rule: string, env: string | undefined, app: string | undefined, message: string];

async function audit(repo: string, ...extra: string[]): Promise<{ code: number | null; rows: Row[] }> {
  const r = await ferry(['audit', '--repo', repo, '--format', 'json', ...extra]);
  expect(r.stderr).toBe('');
  const report = JSON.parse(r.stdout);
  expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
  return { code: r.code, rows: report.violations.map((v: { commit: string; rule: string; env?: string; app?: string; message: string }) => [v.commit, v.rule, v.env, v.app, v.message]) };
}

/** An image of user-service no environment had through Ferry, and Image Updater's file that deploys it. */
const UNVETTED = `${TEMPLATE_REGISTRY}/user-service@sha256:${'6'.repeat(64)}`;
const imageOverride = (image: string) => `kustomize:\n  images:\n  - user-service=${image}\n`;
const PROD = 'prod/user-service/kustomization.yaml';
const FILE = 'prod/user-service/.argocd-source-user-service.yaml';
/** An image as a report quotes it: its first 79 characters. */
const shown = (image: string) => `${image.slice(0, 79)}…`;
const beside = (file: string, manifest: string, verb: string) => `${file}, Argo CD parameter overrides beside ${manifest}, ${verb} in a commit without Ferry trailers (a manual edit)`;

describe('an Argo CD override of the pinned image, made without a Ferry record', () => {
  test('added, changed and removed by plain commits: each reported, once, with what it set; --env and --since/--until as for any unrecorded change', async () => {
    const repo = await cleanRepo();
    const other = `${TEMPLATE_REGISTRY}/user-service@sha256:${'7'.repeat(64)}`;
    const added = await commitByHand(repo, { [FILE]: imageOverride(UNVETTED) }, 'build: image updater write-back', '2030-01-01T00:00:00Z');
    const changed = await commitByHand(repo, { [FILE]: imageOverride(other) }, 'build: image updater write-back', '2030-01-02T00:00:00Z');
    const removed = await commitByHand(repo, { [FILE]: null }, 'remove the write-back', '2030-01-03T00:00:00Z');
    const { code, rows } = await audit(repo);
    expect(rows).toEqual([
      [added, 'unrecorded-change', 'prod', 'user-service', `${beside(FILE, PROD, 'added')}: its kustomize.images[0] sets the image "user-service" to "${shown(UNVETTED)}", so Argo CD deploys that in prod, not the digest Ferry pins for user-service`],
      [changed, 'unrecorded-change', 'prod', 'user-service', `${beside(FILE, PROD, 'changed')}: its kustomize.images[0] sets the image "user-service" to "${shown(other)}", so Argo CD deploys that in prod, not the digest Ferry pins for user-service`],
      [removed, 'unrecorded-change', 'prod', 'user-service', `${beside(FILE, PROD, 'removed')}: its kustomize.images[0] set the image "user-service" to "${shown(other)}", which Argo CD deployed in prod in place of the digest Ferry pins for user-service`],
    ]);
    expect(code).toBe(1);
    expect((await audit(repo, '--env', 'stage')).rows).toEqual([]);
    expect((await audit(repo, '--env', 'prod')).rows.map((r) => r[0])).toEqual([added, changed, removed]);
    expect((await audit(repo, '--since', '2030-01-02', '--until', '2030-01-02')).rows.map((r) => r[0])).toEqual([changed]);
    expect((await audit(repo, '--until', '2029-12-31')).rows).toEqual([]);
  });

  test('added on a pull request merged with a merge commit: reported at the commit that added it, as a hand edit of a manifest there is', async () => {
    const repo = await cleanRepo();
    const work = await mkdtemp(join(root, 'pr-'));
    const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Mallory', '-c', 'user.email=m@example.invalid', ...args]).toString().trim();
    execFileSync('git', ['clone', '--quiet', repo, work]);
    git('checkout', '--quiet', '-b', 'docs');
    writeFileSync(join(work, 'README.md'), `${readFileSync(join(work, 'README.md'), 'utf8')}notes\n`);
    git('commit', '--quiet', '-am', 'docs');
    const docs = git('rev-parse', 'HEAD');
    writeFileSync(join(work, FILE), imageOverride(UNVETTED));
    git('add', FILE);
    git('commit', '--quiet', '-m', 'image updater write-back');
    const write = git('rev-parse', 'HEAD');
    git('push', '--quiet', 'origin', 'docs');
    await rm(work, { recursive: true, force: true });
    const merge = await mergeByHand(repo, 'docs');
    expect(readRemoteFile(repo, FILE)).toBe(imageOverride(UNVETTED));
    const { code, rows } = await audit(repo);
    expect(rows).toEqual([[write, 'unrecorded-change', 'prod', 'user-service', `${beside(FILE, PROD, 'added')}: its kustomize.images[0] sets the image "user-service" to "${shown(UNVETTED)}", so Argo CD deploys that in prod, not the digest Ferry pins for user-service`]]);
    expect([docs, merge]).not.toContain(rows[0]![0]);
    expect(code).toBe(1);
  });

  test('added by a commit with Ferry trailers (a dev bump that also writes the file beside prod\'s manifest): trailers-disagree, Ferry never writes one', async () => {
    const repo = await cleanRepo();
    const dev = 'dev/user-service/kustomization.yaml';
    const image = templateImage('user-service', '1.2.0');
    const bumped = readRemoteFile(repo, dev)!.replace(/newTag: \S+/, 'newTag: 1.2.0').replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${image.split('@')[1]}`);
    const trailers = `Ferry-Action: bump\nFerry-Env: dev\nFerry-App: user-service\nFerry-Image: ${image}\nFerry-Previous-Image: ${templateImage('user-service', '1.1.0')}\nFerry-Requested-By: alice\n`;
    const forged = await commitByHand(repo, { [dev]: bumped, [FILE]: imageOverride(UNVETTED) }, `bump(dev): user-service 1.2.0\n\n${trailers}`);
    const { code, rows } = await audit(repo);
    expect(rows).toEqual([[forged, 'trailers-disagree', 'prod', 'user-service', `a Ferry bump commit changed ${FILE}, Argo CD parameter overrides beside ${PROD}, which Ferry never writes: Argo CD applies them on top of the pins, and the trailers do not record it`]]);
    expect(code).toBe(1);
  });
});

describe('what is not an override of a pinned image, and what cannot be told', () => {
  test('an override of other things beside a pinned manifest, and one of the image where no manifest is pinned: not reported; one Ferry cannot check beside a pinned manifest (Argo CD cannot read it; a symbolic link, which Argo CD follows): reported', async () => {
    const repo = await cleanRepo();
    await commitByHand(repo, { 'stage/user-service/.argocd-source.yaml': 'kustomize:\n  namePrefix: canary-\n  images:\n  - sidecar:1.2\n' }, 'a prefix');
    await commitByHand(repo, { 'base/user-service/.argocd-source.yaml': imageOverride(UNVETTED) }, 'no Application has base/ as its path');
    expect(await audit(repo)).toEqual({ code: 0, rows: [] });
    const broken = await commitByHand(repo, { 'stage/order-service/.argocd-source.yaml': 'kustomize:\n  images: [order-service\n' }, 'broken');
    const work = await mkdtemp(join(root, 'link-'));
    const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Mallory', '-c', 'user.email=m@example.invalid', ...args]).toString().trim();
    execFileSync('git', ['clone', '--quiet', repo, work]);
    symlinkSync('../../base/user-service/.argocd-source.yaml', join(work, 'dev/order-service/.argocd-source.yaml'));
    git('add', '--all');
    git('commit', '--quiet', '-m', 'shared overrides');
    git('push', '--quiet', 'origin', 'HEAD:main');
    const link = git('rev-parse', 'HEAD');
    await rm(work, { recursive: true, force: true });
    const { code, rows } = await audit(repo);
    expect(rows).toEqual([
      [broken, 'unrecorded-change', 'stage', 'order-service', expect.stringMatching(/^stage\/order-service\/\.argocd-source\.yaml, Argo CD parameter overrides beside stage\/order-service\/kustomization\.yaml, added in a commit without Ferry trailers \(a manual edit\): Argo CD cannot read it \(the YAML does not parse: .*\), so manifest generation fails where it applies, and stage no longer deploys the digest Ferry pins for order-service; what it overrides cannot be told$/)],
      [link, 'unrecorded-change', 'dev', 'order-service', `${beside('dev/order-service/.argocd-source.yaml', 'dev/order-service/kustomization.yaml', 'added')}: it is a symbolic link: Argo CD follows it, and applies the overrides of the file it leads to in dev, which cannot be checked against the digest Ferry pins for order-service (commit the file itself, or remove the link)`],
    ]);
    expect(code).toBe(1);
  });
});

describe('an override file read as Argo CD reads it', () => {
  const AT = 'prod/user-service/.argocd-source.yaml';
  const untold = (what: string) => `${what}, so whether it overrides the digest Ferry pins for user-service in prod cannot be told`;

  test('field names in any case, the first of two documents, fields that can change the image, and files Ferry does not read: each reported as what it is; a submodule (which Argo CD skips) is not', async () => {
    const repo = await cleanRepo();
    const other = `${TEMPLATE_REGISTRY}/user-service@sha256:${'7'.repeat(64)}`;
    // encoding/json, which Argo CD decodes the merged overrides with, matches field names whatever their case.
    const cased = await commitByHand(repo, { [AT]: `Kustomize:\n  Images:\n  - user-service=${UNVETTED}\n` }, 'write-back');
    // go-yaml reads the first document of a file.
    const documents = await commitByHand(repo, { [AT]: `---\nkustomize:\n  images: ["user-service=${other}"]\n---\nnote: [\n` }, 'two documents');
    const patches = await commitByHand(repo, { [AT]: `kustomize:\n  patches:\n  - patch: '[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "${UNVETTED}"}]'\n    target: {kind: Deployment}\n` }, 'a patch');
    // go-yaml reads 10,000 levels; Ferry's YAML reader fewer.
    const deep = await commitByHand(repo, { [AT]: `kustomize:\n  images: ["user-service=${UNVETTED}"]\nx: ${'['.repeat(3000)}${']'.repeat(3000)}\n` }, 'deep');
    const nested = await commitByHand(repo, { [AT]: 'kustomize:\n  images:\n  - [user-service]\n' }, 'a list in a list');
    const large = await commitByHand(repo, { [AT]: `kustomize:\n  images: ["user-service=${UNVETTED}"]\n# ${'x'.repeat(300 * 1024)}\n` }, 'large');
    const work = await mkdtemp(join(root, 'gitlink-'));
    const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Mallory', '-c', 'user.email=m@example.invalid', ...args]).toString().trim();
    execFileSync('git', ['clone', '--quiet', repo, work]);
    git('update-index', '--add', '--cacheinfo', `160000,${git('rev-parse', 'HEAD')},${FILE}`);
    git('commit', '--quiet', '-m', 'a submodule where a file of overrides would be');
    git('push', '--quiet', 'origin', 'HEAD:main');
    await rm(work, { recursive: true, force: true });
    const { code, rows } = await audit(repo);
    expect(rows).toEqual([
      [cased, 'unrecorded-change', 'prod', 'user-service', `${beside(AT, PROD, 'added')}: its Kustomize.Images[0] sets the image "user-service" to "${shown(UNVETTED)}", so Argo CD deploys that in prod, not the digest Ferry pins for user-service`],
      [documents, 'unrecorded-change', 'prod', 'user-service', `${beside(AT, PROD, 'changed')}: its kustomize.images[0] sets the image "user-service" to "${shown(other)}", so Argo CD deploys that in prod, not the digest Ferry pins for user-service`],
      [patches, 'unrecorded-change', 'prod', 'user-service', `${beside(AT, PROD, 'changed')}: ${untold("its kustomize.patches can change the image Argo CD deploys (a patch can replace a container's image), which Ferry does not check")}`],
      [deep, 'unrecorded-change', 'prod', 'user-service', `${beside(AT, PROD, 'changed')}: ${untold("it nests collections deeper than Ferry's YAML reader goes")}`],
      [nested, 'unrecorded-change', 'prod', 'user-service', `${beside(AT, PROD, 'changed')}: Argo CD cannot read it (kustomize.images[0] is a list, where Argo CD takes a string), so manifest generation fails where it applies, and prod no longer deploys the digest Ferry pins for user-service; what it overrides cannot be told`],
      [large, 'unrecorded-change', 'prod', 'user-service', `${beside(AT, PROD, 'changed')}: ${untold('it is 301 KiB, more than the 256 KiB Ferry reads in a file of parameter overrides (Argo CD Image Updater writes a few lines)')}`],
    ]);
    expect(code).toBe(1);
  });

  test('a Helm app: a file parameter on a pinned path, a pinned mapping removed (null), and another values file: each reported', async () => {
    const repo = await cleanRepo();
    const values = `image:\n  repository: ${TEMPLATE_REGISTRY}/web\n  tag: "1.0.0"\n  digest: sha256:${'a'.repeat(64)}\n`;
    const config = `${readRemoteFile(repo, 'ferry.yaml')}  - name: web\n    image: web\n    manifest: "{env}/web/values.yaml"\n    helm: { repository: image.repository, tag: image.tag, digest: image.digest }\n`;
    await commitByHand(repo, { 'ferry.yaml': config, 'dev/web/values.yaml': values, 'stage/web/values.yaml': values, 'prod/web/values.yaml': values }, 'add web');
    const HERE = 'prod/web/.argocd-source.yaml';
    const files = await commitByHand(repo, { [HERE]: 'helm:\n  fileParameters:\n  - name: image.tag\n    path: tag.txt\n', 'prod/web/tag.txt': 'evil\n' }, 'a tag from a file');
    const removed = await commitByHand(repo, { [HERE]: 'helm:\n  valuesObject:\n    image: null\n' }, 'no image');
    const parameter = await commitByHand(repo, { [HERE]: 'helm:\n  parameters:\n  - name: image\n    value: "null"\n' }, 'no image, again');
    const valueFiles = await commitByHand(repo, { [HERE]: 'helm:\n  valueFiles: [values.yaml, evil.yaml]\n', 'prod/web/evil.yaml': 'image:\n  tag: evil\n' }, 'another values file');
    const { rows } = await audit(repo);
    const holds = '"image", which holds "image.repository" (app "web"\'s helm.repository in ferry.yaml),';
    expect(rows.filter((r) => r[4].startsWith(HERE))).toEqual([
      [files, 'unrecorded-change', 'prod', 'web', `${beside(HERE, 'prod/web/values.yaml', 'added')}: its helm.fileParameters[0] sets "image.tag" (app "web"'s helm.tag in ferry.yaml) from the file "tag.txt" (what it holds), so Argo CD deploys that in prod, not what Ferry pins for web`],
      [removed, 'unrecorded-change', 'prod', 'web', `${beside(HERE, 'prod/web/values.yaml', 'changed')}: its helm.valuesObject.image sets ${holds} to null, so Argo CD deploys that in prod, not what Ferry pins for web`],
      [parameter, 'unrecorded-change', 'prod', 'web', `${beside(HERE, 'prod/web/values.yaml', 'changed')}: its helm.parameters[0] sets ${holds} to "null", so Argo CD deploys that in prod, not what Ferry pins for web`],
      [valueFiles, 'unrecorded-change', 'prod', 'web', `${beside(HERE, 'prod/web/values.yaml', 'changed')}: its helm.valueFiles can change the image Argo CD deploys (another values file can set the pinned values, and the list replaces the Application's own, the file Ferry pins among them where it is listed there), which Ferry does not check, so whether it overrides what Ferry pins for web in prod cannot be told`],
    ]);
  });

  test('each version of a file is read and checked once, though it is what one commit left and what the next one changed', async () => {
    const repo = await cleanRepo();
    const commits: string[] = [];
    for (const n of [1, 2, 3]) commits.push(await commitByHand(repo, { [AT]: imageOverride(`${TEMPLATE_REGISTRY}/user-service@sha256:${String(n).repeat(64)}`) }, `write-back ${n}`));
    vi.mocked(overrideFindings).mockClear();
    vi.mocked(readOverrideFile).mockClear();
    const report = await runAudit({ repo, branch: 'main' });
    expect(report.violations.map((v) => [v.commit, v.rule])).toEqual(commits.map((c) => [c, 'unrecorded-change']));
    expect(vi.mocked(readOverrideFile).mock.calls.length).toBe(3);
    expect(vi.mocked(overrideFindings).mock.calls.length).toBe(3);
  });
});
