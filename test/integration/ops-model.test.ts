// A model-based test: seeded random sequences of operations against an env repo made by ferry init
// (bump, a refused bump of a blocked digest, promote, rollback, block, unblock, a hand edit with
// plain git, a pull request: a bump on a branch merged with git merge --no-ff, now and then with an
// edit of the merge's own; one merged with -s ours, which drops its bump; one whose bump conflicts
// with main's, resolved to either side or by hand to another digest; an Argo CD override file added,
// changed or removed by hand beside a pinned manifest; a kustomize Component listed by hand whose
// images: entry leaves the pin undeployed, and taken out again), each run through bin/ferry or git
// as a user would. After each step, status, history, validate and audit are checked
// against a model of the repository the test keeps itself. Commits are dated by a clock of the
// test's own (GIT_COMMITTER_DATE), so soak is judged at known times.
//   FERRY_MODEL_SEED=<n>   run that seed alone (a failure names its seed)
//   FERRY_MODEL_SEEDS=<n>  run seeds 1..n (default 3); FERRY_MODEL_STEPS=<n> steps each (default 12)
//   FERRY_MODEL_LOG=1      print each seed's steps
//   FERRY_MODEL_AVOID=<name>,…  leave out the cases of Ferry bugs this test found (AVOID below), to look for others
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { ferry, type CliResult } from '../support/ferry-cli.js';
import { commitByHand, mergeByHand } from '../support/hand-commit.js';
import { TEMPLATE_REGISTRY, templateImage } from '../support/template-repo.js';

const ENVS = ['dev', 'stage', 'prod'];
const APPS = ['user-service', 'order-service'];
/** The template's gates: soak in seconds; prod needs one approval. */
const SOAK: Record<string, number> = { stage: 1800, prod: 7200 };
const STEPS = Number(process.env.FERRY_MODEL_STEPS ?? 12);
/** Cases where Ferry was found wrong, by name: left out only when FERRY_MODEL_AVOID names them. */
const AVOID = new Set((process.env.FERRY_MODEL_AVOID ?? '').split(','));
const SEEDS = process.env.FERRY_MODEL_SEED ? [Number(process.env.FERRY_MODEL_SEED)] : Array.from({ length: Number(process.env.FERRY_MODEL_SEEDS ?? 3) }, (_, i) => i + 1);

/** What a manifest held after one commit that changed it on main's first-parent line. */
interface Pin { digest: string; tag: string; commit: string; kind: 'init' | 'bump' | 'promote' | 'rollback' | 'hand'; at: number; ferryCommit?: string }
interface Event { commit: string; at: number; action: string; env?: string; app?: string; digest?: string }
interface Violation { commit: string; rule: string; env: string; app: string }

interface Model {
  head: string;
  clock: number;
  /** `env app` -> its pins, oldest first. */
  pins: Map<string, Pin[]>;
  /** Blocked digest -> the app its blocked.yaml entry names (it blocks every app). */
  blocked: Map<string, string>;
  events: Event[];
  violations: Violation[];
  /** Argo CD override file beside a pinned manifest -> whether it sets the app's image. */
  overrides: Map<string, boolean>;
  /** `env app` whose kustomize pin a Component listed by hand leaves undeployed. */
  undeployed: Set<string>;
}

/** mulberry32: a small PRNG, the same numbers for the same seed everywhere. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (at: number) => new Date(at * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const seconds = (date: string) => Date.parse(date) / 1000;
const digestOf = (image: string) => image.slice(image.indexOf('@') + 1);
const imageOf = (app: string, tag: string, digest: string) => `${templateImage(app, tag).split('@')[0]}@${digest}`;
const pinsOf = (m: Model, env: string, app: string) => m.pins.get(`${env} ${app}`)!;
const current = (m: Model, env: string, app: string) => pinsOf(m, env, app).at(-1)!;
const manifestOf = (env: string, app: string) => `${env}/${app}/kustomization.yaml`;
const componentOf = (env: string, app: string) => `components/debug-${env}-${app}`;

/**
 * The pin `rollback --steps 1` goes back to, as its --help says: the earlier digests, newest first,
 * each once, without the current one, passing over blocked ones and those a change moved away from
 * back to an earlier image (every digest in place since the one it put back was last in place).
 */
