// A promotion's plan as the CLI prints it: one line per app that fits a terminal (tags and short
// digests; the full references are in --json), then where the digest comes from, each time in UTC.
import { formatDuration, type AppPromotion, type PromoteResult } from './promote.js';
import { blockText, leftOutCause, outOfBandText, pinVerb, rollbackText } from './job-summary.js';
import { formatProblem } from './errors.js';
import { imageParts, shortDigest } from './image-ref.js';
import { TAG_WIDTH, clip, displayWidth, utc } from './table.js';
import { quote } from './errors.js';
import { isGitHubLogin } from './approvals.js';
// (Versions between the target's and the one promoted: the text lists PASSED_SHOWN; --json up to PASSED_MAX.)
import { PASSED_SHOWN } from './pin-origin.js';

/** The widest line of the plan (a terminal's): longer ones are wrapped, a word wider than a line cut with `…` (--json has it whole). */
export const PLAN_WIDTH = 100;

/** The widest a name other than the app's image (another repository) is shown: --json has it whole. */
const NAME_WIDTH = 40;

/**
 * `line` in lines of at most `width` columns: broken at spaces, each line after the first indented
 * `more` columns past the first's indent; a word wider than a line is cut with `…`.
 */
export function wrapLine(line: string, width = PLAN_WIDTH, more = 2): string[] {
  if (displayWidth(line) <= width) return [line];
  const indent = line.length - line.trimStart().length;
  const lines: string[] = [];
  let lead = ' '.repeat(indent);
  let words: string[] = [];
  const used = () => displayWidth(words.join(' '));
  for (const word of line.trimStart().split(' ')) {
    if (words.length && lead.length + used() + 1 + displayWidth(word) > width) {
      lines.push(`${lead}${words.join(' ')}`);
      lead = ' '.repeat(indent + more);
      words = [];
    }
    words.push(displayWidth(word) > width - lead.length ? clip(word, Math.max(1, width - lead.length)) : word);
  }
  lines.push(`${lead}${words.join(' ')}`);
  return lines;
}

/** Who asked, as a commit's trailer records it: a GitHub login as it is, anything else quoted (as an error quotes a value). */
export function personText(name: string): string {
  return isGitHubLogin(name) ? name : quote(name, 40);
}

/** A Ferry-Source-Revision: a commit id short; anything else quoted, and said not to be one. */
export function revisionText(rev: string | undefined): string {
  if (rev === undefined) return 'no source revision recorded';
  return /^[0-9a-f]{7,64}$/.test(rev) ? `source revision ${rev.slice(0, 12)}` : `source revision ${quote(rev, 40)} (not a commit id)`;
}

/**
 * An image as the plan shows it: `1.2.0 sha256:684e563f3c49` (the tag cut past TAG_WIDTH); its
 * name too where it is not `name` (the app's image); `(none)` for nothing.
 */
export function pinText(image: string, name = imageParts(image).name): string {
  if (!image) return '(none)';
  const parts = imageParts(image);
  const named = parts.name !== name ? `${clip(parts.name, NAME_WIDTH)}${parts.tag !== undefined ? `:${clip(parts.tag, TAG_WIDTH)}` : ''}` : parts.tag !== undefined ? clip(parts.tag, TAG_WIDTH) : '';
  if (parts.digest === undefined) return `${named || clip(parts.name, NAME_WIDTH)} (no digest)`;
  return `${named}${named ? ' ' : ''}${shortDigest(parts.digest)}`;
}

/** `(c1a6a2bcef13, promoted by rm-alice)`: a pin's commit and who asked for it. */
function pinBy(commit: string, action: string | undefined, by: string | undefined): string {
  return `(${commit.slice(0, 12)}${by !== undefined ? `, ${pinVerb(action)} by ${personText(by)}` : ''})`;
}

/** The widths the first lines of a plan's apps are aligned to (`->` in one column), where the lines fit. */
interface Columns {
  app: number;
  previous: number;
}

