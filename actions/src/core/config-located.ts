// ferry.yaml's reference reading: `yaml` with positions, so that every problem is reported with
// file, line, column and field. config.ts reads a valid config without it (js-yaml, faster) and
// comes here only when that read or a check fails; a command that only reads a valid config
// (audit, history, status) never loads `yaml` for it.
import type { ErrorObject } from 'ajv';
import { LineCounter, isAlias, isMap, isNode, isPair, isScalar, isSeq, parseDocument, visit, type Alias, type Document, type Node, type YAMLError } from 'yaml';
import {
  PIN_KEYS, Problems, REGISTRY, REPOSITORY, WORKLOAD_KINDS, checkSemantics, fieldOf, isRecord, validateSchema,
  type FerryConfig, type Json, type Locate, type Path, type ReadOptions,
} from './config.js';
import { ConfigurationError, quote, quoteAscii, type Problem } from './errors.js';
import { DNS_LABEL } from './manifest-path.js';

/** The reference path: `yaml` with positions. parseConfig's fallback; validate's salvage and the tests call it directly. */
export function locatedParse(text: string, file: string, options: ReadOptions = {}): FerryConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlLines(text), { lineCounter, prettyErrors: false, uniqueKeys: true });
  const where = new Locator(doc, lineCounter, file);
  if (doc.errors.length) throw new ConfigurationError(doc.errors.map((e) => where.syntaxProblem(e)));

  let data: unknown;
  try {
    data = configData(doc, lineCounter, file);
  } catch (err) {
    if (err instanceof ConfigurationError) throw err;
    throw new ConfigurationError({ file, line: 1, column: 1, message: `cannot read the YAML: ${(err as Error).message}` });
  }

  const problems = new Problems(where);
  for (const p of schemaProblems(validateSchema(data), data, where)) problems.push(p);
  const config = checkSemantics(data, file, problems, options);
  if (problems.list.length || !config) throw new ConfigurationError(problems.sorted());
  return config;
}

/** ferry.yaml's document as plain data, its aliases expanded; refused, at the alias, when they bring in too much (aliasBomb). */
export function configData(doc: Document.Parsed, lineCounter: LineCounter, file: string): unknown {
  const bomb = aliasBomb(doc);
  if (bomb) {
    const { line, col } = lineCounter.linePos(bomb.range?.[0] ?? 0);
    throw new ConfigurationError({ file, line, column: col, message: `cannot read the YAML: with this alias (*${bomb.source}), its aliases bring in more than ${ALIASED_MAX.toLocaleString('en-US')} values, far beyond what its text holds: a document that expands so is refused as a resource exhaustion attack` });
  }
  // (yaml's own bound stays behind aliasBomb(), far above it: its count, per anchor, of the
  // aliases resolved times those the anchored node holds, can count an alias used elsewhere too.)
  return doc.toJS({ maxAliasCount: 100 * ALIASED_MAX });
}

/**
 * The most values (scalars, mappings, lists) ferry.yaml's aliases may bring in, all together: an
 * alias brings in the whole node it names, and those its own aliases bring in. 5,000 apps sharing a
 * `helm: &h { digest: image.digest, tag: image.tag }` bring in 25,000; ten lines of lists of ten
 * aliases each of the line before (a "billion laughs") bring in a billion.
 */
export const ALIASED_MAX = 1_000_000;

/**
 * The alias at which the values ferry.yaml's aliases bring in pass ALIASED_MAX, in the order of the
 * text, or undefined when they do not. Counted on the document's nodes (what each node holds,
 * once per node), never expanded: linear in the text, whatever the expansion. An alias of a node it
 * is inside (`&e [*e]`) brings in nothing new: the value refers to itself, as toJS() makes it.
 */
