import { parseConfig, type FerryConfig, type ReadOptions } from './config.js';
import { ConfigurationError } from './errors.js';
import type { EnvRepoSnapshot } from './env-repo-writer.js';
import { CONFIG_FILE } from './env-repo-files.js';

export { CONFIG_FILE };

/** The last config parsed: a retry after a lost race usually finds ferry.yaml unchanged. */
let last: { text: string; historic: boolean; config: FerryConfig } | undefined;

/** Reads and validates ferry.yaml at the root of the env repo's snapshot (as a version of the history with `historic`: see ReadOptions). */
export async function readConfig(snapshot: EnvRepoSnapshot, options: ReadOptions = {}): Promise<FerryConfig> {
  const text = await snapshot.readFile(CONFIG_FILE);
  try {
    if (text === undefined) {
      // (A work tree that is no git checkout has no commit to name.)
      const at = snapshot.commit ? ` (commit ${snapshot.commit.slice(0, 12)})` : '';
      throw new ConfigurationError({ file: CONFIG_FILE, message: `no ${CONFIG_FILE} at the root of the env repo${at}; create one with \`ferry init\`, or, for an env repo that has manifests already, write one by hand (Ferry's README.md: "Adopting an existing env repo")` });
    }
    const historic = options.historic ?? false;
    if (last?.text !== text || last.historic !== historic) last = { text, historic, config: await parseConfig(text, CONFIG_FILE, options) };
    return last.config;
  } catch (error) {
    if (error instanceof ConfigurationError) error.commit ??= snapshot.commit;
    throw error;
  }
}
