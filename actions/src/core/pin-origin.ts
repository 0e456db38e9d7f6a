// Where a promoted digest comes from: the Ferry bump that brought it into the first environment
// (its Ferry-Source-Revision, the commit of the app's repository, and who asked), followed back
// from the source environment's pin through the promotions (and rollbacks) that carried it, and
// the versions the bumped environment ran between the target's digest and this one. Read from the
// history promote reads already (every Ferry pin, with its trailers): no git of its own.
import { imageParts } from './image-ref.js';
import type { PinEvent } from './history.js';
import type { TrailerValues } from './trailers.js';

/** The Ferry bump that brought a digest in. */
export interface PinOrigin {
  /** The environment it was bumped into (the first one, as a rule). */
  env: string;
  commit: string;
  /** When it landed, ISO 8601. */
  date: string;
  /** Ferry-Source-Revision: the commit of the app's repository the image was built from. */
  sourceRevision?: string;
  /** Ferry-Requested-By. */
  requestedBy?: string;
  /** Ferry-Run. */
  run?: string;
}

/** A version the bumped environment ran between the target's digest and the one promoted. */
export interface PassedPin {
  image: string;
  commit: string;
  date: string;
  /** Its Ferry-Action: `bump`, as a rule (a rollback there too). */
  action: string;
  sourceRevision?: string;
  requestedBy?: string;
}

/** What pinOrigin() tells of one promotion. */
export interface Provenance {
  /** Who asked for the source environment's pin (its Ferry-Requested-By). */
  sourceRequestedBy?: string;
  /** The source pin's Ferry-Action (`bump`, `promote`, `rollback`). */
  sourceAction?: string;
  origin?: PinOrigin;
  /** Why no bump is found behind it (a hand edit or the template's pin on the way). */
  originUnknown?: string;
  /** Oldest first, at most PASSED_MAX; only where the target's digest is found in that environment's history before. */
  passedThrough?: PassedPin[];
  /** How many more than passedThrough lists. */
  passedThroughMore?: number;
}

/** The most versions passedThrough lists (the count of the others is given). */
export const PASSED_MAX = 20;

/** The most of them a plan's text lists, the nearest (the CLI's plan, the job summary, the pull request); the others are counted. */
export const PASSED_SHOWN = 5;

/** A pin with the trailers of its commit that tell where it came from. */
export interface OriginPin extends PinEvent {
  /** Ferry-From (a promotion). */
  from?: string;
  requestedBy?: string;
  sourceRevision?: string;
  run?: string;
}

/** The pins of a log with the trailers pinOrigin() reads (`pins` and their commits' trailers, by commit). */
export function originPins(pins: readonly PinEvent[], trailersOf: (commit: string) => TrailerValues | undefined): OriginPin[] {
  return pins.map((pin) => {
    const t = trailersOf(pin.commit);
    const one = (key: string) => t?.get(key)?.[0];
    const [from, requestedBy, sourceRevision, run] = [one('Ferry-From'), one('Ferry-Requested-By'), one('Ferry-Source-Revision'), one('Ferry-Run')];
    return { ...pin, ...(from !== undefined ? { from } : {}), ...(requestedBy !== undefined ? { requestedBy } : {}), ...(sourceRevision !== undefined ? { sourceRevision } : {}), ...(run !== undefined ? { run } : {}) };
  });
}

/**
 * Looks up provenance in `pins` (newest first, as they landed), each commit's trailers told by
 * `trailersOf`: the pins grouped by app once, and each app's read with its trailers when first
 * asked about, so that a plan reads the pins of the apps it promotes, not every pin each time.
 */
export function provenanceOf(pins: readonly PinEvent[], trailersOf: (commit: string) => TrailerValues | undefined): (where: { app: string; env: string; digest: string; start?: string; targetDigest?: string }) => Provenance {
  let byApp: Map<string, PinEvent[]> | undefined;
  const origins = new Map<string, OriginPin[]>();
  return (where) => {
    if (!byApp) {
      byApp = new Map();
      for (const pin of pins) {
        const list = byApp.get(pin.app);
        if (list) list.push(pin);
        else byApp.set(pin.app, [pin]);
      }
    }
    let list = origins.get(where.app);
    if (!list) origins.set(where.app, (list = originPins(byApp.get(where.app) ?? [], trailersOf)));
    return pinOrigin(list, where);
  };
}

