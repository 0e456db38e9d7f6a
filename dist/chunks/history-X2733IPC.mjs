import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  readConfig
} from "./chunk-FXMBU5SR.mjs";
import {
  findApp,
  findEnvironment
} from "./chunk-GHF65MKY.mjs";
import {
  formatHistory,
  historyEvents
} from "./chunk-L3VZNIP4.mjs";
import {
  CONFIG_FILE
} from "./chunk-SQUNSH5E.mjs";
import "./chunk-JTYMPHCG.mjs";
import {
  GitEnvRepo,
  redactUrl
} from "./chunk-ZAJLAV24.mjs";
import "./chunk-4ZG5J63W.mjs";
import "./chunk-CZBSOFID.mjs";
import "./chunk-HPIX6MIE.mjs";
import "./chunk-BRWC3FI3.mjs";
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
