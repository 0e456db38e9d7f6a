import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);

// actions/src/core/table.ts
function formatTable(header, rows) {
  const lines = [header, ...rows].map((l) => l.map(visible));
  const widths = header.map(() => 0);
  for (const l of lines) for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i], (l[i] ?? "").length);
  return lines.map((l) => l.map((c, i) => i === l.length - 1 ? c : c.padEnd(widths[i])).join("  ").trimEnd()).join("\n");
}
function clip(text, width) {
  const chars = Array.from(text);
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join("")}…`;
}
var INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
function visible(text) {
  return text.replace(INVISIBLE, writtenOut);
}
function writtenOut(c) {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}
function visibleLines(text) {
  return text.replace(INVISIBLE, (c, at) => c === "\n" || c === "	" || c === "\r" && text[at + 1] === "\n" ? c : writtenOut(c));
}
function utc(date) {
  return isoUtc(date).replace("T", " ");
}
function isoUtc(date) {
  const time = new Date(date);
  return Number.isNaN(time.getTime()) ? date : time.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export {
  formatTable,
  clip,
  visible,
  visibleLines,
  utc,
  isoUtc
};
