// Argo Rollouts analysis templates (`AnalysisTemplate`, `ClusterAnalysisTemplate`,
// argoproj.io/v1alpha1), read unchanged from the environment repository's analysis/ directory and
// resolved into a run that analysis-run.ts measures against Prometheus.
//
// Ferry reads the same files Argo Rollouts runs in the cluster, with Argo's meaning wherever Ferry
// can keep it (docs/features/analysis.md and docs/analysis/prometheus.md of argoproj/argo-rollouts;
// analysis/analysis.go for the phases). A promotion gate must not pass a version nobody measured,
// so Ferry refuses, at load, templates that Argo would let pass without evidence. Each difference:
//
// - A metric with neither successCondition nor failureCondition is refused: Argo counts every
//   measurement of it Successful (utils/evaluate EvaluateResult).
// - A metric with only a failureCondition is refused unless the template opts in with the
//   annotation `ferry.dev/allow-failure-condition-only: "true"` (Argo ignores annotations, so the
//   file still runs unchanged there). Without a success condition, anything the failure condition
//   does not catch passes, a query that matches nothing included.
// - `interval` without `count` is refused: Argo then measures until the Rollout stops the run, but
//   a promotion gate must end. `count` above 1 without `interval` is refused, as Argo refuses it.
// - failureLimit + inconclusiveLimit must be below count: otherwise every measurement could be
//   Failed or Inconclusive and the metric would still end Successful (Argo passes `count: 3,
//   failureLimit: 3` when all three measurements fail). Negative limits are refused.
// - A run in which every metric is dry-run is refused (nothing would decide), and so is a dryRun
//   rule that matches no metric (a misspelt name would silently make a metric decide, or not).
//   A rule is a regular expression matched against the whole metric name, so a rule makes no more
//   metrics dry-run than it names.
// - `consecutiveSuccessLimit` (and the `failureLimit: -1` that goes with it) is not supported:
//   use count and failureLimit.
// - Only the prometheus provider runs. Other providers, `authentication.oauth2` / `basicAuth`,
//   `caCert` and `insecure: true` (Ferry always verifies TLS) are refused, naming the field.
// - `authentication.sigv4.profile` and `roleArn` are accepted and ignored: they name credentials in
//   the cluster; Ferry signs with the runner's AWS credentials (the environment's OIDC role).
// - `measurementRetention` is accepted and ignored: Argo keeps the last ten measurements of an
//   unbounded run; a Ferry run is bounded by count and keeps all of them.
// - Args: `valueFrom.secretKeyRef {name, key}` is read from the environment variable
//   FERRY_SECRET_<NAME>_<KEY> (upper case, every other character `_`) instead of a Kubernetes
//   Secret, and the value is masked everywhere Ferry reports. A secret arg placed in the query whose
//   value holds the quote of the string literal it is placed in (any quote, outside one), a
//   backslash or a line break is refused, naming the arg, never the value: it cannot sit there
//   unescaped, and Prometheus would quote the part it then read as PromQL in its error, which
//   masking (whole values only) cannot hide. `valueFrom.fieldRef` (a Rollout's own
//   fields) is refused: there is no Rollout. Ferry supplies the args in FERRY_ARGS that a template
//   declares; any other declared arg needs a default `value`.
// - Placeholders: only `{{args.<name>}}` (spaces allowed inside the braces) naming a declared arg;
//   anything else between `{{` and `}}` is refused at load instead of being sent to Prometheus.
// - `prometheusAddress` (resolveAnalysis option) replaces every metric's address: a runner cannot
//   reach the cluster-internal one the template names for Argo.
// - A rangeQuery's start and end are evaluated at every measurement (as Argo does); resolveAnalysis
//   evaluates them once more at load time to check them.
import { maskSecrets, rememberSecret, secretForms, urlCredentials } from './redact.js';
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Scalar } from 'yaml';
import { ExpressionError, evaluateTimeExpression, parseCondition, parseGoDuration, parseTimeExpression, readsResult, type Expression } from './analysis-expr.js';
import { ConfigurationError, quote, type Problem } from './errors.js';

/** A condition that never names `result` is true or false whatever Prometheus answers: no evidence (as a metric with no condition). */
const UNREAD_CONDITION = 'the condition does not read result, so it is true or false whatever Prometheus answers; compare result with what the metric must show, as in result[0] >= 0.95';

/**
 * The args Ferry supplies, by name, when a template declares them (and only then):
 * - app: the app's name in ferry.yaml;
 * - env: the environment whose metrics the analysis reads;
 * - image: the full reference of the version being promoted (registry/repository:tag@digest);
 * - tag, digest: its tag and its digest (sha256:…);
 * - previous-image, previous-tag, previous-digest: the same of the version it replaces, when
 *   there is one (a template that declares them without a default cannot run a first promotion).
 */
export const FERRY_ARGS = ['app', 'env', 'image', 'tag', 'digest', 'previous-image', 'previous-tag', 'previous-digest'] as const;
export type FerryArg = (typeof FERRY_ARGS)[number];

/** Annotation by which a template allows metrics with a failureCondition and no successCondition. */
export const ALLOW_FAILURE_CONDITION_ONLY = 'ferry.dev/allow-failure-condition-only';
const FERRY_ANNOTATIONS = [ALLOW_FAILURE_CONDITION_ONLY];

/** Argo's defaults (analysis/analysis.go). */
export const DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;
/** How soon a measurement that errored is retried when the metric has no interval (Argo: 10 s). */
export const ERROR_RETRY_INTERVAL_MS = 10_000;
/** Prometheus refuses range queries of more points per series than this. */
const MAX_RANGE_POINTS = 11_000;
/**
 * The longest wait a Node timer takes (2^31 - 1 ms, 24d20h31m23.647s): a longer one fires after
 * 1 ms (TimeoutOverflowWarning), so a timeout, interval or initialDelay beyond it is refused.
 */
const MAX_TIMER_MS = 2_147_483_647;
/** The longest `timeout`, in whole seconds, that fits a Node timer. */
const MAX_TIMEOUT_S = Math.floor(MAX_TIMER_MS / 1000);

export type TemplateKind = 'AnalysisTemplate' | 'ClusterAnalysisTemplate';

/** Where a value was written: file, 1-based line and column, and the field path. */
export interface Where {
  file: string;
  line: number;
  column: number;
  field: string;
}

/** A value as written (a number as its source text), placeholders not yet substituted. */
export interface Located {
  text: string;
  at: Where;
}

export interface TemplateArg {
  name: string;
  /** The default, `value:`. */
  value?: string;
  /** `valueFrom.secretKeyRef`: read from FERRY_SECRET_<NAME>_<KEY>. */
  secretKeyRef?: { name: string; key: string };
  at: Where;
}

export interface TemplatePrometheus {
  address?: Located;
  query: Located;
  /** Seconds. */
  timeout?: Located;
  headers: { key: Located; value: Located }[];
  sigv4?: { region: Located };
  rangeQuery?: { start: Located; end: Located; step: Located };
}

export interface TemplateMetric {
  name: string;
  at: Where;
  dryRun: boolean;
  prometheus: TemplatePrometheus;
  successCondition?: Located;
  failureCondition?: Located;
  interval?: Located;
  initialDelay?: Located;
  count?: Located;
  failureLimit?: Located;
  inconclusiveLimit?: Located;
  consecutiveErrorLimit?: Located;
}

export interface AnalysisTemplate {
  file: string;
  kind: TemplateKind;
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  args: TemplateArg[];
  metrics: TemplateMetric[];
  /** The template carries `ferry.dev/allow-failure-condition-only: "true"`. */
  allowFailureConditionOnly: boolean;
  /** Fields Ferry accepted without acting on them, and why. */
  ignored: { field: string; reason: string }[];
  at: Where;
}

export interface ResolvedCondition {
  /** The condition after substitution (may hold a secret: mask before showing). */
  text: string;
  expression: Expression;
}

