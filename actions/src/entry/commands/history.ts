import { GitEnvRepo, printWarning, redactUrl, type FileRead } from '../../adapters/git.js';
import { findApp, type AppConfig, type FerryConfig } from '../../core/config.js';
import { CONFIG_FILE, readConfig } from '../../core/env-repo-config.js';
import { ConfigurationError } from '../../core/errors.js';
import { atLanding, branchHistoryEvents, editsBeyondLandedPins, handEditEvents, inFilter, inLandingOrder, isFerryCommit, landedEvents, mergeInLogOrder, mergedChanges, pinChangedEdits, unknownFilterNames, unreadConfigWarning, type HistoryEvent, type ManifestOwner } from '../../core/history.js';
import { forkPoints, landings } from '../../core/landing.js';
import { manifestPath } from '../../core/manifest-path.js';
import { isoUtc } from '../../core/table.js';
import type { PhaseHook } from './phases.js';

export interface HistoryOutput {
  repo: string;
  branch: string;
  commit: string;
  /** The filters asked for, when any. */
  env?: string;
  app?: string;
  /** The environments of today's ferry.yaml, in its order (the text's tables follow it); absent when it could not be read. */
  environments?: string[];
  /** Newest first. */
  events: HistoryEvent[];
  /** Why today's ferry.yaml could not be read (the events come from the trailers all the same); absent when it was. */
  warning?: string;
}

/**
 * `ferry history`: the Ferry commits of the env repo, from their trailers, newest first. A broken
 * ferry.yaml is a warning, not a failure: an auditor needs the history most when it is broken.
 */
