import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  BLOCKLIST_FILE,
  checkBlockRequest,
  planBlock
} from "./chunk-R7GQBFSE.mjs";
import {
  CONFIG_FILE
} from "./chunk-W5QR6EMP.mjs";
import "./chunk-EPINSCXR.mjs";
import {
  GitEnvRepo,
  redactUrl
} from "./chunk-Y2YT5TPM.mjs";
import "./chunk-CH3IBD3Z.mjs";
import "./chunk-Z23XBSUY.mjs";
import {
  reportRetries,
  writeChange
} from "./chunk-WNJDMP3Z.mjs";
import "./chunk-B3WWLTUJ.mjs";
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
