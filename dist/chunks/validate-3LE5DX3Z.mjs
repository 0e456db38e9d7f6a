import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  validateEnvRepo
} from "./chunk-NZGZTEAP.mjs";
import "./chunk-SSIZB4A5.mjs";
import "./chunk-GBRW4SAF.mjs";
import "./chunk-ZIR3DF2H.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-TGNFDR6G.mjs";
import "./chunk-UGYO4QBV.mjs";
import "./chunk-SLBLI3R3.mjs";
import "./chunk-LK2OKV2Q.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-BXLG7DIS.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-EI3KVTKD.mjs";
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
import "./chunk-KI4S27RC.mjs";
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
    const result = await validateEnvRepo(head, (paths) => repo.readFilesReporting(head.commit, paths));
    return { repo: redactUrl(repo.url), branch: options.branch, commit: head.commit, ...result };
  } finally {
    await repo.close();
  }
}
export {
  runValidate
};
