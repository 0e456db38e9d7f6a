// A digest blocked while a Ferry proposal of it (mode: pull-request, auto-merge on) is open
// (helper-145): the block does not stop a merge, so the proposal's auto-merge is turned off. The
// block action (and the rollback action with block) turns it off and comments on the pull request;
// a bump or promotion run again, refused for the blocked digest, turns off the auto-merge of its own
// proposal and says so. Each bundle runs as the runner runs it, against the env repo served over
// https (git http-backend) and the GitHub API stand-in backed by the same bare repository, whose
// traffic is checked against GitHub's OpenAPI and GraphQL schemas after each test.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import type { GitHubStandIn, StandInPullRequest } from '../support/github-standin.js';
import { ferry } from '../support/ferry-cli.js';
import { ferryOk, hoursAgo, templateImage } from '../support/template-repo.js';
import { startGitHubRun, type GitHubRun } from '../support/github-run.js';

let run: GitHubRun;
let bare: string;
let standIn: GitHubStandIn;
let repoUrl: string;

beforeAll(async () => {
  run = await startGitHubRun('ferry-block-proposals-github-');
  ({ bare, standIn, repoUrl } = run);
}, 30_000);

afterAll(async () => {
  await run?.stop();
});

afterEach(() => {
  expect(standIn.violations.splice(0)).toEqual([]);
  standIn.state.faults.splice(0);
});

/** Runs an action's bundle as the runner does, on the run of acme/env whose GitHub is the stand-in (GitHubRun.step()). */
const step: GitHubRun['step'] = (...args) => run.step(...args);

const branchOf = (env: string, app: string, image: string) => `ferry/${env}/${app}-${image.split('@sha256:')[1]!.slice(0, 12)}`;
const pullRequest = (branch: string): StandInPullRequest => standIn.state.pullRequests.find((p) => p.head === branch && p.state === 'open')!;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A bump of `image` into dev proposed with auto-merge (squash): its open pull request. */
async function proposeBump(app: string, image: string): Promise<StandInPullRequest> {
  const proposed = await step('bump', { repo: repoUrl, env: 'dev', app, image, mode: 'pull-request', 'auto-merge': 'squash' });
  expect(proposed.code, proposed.stdout).toBe(0);
  const pr = pullRequest(branchOf('dev', app, image));
  expect(pr).toMatchObject({ state: 'open', autoMerge: { method: 'SQUASH' } });
  return pr;
}

test('a bump proposed with auto-merge, then blocked with the CLI: the CLI names the branch; the bump run again is refused and turns off the auto-merge of its pull request, and says so', async () => {
  const image = templateImage('user-service', '9.0.0');
  const pr = await proposeBump('user-service', image);

  // Security blocks the digest (a CVE) while the proposal waits for its checks; the CLI does not talk to GitHub, it says which branch proposes it.
  const blocked = await ferry(['block', '--repo', bare, '--app', 'user-service', '--image', image, '--reason', 'CVE-2026-9', '--requested-by', 'security', '--json']);
  expect(blocked.code, blocked.stderr).toBe(0);
  expect(JSON.parse(blocked.stdout).proposals).toEqual([{ branch: pr.head, commit: remoteHead(bare, pr.head), verdict: 'pins', commits: [remoteHead(bare, pr.head)] }]);
  expect(blocked.stderr).toContain(`ferry block: warning: branch ${pr.head} (at ${remoteHead(bare, pr.head).slice(0, 12)}) proposes the blocked digest`);
  expect(pr.autoMerge).toBeDefined();

  // The pipeline runs again: refused, and the proposal of that digest no longer merges itself.
  const again = await step('bump', { repo: repoUrl, env: 'dev', app: 'user-service', image, mode: 'pull-request', 'auto-merge': 'squash' });
  expect(again.code).toBe(1);
  expect(again.outputs.status).toBe('failed');
  expect(pr).toMatchObject({ state: 'open' });
  expect(pr.autoMerge).toBeUndefined();
  expect(again.stdout).toMatch(new RegExp(`^::error::ferry bump: refused: ${escape(image)} is blocked .*CVE-2026-9; \`ferry unblock\` allows it again; auto-merge of pull request #${pr.number} \\(https://github\\.com/acme/env/pull/${pr.number}\\), which proposes it, turned off: close it, merged it would pin the digest all the same$`, 'm'));
  expect(readRemoteFile(bare, 'dev/user-service/kustomization.yaml')).not.toContain(image.split('@')[1]);

  // Once more: refused, and says the pull request is still open (nothing left to turn off).
  const third = await step('bump', { repo: repoUrl, env: 'dev', app: 'user-service', image, mode: 'pull-request', 'auto-merge': 'squash' });
  expect(third.code).toBe(1);
  expect(third.stdout).toContain(`pull request #${pr.number} (https://github.com/acme/env/pull/${pr.number}) still proposes it (auto-merge is not on): close it`);
  expect(standIn.requests.filter((r) => r.operationName === 'FerryDisableAutoMerge')).toHaveLength(1);
}, 90_000);

