import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  writerPhases
} from "./chunk-YXNVHXFY.mjs";
import {
  checkBlockRequest,
  planBlock
} from "./chunk-QUQHB5KY.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-ZHHVUBTS.mjs";
import "./chunk-S33P2QZ4.mjs";
import {
  BLOCKLIST_FILE,
  CONFIG_FILE
} from "./chunk-SQUNSH5E.mjs";
import "./chunk-CGSXFA5V.mjs";
import {
  GitEnvRepo
} from "./chunk-MCRZLVHB.mjs";
import {
  reportRetries,
  writeChange
} from "./chunk-4ZG5J63W.mjs";
import {
  redactUrl
} from "./chunk-BBO3HGUO.mjs";
import "./chunk-6UNUK4UJ.mjs";
import "./chunk-Y4D4ZDLF.mjs";
import "./chunk-G6QK43UO.mjs";
import "./chunk-AYK5X3UN.mjs";
import "./chunk-WBKKXVG2.mjs";

// actions/src/entry/commands/block.ts
async function runBlock(options) {
  checkBlockRequest(options);
  const phase = options.phase ?? (() => {
  });
  phase("Read the env repo");
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, readAhead: [CONFIG_FILE, BLOCKLIST_FILE], progress: options.progress });
  try {
    const phases = writerPhases(phase, { plan: `Plan the ${options.action}`, write: "Commit with git and update the branch" });
    const outcome = await writeChange(repo, async (snapshot) => {
      phases.plan();
      const planned = await planBlock(snapshot, options);
      if (planned.write) phases.write();
      return planned;
    }, {
      onRetry: reportRetries(options.progress)
    });
    return { status: outcome.status, repo: redactUrl(repo.url), branch: options.branch, commit: outcome.commit, attempts: outcome.attempts, ...outcome.result };
  } finally {
    await repo.close();
  }
}
export {
  runBlock
};
