/**
 * How a change reaches the env repo. `push`: writeChange on the branch (DESIGN.md, "Writing to the
 * environment repository"). `pull-request`: the change is computed on the base branch's head,
 * committed on a branch of its own (`ferry/<env>/<app>-<short digest>`: one per change), and a pull
 * request proposes it; a re-run finds the branch already holding the change and the pull request
 * open, and pushes nothing. Either way the commit is made by git (`commit-via: git`) or by GitHub
 * (`commit-via: api`: createCommitOnBranch, signed by GitHub, compare-and-swap on the head).
 */
import { fileDiff } from '../core/file-diff.js';
import { createHash, randomBytes } from 'node:crypto';
import { assertBranchName, type GitEnvRepo, type GitSnapshot } from '../adapters/git.js';
import { GitHubEnvRepo, splitMessage } from '../adapters/github-env-repo.js';
import type { ClosedPullRequest, GitHub, MergeMethod, OpenedPullRequest, PullRequestInfo } from '../adapters/github.js';
import {
  NonFastForwardError,
  RetriesExhaustedError,
  backoffCeiling,
  defaultWriteOptions,
  oneChangePerFile,
  writeChange,
  type EnvRepoSnapshot,
  type FileChange,
  type Planned,
  type WriteOptions,
} from '../core/env-repo-writer.js';
import { ConfigurationError, quote } from '../core/errors.js';
import { PIN_ACTIONS, trailerList, unpassedGates, type TrailerValues } from '../core/trailers.js';
import { BLOCKLIST_FILE } from '../core/env-repo-files.js';
import { cell, code, cutShort } from '../core/markdown.js';

export const DELIVERY_MODES = ['push', 'pull-request'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];
export const COMMIT_VIA = ['git', 'api'] as const;
export type CommitVia = (typeof COMMIT_VIA)[number];
export const MERGE_METHODS = ['merge', 'squash', 'rebase'] as const;

/** The env repo on GitHub, and the client that talks to it. */
export interface GitHubTarget {
  client: GitHub;
  owner: string;
  repo: string;
  /** For commit links. Default: GITHUB_SERVER_URL, else https://github.com. */
  serverUrl?: string;
}

export interface PullRequestOptions<T> {
  /** Default: the commit's subject. */
  title?: string | ((result: T) => string);
  /** Default: the commit message's body (its trailers). */
  body?: (result: T) => string;
  labels?: readonly string[];
  draft?: boolean;
  autoMerge?: MergeMethod;
}

export interface DeliveryOptions<T> {
  mode: DeliveryMode;
  commitVia: CommitVia;
  /** Needed for `pull-request` and for `commit-via: api`. */
  github?: GitHubTarget;
  /** The branch a change is proposed on (pull-request mode); see changeBranch(). */
  branchName?: (result: T) => string;
  pullRequest?: PullRequestOptions<T>;
  writeOptions?: WriteOptions;
}

/**
 * The note Ferry adds to a pull request it closes because the change it proposed landed another
 * way (promoted with its reviews recorded): such a proposal was not turned down.
 */
export const LANDED_NOTE = 'Promoted with its reviews recorded as Ferry-Approved-By by commit';

export interface Delivery<T> {
  /**
   * `skipped`: the change was already in place (on the branch, or proposed in an open pull
   * request), or a pull request that proposed it was closed without being merged (see `notice`).
   */
  status: 'succeeded' | 'skipped';
  /** The commit with the change (made now, or found in place). */
  commit: string;
  commitUrl?: string;
  /** The branch that commit is on: the env repo's branch, or the pull request's. */
  branch: string;
  pullRequestUrl?: string;
  pullRequestNumber?: number;
  /**
   * With pullRequest.autoMerge: `held` when it is not enabled: the proposal awaits its approvals, or
   * merging by rebase would land a commit that records a gate as not passed (see `notice`);
   * `refused` when GitHub would not enable it (see `notice`: the proposal is made all the same).
   */
  autoMerge?: 'enabled' | 'held' | 'refused';
  /**
   * What the user must know of how the proposal lands (its commit records gates as not passed), or
   * why it was not proposed (turned down before).
   */
  notice?: string;
  attempts: number;
  result: T;
}

/** The branch of one change: `ferry/<env>/<app>-<first 12 hex digits of the digest>`. */
export function changeBranch(env: string, app: string, digest: string): string {
  return `ferry/${env}/${app}-${digest.replace(/^sha256:/, '').slice(0, 12)}`;
}

/**
 * The branch of a change of several apps (a promotion): one app's is changeBranch(); several
 * share `ferry/<env>/promote-<12 hex digits naming the set of app@digest>`.
 */
