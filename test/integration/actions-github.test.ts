// The bump, promote, rollback and analyze actions against GitHub: each bundle run as the runner runs it, with
// the env repo served over https (git http-backend, token required) as the run's GitHub repository
// and the GitHub API stand-in (checked against GitHub's OpenAPI and GraphQL schemas) backed by the
// same bare repository. Pull requests, API commits, deployments, run approvals; the analyze action
// against a real Prometheus with backfilled series.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { digestOf, readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import type { GitHubStandIn } from '../support/github-standin.js';
import { startPrometheus, type PrometheusServer } from '../support/prometheus-server.js';
import { ferryOk, hoursAgo, templateImage } from '../support/template-repo.js';
import type { StepResult } from '../support/action-step.js';
import { startGitHubRun, type GitHubRun } from '../support/github-run.js';

let run: GitHubRun;
let root: string;
let bare: string;
let standIn: GitHubStandIn;
let repoUrl: string;

beforeAll(async () => {
  run = await startGitHubRun('ferry-actions-github-');
  ({ root, bare, standIn, repoUrl } = run);
}, 30_000);

afterAll(async () => {
  await run?.stop();
});

afterEach(() => {
  expect(standIn.violations.splice(0)).toEqual([]);
});

/** Runs an action's bundle as the runner does, on the run of acme/env whose GitHub is the stand-in (GitHubRun.step()). */
const step: GitHubRun['step'] = (...args) => run.step(...args);

const errors = (r: StepResult) => r.stdout.split('\n').filter((l) => l.startsWith('::error'));
const git = (...args: string[]) => execFileSync('git', ['-C', bare, ...args]).toString().trim();
const manifest = (env: string, app: string, ref = 'main') => readRemoteFile(bare, `${env}/${app}/kustomization.yaml`, ref);

