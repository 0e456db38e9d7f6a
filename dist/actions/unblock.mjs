import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  requestContext,
  runAction
} from "../chunks/chunk-SMV3O5UA.mjs";
import {
  blockSummary
} from "../chunks/chunk-EUMJK2TK.mjs";
import "../chunks/chunk-OPATQYSN.mjs";
import "../chunks/chunk-HILDV4SG.mjs";
import "../chunks/chunk-PGYWCCKY.mjs";
import "../chunks/chunk-BMJHM4QJ.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-233SOQW7.mjs";
import "../chunks/chunk-WO2H44FO.mjs";
import "../chunks/chunk-S2OUAEDI.mjs";
import "../chunks/chunk-KI4S27RC.mjs";
import "../chunks/chunk-XLTZMVS4.mjs";
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
  run: async (inputs, context) => (await import("../chunks/block-NO4QLJM2.mjs")).runBlock({ ...inputs, progress: context.progress, phase: context.phase }),
  outputs: (r, context) => ({ status: r.status, commit: r.commit, "commit-url": context.commitUrl(r.commit) }),
  statusOutput: true,
  summary: blockSummary
};
await runAction(unblock);
