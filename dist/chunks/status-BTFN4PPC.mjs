import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  readPinnedImage
} from "./chunk-A5QMFB5T.mjs";
import "./chunk-C4OZCMLB.mjs";
import {
  readConfig
} from "./chunk-ZMGHUKHV.mjs";
import "./chunk-CY3IHFLK.mjs";
import {
  CONFIG_FILE
} from "./chunk-SQUNSH5E.mjs";
import {
  manifestPath
} from "./chunk-JTYMPHCG.mjs";
import {
  GitEnvRepo
} from "./chunk-RWIESMQV.mjs";
import "./chunk-4ZG5J63W.mjs";
import {
  redactUrl
} from "./chunk-F52A3EZ4.mjs";
import "./chunk-CZBSOFID.mjs";
import {
  formatTable,
  utc
} from "./chunk-HPIX6MIE.mjs";
import {
  shortDigest
} from "./chunk-MLTHUEAN.mjs";
import {
  formatProblem
} from "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";

// actions/src/core/status.ts
function computeStatus(config, commit, files, changes) {
  const rows = [];
  for (const app of config.apps) {
    for (const env of config.environments) {
      const manifest = manifestPath(app, env.name);
      const row = { env: env.name, app: app.name, manifest };
      const text = files.get(manifest);
      const change = changes.get(manifest);
      if (change) row.changed = change;
      if (text === void 0) {
        row.error = `${manifest}: no such file`;
      } else {
        try {
          const pinned = readPinnedImage(text, manifest, app.pin, `${app.registry}/${app.image}`);
          row.image = pinned.image;
          if (pinned.tag !== void 0) row.tag = pinned.tag;
          if (pinned.digest !== void 0) row.digest = pinned.digest;
        } catch (error) {
          row.error = "problems" in error ? error.problems.map(formatProblem).join("; ") : String(error);
        }
      }
      rows.push(row);
    }
  }
  return { commit, environments: config.environments.map((e) => e.name), apps: config.apps.map((a) => a.name), rows };
}
function formatStatusTable(status) {
  const rows = [];
  for (const row of status.rows) {
    rows.push([
      row.app,
      row.env,
      row.error ? "!" : row.tag ?? "-",
      row.error ? row.error : row.digest ? shortDigest(row.digest) : "(no digest)",
      row.changed ? utc(row.changed.date) : "-",
      row.changed ? row.changed.commit.slice(0, 12) : "-",
      row.changed ? row.changed.author : "-"
    ]);
  }
  return formatTable(["APP", "ENV", "TAG", "DIGEST", "PINNED", "COMMIT", "BY"], rows);
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
    const files = await repo.readFiles(head.commit, paths);
    const changes = await repo.lastChanges(head.commit, paths);
    return { repo: redactUrl(repo.url), branch: options.branch, ...computeStatus(config, head.commit, files, changes) };
  } finally {
    await repo.close();
  }
}
export {
  formatStatusTable,
  runStatus
};
