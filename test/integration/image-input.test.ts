// An image reference given to the CLI with white space around it (a trailing space, the "\r" of a
// line read from a CRLF file, a leading space): bump, block, unblock and rollback --to take it as
// the actions do, whose inputs @actions/core's getInput reads without it. White space inside a
// reference stays an error, and the message shows the character, where it is, and the whole value.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appName, createEnvRepo, digestOf, imageRef, readRemoteFile, remoteHead, REGISTRY } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-image-input-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function newRepo(): Promise<string> {
  const dir = join(root, `env-${++counter}.git`);
  await createEnvRepo({ dir, apps: 1 });
  return dir;
}

function lastTrailers(dir: string): string {
  return execFileSync('git', ['-C', dir, 'log', '-1', '--format=%(trailers:only,unfold)', 'main']).toString().trim();
}

const app = appName(0);
const manifest = `dev/${app}/kustomization.yaml`;
const two = imageRef(app, '2.0.0');
const three = imageRef(app, '3.0.0');

/** The ways a reference picks up white space around it on its way to the command line. */
const AROUND: [string, (ref: string) => string][] = [
  ['a trailing space', (ref) => `${ref} `],
  ['a trailing "\\r" (a line of a CRLF file)', (ref) => `${ref}\r`],
  ['a leading space', (ref) => ` ${ref}`],
  ['a tab before, "\\r\\n" after', (ref) => `\t${ref}\r\n`],
];

