import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  validateEnvRepo
} from "./chunk-GCRRQMQV.mjs";
import "./chunk-CDOKLMGQ.mjs";
import "./chunk-B7KVX5GV.mjs";
import "./chunk-JNCKD7W6.mjs";
import "./chunk-3NPFV6L2.mjs";
import "./chunk-KUUM52MP.mjs";
import "./chunk-MCDTKWYM.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-5BMCYQN7.mjs";
import "./chunk-736OWXYZ.mjs";
import "./chunk-QKVPLPRY.mjs";
import "./chunk-TWBHTREK.mjs";
import "./chunk-6XHYADCA.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-DP2FYMJI.mjs";
import {
  GitEnvRepo,
  GitError,
  decodeText,
  linkOnTheWay,
  makeTempDir,
  notARegularFile,
  removeTempDir,
  runGit,
  stopOnSignal,
  stopProcessTree
} from "./chunk-SK2V36WJ.mjs";
import "./chunk-TTKF36OU.mjs";
import "./chunk-FJ6XG4P3.mjs";
import "./chunk-C4EZRMXW.mjs";
import {
  BLOCKLIST_FILE,
  CONFIG_FILE
} from "./chunk-VVEEDHSD.mjs";
import "./chunk-6P7B2YDZ.mjs";
import {
  redactUrl
} from "./chunk-OSG537VB.mjs";
import "./chunk-FD6ZWLQC.mjs";
import {
  ConfigurationError,
  quote
} from "./chunk-4TMDRVSR.mjs";
import "./chunk-VPQIS2RW.mjs";
import "./chunk-WBKKXVG2.mjs";

// actions/src/entry/commands/validate.ts
import { join as join3 } from "node:path";

