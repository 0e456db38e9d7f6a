import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  readConfig
} from "./chunk-ZMGHUKHV.mjs";
import {
  findApp,
  findEnvironment
} from "./chunk-CY3IHFLK.mjs";
import {
  formatHistory,
  historyEvents
} from "./chunk-WP524UV7.mjs";
import {
  CONFIG_FILE
} from "./chunk-SQUNSH5E.mjs";
import "./chunk-JTYMPHCG.mjs";
import {
  GitEnvRepo
} from "./chunk-TJBAHBS3.mjs";
import "./chunk-4ZG5J63W.mjs";
import {
  redactUrl
} from "./chunk-F52A3EZ4.mjs";
import "./chunk-CZBSOFID.mjs";
import "./chunk-OVPAS3YO.mjs";
import "./chunk-MLTHUEAN.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";

// actions/src/entry/commands/history.ts
async function runHistory(options) {
  const phase = options.phase ?? (() => {
  });
  phase("Read the env repo and its history");
  const repo = await GitEnvRepo.openForReading({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE] });
  try {
    const head = await repo.head();
    const config = await readConfig(head);
    if (options.env !== void 0) findEnvironment(config, options.env);
    if (options.app !== void 0) findApp(config, options.app);
    phase("Read the Ferry commits");
    const events = historyEvents(await repo.log(head.commit), { ...options.env !== void 0 ? { env: options.env } : {}, ...options.app !== void 0 ? { app: options.app } : {} });
    return { repo: redactUrl(repo.url), branch: options.branch, commit: head.commit, events };
  } finally {
    await repo.close();
  }
}
export {
  formatHistory,
  runHistory
};
