// The promote action (`ferry promote`): the exact digests of one environment into the next, one commit,
// gated; pushed or proposed in a pull request; the run's environment approvals and the reviews of the
// promotion's pull request become Ferry-Approved-By.
import * as core from '@actions/core';
import { personKey } from '../../core/approvals.js';
import { quote } from '../../core/errors.js';
import { toJson } from '../../core/format-value.js';
import { awaitsApprovalsAlone, blockText, promoteSummary, promoteVerdict, rollbackText } from '../../core/job-summary.js';
import { formatProblem } from '../../core/errors.js';
import { deliveryInputs, deploymentPlan, requestContext, runAction, type ActionCommand, type DeliveryInputs } from '../action-runtime.js';
import type { PromoteOptions, PromoteOutput } from '../commands/promote.js';
import type { LeftOutApp, PromoteResult } from '../../core/promote.js';

const APPROVAL_SOURCES = ['run', 'pull-request'] as const;
type PromoteInputs = Omit<PromoteOptions, 'mode' | 'commitVia' | 'pullRequest'> & DeliveryInputs & { approvalsFrom: (typeof APPROVAL_SOURCES)[number][]; reportPath?: string };

const promote: ActionCommand<PromoteInputs, PromoteOutput> = {
  name: 'promote',
  getInputs: (input, repo) => {
    const [gate, reason] = [input.optional('override'), input.optional('reason')];
    if ((gate === undefined) !== (reason === undefined)) input.problem(gate === undefined ? 'override' : 'reason', `is required with ${gate === undefined ? 'reason' : 'override'}: override names the gate, reason says why`);
    return {
      ...repo, from: input.required('from'), to: input.required('to'), apps: input.list('apps'), all: input.boolean('all'),
      approvedBy: input.list('approved-by'), ...(gate && reason ? { override: { gate, reason } } : {}), ...requestContext(input), dryRun: input.boolean('dry-run'),
      prometheus: input.optional('prometheus'), approvalsFrom: approvalSources(input.optional('approvals-from') === undefined ? [...APPROVAL_SOURCES] : input.list('approvals-from'), input.problem.bind(input)), ...deliveryInputs(input),
      reportPath: input.optional('report-path'),
      maxAttempts: input.positiveInt('max-attempts'),
      // The plan output of the plan job (promote.yml): this plan, or nothing written.
      expect: input.list('expect'),
    };
  },
  run: async ({ deployments: _d, environmentUrl: _u, approvalsFrom, reportPath: _r, ...inputs }, context) => {
    const needs = inputs.mode === 'pull-request' ? 'mode: pull-request' : inputs.commitVia === 'api' ? 'commit-via: api' : undefined;
    const github = needs ? await context.githubTarget(needs) : undefined;
    const { runPromote, unusedOverride } = await import('../commands/promote.js');
    const { changesBranch, LANDED_NOTE } = await import('../delivery.js');
    // Once the promotions are known: the pull request that proposes them is on changesBranch(), as pull-request mode names it.
    const approvers = approvalsFrom.length ? async (plan: PromoteResult, { required }: { required: boolean }) => context.approvers({
      environment: inputs.to, required, ...(inputs.requestedBy !== undefined ? { requester: inputs.requestedBy } : {}), run: approvalsFrom.includes('run'),
      ...(approvalsFrom.includes('pull-request') ? { pullRequestHead: changesBranch(plan.to, plan.promotions), proposal: plan.files ?? plan.promotions.map((p) => ({ path: p.manifest, diff: p.diff })) } : {}),
    }) : undefined;
    const result = await runPromote({ ...inputs, ...(approvers ? { approvers } : {}), ...(github ? { github } : {}), progress: context.progress, phase: context.phase, secret: (value) => core.setSecret(value) });
    // A proposal waiting for its approvals is not set to merge itself (delivery.ts): say so.
    if (inputs.mode === 'pull-request' && inputs.pullRequest.autoMerge && result.awaitingApproval) {
      context.progress(`auto-merge (${inputs.pullRequest.autoMerge}) not enabled on ${result.pullRequestUrl ?? 'the pull request'}: the promotion awaits its approvals; run it again once they are given`);
    }
    const unused = unusedOverride(result, inputs.override);
    if (unused) core.warning(`ferry promote: ${unused}`, { title: `ferry promote: override of ${inputs.override!.gate} not used` });
    if (result.notice) core.warning(`ferry promote: ${result.notice}`, { title: `ferry promote: pull request #${result.pullRequestNumber ?? ''}` });
    // An app left out (its source digest is blocked, its pin in the target would never be
    // deployed, or its pin in the source is never deployed) is not promoted, run after run, until
    // that changes: said on the run, not only in its summary.
    for (const l of result.leftOut ?? []) {
      core.warning(`${l.app} left out of the promotion ${result.from} -> ${result.to}: ${leftOutWhy(l, result.from, result.to)}; ${result.to} keeps ${l.previousImage || '(none)'}`, {
        title: `ferry promote: ${l.app} left out (${l.kind === 'undeployed' ? 'never deployed' : l.kind === 'source-undeployed' ? `never deployed in ${result.from}` : 'blocked'})`,
      });
    }
    // Promoted after the reviews of its pull request: that proposal is done, close it (merging it
    // would land the proposal's own, unapproved commit). Not closing it is not a failure.
    const reviewed = context.reviewedPullRequest();
    if (reviewed && result.status === 'succeeded' && inputs.mode === 'push') {
      try {
        await (await context.github())?.closePullRequest({ ...reviewed, note: `${LANDED_NOTE} ${result.commit}${result.commitUrl ? ` (${result.commitUrl})` : ''}.` });
        context.progress(`closed pull request #${reviewed.number}: the promotion it proposed landed in ${result.commit.slice(0, 12)}`);
      } catch (error) {
        core.warning(`ferry promote: could not close pull request #${reviewed.number} (${reviewed.url}): ${(error as Error).message}`);
      }
    }
    // A dry run that only its approvals stop (promote.yml's plan job, before anyone approved) is
    // the plan its reviewers are asked to approve, not a stop: planned, awaiting approval, a notice.
    // (The requester's own approval stops it, as it stops a proposal.)
    const own = inputs.requestedBy !== undefined && inputs.approvedBy.some((a) => personKey(a) === personKey(inputs.requestedBy!));
    if (inputs.dryRun && result.status === 'stopped' && !own && awaitsApprovalsAlone(result)) {
      const approvals = result.gates.find((g) => g.gate === 'approvals')!;
      const notRun = result.gates.filter((g) => g.notRun).map((g) => g.gate);
      core.notice(`ferry promote: ${result.from} -> ${result.to} awaits approval (approvals: ${approvals.reason}); every other gate passes${result.override ? ` (${result.override.gate} overridden)` : ''}${notRun.length ? `, but ${notRun.join(', ')}, measured once approved` : ''}; nothing written (dry run)`, { title: 'ferry promote: awaiting approval' });
      return { ...result, status: 'planned', awaitingApproval: true };
    }
    return result;
  },
  outputs: (r, context) => ({
    status: r.status, verdict: promoteVerdict(r), commit: r.commit, 'commit-url': r.commitUrl ?? context.commitUrl(r.commit), 'pull-request-url': r.pullRequestUrl ?? '', gates: toJson(r.gates),
    'left-out': JSON.stringify((r.leftOut ?? []).map((l) => l.app)),
    // What it promotes, as `expect` takes it (planExpect, core/promote.ts): each app from its digest
    // over what the target pins, so that the promote job given the plan job's writes it, or nothing
    // if the source or the target changed since (a rollback there, another promotion, a bump).
    plan: r.expect ?? '',
  }),
  // The plan whole (every promotion with its diff, every gate, the apps left out): the outputs hold what fits.
  report: (i) => i.reportPath,
  log: (r) => ({
    Plan: [
      ...r.promotions.map((p) => `${p.app}  ${p.previousImage || '(none)'}\n  -> ${p.image}\n${p.rolledBack ? `  ${rollbackText(p.rolledBack)}\n` : ''}${p.diff}`),
      ...(r.leftOut ?? []).map((l) => `${l.app}  left out: ${leftOutWhy(l, r.from, r.to)}`),
      ...(r.heldBack ?? []).map((h) => `${h.app}  held back: not in the plan given (expect): ${r.from} pins ${h.image}; ${r.to} keeps ${h.previousImage || '(none)'}`),
    ].join('\n') || `nothing to promote: ${r.to} already pins what ${r.from} pins`,
    Gates: r.gates.map((g) => `${g.gate.padEnd(9)} ${g.verdict.padEnd(5)} ${g.reason}`).join('\n') || 'no gates (nothing to promote)',
  }),
  failure: (r) => promoteVerdict(r) !== 'stopped' ? undefined : {
    headline: `promotion ${r.from} -> ${r.to} stopped by gates (${r.gates.filter((g) => g.verdict !== 'pass').map((g) => g.gate).join(', ')}); nothing written${r.promotions.some((p) => p.blocked) ? ` (a blocked digest cannot be overridden: leave ${r.promotions.filter((p) => p.blocked).map((p) => p.app).join(', ')} out, promoting the others by name, or unblock it)` : ''}`,
    annotations: r.gates.filter((g) => g.verdict !== 'pass').map((g) => ({ title: `ferry promote: gate ${g.gate} ${g.verdict}`, message: `${g.gate}: ${g.reason}${g.gate === r.override?.gate && g.gate !== 'blocked' ? ' (overridden)' : ''}` })),
  },
  deployments: (i) => deploymentPlan(i, i.to, i.apps),
  deployed: (r) => promoteVerdict(r) === 'stopped'
    ? { state: 'failure', commit: r.commit, apps: r.promotions.map((p) => p.app), description: `stopped by gates: ${r.gates.filter((g) => g.verdict !== 'pass').map((g) => g.gate).join(', ')}` }
    : { state: 'success', commit: r.commit, apps: r.promotions.map((p) => p.app), description: `${r.status === 'skipped' ? 'already promoted' : 'promoted'} from ${r.from} (${r.commit.slice(0, 12)})` },
  statusOutput: true,
  // The core's request check speaks the CLI's flags: --app, --all.
  inputNames: { app: 'apps', all: 'all: true' },
  summary: promoteSummary,
};

/** Why an app is left out of the promotion `from` -> `to`, for the run's warning and log. */
function leftOutWhy(l: LeftOutApp, from: string, to: string): string {
  if (l.kind === 'undeployed') return `${l.image} would never be deployed in ${to}: ${formatProblem(l.problem)}`;
  if (l.kind === 'source-undeployed') return `its pin in ${from}, ${l.image}, is never deployed (${from} never ran that digest): ${formatProblem(l.problem)}`;
  return `${l.image} is ${blockText(l.blocked)}`;
}

/** `run,pull-request` (either or both), or `none`. */
function approvalSources(items: string[], problem: (name: string, message: string) => void): PromoteInputs['approvalsFrom'] {
  if (items.length === 1 && items[0] === 'none') return [];
  const bad = items.filter((i) => !(APPROVAL_SOURCES as readonly string[]).includes(i));
  if (bad.length || !items.length) problem('approvals-from', `expected run, pull-request, both (run,pull-request) or none, found ${quote(items.join(','))}`);
  return APPROVAL_SOURCES.filter((s) => items.includes(s));
}

await runAction(promote);
