// README's reference ("Commits": the trailer table, their order, Ferry-Gate's grammar; "JSON output":
// the fields of each command's --json) held against what the commands really write and print, on
// fresh env repos: a trailer key, a writer of it or a --json field the README does not list fails
// here, so the reference cannot fall behind the code unseen.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRemoteFile } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';
import { startPrometheus, type PrometheusServer } from '../support/prometheus-server.js';
import { hoursAgo, templateImage } from '../support/template-repo.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const ACTIONS = ['init', 'bump', 'promote', 'rollback', 'block', 'unblock'] as const;
const COMMANDS = ['init', 'bump', 'promote', 'rollback', 'block', 'unblock', 'status', 'history', 'validate', 'audit', 'analyze'] as const;
/** The JSON table's name for the output of a command that failed. */
const FAILING = 'failing';

/** A `### title` section of the README, up to the next heading. */
function section(title: string): string {
  const start = README.indexOf(`\n### ${title}\n`);
  expect(start, `README has no section "### ${title}"`).toBeGreaterThan(-1);
  const end = README.slice(start + 1).search(/\n#{2,3} /);
  return README.slice(start, end < 0 ? undefined : start + 1 + end);
}

/** The body rows of the Markdown tables in `text`, as cells. */
function tableRows(text: string): string[][] {
  return text.split('\n')
    .filter((l) => l.startsWith('| ') && !/^\|\s*-/.test(l))
    .map((l) => l.replace(/^\|\s*|\s*\|$/g, '').split(/\s+\|\s+/));
}

const ticked = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
const words = (text: string, of: readonly string[]) => text.split(/[^a-z]+/).filter((w) => of.includes(w));

const COMMITS = section('Commits');
/** Trailer table: key -> the actions the README says write it. */
const TRAILERS = new Map(tableRows(COMMITS).filter((r) => /^`Ferry-[A-Za-z-]+`$/.test(r[0]!)).map((r) => [ticked(r[0]!)[0]!, new Set(words(r[1]!, ACTIONS))]));
/** The order list: action -> its keys in the order the README gives. */
const ORDER = new Map<string, string[]>();
for (const m of COMMITS.matchAll(/^- ([a-z, ]+): (.*)$/gm)) {
  for (const action of m[1]!.split(/,\s*/)) ORDER.set(action, ticked(m[2]!));
}
/** Ferry-Gate's grammar, as the README writes it: a line of its own, in backticks. */
const GATE_GRAMMAR_TEXT = /^`(\^\(blocked[^`]*)`\.?$/m.exec(COMMITS)?.[1];

/** JSON table: `<command> <field>` -> what the README says it holds (its nested fields in backticks). */
const FIELDS = new Map<string, string>();
for (const [commands, field, holds] of tableRows(section('JSON output'))) {
  const names = commands!.includes('failing') ? [FAILING] : words(commands!, COMMANDS);
  for (const name of names) for (const f of ticked(field!)) FIELDS.set(`${name} ${f}`, `${FIELDS.get(`${name} ${f}`) ?? ''} ${holds}`);
}

let root: string;
let prometheus: PrometheusServer;
/** Every --json printed: the command and what it printed. */
const outputs: { command: string; args: string[]; json: Record<string, unknown> }[] = [];
/** The env repos made, whose commit messages are checked. */
const repos: string[] = [];

const img = (app: string, tag: string) => templateImage(app, tag);
/** A GitHub Actions run, so that every writer records Ferry-Run. */
const RUN = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/env', GITHUB_RUN_ID: '123' };

/** `ferry <args> --json`, expecting exit `code`; the output is kept. `at` dates the commit it makes. */
async function json(args: string[], code = 0, at?: string): Promise<Record<string, unknown>> {
  const r = await ferry([...args, '--json'], { env: { ...RUN, ...(at ? { GIT_COMMITTER_DATE: at } : {}) } });
  expect(r.code, `ferry ${args.join(' ')}: ${r.stderr}`).toBe(code);
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  outputs.push({ command: args[0]!, args, json: out });
  return out;
}

const TEMPLATE = `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: doc-check
spec:
  args:
    - name: digest
  metrics:
    - name: ready
      successCondition: result[0] >= 0.99
      provider:
        prometheus:
          address: http://127.0.0.1:1
          query: label_replace(vector(0.998), "digest", "{{args.digest}}", "", "")
    - name: latency
      successCondition: len(result) > 0 && all(result, {# < 1})
      provider:
        prometheus:
          address: http://127.0.0.1:1
          rangeQuery: { start: now() - duration("10m"), end: now(), step: 1m }
          query: label_replace(vector(0.25), "digest", "{{args.digest}}", "", "")
`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-readme-reference-'));
  prometheus = await startPrometheus();
  const repo = join(root, 'env.git');
  repos.push(repo);
  const r = ['--repo', repo];
  const us = 'user-service';
  const os = 'order-service';

  await json(['init', repo, '--bare'], 0, hoursAgo(20));
  await json(['bump', ...r, '--env', 'dev', '--app', us, '--image', img(us, '1.1.0'), '--requested-by', 'Alice Smith <alice@example.com>', '--source-revision', '3f9c2e1a7b4d5c6e8f0a1b2c3d4e5f60718293a4'], 0, hoursAgo(10));
  await json(['bump', ...r, '--env', 'dev', '--app', us, '--image', img(us, '1.1.0')]); // skipped
  await json(['bump', ...r, '--env', 'dev', '--app', os, '--image', img(os, '2.0.0'), '--dry-run']);
  await json(['bump', ...r, '--env', 'dev', '--app', os, '--image', img(os, '2.0.0'), '--requested-by', 'alice'], 0, hoursAgo(9));
  await json(['promote', ...r, '--from', 'dev', '--to', 'stage', '--all', '--requested-by', 'alice'], 0, hoursAgo(8));
  await json(['promote', ...r, '--from', 'stage', '--to', 'prod', '--app', us, '--requested-by', 'alice'], 1); // stopped: approvals
  await json(['promote', ...r, '--from', 'stage', '--to', 'prod', '--app', us, '--requested-by', 'alice', '--approved-by', 'bob', '--dry-run']);
  await json(['promote', ...r, '--from', 'stage', '--to', 'prod', '--app', us, '--requested-by', 'alice', '--approved-by', 'bob', '--approved-by', 'Bob', '--approved-by', 'alice']);
  await json(['promote', ...r, '--from', 'stage', '--to', 'prod', '--app', us, '--requested-by', 'alice', '--approved-by', 'bob']); // skipped
  await json(['bump', ...r, '--env', 'dev', '--app', us, '--image', img(us, '1.2.0'), '--requested-by', 'alice']);
  await json(['promote', ...r, '--from', 'dev', '--to', 'stage', '--app', us, '--requested-by', 'alice', '--override', 'soak', '--reason', 'fix for incident 42 (sev1)']);
  await json(['rollback', ...r, '--env', 'stage', '--app', us, '--block', '--reason', 'errors (5xx) after deploy', '--requested-by', 'bob']);
  await json(['rollback', ...r, '--env', 'prod', '--app', us, '--dry-run']); // planned, with a warning
  await json(['bump', ...r, '--env', 'dev', '--app', us, '--image', img(us, '1.3.0'), '--requested-by', 'alice'], 0, hoursAgo(6));
  await json(['bump', ...r, '--env', 'dev', '--app', os, '--image', img(os, '2.1.0'), '--requested-by', 'alice'], 0, hoursAgo(6));
  await json(['block', ...r, '--app', os, '--image', img(os, '2.1.0'), '--reason', 'CVE-2026-1234', '--requested-by', 'carol']);
  await json(['block', ...r, '--app', os, '--image', img(os, '2.1.0'), '--reason', 'again']); // skipped
  await json(['promote', ...r, '--from', 'dev', '--to', 'stage', '--all', '--requested-by', 'alice']); // order-service left out
  await json(['promote', ...r, '--from', 'dev', '--to', 'stage', '--app', os, '--requested-by', 'alice'], 1); // stopped: blocked
  await json(['unblock', ...r, '--app', os, '--image', img(os, '2.1.0'), '--reason', 'false positive', '--requested-by', 'carol']);
  await json(['unblock', ...r, '--app', os, '--image', img(os, '2.1.0'), '--reason', 'again']); // skipped
  await json(['bump', ...r, '--env', 'dev', '--app', us, '--image', img(us, '1.2.0')], 1); // refused: blocked
  await json(['bump', ...r, '--env', 'dev', '--app', 'no-such-app', '--image', img(us, '1.2.0')], 2);
  // A kustomize entry left with its name alone (by hand): the next pin records that name as what it replaces.
  const path = `dev/${os}/kustomization.yaml`;
  const overlay = readRemoteFile(repo, path)!;
  const unpinned = overlay.replace(/\n {4}newName: .*\n {4}newTag: .*\n {4}digest: .*\n/, '\n');
  expect(unpinned).not.toBe(overlay);
  await commitByHand(repo, { [path]: unpinned }, 'unpin order-service by hand');
  await json(['bump', ...r, '--env', 'dev', '--app', os, '--image', img(os, '2.2.0'), '--requested-by', 'alice']);
  // --steps 1 passes over the image blocked (1.2.0): `skipped`; a reason without --block.
  await json(['rollback', ...r, '--env', 'dev', '--app', us, '--reason', 'back to the one before', '--requested-by', 'bob']);
  await json(['history', ...r]);
  await json(['history', ...r, '--env', 'stage', '--app', us]);
  await json(['status', ...r]);
  await json(['validate', ...r]);
  const work = join(root, 'work');
  execFileSync('git', ['clone', '--quiet', repo, work]);
  await json(['validate', '--worktree', work]);
  await json(['audit', ...r], 1); // the hand edit
  await json(['audit', ...r, '--env', 'dev', '--since', hoursAgo(1)], 1);
  await json(['status', '--repo', join(root, 'no-such-repo.git')], 1);
  // Files that do not read: a manifest (block names it: unreadable), then blocked.yaml (status: a warning).
  const broken = join(root, 'broken.git');
  await json(['init', broken, '--bare']);
  await commitByHand(broken, { [`stage/${us}/kustomization.yaml`]: 'images: [unclosed\n' }, 'break stage by hand');
  await json(['block', '--repo', broken, '--app', us, '--image', img(us, '1.0.0'), '--reason', 'CVE-2026-1234']);
  await commitByHand(broken, { 'blocked.yaml': 'blocked: [unclosed\n' }, 'break blocked.yaml by hand');
  await json(['status', '--repo', broken]);

  // Analysis and compare gates against a real Prometheus, and ferry analyze.
  const gated = join(root, 'gated.git');
  repos.push(gated);
  const g = ['--repo', gated];
  await json(['init', gated, '--bare'], 0, hoursAgo(3));
  const config = readRemoteFile(gated, 'ferry.yaml')!
    .replace('\nenvironments:\n', `\nprometheus:\n  address: ${prometheus.url}\nenvironments:\n`)
    .replace(/\n {6}soak: 30m[^\n]*\n/, '\n      analysis: [doc-check]\n      compare: { metrics: [{ template: doc-check, metric: latency, direction: decrease }] }\n');
  expect(config).toContain('analysis: [doc-check]');
  await commitByHand(gated, { 'ferry.yaml': config, 'analysis/doc-check.yaml': TEMPLATE }, 'analysis gates for stage');
  await json(['bump', ...g, '--env', 'dev', '--app', us, '--image', img(us, '1.1.0'), '--requested-by', 'alice']);
  await json(['bump', ...g, '--env', 'dev', '--app', os, '--image', img(os, '1.1.0'), '--requested-by', 'alice']);
  // (Constant series: the comparison cannot pass; its override is recorded. Were it to pass, nothing is overridden.)
  await json(['promote', ...g, '--from', 'dev', '--to', 'stage', '--all', '--requested-by', 'alice', '--override', 'compare', '--reason', 'constant series (a test)']);
  const template = join(root, 'doc-check.yaml');
  writeFileSync(template, TEMPLATE);
  const digest = (n: number) => `sha256:${String(n).repeat(64)}`;
  await json(['analyze', '--template', template, '--prometheus', prometheus.url, '--arg', `digest=${digest(1)}`]);
  const compared = await ferry(['analyze', '--template', template, '--prometheus', prometheus.url, '--arg', `digest=${digest(1)}`, '--baseline-arg', `digest=${digest(2)}`, '--compare', 'latency:decrease', '--json']);
  // (Exit 0 or 1, as the comparison of two constant series judges: the fields are the same.)
  expect([0, 1], compared.stderr).toContain(compared.code);
  outputs.push({ command: 'analyze', args: ['--compare'], json: JSON.parse(compared.stdout) as Record<string, unknown> });
}, 240_000);

afterAll(async () => {
  await prometheus?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

/** Every commit of the repos made: its id, and its trailers as Ferry reads them (the last paragraph, all `Key: value`). */
function commits(): { commit: string; trailers: [string, string][] }[] {
  return repos.flatMap((repo) => execFileSync('git', ['--git-dir', repo, 'log', '--format=%H%n%B%x00'], { encoding: 'utf8' })
    .split('\0').map((t) => t.trim()).filter(Boolean).map((text) => {
      const [commit, ...message] = text.split('\n');
      const last = message.join('\n').trim().split(/\n\n/).at(-1)!.split('\n');
      const trailers = last.every((l) => /^[A-Za-z0-9-]+: /.test(l)) ? last.map((l) => l.split(/: (.*)/s).slice(0, 2) as [string, string]) : [];
      return { commit: commit!, trailers: trailers.filter(([k]) => k.startsWith('Ferry-')) };
    }));
}

describe('README, "Commits": the trailers Ferry writes', () => {
  test('every key each action writes is in the table, with that action among its writers; and every writer listed writes it here', () => {
    const written = new Set<string>();
    for (const { commit, trailers } of commits().filter((c) => c.trailers.length)) {
      const action = trailers[0]![1];
      expect(trailers[0]![0], commit).toBe('Ferry-Action');
      for (const [key] of trailers) {
        expect(TRAILERS.has(key), `${key} (a ${action} commit, ${commit}) is not in README's trailer table`).toBe(true);
        expect([...TRAILERS.get(key)!], `README's trailer table does not say that ${action} writes ${key}`).toContain(action);
        written.add(`${key} ${action}`);
      }
    }
    // The table claims nothing this run of every command does not show.
    for (const [key, writers] of TRAILERS) for (const action of writers) expect(written, `${key} ${action}`).toContain(`${key} ${action}`);
  });

  test('the keys come in the order the README gives for each action, a promotion\'s apps in groups', () => {
    const seen = new Set<string>();
    for (const { commit, trailers } of commits().filter((c) => c.trailers.length)) {
      const action = trailers[0]![1];
      seen.add(action);
      const order = ORDER.get(action);
      expect(order, `README gives no order for ${action}`).toBeDefined();
      const keys = trailers.map(([k]) => k);
      const distinct = keys.filter((k, i) => keys.indexOf(k) === i);
      expect(distinct, `${commit}: ${keys.join(', ')}`).toEqual(order!.filter((k) => distinct.includes(k)));
      // Repeated keys: a promotion's app groups (Ferry-App, Ferry-Image, at most one Ferry-Previous-Image), and the approvers, together.
      const groups = keys.join(' ').replace(/(?:Ferry-App Ferry-Image(?: Ferry-Previous-Image)? ?)+/, 'GROUPS ').replace(/(?:Ferry-Approved-By ?)+/, 'APPROVERS ');
      expect(groups.split(' ').filter((k) => k.startsWith('Ferry-') && keys.indexOf(k) !== keys.lastIndexOf(k)), `${commit}: ${keys.join(', ')}`).toEqual([]);
    }
    expect([...seen].sort()).toEqual([...ACTIONS].sort());
  });

  test('a promotion of two apps, and a previous image recorded as the name its file held', () => {
    const all = commits();
    expect(all.some((c) => c.trailers.filter(([k]) => k === 'Ferry-App').length === 2)).toBe(true);
    expect(all.some((c) => c.trailers.some(([k, v]) => k === 'Ferry-Previous-Image' && v === 'order-service'))).toBe(true);
    expect(COMMITS).toContain('is recorded as that name,\n`Ferry-Previous-Image: user-service`');
  });

  test('every Ferry-Gate matches the grammar the README gives, blocked first', () => {
    expect(GATE_GRAMMAR_TEXT, 'README gives Ferry-Gate\'s regular expression on a line of its own').toBeDefined();
    const grammar = new RegExp(GATE_GRAMMAR_TEXT!);
    const gates = commits().flatMap((c) => c.trailers.filter(([k]) => k === 'Ferry-Gate').map(([, v]) => v));
    expect(gates.length).toBeGreaterThan(3);
    expect(gates.some((g) => g.includes(' analysis=') && g.includes(' compare='))).toBe(true);
    for (const gate of gates) {
      expect(gate).toMatch(grammar);
      expect(gate.startsWith('blocked=')).toBe(true);
    }
  });
});

