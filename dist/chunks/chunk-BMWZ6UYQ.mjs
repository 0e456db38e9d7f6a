import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  fileDiff
} from "./chunk-6D5ADIK3.mjs";
import {
  assertBranchName,
  writeUnderWay
} from "./chunk-SK2V36WJ.mjs";
import {
  cell,
  code,
  cutShort
} from "./chunk-372JGWAG.mjs";
import {
  NonFastForwardError,
  RetriesExhaustedError,
  backoffCeiling,
  defaultWriteOptions,
  oneChangePerFile,
  writeChange
} from "./chunk-TTKF36OU.mjs";
import {
  PIN_ACTIONS,
  trailerList,
  unpassedGates
} from "./chunk-C4EZRMXW.mjs";
import {
  BLOCKLIST_FILE
} from "./chunk-VVEEDHSD.mjs";
import {
  ConfigurationError,
  quote
} from "./chunk-4TMDRVSR.mjs";

// actions/src/entry/delivery.ts
import { createHash, randomBytes } from "node:crypto";

// actions/src/adapters/github-env-repo.ts
function splitMessage(message) {
  const newline = message.indexOf("\n");
  if (newline < 0) return { headline: message, body: "" };
  return { headline: message.slice(0, newline), body: message.slice(newline + 1).replace(/^\n+/, "").replace(/\n+$/, "") };
}
var GitHubEnvRepo = class {
  constructor(reader, github, target) {
    this.reader = reader;
    this.github = github;
    this.target = target;
    this.branch = target.branch ?? reader.branch;
  }
  pending = /* @__PURE__ */ new Map();
  made = 0;
  branch;
  head() {
    return this.reader.head();
  }
  /** Takes note of the change; nothing is made until push(). Returns a name for it, not a commit id. */
  async commit(parent, files, message) {
    const id = `pending-${++this.made}`;
    this.pending.set(id, { parent, files, message });
    return id;
  }
  async push(id) {
    const change = this.pending.get(id);
    if (!change) throw new Error(`internal: no change noted as ${id}`);
    this.pending.delete(id);
    const { headline, body } = splitMessage(change.message);
    const write = writeUnderWay({ url: this.reader.url, branch: this.branch });
    let made;
    try {
      made = await this.github.createCommitOnBranch({
        repositoryNameWithOwner: `${this.target.owner}/${this.target.repo}`,
        branchName: this.branch,
        expectedHeadOid: change.parent,
        headline,
        body,
        additions: change.files.map((f) => ({ path: f.path, contents: f.content }))
      });
      return made;
    } finally {
      write.done(made);
      if (this.branch === this.reader.branch) this.reader.invalidate();
    }
  }
  serialize(attempt) {
    return this.reader.serialize(attempt);
  }
};

