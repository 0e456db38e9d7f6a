import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  requestContext,
  runAction
} from "../chunks/chunk-5CNJ7HJH.mjs";
import {
  blockSummary
} from "../chunks/chunk-ON57GVBW.mjs";
import "../chunks/chunk-A7RFYI36.mjs";
import "../chunks/chunk-FQGFCCAO.mjs";
import "../chunks/chunk-372JGWAG.mjs";
import "../chunks/chunk-2WJ46ZKU.mjs";
import "../chunks/chunk-NGM75GZM.mjs";
import "../chunks/chunk-WHIQW3RN.mjs";
import "../chunks/chunk-VVEEDHSD.mjs";
import "../chunks/chunk-6P7B2YDZ.mjs";
import "../chunks/chunk-OSG537VB.mjs";
import "../chunks/chunk-QWHCRV4M.mjs";
import "../chunks/chunk-AVH2EDAZ.mjs";
import "../chunks/chunk-3K55XSFB.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/unblock.ts
var unblock = {
  name: "unblock",
  getInputs: (input, repo) => ({
    ...repo,
    action: "unblock",
    app: input.required("app"),
    image: input.required("image"),
    reason: input.required("reason"),
    ...requestContext(input)
  }),
  run: async (inputs, context) => (await import("../chunks/block-Y7FFTKJ5.mjs")).runBlock({ ...inputs, progress: context.progress, phase: context.phase }),
  outputs: (r, context) => ({ status: r.status, commit: r.commit, "commit-url": context.commitUrl(r.commit) }),
  statusOutput: true,
  summary: blockSummary
};
await runAction(unblock);
