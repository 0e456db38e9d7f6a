import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  validateEnvRepo
} from "./chunk-U3ZQJHSE.mjs";
import "./chunk-OKH46424.mjs";
import "./chunk-HZRMIWRH.mjs";
import "./chunk-65FABPZX.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-HFTCXBGL.mjs";
import "./chunk-LMDBZRWM.mjs";
import "./chunk-CGOK6GU6.mjs";
import "./chunk-LK2OKV2Q.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-BXLG7DIS.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-T5C3YYPA.mjs";
import {
  BLOCKLIST_FILE,
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
import "./chunk-CYLFIUNU.mjs";
import "./chunk-WO2H44FO.mjs";
import "./chunk-S2OUAEDI.mjs";
import {
  ConfigurationError
} from "./chunk-KI4S27RC.mjs";
import "./chunk-XLTZMVS4.mjs";
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