export interface ResolvedMetric {
  name: string;
  dryRun: boolean;
  address: string;
  query: string;
  timeoutMs?: number;
  headers: Record<string, string>;
  bearerToken?: string;
  sigv4?: { region: string };
  /** start and end are evaluated at each measurement; `range` is their value at resolve time. */
  rangeQuery?: { start: Expression; end: Expression; stepSeconds: number };
  range?: { startMs: number; endMs: number; stepSeconds: number };
  successCondition?: ResolvedCondition;
  failureCondition?: ResolvedCondition;
  /** Between measurements; absent when count is 1. */
  intervalMs?: number;
  initialDelayMs: number;
  count: number;
  failureLimit: number;
  inconclusiveLimit: number;
  consecutiveErrorLimit: number;
}

export interface ResolvedAnalysis {
  template: string;
  file: string;
  metrics: ResolvedMetric[];
  /** Values that must never be shown (secret args, the bearer token): mask them in any output. */
  secrets: string[];
}

export interface ResolveOptions {
  env: Record<string, string | undefined>;
  /** Replaces every metric's address (a runner cannot reach the in-cluster one). */
  prometheusAddress?: string;
  /** Where prometheusAddress was given, as its problems name it: `--prometheus` (the default), or ferry.yaml's field. */
  prometheusAddressAt?: { file?: string; field: string };
  /** Name of an environment variable holding a bearer token for Prometheus. */
  bearerTokenEnv?: string;
  /** SigV4 signing for metrics whose template does not ask for it (ferry.yaml's prometheus.sigv4). */
  sigv4?: { region: string };
  nowMs: number;
  /**
   * Who gives the args: Ferry, in a promotion (the args in FERRY_ARGS; the default), or the
   * caller with `--arg` (`ferry analyze`, where Ferry supplies none). An arg with no value is told
   * the remedy that fits.
   */
  argsFrom?: 'promotion' | '--arg';
}

// ---------------------------------------------------------------------------------------------
// Loading

const API_VERSION = 'argoproj.io/v1alpha1';
const KINDS: readonly TemplateKind[] = ['AnalysisTemplate', 'ClusterAnalysisTemplate'];
const ARGO_PROVIDERS = ['web', 'job', 'datadog', 'newRelic', 'wavefront', 'kayenta', 'cloudWatch', 'graphite', 'influxdb', 'skywalking', 'plugin'];
const dnsSubdomainRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const dnsLabelRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Parses every template of a file (documents separated by `---`; empty documents are skipped). */
export function parseAnalysisTemplates(text: string, file: string): AnalysisTemplate[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems = new Problems(file, lines);
  for (const doc of docs) {
    for (const e of doc.errors) problems.at(e.pos[0], undefined, e.code === 'DUPLICATE_KEY' ? 'duplicate key (a key may appear once in a mapping)' : `cannot read the YAML: ${e.message.split('\n')[0]}`);
  }
  problems.throwIfAny();

  const templates: AnalysisTemplate[] = [];
  const seen = new Map<string, Where>();
  for (const doc of docs) {
    const root = doc.contents;
    if (root === null || (isScalar(root) && root.value === null)) continue; // an empty document
    const template = new TemplateReader(doc, text, problems).read();
    if (!template) continue;
    const first = seen.get(template.name);
    if (first) problems.add(template.at, `two templates named ${quote(template.name)} in one file (the first at line ${first.line})`);
    else seen.set(template.name, template.at);
    templates.push(template);
  }
  problems.throwIfAny();
  if (templates.length === 0) throw new ConfigurationError({ file, line: 1, column: 1, message: 'expected an AnalysisTemplate or ClusterAnalysisTemplate, found an empty file' });
  return templates;
}

/**
 * Parses the template of a one-template file, or the template named `name` of a file with several.
 * Throws one ConfigurationError listing every problem, each with file, line, column and field.
 */
export function parseAnalysisTemplate(text: string, file: string, name?: string): AnalysisTemplate {
  const all = parseAnalysisTemplates(text, file);
  if (name === undefined) {
    if (all.length === 1) return all[0]!;
    throw new ConfigurationError({ file, line: all[1]!.at.line, column: all[1]!.at.column, message: `expected one template, found ${all.length} (${all.map((t) => t.name).join(', ')}); name the one to run` });
  }
  const found = all.find((t) => t.name === name);
  if (found) return found;
  throw new ConfigurationError({ file, line: 1, column: 1, message: `no template named ${quote(name)} (templates: ${all.map((t) => t.name).join(', ')})` });
}

/** The problems found so far, located. */
class Problems {
  readonly list: Problem[] = [];
  constructor(
    readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  position(offset: number): { line: number; column: number } {
    const { line, col } = this.lines.linePos(offset);
    return line === 0 ? { line: 1, column: offset + 1 } : { line, column: col };
  }

  at(offset: number, field: string | undefined, message: string): void {
    const { line, column } = this.position(offset);
    this.list.push(field ? { file: this.file, line, column, field, message } : { file: this.file, line, column, message });
  }

  add(where: Where, message: string): void {
    this.list.push(where.field ? { ...where, message } : { file: where.file, line: where.line, column: where.column, message });
  }

  throwIfAny(): void {
    if (!this.list.length) return;
    const sorted = this.list
      .map((p, i) => ({ p, i }))
      .sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || (a.p.column ?? 0) - (b.p.column ?? 0) || a.i - b.i)
      .map(({ p }) => p);
    throw new ConfigurationError(sorted);
  }
}

/** The pairs of a mapping by key, and the mapping's node (for locating a missing key). */
type Entries = Map<string, { key: unknown; value: unknown }> & { node?: unknown };

function describe(node: unknown): string {
  if (node === null || node === undefined) return 'an empty value';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return node.items.length ? 'a list' : 'an empty list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'an empty value';
    if (typeof v === 'string') return quote(v);
    if (typeof v === 'number') return `the number ${v}`;
    if (typeof v === 'boolean') return `the boolean ${v}`;
  }
  return 'something else';
}

