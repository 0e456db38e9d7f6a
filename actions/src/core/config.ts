// ferry.yaml: the environment repository's configuration, parsed and validated (the reading
// that locates each problem, with `yaml`, is config-located.ts).
//
// Validation runs in three layers and reports every problem of all of them at once, each with
// file, line, column and field: YAML syntax (stops here: nothing below is trustworthy), the JSON
// Schema in ferry-config.schema.json (shapes, names, unknown keys), and semantic checks the
// schema cannot say (unique names, the promotion graph, manifest paths, pins).
import type { ErrorObject } from 'ajv';
import { CORE_SCHEMA, Type, load as loadYaml } from 'js-yaml';
import { ConfigurationError, quote, quoteAscii, type Problem } from './errors.js';
import { dnsLabelRe, placeholderRe, substitute } from './manifest-path.js';
import { skippedBy } from './freeze-window.js';

export { manifestPath } from './manifest-path.js';
import { isImageName, isRegistry, isRepository, type ImageRef } from './image-ref.js';
// ferry-config.schema.json, compiled at build time (scripts/build.mjs): compiling it here would
// cost more than the rest of reading the config.
import { validate as validateFerryConfig } from './generated/ferry-config-validator.js';

export interface FerryConfig {
  /** Path of the config file, as shown in errors (`ferry.yaml`). */
  file: string;
  registry: string;
  environments: EnvironmentConfig[];
  apps: AppConfig[];
  /** How analysis gates reach Prometheus; required when an environment has analysis or compare gates. */
  prometheus?: PrometheusConfig;
}

export interface PrometheusConfig {
  address: string;
  /** The environment variable holding a bearer token. */
  bearerTokenEnv?: string;
  sigv4?: { region: string };
}

/** One metric of a baseline comparison: a template's query, run for the candidate and the baseline. */
export interface CompareMetricConfig {
  template: string;
  metric: string;
  direction: 'increase' | 'decrease' | 'either';
  confidence?: number;
  effectSize?: number;
  weight?: number;
  critical?: boolean;
}

export interface CompareConfig {
  /** `target` (default): the version now in the target environment; `previous`: the version the candidate replaced in the source environment. */
  baseline?: 'target' | 'previous';
  window?: string;
  pass?: number;
  marginal?: number;
  metrics: CompareMetricConfig[];
}

export interface EnvironmentConfig {
  name: string;
  promoteFrom?: string;
  gates?: GatesConfig;
}

/** `from`/`to`: both `Fri 16:00` (weekly) or both `2026-12-20[ 18:00]` (dates), in `timezone`. */
export interface FreezeWindow {
  from: string;
  to: string;
  timezone: string;
}

/** Gates are evaluated by the promotion engine (a later issue); the config only carries them. */
export interface GatesConfig {
  soak?: string;
  analysis?: string[];
  compare?: CompareConfig;
  approvals?: number;
  freeze?: FreezeWindow[];
}

/** Where and how an app's image is pinned in its manifest. */
export type PinConfig =
  /** A kustomize `images:` entry whose `name` is `name`. */
  | { kind: 'kustomize'; name: string }
  /** A Helm values file: dotted paths (`image.digest`) of the values to set. */
  | { kind: 'helm'; repository?: string; tag?: string; digest: string }
  /** The container `container` of a Deployment / StatefulSet / DaemonSet / Rollout. */
  | { kind: 'container'; container: string; resource?: string; resourceKind?: string };

export interface AppConfig {
  name: string;
  /** The registry of this app's image (the top-level `registry` unless the app sets its own). */
  registry: string;
  /** Repository under `registry`. */
  image: string;
  /** Path template, `{env}` (and `{app}`) substituted. */
  manifest: string;
  pin: PinConfig;
}

/** File names that kustomize reads; an app whose manifest has one needs no pin key. */
export const KUSTOMIZATION_FILE_NAMES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The kinds of workload a `container` pin may name. */
export const WORKLOAD_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'Rollout'];

// The rest of this section (and fieldOf, Locate, Problems, isRecord, checkSemantics below) is
// shared with config-located.ts.
export const PIN_KEYS = ['kustomize', 'helm', 'container'] as const;

