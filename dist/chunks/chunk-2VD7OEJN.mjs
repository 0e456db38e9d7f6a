import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  require_dist
} from "./chunk-C4OZCMLB.mjs";
import {
  ARGOCD_SOURCE_FILE
} from "./chunk-VVEEDHSD.mjs";
import {
  ConfigurationError,
  quote
} from "./chunk-RWAOTREE.mjs";
import {
  __toESM
} from "./chunk-WBKKXVG2.mjs";

// actions/src/core/argocd-source.ts
var import_yaml = __toESM(require_dist(), 1);
var WRITE_BACK = "Argo CD applies this file's parameter overrides (Argo CD Image Updater's git write-back)";
var STOP = "stop Image Updater's write-back for that Application (its argocd-image-updater.argoproj.io annotations, or its ImageUpdater)";
var MAX_ALIASES = 1e3;
var MAX_ENTRIES = 1e5;
var SHOWN = 20;
var ReadLimit = class extends Error {
};
async function argocdSourceFindings(pins, list, readFiles, readLinks) {
  const byDir = /* @__PURE__ */ new Map();
  for (const pin of pins) {
    const slash = pin.file.lastIndexOf("/");
    if (slash <= 0) continue;
    const dir = pin.file.slice(0, slash);
    byDir.set(dir, [...byDir.get(dir) ?? [], pin]);
  }
  const findings = { problems: [], warnings: [] };
  if (byDir.size === 0) return findings;
  const listed = await list([...byDir.keys()]);
  const found = [...byDir.keys()].flatMap((dir) => (listed.get(dir) ?? []).filter((n) => ARGOCD_SOURCE_FILE.test(n)).map((n) => `${dir}/${n}`)).sort();
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
function overrideFindings(file, text, pins) {
  const who = applications(file);
  const problems = [];
  const overridden = [];
  const unread = (why, where = {}) => ({
    problems,
    overrides: overridden,
    unchecked: { reason: why, unreadable: true },
    warnings: [{ file, ...where, message: `Argo CD cannot read this file of parameter overrides (${why}): manifest generation fails for ${who}` }]
  });
  if (text instanceof ConfigurationError) return unread(text.problems.map((p) => p.message).join("; "));
  const lines = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const at = (node2) => {
    const { line, col } = lines.linePos(node2?.range?.[0] ?? 0);
    return { line, column: col };
  };
  const [error] = doc.errors;
  if (error) {
    const { line, col } = lines.linePos(error.pos[0]);
    return unread(`the YAML does not parse: ${error.message.split("\n")[0]}`, { line, column: col });
  }
  const aliases = aliasesOf(doc);
  const { dangling, past } = aliases;
  if (dangling) return unread(`the alias *${dangling.source} names no anchor before it`, at(dangling));
  let unchecked;
  const tooMany = (what, limit, where) => {
    unchecked ??= { reason: `it ${what}${where ? ` in the values text of ${where}` : ""}, more than the ${limit} Ferry reads in a file of parameter overrides`, unreadable: false };
    return {
      file,
      ...where ? { field: where } : {},
      message: `${what}${where ? ` in the values text of ${where}` : ""}, more than the ${limit} Ferry reads in a file of parameter overrides: ${WRITE_BACK} to ${who}, on top of ${pins.map((p) => p.file).join(", ")}, which Ferry pins, and Ferry does not check what it overrides; write the values out instead of aliasing them (or remove the file), and ${STOP}`
    };
  };
  if (past) return { problems: [{ ...tooMany(`has ${aliases.count} aliases (*name)`, MAX_ALIASES, ""), ...at(past) }], warnings: [], overrides: overridden, unchecked };
  const budget = { entries: 0 };
  const { node, entries } = reader(aliases, budget);
  const once = /* @__PURE__ */ new Set();
  const first = (n) => once.size !== once.add(n).size;
  const root = node(doc.contents);
  if (root === null || root === void 0 || (0, import_yaml.isScalar)(root) && root.value === null) return { problems, warnings: [], overrides: overridden };
  if (!(0, import_yaml.isMap)(root)) return unread("expected a mapping of Application source fields, such as kustomize: or helm:", at(root));
  const others = [];
  const other = (node2, field, value) => others.push({ node: node2, field, shown: value === void 0 ? field : `${field} (${quote(value)})` });
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
      for (const [part, path] of helmPaths(manifest.app)) {
        for (const found of valuesAt(values, path.split("."), read)) {
          any = true;
          overrides(where(found), `${field}.${path}`, `${quote(path)} (app ${quote(manifest.app.name)}'s helm.${part} in ferry.yaml)${how} to ${quote((0, import_yaml.isScalar)(found) ? String(found.value) : "a value")}`, manifest, "value");
        }
      }
    }
    return any;
  };
  try {
    for (const { key, keyNode, value } of entries(root)) {
      if (key === "kustomize" && (0, import_yaml.isMap)(value)) {
        for (const k of entries(value)) {
          const images = k.value;
          if (k.key !== "images" || !(0, import_yaml.isSeq)(images)) {
            other(k.keyNode, `kustomize.${k.key}`);
            continue;
          }
          if (!first(images)) continue;
          images.items.forEach((entry, i) => {
            const field = `kustomize.images[${i}]`;
            const item = node(entry);
            const image = (0, import_yaml.isScalar)(item) && typeof item.value === "string" ? item.value : void 0;
            if (image === void 0) return other(item, field);
            const { name: overridden2, to } = kustomizeImage(image);
            const hit = pins.find((p) => imageNames(p.app).includes(overridden2));
            if (hit) overrides(at(item), field, `the image ${quote(overridden2)} to ${quote(to)}`, hit, "entry");
            else other(item, field, image);
          });
        }
      } else if (key === "helm" && (0, import_yaml.isMap)(value)) {
        for (const k of entries(value)) {
          const v = k.value;
          if (k.key === "parameters" && (0, import_yaml.isSeq)(v)) {
            if (!first(v)) continue;
            v.items.forEach((entry, i) => {
              const field = `helm.parameters[${i}]`;
              const item = node(entry);
              const param = (0, import_yaml.isMap)(item) ? entries(item) : [];
              const nameNode = param.findLast((e) => e.key === "name")?.value;
              const path = (0, import_yaml.isScalar)(nameNode) ? String(nameNode.value) : void 0;
              if (path === void 0) return other(item, field);
              const hit = helmHit(pins, path);
              const set = param.findLast((e) => e.key === "value")?.value;
              if (hit) overrides(at(item), field, `${quote(path)} (app ${quote(hit.manifest.app.name)}'s helm.${hit.part} in ferry.yaml) to ${quote((0, import_yaml.isScalar)(set) ? String(set.value) : "")}`, hit.manifest, "parameter");
              else other(item, field, path);
            });
          } else if (k.key === "valuesObject" && (0, import_yaml.isMap)(v)) {
            if (first(v) && !pinnedValues(v, { node, entries }, "helm.valuesObject", at, "")) other(k.keyNode, "helm.valuesObject");
          } else if (k.key === "values" && (0, import_yaml.isScalar)(v) && typeof v.value === "string") {
            if (!first(v)) continue;
            const values = innerValues(v, at(v), text, budget);
            if (values && "aliases" in values) problems.push({ ...tooMany(`has ${values.aliases} aliases (*name)`, MAX_ALIASES, "helm.values"), ...at(v) });
            else if (!values || !pinnedValues(values.map, values.read, "helm.values", values.where, " in the values text of helm.values")) other(k.keyNode, "helm.values");
          } else {
            other(k.keyNode, `helm.${k.key}`);
          }
        }
      } else {
        other(keyNode, key);
      }
    }
    for (const { problem, kind, more, override } of reported.values()) {
      if (more) problem.message += ` (${more} more ${kind}${more === 1 ? "" : "s"} in this file set${more === 1 ? "s" : ""} it too)`;
      override.more = more;
    }
  } catch (error2) {
    if (!(error2 instanceof ReadLimit)) throw error2;
    unchecked = void 0;
    return { problems: [tooMany("has aliases and merge keys (<<) that expand to more mapping entries", MAX_ENTRIES, "")], warnings: [], overrides: [], unchecked };
  }
  const warnings = [];
  const [one] = others;
  if (one) {
    warnings.push({
      file,
      ...at(one.node),
      field: one.field,
      message: `${WRITE_BACK} to ${who}, on top of ${pins.map((p) => p.file).join(", ")}, which Ferry pins: it ${problems.length ? "also " : ""}overrides ${others.slice(0, SHOWN).map((o) => o.shown).join(", ")}${others.length > SHOWN ? `, and ${others.length - SHOWN} more` : ""}, which Ferry does not check; remove what is not meant to stay`
    });
  }
  return { problems, warnings, overrides: overridden, ...unchecked ? { unchecked } : {} };
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
function helmHit(pins, path) {
  for (const manifest of pins) {
    const hit = helmPaths(manifest.app).find(([, p]) => p === path);
    if (hit) return { manifest, part: hit[0] };
  }
  return void 0;
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
function valuesAt(values, path, read) {
  let at = [values];
  for (const segment of path) {
    at = [...new Set(at.flatMap((n) => (0, import_yaml.isMap)(n) ? read.entries(n).filter((e) => e.key === segment).map((e) => e.value) : []).filter((n) => n !== null && n !== void 0))];
  }
  return at;
}
function innerValues(value, place, text, budget) {
  const inner = String(value.value);
  const lines = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(inner, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
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
  argocdSourceFindings,
  linkProblem,
  overrideFindings,
  kustomizeImage
};
