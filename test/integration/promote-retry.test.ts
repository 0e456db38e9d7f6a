// ferry promote when another writer lands first (DESIGN.md, "Writing to the environment
// repository": fetch, recompute on the new head, retry). The race is a pre-receive hook that lands
// the other write while the first push waits (race-hook.ts). A retry is bound to the plan made
// first: the same apps, each from the same digest over the same pin, and with analysis gates the
// same templates, files and Prometheus; anything else is refused, nothing written.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';
import { startPrometheus, type PrometheusServer } from '../support/prometheus-server.js';
import { raceOnFirstPush } from '../support/race-hook.js';
import { runPromote } from '../../actions/src/entry/commands/promote.js';
import { ferryOk, hoursAgo, initTemplateRepo, templateImage } from '../support/template-repo.js';

let root: string;
let counter = 0;
let prometheus: PrometheusServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-promote-retry-'));
  // No targets: the templates ask for vector(1), which a real Prometheus answers at once.
  prometheus = await startPrometheus();
});

afterAll(async () => {
  await prometheus?.stop();
  await rm(root, { recursive: true, force: true });
});

async function templateRepo(): Promise<string> {
  return initTemplateRepo(join(root, `env-${++counter}.git`));
}

async function race(repo: string, script: string): Promise<{ log: string }> {
  return raceOnFirstPush(repo, script, join(root, `race-${++counter}`));
}

const short = (app: string, tag: string) => `${tag} (${templateImage(app, tag).split('@')[1]!.slice(0, 19)})`;
const digest = (app: string, tag: string) => templateImage(app, tag).split('@')[1]!;
/** What a refusal says of the commit that changed `path` last: its id, author, requester and subject. */
const changedBy = (repo: string, path: string) => {
  const [id, author, subject, by] = execFileSync('git', ['-C', repo, 'log', '-1', '--format=%H%n%an%n%s%n%(trailers:key=Ferry-Requested-By,valueonly,unfold)', 'main', '--', path]).toString().trim().split('\n') as [string, string, string, string | undefined];
  return `changed by commit ${id.slice(0, 12)} of ${JSON.stringify(author)}${by ? `, requested by ${JSON.stringify(by)}` : ''}: ${JSON.stringify(subject)}`;
};

