import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  dispatch
} from "../chunks/chunk-5CNJ7HJH.mjs";
import "../chunks/chunk-ON57GVBW.mjs";
import "../chunks/chunk-A7RFYI36.mjs";
import "../chunks/chunk-FQGFCCAO.mjs";
import "../chunks/chunk-372JGWAG.mjs";
import "../chunks/chunk-2WJ46ZKU.mjs";
import "../chunks/chunk-NGM75GZM.mjs";
import "../chunks/chunk-WHIQW3RN.mjs";
import "../chunks/chunk-VVEEDHSD.mjs";
import "../chunks/chunk-6P7B2YDZ.mjs";
import "../chunks/chunk-OSG537VB.mjs";
import "../chunks/chunk-QWHCRV4M.mjs";
import "../chunks/chunk-AVH2EDAZ.mjs";
import "../chunks/chunk-3K55XSFB.mjs";
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