describe('bump', () => {
  test('mode pull-request: a branch of its own and a pull request (plan as body, labels, auto-merge); a re-run reuses both', async () => {
    const base = remoteHead(bare);
    const image = templateImage('user-service', '2.0.0');
    const inputs = { repo: repoUrl, env: 'dev', app: 'user-service', image, mode: 'pull-request', labels: 'ferry\nenv:dev', 'auto-merge': 'squash' };
    const r = await step('bump', inputs);
    expect(r.code, r.stdout).toBe(0);
    const digest = image.split('@')[1]!;
    const branch = `ferry/dev/user-service-${digest.slice('sha256:'.length, 'sha256:'.length + 12)}`;
    const pr = standIn.state.pullRequests.find((p) => p.head === branch)!;
    expect(pr).toMatchObject({ base: 'main', state: 'open', labels: ['ferry', 'env:dev'], autoMerge: { method: 'SQUASH' } });
    expect(pr.body).toContain(`Ferry pins \`${image}\` for \`user-service\` in \`dev\`.`);
    expect(pr.body).toContain(`+    digest: ${digest}`);
    expect(r.outputs).toMatchObject({ status: 'succeeded', commit: remoteHead(bare, branch), 'pull-request-url': `https://github.com/acme/env/pull/${pr.number}` });
    expect(r.outputs['commit-url']).toBe(`${run.origin}/acme/env/commit/${remoteHead(bare, branch)}`);
    expect(r.summary).toContain(`Proposed in [pull request #${pr.number}](https://github.com/acme/env/pull/${pr.number})`);
    expect(remoteHead(bare)).toBe(base); // the base branch is untouched
    expect(manifest('dev', 'user-service', branch)).toContain(`digest: ${digest}`);

    const count = standIn.state.pullRequests.length;
    const again = await step('bump', inputs);
    expect(again.code, again.stdout).toBe(0);
    expect(again.outputs).toMatchObject({ status: 'skipped', commit: r.outputs.commit, 'pull-request-url': r.outputs['pull-request-url'] });
    expect(standIn.state.pullRequests.length).toBe(count);
    expect(remoteHead(bare, branch)).toBe(r.outputs.commit);

    // Closed without being merged: turned down. The next run proposes nothing and says so.
    pr.state = 'closed';
    pr.autoMerge = undefined;
    const down = await step('bump', inputs);
    expect(down.code, down.stdout).toBe(0);
    expect(down.outputs).toMatchObject({ status: 'skipped', commit: base, 'pull-request-url': r.outputs['pull-request-url'] });
    expect(down.stdout).toMatch(new RegExp(`^::warning title=ferry bump%3A pull request #${pr.number}::ferry bump: not proposed: pull request #${pr.number} \\(https://github\\.com/acme/env/pull/${pr.number}\\) proposed this same change and was closed without being merged\\. To propose it again, reopen #${pr.number}`, 'm'));
    expect(down.summary).toContain(`**Not landed.** not proposed: pull request \\#${pr.number} (https://github.com/acme/env/pull/${pr.number}) proposed this same change`);
    expect(standIn.state.pullRequests.length).toBe(count);
    expect(pr).toMatchObject({ state: 'closed', autoMerge: undefined });
    pr.state = 'open';
  }, 60_000);

  test('mode pull-request with auto-merge the repository does not allow: a warning saying why and what to do; the pull request is the output, exit 0, and again on a re-run', async () => {
    const image = templateImage('user-service', '2.1.0');
    const inputs = { repo: repoUrl, env: 'dev', app: 'user-service', image, mode: 'pull-request', 'auto-merge': 'merge' };
    standIn.state.autoMergeAllowed = false;
    try {
      for (const status of ['succeeded', 'skipped']) {
        const r = await step('bump', inputs);
        expect(r.code, r.stdout).toBe(0);
        const pr = standIn.state.pullRequests.find((p) => p.head === `ferry/dev/user-service-${image.split('@sha256:')[1]!.slice(0, 12)}`)!;
        const url = `https://github.com/acme/env/pull/${pr.number}`;
        expect(r.outputs).toMatchObject({ status, 'pull-request-url': url });
        expect(pr).toMatchObject({ state: 'open' });
        expect(pr.autoMerge).toBeUndefined();
        expect(r.stdout).toMatch(new RegExp(`^::warning title=ferry bump%3A pull request #${pr.number}::ferry bump: auto-merge \\(merge\\) is not on for pull request #${pr.number} \\(${url.replace(/[./]/g, '\\$&')}\\): GitHub refused to enable it \\(.*Auto merge is not allowed for this repository\\)\\. The pull request proposes the change all the same\\. Merge it by hand, or allow auto-merge in the repository's settings`, 'm'));
        expect(r.summary).toContain(`auto-merge (merge) is not on for pull request \\#${pr.number} (${url})`);
        expect(errors(r)).toEqual([]);
      }
    } finally {
      standIn.state.autoMergeAllowed = true;
    }
  }, 60_000);

  test('commit-via api interrupted while GitHub makes the commit: exit 130, saying that it may have landed (not that nothing was pushed)', async () => {
    const calls = () => standIn.requests.filter((q) => String((q.body as { query?: unknown } | undefined)?.query ?? '').includes('createCommitOnBranch(')).length;
    const before = calls();
    standIn.state.commitDelayMs = 3000;
    try {
      const r = await step('bump', { repo: repoUrl, env: 'dev', app: 'user-service', image: templateImage('user-service', '3.3.0'), 'commit-via': 'api' }, {}, (child) => {
        const poll = setInterval(() => {
          if (calls() > before) {
            clearInterval(poll);
            child.kill('SIGINT');
          }
        }, 20);
        child.once('exit', () => clearInterval(poll));
      });
      expect(r.code).toBe(130);
      expect(r.stderr).toContain('ferry: interrupted while committing through the GitHub API to https://127.0.0.1:');
      expect(r.stderr).toContain('(branch main): it may have landed; look at the branch before running again');
      expect(r.stderr).not.toContain('nothing was pushed');
    } finally {
      standIn.state.commitDelayMs = 0;
    }
  }, 60_000);

  test('commit-via api with deployments: a commit made by GitHub through createCommitOnBranch, and a deployment of that commit, success', async () => {
    const before = remoteHead(bare);
    const image = templateImage('user-service', '3.0.0');
    const deployments = standIn.state.deployments.length;
    const r = await step('bump', { repo: repoUrl, env: 'dev', app: 'user-service', image, 'commit-via': 'api', deployments: 'true', 'environment-url': 'https://dev.example.com' });
    expect(r.code, r.stdout).toBe(0);
    const head = remoteHead(bare);
    expect(r.outputs).toMatchObject({ status: 'succeeded', commit: head, 'commit-url': `${run.origin}/acme/env/commit/${head}`, 'pull-request-url': '' });
    expect(git('rev-parse', `${head}^`)).toBe(before);
    expect(git('log', '-1', '--format=%cn', head)).toBe('GitHub');
    expect(standIn.state.commits.at(-1)).toMatchObject({ oid: head, branch: 'main', parent: before });
    expect(standIn.requests.some((q) => q.operationName !== undefined && q.path === '/graphql' && JSON.stringify(q.body).includes(`"expectedHeadOid":"${before}"`))).toBe(true);
    expect(manifest('dev', 'user-service')).toContain(`digest: ${image.split('@')[1]}`);

    // The deployment names the commit made (its sha the ref), not the branch: GitHub reads a
    // branch when the deployment is made, which before the write is the commit before the change.
    const made = standIn.state.deployments.slice(deployments);
    expect(made.map((d) => [d.environment, d.ref, d.sha, d.payload])).toEqual([['dev', head, head, { app: 'user-service', command: 'bump' }]]);
    expect(made[0]!.statuses.map((s) => [s.state, s.environmentUrl, s.logUrl])).toEqual([
      ['success', 'https://dev.example.com', `${run.origin}/acme/env/actions/runs/4242`],
    ]);
  }, 60_000);

  test('deployments, pushed by git: the deployment is of the commit pushed; a run that fails before writing records its failure on the head it read', async () => {
    const before = remoteHead(bare);
    const deployments = standIn.state.deployments.length;
    const r = await step('bump', { repo: repoUrl, env: 'dev', app: 'user-service', image: templateImage('user-service', '3.1.0'), deployments: 'true' });
    expect(r.code, r.stdout).toBe(0);
    const head = remoteHead(bare);
    expect(head).not.toBe(before);
    expect(r.outputs.commit).toBe(head);
    const made = standIn.state.deployments.slice(deployments);
    expect(made.map((d) => [d.environment, d.ref, d.sha])).toEqual([['dev', head, head]]);
    expect(made[0]!.statuses.map((s) => [s.state, s.description])).toEqual([['success', `pinned ${templateImage('user-service', '3.1.0').split('/').pop()!.slice(0, 80)} (${head.slice(0, 12)})`]]);

    // An app ferry.yaml does not name: nothing written, and the failure recorded on the head read.
    const failed = await step('bump', { repo: repoUrl, env: 'dev', app: 'no-such-app', image: templateImage('user-service', '3.2.0'), deployments: 'true' });
    expect(failed.code).toBe(1);
    expect(remoteHead(bare)).toBe(head);
    const recorded = standIn.state.deployments.slice(deployments + 1);
    expect(recorded.map((d) => [d.environment, d.ref, d.sha, d.payload, d.statuses.map((s) => s.state)])).toEqual([['dev', head, head, { app: 'no-such-app', command: 'bump' }, ['failure']]]);
  }, 60_000);

  test('deployments with mode pull-request: none recorded, and a warning says why', async () => {
    const deployments = standIn.state.deployments.length;
    const r = await step('bump', { repo: repoUrl, env: 'dev', app: 'user-service', image: templateImage('user-service', '3.3.0'), mode: 'pull-request', deployments: 'true' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs['pull-request-url']).toMatch(/\/pull\/\d+$/);
    expect(standIn.state.deployments.length).toBe(deployments);
    expect(r.stdout).toContain('::warning title=ferry bump%3A deployments not recorded::ferry bump: deployments: true is ignored with mode: pull-request: the change lands when the pull request is merged, as a commit this run does not make, and a deployment names the commit it deploys; record the deployment in the workflow that runs on the merge, or use mode: push\n');
  }, 60_000);

  test('mode pull-request with an env repo that is not on the run\'s GitHub: a usage error naming repo; nothing written', async () => {
    const before = remoteHead(bare);
    const r = await step('bump', { repo: bare, env: 'dev', app: 'user-service', image: templateImage('user-service', '4.0.0'), mode: 'pull-request' });
    expect(r.code).toBe(1);
    expect(errors(r)).toContainEqual(expect.stringMatching(/^::error title=ferry bump%3A bad input::repo: mode: pull-request needs the env repo on this run's GitHub server/));
    expect(remoteHead(bare)).toBe(before);
  });
});

describe('promote: the run\'s environment approvals', () => {
  beforeAll(async () => {
    // order-service in stage for 5 hours: stage -> prod waits only for an approval.
    await ferryOk(['bump', '--repo', bare, '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '2.0.0')], hoursAgo(10));
    await ferryOk(['promote', '--repo', bare, '--from', 'dev', '--to', 'stage', '--app', 'order-service'], hoursAgo(5));
  }, 30_000);

  test('the requester approving their own promotion: the step fails with the reason; nothing written', async () => {
    standIn.state.runApprovals.set(5001, [{ login: 'alice', state: 'approved', environments: ['prod'] }]);
    const before = remoteHead(bare);
    const r = await step('promote', { repo: repoUrl, from: 'stage', to: 'prod', apps: 'order-service', 'requested-by': 'alice' }, { GITHUB_RUN_ID: '5001' });
    expect(r.code).toBe(1);
    expect(errors(r)).toContain('::error::ferry promote: approval refused: alice requested this promotion and cannot approve it; nothing written');
    expect(remoteHead(bare)).toBe(before);
    expect(r.outputs).toEqual({ status: 'failed' }); // (and nothing else: nothing was written)
  });

  // (It was a usage error of approvals-from: a promotion whose approvals gate approved-by meets failed too.)
  test('a run of another repository (GITHUB_REPOSITORY) than the env repo, whose token cannot read its runs: a warning names actions: read, and the approvals gate decides without them (0/1: nothing written)', async () => {
    const before = remoteHead(bare);
    const r = await step('promote', { repo: repoUrl, from: 'stage', to: 'prod', apps: 'order-service', 'requested-by': 'alice' }, { GITHUB_REPOSITORY: 'acme/app', GITHUB_RUN_ID: '77' });
    // (GitHub answers 404 to a token that cannot see acme/app; so does the stand-in, which serves acme/env only.)
    expect(standIn.violations.splice(0)).toEqual(['GET /repos/acme/app/actions/runs/77/approvals: the stand-in serves acme/env, not acme/app']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::warning'))).toEqual([
      "::warning title=ferry promote%3A run approvals not read::ferry promote: this run's environment approvals for prod (run 77 in acme/app, the workflow's repository; the env repo is acme/env) are not read: github-token cannot read them (read the approvals of run 77 in acme/app failed: 404 Not Found). prod has an approvals gate: it counts only the reviews of the promotion's pull request and approved-by, and fails without enough of them. A github-token that can read the workflow runs of acme/app (actions: read) would count who approved it there and record them as Ferry-Approved-By; or approvals-from: pull-request (or none) leaves them out without this warning",
    ]);
    expect(errors(r)).toEqual([
      '::error title=ferry promote%3A gate approvals fail::approvals: 0/1',
      '::error::ferry promote: promotion stage -> prod stopped by gates (approvals); nothing written',
    ]);
    expect(remoteHead(bare)).toBe(before);
    expect(r.outputs).toMatchObject({ status: 'stopped', commit: before });
  });

  // promote.yml's plan job, before anyone approved: its dry run, with the inputs that job gives.
  test('a dry run that only its approvals stop (promote.yml\'s plan job): awaiting approval, a notice and no error, the step succeeds; the summary says how the approval is given', async () => {
    const before = remoteHead(bare);
    const r = await step('promote', { repo: repoUrl, from: 'stage', to: 'prod', apps: 'order-service', 'requested-by': 'alice', 'approvals-from': 'pull-request', 'dry-run': 'true' });
    expect(r.code, r.stdout).toBe(0);
    expect(errors(r)).toEqual([]);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::notice'))).toEqual([
      '::notice title=ferry promote%3A awaiting approval::ferry promote: stage -> prod awaits approval (approvals: 0/1); every other gate passes; nothing written (dry run)',
    ]);
    expect(r.outputs).toMatchObject({ status: 'planned', verdict: 'awaiting-approval', commit: before, plan: expect.stringMatching(/^order-service@sha256:/) });
    expect(r.summary).toContain('### Ferry promote: stage → prod: awaiting approval\n');
    expect(r.summary).toContain('**Awaiting approval**: approvals 0/1; every other gate passes. Nothing written (dry run, head');
    expect(r.summary).toContain('in promote.yml, a required reviewer of the GitHub Environment `prod` approves this run (Review deployments)');
    expect(r.summary).toContain('Requested by alice; approved by no one yet.');
    expect(r.summary).not.toMatch(/[Ss]topped|override/);
    expect(remoteHead(bare)).toBe(before);
  });

  test('approvers of the run\'s environment (and approved-by) become Ferry-Approved-By; other environments\' do not count', async () => {
    standIn.state.runApprovals.set(5002, [
      { login: 'bob', state: 'approved', environments: ['prod'] },
      { login: 'dave', state: 'approved', environments: ['stage'] },
      { login: 'erin', state: 'rejected', environments: ['prod'] },
    ]);
    const r = await step('promote', { repo: repoUrl, from: 'stage', to: 'prod', apps: 'order-service', 'requested-by': 'alice', 'approved-by': 'carol' }, { GITHUB_RUN_ID: '5002' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'succeeded', verdict: 'pass', commit: remoteHead(bare), 'commit-url': `${run.origin}/acme/env/commit/${remoteHead(bare)}`, 'pull-request-url': '' });
    expect(JSON.parse(r.outputs.gates!)).toContainEqual({ gate: 'approvals', verdict: 'pass', reason: '2/1' });
    expect(git('log', '-1', '--format=%(trailers:key=Ferry-Approved-By,valueonly)', 'main').split('\n')).toEqual(['carol', 'bob']);
    expect(manifest('prod', 'order-service')).toContain(templateImage('order-service', '2.0.0').split('@')[1]);
    expect(r.summary).toContain('### Ferry promote: stage → prod: pass');
    expect(r.summary).toContain(`Promoted by commit [\`${remoteHead(bare).slice(0, 12)}\`](${run.origin}/acme/env/commit/${remoteHead(bare)})`);
    // Who asked and who approved, as the commit records them.
    expect(r.summary).toContain('Requested by alice; approved by carol, bob.');
  });

  test('mode pull-request: the pull request\'s body is the plan and the gate table, and where the digest comes from', async () => {
    const bumped = hoursAgo(3);
    await ferryOk(['bump', '--repo', bare, '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '2.1.0'), '--source-revision', '2e5f2917a7542e5f2917a7542e5f2917a7542e5f', '--requested-by', 'gina'], bumped);
    const base = remoteHead(bare);
    const r = await step('promote', { repo: repoUrl, from: 'dev', to: 'stage', apps: 'order-service', mode: 'pull-request', labels: 'promotion' });
    expect(r.code, r.stdout).toBe(0);
    const pr = standIn.state.pullRequests.find((p) => `https://github.com/acme/env/pull/${p.number}` === r.outputs['pull-request-url'])!;
    expect(pr).toMatchObject({ base: 'main', labels: ['promotion'] });
    expect(pr.head).toMatch(/^ferry\/stage\/order-service-[0-9a-f]{12}$/);
    expect(pr.body).toContain('**Plan**');
    expect(pr.body).toContain('| order-service |');
    expect(pr.body).toContain('**Gates**\n\n| gate | verdict | numbers |\n| --- | --- | --- |\n| blocked | pass | no digest is blocked |\n| soak | pass | 3h');
    expect(pr.body).toContain('+    newTag: 2.1.0');
    // The bump behind it: its source revision, when, by whom, its commit (a link: the env repo is on GitHub).
    expect(pr.body).toContain(`| order-service | \`2e5f2917a754\` | ${bumped.replace('T', ' ')} into dev by gina ([\`${base.slice(0, 12)}\`](${run.origin}/acme/env/commit/${base})) |`);
    expect(remoteHead(bare)).toBe(base);
    expect(remoteHead(bare, pr.head)).toBe(r.outputs.commit);
  }, 60_000);
});

describe('promote with all and deployments: a run that fails records a failure', () => {
  /** The deployments recorded since `count`: environment, commit (the head read, or the branch's then), payload and each status's state. */
  const since = (count: number) => standIn.state.deployments.slice(count).map((d) => [d.environment, d.sha, d.payload, d.statuses.map((s) => s.state)]);

  test('of each app it had planned (a plan no longer the one expected, an approval refused); of `*`, the environment, when it planned none', async () => {
    // Both apps in stage for 3 hours (prod, whose approvals gate reads the approvals, needs 2), and newer ones in dev.
    for (const app of ['user-service', 'order-service']) await ferryOk(['bump', '--repo', bare, '--env', 'dev', '--app', app, '--image', templateImage(app, '10.0.0')], hoursAgo(4));
    await ferryOk(['promote', '--repo', bare, '--from', 'dev', '--to', 'stage', '--all'], hoursAgo(3));
    await ferryOk(['bump', '--repo', bare, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '11.0.0')], hoursAgo(3));
    await ferryOk(['bump', '--repo', bare, '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '11.0.0')], hoursAgo(3));
    const head = remoteHead(bare);
    const all = { repo: repoUrl, from: 'dev', to: 'stage', all: 'true', deployments: 'true', 'approvals-from': 'none' };
    const dry = await step('promote', { ...all, 'dry-run': 'true' });
    expect(dry.code, dry.stdout).toBe(0);
    const plan = dry.outputs.plan!.split(',');
    const apps = plan.map((p) => p.split('@')[0]!);
    expect([...apps].sort()).toEqual(['order-service', 'user-service']);
    const failure = (app: string, env = 'stage') => [env, head, { app, command: 'promote' }, ['failure']];

    // The plan of the plan job, one digest of which the source no longer pins: nothing written.
    let count = standIn.state.deployments.length;
    const moved = await step('promote', { ...all, expect: [`${apps[0]}@${digestOf('elsewhere')}`, ...plan.slice(1)].join(',') });
    expect(moved.code).toBe(1);
    expect(errors(moved).join('\n')).toContain('is not the plan expected');
    expect(since(count)).toEqual(apps.map((app) => failure(app)));

    // The requester approved their own promotion into prod, read once the plan was made: nothing written.
    standIn.state.runApprovals.set(5101, [{ login: 'alice', state: 'approved', environments: ['prod'] }]);
    count = standIn.state.deployments.length;
    const refused = await step('promote', { ...all, from: 'stage', to: 'prod', 'approvals-from': 'run', 'requested-by': 'alice' }, { GITHUB_RUN_ID: '5101' });
    expect(refused.code).toBe(1);
    expect(errors(refused)).toContain('::error::ferry promote: approval refused: alice requested this promotion and cannot approve it; nothing written');
    expect(since(count).sort()).toEqual(apps.map((app) => failure(app, 'prod')).sort());

    // No plan at all (a source ferry.yaml does not name): one deployment of the environment, app `*`.
    count = standIn.state.deployments.length;
    const unplanned = await step('promote', { ...all, from: 'qa' });
    expect(unplanned.code).toBe(1);
    expect(since(count)).toEqual([['stage', head, { app: '*', command: 'promote' }, ['failure']]]);
    expect(standIn.state.deployments.at(-1)!.description).toBe('ferry promote: every app');
    expect(remoteHead(bare)).toBe(head);
  }, 90_000);
});

describe('promote: the reviews of the promotion\'s pull request', () => {
  // How a team reviews a promotion in a pull request: a first run proposes it (mode pull-request),
  // reviewers approve the pull request, and a second run of the same promotion pushes it (mode
  // push), finding that pull request by its branch and recording its approvers. Merging the pull
  // request instead would land the first run's commit, made before anyone reviewed it, without them.
  // (Into prod: the approvals are read for a target with an approvals gate.)
  const image = templateImage('user-service', '5.0.0');
  let pr: GitHubStandIn['state']['pullRequests'][number];

  beforeAll(async () => {
    // In stage for 3 hours: prod needs 2.
    await ferryOk(['bump', '--repo', bare, '--env', 'dev', '--app', 'user-service', '--image', image], hoursAgo(4));
    await ferryOk(['promote', '--repo', bare, '--from', 'dev', '--to', 'stage', '--app', 'user-service'], hoursAgo(3));
    const proposed = await step('promote', { repo: repoUrl, from: 'stage', to: 'prod', apps: 'user-service', mode: 'pull-request', 'requested-by': 'alice' });
    expect(proposed.code, proposed.stdout).toBe(0);
    pr = standIn.state.pullRequests.find((p) => `https://github.com/acme/env/pull/${p.number}` === proposed.outputs['pull-request-url'])!;
    expect(pr.head).toBe(`ferry/prod/user-service-${image.split('@sha256:')[1]!.slice(0, 12)}`);
  }, 60_000);

  test('the requester approving their own promotion\'s pull request: the step fails with the reason; nothing written', async () => {
    standIn.state.reviews.set(pr.number, [{ login: 'bob', state: 'APPROVED' }, { login: 'alice', state: 'APPROVED' }]);
    const before = remoteHead(bare);
    const r = await step('promote', { repo: repoUrl, from: 'stage', to: 'prod', apps: 'user-service', 'requested-by': 'alice' });
    expect(r.code).toBe(1);
    expect(errors(r)).toContain('::error::ferry promote: approval refused: alice requested this promotion and cannot approve it; nothing written');
    expect(remoteHead(bare)).toBe(before);
    expect(r.outputs).toEqual({ status: 'failed' }); // (and nothing else: nothing was written)
  }, 60_000);

  test('a pull request from the change\'s branch that does not propose this change: its reviews do not count, and it is left open', async () => {
    // The branch name is predictable: mallory opens a pull request from it with a change of her own, and bob approves that.
    const other = templateImage('order-service', '5.2.0');
    await ferryOk(['bump', '--repo', bare, '--env', 'dev', '--app', 'order-service', '--image', other], hoursAgo(4));
    await ferryOk(['promote', '--repo', bare, '--from', 'dev', '--to', 'stage', '--app', 'order-service'], hoursAgo(3));
    const branch = `ferry/prod/order-service-${other.split('@sha256:')[1]!.slice(0, 12)}`;
    const work = await mkdtemp(join(tmpdir(), 'ferry-mallory-'));
    try {
      execFileSync('git', ['clone', '--quiet', bare, work]);
      await writeFile(join(work, 'README.md'), 'a typo fixed\n');
      execFileSync('git', ['-C', work, 'add', 'README.md']);
      execFileSync('git', ['-C', work, '-c', 'user.name=Mallory', '-c', 'user.email=m@example.invalid', 'commit', '--quiet', '-m', 'docs: fix typo']);
      execFileSync('git', ['-C', work, 'push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`]);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    const number = standIn.state.pullRequests.length + 1;
    const at = new Date().toISOString();
    standIn.state.pullRequests.push({ number, nodeId: `PR_mallory_${number}`, title: 'docs: fix typo', body: null, head: branch, headSha: git('rev-parse', branch), base: 'main', state: 'open', draft: false, labels: [], author: 'mallory', createdAt: at, updatedAt: at });
    standIn.state.reviews.set(number, [{ login: 'bob', state: 'APPROVED' }]);
    const r = await step('promote', { repo: repoUrl, from: 'stage', to: 'prod', apps: 'order-service', 'requested-by': 'alice', 'approved-by': 'carol' });
    expect(r.code, r.stdout).toBe(0);
    expect(git('log', '-1', '--format=%(trailers:key=Ferry-Approved-By,valueonly)', 'main')).toBe('carol');
    expect(r.stdout).toContain(`the reviews of pull request #${number}`);
    expect(r.stdout).toContain('do not count, and it is left open');
    expect(standIn.state.pullRequests.find((p) => p.number === number)!.state).toBe('open');
  }, 60_000);

  test('approvals-from none: no review is read (the requester\'s own approval in it does not fail the step)', async () => {
    const reads = standIn.requests.filter((q) => q.operationId === 'pulls/list-reviews').length;
    const r = await step('promote', { repo: repoUrl, from: 'stage', to: 'prod', apps: 'user-service', 'approvals-from': 'none', 'dry-run': 'true', 'requested-by': 'alice', 'approved-by': 'carol' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.status).toBe('planned');
    expect(standIn.requests.filter((q) => q.operationId === 'pulls/list-reviews').length).toBe(reads);
  });

  test('the latest approving review of each reviewer, with the run\'s approvers, become Ferry-Approved-By', async () => {
    standIn.state.reviews.set(pr.number, [
      { login: 'bob', state: 'APPROVED' },
      { login: 'carol', state: 'APPROVED' },
      { login: 'carol', state: 'CHANGES_REQUESTED' }, // carol's latest: her approval no longer stands
      { login: 'alice', state: 'COMMENTED' }, // the requester commenting approves nothing
      { login: 'dave', state: 'CHANGES_REQUESTED' },
      { login: 'dave', state: 'APPROVED' },
      { login: 'release-bot[bot]', state: 'APPROVED' }, // a GitHub App: no person, not counted
    ]);
    standIn.state.runApprovals.set(6012, [{ login: 'erin', state: 'approved', environments: ['prod'] }]);
    const r = await step('promote', { repo: repoUrl, from: 'stage', to: 'prod', apps: 'user-service', 'requested-by': 'alice' }, { GITHUB_RUN_ID: '6012' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'succeeded', verdict: 'pass', commit: remoteHead(bare) });
    expect(git('log', '-1', '--format=%(trailers:key=Ferry-Requested-By,valueonly)%(trailers:key=Ferry-Approved-By,valueonly)', 'main').split('\n')).toEqual(['alice', 'erin', 'bob', 'dave']);
    expect(manifest('prod', 'user-service')).toContain(`digest: ${image.split('@')[1]}`);
    expect(r.stdout).toContain(`ferry promote: reviews of pull request #${pr.number}`);
    expect(r.stdout).toContain("approvals of GitHub Apps, not counted (an approval is a person's): release-bot[bot]");
  }, 60_000);

  test('into prod, which requires an approval: the proposal is opened awaiting it; after a review, the promotion records the reviewer', async () => {
    // user-service's image reached prod in the test above: a fresh one, backdated (prod needs 2 hours in stage).
    const prodImage = templateImage('user-service', '5.1.0');
    await ferryOk(['bump', '--repo', bare, '--env', 'dev', '--app', 'user-service', '--image', prodImage], hoursAgo(4));
    await ferryOk(['promote', '--repo', bare, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--requested-by', 'alice', '--approved-by', 'bob'], hoursAgo(3));
    const before = remoteHead(bare);
    const proposed = await step('promote', { repo: repoUrl, from: 'stage', to: 'prod', apps: 'user-service', mode: 'pull-request', 'requested-by': 'alice', 'approvals-from': 'none' });
    expect(proposed.code, proposed.stdout).toBe(0);
    expect(proposed.outputs).toMatchObject({ status: 'succeeded', verdict: 'awaiting-approval' });
    expect(remoteHead(bare)).toBe(before);
    const prodPr = standIn.state.pullRequests.find((p) => `https://github.com/acme/env/pull/${p.number}` === proposed.outputs['pull-request-url'])!;
    expect(prodPr.body).toContain('**Approvals pending.**');
    expect(proposed.summary).toContain('### Ferry promote: stage → prod: awaiting approval\n');
    expect(prodPr.body).toContain('Requested by alice; approved by no one yet.');

    standIn.state.reviews.set(prodPr.number, [{ login: 'bob', state: 'APPROVED' }]);
    // Proposed again after the review: its commit still records the approval as pending; the step
    // warns that merging it as it is lands that record, and says how to land it with the reviewer.
    const again = await step('promote', { repo: repoUrl, from: 'stage', to: 'prod', apps: 'user-service', mode: 'pull-request', 'requested-by': 'alice' }, { GITHUB_RUN_ID: '6002' });
    expect(again.code, again.stdout).toBe(0);
    expect(again.outputs).toMatchObject({ status: 'skipped', verdict: 'pass' });
    expect(again.stdout).toMatch(/^::warning title=ferry promote%3A pull request #\d+::ferry promote: merged as it is, the pull request lands a record ferry audit reports: its commit [0-9a-f]{12} records approvals=fail, .*promote again with mode push/m);
    expect(again.summary).toContain('**Not landed yet.**');
    expect(remoteHead(bare)).toBe(before);
    const r = await step('promote', { repo: repoUrl, from: 'stage', to: 'prod', apps: 'user-service', 'requested-by': 'alice' }, { GITHUB_RUN_ID: '6003' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'succeeded', verdict: 'pass' });
    expect(git('log', '-1', '--format=%(trailers:key=Ferry-Approved-By,valueonly)', 'main')).toBe('bob');
    expect(git('log', '-1', '--format=%(trailers:key=Ferry-Gate,valueonly)', 'main')).toMatch(/approvals=pass\(1\/1\)/);
    // The proposal is done: closed, not merged, its description saying where the promotion landed.
    expect(prodPr.state).toBe('closed');
    expect(prodPr.body).toContain(`Promoted with its reviews recorded as Ferry-Approved-By by commit ${remoteHead(bare)}`);
  }, 90_000);
});

describe('promote with a token that may push but not read pull requests, or runs (a fine-grained token with contents: write only)', () => {
  // GitHub answers such a token 403 on every pull request (or workflow run) read. A proxy in front
  // of the stand-in answers so (with the header GitHub adds: the permission it needed) the requests
  // `refuse` matches, and passes on the rest.
  let proxy: Server;
  let proxyUrl: string;
  let refuse: { path: RegExp; permission: string } = { path: /^\/repos\/[^/]+\/[^/]+\/pulls(?:\/|$|\?)/, permission: 'pull_requests=read' };
  const pulls = refuse;
  const runs = { path: /^\/repos\/[^/]+\/[^/]+\/actions\/runs\//, permission: 'actions=read' };
  const refused: string[] = [];
  const image = templateImage('user-service', '12.0.0');
  const runReads = () => standIn.requests.filter((q) => q.operationId === 'actions/get-reviews-for-run').length;
  const warnings = (r: StepResult) => r.stdout.split('\n').filter((l) => l.startsWith('::warning'));

  beforeAll(async () => {
    const to = new URL(standIn.url);
    proxy = createServer((req, res) => {
      if (refuse.path.test(req.url ?? '')) {
        refused.push(`${req.method} ${req.url}`);
        res.writeHead(403, { 'content-type': 'application/json; charset=utf-8', 'x-accepted-github-permissions': refuse.permission });
        res.end(JSON.stringify({ message: 'Resource not accessible by personal access token', documentation_url: 'https://docs.github.com/rest', status: '403' }));
        return;
      }
      const forward = request({ host: to.hostname, port: to.port, path: `${to.pathname.replace(/\/$/, '')}${req.url}`, method: req.method, headers: { ...req.headers, host: to.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(forward);
    });
    await new Promise<void>((listening) => proxy.listen(0, '127.0.0.1', () => listening()));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}${new URL(standIn.url).pathname.replace(/\/$/, '')}`;
    // user-service in stage for 3 hours (prod needs 2), and a newer one in dev for an hour (stage needs 30 minutes).
    await ferryOk(['bump', '--repo', bare, '--env', 'dev', '--app', 'user-service', '--image', image], hoursAgo(4));
    await ferryOk(['promote', '--repo', bare, '--from', 'dev', '--to', 'stage', '--app', 'user-service'], hoursAgo(3));
    await ferryOk(['bump', '--repo', bare, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '12.1.0')], hoursAgo(1));
  }, 30_000);

  afterEach(() => {
    refuse = pulls;
  });

  afterAll(async () => {
    await new Promise((closed) => proxy?.close(closed));
  });

  // (It was a usage error of approvals-from, and promote.yml, whose promote job reads the pull
  // request's reviews and passes the run's approvers as approved-by, failed every promotion into prod.)
  test('stage -> prod, whose approvals gate reads the pull request\'s reviews: a warning names pull-requests: read, and the gate decides without them (0/1: nothing written); with approved-by, the promotion is made', async () => {
    const before = remoteHead(bare);
    const head = `ferry/prod/user-service-${image.split('@sha256:')[1]!.slice(0, 12)}`;
    const warning = (elsewhere: string) => `::warning title=ferry promote%3A pull request reviews not read::ferry promote: the reviews of the pull request from ${head} in acme/env (the env repo) are not read: github-token cannot read its pull requests (find the open pull request of ${head} in acme/env failed: 403 Resource not accessible by personal access token). prod has an approvals gate: it counts only ${elsewhere}approved-by, and fails without enough of them. A github-token that can read the pull requests of acme/env (pull-requests: read) would count its approving reviewers and record them as Ferry-Approved-By; or approvals-from: run (or none) leaves them out without this warning`;
    const r = await step('promote', { repo: repoUrl, from: 'stage', to: 'prod', apps: 'user-service', 'requested-by': 'alice' }, { GITHUB_API_URL: proxyUrl, GITHUB_RUN_ID: '7002' });
    expect(r.code, r.stdout).toBe(1);
    expect(refused).toEqual([expect.stringMatching(/^GET \/repos\/acme\/env\/pulls\?/)]);
    expect(refused[0]).toContain(`head=acme%3A${encodeURIComponent(head)}`);
    expect(warnings(r)).toEqual([warning("this run's environment approvals and ")]);
    expect(errors(r)).toEqual([
      '::error title=ferry promote%3A gate approvals fail::approvals: 0/1',
      '::error::ferry promote: promotion stage -> prod stopped by gates (approvals); nothing written',
    ]);
    expect(r.outputs).toMatchObject({ status: 'stopped', verdict: 'stopped', commit: before });
    expect(JSON.parse(r.outputs.gates!)).toContainEqual({ gate: 'approvals', verdict: 'fail', reason: '0/1' });
    expect(remoteHead(bare)).toBe(before);

    // As promote.yml's promote job: the pull request's reviews, and the run's approvers as approved-by.
    const made = await step('promote', { repo: repoUrl, from: 'stage', to: 'prod', apps: 'user-service', 'requested-by': 'alice', 'approvals-from': 'pull-request', 'approved-by': 'bob' }, { GITHUB_API_URL: proxyUrl, GITHUB_RUN_ID: '7003' });
    expect(made.code, made.stdout).toBe(0);
    expect(errors(made)).toEqual([]);
    expect(warnings(made)).toEqual([warning('')]);
    expect(made.outputs).toMatchObject({ status: 'succeeded', verdict: 'pass', commit: remoteHead(bare) });
    expect(remoteHead(bare)).not.toBe(before);
    expect(git('log', '-1', '--format=%(trailers:key=Ferry-Approved-By,valueonly)', 'main')).toBe('bob');
    expect(git('log', '-1', '--format=%(trailers:key=Ferry-Gate,valueonly)', 'main')).toMatch(/approvals=pass\(1\/1\)/);
    expect(refused).toHaveLength(2);
  }, 60_000);

  test('dev -> stage, which has no approvals gate: the pull request\'s reviews are tried, and a warning names pull-requests: read; the promotion is made without them', async () => {
    const head = `ferry/stage/user-service-${templateImage('user-service', '12.1.0').split('@sha256:')[1]!.slice(0, 12)}`;
    const warning = `::warning title=ferry promote%3A pull request reviews not recorded::ferry promote: the reviews of the pull request from ${head} in acme/env (the env repo) are not recorded: github-token cannot read its pull requests (find the open pull request of ${head} in acme/env failed: 403 Resource not accessible by personal access token). stage has no approvals gate, so the promotion goes on without them; a github-token that can read the pull requests of acme/env (pull-requests: read) would record its approving reviewers as Ferry-Approved-By, or approvals-from: run (or none) would leave them out without this warning`;
    const before = refused.length;
    const plan = await step('promote', { repo: repoUrl, from: 'dev', to: 'stage', all: 'true', 'approvals-from': 'pull-request', 'dry-run': 'true', 'requested-by': 'alice' }, { GITHUB_API_URL: proxyUrl });
    expect(plan.code, plan.stdout).toBe(0);
    expect(plan.outputs).toMatchObject({ status: 'planned', verdict: 'pass' });
    expect(warnings(plan)).toEqual([warning]);
    // The run's approvals are read too: the run 7001's, none.
    const reads = runReads();
    const r = await step('promote', { repo: repoUrl, from: 'dev', to: 'stage', apps: 'user-service', 'requested-by': 'alice', 'approved-by': 'carol' }, { GITHUB_API_URL: proxyUrl, GITHUB_RUN_ID: '7001' });
    expect(r.code, r.stdout).toBe(0);
    expect(errors(r)).toEqual([]);
    expect(warnings(r)).toEqual([warning]);
    expect(r.outputs).toMatchObject({ status: 'succeeded', verdict: 'pass', commit: remoteHead(bare) });
    expect(manifest('stage', 'user-service')).toContain('newTag: 12.1.0');
    expect(git('log', '-1', '--format=%(trailers:key=Ferry-Approved-By,valueonly)', 'main')).toBe('carol');
    expect(refused.slice(before)).toEqual([expect.stringMatching(/^GET \/repos\/acme\/env\/pulls\?/), expect.stringMatching(/^GET \/repos\/acme\/env\/pulls\?/)]);
    expect(runReads()).toBe(reads + 1);
  }, 60_000);

  test('dev -> stage, with the run\'s approvals answering 403: a warning names actions: read; the promotion is made without them', async () => {
    await ferryOk(['bump', '--repo', bare, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '12.2.0')], hoursAgo(1));
    standIn.state.runApprovals.set(7004, [{ login: 'bob', state: 'approved', environments: ['stage'] }]);
    refuse = runs;
    const before = refused.length;
    const r = await step('promote', { repo: repoUrl, from: 'dev', to: 'stage', apps: 'user-service', 'requested-by': 'alice', 'approved-by': 'carol' }, { GITHUB_API_URL: proxyUrl, GITHUB_RUN_ID: '7004' });
    expect(r.code, r.stdout).toBe(0);
    expect(refused.slice(before)).toEqual(['GET /repos/acme/env/actions/runs/7004/approvals']);
    expect(errors(r)).toEqual([]);
    expect(warnings(r)).toEqual([
      "::warning title=ferry promote%3A run approvals not recorded::ferry promote: this run's environment approvals for stage (run 7004 in acme/env) are not recorded: github-token cannot read them (read the approvals of run 7004 in acme/env failed: 403 Resource not accessible by personal access token). stage has no approvals gate, so the promotion goes on without them; a github-token that can read the workflow runs of acme/env (actions: read) would record who approved it there as Ferry-Approved-By, or approvals-from: pull-request (or none) would leave them out without this warning",
    ]);
    expect(r.outputs).toMatchObject({ status: 'succeeded', verdict: 'pass', commit: remoteHead(bare) });
    expect(manifest('stage', 'user-service')).toContain('newTag: 12.2.0');
    expect(git('log', '-1', '--format=%(trailers:key=Ferry-Approved-By,valueonly)', 'main')).toBe('carol');
  }, 60_000);

  test('dev -> stage, with the run\'s approvals refused for a rate limit: that is no warning, the step fails with it; nothing written', async () => {
    await ferryOk(['bump', '--repo', bare, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '12.3.0')], hoursAgo(1));
    standIn.state.faults.push({ kind: 'rate-limit', times: 10, match: /^GET \/repos\/acme\/env\/actions\/runs\/7005\/approvals$/ });
    const before = remoteHead(bare);
    try {
      const r = await step('promote', { repo: repoUrl, from: 'dev', to: 'stage', apps: 'user-service', 'requested-by': 'alice', 'approved-by': 'carol' }, { GITHUB_RUN_ID: '7005' });
      expect(r.code).toBe(1);
      expect(warnings(r)).toEqual([]);
      expect(errors(r)).toEqual(['::error::ferry promote: read the approvals of run 7005 in acme/env failed: 403 API rate limit exceeded for user ID 1. (a later run may succeed)']);
      expect(remoteHead(bare)).toBe(before);
    } finally {
      standIn.state.faults.length = 0;
    }
  }, 60_000);

  // (It was taken for a token without actions: read: a usage error telling to change approvals-from.)
  test('stage -> prod, whose approvals gate reads the run\'s approvals, refused for a rate limit: the step fails with it, no usage error; nothing written', async () => {
    standIn.state.faults.push({ kind: 'rate-limit', times: 10, match: /^GET \/repos\/acme\/env\/actions\/runs\/7007\/approvals$/ });
    const before = remoteHead(bare);
    try {
      const r = await step('promote', { repo: repoUrl, from: 'stage', to: 'prod', apps: 'user-service', 'requested-by': 'alice', 'approvals-from': 'run' }, { GITHUB_RUN_ID: '7007' });
      expect(r.code).toBe(1);
      expect(errors(r)).toEqual(['::error::ferry promote: read the approvals of run 7007 in acme/env failed: 403 API rate limit exceeded for user ID 1. (a later run may succeed)']);
      expect(remoteHead(bare)).toBe(before);
    } finally {
      standIn.state.faults.length = 0;
    }
  }, 60_000);

  test('dev -> stage, with a token that may read them: the run\'s approval and the reviews of the proposal are recorded, and the proposal is closed', async () => {
    const r0 = await step('promote', { repo: repoUrl, from: 'dev', to: 'stage', apps: 'user-service', mode: 'pull-request', 'requested-by': 'alice' });
    expect(r0.code, r0.stdout).toBe(0);
    const pr = standIn.state.pullRequests.find((p) => `https://github.com/acme/env/pull/${p.number}` === r0.outputs['pull-request-url'])!;
    expect(pr.head).toBe(`ferry/stage/user-service-${templateImage('user-service', '12.3.0').split('@sha256:')[1]!.slice(0, 12)}`);
    standIn.state.reviews.set(pr.number, [{ login: 'bob', state: 'APPROVED' }]);
    standIn.state.runApprovals.set(7006, [{ login: 'erin', state: 'approved', environments: ['stage'] }]);
    const r = await step('promote', { repo: repoUrl, from: 'dev', to: 'stage', apps: 'user-service', 'requested-by': 'alice' }, { GITHUB_RUN_ID: '7006' });
    expect(r.code, r.stdout).toBe(0);
    expect(warnings(r)).toEqual([]);
    expect(r.outputs).toMatchObject({ status: 'succeeded', verdict: 'pass', commit: remoteHead(bare) });
    expect(git('log', '-1', '--format=%(trailers:key=Ferry-Approved-By,valueonly)', 'main').split('\n')).toEqual(['erin', 'bob']);
    expect(standIn.state.pullRequests.find((p) => p.number === pr.number)!.state).toBe('closed');
  }, 60_000);
});

describe('rollback with deployments', () => {
  test('one deployment of its environment and app: success on the commit written, with the environment URL and the run as its log; failure when nothing was (another image pinned than `from`); none on a dry run', async () => {
    const [older, newer] = [templateImage('order-service', '21.0.0'), templateImage('order-service', '21.1.0')];
    await ferryOk(['bump', '--repo', bare, '--env', 'dev', '--app', 'order-service', '--image', older]);
    await ferryOk(['bump', '--repo', bare, '--env', 'dev', '--app', 'order-service', '--image', newer]);
    const before = remoteHead(bare);
    const since = (count: number) => standIn.state.deployments.slice(count);
    const rollback = { repo: repoUrl, env: 'dev', app: 'order-service', deployments: 'true', 'environment-url': 'https://dev.example.com' };

    // A dry run writes nothing, and records nothing.
    let count = standIn.state.deployments.length;
    const dry = await step('rollback', { ...rollback, from: newer, 'dry-run': 'true' });
    expect(dry.code, dry.stdout).toBe(0);
    expect(dry.outputs).toMatchObject({ status: 'planned', image: older, commit: before });
    expect(since(count)).toEqual([]);

    // Another image pinned than `from` (a re-run of a rollback that went through): nothing written, a failure.
    count = standIn.state.deployments.length;
    const refused = await step('rollback', { ...rollback, from: older });
    expect(refused.code).toBe(1);
    expect(remoteHead(bare)).toBe(before);
    expect(since(count).map((d) => [d.environment, d.sha, d.payload, d.statuses.map((s) => [s.state, s.description, s.environmentUrl, s.logUrl])])).toEqual([
      ['dev', before, { app: 'order-service', command: 'rollback' }, [['failure', 'ferry rollback failed; see the workflow run', 'https://dev.example.com', `${run.origin}/acme/env/actions/runs/4242`]]],
    ]);

    // Rolled back: a success, of the commit written (its sha the ref).
    count = standIn.state.deployments.length;
    const r = await step('rollback', { ...rollback, from: newer });
    expect(r.code, r.stdout).toBe(0);
    const head = remoteHead(bare);
    expect(git('rev-parse', `${head}^`)).toBe(before);
    expect(r.outputs).toMatchObject({ status: 'succeeded', image: older, commit: head });
    expect(since(count).map((d) => [d.environment, d.ref, d.sha, d.payload, d.description])).toEqual([['dev', head, head, { app: 'order-service', command: 'rollback' }, 'ferry rollback: order-service']]);
    expect(since(count)[0]!.statuses.map((s) => [s.state, s.description, s.environmentUrl, s.logUrl])).toEqual([
      ['success', `rolled back to ${older.split('/').pop()!.slice(0, 80)} (${head.slice(0, 12)})`, 'https://dev.example.com', `${run.origin}/acme/env/actions/runs/4242`],
    ]);
  }, 90_000);
});

describe('analyze', () => {
  let prom: PrometheusServer;
  const now = Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    const lines = ['# HELP fx_success_ratio Share of good requests.', '# TYPE fx_success_ratio gauge'];
    for (const [version, value] of [['good', 0.995], ['bad', 0.8]] as const) {
      for (let i = 0; i < 120; i++) lines.push(`fx_success_ratio{version="${version}"} ${value} ${now - 1800 + 15 * i}`);
    }
    prom = await startPrometheus({ backfill: `${lines.join('\n')}\n# EOF\n` });
  }, 60_000);

  afterAll(async () => {
    await prom?.stop();
  });

  async function template(): Promise<string> {
    const file = join(root, 'success-rate.yaml');
    await writeFile(file, `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: success-rate
spec:
  args:
    - name: version
  metrics:
    - name: success-rate
      successCondition: result[0] >= 0.99
      provider:
        prometheus:
          address: http://prometheus.monitoring:9090
          query: fx_success_ratio{version="{{args.version}}"}
`);
    return file;
  }

  test.each([
    ['good', 0, 'Successful'],
    ['bad', 1, 'Failed'],
  ])('version %s: exit %d, verdict %s, the JSON report in RUNNER_TEMP, the analysis in the summary', async (version, code, phase) => {
    const r = await step('analyze', { template: await template(), prometheus: prom.url, args: `version=${version}` });
    expect(r.code, r.stdout).toBe(code);
    expect(r.outputs.verdict).toBe(phase);
    const report = JSON.parse(await readFile(r.outputs.report!, 'utf8'));
    expect(report).toMatchObject({ template: 'success-rate', run: { phase } });
    expect(r.stdout).toContain('ferry analyze: success-rate: measurement 1 of 1');
    expect(r.summary).toContain(`### Analysis \`success-rate\`:`);
    expect(r.summary).toContain(phase);
    if (code) expect(errors(r)).toContain(`::error title=ferry analyze%3A success-rate Failed::${report.run.message}`);
  }, 60_000);

  test('two analyses of one template in a job (one RUNNER_TEMP) each keep their result', async () => {
    const temp = await mkdtemp(join(root, 'runner-temp-'));
    const bad = await step('analyze', { template: await template(), prometheus: prom.url, args: 'version=bad' }, { RUNNER_TEMP: temp });
    const good = await step('analyze', { template: await template(), prometheus: prom.url, args: 'version=good' }, { RUNNER_TEMP: temp });
    expect([bad.outputs.verdict, good.outputs.verdict]).toEqual(['Failed', 'Successful']);
    expect(bad.outputs.report).not.toBe(good.outputs.report);
    expect(JSON.parse(await readFile(bad.outputs.report!, 'utf8'))).toMatchObject({ template: 'success-rate', run: { phase: 'Failed' } });
    expect(JSON.parse(await readFile(good.outputs.report!, 'utf8'))).toMatchObject({ template: 'success-rate', run: { phase: 'Successful' } });
  }, 60_000);

  test('a secret arg (valueFrom.secretKeyRef, read from FERRY_SECRET_*) is masked the moment it is read, and shown nowhere', async () => {
    const file = join(root, 'secret.yaml');
    await writeFile(file, (await readFile(await template(), 'utf8'))
      .replace('    - name: version\n', '    - name: version\n    - name: token\n      valueFrom:\n        secretKeyRef: { name: prom, key: token }\n')
      .replace('          query: fx_success_ratio', '          headers:\n            - key: X-Scope-Token\n              value: "{{args.token}}"\n          query: fx_success_ratio'));
    const r = await step('analyze', { template: file, prometheus: prom.url, args: 'version=good' }, { FERRY_SECRET_PROM_TOKEN: 's3cr3t-prom-token' });
    expect(r.code, r.stdout).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l.includes('s3cr3t-prom-token'));
    expect(lines).toEqual(['::add-mask::s3cr3t-prom-token']);
    expect(r.stderr + r.summary + JSON.stringify(r.outputs) + (await readFile(r.outputs.report!, 'utf8'))).not.toContain('s3cr3t-prom-token');
  }, 60_000);

  test('args without name=value: a usage error naming args', async () => {
    const r = await step('analyze', { template: await template(), args: 'version' });
    expect(r.code).toBe(1);
    expect(errors(r)).toContain('::error title=ferry analyze%3A bad input::args: expected one <name>=<value> per line, found "version"');
  });
});
