import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  dispatch
} from "../chunks/chunk-LJCUN7PO.mjs";
import "../chunks/chunk-BUCAWDKF.mjs";
import "../chunks/chunk-TFJNBHKA.mjs";
import "../chunks/chunk-NXZCGFG6.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-X6JCJP5O.mjs";
import "../chunks/chunk-4ZG5J63W.mjs";
import "../chunks/chunk-BMJHM4QJ.mjs";
import "../chunks/chunk-PPD4KIFP.mjs";
import "../chunks/chunk-46DNWRYD.mjs";
import "../chunks/chunk-WWSMVM2U.mjs";
import "../chunks/chunk-CVU5WLYD.mjs";
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
