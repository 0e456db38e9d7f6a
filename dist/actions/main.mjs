import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  dispatch
} from "../chunks/chunk-CYEIMUKO.mjs";
import "../chunks/chunk-IMSQJ5CP.mjs";
import "../chunks/chunk-VDAU36UY.mjs";
import "../chunks/chunk-372JGWAG.mjs";
import "../chunks/chunk-JZWZNXM5.mjs";
import "../chunks/chunk-QKYQIUCT.mjs";
import "../chunks/chunk-ONOTEMMT.mjs";
import "../chunks/chunk-56U3G7UT.mjs";
import "../chunks/chunk-4VVGU7GO.mjs";
import "../chunks/chunk-QNVVFN4A.mjs";
import "../chunks/chunk-XB4RJEDM.mjs";
import "../chunks/chunk-LPCDH46Z.mjs";
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
