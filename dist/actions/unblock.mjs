import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  requestContext,
  runAction
} from "../chunks/chunk-WYZOXJG2.mjs";
import {
  blockSummary
} from "../chunks/chunk-EYRQ5NPH.mjs";
import "../chunks/chunk-V7TZ7IZD.mjs";
import "../chunks/chunk-FEXO6RZX.mjs";
import "../chunks/chunk-2MIHVAKS.mjs";
import "../chunks/chunk-BMJHM4QJ.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-233SOQW7.mjs";
import "../chunks/chunk-GJM5S2TE.mjs";
import "../chunks/chunk-IINOOR3S.mjs";
import "../chunks/chunk-XFA7WSEW.mjs";
import "../chunks/chunk-LPCDH46Z.mjs";
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
  run: async (inputs, context) => (await import("../chunks/block-WF42HNGZ.mjs")).runBlock({ ...inputs, progress: context.progress, phase: context.phase }),
  outputs: (r, context) => ({ status: r.status, commit: r.commit, "commit-url": context.commitUrl(r.commit) }),
  statusOutput: true,
  summary: blockSummary
};
await runAction(unblock);
