import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  createTwoFilesPatch
} from "./chunk-XJYKXEFU.mjs";
import {
  pinImage,
  readPinnedImage
} from "./chunk-HW52TOZY.mjs";
import {
  findBlocked,
  readBlocklist
} from "./chunk-LWPDN4K6.mjs";
import {
  readConfig
} from "./chunk-6KTZYZ2A.mjs";
import {
  findApp,
  findEnvironment
} from "./chunk-AZWRHPSO.mjs";
import {
  manifestPath
} from "./chunk-JTYMPHCG.mjs";
import {
  ferryArgs,
  formatValue,
  maskSecrets,
  parseAnalysisTemplate,
  resolveAnalysis,
  runAnalysis,
  summarizeRun
} from "./chunk-WGXKTQSU.mjs";
import {
  assertSingleLine,
  commitMessage
} from "./chunk-W4Y3ZVTF.mjs";
import {
  formatImageRef,
  parseImageRef,
  shortDigest
} from "./chunk-FDIDMGTW.mjs";
import {
  ConfigurationError,
  quote
} from "./chunk-DBVFLN7T.mjs";

// actions/src/core/baseline-compare.ts
var DIRECTIONS = ["increase", "decrease", "either"];
var DEFAULT_THRESHOLDS = Object.freeze({ pass: 95, marginal: 75 });
var DEFAULT_CONFIDENCE = 0.95;
var MIN_SAMPLES = 3;
function erfc(x) {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) {
    let term = x;
    let sum = x;
    for (let n = 1; term > 1e-17 * sum; n++) {
      term *= 2 * x * x / (2 * n + 1);
      sum += term;
    }
    return 1 - 2 / Math.sqrt(Math.PI) * Math.exp(-x * x) * sum;
  }
  let f = x;
  for (let k = 100; k >= 1; k--) f = x + k / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}
