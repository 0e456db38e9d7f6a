import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  NonFastForwardError
} from "./chunk-TTKF36OU.mjs";
import {
  trailerList
} from "./chunk-C4EZRMXW.mjs";
import {
  redactUrl,
  rememberCredentials,
  rememberSecret
} from "./chunk-OSG537VB.mjs";
import {
  ConfigurationError,
  FileTooLargeError,
  quote
} from "./chunk-4TMDRVSR.mjs";
import {
  visibleLines
} from "./chunk-VPQIS2RW.mjs";

// actions/src/adapters/git-process.ts
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
var GitError = class extends Error {
  constructor(message, exitCode) {
    super(message);
    this.exitCode = exitCode;
    this.name = "GitError";
  }
};
function gitEnded(code, signal, name = "git") {
  return code === null && signal !== null ? `${name} was killed by ${signal}` : `${name} exited with ${code}`;
}
var gitEnvironmentExtra = {};
function setGitEnvironment(variables) {
  gitEnvironmentExtra = { ...variables };
}
function gitEnvironment() {
  return { ...process.env, ...gitEnvironmentExtra };
}
var REPOSITORY_VARIABLES = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_IMPLICIT_WORK_TREE",
  "GIT_NAMESPACE",
  "GIT_COMMON_DIR",
  "GIT_QUARANTINE_PATH",
  "GIT_OBJECT_DIRECTORY",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_INDEX_FILE",
  "GIT_GRAFT_FILE",
  "GIT_SHALLOW_FILE",
  "GIT_PREFIX",
  "GIT_REPLACE_REF_BASE",
  "GIT_NO_REPLACE_OBJECTS"
];
var PINNED_CONFIG = [
  ["core.hooksPath", "/dev/null"],
  ["push.gpgSign", "false"],
  ["protocol.version", "2"],
  ["log.showSignature", "false"]
];
function gitProcessEnv(env) {
  const out = { ...env };
  for (const name of REPOSITORY_VARIABLES) delete out[name];
  for (const [key, value] of PINNED_CONFIG) Object.assign(out, gitConfigEnv(key, value, out));
  return out;
}
function gitConfigEnv(key, value, env) {
  const n = /^\d+$/.test(env.GIT_CONFIG_COUNT ?? "") ? Number(env.GIT_CONFIG_COUNT) : 0;
  return { GIT_CONFIG_COUNT: String(n + 1), [`GIT_CONFIG_KEY_${n}`]: key, [`GIT_CONFIG_VALUE_${n}`]: value };
}
function tempRoot() {
  return resolve(tmpdir());
}
var openClones = /* @__PURE__ */ new Set();
var runningGits = /* @__PURE__ */ new Set();
var removingOnSignal = false;
var inFlight;
var landedPush;
function writeUnderWay(target) {
  inFlight = { ...target };
  return {
    done(commit) {
      inFlight = void 0;
      if (commit !== void 0) landedPush = { url: target.url, branch: target.branch, commit };
    }
  };
}
function pushedSoFar() {
  if (inFlight) {
    const what = inFlight.commit !== void 0 ? `pushing ${inFlight.commit.slice(0, 12)} to` : "committing through the GitHub API to";
    return ` while ${what} ${redactUrl(inFlight.url)} (branch ${inFlight.branch}): it may have landed; look at the branch before running again`;
  }
  if (landedPush) return ` after ${landedPush.commit.slice(0, 12)} landed on ${redactUrl(landedPush.url)} (branch ${landedPush.branch})`;
  return "; nothing was pushed";
}
function stopGits(children) {
  const running = [...children].filter((c) => c.pid !== void 0 && c.exitCode === null && c.signalCode === null);
  if (running.length === 0) return;
  const below = /* @__PURE__ */ new Map();
  try {
    const table = execFileSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "latin1", stdio: ["ignore", "pipe", "ignore"], timeout: 5e3 });
    for (const line of table.split("\n")) {
      const [pid, ppid] = line.trim().split(/\s+/).map(Number);
      if (pid && ppid) below.set(ppid, [...below.get(ppid) ?? [], pid]);
    }
  } catch {
  }
  const tree = [];
  for (let queue = running.map((c) => c.pid); queue.length; ) {
    const pid = queue.shift();
    const next = below.get(pid) ?? [];
    tree.push(...next);
    queue = queue.concat(next);
  }
  for (const child of running) child.kill("SIGTERM");
  for (const pid of tree) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
    }
  }
}
var DEFAULT_GIT_TIMEOUT_S = 300;
var MAX_GIT_TIMEOUT_S = Math.floor(2147483647 / 1e3);
function gitTimeoutSeconds(env = process.env) {
  const given = env.FERRY_GIT_TIMEOUT?.trim();
  if (given === void 0 || given === "") return DEFAULT_GIT_TIMEOUT_S;
  if (!/^\d{1,7}$/.test(given)) throw new ConfigurationError({ field: "FERRY_GIT_TIMEOUT", message: `expected a whole number of seconds (0 for no limit), found ${JSON.stringify(env.FERRY_GIT_TIMEOUT)}` });
  if (Number(given) > MAX_GIT_TIMEOUT_S) {
    throw new ConfigurationError({ field: "FERRY_GIT_TIMEOUT", message: `expected at most ${MAX_GIT_TIMEOUT_S} seconds (24.8 days, the longest wait a timer takes; 0 for no limit), found ${JSON.stringify(env.FERRY_GIT_TIMEOUT)}` });
  }
  return Number(given);
}
var FIRST_NOTICE_MS = 1e4;
var NOTICE_EVERY_MS = 3e4;
var RECEIVING_EVERY_MS = 1e3;
function catchSignals() {
  if (!removingOnSignal) {
    removingOnSignal = true;
    for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]]) {
      process.once(signal, () => {
        process.stderr.write(`ferry: interrupted${pushedSoFar()}
`);
        stopGits(runningGits);
        for (const d of openClones) {
          try {
            rmSync(d, { recursive: true, force: true, maxRetries: 20, retryDelay: 25 });
          } catch {
          }
        }
        process.exit(code);
      });
    }
  }
}
function makeTempDir(prefix) {
  catchSignals();
  let dir;
  try {
    dir = mkdtempSync(join(tempRoot(), prefix));
  } catch (error) {
    throw tempDirRefused(error);
  }
  openClones.add(dir);
  return dir;
}
var UNUSABLE_TEMP = /* @__PURE__ */ new Set(["EACCES", "EPERM", "EROFS", "ENOENT", "ENOTDIR"]);
function tempDirRefused(error) {
  const code = error.code;
  const variable = ["TMPDIR", "TMP", "TEMP"].find((name) => process.env[name]);
  const refused = `cannot make a temporary directory in ${JSON.stringify(tempRoot())}: the system refused (${code ?? error.message})`;
  if (variable !== void 0 && code !== void 0 && UNUSABLE_TEMP.has(code)) {
    return new ConfigurationError({ field: variable, message: `expected a directory this user can write in, found ${quote(process.env[variable])}: ${refused}` });
  }
  return new Error(`${refused}; set TMPDIR to a directory this user can write in, with room to spare`, { cause: error });
}
function removedOnInterrupt(dir) {
  catchSignals();
  openClones.add(dir);
  return () => openClones.delete(dir);
}
async function removeTempDir(dir) {
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  openClones.delete(dir);
}
function stopOnSignal(child) {
  runningGits.add(child);
  child.once("exit", () => runningGits.delete(child));
}
function stopProcessTree(child) {
  stopGits([child]);
}
function runGit(args, options) {
  const env = options.env ?? { ...gitEnvironment(), GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" };
  const what = options.what ?? `git ${args.find((a) => !a.startsWith("-") && a !== options.cwd) ?? ""}`;
  return new Promise((resolvePromise, reject) => {
    const child = spawn("git", args, { cwd: options.cwd, env: gitProcessEnv(env), stdio: [options.input ? "pipe" : "ignore", "pipe", "pipe"] });
    runningGits.add(child);
    child.once("exit", () => runningGits.delete(child));
    const watch2 = options.network ? watchNetworkGit(child, what, options.network) : void 0;
    const out = [];
    const err = [];
    const take = options.stdout ?? ((b) => out.push(b));
    child.stdout.on("data", (b) => {
      watch2?.heard();
      take(b);
    });
    child.stderr.on("data", (b) => {
      watch2?.heard();
      err.push(b);
    });
    child.on("error", (e) => reject(new GitError(`cannot run git: ${e.message}`, null)));
    child.on("close", (code, signal) => {
      watch2?.done();
      const stderr = Buffer.concat(err).toString("utf8");
      if (watch2?.timedOut) {
        return reject(new GitError(redactUrl(`${what} failed: timed out: no data for ${options.network.limitS} s (the limit FERRY_GIT_TIMEOUT sets): git was stopped${pushedSoFar()}`), code));
      }
      if (code === 0) return resolvePromise({ stdout: Buffer.concat(out), stderr });
      const stdout = Buffer.concat(out).toString("utf8");
      const reason = [stderr, stdout].join("\n").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("hint:") && l !== "Done").join("\n");
      reject(new GitError(redactUrl(`${what} failed: ${reason || gitEnded(code, signal)}`), code));
    });
    if (options.input) {
      child.stdin.on("error", () => {
      });
      child.stdin.end(options.input);
    }
  });
}
function watchNetworkGit(child, what, watch2) {
  const started = Date.now();
  const limitMs = watch2.limitS * 1e3;
  let timedOut = false;
  let lastHeard = started;
  let finished = false;
  let received = receivedSize(watch2.receivingInto);
  const grown = () => {
    if (watch2.receivingInto === void 0) return false;
    const size = receivedSize(watch2.receivingInto);
    const grew = size > received;
    received = size;
    return grew;
  };
  let notice;
  const arm = (ms) => {
    clearTimeout(notice);
    notice = setTimeout(() => {
      if (grown()) return heard();
      const limit = limitMs > 0 ? `; stopped after ${watch2.limitS} s with no data (FERRY_GIT_TIMEOUT)` : "";
      watch2.progress(redactUrl(`still waiting for ${what}: ${Math.round((Date.now() - started) / 1e3)} s so far, no data for ${Math.round((Date.now() - lastHeard) / 1e3)} s${limit}`));
      arm(NOTICE_EVERY_MS);
    }, ms);
  };
  const first = limitMs > 0 ? Math.min(FIRST_NOTICE_MS, limitMs / 2) : FIRST_NOTICE_MS;
  arm(first);
  const stop = limitMs > 0 ? setTimeout(() => {
    if (grown()) return heard();
    timedOut = true;
    stopGits([child]);
  }, limitMs) : void 0;
  function heard() {
    if (finished || timedOut) return;
    lastHeard = Date.now();
    arm(first);
    stop?.refresh();
  }
  const receiving = watch2.receivingInto === void 0 ? void 0 : setInterval(() => {
    if (grown()) heard();
  }, RECEIVING_EVERY_MS);
  return {
    heard,
    done: () => {
      finished = true;
      clearTimeout(notice);
      clearTimeout(stop);
      clearInterval(receiving);
    },
    get timedOut() {
      return timedOut;
    }
  };
}
function receivedSize(dir) {
  if (dir === void 0) return 0;
  let size = 0;
  try {
    for (const name of readdirSync(dir)) {
      try {
        size += statSync(join(dir, name)).size;
      } catch {
      }
    }
  } catch {
  }
  return size;
}