class TemplateReader {
  private readonly problems: Problems;
  private readonly file: string;
  private readonly ignored: { field: string; reason: string }[] = [];
  private before = 0;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly source: string,
    problems: Problems,
  ) {
    this.problems = problems;
    this.file = problems.file;
  }

  read(): AnalysisTemplate | undefined {
    this.before = this.problems.list.length;
    const root = this.map(this.doc.contents, '', undefined, 'a mapping with apiVersion, kind, metadata and spec');
    if (!root) return undefined;
    this.only(root, '', { apiVersion: null, kind: null, metadata: null, spec: null }, {
      status: 'a template has no status (is this an AnalysisRun exported from a cluster?)',
    });
    const apiVersion = this.string(root, 'apiVersion', '', true);
    if (apiVersion && apiVersion.text !== API_VERSION) this.problems.add(apiVersion.at, `expected ${API_VERSION}, found ${quote(apiVersion.text)}`);
    const kind = this.string(root, 'kind', '', true);
    if (kind && !(KINDS as readonly string[]).includes(kind.text)) {
      const hint = kind.text === 'AnalysisRun' ? ' (Ferry runs templates; Argo creates AnalysisRuns from them)' : '';
      this.problems.add(kind.at, `expected AnalysisTemplate or ClusterAnalysisTemplate, found ${quote(kind.text)}${hint}`);
    }
    const meta = this.metadata(root);
    const specEntry = root.get('spec');
    if (!specEntry) this.missing(this.doc.contents, '', 'spec');
    const spec = specEntry ? this.map(specEntry.value, 'spec', specEntry.key, 'a mapping with metrics and optionally args, dryRun and measurementRetention') : undefined;

    let args: TemplateArg[] = [];
    let metrics: TemplateMetric[] = [];
    if (spec) {
      this.only(spec, 'spec', { args: null, metrics: null, dryRun: null, measurementRetention: null }, {
        templates: 'Ferry does not support templates that include other templates (spec.templates); list the metrics in this template',
      });
      args = this.args(spec);
      metrics = this.metrics(spec, meta?.allowFailureConditionOnly ?? false);
      this.dryRun(spec, metrics);
      this.measurementRetention(spec);
      this.checkPlaceholders(args, metrics);
    }
    if (this.problems.list.length > this.before || !meta || !kind || !apiVersion) return undefined;
    return {
      file: this.file,
      kind: kind.text as TemplateKind,
      name: meta.name,
      ...(meta.namespace !== undefined ? { namespace: meta.namespace } : {}),
      labels: meta.labels,
      annotations: meta.annotations,
      args,
      metrics,
      allowFailureConditionOnly: meta.allowFailureConditionOnly,
      ignored: this.ignored,
      at: this.where(this.doc.contents, ''),
    };
  }

  // --- locations --------------------------------------------------------------------------

  private deref(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }

  private where(node: unknown, field: string, key?: unknown): Where {
    const n = this.deref(node);
    const empty = n === null || n === undefined || (isScalar(n) && n.value === null && n.range?.[0] === n.range?.[1]);
    const at = empty && key !== undefined ? key : n;
    const range = (at as { range?: [number, number, number] } | null)?.range;
    const { line, column } = range ? this.problems.position(range[0]) : { line: 1, column: 1 };
    return { file: this.file, line, column, field };
  }

  private fail(node: unknown, field: string, message: string, key?: unknown): void {
    this.problems.add(this.where(node, field, key), message);
  }

  private missing(parent: unknown, field: string, key: string): void {
    this.fail(parent, field, `missing required key ${quote(key)}`);
  }

  // --- shapes -----------------------------------------------------------------------------

  private map(node: unknown, field: string, key: unknown, expected: string): Entries | undefined {
    const n = this.deref(node);
    if (!isMap(n)) {
      this.fail(n, field, `expected ${expected}, found ${describe(n)}`, key);
      return undefined;
    }
    const out: Entries = new Map();
    out.node = n;
    for (const pair of n.items) {
      const k = this.deref(pair.key);
      if (!isScalar(k) || typeof k.value !== 'string') {
        this.fail(k, field, `expected a text key, found ${describe(k)}`);
        continue;
      }
      out.set(k.value, { key: k, value: pair.value });
    }
    return out;
  }

  private list(node: unknown, field: string, key: unknown, expected: string): unknown[] | undefined {
    const n = this.deref(node);
    if (!isSeq(n)) {
      this.fail(n, field, `expected ${expected}, found ${describe(n)}`, key);
      return undefined;
    }
    return n.items.map((i) => this.deref(i));
  }

  /** Refuses keys other than `known`; `refused` gives the reason for keys Argo knows and Ferry does not run. */
  private only(entries: Entries, field: string, known: Record<string, null>, refused: Record<string, string> = {}): void {
    for (const [k, { key }] of entries) {
      if (k in known) continue;
      const path = field ? `${field}.${k}` : k;
      const reason = refused[k];
      if (reason) this.fail(key, path, reason);
      else this.fail(key, path, `Ferry does not support ${quote(k)} here (supported: ${Object.keys(known).join(', ')})`);
    }
  }

  /** A scalar as text: strings as they are, numbers and booleans as written in the file. */
  private scalarText(node: unknown): string | undefined {
    const n = this.deref(node) as Scalar | undefined;
    if (!isScalar(n)) return undefined;
    if (typeof n.value === 'string') return n.value;
    if ((typeof n.value === 'number' || typeof n.value === 'bigint' || typeof n.value === 'boolean') && n.range) return this.source.slice(n.range[0], n.range[1]).trim();
    return undefined;
  }

  /** A text value (`what` says what it should hold); numbers are refused unless `numbersOk`. */
  private string(entries: Entries, k: string, parent: string, required: boolean, what = 'a text value', numbersOk = false): Located | undefined {
    const field = parent ? `${parent}.${k}` : k;
    const e = entries.get(k);
    if (!e) {
      if (required) this.fail(this.parentNode(entries), parent, `missing required key ${quote(k)}`);
      return undefined;
    }
    const n = this.deref(e.value);
    const ok = isScalar(n) && (typeof n.value === 'string' || (numbersOk && typeof n.value === 'number'));
    const text = ok ? this.scalarText(n) : undefined;
    if (text === undefined || (required && text.trim() === '')) {
      this.fail(n, field, `expected ${what}, found ${describe(n)}`, e.key);
      return undefined;
    }
    return { text, at: this.where(n, field, e.key) };
  }

  /** A whole number or a text (an `{{args.…}}` placeholder), as Argo's int-or-string fields. */
  private intOrString(entries: Entries, k: string, parent: string): Located | undefined {
    return this.string(entries, k, parent, false, 'a whole number (or a text with an {{args.…}} placeholder)', true);
  }

  /** A plain YAML integer (Argo's int64 fields): a quoted number or a placeholder is refused. */
  private integer(entries: Entries, k: string, parent: string, what: string): Located | undefined {
    const field = parent ? `${parent}.${k}` : k;
    const e = entries.get(k);
    if (!e) return undefined;
    const n = this.deref(e.value);
    const text = isScalar(n) && (typeof n.value === 'number' || typeof n.value === 'bigint') ? this.scalarText(n) : undefined;
    if (text === undefined) {
      this.fail(n, field, `expected ${what}, found ${describe(n)}`, e.key);
      return undefined;
    }
    return { text, at: this.where(n, field, e.key) };
  }

  private parentNode(entries: Entries): unknown {
    return entries.node;
  }

  // --- metadata ---------------------------------------------------------------------------

  private metadata(root: Entries): { name: string; namespace?: string; labels: Record<string, string>; annotations: Record<string, string>; allowFailureConditionOnly: boolean } | undefined {
    const e = root.get('metadata');
    if (!e) {
      this.missing(this.doc.contents, '', 'metadata');
      return undefined;
    }
    const meta = this.map(e.value, 'metadata', e.key, 'a mapping with name and optionally namespace, labels and annotations');
    if (!meta) return undefined;
    this.only(meta, 'metadata', { name: null, namespace: null, labels: null, annotations: null });
    const name = this.string(meta, 'name', 'metadata', true, 'the template name');
    if (name && (name.text.length > 253 || !dnsSubdomainRe.test(name.text))) {
      this.problems.add(name.at, `expected a Kubernetes name (lowercase letters, digits, '-' and '.'), found ${quote(name.text)}`);
    }
    const namespace = this.string(meta, 'namespace', 'metadata', false, 'a namespace');
    if (namespace && !dnsLabelRe.test(namespace.text)) this.problems.add(namespace.at, `expected a namespace (a DNS label), found ${quote(namespace.text)}`);
    const labels = this.stringMap(meta, 'labels', 'metadata').values;
    const { values: annotations, nodes } = this.stringMap(meta, 'annotations', 'metadata');
    let allow = false;
    for (const [k, v] of Object.entries(annotations)) {
      if (!k.startsWith('ferry.dev/')) continue;
      const field = `metadata.annotations.${k}`;
      const node = nodes.get(k);
      if (!FERRY_ANNOTATIONS.includes(k)) this.fail(node?.key, field, `unknown Ferry annotation ${quote(k)} (Ferry reads ${FERRY_ANNOTATIONS.join(', ')})`);
      else if (v === 'true') allow = true;
      else if (v !== 'false') this.fail(node?.value, field, `expected "true" or "false", found ${quote(v)}`, node?.key);
    }
    if (!name) return undefined;
    return { name: name.text, ...(namespace ? { namespace: namespace.text } : {}), labels, annotations, allowFailureConditionOnly: allow };
  }

  private stringMap(entries: Entries, k: string, parent: string): { values: Record<string, string>; nodes: Entries } {
    const field = `${parent}.${k}`;
    const e = entries.get(k);
    const values: Record<string, string> = {};
    const m = e ? this.map(e.value, field, e.key, 'a mapping of names to text values') : undefined;
    if (!m) return { values, nodes: new Map() };
    for (const [name, { key, value }] of m) {
      const n = this.deref(value);
      if (isScalar(n) && typeof n.value === 'string') values[name] = n.value;
      else this.fail(n, `${field}.${name}`, `expected a text value (quote it: "…"), found ${describe(n)}`, key);
    }
    return { values, nodes: m };
  }

  // --- args -------------------------------------------------------------------------------

  private args(spec: Entries): TemplateArg[] {
    const e = spec.get('args');
    if (!e) return [];
    const items = this.list(e.value, 'spec.args', e.key, 'a list of args');
    if (!items) return [];
    const out: TemplateArg[] = [];
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const field = `spec.args[${i}]`;
      const m = this.map(item, field, undefined, 'a mapping with name and optionally value or valueFrom');
      if (!m) return;
      this.only(m, field, { name: null, value: null, valueFrom: null });
      const name = this.string(m, 'name', field, true, 'the arg name');
      if (!name) return;
      if (!/^[A-Za-z0-9_.-]+$/.test(name.text)) this.problems.add(name.at, `expected an arg name of letters, digits, '-', '_' and '.', found ${quote(name.text)}`);
      const first = seen.get(name.text);
      if (first !== undefined) this.problems.add(name.at, `arg ${quote(name.text)} is declared twice (also spec.args[${first}])`);
      else seen.set(name.text, i);
      const arg: TemplateArg = { name: name.text, at: this.where(item, field) };
      const valueEntry = m.get('value');
      if (valueEntry) {
        const n = this.deref(valueEntry.value);
        const text = isScalar(n) && n.value !== null ? this.scalarText(n) : undefined;
        if (text === undefined) this.fail(n, `${field}.value`, `expected a text value, found ${describe(n)}`, valueEntry.key);
        else arg.value = text;
      }
      const from = m.get('valueFrom');
      if (from) {
        if (valueEntry) this.fail(from.key, `${field}.valueFrom`, `arg ${quote(name.text)} has both value and valueFrom; give one`);
        const vf = this.map(from.value, `${field}.valueFrom`, from.key, 'a mapping with secretKeyRef');
        if (vf) {
          this.only(vf, `${field}.valueFrom`, { secretKeyRef: null }, {
            fieldRef: 'Ferry does not support valueFrom.fieldRef: it reads a field of the Rollout, and Ferry runs the template without one',
            podTemplateHashValue: 'Ferry does not support valueFrom.podTemplateHashValue: it names a ReplicaSet of the Rollout, and Ferry runs the template without one',
          });
          const ref = vf.get('secretKeyRef');
          if (!ref && vf.size === 0) this.fail(from.value, `${field}.valueFrom`, 'expected a mapping with secretKeyRef, found an empty mapping', from.key);
          if (ref) {
            const refField = `${field}.valueFrom.secretKeyRef`;
            const r = this.map(ref.value, refField, ref.key, 'a mapping with name and key');
            if (r) {
              this.only(r, refField, { name: null, key: null });
              const sName = this.string(r, 'name', refField, true, 'the Secret name');
              const sKey = this.string(r, 'key', refField, true, 'the key in the Secret');
              if (!r.has('name') || !r.has('key')) this.fail(ref.value, refField, `missing required key ${quote(!r.has('name') ? 'name' : 'key')} (required: name, key)`, ref.key);
              if (sName && sKey) arg.secretKeyRef = { name: sName.text, key: sKey.text };
            }
          }
        }
      }
      out.push(arg);
    });
    return out;
  }

  // --- metrics ----------------------------------------------------------------------------

  private metrics(spec: Entries, allowFailureOnly: boolean): TemplateMetric[] {
    const e = spec.get('metrics');
    if (!e) {
      this.missing(spec.node, 'spec', 'metrics');
      return [];
    }
    const items = this.list(e.value, 'spec.metrics', e.key, 'a non-empty list of metrics');
    if (!items) return [];
    if (items.length === 0) this.fail(e.value, 'spec.metrics', 'expected a non-empty list of metrics, found an empty list', e.key);
    const out: TemplateMetric[] = [];
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const read = this.metric(item, `spec.metrics[${i}]`, allowFailureOnly);
      if (!read) return;
      const { metric, nameAt } = read;
      const first = seen.get(metric.name);
      if (first !== undefined) this.problems.add(nameAt, `metric ${quote(metric.name)} is declared twice (also spec.metrics[${first}])`);
      else seen.set(metric.name, i);
      out.push(metric);
    });
    return out;
  }

  private metric(item: unknown, field: string, allowFailureOnly: boolean): { metric: TemplateMetric; nameAt: Where } | undefined {
    const m = this.map(item, field, undefined, 'a mapping with name, provider and successCondition');
    if (!m) return undefined;
    this.only(
      m,
      field,
      { name: null, provider: null, successCondition: null, failureCondition: null, interval: null, initialDelay: null, count: null, failureLimit: null, inconclusiveLimit: null, consecutiveErrorLimit: null },
      { consecutiveSuccessLimit: 'Ferry does not support consecutiveSuccessLimit: a gate measures count times and fails past failureLimit; use count and failureLimit' },
    );
    const name = this.string(m, 'name', field, true, 'the metric name');
    if (name && name.text.includes('{{')) this.problems.add(name.at, `a metric name cannot hold a placeholder, found ${quote(name.text)}`);
    const successCondition = this.string(m, 'successCondition', field, false, 'an expression like result[0] >= 0.99');
    const failureCondition = this.string(m, 'failureCondition', field, false, 'an expression like result[0] < 0.9');
    const at = this.where(item, field);
    if (!m.has('successCondition') && !m.has('failureCondition')) {
      this.problems.add(at, 'a metric needs a successCondition: without successCondition and failureCondition Argo counts every measurement Successful, so Ferry refuses it');
    } else if (!m.has('successCondition') && m.has('failureCondition') && !allowFailureOnly) {
      this.problems.add(
        failureCondition?.at ?? at,
        `a metric with only a failureCondition passes anything the condition does not catch (an empty result included); add a successCondition, or allow it for this template with the annotation ${ALLOW_FAILURE_CONDITION_ONLY}: "true"`,
      );
    }
    for (const c of [successCondition, failureCondition]) if (c) this.checkCondition(c, m);

    const metric: TemplateMetric = {
      name: name?.text ?? '',
      at,
      dryRun: false,
      prometheus: this.provider(m, field) ?? { query: { text: '', at }, headers: [] },
    };
    if (successCondition) metric.successCondition = successCondition;
    if (failureCondition) metric.failureCondition = failureCondition;
    for (const k of ['interval', 'initialDelay'] as const) {
      const v = this.string(m, k, field, false, 'a duration like 30s, 5m or 1h');
      if (v) metric[k] = v;
    }
    for (const k of ['count', 'failureLimit', 'inconclusiveLimit', 'consecutiveErrorLimit'] as const) {
      const v = this.intOrString(m, k, field);
      if (v) metric[k] = v;
    }
    // What can be checked before args are known is checked now, with the rules resolve applies.
    const known = (l: Located | undefined) => (l === undefined ? undefined : l.text.includes('{{') ? null : l.text);
    settleMetric(metric, known, (where, message) => this.problems.add(where, message), { nowMs: Date.UTC(2000, 0, 1) }, true);
    return { metric, nameAt: name?.at ?? at };
  }

  /** Syntax of a condition, each placeholder standing in for a number of the same width. */
  private checkCondition(c: Located, m: Entries): void {
    const text = c.text.replace(/\{\{[^}]*\}\}/g, (p) => `0${' '.repeat(p.length - 1)}`);
    try {
      if (!readsResult(parseCondition(text)) && !c.text.includes('{{')) this.problems.add(c.at, UNREAD_CONDITION);
    } catch (err) {
      if (!(err instanceof ExpressionError)) throw err;
      const key = c.at.field.slice(c.at.field.lastIndexOf('.') + 1);
      const node = this.deref(m.get(key)?.value);
      this.problems.add(this.expressionWhere(c, node, err.position), `cannot parse the condition: ${err.message}`);
    }
  }

  /** The position of character `position` of an expression written at `node`, when the file shows it verbatim. */
  private expressionWhere(c: Located, node: unknown, position: number | undefined): Where {
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (position === undefined || !range) return c.at;
    const raw = this.source.slice(range[0], range[1]);
    const lines = c.text.split('\n');
    let before = 0;
    let lineIndex = 0;
    while (lineIndex < lines.length - 1 && before + lines[lineIndex]!.length < position) {
      before += lines[lineIndex]!.length + 1;
      lineIndex++;
    }
    const lineText = lines[lineIndex] ?? '';
    // Find the written line: the k-th occurrence of the line's text in the raw source.
    let from = 0;
    for (let k = 0; k <= lineIndex; k++) {
      const written = lines[k]!;
      const idx = written === '' ? from : raw.indexOf(written, from);
      if (idx < 0 || (k === lineIndex && lineText === '')) return c.at;
      if (k === lineIndex) {
        const { line, column } = this.problems.position(range[0] + idx + (position - before));
        return { ...c.at, line, column };
      }
      from = idx + written.length;
    }
    return c.at;
  }

  private provider(m: Entries, field: string): TemplatePrometheus | undefined {
    const e = m.get('provider');
    const pField = `${field}.provider`;
    if (!e) {
      this.fail(this.parentNode(m), field, `missing required key "provider" (Ferry runs provider.prometheus)`);
      return undefined;
    }
    const p = this.map(e.value, pField, e.key, 'a mapping with prometheus');
    if (!p) return undefined;
    const refused: Record<string, string> = {};
    for (const k of ARGO_PROVIDERS) refused[k] = `Ferry does not support the ${k} metric provider; Ferry runs provider.prometheus only`;
    this.only(p, pField, { prometheus: null }, refused);
    const pe = p.get('prometheus');
    if (!pe) {
      if (p.size === 0) this.fail(e.value, pField, 'expected a mapping with prometheus, found an empty mapping', e.key);
      return undefined;
    }
    const f = `${pField}.prometheus`;
    const prom = this.map(pe.value, f, pe.key, 'a mapping with address and query');
    if (!prom) return undefined;
    this.only(
      prom,
      f,
      { address: null, query: null, timeout: null, insecure: null, headers: null, authentication: null, rangeQuery: null },
      { caCert: 'Ferry does not support caCert: Ferry verifies Prometheus with the runner\'s trusted certificates' },
    );
    const query = this.string(prom, 'query', f, true, 'a PromQL query');
    const out: TemplatePrometheus = { query: query ?? { text: '', at: this.where(pe.value, f) }, headers: [] };
    const address = this.string(prom, 'address', f, false, 'an http(s) URL');
    if (address) out.address = address;
    const timeout = this.integer(prom, 'timeout', f, 'a whole number of seconds, unquoted (Argo\'s timeout is an integer field, not an int-or-string)');
    if (timeout) out.timeout = timeout;
    const insecure = prom.get('insecure');
    if (insecure) {
      const n = this.deref(insecure.value);
      if (!isScalar(n) || typeof n.value !== 'boolean') this.fail(n, `${f}.insecure`, `expected true or false, found ${describe(n)}`, insecure.key);
      else if (n.value) this.fail(n, `${f}.insecure`, 'Ferry does not support insecure: true: Ferry always verifies the TLS certificate of Prometheus');
    }
    const headers = prom.get('headers');
    if (headers) {
      const items = this.list(headers.value, `${f}.headers`, headers.key, 'a list of { key, value }') ?? [];
      const seen = new Set<string>();
      items.forEach((h, i) => {
        const hf = `${f}.headers[${i}]`;
        const hm = this.map(h, hf, undefined, 'a mapping with key and value');
        if (!hm) return;
        this.only(hm, hf, { key: null, value: null });
        const key = this.string(hm, 'key', hf, true, 'a header name');
        const value = this.string(hm, 'value', hf, true, 'the header value', true);
        if (key && seen.has(key.text.toLowerCase())) this.problems.add(key.at, `header ${quote(key.text)} is set twice`);
        if (key) seen.add(key.text.toLowerCase());
        if (key && value) out.headers.push({ key, value });
      });
    }
    const auth = prom.get('authentication');
    if (auth) {
      const af = `${f}.authentication`;
      const a = this.map(auth.value, af, auth.key, 'a mapping with sigv4');
      if (a) {
        this.only(a, af, { sigv4: null }, {
          oauth2: 'Ferry does not support authentication.oauth2; give Ferry a bearer token (its bearer-token-env option) or sign with sigv4',
          basicAuth: 'Ferry does not support authentication.basicAuth; set an Authorization header from a secret arg instead',
        });
        const s = a.get('sigv4');
        if (s) {
          const sf = `${af}.sigv4`;
          const sm = this.map(s.value, sf, s.key, 'a mapping with region and optionally profile and roleArn');
          if (sm) {
            this.only(sm, sf, { region: null, profile: null, roleArn: null });
            const region = this.string(sm, 'region', sf, true, 'an AWS region like eu-central-1');
            for (const k of ['profile', 'roleArn']) {
              if (this.string(sm, k, sf, false)) this.ignored.push({ field: `${sf}.${k}`, reason: 'Ferry signs with the runner\'s AWS credentials (the environment\'s OIDC role), not with credentials named in the cluster' });
            }
            if (region) out.sigv4 = { region };
          }
        }
      }
    }
    const range = prom.get('rangeQuery');
    if (range) {
      const rf = `${f}.rangeQuery`;
      const r = this.map(range.value, rf, range.key, 'a mapping with start, end and step');
      if (r) {
        this.only(r, rf, { start: null, end: null, step: null });
        const start = this.string(r, 'start', rf, true, 'a time expression like now() - duration("10m")');
        const end = this.string(r, 'end', rf, true, 'a time expression like now()');
        const step = this.string(r, 'step', rf, true, 'a duration like 1m');
        if (start && end && step) out.rangeQuery = { start, end, step };
      }
    }
    return out;
  }

  // --- dryRun, measurementRetention, placeholders -----------------------------------------

  private dryRun(spec: Entries, metrics: TemplateMetric[]): void {
    const e = spec.get('dryRun');
    if (!e) return;
    const items = this.list(e.value, 'spec.dryRun', e.key, 'a list of { metricName }') ?? [];
    items.forEach((item, i) => {
      const f = `spec.dryRun[${i}]`;
      const m = this.map(item, f, undefined, 'a mapping with metricName');
      if (!m) return;
      this.only(m, f, { metricName: null });
      const rule = this.string(m, 'metricName', f, true, 'a metric name or a regular expression');
      if (!rule) return;
      let re: RegExp;
      try {
        re = new RegExp(`^(?:${rule.text})$`);
      } catch (err) {
        this.problems.add(rule.at, `expected a metric name or a regular expression, found ${quote(rule.text)}: ${(err as Error).message}`);
        return;
      }
      const matched = metrics.filter((mt) => re.test(mt.name));
      if (!matched.length) this.problems.add(rule.at, `matches no metric (metrics: ${metrics.map((mt) => mt.name).join(', ')}); the rule must match a whole metric name`);
      for (const mt of matched) mt.dryRun = true;
    });
    if (metrics.length && metrics.every((mt) => mt.dryRun)) {
      this.fail(e.key, 'spec.dryRun', 'every metric is dry-run, so nothing would decide the gate; leave at least one metric out of dryRun');
    }
  }

  private measurementRetention(spec: Entries): void {
    const e = spec.get('measurementRetention');
    if (!e) return;
    const items = this.list(e.value, 'spec.measurementRetention', e.key, 'a list of { metricName, limit }') ?? [];
    items.forEach((item, i) => {
      const f = `spec.measurementRetention[${i}]`;
      const m = this.map(item, f, undefined, 'a mapping with metricName and limit');
      if (m) this.only(m, f, { metricName: null, limit: null });
    });
    this.ignored.push({ field: 'spec.measurementRetention', reason: 'a Ferry run is bounded by count and keeps every measurement' });
  }

  private checkPlaceholders(args: TemplateArg[], metrics: TemplateMetric[]): void {
    const declared = new Set(args.map((a) => a.name));
    for (const metric of metrics) {
      for (const l of locatedOf(metric)) {
        for (const problem of placeholderProblems(l.text, declared)) this.problems.add(l.at, problem);
      }
    }
  }
}