export const REGISTRY = 'a registry host with an optional port and nothing else (like 123456789012.dkr.ecr.eu-central-1.amazonaws.com or localhost:5000)';
export const REPOSITORY = "an image repository under the registry: lowercase path components separated by '/' (like user-service or team/user-service)";

export type Path = readonly (string | number)[];
export type Json = Record<string, unknown>;

export function validateSchema(data: unknown): ErrorObject[] {
  return validateFerryConfig(data) ? [] : [...(validateFerryConfig.errors ?? [])];
}

/**
 * Parses and validates ferry.yaml. Throws one ConfigurationError with every problem found,
 * each located by file, line, column and field.
 *
 * A valid config is read by js-yaml, several times faster than `yaml` building a document with
 * positions (a config of 2,000 apps is read on every bump). Only when that read or any check
 * fails is the text parsed again with `yaml`, whose nodes locate each problem; that path is
 * the authority for what is reported (config-located.ts, loaded only then: a command that reads
 * a valid config never loads `yaml` for it). Both read YAML 1.2's core schema (CORE_1_2).
 */
export async function parseConfig(text: string, file = 'ferry.yaml', options: ReadOptions = {}): Promise<FerryConfig> {
  return quickParse(text, file, options) ?? (await import('./config-located.js')).locatedParse(text, file, options);
}

/** How a ferry.yaml is read. */
export interface ReadOptions {
  /**
   * A version of the history (audit), read as the Ferry of its time enforced it rather than
   * refused for what this one refuses since: gates on the first environment were accepted once,
   * and never checked (bump pins it directly), so they are dropped, not an unreadable version
   * (an audit that failed forever on a repository's first commit). So is a dated freeze window
   * within the hour its zone's clocks skip: it froze nothing then, and freezes nothing now.
   */
  historic?: boolean;
}

/**
 * YAML 1.2's core schema, as `yaml` (the reference here) reads it. js-yaml's own CORE_SCHEMA
 * differs in numbers only: it also reads 0b101 and a signed 0x1F or 0o17 as numbers, and a
 * signed .5 as text. Its int and float are replaced with YAML 1.2's resolution (spec 10.3.2).
 */
const INT_1_2 = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT_1_2 = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const CORE_1_2 = CORE_SCHEMA.extend({
  implicit: [
    new Type('tag:yaml.org,2002:int', { kind: 'scalar', resolve: (s: string) => INT_1_2.test(s), construct: (s: string) => (s.startsWith('0o') ? parseInt(s.slice(2), 8) : Number(s)) }),
    new Type('tag:yaml.org,2002:float', {
      kind: 'scalar',
      resolve: (s: string) => FLOAT_1_2.test(s),
      construct: (s: string) => (/^\.nan$/i.test(s) ? NaN : /inf$/i.test(s) ? (s.startsWith('-') ? -Infinity : Infinity) : Number(s)),
    }),
  ],
});

/** The config when js-yaml reads `text` (plain YAML: no aliases, so a tree) and every check passes; else undefined. */
function quickParse(text: string, file: string, options: ReadOptions): FerryConfig | undefined {
  // Plain YAML only: directives (%YAML 1.1), tags (!!int), anchors and aliases are where the two
  // parsers differ (1.1 scalars, tags, alias limits), so any sign of them takes the located path.
  if (/^%|[!&*]/m.test(text)) return undefined;
  let data: unknown;
  try {
    data = loadYaml(text, { schema: CORE_1_2, filename: file });
  } catch {
    return undefined;
  }
  if (validateSchema(data).length) return undefined;
  const problems = new Problems(unlocated(file));
  const config = checkSemantics(data, file, problems, options);
  return problems.list.length ? undefined : config;
}

/** Records problems without positions: the quick path only needs to know whether there are any. */
function unlocated(file: string): Locate {
  return { problem: (path, message) => ({ file, field: fieldOf(path), message }) };
}

export function findEnvironment(config: FerryConfig, name: string, field = 'env'): EnvironmentConfig {
  const env = config.environments.find((e) => e.name === name);
  if (env) return env;
  const names = config.environments.map((e) => e.name).join(', ');
  throw new ConfigurationError({ field, message: `no environment ${quoteAscii(name)} in ${config.file} (environments: ${names})` });
}

