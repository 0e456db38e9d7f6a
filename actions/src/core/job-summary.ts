// The job summary of each Ferry action, as Markdown: what was planned, which digest replaced which,
// every gate with its verdict and its numbers, and links to the env-repo commit. Pure functions of
// a command's result (the object `ferry <command> --json` prints) and the links the runner knows.
import { formatAnalysisMarkdown } from './analysis-report.js';
import type { AnalysisRunResult } from './analysis-run.js';
import type { AuditRule } from './audit.js';
import type { ComparisonReport } from './baseline-compare.js';
import type { BlockResult, StillPinned } from './blocklist.js';
import type { BumpResult } from './bump.js';
import { formatProblem, type Problem } from './errors.js';
import { actionText, byText, type HistoryEvent } from './history.js';
import { imageParts, shortDigest } from './image-ref.js';
import type { AppPromotion, BlockNote, LeftOutApp, PromoteResult, RollbackNote } from './promote.js';
import { PASSED_SHOWN, type OutOfBandPin } from './pin-origin.js';
import { redactUrl } from './redact.js';
import type { RollbackResult, SkipReason } from './rollback.js';
import type { StatusResult } from './status.js';
import { utc } from './table.js';
import { CUT_CELL, MAX_PULL_REQUEST_BODY, code, cutShort, fenced, htmlText, shortCell } from './markdown.js';

export { code, htmlText } from './markdown.js';

/** Where a summary links to. */
export interface SummaryLinks {
  /** The env repo's web page (`https://github.com/acme/env`), when it is on GitHub. */
  repo?: string;
  /** The workflow run. */
  run?: string;
}

/** What every command that reads or writes the env repo reports besides its own result. */
interface Ran {
  repo: string;
  branch: string;
  /** The commit made, or (skipped, planned, read-only) the head that was read. */
  commit: string;
}

type Written<R, S extends string> = R & Ran & { status: S };

/** At most this many rows in one table: a summary holds at most 1 MiB. */
export const MAX_ROWS = 100;

/**
 * At most this many characters of one untrusted text (a reason, a trailer, a problem): a table
 * cell as long as a 1 MB commit trailer would take the summary past what GitHub shows.
 */
export const MAX_CELL = 1000;

/** Untrusted text made inert (markdown.ts), cut at MAX_CELL characters with a note that says so. */
export function cell(text: string): string {
  return shortCell(text, MAX_CELL);
}

/** At most this many characters of a failed step's error in its summary (a git error may quote pages of output). */
const MAX_MESSAGE = 10 * MAX_CELL;

/**
 * The web page of an env repo given as a GitHub https URL (`https://github.com/acme/env.git`,
 * credentials or not), on github.com or on the server the run is on; undefined for anything else.
 */
export function repoWebUrl(repo: string, serverUrl = 'https://github.com'): string | undefined {
  let url: URL;
  let server: URL;
  try {
    url = new URL(repo);
    server = new URL(serverUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || (url.origin !== server.origin && url.origin !== 'https://github.com')) return undefined;
  const path = /^\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url.pathname);
  if (!path || url.search || url.hash) return undefined;
  return `${url.origin}/${path[1]}/${path[2]}`;
}

/** `<web URL of the env repo>/commit/<sha>`, or '' when the repo is not on GitHub. */
export function commitUrl(links: SummaryLinks, commit: string): string {
  return links.repo && /^[0-9a-f]{7,64}$/.test(commit) ? `${links.repo}/commit/${commit}` : '';
}

/**
 * Whether a promotion went through: every gate passed, a failing gate was overridden, it awaits
 * its approvals (a proposal whose pull request asks for them, or a dry run that only they stop:
 * the approvals gate, and the measured gates not run behind it), or it stopped.
 */
export function promoteVerdict(result: { status: string; gates: PromoteResult['gates']; override?: PromoteResult['override']; awaitingApproval?: boolean }): 'pass' | 'overridden' | 'awaiting-approval' | 'stopped' {
  const failing = result.gates.filter((g) => g.verdict !== 'pass');
  const pending = (g: PromoteResult['gates'][number]) => result.awaitingApproval === true && (g.gate === 'approvals' || g.notRun === true);
  if (result.status === 'stopped' || failing.some((g) => (g.gate === 'blocked' || g.gate !== result.override?.gate) && !pending(g))) return 'stopped';
  if (failing.some(pending)) return 'awaiting-approval';
  return failing.length ? 'overridden' : 'pass';
}

/**
 * Whether every gate that did not pass waits for the approvals alone: the approvals gate short of
 * approvers (`fail`; an `error`, such as no requester, is no wait), the measured gates not run
 * behind it (notRun), and the gate the override names (never blocked). A dry run so stopped is
 * what its reviewers are asked to approve (promote.yml's plan job), not a stop.
 */
export function awaitsApprovalsAlone(result: Pick<PromoteResult, 'gates' | 'override'>): boolean {
  const failing = result.gates.filter((g) => g.verdict !== 'pass');
  const approvals = (g: PromoteResult['gates'][number]) => g.gate === 'approvals' && g.verdict === 'fail';
  return failing.some(approvals) && failing.every((g) => approvals(g) || g.notRun === true || (g.gate !== 'blocked' && g.gate === result.override?.gate));
}

/** A verdict as a heading says it. */
const VERDICT_WORDS: Record<ReturnType<typeof promoteVerdict>, string> = { pass: 'pass', overridden: 'overridden', 'awaiting-approval': 'awaiting approval', stopped: 'stopped' };

/** Where the rows a table leaves out are (MAX_ROWS): an action's report, unless a table says otherwise. */
const IN_REPORT = "the action's report has them all: the JSON file its `report` output names";
/** Where a text cut short (MAX_CELL) or a summary cut at 1 MiB is whole: the report (status, history, audit, validate, promote, analyze). */
const WHOLE_IN_REPORT = "the action's report has it all: the file its `report` output names";
/** … or the step's log, for the actions that write no report (bump, rollback, block, a failed step): their inputs, warnings and errors are there. */
const WHOLE_IN_LOG = "the step's log has it all";

function table(header: readonly string[], rows: readonly (readonly string[])[], more = IN_REPORT): string {
  const shown = rows.slice(0, MAX_ROWS);
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...shown.map((r) => `| ${r.join(' | ')} |`)];
  if (rows.length > shown.length) lines.push('', `… and ${rows.length - shown.length} more (${more}).`);
  return lines.join('\n');
}

