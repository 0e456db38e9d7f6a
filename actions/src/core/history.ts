// ferry history: each environment's timeline from the env repo's Ferry commits, read from their
// trailers alone: when, what, by whom, approved by whom, the gates' verdicts, the gate an override
// let through, and the image a rollback blocked. Today's ferry.yaml only checks the names asked for
// (a typo is not an empty history): a broken one, or an app since removed, hides none of it. A
// change merged as a pull request is shown once, and only what a merge brought in to the branch,
// when it landed (branchHistoryEvents), and kept (landedEvents).
import { CONFIG_FILE } from './env-repo-files.js';
import { formatProblem, quote, type ConfigurationError, type Problem } from './errors.js';
import { clip, formatTable, TAG_WIDTH, utc, visible } from './table.js';
import { imageName, imageParts, shortDigest } from './image-ref.js';
import { landings, type Landing } from './landing.js';
import type { FerryConfig } from './config.js';
import { isBlank, type TrailerValues } from './trailers.js';

/** `--env` and `--app`. */
export interface HistoryFilter {
  env?: string | undefined;
  app?: string | undefined;
}

/** A Ferry commit as the history shows it. */
export interface HistoryEvent {
  /** The commit that made the change (one a merge brought in: the branch's commit, not the merge). */
  commit: string;
  /**
   * When the change reached the branch, ISO 8601 as git gives it: the commit's committer date, or
   * for a commit a merge brought in, the merge's (`landedWith`), as status and promote's soak have it.
   */
  date: string;
  /** The merge of the branch's first-parent line that brought `commit` in (a pull request merged with a merge commit), when one did. */
  landedWith?: string;
  action: string;
  env?: string;
  app?: string;
  image?: string;
  previousImage?: string;
  from?: string;
  requestedBy?: string;
  approvedBy: string[];
  gates?: string;
  /** The gate an override let through (Ferry-Override); `reason` is the override's reason. */
  override?: string;
  reason?: string;
  /** The image a rollback with --block blocked in the same commit (Ferry-Blocked). */
  blockedImage?: string;
  /**
   * On a `block` event made of a rollback with --block, shown under another --env than the
   * rollback's (the block holds in every environment): the rollback's environment.
   */
  rollbackEnv?: string;
  /** A hand edit's (`edit`): the commit's author, as git recorded it (who, as `ferry status` shows it). */
  author?: string;
  /** An event no Ferry commit made (`edit`): a commit by hand. */
  byHand?: boolean;
}

/** One image pinned for one app in one environment by a Ferry commit (a promotion of several apps gives several). */
export interface PinEvent {
  commit: string;
  /** Committer date, ISO 8601. */
  date: string;
  action: string;
  env: string;
  app: string;
  image: string;
  /** What it replaced, as the commit recorded it. */
  previousImage?: string;
}

type TrailerLog = readonly { commit: string; date: string; trailers: TrailerValues }[];
/** A log whose commits name their parents (the first one first), as `git log` with `%P` gives it. */
type LinkedTrailerLog = readonly { commit: string; date: string; trailers: TrailerValues; parents?: readonly string[] }[];

/**
 * The Ferry-Previous-Image of the `i`th of `apps` apps of a commit, whose new image is `image`.
 * Ferry writes each app's trailers in turn, but no previous image for an app that had nothing
 * pinned: by position when every app has one, else the one with the same image name.
 */
export function previousImageOf(previous: readonly string[], apps: number, i: number, image: string | undefined): string | undefined {
  if (previous.length === apps) return previous[i];
  if (image === undefined) return undefined;
  const name = imageName(image);
  return previous.find((p) => imageName(p) === name);
}

/** The pins recorded in a log's Ferry-Env / Ferry-App / Ferry-Image trailers, in the log's order. */
export function pinEvents(log: TrailerLog): PinEvent[] {
  const events: PinEvent[] = [];
  for (const entry of log) {
    const env = entry.trailers.get('Ferry-Env')?.[0];
    const action = entry.trailers.get('Ferry-Action')?.[0] ?? '';
    const apps = entry.trailers.get('Ferry-App') ?? [];
    const images = entry.trailers.get('Ferry-Image') ?? [];
    const previous = entry.trailers.get('Ferry-Previous-Image') ?? [];
    if (!env || apps.length !== images.length) continue;
    apps.forEach((app, i) => {
      const previousImage = previousImageOf(previous, apps.length, i, images[i]);
      events.push({ commit: entry.commit, date: entry.date, action, env, app, image: images[i]!, ...(previousImage !== undefined ? { previousImage } : {}) });
    });
  }
  return events;
}

