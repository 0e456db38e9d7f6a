import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  fileDiff,
  pinImage,
  readPinnedImage
} from "./chunk-2SNC2QRB.mjs";
import {
  findBlocked,
  readBlocklist
} from "./chunk-N7L76RKX.mjs";
import {
  readConfig
} from "./chunk-JKRYE3DF.mjs";
import {
  findApp,
  findEnvironment
} from "./chunk-MYMTAKXC.mjs";
import {
  measuredGateNames
} from "./chunk-7FWSBN4K.mjs";
import {
  distinctPeople,
  isGitHubLogin,
  personKey
} from "./chunk-T5C3YYPA.mjs";
import {
  manifestPath
} from "./chunk-L2LPWQG3.mjs";
import {
  GATE_RECORD,
  assertSingleLine,
  commitMessage,
  trailerList
} from "./chunk-BKEJPTRB.mjs";
import {
  formatImageRef,
  parseImageRef,
  shortDigest
} from "./chunk-46DNWRYD.mjs";
import {
  ConfigurationError,
  quote
} from "./chunk-WWSMVM2U.mjs";

// actions/src/core/promote.ts
var GATE_NAMES = ["soak", "approvals", "freeze", "analysis", "compare", "blocked"];
var GateError = class extends Error {
  constructor(result) {
    super(`promotion to ${quote(result.to)} stopped by gates: ${result.gates.filter((g) => g.verdict !== "pass").map((g) => `${g.gate}=${g.verdict} (${g.reason})`).join("; ")}; nothing written (--override <gate> --reason <text> records an exception)`);
    this.result = result;
    this.name = "GateError";
  }
};
function isRequester(req, name) {
  return req.requestedBy !== void 0 && personKey(name) === personKey(req.requestedBy);
}
function checkPromoteRequest(req) {
  if (req.all === req.apps.length > 0) throw new ConfigurationError({ field: "app", message: req.all ? "give --app or --all, not both" : "give --app <app> (one or more) or --all" });
  const twice = req.apps.find((app, i) => req.apps.indexOf(app) !== i);
  if (twice !== void 0) throw new ConfigurationError({ field: "app", message: `${quote(twice)} is given more than once` });
  if (req.requestedBy !== void 0) assertSingleLine(req.requestedBy, "requested-by", 200);
  req.approvedBy.forEach((a) => assertSingleLine(a, "approved-by", 200));
  for (const [field, name] of [["requested-by", req.requestedBy], ...req.approvedBy.map((a) => ["approved-by", a])]) {
    if (name !== void 0 && !isGitHubLogin(name)) throw new ConfigurationError({ field, message: `expected a GitHub login (letters, digits and hyphens, at most 39; an app as name[bot]), found ${quote(name)}` });
  }
  if (req.override) {
    const overridable = GATE_NAMES.filter((g) => g !== "blocked");
    if (req.override.gate === "blocked") throw new ConfigurationError({ field: "override", message: "a blocked digest cannot be overridden: `ferry unblock` it first (a change of its own, reviewed and audited like any other)" });
    if (!overridable.includes(req.override.gate)) throw new ConfigurationError({ field: "override", message: `expected one of ${overridable.join(", ")}, found ${quote(req.override.gate)}` });
    assertSingleLine(req.override.reason, "reason", 500);
  }
  if (req.runUrl !== void 0) assertSingleLine(req.runUrl, "run-url", 500);
}
function formatDuration(ms) {
  let s = Math.max(0, Math.floor(ms / 1e3));
  const parts = [];
  for (const [unit, size] of [["d", 86400], ["h", 3600], ["m", 60]]) {
    if (s >= size) parts.push(`${Math.floor(s / size)}${unit}`);
    s %= size;
  }
  if (s || parts.length === 0) parts.push(`${s}s`);
  return parts.slice(0, 2).join("");
}
function parseDuration(text) {
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!m || text === "") throw new ConfigurationError({ field: "soak", message: `expected a duration like 30m or 2h, found ${quote(text)}` });
  return ((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 6e4 + Number(m[4] ?? 0) * 1e3;
}
function hasMeasuredGates(config, to) {
  return measuredGateNames(findEnvironment(config, to, "to").gates).length > 0;
}
function promotionKeys(promotions) {
  return promotions.map((p) => `${p.app}@${p.digest}`).sort();
}
function evaluateGates(config, req, promotions, blocked, now, measured) {
  const gates = findEnvironment(config, req.to, "to").gates ?? {};
  const verdicts = [];
  verdicts.push(blocked.length ? { gate: "blocked", verdict: "fail", reason: `blocked: ${blocked.join(", ")}` } : { gate: "blocked", verdict: "pass", reason: "no digest is blocked" });
  if (gates.soak !== void 0) {
    const need = parseDuration(gates.soak);
    const unknown = promotions.filter((p) => p.sourceDate === void 0);
    if (unknown.length) {
      verdicts.push({ gate: "soak", verdict: "error", reason: `cannot tell since when ${unknown.map((p) => p.app).join(", ")} ran in ${req.from}: the digest there now was not pinned by the last Ferry commit that pinned the app there` });
    } else {
      const ages = promotions.map((p) => ({ app: p.app, age: now.getTime() - new Date(p.sourceDate).getTime() }));
      const youngest = ages.reduce((a, b) => b.age < a.age ? b : a);
      verdicts.push({ gate: "soak", verdict: youngest.age >= need ? "pass" : "fail", reason: `${formatDuration(youngest.age)}${youngest.age >= need ? ">=" : "<"}${gates.soak}${promotions.length > 1 ? ` (${youngest.app})` : ""}` });
    }
  }
  if (gates.approvals !== void 0 && gates.approvals > 0) {
    const approvers = distinctPeople(req.approvedBy);
    const self = approvers.some((a) => isRequester(req, a));
    const counted = approvers.filter((a) => !isRequester(req, a));
    const ok = counted.length >= gates.approvals;
    verdicts.push({ gate: "approvals", verdict: ok ? "pass" : "fail", reason: `${counted.length}/${gates.approvals}${self ? ", the requester's own approval does not count" : ""}` });
  }
  if (gates.freeze?.length) {
    const active = gates.freeze.find((w) => inFreeze(w, now));
    verdicts.push(active ? { gate: "freeze", verdict: "fail", reason: `frozen ${active.from} to ${active.to} ${active.timezone}, now ${localTime(now, active.timezone).text}` } : { gate: "freeze", verdict: "pass", reason: `outside ${gates.freeze.length} freeze window${gates.freeze.length === 1 ? "" : "s"}` });
  }
  if (measured === "defer") return verdicts;
  for (const gate of measuredGateNames(gates)) {
    const found = measured?.verdicts.find((v) => v.gate === gate);
    verdicts.push(found ?? { gate, verdict: "error", reason: "not measured: no analysis ran for this promotion" });
  }
  return verdicts;
}
var DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
function localTime(now, zone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    weekday: "short"
  }).formatToParts(now).map((p) => [p.type, p.value]));
  const date = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  const day = (DAYS.indexOf(parts.weekday) + 6) % 7;
  return { text: `${parts.weekday} ${date}`, date, weekMinute: day * 1440 + Number(parts.hour) * 60 + Number(parts.minute) };
}
function weekMinute(text) {
  const [day, time] = text.split(" ");
  const [h, m] = time.split(":").map(Number);
  return (DAYS.indexOf(day) + 6) % 7 * 1440 + h * 60 + m;
}
function inFreeze(window, now) {
  const local = localTime(now, window.timezone);
  if (/^[A-Z]/.test(window.from)) {
    const from2 = weekMinute(window.from);
    const to2 = weekMinute(window.to);
    return from2 <= to2 ? local.weekMinute >= from2 && local.weekMinute < to2 : local.weekMinute >= from2 || local.weekMinute < to2;
  }
  const from = window.from.length === 10 ? `${window.from} 00:00` : window.from;
  const to = window.to.length === 10 ? `${window.to} 24:00` : window.to;
  return local.date >= from && local.date < to;
}
function gateTrailer(verdicts) {
  return verdicts.map((v) => `${v.gate}=${v.verdict}(${v.reason.replace(/[()]/g, "")})`).join(" ");
}
function unpassedGates(message) {
  const trailers = trailerList(message);
  const record = trailers.first("Ferry-Gate");
  if (record === void 0) return [];
  const override = trailers.first("Ferry-Override");
  const reason = trailers.first("Ferry-Reason");
  if (!GATE_RECORD.test(record)) return [`Ferry-Gate ${JSON.stringify(record.slice(0, 80))}, not as Ferry writes it`];
  return [...record.matchAll(/(?:^| )([a-z][a-z0-9-]*)=([a-z]+)\(/g)].filter((m) => m[2] !== "pass" && !(m[1] === override && reason)).map((m) => `${m[1]}=${m[2]}`);
}
async function planPromote(snapshot, req, pins, now, measured) {
  checkPromoteRequest(req);
  const config = await readConfig(snapshot);
  findEnvironment(config, req.from, "from");
  const target = findEnvironment(config, req.to, "to");
  if (target.promoteFrom !== req.from) {
    throw new ConfigurationError({ field: "from", message: `${quote(req.to)} is promoted from ${target.promoteFrom ? quote(target.promoteFrom) : "nothing (it is the first environment)"}, not ${quote(req.from)}` });
  }
  const apps = req.all ? config.apps : req.apps.map((name) => findApp(config, name));
  const blocklist = await readBlocklist(snapshot);
  const promotions = [];
  const files = [];
  const blocked = [];
  for (const app of apps) {
    const sourcePath = manifestPath(app, req.from);
    const targetPath = manifestPath(app, req.to);
    const [sourceText, targetText] = [await snapshot.readFile(sourcePath), await snapshot.readFile(targetPath)];
    if (sourceText === void 0) throw new ConfigurationError({ file: sourcePath, message: `app ${quote(app.name)} has no manifest in ${quote(req.from)}` });
    if (targetText === void 0) throw new ConfigurationError({ file: targetPath, message: `app ${quote(app.name)} has no manifest in ${quote(req.to)}` });
    const source = readPinnedImage(sourceText, sourcePath, app.pin);
    if (!source.digest) throw new ConfigurationError({ file: sourcePath, message: `${quote(app.name)} is not pinned by digest in ${quote(req.from)}: nothing exact to promote` });
    const ref = parseImageRef(`${app.registry}/${app.image}${source.tag ? `:${source.tag}` : ""}@${source.digest}`, "image");
    const edit = pinImage(targetText, targetPath, app.pin, ref);
    if (!edit.changed) continue;
    if (findBlocked(blocklist, app.name, ref.digest)) blocked.push(`${app.name}@${shortDigest(ref.digest)}`);
    const latest = pins.find((p) => p.env === req.from && p.app === app.name);
    const record = latest?.image.endsWith(`@${ref.digest}`) ? latest : void 0;
    promotions.push({
      app: app.name,
      image: formatImageRef(ref),
      digest: ref.digest,
      previousImage: edit.previous.image,
      manifest: targetPath,
      ...record ? { sourceCommit: record.commit, sourceDate: record.date } : {},
      diff: fileDiff(targetPath, targetText, edit.text)
    });
    files.push({ path: targetPath, content: edit.text });
  }
  if (measured && measured !== "defer" && promotions.length && promotionKeys(promotions).join(" ") !== measured.keys.join(" ")) {
    throw new Error(`${req.from} changed while its analysis ran (analyzed ${measured.keys.join(", ")}; now ${promotionKeys(promotions).join(", ")}): nothing written; run the promotion again to analyze what is there now`);
  }
  const gates = promotions.length ? evaluateGates(config, req, promotions, blocked, now, measured) : [];
  const result = { from: req.from, to: req.to, promotions, gates, ...req.override ? { override: req.override } : {} };
  if (promotions.length === 0) return { write: false, result };
  if (measured === "defer") return { write: true, files, message: "", result };
  const failing = gates.filter((g) => g.verdict !== "pass");
  const selfApproved = req.approvedBy.some((a) => isRequester(req, a));
  const pendingApprovals = (g) => req.proposal === true && g.gate === "approvals" && g.verdict === "fail" && !selfApproved;
  const stopped = failing.filter((g) => (g.gate === "blocked" || g.gate !== req.override?.gate) && !pendingApprovals(g));
  if (stopped.length) throw new GateError(result);
  if (failing.some(pendingApprovals)) result.awaitingApproval = true;
  const trailers = [["Ferry-Action", "promote"], ["Ferry-Env", req.to], ["Ferry-From", req.from]];
  for (const p of promotions) {
    trailers.push(["Ferry-App", p.app], ["Ferry-Image", p.image]);
    if (p.previousImage) trailers.push(["Ferry-Previous-Image", p.previousImage]);
  }
  trailers.push(["Ferry-Gate", gateTrailer(gates)]);
  if (req.override && failing.some((g) => g.gate === req.override.gate)) trailers.push(["Ferry-Override", req.override.gate], ["Ferry-Reason", req.override.reason]);
  if (req.requestedBy) trailers.push(["Ferry-Requested-By", req.requestedBy]);
  for (const a of distinctPeople(req.approvedBy)) if (!isRequester(req, a)) trailers.push(["Ferry-Approved-By", a]);
  if (req.runUrl) trailers.push(["Ferry-Run", req.runUrl]);
  const what = promotions.length === 1 ? `${promotions[0].app} ${parseImageRef(promotions[0].image, "image").tag ?? ""} (${shortDigest(promotions[0].digest)})`.replace("  ", " ") : `${promotions.length} apps (${appList(promotions.map((p) => p.app), SUBJECT_MAX - `promote(${req.to}):  apps () from ${req.from}`.length - String(promotions.length).length)})`;
  const message = commitMessage(`promote(${req.to}): ${what} from ${req.from}`, trailers);
  return { write: true, files, message, result };
}
var SUBJECT_MAX = 200;
function appList(apps, room) {
  const all = apps.join(", ");
  if (all.length <= room) return all;
  const some = (n2) => `${apps.slice(0, n2).join(", ")}, … and ${apps.length - n2} more`;
  let n = apps.length - 1;
  while (n > 1 && some(n).length > room) n--;
  return some(n);
}

export {
  GateError,
  checkPromoteRequest,
  parseDuration,
  hasMeasuredGates,
  promotionKeys,
  unpassedGates,
  planPromote
};
