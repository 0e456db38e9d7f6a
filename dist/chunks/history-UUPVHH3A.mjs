import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  readConfig
} from "./chunk-7CIZMM32.mjs";
import "./chunk-THJRYYGJ.mjs";
import {
  branchHistoryEvents,
  formatHistory,
  inFilter,
  unknownFilterNames,
  unreadConfigWarning
} from "./chunk-5IK3JPYL.mjs";
import {
  CONFIG_FILE
} from "./chunk-SQUNSH5E.mjs";
import "./chunk-OQTPVMXJ.mjs";
import {
  GitEnvRepo
} from "./chunk-CEE7P4QR.mjs";
import "./chunk-4ZG5J63W.mjs";
import {
  redactUrl
} from "./chunk-BMJHM4QJ.mjs";
import "./chunk-HOITXGPY.mjs";
import "./chunk-RA3OP3UF.mjs";
import {
  ConfigurationError
} from "./chunk-O7LLLE7C.mjs";
import {
  isoUtc
} from "./chunk-XFOEQZ4L.mjs";
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
