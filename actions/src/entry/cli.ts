/**
 * The `ferry` CLI: parse arguments, run the command, print the result (or `--json`), exit
 * 0 done or skipped, 1 failed, 2 bad usage or bad input.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ConfigurationError } from '../core/errors.js';
import { formatProblem } from '../core/errors.js';
import { maskRemembered } from '../core/redact.js';
import { shortDigest } from '../core/image-ref.js';
import { visibleLines } from '../core/table.js';
import { toJson } from '../core/format-value.js';
import { commandHelp, mainHelp } from './cli-help.js';

// Each command's code is imported when it runs (dist/chunks/): `ferry bump` does not load the
// analysis engine, the audit rules or the GitHub client.
const load = {
  analyze: () => import('./commands/analyze.js'),
  audit: () => import('./commands/audit.js'),
  block: () => import('./commands/block.js'),
  bump: () => import('./commands/bump.js'),
  history: () => import('./commands/history.js'),
  init: () => import('./commands/init.js'),
  promote: () => import('./commands/promote.js'),
  rollback: () => import('./commands/rollback.js'),
  status: () => import('./commands/status.js'),
  validate: () => import('./commands/validate.js'),
  analysisReport: () => import('../core/analysis-report.js'),
};

class UsageError extends ConfigurationError {}

type Values = Record<string, string | boolean | string[] | undefined>;

const common = {
  repo: { type: 'string' },
  branch: { type: 'string', default: 'main' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

function blockCommand(action: 'block' | 'unblock') {
  return {
    options: { ...common, app: { type: 'string' }, image: { type: 'string' }, reason: { type: 'string' }, 'requested-by': { type: 'string' } } as ParseArgsConfig['options'],
    run: async (v: Values, _pos: string[], out: Output) => {
      const { requestedBy, runUrl } = requestContext(v);
      const { runBlock, stillPinnedText, unreadableText } = await load.block();
      const result = await runBlock({
        action, repo: required(v, 'repo'), branch: str(v.branch)!, app: required(v, 'app'), image: required(v, 'image'), reason: required(v, 'reason'),
        ...(requestedBy ? { requestedBy } : {}),
        ...(runUrl ? { runUrl } : {}),
        progress: (line) => out.progress(line),
      });
      if (out.json) return out.print(result), 0;
      const what = `${result.image} for ${result.app}`;
      if (result.status === 'skipped') out.print(`skipped: ${what} is ${action === 'block' ? 'already blocked' : 'not blocked'} (no commit; head ${result.commit.slice(0, 12)})`);
      else out.print(`${action === 'block' ? 'blocked' : 'unblocked'} ${what}\n  commit    ${result.commit}`);
      // Where the digest still runs: a block takes it out of no environment.
      if (result.stillPinned?.length) out.print(`  ${stillPinnedText(result.stillPinned, result.app)}`);
      if (result.unreadable?.length) out.print(`  ${unreadableText(result.unreadable)}`);
      return 0;
    },
  };
}

const commands: Record<string, { options: ParseArgsConfig['options']; positionals?: number; run: (v: Values, pos: string[], out: Output) => Promise<number> }> = {
  bump: {
    options: { ...common, env: { type: 'string' }, app: { type: 'string' }, image: { type: 'string' }, 'source-revision': { type: 'string' }, 'requested-by': { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, 'max-attempts': { type: 'string' } },
    run: async (v, _pos, out) => {
      const { requestedBy, runUrl } = requestContext(v);
      const { runBump } = await load.bump();
      const result = await runBump({
        repo: required(v, 'repo'), branch: str(v.branch)!, env: required(v, 'env'), app: required(v, 'app'), image: required(v, 'image'),
        dryRun: v['dry-run'] === true,
        ...(v['source-revision'] !== undefined ? { sourceRevision: str(v['source-revision'])! } : {}),
        ...(requestedBy ? { requestedBy } : {}),
        ...(runUrl ? { runUrl } : {}),
        ...(v['max-attempts'] !== undefined ? { maxAttempts: positiveInt(v['max-attempts'], 'max-attempts') } : {}),
        progress: (line) => out.progress(line),
      });
      if (result.warning) out.progress(`warning: ${result.warning}`);
      if (out.json) return out.print(result), 0;
      const what = `${result.app} in ${result.env}`;
      if (result.status === 'skipped') out.print(`skipped: ${what} already pins ${result.image} (no commit; head ${result.commit.slice(0, 12)})`);
      else {
        if (result.status === 'planned') out.print(result.diff.trimEnd());
        out.print(`${result.status === 'planned' ? 'dry run: would pin' : 'pinned'} ${what}: ${result.tag ?? ''}${result.tag ? ' ' : ''}(${shortDigest(result.digest)})`);
        out.print(`  manifest  ${result.manifest}`);
        out.print(`  previous  ${result.previousImage || '(none)'}`);
        out.print(`  image     ${result.image}`);
        out.print(result.status === 'planned' ? `  head      ${result.commit} (nothing written)` : `  commit    ${result.commit}${result.attempts > 1 ? ` (after ${result.attempts - 1} lost race${result.attempts > 2 ? 's' : ''})` : ''}`);
      }
      return 0;
    },
  },
  status: {
    options: { ...common },
    run: async (v, _pos, out) => {
      const { runStatus, formatStatusTable } = await load.status();
      const result = await runStatus({ repo: required(v, 'repo'), branch: str(v.branch)! });
      if (result.warning) out.error(`ferry status: warning: ${result.warning}`);
      if (out.json) return out.print(result), 0;
      out.print(`${result.repo} ${result.branch} @ ${result.commit.slice(0, 12)}\n`);
      out.print(formatStatusTable(result));
      return 0;
    },
  },
  validate: {
    // (--branch without a default here: with --worktree, a branch given is a mistake to say.)
    options: { ...common, branch: { type: 'string' }, worktree: { type: 'string' }, render: { type: 'boolean', default: false } },
    run: async (v, _pos, out) => {
      const { runValidate, validatedWhere } = await load.validate();
      // The files on disk in a directory (a checkout, committed or not), or a branch of a repository.
      const worktree = str(v.worktree);
      if (worktree !== undefined && v.repo !== undefined) throw new UsageError({ field: '--worktree', message: 'give --worktree <dir> (the files on disk) or --repo (a branch), not both' });
      if (worktree !== undefined && v.branch !== undefined) throw new UsageError({ field: '--branch', message: 'names a branch of --repo; --worktree validates the files on disk, whatever is checked out' });
      if (worktree === undefined && v.repo === undefined) throw new UsageError({ field: '--repo', message: 'is required (or --worktree <dir>, to validate the files on disk)' });
      const render = v.render === true ? { render: '--render' } : {};
      const result = await runValidate(worktree !== undefined ? { worktree, ...render } : { repo: required(v, 'repo'), branch: str(v.branch) ?? 'main', ...render });
      if (out.json) return out.print(result), result.status === 'succeeded' ? 0 : 2;
      // Warnings (what a run may still supply, such as --prometheus) do not fail validation.
      const warn = () => {
        for (const w of result.warnings) out.error(`  warning: ${formatProblem(w)}`);
      };
      if (result.status === 'succeeded') {
        out.print(`valid: ferry.yaml and ${result.checked} pinned manifests ${validatedWhere(result)}${result.rendered !== undefined ? `; ${result.rendered} kustomization${result.rendered === 1 ? '' : 's'} rendered, each with its pinned image` : ''}`);
        warn();
        return 0;
      }
      out.error(`invalid: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} ${validatedWhere(result)}`);
      for (const p of result.problems) out.error(`  ${formatProblem(p)}`);
      warn();
      return 2;
    },
  },
  init: {
    options: { branch: common.branch, json: common.json, help: common.help, bare: { type: 'boolean', default: false } },
    positionals: 1,
    run: async (v, pos, out) => {
      if (pos.length !== 1) throw new UsageError({ field: 'dir', message: 'expected one directory: ferry init <dir>' });
      const templateDir = fileURLToPath(new URL('../environments/', import.meta.url));
      const { runInit } = await load.init();
      const result = await runInit({ dir: pos[0]!, branch: str(v.branch)!, bare: v.bare === true, templateDir });
      if (out.json) return out.print(result), 0;
      out.print(`created ${result.bare ? 'bare ' : ''}env repo ${result.dir} (branch ${result.branch}, commit ${result.commit.slice(0, 12)})`);
      return 0;
    },
  },
  block: blockCommand('block'),
  unblock: blockCommand('unblock'),
  rollback: {
    options: { ...common, env: { type: 'string' }, app: { type: 'string' }, to: { type: 'string' }, steps: { type: 'string' }, from: { type: 'string' }, block: { type: 'boolean', default: false }, reason: { type: 'string' }, 'requested-by': { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    run: async (v, _pos, out) => {
      const { runRollback, stillPinnedText, unreadableText } = await load.rollback();
      const result = await runRollback({
        repo: required(v, 'repo'), branch: str(v.branch)!, env: required(v, 'env'), app: required(v, 'app'),
        ...(v.to !== undefined ? { to: str(v.to)! } : {}),
        ...(v.from !== undefined ? { from: required(v, 'from') } : {}),
        ...(v.steps !== undefined ? { steps: positiveInt(v.steps, 'steps') } : {}),
        ...(v.block === true ? { block: true } : {}),
        ...(v.reason !== undefined ? { reason: str(v.reason)! } : {}),
        ...requestContext(v),
        dryRun: v['dry-run'] === true,
        progress: (line) => out.progress(line),
      });
      if (result.warning) out.progress(`warning: ${result.warning}`);
      if (out.json) return out.print(result), 0;
      if (result.status === 'planned') out.print(result.diff.trimEnd());
      out.print(`${result.status === 'planned' ? 'dry run: would roll back' : 'rolled back'} ${result.app} in ${result.env}`);
      const already = result.alreadyBlocked;
      out.print(`  from      ${result.previousImage}${result.blocked ? (result.status === 'planned' ? ' (would be blocked)' : ' (now blocked)') : ''}`);
      // --block of an image blocked already (before, or by another writer meanwhile): whose block it is.
      if (already) out.print(`            (already blocked for app ${JSON.stringify(already.app)}${already.by ? ` by ${already.by}` : ''}${already.at ? ` at ${already.at}` : ''}: ${already.reason}; this rollback adds no block)`);
      if (result.stillPinned?.length) out.print(`            ${stillPinnedText(result.stillPinned, result.app)}`);
      if (result.unreadable?.length) out.print(`            ${unreadableText(result.unreadable)}`);
      out.print(`  to        ${result.image} (${result.to.action === 'before' ? 'in place at' : 'pinned by'} ${result.to.commit.slice(0, 12)})`);
      out.print(result.status === 'planned' ? `  head      ${result.commit} (nothing written)` : `  commit    ${result.commit}`);
      return 0;
    },
  },
  history: {
    options: { ...common, env: { type: 'string' }, app: { type: 'string' } },
    run: async (v, _pos, out) => {
      const { runHistory, formatHistory } = await load.history();
      const result = await runHistory({ repo: required(v, 'repo'), branch: str(v.branch)!, ...(v.env !== undefined ? { env: str(v.env)! } : {}), ...(v.app !== undefined ? { app: str(v.app)! } : {}) });
      if (result.warning) out.error(`ferry history: warning: ${result.warning}`);
      if (out.json) return out.print(result), 0;
      out.print(`${result.repo} ${result.branch} @ ${result.commit.slice(0, 12)}\n`);
      out.print(formatHistory(result.events, { env: str(v.env), app: str(v.app) }, result.environments));
      return 0;
    },
  },
  promote: {
    options: { ...common, from: { type: 'string' }, to: { type: 'string' }, app: { type: 'string', multiple: true }, all: { type: 'boolean', default: false }, 'requested-by': { type: 'string' }, 'approved-by': { type: 'string', multiple: true }, override: { type: 'string' }, reason: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, prometheus: { type: 'string' }, 'max-attempts': { type: 'string' }, expect: { type: 'string', multiple: true } },
    run: async (v, _pos, out) => {
      if ((v.override === undefined) !== (v.reason === undefined)) throw new UsageError({ field: v.override === undefined ? '--reason' : '--override', message: '--override <gate> and --reason <text> go together' });
      const { runPromote, stoppedAdvice, unusedOverride, formatPlanText, leftOutCause, leftOutLines, expectOptions, wrapLine } = await load.promote();
      const result = await runPromote({
        repo: required(v, 'repo'), branch: str(v.branch)!, from: required(v, 'from'), to: required(v, 'to'),
        apps: (v.app as string[] | undefined) ?? [], all: v.all === true,
        approvedBy: (v['approved-by'] as string[] | undefined) ?? [],
        ...(v.override !== undefined ? { override: { gate: str(v.override)!, reason: str(v.reason)! } } : {}),
        ...requestContext(v),
        dryRun: v['dry-run'] === true,
        ...(v.prometheus !== undefined ? { prometheus: str(v.prometheus)! } : {}),
        ...(v['max-attempts'] !== undefined ? { maxAttempts: positiveInt(v['max-attempts'], 'max-attempts') } : {}),
        // Repeated, or comma-separated as the promote action's plan output is.
        ...(v.expect !== undefined ? { expect: (v.expect as string[]).flatMap((e) => e.split(',')).map((e) => e.trim()) } : {}),
        progress: (line) => out.progress(line),
      });
      const stopped = result.status === 'stopped' || result.gates.some((g) => g.verdict !== 'pass' && g.gate !== result.override?.gate);
      const unused = unusedOverride(result, v.override !== undefined ? { gate: str(v.override)! } : undefined);
      if (out.json) {
        if (unused) out.error(`ferry promote: note: ${unused}`);
        return out.print(result), stopped ? 1 : 0;
      }
      // --all leaves out each app whose source digest is blocked, or whose pin in the target would never be deployed: named with why, never silently.
      const leftOut = leftOutLines(result);
      if (result.status === 'skipped') {
        // (An app of the plan given that changed since: held back, said; so are the apps left out.)
        const held = formatPlanText({ ...result, promotions: [], leftOut: [], unchanged: [] });
        out.print([leftOut.length
          ? `skipped: nothing to promote: every app that would change is left out, as ${leftOutCause(result.leftOut ?? [], result.from, result.to)} (no commit; head ${result.commit.slice(0, 12)})`
          : held.length
            ? `skipped: nothing of the plan left to promote (no commit; head ${result.commit.slice(0, 12)})`
            : `skipped: ${result.to} already pins what ${result.from} pins (no commit; head ${result.commit.slice(0, 12)})`, ...leftOut, ...held].join('\n'));
        return 0;
      }
      out.print(`plan: ${result.from} -> ${result.to}`);
      for (const line of formatPlanText(result)) out.print(line);
      out.print('gates:');
      // (A long reason wrapped under itself: no line past 100 columns.)
      for (const g of result.gates) out.print(wrapLine(`  ${g.gate.padEnd(9)} ${g.verdict.padEnd(5)} ${g.reason}${g.verdict !== 'pass' && result.override?.gate === g.gate ? ` (overridden: ${result.override.reason})` : ''}`, undefined, 16).join('\n'));
      if (unused) out.print(`  (--override ${v.override}: ${unused})`);
      const { formatAnalysisText } = await load.analysisReport();
      for (const { app, run } of result.analysis?.runs ?? []) out.print(`\n${result.promotions.length > 1 ? `${app}: ` : ''}${formatAnalysisText({ run })}`);
      for (const { app, report } of result.analysis?.comparisons ?? []) out.print(`\n${result.promotions.length > 1 ? `${app}: ` : ''}${formatAnalysisText({ comparison: report })}`);
      // The change itself, stopped or not: what the gates were asked about.
      if (result.status === 'stopped' || result.status === 'planned') for (const p of result.promotions) out.print(p.diff.trimEnd());
      // What a reviewer passes on to bind what they read: the apps, each from its digest over the
      // target's; in several --expect options where one would be past what one argument may be.
      const options = result.expect ? expectOptions(result.expect) : [];
      const bind = options.length ? `${options.length > 1 ? `(the plan in ${options.length} --expect options, each under 32 KiB; --json's expect has it in one)\n` : ''}to write exactly this plan: ${options.join(' ')}` : undefined;
      if (result.status === 'stopped') {
        if (bind) out.print(bind);
        out.error(`ferry promote: stopped by gates; nothing written (${stoppedAdvice(result)})`);
        return 1;
      }
      if (result.status === 'planned') {
        out.print(`dry run: nothing written (head ${result.commit.slice(0, 12)})`);
        if (bind) out.print(bind);
        return stopped ? 1 : 0;
      }
      out.print(`promoted: commit ${result.commit}`);
      return 0;
    },
  },
  analyze: {
    options: {
      json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
      prometheus: { type: 'string' }, template: { type: 'string' }, name: { type: 'string' }, arg: { type: 'string', multiple: true },
      compare: { type: 'string', multiple: true }, 'baseline-arg': { type: 'string', multiple: true }, window: { type: 'string', default: '30m' },
      // (--format without a default here: given with --json, another format is a contradiction to say.)
      confidence: { type: 'string' }, 'bearer-token-env': { type: 'string' }, format: { type: 'string' },
    },
    run: async (v, _pos, out) => {
      const format = chosenFormat(str(v.format), out.json, ['text', 'md', 'json'], 'text');
      const confidence = v.confidence === undefined ? undefined : Number(v.confidence);
      if (confidence !== undefined && !(confidence > 0 && confidence < 1)) throw new UsageError({ field: '--confidence', message: `expected a number between 0 and 1, like 0.95, found ${JSON.stringify(v.confidence)}` });
      const window = str(v.window)!;
      const { runAnalyze, parseCompare, parseDuration } = await load.analyze();
      const { formatAnalysisMarkdown, formatAnalysisText } = await load.analysisReport();
      parseDuration(window);
      // Ctrl-C (or a cancelled job) stops the analysis: the report says what was measured, and it is never Successful.
      const abort = new AbortController();
      const stop = () => abort.abort(new Error('interrupted'));
      process.once('SIGINT', stop).once('SIGTERM', stop);
      const result = await runAnalyze({
        template: required(v, 'template'),
        ...(v.name !== undefined ? { name: str(v.name)! } : {}),
        ...(v.prometheus !== undefined ? { prometheus: str(v.prometheus)! } : {}),
        args: keyValues(v.arg, '--arg'), baselineArgs: keyValues(v['baseline-arg'], '--baseline-arg'),
        compare: ((v.compare as string[] | undefined) ?? []).map(parseCompare),
        window, ...(confidence !== undefined ? { confidence } : {}),
        ...(v['bearer-token-env'] !== undefined ? { bearerTokenEnv: str(v['bearer-token-env'])! } : {}),
        signal: abort.signal,
        progress: (line) => out.progress(line),
      });
      process.off('SIGINT', stop).off('SIGTERM', stop);
      out.print(format === 'json' ? result : format === 'md' ? formatAnalysisMarkdown(result) : formatAnalysisText(result));
      if (abort.signal.aborted) return 130;
      return result.status === 'succeeded' ? 0 : 1;
    },
  },
  audit: {
    // (--format without a default here: given with --json, another format is a contradiction to say.)
    options: { ...common, env: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' }, after: { type: 'string' }, format: { type: 'string' } },
    run: async (v, _pos, out) => {
      const format = chosenFormat(str(v.format), out.json, ['md', 'json'], 'md');
      const { runAudit, formatAuditMarkdown } = await load.audit();
      const report = await runAudit({ repo: required(v, 'repo'), branch: str(v.branch)!, ...(v.env !== undefined ? { env: str(v.env)! } : {}), ...(v.since !== undefined ? { since: str(v.since)! } : {}), ...(v.until !== undefined ? { until: str(v.until)! } : {}), ...(v.after !== undefined ? { after: str(v.after)! } : {}) });
      out.print(format === 'json' ? report : await formatAuditMarkdown(report));
      return report.violations.length ? 1 : 0;
    },
  },
};

interface Output {
  json: boolean;
  print(value: unknown): void;
  error(line: string): void;
  progress(line: string): void;
}

/**
 * The format asked for: `--format` (one of `formats`), `json` for --json, else `fallback`. --json
 * with another format asks for two outputs at once: refused, naming both (it printed JSON).
 */
