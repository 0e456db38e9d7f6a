import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "./chunks/chunk-YLR7UJXB.mjs";
import {
  validateSummary
} from "./chunks/chunk-DQMFXTEK.mjs";
import "./chunks/chunk-Z7RAPLQG.mjs";
import "./chunks/chunk-YCUJWGLV.mjs";
import "./chunks/chunk-Z23XBSUY.mjs";
import "./chunks/chunk-Y2YT5TPM.mjs";
import "./chunks/chunk-CH3IBD3Z.mjs";
import "./chunks/chunk-WNJDMP3Z.mjs";
import "./chunks/chunk-B3WWLTUJ.mjs";
import "./chunks/chunk-OIH5UBWA.mjs";

// actions/src/entry/actions/validate.ts
var validate = {
  name: "validate",
  getInputs: (_input, repo) => repo,
  run: async (inputs, context) => (await import("./chunks/validate-QZTYCJFZ.mjs")).runValidate({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ status: r.status, problems: JSON.stringify(r.problems) }),
  failure: (r) => r.status === "succeeded" ? void 0 : {
    headline: `${r.problems.length} problem${r.problems.length === 1 ? "" : "s"} in the env repo at ${r.commit.slice(0, 12)}`,
    annotations: r.problems
  },
  summary: validateSummary
};
await runAction(validate);
