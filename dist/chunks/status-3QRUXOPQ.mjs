import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  pinProblems
} from "./chunk-GCRRQMQV.mjs";
import "./chunk-CDOKLMGQ.mjs";
import "./chunk-B7KVX5GV.mjs";
import "./chunk-JNCKD7W6.mjs";
import {
  runLength
} from "./chunk-3NPFV6L2.mjs";
import {
  judgeKustomizePins
} from "./chunk-KUUM52MP.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-5BMCYQN7.mjs";
import {
  readConfig
} from "./chunk-736OWXYZ.mjs";
import "./chunk-QKVPLPRY.mjs";
import {
  manifestPath
} from "./chunk-TWBHTREK.mjs";
import {
  readPinnedImage,
  readPinnedImageAt
} from "./chunk-6XHYADCA.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-DP2FYMJI.mjs";
import {
  GitEnvRepo
} from "./chunk-SK2V36WJ.mjs";
import "./chunk-TTKF36OU.mjs";
import {
  landings,
  pinEvents
} from "./chunk-FJ6XG4P3.mjs";
import "./chunk-C4EZRMXW.mjs";
import {
  BLOCKLIST_FILE,
  CONFIG_FILE
} from "./chunk-VVEEDHSD.mjs";
import "./chunk-6P7B2YDZ.mjs";
import {
  redactUrl
} from "./chunk-OSG537VB.mjs";
import {
  imageParts,
  shortDigest
} from "./chunk-FD6ZWLQC.mjs";
import {
  ConfigurationError,
  formatProblem
} from "./chunk-4TMDRVSR.mjs";
import {
  TAG_WIDTH,
  clip,
  formatTable,
  utc,
  visible
} from "./chunk-VPQIS2RW.mjs";
import "./chunk-WBKKXVG2.mjs";