export function findApp(config: FerryConfig, name: string): AppConfig {
  const app = config.apps.find((a) => a.name === name);
  if (app) return app;
  const names = config.apps.length ? config.apps.map((a) => a.name).join(', ') : 'none';
  throw new ConfigurationError({ field: 'app', message: `no app ${quoteAscii(name)} in ${config.file} (apps: ${names})` });
}

/** Throws ConfigurationError naming `field` unless `ref` is an image of `app` (same registry and repository). */
export function assertImageForApp(ref: ImageRef, app: AppConfig, field = 'image'): void {
  if (ref.registry === app.registry && ref.repository === app.image) return;
  // (A host is compared as written: ferry.yaml has it in lowercase, and so must the image.)
  const caseOnly = ref.registry !== app.registry && ref.registry.toLowerCase() === app.registry && ref.repository === app.image;
  throw new ConfigurationError({
    field,
    message: `expected an image of app ${quote(app.name)} (${quote(`${app.registry}/${app.image}`)}), found ${quote(`${ref.registry}/${ref.repository}`)}${caseOnly ? ': write the registry host in lowercase, as ferry.yaml has it' : ''}`,
  });
}

// ---------------------------------------------------------------------------------------------
// Locations

/** `apps[1].image`; with `anyIndex`, `apps[].image` (the key of EXPECTED). */
export function fieldOf(path: Path, anyIndex = false): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? (anyIndex ? '[]' : `[${seg}]`) : s ? `.${seg}` : seg;
  return s;
}

/** Turns a field path and a message into a Problem. */
export interface Locate {
  problem(path: Path, message: string, key?: string): Problem;
}

/** The problems found so far, and the fields they are about (a field gets one problem per layer). */
export class Problems {
  readonly list: Problem[] = [];
  private readonly fields = new Set<string>();
  private readonly schemaFields = new Set<string>();

  constructor(readonly where: Locate) {}

  /** Reports a schema problem. */
  push(p: Problem): void {
    this.list.push(p);
    this.fields.add(p.field ?? '');
    this.schemaFields.add(p.field ?? '');
  }

  /** Reports a semantic problem, unless the schema already reported one for the same field. */
  add(path: Path, message: string): void {
    const field = fieldOf(path);
    if (this.schemaFields.has(field)) return;
    this.list.push(this.where.problem(path, message));
    this.fields.add(field);
  }

  /** Whether any problem is about `path` or a field inside it. */
  touches(path: Path): boolean {
    if (this.fields.size === 0) return false;
    const f = fieldOf(path);
    for (const g of this.fields) if (g === f || g.startsWith(`${f}.`) || g.startsWith(`${f}[`)) return true;
    return false;
  }

  sorted(): Problem[] {
    return this.list
      .map((p, i) => ({ p, i }))
      .sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || (a.p.column ?? 0) - (b.p.column ?? 0) || a.i - b.i)
      .map(({ p }) => p);
  }
}

// ---------------------------------------------------------------------------------------------
// Semantic checks

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isDnsLabel(name: string | undefined): name is string {
  return name !== undefined && name.length <= 63 && dnsLabelRe.test(name);
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Checks the semantics the schema cannot express; returns the config when the data is complete. */
export function checkSemantics(data: unknown, file: string, problems: Problems, options: ReadOptions = {}): FerryConfig | undefined {
  const root = isRecord(data) ? data : {};
  const registry = str(root.registry);
  if (registry !== undefined) checkRegistry(registry, ['registry'], problems);

  const envList = Array.isArray(root.environments) ? root.environments : [];
  const envNames = checkEnvironments(envList, problems, options);
  const appList = Array.isArray(root.apps) ? root.apps : [];
  const apps = checkApps(appList, registry, envNames, problems);

  envList.forEach((e, i) => {
    const compare = isRecord(e) && isRecord(e.gates) && isRecord(e.gates.compare) ? e.gates.compare : undefined;
    if (compare && typeof compare.pass === 'number' && typeof compare.marginal === 'number' && compare.marginal > compare.pass) {
      problems.add(['environments', i, 'gates', 'compare', 'marginal'], `expected a score at most pass (${compare.pass}), found ${compare.marginal}`);
    }
  });

  if (problems.list.length || registry === undefined) return undefined;
  const environments = envList.filter(isRecord).map((e): EnvironmentConfig => {
    const env: EnvironmentConfig = { name: String(e.name) };
    if (typeof e.promoteFrom === 'string') env.promoteFrom = e.promoteFrom;
    // (A historic first environment's gates were never checked: dropped, see ReadOptions.)
    if (isRecord(e.gates) && !(options.historic && env.promoteFrom === undefined)) env.gates = { ...(e.gates as GatesConfig) };
    return env;
  });
  const config: FerryConfig = { file, registry, environments, apps };
  if (isRecord(root.prometheus)) config.prometheus = { ...(root.prometheus as unknown as PrometheusConfig) };
  return config;
}

const FREEZE_WEEKLY_RE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([0-9]{2}):([0-9]{2})$/;
const FREEZE_DATE_RE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})(?: ([0-9]{2}):([0-9]{2}))?$/;
const FREEZE_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Days in `month` (1-12) of `year`, Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Why a freeze window's `from` or `to` is not a real time (the schema's pattern lets through
 * hours up to 29, months up to 19 and days up to 39; minutes it keeps to 00-59), or undefined
 * when it is one, or when it is not of the schema's shape at all (the schema reports that).
 */
