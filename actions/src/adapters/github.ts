/**
 * GitHub's API, as Ferry uses it: pull requests for changes that go through review, deployments
 * and their statuses, the approvals of a run's environment, and commits made by GitHub itself
 * (createCommitOnBranch: signed by GitHub, compare-and-swap on the branch head). One Octokit with
 * plugin-retry (5xx) and plugin-throttling (rate limits), both bounded. The token is sent to
 * GitHub and nowhere else: it never appears in a log line or an error.
 */
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { NonFastForwardError } from '../core/env-repo-writer.js';
import { ConfigurationError } from '../core/errors.js';
import { MAX_PULL_REQUEST_BODY } from '../core/markdown.js';
import type { PullRequestReview, RunApproval } from '../core/approvals.js';

export type MergeMethod = 'merge' | 'squash' | 'rebase';
export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error';

export interface GitHubRetryOptions {
  /** Retries of a request refused for a rate limit (primary or secondary). Default 3. */
  rateLimit?: number;
  /** Retries of a 5xx answer (and of GraphQL's "Something went wrong"). Default 3. */
  serverError?: number;
  /** A wait GitHub states in seconds (retry-after, the rate limit's reset) lasts this many ms per second. Default 1000. */
  unitMs?: number;
  /** A rate limit that lifts later than this (seconds) fails at once instead of waiting. Default 300. */
  maxWaitSeconds?: number;
  /**
   * The gap between two writes (and GraphQL calls), which GitHub asks integrators to keep to stay
   * clear of secondary rate limits. Default: plugin-throttling's own (1000 ms; 3000 ms between
   * writes that notify people, such as opening a pull request). Set, it is the gap for both.
   */
  writeSpacingMs?: number;
}

export interface GitHubOptions {
  token: string;
  /** REST API root. Default: GITHUB_API_URL, else https://api.github.com. */
  baseUrl?: string;
  /** GraphQL endpoint. Default: GITHUB_GRAPHQL_URL, else derived from baseUrl by Octokit. */
  graphqlUrl?: string;
  /** Where retries and warnings are told (never with the token). */
  log?: (line: string) => void;
  retries?: GitHubRetryOptions;
}

export interface PullRequestInfo {
  url: string;
  number: number;
  nodeId: string;
  /** The branch's commit the pull request shows. */
  headSha: string;
  /** Whether auto-merge is already enabled. */
  autoMerge: boolean;
  /** The auto-merge that is enabled, when one is: its method and the message GitHub is to give its commit. */
  autoMergeRequest?: AutoMergeRequest;
}

/** An auto-merge enabled on a pull request (GitHub's auto_merge): method, and the merge or squash commit's message. */
export interface AutoMergeRequest {
  method: MergeMethod;
  headline: string;
  body: string;
}

export interface OpenPullRequestRequest {
  owner: string;
  repo: string;
  /** The branch with the change (in `owner/repo`). */
  head: string;
  base: string;
  title: string;
  body: string;
  labels: readonly string[];
  draft?: boolean;
  /** Enables auto-merge with this method (on a new or reused pull request). */
  autoMerge?: MergeMethod;
  /**
   * The message of the commit auto-merge makes (merge or squash): Ferry's own, trailers and all, so
   * that the commit that lands on the base branch records the change as the branch's commit does.
   */
  mergeMessage?: { headline: string; body: string };
}

export interface OpenedPullRequest {
  url: string;
  number: number;
  nodeId: string;
  /** An open pull request for the same head branch was found and updated instead of opening one. */
  reused: boolean;
  /** The auto-merge enabled on it now, if any (as found, or as openPullRequest enabled it). */
  autoMergeRequest?: AutoMergeRequest;
}

/** A pull request review with the commit it was given on (a review of an older head is stale). */
export type PullRequestReviewOnCommit = PullRequestReview & { commit_id: string | null };