// actions/src/adapters/git-log.ts
import { spawn as spawn2 } from "node:child_process";
import { isAscii } from "node:buffer";
import { closeSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
var COMMIT_DATE = "%ct %cD";
var RFC_2822 = /^\d{1,13} [A-Z][a-z]{2}, (\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d\d:\d\d:\d\d) ([+-][01]\d|[+-]2[0-3])([0-5]\d)$/;
var MONTHS = { Jan: "01", Feb: "02", Mar: "03", Apr: "04", May: "05", Jun: "06", Jul: "07", Aug: "08", Sep: "09", Oct: "10", Nov: "11", Dec: "12" };
var DATE_LIMIT_MS = 864e13 - 2 * 366 * 864e5;
function commitDate(field) {
  const rfc = RFC_2822.exec(field);
  if (rfc) return `${rfc[3]}-${MONTHS[rfc[2]]}-${rfc[1].padStart(2, "0")}T${rfc[4]}${rfc[5]}:${rfc[6]}`;
  const m = /^(\d+) (?:.* )?([+-])(\d+)$/.exec(field);
  if (!m) {
    const seconds = /^\d+/.exec(field);
    return seconds ? `@${seconds[0]}` : "";
  }
  const ms = Number(m[1]) * 1e3;
  if (!(ms <= DATE_LIMIT_MS)) return `@${m[1]}`;
  const hhmm = Number(m[3]);
  const [hours, minutes] = [Math.floor(hhmm / 100), hhmm % 100];
  const offset = (m[2] === "-" ? -1 : 1) * (hours * 60 + minutes);
  const zoned = m[3].length === 4 && hours < 24 && minutes < 60 && Math.abs(ms + offset * 6e4) <= DATE_LIMIT_MS;
  const text = new Date(zoned ? ms + offset * 6e4 : ms).toISOString().replace(/\.\d{3}Z$/, "");
  return zoned ? `${text}${m[2]}${m[3].slice(0, 2)}:${m[3].slice(2)}` : `${text}Z`;
}
function logFormat(token) {
  return `${token}%x00%H%x00${COMMIT_DATE}%x00%B%x00`;
}
function logEntries(text, token, parents = false) {
  const entries = [];
  const marker = `${token}\0`;
  for (let at = text.indexOf(marker); at >= 0; ) {
    const next = text.indexOf(marker, at + marker.length);
    const to = next < 0 ? text.length : next;
    if (parents) {
      const bodyEnd = nthIndexOf(text, "\0", at + marker.length, 3);
      const entry = logEntry(text, at + marker.length, bodyEnd + 1);
      entry.parents = text.slice(bodyEnd + 1, to).split(/[\s\0]+/).filter(Boolean);
      entries.push(entry);
    } else entries.push(logEntry(text, at + marker.length, to));
    at = next;
  }
  return entries;
}
function nthIndexOf(text, char, from, n) {
  let at = from - 1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf(char, at + 1);
    if (at < 0) return -1;
  }
  return at;
}
function logEntry(text, from, to) {
  const hashEnd = text.indexOf("\0", from);
  const dateEnd = text.indexOf("\0", hashEnd + 1);
  const bodyEnd = text.indexOf("\0", dateEnd + 1);
  return { commit: text.slice(from, hashEnd), date: commitDate(text.slice(hashEnd + 1, dateEnd)), trailers: trailerList(text.slice(dateEnd + 1, bodyEnd)), files: fileNames(text, bodyEnd + 1, to) };
}
function walkedEntry(text, from, to) {
  const hashEnd = text.indexOf("\0", from);
  const dateEnd = text.indexOf("\0", hashEnd + 1);
  const parentsEnd = text.indexOf("\0", dateEnd + 1);
  const bodyEnd = text.indexOf("\0", parentsEnd + 1);
  const entry = { commit: text.slice(from, hashEnd), date: commitDate(text.slice(hashEnd + 1, dateEnd)), trailers: trailerList(text.slice(parentsEnd + 1, bodyEnd)), files: fileNames(text, bodyEnd + 1, to) };
  const space = text.indexOf(" ", dateEnd + 1);
  if (space >= 0 && space < parentsEnd) entry.parents = text.slice(dateEnd + 1, parentsEnd).split(" ");
  return entry;
}
function fileNames(text, from, to) {
  const files = [];
  for (let pos = from; pos < to; ) {
    let end = text.indexOf("\0", pos);
    if (end < 0 || end > to) end = to;
    while (pos < end && text.charCodeAt(pos) === 10) pos++;
    if (end > pos) files.push(text.slice(pos, end));
    pos = end + 1;
  }
  return files;
}
var LogFile = class {
  exited = false;
  code = null;
  /** The signal that stopped git, when one did (then `code` is null). */
  signal = null;
  /** A reader's callback refused a record: the readers met. */
  stopped = false;
  /** Everything git wrote has been read (after it exited). */
  drained = false;
  closed;
  fd;
  position = 0;
  text = "";
  decoder = new StringDecoder("utf8");
  ascii = true;
  marker;
  buffer = Buffer.allocUnsafe(1 << 20);
  stderr = "";
  killed = false;
  child;
  constructor(path, token, args, options) {
    this.marker = `${token}\0`;
    const out = openSync(path, "w");
    try {
      this.fd = openSync(path, "r");
      this.child = spawn2("git", args, { ...options, env: gitProcessEnv(options.env), stdio: ["ignore", out, "pipe"] });
    } catch (error) {
      if (this.fd !== void 0) closeSync(this.fd);
      throw error;
    } finally {
      closeSync(out);
    }
    const { child } = this;
    runningGits.add(child);
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => {
      if (this.stderr.length < 64 * 1024) this.stderr += chunk;
    });
    this.closed = new Promise((resolveClosed) => {
      child.once("error", (e) => {
        this.stderr += `cannot run git: ${e.message}`;
        this.exited = true;
        resolveClosed();
      });
      child.once("close", (code, signal) => {
        runningGits.delete(child);
        this.code = code;
        this.signal = signal;
        this.exited = true;
        resolveClosed();
      });
    });
  }
  /** git failed on its own (not stopped by Ferry). */
  get failed() {
    return this.exited && !this.killed && this.code !== 0;
  }
  failure() {
    const reason = this.stderr.split("\n").map((l) => l.trim()).filter(Boolean).join("\n");
    return reason || gitEnded(this.code, this.signal);
  }
  /**
   * Reads what git wrote since the last call and hands each complete record (text, from, to)
   * to `take`, until it returns false. `exited`: git had exited before this call, so the file
   * is complete and its last record too.
   */
  read(exited, take) {
    if (this.stopped || this.drained || this.fd === void 0) return;
    for (; ; ) {
      const bytesRead = readSync(this.fd, this.buffer, 0, this.buffer.length, this.position);
      if (bytesRead === 0) break;
      this.position += bytesRead;
      const chunk = this.buffer.subarray(0, bytesRead);
      if (this.ascii && isAscii(chunk)) this.text += chunk.toString("latin1");
      else {
        this.ascii = false;
        this.text += this.decoder.write(chunk);
      }
    }
    if (exited) this.text += this.decoder.end();
    const { text, marker } = this;
    let at = text.indexOf(marker);
    if (at < 0) {
      if (exited) {
        this.text = "";
        this.drained = true;
      }
      return;
    }
    while (at >= 0) {
      const next = text.indexOf(marker, at + marker.length);
      if (next < 0 && !exited) break;
      if (!take(text, at + marker.length, next < 0 ? text.length : next)) {
        this.stopped = true;
        return;
      }
      at = next;
    }
    this.text = at < 0 ? "" : text.slice(at);
    if (exited) this.drained = true;
  }
  /** Stops git (when it still runs) and closes the file. */
  stop() {
    if (!this.exited && !this.killed) {
      this.killed = true;
      this.child.kill("SIGTERM");
    }
    if (this.fd !== void 0) closeSync(this.fd);
    this.fd = void 0;
  }
};

// actions/src/adapters/git.ts
import { spawn as spawn3 } from "node:child_process";
import { randomBytes as randomBytes2 } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir as mkdir2, readFile as readFile2, rm as rm2, writeFile } from "node:fs/promises";
import { tmpdir as tmpdir3 } from "node:os";
import { basename, isAbsolute, join as join3, resolve as resolve3 } from "node:path";
import { StringDecoder as StringDecoder2 } from "node:string_decoder";

// actions/src/adapters/local-lock.ts
import { createHash, randomBytes } from "node:crypto";
import { readFileSync, unlinkSync, watch } from "node:fs";
import { lstat, mkdir, open, readFile, stat, unlink } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { join as join2, resolve as resolve2 } from "node:path";
async function withLocalLock(name, fn, options = {}) {
  const dir = options.dir ?? join2(resolve2(tmpdir2()), `ferry-locks-${process.getuid?.() ?? "user"}`);
  const file = `${createHash("sha256").update(name).digest("hex").slice(0, 32)}.lock`;
  const path = join2(dir, file);
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 6e4;
  const deadline = started + timeoutMs;
  const tell = async (gaveUp) => {
    const holder = (await holderOf(path).catch(() => void 0))?.pid;
    options.onWait?.({ waitedMs: Date.now() - started, timeoutMs, gaveUp, ...holder !== void 0 ? { holder } : {} });
  };
  let waited = false;
  let held = false;
  let told = false;
  let waiter;
  try {
    await mkdir(dir, { recursive: true, mode: 448 });
    await assertPrivate(dir);
    for (; ; ) {
      if (await tryCreate(path)) {
        held = true;
        break;
      }
      if (Date.now() > deadline) {
        await tell(true);
        break;
      }
      waited = true;
      if (!told && Date.now() - started >= (options.noticeMs ?? 2e3)) {
        told = true;
        await tell(false);
      }
      waiter ??= new Waiter(dir, file);
      if (!await waiter.next() && !await holderAlive(path)) await unlink(path).catch(() => {
      });
    }
  } catch (error) {
    if (error instanceof NotPrivate && !toldNotPrivate.has(dir)) {
      toldNotPrivate.add(dir);
      options.warn?.(error.message);
    }
  } finally {
    waiter?.close();
  }
  if (held) holding(path);
  try {
    return await fn(waited);
  } finally {
    if (held) {
      heldLocks.delete(path);
      await release(path);
    }
  }
}
var NotPrivate = class extends Error {
};
var toldNotPrivate = /* @__PURE__ */ new Set();
async function assertPrivate(dir) {
  const found = await lstat(dir);
  const uid = process.getuid?.();
  const mode = (found.mode & 4095).toString(8).padStart(4, "0");
  const why = found.isSymbolicLink() ? "is a symbolic link" : !found.isDirectory() ? "is not a directory" : uid !== void 0 && found.uid !== uid ? `belongs to another user (uid ${found.uid}, not ${uid})` : (found.mode & 18) !== 0 ? `can be written in by other users (mode ${mode})` : void 0;
  if (why !== void 0) {
    throw new NotPrivate(`the lock directory ${JSON.stringify(dir)} ${why}: its lock files are not to be trusted, so Ferry processes of this machine do not take turns through it (the push still never overwrites). Remove it (Ferry makes it again, its own), or set TMPDIR to a directory of your own`);
  }
}
var heldLocks = /* @__PURE__ */ new Set();
var releasingOnExit = false;
function holding(path) {
  heldLocks.add(path);
  if (releasingOnExit) return;
  releasingOnExit = true;
  process.on("exit", () => {
    for (const held of heldLocks) {
      try {
        if (readFileSync(held, "utf8").trim() === owner) unlinkSync(held);
      } catch {
      }
    }
  });
}
var Waiter = class {
  watcher;
  changed = false;
  wake;
  constructor(dir, file) {
    try {
      this.watcher = watch(dir, (_event, name) => {
        if (name !== null && name !== file) return;
        this.changed = true;
        this.wake?.();
      });
      this.watcher.on("error", () => this.close());
    } catch {
    }
  }
  /** Resolves true when the lock file changed, false after a while without a word. */
  next() {
    if (this.changed) {
      this.changed = false;
      return Promise.resolve(true);
    }
    return new Promise((resolve4) => {
      const timer = setTimeout(() => {
        this.wake = void 0;
        resolve4(false);
      }, 150 + Math.random() * 100);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = void 0;
        this.changed = false;
        resolve4(true);
      };
    });
  }
  close() {
    this.watcher?.close();
    this.watcher = void 0;
  }
};
var owner;
async function ownerLine() {
  if (owner === void 0) {
    const start = await startTime(process.pid);
    owner = [process.pid, randomBytes(8).toString("hex"), start].filter((field) => field !== void 0).join(" ");
  }
  return owner;
}
async function startTime(pid) {
  let stat2;
  try {
    stat2 = await readFile(`/proc/${pid}/stat`, "utf8");
  } catch {
    return void 0;
  }
  const start = stat2.slice(stat2.lastIndexOf(")") + 1).trim().split(" ")[22 - 3];
  return start !== void 0 && /^\d+$/.test(start) ? start : void 0;
}
async function tryCreate(path) {
  const line = await ownerLine();
  try {
    const file = await open(path, "wx", 384);
    await file.writeFile(`${line}
`);
    await file.close();
    return true;
  } catch (error) {
    if (error.code === "EEXIST") return false;
    throw error;
  }
}
var UNWRITTEN_MS = 5e3;
async function holderOf(path) {
  const [first, , start] = (await readFile(path, "utf8")).trim().split(" ");
  const pid = Number(first);
  if (!Number.isInteger(pid) || pid <= 0) return {};
  return { pid, ...start !== void 0 && /^\d+$/.test(start) ? { start } : {} };
}
async function holderAlive(path) {
  let pid;
  let start;
  try {
    ({ pid, start } = await holderOf(path));
  } catch (error) {
    return error.code !== "ENOENT";
  }
  if (pid === void 0) {
    try {
      return Date.now() - (await stat(path)).mtimeMs < UNWRITTEN_MS;
    } catch (error) {
      return error.code !== "ENOENT";
    }
  }
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code !== "EPERM") return false;
  }
  if (start === void 0) return true;
  const now = await startTime(pid);
  return now === void 0 || now === start;
}
async function release(path) {
  try {
    if ((await readFile(path, "utf8")).trim() === owner) await unlink(path);
  } catch {
  }
}