/** `  <app>  <previous> -> <image>`, aligned to `columns` where that fits; else the app alone, the change on the line below. */
function changeLines(app: string, previous: string, image: string, columns: Columns): string[] {
  const aligned = `  ${app.padEnd(columns.app)}  ${previous.padEnd(columns.previous)} -> ${image}`;
  if (displayWidth(aligned) <= PLAN_WIDTH) return [aligned];
  const plain = `  ${app}  ${previous} -> ${image}`;
  if (displayWidth(plain) <= PLAN_WIDTH) return [plain];
  return [`  ${app}`, ...wrapLine(`    ${previous} -> ${image}`)];
}

/** The lines of one app promoted: what changes, since when the source has run it, and where it comes from. */
function promotionLines(result: Pick<PromoteResult, 'from' | 'to' | 'judgedAt'>, p: AppPromotion, columns: Columns): string[] {
  const name = imageParts(p.image).name;
  const lines: string[] = [];
  if (p.sourceCommit !== undefined && p.sourceDate !== undefined) {
    const age = result.judgedAt !== undefined ? Date.parse(result.judgedAt) - Date.parse(p.sourceDate) : NaN;
    lines.push(`    in ${result.from}${Number.isNaN(age) ? '' : ` ${formatDuration(age)}`}, since ${utc(p.sourceDate)} ${pinBy(p.sourceCommit, p.sourceAction, p.sourceRequestedBy)}`);
  } else if (p.sourceUnknown !== undefined) {
    lines.push(`    in ${result.from} since: unknown (${p.sourceUnknown})`);
  }
  const origin = p.origin;
  const under = origin?.app !== undefined && origin.app !== p.app ? ` as ${quote(origin.app, 63)}` : '';
  if (origin && origin.commit === p.sourceCommit) {
    if (origin.sourceRevision !== undefined) lines.push(`    ${revisionText(origin.sourceRevision)}`);
  } else if (origin) {
    lines.push(`    bumped into ${origin.env}${under} ${utc(origin.date)}${origin.requestedBy !== undefined ? ` by ${personText(origin.requestedBy)}` : ''} (${origin.commit.slice(0, 12)}), ${revisionText(origin.sourceRevision)}`);
  } else if (p.originUnknown !== undefined) {
    lines.push(`    no bump found behind it: ${p.originUnknown}`);
  }
  if (origin && p.passedThrough?.length) {
    const shown = p.passedThrough.slice(-PASSED_SHOWN);
    const earlier = p.passedThrough.length - shown.length + (p.passedThroughMore ?? 0);
    lines.push(`    ${origin.env} ran between ${result.to}'s and this one${earlier ? ` (${earlier} earlier, in --json${p.passedThroughMore ? ' in part' : ''})` : ''}:`);
    for (const x of shown) {
      lines.push(`      ${pinText(x.image, name)} ${utc(x.date)}${x.requestedBy !== undefined ? ` by ${personText(x.requestedBy)}` : ''}${x.action !== 'bump' ? ` (${x.action})` : ''}, ${revisionText(x.sourceRevision)}`);
    }
  }
  // The same digest the target runs, under another tag: nothing new runs there.
  if (p.previousImage.endsWith(`@${p.digest}`)) lines.push(`    (the same digest under another tag: ${result.to} runs it already)`);
  // A digest a rollback in the target moved away from: this promotion undoes the rollback (a note, not a gate).
  if (p.rolledBack) lines.push(`    ${rollbackText(p.rolledBack)}`);
  // What the target pins never passed through the source (a hotfix bumped there directly): this promotion replaces it (a note, not a gate).
  if (p.outOfBand) {
    const note = { ...p.outOfBand, ...(p.outOfBand.by !== undefined ? { by: personText(p.outOfBand.by) } : {}) };
    lines.push(`    replaces a pin that never passed through ${result.from}: ${outOfBandText(note)}`);
  }
  return [...changeLines(p.app, pinText(p.previousImage, name), pinText(p.image, name), columns), ...lines.flatMap((l) => wrapLine(l))];
}

