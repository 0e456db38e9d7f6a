import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-4GFUHQS7.mjs";
import {
  statusSummary
} from "../chunks/chunk-36UZIHDQ.mjs";
import "../chunks/chunk-JMOOSAW4.mjs";
import "../chunks/chunk-HPIX6MIE.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-74QKTKSY.mjs";
import "../chunks/chunk-DI7RGCQB.mjs";
import "../chunks/chunk-CZBSOFID.mjs";
import "../chunks/chunk-FDIDMGTW.mjs";
import "../chunks/chunk-DBVFLN7T.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/status.ts
var status = {
  name: "status",
  getInputs: (_input, repo) => repo,
  run: async (inputs, context) => (await import("../chunks/status-AJPVKIWO.mjs")).runStatus({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ "status-json": JSON.stringify(r) }),
  summary: statusSummary
};
await runAction(status);