export function changesBranch(env: string, changes: readonly { app: string; digest: string }[]): string {
  if (changes.length === 1) return changeBranch(env, changes[0]!.app, changes[0]!.digest);
  const key = changes.map((c) => `${c.app}@${c.digest}`).sort().join('\n');
  return `ferry/${env}/promote-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

/** Checks the delivery settings (action inputs) before anything is fetched. */
export function checkDelivery(options: { mode?: string; commitVia?: string; github?: GitHubTarget; autoMerge?: string }): void {
  if (options.mode !== undefined && !(DELIVERY_MODES as readonly string[]).includes(options.mode)) {
    throw new ConfigurationError({ field: 'mode', message: `expected one of ${DELIVERY_MODES.join(', ')}, found ${quote(options.mode)}` });
  }
  if (options.commitVia !== undefined && !(COMMIT_VIA as readonly string[]).includes(options.commitVia)) {
    throw new ConfigurationError({ field: 'commit-via', message: `expected one of ${COMMIT_VIA.join(', ')}, found ${quote(options.commitVia)}` });
  }
  if (options.autoMerge !== undefined && !(MERGE_METHODS as readonly string[]).includes(options.autoMerge)) {
    throw new ConfigurationError({ field: 'auto-merge', message: `expected one of ${MERGE_METHODS.join(', ')}, found ${quote(options.autoMerge)}` });
  }
  const needs = options.mode === 'pull-request' ? 'mode: pull-request' : options.commitVia === 'api' ? 'commit-via: api' : undefined;
  if (needs && !options.github) throw new ConfigurationError({ field: 'github-token', message: `${needs} talks to the GitHub API and needs a token, found none` });
}

function commitUrl(github: GitHubTarget | undefined, commit: string): string | undefined {
  if (!github) return undefined;
  const server = (github.serverUrl ?? process.env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  return `${server}/${github.owner}/${github.repo}/commit/${commit}`;
}

/** Makes the change computed by `compute` reach the env repo `repo` (opened on the base branch). */
export async function deliver<T>(
  repo: GitEnvRepo,
  compute: (snapshot: EnvRepoSnapshot) => Promise<Planned<T>>,
  options: DeliveryOptions<T>,
): Promise<Delivery<T>> {
  checkDelivery({ mode: options.mode, commitVia: options.commitVia, ...(options.github ? { github: options.github } : {}), ...(options.pullRequest?.autoMerge ? { autoMerge: options.pullRequest.autoMerge } : {}) });
  const github = options.github;
  if (options.mode === 'pull-request') return proposeChange(repo, compute, options, github!);
  const target = options.commitVia === 'api' ? new GitHubEnvRepo(repo, github!.client, { owner: github!.owner, repo: github!.repo }) : repo;
  const outcome = await writeChange(target, compute, options.writeOptions);
  const url = commitUrl(github, outcome.commit);
  return { status: outcome.status, commit: outcome.commit, ...(url ? { commitUrl: url } : {}), branch: repo.branch, attempts: outcome.attempts, result: outcome.result };
}

/** Whether `snapshot` already has every file as `files` would write it. */
async function holds(snapshot: GitSnapshot, files: readonly FileChange[]): Promise<boolean> {
  await snapshot.prefetch(files.map((f) => f.path));
  for (const f of files) if ((await snapshot.readFile(f.path)) !== f.content) return false;
  return true;
}

/** What the existing change branch holds against the base head, asked of GitHub (compare), which sees the whole history whatever the clone's depth. */
interface FoundBranch {
  /**
   * The paths it changes against its merge base with the base head that are not the planned
   * change's: such a branch holds someone else's work, and Ferry neither adopts it (its trailers
   * would label that work) nor adds to it.
   */
  foreign: string[];
  mergeBase: string;
  /** Whether it has commits the base has not. */
  ahead: boolean;
  /**
   * Why it is not Ferry's one commit of this change on a commit of the base, when it is not: more
   * commits, a merge, another message. Such a branch is made anew: merged by rebase or merge, its
   * commits would land as they are.
   */
  notOwn?: string;
  /** Whether notOwn is of the commit's message alone (a branch behind its base records another previous image). */
  notOwnRecord?: boolean;
}

async function inspectBranch(github: GitHubTarget, base: string, head: string, files: readonly FileChange[], message: string): Promise<FoundBranch> {
  if (base === head) return { foreign: [], mergeBase: base, ahead: false };
  const planned = new Set(files.map((f) => f.path));
  const comparison = await github.client.compare({ owner: github.owner, repo: github.repo, base, head });
  const foreign = comparison.paths.filter((p) => !planned.has(p)).sort();
  if (!comparison.complete) foreign.push('(and more: GitHub lists at most 300 changed files)');
  const found = { foreign, mergeBase: comparison.mergeBase, ahead: comparison.aheadBy > 0 };
  if (!found.ahead) return found;
  const first = comparison.commits[0];
  const notOwn = comparison.aheadBy > 1 ? `${comparison.aheadBy} commits, where Ferry makes one`
    : first?.sha !== head ? `commit ${head.slice(0, 12)}, which GitHub does not list as its own`
    : first.parents.length !== 1 ? `commit ${head.slice(0, 12)}, a merge`
    : undefined;
  if (notOwn) return { ...found, notOwn };
  const record = recordMismatch(first!.message, message, head);
  return { ...found, ...(record ? { notOwn: record, notOwnRecord: true } : {}) };
}

/** The paragraphs of a message before its last (the trailers), its Ferry trailers, as lines. */
function messageParts(message: string): { text: string; trailers: string[] } {
  const normal = message.replace(/\r\n/g, '\n').trimEnd();
  const cut = normal.lastIndexOf('\n\n');
  return { text: (cut < 0 ? normal : normal.slice(0, cut)).trimEnd(), trailers: [...trailerList(normal)].flatMap(([k, values]) => values.map((v) => `${k}: ${v}`)) };
}

/**
 * Why commit `sha`'s message `found` is not a record Ferry made of the plan whose message is
 * `planned`, or undefined when it is. The subject, body and trailers must be the plan's, but for
 * what a later run of the same plan records otherwise: the run (Ferry-Run), the gates' numbers and
 * verdicts (Ferry-Gate; one recorded as not passed is told by the caller), and approvals given
 * since (the commit's Ferry-Approved-By must be among the plan's: one the plan has not is no
 * record of Ferry's).
 */
function recordMismatch(found: string, planned: string, sha: string): string | undefined {
  const [f, p] = [messageParts(found), messageParts(planned)];
  const what = `commit ${sha.slice(0, 12)}`;
  if (f.text !== p.text) return `${what}, whose subject or body is not this plan's`;
  const approvals = new Set(p.trailers.filter((t) => t.startsWith('Ferry-Approved-By: ')));
  const unplanned = f.trailers.filter((t) => t.startsWith('Ferry-Approved-By: ') && !approvals.has(t));
  if (unplanned.length) return `${what}, which records ${unplanned.join(', ')}, which this plan does not`;
  const key = (t: string) => t.slice(0, t.indexOf(':'));
  const fixed = (list: string[]) => list.filter((t) => !['Ferry-Run', 'Ferry-Approved-By'].includes(key(t))).map((t) => (key(t) === 'Ferry-Gate' ? 'Ferry-Gate' : t));
  if (fixed(f.trailers).join('\n') !== fixed(p.trailers).join('\n')) return `${what}, whose trailers are not this plan's`;
  return undefined;
}

