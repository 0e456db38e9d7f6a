import { GitEnvRepo, MAX_PATHSPECS, changesTo, redactUrl, type FileRead } from '../../adapters/git.js';
import { type LogEntry } from '../../adapters/git-log.js';
import { HttpPrometheus } from '../../adapters/prometheus.js';
import { measureGates, type MeasureDeps, type MeasuredReport } from '../../core/analysis-gate.js';
import { readConfig } from '../../core/env-repo-config.js';
import { findEnvironment, manifestPath, type AppConfig } from '../../core/config.js';
import { BLOCKLIST_FILE } from '../../core/blocklist.js';
import { CONFIG_FILE } from '../../core/env-repo-config.js';
import { pinEvents, type PinEvent } from '../../core/history.js';
import { provenanceOf } from '../../core/pin-origin.js';
import { landedSince, landings } from '../../core/landing.js';
import { promotePullRequestBody } from '../../core/job-summary.js';
import { reportRetries, type Planned } from '../../core/env-repo-writer.js';
import type { MergeMethod } from '../../adapters/github.js';
import { GateError, PlanChangedError, awaitsApprovals, tagOnlyChanges, type ChangedBy, checkPromoteRequest, expectedApps, hasMeasuredGates, planPromote, plannedApps, promotionKeys, targetRollbacks, type GateTime, type MeasuredGates, type PlannedApp, type TargetRollbacks, type PromoteRequest, type PromoteResult, type SourceAsk, type SourceHistory } from '../../core/promote.js';
import { runLength, soakSince, type SourceVersion } from '../../core/soak.js';
import { readPinnedImage } from '../../core/image-pin.js';
import { ConfigurationError, quote } from '../../core/errors.js';
import { basisChanges, measuredBasis } from '../../core/measured-basis.js';
import { measuredGateNames } from '../../core/measured-gates.js';
import { systemClock } from './analyze.js';
import { changesBranch, checkDelivery, deliver, type CommitVia, type DeliveryMode, type GitHubTarget } from '../delivery.js';
import { writePhase, writerPhases, type PhaseHook } from './phases.js';

export interface PromoteOptions extends PromoteRequest {
  repo: string;
  branch: string;
  dryRun: boolean;
  now?: () => Date;
  progress?: (line: string) => void;
  /** Called as the command enters each phase (the actions give each its own log group); the CLI passes none. */
  phase?: PhaseHook;
  /**
   * More approvers, found once the promotions are known and before any gate is evaluated (the
   * action: the approvals GitHub recorded for this run and on the promotion's pull request), for
   * every target: the record says who approved each change. `required`: the target has an
   * approvals gate (approvals the token cannot read are a warning either way, worded by it: the
   * gate then counts the others).
   * They count with `approvedBy`; a throw fails the command, nothing written. (A retry that would
   * promote something else fails, as every retry does: PlanChangedError.)
   */
  approvers?: (plan: PromoteResult, need: { required: boolean }) => Promise<string[]>;
  /** Replaces ferry.yaml's prometheus.address. */
  prometheus?: string;
  /** Tries when other writers move the branch first (default: 20). */
  maxAttempts?: number;
  /** For tests: the Prometheus client, clock and environment the analysis gates use. */
  measure?: Partial<Pick<MeasureDeps, 'prometheus' | 'clock' | 'env' | 'signal'>>;
  /** Told of each secret the analysis gates read, as soon as it is read (the actions mask it). */
  secret?: (value: string) => void;
  /** How the change reaches the branch: pushed (default) or proposed in a pull request. */
  mode?: DeliveryMode;
  /** Who makes the commit: git (default), or GitHub's API. */
  commitVia?: CommitVia;
  /** The env repo on GitHub: needed for `mode: pull-request` and `commit-via: api`. */
  github?: GitHubTarget;
  /** The pull request's labels, draft and auto-merge; its body is promotePullRequestBody() unless given. */
  pullRequest?: { labels?: readonly string[]; draft?: boolean; autoMerge?: MergeMethod; body?: (result: PromoteResult) => string };
}

