import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  readConfig
} from "./chunk-736OWXYZ.mjs";
import {
  findApp
} from "./chunk-QKVPLPRY.mjs";
import {
  manifestPath
} from "./chunk-TWBHTREK.mjs";
import {
  GitEnvRepo,
  printWarning
} from "./chunk-SK2V36WJ.mjs";
import "./chunk-TTKF36OU.mjs";
import {
  atLanding,
  branchHistoryEvents,
  editsBeyondLandedPins,
  forkPoints,
  formatHistory,
  handEditEvents,
  inFilter,
  inLandingOrder,
  isFerryCommit,
  landedEvents,
  landings,
  mergeInLogOrder,
  mergedChanges,
  pinChangedEdits,
  unknownFilterNames,
  unreadConfigWarning
} from "./chunk-FJ6XG4P3.mjs";
import "./chunk-C4EZRMXW.mjs";
import {
  CONFIG_FILE
} from "./chunk-VVEEDHSD.mjs";
import {
  redactUrl
} from "./chunk-OSG537VB.mjs";
import "./chunk-FD6ZWLQC.mjs";
import {
  ConfigurationError
} from "./chunk-4TMDRVSR.mjs";
import {
  isoUtc
} from "./chunk-VPQIS2RW.mjs";
import "./chunk-WBKKXVG2.mjs";