// actions/src/entry/delivery.ts
var DELIVERY_MODES = ["push", "pull-request"];
var COMMIT_VIA = ["git", "api"];
var MERGE_METHODS = ["merge", "squash", "rebase"];
var LANDED_NOTE = "Promoted with its reviews recorded as Ferry-Approved-By by commit";
function changeBranch(env, app, digest) {
  return `ferry/${env}/${app}-${digest.replace(/^sha256:/, "").slice(0, 12)}`;
}
function changesBranch(env, changes) {
  if (changes.length === 1) return changeBranch(env, changes[0].app, changes[0].digest);
  const key = changes.map((c) => `${c.app}@${c.digest}`).sort().join("\n");
  return `ferry/${env}/promote-${createHash("sha256").update(key).digest("hex").slice(0, 12)}`;
}
function checkDelivery(options) {
  if (options.mode !== void 0 && !DELIVERY_MODES.includes(options.mode)) {
    throw new ConfigurationError({ field: "mode", message: `expected one of ${DELIVERY_MODES.join(", ")}, found ${quote(options.mode)}` });
  }
  if (options.commitVia !== void 0 && !COMMIT_VIA.includes(options.commitVia)) {
    throw new ConfigurationError({ field: "commit-via", message: `expected one of ${COMMIT_VIA.join(", ")}, found ${quote(options.commitVia)}` });
  }
  if (options.autoMerge !== void 0 && !MERGE_METHODS.includes(options.autoMerge)) {
    throw new ConfigurationError({ field: "auto-merge", message: `expected one of ${MERGE_METHODS.join(", ")}, found ${quote(options.autoMerge)}` });
  }
  const needs = options.mode === "pull-request" ? "mode: pull-request" : options.commitVia === "api" ? "commit-via: api" : void 0;
  if (needs && !options.github) throw new ConfigurationError({ field: "github-token", message: `${needs} talks to the GitHub API and needs a token, found none` });
}
function commitUrl(github, commit) {
  if (!github) return void 0;
  const server = (github.serverUrl ?? process.env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/+$/, "");
  return `${server}/${github.owner}/${github.repo}/commit/${commit}`;
}
async function deliver(repo, compute, options) {
  checkDelivery({ mode: options.mode, commitVia: options.commitVia, ...options.github ? { github: options.github } : {}, ...options.pullRequest?.autoMerge ? { autoMerge: options.pullRequest.autoMerge } : {} });
  const github = options.github;
  if (options.mode === "pull-request") return proposeChange(repo, compute, options, github);
  const target = options.commitVia === "api" ? new GitHubEnvRepo(repo, github.client, { owner: github.owner, repo: github.repo }) : repo;
  const outcome = await writeChange(target, compute, options.writeOptions);
  const url = commitUrl(github, outcome.commit);
  return { status: outcome.status, commit: outcome.commit, ...url ? { commitUrl: url } : {}, branch: repo.branch, attempts: outcome.attempts, result: outcome.result };
}
async function holds(snapshot, files) {
  await snapshot.prefetch(files.map((f) => f.path));
  for (const f of files) if (await snapshot.readFile(f.path) !== f.content) return false;
  return true;
}
async function inspectBranch(github, base, head, files, message) {
  if (base === head) return { foreign: [], mergeBase: base, ahead: false };
  const planned = new Set(files.map((f) => f.path));
  const comparison = await github.client.compare({ owner: github.owner, repo: github.repo, base, head });
  const foreign = comparison.paths.filter((p) => !planned.has(p)).sort();
  if (!comparison.complete) foreign.push("(and more: GitHub lists at most 300 changed files)");
  const found = { foreign, mergeBase: comparison.mergeBase, ahead: comparison.aheadBy > 0 };
  if (!found.ahead) return found;
  const first = comparison.commits[0];
  const notOwn = comparison.aheadBy > 1 ? `${comparison.aheadBy} commits, where Ferry makes one` : first?.sha !== head ? `commit ${head.slice(0, 12)}, which GitHub does not list as its own` : first.parents.length !== 1 ? `commit ${head.slice(0, 12)}, a merge` : void 0;
  if (notOwn) return { ...found, notOwn };
  const record = recordMismatch(first.message, message, head);
  return { ...found, ...record ? { notOwn: record, notOwnRecord: true } : {} };
}
function messageParts(message) {
  const normal = message.replace(/\r\n/g, "\n").trimEnd();
  const cut = normal.lastIndexOf("\n\n");
  return { text: (cut < 0 ? normal : normal.slice(0, cut)).trimEnd(), trailers: [...trailerList(normal)].flatMap(([k, values]) => values.map((v) => `${k}: ${v}`)) };
}
function recordMismatch(found, planned, sha) {
  const [f, p] = [messageParts(found), messageParts(planned)];
  const what = `commit ${sha.slice(0, 12)}`;
  if (f.text !== p.text) return `${what}, whose subject or body is not this plan's`;
  const approvals = new Set(p.trailers.filter((t) => t.startsWith("Ferry-Approved-By: ")));
  const unplanned = f.trailers.filter((t) => t.startsWith("Ferry-Approved-By: ") && !approvals.has(t));
  if (unplanned.length) return `${what}, which records ${unplanned.join(", ")}, which this plan does not`;
  const key = (t) => t.slice(0, t.indexOf(":"));
  const fixed = (list) => list.filter((t) => !["Ferry-Run", "Ferry-Approved-By"].includes(key(t))).map((t) => key(t) === "Ferry-Gate" ? "Ferry-Gate" : t);
  if (fixed(f.trailers).join("\n") !== fixed(p.trailers).join("\n")) return `${what}, whose trailers are not this plan's`;
  return void 0;
}
async function baseChangedPlanned(github, mergeBase, baseHead, files) {
  if (mergeBase === baseHead) return false;
  const comparison = await github.client.compare({ owner: github.owner, repo: github.repo, base: mergeBase, head: baseHead });
  return !comparison.complete || files.some((f) => comparison.paths.includes(f.path));
}
async function proposalMismatch(github, base, head, files) {
  if (files.length === 0) return "the plan changes no file";
  const where = { owner: github.owner, repo: github.repo };
  const comparison = await github.client.compare({ ...where, base, head });
  if (!comparison.complete) return "it changes more than 300 files";
  const planned = new Set(files.map((f) => f.path));
  const extra = comparison.paths.filter((p) => !planned.has(p)).sort();
  if (extra.length) return `it changes ${extra.join(", ")}, which the plan does not`;
  const missing = [...planned].filter((p) => !comparison.paths.includes(p)).sort();
  if (missing.length) return `it does not change ${missing.join(", ")}`;
  for (const f of files) {
    const [before, after] = await Promise.all([
      github.client.fileAt({ ...where, path: f.path, ref: comparison.mergeBase }),
      github.client.fileAt({ ...where, path: f.path, ref: head })
    ]);
    if (before === void 0 || after === void 0) return `${f.path} is not a file on both sides`;
    if (fileDiff(f.path, before, after) !== f.diff) return `its change of ${f.path} is not the planned one`;
  }
  return void 0;
}
async function turnedDown(github, branch, base) {
  const request = { owner: github.owner, repo: github.repo, head: branch, base };
  const last = await github.client.lastClosedPullRequest(request);
  if (!last || last.merged || last.body.includes(LANDED_NOTE)) return void 0;
  return await github.client.findOpenPullRequest(request) ? void 0 : last;
}
function awaitsApproval(result) {
  return typeof result === "object" && result !== null && result.awaitingApproval === true;
}
async function proposeChange(repo, compute, options, github) {
  if (!options.branchName) throw new Error("internal: pull-request mode needs a branch name for each change");
  const w = options.writeOptions ?? {};
  const maxAttempts = Math.max(1, w.maxAttempts ?? defaultWriteOptions.maxAttempts);
  const sleep = w.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  const random = w.random ?? Math.random;
  const now = w.now ?? (() => performance.now());
  const { owner, repo: name } = github;
  for (let attempt = 1; ; attempt++) {
    const started = now();
    const snapshot = await repo.head();
    let computed;
    try {
      computed = await compute(snapshot);
    } catch (error) {
      const stopped = blockedPlan(error);
      if (stopped !== void 0) {
        const done = await refusedProposal(github, options.branchName(stopped), repo.branch, "the change is stopped by its blocked gate (a blocked digest)").catch((failure) => failure.message);
        if (done) Object.assign(stopped, { notice: done });
      }
      throw error;
    }
    const planned = oneChangePerFile(computed);
    if (!planned.write) {
      const url = commitUrl(github, snapshot.commit);
      return { status: "skipped", commit: snapshot.commit, ...url ? { commitUrl: url } : {}, branch: repo.branch, attempts: attempt, result: planned.result };
    }
    const branch = options.branchName(planned.result);
    assertBranchName(branch, "pull request branch");
    if (branch === repo.branch) throw new ConfigurationError({ field: "pull request branch", message: `must differ from the base branch, found ${quote(branch)}` });
    try {
      const refused = await turnedDown(github, branch, repo.branch);
      if (refused) {
        const url2 = commitUrl(github, snapshot.commit);
        return {
          status: "skipped",
          commit: snapshot.commit,
          ...url2 ? { commitUrl: url2 } : {},
          branch: repo.branch,
          pullRequestUrl: refused.url,
          pullRequestNumber: refused.number,
          notice: `not proposed: pull request #${refused.number} (${refused.url}) proposed this same change and was closed without being merged. To propose it again, reopen #${refused.number} (or open a pull request from ${branch} into ${repo.branch}) and run again`,
          attempts: attempt,
          result: planned.result
        };
      }
      let commit;
      let pushed = false;
      const notes = [];
      const existing = await repo.branchHead(branch);
      const found = existing ? await inspectBranch(github, snapshot.commit, existing.commit, planned.files, planned.message) : void 0;
      const autoMergeOff = async (why) => {
        const open = await github.client.findOpenPullRequest({ owner, repo: name, head: branch, base: repo.branch });
        if (!open?.autoMerge) return "";
        await github.client.disableAutoMerge(open.nodeId).catch((error) => {
          throw new Error(`pull request branch ${branch} ${why}, and turning off the auto-merge of pull request #${open.number} (${open.url}) failed: ${error.message}. Turn it off by hand (or close the pull request) before anything merges it`, { cause: error });
        });
        return `auto-merge of pull request #${open.number} (${open.url}) turned off`;
      };
      if (found?.foreign.length) {
        const off = await autoMergeOff(`changes more than the planned change`);
        throw new Error(`pull request branch ${branch} (at ${existing.commit.slice(0, 12)}) changes more than the planned change (${planned.files.map((f) => f.path).join(", ")}): it also changes ${found.foreign.join(", ")}; nothing pushed, no pull request opened or updated, auto-merge not enabled${off ? ` (${off})` : ""}. Delete the branch (or close its pull request and delete it) and run again`);
      }
      const behind = existing !== void 0 && await baseChangedPlanned(github, found.mergeBase, snapshot.commit, planned.files);
      let notOwn = behind && found?.notOwnRecord ? void 0 : found?.notOwn;
      if (existing && found.ahead && !notOwn && !behind && !await holds(existing, planned.files)) notOwn = `commit ${existing.commit.slice(0, 12)}, which is not the planned change`;
      const remake = existing !== void 0 && (behind || notOwn !== void 0);
      if (existing && !remake && (found.ahead || await holds(existing, planned.files))) {
        commit = existing.commit;
      } else {
        const why = behind ? `proposes the change on an older ${repo.branch}, which has since changed ${planned.files.map((f) => f.path).join(", ")} too` : `holds ${notOwn}: it is not Ferry's one commit of this change on ${repo.branch}`;
        const off = remake ? await autoMergeOff(why) : "";
        const parent = existing && !remake ? existing.commit : snapshot.commit;
        if (options.commitVia === "git") {
          commit = await repo.commit(parent, planned.files, planned.message);
          try {
            await repo.pushTo(commit, branch, { expected: existing?.commit ?? "" });
          } catch (error) {
            if (!remake || error instanceof NonFastForwardError) throw error;
            throw new Error(`pull request branch ${branch} ${why}, and replacing the branch with the change made on ${repo.branch}'s head failed: ${error.message}${off ? ` (${off})` : ""}. Close its pull request and delete the branch, then run again`, { cause: error });
          }
        } else if (remake) {
          commit = await remakeThroughApi(repo, github, { branch, base: snapshot.commit, files: planned.files, message: planned.message, notes });
        } else {
          if (!existing) await github.client.createBranch({ owner, repo: name, branch, sha: snapshot.commit });
          const api = new GitHubEnvRepo(repo, github.client, { owner, repo: name, branch });
          commit = await api.push(await api.commit(parent, planned.files, planned.message));
        }
        pushed = true;
        if (notOwn) notes.push(`pull request branch ${branch} held ${notOwn}; it was made anew: Ferry's commit ${commit.slice(0, 12)} of the change on ${repo.branch}'s head${off ? ` (${off} before)` : ""}`);
      }
      const pr = options.pullRequest ?? {};
      const subject = splitMessage(planned.message);
      const awaiting = awaitsApproval(planned.result);
      const unpassed = !pushed && !awaiting ? unpassedGates(await repo.message(commit)) : [];
      const record = `its commit ${commit.slice(0, 12)} records ${unpassed.join(", ")}, as it stood when it was proposed`;
      const landAnew = "promote again with mode push (it records the approvals and closes the pull request)";
      const rebaseHeld = unpassed.length > 0 && pr.autoMerge === "rebase";
      if (unpassed.length && !(pr.autoMerge && !rebaseHeld)) {
        notes.push(rebaseHeld ? `auto-merge (rebase) is not enabled: a rebase lands the pull request's commits as they are, and ${record} (ferry audit would report it). Set auto-merge to merge or squash (GitHub is then given this promotion's message, with its approvals), or ${landAnew}` : `merged as it is, the pull request lands a record ferry audit reports: ${record}. To land it with its approvals recorded, ${landAnew}, or set auto-merge to merge or squash (GitHub is then given this promotion's message)`);
      }
      const held = awaiting || rebaseHeld;
      const title = typeof pr.title === "function" ? pr.title(planned.result) : pr.title ?? subject.headline;
      const opened = await github.client.openPullRequest({
        owner,
        repo: name,
        head: branch,
        base: repo.branch,
        title,
        body: pr.body ? pr.body(planned.result) : subject.body,
        labels: pr.labels ?? [],
        ...pr.draft !== void 0 ? { draft: pr.draft } : {}
      });
      const autoMerge = await settleAutoMerge(github, opened, { branch, base: repo.branch, commit, awaiting, held, ...pr.autoMerge ? { method: pr.autoMerge } : {}, message: subject, notes });
      const url = commitUrl(github, commit);
      return {
        status: pushed || !opened.reused ? "succeeded" : "skipped",
        commit,
        ...url ? { commitUrl: url } : {},
        branch,
        pullRequestUrl: opened.url,
        pullRequestNumber: opened.number,
        ...autoMerge ? { autoMerge } : {},
        ...notes.length ? { notice: notes.join(". Also: ") } : {},
        attempts: attempt,
        result: planned.result
      };
    } catch (error) {
      if (!(error instanceof NonFastForwardError)) throw error;
      if (attempt >= maxAttempts) throw new RetriesExhaustedError(attempt, error);
      repo.invalidate();
      const delay = Math.floor(random() * backoffCeiling(attempt, now() - started, w.baseMs ?? defaultWriteOptions.baseMs, w.capMs ?? defaultWriteOptions.capMs));
      w.onRetry?.(attempt, delay, error);
      await sleep(delay);
    }
  }
}
async function remakeThroughApi(repo, github, change) {
  const { owner, repo: name } = github;
  const temporary = `${change.branch}-tmp-${randomBytes(6).toString("hex")}`;
  await github.client.createBranch({ owner, repo: name, branch: temporary, sha: change.base });
  let failed = true;
  try {
    const api = new GitHubEnvRepo(repo, github.client, { owner, repo: name, branch: temporary });
    const commit = await api.push(await api.commit(change.base, change.files, change.message));
    await github.client.resetBranch({ owner, repo: name, branch: change.branch, sha: commit });
    failed = false;
    return commit;
  } finally {
    await github.client.deleteBranch({ owner, repo: name, branch: temporary }).catch((error) => {
      if (!failed) change.notes.push(`the temporary branch ${temporary}, on which the change was committed, could not be deleted (${error.message}): delete it by hand`);
    });
  }
}
async function settleAutoMerge(github, opened, plan) {
  const on = opened.autoMergeRequest;
  const where = `pull request #${opened.number} (${opened.url})`;
  if (plan.held) {
    if (on) {
      await github.client.disableAutoMerge(opened.nodeId).catch((error) => {
        throw new Error(`${where} is held (${plan.awaiting ? "it awaits its approvals" : "a rebase would land its commit as it is"}), and turning off the auto-merge enabled on it failed: ${error.message}. Turn it off by hand before it merges`, { cause: error });
      });
      if (!plan.method) plan.notes.push(`auto-merge of ${where} turned off: the proposal awaits its approvals`);
    }
    return plan.method ? "held" : void 0;
  }
  if (!plan.method) return void 0;
  const { GitHubError, sameAutoMerge } = await import("./github-67DK37J2.mjs");
  if (sameAutoMerge(on, plan.method, plan.message)) return "enabled";
  try {
    if (on) await github.client.disableAutoMerge(opened.nodeId);
    await github.client.enableAutoMerge(opened.nodeId, plan.method, plan.message, plan.commit);
    return "enabled";
  } catch (error) {
    if (!(error instanceof GitHubError)) throw error;
    const reason = error.message;
    const how = /not allowed/i.test(reason) ? `Merge it by hand, or allow auto-merge in the repository's settings (General, Pull Requests: Allow auto-merge) and run again` : /clean status/i.test(reason) ? `GitHub enables auto-merge only on a pull request that waits for something: nothing required (status checks, reviews) holds this one. Merge it by hand, or require status checks on ${plan.base} (a ruleset or branch protection) and run again` : `Merge it by hand, or run again (auto-merge needs it allowed in the repository's settings, and required status checks or reviews on ${plan.base} to wait for)`;
    plan.notes.push(`auto-merge (${plan.method}) is not on for ${where}: GitHub refused to enable it (${reason}). The pull request proposes the change all the same. ${how}`);
    return "refused";
  }
}
function blockedPlan(error) {
  const result = error?.result;
  if (typeof result !== "object" || result === null) return void 0;
  const gates = result.gates;
  const blocked = Array.isArray(gates) && gates.some((g) => g?.gate === "blocked" && g.verdict !== "pass");
  return blocked ? result : void 0;
}
async function refusedProposal(github, branch, base, why) {
  const open = await github.client.findOpenPullRequest({ owner: github.owner, repo: github.repo, head: branch, base }).catch((error) => {
    throw new Error(`${why}, and looking for the open pull request from ${branch}, which would propose it, failed: ${error.message}. If one is open, turn its auto-merge off by hand (or close it) before anything merges it`, { cause: error });
  });
  if (!open) return void 0;
  const where = `pull request #${open.number} (${open.url})`;
  if (!open.autoMerge) return `${where} still proposes it (auto-merge is not on): close it, merged it would pin the digest all the same`;
  await github.client.disableAutoMerge(open.nodeId).catch((error) => {
    throw new Error(`${why}, and turning off the auto-merge of ${where}, which proposes it, failed: ${error.message}. Turn it off by hand (or close the pull request) before it merges`, { cause: error });
  });
  return `auto-merge of ${where}, which proposes it, turned off: close it, merged it would pin the digest all the same`;
}
function blockedProposals(branches, digest) {
  const found = [];
  for (const b of branches) {
    if (b.unread !== void 0) {
      found.push({ branch: b.branch, commit: b.commit, verdict: "unknown", commits: [], unread: b.unread });
      continue;
    }
    const pins = [];
    const foreign = [];
    for (const c of b.commits) {
      const action = c.trailers.get("Ferry-Action")?.[0];
      if (action === void 0) foreign.push(c.commit);
      else if (PIN_ACTIONS.has(action) && (c.trailers.get("Ferry-Image") ?? []).some((image) => image.endsWith(`@${digest}`))) pins.push(c.commit);
    }
    if (pins.length) found.push({ branch: b.branch, commit: b.commit, verdict: "pins", commits: pins });
    else if (foreign.length) found.push({ branch: b.branch, commit: b.commit, verdict: "unknown", commits: foreign });
  }
  return found;
}
function blockedProposalText(p) {
  const commits = (p.commits.length > 3 ? [...p.commits.slice(0, 3).map((c) => c.slice(0, 12)), `and ${p.commits.length - 3} more`] : p.commits.map((c) => c.slice(0, 12))).join(", ");
  const at = `branch ${p.branch} (at ${p.commit.slice(0, 12)})`;
  if (p.verdict === "pins") return `${at} proposes the blocked digest (commit${p.commits.length > 1 ? "s" : ""} ${commits}): a pull request from it may still merge it, which the block does not stop (it refuses Ferry's bumps, promotions and rollbacks); close that pull request (or turn its auto-merge off) and delete the branch`;
  return `${unknownProposal(p, commits)}${p.unread !== void 0 ? ": check it before it merges, or delete the branch" : "; check it before it merges"}`;
}
function unknownProposal(p, commits = p.commits.map((c) => c.slice(0, 12)).join(", ")) {
  const at = `branch ${p.branch} (at ${p.commit.slice(0, 12)})`;
  if (p.unread !== void 0) return `${at}: whether it pins the blocked digest is not known: ${p.unread}; a pull request from it may still merge it`;
  return `${at} has commits that are not Ferry's (${commits}): their trailers cannot tell whether it pins the blocked digest, and a pull request from it may still merge it`;
}
async function stopBlockedProposals(github, base, proposals, block) {
  const { owner, repo } = github;
  const done = [];
  for (const p of proposals) {
    let open;
    try {
      open = await github.client.findOpenPullRequest({ owner, repo, head: p.branch, base });
    } catch (error) {
      done.push({ ...p, error: error.message });
      continue;
    }
    if (!open) {
      done.push(p);
      continue;
    }
    const errors = [];
    let off = !open.autoMerge;
    if (open.autoMerge) await github.client.disableAutoMerge(open.nodeId).then(() => off = true, (error) => errors.push(error.message));
    const commented = await github.client.commentOnPullRequest({ owner, repo, number: open.number, body: blockComment(p, base, block, open.autoMerge && off) }).then(() => true, (error) => (errors.push(error.message), false));
    const pullRequest = { number: open.number, url: open.url, autoMerge: open.autoMerge ? off ? "turned-off" : "on" : "off", commented };
    done.push({ ...p, pullRequest, ...errors.length ? { error: errors.join("; ") } : {} });
  }
  return done;
}
function blockComment(p, base, block, turnedOff) {
  const by = block.made ? `commit ${block.commit}` : `${code(BLOCKLIST_FILE)} (already, at ${block.commit})`;
  if (p.verdict === "unknown") {
    const why = p.unread !== void 0 ? `its commits could not be told from those of \`${base}\` (${cell(cutShort(p.unread, 500))})` : `its commit${p.commits.length > 1 ? "s" : ""} ${p.commits.slice(0, 10).map((c) => code(c.slice(0, 12))).join(", ")}${p.commits.length > 10 ? ` and ${p.commits.length - 10} more` : ""} ${p.commits.length > 1 ? "are" : "is"} not Ferry's (a hand commit or a merge: no trailers say what ${p.commits.length > 1 ? "they pin" : "it pins"})`;
    return [
      `**Ferry: this pull request may pin a blocked digest.** ${code(block.digest)} is blocked on ${code(base)} by ${by}: ${cell(cutShort(block.reason, 1e3))}`,
      "",
      `Whether it pins the digest cannot be told: ${why}. A block refuses Ferry's bumps, promotions and rollbacks of the digest, not the merge of a pull request: ${turnedOff ? "its auto-merge was turned off. " : ""}Check what it pins before it merges${turnedOff ? "; if not the blocked digest, turn auto-merge on again" : ""}.`,
      ""
    ].join("\n");
  }
  return [
    `**Ferry: this pull request pins a blocked digest.** ${code(block.digest)} is blocked on ${code(base)} by ${by}: ${cell(cutShort(block.reason, 1e3))}`,
    "",
    `Its commit${p.commits.length > 1 ? "s" : ""} ${p.commits.map((c) => code(c.slice(0, 12))).join(", ")} pin${p.commits.length > 1 ? "" : "s"} it. A block refuses Ferry's bumps, promotions and rollbacks of the digest, not the merge of a pull request: ${turnedOff ? "its auto-merge was turned off. " : ""}Do not merge it; close it (a new proposal needs another digest, or the digest unblocked).`,
    ""
  ].join("\n");
}
async function settleBlockedProposals(github, base, proposals, block) {
  const settled = github && proposals.length ? await stopBlockedProposals(github, base, proposals, block) : [...proposals];
  const warnings = settled.map((p) => {
    if (!github) return `${blockedProposalText(p)} (its pull request is not looked at: the env repo is not on this run's GitHub server, or no github-token)`;
    const pins = p.verdict === "pins";
    const what = pins ? `branch ${p.branch} (at ${p.commit.slice(0, 12)}) proposes the blocked digest` : unknownProposal(p);
    const pr = p.pullRequest;
    if (!pr) {
      if (p.error) return `${what}, and its open pull request could not be looked for: ${p.error}`;
      return pins ? `${what}, with no open pull request into ${base}: delete the branch (a pull request from it would merge the digest)` : `${what}; it has no open pull request into ${base}: check it before one is opened, or delete the branch`;
    }
    const where = `pull request #${pr.number} (${pr.url})`;
    const auto = pr.autoMerge === "turned-off" ? `auto-merge of ${where} turned off` : pr.autoMerge === "off" ? `${where} is open (auto-merge was not on)` : `the auto-merge of ${where} is still on`;
    const todo = pins ? "close it and delete the branch" : `check what it pins before it merges${pr.autoMerge === "turned-off" ? " (then turn auto-merge on again if not the blocked digest)" : ""}`;
    return `${what}: ${auto}${pr.commented ? ", and a comment says why" : ", no comment added"}${p.error ? ` (${p.error})` : ""}; ${todo}`;
  });
  return { proposals: settled, warnings };
}
function blockedProposalsFailure(result) {
  const parts = (result.proposals ?? []).filter((p) => p.error).map((p) => {
    const pr = p.pullRequest;
    if (!pr) return `look for the open pull request from ${p.branch} by hand and turn its auto-merge off, or close it (${p.error})`;
    const where = `pull request #${pr.number} (${pr.url})`;
    return pr.autoMerge === "on" ? `turn off the auto-merge of ${where} by hand, or close it (${p.error})` : `tell the reviewers of ${where} by hand, or close it: the comment could not be added (${p.error})`;
  });
  if (result.proposalsUnread !== void 0) parts.push(`the proposal branches (ferry/*) could not be read (${result.proposalsUnread}): look for pull requests that pin ${result.digest} and turn their auto-merge off, or close them`);
  return parts.length ? `${result.digest} is blocked (the block stands), but a pull request may still merge it: ${parts.join("; ")}` : void 0;
}

export {
  DELIVERY_MODES,
  COMMIT_VIA,
  MERGE_METHODS,
  LANDED_NOTE,
  changeBranch,
  changesBranch,
  checkDelivery,
  deliver,
  proposalMismatch,
  awaitsApproval,
  refusedProposal,
  blockedProposals,
  blockedProposalText,
  stopBlockedProposals,
  settleBlockedProposals,
  blockedProposalsFailure
};