test('a promotion proposed with auto-merge, then blocked with the CLI: the promotion run again is stopped by the blocked gate and turns off the auto-merge of its pull request, with a warning', async () => {
  const image = templateImage('order-service', '9.1.0');
  await ferryOk(['bump', '--repo', bare, '--env', 'dev', '--app', 'order-service', '--image', image], hoursAgo(1));
  const inputs = { repo: repoUrl, from: 'dev', to: 'stage', apps: 'order-service', mode: 'pull-request', 'auto-merge': 'merge', 'requested-by': 'alice' };
  const proposed = await step('promote', inputs);
  expect(proposed.code, proposed.stdout).toBe(0);
  const pr = pullRequest(branchOf('stage', 'order-service', image));
  expect(pr).toMatchObject({ state: 'open', autoMerge: { method: 'MERGE' } });

  await ferryOk(['block', '--repo', bare, '--app', 'order-service', '--image', image, '--reason', 'CVE-2026-10', '--requested-by', 'security']);
  const again = await step('promote', inputs);
  expect(again.code).toBe(1);
  expect(again.outputs.status).toBe('stopped');
  expect(pr).toMatchObject({ state: 'open' });
  expect(pr.autoMerge).toBeUndefined();
  expect(again.stdout).toMatch(new RegExp(`^::warning title=ferry promote%3A pull request #::ferry promote: auto-merge of pull request #${pr.number} \\(https://github\\.com/acme/env/pull/${pr.number}\\), which proposes it, turned off: close it`, 'm'));
  expect(JSON.parse(readFileSync(again.outputs.report!, 'utf8'))).toMatchObject({ status: 'stopped', notice: expect.stringContaining(`auto-merge of pull request #${pr.number}`) });
}, 90_000);

