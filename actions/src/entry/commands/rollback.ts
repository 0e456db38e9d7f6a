import { GitEnvRepo, printWarning, redactUrl } from '../../adapters/git.js';
import { BLOCKLIST_FILE, readBlocklist } from '../../core/blocklist.js';
import { CONFIG_FILE } from '../../core/env-repo-config.js';
import { givenImage, imageParts } from '../../core/image-ref.js';
import { reportRetries, writeChange } from '../../core/env-repo-writer.js';
import { writerPhases, type PhaseHook } from './phases.js';
import type { LogEntry } from '../../adapters/git-log.js';
import { proposalsOf } from './block.js';
import type { BlockedProposal } from '../delivery.js';
import type { EnvRepoSnapshot } from '../../core/env-repo-writer.js';
import { manifestPath, parseConfig, type AppConfig } from '../../core/config.js';
import { ConfigurationError } from '../../core/errors.js';
import { pinEvents } from '../../core/history.js';
import { PIN_ACTIONS } from '../../core/trailers.js';
import {
  checkRollbackRequest, currentPin, firstPinsOf, handOnlyWarning, handPinsOf, skippedStageWarning, pinMovedError, pinTimeline, planRollback, rollbackManifest, skippedLines, targetGoneError, versionPin,
  type PinnedVersion, type PinRecord, type RollbackRequest, type RollbackResult,
} from '../../core/rollback.js';

export { stillPinnedText, unreadableText } from '../../core/blocklist.js';

export interface RollbackOptions extends RollbackRequest {
  repo: string;
  branch: string;
  dryRun: boolean;
  progress?: (line: string) => void;
  /** Called as the command enters each phase (the actions give each its own log group); the CLI passes none. */
  phase?: PhaseHook;
}

export interface RollbackOutput extends RollbackResult {
  status: 'succeeded' | 'planned';
  repo: string;
  branch: string;
  commit: string;
  attempts: number;
  /** With --block: the proposal branches that may still merge the image rolled back from (commands/block.ts, proposalsOf()). */
  proposals?: BlockedProposal[];
  /** With --block, when the proposal branches could not be read: why (the rollback and its block stand). */
  proposalsUnread?: string;
}

/**
 * What the manifest at `path` pinned after each commit on the first-parent line of `head` that
 * changed it (a merge: against its first parent), newest first. A side branch's commits are not
 * read: what they pinned was in place on this branch only as far as a merge brought it. Cost: one
 * pass over the first-parent log limited to the manifest's path (no blobs), then the versions of
 * this one manifest in one fetch, each content read for its pin alone (no text is kept: 200
 * versions of a 3 MB Helm values file once held 3 GB).
 */
async function manifestVersions(repo: GitEnvRepo, head: string, app: AppConfig, path: string): Promise<PinnedVersion[]> {
  return pinnedVersions(repo, await repo.pathChanges(head, [path]), app, path);
}

/** What the manifest at `path` pinned after each of these commits (pathChanges() entries that changed it). */
async function pinnedVersions(repo: GitEnvRepo, changed: readonly LogEntry[], app: AppConfig, path: string): Promise<PinnedVersion[]> {
  const pins = await repo.readFileVersions(changed.map((c) => c.commit), path, (text) => versionPin(text, app, path));
  return changed.map((c, i) => ({ commit: c.commit, date: c.date, trailers: c.trailers, pin: pins[i] }));
}

/** The manifest's versions (manifestVersions()) as read at one head, for the app as ferry.yaml configured it there. */
interface VersionsRead {
  head: string;
  app: AppConfig;
  path: string;
  versions: PinnedVersion[];
}

/**
 * The manifest's versions at `head`, for the app and path ferry.yaml names there: those read at an
 * earlier head with, before them, those of the commits since on `head`'s first-parent line (a few:
 * the other writers' that a lost race found), when the app's manifest is read the same way (same
 * path, pin and image); else read again from the start (ferry.yaml moved the manifest, or the
 * branch was rewritten). Either way, the versions a run started at `head` reads.
 */
async function versionsAt(repo: GitEnvRepo, known: VersionsRead, head: string, app: AppConfig, path: string): Promise<VersionsRead> {
  if (path === known.path && sameReading(app, known.app)) {
    const since = new Map((await repo.log(head, [known.head])).map((c) => [c.commit, c]));
    const line: string[] = [];
    let at: string | undefined = head;
    for (; at !== undefined && since.has(at); at = since.get(at)!.parents?.[0]) line.push(at);
    if (at === known.head) {
      const newer = await pinnedVersions(repo, await repo.changesIn(line, [path]), app, path);
      return { head, app, path, versions: [...newer, ...known.versions] };
    }
  }
  return { head, app, path, versions: await manifestVersions(repo, head, app, path) };
}

