import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  BLOCKLIST_FILE,
  checkBlockRequest,
  planBlock
} from "./chunk-FMEU7GBB.mjs";
import {
  CONFIG_FILE
} from "./chunk-YPPQFKLP.mjs";
import "./chunk-E6OFK3WR.mjs";
import {
  GitEnvRepo,
  redactUrl,
  reportRetries,
  writeChange
} from "./chunk-2XICRC36.mjs";
import "./chunk-HHUKJB4C.mjs";
import "./chunk-OIH5UBWA.mjs";

// actions/src/entry/commands/block.ts
async function runBlock(options) {
  checkBlockRequest(options);
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, readAhead: [CONFIG_FILE, BLOCKLIST_FILE] });
  try {
    const outcome = await writeChange(repo, (snapshot) => planBlock(snapshot, options), {
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