/**
 * Whether the base branch changed any planned file since `mergeBase` (where the change branch
 * left it): such a proposal no longer merges as it is (the same lines changed on both sides), or
 * would merge the plan over someone else's change of the file.
 */
async function baseChangedPlanned(github: GitHubTarget, mergeBase: string, baseHead: string, files: readonly FileChange[]): Promise<boolean> {
  if (mergeBase === baseHead) return false;
  const comparison = await github.client.compare({ owner: github.owner, repo: github.repo, base: mergeBase, head: baseHead });
  return !comparison.complete || files.some((f) => comparison.paths.includes(f.path));
}

/** One file of a planned change, as its pull request must show it: the path and Ferry's diff of it. */
export interface ProposedFile {
  path: string;
  /** fileDiff() of the file, as the plan has it. */
  diff: string;
}

/**
 * Why commit `head` (a pull request's head) is not the planned change `files` proposed against
 * `base` (a branch or commit), or undefined when it is: against its merge base with `base`, it must
 * change exactly the planned paths, each with the planned diff. Reviews of anything else are not
 * approvals of this change.
 */
export async function proposalMismatch(github: GitHubTarget, base: string, head: string, files: readonly ProposedFile[]): Promise<string | undefined> {
  if (files.length === 0) return 'the plan changes no file';
  const where = { owner: github.owner, repo: github.repo };
  const comparison = await github.client.compare({ ...where, base, head });
  if (!comparison.complete) return 'it changes more than 300 files';
  const planned = new Set(files.map((f) => f.path));
  const extra = comparison.paths.filter((p) => !planned.has(p)).sort();
  if (extra.length) return `it changes ${extra.join(', ')}, which the plan does not`;
  const missing = [...planned].filter((p) => !comparison.paths.includes(p)).sort();
  if (missing.length) return `it does not change ${missing.join(', ')}`;
  for (const f of files) {
    const [before, after] = await Promise.all([
      github.client.fileAt({ ...where, path: f.path, ref: comparison.mergeBase }),
      github.client.fileAt({ ...where, path: f.path, ref: head }),
    ]);
    if (before === undefined || after === undefined) return `${f.path} is not a file on both sides`;
    if (fileDiff(f.path, before, after) !== f.diff) return `its change of ${f.path} is not the planned one`;
  }
  return undefined;
}

/**
 * The pull request that turned this change down, if the last one closed from `branch` into `base`
 * was closed without being merged (and not by Ferry because the change landed another way), and
 * none is open now (reopened, or opened again by hand).
 */
async function turnedDown(github: GitHubTarget, branch: string, base: string): Promise<ClosedPullRequest | undefined> {
  const request = { owner: github.owner, repo: github.repo, head: branch, base };
  const last = await github.client.lastClosedPullRequest(request);
  if (!last || last.merged || last.body.includes(LANDED_NOTE)) return undefined;
  return (await github.client.findOpenPullRequest(request)) ? undefined : last;
}

/** Whether a result is a proposal still waiting for its approvals (a promotion's awaitingApproval). */
export function awaitsApproval(result: unknown): boolean {
  return typeof result === 'object' && result !== null && (result as { awaitingApproval?: unknown }).awaitingApproval === true;
}

/**
 * Pull-request mode: compute on the base head, commit on the change's branch (made from the base
 * head, or on top of the branch when it exists without the change), open or reuse the pull
 * request. A lost race (the branch created or moved by another writer) recomputes and retries,
 * with writeChange's backoff and bound.
 */