/** What a commit changes against its merge base with another (GET /repos/{owner}/{repo}/compare/{base}...{head}). */
export interface Comparison {
  /** The merge base of the two commits. */
  mergeBase: string;
  /** How many commits the head has that the base has not (GitHub's total_commits). */
  aheadBy: number;
  /** The first of those commits (oldest first), with its parents and message: GitHub's first page of one. */
  commits: ComparedCommit[];
  /** Every path the head changes against the merge base (a rename: both paths). */
  paths: string[];
  /** False when GitHub cut the list of files short (it lists at most 300): the paths are not all known. */
  complete: boolean;
}

/** A commit of a comparison. */
export interface ComparedCommit {
  sha: string;
  parents: string[];
  message: string;
}

export interface FileAddition {
  path: string;
  /** UTF-8 text; sent base64-encoded. */
  contents: string;
}

export interface CreateCommitOnBranchRequest {
  /** `owner/repo`. */
  repositoryNameWithOwner: string;
  branchName: string;
  /** The head the change was computed on: GitHub refuses the commit when the branch is elsewhere. */
  expectedHeadOid: string;
  headline: string;
  body?: string;
  additions?: readonly FileAddition[];
  deletions?: readonly { path: string }[];
}

/** A pull request that is closed: merged, or closed without being merged. */
export interface ClosedPullRequest {
  url: string;
  number: number;
  merged: boolean;
  body: string;
}

/** The calls Ferry makes to GitHub. */
export interface GitHub {
  findOpenPullRequest(request: { owner: string; repo: string; head: string; base: string }): Promise<PullRequestInfo | undefined>;
  /** The last pull request from `head` into `base` that was closed, if any (the one with the highest number). */
  lastClosedPullRequest(request: { owner: string; repo: string; head: string; base: string }): Promise<ClosedPullRequest | undefined>;
  openPullRequest(request: OpenPullRequestRequest): Promise<OpenedPullRequest>;
  /**
   * `message`: the merge or squash commit's (a rebase keeps the branch's commits as they are).
   * `expectedHeadOid`: GitHub enables it only while the pull request's head is that commit.
   */
  enableAutoMerge(pullRequestNodeId: string, method: MergeMethod, message?: { headline: string; body: string }, expectedHeadOid?: string): Promise<void>;
  /** Turns off the auto-merge enabled on a pull request. */
  disableAutoMerge(pullRequestNodeId: string): Promise<void>;
  createDeployment(request: { owner: string; repo: string; ref: string; environment: string; description: string; payload: Record<string, unknown> }): Promise<{ id: number; url: string }>;
  setDeploymentStatus(request: {
    owner: string;
    repo: string;
    deploymentId: number;
    state: DeploymentState;
    environmentUrl?: string;
    logUrl?: string;
    description: string;
  }): Promise<void>;
  runApprovals(request: { owner: string; repo: string; runId: number }): Promise<RunApproval[]>;
  /** Each review with the commit it was given on (`commit_id`). */
  pullRequestReviews(request: { owner: string; repo: string; pullNumber: number }): Promise<PullRequestReviewOnCommit[]>;
  /** What commit `head` changes against its merge base with commit `base` (both commit ids). */
  compare(request: { owner: string; repo: string; base: string; head: string }): Promise<Comparison>;
  /** A file's text at commit `ref`; undefined when there is no such file (or it is not a file). */
  fileAt(request: { owner: string; repo: string; path: string; ref: string }): Promise<string | undefined>;
  /** Commits on the branch through GitHub; returns the new commit's id. A stale expectedHeadOid throws NonFastForwardError. */
  createCommitOnBranch(request: CreateCommitOnBranchRequest): Promise<string>;
  /** Creates `branch` at `sha`. Throws NonFastForwardError when the branch already exists (another writer made it). */
  createBranch(request: { owner: string; repo: string; branch: string; sha: string }): Promise<void>;
  /** Moves `branch` to `sha`, whatever it holds (a change branch of Ferry's own, made anew on its base). */
  resetBranch(request: { owner: string; repo: string; branch: string; sha: string }): Promise<void>;
  /** Deletes `branch` (a temporary one of Ferry's own). */
  deleteBranch(request: { owner: string; repo: string; branch: string }): Promise<void>;
  /** Closes a pull request without merging it, its description ending with `note`. */
  closePullRequest(request: { owner: string; repo: string; number: number; note: string }): Promise<void>;
  /** Adds a comment to a pull request (its conversation: POST /repos/{owner}/{repo}/issues/{number}/comments). */
  commentOnPullRequest(request: { owner: string; repo: string; number: number; body: string }): Promise<void>;
}

