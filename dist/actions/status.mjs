import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-TW4U3YXR.mjs";
import {
  statusSummary
} from "../chunks/chunk-7IX3H4B6.mjs";
import "../chunks/chunk-7EIRI7OL.mjs";
import "../chunks/chunk-NXZCGFG6.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-MCRZLVHB.mjs";
import "../chunks/chunk-4ZG5J63W.mjs";
import "../chunks/chunk-BBO3HGUO.mjs";
import "../chunks/chunk-6UNUK4UJ.mjs";
import "../chunks/chunk-Y4D4ZDLF.mjs";
import "../chunks/chunk-G6QK43UO.mjs";
import "../chunks/chunk-AYK5X3UN.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/status.ts
var status = {
  name: "status",
  getInputs: (_input, repo) => repo,
  run: async (inputs, context) => (await import("../chunks/status-IRUQGSBD.mjs")).runStatus({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ "status-json": JSON.stringify(r) }),
  summary: statusSummary
};
await runAction(status);
