import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  dispatch
} from "../chunks/chunk-WYZOXJG2.mjs";
import "../chunks/chunk-EYRQ5NPH.mjs";
import "../chunks/chunk-V7TZ7IZD.mjs";
import "../chunks/chunk-FEXO6RZX.mjs";
import "../chunks/chunk-2MIHVAKS.mjs";
import "../chunks/chunk-BMJHM4QJ.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-233SOQW7.mjs";
import "../chunks/chunk-GJM5S2TE.mjs";
import "../chunks/chunk-IINOOR3S.mjs";
import "../chunks/chunk-XFA7WSEW.mjs";
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