export interface PromoteOutput extends PromoteResult {
  status: 'succeeded' | 'skipped' | 'planned' | 'stopped';
  repo: string;
  branch: string;
  commit: string;
  attempts: number;
  /** The analysis runs and comparisons behind the analysis and compare gates. */
  analysis?: Pick<MeasuredReport, 'runs' | 'comparisons'>;
  commitUrl?: string;
  pullRequestUrl?: string;
  pullRequestNumber?: number;
  /** Pull-request mode: what the user must know of how the proposal lands (delivery's notice). */
  notice?: string;
}

// (For the CLI, which loads this file: what it says of a stopped promotion and of an override not used, and the plan's text.)
export { stoppedAdvice, unusedOverride } from '../../core/promote.js';
export { expectOptions, formatPlanText, leftOutCause, leftOutLines, wrapLine } from '../../core/promote-text.js';

/**
 * `ferry promote`: the exact digests of one environment into the next, one commit, gated.
 * An error it throws carries `apps`, the apps of the plan it had made (or was given with `expect`)
 * when it failed, the way a ConfigurationError carries the commit it was found in: the action
 * records a failed deployment of each (action-runtime.ts, withDeployments).
 */
export async function runPromote(options: PromoteOptions): Promise<PromoteOutput> {
  const made: { apps: readonly string[] } = { apps: [] };
  try {
    return await promote(options, made);
  } catch (error) {
    if (typeof error === 'object' && error !== null && !('apps' in error)) Object.assign(error, { apps: made.apps });
    throw error;
  }
}

