import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction,
  validateSummary
} from "./chunks/chunk-DVTHXSJB.mjs";
import "./chunks/chunk-Z7RAPLQG.mjs";
import "./chunks/chunk-2XICRC36.mjs";
import "./chunks/chunk-HHUKJB4C.mjs";
import "./chunks/chunk-OIH5UBWA.mjs";

// actions/src/entry/actions/validate.ts
var validate = {
  name: "validate",
  getInputs: (_input, repo) => repo,
  run: async (inputs) => (await import("./chunks/validate-KD7EZCM6.mjs")).runValidate(inputs),
  outputs: (r) => ({ status: r.status, problems: JSON.stringify(r.problems) }),
  failure: (r) => r.status === "succeeded" ? void 0 : {
    headline: `${r.problems.length} problem${r.problems.length === 1 ? "" : "s"} in the env repo at ${r.commit.slice(0, 12)}`,
    annotations: r.problems
  },
  summary: validateSummary
};
await runAction(validate);
