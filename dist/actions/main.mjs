import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  dispatch
} from "./chunks/chunk-DVTHXSJB.mjs";
import "./chunks/chunk-Z7RAPLQG.mjs";
import "./chunks/chunk-2XICRC36.mjs";
import "./chunks/chunk-HHUKJB4C.mjs";
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
  validate: () => import("./validate.mjs")
});
