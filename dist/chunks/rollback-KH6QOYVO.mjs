import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  writerPhases
} from "./chunk-YXNVHXFY.mjs";
import {
  fileDiff,
  pinImage,
  readPinnedImage
} from "./chunk-YMSYKZB4.mjs";
import {
  addBlocked,
  assertNotBlocked,
  findBlocked,
  readBlocklist
} from "./chunk-JWCDNOST.mjs";
import "./chunk-C4OZCMLB.mjs";
import {
  readConfig
} from "./chunk-7E5F4IVN.mjs";
import {
  assertImageForApp,
  findApp,
  findEnvironment
} from "./chunk-6NXX7UL6.mjs";
import {
  pinEvents
} from "./chunk-FNEGFLRF.mjs";
import {
  BLOCKLIST_FILE,
  CONFIG_FILE
} from "./chunk-SQUNSH5E.mjs";
import {
  manifestPath
} from "./chunk-WWGQICJ5.mjs";
import {
  GitEnvRepo
} from "./chunk-ROVVMRSP.mjs";
import {
  reportRetries,
  writeChange
} from "./chunk-4ZG5J63W.mjs";
import {
  redactUrl
} from "./chunk-BBO3HGUO.mjs";
import {
  assertSingleLine,
  commitMessage
} from "./chunk-AMYT7MCG.mjs";
import {
  describeImage,
  formatImageRef,
  imageParts,
  isDigest,
  parseImageRef
} from "./chunk-N3UI7WBC.mjs";
import {
  ConfigurationError,
  quote
} from "./chunk-TS73BHZN.mjs";
import "./chunk-U4EZ2NQP.mjs";
import "./chunk-WBKKXVG2.mjs";