function freezeTimeProblem(text: string, key: 'from' | 'to'): string | undefined {
  const reasons: string[] = [];
  const hour = (h: string | undefined, hint = '') => {
    if (h !== undefined && Number(h) > 23) reasons.push(`hour ${h} is not 00 to 23${hint}`);
  };
  const weekly = FREEZE_WEEKLY_RE.exec(text);
  if (weekly) {
    hour(weekly[2], key === 'to' ? " (the end of a day is the next day's 00:00)" : '');
    return reasons.length ? `expected a weekly time like 'Fri 16:00', found ${quote(text)}: ${reasons.join(', ')}` : undefined;
  }
  const date = FREEZE_DATE_RE.exec(text);
  if (!date) return undefined;
  const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
  if (month < 1 || month > 12) reasons.push(`month ${date[2]} is not 01 to 12`);
  const days = month >= 1 && month <= 12 ? daysInMonth(year, month) : 31;
  if (day < 1 || day > days) reasons.push(month >= 1 && month <= 12 ? `${MONTHS[month - 1]} ${year} has days 01 to ${days}, not ${date[3]}` : `day ${date[3]} is not 01 to 31`);
  hour(date[4], key === 'to' ? " (a date alone as 'to' runs through the end of that day)" : '');
  return reasons.length ? `expected a date like '2026-12-20' or '2026-12-20 18:00' that is on the calendar, found ${quote(text)}: ${reasons.join(', ')}` : undefined;
}

/**
 * Why a window of real times (and of one kind) can never freeze anything, or undefined. A weekly
 * window runs from `from` up to `to`, over the week's end when `to` comes first: only the same
 * time twice is empty. A dated one runs from `from` (a date alone: its first minute) up to `to`
 * (a date alone: through the end of that day; a time: up to that minute, not including it), as
 * instants of `timezone` (when it is one): a window within the hour its clocks skip holds none.
 */
function emptyFreezeWindow(from: string, to: string, timezone: string | undefined): string | undefined {
  const weeklyFrom = FREEZE_WEEKLY_RE.exec(from);
  const weeklyTo = FREEZE_WEEKLY_RE.exec(to);
  if (weeklyFrom && weeklyTo) {
    const minutes = (m: RegExpExecArray) => FREEZE_DAYS.indexOf(m[1]!) * 1440 + Number(m[2]) * 60 + Number(m[3]);
    if (minutes(weeklyFrom) !== minutes(weeklyTo)) return undefined;
    return `expected a weekly time other than from ${quote(from)} (a window from a time up to the same time freezes nothing), found ${quote(to)}`;
  }
  const dateFrom = FREEZE_DATE_RE.exec(from);
  const dateTo = FREEZE_DATE_RE.exec(to);
  if (!dateFrom || !dateTo) return undefined;
  // `YYYY-MM-DD HH:MM` compares as text; a date alone as `to` ends at 24:00, after every minute of that day.
  const start = dateFrom[4] === undefined ? `${from} 00:00` : from;
  const end = dateTo[4] === undefined ? `${to} 24:00` : to;
  if (start < end) {
    const skipped = timezone !== undefined && isTimeZone(timezone) ? skippedBy({ from, to, timezone }) : undefined;
    if (!skipped) return undefined;
    return `expected an end after from ${quote(from)} in ${timezone}'s time, found ${quote(to)}: its clocks go from ${skipped.from} straight to ${skipped.to}, skipping every minute of the window, which freezes nothing`;
  }
  const hint = dateTo[4] === undefined ? " (a date alone as 'to' runs through the end of that day)" : " (a time as 'to' is the first minute not frozen)";
  return `expected an end after from ${quote(from)}${hint}, found ${quote(to)}: the window freezes nothing`;
}

