import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  require_dist
} from "./chunk-C4OZCMLB.mjs";
import {
  DIGEST,
  IMAGE_NAME,
  TAG,
  digestProblem,
  formatImageRef,
  isImageName,
  isTag
} from "./chunk-FD6ZWLQC.mjs";
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
    const read2 = node.tag === `${YAML_TAG}binary` && node.value instanceof Uint8Array ? `decodes it to ${quote(new TextDecoder().decode(node.value))}` : "reads the value through its tag";
    fail(y, node, field, `the value carries the explicit tag ${tagName(node.tag)}: ${GO_YAML} ${read2}, a tagged value Ferry cannot read as text, so the two could read different values here; write the value as text, without the tag`);
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
function applySplices(text, splices2) {
  const rank = (s) => s.start !== s.end ? 2 : s.insert ? 1 : 0;
  const sorted = splices2.map((s, i) => ({ s, i })).sort((a, b) => a.s.start - b.s.start || rank(a.s) - rank(b.s) || a.i - b.i).map(({ s }) => s);
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

// actions/src/core/helm-values.ts
function readHelmValues(y, pin) {
  const read2 = (path) => {
    const { doc, node, parent, key } = locate(y, path);
    return { value: pinText(y, deref(doc, node), path), slot: { field: path, parent, key } };
  };
  const digest = read2(pin.digest);
  const parts = { slots: { digest: digest.slot } };
  if (pin.repository !== void 0) {
    const name = read2(pin.repository);
    parts.slots.name = name.slot;
    if (name.value !== void 0) parts.name = name.value;
  }
  if (pin.tag !== void 0) {
    const tag = read2(pin.tag);
    parts.slots.tag = tag.slot;
    if (tag.value !== void 0) parts.tag = tag.value;
  }
  if (digest.value !== void 0) parts.digest = digest.value;
  return parts;
}
function pinHelmValues(y, pin, ref) {
  if (pin.tag !== void 0 && ref.tag === void 0) {
    throw new ConfigurationError({ file: y.file, field: pin.tag, message: `the chart's tag value is configured but the image has no tag (image ${quote(`${ref.registry}/${ref.repository}@${ref.digest}`, 300)})` });
  }
  const parts = [
    pin.repository === void 0 ? void 0 : { role: "repository", path: pin.repository, value: `${ref.registry}/${ref.repository}` },
    pin.tag === void 0 || ref.tag === void 0 ? void 0 : { role: "tag", path: pin.tag, value: ref.tag },
    { role: "digest", path: pin.digest, value: ref.digest }
  ].filter((p) => p !== void 0);
  const slots = parts.map((part) => ({ ...part, slot: locate(y, part.path) }));
  const edits = slots.map(({ path, value }) => setValue(y, path, value));
  const pinned2 = pinnedBy(pin.digest, slots.at(-1).slot);
  for (const { role, path, slot } of slots) {
    const map = asMap(slot.parent);
    if (pinned2 === void 0 || !map || findPair(map, slot.key)) continue;
    fail(y, map, path, `${missingKey(path, map.items.map((p) => scalarText(p.key) ?? "?"))}; the file is pinned already (${pinned2}), so Ferry adds no key to it: a path it lacks is a mistake in ferry.yaml rather than a value the chart reads. Fix helm.${role} (${quote(path)}) in ferry.yaml, or add the key to the file by hand; nothing was changed`);
  }
  return edits.filter((s) => s !== void 0);
}
function missingKey(path, keys) {
  const segments = path.split(".");
  const where = segments.length > 1 ? `in ${quote(segments.slice(0, -1).join("."))}` : "at the top level";
  return `no key ${quote(segments.at(-1))} ${where} (it has ${keys.length ? keys.map((k) => quote(k)).join(", ") : "none"})`;
}
function pinnedBy(digestPath, slot) {
  const map = asMap(slot.parent);
  if (!map) return slot.node ? `${quote(digestPath)} holds its digest` : void 0;
  if (findPair(map, slot.key)) return `${quote(digestPath)} holds its digest`;
  const other = map.items.find((p) => /^sha256:[0-9a-f]{64}$/.test(scalarText(deref(slot.doc, p.value)) ?? ""));
  if (!other) return void 0;
  const prefix = digestPath.split(".").slice(0, -1);
  return `${quote([...prefix, scalarText(other.key) ?? "?"].join("."))} holds a digest`;
}
function setValue(y, path, value) {
  const { parent, key, node } = locate(y, path);
  const map = asMap(parent);
  if (map) return setMapValue(y, map, key, value, path);
  if (!node) fail(y, parent, path, `the sequence has no item ${key} (it has ${parent.items.length}); Ferry does not add items to a sequence`);
  return replaceScalar(y, node, value, path);
}
function locate(y, path) {
  assertGoYamlLineBreaks(y);
  const docs = y.docs.filter((d) => d.contents !== null);
  const [doc, other] = docs;
  if (!doc) fail(y, void 0, path, `the values file is empty; expected a mapping with ${quote(path)}`);
  if (other) fail(y, other.contents, path, `a values file has one YAML document, found ${docs.length}`);
  const segments = path.split(".");
  if (segments.some((s) => s === "")) fail(y, void 0, path, `expected a dotted path like "image.digest", found ${quote(path)}`);
  let node = deref(doc, doc.contents);
  let slot;
  for (const [i, key] of segments.entries()) {
    const at = i === 0 ? "the top level" : quote(segments.slice(0, i).join("."));
    if (slot && !node) fail(y, slot.parent, path, `no ${at} to hold ${quote(path)}; Ferry inserts only the last key of a path: add the mapping ${at} first`);
    const map = asMap(node);
    const seq = asSeq(node);
    if (map) assertNoMergeKey(y, map, segments.slice(0, i).join(".") || void 0);
    if (map) assertTextKeys(y, doc, map, segments.slice(0, i).join(".") || void 0);
    if (map) slot = { doc, parent: map, key, node: findPair(map, key)?.value ?? void 0 };
    else if (seq && /^\d+$/.test(key)) slot = { doc, parent: seq, key, node: seq.items[Number(key)] };
    else fail(y, node, path, `expected ${at} to be a mapping${seq ? ` (or a sequence, with a number as the next segment: found ${quote(key)})` : ""}, found ${describe(node)}`);
    node = deref(doc, slot.node);
  }
  if (!slot) fail(y, void 0, path, `expected a dotted path, found ${quote(path)}`);
  return slot;
}
function describe(node) {
  if (!node) return "nothing";
  if (asSeq(node)) return "a sequence";
  const text = scalarText(node);
  return text === void 0 ? "an empty value" : `the value ${quote(text)}`;
}

// actions/src/core/kustomize-images.ts
var import_yaml2 = __toESM(require_dist(), 1);
var FIELD = "images";
function readKustomizeImage(y, name) {
  const { doc, entry, field } = findEntry(y, name);
  const slot = (key) => ({ field: `${field}.${key}`, parent: entry, key });
  const value = (key) => pinText(y, mapValue(doc, entry, key), `${field}.${key}`);
  const parts = { name: value("newName") ?? name, slots: { name: slot("newName"), tag: slot("newTag"), digest: slot("digest") } };
  const tag = value("newTag");
  const digest = value("digest");
  if (tag !== void 0) parts.tag = tag;
  if (digest !== void 0) parts.digest = digest;
  return parts;
}
function pinKustomizeImage(y, name, ref) {
  const written = `${ref.registry}/${ref.repository}${ref.tag !== void 0 ? `:${ref.tag}` : ""}@${ref.digest}`;
  const { entry, field } = findEntry(y, name, written);
  const edits = [
    setMapValue(y, entry, "newName", `${ref.registry}/${ref.repository}`, `${field}.newName`),
    ref.tag !== void 0 ? setMapValue(y, entry, "newTag", ref.tag, `${field}.newTag`) : removePair(y, entry, "newTag", `${field}.newTag`),
    setMapValue(y, entry, "digest", ref.digest, `${field}.digest`)
  ];
  return edits.filter((s) => s !== void 0);
}
var FIELDS = ["name", "newName", "newTag", "digest"];
function caselessField(pair, fields = FIELDS) {
  const key = pair.key instanceof import_yaml2.Scalar && typeof pair.key.value === "string" ? pair.key.value : void 0;
  if (key === void 0 || fields.includes(key)) return void 0;
  const folded = key.replace(/\u212a/g, "k").replace(/\u017f/g, "s").replace(/[A-Z]/g, (c) => c.toLowerCase());
  return fields.find((f) => f.toLowerCase() === folded);
}
function caselessProblem(y, pair, field, at) {
  const key = pair.key.value;
  fail(y, pair.key, at, `kustomize reads the key ${quote(key)} as ${field} (Go matches field names whatever their case) but Ferry does not; rename it to ${field}, or remove it`);
}
function findEntry(y, name, written) {
  assertGoYamlLineBreaks(y);
  const [doc, ...others] = y.docs;
  const other = others.find((d) => !isEmptyDocument(d));
  if (doc && other) {
    const count = 1 + others.filter((d) => !isEmptyDocument(d)).length;
    const first2 = isEmptyDocument(doc) ? ", which is empty" : "";
    fail(y, other.contents, FIELD, `a kustomization file has one YAML document, found ${count}; kustomize reads only the first${first2}, so it would never see what Ferry pins here: make the file one document (remove the "---" or "..." line before this one)`);
  }
  const found = [];
  const names = [];
  const root = doc && asMap(deref(doc, doc.contents));
  if (root) {
    assertTextKeys(y, doc, root, void 0);
    const caseless = root.items.find((p) => caselessField(p, [FIELD]) !== void 0);
    if (caseless) caselessProblem(y, caseless, FIELD, FIELD);
  }
  const pair = root && findPair(root, FIELD);
  if (!doc || !pair) fail(y, void 0, FIELD, `no images: list, so no entry with name ${quote(name)}`);
  const imagesKey = pair.key;
  const list = asSeq(deref(doc, pair.value));
  if (!list) fail(y, imagesKey, FIELD, "expected a list of entries (`- name: …`), found something else");
  list.items.forEach((item, i) => {
    const entry = asMap(deref(doc, item));
    if (!entry) return;
    const field = `${FIELD}[${i}]`;
    assertTextKeys(y, doc, entry, field);
    const caseless = entry.items.find((p) => caselessField(p) === "name" && textValue(y, deref(doc, p.value), `${field}.name`) === name);
    if (caseless) caselessProblem(y, caseless, "name", `${field}.name`);
    const entryName = textValue(y, mapValue(doc, entry, "name"), `${field}.name`);
    const special = entryName === void 0 ? null : REGEX_SPECIAL.exec(entryName);
    if (special) {
      fail(y, findPair(entry, "name").value, `${field}.name`, `the name ${quote(entryName)} has ${quote(special[0])}, which no image name has: kustomize puts an entry's name unescaped into a regular expression (^<name>(:tag)?(@digest)?$), so this entry may apply to images of other names than Ferry compares it with (the pin Ferry writes or reads would not be what deploys); write the image's name as it is (a "." in it matches any character)`);
    }
    const merge = entry.items.find(isMergeKey);
    if (merge && !findPair(entry, "name")) {
      fail(y, merge.key, field, `the entry has no name: of its own but a merge key (<<): kustomize takes its name from the mapping merged in, which Ferry does not read, so it may be the entry of ${quote(name)}; write its name: out in the entry`);
    }
    if (entryName === void 0) return;
    names.push(entryName);
    if (entryName === name && !found.some((f) => f.entry === entry)) found.push({ doc, entry, field });
  });
  const [first, second] = found;
  if (first && !second) {
    assertNoMergeKey(y, first.entry, first.field);
    const caseless = first.entry.items.find((p) => caselessField(p) !== void 0);
    const field = caseless && caselessField(caseless);
    if (caseless && field) caselessProblem(y, caseless, field, `${first.field}.${field}`);
    assertNoEarlierEntry(y, first, list, name);
    assertNoLaterEntry(y, first, list, name, written);
    return first;
  }
  if (second) {
    const lines = found.map((f) => lineOf(y, f.entry)).join(" and ");
    fail(y, second.entry, FIELD, `more than one entry with name ${quote(name)} (lines ${lines}); Ferry pins exactly one: remove the others`);
  }
  fail(y, imagesKey, FIELD, `no entry with name ${quote(name)} (found: ${names.length ? names.map((n) => quote(n)).join(", ") : "none"})`);
}
function assertNoEarlierEntry(y, { doc, entry, field }, list, name) {
  const index = list.items.findIndex((item) => deref(doc, item) === entry);
  list.items.slice(0, index).forEach((item, i) => {
    const earlier = asMap(deref(doc, item));
    if (!earlier || earlier === entry) return;
    const value = (key2) => textValue(y, mapValue(doc, earlier, key2), `${FIELD}[${i}].${key2}`) || void 0;
    const [earlierName, newName] = [value("name"), value("newName")];
    if (earlierName === void 0) return;
    const mayOwn = imageNameMayMatch(name, earlierName);
    const mayInto = newName !== void 0 && imageNameMayMatch(newName, name);
    if (!mayOwn && !mayInto) return;
    const [newTag, digest] = [value("newTag"), value("digest")];
    if (newName === void 0 && newTag === void 0 && digest === void 0) return;
    const made = (image) => `${newName ?? image}${newTag === void 0 ? "" : `:${newTag}`}${digest === void 0 ? "" : `@${digest}`}`;
    const own = mayOwn && !imageSurelyMatches(made(name), name);
    const into = !own && mayInto && !imageSurelyMatches(made(newName), name);
    if (!own && !into) return;
    const what = own ? `applies to the image ${quote(name)} that one applies to and makes it ${quote(made(name))}` : `makes images it applies to ${quote(made(newName))}, named as the images that one applies to`;
    const key = findPair(earlier, "name").value;
    fail(y, key, `${FIELD}[${i}].name`, `this entry (line ${lineOf(y, earlier)}) comes before ${field} (line ${lineOf(y, entry)}), the entry of ${quote(name)} that Ferry pins, and ${what}, which that entry does not match (kustomize's pattern ^<name>(:tag)?(@sha256:digest)?$): kustomize applies entries in order, so that entry would not apply to it and what Ferry pins would not deploy there; remove this entry, or give it another name`);
  });
}
function assertNoLaterEntry(y, { doc, entry, field }, list, name, written) {
  const value = (key) => pinText(y, mapValue(doc, entry, key), `${field}.${key}`) || void 0;
  const current = value("newName") ?? name;
  const [tag, digest] = [value("newTag"), value("digest")];
  const made = written ?? (digest !== void 0 ? `${current}${tag !== void 0 ? `:${tag}` : ""}@${digest}` : void 0);
  const applies = (laterName) => made !== void 0 ? imageMatches(made, laterName) : imageNameMayMatch(current, laterName);
  const index = list.items.findIndex((item) => deref(doc, item) === entry);
  list.items.slice(index + 1).forEach((item, i) => {
    const later = asMap(deref(doc, item));
    if (!later || later === entry) return;
    const laterName = textValue(y, mapValue(doc, later, "name"), `${FIELD}[${index + 1 + i}].name`);
    if (laterName === void 0 || !applies(laterName)) return;
    const key = findPair(later, "name").value;
    fail(y, key, `${FIELD}[${index + 1 + i}].name`, `this entry (line ${lineOf(y, later)}) comes after ${field} (line ${lineOf(y, entry)}), the entry of ${quote(name)} that Ferry pins, and applies to the image that one makes (${quote(made ?? current, 200)}): kustomize applies entries in order, so this one's values would deploy instead of what Ferry pins; remove it, or give it another name`);
  });
}
var REGEX_SPECIAL = /[[\](){}*+?|^$\\]/;
var PLAIN_NAME = /^[A-Za-z0-9._/:@-]+$/;
var TAG2 = "[a-zA-Z0-9_.{}-]*";
function imageMatches(image, name) {
  if (splitImage(image).name === name) return true;
  if (!PLAIN_NAME.test(name)) return true;
  return new RegExp(`^${name}(:${TAG2})?(@[a-zA-Z][a-zA-Z0-9]*:${TAG2})?$`).test(image) || new RegExp(`^${name}(@sha256)?(:${TAG2})?$`).test(image);
}
function splitImage(image) {
  const slash = image.indexOf("/");
  const from = slash > 0 ? slash : 0;
  const rest = image.slice(from);
  const at = rest.indexOf("@");
  const colon = rest.indexOf(":");
  if (colon < 0 && at < 0) return { name: image, tag: "", digest: "" };
  if (at >= 0 && (at < colon || colon < 0)) return { name: image.slice(0, from + at), tag: "", digest: image.slice(from + at + 1) };
  if (at >= 0) return { name: image.slice(0, from + colon), tag: image.slice(from + colon + 1, from + at), digest: image.slice(from + at + 1) };
  return { name: image.slice(0, from + colon), tag: image.slice(from + colon + 1), digest: "" };
}
function imageSurelyMatches(image, name) {
  return !REGEX_SPECIAL.test(name) && new RegExp(`^${name}(:${TAG2})?(@sha256:${TAG2})?$`).test(image);
}
function imageNameMayMatch(name, entryName) {
  const n = Math.min(name.length, entryName.length);
  for (let i = 0; i < n; i++) if (entryName[i] !== "." && entryName[i] !== name[i]) return false;
  if (entryName.length > name.length) return ".:@".includes(entryName[name.length]);
  return /^([:@][a-zA-Z0-9_.{}:@-]*)?$/.test(name.slice(n));
}
function locateKustomizeEntry(y, name) {
  const { entry, field } = findEntry(y, name);
  const value = findPair(entry, "name")?.value;
  const { line, col } = y.lines.linePos(value?.range?.[0] ?? entry.range[0]);
  return { index: Number(/\[(\d+)\]$/.exec(field)[1]), field: `${field}.name`, line, column: col };
}

// actions/src/core/workload-container.ts
var APPS_KINDS = ["Deployment", "StatefulSet", "DaemonSet"];
function readWorkloadContainer(y, pin) {
  const { doc, container, field } = findContainer(y, pin);
  const image = pinText(y, mapValue(doc, container, "image"), `${field}.image`);
  const slot = { field: `${field}.image`, parent: container, key: "image", ...image === void 0 ? {} : { whole: image } };
  return { ...image === void 0 ? {} : splitImage2(image), slots: { name: slot, tag: slot, digest: slot } };
}
function pinWorkloadContainer(y, pin, ref) {
  const { container, field } = findContainer(y, pin);
  const edit = setMapValue(y, container, "image", formatImageRef(ref), `${field}.image`);
  return edit ? [edit] : [];
}
function splitImage2(image) {
  const at = image.indexOf("@");
  const nameTag = at < 0 ? image : image.slice(0, at);
  const colon = nameTag.lastIndexOf(":");
  const parts = colon > nameTag.lastIndexOf("/") ? { name: nameTag.slice(0, colon), tag: nameTag.slice(colon + 1) } : { name: nameTag };
  if (at >= 0) parts.digest = image.slice(at + 1);
  return parts;
}
function findContainer(y, pin) {
  assertGoYamlLineBreaks(y);
  const unread = y.docs.find((d, i) => i > 0 && d.directives.docStart !== true && !isEmptyDocument(d));
  if (unread) {
    fail(y, unread.contents, void 0, 'this document follows a "..." line with no "---" of its own: kubectl, kustomize and Argo CD split a file at "---" lines and read one document from each part, so they never read this one (go-yaml stops at the "..."), yet Ferry would read and pin it; put a "---" line before it (or remove the "..." line)');
  }
  const matches = [];
  const seen = [];
  for (const doc of y.docs) {
    const root = asMap(deref(doc, doc.contents));
    if (!root) continue;
    for (const { object, kind, at } of objects(y, doc, root, "")) {
      const apiVersion = kind === "Rollout" ? textValue(y, mapValue(doc, object, "apiVersion"), `${at}apiVersion`) ?? "" : "";
      const isWorkload = kind !== void 0 && (APPS_KINDS.includes(kind) || kind === "Rollout" && apiVersion.startsWith("argoproj.io/"));
      if (!isWorkload) continue;
      const metadata = asMap(mapValue(doc, object, "metadata"));
      const template = asMap(mapValue(doc, object, "spec"));
      const podTemplate = template && asMap(mapValue(doc, template, "template"));
      const podSpec = podTemplate && asMap(mapValue(doc, podTemplate, "spec"));
      for (const [map, field] of [[metadata, "metadata"], [template, "spec"], [podTemplate, "spec.template"], [podSpec, "spec.template.spec"]]) {
        if (map) assertTextKeys(y, doc, map, `${at}${field}`);
      }
      if (pin.resourceKind !== void 0 && kind !== pin.resourceKind) continue;
      const name = (metadata && textValue(y, mapValue(doc, metadata, "name"), `${at}metadata.name`)) ?? "";
      if (pin.resource !== void 0 && name !== pin.resource) continue;
      if (!podSpec) continue;
      for (const list of ["containers", "initContainers"]) {
        asSeq(mapValue(doc, podSpec, list))?.items.forEach((item, i) => {
          const field = `${at}spec.template.spec.${list}[${i}]`;
          const container = asMap(deref(doc, item));
          if (container) assertTextKeys(y, doc, container, field);
          const containerName = container && textValue(y, mapValue(doc, container, "name"), `${field}.name`);
          if (!container || containerName === void 0) return;
          seen.push(`${kind}/${name}: ${quote(containerName)}`);
          if (containerName === pin.container && !matches.some((m) => m.container === container)) {
            matches.push({ doc, container, workload: `${kind}/${name}`, field });
          }
        });
      }
    }
  }
  const [first, second] = matches;
  if (first && !second) {
    assertNoMergeKey(y, first.container, first.field);
    return first;
  }
  const searched = `container named ${quote(pin.container)} in ${describeFilter(pin)}`;
  if (second) {
    matches.sort((a, b) => (a.container.range?.[0] ?? 0) - (b.container.range?.[0] ?? 0));
    const where = matches.map((m) => `${m.workload} ${m.field} (line ${lineOf(y, m.container)})`).join(", ");
    const apart = new Set(matches.map((m) => m.workload)).size === matches.length;
    const advice = apart ? "set the pin's resource or kind to choose one" : "a pod's containers (init containers included) need names of their own, and a file holds one workload of a kind and name: rename or remove one";
    fail(y, matches[1].container, void 0, `more than one ${searched}: ${where}; ${advice}`);
  }
  fail(y, void 0, void 0, `no ${searched} (found: ${seen.length ? seen.join(", ") : "none"})`);
}
function objects(y, doc, object, at) {
  assertTextKeys(y, doc, object, at ? at.slice(0, -1) : void 0);
  const kind = textValue(y, mapValue(doc, object, "kind"), `${at}kind`);
  const items = kind?.endsWith("List") ? asSeq(mapValue(doc, object, "items")) : void 0;
  if (!items) return [{ object, kind, at }];
  return items.items.flatMap((item, i) => {
    const map = asMap(deref(doc, item));
    return map ? objects(y, doc, map, `${at}items[${i}].`) : [];
  });
}
function describeFilter(pin) {
  const kinds = pin.resourceKind ?? "a Deployment, StatefulSet, DaemonSet or Rollout";
  return pin.resource === void 0 ? kinds : `${pin.resourceKind ?? "a workload"} ${quote(pin.resource)}`;
}

// actions/src/core/image-pin.ts
function pinImage(text, file, pin, ref) {
  const y = parseYaml(text, file);
  const parts = readParts(y, pin);
  const previous = named(parts, pin, `${ref.registry}/${ref.repository}`);
  const edits = splices(y, pin, ref);
  const problems = partProblems(y, parts);
  if (problems.length) {
    throw new ConfigurationError(problems.map((p) => ({ ...p, message: `${p.message}; Ferry records the image it replaces in the commit, so fix this value by hand first; nothing was changed` })));
  }
  const out = applySplices(text, edits);
  if (out === text) return { text, changed: false, previous };
  const expected = expectedPin(pin, ref);
  let problem;
  try {
    const after = read(parseYaml(out, file), pin).image;
    if (after !== expected) problem = `the pin would read "${after}" instead of "${expected}"`;
  } catch (err) {
    const inner = err instanceof ConfigurationError ? err.problems.map((p) => `${p.line !== void 0 ? `line ${p.line}, column ${p.column ?? 1} of the edited text: ` : ""}${p.field ? `${p.field}: ` : ""}${p.message}`).join("; ") : err.message;
    problem = `the file would not read back (${inner})`;
  }
  if (problem) {
    const { line, col } = y.lines.linePos(Math.min(...edits.map((e) => e.insert?.at ?? e.start)));
    throw new ConfigurationError({ file, line, column: col, message: `Ferry cannot edit this file's layout safely: after the edit made here ${problem}; nothing was changed` });
  }
  return { text: out, changed: true, previous };
}
function readPinnedImage(text, file, pin, image) {
  const y = parseYaml(text, file);
  const parts = readParts(y, pin);
  const problems = partProblems(y, parts);
  if (problems.length) throw new ConfigurationError(problems);
  return named(parts, pin, image);
}
function readPinnedImageAt(text, file, pin) {
  const y = parseYaml(text, file);
  return located(y, readParts(y, pin));
}
function pinnedImageProblems(file, { pinned: p, places }, options = {}) {
  const problems = [];
  const report = (at, value, why2, expected, detail) => {
    const message = at.whole === void 0 ? `expected ${expected}, found ${quote(value)}${detail ? ` (${detail})` : ""}` : `${why2}; expected registry/repository[:tag][@${DIGEST}], found ${quote(at.whole, 300)}`;
    problems.push(pinProblem(file, at, message));
  };
  if (options.name !== false && places.name && p.name !== void 0 && !isImageName(p.name)) report(places.name, p.name, `the name ${quote(p.name)} is not ${IMAGE_NAME}`, IMAGE_NAME);
  if (places.tag && p.tag !== void 0 && !isTag(p.tag)) report(places.tag, p.tag, `the tag ${quote(p.tag)} is not ${TAG}`, TAG);
  const why = p.digest === void 0 ? void 0 : digestProblem(p.digest);
  if (p.digest !== void 0 && why !== void 0) report(places.digest, p.digest, why, DIGEST, p.digest.startsWith("sha256:") ? why : void 0);
  return problems;
}
function pinProblem(file, at, message) {
  return { file, line: at.line, column: at.column, field: at.field, message };
}
function place(y, slot) {
  const map = asMap(slot.parent);
  const pair = map ? findPair(map, slot.key) : void 0;
  const value = map ? pair?.value : slot.parent.items[Number(slot.key)];
  const key = pair?.key;
  const range = value?.range && value.range[0] < value.range[1] ? value.range : key?.range ?? slot.parent.range;
  const { line, col } = y.lines.linePos(range[0]);
  const at = { field: slot.field, line, column: col, present: map ? pair !== void 0 : value !== void 0 };
  const node = value;
  const kind = !node ? void 0 : asMap(node) ? "a mapping" : asSeq(node) ? "a sequence" : void 0;
  if (kind) at.kind = kind;
  if (map && !pair) at.keys = map.items.map((p) => scalarText(p.key) ?? "?");
  return slot.whole === void 0 ? at : { ...at, whole: slot.whole };
}
function located(y, parts) {
  const places = { digest: place(y, parts.slots.digest) };
  if (parts.slots.name) places.name = place(y, parts.slots.name);
  if (parts.slots.tag) places.tag = place(y, parts.slots.tag);
  return { pinned: pinned(parts), places };
}
function partProblems(y, parts) {
  return pinnedImageProblems(y.file, located(y, parts));
}
function pinned({ name, tag, digest }) {
  const image = `${name ?? ""}${tag !== void 0 ? `:${tag}` : ""}${digest !== void 0 ? `@${digest}` : ""}`;
  const result = { image };
  if (name !== void 0) result.name = name;
  if (tag !== void 0) result.tag = tag;
  if (digest !== void 0) result.digest = digest;
  return result;
}
function named(parts, pin, image) {
  return pinned(pin.kind === "helm" && pin.repository === void 0 && image !== void 0 ? { ...parts, name: image } : parts);
}
function read(y, pin) {
  return pinned(readParts(y, pin));
}
function readParts(y, pin) {
  switch (pin.kind) {
    case "kustomize":
      return readKustomizeImage(y, pin.name);
    case "helm":
      return readHelmValues(y, pin);
    case "container":
      return readWorkloadContainer(y, pin);
  }
}
function splices(y, pin, ref) {
  switch (pin.kind) {
    case "kustomize":
      return pinKustomizeImage(y, pin.name, ref);
    case "helm":
      return pinHelmValues(y, pin, ref);
    case "container":
      return pinWorkloadContainer(y, pin, ref);
  }
}
function expectedPin(pin, ref) {
  const name = `${ref.registry}/${ref.repository}`;
  if (pin.kind !== "helm") return pinned({ name, tag: ref.tag, digest: ref.digest }).image;
  return pinned({ name: pin.repository ? name : void 0, tag: pin.tag ? ref.tag : void 0, digest: ref.digest }).image;
}

export {
  parseYaml,
  fail,
  applySplices,
  asMap,
  asSeq,
  findPair,
  assertNotShared,
  readHelmValues,
  missingKey,
  readKustomizeImage,
  PLAIN_NAME,
  imageMatches,
  splitImage,
  locateKustomizeEntry,
  readWorkloadContainer,
  pinImage,
  readPinnedImage,
  readPinnedImageAt,
  pinnedImageProblems,
  pinProblem
};
