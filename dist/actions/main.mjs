import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  dispatch
} from "./chunks/chunk-YLR7UJXB.mjs";
import "./chunks/chunk-DQMFXTEK.mjs";
import "./chunks/chunk-Z7RAPLQG.mjs";
import "./chunks/chunk-YCUJWGLV.mjs";
import "./chunks/chunk-Z23XBSUY.mjs";
import "./chunks/chunk-Y2YT5TPM.mjs";
import "./chunks/chunk-CH3IBD3Z.mjs";
import "./chunks/chunk-WNJDMP3Z.mjs";
import "./chunks/chunk-B3WWLTUJ.mjs";
import "./chunks/chunk-OIH5UBWA.mjs";

// actions/src/entry/actions/main.ts
await dispatch({
  bump: () => import("./bump.mjs"),
  promote: () => import("./promote.mjs"),
  rollback: () => import("./rollback.mjs"),
  block: () => import("./block.mjs"),
  unblock: () => import("./unblock.mjs"),
  status: () => import("./status.mjs"),
  history: () => import("./history.mjs"),
  audit: () => import("./audit.mjs"),
  validate: () => import("./validate.mjs"),
  analyze: () => import("./analyze.mjs")
});
