// The audit action (`ferry audit`): every environment's timeline from git history alone, checked
// against the rules; the report is written to a file (in RUNNER_TEMP unless `report-path` says where).
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { auditSummary } from '../../core/job-summary.js';
import { runAction, type ActionCommand, type RepoInputs } from '../action-runtime.js';
import type { AuditReport } from '../commands/audit.js';

type AuditInputs = RepoInputs & { env?: string; since?: string; until?: string; after?: string; format: 'json' | 'md'; reportPath?: string };

const audit: ActionCommand<AuditInputs, AuditReport & { reportPath: string }> = {
  name: 'audit',
  getInputs: (input, repo) => ({
    ...repo, env: input.optional('env'), since: input.optional('since'), until: input.optional('until'), after: input.optional('after'),
    format: input.oneOf('format', ['json', 'md'], 'json'), reportPath: input.optional('report-path'),
  }),
  run: async ({ format, reportPath, ...options }, context) => {
    const report = await (await import('../commands/audit.js')).runAudit({ ...options, phase: context.phase });
    context.phase('Write the report');
    // By default in a directory of its own: two audits in one job (one per environment) each keep theirs.
    const path = resolve(reportPath ?? join(await mkdtemp(join(context.tempDir, 'ferry-audit-')), `audit.${format}`));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${format === 'json' ? JSON.stringify(report, null, 2) : (await import('../../core/audit.js')).formatAuditMarkdown(report)}\n`);
    return { ...report, reportPath: path };
  },
  outputs: (r) => ({ verdict: r.violations.length ? 'fail' : 'pass', violations: String(r.violations.length), commit: r.commit, report: r.reportPath }),
  failure: (r) => r.violations.length === 0 ? undefined : {
    headline: `${r.violations.length} violation${r.violations.length === 1 ? '' : 's'} in ${r.checked} commits (report: ${r.reportPath})`,
    annotations: r.violations.map((v) => ({ title: `ferry audit: ${v.rule}`, message: `${v.commit.slice(0, 12)}${v.env ? ` ${v.env}` : ''}${v.app ? `/${v.app}` : ''}: ${v.message}` })),
  },
  summary: auditSummary,
};

await runAction(audit);
