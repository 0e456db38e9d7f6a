import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  GitError,
  assertBranchName,
  makeTempDir,
  removeTempDir,
  removedOnInterrupt,
  runGit
} from "./chunk-SK2V36WJ.mjs";
import "./chunk-TTKF36OU.mjs";
import {
  commitMessage
} from "./chunk-C4EZRMXW.mjs";
import "./chunk-OSG537VB.mjs";
import "./chunk-FD6ZWLQC.mjs";
import {
  ConfigurationError
} from "./chunk-4TMDRVSR.mjs";
import "./chunk-VPQIS2RW.mjs";
import "./chunk-WBKKXVG2.mjs";

// actions/src/entry/commands/init.ts
import { cp, mkdir, readdir, realpath, rm, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, parse, relative, resolve } from "node:path";
async function runInit(options) {
  if (options.dir.trim() === "") throw new ConfigurationError({ field: "dir", message: `expected the directory to make the repository in, found ${JSON.stringify(options.dir)}; nothing was written` });
  const given = resolve(options.dir);
  const existing = await stat(given).catch(() => void 0);
  if (existing && !existing.isDirectory()) {
    throw new ConfigurationError({ field: "dir", message: `${JSON.stringify(options.dir)} already exists and is not a directory; nothing was written` });
  }
  if (existing && (await readdir(given)).length > 0) {
    throw new ConfigurationError({ field: "dir", message: `${JSON.stringify(options.dir)} already exists and is not an empty directory; nothing was written` });
  }
  const dir = existing ? await realpath(given) : given;
  const branchOk = await runGit(["check-ref-format", `refs/heads/${options.branch}`], { cwd: parse(dir).root }).then(
    () => true,
    (error) => {
      if (!(error instanceof GitError) || error.exitCode === null) throw error;
      return false;
    }
  );
  if (!branchOk || options.branch.startsWith("-")) {
    throw new ConfigurationError({ field: "--branch", message: `expected a branch name git accepts, found ${JSON.stringify(options.branch)}; nothing was written` });
  }
  assertBranchName(options.branch, "--branch");
  if (options.branch === "HEAD") throw new ConfigurationError({ field: "--branch", message: 'expected a branch name, found "HEAD"; nothing was written' });
  const created = await makeDirs(dir, options.dir);
  const keep = created !== void 0 ? removedOnInterrupt(created) : void 0;
  try {
    return await initInto(dir, options);
  } catch (error) {
    if (created !== void 0) await rm(created, { recursive: true, force: true });
    else for (const name of await readdir(dir)) await rm(join(dir, name), { recursive: true, force: true });
    const { code, path } = error;
    if ((code === "EACCES" || code === "EPERM" || code === "EROFS") && (path === void 0 || isWithin(resolve(path), dir))) {
      throw new ConfigurationError({ field: "dir", message: `cannot write into ${JSON.stringify(options.dir)}: the system refused (${code}); nothing was written` });
    }
    throw error;
  } finally {
    keep?.();
  }
}
var PINNED_FOR_COMMIT = ["-c", "commit.gpgSign=false", "-c", "core.autocrlf=false", "-c", "core.safecrlf=false"];
function isWithin(path, dir) {
  const rel = relative(dir, path);
  return rel === "" || !rel.startsWith("..") && !isAbsolute(rel);
}
async function initInto(dir, options) {
  const message = commitMessage("init: Ferry environment repository", [["Ferry-Action", "init"]]);
  const identity = ["-c", "user.name=Ferry", "-c", "user.email=ferry@users.noreply.invalid"];
  const hasIdentity = await runGit(["var", "GIT_COMMITTER_IDENT"], { cwd: dir }).then(() => true, () => false);
  const committing = [...PINNED_FOR_COMMIT, ...hasIdentity ? [] : identity];
  if (options.bare) {
    await runGit(["init", "--quiet", "--bare", `--initial-branch=${options.branch}`, dir], { cwd: dir });
    const work = makeTempDir("ferry-init-");
    try {
      await cp(options.templateDir, work, { recursive: true });
      await runGit(["init", "--quiet", `--initial-branch=${options.branch}`], { cwd: work });
      await runGit([...PINNED_FOR_COMMIT, "add", "--all", "--force"], { cwd: work, what: "git add" });
      await runGit([...committing, "commit", "--quiet", "--no-verify", "-F", "-"], { cwd: work, input: Buffer.from(message), what: "git commit" });
      await runGit(["push", "--quiet", dir, `HEAD:refs/heads/${options.branch}`], { cwd: work });
    } finally {
      await removeTempDir(work);
    }
  } else {
    await cp(options.templateDir, dir, { recursive: true });
    await runGit(["init", "--quiet", `--initial-branch=${options.branch}`], { cwd: dir });
    await runGit(["config", "receive.denyCurrentBranch", "updateInstead"], { cwd: dir });
    await runGit([...PINNED_FOR_COMMIT, "add", "--all", "--force"], { cwd: dir, what: "git add" });
    await runGit([...committing, "commit", "--quiet", "--no-verify", "-F", "-"], { cwd: dir, input: Buffer.from(message), what: "git commit" });
  }
  const head = (await runGit(["rev-parse", `refs/heads/${options.branch}`], { cwd: dir })).stdout.toString().trim();
  return { status: "succeeded", dir, branch: options.branch, commit: head, bare: options.bare };
}
async function makeDirs(dir, given) {
  const missing = [];
  let at = dir;
  for (; !await stat(at).catch(() => void 0); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  const cannot = (why) => new ConfigurationError({ field: "dir", message: `cannot make ${JSON.stringify(given)}: ${why}; nothing was written` });
  if (!missing.includes(at) && !(await stat(at)).isDirectory()) throw cannot(`${JSON.stringify(at)} is not a directory`);
  for (const [i, path] of missing.entries()) {
    try {
      await mkdir(path);
    } catch (error) {
      if (i > 0) await rm(missing[0], { recursive: true, force: true });
      const code = error.code;
      if (code && ["ENOENT", "ENOTDIR", "EACCES", "EPERM", "EROFS", "EEXIST"].includes(code)) throw cannot(`the system refused to make ${JSON.stringify(path)} (${code})`);
      throw error;
    }
  }
  return missing[0];
}
export {
  runInit
};