function chosenFormat<F extends string>(given: string | undefined, json: boolean, formats: readonly F[], fallback: F): F {
  if (given !== undefined && !(formats as readonly string[]).includes(given)) {
    throw new UsageError({ field: '--format', message: `expected ${formats.slice(0, -1).join(', ')} or ${formats.at(-1)}, found ${JSON.stringify(given)}` });
  }
  if (json && given !== undefined && given !== 'json') {
    throw new UsageError({ field: '--format', message: `${JSON.stringify(given)} and --json ask for two formats: give --format ${given}, or --json (the same as --format json), not both` });
  }
  return json ? ('json' as F) : (given as F | undefined) ?? fallback;
}

/** Who asked (`--requested-by`, else the GitHub actor) and, in GitHub Actions, the run's URL. */
function requestContext(v: Values): { requestedBy?: string; runUrl?: string } {
  const env = process.env;
  const runUrl = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  const given = str(v['requested-by']);
  // An empty --requested-by would drop GITHUB_ACTOR: the requester could then approve themself.
  if (given !== undefined && given.trim() === '') throw new UsageError({ field: '--requested-by', message: 'must not be empty' });
  const requestedBy = given ?? env.GITHUB_ACTOR;
  return { ...(requestedBy ? { requestedBy } : {}), ...(runUrl ? { runUrl } : {}) };
}

