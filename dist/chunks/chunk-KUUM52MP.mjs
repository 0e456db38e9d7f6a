import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  FAILSAFE_SCHEMA,
  loadAll,
  types
} from "./chunk-QKVPLPRY.mjs";
import {
  PLAIN_NAME,
  imageMatches,
  locateKustomizeEntry,
  parseYaml,
  splitImage
} from "./chunk-6XHYADCA.mjs";
import {
  ConfigurationError,
  quote
} from "./chunk-4TMDRVSR.mjs";

// actions/src/core/kustomize-resources.ts
import { posix } from "node:path";
var KUSTOMIZATION_FILES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];
var OPAQUE_FIELDS = ["generators", "transformers", "helmCharts", "helmChartInflationGenerator", "replacements", "configurations", "crds"];
var MAX_DEPTH = 16;
async function unmatchedKustomizePins(pins, readFiles) {
  return (await judgeKustomizePins(pins, readFiles)).filter((p) => p !== void 0);
}
async function judgeKustomizePins(pins, readFiles) {
  const reach = new KustomizeReach(readFiles);
  const roots = pins.filter((p) => KUSTOMIZATION_FILES.includes(posix.basename(p.file)));
  for (const pin of roots) reach.texts.set(pin.file, pin.text);
  await reach.load(roots.map((p) => p.file));
  return pins.map((pin) => KUSTOMIZATION_FILES.includes(posix.basename(pin.file)) ? reach.judge(pin) : void 0);
}
var KustomizeReach = class {
  constructor(readFiles) {
    this.readFiles = readFiles;
  }
  texts = /* @__PURE__ */ new Map();
  parsed = /* @__PURE__ */ new Map();
  resourceImages = /* @__PURE__ */ new Map();
  built = /* @__PURE__ */ new Map();
  /**
   * Parses the kustomizations from `files` down, reading what each names, one level per read (for
   * every pin at once). An entry is read as what it most likely is: a file when its name ends in
   * .yaml, .yml or .json, else a directory with a kustomization.yaml; when it is not that, the
   * other readings (kustomization.yml, Kustomization, a file) come in the next read. A directory
   * with a kustomization.yaml is taken to be built from it: its other kustomization files are not
   * looked for (a read of a path costs about as much whether it is there or not, and there are
   * thousands; kustomize refuses a directory with two, which then deploys nothing at all).
   */
  async load(files) {
    let level = [...new Set(files)];
    let pending = [];
    for (let round = 0; (level.length || pending.length) && round <= 2 * MAX_DEPTH; round++) {
      const entries = new Set(pending);
      const wanted = /* @__PURE__ */ new Set();
      for (const file of level) {
        const k = parseKustomization(file, this.texts.get(file));
        this.parsed.set(file, k);
        if (!k) continue;
        for (const entry of [...k.resources, ...k.components]) entries.add(entry);
        for (const patch of k.patchFiles) wanted.add(patch.path);
      }
      for (const entry of entries) for (const path of this.toRead(entry)) wanted.add(path);
      const missing = [...wanted].filter((p) => !this.texts.has(p));
      if (missing.length) {
        const read = await this.readFiles(missing);
        for (const path of missing) this.texts.set(path, read.get(path));
      }
      const next = /* @__PURE__ */ new Set();
      pending = [];
      for (const entry of entries) {
        const found = this.resolve(entry);
        if (found === "unread") pending.push(entry);
        else if (found?.kind === "kustomization" && !this.parsed.has(found.file)) next.add(found.file);
      }
      level = [...next];
    }
  }
  /** The paths to read next to tell what `entry` is. */
  toRead(entry) {
    const all = candidates(entry);
    if (all.some((p) => this.texts.has(p))) return all.filter((p) => !this.texts.has(p));
    return entry !== "" && /\.(ya?ml|json)$/i.test(entry) ? [entry] : [entry === "" ? KUSTOMIZATION_FILES[0] : `${entry}/${KUSTOMIZATION_FILES[0]}`];
  }
  /** The problem of `pin` when its entry surely matches nothing; undefined when it matches, or cannot be judged. */
  judge(pin) {
    const k = this.parsed.get(pin.file);
    const index = k?.images.findIndex((e) => e.name === pin.name) ?? -1;
    if (!k || k.kind !== "Kustomization" || index < 0 || k.images.findLastIndex((e) => e.name === pin.name) !== index || !PLAIN_NAME.test(pin.name)) return void 0;
    const found = [];
    if (!this.accumulate(pin.file, found, /* @__PURE__ */ new Set())) return void 0;
    applyImages(found, k.images.slice(0, index));
    if (found.some((f) => imageMatches(f.image, pin.name))) return void 0;
    let at;
    try {
      at = locateKustomizeEntry(parseYaml(pin.text, pin.file), pin.name);
    } catch (error) {
      if (error instanceof ConfigurationError) return void 0;
      throw error;
    }
    return { file: pin.file, line: at.line, column: at.column, field: at.field, message: unmatchedMessage(pin.name, found, k) };
  }
  /**
   * What `entry` (a repository path) is: a kustomization directory, a resource file, neither
   * (undefined: not followed), or not known before more is read (`unread`).
   */
  resolve(entry) {
    const kustomizations = KUSTOMIZATION_FILES.map((k) => entry === "" ? k : `${entry}/${k}`);
    const text = entry === "" ? void 0 : this.texts.get(entry);
    if (typeof text === "string") return KUSTOMIZATION_FILES.includes(posix.basename(entry)) ? void 0 : { kind: "file", file: entry };
    if (entry !== "" && this.texts.has(entry) && text === void 0) return void 0;
    const first = this.texts.get(kustomizations[0]);
    if (typeof first === "string") return { kind: "kustomization", file: kustomizations[0] };
    if (!kustomizations.every((k) => this.texts.has(k))) return "unread";
    const own = kustomizations.filter((f) => this.texts.get(f) !== void 0);
    if (own.length !== 1) {
      return own.length === 0 && entry !== "" && !this.texts.has(entry) ? "unread" : void 0;
    }
    return typeof this.texts.get(own[0]) === "string" ? { kind: "kustomization", file: own[0] } : void 0;
  }
  /** What `entry` is, when it can be followed. */
  followed(entry) {
    const found = this.resolve(entry);
    return found === "unread" ? void 0 : found;
  }
  /**
   * Adds to `acc` the images of `file`'s resources and components as its own `images:` finds them
   * (before they apply); false when any part cannot be followed.
   */
  accumulate(file, acc, stack) {
    const k = this.parsed.get(file);
    if (!k || stack.has(file) || !this.patchesLeaveImages(k)) return false;
    stack.add(file);
    try {
      for (const entry of k.resources) {
        const found = this.followed(entry);
        if (!found) return false;
        const images = found.kind === "file" ? this.imagesOf(found.file) : this.build(found.file, stack);
        if (!images) return false;
        acc.push(...images.map((f) => ({ ...f })));
      }
      for (const entry of k.components) {
        const found = this.followed(entry);
        const component = found?.kind === "kustomization" ? this.parsed.get(found.file) : void 0;
        if (!found || component?.kind !== "Component" || !this.accumulate(found.file, acc, stack)) return false;
        applyImages(acc, component.images);
      }
      return true;
    } finally {
      stack.delete(file);
    }
  }
  /** The images a kustomization used as a resource hands on: its own `images:` applied. */
  build(file, stack) {
    const done = this.built.get(file);
    if (done) return done;
    const k = this.parsed.get(file);
    const acc = [];
    const ok = k?.kind === "Kustomization" && this.accumulate(file, acc, stack);
    if (!ok) return void 0;
    applyImages(acc, k.images);
    this.built.set(file, acc);
    return acc;
  }
  /** Whether no patch of `k` can bring or change an image (it does not mention one). */
  patchesLeaveImages(k) {
    return k.patchFiles.every(({ path, mayBeInline }) => {
      const text = this.texts.get(path);
      if (typeof text === "string") return !/image/i.test(text);
      return mayBeInline && text === void 0;
    });
  }
  /** The container images of a resource file; undefined when it does not parse. */
  imagesOf(file) {
    if (this.resourceImages.has(file)) return this.resourceImages.get(file);
    const text = this.texts.get(file);
    const docs = typeof text === "string" ? load(text) : void 0;
    const images = docs?.flatMap((doc) => isRecord(doc) && doc.kind === "CustomResourceDefinition" ? [] : containerImages(doc).map((image) => ({ image, file })));
    this.resourceImages.set(file, images);
    return images;
  }
};
function candidates(entry) {
  return entry === "" ? [...KUSTOMIZATION_FILES] : [entry, ...KUSTOMIZATION_FILES.map((k) => `${entry}/${k}`)];
}
function parseKustomization(file, text) {
  const docs = typeof text === "string" ? load(text)?.filter(present) : void 0;
  const root = docs?.length === 1 ? docs[0] : void 0;
  if (!isRecord(root) || OPAQUE_FIELDS.some((f) => present(root[f]))) return void 0;
  const kind = present(root.kind) ? root.kind : "Kustomization";
  if (kind !== "Kustomization" && kind !== "Component") return void 0;
  const dir = posix.dirname(file);
  const paths = (field) => {
    const list = present(root[field]) ? root[field] : [];
    if (!Array.isArray(list) || !list.every((e) => typeof e === "string")) return void 0;
    const resolved = list.map((e) => localPath(dir, e));
    return resolved.every((p) => p !== void 0) ? resolved : void 0;
  };
  const resources = paths("resources");
  const bases = paths("bases");
  const components = paths("components");
  const images = imageEntries(root.images);
  const patchFiles = patchesOf(root, dir);
  if (!resources || !bases || !components || !images || !patchFiles) return void 0;
  return { file, kind, resources: [...resources, ...bases], components, images, patchFiles };
}
function entryPath(dir, entry) {
  if (entry.includes("://") || /^(git::|gh:)/.test(entry) || /^[^/]*@[^/]*:/.test(entry) || entry.includes("?")) return { remote: true };
  if (posix.isAbsolute(entry) || entry.includes("\\")) return { outside: true };
  const path = posix.normalize(posix.join(dir === "" ? "." : dir, entry)).replace(/\/+$/, "");
  if (path === ".." || path.startsWith("../")) return { outside: true };
  return { path: path === "." ? "" : path };
}
function localPath(dir, entry) {
  const where = entry.trim() === "" ? void 0 : entryPath(dir, entry);
  return where && "path" in where ? where.path : void 0;
}
function imageEntries(value) {
  if (!present(value)) return [];
  if (!Array.isArray(value)) return void 0;
  const entries = [];
  for (const item of value) {
    if (!isRecord(item) || typeof item.name !== "string" || item.name === "" || !PLAIN_NAME.test(item.name)) return void 0;
    const entry = { name: item.name };
    for (const key of ["newName", "newTag", "digest"]) {
      const v = item[key];
      if (typeof v === "string" && v !== "") entry[key] = v;
      else if (present(v)) return void 0;
    }
    entries.push(entry);
  }
  return entries;
}
function patchesOf(root, dir) {
  const files = [];
  for (const field of ["patches", "patchesJson6902", "patchesStrategicMerge"]) {
    const list = root[field];
    if (!present(list)) continue;
    if (!Array.isArray(list)) return void 0;
    for (const item of list) {
      const inline = typeof item === "string" ? item : isRecord(item) ? item.patch : void 0;
      const path = typeof item === "string" ? /[\r\n]/.test(item) ? void 0 : item : isRecord(item) ? item.path : void 0;
      if (typeof inline === "string" && /image/i.test(inline)) return void 0;
      if (typeof path === "string" && path !== "") {
        const local = localPath(dir, path);
        if (local === void 0) {
          if (typeof item !== "string") return void 0;
        } else {
          files.push({ path: local, mayBeInline: typeof item === "string" });
        }
      } else if (typeof inline !== "string") {
        return void 0;
      }
    }
  }
  return files;
}
var TEXT_WITH_MERGES = FAILSAFE_SCHEMA.extend({ implicit: [types.merge] });
function load(text) {
  try {
    return loadAll(text, void 0, { schema: TEXT_WITH_MERGES });
  } catch {
    return void 0;
  }
}
function containerImages(value, out = [], seen = /* @__PURE__ */ new Set()) {
  if (typeof value !== "object" || value === null || seen.has(value)) return out;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const item of value) containerImages(item, out, seen);
  } else if (isRecord(value)) {
    for (const [key, v] of Object.entries(value)) {
      containerImages(v, out, seen);
      if ((key === "containers" || key === "initContainers") && Array.isArray(v)) {
        for (const item of v) if (isRecord(item) && typeof item.image === "string" && item.image !== "") out.push(item.image);
      }
    }
  }
  return out;
}
function applyImages(found, entries) {
  for (const entry of entries) {
    for (const f of found) {
      if (!imageMatches(f.image, entry.name)) continue;
      let { name, tag, digest } = splitImage(f.image);
      if (entry.newName) name = entry.newName;
      if (entry.newTag !== void 0 || entry.digest !== void 0) {
        tag = entry.newTag ?? "";
        digest = entry.digest ?? "";
      }
      f.image = `${name}${tag ? `:${tag}` : ""}${digest ? `@${digest}` : ""}`;
    }
  }
}
var SHOWN = 5;
function unmatchedMessage(name, found, k) {
  const seen = /* @__PURE__ */ new Set();
  const unique = found.filter((f) => !seen.has(`${f.image}
${f.file}`) && seen.add(`${f.image}
${f.file}`));
  const list = unique.slice(0, SHOWN).map((f) => `${quote(f.image, 300)} (${f.file})`).join(", ");
  const more = unique.length > SHOWN ? ` and ${unique.length - SHOWN} more` : "";
  const what = unique.length ? `the container images it builds are ${list}${more}` : `it builds no container image (resources: ${k.resources.length ? k.resources.join(", ") : "none"})`;
  return `the entry ${quote(name)} matches no container image, so kustomize applies none of it and the digest pinned here is never deployed (an entry applies to an image whose name, without its tag or digest, is ${quote(name)}): ${what}; name the entry after the image, or the image after the entry`;
}
function present(value) {
  return value !== void 0 && value !== null && value !== "";
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// actions/src/core/undeployed-pins.ts
async function assertPinsDeployed(snapshot, pins) {
  const problems = (await undeployedPins(snapshot, pins)).filter((p) => p !== void 0);
  if (problems.length) throw new ConfigurationError(problems.map((p) => refusedPin(p)));
}
async function undeployedPins(snapshot, pins) {
  const kustomize = pins.flatMap(({ app, file, text }, i) => app.pin.kind === "kustomize" ? [{ i, pin: { file, text, name: app.pin.name } }] : []);
  const problems = pins.map(() => void 0);
  if (kustomize.length === 0) return problems;
  const judged = await judgeKustomizePins(kustomize.map((k) => k.pin), snapshotReader(snapshot));
  kustomize.forEach((k, n) => {
    problems[k.i] = judged[n];
  });
  return problems;
}
function refusedPin(problem, more) {
  const where = problem.file !== void 0 ? `${problem.file} (its images: entry) or what it builds from` : "the kustomization or what it builds from";
  return { ...problem, message: `${problem.message}; nothing written (a pin that is never deployed is not written): the fix is in ${where}, then run again (ferry validate checks it)${more ? `; ${more}` : ""}` };
}
function refusedSourcePin(problem, promotion, more) {
  const where = problem.file !== void 0 ? `${problem.file} (its images: entry) or what it builds from` : "the kustomization or what it builds from";
  return {
    ...problem,
    message: `${problem.message}; ${promotion.app} is not promoted to ${promotion.to}: ${promotion.from} never runs ${promotion.image}, the digest it pins, so its time there is no soak of it; nothing written: the fix is in ${where}, then run again (ferry validate checks it)${more ? `; ${more}` : ""}`
  };
}
function snapshotReader(snapshot) {
  return async (paths) => {
    if (snapshot.readFilesReporting) return snapshot.readFilesReporting(paths);
    await snapshot.prefetch?.(paths);
    const files = /* @__PURE__ */ new Map();
    for (const path of paths) {
      try {
        files.set(path, await snapshot.readFile(path));
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
        files.set(path, error);
      }
    }
    return files;
  };
}

export {
  KUSTOMIZATION_FILES,
  unmatchedKustomizePins,
  judgeKustomizePins,
  entryPath,
  load,
  containerImages,
  present,
  isRecord,
  assertPinsDeployed,
  undeployedPins,
  refusedPin,
  refusedSourcePin
};
