import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  measuredGateNames
} from "./chunk-7FWSBN4K.mjs";
import {
  manifestPath
} from "./chunk-JTYMPHCG.mjs";

// actions/src/core/audit.ts
var AUDIT_RULES = ["skipped-stage", "unrecorded-change", "trailers-disagree", "approvals", "self-approval", "gate-not-passed", "gate-missing", "blocked-digest"];
var PIN_ACTIONS = /* @__PURE__ */ new Set(["bump", "promote", "rollback"]);
function digestOf(image) {
  return image.slice(image.lastIndexOf("@") + 1);
}
function short(image) {
  const at = image.lastIndexOf("@");
  return at < 0 ? image : `${image.slice(image.lastIndexOf("/", at) + 1, at)}@${image.slice(at + 1, at + 20)}`;
}
function pathIn(index, app, env) {
  const config = index.apps.get(app);
  if (!config) return void 0;
  try {
    return manifestPath(config, env);
  } catch {
    return void 0;
  }
}
var indexCache = /* @__PURE__ */ new WeakMap();
function indexOf(config) {
  let index = indexCache.get(config);
  if (!index) {
    index = { owners: /* @__PURE__ */ new Map(), paths: /* @__PURE__ */ new Map(), envs: new Map(config.environments.map((e) => [e.name, e])), apps: new Map(config.apps.map((a) => [a.name, a])) };
    for (const e of config.environments) {
      const paths = /* @__PURE__ */ new Map();
      for (const app of config.apps) {
        const path = manifestPath(app, e.name);
        index.owners.set(path, { env: e.name, app: app.name });
        paths.set(app.name, path);
      }
      index.paths.set(e.name, paths);
    }
    indexCache.set(config, index);
  }
  return index;
}
var NO_OWNERS = /* @__PURE__ */ new Map();
var NONE = [];
function all(trailers, key2) {
  return trailers.get(key2) ?? NONE;
}
function utcDate(date) {
  const time = new Date(date);
  return Number.isNaN(time.getTime()) ? date : time.toISOString().replace(/\.\d{3}Z$/, "Z");
}
var Auditor = class {
  constructor(options = {}) {
    this.options = options;
  }
  violations = [];
  /** Commits checked. */
  checked = 0;
  /** Per env, per app: the digests that were there (pinned by Ferry, or replaced by a Ferry pin). */
  seen = /* @__PURE__ */ new Map();
  /** app and digest, while blocked. */
  blocked = /* @__PURE__ */ new Set();
  check(c, config) {
    this.checked++;
    const { trailers } = c;
    if (trailers.count === 0 && c.files.length === 0) return;
    const action = trailers.first("Ferry-Action");
    const env = trailers.first("Ferry-Env");
    const index = config ? indexOf(config) : void 0;
    const apps = all(trailers, "Ferry-App");
    const images = all(trailers, "Ferry-Image");
    const claimed = [];
    let claimedOwn = false;
    if (action !== void 0 && index && env !== void 0 && PIN_ACTIONS.has(action)) {
      const paths = index.paths.get(env);
      claimedOwn = paths !== void 0;
      for (const name of apps) {
        const path = paths ? paths.get(name) : pathIn(index, name, env);
        if (path !== void 0 && !claimed.includes(path)) claimed.push(path);
      }
    }
    const owners = index?.owners ?? NO_OWNERS;
    const files = c.files;
    const changed = files.length === 1 && claimedOwn && claimed.length === 1 && files[0] === claimed[0] ? files : files.length === 1 ? owners.has(files[0]) ? files : NONE : files.filter((f) => owners.has(f));
    if (action === void 0) {
      for (const f of changed) {
        const o = owners.get(f);
        this.report(c, { env: o.env, app: o.app, rule: "unrecorded-change", message: `${f} changed in a commit without Ferry trailers (a manual edit)` });
      }
    } else if (action !== "init") {
      for (const f of changed) {
        if (claimed.includes(f)) continue;
        const o = owners.get(f);
        this.report(c, { env: o.env, app: o.app, rule: "trailers-disagree", message: `a Ferry ${action} commit changed ${f}, which its trailers do not name` });
      }
      for (const f of claimed) {
        if (changed.includes(f)) continue;
        const message = claimedOwn ? `the trailers name ${f}, which the commit did not change` : `the trailers name ${f}, in ${env}, an environment ${config?.file ?? "ferry.yaml"} did not have at the time`;
        this.report(c, { ...env ? { env } : {}, rule: "trailers-disagree", message });
      }
    }
    if (action === "block" && apps[0] && images[0]) this.blocked.add(key(apps[0], digestOf(images[0])));
    if (action === "unblock" && apps[0] && images[0]) this.blocked.delete(key(apps[0], digestOf(images[0])));
    const target = env !== void 0 ? index?.envs.get(env) : void 0;
    if (action && PIN_ACTIONS.has(action) && env) {
      const from = target?.promoteFrom;
      const previous = all(trailers, "Ferry-Previous-Image");
      for (let i = 0; i < apps.length; i++) {
        const app = apps[i];
        const image = images[i];
        if (!image) continue;
        const digest = digestOf(image);
        if (this.blocked.size && this.blocked.has(key(app, digest))) this.report(c, { env, app, rule: "blocked-digest", message: `${short(image)} was pinned while it was blocked` });
        const here = this.digests(env, app);
        const wasInSource = from !== void 0 && this.seen.get(from)?.get(app)?.has(digest) === true;
        const rollbackToOwn = action === "rollback" && here.has(digest);
        if (from !== void 0 && !wasInSource && !rollbackToOwn) {
          this.report(c, { env, app, rule: "skipped-stage", message: `${short(image)} reached ${env} without having been pinned in ${from} first` });
        }
        if (previous[i]?.includes("@sha256:")) here.add(digestOf(previous[i]));
        here.add(digest);
      }
      for (const b of all(trailers, "Ferry-Blocked")) if (apps[0]) this.blocked.add(key(apps[0], digestOf(b)));
    }
    const gate = trailers.first("Ferry-Gate");
    const override = trailers.first("Ferry-Override");
    const reason = trailers.first("Ferry-Reason");
    if (gate !== void 0 && /=(?!pass\()[a-z]+\(/.test(gate)) {
      for (const m of gate.matchAll(/([a-z]+)=([a-z]+)\(/g)) {
        if (m[2] === "pass") continue;
        if (override === m[1] && reason) continue;
        this.report(c, { ...env ? { env } : {}, ...apps.length === 1 ? { app: apps[0] } : {}, rule: "gate-not-passed", message: `gate ${m[1]} was ${m[2]} and no override with a reason was recorded` });
      }
    }
    if (action === "promote" && env) {
      const required = target?.gates;
      const wanted = measuredGateNames(required);
      if (wanted.length) {
        const recorded = new Map([...(gate ?? "").matchAll(/([a-z]+)=[a-z]+\(([^)]*)\)/g)].map((m) => [m[1], m[2]]));
        for (const g of wanted) {
          if (override === g && reason) continue;
          const text = recorded.get(g);
          if (text === void 0) {
            this.report(c, { env, rule: "gate-missing", message: `${env} required the ${g} gate at the time; the commit records no ${g} verdict` });
          } else if (g === "analysis") {
            const words = new Set(text.split(/[\s;:/,]+/));
            const missing = required.analysis.filter((t) => !words.has(t));
            if (missing.length) this.report(c, { env, rule: "gate-missing", message: `${env} required analysis ${missing.join(", ")} at the time; the recorded analysis verdict does not name ${missing.length === 1 ? "it" : "them"}` });
          }
        }
      }
      const requester = trailers.first("Ferry-Requested-By");
      const listed = all(trailers, "Ferry-Approved-By");
      const approvers = listed.length < 2 ? listed : [...new Set(listed)];
      if (requester !== void 0 && approvers.includes(requester)) this.report(c, { env, rule: "self-approval", message: `${requester} approved their own promotion` });
      const requiredApprovals = required?.approvals ?? 0;
      const counted = approvers.filter((a) => a !== requester).length;
      if (counted < requiredApprovals && !(override === "approvals" && reason)) {
        this.report(c, { env, rule: "approvals", message: `${counted} approver${counted === 1 ? "" : "s"} other than the requester; ${env} required ${requiredApprovals} at the time` });
      }
    }
  }
  /** The digests seen in env for app. */
  digests(env, app) {
    let apps = this.seen.get(env);
    if (!apps) this.seen.set(env, apps = /* @__PURE__ */ new Map());
    let pins = apps.get(app);
    if (!pins) apps.set(app, pins = new Pins());
    return pins;
  }
  report(c, v) {
    const { env, since, until } = this.options;
    if (env !== void 0 && v.env !== env) return;
    const date = utcDate(c.date);
    if (since !== void 0 && date < since) return;
    if (until !== void 0 && date > until) return;
    this.violations.push({ commit: c.commit, date, ...v });
  }
};
var Pins = class {
  last;
  list = [];
  set;
  has(digest) {
    if (digest === this.last) return true;
    if (this.list.length === 0) return false;
    this.set ??= new Set(this.list);
    return this.set.has(digest);
  }
  add(digest) {
    if (digest === this.last) return;
    this.last = digest;
    this.list.push(digest);
    this.set?.add(digest);
  }
};
function key(a, b) {
  return `${a}\0${b}`;
}
function formatAuditMarkdown(report) {
  const head = `# Ferry audit of ${report.repo} (${report.branch} @ ${report.commit.slice(0, 12)})

${report.checked} commit${report.checked === 1 ? "" : "s"} checked, ${report.violations.length} violation${report.violations.length === 1 ? "" : "s"}.`;
  if (report.violations.length === 0) return head;
  const rows = report.violations.map((v) => [v.date, v.commit.slice(0, 12), v.env ?? "", v.app ?? "", v.rule, v.message].map((c) => c.replace(/\|/g, "\\|")));
  const table = ["| date | commit | env | app | rule | what |", "| --- | --- | --- | --- | --- | --- |", ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
  return `${head}

${table}`;
}

export {
  AUDIT_RULES,
  Auditor,
  formatAuditMarkdown
};
