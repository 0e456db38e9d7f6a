// A hand edit's pin judged as a promotion of it is (skipped-stage): by what its environment's
// promoteFrom, and the environment itself, had through Ferry when it was made. It keeps a mark of
// that, not a copy: what it had stays what it was after a merge discarded a branch's pins.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, test } from 'vitest';
import { Auditor, type AuditCommit, type HandFile, type HandPin } from '../../actions/src/core/audit.js';
import { parseConfig } from '../../actions/src/core/config.js';
import { commitMessage, trailerList, type Trailer } from '../../actions/src/core/trailers.js';

const config = await parseConfig(readFileSync(new URL('../../environments/ferry.yaml', import.meta.url), 'utf8'));
const app = config.apps[0]!;
const image = (n: number) => `${app.registry}/${app.image}:1.${n}.0@sha256:${String(n).padStart(64, '0')}`;
const path = (env: string) => app.manifest.replaceAll('{env}', env).replaceAll('{app}', app.name);

let seq = 0;
function commit(trailers: Trailer[], files: string[]): AuditCommit {
  return { commit: (++seq).toString(16).padStart(40, '0'), date: '2026-11-24T10:00:00Z', trailers: trailerList(commitMessage('change', trailers)), files };
}
function bump(n: number, previous?: number): AuditCommit {
  const trailers: Trailer[] = [['Ferry-Action', 'bump'], ['Ferry-Env', 'dev'], ['Ferry-App', app.name], ['Ferry-Image', image(n)]];
  if (previous !== undefined) trailers.push(['Ferry-Previous-Image', image(previous)]);
  trailers.push(['Ferry-Requested-By', 'alice']);
  return commit(trailers, [path('dev')]);
}
const handEdit = (env: string) => commit([], [path(env)]);

/** Settles the hand edits with the files each left (`pins`: the image it pinned, by commit; the file before it held the one before, else image(0)). */
function settle(auditor: Auditor, pins: ReadonlyMap<string, number>): void {
  const files = new Map<HandPin, { after: HandFile; before: HandFile }>();
  const last = new Map<string, number>();
  for (const hand of auditor.handEditsToRead()) {
    const n = pins.get(hand.commit)!;
    files.set(hand, { after: image(n), before: image(last.get(hand.env) ?? 0) });
    last.set(hand.env, n);
  }
  auditor.settleHandEdits(files, (text) => ({ image: text, digest: text.slice(text.indexOf('@') + 1) }));
}

describe('a hand edit judged by what the environments had when it was made', () => {
  test('on a branch a merge discarded dev\'s pins of: by dev on that branch, not by the pins the line made since', () => {
    const auditor = new Auditor();
    auditor.check(bump(1), config);
    const mark = auditor.beginMerge(config, [path('dev'), path('stage')]);
    const skipping = handEdit('stage'); // dev never had 3 when it was made
    const after = handEdit('stage'); // dev had 2 on that branch
    for (const c of [bump(2, 1), skipping, after]) auditor.check(c, config);
    auditor.endMerge(mark, new Set([path('stage')])); // (dev as before: 2 is not the line's)
    auditor.check(commit([], []), config); // the merge
    auditor.check(bump(3, 1), config); // dev's next pin on the line: where 2 was on the branch
    settle(auditor, new Map([[skipping.commit, 3], [after.commit, 2]]));
    expect(auditor.violations.filter((v) => v.rule === 'skipped-stage').map((v) => v.commit)).toEqual([skipping.commit]);
  });

  test('recording a hand edit copies none of the digests Ferry pinned: the bytes kept do not grow with them', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const used = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const auditor = new Auditor();
    const pins = 10_000;
    const edits = 1_000;
    for (let n = 1; n <= pins; n++) auditor.check(bump(n, n > 1 ? n - 1 : undefined), config);
    const edited = Array.from({ length: edits }, () => handEdit('stage'));
    const before = used();
    for (const c of edited) auditor.check(c, config); // each kept until settled
    const kept = used() - before;
    expect(auditor.handEditsToRead()).toHaveLength(edits);
    // (A copy of dev's digests per edit would keep 8 bytes per digest and edit: 80 MB.)
    expect(kept).toBeLessThan(pins * edits);
  });
});
