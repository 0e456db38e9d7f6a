import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  promoteSummary,
  promoteVerdict,
  requestContext,
  runAction
} from "./chunks/chunk-DVTHXSJB.mjs";
import "./chunks/chunk-Z7RAPLQG.mjs";
import "./chunks/chunk-2XICRC36.mjs";
import "./chunks/chunk-HHUKJB4C.mjs";
import "./chunks/chunk-OIH5UBWA.mjs";

// actions/src/entry/actions/promote.ts
var promote = {
  name: "promote",
  getInputs: (input, repo) => {
    const [gate, reason] = [input.optional("override"), input.optional("reason")];
    if (gate === void 0 !== (reason === void 0)) input.problem(gate === void 0 ? "override" : "reason", `is required with ${gate === void 0 ? "reason" : "override"}: override names the gate, reason says why`);
    return {
      ...repo,
      from: input.required("from"),
      to: input.required("to"),
      apps: input.list("apps"),
      all: input.boolean("all"),
      approvedBy: input.list("approved-by"),
      ...gate && reason ? { override: { gate, reason } } : {},
      ...requestContext(input),
      dryRun: input.boolean("dry-run")
    };
  },
  run: async (inputs, context) => (await import("./chunks/promote-GNRRDVIS.mjs")).runPromote({ ...inputs, progress: context.progress }),
  outputs: (r, context) => ({ status: r.status, verdict: promoteVerdict(r), commit: r.commit, "commit-url": context.commitUrl(r.commit), gates: JSON.stringify(r.gates) }),
  log: (r) => ({
    Plan: r.promotions.map((p) => `${p.app}  ${p.previousImage || "(none)"}
  -> ${p.image}
${p.diff}`).join("\n") || `nothing to promote: ${r.to} already pins what ${r.from} pins`,
    Gates: r.gates.map((g) => `${g.gate.padEnd(9)} ${g.verdict.padEnd(5)} ${g.reason}`).join("\n") || "no gates (nothing to promote)"
  }),
  failure: (r) => promoteVerdict(r) !== "stopped" ? void 0 : {
    headline: `promotion ${r.from} -> ${r.to} stopped by gates (${r.gates.filter((g) => g.verdict !== "pass").map((g) => g.gate).join(", ")}); nothing written`,
    annotations: r.gates.filter((g) => g.verdict !== "pass").map((g) => ({ title: `ferry promote: gate ${g.gate} ${g.verdict}`, message: `${g.gate}: ${g.reason}${g.gate === r.override?.gate && g.gate !== "blocked" ? " (overridden)" : ""}` }))
  },
  summary: promoteSummary
};
await runAction(promote);
