// How a bump reaches the env repo: pushed by git (today's default), committed by GitHub through
// the API, or proposed in a pull request (its commit made by git or by GitHub). A real bare repo
// backs both git and the GitHub stand-in, whose traffic is checked against GitHub's descriptions.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { GitEnvRepo } from '../../actions/src/adapters/git.js';
import { createGitHub } from '../../actions/src/adapters/github.js';
import { planBump } from '../../actions/src/core/bump.js';
import { ConfigurationError } from '../../actions/src/core/errors.js';
import { runBump, type BumpOptions } from '../../actions/src/entry/commands/bump.js';
import { changeBranch, changesBranch, deliver, type CommitVia, type GitHubTarget } from '../../actions/src/entry/delivery.js';
import { appName, createEnvRepo, digestOf, imageRef, readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { startGitHubStandIn, type GitHubStandIn } from '../support/github-standin.js';

const TOKEN = `ghs_${randomBytes(18).toString('hex')}`;
let root: string;
let bare: string;
let standIn: GitHubStandIn;
let github: GitHubTarget;
let nextApp = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-delivery-'));
  bare = join(root, 'env.git');
  await createEnvRepo({ dir: bare, apps: 24 });
  standIn = await startGitHubStandIn({ gitRepoPath: bare, owner: 'acme', repo: 'env', token: TOKEN });
  github = {
    client: createGitHub({ token: TOKEN, baseUrl: standIn.url, graphqlUrl: standIn.graphqlUrl, retries: { unitMs: 1, writeSpacingMs: 0 } }),
    owner: 'acme',
    repo: 'env',
    serverUrl: 'https://github.com',
  };
});

afterAll(async () => {
  await standIn?.stop();
  await rm(root, { recursive: true, force: true });
});

afterEach(() => {
  expect(standIn.violations.splice(0)).toEqual([]);
});

function git(...args: string[]): string {
  return execFileSync('git', ['-C', bare, ...args]).toString().trim();
}

/** A bump of an app no other test touches. */
function bumpOf(options: Partial<BumpOptions> = {}): BumpOptions & { app: string } {
  const app = appName(nextApp++);
  return { repo: bare, branch: 'main', env: 'dev', app, image: imageRef(app, '2.0.0'), dryRun: false, requestedBy: 'alice', writeOptions: { baseMs: 1, capMs: 5 }, ...options };
}

const manifest = (app: string, ref = 'main') => readRemoteFile(bare, `dev/${app}/kustomization.yaml`, ref);

describe('push', () => {
  test('by default: pushed by git, as before, without a word to GitHub', async () => {
    const requests = standIn.requests.length;
    const bump = bumpOf();
    const out = await runBump(bump);
    expect(out.status).toBe('succeeded');
    expect(remoteHead(bare)).toBe(out.commit);
    expect(manifest(bump.app)).toContain(`digest: ${digestOf(`${bump.app} 2.0.0`)}`);
    expect(out).not.toHaveProperty('commitUrl');
    expect(out).not.toHaveProperty('pullRequestUrl');
    expect(standIn.requests.length).toBe(requests);
  });

  test('commit-via api: one commit made by GitHub on the head it was computed on; a re-run changes nothing', async () => {
    const before = remoteHead(bare);
    const bump = bumpOf({ commitVia: 'api', github });
    const out = await runBump(bump);
    expect(out.status).toBe('succeeded');
    expect(out.commit).toBe(remoteHead(bare));
    expect(out.commitUrl).toBe(`https://github.com/acme/env/commit/${out.commit}`);
    expect(git('rev-parse', `${out.commit}^`)).toBe(before);
    expect(git('log', '-1', '--format=%cn <%ce>', out.commit)).toBe('GitHub <noreply@github.com>');
    expect(git('log', '-1', '--format=%s%n%(trailers:only,unfold)', out.commit).split('\n')).toEqual([
      `bump(dev): ${bump.app} 2.0.0 (${digestOf(`${bump.app} 2.0.0`).slice(0, 19)})`,
      'Ferry-Action: bump',
      'Ferry-Env: dev',
      `Ferry-App: ${bump.app}`,
      `Ferry-Image: ${bump.image}`,
      `Ferry-Previous-Image: ${imageRef(bump.app, '1.0.0')}`,
      'Ferry-Requested-By: alice',
    ]);
    expect(manifest(bump.app)).toContain(`digest: ${digestOf(`${bump.app} 2.0.0`)}`);

    const commits = standIn.state.commits.length;
    const again = await runBump(bump);
    expect(again).toMatchObject({ status: 'skipped', commit: out.commit });
    expect(standIn.state.commits.length).toBe(commits);
  });
});

