import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  proposalsOf
} from "./chunk-6VXFEZH7.mjs";
import {
  writerPhases
} from "./chunk-YXNVHXFY.mjs";
import "./chunk-BMWZ6UYQ.mjs";
import {
  assertPinsDeployed
} from "./chunk-KUUM52MP.mjs";
import {
  fileDiff
} from "./chunk-6D5ADIK3.mjs";
import {
  RefusedError,
  addBlocked,
  assertNotBlocked,
  describeBlock,
  findBlocked,
  readBlocklist,
  stillPinned,
  stillPinnedText,
  unreadableText
} from "./chunk-5BMCYQN7.mjs";
import {
  readConfig
} from "./chunk-736OWXYZ.mjs";
import {
  assertImageForApp,
  findApp,
  findEnvironment,
  parseConfig
} from "./chunk-QKVPLPRY.mjs";
import {
  manifestPath
} from "./chunk-TWBHTREK.mjs";
import {
  pinImage,
  readPinnedImage
} from "./chunk-6XHYADCA.mjs";
import "./chunk-C4OZCMLB.mjs";
import {
  GitEnvRepo,
  printWarning
} from "./chunk-SK2V36WJ.mjs";
import "./chunk-372JGWAG.mjs";
import {
  reportRetries,
  writeChange
} from "./chunk-TTKF36OU.mjs";
import {
  pinEvents
} from "./chunk-FJ6XG4P3.mjs";
import {
  PIN_ACTIONS,
  assertSingleLine,
  commitMessage,
  elidable,
  fitSubject,
  subjectImage
} from "./chunk-C4EZRMXW.mjs";
import {
  BLOCKLIST_FILE,
  CONFIG_FILE
} from "./chunk-VVEEDHSD.mjs";
import {
  redactUrl
} from "./chunk-OSG537VB.mjs";
import {
  describeImage,
  formatImageRef,
  givenImage,
  imageParts,
  isDigest,
  isTag,
  parseImageRef,
  quoteReference,
  shortDigest
} from "./chunk-FD6ZWLQC.mjs";
import {
  ConfigurationError,
  quote
} from "./chunk-4TMDRVSR.mjs";
import {
  utc
} from "./chunk-VPQIS2RW.mjs";
import "./chunk-WBKKXVG2.mjs";

