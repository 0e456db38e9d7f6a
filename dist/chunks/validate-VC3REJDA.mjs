import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  validateEnvRepo
} from "./chunk-4PY7TRLA.mjs";
import "./chunk-63T3ZBT7.mjs";
import "./chunk-DCOVVVKT.mjs";
import "./chunk-OYUY5IIV.mjs";
import "./chunk-YMSYKZB4.mjs";
import "./chunk-JWCDNOST.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-7E5F4IVN.mjs";
import "./chunk-6NXX7UL6.mjs";
import "./chunk-7FWSBN4K.mjs";
import "./chunk-T5C3YYPA.mjs";
import {
  BLOCKLIST_FILE,
  CONFIG_FILE
} from "./chunk-SQUNSH5E.mjs";
import "./chunk-WWGQICJ5.mjs";
import "./chunk-CYLFIUNU.mjs";
import {
  GitEnvRepo
} from "./chunk-QI3S2G36.mjs";
import "./chunk-4ZG5J63W.mjs";
import {
  redactUrl
} from "./chunk-ENXHTVIZ.mjs";
import "./chunk-AMYT7MCG.mjs";
import "./chunk-N3UI7WBC.mjs";
import {
  ConfigurationError
} from "./chunk-TS73BHZN.mjs";
import "./chunk-U4EZ2NQP.mjs";
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
