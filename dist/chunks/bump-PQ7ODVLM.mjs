import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  createTwoFilesPatch
} from "./chunk-XJYKXEFU.mjs";
import {
  pinImage
} from "./chunk-HW52TOZY.mjs";
import {
  writePhase,
  writerPhases
} from "./chunk-YXNVHXFY.mjs";
import {
  BLOCKLIST_FILE,
  assertNotBlocked,
  readBlocklist
} from "./chunk-QNMULGYB.mjs";
import {
  CONFIG_FILE,
  readConfig
} from "./chunk-T2Q7MTXX.mjs";
import {
  assertImageForApp,
  findApp,
  findEnvironment
} from "./chunk-AZWRHPSO.mjs";
import {
  manifestPath
} from "./chunk-JTYMPHCG.mjs";
import {
  changeBranch,
  checkDelivery,
  deliver
} from "./chunk-QLBJWKUK.mjs";
import "./chunk-C4OZCMLB.mjs";
import {
  GitEnvRepo,
  redactUrl
} from "./chunk-2HKW2H2D.mjs";
import {
  reportRetries
} from "./chunk-DI7RGCQB.mjs";
import {
  assertSingleLine,
  commitMessage
} from "./chunk-QK7ZGBS6.mjs";
import {
  describeImage,
  formatImageRef,
  parseImageRef
} from "./chunk-FDIDMGTW.mjs";
import {
  ConfigurationError
} from "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";

// actions/src/core/bump.ts
function checkBumpRequest(req) {
  const ref = parseImageRef(req.image, "image");
  if (req.sourceRevision !== void 0 && !/^[0-9a-f]{7,64}$/.test(req.sourceRevision)) {
    throw new ConfigurationError({ field: "source-revision", message: `expected a commit id (7 to 64 lowercase hex digits), found ${JSON.stringify(req.sourceRevision)}` });
  }
  if (req.requestedBy !== void 0) assertSingleLine(req.requestedBy, "requested-by", 200);
  if (req.runUrl !== void 0) {
    assertSingleLine(req.runUrl, "run-url", 500);
    if (!/^https?:\/\/\S+$/.test(req.runUrl)) throw new ConfigurationError({ field: "run-url", message: `expected an http(s) URL, found ${JSON.stringify(req.runUrl)}` });
  }
  return ref;
}
async function planBump(snapshot, req) {
  const ref = checkBumpRequest(req);
  const config = await readConfig(snapshot);
  findEnvironment(config, req.env);
  const app = findApp(config, req.app);
  assertImageForApp(ref, app, "image");
  assertNotBlocked(await readBlocklist(snapshot), app.name, formatImageRef(ref), ref.digest);
  const path = manifestPath(app, req.env);
  const before = await snapshot.readFile(path);
  if (before === void 0) {
    throw new ConfigurationError({ file: path, field: `apps[${config.apps.indexOf(app)}].manifest`, message: `app "${app.name}" pins its image in ${JSON.stringify(path)} for environment "${req.env}", but the env repo has no such file` });
  }
  const edit = pinImage(before, path, app.pin, ref);
  const image = formatImageRef(ref);
  const result = {
    env: req.env,
    app: app.name,
    image,
    digest: ref.digest,
    ...ref.tag !== void 0 ? { tag: ref.tag } : {},
    previousImage: edit.previous.image,
    manifest: path,
    diff: edit.changed ? createTwoFilesPatch(`a/${path}`, `b/${path}`, before, edit.text, void 0, void 0, { context: 3 }).replace(/^=+\n/, "") : ""
  };
  if (!edit.changed) return { write: false, result };
  const version = describeImage(ref);
  const trailers = [
    ["Ferry-Action", "bump"],
    ["Ferry-Env", req.env],
    ["Ferry-App", app.name],
    ["Ferry-Image", image]
  ];
  if (edit.previous.image) trailers.push(["Ferry-Previous-Image", edit.previous.image]);
  if (req.sourceRevision) trailers.push(["Ferry-Source-Revision", req.sourceRevision]);
  if (req.requestedBy) trailers.push(["Ferry-Requested-By", req.requestedBy]);
  if (req.runUrl) trailers.push(["Ferry-Run", req.runUrl]);
  const message = commitMessage(`bump(${req.env}): ${app.name} ${version}`, trailers);
  return { write: true, files: [{ path, content: edit.text }], message, result };
}

// actions/src/entry/commands/bump.ts
async function runBump(options) {
  checkBumpRequest(options);
  checkDelivery({ mode: options.mode, commitVia: options.commitVia, ...options.github ? { github: options.github } : {}, ...options.pullRequest?.autoMerge ? { autoMerge: options.pullRequest.autoMerge } : {} });
  const phase = options.phase ?? (() => {
  });
  phase("Read the env repo");
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, readAhead: [CONFIG_FILE, BLOCKLIST_FILE, `${options.env}/${options.app}/`] });
  try {
    const common = { repo: redactUrl(repo.url), branch: options.branch };
    if (options.dryRun) {
      const head = await repo.head();
      phase("Plan the pin");
      const planned = await planBump(head, options);
      return { status: planned.write ? "planned" : "skipped", ...common, commit: head.commit, attempts: 1, ...planned.result };
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
      ...outcome.pullRequestUrl ? { pullRequestUrl: outcome.pullRequestUrl, pullRequestNumber: outcome.pullRequestNumber } : {}
    };
    return { status: outcome.status, ...common, commit: outcome.commit, attempts: outcome.attempts, ...outcome.result, ...links };
  } finally {
    await repo.close();
  }
}
function bumpPullRequestBody(result) {
  return [
    `Ferry pins \`${result.image}\` for **${result.app}** in **${result.env}**.`,
    "",
    `Before: \`${result.previousImage || "(nothing pinned)"}\``,
    "",
    "```diff",
    result.diff.trimEnd(),
    "```",
    ""
  ].join("\n");
}
export {
  bumpPullRequestBody,
  runBump
};
