import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  writerPhases
} from "./chunk-YXNVHXFY.mjs";
import {
  checkBlockRequest,
  planBlock
} from "./chunk-TUWCKX7Z.mjs";
import "./chunk-EGXJXH6I.mjs";
import "./chunk-F2J6ZCIT.mjs";
import "./chunk-X4O7VIGQ.mjs";
import "./chunk-JZFQQIBE.mjs";
import "./chunk-C4OZCMLB.mjs";
import {
  GitEnvRepo
} from "./chunk-SXZ5REL2.mjs";
import {
  reportRetries,
  writeChange
} from "./chunk-3POJQCYF.mjs";
import "./chunk-O4FZHKJY.mjs";
import {
  BLOCKLIST_FILE,
  CONFIG_FILE
} from "./chunk-WLNABMU4.mjs";
import {
  redactUrl
} from "./chunk-OSG537VB.mjs";
import {
  givenImage
} from "./chunk-Q662SBGV.mjs";
import "./chunk-RWAOTREE.mjs";
import "./chunk-3K55XSFB.mjs";
import "./chunk-WBKKXVG2.mjs";

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
    return { status: outcome.status, repo: redactUrl(repo.url), branch: options.branch, commit: outcome.commit, attempts: outcome.attempts, ...outcome.result };
  } finally {
    await repo.close();
  }
}
export {
  runBlock
};
