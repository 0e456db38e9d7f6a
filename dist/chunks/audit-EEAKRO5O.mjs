import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  audit,
  formatAuditMarkdown
} from "./chunk-74UWRK57.mjs";
import {
  CONFIG_FILE,
  readConfig
} from "./chunk-DEKWTQ67.mjs";
import {
  findEnvironment,
  parseConfig
} from "./chunk-FALW254G.mjs";
import "./chunk-C4OZCMLB.mjs";
import {
  GitEnvRepo,
  redactUrl
} from "./chunk-JUTKSCI5.mjs";
import "./chunk-DI7RGCQB.mjs";
import "./chunk-MY5OWULS.mjs";
import "./chunk-FDIDMGTW.mjs";
import {
  ConfigurationError
} from "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";

// actions/src/entry/commands/audit.ts
function isoDate(value, field) {
  const time = new Date(value);
  if (!/^\d{4}-\d\d-\d\d/.test(value) || Number.isNaN(time.getTime())) throw new ConfigurationError({ field, message: `expected a date like 2026-11-23 or 2026-11-23T18:00:00Z, found ${JSON.stringify(value)}` });
  return time.toISOString().replace(/\.\d{3}Z$/, "Z");
}
async function runAudit(options) {
  const since = options.since !== void 0 ? isoDate(options.since, "since") : void 0;
  const until = options.until !== void 0 ? isoDate(options.until, "until") : void 0;
  const phase = options.phase ?? (() => {
  });
  phase("Read the env repo and its history");
  const repo = await GitEnvRepo.openForReading({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE] });
  try {
    const head = await repo.head();
    if (options.env !== void 0) findEnvironment(await readConfig(head), options.env);
    const log = await repo.log(head.commit, { files: true, oldestFirst: true });
    phase("Read ferry.yaml as it was at each change");
    const versions = [];
    for (const [index, c] of log.entries()) {
      if (!c.files.includes(CONFIG_FILE)) continue;
      const text = (await repo.readFiles(c.commit, [CONFIG_FILE])).get(CONFIG_FILE);
      let config;
      try {
        config = text === void 0 ? void 0 : parseConfig(text, CONFIG_FILE);
      } catch {
        config = versions.at(-1)?.config;
      }
      versions.push({ index, config });
    }
    const configAt = (index) => {
      let found;
      for (const v of versions) if (v.index <= index) found = v.config;
      return found;
    };
    phase("Check the rules");
    const commits = log.map((c) => ({ ...c, date: new Date(c.date).toISOString().replace(/\.\d{3}Z$/, "Z") }));
    const violations = audit(commits, configAt, { ...options.env !== void 0 ? { env: options.env } : {}, ...since ? { since } : {}, ...until ? { until } : {} });
    return {
      repo: redactUrl(repo.url),
      branch: options.branch,
      commit: head.commit,
      ...options.env !== void 0 ? { env: options.env } : {},
      ...since ? { since } : {},
      ...until ? { until } : {},
      checked: log.length,
      violations
    };
  } finally {
    await repo.close();
  }
}
export {
  formatAuditMarkdown,
  runAudit
};
