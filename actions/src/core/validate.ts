import { loadTemplate } from './analysis-gate.js';
import { ferryArgs, resolveAnalysis, secretEnvName } from './analysis-template.js';
import { argocdSourceFindings, type ListDirectories, type PinnedManifest } from './argocd-source.js';
import { readBlocklist } from './blocklist.js';
import { configData, configLocator, locatedParse, yamlLines, type ConfigLocate } from './config-located.js';
import { manifestPath, type AppConfig, type FerryConfig, type PinConfig } from './config.js';
import { CONFIG_FILE, readConfig } from './env-repo-config.js';
import type { EnvRepoSnapshot } from './env-repo-writer.js';
import { ConfigurationError, quote, type Problem } from './errors.js';
import schema from './ferry-config.schema.json' with { type: 'json' };
import { pinProblem, pinnedImageProblems, readPinnedImageAt, type LocatedPin, type PinPlace } from './image-pin.js';
import { imagePolicyMarkerWarnings } from './image-policy-markers.js';
import { DIGEST } from './image-ref.js';
import { zoneWarning } from './freeze-window.js';
import { missingKey, readHelmValues } from './helm-values.js';
import { readKustomizeImage } from './kustomize-images.js';
import { renderTargets, renderedPinProblems, type KustomizeBuilder } from './kustomize-render.js';
import { kustomizationBesideFindings } from './kustomization-beside.js';
import { unmatchedKustomizePins, type KustomizePin, type ReadFiles } from './kustomize-resources.js';
import { staleWorkloadCopies } from './workload-copies.js';
import { readWorkloadContainer } from './workload-container.js';
import { asMap, asSeq, assertNotShared, findPair, parseYaml } from './yaml-splice.js';
import { LineCounter, parseDocument } from 'yaml';

export interface ValidateResult {
  status: 'succeeded' | 'failed';
  problems: Problem[];
  /**
   * What is not wrong in the repository but will stop a command unless it is given something at
   * run time (an analysis gate without prometheus.address needs promote's --prometheus). They do
   * not fail validation.
   */
  warnings: Problem[];
  /** How many app × environment manifests were checked. */
  checked: number;
  /** With a KustomizeBuilder (validate --render): how many kustomization directories were rendered. */
  rendered?: number;
}

export interface ValidateOptions {
  /**
   * Renders each kustomize pin's directory with kustomize, and checks that the image pinned is the
   * image of a container in the output (kustomize-render.ts): what the static check cannot follow.
   */
  render?: KustomizeBuilder;
}

/**
 * Validates ferry.yaml and every manifest it pins at `snapshot`, reporting every problem at once:
 * when ferry.yaml has problems, the manifests of its sound part are still checked (salvageConfig).
 * `readFiles` reads many files of the snapshot in one go; a file it cannot take as text is that
 * file's problem (a ConfigurationError in place of its text), reported with all the others.
 */
