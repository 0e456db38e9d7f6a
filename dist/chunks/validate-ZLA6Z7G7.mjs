import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  validateEnvRepo
} from "./chunk-4OBDHEUM.mjs";
import "./chunk-PUZ2TJDK.mjs";
import "./chunk-67QKFCJW.mjs";
import "./chunk-UF6W56LB.mjs";
import "./chunk-4QJDJWQE.mjs";
import "./chunk-RK7KG5PK.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-ZMGHUKHV.mjs";
import "./chunk-CY3IHFLK.mjs";
import "./chunk-7FWSBN4K.mjs";
import "./chunk-T5C3YYPA.mjs";
import {
  BLOCKLIST_FILE,
  CONFIG_FILE
} from "./chunk-SQUNSH5E.mjs";
import "./chunk-JTYMPHCG.mjs";
import "./chunk-CYLFIUNU.mjs";
import {
  GitEnvRepo
} from "./chunk-354FCBTB.mjs";
import "./chunk-4ZG5J63W.mjs";
import {
  redactUrl
} from "./chunk-BBO3HGUO.mjs";
import "./chunk-2LNFAGF6.mjs";
import "./chunk-MLTHUEAN.mjs";
import {
  ConfigurationError
} from "./chunk-DBVFLN7T.mjs";
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
