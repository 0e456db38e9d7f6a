import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  isBlank
} from "./chunk-C4EZRMXW.mjs";
import {
  CONFIG_FILE
} from "./chunk-VVEEDHSD.mjs";
import {
  imageName,
  imageParts,
  shortDigest
} from "./chunk-FD6ZWLQC.mjs";
import {
  formatProblem,
  quote
} from "./chunk-4TMDRVSR.mjs";
import {
  TAG_WIDTH,
  clip,
  formatTable,
  utc,
  visible
} from "./chunk-VPQIS2RW.mjs";

// actions/src/core/landing.ts
function landings(log, tip) {
  const byId = new Map(log.map((c) => [c.commit, c]));
  const line = [];
  const onLine = /* @__PURE__ */ new Set();
  for (let c = byId.get(tip); c && !onLine.has(c.commit); c = byId.get(c.parents?.[0] ?? "")) {
    onLine.add(c.commit);
    line.push(c);
  }
  const landed = /* @__PURE__ */ new Map();
  for (const [rank, c] of line.reverse().entries()) {
    const landing = { commit: c.commit, date: c.date, rank };
    landed.set(c.commit, landing);
    const stack = [...(c.parents ?? []).slice(1)];
    for (let id = stack.pop(); id !== void 0; id = stack.pop()) {
      if (landed.has(id)) continue;
      const side = byId.get(id);
      if (!side) continue;
      landed.set(id, landing);
      stack.push(...side.parents ?? []);
    }
  }
  return landed;
}
function landedSince(commit, landing) {
  if (!landing) return commit.date;
  const [own, landed] = [Date.parse(commit.date), Date.parse(landing.date)];
  if (Number.isNaN(own)) return commit.date;
  if (Number.isNaN(landed)) return landing.date;
  return own > landed ? commit.date : landing.date;
}
function forkPoints(log, landed, merges) {
  const found = /* @__PURE__ */ new Map();
  const add = (merge, commit) => found.set(merge, (found.get(merge) ?? /* @__PURE__ */ new Set()).add(commit));
  for (const c of log) {
    const merge = landed.get(c.commit)?.commit;
    if (merge !== void 0 && merges.has(merge) && merge !== c.commit) {
      for (const p of c.parents ?? []) if (landed.has(p) && landed.get(p).commit !== merge) add(merge, p);
    }
    if (merges.has(c.commit)) {
      for (const p of (c.parents ?? []).slice(1)) if (landed.has(p) && landed.get(p).commit !== c.commit) add(c.commit, p);
    }
  }
  return new Map([...found].map(([merge, commits]) => [merge, [...commits]]));
}

