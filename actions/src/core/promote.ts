// ferry promote: copy the exact digests pinned in an environment to the next one, as one commit,
// after every gate of the target environment has a verdict. Gates fail closed (DESIGN.md): a gate
// that cannot decide is `error`, and only `pass` (or a recorded override with a reason) lets the
// promotion through.
import { createHash } from 'node:crypto';
import { fileDiff } from './file-diff.js';
import { distinctPeople, isAppLogin, isGitHubLogin, personKey } from './approvals.js';
import { RefusedError, findBlocked, readBlocklist, type BlockedDigest } from './blocklist.js';
import { findApp, findEnvironment, manifestPath, type AppConfig, type FerryConfig } from './config.js';
import { inFreeze, localTime } from './freeze-window.js';
import { readConfig } from './env-repo-config.js';
import { parseDuration, type SourceSince } from './soak.js';
import type { EnvRepoSnapshot, FileChange, Planned } from './env-repo-writer.js';
import { ConfigurationError, formatProblem, quote, type Problem } from './errors.js';
import { refusedPin, refusedSourcePin, undeployedPins } from './undeployed-pins.js';
import { pinImage, pinProblem, readPinnedImage, readPinnedImageAt, type PinEdit } from './image-pin.js';
import { DIGEST, describeImage, formatImageRef, imageParts, parseImageRef, shortDigest, type ImageRef } from './image-ref.js';
import { pinEvents } from './history.js';
import { SUBJECT_MAX, assertSingleLine, commitMessage, elidable, fitSubject, type SubjectPart, type Trailer, type TrailerValues } from './trailers.js';
import { configuredGateNames, measuredGateNames } from './measured-gates.js';
import type { MeasuredBasis } from './measured-basis.js';
import type { Provenance } from './pin-origin.js';
import { utc } from './table.js';

export const GATE_NAMES = ['soak', 'approvals', 'freeze', 'analysis', 'compare', 'blocked'] as const;
export type GateName = (typeof GATE_NAMES)[number];

export interface GateVerdict {
  gate: GateName;
  /** `inconclusive`: an analysis that could not tell (no data, NaN); like `error`, it does not pass. */
  verdict: 'pass' | 'fail' | 'inconclusive' | 'error';
  /** Why, with its numbers. */
  reason: string;
  /**
   * What the commit records instead where the reasons do not fit in Ferry-Gate (gateTrailer()):
   * the reason of a gate measured for several apps, bounded (every analysis template named, as
   * audit reads them). The reason keeps every app's numbers (the job summary, --json).
   */
  record?: string;
  /**
   * A measured gate (analysis, compare) not measured because another gate had already stopped the
   * promotion: its `error` says nothing of the versions (a workflow waiting for a soak is not to
   * take it for a gate that could not decide).
   */
  notRun?: true;
  /**
   * Soak, failed: each app short of the time, and when it will have run long enough (ISO 8601
   * UTC), youngest first; the others may be promoted by name meanwhile (stoppedAdvice()).
   */
  shortOfTime?: { app: string; passesAt: string }[];
}

export interface PromoteRequest {
  from: string;
  to: string;
  /** Apps to promote; empty with `all` for every app. */
  apps: string[];
  all: boolean;
  requestedBy?: string;
  approvedBy: string[];
  override?: { gate: string; reason: string };
  runUrl?: string;
  /**
   * The change is proposed in a pull request, not written to the branch: the pull request is how
   * the approvals are asked for, so an approvals gate not met yet (no self-approval) does not stop
   * it. Its verdict is recorded as it is; a merge of the proposal as it stands is an unapproved
   * promotion, which `ferry audit` reports. Promoting after the reviews records the reviewers.
   */
  proposal?: boolean;
  /**
   * The plan this promotion must be, from the start (`--expect`, the action's `expect`): each
   * `<app>@sha256:<digest>` it promotes, the source digest. In promote.yml the plan job shows the
   * plan and its reviewers approve it; the promote job, run after the approval, writes that plan
   * or nothing (PlanChangedError). Empty or absent: no plan given.
   */
  expect?: readonly string[];
}

/**
 * One app a promotion changes. Where the digest comes from (Provenance): who asked for the source
 * environment's pin, the bump behind it (its source revision and requester), and the versions the
 * bumped environment ran between the target's digest and this one.
 */
export interface AppPromotion extends Provenance {
  app: string;
  image: string;
  digest: string;
  previousImage: string;
  manifest: string;
  /** Since when the source environment has run this digest without a break (the Ferry pin that began the run, and when it landed). */
  sourceCommit?: string;
  sourceDate?: string;
  /** Why that cannot be told (the soak gate is then an error). */
  sourceUnknown?: string;
  diff: string;
  /** The digest is blocked (an app named with --app: the blocked gate fails, the promotion stops). */
  blocked?: BlockNote;
  /**
   * A rollback in the target environment moved away from this digest, and no commit pinned it
   * there again since: this promotion brings it back. A note for the reader, not a gate.
   */
  rolledBack?: RollbackNote;
  // (And Provenance's outOfBand: what the target pins, which this promotion replaces, never passed through the source. A note, not a gate.)
}

/** The rollback (a Ferry commit in the target environment) that moved away from a digest: where, when, who and why. */
export interface RollbackNote {
  env: string;
  commit: string;
  /** Committer date, ISO 8601 as git gives it. */
  date: string;
  /** Ferry-Requested-By. */
  by?: string;
  /** Ferry-Reason. */
  reason?: string;
}

/** The rollback that moved the target environment away from an app's digest, if one did and nothing pinned it there since. */
export type TargetRollbacks = (app: string, digest: string) => Promise<RollbackNote | undefined>;

/**
 * Which digests rollbacks in `env` moved away from, from the commits that changed its manifests
 * (newest first, with their Ferry trailers): for each app and digest, the newest Ferry commit that
 * pinned it there or rolled back from it decides. A rollback from it gives its note; a pin of it
 * (a promotion, bump or rollback to it) since says it was put back on purpose: no note. A rollback
 * `--to` an image newer there than the one it replaced went forward, from nothing rolled back.
 */
export function targetRollbacks(changes: readonly { commit: string; date: string; trailers: TrailerValues }[], env: string): (app: string, digest: string) => RollbackNote | undefined {
  const keyOf = (app: string, image: string | undefined) => {
    const digest = image === undefined ? undefined : imageParts(image).digest;
    return digest === undefined ? undefined : `${app}\0${digest}`;
  };
  const pins = changes.flatMap((entry) => pinEvents([entry]).filter((pin) => pin.env === env).map((pin) => ({ entry, pin })));
  // When each image was first in place there, oldest first (the image a pin replaced was in place
  // just before it), and where each pin put its image: a rollback goes back when the image it put
  // in place was there before the one it replaced (as rollback's own count has it); a rollback
  // --to a newer image goes forward, and moves away from nothing.
  const first = new Map<string, number>();
  const placed = new Map<object, number>();
  for (let i = pins.length - 1, at = 0; i >= 0; i--, at += 2) {
    const { pin } = pins[i]!;
    const before = keyOf(pin.app, pin.previousImage);
    const after = keyOf(pin.app, pin.image);
    if (before !== undefined && !first.has(before)) first.set(before, at);
    if (after !== undefined && !first.has(after)) first.set(after, at + 1);
    placed.set(pin, at + 1);
  }
  const goesBack = (pin: (typeof pins)[number]['pin']): boolean => {
    const to = first.get(keyOf(pin.app, pin.image) ?? '');
    const from = first.get(keyOf(pin.app, pin.previousImage) ?? '');
    // (Not in place before it, or what it replaced unknown: taken as a move back, as before.)
    return to === undefined || to >= placed.get(pin)! || from === undefined || to < from;
  };
  const decided = new Map<string, RollbackNote | null>();
  const decide = (app: string, image: string | undefined, note: RollbackNote | null) => {
    const key = keyOf(app, image);
    if (key !== undefined && !decided.has(key)) decided.set(key, note);
  };
  for (const { entry, pin } of pins) {
    decide(pin.app, pin.image, null);
    if (pin.action !== 'rollback' || !goesBack(pin)) continue;
    const by = entry.trailers.get('Ferry-Requested-By')?.[0];
    const reason = entry.trailers.get('Ferry-Reason')?.[0];
    decide(pin.app, pin.previousImage, { env, commit: entry.commit, date: entry.date, ...(by !== undefined ? { by } : {}), ...(reason !== undefined ? { reason } : {}) });
  }
  return (app, digest) => decided.get(`${app}\0${digest}`) ?? undefined;
}

