import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  PIN_KEYS,
  Problems,
  REGISTRY,
  REPOSITORY,
  WORKLOAD_KINDS,
  checkSemantics,
  fieldOf,
  isRecord,
  validateSchema
} from "./chunk-QKVPLPRY.mjs";
import {
  DNS_LABEL
} from "./chunk-TWBHTREK.mjs";
import {
  require_dist
} from "./chunk-C4OZCMLB.mjs";
import {
  ConfigurationError,
  quote,
  quoteAscii
} from "./chunk-4TMDRVSR.mjs";
import {
  __toESM
} from "./chunk-WBKKXVG2.mjs";

// actions/src/core/config-located.ts
var import_yaml = __toESM(require_dist(), 1);
function locatedParse(text, file, options = {}) {
  const lineCounter = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(yamlLines(text), { lineCounter, prettyErrors: false, uniqueKeys: true });
  const where = new Locator(doc, lineCounter, file);
  if (doc.errors.length) throw new ConfigurationError(doc.errors.map((e) => where.syntaxProblem(e)));
  let data;
  try {
    data = configData(doc, lineCounter, file);
  } catch (err) {
    if (err instanceof ConfigurationError) throw err;
    throw new ConfigurationError({ file, line: 1, column: 1, message: `cannot read the YAML: ${err.message}` });
  }
  const problems = new Problems(where);
  for (const p of schemaProblems(validateSchema(data), data, where)) problems.push(p);
  const config = checkSemantics(data, file, problems, options);
  if (problems.list.length || !config) throw new ConfigurationError(problems.sorted());
  return config;
}
function configData(doc, lineCounter, file) {
  const bomb = aliasBomb(doc);
  if (bomb) {
    const { line, col } = lineCounter.linePos(bomb.range?.[0] ?? 0);
    throw new ConfigurationError({ file, line, column: col, message: `cannot read the YAML: with this alias (*${bomb.source}), its aliases bring in more than ${ALIASED_MAX.toLocaleString("en-US")} values, far beyond what its text holds: a document that expands so is refused as a resource exhaustion attack` });
  }
  return doc.toJS({ maxAliasCount: 100 * ALIASED_MAX });
}
var ALIASED_MAX = 1e6;
function aliasBomb(doc) {
  const named = /* @__PURE__ */ new Map();
  const sources = /* @__PURE__ */ new Map();
  (0, import_yaml.visit)(doc, {
    Node: (_key, node) => {
      if ((0, import_yaml.isAlias)(node)) sources.set(node, named.get(node.source));
      else if (node.anchor) named.set(node.anchor, node);
    }
  });
  if (sources.size === 0) return void 0;
  const sizes = /* @__PURE__ */ new Map();
  const counting = /* @__PURE__ */ new Set();
  const size = (node) => {
    if ((0, import_yaml.isAlias)(node)) {
      const source = sources.get(node);
      return source === void 0 || counting.has(source) ? 1 : size(source);
    }
    if (!(0, import_yaml.isMap)(node) && !(0, import_yaml.isSeq)(node)) return 1;
    let n = sizes.get(node);
    if (n === void 0) {
      counting.add(node);
      n = 1;
      for (const item of node.items) n += (0, import_yaml.isPair)(item) ? size(item.key) + size(item.value) : size(item);
      counting.delete(node);
      sizes.set(node, n);
    }
    return n;
  };
  let total = 0;
  for (const alias of sources.keys()) {
    total += size(alias);
    if (total > ALIASED_MAX) return alias;
  }
  return void 0;
}
function yamlLines(text) {
  return text.includes("\r") ? text.replace(/\r(?!\n)/g, "\n") : text;
}
function configLocator(text) {
  let parsed;
  return (path, key) => {
    if (text === void 0) return void 0;
    if (!parsed) {
      const lines = new import_yaml.LineCounter();
      parsed = { doc: (0, import_yaml.parseDocument)(yamlLines(text), { uniqueKeys: false, lineCounter: lines }), lines };
    }
    let node = parsed.doc.getIn(path, true);
    if (key !== void 0) node = (0, import_yaml.isMap)(node) ? node.items.find((p) => p.key?.value === key)?.key : void 0;
    const range = node?.range;
    if (!range) return void 0;
    const { line, col } = parsed.lines.linePos(range[0]);
    return { line, column: col };
  };
}
var DURATION = "a duration like 45s, 30m, 2h, 1h30m or 1d";
var DOTTED_PATH = "a dotted path into the values file, like image.digest";
var EXPECTED = {
  "": "a mapping with keys registry, environments, apps and optionally prometheus",
  prometheus: "a mapping with address and optionally bearerTokenEnv and sigv4",
  "prometheus.address": "an http:// or https:// URL of Prometheus, as this runner reaches it",
  "prometheus.bearerTokenEnv": "the name of an environment variable that starts with PROMETHEUS_, like PROMETHEUS_TOKEN (the token is sent to prometheus.address: ferry.yaml may name only a variable meant for Prometheus, never one holding the runner's, git's or Ferry's credentials, such as GITHUB_TOKEN, ACTIONS_RUNTIME_TOKEN, GIT_CONFIG_VALUE_0 or AWS_SECRET_ACCESS_KEY)",
  "prometheus.sigv4": "a mapping like { region: eu-central-1 }",
  "prometheus.sigv4.region": "an AWS region, like eu-central-1",
  registry: REGISTRY,
  environments: "a non-empty list of environments",
  "environments[]": "a mapping with name and optionally promoteFrom and gates",
  "environments[].name": DNS_LABEL,
  "environments[].promoteFrom": `the name of another environment, ${DNS_LABEL}`,
  "environments[].gates": "a mapping with soak, analysis, compare, approvals and freeze (each optional)",
  "environments[].gates.compare": "a mapping with metrics and optionally baseline, window, pass and marginal",
  "environments[].gates.compare.baseline": "target or previous",
  "environments[].gates.compare.window": DURATION,
  "environments[].gates.compare.pass": "a score from 0 to 100",
  "environments[].gates.compare.marginal": "a score from 0 to 100, at most pass",
  "environments[].gates.compare.metrics": "a non-empty list of metrics to compare",
  "environments[].gates.compare.metrics[]": "a mapping with template, metric and direction, and optionally confidence, effectSize, weight and critical",
  "environments[].gates.compare.metrics[].template": `the name of an analysis template, ${DNS_LABEL}`,
  "environments[].gates.compare.metrics[].metric": "the name of one of the template's metrics",
  "environments[].gates.compare.metrics[].direction": "increase, decrease or either (the change that is bad)",
  "environments[].gates.compare.metrics[].confidence": "a number between 0 and 1, like 0.95",
  "environments[].gates.compare.metrics[].effectSize": "a relative change of 0 or more, like 0.1 for 10%",
  "environments[].gates.compare.metrics[].weight": "a number above 0",
  "environments[].gates.compare.metrics[].critical": "true or false",
  "environments[].gates.soak": DURATION,
  "environments[].gates.analysis": "a list of analysis template names",
  "environments[].gates.analysis[]": `the name of an analysis template, ${DNS_LABEL}`,
  "environments[].gates.approvals": "a whole number of approvals, 0 or more",
  "environments[].gates.freeze": "a list of freeze windows",
  "environments[].gates.freeze[]": "a mapping with from, to and timezone",
  "environments[].gates.freeze[].from": "a weekly time like 'Fri 16:00' or a date like '2026-12-20' or '2026-12-20 18:00'",
  "environments[].gates.freeze[].to": "a weekly time like 'Mon 08:00' or a date like '2027-01-02' or '2027-01-02 08:00'",
  "environments[].gates.freeze[].timezone": "an IANA time zone, like Europe/Berlin or UTC",
  apps: "a list of apps (apps: [] when there are none yet)",
  "apps[]": "a mapping with name, image and manifest",
  "apps[].name": DNS_LABEL,
  "apps[].image": REPOSITORY,
  "apps[].registry": REGISTRY,
  "apps[].manifest": 'a path template like "{env}/user-service/kustomization.yaml"',
  "apps[].kustomize": "a mapping like { name: user-service }",
  "apps[].kustomize.name": "the name of an images: entry",
  "apps[].helm": "a mapping like { digest: image.digest, tag: image.tag }",
  "apps[].helm.digest": DOTTED_PATH,
  "apps[].helm.tag": DOTTED_PATH,
  "apps[].helm.repository": DOTTED_PATH,
  "apps[].container": "a mapping like { name: app, kind: Deployment }",
  "apps[].container.name": `the container's name, ${DNS_LABEL}`,
  "apps[].container.resource": "the workload's name",
  "apps[].container.kind": `one of ${WORKLOAD_KINDS.join(", ")}`
};
function keyText(key) {
  return (0, import_yaml.isScalar)(key) ? String(key.value) : String(key);
}
var Locator = class {
  constructor(doc, lines, file) {
    this.doc = doc;
    this.lines = lines;
    this.file = file;
  }
  /** The problem at `path` (at its key `key` when given: unknown and duplicate keys). */
  problem(path, message, key) {
    const { line, column } = this.position(path, key);
    const field = fieldOf(path);
    return field ? { file: this.file, line, column, field, message } : { file: this.file, line, column, message };
  }
  syntaxProblem(err) {
    const opened = err.code === "MISSING_CHAR" && /^Missing closing ["']quote/.test(err.message) ? this.quotedScalarEndingAt(err.pos[0]) : void 0;
    if (opened !== void 0) {
      const { line: line2, column: column2 } = this.offsetPosition(opened);
      return { file: this.file, line: line2, column: column2, message: `${err.message} for the value that starts here` };
    }
    const { line, column } = this.offsetPosition(err.pos[0]);
    if (err.code === "DUPLICATE_KEY") {
      const found = this.keyAt(this.doc.contents, [], err.pos[0]);
      if (found) {
        const message2 = `duplicate key ${quote(found.key)} (a key may appear once in a mapping)`;
        const field = fieldOf(found.parent);
        return field ? { file: this.file, line, column, field, message: message2 } : { file: this.file, line, column, message: message2 };
      }
    }
    const message = err.code === "MULTIPLE_DOCS" ? 'expected one YAML document, found more (a "---" line starts another)' : err.message;
    return { file: this.file, line, column, message };
  }
  /** Where the quoted scalar whose text runs to `offset` starts (its opening quote). */
  quotedScalarEndingAt(offset) {
    let start;
    (0, import_yaml.visit)(this.doc, {
      Scalar: (_key, node) => {
        if ((node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") && node.range?.[1] === offset) {
          start = node.range[0];
          return import_yaml.visit.BREAK;
        }
        return void 0;
      }
    });
    return start;
  }
  position(path, key) {
    const { node, keyNode, complete } = this.find(path);
    let at = node;
    if (complete && key !== void 0 && (0, import_yaml.isMap)(node)) {
      at = node.items.find((p) => keyText(p.key) === key)?.key ?? node;
    } else if (complete && keyNode !== void 0 && (node === null || node === void 0 || (0, import_yaml.isScalar)(node) && node.value === null && node.range?.[0] === node.range?.[1])) {
      at = keyNode;
    }
    const range = (0, import_yaml.isNode)(at) ? at.range : void 0;
    return range ? this.offsetPosition(range[0]) : { line: 1, column: 1 };
  }
  offsetPosition(offset) {
    const { line, col } = this.lines.linePos(offset);
    return line === 0 ? { line: 1, column: offset + 1 } : { line, column: col };
  }
  find(path) {
    let node = this.deref(this.doc.contents);
    let keyNode;
    for (const seg of path) {
      if (typeof seg === "number" && (0, import_yaml.isSeq)(node) && seg < node.items.length) {
        node = this.deref(node.items[seg]);
        keyNode = void 0;
      } else if (typeof seg === "string" && (0, import_yaml.isMap)(node)) {
        const pair = node.items.find((p) => keyText(p.key) === seg);
        if (!pair) return { node, keyNode, complete: false };
        node = this.deref(pair.value);
        keyNode = pair.key;
      } else {
        return { node, keyNode, complete: false };
      }
    }
    return { node, keyNode, complete: true };
  }
  deref(node) {
    return (0, import_yaml.isAlias)(node) ? node.resolve(this.doc) : node;
  }
  keyAt(node, path, offset) {
    if ((0, import_yaml.isMap)(node)) {
      for (const pair of node.items) {
        if ((0, import_yaml.isNode)(pair.key) && pair.key.range?.[0] === offset) return { parent: path, key: keyText(pair.key) };
        const found = this.keyAt(pair.value, [...path, keyText(pair.key)], offset);
        if (found) return found;
      }
    } else if ((0, import_yaml.isSeq)(node)) {
      for (const [i, item] of node.items.entries()) {
        const found = this.keyAt(item, [...path, i], offset);
        if (found) return found;
      }
    }
    return void 0;
  }
};
function describe(value, ascii = false) {
  if (value === null || value === void 0) return "an empty value";
  if (typeof value === "string") return ascii ? quoteAscii(value) : quote(value);
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return `the boolean ${value}`;
  if (Array.isArray(value)) return value.length ? "a list" : "an empty list";
  return "a mapping";
}
function toPath(pointer, data) {
  const path = [];
  let cur = data;
  for (const raw of pointer.split("/").slice(1)) {
    const seg = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (Array.isArray(cur)) {
      path.push(Number(seg));
      cur = cur[Number(seg)];
    } else {
      path.push(seg);
      cur = isRecord(cur) ? cur[seg] : void 0;
    }
  }
  return path;
}
function schemaProblems(errors, data, where) {
  const composites = errors.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf");
  const kept = errors.filter((e) => !composites.some((c) => c !== e && e.schemaPath.startsWith(`${c.schemaPath}/`) && e.instancePath.startsWith(c.instancePath)));
  const out = [];
  const valueReported = /* @__PURE__ */ new Set();
  for (const e of kept) {
    const path = toPath(e.instancePath, data);
    switch (e.keyword) {
      case "required": {
        const missing = String(e.params.missingProperty);
        const required = e.schema.join(", ");
        out.push(where.problem(path, `missing required key ${quote(missing)} (required: ${required})`));
        break;
      }
      case "additionalProperties": {
        const key = String(e.params.additionalProperty);
        const known = Object.keys(e.parentSchema?.properties ?? {}).join(", ");
        out.push(where.problem(path, `unknown key ${quote(key)} (expected one of ${known})`, key));
        break;
      }
      case "uniqueItems": {
        const i = Number(e.params.i);
        const j = Number(e.params.j);
        const list = Array.isArray(e.data) ? e.data : [];
        out.push(where.problem([...path, Math.max(i, j)], `${quote(list[Math.max(i, j)])} is listed twice (also at [${Math.min(i, j)}])`));
        break;
      }
      case "not": {
        if (!isRecord(e.data)) break;
        const present = PIN_KEYS.filter((k) => isRecord(e.data) && k in e.data);
        out.push(where.problem(path, `set at most one of kustomize, helm and container, found ${present.join(" and ")}`, present[1]));
        break;
      }
      default: {
        const field = fieldOf(path);
        if (valueReported.has(field)) break;
        valueReported.add(field);
        const expected = EXPECTED[fieldOf(path, true)] ?? (typeof e.parentSchema?.description === "string" ? e.parentSchema.description : e.message ?? "something else");
        const length = e.keyword === "maxLength" && typeof e.data === "string" ? ` (${e.data.length} characters)` : "";
        out.push(where.problem(path, `expected ${expected}, found ${path.length === 0 && e.data == null ? "an empty document" : describe(e.data, e.keyword === "pattern")}${length}`));
      }
    }
  }
  return out;
}

export {
  locatedParse,
  configData,
  ALIASED_MAX,
  yamlLines,
  configLocator
};
