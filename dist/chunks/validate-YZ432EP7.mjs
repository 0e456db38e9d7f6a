import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  validateEnvRepo
} from "./chunk-UA2G4WEF.mjs";
import "./chunk-WOWYEFK7.mjs";
import "./chunk-R25FGS7W.mjs";
import "./chunk-G5PGU2DW.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-RC6YRSWN.mjs";
import "./chunk-DP2FYMJI.mjs";
import "./chunk-FI3BOLYZ.mjs";
import "./chunk-7XSYBDJB.mjs";
import {
  BLOCKLIST_FILE,
  CONFIG_FILE
} from "./chunk-WLNABMU4.mjs";
import "./chunk-HUV67FXE.mjs";
import "./chunk-FU3D23PY.mjs";
import "./chunk-GCW53TBV.mjs";
import "./chunk-OMY62W6B.mjs";
import "./chunk-C4OZCMLB.mjs";
import {
  GitEnvRepo,
  GitError,
  decodeText,
  linkOnTheWay,
  notARegularFile,
  runGit
} from "./chunk-3CADZCJ6.mjs";
import "./chunk-Y5AWOLN6.mjs";
import "./chunk-ONOTEMMT.mjs";
import {
  redactUrl
} from "./chunk-BMJHM4QJ.mjs";
import "./chunk-3GGGTSVW.mjs";
import "./chunk-QNVVFN4A.mjs";
import {
  ConfigurationError,
  quote
} from "./chunk-XB4RJEDM.mjs";
import "./chunk-LPCDH46Z.mjs";
import "./chunk-WBKKXVG2.mjs";

