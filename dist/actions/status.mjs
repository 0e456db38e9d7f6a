import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction,
  statusSummary
} from "./chunks/chunk-DVTHXSJB.mjs";
import "./chunks/chunk-Z7RAPLQG.mjs";
import "./chunks/chunk-2XICRC36.mjs";
import "./chunks/chunk-HHUKJB4C.mjs";
import "./chunks/chunk-OIH5UBWA.mjs";

// actions/src/entry/actions/status.ts
var status = {
  name: "status",
  getInputs: (_input, repo) => repo,
  run: async (inputs) => (await import("./chunks/status-KHX7RG5B.mjs")).runStatus(inputs),
  outputs: (r) => ({ "status-json": JSON.stringify(r) }),
  summary: statusSummary
};
await runAction(status);