/** The blocked.yaml entry that blocks a digest: the app it was blocked for (a block covers every app), who, when and why. */
export interface BlockNote {
  app: string;
  reason: string;
  by?: string;
  /** ISO 8601. */
  at?: string;
}

/**
 * An app that `--all` leaves out (`kind`): the digest its source environment pins is blocked
 * (`blocked`), the pin it would write in the target is never deployed (`undeployed`: validate's
 * problem, at the entry's file and line), or its pin in the source is never deployed
 * (`source-undeployed`: the source never ran that digest). The others are promoted if their gates
 * pass; this one stays as it is in the target until its source pins another digest or the block
 * is lifted, or the target's (the source's) overlay is mended.
 */
export type LeftOutApp = BlockedLeftOut | UndeployedLeftOut | SourceUndeployedLeftOut;

/** What an app left out would have been promoted from and to. */
interface LeftOutPins {
  app: string;
  /** What the source environment pins. */
  image: string;
  digest: string;
  /** What the target pins, which stays. */
  previousImage: string;
}

/** Left out: the digest the source pins is blocked. */
export interface BlockedLeftOut extends LeftOutPins {
  kind: 'blocked';
  blocked: BlockNote;
}

/** Left out: the target's pin would never be deployed (its images: entry matches no image its kustomization builds). */
export interface UndeployedLeftOut extends LeftOutPins {
  kind: 'undeployed';
  /** validate's problem: the entry's file, line and field, and what its kustomization builds. */
  problem: Problem;
}

/** Left out: the source's pin is never deployed (its images: entry matches no image its kustomization builds): the source never ran that digest. */
export interface SourceUndeployedLeftOut extends LeftOutPins {
  kind: 'source-undeployed';
  /** validate's problem, at the source's entry. */
  problem: Problem;
}

/**
 * `--all` with a plan given (`expect`): an app that would change and is not in the plan given (its
 * pin, or the target's, changed after it, its block was lifted, or the plan was of other apps: a
 * plan given names no head, so which cannot be told). Not promoted: a new run plans it, to be
 * shown and approved.
 */
export interface HeldBackApp {
  app: string;
  /** What the source environment pins. */
  image: string;
  digest: string;
  /** What the target pins, which stays. */
  previousImage: string;
  /** The Ferry pin that began the source's run of it (as AppPromotion has it). */
  sourceCommit?: string;
  sourceDate?: string;
  sourceUnknown?: string;
  sourceRequestedBy?: string;
}

/** An app asked for whose target already pins what the source does: nothing to change. */
export interface UnchangedApp {
  app: string;
  image: string;
}

export interface PromoteResult {
  from: string;
  to: string;
  promotions: AppPromotion[];
  /**
   * The files the promotion writes, each once with its diff from the head to the commit: the
   * change as a whole (apps pinned in one manifest: one diff with all their edits; each
   * promotion's diff is its own edit, on the text the apps before it in that file left).
   */
  files?: FileDiff[];
  /** The apps asked for that the target already pins as the source does (none: not listed). */
  unchanged?: UnchangedApp[];
  /** `--all`: the apps left out, the digest their source pins blocked, their pin in the target never deployed, or their pin in the source never deployed (none: not listed). */
  leftOut?: LeftOutApp[];
  /** `--all` with a plan given (`expect`): the apps that would change, not in the plan given, not promoted (none: not listed). */
  heldBack?: HeldBackApp[];
  gates: GateVerdict[];
  /** When the gates of time judged the plan (the source's ages are measured at it): ISO 8601 UTC. */
  judgedAt?: string;
  /**
   * The plan as `expect` takes it, binding what the target pins too:
   * `<app>@<target digest>..<source digest>,…` (`none` for a target pinned without one).
   */
  expect?: string;
  /** A gate that is not pass, overridden with a reason. */
  override?: { gate: string; reason: string };
  /** Proposed in a pull request whose reviews are the approvals still missing. */
  awaitingApproval?: boolean;
  /** Who asked (Ferry-Requested-By). */
  requestedBy?: string;
  /** Who approved, as the commit records them (Ferry-Approved-By: people other than the requester); absent for none. */
  approvedBy?: string[];
}

/** What to tell of an override given for a gate that passed (none of it is recorded); undefined when it overrode one. */
export function unusedOverride(result: Pick<PromoteResult, 'gates' | 'override'>, override: { gate: string } | undefined): string | undefined {
  if (!override || result.override || !result.gates.some((g) => g.gate === override.gate && g.verdict === 'pass')) return undefined;
  return `the ${override.gate} gate passed: its override is not recorded (an override is for a gate that does not pass)`;
}

/** One file a change writes, and its diff (fileDiff()) from the head to the commit. */
export interface FileDiff {
  path: string;
  diff: string;
}

/** A promotion stopped by its gates: the plan and every verdict, for the reader. */
export class GateError extends Error {
  constructor(readonly result: PromoteResult) {
    super(`promotion to ${quote(result.to)} stopped by gates: ${result.gates.filter((g) => g.verdict !== 'pass').map((g) => `${g.gate}=${g.verdict} (${g.reason})`).join('; ')}; nothing written (${stoppedAdvice(result)})`);
    this.name = 'GateError';
  }
}

/**
 * What to do about a stopped promotion. A blocked digest cannot be overridden: the app whose
 * digest is blocked is left out (the others named with --app, or --all, which leaves it out), or
 * unblocked; another gate takes an override with a reason. Soak says when it passes for each app
 * short of the time; when soak alone stops it, the others may be promoted by name meanwhile.
 */
export function stoppedAdvice(result: Pick<PromoteResult, 'promotions'> & Partial<Pick<PromoteResult, 'gates' | 'override'>>): string {
  const blocked = result.promotions.filter((p) => p.blocked).map((p) => p.app);
  if (!blocked.length) {
    const override = '--override <gate> --reason <text> records an exception';
    const stopping = (result.gates ?? []).filter((g) => g.verdict !== 'pass' && g.gate !== result.override?.gate);
    const short = stopping.find((g) => g.gate === 'soak' && g.verdict === 'fail')?.shortOfTime ?? [];
    if (!short.length) return override;
    const passes = result.promotions.length === 1
      ? `soak passes at ${utc(short[0]!.passesAt)}`
      : `soak passes for ${short.map((s) => `${s.app} at ${utc(s.passesAt)}`).join(', ')}`;
    const others = result.promotions.filter((p) => !short.some((s) => s.app === p.app)).map((p) => `--app ${p.app}`);
    return others.length && stopping.length === 1 ? `${passes}; promote the others by name now (${others.join(' ')}), or ${override}` : `${passes}; ${override}`;
  }
  const others = result.promotions.filter((p) => !p.blocked).map((p) => `--app ${p.app}`);
  const leave = `leave ${blocked.join(', ')} out${others.length ? ` and promote the others by name (${others.join(' ')})` : ''}`;
  return `a blocked digest cannot be overridden: ${leave}, or \`ferry unblock\` it first`;
}

/** Whether `name` is the requester's (GitHub logins ignore case). */
function isRequester(req: PromoteRequest, name: string): boolean {
  return req.requestedBy !== undefined && personKey(name) === personKey(req.requestedBy);
}

/**
 * Whether a gate's verdict only waits for the approvals a proposal's pull request asks for
 * (PromoteRequest.proposal): the approvals gate failing for want of approvers, in a proposal, and
 * the requester not among the approvers (a requester's own approval stops the promotion). Such a
 * verdict stops nothing, and is no reason not to measure the other gates.
 */
export function awaitsApprovals(req: PromoteRequest, gate: GateVerdict): boolean {
  return req.proposal === true && gate.gate === 'approvals' && gate.verdict === 'fail' && !req.approvedBy.some((a) => isRequester(req, a));
}

