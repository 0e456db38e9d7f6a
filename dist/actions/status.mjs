import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-LX3U2VGI.mjs";
import {
  statusSummary
} from "../chunks/chunk-Z2OCH3PF.mjs";
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

// actions/src/entry/actions/status.ts
var status = {
  name: "status",
  getInputs: (_input, repo) => repo,
  run: async (inputs, context) => (await import("../chunks/status-L5H5L5TV.mjs")).runStatus({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ "status-json": JSON.stringify(r) }),
  summary: statusSummary
};
await runAction(status);