/** Whether an event is of the environment and app asked for (either absent: any). */
export function inFilter(event: Pick<HistoryEvent, 'env' | 'app'>, filter: HistoryFilter): boolean {
  // (An event of no environment, a block or an unblock, holds in every one.)
  return (filter.env === undefined || event.env === undefined || event.env === filter.env) && (filter.app === undefined || event.app === filter.app);
}

/** The events of a `git log` with Ferry trailers (newest first), those with a Ferry-Action only. */
export function historyEvents(log: TrailerLog, filter: HistoryFilter = {}): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (const entry of log) {
    const one = (key: string) => entry.trailers.get(key)?.[0];
    const action = one('Ferry-Action');
    if (action === undefined || isBlank(action)) continue; // (not Ferry's: isFerryCommit())
    const common: HistoryEvent = { commit: entry.commit, date: entry.date, action, approvedBy: [...(entry.trailers.get('Ferry-Approved-By') ?? [])] };
    const fields = [
      ['env', 'Ferry-Env'], ['from', 'Ferry-From'], ['requestedBy', 'Ferry-Requested-By'], ['gates', 'Ferry-Gate'],
      ['override', 'Ferry-Override'], ['reason', 'Ferry-Reason'], ['blockedImage', 'Ferry-Blocked'],
    ] as const;
    for (const [field, key] of fields) {
      const value = one(key);
      if (value !== undefined) common[field] = value;
    }
    if (!inFilter(common, { env: filter.env })) {
      // A rollback with --block of another environment: its block holds in this one too, a block
      // of that app's image, as `ferry block` makes one (the rollback itself is of its environment).
      const blocked = blockOfRollback(common, entry.trailers.get('Ferry-App')?.[0]);
      if (blocked && inFilter(blocked, filter)) events.push(blocked);
      continue;
    }
    // A promotion of several apps is one commit with their trailers in turn: an event for each app.
    const apps = entry.trailers.get('Ferry-App') ?? [];
    const images = entry.trailers.get('Ferry-Image') ?? [];
    const previous = entry.trailers.get('Ferry-Previous-Image') ?? [];
    const each = apps.length > 1 && images.length === apps.length ? apps.map((_, i) => i) : [0];
    for (const i of each) {
      const event: HistoryEvent = { ...common, approvedBy: [...common.approvedBy] };
      const per = [['app', apps[i]], ['image', images[i]], ['previousImage', previousImageOf(previous, apps.length, i, images[i])]] as const;
      for (const [field, value] of per) if (value !== undefined) event[field] = value;
      if (inFilter(event, filter)) events.push(event);
    }
  }
  return events;
}

/**
 * The block a rollback with --block (`event`: its common fields; `app`: its app) made, as an event
 * of no environment (a block holds in every one), marked with the rollback's: none for another event.
 */
function blockOfRollback(event: HistoryEvent, app: string | undefined): HistoryEvent | undefined {
  if (event.action !== 'rollback' || event.blockedImage === undefined || event.env === undefined) return undefined;
  const { commit, date, requestedBy, reason } = event;
  return {
    commit, date, action: 'block', ...(app !== undefined ? { app } : {}), image: event.blockedImage,
    ...(requestedBy !== undefined ? { requestedBy } : {}), approvedBy: [...event.approvedBy], ...(reason !== undefined ? { reason } : {}), rollbackEnv: event.env,
  };
}

/** What makes two Ferry records one change: the same action, environment, apps and images, in order. */
function changeKey(trailers: TrailerValues): string | undefined {
  const action = trailers.get('Ferry-Action')?.[0];
  if (!action) return undefined;
  return JSON.stringify([action, trailers.get('Ferry-Env')?.[0] ?? null, trailers.get('Ferry-App') ?? [], trailers.get('Ferry-Image') ?? []]);
}

/** The environment and app an event pins an image in, when it pins one. */
function pinKey(event: HistoryEvent): string | undefined {
  return event.env !== undefined && event.app !== undefined && event.image !== undefined ? JSON.stringify([event.env, event.app]) : undefined;
}

