import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-7CTEFPHL.mjs";
import {
  validateSummary
} from "../chunks/chunk-5T4ZKJTE.mjs";
import "../chunks/chunk-EDI7MJFW.mjs";
import "../chunks/chunk-3APD3XNS.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-ZAJLAV24.mjs";
import "../chunks/chunk-4ZG5J63W.mjs";
import "../chunks/chunk-CZBSOFID.mjs";
import "../chunks/chunk-HPIX6MIE.mjs";
import "../chunks/chunk-BRWC3FI3.mjs";
import "../chunks/chunk-DBVFLN7T.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/validate.ts
var validate = {
  name: "validate",
  getInputs: (_input, repo) => repo,
  run: async (inputs, context) => (await import("../chunks/validate-4FKGCHRL.mjs")).runValidate({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ status: r.status, problems: JSON.stringify(r.problems) }),
  failure: (r) => r.status === "succeeded" ? void 0 : {
    headline: `${r.problems.length} problem${r.problems.length === 1 ? "" : "s"} in the env repo at ${r.commit.slice(0, 12)}`,
    annotations: r.problems
  },
  statusOutput: true,
  summary: validateSummary
};
await runAction(validate);
