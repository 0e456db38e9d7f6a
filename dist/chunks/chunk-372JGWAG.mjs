import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);

// actions/src/core/markdown.ts
var MAX_PULL_REQUEST_BODY = 65536;
var CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
var CUT_CELL = /… \(cut: [\d,]+ more characters?\)/;
var MENTION = /(?<![A-Za-z0-9_])@(?=[A-Za-z0-9])/g;
function unmention(text) {
  return text.replace(MENTION, "@‍");
}
function cell(text) {
  return unmention(text.replace(CONTROL, " ").replace(/[\\`*_[\]!~$#|]/g, "\\$&").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/^([-+])(?=[\s\-+]|$)/, "\\$1").replace(/^(\d{1,9})([.)])(?=\s|$)/, "$1\\$2"));
}
function shortCell(text, max) {
  const { kept, note } = cutAt(text, max);
  return cell(kept) + note;
}
function cutShort(text, max) {
  const { kept, note } = cutAt(text, max);
  return kept + note;
}
function cutAt(text, max) {
  if (text.length <= max) return { kept: text, note: "" };
  const chars = Array.from(text);
  const more = chars.length - max;
  if (more <= 0) return { kept: text, note: "" };
  return { kept: chars.slice(0, max).join(""), note: ` … (cut: ${more.toLocaleString("en")} more character${more === 1 ? "" : "s"})` };
}
function htmlText(text) {
  return unmention(text).replace(CONTROL, " ").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
function code(text) {
  const flat = text.replace(CONTROL, " ");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${ticks}${pad}${flat.replace(/(\\*)\|/g, (_m, bs) => `${bs}${bs.length % 2 ? "\\\\" : "\\"}|`)}${pad}${ticks}`;
}
function fenced(text, info = "") {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${info}
${text.trimEnd()}
${fence}`;
}

export {
  MAX_PULL_REQUEST_BODY,
  CUT_CELL,
  cell,
  shortCell,
  cutShort,
  htmlText,
  code,
  fenced
};