async function promote(options: PromoteOptions, made: { apps: readonly string[] }): Promise<PromoteOutput> {
  checkPromoteRequest(options);
  made.apps = expectedApps(options.expect ?? []).map((e) => e.app);
  const noteApps = (result: PromoteResult) => {
    if (result.promotions.length) made.apps = result.promotions.map((p) => p.app);
  };
  // A pull request asks for the approvals (see PromoteRequest.proposal).
  if (options.mode === 'pull-request') options = { ...options, proposal: true };
  checkDelivery({ mode: options.mode, commitVia: options.commitVia, ...(options.github ? { github: options.github } : {}), ...(options.pullRequest?.autoMerge ? { autoMerge: options.pullRequest.autoMerge } : {}) });
  // The whole history (without blobs): soak reads when the source environment got each digest.
  const phase = options.phase ?? (() => {});
  phase('Read the env repo and its history');
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE, BLOCKLIST_FILE], progress: options.progress, ...(options.progress ? { warn: (w: string) => options.progress!(`warning: ${w}`) } : {}) });
  try {
    const common = { repo: redactUrl(repo.url), branch: options.branch };
    // Read at each plan: the one that is written is judged at the time of writing (a freeze may
    // have begun while the analysis ran), and at the date its commit will bear where
    // GIT_COMMITTER_DATE fixes it (audit judges that date; GitHub's API dates its commits itself).
    // A date git cannot commit with is refused here, before anything is measured.
    const dated = options.commitVia === 'api' ? undefined : repo.committerDate();
    const now = (): GateTime => ({ now: options.now?.() ?? new Date(), ...(dated ? { commit: dated } : {}) });
    const first = await repo.head();
    // Each pin dated by when it reached the branch, never before it was made (soak counts from there:
    // landedSince()), the last to land first;
    // read again for a head that moved while the promotion ran (a digest pinned again meanwhile
    // counts from then).
    const historyAt = async (head: string) => {
      // The manifests of the apps asked for: soak reads their history in the source environment,
      // and the target's says which digests a rollback there moved away from.
      const asked = options.all ? config.apps : config.apps.filter((a) => options.apps.includes(a.name));
      const paths = (env: string) => asked.flatMap((a) => {
        try {
          return [manifestPath(a, env)];
        } catch {
          return []; // (not an environment: planning says so)
        }
      });
      // Started now: git walks the history while the rest is read. (Awaited when planning.)
      const changes = targetAndSourceChanges(repo, head, paths(options.to), paths(options.from));
      const rollbacks = changes.target.then((entries) => targetRollbacks(entries, options.to));
      rollbacks.catch(() => {});
      changes.source.catch(() => {}); // (awaited by the first app asked about, or by none: log() failed)
      const log = await repo.log(head);
      const landed = landings(log, head);
      const rank = (commit: string) => landed.get(commit)?.rank ?? -1;
      const pins = pinEvents(log).map((p) => ({ ...p, date: landedSince(p, landed.get(p.commit)) }))
        .sort((a, b) => rank(b.commit) - rank(a.commit));
      const rolledBack: TargetRollbacks = async (app, digest) => (await rollbacks)(app, digest);
      const since = sourceRuns(repo, head, options.from, paths(options.from), changes.source, pins, (commit) => landed.get(commit)?.commit);
      // Where each digest promoted comes from: the pins read above, with their commits' trailers,
      // read by app when first asked (a plan that promotes nothing never asks); a pin counts where
      // its commit changed the app's manifest there (one git for the apps a plan asks about).
      const pinned = new Set(pins.map((p) => p.commit));
      const trailers = new Map(log.filter((entry) => pinned.has(entry.commit)).map((entry) => [entry.commit, entry.trailers]));
      const apps = new Map(config.apps.map((a) => [a.name, a]));
      const provenance = provenanceOf(pins, (commit) => trailers.get(commit), {
        path: (name, env) => {
          const app = apps.get(name);
          try {
            return app && config.environments.some((e) => e.name === env) ? manifestPath(app, env) : undefined;
          } catch {
            return undefined;
          }
        },
        isApp: (name) => apps.has(name),
        image: (name) => apps.get(name)?.image,
        changed: async (asks) => {
          const found = await repo.changesIn([...new Set(asks.map((a) => a.commit))], [...new Set(asks.map((a) => a.path))]);
          return new Set(found.flatMap((entry) => entry.files.map((f) => `${entry.commit} ${f}`)));
        },
      });
      const prefetch = since.prefetch?.bind(since);
      since.prefetch = async (asks) => {
        provenance.prefetch(asks.map((a) => a.app.name));
        await prefetch?.(asks);
      };
      since.provenance = (where) => provenance.of(where);
      return { pins, since, rolledBack };
    };
    const config = await readConfig(first);
    const { pins, since, rolledBack } = await historyAt(first.commit);
    // Who changed a manifest between the head planned at and `head` (the latest commit that
    // changed it, when that is not the one in place at the plan), for a plan that changed.
    const changedSince = (planned: string, head: string): ChangedBy => async (path) => {
      const [now, then] = await Promise.all([repo.lastChanges(head, [path]), repo.lastChanges(planned, [path])]);
      const info = now.get(path);
      if (!info || info.commit === then.get(path)?.commit) return undefined;
      return changeText(info);
    };
    // A plan given with --expect that the first plan is not: the latest commit that changed the
    // manifest (the plan given names no head, so the change is the last one made).
    const expectChangedBy: ChangedBy | undefined = options.expect?.length ? async (path) => {
      const info = (await repo.lastChanges(first.commit, [path])).get(path);
      return info && changeText(info);
    } : undefined;
    // The plan made first (for the approvals, the analysis, or the first attempt to write): every
    // plan made again, on a new head after a lost race, must promote the same apps from the same
    // digests over the same pins, or nothing is written (planPromote: PlanChangedError). Until it is
    // made, a plan given with `expect` (the plan shown, approved) binds every plan the same way.
    let bound: PlannedApp[] | undefined;
    let measured: MeasuredGates | undefined;
    let analysis: PromoteOutput['analysis'];
    // The approvals found for this plan's promotions count with approved-by, in every plan below.
    // Read for every target, and recorded; told whether the target's approvals gate requires them
    // (reading them needs what the token may not have, pull-requests: read, actions: read: the
    // action warns, and the approvals gate counts the approvers it could read).
    let request: PromoteOptions = options;
    if (options.approvers) {
      phase('Plan the promotion');
      const plan = await planPromote(first, options, since, now(), 'defer', rolledBack, undefined, expectChangedBy);
      noteApps(plan.result);
      if (plan.write) {
        phase('Read the approvals');
        request = { ...options, approvedBy: [...options.approvedBy, ...(await options.approvers(plan.result, { required: (findEnvironment(config, options.to, 'to').gates?.approvals ?? 0) > 0 }))] };
        bound = plannedApps(plan.result.promotions);
      }
    }
    if (hasMeasuredGates(config, options.to)) {
      phase('Measure the analysis gates');
      // What would be promoted, and the other gates' verdicts, before measuring anything.
      const preview = await planPromote(first, request, since, now(), 'defer', rolledBack, undefined, expectChangedBy);
      noteApps(preview.result);
      if (preview.write) {
        bound ??= plannedApps(preview.result.promotions);
        // (A proposal's approvals, still to be given on its pull request, stop nothing: measured too.)
        const blocking = preview.result.gates.filter((g) => g.verdict !== 'pass' && (g.gate === 'blocked' || g.gate !== options.override?.gate) && !awaitsApprovals(request, g));
        const gates = config.environments.find((e) => e.name === options.to)!.gates!;
        if (blocking.length) {
          // Minutes of measuring cannot change the outcome: say so instead of measuring.
          measured = { keys: promotionKeys(preview.result.promotions), verdicts: measuredGateNames(gates).map((gate) => ({ gate, verdict: 'error', reason: `not run: ${blocking.map((b) => b.gate).join(', ')} did not pass`, notRun: true })) };
        } else {
          const report = await measureGates({ config, snapshot: first, from: options.from, to: options.to, promotions: preview.result.promotions, pins }, {
            prometheus: options.measure?.prometheus ?? new HttpPrometheus(),
            clock: options.measure?.clock ?? systemClock,
            env: options.measure?.env ?? process.env,
            ...(options.measure?.signal ? { signal: options.measure.signal } : {}),
            ...(options.prometheus !== undefined ? { prometheusAddress: options.prometheus } : {}),
            ...(options.progress ? { progress: options.progress } : {}),
            ...(options.secret ? { secret: options.secret } : {}),
          });
          measured = report;
          analysis = { runs: report.runs, comparisons: report.comparisons };
        }
        measured.basis = await measuredBasis({ snapshot: first, config, from: options.from, to: options.to, promotions: preview.result.promotions, pins, ...(options.prometheus !== undefined ? { prometheusAddress: options.prometheus } : {}) });
      }
    }
    const extra = analysis ? { analysis } : {};
    // A stop is reported at the head it was judged at, and at the attempt it came in: one after a
    // lost race judges a new head (the block that stopped it may be there alone).
    let stoppedAt = first.commit;
    let retries = 0;
    try {
      if (options.dryRun) {
        phase('Plan the promotion and evaluate the gates');
        const planned = await planPromote(first, request, since, now(), measured, rolledBack, undefined, expectChangedBy);
        return { status: planned.write ? 'planned' : 'skipped', ...common, commit: first.commit, attempts: 1, ...planned.result, ...extra };
      }
      const github = options.github;
      const phases = writerPhases(phase, { plan: 'Plan the promotion and evaluate the gates', write: writePhase(options.mode, options.commitVia) });
      const reportRetry = reportRetries(options.progress, options.maxAttempts);
      const outcome = await deliver(repo, async (snapshot) => {
        phases.plan();
        const history = snapshot.commit === first.commit ? { since, rolledBack, pins } : await historyAt(snapshot.commit);
        let planned: Planned<PromoteResult> | undefined;
        let stopped: GateError | undefined;
        try {
          planned = await planPromote(snapshot, request, history.since, now(), measured, history.rolledBack, bound, snapshot.commit === first.commit ? expectChangedBy : changedSince(first.commit, snapshot.commit));
        } catch (error) {
          if (!(error instanceof GateError)) throw error;
          stopped = error;
          stoppedAt = snapshot.commit;
        }
        // The analysis verdicts are of what was measured: on a new head, the same templates, files,
        // Prometheus and versions, or they are not used (checked before a stop by the gates too:
        // a verdict of other templates is no reason to give).
        const result = planned?.result ?? stopped!.result;
        noteApps(result);
        if (measured?.basis && snapshot.commit !== first.commit && result.promotions.length) {
          const basis = await measuredBasis({ snapshot, config: await readConfig(snapshot), from: options.from, to: options.to, promotions: result.promotions, pins: history.pins, ...(options.prometheus !== undefined ? { prometheusAddress: options.prometheus } : {}) });
          const changes = basisChanges(measured.basis, basis);
          if (changes.length) {
            // A tag changed alone (the same digest) is said as such, with the commit that made it:
            // the analysis args name the tag, so the verdicts are not of what is promoted now.
            const by = changedSince(first.commit, snapshot.commit);
            const notes = bound ? await Promise.all(tagOnlyChanges(bound, result).map(async (t) => {
              const who = await by(manifestPath(config.apps.find((a) => a.name === t.app)!, t.env));
              return `${t.text}${who ? ` (${who})` : ''}`;
            })) : [];
            throw new PlanChangedError(request, [...notes, ...changes], 'since its analysis ran', measured);
          }
        }
        if (stopped) throw stopped;
        if (planned!.write) {
          bound ??= plannedApps(planned!.result.promotions);
          phases.write();
        }
        return planned!;
      }, {
        mode: options.mode ?? 'push',
        commitVia: options.commitVia ?? 'git',
        ...(github ? { github } : {}),
        branchName: (result) => changesBranch(result.to, result.promotions),
        pullRequest: { ...options.pullRequest, body: options.pullRequest?.body ?? ((result) => promotePullRequestBody(result, github ? { repo: `${(github.serverUrl ?? 'https://github.com').replace(/\/+$/, '')}/${github.owner}/${github.repo}` } : {})) },
        writeOptions: {
          ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
          onRetry: (attempt, delay, error) => {
            retries = attempt;
            reportRetry(attempt, delay, error);
          },
        },
      });
      const links = {
        ...(outcome.commitUrl ? { commitUrl: outcome.commitUrl } : {}),
        ...(outcome.pullRequestUrl ? { pullRequestUrl: outcome.pullRequestUrl, pullRequestNumber: outcome.pullRequestNumber } : {}),
        ...(outcome.notice ? { notice: outcome.notice } : {}),
      };
      return { status: outcome.status, ...common, commit: outcome.commit, attempts: outcome.attempts, ...outcome.result, ...extra, ...links };
    } catch (error) {
      if (error instanceof GateError) return { status: 'stopped', ...common, commit: stoppedAt, attempts: retries + 1, ...error.result, ...extra };
      throw error;
    }
  } finally {
    await repo.close();
  }
}

