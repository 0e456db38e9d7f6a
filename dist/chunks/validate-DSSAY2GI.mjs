import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  validateEnvRepo
} from "./chunk-F4B6X2RL.mjs";
import "./chunk-HIENC4X2.mjs";
import "./chunk-KV66SUT6.mjs";
import "./chunk-XHOUC23D.mjs";
import "./chunk-7LUZIFIQ.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-JKRYE3DF.mjs";
import "./chunk-MYMTAKXC.mjs";
import "./chunk-WGJGHYGA.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-T5C3YYPA.mjs";
import {
  BLOCKLIST_FILE,
  CONFIG_FILE
} from "./chunk-SQUNSH5E.mjs";
import "./chunk-L2LPWQG3.mjs";
import "./chunk-CYLFIUNU.mjs";
import {
  GitEnvRepo
} from "./chunk-X6JCJP5O.mjs";
import "./chunk-4ZG5J63W.mjs";
import {
  redactUrl
} from "./chunk-BMJHM4QJ.mjs";
import "./chunk-PPD4KIFP.mjs";
import "./chunk-46DNWRYD.mjs";
import {
  ConfigurationError
} from "./chunk-WWSMVM2U.mjs";
import "./chunk-CVU5WLYD.mjs";
import "./chunk-WBKKXVG2.mjs";

// actions/src/entry/commands/validate.ts
async function runValidate(options) {
  const phase = options.phase ?? (() => {
  });
  phase("Read the env repo");
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, readAhead: [CONFIG_FILE, BLOCKLIST_FILE] });
  try {
    const head = await repo.head();
    phase("Validate ferry.yaml and every pinned manifest");
    const result = await validateEnvRepo(head, async (paths) => {
      await head.prefetch(paths);
      const files = /* @__PURE__ */ new Map();
      for (const path of paths) {
        files.set(path, await head.readFile(path).catch((error) => {
          if (error instanceof ConfigurationError) return error;
          throw error;
        }));
      }
      return files;
    });
    return { repo: redactUrl(repo.url), branch: options.branch, commit: head.commit, ...result };
  } finally {
    await repo.close();
  }
}
export {
  runValidate
};