function aliasBomb(doc: Document.Parsed): Alias | undefined {
  // Which node each alias names: the last anchor of its name before it (YAML 1.2, 7.1).
  const named = new Map<string, Node>();
  const sources = new Map<Alias, Node | undefined>();
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) sources.set(node, named.get(node.source));
      else if (node.anchor) named.set(node.anchor, node);
    },
  });
  if (sources.size === 0) return undefined;
  const sizes = new Map<Node, number>();
  const counting = new Set<Node>();
  /** The values `node` holds, the aliases in it expanded. */
  const size = (node: unknown): number => {
    if (isAlias(node)) {
      const source = sources.get(node);
      return source === undefined || counting.has(source) ? 1 : size(source);
    }
    if (!isMap(node) && !isSeq(node)) return 1;
    let n = sizes.get(node);
    if (n === undefined) {
      counting.add(node);
      n = 1;
      for (const item of node.items as unknown[]) n += isPair(item) ? size(item.key) + size(item.value) : size(item);
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
  return undefined;
}

/**
 * `text` with each lone CR (old Mac line endings) made an LF: a line break in YAML (1.2, 5.4), as
 * js-yaml (parseConfig's quick path) reads it, where `yaml` would read the whole file as one line.
 * The same length, so every offset, line and column is the file's; CRLF stays as it is.
 */
export function yamlLines(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** Where a node of ferry.yaml is (its line and column), by its path, or with `key`, a key's in the mapping there; undefined when it cannot be told. */
export type ConfigLocate = (path: readonly (string | number)[], key?: string) => { line: number; column: number } | undefined;

/**
 * A ConfigLocate over `text`, ferry.yaml as read (undefined: it could not be), parsed once, when
 * first asked: for a problem found after a valid ferry.yaml was read (validate's warnings, an
 * analysis template it names that is not there), located at the value in ferry.yaml.
 */
export function configLocator(text: string | undefined): ConfigLocate {
  let parsed: { doc: ReturnType<typeof parseDocument>; lines: LineCounter } | undefined;
  return (path, key) => {
    if (text === undefined) return undefined;
    if (!parsed) {
      const lines = new LineCounter();
      parsed = { doc: parseDocument(yamlLines(text), { uniqueKeys: false, lineCounter: lines }), lines };
    }
    let node = parsed.doc.getIn(path, true) as unknown;
    if (key !== undefined) node = isMap(node) ? node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key)?.key : undefined;
    const range = (node as { range?: number[] } | undefined)?.range;
    if (!range) return undefined;
    const { line, col } = parsed.lines.linePos(range[0]!);
    return { line, column: col };
  };
}

const DURATION = 'a duration like 45s, 30m, 2h, 1h30m or 1d';
const DOTTED_PATH = 'a dotted path into the values file, like image.digest';

/** What each field holds, in words, for "expected …, found …" (`[]` stands for any index). */
const EXPECTED: Record<string, string> = {
  '': 'a mapping with keys registry, environments, apps and optionally prometheus',
  prometheus: 'a mapping with address and optionally bearerTokenEnv and sigv4',
  'prometheus.address': 'an http:// or https:// URL of Prometheus, as this runner reaches it',
  'prometheus.bearerTokenEnv': "the name of an environment variable that starts with PROMETHEUS_, like PROMETHEUS_TOKEN (the token is sent to prometheus.address: ferry.yaml may name only a variable meant for Prometheus, never one holding the runner's, git's or Ferry's credentials, such as GITHUB_TOKEN, ACTIONS_RUNTIME_TOKEN, GIT_CONFIG_VALUE_0 or AWS_SECRET_ACCESS_KEY)",
  'prometheus.sigv4': 'a mapping like { region: eu-central-1 }',
  'prometheus.sigv4.region': 'an AWS region, like eu-central-1',
  registry: REGISTRY,
  environments: 'a non-empty list of environments',
  'environments[]': 'a mapping with name and optionally promoteFrom and gates',
  'environments[].name': DNS_LABEL,
  'environments[].promoteFrom': `the name of another environment, ${DNS_LABEL}`,
  'environments[].gates': 'a mapping with soak, analysis, compare, approvals and freeze (each optional)',
  'environments[].gates.compare': 'a mapping with metrics and optionally baseline, window, pass and marginal',
  'environments[].gates.compare.baseline': 'target or previous',
  'environments[].gates.compare.window': DURATION,
  'environments[].gates.compare.pass': 'a score from 0 to 100',
  'environments[].gates.compare.marginal': 'a score from 0 to 100, at most pass',
  'environments[].gates.compare.metrics': 'a non-empty list of metrics to compare',
  'environments[].gates.compare.metrics[]': 'a mapping with template, metric and direction, and optionally confidence, effectSize, weight and critical',
  'environments[].gates.compare.metrics[].template': `the name of an analysis template, ${DNS_LABEL}`,
  'environments[].gates.compare.metrics[].metric': "the name of one of the template's metrics",
  'environments[].gates.compare.metrics[].direction': 'increase, decrease or either (the change that is bad)',
  'environments[].gates.compare.metrics[].confidence': 'a number between 0 and 1, like 0.95',
  'environments[].gates.compare.metrics[].effectSize': 'a relative change of 0 or more, like 0.1 for 10%',
  'environments[].gates.compare.metrics[].weight': 'a number above 0',
  'environments[].gates.compare.metrics[].critical': 'true or false',
  'environments[].gates.soak': DURATION,
  'environments[].gates.analysis': 'a list of analysis template names',
  'environments[].gates.analysis[]': `the name of an analysis template, ${DNS_LABEL}`,
  'environments[].gates.approvals': 'a whole number of approvals, 0 or more',
  'environments[].gates.freeze': 'a list of freeze windows',
  'environments[].gates.freeze[]': 'a mapping with from, to and timezone',
  'environments[].gates.freeze[].from': "a weekly time like 'Fri 16:00' or a date like '2026-12-20' or '2026-12-20 18:00'",
  'environments[].gates.freeze[].to': "a weekly time like 'Mon 08:00' or a date like '2027-01-02' or '2027-01-02 08:00'",
  'environments[].gates.freeze[].timezone': 'an IANA time zone, like Europe/Berlin or UTC',
  apps: 'a list of apps (apps: [] when there are none yet)',
  'apps[]': 'a mapping with name, image and manifest',
  'apps[].name': DNS_LABEL,
  'apps[].image': REPOSITORY,
  'apps[].registry': REGISTRY,
  'apps[].manifest': 'a path template like "{env}/user-service/kustomization.yaml"',
  'apps[].kustomize': 'a mapping like { name: user-service }',
  'apps[].kustomize.name': 'the name of an images: entry',
  'apps[].helm': 'a mapping like { digest: image.digest, tag: image.tag }',
  'apps[].helm.digest': DOTTED_PATH,
  'apps[].helm.tag': DOTTED_PATH,
  'apps[].helm.repository': DOTTED_PATH,
  'apps[].container': 'a mapping like { name: app, kind: Deployment }',
  'apps[].container.name': `the container's name, ${DNS_LABEL}`,
  'apps[].container.resource': "the workload's name",
  'apps[].container.kind': `one of ${WORKLOAD_KINDS.join(', ')}`,
};

// ---------------------------------------------------------------------------------------------
// Locations

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

/** Finds the YAML node behind a field path, for line and column. */
class Locator implements Locate {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    readonly file: string,
  ) {}

  /** The problem at `path` (at its key `key` when given: unknown and duplicate keys). */
  problem(path: Path, message: string, key?: string): Problem {
    const { line, column } = this.position(path, key);
    const field = fieldOf(path);
    return field ? { file: this.file, line, column, field, message } : { file: this.file, line, column, message };
  }

  syntaxProblem(err: YAMLError): Problem {
    // An unclosed quote is reported where the parser gave up (often lines later); the quoted
    // value that runs to there starts at the quote that opens it.
    const opened = err.code === 'MISSING_CHAR' && /^Missing closing ["']quote/.test(err.message) ? this.quotedScalarEndingAt(err.pos[0]) : undefined;
    if (opened !== undefined) {
      const { line, column } = this.offsetPosition(opened);
      return { file: this.file, line, column, message: `${err.message} for the value that starts here` };
    }
    const { line, column } = this.offsetPosition(err.pos[0]);
    if (err.code === 'DUPLICATE_KEY') {
      const found = this.keyAt(this.doc.contents, [], err.pos[0]);
      if (found) {
        const message = `duplicate key ${quote(found.key)} (a key may appear once in a mapping)`;
        const field = fieldOf(found.parent);
        return field ? { file: this.file, line, column, field, message } : { file: this.file, line, column, message };
      }
    }
    const message = err.code === 'MULTIPLE_DOCS' ? 'expected one YAML document, found more (a "---" line starts another)' : err.message;
    return { file: this.file, line, column, message };
  }

  /** Where the quoted scalar whose text runs to `offset` starts (its opening quote). */
  private quotedScalarEndingAt(offset: number): number | undefined {
    let start: number | undefined;
    visit(this.doc, {
      Scalar: (_key, node) => {
        if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && node.range?.[1] === offset) {
          start = node.range[0];
          return visit.BREAK;
        }
        return undefined;
      },
    });
    return start;
  }

  private position(path: Path, key?: string): { line: number; column: number } {
    const { node, keyNode, complete } = this.find(path);
    let at: unknown = node;
    if (complete && key !== undefined && isMap(node)) {
      at = node.items.find((p) => keyText(p.key) === key)?.key ?? node;
    } else if (complete && keyNode !== undefined && (node === null || node === undefined || (isScalar(node) && node.value === null && node.range?.[0] === node.range?.[1]))) {
      at = keyNode; // an empty value: point at its key
    }
    const range = isNode(at) ? at.range : undefined;
    return range ? this.offsetPosition(range[0]) : { line: 1, column: 1 };
  }

  private offsetPosition(offset: number): { line: number; column: number } {
    const { line, col } = this.lines.linePos(offset);
    return line === 0 ? { line: 1, column: offset + 1 } : { line, column: col };
  }

  private find(path: Path): { node: unknown; keyNode: unknown; complete: boolean } {
    let node = this.deref(this.doc.contents);
    let keyNode: unknown;
    for (const seg of path) {
      if (typeof seg === 'number' && isSeq(node) && seg < node.items.length) {
        node = this.deref(node.items[seg]);
        keyNode = undefined;
      } else if (typeof seg === 'string' && isMap(node)) {
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

  private deref(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }

  private keyAt(node: unknown, path: Path, offset: number): { parent: Path; key: string } | undefined {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isNode(pair.key) && pair.key.range?.[0] === offset) return { parent: path, key: keyText(pair.key) };
        const found = this.keyAt(pair.value, [...path, keyText(pair.key)], offset);
        if (found) return found;
      }
    } else if (isSeq(node)) {
      for (const [i, item] of node.items.entries()) {
        const found = this.keyAt(item, [...path, i], offset);
        if (found) return found;
      }
    }
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Schema errors, in sentences

/** A value found where ajv expected another (`ascii`: a value the schema allows in ASCII only, a pattern's). */
function describe(value: unknown, ascii = false): string {
  if (value === null || value === undefined) return 'an empty value';
  if (typeof value === 'string') return ascii ? quoteAscii(value) : quote(value);
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (Array.isArray(value)) return value.length ? 'a list' : 'an empty list';
  return 'a mapping';
}

function toPath(pointer: string, data: unknown): (string | number)[] {
  const path: (string | number)[] = [];
  let cur = data;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(cur)) {
      path.push(Number(seg));
      cur = cur[Number(seg)];
    } else {
      path.push(seg);
      cur = isRecord(cur) ? cur[seg] : undefined;
    }
  }
  return path;
}


