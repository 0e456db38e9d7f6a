import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  locatedParse
} from "./chunk-OKH46424.mjs";
import {
  ferryArgs,
  loadTemplate,
  resolveAnalysis,
  secretEnvName
} from "./chunk-HZRMIWRH.mjs";
import {
  readBlocklist
} from "./chunk-65FABPZX.mjs";
import {
  readConfig
} from "./chunk-HFTCXBGL.mjs";
import {
  pinProblem,
  pinnedImageProblems,
  readHelmValues,
  readKustomizeImage,
  readPinnedImageAt,
  readWorkloadContainer
} from "./chunk-CGOK6GU6.mjs";
import {
  asMap,
  asSeq,
  assertNotShared,
  findPair,
  parseYaml
} from "./chunk-LK2OKV2Q.mjs";
import {
  require_dist
} from "./chunk-C4OZCMLB.mjs";
import {
  CONFIG_FILE
} from "./chunk-WLNABMU4.mjs";
import {
  manifestPath
} from "./chunk-L7KM3ZFQ.mjs";
import {
  DIGEST
} from "./chunk-S2OUAEDI.mjs";
import {
  ConfigurationError,
  quote
} from "./chunk-KI4S27RC.mjs";
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
      description: "The registry host (with an optional port) that apps' images come from, e.g. 123456789012.dkr.ecr.eu-central-1.amazonaws.com. An app may name its own.",
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

// actions/src/core/validate.ts
var import_yaml = __toESM(require_dist(), 1);
async function validateEnvRepo(snapshot, readFiles) {
  let config;
  let appIndexes;
  const configProblems = [];
  try {
    config = await readConfig(snapshot);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    configProblems.push(...error.problems);
    const text = await snapshot.readFile(CONFIG_FILE).catch((again) => {
      if (again instanceof ConfigurationError) return void 0;
      throw again;
    });
    const salvaged = text === void 0 ? void 0 : salvageConfig(text, CONFIG_FILE);
    if (!salvaged) {
      const problems2 = [...configProblems, ...await blocklistProblems(snapshot)];
      return { status: "failed", problems: problems2, checked: 0 };
    }
    ({ config, appIndexes } = salvaged);
  }
  const paths = config.apps.flatMap((app) => config.environments.map((env) => manifestPath(app, env.name)));
  const manifests = validateManifests(config, await readFiles(paths), appIndexes);
  const problems = [...configProblems, ...manifests.problems, ...await blocklistProblems(snapshot), ...await analysisProblems(snapshot, config)];
  return { status: problems.length ? "failed" : "succeeded", problems, checked: manifests.checked };
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
      const template = await loadTemplate(snapshot, name);
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
  const { pinned, places } = located;
  const expected = `${app.registry}/${app.image}`;
  const problems = pinnedImageProblems(file, located, { name: false });
  if (text !== void 0) problems.push(...unwritablePinProblems(text, file, app.pin));
  if (places.name && pinned.name !== expected) {
    const whole = places.name.whole;
    const message = whole !== void 0 ? `expected an image of ${quote(expected)} (app ${quote(app.name)} in ferry.yaml), found ${quote(whole, 300)}` : `expected ${quote(expected)} (the image of app ${quote(app.name)} in ferry.yaml), found ${describeFound(places.name, pinned.name)}`;
    problems.push(pinProblem(file, places.name, message));
  }
  if (pinned.digest === void 0) {
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
  const doc = (0, import_yaml.parseDocument)(text, { uniqueKeys: true });
  if (doc.errors.length) return void 0;
  let data;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    return void 0;
  }
  if (!isRecord(data)) return void 0;
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
      else if (isRecord(env)) delete env.gates;
      else return void 0;
    }
    apps = apps.filter((_, i) => !drop.has(i));
  }
  return void 0;
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function removeUnknownKeys(value, node) {
  const ref = typeof node.$ref === "string" ? /^#\/definitions\/(.+)$/.exec(node.$ref)?.[1] : void 0;
  const definitions = ferry_config_schema_default.definitions;
  const s = ref !== void 0 && definitions[ref] ? definitions[ref] : node;
  if (isRecord(value) && isRecord(s.properties)) {
    const properties = s.properties;
    for (const key of Object.keys(value)) {
      if (properties[key]) removeUnknownKeys(value[key], properties[key]);
      else if (s.additionalProperties === false) delete value[key];
    }
  } else if (Array.isArray(value) && isRecord(s.items)) {
    for (const item of value) removeUnknownKeys(item, s.items);
  }
}

export {
  validateEnvRepo,
  pinProblems
};
