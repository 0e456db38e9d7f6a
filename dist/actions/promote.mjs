import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  personKey
} from "../chunks/chunk-DP2FYMJI.mjs";
import {
  deliveryInputs,
  deploymentPlan,
  notice,
  requestContext,
  runAction,
  setSecret,
  warning
} from "../chunks/chunk-N7IDPXQP.mjs";
import {
  awaitsApprovalsAlone,
  blockText,
  promoteSummary,
  promoteVerdict,
  rollbackText
} from "../chunks/chunk-BEZTHVO6.mjs";
import "../chunks/chunk-7THEBNKC.mjs";
import "../chunks/chunk-SK2V36WJ.mjs";
import "../chunks/chunk-372JGWAG.mjs";
import "../chunks/chunk-TTKF36OU.mjs";
import "../chunks/chunk-FJ6XG4P3.mjs";
import "../chunks/chunk-C4EZRMXW.mjs";
import "../chunks/chunk-VVEEDHSD.mjs";
import {
  toJson
} from "../chunks/chunk-6P7B2YDZ.mjs";
import "../chunks/chunk-OSG537VB.mjs";
import "../chunks/chunk-FD6ZWLQC.mjs";
import {
  formatProblem,
  quote
} from "../chunks/chunk-4TMDRVSR.mjs";
import "../chunks/chunk-VPQIS2RW.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/promote.ts
var APPROVAL_SOURCES = ["run", "pull-request"];
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
      dryRun: input.boolean("dry-run"),
      prometheus: input.optional("prometheus"),
      approvalsFrom: approvalSources(input.optional("approvals-from") === void 0 ? [...APPROVAL_SOURCES] : input.list("approvals-from"), input.problem.bind(input)),
      ...deliveryInputs(input),
      reportPath: input.optional("report-path"),
      maxAttempts: input.positiveInt("max-attempts"),
      // The plan output of the plan job (promote.yml): this plan, or nothing written.
      expect: input.list("expect")
    };
  },
  run: async ({ deployments: _d, environmentUrl: _u, approvalsFrom, reportPath: _r, ...inputs }, context) => {
    const needs = inputs.mode === "pull-request" ? "mode: pull-request" : inputs.commitVia === "api" ? "commit-via: api" : void 0;
    const github = needs ? await context.githubTarget(needs) : void 0;
    const { runPromote, unusedOverride } = await import("../chunks/promote-4BDUECI4.mjs");
    const { changesBranch, LANDED_NOTE } = await import("../chunks/delivery-SYQX3IAN.mjs");
    const approvers = approvalsFrom.length ? async (plan, { required }) => context.approvers({
      environment: inputs.to,
      required,
      ...inputs.requestedBy !== void 0 ? { requester: inputs.requestedBy } : {},
      run: approvalsFrom.includes("run"),
      ...approvalsFrom.includes("pull-request") ? { pullRequestHead: changesBranch(plan.to, plan.promotions), proposal: plan.files ?? plan.promotions.map((p) => ({ path: p.manifest, diff: p.diff })) } : {}
    }) : void 0;
    const result = await runPromote({ ...inputs, ...approvers ? { approvers } : {}, ...github ? { github } : {}, progress: context.progress, phase: context.phase, secret: (value) => setSecret(value) });
    if (inputs.mode === "pull-request" && inputs.pullRequest.autoMerge && result.awaitingApproval) {
      context.progress(`auto-merge (${inputs.pullRequest.autoMerge}) not enabled on ${result.pullRequestUrl ?? "the pull request"}: the promotion awaits its approvals; run it again once they are given`);
    }
    const unused = unusedOverride(result, inputs.override);
    if (unused) warning(`ferry promote: ${unused}`, { title: `ferry promote: override of ${inputs.override.gate} not used` });
    if (result.notice) warning(`ferry promote: ${result.notice}`, { title: `ferry promote: pull request #${result.pullRequestNumber ?? ""}` });
    for (const l of result.leftOut ?? []) {
      warning(`${l.app} left out of the promotion ${result.from} -> ${result.to}: ${leftOutWhy(l, result.from, result.to)}; ${result.to} keeps ${l.previousImage || "(none)"}`, {
        title: `ferry promote: ${l.app} left out (${l.kind === "undeployed" ? "never deployed" : l.kind === "source-undeployed" ? `never deployed in ${result.from}` : "blocked"})`
      });
    }
    const reviewed = context.reviewedPullRequest();
    if (reviewed && result.status === "succeeded" && inputs.mode === "push") {
      try {
        await (await context.github())?.closePullRequest({ ...reviewed, note: `${LANDED_NOTE} ${result.commit}${result.commitUrl ? ` (${result.commitUrl})` : ""}.` });
        context.progress(`closed pull request #${reviewed.number}: the promotion it proposed landed in ${result.commit.slice(0, 12)}`);
      } catch (error) {
        warning(`ferry promote: could not close pull request #${reviewed.number} (${reviewed.url}): ${error.message}`);
      }
    }
    const own = inputs.requestedBy !== void 0 && inputs.approvedBy.some((a) => personKey(a) === personKey(inputs.requestedBy));
    if (inputs.dryRun && result.status === "stopped" && !own && awaitsApprovalsAlone(result)) {
      const approvals = result.gates.find((g) => g.gate === "approvals");
      const notRun = result.gates.filter((g) => g.notRun).map((g) => g.gate);
      notice(`ferry promote: ${result.from} -> ${result.to} awaits approval (approvals: ${approvals.reason}); every other gate passes${result.override ? ` (${result.override.gate} overridden)` : ""}${notRun.length ? `, but ${notRun.join(", ")}, measured once approved` : ""}; nothing written (dry run)`, { title: "ferry promote: awaiting approval" });
      return { ...result, status: "planned", awaitingApproval: true };
    }
    return result;
  },
  outputs: (r, context) => ({
    status: r.status,
    verdict: promoteVerdict(r),
    commit: r.commit,
    "commit-url": r.commitUrl ?? context.commitUrl(r.commit),
    "pull-request-url": r.pullRequestUrl ?? "",
    gates: toJson(r.gates),
    "left-out": JSON.stringify((r.leftOut ?? []).map((l) => l.app)),
    // What it promotes, as `expect` takes it (planExpect, core/promote.ts): each app from its digest
    // over what the target pins, so that the promote job given the plan job's writes it, or nothing
    // if the source or the target changed since (a rollback there, another promotion, a bump).
    plan: r.expect ?? ""
  }),
  // The plan whole (every promotion with its diff, every gate, the apps left out): the outputs hold what fits.
  report: (i) => i.reportPath,
  log: (r) => ({
    Plan: [
      ...r.promotions.map((p) => `${p.app}  ${p.previousImage || "(none)"}
  -> ${p.image}
${p.rolledBack ? `  ${rollbackText(p.rolledBack)}
` : ""}${p.diff}`),
      ...(r.leftOut ?? []).map((l) => `${l.app}  left out: ${leftOutWhy(l, r.from, r.to)}`),
      ...(r.heldBack ?? []).map((h) => `${h.app}  held back: not in the plan given (expect): ${r.from} pins ${h.image}; ${r.to} keeps ${h.previousImage || "(none)"}`)
    ].join("\n") || `nothing to promote: ${r.to} already pins what ${r.from} pins`,
    Gates: r.gates.map((g) => `${g.gate.padEnd(9)} ${g.verdict.padEnd(5)} ${g.reason}`).join("\n") || "no gates (nothing to promote)"
  }),
  failure: (r) => promoteVerdict(r) !== "stopped" ? void 0 : {
    headline: `promotion ${r.from} -> ${r.to} stopped by gates (${r.gates.filter((g) => g.verdict !== "pass").map((g) => g.gate).join(", ")}); nothing written${r.promotions.some((p) => p.blocked) ? ` (a blocked digest cannot be overridden: leave ${r.promotions.filter((p) => p.blocked).map((p) => p.app).join(", ")} out, promoting the others by name, or unblock it)` : ""}`,
    annotations: r.gates.filter((g) => g.verdict !== "pass").map((g) => ({ title: `ferry promote: gate ${g.gate} ${g.verdict}`, message: `${g.gate}: ${g.reason}${g.gate === r.override?.gate && g.gate !== "blocked" ? " (overridden)" : ""}` }))
  },
  deployments: (i) => deploymentPlan(i, i.to, i.apps),
  deployed: (r) => promoteVerdict(r) === "stopped" ? { state: "failure", commit: r.commit, apps: r.promotions.map((p) => p.app), description: `stopped by gates: ${r.gates.filter((g) => g.verdict !== "pass").map((g) => g.gate).join(", ")}` } : { state: "success", commit: r.commit, apps: r.promotions.map((p) => p.app), description: `${r.status === "skipped" ? "already promoted" : "promoted"} from ${r.from} (${r.commit.slice(0, 12)})` },
  statusOutput: true,
  // The core's request check speaks the CLI's flags: --app, --all.
  inputNames: { app: "apps", all: "all: true" },
  summary: promoteSummary
};
function leftOutWhy(l, from, to) {
  if (l.kind === "undeployed") return `${l.image} would never be deployed in ${to}: ${formatProblem(l.problem)}`;
  if (l.kind === "source-undeployed") return `its pin in ${from}, ${l.image}, is never deployed (${from} never ran that digest): ${formatProblem(l.problem)}`;
  return `${l.image} is ${blockText(l.blocked)}`;
}
function approvalSources(items, problem) {
  if (items.length === 1 && items[0] === "none") return [];
  const bad = items.filter((i) => !APPROVAL_SOURCES.includes(i));
  if (bad.length || !items.length) problem("approvals-from", `expected run, pull-request, both (run,pull-request) or none, found ${quote(items.join(","))}`);
  return APPROVAL_SOURCES.filter((s) => items.includes(s));
}
await runAction(promote);
