// The GitHub adapter against a local stand-in for api.github.com whose traffic is checked against
// GitHub's OpenAPI description and GraphQL schema (test/support/github-standin.ts), backed by a
// real bare env repo: every call Ferry makes must be one GitHub would accept.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { GitEnvRepo } from '../../actions/src/adapters/git.js';
import { GitHubEnvRepo } from '../../actions/src/adapters/github-env-repo.js';
import { GitHubError, createGitHub, type GitHub, type GitHubOptions } from '../../actions/src/adapters/github.js';
import { approversOf } from '../../actions/src/core/approvals.js';
import { NonFastForwardError, writeChange, type EnvRepo } from '../../actions/src/core/env-repo-writer.js';
import { appName, createEnvRepo, readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { startGitHubStandIn, type GitHubStandIn, type SeededReview } from '../support/github-standin.js';

const TOKEN = `ghs_${randomBytes(18).toString('hex')}`;
let root: string;
let standIn: GitHubStandIn;
let bare: string;
let counter = 0;
const logs: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-github-'));
  bare = join(root, 'env.git');
  await createEnvRepo({ dir: bare, apps: 3 });
  standIn = await startGitHubStandIn({ gitRepoPath: bare, owner: 'acme', repo: 'env', token: TOKEN });
});

afterAll(async () => {
  await standIn?.stop();
  await rm(root, { recursive: true, force: true });
});

afterEach(() => {
  // Every request and response of the test was one GitHub would accept and send.
  const violations = standIn.violations.splice(0);
  standIn.state.faults.length = 0;
  expect(violations).toEqual([]);
});

function client(options: Partial<GitHubOptions> = {}): GitHub {
  return createGitHub({
    token: TOKEN,
    baseUrl: standIn.url,
    graphqlUrl: standIn.graphqlUrl,
    log: (line) => logs.push(line),
    retries: { unitMs: 1, writeSpacingMs: 0, ...options.retries },
    ...options,
  });
}

function git(...args: string[]): string {
  return execFileSync('git', ['-C', bare, ...args]).toString().trim();
}

/** A branch of the bare repo with one commit on top of main changing `path`. */
async function branchWithChange(github: GitHub, branch: string, path: string, contents: string): Promise<string> {
  const base = remoteHead(bare);
  await github.createBranch({ owner: 'acme', repo: 'env', branch, sha: base });
  return github.createCommitOnBranch({ repositoryNameWithOwner: 'acme/env', branchName: branch, expectedHeadOid: base, headline: `change ${path}`, additions: [{ path, contents }] });
}

