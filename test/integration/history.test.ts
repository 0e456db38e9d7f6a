// ferry history against a real bare repository: the Ferry commits' trailers, newest first.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appName, createEnvRepo, imageRef, readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { startGitDaemon } from '../support/git-daemon.js';
import { commitByHand } from '../support/hand-commit.js';
import { TEMPLATE_REGISTRY, hoursAgo, initTemplateRepo, templateImage } from '../support/template-repo.js';
import { runHistory } from '../../actions/src/entry/commands/history.js';

let root: string;
let repo: string;
const commits: Record<string, string> = {};
const a = appName(0);
const b = appName(1);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-history-'));
  repo = join(root, 'env.git');
  await createEnvRepo({ dir: repo, apps: 2 });
  const run = async (name: string, args: string[]) => {
    const r = await ferry([...args, '--repo', repo]);
    expect(r.code, r.stderr).toBe(0);
    commits[name] = remoteHead(repo);
  };
  await run('bumpA', ['bump', '--env', 'stage', '--app', a, '--image', imageRef(a, '2.0.0'), '--requested-by', 'alice', '--source-revision', 'abc1234']);
  await run('bumpB', ['bump', '--env', 'dev', '--app', b, '--image', imageRef(b, '5.0.0'), '--requested-by', 'carol']);
  await run('rollbackA', ['rollback', '--env', 'stage', '--app', a, '--block', '--reason', 'crash loop', '--requested-by', 'bob']);
  await run('blockB', ['block', '--app', b, '--image', imageRef(b, '6.6.6'), '--reason', 'bad build']);
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('ferry history', () => {
  test('--json: every Ferry commit newest first, from its trailers', async () => {
    const r = await ferry(['history', '--repo', repo, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { events, commit } = JSON.parse(r.stdout);
    expect(commit).toBe(commits.blockB);
    expect(events.map((e: { action: string }) => e.action)).toEqual(['block', 'rollback', 'bump', 'bump']);
    expect(events[0]).toEqual({ commit: commits.blockB, date: expect.any(String), action: 'block', app: b, image: imageRef(b, '6.6.6'), approvedBy: [], reason: 'bad build' });
    expect(events[1]).toEqual({
      commit: commits.rollbackA, date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), action: 'rollback', env: 'stage', app: a,
      image: imageRef(a, '1.0.0'), previousImage: imageRef(a, '2.0.0'), requestedBy: 'bob', approvedBy: [], reason: 'crash loop',
      blockedImage: imageRef(a, '2.0.0'),
    });
    expect(events[3]).toEqual({
      commit: commits.bumpA, date: expect.any(String), action: 'bump', env: 'stage', app: a,
      image: imageRef(a, '2.0.0'), previousImage: imageRef(a, '1.0.0'), requestedBy: 'alice', approvedBy: [],
    });
  });

  test('--env and --app narrow it down', async () => {
    // (b's block names no environment: it holds in every one, dev's included; so does the block
    // of a's rollback --block in stage.)
    const dev = JSON.parse((await ferry(['history', '--repo', repo, '--env', 'dev', '--json'])).stdout);
    expect(dev.events.map((e: { commit: string; action: string }) => [e.commit, e.action])).toEqual([[commits.blockB, 'block'], [commits.rollbackA, 'block'], [commits.bumpB, 'bump']]);
    const appB = JSON.parse((await ferry(['history', '--repo', repo, '--app', b, '--json'])).stdout);
    expect(appB.events.map((e: { commit: string }) => e.commit)).toEqual([commits.blockB, commits.bumpB]);
    const appA = JSON.parse((await ferry(['history', '--repo', repo, '--app', a, '--json'])).stdout);
    expect(appA.events.map((e: { commit: string }) => e.commit)).toEqual([commits.rollbackA, commits.bumpA]);
  });

  test('the text form: one table per environment', async () => {
    const r = await ferry(['history', '--repo', repo]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const stage = lines.indexOf('stage');
    expect(stage).toBeGreaterThan(0);
    // (The free text last: the commit comes before it, whatever its length.)
    expect(lines[stage + 1]).toMatch(/^WHEN +ACTION +APP +IMAGE +BEFORE +BY +APPROVED BY +COMMIT +GATES \/ REASON$/);
    expect(lines[stage + 2]).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ +rollback +${a} +1\\.0\\.0 \\(sha256:[0-9a-f]{12}\\) +2\\.0\\.0 \\(sha256:[0-9a-f]{12}\\) +bob +${commits.rollbackA!.slice(0, 12)}  reason: crash loop; blocked: 2\\.0\\.0 \\(sha256:[0-9a-f]{12}\\)$`));
    const repository = lines.indexOf('(repository)');
    expect(lines[repository + 2]).toMatch(new RegExp(`^\\S+ \\S+ +block +${b} +6\\.6\\.6 \\(sha256:[0-9a-f]{12}\\) +${commits.blockB!.slice(0, 12)}  reason: bad build$`));
  });

  test('the text form: a table per environment in ferry.yaml\'s order, whatever changed last, (repository) last; --json names that order', async () => {
    // (Changed last: the repository (a block), then stage, then dev.)
    const r = await ferry(['history', '--repo', repo]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').filter((line, i, lines) => lines[i + 1]?.startsWith('WHEN '))).toEqual(['dev', 'stage', '(repository)']);
    const json = JSON.parse((await ferry(['history', '--repo', repo, '--json'])).stdout);
    expect(json.environments).toEqual(['dev', 'stage', 'prod']);
    // (The events stay newest landing first.)
    expect(json.events.map((e: { commit: string }) => e.commit)).toEqual([commits.blockB, commits.rollbackA, commits.bumpB, commits.bumpA]);
    // An environment ferry.yaml no longer names: after those it names, by name.
    const renamed = join(root, 'renamed.git');
    await createEnvRepo({ dir: renamed, apps: 1 });
    for (const env of ['prod', 'dev', 'stage']) {
      const bumped = await ferry(['bump', '--repo', renamed, '--env', env, '--app', a, '--image', imageRef(a, `3.0.0-${env}`)]);
      expect(bumped.code, bumped.stderr).toBe(0);
    }
    const config = readRemoteFile(renamed, 'ferry.yaml')!;
    await commitByHand(renamed, { 'ferry.yaml': config.replace('- name: dev', '- name: qa').replace('promoteFrom: dev', 'promoteFrom: qa') }, 'dev is qa now');
    const after = await ferry(['history', '--repo', renamed]);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout.split('\n').filter((line, i, lines) => lines[i + 1]?.startsWith('WHEN '))).toEqual(['stage', 'prod', 'dev']);
  });

  test('a promotion with an override: the gate it let through, in --json and the text form', async () => {
    const gated = join(root, 'gated.git');
    await createEnvRepo({ dir: gated, apps: 1 });
    const config = readRemoteFile(gated, 'ferry.yaml')!;
    expect(config).toContain('    promoteFrom: dev\n');
    await commitByHand(gated, { 'ferry.yaml': config.replace('    promoteFrom: dev\n', '    promoteFrom: dev\n    gates: { soak: 2h }\n') }, 'soak gate');
    for (const args of [
      ['bump', '--env', 'dev', '--app', a, '--image', imageRef(a, '2.0.0')],
      ['promote', '--from', 'dev', '--to', 'stage', '--app', a, '--override', 'soak', '--reason', 'hotfix for INC-42', '--requested-by', 'alice'],
    ]) {
      const r = await ferry([...args, '--repo', gated]);
      expect(r.code, r.stderr).toBe(0);
    }
    const promoted = remoteHead(gated);
    const json = await ferry(['history', '--repo', gated, '--env', 'stage', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const [event] = JSON.parse(json.stdout).events;
    expect(event).toMatchObject({ commit: promoted, action: 'promote', from: 'dev', app: a, override: 'soak', reason: 'hotfix for INC-42', gates: expect.stringMatching(/(^| )soak=fail\(/) });
    const text = await ferry(['history', '--repo', gated, '--env', 'stage']);
    expect(text.stdout).toMatch(new RegExp(` ${promoted.slice(0, 12)}  [^\n]*\\bsoak=fail\\([^)]*\\); override: soak; reason: hotfix for INC-42\n`));
  });

  test('the text form keeps to a terminal: a 500-character reason after the commit, a CJK name padded by the columns it takes', async () => {
    const dir = join(root, 'wide.git');
    await createEnvRepo({ dir, apps: 2 });
    const long = `${'x'.repeat(493)} INC-42`; // (the longest --reason there is)
    const wide = '山田 太郎';
    for (const [tag, by, reason] of [['6.6.6', wide, long], ['7.7.7', 'bob', '本番で障害'], ['8.8.8', 'carol', 'cve']]) {
      const r = await ferry(['block', '--repo', dir, '--app', a, '--image', imageRef(a, tag!), '--reason', reason!, '--requested-by', by!]);
      expect(r.code, r.stderr).toBe(0);
    }
    const r = await ferry(['history', '--repo', dir]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    const at = lines.indexOf('(repository)');
    const [header, ...rows] = lines.slice(at + 1, at + 4 + 1);
    expect(header).toMatch(/ COMMIT +GATES \/ REASON$/);
    const commitAt = header!.indexOf('COMMIT');
    expect(commitAt).toBeLessThan(120);
    // Each row's commit where the header's COMMIT is, on a terminal (山田 太郎 takes 9 columns); the reason last, whole.
    expect(rows.map((row) => row.replace(wide, 'x'.repeat(9)).search(/[0-9a-f]{12} {2}reason: /))).toEqual([commitAt, commitAt, commitAt]);
    expect(rows.map((row) => row.slice(row.indexOf('  reason: ') + 2))).toEqual(['reason: cve', 'reason: 本番で障害', `reason: ${long}`]);
  });

  test('an unknown environment or app: exit 2', async () => {
    const env = await ferry(['history', '--repo', repo, '--env', 'qa']);
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('no environment "qa" in ferry.yaml');
    const app = await ferry(['history', '--repo', repo, '--app', 'nope']);
    expect(app.code).toBe(2);
  });

  test('a filter that matches nothing says what was filtered', async () => {
    const dir = join(root, 'quiet.git');
    await createEnvRepo({ dir, apps: 2 });
    const bumped = await ferry(['bump', '--repo', dir, '--env', 'stage', '--app', a, '--image', imageRef(a, '2.0.0')]);
    expect(bumped.code, bumped.stderr).toBe(0);
    const prod = await ferry(['history', '--repo', dir, '--env', 'prod', '--app', a]);
    expect(prod.code, prod.stderr).toBe(0);
    expect(prod.stdout.trimEnd().split('\n').at(-1)).toBe(`no Ferry commits for app ${a} in env prod`);
    const both = await ferry(['history', '--repo', dir, '--env', 'dev', '--app', b]);
    expect(both.code, both.stderr).toBe(0);
    expect(both.stdout.trimEnd().split('\n').at(-1)).toBe(`no Ferry commits for app ${b} in env dev`);
  });

  test('a rollback with --block: under another --env, its block (which holds in every environment) as a block row; under its own, the rollback that made it', async () => {
    // Only the blocks, b's and the one a's rollback --block in stage made, hold in prod.
    const prodAll = await ferry(['history', '--repo', repo, '--env', 'prod', '--json']);
    expect(prodAll.code, prodAll.stderr).toBe(0);
    const blocks = JSON.parse(prodAll.stdout).events;
    expect(blocks.map((e: { commit: string }) => e.commit)).toEqual([commits.blockB, commits.rollbackA]);
    expect(blocks[1]).toEqual({
      commit: commits.rollbackA, date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), action: 'block', app: a, image: imageRef(a, '2.0.0'),
      requestedBy: 'bob', approvedBy: [], reason: 'crash loop', rollbackEnv: 'stage',
    });
    // --app too: a's block holds in prod and in dev, where a has no other event.
    for (const env of ['prod', 'dev']) {
      const one = await ferry(['history', '--repo', repo, '--env', env, '--app', a, '--json']);
      expect(one.code, one.stderr).toBe(0);
      expect(JSON.parse(one.stdout).events.map((e: { commit: string; action: string }) => [e.commit, e.action])).toEqual([[commits.rollbackA, 'block']]);
    }
    const otherApp = await ferry(['history', '--repo', repo, '--env', 'prod', '--app', b, '--json']);
    expect(JSON.parse(otherApp.stdout).events.map((e: { commit: string }) => e.commit)).toEqual([commits.blockB]);
    // The text form: a block row under (repository), who, the image blocked and why, and the rollback's environment.
    const text = await ferry(['history', '--repo', repo, '--env', 'prod']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^\\S+ \\S+ +block \\(rollback in stage\\) +${a} +2\\.0\\.0 \\(sha256:[0-9a-f]{12}\\) +bob +${commits.rollbackA!.slice(0, 12)}  reason: crash loop$`, 'm'));
    // Under the rollback's own environment: the rollback, with the block it made, once.
    const stage = JSON.parse((await ferry(['history', '--repo', repo, '--env', 'stage', '--app', a, '--json'])).stdout);
    expect(stage.events.map((e: { commit: string; action: string; blockedImage?: string }) => [e.commit, e.action, e.blockedImage])).toEqual([
      [commits.rollbackA, 'rollback', imageRef(a, '2.0.0')], [commits.bumpA, 'bump', undefined],
    ]);
    const stageText = await ferry(['history', '--repo', repo, '--env', 'stage']);
    expect(stageText.stdout).toMatch(new RegExp(` rollback +${a} .* ${commits.rollbackA!.slice(0, 12)}  reason: crash loop; blocked: 2\\.0\\.0 \\(sha256:[0-9a-f]{12}\\)$`, 'm'));
    expect(stageText.stdout).not.toContain('(rollback in');
  });

  test('--help', async () => {
    const r = await ferry(['history', '--help']);
    expect(r.code).toBe(0);
    // (cli-help.ts is gaining `[--branch main]` in every usage line.)
    expect(r.stdout).toMatch(/^Usage: ferry history --repo <url\|path>( \[--branch main\])? \[--env <env>\]\n {21}\[--app <app>\] \[--json\]$/m);
  });
});

