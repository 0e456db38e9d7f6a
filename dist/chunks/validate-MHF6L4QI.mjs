import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  validateEnvRepo
} from "./chunk-EOEKZLPO.mjs";
import "./chunk-UDBKSODY.mjs";
import "./chunk-NIXV5E7Z.mjs";
import "./chunk-TFBDJJF6.mjs";
import "./chunk-W2O4URKY.mjs";
import "./chunk-QUQHB5KY.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-ZHHVUBTS.mjs";
import "./chunk-S33P2QZ4.mjs";
import "./chunk-7FWSBN4K.mjs";
import "./chunk-T5C3YYPA.mjs";
import {
  BLOCKLIST_FILE,
  CONFIG_FILE
} from "./chunk-SQUNSH5E.mjs";
import "./chunk-CGSXFA5V.mjs";
import "./chunk-CYLFIUNU.mjs";
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
