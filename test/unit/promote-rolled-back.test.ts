// A promotion that brings back a digest a rollback in the target environment moved away from says
// so, with who rolled back, when and why: the scheduled `promote --all` undid a rollback silently.
// A note, not a gate: the promotion goes through.
import { describe, expect, test } from 'vitest';
import { planPromote, targetRollbacks, type PromoteRequest, type RollbackNote } from '../../actions/src/core/promote.js';
import { promotePullRequestBody, promoteSummary, rollbackText } from '../../actions/src/core/job-summary.js';
import { TrailerList } from '../../actions/src/core/trailers.js';

const REG = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
const digest = (c: string) => `sha256:${c.repeat(64)}`;
const img = (app: string, tag: string, c: string) => `${REG}/${app}:${tag}@${digest(c)}`;
const NOW = new Date('2026-11-24T12:00:00Z');
const ROLLBACK = 'abc123456789abc123456789abc123456789abcd';

/** A Ferry commit of the target's log: its trailers as key/value pairs. */
const entry = (commit: string, date: string, trailers: [string, string][]) => ({ commit, date, trailers: new TrailerList(trailers.flat()) });
const pin = (commit: string, action: string, env: string, apps: [string, string, string?][], extra: [string, string][] = []) => entry(commit, '2026-11-24T09:00:00Z', [
  ['Ferry-Action', action], ['Ferry-Env', env],
  ...apps.flatMap(([app, image, previous]): [string, string][] => [['Ferry-App', app], ['Ferry-Image', image], ...(previous ? [['Ferry-Previous-Image', previous] as [string, string]] : [])]),
  ...extra,
]);
const rollback = (commit: string, app: string, to: string, from: string, extra: [string, string][] = [['Ferry-Reason', 'INC-11'], ['Ferry-Requested-By', 'rm']]) => entry(commit, '2026-11-24T11:00:00+01:00', [
  ['Ferry-Action', 'rollback'], ['Ferry-Env', 'stage'], ['Ferry-App', app], ['Ferry-Image', to], ['Ferry-Previous-Image', from], ['Ferry-Rollback-To', 'f'.repeat(40)], ...extra,
]);

const V1 = img('user-service', '1.1.0', '1');
const V2 = img('user-service', '1.2.0', '2');
const V3 = img('user-service', '1.3.0', '3');
const NOTE: RollbackNote = { env: 'stage', commit: ROLLBACK, date: '2026-11-24T11:00:00+01:00', by: 'rm', reason: 'INC-11' };

describe('targetRollbacks: the rollback in the target that moved away from a digest, unless a Ferry pin put it back since', () => {
  test.each([
    ['a rollback from it', [rollback(ROLLBACK, 'user-service', V1, V2), pin('p1', 'promote', 'stage', [['user-service', V2, V1]])], digest('2'), NOTE],
    ['not the digest rolled back to', [rollback(ROLLBACK, 'user-service', V1, V2)], digest('1'), undefined],
    ['pinned there again by a promotion since', [pin('p2', 'promote', 'stage', [['user-service', V2, V1]]), rollback(ROLLBACK, 'user-service', V1, V2)], digest('2'), undefined],
    ['pinned again since and moved on: still no note', [pin('p3', 'promote', 'stage', [['user-service', V3, V2]]), pin('p2', 'promote', 'stage', [['user-service', V2, V1]]), rollback(ROLLBACK, 'user-service', V1, V2)], digest('2'), undefined],
    ['pinned again by a rollback to it (rolled forward)', [rollback('r2', 'user-service', V2, V1), rollback(ROLLBACK, 'user-service', V1, V2)], digest('2'), undefined],
    ['pinned again by a promotion of several apps', [pin('p2', 'promote', 'stage', [['order-service', img('order-service', '2.0.0', '4'), img('order-service', '1.0.0', '5')], ['user-service', V2, V1]]), rollback(ROLLBACK, 'user-service', V1, V2)], digest('2'), undefined],
    ['a later rollback from another digest does not hide it', [rollback('r2', 'user-service', img('user-service', '1.0.0', '0'), V1), pin('p3', 'promote', 'stage', [['user-service', V1, V3]]), rollback(ROLLBACK, 'user-service', V1, V2)], digest('2'), NOTE],
    // dev: V1 → V2 (promoted), rollback back to V1, then rollback --to V2 (forward): V1 was not rolled back from.
    ['a rollback --to a newer image went forward: the image it replaced was not rolled back from', [rollback('r2', 'user-service', V2, V1), rollback(ROLLBACK, 'user-service', V1, V2), pin('p1', 'promote', 'stage', [['user-service', V2, V1]])], digest('1'), undefined],
    ['a rollback back to an image (rolled back from again, after going forward)', [rollback('r3', 'user-service', V1, V2), rollback('r2', 'user-service', V2, V1), rollback(ROLLBACK, 'user-service', V1, V2), pin('p1', 'promote', 'stage', [['user-service', V2, V1]])], digest('2'), { ...NOTE, commit: 'r3' }],
    ['a rollback of another app', [rollback(ROLLBACK, 'order-service', V1, V2)], digest('2'), undefined],
    ['a rollback in another environment', [entry(ROLLBACK, '2026-11-24T10:00:00Z', [['Ferry-Action', 'rollback'], ['Ferry-Env', 'prod'], ['Ferry-App', 'user-service'], ['Ferry-Image', V1], ['Ferry-Previous-Image', V2]])], digest('2'), undefined],
    ['a promotion that replaced it (not a rollback)', [pin('p3', 'promote', 'stage', [['user-service', V3, V2]])], digest('2'), undefined],
    ['who and why not recorded', [rollback(ROLLBACK, 'user-service', V1, V2, [])], digest('2'), { env: 'stage', commit: ROLLBACK, date: '2026-11-24T11:00:00+01:00' }],
  ] as const)('%s', (_name, log, d, expected) => {
    expect(targetRollbacks(log, 'stage')('user-service', d)).toEqual(expected);
  });

  test('the line the plans show', () => {
    expect(rollbackText(NOTE)).toBe('rolled back from in stage by rm at 2026-11-24 10:00:00Z (commit abc123456789): INC-11');
    expect(rollbackText({ env: 'stage', commit: ROLLBACK, date: '2026-11-24T10:00:00Z' })).toBe('rolled back from in stage at 2026-11-24 10:00:00Z (commit abc123456789)');
  });
});

