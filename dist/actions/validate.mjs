import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-LX3U2VGI.mjs";
import {
  validateSummary
} from "../chunks/chunk-Z2OCH3PF.mjs";
import "../chunks/chunk-UFVM4H4R.mjs";
import "../chunks/chunk-NXZCGFG6.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-QI3S2G36.mjs";
import "../chunks/chunk-4ZG5J63W.mjs";
import "../chunks/chunk-ENXHTVIZ.mjs";
import "../chunks/chunk-AMYT7MCG.mjs";
import "../chunks/chunk-N3UI7WBC.mjs";
import "../chunks/chunk-TS73BHZN.mjs";
import "../chunks/chunk-U4EZ2NQP.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/validate.ts
var validate = {
  name: "validate",
  getInputs: (_input, repo) => repo,
  run: async (inputs, context) => (await import("../chunks/validate-VC3REJDA.mjs")).runValidate({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ status: r.status, problems: JSON.stringify(r.problems) }),
  failure: (r) => r.status === "succeeded" ? void 0 : {
    headline: `${r.problems.length} problem${r.problems.length === 1 ? "" : "s"} in the env repo at ${r.commit.slice(0, 12)}`,
    annotations: r.problems
  },
  statusOutput: true,
  summary: validateSummary
};
await runAction(validate);