/**
 * The events of the history of a branch whose head is `tip` (`log`: every commit reachable from
 * it, newest first, with its parents), each change once, and only the changes that reached the
 * branch. The branch's first-parent line is what was deployed; a commit a merge brought in (a pull
 * request merged with a merge commit) reached the branch with that merge, and of what one merge
 * brought in only its end state did:
 * - a merge whose Ferry trailers repeat those of a commit it brought in (the same Ferry-Action,
 *   Ferry-Env, Ferry-App and Ferry-Image values: Ferry's auto-merge gives GitHub its own message)
 *   is that change, shown once, as the merge (its id and date: when it landed);
 * - a pin (an image in an environment's app) made on the merged branch and pinned again for the
 *   same environment and app by a later commit of that branch (one it is an ancestor of) never
 *   was the branch's state: it is left out. A pin that recorded a block (Ferry-Blocked) is kept:
 *   the block is in the blocklist all the same.
 * A merge without Ferry trailers (GitHub's "Merge pull request #…") shows the events of the
 * commits it brought in, at their own ids, at the merge's date and place (atLanding()): when they
 * reached the branch, whatever their own dates say. Commits not reachable from `tip` by the log's
 * parents (a shallow history's edge) are shown as they are.
 */
export function branchHistoryEvents(log: LinkedTrailerLog, tip: string, filter: HistoryFilter = {}, landed: ReadonlyMap<string, Landing> = landings(log, tip)): HistoryEvent[] {
  const byId = new Map(log.map((entry) => [entry.commit, entry]));
  // Only the events asked for: a pin is superseded only by a later pin of its environment and app,
  // which the filter keeps or leaves out with it. (A commit with none makes no entry.)
  const eventsOf = new Map<string, HistoryEvent[]>();
  for (const entry of log) {
    const events = historyEvents([entry], filter);
    if (events.length) eventsOf.set(entry.commit, atLanding(events, landed));
  }
  // The commits each merge of the first-parent line brought in.
  const brought = new Map<string, Set<string>>();
  for (const entry of log) {
    const merge = landed.get(entry.commit)?.commit;
    if (merge === undefined || merge === entry.commit) continue;
    const side = brought.get(merge) ?? new Set<string>();
    side.add(entry.commit);
    brought.set(merge, side);
  }
  const repeated = new Set<string>();
  const superseded = new Set<HistoryEvent>();
  for (const [merge, side] of brought) {
    const key = changeKey(byId.get(merge)!.trailers);
    if (key !== undefined) for (const id of side) if (changeKey(byId.get(id)!.trailers) === key) repeated.add(id);
    // Children before parents (dates can be set back, the log's order is not relied on): the pins
    // made after each commit on the merged branch.
    const children = new Map<string, number>();
    for (const id of side) for (const p of byId.get(id)!.parents ?? []) if (side.has(p)) children.set(p, (children.get(p) ?? 0) + 1);
    const later = new Map<string, Set<string>>();
    const ready = [...side].filter((id) => !children.has(id));
    for (let id = ready.pop(); id !== undefined; id = ready.pop()) {
      const after = later.get(id) ?? new Set<string>();
      later.delete(id);
      const pins = (eventsOf.get(id) ?? []).flatMap((event) => {
        const pin = pinKey(event);
        if (pin === undefined) return [];
        if (after.has(pin) && event.blockedImage === undefined) superseded.add(event);
        return [pin];
      });
      // What is later than a parent: what is later than this commit, and this commit's pins. Each
      // set belongs to one commit: the first parent without one takes this one over (along a
      // branch, no set is copied at every commit), the others get a copy or add it to theirs.
      for (const pin of pins) after.add(pin);
      let handedOver = false;
      for (const p of byId.get(id)!.parents ?? []) {
        if (!side.has(p)) continue;
        const theirs = later.get(p);
        if (theirs) {
          if (theirs !== after) for (const pin of after) theirs.add(pin);
        } else {
          later.set(p, handedOver ? new Set(after) : after);
          handedOver = true;
        }
        const left = children.get(p)! - 1;
        children.set(p, left);
        if (left === 0) ready.push(p);
      }
    }
  }
  return inLandingOrder(log, landed).flatMap((entry) => (repeated.has(entry.commit) ? [] : eventsOf.get(entry.commit) ?? []))
    .filter((event) => !superseded.has(event));
}

