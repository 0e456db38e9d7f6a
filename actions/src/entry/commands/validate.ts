import { join } from 'node:path';
import { GitEnvRepo, redactUrl } from '../../adapters/git.js';
import { makeTempDir, removeTempDir } from '../../adapters/git-process.js';
import { KustomizeRunner, findKustomize } from '../../adapters/kustomize.js';
import { WorktreeSnapshot, type WorktreeInfo } from '../../adapters/worktree-snapshot.js';
import { BLOCKLIST_FILE } from '../../core/blocklist.js';
import { CONFIG_FILE } from '../../core/env-repo-config.js';
import { validateEnvRepo, type ValidateResult } from '../../core/validate.js';
import type { PhaseHook } from './phases.js';

/**
 * What was validated: a branch of a repository (`repo`, `branch`, its head `commit`), or the files
 * on disk in a directory (`worktree`; `commit`: the HEAD of its checkout, when it is one, which the
 * files may differ from: `worktree.modified`).
 */
export interface ValidateOutput extends ValidateResult {
  repo?: string;
  branch?: string;
  commit?: string;
  worktree?: WorktreeInfo;
}

/**
 * `render`: also build each kustomize pin's directory with kustomize and check the pinned image
 * is rendered; its value is the option that asked for it (`--render`, `render`), named when no
 * kustomize is found.
 */
type Options = ({ repo: string; branch: string } | { worktree: string }) & { phase?: PhaseHook; render?: string };

/** Validates ferry.yaml and every pinned manifest at the branch head, or in a directory, reporting all problems at once. */
export async function runValidate(options: Options): Promise<ValidateOutput> {
  const phase = options.phase ?? (() => {});
  // Before anything is read: without kustomize, --render cannot be done (exit 2).
  const binary = options.render !== undefined ? findKustomize(options.render) : undefined;
  const scratch = binary ? makeTempDir('ferry-render-') : undefined;
  const renderer = (root: () => Promise<string>) => (binary && scratch ? { render: new KustomizeRunner(binary, { root, scratch }) } : {});
  try {
    if ('worktree' in options) {
      phase('Read the files of the directory');
      const snapshot = await WorktreeSnapshot.open(options.worktree);
      phase(`Validate ferry.yaml and every pinned manifest${binary ? ', rendering the kustomizations' : ''}`);
      const result = await validateEnvRepo(snapshot, (paths) => snapshot.readFilesReporting(paths), renderer(async () => {
        // A copy, links made files (as a checkout of a commit has them): a pull request's link to a file of the runner's is not followed.
        const dir = join(scratch!, 'files');
        await snapshot.copyTo(dir);
        return dir;
      }));
      const worktree = await snapshot.info();
      return { ...(worktree.head ? { commit: worktree.head } : {}), worktree, ...result };
    }
    phase('Read the env repo');
    const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, readAhead: [CONFIG_FILE, BLOCKLIST_FILE] });
    try {
      const head = await repo.head();
      phase(`Validate ferry.yaml and every pinned manifest${binary ? ', rendering the kustomizations' : ''}`);
      // The files kustomize reads: the commit checked out, when the first kustomization is built.
      const files = async () => {
        const dir = join(scratch!, 'files');
        await repo.checkout(head.commit, dir);
        return dir;
      };
      // Each batch in one read; a file that is no text (not UTF-8, a link, a directory: validate
      // asks whether a kustomization's resource is a file or a directory) is its own problem, not
      // the end of the read.
      const result = await validateEnvRepo(head, (paths) => repo.readFilesReporting(head.commit, paths), renderer(files));
      return { repo: redactUrl(repo.url), branch: options.branch, commit: head.commit, ...result };
    } finally {
      await repo.close();
    }
  } finally {
    if (scratch) await removeTempDir(scratch);
  }
}

/** Where the files validated were, for a line of text: `at 1a2b3c4d5e6f`, or `in the files of <dir> (…)`. */
export function validatedWhere(result: ValidateOutput): string {
  const w = result.worktree;
  if (!w) return `at ${(result.commit ?? '').slice(0, 12)}`;
  const head = w.head ? `HEAD ${w.head.slice(0, 12)}${w.modified ? ', with changes not committed' : ''}` : 'not a git checkout with a commit';
  return `in the files of ${w.path} (${head})`;
}
