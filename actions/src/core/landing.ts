/**
 * When each commit of a branch's history reached the branch, which is what soak measures from. A
 * commit on the branch's first-parent line landed at its committer date (as the committer gives
 * it: Ferry honours GIT_COMMITTER_DATE, as git commit does). A commit brought in by a merge (a
 * pull request merged with a merge commit) landed with the merge, however long it waited on its
 * branch: its own date says when it was made, not when it reached the branch.
 */

export interface CommitLink {
  commit: string;
  /** Committer date, ISO 8601. */
  date: string;
  /** Parents, the first one first; a commit with none is a root (or the edge of a shallow history). */
  parents?: readonly string[];
}

/** When a commit landed: with which first-parent commit, its date, and its place on that line (0 for the oldest). */
export interface Landing {
  /** The first-parent commit it landed with: itself, or the merge that brought it in. */
  commit: string;
  date: string;
  /** Orders landings as history does, whatever their dates say (a date can be set back). */
  rank: number;
}

/**
 * The landing of every commit reachable from `tip` in `log`: for a commit on the first-parent
 * line, its own date and place; else those of the first-parent commit that merged it.
 */
export function landings(log: readonly CommitLink[], tip: string): Map<string, Landing> {
  const byId = new Map(log.map((c) => [c.commit, c]));
  const line: CommitLink[] = [];
  const onLine = new Set<string>();
  for (let c = byId.get(tip); c && !onLine.has(c.commit); c = byId.get(c.parents?.[0] ?? '')) {
    onLine.add(c.commit);
    line.push(c);
  }
  const landed = new Map<string, Landing>();
  for (const [rank, c] of line.reverse().entries()) { // oldest first: what an older merge brought in is landed already
    const landing = { commit: c.commit, date: c.date, rank };
    landed.set(c.commit, landing);
    const stack = [...(c.parents ?? []).slice(1)];
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      if (landed.has(id)) continue;
      const side = byId.get(id);
      if (!side) continue;
      landed.set(id, landing);
      stack.push(...(side.parents ?? []));
    }
  }
  return landed;
}

/**
 * Since when a commit's change has been on the branch, which soak counts a pin's run from: when it
 * landed (its landing, from landings(); its own date without one), but never before the commit's
 * own date. A merge dated before a commit it brings in (a date set by hand, a clock behind) did not
 * bring it in before it was made: a pin made 3 hours ago, merged by a commit dated 4 hours ago,
 * has run 3 hours. A date that cannot be read (NaN) is the one taken, so that soak fails closed.
 */
export function landedSince(commit: { date: string }, landing: Pick<Landing, 'date'> | undefined): string {
  if (!landing) return commit.date;
  const [own, landed] = [Date.parse(commit.date), Date.parse(landing.date)];
  if (Number.isNaN(own)) return commit.date;
  if (Number.isNaN(landed)) return landing.date;
  return own > landed ? commit.date : landing.date;
}

/**
 * For each of `merges` (of the first-parent line, `landed`: landings()), the commits its branch
 * forked from: those outside what it brought in that a commit it brought in has for a parent (and
 * a parent after the first it did not bring in, being already on the line). Every merge base of
 * the merge's parents is among them (a common ancestor is reached from the branch through one).
 * (A parent beyond the log, a shallow history's edge, is none.)
 */
export function forkPoints(log: readonly CommitLink[], landed: ReadonlyMap<string, Pick<Landing, 'commit'>>, merges: ReadonlySet<string>): Map<string, string[]> {
  const found = new Map<string, Set<string>>();
  const add = (merge: string, commit: string) => found.set(merge, (found.get(merge) ?? new Set<string>()).add(commit));
  for (const c of log) {
    const merge = landed.get(c.commit)?.commit;
    if (merge !== undefined && merges.has(merge) && merge !== c.commit) {
      for (const p of c.parents ?? []) if (landed.has(p) && landed.get(p)!.commit !== merge) add(merge, p);
    }
    if (merges.has(c.commit)) {
      for (const p of (c.parents ?? []).slice(1)) if (landed.has(p) && landed.get(p)!.commit !== c.commit) add(c.commit, p);
    }
  }
  return new Map([...found].map(([merge, commits]) => [merge, [...commits]]));
}
