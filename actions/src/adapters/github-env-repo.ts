/**
 * The env repo with `commit-via: api`: read through git (the partial clone of adapters/git.ts),
 * written through GitHub's createCommitOnBranch. commit() only takes note of the change; push()
 * makes it, in one call, with expectedHeadOid = the head the change was computed on: a
 * compare-and-swap, as a push without force is. A stale head comes back as NonFastForwardError,
 * so writeChange recomputes on the new head and retries. GitHub signs the commit it makes, and
 * push() returns that commit's id.
 */
import { type GitEnvRepo, type GitSnapshot } from './git.js';
import { writeUnderWay } from './git-process.js';
import type { GitHub } from './github.js';
import type { EnvRepo, FileChange } from '../core/env-repo-writer.js';

export interface GitHubEnvRepoTarget {
  owner: string;
  repo: string;
  /** The branch to commit on. Default: the branch the reader reads. */
  branch?: string;
}

interface PendingCommit {
  parent: string;
  files: readonly FileChange[];
  message: string;
}

/** A commit message as createCommitOnBranch takes it: the subject line, and the rest (trailers included). */
export function splitMessage(message: string): { headline: string; body: string } {
  const newline = message.indexOf('\n');
  if (newline < 0) return { headline: message, body: '' };
  return { headline: message.slice(0, newline), body: message.slice(newline + 1).replace(/^\n+/, '').replace(/\n+$/, '') };
}

export class GitHubEnvRepo implements EnvRepo {
  private readonly pending = new Map<string, PendingCommit>();
  private made = 0;
  readonly branch: string;

  constructor(
    private readonly reader: GitEnvRepo,
    private readonly github: GitHub,
    private readonly target: GitHubEnvRepoTarget,
  ) {
    this.branch = target.branch ?? reader.branch;
  }

  head(): Promise<GitSnapshot> {
    return this.reader.head();
  }

  /** Takes note of the change; nothing is made until push(). Returns a name for it, not a commit id. */
  async commit(parent: string, files: readonly FileChange[], message: string): Promise<string> {
    const id = `pending-${++this.made}`;
    this.pending.set(id, { parent, files, message });
    return id;
  }

  async push(id: string): Promise<string> {
    const change = this.pending.get(id);
    if (!change) throw new Error(`internal: no change noted as ${id}`);
    this.pending.delete(id);
    const { headline, body } = splitMessage(change.message);
    // (An interrupt meanwhile cannot tell whether GitHub made the commit, and says so.)
    const write = writeUnderWay({ url: this.reader.url, branch: this.branch });
    let made: string | undefined;
    try {
      made = await this.github.createCommitOnBranch({
        repositoryNameWithOwner: `${this.target.owner}/${this.target.repo}`,
        branchName: this.branch,
        expectedHeadOid: change.parent,
        headline,
        body,
        additions: change.files.map((f) => ({ path: f.path, contents: f.content })),
      });
      return made;
    } finally {
      write.done(made);
      // Whether GitHub made the commit or the branch had moved (NonFastForwardError), the clone
      // is behind: the next head() fetches the branch.
      if (this.branch === this.reader.branch) this.reader.invalidate();
    }
  }

  serialize<T>(attempt: (waited: boolean) => Promise<T>): Promise<T> {
    return this.reader.serialize(attempt);
  }
}