/** Unique names, promoteFrom references, exactly one root, no cycles. Returns the valid names. */
function checkEnvironments(list: unknown[], problems: Problems, options: ReadOptions): string[] {
  const firstIndex = new Map<string, number>();
  list.forEach((e, i) => {
    const name = isRecord(e) ? str(e.name) : undefined;
    if (name === undefined) return;
    const first = firstIndex.get(name);
    if (first === undefined) firstIndex.set(name, i);
    else problems.add(['environments', i, 'name'], `duplicate environment name ${quote(name)} (also environments[${first}])`);
  });
  const names = [...firstIndex.keys()];
  list.forEach((e, i) => {
    const freeze = isRecord(e) && isRecord(e.gates) && Array.isArray(e.gates.freeze) ? e.gates.freeze : [];
    freeze.forEach((w: unknown, j: number) => {
      if (!isRecord(w)) return;
      const at = (key: string): Path => ['environments', i, 'gates', 'freeze', j, key];
      const from = str(w.from);
      const to = str(w.to);
      const weekly = (t: string) => /^[a-z]/i.test(t); // (a day's name, however written: its spelling is from's or to's own problem)
      const fromBad = from === undefined ? undefined : freezeTimeProblem(from, 'from');
      const toBad = to === undefined ? undefined : freezeTimeProblem(to, 'to');
      if (fromBad) problems.add(at('from'), fromBad);
      if (toBad) problems.add(at('to'), toBad);
      else if (from !== undefined && to !== undefined && weekly(from) !== weekly(to)) {
        problems.add(at('to'), `expected the same kind as from ${quote(from)} (both weekly like 'Fri 16:00', or both dates), found ${quote(to)}`);
      } else if (from !== undefined && to !== undefined && fromBad === undefined) {
        // Both real times of one kind: a window that holds no minute is a mistake, not a freeze.
        // (A dated window within the hour its clocks skip was accepted before this Ferry refused it:
        // a historic version keeps it, freezing nothing, rather than being an unreadable version.)
        const empty = emptyFreezeWindow(from, to, options.historic ? undefined : str(w.timezone));
        if (empty) problems.add(at('to'), empty);
      }
      const zone = str(w.timezone);
      if (zone !== undefined && !isTimeZone(zone)) problems.add(['environments', i, 'gates', 'freeze', j, 'timezone'], `expected an IANA time zone like Europe/Berlin or UTC, found ${quote(zone)}`);
    });
  });

  const parent = new Map<string, string>();
  const roots: number[] = [];
  list.forEach((e, i) => {
    if (!isRecord(e)) return;
    const name = str(e.name);
    if (e.promoteFrom === undefined) {
      // (An environment named again is told so: not also as a second first environment.)
      if (name === undefined || firstIndex.get(name) === i) roots.push(i);
      return;
    }
    const from = str(e.promoteFrom);
    if (from === undefined) return;
    if (from === name) problems.add(['environments', i, 'promoteFrom'], `environment ${quote(name)} cannot promote from itself`);
    else if (!firstIndex.has(from)) problems.add(['environments', i, 'promoteFrom'], `no environment named ${quote(from)} (environments: ${names.join(', ')})`);
    else if (name !== undefined && firstIndex.get(name) === i) parent.set(name, from);
  });

  // The first environment is pinned by bump and promoted into from nowhere: promote alone checks
  // gates, so gates there would pass unseen (a freeze that freezes nothing, approvals never asked).
  for (const i of roots) {
    const gates = (list[i] as Json).gates;
    if (gates === undefined || options.historic) continue;
    const name = str((list[i] as Json).name) ?? `environments[${i}]`;
    const found = isRecord(gates) ? Object.keys(gates) : [];
    problems.add(['environments', i, 'gates'], `${quote(name)} is the first environment (no promoteFrom): ferry bump pins it directly and no promotion lands in it, so its gates would never be checked: put them on an environment promoted from it, or remove them${found.length ? ` (found ${found.join(', ')})` : ''}`);
  }
  if (list.length && list.every(isRecord) && roots.length === 0) {
    problems.add(['environments'], 'every environment has promoteFrom; exactly one, the one new images land in, must have none');
  }
  const [first, ...others] = roots;
  for (const i of others) {
    const firstName = str((list[first as number] as Json).name) ?? `environments[${first}]`;
    const name = str((list[i] as Json).name) ?? `environments[${i}]`;
    problems.add(['environments', i], `${quote(name)} has no promoteFrom, and neither has ${quote(firstName)} (environments[${first}]); exactly one environment may have none: add promoteFrom to say which environment ${quote(name)} is promoted from`);
  }

  // Each environment has at most one parent: follow the parents; a walk that meets itself is a cycle.
  const state = new Map<string, 'walking' | 'done'>();
  for (const start of names) {
    const walk: string[] = [];
    let cur: string | undefined = start;
    while (cur !== undefined && !state.has(cur)) {
      state.set(cur, 'walking');
      walk.push(cur);
      cur = parent.get(cur);
    }
    if (cur !== undefined && state.get(cur) === 'walking') {
      const cycle = walk.slice(walk.indexOf(cur)).reverse(); // promotion order: parent first
      const at = cycle.reduce((a, b) => ((firstIndex.get(a) as number) <= (firstIndex.get(b) as number) ? a : b));
      const k = cycle.indexOf(at);
      const ordered = [...cycle.slice(k), ...cycle.slice(0, k), at];
      problems.add(['environments', firstIndex.get(at) as number, 'promoteFrom'], `promoteFrom makes a cycle: ${ordered.join(' -> ')} (the environments must form one pipeline from a single first environment)`);
    }
    for (const n of walk) state.set(n, 'done');
  }
  return names.filter((n) => dnsLabelRe.test(n) && n.length <= 63);
}

