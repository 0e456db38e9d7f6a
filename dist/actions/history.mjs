import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "./chunks/chunk-YLR7UJXB.mjs";
import {
  historySummary
} from "./chunks/chunk-DQMFXTEK.mjs";
import "./chunks/chunk-Z7RAPLQG.mjs";
import "./chunks/chunk-YCUJWGLV.mjs";
import "./chunks/chunk-Z23XBSUY.mjs";
import "./chunks/chunk-Y2YT5TPM.mjs";
import "./chunks/chunk-CH3IBD3Z.mjs";
import "./chunks/chunk-WNJDMP3Z.mjs";
import "./chunks/chunk-B3WWLTUJ.mjs";
import "./chunks/chunk-OIH5UBWA.mjs";

// actions/src/entry/actions/history.ts
var history = {
  name: "history",
  getInputs: (input, repo) => ({ ...repo, env: input.optional("env"), app: input.optional("app") }),
  run: async (inputs, context) => (await import("./chunks/history-ZVTMBTC4.mjs")).runHistory({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ "history-json": JSON.stringify(r) }),
  summary: historySummary
};
await runAction(history);
