import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseDuration
} from "./chunk-3NPFV6L2.mjs";
import {
  configuredGateNames
} from "./chunk-MCDTKWYM.mjs";
import {
  freezeLost,
  inFreeze,
  localTime,
  manifestPath,
  overWindows
} from "./chunk-TWBHTREK.mjs";
import {
  isAppLogin,
  personKey
} from "./chunk-DP2FYMJI.mjs";
import {
  cell
} from "./chunk-372JGWAG.mjs";
import {
  previousImageOf
} from "./chunk-FJ6XG4P3.mjs";
import {
  GATE_RECORD,
  PIN_ACTIONS,
  isBlank
} from "./chunk-C4EZRMXW.mjs";
import {
  ANALYSIS_DIR,
  ARGOCD_SOURCE_FILE,
  BLOCKLIST_FILE,
  CONFIG_FILE
} from "./chunk-VVEEDHSD.mjs";
import {
  shortDigest
} from "./chunk-FD6ZWLQC.mjs";
import {
  ConfigurationError,
  formatProblem
} from "./chunk-4TMDRVSR.mjs";
import {
  isoUtc
} from "./chunk-VPQIS2RW.mjs";
import "./chunk-WBKKXVG2.mjs";

// actions/src/core/audit.ts
var AUDIT_RULES = ["skipped-stage", "unrecorded-change", "trailers-disagree", "approvals", "self-approval", "gate-not-passed", "gate-missing", "blocked-digest", "rules-weakened", "unrelated-history"];
var SINGLE_TRAILERS = /* @__PURE__ */ new Set(["Ferry-Action", "Ferry-Env", "Ferry-From", "Ferry-Gate", "Ferry-Override", "Ferry-Reason", "Ferry-Requested-By", "Ferry-Rollback-To"]);
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
var lastIndexed;
function indexOf(config) {
  let index = indexCache.get(config);
  if (!index) {
    const same = lastIndexed && placedAlike(lastIndexed.config, config) ? lastIndexed.index : void 0;
    index = { owners: same?.owners ?? /* @__PURE__ */ new Map(), paths: same?.paths ?? /* @__PURE__ */ new Map(), envs: new Map(config.environments.map((e) => [e.name, e])), apps: new Map(config.apps.map((a) => [a.name, a])), templates: /* @__PURE__ */ new Map() };
    for (const e of config.environments) {
      const names = /* @__PURE__ */ new Set([...e.gates?.analysis ?? [], ...(e.gates?.compare?.metrics ?? []).map((m) => m.template)]);
      for (const name of names) {
        for (const file of [`${ANALYSIS_DIR}/${name}.yaml`, `${ANALYSIS_DIR}/${name}.yml`]) index.templates.set(file, [...index.templates.get(file) ?? [], e.name]);
      }
      if (same) continue;
      const paths = /* @__PURE__ */ new Map();
      for (const app of config.apps) {
        const path = manifestPath(app, e.name);
        const owner = { env: e.name, app: app.name };
        const others = index.owners.get(path);
        if (others) others.push(owner);
        else index.owners.set(path, [owner]);
        paths.set(app.name, path);
      }
      index.paths.set(e.name, paths);
    }
    indexCache.set(config, index);
    lastIndexed = { config, index };
  }
  return index;
}
function placedAlike(a, b) {
  if (a.environments.length !== b.environments.length || a.apps.length !== b.apps.length) return false;
  if (a.environments.some((e, i) => e.name !== b.environments[i].name)) return false;
  if (a.apps === b.apps) return true;
  for (let i = 0; i < a.apps.length; i++) {
    if (a.apps[i].name !== b.apps[i].name || a.apps[i].manifest !== b.apps[i].manifest) return false;
  }
  return true;
}
var NO_OWNERS = /* @__PURE__ */ new Map();
var NONE_OWNED = [];
var NO_PATHS = /* @__PURE__ */ new Map();
function unionOwners(a, b) {
  if (a === b) return a;
  const owners = new Map(a);
  for (const [path, list] of b) {
    const was = owners.get(path);
    if (!was) owners.set(path, list);
    else {
      const more = list.filter((o) => !was.some((w) => w.env === o.env && w.app === o.app));
      if (more.length) owners.set(path, [...was, ...more]);
    }
  }
  return owners;
}
function manifestsByDir(cache, owners, dirs) {
  let found = cache.get(owners);
  if (!found) {
    found = /* @__PURE__ */ new Map();
    for (const path of owners.keys()) {
      for (const dir of dirs(path)) {
        const under = found.get(dir);
        if (under) under.push(path);
        else found.set(dir, [path]);
      }
    }
    cache.set(owners, found);
  }
  return found;
}
var dirsCache = /* @__PURE__ */ new WeakMap();
function dirsOf(owners) {
  return manifestsByDir(dirsCache, owners, (path) => {
    const dirs = [];
    for (let at = path.indexOf("/"); at > 0; at = path.indexOf("/", at + 1)) dirs.push(path.slice(0, at));
    return dirs;
  });
}
var manifestDirsCache = /* @__PURE__ */ new WeakMap();
function manifestDirsOf(owners) {
  return manifestsByDir(manifestDirsCache, owners, (path) => {
    const slash = path.lastIndexOf("/");
    return slash > 0 ? [path.slice(0, slash)] : [];
  });
}
function overridden(owners, file) {
  const slash = file.lastIndexOf("/");
  if (slash <= 0 || !file.startsWith(".argocd-source", slash + 1) || !ARGOCD_SOURCE_FILE.test(file.slice(slash + 1))) return NONE;
  return manifestDirsOf(owners).get(file.slice(0, slash)) ?? NONE;
}
function onTheWay(path) {
  const out = [];
  for (let at = path.indexOf("/"); at > 0; at = path.indexOf("/", at + 1)) out.push(path.slice(0, at));
  out.push(path);
  return out;
}
function holdsDigest(text, digest) {
  for (let at = text.indexOf(digest); at >= 0; at = text.indexOf(digest, at + 1)) {
    const next = text[at + digest.length];
    if (next !== void 0 && !VALUE_END.test(next)) continue;
    const line = text.slice(text.lastIndexOf("\n", at - 1) + 1, at);
    if (line.length && !VALUE_START.test(line[line.length - 1])) continue;
    if (COMMENT.test(line)) continue;
    return true;
  }
  return false;
}
var VALUE_END = /[\s'",\]}]/;
var VALUE_START = /[\s'"@[{,]/;
var COMMENT = /(?:^|[ \t])#/;
var NONE = [];
function all(trailers, key) {
  return trailers.get(key) ?? NONE;
}
function handPinOf(hands, digest, first = true) {
  for (let i = (hands?.length ?? 0) - 1; i >= 0; i--) if (hands[i].digest === digest && hands[i].changed && (first || !hands[i].first)) return hands[i];
  return void 0;
}
function ownByHand(hands, digest, byClaim) {
  if (hands?.some((h) => h.found?.init && h.found.digest === digest)) return "init";
  const hand = handPinOf(hands, digest, false) ?? (byClaim && !byClaim.first ? byClaim : void 0);
  if (hand) return hand;
  return byClaim?.first || hands?.some((h) => h.found?.digest === digest || h.first && h.digest === digest) ? "held" : void 0;
}
function claimByHand(claim) {
  return claim.hand?.digest === claim.digest && claim.hand.changed ? claim.hand : void 0;
}
function byHandEdit(hand) {
  return `by hand edit ${hand.commit.slice(0, 12)} (unrecorded), never through a Ferry commit`;
}
function skippedStage(image, env, from, hand, how = "") {
  return `${short(image)} reached ${env}${how} without having been pinned in ${from} first${hand.source ? `: ${from} had it only ${byHandEdit(hand.source)}` : ""}`;
}
function overrideClause(version, pin, when) {
  if (version === void 0) return void 0;
  const { env } = pin;
  const app = pin.app.name;
  const pinned = pin.app.pin.kind === "helm" ? `what Ferry pins for ${app}` : `the digest Ferry pins for ${app}`;
  if (version === "link") {
    return when === "after" ? `it is a symbolic link: Argo CD follows it, and applies the overrides of the file it leads to in ${env}, which cannot be checked against ${pinned} (commit the file itself, or remove the link)` : `it was a symbolic link: Argo CD followed it, and applied the overrides of the file it led to in ${env}, which could not be checked against ${pinned}`;
  }
  const here = version.overrides.filter((o) => o.manifest === pin);
  const [first] = here;
  if (first) {
    const more = here.length - 1 + here.reduce((n, o) => n + o.more, 0);
    const places = `${more} more place${more === 1 ? "" : "s"} in it`;
    const others = more ? ` (and ${places} set${more === 1 ? "s" : ""} it too)` : "";
    if (when === "after") return `its ${first.field} sets ${first.sets}${others}, so Argo CD deploys that in ${env}, not ${pinned}`;
    if (when === "removed") return `its ${first.field} set ${first.sets}${others}, which Argo CD deployed in ${env} in place of ${pinned}`;
    return `it no longer sets ${first.sets} (as its ${first.field} did${more ? `, and ${places}` : ""}), which Argo CD deployed in ${env} in place of ${pinned}`;
  }
  const { unchecked } = version;
  if (!unchecked) return void 0;
  if (unchecked.unreadable) {
    return when === "after" ? `Argo CD cannot read it (${unchecked.reason}), so manifest generation fails where it applies, and ${env} no longer deploys ${pinned}; what it overrides cannot be told` : `Argo CD could not read it as it was (${unchecked.reason}), so manifest generation failed where it applied and ${env} did not deploy ${pinned}; what it overrode cannot be told`;
  }
  return when === "after" ? `${unchecked.reason}, so whether it overrides ${pinned} in ${env} cannot be told` : `as it was, ${unchecked.reason}, so whether it overrode ${pinned} in ${env} cannot be told`;
}
var Auditor = class {
  constructor(options = {}) {
    this.options = options;
    this.ranged = options.since !== void 0 || options.until !== void 0 || options.after !== void 0;
  }
  violations = [];
  /** Commits checked. */
  checked = 0;
  /** Per env, per app: the digests that were there (pinned by Ferry, or replaced by a Ferry pin). */
  seen = /* @__PURE__ */ new Map();
  /**
   * Each blocked digest, with the apps it was blocked for. A digest blocked for one app is blocked
   * for every app (the same bytes, whatever app or name pins them), until every block of it is lifted.
   */
  blocked = /* @__PURE__ */ new Map();
  /** Every commit checked so far, with its place in the history checked (a rollback's Ferry-Rollback-To names one of them; a side a merge brought in forked from one). */
  commitsChecked = /* @__PURE__ */ new Map();
  /**
   * The pins recorded for an app or environment that ferry.yaml in force did not have (a trailer
   * may name any): the next change of ferry.yaml forgets them, whether or not it moves a manifest.
   */
  unplaced = /* @__PURE__ */ new Set();
  /**
   * Verdicts that rest on a first pin's previous image, reported unless one of its claims holds
   * (settleClaims()), or on what hand edits pinned, which a verdict names (settleHandEdits()).
   */
  pending = [];
  /** The hand edits of pinned manifests (settleHandEdits() reads what they pinned). */
  hands = [];
  /** The Argo CD parameter override files beside pinned manifests that commits without trailers changed (settleOverrides()). */
  overrideChanges = [];
  /**
   * The manifests beside each override file, by what they are (file, environment, app as
   * configured): one array for the same ones, so that each version of the file is checked once
   * against each (settleOverrides() in audit-run.ts), whichever commits it is a version of.
   */
  overridePins = /* @__PURE__ */ new Map();
  /** ferry init's commit, where the history begins with one: the pins it wrote are Ferry's. */
  initCommit;
  /** Per env, per app (`env\0app`): the last move of its manifest by ferry.yaml (the commit, the old file and the app there). */
  moves = /* @__PURE__ */ new Map();
  /** Each violation's place in the history checked (the commit it is about): those found at the end go in their place. */
  seqs = [];
  /** Merges being taken apart (beginMerge() to endMerge()): the commits checked meanwhile are not the line's. */
  depth = 0;
  /** The line's merge being taken apart, where given: what it brought in landed with it, at its date. */
  landing;
  /** With since or until: the range reported, as places in the history checked (rangeFrom undefined: no commit yet). */
  ranged;
  rangeFrom;
  rangeTo = 0;
  /** The commits where the range begins and ends, and whether `after` was passed on the line. */
  rangeFirst;
  rangeLast;
  afterSeen = false;
  /** The place of the first side commit of the line's merge whose own check comes next. */
  mergeFrom;
  /** The side of a merge being checked (side()): the place of the commit it forked from, and of its first commit. */
  fork;
  /** Paths to look at in the commits that named or changed them (settlePaths()). */
  looks = [];
  /**
   * The manifests ferry.yaml stopped guarding, each with whether a commit changed it since: one
   * guarded again unchanged holds what it held when it was guarded (nothing made by hand).
   */
  unguarded = /* @__PURE__ */ new Map();
  /**
   * Per env, the dated freeze windows a change of ferry.yaml removed as over at the date its commit
   * bears (no weakening, so not reported), with that commit: the pusher sets the date, so every
   * later landing is judged against them too (checkLanding()).
   */
  retired = /* @__PURE__ */ new Map();
  /**
   * `config` is ferry.yaml as the commit left it, `before` as it was before the commit (they differ
   * only in a commit that changed it). A pin is judged by the rules in force before it: a commit
   * cannot relax the rules it is judged by (fewer approvals, another promoteFrom). Manifests of
   * either version are guarded: a commit cannot move an app's manifest path away to edit the file.
   * `before` left out is `config` (a commit that did not change it); `null` is none: the commit
   * that brings in the first ferry.yaml, whose manifests may hold pins made before it. `written`,
   * for a promotion a merge brought in whose Ferry-From `before` disagrees with (recordsOtherFrom()):
   * ferry.yaml at its own first parent, on the branch it was written on, where ferry promote read it.
   */
  check(c, config, was = config, written) {
    const before = was ?? void 0;
    const first = this.checked === 0;
    this.checked++;
    this.commitsChecked.set(c.commit, this.checked);
    if (this.ranged && this.depth === 0) this.lineCommit(c);
    const { trailers } = c;
    if (trailers.count === 0 && c.files.length === 0) return;
    const action = trailers.first("Ferry-Action");
    const env = trailers.first("Ferry-Env");
    if (first && action === "init") this.initCommit = c.commit;
    const rules = before ?? config;
    const index = rules ? indexOf(rules) : void 0;
    const configChanged = config !== before;
    if (configChanged) this.forgetMoved(before, config);
    if (configChanged && before && config) this.noteMoves(c, before, config);
    if (this.unguarded.size) {
      for (const f of c.files) if (this.unguarded.has(f)) this.unguarded.set(f, true);
    }
    if (configChanged && config) this.lookAtNamed(c, before, config);
    if (configChanged && before && config) {
      const relaxed = /* @__PURE__ */ new Map();
      for (const { env: e, what } of weakenings(before, config, c.date)) relaxed.set(e, [...relaxed.get(e) ?? [], what]);
      for (const [e, whats] of relaxed) this.report(c, { env: e, rule: "rules-weakened", message: `${config.file} relaxed the rules ${e} is judged by: ${whats.join("; ")}` });
      this.retire(c, before, config);
    }
    const repeats = action !== void 0 ? trailers.repeated(SINGLE_TRAILERS) : void 0;
    if (repeats) {
      for (const [name, n] of repeats) {
        this.report(c, { ...env ? { env } : {}, rule: "trailers-disagree", message: `${name} is recorded ${n} times; Ferry writes it once` });
      }
    }
    const apps = all(trailers, "Ferry-App");
    const images = all(trailers, "Ferry-Image");
    const claimed = [];
    let claimedOwn = false;
    let placedAll = false;
    if (action !== void 0 && index && env !== void 0 && PIN_ACTIONS.has(action)) {
      const paths = index.paths.get(env);
      claimedOwn = placedAll = paths !== void 0;
      for (const name of apps) {
        const path = paths ? paths.get(name) : pathIn(index, name, env);
        if (path === void 0) placedAll = false;
        else if (!claimed.includes(path)) claimed.push(path);
      }
    }
    const owners = configChanged && config && before ? unionOwners(indexOf(before).owners, indexOf(config).owners) : index?.owners ?? NO_OWNERS;
    const files = c.files;
    const changed = files.length === 1 && claimedOwn && claimed.length === 1 && files[0] === claimed[0] ? files : files.length === 1 ? owners.has(files[0]) ? files : NONE : files.filter((f) => owners.has(f));
    if (changed.length < files.length) {
      this.lookAtChanged(c, files, owners);
      this.lookAtOverrides(c, files, owners, action, [config, before]);
    }
    for (const f of changed) for (const o of owners.get(f) ?? NONE_OWNED) this.digests(o.env, o.app).changedBy(c.commit);
    if (action === void 0) {
      for (const f of changed) {
        for (const o of owners.get(f)) {
          this.forget(o.env, o.app);
          const row = this.report(c, { env: o.env, app: o.app, rule: "unrecorded-change", message: `${f} changed in a commit without Ferry trailers (a manual edit)` });
          if (config) this.handEdit(c, f, o, rules, config, row, before !== void 0);
        }
      }
      if (files.includes(BLOCKLIST_FILE)) this.report(c, { rule: "unrecorded-change", message: `${BLOCKLIST_FILE} changed in a commit without Ferry trailers (a manual edit: ferry block and unblock record who and why)` });
      if (index?.templates.size) {
        for (const f of files) {
          for (const e of index.templates.get(f) ?? []) this.report(c, { env: e, rule: "rules-weakened", message: `${f}, an analysis template the gates of ${e} name, changed by hand: what the gate passes on is no longer what it was (Ferry cannot tell a relaxed template from a stricter one)` });
        }
      }
    } else if (action === "init" && !first) {
      for (const f of changed) {
        for (const o of owners.get(f)) {
          this.forget(o.env, o.app);
          this.report(c, { env: o.env, app: o.app, rule: "trailers-disagree", message: `${f} changed in a commit marked Ferry-Action: init that is not the repository's first commit` });
        }
      }
    } else if (action !== "init") {
      for (const f of changed) {
        if (claimed.includes(f)) continue;
        for (const o of owners.get(f)) {
          this.forget(o.env, o.app);
          this.report(c, { env: o.env, app: o.app, rule: "trailers-disagree", message: `a Ferry ${action} commit changed ${f}, which its trailers do not name` });
        }
      }
      for (const f of claimed) {
        if (changed.includes(f)) continue;
        const message = claimedOwn ? `the trailers name ${f}, which the commit did not change` : `the trailers name ${f}, in ${env}, an environment ${rules?.file ?? "ferry.yaml"} did not have at the time`;
        this.report(c, { ...env ? { env } : {}, rule: "trailers-disagree", message });
      }
      if (files.includes(BLOCKLIST_FILE) && !writesBlocklist(c)) this.report(c, { ...env ? { env } : {}, rule: "trailers-disagree", message: `a Ferry ${action} commit changed ${BLOCKLIST_FILE}, which only ferry block, unblock and rollback --block change` });
      if (files.includes(CONFIG_FILE)) this.report(c, { ...env ? { env } : {}, rule: "trailers-disagree", message: `a Ferry ${action} commit changed ${CONFIG_FILE}, which Ferry never does` });
      if (index?.templates.size) {
        for (const f of files) if (index.templates.has(f)) this.report(c, { ...env ? { env } : {}, rule: "trailers-disagree", message: `a Ferry ${action} commit changed ${f}, an analysis template, which Ferry never does` });
      }
    }
    if ((action === "block" || action === "unblock") && apps[0] && images[0]) {
      const digest = digestOf(images[0]);
      if (!files.includes(BLOCKLIST_FILE)) {
        this.report(c, { app: apps[0], rule: "trailers-disagree", message: `a Ferry ${action} commit that did not change ${BLOCKLIST_FILE}` });
        if (action === "block") this.block(digest, apps[0]);
      } else if (action === "block") this.block(digest, apps[0]);
      else {
        const blockedFor = this.blocked.get(digest);
        blockedFor?.delete(apps[0]);
        if (blockedFor?.size === 0) this.blocked.delete(digest);
      }
    }
    const target = env !== void 0 ? index?.envs.get(env) : void 0;
    const recordedFrom = action !== void 0 ? trailers.first("Ferry-From") : void 0;
    const fromThere = written && recordedFrom !== void 0 && env !== void 0 && indexOf(written).envs.get(env)?.promoteFrom === recordedFrom;
    if (action === "promote" ? recordsOtherFrom(c, rules) && !fromThere : recordedFrom !== void 0) {
      const named = recordedFrom === void 0 ? "no Ferry-From" : `Ferry-From ${JSON.stringify(recordedFrom.slice(0, 80))}`;
      const message = action !== "promote" ? `a Ferry ${action} commit records ${named}, which only a promotion records` : `the promotion records ${named}, but ${env} was promoted from ${target.promoteFrom ?? "no environment"} in ${rules?.file ?? "ferry.yaml"} at the time`;
      this.report(c, { ...env ? { env } : {}, ...apps.length === 1 ? { app: apps[0] } : {}, rule: "trailers-disagree", message });
    }
    if (action === "bump" && env && target?.promoteFrom !== void 0) {
      const gated = configuredGateNames(target.gates);
      if (gated.length) {
        this.report(c, { env, ...apps.length === 1 ? { app: apps[0] } : {}, rule: "gate-missing", message: `a bump into ${env}, which required ${gated.join(", ")} at the time: a bump evaluates no gate (${env} gets its images by ferry promote)` });
      }
    }
    if (action && PIN_ACTIONS.has(action) && env) {
      const from = target?.promoteFrom;
      const placing = configChanged || !placedAll ? (config && indexOf(config).paths.get(env)) ?? NO_PATHS : void 0;
      const previous = all(trailers, "Ferry-Previous-Image");
      for (let i = 0; i < apps.length; i++) {
        const app = apps[i];
        const image = images[i];
        if (!image?.includes("@sha256:")) {
          this.report(c, { env, app, rule: "trailers-disagree", message: `a Ferry ${action} commit that records no image for ${app}` });
          this.forget(env, app);
          continue;
        }
        const digest = digestOf(image);
        const blockedFor = this.blocked.size ? this.blocked.get(digest) : void 0;
        if (blockedFor) this.report(c, { env, app, rule: "blocked-digest", message: `${short(image)} was pinned while it was blocked${blockedFor.has(app) ? "" : ` (for ${[...blockedFor].join(", ")}: a blocked digest is blocked for every app)`}` });
        const here = this.digests(env, app);
        const replaced = previousImageOf(previous, apps.length, i, image);
        const branch = this.fork && here.pinOnBranch(this.fork.seq, this.fork.from);
        const last = branch ? branch.digest : here.recordedDigest;
        const consistent = last === void 0 || replaced !== void 0 && replaced.endsWith(last) && replaced.charCodeAt(replaced.length - last.length - 1) === 64;
        if (!consistent) {
          this.report(c, { env, app, rule: "trailers-disagree", message: `the commit records ${replaced ? short(replaced) : "nothing"} as the image it replaced, but ${(branch ?? here).recordedBy.slice(0, 12)} pinned ${short((branch ?? here).recordedImage)} there last${branch ? " on its branch" : ""}` });
        }
        const source = from !== void 0 ? this.seen.get(from)?.get(app) : void 0;
        const wasInSource = source?.has(digest) === true;
        if (action === "rollback") this.checkRollback(c, env, app, image, here, from !== void 0 && !wasInSource ? from : void 0, from, source);
        else if (from !== void 0 && !wasInSource) {
          const violation = (hand) => ({ env, app, rule: "skipped-stage", message: skippedStage(image, env, from, hand) });
          const claim = source?.claimOf(digest);
          const hands = source?.handPins();
          if (claim || hands) this.pending.push({ c: { commit: c.commit, date: c.date, seq: this.checked }, digest, claims: claim ? [claim] : [], claimsOf: "source", ...hands ? { source: hands } : {}, violation });
          else this.report(c, violation({}));
        }
        if (replaced?.includes("@sha256:") && last === void 0) {
          const path = index?.paths.get(env)?.get(app);
          const hand = here.handBefore(c.commit);
          if (path !== void 0) here.claim({ commit: c.commit, date: c.date, env, app, path, image: replaced, digest: digestOf(replaced), seq: this.checked, ...hand ? { hand } : {} });
        }
        here.add(digest);
        here.record(image, digest, c, this.checked);
        here.note(this.checked);
        here.pinnedBy(c.commit, digest);
        if (placing && !placing.has(app)) this.unplaced.add(here);
      }
      for (const b of all(trailers, "Ferry-Blocked")) if (apps[0]) this.block(digestOf(b), apps[0]);
    }
    const override = trailers.first("Ferry-Override");
    const reason = trailers.first("Ferry-Reason");
    const overridden2 = (g) => override === g && reason !== void 0 && !isBlank(reason);
    const gate = trailers.first("Ferry-Gate");
    if (gate !== void 0) {
      if (repeats?.some(([name]) => name === "Ferry-Gate")) for (const record of all(trailers, "Ferry-Gate")) this.checkGates(c, record, env, apps, overridden2);
      else this.checkGates(c, gate, env, apps, overridden2);
    }
    if (action === "promote" && env) {
      const required = target?.gates;
      if ((required?.freeze?.length || this.retired.has(env)) && !overridden2("freeze")) this.checkLanding(c, env, apps, required?.freeze ?? [], gate);
      const wanted = gate !== void 0 && !GATE_RECORD.test(gate) ? [] : configuredGateNames(required);
      const one = apps.length === 1 ? { app: apps[0] } : {};
      if (wanted.length) {
        const recorded = new Map([...(gate ?? "").matchAll(/(?:^| )([a-z][a-z0-9-]*)=[a-z]+\(([^)]*)\)/g)].map((m) => [m[1], m[2]]));
        for (const g of wanted) {
          if (overridden2(g)) continue;
          const text = recorded.get(g);
          if (text === void 0) {
            this.report(c, { env, ...one, rule: "gate-missing", message: `${env} required the ${g} gate at the time; the commit records no ${g} verdict` });
          } else if (g === "analysis") {
            const words = new Set(text.split(/[\s;:/,]+/));
            const missing = required.analysis.filter((t) => !words.has(t));
            if (missing.length) this.report(c, { env, ...one, rule: "gate-missing", message: `${env} required analysis ${missing.join(", ")} at the time; the recorded analysis verdict does not name ${missing.length === 1 ? "it" : "them"}` });
          }
        }
      }
      this.checkApprovals(c, env, one, required?.approvals ?? 0, overridden2("approvals"));
    }
  }
  /**
   * A rollback goes back to an image its environment had: the rollback's digest must have been
   * pinned there before it (one known there only as what a first pin said it replaced counts if
   * the file held it: settleClaims()). A "rollback" to an image the environment never had brought
   * a new one in without the gates a promotion there passes (soak, approvals, freeze). `skipped`:
   * the environment promoted from, where it never had the digest either (skipped-stage, as for any
   * pin). Its Ferry-Rollback-To, where recorded, names the commit that put the image in place
   * there (as `ferry rollback` writes it, whether given --steps, --to an image, a tag or a commit):
   * one checked before it that changed the app's manifest in env, and where that commit was a Ferry
   * pin of the app there, one of this very digest.
   */
  checkRollback(c, env, app, image, here, skipped, from, source) {
    const digest = digestOf(image);
    const to = c.trailers.first("Ferry-Rollback-To");
    if (to !== void 0) {
      const pinned = here.changeBy(to);
      const named = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(to) ? to.slice(0, 12) : JSON.stringify(to.slice(0, 80));
      if (to === c.commit || !this.commitsChecked.has(to)) {
        this.report(c, { env, app, rule: "trailers-disagree", message: `the rollback records Ferry-Rollback-To ${named}, which is no commit before it in the history audited (the commit that pinned the image gone back to)` });
      } else if (pinned !== void 0 && pinned !== "" && pinned !== digest) {
        this.report(c, { env, app, rule: "trailers-disagree", message: `the rollback records Ferry-Rollback-To ${named}, which pinned ${shortDigest(pinned)} for ${app} in ${env}, not ${shortDigest(digest)}` });
      }
    }
    if (here.has(digest)) return;
    const newImage = `a new image reaches ${env} by ${from !== void 0 ? "ferry promote, through its gates" : "ferry bump"}`;
    const violation = (hand) => skipped !== void 0 ? { env, app, rule: "skipped-stage", message: `${skippedStage(image, env, skipped, hand)}${hand.own ? `; a rollback to it, which ${env} had before it only ${byHandEdit(hand.own)}` : ""}` } : hand.own ? { env, app, rule: "trailers-disagree", message: `a rollback to ${short(image)}, which ${env} had before it only ${byHandEdit(hand.own)}: a rollback goes back to an image a Ferry commit pinned there earlier (${newImage})` } : { env, app, rule: "trailers-disagree", message: `a rollback to ${short(image)}, which ${env} never had before it: a rollback goes back to an image pinned there earlier (${newImage})` };
    const claim = here.claimOf(digest);
    const own = here.handPins();
    const theirs = skipped !== void 0 ? source?.handPins() : void 0;
    if (claim || own || theirs) this.pending.push({ c: { commit: c.commit, date: c.date, seq: this.checked }, digest, claims: claim ? [claim] : [], claimsOf: "own", ...own ? { own } : {}, ...theirs ? { source: theirs } : {}, ...skipped !== void 0 ? { skipped: true } : {}, violation });
    else this.report(c, violation({}));
  }
  /**
   * A promotion's approvers: the requester is not one, and there were as many as the environment
   * required. Where approvals were required, the requester must be recorded: without one, whether
   * an approver approved their own promotion cannot be told (fail closed).
   */
  checkApprovals(c, env, one, required, overridden2) {
    const listed = all(c.trailers, "Ferry-Approved-By");
    const requester = c.trailers.first("Ferry-Requested-By");
    const requesterKey = requester !== void 0 && (listed.length || required > 0) ? personKey(requester) : void 0;
    if (required > 0 && !overridden2 && !requesterKey) {
      this.report(c, { env, ...one, rule: "approvals", message: `no requester recorded: ${env} required ${required} approval${required === 1 ? "" : "s"} at the time, and whether an approver was the requester cannot be told` });
    }
    let counted = 0;
    if (listed.length) {
      const seen = [];
      for (const name of listed) {
        const key = personKey(name);
        if (seen.includes(key)) continue;
        seen.push(key);
        if (key === requesterKey) this.report(c, { env, ...one, rule: "self-approval", message: `${requester} approved their own promotion` });
        else if (!isAppLogin(key)) counted++;
      }
    }
    if (counted < required && !overridden2) {
      this.report(c, { env, ...one, rule: "approvals", message: `${counted} approver${counted === 1 ? "" : "s"} other than the requester; ${env} required ${required} at the time` });
    }
  }
  /**
   * A promotion judges the freeze windows when it is planned; what it changes reaches the line
   * when its commit lands there, with the merge that brought it in where it came through one (a
   * pull request merged later, by hand or auto-merge): the windows of `env` in force are judged at
   * that time (inFreeze(), as promote judges them). One landed inside a window did not pass the
   * freeze gate, whatever the commit records (a record of freeze not passed is reported as such).
   * So did one landed inside a dated window removed earlier as over at the date its commit bears
   * (retired): that date is the pusher's to set.
   */
  checkLanding(c, env, apps, windows, gate) {
    if (gate !== void 0 && /(?:^| )freeze=(?!pass\()[a-z]+\(/.test(gate)) return;
    const landed = this.depth > 0 && this.landing ? this.landing : c;
    const at = new Date(landed.date);
    if (Number.isNaN(at.getTime())) {
      this.report(c, {
        env,
        ...apps.length === 1 ? { app: apps[0] } : {},
        rule: "gate-not-passed",
        message: `the promotion landed ${landed === c ? "" : `with the merge ${landed.commit.slice(0, 12)} `}at a date that cannot be read (${JSON.stringify(landed.date)}), so whether it landed inside a freeze window of ${env} cannot be told, and no override of freeze with a reason was recorded`
      });
      return;
    }
    const current = windows.find((w) => inFreeze(w, at));
    const retired = current ? void 0 : this.retired.get(env)?.find((r) => inFreeze(r.window, at));
    const active = current ?? retired?.window;
    if (!active) return;
    const how = landed === c ? `landed at ${isoUtc(landed.date)}` : `landed at ${isoUtc(landed.date)}, with the merge ${landed.commit.slice(0, 12)} (the commit is dated ${isoUtc(c.date)})`;
    const removed = retired ? ` (removed by ${retired.commit.slice(0, 12)} as over at the date that commit bears)` : "";
    this.report(c, {
      env,
      ...apps.length === 1 ? { app: apps[0] } : {},
      rule: "gate-not-passed",
      message: `the promotion ${how}, ${localTime(at, active.timezone).text} ${active.timezone}, inside the freeze window ${active.from} to ${active.to} ${active.timezone} of ${env}${removed}, and no override of freeze with a reason was recorded`
    });
  }
  /** The dated freeze windows `c` removed from each environment as over at its date (overWindows()): kept, to judge later landings (checkLanding()). */
  retire(c, before, config) {
    const after = new Map(config.environments.map((e) => [e.name, e.gates?.freeze ?? []]));
    for (const e of before.environments) {
      if (!e.gates?.freeze?.length) continue;
      const over = overWindows(e.gates.freeze, after.get(e.name) ?? [], Date.parse(c.date));
      if (over.length) this.retired.set(e.name, [...this.retired.get(e.name) ?? [], ...over.map((window) => ({ window, commit: c.commit }))]);
    }
  }
  /** One Ferry-Gate record: each verdict not `pass` without an override; a record not as Ferry writes it did not pass. */
  checkGates(c, record, env, apps, overridden2) {
    const where = () => ({ ...env ? { env } : {}, ...apps.length === 1 ? { app: apps[0] } : {} });
    if (!GATE_RECORD.test(record)) {
      this.report(c, { ...where(), rule: "gate-not-passed", message: `the gate record ${JSON.stringify(record.slice(0, 200))} is not as Ferry writes it; no verdict in it counts as pass` });
      return;
    }
    if (!/=(?!pass\()[a-z]+\(/.test(record)) return;
    for (const m of record.matchAll(/(?:^| )([a-z][a-z0-9-]*)=([a-z]+)\(/g)) {
      if (m[2] === "pass" || overridden2(m[1])) continue;
      this.report(c, { ...where(), rule: "gate-not-passed", message: `gate ${m[1]} was ${m[2]} and no override with a reason was recorded` });
    }
  }
  /**
   * A merge on the first-parent line whose parent `other` shares no commit with its first parent:
   * two histories, each with its own first commit (`roots`: every root commit of the history), were
   * joined. The line audit checks begins at one of them; the other was never on it, and what it
   * holds was not checked as the line's history. (`seq`: the merge's place in the history checked.)
   */
  unrelatedHistory(merge, other, roots, seq = this.checked) {
    this.report(merge, { rule: "unrelated-history", message: `a merge of ${other.slice(0, 12)}, whose history shares no commit with this branch's line: the history has ${roots.length} first commits (${roots.map((r) => r.slice(0, 12)).join(", ")}), and the line audit checks begins at only one of them; the commits of the other history were not checked as this branch's` }, seq);
    this.inHistoryOrder();
  }
  /**
   * Before the commits a merge without trailers brought in are checked, as if they had landed one
   * by one (the merges among them taken apart the same way, each between its own beginMerge() and
   * endMerge()): `paths`, every file they change, with `config` ferry.yaml in force on the line.
   * `merge`, the merge itself: what it brought in landed on the line with it, at its date (a merge
   * on a branch, taken apart within the line's, lands with the line's).
   */
  beginMerge(config, paths, merge) {
    if (this.depth === 0) this.landing = merge;
    const owners = config ? indexOf(config).owners : NO_OWNERS;
    const mark = { from: this.checked + 1, pins: [], ...merge ? { merge: merge.commit } : {}, ...this.fork ? { fork: this.fork } : {} };
    for (const path of paths) {
      const list = owners.get(path);
      if (list) {
        for (const owner of list) {
          const pins = this.digests(owner.env, owner.app);
          mark.pins.push([path, pins, pins.save()]);
        }
      } else if (path === BLOCKLIST_FILE) mark.blocked = new Map([...this.blocked].map(([digest, apps]) => [digest, new Set(apps)]));
    }
    this.depth++;
    return mark;
  }
  /**
   * After them, before the merge's own check: `kept`, the files the merge changed (against its
   * first parent), and `fromBefore`, those of them whose version no checked commit made (a version
   * from the history before). A manifest a side commit changed that the merge did not keep holds
   * what it held before them: its pins are put back (a pin on a branch the merge discarded is not
   * the line's). A block stays however it came (fail closed), and an unblock the merge discarded
   * lifts nothing.
   */
  endMerge(mark, kept, fromBefore = NONE, config) {
    const at = this.checked + 1;
    for (const [path, pins, state] of mark.pins) {
      if (kept.has(path)) continue;
      pins.restore(state);
      pins.note(at);
    }
    this.fork = mark.fork;
    if (mark.blocked && !kept.has(BLOCKLIST_FILE)) for (const [digest, apps] of mark.blocked) for (const app of apps) this.block(digest, app);
    const owners = config ? indexOf(config).owners : NO_OWNERS;
    for (const path of fromBefore) for (const owner of owners.get(path) ?? NONE_OWNED) this.forget(owner.env, owner.app, at);
    if (mark.merge !== void 0) {
      for (const [path, pins] of mark.pins) if (kept.has(path)) pins.changedBy(mark.merge, pins.recordedDigest);
    }
    this.depth--;
    if (this.depth === 0) this.landing = void 0;
    if (this.depth === 0 && this.ranged) this.mergeFrom = mark.from;
  }
  /** Whether `commit` was checked (a fork a merged branch's commits are judged from: side()). */
  hasChecked(commit) {
    return this.commitsChecked.has(commit);
  }
  /**
   * The commits of a side of the merge being taken apart come next (each tip's, between
   * beginMerge() and endMerge()): `fork`, the commit its oldest forked from (that commit's first
   * parent). Ferry wrote each with what the manifests held on that branch: a previous image is
   * judged against the pins the branch had there (Pins.pinOnBranch()). A fork not checked (none
   * given) leaves the line's pins to judge it by.
   */
  side(fork) {
    const seq = fork !== void 0 ? this.commitsChecked.get(fork) : void 0;
    this.fork = seq !== void 0 ? { seq, from: this.checked + 1 } : void 0;
  }
  /** A commit of the first-parent line (its sides checked before it, from mergeFrom): where the range reported begins and ends. */
  lineCommit(c) {
    const from = this.mergeFrom ?? this.checked;
    this.mergeFrom = void 0;
    const { since, until, after } = this.options;
    if (after !== void 0 && !this.afterSeen) {
      if (c.commit === after) this.afterSeen = true;
      return;
    }
    const at = since !== void 0 || until !== void 0 ? Date.parse(c.date) : NaN;
    if (this.rangeFrom === void 0 && (since === void 0 || !(at < Date.parse(since)))) {
      this.rangeFrom = from;
      this.rangeFirst = c.commit;
    }
    if (this.rangeFrom !== void 0 && (until === void 0 || !(at > Date.parse(until)))) {
      this.rangeTo = this.checked;
      this.rangeLast = c.commit;
    }
  }
  /**
   * The stretch of the line reported, once every commit is checked (undefined without since,
   * until or after). `after` not on the line throws a ConfigurationError: the history was
   * rewritten since that audit, or it names another branch's commit.
   */
  range() {
    if (!this.ranged) return void 0;
    const { after } = this.options;
    if (after !== void 0 && !this.afterSeen) {
      throw new ConfigurationError({ field: "after", message: `${after.slice(0, 12)} is not a commit of the branch's first-parent line: the history was rewritten since the audit that ended there (look at what was force-pushed), or it is another branch's commit` });
    }
    return this.rangeFrom === void 0 || this.rangeLast === void 0 ? {} : { first: this.rangeFirst, last: this.rangeLast };
  }
  /** The violations reported: with since or until, those about the stretch of the line they bound (a violation found at the end by its commit's place). */
  inRange() {
    if (!this.ranged) return this.violations;
    const from = this.rangeFrom;
    return from === void 0 || this.rangeLast === void 0 ? [] : this.violations.filter((_, i) => this.seqs[i] >= from && this.seqs[i] <= this.rangeTo);
  }
  block(digest, app) {
    let apps = this.blocked.get(digest);
    if (!apps) this.blocked.set(digest, apps = /* @__PURE__ */ new Set());
    apps.add(app);
  }
  /** Forgets the recorded pins of the apps whose manifest is another file in `after` than in `before`. */
  forgetMoved(before, after) {
    const was = before ? indexOf(before).paths : void 0;
    const is = after ? indexOf(after).paths : void 0;
    if (was !== void 0 && was === is) {
      for (const pins of this.unplaced) pins.unrecord(this.checked);
      this.unplaced.clear();
      return;
    }
    this.unplaced.clear();
    for (const [env, apps] of this.seen) {
      for (const [app, pins] of apps) {
        const path = was?.get(env)?.get(app);
        if (path === void 0 || path !== is?.get(env)?.get(app)) pins.unrecord(this.checked);
      }
    }
  }
  /** The apps whose manifest `config` moves to another file than `before` had (handEdit() reads the old file where a hand edit then writes the new one). */
  noteMoves(c, before, config) {
    const was = indexOf(before);
    const is = indexOf(config).paths;
    if (was.paths === is) return;
    for (const [env, apps] of was.paths) {
      for (const [app, path] of apps) {
        const now = is.get(env)?.get(app);
        const appConfig = was.apps.get(app);
        if (now !== void 0 && now !== path && appConfig) this.moves.set(`${env}\0${app}`, { commit: c.commit, path, config: appConfig });
      }
    }
  }
  /** Forgets the pin on record for app in env (its file changed by other means than a Ferry pin), from `seq` on. */
  forget(env, app, seq = this.checked) {
    const pins = this.seen.get(env)?.get(app);
    if (pins) pins.unrecord(seq);
  }
  /**
   * A hand edit of `path`, the manifest of `owner` in `config` (ferry.yaml after the commit; in
   * `rules` before it, the app's manifest may be another file): kept, with the blocks in force, to
   * read what it pinned at the end. (An app whose manifest it is no longer pins nothing there.)
   */
  handEdit(c, path, owner, rules, config, row, guarded) {
    const after = indexOf(config);
    const app = after.apps.get(owner.app);
    if (!app || after.paths.get(owner.env)?.get(owner.app) !== path) return;
    const was = rules ? indexOf(rules) : void 0;
    const beforePath = was?.paths.get(owner.env)?.get(owner.app);
    const beforeApp = was?.apps.get(owner.app);
    const pins = this.digests(owner.env, owner.app);
    const previous = pins.lastHand();
    const moved = !previous && !pins.pinnedByFerry() ? this.moves.get(`${owner.env}\0${owner.app}`) : void 0;
    const from = guarded && beforePath !== void 0 ? was.envs.get(owner.env)?.promoteFrom : void 0;
    const source = from !== void 0 ? this.seen.get(from)?.get(owner.app) : void 0;
    const hand = {
      commit: c.commit,
      date: c.date,
      seq: this.checked,
      env: owner.env,
      app: owner.app,
      path,
      config: app,
      // (No manifest of the app there in ferry.yaml before it: the same file, where ferry.yaml was there to guard it.)
      ...beforePath !== void 0 && beforeApp ? { before: { path: beforePath, config: beforeApp } } : rules ? { before: { path, config: app } } : {},
      ...moved && moved.path !== path ? { moved } : {},
      ...this.blocked.size ? { blocked: new Map([...this.blocked].map(([digest, apps]) => [digest, new Set(apps)])) } : {},
      rows: row ? [row] : [],
      ferryBefore: pins.pinnedByFerry(),
      ...previous ? { previous } : {},
      afterInit: this.initCommit !== void 0 && pins.lastChangeBefore(c.commit) === this.initCommit,
      ...from !== void 0 ? { stage: { from, own: pins.mark(), ...source ? { source: source.mark() } : {} } } : {}
    };
    this.hands.push(hand);
    pins.handEdit(hand);
  }
  /** The hand edits to read (settleHandEdits()): each at its commit, and the app's manifest before it. */
  handEditsToRead() {
    return this.hands;
  }
  /**
   * With what each hand edit left in its manifest and what the app's manifest held before it
   * (`files`; `readPin` reads an app's pin as validate and status read it, throwing a
   * ConfigurationError where it cannot): the digest it pinned. One it changed the pin to, blocked
   * at the time, is reported (blocked-digest); a file that cannot be read after it is said in its
   * row. Then the verdicts that named hand edits and rest on no claim are reported, naming the
   * edit that pinned their digest; a rollback to an image the manifest held otherwise than by a
   * hand edit's change (ferry init's pin, a first pin: ownByHand()) is none (a first pin's stays skipped-stage).
   */
  settleHandEdits(files, readPin) {
    const read = (file, path, app) => {
      if (file instanceof ConfigurationError) return file.problems.map(formatProblem).join("; ");
      if (file === void 0) return void 0;
      try {
        return readPin(file, path, app);
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
        return error.problems.map(formatProblem).join("; ");
      }
    };
    const initPin = /* @__PURE__ */ new Map();
    const initBefore = (hand) => hand.previous ? initPin.get(hand.previous) : void 0;
    for (const hand of this.hands) {
      const file = files.get(hand);
      if (!file) {
        const init2 = initBefore(hand);
        if (init2 !== void 0) initPin.set(hand, init2);
        continue;
      }
      const pin = read(file.after, hand.path, hand.config);
      const movedPin = hand.moved ? read(file.moved, hand.moved.path, hand.moved.config) : void 0;
      const movedDigest = typeof movedPin === "object" ? movedPin.digest : void 0;
      const seen = hand.ferryBefore || hand.previous?.pinSeen === true || movedDigest !== void 0;
      const was = hand.before && (typeof pin === "object" || !seen) ? read(file.before, hand.before.path, hand.before.config) : void 0;
      const wasDigest = typeof was === "object" ? was.digest : void 0;
      if (wasDigest !== void 0 && !hand.ferryBefore && !hand.previous) hand.found = { digest: wasDigest, init: hand.afterInit };
      else if (movedDigest !== void 0 && !hand.ferryBefore && !hand.previous) hand.found = { digest: movedDigest, init: false };
      const init = hand.found?.init ? hand.found.digest : initBefore(hand);
      if (init !== void 0) initPin.set(hand, init);
      hand.pinSeen = seen || typeof pin === "string" || pin?.digest !== void 0 || typeof was === "string" || wasDigest !== void 0;
      if (typeof pin === "string") {
        hand.unreadable = pin;
        for (const row of hand.rows) row.message += `; the file cannot be read as the commit left it (${pin}): what it pinned for ${hand.app} is not known`;
        continue;
      }
      if (pin?.digest === void 0) continue;
      hand.digest = pin.digest;
      hand.image = pin.image;
      hand.changed = wasDigest !== pin.digest;
      if (!seen && wasDigest === void 0) hand.first = true;
      const blockedFor = hand.changed ? hand.blocked?.get(pin.digest) : void 0;
      if (blockedFor) {
        this.report(hand, { env: hand.env, app: hand.app, rule: "blocked-digest", message: `${short(pin.image)} was pinned by hand (a commit without Ferry trailers) while it was blocked${blockedFor.has(hand.app) ? "" : ` (for ${[...blockedFor].join(", ")}: a blocked digest is blocked for every app)`}` }, hand.seq);
      }
      if (hand.changed && !hand.first && hand.stage) this.checkHandStage(hand, hand.stage, pin.image, pin.digest, initBefore(hand));
    }
    const left = this.pending.filter((p) => {
      if (p.claims.length) return true;
      const own = ownByHand(p.own, p.digest);
      if (own !== "init" && (own !== "held" || p.skipped)) this.report(p.c, p.violation({ ...typeof own === "object" ? { own } : {}, source: handPinOf(p.source, p.digest) }), p.c.seq);
      return false;
    });
    this.pending.length = 0;
    this.pending.push(...left);
    this.inHistoryOrder();
  }
  /**
   * A digest a hand edit changed the pin to (read: settleHandEdits()) reached its environment as a
   * promotion of it would: one its promoteFrom environment never had through a Ferry commit before
   * it is a skipped stage (one known there only from a first pin's claim: if the file held it, as
   * for a promotion, settleClaims()), unless the environment itself had it so (a way back, as a
   * rollback's), or it is ferry init's pin there (`init`: found by its own hand edits before it,
   * ownByHand()), which ferry init put in each.
   */
  checkHandStage(hand, stage, image, digest, init) {
    if (stage.own.had(digest) || stage.source?.had(digest) || init === digest) return;
    const { env, app } = hand;
    const violation = (by) => ({ env, app, rule: "skipped-stage", message: skippedStage(image, env, stage.from, by, " by hand (a commit without Ferry trailers)") });
    const claim = stage.source?.pins.claimOf(digest);
    if (claim && claim.seq < hand.seq) {
      const hands = stage.source.handPins();
      this.pending.push({ c: { commit: hand.commit, date: hand.date, seq: hand.seq }, digest, claims: [claim], claimsOf: "source", ...hands ? { source: hands } : {}, violation });
    } else this.report(hand, violation({ source: stage.source?.handPinOf(digest) }), hand.seq);
  }
  /** The digests seen in env for app. */
  digests(env, app) {
    let apps = this.seen.get(env);
    if (!apps) this.seen.set(env, apps = /* @__PURE__ */ new Map());
    let pins = apps.get(app);
    if (!pins) apps.set(app, pins = new Pins());
    return pins;
  }
  /** Whether `file` is a pinned manifest in `config`. */
  pinned(config, file) {
    return indexOf(config).owners.has(file);
  }
  /** Whether any of `files` is a pinned manifest in `config`, ferry.yaml, blocked.yaml, an analysis template a gate names, or an Argo CD parameter override file beside a pinned manifest. */
  guards(config, files) {
    const { owners, templates } = indexOf(config);
    return files.some((f) => owners.has(f) || f === CONFIG_FILE || f === BLOCKLIST_FILE || templates.has(f) || overridden(owners, f).length > 0);
  }
  /**
   * The pins on record after the last commit, each with its manifest in `config` (ferry.yaml at the
   * head): the files at the head are to hold them (checkHead).
   */
  recordedPins(config) {
    const paths = indexOf(config).paths;
    const pins = [];
    for (const [env, apps] of this.seen) {
      for (const [app, p] of apps) {
        const path = paths.get(env)?.get(app);
        if (p.recordedDigest === void 0 || path === void 0) continue;
        pins.push({ env, app, path, digest: p.recordedDigest, image: p.recordedImage, commit: p.recordedBy, date: p.recordedAt, seq: p.recordedSeq });
      }
    }
    return pins;
  }
  /**
   * Each pin on record against its file at the head (`texts`, by path; a problem where what is
   * there is no file, a symbolic link). The commit that recorded it is the last that changed the
   * file (any later change is a pin on record or was reported), so a file without the digest as a
   * value (holdsDigest(): one in a comment does not count), or no file at all, was pinned
   * otherwise than that commit's trailers say.
   */
  checkHead(pins, texts) {
    for (const pin of pins) {
      const text = texts.get(pin.path);
      if (text === void 0 || typeof text === "string" && holdsDigest(text, pin.digest)) continue;
      const what = typeof text === "string" ? "does not hold that digest at the head" : text.problems.map((p) => p.message).join("; ");
      this.report(pin, { env: pin.env, app: pin.app, rule: "trailers-disagree", message: `the commit records ${short(pin.image)} as pinned, but ${pin.path}, which no commit changed since, ${what}` }, pin.seq);
    }
    this.inHistoryOrder();
  }
  /**
   * A commit that left ferry.yaml unreadable (`problem`, located) where no version of it before
   * could be read: no rule is in force, and what the commits change is judged by nothing until
   * one can be read. (A broken one after a good one leaves the good one in force: nothing to tell.)
   * Fail closed: such a history is no clean report. It names no environment: it concerns every one.
   */
  configUnreadable(c, problem) {
    this.report(c, { rule: "rules-weakened", message: `${CONFIG_FILE} cannot be read (${problem}), and no version of it before could: no rule is in force, and no commit is judged until one can be read` });
  }
  /**
   * What a commit that writes the blocklist (writesBlocklist()) did to it, read from the file
   * before and after it: entries added and removed (as `digest app`, once per entry), or why the
   * file after it could not be read. A block adds its digest for its app, an unblock removes it, a
   * rollback --block adds the digest it blocked, and nothing else: an entry added or removed
   * otherwise is a block made or lifted without its record. (A block so added counts as one.)
   */
  checkBlocklistChange(c, change) {
    const action = c.trailers.first("Ferry-Action");
    const app = c.trailers.first("Ferry-App") ?? "";
    const blocked = action === "rollback" ? c.trailers.first("Ferry-Blocked") : c.trailers.first("Ferry-Image");
    const own = blocked?.includes("@sha256:") ? `${digestOf(blocked)} ${app}` : void 0;
    const where = app ? { app } : {};
    if ("unreadable" in change) {
      this.report(c, { ...where, rule: "trailers-disagree", message: `a Ferry ${action} commit left ${BLOCKLIST_FILE} unreadable (${change.unreadable}): no block in it can be told` });
      return;
    }
    if (action === "unblock" && own !== void 0 && !change.removed.includes(own)) {
      const [digest, entryApp] = own.split(" ");
      this.report(c, { ...where, rule: "trailers-disagree", message: `a Ferry unblock commit that did not remove the block of ${shortDigest(digest)} for ${entryApp} from ${BLOCKLIST_FILE}: it unblocked nothing` });
      this.block(digest, entryApp);
    }
    for (const [entries, added] of [[change.added, true], [change.removed, false]]) {
      for (const entry of entries) {
        if (entry === own && added === (action !== "unblock")) continue;
        const [digest, entryApp] = entry.split(" ");
        this.report(c, { ...where, rule: "trailers-disagree", message: `a Ferry ${action} commit ${added ? "added" : "removed"} the block of ${shortDigest(digest)} for ${entryApp} ${added ? "to" : "from"} ${BLOCKLIST_FILE}, which its trailers do not record` });
        if (added) this.block(digest, entryApp);
      }
    }
  }
  /** The manifests of ferry.yaml at c (not at `before`) that c did not change. */
  lookAtNamed(c, before, config) {
    const was = before ? indexOf(before).owners : NO_OWNERS;
    const is = indexOf(config).owners;
    if (is === was) return;
    for (const path of was.keys()) if (!is.has(path)) this.unguarded.set(path, false);
    let touched;
    for (const [path, owners] of is) {
      if (was.has(path)) continue;
      const known = this.unguarded.get(path) === false;
      this.unguarded.delete(path);
      touched ??= new Set(c.files);
      if (!touched.has(path)) this.looks.push({ commit: c.commit, date: c.date, seq: this.checked, path, owners, read: onTheWay(path), why: known ? "guarded-again" : "named", config: config.file });
    }
  }
  /** The manifests of `owners` under a file c changed. */
  lookAtChanged(c, files, owners) {
    const dirs = dirsOf(owners);
    for (const f of files) {
      for (const path of dirs.get(f) ?? NONE) this.looks.push({ commit: c.commit, date: c.date, seq: this.checked, path, owners: owners.get(path), read: [f], why: "changed" });
    }
  }
  /**
   * The Argo CD parameter override files `c` changed beside the manifests of `owners` (ferry.yaml
   * after the commit and before it: `configs`). A commit without Ferry trailers: what each
   * overrides is read at the end (settleOverrides()). A Ferry commit (`action`): Ferry never
   * writes one, so its trailers do not record what it changed, whatever the file says.
   */
  lookAtOverrides(c, files, owners, action, configs) {
    for (const file of files) {
      const manifests = overridden(owners, file);
      if (!manifests.length) continue;
      if (action !== void 0) {
        for (const m of manifests) {
          for (const o of owners.get(m)) this.report(c, { env: o.env, app: o.app, rule: "trailers-disagree", message: `a Ferry ${action} commit changed ${file}, Argo CD parameter overrides beside ${m}, which Ferry never writes: Argo CD applies them on top of the pins, and the trailers do not record it` });
        }
        continue;
      }
      const pins = [];
      for (const m of manifests) {
        for (const o of owners.get(m)) {
          const index = configs.map((config) => config && indexOf(config)).find((i) => i?.paths.get(o.env)?.get(o.app) === m);
          const app = index?.apps.get(o.app);
          if (app) pins.push({ app, env: o.env, file: m });
        }
      }
      const same = `${file}\0${JSON.stringify(pins.map((p) => [p.env, p.file, p.app]))}`;
      if (!this.overridePins.has(same)) this.overridePins.set(same, pins);
      this.overrideChanges.push({ commit: c.commit, date: c.date, seq: this.checked, file, pins: this.overridePins.get(same) });
    }
  }
  /** The override files to read (settleOverrides()): each as its commit left it, and before it. */
  overridesToRead() {
    return this.overrideChanges;
  }
  /**
   * With what each override file was before its commit and after it (`versions`): an override of
   * what Ferry pins is a change to what its environment deploys, made without a Ferry record:
   * reported (unrecorded-change, once per pinned manifest: the file as the commit left it, else as
   * it was, where it overrode the pin and no longer does). So is one Ferry cannot check: a
   * symbolic link (Argo CD follows it), one with more aliases than Ferry reads, one too large or
   * nested too deep for it, one with a field that can change the image that Ferry does not read
   * (kustomize.patches, helm.valueFiles, …), and one Argo CD cannot read (manifest generation
   * fails where it applies: the pins stop deploying, and what the file holds cannot be told; fail
   * closed). A directory or a submodule at its path is none (Argo CD skips it). An override of anything else is not: Ferry
   * guards the pins, not what they render from (as for a kustomize patch beside the manifest).
   */
  settleOverrides(versions) {
    for (const change of this.overrideChanges) {
      const found = versions.get(change);
      if (!found) continue;
      const { after, before } = found;
      const verb = before === void 0 ? "added" : after === void 0 ? "removed" : "changed";
      for (const pin of change.pins) {
        const clause = overrideClause(after, pin, "after") ?? overrideClause(before, pin, verb === "removed" ? "removed" : "before");
        if (clause === void 0) continue;
        this.report(change, { env: pin.env, app: pin.app.name, rule: "unrecorded-change", message: `${change.file}, Argo CD parameter overrides beside ${pin.file}, ${verb} in a commit without Ferry trailers (a manual edit): ${clause}` }, change.seq);
      }
    }
    this.overrideChanges.length = 0;
    this.overridePins.clear();
    this.inHistoryOrder();
  }
  /** The paths to read, each at its commit (settlePaths()). */
  pathsToRead() {
    return this.looks;
  }
  /**
   * With what each look's paths are at its commit (`kinds`, in the order of its `read`): a
   * symbolic link on the way to a manifest, or as the manifest, is reported (kustomize follows it,
   * and what it leads to is no file audit guards); a file ferry.yaml began to guard holds a pin
   * that was made by hand. (A manifest absent, or not reached, holds nothing.)
   */
  settlePaths(kinds) {
    const told = /* @__PURE__ */ new Set();
    for (const look of this.looks) {
      const found = kinds.get(look);
      if (!found) continue;
      const at = found.findIndex((k) => k !== "directory");
      if (at < 0) continue;
      const what = look.read[at];
      let message;
      if (found[at] === "link") {
        message = what === look.path ? `${what} is a symbolic link: kustomize follows it, and audit cannot guard the file it leads to (commit the file itself at this path)` : `${what}, on the way to ${look.path}, is a symbolic link: kustomize follows it, and audit cannot guard the file it leads to (commit the directory and the file themselves at this path)`;
      } else if (look.why === "named" && what === look.path && found[at] === "file") {
        message = `${look.path} already held a pin when ${look.config ?? CONFIG_FILE} began to guard it: that pin was made by hand, without Ferry trailers (a manual edit)`;
      }
      if (message === void 0) continue;
      for (const o of look.owners) {
        const key = `${look.commit}\0${o.env}\0${o.app}\0${message}`;
        if (told.has(key)) continue;
        told.add(key);
        this.report(look, { env: o.env, app: o.app, rule: "unrecorded-change", message }, look.seq);
      }
    }
    this.looks.length = 0;
    this.inHistoryOrder();
  }
  /** The claims of first pins that a verdict rests on: audit-run.ts reads each manifest as it was before its pin. */
  claimsToCheck() {
    return [...new Set(this.pending.flatMap((p) => p.claims))];
  }
  /**
   * With `before`, each claim's manifest as it was before its pin (undefined: none, or not read):
   * a claim holds when that held its digest as a value (holdsDigest(), a comment does not count).
   * Each verdict that rested on claims none of which held is reported, and each claim that did not
   * hold is a previous image the commit made up (trailers-disagree). One that held because a hand
   * edit had put the digest in the file (PreviousClaim.hand) holds, but the digest was there by
   * hand, not through Ferry: its verdict is reported, naming the edit. (After settleHandEdits().)
   */
  settleClaims(before) {
    const held = new Map([...before].map(([claim, text]) => [claim, text !== void 0 && holdsDigest(text, claim.digest)]));
    for (const [claim, ok] of held) {
      if (!ok) this.report(claim, { env: claim.env, app: claim.app, rule: "trailers-disagree", message: `the commit records ${short(claim.image)} as the image it replaced, but ${claim.path} did not hold that digest before it` }, claim.seq);
    }
    for (const p of this.pending) {
      const holding = p.claims.filter((claim) => held.get(claim) === true);
      if (holding.some((claim) => !claimByHand(claim))) continue;
      const byClaim = holding.map(claimByHand).find((hand) => hand !== void 0);
      const own = ownByHand(p.own, p.digest, p.claimsOf === "own" ? byClaim : void 0);
      if (own === "init" || own === "held" && !p.skipped) continue;
      const source = handPinOf(p.source, p.digest) ?? (p.claimsOf === "source" ? byClaim : void 0);
      this.report(p.c, p.violation({ ...typeof own === "object" ? { own } : {}, ...source ? { source } : {} }), p.c.seq);
    }
    this.pending.length = 0;
    this.inHistoryOrder();
  }
  /** The violations in the order of the commits they are about, those found at the end (settleClaims, checkHead) among them. */
  inHistoryOrder() {
    if (this.seqs.every((n, i) => i === 0 || this.seqs[i - 1] <= n)) return;
    const order = this.violations.map((v, i) => ({ v, n: this.seqs[i] })).sort((a, b) => a.n - b.n);
    order.forEach(({ v, n }, i) => {
      this.violations[i] = v;
      this.seqs[i] = n;
    });
  }
  report(c, v, seq = this.checked) {
    const { env } = this.options;
    if (env !== void 0 && v.env !== void 0 && v.env !== env) return void 0;
    const violation = { commit: c.commit, date: isoUtc(c.date), ...v };
    this.violations.push(violation);
    this.seqs.push(seq);
    return violation;
  }
};
function recordsOtherFrom(c, rules) {
  const env = c.trailers.first("Ferry-Action") === "promote" && rules ? c.trailers.first("Ferry-Env") : void 0;
  const target = env !== void 0 ? indexOf(rules).envs.get(env) : void 0;
  return target !== void 0 && c.trailers.first("Ferry-From") !== target.promoteFrom;
}
function writesBlocklist(c) {
  const action = c.trailers.first("Ferry-Action");
  return action === "block" || action === "unblock" || action === "rollback" && c.trailers.first("Ferry-Blocked") !== void 0;
}
var Pins = class {
  /**
   * The digest the last Ferry pin recorded (with its image and commit); undefined when unknown:
   * never pinned by Ferry, or changed since by other means. (Fields, not an object: one per pin.)
   */
  recordedDigest;
  recordedImage = "";
  recordedBy = "";
  recordedAt = "";
  recordedSeq = 0;
  record(image, digest, commit, seq) {
    this.recordedDigest = digest;
    this.recordedImage = image;
    this.recordedBy = commit.commit;
    this.recordedAt = commit.date;
    this.recordedSeq = seq;
  }
  /** The pin on record and the digests seen, as they are (for restore()). */
  save() {
    return [this.recordedDigest, this.recordedImage, this.recordedBy, this.recordedAt, this.recordedSeq, this.log.list.length, this.hands?.length ?? 0];
  }
  /** Back to a state save() gave: the pin on record then, and the digests seen then only. */
  restore([digest, image, by, at, seq, seen, hands]) {
    this.recordedDigest = digest;
    this.recordedImage = image;
    this.recordedBy = by;
    this.recordedAt = at;
    this.recordedSeq = seq;
    if (this.log.list.length > seen) {
      if (this.marked) this.log = this.log.upTo(seen);
      else this.log.cut(seen);
      this.marked = false;
      this.last = this.log.list[seen - 1];
    }
    if (this.hands && this.hands.length > hands) {
      if (this.handsMarked) this.hands = this.hands.slice(0, hands);
      else this.hands.length = hands;
      this.handsMarked = false;
    }
  }
  /** What it has now, kept as it is (PinsMark): its lists are shared until restore() cuts one back. */
  mark() {
    this.marked = this.handsMarked = true;
    return new PinsMark(this, this.log, this.log.list.length, this.hands, this.hands?.length ?? 0);
  }
  /** Whether a mark shares the digests' list, and the hand edits' (copied, not cut, by restore()). */
  marked = false;
  handsMarked = false;
  /** The hand edits of the manifest, oldest first (what each pinned is read at the end). */
  hands;
  handEdit(hand) {
    (this.hands ??= []).push(hand);
  }
  /** The hand edits so far (a copy: later ones are not before the commit asking), undefined when none. */
  handPins() {
    return this.hands?.length ? [...this.hands] : void 0;
  }
  /** The last hand edit so far. */
  lastHand() {
    return this.hands?.[this.hands.length - 1];
  }
  /** Whether a Ferry commit pinned the app there (add()). */
  pinnedByFerry() {
    return this.log.list.length > 0;
  }
  /** The hand edit that changed the manifest last before `commit` (changedBy()), where the last change before it was one. */
  handBefore(commit) {
    const hand = this.lastHand();
    return hand && this.lastChangeBefore(commit) === hand.commit ? hand : void 0;
  }
  /** The commit that changed the manifest last before `commit` (changedBy()). */
  lastChangeBefore(commit) {
    let n = this.changes.length - 2;
    while (n >= 0 && this.changes[n] === commit) n -= 2;
    return n >= 0 ? this.changes[n] : void 0;
  }
  /** The digests a Ferry commit pinned there, in order (each where it differs from the one before), and the last. */
  log = new DigestLog();
  last;
  has(digest) {
    if (digest === this.last) return true;
    return this.log.list.length > 0 && this.log.firstAt(digest) < this.log.list.length;
  }
  add(digest) {
    if (digest === this.last) return;
    this.last = digest;
    this.log.list.push(digest);
  }
  /** What first pins said they replaced, by digest (the first to say so). */
  claims;
  claim(claim) {
    if (this.has(claim.digest)) return;
    this.claims ??= /* @__PURE__ */ new Map();
    if (!this.claims.has(claim.digest)) this.claims.set(claim.digest, claim);
  }
  claimOf(digest) {
    return this.claims?.get(digest);
  }
  /**
   * The pin on record as it changed (note()): place in the history checked, digest, image, commit,
   * … in the order checked (each place at least the one before). A branch merged later forked from
   * one of those places (pinOnBranch()).
   */
  past = [];
  /** The pin on record changed at `seq` (a Ferry pin; forgotten; put back at a merge's end): noted. */
  note(seq) {
    const past = this.past;
    const n = past.length;
    if (n && past[n - 3] === this.recordedDigest && past[n - 2] === this.recordedImage && past[n - 1] === this.recordedBy) return;
    past.push(n ? Math.max(seq, past[n - 4]) : seq, this.recordedDigest, this.recordedImage, this.recordedBy);
  }
  /** No pin on record from `seq` on: its file changed by other means than a Ferry pin. */
  unrecord(seq) {
    this.recordedDigest = void 0;
    this.note(seq);
  }
  /**
   * The pin on record on a branch that forked after the commit checked at `fork`, whose commits
   * were checked from `from` on: the one at its fork, where none changed it since `from`;
   * undefined where they did (the pin on record is the branch's own), or where it is the one on
   * record still.
   */
  pinOnBranch(fork, from) {
    const past = this.past;
    const last = past.length - 4;
    if (last >= 0 && past[last] >= from) return void 0;
    let [lo, hi] = [0, past.length / 4];
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (past[mid * 4] <= fork) lo = mid + 1;
      else hi = mid;
    }
    const i = (lo - 1) * 4;
    const digest = i < 0 ? void 0 : past[i + 1];
    if (digest === this.recordedDigest && (digest === void 0 || past[i + 3] === this.recordedBy)) return void 0;
    return { digest, recordedImage: i < 0 ? "" : past[i + 2], recordedBy: i < 0 ? "" : past[i + 3] };
  }
  /**
   * Each commit that changed the app's manifest there (a merge: what it kept of its side commits'
   * pins), with the digest it pinned where that is on record (a Ferry pin), else '' (a hand edit,
   * ferry init, a merge of a hand edit): commit, digest, commit, digest, … in the order checked.
   * Only a rollback asks which (changeBy()): the lookup is built then, and kept up to date.
   */
  changes = [];
  changeIndex;
  indexed = 0;
  /** `commit` changed the manifest, pinning `digest` where that is on record. */
  changedBy(commit, digest = "") {
    this.changes.push(commit, digest);
  }
  /** `commit`, which changed the manifest last (changedBy()), is a Ferry pin of `digest` there. */
  pinnedBy(commit, digest) {
    const n = this.changes.length;
    if (n === 0 || this.changes[n - 2] !== commit || this.changes[n - 1] !== "") return;
    this.changes[n - 1] = digest;
    if (this.indexed >= n) this.changeIndex.set(commit, digest);
  }
  /** What `commit` pinned there: its digest, '' where that is not on record, undefined when it did not change the manifest (or is not in the history checked yet). */
  changeBy(commit) {
    const index = this.changeIndex ??= /* @__PURE__ */ new Map();
    for (const changes = this.changes; this.indexed < changes.length; this.indexed += 2) index.set(changes[this.indexed], changes[this.indexed + 1]);
    return index.get(commit);
  }
};
var DigestLog = class _DigestLog {
  constructor(list = []) {
    this.list = list;
  }
  first;
  indexed = 0;
  /** Where `digest` is first in the list; Infinity where it is not. */
  firstAt(digest) {
    const first = this.first ??= /* @__PURE__ */ new Map();
    for (const list = this.list; this.indexed < list.length; this.indexed++) if (!first.has(list[this.indexed])) first.set(list[this.indexed], this.indexed);
    return first.get(digest) ?? Infinity;
  }
  /** Its first `n` digests only (where no mark shares it). */
  cut(n) {
    for (let i = n; i < this.indexed; i++) if (this.first.get(this.list[i]) === i) this.first.delete(this.list[i]);
    this.indexed = Math.min(this.indexed, n);
    this.list.length = n;
  }
  /** A new log of its first `n` digests (it stays as it is: a mark shares it). */
  upTo(n) {
    return new _DigestLog(this.list.slice(0, n));
  }
};
var PinsMark = class {
  constructor(pins, log, seen, hands, handCount) {
    this.pins = pins;
    this.log = log;
    this.seen = seen;
    this.hands = hands;
    this.handCount = handCount;
  }
  /** Whether a Ferry commit had pinned `digest` there by then. */
  had(digest) {
    return this.log.firstAt(digest) < this.seen;
  }
  /** The hand edits there by then (a copy), undefined when none. */
  handPins() {
    return this.handCount ? this.hands.slice(0, this.handCount) : void 0;
  }
  /** The latest hand edit there by then that changed the pin to `digest` (handPinOf()). */
  handPinOf(digest) {
    for (let i = this.handCount - 1; i >= 0; i--) {
      const hand = this.hands[i];
      if (hand.digest === digest && hand.changed) return hand;
    }
    return void 0;
  }
};
function weakenings(before, after, at) {
  const out = [];
  const envs = new Map(after.environments.map((e) => [e.name, e]));
  const ms = (d) => {
    try {
      return d === void 0 ? 0 : parseDuration(d);
    } catch {
      return 0;
    }
  };
  for (const was of before.environments) {
    const env = was.name;
    const add = (what) => out.push({ env, what });
    const now = envs.get(env);
    if (!now) {
      add("the environment removed");
      continue;
    }
    if (now.promoteFrom !== was.promoteFrom) add(`promoted from ${now.promoteFrom ?? "nothing"}, was ${was.promoteFrom ?? "nothing"}`);
    const [g, h] = [was.gates ?? {}, now.gates ?? {}];
    if (g.soak !== void 0 && ms(h.soak) < ms(g.soak)) add(`soak ${h.soak ?? "none"}, was ${g.soak}`);
    if ((h.approvals ?? 0) < (g.approvals ?? 0)) add(`approvals ${h.approvals ?? 0}, was ${g.approvals}`);
    if (g.freeze?.length) for (const what of freezeLost(g.freeze, h.freeze ?? [], at === void 0 ? NaN : Date.parse(at))) add(what);
    const templates = (g.analysis ?? []).filter((t) => !(h.analysis ?? []).includes(t));
    if (templates.length) add(`analysis ${templates.join(", ")} removed`);
    if (g.compare && JSON.stringify(g.compare) !== JSON.stringify(h.compare)) add(`compare ${h.compare ? "changed" : "removed"}`);
    if ((g.analysis?.length || g.compare) && (h.analysis?.length || h.compare) && JSON.stringify(before.prometheus ?? null) !== JSON.stringify(after.prometheus ?? null)) {
      add(`the Prometheus its analysis queries is ${after.prometheus?.address ?? "none"}${after.prometheus?.bearerTokenEnv ? ` (token from ${after.prometheus.bearerTokenEnv})` : ""}, was ${before.prometheus?.address ?? "none"}${before.prometheus?.bearerTokenEnv ? ` (token from ${before.prometheus.bearerTokenEnv})` : ""}`);
    }
    const paths = indexOf(after).paths.get(env);
    const placed = indexOf(before).paths.get(env);
    if (paths === placed) continue;
    for (const [app, path] of placed ?? []) {
      const moved = paths?.get(app);
      if (moved === void 0) add(`${app} removed (its manifest ${path} no longer guarded)`);
      else if (moved !== path) add(`${app}'s manifest moved from ${path} to ${moved}`);
    }
  }
  return out;
}
var MergeSides = class {
  constructor(head, since, parentsOf, entries, differences) {
    this.since = since;
    this.parentsOf = parentsOf;
    this.entries = entries;
    this.differences = differences;
    const line = [];
    for (let c = head; c !== void 0 && parentsOf.has(c); c = parentsOf.get(c)[0]) line.push(c);
    line.reverse().forEach((c, n) => {
      this.place.set(c, n);
      this.number.set(c, n);
      const stack = parentsOf.get(c).slice(1);
      for (let x = stack.pop(); x !== void 0; x = stack.pop()) {
        const parents = parentsOf.get(x);
        if (parents === void 0 || this.number.has(x)) continue;
        this.number.set(x, n);
        stack.push(...parents);
      }
    });
  }
  /** Each commit of the graph: the place on the line of the first commit whose history holds it. */
  number = /* @__PURE__ */ new Map();
  /** The line's own commits: their place on it, oldest first from 0. */
  place = /* @__PURE__ */ new Map();
  /** A commit's parents, first first; undefined for a commit outside the graph. */
  parents(commit) {
    return this.parentsOf.get(commit);
  }
  /** Those of `paths` that are the same in `merge` and its parent `parent` (as the git adapter's sameFiles()); undefined for a merge outside the graph. */
  sameFiles(merge, parent, paths) {
    const differ = this.differences.get(`${merge} ${parent}`);
    return differ && paths.filter((p) => !differ.has(p));
  }
  /**
   * Each merge of two parents in the graph with the files it has as neither parent has them (both
   * sides changed each: merged by git, or by a hand), and, for a merge of the line, the commits its
   * branch forked from (as landing.ts's forkPoints(): those outside what it brought in that a
   * commit it brought in, or its second parent, has for a parent; `since`'s history among them).
   * What mergedAsGitWould() asks, read from the graph alone (no git).
   */
  twoSided() {
    const found = [];
    const lineMerges = /* @__PURE__ */ new Map();
    for (const [merge, parents] of this.parentsOf) {
      if (parents.length !== 2) continue;
      const [first, other] = [this.differences.get(`${merge} ${parents[0]}`), this.differences.get(`${merge} ${parents[1]}`)];
      const paths = first && other ? [...first].filter((f) => other.has(f)) : [];
      if (!paths.length) continue;
      const bases = /* @__PURE__ */ new Set();
      const at = this.place.get(merge);
      if (at !== void 0) lineMerges.set(at, bases);
      found.push({ merge, parents: [parents[0], parents[1]], bases: [], paths });
    }
    if (lineMerges.size) {
      for (const [c, parents] of this.parentsOf) {
        const at = this.place.get(c);
        const n = at ?? this.number.get(c);
        const bases = n === void 0 ? void 0 : lineMerges.get(n);
        if (!bases) continue;
        for (const p of at === void 0 ? parents : parents.slice(1)) if (!((this.number.get(p) ?? -1) >= n)) bases.add(p);
      }
      for (const f of found) f.bases = [...lineMerges.get(this.place.get(f.merge) ?? -1) ?? []];
    }
    return found;
  }
  /**
   * The first-parent history of `tip` back to where it meets the history of `known`, oldest
   * first, as sideHistory(known, tip) reads it; undefined where the graph cannot tell (`known`
   * holds neither `since` nor a later commit of the line, or the history goes through the line).
   */
  side(known, tip) {
    let bound;
    const others = [];
    for (const k of known) {
      const at = k === this.since ? -1 : this.place.get(k);
      if (at !== void 0) bound = Math.max(bound ?? at, at);
      else if (this.parentsOf.has(k)) others.push(k);
    }
    if (bound === void 0) return void 0;
    let theirs;
    if (others.length) {
      theirs = /* @__PURE__ */ new Set();
      for (let x = others.pop(); x !== void 0; x = others.pop()) {
        if (theirs.has(x) || !((this.number.get(x) ?? -1) > bound)) continue;
        theirs.add(x);
        others.push(...this.parentsOf.get(x));
      }
    }
    const chain = [];
    for (let c = tip; c !== void 0; c = this.parentsOf.get(c)[0]) {
      const n = this.number.get(c);
      if (n === void 0 || n <= bound || theirs?.has(c)) break;
      const entry = this.entries.get(c);
      if (entry === void 0) return void 0;
      chain.push(entry);
    }
    return chain.reverse();
  }
};
function formatAuditMarkdown(report) {
  const { range } = report;
  const stretch = !range ? "" : range.first !== void 0 ? ` Reported: the commits ${range.first.slice(0, 12)} to ${range.last.slice(0, 12)} of the branch's first-parent line (and what merges among them brought in).` : " No commit of the branch's first-parent line is in the range: nothing reported.";
  const head = `# Ferry audit of ${cell(report.repo)} (${cell(report.branch)} @ ${report.commit.slice(0, 12)})

${report.checked} commit${report.checked === 1 ? "" : "s"} checked, ${report.violations.length} violation${report.violations.length === 1 ? "" : "s"}.${stretch}`;
  if (report.violations.length === 0) return head;
  const rows = report.violations.map((v) => [v.date, v.commit.slice(0, 12), v.env ?? "", v.app ?? "", v.rule, v.message].map(cell));
  const table = ["| date | commit | env | app | rule | what |", "| --- | --- | --- | --- | --- | --- |", ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
  return `${head}

${table}`;
}
export {
  AUDIT_RULES,
  Auditor,
  MergeSides,
  formatAuditMarkdown,
  recordsOtherFrom,
  weakenings,
  writesBlocklist
};