/**
 * `events` as of when they reached the branch (`landed`: landings()): an event of a commit a merge
 * brought in takes the merge's date and names the merge (`landedWith`), its `commit` staying the
 * commit that made the change; an event of a commit of the first-parent line, or of one not
 * reachable by the log's parents (a shallow history's edge), is as it was.
 */
export function atLanding(events: readonly HistoryEvent[], landed: ReadonlyMap<string, Pick<Landing, 'commit' | 'date'>>): HistoryEvent[] {
  return events.map((event) => {
    const landing = landed.get(event.commit);
    if (landing === undefined || landing.commit === event.commit) return event;
    const { commit, date: _made, ...rest } = event;
    return { commit, date: landing.date, landedWith: landing.commit, ...rest };
  });
}

/**
 * The log newest landing first: a merged branch's commits at their merge, whatever their dates
 * (git orders by date: a rollback merged from a branch, made in the same second as a later bump of
 * the line, came out below it), the log's own order within one landing. A log with commits not
 * reachable by its parents (a shallow history's edge) is left as it is.
 */
export function inLandingOrder<T extends { commit: string }>(log: readonly T[], landed: ReadonlyMap<string, Landing>): T[] {
  if (!log.every((e) => landed.has(e.commit))) return [...log];
  return [...log].sort((a, b) => landed.get(b.commit)!.rank - landed.get(a.commit)!.rank);
}

/**
 * `events` (branchHistoryEvents(), newest first) without the pins that did not land: a pin a merge
 * brought in (`landedWith`: a pull request merged with a merge commit) reached the branch only if
 * the merge's tree holds it. `pinned(event)`: the image the merge's version of the event's manifest
 * pins for its app, undefined where it was not read or cannot be (the event is kept: its record
 * stands, and ferry audit checks it). A pin the merge did not keep (a conflict resolved to the
 * line's side, `git merge -s ours`, a merge that pinned another image: ferry audit reports each)
 * never was the branch's state, as a pin made again on its branch never was: it is left out. A
 * rollback with --block that did not land is shown as its block, as under another --env: a block
 * is shown from its trailers wherever it landed, as a `ferry block` is.
 */
export function landedEvents(events: readonly HistoryEvent[], pinned: (event: HistoryEvent) => string | undefined): HistoryEvent[] {
  return events.flatMap((event) => {
    if (event.landedWith === undefined || pinKey(event) === undefined) return [event];
    const held = pinned(event);
    if (held === undefined || samePin(held, event.image!)) return [event];
    const block = blockOfRollback(event, event.app);
    return block ? [{ ...block, landedWith: event.landedWith }] : [];
  });
}

/** Whether two images are one pin: the same digest, or (one without a digest) the same reference. */
function samePin(a: string, b: string): boolean {
  const [x, y] = [imageParts(a).digest, imageParts(b).digest];
  return x !== undefined && y !== undefined ? x === y : a === b;
}

/**
 * Whether a commit is Ferry's: it has a Ferry-Action with a value (what historyEvents() makes an
 * event of). Any other commit that changed a pinned manifest is a hand edit, as audit has it: stray
 * Ferry-* trailers, or an empty Ferry-Action, make none.
 */
export function isFerryCommit(trailers: { first(key: string): string | undefined }): boolean {
  return !isBlank(trailers.first('Ferry-Action') ?? '');
}

/** An environment and app that pin an image in a manifest (several apps may share one). */
export interface ManifestOwner {
  env: string;
  app: string;
}

/**
 * The changes of pinned manifests that no Ferry commit made (a hand edit, a `git revert`), as
 * events of action `edit`, one per environment and app whose manifest (`owners`: today's
 * ferry.yaml's, each app that pins it: a manifest several apps share gives an event for each,
 * which pinChangedEdits() narrows down to the apps whose pin changed) the commit changed: the
 * history of an environment shows what was deployed, and a pin changed by hand was (a commit
 * without a Ferry-Action: ferry audit's "without Ferry trailers").
 * `changes`: the commits that changed any of those files (of the first-parent line, and those
 * mergedChanges() gives of what a merge brought in), each with its author when known (who made
 * the edit, marked by hand as `ferry status` marks it). (A merge of the line is among them only
 * with the change it made itself: what it brought in is mergedChanges()'s to tell apart.)
 */
