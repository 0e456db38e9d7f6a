import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  require_dist
} from "./chunk-C4OZCMLB.mjs";
import {
  readConfig
} from "./chunk-7E5F4IVN.mjs";
import {
  assertImageForApp,
  findApp
} from "./chunk-6NXX7UL6.mjs";
import {
  BLOCKLIST_FILE
} from "./chunk-SQUNSH5E.mjs";
import {
  assertSingleLine,
  commitMessage
} from "./chunk-AMYT7MCG.mjs";
import {
  describeImage,
  formatImageRef,
  parseImageRef
} from "./chunk-N3UI7WBC.mjs";
import {
  ConfigurationError,
  quote
} from "./chunk-TS73BHZN.mjs";
import {
  __toESM
} from "./chunk-WBKKXVG2.mjs";

// actions/src/core/blocklist.ts
var import_yaml = __toESM(require_dist(), 1);
var HEADER = "# Image digests that no bump may pin. `ferry block` adds an entry, `ferry unblock` removes it.\n";
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
  return list.find((b) => b.app === app && b.digest === digest);
}
function assertNotBlocked(list, app, image, digest) {
  const entry = findBlocked(list, app, digest);
  if (!entry) return;
  const who = [entry.at && `since ${entry.at}`, entry.by && `by ${entry.by}`].filter(Boolean).join(" ");
  throw new RefusedError(`refused: ${image} is blocked for app ${quote(app)}${who ? ` (${who})` : ""}: ${entry.reason}; \`ferry unblock\` allows it again`);
}
function addBlocked(text, entry, at) {
  const doc = (0, import_yaml.parseDocument)(text ?? HEADER);
  if (!(0, import_yaml.isSeq)(doc.get("blocked", true))) doc.set("blocked", doc.createNode([]));
  doc.addIn(["blocked"], doc.createNode({ ...entry, at: at.toISOString().replace(/\.\d{3}Z$/, "Z") }));
  return doc.toString({ lineWidth: 0 });
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
  const image = formatImageRef(ref);
  const result = { action: req.action, app: app.name, image, digest: ref.digest, reason: req.reason };
  const present = findBlocked(list, app.name, ref.digest) !== void 0;
  if (present === (req.action === "block")) return { write: false, result };
  let text;
  if (req.action === "block") {
    text = addBlocked(before, { app: app.name, digest: ref.digest, image, reason: req.reason, ...req.requestedBy ? { by: req.requestedBy } : {} }, req.now?.() ?? /* @__PURE__ */ new Date());
  } else {
    const doc = (0, import_yaml.parseDocument)(before ?? HEADER);
    const seq = doc.get("blocked", true);
    if ((0, import_yaml.isSeq)(seq)) seq.items = seq.items.filter((item) => !((0, import_yaml.isMap)(item) && item.get("app") === app.name && item.get("digest") === ref.digest));
    text = doc.toString({ lineWidth: 0 });
  }
  const trailers = [
    ["Ferry-Action", req.action],
    ["Ferry-App", app.name],
    ["Ferry-Image", image],
    ["Ferry-Reason", req.reason]
  ];
  if (req.requestedBy) trailers.push(["Ferry-Requested-By", req.requestedBy]);
  if (req.runUrl) trailers.push(["Ferry-Run", req.runUrl]);
  const version = describeImage(ref);
  const message = commitMessage(`${req.action}(${app.name}): ${version}`, trailers);
  return { write: true, files: [{ path: BLOCKLIST_FILE, content: text }], message, result };
}

export {
  readBlocklist,
  findBlocked,
  assertNotBlocked,
  addBlocked,
  checkBlockRequest,
  planBlock
};
