import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  manifestPath
} from "./chunk-FALW254G.mjs";

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
var ownerCache = /* @__PURE__ */ new WeakMap();
function ownersOf(config) {
  let owners = ownerCache.get(config);
  if (!owners) {
    owners = /* @__PURE__ */ new Map();
    for (const app of config.apps) for (const e of config.environments) owners.set(manifestPath(app, e.name), { env: e.name, app: app.name });
    ownerCache.set(config, owners);
  }
  return owners;
}
function audit(commits, configAt, options = {}) {
  const violations = [];
  const seen = /* @__PURE__ */ new Map();
  const key = (env, app) => `${env}\0${app}`;
  const remember = (env, app, digest) => {
    const k = key(env, app);
    if (!seen.has(k)) seen.set(k, /* @__PURE__ */ new Set());
    seen.get(k).add(digest);
  };
  const blocked = /* @__PURE__ */ new Set();
  commits.forEach((c, index) => {
    const config = configAt(index);
    const one = (k) => c.trailers.get(k)?.[0];
    const all = (k) => c.trailers.get(k) ?? [];
    const action = one("Ferry-Action");
    const env = one("Ferry-Env");
    const report = (v) => {
      if (options.env !== void 0 && v.env !== options.env) return;
      if (options.since !== void 0 && c.date < options.since) return;
      if (options.until !== void 0 && c.date > options.until) return;
      violations.push({ commit: c.commit, date: c.date, ...v });
    };
    const owners = config ? ownersOf(config) : /* @__PURE__ */ new Map();
    const changed = c.files.filter((f) => owners.has(f));
    const apps = all("Ferry-App");
    const images = all("Ferry-Image");
    if (action === void 0) {
      for (const f of changed) {
        const o = owners.get(f);
        report({ env: o.env, app: o.app, rule: "unrecorded-change", message: `${f} changed in a commit without Ferry trailers (a manual edit)` });
      }
    } else if (action !== "init") {
      const claimed = /* @__PURE__ */ new Set();
      if (PIN_ACTIONS.has(action) && env && config) {
        for (const name of apps) {
          const app = config.apps.find((x) => x.name === name);
          if (app) claimed.add(manifestPath(app, env));
        }
      }
      for (const f of changed) {
        if (claimed.has(f)) continue;
        const o = owners.get(f);
        report({ env: o.env, app: o.app, rule: "trailers-disagree", message: `a Ferry ${action} commit changed ${f}, which its trailers do not name` });
      }
      for (const f of claimed) {
        if (!changed.includes(f)) report({ ...env ? { env } : {}, rule: "trailers-disagree", message: `the trailers name ${f}, which the commit did not change` });
      }
    }
    if (action === "block" && apps[0] && images[0]) blocked.add(key(apps[0], digestOf(images[0])));
    if (action === "unblock" && apps[0] && images[0]) blocked.delete(key(apps[0], digestOf(images[0])));
    if (action && PIN_ACTIONS.has(action) && env) {
      const from = config?.environments.find((e) => e.name === env)?.promoteFrom;
      apps.forEach((app, i) => {
        const image = images[i];
        if (!image) return;
        const digest = digestOf(image);
        if (blocked.has(key(app, digest))) report({ env, app, rule: "blocked-digest", message: `${short(image)} was pinned while it was blocked` });
        const before = seen.get(key(env, app));
        const wasInSource = from !== void 0 && seen.get(key(from, app))?.has(digest);
        const rollbackToOwn = action === "rollback" && before?.has(digest);
        if (from !== void 0 && !wasInSource && !rollbackToOwn) {
          report({ env, app, rule: "skipped-stage", message: `${short(image)} reached ${env} without having been pinned in ${from} first` });
        }
        const previous = all("Ferry-Previous-Image")[i];
        if (previous?.includes("@sha256:")) remember(env, app, digestOf(previous));
        remember(env, app, digest);
      });
      for (const b of all("Ferry-Blocked")) if (apps[0]) blocked.add(key(apps[0], digestOf(b)));
    }
    const gate = one("Ferry-Gate");
    const override = one("Ferry-Override");
    const reason = one("Ferry-Reason");
    if (gate !== void 0) {
      for (const m of gate.matchAll(/([a-z]+)=([a-z]+)\(/g)) {
        if (m[2] === "pass") continue;
        if (override === m[1] && reason) continue;
        report({ ...env ? { env } : {}, ...apps.length === 1 ? { app: apps[0] } : {}, rule: "gate-not-passed", message: `gate ${m[1]} was ${m[2]} and no override with a reason was recorded` });
      }
    }
    if (action === "promote" && env) {
      const required = config?.environments.find((e) => e.name === env)?.gates;
      const recorded = new Map([...(gate ?? "").matchAll(/([a-z]+)=[a-z]+\(([^)]*)\)/g)].map((m) => [m[1], m[2]]));
      const wanted = [...required?.analysis?.length ? ["analysis"] : [], ...required?.compare ? ["compare"] : []];
      for (const g of wanted) {
        if (override === g && reason) continue;
        const text = recorded.get(g);
        if (text === void 0) {
          report({ env, rule: "gate-missing", message: `${env} required the ${g} gate at the time; the commit records no ${g} verdict` });
        } else if (g === "analysis") {
          const words = new Set(text.split(/[\s;:/,]+/));
          const missing = required.analysis.filter((t) => !words.has(t));
          if (missing.length) report({ env, rule: "gate-missing", message: `${env} required analysis ${missing.join(", ")} at the time; the recorded analysis verdict does not name ${missing.length === 1 ? "it" : "them"}` });
        }
      }
      const requester = one("Ferry-Requested-By");
      const approvers = [...new Set(all("Ferry-Approved-By"))];
      if (requester !== void 0 && approvers.includes(requester)) report({ env, rule: "self-approval", message: `${requester} approved their own promotion` });
      const requiredApprovals = required?.approvals ?? 0;
      const counted = approvers.filter((a) => a !== requester).length;
      if (counted < requiredApprovals && !(override === "approvals" && reason)) {
        report({ env, rule: "approvals", message: `${counted} approver${counted === 1 ? "" : "s"} other than the requester; ${env} required ${requiredApprovals} at the time` });
      }
    }
  });
  return violations;
}
function formatAuditMarkdown(report) {
  const head = `# Ferry audit of ${report.repo} (${report.branch} @ ${report.commit.slice(0, 12)})

${report.checked} commits checked, ${report.violations.length} violation${report.violations.length === 1 ? "" : "s"}.`;
  if (report.violations.length === 0) return head;
  const rows = report.violations.map((v) => [v.date, v.commit.slice(0, 12), v.env ?? "", v.app ?? "", v.rule, v.message].map((c) => c.replace(/\|/g, "\\|")));
  const table = ["| date | commit | env | app | rule | what |", "| --- | --- | --- | --- | --- | --- |", ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
  return `${head}

${table}`;
}

export {
  AUDIT_RULES,
  audit,
  formatAuditMarkdown
};
