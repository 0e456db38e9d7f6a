import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  writePhase,
  writerPhases
} from "./chunk-YXNVHXFY.mjs";
import {
  changesBranch,
  checkDelivery,
  deliver
} from "./chunk-BMWZ6UYQ.mjs";
import {
  HttpPrometheus,
  systemClock
} from "./chunk-IBTRJLIR.mjs";
import {
  GateError,
  PlanChangedError,
  awaitsApprovals,
  checkPromoteRequest,
  expectedApps,
  formatDuration,
  hasMeasuredGates,
  measureGates,
  planPromote,
  plannedApps,
  promotionKeys,
  stoppedAdvice,
  tagOnlyChanges,
  targetRollbacks,
  unusedOverride
} from "./chunk-JNCKD7W6.mjs";
import {
  runLength,
  soakSince
} from "./chunk-3NPFV6L2.mjs";
import "./chunk-KUUM52MP.mjs";
import {
  measuredGateNames
} from "./chunk-MCDTKWYM.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-5BMCYQN7.mjs";
import {
  readConfig
} from "./chunk-736OWXYZ.mjs";
import {
  findEnvironment
} from "./chunk-QKVPLPRY.mjs";
import {
  manifestPath
} from "./chunk-TWBHTREK.mjs";
import {
  readPinnedImage
} from "./chunk-6XHYADCA.mjs";
import "./chunk-C4OZCMLB.mjs";
import {
  isGitHubLogin
} from "./chunk-DP2FYMJI.mjs";
import {
  PASSED_SHOWN,
  blockText,
  leftOutCause,
  outOfBandText,
  pinVerb,
  promotePullRequestBody,
  provenanceOf,
  rollbackText
} from "./chunk-BEZTHVO6.mjs";
import "./chunk-7THEBNKC.mjs";
import {
  GitEnvRepo,
  MAX_PATHSPECS,
  changesTo
} from "./chunk-SK2V36WJ.mjs";
import "./chunk-372JGWAG.mjs";
import {
  reportRetries
} from "./chunk-TTKF36OU.mjs";
import {
  landedSince,
  landings,
  pinEvents
} from "./chunk-FJ6XG4P3.mjs";
import "./chunk-C4EZRMXW.mjs";
import {
  ANALYSIS_DIR,
  BLOCKLIST_FILE,
  CONFIG_FILE
} from "./chunk-VVEEDHSD.mjs";
import "./chunk-6P7B2YDZ.mjs";
import {
  redactUrl
} from "./chunk-OSG537VB.mjs";
import {
  imageParts,
  shortDigest
} from "./chunk-FD6ZWLQC.mjs";
import {
  ConfigurationError,
  formatProblem,
  quote
} from "./chunk-4TMDRVSR.mjs";
import {
  TAG_WIDTH,
  clip,
  displayWidth,
  utc
} from "./chunk-VPQIS2RW.mjs";
import "./chunk-WBKKXVG2.mjs";

