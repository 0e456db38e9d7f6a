import { GitEnvRepo, redactUrl } from '../../adapters/git.js';
import { BLOCKLIST_FILE } from '../../core/env-repo-files.js';
import { manifestPath } from '../../core/config.js';
import { ConfigurationError } from '../../core/errors.js';
import { CONFIG_FILE, readConfig } from '../../core/env-repo-config.js';
import { computeStatus, markUndeployedPins, pinnedSince, readPins, unreadBlocklistWarning, type StatusResult } from '../../core/status.js';
import type { PhaseHook } from './phases.js';

export interface StatusOutput extends StatusResult {
  status: 'succeeded';
  repo: string;
  branch: string;
}

export async function runStatus(options: { repo: string; branch: string; phase?: PhaseHook }): Promise<StatusOutput> {
  const phase = options.phase ?? (() => {});
  phase('Read the env repo and its history');
  // The whole history without blobs: enough to find the last commit that changed each manifest.
  const repo = await GitEnvRepo.openForReading({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE, BLOCKLIST_FILE] });
  try {
    const head = await repo.head();
    const config = await readConfig(head);
    // The digests blocked at the head (read with ferry.yaml): each row that still pins one is marked.
    // One that does not read is a warning, not a failure: status is read-only, and on-call's view
    // during an incident; the warning says that no digest was checked against it.
    // (The reader, and the YAML it parses with, load only when there is a blocked.yaml.)
    let warning: string | undefined;
    const blockedBy = await head.readFile(BLOCKLIST_FILE).then(async (text) => {
      if (text === undefined) return undefined;
      const { findBlocked, parseBlocklist } = await import('../../core/blocklist.js');
      const list = parseBlocklist(text);
      return (app: string, digest: string) => findBlocked(list, app, digest);
    }).catch((error: unknown) => {
      if (!(error instanceof ConfigurationError)) throw error;
      warning = unreadBlocklistWarning(error);
      return undefined;
    });
    const paths = config.apps.flatMap((app) => config.environments.map((env) => manifestPath(app, env.name)));
    phase('Read the manifests and when each last changed');
    // git walks the history while the manifests are read and parsed: neither waits for the other.
    const [changes, pins] = await Promise.all([
      repo.lastChanges(head.commit, paths),
      // A manifest that cannot be read as text is its row's problem, not the end of the table; so
      // is a kustomize pin that is never deployed (the files its kustomization names are read too).
      repo.readFilesReporting(head.commit, paths).then((files) => markUndeployedPins(config, files, readPins(config, files), (more) => repo.readFilesReporting(head.commit, more))),
    ]);
    // The commit that pinned each digest: most were last changed by their pin; the others are read further back.
    phase('Read since when each digest is pinned');
    const pinned = await pinnedSince(repo, config, head.commit, pins, changes);
    return { status: 'succeeded', repo: redactUrl(repo.url), branch: options.branch, ...computeStatus(config, head.commit, pins, changes, pinned, blockedBy), ...(warning ? { warning } : {}) };
  } finally {
    await repo.close();
  }
}
export { formatStatusTable } from '../../core/status.js';
