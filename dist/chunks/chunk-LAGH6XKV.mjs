import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  CONFIG_FILE
} from "./chunk-SQUNSH5E.mjs";
import {
  imageName,
  imageParts,
  shortDigest
} from "./chunk-46DNWRYD.mjs";
import {
  formatProblem,
  quote
} from "./chunk-WWSMVM2U.mjs";
import {
  formatTable,
  utc,
  visible
} from "./chunk-CVU5WLYD.mjs";

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
  return (filter.env === void 0 || event.env === filter.env) && (filter.app === void 0 || event.app === filter.app);
}
function historyEvents(log, filter = {}) {
  const events = [];
  for (const entry of log) {
    const one = (key) => entry.trailers.get(key)?.[0];
    const action = one("Ferry-Action");
    if (!action) continue;
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
    if (!inFilter(common, { env: filter.env })) continue;
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
  return digest === void 0 ? image : `${tag ? `${tag} ` : ""}(${shortDigest(digest)})`;
}
function formatHistory(events, filter = {}) {
  const groups = /* @__PURE__ */ new Map();
  for (const e of events) {
    const key = e.env ?? "(repository)";
    groups.set(key, [...groups.get(key) ?? [], e]);
  }
  if (groups.size === 0) {
    const asked = [filter.app !== void 0 && `for app ${filter.app}`, filter.env !== void 0 && `in env ${filter.env}`].filter(Boolean).join(" ");
    return visible(`no Ferry commits${asked ? ` ${asked}` : ""}`);
  }
  const parts = [];
  for (const [env, list] of groups) {
    const rows = list.map((e) => [
      utc(e.date),
      e.action + (e.from ? ` from ${e.from}` : ""),
      e.app ?? "",
      version(e.image),
      e.previousImage ? version(e.previousImage) : "",
      e.requestedBy ?? "",
      e.approvedBy.join(", "),
      [e.gates, e.override && `override: ${e.override}`, e.reason && `reason: ${e.reason}`, e.blockedImage && `blocked: ${version(e.blockedImage)}`].filter(Boolean).join("; "),
      e.commit.slice(0, 12)
    ]);
    parts.push(`${visible(env)}
${formatTable(["WHEN", "ACTION", "APP", "IMAGE", "BEFORE", "BY", "APPROVED BY", "GATES / REASON", "COMMIT"], rows)}`);
  }
  return parts.join("\n\n");
}

export {
  previousImageOf,
  pinEvents,
  inFilter,
  historyEvents,
  unknownFilterNames,
  unreadConfigWarning,
  formatHistory
};
