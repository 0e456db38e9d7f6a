// ferry bump against real bare repositories over file:// and git:// (git daemon on 127.0.0.1).
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile, chmod } from 'node:fs/promises';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENVS, appName, createEnvRepo, digestOf, imageRef, readRemoteFile, remoteHead, REGISTRY } from '../support/env-repo-fixture.js';
import { FERRY, ferry } from '../support/ferry-cli.js';
import { startGitDaemon, type GitDaemon } from '../support/git-daemon.js';

let root: string;
let daemon: GitDaemon;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-bump-'));
  daemon = await startGitDaemon(root);
});

afterAll(async () => {
  await daemon?.stop();
  await rm(root, { recursive: true, force: true });
});

const transports = {
  'file://': (name: string) => `file://${join(root, name)}`,
  'git://': (name: string) => daemon.url(name),
};

async function newRepo(apps: number): Promise<{ dir: string; name: string; head: string }> {
  const name = `env-${++counter}.git`;
  const dir = join(root, name);
  const head = await createEnvRepo({ dir, apps });
  return { dir, name, head };
}

/**
 * The environment of one ferry process. Ferry processes of one machine take turns through a lock
 * in the temp directory; a temp directory of its own makes a process behave as if on a machine
 * of its own, so that it races the others through the remote's compare-and-swap.
 */
async function machine(kind: 'one machine' | 'separate machines'): Promise<NodeJS.ProcessEnv> {
  if (kind === 'one machine') return { TMPDIR: await mkdir(join(root, 'tmp-shared'), { recursive: true }).then(() => join(root, 'tmp-shared')) };
  return { TMPDIR: await mkdtemp(join(root, 'tmp-machine-')) };
}

function log(dir: string, format = '%H'): string[] {
  return execFileSync('git', ['-C', dir, 'log', `--format=${format}`, 'main']).toString().trim().split('\n');
}

function trailersOf(dir: string, commit: string): string {
  return execFileSync('git', ['-C', dir, 'log', '-1', '--format=%(trailers:only,unfold)', commit]).toString().trim();
}

