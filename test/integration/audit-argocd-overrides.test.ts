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
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRemoteFile } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand, mergeByHand } from '../support/hand-commit.js';
import { ferryOk, hoursAgo, initTemplateRepo, TEMPLATE_REGISTRY, templateImage } from '../support/template-repo.js';

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