/**
 * The plan's lines: each app promoted, each left out (blocked, or never deployed), each held back (not in the plan
 * given with --expect), each unchanged. None past PLAN_WIDTH columns: longer ones are wrapped, and
 * a word too long for a line cut with `…` (--json has it whole).
 */
export function formatPlanText(result: Pick<PromoteResult, 'from' | 'to' | 'promotions' | 'leftOut' | 'heldBack' | 'unchanged' | 'judgedAt'>): string[] {
  const shown = result.promotions.map((p) => ({ app: p.app, previous: pinText(p.previousImage, imageParts(p.image).name) }));
  const columns = { app: Math.max(0, ...shown.map((s) => s.app.length)), previous: Math.max(0, ...shown.map((s) => s.previous.length)) };
  const lines = result.promotions.flatMap((p) => promotionLines(result, p, columns));
  lines.push(...leftOutLines(result));
  for (const h of result.heldBack ?? []) {
    const name = imageParts(h.image).name;
    // (A plan given names no head: whether the app changed after it, or the plan was of other apps, cannot be told.)
    lines.push(...wrapLine(`  ${h.app}  not in the plan given (${result.from} ${pinText(h.image, name)}${h.sourceDate !== undefined ? ` since ${utc(h.sourceDate)}` : ''}${h.sourceRequestedBy !== undefined ? ` by ${personText(h.sourceRequestedBy)}` : ''})`));
    lines.push(...wrapLine(`    not promoted: ${result.to} keeps ${pinText(h.previousImage, name)}; a new run plans it`));
  }
  for (const u of result.unchanged ?? []) lines.push(...wrapLine(`  ${u.app}  unchanged: ${result.to} already pins ${pinText(u.image)}`));
  // (A value cut short is said to be whole elsewhere.)
  if (lines.some((l) => l.includes('…'))) lines.push('  (… marks a value cut short: --json has it whole)');
  return lines;
}

/**
 * The apps --all leaves out, never silently: their digest blocked (named with the block), or their
 * pin in the target or in the source never deployed (named with validate's problem: file, line,
 * what it builds).
 */
export function leftOutLines(result: Pick<PromoteResult, 'from' | 'to' | 'leftOut'>): string[] {
  return (result.leftOut ?? []).flatMap((l) => {
    const name = imageParts(l.image).name;
    const keeps = `    (${result.to} keeps ${pinText(l.previousImage, name)})`;
    if (l.kind === 'undeployed') return [`  ${l.app}  left out: ${pinText(l.image, name)} would never be deployed in ${result.to}`, `    ${formatProblem(l.problem)}`, keeps];
    if (l.kind === 'source-undeployed') return [`  ${l.app}  left out: its pin in ${result.from}, ${pinText(l.image, name)}, is never deployed: ${result.from} never ran that digest`, `    ${formatProblem(l.problem)}`, keeps];
    const block = blockText(l.blocked, utc);
    return [`  ${l.app}  left out: ${pinText(l.image, name)} is blocked`, `    ${block}`, keeps];
  });
}

/** The longest `--expect` value printed as one option: far below what one argument may be (Linux: 128 KiB). */
export const EXPECT_OPTION_MAX = 32_768;

/**
 * A plan's `expect` as command-line options to pass back: `--expect <items>`, several where one
 * would be longer than `max` (the CLI merges them; an app given twice is refused), each item whole.
 */
export function expectOptions(expect: string, max = EXPECT_OPTION_MAX): string[] {
  const options: string[] = [];
  let items: string[] = [];
  let length = 0;
  for (const item of expect.split(',')) {
    if (items.length && length + 1 + item.length > max) {
      options.push(`--expect ${items.join(',')}`);
      items = [];
      length = 0;
    }
    length += (items.length ? 1 : 0) + item.length;
    items.push(item);
  }
  if (items.length) options.push(`--expect ${items.join(',')}`);
  return options;
}

export { leftOutCause };