export function handEditEvents(changes: readonly { commit: string; date: string; author?: string; files: readonly string[]; trailers: { first(key: string): string | undefined } }[], owners: ReadonlyMap<string, readonly ManifestOwner[]>): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (const c of changes) {
    if (isFerryCommit(c.trailers)) continue;
    for (const f of c.files) {
      for (const owner of owners.get(f) ?? []) {
        events.push({
          commit: c.commit, date: c.date, action: 'edit', env: owner.env, app: owner.app, ...(c.author !== undefined ? { author: c.author } : {}), byHand: true,
          approvedBy: [], reason: `${f} changed without Ferry (see ferry audit)`,
        });
      }
    }
  }
  return events;
}

/** A commit and the pinned manifests it changed against its first parent (a repository's changesIn()). */
type ChangedFiles = { commit: string; files: readonly string[]; trailers: { first(key: string): string | undefined } };

/**
 * The changes of pinned manifests that merges of the first-parent line (a pull request merged with
 * a merge commit) brought in without Ferry, for handEditEvents(): a change reached the branch with
 * its merge, as a Ferry commit a merge brought in did, so it is shown at that landing.
 * `merges`: the merges of the line, each with the pinned manifests it changed against its first
 * parent; `sides`: the commits they brought in (each landed with one of them, `landed`), merges
 * left out, each with those of the manifests it changed against its first parent. For each
 * manifest a merge changed:
 * - the merge has it as its branch left it (`asBranchLeftIt(merge, manifest)`: the same file as in
 *   one of its parents after the first, or as git's own merge of its two parents leaves it, where
 *   the line changed it too; by default, taken as so): the commits of its branch that
 *   changed the manifest last (no later commit of the branch, one it is an ancestor of, changed it
 *   again) and are not Ferry's, each with that manifest: a hand edit changed again on the branch
 *   before the merge never was the branch's state, as a Ferry pin pinned again is not
 *   (branchHistoryEvents()); a Ferry commit's change is its own row;
 * - else (none changed it on the branch: a version the branch had from history the line had since
 *   changed; or the merge has it as no branch left it: a conflict resolved by hand, a merge that
 *   pinned something else), the merge's own change: the merge with that manifest, unless it is
 *   Ferry's, as ferry audit reports it (what the branch's commits made of it never was the
 *   branch's state, landedEvents()).
 */
export function mergedChanges<C extends ChangedFiles>(
  merges: readonly C[], sides: readonly C[], landed: ReadonlyMap<string, Pick<Landing, 'commit'>>, parentsOf: (commit: string) => readonly string[] | undefined,
  asBranchLeftIt: (merge: string, manifest: string) => boolean = () => true,
): C[] {
  const bySide = new Map<string, C[]>();
  for (const c of sides) {
    const merge = landed.get(c.commit)?.commit;
    if (merge !== undefined && merge !== c.commit) bySide.set(merge, [...(bySide.get(merge) ?? []), c]);
  }
  const out: C[] = [];
  for (const m of merges) {
    const side = bySide.get(m.commit) ?? [];
    const own: string[] = [];
    const last = new Map<C, string[]>();
    for (const f of m.files) {
      const changers = side.filter((c) => c.files.includes(f));
      if (changers.length === 0 || !asBranchLeftIt(m.commit, f)) {
        own.push(f);
        continue;
      }
      // What the commits that changed it come after, on the branch: changed again later.
      const earlier = new Set<string>();
      const stack = changers.flatMap((c) => [...(parentsOf(c.commit) ?? [])]);
      for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
        if (earlier.has(id) || id === m.commit || landed.get(id)?.commit !== m.commit) continue;
        earlier.add(id);
        stack.push(...(parentsOf(id) ?? []));
      }
      for (const c of changers) if (!earlier.has(c.commit) && !isFerryCommit(c.trailers)) last.set(c, [...(last.get(c) ?? []), f]);
    }
    for (const [c, files] of last) out.push({ ...c, files });
    if (own.length && !isFerryCommit(m.trailers)) out.push({ ...m, files: own });
  }
  return out;
}