/** Whether versionPin() reads a manifest for `a` as for `b`: the same pin and image. */
function sameReading(a: AppConfig, b: AppConfig): boolean {
  return JSON.stringify([a.registry, a.image, a.pin]) === JSON.stringify([b.registry, b.image, b.pin]);
}

/**
 * A rollback's result with the warning of going back to an image its environment had only by hand
 * (handOnlyWarning()), where it is one: no Ferry commit of the history of `head` (a pull request's
 * merged in included) pinned its digest for the app there, and commits that are no merges, without
 * Ferry trailers, changed the pin to it while ferry.yaml named the file (as `ferry audit` tells a
 * hand edit). Or, in an environment promoted from `source`, of going back to a pin its manifest
 * had from its first version on (a file written by hand, an environment or app added by hand)
 * while ferry.yaml named it, when no Ferry commit pinned the digest in `source` either
 * (skippedStageWarning(): `ferry audit` reports the rollback as skipped-stage). Read only for a
 * rollback to such a pin: one log, and ferry.yaml at those commits.
 */
async function handOnly(repo: GitEnvRepo, head: string, history: readonly PinRecord[], result: RollbackResult, source: string | undefined): Promise<RollbackResult> {
  if (result.to.action !== 'edit') return result;
  const pins = handPinsOf(history, result.digest);
  const firsts = source !== undefined && !pins.length ? firstPinsOf(history, result.digest) : [];
  if (!pins.length && !firsts.length) return result;
  const log = await repo.log(head);
  const ferry = pinEvents(log).filter((p) => PIN_ACTIONS.has(p.action) && p.app === result.app && imageParts(p.image).digest === result.digest);
  if (ferry.some((p) => p.env === result.env)) return result;
  if (!pins.length && ferry.some((p) => p.env === source)) return result;
  const parents = new Map(log.map((c) => [c.commit, c.parents?.length ?? 0]));
  const edits = (pins.length ? pins : firsts).filter((e) => (parents.get(e.commit) ?? 0) <= 1);
  const configs = await repo.readFilesAt(edits.map((e) => ({ commit: e.commit, path: CONFIG_FILE })));
  const guarded = await Promise.all(configs.map(async (text) => {
    if (text === undefined) return false;
    try {
      if (text instanceof ConfigurationError) throw text;
      const config = await parseConfig(text, CONFIG_FILE, { historic: true });
      // (A file of an environment ferry.yaml did not have yet was not guarded: written before adoption.)
      return config.environments.some((e) => e.name === result.env) && config.apps.some((a) => {
        try {
          return manifestPath(a, result.env) === result.manifest;
        } catch {
          return false;
        }
      });
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      return true; // (one that cannot be read leaves the last good one in force: guarded, most likely)
    }
  }));
  const commits = edits.filter((_, i) => guarded[i]).map((e) => e.commit);
  if (!commits.length) return result;
  const warning = pins.length ? handOnlyWarning(result, commits) : skippedStageWarning(result, source!, commits);
  return { ...result, warning: [result.warning, warning].filter(Boolean).join('; ') };
}

