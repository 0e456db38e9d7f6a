import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-LJCUN7PO.mjs";
import {
  statusSummary
} from "../chunks/chunk-BUCAWDKF.mjs";
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

// actions/src/entry/actions/status.ts
var status = {
  name: "status",
  getInputs: (_input, repo) => repo,
  run: async (inputs, context) => (await import("../chunks/status-C5E6SGKV.mjs")).runStatus({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ "status-json": JSON.stringify(r) }),
  summary: statusSummary
};
await runAction(status);