describe.each(Object.entries(transports))('over %s', (label, url) => {
  test('blocked.yaml, or the manifest, made a directory: exit 2 naming it, nothing written (read as no file, the blocklist was empty and the blocked digest pinned)', async () => {
    const repo = await newRepo(1);
    const app = appName(0);
    const work = await mkdtemp(join(root, 'work-'));
    const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Mallory', '-c', 'user.email=m@example.invalid', ...args]);
    try {
      execFileSync('git', ['clone', '--quiet', repo.dir, work]);
      await mkdir(join(work, 'blocked.yaml'));
      await writeFile(join(work, 'blocked.yaml', 'list.yaml'), `blocked:\n  - app: ${app}\n    digest: ${digestOf(`${app} bad`)}\n    reason: bad\n`);
      git('add', '-A');
      git('commit', '--quiet', '-m', 'blocklist moved into a directory');
      git('push', '--quiet', 'origin', 'main');
      const head = remoteHead(repo.dir);
      const r = await ferry(['bump', '--repo', url(repo.name), '--env', 'dev', '--app', app, '--image', imageRef(app, 'bad')]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('blocked.yaml: is a directory in the env repo, not a file');
      expect(remoteHead(repo.dir)).toBe(head);

      git('rm', '--quiet', '-r', 'blocked.yaml');
      const manifest = `dev/${app}/kustomization.yaml`;
      git('mv', manifest, 'k.yaml');
      await mkdir(join(work, manifest));
      git('mv', 'k.yaml', `${manifest}/k.yaml`);
      git('commit', '--quiet', '-m', 'the manifest moved into a directory of its name');
      git('push', '--quiet', 'origin', 'main');
      const moved = remoteHead(repo.dir);
      const again = await ferry(['bump', '--repo', url(repo.name), '--env', 'dev', '--app', app, '--image', imageRef(app, '9.9.9')]);
      expect(again.code, again.stderr).toBe(2);
      expect(again.stderr).toContain(`${manifest}: is a directory in the env repo, not a file`);
      expect(remoteHead(repo.dir)).toBe(moved);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });

  test('one bump: one commit with Ferry trailers, only the digest and tag bytes change', async () => {
    const repo = await newRepo(2);
    const app = appName(1);
    const before = readRemoteFile(repo.dir, `stage/${app}/kustomization.yaml`)!;
    const ref = imageRef(app, '2.0.0');
    const r = await ferry(['bump', '--repo', url(repo.name), '--env', 'stage', '--app', app, '--image', ref, '--source-revision', 'abc1234', '--requested-by', 'alice', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ status: 'succeeded', env: 'stage', app, image: ref, attempts: 1 });
    expect(remoteHead(repo.dir)).toBe(result.commit);
    expect(log(repo.dir)).toHaveLength(2);
    expect(readRemoteFile(repo.dir, `stage/${app}/kustomization.yaml`)).toBe(
      before.replace('newTag: 1.0.0   #', 'newTag: 2.0.0   #').replace(digestOf(`${app} 1.0.0`), digestOf(`${app} 2.0.0`)),
    );
    expect(trailersOf(repo.dir, result.commit)).toBe([
      'Ferry-Action: bump', 'Ferry-Env: stage', `Ferry-App: ${app}`, `Ferry-Image: ${ref}`,
      `Ferry-Previous-Image: ${imageRef(app, '1.0.0')}`, 'Ferry-Source-Revision: abc1234', 'Ferry-Requested-By: alice',
    ].join('\n'));
    expect(log(repo.dir, '%s')[0]).toBe(`bump(stage): ${app} 2.0.0 (${digestOf(`${app} 2.0.0`).slice(0, 19)})`);
    // The other files of the commit are those of the parent.
    const changed = execFileSync('git', ['-C', repo.dir, 'diff', '--name-only', `${repo.head}`, 'main']).toString().trim();
    expect(changed).toBe(`stage/${app}/kustomization.yaml`);
  });

  test('a server that allows no tree filter deeper than tree:0 (as GitHub): the bump falls back to a blob-less clone', async () => {
    const repo = await newRepo(3);
    execFileSync('git', ['-C', repo.dir, 'config', 'uploadpackfilter.tree.maxDepth', '0']);
    const app = appName(2);
    const trace = join(root, `trace-${repo.name}.json`);
    const r = await ferry(['bump', '--repo', url(repo.name), '--env', 'prod', '--app', app, '--image', imageRef(app, '2.5.0'), '--json'], { env: { GIT_TRACE2_EVENT: trace } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', attempts: 1, commit: remoteHead(repo.dir) });
    expect(readRemoteFile(repo.dir, `prod/${app}/kustomization.yaml`)).toContain(`digest: ${digestOf(`${app} 2.5.0`)}`);
    // Every tree came with the clone, so the files of the directory the manifest is guessed to be
    // in (prod/<app>/) are fetched together with ferry.yaml: one fetch between the clone and the
    // push, not one for ferry.yaml and then one for the manifest. (Git's own trace of its commands.)
    const commands = (await readFile(trace, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { event: string; argv?: string[] });
    const started = commands.filter((e) => e.event === 'start').map((e) => e.argv!);
    expect(started.filter((argv) => argv.includes('clone')).map((argv) => argv.find((a) => a.startsWith('--filter=')))).toEqual(['--filter=tree:1', '--filter=blob:none']);
    expect(started.filter((argv) => argv.includes('fetch')).map((argv) => argv.slice(argv.indexOf('fetch')).join(' '))).toEqual([
      expect.stringMatching(/^fetch .*--filter=blob:none/),
    ]);
    // The refusal is real: a clone asking for tree:2 fails against this server.
    const probe = await mkdtemp(join(root, 'probe-'));
    expect(() => execFileSync('git', ['clone', '--bare', '--quiet', '--filter=tree:2', '--depth=1', url(repo.name), join(probe, 'x.git')], { stdio: 'pipe' })).toThrow(/max depth 0/);
  });

  test('a layout the read-ahead does not guess (Helm values in apps/<app>/values-<env>.yaml)', async () => {
    const name = `env-${++counter}.git`;
    const dir = join(root, name);
    const work = await mkdtemp(join(root, 'work-'));
    const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=T', '-c', 'user.email=t@example.invalid', ...args]);
    execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', dir]);
    execFileSync('git', ['-C', dir, 'config', 'uploadpack.allowFilter', 'true']);
    git('init', '--quiet', '--initial-branch=main');
    await mkdir(join(work, 'apps/api'), { recursive: true });
    await writeFile(join(work, 'ferry.yaml'), [
      `registry: ${REGISTRY}`,
      'environments:', '  - name: dev', '  - name: prod', '    promoteFrom: dev',
      'apps:', '  - name: api', '    image: api', '    manifest: "apps/{app}/values-{env}.yaml"', '    helm: { digest: image.digest, tag: image.tag }', '',
    ].join('\n'));
    const values = (tag: string) => `# api in prod\nimage:\n  repository: ${REGISTRY}/api\n  tag: "${tag}"\n  digest: ${digestOf(`api ${tag}`)}\nreplicas: 3\n`;
    await writeFile(join(work, 'apps/api/values-dev.yaml'), values('1.0.0'));
    await writeFile(join(work, 'apps/api/values-prod.yaml'), values('1.0.0'));
    git('add', '-A');
    git('commit', '--quiet', '-m', 'start');
    git('push', '--quiet', dir, 'main');
    const r = await ferry(['bump', '--repo', url(name), '--env', 'prod', '--app', 'api', '--image', imageRef('api', '1.1.0'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    // The values name no repository (the pin has no path for it): the previous image is named after the app's.
    const previous = `${REGISTRY}/api:1.0.0@${digestOf('api 1.0.0')}`;
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', manifest: 'apps/api/values-prod.yaml', commit: remoteHead(dir), previousImage: previous });
    expect(r.stdout).not.toContain('":1.0.0@');
    expect(log(dir, '%(trailers:key=Ferry-Previous-Image,valueonly,separator=)')[0]).toBe(previous);
    // status names the images the same way.
    const status = await ferry(['status', '--repo', url(name), '--json']);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).rows.map((row: { env: string; image: string }) => [row.env, row.image])).toEqual([['dev', previous], ['prod', imageRef('api', '1.1.0')]]);
    expect(readRemoteFile(dir, 'apps/api/values-prod.yaml')).toBe(values('1.0.0').replace('tag: "1.0.0"', 'tag: "1.1.0"').replace(digestOf('api 1.0.0'), digestOf('api 1.1.0')));
    expect(readRemoteFile(dir, 'apps/api/values-dev.yaml')).toBe(values('1.0.0'));
  });

  test('the same bump twice makes one commit; the second is skipped', async () => {
    const repo = await newRepo(1);
    const args = ['bump', '--repo', url(repo.name), '--env', 'dev', '--app', appName(0), '--image', imageRef(appName(0), '1.1.0'), '--json'];
    const first = await ferry(args);
    const second = await ferry(args);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(JSON.parse(first.stdout).status).toBe('succeeded');
    expect(JSON.parse(second.stdout)).toMatchObject({ status: 'skipped', commit: JSON.parse(first.stdout).commit });
    expect(log(repo.dir)).toHaveLength(2);
  });

  // Over file:// the 50 take turns as processes of one machine do; over git:// they race each
  // other through the remote, as processes on separate machines do.
  const fifty = label === 'file://' ? 'one machine' : 'separate machines';
  test(`50 concurrent bumps of different app × environment pairs (${fifty}): all land, each exactly once`, async () => {
    const repo = await newRepo(17);
    const targets = Array.from({ length: 50 }, (_, i) => ({ app: appName(i % 17), env: ENVS[Math.floor(i / 17)]! }));
    const envs = await Promise.all(targets.map(() => machine(fifty)));
    const results = await Promise.all(targets.map((t, i) => ferry(['bump', '--repo', url(repo.name), '--env', t.env, '--app', t.app, '--image', imageRef(t.app, `3.0.0-${t.env}`), '--json'], { env: envs[i] })));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const commits = log(repo.dir, '%H %(trailers:key=Ferry-Env,valueonly,separator=)/%(trailers:key=Ferry-App,valueonly,separator=)');
    expect(commits).toHaveLength(51);
    const landed = commits.slice(0, 50).map((line) => line.split(' ')[1]);
    expect(new Set(landed).size).toBe(50);
    expect(landed.sort()).toEqual(targets.map((t) => `${t.env}/${t.app}`).sort());
    for (const t of targets) {
      expect(readRemoteFile(repo.dir, `${t.env}/${t.app}/kustomization.yaml`)).toContain(`digest: ${digestOf(`${t.app} 3.0.0-${t.env}`)}`);
    }
    // Each process reports the commit it made, and each is in the history.
    expect(new Set(results.map((r) => JSON.parse(r.stdout).commit))).toEqual(new Set(commits.slice(0, 50).map((l) => l.split(' ')[0])));
  }, 180_000);

  test.each(['one machine', 'separate machines'] as const)('concurrent bumps of the same app and environment (%s): every one is a commit, the final pin is the last commit\'s', async (kind) => {
    const repo = await newRepo(1);
    const app = appName(0);
    const tags = Array.from({ length: 8 }, (_, i) => `4.0.${i}`);
    const envs = await Promise.all(tags.map(() => machine(kind)));
    const results = await Promise.all(tags.map((tag, i) => ferry(['bump', '--repo', url(repo.name), '--env', 'prod', '--app', app, '--image', imageRef(app, tag), '--json'], { env: envs[i] })));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const attempts = results.map((r) => JSON.parse(r.stdout).attempts as number);
    // Racing through the remote, eight processes started at once lose races: each is retried.
    if (kind === 'separate machines') expect(Math.max(...attempts)).toBeGreaterThan(1);
    const images = log(repo.dir, '%(trailers:key=Ferry-Image,valueonly,separator=)').slice(0, 8);
    expect(new Set(images)).toEqual(new Set(tags.map((t) => imageRef(app, t))));
    const final = readRemoteFile(repo.dir, `prod/${app}/kustomization.yaml`)!;
    expect(final).toContain(`digest: ${digestOf(`${app} ${images[0]!.split(':')[1]!.split('@')[0]}`)}`);
    // Each commit's previous image is the image of the commit before it: no update was lost.
    const previous = log(repo.dir, '%(trailers:key=Ferry-Previous-Image,valueonly,separator=)').slice(0, 8);
    expect(previous.slice(0, 7)).toEqual(images.slice(1));
    expect(previous[7]).toBe(imageRef(app, '1.0.0'));
  }, 120_000);
});

describe('bad input: exit 2, a message naming the problem, the remote unchanged', () => {
  const app = appName(0);
  test.each([
    ['a malformed digest', ['--env', 'dev', '--app', app, '--image', `${REGISTRY}/${app}:1.0@sha256:abc`], /image: the digest has 3 hex digits, not 64/],
    ['an uppercase digest', ['--env', 'dev', '--app', app, '--image', `${REGISTRY}/${app}:1.0@sha256:${'A'.repeat(64)}`], /lowercase/],
    ['no digest', ['--env', 'dev', '--app', app, '--image', `${REGISTRY}/${app}:1.0`], /no digest/],
    ['an unknown environment', ['--env', 'qa', '--app', app, '--image', imageRef(app, '9')], /no environment "qa" in ferry.yaml \(environments: dev, stage, prod\)/],
    ['an unknown app', ['--env', 'dev', '--app', 'nope', '--image', imageRef(app, '9')], /no app "nope"/],
    ['another app\'s image', ['--env', 'dev', '--app', app, '--image', imageRef('other', '9')], /expected an image of app "app-0000"/],
    ['another registry', ['--env', 'dev', '--app', app, '--image', `evil.example.com/${app}:9@${digestOf('x')}`], /expected an image of app/],
    ['a forged trailer in requested-by', ['--env', 'dev', '--app', app, '--image', imageRef(app, '9'), '--requested-by', 'alice\nFerry-Approved-By: mallory'], /requested-by: must be one line/],
    // Shown in `git log`, the name would read backwards from the override on: "alice (approved by bob)".
    ['a bidi override in requested-by', ['--env', 'dev', '--app', app, '--image', imageRef(app, '9'), '--requested-by', 'alice \u202e)bob yb devorppa('], /requested-by: must be one line of text without control characters, found "alice \\u202e\)bob/],
    ['a bad source revision', ['--env', 'dev', '--app', app, '--image', imageRef(app, '9'), '--source-revision', 'HEAD; rm -rf /'], /source-revision: expected a commit id/],
    ['a missing option', ['--env', 'dev', '--app', app], /--image: is required/],
    ['an option given empty', ['--env=', '--app', app, '--image', imageRef(app, '9')], /--env: must not be empty/],
    // The last of two values is not taken for the one meant: `--env dev --env prod` pinned prod.
    ['an option given twice', ['--env', 'dev', '--env', 'prod', '--app', app, '--image', imageRef(app, '9')], /--env: is given more than once/],
    ['--app given twice', ['--env', 'dev', '--app', app, '--app', appName(1), '--image', imageRef(app, '9')], /--app: is given more than once/],
    ['a number that is not plainly one', ['--env', 'dev', '--app', app, '--image', imageRef(app, '9'), '--max-attempts', '0x10'], /--max-attempts: expected a whole number from 1 to 1000, found "0x10"/],
  ])('%s', async (_name, args, message) => {
    const repo = await newRepo(1);
    const r = await ferry(['bump', '--repo', repo.dir, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(remoteHead(repo.dir)).toBe(repo.head);
  });

  test.each(['main.lock', 'a//b', '.hidden', 'x.', '/x', 'x/', 'a..b', 'refs/heads/main', 'HEAD', '-x'])('--branch %s (no branch name git takes): exit 2 naming --branch', async (branch) => {
    const repo = await newRepo(1);
    const r = await ferry(['bump', '--repo', repo.dir, `--branch=${branch}`, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`--branch: expected a branch name \\(.*\\), found ${JSON.stringify(branch).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    expect(remoteHead(repo.dir)).toBe(repo.head);
  });

  test('--branch naming a tag: there is no such branch (not "the branch has no commit")', async () => {
    const repo = await newRepo(1);
    execFileSync('git', ['-C', repo.dir, 'tag', 'v1', 'main']);
    const r = await ferry(['bump', '--repo', repo.dir, '--branch', 'v1', '--env', 'dev', '--app', app, '--image', imageRef(app, '9')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the repository has no branch v1: v1 is a tag there/);
    expect(r.stderr).not.toMatch(/has no commit/);
    expect(remoteHead(repo.dir)).toBe(repo.head);
  });

  test.each([
    ['a manifest path that escapes the repository', (y: string) => y.replace('"{env}/{app}/kustomization.yaml"', '"../{env}/{app}/kustomization.yaml"'), /ferry\.yaml:\d+:\d+: apps\[0\]\.manifest: .*\.\./],
    ['a broken ferry.yaml', (y: string) => y.replace('environments:', 'environments: [').replace('apps:', 'apps'), /ferry\.yaml:\d+:\d+/],
    ['an unknown key in ferry.yaml', (y: string) => y.replace('    image: app-0000', '    imagee: app-0000'), /ferry\.yaml:\d+:\d+: apps\[0\]: unknown key "imagee"/],
  ])('%s', async (_name, mutate, message) => {
    const repo = await newRepo(1);
    const work = await mkdtemp(join(tmpdir(), 'ferry-work-'));
    execFileSync('git', ['clone', '--quiet', repo.dir, work]);
    await writeFile(join(work, 'ferry.yaml'), mutate(readRemoteFile(repo.dir, 'ferry.yaml')!));
    execFileSync('git', ['-C', work, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-am', 'break config']);
    execFileSync('git', ['-C', work, 'push', '--quiet', 'origin', 'main']);
    const head = remoteHead(repo.dir);
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(remoteHead(repo.dir)).toBe(head);
    await rm(work, { recursive: true, force: true });
  });

  test('a manifest that is not UTF-8 (a Latin-1 comment): refused, naming the file and line; read as UTF-8, its byte would have changed', async () => {
    const repo = await newRepo(1);
    const work = await mkdtemp(join(tmpdir(), 'ferry-work-'));
    execFileSync('git', ['clone', '--quiet', repo.dir, work]);
    const path = `dev/${app}/kustomization.yaml`;
    await writeFile(join(work, path), Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(' (Latin-1)\n'), await readFile(join(work, path))]));
    execFileSync('git', ['-C', work, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-am', 'a Latin-1 comment']);
    execFileSync('git', ['-C', work, 'push', '--quiet', 'origin', 'main']);
    const head = remoteHead(repo.dir);
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path}: not UTF-8 text (byte 0xe9 at line 1)`);
    expect(remoteHead(repo.dir)).toBe(head);
    await rm(work, { recursive: true, force: true });
  });

  // go-yaml (kustomize) reads a lone CR as a line break, and a key tagged !!binary as the text it
  // decodes to: either hides a second digest from Ferry, which kustomize deploys.
  test.each([
    [
      'a lone carriage return in a comment, before a second digest',
      (text: string) => text.replace('# pinned by Ferry', `# pinned by Ferry\r    digest: sha256:${'e'.repeat(64)}`),
      `dev/${app}/kustomization.yaml:10:38: a carriage return (CR) with no line feed after it is a line break to go-yaml (the YAML reader of kustomize and Helm) but not to Ferry: in a comment or an unquoted value, what follows it would be read as another line of YAML there (in a quoted one, the value would differ); remove it (or end the line with CRLF or LF)`,
    ],
    [
      'a second digest whose key is tagged !!binary (ZGlnZXN0 is "digest")',
      (text: string) => `${text}    !!binary ZGlnZXN0: sha256:${'e'.repeat(64)}\n`,
      `dev/${app}/kustomization.yaml:12:14: images[0]: the key carries the explicit tag !!binary: go-yaml (the YAML reader of kustomize, Helm, kubectl and Argo CD) decodes it to the key "digest", which Ferry does not match, so the two could read different values here; write the key as text, without the tag`,
    ],
    [
      // kustomize puts the name unescaped into a regular expression: [e] matches "e", and this entry's digest deploys.
      'a later entry whose name has [e], matching the image Ferry\'s entry makes',
      (text: string) => `${text}  - name: 123456789012.dkr.ecr.eu-central-1.amazonaws.com/${app.slice(0, -1)}[${app.slice(-1)}]\n    digest: sha256:${'e'.repeat(64)}\n`,
      `dev/${app}/kustomization.yaml:12:11: images[1].name: the name "123456789012.dkr.ecr.eu-central-1.amazonaws.com/${app.slice(0, -1)}[${app.slice(-1)}]" has "[", which no image name has: kustomize puts an entry's name unescaped into a regular expression (^<name>(:tag)?(@digest)?$), so this entry may apply to images of other names than Ferry compares it with (the pin Ferry writes or reads would not be what deploys); write the image's name as it is (a "." in it matches any character)`,
    ],
  ])('%s: bump and validate refuse it (exit 2), nothing written', async (_name, mutate, problem) => {
    const repo = await newRepo(1);
    const work = await mkdtemp(join(tmpdir(), 'ferry-work-'));
    execFileSync('git', ['clone', '--quiet', repo.dir, work]);
    const path = `dev/${app}/kustomization.yaml`;
    await writeFile(join(work, path), mutate(await readFile(join(work, path), 'utf8')));
    execFileSync('git', ['-C', work, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-am', 'a digest Ferry does not see']);
    execFileSync('git', ['-C', work, 'push', '--quiet', 'origin', 'main']);
    const head = remoteHead(repo.dir);
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(problem);
    const validate = await ferry(['validate', '--repo', repo.dir]);
    expect(validate.code, validate.stderr).toBe(2);
    expect(validate.stderr).toBe(`invalid: 1 problem at ${head.slice(0, 12)}\n  ${problem}\n`);
    expect(remoteHead(repo.dir)).toBe(head);
    await rm(work, { recursive: true, force: true });
  });

  test('a manifest that is a symbolic link (its blob is the link\'s target): bump and validate refuse it by name (exit 2), status shows it as its row\'s problem; nothing written', async () => {
    const repo = await newRepo(1);
    const work = await mkdtemp(join(tmpdir(), 'ferry-work-'));
    const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { encoding: 'utf8' }).trim();
    execFileSync('git', ['clone', '--quiet', repo.dir, work]);
    const path = `dev/${app}/kustomization.yaml`;
    // The link's target is the manifest's own text: read as a file, it would look fine.
    const blob = execFileSync('git', ['-C', work, 'hash-object', '-w', '--stdin'], { input: await readFile(join(work, path)) }).toString().trim();
    git('rm', '--quiet', '--cached', path);
    git('update-index', '--add', '--cacheinfo', `120000,${blob},${path}`);
    git('commit', '--quiet', '-m', 'the manifest becomes a link');
    git('push', '--quiet', 'origin', 'main');
    const head = remoteHead(repo.dir);
    for (const args of [['bump', '--env', 'dev', '--app', app, '--image', imageRef(app, '9')], ['bump', '--env', 'dev', '--app', app, '--image', imageRef(app, '9'), '--dry-run'], ['validate']]) {
      const r = await ferry([args[0]!, '--repo', repo.dir, ...args.slice(1)]);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(`${path}: is a symbolic link in the env repo`);
    }
    // status shows every pin it can read; this one is a row marked with its problem (as a missing
    // or broken manifest is).
    const status = await ferry(['status', '--repo', repo.dir, '--json']);
    expect(status.code, status.stderr).toBe(0);
    const rows = JSON.parse(status.stdout).rows as { env: string; app: string; error?: string }[];
    expect(rows.find((row) => row.env === 'dev' && row.app === app)?.error).toMatch(new RegExp(`^${path.replace(/[.]/g, '\\.')}: is a symbolic link in the env repo`));
    expect(remoteHead(repo.dir)).toBe(head);
    await rm(work, { recursive: true, force: true });
  });

  test('a binary file or a link beside the manifest (read ahead with it) does not stop a bump', async () => {
    const repo = await newRepo(1);
    const work = await mkdtemp(join(tmpdir(), 'ferry-work-'));
    const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { encoding: 'utf8' }).trim();
    execFileSync('git', ['clone', '--quiet', repo.dir, work]);
    await writeFile(join(work, `dev/${app}/logo.png`), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe]));
    const blob = execFileSync('git', ['-C', work, 'hash-object', '-w', '--stdin'], { input: 'kustomization.yaml' }).toString().trim();
    git('add', `dev/${app}/logo.png`);
    git('update-index', '--add', '--cacheinfo', `120000,${blob},dev/${app}/same.yaml`);
    git('commit', '--quiet', '-m', 'a logo and a link beside the manifest');
    git('push', '--quiet', 'origin', 'main');
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')]);
    expect(r.code, r.stderr).toBe(0);
    expect(readRemoteFile(repo.dir, `dev/${app}/kustomization.yaml`)).toContain(imageRef(app, '9').split('@')[1]!);
    await rm(work, { recursive: true, force: true });
  });
});

describe('a remote that fails for a reason other than a race: exit 1 with git\'s reason, no retry', () => {
  const app = appName(0);
  test('no such repository (file://)', async () => {
    const r = await ferry(['bump', '--repo', join(root, 'missing.git'), '--env', 'dev', '--app', app, '--image', imageRef(app, '9')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/does not appear to be a git repository/);
    expect(r.stderr).not.toMatch(/lost a race/);
  });

  test('no such repository (git://)', async () => {
    const r = await ferry(['bump', '--repo', daemon.url('missing.git'), '--env', 'dev', '--app', app, '--image', imageRef(app, '9')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no such repository|access denied or repository not exported|not found|does not appear/);
  });

  test('push refused by the server (a pre-receive hook declines)', async () => {
    const repo = await newRepo(1);
    const hook = join(repo.dir, 'hooks', 'pre-receive');
    await writeFile(hook, '#!/bin/sh\necho "permission denied: env repo is read-only today" >&2\nexit 1\n');
    await chmod(hook, 0o755);
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/permission denied: env repo is read-only today/);
    expect(r.stderr).toMatch(/pre-receive hook declined/);
    expect(r.stderr).not.toMatch(/lost a race/);
    expect(remoteHead(repo.dir)).toBe(repo.head);
  });

  test('--dry-run: a manifest line with escape sequences shows in the diff written out, never acting on the terminal', async () => {
    const repo = await newRepo(1);
    const manifest = `dev/${app}/kustomization.yaml`;
    const work = await mkdtemp(join(root, 'work-'));
    try {
      execFileSync('git', ['clone', '--quiet', repo.dir, work]);
      const text = await readFile(join(work, manifest), 'utf8');
      // OSC 0 sets the terminal's title; ESC [2J clears the screen. The comment sits beside the tag.
      await writeFile(join(work, manifest), text.replace(/^(\s*newTag: .*)$/m, '$1 # \u001b]0;PWNED\u0007\u001b[2J'));
      execFileSync('git', ['-C', work, '-c', 'user.name=M', '-c', 'user.email=m@example.invalid', 'commit', '--quiet', '-am', 'comment']);
      execFileSync('git', ['-C', work, 'push', '--quiet', 'origin', 'main']);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9'), '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\+ {4}newTag: "9" {3}# pinned by Ferry # \\u001b\]0;PWNED\\u0007\\u001b\[2J$/m);
    for (const raw of ['\u001b', '\u0007']) expect(r.stdout).not.toContain(raw);
  });

  test("a hook's output with escape sequences and bidi controls: shown in the error, written out, never acting on the terminal", async () => {
    const repo = await newRepo(1);
    const hook = join(repo.dir, 'hooks', 'pre-receive');
    // ESC [2J clears the screen; U+009B is CSI on its own; U+202E reverses what follows.
    await writeFile(hook, "#!/bin/sh\nprintf 'denied\\033[2Jby policy \\302\\233 1m\\342\\200\\256reversed\\n' >&2\nexit 1\n");
    await chmod(hook, 0o755);
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('denied\\u001b[2Jby policy \\u009b 1m\\u202ereversed');
    for (const raw of ['\u001b', '\u009b', '\u202e']) expect(r.stderr).not.toContain(raw);
    expect(remoteHead(repo.dir)).toBe(repo.head);
  });

  test('a hook whose own output looks like a lost race is taken at its word: its refusal, no retry', async () => {
    const repo = await newRepo(1);
    const hook = join(repo.dir, 'hooks', 'pre-receive');
    const mimic = [
      'mirror sync failed:  ! [rejected]        main -> main (non-fast-forward)',
      ' ! [remote rejected] main -> main (incorrect old value provided)',
      " ! [remote rejected] main -> main (failed to update ref) error: cannot lock ref 'refs/heads/main': is at 0123 but expected 4567",
    ];
    await writeFile(hook, `#!/bin/sh\n${mimic.map((l) => `echo ${JSON.stringify(l)} >&2`).join('\n')}\nexit 1\n`);
    await chmod(hook, 0o755);
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9'), '--max-attempts', '3', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/lost a race|moved|retry/i);
    const { error } = JSON.parse(r.stdout) as { error: { message: string } };
    expect(error.message).toMatch(/mirror sync failed/);
    expect(error.message).toMatch(/pre-receive hook declined/);
    expect(remoteHead(repo.dir)).toBe(repo.head);
  });

  test('a stale lock left on the server (the branch where it was read): git\'s reason as itself, no retry as for a lost race', async () => {
    const repo = await newRepo(1);
    execFileSync('git', ['-C', repo.dir, 'pack-refs', '--all']);
    await writeFile(join(repo.dir, 'refs', 'heads', 'main.lock'), '');
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9'), '--max-attempts', '3']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Unable to create '[^']*main\.lock': File exists/);
    expect(r.stderr).toMatch(/main is still at [0-9a-f]{12} on the server, so no other push moved it: not a race/);
    expect(r.stderr).not.toMatch(/lost a race|gave up/);
    expect(remoteHead(repo.dir)).toBe(repo.head);
  });

  test('a hook whose refusal reads like a broken connection ("remote: read: Connection reset by peer") is taken at its word: pushed once', async () => {
    const repo = await newRepo(1);
    const runs = join(repo.dir, 'hook-runs');
    const hook = join(repo.dir, 'hooks', 'pre-receive');
    await writeFile(hook, `#!/bin/sh
echo run >> "${runs}"
echo "read: Connection reset by peer" >&2
exit 1
`);
    await chmod(hook, 0o755);
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/pre-receive hook declined/);
    expect((await readFile(runs, 'utf8')).trim().split('\n')).toHaveLength(1);
    expect(remoteHead(repo.dir)).toBe(repo.head);
  });

  test('pushing is not enabled on the git daemon', async () => {
    const repo = await newRepo(1);
    execFileSync('git', ['-C', repo.dir, 'config', 'daemon.receivepack', 'false']);
    const r = await ferry(['bump', '--repo', daemon.url(repo.name), '--env', 'dev', '--app', app, '--image', imageRef(app, '9')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/service not enabled|access denied/);
    expect(r.stderr).not.toMatch(/lost a race/);
    expect(remoteHead(repo.dir)).toBe(repo.head);
  });
});

/**
 * A relay on 127.0.0.1 in front of the git daemon that resets the connections `reset` picks (by
 * their number, from 1), as an overloaded server does; it counts the connections it saw.
 */
async function resettingRelay(reset: (n: number, request: string) => boolean): Promise<{ url(name: string): string; connections(): number; close(): Promise<void> }> {
  const upstream = new URL(daemon.url('x.git'));
  let seen = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    // Decided on the client's request: its first pkt-line names the service (git-upload-pack or
    // git-receive-pack). git may write the line's 4-digit length and its text apart, so the
    // relay waits for the whole line.
    let first = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      first = Buffer.concat([first, chunk]);
      if (first.length < 4 || first.length < Number.parseInt(first.subarray(0, 4).toString('latin1'), 16)) return;
      client.off('data', onData);
      client.pause();
      if (reset(++seen, first.toString('latin1'))) {
        client.resetAndDestroy();
        return;
      }
      const to = connect(Number(upstream.port), '127.0.0.1');
      sockets.add(to);
      to.on('close', () => sockets.delete(to));
      to.write(first);
      client.pipe(to).pipe(client);
      client.on('error', () => to.destroy());
      to.on('error', () => client.destroy());
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    url: (name) => `git://127.0.0.1:${port}/${name}`,
    connections: () => seen,
    close: () => new Promise((resolveClose) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolveClose());
    }),
  };
}

test('a lock held by another push still landing (a slow reference-transaction hook): a race after all, the bump lands once that push has', async () => {
  const app = appName(0);
  const repo = await newRepo(1);
  const marks = await mkdtemp(join(root, 'marks-'));
  // The first ref update (the other push) sleeps 3 s holding main's lock; later ones do not.
  const hook = join(repo.dir, 'hooks', 'reference-transaction');
  await writeFile(hook, `#!/bin/sh\nif [ "$1" = prepared ] && mkdir "${marks}/slow" 2>/dev/null; then touch "${marks}/holding"; sleep 3; fi\nexit 0\n`);
  await chmod(hook, 0o755);
  const work = join(marks, 'work');
  execFileSync('git', ['clone', '--quiet', repo.dir, work]);
  execFileSync('git', ['-C', work, '-c', 'user.name=other', '-c', 'user.email=other@example.com', 'commit', '--quiet', '--allow-empty', '-m', 'another push']);
  const other = spawn('git', ['-C', work, 'push', '--quiet', 'origin', 'HEAD:main'], { stdio: 'ignore' });
  const pushed = new Promise<number | null>((done) => other.on('close', done));
  const holding = join(marks, 'holding');
  for (let i = 0; i < 200 && !(await readdir(marks)).includes('holding'); i++) await new Promise((r) => setTimeout(r, 25));
  expect((await readdir(marks)).includes('holding'), holding).toBe(true);
  const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '9')]);
  expect(await pushed).toBe(0);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).not.toMatch(/not a race/);
  const subjects = log(repo.dir, '%s');
  expect(subjects[1]).toBe('another push');
  expect(subjects[0]).toMatch(/^bump\(dev\): /);
  expect(readRemoteFile(repo.dir, `dev/${app}/kustomization.yaml`)).toContain(digestOf(`${app} 9`));
});

describe('a connection the server resets (as git daemon does with more than 5 waiting)', () => {
  const app = appName(0);
  test('the clone and the fetches are tried again: the bump lands, once', async () => {
    const repo = await newRepo(1);
    // The first connection (the clone) and the third (the first fetch) are reset.
    const relay = await resettingRelay((n) => n === 1 || n === 3);
    try {
      const r = await ferry(['bump', '--repo', relay.url(repo.name), '--env', 'dev', '--app', app, '--image', imageRef(app, '7.0.0'), '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', attempts: 1, commit: remoteHead(repo.dir) });
      expect(log(repo.dir)).toHaveLength(2);
      expect(readRemoteFile(repo.dir, `dev/${app}/kustomization.yaml`)).toContain(`digest: ${digestOf(`${app} 7.0.0`)}`);
      expect(relay.connections()).toBeGreaterThanOrEqual(5); // clone twice, fetches, push
    } finally {
      await relay.close();
    }
  });

  test('the push is tried again (its branch read back first: it did not land): the bump lands, once', async () => {
    const repo = await newRepo(1);
    let pushes = 0;
    const relay = await resettingRelay((_n, request) => request.includes('git-receive-pack') && ++pushes === 1);
    try {
      const r = await ferry(['bump', '--repo', relay.url(repo.name), '--env', 'dev', '--app', app, '--image', imageRef(app, '7.1.0'), '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', attempts: 1, commit: remoteHead(repo.dir) });
      expect(pushes).toBe(2);
      expect(log(repo.dir)).toHaveLength(2);
    } finally {
      await relay.close();
    }
  });

  test('a server that resets every connection: exit 1 with git\'s reason after 3 tries, the remote unchanged', async () => {
    const repo = await newRepo(1);
    const relay = await resettingRelay(() => true);
    try {
      const r = await ferry(['bump', '--repo', relay.url(repo.name), '--env', 'dev', '--app', app, '--image', imageRef(app, '7.0.0')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/clone git:\/\/127\.0\.0\.1:\d+\/env-\d+\.git \(branch main\) failed: .*Connection reset by peer/s);
      expect(relay.connections()).toBe(3);
      expect(remoteHead(repo.dir)).toBe(repo.head);
    } finally {
      await relay.close();
    }
  });
});

test('a relative TMPDIR: the bump lands, and nothing is left in it', async () => {
  const repo = await newRepo(1);
  const app = appName(0);
  const cwd = await mkdtemp(join(root, 'cwd-'));
  await mkdir(join(cwd, 'tmp'));
  const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '6.0.0'), '--json'], { cwd, env: { TMPDIR: 'tmp' } });
  expect(r.code, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', commit: remoteHead(repo.dir) });
  expect((await readdir(join(cwd, 'tmp'))).filter((f) => f.startsWith('ferry-git-') || f === 'tmp')).toEqual([]);
});

test('--dry-run prints the unified diff and writes nothing', async () => {
  const repo = await newRepo(1);
  const app = appName(0);
  const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '5.0.0'), '--dry-run']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(`--- a/dev/${app}/kustomization.yaml\n+++ b/dev/${app}/kustomization.yaml\n`);
  expect(r.stdout).toContain(`-    newTag: 1.0.0   # pinned by Ferry\n-    digest: ${digestOf(`${app} 1.0.0`)}\n+    newTag: 5.0.0   # pinned by Ferry\n+    digest: ${digestOf(`${app} 5.0.0`)}\n`);
  expect(r.stdout).toMatch(/nothing written/);
  expect(remoteHead(repo.dir)).toBe(repo.head);
});