/** A commit as a link when the repo is on GitHub: `[abcdef123456](…/commit/…)`. */
function commitLink(links: SummaryLinks, commit: string): string {
  const url = commitUrl(links, commit);
  return url ? `[${code(commit.slice(0, 12))}](${url})` : code(commit.slice(0, 12));
}

/** `1.4.2 sha256:1a2b3c4d5e6f` for `registry/repo:1.4.2@sha256:…`; `(none)` for nothing. */
export function imageCell(image: string | undefined): string {
  if (!image) return '(none)';
  const { tag, digest } = imageParts(image);
  return digest === undefined ? code(image) : pinCell(tag, digest);
}

/** `1.4.2 sha256:1a2b3c4d5e6f`: a tag (when there is one) and a short digest. */
function pinCell(tag: string | undefined, digest: string): string {
  return `${tag ? `${code(tag)} ` : ''}${code(shortDigest(digest))}`;
}

function diffBlock(title: string, diff: string): string {
  return diff.trim() ? `<details><summary>${htmlText(title)}</summary>\n\n${fenced(diff, 'diff')}\n\n</details>` : '';
}

export { MAX_PULL_REQUEST_BODY };
/** GitHub shows no job summary of a step that wrote more than this (bytes). */
export const MAX_SUMMARY_BYTES = 1024 * 1024;

/**
 * `parts` (and cutNote()'s line, `whole` saying where a text cut short is whole), then each
 * promotion's diff as long as all fits in `limit` (as `size` counts), then `tail`. The tables are
 * bounded (MAX_ROWS); the diffs of a promotion of hundreds of apps are not: those that do not fit
 * are counted in a line of their own, never cut in the middle.
 */
function withDiffs(parts: readonly string[], diffs: readonly { manifest: string; diff: string }[], tail: readonly string[], limit: number, size: (text: string) => number, where: string, whole: string): string {
  const head = [...parts, cutNote(parts, whole)];
  const blocks = diffs.map((d) => diffBlock(`Diff of ${d.manifest}`, d.diff)).filter(Boolean);
  const note = (n: number) => `The diffs of ${n} more manifest${n === 1 ? '' : 's'} are not shown: ${where}.`;
  // (What is counted: the parts and the blank lines that join them, with room for the note.)
  let room = limit - size(join(...head, ...tail)) - size(note(blocks.length)) - 8;
  let shown = 0;
  for (const block of blocks) {
    const cost = size(block) + 2;
    if (cost > room) break;
    room -= cost;
    shown++;
  }
  const text = join(...head, ...blocks.slice(0, shown), shown < blocks.length ? note(blocks.length - shown) : '', ...tail);
  // The plan itself too long (a hundred rows of long names): cut, and said so.
  return withinSize(text, limit, size, where);
}

/** `text`, or when `size` counts it longer than `limit`, its start and a line that says where it was cut and where the rest is. */
function withinSize(text: string, limit: number, size: (text: string) => number, where: string): string {
  if (size(text) <= limit) return text;
  const cut = `\n\n… (cut here: ${where})\n`;
  let kept = text.slice(0, limit - size(cut));
  // (Each character dropped is at least one byte: one round brings a byte count within the limit.)
  for (let over = size(kept) + size(cut) - limit; over > 0; over = size(kept) + size(cut) - limit) kept = kept.slice(0, kept.length - over);
  // (Not half of a surrogate pair.)
  if (/[\ud800-\udbff]$/.test(kept)) kept = kept.slice(0, -1);
  return `${kept}${cut}`;
}

/** A line that says a text was cut short (CUT_CELL) in `parts`, and where it is whole; '' when none was. */
function cutNote(parts: readonly string[], where: string): string {
  return parts.some((p) => CUT_CELL.test(p)) ? `A text longer than ${MAX_CELL.toLocaleString('en')} characters is cut short where it says so: ${where}.` : '';
}

/**
 * A job summary: its parts, a note when a text in them was cut short, then `tail` (the footer);
 * at most MAX_SUMMARY_BYTES (GitHub shows no summary of a step past 1 MiB), `where` saying where
 * what is cut is whole.
 */
function summary(parts: readonly string[], tail: readonly string[], where: string): string {
  return withinSize(join(...parts, cutNote(parts, where), ...tail), MAX_SUMMARY_BYTES, bytes, `GitHub shows a job summary of at most 1 MiB; ${where}`);
}

const chars = (text: string) => text.length;
const bytes = (text: string) => Buffer.byteLength(text);

function footer(result: Ran, links: SummaryLinks): string {
  return [`Env repo ${code(result.repo)}, branch ${code(result.branch)}.`, links.run ? `[Workflow run](${links.run})` : ''].filter(Boolean).join(' ');
}

function join(...parts: string[]): string {
  return `${parts.filter(Boolean).join('\n\n')}\n`;
}

export function bumpSummary(result: Written<BumpResult, 'succeeded' | 'skipped' | 'planned'> & { pullRequestUrl?: string; pullRequestNumber?: number; notice?: string }, links: SummaryLinks): string {
  const outcome = result.notice
    ? `**Not landed.** ${cell(result.notice)}`
    : result.pullRequestUrl
    ? result.status === 'skipped'
      ? `Already proposed in ${pullRequestLink(result)} (commit ${commitLink(links, result.commit)}): nothing written.`
      : `Proposed in ${pullRequestLink(result)} by commit ${commitLink(links, result.commit)}.`
    : {
      succeeded: `Pinned by commit ${commitLink(links, result.commit)}.`,
      skipped: `Already pinned: nothing written (head ${commitLink(links, result.commit)}).`,
      planned: `Dry run: nothing written (head ${commitLink(links, result.commit)}).`,
    }[result.status];
  return summary([
    `### Ferry bump: ${cell(result.app)} in ${cell(result.env)}`,
    table(['app', 'env', 'before', 'after', 'manifest'], [[cell(result.app), cell(result.env), imageCell(result.previousImage), imageCell(result.image), code(result.manifest)]]),
    `${outcome}\n\nImage ${code(result.image)}`,
    result.warning ? `> [!WARNING]\n> ${cell(result.warning)}` : '',
    diffBlock(`Diff of ${result.manifest}`, result.diff),
  ], [footer(result, links)], WHOLE_IN_LOG);
}