/** A call to GitHub failed for a reason other than a lost race. */
export class GitHubError extends Error {
  constructor(
    message: string,
    /** The HTTP status, when GitHub answered. */
    readonly status: number | undefined,
    /** GraphQL error types (`NOT_FOUND`, `UNPROCESSABLE`, …), when GraphQL answered with errors. */
    readonly types: readonly string[] = [],
  ) {
    super(message);
    this.name = 'GitHubError';
  }
}

const ThrottledOctokit = Octokit.plugin(retry, throttling);
type Client = InstanceType<typeof ThrottledOctokit>;
type ThrottleOptions = NonNullable<ConstructorParameters<typeof ThrottledOctokit>[0]>['throttle'];

/** A GraphQL error as GitHub sends it: a `type` next to the message. */
interface GraphQLErrorEntry {
  message?: string;
  type?: string;
  path?: readonly (string | number)[];
}

/** What GitHub says when createCommitOnBranch's expectedHeadOid is not the branch head (type STALE_DATA). */
const STALE_HEAD = /Expected branch to point to/;
/** Where a description is cut to make room for a note added at its end. */
const CUT_SHORT = '\n\n… (cut short to make room for the note below)';

/**
 * Writes one at a time, `spacingMs` apart, as plugin-throttling's own write limiter does (the
 * plugin calls `.key(id).schedule(options, fn, ...args)` on it); here so that the gap is a setting.
 */
function writeLimiter(spacingMs: number): NonNullable<ThrottleOptions>['write'] {
  let last: Promise<unknown> = Promise.resolve();
  let lastStart = -Infinity;
  const limiter = {
    schedule<R>(...args: unknown[]): Promise<R> {
      // schedule([options,] fn, ...args)
      const rest = typeof args[0] === 'function' ? args : args.slice(1);
      const [fn, ...fnArgs] = rest as [(...a: unknown[]) => Promise<R>, ...unknown[]];
      const run = last.then(async () => {
        const wait = lastStart + spacingMs - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        lastStart = Date.now();
      }).then(() => fn(...fnArgs));
      last = run.catch(() => undefined);
      return run;
    },
  };
  return { key: () => limiter } as unknown as NonNullable<ThrottleOptions>['write'];
}