test.each([
  ['http://ferry:s3cr3t-token@127.0.0.1:1/env.git', 's3cr3t-token'],
  // Characters a URL pattern would end at (a quote ends a URL quoted in a message): masked as given.
  ["https://deploy:it'sS3cret@127.0.0.1:1/r.git", "it'sS3cret"],
  ['https://deploy:a"b<c>d`S3cret@127.0.0.1:1/r.git', 'a"b<c>d`S3cret'],
])('credentials in a URL never appear in output: %s', async (url, secret) => {
  const app = appName(0);
  for (const command of [['bump', '--env', 'dev', '--app', app, '--image', imageRef(app, '9')], ['status'], ['audit']]) {
    for (const json of [[], ['--json']]) {
      const r = await ferry([...command, '--repo', url, ...json]);
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).not.toContain(secret);
      expect(r.stdout + r.stderr).not.toContain(secret.slice(0, 6));
      expect(r.stderr).toContain('***@127.0.0.1:1');
    }
  }
});

test('a password in a file:// URL never appears in output either, the command failing or not', async () => {
  const repo = await newRepo(1);
  const app = appName(0);
  const urls = [`file://alice:s3cretpw@${repo.dir}`, `file://alice:s3cretpw@${repo.dir}-missing`];
  for (const url of urls) {
    for (const command of [['bump', '--env', 'dev', '--app', app, '--image', imageRef(app, '9'), '--dry-run'], ['status'], ['validate']]) {
      for (const json of [[], ['--json']]) {
        const r = await ferry([...command, '--repo', url, ...json]);
        expect(r.stdout + r.stderr).not.toContain('s3cretpw');
        // (Where the URL is shown: every --json result names the repo, and every failure.)
        if (json.length || r.code !== 0) expect(r.stdout + r.stderr).toContain('file://***@');
      }
    }
  }
});