interface CheckedApp {
  index: number;
  app: AppConfig;
}

function checkApps(list: unknown[], registry: string | undefined, envNames: string[], problems: Problems): AppConfig[] {
  const firstIndex = new Map<string, number>();
  const checked: CheckedApp[] = [];
  // Templates found sound for an app whose name is a DNS label: a DNS label put in for {app}
  // cannot make a path leave the repository, so the same template is sound for every such app.
  const soundTemplates = new Set<string>();
  list.forEach((a, i) => {
    if (!isRecord(a)) return;
    const name = str(a.name);
    if (name !== undefined) {
      const first = firstIndex.get(name);
      if (first === undefined) firstIndex.set(name, i);
      else problems.add(['apps', i, 'name'], `duplicate app name ${quote(name)} (also apps[${first}])`);
    }
    const appRegistry = str(a.registry);
    if (appRegistry !== undefined) checkRegistry(appRegistry, ['apps', i, 'registry'], problems);
    const image = str(a.image);
    const resolvedRegistry = appRegistry ?? registry;
    if (image !== undefined) {
      const message = checkImage(image, resolvedRegistry);
      if (message) problems.add(['apps', i, 'image'], message);
    }
    const manifest = str(a.manifest);
    if (manifest !== undefined && !(soundTemplates.has(manifest) && isDnsLabel(name))) {
      const messages = checkManifestTemplate(manifest, envNames, name ?? 'app');
      for (const m of messages) problems.add(['apps', i, 'manifest'], m);
      if (messages.length === 0 && isDnsLabel(name)) soundTemplates.add(manifest);
    }
    const pin = inferPin(a, i, problems);
    if (problems.touches(['apps', i]) || name === undefined || image === undefined || manifest === undefined || resolvedRegistry === undefined || !pin) return;
    checked.push({ index: i, app: { name, registry: resolvedRegistry, image, manifest, pin } });
  });
  checkPinConflicts(checked, envNames, problems);
  return checked.map((c) => c.app);
}

