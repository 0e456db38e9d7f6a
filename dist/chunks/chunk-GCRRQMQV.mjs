import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  argocdSourceFindings,
  filesBeside
} from "./chunk-CDOKLMGQ.mjs";
import {
  configData,
  configLocator,
  locatedParse,
  yamlLines
} from "./chunk-B7KVX5GV.mjs";
import {
  ferryArgs,
  loadTemplate,
  resolveAnalysis,
  secretEnvName
} from "./chunk-JNCKD7W6.mjs";
import {
  KUSTOMIZATION_FILES,
  containerImages,
  entryPath,
  isRecord,
  load,
  present,
  unmatchedKustomizePins
} from "./chunk-KUUM52MP.mjs";
import {
  readBlocklist
} from "./chunk-5BMCYQN7.mjs";
import {
  readConfig
} from "./chunk-736OWXYZ.mjs";
import {
  FAILSAFE_SCHEMA,
  loadAll
} from "./chunk-QKVPLPRY.mjs";
import {
  manifestPath,
  zoneWarning
} from "./chunk-TWBHTREK.mjs";
import {
  asMap,
  asSeq,
  assertNotShared,
  findPair,
  imageMatches,
  locateKustomizeEntry,
  missingKey,
  parseYaml,
  pinProblem,
  pinnedImageProblems,
  readHelmValues,
  readKustomizeImage,
  readPinnedImageAt,
  readWorkloadContainer,
  splitImage
} from "./chunk-6XHYADCA.mjs";
import {
  require_dist
} from "./chunk-C4OZCMLB.mjs";
import {
  CONFIG_FILE
} from "./chunk-VVEEDHSD.mjs";
import {
  DIGEST
} from "./chunk-FD6ZWLQC.mjs";
import {
  ConfigurationError,
  quote
} from "./chunk-4TMDRVSR.mjs";
import {
  __toESM
} from "./chunk-WBKKXVG2.mjs";

