// ferry rollback after an image automation bot (as Flux's) committed to the pinned manifest: a tag
// rewritten alone (the same digest) is no image to go back to, and --steps goes back to the Ferry
// pin; a pin rewritten to a tag alone (no digest) is rolled back from as the file holds it.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRemoteFile } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { TEMPLATE_REGISTRY, ferryOk, initTemplateRepo, templateImage } from '../support/template-repo.js';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-rollback-tag-only-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const DEV = 'dev/user-service/kustomization.yaml';

/** Commits `sed` edits of `file` as the Flux bot, and pushes; returns the commit. */
function botCommit(repo: string, file: string, sed: string): string {
  const w = join(root, `bot-${++counter}`);
  execFileSync('git', ['clone', '-q', repo, w]);
  execFileSync('sed', ['-i', '-E', sed, join(w, file)]);
  const git = (...args: string[]) => execFileSync('git', ['-C', w, '-c', 'user.name=fluxcdbot', '-c', 'user.email=fluxcdbot@users.noreply.github.com', ...args]).toString().trim();
  git('commit', '-qam', 'Update from image update automation');
  git('push', '-q', 'origin', 'HEAD');
  return git('rev-parse', 'HEAD');
}

async function bump(repo: string, tag: string): Promise<string> {
  return JSON.parse(await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', tag), '--json'])).commit;
}

describe('ferry rollback beside an image automation bot', () => {
  test('--steps 1 after the bot rewrote the tag of a Ferry pin: back to the Ferry pin of the earlier digest, with its tag, not to the bot\'s edit', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const pinned = await bump(repo, '1.1.0');
    botCommit(repo, DEV, 's/newTag: 1.1.0/newTag: 1.1.0-flux.3/');
    await bump(repo, '1.2.0');
    const r = await ferry(['rollback', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ image: templateImage('user-service', '1.1.0'), previousImage: templateImage('user-service', '1.2.0') });
    expect(out.to).toMatchObject({ commit: pinned, action: 'bump', image: templateImage('user-service', '1.1.0') });
    expect(readRemoteFile(repo, DEV)).toContain('newTag: 1.1.0\n');
  });

  test('the bot rewrote the pin to a tag alone: --steps 1 goes back to the last image pinned by digest, --to to an earlier Ferry pin; --block is refused (no digest)', async () => {
    const repo = await initTemplateRepo(join(root, `env-${++counter}.git`));
    const first = await bump(repo, '1.1.0');
    const second = await bump(repo, '1.2.0');
    botCommit(repo, DEV, 's/newTag: 1.2.0/newTag: 1.3.0/; /^    digest: /d');
    const tagOnly = `${TEMPLATE_REGISTRY}/user-service:1.3.0`;
    const steps = await ferry(['rollback', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--dry-run', '--json']);
    expect(steps.code, steps.stderr).toBe(0);
    expect(JSON.parse(steps.stdout)).toMatchObject({ status: 'planned', image: templateImage('user-service', '1.2.0'), previousImage: tagOnly, to: { commit: second } });
    const block = await ferry(['rollback', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--block', '--reason', 'bot']);
    expect(block.code, block.stderr).toBe(2);
    expect(block.stderr).toContain('is pinned by tag alone in "dev"');
    const r = await ferry(['rollback', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--to', first.slice(0, 12), '--reason', 'the bot broke the pin', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', image: templateImage('user-service', '1.1.0'), previousImage: tagOnly, to: { commit: first } });
    expect(readRemoteFile(repo, DEV)).toContain(`digest: ${templateImage('user-service', '1.1.0').split('@')[1]}`);
    const trailers = execFileSync('git', ['-C', repo, 'log', '-1', '--format=%s%n%(trailers:only,unfold)', 'main']).toString();
    expect(trailers).toContain(`Ferry-Previous-Image: ${tagOnly}\n`);
    expect(trailers.split('\n')[0]).toMatch(/^rollback\(dev\): user-service 1\.1\.0 \(sha256:[0-9a-f]{12}\) from 1\.3\.0$/);
  });
});
