import { GitEnvRepo, redactUrl } from '../../adapters/git.js';
import { BLOCKLIST_FILE } from '../../core/blocklist.js';
import { CONFIG_FILE } from '../../core/env-repo-config.js';
import { validateEnvRepo, type ValidateResult } from '../../core/validate.js';
import type { PhaseHook } from './phases.js';

export interface ValidateOutput extends ValidateResult {
  repo: string;
  branch: string;
  commit: string;
}

/** Validates ferry.yaml and every pinned manifest at the branch head, reporting all problems at once. */
export async function runValidate(options: { repo: string; branch: string; phase?: PhaseHook }): Promise<ValidateOutput> {
  const phase = options.phase ?? (() => {});
  phase('Read the env repo');
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, readAhead: [CONFIG_FILE, BLOCKLIST_FILE] });
  try {
    const head = await repo.head();
    phase('Validate ferry.yaml and every pinned manifest');
    // Each batch in one read; a file that is no text (not UTF-8, a link, a directory: validate
    // asks whether a kustomization's resource is a file or a directory) is its own problem, not
    // the end of the read.
    const result = await validateEnvRepo(head, (paths) => repo.readFilesReporting(head.commit, paths));
    return { repo: redactUrl(repo.url), branch: options.branch, commit: head.commit, ...result };
  } finally {
    await repo.close();
  }
}
