import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  writerPhases
} from "./chunk-YXNVHXFY.mjs";
import {
  blockedProposalText,
  blockedProposals
} from "./chunk-BMWZ6UYQ.mjs";
import {
  checkBlockRequest,
  planBlock
} from "./chunk-5BMCYQN7.mjs";
import {
  GitEnvRepo
} from "./chunk-SK2V36WJ.mjs";
import {
  reportRetries,
  writeChange
} from "./chunk-TTKF36OU.mjs";
import {
  BLOCKLIST_FILE,
  CONFIG_FILE
} from "./chunk-VVEEDHSD.mjs";
import {
  redactUrl
} from "./chunk-OSG537VB.mjs";
import {
  givenImage
} from "./chunk-FD6ZWLQC.mjs";

// actions/src/entry/commands/block.ts
async function runBlock(given) {
  const options = { ...given, image: givenImage(given.image) };
  checkBlockRequest(options);
  const phase = options.phase ?? (() => {
  });
  phase("Read the env repo");
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, readAhead: [CONFIG_FILE, BLOCKLIST_FILE], progress: options.progress, ...options.progress ? { warn: (w) => options.progress(`warning: ${w}`) } : {} });
  try {
    const phases = writerPhases(phase, { plan: `Plan the ${options.action}`, write: "Commit with git and update the branch" });
    const outcome = await writeChange(repo, async (snapshot) => {
      phases.plan();
      const planned = await planBlock(snapshot, { ...options, now: () => repo.committerDate() ?? options.now?.() ?? /* @__PURE__ */ new Date() });
      if (planned.write) phases.write();
      return planned;
    }, {
      onRetry: reportRetries(options.progress)
    });
    if (outcome.result.notice) options.progress?.(outcome.result.notice);
    const output = { status: outcome.status, repo: redactUrl(repo.url), branch: options.branch, commit: outcome.commit, attempts: outcome.attempts, ...outcome.result };
    if (options.action === "block") {
      phase("Look for proposals of the digest");
      Object.assign(output, await proposalsOf(repo, outcome.result.digest, options.progress));
    }
    return output;
  } finally {
    await repo.close();
  }
}
async function proposalsOf(repo, digest, progress) {
  try {
    const proposals = blockedProposals(await repo.proposalBranches(), digest);
    for (const p of proposals) progress?.(`warning: ${blockedProposalText(p)}`);
    return { proposals };
  } catch (error) {
    const why = error.message;
    progress?.(`warning: the digest is blocked, but the proposal branches (ferry/*) could not be read: ${why}; look for pull requests that pin ${digest} and close them, or turn their auto-merge off`);
    return { proposalsUnread: why };
  }
}

export {
  runBlock,
  proposalsOf
};