async function proposeChange<T>(
  repo: GitEnvRepo,
  compute: (snapshot: EnvRepoSnapshot) => Promise<Planned<T>>,
  options: DeliveryOptions<T>,
  github: GitHubTarget,
): Promise<Delivery<T>> {
  if (!options.branchName) throw new Error('internal: pull-request mode needs a branch name for each change');
  const w = options.writeOptions ?? {};
  const maxAttempts = Math.max(1, w.maxAttempts ?? defaultWriteOptions.maxAttempts);
  const sleep = w.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = w.random ?? Math.random;
  const now = w.now ?? (() => performance.now());
  const { owner, repo: name } = github;

  for (let attempt = 1; ; attempt++) {
    const started = now();
    const snapshot = await repo.head();
    let computed: Planned<T>;
    try {
      computed = await compute(snapshot);
    } catch (error) {
      // A change refused for a blocked digest (a promotion its blocked gate stopped) that this
      // branch proposes already: that proposal must not merge itself either.
      const stopped = blockedPlan<T>(error);
      if (stopped !== undefined) {
        // (Said as the result's notice, as of any proposal: the promotion reports the stop with its
        // plan. So is a failure to look for that proposal or to turn its auto-merge off, saying what
        // to turn off by hand: it does not replace the stop, whose step fails all the same.)
        const done = await refusedProposal(github, options.branchName(stopped), repo.branch, 'the change is stopped by its blocked gate (a blocked digest)')
          .catch((failure: unknown) => (failure as Error).message);
        if (done) Object.assign(stopped as object, { notice: done });
      }
      throw error;
    }
    const planned = oneChangePerFile(computed);
    if (!planned.write) {
      // The base already has the change: nothing to propose.
      const url = commitUrl(github, snapshot.commit);
      return { status: 'skipped', commit: snapshot.commit, ...(url ? { commitUrl: url } : {}), branch: repo.branch, attempts: attempt, result: planned.result };
    }
    const branch = options.branchName(planned.result);
    assertBranchName(branch, 'pull request branch');
    if (branch === repo.branch) throw new ConfigurationError({ field: 'pull request branch', message: `must differ from the base branch, found ${quote(branch)}` });
    try {
      // Someone closed a proposal of this same change without merging it: they turned it down.
      // Proposed again on every run (an auto-promote schedule), it would come back each time,
      // and with auto-merge could land. It stays down until it is reopened.
      const refused = await turnedDown(github, branch, repo.branch);
      if (refused) {
        const url = commitUrl(github, snapshot.commit);
        return {
          status: 'skipped',
          commit: snapshot.commit,
          ...(url ? { commitUrl: url } : {}),
          branch: repo.branch,
          pullRequestUrl: refused.url,
          pullRequestNumber: refused.number,
          notice: `not proposed: pull request #${refused.number} (${refused.url}) proposed this same change and was closed without being merged. To propose it again, reopen #${refused.number} (or open a pull request from ${branch} into ${repo.branch}) and run again`,
          attempts: attempt,
          result: planned.result,
        };
      }
      let commit: string;
      let pushed = false;
      const notes: string[] = [];
      const existing = await repo.branchHead(branch);
      const found = existing ? await inspectBranch(github, snapshot.commit, existing.commit, planned.files, planned.message) : undefined;
      // An auto-merge enabled on the branch's pull request before would merge what the branch holds
      // now: turned off before anything else is done with a branch that is not Ferry's change as it was.
      const autoMergeOff = async (why: string): Promise<string> => {
        const open = await github.client.findOpenPullRequest({ owner, repo: name, head: branch, base: repo.branch });
        if (!open?.autoMerge) return '';
        await github.client.disableAutoMerge(open.nodeId).catch((error: unknown) => {
          throw new Error(`pull request branch ${branch} ${why}, and turning off the auto-merge of pull request #${open.number} (${open.url}) failed: ${(error as Error).message}. Turn it off by hand (or close the pull request) before anything merges it`, { cause: error });
        });
        return `auto-merge of pull request #${open.number} (${open.url}) turned off`;
      };
      // The branch is Ferry's own only if all it changes is the planned change: anything else is
      // refused (not adopted, not built on), and the run fails with nothing enabled.
      if (found?.foreign.length) {
        const off = await autoMergeOff(`changes more than the planned change`);
        throw new Error(`pull request branch ${branch} (at ${existing!.commit.slice(0, 12)}) changes more than the planned change (${planned.files.map((f) => f.path).join(', ')}): it also changes ${found.foreign.join(', ')}; nothing pushed, no pull request opened or updated, auto-merge not enabled${off ? ` (${off})` : ''}. Delete the branch (or close its pull request and delete it) and run again`);
      }
      // A branch left behind a base that has since changed its files is made anew on the base's
      // head (it holds nothing but Ferry's change): as it was, it would conflict, or undo that change.
      const behind = existing !== undefined && (await baseChangedPlanned(github, found!.mergeBase, snapshot.commit, planned.files));
      // So is a branch that is not Ferry's one commit of the change on a commit of the base (someone
      // pushed to it; its commit is not the planned change, or not Ferry's record of it): merged by
      // rebase or merge, its commits would land as they are. Nothing of it is kept.
      // (Behind, its record differs from this plan's anyway: the base changed what it replaced.)
      let notOwn = behind && found?.notOwnRecord ? undefined : found?.notOwn;
      if (existing && found!.ahead && !notOwn && !behind && !(await holds(existing, planned.files))) notOwn = `commit ${existing.commit.slice(0, 12)}, which is not the planned change`;
      const remake = existing !== undefined && (behind || notOwn !== undefined);
      if (existing && !remake && (found!.ahead || (await holds(existing, planned.files)))) {
        commit = existing.commit;
      } else {
        const why = behind
          ? `proposes the change on an older ${repo.branch}, which has since changed ${planned.files.map((f) => f.path).join(', ')} too`
          : `holds ${notOwn}: it is not Ferry's one commit of this change on ${repo.branch}`;
        const off = remake ? await autoMergeOff(why) : '';
        const parent = existing && !remake ? existing.commit : snapshot.commit;
        if (options.commitVia === 'git') {
          commit = await repo.commit(parent, planned.files, planned.message);
          try {
            // (A compare-and-swap: where the branch was seen, or absent; made anew on the base, replaced.)
            await repo.pushTo(commit, branch, { expected: existing?.commit ?? '' });
          } catch (error) {
            if (!remake || error instanceof NonFastForwardError) throw error;
            // (A server that refuses to replace any branch: the proposal cannot be made anew here.)
            throw new Error(`pull request branch ${branch} ${why}, and replacing the branch with the change made on ${repo.branch}'s head failed: ${(error as Error).message}${off ? ` (${off})` : ''}. Close its pull request and delete the branch, then run again`, { cause: error });
          }
        } else if (remake) {
          commit = await remakeThroughApi(repo, github, { branch, base: snapshot.commit, files: planned.files, message: planned.message, notes });
        } else {
          if (!existing) await github.client.createBranch({ owner, repo: name, branch, sha: snapshot.commit });
          const api = new GitHubEnvRepo(repo, github.client, { owner, repo: name, branch });
          commit = await api.push(await api.commit(parent, planned.files, planned.message));
        }
        pushed = true;
        if (notOwn) notes.push(`pull request branch ${branch} held ${notOwn}; it was made anew: Ferry's commit ${commit.slice(0, 12)} of the change on ${repo.branch}'s head${off ? ` (${off} before)` : ''}`);
      }
      const pr = options.pullRequest ?? {};
      const subject = splitMessage(planned.message);
      const awaiting = awaitsApproval(planned.result);
      // A proposal reused as it was made, while its approvals were pending, records them as not
      // passed. Merged by merge or squash, GitHub is given this plan's message; rebased or merged by
      // hand, that commit lands as it is, and `ferry audit` reports it.
      const unpassed = !pushed && !awaiting ? unpassedGates(await repo.message(commit)) : [];
      const record = `its commit ${commit.slice(0, 12)} records ${unpassed.join(', ')}, as it stood when it was proposed`;
      const landAnew = 'promote again with mode push (it records the approvals and closes the pull request)';
      const rebaseHeld = unpassed.length > 0 && pr.autoMerge === 'rebase';
      if (unpassed.length && !(pr.autoMerge && !rebaseHeld)) {
        notes.push(rebaseHeld
          ? `auto-merge (rebase) is not enabled: a rebase lands the pull request's commits as they are, and ${record} (ferry audit would report it). Set auto-merge to merge or squash (GitHub is then given this promotion's message, with its approvals), or ${landAnew}`
          : `merged as it is, the pull request lands a record ferry audit reports: ${record}. To land it with its approvals recorded, ${landAnew}, or set auto-merge to merge or squash (GitHub is then given this promotion's message)`);
      }
      const held = awaiting || rebaseHeld;
      const title = typeof pr.title === 'function' ? pr.title(planned.result) : pr.title ?? subject.headline;
      const opened = await github.client.openPullRequest({
        owner,
        repo: name,
        head: branch,
        base: repo.branch,
        title,
        body: pr.body ? pr.body(planned.result) : subject.body,
        labels: pr.labels ?? [],
        ...(pr.draft !== undefined ? { draft: pr.draft } : {}),
      });
      const autoMerge = await settleAutoMerge(github, opened, { branch, base: repo.branch, commit, awaiting, held, ...(pr.autoMerge ? { method: pr.autoMerge } : {}), message: subject, notes });
      const url = commitUrl(github, commit);
      return {
        status: pushed || !opened.reused ? 'succeeded' : 'skipped',
        commit,
        ...(url ? { commitUrl: url } : {}),
        branch,
        pullRequestUrl: opened.url,
        pullRequestNumber: opened.number,
        ...(autoMerge ? { autoMerge } : {}),
        ...(notes.length ? { notice: notes.join('. Also: ') } : {}),
        attempts: attempt,
        result: planned.result,
      };
    } catch (error) {
      if (!(error instanceof NonFastForwardError)) throw error;
      if (attempt >= maxAttempts) throw new RetriesExhaustedError(attempt, error);
      repo.invalidate(); // the base may have moved too: recompute on its new head
      const delay = Math.floor(random() * backoffCeiling(attempt, now() - started, w.baseMs ?? defaultWriteOptions.baseMs, w.capMs ?? defaultWriteOptions.capMs));
      w.onRetry?.(attempt, delay, error);
      await sleep(delay);
    }
  }
}