/**
 * `blocked for app "user-service" by alice at 2026-…: CVE-…`: the block that keeps an app's digest
 * out (a block covers every app); `time` writes its date (a summary: as status does, utc()).
 */
export function blockText(block: BlockNote, time: (at: string) => string = (at) => at): string {
  return `blocked for app ${JSON.stringify(block.app)}${block.by ? ` by ${block.by}` : ''}${block.at ? ` at ${time(block.at)}` : ''}: ${block.reason}`;
}

/** The kinds of apps left out (`--all`) in the order they are said. */
const LEFT_OUT_KINDS = ['blocked', 'undeployed', 'source-undeployed'] as const satisfies readonly LeftOutApp['kind'][];

/** What left apps out (`--all`), for a sentence: the digest `from` pins is blocked, the pin in `to` would never be deployed, the pin in `from` is never deployed, or any of them. */
export function leftOutCause(leftOut: readonly Pick<LeftOutApp, 'kind'>[], from: string, to: string): string {
  const cause = {
    blocked: `the digest ${from} pins is blocked`,
    undeployed: `the pin in ${to} would never be deployed`,
    'source-undeployed': `the pin in ${from} is never deployed (${from} never ran that digest)`,
  };
  const kinds = new Set(leftOut.map((l) => l.kind));
  return LEFT_OUT_KINDS.filter((k) => kinds.has(k)).map((k) => cause[k]).join(', or ');
}

/** Until when apps left out stay out: `from` pins another digest or the block is lifted; the overlay in `to` (in `from`) is mended. */
function leftOutUntil(leftOut: readonly Pick<LeftOutApp, 'kind'>[], from: string, to: string): string {
  const until = {
    blocked: [`${from} pins another digest or the block is lifted`, '', ' (a blocked digest)'],
    undeployed: [`the overlay in ${to} is mended`, ' (ferry validate says where)', ' (a pin never deployed: ferry validate says where)'],
    'source-undeployed': [`the overlay in ${from} is mended`, ' (ferry validate says where)', ' (a source pin never deployed: ferry validate says where)'],
  };
  const kinds = LEFT_OUT_KINDS.filter((k) => leftOut.some((l) => l.kind === k));
  return kinds.map((k) => `${until[k][0]}${until[k][kinds.length > 1 ? 2 : 1]}`).join(', or ');
}

/** Why an app is left out, for its row: the block, or validate's problem (the source's: that it never ran the digest). */
function leftOutWhy(l: LeftOutApp, from: string): string {
  if (l.kind === 'blocked') return blockText(l.blocked, utc);
  return `${l.kind === 'source-undeployed' ? `${from} never ran that digest: ` : ''}${formatProblem(l.problem)}`;
}

/** An ISO 8601 time as Ferry writes one into a gate's reason (`2026-11-24T13:00:00Z`, a commit date with its offset). */
const ISO_TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})(?![\w:+-])/g;

/**
 * A gate's reason with the times Ferry wrote into it as status writes times (utc(): `2026-11-24
 * 13:00:00Z`): those of the soak and freeze gates (a commit's date, now), and the date of each
 * block the blocked gate names; the text a person gave (a block's reason) stays as it is.
 */
function reasonTimes(gate: PromoteResult['gates'][number], promotions: PromoteResult['promotions']): string {
  if (gate.gate === 'soak' || gate.gate === 'freeze') return gate.reason.replace(ISO_TIME, (t) => utc(t));
  if (gate.gate !== 'blocked') return gate.reason;
  let reason = gate.reason;
  for (const { blocked } of promotions) {
    if (blocked?.at !== undefined) reason = reason.replace(` at ${blocked.at}: ${blocked.reason}`, () => ` at ${utc(blocked.at!)}: ${blocked.reason}`);
  }
  return reason;
}

/**
 * `rolled back from in stage by rm at 2026-11-24 10:00:00Z (commit abc123456789): INC-11`: the
 * rollback in the target that moved away from the digest a promotion brings back. `commit` gives
 * the commit as Markdown (a link); plain text without it.
 */
export function rollbackText(note: RollbackNote, commit: (sha: string) => string = (sha) => sha.slice(0, 12)): string {
  return `rolled back from in ${note.env}${note.by !== undefined ? ` by ${note.by}` : ''} at ${utc(note.date)} (commit ${commit(note.commit)})${note.reason !== undefined ? `: ${note.reason}` : ''}`;
}

/**
 * `bumped into prod-eu directly by oncall at 2026-11-24 10:00:00Z (commit abc123456789)`: what put
 * the target's pin there, which never passed through the source (a promotion replaces it). `commit`
 * gives the commit as Markdown (a link); plain text without it.
 */
export function outOfBandText(note: OutOfBandPin, commit: (sha: string) => string = (sha) => sha.slice(0, 12)): string {
  const by = note.by !== undefined ? ` by ${note.by}` : '';
  const at = `${note.date !== undefined ? ` at ${utc(note.date)}` : ''}${note.commit !== undefined ? ` (commit ${commit(note.commit)})` : ''}`;
  if (note.action === undefined) {
    const after = note.after ? `, after commit ${commit(note.after.commit)} pinned another image there at ${utc(note.after.date)}` : '';
    return `no Ferry commit pinned it in ${note.env}: a change by hand or by another tool${after}`;
  }
  if (note.action === 'bump') return `bumped into ${note.env} directly${by}${at}`;
  if (note.action === 'rollback') return `rolled back to in ${note.env}${by}${at}${note.reason !== undefined ? `: ${note.reason}` : ''}`;
  if (note.action === 'promote') return `promoted into ${note.env} from ${note.from ?? 'an environment not named'}${by}${at}`;
  return `pinned in ${note.env} by Ferry-Action ${note.action}${by}${at}`;
}

