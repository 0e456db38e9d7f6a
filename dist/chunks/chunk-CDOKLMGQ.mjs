import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  require_dist
} from "./chunk-C4OZCMLB.mjs";
import {
  ARGOCD_SOURCE_FILE
} from "./chunk-VVEEDHSD.mjs";
import {
  ConfigurationError,
  FileTooLargeError,
  quote
} from "./chunk-4TMDRVSR.mjs";
import {
  __toESM
} from "./chunk-WBKKXVG2.mjs";

// actions/src/core/argocd-source.ts
var import_yaml = __toESM(require_dist(), 1);
var WRITE_BACK = "Argo CD applies this file's parameter overrides (Argo CD Image Updater's git write-back)";
var STOP = "stop Image Updater's write-back for that Application (its argocd-image-updater.argoproj.io annotations, or its ImageUpdater)";
var MAX_ALIASES = 1e3;
var MAX_ENTRIES = 1e5;
var MAX_OVERRIDE_BYTES = 256 * 1024;
var SHOWN = 20;
var ReadLimit = class extends Error {
};
async function filesBeside(pins, list, wanted) {
  const byDir = /* @__PURE__ */ new Map();
  for (const pin of pins) {
    const slash = pin.file.lastIndexOf("/");
    if (slash <= 0) continue;
    const dir = pin.file.slice(0, slash);
    byDir.set(dir, [...byDir.get(dir) ?? [], pin]);
  }
  if (byDir.size === 0) return { byDir, found: [] };
  const listed = await list([...byDir.keys()]);
  const found = [...byDir.keys()].flatMap((dir) => (listed.get(dir) ?? []).filter(wanted).map((n) => `${dir}/${n}`)).sort();
  return { byDir, found };
}
async function argocdSourceFindings(pins, list, readFiles, readLinks) {
  const { byDir, found } = await filesBeside(pins, list, (name) => ARGOCD_SOURCE_FILE.test(name));
  const findings = { problems: [], warnings: [] };
  if (found.length === 0) return findings;
  const texts = await readFiles(found);
  const unread = found.filter((file) => texts.get(file) instanceof ConfigurationError);
  const links = unread.length && readLinks ? await readLinks(unread) : /* @__PURE__ */ new Map();
  for (const file of found) {
    const text = texts.get(file);
    if (text === void 0) continue;
    const dir = file.slice(0, file.lastIndexOf("/"));
    const target = links.get(file);
    if (target !== void 0) {
      findings.problems.push(linkProblem(file, target, byDir.get(dir)));
      continue;
    }
    const one = overrideFindings(file, text, byDir.get(dir));
    findings.problems.push(...one.problems);
    findings.warnings.push(...one.warnings);
  }
  return findings;
}
function applications(file) {
  const dir = file.slice(0, file.lastIndexOf("/"));
  const name = ARGOCD_SOURCE_FILE.exec(file.slice(dir.length + 1))?.[1];
  return `${name === void 0 ? "every Argo CD Application" : `the Argo CD Application ${quote(name)}`} whose source path is ${dir}`;
}
function linkProblem(file, target, pins) {
  return {
    file,
    message: `is a symbolic link in the env repo (to ${quote(target)}): Argo CD follows it, and applies the parameter overrides of the file it leads to to ${applications(file)}, on top of ${pins.map((p) => p.file).join(", ")}, which Ferry pins; Ferry reads and pins only regular files, so it cannot check what this one overrides (commit the file itself at this path, or remove the link)`
  };
}
function firstDocument(text, lineCounter) {
  const docs = (0, import_yaml.parseAllDocuments)(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  return Array.isArray(docs) ? docs[0] : void 0;
}
function readOverrideFile(text) {
  if (text instanceof FileTooLargeError) return tooLarge(text.bytes);
  if (text instanceof ConfigurationError) return { kind: "unreadable", why: text.problems.map((p) => p.message).join("; ") };
  if (text.length > MAX_OVERRIDE_BYTES || Buffer.byteLength(text) > MAX_OVERRIDE_BYTES) return tooLarge(Buffer.byteLength(text));
  const lines = new import_yaml.LineCounter();
  const deep = (at) => ({ kind: "unchecked", what: "nests collections deeper than Ferry's YAML reader goes", fix: "write it with less nesting (or remove the file)", ...at ? { at } : {} });
  try {
    const doc = firstDocument(text, lines);
    if (!doc) return { kind: "document", text, doc: (0, import_yaml.parseDocument)(""), lines, aliases: { target: /* @__PURE__ */ new WeakMap(), count: 0 } };
    const [error] = doc.errors;
    if (error) {
      const { line, col } = lines.linePos(error.pos[0]);
      if (error.code === "RESOURCE_EXHAUSTION") return deep({ line, column: col });
      return { kind: "unreadable", why: `the YAML does not parse: ${error.message.split("\n")[0]}`, at: { line, column: col } };
    }
    return { kind: "document", text, doc, lines, aliases: aliasesOf(doc) };
  } catch (error) {
    if (error instanceof RangeError) return deep();
    throw error;
  }
}
function tooLarge(bytes) {
  const size = bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
  return {
    kind: "unchecked",
    what: `is ${size}, more than the ${MAX_OVERRIDE_BYTES / 1024} KiB Ferry reads in a file of parameter overrides (Argo CD Image Updater writes a few lines)`,
    fix: "keep in it only the overrides meant to stay (or remove the file)"
  };
}
function fieldName(key) {
  return key.replace(/[A-Z\u212a\u017f]/g, (c) => c === "K" ? "k" : c === "ſ" ? "s" : c.toLowerCase());
}
var NotDecoded = class extends Error {
  constructor(why, node) {
    super(why);
    this.why = why;
    this.node = node;
  }
};
function described(n) {
  if ((0, import_yaml.isMap)(n)) return "a mapping";
  if ((0, import_yaml.isSeq)(n)) return "a list";
  if (!(0, import_yaml.isScalar)(n)) return "no value";
  return typeof n.value === "string" ? "a string" : `${typeof n.value === "boolean" ? "the boolean" : "the number"} ${String(n.value)}`;
}
function isNull(n) {
  return n === null || n === void 0 || (0, import_yaml.isScalar)(n) && n.value === null;
}
function mappingAt(n, field) {
  if ((0, import_yaml.isMap)(n)) return n;
  if (isNull(n)) return void 0;
  throw new NotDecoded(`${field} is ${described(n)}, where Argo CD takes a mapping`, n);
}
function listAt(n, field) {
  if ((0, import_yaml.isSeq)(n)) return n;
  if (isNull(n)) return void 0;
  throw new NotDecoded(`${field} is ${described(n)}, where Argo CD takes a list`, n);
}
function stringAt(n, field) {
  if ((0, import_yaml.isScalar)(n) && typeof n.value === "string") return n.value;
  if (isNull(n)) return void 0;
  throw new NotDecoded(`${field} is ${described(n)}, where Argo CD takes a string`, n);
}
var UNCHECKED_FIELDS = {
  "kustomize.patches": "a patch can replace a container's image",
  "kustomize.components": "a component can set images: or patch a container",
  "helm.valuefiles": "another values file can set the pinned values, and the list replaces the Application's own, the file Ferry pins among them where it is listed there",
  helm: "null removes the Application's own Helm settings, its valueFiles among them",
  plugin: "a config management plugin renders the manifests itself"
};
function overrideFindings(file, text, pins) {
  const reading = typeof text === "string" || text instanceof ConfigurationError ? readOverrideFile(text) : text;
  const who = applications(file);
  const onTop = `${WRITE_BACK} to ${who}, on top of ${pins.map((p) => p.file).join(", ")}, which Ferry pins`;
  const unread = (why, where = {}) => ({
    problems: [],
    overrides: [],
    unchecked: { reason: why, unreadable: true },
    warnings: [{ file, ...where, message: `Argo CD cannot read this file of parameter overrides (${why}): manifest generation fails for ${who}` }]
  });
  const unreadByFerry = (what, fix, where = {}) => ({
    problems: [{ file, ...where, message: `${what}: ${onTop}, and Ferry does not check what it overrides; ${fix}, and ${STOP}` }],
    warnings: [],
    overrides: [],
    unchecked: { reason: `it ${what}`, unreadable: false }
  });
  if (reading.kind === "unreadable") return unread(reading.why, reading.at);
  if (reading.kind === "unchecked") return unreadByFerry(reading.what, reading.fix, reading.at);
  const { doc, lines, aliases, text: source } = reading;
  const at = (node) => {
    const { line, col } = lines.linePos(node?.range?.[0] ?? 0);
    return { line, column: col };
  };
  const { dangling, past } = aliases;
  if (dangling) return unread(`the alias *${dangling.source} names no anchor before it`, at(dangling));
  const manyAliases = (count, where) => `has ${count} aliases (*name)${where ? ` in the values text of ${where}` : ""}, more than the ${MAX_ALIASES} Ferry reads in a file of parameter overrides`;
  const ALIAS_FIX = "write the values out instead of aliasing them (or remove the file)";
  if (past) return unreadByFerry(manyAliases(aliases.count, ""), ALIAS_FIX, at(past));
  try {
    return judge();
  } catch (error) {
    if (error instanceof NotDecoded) return unread(error.why, at(error.node));
    if (error instanceof ReadLimit) return unreadByFerry(`has aliases and merge keys (<<) that expand to more mapping entries, more than the ${MAX_ENTRIES} Ferry reads in a file of parameter overrides`, ALIAS_FIX);
    if (error instanceof RangeError) return unreadByFerry("nests collections deeper than Ferry's YAML reader goes", "write it with less nesting (or remove the file)");
    throw error;
  }
  function judge() {
    const problems = [];
    const overridden = [];
    let unchecked;
    const budget = { entries: 0 };
    const { node, entries } = reader(aliases, budget);
    const once = /* @__PURE__ */ new Set();
    const first = (n) => once.size !== once.add(n).size;
    const root = node(doc.contents);
    if (isNull(root)) return { problems, warnings: [], overrides: overridden };
    if (!(0, import_yaml.isMap)(root)) throw new NotDecoded("expected a mapping of Application source fields, such as kustomize: or helm:", root);
    const helmPinned = pins.some((p) => p.app.pin.kind === "helm");
    const others = [];
    const other = (n, field, value) => others.push({ node: n, field, shown: value === void 0 ? field : `${field} (${quote(value)})` });
    const uncheckedFields = /* @__PURE__ */ new Set();
    const cannotCheck = (n, field, how) => {
      if (uncheckedFields.size === uncheckedFields.add(field).size) return;
      const what = `can change the image Argo CD deploys (${how})`;
      unchecked ??= { reason: `its ${field} ${what}, which Ferry does not check`, unreadable: false };
      problems.push({ file, ...at(n), field, message: `${what}: ${onTop}, and Ferry does not check what it does; remove it (or the file)` });
    };
    const reported = /* @__PURE__ */ new Map();
    const overrides = (where, field, what, manifest, kind) => {
      const earlier = reported.get(`${field}
${manifest.file}`);
      if (earlier) {
        earlier.more++;
        return;
      }
      const pinned = manifest.app.pin.kind === "helm" ? "what Ferry pins" : "the digest Ferry pins";
      const problem = {
        file,
        ...where,
        field,
        message: `${WRITE_BACK} to ${who}: this ${kind} sets ${what}, so Argo CD deploys that, not ${pinned} in ${manifest.file} (app ${quote(manifest.app.name)}, environment ${quote(manifest.env)}), and ferry status does not see it; remove the ${kind} (or the file), and ${STOP}`
      };
      problems.push(problem);
      const override = { manifest, field, sets: what, more: 0 };
      overridden.push(override);
      reported.set(`${field}
${manifest.file}`, { problem, kind, more: 0, override });
    };
    const pinnedValues = (values, read, field, where, how) => {
      let any = false;
      for (const manifest of pins) {
        const seen = /* @__PURE__ */ new Set();
        for (const [part, path] of helmPaths(manifest.app)) {
          const pinned = path.split(".");
          for (const found of valuesOver(values, pinned, read)) {
            any = true;
            if (seen.size === seen.add(found.place).size) continue;
            const set = found.at.join(".");
            const shown = isNull(found.value) ? "null" : (0, import_yaml.isScalar)(found.value) ? quote(String(found.value.value)) : (0, import_yaml.isSeq)(found.value) ? "a list" : "a mapping";
            overrides(where(found.place), `${field}.${set}`, `${helmPlace(set, path, manifest.app.name, part, found.at.length === pinned.length ? "same" : "above")}${how} to ${shown}`, manifest, "value");
          }
        }
      }
      return any;
    };
    const helmParameter = (item, field, name, sets, kind) => {
      if (!helmPinned) return false;
      const key = helmKey(name);
      if (!key) {
        cannotCheck(item, field, `Helm reads its name, ${quote(name)}, as more than one value to set`);
        return true;
      }
      let any = false;
      for (const manifest of pins) {
        for (const [part, path] of helmPaths(manifest.app)) {
          const how = helmOverlap(key, path.split("."));
          if (!how) continue;
          overrides(at(item), field, `${helmPlace(name, path, manifest.app.name, part, how)} ${sets}`, manifest, kind);
          any = true;
          break;
        }
      }
      return any;
    };
    for (const { key, keyNode, value } of entries(root)) {
      const name = fieldName(key);
      if (name === "kustomize") {
        const kustomize = mappingAt(value, key);
        if (!kustomize) {
          other(keyNode, key);
          continue;
        }
        for (const k of entries(kustomize)) {
          const field = `${key}.${k.key}`;
          const sub = fieldName(k.key);
          if (sub === "images") {
            const images = listAt(k.value, field);
            if (!images) other(k.keyNode, field);
            if (!images || !first(images)) continue;
            images.items.forEach((entry, i) => {
              const f = `${field}[${i}]`;
              const item = node(entry);
              const image = stringAt(item, f);
              if (image === void 0) return other(item, f);
              const { name: named, to } = kustomizeImage(image);
              const hit = pins.find((p) => imageNames(p.app).includes(named));
              if (hit) overrides(at(item), f, `the image ${quote(named)} to ${quote(to)}`, hit, "entry");
              else other(item, f, image);
            });
          } else if ((sub === "patches" || sub === "components") && !isNull(k.value) && !((0, import_yaml.isSeq)(k.value) && k.value.items.length === 0)) {
            cannotCheck(k.keyNode, field, UNCHECKED_FIELDS[`kustomize.${sub}`]);
          } else {
            other(k.keyNode, field);
          }
        }
      } else if (name === "helm") {
        const helm = mappingAt(value, key);
        if (!helm) {
          if (helmPinned) cannotCheck(keyNode, key, UNCHECKED_FIELDS.helm);
          else other(keyNode, key);
          continue;
        }
        for (const k of entries(helm)) {
          const v = k.value;
          const field = `${key}.${k.key}`;
          const sub = fieldName(k.key);
          if (sub === "parameters" || sub === "fileparameters") {
            const list = listAt(v, field);
            if (!list) other(k.keyNode, field);
            if (!list || !first(list)) continue;
            const files = sub === "fileparameters";
            list.items.forEach((entry, i) => {
              const f = `${field}[${i}]`;
              const item = node(entry);
              const param = mappingAt(item, f);
              if (!param) return other(item, f);
              const fields = entries(param);
              const names = fields.filter((e) => fieldName(e.key) === "name").map((e) => stringAt(e.value, `${f}.${e.key}`)).filter((n) => n !== void 0);
              const values = fields.filter((e) => fieldName(e.key) === (files ? "path" : "value")).map((e) => stringAt(e.value, `${f}.${e.key}`) ?? "");
              const set = values.at(-1) ?? "";
              if (helmPinned && /^\{.*\}$/s.test(set) && set.includes("=")) {
                cannotCheck(item, f, `Helm reads its ${files ? "path" : "value"}, ${quote(set)}, as a list through which it can set other values`);
                return;
              }
              const sets = files ? `from the file ${quote(set)} (what it holds)` : `to ${quote(set)}`;
              let hit = false;
              for (const n of names) hit = helmParameter(item, f, n, sets, files ? "file parameter" : "parameter") || hit;
              if (!hit) other(item, f, names.at(-1));
            });
          } else if (sub === "valuesobject") {
            if ((0, import_yaml.isMap)(v)) {
              if (first(v) && !pinnedValues(v, { node, entries }, field, at, "")) other(k.keyNode, field);
            } else {
              other(k.keyNode, field);
            }
          } else if (sub === "values") {
            if (stringAt(v, field) === void 0) {
              other(k.keyNode, field);
              continue;
            }
            if (!first(v)) continue;
            const values = innerValues(v, at(v), source, budget);
            if (values && "aliases" in values) {
              unchecked ??= { reason: `it ${manyAliases(values.aliases, field)}`, unreadable: false };
              problems.push({ file, field, ...at(v), message: `${manyAliases(values.aliases, field)}: ${onTop}, and Ferry does not check what it overrides; ${ALIAS_FIX}, and ${STOP}` });
            } else if (!values || !pinnedValues(values.map, values.read, field, values.where, ` in the values text of ${field}`)) {
              other(k.keyNode, field);
            }
          } else if (sub === "valuefiles" && helmPinned) {
            cannotCheck(k.keyNode, field, UNCHECKED_FIELDS["helm.valuefiles"]);
          } else {
            other(k.keyNode, field);
          }
        }
      } else if (name === "plugin" && !isNull(value)) {
        cannotCheck(keyNode, key, UNCHECKED_FIELDS.plugin);
      } else {
        other(keyNode, key);
      }
    }
    for (const { problem, kind, more, override } of reported.values()) {
      if (more) problem.message += ` (${more} more ${kind}${more === 1 ? "" : "s"} in this file set${more === 1 ? "s" : ""} it too)`;
      override.more = more;
    }
    const warnings = [];
    const [one] = others;
    if (one) {
      warnings.push({
        file,
        ...at(one.node),
        field: one.field,
        message: `${onTop}: it ${problems.length ? "also " : ""}overrides ${others.slice(0, SHOWN).map((o) => o.shown).join(", ")}${others.length > SHOWN ? `, and ${others.length - SHOWN} more` : ""}, which Ferry does not check; remove what is not meant to stay`
      });
    }
    return { problems, warnings, overrides: overridden, ...unchecked ? { unchecked } : {} };
  }
}
function kustomizeImage(entry) {
  const eq = entry.indexOf("=");
  if (eq >= 0) return { name: entry.slice(0, eq), to: entry.slice(eq + 1) };
  let name = entry;
  const at = name.indexOf("@");
  if (at >= 0) name = name.slice(0, at);
  const colon = name.lastIndexOf(":");
  if (colon > name.lastIndexOf("/")) name = name.slice(0, colon);
  return { name, to: entry };
}
function imageNames(app) {
  const full = `${app.registry}/${app.image}`;
  return app.pin.kind === "kustomize" ? [app.pin.name, full] : [full];
}
function helmPaths(app) {
  const pin = app.pin;
  if (pin.kind !== "helm") return [];
  return ["repository", "tag", "digest"].flatMap((part) => pin[part] === void 0 ? [] : [[part, pin[part]]]);
}
function reader(aliases, budget) {
  const node = (n) => (0, import_yaml.isAlias)(n) ? aliases.target.get(n) : n;
  const entries = (map, seen = /* @__PURE__ */ new Set()) => {
    seen.add(map);
    const out = [];
    for (const pair of map.items) {
      const keyNode = pair.key;
      const key = (0, import_yaml.isScalar)(keyNode) ? String(keyNode.value) : String(keyNode);
      if ((0, import_yaml.isScalar)(keyNode) && key === "<<" && keyNode.type === import_yaml.Scalar.PLAIN) {
        const from = node(pair.value);
        const sources = (0, import_yaml.isSeq)(from) ? from.items.map(node) : [from];
        if (sources.every((source) => (0, import_yaml.isMap)(source))) {
          for (const source of sources) if (!seen.has(source)) out.push(...entries(source, seen));
          continue;
        }
      }
      if (++budget.entries > MAX_ENTRIES) throw new ReadLimit();
      out.push({ key, keyNode, value: node(pair.value) });
    }
    return out;
  };
  const distinct = (map) => {
    const seen = /* @__PURE__ */ new Map();
    return entries(map).filter(({ key, value }) => {
      if (value === null || value === void 0) return true;
      const values = seen.get(key) ?? /* @__PURE__ */ new Set();
      seen.set(key, values);
      return values.size !== values.add(value).size;
    });
  };
  return { node, entries: distinct };
}
function aliasesOf(doc) {
  const anchors = /* @__PURE__ */ new Map();
  const found = { target: /* @__PURE__ */ new WeakMap(), count: 0 };
  (0, import_yaml.visit)(doc, {
    Node(_, node) {
      if ((0, import_yaml.isAlias)(node)) {
        if (++found.count === MAX_ALIASES + 1) found.past = node;
        const named = anchors.get(node.source);
        if (named) found.target.set(node, named);
        else found.dangling ??= node;
      } else if (node.anchor) {
        anchors.set(node.anchor, node);
      }
    }
  });
  return found;
}
function helmKey(name) {
  const path = [];
  let key = "";
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === "\\") {
      key += name[++i] ?? "";
    } else if (c === "," || c === "=") {
      return void 0;
    } else if (c === ".") {
      path.push(key);
      key = "";
    } else if (c === "[") {
      const end = name.indexOf("]", i);
      if (end < 0 || !/^\d+$/.test(name.slice(i + 1, end))) return void 0;
      if (key !== "") path.push(key);
      path.push(Number(name.slice(i + 1, end)));
      key = "";
      i = name[end + 1] === "." ? end + 1 : end;
    } else {
      key += c;
    }
  }
  if (key !== "" || typeof path.at(-1) !== "number") path.push(key);
  return path;
}
function helmOverlap(set, pinned) {
  for (let i = 0; i < set.length && i < pinned.length; i++) {
    if (typeof set[i] === "number") return "above";
    if (set[i] !== pinned[i]) return void 0;
  }
  return set.length === pinned.length ? "same" : set.length < pinned.length ? "above" : "below";
}
function helmPlace(set, path, app, part, how) {
  const pinned = `${quote(path)} (app ${quote(app)}'s helm.${part} in ferry.yaml)`;
  return how === "same" ? pinned : how === "above" ? `${quote(set)}, which holds ${pinned},` : `${quote(set)}, inside ${pinned},`;
}
function valuesOver(values, path, read) {
  const found = /* @__PURE__ */ new Map();
  let level = [values];
  path.forEach((segment, i) => {
    const next = /* @__PURE__ */ new Set();
    for (const map of level) {
      for (const { key, keyNode, value } of read.entries(map)) {
        if (key !== segment) continue;
        if (i < path.length - 1 && (0, import_yaml.isMap)(value)) next.add(value);
        else found.set(value ?? keyNode, { place: value ?? keyNode, value, at: path.slice(0, i + 1) });
      }
    }
    level = [...next];
  });
  return [...found.values()];
}
function innerValues(value, place, text, budget) {
  const inner = String(value.value);
  const lines = new import_yaml.LineCounter();
  const doc = firstDocument(inner, lines);
  if (!doc) return void 0;
  if (doc.errors.some((e) => e.code === "RESOURCE_EXHAUSTION")) throw new RangeError("nested too deep");
  if (doc.errors.length) return void 0;
  const aliases = aliasesOf(doc);
  if (aliases.dangling) return void 0;
  if (aliases.past) return { aliases: aliases.count };
  const read = reader(aliases, budget);
  const map = read.node(doc.contents);
  if (!(0, import_yaml.isMap)(map)) return void 0;
  const source = text.split("\n");
  const innerLines = inner.split("\n");
  const where = (node) => {
    if (value.type !== import_yaml.Scalar.BLOCK_LITERAL) return place;
    const { line, col } = lines.linePos(node.range?.[0] ?? 0);
    const outer = source[place.line - 1 + line]?.replace(/\r$/, "");
    const own = innerLines[line - 1];
    if (outer === void 0 || own === void 0 || !outer.endsWith(own)) return place;
    return { line: place.line + line, column: outer.length - own.length + col };
  };
  return { map, read, where };
}

export {
  MAX_ALIASES,
  MAX_ENTRIES,
  MAX_OVERRIDE_BYTES,
  filesBeside,
  argocdSourceFindings,
  linkProblem,
  readOverrideFile,
  overrideFindings,
  kustomizeImage,
  helmKey
};