export async function validateEnvRepo(snapshot: EnvRepoSnapshot, readFiles: ReadFiles, options: ValidateOptions = {}): Promise<ValidateResult> {
  let config: FerryConfig;
  let appIndexes: readonly number[] | undefined;
  const configProblems: Problem[] = [];
  try {
    config = await readConfig(snapshot);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    configProblems.push(...error.problems);
    // A ferry.yaml that cannot be read as text (not UTF-8, a link) is that problem, already
    // reported: nothing to salvage, and blocked.yaml is still checked.
    const text = await snapshot.readFile(CONFIG_FILE).catch((again: unknown) => {
      if (again instanceof ConfigurationError) return undefined;
      throw again;
    });
    const salvaged = text === undefined ? undefined : salvageConfig(text, CONFIG_FILE);
    if (!salvaged) {
      const problems = [...configProblems, ...(await blocklistProblems(snapshot))];
      return { status: 'failed', problems, warnings: [], checked: 0 };
    }
    ({ config, appIndexes } = salvaged);
  }
  const paths = config.apps.flatMap((app) => config.environments.map((env) => manifestPath(app, env.name)));
  const files = await readFiles(paths);
  const manifests = validateManifests(config, files, appIndexes);
  // A kustomize pin that no image of what its kustomization builds takes (the files that follow
  // from the pinned ones are read level by level, for every pin at once).
  const pins: KustomizePin[] = [];
  for (const app of config.apps) {
    if (app.pin.kind !== 'kustomize') continue;
    for (const env of config.environments) {
      const file = manifestPath(app, env.name);
      const text = files.get(file);
      if (typeof text === 'string') pins.push({ file, text, name: app.pin.name });
    }
  }
  const unmatched = await unmatchedKustomizePins(pins, readFiles);
  // Rendered: the pins that have no problem yet (one the static check found would be repeated).
  let render: { problems: Problem[]; rendered: number } | undefined;
  if (options.render) {
    const reported = new Set([...manifests.problems, ...unmatched].map((p) => p.file).filter((f): f is string => f !== undefined));
    render = await renderedPinProblems(renderTargets(config, files, reported), options.render, readFiles);
  }
  // Other writers of the pins: Argo CD parameter overrides beside a manifest (one listing of the
  // manifests' directories), and Flux image automation markers on a pinned line.
  // A kustomization file beside a container or Helm pin (Argo CD then builds the directory with
  // kustomize) is found in the same listing.
  const pinned = pinnedManifests(config, files);
  const list = listedOnce(listDirectories(snapshot));
  const overrides = await argocdSourceFindings(pinned, list, readFiles, snapshot.readLinks && ((paths) => snapshot.readLinks!(paths)));
  const beside = await kustomizationBesideFindings(pinned, list, readFiles);
  const problems = [...configProblems, ...manifests.problems, ...unmatched, ...staleWorkloadCopies(config, files), ...(render?.problems ?? []), ...overrides.problems, ...beside.problems, ...(await blocklistProblems(snapshot)), ...(await analysisProblems(snapshot, config))];
  const text = await snapshot.readFile(config.file).catch((error: unknown) => {
    if (error instanceof ConfigurationError) return undefined;
    throw error;
  });
  const at = configLocator(text);
  const warnings = [...prometheusWarnings(config, at), ...freezeZoneWarnings(config, at), ...overrides.warnings, ...beside.warnings, ...markerWarnings(config, files)];
  return { status: problems.length ? 'failed' : 'succeeded', problems, warnings, checked: manifests.checked, ...(render ? { rendered: render.rendered } : {}) };
}

type Locate = ConfigLocate;

/** Every manifest ferry.yaml pins that is there (read as text). */
function pinnedManifests(config: FerryConfig, files: ReadonlyMap<string, string | undefined | ConfigurationError>): PinnedManifest[] {
  return config.apps.flatMap((app) => config.environments.map((env) => ({ app, env: env.name, file: manifestPath(app, env.name) })))
    .filter((p) => typeof files.get(p.file) === 'string');
}

/** The snapshot's listing of directories: all together where it can, else one by one; none where it cannot list. */
function listDirectories(snapshot: EnvRepoSnapshot): ListDirectories {
  return async (dirs) => {
    if (snapshot.listFilesIn) return snapshot.listFilesIn(dirs);
    const out = new Map<string, string[]>();
    for (const dir of dirs) out.set(dir, (await snapshot.listFiles?.(dir)) ?? []);
    return out;
  };
}

/** `list`, each directory listed once: a second caller asking for directories listed already reads nothing. */
function listedOnce(list: ListDirectories): ListDirectories {
  const known = new Map<string, readonly string[]>();
  return async (dirs) => {
    const missing = [...new Set(dirs)].filter((d) => !known.has(d));
    if (missing.length) {
      const listed = await list(missing);
      for (const dir of missing) known.set(dir, listed.get(dir) ?? []);
    }
    return new Map(dirs.map((d) => [d, known.get(d)!]));
  };
}

/**
 * Flux image automation markers on the lines of the pins (image-policy-markers.ts), once per
 * manifest (a file that pins several apps, or one app in several environments, is read once per pin).
 */
function markerWarnings(config: FerryConfig, files: ReadonlyMap<string, string | undefined | ConfigurationError>): Problem[] {
  const warnings = new Map<string, Problem>();
  for (const app of config.apps) {
    for (const env of config.environments) {
      const file = manifestPath(app, env.name);
      const text = files.get(file);
      if (typeof text !== 'string' || !text.includes('$imagepolicy')) continue;
      let located: LocatedPin;
      try {
        located = readPinnedImageAt(text, file, app.pin);
      } catch (error) {
        if (error instanceof ConfigurationError) continue; // (a problem of its own, reported)
        throw error;
      }
      for (const w of imagePolicyMarkerWarnings(file, text, located)) warnings.set(`${w.file}:${w.line}`, w);
    }
  }
  return [...warnings.values()].sort((a, b) => (a.file! < b.file! ? -1 : a.file! > b.file! ? 1 : a.line! - b.line!));
}

