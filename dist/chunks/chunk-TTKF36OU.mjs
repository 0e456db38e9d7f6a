import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  ConfigurationError
} from "./chunk-4TMDRVSR.mjs";

// actions/src/core/env-repo-writer.ts
var NonFastForwardError = class extends Error {
  constructor(message, detail) {
    super(message);
    this.detail = detail;
    this.name = "NonFastForwardError";
  }
};
var RetriesExhaustedError = class extends Error {
  constructor(attempts, last) {
    super(`the branch kept moving: gave up after ${attempts} attempts (last: ${last.message}); another run may succeed${last.detail ? `
the last refusal: ${last.detail}` : ""}`);
    this.name = "RetriesExhaustedError";
  }
};
var defaultWriteOptions = { maxAttempts: 20, baseMs: 50, capMs: 15e3 };
function reportRetries(progress, maxAttempts = defaultWriteOptions.maxAttempts) {
  return (attempt, delay, error) => progress?.(`lost a race (${error.message}); recomputing on the new head in ${delay} ms (attempt ${attempt + 1} of ${maxAttempts})`);
}
function backoffCeiling(attempt, lastAttemptMs, baseMs, capMs) {
  return Math.min(capMs, Math.max(baseMs, lastAttemptMs) * 2 ** (attempt - 1));
}
function oneChangePerFile(planned) {
  if (!planned.write) return planned;
  const seen = /* @__PURE__ */ new Set();
  for (const { path } of planned.files) {
    if (seen.has(path)) throw new Error(`internal: the change gives ${path} more than once; one commit writes each file once, with every edit of it`);
    seen.add(path);
  }
  return planned;
}
async function writeChange(repo, computeChange, options = {}) {
  const compute = async (snapshot) => {
    try {
      return oneChangePerFile(await computeChange(snapshot));
    } catch (error) {
      if (error instanceof ConfigurationError) error.commit ??= snapshot.commit;
      throw error;
    }
  };
  const maxAttempts = Math.max(1, options.maxAttempts ?? defaultWriteOptions.maxAttempts);
  const baseMs = options.baseMs ?? defaultWriteOptions.baseMs;
  const capMs = options.capMs ?? defaultWriteOptions.capMs;
  const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => performance.now());
  const serialize = repo.serialize?.bind(repo) ?? ((f) => f(true));
  let ahead;
  if (repo.serialize) {
    const snapshot = await repo.head();
    const planned = await compute(snapshot);
    if (!planned.write) return { status: "skipped", commit: snapshot.commit, parent: snapshot.commit, attempts: 1, result: planned.result };
    ahead = { snapshot, planned };
  }
  for (let attempt = 1; ; attempt++) {
    let started = now();
    const outcome = await serialize(async (waited) => {
      started = now();
      const reuse = attempt === 1 && !waited ? ahead : void 0;
      const snapshot = reuse ? reuse.snapshot : await repo.head();
      const planned = reuse ? reuse.planned : await compute(snapshot);
      if (!planned.write) return { status: "skipped", commit: snapshot.commit, parent: snapshot.commit, attempts: attempt, result: planned.result };
      const commit = await repo.commit(snapshot.commit, planned.files, planned.message);
      try {
        const landed = await repo.push(commit);
        return { status: "succeeded", commit: typeof landed === "string" ? landed : commit, parent: snapshot.commit, attempts: attempt, result: planned.result };
      } catch (error) {
        if (error instanceof NonFastForwardError) return error;
        throw error;
      }
    });
    if (!(outcome instanceof NonFastForwardError)) return outcome;
    if (attempt >= maxAttempts) throw new RetriesExhaustedError(attempt, outcome);
    const delay = Math.floor(random() * backoffCeiling(attempt, now() - started, baseMs, capMs));
    options.onRetry?.(attempt, delay, outcome);
    await sleep(delay);
  }
}

export {
  NonFastForwardError,
  RetriesExhaustedError,
  defaultWriteOptions,
  reportRetries,
  backoffCeiling,
  oneChangePerFile,
  writeChange
};
