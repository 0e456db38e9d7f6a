import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-X4SSHRC2.mjs";
import {
  statusSummary
} from "../chunks/chunk-3ZZDSFY6.mjs";
import "../chunks/chunk-2T46GWBU.mjs";
import "../chunks/chunk-NXZCGFG6.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-354FCBTB.mjs";
import "../chunks/chunk-4ZG5J63W.mjs";
import "../chunks/chunk-BBO3HGUO.mjs";
import "../chunks/chunk-CRHGMAM3.mjs";
import "../chunks/chunk-2LNFAGF6.mjs";
import "../chunks/chunk-MLTHUEAN.mjs";
import "../chunks/chunk-DBVFLN7T.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/status.ts
var status = {
  name: "status",
  getInputs: (_input, repo) => repo,
  run: async (inputs, context) => (await import("../chunks/status-P3JDRAGO.mjs")).runStatus({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ "status-json": JSON.stringify(r) }),
  summary: statusSummary
};
await runAction(status);
