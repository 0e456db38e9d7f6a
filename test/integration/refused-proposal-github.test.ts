// A bump or promotion in pull-request mode refused for a blocked digest turns off the auto-merge of
// its own proposal (helper-145); when GitHub fails while that is done (helper-153), the refusal is
// still what is reported: a promotion is still `stopped` with its plan and gates, a bump's error is
// still the refusal (`refused`), and each says that the auto-merge could not be turned off and
// what to turn off by hand. The bundles run as the runner runs them, against the env repo served
// over https (git http-backend) and the GitHub API stand-in backed by the same bare repository,
// whose traffic is checked against GitHub's schemas after each test; faults make it fail.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { createGitHub } from '../../actions/src/adapters/github.js';
import { runBump } from '../../actions/src/entry/commands/bump.js';
import { readRemoteFile } from '../support/env-repo-fixture.js';
import type { GitHubStandIn, StandInPullRequest } from '../support/github-standin.js';
import { ferryOk, hoursAgo, templateImage } from '../support/template-repo.js';
import { startGitHubRun, type GitHubRun } from '../support/github-run.js';

let run: GitHubRun;
let bare: string;
let standIn: GitHubStandIn;
let repoUrl: string;

beforeAll(async () => {
  run = await startGitHubRun('ferry-refused-proposal-github-');
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

test('a promotion stopped by the blocked gate whose proposal\'s auto-merge cannot be turned off: still stopped, with its plan and gates, and a warning names the pull request to turn off by hand', async () => {
  const image = templateImage('order-service', '8.1.0');
  await ferryOk(['bump', '--repo', bare, '--env', 'dev', '--app', 'order-service', '--image', image], hoursAgo(1));
  const inputs = { repo: repoUrl, from: 'dev', to: 'stage', apps: 'order-service', mode: 'pull-request', 'auto-merge': 'merge', 'requested-by': 'alice' };
  const proposed = await step('promote', inputs);
  expect(proposed.code, proposed.stdout).toBe(0);
  const pr = pullRequest(branchOf('stage', 'order-service', image));
  expect(pr).toMatchObject({ state: 'open', autoMerge: { method: 'MERGE' } });

  await ferryOk(['block', '--repo', bare, '--app', 'order-service', '--image', image, '--reason', 'CVE-2026-20', '--requested-by', 'security']);
  // GitHub refuses every GraphQL call (rate limited, again and again): the mutation that turns auto-merge off fails.
  standIn.state.faults.push({ kind: 'secondary-rate-limit', times: 10, match: /^POST \/graphql$/ });
  const again = await step('promote', inputs);
  expect(again.code).toBe(1);
  expect(again.outputs.status).toBe('stopped');
  expect(pr.autoMerge).toBeDefined();
  const report = JSON.parse(readFileSync(again.outputs.report!, 'utf8'));
  expect(report).toMatchObject({ status: 'stopped', from: 'dev', to: 'stage', promotions: [{ app: 'order-service', image }] });
  expect(report.gates).toContainEqual(expect.objectContaining({ gate: 'blocked', verdict: 'fail' }));
  const failed = `the change is stopped by its blocked gate (a blocked digest), and turning off the auto-merge of pull request #${pr.number} (https://github.com/acme/env/pull/${pr.number}), which proposes it, failed: `;
  expect(report.notice).toContain(failed);
  expect(report.notice).toMatch(/rate limit.*\. Turn it off by hand \(or close the pull request\) before it merges$/);
  expect(again.stdout).toMatch(new RegExp(`^::warning title=ferry promote%3A pull request #::ferry promote: ${escape(failed)}`, 'm'));
  expect(again.stdout).toMatch(/^::error::.*stopped by gates \(blocked\)/m);
  expect(readRemoteFile(bare, 'stage/order-service/kustomization.yaml')).not.toContain(image.split('@')[1]);
}, 90_000);

test('a bump refused for a blocked digest whose proposal\'s auto-merge cannot be turned off: the refusal is still the error, and says so and what to turn off by hand', async () => {
  const image = templateImage('user-service', '8.0.0');
  const proposed = await step('bump', { repo: repoUrl, env: 'dev', app: 'user-service', image, mode: 'pull-request', 'auto-merge': 'squash' });
  expect(proposed.code, proposed.stdout).toBe(0);
  const pr = pullRequest(branchOf('dev', 'user-service', image));
  expect(pr).toMatchObject({ state: 'open', autoMerge: { method: 'SQUASH' } });

  await ferryOk(['block', '--repo', bare, '--app', 'user-service', '--image', image, '--reason', 'CVE-2026-21', '--requested-by', 'security']);
  standIn.state.faults.push({ kind: 'secondary-rate-limit', times: 10, match: /^POST \/graphql$/ });
  const again = await step('bump', { repo: repoUrl, env: 'dev', app: 'user-service', image, mode: 'pull-request', 'auto-merge': 'squash' });
  expect(again.code).toBe(1);
  expect(again.outputs.status).toBe('failed');
  expect(pr.autoMerge).toBeDefined();
  expect(again.stdout).toMatch(new RegExp(`^::error::ferry bump: refused: ${escape(image)} is blocked .*CVE-2026-21; \`ferry unblock\` allows it again, and turning off the auto-merge of pull request #${pr.number} \\(https://github\\.com/acme/env/pull/${pr.number}\\), which proposes it, failed: .*rate limit.*\\. Turn it off by hand \\(or close the pull request\\) before it merges$`, 'm'));
  expect(readRemoteFile(bare, 'dev/user-service/kustomization.yaml')).not.toContain(image.split('@')[1]);
}, 90_000);

test('the same, as runBump gives it (the CLI\'s and the actions\' command): the error is the RefusedError (--json kind refused), not the failure to turn the auto-merge off', async () => {
  const image = templateImage('user-service', '8.2.0');
  const github = {
    client: createGitHub({ token: run.token, baseUrl: standIn.url, graphqlUrl: standIn.graphqlUrl, retries: { unitMs: 1, writeSpacingMs: 0 } }),
    owner: 'acme', repo: 'env', serverUrl: 'https://github.com',
  };
  const bump = { repo: bare, branch: 'main', env: 'dev', app: 'user-service', image, dryRun: false, requestedBy: 'alice', mode: 'pull-request' as const, commitVia: 'git' as const, github, pullRequest: { autoMerge: 'squash' as const } };
  expect((await runBump(bump)).status).toBe('succeeded');
  const pr = pullRequest(branchOf('dev', 'user-service', image));
  expect(pr.autoMerge).toBeDefined();
  await ferryOk(['block', '--repo', bare, '--app', 'user-service', '--image', image, '--reason', 'CVE-2026-22']);
  standIn.state.faults.push({ kind: 'server-error', times: 10, match: /^POST \/graphql$/ });
  const error = await runBump(bump).then(() => undefined, (e: unknown) => e as Error);
  expect(error?.name).toBe('RefusedError');
  expect(error!.message).toMatch(new RegExp(`^refused: ${escape(image)} is blocked .*CVE-2026-22; \`ferry unblock\` allows it again, and turning off the auto-merge of pull request #${pr.number} \\(https://github\\.com/acme/env/pull/${pr.number}\\), which proposes it, failed: .*\\. Turn it off by hand \\(or close the pull request\\) before it merges$`));
  expect(pr.autoMerge).toBeDefined();
}, 90_000);
