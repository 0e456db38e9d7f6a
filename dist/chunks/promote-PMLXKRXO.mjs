import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  changesBranch,
  checkDelivery,
  deliver
} from "./chunk-NYRW4AZH.mjs";
import "./chunk-JVA6HNX6.mjs";
import {
  writePhase,
  writerPhases
} from "./chunk-YXNVHXFY.mjs";
import {
  pinEvents
} from "./chunk-DZPUN77J.mjs";
import {
  utc
} from "./chunk-HPIX6MIE.mjs";
import {
  HttpPrometheus,
  systemClock
} from "./chunk-LFYTDQX5.mjs";
import {
  GateError,
  checkPromoteRequest,
  hasMeasuredGates,
  measureGates,
  planPromote,
  promotionKeys
} from "./chunk-MYEGMXV6.mjs";
import "./chunk-WGXKTQSU.mjs";
import "./chunk-XJYKXEFU.mjs";
import {
  BLOCKLIST_FILE
} from "./chunk-3MRCRTT3.mjs";
import "./chunk-HW52TOZY.mjs";
import {
  GitEnvRepo,
  redactUrl,
  reportRetries
} from "./chunk-NH3V2WCL.mjs";
import {
  CONFIG_FILE,
  readConfig
} from "./chunk-S5K7F6KC.mjs";
import "./chunk-MY5OWULS.mjs";
import "./chunk-C4OZCMLB.mjs";
import {
  shortDigest
} from "./chunk-FDIDMGTW.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";

