import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  applySplices,
  asMap,
  asSeq,
  deref,
  fail,
  findPair,
  lineOf,
  mapValue,
  parseYaml,
  removePair,
  replaceScalar,
  scalarText,
  setMapValue
} from "./chunk-N7L76RKX.mjs";
import {
  DIGEST,
  IMAGE_NAME,
  TAG,
  digestProblem,
  formatImageRef,
  isImageName,
  isTag
} from "./chunk-46DNWRYD.mjs";
import {
  ConfigurationError,
  quote
} from "./chunk-WWSMVM2U.mjs";

// node_modules/diff/libesm/diff/base.js
var Diff = class {
  diff(oldStr, newStr, options = {}) {
    let callback;
    if (typeof options === "function") {
      callback = options;
      options = {};
    } else if ("callback" in options) {
      callback = options.callback;
    }
    const oldString = this.castInput(oldStr, options);
    const newString = this.castInput(newStr, options);
    const oldTokens = this.removeEmpty(this.tokenize(oldString, options));
    const newTokens = this.removeEmpty(this.tokenize(newString, options));
    return this.diffWithOptionsObj(oldTokens, newTokens, options, callback);
  }
  diffWithOptionsObj(oldTokens, newTokens, options, callback) {
    var _a;
    const done = (value) => {
      value = this.postProcess(value, options);
      if (callback) {
        setTimeout(function() {
          callback(value);
        }, 0);
        return void 0;
      } else {
        return value;
      }
    };
    const newLen = newTokens.length, oldLen = oldTokens.length;
    let editLength = 1;
    let maxEditLength = newLen + oldLen;
    if (options.maxEditLength != null) {
      maxEditLength = Math.min(maxEditLength, options.maxEditLength);
    }
    const maxExecutionTime = (_a = options.timeout) !== null && _a !== void 0 ? _a : Infinity;
    const abortAfterTimestamp = Date.now() + maxExecutionTime;
    const bestPath = [{ oldPos: -1, lastComponent: void 0 }];
    let newPos = this.extractCommon(bestPath[0], newTokens, oldTokens, 0, options);
    if (bestPath[0].oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
      return done(this.buildValues(bestPath[0].lastComponent, newTokens, oldTokens));
    }
    let minDiagonalToConsider = -Infinity, maxDiagonalToConsider = Infinity;
    const execEditLength = () => {
      for (let diagonalPath = Math.max(minDiagonalToConsider, -editLength); diagonalPath <= Math.min(maxDiagonalToConsider, editLength); diagonalPath += 2) {
        let basePath;
        const removePath = bestPath[diagonalPath - 1], addPath = bestPath[diagonalPath + 1];
        if (removePath) {
          bestPath[diagonalPath - 1] = void 0;
        }
        let canAdd = false;
        if (addPath) {
          const addPathNewPos = addPath.oldPos - diagonalPath;
          canAdd = addPath && 0 <= addPathNewPos && addPathNewPos < newLen;
        }
        const canRemove = removePath && removePath.oldPos + 1 < oldLen;
        if (!canAdd && !canRemove) {
          bestPath[diagonalPath] = void 0;
          continue;
        }
        if (!canRemove || canAdd && removePath.oldPos < addPath.oldPos) {
          basePath = this.addToPath(addPath, true, false, 0, options);
        } else {
          basePath = this.addToPath(removePath, false, true, 1, options);
        }
        newPos = this.extractCommon(basePath, newTokens, oldTokens, diagonalPath, options);
        if (basePath.oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
          return done(this.buildValues(basePath.lastComponent, newTokens, oldTokens)) || true;
        } else {
          bestPath[diagonalPath] = basePath;
          if (basePath.oldPos + 1 >= oldLen) {
            maxDiagonalToConsider = Math.min(maxDiagonalToConsider, diagonalPath - 1);
          }
          if (newPos + 1 >= newLen) {
            minDiagonalToConsider = Math.max(minDiagonalToConsider, diagonalPath + 1);
          }
        }
      }
      editLength++;
    };
    if (callback) {
      (function exec() {
        setTimeout(function() {
          if (editLength > maxEditLength || Date.now() > abortAfterTimestamp) {
            return callback(void 0);
          }
          if (!execEditLength()) {
            exec();
          }
        }, 0);
      })();
    } else {
      while (editLength <= maxEditLength && Date.now() <= abortAfterTimestamp) {
        const ret = execEditLength();
        if (ret) {
          return ret;
        }
      }
    }
  }
  addToPath(path, added, removed, oldPosInc, options) {
    const last = path.lastComponent;
    if (last && !options.oneChangePerToken && last.added === added && last.removed === removed) {
      return {
        oldPos: path.oldPos + oldPosInc,
        lastComponent: { count: last.count + 1, added, removed, previousComponent: last.previousComponent }
      };
    } else {
      return {
        oldPos: path.oldPos + oldPosInc,
        lastComponent: { count: 1, added, removed, previousComponent: last }
      };
    }
  }
  extractCommon(basePath, newTokens, oldTokens, diagonalPath, options) {
    const newLen = newTokens.length, oldLen = oldTokens.length;
    let oldPos = basePath.oldPos, newPos = oldPos - diagonalPath, commonCount = 0;
    while (newPos + 1 < newLen && oldPos + 1 < oldLen && this.equals(oldTokens[oldPos + 1], newTokens[newPos + 1], options)) {
      newPos++;
      oldPos++;
      commonCount++;
      if (options.oneChangePerToken) {
        basePath.lastComponent = { count: 1, previousComponent: basePath.lastComponent, added: false, removed: false };
      }
    }
    if (commonCount && !options.oneChangePerToken) {
      basePath.lastComponent = { count: commonCount, previousComponent: basePath.lastComponent, added: false, removed: false };
    }
    basePath.oldPos = oldPos;
    return newPos;
  }
  equals(left, right, options) {
    if (options.comparator) {
      return options.comparator(left, right);
    } else {
      return left === right || !!options.ignoreCase && left.toLowerCase() === right.toLowerCase();
    }
  }
  removeEmpty(array) {
    const ret = [];
    for (let i = 0; i < array.length; i++) {
      if (array[i]) {
        ret.push(array[i]);
      }
    }
    return ret;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  castInput(value, options) {
    return value;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  tokenize(value, options) {
    return Array.from(value);
  }
  join(chars) {
    return chars.join("");
  }
  postProcess(changeObjects, options) {
    return changeObjects;
  }
  get useLongestToken() {
    return false;
  }
  buildValues(lastComponent, newTokens, oldTokens) {
    const components = [];
    let nextComponent;
    while (lastComponent) {
      components.push(lastComponent);
      nextComponent = lastComponent.previousComponent;
      delete lastComponent.previousComponent;
      lastComponent = nextComponent;
    }
    components.reverse();
    const componentLen = components.length;
    let componentPos = 0, newPos = 0, oldPos = 0;
    for (; componentPos < componentLen; componentPos++) {
      const component = components[componentPos];
      if (!component.removed) {
        if (!component.added && this.useLongestToken) {
          let value = newTokens.slice(newPos, newPos + component.count);
          value = value.map(function(value2, i) {
            const oldValue = oldTokens[oldPos + i];
            return oldValue.length > value2.length ? oldValue : value2;
          });
          component.value = this.join(value);
        } else {
          component.value = this.join(newTokens.slice(newPos, newPos + component.count));
        }
        newPos += component.count;
        if (!component.added) {
          oldPos += component.count;
        }
      } else {
        component.value = this.join(oldTokens.slice(oldPos, oldPos + component.count));
        oldPos += component.count;
      }
    }
    return components;
  }
};

// node_modules/diff/libesm/diff/line.js
var LineDiff = class extends Diff {
  constructor() {
    super(...arguments);
    this.tokenize = tokenize;
  }
  equals(left, right, options) {
    if (options.ignoreWhitespace) {
      if (!options.newlineIsToken || !left.includes("\n")) {
        left = left.trim();
      }
      if (!options.newlineIsToken || !right.includes("\n")) {
        right = right.trim();
      }
    } else if (options.ignoreNewlineAtEof && !options.newlineIsToken) {
      if (left.endsWith("\n")) {
        left = left.slice(0, -1);
      }
      if (right.endsWith("\n")) {
        right = right.slice(0, -1);
      }
    }
    return super.equals(left, right, options);
  }
};
var lineDiff = new LineDiff();
function diffLines(oldStr, newStr, options) {
  return lineDiff.diff(oldStr, newStr, options);
}
function tokenize(value, options) {
  if (options.stripTrailingCr) {
    value = value.replace(/\r\n/g, "\n");
  }
  const retLines = [], linesAndNewlines = value.split(/(\n|\r\n)/);
  if (!linesAndNewlines[linesAndNewlines.length - 1]) {
    linesAndNewlines.pop();
  }
  for (let i = 0; i < linesAndNewlines.length; i++) {
    const line = linesAndNewlines[i];
    if (i % 2 && !options.newlineIsToken) {
      retLines[retLines.length - 1] += line;
    } else {
      retLines.push(line);
    }
  }
  return retLines;
}

// node_modules/diff/libesm/patch/create.js
var INCLUDE_HEADERS = {
  includeIndex: true,
  includeUnderline: true,
  includeFileHeaders: true
};
function structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options) {
  let optionsObj;
  if (!options) {
    optionsObj = {};
  } else if (typeof options === "function") {
    optionsObj = { callback: options };
  } else {
    optionsObj = options;
  }
  if (typeof optionsObj.context === "undefined") {
    optionsObj.context = 4;
  }
  const context = optionsObj.context;
  if (optionsObj.newlineIsToken) {
    throw new Error("newlineIsToken may not be used with patch-generation functions, only with diffing functions");
  }
  if (!optionsObj.callback) {
    return diffLinesResultToPatch(diffLines(oldStr, newStr, optionsObj));
  } else {
    const { callback } = optionsObj;
    diffLines(oldStr, newStr, Object.assign(Object.assign({}, optionsObj), { callback: (diff) => {
      const patch = diffLinesResultToPatch(diff);
      callback(patch);
    } }));
  }
  function diffLinesResultToPatch(diff) {
    if (!diff) {
      return;
    }
    diff.push({ value: "", lines: [] });
    function contextLines(lines) {
      return lines.map(function(entry) {
        return " " + entry;
      });
    }
    const hunks = [];
    let oldRangeStart = 0, newRangeStart = 0, curRange = [], oldLine = 1, newLine = 1;
    for (let i = 0; i < diff.length; i++) {
      const current = diff[i], lines = current.lines || splitLines(current.value);
      current.lines = lines;
      if (current.added || current.removed) {
        if (!oldRangeStart) {
          const prev = diff[i - 1];
          oldRangeStart = oldLine;
          newRangeStart = newLine;
          if (prev) {
            curRange = context > 0 ? contextLines(prev.lines.slice(-context)) : [];
            oldRangeStart -= curRange.length;
            newRangeStart -= curRange.length;
          }
        }
        for (const line of lines) {
          curRange.push((current.added ? "+" : "-") + line);
        }
        if (current.added) {
          newLine += lines.length;
        } else {
          oldLine += lines.length;
        }
      } else {
        if (oldRangeStart) {
          if (lines.length <= context * 2 && i < diff.length - 2) {
            for (const line of contextLines(lines)) {
              curRange.push(line);
            }
          } else {
            const contextSize = Math.min(lines.length, context);
            for (const line of contextLines(lines.slice(0, contextSize))) {
              curRange.push(line);
            }
            const hunk = {
              oldStart: oldRangeStart,
              oldLines: oldLine - oldRangeStart + contextSize,
              newStart: newRangeStart,
              newLines: newLine - newRangeStart + contextSize,
              lines: curRange
            };
            hunks.push(hunk);
            oldRangeStart = 0;
            newRangeStart = 0;
            curRange = [];
          }
        }
        oldLine += lines.length;
        newLine += lines.length;
      }
    }
    for (const hunk of hunks) {
      for (let i = 0; i < hunk.lines.length; i++) {
        if (hunk.lines[i].endsWith("\n")) {
          hunk.lines[i] = hunk.lines[i].slice(0, -1);
        } else {
          hunk.lines.splice(i + 1, 0, "\\ No newline at end of file");
          i++;
        }
      }
    }
    return {
      oldFileName,
      newFileName,
      oldHeader,
      newHeader,
      hunks
    };
  }
}
function formatPatch(patch, headerOptions) {
  if (!headerOptions) {
    headerOptions = INCLUDE_HEADERS;
  }
  if (Array.isArray(patch)) {
    if (patch.length > 1 && !headerOptions.includeFileHeaders) {
      throw new Error("Cannot omit file headers on a multi-file patch. (The result would be unparseable; how would a tool trying to apply the patch know which changes are to which file?)");
    }
    return patch.map((p) => formatPatch(p, headerOptions)).join("\n");
  }
  const ret = [];
  if (headerOptions.includeIndex && patch.oldFileName == patch.newFileName) {
    ret.push("Index: " + patch.oldFileName);
  }
  if (headerOptions.includeUnderline) {
    ret.push("===================================================================");
  }
  if (headerOptions.includeFileHeaders) {
    ret.push("--- " + patch.oldFileName + (typeof patch.oldHeader === "undefined" ? "" : "	" + patch.oldHeader));
    ret.push("+++ " + patch.newFileName + (typeof patch.newHeader === "undefined" ? "" : "	" + patch.newHeader));
  }
  for (let i = 0; i < patch.hunks.length; i++) {
    const hunk = patch.hunks[i];
    if (hunk.oldLines === 0) {
      hunk.oldStart -= 1;
    }
    if (hunk.newLines === 0) {
      hunk.newStart -= 1;
    }
    ret.push("@@ -" + hunk.oldStart + "," + hunk.oldLines + " +" + hunk.newStart + "," + hunk.newLines + " @@");
    for (const line of hunk.lines) {
      ret.push(line);
    }
  }
  return ret.join("\n") + "\n";
}
function createTwoFilesPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options) {
  if (typeof options === "function") {
    options = { callback: options };
  }
  if (!(options === null || options === void 0 ? void 0 : options.callback)) {
    const patchObj = structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options);
    if (!patchObj) {
      return;
    }
    return formatPatch(patchObj, options === null || options === void 0 ? void 0 : options.headerOptions);
  } else {
    const { callback } = options;
    structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, Object.assign(Object.assign({}, options), { callback: (patchObj) => {
      if (!patchObj) {
        callback(void 0);
      } else {
        callback(formatPatch(patchObj, options.headerOptions));
      }
    } }));
  }
}
function splitLines(text) {
  const hasTrailingNl = text.endsWith("\n");
  const result = text.split("\n").map((line) => line + "\n");
  if (hasTrailingNl) {
    result.pop();
  } else {
    result.push(result.pop().slice(0, -1));
  }
  return result;
}

// actions/src/core/file-diff.ts
function fileDiff(path, before, after) {
  return createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, void 0, void 0, { context: 3 }).replace(/^=+\n/, "");
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
  fileDiff,
  readHelmValues,
  readKustomizeImage,
  readWorkloadContainer,
  pinImage,
  readPinnedImage,
  readPinnedImageAt,
  pinnedImageProblems,
  pinProblem
};
