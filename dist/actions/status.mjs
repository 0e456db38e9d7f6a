import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-7CTEFPHL.mjs";
import {
  statusSummary
} from "../chunks/chunk-5T4ZKJTE.mjs";
import "../chunks/chunk-EDI7MJFW.mjs";
import "../chunks/chunk-3APD3XNS.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-ZAJLAV24.mjs";
import "../chunks/chunk-4ZG5J63W.mjs";
import "../chunks/chunk-CZBSOFID.mjs";
import "../chunks/chunk-HPIX6MIE.mjs";
import "../chunks/chunk-BRWC3FI3.mjs";
import "../chunks/chunk-DBVFLN7T.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/status.ts
var status = {
  name: "status",
  getInputs: (_input, repo) => repo,
  run: async (inputs, context) => (await import("../chunks/status-VFXT7XFL.mjs")).runStatus({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ "status-json": JSON.stringify(r) }),
  summary: statusSummary
};
await runAction(status);