// actions/src/core/rollback.ts
function checkRollbackRequest(req) {
  if (req.to !== void 0 && req.steps !== void 0) throw new ConfigurationError({ field: "to", message: "give --to or --steps, not both" });
  if (req.to !== void 0) checkGivenTo(req.to);
  if (req.from !== void 0) checkGivenImage(req.from, "from");
  if (req.steps !== void 0 && (!Number.isInteger(req.steps) || req.steps < 1)) throw new ConfigurationError({ field: "steps", message: `expected a whole number of 1 or more, found ${req.steps}` });
  if (req.block && req.reason === void 0) throw new ConfigurationError({ field: "reason", message: "is required with --block (it is recorded with the blocked digest)" });
  if (req.reason !== void 0) assertSingleLine(req.reason, "reason", 500);
  if (req.requestedBy !== void 0) assertSingleLine(req.requestedBy, "requested-by", 200);
  if (req.runUrl !== void 0) assertSingleLine(req.runUrl, "run-url", 500);
}
function checkGivenTo(value) {
  if (isGivenName(value)) return;
  try {
    checkGivenImage(value, "to");
  } catch (error) {
    if (!(error instanceof ConfigurationError) || /^sha256:/i.test(value)) throw error;
    throw new ConfigurationError({ field: "to", message: `${error.problems.map((p) => p.message).join("; ")}; or a tag it was pinned with there, or the id of the commit that pinned it` });
  }
}
function checkGivenImage(value, field) {
  if (isDigest(value)) return;
  if (/^sha256:/i.test(value)) {
    const hex = value.slice("sha256:".length);
    const why = !value.startsWith("sha256:") ? "the algorithm is written 'sha256', in lowercase" : /[^0-9a-fA-F]/.test(hex) ? `${quoteReference(hex)} is not all hex digits` : hex.length !== 64 ? `it has ${hex.length} hex digits, not 64` : "the hex digits must be lowercase";
    throw new ConfigurationError({ field, message: `the digest ${quoteReference(value)} is malformed (${why}); expected sha256: followed by 64 lowercase hex digits, or an image reference with one` });
  }
  parseImageRef(value, field);
}
function digestOf(image) {
  return image.slice(image.lastIndexOf("@") + 1);
}
function describePinned(image) {
  const { tag, digest } = imageParts(image);
  if (digest === void 0) return `${quote(image, 200)} (no digest)`;
  return describeImage({ ...tag ? { tag } : {}, digest });
}
function appImageName(app) {
  return `${app.registry}/${app.image}`;
}
function isAppImage(image, app) {
  try {
    const ref = parseImageRef(image);
    return ref.registry === app.registry && ref.repository === app.image;
  } catch {
    return false;
  }
}
function describeSkipped(s) {
  return s.reason === "not-app-image" ? `${describePinned(s.image)} of ${quote(imageParts(s.image).name)}` : describePinned(s.image);
}
function skippedWhy({ reason, blockedFor }, app) {
  switch (reason) {
    case "rolled-back-from":
      return "a rollback there moved away from it";
    case "moved-back-from":
      return "a change there moved away from it, back to an earlier image (a revert, a hand edit)";
    case "blocked":
      return `it is blocked for app ${quote(blockedFor ?? app.name)}`;
    case "not-app-image":
      return `it is not an image of app ${quote(app.name)} (${quote(appImageName(app))}) as ferry.yaml names it now`;
  }
}
function skippedLines(result, app) {
  return result.skipped.map((s) => `skipped ${describeSkipped(s)} (in place after ${s.commit.slice(0, 12)}): ${skippedWhy(s, app)}`);
}
function movedAwayFrom(history) {
  const seq = [...history].reverse();
  const first = /* @__PURE__ */ new Map();
  const last = /* @__PURE__ */ new Map();
  const moved = /* @__PURE__ */ new Map();
  seq.forEach((e, i) => {
    const to = digestOf(e.image);
    const from = i > 0 ? digestOf(seq[i - 1].image) : to;
    const rollback = e.action === "rollback";
    const back = first.has(to) ? first.get(to) < first.get(from) : rollback;
    if (from !== to && back) {
      for (let j = (last.get(to) ?? i - 2) + 1; j < i; j++) {
        const away = digestOf(seq[j].image);
        if (rollback) moved.set(away, "rolled-back-from");
        else if (!moved.has(away)) moved.set(away, "moved-back-from");
      }
    }
    if (!first.has(to)) first.set(to, i);
    last.set(to, i);
  });
  return moved;
}
function chooseTarget(history, currentDigest, req, context = {}) {
  const pins = history.filter(isPinChange);
  const earlier = pins.filter((e) => digestOf(e.image) !== currentDigest);
  const { app } = context;
  if (req.to !== void 0) {
    const found = isGivenName(req.to) ? namedPin(history, currentDigest, req, req.to) : pinnedDigest(earlier, req, req.to);
    if (app && !isAppImage(found.image, app)) {
      throw new ConfigurationError({ field: "to", message: `${quote(req.to)} was pinned there as ${quote(found.image, 200)}, which is not an image of app ${quote(app.name)} (${quote(appImageName(app))}) as ferry.yaml names it now; nothing was changed` });
    }
    return { target: found, skipped: [] };
  }
  const steps = req.steps ?? 1;
  const moved = movedAwayFrom(pins);
  const seen = /* @__PURE__ */ new Set([currentDigest]);
  const skipped = [];
  let candidates = 0;
  for (const e of earlier) {
    const digest = digestOf(e.image);
    if (seen.has(digest)) continue;
    seen.add(digest);
    const entry = context.blocklist ? findBlocked(context.blocklist, req.app, digest) : void 0;
    const reason = app && !isAppImage(e.image, app) ? "not-app-image" : entry ? "blocked" : moved.get(digest);
    if (reason) skipped.push({ image: e.image, commit: e.commit, reason, ...reason === "blocked" && entry.app !== req.app ? { blockedFor: entry.app } : {} });
    else if (++candidates === steps) return { target: ferryPinOf(pins, digest) ?? e, skipped };
  }
  const n = candidates;
  const what = req.steps === void 0 && n === 0 ? `${quote(req.app)} in ${quote(req.env)} has no earlier image in its history to roll back to` : `${quote(req.app)} in ${quote(req.env)} has ${n} earlier image${n === 1 ? "" : "s"} in its history, not ${steps}`;
  throw new ConfigurationError({ ...req.steps !== void 0 ? { field: "steps" } : {}, message: what + notCounting(skipped, app ?? { name: req.app }) });
}
function isPinChange(e) {
  return e.otherChange === void 0;
}
function pinnedTag(e) {
  return imageParts(e.image).tag ?? e.recordedTag;
}
function pinnedDigest(earlier, req, to) {
  const want = isDigest(to) ? to : parseImageRef(to, "to").digest;
  const pins = earlier.filter((e) => digestOf(e.image) === want);
  const [latest] = pins;
  if (!latest) throw new ConfigurationError({ field: "to", message: `${quote(to)} was never pinned for ${quote(req.app)} in ${quote(req.env)} on this branch's line of history (or is what is pinned now)` });
  const tag = isDigest(to) ? void 0 : parseImageRef(to, "to").tag;
  if (tag === void 0) return ferryPinOf(pins, want) ?? latest;
  const found = pins.find((e) => pinnedTag(e) === tag);
  if (!found) {
    throw new ConfigurationError({ field: "to", message: `${quote(to)}: that digest was pinned as ${describePinned(latest.image)}, not with tag ${quote(tag)}; give its digest alone, or the tag it was pinned with` });
  }
  return found;
}
function ferryPinOf(pins, digest) {
  return pins.find((e) => isPinChange(e) && e.action !== "edit" && digestOf(e.image) === digest);
}
function isGivenName(to) {
  return !isDigest(to) && isTag(to);
}
function isCommitId(to) {
  return /^[0-9a-f]{7,64}$/i.test(to);
}
function describePin(e) {
  const tag = pinnedTag(e);
  return `${describeImage({ ...tag !== void 0 ? { tag } : {}, digest: digestOf(e.image) })}, pinned by commit ${e.commit.slice(0, 12)}`;
}
function namedPin(history, currentDigest, req, to) {
  const where = `${quote(req.app)} in ${quote(req.env)}`;
  const fail = (message) => {
    throw new ConfigurationError({ field: "to", message });
  };
  const pins = history.filter(isPinChange);
  const given = to.toLowerCase();
  const exact = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(given) ? pins.find((e) => e.commit === given) : void 0;
  const commits = exact ? [exact] : isCommitId(to) ? pins.filter((e) => e.commit.startsWith(given)) : [];
  if (commits.length > 1) fail(`${quote(to)} abbreviates ${commits.length} commits that pinned ${where}: ${commits.map(describePin).join("; ")}; give more of its hex digits, or the image's digest`);
  const tagged = [];
  for (const e of exact ? [] : pins) {
    if (pinnedTag(e) === to && !tagged.some((t) => digestOf(t.image) === digestOf(e.image))) tagged.push(e);
  }
  if (tagged.length > 1) fail(`tag ${quote(to)} was pinned for ${where} with ${tagged.length} digests: ${tagged.map(describePin).join("; ")}; give the digest of the one meant (sha256:…)`);
  const [commit] = commits;
  const [tag] = tagged;
  if (commit && tag && digestOf(commit.image) !== digestOf(tag.image)) {
    fail(`${quote(to)} is both a commit id and a tag, naming two images: commit ${commit.commit.slice(0, 12)} pinned ${describePinned(commit.image)}, and tag ${quote(to)} was pinned as ${describePin(tag)}; give the digest of the one meant (sha256:…)`);
  }
  const found = commit ?? tag;
  if (!found) {
    const others = isCommitId(to) ? history.filter((e) => e.otherChange !== void 0 && e.commit.startsWith(given)) : [];
    if (others.length) {
      fail(`${quote(to)} names ${others.map((e) => otherChangeText(history, e, where)).join("; and ")}; --to takes the id of a commit that pinned an image of ${where}, the tag it was pinned with, or its digest (ferry history --env ${req.env} --app ${req.app} lists them)`);
    }
    const commitToo = isCommitId(to) ? `, nor the id of a commit that pinned one there (one that changed its manifest on this branch's first-parent line)` : "";
    return fail(`${quote(to)} is no tag an image of ${where} was pinned with on this branch's line of history${commitToo}; --to takes the image (registry/repository[:tag]@sha256:<64 hex>), its digest (sha256:<64 hex>), the tag it was pinned with there, or the id of the commit that pinned it (ferry history --env ${req.env} --app ${req.app} lists them)`);
  }
  if (digestOf(found.image) === currentDigest) {
    fail(`${quote(to)} names ${commit ? `the image commit ${commit.commit.slice(0, 12)} pinned` : `the image tagged ${quote(to)}`}, ${describePinned(found.image)}, which is what is pinned now`);
  }
  return found;
}
function otherChangeText(history, e, where) {
  const by = history.slice(history.indexOf(e) + 1).find(isPinChange);
  return `commit ${e.commit.slice(0, 12)}, ${e.otherChange}, which changed the manifest of ${where} but not its pin: it left ${describePinned(by?.image ?? e.image)} in place${by ? `, pinned by commit ${by.commit.slice(0, 12)}` : ""}`;
}
function notCounting(skipped, app) {
  const list = (reason) => skipped.filter((s) => s.reason === reason).map(describeSkipped);
  const clauses = [];
  const rolled = list("rolled-back-from");
  const movedBack = list("moved-back-from");
  if (rolled.length) clauses.push(`not counting ${rolled.join(", ")}, which a rollback there moved away from`);
  if (movedBack.length) clauses.push(`not counting ${movedBack.join(", ")}, which a change there moved away from, back to an earlier image (a revert, a hand edit)`);
  if (rolled.length || movedBack.length) clauses.push("--to names one to go back to it all the same");
  const blocked = skipped.filter((s) => s.reason === "blocked");
  const blockedApps = [...new Set(blocked.map((s) => s.blockedFor ?? app.name))];
  if (blocked.length) clauses.push(`not counting ${blocked.map(describeSkipped).join(", ")}, blocked for app${blockedApps.length === 1 ? "" : "s"} ${blockedApps.map((a) => quote(a)).join(", ")}`);
  const foreign = list("not-app-image");
  if (foreign.length) {
    const named = app.registry !== void 0 && app.image !== void 0 ? ` (${quote(`${app.registry}/${app.image}`)})` : "";
    clauses.push(`not counting ${foreign.join(", ")}, not an image of app ${quote(app.name)}${named} as ferry.yaml names it now`);
  }
  return clauses.length ? ` (${clauses.join("; ")})` : "";
}
async function rollbackManifest(snapshot, req) {
  const config = await readConfig(snapshot);
  const environment = findEnvironment(config, req.env);
  const app = findApp(config, req.app);
  return { app, environment, path: manifestPath(app, req.env) };
}
async function currentPin(snapshot, req) {
  const { app, environment, path } = await rollbackManifest(snapshot, req);
  const before = await snapshot.readFile(path);
  if (before === void 0) throw new ConfigurationError({ file: path, message: `app ${quote(app.name)} has no manifest for environment ${quote(req.env)}` });
  const current = readPinnedImage(before, path, app.pin, appImageName(app));
  return { app, environment, path, before, current };
}
function recordedPin(trailers, env, app, digest) {
  const action = trailers.get("Ferry-Action")?.[0];
  if (!action || trailers.get("Ferry-Env")?.[0] !== env) return void 0;
  const apps = trailers.get("Ferry-App") ?? [];
  const images = trailers.get("Ferry-Image") ?? [];
  if (apps.length !== images.length) return void 0;
  const i = apps.findIndex((a, j) => a === app && digestOf(images[j]) === digest);
  return i < 0 ? void 0 : { action, image: images[i] };
}
function otherChangeOf(trailers) {
  const action = trailers.get("Ferry-Action")?.[0];
  if (!action) return "a change no Ferry trailers record (a hand edit, a revert or a merge)";
  const apps = trailers.get("Ferry-App") ?? [];
  const images = trailers.get("Ferry-Image") ?? [];
  const env = trailers.get("Ferry-Env")?.[0];
  const pinned = apps.map((a, i) => `${quote(a)}${images[i] !== void 0 && apps.length === images.length ? ` ${describePinned(images[i])}` : ""}`);
  return `a ferry ${action}${pinned.length ? ` of ${pinned.join(", ")}` : ""}${env !== void 0 ? ` in ${quote(env)}` : ""}`;
}
function pinTimeline(versions, env, app, path) {
  const pins = [];
  const oldest = versions[versions.length - 1];
  for (const v of versions) {
    const pinned = "pin" in v ? v.pin : versionPin(v.text, app, path);
    if (pinned === void 0) continue;
    const recorded = recordedPin(v.trailers, env, app.name, pinned.digest);
    const action = recorded?.action ?? (v === oldest && v.trailers.get("Ferry-Action")?.[0] === "init" ? "init" : "edit");
    const said = (key) => recorded ? v.trailers.get(key)?.[0] : void 0;
    const requestedBy = said("Ferry-Requested-By");
    const reason = said("Ferry-Reason");
    const blockedImage = said("Ferry-Blocked");
    const recordedTag = recorded && imageParts(pinned.image).tag === void 0 ? imageParts(recorded.image).tag : void 0;
    pins.push({
      pin: {
        commit: v.commit,
        date: v.date,
        action,
        env,
        app: app.name,
        image: pinned.image,
        ...requestedBy !== void 0 ? { requestedBy } : {},
        ...reason !== void 0 ? { reason } : {},
        ...blockedImage !== void 0 ? { blockedImage } : {},
        ...recordedTag !== void 0 ? { recordedTag } : {}
      },
      trailers: v.trailers
    });
  }
  pins.forEach(({ pin: p, trailers }, i) => {
    const older = pins[i + 1]?.pin;
    if (!older) return;
    p.previousImage = older.image;
    if (older.image === p.image && p.action === "edit") p.otherChange = otherChangeOf(trailers);
  });
  return pins.map((p) => p.pin);
}
function versionPin(text, app, path) {
  if (typeof text !== "string") return void 0;
  let pinned;
  try {
    pinned = readPinnedImage(text, path, app.pin, appImageName(app));
  } catch (error) {
    if (error instanceof ConfigurationError) return void 0;
    throw error;
  }
  return pinned.digest === void 0 ? void 0 : { image: detached(pinned.image), digest: detached(pinned.digest) };
}
function detached(value) {
  return JSON.parse(JSON.stringify(value));
}
function givenDigest(value, field) {
  return isDigest(value) ? value : parseImageRef(value, field).digest;
}
function describeGiven(value, history) {
  if (!isDigest(value)) return describePinned(value);
  const known = history.find((e) => digestOf(e.image) === value);
  return known ? describePinned(known.image) : shortDigest(value);
}
function pinnedBy(history, digest) {
  let by;
  for (const e of history) {
    if (digestOf(e.image) !== digest) break;
    by = e;
  }
  return by;
}
function describeCommit(e) {
  const who = e.action === "edit" ? "no Ferry trailers record this pin: a hand edit, a revert or a merge" : [`ferry ${e.action}`, e.requestedBy !== void 0 ? ` requested by ${quote(e.requestedBy)}` : ", no requester recorded", e.reason !== void 0 ? `, reason ${quote(e.reason, 200)}` : "", e.blockedImage ? `, blocking ${describePinned(e.blockedImage)}` : ""].join("");
  return `commit ${e.commit.slice(0, 12)} at ${utc(e.date)} (${who})`;
}
function pinMovedError(m) {
  const { req, app, history, blocklist } = m;
  const digest = digestOf(m.current);
  const expectedDigest = m.cause === "from" ? givenDigest(m.expected, "from") : digestOf(m.expected);
  const now = describePinned(m.current);
  const expected = describeGiven(m.expected, history);
  const where = `${app.name} in ${req.env}`;
  const lines = [m.cause === "moved" ? `${where} was pinned to ${now} by another writer while this rollback from ${expected}${m.intended ? ` to ${describePinned(m.intended)}` : ""} was being written; nothing written.` : `${where} pins ${now}, not ${expected} as --from says; nothing written.`];
  const unblocked = req.block === true && !findBlocked(blocklist, app.name, expectedDigest);
  const by = pinnedBy(history, digest);
  if (by) {
    const pinsIntended = m.intended !== void 0 && digestOf(m.intended) === digest;
    const fromExpected = by.action === "rollback" && by.previousImage !== void 0 && digestOf(by.previousImage) === expectedDigest;
    const what = fromExpected && pinsIntended ? `; it was itself the same rollback, from ${expected} to ${now}: ${unblocked ? "the rollback this one was to make is done, not its block" : "what this one was to do is done"}` : fromExpected ? `; it was itself a rollback from ${expected}, the image ${m.cause === "moved" ? "this rollback was rolling back from" : "--from names"}${m.cause === "from" ? ": that rollback has been made" : ""}` : by.action === "rollback" && by.previousImage !== void 0 ? `; it was itself a rollback from ${describePinned(by.previousImage)}` : pinsIntended ? "; that is the image this rollback was going to pin" : "";
    lines.push(`${now} was pinned by ${describeCommit(by)}${what}.`);
  }
  const again = { ...req };
  delete again.from;
  let next;
  try {
    const { target, skipped } = chooseTarget(history, digest, again, { app, blocklist });
    const blocked = findBlocked(blocklist, app.name, digestOf(target.image));
    if (blocked) throw new ConfigurationError(`${describePinned(target.image)} is blocked for app ${quote(blocked.app)}`);
    const block = req.block && !findBlocked(blocklist, app.name, digest);
    const backTo = digestOf(target.image) === expectedDigest ? ` (the very image ${m.cause === "moved" ? "this rollback was rolling back from" : "--from names"})` : "";
    next = `roll back from ${now} to ${describePinned(target.image)}${backTo}${block ? ` and block ${now}` : ""}${skipped.length ? ` (passing over ${skipped.map(describeSkipped).join(", ")})` : ""}`;
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    next = `be refused: ${error.message}`;
  }
  lines.push(`${m.cause === "moved" ? "Run again as it was" : "Run without --from"}, ferry rollback would now ${next}.`);
  if (m.cause === "moved" && unblocked) {
    lines.push(`${expected} is not blocked: ferry block blocks it without a rollback.`);
  }
  lines.push(`Look first: ferry status, and ferry history --env ${req.env} --app ${app.name}. To go to a chosen image, give --to <image>; --from ${digest} makes a rollback refuse unless ${now} is still the one pinned.`);
  return new RefusedError(lines.join("\n"));
}
function targetGoneError(m) {
  const { req, app, seen, history, blocklist } = m;
  const currentDigest = digestOf(seen.previousImage);
  const entry = findBlocked(blocklist, app.name, seen.digest);
  let choice;
  try {
    choice = chooseTarget(history, currentDigest, req, { app, blocklist });
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    choice = error;
  }
  if (!entry && !(choice instanceof ConfigurationError) && digestOf(choice.target.image) === seen.digest) return void 0;
  const passed = (choice instanceof ConfigurationError ? void 0 : choice.skipped.find((s) => digestOf(s.image) === seen.digest)) ?? passedOver(history, seen, app, req);
  const gone = !history.some((e) => isPinChange(e) && digestOf(e.image) === seen.digest);
  if (!entry && !passed && !gone && !(choice instanceof ConfigurationError)) return void 0;
  const from = describePinned(seen.previousImage);
  const to = describePinned(seen.image);
  const why = entry ? `is blocked now ${describeBlock(entry)}` : gone && !m.moved ? "is not in the history now" : passed ? `is passed over now: ${skippedWhy(passed, app)}` : "is not the image it would go back to now";
  const lines = [`${app.name} in ${req.env}: ${to}, the image this rollback from ${from} was going back to, ${why}; nothing written.`];
  if (m.moved) lines.push(`ferry.yaml names ${quote(m.moved.to)} as its manifest now, not ${quote(m.moved.from)} as when this rollback was planned; what was in place there is read from the history of ${quote(m.moved.to)}.`);
  let next;
  if (choice instanceof ConfigurationError) next = `be refused: ${choice.message}`;
  else {
    const blocked = findBlocked(blocklist, app.name, digestOf(choice.target.image));
    const block = req.block && !findBlocked(blocklist, app.name, currentDigest) ? ` and block ${from}` : "";
    next = blocked ? `be refused: ${describePinned(choice.target.image)} is blocked ${describeBlock(blocked)}` : `roll back from ${from} to ${describePinned(choice.target.image)}${block}${choice.skipped.length ? ` (passing over ${choice.skipped.map(describeSkipped).join(", ")})` : ""}`;
  }
  const as = req.to !== void 0 ? ` (--to ${req.to})` : ` (--steps ${req.steps ?? 1})`;
  lines.push(`Run again as it was${as}, ferry rollback would now ${next}.`);
  lines.push(`Look first: ferry status, and ferry history --env ${req.env} --app ${app.name}. To go to a chosen image, give --to <image>; --from ${currentDigest} makes a rollback refuse unless ${from} is still the one pinned.`);
  return new RefusedError(lines.join("\n"));
}
function passedOver(history, seen, app, req) {
  if (req.to !== void 0) return void 0;
  if (!isAppImage(seen.image, app)) return { reason: "not-app-image" };
  const moved = movedAwayFrom(history.filter(isPinChange)).get(seen.digest);
  return moved ? { reason: moved } : void 0;
}
async function comesBack(snapshot, environment, app, from) {
  const source = environment.promoteFrom;
  if (source === void 0) return void 0;
  const path = manifestPath(app, source);
  let pinned;
  try {
    const text = await snapshot.readFile(path);
    if (text === void 0) return void 0;
    pinned = readPinnedImage(text, path, app.pin, appImageName(app));
  } catch (error) {
    if (error instanceof ConfigurationError) return void 0;
    throw error;
  }
  if (pinned.digest !== from.digest) return void 0;
  const image = describeImage({ ...from.tag ? { tag: from.tag } : {}, digest: from.digest });
  return `${source} still pins ${image}, the image rolled back from: the next ferry promote from ${source} to ${environment.name} (a scheduled auto-promote too) brings it back; --block blocks it (blocked.yaml) so that no promotion or bump pins it again until ferry unblock`;
}
function handPinsOf(history, digest) {
  const pins = history.filter((e) => isPinChange(e) && digestOf(e.image) === digest);
  if (pins.some((e) => e.action !== "edit")) return [];
  return pins.filter((e) => e.previousImage !== void 0 && digestOf(e.previousImage) !== digest);
}
function firstPinsOf(history, digest) {
  const pins = history.filter((e) => isPinChange(e) && digestOf(e.image) === digest);
  if (pins.some((e) => e.action !== "edit" || e.previousImage !== void 0 && digestOf(e.previousImage) !== digest)) return [];
  return pins.filter((e) => e.previousImage === void 0);
}
function skippedStageWarning(result, source, commits) {
  const named = commits.slice(0, 3).map((c) => c.slice(0, 12)).join(", ") + (commits.length > 3 ? ` and ${commits.length - 3} more` : "");
  return `${describePinned(result.image)}, the image this rollback goes back to, was in ${result.env} only as the first pin of its manifest (commit${commits.length === 1 ? "" : "s"} ${named}, without Ferry trailers), and no Ferry commit ever pinned it in ${source}, which ${result.env} is promoted from: a rollback checks no gate, so ferry audit reports this rollback (skipped-stage); --to an image a Ferry commit pinned there goes back to one that did (ferry history --env ${result.env} --app ${result.app} lists them)`;
}
function handOnlyWarning(result, commits) {
  const named = commits.slice(0, 3).map((c) => c.slice(0, 12)).join(", ") + (commits.length > 3 ? ` and ${commits.length - 3} more` : "");
  return `${describePinned(result.image)}, the image this rollback goes back to, was pinned in ${result.env} only by hand (commit${commits.length === 1 ? "" : "s"} ${named}, without Ferry trailers), never by a Ferry commit: nothing records who pinned it there or which gates it passed, and a rollback checks none, so ferry audit reports this rollback; --to an image a Ferry commit pinned there goes back to one that did (ferry history --env ${result.env} --app ${result.app} lists them)`;
}
async function planRollback(snapshot, history, req) {
  checkRollbackRequest(req);
  const { app, environment, path, before, current } = await currentPin(snapshot, req);
  if (req.to !== void 0 && !isDigest(req.to) && !isGivenName(req.to)) assertImageForApp(parseImageRef(req.to, "to"), app, "to");
  if (req.from !== void 0 && !isDigest(req.from)) assertImageForApp(parseImageRef(req.from, "from"), app, "from");
  if (current.digest === void 0 && req.fromDigestOnly) {
    throw new ConfigurationError({ file: path, message: `${quote(app.name)} is not pinned by digest in ${quote(req.env)} (${quote(current.image, 300)}: a tag alone, as an image automation bot writes it): the rollback action binds the rollback its reviewers approve to the digest rolled back from, and there is none; roll back with the CLI (ferry rollback, which rolls back from the pin as the file holds it), or pin a digest there first` });
  }
  if (current.digest === void 0 && req.block) {
    throw new ConfigurationError({ file: path, field: "block", message: `${quote(app.name)} is pinned by tag alone in ${quote(req.env)} (${quote(current.image, 300)}): no digest to block; roll back without --block, and block a digest with ferry block --image <image>@sha256:…` });
  }
  const blocklist = await readBlocklist(snapshot);
  if (req.from !== void 0 && givenDigest(req.from, "from") !== current.digest) {
    throw pinMovedError({ req, app, cause: "from", expected: req.from, current: current.image, history, blocklist });
  }
  const { target, skipped } = chooseTarget(history, current.digest ?? "", req, { app, blocklist });
  const ref = parseImageRef(target.image, "to");
  assertImageForApp(ref, app, "to");
  assertNotBlocked(blocklist, app.name, target.image, ref.digest);
  const edit = pinImage(before, path, app.pin, ref);
  await assertPinsDeployed(snapshot, [{ app, file: path, text: edit.text }]);
  const files = [{ path, content: edit.text }];
  let diff = fileDiff(path, before, edit.text);
  const currentImage = current.image;
  let blocked = false;
  const already = req.block && current.digest !== void 0 ? findBlocked(blocklist, app.name, current.digest) : void 0;
  if (req.block && current.digest !== void 0 && !already) {
    const entry = { app: app.name, digest: current.digest, image: currentImage, reason: req.reason, ...req.requestedBy ? { by: req.requestedBy } : {} };
    const listed = await snapshot.readFile(BLOCKLIST_FILE);
    const content = addBlocked(listed, entry, req.now?.() ?? /* @__PURE__ */ new Date());
    files.push({ path: BLOCKLIST_FILE, content });
    diff += fileDiff(BLOCKLIST_FILE, listed ?? "", content);
    blocked = true;
  }
  const elsewhere = req.block && current.digest !== void 0 ? await stillPinned(snapshot, await readConfig(snapshot), app, current.digest, req.env) : void 0;
  const warning = current.digest === void 0 ? `${app.name} in ${req.env} was pinned by tag alone (${current.image}), not by digest: rolled back from it as the file held it` : req.block || findBlocked(blocklist, app.name, current.digest) ? void 0 : await comesBack(snapshot, environment, app, { ...current, digest: current.digest });
  const image = formatImageRef(ref);
  const to = { commit: target.commit, date: target.date, action: target.action, image: target.image };
  const result = {
    env: req.env,
    app: app.name,
    image,
    digest: ref.digest,
    previousImage: currentImage,
    to,
    skipped,
    blocked,
    manifest: path,
    diff,
    ...warning !== void 0 ? { warning } : {},
    ...already ? { alreadyBlocked: { app: already.app, reason: already.reason, ...already.by !== void 0 ? { by: already.by } : {}, ...already.at !== void 0 ? { at: already.at } : {} } } : {},
    ...elsewhere ? { stillPinned: elsewhere.pinned } : {},
    ...elsewhere?.unreadable.length ? { unreadable: elsewhere.unreadable } : {}
  };
  const trailers = [
    ["Ferry-Action", "rollback"],
    ["Ferry-Env", req.env],
    ["Ferry-App", app.name],
    ["Ferry-Image", image],
    ["Ferry-Previous-Image", currentImage],
    ["Ferry-Rollback-To", target.commit]
  ];
  if (blocked) trailers.push(["Ferry-Blocked", currentImage]);
  if (req.reason) trailers.push(["Ferry-Reason", req.reason]);
  if (req.requestedBy) trailers.push(["Ferry-Requested-By", req.requestedBy]);
  if (req.runUrl) trailers.push(["Ferry-Run", req.runUrl]);
  const subject = fitSubject([
    "rollback(",
    elidable(req.env),
    "): ",
    elidable(app.name),
    " ",
    ...subjectImage(ref),
    " from ",
    ...current.digest !== void 0 ? subjectImage({ ...current.tag ? { tag: current.tag } : {}, digest: current.digest }) : [elidable(current.tag ?? current.image)]
  ]);
  const message = commitMessage(subject, trailers);
  return { write: true, files, message, result };
}