// actions/src/adapters/kustomize.ts
import { spawn } from "node:child_process";
import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, delimiter, isAbsolute, join, resolve } from "node:path";
var BUILD_TIMEOUT_S = 120;
var MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
var MAX_MESSAGE_CHARS = 1500;
var PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"];
function findKustomize(field, env = process.env, cwd = process.cwd()) {
  const given = env.FERRY_KUSTOMIZE;
  if (given !== void 0 && given !== "") {
    const path = isAbsolute(given) ? given : resolve(cwd, given);
    if (!isExecutableFile(path)) {
      throw new ConfigurationError({ field: "FERRY_KUSTOMIZE", message: `expected the path of a kustomize or kubectl executable, found ${quote(given)}: no executable file there` });
    }
    return { path, kind: /^kubectl/i.test(basename(path)) ? "kubectl" : "kustomize" };
  }
  for (const kind of ["kustomize", "kubectl"]) {
    const path = onPath(kind, env.PATH ?? "");
    if (path !== void 0) return { path, kind };
  }
  throw new ConfigurationError({
    field,
    message: "renders each kustomization with kustomize, and neither kustomize nor kubectl (which has kustomize built in) is on PATH: install one of them (https://kubectl.docs.kubernetes.io/installation/kustomize/, or kubectl), or set FERRY_KUSTOMIZE to the path of either"
  });
}
function onPath(name, path) {
  for (const dir of path.split(delimiter)) {
    if (dir === "" || !isAbsolute(dir)) continue;
    const file = join(dir, name);
    if (isExecutableFile(file)) return file;
  }
  return void 0;
}
function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
var KustomizeRunner = class {
  constructor(binary, options) {
    this.binary = binary;
    this.options = options;
    const home = join(options.scratch, "home");
    const tmp = join(options.scratch, "tmp");
    mkdirSync(home, { recursive: true });
    mkdirSync(tmp, { recursive: true });
    this.env = kustomizeEnv(options.env ?? process.env, home, tmp);
    this.parallel = options.parallel ?? Math.max(1, Math.min(4, availableParallelism()));
  }
  root;
  running = 0;
  waiting = [];
  env;
  parallel;
  async build(dir) {
    const root = await (this.root ??= this.options.root());
    await this.turn();
    try {
      return await this.run(root, dir);
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
  async turn() {
    if (this.running < this.parallel) {
      this.running++;
      return;
    }
    await new Promise((resolveTurn) => this.waiting.push(resolveTurn));
    this.running++;
  }
  run(root, dir) {
    const target = dir === "" ? "." : `./${dir}`;
    const args = [this.binary.kind === "kubectl" ? "kustomize" : "build", "--load-restrictor", "LoadRestrictionsRootOnly", target];
    const timeoutS = this.options.timeoutS ?? BUILD_TIMEOUT_S;
    const failed = (why) => new Error(`cannot render ${dir === "" ? "the repository's root" : dir} with ${this.binary.path} (${args.slice(0, -1).join(" ")}): ${why}; a retry may help`);
    return new Promise((resolveBuild, reject) => {
      const child = spawn(this.binary.path, args, { cwd: root, env: this.env, stdio: ["ignore", "pipe", "pipe"] });
      stopOnSignal(child);
      const out = [];
      let outBytes = 0;
      let err = "";
      let stopped;
      const stop = (why) => {
        if (stopped !== void 0) return;
        stopped = why;
        stopProcessTree(child);
      };
      const timer = setTimeout(() => stop(`it did not finish within ${timeoutS} s`), timeoutS * 1e3);
      child.stdout.on("data", (b) => {
        outBytes += b.length;
        if (outBytes > MAX_OUTPUT_BYTES) return stop(`its output is larger than ${MAX_OUTPUT_BYTES / 1024 / 1024} MiB`);
        out.push(b);
      });
      child.stderr.on("data", (b) => {
        if (err.length < 64 * 1024) err += b.toString("utf8");
      });
      child.on("error", (e) => {
        clearTimeout(timer);
        reject(failed(`it cannot be run: ${e.message}`));
      });
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        if (stopped !== void 0) return reject(failed(stopped));
        if (code === 0) return resolveBuild({ output: Buffer.concat(out).toString("utf8") });
        if (code === null || code === 126 || code === 127) {
          const said2 = cleanMessage(err, root);
          return reject(failed(`${code === null ? `it was ended by ${signal}` : `it could not be run (exit ${code})`}${said2 ? `: ${said2}` : ""}`));
        }
        const said = cleanMessage(err, root) || `${basename(this.binary.path)} exited with ${code ?? signal}`;
        resolveBuild({ error: said });
      });
    });
  }
};
function kustomizeEnv(from, home, tmp) {
  const env = {
    PATH: from.PATH ?? "",
    HOME: home,
    TMPDIR: tmp,
    LANG: "C",
    LC_ALL: "C",
    // The git kustomize runs for a remote base: no prompt, no configuration of the user's or the system's (credential helpers).
    GIT_TERMINAL_PROMPT: "0",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    KUBECONFIG: join(home, "no-kubeconfig"),
    // Defence in depth: a remote base the walk before the build missed cannot be fetched with git (no protocol allowed).
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: "protocol.allow",
    GIT_CONFIG_VALUE_0: "never"
  };
  for (const name of PROXY_VARIABLES) {
    const value = from[name];
    if (value !== void 0 && value !== "" && !value.includes("@")) env[name] = value;
  }
  return env;
}
function cleanMessage(text, root) {
  const unlogged = text.split("\n").map((line) => {
    const m = /^[IWEF]\d{4} [\d:.]+\s+\d+ [^\]]*\] "command failed" err="(.*)"$/.exec(line.trim());
    if (!m) return line;
    try {
      return JSON.parse(`"${m[1]}"`);
    } catch {
      return m[1];
    }
  }).join("\n");
  let s = unlogged.split(`${root}/`).join("").split(root).join(".");
  s = redactUrl(s);
  s = s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "").replace(/[\x00-\x08\x0b-\x1f\x7f]/g, "");
  s = s.split("\n").map((l) => l.trim()).filter(Boolean).join(" ").replace(/^error: /i, "");
  return s.length > MAX_MESSAGE_CHARS ? `${s.slice(0, MAX_MESSAGE_CHARS)}… (cut short)` : s;
}