describe.each<CommitVia>(['git', 'api'])('pull request, commit via %s', (commitVia) => {
  test('the change goes on a branch of its own and a pull request proposes it; a re-run reuses both', async () => {
    const base = remoteHead(bare);
    const bump = bumpOf({ mode: 'pull-request', commitVia, github, pullRequest: { labels: ['ferry', 'env:dev'], autoMerge: 'squash' } });
    const branch = changeBranch('dev', bump.app, digestOf(`${bump.app} 2.0.0`));
    expect(branch).toMatch(new RegExp(`^ferry/dev/${bump.app}-[0-9a-f]{12}$`));

    const out = await runBump(bump);
    expect(out.status).toBe('succeeded');
    // The base branch is untouched; the branch holds one commit on top of it, with the change.
    expect(remoteHead(bare)).toBe(base);
    expect(remoteHead(bare, branch)).toBe(out.commit);
    expect(git('rev-parse', `${out.commit}^`)).toBe(base);
    expect(manifest(bump.app, branch)).toContain(`digest: ${digestOf(`${bump.app} 2.0.0`)}`);
    expect(manifest(bump.app)).toContain(`digest: ${digestOf(`${bump.app} 1.0.0`)}`);
    expect(git('log', '-1', '--format=%(trailers:key=Ferry-Image,valueonly)', out.commit)).toBe(bump.image);

    const pr = standIn.state.pullRequests.find((p) => p.head === branch)!;
    expect(out.pullRequestUrl).toBe(`https://github.com/acme/env/pull/${pr.number}`);
    expect(out.pullRequestNumber).toBe(pr.number);
    expect(pr).toMatchObject({ base: 'main', state: 'open', title: git('log', '-1', '--format=%s', out.commit), labels: ['ferry', 'env:dev'], autoMerge: { method: 'SQUASH', enabledBy: 'ferry-bot' } });
    // The squash commit GitHub makes carries Ferry's message, trailers and all: audit reads the base branch.
    expect(pr.autoMerge).toEqual({ method: 'SQUASH', enabledBy: 'ferry-bot', commitHeadline: git('log', '-1', '--format=%s', out.commit), commitBody: git('log', '-1', '--format=%b', out.commit).trimEnd() });
    expect(pr.autoMerge!.commitBody).toContain(`Ferry-Image: ${bump.image}`);
    expect(pr.body).toContain(`Ferry pins \`${bump.image}\` for \`${bump.app}\` in \`dev\`.`);
    expect(pr.body).toContain(`+    digest: ${digestOf(`${bump.app} 2.0.0`)}`);

    const writes = standIn.requests.length;
    const again = await runBump(bump);
    expect(again).toMatchObject({ status: 'skipped', commit: out.commit, pullRequestNumber: pr.number, pullRequestUrl: out.pullRequestUrl });
    expect(remoteHead(bare, branch)).toBe(out.commit);
    expect(standIn.state.pullRequests.filter((p) => p.head === branch)).toHaveLength(1);
    // Nothing was committed or created the second time: the branch was checked to hold nothing but
    // the change, the pull request was found and its description refreshed.
    // (The first list is of closed ones: was this change turned down?)
    expect(standIn.requests.slice(writes).map((r) => r.operationId ?? r.operationName)).toEqual(['pulls/list', 'repos/compare-commits-with-basehead', 'pulls/list', 'pulls/update', 'issues/add-labels']);
  });

  test('a proposal closed without being merged is turned down: not proposed again (nothing pushed, opened or set to merge) until it is reopened', async () => {
    const base = remoteHead(bare);
    const bump = bumpOf({ mode: 'pull-request', commitVia, github, pullRequest: { autoMerge: 'squash' } });
    const branch = changeBranch('dev', bump.app, digestOf(`${bump.app} 2.0.0`));
    const first = await runBump(bump);
    const pr = standIn.state.pullRequests.find((p) => p.head === branch)!;
    pr.state = 'closed';
    pr.closedAt = new Date().toISOString();
    pr.autoMerge = undefined;

    const requests = standIn.requests.length;
    const count = standIn.state.pullRequests.length;
    const again = await runBump(bump);
    expect(again).toMatchObject({ status: 'skipped', commit: base, branch: 'main', pullRequestNumber: pr.number, pullRequestUrl: first.pullRequestUrl });
    expect(again.notice).toBe(`not proposed: pull request #${pr.number} (${first.pullRequestUrl}) proposed this same change and was closed without being merged. To propose it again, reopen #${pr.number} (or open a pull request from ${branch} into main) and run again`);
    // Read only: the closed ones, then whether one is open.
    expect(standIn.requests.slice(requests).map((r) => r.operationId ?? r.operationName)).toEqual(['pulls/list', 'pulls/list']);
    expect(standIn.state.pullRequests).toHaveLength(count);
    expect(pr.state).toBe('closed');
    expect(pr.autoMerge).toBeUndefined();
    expect(remoteHead(bare, branch)).toBe(first.commit);
    expect(remoteHead(bare)).toBe(base);

    // Reopened: it is the proposal again, and set to merge itself as before.
    pr.state = 'open';
    const reopened = await runBump(bump);
    expect(reopened).toMatchObject({ status: 'skipped', commit: first.commit, pullRequestNumber: pr.number });
    expect(reopened).not.toHaveProperty('notice');
    expect(pr.autoMerge).toMatchObject({ method: 'SQUASH' });
  });

  test.each([
    ['merged (the change was taken, then undone on the base)', { mergedAt: '2026-01-01T00:00:00Z' }],
    ['closed by Ferry because the change landed another way', { body: `proposal\n\n---\nPromoted with its reviews recorded as Ferry-Approved-By by commit ${'0'.repeat(40)}.\n` }],
  ])('a proposal %s is no refusal: the change is proposed again', async (_what, closing) => {
    const bump = bumpOf({ mode: 'pull-request', commitVia, github });
    const branch = changeBranch('dev', bump.app, digestOf(`${bump.app} 2.0.0`));
    await runBump(bump);
    const pr = standIn.state.pullRequests.find((p) => p.head === branch)!;
    Object.assign(pr, { state: 'closed', closedAt: new Date().toISOString(), ...closing });
    const again = await runBump(bump);
    // A pull request opened anew, on the branch that holds the change (nothing pushed).
    expect(again.status).toBe('succeeded');
    expect(again).not.toHaveProperty('notice');
    const open = standIn.state.pullRequests.filter((p) => p.head === branch && p.state === 'open');
    expect(open).toHaveLength(1);
    expect(again.pullRequestNumber).toBe(open[0]!.number);
    expect(open[0]!.number).not.toBe(pr.number);
  });

  test('a proposal the base has since changed the file of is made anew on the base head; one the base moved past elsewhere is reused', async () => {
    const bump = bumpOf({ mode: 'pull-request', commitVia, github });
    const branch = changeBranch('dev', bump.app, digestOf(`${bump.app} 2.0.0`));
    const first = await runBump(bump);
    const pr = standIn.state.pullRequests.find((p) => p.head === branch)!;

    // The base moves, on another app's file only: the proposal still merges as it is, and is reused.
    const other = bumpOf();
    await runBump(other);
    const reused = await runBump(bump);
    expect(reused).toMatchObject({ status: 'skipped', commit: first.commit, pullRequestNumber: pr.number });
    expect(remoteHead(bare, branch)).toBe(first.commit);

    // The base changes the proposal's own file (another image of the app, pushed): as it was, the
    // proposal conflicts. Run again, it is one commit on the base's head, in the same pull request.
    await runBump({ ...bump, mode: 'push', image: imageRef(bump.app, '2.5.0') });
    const base = remoteHead(bare);
    if (commitVia === 'git') {
      // A server that lets no branch be replaced (this repository's setting, as a guard that the
      // base is never forced): the run fails, saying why and what to do; the branch is as it was.
      const refused = await runBump(bump).catch((e: unknown) => e as Error);
      expect(refused).toBeInstanceOf(Error);
      expect((refused as Error).message).toMatch(new RegExp(`^pull request branch ${branch} proposes the change on an older main, which has since changed dev/${bump.app}/kustomization.yaml too, and replacing the branch .* failed: .*denying non-fast-forward.*\\. Close its pull request and delete the branch, then run again$`, 's'));
      expect(remoteHead(bare, branch)).toBe(first.commit);
      git('config', 'receive.denyNonFastForwards', 'false');
    }
    const requests = standIn.requests.length;
    const remade = await runBump(bump).finally(() => git('config', 'receive.denyNonFastForwards', 'true'));
    expect(remade).toMatchObject({ status: 'succeeded', pullRequestNumber: pr.number });
    expect(remoteHead(bare, branch)).toBe(remade.commit);
    expect(git('rev-parse', `${remade.commit}^`)).toBe(base);
    expect(git('rev-list', '--count', `${base}..${branch}`)).toBe('1');
    // The pull request is the same one, still open: its branch never pointed at a commit of the
    // base, which GitHub takes for the pull request merged (closed, and not to be reopened).
    expect(pr).toMatchObject({ state: 'open', headSha: remade.commit });
    expect(pr.mergedAt).toBeUndefined();
    if (commitVia === 'api') {
      // Moved once, from the first proposal straight to the commit made anew (made on a branch of
      // its own, at the base's head), and that branch is gone.
      const moves = standIn.requests.slice(requests).filter((r) => r.operationId === 'git/update-ref' && decodeURIComponent(r.path).endsWith(`/git/refs/heads/${branch}`));
      expect(moves.map((r) => r.body)).toEqual([{ sha: remade.commit, force: true }]);
      expect(standIn.state.commits.at(-1)).toMatchObject({ oid: remade.commit, parent: base });
      expect(standIn.state.commits.at(-1)!.branch).not.toBe(branch);
    }
    expect(git('for-each-ref', '--format=%(refname)', 'refs/heads/').split('\n').filter((r) => r.startsWith(`refs/heads/${branch}`))).toEqual([`refs/heads/${branch}`]);
    expect(manifest(bump.app, branch)).toContain(`digest: ${digestOf(`${bump.app} 2.0.0`)}`);
    expect(git('log', '-1', '--format=%(trailers:key=Ferry-Previous-Image,valueonly)', remade.commit)).toBe(imageRef(bump.app, '2.5.0'));
    expect(git('diff', '--name-only', base, remade.commit)).toBe(`dev/${bump.app}/kustomization.yaml`);
    expect(standIn.state.pullRequests.filter((p) => p.head === branch)).toHaveLength(1);
    // The first proposal's commit is no longer on the branch.
    const onBranch = (commit: string) => {
      try {
        execFileSync('git', ['-C', bare, 'merge-base', '--is-ancestor', commit, branch], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    };
    expect([onBranch(first.commit), onBranch(remade.commit)]).toEqual([false, true]);
  });

  test.runIf(commitVia === 'api')('a proposal made anew whose branch GitHub fails to move: the run fails, the pull request and its branch are as they were, and the temporary branch is deleted', async () => {
    const bump = bumpOf({ mode: 'pull-request', commitVia, github });
    const branch = changeBranch('dev', bump.app, digestOf(`${bump.app} 2.0.0`));
    const first = await runBump(bump);
    const pr = standIn.state.pullRequests.find((p) => p.head === branch)!;
    await runBump({ ...bump, mode: 'push', image: imageRef(bump.app, '2.5.0') });

    standIn.state.faults.push({ kind: 'server-error', times: 10, match: /^PATCH \/repos\/acme\/env\/git\/refs\// });
    const failed = await runBump(bump).catch((e: unknown) => e as Error).finally(() => (standIn.state.faults.length = 0));
    expect(failed).toBeInstanceOf(Error);
    expect((failed as Error).message).toMatch(new RegExp(`^move branch ${branch} to [0-9a-f]{12} in acme/env failed: 502 Server Error`));
    expect(remoteHead(bare, branch)).toBe(first.commit);
    expect(pr).toMatchObject({ state: 'open' });
    expect(git('for-each-ref', '--format=%(refname)', 'refs/heads/').split('\n').filter((r) => r.startsWith(`refs/heads/${branch}`))).toEqual([`refs/heads/${branch}`]);
    expect(standIn.requests.filter((r) => r.operationId === 'git/delete-ref').at(-1)).toMatchObject({ status: 204 });
  });

  test('an auto-merge enabled before is given the message of the proposal made anew (the base moved): a squash lands its trailers, not the first one\'s', async () => {
    const bump = bumpOf({ mode: 'pull-request', commitVia, github, pullRequest: { autoMerge: 'squash' } });
    const branch = changeBranch('dev', bump.app, digestOf(`${bump.app} 2.0.0`));
    await runBump(bump);
    const pr = standIn.state.pullRequests.find((p) => p.head === branch)!;
    expect(pr.autoMerge!.commitBody).toContain(`Ferry-Previous-Image: ${imageRef(bump.app, '1.0.0')}`);

    await runBump({ ...bump, mode: 'push', image: imageRef(bump.app, '2.5.0') });
    git('config', 'receive.denyNonFastForwards', 'false');
    const remade = await runBump(bump).finally(() => git('config', 'receive.denyNonFastForwards', 'true'));
    expect(remade).toMatchObject({ status: 'succeeded', pullRequestNumber: pr.number, commit: remoteHead(bare, branch) });
    expect(remade).not.toHaveProperty('notice'); // Ferry's own branch, behind: nothing to warn of
    expect(git('log', '-1', '--format=%(trailers:key=Ferry-Previous-Image,valueonly)', remade.commit)).toBe(imageRef(bump.app, '2.5.0'));
    expect(pr.autoMerge).toEqual({ method: 'SQUASH', enabledBy: 'ferry-bot', commitHeadline: git('log', '-1', '--format=%s', remade.commit), commitBody: git('log', '-1', '--format=%b', remade.commit).trimEnd() });
  });

  test('auto-merge GitHub refuses (the pull request could be merged at once) is a notice: the proposal is made, and said how to land', async () => {
    const bump = bumpOf({ mode: 'pull-request', commitVia, github, pullRequest: { autoMerge: 'merge' } });
    const branch = changeBranch('dev', bump.app, digestOf(`${bump.app} 2.0.0`));
    standIn.state.pullRequestsClean = true;
    try {
      const out = await runBump(bump);
      const pr = standIn.state.pullRequests.find((p) => p.head === branch)!;
      expect(out).toMatchObject({ status: 'succeeded', commit: remoteHead(bare, branch), pullRequestNumber: pr.number, pullRequestUrl: `https://github.com/acme/env/pull/${pr.number}` });
      expect(pr.state).toBe('open');
      expect(pr.autoMerge).toBeUndefined();
      expect(out.notice).toBe(`auto-merge (merge) is not on for pull request #${pr.number} (${out.pullRequestUrl}): GitHub refused to enable it (enable auto-merge (merge) on pull request ${pr.nodeId} failed: UNPROCESSABLE: Pull request Pull request is in clean status). The pull request proposes the change all the same. GitHub enables auto-merge only on a pull request that waits for something: nothing required (status checks, reviews) holds this one. Merge it by hand, or require status checks on main (a ruleset or branch protection) and run again`);
      // Run again: the same proposal, the same notice; nothing pushed.
      const again = await runBump(bump);
      expect(again).toMatchObject({ status: 'skipped', commit: out.commit, pullRequestNumber: pr.number, notice: out.notice });
    } finally {
      standIn.state.pullRequestsClean = false;
    }
  });

  test('nothing to propose when the base branch already has the image', async () => {
    const bump = bumpOf({ image: '' });
    bump.image = imageRef(bump.app, '1.0.0');
    const requests = standIn.requests.length;
    const out = await runBump({ ...bump, mode: 'pull-request', commitVia, github });
    expect(out).toMatchObject({ status: 'skipped', commit: remoteHead(bare) });
    expect(out).not.toHaveProperty('pullRequestUrl');
    expect(standIn.requests.length).toBe(requests);
  });

  test('two runs proposing the same change at once: one commit on the branch, one pull request', async () => {
    const base = remoteHead(bare);
    const app = appName(nextApp++);
    const request = { env: 'dev', app, image: imageRef(app, '3.0.0') };
    const branch = changeBranch('dev', app, digestOf(`${app} 3.0.0`));
    // Two writers (two identities, so that git makes two different commits).
    const repos = await Promise.all([0, 1].map((i) => GitEnvRepo.open({ repo: bare, branch: 'main', env: { ...process.env, GIT_AUTHOR_NAME: `Writer ${i}`, GIT_AUTHOR_EMAIL: `w${i}@example.invalid` } })));
    try {
      // Both look for the change's branch before either pushes it (left to timing, the second
      // sometimes looked after the first had pushed, and found it: no race to test).
      let looked = 0;
      let bothLooked!: () => void;
      const looking = new Promise<void>((r) => (bothLooked = r));
      for (const repo of repos) {
        const branchHead = repo.branchHead.bind(repo);
        repo.branchHead = async (name: string) => {
          const head = await branchHead(name);
          if (++looked <= 2) {
            if (looked === 2) bothLooked();
            await looking;
          }
          return head;
        };
      }
      // Both compute on the same base head before either writes.
      let computed = 0;
      let release!: () => void;
      const both = new Promise<void>((r) => (release = r));
      const outcomes = await Promise.all(repos.map((repo) => deliver(repo, async (snapshot) => {
        if (++computed <= 2) {
          if (computed === 2) release();
          await both;
        }
        return planBump(snapshot, request);
      }, { mode: 'pull-request', commitVia, github, branchName: (r) => changeBranch(r.env, r.app, r.digest), pullRequest: { labels: ['ferry'] }, writeOptions: { baseMs: 1, capMs: 5 } })));
      expect(git('rev-list', '--count', `${base}..${branch}`)).toBe('1');
      expect(outcomes.map((o) => o.commit)).toEqual([remoteHead(bare, branch), remoteHead(bare, branch)]);
      const prs = standIn.state.pullRequests.filter((p) => p.head === branch);
      expect(prs).toHaveLength(1);
      expect(outcomes.map((o) => o.pullRequestNumber)).toEqual([prs[0]!.number, prs[0]!.number]);
      // The one that lost the race recomputed and found the change already proposed.
      expect(Math.max(...outcomes.map((o) => o.attempts))).toBeGreaterThanOrEqual(2);
    } finally {
      await Promise.all(repos.map((r) => r.close()));
    }
  });
});

describe('settings', () => {
  test.each([
    ['an unknown mode', { mode: 'sideways' }, 'mode: expected one of push, pull-request, found "sideways"'],
    ['an unknown commit-via', { commitVia: 'carrier-pigeon' }, 'commit-via: expected one of git, api, found "carrier-pigeon"'],
    ['pull-request without a token', { mode: 'pull-request' }, 'github-token: mode: pull-request talks to the GitHub API and needs a token, found none'],
    ['commit-via api without a token', { commitVia: 'api' }, 'github-token: commit-via: api talks to the GitHub API and needs a token, found none'],
    ['an unknown merge method', { mode: 'pull-request', github: {} as GitHubTarget, pullRequest: { autoMerge: 'octopus' } }, 'auto-merge: expected one of merge, squash, rebase, found "octopus"'],
  ])('%s is a ConfigurationError, before anything is fetched', async (_label, settings, message) => {
    const error = await runBump({ ...bumpOf(), repo: join(root, 'does-not-exist.git'), ...(settings as Partial<BumpOptions>) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe(message);
  });
});

describe('branch names', () => {
  test('one branch per change: by app and digest; a promotion of several apps by the set of them', () => {
    const a = { app: 'user-service', digest: digestOf('a') };
    const b = { app: 'orders', digest: digestOf('b') };
    expect(changeBranch('prod', a.app, a.digest)).toBe(`ferry/prod/user-service-${a.digest.slice(7, 19)}`);
    expect(changesBranch('prod', [a])).toBe(changeBranch('prod', a.app, a.digest));
    expect(changesBranch('prod', [a, b])).toMatch(/^ferry\/prod\/promote-[0-9a-f]{12}$/);
    expect(changesBranch('prod', [a, b])).toBe(changesBranch('prod', [b, a]));
    expect(changesBranch('prod', [a, b])).not.toBe(changesBranch('prod', [a, { ...b, digest: digestOf('c') }]));
  });
});