describe('ferry promote, a retry bound to the plan made first', () => {
  test('stage moves on to another digest while the promotion to prod is written: refused (exit 1), nothing written, saying what changed; the approval and the override given for the plan are not used for another digest', async () => {
    const repo = await templateRepo();
    const [b, c] = [templateImage('user-service', '1.1.0'), templateImage('user-service', '1.2.0')];
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', b, '--requested-by', 'ci'], hoursAgo(5));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--requested-by', 'rm']);
    await race(repo, [
      `"$FERRY" bump --repo ${repo} --env dev --app user-service --image ${c} --requested-by ci2`,
      `"$FERRY" promote --repo ${repo} --from dev --to stage --app user-service --requested-by carol --override soak --reason 'try C in stage'`,
      '',
    ].join('\n'));
    const args = ['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--app', 'user-service', '--requested-by', 'alice', '--approved-by', 'bob', '--override', 'soak', '--reason', 'hotfix B'];
    const r = await ferry([...args, '--json']);
    expect(r.code, r.stderr).toBe(1);
    expect(readRemoteFile(repo, 'stage/user-service/kustomization.yaml')).toContain(digest('user-service', '1.2.0')); // (the other writer landed)
    const { error } = JSON.parse(r.stdout);
    // A refusal, as a rollback whose pin moved is: not a failure of the world to retry blindly (a new run plans again).
    expect(error.kind).toBe('refused');
    expect(error.message).toBe(`the promotion from stage to prod changed since it was planned: user-service: stage pinned ${short('user-service', '1.1.0')} when planned, now ${short('user-service', '1.2.0')} (${changedBy(repo, 'stage/user-service/kustomization.yaml')}); nothing written (the approval and the override were for the plan made first). Look first (ferry status, ferry history); a new run plans again on what is there now`);
    expect(r.stderr).toContain('lost a race');
    expect(readRemoteFile(repo, 'prod/user-service/kustomization.yaml')).not.toContain(digest('user-service', '1.2.0'));
    expect(readRemoteFile(repo, 'prod/user-service/kustomization.yaml')).not.toContain(digest('user-service', '1.1.0'));
  });

  test('--all: an app not in the plan (a rollback of it landed first) is not promoted straight back; refused, nothing written', async () => {
    const repo = await templateRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.1.0')], hoursAgo(5));
    await ferryOk(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service'], hoursAgo(4));
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'order-service', '--image', templateImage('order-service', '2.0.0')], hoursAgo(3));
    await race(repo, `"$FERRY" rollback --repo ${repo} --env stage --app user-service --reason 'errors in stage' --requested-by oncall\n`);
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--all', '--requested-by', 'scheduler']);
    expect(r.code, r.stdout).toBe(1);
    expect(r.stderr).toContain(`ferry promote: the promotion from dev to stage changed since it was planned: user-service: not in the plan, now stage would go from ${short('user-service', '1.0.0')} to ${short('user-service', '1.1.0')}; nothing written. Look first (ferry status, ferry history); a new run plans again on what is there now\n`);
    // The rollback stands; order-service waits for the new run.
    expect(readRemoteFile(repo, 'stage/user-service/kustomization.yaml')).toContain(digest('user-service', '1.0.0'));
    expect(readRemoteFile(repo, 'stage/order-service/kustomization.yaml')).not.toContain(digest('order-service', '2.0.0'));
  });

  test('a retry that finds the promotion done by another writer is skipped (exit 0), as before', async () => {
    const repo = await templateRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.1.0')], hoursAgo(3));
    await race(repo, `"$FERRY" promote --repo ${repo} --from dev --to stage --app user-service --requested-by bob\n`);
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--requested-by', 'alice', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'skipped', commit: remoteHead(repo) });
  });

  test('the approvals read for a plan are not used for another: dev moves on while they are read; the refusal says from what to what', async () => {
    const repo = await templateRepo();
    // The approvals are read for a target with an approvals gate: stage gets one.
    await commitByHand(repo, { 'ferry.yaml': readRemoteFile(repo, 'ferry.yaml')!.replace('      soak: 30m', '      soak: 30m\n      approvals: 1') }, 'stage needs an approval');
    const [d, e] = [templateImage('user-service', '3.1.0'), templateImage('user-service', '3.2.0')];
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', d], hoursAgo(3));
    const head = remoteHead(repo);
    const run = runPromote({
      repo, branch: 'main', from: 'dev', to: 'stage', apps: ['user-service'], all: false, approvedBy: [], requestedBy: 'alice', dryRun: false,
      approvers: async () => {
        await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', e], hoursAgo(2));
        return ['bob'];
      },
    });
    // (The commit named is the bump made while the approvals were read: looked up once it is made.)
    const failed = await run.then(() => undefined, (error: unknown) => error as Error);
    expect(failed?.message).toContain(`the promotion from dev to stage changed since it was planned: user-service: dev pinned ${short('user-service', '3.1.0')} when planned, now ${short('user-service', '3.2.0')} (${changedBy(repo, 'dev/user-service/kustomization.yaml')}); nothing written (the approval was for the plan made first). Look first (ferry status, ferry history); a new run plans again on what is there now`);
    expect(remoteHead(repo)).not.toBe(head); // (the bump)
    expect(readRemoteFile(repo, 'stage/user-service/kustomization.yaml')).not.toContain(e.split('@')[1]);
  });

  test('stopped at a retry (the digest blocked meanwhile): reported at the head it was judged at, where the block is, and at that attempt', async () => {
    const repo = await templateRepo();
    const d = templateImage('user-service', '1.1.0');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', d], hoursAgo(1));
    await race(repo, `"$FERRY" block --repo ${repo} --app user-service --image ${d} --reason 'CVE in 1.1.0' --requested-by sec\n`);
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--override', 'soak', '--reason', 'r', '--json']);
    expect(r.code, r.stderr).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ status: 'stopped', attempts: 2, commit: remoteHead(repo) });
    expect(out.gates).toContainEqual(expect.objectContaining({ gate: 'blocked', verdict: 'fail' }));
    // (The block is in the commit reported: the stop can be looked up there.)
    expect(readRemoteFile(repo, 'blocked.yaml')).toContain(digest('user-service', '1.1.0'));
    expect(readRemoteFile(repo, 'stage/user-service/kustomization.yaml')).not.toContain(digest('user-service', '1.1.0'));
  });

  test('--max-attempts bounds the retries, as bump\'s does', async () => {
    const repo = await templateRepo();
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.1.0')], hoursAgo(3));
    // Another app's bump: the plan stays the same, the push is lost all the same.
    await race(repo, `"$FERRY" bump --repo ${repo} --env dev --app order-service --image ${templateImage('order-service', '2.0.0')}\n`);
    const head = remoteHead(repo);
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--max-attempts', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/after 1 attempt/);
    expect(readRemoteFile(repo, 'stage/user-service/kustomization.yaml')).not.toContain(digest('user-service', '1.1.0'));
    expect(remoteHead(repo)).not.toBe(head);
    const bad = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--max-attempts', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-attempts: expected a whole number from 1 to 1000, found "0"');
    expect((await ferry(['promote', '--help'])).stdout).toContain('--max-attempts <n>         tries when other writers move the branch first\n                             (default: 20)\n');
  });
});

