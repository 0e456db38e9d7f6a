import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  requestContext,
  runAction
} from "../chunks/chunk-LJCUN7PO.mjs";
import {
  blockSummary
} from "../chunks/chunk-BUCAWDKF.mjs";
import "../chunks/chunk-TFJNBHKA.mjs";
import "../chunks/chunk-NXZCGFG6.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-X6JCJP5O.mjs";
import "../chunks/chunk-4ZG5J63W.mjs";
import "../chunks/chunk-BMJHM4QJ.mjs";
import "../chunks/chunk-PPD4KIFP.mjs";
import "../chunks/chunk-46DNWRYD.mjs";
import "../chunks/chunk-WWSMVM2U.mjs";
import "../chunks/chunk-CVU5WLYD.mjs";
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
  run: async (inputs, context) => (await import("../chunks/block-XQATS56A.mjs")).runBlock({ ...inputs, progress: context.progress, phase: context.phase }),
  outputs: (r, context) => ({ status: r.status, commit: r.commit, "commit-url": context.commitUrl(r.commit) }),
  statusOutput: true,
  summary: blockSummary
};
await runAction(unblock);
