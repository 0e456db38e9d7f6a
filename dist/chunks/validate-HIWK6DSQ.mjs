import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  validateEnvRepo
} from "./chunk-D6ROLSEI.mjs";
import "./chunk-LKWZJSWB.mjs";
import "./chunk-NXDSNIV3.mjs";
import "./chunk-4DIPDC2F.mjs";
import "./chunk-YMYSYCAD.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-6YKVBYEO.mjs";
import "./chunk-CWXLHKDT.mjs";
import "./chunk-HPBC6ZDQ.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-T5C3YYPA.mjs";
import {
  BLOCKLIST_FILE,
  CONFIG_FILE
} from "./chunk-SQUNSH5E.mjs";
import "./chunk-JIKE7SJP.mjs";
import "./chunk-CYLFIUNU.mjs";
import {
  GitEnvRepo
} from "./chunk-JIOEPCHE.mjs";
import "./chunk-RAFOEFAX.mjs";
import {
  redactUrl
} from "./chunk-BMJHM4QJ.mjs";
import "./chunk-HKMZAVOK.mjs";
import "./chunk-QWN3QDWZ.mjs";
import {
  ConfigurationError
} from "./chunk-QMFC3JA6.mjs";
import "./chunk-XFOEQZ4L.mjs";
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