/** A freeze window in a zone that reads like another (zoneWarning(): EST, MST in any case, Etc/GMT+N): a warning at its timezone, naming the zone likely meant. */
export function freezeZoneWarnings(config: FerryConfig, locate: Locate): Problem[] {
  const warnings: Problem[] = [];
  config.environments.forEach((env, i) => {
    (env.gates?.freeze ?? []).forEach((w, j) => {
      const message = zoneWarning(w.timezone);
      if (!message) return;
      warnings.push({ file: config.file, ...locate(['environments', i, 'gates', 'freeze', j, 'timezone']), field: `environments[${i}].gates.freeze[${j}].timezone`, message });
    });
  });
  return warnings;
}

/**
 * An environment whose gates query Prometheus (analysis, compare) while ferry.yaml names none:
 * every promotion into it fails unless it is given the address (`--prometheus`, the promote
 * action's `prometheus` input), a legitimate way to give it (a runner's own address), hence a
 * warning. Located at the gate in ferry.yaml when it can be found there.
 */
export function prometheusWarnings(config: FerryConfig, locate: Locate): Problem[] {
  if (config.prometheus) return passwordWarnings(config, locate);
  const warnings: Problem[] = [];
  config.environments.forEach((env, i) => {
    const gates = [env.gates?.analysis?.length ? 'analysis' : undefined, env.gates?.compare ? 'compare' : undefined].filter((g): g is string => g !== undefined);
    const [first] = gates;
    if (!first) return;
    const field = `environments[${i}].gates.${first}`;
    warnings.push({
      file: config.file, ...locate(['environments', i, 'gates'], first), field,
      message: `the ${gates.join(' and ')} gates of ${quote(env.name)} query Prometheus, and ${config.file} has no prometheus.address: a promotion to ${quote(env.name)} fails unless it is given one (ferry promote --prometheus <url>, or the promote action's prometheus input); set prometheus: { address: <url> } in ${config.file}, unless every promotion to ${quote(env.name)} passes it`,
    });
  });
  return warnings;
}

/**
 * A password in prometheus.address: ferry.yaml is committed, so it is in the repository's history
 * for good (Ferry sends it, as Basic auth, and never shows it). The address with its password
 * belongs in a secret given at run time; the password itself is not repeated here.
 */
function passwordWarnings(config: FerryConfig, locate: Locate): Problem[] {
  let password = '';
  try {
    password = new URL(config.prometheus!.address).password;
  } catch {
    return []; // (the schema's business)
  }
  if (!password) return [];
  return [{
    file: config.file, ...locate(['prometheus', 'address']), field: 'prometheus.address',
    message: `the address holds a password, which is now in the history of the repository (${config.file} is committed): change the password, remove it from ${config.file}, and give the address with it at run time from a secret (ferry promote --prometheus <url>, or the promote action's prometheus input), or use bearerTokenEnv`,
  }];
}

/**
 * The problems of every analysis template the gates name: it exists, loads (Ferry refuses what
 * would pass without evidence), and resolves with the args Ferry supplies (others need defaults).
 */
async function analysisProblems(snapshot: EnvRepoSnapshot, config: FerryConfig): Promise<Problem[]> {
  const uses = new Map<string, string[]>();
  for (const env of config.environments) {
    for (const name of env.gates?.analysis ?? []) if (!uses.has(name)) uses.set(name, []);
    for (const m of env.gates?.compare?.metrics ?? []) {
      const metrics = uses.get(m.template);
      if (metrics) metrics.push(m.metric);
      else uses.set(m.template, [m.metric]);
    }
  }
  const problems: Problem[] = [];
  const digest = `sha256:${'0'.repeat(64)}`;
  const example = `registry.example.com/app:1.0.0@${digest}`;
  for (const [name, metrics] of uses) {
    try {
      const template = await loadTemplate(snapshot, name, config);
      const args = ferryArgs(template, { app: 'app', env: 'env', image: example, tag: '1.0.0', digest, 'previous-image': example, 'previous-tag': '1.0.0', 'previous-digest': digest });
      // Secret args are read at promotion time; here any value shows the template resolves.
      const env = Object.fromEntries(template.args.filter((a) => a.secretKeyRef).map((a) => [secretEnvName(a.secretKeyRef!.name, a.secretKeyRef!.key), 'x']));
      resolveAnalysis(template, args, { env, prometheusAddress: 'http://prometheus.invalid:9090', nowMs: Date.UTC(2026, 0, 1) });
      for (const metric of metrics) {
        if (!template.metrics.some((m) => m.name === metric)) problems.push({ file: template.file, message: `ferry.yaml compares metric ${JSON.stringify(metric)} of template ${JSON.stringify(name)}, which has no such metric (metrics: ${template.metrics.map((m) => m.name).join(', ')})` });
      }
    } catch (error) {
      if (error instanceof ConfigurationError) problems.push(...error.problems);
      else throw error;
    }
  }
  return problems;
}