export function createGitHub(options: GitHubOptions): GitHub {
  const token = options.token;
  if (!token) throw new ConfigurationError({ field: 'github-token', message: 'a GitHub token is needed to talk to the GitHub API, found none' });
  const baseUrl = (options.baseUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, '');
  const graphqlUrl = options.graphqlUrl ?? process.env.GITHUB_GRAPHQL_URL;
  const redact = (text: string) => text.split(token).join('***');
  const log = (line: string) => options.log?.(redact(line));
  const limits = {
    rateLimit: options.retries?.rateLimit ?? 3,
    serverError: options.retries?.serverError ?? 3,
    unitMs: options.retries?.unitMs ?? 1000,
    maxWaitSeconds: options.retries?.maxWaitSeconds ?? 300,
    writeSpacingMs: options.retries?.writeSpacingMs ?? 1000,
  };

  const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    const what = `${request.method} ${request.url}`;
    if (retryCount >= limits.rateLimit) {
      log(`GitHub ${kind} on ${what}: giving up after ${retryCount} ${retryCount === 1 ? 'retry' : 'retries'}`);
      return false;
    }
    if (retryAfter > limits.maxWaitSeconds) {
      log(`GitHub ${kind} on ${what}: it lifts in ${retryAfter} s, longer than ${limits.maxWaitSeconds} s; not waiting`);
      return false;
    }
    log(`GitHub ${kind} on ${what}: retrying in ${retryAfter} s (retry ${retryCount + 1} of ${limits.rateLimit})`);
    return true;
  };

  const octokit: Client = new ThrottledOctokit({
    auth: token,
    baseUrl,
    userAgent: 'ferry',
    log: {
      debug: () => {},
      info: () => {},
      warn: (message: string) => log(`GitHub: ${message}`),
      // plugin-request-log's line for each failed request: the error that follows says it better.
      error: () => {},
    },
    retry: {
      retries: limits.serverError,
      retryAfterBaseValue: limits.unitMs,
      // Rate limits (403, 429) are plugin-throttling's; the rest of 4xx is not worth a retry.
      doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451],
    },
    throttle: {
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      retryAfterBaseValue: limits.unitMs,
      // Writes that notify people (opening a pull request) have a longer gap of their own.
      ...(options.retries?.writeSpacingMs !== undefined ? { write: writeLimiter(limits.writeSpacingMs), notifications: writeLimiter(limits.writeSpacingMs) } : {}),
    },
  });

  /** Runs one call; any failure becomes a GitHubError naming the operation, without the token. */
  async function call<R>(operation: string, run: () => Promise<R>): Promise<R> {
    try {
      return await run();
    } catch (error) {
      throw asGitHubError(operation, error, redact);
    }
  }

  async function graphql<R>(operation: string, query: string, variables: Record<string, unknown>): Promise<R> {
    return call(operation, () => octokit.graphql<R>({ query, ...variables, ...(graphqlUrl ? { url: graphqlUrl } : {}) }));
  }

  const github: GitHub = {
    async closePullRequest({ owner, repo, number, note }) {
      const pr = await call(`read pull request #${number} in ${owner}/${repo}`, () => octokit.rest.pulls.get({ owner, repo, pull_number: number }));
      // The note whole, at the end (where a later run looks for it), within what GitHub takes.
      const tail = `\n\n---\n${note}\n`;
      let before = (pr.data.body ?? '').trimEnd();
      if (before.length + tail.length > MAX_PULL_REQUEST_BODY) before = `${before.slice(0, MAX_PULL_REQUEST_BODY - tail.length - CUT_SHORT.length)}${CUT_SHORT}`;
      const body = `${before}${tail}`;
      await call(`close pull request #${number} in ${owner}/${repo}`, () => octokit.rest.pulls.update({ owner, repo, pull_number: number, state: 'closed', body }));
    },

    async findOpenPullRequest({ owner, repo, head, base }) {
      const pulls = await call(`find the open pull request of ${head} in ${owner}/${repo}`, () =>
        octokit.rest.pulls.list({ owner, repo, state: 'open', head: `${owner}:${head}`, base, per_page: 100 }));
      const pr = pulls.data.find((p) => p.head.ref === head && p.base.ref === base);
      if (!pr) return undefined;
      const auto = pr.auto_merge;
      return {
        url: pr.html_url, number: pr.number, nodeId: pr.node_id, headSha: pr.head.sha, autoMerge: auto !== null && auto !== undefined,
        ...(auto ? { autoMergeRequest: { method: auto.merge_method, headline: auto.commit_title, body: auto.commit_message } } : {}),
      };
    },

    async lastClosedPullRequest({ owner, repo, head, base }) {
      const pulls = await call(`find the closed pull requests of ${head} in ${owner}/${repo}`, () =>
        octokit.rest.pulls.list({ owner, repo, state: 'closed', head: `${owner}:${head}`, base, per_page: 100 }));
      const last = pulls.data.filter((p) => p.head.ref === head && p.base.ref === base).sort((a, b) => b.number - a.number)[0];
      return last && { url: last.html_url, number: last.number, merged: last.merged_at !== null, body: last.body ?? '' };
    },

    async openPullRequest(request) {
      const { owner, repo, head, base, title, body } = request;
      let existing = await github.findOpenPullRequest({ owner, repo, head, base });
      let reused = existing !== undefined;
      let opened: PullRequestInfo;
      if (existing) {
        const number = existing.number;
        await call(`update pull request #${number} in ${owner}/${repo}`, () => octokit.rest.pulls.update({ owner, repo, pull_number: number, title, body }));
        opened = existing;
      } else {
        try {
          const created = await call(`open a pull request from ${head} into ${base} in ${owner}/${repo}`, () =>
            octokit.rest.pulls.create({ owner, repo, head, base, title, body, draft: request.draft ?? false }));
          opened = { url: created.data.html_url, number: created.data.number, nodeId: created.data.node_id, headSha: created.data.head.sha, autoMerge: false };
        } catch (error) {
          // Another run opened it in the meantime: GitHub says so with a 422; use theirs.
          if (!(error instanceof GitHubError && error.status === 422 && /already exists/i.test(error.message))) throw error;
          existing = await github.findOpenPullRequest({ owner, repo, head, base });
          if (!existing) throw error;
          const number = existing.number;
          await call(`update pull request #${number} in ${owner}/${repo}`, () => octokit.rest.pulls.update({ owner, repo, pull_number: number, title, body }));
          opened = existing;
          reused = true;
        }
      }
      if (request.labels.length) {
        const labels = [...request.labels];
        await call(`label pull request #${opened.number} in ${owner}/${repo}`, () => octokit.rest.issues.addLabels({ owner, repo, issue_number: opened.number, labels }));
      }
      let autoMergeRequest = opened.autoMergeRequest;
      if (request.autoMerge && !sameAutoMerge(autoMergeRequest, request.autoMerge, request.mergeMessage)) {
        // GitHub keeps the method and message it was first given: enabled with others, it is turned off and on again.
        if (opened.autoMerge) await github.disableAutoMerge(opened.nodeId);
        await github.enableAutoMerge(opened.nodeId, request.autoMerge, request.mergeMessage);
        autoMergeRequest = { method: request.autoMerge, headline: request.mergeMessage?.headline ?? '', body: request.mergeMessage?.body ?? '' };
      }
      return { url: opened.url, number: opened.number, nodeId: opened.nodeId, reused, ...(autoMergeRequest ? { autoMergeRequest } : {}) };
    },

    async enableAutoMerge(pullRequestNodeId, method, message, expectedHeadOid) {
      await graphql(`enable auto-merge (${method}) on pull request ${pullRequestNodeId}`, ENABLE_AUTO_MERGE, {
        pullRequestId: pullRequestNodeId,
        mergeMethod: method.toUpperCase(),
        ...(message && method !== 'rebase' ? { commitHeadline: message.headline, commitBody: message.body } : {}),
        ...(expectedHeadOid ? { expectedHeadOid } : {}),
      });
    },

    async disableAutoMerge(pullRequestNodeId) {
      await graphql(`turn off auto-merge on pull request ${pullRequestNodeId}`, DISABLE_AUTO_MERGE, { pullRequestId: pullRequestNodeId });
    },

    async createDeployment({ owner, repo, ref, environment, description, payload }) {
      const response = await call(`create a deployment of ${ref} to ${environment} in ${owner}/${repo}`, () =>
        octokit.rest.repos.createDeployment({
          owner,
          repo,
          ref,
          environment,
          description,
          payload,
          // The commit is already decided: status checks of the env repo do not block recording it.
          required_contexts: [],
          auto_merge: false,
        }));
      const data = response.data;
      if (!('id' in data)) throw new GitHubError(`create a deployment of ${ref} to ${environment} in ${owner}/${repo} failed: GitHub answered ${response.status} (${data.message ?? 'no deployment'})`, response.status);
      return { id: data.id, url: data.url };
    },

    async setDeploymentStatus({ owner, repo, deploymentId, state, environmentUrl, logUrl, description }) {
      await call(`set deployment ${deploymentId} of ${owner}/${repo} to ${state}`, () =>
        octokit.rest.repos.createDeploymentStatus({
          owner,
          repo,
          deployment_id: deploymentId,
          state,
          // GitHub refuses a description longer than 140 characters.
          description: description.length > 140 ? `${description.slice(0, 139)}…` : description,
          ...(environmentUrl !== undefined ? { environment_url: environmentUrl } : {}),
          ...(logUrl !== undefined ? { log_url: logUrl } : {}),
        }));
    },

    async runApprovals({ owner, repo, runId }) {
      const response = await call(`read the approvals of run ${runId} in ${owner}/${repo}`, () => octokit.rest.actions.getReviewsForRun({ owner, repo, run_id: runId }));
      return response.data.map((a) => ({ state: a.state, user: { login: a.user.login }, environments: a.environments.map((e) => ({ ...(e.name !== undefined ? { name: e.name } : {}) })) }));
    },

    async pullRequestReviews({ owner, repo, pullNumber }) {
      const reviews = await call(`read the reviews of pull request #${pullNumber} in ${owner}/${repo}`, () =>
        octokit.paginate(octokit.rest.pulls.listReviews, { owner, repo, pull_number: pullNumber, per_page: 100 }));
      return reviews.map((r) => ({ state: r.state, user: r.user ? { login: r.user.login } : null, submitted_at: r.submitted_at ?? null, commit_id: r.commit_id ?? null }));
    },

    async compare({ owner, repo, base, head }) {
      const response = await call(`compare ${head.slice(0, 12)} with ${base.slice(0, 12)} in ${owner}/${repo}`, () =>
        octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${base}...${head}`, per_page: 1 }));
      const files = response.data.files ?? [];
      const paths = new Set<string>();
      for (const f of files) {
        paths.add(f.filename);
        if (f.previous_filename) paths.add(f.previous_filename);
      }
      const commits = response.data.commits.map((c) => ({ sha: c.sha, parents: c.parents.map((p) => p.sha), message: c.commit.message }));
      // GitHub lists at most 300 files; a comparison with more is not all there.
      return { mergeBase: response.data.merge_base_commit.sha, aheadBy: response.data.total_commits, commits, paths: [...paths], complete: files.length < 300 };
    },

    async fileAt({ owner, repo, path, ref }) {
      try {
        const response = await call(`read ${path} at ${ref.slice(0, 12)} in ${owner}/${repo}`, () => octokit.rest.repos.getContent({ owner, repo, path, ref }));
        const data = response.data;
        if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
        return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8');
      } catch (error) {
        if (error instanceof GitHubError && error.status === 404) return undefined;
        throw error;
      }
    },

    async createCommitOnBranch(request) {
      const where = `${request.branchName} of ${request.repositoryNameWithOwner}`;
      const input = {
        branch: { repositoryNameWithOwner: request.repositoryNameWithOwner, branchName: request.branchName },
        expectedHeadOid: request.expectedHeadOid,
        message: { headline: request.headline, ...(request.body ? { body: request.body } : {}) },
        fileChanges: {
          additions: (request.additions ?? []).map((f) => ({ path: f.path, contents: Buffer.from(f.contents, 'utf8').toString('base64') })),
          deletions: (request.deletions ?? []).map((f) => ({ path: f.path })),
        },
      };
      try {
        const data = await graphql<{ createCommitOnBranch: { commit: { oid: string } | null } | null }>(`commit on ${where} through the GitHub API`, CREATE_COMMIT_ON_BRANCH, { input });
        const oid = data.createCommitOnBranch?.commit?.oid;
        if (!oid) throw new GitHubError(`commit on ${where} through the GitHub API failed: GitHub answered without a commit`, undefined);
        return oid;
      } catch (error) {
        if (error instanceof GitHubError && (error.types.includes('STALE_DATA') || STALE_HEAD.test(error.message))) {
          throw new NonFastForwardError(`${request.branchName} moved on ${request.repositoryNameWithOwner} (it is no longer at ${request.expectedHeadOid.slice(0, 12)})`);
        }
        throw error;
      }
    },

    async createBranch({ owner, repo, branch, sha }) {
      try {
        await call(`create branch ${branch} at ${sha.slice(0, 12)} in ${owner}/${repo}`, () => octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha }));
      } catch (error) {
        if (error instanceof GitHubError && error.status === 422 && /already exists/i.test(error.message)) {
          throw new NonFastForwardError(`${branch} was created on ${owner}/${repo} by another writer`);
        }
        throw error;
      }
    },

    async resetBranch({ owner, repo, branch, sha }) {
      await call(`move branch ${branch} to ${sha.slice(0, 12)} in ${owner}/${repo}`, () => octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: true }));
    },

    async deleteBranch({ owner, repo, branch }) {
      await call(`delete branch ${branch} in ${owner}/${repo}`, () => octokit.rest.git.deleteRef({ owner, repo, ref: `heads/${branch}` }));
    },

    async commentOnPullRequest({ owner, repo, number, body }) {
      await call(`comment on pull request #${number} in ${owner}/${repo}`, () => octokit.rest.issues.createComment({ owner, repo, issue_number: number, body }));
    },
  };
  return github;
}

