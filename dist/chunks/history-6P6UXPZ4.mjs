import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  readConfig
} from "./chunk-NZUFYM4U.mjs";
import "./chunk-T6EGFXSE.mjs";
import {
  branchHistoryEvents,
  formatHistory,
  inFilter,
  unknownFilterNames,
  unreadConfigWarning
} from "./chunk-IMAYY75N.mjs";
import {
  CONFIG_FILE
} from "./chunk-WLNABMU4.mjs";
import "./chunk-L7KM3ZFQ.mjs";
import {
  GitEnvRepo
} from "./chunk-CIKR7TPS.mjs";
import "./chunk-HILDV4SG.mjs";
import {
  redactUrl
} from "./chunk-BMJHM4QJ.mjs";
import "./chunk-WO2H44FO.mjs";
import "./chunk-S2OUAEDI.mjs";
import {
  ConfigurationError
} from "./chunk-KI4S27RC.mjs";
import {
  isoUtc
} from "./chunk-XLTZMVS4.mjs";
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
    const all = branchHistoryEvents(await repo.log(head.commit), head.commit);
    const unknown = unknownFilterNames(options, all, config);
    if (unknown.length) throw new ConfigurationError([...unknown, ...unread?.problems ?? []]);
    const events = all.filter((e) => inFilter(e, options)).map((e) => ({ ...e, date: isoUtc(e.date) }));
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