/** The problems of blocked.yaml, when there is one. */
async function blocklistProblems(snapshot: EnvRepoSnapshot): Promise<Problem[]> {
  try {
    await readBlocklist(snapshot);
    return [];
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
}

/**
 * Checks every pinned manifest against the config: the file exists, its pin is found exactly
 * once, every part of it could be part of an image reference (tag grammar, sha256 digest), it
 * is pinned by digest, and it names the app's registry and repository. Each problem is located
 * at the value (or where the missing key belongs), with its field.
 * `appIndexes[i]` is the index in ferry.yaml of `config.apps[i]` (when some apps were left out).
 */
export function validateManifests(config: FerryConfig, files: ReadonlyMap<string, string | undefined | ConfigurationError>, appIndexes?: readonly number[]): Omit<ValidateResult, 'warnings'> {
  const problems: Problem[] = [];
  let checked = 0;
  config.apps.forEach((app, i) => {
    const index = appIndexes?.[i] ?? i;
    for (const env of config.environments) {
      const file = manifestPath(app, env.name);
      checked++;
      const text = files.get(file);
      if (text instanceof ConfigurationError) { // (not text: not UTF-8, a symbolic link)
        problems.push(...text.problems);
        continue;
      }
      if (text === undefined) {
        problems.push({ file, field: `apps[${index}].manifest`, message: `app "${app.name}" pins its image here for environment "${env.name}", but there is no such file` });
        continue;
      }
      try {
        problems.push(...pinProblems(file, readPinnedImageAt(text, file, app.pin), app, text));
      } catch (error) {
        if (error instanceof ConfigurationError) problems.push(...error.problems);
        else throw error;
      }
    }
  });
  return { status: problems.length ? 'failed' : 'succeeded', problems, checked };
}

/**
 * The problems of one app's pin, in file order (status marks the rows that have any). With the
 * manifest's `text`, also what every write (bump, promote, rollback) refuses before it edits:
 * a part whose value is an alias or is shared through an anchor (unwritablePinProblems).
 */
export function pinProblems(file: string, located: LocatedPin, app: AppConfig, text?: string): Problem[] {
  const { pinned, places } = located;
  const expected = `${app.registry}/${app.image}`;
  // The name is checked against the app's image (which is a valid name), not only for its form.
  const problems = pinnedImageProblems(file, located, { name: false });
  if (text !== undefined) problems.push(...unwritablePinProblems(text, file, app.pin));
  if (places.name && pinned.name !== expected) {
    const whole = places.name.whole;
    const message = whole !== undefined
      ? `expected an image of ${quote(expected)} (app ${quote(app.name)} in ferry.yaml), found ${quote(whole, 300)}`
      : `expected ${quote(expected)} (the image of app ${quote(app.name)} in ferry.yaml), found ${describeFound(places.name, pinned.name)}`;
    problems.push(pinProblem(file, places.name, message));
  }
  // A tag path the values file lacks (the digest's and the repository's are reported below and above).
  if (app.pin.kind === 'helm' && app.pin.tag !== undefined && places.tag && !places.tag.present) {
    problems.push(pinProblem(file, places.tag, `${missingKey(app.pin.tag, places.tag.keys ?? [])}: the chart's tag is configured at ${quote(app.pin.tag)} (helm.tag of app ${quote(app.name)} in ferry.yaml), which this file does not have; fix the path in ferry.yaml, or add the key to the file`));
  }
  if (pinned.digest === undefined) {
    const at = places.digest;
    const found = at.whole !== undefined ? quote(at.whole, 300) : at.present ? (at.kind ?? 'an empty value') : 'nothing';
    const expectedDigest = at.whole !== undefined ? `registry/repository[:tag]@${DIGEST}` : DIGEST;
    problems.push(pinProblem(file, at, `the image of app ${quote(app.name)} is not pinned by digest: expected ${expectedDigest}, found ${found}`));
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/**
 * What every write refuses in a pin, in the writers' own words (yaml-splice.ts assertNotShared,
 * which each of them runs on every part before it edits it): a part whose value is an alias
 * (`digest: *d`), or is anchored and used by an alias elsewhere, or sits inside such a node; a
 * missing part is inserted into its mapping, which must not be shared either. `text` parses
 * (the pin was read from it).
 */
export function unwritablePinProblems(text: string, file: string, pin: PinConfig): Problem[] {
  // Nothing is shared in a file without an alias (`*name`): no second parse (status reads
  // thousands of manifests).
  if (!text.includes('*')) return [];
  const y = parseYaml(text, file);
  const { slots } = pin.kind === 'kustomize' ? readKustomizeImage(y, pin.name) : pin.kind === 'helm' ? readHelmValues(y, pin) : readWorkloadContainer(y, pin);
  const problems = new Map<string, Problem[]>();
  for (const slot of [slots.name, slots.tag, slots.digest]) {
    if (!slot) continue;
    const map = asMap(slot.parent);
    const value = map ? findPair(map, slot.key)?.value : asSeq(slot.parent)?.items[Number(slot.key)];
    // A missing item of a sequence is not inserted (the write refuses it for that).
    const node = value ?? (map ? slot.parent : undefined);
    if (!node) continue;
    // Parts in one shared node (an anchored entry), or of one value (a container's image): the
    // problem once, about the first part, as the write (which edits them in this order) says it.
    const [start, end] = node.range;
    const shared = y.shared.find((n) => n.start <= start && end <= n.end);
    const key = shared ? `${shared.start}-${shared.end}` : `${start}`;
    if (problems.has(key)) continue;
    try {
      assertNotShared(y, node, slot.field);
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      problems.set(key, error.problems);
    }
  }
  return [...problems.values()].flat();
}

/** The value found at a name's place: quoted, or what stands for it when the file has none. */
function describeFound(at: PinPlace, name: string | undefined): string {
  if (at.present) return name === undefined ? (at.kind ?? 'an empty value') : quote(name);
  return name === undefined ? 'nothing' : `no value (the image keeps its name ${quote(name)})`;
}

/**
 * The sound part of a ferry.yaml that has problems, so that the manifests it names can still be
 * checked: unknown keys are left out, then every app and every environment's gates that still
 * have a problem. Undefined when the YAML does not parse or what remains is still not a valid
 * config (the environments or the registry are wrong): the manifests cannot be located then.
 * Every manifest path comes from a config that locatedParse (parseConfig's reference reading)
 * accepted, so none leaves the repository.
 */
export function salvageConfig(text: string, file: string): { config: FerryConfig; appIndexes: number[] } | undefined {
  // (Read as locatedParse reads it: lone CRs are line breaks, and the same bound on aliases.)
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlLines(text), { uniqueKeys: true, lineCounter });
  if (doc.errors.length) return undefined;
  let data: unknown;
  try {
    data = configData(doc, lineCounter, file);
  } catch {
    return undefined;
  }
  if (!isRecord(data)) return undefined;
  removeUnknownKeys(data, schema);
  let apps = Array.isArray(data.apps) ? data.apps.map((value: unknown, index) => ({ value, index })) : [];
  const environments: unknown[] = Array.isArray(data.environments) ? data.environments : [];
  for (let round = 0; round < 3; round++) {
    let problems: Problem[];
    try {
      const config = locatedParse(JSON.stringify({ ...data, apps: apps.map((a) => a.value) }), file);
      return { config, appIndexes: apps.map((a) => a.index) };
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      problems = error.problems;
    }
    const drop = new Set<number>();
    for (const p of problems) {
      const app = /^apps\[(\d+)\]/.exec(p.field ?? '');
      const gates = /^environments\[(\d+)\]\.gates(?:$|[.[])/.exec(p.field ?? '');
      const env = gates ? environments[Number(gates[1])] : undefined;
      if (app) drop.add(Number(app[1]));
      else if (isRecord(env)) delete env.gates;
      else return undefined;
    }
    apps = apps.filter((_, i) => !drop.has(i));
  }
  return undefined;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deletes, in place, the keys the schema does not know (`additionalProperties: false`). */
function removeUnknownKeys(value: unknown, node: Json): void {
  const ref = typeof node.$ref === 'string' ? /^#\/definitions\/(.+)$/.exec(node.$ref)?.[1] : undefined;
  const definitions = schema.definitions as Record<string, Json>;
  const s = ref !== undefined && definitions[ref] ? definitions[ref] : node;
  if (isRecord(value) && isRecord(s.properties)) {
    const properties = s.properties as Record<string, Json>;
    for (const key of Object.keys(value)) {
      if (properties[key]) removeUnknownKeys(value[key], properties[key]);
      else if (s.additionalProperties === false) delete value[key];
    }
  } else if (Array.isArray(value) && isRecord(s.items)) {
    for (const item of value) removeUnknownKeys(item, s.items);
  }
}
