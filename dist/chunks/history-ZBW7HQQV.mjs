import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  readConfig
} from "./chunk-ZHHVUBTS.mjs";
import "./chunk-S33P2QZ4.mjs";
import {
  formatHistory,
  historyEvents,
  inFilter,
  unknownFilterNames,
  unreadConfigWarning
} from "./chunk-KNEVHYFC.mjs";
import {
  CONFIG_FILE
} from "./chunk-SQUNSH5E.mjs";
import "./chunk-CGSXFA5V.mjs";
import {
  GitEnvRepo
} from "./chunk-MCRZLVHB.mjs";
import "./chunk-4ZG5J63W.mjs";
import {
  redactUrl
} from "./chunk-BBO3HGUO.mjs";
import "./chunk-6UNUK4UJ.mjs";
import "./chunk-Y4D4ZDLF.mjs";
import {
  ConfigurationError
} from "./chunk-G6QK43UO.mjs";
import "./chunk-AYK5X3UN.mjs";
import "./chunk-WBKKXVG2.mjs";

// actions/src/entry/commands/history.ts
async function runHistory(options) {
  const phase = options.phase ?? (() => {
  });
  phase("Read the env repo and its history");
  const repo = await GitEnvRepo.openForReading({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE] });
  try {
    const head = await repo.head();
    let config;
    let unread;
    try {
      config = await readConfig(head);
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      unread = error;
    }
    phase("Read the Ferry commits");
    const all = historyEvents(await repo.log(head.commit));
    const unknown = unknownFilterNames(options, all, config);
    if (unknown.length) throw new ConfigurationError([...unknown, ...unread?.problems ?? []]);
    const events = all.filter((e) => inFilter(e, options));
    return {
      repo: redactUrl(repo.url),
      branch: options.branch,
      commit: head.commit,
      ...options.env !== void 0 ? { env: options.env } : {},
      ...options.app !== void 0 ? { app: options.app } : {},
      events,
      ...unread ? { warning: unreadConfigWarning(unread) } : {}
    };
  } finally {
    await repo.close();
  }
}
export {
  formatHistory,
  runHistory
};