export function checkPromoteRequest(req: PromoteRequest): void {
  if (req.all === (req.apps.length > 0)) throw new ConfigurationError({ field: 'app', message: req.all ? 'give --app or --all, not both' : 'give --app <app> (one or more) or --all' });
  const twice = req.apps.find((app, i) => req.apps.indexOf(app) !== i);
  if (twice !== undefined) throw new ConfigurationError({ field: 'app', message: `${quote(twice)} is given more than once` });
  if (req.requestedBy !== undefined) assertSingleLine(req.requestedBy, 'requested-by', 200);
  req.approvedBy.forEach((a) => assertSingleLine(a, 'approved-by', 200));
  // People are GitHub logins, as the approvals read from GitHub are: `@alice`, `[x](https://…)`
  // or a look-alike in another script is no one's login, and cannot be counted or recorded.
  for (const [field, name] of [['requested-by', req.requestedBy], ...req.approvedBy.map((a) => ['approved-by', a])] as const) {
    if (name !== undefined && !isGitHubLogin(name)) throw new ConfigurationError({ field, message: `expected a GitHub login (letters, digits and hyphens, at most 39; an app as name[bot]), found ${quote(name)}` });
  }
  const app = req.approvedBy.find(isAppLogin);
  if (app !== undefined) throw new ConfigurationError({ field: 'approved-by', message: `${quote(app)} is a GitHub App, not a person: the approvals gate counts people other than the requester` });
  if (req.override) {
    const overridable = GATE_NAMES.filter((g) => g !== 'blocked');
    if (req.override.gate === 'blocked') throw new ConfigurationError({ field: 'override', message: 'a blocked digest cannot be overridden: leave its app out (--all leaves it out; or name the others with --app), or `ferry unblock` it first (a change of its own, reviewed and audited like any other)' });
    if (!(overridable as readonly string[]).includes(req.override.gate)) throw new ConfigurationError({ field: 'override', message: `expected one of ${overridable.join(', ')}, found ${quote(req.override.gate)}` });
    assertSingleLine(req.override.reason, 'reason', 500);
  }
  if (req.runUrl !== undefined) assertSingleLine(req.runUrl, 'run-url', 500);
  expectedApps(req.expect ?? []);
}

/** One `<app>@sha256:<digest>` of a plan given with `expect`, or `<app>@<the target's pin>..sha256:<digest>`. */
const EXPECTED_ITEM = /^([^@\s]+)@(?:(sha256:[0-9a-f]{64}|none|ref-sha256:[0-9a-f]{64})\.\.)?(sha256:[0-9a-f]{64})$/;

/** What the target pins in a plan's `expect` item when it pins nothing. */
const NO_DIGEST = 'none';

/** A target pin without a sha256 digest (a tag alone, a sha512 digest) bound in a plan's `expect`: the sha256 of its reference as the file holds it. */
const REF_HASH = 'ref-sha256:';

/**
 * The plan given with `expect`: `<app>@sha256:<64 hex>` each, an app once, the source digest; or
 * `<app>@<the target's pin>..sha256:<64 hex>`, binding what the target pins too (targetBinding():
 * its sha256 digest, `ref-sha256:<64 hex>` for a reference without one, `none` for nothing), as a
 * plan's `expect` (planExpect()) gives it. The promote action's `plan` output is the first form.
 */
export function expectedApps(items: readonly string[]): ExpectedApp[] {
  const apps: ExpectedApp[] = [];
  for (const item of items) {
    const match = EXPECTED_ITEM.exec(item);
    if (!match) throw new ConfigurationError({ field: 'expect', message: `expected <app>@${DIGEST} (or <app>@<the target's digest, ref-sha256:<64 hex>, or none>..${DIGEST}), found ${quote(item, 300)}` });
    const [, app, target, digest] = match as unknown as [string, string, string | undefined, string];
    if (apps.some((a) => a.app === app)) throw new ConfigurationError({ field: 'expect', message: `${quote(app)} is given more than once` });
    apps.push({ app, image: digest, digest, ...(target !== undefined ? { target } : {}) });
  }
  return apps;
}

/**
 * The `expect` that binds a plan: each app promoted as `<app>@<the target's pin>..<source digest>`
 * (targetBinding()). Undefined when nothing is promoted.
 */
export function planExpect(promotions: readonly Pick<AppPromotion, 'app' | 'digest' | 'previousImage'>[]): string | undefined {
  if (!promotions.length) return undefined;
  return promotions.map((p) => `${p.app}@${targetBinding(p.previousImage)}..${p.digest}`).join(',');
}

/**
 * What a plan binds of the target's pin (as the file holds it): its sha256 digest (another tag of
 * the same digest is the same image); for a reference without one (a tag alone, a sha512 digest),
 * the sha256 of the reference whole (`ref-sha256:…`: any change of it is another pin); `none` for nothing pinned.
 */
export function targetBinding(previousImage: string): string {
  if (!previousImage) return NO_DIGEST;
  return targetDigest(previousImage) || `${REF_HASH}${createHash('sha256').update(previousImage, 'utf8').digest('hex')}`;
}

/** A target's pin as bound in a plan given (targetBinding()), in words. */
function describeBinding(target: string): string {
  if (target === NO_DIGEST) return 'nothing';
  if (target.startsWith(REF_HASH)) return `the reference the plan read (${target.slice(0, REF_HASH.length + 12)}, no sha256 digest)`;
  return describePinned(target);
}

/** The digest a target's pin (as the file holds it) has, for binding a plan: '' for none (or one that is not sha256). */
function targetDigest(previousImage: string): string {
  const digest = imageParts(previousImage).digest;
  return digest !== undefined && /^sha256:[0-9a-f]{64}$/.test(digest) ? digest : '';
}

/** How far after now a pin may be dated and still be taken as made now (the clocks of two machines). */
const CLOCK_SKEW_MS = 5 * 60_000;

const UNITS = [['d', 86_400], ['h', 3600], ['m', 60], ['s', 1]] as const;

/**
 * `2h14m`, `3d4h`, `45s`: the two largest units, and every smaller one down to `finest` (in seconds:
 * 60 for minutes), each truncated. A soak's age is shown down to its need's finest unit (finestUnit()),
 * so that what is shown never contradicts the verdict: `1h30m45s>=1h30m30s`, not `1h30m>=1h30m30s`.
 */
export function formatDuration(ms: number, finest = 86_400): string {
  let s = Math.max(0, Math.floor(ms / 1000));
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const n = Math.floor(s / size);
    s %= size;
    if (n && (parts.length < 2 || size >= finest)) parts.push(`${n}${unit}`);
  }
  return parts.length ? parts.join('') : '0s';
}

/** The finest unit (in seconds) of a duration of `ms`: 1 for `1h30m30s`, 60 for `30m` or `90m`, 3600 for `2h`. */
function finestUnit(ms: number): number {
  const s = Math.floor(ms / 1000);
  return s % 60 ? 1 : s % 3600 ? 60 : s % 86_400 ? 3600 : 86_400;
}

export { parseDuration } from './soak.js';

/**
 * Verdicts of the gates that query the running version (analysis, compare), run by the caller
 * before the write: they take minutes, and a retried write must not run them again. `keys` are
 * the `app@digest` they judged; a plan that promotes anything else cannot use them.
 */
export interface MeasuredGates {
  verdicts: GateVerdict[];
  keys: string[];
  /**
   * What else they were measured on (measuredBasis()): the caller gives it, and checks a plan
   * made again against it (a retry whose templates, Prometheus or versions differ cannot use them).
   */
  basis?: MeasuredBasis;
}

/** `defer`: plan without the measured gates (to learn what would be promoted before measuring it). */
export type Measured = MeasuredGates | 'defer' | undefined;

/**
 * Since when the source environment has run `digest` for `app`, whose manifest there is `path`
 * (the caller reads the history: soak.ts).
 */
export interface SourceHistory {
  (app: AppConfig, path: string, digest: string): Promise<SourceSince>;
  /**
   * Told, before the first call of a plan, of every app it will ask about: their histories can be
   * read together, in rounds, not app after app. A read-ahead: what it could not read is read, and
   * fails, in the call that needs it.
   */
  prefetch?(asks: readonly SourceAsk[]): Promise<void>;
  /**
   * Where the digest the source pins by the Ferry commit `start` comes from (pin-origin.ts), and
   * what the bumped environment ran between the target's digest and it: from the history read.
   * With `to`, whether the target's digest came from the source at all (Provenance.outOfBand;
   * told without `start` too).
   */
  provenance?(where: { app: string; env: string; digest: string; start?: string; targetDigest?: string; to?: string }): Promise<Provenance>;
}

/** One app a plan asks SourceHistory about. */
export interface SourceAsk {
  app: AppConfig;
  path: string;
  digest: string;
}

/** Whether the target environment has gates that query Prometheus. */
export function hasMeasuredGates(config: FerryConfig, to: string): boolean {
  return measuredGateNames(findEnvironment(config, to, 'to').gates).length > 0;
}

export function promotionKeys(promotions: readonly AppPromotion[]): string[] {
  return promotions.map((p) => `${p.app}@${p.digest}`).sort();
}

/**
 * What a plan promotes of one app: what a retry on a new head must find again to write it (the
 * approvals, the override and the analysis were given for that plan, not for another).
 */
