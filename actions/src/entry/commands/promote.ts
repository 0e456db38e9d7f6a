import { GitEnvRepo, redactUrl } from '../../adapters/git.js';
import { HttpPrometheus } from '../../adapters/prometheus.js';
import { measureGates, type MeasureDeps, type MeasuredReport } from '../../core/analysis-gate.js';
import { readConfig } from '../../core/env-repo-config.js';
import { manifestPath } from '../../core/config.js';
import { BLOCKLIST_FILE } from '../../core/blocklist.js';
import { CONFIG_FILE } from '../../core/env-repo-config.js';
import { pinEvents, type PinEvent } from '../../core/history.js';
import { landings } from '../../core/landing.js';
import { promotePullRequestBody } from '../../core/job-summary.js';
import { reportRetries } from '../../core/env-repo-writer.js';
import type { MergeMethod } from '../../adapters/github.js';
import { GateError, checkPromoteRequest, hasMeasuredGates, planPromote, promotionKeys, targetRollbacks, type MeasuredGates, type TargetRollbacks, type PromoteRequest, type PromoteResult, type SourceHistory } from '../../core/promote.js';
import { runLength, soakSince, type SourceVersion } from '../../core/soak.js';
import { readPinnedImage } from '../../core/image-pin.js';
import { ConfigurationError } from '../../core/errors.js';
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
   * action: the approvals GitHub recorded for this run and on the promotion's pull request). They
   * count with `approvedBy`; a throw fails the command, nothing written. A retry that would promote
   * something else fails instead of reusing approvals given for this plan.
   */
  approvers?: (plan: PromoteResult) => Promise<string[]>;
  /** Replaces ferry.yaml's prometheus.address. */
  prometheus?: string;
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

// (For the CLI, which loads this file: what it says of a stopped promotion, of an app left out and of a digest rolled back from.)
export { stoppedAdvice } from '../../core/promote.js';
export { blockText, rollbackText } from '../../core/job-summary.js';

/** `ferry promote`: the exact digests of one environment into the next, one commit, gated. */
export async function runPromote(options: PromoteOptions): Promise<PromoteOutput> {
  checkPromoteRequest(options);
  // A pull request asks for the approvals (see PromoteRequest.proposal).
  if (options.mode === 'pull-request') options = { ...options, proposal: true };
  checkDelivery({ mode: options.mode, commitVia: options.commitVia, ...(options.github ? { github: options.github } : {}), ...(options.pullRequest?.autoMerge ? { autoMerge: options.pullRequest.autoMerge } : {}) });
  // The whole history (without blobs): soak reads when the source environment got each digest.
  const phase = options.phase ?? (() => {});
  phase('Read the env repo and its history');
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE, BLOCKLIST_FILE], progress: options.progress });
  try {
    const common = { repo: redactUrl(repo.url), branch: options.branch };
    // Read at each plan: the one that is written is judged at the time of writing (a freeze may
    // have begun while the analysis ran).
    const now = () => options.now?.() ?? new Date();
    const first = await repo.head();
    // Each pin dated by when it reached the branch (soak counts from there), the last to land first;
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
      // Started now: git walks the target's history while the rest is read. (Awaited when planning.)
      const rollbacks = repo.pathChanges(head, paths(options.to)).then((changes) => targetRollbacks(changes, options.to));
      rollbacks.catch(() => {});
      const log = await repo.log(head);
      const landed = landings(log, head);
      const rank = (commit: string) => landed.get(commit)?.rank ?? -1;
      const pins = pinEvents(log).map((p) => ({ ...p, date: landed.get(p.commit)?.date ?? p.date }))
        .sort((a, b) => rank(b.commit) - rank(a.commit));
      const rolledBack: TargetRollbacks = async (app, digest) => (await rollbacks)(app, digest);
      return { pins, since: sourceRuns(repo, head, options.from, paths(options.from), pins, (commit) => landed.get(commit)?.commit), rolledBack };
    };
    const config = await readConfig(first);
    const { pins, since, rolledBack } = await historyAt(first.commit);
    let measured: MeasuredGates | undefined;
    let analysis: PromoteOutput['analysis'];
    // The approvals found for this plan's promotions count with approved-by, in every plan below.
    let request: PromoteOptions = options;
    let approvedKeys: string[] | undefined;
    if (options.approvers) {
      phase('Plan the promotion');
      const plan = await planPromote(first, options, since, now(), 'defer', rolledBack);
      if (plan.write) {
        phase('Read the approvals');
        request = { ...options, approvedBy: [...options.approvedBy, ...(await options.approvers(plan.result))] };
        approvedKeys = promotionKeys(plan.result.promotions);
      }
    }
    if (hasMeasuredGates(config, options.to)) {
      phase('Measure the analysis gates');
      // What would be promoted, and the other gates' verdicts, before measuring anything.
      const preview = await planPromote(first, request, since, now(), 'defer', rolledBack);
      if (preview.write) {
        const blocking = preview.result.gates.filter((g) => g.verdict !== 'pass' && (g.gate === 'blocked' || g.gate !== options.override?.gate));
        const gates = config.environments.find((e) => e.name === options.to)!.gates!;
        if (blocking.length) {
          // Minutes of measuring cannot change the outcome: say so instead of measuring.
          measured = { keys: promotionKeys(preview.result.promotions), verdicts: measuredGateNames(gates).map((gate) => ({ gate, verdict: 'error', reason: `not run: ${blocking.map((b) => b.gate).join(', ')} did not pass` })) };
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
      }
    }
    const extra = analysis ? { analysis } : {};
    try {
      if (options.dryRun) {
        phase('Plan the promotion and evaluate the gates');
        const planned = await planPromote(first, request, since, now(), measured, rolledBack);
        return { status: planned.write ? 'planned' : 'skipped', ...common, commit: first.commit, attempts: 1, ...planned.result, ...extra };
      }
      const github = options.github;
      const phases = writerPhases(phase, { plan: 'Plan the promotion and evaluate the gates', write: writePhase(options.mode, options.commitVia) });
      const outcome = await deliver(repo, async (snapshot) => {
        phases.plan();
        const history = snapshot.commit === first.commit ? { since, rolledBack } : await historyAt(snapshot.commit);
        const planned = await planPromote(snapshot, request, history.since, now(), measured, history.rolledBack);
        if (approvedKeys && planned.result.promotions.length && promotionKeys(planned.result.promotions).join(' ') !== approvedKeys.join(' ')) {
          throw new Error(`${options.from} changed while the approvals were read (approved ${approvedKeys.join(', ')}; now ${promotionKeys(planned.result.promotions).join(', ')}): nothing written; run the promotion again`);
        }
        if (planned.write) phases.write();
        return planned;
      }, {
        mode: options.mode ?? 'push',
        commitVia: options.commitVia ?? 'git',
        ...(github ? { github } : {}),
        branchName: (result) => changesBranch(result.to, result.promotions),
        pullRequest: { ...options.pullRequest, body: options.pullRequest?.body ?? ((result) => promotePullRequestBody(result, github ? { repo: `${(github.serverUrl ?? 'https://github.com').replace(/\/+$/, '')}/${github.owner}/${github.repo}` } : {})) },
        writeOptions: { onRetry: reportRetries(options.progress) },
      });
      const links = {
        ...(outcome.commitUrl ? { commitUrl: outcome.commitUrl } : {}),
        ...(outcome.pullRequestUrl ? { pullRequestUrl: outcome.pullRequestUrl, pullRequestNumber: outcome.pullRequestNumber } : {}),
        ...(outcome.notice ? { notice: outcome.notice } : {}),
      };
      return { status: outcome.status, ...common, commit: outcome.commit, attempts: outcome.attempts, ...outcome.result, ...extra, ...links };
    } catch (error) {
      if (error instanceof GateError) return { status: 'stopped', ...common, commit: first.commit, attempts: 1, ...error.result, ...extra };
      throw error;
    }
  } finally {
    await repo.close();
  }
}