describe('planPromote: a digest rolled back from is a note on its promotion, not a gate', () => {
  const ferryYaml = [`registry: ${REG}`, 'environments:', '  - name: dev', '  - name: stage', '    promoteFrom: dev', '    gates:', '      soak: 30m', 'apps:',
    '  - name: user-service', '    image: user-service', '    manifest: "{env}/user-service/kustomization.yaml"', ''].join('\n');
  const manifest = (tag: string, d: string) => `resources: [../../base/user-service]\nimages:\n  - name: user-service\n    newName: ${REG}/user-service\n    newTag: ${tag}\n    digest: ${d}\n`;
  const files: Record<string, string> = { 'ferry.yaml': ferryYaml, 'dev/user-service/kustomization.yaml': manifest('1.2.0', digest('2')), 'stage/user-service/kustomization.yaml': manifest('1.1.0', digest('1')) };
  const snap = { commit: 'c'.repeat(40), readFile: async (path: string) => files[path] };
  const since = async () => ({ commit: 'a'.repeat(40), date: '2026-11-24T08:00:00Z' });
  const request: PromoteRequest = { from: 'dev', to: 'stage', apps: [], all: true, approvedBy: [] };

  test('the promotion carries the rollback, the gates pass, and it is written', async () => {
    const asked: string[] = [];
    const planned = await planPromote(snap, request, since, NOW, undefined, async (app, d) => (asked.push(`${app}@${d}`), d === digest('2') ? NOTE : undefined));
    expect(asked).toEqual([`user-service@${digest('2')}`]);
    expect(planned.write).toBe(true);
    expect(planned.result.promotions).toEqual([expect.objectContaining({ app: 'user-service', digest: digest('2'), rolledBack: NOTE })]);
    expect(planned.result.gates.map((g) => g.verdict)).toEqual(['pass', 'pass']);
    // (Not in the commit: the rollback is in the history already.)
    if (planned.write) expect(planned.message).not.toContain('INC-11');
  });

  test('none rolled back: no field', async () => {
    const planned = await planPromote(snap, request, since, NOW, undefined, async () => undefined);
    expect(planned.result.promotions[0]).not.toHaveProperty('rolledBack');
  });
});

describe('the job summary and the pull-request body show it with the plan', () => {
  const promotion = { app: 'user-service', image: V2, digest: digest('2'), previousImage: V1, manifest: 'stage/user-service/kustomization.yaml', sourceCommit: 'a'.repeat(40), sourceDate: '2026-11-24T08:00:00Z', diff: '', rolledBack: { ...NOTE, reason: 'INC-11 <p99 | doubled>' } };
  const result = { from: 'dev', to: 'stage', promotions: [promotion], gates: [{ gate: 'blocked' as const, verdict: 'pass' as const, reason: 'no digest is blocked' }] };
  const GH = { repo: 'https://github.com/acme/env' };
  const table = '**Rolled back before**: a rollback in stage moved away from the digest this promotion pins there again\n\n| app | after | rollback |\n| --- | --- | --- |\n'
    + `| user-service | \`1.2.0\` \`sha256:222222222222\` | rolled back from in stage by rm at 2026-11-24 10:00:00Z (commit [\`abc123456789\`](https://github.com/acme/env/commit/${ROLLBACK})): INC-11 &lt;p99 \\| doubled&gt; |`;

  test.each([
    ['summary', () => promoteSummary({ ...result, status: 'succeeded', repo: 'r', branch: 'main', commit: 'c'.repeat(40) }, GH)],
    ['pull-request body', () => promotePullRequestBody(result, GH)],
  ])('%s', (_name, md) => {
    expect(md()).toContain(table);
  });

  test('none rolled back: no table', () => {
    const { rolledBack: _, ...plain } = promotion;
    expect(promoteSummary({ ...result, promotions: [plain], status: 'succeeded', repo: 'r', branch: 'main', commit: 'c'.repeat(40) }, GH)).not.toContain('Rolled back');
  });
});