describe.each(AROUND)('with %s, as the action takes it', (_title, around) => {
  test('bump pins the reference, and records it, without the white space; the same bump then is skipped', async () => {
    const dir = await newRepo();
    const r = await ferry(['bump', '--repo', dir, '--env', 'dev', '--app', app, '--image', around(two), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', image: two, tag: '2.0.0', digest: digestOf(`${app} 2.0.0`), commit: remoteHead(dir) });
    expect(readRemoteFile(dir, manifest)).toContain(`    newTag: 2.0.0   # pinned by Ferry\n    digest: ${digestOf(`${app} 2.0.0`)}\n`);
    expect(lastTrailers(dir)).toContain(`Ferry-Image: ${two}\n`);
    const again = await ferry(['bump', '--repo', dir, '--env', 'dev', '--app', app, '--image', two, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'skipped' });
  });

  test('block and unblock take it as the same image', async () => {
    const dir = await newRepo();
    const block = await ferry(['block', '--repo', dir, '--app', app, '--image', around(two), '--reason', 'CVE', '--json']);
    expect(block.code, block.stderr).toBe(0);
    expect(JSON.parse(block.stdout)).toMatchObject({ status: 'succeeded', image: two, digest: digestOf(`${app} 2.0.0`) });
    expect(readRemoteFile(dir, 'blocked.yaml')).toContain(`    image: ${two}\n`);
    const unblock = await ferry(['unblock', '--repo', dir, '--app', app, '--image', around(two), '--reason', 'fixed', '--json']);
    expect(unblock.code, unblock.stderr).toBe(0);
    expect(JSON.parse(unblock.stdout)).toMatchObject({ status: 'succeeded', image: two });
    expect(readRemoteFile(dir, 'blocked.yaml')).not.toContain(digestOf(`${app} 2.0.0`));
  });

  test('rollback --to takes it, a reference or a digest alone', async () => {
    const dir = await newRepo();
    for (const ref of [two, three]) expect((await ferry(['bump', '--repo', dir, '--env', 'dev', '--app', app, '--image', ref])).code).toBe(0);
    const r = await ferry(['rollback', '--repo', dir, '--env', 'dev', '--app', app, '--to', around(two), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', image: two, previousImage: three });
    const digest = await ferry(['rollback', '--repo', dir, '--env', 'dev', '--app', app, '--to', around(digestOf(`${app} 3.0.0`)), '--json']);
    expect(digest.code, digest.stderr).toBe(0);
    expect(JSON.parse(digest.stdout)).toMatchObject({ status: 'succeeded', image: three, previousImage: two });
  });
});

describe('white space inside a reference: exit 2, the message shows the character, where it is, and the whole reference; nothing written', () => {
  const spaced = `${REGISTRY}/${app}:2.0 .0@${digestOf(`${app} 2.0.0`)}`;
  const tabbed = `${REGISTRY}/${app}:2.0.0\t@${digestOf(`${app} 2.0.0`)}`;
  const nbsp = `${REGISTRY}/${app}:2.0.0\u00a0@${digestOf(`${app} 2.0.0`)}`;
  test.each<[string, string[], string]>([
    ['bump --image, a space', ['bump', '--env', 'dev', '--app', app, '--image', ` ${spaced}\r`], `ferry bump: error: image: the reference has white space (" " at character 61 of 135); expected registry/repository[:tag]@sha256:<64 lowercase hex>, found ${JSON.stringify(spaced)}\n`],
    ['bump --image, a tab', ['bump', '--env', 'dev', '--app', app, '--image', tabbed], `ferry bump: error: image: the reference has white space ("\\t" at character 63 of 135); expected registry/repository[:tag]@sha256:<64 lowercase hex>, found ${JSON.stringify(tabbed)}\n`],
    ['bump --image, a no-break space', ['bump', '--env', 'dev', '--app', app, '--image', nbsp], `ferry bump: error: image: the reference has white space ("\\u00a0" at character 63 of 135); expected registry/repository[:tag]@sha256:<64 lowercase hex>, found ${JSON.stringify(nbsp).replace('\u00a0', '\\u00a0')}\n`],
    ['block --image', ['block', '--app', app, '--image', `${spaced} `, '--reason', 'CVE'], `ferry block: error: image: the reference has white space (" " at character 61 of 135); expected registry/repository[:tag]@sha256:<64 lowercase hex>, found ${JSON.stringify(spaced)}\n`],
    ['unblock --image', ['unblock', '--app', app, '--image', spaced, '--reason', 'fixed'], `ferry unblock: error: image: the reference has white space (" " at character 61 of 135); expected registry/repository[:tag]@sha256:<64 lowercase hex>, found ${JSON.stringify(spaced)}\n`],
    ['rollback --to', ['rollback', '--env', 'dev', '--app', app, '--to', `\r${spaced}`], `ferry rollback: error: to: the reference has white space (" " at character 61 of 135); expected registry/repository[:tag]@sha256:<64 lowercase hex>, found ${JSON.stringify(spaced)}; or a tag it was pinned with there, or the id of the commit that pinned it\n`],
  ])('%s', async (_title, args, message) => {
    const dir = await newRepo();
    const head = remoteHead(dir);
    const r = await ferry([args[0]!, '--repo', dir, ...args.slice(1)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(message);
    expect(remoteHead(dir)).toBe(head);
  });
});

// A digest alone (`--image sha256:…`) was refused as "the reference has no digest": it is nothing but one.
describe('a digest alone as --image: exit 2, saying that the image it belongs to is needed; nothing written', () => {
  const digest = digestOf(`${app} 2.0.0`);
  const said = (command: string) => `ferry ${command}: error: image: a digest alone is not enough here: give the image it belongs to, registry/repository[:tag]@sha256:…; expected registry/repository[:tag]@sha256:<64 lowercase hex>, found ${JSON.stringify(digest)}\n`;
  test.each<[string, string[]]>([
    ['bump', ['bump', '--env', 'dev', '--app', app, '--image', digest]],
    ['block', ['block', '--app', app, '--image', digest, '--reason', 'bad']],
    ['unblock', ['unblock', '--app', app, '--image', digest, '--reason', 'fixed']],
  ])('%s', async (command, args) => {
    const dir = await newRepo();
    const head = remoteHead(dir);
    const r = await ferry([args[0]!, '--repo', dir, ...args.slice(1)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(said(command));
    expect(remoteHead(dir)).toBe(head);
  });
});

describe('other options with white space around them, as the action takes its inputs', () => {
  test('bump --env, --app and --requested-by: the same environment, app and requester as without it', async () => {
    const dir = await newRepo();
    const r = await ferry(['bump', '--repo', dir, '--env', 'dev ', '--app', ` ${app}`, '--image', two, '--requested-by', 'alice\r', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', env: 'dev', app, image: two });
    expect(lastTrailers(dir)).toContain('Ferry-Env: dev\n');
    expect(lastTrailers(dir)).toContain(`Ferry-App: ${app}\n`);
    expect(lastTrailers(dir)).toMatch(/Ferry-Requested-By: alice$/m);
  });

  test('white space inside a name is still refused, and nothing is written', async () => {
    const dir = await newRepo();
    const head = remoteHead(dir);
    const r = await ferry(['bump', '--repo', dir, '--env', 'd ev', '--app', app, '--image', two]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/env/);
    expect(remoteHead(dir)).toBe(head);
  });
});