/** Every value of a metric that placeholders are substituted in. */
function locatedOf(m: TemplateMetric): Located[] {
  const p = m.prometheus;
  const out: (Located | undefined)[] = [
    p.address,
    p.query,
    p.timeout,
    ...p.headers.flatMap((h) => [h.key, h.value]),
    p.sigv4?.region,
    p.rangeQuery?.start,
    p.rangeQuery?.end,
    p.rangeQuery?.step,
    m.successCondition,
    m.failureCondition,
    m.interval,
    m.initialDelay,
    m.count,
    m.failureLimit,
    m.inconclusiveLimit,
    m.consecutiveErrorLimit,
  ];
  return out.filter((l): l is Located => l !== undefined);
}

const placeholderRe = /\{\{(.*?)\}\}/gs;
const argPlaceholderRe = /^\s*args\.([A-Za-z0-9_.-]+)\s*$/;

function placeholderProblems(text: string, declared: Set<string>): string[] {
  const out: string[] = [];
  const known = declared.size ? [...declared].join(', ') : 'none';
  for (const m of text.matchAll(placeholderRe)) {
    const name = argPlaceholderRe.exec(m[1] ?? '')?.[1];
    if (name === undefined) out.push(`unknown placeholder ${quote(m[0])}: Ferry substitutes only {{args.<name>}} (args declared: ${known})`);
    else if (!declared.has(name)) out.push(`placeholder ${quote(m[0])} names no arg declared in spec.args (args declared: ${known})`);
  }
  const rest = text.replace(placeholderRe, '');
  if (rest.includes('{{')) out.push(`"{{" without a closing "}}" in ${quote(text)}`);
  return out;
}

