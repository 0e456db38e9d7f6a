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
} from "./chunk-MLTHUEAN.mjs";
import {
  ConfigurationError,
  quote
} from "./chunk-DBVFLN7T.mjs";
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
  const docs = Array.from((0, import_yaml.parseAllDocuments)(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }));
  const errors = docs.flatMap((d) => d.errors);
  if (errors.length) {
    throw new ConfigurationError(
      errors.map((e) => {
        const opened = e.code === "MISSING_CHAR" && /^Missing closing ["']quote/.test(e.message) ? quotedScalarEndingAt(docs, e.pos[0]) : void 0;
        const { line, col } = lines.linePos(opened ?? e.pos[0]);
        return { file, line, column: col, message: `the YAML does not parse: ${e.message}${opened !== void 0 ? " for the value that starts here" : ""}` };
      })
    );
  }
  const shared = [];
  for (const doc of docs) {
    (0, import_yaml.visit)(doc, {
      Alias(_key, alias) {
        const target = alias.resolve(doc);
        const range = target?.range;
        if (!range || !alias.range || shared.some((s) => s.start === range[0] && s.end === range[2])) return;
        shared.push({ anchor: alias.source, start: range[0], end: range[2], aliasLine: lines.linePos(alias.range[0]).line });
      }
    });
  }
  return { file, text, docs, eol: lineEnding(text), lines, shared };
}
function lineEnding(text) {
  const nl = text.indexOf("\n");
  return nl > 0 && text[nl - 1] === "\r" ? "\r\n" : "\n";
}
function fail(y, node, field, message) {
  const offset = node?.range?.[0];
  if (offset === void 0) throw new ConfigurationError({ file: y.file, field, message });
  const { line, col } = y.lines.linePos(offset);
  throw new ConfigurationError({ file: y.file, line, column: col, field, message });
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
  const strTagged = node.tag === STR_TAG;
  if (node.value === value && (type !== "PLAIN" || !needsQuotes(value, strTagged))) return void 0;
  if (node.tag !== void 0 && node.tag !== "!" && !strTagged) {
    const tag = node.tag.startsWith(YAML_TAG) ? `!!${node.tag.slice(YAML_TAG.length)}` : node.tag.startsWith("!") ? node.tag : `!<${node.tag}>`;
    fail(y, node, field, `the value carries the explicit tag ${tag}; Ferry writes image names, tags and digests as strings: remove the tag or use !!str`);
  }
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
    if (!last) return { start: map.range[0] + 1, end: map.range[0] + 1, text: pairText, insert: { separator: ", " } };
    const end2 = pairEnd(last);
    return { start: end2, end: end2, text: `, ${pairText}`, insert: { separator: "" } };
  }
  if (!last) fail(y, map, field, `cannot insert ${quote(key)} into an empty mapping`);
  const line = `${blockIndent(y.text, map)}${pairText}`;
  const end = pairEnd(last);
  const insert = { separator: "" };
  if (y.text[end - 1] === "\n") return { start: end, end, text: line + y.eol, insert };
  const nl = y.text.indexOf("\n", end);
  if (nl < 0) return { start: y.text.length, end: y.text.length, text: y.eol + line, insert };
  return { start: nl + 1, end: nl + 1, text: line + y.eol, insert };
}
function removePair(y, map, key, field) {
  const index = map.items.findIndex((p) => p === findPair(map, key));
  const pair = map.items[index];
  if (!pair) return void 0;
  assertNotShared(y, map, field);
  if (pair.value) assertNotShared(y, pair.value, field);
  const keyStart = pair.key.range[0];
  const next = map.items[index + 1];
  const prev = map.items[index - 1];
  if (map.flow) {
    if (prev) return { start: pairEnd(prev), end: pairEnd(pair), text: "" };
    return { start: keyStart, end: next ? next.key.range[0] : pairEnd(pair), text: "" };
  }
  const lineStart = lineStartOf(y.text, keyStart);
  if (/^[ \t]*$/.test(y.text.slice(lineStart, keyStart))) {
    const end = pairEnd(pair);
    if (y.text[end - 1] === "\n") return { start: lineStart, end, text: "" };
    const nl = y.text.indexOf("\n", end);
    if (nl >= 0) return { start: lineStart, end: nl + 1, text: "" };
    const start = lineStart > 0 && y.text[lineStart - 2] === "\r" ? lineStart - 2 : Math.max(lineStart - 1, 0);
    return { start, end: y.text.length, text: "" };
  }
  if (!next) fail(y, pair.key, field, `cannot remove ${quote(key)}: it is the only key on its line`);
  return { start: keyStart, end: next.key.range[0], text: "" };
}
function pairEnd(pair) {
  return (pair.value ?? pair.key).range[1];
}
function blockIndent(text, map) {
  let column = 0;
  for (const pair of map.items) {
    const start = pair.key.range[0];
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
    return { value: scalarText(deref(doc, node)), slot: { field: path, parent, key } };
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
  const edits = [
    pin.repository === void 0 ? void 0 : setValue(y, pin.repository, `${ref.registry}/${ref.repository}`),
    pin.tag === void 0 || ref.tag === void 0 ? void 0 : setValue(y, pin.tag, ref.tag),
    setValue(y, pin.digest, ref.digest)
  ];
  return edits.filter((s) => s !== void 0);
}
function setValue(y, path, value) {
  const { parent, key, node } = locate(y, path);
  const map = asMap(parent);
  if (map) return setMapValue(y, map, key, value, path);
  if (!node) fail(y, parent, path, `the sequence has no item ${key} (it has ${parent.items.length}); Ferry does not add items to a sequence`);
  return replaceScalar(y, node, value, path);
}
function locate(y, path) {
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
var FIELD = "images";
function readKustomizeImage(y, name) {
  const { doc, entry, field } = findEntry(y, name);
  const slot = (key) => ({ field: `${field}.${key}`, parent: entry, key });
  const parts = { name: scalarText(mapValue(doc, entry, "newName")) ?? name, slots: { name: slot("newName"), tag: slot("newTag"), digest: slot("digest") } };
  const tag = scalarText(mapValue(doc, entry, "newTag"));
  const digest = scalarText(mapValue(doc, entry, "digest"));
  if (tag !== void 0) parts.tag = tag;
  if (digest !== void 0) parts.digest = digest;
  return parts;
}
function pinKustomizeImage(y, name, ref) {
  const { entry, field } = findEntry(y, name);
  const edits = [
    setMapValue(y, entry, "newName", `${ref.registry}/${ref.repository}`, `${field}.newName`),
    ref.tag !== void 0 ? setMapValue(y, entry, "newTag", ref.tag, `${field}.newTag`) : removePair(y, entry, "newTag", `${field}.newTag`),
    setMapValue(y, entry, "digest", ref.digest, `${field}.digest`)
  ];
  return edits.filter((s) => s !== void 0);
}
function findEntry(y, name) {
  const found = [];
  const names = [];
  let imagesKey;
  for (const doc of y.docs) {
    const root = asMap(deref(doc, doc.contents));
    const pair = root && findPair(root, FIELD);
    if (!pair) continue;
    imagesKey = pair.key;
    const list = asSeq(deref(doc, pair.value));
    if (!list) fail(y, imagesKey, FIELD, "expected a list of entries (`- name: …`), found something else");
    list.items.forEach((item, i) => {
      const entry = asMap(deref(doc, item));
      const entryName = entry && scalarText(mapValue(doc, entry, "name"));
      if (!entry || entryName === void 0) return;
      names.push(entryName);
      if (entryName === name && !found.some((f) => f.entry === entry)) found.push({ doc, entry, field: `${FIELD}[${i}]` });
    });
  }
  const [first, second] = found;
  if (first && !second) return first;
  if (second) {
    const lines = found.map((f) => lineOf(y, f.entry)).join(" and ");
    fail(y, second.entry, FIELD, `more than one entry with name ${quote(name)} (lines ${lines}); Ferry pins exactly one: remove the others`);
  }
  if (!imagesKey) fail(y, void 0, FIELD, `no images: list, so no entry with name ${quote(name)}`);
  fail(y, imagesKey, FIELD, `no entry with name ${quote(name)} (found: ${names.length ? names.map((n) => quote(n)).join(", ") : "none"})`);
}

// actions/src/core/workload-container.ts
var APPS_KINDS = ["Deployment", "StatefulSet", "DaemonSet"];
function readWorkloadContainer(y, pin) {
  const { doc, container, field } = findContainer(y, pin);
  const image = scalarText(mapValue(doc, container, "image"));
  const slot = { field: `${field}.image`, parent: container, key: "image", ...image === void 0 ? {} : { whole: image } };
  return { ...image === void 0 ? {} : splitImage(image), slots: { name: slot, tag: slot, digest: slot } };
}
function pinWorkloadContainer(y, pin, ref) {
  const { container, field } = findContainer(y, pin);
  const edit = setMapValue(y, container, "image", formatImageRef(ref), `${field}.image`);
  return edit ? [edit] : [];
}
function splitImage(image) {
  const at = image.indexOf("@");
  const nameTag = at < 0 ? image : image.slice(0, at);
  const colon = nameTag.lastIndexOf(":");
  const parts = colon > nameTag.lastIndexOf("/") ? { name: nameTag.slice(0, colon), tag: nameTag.slice(colon + 1) } : { name: nameTag };
  if (at >= 0) parts.digest = image.slice(at + 1);
  return parts;
}
function findContainer(y, pin) {
  const matches = [];
  const seen = [];
  for (const doc of y.docs) {
    const root = asMap(deref(doc, doc.contents));
    if (!root) continue;
    const kind = scalarText(mapValue(doc, root, "kind"));
    const apiVersion = scalarText(mapValue(doc, root, "apiVersion")) ?? "";
    const isWorkload = kind !== void 0 && (APPS_KINDS.includes(kind) || kind === "Rollout" && apiVersion.startsWith("argoproj.io/"));
    if (!isWorkload || pin.resourceKind !== void 0 && kind !== pin.resourceKind) continue;
    const metadata = asMap(mapValue(doc, root, "metadata"));
    const name = (metadata && scalarText(mapValue(doc, metadata, "name"))) ?? "";
    if (pin.resource !== void 0 && name !== pin.resource) continue;
    const template = asMap(mapValue(doc, root, "spec"));
    const podTemplate = template && asMap(mapValue(doc, template, "template"));
    const podSpec = podTemplate && asMap(mapValue(doc, podTemplate, "spec"));
    if (!podSpec) continue;
    for (const list of ["containers", "initContainers"]) {
      asSeq(mapValue(doc, podSpec, list))?.items.forEach((item, i) => {
        const container = asMap(deref(doc, item));
        const containerName = container && scalarText(mapValue(doc, container, "name"));
        if (!container || containerName === void 0) return;
        seen.push(`${kind}/${name}: ${quote(containerName)}`);
        if (containerName === pin.container && !matches.some((m) => m.container === container)) {
          matches.push({ doc, container, workload: `${kind}/${name}`, field: `spec.template.spec.${list}[${i}]` });
        }
      });
    }
  }
  const [first, second] = matches;
  if (first && !second) return first;
  const searched = `container named ${quote(pin.container)} in ${describeFilter(pin)}`;
  if (second) {
    const where = matches.map((m) => `${m.workload} (line ${lineOf(y, m.container)})`).join(", ");
    fail(y, second.container, void 0, `more than one ${searched}: ${where}; set the pin's resource or kind to choose one`);
  }
  fail(y, void 0, void 0, `no ${searched} (found: ${seen.length ? seen.join(", ") : "none"})`);
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
    problem = `the file would not read back (${err.message})`;
  }
  if (problem) throw new ConfigurationError({ file, message: `Ferry cannot edit this file's layout safely: after the edit ${problem}; nothing was changed` });
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
  pinImage,
  readPinnedImage,
  readPinnedImageAt,
  pinnedImageProblems,
  pinProblem
};
