import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  writerPhases
} from "./chunk-J3W7RJDU.mjs";
import {
  BLOCKLIST_FILE,
  checkBlockRequest,
  planBlock
} from "./chunk-JRRACSAQ.mjs";
import {
  CONFIG_FILE
} from "./chunk-W5QR6EMP.mjs";
import "./chunk-EPINSCXR.mjs";
import "./chunk-Z23XBSUY.mjs";
import {
  GitEnvRepo,
  redactUrl
} from "./chunk-Y2YT5TPM.mjs";
import "./chunk-CH3IBD3Z.mjs";
import {
  reportRetries,
  writeChange
} from "./chunk-WNJDMP3Z.mjs";
import "./chunk-B3WWLTUJ.mjs";
import "./chunk-OIH5UBWA.mjs";

// actions/src/entry/commands/block.ts
async function runBlock(options) {
  checkBlockRequest(options);
  const phase = options.phase ?? (() => {
  });
  phase("Read the env repo");
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, readAhead: [CONFIG_FILE, BLOCKLIST_FILE] });
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