function oneStepBack(m: Model, env: string, app: string): Pin | undefined {
  const pins = pinsOf(m, env, app);
  const seq = pins.map((p) => p.digest);
  const movedFrom = new Set<string>();
  seq.forEach((to, i) => {
    const from = seq[i - 1];
    if (from === undefined || from === to || seq.indexOf(to) >= seq.indexOf(from)) return;
    for (let j = seq.lastIndexOf(to, i - 1) + 1; j < i; j++) movedFrom.add(seq[j]!);
  });
  const passed = new Set([seq.at(-1)]);
  for (const pin of [...pins].reverse()) {
    if (passed.has(pin.digest)) continue;
    passed.add(pin.digest);
    if (!m.blocked.has(pin.digest) && !movedFrom.has(pin.digest)) return pin;
  }
  return undefined;
}

async function runSeed(seed: number, root: string): Promise<void> {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const bare = join(root, `env-${seed}.git`);
  const log: string[] = [];
  let fresh = 0;
  const where = () => `seed ${seed}, step ${log.length} (FERRY_MODEL_SEED=${seed} FERRY_MODEL_STEPS=${log.length} reproduces it); steps:\n  ${log.join('\n  ')}\n`;
  const m: Model = { head: '', clock: Math.floor(Date.now() / 1000) - 30 * 86_400, pins: new Map(), blocked: new Map(), events: [], violations: [], overrides: new Map(), undeployed: new Set() };
  const tick = () => (m.clock += 60);

  /** What a --json run printed. */
  const json = (r: CliResult, what: string) => {
    try {
      return JSON.parse(r.stdout);
    } catch {
      return expect.fail(`${where()}${what} printed no JSON (exit ${r.code})\n${r.stdout}${r.stderr}`);
    }
  };
  /** bin/ferry dated `at` on the model's clock (a minute on by default); its exit code must be `code`. */
  const run = async (code: number, args: string[], at = tick()) => {
    const r = await ferry(args, { env: { GIT_COMMITTER_DATE: iso(at) } });
    expect(r.code, `${where()}ferry ${args.join(' ')}\n${r.stdout}${r.stderr}`).toBe(code);
    return json(r, `ferry ${args[0]}`);
  };
  /** The branch moved by one commit on top of the model's head (first parent), or `undefined`: it did not move. */
  const landed = (commit?: string) => {
    const head = remoteHead(bare);
    expect(commit ? [head, execFileSync('git', ['-C', bare, 'rev-parse', `${head}^1`]).toString().trim()] : [head], `${where()}the branch's head`).toEqual(commit ? [commit, m.head] : [m.head]);
    m.head = head;
  };
  const pinned = (env: string, app: string, pin: Omit<Pin, 'at' | 'tag'> & { tag?: string }) => {
    pinsOf(m, env, app).push({ tag: current(m, env, app).tag, ...pin, at: m.clock });
    m.events.unshift({ commit: pin.ferryCommit ?? pin.commit, at: m.clock, action: pin.kind === 'hand' ? 'edit' : pin.kind, env, app, digest: pin.digest });
  };
  const dead = (env: string, app: string) => m.undeployed.has(`${env} ${app}`);

  const init = await ferry(['init', '--bare', bare, '--json'], { env: { GIT_COMMITTER_DATE: iso(m.clock) } });
  expect(init.code, init.stderr).toBe(0);
  m.head = remoteHead(bare);
  m.events.push({ commit: m.head, at: m.clock, action: 'init' });
  for (const env of ENVS) for (const app of APPS) m.pins.set(`${env} ${app}`, [{ digest: digestOf(templateImage(app, '1.0.0')), tag: '1.0.0', commit: m.head, kind: 'init', at: m.clock }]);

  const bump = async (app: string, branch = 'main') => {
    const tag = `${seed}.${++fresh}.0`;
    const r = await run(0, ['bump', '--repo', bare, '--branch', branch, '--env', 'dev', '--app', app, '--image', templateImage(app, tag), '--requested-by', 'alice', '--json']);
    return { tag, digest: digestOf(templateImage(app, tag)), commit: r.commit as string };
  };

  /** Each operation, by weight: undefined when its precondition does not hold, else what it did (for the log). */
  const ops: [number, string, () => Promise<string | undefined>][] = [
    [4, 'bump', async () => {
      const app = pick(APPS);
      if (dead('dev', app)) {
        // A pin that would never deploy is not written (exit 2).
        await run(2, ['bump', '--repo', bare, '--env', 'dev', '--app', app, '--image', templateImage(app, `${seed}.${++fresh}.0`), '--json']);
        landed();
        return `bump dev ${app}: refused, never deployed`;
      }
      const b = await bump(app);
      landed(b.commit);
      pinned('dev', app, { ...b, kind: 'bump' });
      return `bump dev ${app} ${b.tag}`;
    }],
    [1, 'bump blocked', async () => {
      if (!m.blocked.size) return undefined;
      const app = pick(APPS);
      // (Blocked and never deployed: which refusal comes first is not said.)
      if (dead('dev', app)) return undefined;
      const digest = pick([...m.blocked.keys()]);
      await run(1, ['bump', '--repo', bare, '--env', 'dev', '--app', app, '--image', imageOf(app, 'blocked', digest), '--json']);
      landed();
      return `bump dev ${app} of blocked ${digest.slice(7, 19)}: refused`;
    }],
    [1, 'bump again', async () => {
      const app = pick(APPS);
      // (An image pinned already where it would never deploy: skipped or refused is not said.)
      if (dead('dev', app)) return undefined;
      const pin = current(m, 'dev', app);
      const r = await run(m.blocked.has(pin.digest) ? 1 : 0, ['bump', '--repo', bare, '--env', 'dev', '--app', app, '--image', imageOf(app, pin.tag, pin.digest), '--json']);
      landed();
      return `bump dev ${app} ${pin.tag} again: ${r.status}`;
    }],
    [6, 'promote', async () => {
      const differ = (from: string, to: string, app: string) => current(m, from, app).digest !== current(m, to, app).digest;
      // Mostly a promotion with something to do.
      const pairs = [['dev', 'stage'], ['stage', 'prod']].filter(([from, to]) => random() < 0.1 || APPS.some((app) => differ(from!, to!, app)));
      if (!pairs.length) return undefined;
      const [from, to] = pick(pairs);
      const movable = APPS.filter((app) => differ(from!, to!, app));
      const apps = random() < 0.25 ? APPS : [pick(movable.length && random() < 0.9 ? movable : APPS)];
      const approver = to === 'prod' ? pick(['bob', 'bob', 'bob', 'bob', 'alice', undefined]) : undefined;
      const moving = apps.filter((app) => differ(from!, to!, app));
      const all = apps.length > 1 && random() < 0.5;
      const blocked = (app: string) => m.blocked.has(current(m, from!, app).digest);
      // (Not said: a source pin that is never deployed; an app blocked and never deployed in the target; one never deployed
      // there, named, that would not change.)
      if (apps.some((app) => dead(from!, app) || (dead(to!, app) && (blocked(app) || (!all && !moving.includes(app)))))) return undefined;
      // --all leaves out a blocked digest and a pin that would never deploy in the target, and promotes the others.
      const leftOut = all ? moving.filter((app) => blocked(app) || dead(to!, app)) : [];
      const cleared = moving.filter((app) => !leftOut.includes(app));
      const at = tick();
      // Soak counts from the Ferry pin (bump, promote, rollback) that began the run: none (ferry init's, or by hand) is an error.
      const soak: string[] = cleared.map((app) => current(m, from!, app)).map((p) => (p.kind === 'hand' || p.kind === 'init' ? 'error' : at - p.at >= SOAK[to!]! ? 'pass' : 'fail'));
      const gates = {
        blocked: cleared.some((app) => m.blocked.has(current(m, from!, app).digest)) ? 'fail' : 'pass',
        soak: ['error', 'fail', 'pass'].find((v) => soak.includes(v)),
        ...(to === 'prod' ? { approvals: approver === 'bob' ? 'pass' : 'fail' } : {}),
      };
      const go = Object.values(gates).every((v) => v === 'pass');
      const args = ['promote', '--repo', bare, '--from', from!, '--to', to!, ...(all ? ['--all'] : apps.flatMap((app) => ['--app', app])), '--requested-by', 'alice', ...(approver ? ['--approved-by', approver] : []), '--json'];
      const what = `promote ${from}->${to} ${all ? '--all' : apps.join(' ')}${approver ? ` approved by ${approver}` : ''}${leftOut.length ? ` (leaving out ${leftOut.join(', ')})` : ''}`;
      if (moving.some((app) => dead(to!, app) && !leftOut.includes(app))) {
        // Named, a pin that would never deploy in the target is refused, and nothing is written (exit 2).
        await run(2, args, at);
        landed();
        return `${what}: refused, never deployed in ${to}`;
      }
      const r = await run(!cleared.length || go ? 0 : 1, args, at);
      expect((r.leftOut ?? []).map((x: { app: string; kind: string }) => `${x.app} ${x.kind}`).sort(), `${where()}${what}: the apps left out`)
        .toEqual(leftOut.map((app) => `${app} ${blocked(app) ? 'blocked' : 'undeployed'}`).sort());
      if (!all) expect((r.unchanged ?? []).map((x: { app: string }) => x.app).sort(), `${where()}${what}: the apps unchanged`).toEqual(apps.filter((app) => !moving.includes(app)).sort());
      if (!cleared.length) {
        expect(r.status, where()).toBe('skipped');
        landed();
        return `${what}: skipped`;
      }
      expect(Object.fromEntries(r.gates.map((g: { gate: string; verdict: string }) => [g.gate, g.verdict])), `${where()}${what}: the gates' verdicts`).toEqual(gates);
      landed(go ? r.commit : undefined);
      if (go) expect(r.promotions.map((p: { app: string }) => p.app).sort(), `${where()}${what}: the apps promoted`).toEqual([...cleared].sort());
      if (go) for (const app of cleared) pinned(to!, app, { ...current(m, from!, app), commit: r.commit, kind: 'promote', ferryCommit: undefined });
      return `${what}: ${go ? 'promoted' : `stopped ${JSON.stringify(gates)}`}`;
    }],
    [3, 'rollback', async () => {
      // Mostly where there is an earlier digest.
      const places = ENVS.flatMap((env) => APPS.map((app) => [env, app])).filter(([env, app]) => random() < 0.1 || pinsOf(m, env!, app!).some((p) => p.digest !== current(m, env!, app!).digest));
      if (!places.length) return undefined;
      const [env, app] = pick(places) as [string, string];
      const byStep = random() < 0.6;
      const earlier = pinsOf(m, env, app).filter((p) => p.digest !== current(m, env, app).digest);
      const target = byStep ? oneStepBack(m, env, app) : earlier.length ? pick(earlier) : undefined;
      if (!byStep && !target) return undefined;
      // (A rollback to a digest pinned by hand is a known case: not in this test.)
      if (target && earlier.some((p) => p.kind === 'hand' && p.digest === target.digest)) return undefined;
      // Audit flags a rollback to ferry init's digest where the first change after init was by hand (skipped-stage, or trailers-disagree in dev).
      if (AVOID.has('init-after-hand') && target?.digest === pinsOf(m, env, app)[0]!.digest && pinsOf(m, env, app)[1]!.kind === 'hand') return undefined;
      const args = ['rollback', '--repo', bare, '--env', env, '--app', app, ...(byStep ? ['--steps', '1'] : ['--to', target!.digest]), '--requested-by', 'alice', '--json'];
      const what = `rollback ${env} ${app} ${byStep ? '--steps 1' : `--to ${target!.digest.slice(7, 19)}`}`;
      if (dead(env, app)) {
        // (Blocked and never deployed: which refusal comes first is not said.)
        if (target && m.blocked.has(target.digest)) return undefined;
        await run(2, args);
        landed();
        return `${what}: refused, never deployed`;
      }
      if (!target || m.blocked.has(target.digest)) {
        await run(target ? 1 : 2, args);
        landed();
        return `${what}: refused`;
      }
      const r = await run(0, args);
      expect(r.digest, `${where()}${what}: the digest gone back to`).toBe(target.digest);
      landed(r.commit);
      pinned(env, app, { digest: target.digest, tag: target.tag, commit: r.commit, kind: 'rollback' });
      return `${what} (${target.tag})`;
    }],
    [1, 'block', async () => {
      const app = pick(APPS);
      const pin = pick([...m.pins.values()].flat().filter((p) => p.kind !== 'hand'));
      const r = await run(0, ['block', '--repo', bare, '--app', app, '--image', imageOf(app, pin.tag, pin.digest), '--reason', 'CVE', '--requested-by', 'alice', '--json']);
      const what = `block ${app} ${pin.digest.slice(7, 19)}`;
      if (m.blocked.has(pin.digest)) {
        landed();
        return `${what}: skipped`;
      }
      landed(r.commit);
      m.blocked.set(pin.digest, app);
      m.events.unshift({ commit: r.commit, at: m.clock, action: 'block', app, digest: pin.digest });
      return what;
    }],
    [1, 'unblock', async () => {
      if (!m.blocked.size) return undefined;
      const digest = pick([...m.blocked.keys()]);
      const app = random() < 0.8 ? m.blocked.get(digest)! : pick(APPS);
      const what = `unblock ${app} ${digest.slice(7, 19)}`;
      // (Only with the app its entry names: for another, refused.)
      const r = await run(app === m.blocked.get(digest) ? 0 : 2, ['unblock', '--repo', bare, '--app', app, '--image', imageOf(app, 'x', digest), '--reason', 'fixed', '--requested-by', 'alice', '--json']);
      landed(r.status === 'succeeded' ? r.commit : undefined);
      if (r.status !== 'succeeded') return `${what}: refused (blocked for ${m.blocked.get(digest)})`;
      m.blocked.delete(digest);
      m.events.unshift({ commit: r.commit, at: m.clock, action: 'unblock', app, digest });
      return what;
    }],
    [1, 'hand edit', async () => {
      const env = pick(ENVS);
      const app = pick(APPS);
      const path = `${env}/${app}/kustomization.yaml`;
      const digest = digestOf(templateImage(app, `hand-${seed}.${++fresh}`));
      const commit = await commitByHand(bare, { [path]: readRemoteFile(bare, path)!.replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${digest}`) }, `${app}: another image in ${env}`, iso(tick()));
      landed(commit);
      pinned(env, app, { digest, commit, kind: 'hand' });
      m.violations.push({ commit, rule: 'unrecorded-change', env, app });
      // (A digest new to every environment: where it is promoted into, its environment promoted from never had it.)
      if (env !== 'dev') m.violations.push({ commit, rule: 'skipped-stage', env, app });
      return `hand edit ${env} ${app} ${digest.slice(7, 19)}`;
    }],
    [2, 'pull request', async () => {
      const open = APPS.filter((app) => !dead('dev', app));
      if (!open.length) return undefined;
      const branch = `pr-${seed}-${log.length}`;
      execFileSync('git', ['-C', bare, 'branch', branch, 'main']);
      const apps = Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick(open));
      const bumps = new Map<string, Awaited<ReturnType<typeof bump>>>();
      for (const app of apps) bumps.set(app, await bump(app, branch));
      landed();
      const other = open.find((app) => !bumps.has(app));
      const meanwhile = other && random() < 0.5 ? await bump(other) : undefined;
      if (meanwhile) {
        landed(meanwhile.commit);
        pinned('dev', other!, { ...meanwhile, kind: 'bump' });
      }
      // Now and then the merge pins another digest of its own in a manifest the branch did not change (an evil merge).
      const evil = random() < 0.25 ? pick(ENVS.flatMap((env) => APPS.filter((app) => env !== 'dev' || !bumps.has(app)).map((app) => [env, app] as const))) : undefined;
      const handDigest = evil && digestOf(templateImage(evil[1], `hand-${seed}.${++fresh}`));
      const edit = evil && { [manifestOf(...evil)]: readRemoteFile(bare, manifestOf(...evil))!.replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${handDigest}`) };
      const merge = await mergeByHand(bare, branch, iso(tick()), { files: edit });
      execFileSync('git', ['-C', bare, 'branch', '-D', branch]);
      landed(merge);
      for (const [app, b] of bumps) pinned('dev', app, { ...b, commit: merge, kind: 'bump', ferryCommit: b.commit });
      if (evil) {
        pinned(...evil, { digest: handDigest!, commit: merge, kind: 'hand' });
        m.violations.push({ commit: merge, rule: 'unrecorded-change', env: evil[0], app: evil[1] });
        // (A digest new to every environment, as a hand edit's: where it is promoted into, its source never had it.)
        if (evil[0] !== 'dev') m.violations.push({ commit: merge, rule: 'skipped-stage', env: evil[0], app: evil[1] });
      }
      return `pull request: bump dev ${[...bumps].map(([app, b]) => `${app} ${b.tag}`).join(', ')}${meanwhile ? `; meanwhile on main: bump dev ${other} ${meanwhile.tag}` : ''}; merged${evil ? `, the merge pinning ${evil.join(' ')} ${handDigest!.slice(7, 19)} by hand` : ''}`;
    }],
    [1, 'pull request merged -s ours', async () => {
      // The merge keeps main's tree whole: the branch's bump never ran, and neither history nor status shows it, nor does
      // audit judge it against the line (main may have pinned that app again meanwhile).
      const open = APPS.filter((app) => !dead('dev', app));
      if (!open.length) return undefined;
      const branch = `pr-${seed}-${log.length}`;
      execFileSync('git', ['-C', bare, 'branch', branch, 'main']);
      const app = pick(open);
      const b = await bump(app, branch);
      landed();
      // (Audit once judged the bump so dropped against main's pin of that app made meanwhile: a false trailers-disagree.)
      const other: string | undefined = pick(open);
      const meanwhile = other && random() < 0.5 ? await bump(other) : undefined;
      if (meanwhile) {
        landed(meanwhile.commit);
        pinned('dev', other!, { ...meanwhile, kind: 'bump' });
      }
      const merge = await mergeByHand(bare, branch, iso(tick()), { strategy: 'ours' });
      execFileSync('git', ['-C', bare, 'branch', '-D', branch]);
      landed(merge);
      return `pull request: bump dev ${app} ${b.tag}${meanwhile ? `; meanwhile on main: bump dev ${other} ${meanwhile.tag}` : ''}; merged -s ours, which drops it`;
    }],
    [1, 'pull request with a conflict', async () => {
      // The branch's bump and main's of the same app change the same lines: the merge is resolved to main's side (the
      // branch's bump never ran), to the branch's (its bump lands with the merge; the image it records as replaced is the
      // one its branch had, which Ferry read there: no violation), or by hand to another digest (an edit at the merge, as
      // a hand edit is).
      const open = APPS.filter((app) => !dead('dev', app));
      if (!open.length) return undefined;
      const app = pick(open);
      const path = manifestOf('dev', app);
      const branch = `pr-${seed}-${log.length}`;
      execFileSync('git', ['-C', bare, 'branch', branch, 'main']);
      const b = await bump(app, branch);
      landed();
      const meanwhile = await bump(app);
      landed(meanwhile.commit);
      pinned('dev', app, { ...meanwhile, kind: 'bump' });
      // (Audit once judged the branch's bump against main's pin made meanwhile: a false trailers-disagree.)
      const side = pick(['main', 'branch', 'hand'] as const);
      const handDigest = digestOf(templateImage(app, `hand-${seed}.${++fresh}`));
      const text = side === 'branch' ? readRemoteFile(bare, path, branch)! : readRemoteFile(bare, path)!;
      const merge = await mergeByHand(bare, branch, iso(tick()), { files: { [path]: side === 'hand' ? text.replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${handDigest}`) : text } });
      execFileSync('git', ['-C', bare, 'branch', '-D', branch]);
      landed(merge);
      if (side === 'branch') {
        pinned('dev', app, { ...b, commit: merge, kind: 'bump', ferryCommit: b.commit });
      }
      if (side === 'hand') {
        pinned('dev', app, { digest: handDigest, commit: merge, kind: 'hand' });
        m.violations.push({ commit: merge, rule: 'unrecorded-change', env: 'dev', app });
      }
      return `pull request: bump dev ${app} ${b.tag}; meanwhile on main: bump dev ${app} ${meanwhile.tag}; the conflict resolved ${side === 'hand' ? `by hand to ${handDigest.slice(7, 19)}` : `to ${side}'s side`}`;
    }],
    [1, 'argocd override', async () => {
      // Argo CD's parameter overrides beside a pinned manifest, by hand (as Image Updater's git write-back writes them):
      // added, changed or removed, one that sets the app's image (before or after) is an unrecorded change; one that
      // overrides something else is none. Validate reports each that sets the image while it is there.
      const env = pick(ENVS);
      const app = pick(APPS);
      const path = `${env}/${app}/${pick(['.argocd-source.yaml', `.argocd-source-${app}-${env}.yaml`])}`;
      const before = m.overrides.get(path);
      const remove = before !== undefined && random() < 0.4;
      const image = random() < 0.5;
      const digest = digestOf(templateImage(app, `override-${seed}.${++fresh}`));
      // An entry names the pin's images: entry (name=image) or the app's image.
      const text = image ? `kustomize:\n  images:\n    - ${random() < 0.5 ? `${app}=` : ''}${imageOf(app, 'override', digest)}\n` : `kustomize:\n  commonLabels:\n    team: team-${fresh}\n`;
      const commit = await commitByHand(bare, { [path]: remove ? null : text }, `${app}: Argo CD parameter overrides in ${env}`, iso(tick()));
      landed(commit);
      if (remove) m.overrides.delete(path);
      else m.overrides.set(path, image);
      if (before || (!remove && image)) m.violations.push({ commit, rule: 'unrecorded-change', env, app });
      return `${remove ? 'remove' : before === undefined ? 'add' : 'change'} ${path}${remove ? '' : image ? `, setting the image ${digest.slice(7, 19)}` : ', setting no image'}`;
    }],
    [1, 'debug component', async () => {
      // A kustomize Component listed in an overlay by hand whose own images: entry sets the app's image first: the overlay's
      // entry then matches no image, and its pin is never deployed (status marks it, validate reports it, Ferry writes no pin
      // there) until a later hand commit takes the Component out. Each is a hand edit of the manifest that pins nothing new.
      const env = pick(ENVS);
      const app = pick(APPS);
      const path = manifestOf(env, app);
      const component = componentOf(env, app);
      const listed = `components:\n  - ../../${component}\n`;
      const fixing = dead(env, app);
      const overlay = readRemoteFile(bare, path)!;
      const commit = await commitByHand(bare, fixing
        ? { [`${component}/kustomization.yaml`]: null, [path]: overlay.replace(listed, '') }
        : {
          [`${component}/kustomization.yaml`]: `apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nimages:\n  - name: ${app}\n    newName: ${TEMPLATE_REGISTRY}/${app}\n    newTag: debug\n`,
          [path]: overlay.replace(/^resources:/m, `${listed}resources:`),
        }, `${app}: ${fixing ? 'no more ' : ''}debug component in ${env}`, iso(tick()));
      landed(commit);
      if (fixing) m.undeployed.delete(`${env} ${app}`);
      else m.undeployed.add(`${env} ${app}`);
      m.events.unshift({ commit, at: m.clock, action: 'edit', env, app, digest: current(m, env, app).digest });
      m.violations.push({ commit, rule: 'unrecorded-change', env, app });
      return `${fixing ? 'take out' : 'list'} ${component} in ${path}`;
    }],
  ];

  const check = async () => {
    const [status, history, validate, audit] = await Promise.all([
      ferry(['status', '--repo', bare, '--json']), ferry(['history', '--repo', bare, '--json']),
      ferry(['validate', '--repo', bare, '--json']), ferry(['audit', '--repo', bare, '--format', 'json']),
    ]);
    const rows = json(status, 'ferry status').rows as { env: string; app: string; digest: string; error?: string; pinned?: { commit: string; action?: string; byHand?: boolean; ferryCommit?: string } }[];
    const row = (env: string, app: string, p: Pick<Pin, 'digest' | 'commit' | 'kind' | 'ferryCommit'>) => ({ env, app, digest: p.digest, commit: p.commit, kind: p.kind, ferryCommit: p.ferryCommit });
    // A pin never deployed is a row marked with validate's problem, and no pin.
    const neverDeployed = (env: string, app: string) => ({ env, app, pinned: undefined, error: expect.stringContaining('never deployed') });
    expect(rows.map((r) => (r.error !== undefined ? { env: r.env, app: r.app, pinned: r.pinned, error: r.error } : row(r.env, r.app, { ...r, ...r.pinned!, kind: r.pinned!.byHand ? 'hand' : r.pinned!.action as Pin['kind'] }))), `${where()}ferry status`)
      .toEqual(APPS.flatMap((app) => ENVS.map((env) => (dead(env, app) ? neverDeployed(env, app) : row(env, app, current(m, env, app))))));
    const events = json(history, 'ferry history').events as { commit: string; date: string; action: string; env?: string; app?: string; image?: string }[];
    expect(events.map((e) => seconds(e.date)), `${where()}ferry history: newest first`).toEqual(events.map((e) => seconds(e.date)).sort((a, b) => b - a));
    const key = (e: Event) => `${iso(e.at)} ${e.commit} ${e.action} ${e.env ?? '-'} ${e.app ?? '-'} ${e.digest ?? '-'}`;
    expect(events.map((e) => key({ ...e, at: seconds(e.date), digest: e.image && digestOf(e.image) })).sort().reverse(), `${where()}ferry history`).toEqual(m.events.map(key).sort().reverse());
    // Validate's problems: each pin never deployed, and each Argo CD override that sets a pinned image.
    const problems = [...[...m.undeployed].map((key) => manifestOf(...(key.split(' ') as [string, string]))), ...[...m.overrides].filter(([, image]) => image).map(([path]) => path)];
    const found = json(validate, 'ferry validate').problems as { file: string }[] | undefined;
    expect({ code: validate.code, files: [...new Set((found ?? []).map((p) => p.file))].sort() }, `${where()}ferry validate\n${validate.stdout}${validate.stderr}`)
      .toEqual({ code: problems.length ? 2 : 0, files: problems.sort() });
    const violations = json(audit, 'ferry audit').violations as (Violation & { message: string })[];
    const said = (v: Violation) => `${v.commit} ${v.rule} ${v.env} ${v.app}`;
    expect({ code: audit.code, violations: violations.map(said).sort() }, `${where()}ferry audit\n${violations.map((v) => `${said(v)}: ${v.message}`).join('\n')}`)
      .toEqual({ code: m.violations.length ? 1 : 0, violations: m.violations.map(said).sort() });
  };

  const total = ops.reduce((sum, [weight]) => sum + weight, 0);
  for (let step = 1; step <= STEPS; step++) {
    m.clock += pick([5, 30, 60, 120, 180, 240]) * 60;
    for (let done: string | undefined; done === undefined;) {
      let r = random() * total;
      const [, name, op] = ops.find(([weight]) => (r -= weight) < 0)!;
      log.push(`${step}. ${name} …`);
      done = await op();
      if (done === undefined) log.pop();
      else log[step - 1] = `${step}. ${done}`;
    }
    await check();
  }
  if (process.env.FERRY_MODEL_LOG) console.log(`seed ${seed}:\n  ${log.join('\n  ')}`);
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-ops-model-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

test.each(SEEDS)(`seed %i: ${STEPS} random steps, each checked against the model`, async (seed) => {
  await runSeed(seed, root);
}, 30_000 + STEPS * 10_000);