// actions/src/adapters/worktree-snapshot.ts
import { constants } from "node:fs";
import { lstat, open, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
var WorktreeSnapshot = class _WorktreeSnapshot {
  constructor(path, gitCheckout, head) {
    this.path = path;
    this.gitCheckout = gitCheckout;
    this.commit = head ?? "";
  }
  /** HEAD of the checkout, or '' when the directory is in none (the interface's commit is a string). */
  commit;
  /**
   * Every path asked for that stays in the directory, what `modified` compares: a file read, one
   * not there, and one refused (a tracked file made a symbolic link or a directory is a change,
   * as is a directory on its way made a link: git names each path, and follows no link).
   */
  read = /* @__PURE__ */ new Set();
  /** The snapshot of directory `dir` (ConfigurationError naming `field` when it is none). */
  static async open(dir, field = "--worktree") {
    let path;
    try {
      path = await realpath(dir);
      if (!(await stat(path)).isDirectory()) throw new Error("not a directory");
    } catch (error) {
      throw new ConfigurationError({ field, message: `expected a directory (a checkout of the env repo), found ${quote(dir)}: ${error.message}` });
    }
    const inside = await git(path, ["rev-parse", "--is-inside-work-tree"]).catch((error) => {
      if (error instanceof GitError && /not a git repository/i.test(error.message)) return "false";
      throw error;
    });
    if (inside !== "true") return new _WorktreeSnapshot(path, false, void 0);
    const head = await git(path, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]).catch(() => void 0);
    return new _WorktreeSnapshot(path, true, head || void 0);
  }
  async readFile(path) {
    const text = (await this.readFilesReporting([path])).get(path);
    if (text instanceof ConfigurationError) throw text;
    return text;
  }
  /**
   * Each file's text, undefined where there is none, or the ConfigurationError that kept it from
   * being read. In a git checkout, a file git ignores and does not track is none: committing the
   * directory would leave it out.
   */
  async readFilesReporting(paths) {
    const out = /* @__PURE__ */ new Map();
    await Promise.all([...new Set(paths)].map(async (p) => {
      try {
        out.set(p, await this.readOne(p));
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
        out.set(p, error);
      }
    }));
    for (const p of await this.ignored([...out].filter(([p2, v]) => v !== void 0 && this.read.has(p2)).map(([p2]) => p2))) out.set(p, void 0);
    return new Map(paths.map((p) => [p, out.get(p)]));
  }
  /** Those of `paths` that git ignores and does not track, in a git checkout (none elsewhere). */
  async ignored(paths) {
    if (!this.gitCheckout || paths.length === 0) return /* @__PURE__ */ new Set();
    const specs = paths.map((p) => `:(literal)${p}`);
    const listed = await runGit(["ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--", ...specs], { cwd: this.path, what: `list the files of ${this.path} git ignores` });
    return new Set(listed.stdout.toString("utf8").split("\0").filter(Boolean));
  }
  /** What validate reports of the directory: with a head, whether the files it read differ from it. */
  async info() {
    if (!this.gitCheckout || !this.commit) return { path: this.path };
    return { path: this.path, head: this.commit, modified: await this.modified() };
  }
  async readOne(path) {
    const segments = path.split("/");
    if (segments.some((s) => s === "" || s === "." || s === ".." || s.includes("\\") || s.includes("\0"))) {
      throw new ConfigurationError({ file: path, message: `is not a path inside the directory validated (${this.path}): Ferry reads only files of the env repo` });
    }
    this.read.add(path);
    let at = this.path;
    for (const [i, segment] of segments.entries()) {
      at = join(at, segment);
      const info = await lstat(at).catch((error) => {
        if (error.code === "ENOENT" || error.code === "ENOTDIR") return void 0;
        throw error;
      });
      if (!info) break;
      const last = i === segments.length - 1;
      if (info.isSymbolicLink()) {
        if (last) throw notARegularFile(path, "a symbolic link");
        throw linkOnTheWay(path, segments.slice(0, i + 1).join("/"));
      }
      if (!last) {
        if (!info.isDirectory()) return void 0;
        continue;
      }
      if (info.isDirectory()) throw notARegularFile(path, "a directory");
      if (!info.isFile()) throw new ConfigurationError({ file: path, message: "is not a regular file (Ferry reads and pins only regular files)" });
    }
    let bytes;
    try {
      const file = await open(at, constants.O_RDONLY | constants.O_NOFOLLOW);
      try {
        bytes = await file.readFile();
      } finally {
        await file.close();
      }
    } catch (error) {
      const code = error.code;
      if (code === "ENOENT" || code === "ENOTDIR") return void 0;
      if (code === "ELOOP") throw notARegularFile(path, "a symbolic link");
      throw error;
    }
    return decodeText(bytes, path);
  }
  /** Whether a file read differs from HEAD: changed or deleted (git diff), or not in HEAD (untracked, not ignored). */
  async modified() {
    const specs = [...this.read].sort().map((p) => `:(literal)${p}`);
    if (specs.length === 0) return false;
    const changed = await runGit(["diff", "--quiet", "--no-ext-diff", "HEAD", "--", ...specs], { cwd: this.path, what: `compare ${this.path} with HEAD` }).then(() => false, (error) => {
      if (error instanceof GitError && error.exitCode === 1) return true;
      throw error;
    });
    if (changed) return true;
    const others = await runGit(["ls-files", "-z", "--others", "--exclude-standard", "--", ...specs], { cwd: this.path, what: `list the files of ${this.path} not in HEAD` });
    return others.stdout.length > 0;
  }
};
async function git(cwd, args) {
  return (await runGit(args, { cwd, what: `read the git checkout of ${cwd}` })).stdout.toString("utf8").trim();
}

// actions/src/entry/commands/validate.ts
async function runValidate(options) {
  const phase = options.phase ?? (() => {
  });
  if ("worktree" in options) {
    phase("Read the files of the directory");
    const snapshot = await WorktreeSnapshot.open(options.worktree);
    phase("Validate ferry.yaml and every pinned manifest");
    const result = await validateEnvRepo(snapshot, (paths) => snapshot.readFilesReporting(paths));
    const worktree = await snapshot.info();
    return { ...worktree.head ? { commit: worktree.head } : {}, worktree, ...result };
  }
  phase("Read the env repo");
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, readAhead: [CONFIG_FILE, BLOCKLIST_FILE] });
  try {
    const head = await repo.head();
    phase("Validate ferry.yaml and every pinned manifest");
    const result = await validateEnvRepo(head, (paths) => repo.readFilesReporting(head.commit, paths));
    return { repo: redactUrl(repo.url), branch: options.branch, commit: head.commit, ...result };
  } finally {
    await repo.close();
  }
}
function validatedWhere(result) {
  const w = result.worktree;
  if (!w) return `at ${(result.commit ?? "").slice(0, 12)}`;
  const head = w.head ? `HEAD ${w.head.slice(0, 12)}${w.modified ? ", with changes not committed" : ""}` : "not a git checkout with a commit";
  return `in the files of ${w.path} (${head})`;
}
export {
  runValidate,
  validatedWhere
};
