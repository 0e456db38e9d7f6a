import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  writePhase,
  writerPhases
} from "./chunk-YXNVHXFY.mjs";
import {
  changeBranch,
  checkDelivery,
  deliver,
  refusedProposal
} from "./chunk-BMWZ6UYQ.mjs";
import {
  checkBumpRequest
} from "./chunk-PLKHN6UG.mjs";
import "./chunk-6D5ADIK3.mjs";
import {
  GitEnvRepo,
  printWarning
} from "./chunk-SK2V36WJ.mjs";
import {
  code,
  fenced
} from "./chunk-372JGWAG.mjs";
import {
  reportRetries
} from "./chunk-TTKF36OU.mjs";
import "./chunk-C4EZRMXW.mjs";
import {
  BLOCKLIST_FILE,
  CONFIG_FILE
} from "./chunk-VVEEDHSD.mjs";
import {
  redactUrl
} from "./chunk-OSG537VB.mjs";
import {
  givenImage,
  imageParts
} from "./chunk-FD6ZWLQC.mjs";
import "./chunk-4TMDRVSR.mjs";
import "./chunk-VPQIS2RW.mjs";
import "./chunk-WBKKXVG2.mjs";

// actions/src/entry/commands/bump.ts
async function runBump(given) {
  const options = { ...given, image: givenImage(given.image) };
  checkBumpRequest(options);
  checkDelivery({ mode: options.mode, commitVia: options.commitVia, ...options.github ? { github: options.github } : {}, ...options.pullRequest?.autoMerge ? { autoMerge: options.pullRequest.autoMerge } : {} });
  const phase = options.phase ?? (() => {
  });
  phase("Read the env repo");
  let cloneWarning;
  const opening = GitEnvRepo.open({ repo: options.repo, branch: options.branch, readAhead: [CONFIG_FILE, BLOCKLIST_FILE, `${options.env}/${options.app}/`, `base/${options.app}/`], progress: options.progress, warn: (w) => cloneWarning = w });
  const planning = import("./bump-LPWZUEAX.mjs");
  planning.catch(() => {
  });
  const repo = await opening;
  try {
    repo.readHeadAhead();
    const { planBump } = await planning;
    const common = { repo: redactUrl(repo.url), branch: options.branch };
    const warned = (result) => cloneWarning === void 0 ? result : { ...result, warning: [cloneWarning, result.warning].filter(Boolean).join("; ") };
    if (options.dryRun) {
      const head = await repo.head();
      phase("Plan the pin");
      const planned = await planBump(head, options);
      return { status: planned.write ? "planned" : "skipped", ...common, commit: head.commit, attempts: 1, ...warned(planned.result) };
    }
    const phases = writerPhases(phase, { plan: "Plan the pin", write: writePhase(options.mode, options.commitVia) });
    const outcome = await deliver(repo, async (snapshot) => {
      phases.plan();
      const planned = await planBump(snapshot, options);
      if (planned.write) phases.write();
      return planned;
    }, {
      mode: options.mode ?? "push",
      commitVia: options.commitVia ?? "git",
      ...options.github ? { github: options.github } : {},
      branchName: (result) => changeBranch(result.env, result.app, result.digest),
      pullRequest: { ...options.pullRequest, body: bumpPullRequestBody },
      writeOptions: {
        ...options.writeOptions,
        ...options.maxAttempts !== void 0 ? { maxAttempts: options.maxAttempts } : {},
        onRetry: reportRetries(options.progress, options.maxAttempts)
      }
    });
    const links = {
      ...outcome.commitUrl ? { commitUrl: outcome.commitUrl } : {},
      ...outcome.pullRequestUrl ? { pullRequestUrl: outcome.pullRequestUrl, pullRequestNumber: outcome.pullRequestNumber } : {},
      ...outcome.notice ? { notice: outcome.notice } : {}
    };
    return { status: outcome.status, ...common, commit: outcome.commit, attempts: outcome.attempts, ...warned(outcome.result), ...links };
  } catch (error) {
    if (cloneWarning !== void 0) printWarning(cloneWarning);
    if (error instanceof Error && error.name === "RefusedError" && options.mode === "pull-request" && options.github) {
      const digest = imageParts(options.image).digest;
      const done = digest ? await refusedProposal(options.github, changeBranch(options.env, options.app, digest), options.branch, error.message).then((text) => text && `${error.message}; ${text}`, (failure) => failure.message) : void 0;
      if (done) error.message = done;
    }
    throw error;
  } finally {
    await repo.close();
  }
}
function bumpPullRequestBody(result) {
  return [
    `Ferry pins ${code(result.image)} for ${code(result.app)} in ${code(result.env)}.`,
    "",
    `Before: ${result.previousImage ? code(result.previousImage) : "(nothing pinned)"}`,
    "",
    fenced(result.diff, "diff"),
    ""
  ].join("\n");
}
export {
  bumpPullRequestBody,
  runBump
};
