import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  BLOCKLIST_FILE,
  checkBlockRequest,
  planBlock
} from "./chunk-3MRCRTT3.mjs";
import {
  GitEnvRepo,
  redactUrl,
  reportRetries,
  writeChange
} from "./chunk-NH3V2WCL.mjs";
import {
  CONFIG_FILE
} from "./chunk-S5K7F6KC.mjs";
import "./chunk-MY5OWULS.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-FDIDMGTW.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";

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
