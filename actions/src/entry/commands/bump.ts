import { GitEnvRepo, printWarning, redactUrl } from '../../adapters/git.js';
import type { BumpResult } from '../../core/bump.js';
import { checkBumpRequest, type BumpRequest } from '../../core/bump-request.js';
import { givenImage, imageParts } from '../../core/image-ref.js';
import { BLOCKLIST_FILE, CONFIG_FILE } from '../../core/env-repo-files.js';
import { reportRetries, type WriteOptions } from '../../core/env-repo-writer.js';
import type { MergeMethod } from '../../adapters/github.js';
import { writePhase, writerPhases, type PhaseHook } from './phases.js';
import { code, fenced } from '../../core/markdown.js';
import { changeBranch, checkDelivery, deliver, refusedProposal, type CommitVia, type DeliveryMode, type GitHubTarget } from '../delivery.js';

export interface BumpOptions extends BumpRequest {
  repo: string;
  branch: string;
  dryRun: boolean;
  maxAttempts?: number;
  /** Progress lines (lost races and their backoff). */
  progress?: (line: string) => void;
  /** Called as the command enters each phase (the actions give each its own log group); the CLI passes none. */
  phase?: PhaseHook;
  writeOptions?: WriteOptions;
  /** How the change reaches the branch: pushed (default) or proposed in a pull request. */
  mode?: DeliveryMode;
  /** Who makes the commit: git (default), or GitHub's API (the commit signed by GitHub). */
  commitVia?: CommitVia;
  /** The env repo on GitHub: needed for `mode: pull-request` and `commit-via: api`. */
  github?: GitHubTarget;
  pullRequest?: { labels?: readonly string[]; draft?: boolean; autoMerge?: MergeMethod };
}

export interface BumpOutput extends BumpResult {
  status: 'succeeded' | 'skipped' | 'planned';
  repo: string;
  branch: string;
  /** The commit made; for `skipped` and `planned`, the head that was read. */
  commit: string;
  attempts: number;
  commitUrl?: string;
  pullRequestUrl?: string;
  pullRequestNumber?: number;
  /** Pull-request mode: why the change was not proposed (a proposal of it was turned down). */
  notice?: string;
}

export async function runBump(given: BumpOptions): Promise<BumpOutput> {
  // Without the white space around it, as the action reads its input: the CLI pins the same image.
  const options = { ...given, image: givenImage(given.image) };
  checkBumpRequest(options); // bad input fails before anything is fetched
  checkDelivery({ mode: options.mode, commitVia: options.commitVia, ...(options.github ? { github: options.github } : {}), ...(options.pullRequest?.autoMerge ? { autoMerge: options.pullRequest.autoMerge } : {}) });
  // ferry.yaml, and (in the background, while ferry.yaml is parsed) the directory <env>/<app>/,
  // where most layouts keep the app's manifest for the environment, and base/<app>/, where most
  // kustomize layouts keep what the overlay builds on (the bump follows it: a pin that is never
  // deployed is refused): guesses that cost a small listing or two when wrong, read in the
  // rounds that fetch the first (nothing when the repository has no base/).
  const phase = options.phase ?? (() => {});
  phase('Read the env repo');
  // (A --repo that is a working clone of another repository is warned of in the result's `warning`,
  // or on stderr when the command fails.)
  let cloneWarning: string | undefined;
  const opening = GitEnvRepo.open({ repo: options.repo, branch: options.branch, readAhead: [CONFIG_FILE, BLOCKLIST_FILE, `${options.env}/${options.app}/`, `base/${options.app}/`], progress: options.progress, warn: (w) => (cloneWarning = w) });
  // The clone is under way: the code that reads ferry.yaml and edits YAML loads meanwhile.
  const planning = import('../../core/bump.js');
  planning.catch(() => {}); // awaited below, once the clone is there
  const repo = await opening;
  try {
    repo.readHeadAhead(); // (the files it plans with are fetched while the last of that code loads)
    const { planBump } = await planning;
    const common = { repo: redactUrl(repo.url), branch: options.branch };
    const warned = (result: BumpResult): BumpResult => (cloneWarning === undefined ? result : { ...result, warning: [cloneWarning, result.warning].filter(Boolean).join('; ') });
    if (options.dryRun) {
      const head = await repo.head();
      phase('Plan the pin');
      const planned = await planBump(head, options);
      return { status: planned.write ? 'planned' : 'skipped', ...common, commit: head.commit, attempts: 1, ...warned(planned.result) };
    }
    const phases = writerPhases(phase, { plan: 'Plan the pin', write: writePhase(options.mode, options.commitVia) });
    const outcome = await deliver(repo, async (snapshot) => {
      phases.plan();
      const planned = await planBump(snapshot, options);
      if (planned.write) phases.write();
      return planned;
    }, {
      mode: options.mode ?? 'push',
      commitVia: options.commitVia ?? 'git',
      ...(options.github ? { github: options.github } : {}),
      branchName: (result) => changeBranch(result.env, result.app, result.digest),
      pullRequest: { ...options.pullRequest, body: bumpPullRequestBody },
      writeOptions: {
        ...options.writeOptions,
        ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
        onRetry: reportRetries(options.progress, options.maxAttempts),
      },
    });
    const links = {
      ...(outcome.commitUrl ? { commitUrl: outcome.commitUrl } : {}),
      ...(outcome.pullRequestUrl ? { pullRequestUrl: outcome.pullRequestUrl, pullRequestNumber: outcome.pullRequestNumber } : {}),
      ...(outcome.notice ? { notice: outcome.notice } : {}),
    };
    return { status: outcome.status, ...common, commit: outcome.commit, attempts: outcome.attempts, ...warned(outcome.result), ...links };
  } catch (error) {
    // (Held for the result, the warning would go with it: a stale clone is most likely why it failed.)
    if (cloneWarning !== undefined) printWarning(cloneWarning);
    // Refused (the digest is blocked) in pull-request mode: a proposal of this very change, made
    // before the block, must not merge it either.
    // (RefusedError by its name: core/blocklist.js, with the YAML code, loads while the clone runs.)
    if (error instanceof Error && error.name === 'RefusedError' && options.mode === 'pull-request' && options.github) {
      const digest = imageParts(options.image).digest;
      // (A failure to turn its auto-merge off is said in the refusal, which stays the error: its message begins with the refusal's.)
      const done = digest ? await refusedProposal(options.github, changeBranch(options.env, options.app, digest), options.branch, error.message).then((text) => text && `${error.message}; ${text}`, (failure: unknown) => (failure as Error).message) : undefined;
      if (done) error.message = done;
    }
    throw error;
  } finally {
    await repo.close();
  }
}

/**
 * The pull request's description of a bump: what is pinned where, and the diff. Every value from
 * the env repo or the request is shown as code (an inline code span, a fence longer than any run
 * of backticks in the diff): nothing in a manifest or an image reference renders as markdown.
 */
export function bumpPullRequestBody(result: BumpResult): string {
  return [
    `Ferry pins ${code(result.image)} for ${code(result.app)} in ${code(result.env)}.`,
    '',
    `Before: ${result.previousImage ? code(result.previousImage) : '(nothing pinned)'}`,
    '',
    fenced(result.diff, 'diff'),
    '',
  ].join('\n');
}
