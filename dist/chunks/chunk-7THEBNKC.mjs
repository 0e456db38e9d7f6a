import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  cell,
  code,
  htmlText
} from "./chunk-372JGWAG.mjs";
import {
  formatValue
} from "./chunk-6P7B2YDZ.mjs";
import {
  formatTable
} from "./chunk-VPQIS2RW.mjs";

// actions/src/core/analysis-report.ts
var time = (ms) => new Date(ms).toISOString().slice(11, 19);
function condition(m) {
  return [m.successCondition && `success: ${m.successCondition}`, m.failureCondition && `failure: ${m.failureCondition}`].filter(Boolean).join("; ");
}
function metricWarnings(m) {
  const seen = /* @__PURE__ */ new Map();
  m.measurements.forEach((x, i) => {
    for (const w of x.warnings ?? []) seen.set(w, [...seen.get(w) ?? [], i + 1]);
  });
  return [...seen].map(([w, at]) => `${w} (measurement${at.length > 1 ? "s" : ""} ${at.join(", ")})`);
}
function measurementRows(m) {
  return m.measurements.map((x, i) => [String(i + 1), time(x.startedAt), formatValue(x.value, 4), x.phase, x.message ?? ""]);
}
function labelled(label, text) {
  const lines = text.trimEnd().split(/\r?\n/).map((line) => line.trimEnd());
  return `  ${label.padEnd(11)}${lines.join(`
${" ".repeat(13)}`)}`;
}
function formatAnalysisText(report) {
  const out = [];
  if (report.run) {
    const r = report.run;
    out.push(`analysis ${r.template}: ${r.phase}${r.interrupted ? " (interrupted)" : ""}: ${r.message}`);
    for (const m of r.metrics) {
      out.push("", `metric ${m.name}: ${m.phase}${m.dryRun ? " (dry run: does not decide)" : ""}, ${m.successful} successful, ${m.failed} failed, ${m.inconclusive} inconclusive, ${m.errors} errors (count ${m.count})`);
      out.push(labelled("query", m.query));
      if (condition(m)) out.push(`  condition  ${condition(m)}`);
      if (m.message) out.push(`  why        ${m.message}`);
      for (const w of metricWarnings(m)) out.push(`  warning    Prometheus: ${w}`);
      if (m.measurements.length) out.push(indent(formatTable(["#", "at (UTC)", "value", "phase", "message"], measurementRows(m))));
    }
  }
  if (report.comparison) {
    const c = report.comparison;
    if (out.length) out.push("");
    out.push(`comparison: ${c.verdict}, score ${round(c.score)}: ${c.reason}`);
    out.push(indent(formatTable(["metric", "verdict", "candidate median", "baseline median", "p", "effect", "why"], c.metrics.map((m) => [
      m.metric,
      m.verdict,
      num(m.candidate.median),
      num(m.baseline.median),
      num(m.pValue),
      Number.isFinite(m.effect) ? `${(m.effect * 100).toFixed(1)}%` : num(m.effect),
      m.reason
    ]))));
  }
  return out.join("\n");
}
function formatAnalysisMarkdown(report) {
  const out = [];
  if (report.run) {
    const r = report.run;
    out.push(`### Analysis ${code(r.template)}: ${icon(r.phase)} ${r.phase}${r.interrupted ? " (interrupted)" : ""}`, "", cell(r.message), "");
    out.push("| metric | phase | measurements | last value | condition |", "| --- | --- | --- | --- | --- |");
    for (const m of r.metrics) {
      const last = m.measurements.findLast((x) => x.value !== void 0);
      out.push(`| ${cell(m.name)}${m.dryRun ? " (dry run)" : ""} | ${icon(m.phase)} ${m.phase} | ${m.successful} ok, ${m.failed} failed, ${m.inconclusive} inconclusive, ${m.errors} errors (count ${m.count}) | ${cell(formatValue(last?.value, 4))} | ${condition(m) ? code(condition(m)) : ""} |`);
    }
    const warned = r.metrics.flatMap((m) => metricWarnings(m).map((w) => `- ⚠️ ${cell(m.name)}: Prometheus warned: ${cell(w)}`));
    if (warned.length) out.push("", ...warned);
    for (const m of r.metrics) {
      const chart = rangeChart(m);
      if (chart) out.push("", `#### ${cell(m.name)}`, "", chart);
    }
    for (const m of r.metrics) {
      if (m.measurements.length < 2) continue;
      out.push("", `<details><summary>${htmlText(m.name)}: ${m.measurements.length} measurements</summary>`, "", "| # | at (UTC) | value | phase | message |", "| --- | --- | --- | --- | --- |");
      for (const row of measurementRows(m)) out.push(`| ${row.map(cell).join(" | ")} |`);
      out.push("", "</details>");
    }
  }
  if (report.comparison) {
    const c = report.comparison;
    if (out.length) out.push("");
    out.push(`### Baseline comparison: ${c.verdict === "pass" ? "✅" : c.verdict === "marginal" ? "⚠️" : "❌"} ${c.verdict}, score ${round(c.score)}`, "", cell(c.reason), "");
    out.push("| metric | verdict | candidate median | baseline median | p | effect | why |", "| --- | --- | --- | --- | --- | --- | --- |");
    for (const m of c.metrics) {
      out.push(`| ${cell(m.metric)} | ${m.verdict} | ${num(m.candidate.median)} (n=${m.candidate.n}) | ${num(m.baseline.median)} (n=${m.baseline.n}) | ${num(m.pValue)} | ${Number.isFinite(m.effect) ? `${(m.effect * 100).toFixed(1)}%` : num(m.effect)} | ${cell(m.reason)} |`);
    }
  }
  return out.join("\n");
}
var MAX_POINTS = 60;
var MAX_LINES = 5;
function rangeChart(m) {
  const last = m.measurements.findLast((x) => x.series?.length);
  if (!last?.series) return void 0;
  const times = [...new Set(last.series.flatMap((s) => s.points.map(([t]) => t)))].sort((a, b) => a - b);
  if (times.length < 2) return void 0;
  const stride = Math.ceil(times.length / MAX_POINTS);
  const shown = times.filter((_, i) => i % stride === 0);
  const series = last.series.slice(0, MAX_LINES);
  let skipped = 0;
  const lines = series.map((s) => {
    const at = new Map(s.points);
    return shown.map((t) => {
      const v = at.get(t);
      if (v === void 0 || !Number.isFinite(v)) {
        skipped++;
        return void 0;
      }
      return v;
    });
  });
  const values = lines.flat().filter((v) => v !== void 0);
  if (values.length === 0) return void 0;
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  const pad = hi === lo ? Math.abs(hi) * 0.1 || 1 : 0;
  const body = [
    "```mermaid",
    "xychart-beta",
    `    title "${chartText(m.name)}"`,
    `    x-axis [${shown.map((t) => `"${new Date(t * 1e3).toISOString().slice(11, 16)}"`).join(", ")}]`,
    `    y-axis "${chartText(m.name)}" ${num(lo - pad)} --> ${num(hi + pad)}`,
    // A missing point repeats the last value drawn (a line cannot have holes in mermaid).
    ...lines.map((l) => `    line [${fillGaps(l).map(num).join(", ")}]`),
    "```"
  ];
  const notes = [];
  if (last.series.length > MAX_LINES) notes.push(`${last.series.length - MAX_LINES} more series not drawn`);
  if (skipped) notes.push(`${skipped} points without a finite value`);
  if (series.length > 1) notes.push(`lines: ${series.map((s, i) => `${i + 1} ${labels(s.labels)}`).join("; ")}`);
  return `${body.join("\n")}${notes.length ? `

${cell(notes.join("; "))}` : ""}`;
}
function fillGaps(line) {
  const first = line.find((v) => v !== void 0) ?? 0;
  let prev = first;
  return line.map((v) => prev = v ?? prev);
}
function labels(l) {
  const text = Object.entries(l).map(([k, v]) => `${k}=${v}`).join(",");
  return `{${text}}`;
}
function num(v) {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf";
  return String(Number(v.toPrecision(6)));
}
function round(v) {
  return String(Math.round(v * 10) / 10);
}
function icon(phase) {
  return phase === "Successful" ? "✅" : phase === "Failed" ? "❌" : phase === "Stopped" ? "⏹️" : "⚠️";
}
function chartText(text) {
  return text.replace(/["\\\n\r\u0085\u2028\u2029`<>&]/g, " ");
}
function indent(text) {
  return text.split("\n").map((l) => `  ${l}`).join("\n");
}

export {
  metricWarnings,
  formatAnalysisText,
  formatAnalysisMarkdown,
  rangeChart
};
