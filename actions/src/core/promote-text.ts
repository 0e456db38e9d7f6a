// A promotion's plan as the CLI prints it: one line per app that fits a terminal (tags and short
// digests; the full references are in --json), then where the digest comes from, each time in UTC.
import { formatDuration, type AppPromotion, type PromoteResult } from './promote.js';
import { blockText, pinVerb, rollbackText } from './job-summary.js';
import { imageParts, shortDigest } from './image-ref.js';
import { TAG_WIDTH, clip, utc } from './table.js';
// (Versions between the target's and the one promoted: the text lists PASSED_SHOWN; --json up to PASSED_MAX.)
import { PASSED_SHOWN } from './pin-origin.js';

/**
 * An image as the plan shows it: `1.2.0 sha256:684e563f3c49` (the tag cut past TAG_WIDTH); its
 * name too where it is not `name` (the app's image); `(none)` for nothing.
 */
export function pinText(image: string, name = imageParts(image).name): string {
  if (!image) return '(none)';
  const parts = imageParts(image);
  if (parts.digest === undefined) return `${image} (no digest)`;
  const named = parts.name !== name ? `${parts.name}${parts.tag !== undefined ? `:${clip(parts.tag, TAG_WIDTH)}` : ''}` : parts.tag !== undefined ? clip(parts.tag, TAG_WIDTH) : '';
  return `${named}${named ? ' ' : ''}${shortDigest(parts.digest)}`;
}

/** `(c1a6a2bcef13, promoted by rm-alice)`: a pin's commit and who asked for it. */
function pinBy(commit: string, action: string | undefined, by: string | undefined): string {
  return `(${commit.slice(0, 12)}${by !== undefined ? `, ${pinVerb(action)} by ${by}` : ''})`;
}

/** The lines of one app promoted: what changes, since when the source has run it, and where it comes from. */
function promotionLines(result: Pick<PromoteResult, 'from' | 'to' | 'judgedAt'>, p: AppPromotion): string[] {
  const name = imageParts(p.image).name;
  const lines = [`  ${p.app}  ${pinText(p.previousImage, name)} -> ${pinText(p.image, name)}`];
  if (p.sourceCommit !== undefined && p.sourceDate !== undefined) {
    const age = result.judgedAt !== undefined ? Date.parse(result.judgedAt) - Date.parse(p.sourceDate) : NaN;
    lines.push(`    in ${result.from}${Number.isNaN(age) ? '' : ` ${formatDuration(age)}`}, since ${utc(p.sourceDate)} ${pinBy(p.sourceCommit, p.sourceAction, p.sourceRequestedBy)}`);
  } else if (p.sourceUnknown !== undefined) {
    lines.push(`    in ${result.from} since: unknown (${p.sourceUnknown})`);
  }
  const revision = (rev: string | undefined) => (rev !== undefined ? `source revision ${rev.slice(0, 12)}` : 'no source revision recorded');
  const origin = p.origin;
  if (origin && origin.commit === p.sourceCommit) {
    if (origin.sourceRevision !== undefined) lines.push(`    ${revision(origin.sourceRevision)}`);
  } else if (origin) {
    lines.push(`    bumped into ${origin.env} ${utc(origin.date)}${origin.requestedBy !== undefined ? ` by ${origin.requestedBy}` : ''} (${origin.commit.slice(0, 12)}), ${revision(origin.sourceRevision)}`);
  } else if (p.originUnknown !== undefined) {
    lines.push(`    no bump found behind it: ${p.originUnknown}`);
  }
  if (origin && p.passedThrough?.length) {
    const shown = p.passedThrough.slice(-PASSED_SHOWN);
    const earlier = p.passedThrough.length - shown.length + (p.passedThroughMore ?? 0);
    lines.push(`    ${origin.env} ran between ${result.to}'s and this one${earlier ? ` (${earlier} earlier, in --json${p.passedThroughMore ? ' in part' : ''})` : ''}:`);
    for (const x of shown) {
      lines.push(`      ${pinText(x.image, name)} ${utc(x.date)}${x.requestedBy !== undefined ? ` by ${x.requestedBy}` : ''}${x.action !== 'bump' ? ` (${x.action})` : ''}, ${revision(x.sourceRevision)}`);
    }
  }
  // The same digest the target runs, under another tag: nothing new runs there.
  if (p.previousImage.endsWith(`@${p.digest}`)) lines.push(`    (the same digest under another tag: ${result.to} runs it already)`);
  // A digest a rollback in the target moved away from: this promotion undoes the rollback (a note, not a gate).
  if (p.rolledBack) lines.push(`    ${rollbackText(p.rolledBack)}`);
  return lines;
}

/**
 * The plan's lines: each app promoted, each left out (blocked), each held back (not in the plan
 * given with --expect), each unchanged.
 */
export function formatPlanText(result: Pick<PromoteResult, 'from' | 'to' | 'promotions' | 'leftOut' | 'heldBack' | 'unchanged' | 'judgedAt'>): string[] {
  const lines = result.promotions.flatMap((p) => promotionLines(result, p));
  lines.push(...leftOutLines(result));
  for (const h of result.heldBack ?? []) {
    const name = imageParts(h.image).name;
    lines.push(`  ${h.app}  not in the plan: it changed after the plan (${result.from} ${pinText(h.image, name)}${h.sourceDate !== undefined ? ` since ${utc(h.sourceDate)}` : ''}${h.sourceRequestedBy !== undefined ? ` by ${h.sourceRequestedBy}` : ''})`);
    lines.push(`    not promoted: ${result.to} keeps ${pinText(h.previousImage, name)}; a new run plans it`);
  }
  for (const u of result.unchanged ?? []) lines.push(`  ${u.app}  unchanged: ${result.to} already pins ${pinText(u.image)}`);
  return lines;
}

/** The apps --all leaves out, their digest blocked: named with the block, never silently. */
export function leftOutLines(result: Pick<PromoteResult, 'to' | 'leftOut'>): string[] {
  return (result.leftOut ?? []).flatMap((l) => {
    const name = imageParts(l.image).name;
    const block = blockText({ ...l.blocked, ...(l.blocked.at !== undefined ? { at: utc(l.blocked.at) } : {}) });
    return [`  ${l.app}  left out: ${pinText(l.image, name)} is blocked`, `    ${block}`, `    (${result.to} keeps ${pinText(l.previousImage, name)})`];
  });
}