// actions/src/core/measured-basis.ts
async function measuredBasis(input) {
  const gates = input.config.environments.find((e) => e.name === input.to)?.gates;
  const file = input.config.file;
  const address = input.prometheusAddress ?? input.config.prometheus?.address ?? "(none)";
  const basis = [
    { what: `the analysis templates ${input.to} requires (${file})`, value: gates?.analysis?.length ? gates.analysis.join(", ") : "none", show: true },
    { what: `the compare gate of ${input.to} (${file})`, value: JSON.stringify(gates?.compare ?? null), show: false },
    // (Shown without its user information: --prometheus may carry a password.)
    { what: "the Prometheus address", value: address, show: true, shown: redactUrl(address) },
    { what: `the Prometheus settings (${file} prometheus)`, value: JSON.stringify({ bearerTokenEnv: input.config.prometheus?.bearerTokenEnv, sigv4: input.config.prometheus?.sigv4 }), show: false }
  ];
  const names = [.../* @__PURE__ */ new Set([...gates?.analysis ?? [], ...(gates?.compare?.metrics ?? []).map((m) => m.template)])].sort();
  for (const name of names) {
    const yaml = await input.snapshot.readFile(`${ANALYSIS_DIR}/${name}.yaml`);
    const yml = yaml === void 0 ? await input.snapshot.readFile(`${ANALYSIS_DIR}/${name}.yml`) : void 0;
    basis.push({ what: `${ANALYSIS_DIR}/${name}.${yaml === void 0 && yml !== void 0 ? "yml" : "yaml"}`, value: yaml ?? yml ?? "(none)", show: false });
  }
  const measured = measuredGateNames(gates).length > 0;
  for (const p of measured ? input.promotions : []) {
    basis.push({ what: `${p.app}'s image (the analysis args image, tag, digest)`, value: p.image, show: true });
    basis.push({ what: `what ${input.to} pins of ${p.app} (the args previous-*, the compare baseline)`, value: p.previousImage || "(none)", show: true });
    if (gates?.compare?.baseline === "previous") {
      const pin = input.pins.find((e) => e.env === input.from && e.app === p.app && e.image.endsWith(`@${p.digest}`));
      basis.push({ what: `the compare baseline of ${p.app} (what ${p.image} replaced in ${input.from}, and when)`, value: pin ? `${pin.previousImage ?? "(none)"} until ${pin.date}` : "(none)", show: true });
    }
  }
  return basis;
}
function basisChanges(before, after) {
  const changes = [];
  for (const a of after) {
    const b = before.find((x) => x.what === a.what);
    if (!b) changes.push(`${a.what}: read now${a.show ? ` (${a.shown ?? a.value})` : ""}, not when measured`);
    else if (b.value !== a.value) changes.push(a.show ? `${a.what}: ${b.shown ?? b.value} → ${a.shown ?? a.value}` : `${a.what} changed`);
  }
  for (const b of before) if (!after.some((a) => a.what === b.what)) changes.push(`${b.what}: read when measured${b.show ? ` (${b.shown ?? b.value})` : ""}, not now`);
  return changes;
}