/** `ferry rollback`: one commit that pins an earlier image (and with --block, blocks the current one). */
export async function runRollback(given: RollbackOptions): Promise<RollbackOutput> {
  // --to and --from without the white space around them, as the action reads its inputs: the CLI goes back to (and from) the same image.
  const options: RollbackOptions = { ...given, ...(given.to !== undefined ? { to: givenImage(given.to) } : {}), ...(given.from !== undefined ? { from: givenImage(given.from) } : {}) };
  checkRollbackRequest(options);
  // The whole history (without blobs): the earlier pins are read from the manifest's versions.
  const phase = options.phase ?? (() => {});
  phase('Read the env repo and its history');
  // (A --repo that is a working clone of another repository is warned of in the result's `warning`,
  // or on stderr when the command fails.)
  let cloneWarning: string | undefined;
  const repo = await GitEnvRepo.open({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE, BLOCKLIST_FILE], progress: options.progress, warn: (w) => (cloneWarning = w) });
  try {
    const common = { repo: redactUrl(repo.url), branch: options.branch };
    const warned = (result: RollbackResult): RollbackResult => (cloneWarning === undefined ? result : { ...result, warning: [cloneWarning, result.warning].filter(Boolean).join('; ') });
    const first = await repo.head();
    const { app, path } = await rollbackManifest(first, options);
    // What was in place there, as read at the head planned from last. Every attempt plans from its
    // own head: ferry.yaml there (the app, its manifest's path) and that manifest's history there,
    // as a rollback started at that head would.
    let known: VersionsRead = { head: first.commit, app, path, versions: await manifestVersions(repo, first.commit, app, path) };
    const historyAt = async (snapshot: EnvRepoSnapshot): Promise<PinRecord[]> => {
      if (snapshot.commit !== known.head) {
        const now = await rollbackManifest(snapshot, options);
        known = await versionsAt(repo, known, snapshot.commit, now.app, now.path);
      }
      return pinTimeline(known.versions, options.env, known.app, known.path);
    };
    const report = (result: RollbackResult) => {
      for (const line of skippedLines(result, known.app)) options.progress?.(line);
    };
    if (options.dryRun) {
      phase('Plan the rollback');
      const history = await historyAt(first);
      const planned = await planRollback(first, history, options);
      report(planned.result);
      return { status: 'planned', ...common, commit: first.commit, attempts: 1, ...warned(await handOnly(repo, first.commit, history, planned.result, (await rollbackManifest(first, options)).environment.promoteFrom)) };
    }
    // A retry reads the new head, and plans from it: the image to go back to stays the one chosen
    // first, and the current pin is read again. When another writer moved it, or made the image to
    // go back to one this rollback would not go back to now (it blocked it, moved away from it
    // there, or ferry.yaml moved the manifest to a file whose history does not have it), nothing is
    // written, and the refusal says what happened and what the same rollback would do now.
    let seen: RollbackResult | undefined;
    let seenPath = path;
    const phases = writerPhases(phase, { plan: 'Plan the rollback', write: 'Commit with git and update the branch' });
    const outcome = await writeChange(repo, async (snapshot) => {
      phases.plan();
      const history = await historyAt(snapshot);
      if (seen) {
        const now = await currentPin(snapshot, options);
        const blocklist = await readBlocklist(snapshot);
        if (now.current.image !== seen.previousImage) {
          throw pinMovedError({ req: options, app: now.app, cause: 'moved', expected: seen.previousImage, intended: seen.image, current: now.current.image, history, blocklist });
        }
        const gone = targetGoneError({ req: options, app: now.app, seen, history, blocklist, ...(now.path !== seenPath ? { moved: { from: seenPath, to: now.path } } : {}) });
        if (gone) throw gone;
      }
      // A --block entry's `at:` is the date its commit bears: GIT_COMMITTER_DATE's where it fixes one.
      const dated = { ...options, now: () => repo.committerDate() ?? options.now?.() ?? new Date() };
      let planned = await planRollback(snapshot, history, dated);
      // A retry goes back to the image planned first (targetGoneError() found it may be), even
      // where --steps counts to another at the new head (a block of an image in between).
      if (seen && planned.result.digest !== seen.digest) planned = await planRollback(snapshot, history, { ...dated, steps: undefined, to: seen.digest });
      if (!seen) {
        seen = planned.result;
        seenPath = known.path;
      }
      // (Read before the commit is written: a read that fails writes nothing.)
      planned = { ...planned, result: await handOnly(repo, snapshot.commit, history, planned.result, (await rollbackManifest(snapshot, options)).environment.promoteFrom) };
      if (planned.write) phases.write();
      return planned;
    }, {
      onRetry: reportRetries(options.progress),
    });
    report(outcome.result);
    const output: RollbackOutput = { status: 'succeeded', ...common, commit: outcome.commit, attempts: outcome.attempts, ...warned(outcome.result) };
    // --block: a pull request that proposes the image rolled back from may still merge it.
    const blocked = options.block ? imageParts(outcome.result.previousImage).digest : undefined;
    if (blocked) {
      phase('Look for proposals of the digest blocked');
      Object.assign(output, await proposalsOf(repo, blocked, options.progress));
    }
    return output;
  } catch (error) {
    // (Held for the result, the warning would go with it: a stale clone is most likely why it failed.)
    if (cloneWarning !== undefined) printWarning(cloneWarning);
    throw error;
  } finally {
    await repo.close();
  }
}
