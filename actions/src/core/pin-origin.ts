// Where a promoted digest comes from: the Ferry bump that brought it into the first environment
// (its Ferry-Source-Revision, the commit of the app's repository, and who asked), followed back
// from the source environment's pin through the promotions (and rollbacks) that carried it, and
// the versions the bumped environment ran between the target's digest and this one. Read from the
// history promote reads already (every Ferry pin, with its trailers), and from whether each pin's
// commit changed the app's manifest (ManifestChanges: one git for the apps of a plan): trailers
// alone, on a commit that changed nothing, pin nothing, and a pin of the manifest under the app's
// name before ferry.yaml renamed it is the app's.
import { imageParts } from './image-ref.js';
import type { PinEvent } from './history.js';
import type { TrailerValues } from './trailers.js';

/** The Ferry bump that brought a digest in. */
export interface PinOrigin {
  /** The environment it was bumped into (the first one, as a rule). */
  env: string;
  /** The app's name in the bump's trailers, where it is not the app's now (ferry.yaml renamed it since). */
  app?: string;
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
  /**
   * What the target pins now (what the promotion replaces) did not come from the source
   * environment: a bump there directly, a rollback there, a change without a Ferry pin (outOfBandPin()).
   */
  outOfBand?: OutOfBandPin;
}

/**
 * A target's pin that never passed through the source environment (an out-of-band hotfix): the
 * Ferry pin that put it there (a bump there directly, a rollback to it, a promotion from another
 * environment), or none (`action` absent: a change by hand, or another tool's). A note, not a gate.
 */
export interface OutOfBandPin {
  /** The target environment. */
  env: string;
  /** The Ferry-Action of the pin that put it there; absent where no Ferry pin did. */
  action?: string;
  commit?: string;
  /** When it landed, ISO 8601. */
  date?: string;
  /** Ferry-Requested-By. */
  by?: string;
  /** Ferry-Reason (a rollback's). */
  reason?: string;
  /** Ferry-From (a promotion from another environment than the source). */
  from?: string;
  /** No Ferry pin put it there: the last Ferry pin there, of another image. */
  after?: { image: string; commit: string; date: string };
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
  /** Ferry-Reason (a rollback's, an override's). */
  reason?: string;
}

/** The pins of a log with the trailers pinOrigin() reads (`pins` and their commits' trailers, by commit). */
export function originPins(pins: readonly PinEvent[], trailersOf: (commit: string) => TrailerValues | undefined): OriginPin[] {
  return pins.map((pin) => {
    const t = trailersOf(pin.commit);
    const one = (key: string) => t?.get(key)?.[0];
    const [from, requestedBy, sourceRevision, run, reason] = [one('Ferry-From'), one('Ferry-Requested-By'), one('Ferry-Source-Revision'), one('Ferry-Run'), one('Ferry-Reason')];
    return {
      ...pin, ...(from !== undefined ? { from } : {}), ...(requestedBy !== undefined ? { requestedBy } : {}), ...(sourceRevision !== undefined ? { sourceRevision } : {}), ...(run !== undefined ? { run } : {}),
      ...(reason !== undefined ? { reason } : {}),
    };
  });
}

/** What tells a pin that changed an app's manifest from trailers alone (ferry.yaml as it is now). */
export interface ManifestChanges {
  /** The app's manifest in `env`; undefined where it has none. */
  path(app: string, env: string): string | undefined;
  /** Whether `name` is among the apps (a pin under a name that is not: the app's before a rename, where it changed the app's manifest). */
  isApp(name: string): boolean;
  /** The app's image repository (`image:`): a pin under another name is the app's only if of it. */
  image(app: string): string | undefined;
  /** Of `asks`, those whose commit changed the path (against its first parent), as `${commit} ${path}`. */
  changed(asks: readonly { commit: string; path: string }[]): Promise<ReadonlySet<string>>;
}

/**
 * Where the digests of a plan's apps come from: prefetch() the apps first (one read of what their
 * pins' commits changed), then of() each; with `to` (the target) and `targetDigest`, whether what
 * the target pins came from `env` (outOfBandPin()).
 */
export interface ProvenanceReader {
  prefetch(apps: readonly string[]): void;
  of(where: { app: string; env: string; digest: string; start?: string; targetDigest?: string; to?: string }): Promise<Provenance>;
}

/**
 * Looks up provenance in `pins` (newest first, as they landed), each commit's trailers told by
 * `trailersOf`: the pins grouped by app once, and each app's read with its trailers when first
 * asked about, so that a plan reads the pins of the apps it promotes, not every pin each time.
 * With `manifests`, a pin counts only where its commit changed the app's manifest in that
 * environment (trailers alone pin nothing), and a pin of that manifest under a name no app has now
 * is the app's (a rename).
 */