// actions/src/core/promote-text.ts
var PLAN_WIDTH = 100;
var NAME_WIDTH = 40;
function wrapLine(line, width = PLAN_WIDTH, more = 2) {
  if (displayWidth(line) <= width) return [line];
  const indent = line.length - line.trimStart().length;
  const lines = [];
  let lead = " ".repeat(indent);
  let words = [];
  const used = () => displayWidth(words.join(" "));
  for (const word of line.trimStart().split(" ")) {
    if (words.length && lead.length + used() + 1 + displayWidth(word) > width) {
      lines.push(`${lead}${words.join(" ")}`);
      lead = " ".repeat(indent + more);
      words = [];
    }
    words.push(displayWidth(word) > width - lead.length ? clip(word, Math.max(1, width - lead.length)) : word);
  }
  lines.push(`${lead}${words.join(" ")}`);
  return lines;
}
function personText(name) {
  return isGitHubLogin(name) ? name : quote(name, 40);
}
function revisionText(rev) {
  if (rev === void 0) return "no source revision recorded";
  return /^[0-9a-f]{7,64}$/.test(rev) ? `source revision ${rev.slice(0, 12)}` : `source revision ${quote(rev, 40)} (not a commit id)`;
}
function pinText(image, name = imageParts(image).name) {
  if (!image) return "(none)";
  const parts = imageParts(image);
  const named = parts.name !== name ? `${clip(parts.name, NAME_WIDTH)}${parts.tag !== void 0 ? `:${clip(parts.tag, TAG_WIDTH)}` : ""}` : parts.tag !== void 0 ? clip(parts.tag, TAG_WIDTH) : "";
  if (parts.digest === void 0) return `${named || clip(parts.name, NAME_WIDTH)} (no digest)`;
  return `${named}${named ? " " : ""}${shortDigest(parts.digest)}`;
}
function pinBy(commit, action, by) {
  return `(${commit.slice(0, 12)}${by !== void 0 ? `, ${pinVerb(action)} by ${personText(by)}` : ""})`;
}
function changeLines(app, previous, image, columns) {
  const aligned = `  ${app.padEnd(columns.app)}  ${previous.padEnd(columns.previous)} -> ${image}`;
  if (displayWidth(aligned) <= PLAN_WIDTH) return [aligned];
  const plain = `  ${app}  ${previous} -> ${image}`;
  if (displayWidth(plain) <= PLAN_WIDTH) return [plain];
  return [`  ${app}`, ...wrapLine(`    ${previous} -> ${image}`)];
}
function promotionLines(result, p, columns) {
  const name = imageParts(p.image).name;
  const lines = [];
  if (p.sourceCommit !== void 0 && p.sourceDate !== void 0) {
    const age = result.judgedAt !== void 0 ? Date.parse(result.judgedAt) - Date.parse(p.sourceDate) : NaN;
    lines.push(`    in ${result.from}${Number.isNaN(age) ? "" : ` ${formatDuration(age)}`}, since ${utc(p.sourceDate)} ${pinBy(p.sourceCommit, p.sourceAction, p.sourceRequestedBy)}`);
  } else if (p.sourceUnknown !== void 0) {
    lines.push(`    in ${result.from} since: unknown (${p.sourceUnknown})`);
  }
  const origin = p.origin;
  const under = origin?.app !== void 0 && origin.app !== p.app ? ` as ${quote(origin.app, 63)}` : "";
  if (origin && origin.commit === p.sourceCommit) {
    if (origin.sourceRevision !== void 0) lines.push(`    ${revisionText(origin.sourceRevision)}`);
  } else if (origin) {
    lines.push(`    bumped into ${origin.env}${under} ${utc(origin.date)}${origin.requestedBy !== void 0 ? ` by ${personText(origin.requestedBy)}` : ""} (${origin.commit.slice(0, 12)}), ${revisionText(origin.sourceRevision)}`);
  } else if (p.originUnknown !== void 0) {
    lines.push(`    no bump found behind it: ${p.originUnknown}`);
  }
  if (origin && p.passedThrough?.length) {
    const shown = p.passedThrough.slice(-PASSED_SHOWN);
    const earlier = p.passedThrough.length - shown.length + (p.passedThroughMore ?? 0);
    lines.push(`    ${origin.env} ran between ${result.to}'s and this one${earlier ? ` (${earlier} earlier, in --json${p.passedThroughMore ? " in part" : ""})` : ""}:`);
    for (const x of shown) {
      lines.push(`      ${pinText(x.image, name)} ${utc(x.date)}${x.requestedBy !== void 0 ? ` by ${personText(x.requestedBy)}` : ""}${x.action !== "bump" ? ` (${x.action})` : ""}, ${revisionText(x.sourceRevision)}`);
    }
  }
  if (p.previousImage.endsWith(`@${p.digest}`)) lines.push(`    (the same digest under another tag: ${result.to} runs it already)`);
  if (p.rolledBack) lines.push(`    ${rollbackText(p.rolledBack)}`);
  if (p.outOfBand) {
    const note = { ...p.outOfBand, ...p.outOfBand.by !== void 0 ? { by: personText(p.outOfBand.by) } : {} };
    lines.push(`    replaces a pin that never passed through ${result.from}: ${outOfBandText(note)}`);
  }
  return [...changeLines(p.app, pinText(p.previousImage, name), pinText(p.image, name), columns), ...lines.flatMap((l) => wrapLine(l))];
}
function formatPlanText(result) {
  const shown = result.promotions.map((p) => ({ app: p.app, previous: pinText(p.previousImage, imageParts(p.image).name) }));
  const columns = { app: Math.max(0, ...shown.map((s) => s.app.length)), previous: Math.max(0, ...shown.map((s) => s.previous.length)) };
  const lines = result.promotions.flatMap((p) => promotionLines(result, p, columns));
  lines.push(...leftOutLines(result));
  for (const h of result.heldBack ?? []) {
    const name = imageParts(h.image).name;
    lines.push(...wrapLine(`  ${h.app}  not in the plan given (${result.from} ${pinText(h.image, name)}${h.sourceDate !== void 0 ? ` since ${utc(h.sourceDate)}` : ""}${h.sourceRequestedBy !== void 0 ? ` by ${personText(h.sourceRequestedBy)}` : ""})`));
    lines.push(...wrapLine(`    not promoted: ${result.to} keeps ${pinText(h.previousImage, name)}; a new run plans it`));
  }
  for (const u of result.unchanged ?? []) lines.push(...wrapLine(`  ${u.app}  unchanged: ${result.to} already pins ${pinText(u.image)}`));
  if (lines.some((l) => l.includes("…"))) lines.push("  (… marks a value cut short: --json has it whole)");
  return lines;
}
function leftOutLines(result) {
  return (result.leftOut ?? []).flatMap((l) => {
    const name = imageParts(l.image).name;
    const keeps = `    (${result.to} keeps ${pinText(l.previousImage, name)})`;
    if (l.kind === "undeployed") return [`  ${l.app}  left out: ${pinText(l.image, name)} would never be deployed in ${result.to}`, `    ${formatProblem(l.problem)}`, keeps];
    if (l.kind === "source-undeployed") return [`  ${l.app}  left out: its pin in ${result.from}, ${pinText(l.image, name)}, is never deployed: ${result.from} never ran that digest`, `    ${formatProblem(l.problem)}`, keeps];
    const block = blockText(l.blocked, utc);
    return [`  ${l.app}  left out: ${pinText(l.image, name)} is blocked`, `    ${block}`, keeps];
  });
}
var EXPECT_OPTION_MAX = 32768;
function expectOptions(expect, max = EXPECT_OPTION_MAX) {
  const options = [];
  let items = [];
  let length = 0;
  for (const item of expect.split(",")) {
    if (items.length && length + 1 + item.length > max) {
      options.push(`--expect ${items.join(",")}`);
      items = [];
      length = 0;
    }
    length += (items.length ? 1 : 0) + item.length;
    items.push(item);
  }
  if (items.length) options.push(`--expect ${items.join(",")}`);
  return options;
}

