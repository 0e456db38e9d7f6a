import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  dispatch
} from "../chunks/chunk-N7IDPXQP.mjs";
import "../chunks/chunk-BEZTHVO6.mjs";
import "../chunks/chunk-7THEBNKC.mjs";
import "../chunks/chunk-SK2V36WJ.mjs";
import "../chunks/chunk-372JGWAG.mjs";
import "../chunks/chunk-TTKF36OU.mjs";
import "../chunks/chunk-FJ6XG4P3.mjs";
import "../chunks/chunk-C4EZRMXW.mjs";
import "../chunks/chunk-VVEEDHSD.mjs";
import "../chunks/chunk-6P7B2YDZ.mjs";
import "../chunks/chunk-OSG537VB.mjs";
import "../chunks/chunk-FD6ZWLQC.mjs";
import "../chunks/chunk-4TMDRVSR.mjs";
import "../chunks/chunk-VPQIS2RW.mjs";
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
