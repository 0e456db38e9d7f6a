import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-IA3LJYXG.mjs";
import {
  validateSummary
} from "../chunks/chunk-ABHOBCM7.mjs";
import "../chunks/chunk-CIKR7TPS.mjs";
import "../chunks/chunk-HILDV4SG.mjs";
import "../chunks/chunk-A63EP76V.mjs";
import "../chunks/chunk-BMJHM4QJ.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-NXZCGFG6.mjs";
import "../chunks/chunk-WO2H44FO.mjs";
import "../chunks/chunk-S2OUAEDI.mjs";
import "../chunks/chunk-KI4S27RC.mjs";
import "../chunks/chunk-XLTZMVS4.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/validate.ts
var validate = {
  name: "validate",
  getInputs: (_input, repo) => repo,
  run: async (inputs, context) => (await import("../chunks/validate-O6KHRMKE.mjs")).runValidate({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ status: r.status, problems: JSON.stringify(r.problems) }),
  failure: (r) => r.status === "succeeded" ? void 0 : {
    headline: `${r.problems.length} problem${r.problems.length === 1 ? "" : "s"} in the env repo at ${r.commit.slice(0, 12)}`,
    annotations: r.problems
  },
  statusOutput: true,
  summary: validateSummary
};
await runAction(validate);