// actions/src/core/job-summary.ts
var MAX_ROWS = 100;
function commitUrl(links, commit) {
  return links.repo && /^[0-9a-f]{7,64}$/.test(commit) ? `${links.repo}/commit/${commit}` : "";
}
function promoteVerdict(result) {
  const failing = result.gates.filter((g) => g.verdict !== "pass");
  const pending = (g) => result.awaitingApproval === true && g.gate === "approvals";
  if (result.status === "stopped" || failing.some((g) => (g.gate === "blocked" || g.gate !== result.override?.gate) && !pending(g))) return "stopped";
  if (failing.some(pending)) return "awaiting-approval";
  return failing.length ? "overridden" : "pass";
}
function cell(text) {
  return text.replace(/\r?\n/g, " ").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|");
}
function code(text) {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${ticks}${pad}${text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|")}${pad}${ticks}`;
}
function fenced(text, lang) {
  const longest = Math.max(2, ...(text.match(/^ {0,3}`{3,}/gm) ?? []).map((run) => run.trim().length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang}
${text.trimEnd()}
${fence}`;
}
function table(header, rows) {
  const shown = rows.slice(0, MAX_ROWS);
  const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...shown.map((r) => `| ${r.join(" | ")} |`)];
  if (rows.length > shown.length) lines.push("", `… and ${rows.length - shown.length} more (the action's JSON output has them all).`);
  return lines.join("\n");
}
function commitLink(links, commit) {
  const url = commitUrl(links, commit);
  return url ? `[${code(commit.slice(0, 12))}](${url})` : code(commit.slice(0, 12));
}
function imageCell(image) {
  if (!image) return "(none)";
  const at = image.lastIndexOf("@");
  if (at < 0) return code(image);
  const name = image.slice(0, at);
  const colon = name.lastIndexOf(":");
  return pinCell(colon > name.lastIndexOf("/") ? name.slice(colon + 1) : void 0, image.slice(at + 1));
}
function pinCell(tag, digest) {
  return `${tag ? `${code(tag)} ` : ""}${code(shortDigest(digest))}`;
}
function diffBlock(title, diff) {
  return diff.trim() ? `<details><summary>${cell(title)}</summary>

${fenced(diff, "diff")}

</details>` : "";
}
function join(...parts) {
  return `${parts.filter(Boolean).join("\n\n")}
`;
}
function promotePlan(result, links, verdict) {
  const plan = result.promotions.map((p) => [
    cell(p.app),
    imageCell(p.previousImage),
    imageCell(p.image),
    p.sourceCommit ? `${cell(utc(p.sourceDate ?? ""))} (${commitLink(links, p.sourceCommit)})` : "unknown"
  ]);
  const gates = result.gates.map((g) => {
    const overridden = g.verdict !== "pass" && result.override?.gate === g.gate && verdict !== "stopped";
    return [cell(g.gate), g.verdict === "pass" ? "pass" : `**${g.verdict}**${overridden ? " (overridden)" : ""}`, cell(g.reason)];
  });
  return [
    plan.length ? `**Plan**

${table(["app", "before", "after", `in ${cell(result.from)} since`], plan)}` : "",
    gates.length ? `**Gates**

${table(["gate", "verdict", "numbers"], gates)}` : "",
    result.override && verdict === "overridden" ? `Override of ${code(result.override.gate)}: ${cell(result.override.reason)}` : ""
  ];
}
function promotePullRequestBody(result, links = {}) {
  const verdict = promoteVerdict({ status: "succeeded", gates: result.gates, ...result.override ? { override: result.override } : {}, ...result.awaitingApproval ? { awaitingApproval: true } : {} });
  return join(
    `Ferry promotes ${result.promotions.length} app${result.promotions.length === 1 ? "" : "s"} from ${cell(result.from)} to ${cell(result.to)}: ${verdict}.`,
    verdict === "awaiting-approval" ? `**Approvals pending.** Reviews approving this pull request are the approvals ${cell(result.to)} requires; once they are given, run the promotion again (mode \`push\`): it records the reviewers as Ferry-Approved-By. Merging this pull request as it stands lands an unapproved promotion, which \`ferry audit\` reports.` : "",
    ...promotePlan(result, links, verdict),
    ...result.promotions.map((p) => diffBlock(`Diff of ${p.manifest}`, p.diff))
  );
}

// actions/src/entry/commands/promote.ts
async function runPromote(options) {
  checkPromoteRequest(options);
  if (options.mode === "pull-request") options = { ...options, proposal: true };
  checkDelivery({ mode: options.mode, commitVia: options.commitVia, ...options.github ? { github: options.github } : {}, ...options.pullRequest?.autoMerge ? { autoMerge: options.pullRequest.autoMerge } : {} });
  const phase = options.phase ?? (() => {
  });
  phase("Read the env repo and its history");
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE, BLOCKLIST_FILE] });
  try {
    const common = { repo: redactUrl(repo.url), branch: options.branch };
    const now = options.now?.() ?? /* @__PURE__ */ new Date();
    const first = await repo.head();
    const pins = pinEvents(await repo.log(first.commit));
    let measured;
    let analysis;
    const config = await readConfig(first);
    let request = options;
    let approvedKeys;
    if (options.approvers) {
      phase("Plan the promotion");
      const plan = await planPromote(first, options, pins, now, "defer");
      if (plan.write) {
        phase("Read the approvals");
        request = { ...options, approvedBy: [...options.approvedBy, ...await options.approvers(plan.result)] };
        approvedKeys = promotionKeys(plan.result.promotions);
      }
    }
    if (hasMeasuredGates(config, options.to)) {
      phase("Measure the analysis gates");
      const preview = await planPromote(first, request, pins, now, "defer");
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
            ...options.progress ? { progress: options.progress } : {},
            ...options.secret ? { secret: options.secret } : {}
          });
          measured = report;
          analysis = { runs: report.runs, comparisons: report.comparisons };
        }
      }
    }
    const extra = analysis ? { analysis } : {};
    try {
      if (options.dryRun) {
        phase("Plan the promotion and evaluate the gates");
        const planned = await planPromote(first, request, pins, now, measured);
        return { status: planned.write ? "planned" : "skipped", ...common, commit: first.commit, attempts: 1, ...planned.result, ...extra };
      }
      const github = options.github;
      const phases = writerPhases(phase, { plan: "Plan the promotion and evaluate the gates", write: writePhase(options.mode, options.commitVia) });
      const outcome = await deliver(repo, async (snapshot) => {
        phases.plan();
        const planned = await planPromote(snapshot, request, pins, now, measured);
        if (approvedKeys && planned.result.promotions.length && promotionKeys(planned.result.promotions).join(" ") !== approvedKeys.join(" ")) {
          throw new Error(`${options.from} changed while the approvals were read (approved ${approvedKeys.join(", ")}; now ${promotionKeys(planned.result.promotions).join(", ")}): nothing written; run the promotion again`);
        }
        if (planned.write) phases.write();
        return planned;
      }, {
        mode: options.mode ?? "push",
        commitVia: options.commitVia ?? "git",
        ...github ? { github } : {},
        branchName: (result) => changesBranch(result.to, result.promotions),
        pullRequest: { ...options.pullRequest, body: options.pullRequest?.body ?? ((result) => promotePullRequestBody(result, github ? { repo: `${(github.serverUrl ?? "https://github.com").replace(/\/+$/, "")}/${github.owner}/${github.repo}` } : {})) },
        writeOptions: { onRetry: reportRetries(options.progress) }
      });
      const links = {
        ...outcome.commitUrl ? { commitUrl: outcome.commitUrl } : {},
        ...outcome.pullRequestUrl ? { pullRequestUrl: outcome.pullRequestUrl, pullRequestNumber: outcome.pullRequestNumber } : {}
      };
      return { status: outcome.status, ...common, commit: outcome.commit, attempts: outcome.attempts, ...outcome.result, ...extra, ...links };
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