/**
 * The secret args placed in `query` whose values cannot sit, as they are, in the PromQL string
 * literal around their placeholder: the literal's own quote ends it, a backslash starts an escape,
 * a line break is not allowed in a quoted one (both are refused in a `raw` one too, to be safe);
 * outside a literal, any quote, backslash or line break; in a `#` comment (to the end of the line,
 * where a quote opens no literal), a line break. Prometheus would read the rest as PromQL (the query is not the one meant) and quote that
 * part of the secret in its error, where masking, which finds a secret only whole, cannot hide it.
 */
function unquotableSecrets(query: string, secretArgs: ReadonlyMap<string, string>): string[] {
  const out = new Set<string>();
  const placeholderAt = new RegExp(placeholderRe.source, 'ys');
  /** The quote of the literal the scan is in, `#` in a comment (to the end of the line), or '' outside both. */
  let open = '';
  for (let i = 0; i < query.length; i++) {
    const ch = query.charAt(i);
    placeholderAt.lastIndex = i;
    const m = ch === '{' ? placeholderAt.exec(query) : null;
    if (m) {
      const name = argPlaceholderRe.exec(m[1] ?? '')?.[1];
      const value = name === undefined ? undefined : secretArgs.get(name);
      const cannot = open === '' ? ['"', "'", '`', '\\', '\r', '\n'] : open === '#' ? ['\r', '\n'] : [open, '\\', '\r', '\n'];
      if (name !== undefined && value !== undefined && cannot.some((c) => value.includes(c))) out.add(name);
      i += m[0].length - 1;
      continue;
    }
    if (open === '') {
      if (ch === '"' || ch === "'" || ch === '`' || ch === '#') open = ch;
    } else if (open === '#') {
      if (ch === '\n' || ch === '\r') open = '';
    } else if (ch === '\\' && open !== '`') {
      i++;
    } else if (ch === open) {
      open = '';
    }
  }
  return [...out];
}