/**
 * A registry host as ferry.yaml is to give it: a host name or address with an optional port, in
 * lowercase (an image's host is compared with it as written, and DNS names are lowercase).
 */
function checkRegistry(registry: string, path: Path, problems: Problems): void {
  if (!isRegistry(registry)) problems.add(path, `expected ${REGISTRY}, found ${quoteAscii(registry)}`);
  else if (registry !== registry.toLowerCase()) problems.add(path, `expected the registry host in lowercase (an image's registry is compared with it as written), found ${quote(registry)} (write ${quote(registry.toLowerCase())})`);
}

function checkImage(image: string, registry: string | undefined): string | undefined {
  if (registry !== undefined && image.startsWith(`${registry}/`)) {
    return `expected the repository under the registry, without the registry, found ${quote(image)} (write ${quote(image.slice(registry.length + 1))})`;
  }
  // A registry with a port, or localhost, in front: no repository path holds a ':' or is localhost.
  const first = image.slice(0, image.indexOf('/'));
  if (image.includes('/') && (first.includes(':') || first === 'localhost') && isImageName(image)) {
    return `expected the repository under the registry, without a registry, found ${quote(image)} (write ${quote(image.slice(first.length + 1))}, and the registry ${quote(first)} as the app's registry or the top-level one)`;
  }
  if (/[:@]/.test(image) && isRepository(image.split(/[:@]/)[0] ?? '')) {
    return `expected a repository without tag or digest (Ferry pins those), found ${quote(image)}`;
  }
  return isRepository(image) ? undefined : `expected ${REPOSITORY}, found ${quote(image)}`;
}

/** The manifest template: known placeholders, `{env}` present, and a path that stays inside the repository. */
function checkManifestTemplate(template: string, envNames: string[], app: string): string[] {
  const example = `like ${quote(`{env}/${app}/kustomization.yaml`)}`;
  const messages: string[] = [];
  for (const m of template.matchAll(placeholderRe)) {
    if (m[1] !== 'env' && m[1] !== 'app') messages.push(`unknown placeholder ${quote(m[0])} in ${quote(template)} (expected {env} and {app})`);
  }
  if (/[{}]/.test(template.replace(placeholderRe, ''))) {
    messages.push(`${quote(template)} has a "{" or "}" that is not part of a placeholder (expected {env} and {app})`);
  }
  if (!template.includes('{env}')) {
    messages.push(`${quote(template)} has no {env}: expected a path with one file per environment, ${example}`);
  }
  const reasons = new Set<string>();
  for (const env of envNames.length ? envNames : ['env']) {
    for (const r of pathEscapes(substitute(template, env, app))) reasons.add(r);
  }
  for (const r of reasons) messages.push(`${quote(template)} ${r}; expected a path relative to the repository root that stays inside it, ${example}`);
  return messages;
}

/** Why `path` is not a plain relative path inside the repository (none: it is). */
function pathEscapes(path: string): string[] {
  const reasons: string[] = [];
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) reasons.push('contains a control character');
  if (path.includes('\\')) reasons.push('contains a backslash (directories are separated by "/")');
  const absolute = path.startsWith('/');
  if (absolute) reasons.push('is an absolute path');
  const segments = (absolute ? path.replace(/^\/+/, '') : path).split('/');
  if (segments.includes('..')) reasons.push('leaves the repository (a ".." segment)');
  if (segments.includes('.')) reasons.push('has a "." segment');
  if (segments.includes('')) reasons.push('has an empty segment ("//", or a "/" at the end)');
  if (segments.some((s) => s.toLowerCase() === '.git')) reasons.push('is inside .git/');
  return reasons;
}

