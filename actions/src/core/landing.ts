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