/**
 * The commits that changed the target's manifests (`target`) and the source's (`source`): each
 * pathChanges(head, paths) of its own, but one log for both when each would be a log without
 * pathspecs (past pathChanges' 32 paths), the very same walk of the whole history; each then
 * keeps the files of its own paths. (Fewer paths: pathspecs, one log each, as cheap as ever.)
 */
function targetAndSourceChanges(repo: GitEnvRepo, head: string, target: readonly string[], source: readonly string[]): { target: Promise<LogEntry[]>; source: Promise<LogEntry[]> } {
  if (target.length <= MAX_PATHSPECS || source.length <= MAX_PATHSPECS) return { target: repo.pathChanges(head, target), source: repo.pathChanges(head, source) };
  const both = repo.pathChanges(head, [...new Set([...target, ...source])]);
  return { target: both.then((entries) => changesTo(entries, target)), source: both.then((entries) => changesTo(entries, source)) };
}

/**
 * Since when `env` has run each app's digest (soak.ts): the versions of the app's manifest there
 * after each first-parent commit that changed it, newest first, read back to the first that pins
 * another digest, a few at a time (most runs are one or two versions long). The commits that
 * changed the manifests of the apps asked for are `listed` (one `git log`); a path not among them
 * (ferry.yaml moved it since) is looked for in a log of its own.
 *
 * The newest two versions of every manifest come in one fetch. A plan says first which apps it
 * will ask about (prefetch): their older versions are then read in rounds, each round the next
 * versions of every app whose run is still open, in one fetch: as many rounds as the longest run
 * takes, not a fetch per app (one commit that edits every manifest without changing its digest
 * leaves every run open past two versions).
 */
