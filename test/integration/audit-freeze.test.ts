// ferry audit of a promotion proposed in a pull request (mode: pull-request) and merged later, as
// a person or auto-merge merges it: promote judged the freeze windows when it proposed, but the
// change reached main when the pull request was merged. Merged inside a freeze window of prod, the
// promotion is reported (its commit records freeze=pass all the same); merged outside, it is not.
// The proposal runs from source against the GitHub stand-in and a real bare repository; the audit
// runs bin/ferry.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { createGitHub } from '../../actions/src/adapters/github.js';
import { runPromote } from '../../actions/src/entry/commands/promote.js';
import type { GitHubTarget } from '../../actions/src/entry/delivery.js';
import { readRemoteFile } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';
import { startGitHubStandIn, type GitHubStandIn } from '../support/github-standin.js';
import { ferryOk, hoursAgo, initTemplateRepo, templateImage } from '../support/template-repo.js';

const TOKEN = `ghs_${randomBytes(18).toString('hex')}`;
const DAY = 86_400_000;
let root: string;
let bare: string;
let standIn: GitHubStandIn;
let github: GitHubTarget;
/** When the test starts; prod is frozen from 2 to 4 days later (UTC). */
const start = Date.now();
const wall = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const window = { from: wall(start + 2 * DAY), to: wall(start + 4 * DAY) };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-audit-freeze-'));
  bare = await initTemplateRepo(join(root, 'env.git'));
  const config = readRemoteFile(bare, 'ferry.yaml')!;
  const frozen = config.replace('      approvals: 1     # and one person other than the requester approved\n', `$&      freeze:\n        - { from: '${window.from}', to: '${window.to}', timezone: UTC }\n`);
  expect(frozen).not.toBe(config);
  await commitByHand(bare, { 'ferry.yaml': frozen }, 'prod: a freeze window');
  standIn = await startGitHubStandIn({ gitRepoPath: bare, owner: 'acme', repo: 'env', token: TOKEN });
  github = { client: createGitHub({ token: TOKEN, baseUrl: standIn.url, graphqlUrl: standIn.graphqlUrl, retries: { unitMs: 1, writeSpacingMs: 0 } }), owner: 'acme', repo: 'env', serverUrl: 'https://github.com' };
}, 60_000);

afterAll(async () => {
  await standIn?.stop();
  await rm(root, { recursive: true, force: true });
});

afterEach(() => {
  expect(standIn.violations.splice(0)).toEqual([]);
});

/** `app` through dev and stage hours ago, then proposed for prod now (approved by bob), outside the window: returns the proposal's commit and branch. */
async function propose(app: string, tag: string): Promise<{ commit: string; branch: string }> {
  await ferryOk(['bump', '--repo', bare, '--env', 'dev', '--app', app, '--image', templateImage(app, tag), '--requested-by', 'alice'], hoursAgo(10));
  await ferryOk(['promote', '--repo', bare, '--from', 'dev', '--to', 'stage', '--app', app, '--requested-by', 'alice'], hoursAgo(8));
  const out = await runPromote({ repo: bare, branch: 'main', from: 'stage', to: 'prod', apps: [app], all: false, approvedBy: ['bob'], requestedBy: 'alice', dryRun: false, mode: 'pull-request', commitVia: 'git', github });
  expect(out).toMatchObject({ status: 'succeeded' });
  expect(out.gates.find((g) => g.gate === 'freeze')).toMatchObject({ verdict: 'pass' });
  const pr = standIn.state.pullRequests.find((p) => p.number === out.pullRequestNumber)!;
  return { commit: pr.headSha, branch: pr.head };
}

/** The pull request's branch merged into main with a merge commit made at `at` (as GitHub merges it), pushed. */
async function merge(branch: string, at: number): Promise<string> {
  const work = await mkdtemp(join(root, 'work-'));
  const env = { ...process.env, GIT_AUTHOR_NAME: 'bob', GIT_AUTHOR_EMAIL: 'b@example.invalid', GIT_COMMITTER_NAME: 'GitHub', GIT_COMMITTER_EMAIL: 'noreply@github.com', GIT_COMMITTER_DATE: iso(at), GIT_AUTHOR_DATE: iso(at) };
  const git = (...args: string[]) => execFileSync('git', ['-C', work, ...args], { env }).toString().trim();
  execFileSync('git', ['clone', '--quiet', bare, work]);
  git('merge', '--quiet', '--no-ff', '-m', `Merge pull request from acme/${branch}`, `origin/${branch}`);
  git('push', '--quiet', 'origin', 'HEAD:main');
  const commit = git('rev-parse', 'HEAD');
  await rm(work, { recursive: true, force: true });
  return commit;
}

type Report = { violations: { rule: string; env?: string; app?: string; commit: string; message: string }[] };

test('a promotion proposed before a freeze window and merged inside it is reported; one merged after the window is not', async () => {
  const early = await propose('user-service', '2.0.0');
  const inside = await merge(early.branch, start + 3 * DAY);
  const late = await propose('order-service', '2.0.0');
  await merge(late.branch, start + 5 * DAY);
  // (Both commits record the freeze gate passed: it did, when they were proposed.)
  for (const { commit } of [early, late]) expect(execFileSync('git', ['-C', bare, 'log', '-1', '--format=%B', commit]).toString()).toContain('freeze=pass(outside 1 freeze window)');

  const r = await ferry(['audit', '--repo', bare, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(1);
  const report = JSON.parse(r.stdout) as Report;
  expect(report.violations.map((v) => [v.commit, v.rule, v.env, v.app])).toEqual([[early.commit, 'gate-not-passed', 'prod', 'user-service']]);
  expect(report.violations[0]!.message).toBe(`the promotion landed at ${iso(start + 3 * DAY)}, with the merge ${inside.slice(0, 12)} (the commit is dated ${execFileSync('git', ['-C', bare, 'log', '-1', '--format=%cI', early.commit]).toString().trim().replace('+00:00', 'Z')}), ${new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short' }).format(start + 3 * DAY)} ${wall(start + 3 * DAY)} UTC, inside the freeze window ${window.from} to ${window.to} UTC of prod, and no override of freeze with a reason was recorded`);
}, 120_000);