/**
 * `commit-via: api`: the change branch made anew, as one commit of the change on the base's head,
 * in the same pull request. The commit is made on a temporary branch at the base's head, and the
 * change branch is moved onto it: pointed at the base's head even for a moment (to commit on it),
 * the branch's pull request would be seen by GitHub as merged (its head a commit of the base), and
 * closed for good. Returns the commit.
 */
async function remakeThroughApi(
  repo: GitEnvRepo,
  github: GitHubTarget,
  change: { branch: string; base: string; files: readonly FileChange[]; message: string; notes: string[] },
): Promise<string> {
  const { owner, repo: name } = github;
  // Beside the change branch, under its own name (a name under it, `<branch>/…`, cannot be a ref
  // while it is one), random so that concurrent runs do not meet.
  const temporary = `${change.branch}-tmp-${randomBytes(6).toString('hex')}`;
  await github.client.createBranch({ owner, repo: name, branch: temporary, sha: change.base });
  let failed = true;
  try {
    const api = new GitHubEnvRepo(repo, github.client, { owner, repo: name, branch: temporary });
    const commit = await api.push(await api.commit(change.base, change.files, change.message));
    await github.client.resetBranch({ owner, repo: name, branch: change.branch, sha: commit });
    failed = false;
    return commit;
  } finally {
    // Deleted whether or not the branch was moved: a step that failed on the way leaves nothing
    // behind (left, the temporary branch would outlive the run with no pull request, no owner and
    // no run that ever deletes it). Its deletion failing does not hide the failure before it.
    await github.client.deleteBranch({ owner, repo: name, branch: temporary }).catch((error: unknown) => {
      if (!failed) change.notes.push(`the temporary branch ${temporary}, on which the change was committed, could not be deleted (${(error as Error).message}): delete it by hand`);
    });
  }
}