// actions/src/adapters/git.ts
function remoteUrl(repo, cwd = process.cwd()) {
  rememberCredentials(repo);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(repo)) return repo;
  if (/^[^/]*:/.test(repo) && !/^[a-z]:[\\/]/i.test(repo)) return repo;
  return `file://${isAbsolute(repo) ? repo : resolve3(cwd, repo)}`;
}
function gitRemote(url, env = {}) {
  const m = /^(https?:\/\/)([^@/?#]*)@([^/?#]*)(.*)$/is.exec(url);
  const colon = m?.[2].indexOf(":") ?? -1;
  if (!m || colon < 0 || m[3].includes("@")) return { url, env: {} };
  const [, scheme, info, host, rest] = m;
  const basic = Buffer.concat([percentDecoded(info.slice(0, colon)), Buffer.from(":"), percentDecoded(info.slice(colon + 1))]).toString("base64");
  rememberSecret(basic);
  return { url: `${scheme}${host}${rest}`, env: gitConfigEnv(`http.${scheme.toLowerCase()}${host}/.extraheader`, `Authorization: Basic ${basic}`, env) };
}
function percentDecoded(text) {
  const parts = [];
  let last = 0;
  for (const m of text.matchAll(/%([0-9a-f]{2})/gi)) {
    parts.push(Buffer.from(text.slice(last, m.index), "utf8"), Buffer.from([parseInt(m[1], 16)]));
    last = m.index + 3;
  }
  parts.push(Buffer.from(text.slice(last), "utf8"));
  return Buffer.concat(parts);
}
function shallowClone(url, path) {
  return new ConfigurationError({
    field: "repo",
    message: `${redactUrl(url)} is a shallow clone: its history stops short, and this command reads the history (when and by which commit each image was pinned, the soak, the pins to roll back to, the rules audit checks), which would come out wrong. Fetch the rest (git -C ${JSON.stringify(path)} fetch --unshallow, or fetch-depth: 0 for actions/checkout), or name the repository it was cloned from`
  });
}
function cloneRemote(configLines, branch) {
  const urls = /* @__PURE__ */ new Map();
  let tracked;
  for (const line of configLines.split("\n")) {
    const space = line.indexOf(" ");
    if (space < 0) continue;
    const [key, value] = [line.slice(0, space), line.slice(space + 1)];
    const remote = /^remote\.(.+)\.url$/.exec(key);
    if (remote && !urls.has(remote[1])) urls.set(remote[1], value);
    if (key === `branch.${branch}.remote`) tracked = value;
  }
  return tracked === void 0 ? void 0 : urls.get(tracked);
}
function cloneConfigPattern(branch) {
  return `^(remote\\..*\\.(url|promisor)|branch\\.${branch.replace(/[.]/g, "\\.")}\\.remote)$`;
}
function workingCloneWarning(url, branch, remote) {
  return `${redactUrl(url)} is a working clone (not bare) of ${redactUrl(remote)}: Ferry reads and writes this clone's branch ${branch}, not its remote's, which may have moved on; to work on the env repo itself, name it: --repo ${redactUrl(remote)}`;
}
async function workingCloneOf(path, branch, env) {
  if (!existsSync(join3(path, ".git")) && basename(path) !== ".git") return void 0;
  const run = (args) => runGit(["-C", path, ...args], { cwd: tmpdir3(), env: { ...env, LC_ALL: "C" } }).then((out) => out.stdout.toString("utf8"), () => "");
  const [bare, config] = await Promise.all([run(["rev-parse", "--is-bare-repository"]), run(["config", "--get-regexp", cloneConfigPattern(branch)])]);
  return bare.trim() === "false" ? cloneRemote(config, branch) : void 0;
}
function warnOf(options, message) {
  if (options.warn) options.warn(message);
  else printWarning(message);
}
function printWarning(message) {
  process.stderr.write(`ferry: warning: ${visibleLines(message)}
`);
}
function localPath(url) {
  return url.startsWith("file://") ? decodeURIComponent(url.slice("file://".length)) : void 0;
}
function branchNameProblem(branch) {
  if (!/^[A-Za-z0-9._/-]+$/.test(branch)) return "letters, digits, '.', '_', '-' and '/'";
  if (branch.startsWith("-")) return "not starting with '-'";
  if (branch.startsWith("refs/")) return `the branch's own name${branch.startsWith("refs/heads/") ? ` (${JSON.stringify(branch.slice("refs/heads/".length))})` : ""}, not a full ref`;
  if (branch.split("/").some((part) => part === "")) return "no '/' at either end, nor two together";
  if (branch.split("/").some((part) => part.startsWith(".") || part.endsWith(".lock"))) return "no part between slashes starting with '.' or ending in '.lock'";
  if (branch.includes("..")) return "no '..'";
  if (branch.endsWith(".")) return "not ending in '.'";
  return void 0;
}
function assertBranchName(branch, field = "branch") {
  const problem = branchNameProblem(branch);
  if (problem !== void 0) throw new ConfigurationError({ field, message: `expected a branch name (${problem}), found ${JSON.stringify(branch)}` });
}
var UPLOAD_PACK_WITH_FILTER = "git -c uploadpack.allowFilter=true upload-pack";
var PENDING_REF = "refs/ferry/pending";
var FALLBACK_IDENTITY = { nameEmail: "Ferry <ferry@users.noreply.invalid>", zone: "+0000" };
var MAX_ZONE = 1400;
var MAX_DATE_S = (864e13 - 2 * 366 * 864e5) / 1e3;
async function identity(variable, env) {
  const role = variable === "GIT_AUTHOR_IDENT" ? "AUTHOR" : "COMMITTER";
  const dated = env[`GIT_${role}_DATE`];
  const named = env[`GIT_${role}_NAME`];
  const unusable = (read, why) => new ConfigurationError({
    field: `GIT_${role}_DATE`,
    message: `expected a date git reads, as git commit takes it, with a time zone offset of at most 14 hours (-1400 to +1400), found ${quote(dated)}, which git reads as ${quote(read)} (${why}); nothing was written`
  });
  const ask = async (askEnv) => {
    let out;
    try {
      out = (await runGit(["var", variable], { cwd: tmpdir3(), env: askEnv })).stdout.toString("utf8").trim();
    } catch (error) {
      if (dated && error instanceof GitError && /invalid date format/.test(error.message)) {
        throw new ConfigurationError({
          field: `GIT_${role}_DATE`,
          message: `expected a date git reads, as git commit takes it ("2025-01-31T12:00:00Z", "@1738324800 +0000", an RFC 2822 date), found ${quote(dated)}; nothing was written`
        });
      }
      if (named !== void 0 && askEnv[`GIT_${role}_NAME`] === named && error instanceof GitError && /empty ident name|name consists only of disallowed characters/.test(error.message)) {
        throw new ConfigurationError({
          field: `GIT_${role}_NAME`,
          message: `expected a name git takes for a commit (not empty, not only punctuation or white space), found ${quote(named)}; nothing was written`
        });
      }
      return void 0;
    }
    const m = /^(.*<[^<>]*>) (\d+) ([+-])(\d+)$/.exec(out);
    const read = m ? `${m[2]} ${m[3]}${m[4]}` : out.replace(/^.*> /, "");
    const zone = m ? Number(m[4]) : NaN;
    if (!m || m[4].length !== 4 || zone > MAX_ZONE || zone % 100 >= 60) {
      if (dated) throw unusable(read, m ? "an offset no commit can have" : "not a date");
      return m ? { nameEmail: m[1], zone: "+0000" } : void 0;
    }
    if (dated && Number(m[2]) > MAX_DATE_S) throw unusable(read, "within two years of the year 275760, where Date ends: a date no gate can judge");
    if (dated && Number(m[2]) + (m[3] === "-" ? -1 : 1) * (Math.floor(zone / 100) * 3600 + zone % 100 * 60) < 0) throw unusable(read, "before 1970-01-01 on its own clock, which git cannot print");
    return { nameEmail: m[1], zone: `${m[3]}${m[4]}`, ...dated ? { fixedEpoch: Number(m[2]) } : {} };
  };
  return await ask(env) ?? (dated ? await ask({ ...env, [`GIT_${role}_NAME`]: "Ferry", [`GIT_${role}_EMAIL`]: "ferry@users.noreply.invalid" }) : void 0) ?? FALLBACK_IDENTITY;
}
function stamp(who, epochSeconds) {
  return `${who.nameEmail} ${who.fixedEpoch ?? epochSeconds} ${who.zone}`;
}
function quotePath(path) {
  return `"${path.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\x00-\x1f\x7f]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, "0")}`)}"`;
}
var LOCK_WAITS_MS = [250, 500, 1e3, 2e3, 4e3];
var LOCK_WAIT_S = Math.round(LOCK_WAITS_MS.reduce((a, b) => a + b) / 1e3);
var LOOKUPS_BEFORE_INDEX = 8;
var TreeListing = class {
  constructor(oid, content) {
    this.oid = oid;
    this.content = content;
    this.idLength = oid.length / 2;
  }
  found = /* @__PURE__ */ new Map();
  /** Bytes in an entry's raw id. */
  idLength;
  /** Whether `found` holds every entry (a listing looked up again and again). */
  indexed = false;
  /** The entry named `name`, or undefined. */
  get(name) {
    if (this.found.has(name) || this.indexed) return this.found.get(name);
    if (this.found.size >= LOOKUPS_BEFORE_INDEX) {
      this.scan((pos, space, nul) => {
        const entryName = this.content.subarray(space + 1, nul).toString("utf8");
        if (!this.found.has(entryName)) this.found.set(entryName, this.entryAt(pos, space, nul));
        return true;
      });
      this.indexed = true;
      return this.found.get(name);
    }
    const want = Buffer.from(name, "utf8");
    let entry;
    this.scan((pos, space, nul) => {
      if (nul - space - 1 !== want.length || this.content.compare(want, 0, want.length, space + 1, nul) !== 0) return true;
      entry = this.entryAt(pos, space, nul);
      return false;
    });
    this.found.set(name, entry);
    return entry;
  }
  /** Every entry with its name, in the tree's order. */
  entries() {
    const all = [];
    this.scan((pos, space, nul) => {
      all.push({ name: this.content.subarray(space + 1, nul).toString("utf8"), ...this.entryAt(pos, space, nul) });
      return true;
    });
    return all;
  }
  /** Calls `visit` with where each entry's mode, name and id start, until it returns false. */
  scan(visit) {
    const { content, idLength } = this;
    for (let pos = 0; pos < content.length; ) {
      const space = content.indexOf(32, pos);
      const nul = space < 0 ? -1 : content.indexOf(0, space);
      if (nul < 0 || nul + 1 + idLength > content.length) throw new GitError(`tree ${this.oid} cannot be read: an entry at byte ${pos} is cut short`, null);
      if (!visit(pos, space, nul)) return;
      pos = nul + 1 + idLength;
    }
  }
  entryAt(pos, space, nul) {
    const mode = this.content.subarray(pos, space).toString("latin1");
    const type = mode === "40000" ? "tree" : mode === "160000" ? "commit" : "blob";
    return { mode, type, oid: this.content.subarray(nul + 1, nul + 1 + this.idLength).toString("hex") };
  }
};
var CLONE_FILTER = { treeless: "tree:1", blobless: "blob:none" };
var GitEnvRepo = class _GitEnvRepo {
  constructor(url, branch, dir, env, readAhead = []) {
    this.url = url;
    this.branch = branch;
    this.dir = dir;
    this.env = env;
    this.readAhead = readAhead;
    this.remote = url;
  }
  /** Whether the branch may have moved since it was last fetched (a lost race, a wait for a turn). */
  stale = false;
  /** Who commits; a ConfigurationError for a GIT_*_DATE git cannot read (identity()), thrown by commit(). */
  author = FALLBACK_IDENTITY;
  committer = FALLBACK_IDENTITY;
  mode = "treeless";
  /** Whether the clone holds the whole history (kept whole on later fetches). */
  history = false;
  /** Objects known to be in the clone (trees and blobs that may be missing otherwise). */
  present = /* @__PURE__ */ new Set();
  /** Trees read so far, by id. */
  trees = /* @__PURE__ */ new Map();
  /** Each commit's root tree. */
  roots = /* @__PURE__ */ new Map();
  /**
   * The entry of each version readFilesAt() read (`<commit>\0<path>`; null: no such file), not
   * the trees it was found in: a version is read again (promote --all reads the newest two of
   * every manifest at once, then each app's as it needs them).
   */
  versionEntries = /* @__PURE__ */ new Map();
  reader;
  /** Fetches under way, by the ids they bring. */
  inflight = /* @__PURE__ */ new Map();
  /** Trees fetched with the files directly in them (`tree:1`). */
  withEntries = /* @__PURE__ */ new Set();
  /** Read-ahead of directories running in the background (never rejects). */
  background = Promise.resolve();
  /** A head() started by readHeadAhead(), for the next head() to take. */
  headAhead;
  /** A repository on this machine read where it is (openForReading): nothing to fetch or remove. */
  inPlace = false;
  /** Such a repository's object store (an absolute path): what a scratch repository borrows from (mergedAsGitWould()). */
  objectsDir;
  /** `url` is a working clone (not bare) of this remote: a push to its checked-out branch is refused. */
  cloneOf;
  /** The parent of each commit made here: its push expects the branch there (a compare-and-swap). */
  parentOf = /* @__PURE__ */ new Map();
  /** For such a repository, the branch's head as resolved when it was opened, until head() gives it out. */
  openedAt;
  progress;
  /** The URL git is given (gitRemote(): `url` without a password, which goes in `env`). */
  remote;
  /** `url` has a user name and password, which git sends as a header (gitRemote()). */
  credentialsInUrl = false;
  /** Seconds a clone, fetch or push may take (FERRY_GIT_TIMEOUT). */
  timeoutS = DEFAULT_GIT_TIMEOUT_S;
  /**
   * For commands that only read (audit, history, status): a repository on this machine (a path or
   * a file:// URL) is read where it is, without a clone; any other remote is cloned as by open().
   */
  static async openForReading(options) {
    const url = remoteUrl(options.repo);
    const path = localPath(url);
    if (path === void 0 || branchNameProblem(options.branch) !== void 0) return _GitEnvRepo.open(options);
    const env = { ...options.env ?? gitEnvironment(), GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" };
    let tip;
    let shallow;
    let cloneOf;
    let objectsDir;
    try {
      const [config, head] = await Promise.all([
        runGit(["-C", path, "config", "--get-regexp", cloneConfigPattern(options.branch)], { cwd: tmpdir3(), env }).then((out) => out.stdout.toString("utf8"), () => ""),
        // (And where its objects are, for a scratch repository that borrows them: mergedAsGitWould().)
        runGit(["-C", path, "rev-parse", "--is-bare-repository", "--is-shallow-repository", "--git-path", "objects", "--verify", "--quiet", `refs/heads/${options.branch}^{commit}`], { cwd: tmpdir3(), env })
      ]);
      if (/^remote\.origin\.promisor true$/m.test(config)) return _GitEnvRepo.open(options);
      const [isBare, isShallow, objects, commit] = head.stdout.toString("utf8").trim().split("\n");
      shallow = isShallow === "true";
      objectsDir = objects ? resolve3(path, objects) : void 0;
      tip = commit ?? "";
      cloneOf = isBare === "false" ? cloneRemote(config, options.branch) : void 0;
    } catch {
      return _GitEnvRepo.open(options);
    }
    if (shallow && options.history) throw shallowClone(url, path);
    if (cloneOf !== void 0) warnOf(options, workingCloneWarning(url, options.branch, cloneOf));
    const repo = new _GitEnvRepo(url, options.branch, path, env, options.readAhead);
    repo.inPlace = true;
    repo.objectsDir = objectsDir;
    repo.cloneOf = cloneOf;
    if (OBJECT_ID.test(tip)) repo.openedAt = tip;
    repo.mode = "complete";
    repo.history = true;
    return repo;
  }
  /** Clones the branch into a temporary directory. Call close() when done. */
  static async open(options) {
    const url = remoteUrl(options.repo);
    assertBranchName(options.branch, "--branch");
    if (options.branch === "HEAD") throw new ConfigurationError({ field: "--branch", message: 'expected a branch name (not HEAD), found "HEAD"' });
    const timeoutS = gitTimeoutSeconds(options.env ?? process.env);
    const path = localPath(url);
    if (options.history && path !== void 0) {
      const answer = await runGit(["-C", path, "rev-parse", "--is-shallow-repository"], { cwd: tmpdir3(), env: { ...options.env ?? gitEnvironment(), LC_ALL: "C" } }).catch(() => void 0);
      if (answer?.stdout.toString().trim() === "true") throw shallowClone(url, path);
    }
    const dir = makeTempDir("ferry-git-");
    const given = options.env ?? gitEnvironment();
    const remote = gitRemote(url, given);
    const env = { ...given, ...remote.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" };
    const repo = new _GitEnvRepo(url, options.branch, dir, env, options.readAhead);
    repo.remote = remote.url;
    repo.credentialsInUrl = Object.keys(remote.env).length > 0;
    repo.timeoutS = timeoutS;
    repo.progress = options.progress;
    try {
      repo.history = options.history ?? false;
      const refused = (error) => error instanceof ConfigurationError ? error : Promise.reject(error);
      const [, author, committer, cloneOf] = await Promise.all([
        repo.clone(options.history ? "blobless" : "treeless", options.history ?? false),
        identity("GIT_AUTHOR_IDENT", env).catch(refused),
        identity("GIT_COMMITTER_IDENT", env).catch(refused),
        path !== void 0 ? workingCloneOf(path, options.branch, env) : void 0
      ]);
      repo.author = author;
      repo.committer = committer;
      repo.cloneOf = cloneOf;
      if (cloneOf !== void 0) warnOf(options, workingCloneWarning(url, options.branch, cloneOf));
      return repo;
    } catch (error) {
      await rm2(dir, { recursive: true, force: true });
      openClones.delete(dir);
      throw error;
    }
  }
  async clone(mode, history) {
    const local = this.url.startsWith("file://");
    try {
      const { stderr } = await this.transfer([
        // (--origin: a user's clone.defaultRemoteName would name it otherwise; the fetches and the push name origin.)
        "clone",
        "--bare",
        "--quiet",
        "--no-tags",
        "--origin",
        "origin",
        "--single-branch",
        "--branch",
        this.branch,
        `--filter=${CLONE_FILTER[mode]}`,
        // No template (hook samples, info/exclude, a configured template's own hooks): files to
        // write and remove for nothing, in a clone that runs no hook.
        "--template=",
        ...history ? [] : ["--depth=1"],
        // A clone that lives for one command: no fetch in it waits for git's automatic
        // maintenance (a process per fetch, on the way to the commit).
        "--config",
        "maintenance.auto=false",
        "--config",
        "gc.auto=0",
        // Later fetches (retries, files read on demand) go through the same upload-pack.
        ...local ? ["--upload-pack", UPLOAD_PACK_WITH_FILTER, "--config", `remote.origin.uploadpack=${UPLOAD_PACK_WITH_FILTER}`] : [],
        "--",
        this.remote,
        this.dir
      ], { cwd: tmpdir3(), what: `clone ${this.url} (branch ${this.branch})` }, () => rm2(this.dir, { recursive: true, force: true }));
      this.mode = /filtering not recognized by server/.test(stderr) ? "complete" : mode;
    } catch (error) {
      if (mode === "treeless" && error instanceof GitError && /filter/i.test(error.message)) {
        await rm2(this.dir, { recursive: true, force: true });
        return this.clone("blobless", history);
      }
      if (error instanceof GitError && /Remote branch .* not found/.test(error.message)) {
        const refs = await this.git(["ls-remote", "--", this.remote], { what: `list the refs of ${this.url}`, cwd: tmpdir3(), network: true }).then((out) => out.stdout.toString("latin1").trim(), () => void 0);
        const heads = refs?.split("\n").filter((line) => /\trefs\/heads\//.test(line));
        const hint = refs === "" ? "the repository is empty: make it with ferry init, or push a first commit" : heads?.length === 0 ? `the repository has commits but no branch ${this.branch} (a detached checkout?): name a branch with --branch, or the branch input of the action; to validate the files checked out, ferry validate --worktree <dir> (the worktree input)` : `the repository has no branch ${this.branch}: name the branch to use with --branch, or the branch input of the action`;
        throw new GitError(`${error.message}
(${hint})`, error.exitCode);
      }
      throw error;
    }
  }
  async close() {
    await this.headAhead?.catch(() => {
    });
    await this.background;
    await this.reader?.close();
    if (this.inPlace) return;
    await rm2(this.dir, { recursive: true, force: true });
    openClones.delete(this.dir);
  }
  /**
   * Starts head(), with its read-ahead, now; the next head() takes its result. A caller with work
   * of its own before it needs the head (code to load) does it while git reads.
   */
  readHeadAhead() {
    if (this.headAhead) return;
    this.headAhead = this.readHead();
    this.headAhead.catch(() => {
    });
  }
  async head() {
    const ahead = this.headAhead;
    this.headAhead = void 0;
    if (ahead && !this.stale) return ahead;
    if (ahead) await ahead.catch(() => {
    });
    return this.readHead();
  }
  async readHead() {
    if (this.stale) {
      await this.transfer(["fetch", "--quiet", "--no-tags", ...this.history ? [] : ["--depth=1"], "origin", `+refs/heads/${this.branch}:refs/heads/${this.branch}`], { what: `fetch ${this.url} (branch ${this.branch})` });
    }
    this.stale = false;
    if (this.openedAt !== void 0) {
      const snapshot2 = new GitSnapshot(this, this.openedAt);
      this.openedAt = void 0;
      await this.readAheadAt(snapshot2.commit, snapshot2);
      return snapshot2;
    }
    const ref = `refs/heads/${this.branch}`;
    const [tip, root] = await this.catFile([`${ref}^{commit}`, `${ref}^{tree}`], `read ${this.url} (branch ${this.branch})`);
    if (tip?.type !== "commit" || root?.type !== "tree") {
      const [tag] = await this.catFile([`refs/tags/${this.branch}`], `read ${this.url} (branch ${this.branch})`);
      throw new GitError(redactUrl(`read ${this.url} (branch ${this.branch}) failed: ${tag ? `the repository has no branch ${this.branch}: ${this.branch} is a tag there; name a branch with --branch, or the branch input of the action` : "the branch has no commit"}`), null);
    }
    this.roots.set(tip.oid, root.oid);
    this.addTree(root.oid, root.content);
    const snapshot = new GitSnapshot(this, tip.oid);
    await this.readAheadAt(tip.oid, snapshot);
    return snapshot;
  }
  /**
   * The read-ahead: the files are read before head() returns; the directories (`dir/`: their
   * listing and the files directly in them) are fetched in the background, while the caller
   * parses what it read, and waited for only by a read that needs them.
   */
  async readAheadAt(commit, snapshot) {
    const dirs = this.readAhead.filter((p) => p.endsWith("/")).map((p) => p.slice(0, -1));
    let lastRound = Promise.resolve();
    if (dirs.length && this.mode === "treeless") {
      let reached;
      lastRound = new Promise((resolveRound) => reached = resolveRound);
      const read = this.walk(commit, dirs.map((d) => `${d}/\0`), reached).catch(() => void 0).finally(reached);
      this.background = Promise.all([this.background, read]);
    }
    const files = this.readAhead.filter((p) => !p.endsWith("/"));
    if (dirs.length && this.mode === "blobless") files.push(...await this.filesIn(commit, dirs).catch(() => []));
    await Promise.all([files.length ? snapshot.prefetch(files) : void 0, lastRound]);
  }
  /** The paths of the files directly in each of `dirs` (those that exist at `commit`), from trees read here. */
  async filesIn(commit, dirs) {
    await this.walk(commit, dirs.map((d) => `${d}/\0`));
    const paths = [];
    for (const [dir, entry] of await this.walk(commit, dirs)) {
      if (entry.type !== "tree") continue;
      for (const file of this.trees.get(entry.oid)?.entries() ?? []) if (file.type === "blob") paths.push(`${dir}/${file.name}`);
    }
    return paths;
  }
  /** Of `paths` at `commit`, those that are symbolic links (mode 120000), each with its target (its blob's content), in one read. */
  async linkTargets(commit, paths) {
    const links = [...await this.walk(commit, paths)].filter(([, entry]) => entry.type === "blob" && entry.mode === "120000");
    const content = await this.blobContents([...new Set(links.map(([, entry]) => entry.oid))], "symbolic links");
    const out = /* @__PURE__ */ new Map();
    for (const [path, entry] of links) {
      const bytes = content.get(entry.oid);
      if (bytes) out.set(path, lossyText(bytes, path));
    }
    return out;
  }
  /**
   * The date commit() stamps its commits with where GIT_COMMITTER_DATE fixes it, as git read it;
   * undefined where each is stamped when it is made. Throws what commit() would: the
   * ConfigurationError of a GIT_*_DATE or name it cannot commit with (identity()).
   */
  committerDate() {
    const { author, committer } = this;
    if (author instanceof ConfigurationError) throw author;
    if (committer instanceof ConfigurationError) throw committer;
    return committer.fixedEpoch === void 0 ? void 0 : new Date(committer.fixedEpoch * 1e3);
  }
  /**
   * One commit on `parent` with `files` changed, made by one `git fast-import`: it reads only the
   * trees along the changed paths, writes the new blobs, trees and the commit, and prints the
   * commit's id. Existing files keep their mode; a path that is a directory, a symlink or a
   * submodule is refused.
   */
  async commit(parent, files, message) {
    if (this.inPlace) throw new Error("internal: a repository opened for reading is not written to");
    const { author, committer } = this;
    if (author instanceof ConfigurationError) throw author;
    if (committer instanceof ConfigurationError) throw committer;
    const existing = await this.walk(parent, files.map((f) => f.path));
    const now = Math.floor(Date.now() / 1e3);
    const chunks = [];
    const text = (s) => chunks.push(Buffer.from(s, "utf8"));
    const data = (content) => {
      const bytes = Buffer.from(content, "utf8");
      text(`data ${bytes.length}
`);
      chunks.push(bytes);
      text("\n");
    };
    text(`commit ${PENDING_REF}
mark :1
`);
    text(`author ${stamp(author, now)}
committer ${stamp(committer, now)}
`);
    data(message);
    text(`from ${parent}
`);
    for (const file of files) {
      const mode = existing.get(file.path)?.mode ?? "100644";
      if (mode !== "100644" && mode !== "100755") {
        throw new GitError(`cannot write ${file.path}: it is ${mode === "40000" ? "a directory" : mode === "120000" ? "a symbolic link" : "a submodule"} in the env repo`, null);
      }
      text(`M ${mode} inline ${quotePath(file.path)}
`);
      data(file.content);
    }
    text("get-mark :1\ndone\n");
    const out = await this.git(["-c", "fastimport.unpackLimit=0", "fast-import", "--quiet", "--done", "--force", "--date-format=raw"], { input: Buffer.concat(chunks), what: "make the commit" });
    const made = out.stdout.toString("utf8").trim();
    this.parentOf.set(made, parent);
    return made;
  }
  /**
   * Writes the files of `commit` into the directory `into` (which must not exist; the caller
   * removes it), as a checkout would, for a tool that reads a directory (kustomize). Unlike the
   * reads, this takes the whole tree of the commit: a tree-less clone fetches its directories in
   * one round (a refetch of the commit without files), then git fetches the files in another.
   * Symbolic links are written as files holding their target (core.symlinks=false), so nothing
   * read there leads out of it; no hook or submodule runs, and Git LFS files stay pointers. The
   * index is the clone's own (it has none otherwise).
   */
  async checkout(commit, into) {
    if (this.inPlace) throw new Error("internal: a repository read in place is not checked out");
    const what = `check out ${this.url} at ${commit.slice(0, 12)}`;
    if (this.mode === "treeless") {
      try {
        await this.transfer(["-c", "fetch.negotiationAlgorithm=noop", "fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--refetch", ...this.history ? [] : ["--depth=1"], "--filter=blob:none", "origin", commit], { what: `fetch the directories of ${this.url} at ${commit.slice(0, 12)}` });
      } catch (error) {
        if (!(error instanceof GitError) || !/refetch/.test(error.message)) throw error;
      }
    }
    await mkdir2(into);
    await rm2(join3(this.dir, "index"), { force: true });
    await this.transfer([`--work-tree=${into}`, "-c", "core.symlinks=false", "-c", "core.autocrlf=false", "-c", "core.sparseCheckout=false", "-c", "filter.lfs.process=", "-c", "filter.lfs.smudge=", "-c", "filter.lfs.required=false", "read-tree", "--reset", "-u", commit], { what });
  }
  /**
   * One attempt at a time among the Ferry processes of this machine writing this branch (see
   * local-lock.ts). A process that waited for its turn reads the head again: the branch has
   * likely moved since its clone.
   */
  serialize(attempt) {
    const onWait = ({ waitedMs, timeoutMs, holder, gaveUp }) => {
      const who = holder === void 0 ? "another Ferry process on this machine" : `Ferry process ${holder} on this machine`;
      this.progress?.(gaveUp ? `waited ${Math.round(waitedMs / 1e3)} s for ${who}: going on without waiting for its turn (the push still never overwrites)` : `waiting for ${who}, which is writing to ${redactUrl(this.url)} (branch ${this.branch}); up to ${Math.round(timeoutMs / 1e3)} s`);
    };
    return withLocalLock(`${this.url}
${this.branch}`, (waited) => {
      if (waited) this.stale = true;
      return attempt(waited);
    }, { onWait, warn: (message) => this.progress ? this.progress(`warning: ${message}`) : printWarning(message) });
  }
  async push(commit) {
    if (this.inPlace) throw new Error("internal: a repository opened for reading is not written to");
    try {
      await this.pushRef(commit, this.branch, this.parentOf.get(commit));
    } catch (error) {
      if (error instanceof NonFastForwardError) this.stale = true;
      throw error;
    }
  }
  /**
   * Pushes `commit` to `branch` only if the branch is at `expected` there ('' for a branch that
   * must not exist yet): a compare-and-swap. A branch that moved on, was set back, or was deleted
   * since it was read is a race (NonFastForwardError), never overwritten or made again. A push git
   * calls failed but that landed (the connection lost after the server took it) is a success; one
   * whose connection broke before it landed is tried again (a server that resets connections while
   * busy, as git daemon does): the lease keeps each try a compare-and-swap.
   */
  async pushRef(commit, branch, expected) {
    const ref = `refs/heads/${branch}`;
    const lease = expected !== void 0 ? [`--force-with-lease=${ref}:${expected}`] : [];
    const write = writeUnderWay({ url: this.url, branch, commit });
    let landed;
    let mayHaveLanded = false;
    let lockWaited = false;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          const { stdout } = await this.git(["push", "--porcelain", ...lease, "origin", `${commit}:${ref}`], { what: `push to ${this.url} (branch ${branch})`, network: true });
          if (!mayHaveLanded && upToDate(stdout.toString("utf8"), ref)) {
            throw new NonFastForwardError(`${branch} on ${redactUrl(this.url)} already holds ${commit.slice(0, 12)}: another run pushed the very same commit`);
          }
          landed = commit;
          return;
        } catch (error) {
          if (!(error instanceof GitError)) throw error;
          if (/\[remote rejected\].*\(branch is currently checked out\)/.test(gitsOwnLines(error.message))) throw this.checkedOut(branch, error);
          const lockHeld = /Unable to create '[^']*\.lock': File exists/.test(error.message);
          if (isRace(error.message) && !(lockHeld && expected !== void 0)) throw new NonFastForwardError(`${branch} moved on ${redactUrl(this.url)}`, error.message);
          const read = () => this.transfer(["ls-remote", "--quiet", "origin", ref], { what: `read ${branch} on ${this.url}` }).then(
            (out) => out.stdout.toString("latin1").split("	")[0]?.trim(),
            () => void 0
          );
          let now = await read();
          if (isRace(error.message)) {
            if (lockHeld && now === expected && !lockWaited && attempt < TRANSFER_TRIES) {
              this.progress?.(redactUrl(`${branch}'s lock on ${this.url} is taken, and ${branch} has not moved: waiting up to ${LOCK_WAIT_S} s for the push holding it to land, then pushing again`));
              for (const pause of LOCK_WAITS_MS) {
                await new Promise((resolveWait) => setTimeout(resolveWait, pause));
                now = await read();
                if (now !== expected) break;
              }
              if (now === expected) {
                lockWaited = true;
                continue;
              }
            }
            if (now !== expected) throw new NonFastForwardError(`${branch} moved on ${redactUrl(this.url)}`, error.message);
            const waited = !lockHeld ? "" : lockWaited ? `; its lock stayed taken for ${LOCK_WAIT_S} s, and was still taken at one more try: a stale one?` : "; its lock is taken: a stale one?";
            throw new GitError(`${error.message}
(${branch} is still ${expected ? `at ${expected.slice(0, 12)}` : "absent"} on the server, so no other push moved it: not a race, and trying again would not help${waited})`, error.exitCode);
          }
          if (now === commit) {
            this.progress?.(`the push reported an error, but ${branch} is at ${commit.slice(0, 12)}: it landed (${error.message.split("\n")[0]})`);
            landed = commit;
            return;
          }
          if (now === void 0) throw new GitError(`${error.message}
(whether the push landed is unknown: ${branch} could not be read afterwards; look at it before running again)`, error.exitCode);
          if (attempt >= TRANSFER_TRIES || !brokenConnection(error.message)) throw error;
          mayHaveLanded = true;
          await transferPause(attempt);
        }
      }
    } finally {
      write.done(landed);
    }
  }
  /**
   * A push refused because `branch` is checked out in the repository `--repo` names (not bare): one
   * line that says so, and what to name instead, for git's twenty lines of advice on
   * receive.denyCurrentBranch. Nothing was written.
   */
  checkedOut(branch, error) {
    const hint = this.cloneOf !== void 0 ? `it is a working clone of ${redactUrl(this.cloneOf)}, and Ferry writes the branch of the repository --repo names, not its remote's: name that one instead (--repo ${redactUrl(this.cloneOf)})` : "name a bare repository (git clone --bare, or ferry init --bare), or check out another branch in it";
    return new GitError(`push to ${redactUrl(this.url)} (branch ${branch}) refused: ${branch} is checked out in that repository (not bare), and git does not update a checked-out branch; nothing was written: ${hint}`, error.exitCode);
  }
  /**
   * Tells the clone that the branch may have moved without it (a commit made by the remote itself,
   * such as GitHub's createCommitOnBranch): the next head() fetches it.
   */
  invalidate() {
    this.stale = true;
  }
  /**
   * The head of another branch of the same remote (a pull request's branch), fetched as the
   * clone fetches its own branch, or undefined when the remote has no such branch.
   */
  async branchHead(branch) {
    if (this.inPlace) throw new Error("internal: a repository opened for reading is not written to");
    assertBranchName(branch);
    const local = `refs/ferry/branches/${branch}`;
    try {
      await this.transfer(["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", ...this.history ? [] : ["--depth=1"], "origin", `+refs/heads/${branch}:${local}`], { what: `fetch ${this.url} (branch ${branch})` });
    } catch (error) {
      if (error instanceof GitError && /couldn't find remote ref/i.test(error.message)) return void 0;
      throw error;
    }
    const [tip] = await this.catFile([`${local}^{commit}`], `read ${this.url} (branch ${branch})`);
    if (tip?.type !== "commit") throw new GitError(redactUrl(`read ${this.url} (branch ${branch}) failed: the branch has no commit`), null);
    return new GitSnapshot(this, tip.oid);
  }
  /**
   * Pushes `commit` to another branch of the remote (creating it), without force. Throws
   * NonFastForwardError when that branch exists and `commit` does not descend from its head.
   */
  async pushTo(commit, branch, options = {}) {
    if (this.inPlace) throw new Error("internal: a repository opened for reading is not written to");
    assertBranchName(branch);
    const { expected } = options;
    if (expected !== void 0 && expected !== "" && !OBJECT_ID.test(expected)) throw new Error(`internal: pushTo expects a commit id or '', found ${JSON.stringify(expected)}`);
    await this.pushRef(commit, branch, expected);
  }
  /**
   * The latest commit that changed each path, walking the fetched history once, newest first.
   * No pathspecs: git would match every changed entry against every path (thousands of
   * manifests times thousands of commits); a set lookup per changed file is enough. git writes
   * to a file, not a pipe, so that it never waits while this process is busy (status parses the
   * manifests meanwhile), and is stopped once every path has its commit. Records are cut at a
   * random token: no commit message can forge one.
   */
  async lastChanges(commit, paths) {
    const found = /* @__PURE__ */ new Map();
    const wanted = new Set(paths);
    if (wanted.size === 0) return found;
    const token = randomBytes2(12).toString("hex");
    const dir = makeTempDir("ferry-log-");
    const take = (text, from, to) => {
      const fields = [];
      for (let at = from - 1, i = 0; i < 5; i++) fields.push(at = text.indexOf("\0", at + 1));
      if (fields.some((at) => at < 0 || at >= to)) throw new GitError(redactUrl(`read the history of ${this.url} failed: git printed a record cut short`), null);
      let info;
      for (const name of text.slice(fields[4] + 1, to).split("\0")) {
        const path = name.replace(/^\n/, "");
        if (!wanted.has(path) || found.has(path)) continue;
        if (!info) {
          const trailers = trailerList(text.slice(fields[3] + 1, fields[4]));
          const requestedBy = trailers.first("Ferry-Action") !== void 0 ? trailers.first("Ferry-Requested-By") : void 0;
          info = {
            commit: text.slice(from, fields[0]),
            date: commitDate(text.slice(fields[0] + 1, fields[1])),
            author: text.slice(fields[1] + 1, fields[2]),
            ...requestedBy ? { requestedBy } : {},
            subject: text.slice(fields[2] + 1, fields[3])
          };
        }
        found.set(path, info);
      }
      return found.size < wanted.size;
    };
    let log;
    try {
      log = new LogFile(join3(dir, "log"), token, [
        ...this.location(),
        "log",
        "-z",
        "--no-renames",
        "--first-parent",
        "-m",
        `--format=${token}%x00%H%x00${COMMIT_DATE}%x00%an%x00%s%x00%B%x00`,
        "--name-only",
        commit
      ], { cwd: this.dir, env: this.env });
      for (; ; ) {
        const { exited } = log;
        if (log.failed) throw new GitError(redactUrl(`read the history of ${this.url} failed: ${log.failure()}`), log.code);
        log.read(exited, take);
        if (log.stopped || log.drained) break;
        await Promise.race([log.closed, new Promise((resolveWait) => setTimeout(resolveWait, 5))]);
      }
    } finally {
      log?.stop();
      await log?.closed;
      await rm2(dir, { recursive: true, force: true });
      openClones.delete(dir);
    }
    return found;
  }
  /**
   * Every commit reachable from `commit` (and from none of `not`: commit ids), newest first, with
   * its parents and the Ferry trailers of its message (parsed as Ferry writes them). Records are
   * cut at a random token: no commit message can forge a boundary.
   */
  async log(commit, not = []) {
    if (!not.every((id) => OBJECT_ID.test(id))) throw new Error(`internal: log() excludes commit ids, found ${JSON.stringify(not.find((id) => !OBJECT_ID.test(id)))}`);
    const token = randomBytes2(12).toString("hex");
    const marker = `${token}\0`;
    const entries = [];
    const decoder = new StringDecoder2("utf8");
    let pending = "";
    const take = (text, end) => {
      pending += text;
      const last = end ? pending.length : pending.lastIndexOf(marker);
      if (last <= 0) return;
      for (const entry of logEntries(pending.slice(0, last), token, true)) entries.push(entry);
      pending = pending.slice(last);
    };
    let failure;
    await runGit([...this.location(), "log", "-z", `--format=${logFormat(token)}%P`, commit, ...not.map((id) => `^${id}`)], {
      cwd: this.dir,
      env: this.env,
      stdout: (chunk) => {
        try {
          if (!failure) take(decoder.write(chunk), false);
        } catch (error) {
          failure = { error };
        }
      }
    });
    if (failure) throw failure.error;
    take(decoder.end(), true);
    return entries;
  }
  /**
   * What a merge brought in from `tip`: the first-parent history of `tip` back to where it meets
   * the history of `known` (commits already read), oldest first, each commit with its Ferry
   * trailers and the files it changed.
   */
  async sideHistory(known, tip) {
    const token = randomBytes2(12).toString("hex");
    const ids = [tip, ...known];
    if (!ids.every((id) => OBJECT_ID.test(id))) throw new Error(`internal: sideHistory takes commit ids, found ${JSON.stringify(ids)}`);
    const out = await this.git(["log", "-z", `--format=${logFormat(token)}`, "--first-parent", "-m", "--no-renames", "--name-only", "--reverse", tip, ...known.map((id) => `^${id}`)]);
    return logEntries(out.stdout.toString("utf8"), token);
  }
  /**
   * What the merges of `commit`'s first-parent line brought in from `since` on (a commit of that
   * line), read in three gits whatever the number of merges: every commit of the history of
   * `commit` that is not in the history of `since`, with its parents; those of them off the
   * first-parent line, each as sideHistory() reads it (Ferry trailers, the files it changed
   * against its first parent); and for each merge among them, the files that differ between it
   * and each of its other parents (`${merge} ${parent}`: what sameFiles() would tell apart), and
   * its first parent too where it has two (the same diff-tree: no git more). One
   * sideHistory() per merge cost a git each: 34 s for 10,000 merged pull requests.
   */
  async commitsSince(commit, since) {
    if (![commit, since].every((id) => OBJECT_ID.test(id))) throw new Error(`internal: commitsSince() takes commit ids, found ${JSON.stringify([commit, since])}`);
    const what = `read the history of ${this.url}`;
    const graph = (await this.git(["rev-list", "--parents", commit, `^${since}`, "--"], { what })).stdout.toString("latin1");
    const parents = /* @__PURE__ */ new Map();
    for (const line of graph.split("\n")) {
      if (!line) continue;
      const [id, ...rest] = line.split(" ");
      parents.set(id, rest);
    }
    const firstParents = /* @__PURE__ */ new Set();
    for (let c = commit; c !== void 0 && parents.has(c); c = parents.get(c)[0]) firstParents.add(c);
    const off = [...parents.keys()].filter((c) => !firstParents.has(c));
    const pairs = [...parents].flatMap(([c, ps]) => [...ps.slice(1), ...ps.length === 2 ? [ps[0]] : []].map((p) => [c, p]));
    const [side, differences] = await Promise.all([
      (async () => {
        const entries = /* @__PURE__ */ new Map();
        if (off.length === 0) return entries;
        for (const entry of await this.changeLog({ only: off }, void 0, what)) entries.set(entry.commit, entry);
        return entries;
      })(),
      (async () => {
        const differ = await this.differingFiles(pairs);
        return new Map(pairs.map((pair, i) => [`${pair[0]} ${pair[1]}`, new Set(differ[i])]));
      })()
    ]);
    return { parents, side, differences };
  }
  /**
   * For each pair of commits, the files that differ between their trees (of `paths` alone, when
   * given), in one git diff-tree for all the pairs, whatever their number.
   */
  async differingFiles(pairs, paths) {
    if (pairs.length === 0 || paths?.length === 0) return pairs.map(() => []);
    if (!pairs.every((pair) => pair.every((id) => OBJECT_ID.test(id)))) throw new Error(`internal: differingFiles() takes commit ids, found ${JSON.stringify(pairs.find((pair) => !pair.every((id) => OBJECT_ID.test(id))))}`);
    const names = await this.diffTreeEach(pairs, ["--name-only", ...paths ? pathspecArgs(paths) : []], `read the history of ${this.url}`);
    const wanted = paths && paths.length > MAX_PATHSPECS ? new Set(paths) : void 0;
    return wanted ? names.map((files) => files.filter((f) => wanted.has(f))) : names;
  }
  /**
   * One `git diff-tree --stdin -r -z --no-renames --always` (and `args`) for every pair of
   * commits, whatever their number: for each, the NUL-terminated fields git printed after the
   * commit's id (with --name-only, the names; else each change's `:<mode> <mode> <old> <new>
   * <status>`, then its name).
   */
  async diffTreeEach(pairs, args, what) {
    const marker = `ferry-${randomBytes2(12).toString("hex")}`;
    const input = pairs.map(([a, b]) => `${a} ${b}
${marker}
`).join("");
    const out = (await this.git(["diff-tree", "--stdin", "-r", "-z", "--no-renames", "--always", ...args], { input: Buffer.from(input), what })).stdout.toString("utf8");
    const answers = [];
    let at = 0;
    for (const pair of pairs) {
      const end = out.indexOf(`${marker}
`, at);
      const start = out.indexOf("\0", at) + 1;
      if (end < 0 || start <= 0 || start > end) throw new GitError(redactUrl(`${what} failed: git diff-tree printed no answer for ${pair.join(" ")}`), null);
      answers.push(start < end ? out.slice(start, end).split("\0").slice(0, -1) : []);
      at = end + marker.length + 1;
    }
    return answers;
  }
  /**
   * For each of `asks` (a merge of two parents, and a file of it), whether the merge has the file
   * as git's own merge of the two parents leaves it (merge-ort, as `git merge` merges, the file
   * without a conflict): a merge made without a hand in that file. One `git merge-tree
   * --write-tree --stdin` for every merge, whatever their number, and the directories of the
   * files read from both trees (by the clone's cat-file, or one of the scratch repository's). What
   * git writes (the merged trees and files) goes to a scratch repository that borrows the objects
   * of one read in place, which is not written to; git may reset the modification time of an
   * object it finds there already (it freshens the object it would have written). A partial
   * clone (Ferry's own) first fetches, in one round, the files git merges (those both sides
   * changed since `bases`, the commits the branch forked from: forkPoints()), which git would
   * fetch one merge at a time (300 merges: 300 fetches, 20 s).
   */
  async mergedAsGitWould(asks) {
    if (asks.length === 0) return [];
    if (!asks.every((a) => [a.merge, ...a.parents, ...a.bases].every((id) => OBJECT_ID.test(id)))) throw new Error(`internal: mergedAsGitWould() takes commit ids, found ${JSON.stringify(asks.find((a) => ![a.merge, ...a.parents, ...a.bases].every((id) => OBJECT_ID.test(id))))}`);
    const merges = new Set(asks.map((a) => a.merge)).size;
    const what = `merge the parents of ${merges === 1 ? "a merge" : `${merges} merges`} of ${this.url} as git does`;
    const pairs = [...new Set(asks.map((a) => a.parents.join(" ")))];
    let scratch;
    try {
      let location = this.location();
      if (this.inPlace) {
        if (this.objectsDir === void 0) throw new Error("internal: a repository read in place without its object store");
        scratch = makeTempDir("ferry-merge-");
        await scratchRepository(scratch, this.objectsDir, asks[0].merge.length > 40);
        location = [`--git-dir=${scratch}`];
      }
      const run = (args, input) => this.git([...location, ...args], { cwd: this.dir, input: Buffer.from(input), what });
      if (this.mode !== "complete") await this.fetchMergedFiles(asks, what);
      const merged = (await run(["merge-tree", "--write-tree", "--stdin", "-z", "--name-only", "--no-messages", "--allow-unrelated-histories"], pairs.map((p) => `${p}
`).join(""))).stdout.toString("utf8").split("\0");
      const trees = /* @__PURE__ */ new Map();
      let at = 0;
      for (const pair of pairs) {
        const tree = merged[at + 1];
        if (!/^[01]$/.test(merged[at] ?? "") || tree === void 0 || !OBJECT_ID.test(tree)) throw new GitError(redactUrl(`${what} failed: git merge-tree printed no answer for ${pair}`), null);
        const conflicted = /* @__PURE__ */ new Set();
        for (at += 2; at < merged.length && merged[at] !== ""; at++) conflicted.add(merged[at]);
        if (at >= merged.length) throw new GitError(redactUrl(`${what} failed: git merge-tree printed an answer cut short for ${pair}`), null);
        at++;
        trees.set(pair, { tree, conflicted });
      }
      const sure = asks.map((a) => !a.path.includes("\n") && !trees.get(a.parents.join(" ")).conflicted.has(a.path));
      const dirOf = (path) => path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
      const names = [...new Set(asks.flatMap((a, i) => sure[i] ? [`${trees.get(a.parents.join(" ")).tree}:${dirOf(a.path)}`, `${a.merge}:${dirOf(a.path)}`] : []))];
      const reader = scratch !== void 0 ? new ObjectReader(location, this.dir, this.env) : void 0;
      let listings;
      try {
        const objects = names.length ? await (reader ? reader.read(names, what) : this.catFile(names, what)) : [];
        listings = new Map(names.map((name, i) => {
          const object = objects[i];
          return [name, object?.type === "tree" ? new TreeListing(object.oid, object.content) : void 0];
        }));
      } finally {
        await reader?.close();
      }
      return asks.map((a, i) => {
        if (!sure[i]) return false;
        const entry = (rev) => listings.get(`${rev}:${dirOf(a.path)}`)?.get(a.path.slice(a.path.lastIndexOf("/") + 1))?.oid;
        return entry(trees.get(a.parents.join(" ")).tree) === entry(a.merge);
      });
    } finally {
      if (scratch !== void 0) await removeTempDir(scratch);
    }
  }
  /**
   * Fetches, in one round, the files git's merge of each of `merges`' parents reads: of each file
   * both sides changed since a base (a change of each, one git diff-tree for all), its versions
   * there and on each side.
   */
  async fetchMergedFiles(merges, what) {
    const pairs = [...new Map(merges.flatMap((m) => m.bases.map((base) => [`${base} ${m.parents.join(" ")}`, { base, parents: m.parents }]))).values()];
    if (pairs.length === 0) return;
    const fields = await this.diffTreeEach(pairs.flatMap(({ base, parents }) => parents.map((side) => [side, base])), [], what);
    const answers = fields.map((changes) => {
      const changed = /* @__PURE__ */ new Map();
      for (let f = 0; f + 1 < changes.length; f += 2) {
        const [, , before, after] = changes[f].split(" ");
        if (before !== void 0 && after !== void 0) changed.set(changes[f + 1], { before, after });
      }
      return changed;
    });
    const blobs = /* @__PURE__ */ new Set();
    for (let i = 0; i < pairs.length; i++) {
      const [ours, theirs] = [answers[2 * i], answers[2 * i + 1]];
      for (const [path, one] of ours) {
        const other = theirs.get(path);
        if (other === void 0 || other.after === one.after) continue;
        for (const oid of [one.before, one.after, other.after]) if (!/^0+$/.test(oid)) blobs.add(oid);
      }
    }
    await this.fetchMissing([...blobs], "blob:none", `fetch the files git merges from ${this.url}`);
  }
  /**
   * What is at `path` in `commit`, as its mode and object id (`100644 <blob>`): the same for the
   * same file, whichever commit has it; undefined where there is nothing. Only trees are read: a
   * caller that has read the file before need not read it again.
   */
  async fileId(commit, path) {
    const entry = (await this.walk(commit, [path])).get(path);
    return entry && `${entry.mode} ${entry.oid}`;
  }
  /** The root commits (commits without a parent) in the history of `commit`, its side branches' included. */
  async rootCommits(commit) {
    const out = await this.git(["rev-list", "--max-parents=0", commit, "--"], { what: `read the history of ${this.url}` });
    return out.stdout.toString("latin1").split("\n").filter(Boolean);
  }
  /** Whether commits `a` and `b` have a commit in common in their histories. */
  async related(a, b) {
    try {
      if (![a, b].every((id) => OBJECT_ID.test(id))) throw new Error(`internal: related() takes commit ids, found ${JSON.stringify([a, b])}`);
      await this.git(["merge-base", a, b], { what: `compare the histories of ${a.slice(0, 12)} and ${b.slice(0, 12)} in ${this.url}` });
      return true;
    } catch (error) {
      if (error instanceof GitError && error.exitCode === 1) return false;
      throw error;
    }
  }
  /** A commit's parents, the first one first (asked for the few commits that need it, not printed by every log). */
  async parents(commit) {
    const { header } = await this.readCommit(commit);
    return [...header.matchAll(/^parent ([0-9a-f]+)$/gm)].map((m) => m[1]);
  }
  /** A commit's message (as stored: UTF-8 by default). */
  async message(commit) {
    return (await this.readCommit(commit)).message;
  }
  /**
   * Each of `commits` (ids: a chosen few, not a walk of the history) as lastChanges() describes a
   * commit, with its Ferry trailers and its parents (the first one first): one git, no tree
   * compared. Records are cut at a random token: no commit message can forge one.
   */
  async commitInfos(commits) {
    const found = /* @__PURE__ */ new Map();
    const unique = [...new Set(commits)];
    if (unique.length === 0) return found;
    if (!unique.every((id) => OBJECT_ID.test(id))) throw new Error(`internal: commitInfos() takes commit ids, found ${JSON.stringify(unique.find((id) => !OBJECT_ID.test(id)))}`);
    const token = randomBytes2(12).toString("hex");
    const marker = `${token}\0`;
    const out = await this.git(["log", "--no-walk=unsorted", "--stdin", "-z", `--format=${token}%x00%H%x00${COMMIT_DATE}%x00%an%x00%P%x00%s%x00%B%x00`], {
      input: Buffer.from(`${unique.join("\n")}
`),
      what: `read commits of ${this.url}`
    });
    const text = out.stdout.toString("utf8");
    for (let at = text.indexOf(marker); at >= 0; ) {
      const next = text.indexOf(marker, at + marker.length);
      const end = next < 0 ? text.length : next;
      const from = at + marker.length;
      const fields = nthIndexOf(text, "\0", from, 5);
      if (fields < 0 || fields >= end) throw new GitError(redactUrl(`read commits of ${this.url} failed: git printed a record cut short`), null);
      const [commit, date, author, parents, subject] = text.slice(from, fields).split("\0");
      const trailers = trailerList(text.slice(fields + 1, end).replace(/\0+$/, ""));
      const requestedBy = trailers.first("Ferry-Action") !== void 0 ? trailers.first("Ferry-Requested-By") : void 0;
      found.set(commit, { commit, date: commitDate(date), author, ...requestedBy ? { requestedBy } : {}, subject, trailers, parents: parents.split(" ").filter(Boolean) });
      at = next;
    }
    return found;
  }
  /** A commit object: its header lines, and its message after the blank line. */
  async readCommit(commit) {
    const [object] = await this.catFile([commit], `read commit ${commit}`);
    if (object?.type !== "commit") throw new GitError(`read commit ${commit} failed: no such commit`, null);
    const end = object.content.indexOf("\n\n");
    return {
      header: object.content.toString("latin1", 0, Math.max(0, end)),
      message: end < 0 ? "" : object.content.toString("utf8", end + 2)
    };
  }
  /** Those of `paths` that are the same file (same content and mode, or absent from both) in commits `a` and `b`. */
  async sameFiles(a, b, paths) {
    const [inA, inB] = await Promise.all([this.walk(a, paths), this.walk(b, paths)]);
    return new Set(paths.filter((p) => inA.get(p)?.oid === inB.get(p)?.oid && inA.get(p)?.mode === inB.get(p)?.mode));
  }
  /**
   * The first-parent history of `commit`, oldest first, in batches, each commit with its Ferry
   * trailers and the files it changed against its first parent.
   *
   * Comparing each commit's trees with its parent's is most of the cost, so two gits share it:
   * one reads from the newest commit back, the other (--reverse) from the oldest forward, and
   * both stop where they meet. No count or midpoint is needed first, and neither does more than
   * its share. Each writes to a file (its standard output) that is read as it grows: a pipe would
   * wake Ferry for every commit and make git wait while it is full. The oldest-first reader's
   * commits are handed out as they come, in small batches; the other's once the two have met.
   */
  async *firstParentHistory(commit) {
    const token = randomBytes2(12).toString("hex");
    const dir = makeTempDir("ferry-log-");
    const what = `read the history of ${this.url}`;
    const start = (name, extra) => new LogFile(join3(dir, name), token, [
      ...this.location(),
      "log",
      "-z",
      `--format=${token}%x00%H%x00${COMMIT_DATE}%x00%P%x00%B%x00`,
      "--first-parent",
      "-m",
      "--no-renames",
      "--name-only",
      ...extra,
      commit
    ], { cwd: this.dir, env: this.env });
    const oldest = start("oldest", ["--reverse"]);
    const newest = start("newest", []);
    this.objectReader();
    try {
      const held = [];
      let queue = [];
      let next = 0;
      let newestLast;
      let oldestLast;
      let done = false;
      const poll = () => {
        const exited = [newest.exited, oldest.exited];
        for (const file of [newest, oldest]) if (file.failed) throw new GitError(redactUrl(`${what} failed: ${file.failure()}`), file.code);
        newest.read(exited[0], (text, from, to) => {
          const hash = text.slice(from, text.indexOf("\0", from));
          if (hash === oldestLast) return false;
          held.push([text, from, to]);
          newestLast = hash;
          return true;
        });
        if (!newest.stopped) {
          oldest.read(exited[1], (text, from, to) => {
            const hash = text.slice(from, text.indexOf("\0", from));
            if (hash === newestLast) return false;
            queue.push([text, from, to]);
            oldestLast = hash;
            return true;
          });
        }
        if (newest.stopped || oldest.stopped) done = true;
        else if (exited[0] && newest.drained) {
          done = true;
        } else if (exited[1] && oldest.drained) {
          held.length = 0;
          done = true;
        }
        if (done) {
          newest.stop();
          oldest.stop();
        }
      };
      for (; ; ) {
        poll();
        while (next < queue.length) {
          const batch = [];
          for (const end = Math.min(queue.length, next + BATCH); next < end; next++) batch.push(walkedEntry(...queue[next]));
          yield batch;
          if (!done) poll();
        }
        queue = [];
        next = 0;
        if (done) break;
        await new Promise((resolveWait) => setTimeout(resolveWait, 2));
      }
      for (let end = held.length; end > 0; end -= BATCH) {
        const batch = [];
        for (let i = end - 1; i >= Math.max(0, end - BATCH); i--) batch.push(walkedEntry(...held[i]));
        yield batch;
      }
    } finally {
      newest.stop();
      oldest.stop();
      await Promise.all([newest.closed, oldest.closed]);
      await rm2(dir, { recursive: true, force: true });
      openClones.delete(dir);
    }
  }
  /**
   * Reads files at `commit`. Directories are walked level by level: at each level, the trees
   * not here yet are fetched in one round, then read in one cat-file; the files last, also in one
   * round. The cost follows the paths read, not the size of the repository. A file that is not
   * UTF-8, or no regular file (a symbolic link), is refused (ConfigurationError).
   */
  async readFiles(commit, paths) {
    const files = await this.readEach(commit, paths, false, false);
    return files;
  }
  /**
   * As readFiles(), but a file that is no text Ferry can read (not UTF-8, a symbolic link) is its
   * own ConfigurationError in the map, not the end of the read: the others are read all the same.
   * `lossy`: text that is not UTF-8 is read all the same; what is no regular file is still reported.
   */
  async readFilesReporting(commit, paths, options = {}) {
    return this.readEach(commit, paths, options.lossy === true, true);
  }
  /**
   * One file as it was at each of `commits` (in their order): its text, undefined where there was
   * none, or the ConfigurationError that kept it from being read (as readFilesReporting). With
   * `read`, what it makes of each instead, called once per content (and once per version without
   * one): a caller that keeps one thing of each version (rollback: the image it pins) never holds
   * every text at once. No tree of these commits comes to this process (changedEntries()); the
   * blobs missing from a partial clone come in one fetch (rollback reads every version of a manifest).
   */
  async readFileVersions(commits, path, read) {
    return this.readFilesAt(commits.map((commit) => ({ commit, path })), read);
  }
  /** As readFileVersions(), for a file of its own at each commit: several files' versions in one fetch. */
  async readFilesAt(versions, read = (file) => file) {
    const key = ({ commit, path }) => `${commit}\0${path}`;
    const unread = [...new Map(versions.filter((v) => !this.versionEntries.has(key(v))).map((v) => [key(v), v])).values()];
    if (unread.length) {
      const found = this.mode === "treeless" || new Set(unread.map((v) => v.commit)).size <= FEW_COMMITS ? await this.walkEach(unread) : await this.changedEntries(unread);
      unread.forEach((v, i) => this.versionEntries.set(key(v), found[i] ?? null));
    }
    const entries = versions.map((v) => this.versionEntries.get(key(v)) ?? void 0);
    const problems = [];
    const blobs = /* @__PURE__ */ new Map();
    entries.forEach((entry, i) => {
      if (!entry) return;
      const { path } = versions[i];
      try {
        assertRegularFile(path, entry);
        const paths2 = blobs.get(entry.oid) ?? /* @__PURE__ */ new Set();
        blobs.set(entry.oid, paths2.add(path));
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
        problems[i] = error;
      }
    });
    const made = /* @__PURE__ */ new Map();
    const paths = new Set(versions.map((v) => v.path));
    await this.eachBlob([...blobs.keys()], paths.size === 1 ? [...paths][0] : `${paths.size} files`, (oid, bytes) => {
      for (const path of blobs.get(oid)) {
        let file;
        try {
          file = decodeText(bytes, path);
        } catch (error) {
          if (!(error instanceof ConfigurationError)) throw error;
          file = error;
        }
        made.set(`${oid}\0${path}`, read(file, path));
      }
    });
    return versions.map(({ path }, i) => {
      const entry = entries[i];
      const problem = problems[i];
      if (problem) return read(problem, path);
      return entry ? made.get(`${entry.oid}\0${path}`) : read(void 0, path);
    });
  }
  /**
   * The tree entry of each version's path at its commit (undefined: no such file), from what each
   * commit changed against its first parent: one `git diff-tree` for all of them compares the
   * trees in git (for a few paths, only along them) and no tree comes to this process. Versions
   * are read where their file changed (rollback, soak and history read the commits that changed a
   * manifest), so each is among its commit's changes; one whose commit left its path alone is
   * walked. Walking every version instead read the listings of each commit (10,000 versions of a
   * manifest among 2,000 apps: 9 s, 700 MB of trees kept).
   */
  async changedEntries(versions) {
    const wanted = /* @__PURE__ */ new Map();
    for (const { commit, path } of versions) {
      if (!OBJECT_ID.test(commit)) continue;
      const paths = wanted.get(commit) ?? /* @__PURE__ */ new Set();
      wanted.set(commit, paths.add(path));
    }
    const changed = /* @__PURE__ */ new Map();
    if (wanted.size) {
      const paths = [...new Set(versions.map((v) => v.path))];
      const out = await this.git([
        "diff-tree",
        "--stdin",
        "-z",
        "-r",
        "-t",
        "--no-renames",
        "--root",
        "-m",
        "--first-parent",
        ...pathspecArgs(paths)
      ], { input: Buffer.from(`${[...wanted.keys()].join("\n")}
`), what: `read the versions of ${paths.length === 1 ? paths[0] : `${paths.length} files`} in ${this.url}` });
      parseChanges(out.stdout.toString("utf8"), wanted, changed);
    }
    const entries = new Array(versions.length);
    const unchanged = [];
    versions.forEach(({ commit, path }, i) => {
      const entry = changed.get(commit)?.get(path);
      if (entry === void 0) unchanged.push(i);
      else entries[i] = entry ?? void 0;
    });
    const walked = await this.walkEach(unchanged.map((i) => versions[i]));
    unchanged.forEach((i, k) => entries[i] = walked[k]);
    return entries;
  }
  /** The tree entry of each version's path at its commit, walked a few commits at a time. */
  async walkEach(versions) {
    const byCommit = /* @__PURE__ */ new Map();
    for (const { commit, path } of versions) byCommit.set(commit, (byCommit.get(commit) ?? /* @__PURE__ */ new Set()).add(path));
    const found = /* @__PURE__ */ new Map();
    const commits = [...byCommit.keys()];
    for (let at = 0; at < commits.length; at += WALKS_AT_ONCE) {
      await Promise.all(commits.slice(at, at + WALKS_AT_ONCE).map(async (commit) => {
        found.set(commit, await this.walk(commit, [...byCommit.get(commit)]));
      }));
    }
    return versions.map(({ commit, path }) => found.get(commit).get(path));
  }
  /**
   * The commits on the first-parent line of `commit` that changed any of `paths` (a merge: against
   * its first parent), newest first, each with its date, its Ferry trailers and those of the paths
   * it changed. A side branch's commits are not listed: what they changed reached this branch with
   * their merge. Only the trees along the paths are compared (git prunes the rest): far less than
   * firstParentHistory(), which lists every file of every commit.
   *
   * But git matches every name it compares against every pathspec: past a few dozen paths (every
   * manifest of a large env repo) that costs far more than comparing the trees whole. So many
   * paths are looked for here, in each commit's list of files, from a log without pathspecs.
   */
  async pathChanges(commit, paths) {
    if (paths.length === 0) return [];
    return this.changeLog({ from: commit }, paths);
  }
  /**
   * Those of `commits` (ids: a chosen few, not a walk of the history) that changed any of `paths`
   * against their first parent, in the order given, as pathChanges() lists them: in one git.
   */
  async changesIn(commits, paths) {
    if (commits.length === 0 || paths.length === 0) return [];
    if (!commits.every((id) => OBJECT_ID.test(id))) throw new Error(`internal: changesIn() takes commit ids, found ${JSON.stringify(commits.find((id) => !OBJECT_ID.test(id)))}`);
    return this.changeLog({ only: commits }, paths, `read the history of ${this.url}`);
  }
  /**
   * The commits of the first-parent line `from` a commit, newest first, or `only` these (in their
   * order), each with its date, its Ferry trailers and the files it changed against its first
   * parent; with `paths`, only those that changed any of them, each with those of them (as a log
   * given them as pathspecs lists them).
   */
  async changeLog(commits, paths, what) {
    const token = randomBytes2(12).toString("hex");
    const only = "only" in commits ? commits.only : void 0;
    const out = await this.git([
      "log",
      ...only ? ["--no-walk=unsorted", "--stdin"] : [],
      "-z",
      `--format=${logFormat(token)}`,
      "--first-parent",
      "-m",
      "--no-renames",
      "--name-only",
      ..."from" in commits ? [commits.from] : [],
      ...paths ? pathspecArgs(paths) : []
    ], { ...only ? { input: Buffer.from(`${only.join("\n")}
`) } : {}, ...what ? { what } : {} });
    const entries = logEntries(out.stdout.toString("utf8"), token);
    return paths && paths.length > MAX_PATHSPECS ? changesTo(entries, paths) : entries;
  }
  /**
   * Hands the bytes of each blob to `take`, those missing from a partial clone fetched first, in
   * one round. They are read a group at a time, each of about BLOB_GROUP_BYTES as far as the
   * blobs read so far tell: every version of a large file is never held at once.
   */
  async eachBlob(oids, what, take) {
    await this.fetchMissing(oids, "blob:none", `fetch ${what} from ${this.url}`);
    let group = FIRST_BLOB_GROUP;
    let bytes = 0;
    for (let at = 0; at < oids.length; ) {
      const names = oids.slice(at, at + group);
      const objects = await this.catFile(names, `read ${what} from ${this.url}`);
      names.forEach((oid, i) => {
        const content = objects[i]?.content;
        objects[i] = void 0;
        bytes += content?.length ?? 0;
        take(oid, content);
      });
      at += names.length;
      group = Math.max(1, Math.min(MAX_BLOB_GROUP, Math.floor(BLOB_GROUP_BYTES * at / Math.max(1, bytes))));
    }
  }
  /** The bytes of each blob, those missing from a partial clone fetched first, in one round (eachBlob(), kept). */
  async blobContents(oids, what) {
    const contents = /* @__PURE__ */ new Map();
    await this.eachBlob(oids, what, (oid, bytes) => contents.set(oid, bytes));
    return contents;
  }
  async readEach(commit, paths, lossy, report) {
    const result = new Map(paths.map((p) => [p, void 0]));
    if (paths.length === 0) return result;
    const decode = (bytes, path) => lossy ? lossyText(bytes, path) : decodeText(bytes, path);
    const each = (path, read) => {
      try {
        read();
      } catch (error) {
        if (!report || !(error instanceof ConfigurationError)) throw error;
        result.set(path, error);
      }
    };
    const links = report && !lossy ? /* @__PURE__ */ new Map() : void 0;
    const entries = await this.walk(commit, paths, void 0, links);
    for (const [path, link] of links ?? []) result.set(path, linkOnTheWay(path, link));
    const files = /* @__PURE__ */ new Map();
    for (const [path, entry] of entries) each(path, () => {
      assertRegularFile(path, entry);
      files.set(path, entry);
    });
    const content = await this.blobContents([...new Set([...files.values()].filter((e) => e.type === "blob").map((e) => e.oid))], "files");
    const text = /* @__PURE__ */ new Map();
    for (const [path, entry] of files) {
      if (entry.type !== "blob" || entry.mode === "120000") continue;
      const bytes = content.get(entry.oid);
      each(path, () => {
        if (!text.has(entry.oid)) text.set(entry.oid, bytes && decode(bytes, path));
        result.set(path, text.get(entry.oid));
      });
    }
    return result;
  }
  /**
   * The tree entry of each path at `commit` that exists, fetching and reading the trees along the
   * way. A head's trees are kept (head() keeps its root as it reads it): its files are read again,
   * and commit() goes through them. An old commit's are not: read once (audit reads ferry.yaml at
   * each commit that changed it), thousands of them would stay for nothing.
   */
  async walk(commit, paths, lastRound, links) {
    let root = this.roots.get(commit);
    const held = root !== void 0 && this.trees.has(root) ? this.trees : /* @__PURE__ */ new Map();
    const listing = (oid) => this.trees.get(oid) ?? held.get(oid);
    if (root === void 0 || !listing(root)) {
      const [tree] = await this.catFile([`${commit}^{tree}`], `read commit ${commit}`);
      if (tree?.type !== "tree") throw new GitError(`read commit ${commit} failed: no such commit in the clone`, null);
      root = tree.oid;
      this.roots.set(commit, root);
      this.addTree(root, tree.content, held);
    }
    const found = /* @__PURE__ */ new Map();
    let pending = paths.map((path) => ({ path, segments: path.split("/"), depth: 0, tree: root }));
    while (pending.length) {
      const unread = [...new Set(pending.map((p) => p.tree).filter((oid) => !listing(oid)))];
      if (unread.length) {
        const leaves = new Set(pending.filter((p) => p.depth === p.segments.length - 1).map((p) => p.tree));
        if (pending.every((p) => p.depth === p.segments.length - 1)) lastRound?.();
        await Promise.all([
          this.fetchMissing(unread.filter((oid) => leaves.has(oid)), "tree:1", `fetch directories from ${this.url}`),
          this.fetchMissing(unread.filter((oid) => !leaves.has(oid)), "tree:0", `fetch directories from ${this.url}`)
        ]);
        const objects = await this.catFile(unread, `read directories from ${this.url}`);
        unread.forEach((oid, i) => {
          const object = objects[i];
          if (object?.type !== "tree") throw new GitError(redactUrl(`read directories from ${this.url} failed: tree ${oid} is missing`), null);
          this.addTree(oid, object.content, held);
        });
      }
      const next = [];
      for (const p of pending) {
        const entry = listing(p.tree).get(p.segments[p.depth]);
        if (!entry) continue;
        if (p.depth === p.segments.length - 1) found.set(p.path, entry);
        else if (entry.type === "tree") next.push({ ...p, depth: p.depth + 1, tree: entry.oid });
        else if (entry.mode === "120000") links?.set(p.path, p.segments.slice(0, p.depth + 1).join("/"));
      }
      pending = next;
    }
    return found;
  }
  /**
   * Fetches, in one round, the objects of `oids` not known to be here (waiting for those a fetch
   * under way brings). `tree:0` fetches a tree alone; `tree:1` with what is directly in it (files,
   * and the listings of its directories). Blob-less and complete clones have every tree already.
   */
  async fetchMissing(oids, filter, what) {
    if (this.mode === "complete" || filter !== "blob:none" && this.mode !== "treeless") return;
    const waits = [];
    const needed = [];
    for (const oid of new Set(oids)) {
      if (this.present.has(oid)) continue;
      const pending = this.inflight.get(oid);
      if (pending) waits.push(pending);
      else needed.push(oid);
    }
    if (needed.length) {
      const viaStdin = needed.length > MAX_IDS_IN_ARGS;
      const fetched = this.transfer(["-c", "fetch.negotiationAlgorithm=noop", "fetch", "--quiet", "--no-tags", "--no-write-fetch-head", `--filter=${filter}`, ...viaStdin ? ["--stdin", "origin"] : ["origin", ...needed]], {
        ...viaStdin ? { input: Buffer.from(`${needed.join("\n")}
`) } : {},
        what
      }).then(() => {
        for (const oid of needed) {
          this.present.add(oid);
          if (filter === "tree:1") this.withEntries.add(oid);
        }
      }).finally(() => {
        for (const oid of needed) this.inflight.delete(oid);
      });
      for (const oid of needed) this.inflight.set(oid, fetched);
      waits.push(fetched);
    }
    await Promise.all(waits);
  }
  /**
   * Keeps a tree object (in `into`: the trees kept for later reads, or a walk's own); what is
   * directly in it is known to be here when it came with it (`tree:1`).
   */
  addTree(oid, content, into = this.trees) {
    const listing = new TreeListing(oid, content);
    if (this.mode !== "complete" && this.withEntries.has(oid)) {
      for (const entry of listing.entries()) if (entry.type !== "commit") this.present.add(entry.oid);
    }
    into.set(oid, listing);
    this.present.add(oid);
  }
  /** Objects by name (ids, `rev:path`), or undefined for a name that names none; one cat-file process per clone. */
  catFile(names, what) {
    return this.objectReader().read(names, what);
  }
  /** The clone's one cat-file process, started on first use. */
  objectReader() {
    return this.reader ??= new ObjectReader(this.location(), this.dir, this.env);
  }
  /**
   * A clone or fetch, tried again (up to TRANSFER_TRIES times, after a short jittered wait) when
   * the connection broke on the way: a server that takes few connections at once (git daemon
   * keeps 5 waiting) resets some when many pipelines start together. Any other failure is
   * reported as itself at once. `reset` clears what a broken try left (a clone's directory).
   */
  async transfer(args, options, reset) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.git(args, { ...options, network: true, receiving: !this.inPlace });
      } catch (error) {
        if (attempt >= TRANSFER_TRIES || !(error instanceof GitError) || !brokenConnection(error.message)) throw error;
        await transferPause(attempt);
        await reset?.();
      }
    }
  }
  async git(args, options = {}) {
    const { network, receiving, ...rest } = options;
    const watch2 = network ? { network: {
      limitS: this.timeoutS,
      progress: this.progress ?? ((line) => process.stderr.write(`ferry: ${line}
`)),
      ...receiving ? { receivingInto: join3(this.dir, "objects", "pack") } : {}
    } } : {};
    try {
      return await runGit(options.cwd ? args : [...this.location(), ...args], { ...rest, ...watch2, cwd: options.cwd ?? this.dir, env: this.env });
    } catch (error) {
      if (this.credentialsInUrl && error instanceof GitError && /could not read (Username|Password) for '[^']*': terminal prompts disabled/.test(error.message)) {
        throw new GitError(error.message.replace(/(?:fatal: )?could not read (?:Username|Password) for '([^']*)': terminal prompts disabled/, (_, origin) => `authentication failed: ${origin} refused the user name and password given in the URL`), error.exitCode);
      }
      throw error;
    }
  }
  /**
   * How git is told which repository: the temporary clone by --git-dir (a bare repository found
   * by `-C` is refused under safe.bareRepository=explicit); a repository read in place, which may
   * have a work tree, by -C.
   */
  location() {
    return this.inPlace ? ["-C", this.dir] : [`--git-dir=${this.dir}`];
  }
  /**
   * The remote's branches under `prefix` (Ferry's proposals: `ferry/<env>/…`), each with the
   * commits it has that the remote's base branch (read anew) does not, newest first: what a pull
   * request from it would merge. A branch without any (merged, or at a commit of the base) is left
   * out. One ls-remote of those branches: a remote without any costs nothing more. With some, one
   * fetch of them and of the base, then one for-each-ref and one log over them all: as many gits
   * for a thousand branches as for one.
   *
   * A clone without history (a block's) fetches them and the base to a bounded depth,
   * PROPOSAL_DEPTH (their commits only, `tree:0`, where the server filters; a server that does not
   * sends those commits' trees and files, never the whole history): what a branch forked from the
   * base's last commits needs. Where a branch's walk reaches the cut, the base alone is fetched
   * deeper, once, to BASE_DEPTH (a branch forked further back), and a branch still cut then comes
   * back with `unread` saying so, and no commits: which of its commits are its own cannot be told
   * within the bound. What is fetched is bounded by the branches' number, never by the history.
   */
  async proposalBranches(prefix = "ferry/") {
    if (this.inPlace) throw new Error("internal: proposalBranches() reads a clone");
    const heads = `refs/heads/${prefix}`;
    const what = `read the branches ${prefix}* of ${this.url}`;
    const listed = await this.transfer(["ls-remote", "--quiet", "origin", `${heads}*`], { what });
    if (!listed.stdout.toString("utf8").split("\n").some((line) => line.split("	")[1]?.startsWith(heads))) return [];
    const [local, base] = ["refs/ferry/proposals/", "refs/ferry/proposal-base"];
    const shallow = (await this.git(["rev-parse", "--is-shallow-repository"], { what })).stdout.toString("latin1").trim() === "true";
    const fetch = (depth, refspecs) => this.transfer([
      "fetch",
      "--quiet",
      "--no-tags",
      "--no-write-fetch-head",
      "--prune",
      ...depth !== void 0 ? [`--depth=${depth}`] : [],
      ...this.mode !== "complete" ? ["--filter=tree:0"] : [],
      "origin",
      ...refspecs
    ], { what });
    await fetch(shallow ? PROPOSAL_DEPTH : void 0, [`+refs/heads/${this.branch}:${base}`, `+${heads}*:${local}*`]);
    const tips = (await this.git(["for-each-ref", "--format=%(objectname) %(refname)", local], { what })).stdout.toString("utf8").split("\n").filter(Boolean).map((line) => ({ commit: line.slice(0, line.indexOf(" ")), branch: `${prefix}${line.slice(line.indexOf(" ") + 1 + local.length)}` }));
    if (!tips.length) return [];
    const ownCommits = async () => {
      const cut = await readFile2(join3(this.dir, "shallow"), "latin1").catch(() => "");
      const token = randomBytes2(12).toString("hex");
      const out = await this.git(["log", "-z", `--format=${logFormat(token)}%P`, "--stdin"], { what, input: Buffer.from(`${[...new Set(tips.map((t) => t.commit))].join("\n")}
^${base}
`) });
      const own = new Map(logEntries(out.stdout.toString("utf8"), token, true).map((e, i) => [e.commit, { entry: e, order: i }]));
      return tips.map((tip) => {
        const reached = /* @__PURE__ */ new Set();
        let atCut = false;
        for (const stack = [tip.commit]; stack.length; ) {
          const id = stack.pop();
          const found = own.get(id);
          if (!found || reached.has(id)) continue;
          reached.add(id);
          if (cut !== "" && !found.entry.parents?.length) atCut = true;
          stack.push(...found.entry.parents ?? []);
        }
        return { ...tip, cut: atCut, commits: [...reached].map((id) => own.get(id)).sort((x, y) => x.order - y.order).map((o) => o.entry) };
      });
    };
    let read = await ownCommits();
    if (read.some((b) => b.cut)) {
      await fetch(BASE_DEPTH, [`+refs/heads/${this.branch}:${base}`]);
      read = await ownCommits();
    }
    const why = `its fork point from ${this.branch} is further back than Ferry reads to tell a branch's own commits from ${this.branch}'s (${BASE_DEPTH} commits of ${this.branch}, ${PROPOSAL_DEPTH} of the branch): a branch that old, one merged long ago and not deleted, or one of more than ${PROPOSAL_DEPTH - 1} commits`;
    return read.flatMap(({ cut, ...b }) => cut ? [{ branch: b.branch, commit: b.commit, commits: [], unread: why }] : b.commits.length ? [b] : []);
  }
};
var PROPOSAL_DEPTH = 64;
var BASE_DEPTH = 1024;
var FEW_COMMITS = 8;
var WALKS_AT_ONCE = 16;
var FIRST_BLOB_GROUP = 8;
var BLOB_GROUP_BYTES = 16 * 1024 * 1024;
var MAX_BLOB_GROUP = 1e3;
function parseChanges(out, wanted, changed) {
  let want;
  let changes;
  for (let at = 0; at < out.length; ) {
    const end = out.indexOf("\0", at);
    if (end < 0) break;
    if (out.charCodeAt(at) !== 58) {
      const commit = out.slice(at, end).trim();
      want = wanted.get(commit);
      changes = void 0;
      if (want) {
        changes = changed.get(commit) ?? /* @__PURE__ */ new Map();
        changed.set(commit, changes);
      }
      at = end + 1;
      continue;
    }
    const pathEnd = out.indexOf("\0", end + 1);
    if (pathEnd < 0) throw new GitError(`git diff-tree printed a change cut short: ${JSON.stringify(out.slice(at, at + 200))}`, null);
    const path = out.slice(end + 1, pathEnd);
    const meta = out.slice(at + 1, end);
    at = pathEnd + 1;
    if (!changes || !want?.has(path)) continue;
    const [, newMode, , oid, status] = meta.split(" ");
    if (status === "D") {
      if (!changes.has(path)) changes.set(path, null);
      continue;
    }
    const mode = newMode.replace(/^0+/, "");
    changes.set(path, { mode, type: mode === "40000" ? "tree" : mode === "160000" ? "commit" : "blob", oid });
  }
}
var OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
async function scratchRepository(dir, objects, sha256) {
  await Promise.all([mkdir2(join3(dir, "objects", "info"), { recursive: true }), mkdir2(join3(dir, "refs"))]);
  await Promise.all([
    writeFile(join3(dir, "HEAD"), "ref: refs/heads/main\n"),
    writeFile(join3(dir, "config"), `[core]
	repositoryformatversion = ${sha256 ? 1 : 0}
	bare = true
${sha256 ? "[extensions]\n	objectformat = sha256\n" : ""}`),
    writeFile(join3(dir, "objects", "info", "alternates"), `${objects}
`)
  ]);
}
var MAX_IDS_IN_ARGS = 1e3;
function changesTo(entries, paths) {
  const wanted = new Set(paths);
  const named = (file) => {
    for (let end = file.length; end > 0; end = file.lastIndexOf("/", end - 1)) if (wanted.has(file.slice(0, end))) return true;
    return false;
  };
  return entries.flatMap((entry) => {
    const files = entry.files.filter(named);
    return files.length ? [{ ...entry, files }] : [];
  });
}
function pathspecArgs(paths) {
  return paths.length <= MAX_PATHSPECS ? ["--", ...paths.map((p) => `:(literal)${p}`)] : [];
}
var MAX_PATHSPECS = 32;
var TRANSFER_TRIES = 3;
function transferPause(attempt) {
  return new Promise((resolveWait) => setTimeout(resolveWait, 50 * 2 ** attempt * (0.5 + Math.random())));
}
var BROKEN_CONNECTION_RE = /Connection reset by peer|early EOF|unexpected disconnect while reading sideband packet/;
var BATCH = 200;
var UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
var MAX_TEXT_BYTES = 64 * 1024 * 1024;
function assertTextSize(bytes, path) {
  if (bytes.length > MAX_TEXT_BYTES) {
    throw new FileTooLargeError({ file: path, message: `is ${(bytes.length / 2 ** 20).toFixed(1)} MiB; Ferry reads the env repo's files up to ${MAX_TEXT_BYTES / 2 ** 20} MiB` }, bytes.length);
  }
}
function lossyText(bytes, path) {
  assertTextSize(bytes, path);
  return bytes.toString("utf8");
}
function assertRegularFile(path, entry) {
  if (entry.mode === "120000") throw notARegularFile(path, "a symbolic link");
  if (entry.type === "tree") throw notARegularFile(path, "a directory");
  if (entry.type === "commit") throw notARegularFile(path, "a submodule");
}
function linkOnTheWay(path, link) {
  return new ConfigurationError({ file: path, message: `is not in the env repo as a file: ${link} is a symbolic link, which Ferry does not follow (git keeps a link as a file, not a directory; commit the directory itself at ${link})` });
}
function notARegularFile(path, what) {
  return new ConfigurationError({
    file: path,
    message: what === "a symbolic link" ? "is a symbolic link in the env repo: Ferry reads and pins only regular files (commit the file itself at this path)" : `is ${what} in the env repo, not a file (commit the file itself at this path)`
  });
}
function decodeText(bytes, path) {
  if (bytes === void 0) return void 0;
  assertTextSize(bytes, path);
  try {
    return UTF8.decode(bytes);
  } catch {
    let offset = 0;
    for (const char of bytes.toString("utf8")) {
      if (char === "�" && !(bytes[offset] === 239 && bytes[offset + 1] === 191 && bytes[offset + 2] === 189)) break;
      offset += Buffer.byteLength(char);
    }
    let line = 1;
    for (let i = bytes.indexOf(10); i >= 0 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
    const byte = (bytes[offset] ?? 0).toString(16).padStart(2, "0");
    throw new ConfigurationError({ file: path, message: `not UTF-8 text (byte 0x${byte} at line ${line}); Ferry reads and writes files as UTF-8 only, so that an edit changes no other byte: save the file as UTF-8` });
  }
}
var ObjectReader = class {
  child;
  /**
   * What git wrote and no answer took yet, as it came: joined only once an answer is complete. A
   * large object comes in hundreds of chunks; joining them as each came copied it that many times
   * (a 30 MB file: 7 GB of copying).
   */
  chunks = [];
  buffered = 0;
  /** Bytes the answer at the start of `chunks` needs (header, content, newline), once its header is read; else 0. */
  awaiting = 0;
  stderr = "";
  failure;
  queue = [];
  constructor(location, dir, env) {
    this.child = spawn3("git", [...location, "cat-file", "--batch"], { cwd: dir, env: gitProcessEnv(env), stdio: ["pipe", "pipe", "pipe"] });
    runningGits.add(this.child);
    this.child.once("exit", () => runningGits.delete(this.child));
    this.child.stdout.on("data", (chunk) => {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      if (this.buffered < this.awaiting) return;
      this.drain();
    });
    this.child.stderr.on("data", (chunk) => {
      this.stderr += chunk.toString("utf8");
    });
    this.child.stdin.on("error", () => {
    });
    this.child.on("error", (e) => this.fail(new GitError(`cannot run git: ${e.message}`, null)));
    this.child.on("close", (code, signal) => {
      const stderr = this.stderr.trim();
      this.fail(new GitError(redactUrl(`${gitEnded(code, signal, "git cat-file")}${stderr ? `: ${stderr}` : ""}`), code));
    });
  }
  read(names, what) {
    if (names.length === 0) return Promise.resolve([]);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve4, reject) => {
      this.queue.push({ names, results: [], what, resolve: resolve4, reject });
      this.child.stdin.write(names.map((n) => `${n}
`).join(""));
    });
  }
  async close() {
    if (this.child.exitCode !== null || this.failure) return;
    const closed = new Promise((r) => this.child.once("close", r));
    this.child.stdin.end();
    await closed;
  }
  /** Takes the complete answers in what came; keeps the rest, and how much the next answer needs when its header is there. */
  drain() {
    const buffer = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
    let at = 0;
    this.awaiting = 0;
    for (; ; ) {
      const request = this.queue[0];
      if (!request) break;
      const nl = buffer.indexOf(10, at);
      if (nl < 0) break;
      const header = buffer.toString("utf8", at, nl);
      if (header.endsWith(" missing") || header.endsWith(" ambiguous")) {
        request.results.push(void 0);
        at = nl + 1;
      } else {
        const [oid, type, size] = header.split(" ");
        const end = nl + 1 + Number(size);
        if (buffer.length < end + 1) {
          this.awaiting = end + 1 - at;
          break;
        }
        const content = buffer.subarray(nl + 1, end);
        request.results.push({ oid, type, content: content.length * 2 >= buffer.length ? content : Buffer.from(content) });
        at = end + 1;
      }
      if (request.results.length === request.names.length) {
        this.queue.shift();
        request.resolve(request.results);
      }
    }
    const rest = buffer.subarray(at);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
  }
  fail(error) {
    this.failure ??= error;
    for (const request of this.queue.splice(0)) request.reject(new GitError(redactUrl(`${request.what} failed: ${this.failure.message}`), this.failure.exitCode));
  }
};
function gitsOwnLines(message) {
  return message.split("\n").map((line) => line.replace(/(?:^|\s)remote:[^\n]*$/, "")).join("\n");
}
function brokenConnection(message) {
  return BROKEN_CONNECTION_RE.test(gitsOwnLines(message));
}
function isRace(message) {
  const own = gitsOwnLines(message);
  if (/\[rejected\].*\((non-fast-forward|fetch first|stale info)\)/.test(own)) return true;
  if (/\[remote rejected\].*\(incorrect old value provided\)/.test(own)) return true;
  return /\[remote rejected\].*\((failed to update ref|cannot lock ref[^)]*)\)/.test(own) && /cannot lock ref '[^']*': (is at [0-9a-f]+ but expected [0-9a-f]+|reference already exists|Unable to create '[^']*\.lock': File exists)/.test(message);
}
function upToDate(porcelain, ref) {
  return porcelain.split("\n").some((line) => line.startsWith("=	") && line.split("	")[1]?.endsWith(`:${ref}`));
}
var GitSnapshot = class {
  constructor(repo, commit) {
    this.repo = repo;
    this.commit = commit;
  }
  cache = /* @__PURE__ */ new Map();
  /** What was wrong with a file read ahead of its use (not UTF-8, a link): told when it is read. */
  problems = /* @__PURE__ */ new Map();
  async readFile(path) {
    if (!this.cache.has(path) && !this.problems.has(path)) await this.prefetch([path]);
    const problem = this.problems.get(path);
    if (problem) throw problem;
    return this.cache.get(path);
  }
  async listFiles(dir) {
    return (await this.repo.filesIn(this.commit, [dir])).map((path) => path.slice(dir.length + 1)).sort();
  }
  async listFilesIn(dirs) {
    const out = new Map(dirs.map((dir) => [dir, []]));
    for (const path of await this.repo.filesIn(this.commit, [...out.keys()])) {
      const slash = path.lastIndexOf("/");
      out.get(path.slice(0, slash))?.push(path.slice(slash + 1));
    }
    for (const names of out.values()) names.sort();
    return out;
  }
  async readLinks(paths) {
    return this.repo.linkTargets(this.commit, paths);
  }
  async readFilesReporting(paths) {
    return this.repo.readFilesReporting(this.commit, paths);
  }
  /** Keeps a file's text (read by the repo along with the head), so readFile answers from memory. */
  remember(path, text) {
    this.cache.set(path, text);
  }
  /** Reads many files in one go (one fetch for all missing blobs); readFile then answers from memory. */
  async prefetch(paths) {
    const wanted = [...new Set(paths)].filter((p) => !this.cache.has(p) && !this.problems.has(p));
    if (wanted.length === 0) return;
    try {
      const files = await this.repo.readFiles(this.commit, wanted);
      for (const [p, text] of files) this.cache.set(p, text);
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      if (wanted.length === 1) this.problems.set(wanted[0], error);
      else for (const path of wanted) await this.prefetch([path]);
    }
  }
};

export {
  GitError,
  setGitEnvironment,
  gitConfigEnv,
  writeUnderWay,
  makeTempDir,
  removedOnInterrupt,
  removeTempDir,
  stopOnSignal,
  stopProcessTree,
  runGit,
  gitRemote,
  printWarning,
  assertBranchName,
  GitEnvRepo,
  changesTo,
  MAX_PATHSPECS,
  linkOnTheWay,
  notARegularFile,
  decodeText
};