export interface PlannedApp {
  app: string;
  /** The source's image (its digest is what counts). */
  image: string;
  digest: string;
  /** What the target pinned ('' for nothing). */
  previousImage: string;
}

/**
 * An app of a plan given with `expect`: its source digest (`image` is the digest alone), and with
 * `target`, what the target pinned (targetBinding()); without it, what the target pins is not bound.
 */
export interface ExpectedApp {
  app: string;
  image: string;
  digest: string;
  previousImage?: undefined;
  target?: string;
}

export function plannedApps(promotions: readonly AppPromotion[]): PlannedApp[] {
  return promotions.map(({ app, image, digest, previousImage }) => ({ app, image, digest, previousImage }));
}

/** An image in a sentence: `1.2.0 (sha256:1a2b3c4d5e6f)`; `(none)` for nothing; a digest alone (a plan given with `expect`) short. */
function describePinned(image: string): string {
  if (!image) return '(none)';
  if (/^sha256:[0-9a-f]{64}$/.test(image)) return shortDigest(image);
  const { tag, digest } = imageParts(image);
  return digest ? describeImage({ ...(tag !== undefined ? { tag } : {}), digest }) : quote(image, 200);
}

/**
 * How a plan made again differs from the plan made first, app by app, old → new: the apps it
 * promotes, each one's source digest and what the target pinned. Empty when they are the same.
 * A plan given with `expect` (ExpectedApp) was never read from the source: its digest is said as
 * expected, beside what the source pins.
 */
export function planChanges(planned: readonly (PlannedApp | ExpectedApp)[], now: Pick<PromoteResult, 'from' | 'to' | 'promotions' | 'unchanged' | 'leftOut'>): string[] {
  return planChangeList(planned, now).map((c) => c.text);
}

/** One change planChanges() says, with the app and the manifest (source or target) it is of. */
interface PlanChange {
  app: string;
  /** Whose manifest's pin changed (undefined: something else, as ferry.yaml or blocked.yaml). */
  manifest?: 'source' | 'target';
  text: string;
}

function planChangeList(planned: readonly (PlannedApp | ExpectedApp)[], now: Pick<PromoteResult, 'from' | 'to' | 'promotions' | 'unchanged' | 'leftOut'>): PlanChange[] {
  const changes: PlanChange[] = [];
  const push = (app: string, manifest: PlanChange['manifest'], text: string) => changes.push({ app, ...(manifest ? { manifest } : {}), text });
  const source = (p: PlannedApp | ExpectedApp, is: string) => (p.previousImage === undefined
    ? `${p.app}: expected ${describePinned(p.image)} (--expect), ${now.from} pins ${describePinned(is)}`
    : `${p.app}: ${now.from} pinned ${describePinned(p.image)} when planned, now ${describePinned(is)}`);
  const target = (app: string, was: string, is: string) => `${app}: ${now.to} pinned ${describePinned(was)} when planned, now ${describePinned(is)}`;
  for (const p of planned) {
    const promoted = now.promotions.find((x) => x.app === p.app);
    const unchanged = now.unchanged?.find((x) => x.app === p.app);
    const left = now.leftOut?.find((x) => x.app === p.app);
    if (promoted) {
      if (promoted.digest !== p.digest) push(p.app, 'source', source(p, promoted.image));
      // What the target pins is judged by its digest: a tag changed alone (an image automation
      // bot rewrote it) is the same image deployed, and the commit records it as the file holds it
      // now. (The analysis args name tags: a plan with measured gates is held to its basis too.)
      if (p.previousImage !== undefined && promoted.previousImage !== p.previousImage && !sameDigest(p.previousImage, promoted.previousImage)) push(p.app, 'target', target(p.app, p.previousImage, promoted.previousImage));
      // A plan given with the target's digest (planExpect()) binds it as a plan made first does.
      if (p.previousImage === undefined && p.target !== undefined && targetBinding(promoted.previousImage) !== p.target) {
        push(p.app, 'target', `${p.app}: expected ${now.to} to pin ${describeBinding(p.target)} (--expect), ${now.to} pins ${describePinned(promoted.previousImage)}`);
      }
    } else if (unchanged) {
      // (The target pins what the source does.) The digest planned: another run promoted it
      // meanwhile, and that part of the plan is done. Another digest: the source changed.
      if (imageParts(unchanged.image).digest !== p.digest) {
        push(p.app, 'source', `${source(p, unchanged.image)}, which ${now.to} pins already: nothing to promote of it`);
      }
    } else if (left) {
      if (left.digest !== p.digest) push(p.app, 'source', source(p, left.image));
      push(p.app, undefined, left.kind === 'undeployed'
        ? `${p.app}: its pin in ${now.to} would never be deployed now (${formatProblem(left.problem)}): --all leaves it out`
        : left.kind === 'source-undeployed'
          ? `${p.app}: its pin in ${now.from} is never deployed now, ${now.from} never ran that digest (${formatProblem(left.problem)}): --all leaves it out`
          : `${p.app}: ${describePinned(left.image)} is ${blockedText(left.blocked)} now: --all leaves it out`);
    } else {
      push(p.app, undefined, `${p.app}: ${p.previousImage === undefined ? 'expected (--expect)' : 'planned'}, now not among the apps ${now.from} -> ${now.to} promotes`);
    }
  }
  for (const x of now.promotions) {
    if (!planned.some((p) => p.app === x.app)) push(x.app, undefined, `${x.app}: not in the plan, now ${now.to} would go from ${describePinned(x.previousImage)} to ${describePinned(x.image)}`);
  }
  return changes;
}

/** Whether two images (as manifests hold them) pin the same digest: both pinned by digest, the tags aside. */
function sameDigest(a: string, b: string): boolean {
  const digest = imageParts(a).digest;
  return digest !== undefined && digest === imageParts(b).digest;
}

/**
 * The images a plan made again pins where only the tag changed since the plan made first (the
 * same digest): in the source (what is promoted) or in the target (what it replaces). Not a
 * change of the plan (planChanges()); said where the analysis verdicts, whose args name the
 * tags, cannot be used (the command), with the commit that made it.
 */
export function tagOnlyChanges(planned: readonly PlannedApp[], now: Pick<PromoteResult, 'from' | 'to' | 'promotions'>): { app: string; env: string; manifest: 'source' | 'target'; text: string }[] {
  const found: { app: string; env: string; manifest: 'source' | 'target'; text: string }[] = [];
  for (const p of planned) {
    const x = now.promotions.find((y) => y.app === p.app);
    if (!x) continue;
    const only = (env: string, was: string, is: string) => `${p.app}: only the tag changed in ${env}: ${describePinned(was)} when planned, now ${describePinned(is)}`;
    if (x.image !== p.image && sameDigest(x.image, p.image)) found.push({ app: p.app, env: now.from, manifest: 'source', text: only(now.from, p.image, x.image) });
    if (x.previousImage !== p.previousImage && sameDigest(x.previousImage, p.previousImage)) found.push({ app: p.app, env: now.to, manifest: 'target', text: only(now.to, p.previousImage, x.previousImage) });
  }
  return found;
}

function blockedText(block: BlockNote): string {
  return `blocked for app ${quote(block.app)}${block.by ? ` by ${block.by}` : ''}${block.at ? ` at ${block.at}` : ''}: ${block.reason}`;
}

/** What was given or found for a plan, that a plan made again differs from: named in the refusal. */
function givenFor(req: PromoteRequest, measured: Measured): string {
  // (One approver is "the approval"; the analysis verdicts are the runs of its templates, however many.)
  const approvers = distinctPeople(req.approvedBy).length;
  const given: { what: string; many: boolean }[] = [
    ...(approvers ? [{ what: approvers > 1 ? 'the approvals' : 'the approval', many: approvers > 1 }] : []),
    ...(req.override ? [{ what: 'the override', many: false }] : []),
    ...(measured && measured !== 'defer' ? [{ what: 'the analysis verdicts', many: true }] : []),
  ];
  if (!given.length) return '';
  const named = given.map((g) => g.what);
  const were = given.length > 1 || given[0]!.many ? 'were' : 'was';
  return ` (${named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : named[0]} ${were} for the plan made first)`;
}

/** PlanChangedError's `since` for a plan given with `expect`: the plan shown, which its approvals were given for. */
export const EXPECTED = 'expected';

/**
 * A promotion whose plan, made again on a new head (another writer landed first), is not the plan
 * made first, or not the plan given with `expect` (`since`: EXPECTED): nothing is written. A new
 * run plans (and reads its approvals, measures) again. A refusal (`--json`'s error kind
 * `refused`), as a rollback whose pin moved is: the world did not fail, and a blind retry would
 * plan again, with the approvals and the override given for the plan made first.
 */
