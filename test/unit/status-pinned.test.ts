// Since when each pin: the commit from which a manifest has held its digest without a break (as
// soak counts a run), whether a Ferry commit put it there, and what the history was read for it:
// nothing past the last change where that change is the pin.
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../actions/src/core/config.js';
import { computeStatus, formatStatusTable, pinnedSince, readPins, type ChangeInfo, type PinHistory, type StatusCommit } from '../../actions/src/core/status.js';
import { trailerList } from '../../actions/src/core/trailers.js';

const REG = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
const digest = (c: string) => `sha256:${c.repeat(64)}`;
const A = digest('a');
const B = digest('b');
const C = digest('c');
const image = (app: string, tag: string, d: string) => `${REG}/${app}:${tag}@${d}`;

const config = await parseConfig([
  `registry: ${REG}`, 'environments:', '  - name: dev', '  - name: prod', '    promoteFrom: dev', 'apps:',
  '  - name: web', '    image: web', '    manifest: "{env}/web/kustomization.yaml"',
  '  - name: api', '    image: api', '    manifest: "{env}/api/kustomization.yaml"', '',
].join('\n'));

const DEV_WEB = 'dev/web/kustomization.yaml';
const PATHS = ['dev/web/kustomization.yaml', 'prod/web/kustomization.yaml', 'dev/api/kustomization.yaml', 'prod/api/kustomization.yaml'];

/** A kustomize overlay of `app` pinning `tag`@`d`, with a comment line (a hand edit changes it). */
const overlay = (app: string, tag: string, d: string, comment = 'generated'): string =>
  ['# ' + comment, 'images:', `  - name: ${app}`, `    newName: ${REG}/${app}`, `    newTag: ${tag}`, `    digest: ${d}`, ''].join('\n');

/** A Ferry pin's message, as bump, promote and rollback write it. */
const pinMessage = (action: string, env: string, app: string, img: string, previous: string | undefined, by = 'alice') =>
  `${action}(${env}): ${app}\n\nFerry-Action: ${action}\nFerry-Env: ${env}\nFerry-App: ${app}\nFerry-Image: ${img}\n${previous ? `Ferry-Previous-Image: ${previous}\n` : ''}Ferry-Requested-By: ${by}\n`;

interface FakeCommit extends StatusCommit { tree: Map<string, string> }

/** A commit of a branch that a merge brings in (oldest first): the commits of the branches it merges in turn, if any. */
interface Merged { message: string; merged?: Merged[] }

/**
 * A branch's first-parent line as GitEnvRepo reads it, built commit by commit (oldest first), each
 * with the files it writes; a merge names the commits its other parent brought in (a branch off
 * its first parent, whose commits may be merges of branches in turn). Counts the reads.
 */
class Repo implements PinHistory {
  readonly line: FakeCommit[] = [];
  /** Every commit, of the line or brought in, in the order made. */
  readonly graph = new Map<string, { commit: string; date: string; subject: string; trailers: ReturnType<typeof trailerList>; parents: string[] }>();
  readonly reads = { commitInfos: [] as string[][], pathChanges: [] as string[][], readFilesAt: [] as number[], log: 0 };

  commit(files: Record<string, string>, message: string, author = 'Ferry', merged?: Merged[]): string {
    const parent = this.line.at(-1);
    const id = (this.line.length + 1).toString(16).padStart(40, '0');
    const tree = new Map(parent?.tree);
    for (const [path, text] of Object.entries(files)) tree.set(path, text);
    const requestedBy = trailerList(message).first('Ferry-Action') !== undefined ? trailerList(message).first('Ferry-Requested-By') : undefined;
    const parents = parent ? [parent.commit] : [];
    if (merged) parents.push(this.branch(parent!.commit, merged));
    const made = {
      commit: id, date: `2026-01-${String(this.line.length + 1).padStart(2, '0')}T00:00:00Z`, author, ...(requestedBy ? { requestedBy } : {}),
      subject: message.split('\n')[0]!, trailers: trailerList(message), parents,
    };
    this.line.push({ ...made, tree });
    this.graph.set(id, made);
    return id;
  }

