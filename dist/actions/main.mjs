import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  dispatch
} from "../chunks/chunk-SRJ3IGB3.mjs";
import "../chunks/chunk-DF6OLZT4.mjs";
import "../chunks/chunk-VDAU36UY.mjs";
import "../chunks/chunk-372JGWAG.mjs";
import "../chunks/chunk-EZZUIU2N.mjs";
import "../chunks/chunk-QJJJBREP.mjs";
import "../chunks/chunk-ONOTEMMT.mjs";
import "../chunks/chunk-BMJHM4QJ.mjs";
import "../chunks/chunk-X4SRLE5W.mjs";
import "../chunks/chunk-3J5HMRZO.mjs";
import "../chunks/chunk-MEO6MF5U.mjs";
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
