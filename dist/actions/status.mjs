import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-3BAZNCUY.mjs";
import {
  statusSummary
} from "../chunks/chunk-VRQMXDBF.mjs";
import "../chunks/chunk-TMA6KGSS.mjs";
import "../chunks/chunk-NXZCGFG6.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-JIOEPCHE.mjs";
import "../chunks/chunk-RAFOEFAX.mjs";
import "../chunks/chunk-BMJHM4QJ.mjs";
import "../chunks/chunk-HKMZAVOK.mjs";
import "../chunks/chunk-QWN3QDWZ.mjs";
import "../chunks/chunk-QMFC3JA6.mjs";
import "../chunks/chunk-XFOEQZ4L.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/status.ts
var status = {
  name: "status",
  getInputs: (_input, repo) => repo,
  run: async (inputs, context) => (await import("../chunks/status-YPFRHNGT.mjs")).runStatus({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ "status-json": JSON.stringify(r) }),
  summary: statusSummary
};
await runAction(status);
