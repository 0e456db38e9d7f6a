import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-HZ2C5D2V.mjs";
import {
  validateSummary
} from "../chunks/chunk-SICIYGXZ.mjs";
import "../chunks/chunk-CIKR7TPS.mjs";
import "../chunks/chunk-HILDV4SG.mjs";
import "../chunks/chunk-A63EP76V.mjs";
import "../chunks/chunk-BMJHM4QJ.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-NXZCGFG6.mjs";
import "../chunks/chunk-WO2H44FO.mjs";
import "../chunks/chunk-S2OUAEDI.mjs";
import {
  formatProblem
} from "../chunks/chunk-KI4S27RC.mjs";
import "../chunks/chunk-XLTZMVS4.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/validate.ts
var validate = {
  name: "validate",
  getInputs: (_input, repo) => repo,
  run: async (inputs, context) => (await import("../chunks/validate-3LE5DX3Z.mjs")).runValidate({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ status: r.status, problems: JSON.stringify(r.problems) }),
  // What does not fail validation but will stop a command unless it is given something at run time.
  log: (r) => r.warnings.length ? { [`${r.warnings.length} warning${r.warnings.length === 1 ? "" : "s"}`]: r.warnings.map(formatProblem).join("\n") } : {},
  failure: (r) => r.status === "succeeded" ? void 0 : {
    headline: `${r.problems.length} problem${r.problems.length === 1 ? "" : "s"} in the env repo at ${r.commit.slice(0, 12)}`,
    annotations: r.problems
  },
  statusOutput: true,
  summary: validateSummary
};
await runAction(validate);