// actions/src/core/ferry-config.schema.json
var ferry_config_schema_default = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "ferry.yaml",
  description: "The configuration of a Ferry environment repository: where images come from, the environments an image is promoted through, and where each app's image is pinned.",
  type: "object",
  additionalProperties: false,
  required: ["registry", "environments", "apps"],
  properties: {
    registry: {
      description: "The registry host (with an optional port), in lowercase, that apps' images come from, e.g. 123456789012.dkr.ecr.eu-central-1.amazonaws.com. An app may name its own.",
      type: "string"
    },
    environments: {
      description: "The environments, each promoted from at most one other. Exactly one environment has no promoteFrom: it is where new images land.",
      type: "array",
      minItems: 1,
      items: { $ref: "#/definitions/environment" }
    },
    apps: {
      description: "The apps whose images Ferry pins, one manifest file per app and environment.",
      type: "array",
      items: { $ref: "#/definitions/app" }
    },
    prometheus: { $ref: "#/definitions/prometheus" }
  },
  definitions: {
    dnsLabel: {
      description: "A DNS label (RFC 1123): lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters.",
      type: "string",
      maxLength: 63,
      pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
    },
    duration: {
      description: "A duration: whole numbers with units d, h, m, s, largest first, e.g. 45s, 30m, 2h, 1h30m, 1d.",
      type: "string",
      pattern: "^(?=[0-9])([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?$"
    },
    dottedPath: {
      description: "A dotted path into a Helm values file, e.g. image.digest.",
      type: "string",
      pattern: "^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$"
    },
    freezeWindow: {
      description: "A freeze window in a named time zone: weekly ('Fri 16:00' to 'Mon 08:00') or between two dates ('2026-12-20' or '2026-12-20 18:00'). A date without a time is the start of that day as 'from' and its end as 'to' ('2026-12-24' to '2026-12-26' freezes the 26th too); a time as 'to' is the first minute not frozen.",
      type: "object",
      additionalProperties: false,
      required: ["from", "to", "timezone"],
      properties: {
        from: { type: "string", pattern: "^((Mon|Tue|Wed|Thu|Fri|Sat|Sun) [0-2][0-9]:[0-5][0-9]|[0-9]{4}-[0-1][0-9]-[0-3][0-9]( [0-2][0-9]:[0-5][0-9])?)$" },
        to: { type: "string", pattern: "^((Mon|Tue|Wed|Thu|Fri|Sat|Sun) [0-2][0-9]:[0-5][0-9]|[0-9]{4}-[0-1][0-9]-[0-3][0-9]( [0-2][0-9]:[0-5][0-9])?)$" },
        timezone: { description: "An IANA time zone, like Europe/Berlin or UTC.", type: "string", minLength: 1 }
      }
    },
    environment: {
      description: "An environment: a set of manifest files that Argo CD applies to one place.",
      type: "object",
      additionalProperties: false,
      required: ["name"],
      properties: {
        name: {
          description: "The environment's name, used for {env} in manifest paths.",
          $ref: "#/definitions/dnsLabel"
        },
        promoteFrom: {
          description: "The environment whose images are promoted into this one. Omitted for exactly one environment: the first.",
          $ref: "#/definitions/dnsLabel"
        },
        gates: { $ref: "#/definitions/gates" }
      }
    },
    gates: {
      description: "What must hold before an image is promoted into this environment.",
      type: "object",
      additionalProperties: false,
      properties: {
        soak: {
          description: "How long the image must have run in the promoteFrom environment.",
          $ref: "#/definitions/duration"
        },
        analysis: {
          description: "Names of analysis templates (in analysis/) that must pass against the promoteFrom environment.",
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/dnsLabel" }
        },
        compare: { $ref: "#/definitions/compare" },
        approvals: {
          description: "How many people other than the requester must approve.",
          type: "integer",
          minimum: 0
        },
        freeze: {
          description: "Windows during which promotions into this environment are refused.",
          type: "array",
          items: { $ref: "#/definitions/freezeWindow" }
        }
      }
    },
    prometheus: {
      description: "The Prometheus that analysis gates query, as this runner reaches it. It replaces every template's provider.prometheus.address (an in-cluster address a CI runner cannot reach).",
      type: "object",
      additionalProperties: false,
      required: ["address"],
      properties: {
        address: { description: "Base URL, e.g. http://prometheus.example.com:9090 or https://aps-workspaces.eu-central-1.amazonaws.com/workspaces/ws-1234.", type: "string", pattern: "^https?://[^\\s]+$" },
        bearerTokenEnv: { description: "The environment variable that holds a bearer token for Prometheus (the token itself never goes into git). Its name starts with PROMETHEUS_ (like PROMETHEUS_TOKEN): whoever edits ferry.yaml chooses where the token is sent, so it may name only a variable meant for Prometheus, never one holding the runner's, git's or Ferry's credentials (GITHUB_TOKEN, ACTIONS_RUNTIME_TOKEN, GIT_CONFIG_VALUE_0, AWS_SECRET_ACCESS_KEY). The token is sent only to an https address, or over http to a loopback one (127.0.0.1, ::1, localhost).", type: "string", pattern: "^PROMETHEUS_[A-Za-z0-9_]+$" },
        sigv4: {
          description: "Sign requests with AWS SigV4 for Amazon Managed Prometheus, with the AWS SDK's credentials (OIDC role on a runner).",
          type: "object",
          additionalProperties: false,
          required: ["region"],
          properties: { region: { type: "string", pattern: "^[a-z]{2}(-[a-z]+)+-[0-9]+$" } }
        }
      }
    },
    compare: {
      description: "Baseline comparison: chosen metrics of the candidate version against a baseline version over a window of the same length, judged with a Mann-Whitney U test as Kayenta judges canaries.",
      type: "object",
      additionalProperties: false,
      required: ["metrics"],
      properties: {
        baseline: { description: "target: the version now in the target environment; previous: the version the candidate replaced in the source environment.", enum: ["target", "previous"] },
        window: { description: "How far back both series reach (default 30m).", $ref: "#/definitions/duration" },
        pass: { description: "Lowest score (0-100) that passes (default 95).", type: "number", minimum: 0, maximum: 100 },
        marginal: { description: "Lowest score (0-100) that is marginal, below pass; marginal stops a promotion too (default 75).", type: "number", minimum: 0, maximum: 100 },
        metrics: {
          type: "array",
          minItems: 1,
          items: {
            type: "object",
            additionalProperties: false,
            required: ["template", "metric", "direction"],
            properties: {
              template: { description: "An analysis template in analysis/.", $ref: "#/definitions/dnsLabel" },
              metric: { description: "The metric of that template whose query is compared.", type: "string", minLength: 1 },
              direction: { description: "Which change is bad: increase (latency, errors), decrease (success rate, throughput) or either.", enum: ["increase", "decrease", "either"] },
              confidence: { description: "Confidence level of the test (default 0.95).", type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 },
              effectSize: { description: "Tolerated relative change, e.g. 0.1 for 10% (default 0).", type: "number", minimum: 0 },
              weight: { description: "Weight in the score (default 1).", type: "number", exclusiveMinimum: 0 },
              critical: { description: "A failing critical metric fails the comparison whatever the score.", type: "boolean" }
            }
          }
        }
      }
    },
    app: {
      description: "An app: its image and the manifest file that pins it in each environment. At most one of kustomize, helm, container; none when the manifest is a kustomization file.",
      type: "object",
      additionalProperties: false,
      required: ["name", "image", "manifest"],
      properties: {
        name: {
          description: "The app's name, used for {app} in manifest paths and in commit messages.",
          $ref: "#/definitions/dnsLabel"
        },
        image: {
          description: "The image repository under the registry, e.g. user-service or team/user-service.",
          type: "string"
        },
        registry: {
          description: "The registry of this app's image, when it is not the top-level registry.",
          type: "string"
        },
        manifest: {
          description: "Path template of the file that pins the image, relative to the repository root; {env} (required) and {app} are substituted.",
          type: "string"
        },
        kustomize: {
          description: "Pin through a kustomize images: entry.",
          type: "object",
          additionalProperties: false,
          properties: {
            name: {
              description: "The name of the images: entry (default: the app's image).",
              type: "string",
              minLength: 1
            }
          }
        },
        helm: {
          description: "Pin through values in a Helm values file.",
          type: "object",
          additionalProperties: false,
          required: ["digest"],
          properties: {
            digest: {
              description: "Dotted path of the value that holds the digest (sha256:...).",
              $ref: "#/definitions/dottedPath"
            },
            tag: {
              description: "Dotted path of the value that holds the tag, if the chart has one.",
              $ref: "#/definitions/dottedPath"
            },
            repository: {
              description: "Dotted path of the value that holds registry/repository, if the chart has one.",
              $ref: "#/definitions/dottedPath"
            }
          }
        },
        container: {
          description: "Pin the image field of a container in a workload manifest.",
          type: "object",
          additionalProperties: false,
          required: ["name"],
          properties: {
            name: {
              description: "The container's name.",
              $ref: "#/definitions/dnsLabel"
            },
            resource: {
              description: "The workload's metadata.name, when the file holds more than one workload.",
              type: "string",
              minLength: 1
            },
            kind: {
              description: "The workload's kind, when the file holds more than one workload.",
              enum: ["Deployment", "StatefulSet", "DaemonSet", "Rollout"]
            }
          }
        }
      },
      not: {
        description: "At most one of kustomize, helm, container.",
        anyOf: [
          { required: ["kustomize", "helm"] },
          { required: ["kustomize", "container"] },
          { required: ["helm", "container"] }
        ]
      }
    }
  }
};

