import { GitEnvRepo, redactUrl } from '../../adapters/git.js';
import { manifestPath } from '../../core/config.js';
import { readConfig } from '../../core/env-repo-config.js';
import { ConfigurationError } from '../../core/errors.js';
import { validateManifests, type ValidateResult } from '../../core/validate.js';

export interface ValidateOutput extends ValidateResult {
  repo: string;
  branch: string;
  commit: string;
}

/** Validates ferry.yaml and every pinned manifest at the branch head, reporting all problems at once. */
export async function runValidate(options: { repo: string; branch: string }): Promise<ValidateOutput> {
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch });
  try {
    const head = await repo.head();
    const common = { repo: redactUrl(repo.url), branch: options.branch, commit: head.commit };
    let config;
    try {
      config = await readConfig(head);
    } catch (error) {
      if (error instanceof ConfigurationError) return { ...common, status: 'failed', problems: error.problems, checked: 0 };
      throw error;
    }
    const paths = config.apps.flatMap((app) => config.environments.map((env) => manifestPath(app, env.name)));
    const files = await repo.readFiles(head.commit, paths);
    return { ...common, ...validateManifests(config, files) };
  } finally {
    await repo.close();
  }
}
