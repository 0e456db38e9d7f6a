import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);

// actions/src/core/table.ts
function formatTable(header, rows) {
  const lines = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? "").length)));
  return lines.map((l) => l.map((c, i) => i === l.length - 1 ? c : c.padEnd(widths[i])).join("  ").trimEnd()).join("\n");
}
function utc(date) {
  const time = new Date(date);
  return Number.isNaN(time.getTime()) ? date : time.toISOString().replace("T", " ").replace(/\.\d{3}Z$/, "Z");
}

export {
  formatTable,
  utc
};
