// ferry audit of pull requests merged with merge commits, as pull-request delivery lands every
// promotion: what the merges brought in is read for the whole history at once, not with a git per
// merge (10,000 merged pull requests once started 10,006 gits and took 34 s). Each merge's side,
// rebuilt in memory, is checked against git's own answer (sideHistory(), sameFiles()) on histories
// of every shape; the gits an audit starts are counted with git's trace.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { GitEnvRepo } from '../../actions/src/adapters/git.js';
import { type LogEntry } from '../../actions/src/adapters/git-log.js';
import { MergeSides } from '../../actions/src/core/audit.js';
import { parseConfig } from '../../actions/src/core/config.js';
import { runAudit } from '../../actions/src/entry/commands/audit.js';
import { appName, digestOf, ferryYaml, imageRef, overlay, readRemoteFile } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';

// Every ferry.yaml parsed, counted (the parse itself is the real one).
vi.mock('../../actions/src/core/config.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../actions/src/core/config.js')>();
  return { ...actual, parseConfig: vi.fn(actual.parseConfig) };
});

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-audit-merges-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** One commit of a fast-import stream: its branch, parents (marks, the first first), message and whole tree. */
interface StreamCommit {
  ref: string;
  parents: number[];
  message: string;
  files: ReadonlyMap<string, string>;
}

/**
 * A bare repository made of `commits` (commit i has mark i + 1), dated one second apart; returns
 * each commit's id, by mark. (In date order: where commit dates go back in time, git's walk of
 * one merge may stop early and list commits that are in its first parent's history already, which
 * the graph does not.)
 */
function writeRepo(dir: string, commits: readonly StreamCommit[]): string[] {
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', dir]);
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const stream = commits.map((c, i) => [
    `commit ${c.ref}\nmark :${i + 1}\ncommitter Fixture <fixture@example.invalid> ${1_700_000_000 + i} +0000\n${data(c.message)}`,
    ...c.parents.map((p, n) => `${n === 0 ? 'from' : 'merge'} :${p}\n`),
    'deleteall\n',
    ...[...c.files].map(([path, text]) => `M 100644 inline ${path}\n${data(text)}`),
    '\n',
  ].join(''));
  const marks = join(dir, 'marks');
  const result = spawnSync('git', ['-C', dir, 'fast-import', '--quiet', `--export-marks=${marks}`], { input: stream.join('') });
  if (result.status !== 0) throw new Error(`fast-import failed: ${result.stderr.toString()}`);
  const ids: string[] = [];
  for (const line of execFileSync('cat', [marks]).toString().trim().split('\n')) {
    const [mark, id] = line.split(' ');
    ids[Number(mark!.slice(1))] = id!;
  }
  for (const ref of new Set(commits.map((c) => c.ref))) if (ref !== 'refs/heads/main') execFileSync('git', ['-C', dir, 'update-ref', '-d', ref]);
  return ids;
}

const APPS = 5;

/**
 * `count` pull requests, each a Ferry bump into dev on a branch of its own, merged into main with
 * a merge commit (no trailers), as GitHub merges them. Every fourth branch is first brought up to
 * date with main (GitHub's "Update branch": main merged into it, after a Ferry bump on main).
 * Pull request 2 holds a manual edit; pull request 3's merge resolves the pin by hand. Returns the
 * commits that audit must flag.
 */
function pullRequests(dir: string, count: number): { editedByHand: string; resolvedByHand: string } {
  const commits: StreamCommit[] = [];
  const add = (c: StreamCommit) => commits.push(c) as number; // (its mark)
  const init = new Map([['ferry.yaml', ferryYaml(APPS)]]);
  for (let i = 0; i < APPS; i++) for (const env of ['dev', 'stage', 'prod']) init.set(`${env}/${appName(i)}/kustomization.yaml`, overlay(appName(i), env, '1.0.0', digestOf(`${appName(i)} 1.0.0`)));
  let main = add({ ref: 'refs/heads/main', parents: [], message: 'init: env repo\n\nFerry-Action: init\n', files: init });
  const pinned = new Map<string, string>();
  /** A Ferry bump of app into dev, on top of `base`'s tree. */
  const bump = (ref: string, base: number, app: string, tag: string): StreamCommit => {
    const path = `dev/${app}/kustomization.yaml`;
    const image = imageRef(app, tag);
    const previous = pinned.get(app) ?? imageRef(app, '1.0.0');
    pinned.set(app, image);
    const files = new Map(commits[base - 1]!.files).set(path, overlay(app, 'dev', tag, digestOf(`${app} ${tag}`)));
    return { ref, parents: [base], message: `bump(dev): ${app} ${tag}\n\nFerry-Action: bump\nFerry-Env: dev\nFerry-App: ${app}\nFerry-Image: ${image}\nFerry-Previous-Image: ${previous}\nFerry-Requested-By: alice\n`, files };
  };
  let editedByHand = 0;
  let resolvedByHand = 0;
  for (let k = 0; k < count; k++) {
    const ref = `refs/heads/pr-${k}`;
    const app = appName(k % APPS);
    let tip = add(bump(ref, main, app, `2.${k}.0`));
    if (k % 4 === 1) {
      main = add(bump('refs/heads/main', main, appName((k + 2) % APPS), `3.${k}.0`));
      // The branch's files, and what main changed since.
      const files = new Map(commits[tip - 1]!.files);
      for (const [path, text] of commits[main - 1]!.files) if (!path.startsWith(`dev/${app}/`)) files.set(path, text);
      tip = add({ ref, parents: [tip, main], message: `Merge branch 'main' into pr-${k}\n`, files });
    }
    if (k === 2) {
      const files = new Map(commits[tip - 1]!.files).set(`dev/${app}/kustomization.yaml`, overlay(app, 'dev', 'hotfix', digestOf(`${app} hotfix`)));
      tip = editedByHand = add({ ref, parents: [tip], message: 'hotfix by hand\n', files });
    }
    const files = new Map(commits[main - 1]!.files).set(`dev/${app}/kustomization.yaml`, commits[tip - 1]!.files.get(`dev/${app}/kustomization.yaml`)!);
    if (k === 3) files.set(`dev/${app}/kustomization.yaml`, overlay(app, 'dev', 'resolved', digestOf(`${app} resolved`)));
    main = add({ ref: 'refs/heads/main', parents: [main, tip], message: `Merge pull request #${k} from acme/pr-${k}\n`, files });
    if (k === 3) resolvedByHand = main;
  }
  const ids = writeRepo(dir, commits);
  return { editedByHand: ids[editedByHand]!, resolvedByHand: ids[resolvedByHand]! };
}

