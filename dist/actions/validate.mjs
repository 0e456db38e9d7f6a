import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-TW4U3YXR.mjs";
import {
  validateSummary
} from "../chunks/chunk-7IX3H4B6.mjs";
import "../chunks/chunk-7EIRI7OL.mjs";
import "../chunks/chunk-NXZCGFG6.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-MCRZLVHB.mjs";
import "../chunks/chunk-4ZG5J63W.mjs";
import "../chunks/chunk-BBO3HGUO.mjs";
import "../chunks/chunk-6UNUK4UJ.mjs";
import "../chunks/chunk-Y4D4ZDLF.mjs";
import "../chunks/chunk-G6QK43UO.mjs";
import "../chunks/chunk-AYK5X3UN.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/validate.ts
var validate = {
  name: "validate",
  getInputs: (_input, repo) => repo,
  run: async (inputs, context) => (await import("../chunks/validate-MHF6L4QI.mjs")).runValidate({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ status: r.status, problems: JSON.stringify(r.problems) }),
  failure: (r) => r.status === "succeeded" ? void 0 : {
    headline: `${r.problems.length} problem${r.problems.length === 1 ? "" : "s"} in the env repo at ${r.commit.slice(0, 12)}`,
    annotations: r.problems
  },
  statusOutput: true,
  summary: validateSummary
};
await runAction(validate);