// actions/src/core/history.ts
function previousImageOf(previous, apps, i, image) {
  if (previous.length === apps) return previous[i];
  if (image === void 0) return void 0;
  const name = imageName(image);
  return previous.find((p) => imageName(p) === name);
}
function pinEvents(log) {
  const events = [];
  for (const entry of log) {
    const env = entry.trailers.get("Ferry-Env")?.[0];
    const action = entry.trailers.get("Ferry-Action")?.[0] ?? "";
    const apps = entry.trailers.get("Ferry-App") ?? [];
    const images = entry.trailers.get("Ferry-Image") ?? [];
    const previous = entry.trailers.get("Ferry-Previous-Image") ?? [];
    if (!env || apps.length !== images.length) continue;
    apps.forEach((app, i) => {
      const previousImage = previousImageOf(previous, apps.length, i, images[i]);
      events.push({ commit: entry.commit, date: entry.date, action, env, app, image: images[i], ...previousImage !== void 0 ? { previousImage } : {} });
    });
  }
  return events;
}
function inFilter(event, filter) {
  return (filter.env === void 0 || event.env === void 0 || event.env === filter.env) && (filter.app === void 0 || event.app === filter.app);
}
function historyEvents(log, filter = {}) {
  const events = [];
  for (const entry of log) {
    const one = (key) => entry.trailers.get(key)?.[0];
    const action = one("Ferry-Action");
    if (action === void 0 || isBlank(action)) continue;
    const common = { commit: entry.commit, date: entry.date, action, approvedBy: [...entry.trailers.get("Ferry-Approved-By") ?? []] };
    const fields = [
      ["env", "Ferry-Env"],
      ["from", "Ferry-From"],
      ["requestedBy", "Ferry-Requested-By"],
      ["gates", "Ferry-Gate"],
      ["override", "Ferry-Override"],
      ["reason", "Ferry-Reason"],
      ["blockedImage", "Ferry-Blocked"]
    ];
    for (const [field, key] of fields) {
      const value = one(key);
      if (value !== void 0) common[field] = value;
    }
    if (!inFilter(common, { env: filter.env })) {
      const blocked = blockOfRollback(common, entry.trailers.get("Ferry-App")?.[0]);
      if (blocked && inFilter(blocked, filter)) events.push(blocked);
      continue;
    }
    const apps = entry.trailers.get("Ferry-App") ?? [];
    const images = entry.trailers.get("Ferry-Image") ?? [];
    const previous = entry.trailers.get("Ferry-Previous-Image") ?? [];
    const each = apps.length > 1 && images.length === apps.length ? apps.map((_, i) => i) : [0];
    for (const i of each) {
      const event = { ...common, approvedBy: [...common.approvedBy] };
      const per = [["app", apps[i]], ["image", images[i]], ["previousImage", previousImageOf(previous, apps.length, i, images[i])]];
      for (const [field, value] of per) if (value !== void 0) event[field] = value;
      if (inFilter(event, filter)) events.push(event);
    }
  }
  return events;
}
function blockOfRollback(event, app) {
  if (event.action !== "rollback" || event.blockedImage === void 0 || event.env === void 0) return void 0;
  const { commit, date, requestedBy, reason } = event;
  return {
    commit,
    date,
    action: "block",
    ...app !== void 0 ? { app } : {},
    image: event.blockedImage,
    ...requestedBy !== void 0 ? { requestedBy } : {},
    approvedBy: [...event.approvedBy],
    ...reason !== void 0 ? { reason } : {},
    rollbackEnv: event.env
  };
}
function changeKey(trailers) {
  const action = trailers.get("Ferry-Action")?.[0];
  if (!action) return void 0;
  return JSON.stringify([action, trailers.get("Ferry-Env")?.[0] ?? null, trailers.get("Ferry-App") ?? [], trailers.get("Ferry-Image") ?? []]);
}
function pinKey(event) {
  return event.env !== void 0 && event.app !== void 0 && event.image !== void 0 ? JSON.stringify([event.env, event.app]) : void 0;
}
function branchHistoryEvents(log, tip, filter = {}, landed = landings(log, tip)) {
  const byId = new Map(log.map((entry) => [entry.commit, entry]));
  const eventsOf = /* @__PURE__ */ new Map();
  for (const entry of log) {
    const events = historyEvents([entry], filter);
    if (events.length) eventsOf.set(entry.commit, atLanding(events, landed));
  }
  const brought = /* @__PURE__ */ new Map();
  for (const entry of log) {
    const merge = landed.get(entry.commit)?.commit;
    if (merge === void 0 || merge === entry.commit) continue;
    const side = brought.get(merge) ?? /* @__PURE__ */ new Set();
    side.add(entry.commit);
    brought.set(merge, side);
  }
  const repeated = /* @__PURE__ */ new Set();
  const superseded = /* @__PURE__ */ new Set();
  for (const [merge, side] of brought) {
    const key = changeKey(byId.get(merge).trailers);
    if (key !== void 0) {
      for (const id of side) if (changeKey(byId.get(id).trailers) === key) repeated.add(id);
    }
    const children = /* @__PURE__ */ new Map();
    for (const id of side) for (const p of byId.get(id).parents ?? []) if (side.has(p)) children.set(p, (children.get(p) ?? 0) + 1);
    const later = /* @__PURE__ */ new Map();
    const ready = [...side].filter((id) => !children.has(id));
    for (let id = ready.pop(); id !== void 0; id = ready.pop()) {
      const after = later.get(id) ?? /* @__PURE__ */ new Set();
      later.delete(id);
      const pins = (eventsOf.get(id) ?? []).flatMap((event) => {
        const pin = pinKey(event);
        if (pin === void 0) return [];
        if (after.has(pin) && event.blockedImage === void 0) superseded.add(event);
        return [pin];
      });
      for (const pin of pins) after.add(pin);
      let handedOver = false;
      for (const p of byId.get(id).parents ?? []) {
        if (!side.has(p)) continue;
        const theirs = later.get(p);
        if (theirs) {
          if (theirs !== after) for (const pin of after) theirs.add(pin);
        } else {
          later.set(p, handedOver ? new Set(after) : after);
          handedOver = true;
        }
        const left = children.get(p) - 1;
        children.set(p, left);
        if (left === 0) ready.push(p);
      }
    }
  }
  return inLandingOrder(log, landed).flatMap((entry) => repeated.has(entry.commit) ? [] : eventsOf.get(entry.commit) ?? []).filter((event) => !superseded.has(event));
}
function atLanding(events, landed) {
  return events.map((event) => {
    const landing = landed.get(event.commit);
    if (landing === void 0 || landing.commit === event.commit) return event;
    const { commit, date: _made, ...rest } = event;
    return { commit, date: landing.date, landedWith: landing.commit, ...rest };
  });
}
function inLandingOrder(log, landed) {
  if (!log.every((e) => landed.has(e.commit))) return [...log];
  return [...log].sort((a, b) => landed.get(b.commit).rank - landed.get(a.commit).rank);
}
function landedEvents(events, pinned) {
  return events.flatMap((event) => {
    if (event.landedWith === void 0 || pinKey(event) === void 0) return [event];
    const held = pinned(event);
    if (held === void 0 || samePin(held, event.image)) return [event];
    const block = blockOfRollback(event, event.app);
    return block ? [{ ...block, landedWith: event.landedWith }] : [];
  });
}
function samePin(a, b) {
  const [x, y] = [imageParts(a).digest, imageParts(b).digest];
  return x !== void 0 && y !== void 0 ? x === y : a === b;
}
function isFerryCommit(trailers) {
  return !isBlank(trailers.first("Ferry-Action") ?? "");
}
function handEditEvents(changes, owners) {
  const events = [];
  for (const c of changes) {
    if (isFerryCommit(c.trailers)) continue;
    for (const f of c.files) {
      for (const owner of owners.get(f) ?? []) {
        events.push({
          commit: c.commit,
          date: c.date,
          action: "edit",
          env: owner.env,
          app: owner.app,
          ...c.author !== void 0 ? { author: c.author } : {},
          byHand: true,
          approvedBy: [],
          reason: `${f} changed without Ferry (see ferry audit)`
        });
      }
    }
  }
  return events;
}
function mergedChanges(merges, sides, landed, parentsOf, asBranchLeftIt = () => true) {
  const bySide = /* @__PURE__ */ new Map();
  for (const c of sides) {
    const merge = landed.get(c.commit)?.commit;
    if (merge !== void 0 && merge !== c.commit) bySide.set(merge, [...bySide.get(merge) ?? [], c]);
  }
  const out = [];
  for (const m of merges) {
    const side = bySide.get(m.commit) ?? [];
    const own = [];
    const last = /* @__PURE__ */ new Map();
    for (const f of m.files) {
      const changers = side.filter((c) => c.files.includes(f));
      if (changers.length === 0 || !asBranchLeftIt(m.commit, f)) {
        own.push(f);
        continue;
      }
      const earlier = /* @__PURE__ */ new Set();
      const stack = changers.flatMap((c) => [...parentsOf(c.commit) ?? []]);
      for (let id = stack.pop(); id !== void 0; id = stack.pop()) {
        if (earlier.has(id) || id === m.commit || landed.get(id)?.commit !== m.commit) continue;
        earlier.add(id);
        stack.push(...parentsOf(id) ?? []);
      }
      for (const c of changers) if (!earlier.has(c.commit) && !isFerryCommit(c.trailers)) last.set(c, [...last.get(c) ?? [], f]);
    }
    for (const [c, files] of last) out.push({ ...c, files });
    if (own.length && !isFerryCommit(m.trailers)) out.push({ ...m, files: own });
  }
  return out;
}
function pinChangedEdits(edits, pins) {
  const key = (i) => JSON.stringify([edits[i].commit, pins[i].path]);
  const changed = /* @__PURE__ */ new Map();
  const owners = /* @__PURE__ */ new Map();
  edits.forEach((_e, i) => {
    const k = key(i);
    owners.set(k, (owners.get(k) ?? 0) + 1);
    if (pins[i].before !== pins[i].after) changed.set(k, true);
  });
  return edits.filter((_e, i) => {
    const k = key(i);
    return owners.get(k) < 2 || !changed.get(k) || pins[i].before !== pins[i].after;
  });
}
function editsBeyondLandedPins(edits, events) {
  const key = (merge, e) => JSON.stringify([merge, e.env, e.app, e.image === void 0 ? void 0 : imageParts(e.image).digest ?? e.image]);
  const landed = new Set(events.flatMap((e) => e.landedWith !== void 0 && pinKey(e) !== void 0 ? [key(e.landedWith, e)] : []));
  return edits.filter((e) => e.landedWith !== void 0 || e.image === void 0 || !landed.has(key(e.commit, e)));
}
function mergeInLogOrder(events, more, order) {
  const at = (e) => order.get(e.commit) ?? Number.MAX_SAFE_INTEGER;
  const out = [];
  let j = 0;
  for (const e of events) {
    while (j < more.length && at(more[j]) < at(e)) out.push(more[j++]);
    out.push(e);
  }
  return [...out, ...more.slice(j)];
}
function unknownFilterNames(filter, events, config) {
  const problems = [];
  const check = (field, what, name, configured) => {
    if (name === void 0) return;
    const recorded = events.map((e) => e[field]).filter((n) => n !== void 0);
    if (configured?.includes(name) || recorded.includes(name)) return;
    const names = [.../* @__PURE__ */ new Set([...configured ?? [], ...recorded])];
    const list = `(${what === "app" ? "apps" : "environments"}: ${names.join(", ") || "none"})`;
    const where = config ? `${config.file} or its history ${list}` : `the history ${list}, and ${CONFIG_FILE}, which may name it, could not be read`;
    problems.push({ field, message: visible(`no ${what} ${quote(name)} in ${where}`) });
  };
  check("env", "environment", filter.env, config?.environments.map((e) => e.name));
  check("app", "app", filter.app, config?.apps.map((a) => a.name));
  return problems;
}
function unreadConfigWarning(error) {
  return visible(`could not read ${CONFIG_FILE}, the history is from the commits' trailers alone: ${error.problems.map(formatProblem).join("; ")}`);
}
function version(image) {
  if (!image) return "";
  const { tag, digest } = imageParts(image);
  return digest === void 0 ? image : `${tag ? `${clip(tag, TAG_WIDTH)} ` : ""}(${shortDigest(digest)})`;
}
function actionText(e) {
  if (e.rollbackEnv !== void 0) return `${e.action} (rollback in ${e.rollbackEnv})`;
  return e.action + (e.from ? ` from ${e.from}` : "");
}
function byText(e) {
  return e.requestedBy ?? (e.author !== void 0 ? `${e.author}${e.byHand ? " (by hand)" : ""}` : "");
}
function formatHistory(events, filter = {}, environments = []) {
  const REPOSITORY = "(repository)";
  const byEnv = /* @__PURE__ */ new Map();
  for (const e of events) {
    const key = e.env ?? REPOSITORY;
    const list = byEnv.get(key);
    if (list) list.push(e);
    else byEnv.set(key, [e]);
  }
  const rank = (env) => env === REPOSITORY ? [2, 0] : environments.includes(env) ? [0, environments.indexOf(env)] : [1, 0];
  const groups = [...byEnv].sort(([x], [y]) => {
    const [rx, ry] = [rank(x), rank(y)];
    return rx[0] - ry[0] || rx[1] - ry[1] || (x < y ? -1 : x > y ? 1 : 0);
  });
  if (groups.length === 0) {
    const asked = [filter.app !== void 0 && `for app ${filter.app}`, filter.env !== void 0 && `in env ${filter.env}`].filter(Boolean).join(" ");
    return visible(`no Ferry commits${asked ? ` ${asked}` : ""}`);
  }
  const parts = [];
  for (const [env, list] of groups) {
    const rows = list.map((e) => [
      utc(e.date),
      actionText(e),
      e.app ?? "",
      version(e.image),
      e.previousImage ? version(e.previousImage) : "",
      byText(e),
      e.approvedBy.join(", "),
      e.commit.slice(0, 12),
      [e.gates, e.override && `override: ${e.override}`, e.reason && `reason: ${e.reason}`, e.blockedImage && `blocked: ${version(e.blockedImage)}`].filter(Boolean).join("; ")
    ]);
    parts.push(`${visible(env)}
${formatTable(["WHEN", "ACTION", "APP", "IMAGE", "BEFORE", "BY", "APPROVED BY", "COMMIT", "GATES / REASON"], rows)}`);
  }
  return parts.join("\n\n");
}

export {
  landings,
  landedSince,
  forkPoints,
  previousImageOf,
  pinEvents,
  inFilter,
  branchHistoryEvents,
  atLanding,
  inLandingOrder,
  landedEvents,
  isFerryCommit,
  handEditEvents,
  mergedChanges,
  pinChangedEdits,
  editsBeyondLandedPins,
  mergeInLogOrder,
  unknownFilterNames,
  unreadConfigWarning,
  actionText,
  byText,
  formatHistory
};