/** The plan (one row per app) and the gates (one row per gate, with its numbers) of a promotion. */
function promotePlan(result: PromoteResult, links: SummaryLinks, verdict: ReturnType<typeof promoteVerdict>, more = IN_REPORT, overrideLine = true): string[] {
  const plan = result.promotions.map((p) => [
    cell(p.app), imageCell(p.previousImage), imageCell(p.image),
    p.sourceCommit ? sinceCell(links, p.sourceCommit, p.sourceDate, p.sourceAction, p.sourceRequestedBy) : 'unknown',
  ]);
  // Where each digest comes from (pin-origin.ts): only where the plan could tell.
  const origins = result.promotions.some((p) => p.origin || p.originUnknown !== undefined)
    ? result.promotions.map((p) => [cell(p.app), ...originCells(p, links, more)])
    : [];
  const heldBack = (result.heldBack ?? []).map((h) => [
    cell(h.app), imageCell(h.previousImage), imageCell(h.image),
    h.sourceCommit ? sinceCell(links, h.sourceCommit, h.sourceDate, undefined, h.sourceRequestedBy) : 'unknown',
  ]);
  const gates = result.gates.map((g) => {
    const overridden = g.verdict !== 'pass' && result.override?.gate === g.gate && verdict !== 'stopped';
    const waiting = verdict === 'awaiting-approval' && g.gate === 'approvals';
    // (A measured gate not run, as another gate had stopped it first: no verdict of the versions.)
    const shown = g.verdict === 'pass' ? 'pass' : g.notRun ? 'not run' : `**${g.verdict}**${overridden ? ' (overridden)' : waiting ? ' (awaiting approval)' : ''}`;
    return [cell(g.gate), shown, cell(reasonTimes(g, result.promotions))];
  });
  const unchanged = (result.unchanged ?? []).map((u) => [cell(u.app), imageCell(u.image)]);
  const leftOut = (result.leftOut ?? []).map((l) => [cell(l.app), imageCell(l.previousImage), imageCell(l.image), cell(leftOutWhy(l, result.from))]);
  // A digest a rollback in the target moved away from, brought back by this promotion: a note, not a gate.
  const rolledBack = result.promotions.flatMap((p) => p.rolledBack
    ? [[cell(p.app), imageCell(p.image), rollbackText({ ...p.rolledBack, env: cell(p.rolledBack.env), ...(p.rolledBack.by !== undefined ? { by: cell(p.rolledBack.by) } : {}), ...(p.rolledBack.reason !== undefined ? { reason: cell(p.rolledBack.reason) } : {}) }, (sha) => commitLink(links, sha))]]
    : []);
  // What the target pins that never passed through the source (a hotfix bumped there directly), which this promotion replaces: a note, not a gate.
  const outOfBand = result.promotions.flatMap((p) => p.outOfBand
    ? [[cell(p.app), imageCell(p.previousImage), outOfBandText({
      ...p.outOfBand, env: cell(p.outOfBand.env), ...(p.outOfBand.by !== undefined ? { by: cell(p.outOfBand.by) } : {}),
      ...(p.outOfBand.reason !== undefined ? { reason: cell(p.outOfBand.reason) } : {}), ...(p.outOfBand.from !== undefined ? { from: cell(p.outOfBand.from) } : {}),
    }, (sha) => commitLink(links, sha))]]
    : []);
  return [
    plan.length ? `**Plan**\n\n${table(['app', 'before', 'after', `in ${cell(result.from)} since`], plan, more)}` : '',
    origins.length ? `**Where it comes from**: the bump behind each digest, its source revision (the commit of the app's repository the image was built from) and who asked for it; and the versions the environment it was bumped into ran between what ${cell(result.to)} pins and it\n\n${table(['app', 'source revision', 'bumped', 'ran in between'], origins, more)}` : '',
    rolledBack.length ? `**Rolled back before**: a rollback in ${cell(result.to)} moved away from the digest this promotion pins there again\n\n${table(['app', 'after', 'rollback'], rolledBack, more)}` : '',
    outOfBand.length ? `**Not from ${cell(result.from)}**: what ${cell(result.to)} pins now never passed through ${cell(result.from)} (a hotfix bumped there directly, a rollback, a change by hand); this promotion replaces it\n\n${table(['app', `${cell(result.to)} pins`, 'put there'], outOfBand, more)}` : '',
    leftOut.length ? `**Left out**: ${leftOutCause(result.leftOut!, cell(result.from), cell(result.to))}; ${cell(result.to)} keeps what it pins\n\n${table(['app', `${cell(result.to)} keeps`, `${cell(result.from)} pins`, result.leftOut!.every((l) => l.kind === 'blocked') ? 'blocked' : 'why'], leftOut, more)}` : '',
    heldBack.length ? `**Held back**: not in the plan given (\`expect\`); ${cell(result.to)} keeps what it pins, and a new run plans them\n\n${table(['app', `${cell(result.to)} keeps`, `${cell(result.from)} pins`, 'since'], heldBack, more)}` : '',
    unchanged.length ? `**Unchanged**: ${cell(result.to)} already pins what ${cell(result.from)} does\n\n${table(['app', 'image'], unchanged, more)}` : '',
    gates.length ? `**Gates**\n\n${table(['gate', 'verdict', 'numbers'], gates, more)}` : '',
    overrideLine && result.override && verdict !== 'stopped' ? `Override of ${code(result.override.gate)}: ${cell(result.override.reason)}` : '',
    gates.length ? whoText(result) : '',
  ];
}

/** How a pin's Ferry-Action says who made it: `promoted by rm-alice`. */
const PIN_VERBS: Record<string, string> = { bump: 'bumped', promote: 'promoted', rollback: 'rolled back' };

/** `bumped`, `promoted`, `rolled back`: what a Ferry pin of `action` did (`pinned` for another or none). */
export function pinVerb(action: string | undefined): string {
  return (action !== undefined && Object.hasOwn(PIN_VERBS, action) && PIN_VERBS[action]) || 'pinned';
}

/** `2026-11-23 12:00:00Z (abcdef012345), promoted by rm-alice`: since when the source pins a digest, the pin, and who asked for it. */
function sinceCell(links: SummaryLinks, commit: string, date: string | undefined, action: string | undefined, by: string | undefined): string {
  return `${cell(utc(date ?? ''))} (${commitLink(links, commit)})${by !== undefined ? `, ${action !== undefined ? `${pinVerb(action)} ` : ''}by ${cell(by)}` : ''}`;
}

/**
 * The cells of where an app's digest comes from: the source revision of the bump behind it, that
 * bump (when, into which environment, by whom, its commit) or why none is found, and the versions
 * the bumped environment ran in between: the nearest PASSED_SHOWN, and how many earlier and where
 * they are (`more`: the report, which has at most PASSED_MAX of them).
 */