export function provenanceOf(pins: readonly PinEvent[], trailersOf: (commit: string) => TrailerValues | undefined, manifests?: ManifestChanges): ProvenanceReader {
  let byApp: Map<string, PinEvent[]> | undefined;
  const group = () => {
    if (byApp) return byApp;
    byApp = new Map();
    for (const pin of pins) {
      const list = byApp.get(pin.app);
      if (list) list.push(pin);
      else byApp.set(pin.app, [pin]);
    }
    return byApp;
  };
  // The pins under names no app has now (with `manifests`): found once.
  let strays: PinEvent[] | undefined;
  // The pins that may be an app's, newest first: its own, and, with `manifests`, those of names no app has now, of its image.
  const candidates = (app: string): PinEvent[] => {
    const own = group().get(app) ?? [];
    if (!manifests) return own;
    strays ??= pins.filter((pin) => !manifests.isApp(pin.app));
    const image = manifests.image(app);
    const ofImage = (pin: PinEvent) => {
      const name = imageParts(pin.image).name;
      return image !== undefined && (name === image || name.endsWith(`/${image}`));
    };
    const others = strays.filter(ofImage);
    if (!others.length) return own;
    const mine = new Set([...own, ...others]);
    return pins.filter((pin) => mine.has(pin));
  };
  const lists = new Map<string, Promise<{ pins: OriginPin[]; untouched: OriginPin[] }>>();
  const read = (apps: readonly string[]) => {
    const asked = [...new Set(apps)].filter((app) => !lists.has(app));
    if (!asked.length) return;
    const each = asked.map((app) => ({ app, pins: candidates(app) }));
    const asks = manifests ? each.flatMap(({ app, pins: list }) => list.flatMap((pin) => {
      const path = manifests.path(app, pin.env);
      return path !== undefined ? [{ commit: pin.commit, path }] : [];
    })) : [];
    const changed = asks.length ? manifests!.changed(asks) : Promise.resolve(undefined);
    changed.catch(() => {}); // (awaited by of())
    for (const { app, pins: list } of each) {
      lists.set(app, changed.then((set) => {
        const kept: PinEvent[] = [];
        const untouched: PinEvent[] = [];
        for (const pin of list) {
          const path = manifests?.path(app, pin.env);
          const did = set === undefined || path === undefined ? undefined : set.has(`${pin.commit} ${path}`);
          if (pin.app === app) (did === false ? untouched : kept).push(pin);
          // (Under another name: the app's manifest changed by it, and no pin of the app's own name in that commit.)
          else if (did === true && !list.some((p) => p.app === app && p.commit === pin.commit && p.env === pin.env)) kept.push(pin);
        }
        return { pins: originPins(kept, trailersOf), untouched: originPins(untouched, trailersOf) };
      }));
    }
  };
  return {
    prefetch: read,
    async of(where) {
      read([where.app]);
      const { pins: list, untouched } = await lists.get(where.app)!;
      const found = pinOrigin(list, where, untouched, where.app);
      const outOfBand = where.to !== undefined && where.targetDigest !== undefined ? outOfBandPin(list, { from: where.env, to: where.to, digest: where.targetDigest }) : undefined;
      return outOfBand ? { ...found, outOfBand } : found;
    },
  };
}

/**
 * The provenance of `digest` pinned in `env` by the Ferry commit `start` (the pin that began the
 * source environment's run of it), among `pins`, one app's, newest first. From that pin back: a
 * promotion goes to the latest pin of the digest in the environment it came from, before it; a
 * rollback to the pin that had put it in place before; a bump is the origin. Then the versions
 * the bumped environment had between the target's digest (`targetDigest`) and this one.
 */
export function pinOrigin(pins: readonly OriginPin[], where: { env: string; digest: string; start?: string; targetDigest?: string }, untouched: readonly OriginPin[] = [], app?: string): Provenance {
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
      // A Ferry commit whose trailers name the digest there but that changed nothing of the manifest: said, not taken.
      const named = untouched.find((u) => u.env === there && digestOf(u) === where.digest);
      const alone = named ? `; ${named.commit.slice(0, 12)} names it there in its trailers alone (it did not change the manifest)` : '';
      return { ...found, originUnknown: `${pin.action === 'promote' ? `promoted from ${there}` : `rolled back to in ${there}`} by ${pin.commit.slice(0, 12)}, and no Ferry commit pinned it in ${there} before (put there by hand, by ferry init, or by a Ferry commit under another app name)${alone}` };
    }
    at = next;
  }
  const bump = pins[at]!;
  found.origin = {
    env: bump.env, ...(app !== undefined && bump.app !== app ? { app: bump.app } : {}), commit: bump.commit, date: bump.date,
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

/**
 * Whether the digest the target pins (`digest`, in `to`) never passed through the source (`from`),
 * among `pins`, one app's, newest first: no Ferry pin in `from` put it in place or replaced it
 * (was there before it). Then what put it in `to`: the latest Ferry pin there, where it pins that
 * digest (a bump there directly, a rollback to it; not a promotion from `from`), or none (a change
 * by hand, another tool's: after the last Ferry pin there, of another image). Undefined where it
 * came from `from`, or where the target's history tells nothing (no Ferry pin of the app in `to`:
 * a repository pinned by hand, as `ferry init`'s template is, or adopted with a history written
 * by hand or by other tools, whatever `from`'s Ferry history says).
 */
export function outOfBandPin(pins: readonly OriginPin[], where: { from: string; to: string; digest: string }): OutOfBandPin | undefined {
  const digestOf = (image: string | undefined) => (image === undefined ? undefined : imageParts(image).digest);
  if (pins.some((p) => p.env === where.from && (digestOf(p.image) === where.digest || digestOf(p.previousImage) === where.digest))) return undefined;
  const there = pins.find((p) => p.env === where.to);
  if (there && digestOf(there.image) === where.digest) {
    if (there.action === 'promote' && there.from === where.from) return undefined;
    return {
      env: where.to, action: there.action, commit: there.commit, date: there.date,
      ...(there.requestedBy !== undefined ? { by: there.requestedBy } : {}),
      ...(there.action === 'rollback' && there.reason !== undefined ? { reason: there.reason } : {}),
      ...(there.action === 'promote' && there.from !== undefined ? { from: there.from } : {}),
    };
  }
  // No Ferry pin of the app in the target: nothing is known of where its digest came from (a
  // repository adopted with history written by hand or by other tools, manifests moved since).
  if (!there) return undefined;
  return { env: where.to, after: { image: there.image, commit: there.commit, date: there.date } };
}