function schemaProblems(errors: ErrorObject[], data: unknown, where: Locator): Problem[] {
  // ajv reports every branch of a failed anyOf / oneOf; the composite's own error says it all.
  const composites = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const kept = errors.filter((e) => !composites.some((c) => c !== e && e.schemaPath.startsWith(`${c.schemaPath}/`) && e.instancePath.startsWith(c.instancePath)));

  const out: Problem[] = [];
  const valueReported = new Set<string>();
  for (const e of kept) {
    const path = toPath(e.instancePath, data);
    switch (e.keyword) {
      case 'required': {
        const missing = String(e.params.missingProperty);
        const required = (e.schema as string[]).join(', ');
        out.push(where.problem(path, `missing required key ${quote(missing)} (required: ${required})`));
        break;
      }
      case 'additionalProperties': {
        const key = String(e.params.additionalProperty);
        const known = Object.keys((e.parentSchema?.properties ?? {}) as Json).join(', ');
        out.push(where.problem(path, `unknown key ${quote(key)} (expected one of ${known})`, key));
        break;
      }
      case 'uniqueItems': {
        const i = Number(e.params.i);
        const j = Number(e.params.j);
        const list = Array.isArray(e.data) ? e.data : [];
        out.push(where.problem([...path, Math.max(i, j)], `${quote(list[Math.max(i, j)])} is listed twice (also at [${Math.min(i, j)}])`));
        break;
      }
      case 'not': {
        // The only `not` in the schema: at most one pin key per app. An app that is not a
        // mapping satisfies no `required`, so fails `not` too: its type error says it all.
        if (!isRecord(e.data)) break;
        const present = PIN_KEYS.filter((k) => isRecord(e.data) && k in e.data);
        out.push(where.problem(path, `set at most one of kustomize, helm and container, found ${present.join(' and ')}`, present[1]));
        break;
      }
      default: {
        // type, pattern, maxLength, minLength, minimum, enum, minItems, anyOf, oneOf: one sentence per value.
        const field = fieldOf(path);
        if (valueReported.has(field)) break;
        valueReported.add(field);
        const expected = EXPECTED[fieldOf(path, true)] ?? (typeof e.parentSchema?.description === 'string' ? e.parentSchema.description : e.message ?? 'something else');
        const length = e.keyword === 'maxLength' && typeof e.data === 'string' ? ` (${e.data.length} characters)` : '';
        out.push(where.problem(path, `expected ${expected}, found ${path.length === 0 && e.data == null ? 'an empty document' : describe(e.data, e.keyword === 'pattern')}${length}`));
      }
    }
  }
  return out;
}
