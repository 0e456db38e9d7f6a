// ferry status against real bare repositories over file:// and git:// (git daemon on 127.0.0.1):
// every app × environment pin with its tag, short digest, the commit that pinned its digest (and
// whether Ferry did), and the commit that last changed its manifest.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { GitEnvRepo } from '../../actions/src/adapters/git.js';
import { runStatus } from '../../actions/src/entry/commands/status.js';
import { appName, createEnvRepo, digestOf, imageRef, REGISTRY } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { startGitDaemon, type GitDaemon } from '../support/git-daemon.js';
import { commitByHand } from '../support/hand-commit.js';
import { initTemplateRepo, templateImage } from '../support/template-repo.js';

let root: string;
let daemon: GitDaemon;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-status-'));
  daemon = await startGitDaemon(root);
});

afterAll(async () => {
  await daemon?.stop();
  await rm(root, { recursive: true, force: true });
});

/** The fixture: 2 apps, then 5 commits that re-pin (n = 1..5) app n % 2 in env n % 3 with tag 1.0.n at 1_700_000_000 + n. */
async function newRepo(history = 5): Promise<{ dir: string; name: string; head: string; commits: string[] }> {
  const name = `env-${++counter}.git`;
  const dir = join(root, name);
  const head = await createEnvRepo({ dir, apps: 2, history });
  const commits = execFileSync('git', ['-C', dir, 'log', '--reverse', '--format=%H', 'main']).toString().trim().split('\n');
  return { dir, name, head, commits };
}

