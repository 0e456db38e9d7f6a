// ferry audit where ferry.yaml starts guarding a manifest path (an app added): the pin the file
// already holds was made by hand, however the change is split into commits; and a manifest
// reached through a symbolic link, which kustomize follows and audit cannot guard.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ferry } from '../support/ferry-cli.js';
import { ferryOk, hoursAgo, initTemplateRepo, templateImage } from '../support/template-repo.js';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-audit-guarded-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const ENVS = ['dev', 'stage', 'prod'] as const;

/** A clone of a new template repo where user-service went dev -> stage -> prod the Ferry way, and `git` in it. */
async function repoAndClone(): Promise<{ repo: string; work: string; git: (...args: string[]) => string }> {
  const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
  await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.1.0'), '--requested-by', 'alice'], hoursAgo(10));
  await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--requested-by', 'alice'], hoursAgo(6));
  await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', 'user-service', '--requested-by', 'alice', '--approved-by', 'bob'], hoursAgo(3));
  const work = join(root, `work-${counter}`);
  execFileSync('git', ['clone', '--quiet', repo, work]);
  const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Mallory', '-c', 'user.email=m@example.invalid', ...args]).toString().trim();
  return { repo, work, git };
}

/** Commits everything in the clone with `message`, pushes, and returns the commit. */
function commitAll(git: (...args: string[]) => string, message: string): string {
  git('add', '--all');
  git('commit', '--quiet', '-m', message);
  git('push', '--quiet', 'origin', 'HEAD:main');
  return git('rev-parse', 'HEAD');
}