test('the block action: the open pull request that proposes the digest gets its auto-merge turned off and a comment naming the block\'s commit and reason; a proposal of another digest is left as it is', async () => {
  const image = templateImage('user-service', '9.2.0');
  const other = templateImage('user-service', '9.3.0');
  const pr = await proposeBump('user-service', image);
  const untouched = await proposeBump('user-service', other);
  const comments = standIn.state.comments.length;

  const r = await step('block', { repo: repoUrl, app: 'user-service', image, reason: 'CVE-2026-11 in libfoo' });
  expect(r.code, r.stdout).toBe(0);
  const commit = remoteHead(bare);
  expect(r.outputs).toMatchObject({ status: 'succeeded', commit });
  expect(readRemoteFile(bare, 'blocked.yaml')).toContain(image.split('@')[1]);
  expect(pr).toMatchObject({ state: 'open' });
  expect(pr.autoMerge).toBeUndefined();
  expect(untouched).toMatchObject({ state: 'open', autoMerge: { method: 'SQUASH' } });
  const added = standIn.state.comments.slice(comments);
  expect(added).toHaveLength(1);
  expect(added[0]).toMatchObject({ issueNumber: pr.number });
  expect(added[0]!.body).toContain(`\`${image.split('@')[1]}\` is blocked on \`main\` by commit ${commit}: CVE-2026-11 in libfoo`);
  expect(added[0]!.body).toContain('its auto-merge was turned off');
  expect(r.stdout).toMatch(new RegExp(`^::warning title=ferry block%3A a proposal of sha256%3A[0-9a-f]{12}::ferry block: branch ${escape(pr.head)} \\(at [0-9a-f]{12}\\) proposes the blocked digest: auto-merge of pull request #${pr.number} \\(https://github\\.com/acme/env/pull/${pr.number}\\) turned off, and a comment says why; close it and delete the branch$`, 'm'));

  // Run again (already blocked): nothing more to turn off; the pull request, still open, is told again.
  const again = await step('block', { repo: repoUrl, app: 'user-service', image, reason: 'CVE-2026-11 in libfoo' });
  expect(again.code, again.stdout).toBe(0);
  expect(again.outputs.status).toBe('skipped');
  expect(again.stdout).toContain(`pull request #${pr.number} (https://github.com/acme/env/pull/${pr.number}) is open (auto-merge was not on), and a comment says why`);
  expect(standIn.state.comments.at(-1)!.body).toContain(`is blocked on \`main\` by \`blocked.yaml\` (already, at ${commit})`);
}, 90_000);

test('the block action, when the auto-merge cannot be turned off: the block stays, the step fails naming the pull request to turn off by hand, and the comment is still added', async () => {
  const image = templateImage('order-service', '9.4.0');
  const proposed = await step('bump', { repo: repoUrl, env: 'dev', app: 'order-service', image, mode: 'pull-request', 'auto-merge': 'merge' });
  expect(proposed.code, proposed.stdout).toBe(0);
  const pr = pullRequest(branchOf('dev', 'order-service', image));
  expect(pr.autoMerge).toBeDefined();
  // GitHub refuses every GraphQL call (rate limited, again and again): the mutation that turns auto-merge off fails.
  standIn.state.faults.push({ kind: 'secondary-rate-limit', times: 10, match: /^POST \/graphql$/ });

  const r = await step('block', { repo: repoUrl, app: 'order-service', image, reason: 'CVE-2026-12' });
  expect(r.code).toBe(1);
  expect(r.outputs).toMatchObject({ status: 'succeeded', commit: remoteHead(bare) });
  expect(readRemoteFile(bare, 'blocked.yaml')).toContain(image.split('@')[1]);
  expect(pr.autoMerge).toBeDefined();
  expect(standIn.state.comments.at(-1)).toMatchObject({ issueNumber: pr.number });
  const digest = image.split('@')[1]!;
  expect(r.stdout).toMatch(new RegExp(`^::error::ferry block: ${digest} is blocked \\(the block stands\\), but a pull request may still merge it: turn off the auto-merge of pull request #${pr.number} \\(https://github\\.com/acme/env/pull/${pr.number}\\) by hand, or close it \\(turn off auto-merge on pull request ${pr.nodeId} failed: 403 .*rate limit`, 'm'));
}, 120_000);