// (No GITHUB_ACTOR: a bump would record it as Ferry-Requested-By.)
const ADA = { GIT_AUTHOR_NAME: 'Ada Lovelace', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada Lovelace', GIT_COMMITTER_EMAIL: 'ada@example.com', GITHUB_ACTOR: undefined };

/** Commits file changes (null deletes) to the bare repository through a temporary clone, as a person would. */
async function commitTo(dir: string, files: Record<string, string | null>, message: string, env: NodeJS.ProcessEnv = ADA): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), 'ferry-status-work-'));
  try {
    execFileSync('git', ['clone', '--quiet', dir, work]);
    for (const [path, content] of Object.entries(files)) {
      if (content === null) await unlink(join(work, path));
      else await writeFile(join(work, path), content);
    }
    const gitEnv = { ...process.env, ...env };
    execFileSync('git', ['-C', work, 'commit', '--quiet', '-am', message], { env: gitEnv });
    execFileSync('git', ['-C', work, 'push', '--quiet', 'origin', 'main'], { env: gitEnv });
    return execFileSync('git', ['-C', work, 'rev-parse', 'HEAD']).toString().trim();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The date the fixture gives commit n, as git prints it (%cI, committer time zone +00:00). */
const fixtureDate = (n: number): string => `${new Date((1_700_000_000 + n) * 1000).toISOString().slice(0, 19)}+00:00`;
const short = (digest: string): string => digest.slice(0, 'sha256:'.length + 12);

/** A table row with the columns padded to fixed widths: APP 8, ENV 5, TAG 5, DIGEST 19, PINNED 20, COMMIT 12. */
function row(...cells: string[]): string {
  const widths = [8, 5, 5, 19, 20, 12];
  return cells.map((c, i) => (i < widths.length ? c.padEnd(widths[i]!) : c)).join('  ');
}

interface Pin { env: string; app: number; tag: string; n: number }

/**
 * Which fixture commit last changed each pin (see newRepo): dev of app 0 is the first commit's.
 * Each also began its digest's run, and none is a Ferry pin (the fixture's commits have no
 * Ferry-Image): each is shown as a change by hand.
 */
const FIXTURE_PINS: Pin[] = [
  { app: 0, env: 'dev', tag: '1.0.0', n: 0 },
  { app: 0, env: 'stage', tag: '1.0.4', n: 4 },
  { app: 0, env: 'prod', tag: '1.0.2', n: 2 },
  { app: 1, env: 'dev', tag: '1.0.3', n: 3 },
  { app: 1, env: 'stage', tag: '1.0.1', n: 1 },
  { app: 1, env: 'prod', tag: '1.0.5', n: 5 },
];

function expectedRow(p: Pin, commits: string[]) {
  const app = appName(p.app);
  const digest = digestOf(`${app} ${p.tag}`);
  const changed = {
    commit: commits[p.n]!,
    date: fixtureDate(p.n),
    author: 'Fixture',
    subject: p.n === 0 ? 'init: generated env repo' : `bump(${p.env}): ${app} ${p.tag}`,
  };
  return {
    env: p.env,
    app,
    manifest: `${p.env}/${app}/kustomization.yaml`,
    pinned: { ...changed, byHand: true },
    changed,
    image: `${REGISTRY}/${app}:${p.tag}@${digest}`,
    tag: p.tag,
    digest,
  };
}

describe.each([
  ['file://', (name: string) => `file://${join(root, name)}`],
  ['git://', (name: string) => daemon.url(name)],
])('over %s', (_label, url) => {
  test('--json: every app × environment, with tag, digest, the commit that pinned it, and the commit that last changed its manifest', async () => {
    const repo = await newRepo();
    const r = await ferry(['status', '--repo', url(repo.name), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      status: 'succeeded',
      repo: url(repo.name),
      branch: 'main',
      commit: repo.head,
      environments: ['dev', 'stage', 'prod'],
      apps: ['app-0000', 'app-0001'],
      rows: FIXTURE_PINS.map((p) => expectedRow(p, repo.commits)),
    });
  });

  test('the table: one line per pin, short digest, when (UTC) and by which commit', async () => {
    const repo = await newRepo();
    const r = await ferry(['status', '--repo', url(repo.name)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = FIXTURE_PINS.map((p) =>
      row(appName(p.app), p.env, p.tag, short(digestOf(`${appName(p.app)} ${p.tag}`)), `${fixtureDate(p.n).slice(0, 19).replace('T', ' ')}Z`, repo.commits[p.n]!.slice(0, 12), 'Fixture (by hand)'),
    );
    expect(r.stdout).toBe(
      [`${url(repo.name)} main @ ${repo.head.slice(0, 12)}`, '', row('APP', 'ENV', 'TAG', 'DIGEST', 'PINNED', 'COMMIT', 'BY'), ...lines, ''].join('\n'),
    );
  });
});

test('after a bump, status shows the new pin and the bump\'s commit; the other pins keep theirs', async () => {
  const repo = await newRepo();
  const app = appName(1);
  const ref = imageRef(app, '2.5.0');
  const bump = await ferry(['bump', '--repo', repo.dir, '--env', 'stage', '--app', app, '--image', ref, '--json'], { env: ADA });
  expect(bump.code, bump.stderr).toBe(0);
  const commit = JSON.parse(bump.stdout).commit as string;
  const when = execFileSync('git', ['-C', repo.dir, 'log', '-1', '--format=%cI', commit]).toString().trim();

  const r = await ferry(['status', '--repo', repo.dir, '--json']);
  expect(r.code).toBe(0);
  const status = JSON.parse(r.stdout);
  expect(status.commit).toBe(commit);
  expect(status.rows).toEqual(
    FIXTURE_PINS.map((p) =>
      p.app === 1 && p.env === 'stage'
        ? {
          env: 'stage',
          app,
          manifest: `stage/${app}/kustomization.yaml`,
          pinned: { commit, date: when, author: 'Ada Lovelace', subject: `bump(stage): ${app} 2.5.0 (${short(digestOf(`${app} 2.5.0`))})`, action: 'bump' },
          changed: { commit, date: when, author: 'Ada Lovelace', subject: `bump(stage): ${app} 2.5.0 (${short(digestOf(`${app} 2.5.0`))})` },
          image: ref,
          tag: '2.5.0',
          digest: digestOf(`${app} 2.5.0`),
        }
        : expectedRow(p, repo.commits),
    ),
  );

  const table = await ferry(['status', '--repo', repo.dir]);
  expect(table.code).toBe(0);
  const utc = `${new Date(when).toISOString().slice(0, 19).replace('T', ' ')}Z`;
  // BY: the bump names no one (no --requested-by, no GITHUB_ACTOR): blank, as ferry history shows
  // it; its author (who ran Ferry) is in --json.
  expect(table.stdout.split('\n')).toContain(row(app, 'stage', '2.5.0', short(digestOf(`${app} 2.5.0`)), utc, commit.slice(0, 12)));
  expect(table.stdout.split('\n')[0]).toBe(`file://${repo.dir} main @ ${commit.slice(0, 12)}`);
});

test('a pin brought to the branch by a merge is shown with the merge (when it landed) and the Ferry commit it brought, also where the merge kept one side of a conflict', async () => {
  const repo = await newRepo();
  const app = appName(0);
  const path = `dev/${app}/kustomization.yaml`;
  const at = (day: number) => ({ ...ADA, GIT_COMMITTER_DATE: `2026-11-${day}T08:00:00Z`, GIT_AUTHOR_DATE: `2026-11-${day}T08:00:00Z` });
  execFileSync('git', ['-C', repo.dir, 'branch', 'pr-z', 'main']);
  execFileSync('git', ['-C', repo.dir, 'branch', 'pr-y', 'main']);
  const bumps: Record<string, string> = {};
  for (const [branch, tag, day] of [['pr-z', '3.0.0', 21], ['pr-y', '2.0.0', 22]] as const) {
    const r = await ferry(['bump', '--repo', repo.dir, '--branch', branch, '--env', 'dev', '--app', app, '--image', imageRef(app, tag), '--requested-by', `${branch}-author`, '--json'], { env: at(day) });
    expect(r.code, r.stderr).toBe(0);
    bumps[branch] = JSON.parse(r.stdout).commit as string;
  }
  const work = await mkdtemp(join(tmpdir(), 'ferry-status-work-'));
  const run = (day: number, ...args: string[]) => execFileSync('git', ['-C', work, ...args], { env: { ...process.env, ...at(day) } }).toString().trim();
  try {
    run(23, 'clone', '--quiet', repo.dir, '.');
    run(23, 'merge', '--quiet', '--no-ff', '-m', 'Merge pr-y', 'origin/pr-y');
    // GitHub's "Update branch": main merged into pr-z, the conflict resolved by keeping pr-z's pin.
    run(24, 'checkout', '--quiet', '-b', 'pr-z', 'origin/pr-z');
    try {
      run(24, 'merge', '--quiet', '-m', 'Update branch', 'main');
    } catch {
      run(24, 'checkout', '--ours', '--', path);
      run(24, 'commit', '--quiet', '-am', 'Update branch');
    }
    run(25, 'checkout', '--quiet', 'main');
    run(25, 'merge', '--quiet', '--no-ff', '-m', 'Merge pr-z', 'pr-z');
    run(25, 'push', '--quiet', 'origin', 'main');
    const merge = run(25, 'rev-parse', 'HEAD');
    const r = await ferry(['status', '--repo', repo.dir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const pin = JSON.parse(r.stdout).rows.find((x: { env: string; app: string }) => x.env === 'dev' && x.app === app);
    expect(pin).toMatchObject({ tag: '3.0.0', digest: digestOf(`${app} 3.0.0`), changed: { commit: merge, date: '2026-11-25T08:00:00+00:00', subject: 'Merge pr-z' } });
    expect(pin.pinned).toEqual({ commit: merge, date: '2026-11-25T08:00:00+00:00', author: 'Ada Lovelace', requestedBy: 'pr-z-author', subject: 'Merge pr-z', action: 'bump', ferryCommit: bumps['pr-z'] });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

test('a pin brought in by a merge of a merge (a bump on pr1, pr1 merged into release, release into main) is the Ferry commit\'s, with another merged pin read alongside', async () => {
  const repo = await newRepo();
  const [web, api] = [appName(0), appName(1)];
  const at = (day: number) => ({ ...ADA, GIT_COMMITTER_DATE: `2026-11-${day}T08:00:00Z`, GIT_AUTHOR_DATE: `2026-11-${day}T08:00:00Z` });
  for (const branch of ['pr1', 'pr2']) execFileSync('git', ['-C', repo.dir, 'branch', branch, 'main']);
  const bumps: Record<string, string> = {};
  for (const [branch, app, day] of [['pr1', web, 21], ['pr2', api, 22]] as const) {
    const r = await ferry(['bump', '--repo', repo.dir, '--branch', branch, '--env', 'dev', '--app', app, '--image', imageRef(app, '3.0.0'), '--requested-by', `${branch}-author`, '--json'], { env: at(day) });
    expect(r.code, r.stderr).toBe(0);
    bumps[branch] = JSON.parse(r.stdout).commit as string;
  }
  const work = await mkdtemp(join(tmpdir(), 'ferry-status-work-'));
  const run = (day: number, ...args: string[]) => execFileSync('git', ['-C', work, ...args], { env: { ...process.env, ...at(day) } }).toString().trim();
  try {
    run(23, 'clone', '--quiet', repo.dir, '.');
    run(23, 'checkout', '--quiet', '-b', 'release', 'origin/main');
    run(23, 'merge', '--quiet', '--no-ff', '-m', 'Merge pr1 into release', 'origin/pr1');
    run(24, 'checkout', '--quiet', 'main');
    run(24, 'merge', '--quiet', '--no-ff', '-m', 'Merge release', 'release');
    const release = run(24, 'rev-parse', 'HEAD');
    run(25, 'merge', '--quiet', '--no-ff', '-m', 'Merge pr2', 'origin/pr2');
    const pr2 = run(25, 'rev-parse', 'HEAD');
    run(25, 'push', '--quiet', 'origin', 'main');
    const r = await ferry(['status', '--repo', repo.dir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout).rows as { env: string; app: string; pinned: unknown }[];
    expect(rows.find((x) => x.env === 'dev' && x.app === web)?.pinned).toEqual({
      commit: release, date: '2026-11-24T08:00:00+00:00', author: 'Ada Lovelace', requestedBy: 'pr1-author', subject: 'Merge release', action: 'bump', ferryCommit: bumps['pr1'],
    });
    expect(rows.find((x) => x.env === 'dev' && x.app === api)?.pinned).toEqual({
      commit: pr2, date: '2026-11-25T08:00:00+00:00', author: 'Ada Lovelace', requestedBy: 'pr2-author', subject: 'Merge pr2', action: 'bump', ferryCommit: bumps['pr2'],
    });
    const table = await ferry(['status', '--repo', repo.dir]);
    expect(table.stdout.split('\n').find((l) => l.startsWith(`${web}  dev `))).toMatch(new RegExp(` ${release.slice(0, 12)} +pr1-author$`));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

test('a hand edit after a pin (a comment, a tag) is not the pin: status shows the pin, by whom, and * with the edit as the last change; a digest put there by hand says so', async () => {
  const dir = await initTemplateRepo(join(root, `template-${++counter}.git`));
  const log = (ref: string, format: string) => execFileSync('git', ['-C', dir, 'log', '-1', `--format=${format}`, ref]).toString().trim();
  const init = log('main', '%H');
  const image = templateImage('user-service', '2.0.0');
  const bump = await ferry(['bump', '--repo', dir, '--env', 'dev', '--app', 'user-service', '--image', image, '--requested-by', 'alice', '--json'], { env: ADA });
  expect(bump.code, bump.stderr).toBe(0);
  const pin = JSON.parse(bump.stdout).commit as string;
  const path = 'dev/user-service/kustomization.yaml';
  const text = execFileSync('git', ['-C', dir, 'show', `main:${path}`]).toString();
  const label = await commitByHand(dir, { [path]: `# reformatted\n${text}` }, 'add label');
  // The same digest pinned again under another tag, by hand: still since the bump.
  const retag = await commitByHand(dir, { [path]: `# reformatted\n${text.replace('newTag: 2.0.0', 'newTag: stable')}` }, 'retag');
  // A digest put in prod by hand.
  const prod = 'prod/order-service/kustomization.yaml';
  const digest = `sha256:${'d'.repeat(64)}`;
  const hand = await commitByHand(dir, { [prod]: execFileSync('git', ['-C', dir, 'show', `main:${prod}`]).toString().replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${digest}`) }, 'hotfix');

  const r = await ferry(['status', '--repo', dir, '--json']);
  expect(r.code, r.stderr).toBe(0);
  const json = JSON.parse(r.stdout);
  expect(json.status).toBe('succeeded');
  const cell = (env: string, app: string) => json.rows.find((x: { env: string; app: string }) => x.env === env && x.app === app);
  const info = (commit: string) => ({ commit, date: log(commit, '%cI'), author: log(commit, '%an'), subject: log(commit, '%s') });
  expect(cell('dev', 'user-service')).toMatchObject({ tag: 'stable', pinned: { ...info(pin), requestedBy: 'alice', action: 'bump' }, changed: info(retag) });
  expect(cell('prod', 'order-service')).toMatchObject({ digest, pinned: { ...info(hand), byHand: true }, changed: info(hand) });
  expect(cell('stage', 'user-service')).toMatchObject({ pinned: { ...info(init), action: 'init' }, changed: info(init) });
  expect(label).not.toBe(retag);

  const table = await ferry(['status', '--repo', dir]);
  expect(table.code).toBe(0);
  const lines = table.stdout.split('\n');
  expect(lines[2]).toMatch(/^APP +ENV +TAG +DIGEST +PINNED +COMMIT +BY$/);
  const utcOf = (commit: string) => `${new Date(log(commit, '%cI')).toISOString().slice(0, 19).replace('T', ' ')}Z`;
  expect(lines.find((l) => l.startsWith('user-service   dev '))).toMatch(new RegExp(`^user-service +dev +stable +${short(image.slice(image.indexOf('@') + 1))} +${utcOf(pin)} +${pin.slice(0, 12)}\\* +alice$`));
  expect(lines.find((l) => l.startsWith('order-service  prod '))).toMatch(new RegExp(` ${hand.slice(0, 12)} +Mallory \\(by hand\\)$`));
  expect(lines.find((l) => l.startsWith('user-service   stage '))).toMatch(new RegExp(` ${init.slice(0, 12)} +\\S.* \\(ferry init\\)$`));
  expect(lines.slice(-3)).toEqual(['', '* the manifest changed since the pin, its digest did not (--json: "changed" is the last change)', '']);
});

test('status reads further back only for the manifests whose last change is not their pin (a history of Ferry pins: none)', async () => {
  const dir = join(root, `flow-${++counter}.git`);
  await createEnvRepo({ dir, apps: 3, history: 18, flow: true });
  const pathChanges = vi.spyOn(GitEnvRepo.prototype, 'pathChanges');
  const readFilesAt = vi.spyOn(GitEnvRepo.prototype, 'readFilesAt');
  try {
    const status = await runStatus({ repo: dir, branch: 'main' });
    expect(status.rows.every((x) => x.pinned?.action !== undefined && x.pinned.commit === x.changed?.commit)).toBe(true);
    expect(pathChanges).not.toHaveBeenCalled();
    expect(readFilesAt).not.toHaveBeenCalled();
    // A comment edited in one manifest: that manifest's history is read, no other's.
    const path = `stage/${appName(1)}/kustomization.yaml`;
    const text = execFileSync('git', ['-C', dir, 'show', `main:${path}`]).toString();
    const edit = await commitTo(dir, { [path]: text.replace('# Generated overlay', '# Edited') }, 'docs');
    const after = await runStatus({ repo: dir, branch: 'main' });
    expect(pathChanges.mock.calls.map((c) => c[1])).toEqual([[path]]);
    const row = after.rows.find((x) => x.manifest === path)!;
    expect(row.changed?.commit).toBe(edit);
    expect(row.pinned).toEqual({ ...status.rows.find((x) => x.manifest === path)!.pinned });
    expect(after.rows.filter((x) => x.manifest !== path)).toEqual(status.rows.filter((x) => x.manifest !== path));
  } finally {
    pathChanges.mockRestore();
    readFilesAt.mockRestore();
  }
});

test('a bump on a machine where git knows no identity honours GIT_COMMITTER_DATE (a CI runner)', async () => {
  const repo = await newRepo();
  const app = appName(1);
  const home = await mkdtemp(join(tmpdir(), 'ferry-status-home-'));
  try {
    const env: NodeJS.ProcessEnv = { HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_COMMITTER_DATE: '2026-11-20T08:00:00Z', GIT_AUTHOR_DATE: '2026-11-20T08:00:00Z' };
    for (const key of ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'EMAIL']) env[key] = undefined;
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '4.0.0'), '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const { commit } = JSON.parse(r.stdout) as { commit: string };
    expect(execFileSync('git', ['-C', repo.dir, 'log', '-1', '--format=%an <%ae> %aI | %cn <%ce> %cI', commit]).toString().trim())
      .toBe('Ferry <ferry@users.noreply.invalid> 2026-11-20T08:00:00+00:00 | Ferry <ferry@users.noreply.invalid> 2026-11-20T08:00:00+00:00');
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});

test('pins made in different time zones are shown in UTC in the table, as git recorded them in --json', async () => {
  const repo = await newRepo(0);
  const app = appName(0);
  const text = execFileSync('git', ['-C', repo.dir, 'show', `main:prod/${app}/kustomization.yaml`]).toString();
  const commit = await commitTo(repo.dir, { [`prod/${app}/kustomization.yaml`]: text.replace('newTag: 1.0.0', 'newTag: 1.0.9').replace(digestOf(`${app} 1.0.0`), digestOf(`${app} 1.0.9`)) }, 'hand edit in Berlin', {
    ...ADA,
    GIT_AUTHOR_DATE: '2024-03-01T12:00:00+02:00',
    GIT_COMMITTER_DATE: '2024-03-01T12:00:00+02:00',
  });
  const json = JSON.parse((await ferry(['status', '--repo', repo.dir, '--json'])).stdout);
  const prod = json.rows.find((r: { env: string; app: string }) => r.env === 'prod' && r.app === app);
  expect(prod.changed).toEqual({ commit, date: '2024-03-01T12:00:00+02:00', author: 'Ada Lovelace', subject: 'hand edit in Berlin' });
  expect(prod.pinned).toEqual({ ...prod.changed, byHand: true });
  const table = await ferry(['status', '--repo', repo.dir]);
  expect(table.stdout.split('\n')).toContain(row(app, 'prod', '1.0.9', short(digestOf(`${app} 1.0.9`)), '2024-03-01 10:00:00Z', commit.slice(0, 12), 'Ada Lovelace (by hand)'));
  // The other pins, made at 22:13:20 UTC, read as such.
  expect(table.stdout.split('\n')).toContain(row(app, 'dev', '1.0.0', short(digestOf(`${app} 1.0.0`)), '2023-11-14 22:13:20Z', repo.head.slice(0, 12), 'Fixture (by hand)'));
});

test('a manifest that cannot be read is a row with its reason; status still exits 0', async () => {
  const repo = await newRepo(0);
  const commit = await commitTo(repo.dir, {
    'dev/app-0001/kustomization.yaml': 'images: [\n  - name: x\n',
    'prod/app-0000/kustomization.yaml': null,
  }, 'break two manifests');
  const r = await ferry(['status', '--repo', repo.dir, '--json']);
  expect(r.code).toBe(0);
  const rows = JSON.parse(r.stdout).rows as Record<string, unknown>[];
  const changed = { commit, date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/), author: 'Ada Lovelace', subject: 'break two manifests' };
  expect(rows.find((x) => x.env === 'dev' && x.app === 'app-0001')).toEqual({
    env: 'dev', app: 'app-0001', manifest: 'dev/app-0001/kustomization.yaml', changed,
    error: 'dev/app-0001/kustomization.yaml:2:3: the YAML does not parse: Block collections are not allowed within flow collections; dev/app-0001/kustomization.yaml:3:1: the YAML does not parse: Flow sequence in block collection must be sufficiently indented and end with a ]',
  });
  expect(rows.find((x) => x.env === 'prod' && x.app === 'app-0000')).toEqual({
    env: 'prod', app: 'app-0000', manifest: 'prod/app-0000/kustomization.yaml', changed, error: 'prod/app-0000/kustomization.yaml: no such file',
  });
  expect(rows.filter((x) => x.error !== undefined)).toHaveLength(2);
  const table = await ferry(['status', '--repo', repo.dir]);
  expect(table.code).toBe(0);
  // Each marked in its line, its reason below the table (in the DIGEST column, as it was, the
  // reason set that column's width for every row).
  const lines = table.stdout.split('\n');
  expect(lines.find((l) => l.startsWith('app-0000  prod'))).toMatch(/^app-0000 {2}prod {3}! {6}see below {12}\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ {2}[0-9a-f]{12} {2}Ada Lovelace$/);
  expect(lines.find((l) => l.startsWith('app-0001  dev'))).toMatch(/^app-0001 {2}dev {4}! {6}see below {12}/);
  expect(lines.slice(-4)).toEqual(['', '! app-0000 in prod: prod/app-0000/kustomization.yaml: no such file', `! app-0001 in dev: ${rows.find((x) => x.env === 'dev' && x.app === 'app-0001')!.error as string}`, '']);
});

test.each(['file', 'git'] as const)('a manifest that is not UTF-8, and one that is a symbolic link, over %s://: each a row with its reason, the others read; status still exits 0', async (scheme) => {
  const repo = await newRepo(0);
  const work = await mkdtemp(join(tmpdir(), 'ferry-status-work-'));
  try {
    execFileSync('git', ['clone', '--quiet', repo.dir, work]);
    await writeFile(join(work, 'dev/app-0001/kustomization.yaml'), Buffer.from('images:\n  - name: caf\xe9\n', 'latin1'));
    await unlink(join(work, 'stage/app-0000/kustomization.yaml'));
    await symlink('../../dev/app-0000/kustomization.yaml', join(work, 'stage/app-0000/kustomization.yaml'));
    execFileSync('git', ['-C', work, 'add', '-A'], { env: { ...process.env, ...ADA } });
    execFileSync('git', ['-C', work, 'commit', '--quiet', '-m', 'latin-1 and a link'], { env: { ...process.env, ...ADA } });
    execFileSync('git', ['-C', work, 'push', '--quiet', 'origin', 'main']);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const url = scheme === 'file' ? repo.dir : daemon.url(repo.name);
  const r = await ferry(['status', '--repo', url, '--json']);
  expect(r.code, r.stderr).toBe(0);
  const rows = JSON.parse(r.stdout).rows as Record<string, unknown>[];
  expect(rows.find((x) => x.env === 'dev' && x.app === 'app-0001')?.error).toBe('dev/app-0001/kustomization.yaml: not UTF-8 text (byte 0xe9 at line 2); Ferry reads and writes files as UTF-8 only, so that an edit changes no other byte: save the file as UTF-8');
  expect(rows.find((x) => x.env === 'stage' && x.app === 'app-0000')?.error).toMatch(/^stage\/app-0000\/kustomization\.yaml: is a symbolic link in the env repo/);
  expect(rows.filter((x) => x.error !== undefined)).toHaveLength(2);
  // Every other pin is read as before.
  expect(rows.filter((x) => x.digest !== undefined)).toHaveLength(4);
  const table = await ferry(['status', '--repo', url]);
  expect(table.code).toBe(0);
  const lines = table.stdout.split('\n');
  expect(lines.find((l) => l.startsWith('app-0001  dev'))).toMatch(/^app-0001 {2}dev {4}! {6}see below {12}/);
  expect(lines).toContain('! app-0001 in dev: dev/app-0001/kustomization.yaml: not UTF-8 text (byte 0xe9 at line 2); Ferry reads and writes files as UTF-8 only, so that an edit changes no other byte: save the file as UTF-8');
  expect(lines.find((l) => l.startsWith('! app-0000 in stage: '))).toMatch(/^! app-0000 in stage: stage\/app-0000\/kustomization\.yaml: is a symbolic link in the env repo/);
});

/** Git's environment on a machine where it knows no identity (a CI runner): Ferry commits as itself. */
function noIdentity(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: '1', GITHUB_ACTOR: undefined };
  for (const key of ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'EMAIL']) env[key] = undefined;
  return env;
}

test('BY is who asked for a Ferry pin (its Ferry-Requested-By), the author of a digest put there by hand, marked so; --json has both', async () => {
  const repo = await newRepo(0);
  const home = await mkdtemp(join(tmpdir(), 'ferry-status-home-'));
  try {
    const app = appName(0);
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '4.0.0'), '--requested-by', 'alice', '--json'], { env: noIdentity(home) });
    expect(r.code, r.stderr).toBe(0);
    const bump = JSON.parse(r.stdout).commit as string;
    // Digests put there by hand: one of them by a commit whose message names someone as a Ferry
    // commit would (it is not one: no Ferry-Action, no pin in its trailers).
    const byHand = (path: string) => execFileSync('git', ['-C', repo.dir, 'show', `main:${path}`]).toString()
      .replace('# Generated overlay', '# Hand-edited overlay').replace(digestOf(`${appName(1)} 1.0.0`), digestOf(`${appName(1)} hand`));
    const path = `prod/${appName(1)}/kustomization.yaml`;
    const hand = await commitTo(repo.dir, { [path]: byHand(path) }, 'docs');
    const path2 = `stage/${appName(1)}/kustomization.yaml`;
    const posing = await commitTo(repo.dir, { [path2]: byHand(path2) }, 'hand edit\n\nFerry-Requested-By: alice');

    const json = JSON.parse((await ferry(['status', '--repo', repo.dir, '--json'])).stdout);
    const changed = (env: string, a: string) => json.rows.find((x: { env: string; app: string }) => x.env === env && x.app === a).changed;
    expect(changed('dev', app)).toEqual({ commit: bump, date: expect.any(String), author: 'Ferry', requestedBy: 'alice', subject: expect.stringMatching(/^bump\(dev\): /) });
    expect(changed('prod', appName(1))).toEqual({ commit: hand, date: expect.any(String), author: 'Ada Lovelace', subject: 'docs' });
    expect(changed('stage', appName(1))).toEqual({ commit: posing, date: expect.any(String), author: 'Ada Lovelace', subject: 'hand edit' });
    const pinned = (env: string, a: string) => json.rows.find((x: { env: string; app: string }) => x.env === env && x.app === a).pinned;
    expect(pinned('dev', app)).toEqual({ ...changed('dev', app), action: 'bump' });
    expect(pinned('prod', appName(1))).toEqual({ ...changed('prod', appName(1)), byHand: true });
    expect(pinned('stage', appName(1))).toEqual({ ...changed('stage', appName(1)), byHand: true });
    const table = (await ferry(['status', '--repo', repo.dir])).stdout.split('\n');
    expect(table.find((l) => l.startsWith(`${app}  dev `))).toMatch(new RegExp(` ${bump.slice(0, 12)}  alice$`));
    expect(table.find((l) => l.startsWith(`${appName(1)}  prod `))).toMatch(new RegExp(` ${hand.slice(0, 12)}  Ada Lovelace \\(by hand\\)$`));
    expect(table.find((l) => l.startsWith(`${appName(1)}  stage `))).toMatch(new RegExp(` ${posing.slice(0, 12)}  Ada Lovelace \\(by hand\\)$`));
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});

test('a bump without --requested-by, on a runner with no git identity: BY is blank, as ferry history shows it, not "Ferry" (the fallback author); --json still has the author', async () => {
  const repo = await newRepo(0);
  const home = await mkdtemp(join(tmpdir(), 'ferry-status-home-'));
  try {
    const app = appName(0);
    const r = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, '4.0.0'), '--json'], { env: noIdentity(home) });
    expect(r.code, r.stderr).toBe(0);
    const bump = JSON.parse(r.stdout).commit as string;
    expect(execFileSync('git', ['-C', repo.dir, 'log', '-1', '--format=%an <%ae>%n%b', bump]).toString()).not.toContain('Ferry-Requested-By');
    const json = JSON.parse((await ferry(['status', '--repo', repo.dir, '--json'])).stdout);
    const pinned = json.rows.find((x: { env: string; app: string }) => x.env === 'dev' && x.app === app).pinned;
    expect(pinned).toEqual({ commit: bump, date: expect.any(String), author: 'Ferry', subject: expect.stringMatching(/^bump\(dev\): /), action: 'bump' });
    const table = (await ferry(['status', '--repo', repo.dir])).stdout.split('\n');
    expect(table.find((l) => l.startsWith(`${app}  dev `))).toMatch(new RegExp(` ${bump.slice(0, 12)}$`));
    const history = (await ferry(['history', '--repo', repo.dir, '--env', 'dev'])).stdout.split('\n');
    const header = history[history.indexOf('dev') + 1]!;
    expect(header).toMatch(/ BY +APPROVED BY +COMMIT/);
    const row = history.find((l) => /^\d{4}-/.test(l) && l.includes(bump.slice(0, 12)))!;
    expect(row).toMatch(/^\S+ \S+Z +bump +/);
    // BY's column (from where its header starts) is blank in that row, as in status.
    expect(row.slice(header.indexOf(' BY ') + 1, header.indexOf('APPROVED BY'))).toMatch(/^ +$/);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});

test('a pin of another image, or without a digest, is a row with validate\'s reason, marked in the table; status still exits 0', async () => {
  const repo = await newRepo(0);
  const show = (path: string) => execFileSync('git', ['-C', repo.dir, 'show', `main:${path}`]).toString();
  const foreign = `prod/${appName(0)}/kustomization.yaml`;
  const tagOnly = `dev/${appName(1)}/kustomization.yaml`;
  await commitTo(repo.dir, {
    [foreign]: show(foreign).replace(`newName: ${REGISTRY}/${appName(0)}`, `newName: docker.io/evil/${appName(0)}`),
    [tagOnly]: show(tagOnly).replace(/^ {4}digest: .*\n/m, ''),
  }, 'docs');
  const validate = await ferry(['validate', '--repo', repo.dir, '--json']);
  expect(validate.code).toBe(2);
  const problems = (JSON.parse(validate.stdout).problems as { file: string; line: number; column: number; field: string; message: string }[])
    .map((p) => `${p.file}:${p.line}:${p.column}: ${p.field}: ${p.message}`);
  expect(problems).toEqual([
    `${foreign}:9:14: images[0].newName: expected "${REGISTRY}/${appName(0)}" (the image of app "${appName(0)}" in ferry.yaml), found "docker.io/evil/${appName(0)}"`,
    `${tagOnly}:8:5: images[0].digest: the image of app "${appName(1)}" is not pinned by digest: expected sha256:<64 lowercase hex digits>, found nothing`,
  ]);

  const r = await ferry(['status', '--repo', repo.dir, '--json']);
  expect(r.code).toBe(0);
  const rows = JSON.parse(r.stdout).rows as Record<string, unknown>[];
  expect(rows.find((x) => x.manifest === foreign)).toMatchObject({ image: `docker.io/evil/${appName(0)}:1.0.0@${digestOf(`${appName(0)} 1.0.0`)}`, error: problems[0] });
  expect(rows.find((x) => x.manifest === tagOnly)).toMatchObject({ image: `${REGISTRY}/${appName(1)}:1.0.0`, tag: '1.0.0', error: problems[1] });
  expect(rows.find((x) => x.manifest === tagOnly)).not.toHaveProperty('digest');
  expect(rows.filter((x) => x.error !== undefined)).toHaveLength(2);
  const table = await ferry(['status', '--repo', repo.dir]);
  expect(table.code).toBe(0);
  const line = (env: string, app: string) => table.stdout.split('\n').find((l) => l.startsWith(`${app}  ${env} `));
  // Marked in its line, never shown as a pin; validate's reason below the table, word for word.
  expect(line('prod', appName(0))).toMatch(/^app-0000 {2}prod {3}! {6}see below {12}\d{4}-/);
  expect(line('dev', appName(1))).toMatch(/^app-0001 {2}dev {4}! {6}see below {12}\d{4}-/);
  expect(table.stdout.split('\n').slice(-4)).toEqual(['', `! app-0000 in prod: ${problems[0]}`, `! app-0001 in dev: ${problems[1]}`, '']);
});

test('a tag of 128 characters and a reason of 200 and more: the table keeps to 120 columns (the tag cut with …, the reason below it); --json has the tag whole', async () => {
  const repo = await newRepo(0);
  const app = appName(1);
  const tag = `release-2026.11.24-build.4711-${'x'.repeat(98)}`;
  expect(tag).toHaveLength(128);
  const bump = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', app, '--image', imageRef(app, tag), '--json'], { env: ADA });
  expect(bump.code, bump.stderr).toBe(0);
  const show = (path: string) => execFileSync('git', ['-C', repo.dir, 'show', `main:${path}`]).toString();
  const foreign = `prod/${appName(0)}/kustomization.yaml`;
  await commitTo(repo.dir, { [foreign]: show(foreign).replace(`newName: ${REGISTRY}/${appName(0)}`, `newName: docker.io/${'evil/'.repeat(40)}${appName(0)}`) }, 'docs');

  const json = JSON.parse((await ferry(['status', '--repo', repo.dir, '--json'])).stdout);
  expect(json.rows.find((x: { env: string; app: string }) => x.env === 'dev' && x.app === app)).toMatchObject({ tag, image: imageRef(app, tag) });
  const error = json.rows.find((x: { manifest: string }) => x.manifest === foreign).error as string;
  expect(error.length).toBeGreaterThan(200);

  const r = await ferry(['status', '--repo', repo.dir]);
  expect(r.code).toBe(0);
  const lines = r.stdout.split('\n');
  const head = execFileSync('git', ['-C', repo.dir, 'rev-parse', 'main']).toString().trim();
  const table = lines.slice(2, 2 + 1 + 6);
  // TAG is TAG_WIDTH (24) wide: the long tag's first 23 characters and …; every other column as wide as its cells.
  const wide = (...cells: string[]) => cells.map((c, i) => (i < 6 ? c.padEnd([8, 5, 24, 19, 20, 12][i]!) : c)).join('  ');
  expect(table[0]).toBe(wide('APP', 'ENV', 'TAG', 'DIGEST', 'PINNED', 'COMMIT', 'BY'));
  expect(table.find((l) => l.startsWith(`${app}  dev `))).toMatch(new RegExp(`^${app} {2}dev {4}release-2026\\.11\\.24-buil… {2}${short(digestOf(`${app} ${tag}`))} {2}`));
  expect(table.find((l) => l.startsWith(`${appName(0)}  prod `))).toMatch(new RegExp(`^${appName(0)} {2}prod {3}! {25}see below {12}\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ {2}${head.slice(0, 12)} {2}Ada Lovelace$`));
  for (const l of table) expect(l.length, l).toBeLessThanOrEqual(120);
  expect(lines.slice(2 + 7)).toEqual(['', `! ${appName(0)} in prod: ${error}`, '']);
});

test('text from commits reaches the terminal escaped: an author\'s name cannot overwrite the table, a message cannot forge a record', async () => {
  const repo = await newRepo(0);
  const show = (path: string) => execFileSync('git', ['-C', repo.dir, 'show', `main:${path}`]).toString();
  const fake = row('app-0001', 'prod', '6.6.6', short(digestOf('evil')), '2023-11-14 22:13:20Z', repo.head.slice(0, 12), 'Fixture');
  const name = `x\u001b[2K\u001b[1A\u001b[2K\r${fake}`;
  const prod = `prod/${appName(0)}/kustomization.yaml`;
  // (Each commit pins a digest of its own: it is the pin the table shows, with its author or requester.)
  const byName = await commitTo(repo.dir, { [prod]: show(prod).replace('# Generated', '# Edited').replace(digestOf(`${appName(0)} 1.0.0`), digestOf('by name')) }, 'docs', { ...ADA, GIT_AUTHOR_NAME: name });
  // A subject holding the old record separator, followed by what looks like a record.
  const dev = `dev/${appName(1)}/kustomization.yaml`;
  const subject = `docs\u0001${repo.head}`;
  const pin = `Ferry-Env: dev\nFerry-App: ${appName(1)}\nFerry-Image: ${REGISTRY}/${appName(1)}:1.0.0@${digestOf('by subject')}`;
  const bySubject = await commitTo(repo.dir, { [dev]: show(dev).replace('# Generated', '# Edited').replace(digestOf(`${appName(1)} 1.0.0`), digestOf('by subject')) },
    `${subject}\n\nFerry-Action: bump\n${pin}\nFerry-Requested-By: \u202eecila`);

  const json = JSON.parse((await ferry(['status', '--repo', repo.dir, '--json'])).stdout);
  const changed = (manifest: string) => json.rows.find((x: { manifest: string }) => x.manifest === manifest).changed;
  expect(changed(prod)).toMatchObject({ commit: byName, author: name, subject: 'docs' });
  expect(changed(dev)).toMatchObject({ commit: bySubject, author: 'Ada Lovelace', requestedBy: '\u202eecila', subject });
  expect(json.rows.find((x: { manifest: string }) => x.manifest === prod).pinned).toMatchObject({ commit: byName, author: name, byHand: true });
  expect(json.rows.find((x: { manifest: string }) => x.manifest === dev).pinned).toMatchObject({ commit: bySubject, requestedBy: '\u202eecila', action: 'bump' });
  const table = await ferry(['status', '--repo', repo.dir]);
  expect(table.code).toBe(0);
  // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
  expect(table.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]/);
  const lines = table.stdout.split('\n');
  expect(lines).toHaveLength(3 + 6 + 1);
  expect(lines.find((l) => l.startsWith('app-0000  prod '))).toMatch(new RegExp(` ${byName.slice(0, 12)}  x\\\\u001b\\[2K\\\\u001b\\[1A\\\\u001b\\[2K\\\\u000dapp-0001  prod   6\\.6\\.6  `));
  expect(lines.find((l) => l.startsWith('app-0001  dev '))).toMatch(new RegExp(` ${bySubject.slice(0, 12)}  \\\\u202eecila$`));
});

test('git reads the history while the manifests are read and parsed: neither waits for the other', async () => {
  const repo = await newRepo();
  const events: string[] = [];
  const { lastChanges, readFilesReporting } = GitEnvRepo.prototype;
  const spies = [
    vi.spyOn(GitEnvRepo.prototype, 'lastChanges').mockImplementation(function (this: GitEnvRepo, ...args) {
      events.push('history: asked');
      return lastChanges.apply(this, args).finally(() => events.push('history: read'));
    }),
    vi.spyOn(GitEnvRepo.prototype, 'readFilesReporting').mockImplementation(function (this: GitEnvRepo, ...args) {
      const manifests = args[1].some((p) => p !== 'ferry.yaml'); // (not the read-ahead of ferry.yaml)
      if (manifests) events.push('manifests: asked');
      return readFilesReporting.apply(this, args).finally(() => manifests && events.push('manifests: read'));
    }),
  ];
  try {
    const status = await runStatus({ repo: repo.dir, branch: 'main' });
    expect(status.rows).toEqual(FIXTURE_PINS.map((p) => expectedRow(p, repo.commits)));
    expect(events.slice(0, 2).sort()).toEqual(['history: asked', 'manifests: asked']);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
});

describe('a digest blocked.yaml blocks, still pinned (helper-185: the on-call is never told where it runs)', () => {
  /** bin/ferry with git's trace: its result, and how many git processes ran. */
  async function traced(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; gits: number }> {
    const trace = join(root, `trace-${++counter}.json`);
    const r = await ferry(args, { env: { GIT_TRACE2_EVENT: trace } });
    const text = execFileSync('cat', [trace]).toString();
    return { ...r, gits: text.split('\n').filter((line) => line.includes('"event":"start"')).length };
  }

  test('each row that pins it is marked (--json: its entry; the table: (blocked), and a line below it naming where it runs, by whom and why); the git processes are as many as without a blocklist', async () => {
    const dir = join(root, `blocked-${++counter}.git`);
    await createEnvRepo({ dir, apps: 2 });
    const app = appName(0);
    expect((await ferry(['bump', '--repo', dir, '--env', 'prod', '--app', app, '--image', imageRef(app, '2.0.0')])).code).toBe(0);
    const before = await traced(['status', '--repo', dir, '--json']);
    expect(before.code, before.stderr).toBe(0);
    expect(JSON.parse(before.stdout).rows.filter((r: { blocked?: unknown }) => r.blocked)).toEqual([]);
    const block = await ferry(['block', '--repo', dir, '--app', app, '--image', imageRef(app, '1.0.0'), '--reason', 'INC-77', '--requested-by', 'oncall']);
    expect(block.code, block.stderr).toBe(0);

    const r = await traced(['status', '--repo', dir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.gits).toBe(before.gits);
    const rows = JSON.parse(r.stdout).rows as { env: string; app: string; blocked?: unknown }[];
    const entry = { app, reason: 'INC-77', by: 'oncall', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) };
    expect(rows.filter((row) => row.app === app).map((row) => [row.env, row.blocked])).toEqual([['dev', entry], ['stage', entry], ['prod', undefined]]);
    // (Another app's 1.0.0 is another digest.)
    expect(rows.filter((row) => row.app !== app && row.blocked)).toEqual([]);

    const text = await ferry(['status', '--repo', dir]);
    expect(text.code, text.stderr).toBe(0);
    const lines = text.stdout.split('\n');
    const short = digestOf(`${app} 1.0.0`).slice(0, 19);
    for (const env of ['dev', 'stage']) expect(lines.find((l) => l.startsWith(`${app}  ${env} `))).toContain(`${short} (blocked)`);
    expect(lines.find((l) => l.startsWith(`${app}  prod `))).not.toContain('(blocked)');
    expect(lines.filter((l) => l.includes('(blocked)') && !l.startsWith('(blocked)'))).toHaveLength(2);
    expect(lines).toContain(`(blocked) ${app} in dev, stage: ${short} blocked: INC-77 (by oncall)`);
  });

  test('blocked for another app (a block names content): marked with that app; a reason of 300 characters keeps the note to 100 columns (--json has it whole)', async () => {
    const dir = join(root, `blocked-${++counter}.git`);
    await createEnvRepo({ dir, apps: 2 });
    const [a, b] = [appName(0), appName(1)];
    const reason = `CVE-2026-0001 ${'x'.repeat(286)}`;
    // (b's image of a's 1.0.0 bytes: the same digest under b's name.)
    const same = imageRef(b, '1.0.0').replace(/@.*/, `@${digestOf(`${a} 1.0.0`)}`);
    expect((await ferry(['block', '--repo', dir, '--app', b, '--image', same, '--reason', reason])).code).toBe(0);
    const r = await ferry(['status', '--repo', dir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout).rows as { env: string; app: string; blocked?: { app: string; reason: string } }[];
    expect(rows.filter((row) => row.blocked).map((row) => [row.app, row.env, row.blocked!.app, row.blocked!.reason])).toEqual(['dev', 'stage', 'prod'].map((env) => [a, env, b, reason]));
    const text = await ferry(['status', '--repo', dir]);
    const note = text.stdout.split('\n').find((l) => l.startsWith('(blocked)'))!;
    expect(note).toMatch(new RegExp(`^\\(blocked\\) ${a} in dev, stage, prod: ${digestOf(`${a} 1.0.0`).slice(0, 19)} blocked for app "${b}": CVE-20\\S*…$`));
    expect(Array.from(note)).toHaveLength(100);
  });

  test('a blocked.yaml that cannot be read: the table all the same, exit 0, and a warning naming file and line, on stderr and in --json (status is on-call\'s view in an incident; it says its digests were not checked)', async () => {
    const dir = join(root, `blocked-${++counter}.git`);
    await createEnvRepo({ dir, apps: 1 });
    await commitByHand(dir, { 'blocked.yaml': 'blocked:\n  - app: x\n    digest: sha256:abc\n    reason: r\n' }, 'hand edit');
    const warning = 'blocked.yaml does not read (blocked.yaml:3:13: blocked[0].digest: expected sha256:<64 lowercase hex digits>, found "sha256:abc"): digests not checked against it';
    const r = await ferry(['status', '--repo', dir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`ferry status: warning: ${warning}\n`);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ status: 'succeeded', warning });
    expect(out.rows.map((row: { env: string; digest?: string; blocked?: unknown }) => [row.env, row.digest, row.blocked])).toEqual(['dev', 'stage', 'prod'].map((env) => [env, digestOf(`${appName(0)} 1.0.0`), undefined]));
    const text = await ferry(['status', '--repo', dir]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toBe(`ferry status: warning: ${warning}\n`);
    expect(text.stdout.split('\n').filter((l) => l.startsWith(`${appName(0)}  `))).toHaveLength(3);
    // (A blocked.yaml that reads: no warning.)
    const fine = await ferry(['status', '--repo', (await newBlockedRepo()), '--json']);
    expect(fine.stderr).toBe('');
    expect(JSON.parse(fine.stdout)).not.toHaveProperty('warning');
  });
});

/** A repository whose blocked.yaml reads (one entry, written by ferry block). */
async function newBlockedRepo(): Promise<string> {
  const dir = join(root, `blocked-${++counter}.git`);
  await createEnvRepo({ dir, apps: 1 });
  expect((await ferry(['block', '--repo', dir, '--app', appName(0), '--image', imageRef(appName(0), '6.6.6'), '--reason', 'CVE'])).code).toBe(0);
  return dir;
}

describe('exit codes', () => {
  test('--help: 0 and the usage', async () => {
    const r = await ferry(['status', '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ferry status: what every app pins in every environment\n\nUsage: ferry status --repo <url\|path> \[--branch main\] \[--json\]\n/);
    expect(r.stdout).toContain('--repo <url|path>');
  });

  test('no --repo: 2', async () => {
    const r = await ferry(['status']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('ferry status: error: --repo: is required\n');
  });

  test('an unknown option: 2, naming it', async () => {
    const r = await ferry(['status', '--repo', 'x', '--env', 'dev']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ferry status: error: Unknown option '--env' \(see ferry status --help\)\n$/);
  });

  test('a broken ferry.yaml: 2, with file, line and field', async () => {
    const repo = await newRepo(0);
    const config = execFileSync('git', ['-C', repo.dir, 'show', 'main:ferry.yaml']).toString();
    await commitTo(repo.dir, { 'ferry.yaml': config.replace('    image: app-0001', '    imagee: app-0001') }, 'typo');
    const r = await ferry(['status', '--repo', repo.dir, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ferry status: error: ferry.yaml:12:5: apps[1]: missing required key "image"');
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'failed', error: { kind: 'configuration' } });
  });

  test('no such repository: 1, with git\'s reason', async () => {
    const r = await ferry(['status', '--repo', join(root, 'missing.git')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ferry status: clone file:\/\/.*missing\.git \(branch main\) failed: .*does not appear to be a git repository/);
  });

  test('an empty repository: 1, saying it is empty (no branch to name)', async () => {
    const dir = join(root, `empty-${++counter}.git`);
    execFileSync('git', ['init', '--quiet', '--bare', dir]);
    const r = await ferry(['status', '--repo', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the repository is empty: make it with ferry init, or push a first commit/);
    expect(r.stderr).not.toMatch(/--branch/);
  });

  test('no such branch: 1', async () => {
    const repo = await newRepo(0);
    const r = await ferry(['status', '--repo', repo.dir, '--branch', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Remote branch nope not found/);
    expect(r.stderr).toMatch(/the repository has no branch nope: name the branch to use with --branch/);
  });
});
