import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  requestContext,
  runAction
} from "../chunks/chunk-XCM4A52O.mjs";
import {
  blockSummary
} from "../chunks/chunk-TQTVXH2S.mjs";
import "../chunks/chunk-A7RFYI36.mjs";
import "../chunks/chunk-LHBEOTZI.mjs";
import "../chunks/chunk-372JGWAG.mjs";
import "../chunks/chunk-3POJQCYF.mjs";
import "../chunks/chunk-O4JHPW7F.mjs";
import "../chunks/chunk-C4ZT7KTP.mjs";
import "../chunks/chunk-7KUYXORY.mjs";
import "../chunks/chunk-VVEEDHSD.mjs";
import "../chunks/chunk-6P7B2YDZ.mjs";
import "../chunks/chunk-OSG537VB.mjs";
import "../chunks/chunk-Q662SBGV.mjs";
import "../chunks/chunk-RWAOTREE.mjs";
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
  run: async (inputs, context) => (await import("../chunks/block-QMG5TJD2.mjs")).runBlock({ ...inputs, progress: context.progress, phase: context.phase }),
  outputs: (r, context) => ({ status: r.status, commit: r.commit, "commit-url": context.commitUrl(r.commit) }),
  statusOutput: true,
  summary: blockSummary
};
await runAction(unblock);
