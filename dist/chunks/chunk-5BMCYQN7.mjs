import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  readConfig
} from "./chunk-736OWXYZ.mjs";
import {
  assertImageForApp,
  findApp
} from "./chunk-QKVPLPRY.mjs";
import {
  manifestPath
} from "./chunk-TWBHTREK.mjs";
import {
  applySplices,
  fail,
  parseYaml,
  readPinnedImage
} from "./chunk-6XHYADCA.mjs";
import {
  require_dist
} from "./chunk-C4OZCMLB.mjs";
import {
  assertSingleLine,
  commitMessage,
  elidable,
  fitSubject,
  subjectImage
} from "./chunk-C4EZRMXW.mjs";
import {
  BLOCKLIST_FILE
} from "./chunk-VVEEDHSD.mjs";
import {
  formatImageRef,
  parseImageRef
} from "./chunk-FD6ZWLQC.mjs";
import {
  ConfigurationError,
  quote
} from "./chunk-4TMDRVSR.mjs";
import {
  __toESM
} from "./chunk-WBKKXVG2.mjs";

// actions/src/core/blocklist.ts
var import_yaml = __toESM(require_dist(), 1);
var HEADER = "# Image digests that no bump, promotion or rollback may pin. `ferry block` adds an entry, `ferry unblock` removes it.\n";
var ENTRY_KEYS = ["app", "digest", "image", "reason", "by", "at"];
var RefusedError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "RefusedError";
  }
};
function parseBlocklist(text, file = BLOCKLIST_FILE) {
  const lines = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter: lines, prettyErrors: false });
  const at = (node, field, message) => {
    const pos = node?.range ? lines.linePos(node.range[0]) : { line: 1, col: 1 };
    return { file, line: pos.line, column: pos.col, field, message };
  };
  if (doc.errors.length) throw new ConfigurationError(doc.errors.map((e) => ({ file, line: e.linePos?.[0].line ?? 1, column: e.linePos?.[0].col ?? 1, message: e.message })));
  const problems = [];
  const entries = [];
  const root = doc.contents;
  if (root === null || (0, import_yaml.isScalar)(root) && root.value === null) return entries;
  if (!(0, import_yaml.isMap)(root)) throw new ConfigurationError(at(root, "", "expected a mapping with the key blocked"));
  for (const pair of root.items) {
    const key = (0, import_yaml.isScalar)(pair.key) ? String(pair.key.value) : "";
    if (key !== "blocked") problems.push(at(pair.key, key, `unknown key ${quote(key)} (expected blocked)`));
  }
  const list = root.get("blocked", true);
  if (list !== void 0 && !((0, import_yaml.isScalar)(list) && list.value === null)) {
    if (!(0, import_yaml.isSeq)(list)) problems.push(at(list, "blocked", "expected a list of blocked digests"));
    else {
      list.items.forEach((item, i) => {
        const field = `blocked[${i}]`;
        if (!(0, import_yaml.isMap)(item)) return void problems.push(at(item, field, "expected a mapping with app, digest and reason"));
        const values = {};
        for (const pair of item.items) {
          const key = (0, import_yaml.isScalar)(pair.key) ? String(pair.key.value) : "";
          if (!ENTRY_KEYS.includes(key)) problems.push(at(pair.key, `${field}.${key}`, `unknown key ${quote(key)} (expected one of ${ENTRY_KEYS.join(", ")})`));
          else if (!(0, import_yaml.isScalar)(pair.value) || typeof pair.value.value !== "string") problems.push(at(pair.value ?? pair.key, `${field}.${key}`, "expected text"));
          else values[key] = pair.value.value;
        }
        for (const key of ["app", "digest", "reason"]) if (values[key] === void 0 && !problems.some((p) => p.field === `${field}.${key}`)) problems.push(at(item, field, `missing required key ${quote(key)}`));
        if (values.digest !== void 0 && !/^sha256:[0-9a-f]{64}$/.test(values.digest)) problems.push(at(item.get("digest", true), `${field}.digest`, `expected sha256:<64 lowercase hex digits>, found ${quote(values.digest)}`));
        if (values.app !== void 0 && values.digest !== void 0 && values.reason !== void 0) {
          entries.push({ app: values.app, digest: values.digest, reason: values.reason, ...pick(values, "image", "by", "at") });
        }
      });
    }
  }
  if (problems.length) throw new ConfigurationError(problems);
  return entries;
}
function pick(values, ...keys) {
  return Object.fromEntries(keys.filter((k) => values[k] !== void 0).map((k) => [k, values[k]]));
}
async function readBlocklist(snapshot) {
  const text = await snapshot.readFile(BLOCKLIST_FILE);
  return text === void 0 ? [] : parseBlocklist(text);
}
function findBlocked(list, app, digest) {
  return list.find((b) => b.app === app && b.digest === digest) ?? list.find((b) => b.digest === digest);
}
async function stillPinned(snapshot, config, app, digest, except) {
  const envs = config.environments.filter((e) => e.name !== except).map((e) => ({ env: e.name, manifest: manifestPath(app, e.name) }));
  await snapshot.prefetch?.(envs.map((e) => e.manifest));
  const pins = await Promise.all(envs.map(async ({ manifest }) => {
    try {
      const text = await snapshot.readFile(manifest);
      return text !== void 0 && readPinnedImage(text, manifest, app.pin).digest === digest;
    } catch (error) {
      if (error instanceof ConfigurationError) return "unreadable";
      throw error;
    }
  }));
  return { pinned: envs.filter((_, i) => pins[i] === true), unreadable: envs.filter((_, i) => pins[i] === "unreadable") };
}
function stillPinnedText(pins, app) {
  return `still pinned in ${pins.map((p) => p.env).join(", ")}: a block refuses new pins, it takes none out; ferry rollback --env <env> --app ${appArg(app)} in each`;
}
function unreadableText(unreadable) {
  const one = unreadable.length === 1;
  return `could not read ${unreadable.map((u) => u.manifest).join(", ")} (whether ${one ? "it pins" : "they pin"} the digest is not known): check ${one ? "it" : "them"} with ferry validate`;
}
function findEntry(list, app, digest) {
  return list.find((b) => b.app === app && b.digest === digest);
}
function describeBlock(entry) {
  const who = [entry.at && `since ${entry.at}`, entry.by && `by ${entry.by}`].filter(Boolean).join(" ");
  return `for app ${quote(entry.app)}${who ? ` (${who})` : ""}: ${entry.reason}`;
}
function assertNotBlocked(list, app, image, digest) {
  const entry = findBlocked(list, app, digest);
  if (!entry) return;
  const others = entry.app === app ? "" : `; a blocked digest is refused for every app, ${quote(app)} too`;
  throw new RefusedError(`refused: ${image} is blocked ${describeBlock(entry)}${others}; \`ferry unblock${entry.app === app ? "" : ` --app ${appArg(entry.app)}`}\` allows it again`);
}
function appArg(app) {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(app) ? app : quote(app);
}
function checkBlockRequest(req) {
  parseImageRef(req.image, "image");
  assertSingleLine(req.reason, "reason", 500);
  if (req.requestedBy !== void 0) assertSingleLine(req.requestedBy, "requested-by", 200);
  if (req.runUrl !== void 0) assertSingleLine(req.runUrl, "run-url", 500);
}
async function planBlock(snapshot, req) {
  checkBlockRequest(req);
  const ref = parseImageRef(req.image, "image");
  const config = await readConfig(snapshot);
  const app = findApp(config, req.app);
  assertImageForApp(ref, app, "image");
  const before = await snapshot.readFile(BLOCKLIST_FILE);
  const list = before === void 0 ? [] : parseBlocklist(before);
  const entry = findEntry(list, app.name, ref.digest);
  const others = list.filter((b) => b.digest === ref.digest && b.app !== app.name);
  const other = others[0];
  if (req.action === "unblock" && !entry && other) {
    throw new ConfigurationError({
      field: "app",
      message: `${formatImageRef(ref)} has no entry for app ${quote(app.name)} in ${BLOCKLIST_FILE}: it is blocked ${describeBlock(other)}, which blocks it for every app; \`ferry unblock --app ${appArg(other.app)}\` removes that entry; nothing was changed`
    });
  }
  const image = recordedImage(entry) ?? formatImageRef(ref);
  const onRecord = entry ?? other;
  const result = { action: req.action, app: app.name, image, digest: ref.digest, reason: req.action === "block" && onRecord ? onRecord.reason : req.reason };
  if (req.action === "block") {
    const { pinned, unreadable } = await stillPinned(snapshot, config, app, ref.digest);
    result.stillPinned = pinned;
    if (unreadable.length) result.unreadable = unreadable;
  }
  if (req.action === "block" && !entry && other) {
    result.notice = `already blocked ${describeBlock(other)}, which blocks it for every app, ${quote(app.name)} too: no second entry is added (\`ferry unblock --app ${appArg(other.app)}\` allows it again)`;
    return { write: false, result };
  }
  if (req.action === "unblock" && entry && other) {
    const how = others.length === 1 ? `\`ferry unblock --app ${appArg(other.app)}\` removes that entry` : "`ferry unblock --app <app>` removes each app's entry";
    result.notice = `still blocked for every app, ${quote(app.name)} too: it is blocked ${others.map(describeBlock).join("; and ")}; ${how}`;
  }
  if (entry !== void 0 === (req.action === "block")) return { write: false, result };
  const text = req.action === "block" ? addBlocked(before, { app: app.name, digest: ref.digest, image, reason: req.reason, ...req.requestedBy ? { by: req.requestedBy } : {} }, req.now?.() ?? /* @__PURE__ */ new Date()) : removeBlocked(before, app.name, ref.digest);
  const trailers = [
    ["Ferry-Action", req.action],
    ["Ferry-App", app.name],
    ["Ferry-Image", image],
    ["Ferry-Reason", req.reason]
  ];
  if (req.requestedBy) trailers.push(["Ferry-Requested-By", req.requestedBy]);
  if (req.runUrl) trailers.push(["Ferry-Run", req.runUrl]);
  const version = subjectImage(image === formatImageRef(ref) ? ref : parseImageRef(image, "image"));
  const message = commitMessage(fitSubject([`${req.action}(`, elidable(app.name), "): ", ...version]), trailers);
  return { write: true, files: [{ path: BLOCKLIST_FILE, content: text }], message, result };
}
function recordedImage(entry) {
  if (entry?.image === void 0) return void 0;
  try {
    const ref = parseImageRef(entry.image, "image");
    return ref.digest === entry.digest ? formatImageRef(ref) : void 0;
  } catch {
    return void 0;
  }
}
function ordered(entry) {
  return Object.fromEntries(ENTRY_KEYS.filter((k) => entry[k] !== void 0).map((k) => [k, entry[k]]));
}
function blockEntry(entry, dash, gap, keyIndent, eol) {
  const lines = (0, import_yaml.stringify)(ordered(entry), { lineWidth: 0 }).replace(/\n$/, "").split("\n");
  return lines.map((l, i) => i === 0 ? `${dash}-${gap}${l}` : `${keyIndent}${l}`).join(eol) + eol;
}
function flowEntry(entry, padded) {
  const text = (0, import_yaml.stringify)(ordered(entry), { collectionStyle: "flow", flowCollectionPadding: padded, lineWidth: 0 }).replace(/\n$/, "");
  if (text.includes("\n")) throw new Error(`internal: a blocked.yaml entry in flow style took more than one line: ${quote(text, 200)}`);
  return text;
}
function splitLines(text) {
  const lines = [];
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf("\n", start);
    if (nl < 0) {
      lines.push({ start, end: text.length, next: text.length });
      break;
    }
    lines.push({ start, end: nl > start && text[nl - 1] === "\r" ? nl - 1 : nl, next: nl + 1 });
    start = nl + 1;
  }
  return lines;
}
function layout(text, file) {
  const y = parseYaml(text, file);
  const doc = y.docs[0];
  const root = doc?.contents ?? null;
  const pair = (0, import_yaml.isMap)(root) ? root.items.find((p) => (0, import_yaml.isScalar)(p.key) && p.key.value === "blocked") : void 0;
  return { y, lines: splitLines(text), root, ...pair ? { pair } : {} };
}
function lineAt(l, offset) {
  return l.y.lines.linePos(offset).line - 1;
}
function lineText(y, line) {
  return y.text.slice(line.start, line.end).replace(/^\ufeff/, "");
}
var isBlank = (y, line) => line !== void 0 && /^[ \t]*$/.test(lineText(y, line));
var isComment = (y, line) => line !== void 0 && /^[ \t]*#/.test(lineText(y, line));
var indentOf = (y, line) => /^ */.exec(lineText(y, line))[0].length;
function dashColumn(l, seq) {
  const line = l.lines[lineAt(l, seq.range[0])];
  const prefix = l.y.text.slice(line.start, seq.range[0]).replace(/^\ufeff/, "");
  if (!/^ *$/.test(prefix)) fail(l.y, seq, "blocked", "the list does not start on a line of its own (Ferry edits entries written `- app: …`); edit blocked.yaml by hand");
  return prefix.length;
}
function dashOf(l, item, i) {
  const line = lineAt(l, item.range[0]);
  const prefix = l.y.text.slice(l.lines[line].start, item.range[0]).replace(/^\ufeff/, "");
  const m = /^ *-( +)/.exec(prefix);
  if (!m) fail(l.y, item, `blocked[${i}]`, "the entry does not start on the line of its `-` (Ferry edits entries written `- app: …`); edit blocked.yaml by hand");
  return { line, gap: prefix.length === m[0].length ? m[1] : " " };
}
function lastContentLine(l, item) {
  const lastPair = (0, import_yaml.isMap)(item) && !item.flow ? item.items.at(-1) : void 0;
  const end = lastPair ? (lastPair.value ?? lastPair.key).range[1] : item.range[1];
  let p = end;
  while (p > item.range[0] + 1 && /\s/.test(l.y.text[p - 1])) p--;
  return lineAt(l, p - 1);
}
function ownedEnd(l, seq, i, column) {
  const next = seq.items[i + 1];
  const ceiling = next ? lineAt(l, next.range[0]) : l.lines.length;
  let last = lastContentLine(l, seq.items[i]);
  while (last + 1 < ceiling && isComment(l.y, l.lines[last + 1]) && indentOf(l.y, l.lines[last + 1]) > column) last++;
  return last;
}
function ownedStart(l, seq, i, column) {
  const floor = i > 0 ? lastContentLine(l, seq.items[i - 1]) : lineAt(l, l.pair.key.range[0]);
  let first = dashOf(l, seq.items[i], i).line;
  while (first - 1 > floor && isComment(l.y, l.lines[first - 1]) && indentOf(l.y, l.lines[first - 1]) <= column) first--;
  return first;
}
function appendEntry(text, file, entry) {
  const l = layout(text, file);
  const { y, root, pair } = l;
  const eol = y.eol;
  if (root === null || (0, import_yaml.isScalar)(root) && root.value === null && !root.source) {
    const body = `blocked:${eol}${blockEntry(entry, "  ", " ", "    ", eol)}`;
    if (text === "" || text.endsWith("\n")) return text + body;
    return `${text}${eol}${body.slice(0, -eol.length)}`;
  }
  if (!pair) fail(y, root, "blocked", `found ${quote(text.slice(root.range[0], root.range[1]), 40)} and no \`blocked:\` list to add the entry to; write \`blocked:\` on a line of its own`);
  const list = pair.value;
  const key = pair.key;
  const keyLine = lineAt(l, key.range[0]);
  const underKey = (start, end2) => {
    const keyPrefix = text.slice(l.lines[keyLine].start, key.range[0]).replace(/^\ufeff/, "");
    if (root.flow || !/^ *$/.test(keyPrefix) || lineAt(l, Math.max(end2 - 1, start)) !== keyLine) {
      fail(y, list ?? key, "blocked", "Ferry adds an entry to `blocked:` written as a key on a line of its own, with an empty value, `[]` or a list; edit blocked.yaml by hand");
    }
    let from = start;
    while (from > key.range[1] && /[ \t]/.test(text[from - 1])) from--;
    const indent = " ".repeat(keyPrefix.length + 2);
    const entries = blockEntry(entry, indent, " ", `${indent}  `, eol);
    const line = l.lines[keyLine];
    const splices = [{ start: from, end: end2, text: "" }];
    if (line.next > line.end) splices.push({ start: line.next, end: line.next, text: entries });
    else splices.push({ start: text.length, end: text.length, text: eol + entries.slice(0, -eol.length) });
    return applySplices(text, splices);
  };
  if ((0, import_yaml.isScalar)(list) || list === null) {
    if (list && (list.tag !== void 0 || list.anchor !== void 0)) fail(y, key, "blocked", "the empty value carries a tag or an anchor; write `blocked:` with nothing after it");
    return underKey(list ? list.range[0] : key.range[1], list ? list.range[1] : key.range[1]);
  }
  if (!(0, import_yaml.isSeq)(list)) fail(y, list, "blocked", "expected a list of blocked digests");
  const seq = list;
  if (seq.flow) {
    const inner = text.slice(seq.range[0] + 1, seq.range[1] - 1);
    if (!seq.items.length && /^[ \t]*$/.test(inner) && !root.flow && !seq.anchor && !seq.tag) return underKey(seq.range[0], seq.range[1]);
    const last2 = seq.items.at(-1);
    if (!last2) return applySplices(text, [{ start: seq.range[0] + 1, end: seq.range[0] + 1, text: flowEntry(entry, false) }]);
    const padded = (0, import_yaml.isMap)(last2) && last2.flow === true && /^\{[ \t]/.test(text.slice(last2.range[0]));
    return applySplices(text, [{ start: last2.range[1], end: last2.range[1], text: `, ${flowEntry(entry, padded)}` }]);
  }
  const index = seq.items.length - 1;
  const last = seq.items[index];
  const column = dashColumn(l, seq);
  const gap = /^ *-( +)$/.exec(text.slice(l.lines[lineAt(l, last.range[0])].start, last.range[0]).replace(/^\ufeff/, ""))?.[1] ?? " ";
  const dash = " ".repeat(column);
  const entryText = (0, import_yaml.isMap)(last) && last.flow ? `${dash}-${gap}${flowEntry(entry, /^\{[ \t]/.test(text.slice(last.range[0])))}${eol}` : blockEntry(entry, dash, gap, " ".repeat(column + 1 + gap.length), eol);
  const end = l.lines[ownedEnd(l, seq, index, column)];
  if (end.next > end.end) return applySplices(text, [{ start: end.next, end: end.next, text: entryText }]);
  return `${text}${eol}${entryText.slice(0, -eol.length)}`;
}
function removeEntry(text, file, app, digest) {
  const l = layout(text, file);
  const { y, lines } = l;
  const seq = l.pair?.value;
  if (!(0, import_yaml.isSeq)(seq)) return void 0;
  const items = seq.items;
  const i = items.findIndex((item2) => (0, import_yaml.isMap)(item2) && item2.get("app") === app && item2.get("digest") === digest);
  if (i < 0) return void 0;
  const item = items[i];
  if (seq.flow) {
    const prev = items[i - 1];
    const next = items[i + 1];
    const before = prev ? text.slice(prev.range[1], item.range[0]) : text.slice(seq.range[0] + 1, item.range[0]);
    const after = next ? text.slice(item.range[1], next.range[0]) : text.slice(item.range[1], seq.range[1] - 1);
    if (before.includes("#") || after.includes("#")) {
      fail(y, item, `blocked[${i}]`, "the entry is in a flow list ([…]) with a comment next to it; Ferry cannot tell which entry the comment is about: remove the entry by hand");
    }
    if (prev) return applySplices(text, [{ start: prev.range[1], end: item.range[1], text: "" }]);
    return applySplices(text, [{ start: item.range[0], end: next ? next.range[0] : item.range[1], text: "" }]);
  }
  const column = dashColumn(l, seq);
  let first = ownedStart(l, seq, i, column);
  let last = ownedEnd(l, seq, i, column);
  if (isBlank(y, lines[first - 1])) {
    if (isBlank(y, lines[last + 1])) last++;
    else if (last + 1 >= lines.length) first--;
  }
  const end = lines[last];
  if (end.next > end.end || first === 0) return text.slice(0, lines[first].start) + text.slice(end.next);
  return text.slice(0, lines[first - 1].end);
}
function readBack(out, file, expected) {
  let problem;
  try {
    const after = parseBlocklist(out, file);
    const same = after.length === expected.length && after.every((e, i) => JSON.stringify(ordered(e)) === JSON.stringify(ordered(expected[i])));
    if (!same) problem = `it would read as ${after.length} entries instead of the ${expected.length} expected`;
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    problem = `it would not read back (${error.message})`;
  }
  if (problem) throw new ConfigurationError({ file, message: `Ferry cannot edit this file's layout safely: after the edit ${problem}; edit it by hand; nothing was changed` });
  return out;
}
function addBlocked(text, entry, at, file = BLOCKLIST_FILE) {
  const stamped = { ...entry, at: at.toISOString().replace(/\.\d{3}Z$/, "Z") };
  if (text === void 0) return `${HEADER}
blocked:
${blockEntry(stamped, "  ", " ", "    ", "\n")}`;
  const before = parseBlocklist(text, file);
  return readBack(appendEntry(text, file, stamped), file, [...before, stamped]);
}
function removeBlocked(text, app, digest, file = BLOCKLIST_FILE) {
  const before = parseBlocklist(text, file);
  let out = text;
  for (let next = removeEntry(out, file, app, digest); next !== void 0 && next !== out; next = removeEntry(out, file, app, digest)) out = next;
  return readBack(out, file, before.filter((b) => !(b.app === app && b.digest === digest)));
}

export {
  RefusedError,
  parseBlocklist,
  readBlocklist,
  findBlocked,
  stillPinned,
  stillPinnedText,
  unreadableText,
  describeBlock,
  assertNotBlocked,
  checkBlockRequest,
  planBlock,
  addBlocked,
  removeBlocked
};