function substitute(text: string, values: Record<string, string>): string {
  return text.replace(placeholderRe, (whole, inner: string) => {
    const name = argPlaceholderRe.exec(inner)?.[1];
    return name !== undefined && Object.hasOwn(values, name) ? (values[name] as string) : whole;
  });
}

// ---------------------------------------------------------------------------------------------
// The rules both loading and resolving apply

type Report = (where: Where, message: string) => void;
/** A field's text after substitution; null when it still holds a placeholder (loading); undefined when absent. */
type Value = (l: Located | undefined) => string | null | undefined;

const DURATION = 'a duration like 30s, 5m or 1h30m';

function duration(l: Located, text: string, report: Report, positive: boolean, timer = false): number | undefined {
  let ms: number;
  try {
    ms = parseGoDuration(text.trim());
  } catch {
    report(l.at, `expected ${DURATION}, found ${quote(text)}`);
    return undefined;
  }
  if (!Number.isFinite(ms) || ms < 0 || (positive && ms === 0)) {
    report(l.at, `expected ${positive ? 'a positive' : 'a non-negative'} duration like 30s, 5m or 1h30m, found ${quote(text)}`);
    return undefined;
  }
  if (timer && ms > MAX_TIMER_MS) {
    report(l.at, `expected a duration of at most 596h31m23s (24.8 days, the longest wait a timer takes), found ${quote(text)}`);
    return undefined;
  }
  return ms;
}

function wholeNumber(l: Located, text: string, report: Report, min: number, what: string, max?: { n: number; what: string }): number | undefined {
  const t = text.trim();
  if (!/^-?\d+$/.test(t) || !Number.isSafeInteger(Number(t))) {
    report(l.at, `expected ${what}, found ${quote(text)}`);
    return undefined;
  }
  const n = Number(t);
  if (n < min) {
    report(l.at, `expected ${what}, found ${n}`);
    return undefined;
  }
  if (max && n > max.n) {
    report(l.at, `expected ${max.what}, found ${n}`);
    return undefined;
  }
  return n;
}

/**
 * Checks and converts a metric's values (those `value` can give), reporting each problem.
 * `loading`: values holding placeholders are skipped; conditions were checked for syntax already.
 */
type Settled = Omit<ResolvedMetric, 'address' | 'headers' | 'dryRun' | 'name' | 'query'>;