export class PlanChangedError extends RefusedError {
  constructor(req: PromoteRequest, changes: readonly string[], since: string, measured?: Measured) {
    super(since === EXPECTED
      ? `the promotion from ${req.from} to ${req.to} is not the plan expected (the plan shown, which its approvals were given for): ${changes.join('; ')}; nothing written. Look first (ferry status, ferry history); a new run plans again on what is there now, to be shown and approved`
      : `the promotion from ${req.from} to ${req.to} changed ${since}: ${changes.join('; ')}; nothing written${givenFor(req, measured)}. Look first (ferry status, ferry history); a new run plans again on what is there now`);
    // (Its name stays RefusedError's: the CLI tells the kinds of error apart by name.)
  }
}

/**
 * When the gates are judged: `now`, and `commit`, the date the commit will bear where it is fixed
 * (GIT_COMMITTER_DATE, as git reads it), which audit judges the promotion at. The gates of time
 * must pass at both: freeze outside every window at each, soak's age measured at the earlier.
 * Without `commit` (or at the same second), they are one instant and the reasons are as ever.
 */
export interface GateTime {
  now: Date;
  commit?: Date;
}

/** An instant as an ISO instant in UTC, to the second. */
function instant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The gates of the target environment, each with a verdict. `now` (a Date: the commit's date is now too) is injectable for tests. */
export function evaluateGates(config: FerryConfig, req: PromoteRequest, promotions: readonly AppPromotion[], blocked: readonly string[], time: Date | GateTime, measured?: Measured, leftOut = 0): GateVerdict[] {
  const now = time instanceof Date ? time : time.now;
  // The commit's date where it is another second than now.
  const dated = time instanceof Date || time.commit === undefined || Math.floor(time.commit.getTime() / 1000) === Math.floor(now.getTime() / 1000) ? undefined : time.commit;
  const gates = findEnvironment(config, req.to, 'to').gates ?? {};
  const verdicts: GateVerdict[] = [];
  // (Of what is promoted: the apps left out are listed apart, and are in no trailer.)
  verdicts.push(blocked.length
    ? { gate: 'blocked', verdict: 'fail', reason: `blocked: ${blocked.join(', ')}` }
    : { gate: 'blocked', verdict: 'pass', reason: leftOut ? 'no digest promoted is blocked' : 'no digest is blocked' });
  if (gates.soak !== undefined) {
    const need = parseDuration(gates.soak);
    // The age at the earlier instant: a commit dated before now claims less time run.
    const at = dated && dated.getTime() < now.getTime() ? dated : now;
    const measuredAt = !dated ? '' : at === dated ? ` at the commit's date ${instant(dated)}` : ` now ${instant(now)}, the commit dated later ${instant(dated)}`;
    const pinned = (p: AppPromotion) => Date.parse(p.sourceDate!);
    const ageOf = (p: AppPromotion) => ({ app: p.app, age: Math.max(0, at.getTime() - pinned(p)), since: pinned(p) });
    // Shown down to the need's finest unit: never `1h30m>=1h30m30s`.
    const age = (ms: number) => formatDuration(ms, finestUnit(need));
    const unknown = promotions.filter((p) => p.sourceDate === undefined);
    const unreadable = promotions.filter((p) => p.sourceDate !== undefined && Number.isNaN(pinned(p)));
    const several = promotions.length > 1;
    if (unknown.length) {
      const why = unknown.map((p) => `${several ? `${p.app}: ` : ''}${p.sourceUnknown ?? 'no Ferry pin put the digest there'}`).join('; ');
      verdicts.push({ gate: 'soak', verdict: 'error', reason: `cannot tell since when ${unknown.map((p) => p.app).join(', ')} ran in ${req.from}: ${why}` });
    } else if (unreadable.length) {
      // Fail closed: a date that cannot be read (past what a Date holds) is no age.
      const why = unreadable.map((p) => `${p.app} pinned by ${p.sourceCommit?.slice(0, 12) ?? 'a commit'} dated ${JSON.stringify(p.sourceDate)}, a date that cannot be read`).join('; ');
      verdicts.push({ gate: 'soak', verdict: 'error', reason: `cannot tell how long ${unreadable.map((p) => p.app).join(', ')} ran in ${req.from}: ${why}` });
    } else if (promotions.some((p) => pinned(p) - now.getTime() > CLOCK_SKEW_MS)) {
      // A pin dated after now: its date was set by hand (GIT_COMMITTER_DATE) or a clock is wrong.
      // The others short of the time are named too: an override of this error lets them through.
      const ahead = promotions.filter((p) => pinned(p) - now.getTime() > CLOCK_SKEW_MS);
      const short = promotions.filter((p) => !ahead.includes(p)).map(ageOf).filter((a) => a.age < need);
      // (How far ahead, rounded up to the second: 5m0.4s is `5m1s`, not `5m`, which reads as the limit.)
      const aheadBy = ahead.map((p) => `${p.app} pinned at ${p.sourceDate}, ${formatDuration(Math.ceil((pinned(p) - now.getTime()) / 1000) * 1000)} after now`).join('; ');
      verdicts.push({ gate: 'soak', verdict: 'error', reason: `cannot tell how long ${ahead.map((p) => p.app).join(', ')} ran in ${req.from}: ${aheadBy} (a commit date set by hand, or a clock that is wrong)${short.length ? `; short of the time: ${short.map((a) => `${age(a.age)}<${gates.soak} (${a.app})`).join(', ')}${measuredAt}` : ''}` });
    } else {
      // Youngest first: a pass names the youngest, a fail every app short of the time. (A pin
      // dated a little after now, by another machine's clock, has run for no time yet.)
      const ages = promotions.map(ageOf).sort((a, b) => a.age - b.age);
      const short = ages.filter((a) => a.age < need);
      const shown = (a: { app: string; age: number }, op: string) => `${age(a.age)}${op}${gates.soak}${several ? ` (${a.app})` : ''}`;
      // (When each will have run long enough: the others may be promoted by name meanwhile.)
      const shortOfTime = short.flatMap((a) => {
        // (Rounded up to the second: not a time at which it has not passed yet.)
        const passes = new Date(Math.ceil((a.since + need) / 1000) * 1000);
        return Number.isNaN(passes.getTime()) ? [] : [{ app: a.app, passesAt: instant(passes) }];
      });
      verdicts.push(short.length
        ? { gate: 'soak', verdict: 'fail', reason: `${short.map((a) => shown(a, '<')).join(', ')}${measuredAt}`, shortOfTime }
        : { gate: 'soak', verdict: 'pass', reason: `${shown(ages[0]!, '>=')}${measuredAt}` });
    }
  }
  if (gates.approvals !== undefined && gates.approvals > 0 && req.requestedBy === undefined) {
    // Without a requester, no approval can be told apart from the requester's own (fail closed).
    verdicts.push({ gate: 'approvals', verdict: 'error', reason: "no requester given, so no approval can be told apart from the requester's own: give --requested-by, as the actions do with the run's actor" });
  } else if (gates.approvals !== undefined && gates.approvals > 0) {
    const approvers = distinctPeople(req.approvedBy);
    const self = approvers.some((a) => isRequester(req, a));
    const counted = approvers.filter((a) => !isRequester(req, a));
    const ok = counted.length >= gates.approvals;
    verdicts.push({ gate: 'approvals', verdict: ok ? 'pass' : 'fail', reason: `${counted.length}/${gates.approvals}${self ? ", the requester's own approval does not count" : ''}` });
  }
  if (gates.freeze?.length) {
    // Outside every window now and at the commit's date: audit judges the commit at its date.
    const active = gates.freeze.find((w) => inFreeze(w, now));
    const activeDated = dated && gates.freeze.find((w) => inFreeze(w, dated));
    const windows = `${gates.freeze.length} freeze window${gates.freeze.length === 1 ? '' : 's'}`;
    verdicts.push(active
      ? { gate: 'freeze', verdict: 'fail', reason: `frozen ${active.from} to ${active.to} ${active.timezone}, now ${localTime(now, active.timezone).text}` }
      : activeDated
        ? { gate: 'freeze', verdict: 'fail', reason: `frozen ${activeDated.from} to ${activeDated.to} ${activeDated.timezone} at the commit's date ${instant(dated)}, ${localTime(dated, activeDated.timezone).text} there, though not now` }
        : { gate: 'freeze', verdict: 'pass', reason: dated ? `outside ${windows} now and at the commit's date ${instant(dated)}` : `outside ${windows}` });
  }
  if (measured === 'defer') return verdicts;
  for (const gate of measuredGateNames(gates)) {
    // Fail closed: a measured gate that was not measured (or measured for other digests) does not pass.
    const found = measured?.verdicts.find((v) => v.gate === gate);
    verdicts.push(found ?? { gate, verdict: 'error', reason: 'not measured: no analysis ran for this promotion' });
  }
  return verdicts;
}

/** The longest Ferry-Gate gateTrailer() writes, whatever the number of apps (a trailer's limit, as commitMessage() holds the others to). */
export const GATE_TRAILER_MAX = 1000;
/** The least a reason is cut to where the reasons do not fit, `…` included. */
const REASON_MIN = 24;

/**
 * The gates in one trailer line: `soak=pass(2h14m>=30m) approvals=pass(1/1)`, of at most
 * GATE_TRAILER_MAX characters however many apps the reasons name: past it, each gate's record
 * where it has one (the analysis gate's, of several apps: `16/16 runs Successful:
 * http-success-rate, http-latency-p95`), then the longest reasons cut to fit, evenly, with `…`.
 * The analysis gate's text is never cut: audit reads every template it names (its gate-missing
 * rule). The reasons in full stay in the result (the job summary, --json).
 */
export function gateTrailer(verdicts: readonly GateVerdict[]): string {
  const line = (reasons: readonly string[]) => verdicts.map((v, i) => `${v.gate}=${v.verdict}(${reasons[i]})`).join(' ');
  const clean = (text: string) => text.replace(/[()]/g, '');
  const full = line(verdicts.map((v) => clean(v.reason)));
  if (full.length <= GATE_TRAILER_MAX) return full;
  const reasons = verdicts.map((v) => clean(v.record ?? v.reason));
  const recorded = line(reasons);
  if (recorded.length <= GATE_TRAILER_MAX) return recorded;
  // The longest reasons cut to one length, the longest that fits (found by halving).
  const cuttable = verdicts.map((v) => v.gate !== 'analysis');
  const at = (cap: number) => reasons.map((r, i) => (cuttable[i] ? cutReason(r, cap) : r));
  let [low, high] = [REASON_MIN, Math.max(REASON_MIN, ...reasons.map((r) => r.length))];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (line(at(mid)).length <= GATE_TRAILER_MAX) low = mid;
    else high = mid - 1;
  }
  return line(at(low));
}