export async function runHistory(options: { repo: string; branch: string; env?: string; app?: string; phase?: PhaseHook }): Promise<HistoryOutput> {
  const phase = options.phase ?? (() => {});
  phase('Read the env repo and its history');
  // (A --repo that is a working clone of another repository is warned of in the result's `warning`,
  // or on stderr when the command fails.)
  let cloneWarning: string | undefined;
  const repo = await GitEnvRepo.openForReading({ repo: options.repo, branch: options.branch, history: true, readAhead: [CONFIG_FILE], warn: (w) => (cloneWarning = w) });
  try {
    const head = await repo.head();
    let config: FerryConfig | undefined;
    let unread: ConfigurationError | undefined;
    try {
      config = await readConfig(head);
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      unread = error;
    }
    phase('Read the Ferry commits');
    // Each change once, and only what reached the branch (a pull request merged with Ferry's own message is one change).
    const log = await repo.log(head.commit);
    const filter = { env: options.env, app: options.app };
    const landed = landings(log, head.commit);
    const ferry = branchHistoryEvents(log, head.commit, filter, landed);
    // And the pinned manifests (as today's ferry.yaml names them) changed without Ferry: what was deployed then too.
    let all = ferry;
    if (config) {
      // Each manifest with every app that pins it (apps may share one).
      const every = new Map<string, ManifestOwner[]>();
      for (const e of config.environments) {
        for (const a of config.apps) {
          const path = manifestPath(a, e.name);
          every.set(path, [...(every.get(path) ?? []), { env: e.name, app: a.name }]);
        }
      }
      // Only the manifests of the apps and environments asked for are looked at (one app in one
      // environment: one path, a log git limits to it), each owned as it is in the whole history.
      const owners = new Map([...every].filter(([, list]) => list.some((owner) => inFilter(owner, options))));
      // (Merges are taken apart elsewhere; the first commit is where the history starts, not an edit.)
      const merges = new Set(log.filter((e) => (e.parents?.length ?? 1) !== 1).map((e) => e.commit));
      // (Newest landing first, as the events are, the log's order within one: a commit by its place.)
      const order = new Map(inLandingOrder(log, landed).map((e, i) => [e.commit, i]));
      // Only a commit of the first-parent line without a Ferry-Action can be one (what a Ferry
      // commit changed is ferry audit's to check): those alone are compared with their first
      // parent, not every commit of the history (100,000 commits: 2.3 s of git for a handful).
      // And the merges of the line, against their first parent: what one brought in landed with it.
      const byId = new Map(log.map((e) => [e.commit, e]));
      const unrecorded: string[] = [];
      const lineMerges: string[] = [];
      for (let e = byId.get(head.commit); e; e = e.parents?.[0] === undefined ? undefined : byId.get(e.parents[0])) {
        if ((e.parents?.length ?? 0) > 1) lineMerges.push(e.commit);
        else if (!isFerryCommit(e.trailers) && !merges.has(e.commit)) unrecorded.push(e.commit);
      }
      const lineChanges = await repo.changesIn([...unrecorded, ...lineMerges], [...owners.keys()]);
      const merged = lineChanges.filter((c) => merges.has(c.commit));
      // Of a merge that changed a pinned manifest, the commits it brought in (merges aside), for
      // those manifests alone: which changed them last on the branch, Ferry's or by hand.
      const mergedIds = new Set(merged.map((c) => c.commit));
      const side = log.filter((e) => e.parents?.length === 1 && mergedIds.has(landed.get(e.commit)?.commit ?? '') && !mergedIds.has(e.commit)).map((e) => e.commit);
      const sideChanges = await repo.changesIn(side, [...new Set(merged.flatMap((c) => c.files))]);
      // What the merges' trees hold (nothing to read without merges): a pin a merge brought in
      // landed only if the merge's tree holds it, and a manifest its branch changed is the
      // branch's change only if the merge has it as the branch left it, or as git's own merge of
      // the two sides leaves it (main changed it too, and git merged the two), else the merge's
      // own (a conflict resolved by hand, a merge that pinned something else). The merge's file
      // is held against the pin's commit's, and against the branch's tip's, in one git for all; a
      // pin is read only where the merge's file is not the one its commit left, and git merges
      // only the merges (of two parents) whose file is neither side's, all in one go.
      // (Of an app and environment today's ferry.yaml names: the manifest it gives them.)
      const apps = new Map(config.apps.map((a) => [a.name, a]));
      const envs = new Set(config.environments.map((e) => e.name));
      const brought: { event: HistoryEvent; app: AppConfig; path: string; merge: string }[] = [];
      for (const event of ferry) {
        const app = event.landedWith !== undefined && envs.has(event.env ?? '') && event.image !== undefined ? apps.get(event.app ?? '') : undefined;
        if (app) brought.push({ event, app, path: manifestPath(app, event.env!), merge: event.landedWith! });
      }
      const sideFiles = new Set(sideChanges.flatMap((c) => c.files.map((f) => `${landed.get(c.commit)?.commit}\0${f}`)));
      const tips = merged.flatMap((m) => m.files.filter((f) => sideFiles.has(`${m.commit}\0${f}`))
        .flatMap((path) => (byId.get(m.commit)?.parents ?? []).slice(1).map((tip) => ({ merge: m.commit, tip, path }))));
      const pairs = new Map<string, readonly [string, string]>();
      for (const b of brought) pairs.set(`${b.event.commit} ${b.merge}`, [b.event.commit, b.merge]);
      for (const t of tips) pairs.set(`${t.tip} ${t.merge}`, [t.tip, t.merge]);
      const differ = pairs.size ? await repo.differingFiles([...pairs.values()], [...new Set([...brought, ...tips].map((x) => x.path))]) : [];
      const differs = new Map([...pairs.keys()].map((key, i) => [key, differ[i]!]));
      const same = (other: string, merge: string, path: string) => !differs.get(`${other} ${merge}`)?.includes(path);
      const asBranchLeftIt = new Set(tips.filter((t) => same(t.tip, t.merge, t.path)).map((t) => `${t.merge}\0${t.path}`));
      const twoSided = tips.filter((t) => !asBranchLeftIt.has(`${t.merge}\0${t.path}`) && byId.get(t.merge)?.parents?.length === 2);
      const forks = twoSided.length ? forkPoints(log, landed, new Set(twoSided.map((t) => t.merge))) : new Map<string, string[]>();
      const asks = [...new Map(twoSided.map((t) => [`${t.merge}\0${t.path}`, { merge: t.merge, parents: byId.get(t.merge)!.parents as [string, string], bases: forks.get(t.merge) ?? [], path: t.path }])).values()];
      const unsure = brought.filter((b) => !same(b.event.commit, b.merge, b.path));
      const held = new Map<HistoryEvent, string | undefined>();
      // (git merges while the pins are read.)
      const [asGitMerged] = await Promise.all([repo.mergedAsGitWould(asks), (async () => {
        if (!unsure.length) return;
        const pinIn = await pinReader();
        const texts = await repo.readFilesAt(unsure.map((b) => ({ commit: b.merge, path: b.path })));
        unsure.forEach((b, i) => held.set(b.event, pinIn(texts[i], b.path, b.app)));
      })()]);
      asks.forEach((t, i) => {
        if (asGitMerged[i]) asBranchLeftIt.add(`${t.merge}\0${t.path}`);
      });
      const landedFerry = brought.length ? landedEvents(ferry, (event) => held.get(event)) : ferry;
      const changes = [...lineChanges.filter((c) => !merges.has(c.commit)), ...mergedChanges(merged, sideChanges, landed, (id) => byId.get(id)?.parents, (m, f) => asBranchLeftIt.has(`${m}\0${f}`))];
      // Who made each (its author, as status shows a change by hand), read for those commits alone.
      const infos = await repo.commitInfos(changes.map((c) => c.commit));
      // (A merge's own change is among them: the merges are left out already.) A change a merge
      // brought in is shown when it landed, as a Ferry pin it brought in is.
      let edits = atLanding(handEditEvents(changes.map((c) => {
        const author = infos.get(c.commit)?.author;
        return author === undefined ? c : { ...c, author };
      }), owners), landed).sort((x, y) => (order.get(x.commit) ?? Number.MAX_SAFE_INTEGER) - (order.get(y.commit) ?? Number.MAX_SAFE_INTEGER));
      // What each edit left pinned, read from the manifest it changed (in one read for all of
      // them); of a manifest apps share, what it pinned before too: an edit is of the apps whose
      // pin it changed.
      if (edits.length) {
        const owned = edits.map((e) => findApp(config!, e.app!));
        const paths = edits.map((e, i) => manifestPath(owned[i]!, e.env!));
        const parents = edits.map((e, i) => ((owners.get(paths[i]!)?.length ?? 0) > 1 ? byId.get(e.commit)?.parents?.[0] : undefined));
        const reads = edits.map((e, i) => ({ commit: e.commit, path: paths[i]! }));
        const before = parents.flatMap((p, i) => (p === undefined ? [] : [{ i, read: reads.push({ commit: p, path: paths[i]! }) - 1 }]));
        const [texts, pinIn] = await Promise.all([repo.readFilesAt(reads), pinReader()]);
        const pinAt = (read: number, i: number): string | undefined => pinIn(texts[read], paths[i]!, owned[i]!);
        const pins = edits.map((e, i) => {
          const after = pinAt(i, i);
          if (after !== undefined) e.image = after;
          return { path: paths[i]!, after, before: after }; // (before: read for a shared manifest alone)
        });
        for (const { i, read } of before) pins[i]!.before = pinAt(read, i);
        edits = editsBeyondLandedPins(pinChangedEdits(edits, pins), landedFerry);
      }
      all = mergeInLogOrder(landedFerry, edits, order);
    }
    // A name in neither today's ferry.yaml nor the history is a typo, not an empty history.
    // (Every name asked for is in what is shown, if anything is: the whole history is looked
    // through only when nothing is, for the names it has.)
    const unknown = unknownFilterNames(options, all.length ? all : branchHistoryEvents(log, head.commit, {}, landed), config);
    if (unknown.length) throw new ConfigurationError([...unknown, ...(unread?.problems ?? [])]);
    // Dates in UTC, as audit's: committers' zones differ, and a program compares them as text.
    const events = all.filter((e) => inFilter(e, options)).map((e) => ({ ...e, date: isoUtc(e.date) }));
    const warning = [cloneWarning, unread ? unreadConfigWarning(unread) : undefined].filter(Boolean).join('; ');
    return {
      repo: redactUrl(repo.url), branch: options.branch, commit: head.commit,
      ...(options.env !== undefined ? { env: options.env } : {}), ...(options.app !== undefined ? { app: options.app } : {}),
      ...(config ? { environments: config.environments.map((e) => e.name) } : {}), events, ...(warning ? { warning } : {}),
    };
  } catch (error) {
    // (Held for the result, the warning would go with it: a stale clone is most likely why it failed.)
    if (cloneWarning !== undefined) printWarning(cloneWarning);
    throw error;
  } finally {
    await repo.close();
  }
}

/**
 * What a version of a manifest (as readFilesAt() reads it) pins for `app`: its image, undefined for
 * none (the file removed, or not text: the row's reason says where to look; a pin that cannot be
 * read: audit says how). The pin reader is loaded when one is needed.
 */
async function pinReader(): Promise<(text: FileRead, path: string, app: AppConfig) => string | undefined> {
  const { readPinnedImage } = await import('../../core/image-pin.js');
  return (text, path, app) => {
    if (typeof text !== 'string') return undefined;
    try {
      return readPinnedImage(text, path, app.pin).image;
    } catch {
      return undefined;
    }
  };
}
export { formatHistory } from '../../core/history.js';