// actions/src/core/status.ts
function unreadBlocklistWarning(error) {
  return visible(`blocked.yaml does not read (${error.problems.map(formatProblem).join("; ")}): digests not checked against it`);
}
function readPins(config, files) {
  return config.apps.flatMap((app) => config.environments.map((env) => readPin(app, env, files)));
}
async function markUndeployedPins(config, files, rows, readFiles) {
  const apps = new Map(config.apps.map((a) => [a.name, a]));
  const asks = rows.flatMap((row, i) => {
    const pin = apps.get(row.app)?.pin;
    const text = files.get(row.manifest);
    return row.error === void 0 && pin?.kind === "kustomize" && typeof text === "string" ? [{ i, pin: { file: row.manifest, text, name: pin.name } }] : [];
  });
  if (asks.length === 0) return rows;
  const problems = await judgeKustomizePins(asks.map((a) => a.pin), readFiles);
  asks.forEach(({ i }, k) => {
    const problem = problems[k];
    if (problem) rows[i] = { ...rows[i], error: formatProblem(problem) };
  });
  return rows;
}
function computeStatus(config, commit, pins, changes, pinned = [], blockedBy = () => void 0) {
  const rows = pins.map(({ env, app, manifest, ...pin }, i) => {
    const change = changes.get(manifest);
    const since = pinned[i];
    const entry = pin.digest !== void 0 ? blockedBy(app, pin.digest) : void 0;
    const blocked = entry && { app: entry.app, reason: entry.reason, ...entry.by !== void 0 ? { by: entry.by } : {}, ...entry.at !== void 0 ? { at: entry.at } : {} };
    return { env, app, manifest, ...since ? { pinned: since } : {}, ...change ? { changed: change } : {}, ...pin, ...blocked ? { blocked } : {} };
  });
  return { commit, environments: config.environments.map((e) => e.name), apps: config.apps.map((a) => a.name), rows };
}
async function pinnedSince(history, config, head, rows, changes) {
  const result = rows.map(() => void 0);
  const apps = new Map(config.apps.map((a) => [a.name, a]));
  const asks = rows.flatMap((row, i) => {
    const last = changes.get(row.manifest);
    const app = apps.get(row.app);
    return row.digest !== void 0 && row.error === void 0 && last && app ? [{ i, row, app, digest: row.digest, last: last.commit }] : [];
  });
  if (asks.length === 0) return result;
  const lasts = await history.commitInfos(asks.map((a) => a.last));
  const open = [];
  for (const ask of asks) {
    const last = lasts.get(ask.last);
    const pin = last && ferryPin(last, ask.row, ask.digest);
    if (last && pin && (pin.previousImage === void 0 || imageParts(pin.previousImage).digest !== ask.digest)) result[ask.i] = pinnedInfo(last, pin);
    else if (last && last.parents.length === 0) result[ask.i] = pinnedInfo(last, void 0);
    else open.push(ask);
  }
  if (open.length === 0) return result;
  const commitsOf = new Map(open.map((a) => [a.row.manifest, []]));
  const changed = await history.pathChanges(head, [...commitsOf.keys()]);
  for (const { commit, files } of changed) for (const f of files) commitsOf.get(f)?.push(commit);
  const runs = open.map((ask) => {
    const commits = commitsOf.get(ask.row.manifest);
    return { ask, commits, versions: commits[0] === ask.last ? [{ commit: ask.last, digest: ask.digest }] : [], next: 2 };
  });
  const unfinished = () => runs.filter((r) => r.versions.length < r.commits.length && runLength(r.versions, r.ask.digest) === r.versions.length);
  for (let round = unfinished(); round.length; round = unfinished()) {
    const next = round.map((r) => r.commits.slice(r.versions.length, r.versions.length + r.next));
    const texts = await history.readFilesAt(round.flatMap((r, i) => next[i].map((commit) => ({ commit, path: r.ask.row.manifest }))), (file) => file);
    let at = 0;
    round.forEach((r, i) => {
      for (const commit of next[i]) r.versions.push({ commit, digest: pinnedDigest(texts[at++], r.ask.row.manifest, r.ask.app) });
      r.next *= 4;
    });
  }
  const starts = runs.map((r) => {
    const run = runLength(r.versions, r.ask.digest);
    return run > 0 ? r.versions[run - 1].commit : void 0;
  });
  const infos = await history.commitInfos(starts.filter((s) => s !== void 0));
  const place = new Map(changed.map((c, i) => [c.commit, i]));
  const merges = /* @__PURE__ */ new Map();
  for (const [k, { ask }] of runs.entries()) {
    const start = infos.get(starts[k] ?? "");
    if (start && start.parents.length > 1 && !ferryPin(start, ask.row, ask.digest)) merges.set(start.commit, start);
  }
  const brought = await mergedIn(history, [...merges.values()].sort((a, b) => place.get(a.commit) - place.get(b.commit)));
  for (const [k, { ask }] of runs.entries()) {
    const start = infos.get(starts[k] ?? "");
    if (!start) continue;
    let pin = ferryPin(start, ask.row, ask.digest);
    for (const c of brought.get(start.commit) ?? []) pin ??= ferryPin(c, ask.row, ask.digest);
    result[ask.i] = pinnedInfo(start, pin);
  }
  return result;
}
function ferryPin(c, row, digest) {
  const pin = pinEvents([c]).find((p) => p.action !== "" && p.env === row.env && p.app === row.app && imageParts(p.image).digest === digest);
  const requestedBy = c.trailers.get("Ferry-Requested-By")?.[0];
  return pin && (requestedBy ? { ...pin, requestedBy } : pin);
}
async function mergedIn(history, merges) {
  const brought = new Map(merges.map((m) => [m.commit, []]));
  const newest = merges[0];
  const oldest = merges.at(-1)?.parents[0];
  if (!newest || oldest === void 0) return brought;
  const log = await history.log(newest.commit, [oldest]);
  const landed = landings(log, newest.commit);
  for (const c of log) {
    const merge = landed.get(c.commit)?.commit;
    if (merge !== c.commit) brought.get(merge ?? "")?.push(c);
  }
  return brought;
}
function pinnedInfo(c, pin) {
  const { commit, date, author, subject } = c;
  if (pin) return { commit, date, author, ...pin.requestedBy ? { requestedBy: pin.requestedBy } : {}, subject, action: pin.action, ...pin.commit !== commit ? { ferryCommit: pin.commit } : {} };
  if (c.parents.length === 0 && c.trailers.get("Ferry-Action")?.[0] === "init") return { commit, date, author, ...c.requestedBy ? { requestedBy: c.requestedBy } : {}, subject, action: "init" };
  return { commit, date, author, subject, byHand: true };
}
function pinnedDigest(text, path, app) {
  try {
    return typeof text === "string" ? readPinnedImage(text, path, app.pin).digest : void 0;
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return void 0;
  }
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
function by(shown, pinned) {
  if (pinned?.byHand) return `${shown.author} (by hand)`;
  if (pinned?.action === "init") return `${shown.requestedBy ?? shown.author} (ferry init)`;
  if (pinned) return shown.requestedBy ?? "";
  return shown.requestedBy ?? shown.author;
}
var NOTE_WIDTH = 100;
function blockedNote(row, envs) {
  const entry = row.blocked;
  const forApp = entry.app !== row.app ? ` for app ${JSON.stringify(entry.app)}` : "";
  return clip(visible(`(blocked) ${row.app} in ${envs.join(", ")}: ${shortDigest(row.digest)} blocked${forApp}: ${entry.reason}${entry.by ? ` (by ${entry.by})` : ""}`), NOTE_WIDTH);
}
function formatStatusTable(status) {
  const rows = [];
  const notes = [];
  let since = false;
  const blocked = /* @__PURE__ */ new Map();
  for (const row of status.rows) {
    if (!row.blocked || row.digest === void 0) continue;
    const key = `${row.app}\0${row.digest}`;
    const seen = blocked.get(key);
    if (seen) seen.envs.push(row.env);
    else blocked.set(key, { row, envs: [row.env] });
  }
  for (const row of status.rows) {
    if (row.error) notes.push(visible(`! ${row.app} in ${row.env}: ${row.error}`));
    const { pinned, changed } = row;
    const moved = pinned !== void 0 && changed !== void 0 && changed.commit !== pinned.commit;
    since ||= moved;
    const shown = pinned ?? changed;
    rows.push([
      row.app,
      row.env,
      row.error ? "!" : clip(visible(row.tag ?? "-"), TAG_WIDTH),
      row.error ? "see below" : row.digest ? `${shortDigest(row.digest)}${row.blocked ? " (blocked)" : ""}` : "(no digest)",
      shown ? utc(shown.date) : "-",
      shown ? `${shown.commit.slice(0, 12)}${moved ? "*" : ""}` : "-",
      shown ? by(shown, pinned) : "-"
    ]);
  }
  for (const { row, envs } of blocked.values()) notes.push(blockedNote(row, envs));
  if (since) notes.unshift('* the manifest changed since the pin, its digest did not (--json: "changed" is the last change)');
  const table = formatTable(["APP", "ENV", "TAG", "DIGEST", "PINNED", "COMMIT", "BY"], rows);
  return notes.length ? `${table}

${notes.join("\n")}` : table;
}

// actions/src/entry/commands/status.ts
async function runStatus(options) {
  const phase = options.phase ?? (() => {
  });
  phase("Read the env repo and its history");
  const repo = await GitEnvRepo.openForReading({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE, BLOCKLIST_FILE] });
  try {
    const head = await repo.head();
    const config = await readConfig(head);
    let warning;
    const blockedBy = await head.readFile(BLOCKLIST_FILE).then(async (text) => {
      if (text === void 0) return void 0;
      const { findBlocked, parseBlocklist } = await import("./blocklist-DPTG7R2S.mjs");
      const list = parseBlocklist(text);
      return (app, digest) => findBlocked(list, app, digest);
    }).catch((error) => {
      if (!(error instanceof ConfigurationError)) throw error;
      warning = unreadBlocklistWarning(error);
      return void 0;
    });
    const paths = config.apps.flatMap((app) => config.environments.map((env) => manifestPath(app, env.name)));
    phase("Read the manifests and when each last changed");
    const [changes, pins] = await Promise.all([
      repo.lastChanges(head.commit, paths),
      // A manifest that cannot be read as text is its row's problem, not the end of the table; so
      // is a kustomize pin that is never deployed (the files its kustomization names are read too).
      repo.readFilesReporting(head.commit, paths).then((files) => markUndeployedPins(config, files, readPins(config, files), (more) => repo.readFilesReporting(head.commit, more)))
    ]);
    phase("Read since when each digest is pinned");
    const pinned = await pinnedSince(repo, config, head.commit, pins, changes);
    return { status: "succeeded", repo: redactUrl(repo.url), branch: options.branch, ...computeStatus(config, head.commit, pins, changes, pinned, blockedBy), ...warning ? { warning } : {} };
  } finally {
    await repo.close();
  }
}
export {
  formatStatusTable,
  runStatus
};