/**
 * Since when `env` has run each app's digest (soak.ts): the versions of the app's manifest there
 * after each first-parent commit that changed it, newest first, read back to the first that pins
 * another digest, a few at a time (most runs are one or two versions long). The commits that
 * changed the manifests of `paths` (those of the apps asked for) are listed in one `git log`; a
 * path not among them (ferry.yaml moved it since) in one of its own.
 */
function sourceRuns(repo: GitEnvRepo, head: string, env: string, paths: readonly string[], pins: readonly PinEvent[], landedWith: (commit: string) => string | undefined): SourceHistory {
  const lists = new Map<string, Promise<Map<string, string[]>>>();
  const changesOf = (list: readonly string[]) => repo.pathChanges(head, list).then((changes) => {
    const byPath = new Map<string, string[]>(list.map((p) => [p, []]));
    for (const { commit, files } of changes) for (const f of files) byPath.get(f)?.push(commit);
    return byPath;
  });
  // Started now: git walks the history while the plan is made. (Awaited by the first app asked about.)
  const all = paths.length ? changesOf(paths) : undefined;
  all?.catch(() => {});
  for (const p of paths) lists.set(p, all!);
  let fetched: Promise<unknown> | undefined;
  return async (app, path, digest) => {
    if (!lists.has(path)) lists.set(path, changesOf([path]));
    // The newest two versions of every manifest come in one fetch, not one per app (most runs are
    // read from them alone).
    fetched ??= all?.then((byPath) => repo.readFilesAt([...byPath].flatMap(([p, commits]) => commits.slice(0, 2).map((commit) => ({ commit, path: p })))));
    await fetched;
    const commits = (await lists.get(path)!).get(path) ?? [];
    const versions: SourceVersion[] = [];
    for (let n = 2; versions.length < commits.length && runLength(versions, digest) === versions.length; n *= 4) {
      const next = commits.slice(versions.length, versions.length + n);
      const texts = await repo.readFilesAt(next.map((commit) => ({ commit, path })));
      next.forEach((commit, i) => {
        const text = texts[i];
        let pinned: string | undefined;
        try {
          pinned = typeof text === 'string' ? readPinnedImage(text, path, app.pin).digest : undefined;
        } catch (error) {
          if (!(error instanceof ConfigurationError)) throw error; // (a version that does not read pins nothing)
        }
        versions.push({ commit, digest: pinned });
      });
    }
    const run = runLength(versions, digest);
    if (run === 0) return { unknown: `the history of ${path} does not show it there` };
    return soakSince(versions[run - 1]!.commit, pins, landedWith, { env, app: app.name, digest });
  };
}
