import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-55NXMRKT.mjs";
import {
  statusSummary
} from "../chunks/chunk-7MKHHYJJ.mjs";
import "../chunks/chunk-TMA6KGSS.mjs";
import "../chunks/chunk-NXZCGFG6.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-CEE7P4QR.mjs";
import "../chunks/chunk-4ZG5J63W.mjs";
import "../chunks/chunk-BMJHM4QJ.mjs";
import "../chunks/chunk-HOITXGPY.mjs";
import "../chunks/chunk-RA3OP3UF.mjs";
import "../chunks/chunk-O7LLLE7C.mjs";
import "../chunks/chunk-XFOEQZ4L.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/status.ts
var status = {
  name: "status",
  getInputs: (_input, repo) => repo,
  run: async (inputs, context) => (await import("../chunks/status-MOWBZ4OD.mjs")).runStatus({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ "status-json": JSON.stringify(r) }),
  summary: statusSummary
};
await runAction(status);
