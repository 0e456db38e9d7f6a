import { GitEnvRepo, redactUrl } from '../../adapters/git.js';
import { BLOCKLIST_FILE, checkBlockRequest, planBlock, type BlockRequest, type BlockResult } from '../../core/blocklist.js';
import { CONFIG_FILE } from '../../core/env-repo-config.js';
import { givenImage } from '../../core/image-ref.js';
import { reportRetries, writeChange } from '../../core/env-repo-writer.js';
import { writerPhases, type PhaseHook } from './phases.js';
import { blockedProposalText, blockedProposals, type BlockedProposal } from '../delivery.js';

export { stillPinnedText, unreadableText } from '../../core/blocklist.js';

export interface BlockOptions extends BlockRequest {
  repo: string;
  branch: string;
  progress?: (line: string) => void;
  /** Called as the command enters each phase (the actions give each its own log group); the CLI passes none. */
  phase?: PhaseHook;
}

export interface BlockOutput extends BlockResult {
  status: 'succeeded' | 'skipped';
  repo: string;
  branch: string;
  /** The commit made; for `skipped`, the head that was read. */
  commit: string;
  attempts: number;
  /**
   * A block: the proposal branches (`ferry/…`) that may still merge the digest (blockedProposals()):
   * a block refuses Ferry's bumps, promotions and rollbacks, not the merge of a pull request.
   */
  proposals?: BlockedProposal[];
  /** A block whose proposal branches could not be read: why (the block stands). */
  proposalsUnread?: string;
}

/** `ferry block` / `ferry unblock`: one commit that adds or removes a blocked.yaml entry. */
export async function runBlock(given: BlockOptions): Promise<BlockOutput> {
  // Without the white space around it, as the action reads its input: the CLI blocks the same image.
  const options = { ...given, image: givenImage(given.image) };
  checkBlockRequest(options); // bad input fails before anything is fetched
  const phase = options.phase ?? (() => {});
  phase('Read the env repo');
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, readAhead: [CONFIG_FILE, BLOCKLIST_FILE], progress: options.progress, ...(options.progress ? { warn: (w: string) => options.progress!(`warning: ${w}`) } : {}) });
  try {
    const phases = writerPhases(phase, { plan: `Plan the ${options.action}`, write: 'Commit with git and update the branch' });
    const outcome = await writeChange(repo, async (snapshot) => {
      phases.plan();
      // The entry's `at:` is the date its commit bears: GIT_COMMITTER_DATE's where it fixes one
      // (read only for an entry written: a block in place already commits nothing).
      const planned = await planBlock(snapshot, { ...options, now: () => repo.committerDate() ?? options.now?.() ?? new Date() });
      if (planned.write) phases.write();
      return planned;
    }, {
      onRetry: reportRetries(options.progress),
    });
    // A block covers the digest for every app: what another app's entry means here is said (and in --json, `notice`).
    if (outcome.result.notice) options.progress?.(outcome.result.notice);
    const output: BlockOutput = { status: outcome.status, repo: redactUrl(repo.url), branch: options.branch, commit: outcome.commit, attempts: outcome.attempts, ...outcome.result };
    if (options.action === 'block') {
      phase('Look for proposals of the digest');
      Object.assign(output, await proposalsOf(repo, outcome.result.digest, options.progress));
    }
    return output;
  } finally {
    await repo.close();
  }
}

/**
 * The proposal branches of the remote that may still merge `digest`, now blocked (a block refuses
 * Ferry's writes, not a merge): each told of as a warning. Branches that cannot be read leave the
 * block as it is: `proposalsUnread` says why, and a warning says what to look for by hand.
 */
export async function proposalsOf(repo: GitEnvRepo, digest: string, progress?: (line: string) => void): Promise<{ proposals: BlockedProposal[] } | { proposalsUnread: string }> {
  try {
    const proposals = blockedProposals(await repo.proposalBranches(), digest);
    for (const p of proposals) progress?.(`warning: ${blockedProposalText(p)}`);
    return { proposals };
  } catch (error) {
    const why = (error as Error).message;
    progress?.(`warning: the digest is blocked, but the proposal branches (ferry/*) could not be read: ${why}; look for pull requests that pin ${digest} and close them, or turn their auto-merge off`);
    return { proposalsUnread: why };
  }
}
