// ferry promote while another tool (an image automation bot, as Flux's) still commits to the
// pinned manifests: a tag rewritten alone (the same digest) in the target while a promotion is
// written is the same image deployed, and the promotion goes ahead; a pin that did change is
// refused naming the commit and its author; a source pinned by tag alone is refused where it is.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { raceOnFirstPush } from '../support/race-hook.js';
import { ferryOk, hoursAgo, initTemplateRepo, templateImage } from '../support/template-repo.js';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-promote-tag-only-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const STAGE = 'stage/user-service/kustomization.yaml';
const DEV = 'dev/user-service/kustomization.yaml';

/** A bash script that commits `sed` edits of `file` as the Flux bot, and pushes. */
function botScript(repo: string, file: string, sed: string): string {
  return [
    'w=$(mktemp -d)',
    `git clone -q ${repo} "$w/c"`,
    `sed -i -E '${sed}' "$w/c/${file}"`,
    'git -C "$w/c" -c user.name=fluxcdbot -c user.email=fluxcdbot@users.noreply.github.com commit -qam "Update from image update automation"',
    'git -C "$w/c" push -q origin HEAD',
    '',
  ].join('\n');
}

function trailers(dir: string): string {
  return execFileSync('git', ['-C', dir, 'log', '-1', '--format=%(trailers:only,unfold)', 'main']).toString().trim();
}

describe('ferry promote beside an image automation bot', () => {
  test("the target's tag rewritten alone while the promotion is written: the same image deployed, promoted on the new head; the commit records what the file held", async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const b = templateImage('user-service', '1.1.0');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', b], hoursAgo(2));
    await raceOnFirstPush(repo, botScript(repo, STAGE, 's/newTag: 1.0.0/newTag: 1.0.0-flux.7/'), join(root, `race-${++counter}`));
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--requested-by', 'rm', '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const a = templateImage('user-service', '1.0.0').replace(':1.0.0@', ':1.0.0-flux.7@');
    expect(out).toMatchObject({ status: 'succeeded', attempts: 2, commit: remoteHead(repo) });
    expect(out.promotions[0]).toMatchObject({ image: b, previousImage: a });
    expect(readRemoteFile(repo, STAGE)).toContain(`digest: ${b.split('@')[1]}`);
    expect(trailers(repo)).toContain(`Ferry-Previous-Image: ${a}`);
  });

  test("the target's digest changed by the bot while the promotion is written: refused, naming the commit and its author", async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const b = templateImage('user-service', '1.1.0');
    const x = templateImage('user-service', '0.9.0');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', b], hoursAgo(2));
    await raceOnFirstPush(repo, botScript(repo, STAGE, `s/newTag: 1.0.0/newTag: 0.9.0/; s/digest: sha256:[0-9a-f]+/digest: ${x.split('@')[1]}/`), join(root, `race-${++counter}`));
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--requested-by', 'rm']);
    expect(r.code, r.stderr).toBe(1);
    const bot = execFileSync('git', ['-C', repo, 'log', '-1', '--format=%H', 'main', '--', STAGE]).toString().trim();
    const short = (image: string) => `${image.split(':')[1]!.split('@')[0]} (${image.split('@')[1]!.slice(0, 19)})`;
    expect(r.stderr).toContain(`user-service: stage pinned ${short(templateImage('user-service', '1.0.0'))} when planned, now ${short(x)} (changed by commit ${bot.slice(0, 12)} of "fluxcdbot": "Update from image update automation"); nothing written.`);
    expect(readRemoteFile(repo, STAGE)).toContain(x.split('@')[1]);
  });

  test('dev pinned by tag alone (the bot rewrote image: repo:tag): refused (exit 2) where validate locates it, with what to do; --all too', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    execFileSync('bash', ['-c', botScript(repo, DEV, 's/^    digest: .*$//')], { env: { ...process.env, TMPDIR: root } });
    const line = readRemoteFile(repo, DEV)!.split('\n').findIndex((l) => l.includes('newTag:')) + 1;
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--json']);
    expect(r.code, r.stderr).toBe(2);
    const { error } = JSON.parse(r.stdout);
    expect(error.problems).toEqual([expect.objectContaining({ file: DEV, line: expect.any(Number), column: expect.any(Number), field: 'images[0].digest' })]);
    // (No digest key: located where it belongs, at the images: entry, as validate locates it.)
    expect(error.problems[0].line).toBe(line - 2);
    expect(error.problems[0].message).toContain('"user-service" is not pinned by digest in "dev"');
    expect(error.problems[0].message).toContain('pin it by digest in dev again (ferry bump --env dev --app user-service');
    expect(error.problems[0].message).toContain('or leave user-service out of --app');
    const all = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all']);
    expect(all.code, all.stderr).toBe(2);
    expect(all.stderr).toMatch(new RegExp(`${DEV}:\\d+:\\d+: images\\[0\\]\\.digest: .*promote the others by name`));
    expect(readRemoteFile(repo, STAGE)).toContain(templateImage('user-service', '1.0.0').split('@')[1]);
  });
});
