import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  dispatch
} from "../chunks/chunk-TW4U3YXR.mjs";
import "../chunks/chunk-7IX3H4B6.mjs";
import "../chunks/chunk-7EIRI7OL.mjs";
import "../chunks/chunk-NXZCGFG6.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-MCRZLVHB.mjs";
import "../chunks/chunk-4ZG5J63W.mjs";
import "../chunks/chunk-BBO3HGUO.mjs";
import "../chunks/chunk-6UNUK4UJ.mjs";
import "../chunks/chunk-Y4D4ZDLF.mjs";
import "../chunks/chunk-G6QK43UO.mjs";
import "../chunks/chunk-AYK5X3UN.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

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