/** `text` in at most `cap` characters: whole when it fits, else cut after a word, with `…`. */
function cutReason(text: string, cap: number): string {
  if (text.length <= cap) return text;
  let head = text.slice(0, cap - 1);
  const word = head.replace(/[\s,;:]+[^\s,;:]*$/, '');
  if (word.length >= cap / 2) head = word;
  // (Not half a character: a surrogate pair cut in two.)
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  return `${head.trimEnd()}…`;
}

/**
 * Who changed a manifest last, in words (`changed by commit 06418155a39d of fluxcdbot, "Update
 * from image update automation"`), for a plan made again that differs: undefined when that cannot be told.
 */
export type ChangedBy = (path: string) => Promise<string | undefined>;

/**
 * Plans the promotion on one snapshot; throws GateError when a gate is not pass and not overridden.
 * With `measured: 'defer'` it never throws GateError and leaves the measured gates out: the caller
 * learns what would be promoted, measures it, and plans again with the verdicts. `rolledBack`
 * (from the target's history) notes a digest a rollback there moved away from: not a gate.
 * `planned` (a plan made again, on a new head): the apps the plan made first promotes; any
 * difference throws PlanChangedError, nothing written, each change with the commit that made it
 * (`changedBy`). A target whose pin changed its tag alone (the same digest) is no difference. Without it, the plan given with `expect`
 * (req.expect) binds the same way: its apps, each from its source digest.
 */