const CREATE_COMMIT_ON_BRANCH = `mutation FerryCreateCommitOnBranch($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) {
    commit { oid url }
  }
}`;

const ENABLE_AUTO_MERGE = `mutation FerryEnableAutoMerge($pullRequestId: ID!, $mergeMethod: PullRequestMergeMethod!, $commitHeadline: String, $commitBody: String, $expectedHeadOid: GitObjectID) {
  enablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId, mergeMethod: $mergeMethod, commitHeadline: $commitHeadline, commitBody: $commitBody, expectedHeadOid: $expectedHeadOid }) {
    pullRequest { id autoMergeRequest { mergeMethod } }
  }
}`;

const DISABLE_AUTO_MERGE = `mutation FerryDisableAutoMerge($pullRequestId: ID!) {
  disablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId }) {
    pullRequest { id }
  }
}`;

/**
 * Whether the auto-merge `found` on a pull request is `method` with `message` (the merge or squash
 * commit's; a rebase makes none, so its message does not matter).
 */
export function sameAutoMerge(found: AutoMergeRequest | undefined, method: MergeMethod, message?: { headline: string; body: string }): boolean {
  if (!found || found.method !== method) return false;
  if (method === 'rebase' || !message) return true;
  return found.headline === message.headline && found.body.replace(/\r\n/g, '\n') === message.body;
}

