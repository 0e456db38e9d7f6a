import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  GitEnvRepo,
  notARegularFile
} from "./chunk-SK2V36WJ.mjs";
import "./chunk-TTKF36OU.mjs";
import "./chunk-C4EZRMXW.mjs";
import {
  BLOCKLIST_FILE,
  CONFIG_FILE
} from "./chunk-VVEEDHSD.mjs";
import {
  redactUrl
} from "./chunk-OSG537VB.mjs";
import "./chunk-FD6ZWLQC.mjs";
import {
  ConfigurationError,
  formatProblem,
  quote
} from "./chunk-4TMDRVSR.mjs";
import "./chunk-VPQIS2RW.mjs";
import "./chunk-WBKKXVG2.mjs";

// actions/src/core/audit-run.ts
var FORK_WALK = 64;
var VERSIONS_KEPT = 8;
function startAudit(options) {
  const rules = import("./audit-MZ3Z2Y7L.mjs");
  rules.catch(() => {
  });
  return (source) => auditHistory(source, rules, options);
}
async function auditHistory(source, rules, options) {
  const head = await source.head();
  const { phase, kindOf: kindOf2, ...filters } = options;
  const history = source.firstParentHistory(head.commit);
  const first = history.next();
  first.catch(() => {
  });
  let auditor;
  let sides;
  try {
    const { Auditor, MergeSides, recordsOtherFrom, writesBlocklist } = await rules;
    auditor = new Auditor(filters);
    const [{ parseConfig, findEnvironment, manifestPath }, { readConfig }] = await Promise.all([import("./config-5UCFOZXJ.mjs"), import("./env-repo-config-P5MV4WB5.mjs")]);
    if (filters.env !== void 0) findEnvironment(await readConfig(head, { historic: true }), filters.env);
    let configSeen = false;
    phase?.("Check every commit, oldest first");
    let config;
    let atHead;
    const versions = /* @__PURE__ */ new Map();
    const configAt = async (commit) => {
      const id = await source.fileId(commit, CONFIG_FILE);
      if (id === void 0) return void 0;
      let version = versions.get(id);
      if (!versions.has(id)) {
        try {
          const text = (await source.readFiles(commit, [CONFIG_FILE])).get(CONFIG_FILE);
          version = text === void 0 ? void 0 : await parseConfig(text, CONFIG_FILE, { historic: true });
        } catch (error) {
          if (!(error instanceof ConfigurationError)) throw error;
          version = error;
        }
      }
      versions.delete(id);
      versions.set(id, version);
      if (versions.size > VERSIONS_KEPT) versions.delete(versions.keys().next().value);
      if (version instanceof ConfigurationError) throw version;
      return version && { ...version };
    };
    const configWritten = async (c) => {
      const [parent] = sides?.parents(c.commit) ?? await source.parents(c.commit);
      if (parent === void 0) return void 0;
      return configAt(parent).catch((error) => {
        if (!(error instanceof ConfigurationError)) throw error;
        return void 0;
      });
    };
    const check = async (c, side = false) => {
      if (c.files.includes(CONFIG_FILE)) configSeen = true;
      const before = config;
      let unreadable;
      if (c.files.includes(CONFIG_FILE)) {
        try {
          config = await configAt(c.commit) ?? config;
        } catch (error) {
          if (!(error instanceof ConfigurationError)) throw error;
          if (!config) unreadable = error;
        }
      }
      const written = side && recordsOtherFrom(c, before) ? await configWritten(c) : void 0;
      auditor.check(c, config, before ?? null, written);
      if (unreadable) auditor.configUnreadable(c, unreadable.problems.map(formatProblem).join("; "));
      if (c.files.includes(BLOCKLIST_FILE) && writesBlocklist(c)) {
        const [parent] = await source.parents(c.commit);
        const [was, is] = await Promise.all([blocklistAt(source, parent), blocklistAt(source, c.commit)]);
        if (typeof is === "string") auditor.checkBlocklistChange(c, { unreadable: is });
        else if (typeof was !== "string") auditor.checkBlocklistChange(c, changed(was, is));
      }
      if (config && !atHead) {
        const { environments, apps } = config;
        const paths = environments.flatMap((e) => apps.map((a) => manifestPath(a, e.name)));
        atHead = source.readFilesReporting(head.commit, paths, { lossy: true });
        atHead.catch(() => {
        });
      }
    };
    let gitMerged;
    const asGitMerged = async (merge, path) => {
      gitMerged ??= (async () => {
        const asks = sides.twoSided().flatMap(({ paths, ...m }) => paths.map((p) => ({ ...m, path: p })));
        const answers = await source.mergedAsGitWould(asks);
        return new Set(asks.filter((_, i) => answers[i]).map((a) => `${a.merge}\0${a.path}`));
      })();
      return (await gitMerged).has(`${merge}\0${path}`);
    };
    const checkTakenApart = async (t, line) => {
      const { merge } = t;
      const kept = new Set(merge.files);
      const saved = config;
      const mark = auditor.beginMerge(config, t.paths, merge);
      const brought = /* @__PURE__ */ new Set();
      const known = /* @__PURE__ */ new Set();
      let twoWay;
      const twoParents = (sides.parents(merge.commit) ?? merge.parents)?.length === 2;
      for (const { tip, commits } of t.sides) {
        const oldest = commits[0] && ("sides" in commits[0] ? commits[0].merge.commit : commits[0].commit);
        let fork = oldest !== void 0 ? (sides.parents(oldest) ?? await source.parents(oldest))[0] : void 0;
        for (let step = 0; fork !== void 0 && !auditor.hasChecked(fork) && step < FORK_WALK; step++) fork = (sides.parents(fork) ?? await source.parents(fork))[0];
        auditor.side(fork);
        const changed2 = /* @__PURE__ */ new Set();
        for (const c of commits) {
          if ("sides" in c) for (const f of await checkTakenApart(c, false)) changed2.add(f);
          else {
            await check(c, true);
            for (const f of c.files) changed2.add(f);
          }
        }
        const same = merge.files.length ? sides.sameFiles(merge.commit, tip, merge.files) ?? await source.sameFiles(merge.commit, tip, merge.files) : [];
        for (const f of same) if (changed2.has(f)) brought.add(f);
        if (twoParents) twoWay = { changed: changed2, same: new Set(same), read: commits.length === 0 };
        const rest = line ? [] : [...same].filter((f) => !brought.has(f));
        if (rest.length && (sides.side(t.known, tip) ?? await source.sideHistory(t.known, tip)).length === 0) for (const f of rest) known.add(f);
      }
      for (const f of brought) known.delete(f);
      if (twoWay && saved) {
        for (const f of merge.files) {
          if (!brought.has(f) && !known.has(f) && (twoWay.changed.has(f) || twoWay.read) && !twoWay.same.has(f) && auditor.pinned(saved, f) && await asGitMerged(merge.commit, f)) brought.add(f);
        }
      }
      const own = merge.files.filter((f) => !brought.has(f) && !known.has(f));
      if (!kept.has(CONFIG_FILE)) config = saved;
      else if (!own.includes(CONFIG_FILE)) config = await configAt(merge.commit).catch((error) => {
        if (!(error instanceof ConfigurationError)) throw error;
        return void 0;
      }) ?? config;
      auditor.endMerge(mark, kept, known, config);
      await check({ ...merge, files: own });
      for (const f of own) brought.add(f);
      return brought;
    };
    const merges = [];
    for (let next = await first; !next.done; next = await history.next()) {
      for (const c of next.value) {
        if (c.parents && c.trailers.count === 0 && config) {
          if (!sides) {
            const { parents, side, differences } = await source.commitsSince(head.commit, c.parents[0]);
            sides = new MergeSides(head.commit, c.parents[0], parents, side, differences);
          }
          const t = await takeApart(source, sides, c, c.parents, [], true);
          if (t.ferry || auditor.guards(config, [...t.paths]) || auditor.guards(config, c.files)) {
            await checkTakenApart(t, true);
            merges.push({ merge: c, seq: auditor.checked });
            continue;
          }
        }
        if (c.files.includes(CONFIG_FILE) || c.files.includes(BLOCKLIST_FILE)) await check(c);
        else auditor.check(c, config);
        if (c.parents) merges.push({ merge: c, seq: auditor.checked });
      }
    }
    if (!configSeen && await head.readFile(CONFIG_FILE) === void 0) await readConfig(head);
    await checkUnrelated(source, auditor, head.commit, merges);
    await settlePaths(source, auditor, kindOf2);
    await settleOverrides(source, auditor, kindOf2);
    await settleHandEdits(source, auditor);
    await settleClaims(source, auditor);
    const pins = config ? auditor.recordedPins(config) : [];
    if (pins.length) {
      const texts = new Map(await atHead);
      const unread = pins.map((p) => p.path).filter((path) => !texts.has(path));
      if (unread.length) for (const [path, text] of await source.readFilesReporting(head.commit, unread, { lossy: true })) texts.set(path, text);
      auditor.checkHead(pins, texts);
    }
  } finally {
    await history.return(void 0);
  }
  const range = auditor.range();
  return { commit: head.commit, checked: auditor.checked, ...range ? { range } : {}, violations: auditor.inRange() };
}
async function checkUnrelated(source, auditor, head, merges) {
  if (!merges.length) return;
  const roots = await source.rootCommits(head);
  if (roots.length <= 1) return;
  for (const { merge: m, seq } of merges) {
    for (const other of m.parents.slice(1)) if (!await source.related(m.parents[0], other)) auditor.unrelatedHistory(m, other, roots, seq);
  }
}
async function settlePaths(source, auditor, kindOf2) {
  const looks = auditor.pathsToRead();
  if (!looks.length) return;
  const kinds = await source.readFilesAt(looks.flatMap((look) => look.read.map((path) => ({ commit: look.commit, path }))), kindOf2);
  const found = /* @__PURE__ */ new Map();
  let at = 0;
  for (const look of looks) found.set(look, kinds.slice(at, at += look.read.length));
  auditor.settlePaths(found);
}
async function settleOverrides(source, auditor, kindOf2) {
  const changes = auditor.overridesToRead();
  if (!changes.length) return;
  const reader = import("./argocd-source-YKIXNGRP.mjs");
  reader.catch(() => {
  });
  const commits = [...new Set(changes.map((change) => change.commit))];
  const parents = new Map(await Promise.all(commits.map(async (commit) => [commit, (await source.parents(commit))[0]])));
  const asked = changes.flatMap((change) => {
    const parent = parents.get(change.commit);
    return [{ commit: change.commit, path: change.file }, ...parent !== void 0 ? [{ commit: parent, path: change.file }] : []];
  });
  const pinsOf = /* @__PURE__ */ new Map();
  for (const change of changes) pinsOf.set(change.file, (pinsOf.get(change.file) ?? /* @__PURE__ */ new Set()).add(change.pins));
  const { overrideFindings, readOverrideFile } = await reader;
  const judged = await source.readFilesAt(asked, (file, path) => {
    const kind = kindOf2(file);
    if (file === void 0 || kind === "directory" || kind === "other") return void 0;
    if (kind === "link") return "link";
    const reading = readOverrideFile(file);
    return new Map([...pinsOf.get(path)].map((pins) => [pins, overrideFindings(path, reading, pins)]));
  });
  const version = (found, change) => found instanceof Map ? found.get(change.pins) : found;
  let at = 0;
  const versions = new Map(changes.map((change) => {
    const after = version(judged[at++], change);
    const before = parents.get(change.commit) !== void 0 ? version(judged[at++], change) : void 0;
    return [change, { after, before }];
  }));
  auditor.settleOverrides(versions);
}
async function settleHandEdits(source, auditor) {
  const hands = auditor.handEditsToRead();
  if (!hands.length) return;
  const commits = [...new Set(hands.flatMap((hand) => [...hand.before ? [hand.commit] : [], ...hand.moved ? [hand.moved.commit] : []]))];
  const parents = new Map(await Promise.all(commits.map(async (commit) => [commit, (await source.parents(commit))[0]])));
  const asked = [];
  const at = hands.map((hand) => {
    const parent = hand.before && parents.get(hand.commit);
    const movedParent = hand.moved && parents.get(hand.moved.commit);
    return [
      asked.push({ commit: hand.commit, path: hand.path }) - 1,
      parent !== void 0 ? asked.push({ commit: parent, path: hand.before.path }) - 1 : -1,
      movedParent !== void 0 ? asked.push({ commit: movedParent, path: hand.moved.path }) - 1 : -1
    ];
  });
  const [texts, { readPinnedImage }] = await Promise.all([source.readFilesAt(asked), import("./image-pin-IFVBTNOL.mjs")]);
  const files = new Map(hands.map((hand, i) => [hand, { after: texts[at[i][0]], before: at[i][1] < 0 ? void 0 : texts[at[i][1]], ...at[i][2] < 0 ? {} : { moved: texts[at[i][2]] } }]));
  auditor.settleHandEdits(files, (text, path, app) => readPinnedImage(text, path, app.pin, `${app.registry}/${app.image}`));
}
async function settleClaims(source, auditor) {
  const claims = auditor.claimsToCheck();
  if (!claims.length) return;
  const parents = await Promise.all(claims.map((claim) => source.parents(claim.commit)));
  const asked = claims.flatMap((claim, i) => parents[i][0] !== void 0 ? [{ claim, commit: parents[i][0], path: claim.path }] : []);
  const texts = await source.readFilesAt(asked);
  const before = new Map(claims.map((claim) => [claim, void 0]));
  asked.forEach(({ claim }, i) => before.set(claim, typeof texts[i] === "string" ? texts[i] : void 0));
  auditor.settleClaims(before);
}
async function blocklistAt(source, commit) {
  if (commit === void 0) return [];
  const [text] = await source.readFilesAt([{ commit, path: BLOCKLIST_FILE }]);
  if (text === void 0) return [];
  try {
    if (text instanceof ConfigurationError) throw text;
    return (await import("./blocklist-DPTG7R2S.mjs")).parseBlocklist(text).map((e) => `${e.digest} ${e.app}`);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return error.problems.map(formatProblem).join("; ");
  }
}
function changed(was, is) {
  const count = /* @__PURE__ */ new Map();
  for (const e of is) count.set(e, (count.get(e) ?? 0) + 1);
  for (const e of was) count.set(e, (count.get(e) ?? 0) - 1);
  const added = [];
  const removed = [];
  for (const [e, n] of count) for (let i = 0; i < Math.abs(n); i++) (n > 0 ? added : removed).push(e);
  return { added, removed };
}
async function takeApart(source, sides, merge, parents, known, line) {
  const [first, ...tips] = parents;
  const read = [first, ...known];
  const t = { merge, known, sides: [], paths: /* @__PURE__ */ new Set(), ferry: false };
  for (const tip of tips) {
    const chain = sides.side(read, tip) ?? await source.sideHistory(read, tip);
    if (line && chain.length && sides.parents(chain[0].commit)?.length === 0) continue;
    const commits = [];
    for (const c of chain) {
      const inner = c.trailers.count === 0 ? sides.parents(c.commit) ?? (c.files.length ? await source.parents(c.commit) : void 0) : void 0;
      if (inner && inner.length > 1) {
        const taken = await takeApart(source, sides, c, inner, read, false);
        for (const f of taken.paths) t.paths.add(f);
        t.ferry ||= taken.ferry;
        commits.push(taken);
      } else {
        t.ferry ||= c.trailers.count > 0;
        commits.push(c);
      }
      for (const f of c.files) t.paths.add(f);
    }
    t.sides.push({ tip, commits });
  }
  return t;
}

