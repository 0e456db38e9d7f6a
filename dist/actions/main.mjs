import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  dispatch
} from "../chunks/chunk-LX3U2VGI.mjs";
import "../chunks/chunk-Z2OCH3PF.mjs";
import "../chunks/chunk-UFVM4H4R.mjs";
import "../chunks/chunk-NXZCGFG6.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-QI3S2G36.mjs";
import "../chunks/chunk-4ZG5J63W.mjs";
import "../chunks/chunk-ENXHTVIZ.mjs";
import "../chunks/chunk-AMYT7MCG.mjs";
import "../chunks/chunk-N3UI7WBC.mjs";
import "../chunks/chunk-TS73BHZN.mjs";
import "../chunks/chunk-U4EZ2NQP.mjs";
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