  /** A branch off `base` with `commits` (oldest first): its tip. */
  private branch(base: string, commits: readonly Merged[]): string {
    let tip = base;
    for (const m of commits) {
      const parents = [tip, ...(m.merged ? [this.branch(tip, m.merged)] : [])];
      tip = `f${this.graph.size.toString(16).padStart(39, '0')}`; // (a line commit's id begins with 0)
      this.graph.set(tip, { commit: tip, date: '2026-01-01T00:00:00Z', subject: m.message.split('\n')[0]!, trailers: trailerList(m.message), parents });
    }
    return tip;
  }

  /** The newest commit brought in with this subject. */
  brought(subject: string): string {
    return [...this.graph.values()].filter((c) => c.subject === subject && !this.line.some((l) => l.commit === c.commit)).at(-1)!.commit;
  }

  get head(): string {
    return this.line.at(-1)!.commit;
  }

  /** What changed each path last (lastChanges), as ChangeInfo. */
  lastChanges(): Map<string, ChangeInfo> {
    const found = new Map<string, ChangeInfo>();
    for (const c of this.changes(PATHS)) {
      for (const f of c.files) {
        if (found.has(f)) continue;
        const { commit, date, author, requestedBy, subject } = this.line.find((l) => l.commit === c.commit)!;
        found.set(f, { commit, date, author, ...(requestedBy ? { requestedBy } : {}), subject });
      }
    }
    return found;
  }

  status() {
    const pins = readPins(config, this.line.at(-1)!.tree);
    return { pins, changes: this.lastChanges() };
  }

  private changes(paths: readonly string[]): { commit: string; files: string[] }[] {
    return this.line.map((c, i) => ({ commit: c.commit, files: paths.filter((p) => c.tree.get(p) !== this.line[i - 1]?.tree.get(p)) }))
      .filter((c) => c.files.length).reverse();
  }

  async commitInfos(commits: readonly string[]): Promise<Map<string, StatusCommit>> {
    this.reads.commitInfos.push([...commits]);
    return new Map(this.line.filter((c) => commits.includes(c.commit)).map(({ tree: _t, ...c }) => [c.commit, c]));
  }

  async pathChanges(head: string, paths: readonly string[]) {
    expect(head).toBe(this.head);
    this.reads.pathChanges.push([...paths]);
    return this.changes(paths);
  }

  async readFilesAt<T>(versions: readonly { commit: string; path: string }[], read: (file: string | undefined, path: string) => T): Promise<T[]> {
    this.reads.readFilesAt.push(versions.length);
    return versions.map(({ commit, path }) => read(this.line.find((c) => c.commit === commit)!.tree.get(path), path));
  }

  async log(tip: string, not: readonly string[]) {
    this.reads.log++;
    const seen = this.reachable(not);
    const found = this.reachable([tip]);
    return [...this.graph.values()].filter((c) => found.has(c.commit) && !seen.has(c.commit)).reverse();
  }

  private reachable(tips: readonly string[]): Set<string> {
    const found = new Set<string>();
    for (const stack = [...tips]; stack.length;) {
      const c = this.graph.get(stack.pop()!);
      if (!c || found.has(c.commit)) continue;
      found.add(c.commit);
      stack.push(...c.parents);
    }
    return found;
  }
}

/** A repository made by `ferry init`: every manifest pins A (tag 1.0.0). */
function initRepo(message = 'init: Ferry environment repository\n\nFerry-Action: init\n'): Repo {
  const repo = new Repo();
  repo.commit(Object.fromEntries(PATHS.map((p) => [p, overlay(p.split('/')[1]!, '1.0.0', A)])), message);
  return repo;
}

/** pinnedSince of dev/web, with the last change of its manifest. */
async function devWeb(repo: Repo) {
  const { pins, changes } = repo.status();
  const pinned = await pinnedSince(repo, config, repo.head, pins, changes);
  const status = computeStatus(config, repo.head, pins, changes, pinned);
  return { row: status.rows.find((r) => r.manifest === DEV_WEB)!, status };
}

const at = (repo: Repo, id: string) => {
  const { tree: _t, trailers: _r, parents: _p, ...c } = repo.line.find((l) => l.commit === id)!;
  return c;
};