describe('ferry promote with analysis gates, a retry reuses the verdicts only of what they measured', () => {
  const template = (name: string, query = 'vector(1)') => `apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata:\n  name: ${name}\nspec:\n  metrics:\n    - name: ${name}\n      successCondition: result[0] == 1\n      provider:\n        prometheus:\n          address: http://prometheus.monitoring:9090\n          query: ${query}\n`;

  /** A template repo whose stage has `analysis: [quick]`, Prometheus at the test's, and dev's user-service 3h old. */
  async function analysisRepo(): Promise<string> {
    const repo = await templateRepo();
    const config = readRemoteFile(repo, 'ferry.yaml')!.replace('      soak: 30m', '      soak: 30m\n      analysis: [quick]').replace(/^environments:/m, `prometheus:\n  address: ${prometheus.url}\n\nenvironments:`);
    await commitByHand(repo, { 'ferry.yaml': config, 'analysis/quick.yaml': template('quick'), 'analysis/strict.yaml': template('strict', 'vector(0)') }, 'analysis gate');
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.1.0')], hoursAgo(3));
    return repo;
  }

  /** A script for the race: clones `repo`, runs `edit` (bash, in the clone), commits by hand and pushes. */
  const byHand = (repo: string, edit: string) => [
    'W=$(mktemp -d)',
    `git clone -q ${repo} "$W/w"`,
    `cd "$W/w"`,
    edit,
    'git -c user.name=ops -c user.email=ops@example.invalid commit -qam "by hand"',
    'git push -q origin HEAD:main',
    '',
  ].join('\n');

  test('ferry.yaml requires another template while the promotion is written: refused (exit 1), nothing written, naming the change', async () => {
    const repo = await analysisRepo();
    await race(repo, byHand(repo, "sed -i 's/analysis: \\[quick\\]/analysis: [quick, strict]/' ferry.yaml"));
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--json']);
    expect(r.code, r.stderr).toBe(1);
    expect(readRemoteFile(repo, 'ferry.yaml')).toContain('analysis: [quick, strict]'); // (the other writer landed)
    expect(JSON.parse(r.stdout).error.message).toBe('the promotion from dev to stage changed since its analysis ran: the analysis templates stage requires (ferry.yaml): quick → quick, strict; analysis/strict.yaml: read now, not when measured; nothing written (the analysis verdicts were for the plan made first). Look first (ferry status, ferry history); a new run plans again on what is there now');
    expect(readRemoteFile(repo, 'stage/user-service/kustomization.yaml')).not.toContain(digest('user-service', '1.1.0'));
  });

  test('a template file and the Prometheus address change while the promotion is written: refused, both named', async () => {
    const repo = await analysisRepo();
    await race(repo, byHand(repo, `sed -i 's/vector(1)/vector(0)/' analysis/quick.yaml && sed -i 's#address: ${prometheus.url}#address: http://127.0.0.1:1#' ferry.yaml`));
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service']);
    expect(r.code, r.stdout).toBe(1);
    expect(r.stderr).toContain(`ferry promote: the promotion from dev to stage changed since its analysis ran: the Prometheus address: ${prometheus.url} → http://127.0.0.1:1; analysis/quick.yaml changed; nothing written`);
    expect(readRemoteFile(repo, 'stage/user-service/kustomization.yaml')).not.toContain(digest('user-service', '1.1.0'));
  });

  test('dev moves on while the promotion is written: the verdicts measured of one digest are not used for another; the refusal says from what to what', async () => {
    const repo = await analysisRepo();
    await race(repo, `GIT_COMMITTER_DATE=${hoursAgo(2)} "$FERRY" bump --repo ${repo} --env dev --app user-service --image ${templateImage('user-service', '1.2.0')}\n`);
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service']);
    expect(r.code, r.stdout).toBe(1);
    expect(r.stderr).toContain(`ferry promote: the promotion from dev to stage changed since it was planned: user-service: dev pinned ${short('user-service', '1.1.0')} when planned, now ${short('user-service', '1.2.0')} (${changedBy(repo, 'dev/user-service/kustomization.yaml')}); nothing written (the analysis verdicts were for the plan made first)`);
    expect(readRemoteFile(repo, 'stage/user-service/kustomization.yaml')).not.toContain(digest('user-service', '1.2.0'));
  });

  test('an unrelated write lands first (another app\'s bump): the verdicts still stand, the promotion is written on the new head', async () => {
    const repo = await analysisRepo();
    await race(repo, `"$FERRY" bump --repo ${repo} --env dev --app order-service --image ${templateImage('order-service', '2.0.0')}\n`);
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(JSON.parse(r.stdout).gates).toContainEqual({ gate: 'analysis', verdict: 'pass', reason: expect.stringMatching(/^quick: /) });
    expect(readRemoteFile(repo, 'stage/user-service/kustomization.yaml')).toContain(digest('user-service', '1.1.0'));
  });
});
