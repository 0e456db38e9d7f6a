import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  formatHistory,
  historyEvents
} from "./chunk-E7T4HSGQ.mjs";
import {
  CONFIG_FILE,
  readConfig
} from "./chunk-W5QR6EMP.mjs";
import {
  findApp,
  findEnvironment
} from "./chunk-EPINSCXR.mjs";
import "./chunk-Z7RAPLQG.mjs";
import "./chunk-Z23XBSUY.mjs";
import {
  GitEnvRepo,
  redactUrl
} from "./chunk-Y2YT5TPM.mjs";
import "./chunk-CH3IBD3Z.mjs";
import "./chunk-WNJDMP3Z.mjs";
import "./chunk-B3WWLTUJ.mjs";
import "./chunk-OIH5UBWA.mjs";

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