export async function planPromote(snapshot: EnvRepoSnapshot, req: PromoteRequest, since: SourceHistory, now: Date | GateTime, measured?: Measured, rolledBack?: TargetRollbacks, planned?: readonly PlannedApp[], changedBy?: ChangedBy): Promise<Planned<PromoteResult>> {
  checkPromoteRequest(req);
  const config = await readConfig(snapshot);
  findEnvironment(config, req.from, 'from');
  const target = findEnvironment(config, req.to, 'to');
  if (target.promoteFrom !== req.from) {
    // Where the source's images go, for the message: the environments promoted from it.
    const next = config.environments.filter((e) => e.promoteFrom === req.from).map((e) => quote(e.name));
    const instead = next.length ? `from ${quote(req.from)}, promote --to ${next.join(' or ')}` : `nothing is promoted from ${quote(req.from)}`;
    // The first environment is promoted into from nowhere: --to is what is wrong, whatever --from says.
    if (!target.promoteFrom) throw new ConfigurationError({ field: 'to', message: `${quote(req.to)} is the first environment: nothing is promoted into it (its images are pinned with ferry bump); ${instead}` });
    throw new ConfigurationError({ field: 'from', message: `${quote(req.to)} is promoted from ${quote(target.promoteFrom)}, not ${quote(req.from)}; ${instead}` });
  }
  const expected = expectedApps(req.expect ?? []);
  // --all with a plan given: the plan's apps (an app that reached the source since is for the next
  // run, which plans it to be shown and approved: it is said, as held back).
  const inPlan = (a: AppConfig) => expected.some((e) => e.app === a.name);
  const apps: AppConfig[] = req.all ? (expected.length ? config.apps.filter(inPlan) : config.apps) : req.apps.map((name) => findApp(config, name));
  const others: AppConfig[] = req.all && expected.length ? config.apps.filter((a) => !inPlan(a)) : [];
  for (const { app } of expected) {
    if (!config.apps.some((a) => a.name === app)) {
      try {
        findApp(config, app);
      } catch (error) {
        // (Its message, for the field that named the app.)
        if (error instanceof ConfigurationError) throw new ConfigurationError({ field: 'expect', message: error.problems[0]!.message });
        throw error;
      }
    }
    if (!apps.some((a) => a.name === app)) throw new ConfigurationError({ field: 'expect', message: `${quote(app)} is not among the apps asked for (${req.apps.join(', ')}): a plan of them never promotes it` });
  }
  const has = configuredGateNames(target.gates);
  if (req.override && !has.includes(req.override.gate)) {
    throw new ConfigurationError({ field: 'override', message: `${quote(req.to)} has no ${req.override.gate} gate to override (its gates: ${['blocked', ...has].join(', ')})` });
  }
  // A block covers a digest for every app (findBlocked): the same bytes are as bad under any name.
  const blocklist = await readBlocklist(snapshot);
  const promotions: AppPromotion[] = [];
  const unchanged: UnchangedApp[] = [];
  const leftOut: LeftOutApp[] = [];
  const heldBack: HeldBackApp[] = [];
  const files: FileChange[] = [];
  const written: FileDiff[] = [];
  const blocked: string[] = [];
  // Every manifest the loop reads, in one go (2,000 apps were 2,000 fetches, one after another).
  await snapshot.prefetch?.([...apps, ...others].flatMap((app) => [manifestPath(app, req.from), manifestPath(app, req.to)]));
  // First what each app's manifests say, up to the first app that cannot be planned (its error is
  // thrown where the second loop reaches it, after the apps before it, as one loop would); then the
  // source histories of the apps that change, read together, not app after app.
  const steps: AppStep[] = [];
  let failure: { error: unknown } | undefined;
  for (const app of apps) {
    try {
      steps.push(await appStep(snapshot, req, app, blocklist));
    } catch (error) {
      failure = { error };
      break;
    }
  }
  // The apps not in the plan given that would change now (--all): held back, said with their source
  // pin. (One that cannot be planned is not promoted either way: the next run says why.)
  const otherSteps: AppStep[] = [];
  if (!failure) {
    for (const app of others) {
      try {
        otherSteps.push(await appStep(snapshot, req, app, blocklist));
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
      }
    }
  }
  // A pin it would write that is never deployed (validate's problem: its images: entry matches no
  // image its kustomization builds; status marks it `!`): --all leaves that app out, as it leaves
  // out a blocked digest (one broken overlay does not hold back every other app); an app asked
  // for by name is refused, nothing written, and the others may be promoted by name. (Judged on
  // each app's own edit of the target's file: the entry's name and what it builds decide, not
  // what the apps beside it in a shared file pin.)
  // A source pin never deployed: the source never runs that digest, so its time there is no soak
  // of it, and nothing tells which image it did run. An app asked for by name is refused, as a
  // source pin not by digest is; --all leaves it out (kind source-undeployed), as it leaves out a
  // blocked digest: one app's debug Component in the source does not hold back every other app,
  // nor fail every scheduled auto-promote run. (Only for an app that would change; judged with
  // the target's pins, in the same reads: the files the source's kustomization names are read in
  // the same rounds.)
  const undeployed = new Map<AppStep, Problem>();
  const sourceUndeployed = new Map<AppStep, Problem>();
  const changing = failure ? [] : steps.filter((s) => s.edit.changed && !(s.entry && req.all));
  if (changing.length) {
    const problems = await undeployedPins(snapshot, [
      ...changing.map((s) => ({ app: s.app, file: s.targetPath, text: s.edit.text })),
      ...changing.map((s) => ({ app: s.app, file: s.sourcePath, text: s.sourceText })),
    ]);
    changing.forEach((s, i) => {
      if (problems[i]) undeployed.set(s, problems[i]);
      if (problems[changing.length + i]) sourceUndeployed.set(s, problems[changing.length + i]!);
    });
  }
  if (!req.all && (sourceUndeployed.size || undeployed.size)) {
    const refused = changing.filter((s) => sourceUndeployed.has(s) || undeployed.has(s));
    const others = changing.filter((s) => !sourceUndeployed.has(s) && !undeployed.has(s)).map((s) => `--app ${s.app.name}`);
    const names = refused.map((s) => s.app.name);
    const problems = refused.flatMap((s) => [
      ...(sourceUndeployed.has(s) ? [refusedSourcePin(sourceUndeployed.get(s)!, { app: s.app.name, from: req.from, to: req.to, image: describeImage(s.ref) })] : []),
      ...(undeployed.has(s) ? [refusedPin(undeployed.get(s)!)] : []),
    ]);
    // What else may be done meanwhile, said once, after the last problem.
    const leaves = `--all leaves ${names.length > 1 ? 'these' : 'it'} out`;
    const more = sourceUndeployed.size
      ? others.length ? `or promote the others by name (${others.join(' ')})` : `the other apps may be promoted by name (${leaves})`
      : `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} not promoted to ${req.to}: ${others.length
        ? `promote the others by name (${others.join(' ')})`
        : `the other apps may be promoted by name (${leaves})`}`;
    problems[problems.length - 1] = { ...problems.at(-1)!, message: `${problems.at(-1)!.message}; ${more}` };
    throw new ConfigurationError(problems);
  }
  const asks = [...steps, ...otherSteps].filter((s) => s.edit.changed && !(s.entry && req.all) && !undeployed.has(s) && !sourceUndeployed.has(s)).map((s) => ({ app: s.app, path: s.sourcePath, digest: s.ref.digest }));
  if (asks.length) await since.prefetch?.(asks);
  // Each file as the apps promoted so far leave it: apps pinned in one manifest (two images:
  // entries, two Helm paths) are edited in turn, each on the text the one before left, and the
  // commit writes the file once, with every edit. Each app's diff is its own edit of that text.
  const texts = new Map<string, string>();
  for (const step of steps) {
    const { app, sourcePath, targetPath, targetText, ref, edit, entry } = step;
    if (!edit.changed) {
      unchanged.push({ app: app.name, image: edit.previous.image });
      continue;
    }
    // --all leaves out an app whose source digest is blocked: one blocked app does not hold back
    // every other (the scheduled auto-promotion runs --all). An app asked for by name fails closed.
    if (entry && req.all) {
      leftOut.push({ app: app.name, image: formatImageRef(ref), digest: ref.digest, previousImage: edit.previous.image, kind: 'blocked', blocked: blockNote(entry) });
      continue;
    }
    // So does an app whose pin in the source is never deployed (the source never ran that digest),
    // or whose pin in the target would never be deployed (above).
    const sourceProblem = sourceUndeployed.get(step);
    if (sourceProblem) {
      leftOut.push({ app: app.name, image: formatImageRef(ref), digest: ref.digest, previousImage: edit.previous.image, kind: 'source-undeployed', problem: sourceProblem });
      continue;
    }
    const problem = undeployed.get(step);
    if (problem) {
      leftOut.push({ app: app.name, image: formatImageRef(ref), digest: ref.digest, previousImage: edit.previous.image, kind: 'undeployed', problem });
      continue;
    }
    if (entry) blocked.push(`${app.name}@${shortDigest(ref.digest)}${entry.app !== app.name ? ` blocked for ${entry.app}` : ''}${entry.by ? ` by ${entry.by}` : ''}${entry.at ? ` at ${entry.at}` : ''}: ${entry.reason}`);
    // Soak counts from the Ferry pin that began the source environment's current run of this
    // digest (soak.ts): not from a pin of it under another tag since, and not at all when a
    // change by hand put it back there.
    const ran = await since(app, sourcePath, ref.digest);
    // Where the digest comes from: the bump behind the source pin, and what ran between; and
    // whether what it replaces in the target came from the source (a hotfix bumped there
    // directly did not: said in the plan, a note, not a gate).
    const provenance = await since.provenance?.({ app: app.name, env: req.from, digest: ref.digest, ...('commit' in ran ? { start: ran.commit } : {}), targetDigest: targetDigest(edit.previous.image) || undefined, to: req.to });
    // Promoting a digest a rollback there moved away from undoes the rollback: said in the plan (not a gate).
    const rollback = await rolledBack?.(app.name, ref.digest);
    const before = texts.get(targetPath);
    const after = before === undefined ? edit.text : pinImage(before, targetPath, app.pin, ref).text;
    texts.set(targetPath, after);
    promotions.push({
      app: app.name, image: formatImageRef(ref), digest: ref.digest, previousImage: edit.previous.image, manifest: targetPath,
      ...('commit' in ran ? { sourceCommit: ran.commit, sourceDate: ran.date } : { sourceUnknown: ran.unknown }),
      ...provenance,
      diff: fileDiff(targetPath, before ?? targetText, after),
      ...(entry ? { blocked: blockNote(entry) } : {}),
      ...(rollback ? { rolledBack: rollback } : {}),
    });
  }
  for (const { app, sourcePath, ref, edit, entry } of otherSteps) {
    if (!edit.changed) {
      unchanged.push({ app: app.name, image: edit.previous.image });
      continue;
    }
    if (entry) {
      leftOut.push({ app: app.name, image: formatImageRef(ref), digest: ref.digest, previousImage: edit.previous.image, kind: 'blocked', blocked: blockNote(entry) });
      continue;
    }
    const ran = await since(app, sourcePath, ref.digest);
    const by = 'commit' in ran ? (await since.provenance?.({ app: app.name, env: req.from, digest: ref.digest, start: ran.commit }))?.sourceRequestedBy : undefined;
    heldBack.push({
      app: app.name, image: formatImageRef(ref), digest: ref.digest, previousImage: edit.previous.image,
      ...('commit' in ran ? { sourceCommit: ran.commit, sourceDate: ran.date } : { sourceUnknown: ran.unknown }),
      ...(by !== undefined ? { sourceRequestedBy: by } : {}),
    });
  }
  for (const [path, content] of texts) {
    files.push({ path, content });
    written.push({ path, diff: fileDiff(path, steps.find((s) => s.targetPath === path)!.targetText, content) });
  }
  if (failure) throw failure.error;
  // A plan made again (a retry on a new head) must be the plan made first: what is promoted, from
  // which digest, over what. A promotion found done (nothing left to promote) is skipped.
  // The plan given with `expect` binds the first plan the same way (the plan shown, approved).
  // Checked when nothing is promoted too: only an app the target pins at the planned digest
  // already is done; one left out since (its digest blocked, its pin in the target or the source
  // never deployed) or whose source moved on is a change of the plan, refused, not a skip (a
  // green run of nothing).
  const bound = planned ?? (expected.length ? expected : undefined);
  if (bound) {
    const changes = planChangeList(bound, { from: req.from, to: req.to, promotions, unchanged, leftOut });
    if (changes.length) {
      // Each change with the commit that made it (the latest to change that manifest), where the caller can tell.
      const pathOf = (c: PlanChange) => {
        const step = steps.find((s) => s.app.name === c.app);
        return step && c.manifest && (c.manifest === 'source' ? step.sourcePath : step.targetPath);
      };
      const texts = await Promise.all(changes.map(async (c) => {
        const path = pathOf(c);
        const by = path !== undefined ? await changedBy?.(path) : undefined;
        return by ? `${c.text} (${by})` : c.text;
      }));
      throw new PlanChangedError(req, texts, planned ? 'since it was planned' : EXPECTED, measured);
    }
  }
  if (measured && measured !== 'defer' && promotions.length && promotionKeys(promotions).join(' ') !== measured.keys.join(' ')) {
    const now = promotionKeys(promotions);
    // (An app analyzed that the target pins already, at that digest, was promoted by another run: done.)
    const done = new Set(unchanged.map((u) => `${u.app}@${imageParts(u.image).digest}`));
    const changes = [
      ...measured.keys.filter((k) => !now.includes(k) && !done.has(k)).map((k) => `analyzed ${k}, not promoted now`),
      ...now.filter((k) => !measured.keys.includes(k)).map((k) => `promoted now ${k}, not analyzed`),
    ];
    if (changes.length) throw new PlanChangedError(req, changes, 'since its analysis ran', measured);
  }
  const gates = promotions.length ? evaluateGates(config, req, promotions, blocked, now, measured, leftOut.length) : [];
  // An override of a gate that passed overrides nothing: not in the result, nor in the commit (the
  // CLI and the action say so). (A measured gate deferred has no verdict yet: the override stands.)
  const overridden = req.override && !gates.some((g) => g.gate === req.override!.gate && g.verdict === 'pass') ? req.override : undefined;
  // The instant the gates of time judge at (soak's: the earlier of now and the commit's date).
  const [nowAt, commitAt] = now instanceof Date ? [now, undefined] : [now.now, now.commit];
  const judgedAt = commitAt && commitAt.getTime() < nowAt.getTime() ? commitAt : nowAt;
  const expect = planExpect(promotions);
  const result: PromoteResult = {
    from: req.from, to: req.to, promotions, ...(written.length ? { files: written } : {}), ...(unchanged.length ? { unchanged } : {}), ...(leftOut.length ? { leftOut } : {}),
    ...(heldBack.length ? { heldBack } : {}), gates, ...(promotions.length && !Number.isNaN(judgedAt.getTime()) ? { judgedAt: instant(judgedAt) } : {}), ...(expect ? { expect } : {}),
    ...(overridden ? { override: overridden } : {}),
  };
  // Who asked and who approved, as the trailers record them (the job summary and the pull request name them).
  const approvers = distinctPeople(req.approvedBy).filter((a) => !isRequester(req, a));
  if (req.requestedBy) result.requestedBy = req.requestedBy;
  if (approvers.length) result.approvedBy = approvers;
  if (promotions.length === 0) return { write: false, result };
  if (measured === 'defer') return { write: true, files, message: '', result };
  const failing = gates.filter((g) => g.verdict !== 'pass');
  // An override names one gate; every other gate must pass. A blocked digest cannot be overridden.
  // A proposal may wait for approvals on its pull request, unless the requester approved it themself.
  const pendingApprovals = (g: GateVerdict) => awaitsApprovals(req, g);
  const stopped = failing.filter((g) => (g.gate === 'blocked' || g.gate !== req.override?.gate) && !pendingApprovals(g));
  if (stopped.length) throw new GateError(result);
  if (failing.some(pendingApprovals)) result.awaitingApproval = true;

  const trailers: Trailer[] = [['Ferry-Action', 'promote'], ['Ferry-Env', req.to], ['Ferry-From', req.from]];
  for (const p of promotions) {
    trailers.push(['Ferry-App', p.app], ['Ferry-Image', p.image]);
    if (p.previousImage) trailers.push(['Ferry-Previous-Image', p.previousImage]);
  }
  trailers.push(['Ferry-Gate', gateTrailer(gates)]);
  if (overridden) trailers.push(['Ferry-Override', overridden.gate], ['Ferry-Reason', overridden.reason]);
  if (req.requestedBy) trailers.push(['Ferry-Requested-By', req.requestedBy]);
  for (const a of approvers) trailers.push(['Ferry-Approved-By', a]);
  if (req.runUrl) trailers.push(['Ferry-Run', req.runUrl]);
  // `user-service 1.4.2 (sha256:1a2b3c4d5e6f)` (a tag, names and environments shortened when the
  // subject would be too long: fitSubject()), or `3 apps (a, b, c)`.
  const tag = promotions.length === 1 ? parseImageRef(promotions[0]!.image, 'image').tag : undefined;
  const what: SubjectPart[] = promotions.length === 1
    ? [elidable(promotions[0]!.app), ' ', ...(tag ? [elidable(tag), ' '] : []), `(${shortDigest(promotions[0]!.digest)})`]
    : [`${promotions.length} apps (${appList(promotions.map((p) => p.app), SUBJECT_MAX - `promote(${req.to}):  apps () from ${req.from}`.length - String(promotions.length).length)})`];
  const message = commitMessage(fitSubject(['promote(', elidable(req.to), '): ', ...what, ' from ', elidable(req.from)]), trailers);
  return { write: true, files, message, result };
}

