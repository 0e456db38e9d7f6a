// An env repo of many apps: promote --all and history read it in a few rounds, whatever the number
// of apps. Both once went app by app: a promotion of 2,000 apps made 2,000 fetches (87 s), and
// history gave git 6,000 pathspecs, each name of each commit matched against all of them (it ran
// for more than 15 minutes). Counted here with git's own trace of the commands it ran.
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { appName, createEnvRepo, overlay, digestOf, readRemoteFile } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';

const APPS = 60;
let root: string;
let repo: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-many-apps-'));
  repo = join(root, 'env.git');
  // Commit n pins app n % 60 in dev, stage or prod (n % 3): 40 apps have a dev pin stage has not.
  await createEnvRepo({ dir: repo, apps: APPS, history: 120 });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The git commands a ferry run started (git's trace), each as its arguments from the command on. */
async function gitCommands(trace: string): Promise<string[][]> {
  const events = (await readFile(trace, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { event: string; argv?: string[] });
  return events.filter((e) => e.event === 'start').map((e) => e.argv!.slice(1).filter((a, i, all) => !(all[i - 1] === '-C' || a === '-C')));
}

test(`promote --all of ${APPS} apps: every manifest is fetched in one round, not one per app`, async () => {
  const trace = join(root, 'promote.json');
  const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all', '--dry-run', '--json'], { env: { GIT_TRACE2_EVENT: trace } });
  expect(r.code, r.stderr).toBe(0);
  const result = JSON.parse(r.stdout) as { status: string; promotions: { app: string }[] };
  expect(result.status).toBe('planned');
  expect(result.promotions).toHaveLength(40);
  const fetches = (await gitCommands(trace)).filter((argv) => argv.includes('fetch') && !argv.includes('index-pack'));
  // The read-ahead, the manifests of both environments, and the versions soak reads.
  expect(fetches.length).toBeGreaterThan(0);
  expect(fetches.length).toBeLessThanOrEqual(4);
});

test(`history of ${APPS} apps x 3 environments: a hand edit shows, from a log given no pathspec per manifest`, async () => {
  const app = appName(7);
  const edit = await commitByHand(repo, { [`prod/${app}/kustomization.yaml`]: overlay(app, 'prod', '9.9.9', digestOf(`${app} 9.9.9`)) }, 'hotfix by hand');
  const trace = join(root, 'history.json');
  const r = await ferry(['history', '--repo', repo, '--env', 'prod', '--app', app, '--json'], { env: { GIT_TRACE2_EVENT: trace } });
  expect(r.code, r.stderr).toBe(0);
  const events = (JSON.parse(r.stdout) as { events: { commit: string; action: string; app: string; image?: string }[] }).events;
  expect(events.find((e) => e.commit === edit)).toMatchObject({ action: 'edit', app, image: expect.stringContaining(':9.9.9@') });
  for (const argv of await gitCommands(trace)) {
    if (argv.includes('log')) expect(argv.filter((a) => a.startsWith(':(literal)')).length).toBeLessThanOrEqual(32);
  }
});

/** `promote --all` dev to stage, planned: its result and the git commands it ran. */
async function planAll(name: string): Promise<{ result: { status: string; promotions: Record<string, unknown>[] }; argvs: string[][] }> {
  const trace = join(root, `${name}.json`);
  const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all', '--dry-run', '--json'], { env: { GIT_TRACE2_EVENT: trace } });
  expect(r.code, r.stderr).toBe(0);
  return { result: JSON.parse(r.stdout) as { status: string; promotions: Record<string, unknown>[] }, argvs: await gitCommands(trace) };
}

const fetchesOf = (argvs: string[][]) => argvs.filter((argv) => argv.includes('fetch') && !argv.includes('index-pack'));
/** The logs of the manifests' changes (pathChanges: a log of each commit's files), each with the paths it gave git. */
const manifestLogs = (argvs: string[][]) => argvs.filter((argv) => argv.includes('log') && argv.includes('--name-only')).map((argv) => argv.filter((a) => a.startsWith(':(literal)')));

test(`promote --all of ${APPS} apps: target and source history from one log of the manifests' changes, not the same log twice`, async () => {
  const { result, argvs } = await planAll('one-log');
  expect(result.promotions).toHaveLength(40);
  // Past 32 paths each environment's would be the same log of the whole history, without pathspecs.
  expect(manifestLogs(argvs)).toEqual([[]]);
});

test('promote of one app: its logs still look for its two manifests alone', async () => {
  const app = appName(3);
  const trace = join(root, 'one-app.json');
  const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', app, '--dry-run', '--json'], { env: { GIT_TRACE2_EVENT: trace } });
  expect(r.code, r.stderr).toBe(0);
  expect((JSON.parse(r.stdout) as { promotions: { app: string }[] }).promotions.map((p) => p.app)).toEqual([app]);
  const logs = manifestLogs(await gitCommands(trace));
  expect(logs.length).toBeGreaterThan(0);
  for (const pathspecs of logs) expect(pathspecs.length).toBeGreaterThan(0);
  expect(new Set(logs.flat())).toEqual(new Set([`:(literal)stage/${app}/kustomization.yaml`, `:(literal)dev/${app}/kustomization.yaml`]));
});

test(`promote --all after one commit edits every dev manifest but no digest: the same plan, still a few fetches (not one per app)`, async () => {
  const before = await planAll('before-reformat');
  // A hand edit of every dev manifest's comment: each app's run in dev now reaches past its newest
  // two versions, which alone were read in one round.
  const files: Record<string, string> = {};
  for (let i = 0; i < APPS; i++) {
    const path = `dev/${appName(i)}/kustomization.yaml`;
    files[path] = readRemoteFile(repo, path)!.replace('# Generated overlay', '# Overlay, reformatted');
  }
  const reformat = await commitByHand(repo, files, 'reformat dev overlays');
  const after = await planAll('after-reformat');
  expect(after.result.status).toBe('planned');
  // Each run is read back past the edit to where it began (these pins carry no image: soak says which commit began the run).
  expect(after.result.promotions).toEqual(before.result.promotions);
  expect(JSON.stringify(after.result.promotions)).not.toContain(reformat.slice(0, 12));
  // The read-ahead, the manifests of both environments, the newest two versions, and one round further.
  expect(fetchesOf(after.argvs).length).toBeLessThanOrEqual(fetchesOf(before.argvs).length + 1);
  expect(fetchesOf(after.argvs).length).toBeLessThanOrEqual(5);
});