/** The pin key the app sets, or the one its kustomization file implies. */
function inferPin(a: Json, i: number, problems: Problems): PinConfig | undefined {
  const set = PIN_KEYS.filter((k) => a[k] !== undefined);
  if (set.length > 1) return undefined; // the schema said so
  const image = str(a.image) ?? '';
  if (set[0] === 'kustomize' && isRecord(a.kustomize)) return { kind: 'kustomize', name: str(a.kustomize.name) ?? image };
  if (set[0] === 'helm' && isRecord(a.helm)) {
    const { digest, tag, repository } = a.helm;
    if (typeof digest !== 'string') return undefined;
    const pin: PinConfig = { kind: 'helm', digest };
    if (typeof tag === 'string') pin.tag = tag;
    if (typeof repository === 'string') pin.repository = repository;
    const paths = [digest, tag, repository].filter((p): p is string => typeof p === 'string');
    if (new Set(paths).size !== paths.length) {
      problems.add(['apps', i, 'helm'], `expected different paths for digest, tag and repository, found ${paths.map((p) => quote(p)).join(', ')}`);
    }
    return pin;
  }
  if (set[0] === 'container' && isRecord(a.container)) {
    const { name, resource, kind } = a.container;
    if (typeof name !== 'string') return undefined;
    const pin: PinConfig = { kind: 'container', container: name };
    if (typeof resource === 'string') pin.resource = resource;
    if (typeof kind === 'string') pin.resourceKind = kind;
    return pin;
  }
  if (set.length) return undefined;
  const manifest = str(a.manifest);
  if (manifest === undefined || problems.touches(['apps', i, 'manifest'])) return undefined;
  const file = basename(manifest);
  if (KUSTOMIZATION_FILE_NAMES.includes(file)) return { kind: 'kustomize', name: image };
  const add = /^values([.-][^/]*)?\.ya?ml$/.test(file)
    ? 'add helm: { digest: <dotted path of the digest value, like image.digest> }'
    : 'add kustomize: { name: <images: entry> }, helm: { digest: <dotted path> } or container: { name: <container name> }';
  problems.add(['apps', i], `cannot tell where the image is pinned in ${quote(file)} (not a kustomization file): ${add}`);
  return undefined;
}

/** Two apps may not pin the same thing in the same file. */
function checkPinConflicts(apps: CheckedApp[], envNames: string[], problems: Problems): void {
  // Only apps whose manifests are the same file can collide: group by file in each environment
  // and compare within a group (linear in the number of apps, not quadratic). A pair is reported
  // once, naming the first environment where it collides.
  // Apps of one template with {app} in it never share a file: their names differ (a name given
  // twice is a problem already), and every {app} of a path holds the same name, so paths of the
  // same length put it at the same places. Common enough (one layout for every app) to skip the rest.
  const first = apps[0]?.app.manifest;
  if (first?.includes('{app}') && apps.every((a) => a.app.manifest === first)) return;
  const reported = new Set<string>();
  for (const env of envNames) {
    const byFile = new Map<string, CheckedApp[]>();
    for (const b of apps) {
      const file = substitute(b.app.manifest, env, b.app.name);
      const earlier = byFile.get(file);
      if (!earlier) {
        byFile.set(file, [b]);
        continue;
      }
      for (const a of earlier) {
        const pair = `${a.index}:${b.index}`;
        if (reported.has(pair)) continue;
        const target = sharedTarget(a.app.pin, b.app.pin);
        if (target === undefined) continue;
        reported.add(pair);
        problems.add(
          ['apps', b.index, 'manifest'],
          `apps[${b.index}] (${quote(b.app.name)}) and apps[${a.index}] (${quote(a.app.name)}) both pin ${target} in ${quote(file)}; give each app its own file or its own pin`,
        );
      }
      earlier.push(b);
    }
  }
}

/** What two pins both write, in words, or undefined when they write different things. */
function sharedTarget(a: PinConfig, b: PinConfig): string | undefined {
  if (a.kind === 'kustomize' && b.kind === 'kustomize') return a.name === b.name ? `the images: entry ${quote(a.name)}` : undefined;
  if (a.kind === 'helm' && b.kind === 'helm') {
    const pa = [a.digest, a.tag, a.repository].filter((p): p is string => p !== undefined);
    const pb = [b.digest, b.tag, b.repository].filter((p): p is string => p !== undefined);
    for (const x of pa) for (const y of pb) if (x === y || x.startsWith(`${y}.`) || y.startsWith(`${x}.`)) return `the value ${quote(x.length <= y.length ? x : y)}`;
    return undefined;
  }
  if (a.kind === 'container' && b.kind === 'container') {
    const same = (x?: string, y?: string) => x === undefined || y === undefined || x === y;
    return a.container === b.container && same(a.resource, b.resource) && same(a.resourceKind, b.resourceKind) ? `the container ${quote(a.container)}` : undefined;
  }
  return undefined;
}
