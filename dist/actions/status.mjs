import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-4I4IQEUU.mjs";
import {
  statusSummary
} from "../chunks/chunk-ZZZGT3AI.mjs";
import "../chunks/chunk-JVA6HNX6.mjs";
import "../chunks/chunk-HPIX6MIE.mjs";
import "../chunks/chunk-WGXKTQSU.mjs";
import "../chunks/chunk-C4OZCMLB.mjs";
import "../chunks/chunk-UE6PJZWQ.mjs";
import "../chunks/chunk-DI7RGCQB.mjs";
import "../chunks/chunk-W4Y3ZVTF.mjs";
import "../chunks/chunk-FDIDMGTW.mjs";
import "../chunks/chunk-DBVFLN7T.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/status.ts
var status = {
  name: "status",
  getInputs: (_input, repo) => repo,
  run: async (inputs, context) => (await import("../chunks/status-QVPI7HVT.mjs")).runStatus({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ "status-json": JSON.stringify(r) }),
  summary: statusSummary
};
await runAction(status);