/** A failed call as a GitHubError: the operation, GitHub's status and reason, whether a retry may help. */
function asGitHubError(operation: string, error: unknown, redact: (text: string) => string): Error {
  if (error instanceof NonFastForwardError || error instanceof GitHubError) return error;
  const e = error as { status?: unknown; message?: unknown; errors?: unknown; data?: { errors?: unknown }; response?: { data?: unknown } };
  const status = typeof e.status === 'number' ? e.status : undefined;
  // GraphqlResponseError carries `errors`; plugin-throttling's GraphQL rate limit error, `data.errors`.
  const listed = Array.isArray(e.errors) ? e.errors : Array.isArray(e.data?.errors) ? e.data.errors : undefined;
  const graphqlErrors = listed as GraphQLErrorEntry[] | undefined;
  let reason: string;
  if (graphqlErrors) {
    reason = graphqlErrors.map((g) => `${g.type ? `${g.type}: ` : ''}${g.message ?? 'unknown error'}`).join('; ');
  } else {
    const data = e.response?.data as { message?: unknown; errors?: { message?: unknown; code?: unknown }[] } | undefined;
    const details = Array.isArray(data?.errors) ? data.errors.map((d) => (typeof d.message === 'string' ? d.message : typeof d.code === 'string' ? d.code : '')).filter(Boolean) : [];
    const message = typeof data?.message === 'string' ? data.message : typeof e.message === 'string' ? e.message : String(error);
    reason = [message, ...details].join(': ');
  }
  const types = (graphqlErrors ?? []).map((g) => g.type).filter((t): t is string => typeof t === 'string');
  const transient = types.includes('RATE_LIMITED') || (status !== undefined && (status >= 500 || status === 429 || (status === 403 && /rate limit/i.test(reason))));
  const hint = transient ? ' (a later run may succeed)' : status === undefined && !graphqlErrors ? ' (GitHub could not be reached; a retry may help)' : '';
  return new GitHubError(redact(`${operation} failed: ${status !== undefined ? `${status} ` : ''}${reason}${hint}`), status, types);
}
