import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  dispatch
} from "../chunks/chunk-SMV3O5UA.mjs";
import "../chunks/chunk-EUMJK2TK.mjs";
import "../chunks/chunk-OPATQYSN.mjs";
import "../chunks/chunk-HILDV4SG.mjs";
import "../chunks/chunk-PGYWCCKY.mjs";
import "../chunks/chunk-BMJHM4QJ.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-233SOQW7.mjs";
import "../chunks/chunk-WO2H44FO.mjs";
import "../chunks/chunk-S2OUAEDI.mjs";
import "../chunks/chunk-KI4S27RC.mjs";
import "../chunks/chunk-XLTZMVS4.mjs";
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