function settleMetric(metric: TemplateMetric, value: Value, r: Report, opts: { nowMs: number }, loading: boolean): Settled {
  const get = (l: Located | undefined) => value(l);

  const num = (l: Located | undefined, min: number, what: string, max?: { n: number; what: string }): number | null | undefined => {
    const t = get(l);
    if (l === undefined || t === undefined) return undefined;
    if (t === null) return null;
    return wholeNumber(l, t, r, min, what, max) ?? null;
  };
  const dur = (l: Located | undefined, positive: boolean, timer = false): number | null | undefined => {
    const t = get(l);
    if (l === undefined || t === undefined) return undefined;
    if (t === null) return null;
    return duration(l, t, r, positive, timer) ?? null;
  };

  const count = num(metric.count, 1, 'a whole number of measurements, 1 or more');
  const failureLimit = num(metric.failureLimit, 0, 'a whole number, 0 or more (failureLimit: -1 is not supported)');
  const inconclusiveLimit = num(metric.inconclusiveLimit, 0, 'a whole number, 0 or more');
  const consecutiveErrorLimit = num(metric.consecutiveErrorLimit, 0, 'a whole number, 0 or more');
  // (Each waited for with a timer: at most MAX_TIMER_MS.)
  const intervalMs = dur(metric.interval, true, true);
  const initialDelayMs = dur(metric.initialDelay, false, true);
  const timeoutS = num(metric.prometheus.timeout, 1, 'a whole number of seconds, 1 or more', { n: MAX_TIMEOUT_S, what: `a timeout of at most ${MAX_TIMEOUT_S} seconds (24.8 days, the longest wait a timer takes)` });

  // interval and count: a gate must end; count > 1 needs an interval (as in Argo).
  if (metric.interval && metric.count === undefined) {
    r(metric.interval.at, 'interval without count measures until stopped, and a promotion gate must end: set count (the number of measurements)');
  }
  if (metric.interval === undefined && typeof count === 'number' && count > 1 && metric.count) {
    r(metric.count.at, `count ${count} needs an interval between the measurements`);
  }
  const effectiveCount = metric.count === undefined ? 1 : count;
  const fl = metric.failureLimit === undefined ? 0 : failureLimit;
  const il = metric.inconclusiveLimit === undefined ? 0 : inconclusiveLimit;
  if (typeof effectiveCount === 'number' && typeof fl === 'number' && typeof il === 'number' && fl + il >= effectiveCount) {
    const at = (metric.failureLimit ?? metric.inconclusiveLimit ?? metric.count ?? { at: metric.at }).at;
    r(at, `failureLimit (${fl}) + inconclusiveLimit (${il}) must be less than count (${effectiveCount}): otherwise every measurement could fail or be inconclusive and the metric would still be Successful`);
  }

  const out: Settled = {
    initialDelayMs: typeof initialDelayMs === 'number' ? initialDelayMs : 0,
    count: typeof effectiveCount === 'number' ? effectiveCount : 1,
    failureLimit: typeof fl === 'number' ? fl : 0,
    inconclusiveLimit: typeof il === 'number' ? il : 0,
    consecutiveErrorLimit: typeof consecutiveErrorLimit === 'number' ? consecutiveErrorLimit : DEFAULT_CONSECUTIVE_ERROR_LIMIT,
  };
  if (typeof intervalMs === 'number') out.intervalMs = intervalMs;
  if (typeof timeoutS === 'number') out.timeoutMs = timeoutS * 1000;

  if (!loading) {
    for (const k of ['successCondition', 'failureCondition'] as const) {
      const l = metric[k];
      const t = get(l);
      if (!l || typeof t !== 'string') continue;
      try {
        out[k] = { text: t, expression: parseCondition(t) };
        if (!readsResult(out[k].expression)) r(l.at, UNREAD_CONDITION);
      } catch (err) {
        if (!(err instanceof ExpressionError)) throw err;
        r(l.at, `cannot parse the condition after substituting args: ${err.message}`);
      }
    }
  }

  const rq = metric.prometheus.rangeQuery;
  if (rq) {
    const step = dur(rq.step, true);
    const exprs: (Expression | undefined)[] = [];
    for (const l of [rq.start, rq.end]) {
      const t = get(l);
      if (typeof t !== 'string') {
        exprs.push(undefined);
        continue;
      }
      try {
        exprs.push(parseTimeExpression(t));
      } catch (err) {
        if (!(err instanceof ExpressionError)) throw err;
        r(l.at, `cannot parse the time expression: ${err.message} (expected something like now() - duration("10m"))`);
        exprs.push(undefined);
      }
    }
    const [start, end] = exprs;
    if (start && end && typeof step === 'number') {
      const stepSeconds = step / 1000;
      out.rangeQuery = { start, end, stepSeconds };
      const window = rangeAt(out.rangeQuery, opts.nowMs, rq, r);
      if (window && !loading) out.range = window;
    }
  }
  return out;
}

/** Evaluates a range query's window at `nowMs`, reporting (when `report` is given) a window Prometheus would refuse. */
function rangeAt(rq: { start: Expression; end: Expression; stepSeconds: number }, nowMs: number, where: { start: Located; end: Located; step: Located }, report: Report): { startMs: number; endMs: number; stepSeconds: number } | undefined {
  let startMs: number;
  let endMs: number;
  try {
    startMs = evaluateTimeExpression(rq.start, nowMs);
  } catch (err) {
    report(where.start.at, `cannot evaluate ${quote(where.start.text)}: ${(err as Error).message}`);
    return undefined;
  }
  try {
    endMs = evaluateTimeExpression(rq.end, nowMs);
  } catch (err) {
    report(where.end.at, `cannot evaluate ${quote(where.end.text)}: ${(err as Error).message}`);
    return undefined;
  }
  if (!(endMs > startMs)) {
    report(where.end.at, `the range query ends (${quote(where.end.text)}) no later than it starts (${quote(where.start.text)})`);
    return undefined;
  }
  const points = (endMs - startMs) / 1000 / rq.stepSeconds;
  if (points > MAX_RANGE_POINTS) {
    report(where.step.at, `the range query asks for ${Math.floor(points)} points per series; Prometheus refuses more than ${MAX_RANGE_POINTS}: use a larger step`);
    return undefined;
  }
  return { startMs, endMs, stepSeconds: rq.stepSeconds };
}

/** A range query's window at `nowMs` (for runAnalysis, at each measurement). Throws a plain Error when it cannot be evaluated. */
export function rangeWindow(rq: { start: Expression; end: Expression; stepSeconds: number }, nowMs: number): { startMs: number; endMs: number; stepSeconds: number } {
  const startMs = evaluateTimeExpression(rq.start, nowMs);
  const endMs = evaluateTimeExpression(rq.end, nowMs);
  if (!(endMs > startMs)) throw new Error(`the range query's end (${new Date(endMs).toISOString()}) is not after its start (${new Date(startMs).toISOString()})`);
  return { startMs, endMs, stepSeconds: rq.stepSeconds };
}

// ---------------------------------------------------------------------------------------------
// Resolving

/** The environment variable a `secretKeyRef {name, key}` is read from. */
export function secretEnvName(name: string, key: string): string {
  const part = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return `FERRY_SECRET_${part(name)}_${part(key)}`;
}

/** The args to give a template from what Ferry knows: only those the template declares. */
export function ferryArgs(template: AnalysisTemplate, values: Partial<Record<FerryArg, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of template.args) {
    const v = (values as Record<string, string | undefined>)[a.name];
    if ((FERRY_ARGS as readonly string[]).includes(a.name) && v !== undefined) out[a.name] = v;
  }
  return out;
}

/**
 * Throws a ConfigurationError naming the args in `given` that the template does not declare, and
 * the args it does declare: such an arg would change nothing (a misspelt baseline arg would
 * compare a version with itself). `field` names where they were given (`--arg`).
 */
export function checkDeclaredArgs(template: AnalysisTemplate, given: Record<string, string>, field: string): void {
  const declared = template.args.map((a) => a.name);
  const unknown = Object.keys(given).filter((name) => !declared.includes(name));
  if (unknown.length === 0) return;
  throw new ConfigurationError({
    file: template.file, field,
    message: `template ${quote(template.name)} declares no arg ${unknown.map((n) => quote(n)).join(', ')} (its args: ${declared.length ? declared.join(', ') : 'none'})`,
  });
}

/**
 * Substitutes args into a template and checks what could not be checked at load: the values of
 * args, and the fields that held placeholders. Args precedence: `args` (given) > the template's
 * default `value` > `valueFrom.secretKeyRef` (from `options.env`). Args the template does not
 * declare are ignored. Throws one ConfigurationError with every problem; secret values are masked
 * in its messages.
 */
