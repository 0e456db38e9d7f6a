// ferry promote from a source pin that is never deployed (helper-187): a kustomize Component listed
// by hand in dev's overlay sets another image for the app, so dev runs the debug image, not the
// digest dev pins (ferry validate reports the pin, status marks it `!`). Promote took dev's time
// with that digest for a soak of it and promoted it. Such a source pin is refused when the app is
// named (exit 2, nothing written), with validate's problem at the source's line; --all leaves it
// out (kind source-undeployed), as a blocked digest, and promotes the others (helper-198: one
// app's debug Component held back every app, and failed every scheduled auto-promote); an app the
// target pins at that digest already is unchanged, not refused. Against real
// bare repositories made by `ferry init`, changed by hand as a person would.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { runBundle } from '../support/action-step.js';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';
import { TEMPLATE_REGISTRY as REG, ferryOk, hoursAgo, initTemplateRepo, templateImage } from '../support/template-repo.js';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-promote-source-undeployed-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const DEV = 'dev/user-service/kustomization.yaml';
const head = (dir: string): string => execFileSync('git', ['-C', dir, 'rev-parse', 'main']).toString().trim();
const show = (dir: string, path: string): string => execFileSync('git', ['-C', dir, 'show', `main:${path}`]).toString();
const digest = (app: string, tag: string) => templateImage(app, tag).split('@')[1]!;
const UNMATCHED = 'images[0].name: the entry "user-service" matches no container image, so kustomize applies none of it and the digest pinned here is never deployed';
const FIX = `nothing written: the fix is in ${DEV} (its images: entry) or what it builds from, then run again (ferry validate checks it)`;

/** A debug Component listed by hand in dev's user-service overlay, whose own images: entry sets another image (the repro of helper-187). */
async function debugComponentInDev(dir: string): Promise<number> {
  const overlay = show(dir, DEV).replace(/^resources:/m, 'components:\n  - ../../components/debug\nresources:');
  await commitByHand(dir, {
    'components/debug/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nimages:\n  - name: user-service\n    newName: ${REG}/user-service\n    newTag: debug\n`,
    [DEV]: overlay,
  }, 'dev: debug component', hoursAgo(1.9));
  return overlay.split('\n').indexOf('images:') + 2;
}

/** bin/ferry with git's trace: its result, and how many git processes ran. */
async function traced(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; gits: number }> {
  const trace = join(root, `trace-${++counter}.json`);
  const r = await ferry(args, { env: { GIT_TRACE2_EVENT: trace } });
  const text = await readFile(trace, 'utf8').catch(() => '');
  return { ...r, gits: text.split('\n').filter((line) => line.includes('"event":"start"')).length };
}

const toStage = (dir: string, ...more: string[]) => ['promote', '--repo', dir, '--from', 'dev', '--to', 'stage', ...more, '--requested-by', 'alice'];

