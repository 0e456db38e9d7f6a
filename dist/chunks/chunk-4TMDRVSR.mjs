import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  visible
} from "./chunk-VPQIS2RW.mjs";

// actions/src/core/errors.ts
function formatProblem(p) {
  let where = "";
  if (p.file !== void 0) {
    where = p.file;
    if (p.line !== void 0) where += `:${p.line}`;
    if (p.line !== void 0 && p.column !== void 0) where += `:${p.column}`;
  }
  const parts = [where, p.field].filter((s) => !!s);
  return parts.length ? `${parts.join(": ")}: ${p.message}` : p.message;
}
var ConfigurationError = class extends Error {
  problems;
  /** The env repo's commit whose files the problems are in, when they were found in one. */
  commit;
  constructor(problems) {
    const list = typeof problems === "string" ? [{ message: problems }] : Array.isArray(problems) ? problems : [problems];
    super(list.map(formatProblem).join("\n"));
    this.name = "ConfigurationError";
    this.problems = list;
  }
};
var FileTooLargeError = class extends ConfigurationError {
  constructor(problem, bytes) {
    super(problem);
    this.bytes = bytes;
  }
};
function quoteAscii(value, max = 80) {
  return quote(value, max).replace(/[^\x20-\x7e]/gu, (c) => Array.from({ length: c.length }, (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, "0")}`).join(""));
}
function quote(value, max = 80) {
  let s = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  return visible(JSON.stringify(s)).replace(/[\p{Cf}\u115f\u1160\u3164\uffa0\u2800]/gu, (c) => Array.from({ length: c.length }, (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, "0")}`).join(""));
}

export {
  formatProblem,
  ConfigurationError,
  FileTooLargeError,
  quoteAscii,
  quote
};