/**
 * Of hand edits (handEditEvents(), newest first), those of the apps whose pin the commit changed,
 * where it changed a manifest several apps share: a hand edit of one app's pin is not an edit of
 * the others'. `pins[i]` is `edits[i]`'s manifest and the app's pin (its image; undefined: none
 * read) before and after the commit. A commit that changed none of the pins of a shared manifest
 * (another line of it) keeps an edit for every app that pins it, as ferry audit reports it; the
 * edit of a manifest one app pins is kept whatever it changed.
 */
export function pinChangedEdits(edits: readonly HistoryEvent[], pins: readonly { path: string; before: string | undefined; after: string | undefined }[]): HistoryEvent[] {
  const key = (i: number) => JSON.stringify([edits[i]!.commit, pins[i]!.path]);
  const changed = new Map<string, boolean>();
  const owners = new Map<string, number>();
  edits.forEach((_e, i) => {
    const k = key(i);
    owners.set(k, (owners.get(k) ?? 0) + 1);
    if (pins[i]!.before !== pins[i]!.after) changed.set(k, true);
  });
  return edits.filter((_e, i) => {
    const k = key(i);
    return owners.get(k)! < 2 || !changed.get(k) || pins[i]!.before !== pins[i]!.after;
  });
}

/**
 * Of hand edits (pinChangedEdits(), each with the pin it left), those no Ferry pin accounts for: an
 * edit a merge made itself (a manifest it has as none of its branches left it: mergedChanges())
 * whose pin for its app is one a Ferry commit the merge brought in pinned (`events`, after
 * landedEvents()) is that pin landing, which its row shows: git's own merge of a manifest both
 * sides changed (a pull request's bump, main's change of another line or another app's pin of it)
 * is no edit by hand. A merge that pinned something else (a conflict resolved by hand to another
 * image, an evil merge) stays an edit, with what its tree pins.
 */
export function editsBeyondLandedPins(edits: readonly HistoryEvent[], events: readonly HistoryEvent[]): HistoryEvent[] {
  const key = (merge: string, e: HistoryEvent) => JSON.stringify([merge, e.env, e.app, e.image === undefined ? undefined : imageParts(e.image).digest ?? e.image]);
  const landed = new Set(events.flatMap((e) => (e.landedWith !== undefined && pinKey(e) !== undefined ? [key(e.landedWith, e)] : [])));
  return edits.filter((e) => e.landedWith !== undefined || e.image === undefined || !landed.has(key(e.commit, e)));
}

/**
 * `events` and `more`, both in the order `order` gives their commits (smaller first: newest landing
 * first, as branchHistoryEvents() orders), as one list in that order; `events` first within a
 * commit. (Dates are not relied on: commits of one second, or dates set back.)
 */
export function mergeInLogOrder(events: readonly HistoryEvent[], more: readonly HistoryEvent[], order: ReadonlyMap<string, number>): HistoryEvent[] {
  const at = (e: HistoryEvent) => order.get(e.commit) ?? Number.MAX_SAFE_INTEGER;
  const out: HistoryEvent[] = [];
  let j = 0;
  for (const e of events) {
    while (j < more.length && at(more[j]!) < at(e)) out.push(more[j++]!);
    out.push(e);
  }
  return [...out, ...more.slice(j)];
}

/**
 * An `--env` or `--app` named neither in today's ferry.yaml (`config`, undefined when it could not
 * be read) nor by any of the history's `events`: a problem each, listing the names there are.
 */
export function unknownFilterNames(filter: HistoryFilter, events: readonly HistoryEvent[], config: FerryConfig | undefined): Problem[] {
  const problems: Problem[] = [];
  const check = (field: 'env' | 'app', what: string, name: string | undefined, configured: readonly string[] | undefined) => {
    if (name === undefined) return;
    const recorded = events.map((e) => e[field]).filter((n): n is string => n !== undefined);
    if (configured?.includes(name) || recorded.includes(name)) return;
    const names = [...new Set([...(configured ?? []), ...recorded])];
    const list = `(${what === 'app' ? 'apps' : 'environments'}: ${names.join(', ') || 'none'})`;
    const where = config ? `${config.file} or its history ${list}` : `the history ${list}, and ${CONFIG_FILE}, which may name it, could not be read`;
    problems.push({ field, message: visible(`no ${what} ${quote(name)} in ${where}`) });
  };
  check('env', 'environment', filter.env, config?.environments.map((e) => e.name));
  check('app', 'app', filter.app, config?.apps.map((a) => a.name));
  return problems;
}