/** A small PRNG (mulberry32): the same history for the same seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A history of random shape: commits on main and on branches (from main's last commits, an old
 * one, or another branch), branches brought up to date with main or with each other, merged into
 * main one or two at a time (an octopus), some merged again later with more commits; a merge may
 * leave a file as neither parent had it (a conflict resolved by hand).
 */
function randomHistory(dir: string, seed: number, size: number): void {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const paths = ['README.md', ...[0, 1, 2, 3].map((i) => `dev/${appName(i)}/kustomization.yaml`)];
  const commits: StreamCommit[] = [];
  const add = (c: StreamCommit) => commits.push(c) as number;
  const changed = (base: number) => new Map(commits[base - 1]!.files).set(pick(paths), `${rand()}\n`);
  const line = [add({ ref: 'refs/heads/main', parents: [], message: 'init\n', files: new Map(paths.map((p) => [p, 'first\n'])) })];
  const branches = new Map<string, number>();
  const merged = (first: number, others: number[]) => {
    const files = new Map(commits[first - 1]!.files);
    for (const o of others) for (const [p, text] of commits[o - 1]!.files) if (rand() < 0.8) files.set(p, text);
    if (rand() < 0.2) files.set(pick(paths), 'resolved by hand\n');
    return files;
  };
  for (let n = 0; n < size; n++) {
    const r = rand();
    const trailers = rand() < 0.3 ? '\n\nFerry-Action: bump\n' : '\n';
    if (r < 0.3 || (r >= 0.55 && branches.size === 0)) {
      line.push(add({ ref: 'refs/heads/main', parents: [line.at(-1)!], message: `main ${n}${trailers}`, files: changed(line.at(-1)!) }));
    } else if (r < 0.55) {
      const name = branches.size && rand() < 0.6 ? pick([...branches.keys()]) : `b${n}`;
      let base = branches.get(name) ?? (rand() < 0.8 ? pick(line.slice(-4)) : pick(line));
      if (!branches.has(name) && branches.size && rand() < 0.2) base = pick([...branches.values()]);
      branches.set(name, add({ ref: `refs/heads/${name}`, parents: [base], message: `on ${name} ${n}${trailers}`, files: changed(base) }));
    } else if (r < 0.68) {
      const name = pick([...branches.keys()]);
      const other = rand() < 0.7 ? line.at(-1)! : pick([...branches.values()]);
      if (other === branches.get(name)) continue;
      branches.set(name, add({ ref: `refs/heads/${name}`, parents: [branches.get(name)!, other], message: `Merge into ${name}${trailers}`, files: merged(branches.get(name)!, [other]) }));
    } else {
      const names = [...branches.keys()].sort(() => rand() - 0.5).slice(0, rand() < 0.8 ? 1 : 2);
      const tips = names.map((name) => branches.get(name)!);
      line.push(add({ ref: 'refs/heads/main', parents: [line.at(-1)!, ...tips], message: `Merge pull request${trailers}`, files: merged(line.at(-1)!, tips) }));
      for (const name of names) if (rand() < 0.7) branches.delete(name);
    }
  }
  writeRepo(dir, commits);
}

