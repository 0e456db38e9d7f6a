import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  formatHistory,
  historyEvents
} from "./chunk-SY4SM7JJ.mjs";
import {
  CONFIG_FILE,
  readConfig
} from "./chunk-YPPQFKLP.mjs";
import {
  findApp,
  findEnvironment
} from "./chunk-E6OFK3WR.mjs";
import "./chunk-Z7RAPLQG.mjs";
import {
  GitEnvRepo,
  redactUrl
} from "./chunk-2XICRC36.mjs";
import "./chunk-HHUKJB4C.mjs";
import "./chunk-OIH5UBWA.mjs";

// actions/src/entry/commands/history.ts
async function runHistory(options) {
  const repo = await GitEnvRepo.openForReading({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE] });
  try {
    const head = await repo.head();
    const config = await readConfig(head);
    if (options.env !== void 0) findEnvironment(config, options.env);
    if (options.app !== void 0) findApp(config, options.app);
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
