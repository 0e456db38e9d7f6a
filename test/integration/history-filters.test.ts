// ferry history --app / --env: git is asked only about the manifests of the apps and environments
// asked for, and what is shown is the unfiltered history's rows for them. History once looked
// for changes of every manifest of the repository whatever the filter (past 32 paths, a log of
// every file of every commit: on 2,000 apps x 60,000 commits, 8 s and 488 MB for 2 KB of output).
// Counted here with git's own trace of the commands it ran.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { appName, createEnvRepo, imageRef, ENVS } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';

// 12 apps x 3 environments: 36 manifests, more than pathChanges() gives git as pathspecs.
const APPS = 12;
const a = appName(1);
const b = appName(2);
const manifest = (env: string, app: string) => `${env}/${app}/kustomization.yaml`;
let root: string;
let repo: string;
const made: Record<string, string> = {};
let traces = 0;

interface Event { commit: string; action: string; env?: string; app?: string; image?: string }

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-history-filters-'));
  repo = join(root, 'env.git');
  // Every app bumped into dev, then promoted to stage and to prod.
  await createEnvRepo({ dir: repo, apps: APPS, history: APPS * ENVS.length, flow: true });
  const work = join(root, 'work');
  execFileSync('git', ['clone', '--quiet', repo, work]);
  const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Hand', '-c', 'user.email=hand@example.invalid', ...args], { stdio: 'pipe' }).toString().trim();
  const retag = (tag: string, ...paths: string[]) => {
    for (const path of paths) writeFileSync(join(work, path), readFileSync(join(work, path), 'utf8').replace(/newTag: \S+/, `newTag: ${tag}`));
  };
  const commit = (name: string, message: string) => {
    git('commit', '--quiet', '--all', '-m', message);
    made[name] = git('rev-parse', 'HEAD');
  };
  // A git revert of Ferry's bump of a in dev.
  git('revert', '--no-edit', git('log', '-1', '--format=%H', '--grep', `^bump(dev): ${a} `));
  made.revert = git('rev-parse', 'HEAD');
  // By hand: one manifest, then manifests of two apps in two environments in one commit.
  retag('9.9.9', manifest('prod', a));
  commit('edit', 'hotfix by hand');
  retag('8.8.8', manifest('dev', a), manifest('stage', b));
  commit('several', 'two apps by hand');
  // A pull request merged with GitHub's message: a Ferry bump and a hand edit on its branch, a
  // hand edit on main meanwhile, and the merge changing a manifest of its own.
  git('checkout', '--quiet', '-b', 'pr');
  retag('7.7.7', manifest('dev', a));
  commit('sideBump', `bump(dev): ${a} 7.7.7\n\nFerry-Action: bump\nFerry-Env: dev\nFerry-App: ${a}\nFerry-Image: ${imageRef(a, '7.7.7')}\n`);
  retag('7.7.8', manifest('stage', a));
  commit('sideEdit', 'on the branch by hand');
  git('checkout', '--quiet', 'main');
  retag('6.6.6', manifest('dev', b));
  commit('mainEdit', 'meanwhile on main by hand');
  git('merge', '--quiet', '--no-ff', '--no-commit', 'pr');
  retag('5.5.5', manifest('prod', a));
  commit('merge', 'Merge pull request #1 from acme/pr');
  git('push', '--quiet', 'origin', 'main');
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** ferry history --json with `args`, and the pathspecs and arguments of each `git log` it ran that lists the files of commits. */
async function history(args: string[]): Promise<{ events: Event[]; pathspecs: string[][]; logs: string[][] }> {
  const trace = join(root, `trace-${++traces}.json`);
  const r = await ferry(['history', '--repo', repo, ...args, '--json'], { env: { GIT_TRACE2_EVENT: trace } });
  expect(r.code, r.stderr).toBe(0);
  const started = (await readFile(trace, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { event: string; argv?: string[] }).filter((e) => e.event === 'start');
  const logs = started.map((e) => e.argv!).filter((argv) => argv.includes('log') && argv.includes('--name-only'));
  // One log of the first-parent commits' files, and a second of the side commits of a merge that
  // changed a manifest asked about: each of the commits it is given only (no walk of the history).
  expect(logs.length).toBeGreaterThanOrEqual(1);
  expect(logs.length).toBeLessThanOrEqual(2);
  for (const argv of logs) expect(argv).toEqual(expect.arrayContaining(['--no-walk=unsorted', '--stdin']));
  return { events: (JSON.parse(r.stdout) as { events: Event[] }).events, pathspecs: logs.map((argv) => argv.filter((arg) => arg.startsWith(':(literal)'))), logs };
}

test.each<[string, { env?: string; app?: string }, string[]]>([
  ['one app in one environment: one path', { app: a, env: 'prod' }, [manifest('prod', a)]],
  ['... in another', { app: a, env: 'dev' }, [manifest('dev', a)]],
  ['... and another', { app: b, env: 'stage' }, [manifest('stage', b)]],
  ['one app: its manifest in each environment', { app: a }, ENVS.map((env) => manifest(env, a))],
  ['one environment: the manifest of each app in it', { env: 'dev' }, Array.from({ length: APPS }, (_, i) => manifest('dev', appName(i)))],
])('%s: a log limited to those manifests, and the unfiltered history\'s rows', async (_title, filter, paths) => {
  const all = await history([]);
  const args = [...(filter.env ? ['--env', filter.env] : []), ...(filter.app ? ['--app', filter.app] : [])];
  const filtered = await history(args);
  expect(filtered.pathspecs[0]).toEqual(paths.map((p) => `:(literal)${p}`));
  // (The side commits of a merge are asked only about the manifests asked for that it changed.)
  for (const more of filtered.pathspecs.slice(1)) expect(paths.map((p) => `:(literal)${p}`)).toEqual(expect.arrayContaining(more));
  // (An event of no environment, the init here, a block or an unblock, holds in every one: kept under --env.)
  const rows = all.events.filter((e) => (filter.env === undefined || e.env === undefined || e.env === filter.env) && (filter.app === undefined || e.app === filter.app));
  expect(rows.some((e) => e.action === 'edit')).toBe(true);
  expect(filtered.events).toEqual(rows);
});

test('what the rows are: hand edits and the revert, and, where the merge landed, what it made itself and what was changed by hand on its branch', async () => {
  const { events } = await history([]);
  expect(events.filter((e) => e.action === 'edit').map((e) => [e.commit, e.env, e.app])).toEqual([
    [made.merge, 'prod', a],
    [made.sideEdit, 'stage', a],
    [made.mainEdit, 'dev', b],
    [made.several, 'dev', a], [made.several, 'stage', b],
    [made.edit, 'prod', a],
    [made.revert, 'dev', a],
  ]);
  expect(events.find((e) => e.commit === made.sideBump)).toMatchObject({ action: 'bump', env: 'dev', app: a, image: imageRef(a, '7.7.7') });
});

test('the files of hand edits: git compares only the commits it is given (the first-parent ones without Ferry trailers), not each commit of the history', async () => {
  // Only such a commit can be a hand edit: a Ferry commit is ferry audit's to check. Comparing
  // every commit with its parent cost 2.3 s of git on 100,000 commits for a handful of edits.
  for (const args of [[], ['--app', a], ['--env', 'dev']]) {
    const { logs } = await history(args);
    expect(logs[0]).toContain('--no-walk=unsorted');
    expect(logs[0]).toContain('--stdin');
    expect(logs[0]!.filter((arg) => /^[0-9a-f]{40}$/.test(arg))).toEqual([]); // (no commit to walk from)
  }
});
