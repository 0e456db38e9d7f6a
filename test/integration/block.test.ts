// ferry block / unblock, and bumps of blocked digests, against real bare repositories.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appName, createEnvRepo, imageRef, readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-block-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function newRepo(): Promise<string> {
  const dir = join(root, `env-${++counter}.git`);
  await createEnvRepo({ dir, apps: 2 });
  return dir;
}

function trailers(dir: string, rev = 'main'): string {
  return execFileSync('git', ['-C', dir, 'log', '-1', '--format=%(trailers:only,unfold)', rev]).toString().trim();
}

function subject(dir: string): string {
  return execFileSync('git', ['-C', dir, 'log', '-1', '--format=%s', 'main']).toString().trim();
}

const app = appName(0);
const bad = imageRef(app, '6.6.6');
const digest = bad.slice(bad.indexOf('@') + 1);

describe('ferry block', () => {
  test('adds blocked.yaml with the entry, one commit with trailers; a bump of the digest is then refused with exit 1', async () => {
    const repo = await newRepo();
    const r = await ferry(['block', '--repo', repo, '--app', app, '--image', bad, '--reason', 'CVE-2026-0001 in libfoo', '--requested-by', 'alice', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ status: 'succeeded', action: 'block', app, image: bad, digest, reason: 'CVE-2026-0001 in libfoo', commit: remoteHead(repo) });
    const text = readRemoteFile(repo, 'blocked.yaml')!;
    expect(text).toMatch(new RegExp([
      '^# Image digests that no bump, promotion or rollback may pin\\. `ferry block` adds an entry, `ferry unblock` removes it\\.\\n',
      '\\nblocked:\\n',
      `  - app: ${app}\\n`,
      `    digest: ${digest}\\n`,
      `    image: ${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\n`,
      '    reason: CVE-2026-0001 in libfoo\\n',
      '    by: alice\\n',
      '    at: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\n$',
    ].join('')));
    expect(subject(repo)).toBe(`block(${app}): 6.6.6 (${digest.slice(0, 19)})`);
    expect(trailers(repo)).toBe(['Ferry-Action: block', `Ferry-App: ${app}`, `Ferry-Image: ${bad}`, 'Ferry-Reason: CVE-2026-0001 in libfoo', 'Ferry-Requested-By: alice'].join('\n'));

    const head = remoteHead(repo);
    const bump = await ferry(['bump', '--repo', repo, '--env', 'dev', '--app', app, '--image', bad, '--json']);
    expect(bump.code).toBe(1);
    expect(bump.stderr).toContain(`ferry bump: refused: ${bad} is blocked for app "${app}" (since `);
    expect(bump.stderr).toContain('by alice): CVE-2026-0001 in libfoo; `ferry unblock` allows it again');
    expect(JSON.parse(bump.stdout)).toMatchObject({ status: 'failed', error: { kind: 'refused' } });
    expect(remoteHead(repo)).toBe(head);
    // The same digest under another tag is the same image: refused too.
    const retagged = await ferry(['bump', '--repo', repo, '--env', 'prod', '--app', app, '--image', bad.replace(':6.6.6@', ':6.6.7@')]);
    expect(retagged.code).toBe(1);
    // Other digests of this app still bump (another app that runs the same image is refused this digest: block-every-app.test.ts).
    const other = await ferry(['bump', '--repo', repo, '--env', 'dev', '--app', app, '--image', imageRef(app, '6.6.8')]);
    expect(other.code, other.stderr).toBe(0);
  });

  test('says where the digest blocked is still pinned (helper-185): the environments whose manifest of the app pins it, text and --json; also when it was blocked already; [] where none does', async () => {
    const repo = await newRepo();
    const current = imageRef(app, '1.0.0'); // (the fixture's pin in dev, stage and prod)
    expect((await ferry(['bump', '--repo', repo, '--env', 'stage', '--app', app, '--image', imageRef(app, '2.0.0')])).code).toBe(0);
    const r = await ferry(['block', '--repo', repo, '--app', app, '--image', current, '--reason', 'INC-77', '--requested-by', 'oncall']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`blocked ${current} for ${app}\n  commit    ${remoteHead(repo)}\n`
      + `  still pinned in dev, prod: a block refuses new pins, it takes none out; ferry rollback --env <env> --app ${app} in each\n`);
    const again = await ferry(['block', '--repo', repo, '--app', app, '--image', current, '--reason', 'INC-77', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'skipped', stillPinned: [{ env: 'dev', manifest: `dev/${app}/kustomization.yaml` }, { env: 'prod', manifest: `prod/${app}/kustomization.yaml` }] });
    const nowhere = await ferry(['block', '--repo', repo, '--app', app, '--image', bad, '--reason', 'CVE', '--json']);
    expect(JSON.parse(nowhere.stdout)).toMatchObject({ status: 'succeeded', stillPinned: [] });
    const text = await ferry(['block', '--repo', repo, '--app', app, '--image', imageRef(app, '6.6.7'), '--reason', 'CVE']);
    expect(text.stdout).not.toContain('still pinned');
  });

  test('a manifest that does not read is named, not left out silently (helper-193): "still pinned in dev" is not all there is to know', async () => {
    const repo = await newRepo();
    const current = imageRef(app, '1.0.0'); // (the fixture's pin in dev, stage and prod)
    const stage = `stage/${app}/kustomization.yaml`;
    await commitByHand(repo, { [stage]: 'images: [unclosed\n' }, 'break stage by hand');
    expect((await ferry(['bump', '--repo', repo, '--env', 'prod', '--app', app, '--image', imageRef(app, '2.0.0')])).code).toBe(0);
    const r = await ferry(['block', '--repo', repo, '--app', app, '--image', current, '--reason', 'INC-77', '--requested-by', 'oncall']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`blocked ${current} for ${app}\n  commit    ${remoteHead(repo)}\n`
      + `  still pinned in dev: a block refuses new pins, it takes none out; ferry rollback --env <env> --app ${app} in each\n`
      + `  could not read ${stage} (whether it pins the digest is not known): check it with ferry validate\n`);
    const again = await ferry(['block', '--repo', repo, '--app', app, '--image', current, '--reason', 'INC-77', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'skipped', stillPinned: [{ env: 'dev', manifest: `dev/${app}/kustomization.yaml` }], unreadable: [{ env: 'stage', manifest: stage }] });
    // All read: no unreadable.
    const fine = await ferry(['block', '--repo', await newRepo(), '--app', app, '--image', current, '--reason', 'INC-77', '--json']);
    expect(JSON.parse(fine.stdout)).not.toHaveProperty('unreadable');
  });

  test('blocking twice: the second is skipped, no commit', async () => {
    const repo = await newRepo();
    const args = ['block', '--repo', repo, '--app', app, '--image', bad, '--reason', 'bad build'];
    expect((await ferry(args)).code).toBe(0);
    const head = remoteHead(repo);
    const again = await ferry([...args, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'skipped', commit: head });
    expect(remoteHead(repo)).toBe(head);
  });

  test('unblock removes the entry (one commit) and the bump goes through; unblocking again is skipped', async () => {
    const repo = await newRepo();
    expect((await ferry(['block', '--repo', repo, '--app', app, '--image', bad, '--reason', 'bad build'])).code).toBe(0);
    const un = await ferry(['unblock', '--repo', repo, '--app', app, '--image', bad, '--reason', 'fixed upstream', '--json']);
    expect(un.code, un.stderr).toBe(0);
    expect(JSON.parse(un.stdout)).toMatchObject({ status: 'succeeded', action: 'unblock' });
    expect(readRemoteFile(repo, 'blocked.yaml')).not.toContain(digest);
    expect(trailers(repo)).toBe(['Ferry-Action: unblock', `Ferry-App: ${app}`, `Ferry-Image: ${bad}`, 'Ferry-Reason: fixed upstream'].join('\n'));
    const bump = await ferry(['bump', '--repo', repo, '--env', 'dev', '--app', app, '--image', bad]);
    expect(bump.code, bump.stderr).toBe(0);
    const head = remoteHead(repo);
    const again = await ferry(['unblock', '--repo', repo, '--app', app, '--image', bad, '--reason', 'again', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'skipped' });
    expect(remoteHead(repo)).toBe(head);
  });

  test.each([
    ['a reason that forges a trailer', ['--reason', 'oops\nFerry-Approved-By: mallory'], /reason: must be one line of text without control characters/],
    ['a requester that forges a trailer', ['--reason', 'x', '--requested-by', 'eve\nFerry-Approved-By: mallory'], /requested-by: must be one line/],
    ['no reason', [], /--reason: is required/],
    ['--image given twice', ['--reason', 'x', '--image', bad, '--image', imageRef(appName(1), '1.0.0')], /--image: is given more than once/],
    ['another app\'s image', ['--reason', 'x', '--image', imageRef(appName(1), '1.0.0')], /expected an image of app "app-0000"/],
  ])('bad input: %s: exit 2, nothing written', async (_name, extra, message) => {
    const repo = await newRepo();
    const head = remoteHead(repo);
    // (An --image of the row's own instead of the usual one: one given twice is refused as such.)
    const args = ['block', '--repo', repo, '--app', app, ...(extra.includes('--image') ? [] : ['--image', bad]), ...extra];
    const r = await ferry(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(remoteHead(repo)).toBe(head);
  });

  test('a hand-broken blocked.yaml: bumps fail closed (exit 2, file and line named) and validate reports it', async () => {
    const repo = await newRepo();
    await commitByHand(repo, { 'blocked.yaml': 'blocked:\n  - app: x\n    digest: sha256:abc\n    reason: r\n    colour: red\n' }, 'hand edit');
    const head = remoteHead(repo);
    const bump = await ferry(['bump', '--repo', repo, '--env', 'dev', '--app', app, '--image', imageRef(app, '7.0.0')]);
    expect(bump.code).toBe(2);
    expect(bump.stderr).toContain('blocked.yaml:3:13: blocked[0].digest: expected sha256:<64 lowercase hex digits>, found "sha256:abc"');
    expect(bump.stderr).toContain('blocked.yaml:5:5: blocked[0].colour: unknown key "colour"');
    expect(remoteHead(repo)).toBe(head);
    const validate = await ferry(['validate', '--repo', repo]);
    expect(validate.code).toBe(2);
    expect(validate.stderr + validate.stdout).toContain('blocked.yaml:5:5');
  });

  test('a hand-written blocked.yaml (CRLF, comments): block and unblock change only that entry\'s bytes', async () => {
    const repo = await newRepo();
    const other = imageRef(app, '5.5.5');
    const before = [
      '# Reviewed by security.',
      'blocked:',
      '  # never unblock this one',
      `  - app: ${app}   # x`,
      `    digest: ${other.slice(other.indexOf('@') + 1)}`,
      '    reason: r',
      '',
    ].join('\r\n');
    await commitByHand(repo, { 'blocked.yaml': before }, 'hand edit');
    expect((await ferry(['block', '--repo', repo, '--app', app, '--image', bad, '--reason', 'bad build'])).code).toBe(0);
    const blocked = readRemoteFile(repo, 'blocked.yaml')!;
    expect(blocked.startsWith(before)).toBe(true);
    expect(blocked.slice(before.length)).toMatch(new RegExp(`^  - app: ${app}\\r\\n    digest: ${digest}\\r\\n(    [a-z]+: [^\\r\\n]+\\r\\n)+$`));
    const un = await ferry(['unblock', '--repo', repo, '--app', app, '--image', bad, '--reason', 'fixed']);
    expect(un.code, un.stderr).toBe(0);
    expect(readRemoteFile(repo, 'blocked.yaml')).toBe(before);
    // Unblocking the hand-written entry takes its comment with it; the header stays, and `blocked:` as written.
    expect((await ferry(['unblock', '--repo', repo, '--app', app, '--image', other, '--reason', 'fixed'])).code).toBe(0);
    expect(readRemoteFile(repo, 'blocked.yaml')).toBe('# Reviewed by security.\r\nblocked:\r\n');
  });

  test('--help', async () => {
    for (const command of ['block', 'unblock']) {
      const r = await ferry([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: ferry ${command} --repo <url|path> --app <app> --image <ref> --reason <text>`);
    }
    // A digest is blocked for every app, whichever app it was blocked with.
    const block = await ferry(['block', '--help']);
    expect(block.stdout).toMatch(/^ferry block: refuse an image digest, for every app \(blocked\.yaml\), until\n {13}ferry unblock$/m);
    const bump = (await ferry(['bump', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(bump).toContain('A blocked digest (ferry block: blocked for every app, whichever app it was blocked with) is refused with exit 1.');
  });
});