// actions/src/adapters/worktree-snapshot.ts
import { constants as constants2 } from "node:fs";
import { copyFile, lstat, mkdir, open, readdir, readlink, realpath, stat, writeFile } from "node:fs/promises";
import { join as join2 } from "node:path";
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
  /** Those of `read` there on disk (a file, a directory, a link or another), as they were read: what git may find untracked. */
  found = /* @__PURE__ */ new Set();
  /** The reads under way, READS_AT_ONCE at most, also across calls of readFilesReporting made together. */
  reads = new Slots(READS_AT_ONCE);
  /** The files of the directory in git's index (ls-files --cached), listed once when first needed. */
  indexed;
  /** The snapshot of directory `dir` (ConfigurationError naming `field` when it is none). */
  static async open(dir, field = "--worktree") {
    if (dir.trim() === "") throw new ConfigurationError({ field, message: "must not be empty" });
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
    await Promise.all([...new Set(paths)].map((p) => this.reads.run(async () => {
      try {
        out.set(p, await this.readOne(p));
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
        out.set(p, error);
      }
    })));
    for (const p of await this.ignored([...out].filter(([p2, v]) => v !== void 0 && this.read.has(p2)).map(([p2]) => p2))) out.set(p, void 0);
    return new Map(paths.map((p) => [p, out.get(p)]));
  }
  /** The regular files directly in `dir` as validate would read them (not one git ignores and does not track). */
  async listFiles(dir) {
    return this.namesIn(dir, false);
  }
  /**
   * The files directly in each of `dirs`, READS_AT_ONCE at most at a time (each holds a directory
   * open): as listFiles(), and the symbolic links there too, as git lists them (a link is a file in
   * git, whose content is its target): reading one is then refused, as at a commit.
   */
  async listFilesIn(dirs) {
    const out = /* @__PURE__ */ new Map();
    await Promise.all([...new Set(dirs)].map((dir) => this.reads.run(async () => {
      out.set(dir, await this.namesIn(dir, true));
    })));
    return new Map(dirs.map((dir) => [dir, out.get(dir) ?? []]));
  }
  /** Of `paths`, those that are symbolic links, each with its target as written (readlink). */
  async readLinks(paths) {
    const out = /* @__PURE__ */ new Map();
    await Promise.all([...new Set(paths)].map((p) => this.reads.run(async () => {
      if (p.split("/").some((s) => s === "" || s === "." || s === ".." || s.includes("\\") || s.includes("\0"))) return;
      const at = join2(this.path, p);
      if (!(await lstat(at).catch(() => void 0))?.isSymbolicLink()) return;
      const target = await readlink(at).catch(() => void 0);
      if (target !== void 0) out.set(p, target);
    })));
    return out;
  }
  async namesIn(dir, links) {
    if (dir.split("/").some((s) => s === "" || s === "." || s === ".." || s.includes("\\"))) return [];
    const entries = await readdir(join2(this.path, dir), { withFileTypes: true }).catch(() => []);
    const names = entries.filter((e) => e.isFile() || links && e.isSymbolicLink()).map((e) => e.name);
    const ignored = await this.ignored(names.map((n) => `${dir}/${n}`));
    return names.filter((n) => !ignored.has(`${dir}/${n}`)).sort();
  }
  /** Those of `paths` that git ignores and does not track, in a git checkout (none elsewhere). */
  async ignored(paths) {
    if (!this.gitCheckout || paths.length === 0) return /* @__PURE__ */ new Set();
    const ignored = /* @__PURE__ */ new Set();
    for (const specs of pathspecBatches(await this.untracked(paths))) {
      const listed = await runGit(["ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--", ...specs], { cwd: this.path, what: `list the files of ${this.path} git ignores` });
      for (const p of listed.stdout.toString("utf8").split("\0")) if (p) ignored.add(p);
    }
    return ignored;
  }
  /**
   * Those of `paths` git may list as others (untracked: ignored or not): there on disk, and not a
   * file of the index; only these are given to git as pathspecs. All 45,000 of a directory of
   * 15,000 apps were more than a command line takes (spawn E2BIG), and git takes seconds to match
   * each of its files against so many. (Neither ls-files nor diff takes --pathspec-from-file.)
   */
  async untracked(paths) {
    this.indexed ??= runGit(["ls-files", "-z", "--cached"], { cwd: this.path, what: `list the files of ${this.path} git tracks` }).then((listed) => new Set(listed.stdout.toString("utf8").split("\0").filter(Boolean)));
    const indexed = await this.indexed;
    return [...paths].filter((p) => this.found.has(p) && !indexed.has(p));
  }
  /**
   * Copies the directory's files into `into` (which must not exist; the caller removes it), for a
   * tool that reads a directory (kustomize), as the git adapter checks out a commit: a symbolic
   * link becomes a file holding its target, so nothing read there leads out of the directory (a
   * link in a pull request's checkout to a file of the runner's). In a git checkout, only the
   * files validate reads there: tracked, or untracked and not ignored (an ignored file, which
   * committing would leave out, is not copied); elsewhere every file. `.git`, what is under a
   * link, and what is neither a file, a directory nor a link are left out.
   */
  async copyTo(into) {
    await mkdir(into);
    if (!this.gitCheckout) {
      const copy = async (from, to) => {
        for (const entry of await readdir(from, { withFileTypes: true })) {
          if (entry.name === ".git") continue;
          const source = join2(from, entry.name);
          const target = join2(to, entry.name);
          if (entry.isDirectory()) {
            await mkdir(target);
            await copy(source, target);
          } else if (entry.isSymbolicLink()) await writeFile(target, await readlink(source));
          else if (entry.isFile()) await copyFile(source, target);
        }
      };
      return copy(this.path, into);
    }
    const listed = await runGit(["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."], { cwd: this.path, what: `list the files of ${this.path}` });
    const paths = [...new Set(listed.stdout.toString("utf8").split("\0").filter(Boolean))];
    const dirs = /* @__PURE__ */ new Map([["", Promise.resolve(true)]]);
    const isDir = (dir) => {
      let known = dirs.get(dir);
      if (!known) {
        const parent = dir.includes("/") ? dir.slice(0, dir.lastIndexOf("/")) : "";
        known = isDir(parent).then(async (ok) => {
          if (!ok) return false;
          const info = await lstat(join2(this.path, dir)).catch(() => void 0);
          if (!info?.isDirectory()) return false;
          await mkdir(join2(into, dir), { recursive: true });
          return true;
        });
        dirs.set(dir, known);
      }
      return known;
    };
    for (const path of paths) {
      const segments = path.split("/");
      if (segments.some((s) => s === "" || s === "." || s === ".." || s === ".git")) continue;
      const parent = segments.slice(0, -1).join("/");
      if (!await isDir(parent)) continue;
      const source = join2(this.path, path);
      const info = await lstat(source).catch(() => void 0);
      if (info?.isSymbolicLink()) await writeFile(join2(into, path), await readlink(source));
      else if (info?.isFile()) await copyFile(source, join2(into, path));
    }
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
      at = join2(at, segment);
      const info = await lstat(at).catch((error) => {
        if (error.code === "ENOENT" || error.code === "ENOTDIR") return void 0;
        throw error;
      });
      if (!info) break;
      const last = i === segments.length - 1;
      if (last) this.found.add(path);
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
      const file = await open(at, constants2.O_RDONLY | constants2.O_NOFOLLOW);
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
    if (this.read.size === 0) return false;
    const diff = await runGit(["diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", "--relative", "HEAD", "--", "."], { cwd: this.path, what: `compare ${this.path} with HEAD` });
    const read = (p) => {
      for (let end = p.length; end > 0; end = p.lastIndexOf("/", end - 1)) if (this.read.has(p.slice(0, end))) return true;
      return false;
    };
    if (diff.stdout.toString("utf8").split("\0").some((p) => p !== "" && read(p))) return true;
    for (const specs of pathspecBatches(await this.untracked([...this.read].sort()))) {
      const others = await runGit(["ls-files", "-z", "--others", "--exclude-standard", "--", ...specs], { cwd: this.path, what: `list the files of ${this.path} not in HEAD` });
      if (others.stdout.length > 0) return true;
    }
    return false;
  }
};
var READS_AT_ONCE = 32;
var PATHSPEC_BYTES = 128 * 1024;
function pathspecBatches(paths, maxBytes = PATHSPEC_BYTES) {
  const batches = [];
  let batch = [];
  let bytes = 0;
  for (const path of paths) {
    const spec = `:(literal)${path}`;
    const size = Buffer.byteLength(spec) + 1;
    if (batch.length > 0 && bytes + size > maxBytes) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(spec);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
var Slots = class {
  constructor(size) {
    this.size = size;
  }
  running = 0;
  waiting = [];
  async run(task) {
    if (this.running >= this.size) await new Promise((resolve2) => this.waiting.push(resolve2));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
};
async function git(cwd, args) {
  return (await runGit(args, { cwd, what: `read the git checkout of ${cwd}` })).stdout.toString("utf8").trim();
}

// actions/src/entry/commands/validate.ts
async function runValidate(options) {
  const phase = options.phase ?? (() => {
  });
  const binary = options.render !== void 0 ? findKustomize(options.render) : void 0;
  const scratch = binary ? makeTempDir("ferry-render-") : void 0;
  const renderer = (root) => binary && scratch ? { render: new KustomizeRunner(binary, { root, scratch }) } : {};
  try {
    if ("worktree" in options) {
      phase("Read the files of the directory");
      const snapshot = await WorktreeSnapshot.open(options.worktree);
      phase(`Validate ferry.yaml and every pinned manifest${binary ? ", rendering the kustomizations" : ""}`);
      const result = await validateEnvRepo(snapshot, (paths) => snapshot.readFilesReporting(paths), renderer(async () => {
        const dir = join3(scratch, "files");
        await snapshot.copyTo(dir);
        return dir;
      }));
      const worktree = await snapshot.info();
      return { ...worktree.head ? { commit: worktree.head } : {}, worktree, ...result };
    }
    phase("Read the env repo");
    const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, readAhead: [CONFIG_FILE, BLOCKLIST_FILE] });
    try {
      const head = await repo.head();
      phase(`Validate ferry.yaml and every pinned manifest${binary ? ", rendering the kustomizations" : ""}`);
      const files = async () => {
        const dir = join3(scratch, "files");
        await repo.checkout(head.commit, dir);
        return dir;
      };
      const result = await validateEnvRepo(head, (paths) => repo.readFilesReporting(head.commit, paths), renderer(files));
      return { repo: redactUrl(repo.url), branch: options.branch, commit: head.commit, ...result };
    } finally {
      await repo.close();
    }
  } finally {
    if (scratch) await removeTempDir(scratch);
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
