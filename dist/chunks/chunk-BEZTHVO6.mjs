import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  formatAnalysisMarkdown
} from "./chunk-7THEBNKC.mjs";
import {
  CUT_CELL,
  MAX_PULL_REQUEST_BODY,
  code,
  cutShort,
  fenced,
  htmlText,
  shortCell
} from "./chunk-372JGWAG.mjs";
import {
  actionText,
  byText
} from "./chunk-FJ6XG4P3.mjs";
import {
  redactUrl
} from "./chunk-OSG537VB.mjs";
import {
  imageParts,
  shortDigest
} from "./chunk-FD6ZWLQC.mjs";
import {
  formatProblem
} from "./chunk-4TMDRVSR.mjs";
import {
  utc
} from "./chunk-VPQIS2RW.mjs";

// actions/src/core/pin-origin.ts
var PASSED_MAX = 20;
var PASSED_SHOWN = 5;
function originPins(pins, trailersOf) {
  return pins.map((pin) => {
    const t = trailersOf(pin.commit);
    const one = (key) => t?.get(key)?.[0];
    const [from, requestedBy, sourceRevision, run, reason] = [one("Ferry-From"), one("Ferry-Requested-By"), one("Ferry-Source-Revision"), one("Ferry-Run"), one("Ferry-Reason")];
    return {
      ...pin,
      ...from !== void 0 ? { from } : {},
      ...requestedBy !== void 0 ? { requestedBy } : {},
      ...sourceRevision !== void 0 ? { sourceRevision } : {},
      ...run !== void 0 ? { run } : {},
      ...reason !== void 0 ? { reason } : {}
    };
  });
}
function provenanceOf(pins, trailersOf, manifests) {
  let byApp;
  const group = () => {
    if (byApp) return byApp;
    byApp = /* @__PURE__ */ new Map();
    for (const pin of pins) {
      const list = byApp.get(pin.app);
      if (list) list.push(pin);
      else byApp.set(pin.app, [pin]);
    }
    return byApp;
  };
  let strays;
  const candidates = (app) => {
    const own = group().get(app) ?? [];
    if (!manifests) return own;
    strays ??= pins.filter((pin) => !manifests.isApp(pin.app));
    const image = manifests.image(app);
    const ofImage = (pin) => {
      const name = imageParts(pin.image).name;
      return image !== void 0 && (name === image || name.endsWith(`/${image}`));
    };
    const others = strays.filter(ofImage);
    if (!others.length) return own;
    const mine = /* @__PURE__ */ new Set([...own, ...others]);
    return pins.filter((pin) => mine.has(pin));
  };
  const lists = /* @__PURE__ */ new Map();
  const read = (apps) => {
    const asked = [...new Set(apps)].filter((app) => !lists.has(app));
    if (!asked.length) return;
    const each = asked.map((app) => ({ app, pins: candidates(app) }));
    const asks = manifests ? each.flatMap(({ app, pins: list }) => list.flatMap((pin) => {
      const path = manifests.path(app, pin.env);
      return path !== void 0 ? [{ commit: pin.commit, path }] : [];
    })) : [];
    const changed = asks.length ? manifests.changed(asks) : Promise.resolve(void 0);
    changed.catch(() => {
    });
    for (const { app, pins: list } of each) {
      lists.set(app, changed.then((set) => {
        const kept = [];
        const untouched = [];
        for (const pin of list) {
          const path = manifests?.path(app, pin.env);
          const did = set === void 0 || path === void 0 ? void 0 : set.has(`${pin.commit} ${path}`);
          if (pin.app === app) (did === false ? untouched : kept).push(pin);
          else if (did === true && !list.some((p) => p.app === app && p.commit === pin.commit && p.env === pin.env)) kept.push(pin);
        }
        return { pins: originPins(kept, trailersOf), untouched: originPins(untouched, trailersOf) };
      }));
    }
  };
  return {
    prefetch: read,
    async of(where) {
      read([where.app]);
      const { pins: list, untouched } = await lists.get(where.app);
      const found = pinOrigin(list, where, untouched, where.app);
      const outOfBand = where.to !== void 0 && where.targetDigest !== void 0 ? outOfBandPin(list, { from: where.env, to: where.to, digest: where.targetDigest }) : void 0;
      return outOfBand ? { ...found, outOfBand } : found;
    }
  };
}
function pinOrigin(pins, where, untouched = [], app) {
  const digestOf = (pin) => imageParts(pin.image).digest;
  let at = where.start === void 0 ? -1 : pins.findIndex((p) => p.commit === where.start && p.env === where.env && digestOf(p) === where.digest);
  if (at < 0) return {};
  const first = pins[at];
  const found = { ...first.requestedBy !== void 0 ? { sourceRequestedBy: first.requestedBy } : {}, sourceAction: first.action };
  const before = (from, env) => {
    for (let j = from + 1; j < pins.length; j++) if (pins[j].env === env && digestOf(pins[j]) === where.digest) return j;
    return -1;
  };
  for (; ; ) {
    const pin = pins[at];
    if (pin.action === "bump") break;
    const next = pin.action === "promote" && pin.from !== void 0 ? before(at, pin.from) : pin.action === "rollback" ? before(at, pin.env) : -2;
    if (next === -2) return { ...found, originUnknown: `${pin.commit.slice(0, 12)} pinned it in ${pin.env} (Ferry-Action: ${pin.action}${pin.action === "promote" ? ", no Ferry-From" : ""}), which does not say where it came from` };
    if (next < 0) {
      const there = pin.action === "promote" ? pin.from : pin.env;
      const named = untouched.find((u) => u.env === there && digestOf(u) === where.digest);
      const alone = named ? `; ${named.commit.slice(0, 12)} names it there in its trailers alone (it did not change the manifest)` : "";
      return { ...found, originUnknown: `${pin.action === "promote" ? `promoted from ${there}` : `rolled back to in ${there}`} by ${pin.commit.slice(0, 12)}, and no Ferry commit pinned it in ${there} before (put there by hand, by ferry init, or by a Ferry commit under another app name)${alone}` };
    }
    at = next;
  }
  const bump = pins[at];
  found.origin = {
    env: bump.env,
    ...app !== void 0 && bump.app !== app ? { app: bump.app } : {},
    commit: bump.commit,
    date: bump.date,
    ...bump.sourceRevision !== void 0 ? { sourceRevision: bump.sourceRevision } : {},
    ...bump.requestedBy !== void 0 ? { requestedBy: bump.requestedBy } : {},
    ...bump.run !== void 0 ? { run: bump.run } : {}
  };
  if (where.targetDigest === void 0 || where.targetDigest === where.digest) return found;
  let end = -1;
  for (let j = at + 1; j < pins.length; j++) {
    if (pins[j].env === bump.env && digestOf(pins[j]) === where.targetDigest) {
      end = j;
      break;
    }
  }
  if (end < 0) return found;
  const passed = [];
  for (let j = end - 1; j > at; j--) {
    const pin = pins[j];
    const digest = digestOf(pin);
    if (pin.env !== bump.env || digest === where.digest || digest === where.targetDigest) continue;
    passed.push({
      image: pin.image,
      commit: pin.commit,
      date: pin.date,
      action: pin.action,
      ...pin.sourceRevision !== void 0 ? { sourceRevision: pin.sourceRevision } : {},
      ...pin.requestedBy !== void 0 ? { requestedBy: pin.requestedBy } : {}
    });
  }
  if (passed.length) {
    found.passedThrough = passed.slice(-PASSED_MAX);
    if (passed.length > PASSED_MAX) found.passedThroughMore = passed.length - PASSED_MAX;
  }
  return found;
}
function outOfBandPin(pins, where) {
  const digestOf = (image) => image === void 0 ? void 0 : imageParts(image).digest;
  if (pins.some((p) => p.env === where.from && (digestOf(p.image) === where.digest || digestOf(p.previousImage) === where.digest))) return void 0;
  const there = pins.find((p) => p.env === where.to);
  if (there && digestOf(there.image) === where.digest) {
    if (there.action === "promote" && there.from === where.from) return void 0;
    return {
      env: where.to,
      action: there.action,
      commit: there.commit,
      date: there.date,
      ...there.requestedBy !== void 0 ? { by: there.requestedBy } : {},
      ...there.action === "rollback" && there.reason !== void 0 ? { reason: there.reason } : {},
      ...there.action === "promote" && there.from !== void 0 ? { from: there.from } : {}
    };
  }
  if (!there) return void 0;
  return { env: where.to, after: { image: there.image, commit: there.commit, date: there.date } };
}

