import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  blockSummary,
  requestContext,
  runAction
} from "./chunks/chunk-DVTHXSJB.mjs";
import "./chunks/chunk-Z7RAPLQG.mjs";
import "./chunks/chunk-2XICRC36.mjs";
import "./chunks/chunk-HHUKJB4C.mjs";
import "./chunks/chunk-OIH5UBWA.mjs";

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
  run: async (inputs, context) => (await import("./chunks/block-YXWJBSXW.mjs")).runBlock({ ...inputs, progress: context.progress }),
  outputs: (r, context) => ({ status: r.status, commit: r.commit, "commit-url": context.commitUrl(r.commit) }),
  summary: blockSummary
};
await runAction(unblock);
