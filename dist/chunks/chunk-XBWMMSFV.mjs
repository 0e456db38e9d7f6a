import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  require_dist
} from "./chunk-C4OZCMLB.mjs";
import {
  ConfigurationError,
  quote
} from "./chunk-4TMDRVSR.mjs";
import {
  __toESM
} from "./chunk-WBKKXVG2.mjs";

// actions/src/core/yaml-splice.ts
var import_yaml = __toESM(require_dist(), 1);
function quotedScalarEndingAt(docs, offset) {
  let start;
  for (const doc of docs) {
    (0, import_yaml.visit)(doc, {
      Scalar(_key, node) {
        if ((node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") && node.range?.[1] === offset) {
          start = node.range[0];
          return import_yaml.visit.BREAK;
        }
        return void 0;
      }
    });
    if (start !== void 0) return start;
  }
  return void 0;
}
function parseYaml(text, file) {
  const lines = new import_yaml.LineCounter();
  const docs = Array.from((0, import_yaml.parseAllDocuments)(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, keepSourceTokens: true }));
  const errors = docs.flatMap((d) => d.errors);
  if (errors.length) {
    const why = /\r(?!\n)/.test(text) ? "; the file has carriage returns (CR) with no line feed after them, as a file whose CRLF line endings were converted twice has: convert its line endings once" : "";
    throw new ConfigurationError(
      errors.map((e, i) => {
        const opened = e.code === "MISSING_CHAR" && /^Missing closing ["']quote/.test(e.message) ? quotedScalarEndingAt(docs, e.pos[0]) : void 0;
        const { line, col } = lines.linePos(opened ?? e.pos[0]);
        return { file, line, column: col, message: `the YAML does not parse: ${e.message}${opened !== void 0 ? " for the value that starts here" : ""}${i === 0 ? why : ""}` };
      })
    );
  }
  const shared = [];
  const unresolved = [];
  for (const doc of docs) {
    (0, import_yaml.visit)(doc, {
      Alias(_key, alias) {
        const target = alias.resolve(doc);
        if (!target && alias.range) {
          const { line, col } = lines.linePos(alias.range[0]);
          unresolved.push({ file, line, column: col, message: `the YAML does not read: the alias *${alias.source} refers to no anchor &${alias.source} before it in its document (go-yaml, the YAML reader of kustomize and Helm, fails with "unknown anchor")` });
        }
        const range = target?.range;
        if (!range || !alias.range || shared.some((s) => s.start === range[0] && s.end === range[2])) return;
        shared.push({ anchor: alias.source, start: range[0], end: range[2], aliasLine: lines.linePos(alias.range[0]).line });
      }
    });
  }
  if (unresolved.length) throw new ConfigurationError(unresolved);
  return { file, text, docs, eol: lineEnding(text), lines, shared };
}
function lineEnding(text) {
  const nl = text.indexOf("\n");
  return nl > 0 && text[nl - 1] === "\r" ? "\r\n" : "\n";
}
function isEmptyDocument(doc) {
  return doc.contents === null || doc.contents instanceof import_yaml.Scalar && doc.contents.value === null;
}
function fail(y, node, field, message) {
  const offset = node?.range?.[0];
  if (offset === void 0) throw new ConfigurationError({ file: y.file, field, message });
  const { line, col } = y.lines.linePos(offset);
  throw new ConfigurationError({ file: y.file, line, column: col, field, message });
}
var GO_YAML_LINE_BREAKS = { "\r": "a carriage return (CR) with no line feed after it", "": "U+0085 (next line)", "\u2028": "U+2028 (line separator)", "\u2029": "U+2029 (paragraph separator)" };
var GO_YAML_LINE_BREAK = /\r(?!\n)|[\u0085\u2028\u2029]/g;
var TRAILING_CR = /\r(?=[ \t\r]*(?:\n|$))/y;
function assertGoYamlLineBreaks(y) {
  if (!/\r(?!\n)|[\u0085\u2028\u2029]/.test(y.text)) return;
  const problems = [];
  let values;
  for (const match of y.text.matchAll(GO_YAML_LINE_BREAK)) {
    TRAILING_CR.lastIndex = match.index;
    if (TRAILING_CR.test(y.text)) {
      values ??= scalarRanges(y);
      if (!values.some(([start, end]) => start <= match.index && match.index < end)) continue;
    }
    const { line, col } = y.lines.linePos(match.index);
    const what = GO_YAML_LINE_BREAKS[match[0]];
    const advice = match[0] === "\r" ? "remove it (or end the line with CRLF or LF)" : "remove it (or put a space in its place)";
    problems.push({ file: y.file, line, column: col, message: `${what} is a line break to go-yaml (the YAML reader of kustomize and Helm) but not to Ferry: in a comment or an unquoted value, what follows it would be read as another line of YAML there (in a quoted one, the value would differ); ${advice}` });
  }
  if (problems.length) throw new ConfigurationError(problems);
}
function scalarRanges(y) {
  const ranges = [];
  for (const doc of y.docs) {
    (0, import_yaml.visit)(doc, {
      Scalar(_key, node) {
        if (node.range) ranges.push(node.range);
      }
    });
  }
  return ranges;
}
function assertTextKeys(y, doc, map, field) {
  for (const pair of map.items) {
    const key = pair.key;
    if (!key || isMergeKey(pair)) continue;
    const problem = keyProblem(doc, key);
    if (problem) fail(y, key, field, `${problem}, so the two could read different values here; write the key as text${key instanceof import_yaml.Alias ? " instead of the alias" : key instanceof import_yaml.Scalar ? ", without the tag" : ""}`);
  }
}
var GO_YAML = "go-yaml (the YAML reader of kustomize, Helm, kubectl and Argo CD)";
function keyProblem(doc, key) {
  if (key instanceof import_yaml.Alias) {
    const text = scalarText(deref(doc, key));
    return `the key is the alias *${key.source}: ${GO_YAML} reads it as ${text === void 0 ? `what &${key.source} holds` : `the key ${quote(text)}`}, Ferry does not match a key through an alias`;
  }
  if (!(key instanceof import_yaml.Scalar)) {
    return `the key is a ${key instanceof import_yaml.YAMLSeq ? "sequence" : "mapping"}, not text: Ferry matches only keys written as text, and ${GO_YAML} does not read it as Ferry does`;
  }
  if (key.tag === void 0 || key.tag === "!" || key.tag === STR_TAG) return void 0;
  const tag = tagName(key.tag);
  if (key.tag === `${YAML_TAG}binary` && key.value instanceof Uint8Array) {
    return `the key carries the explicit tag ${tag}: ${GO_YAML} decodes it to the key ${quote(new TextDecoder().decode(key.value))}, which Ferry does not match`;
  }
  return `the key carries the explicit tag ${tag}: ${GO_YAML} reads the key through its tag, Ferry as the text written`;
}
function textValue(y, node, field) {
  if (node instanceof import_yaml.Scalar && !isTextTag(node.tag)) {
    const read = node.tag === `${YAML_TAG}binary` && node.value instanceof Uint8Array ? `decodes it to ${quote(new TextDecoder().decode(node.value))}` : "reads the value through its tag";
    fail(y, node, field, `the value carries the explicit tag ${tagName(node.tag)}: ${GO_YAML} ${read}, a tagged value Ferry cannot read as text, so the two could read different values here; write the value as text, without the tag`);
  }
  return scalarText(node);
}
function pinText(y, node, field) {
  if (node instanceof import_yaml.Scalar) assertStringTag(y, node, field);
  return scalarText(node);
}
function isTextTag(tag) {
  return tag === void 0 || tag === "!" || tag === STR_TAG;
}
function assertStringTag(y, node, field) {
  if (isTextTag(node.tag)) return;
  fail(y, node, field, `the value carries the explicit tag ${tagName(node.tag)}; Ferry writes image names, tags and digests as strings: remove the tag or use !!str`);
}
function tagName(tag) {
  return tag.startsWith(YAML_TAG) ? `!!${tag.slice(YAML_TAG.length)}` : tag.startsWith("!") ? tag : `!<${tag}>`;
}
function isMergeKey(pair) {
  const key = pair.key;
  if (!(key instanceof import_yaml.Scalar)) return false;
  return key.tag === `${YAML_TAG}merge` || key.type === "PLAIN" && (key.value === "<<" || typeof key.value === "symbol");
}
function assertNoMergeKey(y, map, field) {
  const pair = map.items.find(isMergeKey);
  if (!pair) return;
  fail(y, pair.key, field, "a merge key (<<): go-yaml (kustomize, Helm) merges in the keys of the mapping it refers to, which Ferry does not read, so Ferry cannot tell what is pinned; write those keys out here and remove the <<");
}
function lineOf(y, node) {
  const offset = node.range?.[0];
  return offset === void 0 ? void 0 : y.lines.linePos(offset).line;
}
function applySplices(text, splices) {
  const rank = (s) => s.start !== s.end ? 2 : s.insert ? 1 : 0;
  const sorted = splices.map((s, i) => ({ s, i })).sort((a, b) => a.s.start - b.s.start || rank(a.s) - rank(b.s) || a.i - b.i).map(({ s }) => s);
  let out = "";
  let at = 0;
  let previous;
  for (const s of sorted) {
    if (s.start < at) throw new Error(`overlapping YAML edits at offset ${s.start}`);
    const separator = s.insert && previous?.insert && previous.start === s.start ? s.insert.separator : "";
    out += text.slice(at, s.start) + separator + s.text;
    at = s.end;
    previous = s;
  }
  return out + text.slice(at);
}
function deref(doc, node) {
  if (!node) return void 0;
  return node instanceof import_yaml.Alias ? node.resolve(doc) ?? void 0 : node;
}
function asMap(node) {
  return node instanceof import_yaml.YAMLMap ? node : void 0;
}
function asSeq(node) {
  return node instanceof import_yaml.YAMLSeq ? node : void 0;
}
function findPair(map, key) {
  return map.items.find((p) => p.key instanceof import_yaml.Scalar && p.key.value !== null && String(p.key.value) === key);
}
function mapValue(doc, map, key) {
  return deref(doc, findPair(map, key)?.value);
}
function scalarText(node) {
  if (!(node instanceof import_yaml.Scalar) || node.value === null || node.value === void 0) return void 0;
  const text = typeof node.value === "string" ? node.value : node.source ?? String(node.value);
  return text === "" ? void 0 : text;
}
var YAML_TAG = "tag:yaml.org,2002:";
var STR_TAG = `${YAML_TAG}str`;
var GO_YAML_NUMBER = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)$/;
function needsQuotes(value, strTagged = false) {
  if (!/^[A-Za-z0-9_./+-][A-Za-z0-9_./@:+-]*$/.test(value) || value.endsWith(":")) return true;
  if (strTagged) return false;
  if (/^[0-9+.-]/.test(value) && GO_YAML_NUMBER.test(value.replace(/_/g, ""))) return true;
  return ["1.1", "1.2"].some((version) => {
    const doc = (0, import_yaml.parseDocument)(value, { version });
    return doc.errors.length > 0 || !(doc.contents instanceof import_yaml.Scalar) || doc.contents.value !== value;
  });
}
function formatScalar(value, type, strTagged = false) {
  if (type === "QUOTE_SINGLE") return `'${value.replace(/'/g, "''")}'`;
  if (type === "QUOTE_DOUBLE" || needsQuotes(value, strTagged)) return JSON.stringify(value);
  return value;
}
function assertNotShared(y, node, field) {
  if (node instanceof import_yaml.Alias) {
    fail(y, node, field, `the value is the alias *${node.source}; Ferry does not edit a value shared through an anchor (changing it would change every place that uses &${node.source}); write the value here instead of the alias`);
  }
  const [start, end] = node.range;
  const s = y.shared.find((n) => n.start <= start && end <= n.end);
  if (!s) return;
  const value = node instanceof import_yaml.Scalar ? "the value" : node instanceof import_yaml.YAMLSeq ? "the sequence" : "the mapping";
  const what = s.start === start && s.end === node.range[2] ? `${value} is anchored as &${s.anchor}` : `${value} is inside &${s.anchor}`;
  fail(y, node, field, `${what}, which the alias *${s.anchor} at line ${s.aliasLine} also uses; editing it would change both places, so Ferry refuses; give this value its own copy`);
}
function replaceScalar(y, node, value, field) {
  assertNotShared(y, node, field);
  if (!(node instanceof import_yaml.Scalar)) fail(y, node, field, `expected a single value, found a ${node instanceof import_yaml.YAMLSeq ? "sequence" : "mapping"}`);
  const type = node.type;
  if (type === "BLOCK_LITERAL" || type === "BLOCK_FOLDED") {
    fail(y, node, field, `the value is a block scalar (${type === "BLOCK_LITERAL" ? "|" : ">"}); Ferry edits only values written on one line, plain or quoted`);
  }
  assertStringTag(y, node, field);
  const strTagged = node.tag === STR_TAG;
  if (node.value === value && (type !== "PLAIN" || !needsQuotes(value, strTagged))) return void 0;
  const [start, end] = node.range;
  let text = formatScalar(value, type, strTagged);
  if (start === end) {
    if (!/[ \t]/.test(y.text[start - 1] ?? " ")) text = ` ${text}`;
    if (y.text[start] === "#") text = `${text} `;
  }
  return { start, end, text };
}
function setMapValue(y, map, key, value, field) {
  const pair = findPair(map, key);
  if (!pair) return insertPair(y, map, key, value, field);
  if (!pair.value) fail(y, pair.key, field, `the key ${quote(key)} has no value Ferry can replace`);
  return replaceScalar(y, pair.value, value, field);
}
function insertPair(y, map, key, value, field) {
  assertNotShared(y, map, field);
  const pairText = `${key}: ${formatScalar(value)}`;
  const last = map.items.at(-1);
  if (map.flow) {
    if (!last) return { start: map.range[0] + 1, end: map.range[0] + 1, text: pairText, insert: { separator: ", ", at: map.range[0] } };
    const end = pairEnd(last);
    return { start: end, end, text: `, ${pairText}`, insert: { separator: "", at: map.range[0] } };
  }
  if (!last) fail(y, map, field, `cannot insert ${quote(key)} into an empty mapping`);
  const line = `${blockIndent(y.text, map)}${pairText}`;
  const insert = { separator: "", at: pairStart(map.items[0]) };
  const after = afterLine(y.text, pairEnd(last));
  if (after !== void 0) return { start: after, end: after, text: line + y.eol, insert };
  const block = blockScalarEndingAt(y, y.text.length);
  if (!block) return { start: y.text.length, end: y.text.length, text: y.eol + line, insert };
  const prev = map.items.at(-2);
  const start = pairStart(last);
  const before = prev ? afterLine(y.text, pairEnd(prev)) : /^[ \t]*$/.test(y.text.slice(lineStartOf(y.text, start), start)) ? lineStartOf(y.text, start) : void 0;
  if (before === void 0) {
    const { line: at, col } = y.lines.linePos(block.range[0]);
    fail(y, last.key, field, `cannot insert ${quote(key)}: the file ends in the block scalar at line ${at}, column ${col}, with no line break after its last line, and this mapping has no line of its own to put ${quote(key)} before; go-yaml (kustomize, Helm) reads that value without a final line break, which a line after it would add. End the file with a line break (or write the scalar as ${y.text[block.range[0]]}-), and pin again`);
  }
  return { start: before, end: before, text: line + y.eol, insert };
}
function afterLine(text, offset) {
  if (text[offset - 1] === "\n") return offset;
  const nl = text.indexOf("\n", offset);
  return nl < 0 ? void 0 : nl + 1;
}
function blockScalarEndingAt(y, at) {
  const lastLine = y.text.lastIndexOf("\n", at - 1) + 1;
  let found;
  for (const doc of y.docs) {
    (0, import_yaml.visit)(doc, {
      Scalar(_key, node) {
        if (node.type !== "BLOCK_LITERAL" && node.type !== "BLOCK_FOLDED") return void 0;
        const [start, end] = node.range;
        if (end < lastLine || end > at || !/^[ \t]*$/.test(y.text.slice(end, at)) || /^[|>][0-9+]*-/.test(y.text.slice(start))) return void 0;
        found = node;
        return import_yaml.visit.BREAK;
      }
    });
    if (found) return found;
  }
  return void 0;
}
function removePair(y, map, key, field) {
  const index = map.items.findIndex((p) => p === findPair(map, key));
  const pair = map.items[index];
  if (!pair) return void 0;
  assertNotShared(y, map, field);
  const anchor = pair.key instanceof import_yaml.Scalar ? pair.key.anchor : void 0;
  if (anchor) fail(y, pair.key, field, `the key ${quote(key)} carries the anchor &${anchor}; removing the pair would take the anchor from its aliases or move it onto the next key, so Ferry refuses: take the anchor off the key (and write out its aliases) first`);
  if (pair.value) assertNotShared(y, pair.value, field);
  const splice = pairRemoval(y, map, index, key, field);
  const lost = y.shared.find((n) => splice.start <= n.start && n.end <= splice.end);
  if (lost) fail(y, pair.value, field, `the value holds the anchor &${lost.anchor}, which the alias *${lost.anchor} at line ${lost.aliasLine} uses; removing ${quote(key)} would leave that alias with nothing to refer to, so Ferry refuses: write the value out at the alias first`);
  return splice;
}
function pairRemoval(y, map, index, key, field) {
  const pair = map.items[index];
  const start = pairStart(pair);
  const end = pairEnd(pair);
  const next = map.items[index + 1];
  const prev = map.items[index - 1];
  if (map.flow) {
    if (next) {
      const nextStart2 = pairStart(next);
      if (!y.text.slice(end, nextStart2).includes("#")) return { start, end: nextStart2, text: "" };
      const comma2 = flowComma(y.text, end, nextStart2);
      const kept = y.text.slice(end, comma2);
      return { start, end: comma2 + 1, text: /^[ \t\r\n]/.test(kept) || /[ \t\r\n]$/.test(y.text.slice(0, start)) ? kept : ` ${kept}` };
    }
    if (!prev) return { start, end, text: "" };
    const from2 = pairEnd(prev);
    if (!y.text.slice(from2, start).includes("#")) return { start: from2, end, text: "" };
    const comma = flowComma(y.text, from2, start);
    const space = /[ \t\r\n]/.test(y.text[comma + 1] ?? "") ? "" : " ";
    return { start: from2, end, text: y.text.slice(from2, comma) + space + y.text.slice(comma + 1, start) };
  }
  const lineStart = lineStartOf(y.text, start);
  const after = afterLine(y.text, end);
  if (/^[ \t]*$/.test(y.text.slice(lineStart, start))) {
    if (after !== void 0) return { start: lineStart, end: after, text: "" };
    const block = lineStart > 0 ? blockScalarEndingAt(y, lineStart) : void 0;
    if (block) {
      const { line, col } = y.lines.linePos(block.range[0]);
      fail(y, pair.key, field, `cannot remove ${quote(key)}: it is the last line of a file with no final line break, right after the block scalar at line ${line}, column ${col}, whose value would lose its last line break with it (to go-yaml, the YAML reader of kustomize and Helm); end the file with a line break, and pin again`);
    }
    const breakStart = lineStart > 0 && y.text[lineStart - 2] === "\r" ? lineStart - 2 : Math.max(lineStart - 1, 0);
    return { start: breakStart, end: y.text.length, text: "" };
  }
  if (!next) fail(y, pair.key, field, `cannot remove ${quote(key)}: it is the only key on its line`);
  const nextStart = pairStart(next);
  if (after === void 0 || !y.text.slice(after, nextStart).includes("#")) return { start, end: nextStart, text: "" };
  let from = start;
  while (from > lineStart && (y.text[from - 1] === " " || y.text[from - 1] === "	")) from--;
  const lineEnd = y.text[after - 2] === "\r" ? after - 2 : after - 1;
  return { start: from, end: lineEnd, text: "" };
}
function flowComma(text, from, to) {
  for (let i = from; i < to; i++) {
    if (text[i] === "#") i = text.indexOf("\n", i) < 0 ? to : text.indexOf("\n", i);
    else if (text[i] === ",") return i;
  }
  throw new Error(`no comma between two pairs of a flow mapping at offset ${from}`);
}
function pairEnd(pair) {
  return (pair.value ?? pair.key).range[1];
}
function pairStart(pair) {
  const key = pair.key ?? pair.value;
  let props;
  for (const token of pair.srcToken?.start ?? []) {
    if (token.type === "explicit-key-ind") return token.offset;
    if (token.type === "newline" || token.type === "comment") props = void 0;
    else if ((token.type === "anchor" || token.type === "tag") && props === void 0) props = token.offset;
  }
  return props ?? key.range[0];
}
function blockIndent(text, map) {
  let column = 0;
  for (const pair of map.items) {
    const start = pairStart(pair);
    const lineStart = lineStartOf(text, start);
    const prefix = text.slice(lineStart, start);
    if (/^[ ]*$/.test(prefix)) return prefix;
    column ||= start - lineStart;
  }
  return " ".repeat(column);
}
function lineStartOf(text, offset) {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  return start === 0 && text.startsWith("\uFEFF") ? 1 : start;
}

export {
  parseYaml,
  isEmptyDocument,
  fail,
  assertGoYamlLineBreaks,
  assertTextKeys,
  textValue,
  pinText,
  isMergeKey,
  assertNoMergeKey,
  lineOf,
  applySplices,
  deref,
  asMap,
  asSeq,
  findPair,
  mapValue,
  scalarText,
  assertNotShared,
  replaceScalar,
  setMapValue,
  removePair
};