function originCells(p: AppPromotion, links: SummaryLinks, more: string): [string, string, string] {
  const origin = p.origin;
  if (!origin) return ['unknown', p.originUnknown !== undefined ? `no bump found: ${cell(p.originUnknown)}` : 'unknown', ''];
  const revision = (rev: string | undefined) => (rev !== undefined ? code(rev.slice(0, 12)) : 'not recorded');
  const bumped = `${cell(utc(origin.date))} into ${cell(origin.env)}${origin.requestedBy !== undefined ? ` by ${cell(origin.requestedBy)}` : ''} (${commitLink(links, origin.commit)})`;
  const passed = p.passedThrough ?? [];
  const shown = passed.slice(-PASSED_SHOWN);
  const listed = passed.length - shown.length;
  const earlier = listed + (p.passedThroughMore ?? 0);
  const between = shown.map((x) => `${imageCell(x.image)}${x.requestedBy !== undefined ? ` by ${cell(x.requestedBy)}` : ''}${x.action !== 'bump' ? ` (${cell(x.action)})` : ''}${x.sourceRevision !== undefined ? `, revision ${revision(x.sourceRevision)}` : ''}`).join('; ');
  // (Oldest first, as --json lists them: those cut are the earliest.)
  const cut = earlier ? `${earlier} earlier (${p.passedThroughMore ? `the report lists ${listed} of them; \`ferry history\` lists every one` : more}), then ` : '';
  return [revision(origin.sourceRevision), bumped, `${cut}${between}`];
}

/**
 * `Requested by alice; approved by bob, carol.`: who asked and who approved, as the commit records
 * them (Ferry-Requested-By, Ferry-Approved-By); `approved by no one yet` where the approvals gate
 * waits for them; '' when neither is known.
 */
function whoText(result: PromoteResult): string {
  const approvals = result.gates.find((g) => g.gate === 'approvals');
  const approved = result.approvedBy?.length ? `approved by ${result.approvedBy.map(cell).join(', ')}` : approvals && approvals.verdict !== 'pass' ? 'approved by no one yet' : '';
  const text = [result.requestedBy !== undefined ? `Requested by ${cell(result.requestedBy)}` : '', approved].filter(Boolean).join('; ');
  return text ? `${text.charAt(0).toUpperCase()}${text.slice(1)}.` : '';
}

/** A pull request's link: `[pull request #12](…)`. */
function pullRequestLink(result: { pullRequestUrl?: string; pullRequestNumber?: number }): string {
  return `[pull request${result.pullRequestNumber !== undefined ? ` #${result.pullRequestNumber}` : ''}](${result.pullRequestUrl})`;
}

/** Each manifest a promotion writes, once, with the diff of all its edits (apps pinned in one file: one diff). */
function manifestDiffs(result: Pick<PromoteResult, 'promotions' | 'files'>): { manifest: string; diff: string }[] {
  return result.files?.map((f) => ({ manifest: f.path, diff: f.diff })) ?? result.promotions;
}

/** The description of a promotion's pull request: the plan, the gates, and each manifest's diff. */
export function promotePullRequestBody(result: PromoteResult, links: SummaryLinks = {}): string {
  const verdict = promoteVerdict({ status: 'succeeded', gates: result.gates, ...(result.override ? { override: result.override } : {}), ...(result.awaitingApproval ? { awaitingApproval: true } : {}) });
  return withDiffs([
    `Ferry promotes ${result.promotions.length} app${result.promotions.length === 1 ? '' : 's'} from ${cell(result.from)} to ${cell(result.to)}: ${verdict}.`,
    verdict === 'awaiting-approval'
      ? `**Approvals pending.** Reviews approving this pull request are the approvals ${cell(result.to)} requires; once they are given, run the promotion again (mode \`push\`): it records the reviewers as Ferry-Approved-By. Merging this pull request as it stands lands an unapproved promotion, which \`ferry audit\` reports.`
      : '',
    ...promotePlan(result, links, verdict, 'the report of the run that proposed this pull request has them all'),
  ], manifestDiffs(result), [], MAX_PULL_REQUEST_BODY, chars, `GitHub takes at most ${MAX_PULL_REQUEST_BODY.toLocaleString('en')} characters in a pull request's description; the pull request's changes hold every one`, 'the report of the run that proposed this pull request has it all');
}

/** What a writer's result says about where its change went (pull-request mode). */
interface Delivered {
  pullRequestUrl?: string;
  pullRequestNumber?: number;
  /** How the proposal lands, when the user must act (delivery's notice). */
  notice?: string;
}

/** The apps to promote by name, as promote.yml's `app` input takes them (the action's own input is `apps`). */
function appInput(apps: readonly string[]): string {
  return `${code(`app: ${apps.join(',')}`)} (promote.yml's input; the action's is ${code('apps')})`;
}

/**
 * The apps short of the soak gate, and when each has soaked long enough: the soak verdict's
 * shortOfTime (evaluateGates: youngest first, the times the CLI gives); none when the soak did
 * not fail, or its verdict does not say.
 */
function soakShort(result: PromoteResult): { app: string; at: string }[] {
  const soak = result.gates.find((g) => g.gate === 'soak' && g.verdict === 'fail');
  return (soak?.shortOfTime ?? []).map((s) => ({ app: s.app, at: s.passesAt }));
}

/**
 * What to do about a stopped promotion, as the workflow's inputs say it (promote.ts's
 * stoppedAdvice says it as the CLI's flags): an app whose digest is blocked, or (of several) one
 * short of its soak, is left out and the others promoted by name (`app:`); when the soak passes;
 * an override (`override:` and `reason:`) lets one gate through, never blocked.
 */
function stoppedHow(result: PromoteResult): string {
  const failing = result.gates.filter((g) => g.verdict !== 'pass' && g.notRun !== true && (g.gate === 'blocked' || g.gate !== result.override?.gate));
  // The approvals gate short of approvers waits for a reviewer, who does not stop at the others (no override).
  const approvals = failing.find((g) => g.gate === 'approvals' && g.verdict === 'fail');
  const stopping = failing.filter((g) => g !== approvals);
  const blocked = result.promotions.filter((p) => p.blocked).map((p) => p.app);
  const short = soakShort(result);
  const said: string[] = [];
  if (blocked.length) said.push(`A blocked digest cannot be overridden: ${blocked.map(cell).join(', ')} cannot be promoted until ${blocked.length === 1 ? 'its digest is' : 'their digests are'} unblocked or ${cell(result.from)} pins another digest.`);
  if (short.length) {
    const at = result.promotions.length > 1 ? ` for ${short.map((s) => `${cell(s.app)} at ${utc(s.at)}`).join(', ')}` : ` at ${utc(short[0]!.at)}`;
    said.push(`The soak passes${at}.`);
  }
  // Leaving apps out lets the others through only when nothing else stops them.
  const out = [...new Set([...blocked, ...short.map((s) => s.app)])];
  const others = result.promotions.filter((p) => !out.includes(p.app)).map((p) => p.app);
  if (out.length && others.length && stopping.every((g) => g.gate === 'blocked' || (g.gate === 'soak' && short.length))) {
    said.push(`Leave ${out.map(cell).join(', ')} out and promote the others by name: ${appInput(others)}.`);
  }
  const overridable = stopping.filter((g) => g.gate !== 'blocked').map((g) => g.gate);
  if (result.override && overridable.length) {
    said.push(`${code(`override: ${result.override.gate}`)} lets that gate through and no other: ${overridable.join(', ')} did not pass too.`);
  } else if (overridable.length === 1) {
    said.push(`${said.length ? 'Or let' : 'Let'} ${overridable[0]} through with ${code(`override: ${overridable[0]}`)} and a ${code('reason:')} (recorded in the commit).`);
  } else if (overridable.length > 1) {
    said.push(`An override lets one gate through (${code('override:')} naming it, with a ${code('reason:')}), and ${overridable.length} did not pass: ${overridable.join(', ')}.`);
  }
  if (approvals) said.push(`The approvals gate (${cell(approvals.reason)}) waits for the approval of someone other than the requester${result.requestedBy !== undefined ? ` (${cell(result.requestedBy)})` : ''}.`);
  return said.join(' ');
}

/** `soak (fail: 12m<30m), which the override lets through: hotfix`: the gate overridden, its numbers and the reason. */
function overriddenText(result: PromoteResult): string {
  const gate = result.gates.find((g) => g.gate === result.override?.gate && g.verdict !== 'pass');
  return gate ? `${cell(gate.gate)} (${gate.verdict}: ${cell(reasonTimes(gate, result.promotions))}), which the override lets through: ${cell(result.override!.reason)}` : '';
}

/**
 * A dry run that only its approvals stop (promote.yml's plan job): what passes, what waits, and
 * how the approval is given.
 */
function awaitingHow(result: PromoteResult, links: SummaryLinks, head: string): string {
  const approvals = result.gates.find((g) => g.gate === 'approvals');
  const notRun = result.gates.filter((g) => g.notRun === true).map((g) => cell(g.gate));
  const but = [
    result.override ? overriddenText(result) : '',
    notRun.length ? `${notRun.join(', ')}, which ${notRun.length === 1 ? 'is' : 'are'} measured when the promotion is written, after the approval` : '',
  ].filter(Boolean);
  const requester = result.requestedBy !== undefined ? ` (${cell(result.requestedBy)})` : '';
  return [
    `**Awaiting approval**: approvals ${cell(approvals?.reason ?? '')}; every other gate passes${but.length ? `, but ${but.join('; and ')}` : ''}. Nothing written (dry run, head ${commitLink(links, head)}).`,
    `It needs the approval of someone other than the requester${requester}: in promote.yml, a required reviewer of the GitHub Environment ${code(result.to)} approves this run (Review deployments); its promote job then checks every gate again, writes this plan, and records the approvers as Ferry-Approved-By.`,
  ].join('\n\n');
}

export function promoteSummary(result: Written<PromoteResult, 'succeeded' | 'skipped' | 'planned' | 'stopped'> & Delivered & { analysis?: { runs: readonly { app: string; run: AnalysisRunResult }[]; comparisons: readonly { app: string; report: ComparisonReport }[] } }, links: SummaryLinks): string {
  const verdict = promoteVerdict(result);
  const outcome = result.pullRequestUrl
    ? result.status === 'skipped'
      ? `Already proposed in ${pullRequestLink(result)} (commit ${commitLink(links, result.commit)}): nothing written.`
      : `Proposed in ${pullRequestLink(result)} by commit ${commitLink(links, result.commit)}.`
    : result.status === 'skipped'
      ? result.leftOut?.length
        ? `**Nothing promoted**: ${result.unchanged?.length ? `the other apps are unchanged, and ` : ''}every app that would change is left out, as ${leftOutCause(result.leftOut, cell(result.from), cell(result.to))} (head ${commitLink(links, result.commit)}). It stays out until ${leftOutUntil(result.leftOut, cell(result.from), cell(result.to))}.`
        : result.heldBack?.length
          ? `Nothing of the plan left to promote: ${cell(result.to)} already pins what it planned (head ${commitLink(links, result.commit)}); the apps held back were not in the plan given, and a new run plans them.`
          : `Nothing to promote: ${cell(result.to)} already pins what ${cell(result.from)} pins (head ${commitLink(links, result.commit)}).`
      : verdict === 'stopped'
        ? `**Stopped by gates**: nothing written (head ${commitLink(links, result.commit)}). ${stoppedHow(result)}`
        : result.status === 'planned'
          ? verdict === 'awaiting-approval'
            ? awaitingHow(result, links, result.commit)
            : verdict === 'overridden'
              ? `Dry run: nothing written (head ${commitLink(links, result.commit)}). Every gate passes but ${overriddenText(result)}; written, the commit records the override and its reason.`
              : `Dry run: the gates pass; nothing written (head ${commitLink(links, result.commit)}).`
          : `Promoted by commit ${commitLink(links, result.commit)}.`;
  return withDiffs([
    `### Ferry promote: ${cell(result.from)} → ${cell(result.to)}: ${VERDICT_WORDS[verdict]}`,
    // (A dry run's outcome says what is overridden, and why.)
    ...promotePlan(result, links, verdict, IN_REPORT, result.status !== 'planned'),
    outcome,
    result.notice ? `**Not landed yet.** ${cell(result.notice)}` : '',
    ...(result.analysis?.runs ?? []).map(({ app, run }) => `**Analysis of ${cell(app)}**\n\n${formatAnalysisMarkdown({ run }).trimEnd()}`),
    ...(result.analysis?.comparisons ?? []).map(({ app, report }) => `**Baseline comparison of ${cell(app)}**\n\n${formatAnalysisMarkdown({ comparison: report }).trimEnd()}`),
  ], manifestDiffs(result), [footer(result, links)], MAX_SUMMARY_BYTES, bytes, `GitHub shows a job summary of at most 1 MiB; the commit${result.pullRequestUrl ? ' and the pull request' : ''} and the action's report (the JSON file its \`report\` output names) hold every one`, WHOLE_IN_REPORT);
}

const SKIPPED_WHY: Record<SkipReason, string> = {
  'rolled-back-from': 'a rollback there moved away from it',
  'moved-back-from': 'a change there moved away from it, back to an earlier image',
  blocked: 'blocked',
  'not-app-image': 'not the app\'s image as ferry.yaml names it now',
};

export function rollbackSummary(result: Written<RollbackResult, 'succeeded' | 'planned'>, links: SummaryLinks): string {
  const outcome = result.status === 'planned'
    ? `Dry run: nothing written (head ${commitLink(links, result.commit)})${result.blocked ? `; ${imageCell(result.previousImage)} would be blocked (blocked.yaml)` : ''}.`
    : `Rolled back by commit ${commitLink(links, result.commit)}${result.blocked ? `; ${imageCell(result.previousImage)} is now blocked` : ''}.`;
  // --block of an image blocked already (before, or by another writer meanwhile): whose block it is.
  const already = result.alreadyBlocked;
  const alreadyNote = already ? `${imageCell(result.previousImage)} was already blocked for app ${cell(already.app)}${already.by ? ` by ${cell(already.by)}` : ''}${already.at ? ` at ${cell(utc(already.at))}` : ''}: ${cell(already.reason)}; this rollback adds no block.` : '';
  return summary([
    `### Ferry rollback: ${cell(result.app)} in ${cell(result.env)}`,
    table(['app', 'env', 'from', 'to', 'to was pinned by'], [[cell(result.app), cell(result.env), imageCell(result.previousImage), imageCell(result.image), commitLink(links, result.to.commit)]]),
    outcome,
    alreadyNote,
    stillPinnedNote(result.stillPinned),
    unreadableNote(result.unreadable),
    result.warning ? `> [!WARNING]\n> ${cell(result.warning)}` : '',
    // The earlier images it passed over, and why: what a release manager checks before trusting the target.
    result.skipped.length ? table(['passed over', 'in place after', 'why'], result.skipped.map((s) => [imageCell(s.image), commitLink(links, s.commit), SKIPPED_WHY[s.reason]]), '`ferry rollback --dry-run --json` lists them all') : '',
    diffBlock(result.blocked ? `Diff of ${result.manifest} and blocked.yaml` : `Diff of ${result.manifest}`, result.diff),
  ], [footer(result, links)], WHOLE_IN_LOG);
}

export function blockSummary(result: Written<BlockResult, 'succeeded' | 'skipped'>, links: SummaryLinks): string {
  const done = result.action === 'block' ? 'Blocked' : 'Unblocked';
  const outcome = result.status === 'skipped'
    ? `Nothing to do: ${result.action === 'block' ? 'already blocked' : 'not blocked'} (head ${commitLink(links, result.commit)}).`
    : `${done} by commit ${commitLink(links, result.commit)}.`;
  return summary([
    `### Ferry ${result.action}: ${cell(result.app)}`,
    table(['app', 'image', 'reason'], [[cell(result.app), imageCell(result.image), cell(result.reason)]]),
    outcome,
    stillPinnedNote(result.stillPinned),
    unreadableNote(result.unreadable),
  ], [footer(result, links)], WHOLE_IN_LOG);
}

/** Where a digest blocked (or to be) still runs: a block refuses new pins, it takes none out. */
function stillPinnedNote(pins: readonly StillPinned[] | undefined): string {
  if (!pins?.length) return '';
  return `> [!WARNING]\n> Still pinned in ${pins.map((p) => cell(p.env)).join(', ')}: a block refuses new pins, it takes none out (roll each back).`;
}

/** The manifests stillPinnedNote() could not tell of: whether they pin the digest is not known. */
function unreadableNote(unreadable: readonly StillPinned[] | undefined): string {
  if (!unreadable?.length) return '';
  const one = unreadable.length === 1;
  return `> [!WARNING]\n> Could not read ${unreadable.map((u) => cell(u.manifest)).join(', ')} (whether ${one ? 'it pins' : 'they pin'} the digest is not known): check ${one ? 'it' : 'them'} with ferry validate.`;
}

/** One row per app, one column per environment: what is pinned and by which commit. */
export function statusSummary(result: StatusResult & Ran, links: SummaryLinks): string {
  const rows = result.apps.map((app) => [cell(app), ...result.environments.map((env) => {
    const row = result.rows.find((r) => r.app === app && r.env === env);
    if (!row) return '';
    if (row.error) return `**error**: ${cell(row.error)}`;
    const pinned = row.digest ? `${pinCell(row.tag, row.digest)}${row.blocked ? ' **blocked**' : ''}` : `${row.image ? code(row.image) : ''} (no digest)`;
    // (The commit that pinned the digest, marked as status marks it: by hand, ferry init's, or the file changed since.)
    const by = row.pinned ?? row.changed;
    if (!by) return pinned;
    const marks = `${row.pinned && row.changed && row.changed.commit !== row.pinned.commit ? '*' : ''}${row.pinned?.byHand ? ' (by hand)' : row.pinned?.action === 'init' ? ' (ferry init)' : ''}`;
    return `${pinned} ${commitLink(links, by.commit)}${marks}`;
  })]);
  const moved = result.rows.some((r) => r.pinned && r.changed && r.changed.commit !== r.pinned.commit);
  const blocked = result.rows.filter((r) => r.blocked);
  return summary([
    `### Ferry status at ${commitLink(links, result.commit)}`,
    table(['app', ...result.environments.map(cell)], rows),
    moved ? '\\* the manifest changed since the pin, its digest did not' : '',
    // Where a blocked digest still runs: a block stops new pins, it takes none out.
    blocked.length ? `> [!WARNING]\n> Still pinned, though blocked (blocked.yaml): ${blocked.map((r) => `${cell(r.app)} in ${cell(r.env)} (${cell(r.blocked!.reason)})`).join(', ')}` : '',
    // A blocked.yaml that does not read: no digest was checked against it.
    result.warning ? `> [!WARNING]\n> ${cell(result.warning)}` : '',
  ], [footer(result, links)], WHOLE_IN_REPORT);
}

export function historySummary(result: Ran & { events: readonly HistoryEvent[]; env?: string; app?: string; warning?: string }, links: SummaryLinks): string {
  // (As ferry history's table: its ACTION and BY, the free text last.)
  const rows = result.events.map((e) => [
    cell(utc(e.date)), cell(e.env ?? ''), cell(actionText(e)), cell(e.app ?? ''),
    e.image ? imageCell(e.image) : '', e.previousImage ? imageCell(e.previousImage) : '',
    cell(byText(e)), cell(e.approvedBy.join(', ')),
    commitLink(links, e.commit),
    cell([e.gates, e.override && `override: ${e.override}`, e.reason && `reason: ${e.reason}`, e.blockedImage && `blocked: ${e.blockedImage}`].filter(Boolean).join('; ')),
  ]);
  return summary([
    `### Ferry history: ${result.events.length} change${result.events.length === 1 ? '' : 's'}`,
    result.warning ? `**Warning**: ${cell(result.warning)}` : '',
    rows.length ? table(['when', 'env', 'action', 'app', 'image', 'before', 'by', 'approved by', 'commit', 'gates / reason'], rows)
      : `No Ferry commits${[result.app !== undefined && ` for app ${code(result.app)}`, result.env !== undefined && ` in ${code(result.env)}`].filter(Boolean).join('')}.`,
  ], [footer(result, links)], WHOLE_IN_REPORT);
}

export function auditSummary(report: Ran & { checked: number; env?: string; since?: string; until?: string; after?: string; range?: { first?: string; last?: string }; violations: readonly { commit: string; date: string; env?: string; app?: string; rule: AuditRule; message: string }[] }, links: SummaryLinks): string {
  const n = report.violations.length;
  const { range } = report;
  const stretch = !range ? undefined : range.first !== undefined ? `reported: ${commitLink(links, range.first)} to ${commitLink(links, range.last!)}` : 'no commit in the range';
  const scope = [report.env && `environment ${code(report.env)}`, report.after && `after ${commitLink(links, report.after)}`, report.since && `since ${cell(report.since)}`, report.until && `until ${cell(report.until)}`, stretch].filter(Boolean).join(', ');
  const rows = report.violations.map((v) => [cell(utc(v.date)), commitLink(links, v.commit), cell(v.env ?? ''), cell(v.app ?? ''), code(v.rule), cell(v.message)]);
  return summary([
    `### Ferry audit: ${n ? 'fail' : 'pass'}`,
    `${report.checked} commit${report.checked === 1 ? '' : 's'} checked up to ${commitLink(links, report.commit)}${scope ? ` (${scope})` : ''}: ${n} violation${n === 1 ? '' : 's'}.`,
    n ? table(['date', 'commit', 'env', 'app', 'rule', 'what'], rows) : '',
  ], [footer(report, links)], WHOLE_IN_REPORT);
}

function problemRows(problems: readonly Problem[]): string[][] {
  return problems.map((p) => [
    p.file ? code(`${p.file}${p.line !== undefined ? `:${p.line}${p.column !== undefined ? `:${p.column}` : ''}` : ''}`) : '',
    p.field ? code(p.field) : '', cell(p.message),
  ]);
}

export function validateSummary(result: Ran & { status: 'succeeded' | 'failed'; problems: readonly Problem[]; warnings?: readonly Problem[]; checked: number }, links: SummaryLinks): string {
  const n = result.problems.length;
  const w = result.warnings?.length ?? 0;
  return summary([
    `### Ferry validate: ${result.status === 'succeeded' ? 'valid' : 'invalid'}`,
    result.status === 'succeeded'
      ? `ferry.yaml and ${result.checked} pinned manifest${result.checked === 1 ? '' : 's'} are valid at ${commitLink(links, result.commit)}.`
      : `${n} problem${n === 1 ? '' : 's'} at ${commitLink(links, result.commit)}:\n\n${table(['where', 'field', 'problem'], problemRows(result.problems))}`,
    w ? `${w} warning${w === 1 ? '' : 's'} (they do not fail validation):\n\n${table(['where', 'field', 'warning'], problemRows(result.warnings!))}` : '',
  ], [footer(result, links)], WHOLE_IN_REPORT);
}

/** `ferry analyze`'s summary: the run's tables and charts, the comparison, and where the JSON report is. */
export function analyzeSummary(result: { run: AnalysisRunResult; comparison?: ComparisonReport; reportPath?: string }, links: SummaryLinks): string {
  return summary([
    formatAnalysisMarkdown({ run: result.run, ...(result.comparison ? { comparison: result.comparison } : {}) }).trimEnd(),
    result.reportPath ? `Report: ${code(result.reportPath)}` : '',
  ], [links.run ? `[Workflow run](${links.run})` : ''], WHOLE_IN_REPORT);
}

/** The env repo a command that failed was working on. */
export interface FailureTarget {
  /** As given: its credentials are taken out here (redactUrl). */
  repo: string;
  branch: string;
  /** The head it had read, when that is known. */
  commit?: string;
}

/**
 * A command that did not run to a result: bad input or configuration (`problems`), or the world
 * failed; with `target`, the env repo, branch and (when known) head it was working on, which the
 * files in `problems` are in.
 */
export function failureSummary(command: string, error: { message: string; problems?: readonly Problem[] }, links: SummaryLinks, target?: FailureTarget): string {
  const head = target?.commit !== undefined && /^[0-9a-f]{7,64}$/.test(target.commit) ? `, head ${commitLink(links, target.commit)}` : '';
  return summary([
    `### ${cell(command)} failed`,
    target ? `Env repo ${code(redactUrl(target.repo))}, branch ${code(target.branch)}${head}.` : '',
    error.problems?.length ? table(['where', 'field', 'problem'], problemRows(error.problems), "the step's log lists them all") : fenced(cutShort(error.message, MAX_MESSAGE), 'text'),
  ], [links.run ? `[Workflow run](${links.run})` : ''], WHOLE_IN_LOG);
}