/**
 * Makes the auto-merge of pull request `opened` what the plan wants: off while it is held (a
 * proposal awaiting its approvals is never set to merge itself: with only status checks required,
 * GitHub would merge it unapproved), else `method` with this plan's message (GitHub keeps the
 * message it was first given: one enabled with another is turned off and on again), enabled only
 * while the pull request's head is `commit`. GitHub refusing to enable it is no failure: the
 * proposal is made; a note says why it is not on and what to do.
 */
async function settleAutoMerge(
  github: GitHubTarget,
  opened: OpenedPullRequest,
  plan: { branch: string; base: string; commit: string; awaiting: boolean; held: boolean; method?: MergeMethod; message: { headline: string; body: string }; notes: string[] },
): Promise<Delivery<unknown>['autoMerge']> {
  const on = opened.autoMergeRequest;
  const where = `pull request #${opened.number} (${opened.url})`;
  if (plan.held) {
    if (on) {
      await github.client.disableAutoMerge(opened.nodeId).catch((error: unknown) => {
        throw new Error(`${where} is held (${plan.awaiting ? 'it awaits its approvals' : 'a rebase would land its commit as it is'}), and turning off the auto-merge enabled on it failed: ${(error as Error).message}. Turn it off by hand before it merges`, { cause: error });
      });
      if (!plan.method) plan.notes.push(`auto-merge of ${where} turned off: the proposal awaits its approvals`);
    }
    return plan.method ? 'held' : undefined;
  }
  if (!plan.method) return undefined;
  // (Loaded here, where the client is: the GitHub adapter, Octokit and all, is no cost of a bump that pushes.)
  const { GitHubError, sameAutoMerge } = await import('../adapters/github.js');
  if (sameAutoMerge(on, plan.method, plan.message)) return 'enabled';
  try {
    if (on) await github.client.disableAutoMerge(opened.nodeId);
    await github.client.enableAutoMerge(opened.nodeId, plan.method, plan.message, plan.commit);
    return 'enabled';
  } catch (error) {
    if (!(error instanceof GitHubError)) throw error;
    const reason = error.message;
    const how = /not allowed/i.test(reason)
      ? `Merge it by hand, or allow auto-merge in the repository's settings (General, Pull Requests: Allow auto-merge) and run again`
      : /clean status/i.test(reason)
        ? `GitHub enables auto-merge only on a pull request that waits for something: nothing required (status checks, reviews) holds this one. Merge it by hand, or require status checks on ${plan.base} (a ruleset or branch protection) and run again`
        : `Merge it by hand, or run again (auto-merge needs it allowed in the repository's settings, and required status checks or reviews on ${plan.base} to wait for)`;
    plan.notes.push(`auto-merge (${plan.method}) is not on for ${where}: GitHub refused to enable it (${reason}). The pull request proposes the change all the same. ${how}`);
    return 'refused';
  }
}

/**
 * The plan a refusal carries when a blocked digest stopped it: a promotion whose blocked gate did
 * not pass (core/promote.ts's GateError carries the plan as `result`, with its gates). Undefined
 * for any other error.
 */
function blockedPlan<T>(error: unknown): T | undefined {
  const result = (error as { result?: unknown } | null)?.result;
  if (typeof result !== 'object' || result === null) return undefined;
  const gates = (result as { gates?: unknown }).gates;
  const blocked = Array.isArray(gates) && gates.some((g: { gate?: unknown; verdict?: unknown } | null) => g?.gate === 'blocked' && g.verdict !== 'pass');
  return blocked ? (result as T) : undefined;
}

/**
 * Pull-request mode, a change refused (`why`: its digest is blocked now): the open pull request
 * from its branch `branch` into `base`, a proposal of that very change made before, is not left to
 * merge itself. Its auto-merge is turned off. Returns what the refusal is to say of it (undefined:
 * no such pull request); throws, saying what to turn off by hand, when looking for it or turning it
 * off failed: a message that begins with `why` (the callers keep their refusal, with this message).
 */
export async function refusedProposal(github: GitHubTarget, branch: string, base: string, why: string): Promise<string | undefined> {
  const open = await github.client.findOpenPullRequest({ owner: github.owner, repo: github.repo, head: branch, base }).catch((error: unknown) => {
    throw new Error(`${why}, and looking for the open pull request from ${branch}, which would propose it, failed: ${(error as Error).message}. If one is open, turn its auto-merge off by hand (or close it) before anything merges it`, { cause: error });
  });
  if (!open) return undefined;
  const where = `pull request #${open.number} (${open.url})`;
  if (!open.autoMerge) return `${where} still proposes it (auto-merge is not on): close it, merged it would pin the digest all the same`;
  await github.client.disableAutoMerge(open.nodeId).catch((error: unknown) => {
    throw new Error(`${why}, and turning off the auto-merge of ${where}, which proposes it, failed: ${(error as Error).message}. Turn it off by hand (or close the pull request) before it merges`, { cause: error });
  });
  return `auto-merge of ${where}, which proposes it, turned off: close it, merged it would pin the digest all the same`;
}

/** A proposal branch that may merge a digest just blocked (blockedProposals()). */
export interface BlockedProposal {
  /** The branch (`ferry/<env>/…`). */
  branch: string;
  /** Its head. */
  commit: string;
  /**
   * `pins`: a Ferry commit of its own pins the digest (its Ferry-Image); `unknown`: none of its
   * Ferry commits does, but some of its own commits are not Ferry's (no trailers: a hand commit, a
   * merge), and what they change their trailers cannot tell; or its own commits could not be told
   * from the base's (`unread`).
   */
  verdict: 'pins' | 'unknown';
  /** Those commits: the Ferry commits that pin the digest (`pins`), or those that are not Ferry's (`unknown`; none when `unread`). */
  commits: string[];
  /** `unknown`: why its own commits could not be told (its fork point is further back than the history read: GitEnvRepo.proposalBranches()). */
  unread?: string;
  /**
   * The actions: its open pull request (none: not there), and what was done to it: its auto-merge
   * `turned-off`, `off` before, or still `on` (turning it off failed: `error`); whether a comment says why.
   */
  pullRequest?: { number: number; url: string; autoMerge: 'turned-off' | 'off' | 'on'; commented: boolean };
  /** The actions: why its pull request could not be found, its auto-merge turned off or the comment added. */
  error?: string;
}