/** `--arg k=v`, repeated. */
function keyValues(values: unknown, field: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of (values as string[] | undefined) ?? []) {
    const eq = item.indexOf('=');
    if (eq < 1) throw new UsageError({ field, message: `expected <name>=<value>, found ${JSON.stringify(item)}` });
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/**
 * Option values without the white space around them, as an action reads its inputs (getInput
 * trims): `--requested-by "alice "` names alice in the CLI as in the action. White space inside a
 * value stays. (Positionals, such as init's directory, are taken as given.)
 */
function trimmed(values: Values): Values {
  const out: Values = {};
  for (const [name, value] of Object.entries(values)) out[name] = typeof value === 'string' ? value.trim() : Array.isArray(value) ? value.map((item) => item.trim()) : value;
  return out;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function required(v: Values, name: string): string {
  const value = str(v[name]);
  if (value === undefined) throw new UsageError({ field: `--${name}`, message: 'is required' });
  if (value.trim() === '') throw new UsageError({ field: `--${name}`, message: 'must not be empty' });
  return value;
}

function positiveInt(value: unknown, name: string): number {
  const n = typeof value === 'string' && /^[1-9][0-9]*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UsageError({ field: `--${name}`, message: `expected a whole number from 1 to 1000, found ${JSON.stringify(value)}` });
  return n;
}

function printHelp(name: string): number {
  process.stdout.write(`${commandHelp(name)}\n`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic !== undefined && !commands[topic]) {
      process.stderr.write(`ferry help: error: unknown command ${visibleLines(JSON.stringify(topic))} (commands: ${Object.keys(commands).join(', ')})\n`);
      return 2;
    }
    process.stdout.write(`${topic && commands[topic] ? commandHelp(topic) : mainHelp()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    process.stdout.write('ferry 0.1.0\n');
    return 0;
  }
  const command = commands[name];
  // (An argument after `--` is a positional, whatever it looks like.)
  const end = rest.indexOf('--');
  const flags = end < 0 ? rest : rest.slice(0, end);
  const jsonWanted = flags.includes('--json');
  const out: Output = {
    json: jsonWanted,
    // Text quotes files, commits and git's own words (a diff shows a manifest's lines): shown, never
    // acted on. (JSON escapes what it must itself.)
    print: (value) => process.stdout.write(`${typeof value === 'string' ? visibleLines(value) : toJson(value, 2)}\n`),
    error: (line) => process.stderr.write(`${visibleLines(line)}\n`),
    progress: (line) => process.stderr.write(`ferry ${name}: ${visibleLines(line)}\n`),
  };
  try {
    if (!command) throw new UsageError({ message: `unknown command ${JSON.stringify(name)} (commands: ${Object.keys(commands).join(', ')}; see ferry --help)` });
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: command.options, allowPositionals: (command.positionals ?? 0) > 0, strict: true, tokens: true });
    } catch (error) {
      // `--help` among anything: the help, not a complaint about the rest.
      if (flags.some((a) => a === '--help' || a === '-h')) return printHelp(name);
      throw new UsageError({ message: `${(error as Error).message.replace(/\. To specify a positional.*$/s, '')} (see ferry ${name} --help)` });
    }
    if ((parsed.values as Values).help) return printHelp(name);
    // An option that takes one value, given twice: which one was meant? (`--env dev --env prod`
    // must not pin prod because it came last.)
    const seen = new Set<string>();
    for (const token of (parsed.tokens ?? []) as readonly { kind: string; name?: string }[]) {
      if (token.kind !== 'option' || token.name === undefined) continue;
      const option = command.options?.[token.name];
      if (option?.type !== 'string' || option.multiple) continue;
      if (seen.has(token.name)) throw new UsageError({ field: `--${token.name}`, message: 'is given more than once' });
      seen.add(token.name);
    }
    return await command.run(trimmed(parsed.values as Values), parsed.positionals, out);
  } catch (error) {
    const usage = error instanceof ConfigurationError;
    // Every command's failure is printed here, as text and as JSON: whatever an error says, the
    // credentials of the URLs given to Ferry are not shown (maskRemembered), also where a message
    // was built from a URL as given.
    const problems = usage ? (error as ConfigurationError).problems.map((p) => ({ ...p, message: maskRemembered(p.message) })) : [];
    const message = usage ? problems.map(formatProblem).join('\n') : maskRemembered(error instanceof Error ? error.message : String(error));
    out.error(`ferry ${name}: ${usage ? 'error: ' : ''}${message}`);
    if (jsonWanted) {
      out.print({ status: 'failed', error: { kind: usage ? 'configuration' : (error as Error).name === 'RefusedError' ? 'refused' : 'runtime', message, ...(usage ? { problems } : {}) } });
    }
    return usage ? 2 : 1;
  }
}

// bin/ferry starts the commands that talk only to git without NODE_EXTRA_CA_CERTS (Node 20 loads
// it at start-up, see there) and hands it over in FERRY_NODE_EXTRA_CA_CERTS: put back before
// anything runs, so that git and what git runs (credential helpers, ssh) see it as they would.
const handedOver = process.env.FERRY_NODE_EXTRA_CA_CERTS;
if (handedOver !== undefined) {
  process.env.NODE_EXTRA_CA_CERTS = handedOver;
  delete process.env.FERRY_NODE_EXTRA_CA_CERTS;
}

// A reader that stops early (`ferry status | head`) is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = await main(process.argv.slice(2));