describe('ferry history does not depend on today\'s ferry.yaml', () => {
  test('a broken ferry.yaml: the history from the trailers all the same, exit 0, and one warning saying why', async () => {
    const broken = join(root, 'broken.git');
    await createEnvRepo({ dir: broken, apps: 1 });
    const r = await ferry(['bump', '--repo', broken, '--env', 'stage', '--app', a, '--image', imageRef(a, '2.0.0'), '--requested-by', 'alice']);
    expect(r.code, r.stderr).toBe(0);
    const bumped = remoteHead(broken);
    const config = readRemoteFile(broken, 'ferry.yaml')!;
    const line = config.split('\n').indexOf('    promoteFrom: dev') + 1;
    expect(line).toBeGreaterThan(0);
    await commitByHand(broken, { 'ferry.yaml': config.replace('    promoteFrom: dev\n', '    promoteFrom: devv\n') }, 'typo');
    const why = `ferry.yaml:${line}:18: environments[1].promoteFrom: no environment named "devv"`;

    const json = await ferry(['history', '--repo', broken, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result.events.map((e: { commit: string; app: string; env: string }) => [e.commit, e.env, e.app])).toEqual([[bumped, 'stage', a]]);
    expect(result.warning).toContain('could not read ferry.yaml');
    expect(result.warning).toContain(why);

    const text = await ferry(['history', '--repo', broken]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^stage\nWHEN .*\n\\S+ \\S+ +bump +${a} +2\\.0\\.0 .* alice +${bumped.slice(0, 12)}$`, 'm'));
    expect(text.stderr.split('could not read ferry.yaml')).toHaveLength(2);
    expect(text.stderr).toContain(why);

    // The names asked for are checked against the history then: one it has is accepted, another is not.
    const stage = await ferry(['history', '--repo', broken, '--env', 'stage', '--app', a, '--json']);
    expect(stage.code, stage.stderr).toBe(0);
    expect(JSON.parse(stage.stdout).events).toHaveLength(1);
    const typo = await ferry(['history', '--repo', broken, '--env', 'prdo']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('no environment "prdo" in the history (environments: stage)');
    expect(typo.stderr).toContain(why);
  });

  test('an app removed from ferry.yaml: --app still shows its history; a name in neither is refused', async () => {
    const removed = join(root, 'removed.git');
    await createEnvRepo({ dir: removed, apps: 2 });
    const r = await ferry(['bump', '--repo', removed, '--env', 'dev', '--app', a, '--image', imageRef(a, '2.0.0')]);
    expect(r.code, r.stderr).toBe(0);
    const bumped = remoteHead(removed);
    const config = readRemoteFile(removed, 'ferry.yaml')!;
    const entry = `  - name: ${a}\n    image: ${a}\n    manifest: "{env}/{app}/kustomization.yaml"\n`;
    expect(config).toContain(entry);
    await commitByHand(removed, { 'ferry.yaml': config.replace(entry, '') }, `remove ${a}`);

    const json = await ferry(['history', '--repo', removed, '--app', a, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result.events.map((e: { commit: string }) => e.commit)).toEqual([bumped]);
    expect(result).not.toHaveProperty('warning');
    const text = await ferry(['history', '--repo', removed, '--app', a]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(bumped.slice(0, 12));
    expect(text.stderr).toBe('');

    const nope = await ferry(['history', '--repo', removed, '--app', 'nope']);
    expect(nope.code).toBe(2);
    expect(nope.stderr).toContain(`no app "nope" in ferry.yaml or its history (apps: ${b}, ${a})`);
  });
});

test('trailers of a hand-made commit with terminal control characters: the text output shows none of them raw', async () => {
  const forged = join(root, 'forged.git');
  await createEnvRepo({ dir: forged, apps: 1 });
  const esc = '\u001b';
  await commitByHand(forged, { 'notes.txt': 'by hand\n' }, [
    'bump(stage): by hand', '',
    'Ferry-Action: bump',
    `Ferry-Env: st${esc}[2Jage`,
    `Ferry-App: ${a}${esc}]8;;https://evil.example/${esc}\\`,
    `Ferry-Image: ${imageRef(a, '6.6.6')}\u009b31m`,
    `Ferry-Previous-Image: ${imageRef(a, '1.0.0')}\u007f`,
    `Ferry-Requested-By: al${esc}[31mice`,
    `Ferry-Approved-By: bob\u0085carol`,
    'Ferry-Gate: soak=pass\u202e(1h)',
    `Ferry-Reason: hot\tfix\u2066 INC-42\u2069${esc}[0m`,
  ].join('\n'));
  const r = await ferry(['history', '--repo', forged]);
  expect(r.code, r.stderr).toBe(0);
  // C0 but the line breaks history puts between lines, DEL, C1, U+2028/2029, bidi embeddings, overrides and isolates.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  // What they were in is still there to read.
  expect(r.stdout).toMatch(/^st.+\[2Jage$/m);
  expect(r.stdout).toMatch(/ al.+\[31mice /);
  expect(r.stdout).toMatch(/hot.+fix.+ INC-42/);
});

// (Through runHistory, the command's source: bin/ferry runs the committed bundle.)
describe('a change merged as a pull request with a merge commit', () => {
  /** git in `dir`; `at`: the date of a commit it makes (GIT_COMMITTER_DATE). */
  const gitAt = (at: string | undefined, dir: string, ...args: string[]) =>
    execFileSync('git', ['-C', dir, '-c', 'user.name=Merger', '-c', 'user.email=merger@example.invalid', ...args], { env: { ...process.env, ...(at ? { GIT_COMMITTER_DATE: at } : {}) } }).toString().trim();
  const git = (dir: string, ...args: string[]) => gitAt(undefined, dir, ...args);
  let repos = 0;
  const newRepo = async () => {
    const dir = join(root, `merged-${++repos}.git`);
    await createEnvRepo({ dir, apps: 1 });
    return dir;
  };
  /**
   * Ferry bumps `tags` in turn on a branch of main, then the branch is merged into main with a merge
   * commit, with Ferry's message (the branch tip's, as Ferry's auto-merge gives it to GitHub) or
   * GitHub's default one; `made` and `merged`: the dates of the branch's commits and of the merge
   * (GIT_COMMITTER_DATE), else now. Returns the merge and the branch's tip.
   */
  const mergedPullRequest = async (dir: string, branch: string, tags: string[], message: 'ferry' | 'default', { made, merged }: { made?: string; merged?: string } = {}) => {
    git(dir, 'branch', branch, 'main');
    for (const tag of tags) {
      const r = await ferry(['bump', '--repo', dir, '--branch', branch, '--env', 'dev', '--app', a, '--image', imageRef(a, tag), '--requested-by', 'alice'], made ? { env: { GIT_COMMITTER_DATE: made } } : {});
      expect(r.code, r.stderr).toBe(0);
    }
    const work = await mkdtemp(join(root, 'merge-'));
    try {
      execFileSync('git', ['clone', '--quiet', dir, work]);
      const text = message === 'ferry' ? git(work, 'log', '-1', '--format=%B', `origin/${branch}`) : `Merge pull request #1 from acme/${branch}`;
      gitAt(merged, work, 'merge', '--quiet', '--no-ff', '-m', text, `origin/${branch}`);
      git(work, 'push', '--quiet', 'origin', 'HEAD:main');
      return { merge: git(work, 'rev-parse', 'HEAD'), tip: remoteHead(dir, branch) };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  };
  const events = async (dir: string) => (await runHistory({ repo: dir, branch: 'main' })).events;
  const dateOf = (dir: string, commit: string) => new Date(git(dir, 'log', '-1', '--format=%cI', commit)).toISOString().replace(/\.\d{3}Z$/, 'Z');

  test('merged with Ferry\'s message: one event, the merge (its id and date: when it landed), not the branch commit too', async () => {
    const dir = await newRepo();
    const { merge, tip } = await mergedPullRequest(dir, 'pr1', ['1.1.0'], 'ferry', { made: hoursAgo(50) });
    expect(dateOf(dir, merge)).not.toBe(dateOf(dir, tip));
    expect(git(dir, 'log', '-1', '--format=%(trailers:key=Ferry-Image,valueonly)', merge)).toBe(imageRef(a, '1.1.0'));
    expect(git(dir, 'rev-parse', `${merge}^2`)).toBe(tip);
    expect(await events(dir)).toEqual([{
      commit: merge, date: dateOf(dir, merge), action: 'bump', env: 'dev', app: a, image: imageRef(a, '1.1.0'), previousImage: imageRef(a, '1.0.0'), requestedBy: 'alice', approvedBy: [],
    }]);
  });

  test('merged with GitHub\'s default message: the branch commit\'s event, its id, at the merge\'s date (when it landed), the merge named', async () => {
    const dir = await newRepo();
    const first = await mergedPullRequest(dir, 'pr1', ['1.1.0'], 'ferry', { made: hoursAgo(3), merged: hoursAgo(3) });
    const { tip, merge } = await mergedPullRequest(dir, 'pr2', ['1.2.0'], 'default', { made: hoursAgo(5) });
    expect(dateOf(dir, merge)).not.toBe(dateOf(dir, tip));
    expect((await events(dir)).map((e) => [e.commit, e.date, e.landedWith, e.image])).toEqual([
      [tip, dateOf(dir, merge), merge, imageRef(a, '1.2.0')],
      [first.merge, dateOf(dir, first.merge), undefined, imageRef(a, '1.1.0')],
    ]);
  });

  // helper-146: a pin made on a branch at 09:00, main's bump of another app at 10:00, the branch
  // merged at 11:50. The pin reached main at 11:50 (status's PINNED, promote's "in dev since"):
  // history showed it at 09:00, listed first ("newest first") above main's 10:00 bump.
  test('a pin merged from a branch after main moved on: at the merge\'s date, above main\'s later-made pin, in --json and the text form, as status says', async () => {
    const dir = join(root, 'merged-late.git');
    await createEnvRepo({ dir, apps: 2 });
    git(dir, 'branch', 'pr9', 'main');
    const onBranch = await ferry(['bump', '--repo', dir, '--branch', 'pr9', '--env', 'dev', '--app', a, '--image', imageRef(a, '1.1.0'), '--requested-by', 'alice'], { env: { GIT_COMMITTER_DATE: '2026-06-01T09:00:00Z' } });
    expect(onBranch.code, onBranch.stderr).toBe(0);
    const onMain = await ferry(['bump', '--repo', dir, '--env', 'dev', '--app', b, '--image', imageRef(b, '1.1.0'), '--requested-by', 'carol'], { env: { GIT_COMMITTER_DATE: '2026-06-01T10:00:00Z' } });
    expect(onMain.code, onMain.stderr).toBe(0);
    const bumpB = remoteHead(dir);
    const pin = remoteHead(dir, 'pr9');
    const work = await mkdtemp(join(root, 'merge-'));
    try {
      execFileSync('git', ['clone', '--quiet', dir, work]);
      gitAt('2026-06-01T11:50:00Z', work, 'merge', '--quiet', '--no-ff', '-m', 'Merge pull request #9 from acme/pr9', 'origin/pr9');
      git(work, 'push', '--quiet', 'origin', 'HEAD:main');
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    const merge = remoteHead(dir);
    const { events: dev } = await runHistory({ repo: dir, branch: 'main', env: 'dev' });
    expect(dev.filter((e) => e.action !== 'init').map((e) => [e.commit, e.date, e.landedWith, e.app])).toEqual([
      [pin, '2026-06-01T11:50:00Z', merge, a],
      [bumpB, '2026-06-01T10:00:00Z', undefined, b],
    ]);
    const json = await ferry(['history', '--repo', dir, '--env', 'dev', '--app', a, '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).events).toEqual([expect.objectContaining({ commit: pin, date: '2026-06-01T11:50:00Z', landedWith: merge, image: imageRef(a, '1.1.0') })]);
    const text = await ferry(['history', '--repo', dir, '--env', 'dev']);
    expect(text.code, text.stderr).toBe(0);
    const rows = text.stdout.split('\n').filter((line) => / bump /.test(line));
    expect(rows.map((line) => [line.slice(0, 20), line.includes(a) ? a : b, line.includes(pin.slice(0, 12)) || line.includes(bumpB.slice(0, 12))])).toEqual([
      ['2026-06-01 11:50:00Z', a, true], ['2026-06-01 10:00:00Z', b, true],
    ]);
    // The same moment status gives as when the pin was made where it runs.
    const status = await ferry(['status', '--repo', dir, '--json']);
    expect(status.code, status.stderr).toBe(0);
    const row = JSON.parse(status.stdout).rows.find((r: { env: string; app: string }) => r.env === 'dev' && r.app === a);
    expect(new Date(row.pinned.date).toISOString()).toBe('2026-06-01T11:50:00.000Z');
    expect(row.pinned).toMatchObject({ commit: merge, ferryCommit: pin });
  });

  test('a branch pushed to again before the merge: only what the merge brought in, the first pin never was main\'s', async () => {
    const dir = await newRepo();
    const { merge } = await mergedPullRequest(dir, 'pr1', ['1.3.0', '1.4.0'], 'ferry', { made: hoursAgo(2), merged: hoursAgo(2) });
    expect((await events(dir)).map((e) => [e.commit, e.image])).toEqual([[merge, imageRef(a, '1.4.0')]]);
    const { tip } = await mergedPullRequest(dir, 'pr2', ['1.5.0', '1.6.0'], 'default');
    expect((await events(dir)).map((e) => [e.commit, e.image])).toEqual([[tip, imageRef(a, '1.6.0')], [merge, imageRef(a, '1.4.0')]]);
  });

  test('a merged branch made in the same second as a later pin of main: its change shown at the merge, above that pin (git lists by date; helper-69)', async () => {
    const dir = await newRepo();
    const second = '2026-01-05T00:00:00Z';
    git(dir, 'branch', 'pr3', 'main');
    const onMain = await ferry(['bump', '--repo', dir, '--env', 'dev', '--app', a, '--image', imageRef(a, '1.2.0')], { env: { GIT_COMMITTER_DATE: second } });
    expect(onMain.code, onMain.stderr).toBe(0);
    const onBranch = await ferry(['bump', '--repo', dir, '--branch', 'pr3', '--env', 'dev', '--app', a, '--image', imageRef(a, '1.1.0')], { env: { GIT_COMMITTER_DATE: second } });
    expect(onBranch.code, onBranch.stderr).toBe(0);
    const work = await mkdtemp(join(root, 'merge-'));
    try {
      execFileSync('git', ['clone', '--quiet', dir, work]);
      gitAt(second, work, 'merge', '--quiet', '--no-ff', '-X', 'theirs', '-m', 'Merge pull request #3 from acme/pr3', 'origin/pr3');
      git(work, 'push', '--quiet', 'origin', 'HEAD:main');
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    // What main runs is the branch's 1.1.0: the merge landed after main's 1.2.0, and the history says so first.
    expect((await events(dir)).map((e) => [e.action, e.image])).toEqual([['bump', imageRef(a, '1.1.0')], ['bump', imageRef(a, '1.2.0')]]);
    expect(readRemoteFile(dir, `dev/${a}/kustomization.yaml`)).toContain(imageRef(a, '1.1.0').split('@')[1]);
  });

  /**
   * A branch `side` of main with a commit by hand (author Hand) for each of `edits` (path -> text),
   * merged into main with GitHub's default message (committer and author Merger); `resolve`: files
   * the merge itself changes (a conflict resolved by hand); `madeAt` and `mergedAt`: the dates of the
   * branch's commits and of the merge (GIT_COMMITTER_DATE), else now. Returns the branch's commits and the merge.
   */
  const mergedByHand = async (dir: string, edits: Record<string, string>[], resolve: Record<string, string> = {}, { madeAt, mergedAt }: { madeAt?: string; mergedAt?: string } = {}) => {
    const work = await mkdtemp(join(root, 'hand-merge-'));
    try {
      execFileSync('git', ['clone', '--quiet', dir, work]);
      const hand = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Hand', '-c', 'user.email=hand@example.invalid', ...args], { env: { ...process.env, ...(madeAt ? { GIT_COMMITTER_DATE: madeAt } : {}) } }).toString().trim();
      hand('checkout', '--quiet', '-b', 'side');
      const made: string[] = [];
      for (const files of edits) {
        for (const [path, text] of Object.entries(files)) writeFileSync(join(work, path), text);
        hand('add', '--', ...Object.keys(files));
        hand('commit', '--quiet', '-m', 'by hand on a branch');
        made.push(hand('rev-parse', 'HEAD'));
      }
      hand('checkout', '--quiet', 'main');
      git(work, 'merge', '--quiet', '--no-ff', '--no-commit', 'side');
      for (const [path, text] of Object.entries(resolve)) writeFileSync(join(work, path), text);
      if (Object.keys(resolve).length) git(work, 'add', '--', ...Object.keys(resolve));
      gitAt(mergedAt, work, 'commit', '--quiet', '-m', 'Merge pull request #7 from acme/side');
      git(work, 'push', '--quiet', 'origin', 'HEAD:main');
      return { made, merge: git(work, 'rev-parse', 'HEAD') };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  };
  const withDigest = (text: string, digit: string) => text.replace(/sha256:[0-9a-f]{64}/, `sha256:${digit.repeat(64)}`);

  test('a pin changed by hand on a merged branch: an edit row, the branch commit by its author, where and when it landed; --env and --app as for any edit', async () => {
    const dir = join(root, 'merged-edit.git');
    await createEnvRepo({ dir, apps: 2 });
    const path = `dev/${a}/kustomization.yaml`;
    const bumped = await ferry(['bump', '--repo', dir, '--env', 'dev', '--app', b, '--image', imageRef(b, '1.1.0'), '--requested-by', 'alice']);
    expect(bumped.code, bumped.stderr).toBe(0);
    const { made: [edited], merge } = await mergedByHand(dir, [{ [path]: withDigest(readRemoteFile(dir, path)!, '9') }], {}, { madeAt: hoursAgo(6) });
    expect(git(dir, 'rev-parse', `${merge}^2`)).toBe(edited);
    expect(dateOf(dir, merge)).not.toBe(dateOf(dir, edited!));
    const { events } = await runHistory({ repo: dir, branch: 'main', env: 'dev' });
    expect(events.filter((e) => e.action !== 'init').map((e) => [e.commit, e.action, e.app])).toEqual([[edited, 'edit', a], [expect.any(String), 'bump', b]]);
    expect(events[0]).toMatchObject({ commit: edited, date: dateOf(dir, merge), landedWith: merge, action: 'edit', env: 'dev', app: a, author: 'Hand', byHand: true, reason: `${path} changed without Ferry (see ferry audit)` });
    // (What the history shows last is what the branch pins, as ferry status shows it.)
    expect(events[0]!.image).toMatch(new RegExp(`@sha256:9{64}$`));
    expect(readRemoteFile(dir, path)).toContain(`sha256:${'9'.repeat(64)}`);
    const rows = async (filter: { env?: string; app?: string }) => (await runHistory({ repo: dir, branch: 'main', ...filter })).events.filter((e) => e.action === 'edit').map((e) => [e.commit, e.env, e.app]);
    expect(await rows({ app: a })).toEqual([[edited, 'dev', a]]);
    expect(await rows({ env: 'dev', app: b })).toEqual([]);
    expect(await rows({ env: 'stage' })).toEqual([]);
    const text = await ferry(['history', '--repo', dir, '--env', 'dev', '--app', a]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^\\S+ \\S+ +edit +${a} +\\S+ \\(sha256:9{12}\\) +Hand \\(by hand\\) +${edited!.slice(0, 12)}  reason: `, 'm'));
  });

  test('a pin changed twice by hand on a merged branch: the change that landed alone, the first never was main\'s', async () => {
    const dir = await newRepo();
    const path = `dev/${a}/kustomization.yaml`;
    const text = readRemoteFile(dir, path)!;
    const { made: [first, second] } = await mergedByHand(dir, [{ [path]: withDigest(text, '8') }, { [path]: withDigest(text, '9') }]);
    const edits = (await events(dir)).filter((e) => e.action === 'edit');
    expect(edits.map((e) => [e.commit, e.author, e.image?.split('@')[1]])).toEqual([[second, 'Hand', `sha256:${'9'.repeat(64)}`]]);
    expect(first).not.toBe(second);
  });

  test('a merge that changed a pin beyond what its branch brought (a conflict resolved by hand): an edit row at the merge, by its author', async () => {
    const dir = await newRepo();
    const path = `dev/${a}/kustomization.yaml`;
    const { made: [other], merge } = await mergedByHand(dir, [{ 'notes.txt': 'not a manifest\n' }], { [path]: withDigest(readRemoteFile(dir, path)!, '7') });
    const edits = (await events(dir)).filter((e) => e.action === 'edit');
    expect(edits.map((e) => [e.commit, e.env, e.app, e.author, e.byHand])).toEqual([[merge, 'dev', a, 'Merger', true]]);
    expect(edits[0]!.image).toMatch(/@sha256:7{64}$/);
    expect(other).not.toBe(merge);
  });

  test('Ferry pull requests merged, with Ferry\'s message or GitHub\'s, main moved on meanwhile: no edit rows', async () => {
    const dir = await newRepo();
    await mergedPullRequest(dir, 'pr1', ['1.1.0', '1.2.0'], 'ferry');
    // (A three-way merge: main pinned stage while the branch was open.)
    git(dir, 'branch', 'pr2', 'main');
    const onMain = await ferry(['bump', '--repo', dir, '--env', 'stage', '--app', a, '--image', imageRef(a, '2.0.0')]);
    expect(onMain.code, onMain.stderr).toBe(0);
    const onBranch = await ferry(['bump', '--repo', dir, '--branch', 'pr2', '--env', 'dev', '--app', a, '--image', imageRef(a, '1.3.0'), '--requested-by', 'alice']);
    expect(onBranch.code, onBranch.stderr).toBe(0);
    const work = await mkdtemp(join(root, 'merge-'));
    try {
      execFileSync('git', ['clone', '--quiet', dir, work]);
      git(work, 'merge', '--quiet', '--no-ff', '-m', 'Merge pull request #2 from acme/pr2', 'origin/pr2');
      git(work, 'push', '--quiet', 'origin', 'HEAD:main');
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    expect((await events(dir)).map((e) => [e.action, e.env, e.image])).toEqual([
      ['bump', 'dev', imageRef(a, '1.3.0')], ['bump', 'stage', imageRef(a, '2.0.0')], ['bump', 'dev', imageRef(a, '1.2.0')],
    ]);
  });

  // helper-170: a pull request's bump merged as main's side (-s ours, a conflict resolved to main's
  // side), or an evil merge (the bump merged, the tree pinning another digest), was shown as landed.
  const devPath = `dev/${a}/kustomization.yaml`;
  /**
   * Ferry bumps `a` in dev to 2.0.0 on a branch `pr` of main (by alice); then `mainTag`, when given,
   * on main (by bob); then `merge` runs in a clone of the repo (on main, the branch at origin/<pr>;
   * committer Merger) and main is pushed. Returns the branch's pin, main's, and the merge.
   */
  const mergedBy = async (dir: string, pr: string, mainTag: string | undefined, merge: (work: string) => void) => {
    git(dir, 'branch', pr, 'main');
    const onBranch = await ferry(['bump', '--repo', dir, '--branch', pr, '--env', 'dev', '--app', a, '--image', imageRef(a, '2.0.0'), '--requested-by', 'alice']);
    expect(onBranch.code, onBranch.stderr).toBe(0);
    if (mainTag !== undefined) {
      const onMain = await ferry(['bump', '--repo', dir, '--env', 'dev', '--app', a, '--image', imageRef(a, mainTag), '--requested-by', 'bob']);
      expect(onMain.code, onMain.stderr).toBe(0);
    }
    const mainPin = remoteHead(dir);
    const pin = remoteHead(dir, pr);
    const work = await mkdtemp(join(root, 'merge-'));
    try {
      execFileSync('git', ['clone', '--quiet', dir, work]);
      merge(work);
      git(work, 'push', '--quiet', 'origin', 'HEAD:main');
      return { pin, mainPin, merge: git(work, 'rev-parse', 'HEAD') };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  };
  /** What `ferry status` says of `a` in dev. */
  const devRow = async (dir: string) => {
    const status = await ferry(['status', '--repo', dir, '--json']);
    expect(status.code, status.stderr).toBe(0);
    return JSON.parse(status.stdout).rows.find((r: { env: string; app: string }) => r.env === 'dev' && r.app === a);
  };

  test.each(['-s ours', 'a conflict resolved to main\'s side'])('a pull request merged keeping main\'s pin (%s): its bump did not land, main\'s is the newest row, as status says', async (how) => {
    const dir = await newRepo();
    const message = 'Merge pull request #12 from acme/pr12';
    const { pin, mainPin, merge } = await mergedBy(dir, 'pr12', '3.0.0', (work) => {
      if (how === '-s ours') {
        git(work, 'merge', '--quiet', '--no-ff', '-s', 'ours', '-m', message, 'origin/pr12');
        return;
      }
      expect(() => git(work, 'merge', '--quiet', '--no-ff', '--no-commit', 'origin/pr12')).toThrow();
      git(work, 'checkout', '--ours', '--', devPath);
      git(work, 'add', '--', devPath);
      git(work, 'commit', '--quiet', '-m', message);
    });
    expect(git(dir, 'rev-parse', `${merge}^2`)).toBe(pin);
    expect(readRemoteFile(dir, devPath)).toContain(imageRef(a, '3.0.0').split('@')[1]);
    const { events } = await runHistory({ repo: dir, branch: 'main', env: 'dev' });
    expect(events.map((e) => [e.commit, e.action, e.image])).toEqual([[mainPin, 'bump', imageRef(a, '3.0.0')]]);
    const text = await ferry(['history', '--repo', dir, '--env', 'dev']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).not.toContain(pin.slice(0, 12));
    expect((await devRow(dir)).pinned).toMatchObject({ commit: mainPin, action: 'bump' });
  });

  test('an evil merge (the bump merged, the merge\'s tree pinning another digest): the bump did not land, the merge is an edit by hand with what its tree pins, as status says', async () => {
    const dir = await newRepo();
    const { pin, merge } = await mergedBy(dir, 'pr13', undefined, (work) => {
      git(work, 'merge', '--quiet', '--no-ff', '--no-commit', 'origin/pr13');
      writeFileSync(join(work, devPath), withDigest(readFileSync(join(work, devPath), 'utf8'), '7'));
      git(work, 'add', '--', devPath);
      git(work, 'commit', '--quiet', '-m', 'Merge pull request #13 from acme/pr13');
    });
    expect(git(dir, 'rev-parse', `${merge}^2`)).toBe(pin);
    const { events } = await runHistory({ repo: dir, branch: 'main', env: 'dev' });
    expect(events.map((e) => [e.commit, e.action, e.author, e.byHand, e.landedWith])).toEqual([[merge, 'edit', 'Merger', true, undefined]]);
    expect(events[0]!.image).toMatch(/:2\.0\.0@sha256:7{64}$/);
    expect(events[0]!.reason).toBe(`${devPath} changed without Ferry (see ferry audit)`);
    const text = await ferry(['history', '--repo', dir, '--env', 'dev']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^\\S+ \\S+ +edit +${a} +2\\.0\\.0 \\(sha256:7{12}\\) +Merger \\(by hand\\) +${merge.slice(0, 12)}  reason: `, 'm'));
    expect(text.stdout).not.toContain(pin.slice(0, 12));
    expect((await devRow(dir)).pinned).toMatchObject({ commit: merge, byHand: true });
  });

  test('an ordinary --no-ff merge of a pull request, main moved on meanwhile: the bump landed with the merge, no edit row, as status says', async () => {
    const dir = await newRepo();
    const { pin, merge } = await mergedBy(dir, 'pr14', undefined, (work) => {
      // (Main moved on in another file: a three-way merge.)
      writeFileSync(join(work, 'notes.txt'), 'not a manifest\n');
      git(work, 'add', '--', 'notes.txt');
      git(work, 'commit', '--quiet', '-m', 'notes');
      git(work, 'merge', '--quiet', '--no-ff', '-m', 'Merge pull request #14 from acme/pr14', 'origin/pr14');
    });
    expect(git(dir, 'rev-parse', `${merge}^2`)).toBe(pin);
    const { events } = await runHistory({ repo: dir, branch: 'main', env: 'dev' });
    expect(events.map((e) => [e.commit, e.action, e.image, e.landedWith, e.date])).toEqual([[pin, 'bump', imageRef(a, '2.0.0'), merge, dateOf(dir, merge)]]);
    expect((await devRow(dir)).pinned).toMatchObject({ commit: merge, ferryCommit: pin, action: 'bump' });
  });

  test('a manifest two apps share, a pull request\'s bump of one and main\'s of the other merged by git: both bumps, no edit by hand (the merge pins what they pinned)', async () => {
    const dir = await initTemplateRepo(join(root, 'merged-shared.git'));
    const digestOf = (app: string, tag: string) => templateImage(app, tag).split('@')[1]!;
    const entry = (name: string, tag: string) => `  - name: ${name}\n    newName: ${TEMPLATE_REGISTRY}/${name}\n    newTag: ${tag}\n    digest: ${digestOf(name, tag)}\n`;
    const template = readFileSync(new URL('../../environments/ferry.yaml', import.meta.url), 'utf8');
    const files: Record<string, string> = {
      'ferry.yaml': `${template.trimEnd()}\n  - name: api\n    image: api\n    manifest: "{env}/shared/kustomization.yaml"\n  - name: web\n    image: web\n    manifest: "{env}/shared/kustomization.yaml"\n`,
      // (Containers of both images: a bump refuses a pin the kustomization never deploys.)
      'base/shared/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'base/shared/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shared\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api\n        - name: web\n          image: web\n',
    };
    // (The two entries apart: git merges a change of each without a conflict.)
    for (const env of ['dev', 'stage', 'prod']) files[`${env}/shared/kustomization.yaml`] = `resources:\n  - ../../base/shared\nimages:\n${entry('api', '1.0.0')}  # web\n${entry('web', '1.0.0')}`;
    await commitByHand(dir, files, 'shared manifests');
    git(dir, 'branch', 'pr5', 'main');
    const onBranch = await ferry(['bump', '--repo', dir, '--branch', 'pr5', '--env', 'dev', '--app', 'api', '--image', templateImage('api', '2.0.0'), '--requested-by', 'alice']);
    expect(onBranch.code, onBranch.stderr).toBe(0);
    const onMain = await ferry(['bump', '--repo', dir, '--env', 'dev', '--app', 'web', '--image', templateImage('web', '3.0.0'), '--requested-by', 'bob']);
    expect(onMain.code, onMain.stderr).toBe(0);
    const [pin, mainPin] = [remoteHead(dir, 'pr5'), remoteHead(dir)];
    const work = await mkdtemp(join(root, 'merge-'));
    try {
      execFileSync('git', ['clone', '--quiet', dir, work]);
      git(work, 'merge', '--quiet', '--no-ff', '-m', 'Merge pull request #5 from acme/pr5', 'origin/pr5');
      git(work, 'push', '--quiet', 'origin', 'HEAD:main');
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    const merge = remoteHead(dir);
    const path = 'dev/shared/kustomization.yaml';
    // (git's merge of the file: neither side's version.)
    expect(readRemoteFile(dir, path)).not.toBe(readRemoteFile(dir, path, 'pr5'));
    expect(readRemoteFile(dir, path)).toContain(digestOf('api', '2.0.0'));
    expect(readRemoteFile(dir, path)).toContain(digestOf('web', '3.0.0'));
    const { events } = await runHistory({ repo: dir, branch: 'main', env: 'dev' });
    expect(events.filter((e) => e.action !== 'init').slice(0, 2).map((e) => [e.commit, e.action, e.app, e.image, e.landedWith])).toEqual([
      [pin, 'bump', 'api', templateImage('api', '2.0.0'), merge], [mainPin, 'bump', 'web', templateImage('web', '3.0.0'), undefined],
    ]);
    expect(events.filter((e) => e.commit === merge)).toEqual([]);
  });

  // helper-178's B1: git's own merge of a manifest both sides changed (a hand edit of another line
  // on the branch, a bump on main) was shown as the merger's edit by hand, and the branch's edit was lost.
  /**
   * Alice moves dev's namespace of `a` to `namespace` by hand on a branch of main while Ferry bumps
   * `a` in dev to `tag` on main; the branch is merged by git (committer Merger) without a conflict,
   * and `evil`, when given, changes the merge's digest to that digit (a hand in the merge). Returns
   * alice's commit, the bump and the merge.
   */
  const handEditBesideBump = async (dir: string, namespace: string, tag: string, evil?: string) => {
    const path = `dev/${a}/kustomization.yaml`;
    const work = await mkdtemp(join(root, 'clean-merge-'));
    try {
      execFileSync('git', ['clone', '--quiet', dir, work]);
      const hand = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Alice', '-c', 'user.email=alice@example.invalid', ...args]).toString().trim();
      hand('checkout', '--quiet', '-b', 'pr');
      writeFileSync(join(work, path), readFileSync(join(work, path), 'utf8').replace(/^namespace: .*$/m, `namespace: ${namespace}`));
      hand('commit', '--quiet', '-am', 'dev: move the namespace');
      const edited = hand('rev-parse', 'HEAD');
      hand('checkout', '--quiet', 'main');
      const bumped = await ferry(['bump', '--repo', dir, '--env', 'dev', '--app', a, '--image', imageRef(a, tag), '--requested-by', 'bob']);
      expect(bumped.code, bumped.stderr).toBe(0);
      git(work, 'pull', '--quiet', '--ff-only', 'origin', 'main');
      git(work, 'merge', '--quiet', '--no-ff', '--no-commit', 'pr');
      // (git's merge of the file: both changes, neither side's version.)
      const merged = readFileSync(join(work, path), 'utf8');
      expect(merged).toContain(`namespace: ${namespace}`);
      expect(merged).toContain(imageRef(a, tag).split('@')[1]);
      if (evil !== undefined) {
        writeFileSync(join(work, path), withDigest(merged, evil));
        git(work, 'add', '--', path);
      }
      git(work, 'commit', '--quiet', '-m', 'Merge pull request #21 from acme/pr');
      git(work, 'push', '--quiet', 'origin', 'HEAD:main');
      const merge = git(work, 'rev-parse', 'HEAD');
      return { edited, bump: git(work, 'rev-parse', `${merge}^1`), merge };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  };
  const digestRows = (events: Awaited<ReturnType<typeof runHistory>>['events']) => events.filter((e) => e.action !== 'init').map((e) => [e.commit, e.action, e.author, e.image?.split('@')[1], e.landedWith]);

  test('a hand edit of another line on a branch, main bumped meanwhile, merged cleanly by git: the branch\'s edit row and the bump, no edit of the merge; in --json and the text form', async () => {
    const dir = await newRepo();
    const { edited, bump, merge } = await handEditBesideBump(dir, `${a}-dev2`, '2.0.0');
    expect(digestRows((await runHistory({ repo: dir, branch: 'main', env: 'dev' })).events)).toEqual([
      [edited, 'edit', 'Alice', imageRef(a, '1.0.0').split('@')[1], merge],
      [bump, 'bump', undefined, imageRef(a, '2.0.0').split('@')[1], undefined],
    ]);
    const text = await ferry(['history', '--repo', dir, '--env', 'dev']);
    expect(text.code, text.stderr).toBe(0);
    // (The header names the head, the merge: no row does.)
    expect(text.stdout.split('\n').filter((line) => / (edit|bump) /.test(line)).join('\n')).not.toContain(merge.slice(0, 12));
    expect(text.stdout).toMatch(new RegExp(`^\\S+ \\S+ +edit +${a} +1\\.0\\.0 \\(sha256:[0-9a-f]{12}\\) +Alice \\(by hand\\) +${edited.slice(0, 12)}  reason: `, 'm'));
  });

  test('the same, then a merge with a hand in it (git\'s merge, its digest changed): that merge is an edit by its author; read in place (nothing written to it) and from a partial clone (the files git merges fetched in one go), alike', async () => {
    const dir = await newRepo();
    const first = await handEditBesideBump(dir, `${a}-dev2`, '2.0.0');
    const second = await handEditBesideBump(dir, `${a}-dev3`, '3.0.0', '7');
    const expected = [
      [second.merge, 'edit', 'Merger', `sha256:${'7'.repeat(64)}`, undefined],
      [second.bump, 'bump', undefined, imageRef(a, '3.0.0').split('@')[1], undefined],
      [first.edited, 'edit', 'Alice', imageRef(a, '1.0.0').split('@')[1], first.merge],
      [first.bump, 'bump', undefined, imageRef(a, '2.0.0').split('@')[1], undefined],
    ];
    // (git's merge of the second is a file no commit has: it is made elsewhere.)
    const objects = () => git(dir, 'count-objects', '-v');
    const before = objects();
    expect(digestRows((await runHistory({ repo: dir, branch: 'main', env: 'dev' })).events)).toEqual(expected);
    expect(objects()).toBe(before);
    // Over the network, a blobless clone: the files git merges come in one fetch beforehand, not
    // one fetch per merge from git itself (on demand: `fetch origin … --recurse-submodules=no`).
    git(dir, 'config', 'uploadpack.allowFilter', 'true');
    const daemon = await startGitDaemon(root);
    const trace = join(root, 'merge-trace');
    try {
      const r = await ferry(['history', '--repo', daemon.url(dir.slice(root.length + 1)), '--env', 'dev', '--json'], { env: { GIT_TRACE: trace } });
      expect(r.code, r.stderr).toBe(0);
      expect(digestRows(JSON.parse(r.stdout).events)).toEqual(expected);
      const gits = readFileSync(trace, 'utf8');
      expect(gits).toMatch(/built-in: git clone .*--filter=blob:none/);
      expect(gits).toMatch(/built-in: git .*merge-tree --write-tree --stdin/);
      expect(gits).not.toMatch(/run_command: git .*fetch origin .*--recurse-submodules=no/);
    } finally {
      await daemon.stop();
    }
  });

  test('a history without merges: every Ferry commit, as before', async () => {
    expect((await events(repo)).map((e) => [e.commit, e.action])).toEqual([[commits.blockB, 'block'], [commits.rollbackA, 'rollback'], [commits.bumpB, 'bump'], [commits.bumpA, 'bump']]);
  });
});

test('--json dates are UTC, whatever zone each committer was in', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-history-zone-'));
  try {
    const repo = join(dir, 'env.git');
    await createEnvRepo({ dir: repo, apps: 1, history: 0 });
    const r = await ferry(['bump', '--repo', repo, '--env', 'dev', '--app', a, '--image', imageRef(a, '7.0.0')], { env: { GIT_COMMITTER_DATE: '2026-11-24T23:00:00+09:00' } });
    expect(r.code, r.stderr).toBe(0);
    const h = await ferry(['history', '--repo', repo, '--app', a, '--json']);
    expect(JSON.parse(h.stdout).events[0]).toMatchObject({ action: 'bump', date: '2026-11-24T14:00:00Z' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// (Through runHistory, the command's source: bin/ferry runs the committed bundle.)
describe('pinned manifests changed without Ferry', () => {
  test('a hand edit and a git revert of a Ferry pin are rows of their own (edit), with what they left pinned, in the log\'s order', async () => {
    const dir = join(root, 'edits.git');
    await createEnvRepo({ dir, apps: 1 });
    for (const tag of ['2.0.0', '3.0.0']) {
      const r = await ferry(['bump', '--repo', dir, '--env', 'dev', '--app', a, '--image', imageRef(a, tag), '--requested-by', 'alice']);
      expect(r.code, r.stderr).toBe(0);
    }
    const work = await mkdtemp(join(root, 'revert-'));
    const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=Hand', '-c', 'user.email=hand@example.invalid', ...args]).toString().trim();
    execFileSync('git', ['clone', '--quiet', dir, work]);
    git('revert', '--no-edit', 'HEAD');
    git('push', '--quiet', 'origin', 'HEAD:main');
    const reverted = remoteHead(dir);
    await rm(work, { recursive: true, force: true });
    const path = `prod/${a}/kustomization.yaml`;
    const edited = await commitByHand(dir, { [path]: readRemoteFile(dir, path)!.replace(/newTag: \S+/, 'newTag: 9.9.9') }, 'hotfix by hand');
    const { events } = await runHistory({ repo: dir, branch: 'main' });
    expect(events.map((e) => [e.commit, e.action, e.env, e.app, e.image])).toEqual([
      [edited, 'edit', 'prod', a, expect.stringMatching(/:9\.9\.9@sha256:/)],
      [reverted, 'edit', 'dev', a, imageRef(a, '2.0.0')],
      [expect.any(String), 'bump', 'dev', a, imageRef(a, '3.0.0')],
      [expect.any(String), 'bump', 'dev', a, imageRef(a, '2.0.0')],
    ]);
    expect(events[0]!.reason).toBe(`${path} changed without Ferry (see ferry audit)`);
  });

  test('a hand edit: BY is its author, marked (by hand), in --json and the text form, as ferry status shows it', async () => {
    const dir = join(root, 'edit-author.git');
    await createEnvRepo({ dir, apps: 1 });
    const path = `prod/${a}/kustomization.yaml`;
    const edited = await commitByHand(dir, { [path]: readRemoteFile(dir, path)!.replace(/newTag: \S+/, 'newTag: 9.9.9').replace(/sha256:[0-9a-f]{64}/, `sha256:${'9'.repeat(64)}`) }, 'hotfix prod by hand');
    const json = await ferry(['history', '--repo', dir, '--env', 'prod', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const [event] = JSON.parse(json.stdout).events;
    expect(event).toMatchObject({ commit: edited, action: 'edit', env: 'prod', app: a, author: 'Mallory', byHand: true });
    expect(event).not.toHaveProperty('requestedBy');
    const text = await ferry(['history', '--repo', dir, '--env', 'prod']);
    expect(text.stdout).toMatch(new RegExp(`^\\S+ \\S+ +edit +${a} +9\\.9\\.9 \\(sha256:9{12}\\) +Mallory \\(by hand\\) +${edited.slice(0, 12)}  reason: `, 'm'));
    const status = await ferry(['status', '--repo', dir]);
    expect(status.stdout).toMatch(new RegExp(`^${a} +prod .* ${edited.slice(0, 12)} +Mallory \\(by hand\\)$`, 'm'));
  });

  test('a hand edit of one app\'s pin in a manifest apps share is that app\'s edit row alone; a change of another line is every app\'s, as audit reports it', async () => {
    const dir = await initTemplateRepo(join(root, 'shared.git'));
    const digestOf = (app: string, tag: string) => templateImage(app, tag).split('@')[1]!;
    const kustomization = (api: string, web: string, comment = '') => {
      const entry = (name: string, tag: string) => `  - name: ${name}\n    newName: ${TEMPLATE_REGISTRY}/${name}\n    newTag: ${tag}\n    digest: ${digestOf(name, tag)}\n`;
      return `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${comment}resources:\n  - ../../base/shared\nimages:\n${entry('api', api)}${entry('web', web)}`;
    };
    const template = readFileSync(new URL('../../environments/ferry.yaml', import.meta.url), 'utf8');
    // (web is ferry.yaml's last app: the one every edit of the file was shown under.)
    const files: Record<string, string> = {
      'ferry.yaml': `${template.trimEnd()}\n  - name: api\n    image: api\n    manifest: "{env}/shared/kustomization.yaml"\n  - name: web\n    image: web\n    manifest: "{env}/shared/kustomization.yaml"\n`,
      'base/shared/kustomization.yaml': 'resources: []\n',
    };
    for (const env of ['dev', 'stage', 'prod']) files[`${env}/shared/kustomization.yaml`] = kustomization('1.0.0', '1.0.0');
    const setup = await commitByHand(dir, files, 'shared manifests');
    const path = 'prod/shared/kustomization.yaml';
    const apiByHand = await commitByHand(dir, { [path]: kustomization('1.1.0', '1.0.0') }, 'api hotfix by hand');
    const comment = await commitByHand(dir, { [path]: kustomization('1.1.0', '1.0.0', '# owned by the platform team\n') }, 'a comment');
    const rows = async (app?: string) => (await runHistory({ repo: dir, branch: 'main', env: 'prod', ...(app ? { app } : {}) })).events.filter((e) => e.action !== 'init').map((e) => [e.commit, e.action, e.app, e.image]);
    expect(await rows()).toEqual([
      [comment, 'edit', 'api', templateImage('api', '1.1.0')],
      [comment, 'edit', 'web', templateImage('web', '1.0.0')],
      [apiByHand, 'edit', 'api', templateImage('api', '1.1.0')],
      [setup, 'edit', 'api', templateImage('api', '1.0.0')],
      [setup, 'edit', 'web', templateImage('web', '1.0.0')],
    ]);
    expect((await rows('api')).map(([commit]) => commit)).toEqual([comment, apiByHand, setup]);
    expect((await rows('web')).map(([commit]) => commit)).toEqual([comment, setup]);
    const text = await ferry(['history', '--repo', dir, '--env', 'prod', '--app', 'api']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^\\S+ \\S+ +edit +api +1\\.1\\.0 \\(sha256:[0-9a-f]{12}\\) +Mallory \\(by hand\\) +${apiByHand.slice(0, 12)}  reason: ${path} changed without Ferry`, 'm'));
  });

  test('a hand edit whose message carries a stray Ferry trailer (no Ferry-Action) is an edit row, as audit reports it', async () => {
    const dir = join(root, 'stray-trailer.git');
    await createEnvRepo({ dir, apps: 1 });
    const path = `prod/${a}/kustomization.yaml`;
    const edited = await commitByHand(dir, { [path]: readRemoteFile(dir, path)!.replace(/newTag: \S+/, 'newTag: 9.9.9') }, 'hotfix prod by hand\n\nFerry-Reason: emergency');
    const { events } = await runHistory({ repo: dir, branch: 'main', env: 'prod', app: a });
    expect(events.map((e) => [e.commit, e.action, e.env, e.app])).toEqual([[edited, 'edit', 'prod', a]]);
  });
});
