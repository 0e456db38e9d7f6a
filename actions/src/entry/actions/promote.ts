// The promote action (`ferry promote`): the exact digests of one environment into the next, one commit, gated.
import { promoteSummary, promoteVerdict } from '../../core/job-summary.js';
import { requestContext, runAction, type ActionCommand } from '../action-runtime.js';
import type { PromoteOptions, PromoteOutput } from '../commands/promote.js';

const promote: ActionCommand<PromoteOptions, PromoteOutput> = {
  name: 'promote',
  getInputs: (input, repo) => {
    const [gate, reason] = [input.optional('override'), input.optional('reason')];
    if ((gate === undefined) !== (reason === undefined)) input.problem(gate === undefined ? 'override' : 'reason', `is required with ${gate === undefined ? 'reason' : 'override'}: override names the gate, reason says why`);
    return {
      ...repo, from: input.required('from'), to: input.required('to'), apps: input.list('apps'), all: input.boolean('all'),
      approvedBy: input.list('approved-by'), ...(gate && reason ? { override: { gate, reason } } : {}), ...requestContext(input), dryRun: input.boolean('dry-run'),
    };
  },
  run: async (inputs, context) => (await import('../commands/promote.js')).runPromote({ ...inputs, progress: context.progress }),
  outputs: (r, context) => ({ status: r.status, verdict: promoteVerdict(r), commit: r.commit, 'commit-url': context.commitUrl(r.commit), gates: JSON.stringify(r.gates) }),
  log: (r) => ({
    Plan: r.promotions.map((p) => `${p.app}  ${p.previousImage || '(none)'}\n  -> ${p.image}\n${p.diff}`).join('\n') || `nothing to promote: ${r.to} already pins what ${r.from} pins`,
    Gates: r.gates.map((g) => `${g.gate.padEnd(9)} ${g.verdict.padEnd(5)} ${g.reason}`).join('\n') || 'no gates (nothing to promote)',
  }),
  failure: (r) => promoteVerdict(r) !== 'stopped' ? undefined : {
    headline: `promotion ${r.from} -> ${r.to} stopped by gates (${r.gates.filter((g) => g.verdict !== 'pass').map((g) => g.gate).join(', ')}); nothing written`,
    annotations: r.gates.filter((g) => g.verdict !== 'pass').map((g) => ({ title: `ferry promote: gate ${g.gate} ${g.verdict}`, message: `${g.gate}: ${g.reason}${g.gate === r.override?.gate && g.gate !== 'blocked' ? ' (overridden)' : ''}` })),
  },
  summary: promoteSummary,
};

await runAction(promote);