/** user-service's overlay in env, made cart's (its own name, image and namespace), pinning `digest` where given. */
function cartOverlay(work: string, env: string, digest?: string): string {
  const text = readFileSync(join(work, env, 'user-service/kustomization.yaml'), 'utf8').replaceAll('user-service', 'cart');
  return digest === undefined ? text : text.replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${digest}`);
}

const CART = '  - name: cart\n    image: cart\n    manifest: "{env}/cart/kustomization.yaml"\n';

async function audit(repo: string): Promise<{ code: number | null; violations: { commit: string; rule: string; env?: string; app?: string; message: string }[] }> {
  const r = await ferry(['audit', '--repo', repo, '--format', 'json']);
  return { code: r.code, violations: JSON.parse(r.stdout).violations };
}

describe('an app added: its first pins, made by hand, are reported once however the change is split', () => {
  test('manifests and ferry.yaml in one commit: a manual edit of each (as before); then bump and promotions: nothing more', async () => {
    const { repo, work, git } = await repoAndClone();
    for (const env of ENVS) {
      mkdirSync(join(work, env, 'cart'));
      writeFileSync(join(work, env, 'cart/kustomization.yaml'), cartOverlay(work, env));
    }
    writeFileSync(join(work, 'ferry.yaml'), `${readFileSync(join(work, 'ferry.yaml'), 'utf8')}${CART}`);
    const added = commitAll(git, 'add cart');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'cart', '--image', templateImage('cart', '2.0.0'), '--requested-by', 'alice'], hoursAgo(2));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'cart', '--requested-by', 'alice'], hoursAgo(1));
    await ferryOk(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', 'cart', '--requested-by', 'alice', '--approved-by', 'bob', '--override', 'soak', '--reason', 'first release']);
    const { code, violations } = await audit(repo);
    expect(violations.map((v) => [v.commit, v.rule, v.env, v.app, v.message])).toEqual(['dev', 'prod', 'stage'].map((env) => [added, 'unrecorded-change', env, 'cart', `${env}/cart/kustomization.yaml changed in a commit without Ferry trailers (a manual edit)`]));
    expect(code).toBe(1);
  });

  test('manifests first (prod pinning a digest stage never had), ferry.yaml after: each first pin reported at the ferry.yaml change', async () => {
    const { repo, work, git } = await repoAndClone();
    const unvetted = templateImage('cart', '6.6.6').split('@')[1]!;
    for (const env of ENVS) {
      mkdirSync(join(work, env, 'cart'));
      writeFileSync(join(work, env, 'cart/kustomization.yaml'), cartOverlay(work, env, env === 'prod' ? unvetted : undefined));
    }
    commitAll(git, 'cart manifests');
    writeFileSync(join(work, 'ferry.yaml'), `${readFileSync(join(work, 'ferry.yaml'), 'utf8')}${CART}`);
    const named = commitAll(git, 'add cart');
    const { code, violations } = await audit(repo);
    expect(violations.map((v) => [v.commit, v.rule, v.env, v.app, v.message])).toEqual(ENVS.map((env) => [named, 'unrecorded-change', env, 'cart', `${env}/cart/kustomization.yaml already held a pin when ferry.yaml began to guard it: that pin was made by hand, without Ferry trailers (a manual edit)`]));
    expect(code).toBe(1);
  });

  test('ferry.yaml first, manifests after: the commit that adds them is the manual edit (as before); a path named with no file yet is nothing to report', async () => {
    const { repo, work, git } = await repoAndClone();
    writeFileSync(join(work, 'ferry.yaml'), `${readFileSync(join(work, 'ferry.yaml'), 'utf8')}${CART}`);
    commitAll(git, 'add cart');
    expect((await audit(repo)).violations).toEqual([]);
    for (const env of ENVS) {
      mkdirSync(join(work, env, 'cart'));
      writeFileSync(join(work, env, 'cart/kustomization.yaml'), cartOverlay(work, env));
    }
    const files = commitAll(git, 'cart manifests');
    expect((await audit(repo)).violations.map((v) => [v.commit, v.rule, v.env])).toEqual(['dev', 'prod', 'stage'].map((env) => [files, 'unrecorded-change', env]));
  });
});

describe('an env repo adopted (the first ferry.yaml added to manifests another tool or people pinned): each pin already there is reported once, at that commit', () => {
  test('ferry.yaml added after the manifests: a pin each, reported at the ferry.yaml change; a Ferry bump after it: nothing more; --after the adoption: nothing', async () => {
    const { work, git } = await repoAndClone();
    // The template's manifests as another tool left them, in a repository of their own that never had a ferry.yaml; then ferry.yaml added.
    const repo = join(root, `adopted-${counter}.git`);
    execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', repo]);
    const config = readFileSync(join(work, 'ferry.yaml'), 'utf8');
    git('checkout', '--quiet', '--orphan', 'adopted');
    git('rm', '--quiet', '--cached', 'ferry.yaml');
    rmSync(join(work, 'ferry.yaml'));
    git('commit', '--quiet', '-m', 'flux: image update automation');
    git('push', '--quiet', repo, 'HEAD:main');
    writeFileSync(join(work, 'ferry.yaml'), config);
    git('add', 'ferry.yaml');
    git('commit', '--quiet', '-m', 'adopt Ferry');
    git('push', '--quiet', repo, 'HEAD:main');
    const adopted = git('rev-parse', 'HEAD');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '3.0.0'), '--requested-by', 'alice']);
    const { code, violations } = await audit(repo);
    const atAdoption = violations.filter((v) => v.commit === adopted);
    expect(atAdoption.map((v) => [v.rule, v.env, v.app, v.message]).sort()).toEqual(ENVS.flatMap((env) => ['order-service', 'user-service'].map((app) => ['unrecorded-change', env, app, `${env}/${app}/kustomization.yaml already held a pin when ferry.yaml began to guard it: that pin was made by hand, without Ferry trailers (a manual edit)`])).sort());
    expect(violations.filter((v) => v.commit !== adopted)).toEqual([]);
    expect(code).toBe(1);
    const after = await ferry(['audit', '--repo', repo, '--after', adopted, '--format', 'json']);
    expect(JSON.parse(after.stdout).violations).toEqual([]);
    expect(after.code).toBe(0);
  });
});

describe('a manifest moved away and back', () => {
  test('unchanged meanwhile: nothing made by hand; edited while ferry.yaml did not guard it: reported where it is guarded again', async () => {
    const { repo, work, git } = await repoAndClone();
    const good = readFileSync(join(work, 'ferry.yaml'), 'utf8');
    const away = good.replace('"{env}/user-service/kustomization.yaml"', '"{env}/user-service/x/kustomization.yaml"');
    const move = (text: string, message: string) => {
      writeFileSync(join(work, 'ferry.yaml'), text);
      return commitAll(git, message);
    };
    const moves = [move(away, 'move away'), move(good, 'move back')];
    const weakened = (commit: string) => ENVS.map((env) => [commit, 'rules-weakened', env, undefined, undefined]);
    expect((await audit(repo)).violations.map((v) => [v.commit, v.rule, v.env, v.app, undefined])).toEqual(moves.flatMap(weakened));
    moves.push(move(away, 'move away again'));
    const path = join(work, 'prod/user-service/kustomization.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/digest: sha256:[0-9a-f]{64}/, `digest: sha256:${'6'.repeat(64)}`));
    commitAll(git, 'edit the file ferry.yaml does not guard now');
    const back = move(good, 'move back again');
    const { violations } = await audit(repo);
    expect(violations.map((v) => [v.commit, v.rule, v.env, v.app, v.rule === 'unrecorded-change' ? v.message : undefined])).toEqual([
      ...[...moves, back].flatMap(weakened),
      [back, 'unrecorded-change', 'prod', 'user-service', 'prod/user-service/kustomization.yaml already held a pin when ferry.yaml began to guard it: that pin was made by hand, without Ferry trailers (a manual edit)'],
    ]);
  });
});

describe('a manifest reached through a symbolic link: kustomize follows it, audit cannot guard the file it leads to', () => {
  const BILLING = '  - name: billing\n    image: user-service\n    manifest: "{env}/billing/kustomization.yaml"\n';
  const linked = (env: string) => `${env}/billing, on the way to ${env}/billing/kustomization.yaml, is a symbolic link: kustomize follows it, and audit cannot guard the file it leads to (commit the directory and the file themselves at this path)`;

  /** shared/billing-<env>/kustomization.yaml in each environment, and <env>/billing a link to it. */
  function linkOverlays(work: string): void {
    for (const env of ENVS) {
      mkdirSync(join(work, 'shared', `billing-${env}`), { recursive: true });
      writeFileSync(join(work, 'shared', `billing-${env}`, 'kustomization.yaml'), readFileSync(join(work, 'prod/user-service/kustomization.yaml'), 'utf8').replace('user-service-prod', `billing-${env}`));
      symlinkSync(`../shared/billing-${env}`, join(work, env, 'billing'));
    }
  }

  test('links made before ferry.yaml names the app: reported at the ferry.yaml change', async () => {
    const { repo, work, git } = await repoAndClone();
    linkOverlays(work);
    commitAll(git, 'add billing overlays');
    writeFileSync(join(work, 'ferry.yaml'), `${readFileSync(join(work, 'ferry.yaml'), 'utf8')}${BILLING}`);
    const named = commitAll(git, 'add billing');
    const target = join(work, 'shared/billing-prod/kustomization.yaml');
    writeFileSync(target, readFileSync(target, 'utf8').replace(/digest: sha256:[0-9a-f]{64}/, `digest: sha256:${'6'.repeat(64)}`));
    commitAll(git, 'tweak');
    const { code, violations } = await audit(repo);
    expect(violations.map((v) => [v.commit, v.rule, v.env, v.app, v.message])).toEqual(ENVS.map((env) => [named, 'unrecorded-change', env, 'billing', linked(env)]));
    expect(code).toBe(1);
  });

  test('links made after ferry.yaml names the app (the link is the only file the commit changes on the way): reported at that commit', async () => {
    const { repo, work, git } = await repoAndClone();
    writeFileSync(join(work, 'ferry.yaml'), `${readFileSync(join(work, 'ferry.yaml'), 'utf8')}${BILLING}`);
    commitAll(git, 'add billing');
    linkOverlays(work);
    const links = commitAll(git, 'add billing overlays');
    // Made back into a directory of its own: a change of the manifest itself (as any hand edit), no link.
    git('rm', '--quiet', 'dev/billing');
    mkdirSync(join(work, 'dev/billing'));
    writeFileSync(join(work, 'dev/billing/kustomization.yaml'), readFileSync(join(work, 'shared/billing-dev/kustomization.yaml'), 'utf8'));
    const unlinked = commitAll(git, 'dev billing as a directory');
    const { code, violations } = await audit(repo);
    expect(violations.map((v) => [v.commit, v.rule, v.env, v.app, v.message])).toEqual([
      ...['dev', 'prod', 'stage'].map((env) => [links, 'unrecorded-change', env, 'billing', linked(env)]), // (in the order of the files changed)
      [unlinked, 'unrecorded-change', 'dev', 'billing', 'dev/billing/kustomization.yaml changed in a commit without Ferry trailers (a manual edit)'],
    ]);
    expect(code).toBe(1);
  });

  test('links made by the commit that names the app: reported once each (it is looked at as named and as changed)', async () => {
    const { repo, work, git } = await repoAndClone();
    linkOverlays(work);
    writeFileSync(join(work, 'ferry.yaml'), `${readFileSync(join(work, 'ferry.yaml'), 'utf8')}${BILLING}`);
    const both = commitAll(git, 'add billing, its overlays linked');
    const { violations } = await audit(repo);
    const links = violations.filter((v) => v.message.includes('symbolic link'));
    expect(links.map((v) => [v.commit, v.env, v.app]).sort()).toEqual(ENVS.map((env) => [both, env, 'billing']).sort());
  });

  test('the manifest itself a link when ferry.yaml starts guarding it: reported as a link', async () => {
    const { repo, work, git } = await repoAndClone();
    for (const env of ENVS) {
      mkdirSync(join(work, 'shared', `billing-${env}`), { recursive: true });
      writeFileSync(join(work, 'shared', `billing-${env}`, 'kustomization.yaml'), readFileSync(join(work, 'prod/user-service/kustomization.yaml'), 'utf8'));
      mkdirSync(join(work, env, 'billing'));
      symlinkSync(`../../shared/billing-${env}/kustomization.yaml`, join(work, env, 'billing/kustomization.yaml'));
    }
    commitAll(git, 'add billing overlays');
    writeFileSync(join(work, 'ferry.yaml'), `${readFileSync(join(work, 'ferry.yaml'), 'utf8')}${BILLING}`);
    const named = commitAll(git, 'add billing');
    const { violations } = await audit(repo);
    expect(violations.map((v) => [v.commit, v.rule, v.env, v.app, v.message])).toEqual(ENVS.map((env) => [named, 'unrecorded-change', env, 'billing', `${env}/billing/kustomization.yaml is a symbolic link: kustomize follows it, and audit cannot guard the file it leads to (commit the file itself at this path)`]));
  });
});
