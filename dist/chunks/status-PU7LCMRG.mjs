import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  pinProblems
} from "./chunk-S6HAR5DD.mjs";
import "./chunk-WOWYEFK7.mjs";
import "./chunk-275SQ4A3.mjs";
import "./chunk-G5PGU2DW.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-RC6YRSWN.mjs";
import "./chunk-DP2FYMJI.mjs";
import "./chunk-FI3BOLYZ.mjs";
import {
  readConfig
} from "./chunk-7XSYBDJB.mjs";
import {
  CONFIG_FILE
} from "./chunk-WLNABMU4.mjs";
import "./chunk-HUV67FXE.mjs";
import {
  manifestPath
} from "./chunk-FU3D23PY.mjs";
import {
  readPinnedImageAt
} from "./chunk-GCW53TBV.mjs";
import "./chunk-OMY62W6B.mjs";
import "./chunk-C4OZCMLB.mjs";
import {
  GitEnvRepo
} from "./chunk-EZW6ELRN.mjs";
import "./chunk-EPXRHTMI.mjs";
import "./chunk-ONOTEMMT.mjs";
import {
  redactUrl
} from "./chunk-BMJHM4QJ.mjs";
import "./chunk-3GGGTSVW.mjs";
import {
  shortDigest
} from "./chunk-QNVVFN4A.mjs";
import {
  ConfigurationError,
  formatProblem
} from "./chunk-XB4RJEDM.mjs";
import {
  clip,
  formatTable,
  utc,
  visible
} from "./chunk-LPCDH46Z.mjs";
import "./chunk-WBKKXVG2.mjs";

// actions/src/core/status.ts
function readPins(config, files) {
  return config.apps.flatMap((app) => config.environments.map((env) => readPin(app, env, files)));
}
function computeStatus(config, commit, pins, changes) {
  const rows = pins.map(({ env, app, manifest, ...pin }) => {
    const change = changes.get(manifest);
    return change ? { env, app, manifest, changed: change, ...pin } : { env, app, manifest, ...pin };
  });
  return { commit, environments: config.environments.map((e) => e.name), apps: config.apps.map((a) => a.name), rows };
}
function readPin(app, env, files) {
  const manifest = manifestPath(app, env.name);
  const row = { env: env.name, app: app.name, manifest };
  const text = files.get(manifest);
  if (text === void 0) return { ...row, error: `${manifest}: no such file` };
  if (text instanceof ConfigurationError) return { ...row, error: text.problems.map(formatProblem).join("; ") };
  let located;
  try {
    located = readPinnedImageAt(text, manifest, app.pin);
  } catch (error) {
    return { ...row, error: error instanceof ConfigurationError ? error.problems.map(formatProblem).join("; ") : String(error) };
  }
  const { pinned } = located;
  const expected = `${app.registry}/${app.image}`;
  row.image = pinned.name === void 0 && app.pin.kind === "helm" && app.pin.repository === void 0 ? `${expected}${pinned.image}` : pinned.image;
  if (pinned.tag !== void 0) row.tag = pinned.tag;
  if (pinned.digest !== void 0) row.digest = pinned.digest;
  const problems = pinProblems(manifest, located, app, text);
  if (problems.length) row.error = problems.map(formatProblem).join("; ");
  return row;
}
var TAG_WIDTH = 24;
function formatStatusTable(status) {
  const rows = [];
  const problems = [];
  for (const row of status.rows) {
    if (row.error) problems.push(visible(`! ${row.app} in ${row.env}: ${row.error}`));
    rows.push([
      row.app,
      row.env,
      row.error ? "!" : clip(visible(row.tag ?? "-"), TAG_WIDTH),
      row.error ? "see below" : row.digest ? shortDigest(row.digest) : "(no digest)",
      row.changed ? utc(row.changed.date) : "-",
      row.changed ? row.changed.commit.slice(0, 12) : "-",
      // Who asked for a Ferry commit (as `ferry history` shows it); the author of any other.
      row.changed ? row.changed.requestedBy ?? row.changed.author : "-"
    ]);
  }
  const table = formatTable(["APP", "ENV", "TAG", "DIGEST", "CHANGED", "COMMIT", "BY"], rows);
  return problems.length ? `${table}

${problems.join("\n")}` : table;
}

// actions/src/entry/commands/status.ts
async function runStatus(options) {
  const phase = options.phase ?? (() => {
  });
  phase("Read the env repo and its history");
  const repo = await GitEnvRepo.openForReading({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE] });
  try {
    const head = await repo.head();
    const config = await readConfig(head);
    const paths = config.apps.flatMap((app) => config.environments.map((env) => manifestPath(app, env.name)));
    phase("Read the manifests and when each last changed");
    const [changes, pins] = await Promise.all([
      repo.lastChanges(head.commit, paths),
      // A manifest that cannot be read as text is its row's problem, not the end of the table.
      repo.readFilesReporting(head.commit, paths).then((files) => readPins(config, files))
    ]);
    return { repo: redactUrl(repo.url), branch: options.branch, ...computeStatus(config, head.commit, pins, changes) };
  } finally {
    await repo.close();
  }
}
export {
  formatStatusTable,
  runStatus
};