// actions/src/core/image-policy-markers.ts
var MARKER = /(?:^|\s)(#\s*(\{\s*"\$imagepolicy"\s*:\s*"([^"\\]*)"\s*\}))\s*$/;
var SUSPEND = "suspend the ImageUpdateAutomation whose update path holds this file (flux suspend image update <name>) and remove the marker: Ferry pins this value";
function imagePolicyMarkerWarnings(file, text, located) {
  if (!text.includes("$imagepolicy")) return [];
  const lines = text.split("\n");
  const warnings = [];
  const seen = /* @__PURE__ */ new Set();
  const { name, tag, digest } = located.places;
  for (const place of [name, tag, digest]) {
    if (!place?.present || seen.has(place.line)) continue;
    seen.add(place.line);
    const line = (lines[place.line - 1] ?? "").replace(/\r$/, "");
    const m = MARKER.exec(line);
    if (!m) continue;
    const column = line.indexOf(m[1], m.index) + 1;
    warnings.push({ file, line: place.line, column, field: place.field, message: `a Flux image automation marker (${m[2]}): ${whatFluxDoes(m[3])}; ${SUSPEND}` });
  }
  return warnings;
}
function whatFluxDoes(ref) {
  const [namespace, policy, part, ...rest] = ref.split(":");
  const from = `ImagePolicy ${namespace}/${policy}`;
  if (rest.length || policy === void 0) return `Flux rewrites this value from the policy it names`;
  switch (part) {
    case void 0:
      return `Flux sets this value to the latest image (name:tag) of ${from}, dropping the digest Ferry pins`;
    case "tag":
      return `Flux sets this value to the latest tag of ${from}, which then no longer names the digest Ferry pins`;
    case "name":
      return `Flux sets this value to the image name of ${from}`;
    case "digest":
      return `Flux sets this value to the latest digest of ${from}, replacing the digest Ferry pins`;
    default:
      return `Flux rewrites this value from ${from}`;
  }
}

// actions/src/core/kustomize-render.ts
import { posix } from "node:path";
var WORKLOADS = {
  Deployment: ["spec", "template", "spec"],
  StatefulSet: ["spec", "template", "spec"],
  DaemonSet: ["spec", "template", "spec"],
  ReplicaSet: ["spec", "template", "spec"],
  Job: ["spec", "template", "spec"],
  CronJob: ["spec", "jobTemplate", "spec", "template", "spec"],
  Pod: ["spec"],
  Rollout: ["spec", "template", "spec"]
};
function renderTargets(config, files, reported) {
  const targets = [];
  for (const app of config.apps) {
    if (app.pin.kind !== "kustomize") continue;
    for (const env of config.environments) {
      const file = manifestPath(app, env.name);
      const text = files.get(file);
      if (typeof text !== "string" || reported.has(file) || !KUSTOMIZATION_FILES.includes(posix.basename(file))) continue;
      try {
        const { pinned: pinned2 } = readPinnedImageAt(text, file, app.pin);
        if (pinned2.name === void 0 || pinned2.digest === void 0) continue;
        const at = locateKustomizeEntry(parseYaml(text, file), app.pin.name);
        const root = kustomizationRoot(text);
        targets.push({
          env: env.name,
          app: app.name,
          file,
          entry: app.pin.name,
          name: pinned2.name,
          digest: pinned2.digest,
          ...pinned2.tag !== void 0 ? { tag: pinned2.tag } : {},
          line: at.line,
          column: at.column,
          field: at.field,
          ...root?.kind === "Component" ? { component: true } : {}
        });
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
      }
    }
  }
  return targets;
}
async function renderedPinProblems(targets, builder, readFiles) {
  const reader = new TreeReader(readFiles);
  const problems = [];
  const byDir = /* @__PURE__ */ new Map();
  const overlays = await componentOverlays(targets.filter((t) => t.component), reader);
  for (const t of targets) {
    const own = posix.dirname(t.file) === "." ? "" : posix.dirname(t.file);
    const dir = t.component ? overlays.get(own) : own;
    if (dir === void 0) {
      problems.push({ file: t.file, message: `${whose([t])}: not rendered: this file is a kustomize Component, and no kustomization in a directory above it lists ${quote(own === "" ? "." : posix.basename(own))} in its components:, so whether the image pinned here deploys cannot be told (a Component is built only as part of a kustomization that lists it)` });
      continue;
    }
    byDir.set(dir, [...byDir.get(dir) ?? [], t]);
  }
  const dirs = [...byDir.keys()];
  const blockers = await Promise.all(dirs.map((dir) => blockerOf(dir, reader)));
  const builds = await Promise.allSettled(dirs.map((dir, i) => blockers[i] ? Promise.resolve(void 0) : builder.build(dir)));
  const failed = builds.find((b) => b.status === "rejected");
  if (failed) throw failed.reason;
  let rendered = 0;
  dirs.forEach((dir, i) => {
    const pins = byDir.get(dir);
    const blocker = blockers[i];
    const build = builds[i].value;
    if (blocker || !build) {
      for (const [file, same] of byFile(pins)) problems.push({ file, message: notRenderedMessage(same, dir, blocker) });
      return;
    }
    rendered++;
    if ("error" in build) {
      for (const [file, same] of byFile(pins)) problems.push({ file, message: buildFailedMessage(same, dir, build.error) });
      return;
    }
    let images;
    try {
      images = renderedImages(build.output);
    } catch (error) {
      for (const pin of pins) problems.push({ file: pin.file, message: buildFailedMessage([pin], dir, `its output is no YAML Ferry can read: ${error.message}`) });
      return;
    }
    for (const pin of pins) {
      const problem = renderedPinProblem(pin, images);
      if (problem) problems.push(problem);
    }
  });
  return { problems, rendered };
}
function byFile(pins) {
  const files = /* @__PURE__ */ new Map();
  for (const pin of pins) files.set(pin.file, [...files.get(pin.file) ?? [], pin]);
  return files;
}
function renderedPinProblem(pin, images) {
  const at = { file: pin.file, ...pin.line !== void 0 ? { line: pin.line, column: pin.column } : {}, ...pin.field !== void 0 ? { field: pin.field } : {} };
  const runs = (i) => (i.place ?? "container") === "container";
  if (!images.some((i) => runs(i) && deploysPin(i.image, pin))) return { ...at, message: unrenderedMessage(pin, images) };
  const stale = images.filter((i) => i.place !== "elsewhere" && splitImage(i.image).name === pin.name && !deploysPin(i.image, pin));
  if (stale.length === 0) return void 0;
  return { ...at, message: staleMessage(pin, stale) };
}
function deploysPin(image, pin) {
  const { name, digest } = splitImage(image);
  return name === pin.name && digest === pin.digest;
}
function renderedImages(output) {
  const images = [];
  for (const doc of loadAll(output, void 0, { schema: FAILSAFE_SCHEMA })) {
    if (!isRecord(doc) || doc.kind === "CustomResourceDefinition") continue;
    const kind = typeof doc.kind === "string" ? doc.kind : "a resource";
    const name = isRecord(doc.metadata) && typeof doc.metadata.name === "string" ? ` ${doc.metadata.name}` : "";
    const resource = `${kind}${name}`;
    const path = Object.hasOwn(WORKLOADS, kind) && (kind !== "Rollout" || typeof doc.apiVersion === "string" && doc.apiVersion.startsWith("argoproj.io/")) ? WORKLOADS[kind] : void 0;
    const pod = path ? path.reduce((node, key) => isRecord(node) ? node[key] : void 0, doc) : void 0;
    if (!isRecord(pod)) {
      for (const image of containerImages(doc)) images.push({ image, resource, place: "elsewhere" });
      continue;
    }
    for (const [list, place] of [["initContainers", "initContainer"], ["containers", "container"]]) {
      const items = pod[list];
      if (!Array.isArray(items)) continue;
      for (const item of items) if (isRecord(item) && typeof item.image === "string" && item.image !== "") images.push({ image: item.image, resource, place });
    }
  }
  return images;
}
var REFUSED_FIELDS = ["generators", "transformers", "validators", "helmCharts", "helmChartInflationGenerator", "helmGlobals"];
var TreeReader = class {
  constructor(readFiles) {
    this.readFiles = readFiles;
  }
  texts = /* @__PURE__ */ new Map();
  read(paths) {
    const missing = paths.filter((p) => !this.texts.has(p));
    if (missing.length) {
      const batch = this.readFiles(missing);
      for (const p of missing) this.texts.set(p, batch.then((m) => m.get(p)));
    }
    return Promise.all(paths.map((p) => this.texts.get(p)));
  }
  /** The kustomization file of directory `dir` (kustomize's order of names) and its text; undefined when there is none that reads. */
  async kustomization(dir) {
    const files = KUSTOMIZATION_FILES.map((k) => dir === "" ? k : `${dir}/${k}`);
    const texts = await this.read(files);
    const i = texts.findIndex((t) => typeof t === "string");
    return i < 0 ? void 0 : { file: files[i], text: texts[i] };
  }
};
async function blockerOf(dir, r) {
  const seen = /* @__PURE__ */ new Set();
  let level = [dir];
  while (level.length) {
    const next = [];
    for (const d of level) {
      if (seen.has(d)) continue;
      seen.add(d);
      const found = await r.kustomization(d);
      if (!found) {
        continue;
      }
      const k = kustomizationRoot(found.text);
      if (!k) return { file: found.file, why: "it does not read as one YAML mapping, so what it loads cannot be told" };
      const own = await blockerIn(d, found.file, k, r);
      if (typeof own !== "object" || !("dirs" in own)) return own;
      next.push(...own.dirs);
    }
    level = next;
  }
  return void 0;
}
async function blockerIn(dir, file, k, r) {
  const at = (why) => ({ file, why });
  for (const field of REFUSED_FIELDS) {
    if (present(k[field])) return at(`its ${field}: field loads plugins or Helm charts, which may fetch from elsewhere or run code`);
  }
  const files = [];
  const list = (v) => Array.isArray(v) ? v : present(v) ? [v] : [];
  for (const field of ["configurations", "crds"]) for (const e of list(k[field])) files.push([field, e]);
  for (const field of ["patches", "patchesJson6902", "replacements"]) {
    for (const e of list(k[field])) if (isRecord(e) && present(e.path)) files.push([`${field}[].path`, e.path]);
  }
  for (const e of list(k.patchesStrategicMerge)) if (typeof e === "string" && !/[\r\n]/.test(e)) files.push(["patchesStrategicMerge", e]);
  if (isRecord(k.openapi) && present(k.openapi.path)) files.push(["openapi.path", k.openapi.path]);
  for (const field of ["configMapGenerator", "secretGenerator"]) {
    for (const g of list(k[field])) {
      if (!isRecord(g)) continue;
      for (const f of list(g.files)) files.push([`${field}[].files`, typeof f === "string" ? f.replace(/^[^=]*=/, "") : f]);
      for (const f of [...list(g.envs), ...list(g.env)]) files.push([`${field}[].envs`, f]);
    }
  }
  for (const [field, entry] of files) {
    if (typeof entry !== "string") return at(`its ${field} holds ${quote(String(entry), 200)}, which is not a path`);
    const where = entryPath(dir, entry);
    if ("remote" in where) return at(`its ${field} names ${quote(entry, 200)}, a remote file (Ferry does not fetch)`);
    if ("outside" in where) return at(`its ${field} names ${quote(entry, 200)}, which leaves the repository`);
  }
  const dirs = [];
  for (const field of ["resources", "bases", "components"]) {
    for (const entry of list(k[field])) {
      if (typeof entry !== "string") return at(`its ${field} holds ${quote(String(entry), 200)}, which is not a path`);
      const where = entryPath(dir, entry);
      if ("remote" in where) return at(`its ${field} names ${quote(entry, 200)}, a remote ${field === "components" ? "component" : "base"} (Ferry does not fetch)`);
      if ("outside" in where) return at(`its ${field} names ${quote(entry, 200)}, which leaves the repository`);
      const path = where.path;
      const [text] = path === "" ? [void 0] : await r.read([path]);
      if (typeof text === "string") continue;
      const kustomization = await r.kustomization(path);
      if (kustomization) {
        dirs.push(path);
        continue;
      }
      if (text instanceof ConfigurationError) continue;
      const any = await r.read(KUSTOMIZATION_FILES.map((f) => path === "" ? f : `${path}/${f}`));
      if (any.some((t) => t !== void 0)) continue;
      if (/^\.\.?\//.test(entry)) continue;
      return at(`its ${field} names ${quote(entry, 200)}, which is not in the repository (kustomize would fetch it as a remote ${field === "components" ? "component" : "base"}; Ferry does not fetch)`);
    }
  }
  return { dirs };
}
async function componentOverlays(targets, r) {
  const out = /* @__PURE__ */ new Map();
  await Promise.all([...new Set(targets.map((t) => posix.dirname(t.file)))].map(async (own) => {
    if (own === ".") return;
    for (let d = posix.dirname(own); ; d = posix.dirname(d)) {
      const dir = d === "." ? "" : d;
      const found = await r.kustomization(dir);
      const k = found ? kustomizationRoot(found.text) : void 0;
      const components = k && Array.isArray(k.components) ? k.components : [];
      if (components.some((c) => typeof c === "string" && (() => {
        const where = entryPath(dir, c);
        return "path" in where && where.path === own;
      })())) {
        out.set(own, dir);
        return;
      }
      if (dir === "") return;
    }
  }));
  return out;
}
function kustomizationRoot(text) {
  const docs = load(text)?.filter(present);
  return docs?.length === 1 && isRecord(docs[0]) ? docs[0] : void 0;
}
var SHOWN = 5;
function pinned(pin) {
  return `${pin.name}${pin.tag !== void 0 ? `:${pin.tag}` : ""}@${pin.digest}`;
}
function whose(pins) {
  const apps = pins.map((p) => quote(p.app)).join(", ");
  return `${pins.length === 1 ? "app" : "apps"} ${apps} in ${quote(pins[0].env)}`;
}
function listed(images) {
  const seen = /* @__PURE__ */ new Set();
  const unique = images.filter((i) => !seen.has(`${i.image}
${i.resource}
${i.place}`) && seen.add(`${i.image}
${i.resource}
${i.place}`));
  const where = (i) => i.place === "initContainer" ? ", an init container" : i.place === "elsewhere" ? ", which runs no pods" : "";
  const list = unique.slice(0, SHOWN).map((i) => `${quote(i.image, 300)} (${i.resource}${where(i)})`).join(", ");
  return `${list}${unique.length > SHOWN ? ` and ${unique.length - SHOWN} more` : ""}`;
}
function unrenderedMessage(pin, images) {
  const found = images.length ? `the container images it renders are ${listed(images)}` : "it renders no container image";
  return `${whose([pin])}: kustomize renders no container with the image pinned here, ${quote(pinned(pin), 300)}, so that digest is never deployed (though ferry status shows it pinned): ${found}. Only the containers (not the init containers) of a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod or Argo Rollout count. The entry ${quote(pin.entry)} applies to images named ${quote(pin.entry)}; something in the build gives the containers another image before it applies (a patch, a replacement, a transformer, a generator, a Helm chart, a remote base): keep the image's name there, or name the entry after the image it gives`;
}
function staleMessage(pin, stale) {
  return `${whose([pin])}: kustomize renders the image pinned here, ${quote(pinned(pin), 300)}, and also the app's image at another digest or none, which Ferry does not pin (a stale or unpinned copy of the app, deployed beside it): ${listed(stale)}. The entry ${quote(pin.entry)} applies to images named ${quote(pin.entry)}; something in the build gives these containers the app's image after it applies, or under its new name (a patch, a replacement, another kustomization's images:): give them the entry's name, or remove them`;
}
function dirName(dir) {
  return dir === "" ? "the repository's root" : dir;
}
function buildFailedMessage(pins, dir, error) {
  return `${whose(pins)}: kustomize cannot build ${dirName(dir)}, so whether the image pinned here deploys cannot be told: ${error}`;
}
function notRenderedMessage(pins, dir, blocker) {
  return `${whose(pins)}: not rendered: ${dirName(dir)} is not built, since ${blocker.file} loads what is not in the repository or may run code: ${blocker.why}. --render builds only kustomizations whose whole tree is in the repository, so whether the image pinned here deploys cannot be told`;
}

// actions/src/core/kustomization-beside.ts
import { posix as posix2 } from "node:path";
async function kustomizationBesideFindings(pins, list, readFiles) {
  const { byDir, found } = await filesBeside(pins.filter((pin) => pin.app.pin.kind !== "kustomize"), list, (name) => KUSTOMIZATION_FILES.includes(name));
  const findings = { problems: [], warnings: [] };
  if (found.length === 0) return findings;
  const texts = await readFiles(found);
  for (const file of found) {
    const text = texts.get(file);
    if (text === void 0) continue;
    const dir = posix2.dirname(file);
    const here = byDir.get(dir);
    const setting = typeof text === "string" ? settingEntries(file, text, here) : /* @__PURE__ */ new Map();
    for (const problems of setting.values()) findings.problems.push(...problems);
    const others = here.filter((p) => !setting.has(p));
    if (others.length) findings.warnings.push({ file, message: besideMessage(dir, others, text) });
  }
  return findings;
}
function settingEntries(file, text, pins) {
  const docs = load(text);
  const root = docs?.length === 1 ? docs[0] : void 0;
  const images = isRecord(root) && Array.isArray(root.images) ? root.images : [];
  const problems = /* @__PURE__ */ new Map();
  for (const pin of pins) {
    if (pin.app.pin.kind !== "container") continue;
    const image = `${pin.app.registry}/${pin.app.image}`;
    for (const entry of images) {
      if (!isRecord(entry) || typeof entry.name !== "string" || !imageMatches(image, entry.name)) continue;
      let at = {};
      try {
        const { line, column, field } = locateKustomizeEntry(parseYaml(text, file), entry.name);
        at = { line, column, field };
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
      }
      const sets = ["newName", "newTag", "digest"].filter((k) => typeof entry[k] === "string").map((k) => `${k}: ${quote(entry[k], 100)}`).join(", ");
      problems.set(pin, [...problems.get(pin) ?? [], {
        file,
        ...at,
        message: `Argo CD builds ${posix2.dirname(file)} with kustomize, since this file is there (not as the plain YAML of the manifest pinned in ${pin.file} for app ${quote(pin.app.name)} in ${quote(pin.env)}), and this entry applies to the app's image${sets ? ` (${sets})` : ""}: the cluster runs what it gives, not the digest Ferry pins (which ferry status shows); remove the entry (or the file), or have ferry.yaml pin the app through it (manifest: this kustomization)`
      }]);
    }
  }
  return problems;
}
function besideMessage(dir, pins, text) {
  const which = pins.map((p) => `${p.file} (app ${quote(p.app.name)} in ${quote(p.env)}, ${p.app.pin.kind === "helm" ? "Helm values" : "a container"})`).join(", ");
  const unread = text instanceof ConfigurationError ? ` (and this file cannot be read: ${text.problems.map((p) => p.message).join("; ")})` : "";
  return `Argo CD builds ${dir} with kustomize, since this file is there${unread}, unless its Application names another tool: what deploys is what the kustomization builds, which Ferry does not check for the pins of ${which}; a pin there deploys only if the kustomization takes the file as it is. Remove this file, or have ferry.yaml pin the app through the kustomization's images: entry`;
}

// actions/src/core/workload-copies.ts
var import_yaml = __toESM(require_dist(), 1);
function staleWorkloadCopies(config, files) {
  const problems = [];
  for (const app of config.apps) {
    if (app.pin.kind !== "container") continue;
    const expected = `${app.registry}/${app.image}`;
    for (const env of config.environments) {
      const file = manifestPath(app, env.name);
      const text = files.get(file);
      if (typeof text !== "string") continue;
      let located;
      let images;
      try {
        located = readPinnedImageAt(text, file, app.pin);
        images = renderedImages(text);
      } catch (error) {
        if (error instanceof ConfigurationError || error instanceof Error && error.name === "YAMLException") continue;
        throw error;
      }
      const { pinned: pinned2, places } = located;
      if (pinned2.name !== expected || pinned2.digest === void 0) continue;
      const stale = images.filter((i) => i.place !== "elsewhere" && splitImage(i.image).name === expected && splitImage(i.image).digest !== pinned2.digest);
      if (stale.length === 0) continue;
      const lines = imageLines(text, new Set(stale.map((i) => i.image)));
      const pinnedLine = places.name?.line ?? places.digest.line;
      const seen = /* @__PURE__ */ new Set([pinnedLine]);
      for (const copy of stale) {
        const at = lines.get(copy.image)?.find((l) => !seen.has(l.line));
        if (at) seen.add(at.line);
        const where = at ?? { line: places.digest.line, column: places.digest.column };
        problems.push({ file, ...where, message: copyMessage(app.name, env.name, app.pin.container, pinned2.image, copy) });
      }
    }
  }
  return problems;
}
function imageLines(text, images) {
  const counter = new import_yaml.LineCounter();
  const found = /* @__PURE__ */ new Map();
  for (const doc of (0, import_yaml.parseAllDocuments)(text, { lineCounter: counter, uniqueKeys: false })) {
    if (!("contents" in doc)) continue;
    (0, import_yaml.visit)(doc, {
      Pair(_, pair) {
        if (!(0, import_yaml.isPair)(pair) || !(0, import_yaml.isScalar)(pair.key) || pair.key.value !== "image" || !(0, import_yaml.isScalar)(pair.value)) return;
        const value = pair.value.value;
        if (typeof value !== "string" || !images.has(value) || !pair.value.range) return;
        const { line, col } = counter.linePos(pair.value.range[0]);
        found.set(value, [...found.get(value) ?? [], { line, column: col }]);
      }
    });
  }
  return found;
}
function copyMessage(app, env, container, pinned2, copy) {
  const what = copy.place === "initContainer" ? "an init container" : "a container";
  return `${what} of ${copy.resource} runs the image of app ${quote(app)} at another digest than the one pinned in this file for ${quote(env)}, or at none: ${quote(copy.image, 300)}, beside the container ${quote(container)} that Ferry pins (${quote(pinned2, 300)}); Argo CD applies the whole file, so this copy keeps running an image that Ferry never pins, promotes or rolls back (ferry status shows only the digest pinned, and a block of this digest does not stop it); Ferry pins one container per app and environment (container: in ferry.yaml): remove this copy from the file, or have it run another image`;
}

// actions/src/core/validate.ts
var import_yaml2 = __toESM(require_dist(), 1);
async function validateEnvRepo(snapshot, readFiles, options = {}) {
  let config;
  let appIndexes;
  const configProblems = [];
  try {
    config = await readConfig(snapshot);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    configProblems.push(...error.problems);
    const text2 = await snapshot.readFile(CONFIG_FILE).catch((again) => {
      if (again instanceof ConfigurationError) return void 0;
      throw again;
    });
    const salvaged = text2 === void 0 ? void 0 : salvageConfig(text2, CONFIG_FILE);
    if (!salvaged) {
      const problems2 = [...configProblems, ...await blocklistProblems(snapshot)];
      return { status: "failed", problems: problems2, warnings: [], checked: 0 };
    }
    ({ config, appIndexes } = salvaged);
  }
  const paths = config.apps.flatMap((app) => config.environments.map((env) => manifestPath(app, env.name)));
  const files = await readFiles(paths);
  const manifests = validateManifests(config, files, appIndexes);
  const pins = [];
  for (const app of config.apps) {
    if (app.pin.kind !== "kustomize") continue;
    for (const env of config.environments) {
      const file = manifestPath(app, env.name);
      const text2 = files.get(file);
      if (typeof text2 === "string") pins.push({ file, text: text2, name: app.pin.name });
    }
  }
  const unmatched = await unmatchedKustomizePins(pins, readFiles);
  let render;
  if (options.render) {
    const reported = new Set([...manifests.problems, ...unmatched].map((p) => p.file).filter((f) => f !== void 0));
    render = await renderedPinProblems(renderTargets(config, files, reported), options.render, readFiles);
  }
  const pinned2 = pinnedManifests(config, files);
  const list = listedOnce(listDirectories(snapshot));
  const overrides = await argocdSourceFindings(pinned2, list, readFiles, snapshot.readLinks && ((paths2) => snapshot.readLinks(paths2)));
  const beside = await kustomizationBesideFindings(pinned2, list, readFiles);
  const problems = [...configProblems, ...manifests.problems, ...unmatched, ...staleWorkloadCopies(config, files), ...render?.problems ?? [], ...overrides.problems, ...beside.problems, ...await blocklistProblems(snapshot), ...await analysisProblems(snapshot, config)];
  const text = await snapshot.readFile(config.file).catch((error) => {
    if (error instanceof ConfigurationError) return void 0;
    throw error;
  });
  const at = configLocator(text);
  const warnings = [...prometheusWarnings(config, at), ...freezeZoneWarnings(config, at), ...overrides.warnings, ...beside.warnings, ...markerWarnings(config, files)];
  return { status: problems.length ? "failed" : "succeeded", problems, warnings, checked: manifests.checked, ...render ? { rendered: render.rendered } : {} };
}
function pinnedManifests(config, files) {
  return config.apps.flatMap((app) => config.environments.map((env) => ({ app, env: env.name, file: manifestPath(app, env.name) }))).filter((p) => typeof files.get(p.file) === "string");
}
function listDirectories(snapshot) {
  return async (dirs) => {
    if (snapshot.listFilesIn) return snapshot.listFilesIn(dirs);
    const out = /* @__PURE__ */ new Map();
    for (const dir of dirs) out.set(dir, await snapshot.listFiles?.(dir) ?? []);
    return out;
  };
}
function listedOnce(list) {
  const known = /* @__PURE__ */ new Map();
  return async (dirs) => {
    const missing = [...new Set(dirs)].filter((d) => !known.has(d));
    if (missing.length) {
      const listed2 = await list(missing);
      for (const dir of missing) known.set(dir, listed2.get(dir) ?? []);
    }
    return new Map(dirs.map((d) => [d, known.get(d)]));
  };
}
function markerWarnings(config, files) {
  const warnings = /* @__PURE__ */ new Map();
  for (const app of config.apps) {
    for (const env of config.environments) {
      const file = manifestPath(app, env.name);
      const text = files.get(file);
      if (typeof text !== "string" || !text.includes("$imagepolicy")) continue;
      let located;
      try {
        located = readPinnedImageAt(text, file, app.pin);
      } catch (error) {
        if (error instanceof ConfigurationError) continue;
        throw error;
      }
      for (const w of imagePolicyMarkerWarnings(file, text, located)) warnings.set(`${w.file}:${w.line}`, w);
    }
  }
  return [...warnings.values()].sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line);
}
function freezeZoneWarnings(config, locate) {
  const warnings = [];
  config.environments.forEach((env, i) => {
    (env.gates?.freeze ?? []).forEach((w, j) => {
      const message = zoneWarning(w.timezone);
      if (!message) return;
      warnings.push({ file: config.file, ...locate(["environments", i, "gates", "freeze", j, "timezone"]), field: `environments[${i}].gates.freeze[${j}].timezone`, message });
    });
  });
  return warnings;
}
function prometheusWarnings(config, locate) {
  if (config.prometheus) return passwordWarnings(config, locate);
  const warnings = [];
  config.environments.forEach((env, i) => {
    const gates = [env.gates?.analysis?.length ? "analysis" : void 0, env.gates?.compare ? "compare" : void 0].filter((g) => g !== void 0);
    const [first] = gates;
    if (!first) return;
    const field = `environments[${i}].gates.${first}`;
    warnings.push({
      file: config.file,
      ...locate(["environments", i, "gates"], first),
      field,
      message: `the ${gates.join(" and ")} gates of ${quote(env.name)} query Prometheus, and ${config.file} has no prometheus.address: a promotion to ${quote(env.name)} fails unless it is given one (ferry promote --prometheus <url>, or the promote action's prometheus input); set prometheus: { address: <url> } in ${config.file}, unless every promotion to ${quote(env.name)} passes it`
    });
  });
  return warnings;
}
function passwordWarnings(config, locate) {
  let password = "";
  try {
    password = new URL(config.prometheus.address).password;
  } catch {
    return [];
  }
  if (!password) return [];
  return [{
    file: config.file,
    ...locate(["prometheus", "address"]),
    field: "prometheus.address",
    message: `the address holds a password, which is now in the history of the repository (${config.file} is committed): change the password, remove it from ${config.file}, and give the address with it at run time from a secret (ferry promote --prometheus <url>, or the promote action's prometheus input), or use bearerTokenEnv`
  }];
}
async function analysisProblems(snapshot, config) {
  const uses = /* @__PURE__ */ new Map();
  for (const env of config.environments) {
    for (const name of env.gates?.analysis ?? []) if (!uses.has(name)) uses.set(name, []);
    for (const m of env.gates?.compare?.metrics ?? []) {
      const metrics = uses.get(m.template);
      if (metrics) metrics.push(m.metric);
      else uses.set(m.template, [m.metric]);
    }
  }
  const problems = [];
  const digest = `sha256:${"0".repeat(64)}`;
  const example = `registry.example.com/app:1.0.0@${digest}`;
  for (const [name, metrics] of uses) {
    try {
      const template = await loadTemplate(snapshot, name, config);
      const args = ferryArgs(template, { app: "app", env: "env", image: example, tag: "1.0.0", digest, "previous-image": example, "previous-tag": "1.0.0", "previous-digest": digest });
      const env = Object.fromEntries(template.args.filter((a) => a.secretKeyRef).map((a) => [secretEnvName(a.secretKeyRef.name, a.secretKeyRef.key), "x"]));
      resolveAnalysis(template, args, { env, prometheusAddress: "http://prometheus.invalid:9090", nowMs: Date.UTC(2026, 0, 1) });
      for (const metric of metrics) {
        if (!template.metrics.some((m) => m.name === metric)) problems.push({ file: template.file, message: `ferry.yaml compares metric ${JSON.stringify(metric)} of template ${JSON.stringify(name)}, which has no such metric (metrics: ${template.metrics.map((m) => m.name).join(", ")})` });
      }
    } catch (error) {
      if (error instanceof ConfigurationError) problems.push(...error.problems);
      else throw error;
    }
  }
  return problems;
}
async function blocklistProblems(snapshot) {
  try {
    await readBlocklist(snapshot);
    return [];
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
}
function validateManifests(config, files, appIndexes) {
  const problems = [];
  let checked = 0;
  config.apps.forEach((app, i) => {
    const index = appIndexes?.[i] ?? i;
    for (const env of config.environments) {
      const file = manifestPath(app, env.name);
      checked++;
      const text = files.get(file);
      if (text instanceof ConfigurationError) {
        problems.push(...text.problems);
        continue;
      }
      if (text === void 0) {
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
  return { status: problems.length ? "failed" : "succeeded", problems, checked };
}
function pinProblems(file, located, app, text) {
  const { pinned: pinned2, places } = located;
  const expected = `${app.registry}/${app.image}`;
  const problems = pinnedImageProblems(file, located, { name: false });
  if (text !== void 0) problems.push(...unwritablePinProblems(text, file, app.pin));
  if (places.name && pinned2.name !== expected) {
    const whole = places.name.whole;
    const message = whole !== void 0 ? `expected an image of ${quote(expected)} (app ${quote(app.name)} in ferry.yaml), found ${quote(whole, 300)}` : `expected ${quote(expected)} (the image of app ${quote(app.name)} in ferry.yaml), found ${describeFound(places.name, pinned2.name)}`;
    problems.push(pinProblem(file, places.name, message));
  }
  if (app.pin.kind === "helm" && app.pin.tag !== void 0 && places.tag && !places.tag.present) {
    problems.push(pinProblem(file, places.tag, `${missingKey(app.pin.tag, places.tag.keys ?? [])}: the chart's tag is configured at ${quote(app.pin.tag)} (helm.tag of app ${quote(app.name)} in ferry.yaml), which this file does not have; fix the path in ferry.yaml, or add the key to the file`));
  }
  if (pinned2.digest === void 0) {
    const at = places.digest;
    const found = at.whole !== void 0 ? quote(at.whole, 300) : at.present ? at.kind ?? "an empty value" : "nothing";
    const expectedDigest = at.whole !== void 0 ? `registry/repository[:tag]@${DIGEST}` : DIGEST;
    problems.push(pinProblem(file, at, `the image of app ${quote(app.name)} is not pinned by digest: expected ${expectedDigest}, found ${found}`));
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
function unwritablePinProblems(text, file, pin) {
  if (!text.includes("*")) return [];
  const y = parseYaml(text, file);
  const { slots } = pin.kind === "kustomize" ? readKustomizeImage(y, pin.name) : pin.kind === "helm" ? readHelmValues(y, pin) : readWorkloadContainer(y, pin);
  const problems = /* @__PURE__ */ new Map();
  for (const slot of [slots.name, slots.tag, slots.digest]) {
    if (!slot) continue;
    const map = asMap(slot.parent);
    const value = map ? findPair(map, slot.key)?.value : asSeq(slot.parent)?.items[Number(slot.key)];
    const node = value ?? (map ? slot.parent : void 0);
    if (!node) continue;
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
function describeFound(at, name) {
  if (at.present) return name === void 0 ? at.kind ?? "an empty value" : quote(name);
  return name === void 0 ? "nothing" : `no value (the image keeps its name ${quote(name)})`;
}
function salvageConfig(text, file) {
  const lineCounter = new import_yaml2.LineCounter();
  const doc = (0, import_yaml2.parseDocument)(yamlLines(text), { uniqueKeys: true, lineCounter });
  if (doc.errors.length) return void 0;
  let data;
  try {
    data = configData(doc, lineCounter, file);
  } catch {
    return void 0;
  }
  if (!isRecord2(data)) return void 0;
  removeUnknownKeys(data, ferry_config_schema_default);
  let apps = Array.isArray(data.apps) ? data.apps.map((value, index) => ({ value, index })) : [];
  const environments = Array.isArray(data.environments) ? data.environments : [];
  for (let round = 0; round < 3; round++) {
    let problems;
    try {
      const config = locatedParse(JSON.stringify({ ...data, apps: apps.map((a) => a.value) }), file);
      return { config, appIndexes: apps.map((a) => a.index) };
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      problems = error.problems;
    }
    const drop = /* @__PURE__ */ new Set();
    for (const p of problems) {
      const app = /^apps\[(\d+)\]/.exec(p.field ?? "");
      const gates = /^environments\[(\d+)\]\.gates(?:$|[.[])/.exec(p.field ?? "");
      const env = gates ? environments[Number(gates[1])] : void 0;
      if (app) drop.add(Number(app[1]));
      else if (isRecord2(env)) delete env.gates;
      else return void 0;
    }
    apps = apps.filter((_, i) => !drop.has(i));
  }
  return void 0;
}
function isRecord2(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function removeUnknownKeys(value, node) {
  const ref = typeof node.$ref === "string" ? /^#\/definitions\/(.+)$/.exec(node.$ref)?.[1] : void 0;
  const definitions = ferry_config_schema_default.definitions;
  const s = ref !== void 0 && definitions[ref] ? definitions[ref] : node;
  if (isRecord2(value) && isRecord2(s.properties)) {
    const properties = s.properties;
    for (const key of Object.keys(value)) {
      if (properties[key]) removeUnknownKeys(value[key], properties[key]);
      else if (s.additionalProperties === false) delete value[key];
    }
  } else if (Array.isArray(value) && isRecord2(s.items)) {
    for (const item of value) removeUnknownKeys(item, s.items);
  }
}

export {
  validateEnvRepo,
  pinProblems
};
