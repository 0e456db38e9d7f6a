import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseConfig
} from "./chunk-QKVPLPRY.mjs";
import {
  CONFIG_FILE
} from "./chunk-VVEEDHSD.mjs";
import {
  ConfigurationError
} from "./chunk-4TMDRVSR.mjs";

// actions/src/core/env-repo-config.ts
var last;
async function readConfig(snapshot, options = {}) {
  const text = await snapshot.readFile(CONFIG_FILE);
  try {
    if (text === void 0) {
      const at = snapshot.commit ? ` (commit ${snapshot.commit.slice(0, 12)})` : "";
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

export {
  readConfig
};