/** The git commands a ferry run started (git's trace). */
async function gitCommands(trace: string): Promise<string[][]> {
  const events = (await readFile(trace, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { event: string; argv?: string[] });
  return events.filter((e) => e.event === 'start').map((e) => e.argv!.slice(1));
}

describe('what merges brought in, read for the whole history at once', () => {
  test.each([1, 2, 3, 4, 5, 6])('history of random shape %i: each merge\'s side, parents and files the same as git tells them one merge at a time', async (seed) => {
    const dir = join(root, `random-${seed}.git`);
    randomHistory(dir, seed, 90);
    const repo = await GitEnvRepo.openForReading({ repo: dir, branch: 'main', history: true });
    try {
      const head = (await repo.head()).commit;
      const line: LogEntry[] = [];
      for await (const batch of repo.firstParentHistory(head)) line.push(...batch);
      const merges = line.filter((c) => c.parents);
      const since = merges[0]!.parents![0]!;
      const { parents, side, differences } = await repo.commitsSince(head, since);
      const sides = new MergeSides(head, since, parents, side, differences);
      const paths = ['README.md', 'none', ...[0, 1, 2, 3].map((i) => `dev/${appName(i)}/kustomization.yaml`)];
      const seen = { merges: 0, inner: 0, octopus: 0, commits: 0 };
      // As audit takes a merge apart: each side, and the merges on it, with what was read before.
      const compare = async (merge: string, mergeParents: readonly string[], known: readonly string[], depth: number): Promise<void> => {
        const [first, ...tips] = mergeParents;
        const read = [first!, ...known];
        seen.merges++;
        if (depth) seen.inner++;
        if (tips.length > 1) seen.octopus++;
        for (const tip of tips) {
          const expected = await repo.sideHistory(read, tip);
          expect(sides.side(read, tip), `${merge} ${tip}`).toEqual(expected);
          expect(sides.sameFiles(merge, tip, paths), `${merge} ${tip}`).toEqual([...(await repo.sameFiles(merge, tip, paths))]);
          seen.commits += expected.length;
          for (const c of expected) {
            const cParents = await repo.parents(c.commit);
            expect(sides.parents(c.commit)).toEqual(cParents);
            if (cParents.length > 1) await compare(c.commit, cParents, read, depth + 1);
          }
        }
      };
      for (const m of merges) await compare(m.commit, m.parents!, [], 0);
      // (The shapes the history was made to have.)
      expect(seen.inner).toBeGreaterThan(0);
      expect(seen.commits).toBeGreaterThan(10);
      if (seed === 1) expect(seen.octopus).toBeGreaterThan(0);
    } finally {
      await repo.close();
    }
  });

  test('the gits an audit starts do not grow with the number of merged pull requests; a manual edit in one and a merge resolved by hand are flagged all the same', async () => {
    const runs = [];
    for (const count of [4, 40]) {
      const dir = join(root, `prs-${count}.git`);
      const flagged = pullRequests(dir, count);
      const trace = join(root, `prs-${count}.json`);
      const r = await ferry(['audit', '--repo', dir, '--format', 'json'], { env: { GIT_TRACE2_EVENT: trace } });
      const report = JSON.parse(r.stdout) as { checked: number; violations: { commit: string; rule: string; env?: string; app?: string }[] };
      expect(report.violations.map((v) => [v.commit, v.rule, v.env, v.app])).toEqual([
        [flagged.editedByHand, 'unrecorded-change', 'dev', appName(2)],
        [flagged.resolvedByHand, 'unrecorded-change', 'dev', appName(3)],
      ]);
      expect(r.code).toBe(1);
      // Every commit checked once: the first, each pull request's bump and merge, the updates with main's bump, the manual edit.
      expect(report.checked).toBe(1 + 2 * count + 2 * Math.ceil((count - 1) / 4) + 1);
      runs.push((await gitCommands(trace)).length);
    }
    expect(runs[1]).toBe(runs[0]);
  });
});

describe('ferry.yaml as it was at each commit', () => {
  test('a version the history returns to (a change reverted, and reverted again) is parsed once; each change is still judged', async () => {
    const dir = join(root, 'reverts.git');
    pullRequests(dir, 0);
    const strict = readRemoteFile(dir, 'ferry.yaml')!.replace('    promoteFrom: stage\n', '    promoteFrom: stage\n    gates: { approvals: 1 }\n');
    const relaxed = strict.replace('approvals: 1', 'approvals: 0');
    await commitByHand(dir, { 'ferry.yaml': strict }, 'approvals for prod');
    const relaxing: string[] = [];
    for (let i = 0; i < 3; i++) {
      relaxing.push(await commitByHand(dir, { 'ferry.yaml': relaxed }, 'relax'));
      await commitByHand(dir, { 'ferry.yaml': strict }, 'revert');
    }
    vi.mocked(parseConfig).mockClear();
    const report = await runAudit({ repo: dir, branch: 'main' });
    expect(report.violations.map((v) => [v.commit, v.rule, v.env, v.message])).toEqual(relaxing.map((c) => [c, 'rules-weakened', 'prod', 'ferry.yaml relaxed the rules prod is judged by: approvals 0, was 1']));
    // The first version, the strict one, the relaxed one: each once.
    expect(vi.mocked(parseConfig).mock.calls.length).toBe(3);
  });
});