// actions/src/core/rollback.ts
function checkRollbackRequest(req) {
  if (req.to !== void 0 && req.steps !== void 0) throw new ConfigurationError({ field: "to", message: "give --to or --steps, not both" });
  if (req.to !== void 0) checkTo(req.to);
  if (req.steps !== void 0 && (!Number.isInteger(req.steps) || req.steps < 1)) throw new ConfigurationError({ field: "steps", message: `expected a whole number of 1 or more, found ${req.steps}` });
  if (req.block && req.reason === void 0) throw new ConfigurationError({ field: "reason", message: "is required with --block (it is recorded with the blocked digest)" });
  if (req.reason !== void 0) assertSingleLine(req.reason, "reason", 500);
  if (req.requestedBy !== void 0) assertSingleLine(req.requestedBy, "requested-by", 200);
  if (req.runUrl !== void 0) assertSingleLine(req.runUrl, "run-url", 500);
}
function checkTo(to) {
  if (isDigest(to)) return;
  if (/^sha256:/i.test(to)) {
    const hex = to.slice("sha256:".length);
    const why = !to.startsWith("sha256:") ? "the algorithm is written 'sha256', in lowercase" : /[^0-9a-fA-F]/.test(hex) ? `${quote(hex)} is not all hex digits` : hex.length !== 64 ? `it has ${hex.length} hex digits, not 64` : "the hex digits must be lowercase";
    throw new ConfigurationError({ field: "to", message: `the digest ${quote(to)} is malformed (${why}); expected sha256: followed by 64 lowercase hex digits, or an image reference with one` });
  }
  parseImageRef(to, "to");
}
function digestOf(image) {
  return image.slice(image.lastIndexOf("@") + 1);
}
function describePinned(image) {
  const { tag } = imageParts(image);
  return describeImage({ ...tag ? { tag } : {}, digest: digestOf(image) });
}
function rolledBackFrom(history) {
  const bad = /* @__PURE__ */ new Set();
  for (const e of history) if (e.action === "rollback" && e.previousImage) bad.add(digestOf(e.previousImage));
  return bad;
}
function chooseTarget(history, currentDigest, req) {
  const earlier = history.filter((e) => digestOf(e.image) !== currentDigest);
  if (req.to !== void 0) {
    const want = isDigest(req.to) ? req.to : parseImageRef(req.to, "to").digest;
    const found = earlier.find((e) => digestOf(e.image) === want);
    if (!found) throw new ConfigurationError({ field: "to", message: `${quote(req.to)} was never pinned for ${quote(req.app)} in ${quote(req.env)} by a Ferry commit (or is what is pinned now)` });
    const tag = isDigest(req.to) ? void 0 : parseImageRef(req.to, "to").tag;
    const pinnedAs = earlier.filter((e) => digestOf(e.image) === want).map((e) => imageParts(e.image).tag);
    if (tag !== void 0 && !pinnedAs.includes(tag)) {
      throw new ConfigurationError({ field: "to", message: `${quote(req.to)}: that digest was pinned as ${describePinned(found.image)}, not with tag ${quote(tag)}; give its digest alone, or the tag it was pinned with` });
    }
    return found;
  }
  const steps = req.steps ?? 1;
  const bad = rolledBackFrom(history);
  const seen = /* @__PURE__ */ new Set();
  const candidates = [];
  const skipped = [];
  for (const e of earlier) {
    const digest = digestOf(e.image);
    if (seen.has(digest)) continue;
    seen.add(digest);
    (bad.has(digest) ? skipped : candidates).push(e);
  }
  const target = candidates[steps - 1];
  if (target) return target;
  const n = candidates.length;
  const what = req.steps === void 0 && n === 0 ? `${quote(req.app)} in ${quote(req.env)} has no earlier image in its history to roll back to` : `${quote(req.app)} in ${quote(req.env)} has ${n} earlier image${n === 1 ? "" : "s"} in its history, not ${steps}`;
  const why = skipped.length ? ` (not counting ${skipped.map((e) => describePinned(e.image)).join(", ")}, which a rollback there moved away from; --to names one to go back to it all the same)` : "";
  throw new ConfigurationError({ ...req.steps !== void 0 ? { field: "steps" } : {}, message: what + why });
}
async function planRollback(snapshot, history, req) {
  checkRollbackRequest(req);
  const config = await readConfig(snapshot);
  findEnvironment(config, req.env);
  const app = findApp(config, req.app);
  if (req.to !== void 0 && !isDigest(req.to)) assertImageForApp(parseImageRef(req.to, "to"), app, "to");
  const path = manifestPath(app, req.env);
  const before = await snapshot.readFile(path);
  if (before === void 0) throw new ConfigurationError({ file: path, message: `app ${quote(app.name)} has no manifest for environment ${quote(req.env)}` });
  const current = readPinnedImage(before, path, app.pin, `${app.registry}/${app.image}`);
  if (!current.digest) throw new ConfigurationError({ file: path, message: `${quote(app.name)} is not pinned by digest in ${quote(req.env)}: nothing to roll back from` });
  const target = chooseTarget(history, current.digest, req);
  const ref = parseImageRef(target.image, "to");
  const blocklist = await readBlocklist(snapshot);
  assertNotBlocked(blocklist, app.name, target.image, ref.digest);
  const edit = pinImage(before, path, app.pin, ref);
  const files = [{ path, content: edit.text }];
  const currentImage = current.image;
  let blocked = false;
  if (req.block && !findBlocked(blocklist, app.name, current.digest)) {
    const entry = { app: app.name, digest: current.digest, image: currentImage, reason: req.reason, ...req.requestedBy ? { by: req.requestedBy } : {} };
    files.push({ path: BLOCKLIST_FILE, content: addBlocked(await snapshot.readFile(BLOCKLIST_FILE), entry, req.now?.() ?? /* @__PURE__ */ new Date()) });
    blocked = true;
  }
  const image = formatImageRef(ref);
  const result = {
    env: req.env,
    app: app.name,
    image,
    digest: ref.digest,
    previousImage: currentImage,
    from: target,
    blocked,
    manifest: path,
    diff: fileDiff(path, before, edit.text)
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
  const message = commitMessage(`rollback(${req.env}): ${app.name} ${describeImage(ref)} from ${describeImage({ ...current.tag ? { tag: current.tag } : {}, digest: current.digest })}`, trailers);
  return { write: true, files, message, result };
}

// actions/src/entry/commands/rollback.ts
async function pinHistory(repo, head, env, app) {
  const log = await repo.log(head);
  const events = pinEvents(log).filter((e) => e.env === env && e.app === app);
  const oldest = events.at(-1);
  const parent = oldest && log[log.findIndex((e) => e.commit === oldest.commit) + 1];
  if (oldest?.previousImage?.includes("@sha256:") && parent) events.push({ commit: parent.commit, date: parent.date, action: "before", env, app, image: oldest.previousImage });
  return events;
}
async function runRollback(options) {
  checkRollbackRequest(options);
  const phase = options.phase ?? (() => {
  });
  phase("Read the env repo and its history");
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE, BLOCKLIST_FILE], progress: options.progress });
  try {
    const common = { repo: redactUrl(repo.url), branch: options.branch };
    const first = await repo.head();
    const history = await pinHistory(repo, first.commit, options.env, options.app);
    if (options.dryRun) {
      phase("Plan the rollback");
      const planned = await planRollback(first, history, options);
      return { status: "planned", ...common, commit: first.commit, attempts: 1, ...planned.result };
    }
    let seen;
    const phases = writerPhases(phase, { plan: "Plan the rollback", write: "Commit with git and update the branch" });
    const outcome = await writeChange(repo, async (snapshot) => {
      phases.plan();
      const planned = await planRollback(snapshot, history, options);
      seen ??= planned.result.previousImage;
      if (planned.result.previousImage !== seen) {
        throw new Error(`${options.app} in ${options.env} was pinned to ${planned.result.previousImage} by another writer while rolling back from ${seen}; nothing written: run ferry rollback again`);
      }
      if (planned.write) phases.write();
      return planned;
    }, {
      onRetry: reportRetries(options.progress)
    });
    return { status: "succeeded", ...common, commit: outcome.commit, attempts: outcome.attempts, ...outcome.result };
  } finally {
    await repo.close();
  }
}
export {
  runRollback
};