// actions/src/entry/commands/audit.ts
function isoDate(value, field, end = false) {
  const bad = () => new ConfigurationError({ field, message: `expected a date like 2026-11-23 or 2026-11-23T18:00:00Z, found ${JSON.stringify(value)}` });
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d:\d\d(?::\d\d(?:\.\d+)?)?) ?(Z|UTC|GMT|[+-]\d\d:?\d\d)?)?$/i.exec(value);
  if (!m) throw bad();
  const zone = m[5] === void 0 || /^(?:z|utc|gmt)$/i.test(m[5]) ? "Z" : m[5].includes(":") ? m[5] : `${m[5].slice(0, 3)}:${m[5].slice(3)}`;
  const time = /* @__PURE__ */ new Date(m[4] === void 0 ? `${m[1]}-${m[2]}-${m[3]}T00:00:00Z` : `${m[1]}-${m[2]}-${m[3]}T${m[4]}${zone}`);
  if (Number.isNaN(time.getTime())) throw bad();
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) throw bad();
  const instant = end && value.length === 10 ? new Date(date.getTime() + 86399e3) : time;
  return instant.toISOString().replace(/\.\d{3}Z$/, "Z");
}
async function runAudit(options) {
  const after = options.after;
  if (after !== void 0 && !/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(after)) throw new ConfigurationError({ field: "after", message: `expected a full commit id (an earlier audit's commit), found ${quote(after)}` });
  const since = options.since !== void 0 ? isoDate(options.since, "since") : void 0;
  const until = options.until !== void 0 ? isoDate(options.until, "until", true) : void 0;
  if (since !== void 0 && until !== void 0 && since > until) throw new ConfigurationError({ field: "until", message: `${JSON.stringify(options.until)} is before since (${JSON.stringify(options.since)}): the range holds no commit` });
  const phase = options.phase ?? (() => {
  });
  phase("Read the env repo and its history");
  const filters = { ...options.env !== void 0 ? { env: options.env } : {}, ...since ? { since } : {}, ...until ? { until } : {}, ...after !== void 0 ? { after } : {} };
  const opening = GitEnvRepo.openForReading({ repo: options.repo, branch: options.branch, history: true });
  const audit = startAudit({ ...filters, phase, kindOf });
  const repo = await opening;
  try {
    const { commit, ...found } = await audit(repo);
    return { repo: redactUrl(repo.url), branch: options.branch, commit, ...filters, ...found };
  } finally {
    await repo.close();
  }
}
function kindOf(file) {
  if (file === void 0) return "none";
  if (typeof file === "string") return "file";
  const said = file.problems[0]?.message;
  return said === NOT_A_FILE.link ? "link" : said === NOT_A_FILE.directory ? "directory" : said === NOT_A_FILE.submodule ? "other" : "file";
}
var NOT_A_FILE = {
  link: notARegularFile("", "a symbolic link").problems[0].message,
  directory: notARegularFile("", "a directory").problems[0].message,
  submodule: notARegularFile("", "a submodule").problems[0].message
};
async function formatAuditMarkdown(report) {
  return (await import("./audit-MZ3Z2Y7L.mjs")).formatAuditMarkdown(report);
}
export {
  formatAuditMarkdown,
  runAudit
};