function sourceRuns(repo: GitEnvRepo, head: string, env: string, paths: readonly string[], listed: Promise<LogEntry[]>, pins: readonly PinEvent[], landedWith: (commit: string) => string | undefined): SourceHistory {
  const lists = new Map<string, Promise<Map<string, string[]>>>();
  // The commits marked as ferry init's (the first commit is): named as such where soak begins at one.
  const inits = new Set<string>();
  const byPath = (list: readonly string[], changes: Promise<LogEntry[]>) => changes.then((entries) => {
    const commits = new Map<string, string[]>(list.map((p) => [p, []]));
    for (const { commit, files, trailers } of entries) {
      for (const f of files) commits.get(f)?.push(commit);
      if (trailers.get('Ferry-Action')?.[0] === 'init') inits.add(commit);
    }
    return commits;
  });
  // Started now: git walks the history while the plan is made. (Awaited by the first app asked about.)
  const all = paths.length ? byPath(paths, listed) : undefined;
  all?.catch(() => {});
  for (const p of paths) lists.set(p, all!);
  const commitsOf = (path: string) => {
    if (!lists.has(path)) lists.set(path, byPath([path], repo.pathChanges(head, [path])));
    return lists.get(path)!.then((commits) => commits.get(path) ?? []);
  };
  let fetched: Promise<unknown> | undefined;
  // The newest two versions of every manifest come in one fetch, not one per app (most runs are
  // read from them alone).
  const newest = () => (fetched ??= all?.then((commits) => repo.readFilesAt([...commits].flatMap(([p, list]) => list.slice(0, 2).map((commit) => ({ commit, path: p }))))));
  // Each app's versions read so far (newest first), and how many the next round reads of it.
  const runs = new Map<string, { versions: SourceVersion[]; next: number }>();
  const runOf = (app: AppConfig, path: string) => {
    const key = `${app.name}\0${path}`;
    if (!runs.has(key)) runs.set(key, { versions: [], next: 2 });
    return runs.get(key)!;
  };
  // Reads on, round by round, until every run of `asks` has an end (or its history has none):
  // one readFilesAt a round. One reading at a time: a run is read once.
  let reading: Promise<unknown> = Promise.resolve();
  const readRuns = (asks: readonly SourceAsk[]): Promise<void> => {
    const done = reading.then(async () => {
      const open = await Promise.all(asks.map(async (ask) => ({ ...ask, commits: await commitsOf(ask.path), run: runOf(ask.app, ask.path) })));
      const unfinished = () => [...new Map(open.map((o) => [o.run, o])).values()].filter((o) => o.run.versions.length < o.commits.length && runLength(o.run.versions, o.digest) === o.run.versions.length);
      for (let round = unfinished(); round.length; round = unfinished()) {
        const next = round.map((o) => o.commits.slice(o.run.versions.length, o.run.versions.length + o.run.next));
        const texts = await repo.readFilesAt(round.flatMap((o, i) => next[i]!.map((commit) => ({ commit, path: o.path }))));
        let at = 0;
        round.forEach((o, i) => {
          // (Each run's versions are kept whole or not at all.)
          const versions = next[i]!.map((commit, k) => ({ commit, digest: pinnedDigest(texts[at + k], o.path, o.app) }));
          at += versions.length;
          for (const v of versions) o.run.versions.push(v);
          o.run.next *= 4;
        });
      }
    });
    reading = done.catch(() => {});
    return done;
  };
  const since: SourceHistory = async (app, path, digest) => {
    await newest();
    await readRuns([{ app, path, digest }]);
    const { versions } = runOf(app, path);
    const run = runLength(versions, digest);
    if (run === 0) return { unknown: `the history of ${path} does not show it there` };
    const start = versions[run - 1]!.commit;
    // (ferry init's commit is the first: a later one that says so is not, as audit holds it.)
    const init = inits.has(start) && (await repo.parents(start)).length === 0;
    return soakSince(start, pins, landedWith, { env, app: app.name, digest }, init);
  };
  // A read-ahead: a read that fails here is read again, and reported, by the call that needs it.
  since.prefetch = async (asks) => {
    // The paths not listed yet in one log, not a log each (dropped if it fails: each call then logs its own).
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
      // (each app's own call reads it again)
    }
  };
  return since;
}

/** A commit that changed a manifest, in words: `changed by commit 06418155a39d of "ci", requested by "mallory": "bump(prod): …"`. */
function changeText(info: { commit: string; author: string; requestedBy?: string; subject: string }): string {
  return `changed by commit ${info.commit.slice(0, 12)} of ${quote(info.author, 100)}${info.requestedBy !== undefined ? `, requested by ${quote(info.requestedBy, 100)}` : ''}: ${quote(info.subject, 120)}`;
}

/** The digest a version of a manifest pins: undefined for none, or for a version that does not read (it pins nothing). */
function pinnedDigest(text: FileRead, path: string, app: AppConfig): string | undefined {
  try {
    return typeof text === 'string' ? readPinnedImage(text, path, app.pin).digest : undefined;
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return undefined;
  }
}