describe('promote from a source pin that is never deployed', () => {
  test('--app: refused (exit 2), validate\'s problem at the source\'s line, that dev never runs that digest, the fix; nothing written (--json, the action too)', async () => {
    const dir = await initTemplateRepo(join(root, `env-${++counter}.git`));
    await ferryOk(['bump', '--repo', dir, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '2.0.0')], hoursAgo(2));
    const line = await debugComponentInDev(dir);
    const before = head(dir);
    const r = await ferry(toStage(dir, '--app', 'user-service'));
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stdout).not.toContain('promoted');
    expect(r.stderr).toContain(`${DEV}:${line}:11: ${UNMATCHED}`);
    expect(r.stderr).toContain(`; user-service is not promoted to stage: dev never runs 2.0.0 (${digest('user-service', '2.0.0').slice(0, 19)}), the digest it pins, so its time there is no soak of it; ${FIX}; the other apps may be promoted by name (--all leaves it out)\n`);
    expect(head(dir)).toBe(before);
    const json = await ferry([...toStage(dir, '--app', 'user-service'), '--dry-run', '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error).toMatchObject({ kind: 'configuration', problems: [expect.objectContaining({ file: DEV, line, column: 11, field: 'images[0].name' })] });

    // The action fails the step with the message, nothing written.
    const step = await mkdtemp(join(root, 'step-'));
    const files = { GITHUB_OUTPUT: join(step, 'output'), GITHUB_STEP_SUMMARY: join(step, 'summary') };
    await Promise.all(Object.values(files).map((f) => writeFile(f, '')));
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_)/.test(k)));
    const inputs = { repo: dir, from: 'dev', to: 'stage', apps: 'user-service', 'requested-by': 'alice', 'approvals-from': 'none' };
    const action = await runBundle(fileURLToPath(new URL('../../dist/actions/promote.mjs', import.meta.url)), {
      ...base, GITHUB_ACTOR: 'octocat', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/app', GITHUB_RUN_ID: '4242', RUNNER_TEMP: step, ...files,
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    }, files);
    expect(action.code, action.stdout).toBe(1);
    expect(action.outputs.status).toBe('failed');
    expect(action.stdout).toContain(`::error title=ferry promote%3A problem in ${DEV} `);
    expect(action.stdout).toContain(`::${DEV}:${line}:11: ${UNMATCHED}`);
    expect(action.stdout).toContain('; user-service is not promoted to stage: dev never runs 2.0.0');
    expect(action.stdout).toMatch(/^::error::ferry promote: 1 problem in dev\/user-service\/kustomization\.yaml .*; nothing written$/m);
    expect(head(dir)).toBe(before);
  });

  test('--all: the app left out (kind source-undeployed, validate\'s problem), the others promoted, exit 0; named with the others it is refused; an app stage pins at that digest already is unchanged, not left out', async () => {
    const dir = await initTemplateRepo(join(root, `env-${++counter}.git`));
    for (const app of ['user-service', 'order-service']) await ferryOk(['bump', '--repo', dir, '--env', 'dev', '--app', app, '--image', templateImage(app, '2.0.0')], hoursAgo(2));
    const line = await debugComponentInDev(dir);
    const before = head(dir);
    // Named with the others: refused, nothing written, the others promotable by name.
    const both = await ferry(toStage(dir, '--app', 'user-service', '--app', 'order-service'));
    expect(both.code, both.stdout + both.stderr).toBe(2);
    expect(both.stderr).toContain(`${DEV}:${line}:11: ${UNMATCHED}`);
    expect(both.stderr).toContain(`; user-service is not promoted to stage: dev never runs 2.0.0 (${digest('user-service', '2.0.0').slice(0, 19)}), the digest it pins, so its time there is no soak of it; ${FIX}; or promote the others by name (--app order-service)\n`);
    expect(head(dir)).toBe(before);

    // --all: the dry run's plan names it left out, with validate's problem; the others are planned.
    const dry = await ferry([...toStage(dir, '--all'), '--dry-run']);
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^ {2}order-service {2}1\.0\.0 sha256:[0-9a-f]{12} -> 2\.0\.0 sha256:[0-9a-f]{12}$/m);
    expect(dry.stdout).toContain(`\n  user-service  left out: its pin in dev, 2.0.0 ${digest('user-service', '2.0.0').slice(0, 19)}, is never deployed: dev never ran that digest\n    ${DEV}:${line}:11: ${UNMATCHED}`);
    expect(dry.stdout).toMatch(/\n {4}\(stage keeps 1\.0\.0 sha256:[0-9a-f]{12}\)\n/);
    expect(head(dir)).toBe(before);
    const all = await ferry([...toStage(dir, '--all'), '--json']);
    expect(all.code, all.stdout + all.stderr).toBe(0);
    const promoted = JSON.parse(all.stdout);
    expect(promoted.status).toBe('succeeded');
    expect(promoted.promotions.map((p: { app: string }) => p.app)).toEqual(['order-service']);
    expect(promoted.leftOut).toEqual([{
      app: 'user-service', image: templateImage('user-service', '2.0.0'), digest: digest('user-service', '2.0.0'), previousImage: templateImage('user-service', '1.0.0'),
      kind: 'source-undeployed', problem: { file: DEV, line, column: 11, field: 'images[0].name', message: expect.stringContaining(UNMATCHED.slice('images[0].name: '.length)) },
    }]);
    expect(execFileSync('git', ['-C', dir, 'diff', '--name-only', before, 'main']).toString()).toBe('stage/order-service/kustomization.yaml\n');
    expect(show(dir, 'stage/order-service/kustomization.yaml')).toContain(digest('order-service', '2.0.0'));

    // Stage pins dev's digest already (promoted before the component came): unchanged, not left out.
    const earlier = await initTemplateRepo(join(root, `env-${++counter}.git`));
    for (const app of ['user-service', 'order-service']) await ferryOk(['bump', '--repo', earlier, '--env', 'dev', '--app', app, '--image', templateImage(app, '2.0.0')], hoursAgo(3));
    await ferryOk(toStage(earlier, '--app', 'user-service'), hoursAgo(2.5));
    await debugComponentInDev(earlier);
    const r = await ferry([...toStage(earlier, '--all'), '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.status).toBe('succeeded');
    expect(result.promotions.map((p: { app: string }) => p.app)).toEqual(['order-service']);
    expect(result.unchanged).toEqual([{ app: 'user-service', image: templateImage('user-service', '2.0.0') }]);
    expect(result.leftOut).toBeUndefined();
  });

  test('--all where the only app that would change has its dev pin never deployed: skipped, nothing written, said why; the action (auto-promote\'s plan step): skipped, left-out, a warning; auto-promote\'s check fails the run naming it', async () => {
    const dir = await initTemplateRepo(join(root, `env-${++counter}.git`));
    await ferryOk(['bump', '--repo', dir, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '2.0.0')], hoursAgo(2));
    const line = await debugComponentInDev(dir);
    const before = head(dir);
    const all = await ferry(toStage(dir, '--all'));
    expect(all.code, all.stdout + all.stderr).toBe(0);
    expect(all.stdout).toMatch(/^skipped: nothing to promote: every app that would change is left out, as the pin in dev is never deployed \(dev never ran that digest\) \(no commit; head [0-9a-f]{12}\)\n {2}user-service {2}left out: its pin in dev, /);
    expect(all.stdout).toContain(`    ${DEV}:${line}:11: ${UNMATCHED}`);
    expect(head(dir)).toBe(before);
    const json = JSON.parse((await ferry([...toStage(dir, '--all'), '--json'])).stdout);
    expect(json.status).toBe('skipped');
    expect(json.leftOut.map((l: { app: string; kind: string }) => `${l.app} ${l.kind}`)).toEqual(['user-service source-undeployed']);

    // auto-promote.yml's plan step: the promote action, all: true, dry-run.
    const step = await mkdtemp(join(root, 'step-'));
    const files = { GITHUB_OUTPUT: join(step, 'output'), GITHUB_STEP_SUMMARY: join(step, 'summary') };
    await Promise.all(Object.values(files).map((f) => writeFile(f, '')));
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_)/.test(k)));
    const inputs = { repo: dir, from: 'dev', to: 'stage', all: 'true', 'requested-by': 'schedule', 'approvals-from': 'none', 'dry-run': 'true' };
    const action = await runBundle(fileURLToPath(new URL('../../dist/actions/promote.mjs', import.meta.url)), {
      ...base, GITHUB_ACTOR: 'octocat', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/app', GITHUB_RUN_ID: '4242', RUNNER_TEMP: step, ...files,
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    }, files);
    expect(action.code, action.stdout).toBe(0);
    expect(action.outputs).toMatchObject({ status: 'skipped', 'left-out': '["user-service"]' });
    expect(action.stdout).toContain(`::warning title=ferry promote%3A user-service left out (never deployed in dev)::user-service left out of the promotion dev -> stage: its pin in dev, ${templateImage('user-service', '2.0.0')}, is never deployed (dev never ran that digest): ${DEV}:${line}:11: ${UNMATCHED}`);
    expect(action.stdout).toContain(`; stage keeps ${templateImage('user-service', '1.0.0')}\n`);
    expect(action.summary).toContain('**Nothing promoted**: the other apps are unchanged, and every app that would change is left out, as the pin in dev is never deployed (dev never ran that digest)');
    expect(action.summary).toContain('It stays out until the overlay in dev is mended (ferry validate says where).');
    expect(head(dir)).toBe(before);
    // auto-promote.yml's check after it: every app that would change left out fails the run, naming each with its kind.
    const workflow = parse(await readFile(fileURLToPath(new URL('../../workflows/auto-promote.yml', import.meta.url)), 'utf8'));
    const check = workflow.jobs.plan.steps.find((s: { name?: string }) => s.name === 'Not every change left out');
    const script = join(step, 'check.sh');
    await writeFile(script, check.run);
    const run = spawnSync('bash', ['-e', script], { env: { PATH: process.env.PATH, REPORT: action.outputs.report! }, encoding: 'utf8' });
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain(': user-service (source-undeployed); the plan step says why\n');
  });

  test('an ordinary promote on the template runs no more git than before the source was judged', async () => {
    const dir = await initTemplateRepo(join(root, `env-${++counter}.git`));
    await ferryOk(['bump', '--repo', dir, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '2.0.0')], hoursAgo(2));
    // (32, 32 and 40 before: the manifests, what the overlays build from, the histories soak reads.)
    const one = await traced([...toStage(dir, '--app', 'user-service'), '--dry-run']);
    expect(one.code, one.stderr).toBe(0);
    expect(one.gits).toBeLessThanOrEqual(32);
    const all = await traced([...toStage(dir, '--all'), '--dry-run']);
    expect(all.code, all.stderr).toBe(0);
    expect(all.gits).toBeLessThanOrEqual(32);
    const written = await traced(toStage(dir, '--app', 'user-service'));
    expect(written.code, written.stderr).toBe(0);
    expect(written.gits).toBeLessThanOrEqual(40);
  });
});