describe('pinnedSince: the commit that began the current run of the digest', () => {
  test('a Ferry pin that is the last change: it, read from the last changes alone (no further log, no file read)', async () => {
    const repo = initRepo();
    const pin = repo.commit({ [DEV_WEB]: overlay('web', '2.0.0', B) }, pinMessage('bump', 'dev', 'web', image('web', '2.0.0', B), image('web', '1.0.0', A)));
    const { row } = await devWeb(repo);
    expect(row.pinned).toEqual({ ...at(repo, pin), requestedBy: 'alice', action: 'bump' });
    expect(row.changed?.commit).toBe(pin);
    expect(repo.reads).toEqual({ commitInfos: [expect.arrayContaining([pin])], pathChanges: [], readFilesAt: [], log: 0 });
  });

  test('a comment edited by hand after the pin: the pin, and the edit as the last change', async () => {
    const repo = initRepo();
    const pin = repo.commit({ [DEV_WEB]: overlay('web', '2.0.0', B) }, pinMessage('bump', 'dev', 'web', image('web', '2.0.0', B), image('web', '1.0.0', A)));
    const edit = repo.commit({ [DEV_WEB]: overlay('web', '2.0.0', B, 'reformatted') }, 'add label', 'mallory');
    const { row, status } = await devWeb(repo);
    expect(row.pinned).toEqual({ ...at(repo, pin), requestedBy: 'alice', action: 'bump' });
    expect(row.changed).toEqual(at(repo, edit));
    // Read further back for this manifest alone.
    expect(repo.reads.pathChanges).toEqual([[DEV_WEB]]);
    const table = formatStatusTable(status).split('\n');
    expect(table.find((l) => l.startsWith('web  dev '))).toMatch(new RegExp(` ${pin.slice(0, 12)}\\* +alice$`));
    expect(table.at(-1)).toBe('* the manifest changed since the pin, its digest did not (--json: "changed" is the last change)');
  });

  test.each([
    ['a plain commit', 'hotfix'],
    ['a commit naming a requester as Ferry would, without being a pin', 'hotfix\n\nFerry-Requested-By: alice'],
    ['a Ferry commit whose trailers pin another digest', pinMessage('bump', 'dev', 'web', image('web', '9.0.0', C), image('web', '1.0.0', A))],
    ['a Ferry commit whose trailers pin it in another environment', pinMessage('bump', 'prod', 'web', image('web', '2.0.0', B), image('web', '1.0.0', A))],
    ['a Ferry commit whose trailers pin another app', pinMessage('bump', 'dev', 'api', image('web', '2.0.0', B), image('web', '1.0.0', A))],
  ])('a digest put there by %s: by hand, by its author, no requester', async (_title, message) => {
    const repo = initRepo();
    const hand = repo.commit({ [DEV_WEB]: overlay('web', '2.0.0', B) }, message, 'mallory');
    const { row, status } = await devWeb(repo);
    expect(row.pinned).toEqual({ ...at(repo, hand), requestedBy: undefined, byHand: true });
    expect(row.pinned).not.toHaveProperty('requestedBy');
    expect(formatStatusTable(status).split('\n').find((l) => l.startsWith('web  dev '))).toMatch(new RegExp(` ${hand.slice(0, 12)} +mallory \\(by hand\\)$`));
  });

  test('the digest pinned again under another tag: since its first pin (the later pin\'s Ferry-Previous-Image has the same digest)', async () => {
    const repo = initRepo();
    const first = repo.commit({ [DEV_WEB]: overlay('web', '2.0.0', B) }, pinMessage('bump', 'dev', 'web', image('web', '2.0.0', B), image('web', '1.0.0', A)));
    repo.commit({ [DEV_WEB]: overlay('web', 'stable', B) }, pinMessage('bump', 'dev', 'web', image('web', 'stable', B), image('web', '2.0.0', B), 'bob'));
    const { row } = await devWeb(repo);
    expect(row).toMatchObject({ tag: 'stable', pinned: { ...at(repo, first), requestedBy: 'alice', action: 'bump' } });
  });

  test('a digest changed by hand and put back: since it was put back, by whatever put it back', async () => {
    const repo = initRepo();
    repo.commit({ [DEV_WEB]: overlay('web', '2.0.0', B) }, pinMessage('bump', 'dev', 'web', image('web', '2.0.0', B), image('web', '1.0.0', A)));
    repo.commit({ [DEV_WEB]: overlay('web', '2.0.0', C) }, 'try C', 'mallory');
    const back = repo.commit({ [DEV_WEB]: overlay('web', '2.0.0', B) }, 'back to B', 'mallory');
    expect((await devWeb(repo)).row.pinned).toEqual({ ...at(repo, back), byHand: true });
    repo.commit({ [DEV_WEB]: overlay('web', '2.0.0', C) }, 'C again', 'mallory');
    const rollback = repo.commit({ [DEV_WEB]: overlay('web', '2.0.0', B) }, pinMessage('rollback', 'dev', 'web', image('web', '2.0.0', B), image('web', '2.0.0', C), 'carol'));
    expect((await devWeb(repo)).row.pinned).toEqual({ ...at(repo, rollback), requestedBy: 'carol', action: 'rollback' });
  });

  test('ferry init\'s first commit: pinned by init; a first commit without its trailer: by hand; neither read past the last change', async () => {
    const init = initRepo();
    expect((await devWeb(init)).row.pinned).toEqual({ ...at(init, init.head), action: 'init' });
    const plain = initRepo('first commit');
    expect((await devWeb(plain)).row.pinned).toEqual({ ...at(plain, plain.head), byHand: true });
    for (const repo of [init, plain]) expect(repo.reads).toMatchObject({ pathChanges: [], readFilesAt: [], log: 0 });
  });

  test('a run of many versions: the pin, its versions read in rounds (2, then 8, then 32), not one at a time', async () => {
    const repo = initRepo();
    const pin = repo.commit({ [DEV_WEB]: overlay('web', '2.0.0', B) }, pinMessage('promote', 'dev', 'web', image('web', '2.0.0', B), image('web', '1.0.0', A)));
    for (let i = 0; i < 12; i++) repo.commit({ [DEV_WEB]: overlay('web', '2.0.0', B, `edit ${i}`) }, `edit ${i}`, 'mallory');
    const { row } = await devWeb(repo);
    expect(row.pinned).toEqual({ ...at(repo, pin), requestedBy: 'alice', action: 'promote' });
    // 14 versions: 12 edits, the pin, init (the first to pin another digest); the newest is the row's, not read again.
    expect(repo.reads.readFilesAt).toEqual([2, 8, 3]);
  });

  test('a pin a merge brought in: the merge (when it landed), the Ferry commit it brought, and who asked for it; what a merge brought read once', async () => {
    const repo = initRepo();
    const merge = repo.commit({ [DEV_WEB]: overlay('web', '2.0.0', B), 'dev/api/kustomization.yaml': overlay('api', '2.0.0', C) }, 'Merge pull request #7', 'GitHub', [
      { message: 'unrelated' },
      { message: pinMessage('bump', 'dev', 'web', image('web', '2.0.0', B), image('web', '1.0.0', A), 'dora') },
      { message: pinMessage('bump', 'dev', 'api', image('api', '2.0.0', C), image('api', '1.0.0', A), 'erin') },
      { message: 'docs' },
    ]);
    const { row, status } = await devWeb(repo);
    expect(row.pinned).toEqual({ ...at(repo, merge), requestedBy: 'dora', action: 'bump', ferryCommit: repo.brought('bump(dev): web') });
    expect(status.rows.find((r) => r.manifest === 'dev/api/kustomization.yaml')?.pinned).toEqual({ ...at(repo, merge), requestedBy: 'erin', action: 'bump', ferryCommit: repo.brought('bump(dev): api') });
    expect(repo.reads.log).toBe(1);
    // A merge of a hand edit: by hand.
    const hand = repo.commit({ [DEV_WEB]: overlay('web', '3.0.0', C) }, 'Merge pull request #8', 'GitHub', [{ message: 'try C' }]);
    expect((await devWeb(repo)).row.pinned).toEqual({ ...at(repo, hand), byHand: true });
  });

  test('pins brought in by many merges (pull requests merged with merge commits): what they brought read in one log, not one per merge', async () => {
    const repo = initRepo();
    const merges = PATHS.map((path, n) => {
      const [env, app] = path.split('/') as [string, string];
      return repo.commit({ [path]: overlay(app, '2.0.0', B) }, `Merge pull request #${n}`, 'GitHub', [
        { message: pinMessage('bump', env, app, image(app, '2.0.0', B), image(app, '1.0.0', A), `user${n}`) },
      ]);
    });
    const { status } = await devWeb(repo);
    expect(status.rows.map((r) => r.pinned)).toEqual(status.rows.map((r) => {
      const n = PATHS.indexOf(r.manifest);
      return { ...at(repo, merges[n]!), requestedBy: `user${n}`, action: 'bump', ferryCommit: repo.brought(`bump(${r.env}): ${r.app}`) };
    }));
    expect(repo.reads.log).toBe(1);
  });

  test('a pin a merge of a merge brought in (bump on pr1, pr1 merged into release, release into main): the Ferry commit, not by hand', async () => {
    const repo = initRepo();
    const merge = repo.commit({ [DEV_WEB]: overlay('web', '2.0.0', B) }, 'Merge release', 'GitHub', [
      { message: 'release notes' },
      { message: 'Merge pr1 into release', merged: [{ message: pinMessage('bump', 'dev', 'web', image('web', '2.0.0', B), image('web', '1.0.0', A), 'dora') }, { message: 'tidy' }] },
      { message: 'more notes' },
    ]);
    const { row, status } = await devWeb(repo);
    expect(row.pinned).toEqual({ ...at(repo, merge), requestedBy: 'dora', action: 'bump', ferryCommit: repo.brought('bump(dev): web') });
    expect(formatStatusTable(status).split('\n').find((l) => l.startsWith('web  dev '))).toMatch(new RegExp(` ${merge.slice(0, 12)} +dora$`));
  });

  test('many manifests: only those whose last change is not their pin are read further back, in one log and one read a round', async () => {
    const repo = initRepo();
    repo.commit({ [DEV_WEB]: overlay('web', '2.0.0', B) }, pinMessage('bump', 'dev', 'web', image('web', '2.0.0', B), image('web', '1.0.0', A)));
    repo.commit({ 'prod/api/kustomization.yaml': overlay('api', '1.0.0', A, 'edited') }, 'docs', 'mallory');
    repo.commit({ 'dev/api/kustomization.yaml': overlay('api', '1.0.0', A, 'edited') }, 'docs', 'mallory');
    const { status } = await devWeb(repo);
    expect(repo.reads.pathChanges).toEqual([['dev/api/kustomization.yaml', 'prod/api/kustomization.yaml']]);
    // (Each one's version before its last change: the last change's is the row's.)
    expect(repo.reads.readFilesAt).toEqual([2]);
    expect(status.rows.map((r) => [r.manifest, r.pinned?.commit === repo.line[0]!.commit ? 'init' : r.pinned?.action, r.changed?.commit !== r.pinned?.commit])).toEqual([
      ['dev/web/kustomization.yaml', 'bump', false],
      ['prod/web/kustomization.yaml', 'init', false],
      ['dev/api/kustomization.yaml', 'init', true],
      ['prod/api/kustomization.yaml', 'init', true],
    ]);
  });

  test('a row with an error, or without a digest: no pin, nothing read for it; the table shows its last change', async () => {
    const repo = initRepo();
    const broken = repo.commit({ [DEV_WEB]: overlay('web', '2.0.0', 'sha256:abc'), 'dev/api/kustomization.yaml': 'images: [\n' }, 'break', 'mallory');
    const { status } = await devWeb(repo);
    for (const manifest of [DEV_WEB, 'dev/api/kustomization.yaml']) expect(status.rows.find((r) => r.manifest === manifest)).not.toHaveProperty('pinned');
    expect(repo.reads.commitInfos.flat()).not.toContain(broken);
    expect(formatStatusTable(status).split('\n').find((l) => l.startsWith('web  dev '))).toMatch(new RegExp(`! +see below +2026-01-02 00:00:00Z +${broken.slice(0, 12)} +mallory$`));
  });
});