test('a bump that waits for the turn of another Ferry process on the machine says whom it waits for, and goes on when the turn ends', async () => {
  const repo = await newRepo(1);
  const remote = `file://${repo.dir}`;
  const tmp = await mkdtemp(join(root, 'tmp-waiting-'));
  // The turn of another process (alive, sleeping): its lock file, named as Ferry names it.
  const locks = join(tmp, `ferry-locks-${process.getuid?.() ?? 'user'}`);
  await mkdir(locks, { recursive: true, mode: 0o700 });
  const lock = join(locks, `${createHash('sha256').update(`${remote}\nmain`).digest('hex').slice(0, 32)}.lock`);
  const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  try {
    await writeFile(lock, `${holder.pid} 0123456789abcdef\n`);
    const bump = spawn(FERRY, ['bump', '--repo', remote, '--env', 'prod', '--app', appName(0), '--image', imageRef(appName(0), '5.0.0')], { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    bump.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    // Told it waits: the turn ends (the holder's lock file goes).
    bump.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      if (stderr.includes('waiting for')) void unlink(lock).catch(() => {});
    });
    const code = await new Promise<number | null>((resolve) => bump.on('close', resolve));
    expect(code, stderr).toBe(0);
    expect(stderr).toBe(`ferry bump: waiting for Ferry process ${holder.pid} on this machine, which is writing to ${remote} (branch main); up to 60 s\n`);
    expect(stdout).toContain(`pinned ${appName(0)} in prod`);
    expect(readRemoteFile(repo.dir, `prod/${appName(0)}/kustomization.yaml`)).toContain(digestOf(`${appName(0)} 5.0.0`));
  } finally {
    holder.kill();
  }
}, 30_000);