export function resolveAnalysis(template: AnalysisTemplate, args: Record<string, string>, options: ResolveOptions): ResolvedAnalysis {
  const problems: Problem[] = [];
  const report: Report = (where, message) => problems.push(where.field ? { ...where, message } : { file: where.file, line: where.line, column: where.column, message });
  const secrets: string[] = [];
  const values: Record<string, string> = {};
  /** Secret args by name, with their values. */
  const secretArgs = new Map<string, string>();

  for (const a of template.args) {
    const given = Object.hasOwn(args, a.name) ? args[a.name] : undefined;
    if (given !== undefined) {
      values[a.name] = given;
      if (a.secretKeyRef) {
        secrets.push(given);
        secretArgs.set(a.name, given);
      }
    } else if (a.value !== undefined) {
      values[a.name] = a.value;
    } else if (a.secretKeyRef) {
      const envName = secretEnvName(a.secretKeyRef.name, a.secretKeyRef.key);
      const v = options.env[envName];
      if (v === undefined || v === '') {
        report({ ...a.at, field: `${a.at.field}.valueFrom.secretKeyRef` }, `arg ${quote(a.name)} reads key ${quote(a.secretKeyRef.key)} of Secret ${quote(a.secretKeyRef.name)} from the environment variable ${envName}, which is ${v === '' ? 'empty' : 'not set'}`);
      } else {
        values[a.name] = v;
        secrets.push(v);
        secretArgs.set(a.name, v);
      }
    } else if (options.argsFrom === '--arg') {
      report({ ...a.at, field: `${a.at.field}.value` }, `arg ${quote(a.name)} has no value: the template gives no default and no --arg gives one; give it with --arg ${a.name}=<value>, or give it a default value`);
    } else {
      const supplied = (FERRY_ARGS as readonly string[]).includes(a.name)
        ? `Ferry supplies ${quote(a.name)} only when it has a value (a first promotion has no previous version)`
        : `Ferry supplies only ${FERRY_ARGS.join(', ')}`;
      report({ ...a.at, field: `${a.at.field}.value` }, `arg ${quote(a.name)} has no value: the template gives no default and ${supplied}; give it a default value`);
    }
  }

  let bearerToken: string | undefined;
  if (options.bearerTokenEnv !== undefined) {
    const t = options.env[options.bearerTokenEnv];
    if (t === undefined || t === '') {
      problems.push({ field: 'bearer-token-env', message: `the environment variable ${options.bearerTokenEnv} that should hold the Prometheus bearer token is ${t === '' ? 'empty' : 'not set'}` });
    } else {
      bearerToken = t;
      secrets.push(t);
    }
  }
  if (options.prometheusAddress !== undefined) rememberUserInfo(options.prometheusAddress);
  const addressAt = options.prometheusAddressAt ?? { field: '--prometheus' };
  if (options.prometheusAddress !== undefined && !isHttpUrl(options.prometheusAddress)) {
    problems.push({ ...addressAt, message: `expected an http(s) URL like http://127.0.0.1:9090, found ${quote(withoutUserInfo(options.prometheusAddress))}` });
  }

  const value: Value = (l) => (l === undefined ? undefined : substitute(l.text, values));
  const metrics: ResolvedMetric[] = [];
  for (const m of template.metrics) {
    const settled = settleMetric(m, value, report, { nowMs: options.nowMs }, false);
    let address = options.prometheusAddress;
    if (address === undefined) {
      const a = value(m.prometheus.address);
      if (a !== undefined && a !== null) rememberUserInfo(a.trim());
      if (a === undefined || a === null || a.trim() === '') {
        report({ ...m.at, field: `${m.at.field}.provider.prometheus.address` }, 'no Prometheus address: the metric gives none, and none was given to Ferry (--prometheus, or prometheus.address in ferry.yaml)');
      } else if (!isHttpUrl(a.trim())) {
        report(m.prometheus.address!.at, `expected an http(s) URL like http://prometheus.monitoring:9090, found ${quote(withoutUserInfo(a))}`);
      } else {
        address = a.trim();
      }
    }
    if (bearerToken !== undefined && address !== undefined && inTheClear(address)) {
      const message = plainHttpMessage(address, options.bearerTokenEnv!);
      if (options.prometheusAddress !== undefined) {
        if (!problems.some((p) => p.message === message)) problems.push({ ...addressAt, message });
      } else {
        report(m.prometheus.address!.at, message);
      }
    }
    const headers: Record<string, string> = {};
    for (const h of m.prometheus.headers) {
      const k = substitute(h.key.text, values).trim();
      const v = substitute(h.value.text, values);
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k)) report(h.key.at, `expected an HTTP header name, found ${quote(k)}`);
      else if (/[\r\n\0]/.test(v)) report(h.value.at, `a header value cannot hold a line break or a NUL character (header ${quote(k)})`);
      else headers[k] = v;
    }
    const resolved: ResolvedMetric = {
      name: m.name,
      dryRun: m.dryRun,
      address: address ?? '',
      query: substitute(m.prometheus.query.text, values),
      headers,
      ...settled,
    };
    if (bearerToken !== undefined) resolved.bearerToken = bearerToken;
    if (m.prometheus.sigv4) resolved.sigv4 = { region: substitute(m.prometheus.sigv4.region.text, values).trim() };
    else if (options.sigv4) resolved.sigv4 = options.sigv4;
    if (resolved.query.trim() === '') report(m.prometheus.query.at, 'the query is empty after substituting args');
    for (const name of unquotableSecrets(m.prometheus.query.text, secretArgs)) {
      report(m.prometheus.query.at, `secret arg ${quote(name)} cannot be put into the query: its value holds a quote, a backslash or a line break, which would end or change the PromQL string literal it is placed in (Argo puts it in unescaped), and Prometheus would then quote part of the secret in its error; the value is not shown`);
    }
    metrics.push(resolved);
  }

  if (problems.length) {
    const masked = problems.map((p) => ({ ...p, message: maskSecrets(p.message, secrets) }));
    throw new ConfigurationError(masked);
  }
  return { template: template.name, file: template.file, metrics, secrets: [...new Set(secrets)] };
}

/**
 * Whether a request to `address` crosses a network unencrypted: http, to a host that is not this
 * machine's loopback (127.0.0.0/8, ::1, localhost). A bearer token is not sent there.
 */
export function inTheClear(address: string): boolean {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:') return false;
  const host = url.hostname.toLowerCase();
  return !(host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host));
}

/** Why the bearer token from `variable` is not sent to `address` (inTheClear). */
export function plainHttpMessage(address: string, variable: string): string {
  return `the Prometheus bearer token (from ${variable}) is not sent over plain http to ${quote(new URL(address).origin)}, where anyone on the way could read it: use an https:// address (http is taken only for a loopback address: 127.0.0.1, ::1 or localhost)`;
}

/**
 * Where the user info of an address would be, also in one that is no URL (`https//alice:pw@host`,
 * `ftp://…`, `http://alice:pw@[::1`, `alice:pw@host:9090`, a password with a space): from after
 * its first `//` (or its start, without one) to its last `@`; undefined without an `@` there. (An
 * `@` in the path makes more of it hidden, never less.)
 */
function userInfoSpan(address: string): { start: number; end: number } | undefined {
  const slashes = address.indexOf('//');
  const start = slashes < 0 ? 0 : slashes + 2;
  const at = address.lastIndexOf('@');
  return at < start ? undefined : { start, end: at };
}

/** `address` with all of its user info (userInfoSpan) shown as `***`: a password there is never quoted, whole or in part. */
function withoutUserInfo(address: string): string {
  const span = userInfoSpan(address);
  return span ? `${address.slice(0, span.start)}***${address.slice(span.end)}` : address;
}

/**
 * From now on, every message masks the password of `address` (a token user name too), as written
 * and percent-decoded (redact.ts urlCredentials), wherever it appears: remembered before the
 * address is checked, also when it is no URL.
 */
function rememberUserInfo(address: string): void {
  const span = userInfoSpan(address);
  if (!span) return;
  const info = address.slice(span.start, span.end);
  // (urlCredentials reads no white space: a password with a space in it is remembered as written.)
  const secrets = /\s/.test(info) ? [info.slice(info.indexOf(':') + 1)] : urlCredentials(`http://${info}@host`);
  for (const secret of secrets) rememberSecret(secret);
}

function isHttpUrl(text: string): boolean {
  // A fragment means nothing in a Prometheus address, and an `@` after a `#` or `?` is most likely
  // a password holding one (`alice:123#pw@host`), which a URL reads as host alice, port 123:
  // refused, and shown without it (withoutUserInfo).
  if (text.includes('#') || /\?.*@/.test(text)) return false;
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

// (maskSecrets and secretForms live in redact.ts, with the other redaction: re-exported for the analysis code.)
export { maskSecrets, secretForms };