/** What an app's manifests say: the source's digest, the target's edit, and the block on the digest, if any. */
interface AppStep {
  app: AppConfig;
  sourcePath: string;
  targetPath: string;
  targetText: string;
  /** The source's manifest (its pin is judged too: one never deployed is refused). */
  sourceText: string;
  ref: ImageRef;
  edit: PinEdit;
  entry: BlockedDigest | undefined;
}

async function appStep(snapshot: EnvRepoSnapshot, req: PromoteRequest, app: AppConfig, blocklist: readonly BlockedDigest[]): Promise<AppStep> {
  const sourcePath = manifestPath(app, req.from);
  const targetPath = manifestPath(app, req.to);
  const [sourceText, targetText] = [await snapshot.readFile(sourcePath), await snapshot.readFile(targetPath)];
  if (sourceText === undefined) throw new ConfigurationError({ file: sourcePath, message: `app ${quote(app.name)} has no manifest in ${quote(req.from)}` });
  if (targetText === undefined) throw new ConfigurationError({ file: targetPath, message: `app ${quote(app.name)} has no manifest in ${quote(req.to)}` });
  const source = readPinnedImage(sourceText, sourcePath, app.pin);
  if (!source.digest) {
    // Located as validate locates it (the digest's place, its field): an image automation bot
    // that rewrote `image: repo:tag` leaves nothing exact to promote. Not left out with --all
    // (as a blocked digest is): a block is a decision recorded for a digest; this is a broken
    // pin of an app Ferry manages, refused until a person mends it or leaves the app out.
    const at = readPinnedImageAt(sourceText, sourcePath, app.pin).places.digest;
    const others = req.all ? 'promote the others by name (--app <app> for each)' : `leave ${app.name} out of --app`;
    throw new ConfigurationError(pinProblem(sourcePath, at, `${quote(app.name)} is not pinned by digest in ${quote(req.from)} (${quote(source.image, 300)}): nothing exact to promote; pin it by digest in ${req.from} again (ferry bump --env ${req.from} --app ${app.name} --image <image>@sha256:…), or ${others}`));
  }
  const ref = parseImageRef(`${app.registry}/${app.image}${source.tag ? `:${source.tag}` : ''}@${source.digest}`, 'image');
  const edit = pinImage(targetText, targetPath, app.pin, ref);
  // (Looked up only for an app that changes, as before.)
  const entry = edit.changed ? findBlocked(blocklist, app.name, ref.digest) : undefined;
  return { app, sourcePath, targetPath, targetText, sourceText, ref, edit, entry };
}

function blockNote(entry: BlockedDigest): BlockNote {
  return { app: entry.app, reason: entry.reason, ...(entry.by !== undefined ? { by: entry.by } : {}), ...(entry.at !== undefined ? { at: entry.at } : {}) };
}

/** `a, b, c`, or as many names as fit in `room` characters and `… and 7 more` (every name is in the trailers). */
export function appList(apps: readonly string[], room: number): string {
  const all = apps.join(', ');
  if (all.length <= room) return all;
  const more = (n: number) => `, … and ${apps.length - n} more`;
  // The most names that fit, at least one (of one app alone: none, as ever). A longer list's text is
  // longer (a name and its comma add more than the count's one digit fewer can take away), so
  // lengths are added up name by name until the next one would not fit: not a list joined per try.
  let n = apps.length - 1;
  if (n > 1) {
    n = 1;
    let shown = apps[0]!.length;
    while (n < apps.length - 1 && shown + 2 + apps[n]!.length + more(n + 1).length <= room) shown += 2 + apps[n++]!.length;
  }
  return `${apps.slice(0, n).join(', ')}${more(n)}`;
}