function mannWhitneyU(candidate, baseline) {
  const n1 = candidate.length;
  const n2 = baseline.length;
  if (n1 === 0 || n2 === 0) throw new Error(`Mann-Whitney U test: needs at least one sample on each side, got ${n1} candidate and ${n2} baseline samples`);
  const values = [...candidate, ...baseline];
  if (!values.every(Number.isFinite)) throw new Error("Mann-Whitney U test: the samples contain NaN or Inf; drop them before testing");
  const total = n1 + n2;
  const order = Array.from({ length: total }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  let rankSum = 0;
  let tieTerm = 0;
  for (let i = 0; i < total; ) {
    let j = i;
    while (j + 1 < total && values[order[j + 1]] === values[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (order[k] < n1) rankSum += rank;
    const t = j - i + 1;
    tieTerm += t * t * t - t;
    i = j + 1;
  }
  const u = rankSum - n1 * (n1 + 1) / 2;
  const variance = n1 * n2 / 12 * (total + 1 - tieTerm / (total * (total - 1)));
  if (!(variance > 0)) return { u, z: 0, pValue: 1 };
  const diff = u - n1 * n2 / 2;
  const z = Math.sign(diff) * Math.max(0, Math.abs(diff) - 0.5) / Math.sqrt(variance) + 0;
  return { u, z, pValue: Math.min(1, erfc(Math.abs(z) / Math.SQRT2)) };
}
function sortedMedian(s) {
  const n = s.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  return n % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
function hodgesLehmannShift(candidate, baseline) {
  if (candidate.length === 0 || baseline.length === 0) return NaN;
  const c = Float64Array.from(candidate).sort();
  const b = Float64Array.from(baseline).sort();
  const pairs = c.length * b.length;
  if (pairs % 2) return kthDifference(c, b, (pairs + 1) / 2);
  return (kthDifference(c, b, pairs / 2) + kthDifference(c, b, pairs / 2 + 1)) / 2;
}
function countAtMost(c, b, t) {
  let count = 0;
  let j = 0;
  for (let i = 0; i < c.length; i++) {
    while (j < b.length && c[i] - b[j] > t) j++;
    count += b.length - j;
  }
  return count;
}
function kthDifference(c, b, k) {
  let lo = c[0] - b[b.length - 1];
  let hi = c[c.length - 1] - b[0];
  let below = countAtMost(c, b, lo);
  if (below >= k) return lo;
  let atHi = c.length * b.length;
  const few = Math.max(64, c.length + b.length);
  while (atHi - below > few) {
    const mid = lo / 2 + hi / 2;
    if (!(mid > lo && mid < hi)) return hi;
    const atMid = countAtMost(c, b, mid);
    if (atMid >= k) {
      hi = mid;
      atHi = atMid;
    } else {
      lo = mid;
      below = atMid;
    }
  }
  const band = [];
  let first = 0;
  let past = 0;
  for (let i = 0; i < c.length; i++) {
    while (first < b.length && c[i] - b[first] > hi) first++;
    while (past < b.length && c[i] - b[past] > lo) past++;
    for (let j = first; j < past; j++) band.push(c[i] - b[j]);
  }
  band.sort((x, y) => x - y);
  return band[k - below - 1];
}
function resolveSpec(spec, path, problems) {
  const at = (key) => path ? `${path}.${key}` : key;
  const s = spec ?? {};
  const bad = (key, expected, value) => {
    problems.push({ field: at(key), message: `expected ${expected}, found ${show(value)}` });
  };
  if (typeof s.metric !== "string" || s.metric.trim() === "") bad("metric", "a metric name", s.metric);
  if (!DIRECTIONS.includes(s.direction)) bad("direction", "one of increase, decrease, either", s.direction);
  const confidence = s.confidence ?? DEFAULT_CONFIDENCE;
  if (typeof confidence !== "number" || !(confidence > 0 && confidence < 1)) bad("confidence", "a number between 0 and 1 (exclusive), such as 0.95", s.confidence);
  const effectSize = s.effectSize ?? 0;
  if (typeof effectSize !== "number" || !(effectSize >= 0 && effectSize < Infinity)) bad("effectSize", "a finite number >= 0, such as 0.1 for 10%", s.effectSize);
  const weight = s.weight ?? 1;
  if (typeof weight !== "number" || !(weight > 0 && weight < Infinity)) bad("weight", "a finite number > 0", s.weight);
  if (s.critical !== void 0 && typeof s.critical !== "boolean") bad("critical", "true or false", s.critical);
  return { metric: String(s.metric), direction: s.direction, confidence, effectSize, weight, critical: s.critical === true };
}
function show(value) {
  return quote(typeof value === "number" ? String(value) : value);
}
function throwIfAny(problems) {
  if (problems.length) throw new ConfigurationError(problems);
}
function summarize(sorted, dropped) {
  let sum = 0;
  for (const v of sorted) sum += v;
  return { n: sorted.length, median: sortedMedian(sorted), mean: sorted.length ? sum / sorted.length : NaN, dropped };
}
function compareResolved(spec, candidate, baseline) {
  const c = candidate.filter(Number.isFinite);
  const b = baseline.filter(Number.isFinite);
  const cs = Float64Array.from(c).sort();
  const bs = Float64Array.from(b).sort();
  const alpha = 1 - spec.confidence;
  const base = {
    metric: spec.metric,
    candidate: summarize(cs, candidate.length - c.length),
    baseline: summarize(bs, baseline.length - b.length),
    direction: spec.direction,
    alpha,
    effectSize: spec.effectSize,
    weight: spec.weight,
    critical: spec.critical
  };
  const droppedNote = dropNote(base.candidate.dropped, base.baseline.dropped);
  if (c.length < MIN_SAMPLES || b.length < MIN_SAMPLES) {
    return {
      ...base,
      verdict: "nodata",
      u: NaN,
      z: NaN,
      pValue: NaN,
      shift: NaN,
      effect: NaN,
      reason: `nodata: ${c.length} candidate and ${b.length} baseline samples, at least ${MIN_SAMPLES} needed on each side${droppedNote}`
    };
  }
  const floor = mannWhitneyU(Array.from({ length: c.length }, (_, i) => b.length + i + 1), Array.from({ length: b.length }, (_, i) => i + 1)).pValue;
  if (!(floor < alpha)) {
    return {
      ...base,
      verdict: "nodata",
      u: NaN,
      z: NaN,
      pValue: NaN,
      shift: NaN,
      effect: NaN,
      reason: `nodata: ${c.length} candidate and ${b.length} baseline samples cannot show a change at confidence ${formatNumber(spec.confidence)} (smallest possible p=${formatP(floor)})${droppedNote}`
    };
  }
  const { u, z, pValue } = mannWhitneyU(c, b);
  const shift = hodgesLehmannShift(c, b);
  const level = Math.abs(base.baseline.median);
  const effect = level > 0 ? shift / level : shift === 0 ? 0 : Math.sign(shift) * Infinity;
  const p = `p=${formatP(pValue)}`;
  const a = formatNumber(alpha);
  const change = formatPercent(effect) + (level === 0 && shift !== 0 ? " (baseline median is 0)" : "");
  const bad = spec.direction === "increase" ? "(increase is bad)" : spec.direction === "decrease" ? "(decrease is bad)" : "(any change is bad)";
  let verdict = "pass";
  let why;
  if (!(pValue < alpha)) {
    why = `${p}>=${a}, ${change}: no significant change ${bad}`;
  } else if (z > 0 && spec.direction === "decrease" || z < 0 && spec.direction === "increase") {
    why = `${p}<${a}, ${change}: ${z > 0 ? "higher" : "lower"} is fine ${bad}`;
  } else {
    const tolerance = spec.effectSize === 0 ? "0%" : `${z > 0 ? "+" : "-"}${formatNumber(spec.effectSize * 100)}%`;
    if (Math.abs(effect) >= spec.effectSize) {
      verdict = "fail";
      why = `${p}<${a}, ${change} ${z > 0 ? ">=" : "<="} ${tolerance} ${bad}`;
    } else {
      why = `${p}<${a}, ${change} within the ${tolerance} tolerance ${bad}`;
    }
  }
  return { ...base, verdict, u, z, pValue, shift, effect, reason: why + droppedNote };
}
function judge(specs, series, thresholds = DEFAULT_THRESHOLDS) {
  const problems = [];
  if (!Array.isArray(specs) || specs.length === 0) problems.push({ field: "metrics", message: "expected at least one metric to compare, found none" });
  const resolved = (Array.isArray(specs) ? specs : []).map((s2, i) => resolveSpec(s2, `metrics[${i}]`, problems));
  const seen = /* @__PURE__ */ new Map();
  resolved.forEach((s2, i) => {
    const first = seen.get(s2.metric);
    if (first !== void 0) problems.push({ field: `metrics[${i}].metric`, message: `${quote(s2.metric)} is already compared by metrics[${first}]` });
    else seen.set(s2.metric, i);
  });
  const t = thresholds ?? {};
  const okPercent = (v) => typeof v === "number" && v >= 0 && v <= 100;
  if (!okPercent(t.pass)) problems.push({ field: "thresholds.pass", message: `expected a score from 0 to 100, found ${show(t.pass)}` });
  if (!okPercent(t.marginal)) problems.push({ field: "thresholds.marginal", message: `expected a score from 0 to 100, found ${show(t.marginal)}` });
  else if (okPercent(t.pass) && t.marginal > t.pass) problems.push({ field: "thresholds.marginal", message: `expected at most the pass threshold ${t.pass}, found ${show(t.marginal)}` });
  throwIfAny(problems);
  const { pass, marginal } = t;
  const metrics = resolved.map((s2) => {
    const pair = series.get(s2.metric);
    if (pair) return compareResolved(s2, pair.candidate ?? [], pair.baseline ?? []);
    return {
      ...compareResolved(s2, [], []),
      reason: `nodata: no candidate and baseline series for ${quote(s2.metric)}`
    };
  });
  let all = 0;
  let passed = 0;
  for (const m of metrics) {
    all += m.weight;
    if (m.verdict === "pass") passed += m.weight;
  }
  const score = Math.round(1e11 * passed / all) / 1e9;
  const failed = metrics.filter((m) => m.verdict !== "pass");
  const criticals = failed.filter((m) => m.critical);
  const list = failed.map((m) => m.metric + (m.verdict === "nodata" ? " (nodata)" : "") + (m.critical ? " (critical)" : "")).join(", ");
  const s = formatScore(score);
  const tail = failed.length ? `; failed: ${list}` : `; ${metrics.length} of ${metrics.length} metrics pass`;
  if (criticals.length) {
    return { verdict: "fail", score, metrics, reason: `fail: critical metric ${criticals.map((m) => m.metric).join(", ")} did not pass (score ${s})${tail}` };
  }
  if (score >= pass) return { verdict: "pass", score, metrics, reason: `pass: score ${s} >= ${pass}${tail}` };
  if (score >= marginal) return { verdict: "marginal", score, metrics, reason: `marginal: score ${s} < ${pass} and >= ${marginal}${tail}` };
  return { verdict: "fail", score, metrics, reason: `fail: score ${s} < ${marginal}${tail}` };
}
function dropNote(candidate, baseline) {
  if (!candidate && !baseline) return "";
  return `; dropped ${candidate} candidate and ${baseline} baseline NaN/Inf samples`;
}
function formatNumber(x) {
  return String(Number(x.toPrecision(6)));
}
function formatP(p) {
  return p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}
function formatPercent(x) {
  if (!Number.isFinite(x)) return `${x > 0 ? "+" : "-"}inf%`;
  return `${x < 0 ? "-" : "+"}${(Math.abs(x) * 100).toFixed(1)}%`;
}
function formatScore(score) {
  return String(Math.floor(score * 100 + 1e-6) / 100);
}

// actions/src/core/promote.ts
var GATE_NAMES = ["soak", "approvals", "freeze", "analysis", "compare", "blocked"];
var GateError = class extends Error {
  constructor(result) {
    super(`promotion to ${quote(result.to)} stopped by gates: ${result.gates.filter((g) => g.verdict !== "pass").map((g) => `${g.gate}=${g.verdict} (${g.reason})`).join("; ")}; nothing written (--override <gate> --reason <text> records an exception)`);
    this.result = result;
    this.name = "GateError";
  }
};
function checkPromoteRequest(req) {
  if (req.all === req.apps.length > 0) throw new ConfigurationError({ field: "app", message: req.all ? "give --app or --all, not both" : "give --app <app> (one or more) or --all" });
  if (req.requestedBy !== void 0) assertSingleLine(req.requestedBy, "requested-by", 200);
  req.approvedBy.forEach((a) => assertSingleLine(a, "approved-by", 200));
  if (req.override) {
    if (!GATE_NAMES.includes(req.override.gate)) throw new ConfigurationError({ field: "override", message: `expected one of ${GATE_NAMES.join(", ")}, found ${quote(req.override.gate)}` });
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
  const gates = findEnvironment(config, to).gates ?? {};
  return (gates.analysis?.length ?? 0) > 0 || gates.compare !== void 0;
}
function promotionKeys(promotions) {
  return promotions.map((p) => `${p.app}@${p.digest}`).sort();
}
function evaluateGates(config, req, promotions, blocked, now, measured) {
  const gates = findEnvironment(config, req.to).gates ?? {};
  const verdicts = [];
  verdicts.push(blocked.length ? { gate: "blocked", verdict: "fail", reason: `blocked: ${blocked.join(", ")}` } : { gate: "blocked", verdict: "pass", reason: "no digest is blocked" });
  if (gates.soak !== void 0) {
    const need = parseDuration(gates.soak);
    const unknown = promotions.filter((p) => p.sourceDate === void 0);
    if (unknown.length) {
      verdicts.push({ gate: "soak", verdict: "error", reason: `cannot tell since when ${unknown.map((p) => p.app).join(", ")} ran in ${req.from}: no Ferry commit pinned the digest there` });
    } else {
      const ages = promotions.map((p) => ({ app: p.app, age: now.getTime() - new Date(p.sourceDate).getTime() }));
      const youngest = ages.reduce((a, b) => b.age < a.age ? b : a);
      verdicts.push({ gate: "soak", verdict: youngest.age >= need ? "pass" : "fail", reason: `${formatDuration(youngest.age)}${youngest.age >= need ? ">=" : "<"}${gates.soak}${promotions.length > 1 ? ` (${youngest.app})` : ""}` });
    }
  }
  if (gates.approvals !== void 0 && gates.approvals > 0) {
    const approvers = [...new Set(req.approvedBy)];
    const self = req.requestedBy !== void 0 && approvers.includes(req.requestedBy);
    const counted = approvers.filter((a) => a !== req.requestedBy);
    const ok = counted.length >= gates.approvals;
    verdicts.push({ gate: "approvals", verdict: ok ? "pass" : "fail", reason: `${counted.length}/${gates.approvals}${self ? ", the requester's own approval does not count" : ""}` });
  }
  if (gates.freeze?.length) {
    const active = gates.freeze.find((w) => inFreeze(w, now));
    verdicts.push(active ? { gate: "freeze", verdict: "fail", reason: `frozen ${active.from} to ${active.to} ${active.timezone}, now ${localTime(now, active.timezone).text}` } : { gate: "freeze", verdict: "pass", reason: `outside ${gates.freeze.length} freeze window${gates.freeze.length === 1 ? "" : "s"}` });
  }
  if (measured === "defer") return verdicts;
  const wanted = [...gates.analysis?.length ? ["analysis"] : [], ...gates.compare ? ["compare"] : []];
  for (const gate of wanted) {
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
    const from = weekMinute(window.from);
    const to = weekMinute(window.to);
    return from <= to ? local.weekMinute >= from && local.weekMinute < to : local.weekMinute >= from || local.weekMinute < to;
  }
  const full = (d) => d.length === 10 ? `${d} 00:00` : d;
  return local.date >= full(window.from) && local.date < full(window.to);
}
function gateTrailer(verdicts) {
  return verdicts.map((v) => `${v.gate}=${v.verdict}(${v.reason.replace(/[()]/g, "")})`).join(" ");
}
async function planPromote(snapshot, req, pins, now, measured) {
  checkPromoteRequest(req);
  const config = await readConfig(snapshot);
  findEnvironment(config, req.from);
  const target = findEnvironment(config, req.to);
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
    const record = pins.find((p) => p.env === req.from && p.app === app.name && p.image.endsWith(`@${ref.digest}`));
    promotions.push({
      app: app.name,
      image: formatImageRef(ref),
      digest: ref.digest,
      previousImage: edit.previous.image,
      manifest: targetPath,
      ...record ? { sourceCommit: record.commit, sourceDate: record.date } : {},
      diff: createTwoFilesPatch(`a/${targetPath}`, `b/${targetPath}`, targetText, edit.text, void 0, void 0, { context: 3 }).replace(/^=+\n/, "")
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
  const pendingApprovals = (g) => req.proposal === true && g.gate === "approvals" && g.verdict === "fail" && !g.reason.includes("requester's own approval");
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
  for (const a of [...new Set(req.approvedBy)]) if (a !== req.requestedBy) trailers.push(["Ferry-Approved-By", a]);
  if (req.runUrl) trailers.push(["Ferry-Run", req.runUrl]);
  const what = promotions.length === 1 ? `${promotions[0].app} ${parseImageRef(promotions[0].image, "image").tag ?? ""} (${shortDigest(promotions[0].digest)})`.replace("  ", " ") : `${promotions.length} apps (${promotions.map((p) => p.app).join(", ")})`;
  const message = commitMessage(`promote(${req.to}): ${what} from ${req.from}`, trailers);
  return { write: true, files, message, result };
}

// actions/src/core/analysis-gate.ts
var ANALYSIS_DIR = "analysis";
var DEFAULT_WINDOW = "30m";
var DEFAULT_STEP_SECONDS = 60;
async function loadTemplate(snapshot, name) {
  for (const ext of ["yaml", "yml"]) {
    const file = `${ANALYSIS_DIR}/${name}.${ext}`;
    const text = await snapshot.readFile(file);
    if (text !== void 0) return parseAnalysisTemplate(text, file, name);
  }
  throw new ConfigurationError({ file: `${ANALYSIS_DIR}/${name}.yaml`, message: `no analysis template ${quote(name)}: expected ${ANALYSIS_DIR}/${name}.yaml in the environment repository` });
}
var RANK = { pass: 0, inconclusive: 1, error: 2, fail: 3 };
var worst = (verdicts) => verdicts.reduce((a, b) => RANK[b] > RANK[a] ? b : a, "pass");
function runVerdict(run) {
  return { Successful: "pass", Failed: "fail", Inconclusive: "inconclusive", Error: "error" }[run.phase];
}
async function measureGates(input, deps) {
  const gates = findEnvironment(input.config, input.to).gates ?? {};
  const address = deps.prometheusAddress ?? input.config.prometheus?.address;
  if (address === void 0) {
    throw new ConfigurationError({ file: input.config.file, field: "prometheus.address", message: `the analysis gates of ${quote(input.to)} query Prometheus: set prometheus: { address: <url> } in ${input.config.file}, or give --prometheus <url>` });
  }
  const templates = /* @__PURE__ */ new Map();
  const template = async (name) => {
    if (!templates.has(name)) templates.set(name, await loadTemplate(input.snapshot, name));
    return templates.get(name);
  };
  const nowMs = deps.clock.now();
  const options = {
    env: deps.env,
    prometheusAddress: address,
    nowMs,
    ...input.config.prometheus?.bearerTokenEnv ? { bearerTokenEnv: input.config.prometheus.bearerTokenEnv } : {}
  };
  const sigv4 = input.config.prometheus?.sigv4;
  const resolve = (t, args) => {
    const resolved = resolveAnalysis(t, args, options);
    return sigv4 ? { ...resolved, metrics: resolved.metrics.map((m) => ({ ...m, sigv4: m.sigv4 ?? sigv4 })) } : resolved;
  };
  const analyses = [];
  for (const p of input.promotions) {
    for (const name of gates.analysis ?? []) {
      const t = await template(name);
      analyses.push({ app: p.app, analysis: resolve(t, candidateArgs(t, p, input.from)) });
    }
  }
  const comparePlans = gates.compare ? await Promise.all(input.promotions.map((p) => planComparison(gates.compare, p, input, template, resolve, nowMs))) : [];
  const secrets = [.../* @__PURE__ */ new Set([...analyses.flatMap((a) => a.analysis.secrets), ...comparePlans.flatMap((c) => c.secrets)])];
  for (const value of secrets) deps.secret?.(value);
  const label = (app, name) => input.promotions.length > 1 ? `${app} ${name}` : name;
  const runs = await Promise.all(analyses.map(async ({ app, analysis }) => ({
    app,
    run: await runAnalysis(analysis, {
      prometheus: deps.prometheus,
      clock: deps.clock,
      ...deps.signal ? { signal: deps.signal } : {},
      onProgress: (e) => deps.progress?.(`${label(app, analysis.template)}/${e.metric}: measurement ${e.measurement} of ${e.count}${e.phase ? ` ${e.phase}` : ""}${e.value !== void 0 ? ` ${maskSecrets(formatValue(e.value, 4), secrets)}` : ""}${e.nextInMs !== void 0 ? `; next in ${Math.round(e.nextInMs / 1e3)}s` : ""}`)
    })
  })));
  const comparisons = await Promise.all(comparePlans.map(async (plan) => {
    deps.progress?.(`${label(plan.app, "compare")}: ${plan.queries.length} metrics, candidate ${plan.windows.candidate.image} against ${plan.windows.baseline.image}`);
    return { app: plan.app, report: await plan.run(deps), windows: plan.windows };
  }));
  const verdicts = [];
  if (gates.analysis?.length) {
    verdicts.push({
      gate: "analysis",
      verdict: worst(runs.map((r) => runVerdict(r.run))),
      reason: maskSecrets(runs.map((r) => `${label(r.app, r.run.template)}: ${summarizeRun(r.run)}`).join("; "), secrets)
    });
  }
  if (gates.compare) {
    verdicts.push({
      gate: "compare",
      verdict: worst(comparisons.map((c) => c.report.verdict === "pass" ? "pass" : "fail")),
      // The judgment, then each metric's numbers: `fail: score 0 < 75; …: latency/p95 p=0.0001<0.05, +45.5% >= +10%`.
      reason: maskSecrets(comparisons.map((c) => label(c.app, `${c.report.reason}: ${c.report.metrics.map((m) => `${m.metric} ${m.reason}`).join(", ")}`)).join("; "), secrets)
    });
  }
  return { verdicts, keys: promotionKeys(input.promotions), runs, comparisons, secrets };
}
function imageArgs(prefix, image) {
  if (!image) return {};
  const ref = parseImageRef(image, `${prefix}image`);
  return { [`${prefix}image`]: image, [`${prefix}digest`]: ref.digest, ...ref.tag !== void 0 ? { [`${prefix}tag`]: ref.tag } : {} };
}
function candidateArgs(t, p, env) {
  return ferryArgs(t, { app: p.app, env, ...imageArgs("", p.image), ...imageArgs("previous-", p.previousImage || void 0) });
}
async function planComparison(compare, p, input, template, resolve, nowMs) {
  const windowMs = parseDuration(compare.window ?? DEFAULT_WINDOW);
  const candidate = { env: input.from, image: p.image, startMs: nowMs - windowMs, endMs: nowMs };
  let baseline;
  if ((compare.baseline ?? "target") === "target") {
    if (p.previousImage) baseline = { env: input.to, image: p.previousImage, startMs: nowMs - windowMs, endMs: nowMs };
  } else {
    const pin = input.pins.find((e) => e.env === input.from && e.app === p.app && e.image.endsWith(`@${p.digest}`));
    if (pin?.previousImage) {
      const at = new Date(pin.date).getTime();
      baseline = { env: input.from, image: pin.previousImage, startMs: at - windowMs, endMs: at };
    }
  }
  const specs = compare.metrics.map((m) => ({
    metric: `${m.template}/${m.metric}`,
    direction: m.direction,
    ...m.confidence !== void 0 ? { confidence: m.confidence } : {},
    ...m.effectSize !== void 0 ? { effectSize: m.effectSize } : {},
    ...m.weight !== void 0 ? { weight: m.weight } : {},
    ...m.critical !== void 0 ? { critical: m.critical } : {}
  }));
  const thresholds = { pass: compare.pass ?? 95, marginal: compare.marginal ?? 75 };
  const env = input.config.environments.findIndex((e) => e.name === input.to);
  const queries = [];
  const secrets = [];
  for (const [i, m] of compare.metrics.entries()) {
    const t = await template(m.template);
    const metricOf = (analysis) => {
      secrets.push(...analysis.secrets);
      const found = analysis.metrics.find((x) => x.name === m.metric);
      if (found) return found;
      throw new ConfigurationError({ file: input.config.file, field: `environments[${env}].gates.compare.metrics[${i}].metric`, message: `template ${quote(m.template)} (${t.file}) has no metric ${quote(m.metric)} (metrics: ${t.metrics.map((x) => x.name).join(", ")})` });
    };
    const cand = metricOf(resolve(t, candidateArgs(t, p, input.from)));
    const base = baseline ? metricOf(resolve(t, ferryArgs(t, { app: p.app, env: baseline.env, ...imageArgs("", baseline.image) }))) : cand;
    queries.push({ spec: specs[i], candidate: cand, baseline: base, stepSeconds: cand.rangeQuery?.stepSeconds ?? DEFAULT_STEP_SECONDS });
  }
  const windows = { candidate, baseline: baseline ?? { ...candidate, image: "(none)" } };
  return {
    app: p.app,
    windows,
    queries,
    secrets,
    async run(deps) {
      if (!baseline) {
        const report = judge(specs, /* @__PURE__ */ new Map(), thresholds);
        const why = compare.baseline === "previous" ? `no version before ${p.image} in ${input.from}` : `${input.to} runs no version of ${p.app} yet`;
        return { ...report, reason: `no baseline: ${why}; ${report.reason}` };
      }
      return runComparison(queries, { candidate, baseline }, thresholds, deps);
    }
  };
}
async function runComparison(queries, windows, thresholds, deps) {
  const series = /* @__PURE__ */ new Map();
  const failures = [];
  await Promise.all(queries.map(async (q) => {
    const [c, b] = await Promise.all([
      sample(deps, q.candidate, { ...windows.candidate, stepSeconds: q.stepSeconds }, failures),
      sample(deps, q.baseline, { ...windows.baseline, stepSeconds: q.stepSeconds }, failures)
    ]);
    if (c && b) series.set(q.spec.metric, { candidate: c, baseline: b });
  }));
  const report = judge(queries.map((q) => q.spec), series, thresholds);
  return failures.length ? { ...report, reason: `${report.reason}; ${failures.join("; ")}` } : report;
}
async function sample(deps, m, range, failures) {
  try {
    const result = await deps.prometheus.query({
      address: m.address,
      query: m.query,
      headers: m.headers,
      range,
      ...m.timeoutMs !== void 0 ? { timeoutMs: m.timeoutMs } : {},
      ...m.bearerToken !== void 0 ? { bearerToken: m.bearerToken } : {},
      ...m.sigv4 ? { sigv4: m.sigv4 } : {}
    }, deps.signal);
    return result.series.flatMap((s) => s.points.map(([, v]) => v));
  } catch (error) {
    if (deps.signal?.aborted) throw error;
    failures.push(`${m.name}: ${error.message.replace(/[()]/g, "")}`);
    return void 0;
  }
}

export {
  DIRECTIONS,
  GateError,
  checkPromoteRequest,
  parseDuration,
  hasMeasuredGates,
  promotionKeys,
  planPromote,
  loadTemplate,
  measureGates,
  runComparison
};