// actions/src/entry/commands/rollback.ts
async function manifestVersions(repo, head, app, path) {
  return pinnedVersions(repo, await repo.pathChanges(head, [path]), app, path);
}
async function pinnedVersions(repo, changed, app, path) {
  const pins = await repo.readFileVersions(changed.map((c) => c.commit), path, (text) => versionPin(text, app, path));
  return changed.map((c, i) => ({ commit: c.commit, date: c.date, trailers: c.trailers, pin: pins[i] }));
}
async function versionsAt(repo, known, head, app, path) {
  if (path === known.path && sameReading(app, known.app)) {
    const since = new Map((await repo.log(head, [known.head])).map((c) => [c.commit, c]));
    const line = [];
    let at = head;
    for (; at !== void 0 && since.has(at); at = since.get(at).parents?.[0]) line.push(at);
    if (at === known.head) {
      const newer = await pinnedVersions(repo, await repo.changesIn(line, [path]), app, path);
      return { head, app, path, versions: [...newer, ...known.versions] };
    }
  }
  return { head, app, path, versions: await manifestVersions(repo, head, app, path) };
}
function sameReading(a, b) {
  return JSON.stringify([a.registry, a.image, a.pin]) === JSON.stringify([b.registry, b.image, b.pin]);
}
async function handOnly(repo, head, history, result, source) {
  if (result.to.action !== "edit") return result;
  const pins = handPinsOf(history, result.digest);
  const firsts = source !== void 0 && !pins.length ? firstPinsOf(history, result.digest) : [];
  if (!pins.length && !firsts.length) return result;
  const log = await repo.log(head);
  const ferry = pinEvents(log).filter((p) => PIN_ACTIONS.has(p.action) && p.app === result.app && imageParts(p.image).digest === result.digest);
  if (ferry.some((p) => p.env === result.env)) return result;
  if (!pins.length && ferry.some((p) => p.env === source)) return result;
  const parents = new Map(log.map((c) => [c.commit, c.parents?.length ?? 0]));
  const edits = (pins.length ? pins : firsts).filter((e) => (parents.get(e.commit) ?? 0) <= 1);
  const configs = await repo.readFilesAt(edits.map((e) => ({ commit: e.commit, path: CONFIG_FILE })));
  const guarded = await Promise.all(configs.map(async (text) => {
    if (text === void 0) return false;
    try {
      if (text instanceof ConfigurationError) throw text;
      const config = await parseConfig(text, CONFIG_FILE, { historic: true });
      return config.environments.some((e) => e.name === result.env) && config.apps.some((a) => {
        try {
          return manifestPath(a, result.env) === result.manifest;
        } catch {
          return false;
        }
      });
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      return true;
    }
  }));
  const commits = edits.filter((_, i) => guarded[i]).map((e) => e.commit);
  if (!commits.length) return result;
  const warning = pins.length ? handOnlyWarning(result, commits) : skippedStageWarning(result, source, commits);
  return { ...result, warning: [result.warning, warning].filter(Boolean).join("; ") };
}
async function runRollback(given) {
  const options = { ...given, ...given.to !== void 0 ? { to: givenImage(given.to) } : {}, ...given.from !== void 0 ? { from: givenImage(given.from) } : {} };
  checkRollbackRequest(options);
  const phase = options.phase ?? (() => {
  });
  phase("Read the env repo and its history");
  let cloneWarning;
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE, BLOCKLIST_FILE], progress: options.progress, warn: (w) => cloneWarning = w });
  try {
    const common = { repo: redactUrl(repo.url), branch: options.branch };
    const warned = (result) => cloneWarning === void 0 ? result : { ...result, warning: [cloneWarning, result.warning].filter(Boolean).join("; ") };
    const first = await repo.head();
    const { app, path } = await rollbackManifest(first, options);
    let known = { head: first.commit, app, path, versions: await manifestVersions(repo, first.commit, app, path) };
    const historyAt = async (snapshot) => {
      if (snapshot.commit !== known.head) {
        const now = await rollbackManifest(snapshot, options);
        known = await versionsAt(repo, known, snapshot.commit, now.app, now.path);
      }
      return pinTimeline(known.versions, options.env, known.app, known.path);
    };
    const report = (result) => {
      for (const line of skippedLines(result, known.app)) options.progress?.(line);
    };
    if (options.dryRun) {
      phase("Plan the rollback");
      const history = await historyAt(first);
      const planned = await planRollback(first, history, options);
      report(planned.result);
      return { status: "planned", ...common, commit: first.commit, attempts: 1, ...warned(await handOnly(repo, first.commit, history, planned.result, (await rollbackManifest(first, options)).environment.promoteFrom)) };
    }
    let seen;
    let seenPath = path;
    const phases = writerPhases(phase, { plan: "Plan the rollback", write: "Commit with git and update the branch" });
    const outcome = await writeChange(repo, async (snapshot) => {
      phases.plan();
      const history = await historyAt(snapshot);
      if (seen) {
        const now = await currentPin(snapshot, options);
        const blocklist = await readBlocklist(snapshot);
        if (now.current.image !== seen.previousImage) {
          throw pinMovedError({ req: options, app: now.app, cause: "moved", expected: seen.previousImage, intended: seen.image, current: now.current.image, history, blocklist });
        }
        const gone = targetGoneError({ req: options, app: now.app, seen, history, blocklist, ...now.path !== seenPath ? { moved: { from: seenPath, to: now.path } } : {} });
        if (gone) throw gone;
      }
      const dated = { ...options, now: () => repo.committerDate() ?? options.now?.() ?? /* @__PURE__ */ new Date() };
      let planned = await planRollback(snapshot, history, dated);
      if (seen && planned.result.digest !== seen.digest) planned = await planRollback(snapshot, history, { ...dated, steps: void 0, to: seen.digest });
      if (!seen) {
        seen = planned.result;
        seenPath = known.path;
      }
      planned = { ...planned, result: await handOnly(repo, snapshot.commit, history, planned.result, (await rollbackManifest(snapshot, options)).environment.promoteFrom) };
      if (planned.write) phases.write();
      return planned;
    }, {
      onRetry: reportRetries(options.progress)
    });
    report(outcome.result);
    const output = { status: "succeeded", ...common, commit: outcome.commit, attempts: outcome.attempts, ...warned(outcome.result) };
    const blocked = options.block ? imageParts(outcome.result.previousImage).digest : void 0;
    if (blocked) {
      phase("Look for proposals of the digest blocked");
      Object.assign(output, await proposalsOf(repo, blocked, options.progress));
    }
    return output;
  } catch (error) {
    if (cloneWarning !== void 0) printWarning(cloneWarning);
    throw error;
  } finally {
    await repo.close();
  }
}
export {
  runRollback,
  stillPinnedText,
  unreadableText
};