// actions/src/core/job-summary.ts
var MAX_ROWS = 100;
var MAX_CELL = 1e3;
function cell(text) {
  return shortCell(text, MAX_CELL);
}
var MAX_MESSAGE = 10 * MAX_CELL;
function repoWebUrl(repo, serverUrl = "https://github.com") {
  let url;
  let server;
  try {
    url = new URL(repo);
    server = new URL(serverUrl);
  } catch {
    return void 0;
  }
  if (url.protocol !== "https:" || url.origin !== server.origin && url.origin !== "https://github.com") return void 0;
  const path = /^\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url.pathname);
  if (!path || url.search || url.hash) return void 0;
  return `${url.origin}/${path[1]}/${path[2]}`;
}
function commitUrl(links, commit) {
  return links.repo && /^[0-9a-f]{7,64}$/.test(commit) ? `${links.repo}/commit/${commit}` : "";
}
function promoteVerdict(result) {
  const failing = result.gates.filter((g) => g.verdict !== "pass");
  const pending = (g) => result.awaitingApproval === true && (g.gate === "approvals" || g.notRun === true);
  if (result.status === "stopped" || failing.some((g) => (g.gate === "blocked" || g.gate !== result.override?.gate) && !pending(g))) return "stopped";
  if (failing.some(pending)) return "awaiting-approval";
  return failing.length ? "overridden" : "pass";
}
function awaitsApprovalsAlone(result) {
  const failing = result.gates.filter((g) => g.verdict !== "pass");
  const approvals = (g) => g.gate === "approvals" && g.verdict === "fail";
  return failing.some(approvals) && failing.every((g) => approvals(g) || g.notRun === true || g.gate !== "blocked" && g.gate === result.override?.gate);
}
var VERDICT_WORDS = { pass: "pass", overridden: "overridden", "awaiting-approval": "awaiting approval", stopped: "stopped" };
var IN_REPORT = "the action's report has them all: the JSON file its `report` output names";
var WHOLE_IN_REPORT = "the action's report has it all: the file its `report` output names";
var WHOLE_IN_LOG = "the step's log has it all";
function table(header, rows, more = IN_REPORT) {
  const shown = rows.slice(0, MAX_ROWS);
  const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...shown.map((r) => `| ${r.join(" | ")} |`)];
  if (rows.length > shown.length) lines.push("", `… and ${rows.length - shown.length} more (${more}).`);
  return lines.join("\n");
}
function commitLink(links, commit) {
  const url = commitUrl(links, commit);
  return url ? `[${code(commit.slice(0, 12))}](${url})` : code(commit.slice(0, 12));
}
function imageCell(image) {
  if (!image) return "(none)";
  const { tag, digest } = imageParts(image);
  return digest === void 0 ? code(image) : pinCell(tag, digest);
}
function pinCell(tag, digest) {
  return `${tag ? `${code(tag)} ` : ""}${code(shortDigest(digest))}`;
}
function diffBlock(title, diff) {
  return diff.trim() ? `<details><summary>${htmlText(title)}</summary>

${fenced(diff, "diff")}

</details>` : "";
}
var MAX_SUMMARY_BYTES = 1024 * 1024;
function withDiffs(parts, diffs, tail, limit, size, where, whole) {
  const head = [...parts, cutNote(parts, whole)];
  const blocks = diffs.map((d) => diffBlock(`Diff of ${d.manifest}`, d.diff)).filter(Boolean);
  const note = (n) => `The diffs of ${n} more manifest${n === 1 ? "" : "s"} are not shown: ${where}.`;
  let room = limit - size(join(...head, ...tail)) - size(note(blocks.length)) - 8;
  let shown = 0;
  for (const block of blocks) {
    const cost = size(block) + 2;
    if (cost > room) break;
    room -= cost;
    shown++;
  }
  const text = join(...head, ...blocks.slice(0, shown), shown < blocks.length ? note(blocks.length - shown) : "", ...tail);
  return withinSize(text, limit, size, where);
}
function withinSize(text, limit, size, where) {
  if (size(text) <= limit) return text;
  const cut = `

… (cut here: ${where})
`;
  let kept = text.slice(0, limit - size(cut));
  for (let over = size(kept) + size(cut) - limit; over > 0; over = size(kept) + size(cut) - limit) kept = kept.slice(0, kept.length - over);
  if (/[\ud800-\udbff]$/.test(kept)) kept = kept.slice(0, -1);
  return `${kept}${cut}`;
}
function cutNote(parts, where) {
  return parts.some((p) => CUT_CELL.test(p)) ? `A text longer than ${MAX_CELL.toLocaleString("en")} characters is cut short where it says so: ${where}.` : "";
}
function summary(parts, tail, where) {
  return withinSize(join(...parts, cutNote(parts, where), ...tail), MAX_SUMMARY_BYTES, bytes, `GitHub shows a job summary of at most 1 MiB; ${where}`);
}
var chars = (text) => text.length;
var bytes = (text) => Buffer.byteLength(text);
function footer(result, links) {
  return [`Env repo ${code(result.repo)}, branch ${code(result.branch)}.`, links.run ? `[Workflow run](${links.run})` : ""].filter(Boolean).join(" ");
}
function join(...parts) {
  return `${parts.filter(Boolean).join("\n\n")}
`;
}
function bumpSummary(result, links) {
  const outcome = result.notice ? `**Not landed.** ${cell(result.notice)}` : result.pullRequestUrl ? result.status === "skipped" ? `Already proposed in ${pullRequestLink(result)} (commit ${commitLink(links, result.commit)}): nothing written.` : `Proposed in ${pullRequestLink(result)} by commit ${commitLink(links, result.commit)}.` : {
    succeeded: `Pinned by commit ${commitLink(links, result.commit)}.`,
    skipped: `Already pinned: nothing written (head ${commitLink(links, result.commit)}).`,
    planned: `Dry run: nothing written (head ${commitLink(links, result.commit)}).`
  }[result.status];
  return summary([
    `### Ferry bump: ${cell(result.app)} in ${cell(result.env)}`,
    table(["app", "env", "before", "after", "manifest"], [[cell(result.app), cell(result.env), imageCell(result.previousImage), imageCell(result.image), code(result.manifest)]]),
    `${outcome}

Image ${code(result.image)}`,
    result.warning ? `> [!WARNING]
> ${cell(result.warning)}` : "",
    diffBlock(`Diff of ${result.manifest}`, result.diff)
  ], [footer(result, links)], WHOLE_IN_LOG);
}
function blockText(block, time = (at) => at) {
  return `blocked for app ${JSON.stringify(block.app)}${block.by ? ` by ${block.by}` : ""}${block.at ? ` at ${time(block.at)}` : ""}: ${block.reason}`;
}
var LEFT_OUT_KINDS = ["blocked", "undeployed", "source-undeployed"];
function leftOutCause(leftOut, from, to) {
  const cause = {
    blocked: `the digest ${from} pins is blocked`,
    undeployed: `the pin in ${to} would never be deployed`,
    "source-undeployed": `the pin in ${from} is never deployed (${from} never ran that digest)`
  };
  const kinds = new Set(leftOut.map((l) => l.kind));
  return LEFT_OUT_KINDS.filter((k) => kinds.has(k)).map((k) => cause[k]).join(", or ");
}
function leftOutUntil(leftOut, from, to) {
  const until = {
    blocked: [`${from} pins another digest or the block is lifted`, "", " (a blocked digest)"],
    undeployed: [`the overlay in ${to} is mended`, " (ferry validate says where)", " (a pin never deployed: ferry validate says where)"],
    "source-undeployed": [`the overlay in ${from} is mended`, " (ferry validate says where)", " (a source pin never deployed: ferry validate says where)"]
  };
  const kinds = LEFT_OUT_KINDS.filter((k) => leftOut.some((l) => l.kind === k));
  return kinds.map((k) => `${until[k][0]}${until[k][kinds.length > 1 ? 2 : 1]}`).join(", or ");
}
function leftOutWhy(l, from) {
  if (l.kind === "blocked") return blockText(l.blocked, utc);
  return `${l.kind === "source-undeployed" ? `${from} never ran that digest: ` : ""}${formatProblem(l.problem)}`;
}
var ISO_TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})(?![\w:+-])/g;
function reasonTimes(gate, promotions) {
  if (gate.gate === "soak" || gate.gate === "freeze") return gate.reason.replace(ISO_TIME, (t) => utc(t));
  if (gate.gate !== "blocked") return gate.reason;
  let reason = gate.reason;
  for (const { blocked } of promotions) {
    if (blocked?.at !== void 0) reason = reason.replace(` at ${blocked.at}: ${blocked.reason}`, () => ` at ${utc(blocked.at)}: ${blocked.reason}`);
  }
  return reason;
}
function rollbackText(note, commit = (sha) => sha.slice(0, 12)) {
  return `rolled back from in ${note.env}${note.by !== void 0 ? ` by ${note.by}` : ""} at ${utc(note.date)} (commit ${commit(note.commit)})${note.reason !== void 0 ? `: ${note.reason}` : ""}`;
}
function outOfBandText(note, commit = (sha) => sha.slice(0, 12)) {
  const by = note.by !== void 0 ? ` by ${note.by}` : "";
  const at = `${note.date !== void 0 ? ` at ${utc(note.date)}` : ""}${note.commit !== void 0 ? ` (commit ${commit(note.commit)})` : ""}`;
  if (note.action === void 0) {
    const after = note.after ? `, after commit ${commit(note.after.commit)} pinned another image there at ${utc(note.after.date)}` : "";
    return `no Ferry commit pinned it in ${note.env}: a change by hand or by another tool${after}`;
  }
  if (note.action === "bump") return `bumped into ${note.env} directly${by}${at}`;
  if (note.action === "rollback") return `rolled back to in ${note.env}${by}${at}${note.reason !== void 0 ? `: ${note.reason}` : ""}`;
  if (note.action === "promote") return `promoted into ${note.env} from ${note.from ?? "an environment not named"}${by}${at}`;
  return `pinned in ${note.env} by Ferry-Action ${note.action}${by}${at}`;
}
function promotePlan(result, links, verdict, more = IN_REPORT, overrideLine = true) {
  const plan = result.promotions.map((p) => [
    cell(p.app),
    imageCell(p.previousImage),
    imageCell(p.image),
    p.sourceCommit ? sinceCell(links, p.sourceCommit, p.sourceDate, p.sourceAction, p.sourceRequestedBy) : "unknown"
  ]);
  const origins = result.promotions.some((p) => p.origin || p.originUnknown !== void 0) ? result.promotions.map((p) => [cell(p.app), ...originCells(p, links, more)]) : [];
  const heldBack = (result.heldBack ?? []).map((h) => [
    cell(h.app),
    imageCell(h.previousImage),
    imageCell(h.image),
    h.sourceCommit ? sinceCell(links, h.sourceCommit, h.sourceDate, void 0, h.sourceRequestedBy) : "unknown"
  ]);
  const gates = result.gates.map((g) => {
    const overridden = g.verdict !== "pass" && result.override?.gate === g.gate && verdict !== "stopped";
    const waiting = verdict === "awaiting-approval" && g.gate === "approvals";
    const shown = g.verdict === "pass" ? "pass" : g.notRun ? "not run" : `**${g.verdict}**${overridden ? " (overridden)" : waiting ? " (awaiting approval)" : ""}`;
    return [cell(g.gate), shown, cell(reasonTimes(g, result.promotions))];
  });
  const unchanged = (result.unchanged ?? []).map((u) => [cell(u.app), imageCell(u.image)]);
  const leftOut = (result.leftOut ?? []).map((l) => [cell(l.app), imageCell(l.previousImage), imageCell(l.image), cell(leftOutWhy(l, result.from))]);
  const rolledBack = result.promotions.flatMap((p) => p.rolledBack ? [[cell(p.app), imageCell(p.image), rollbackText({ ...p.rolledBack, env: cell(p.rolledBack.env), ...p.rolledBack.by !== void 0 ? { by: cell(p.rolledBack.by) } : {}, ...p.rolledBack.reason !== void 0 ? { reason: cell(p.rolledBack.reason) } : {} }, (sha) => commitLink(links, sha))]] : []);
  const outOfBand = result.promotions.flatMap((p) => p.outOfBand ? [[cell(p.app), imageCell(p.previousImage), outOfBandText({
    ...p.outOfBand,
    env: cell(p.outOfBand.env),
    ...p.outOfBand.by !== void 0 ? { by: cell(p.outOfBand.by) } : {},
    ...p.outOfBand.reason !== void 0 ? { reason: cell(p.outOfBand.reason) } : {},
    ...p.outOfBand.from !== void 0 ? { from: cell(p.outOfBand.from) } : {}
  }, (sha) => commitLink(links, sha))]] : []);
  return [
    plan.length ? `**Plan**

${table(["app", "before", "after", `in ${cell(result.from)} since`], plan, more)}` : "",
    origins.length ? `**Where it comes from**: the bump behind each digest, its source revision (the commit of the app's repository the image was built from) and who asked for it; and the versions the environment it was bumped into ran between what ${cell(result.to)} pins and it

${table(["app", "source revision", "bumped", "ran in between"], origins, more)}` : "",
    rolledBack.length ? `**Rolled back before**: a rollback in ${cell(result.to)} moved away from the digest this promotion pins there again

${table(["app", "after", "rollback"], rolledBack, more)}` : "",
    outOfBand.length ? `**Not from ${cell(result.from)}**: what ${cell(result.to)} pins now never passed through ${cell(result.from)} (a hotfix bumped there directly, a rollback, a change by hand); this promotion replaces it

${table(["app", `${cell(result.to)} pins`, "put there"], outOfBand, more)}` : "",
    leftOut.length ? `**Left out**: ${leftOutCause(result.leftOut, cell(result.from), cell(result.to))}; ${cell(result.to)} keeps what it pins

${table(["app", `${cell(result.to)} keeps`, `${cell(result.from)} pins`, result.leftOut.every((l) => l.kind === "blocked") ? "blocked" : "why"], leftOut, more)}` : "",
    heldBack.length ? `**Held back**: not in the plan given (\`expect\`); ${cell(result.to)} keeps what it pins, and a new run plans them

${table(["app", `${cell(result.to)} keeps`, `${cell(result.from)} pins`, "since"], heldBack, more)}` : "",
    unchanged.length ? `**Unchanged**: ${cell(result.to)} already pins what ${cell(result.from)} does

${table(["app", "image"], unchanged, more)}` : "",
    gates.length ? `**Gates**

${table(["gate", "verdict", "numbers"], gates, more)}` : "",
    overrideLine && result.override && verdict !== "stopped" ? `Override of ${code(result.override.gate)}: ${cell(result.override.reason)}` : "",
    gates.length ? whoText(result) : ""
  ];
}
var PIN_VERBS = { bump: "bumped", promote: "promoted", rollback: "rolled back" };
function pinVerb(action) {
  return action !== void 0 && Object.hasOwn(PIN_VERBS, action) && PIN_VERBS[action] || "pinned";
}
function sinceCell(links, commit, date, action, by) {
  return `${cell(utc(date ?? ""))} (${commitLink(links, commit)})${by !== void 0 ? `, ${action !== void 0 ? `${pinVerb(action)} ` : ""}by ${cell(by)}` : ""}`;
}
function originCells(p, links, more) {
  const origin = p.origin;
  if (!origin) return ["unknown", p.originUnknown !== void 0 ? `no bump found: ${cell(p.originUnknown)}` : "unknown", ""];
  const revision = (rev) => rev !== void 0 ? code(rev.slice(0, 12)) : "not recorded";
  const bumped = `${cell(utc(origin.date))} into ${cell(origin.env)}${origin.requestedBy !== void 0 ? ` by ${cell(origin.requestedBy)}` : ""} (${commitLink(links, origin.commit)})`;
  const passed = p.passedThrough ?? [];
  const shown = passed.slice(-PASSED_SHOWN);
  const listed = passed.length - shown.length;
  const earlier = listed + (p.passedThroughMore ?? 0);
  const between = shown.map((x) => `${imageCell(x.image)}${x.requestedBy !== void 0 ? ` by ${cell(x.requestedBy)}` : ""}${x.action !== "bump" ? ` (${cell(x.action)})` : ""}${x.sourceRevision !== void 0 ? `, revision ${revision(x.sourceRevision)}` : ""}`).join("; ");
  const cut = earlier ? `${earlier} earlier (${p.passedThroughMore ? `the report lists ${listed} of them; \`ferry history\` lists every one` : more}), then ` : "";
  return [revision(origin.sourceRevision), bumped, `${cut}${between}`];
}
function whoText(result) {
  const approvals = result.gates.find((g) => g.gate === "approvals");
  const approved = result.approvedBy?.length ? `approved by ${result.approvedBy.map(cell).join(", ")}` : approvals && approvals.verdict !== "pass" ? "approved by no one yet" : "";
  const text = [result.requestedBy !== void 0 ? `Requested by ${cell(result.requestedBy)}` : "", approved].filter(Boolean).join("; ");
  return text ? `${text.charAt(0).toUpperCase()}${text.slice(1)}.` : "";
}
function pullRequestLink(result) {
  return `[pull request${result.pullRequestNumber !== void 0 ? ` #${result.pullRequestNumber}` : ""}](${result.pullRequestUrl})`;
}
function manifestDiffs(result) {
  return result.files?.map((f) => ({ manifest: f.path, diff: f.diff })) ?? result.promotions;
}
function promotePullRequestBody(result, links = {}) {
  const verdict = promoteVerdict({ status: "succeeded", gates: result.gates, ...result.override ? { override: result.override } : {}, ...result.awaitingApproval ? { awaitingApproval: true } : {} });
  return withDiffs([
    `Ferry promotes ${result.promotions.length} app${result.promotions.length === 1 ? "" : "s"} from ${cell(result.from)} to ${cell(result.to)}: ${verdict}.`,
    verdict === "awaiting-approval" ? `**Approvals pending.** Reviews approving this pull request are the approvals ${cell(result.to)} requires; once they are given, run the promotion again (mode \`push\`): it records the reviewers as Ferry-Approved-By. Merging this pull request as it stands lands an unapproved promotion, which \`ferry audit\` reports.` : "",
    ...promotePlan(result, links, verdict, "the report of the run that proposed this pull request has them all")
  ], manifestDiffs(result), [], MAX_PULL_REQUEST_BODY, chars, `GitHub takes at most ${MAX_PULL_REQUEST_BODY.toLocaleString("en")} characters in a pull request's description; the pull request's changes hold every one`, "the report of the run that proposed this pull request has it all");
}
function appInput(apps) {
  return `${code(`app: ${apps.join(",")}`)} (promote.yml's input; the action's is ${code("apps")})`;
}
function soakShort(result) {
  const soak = result.gates.find((g) => g.gate === "soak" && g.verdict === "fail");
  return (soak?.shortOfTime ?? []).map((s) => ({ app: s.app, at: s.passesAt }));
}
function stoppedHow(result) {
  const failing = result.gates.filter((g) => g.verdict !== "pass" && g.notRun !== true && (g.gate === "blocked" || g.gate !== result.override?.gate));
  const approvals = failing.find((g) => g.gate === "approvals" && g.verdict === "fail");
  const stopping = failing.filter((g) => g !== approvals);
  const blocked = result.promotions.filter((p) => p.blocked).map((p) => p.app);
  const short = soakShort(result);
  const said = [];
  if (blocked.length) said.push(`A blocked digest cannot be overridden: ${blocked.map(cell).join(", ")} cannot be promoted until ${blocked.length === 1 ? "its digest is" : "their digests are"} unblocked or ${cell(result.from)} pins another digest.`);
  if (short.length) {
    const at = result.promotions.length > 1 ? ` for ${short.map((s) => `${cell(s.app)} at ${utc(s.at)}`).join(", ")}` : ` at ${utc(short[0].at)}`;
    said.push(`The soak passes${at}.`);
  }
  const out = [.../* @__PURE__ */ new Set([...blocked, ...short.map((s) => s.app)])];
  const others = result.promotions.filter((p) => !out.includes(p.app)).map((p) => p.app);
  if (out.length && others.length && stopping.every((g) => g.gate === "blocked" || g.gate === "soak" && short.length)) {
    said.push(`Leave ${out.map(cell).join(", ")} out and promote the others by name: ${appInput(others)}.`);
  }
  const overridable = stopping.filter((g) => g.gate !== "blocked").map((g) => g.gate);
  if (result.override && overridable.length) {
    said.push(`${code(`override: ${result.override.gate}`)} lets that gate through and no other: ${overridable.join(", ")} did not pass too.`);
  } else if (overridable.length === 1) {
    said.push(`${said.length ? "Or let" : "Let"} ${overridable[0]} through with ${code(`override: ${overridable[0]}`)} and a ${code("reason:")} (recorded in the commit).`);
  } else if (overridable.length > 1) {
    said.push(`An override lets one gate through (${code("override:")} naming it, with a ${code("reason:")}), and ${overridable.length} did not pass: ${overridable.join(", ")}.`);
  }
  if (approvals) said.push(`The approvals gate (${cell(approvals.reason)}) waits for the approval of someone other than the requester${result.requestedBy !== void 0 ? ` (${cell(result.requestedBy)})` : ""}.`);
  return said.join(" ");
}
function overriddenText(result) {
  const gate = result.gates.find((g) => g.gate === result.override?.gate && g.verdict !== "pass");
  return gate ? `${cell(gate.gate)} (${gate.verdict}: ${cell(reasonTimes(gate, result.promotions))}), which the override lets through: ${cell(result.override.reason)}` : "";
}
function awaitingHow(result, links, head) {
  const approvals = result.gates.find((g) => g.gate === "approvals");
  const notRun = result.gates.filter((g) => g.notRun === true).map((g) => cell(g.gate));
  const but = [
    result.override ? overriddenText(result) : "",
    notRun.length ? `${notRun.join(", ")}, which ${notRun.length === 1 ? "is" : "are"} measured when the promotion is written, after the approval` : ""
  ].filter(Boolean);
  const requester = result.requestedBy !== void 0 ? ` (${cell(result.requestedBy)})` : "";
  return [
    `**Awaiting approval**: approvals ${cell(approvals?.reason ?? "")}; every other gate passes${but.length ? `, but ${but.join("; and ")}` : ""}. Nothing written (dry run, head ${commitLink(links, head)}).`,
    `It needs the approval of someone other than the requester${requester}: in promote.yml, a required reviewer of the GitHub Environment ${code(result.to)} approves this run (Review deployments); its promote job then checks every gate again, writes this plan, and records the approvers as Ferry-Approved-By.`
  ].join("\n\n");
}
function promoteSummary(result, links) {
  const verdict = promoteVerdict(result);
  const outcome = result.pullRequestUrl ? result.status === "skipped" ? `Already proposed in ${pullRequestLink(result)} (commit ${commitLink(links, result.commit)}): nothing written.` : `Proposed in ${pullRequestLink(result)} by commit ${commitLink(links, result.commit)}.` : result.status === "skipped" ? result.leftOut?.length ? `**Nothing promoted**: ${result.unchanged?.length ? `the other apps are unchanged, and ` : ""}every app that would change is left out, as ${leftOutCause(result.leftOut, cell(result.from), cell(result.to))} (head ${commitLink(links, result.commit)}). It stays out until ${leftOutUntil(result.leftOut, cell(result.from), cell(result.to))}.` : result.heldBack?.length ? `Nothing of the plan left to promote: ${cell(result.to)} already pins what it planned (head ${commitLink(links, result.commit)}); the apps held back were not in the plan given, and a new run plans them.` : `Nothing to promote: ${cell(result.to)} already pins what ${cell(result.from)} pins (head ${commitLink(links, result.commit)}).` : verdict === "stopped" ? `**Stopped by gates**: nothing written (head ${commitLink(links, result.commit)}). ${stoppedHow(result)}` : result.status === "planned" ? verdict === "awaiting-approval" ? awaitingHow(result, links, result.commit) : verdict === "overridden" ? `Dry run: nothing written (head ${commitLink(links, result.commit)}). Every gate passes but ${overriddenText(result)}; written, the commit records the override and its reason.` : `Dry run: the gates pass; nothing written (head ${commitLink(links, result.commit)}).` : `Promoted by commit ${commitLink(links, result.commit)}.`;
  return withDiffs([
    `### Ferry promote: ${cell(result.from)} → ${cell(result.to)}: ${VERDICT_WORDS[verdict]}`,
    // (A dry run's outcome says what is overridden, and why.)
    ...promotePlan(result, links, verdict, IN_REPORT, result.status !== "planned"),
    outcome,
    result.notice ? `**Not landed yet.** ${cell(result.notice)}` : "",
    ...(result.analysis?.runs ?? []).map(({ app, run }) => `**Analysis of ${cell(app)}**

${formatAnalysisMarkdown({ run }).trimEnd()}`),
    ...(result.analysis?.comparisons ?? []).map(({ app, report }) => `**Baseline comparison of ${cell(app)}**

${formatAnalysisMarkdown({ comparison: report }).trimEnd()}`)
  ], manifestDiffs(result), [footer(result, links)], MAX_SUMMARY_BYTES, bytes, `GitHub shows a job summary of at most 1 MiB; the commit${result.pullRequestUrl ? " and the pull request" : ""} and the action's report (the JSON file its \`report\` output names) hold every one`, WHOLE_IN_REPORT);
}
var SKIPPED_WHY = {
  "rolled-back-from": "a rollback there moved away from it",
  "moved-back-from": "a change there moved away from it, back to an earlier image",
  blocked: "blocked",
  "not-app-image": "not the app's image as ferry.yaml names it now"
};
function rollbackSummary(result, links) {
  const outcome = result.status === "planned" ? `Dry run: nothing written (head ${commitLink(links, result.commit)})${result.blocked ? `; ${imageCell(result.previousImage)} would be blocked (blocked.yaml)` : ""}.` : `Rolled back by commit ${commitLink(links, result.commit)}${result.blocked ? `; ${imageCell(result.previousImage)} is now blocked` : ""}.`;
  const already = result.alreadyBlocked;
  const alreadyNote = already ? `${imageCell(result.previousImage)} was already blocked for app ${cell(already.app)}${already.by ? ` by ${cell(already.by)}` : ""}${already.at ? ` at ${cell(utc(already.at))}` : ""}: ${cell(already.reason)}; this rollback adds no block.` : "";
  return summary([
    `### Ferry rollback: ${cell(result.app)} in ${cell(result.env)}`,
    table(["app", "env", "from", "to", "to was pinned by"], [[cell(result.app), cell(result.env), imageCell(result.previousImage), imageCell(result.image), commitLink(links, result.to.commit)]]),
    outcome,
    alreadyNote,
    stillPinnedNote(result.stillPinned),
    unreadableNote(result.unreadable),
    result.warning ? `> [!WARNING]
> ${cell(result.warning)}` : "",
    // The earlier images it passed over, and why: what a release manager checks before trusting the target.
    result.skipped.length ? table(["passed over", "in place after", "why"], result.skipped.map((s) => [imageCell(s.image), commitLink(links, s.commit), SKIPPED_WHY[s.reason]]), "`ferry rollback --dry-run --json` lists them all") : "",
    diffBlock(result.blocked ? `Diff of ${result.manifest} and blocked.yaml` : `Diff of ${result.manifest}`, result.diff)
  ], [footer(result, links)], WHOLE_IN_LOG);
}
function blockSummary(result, links) {
  const done = result.action === "block" ? "Blocked" : "Unblocked";
  const outcome = result.status === "skipped" ? `Nothing to do: ${result.action === "block" ? "already blocked" : "not blocked"} (head ${commitLink(links, result.commit)}).` : `${done} by commit ${commitLink(links, result.commit)}.`;
  return summary([
    `### Ferry ${result.action}: ${cell(result.app)}`,
    table(["app", "image", "reason"], [[cell(result.app), imageCell(result.image), cell(result.reason)]]),
    outcome,
    stillPinnedNote(result.stillPinned),
    unreadableNote(result.unreadable)
  ], [footer(result, links)], WHOLE_IN_LOG);
}
function stillPinnedNote(pins) {
  if (!pins?.length) return "";
  return `> [!WARNING]
> Still pinned in ${pins.map((p) => cell(p.env)).join(", ")}: a block refuses new pins, it takes none out (roll each back).`;
}
function unreadableNote(unreadable) {
  if (!unreadable?.length) return "";
  const one = unreadable.length === 1;
  return `> [!WARNING]
> Could not read ${unreadable.map((u) => cell(u.manifest)).join(", ")} (whether ${one ? "it pins" : "they pin"} the digest is not known): check ${one ? "it" : "them"} with ferry validate.`;
}
function statusSummary(result, links) {
  const rows = result.apps.map((app) => [cell(app), ...result.environments.map((env) => {
    const row = result.rows.find((r) => r.app === app && r.env === env);
    if (!row) return "";
    if (row.error) return `**error**: ${cell(row.error)}`;
    const pinned = row.digest ? `${pinCell(row.tag, row.digest)}${row.blocked ? " **blocked**" : ""}` : `${row.image ? code(row.image) : ""} (no digest)`;
    const by = row.pinned ?? row.changed;
    if (!by) return pinned;
    const marks = `${row.pinned && row.changed && row.changed.commit !== row.pinned.commit ? "*" : ""}${row.pinned?.byHand ? " (by hand)" : row.pinned?.action === "init" ? " (ferry init)" : ""}`;
    return `${pinned} ${commitLink(links, by.commit)}${marks}`;
  })]);
  const moved = result.rows.some((r) => r.pinned && r.changed && r.changed.commit !== r.pinned.commit);
  const blocked = result.rows.filter((r) => r.blocked);
  return summary([
    `### Ferry status at ${commitLink(links, result.commit)}`,
    table(["app", ...result.environments.map(cell)], rows),
    moved ? "\\* the manifest changed since the pin, its digest did not" : "",
    // Where a blocked digest still runs: a block stops new pins, it takes none out.
    blocked.length ? `> [!WARNING]
> Still pinned, though blocked (blocked.yaml): ${blocked.map((r) => `${cell(r.app)} in ${cell(r.env)} (${cell(r.blocked.reason)})`).join(", ")}` : "",
    // A blocked.yaml that does not read: no digest was checked against it.
    result.warning ? `> [!WARNING]
> ${cell(result.warning)}` : ""
  ], [footer(result, links)], WHOLE_IN_REPORT);
}
function historySummary(result, links) {
  const rows = result.events.map((e) => [
    cell(utc(e.date)),
    cell(e.env ?? ""),
    cell(actionText(e)),
    cell(e.app ?? ""),
    e.image ? imageCell(e.image) : "",
    e.previousImage ? imageCell(e.previousImage) : "",
    cell(byText(e)),
    cell(e.approvedBy.join(", ")),
    commitLink(links, e.commit),
    cell([e.gates, e.override && `override: ${e.override}`, e.reason && `reason: ${e.reason}`, e.blockedImage && `blocked: ${e.blockedImage}`].filter(Boolean).join("; "))
  ]);
  return summary([
    `### Ferry history: ${result.events.length} change${result.events.length === 1 ? "" : "s"}`,
    result.warning ? `**Warning**: ${cell(result.warning)}` : "",
    rows.length ? table(["when", "env", "action", "app", "image", "before", "by", "approved by", "commit", "gates / reason"], rows) : `No Ferry commits${[result.app !== void 0 && ` for app ${code(result.app)}`, result.env !== void 0 && ` in ${code(result.env)}`].filter(Boolean).join("")}.`
  ], [footer(result, links)], WHOLE_IN_REPORT);
}
function auditSummary(report, links) {
  const n = report.violations.length;
  const { range } = report;
  const stretch = !range ? void 0 : range.first !== void 0 ? `reported: ${commitLink(links, range.first)} to ${commitLink(links, range.last)}` : "no commit in the range";
  const scope = [report.env && `environment ${code(report.env)}`, report.after && `after ${commitLink(links, report.after)}`, report.since && `since ${cell(report.since)}`, report.until && `until ${cell(report.until)}`, stretch].filter(Boolean).join(", ");
  const rows = report.violations.map((v) => [cell(utc(v.date)), commitLink(links, v.commit), cell(v.env ?? ""), cell(v.app ?? ""), code(v.rule), cell(v.message)]);
  return summary([
    `### Ferry audit: ${n ? "fail" : "pass"}`,
    `${report.checked} commit${report.checked === 1 ? "" : "s"} checked up to ${commitLink(links, report.commit)}${scope ? ` (${scope})` : ""}: ${n} violation${n === 1 ? "" : "s"}.`,
    n ? table(["date", "commit", "env", "app", "rule", "what"], rows) : ""
  ], [footer(report, links)], WHOLE_IN_REPORT);
}
function problemRows(problems) {
  return problems.map((p) => [
    p.file ? code(`${p.file}${p.line !== void 0 ? `:${p.line}${p.column !== void 0 ? `:${p.column}` : ""}` : ""}`) : "",
    p.field ? code(p.field) : "",
    cell(p.message)
  ]);
}
function validateSummary(result, links) {
  const n = result.problems.length;
  const w = result.warnings?.length ?? 0;
  return summary([
    `### Ferry validate: ${result.status === "succeeded" ? "valid" : "invalid"}`,
    result.status === "succeeded" ? `ferry.yaml and ${result.checked} pinned manifest${result.checked === 1 ? "" : "s"} are valid at ${commitLink(links, result.commit)}.` : `${n} problem${n === 1 ? "" : "s"} at ${commitLink(links, result.commit)}:

${table(["where", "field", "problem"], problemRows(result.problems))}`,
    w ? `${w} warning${w === 1 ? "" : "s"} (they do not fail validation):

${table(["where", "field", "warning"], problemRows(result.warnings))}` : ""
  ], [footer(result, links)], WHOLE_IN_REPORT);
}
function analyzeSummary(result, links) {
  return summary([
    formatAnalysisMarkdown({ run: result.run, ...result.comparison ? { comparison: result.comparison } : {} }).trimEnd(),
    result.reportPath ? `Report: ${code(result.reportPath)}` : ""
  ], [links.run ? `[Workflow run](${links.run})` : ""], WHOLE_IN_REPORT);
}
function failureSummary(command, error, links, target) {
  const head = target?.commit !== void 0 && /^[0-9a-f]{7,64}$/.test(target.commit) ? `, head ${commitLink(links, target.commit)}` : "";
  return summary([
    `### ${cell(command)} failed`,
    target ? `Env repo ${code(redactUrl(target.repo))}, branch ${code(target.branch)}${head}.` : "",
    error.problems?.length ? table(["where", "field", "problem"], problemRows(error.problems), "the step's log lists them all") : fenced(cutShort(error.message, MAX_MESSAGE), "text")
  ], [links.run ? `[Workflow run](${links.run})` : ""], WHOLE_IN_LOG);
}

export {
  PASSED_SHOWN,
  provenanceOf,
  repoWebUrl,
  commitUrl,
  promoteVerdict,
  awaitsApprovalsAlone,
  bumpSummary,
  blockText,
  leftOutCause,
  rollbackText,
  outOfBandText,
  pinVerb,
  promotePullRequestBody,
  promoteSummary,
  rollbackSummary,
  blockSummary,
  statusSummary,
  historySummary,
  auditSummary,
  validateSummary,
  analyzeSummary,
  failureSummary
};