/** The warning of a history read without today's ferry.yaml, on one line: what was wrong with it. */
export function unreadConfigWarning(error: ConfigurationError): string {
  return visible(`could not read ${CONFIG_FILE}, the history is from the commits' trailers alone: ${error.problems.map(formatProblem).join('; ')}`);
}

/** An image as the table shows it: its tag (cut to TAG_WIDTH, as `ferry status` cuts it) and short digest; one without a digest whole. */
function version(image: string | undefined): string {
  if (!image) return '';
  const { tag, digest } = imageParts(image);
  return digest === undefined ? image : `${tag ? `${clip(tag, TAG_WIDTH)} ` : ''}(${shortDigest(digest)})`;
}

/** What an event did, as the ACTION column says it. */
export function actionText(e: HistoryEvent): string {
  if (e.rollbackEnv !== undefined) return `${e.action} (rollback in ${e.rollbackEnv})`;
  return e.action + (e.from ? ` from ${e.from}` : '');
}

/** Who, as the BY column says it: who asked for a Ferry commit, the author of a hand edit, by hand. */
export function byText(e: HistoryEvent): string {
  return e.requestedBy ?? (e.author !== undefined ? `${e.author}${e.byHand ? ' (by hand)' : ''}` : '');
}

/**
 * A table per environment (changes without one, like blocks, under "(repository)"), newest first;
 * the tables in the order of `environments` (ferry.yaml's), whatever changed last: one it does
 * not name (renamed or removed since, or ferry.yaml unread) after those, by name; "(repository)"
 * last. `filter` names what was asked for when there is nothing to show. The free text, the gates and
 * reasons (hundreds of characters: a reason, an analysis's verdicts), is the last column, unpadded
 * and whole (--json has it too): it sets the width of no column, and the commit comes before it.
 * BY is who asked for a Ferry commit, and the author of a hand edit marked `(by hand)`, as `ferry
 * status` shows it.
 */
export function formatHistory(events: readonly HistoryEvent[], filter: HistoryFilter = {}, environments: readonly string[] = []): string {
  const REPOSITORY = '(repository)';
  const byEnv = new Map<string, HistoryEvent[]>();
  for (const e of events) {
    const key = e.env ?? REPOSITORY;
    const list = byEnv.get(key);
    if (list) list.push(e);
    else byEnv.set(key, [e]);
  }
  // (Not the order of the latest change: a reader finds an environment where it always is.)
  const rank = (env: string) => (env === REPOSITORY ? [2, 0] : environments.includes(env) ? [0, environments.indexOf(env)] : [1, 0]);
  const groups = [...byEnv].sort(([x], [y]) => {
    const [rx, ry] = [rank(x), rank(y)];
    return rx[0]! - ry[0]! || rx[1]! - ry[1]! || (x < y ? -1 : x > y ? 1 : 0);
  });
  if (groups.length === 0) {
    const asked = [filter.app !== undefined && `for app ${filter.app}`, filter.env !== undefined && `in env ${filter.env}`].filter(Boolean).join(' ');
    return visible(`no Ferry commits${asked ? ` ${asked}` : ''}`);
  }
  const parts: string[] = [];
  for (const [env, list] of groups) {
    const rows = list.map((e) => [
      utc(e.date),
      actionText(e),
      e.app ?? '',
      version(e.image),
      e.previousImage ? version(e.previousImage) : '',
      byText(e),
      e.approvedBy.join(', '),
      e.commit.slice(0, 12),
      [e.gates, e.override && `override: ${e.override}`, e.reason && `reason: ${e.reason}`, e.blockedImage && `blocked: ${version(e.blockedImage)}`].filter(Boolean).join('; '),
    ]);
    // formatTable shows its cells with visible(); the environment's name is not in one.
    parts.push(`${visible(env)}\n${formatTable(['WHEN', 'ACTION', 'APP', 'IMAGE', 'BEFORE', 'BY', 'APPROVED BY', 'COMMIT', 'GATES / REASON'], rows)}`);
  }
  return parts.join('\n\n');
}
