import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  pinEvents
} from "./chunk-DZPUN77J.mjs";
import "./chunk-HPIX6MIE.mjs";
import {
  HttpPrometheus,
  systemClock
} from "./chunk-BHUJP3TU.mjs";
import {
  GateError,
  checkPromoteRequest,
  hasMeasuredGates,
  measureGates,
  planPromote,
  promotionKeys
} from "./chunk-EK7BYUDY.mjs";
import "./chunk-UBVT45KH.mjs";
import "./chunk-XJYKXEFU.mjs";
import {
  BLOCKLIST_FILE
} from "./chunk-T5GMCZM3.mjs";
import "./chunk-HW52TOZY.mjs";
import {
  GitEnvRepo,
  redactUrl,
  reportRetries,
  writeChange
} from "./chunk-NH3V2WCL.mjs";
import {
  CONFIG_FILE,
  readConfig
} from "./chunk-S5K7F6KC.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-MY5OWULS.mjs";
import "./chunk-FDIDMGTW.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";

// actions/src/entry/commands/promote.ts
async function runPromote(options) {
  checkPromoteRequest(options);
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE, BLOCKLIST_FILE] });
  try {
    const common = { repo: redactUrl(repo.url), branch: options.branch };
    const now = options.now?.() ?? /* @__PURE__ */ new Date();
    const first = await repo.head();
    const pins = pinEvents(await repo.log(first.commit));
    let measured;
    let analysis;
    const config = await readConfig(first);
    if (hasMeasuredGates(config, options.to)) {
      const preview = await planPromote(first, options, pins, now, "defer");
      if (preview.write) {
        const blocking = preview.result.gates.filter((g) => g.verdict !== "pass" && (g.gate === "blocked" || g.gate !== options.override?.gate));
        const gates = config.environments.find((e) => e.name === options.to).gates;
        if (blocking.length) {
          const names = [...gates.analysis?.length ? ["analysis"] : [], ...gates.compare ? ["compare"] : []];
          measured = { keys: promotionKeys(preview.result.promotions), verdicts: names.map((gate) => ({ gate, verdict: "error", reason: `not run: ${blocking.map((b) => b.gate).join(", ")} did not pass` })) };
        } else {
          const report = await measureGates({ config, snapshot: first, from: options.from, to: options.to, promotions: preview.result.promotions, pins }, {
            prometheus: options.measure?.prometheus ?? new HttpPrometheus(),
            clock: options.measure?.clock ?? systemClock,
            env: options.measure?.env ?? process.env,
            ...options.measure?.signal ? { signal: options.measure.signal } : {},
            ...options.prometheus !== void 0 ? { prometheusAddress: options.prometheus } : {},
            ...options.progress ? { progress: options.progress } : {}
          });
          measured = report;
          analysis = { runs: report.runs, comparisons: report.comparisons };
        }
      }
    }
    const extra = analysis ? { analysis } : {};
    try {
      if (options.dryRun) {
        const planned = await planPromote(first, options, pins, now, measured);
        return { status: planned.write ? "planned" : "skipped", ...common, commit: first.commit, attempts: 1, ...planned.result, ...extra };
      }
      const outcome = await writeChange(repo, (snapshot) => planPromote(snapshot, options, pins, now, measured), {
        onRetry: reportRetries(options.progress)
      });
      return { status: outcome.status, ...common, commit: outcome.commit, attempts: outcome.attempts, ...outcome.result, ...extra };
    } catch (error) {
      if (error instanceof GateError) return { status: "stopped", ...common, commit: first.commit, attempts: 1, ...error.result, ...extra };
      throw error;
    }
  } finally {
    await repo.close();
  }
}
export {
  runPromote
};