/**
 * The provenance of `digest` pinned in `env` by the Ferry commit `start` (the pin that began the
 * source environment's run of it), among `pins`, one app's, newest first. From that pin back: a
 * promotion goes to the latest pin of the digest in the environment it came from, before it; a
 * rollback to the pin that had put it in place before; a bump is the origin. Then the versions
 * the bumped environment had between the target's digest (`targetDigest`) and this one.
 */
export function pinOrigin(pins: readonly OriginPin[], where: { env: string; digest: string; start?: string; targetDigest?: string }): Provenance {
  const digestOf = (pin: OriginPin) => imageParts(pin.image).digest;
  let at = where.start === undefined ? -1 : pins.findIndex((p) => p.commit === where.start && p.env === where.env && digestOf(p) === where.digest);
  if (at < 0) return {};
  const first = pins[at]!;
  const found: Provenance = { ...(first.requestedBy !== undefined ? { sourceRequestedBy: first.requestedBy } : {}), sourceAction: first.action };
  // Earlier pins of the digest, newest first: where it was before (each step goes back in time: it ends).
  const before = (from: number, env: string) => {
    for (let j = from + 1; j < pins.length; j++) if (pins[j]!.env === env && digestOf(pins[j]!) === where.digest) return j;
    return -1;
  };
  for (;;) {
    const pin = pins[at]!;
    if (pin.action === 'bump') break;
    const next = pin.action === 'promote' && pin.from !== undefined ? before(at, pin.from) : pin.action === 'rollback' ? before(at, pin.env) : -2;
    if (next === -2) return { ...found, originUnknown: `${pin.commit.slice(0, 12)} pinned it in ${pin.env} (Ferry-Action: ${pin.action}${pin.action === 'promote' ? ', no Ferry-From' : ''}), which does not say where it came from` };
    if (next < 0) {
      const there = pin.action === 'promote' ? pin.from! : pin.env;
      return { ...found, originUnknown: `${pin.action === 'promote' ? `promoted from ${there}` : `rolled back to in ${there}`} by ${pin.commit.slice(0, 12)}, and no Ferry commit pinned it in ${there} before (put there by hand, or by ferry init)` };
    }
    at = next;
  }
  const bump = pins[at]!;
  found.origin = {
    env: bump.env, commit: bump.commit, date: bump.date,
    ...(bump.sourceRevision !== undefined ? { sourceRevision: bump.sourceRevision } : {}),
    ...(bump.requestedBy !== undefined ? { requestedBy: bump.requestedBy } : {}),
    ...(bump.run !== undefined ? { run: bump.run } : {}),
  };
  // The versions between: where the bumped environment last had the target's digest before this bump.
  if (where.targetDigest === undefined || where.targetDigest === where.digest) return found;
  let end = -1;
  for (let j = at + 1; j < pins.length; j++) {
    if (pins[j]!.env === bump.env && digestOf(pins[j]!) === where.targetDigest) {
      end = j;
      break;
    }
  }
  if (end < 0) return found;
  const passed: PassedPin[] = [];
  for (let j = end - 1; j > at; j--) {
    const pin = pins[j]!;
    const digest = digestOf(pin);
    if (pin.env !== bump.env || digest === where.digest || digest === where.targetDigest) continue;
    passed.push({
      image: pin.image, commit: pin.commit, date: pin.date, action: pin.action,
      ...(pin.sourceRevision !== undefined ? { sourceRevision: pin.sourceRevision } : {}),
      ...(pin.requestedBy !== undefined ? { requestedBy: pin.requestedBy } : {}),
    });
  }
  if (passed.length) {
    found.passedThrough = passed.slice(-PASSED_MAX);
    if (passed.length > PASSED_MAX) found.passedThroughMore = passed.length - PASSED_MAX;
  }
  return found;
}