// actions/src/entry/commands/promote.ts
async function runPromote(options) {
  const made = { apps: [] };
  try {
    return await promote(options, made);
  } catch (error) {
    if (typeof error === "object" && error !== null && !("apps" in error)) Object.assign(error, { apps: made.apps });
    throw error;
  }
}
async function promote(options, made) {
  checkPromoteRequest(options);
  made.apps = expectedApps(options.expect ?? []).map((e) => e.app);
  const noteApps = (result) => {
    if (result.promotions.length) made.apps = result.promotions.map((p) => p.app);
  };
  if (options.mode === "pull-request") options = { ...options, proposal: true };
  checkDelivery({ mode: options.mode, commitVia: options.commitVia, ...options.github ? { github: options.github } : {}, ...options.pullRequest?.autoMerge ? { autoMerge: options.pullRequest.autoMerge } : {} });
  const phase = options.phase ?? (() => {
  });
  phase("Read the env repo and its history");
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE, BLOCKLIST_FILE], progress: options.progress, ...options.progress ? { warn: (w) => options.progress(`warning: ${w}`) } : {} });
  try {
    const common = { repo: redactUrl(repo.url), branch: options.branch };
    const dated = options.commitVia === "api" ? void 0 : repo.committerDate();
    const now = () => ({ now: options.now?.() ?? /* @__PURE__ */ new Date(), ...dated ? { commit: dated } : {} });
    const first = await repo.head();
    const historyAt = async (head) => {
      const asked = options.all ? config.apps : config.apps.filter((a) => options.apps.includes(a.name));
      const paths = (env) => asked.flatMap((a) => {
        try {
          return [manifestPath(a, env)];
        } catch {
          return [];
        }
      });
      const changes = targetAndSourceChanges(repo, head, paths(options.to), paths(options.from));
      const rollbacks = changes.target.then((entries) => targetRollbacks(entries, options.to));
      rollbacks.catch(() => {
      });
      changes.source.catch(() => {
      });
      const log = await repo.log(head);
      const landed = landings(log, head);
      const rank = (commit) => landed.get(commit)?.rank ?? -1;
      const pins2 = pinEvents(log).map((p) => ({ ...p, date: landedSince(p, landed.get(p.commit)) })).sort((a, b) => rank(b.commit) - rank(a.commit));
      const rolledBack2 = async (app, digest) => (await rollbacks)(app, digest);
      const since2 = sourceRuns(repo, head, options.from, paths(options.from), changes.source, pins2, (commit) => landed.get(commit)?.commit);
      const pinned = new Set(pins2.map((p) => p.commit));
      const trailers = new Map(log.filter((entry) => pinned.has(entry.commit)).map((entry) => [entry.commit, entry.trailers]));
      const apps = new Map(config.apps.map((a) => [a.name, a]));
      const provenance = provenanceOf(pins2, (commit) => trailers.get(commit), {
        path: (name, env) => {
          const app = apps.get(name);
          try {
            return app && config.environments.some((e) => e.name === env) ? manifestPath(app, env) : void 0;
          } catch {
            return void 0;
          }
        },
        isApp: (name) => apps.has(name),
        image: (name) => apps.get(name)?.image,
        changed: async (asks) => {
          const found = await repo.changesIn([...new Set(asks.map((a) => a.commit))], [...new Set(asks.map((a) => a.path))]);
          return new Set(found.flatMap((entry) => entry.files.map((f) => `${entry.commit} ${f}`)));
        }
      });
      const prefetch = since2.prefetch?.bind(since2);
      since2.prefetch = async (asks) => {
        provenance.prefetch(asks.map((a) => a.app.name));
        await prefetch?.(asks);
      };
      since2.provenance = (where) => provenance.of(where);
      return { pins: pins2, since: since2, rolledBack: rolledBack2 };
    };
    const config = await readConfig(first);
    const { pins, since, rolledBack } = await historyAt(first.commit);
    const changedSince = (planned, head) => async (path) => {
      const [now2, then] = await Promise.all([repo.lastChanges(head, [path]), repo.lastChanges(planned, [path])]);
      const info = now2.get(path);
      if (!info || info.commit === then.get(path)?.commit) return void 0;
      return changeText(info);
    };
    const expectChangedBy = options.expect?.length ? async (path) => {
      const info = (await repo.lastChanges(first.commit, [path])).get(path);
      return info && changeText(info);
    } : void 0;
    let bound;
    let measured;
    let analysis;
    let request = options;
    if (options.approvers) {
      phase("Plan the promotion");
      const plan = await planPromote(first, options, since, now(), "defer", rolledBack, void 0, expectChangedBy);
      noteApps(plan.result);
      if (plan.write) {
        phase("Read the approvals");
        request = { ...options, approvedBy: [...options.approvedBy, ...await options.approvers(plan.result, { required: (findEnvironment(config, options.to, "to").gates?.approvals ?? 0) > 0 })] };
        bound = plannedApps(plan.result.promotions);
      }
    }
    if (hasMeasuredGates(config, options.to)) {
      phase("Measure the analysis gates");
      const preview = await planPromote(first, request, since, now(), "defer", rolledBack, void 0, expectChangedBy);
      noteApps(preview.result);
      if (preview.write) {
        bound ??= plannedApps(preview.result.promotions);
        const blocking = preview.result.gates.filter((g) => g.verdict !== "pass" && (g.gate === "blocked" || g.gate !== options.override?.gate) && !awaitsApprovals(request, g));
        const gates = config.environments.find((e) => e.name === options.to).gates;
        if (blocking.length) {
          measured = { keys: promotionKeys(preview.result.promotions), verdicts: measuredGateNames(gates).map((gate) => ({ gate, verdict: "error", reason: `not run: ${blocking.map((b) => b.gate).join(", ")} did not pass`, notRun: true })) };
        } else {
          const report = await measureGates({ config, snapshot: first, from: options.from, to: options.to, promotions: preview.result.promotions, pins }, {
            prometheus: options.measure?.prometheus ?? new HttpPrometheus(),
            clock: options.measure?.clock ?? systemClock,
            env: options.measure?.env ?? process.env,
            ...options.measure?.signal ? { signal: options.measure.signal } : {},
            ...options.prometheus !== void 0 ? { prometheusAddress: options.prometheus } : {},
            ...options.progress ? { progress: options.progress } : {},
            ...options.secret ? { secret: options.secret } : {}
          });
          measured = report;
          analysis = { runs: report.runs, comparisons: report.comparisons };
        }
        measured.basis = await measuredBasis({ snapshot: first, config, from: options.from, to: options.to, promotions: preview.result.promotions, pins, ...options.prometheus !== void 0 ? { prometheusAddress: options.prometheus } : {} });
      }
    }
    const extra = analysis ? { analysis } : {};
    let stoppedAt = first.commit;
    let retries = 0;
    try {
      if (options.dryRun) {
        phase("Plan the promotion and evaluate the gates");
        const planned = await planPromote(first, request, since, now(), measured, rolledBack, void 0, expectChangedBy);
        return { status: planned.write ? "planned" : "skipped", ...common, commit: first.commit, attempts: 1, ...planned.result, ...extra };
      }
      const github = options.github;
      const phases = writerPhases(phase, { plan: "Plan the promotion and evaluate the gates", write: writePhase(options.mode, options.commitVia) });
      const reportRetry = reportRetries(options.progress, options.maxAttempts);
      const outcome = await deliver(repo, async (snapshot) => {
        phases.plan();
        const history = snapshot.commit === first.commit ? { since, rolledBack, pins } : await historyAt(snapshot.commit);
        let planned;
        let stopped;
        try {
          planned = await planPromote(snapshot, request, history.since, now(), measured, history.rolledBack, bound, snapshot.commit === first.commit ? expectChangedBy : changedSince(first.commit, snapshot.commit));
        } catch (error) {
          if (!(error instanceof GateError)) throw error;
          stopped = error;
          stoppedAt = snapshot.commit;
        }
        const result = planned?.result ?? stopped.result;
        noteApps(result);
        if (measured?.basis && snapshot.commit !== first.commit && result.promotions.length) {
          const basis = await measuredBasis({ snapshot, config: await readConfig(snapshot), from: options.from, to: options.to, promotions: result.promotions, pins: history.pins, ...options.prometheus !== void 0 ? { prometheusAddress: options.prometheus } : {} });
          const changes = basisChanges(measured.basis, basis);
          if (changes.length) {
            const by = changedSince(first.commit, snapshot.commit);
            const notes = bound ? await Promise.all(tagOnlyChanges(bound, result).map(async (t) => {
              const who = await by(manifestPath(config.apps.find((a) => a.name === t.app), t.env));
              return `${t.text}${who ? ` (${who})` : ""}`;
            })) : [];
            throw new PlanChangedError(request, [...notes, ...changes], "since its analysis ran", measured);
          }
        }
        if (stopped) throw stopped;
        if (planned.write) {
          bound ??= plannedApps(planned.result.promotions);
          phases.write();
        }
        return planned;
      }, {
        mode: options.mode ?? "push",
        commitVia: options.commitVia ?? "git",
        ...github ? { github } : {},
        branchName: (result) => changesBranch(result.to, result.promotions),
        pullRequest: { ...options.pullRequest, body: options.pullRequest?.body ?? ((result) => promotePullRequestBody(result, github ? { repo: `${(github.serverUrl ?? "https://github.com").replace(/\/+$/, "")}/${github.owner}/${github.repo}` } : {})) },
        writeOptions: {
          ...options.maxAttempts !== void 0 ? { maxAttempts: options.maxAttempts } : {},
          onRetry: (attempt, delay, error) => {
            retries = attempt;
            reportRetry(attempt, delay, error);
          }
        }
      });
      const links = {
        ...outcome.commitUrl ? { commitUrl: outcome.commitUrl } : {},
        ...outcome.pullRequestUrl ? { pullRequestUrl: outcome.pullRequestUrl, pullRequestNumber: outcome.pullRequestNumber } : {},
        ...outcome.notice ? { notice: outcome.notice } : {}
      };
      return { status: outcome.status, ...common, commit: outcome.commit, attempts: outcome.attempts, ...outcome.result, ...extra, ...links };
    } catch (error) {
      if (error instanceof GateError) return { status: "stopped", ...common, commit: stoppedAt, attempts: retries + 1, ...error.result, ...extra };
      throw error;
    }
  } finally {
    await repo.close();
  }
}
function targetAndSourceChanges(repo, head, target, source) {
  if (target.length <= MAX_PATHSPECS || source.length <= MAX_PATHSPECS) return { target: repo.pathChanges(head, target), source: repo.pathChanges(head, source) };
  const both = repo.pathChanges(head, [.../* @__PURE__ */ new Set([...target, ...source])]);
  return { target: both.then((entries) => changesTo(entries, target)), source: both.then((entries) => changesTo(entries, source)) };
}
function sourceRuns(repo, head, env, paths, listed, pins, landedWith) {
  const lists = /* @__PURE__ */ new Map();
  const inits = /* @__PURE__ */ new Set();
  const byPath = (list, changes) => changes.then((entries) => {
    const commits = new Map(list.map((p) => [p, []]));
    for (const { commit, files, trailers } of entries) {
      for (const f of files) commits.get(f)?.push(commit);
      if (trailers.get("Ferry-Action")?.[0] === "init") inits.add(commit);
    }
    return commits;
  });
  const all = paths.length ? byPath(paths, listed) : void 0;
  all?.catch(() => {
  });
  for (const p of paths) lists.set(p, all);
  const commitsOf = (path) => {
    if (!lists.has(path)) lists.set(path, byPath([path], repo.pathChanges(head, [path])));
    return lists.get(path).then((commits) => commits.get(path) ?? []);
  };
  let fetched;
  const newest = () => fetched ??= all?.then((commits) => repo.readFilesAt([...commits].flatMap(([p, list]) => list.slice(0, 2).map((commit) => ({ commit, path: p })))));
  const runs = /* @__PURE__ */ new Map();
  const runOf = (app, path) => {
    const key = `${app.name}\0${path}`;
    if (!runs.has(key)) runs.set(key, { versions: [], next: 2 });
    return runs.get(key);
  };
  let reading = Promise.resolve();
  const readRuns = (asks) => {
    const done = reading.then(async () => {
      const open = await Promise.all(asks.map(async (ask) => ({ ...ask, commits: await commitsOf(ask.path), run: runOf(ask.app, ask.path) })));
      const unfinished = () => [...new Map(open.map((o) => [o.run, o])).values()].filter((o) => o.run.versions.length < o.commits.length && runLength(o.run.versions, o.digest) === o.run.versions.length);
      for (let round = unfinished(); round.length; round = unfinished()) {
        const next = round.map((o) => o.commits.slice(o.run.versions.length, o.run.versions.length + o.run.next));
        const texts = await repo.readFilesAt(round.flatMap((o, i) => next[i].map((commit) => ({ commit, path: o.path }))));
        let at = 0;
        round.forEach((o, i) => {
          const versions = next[i].map((commit, k) => ({ commit, digest: pinnedDigest(texts[at + k], o.path, o.app) }));
          at += versions.length;
          for (const v of versions) o.run.versions.push(v);
          o.run.next *= 4;
        });
      }
    });
    reading = done.catch(() => {
    });
    return done;
  };
  const since = async (app, path, digest) => {
    await newest();
    await readRuns([{ app, path, digest }]);
    const { versions } = runOf(app, path);
    const run = runLength(versions, digest);
    if (run === 0) return { unknown: `the history of ${path} does not show it there` };
    const start = versions[run - 1].commit;
    const init = inits.has(start) && (await repo.parents(start)).length === 0;
    return soakSince(start, pins, landedWith, { env, app: app.name, digest }, init);
  };
  since.prefetch = async (asks) => {
    const missing = [...new Set(asks.map((a) => a.path).filter((p) => !lists.has(p)))];
    if (missing.length) {
      const found = byPath(missing, repo.pathChanges(head, missing));
      found.catch(() => missing.forEach((p) => lists.get(p) === found && lists.delete(p)));
      for (const p of missing) lists.set(p, found);
    }
    try {
      await newest();
      await readRuns(asks);
    } catch {
    }
  };
  return since;
}
function changeText(info) {
  return `changed by commit ${info.commit.slice(0, 12)} of ${quote(info.author, 100)}${info.requestedBy !== void 0 ? `, requested by ${quote(info.requestedBy, 100)}` : ""}: ${quote(info.subject, 120)}`;
}
function pinnedDigest(text, path, app) {
  try {
    return typeof text === "string" ? readPinnedImage(text, path, app.pin).digest : void 0;
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return void 0;
  }
}
export {
  expectOptions,
  formatPlanText,
  leftOutCause,
  leftOutLines,
  runPromote,
  stoppedAdvice,
  unusedOverride,
  wrapLine
};
