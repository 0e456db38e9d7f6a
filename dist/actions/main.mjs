import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  dispatch
} from "../chunks/chunk-XCM4A52O.mjs";
import "../chunks/chunk-TQTVXH2S.mjs";
import "../chunks/chunk-A7RFYI36.mjs";
import "../chunks/chunk-LHBEOTZI.mjs";
import "../chunks/chunk-372JGWAG.mjs";
import "../chunks/chunk-3POJQCYF.mjs";
import "../chunks/chunk-O4JHPW7F.mjs";
import "../chunks/chunk-C4ZT7KTP.mjs";
import "../chunks/chunk-7KUYXORY.mjs";
import "../chunks/chunk-VVEEDHSD.mjs";
import "../chunks/chunk-6P7B2YDZ.mjs";
import "../chunks/chunk-OSG537VB.mjs";
import "../chunks/chunk-Q662SBGV.mjs";
import "../chunks/chunk-RWAOTREE.mjs";
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
