// What a pull request of Ferry's may be trusted with: a proposal awaiting its approvals is never
// set to merge itself; a change branch holding anything besides the planned change is refused;
// only a pull request whose head is the planned change (and reviews given on that head) can
// approve a promotion. The commands run from source against the GitHub stand-in (checked against
// GitHub's OpenAPI description) and a real bare repository.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createGitHub } from '../../actions/src/adapters/github.js';
import { runBump, type BumpOptions } from '../../actions/src/entry/commands/bump.js';
import { runPromote, type PromoteOptions } from '../../actions/src/entry/commands/promote.js';
import { changeBranch, changesBranch, proposalMismatch, type GitHubTarget } from '../../actions/src/entry/delivery.js';
import { digestOf, readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { startGitHubStandIn, type GitHubStandIn } from '../support/github-standin.js';
import { commitByHand } from '../support/hand-commit.js';
import { startPrometheus } from '../support/prometheus-server.js';
import { initTemplateRepo, templateImage } from '../support/template-repo.js';

const TOKEN = `ghs_${randomBytes(18).toString('hex')}`;
let root: string;
let bare: string;
let work: string;
let standIn: GitHubStandIn;
let github: GitHubTarget;

const later = (hours: number) => () => new Date(Date.now() + hours * 3_600_000);
const mallory = (...args: string[]) => execFileSync('git', ['-C', work, ...args], {
  env: { ...process.env, GIT_AUTHOR_NAME: 'mallory', GIT_AUTHOR_EMAIL: 'm@example.invalid', GIT_COMMITTER_NAME: 'mallory', GIT_COMMITTER_EMAIL: 'm@example.invalid' },
}).toString().trim();

const git = (...args: string[]) => execFileSync('git', ['-C', bare, ...args]).toString().trim();
const readRemote = (path: string, ref: string) => readRemoteFile(bare, path, ref)!;
const isAncestor = (commit: string, of: string) => {
  try {
    execFileSync('git', ['-C', bare, 'merge-base', '--is-ancestor', commit, of], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** `app` at `tag` in dev, then in stage (pushed, from source); stage -> prod then waits only for an approval. */
async function inStage(app: string, tag: string): Promise<string> {
  const image = templateImage(app, tag);
  await runBump({ repo: bare, branch: 'main', env: 'dev', app, image, dryRun: false, requestedBy: 'alice' } as BumpOptions);
  await runPromote({ repo: bare, branch: 'main', from: 'dev', to: 'stage', apps: [app], all: false, approvedBy: [], requestedBy: 'alice', dryRun: false, now: later(1) });
  return image;
}

const toProd = (app: string, extra: Partial<PromoteOptions> = {}): PromoteOptions => ({
  repo: bare, branch: 'main', from: 'stage', to: 'prod', apps: [app], all: false, approvedBy: [], requestedBy: 'alice', dryRun: false, now: later(4), ...extra,
});

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-pr-trust-'));
  bare = await initTemplateRepo(join(root, 'env.git'));
  standIn = await startGitHubStandIn({ gitRepoPath: bare, owner: 'acme', repo: 'env', token: TOKEN });
  github = { client: createGitHub({ token: TOKEN, baseUrl: standIn.url, graphqlUrl: standIn.graphqlUrl, retries: { unitMs: 1, writeSpacingMs: 0 } }), owner: 'acme', repo: 'env', serverUrl: 'https://github.com' };
  work = join(root, 'work');
  execFileSync('git', ['clone', '-q', bare, work]);
}, 60_000);

afterAll(async () => {
  await standIn?.stop();
  await rm(root, { recursive: true, force: true });
});

afterEach(() => {
  expect(standIn.violations.splice(0)).toEqual([]);
});

describe('auto-merge', () => {
  test('a promotion proposed while awaiting its approval is not set to merge itself; once approved, it is', async () => {
    await inStage('user-service', '7.0.0');
    const before = remoteHead(bare);
    const out = await runPromote(toProd('user-service', { mode: 'pull-request', commitVia: 'git', github, pullRequest: { autoMerge: 'squash' } }));
    expect(out).toMatchObject({ status: 'succeeded', awaitingApproval: true });
    expect(remoteHead(bare)).toBe(before);
    const pr = standIn.state.pullRequests.find((p) => p.number === out.pullRequestNumber)!;
    expect(pr.state).toBe('open');
    expect(pr.autoMerge).toBeUndefined();
    expect(standIn.requests.some((r) => r.operationName === 'FerryEnableAutoMerge')).toBe(false);

    // Approved (here: named on the command line): the same proposal may now merge itself, with the approval in its message.
    const approved = await runPromote(toProd('user-service', { approvedBy: ['bob'], mode: 'pull-request', commitVia: 'git', github, pullRequest: { autoMerge: 'squash' } }));
    expect(approved.awaitingApproval).toBeUndefined();
    expect(pr.autoMerge).toMatchObject({ method: 'SQUASH' });
    expect(pr.autoMerge!.commitBody).toContain('Ferry-Approved-By: bob');
  }, 60_000);
});

describe('auto-merge enabled before', () => {
  test('a promotion held again (its approval no longer given) has the auto-merge enabled on its proposal turned off', async () => {
    await inStage('user-service', '7.3.0');
    const squash = { mode: 'pull-request', commitVia: 'git', github, pullRequest: { autoMerge: 'squash' } } as const;
    const approved = await runPromote(toProd('user-service', { approvedBy: ['bob'], ...squash }));
    expect(approved.awaitingApproval).toBeUndefined();
    const pr = standIn.state.pullRequests.find((p) => p.number === approved.pullRequestNumber)!;
    expect(pr.autoMerge).toMatchObject({ method: 'SQUASH' });
    expect(pr.autoMerge!.commitBody).toContain('Ferry-Approved-By: bob');

    // Run again without that approval: the proposal awaits it, and must not merge itself meanwhile.
    const requests = standIn.requests.length;
    const held = await runPromote(toProd('user-service', squash));
    expect(held).toMatchObject({ awaitingApproval: true, pullRequestNumber: pr.number });
    expect(pr.autoMerge).toBeUndefined();
    expect(standIn.requests.slice(requests).map((r) => r.operationName).filter(Boolean)).toEqual(['FerryDisableAutoMerge']);
  }, 60_000);
});

describe('a proposal approved after it was made', () => {
  test('its commit records the approvals as pending: a rebase would land that record, so auto-merge is held and the step says how to land it; merge or squash is given the approved message', async () => {
    await inStage('order-service', '7.1.0');
    const before = remoteHead(bare);
    const proposed = await runPromote(toProd('order-service', { mode: 'pull-request', commitVia: 'git', github, pullRequest: { autoMerge: 'rebase' } }));
    expect(proposed).toMatchObject({ status: 'succeeded', awaitingApproval: true });
    expect(proposed.notice).toBeUndefined();
    const pr = standIn.state.pullRequests.find((p) => p.number === proposed.pullRequestNumber)!;
    const head = pr.headSha;
    const enables = () => standIn.requests.filter((r) => r.operationName === 'FerryEnableAutoMerge').length;
    const enabledBefore = enables();

    // Approved now (named here; from the reviews in the action), proposed again with rebase: the
    // pull request's commit records approvals=fail, and a rebase would land it as it is.
    const rebase = await runPromote(toProd('order-service', { approvedBy: ['bob'], mode: 'pull-request', commitVia: 'git', github, pullRequest: { autoMerge: 'rebase' } }));
    expect(rebase.awaitingApproval).toBeUndefined();
    expect(rebase.notice).toMatch(/^auto-merge \(rebase\) is not enabled: a rebase lands the pull request's commits as they are, and its commit [0-9a-f]{12} records approvals=fail, as it stood when it was proposed \(ferry audit would report it\)\. Set auto-merge to merge or squash/);
    expect(pr.autoMerge).toBeUndefined();
    expect(enables()).toBe(enabledBefore);

    // Without auto-merge: a person would merge it by hand; the step says what that lands.
    const byHand = await runPromote(toProd('order-service', { approvedBy: ['bob'], mode: 'pull-request', commitVia: 'git', github }));
    expect(byHand).toMatchObject({ status: 'skipped', pullRequestNumber: pr.number });
    expect(byHand.notice).toMatch(/^merged as it is, the pull request lands a record ferry audit reports: its commit [0-9a-f]{12} records approvals=fail, .*promote again with mode push/);

    // Squash: GitHub is given this promotion's message, with the approval: nothing to warn of.
    const squash = await runPromote(toProd('order-service', { approvedBy: ['bob'], mode: 'pull-request', commitVia: 'git', github, pullRequest: { autoMerge: 'squash' } }));
    expect(squash.notice).toBeUndefined();
    expect(pr.autoMerge).toMatchObject({ method: 'SQUASH' });
    expect(pr.autoMerge!.commitBody).toMatch(/approvals=pass\(1\/1\)/);
    expect(pr.autoMerge!.commitBody).toContain('Ferry-Approved-By: bob');
    // Nothing pushed anywhere meanwhile: the same proposal, the base unchanged.
    expect(pr.headSha).toBe(head);
    expect(remoteHead(bare)).toBe(before);
  }, 60_000);

  test('a bump proposed with rebase auto-merge records no gate: enabled, no notice', async () => {
    const image = templateImage('user-service', '7.2.0');
    const out = await runBump({ repo: bare, branch: 'main', env: 'dev', app: 'user-service', image, dryRun: false, requestedBy: 'alice', mode: 'pull-request', commitVia: 'git', github, pullRequest: { autoMerge: 'rebase' } } as BumpOptions);
    const again = await runBump({ repo: bare, branch: 'main', env: 'dev', app: 'user-service', image, dryRun: false, requestedBy: 'alice', mode: 'pull-request', commitVia: 'git', github, pullRequest: { autoMerge: 'rebase' } } as BumpOptions);
    expect(again).toMatchObject({ status: 'skipped', pullRequestNumber: out.pullRequestNumber });
    expect(standIn.state.pullRequests.find((p) => p.number === out.pullRequestNumber)!.autoMerge).toMatchObject({ method: 'REBASE' });
  }, 60_000);
});

describe('a change branch holding more than the change', () => {
  test('a foreign commit on the branch is refused, naming the branch and what else it changes; nothing enabled', async () => {
    const app = 'order-service';
    const image = templateImage(app, '8.0.0');
    const bump = { repo: bare, branch: 'main', env: 'dev', app, image, dryRun: false, requestedBy: 'alice', mode: 'pull-request', commitVia: 'git', github } as BumpOptions;
    const out = await runBump(bump);
    const branch = changeBranch('dev', app, image.split('@')[1]!);
    // mallory adds a prod change to Ferry's branch
    mallory('fetch', '-q', 'origin');
    mallory('checkout', '-q', '-B', 'sneak', `origin/${branch}`);
    const file = join(work, `prod/${app}/kustomization.yaml`);
    await writeFile(file, (await readFile(file, 'utf8')).replace(/digest: sha256:[0-9a-f]+/, `digest: ${digestOf('evil')}`));
    mallory('commit', '-q', '-am', 'sneak a prod change');
    mallory('push', '-q', 'origin', `sneak:${branch}`);
    const sneaked = remoteHead(bare, branch);

    const error = await runBump({ ...bump, pullRequest: { autoMerge: 'squash' } }).then(() => undefined, (e: Error) => e);
    expect(error?.message).toContain(`pull request branch ${branch}`);
    expect(error?.message).toContain(`also changes prod/${app}/kustomization.yaml`);
    expect(remoteHead(bare, branch)).toBe(sneaked);
    const pr = standIn.state.pullRequests.find((p) => p.number === out.pullRequestNumber)!;
    expect(pr.autoMerge).toBeUndefined();
  }, 60_000);
});

describe('a change branch someone else pushed to', () => {
  // Mallory pushes to Ferry's branch of a proposal set to merge itself by rebase, ending with the
  // planned change: the change as a whole is the plan, but her commits (a forged approval, an
  // interim pin) would land on the base as they are.
  test.each([
    ['two commits of her own on top of Ferry\'s (an interim pin, then back, a forged approval)', 'stacked'],
    ['one commit in place of Ferry\'s: the planned change, with a forged approval', 'forged'],
  ])('%s: not adopted; the branch is made anew as Ferry\'s one commit on the base head, its auto-merge turned off first', async (_what, how) => {
    const app = 'order-service';
    const image = templateImage(app, how === 'stacked' ? '8.1.0' : '8.2.0');
    const bump = { repo: bare, branch: 'main', env: 'dev', app, image, dryRun: false, requestedBy: 'alice', mode: 'pull-request', commitVia: 'git', github, pullRequest: { autoMerge: 'rebase' } } as BumpOptions;
    const out = await runBump(bump);
    const branch = changeBranch('dev', app, image.split('@')[1]!);
    const pr = standIn.state.pullRequests.find((p) => p.number === out.pullRequestNumber)!;
    expect(pr.autoMerge).toMatchObject({ method: 'REBASE' });
    const ferrys = git('log', '-1', '--format=%B', out.commit);

    mallory('fetch', '-q', 'origin');
    mallory('checkout', '-q', '-B', `sneak-${how}`, how === 'stacked' ? `origin/${branch}` : 'origin/main');
    const file = join(work, `dev/${app}/kustomization.yaml`);
    const planned = readRemote(`dev/${app}/kustomization.yaml`, branch);
    const forged = `${ferrys.trimEnd()}\nFerry-Approved-By: ceo\n`;
    if (how === 'stacked') {
      await writeFile(file, planned.replace(/digest: sha256:[0-9a-f]+/, `digest: ${digestOf('interim')}`));
      mallory('commit', '-q', '-am', 'interim pin');
    }
    await writeFile(file, planned);
    await writeFile(join(root, 'forged-message'), forged);
    mallory('commit', '-q', '-a', '--allow-empty', '-F', join(root, 'forged-message'));
    mallory('push', '-q', '-f', 'origin', `sneak-${how}:${branch}`);
    const sneaked = remoteHead(bare, branch);
    expect(readRemote(`dev/${app}/kustomization.yaml`, branch)).toBe(planned);

    const again = await runBump(bump);
    const head = remoteHead(bare, branch);
    expect(again).toMatchObject({ status: 'succeeded', commit: head, pullRequestNumber: pr.number });
    // One commit, Ferry's, on the base head: nothing of Mallory's is on the branch.
    expect(git('rev-list', '--count', `main..${branch}`)).toBe('1');
    expect(git('rev-parse', `${head}^`)).toBe(remoteHead(bare));
    expect(git('log', '-1', '--format=%B', head)).toBe(ferrys);
    expect(git('log', '-1', '--format=%an', head)).not.toBe('mallory');
    expect(isAncestor(sneaked, branch)).toBe(false);
    expect(readRemote(`dev/${app}/kustomization.yaml`, branch)).toBe(planned);
    // Auto-merge was turned off before the branch was replaced, and enabled again on Ferry's commit.
    const ops = standIn.requests.map((r) => r.operationName).filter((o) => o === 'FerryDisableAutoMerge' || o === 'FerryEnableAutoMerge');
    expect(ops.slice(-2)).toEqual(['FerryDisableAutoMerge', 'FerryEnableAutoMerge']);
    expect(pr.autoMerge).toMatchObject({ method: 'REBASE' });
    expect(again.notice).toMatch(new RegExp(`^pull request branch ${branch} held ${how === 'stacked' ? '3 commits, where Ferry makes one' : `commit ${sneaked.slice(0, 12)}, which records Ferry-Approved-By: ceo, which this plan does not`}; it was made anew: Ferry's commit ${head.slice(0, 12)} of the change on main's head \\(auto-merge of pull request #${pr.number} \\(\\S+\\) turned off before\\)$`));
  }, 60_000);
});

describe('whose reviews approve a promotion', () => {
  test('a pull request on the predicted branch with another change is not the proposal; Ferry\'s own is, and its reviews carry their commit', async () => {
    const image = await inStage('user-service', '9.0.0');
    const plan = await runPromote(toProd('user-service', { dryRun: true }));
    const proposal = plan.promotions.map((p) => ({ path: p.manifest, diff: p.diff }));
    const branch = changesBranch('prod', [{ app: 'user-service', digest: image.split('@')[1]! }]);

    // mallory: a harmless-looking commit on that branch name
    mallory('fetch', '-q', 'origin');
    mallory('checkout', '-q', '-B', 'typo', 'origin/main');
    await writeFile(join(work, 'README-typo.md'), 'fix a typo\n');
    mallory('add', '.');
    mallory('commit', '-q', '-m', 'docs: fix typo');
    mallory('push', '-q', 'origin', `typo:${branch}`);
    expect(await proposalMismatch(github, 'main', remoteHead(bare, branch), proposal)).toBe('it changes README-typo.md, which the plan does not');

    // the planned file, but with more in it than the plan
    mallory('checkout', '-q', '-B', 'more', 'origin/main');
    const file = join(work, 'prod/user-service/kustomization.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/digest: sha256:[0-9a-f]+/, `digest: ${image.split('@')[1]}`) + 'replicas:\n  - name: user-service\n    count: 0\n');
    mallory('commit', '-q', '-am', 'promote with extras');
    mallory('push', '-q', '-f', 'origin', `more:${branch}`);
    expect(await proposalMismatch(github, 'main', remoteHead(bare, branch), proposal)).toBe('its change of prod/user-service/kustomization.yaml is not the planned one');

    // Ferry's own proposal of the plan is the plan.
    execFileSync('git', ['-C', bare, 'branch', '-D', branch]);
    const out = await runPromote(toProd('user-service', { mode: 'pull-request', commitVia: 'git', github }));
    expect(await proposalMismatch(github, 'main', out.commit, proposal)).toBeUndefined();

    // A review carries the head it was given on: one of an older head is told apart.
    standIn.state.reviews.set(out.pullRequestNumber!, [{ login: 'bob', state: 'APPROVED', commitId: '0'.repeat(40) }, { login: 'carol', state: 'APPROVED' }]);
    const reviews = await github.client.pullRequestReviews({ owner: 'acme', repo: 'env', pullNumber: out.pullRequestNumber! });
    expect(reviews.map((r) => [r.user?.login, r.commit_id])).toEqual([['bob', '0'.repeat(40)], ['carol', out.commit]]);
    const found = await github.client.findOpenPullRequest({ owner: 'acme', repo: 'env', head: branch, base: 'main' });
    expect(found?.headSha).toBe(out.commit);
  }, 90_000);
});

describe('a proposal whose target also has an analysis gate', () => {
  // DESIGN.md's prod: soak, analysis and an approval. Proposed in a pull request (which is how the
  // approval is asked for), the analysis is measured and the proposal opened, awaiting its approval.
  test('the analysis is measured against a real Prometheus and the pull request opened, awaiting its approval; a requester approving their own stops it unmeasured', async () => {
    // No targets: the template asks for vector(1), which a real Prometheus answers at once.
    const prometheus = await startPrometheus();
    const repo = await initTemplateRepo(join(root, 'env-analysis.git'));
    const own = await startGitHubStandIn({ gitRepoPath: repo, owner: 'acme', repo: 'env', token: TOKEN });
    try {
      const target: GitHubTarget = { client: createGitHub({ token: TOKEN, baseUrl: own.url, graphqlUrl: own.graphqlUrl, retries: { unitMs: 1, writeSpacingMs: 0 } }), owner: 'acme', repo: 'env', serverUrl: 'https://github.com' };
      const config = readRemoteFile(repo, 'ferry.yaml')!;
      const gated = config.replace(/^( +)approvals: 1\b/m, '$1analysis: [quick]\n$1approvals: 1').replace(/^environments:/m, `prometheus:\n  address: ${prometheus.url}\n\nenvironments:`);
      expect(gated).toMatch(/soak: 2h[^\n]*\n +analysis: \[quick\]\n +approvals: 1/);
      const template = 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata:\n  name: quick\nspec:\n  metrics:\n    - name: quick\n      successCondition: result[0] == 1\n      provider:\n        prometheus:\n          address: http://prometheus.monitoring:9090\n          query: vector(1)\n';
      await commitByHand(repo, { 'ferry.yaml': gated, 'analysis/quick.yaml': template }, 'prod: an analysis gate');
      const image = templateImage('user-service', '10.0.0');
      await runBump({ repo, branch: 'main', env: 'dev', app: 'user-service', image, dryRun: false, requestedBy: 'alice' } as BumpOptions);
      await runPromote({ repo, branch: 'main', from: 'dev', to: 'stage', apps: ['user-service'], all: false, approvedBy: [], requestedBy: 'alice', dryRun: false, now: later(1) });
      const before = remoteHead(repo);
      const proposeWith = (extra: Partial<PromoteOptions>) => runPromote({ ...toProd('user-service', { mode: 'pull-request', commitVia: 'git', github: target }), repo, ...extra });

      // The requester's own approval: stopped, and nothing measured (it cannot change the outcome).
      const self = await proposeWith({ approvedBy: ['alice'] });
      expect(self.status).toBe('stopped');
      expect(self.gates).toContainEqual({ gate: 'approvals', verdict: 'fail', reason: "0/1, the requester's own approval does not count" });
      expect(self.gates).toContainEqual({ gate: 'analysis', verdict: 'error', reason: 'not run: approvals did not pass', notRun: true });
      expect(own.state.pullRequests).toEqual([]);

      const out = await proposeWith({});
      expect(out).toMatchObject({ status: 'succeeded', awaitingApproval: true });
      expect(out.gates.find((g) => g.gate === 'analysis')).toMatchObject({ verdict: 'pass' });
      expect(out.gates.find((g) => g.gate === 'approvals')).toMatchObject({ verdict: 'fail' });
      expect(out.analysis?.runs.map((r) => r.run.phase)).toEqual(['Successful']);
      const pr = own.state.pullRequests.find((p) => p.number === out.pullRequestNumber)!;
      expect(pr.state).toBe('open');
      expect(readRemoteFile(repo, 'prod/user-service/kustomization.yaml', pr.headSha)).toContain(`digest: ${image.split('@')[1]}`);
      expect(remoteHead(repo)).toBe(before);
      expect(own.violations).toEqual([]);
    } finally {
      await own.stop();
      await prometheus.stop();
    }
  }, 90_000);
});