describe('pull requests', () => {
  test('opened with title, body and labels; a re-run reuses it and updates the body', async () => {
    const github = client();
    const branch = `ferry/dev/pr-${++counter}`;
    await branchWithChange(github, branch, 'dev/notes.txt', 'one\n');
    const first = await github.openPullRequest({ owner: 'acme', repo: 'env', head: branch, base: 'main', title: 'bump(dev): app 1.0.1', body: 'first body', labels: ['ferry', 'env:dev'] });
    expect(first.reused).toBe(false);
    expect(first.url).toBe(`https://github.com/acme/env/pull/${first.number}`);
    const pr = standIn.state.pullRequests.find((p) => p.number === first.number)!;
    expect(pr).toMatchObject({ head: branch, base: 'main', title: 'bump(dev): app 1.0.1', body: 'first body', labels: ['ferry', 'env:dev'], state: 'open' });

    const again = await github.openPullRequest({ owner: 'acme', repo: 'env', head: branch, base: 'main', title: 'bump(dev): app 1.0.1', body: 'second body', labels: ['ferry'] });
    expect(again).toEqual({ ...first, reused: true });
    expect(standIn.state.pullRequests.filter((p) => p.head === branch)).toHaveLength(1);
    expect(pr.body).toBe('second body');
    expect(await github.findOpenPullRequest({ owner: 'acme', repo: 'env', head: branch, base: 'main' })).toMatchObject({ number: first.number, nodeId: pr.nodeId, autoMerge: false });
    expect(await github.findOpenPullRequest({ owner: 'acme', repo: 'env', head: 'ferry/none', base: 'main' })).toBeUndefined();
  });

  test('auto-merge is enabled through GraphQL with the chosen method, once', async () => {
    const github = client();
    const branch = `ferry/prod/pr-${++counter}`;
    await branchWithChange(github, branch, 'prod/notes.txt', 'auto\n');
    const opened = await github.openPullRequest({ owner: 'acme', repo: 'env', head: branch, base: 'main', title: 'promote(prod)', body: 'b', labels: [], autoMerge: 'squash' });
    const pr = standIn.state.pullRequests.find((p) => p.number === opened.number)!;
    expect(pr.autoMerge).toEqual({ method: 'SQUASH', enabledBy: 'ferry-bot' });
    const enabling = () => standIn.requests.filter((r) => r.operationName === 'FerryEnableAutoMerge').length;
    expect(enabling()).toBe(1);
    // Already enabled: a re-run does not ask again.
    await github.openPullRequest({ owner: 'acme', repo: 'env', head: branch, base: 'main', title: 'promote(prod)', body: 'b', labels: [], autoMerge: 'squash' });
    expect(enabling()).toBe(1);
  });

  test('auto-merge refused by the repository is reported as itself, naming the operation', async () => {
    const github = client();
    const branch = `ferry/prod/pr-${++counter}`;
    await branchWithChange(github, branch, 'prod/refused.txt', 'x\n');
    standIn.state.autoMergeAllowed = false;
    try {
      const error = await github.openPullRequest({ owner: 'acme', repo: 'env', head: branch, base: 'main', title: 't', body: 'b', labels: [], autoMerge: 'merge' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GitHubError);
      expect((error as GitHubError).message).toMatch(/^enable auto-merge \(merge\) on pull request PR_\S+ failed: UNPROCESSABLE: Pull request Auto merge is not allowed for this repository$/);
    } finally {
      standIn.state.autoMergeAllowed = true;
    }
  });

  test('a pull request for a branch without changes is refused by GitHub and reported', async () => {
    const github = client();
    const branch = `ferry/dev/empty-${++counter}`;
    await github.createBranch({ owner: 'acme', repo: 'env', branch, sha: remoteHead(bare) });
    const error = await github.openPullRequest({ owner: 'acme', repo: 'env', head: branch, base: 'main', title: 't', body: 'b', labels: [] }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`open a pull request from ${branch} into main in acme/env failed: 422 Validation Failed: No commits between main and ${branch}`);
  });
});

describe('the length of a pull request description', () => {
  test('GitHub refuses more than 65,536 characters (the stand-in as GitHub)', async () => {
    const github = client();
    const branch = `ferry/dev/long-${++counter}`;
    await branchWithChange(github, branch, 'dev/long.txt', 'long\n');
    const error = await github.openPullRequest({ owner: 'acme', repo: 'env', head: branch, base: 'main', title: 't', body: 'x'.repeat(65_537), labels: [] }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`open a pull request from ${branch} into main in acme/env failed: 422 Validation Failed: body is too long (maximum is 65536 characters)`);
  });

  test('closing one whose description is near the limit: cut short to make room, the note whole at its end', async () => {
    const github = client();
    const branch = `ferry/prod/long-${++counter}`;
    await branchWithChange(github, branch, 'prod/long.txt', 'long\n');
    const opened = await github.openPullRequest({ owner: 'acme', repo: 'env', head: branch, base: 'main', title: 't', body: 'y'.repeat(65_500), labels: [] });
    const note = `Promoted with its reviews recorded as Ferry-Approved-By by commit ${'a'.repeat(40)}.`;
    await github.closePullRequest({ owner: 'acme', repo: 'env', number: opened.number, note });
    const pr = standIn.state.pullRequests.find((p) => p.number === opened.number)!;
    expect(pr.state).toBe('closed');
    expect(pr.body!.length).toBeLessThanOrEqual(65_536);
    expect(pr.body).toMatch(new RegExp(`^y{65000,}\\n\\n… \\(cut short to make room for the note below\\)\\n\\n---\\n${note.replace(/[.]/g, '\\.')}\\n$`));
    // A short one is kept whole.
    const other = `ferry/prod/short-${++counter}`;
    await branchWithChange(github, other, 'prod/short.txt', 'short\n');
    const short = await github.openPullRequest({ owner: 'acme', repo: 'env', head: other, base: 'main', title: 't', body: 'the plan', labels: [] });
    await github.closePullRequest({ owner: 'acme', repo: 'env', number: short.number, note });
    expect(standIn.state.pullRequests.find((p) => p.number === short.number)!.body).toBe(`the plan\n\n---\n${note}\n`);
  });
});

describe('deployments', () => {
  test('a deployment not blocked by status checks, and its statuses in order', async () => {
    const github = client();
    const head = remoteHead(bare);
    const deployment = await github.createDeployment({ owner: 'acme', repo: 'env', ref: head, environment: 'prod', description: 'user-service 1.4.2', payload: { app: 'user-service', digest: 'sha256:1a2b' } });
    const recorded = standIn.state.deployments.find((d) => d.id === deployment.id)!;
    expect(recorded).toMatchObject({ ref: head, sha: head, environment: 'prod', description: 'user-service 1.4.2', payload: { app: 'user-service', digest: 'sha256:1a2b' }, requiredContexts: [], autoMerge: false });
    expect(deployment.url).toBe(`${standIn.url}/repos/acme/env/deployments/${deployment.id}`);

    await github.setDeploymentStatus({ owner: 'acme', repo: 'env', deploymentId: deployment.id, state: 'in_progress', description: 'Argo CD is syncing', logUrl: 'https://github.com/acme/env/actions/runs/7' });
    await github.setDeploymentStatus({ owner: 'acme', repo: 'env', deploymentId: deployment.id, state: 'success', description: 'x'.repeat(300), environmentUrl: 'https://user-service.prod.example.com', logUrl: 'https://github.com/acme/env/actions/runs/7' });
    expect(recorded.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(recorded.statuses[1]).toMatchObject({ environmentUrl: 'https://user-service.prod.example.com', logUrl: 'https://github.com/acme/env/actions/runs/7' });
    // GitHub refuses descriptions over 140 characters: the adapter shortens them.
    expect(recorded.statuses[1]!.description).toHaveLength(140);
  });
});

describe('approvals', () => {
  test("a run's environment approvals: only approvals of that environment count, the requester's is refused", async () => {
    const github = client();
    standIn.state.runApprovals.set(4242, [
      { login: 'bob', state: 'approved', environments: ['prod'], comment: 'ship it' },
      { login: 'carol', state: 'approved', environments: ['stage'] },
      { login: 'dave', state: 'rejected', environments: ['prod'] },
      { login: 'Alice', state: 'approved', environments: ['prod'] },
    ]);
    const runApprovals = await github.runApprovals({ owner: 'acme', repo: 'env', runId: 4242 });
    expect(runApprovals).toHaveLength(4);
    expect(approversOf({ environment: 'prod', runApprovals, requester: 'alice' })).toEqual({
      approvers: ['bob'],
      refused: [{ login: 'Alice', reason: 'Alice requested this promotion and cannot approve it' }],
      apps: [],
    });
  });

  test('pull request reviews are read on every page; a later request for changes cancels an approval', async () => {
    const github = client();
    const reviews: SeededReview[] = Array.from({ length: 130 }, (_, i) => ({ login: `reviewer-${i % 7}`, state: 'COMMENTED' }));
    reviews.splice(10, 0, { login: 'frank', state: 'APPROVED' });
    reviews.push({ login: 'frank', state: 'CHANGES_REQUESTED' }); // on the second page
    reviews.push({ login: 'erin', state: 'APPROVED' }); // on the second page
    standIn.state.reviews.set(77, reviews);
    const read = await github.pullRequestReviews({ owner: 'acme', repo: 'env', pullNumber: 77 });
    expect(read).toHaveLength(reviews.length);
    expect(standIn.requests.filter((r) => r.path === '/repos/acme/env/pulls/77/reviews')).toHaveLength(2);
    expect(approversOf({ environment: 'prod', reviews: read, requester: 'alice' })).toEqual({ approvers: ['erin'], refused: [], apps: [] });
  });
});

describe('commits through the API', () => {
  test('createCommitOnBranch lands one commit on the expected head, made by GitHub, visible to git', async () => {
    const github = client();
    const head = remoteHead(bare);
    const contents = 'images:\n  - name: café # ünïcode\n';
    const oid = await github.createCommitOnBranch({
      repositoryNameWithOwner: 'acme/env',
      branchName: 'main',
      expectedHeadOid: head,
      headline: 'bump(dev): app-0000 2.0.0',
      body: 'Ferry-Action: bump\nFerry-Env: dev',
      additions: [{ path: 'dev/app-0000/extra.yaml', contents }],
    });
    expect(remoteHead(bare)).toBe(oid);
    expect(git('rev-parse', `${oid}^`)).toBe(head);
    expect(readRemoteFile(bare, 'dev/app-0000/extra.yaml')).toBe(contents);
    expect(git('log', '-1', '--format=%an|%cn|%B', oid)).toBe('ferry-bot|GitHub|bump(dev): app-0000 2.0.0\n\nFerry-Action: bump\nFerry-Env: dev');
  });

  test('a stale expectedHeadOid is a NonFastForwardError; the branch stays where it was', async () => {
    const github = client();
    const head = remoteHead(bare);
    const stale = git('rev-parse', `${head}^`);
    const error = await github.createCommitOnBranch({ repositoryNameWithOwner: 'acme/env', branchName: 'main', expectedHeadOid: stale, headline: 'late', additions: [{ path: 'x.txt', contents: 'x' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonFastForwardError);
    expect((error as Error).message).toBe(`main moved on acme/env (it is no longer at ${stale.slice(0, 12)})`);
    expect(remoteHead(bare)).toBe(head);
  });

  test('any other GraphQL error stays itself, with the operation named', async () => {
    const github = client();
    const head = remoteHead(bare);
    const error = await github.createCommitOnBranch({ repositoryNameWithOwner: 'acme/env', branchName: 'main', expectedHeadOid: head, headline: 'rm', deletions: [{ path: 'no/such/file.yaml' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect(error).not.toBeInstanceOf(NonFastForwardError);
    expect((error as GitHubError).types).toEqual(['UNPROCESSABLE']);
    expect((error as Error).message).toBe(`commit on main of acme/env through the GitHub API failed: UNPROCESSABLE: A path was requested for deletion which does not exist as of commit oid \`${head}\``);
    expect(remoteHead(bare)).toBe(head);
  });

  test('createBranch makes the branch; a second writer creating it loses the race', async () => {
    const github = client();
    const branch = `ferry/dev/race-${++counter}`;
    const head = remoteHead(bare);
    await github.createBranch({ owner: 'acme', repo: 'env', branch, sha: head });
    expect(remoteHead(bare, branch)).toBe(head);
    await expect(github.createBranch({ owner: 'acme', repo: 'env', branch, sha: head })).rejects.toThrow(NonFastForwardError);
  });

  test('two writers through the API race on the same head: the stale one is retried by writeChange and both land once', async () => {
    const before = remoteHead(bare);
    const mutations = () => standIn.requests.filter((r) => r.operationName === 'FerryCreateCommitOnBranch').length;
    const mutationsBefore = mutations();
    const readers = await Promise.all([0, 1].map(() => GitEnvRepo.open({ repo: bare, branch: 'main' })));
    try {
      // Both compute on the same head before either commits (as on two machines: no local lock).
      let computed = 0;
      let release!: () => void;
      const bothComputed = new Promise<void>((r) => (release = r));
      const writers = readers.map((reader, i) => {
        const repo = new GitHubEnvRepo(reader, client(), { owner: 'acme', repo: 'env' });
        const unlocked: EnvRepo = { head: () => repo.head(), commit: (p, f, m) => repo.commit(p, f, m), push: (c) => repo.push(c) };
        const path = `stage/${appName(i)}/race.txt`;
        return writeChange(unlocked, async (snapshot) => {
          if (++computed <= 2) {
            if (computed === 2) release();
            await bothComputed;
          }
          const text = await snapshot.readFile(path);
          if (text === `writer ${i}\n`) return { write: false, result: i };
          return { write: true, files: [{ path, content: `writer ${i}\n` }], message: `race ${i}\n\nFerry-Action: bump\n`, result: i };
        }, { baseMs: 1, capMs: 5 });
      });
      const outcomes = await Promise.all(writers);
      expect(outcomes.map((o) => o.status)).toEqual(['succeeded', 'succeeded']);
      expect(outcomes.map((o) => o.attempts).sort()).toEqual([1, 2]);
      // Each change is in the history once, and each outcome's commit is the one GitHub made.
      const history = git('log', '--format=%H %s', `${before}..main`).split('\n');
      expect(history).toHaveLength(2);
      expect(new Set(history.map((l) => l.split(' ')[0]))).toEqual(new Set(outcomes.map((o) => o.commit)));
      expect(readRemoteFile(bare, `stage/${appName(0)}/race.txt`)).toBe('writer 0\n');
      expect(readRemoteFile(bare, `stage/${appName(1)}/race.txt`)).toBe('writer 1\n');
      // Three createCommitOnBranch calls: two that landed and the stale one.
      expect(mutations() - mutationsBefore).toBe(3);
    } finally {
      await Promise.all(readers.map((r) => r.close()));
    }
  });
});

describe('rate limits and server errors', () => {
  test('a rate limit, then success: retried, told in the log', async () => {
    logs.length = 0;
    const github = client();
    standIn.state.faults.push({ kind: 'rate-limit', times: 2, match: /^POST \/repos\/acme\/env\/deployments$/ });
    const deployment = await github.createDeployment({ owner: 'acme', repo: 'env', ref: 'main', environment: 'dev', description: 'd', payload: {} });
    const calls = standIn.requests.filter((r) => r.path === '/repos/acme/env/deployments').slice(-3);
    expect(calls.map((r) => r.fault ?? r.status)).toEqual(['rate-limit', 'rate-limit', 201]);
    expect(standIn.state.deployments.filter((d) => d.id === deployment.id)).toHaveLength(1);
    expect(logs.filter((l) => /^GitHub rate limit on POST \/repos\/\{owner\}\/\{repo\}\/deployments: retrying in \d+ s \(retry [12] of 3\)$/.test(l))).toHaveLength(2);
  });

  test('a secondary rate limit (429 with retry-after), then success', async () => {
    logs.length = 0;
    const github = client();
    standIn.state.faults.push({ kind: 'secondary-rate-limit', status: 429, times: 1, match: /^GET \/repos\/acme\/env\/actions\/runs\/9\/approvals$/ });
    expect(await github.runApprovals({ owner: 'acme', repo: 'env', runId: 9 })).toEqual([]);
    expect(logs).toEqual(['GitHub secondary rate limit on GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals: retrying in 1 s (retry 1 of 3)']);
  });

  test('GraphQL: a RATE_LIMITED answer and a 502 are retried; the commit lands once', async () => {
    const github = client();
    standIn.state.faults.push({ kind: 'rate-limit', times: 1, match: /^POST \/graphql$/ }, { kind: 'server-error', times: 1, match: /^POST \/graphql$/ });
    const head = remoteHead(bare);
    const oid = await github.createCommitOnBranch({ repositoryNameWithOwner: 'acme/env', branchName: 'main', expectedHeadOid: head, headline: 'after faults', additions: [{ path: 'faults.txt', contents: 'ok\n' }] });
    expect(git('rev-parse', `${oid}^`)).toBe(head);
    expect(standIn.requests.filter((r) => r.path === '/graphql').slice(-3).map((r) => r.fault ?? r.status)).toEqual(['rate-limit', 'server-error', 200]);
  });

  test('retries are bounded: a rate limit that persists fails, saying a later run may succeed', async () => {
    logs.length = 0;
    const github = client({ retries: { rateLimit: 2, unitMs: 1, writeSpacingMs: 0 } });
    standIn.state.faults.push({ kind: 'rate-limit', times: 10, match: /^POST \/repos\/acme\/env\/git\/refs$/ });
    const error = await github.createBranch({ owner: 'acme', repo: 'env', branch: 'ferry/never', sha: remoteHead(bare) }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('create branch ferry/never at ' + remoteHead(bare).slice(0, 12) + ' in acme/env failed: 403 API rate limit exceeded for user ID 1. (a later run may succeed)');
    expect(standIn.state.faults[0]!.times).toBe(7); // three tries: the first and two retries
    expect(logs.at(-1)).toBe('GitHub rate limit on POST /repos/{owner}/{repo}/git/refs: giving up after 2 retries');
  });

  test('5xx answers are retried a bounded number of times, then reported', async () => {
    const github = client({ retries: { serverError: 1, unitMs: 1, writeSpacingMs: 0 } });
    standIn.state.faults.push({ kind: 'server-error', times: 5, match: /^GET \/repos\/acme\/env\/pulls\/5\/reviews$/ });
    const error = await github.pullRequestReviews({ owner: 'acme', repo: 'env', pullNumber: 5 }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('read the reviews of pull request #5 in acme/env failed: 502 Server Error (a later run may succeed)');
    expect(standIn.state.faults[0]!.times).toBe(3);
  });
});

test('the token appears in no log line, no error and no result', async () => {
  logs.length = 0;
  const github = client({ retries: { rateLimit: 1, serverError: 1, unitMs: 1, writeSpacingMs: 0 } });
  const captured: unknown[] = [];
  const attempt = async (f: () => Promise<unknown>) => captured.push(await f().catch((e: unknown) => e));
  standIn.state.faults.push({ kind: 'rate-limit', times: 5, match: /deployments$/ }, { kind: 'server-error', times: 5, match: /reviews$/ });
  await attempt(() => github.createDeployment({ owner: 'acme', repo: 'env', ref: 'main', environment: 'dev', description: 'd', payload: {} }));
  await attempt(() => github.pullRequestReviews({ owner: 'acme', repo: 'env', pullNumber: 1 }));
  await attempt(() => github.createCommitOnBranch({ repositoryNameWithOwner: 'acme/env', branchName: 'main', expectedHeadOid: '0'.repeat(40), headline: 'h' }));
  await attempt(() => github.createCommitOnBranch({ repositoryNameWithOwner: 'acme/env', branchName: 'main', expectedHeadOid: remoteHead(bare), headline: 'h', deletions: [{ path: 'nothing-here' }] }));
  await attempt(() => github.createBranch({ owner: 'acme', repo: 'env', branch: 'main', sha: remoteHead(bare) }));
  await attempt(() => github.runApprovals({ owner: 'acme', repo: 'env', runId: 1 }));
  // A GitHub that cannot be reached at all.
  const unreachable = createGitHub({ token: TOKEN, baseUrl: 'http://127.0.0.1:1', log: (l) => logs.push(l), retries: { serverError: 0, unitMs: 1 } });
  await attempt(() => unreachable.runApprovals({ owner: 'acme', repo: 'env', runId: 1 }));
  expect(captured.filter((c) => c instanceof Error)).toHaveLength(6);
  expect(logs.length).toBeGreaterThan(0);
  const text = [...logs, ...captured.map((c) => `${inspect(c, { depth: 20, showHidden: true })} ${c instanceof Error ? c.message : JSON.stringify(c)}`)].join('\n');
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(TOKEN.slice(4));
});

describe('the stand-in checks what it is sent', () => {
  const raw = (method: string, path: string, body?: unknown) =>
    fetch(`${standIn.url}${path}`, { method, headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

  test.each([
    ['a required body field missing', 'POST', '/repos/acme/env/git/refs', { ref: 'refs/heads/x' }, "(git/create-ref): request body: (root) must have required property 'sha'"],
    ['a path GitHub does not have', 'GET', '/repos/acme/env/pullz', undefined, 'no such path'],
    ['a method the path does not take', 'DELETE', '/repos/acme/env/deployments', undefined, 'the path has no such method'],
    ['a body field of the wrong type', 'POST', '/repos/acme/env/deployments', { ref: 'main', required_contexts: 'none' }, '/required_contexts must be array'],
    ['a value outside an enum', 'POST', '/repos/acme/env/deployments/1/statuses', { state: 'done' }, '/state must be equal to one of the allowed values'],
    ['a query parameter the operation does not take', 'GET', '/repos/acme/env/pulls?status=open', undefined, 'query parameter status is not a parameter of pulls/list'],
    ['a path parameter of the wrong type', 'GET', '/repos/acme/env/actions/runs/latest/approvals', undefined, 'path parameter run_id "latest"'],
  ])('REST: %s is a violation', async (_label, method, path, body, expected) => {
    const response = await raw(method, path, body);
    expect(response.status).toBeGreaterThanOrEqual(400);
    const caught = standIn.violations.splice(0);
    expect(caught.join('\n')).toContain(expected);
  });

  test.each([
    ['a field GitHub does not have', 'mutation { createCommitOnBranch(input: { branch: { branchName: "main" }, message: { headline: "h" }, expectedHeadOid: "0000000000000000000000000000000000000000" }) { sha } }', {}, 'Cannot query field "sha" on type "CreateCommitOnBranchPayload"'],
    ['a missing required input field', 'mutation($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid } } }', { input: { branch: { branchName: 'main' }, message: { headline: 'h' } } }, 'Field "expectedHeadOid" of required type "GitObjectID!" was not provided'],
    ['a malformed GitObjectID', 'mutation($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid } } }', { input: { branch: { branchName: 'main' }, message: { headline: 'h' }, expectedHeadOid: 'main' } }, 'GitObjectID must be a full commit id'],
    ['file contents that are not base64', 'mutation($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid } } }', { input: { branch: { branchName: 'main' }, message: { headline: 'h' }, expectedHeadOid: 'a'.repeat(40), fileChanges: { additions: [{ path: 'a', contents: 'not base64!' }] } } }, 'Base64String must be base64'],
  ])('GraphQL: %s is a violation', async (_label, query, variables, expected) => {
    const response = await raw('POST', '/graphql', { query, variables });
    const answer = (await response.json()) as { errors?: unknown[] };
    expect(answer.errors?.length).toBeGreaterThan(0);
    const caught = standIn.violations.splice(0);
    expect(caught.join('\n')).toContain(expected);
  });

  test('a request without the token is a violation', async () => {
    const response = await fetch(`${standIn.url}/repos/acme/env/pulls`);
    expect(response.status).toBe(401);
    expect(standIn.violations.splice(0)).toEqual(['GET /repos/acme/env/pulls: sent without the token']);
  });

  test('a response that does not match the description is a violation too', async () => {
    // A pull request whose title is not a string: the stand-in's own answer is checked.
    standIn.state.pullRequests.push({ ...standIn.state.pullRequests[0]!, number: 999, head: 'broken', title: 42 as unknown as string });
    try {
      await raw('GET', '/repos/acme/env/pulls?state=open&head=acme:broken');
      expect(standIn.violations.splice(0).join('\n')).toContain('response 200 body: /0/title must be string');
    } finally {
      standIn.state.pullRequests.pop();
    }
  });
});