describe('README, "JSON output": the fields of each command\'s --json', () => {
  test('every top-level field each command printed, and the fields of the objects it holds, are in the table', () => {
    const missing: string[] = [];
    for (const { command, args, json } of outputs) {
      const name = json.status === 'failed' && 'error' in json ? FAILING : command;
      for (const [field, value] of Object.entries(json)) {
        const holds = FIELDS.get(`${name} ${field}`);
        if (holds === undefined) {
          missing.push(`${name} ${field} (ferry ${args.join(' ')})`);
          continue;
        }
        // One level down: the keys of an object, or of the objects of a list.
        const items = Array.isArray(value) ? value : [value];
        for (const item of items) {
          if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
          for (const key of Object.keys(item)) if (!ticked(holds).includes(key)) missing.push(`${name} ${field}.${key} (ferry ${args.join(' ')})`);
        }
      }
    }
    expect([...new Set(missing)].join('\n'), "printed, and not in README's JSON output table").toBe('');
  });

  test('every command was run, succeeding and failing', () => {
    expect(new Set(outputs.map((o) => o.command))).toEqual(new Set(COMMANDS));
    const statuses = (command: string) => new Set(outputs.filter((o) => o.command === command).map((o) => o.json.status));
    expect(statuses('bump')).toEqual(new Set(['succeeded', 'skipped', 'planned', 'failed']));
    expect(statuses('promote')).toEqual(new Set(['succeeded', 'skipped', 'planned', 'stopped']));
    expect(statuses('rollback')).toEqual(new Set(['succeeded', 'planned']));
    expect(statuses('block')).toEqual(new Set(['succeeded', 'skipped']));
    expect(new Set(outputs.filter((o) => o.json.status === 'failed' && 'error' in o.json).map((o) => (o.json.error as { kind: string }).kind))).toEqual(new Set(['configuration', 'refused', 'runtime']));
  });
});