// actions/src/entry/commands/history.ts
async function runHistory(options) {
  const phase = options.phase ?? (() => {
  });
  phase("Read the env repo and its history");
  let cloneWarning;
  const repo = await GitEnvRepo.openForReading({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE], warn: (w) => cloneWarning = w });
  try {
    const head = await repo.head();
    let config;
    let unread;
    try {
      config = await readConfig(head);
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      unread = error;
    }
    phase("Read the Ferry commits");
    const log = await repo.log(head.commit);
    const filter = { env: options.env, app: options.app };
    const landed = landings(log, head.commit);
    const ferry = branchHistoryEvents(log, head.commit, filter, landed);
    let all = ferry;
    if (config) {
      const every = /* @__PURE__ */ new Map();
      for (const e of config.environments) {
        for (const a of config.apps) {
          const path = manifestPath(a, e.name);
          every.set(path, [...every.get(path) ?? [], { env: e.name, app: a.name }]);
        }
      }
      const owners = new Map([...every].filter(([, list]) => list.some((owner) => inFilter(owner, options))));
      const merges = new Set(log.filter((e) => (e.parents?.length ?? 1) !== 1).map((e) => e.commit));
      const order = new Map(inLandingOrder(log, landed).map((e, i) => [e.commit, i]));
      const byId = new Map(log.map((e) => [e.commit, e]));
      const unrecorded = [];
      const lineMerges = [];
      for (let e = byId.get(head.commit); e; e = e.parents?.[0] === void 0 ? void 0 : byId.get(e.parents[0])) {
        if ((e.parents?.length ?? 0) > 1) lineMerges.push(e.commit);
        else if (!isFerryCommit(e.trailers) && !merges.has(e.commit)) unrecorded.push(e.commit);
      }
      const lineChanges = await repo.changesIn([...unrecorded, ...lineMerges], [...owners.keys()]);
      const merged = lineChanges.filter((c) => merges.has(c.commit));
      const mergedIds = new Set(merged.map((c) => c.commit));
      const side = log.filter((e) => e.parents?.length === 1 && mergedIds.has(landed.get(e.commit)?.commit ?? "") && !mergedIds.has(e.commit)).map((e) => e.commit);
      const sideChanges = await repo.changesIn(side, [...new Set(merged.flatMap((c) => c.files))]);
      const apps = new Map(config.apps.map((a) => [a.name, a]));
      const envs = new Set(config.environments.map((e) => e.name));
      const brought = [];
      for (const event of ferry) {
        const app = event.landedWith !== void 0 && envs.has(event.env ?? "") && event.image !== void 0 ? apps.get(event.app ?? "") : void 0;
        if (app) brought.push({ event, app, path: manifestPath(app, event.env), merge: event.landedWith });
      }
      const sideFiles = new Set(sideChanges.flatMap((c) => c.files.map((f) => `${landed.get(c.commit)?.commit}\0${f}`)));
      const tips = merged.flatMap((m) => m.files.filter((f) => sideFiles.has(`${m.commit}\0${f}`)).flatMap((path) => (byId.get(m.commit)?.parents ?? []).slice(1).map((tip) => ({ merge: m.commit, tip, path }))));
      const pairs = /* @__PURE__ */ new Map();
      for (const b of brought) pairs.set(`${b.event.commit} ${b.merge}`, [b.event.commit, b.merge]);
      for (const t of tips) pairs.set(`${t.tip} ${t.merge}`, [t.tip, t.merge]);
      const differ = pairs.size ? await repo.differingFiles([...pairs.values()], [...new Set([...brought, ...tips].map((x) => x.path))]) : [];
      const differs = new Map([...pairs.keys()].map((key, i) => [key, differ[i]]));
      const same = (other, merge, path) => !differs.get(`${other} ${merge}`)?.includes(path);
      const asBranchLeftIt = new Set(tips.filter((t) => same(t.tip, t.merge, t.path)).map((t) => `${t.merge}\0${t.path}`));
      const twoSided = tips.filter((t) => !asBranchLeftIt.has(`${t.merge}\0${t.path}`) && byId.get(t.merge)?.parents?.length === 2);
      const forks = twoSided.length ? forkPoints(log, landed, new Set(twoSided.map((t) => t.merge))) : /* @__PURE__ */ new Map();
      const asks = [...new Map(twoSided.map((t) => [`${t.merge}\0${t.path}`, { merge: t.merge, parents: byId.get(t.merge).parents, bases: forks.get(t.merge) ?? [], path: t.path }])).values()];
      const unsure = brought.filter((b) => !same(b.event.commit, b.merge, b.path));
      const held = /* @__PURE__ */ new Map();
      const [asGitMerged] = await Promise.all([repo.mergedAsGitWould(asks), (async () => {
        if (!unsure.length) return;
        const pinIn = await pinReader();
        const texts = await repo.readFilesAt(unsure.map((b) => ({ commit: b.merge, path: b.path })));
        unsure.forEach((b, i) => held.set(b.event, pinIn(texts[i], b.path, b.app)));
      })()]);
      asks.forEach((t, i) => {
        if (asGitMerged[i]) asBranchLeftIt.add(`${t.merge}\0${t.path}`);
      });
      const landedFerry = brought.length ? landedEvents(ferry, (event) => held.get(event)) : ferry;
      const changes = [...lineChanges.filter((c) => !merges.has(c.commit)), ...mergedChanges(merged, sideChanges, landed, (id) => byId.get(id)?.parents, (m, f) => asBranchLeftIt.has(`${m}\0${f}`))];
      const infos = await repo.commitInfos(changes.map((c) => c.commit));
      let edits = atLanding(handEditEvents(changes.map((c) => {
        const author = infos.get(c.commit)?.author;
        return author === void 0 ? c : { ...c, author };
      }), owners), landed).sort((x, y) => (order.get(x.commit) ?? Number.MAX_SAFE_INTEGER) - (order.get(y.commit) ?? Number.MAX_SAFE_INTEGER));
      if (edits.length) {
        const owned = edits.map((e) => findApp(config, e.app));
        const paths = edits.map((e, i) => manifestPath(owned[i], e.env));
        const parents = edits.map((e, i) => (owners.get(paths[i])?.length ?? 0) > 1 ? byId.get(e.commit)?.parents?.[0] : void 0);
        const reads = edits.map((e, i) => ({ commit: e.commit, path: paths[i] }));
        const before = parents.flatMap((p, i) => p === void 0 ? [] : [{ i, read: reads.push({ commit: p, path: paths[i] }) - 1 }]);
        const [texts, pinIn] = await Promise.all([repo.readFilesAt(reads), pinReader()]);
        const pinAt = (read, i) => pinIn(texts[read], paths[i], owned[i]);
        const pins = edits.map((e, i) => {
          const after = pinAt(i, i);
          if (after !== void 0) e.image = after;
          return { path: paths[i], after, before: after };
        });
        for (const { i, read } of before) pins[i].before = pinAt(read, i);
        edits = editsBeyondLandedPins(pinChangedEdits(edits, pins), landedFerry);
      }
      all = mergeInLogOrder(landedFerry, edits, order);
    }
    const unknown = unknownFilterNames(options, all.length ? all : branchHistoryEvents(log, head.commit, {}, landed), config);
    if (unknown.length) throw new ConfigurationError([...unknown, ...unread?.problems ?? []]);
    const events = all.filter((e) => inFilter(e, options)).map((e) => ({ ...e, date: isoUtc(e.date) }));
    const warning = [cloneWarning, unread ? unreadConfigWarning(unread) : void 0].filter(Boolean).join("; ");
    return {
      repo: redactUrl(repo.url),
      branch: options.branch,
      commit: head.commit,
      ...options.env !== void 0 ? { env: options.env } : {},
      ...options.app !== void 0 ? { app: options.app } : {},
      ...config ? { environments: config.environments.map((e) => e.name) } : {},
      events,
      ...warning ? { warning } : {}
    };
  } catch (error) {
    if (cloneWarning !== void 0) printWarning(cloneWarning);
    throw error;
  } finally {
    await repo.close();
  }
}
async function pinReader() {
  const { readPinnedImage } = await import("./image-pin-IFVBTNOL.mjs");
  return (text, path, app) => {
    if (typeof text !== "string") return void 0;
    try {
      return readPinnedImage(text, path, app.pin).image;
    } catch {
      return void 0;
    }
  };
}
export {
  formatHistory,
  runHistory
};