/**
 * Which of `branches` (each with the commits it has that the base does not) may merge `digest`:
 * those with a Ferry commit that pins it (bump, promote, rollback: a Ferry-Image of that digest),
 * and, as `unknown`, those with commits that are not Ferry's. A branch whose own commits are all
 * Ferry's and pin other digests is not one. Trailers are read as Ferry writes them (the last
 * paragraph of a message): text, as trusted as whoever pushed the branch.
 */
export function blockedProposals(branches: readonly { branch: string; commit: string; commits: readonly { commit: string; trailers: TrailerValues }[]; unread?: string }[], digest: string): BlockedProposal[] {
  const found: BlockedProposal[] = [];
  for (const b of branches) {
    if (b.unread !== undefined) {
      found.push({ branch: b.branch, commit: b.commit, verdict: 'unknown', commits: [], unread: b.unread });
      continue;
    }
    const pins: string[] = [];
    const foreign: string[] = [];
    for (const c of b.commits) {
      const action = c.trailers.get('Ferry-Action')?.[0];
      if (action === undefined) foreign.push(c.commit);
      else if (PIN_ACTIONS.has(action) && (c.trailers.get('Ferry-Image') ?? []).some((image) => image.endsWith(`@${digest}`))) pins.push(c.commit);
    }
    if (pins.length) found.push({ branch: b.branch, commit: b.commit, verdict: 'pins', commits: pins });
    else if (foreign.length) found.push({ branch: b.branch, commit: b.commit, verdict: 'unknown', commits: foreign });
  }
  return found;
}

/** What the CLI and the actions say of a proposal found by blockedProposals() (one line). */
export function blockedProposalText(p: BlockedProposal): string {
  const commits = (p.commits.length > 3 ? [...p.commits.slice(0, 3).map((c) => c.slice(0, 12)), `and ${p.commits.length - 3} more`] : p.commits.map((c) => c.slice(0, 12))).join(', ');
  const at = `branch ${p.branch} (at ${p.commit.slice(0, 12)})`;
  if (p.verdict === 'pins') return `${at} proposes the blocked digest (commit${p.commits.length > 1 ? 's' : ''} ${commits}): a pull request from it may still merge it, which the block does not stop (it refuses Ferry's bumps, promotions and rollbacks); close that pull request (or turn its auto-merge off) and delete the branch`;
  return `${unknownProposal(p, commits)}${p.unread !== undefined ? ': check it before it merges, or delete the branch' : '; check it before it merges'}`;
}

/** What is known of a proposal that cannot be told of (`unknown`), without what to do. */
function unknownProposal(p: BlockedProposal, commits = p.commits.map((c) => c.slice(0, 12)).join(', ')): string {
  const at = `branch ${p.branch} (at ${p.commit.slice(0, 12)})`;
  if (p.unread !== undefined) return `${at}: whether it pins the blocked digest is not known: ${p.unread}; a pull request from it may still merge it`;
  return `${at} has commits that are not Ferry's (${commits}): their trailers cannot tell whether it pins the blocked digest, and a pull request from it may still merge it`;
}

/**
 * The actions, after a block: each proposal that may merge the blocked digest (blockedProposals():
 * one that pins it, and one that cannot be told of, `unknown`: failing closed) whose branch has an
 * open pull request into `base` gets its auto-merge turned off and a comment that names the block
 * (`block`: the commit that made it, or the head that has it, and its reason) and, for an unknown
 * one, why it cannot be told and that auto-merge may be turned on again once checked. A failure is
 * kept on its proposal (`error`), and the others are still done. Returns the proposals with what was done.
 */
export async function stopBlockedProposals(github: GitHubTarget, base: string, proposals: readonly BlockedProposal[], block: { digest: string; commit: string; made: boolean; reason: string }): Promise<BlockedProposal[]> {
  const { owner, repo } = github;
  const done: BlockedProposal[] = [];
  for (const p of proposals) {
    let open: PullRequestInfo | undefined;
    try {
      open = await github.client.findOpenPullRequest({ owner, repo, head: p.branch, base });
    } catch (error) {
      done.push({ ...p, error: (error as Error).message });
      continue;
    }
    if (!open) {
      done.push(p);
      continue;
    }
    // Both tried, whatever the first did: a comment tells the reviewers even where auto-merge stayed on.
    const errors: string[] = [];
    let off = !open.autoMerge;
    if (open.autoMerge) await github.client.disableAutoMerge(open.nodeId).then(() => (off = true), (error: unknown) => errors.push((error as Error).message));
    const commented = await github.client.commentOnPullRequest({ owner, repo, number: open.number, body: blockComment(p, base, block, open.autoMerge && off) })
      .then(() => true, (error: unknown) => (errors.push((error as Error).message), false));
    const pullRequest = { number: open.number, url: open.url, autoMerge: open.autoMerge ? (off ? 'turned-off' : 'on') : 'off', commented } as const;
    done.push({ ...p, pullRequest, ...(errors.length ? { error: errors.join('; ') } : {}) });
  }
  return done;
}