test('the rollback action with block: a proposal of the image rolled back from (into the next environment) gets its auto-merge turned off and a comment', async () => {
  const bad = templateImage('user-service', '9.5.0');
  await ferryOk(['bump', '--repo', bare, '--env', 'dev', '--app', 'user-service', '--image', bad], hoursAgo(2));
  const proposed = await step('promote', { repo: repoUrl, from: 'dev', to: 'stage', apps: 'user-service', mode: 'pull-request', 'auto-merge': 'squash', 'requested-by': 'alice' });
  expect(proposed.code, proposed.stdout).toBe(0);
  const pr = pullRequest(branchOf('stage', 'user-service', bad));
  expect(pr.autoMerge).toBeDefined();

  const r = await step('rollback', { repo: repoUrl, env: 'dev', app: 'user-service', block: 'true', reason: 'errors (5xx) after deploy' });
  expect(r.code, r.stdout).toBe(0);
  expect(r.outputs).toMatchObject({ status: 'succeeded', 'previous-image': bad, commit: remoteHead(bare) });
  expect(pr.autoMerge).toBeUndefined();
  expect(standIn.state.comments.at(-1)).toMatchObject({ issueNumber: pr.number, body: expect.stringContaining(`by commit ${remoteHead(bare)}: errors (5xx) after deploy`) });
  expect(r.stdout).toContain(`::warning title=ferry rollback%3A a proposal of ${bad.split('@')[1]!.slice(0, 19).replace(':', '%3A')}::ferry rollback: branch ${pr.head}`);
}, 90_000);

test('the block action fails closed on a proposal it cannot tell of: a pull request whose branch has a commit that is not Ferry\'s gets its auto-merge turned off and a comment saying why, to be turned on again once checked', async () => {
  const image = templateImage('order-service', '9.6.0');
  const other = templateImage('order-service', '9.7.0');
  const pr = await proposeBump('order-service', other);
  // Someone pushes a commit of their own onto the proposal (a fix by hand): what it pins, no trailer tells.
  const env = { ...process.env, GIT_AUTHOR_NAME: 'dev', GIT_AUTHOR_EMAIL: 'dev@example.com', GIT_COMMITTER_NAME: 'dev', GIT_COMMITTER_EMAIL: 'dev@example.com' };
  const tip = remoteHead(bare, pr.head);
  const tree = execFileSync('git', ['-C', bare, 'rev-parse', `${tip}^{tree}`], { env }).toString().trim();
  const hand = execFileSync('git', ['-C', bare, 'commit-tree', tree, '-p', tip], { env, input: 'tidy up by hand\n' }).toString().trim();
  execFileSync('git', ['-C', bare, 'update-ref', `refs/heads/${pr.head}`, hand]);
  const comments = standIn.state.comments.length;

  const r = await step('block', { repo: repoUrl, app: 'order-service', image, reason: 'CVE-2026-13' });
  expect(r.code, r.stdout).toBe(0);
  expect(r.outputs).toMatchObject({ status: 'succeeded', commit: remoteHead(bare) });
  expect(pr).toMatchObject({ state: 'open' });
  expect(pr.autoMerge).toBeUndefined();
  const added = standIn.state.comments.slice(comments);
  expect(added).toHaveLength(1);
  expect(added[0]).toMatchObject({ issueNumber: pr.number });
  expect(added[0]!.body).toContain('**Ferry: this pull request may pin a blocked digest.**');
  expect(added[0]!.body).toContain(`Whether it pins the digest cannot be told: its commit \`${hand.slice(0, 12)}\` is not Ferry's`);
  expect(added[0]!.body).toContain('its auto-merge was turned off. Check what it pins before it merges; if not the blocked digest, turn auto-merge on again.');
  expect(r.stdout).toMatch(new RegExp(`^::warning title=ferry block%3A a proposal of sha256%3A[0-9a-f]{12}::ferry block: branch ${escape(pr.head)} \\(at ${hand.slice(0, 12)}\\) has commits that are not Ferry's \\(${hand.slice(0, 12)}\\): their trailers cannot tell whether it pins the blocked digest, and a pull request from it may still merge it: auto-merge of pull request #${pr.number} \\(https://github\\.com/acme/env/pull/${pr.number}\\) turned off, and a comment says why; check what it pins before it merges \\(then turn auto-merge on again if not the blocked digest\\)$`, 'm'));
}, 90_000);