/** The comment on a pull request that proposes a digest just blocked, or may (`unknown`). */
function blockComment(p: BlockedProposal, base: string, block: { digest: string; commit: string; made: boolean; reason: string }, turnedOff: boolean): string {
  const by = block.made ? `commit ${block.commit}` : `${code(BLOCKLIST_FILE)} (already, at ${block.commit})`;
  if (p.verdict === 'unknown') {
    const why = p.unread !== undefined
      ? `its commits could not be told from those of \`${base}\` (${cell(cutShort(p.unread, 500))})`
      : `its commit${p.commits.length > 1 ? 's' : ''} ${p.commits.slice(0, 10).map((c) => code(c.slice(0, 12))).join(', ')}${p.commits.length > 10 ? ` and ${p.commits.length - 10} more` : ''} ${p.commits.length > 1 ? 'are' : 'is'} not Ferry's (a hand commit or a merge: no trailers say what ${p.commits.length > 1 ? 'they pin' : 'it pins'})`;
    return [
      `**Ferry: this pull request may pin a blocked digest.** ${code(block.digest)} is blocked on ${code(base)} by ${by}: ${cell(cutShort(block.reason, 1000))}`,
      '',
      `Whether it pins the digest cannot be told: ${why}. A block refuses Ferry's bumps, promotions and rollbacks of the digest, not the merge of a pull request: ${turnedOff ? 'its auto-merge was turned off. ' : ''}Check what it pins before it merges${turnedOff ? '; if not the blocked digest, turn auto-merge on again' : ''}.`,
      '',
    ].join('\n');
  }
  return [
    `**Ferry: this pull request pins a blocked digest.** ${code(block.digest)} is blocked on ${code(base)} by ${by}: ${cell(cutShort(block.reason, 1000))}`,
    '',
    `Its commit${p.commits.length > 1 ? 's' : ''} ${p.commits.map((c) => code(c.slice(0, 12))).join(', ')} pin${p.commits.length > 1 ? '' : 's'} it. A block refuses Ferry's bumps, promotions and rollbacks of the digest, not the merge of a pull request: ${turnedOff ? 'its auto-merge was turned off. ' : ''}Do not merge it; close it (a new proposal needs another digest, or the digest unblocked).`,
    '',
  ].join('\n');
}

/**
 * The actions, after a block lands (`block`: the digest, the commit that has it and its reason): the
 * proposals that pin the digest get their pull requests' auto-merge turned off and a comment
 * (stopBlockedProposals(); with `github`, the env repo on GitHub with a token, else nothing is done
 * on GitHub). Returns them with what was done, and a warning for each proposal.
 */
export async function settleBlockedProposals(github: GitHubTarget | undefined, base: string, proposals: readonly BlockedProposal[], block: { digest: string; commit: string; made: boolean; reason: string }): Promise<{ proposals: BlockedProposal[]; warnings: string[] }> {
  const settled = github && proposals.length ? await stopBlockedProposals(github, base, proposals, block) : [...proposals];
  const warnings = settled.map((p) => {
    if (!github) return `${blockedProposalText(p)} (its pull request is not looked at: the env repo is not on this run's GitHub server, or no github-token)`;
    const pins = p.verdict === 'pins';
    const what = pins ? `branch ${p.branch} (at ${p.commit.slice(0, 12)}) proposes the blocked digest` : unknownProposal(p);
    const pr = p.pullRequest;
    if (!pr) {
      if (p.error) return `${what}, and its open pull request could not be looked for: ${p.error}`;
      return pins ? `${what}, with no open pull request into ${base}: delete the branch (a pull request from it would merge the digest)` : `${what}; it has no open pull request into ${base}: check it before one is opened, or delete the branch`;
    }
    const where = `pull request #${pr.number} (${pr.url})`;
    const auto = pr.autoMerge === 'turned-off' ? `auto-merge of ${where} turned off` : pr.autoMerge === 'off' ? `${where} is open (auto-merge was not on)` : `the auto-merge of ${where} is still on`;
    const todo = pins ? 'close it and delete the branch' : `check what it pins before it merges${pr.autoMerge === 'turned-off' ? ' (then turn auto-merge on again if not the blocked digest)' : ''}`;
    return `${what}: ${auto}${pr.commented ? ', and a comment says why' : ', no comment added'}${p.error ? ` (${p.error})` : ''}; ${todo}`;
  });
  return { proposals: settled, warnings };
}

/**
 * Why a block action's step fails although the block landed: proposals of the digest whose pull
 * requests could not be settled (stopBlockedProposals()), or branches that could not be read, each
 * with what to do by hand. Undefined when nothing is left to do.
 */
export function blockedProposalsFailure(result: { digest: string; proposals?: readonly BlockedProposal[]; proposalsUnread?: string }): string | undefined {
  const parts = (result.proposals ?? []).filter((p) => p.error).map((p) => {
    const pr = p.pullRequest;
    if (!pr) return `look for the open pull request from ${p.branch} by hand and turn its auto-merge off, or close it (${p.error})`;
    const where = `pull request #${pr.number} (${pr.url})`;
    return pr.autoMerge === 'on' ? `turn off the auto-merge of ${where} by hand, or close it (${p.error})` : `tell the reviewers of ${where} by hand, or close it: the comment could not be added (${p.error})`;
  });
  if (result.proposalsUnread !== undefined) parts.push(`the proposal branches (ferry/*) could not be read (${result.proposalsUnread}): look for pull requests that pin ${result.digest} and turn their auto-merge off, or close them`);
  return parts.length ? `${result.digest} is blocked (the block stands), but a pull request may still merge it: ${parts.join('; ')}` : undefined;
}
