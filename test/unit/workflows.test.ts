// The workflows Ferry ships (workflows/) and runs (.github/workflows/) are valid (actionlint) and
// keep the project's rules (test/support/workflow-rules.ts): pinned actions, least permissions,
// no script injection, queued env-repo writers. The tables of small workflows show that each rule
// catches what it is for, on the right line, and lets the right things through.
// (Reads the workflow files of this repository; one test runs a step's script with bash on a
// report written to a temp dir, as the runner would.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { FERRY_REPOSITORY, FERRY_WRITERS, actionlint, checkWorkflow, expressionReferences, type WorkflowRule } from '../support/workflow-rules.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FILES = ['workflows', '.github/workflows'].flatMap((dir) =>
  readdirSync(join(ROOT, dir))
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => `${dir}/${name}`),
);
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
/** In Ferry's repository its own actions may be named by release tag (see workflow-rules.ts). */
const IN_FERRY = { firstParty: [FERRY_REPOSITORY] };

const CHECKOUT = 'actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0';
const AWS = 'aws-actions/configure-aws-credentials@a03048d87541d1d9fcf2ecf528a4a65ba9bd7838 # v5.0.0';
const QUEUE = '    concurrency:\n      group: ferry-env-repo-acme/env\n      cancel-in-progress: false\n      queue: max\n';

/** A workflow of one job `job` whose body (indented four spaces) follows runs-on. */
function workflow(body: string, head = 'on: push\npermissions: {}\n'): string {
  return `${head}jobs:\n  job:\n    runs-on: ubuntu-24.04\n${body}`;
}

/** The 1-based line of the first line holding `text`. */
function lineOf(yaml: string, text: string): number {
  const index = yaml.split('\n').findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`fixture has no line with ${JSON.stringify(text)}`);
  return index + 1;
}


/**
 * A workflow step's `run:` script, run as the runner runs one without `shell:` (bash -e), in a
 * directory of its own, with PATH and the variables `env` gives (it may write files into the directory).
 */
function runStep(script: string, env: (dir: string) => Record<string, string>): { code: number | null; stdout: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-step-'));
  try {
    writeFileSync(join(dir, 'step.sh'), script);
    const out = spawnSync('bash', ['-e', join(dir, 'step.sh')], { env: { PATH: process.env.PATH, ...env(dir) }, encoding: 'utf8' });
    return { code: out.status, stdout: out.stdout, stderr: out.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the workflows in this repository', () => {
  test('are the reusable workflows and CI the README documents', () => {
    expect(FILES).toEqual(
      expect.arrayContaining([
        'workflows/app-ci.yml',
        'workflows/promote.yml',
        'workflows/auto-promote.yml',
        'workflows/rollback.yml',
        'workflows/audit.yml',
        '.github/workflows/ci.yml',
      ]),
    );
  });

  test.each(FILES)('%s passes actionlint', async (file) => {
    expect(await actionlint(read(file), file)).toEqual([]);
  });

  test.each(FILES)('%s breaks no project rule', (file) => {
    expect(checkWorkflow(read(file), file, IN_FERRY)).toEqual([]);
  });

  test.each(FILES.filter((f) => f.startsWith('workflows/')))('%s, copied out of Ferry, has every Ferry action reported until pinned by SHA', (file) => {
    const text = read(file);
    const ferryUses = text.split('\n').filter((line) => line.includes(`uses: ${FERRY_REPOSITORY}/`)).length;
    expect(ferryUses).toBeGreaterThan(0);
    const found = checkWorkflow(text, file);
    expect(found.map((v) => v.rule)).toEqual(Array(ferryUses).fill('unpinned-uses'));
  });

  test.each([
    ['workflows/app-ci.yml', ['workflow_call']],
    ['workflows/promote.yml', ['workflow_dispatch', 'workflow_call']],
    ['workflows/auto-promote.yml', ['schedule', 'workflow_dispatch', 'workflow_call']],
    ['workflows/rollback.yml', ['workflow_dispatch', 'workflow_call']],
    ['workflows/audit.yml', ['schedule', 'workflow_dispatch', 'workflow_call']],
  ])('%s is started by %j', (file, triggers) => {
    expect(Object.keys(parse(read(file)).on)).toEqual(triggers);
  });

  test.each([
    ['workflows/promote.yml', 'approve', '${{ inputs.to }}', 'promote'],
    ['workflows/auto-promote.yml', 'approve', '${{ needs.plan.outputs.to }}', 'promote'],
    ['workflows/rollback.yml', 'approve', '${{ inputs.env }}', 'rollback'],
  ])('%s: job %s runs in the GitHub Environment of the target (%s), so its reviewers approve before %s writes', (file, job, environment, writer) => {
    const { jobs } = parse(read(file));
    expect(jobs[job].environment).toBe(environment);
    expect([jobs[writer].needs].flat()).toContain(job);
    // The writer asks for no more than the approval job: it runs when the approval job ran and passed.
    expect(jobs[writer].if).toBe(jobs[job].if);
  });

  // A job waiting for an Environment's reviewers holds its concurrency group: a promotion waiting
  // hours for review must not queue the env repo's other writers (an on-call rollback) behind it.
  test.each(FILES)('%s: no job in a GitHub Environment holds a writer\'s concurrency group, and every writer needs the approval', (file) => {
    const doc = parse(read(file));
    const jobs: Record<string, { environment?: unknown; concurrency?: string | { group?: string }; needs?: string | string[]; steps?: Array<{ uses?: string; with?: Record<string, unknown> }> }> = doc.jobs;
    const group = (c: string | { group?: string } | undefined) => (typeof c === 'string' ? c : c?.group);
    const writes = (job: (typeof jobs)[string]) =>
      (job.steps ?? []).some((s) => {
        // A sub-action (`…/actions/<command>`), or the umbrella action with `command:`.
        const command = s.uses?.match(/(?:^|\/)actions\/([a-z-]+)(?:@|$)/)?.[1] ?? String(s.with?.command ?? '');
        return FERRY_WRITERS.has(command) && s.with?.['dry-run'] !== true;
      });
    const writers = Object.entries(jobs).filter(([, job]) => writes(job));
    const gated = Object.entries(jobs).filter(([, job]) => job.environment !== undefined);
    const writerGroups = new Set(writers.map(([, job]) => group(job.concurrency)).filter(Boolean));
    // A workflow-level group is held by the whole run, its waiting jobs too.
    if (writers.length && gated.length) expect(doc.concurrency, `${file}: a run that waits for approval holds its writers' group`).toBeUndefined();
    for (const [name, job] of gated) {
      expect(writes(job), `${file}: job ${name} is in an Environment and writes`).toBe(false);
      expect(job.concurrency === undefined || !writerGroups.has(group(job.concurrency)), `${file}: job ${name} waits for approval in a writer's group`).toBe(true);
    }
    for (const [name, job] of writers) {
      for (const [approval] of gated) expect([job.needs ?? []].flat(), `${file}: writer ${name} does not wait for ${approval}`).toContain(approval);
    }
  });

  test('the promote and rollback workflows each have one job in the Environment, apart from the writer', () => {
    for (const [file, writer] of [['workflows/promote.yml', 'promote'], ['workflows/auto-promote.yml', 'promote'], ['workflows/rollback.yml', 'rollback']] as const) {
      const { jobs } = parse(read(file));
      expect(Object.keys(jobs).filter((name) => jobs[name].environment !== undefined)).toEqual(['approve']);
      expect(jobs.approve.concurrency).toBeUndefined();
      expect(jobs[writer].environment).toBeUndefined();
      expect(jobs[writer].concurrency.group).toMatch(/^ferry-env-repo-/);
    }
  });

  test.each([
    ['workflows/app-ci.yml', 'bump'],
    ['workflows/promote.yml', 'promote'],
    ['workflows/auto-promote.yml', 'promote'],
  ])('%s: the writing step of job %s passes `mode` through', (file, job) => {
    const steps: Array<{ uses?: string; with?: Record<string, unknown> }> = parse(read(file)).jobs[job].steps;
    const writer = steps.find((s) => s.uses?.startsWith(`${FERRY_REPOSITORY}/actions/`));
    expect(writer?.with?.mode).toBe('${{ inputs.mode }}');
  });

  test('app-ci bumps with the digest docker/build-push-action produced', () => {
    const { jobs } = parse(read('workflows/app-ci.yml'));
    expect(jobs.build.outputs.image).toMatch(/@\$\{\{ steps\.build\.outputs\.digest \}\}$/);
    expect(jobs.build.steps.find((s: { id?: string }) => s.id === 'build').uses).toMatch(/^docker\/build-push-action@[0-9a-f]{40}$/);
    expect(jobs.bump.steps[0].with.image).toBe('${{ needs.build.outputs.image }}');
  });

  test('auto-promote plans with a dry run and promotes only on a pass', () => {
    const { jobs } = parse(read('workflows/auto-promote.yml'));
    expect(jobs.plan.steps[0].with['dry-run']).toBe(true);
    expect(jobs.promote.needs).toEqual(['plan', 'approve']);
    expect(jobs.approve.needs).toBe('plan');
    expect(jobs.promote.if).toBe("needs.plan.outputs.verdict == 'pass' && needs.plan.outputs.status != 'skipped' && needs.plan.outputs.plan != ''");
  });

  // The step "The gates could decide", run as the runner runs a `run:` step without `shell:`
  // (bash -e) on a plan report: a gate that has not passed yet ends the run green; one that could
  // not decide fails it.
  describe('auto-promote: the step "The gates could decide"', () => {
    const step = parse(read('workflows/auto-promote.yml')).jobs.plan.steps.find((s: { name?: string }) => s.name === 'The gates could decide');
    const run = (status: string, gates: Array<{ gate: string; verdict: string; reason: string; notRun?: boolean }> | undefined, verdict = 'stopped') =>
      runStep(step.run, (dir) => {
        const report = join(dir, 'promote.json');
        if (gates) writeFileSync(report, JSON.stringify({ status, gates }));
        return { STATUS: status, VERDICT: verdict, TO: 'prod', REPORT: report };
      });
    const SOAK_PASS = { gate: 'soak', verdict: 'pass', reason: '5h25s>=30m' };

    test('runs on every verdict but pass', () => {
      expect(step.if).toBe("steps.plan.outputs.verdict != 'pass'");
      expect(step.env).toEqual({ STATUS: '${{ steps.plan.outputs.status }}', VERDICT: '${{ steps.plan.outputs.verdict }}', TO: '${{ inputs.to || \'stage\' }}', REPORT: '${{ steps.plan.outputs.report }}' });
    });

    // A dry run that only its approvals stop (the promote action: status planned, verdict
    // awaiting-approval): auto-promote asks no reviewer, so nothing moves; a notice says where
    // such an environment is promoted. Not a failure: no gate failed or could not decide.
    test('a plan awaiting its approvals leaves the run green, with a notice naming promote.yml', () => {
      const gates = [SOAK_PASS, { gate: 'approvals', verdict: 'fail', reason: '0/1' }, { gate: 'analysis', verdict: 'error', reason: 'not run: approvals did not pass', notRun: true }];
      const { code, stdout } = run('planned', gates, 'awaiting-approval');
      expect(code).toBe(0);
      expect(stdout).toBe("::notice::no promotion: prod's approvals gate waits for a reviewer's approval, which auto-promote does not ask for; promote into prod with promote.yml, whose reviewers approve it\n");
      // (Its report read all the same: a gate that could not decide fails the run.)
      expect(run('planned', [...gates, { gate: 'freeze', verdict: 'error', reason: 'unknown time zone' }], 'awaiting-approval')).toMatchObject({ code: 1, stdout: expect.stringContaining('(freeze error)') });
    });

    test.each([
      ['an analysis that matched no series', { gate: 'analysis', verdict: 'inconclusive', reason: 'http-success-rate: http-success-rate Inconclusive 1/3 1 inconclusive last empty' }, 'analysis inconclusive'],
      ['a value between the pass and fail thresholds', { gate: 'compare', verdict: 'inconclusive', reason: 'p95 0.41 between 0.3 and 0.5' }, 'compare inconclusive'],
      ['Prometheus unreachable', { gate: 'analysis', verdict: 'error', reason: 'connect ECONNREFUSED 127.0.0.1:9090' }, 'analysis error'],
    ])('a plan stopped by %s fails the run, naming the gate', (_name, gate, named) => {
      const { code, stdout } = run('stopped', [SOAK_PASS, gate]);
      expect(code).toBe(1);
      expect(stdout).toMatch(/^::error::no promotion: the plan's status is stopped/);
      expect(stdout).toContain(`a gate could not decide, or a measured one failed (${named})`);
    });

    // A measured gate that failed decided: the source's version is worse by its metrics, and no
    // later run promotes it; someone is to block it or roll it back (or override).
    test.each([
      ['an analysis that failed', { gate: 'analysis', verdict: 'fail', reason: 'http-success-rate: http-success-rate Failed 3/3' }, 'analysis fail'],
      ['a comparison that failed', { gate: 'compare', verdict: 'fail', reason: 'p95 0.62 > 0.5' }, 'compare fail'],
    ])('a plan stopped by %s fails the run, naming the gate', (_name, gate, named) => {
      const { code, stdout } = run('stopped', [SOAK_PASS, gate]);
      expect(code).toBe(1);
      expect(stdout).toContain(`(${named})`);
    });

    test.each([
      ['a soak still running', 'stopped', [{ gate: 'soak', verdict: 'fail', reason: '10m<30m' }]],
      // (promote measures nothing while another gate stops it: its measured gates are errors not run)
      ['a soak still running, the analysis not run', 'stopped', [{ gate: 'soak', verdict: 'fail', reason: '10m<30m' }, { gate: 'analysis', verdict: 'error', reason: 'not run: soak did not pass', notRun: true }]],
      ['a freeze window', 'stopped', [SOAK_PASS, { gate: 'freeze', verdict: 'fail', reason: 'frozen Fri 16:00 to Mon 08:00 UTC, now Sat 2026-11-28 10:00' }]],
      ['nothing to promote', 'skipped', [SOAK_PASS]],
    ])('%s leaves the run green', (_name, status, gates) => {
      expect(run(status, gates)).toMatchObject({ code: 0, stdout: '' });
    });

    test('a report that cannot be read, or a plan that could not be made, fails the run', () => {
      expect(run('stopped', undefined)).toMatchObject({ code: 1, stdout: expect.stringContaining('(the plan report cannot be read)') });
      expect(run('failed', [])).toMatchObject({ code: 1, stdout: expect.stringContaining("the plan's status is failed") });
    });
  });

  // The step after it: a plan that promotes nothing because every app that would change is left
  // out (its digest blocked, or its pin never deployed in the target or the source) fails the run, naming each
  // app and why it is left out; nothing left out (nothing to promote) leaves the run green.
  describe('auto-promote: the step on a plan whose every change is left out', () => {
    const step = parse(read('workflows/auto-promote.yml')).jobs.plan.steps.find((s: { if?: string }) => s.if === "steps.plan.outputs.status == 'skipped'");
    const run = (leftOut: Array<{ app: string; kind: string }> | undefined) =>
      runStep(step.run, (dir) => {
        const report = join(dir, 'promote.json');
        if (leftOut) writeFileSync(report, JSON.stringify({ status: 'skipped', promotions: [], ...(leftOut.length ? { leftOut } : {}) }));
        return { REPORT: report };
      });

    test('every app left out, blocked or never deployed (in the target or the source): the run fails, each app named with its kind', () => {
      const { code, stdout } = run([{ app: 'user-service', kind: 'blocked' }, { app: 'order-service', kind: 'undeployed' }, { app: 'cart-service', kind: 'source-undeployed' }]);
      expect(code).toBe(1);
      expect(stdout).toBe('::error::no promotion: every app that would change is left out, its digest blocked, or its pin never deployed in the target or in the source: user-service (blocked), order-service (undeployed), cart-service (source-undeployed); the plan step says why\n');
    });

    test('nothing left out (nothing to promote) leaves the run green; a report that cannot be read fails it', () => {
      expect(run([])).toMatchObject({ code: 0, stdout: '' });
      expect(run(undefined)).toMatchObject({ code: 1, stdout: expect.stringContaining('(the plan report cannot be read)') });
    });
  });

  test.each(['workflows/promote.yml', 'workflows/auto-promote.yml'])('%s: the promote job writes the plan the plan job made (expect), or nothing; a plan too long to pass on stops the run', (file) => {
    const { jobs } = parse(read(file));
    const planStep = jobs.plan.steps.find((s: { id?: string }) => s.id === 'plan');
    expect(planStep.with['dry-run']).toBe(true);
    expect(jobs.plan.outputs.plan).toBe('${{ steps.plan.outputs.plan }}');
    const promote = jobs.promote.steps.find((s: { id?: string }) => s.id === 'promote');
    expect(promote.with.expect).toBe('${{ needs.plan.outputs.plan }}');
    // An empty plan (an output GitHub dropped) binds nothing: the promote job does not run.
    expect(jobs.promote.if).toMatch(/ && needs\.plan\.outputs\.plan != ''$/);
    // The same apps asked for in both jobs.
    for (const input of ['apps', 'all']) expect(promote.with[input]).toBe(planStep.with[input]);
    const guard = jobs.plan.steps.find((s: { name?: string }) => s.name === 'The plan can be passed on');
    expect(guard.if).toMatch(/steps\.plan\.outputs\.status == 'planned'.*steps\.plan\.outputs\.plan == ''$/);
    expect(guard.run).toMatch(/exit 1\n$/);
  });

  // The step "Only the approvals wait" of promote.yml's plan job, run as the runner runs it on a
  // plan report: a review passes the approvals gate and nothing else, so a plan stopped by another
  // gate fails the plan job (no reviewer is asked to approve what the promote job would stop).
  describe('promote: the plan job asks for a review only when approvals is all that stops the plan', () => {
    const { jobs } = parse(read('workflows/promote.yml'));
    const steps: Array<{ id?: string; name?: string; if?: string; env?: Record<string, string>; run?: string }> = jobs.plan.steps;
    const step = steps.find((s) => s.name === 'Only the approvals wait');
    type Gate = { gate: string; verdict: string; reason: string; notRun?: boolean };
    const run = (gates: Gate[] | undefined, override = '', status = 'stopped') =>
      runStep(step!.run!, (dir) => {
        const report = join(dir, 'promote.json');
        if (gates) writeFileSync(report, JSON.stringify({ status, gates }));
        return { REPORT: report, OVERRIDE: override };
      });
    const SOAK_PASS = { gate: 'soak', verdict: 'pass', reason: '5h25s>=2h' };
    const APPROVALS_0 = { gate: 'approvals', verdict: 'fail', reason: 'approvals: 0/1' };

    // (A plan that only its approvals stop is not stopped: the action says it awaits approval. The
    // step reads its report all the same.)
    test('runs on a stopped plan, and on one awaiting approval, after it, reading its report and the override input', () => {
      expect(step?.if).toBe("steps.plan.outputs.status == 'stopped' || steps.plan.outputs.verdict == 'awaiting-approval'");
      expect(step?.env).toEqual({ REPORT: '${{ steps.plan.outputs.report }}', OVERRIDE: '${{ inputs.override }}' });
      expect(steps.findIndex((s) => s === step)).toBeGreaterThan(steps.findIndex((s) => s.id === 'plan'));
    });

    // The approve and promote jobs name no status function in their `if`: GitHub then adds
    // success(), and a failed plan job asks no reviewer.
    test.each(['approve', 'promote'])('job %s runs only after a plan job that succeeded', (job) => {
      expect(jobs[job].needs === 'plan' || jobs[job].needs.includes('plan')).toBe(true);
      expect(jobs[job].if).not.toMatch(/\b(always|failure|cancelled|success)\(/);
    });

    test.each([
      // The reviewer's repro: stage ahead of prod by an image promoted a second ago.
      ['a soak still running', [{ gate: 'soak', verdict: 'fail', reason: 'soak: 1s<2h' }, APPROVALS_0], '', 'soak fail'],
      ['a freeze window', [SOAK_PASS, { gate: 'freeze', verdict: 'fail', reason: 'frozen Fri 16:00 to Mon 08:00 UTC' }, APPROVALS_0], '', 'freeze fail'],
      ['a blocked digest', [SOAK_PASS, { gate: 'blocked', verdict: 'fail', reason: 'user-service@sha256:1a2b3c4d5e6f by alice: CVE' }, APPROVALS_0], '', 'blocked fail'],
      ['a blocked digest, override naming it', [SOAK_PASS, { gate: 'blocked', verdict: 'fail', reason: 'user-service@sha256:1a2b3c4d5e6f: CVE' }, APPROVALS_0], 'blocked', 'blocked fail'],
      ['an analysis that failed', [SOAK_PASS, { gate: 'analysis', verdict: 'fail', reason: 'http-success-rate Failed 3/3' }, APPROVALS_0], '', 'analysis fail'],
      ['an analysis that could not decide', [SOAK_PASS, { gate: 'analysis', verdict: 'inconclusive', reason: 'no series' }, APPROVALS_0], '', 'analysis inconclusive'],
      ['Prometheus unreachable', [SOAK_PASS, { gate: 'compare', verdict: 'error', reason: 'connect ECONNREFUSED 127.0.0.1:9090' }], '', 'compare error'],
      ['a soak still running, override naming another gate', [{ gate: 'soak', verdict: 'fail', reason: '1s<2h' }, { gate: 'freeze', verdict: 'fail', reason: 'frozen' }, APPROVALS_0], 'freeze', 'soak fail'],
    ])('a plan stopped by %s fails the plan job, naming the gate and pointing to the summary', (_name, gates, override, named) => {
      const { code, stdout } = run(gates, override);
      expect(code).toBe(1);
      expect(stdout).toMatch(/^::error::no reviewer is asked: the plan is stopped by more than its approvals \(.*\), and an approval would not let it through; this job's summary has every gate's verdict with its numbers$/m);
      expect(stdout).toContain(named);
      expect(stdout).not.toContain('approvals fail');
    });

    test.each([
      ['its approvals alone', [SOAK_PASS, APPROVALS_0], ''],
      ['its approvals, the measured gates not run because of them', [SOAK_PASS, APPROVALS_0, { gate: 'analysis', verdict: 'error', reason: 'not run: approvals did not pass', notRun: true }], ''],
      ['its approvals and the gate override names', [{ gate: 'soak', verdict: 'fail', reason: '1s<2h' }, APPROVALS_0], 'soak'],
      ['the gate override names alone', [{ gate: 'freeze', verdict: 'fail', reason: 'frozen' }], 'freeze'],
    ])('a plan stopped by %s goes on to the reviewers', (_name, gates, override) => {
      expect(run(gates, override)).toMatchObject({ code: 0, stdout: '' });
      // As the action reports it: planned, awaiting approval.
      expect(run(gates, override, 'planned')).toMatchObject({ code: 0, stdout: '' });
    });

    test('a report that cannot be read fails the plan job', () => {
      expect(run(undefined)).toMatchObject({ code: 1, stdout: expect.stringContaining('(the plan report cannot be read)') });
    });
  });

  // GitHub marks the approve job's deployment (in the workflow's repository) successful once
  // approved; what the writer did is recorded by the writer itself, in the env repo, after it.
  test.each(['workflows/promote.yml', 'workflows/auto-promote.yml'])('%s: the promote job records its outcome as deployments (but for a pull request)', (file) => {
    const { jobs } = parse(read(file));
    const promote = jobs.promote.steps.find((s: { id?: string }) => s.id === 'promote');
    expect(promote.with.deployments).toBe("${{ inputs.mode != 'pull-request' }}");
    expect(jobs.promote.permissions.deployments).toBe('write');
  });

  describe('rollback: a plan first; a dry run ends there', () => {
    const { on, jobs } = parse(read('workflows/rollback.yml'));
    const plan = jobs.plan?.steps.find((s: { id?: string }) => s.id === 'plan');
    const write = jobs.rollback.steps.find((s: { id?: string }) => s.id === 'rollback');

    test('the plan job is a dry run of the same rollback, before any reviewer is asked', () => {
      expect(plan?.uses).toBe(write.uses);
      expect(plan.with['dry-run']).toBe(true);
      // (The same inputs but deployments, which a dry run would not record: the writer's alone;
      // and what to go back to and from, which the writer takes from the plan.)
      const bound = { to: undefined, steps: undefined, from: undefined, 'dry-run': undefined };
      expect({ ...plan.with, ...bound }).toEqual({ ...write.with, ...bound, deployments: undefined });
      expect(plan.with).toMatchObject({ to: '${{ inputs.to }}', steps: "${{ inputs.to == '' && inputs.steps || '' }}", from: '${{ inputs.from }}' });
      expect(jobs.plan.environment).toBeUndefined();
      expect(jobs.plan.permissions).toEqual({ contents: 'read' });
      expect(jobs.approve.needs).toBe('plan');
    });

    // A dry run in the approve job waited for a reviewer to preview, and GitHub recorded a successful deployment.
    test('a dry run asks no reviewer and records no deployment; the writer only writes', () => {
      expect(jobs.approve.if).toMatch(/^\$\{\{ !inputs\.dry-run && /);
      expect(jobs.rollback.if).toBe(jobs.approve.if);
      expect(write.with['dry-run']).toBeUndefined();
    });

    // As in promote.yml: the approve job's deployment says success once approved; the writer
    // records what it did (success on the commit written, or failure), after it.
    test('the rollback job records its outcome as a deployment; the plan job none', () => {
      expect(write.with.deployments).toBe(true);
      expect(jobs.rollback.permissions.deployments).toBe('write');
      expect(plan.with.deployments).toBeUndefined();
      expect(jobs.plan.permissions.deployments).toBeUndefined();
    });

    test('the workflow outputs are the plan\'s on a dry run, else the rollback\'s', () => {
      expect(on.workflow_call.outputs.status.value).toBe('${{ inputs.dry-run && jobs.plan.outputs.status || jobs.rollback.outputs.status }}');
      expect(on.workflow_call.outputs.commit.value).toBe('${{ inputs.dry-run && jobs.plan.outputs.commit || jobs.rollback.outputs.commit }}');
      expect(jobs.plan?.outputs).toMatchObject({ status: '${{ steps.plan.outputs.status }}', commit: '${{ steps.plan.outputs.commit }}' });
    });

    // A bump or a promotion landing while the reviewers read the plan made the writer, counting
    // `steps` again from what was pinned by then, roll back from (and block) another image than
    // the plan showed. It is given the commit of the plan's pin and the digest the plan rolls back
    // from (not the image: its registry host may hold an AWS account id secret's value, and GitHub
    // drops a job output that does).
    test('the rollback job writes the plan the plan job made (to and from), or nothing', () => {
      // (`from` by digest: the image pinned may be no image of the app, a hotfix pinned by hand,
      // which `from` as an image reference refuses.)
      expect(jobs.plan.outputs).toMatchObject({ image: '${{ steps.plan.outputs.image }}', 'to-commit': '${{ steps.plan.outputs.to-commit }}', 'previous-digest': '${{ steps.plan.outputs.previous-digest }}' });
      expect(jobs.rollback.needs).toEqual(['plan', 'approve']);
      expect(write.with.to).toBe('${{ needs.plan.outputs.to-commit }}');
      expect(write.with.from).toBe('${{ needs.plan.outputs.previous-digest }}');
      expect(write.with).not.toHaveProperty('steps');
      expect(write.with).toMatchObject({ block: '${{ inputs.block }}', reason: '${{ inputs.reason }}' });
      // An empty output (one GitHub dropped, taking it for a secret) binds nothing: no reviewer
      // is asked, and the rollback job does not run (with an empty `to` it would count `steps`).
      for (const job of ['approve', 'rollback']) {
        expect(jobs[job].if).toBe("${{ !inputs.dry-run && needs.plan.outputs.to-commit != '' && needs.plan.outputs.previous-digest != '' }}");
      }
    });

    // Then the run ended green with nothing rolled back: a job fails it, naming the output.
    describe('an output the rollback needs dropped: the handoff job fails the run, naming it', () => {
      const step = jobs.handoff.steps.find((s: { name?: string }) => s.name === "The plan's outputs reached the later jobs");
      const run = (toCommit: string, previousDigest: string) => runStep(step.run, () => ({ TO_COMMIT: toCommit, PREVIOUS_DIGEST: previousDigest }));

      test('it runs after the plan, not on a dry run, when an output is empty; in no Environment, with no permission', () => {
        expect(jobs.handoff).toMatchObject({ needs: 'plan', permissions: {} });
        expect(jobs.handoff.environment).toBeUndefined();
        expect(jobs.handoff.if).toBe("${{ !inputs.dry-run && (needs.plan.outputs.to-commit == '' || needs.plan.outputs.previous-digest == '') }}");
        expect(step.env).toEqual({ TO_COMMIT: '${{ needs.plan.outputs.to-commit }}', PREVIOUS_DIGEST: '${{ needs.plan.outputs.previous-digest }}' });
      });

      test.each([
        ['', 'sha256:abc', 'to-commit'],
        ['0123456789abcdef0123456789abcdef01234567', '', 'previous-digest'],
        ['', '', 'to-commit and previous-digest'],
      ])('to-commit %j, previous-digest %j: exit 1, naming %s and a secret as the likely cause', (toCommit, previousDigest, named) => {
        const r = run(toCommit, previousDigest);
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(new RegExp(`^::error::the plan job's output ${named} reached the later jobs empty, so no reviewer was asked and nothing was rolled back: GitHub drops a job output it takes for a secret, one whose value appears in it`));
        expect(r.stdout.trim().split('\n')).toHaveLength(1);
      });

      test('both given: exit 0, nothing said', () => {
        expect(run('0123456789abcdef0123456789abcdef01234567', 'sha256:abc')).toMatchObject({ code: 0, stdout: '' });
      });
    });

    // The refusal of a rollback bound to the plan speaks as the CLI does (`as --from says`, `Run
    // without --from, …`): the user gave no `from`, and a new run with `steps` would count back
    // from what is pinned now, maybe to the bad image.
    test('the rollback step fails: a last step says the run was bound to the plan approved, and to name `to` in a new run', () => {
      const bound = jobs.rollback.steps.at(-1);
      expect(bound).toMatchObject({ name: 'Bound to the plan approved', if: "${{ failure() && steps.rollback.outcome == 'failure' }}" });
      const commit = '0123456789abcdef0123456789abcdef01234567';
      const r = runStep(bound.run, () => ({ IMAGE: 'reg/app:1.1.0@sha256:aaa', TO_COMMIT: commit, PREVIOUS_DIGEST: 'sha256:bbb' }));
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^::error::nothing was rolled back: this run was bound to the plan the reviewers approved, from the image pinned when it was planned \\(sha256:bbb\\) to reg/app:1\\.1\\.0@sha256:aaa pinned by commit ${commit}, .*what changed, or what failed, is in the step above\\. A new run plans anew from what is pinned now, .*name the image to go back to with \`to\``));
      // The image dropped by GitHub (a secret's value in its registry host): the commit still names it.
      expect(runStep(bound.run, () => ({ IMAGE: '', TO_COMMIT: commit, PREVIOUS_DIGEST: 'sha256:bbb' })).stdout).toContain(`(sha256:bbb) to the image pinned by commit ${commit}, written`);
    });
  });

  test('promote passes only the approvers GitHub recorded for the run, never an input', () => {
    const { on, jobs } = parse(read('workflows/promote.yml'));
    expect(Object.keys(on.workflow_dispatch.inputs)).not.toContain('approved-by');
    expect(Object.keys(on.workflow_call.inputs)).not.toContain('approved-by');
    const step = (id: string) => jobs.promote.steps.find((s: { id?: string }) => s.id === id);
    expect(step('promote').with['approved-by']).toBe('${{ steps.approvals.outputs.approved-by }}');
    expect(step('approvals').run).toContain('actions/runs/$GITHUB_RUN_ID/approvals');
  });

  // "Re-run failed jobs" runs the writer again but not the approve job that succeeded: the writer
  // would write on an approval given for an earlier attempt, whose plan may have been undone since.
  describe.each([
    ['workflows/promote.yml', 'promote'],
    ['workflows/auto-promote.yml', 'promote'],
    ['workflows/rollback.yml', 'rollback'],
  ])('%s: the %s job writes only on an approval of its own attempt', (file, writer) => {
    const { jobs } = parse(read(file));
    const guard = jobs[writer].steps[0];
    const runGuard = (approved: string, attempt: string) => runStep(guard.run, () => ({ APPROVED_ATTEMPT: approved, GITHUB_RUN_ATTEMPT: attempt }));

    test('the approve job outputs the attempt it ran in; the writer checks it first', () => {
      expect(jobs.approve.outputs).toEqual({ attempt: '${{ steps.approved.outputs.attempt }}' });
      const approved = jobs.approve.steps.find((s: { id?: string }) => s.id === 'approved');
      expect(approved.run).toContain('echo "attempt=$GITHUB_RUN_ATTEMPT" >> "$GITHUB_OUTPUT"');
      expect(guard.name).toBe('Approved in this attempt');
      expect(guard.env).toEqual({ APPROVED_ATTEMPT: '${{ needs.approve.outputs.attempt }}' });
    });

    test.each([['1', '1', 0], ['2', '2', 0], ['1', '2', 1], ['', '1', 1]])('approved in attempt %j, run in attempt %j: exit %i', (approved, attempt, code) => {
      const r = runGuard(approved, attempt);
      expect(r.code).toBe(code);
      if (code) expect(r.stdout).toMatch(/^::error::the approval was given in attempt .* of this run, and this is attempt \d+ \(a re-run of failed jobs asks no reviewer again\): re-run all jobs, or start a new run$/m);
    });
  });

  test('audit uploads the JSON report even when the audit step fails', () => {
    const steps: Array<{ uses?: string; if?: string; with?: Record<string, unknown> }> = parse(read('workflows/audit.yml')).jobs.audit.steps;
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.if).toBe('${{ !cancelled() }}');
    expect(upload?.with?.path).toBe(steps[0]?.with?.['report-path']);
    expect(steps[0]?.with?.format).toBe('json');
  });
});

// Each workflow breaks one rule, once; `at` is the text of the line the finding points to.
const BAD: Array<[string, string, Array<[WorkflowRule, string]>]> = [
  ['an action by tag', workflow(`    permissions: {}\n    steps:\n      - uses: actions/checkout@v5\n`), [['unpinned-uses', 'actions/checkout@v5']]],
  ['an action by short SHA', workflow(`    permissions: {}\n    steps:\n      - uses: actions/checkout@08c6903 # v5.0.0\n`), [['unpinned-uses', 'checkout@08c6903']]],
  ['an action without a ref', workflow(`    permissions: {}\n    steps:\n      - uses: acme/tool\n`), [['unpinned-uses', 'acme/tool']]],
  ['Ferry by branch, even in Ferry', workflow(`    permissions: {}\n    steps:\n      - uses: ${FERRY_REPOSITORY}/actions/status@main\n`), [['unpinned-uses', 'status@main']]],
  ['a docker image by tag', workflow(`    permissions: {}\n    steps:\n      - uses: docker://alpine:3.20\n`), [['unpinned-uses', 'docker://alpine']]],
  [
    'a reusable workflow by branch',
    'on: push\npermissions: {}\njobs:\n  call:\n    permissions: {}\n    uses: acme/platform/.github/workflows/ci.yml@main\n',
    [['unpinned-uses', 'acme/platform']],
  ],
  ['a SHA without its version', workflow(`    permissions: {}\n    steps:\n      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8\n`), [['pin-without-version', 'actions/checkout@']]],
  ['no top-level permissions', workflow(`    permissions: {}\n    steps:\n      - run: echo hi\n`, 'on: push\n'), [['permissions-missing', 'on: push']]],
  ['a job without permissions', workflow(`    steps:\n      - run: echo hi\n`), [['permissions-missing', '  job:']]],
  ['top-level grants', workflow(`    permissions: {}\n    steps:\n      - run: echo hi\n`, 'on: push\npermissions:\n  contents: read\n'), [['permissions-broad', 'permissions:']]],
  ['a job with write-all', workflow(`    permissions: write-all\n    steps:\n      - run: echo hi\n`), [['permissions-broad', 'write-all']]],
  [
    'id-token without AWS',
    workflow(`    permissions:\n      contents: read\n      id-token: write\n    steps:\n      - uses: ${CHECKOUT}\n`),
    [['id-token-without-aws', 'id-token: write']],
  ],
  ['github.event in run', workflow(`    permissions: {}\n    steps:\n      - run: echo "\${{ github.event.pull_request.title }}"\n`), [['untrusted-in-run', 'github.event']]],
  ["github.event['…'] in run", workflow(`    permissions: {}\n    steps:\n      - run: echo "\${{ github.event['pull_request']['title'] }}"\n`), [['untrusted-in-run', 'github.event']]],
  ['github.head_ref in run', workflow(`    permissions: {}\n    steps:\n      - run: git checkout \${{ github.head_ref }}\n`), [['untrusted-in-run', 'head_ref']]],
  [
    'inputs in a function in a block script',
    workflow(`    permissions: {}\n    steps:\n      - run: |\n          set -e\n          echo \${{ format('{0}', inputs.app) }}\n`, 'on:\n  workflow_dispatch:\n    inputs:\n      app: { type: string }\npermissions: {}\n'),
    [['untrusted-in-run', 'format(']],
  ],
  [
    'a step output in run',
    workflow(`    permissions: {}\n    steps:\n      - id: x\n        run: echo "y=1" >> "$GITHUB_OUTPUT"\n      - run: echo \${{ steps.x.outputs.y }}\n`),
    [['untrusted-in-run', 'steps.x.outputs.y']],
  ],
  [
    "another job's output in run",
    'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    permissions: {}\n    outputs:\n      b: x\n    steps:\n      - run: echo\n  job:\n    needs: a\n    runs-on: ubuntu-24.04\n    permissions: {}\n    steps:\n      - run: echo ${{ needs.a.outputs.b }}\n',
    [['untrusted-in-run', 'needs.a.outputs.b']],
  ],
  ['a secret in run', workflow(`    permissions: {}\n    steps:\n      - run: ./deploy --token "\${{ secrets.TOKEN }}"\n`), [['untrusted-in-run', 'secrets.TOKEN']]],
  [
    'github.event in github-script',
    workflow(
      `    permissions: {}\n    steps:\n      - uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea # v7.0.1\n        with:\n          script: console.log("\${{ github.event.issue.title }}")\n`,
    ),
    [['untrusted-in-run', 'script:']],
  ],
  ['pull_request_target', workflow(`    permissions: {}\n    steps:\n      - run: echo hi\n`, 'on:\n  pull_request_target:\n    types: [opened]\npermissions: {}\n'), [['pull-request-target', 'pull_request_target']]],
  ['pull_request_target in a list', workflow(`    permissions: {}\n    steps:\n      - run: echo hi\n`, 'on: [push, pull_request_target]\npermissions: {}\n'), [['pull-request-target', 'on: [push']]],
  ['a writer without a group', workflow(`    permissions: {}\n    steps:\n      - uses: ./actions/bump\n`), [['writer-without-queue', './actions/bump']]],
  [
    'a writer in a group that replaces its pending run',
    workflow(`    permissions: {}\n    concurrency: ferry-env-repo\n    steps:\n      - uses: ${FERRY_REPOSITORY}/actions/promote@v1\n`),
    [['writer-without-queue', 'actions/promote@v1']],
  ],
  [
    'a writer in a group that cancels',
    workflow(`    permissions: {}\n    concurrency:\n      group: ferry-env-repo\n      cancel-in-progress: true\n      queue: max\n    steps:\n      - uses: ./actions/rollback\n`),
    [['writer-without-queue', './actions/rollback']],
  ],
  [
    'a writer in a group without queue: max',
    workflow(`    permissions: {}\n    concurrency:\n      group: ferry-env-repo\n      cancel-in-progress: false\n    steps:\n      - uses: ./actions/block\n`),
    [['writer-without-queue', './actions/block']],
  ],
  [
    'the umbrella action running a writer',
    workflow(`    permissions: {}\n    steps:\n      - uses: ${FERRY_REPOSITORY}@v1\n        with:\n          command: unblock\n`),
    [['writer-without-queue', `${FERRY_REPOSITORY}@v1`]],
  ],
  [
    'a writer whose dry-run is only an expression',
    workflow(`    permissions: {}\n    steps:\n      - uses: ./actions/bump\n        with:\n          dry-run: \${{ github.event_name == 'push' }}\n`),
    [['writer-without-queue', './actions/bump']],
  ],
  [
    'an allowance without a reason',
    workflow(`    permissions: {}\n    # workflow-rules: allow writer-without-queue\n    steps:\n      - uses: ./actions/bump\n`),
    [['bad-suppression', 'workflow-rules'], ['writer-without-queue', './actions/bump']],
  ],
  [
    'an allowance of an unknown rule',
    workflow(`    permissions: {}\n    # workflow-rules: allow everything -- trust me\n    steps:\n      - run: echo hi\n`),
    [['bad-suppression', 'workflow-rules']],
  ],
  ['not YAML (a key twice)', 'on: push\non: pull_request\njobs: {}\n', [['yaml', 'on: pull_request']]],
];

describe('checkWorkflow finds', () => {
  test.each(BAD)('%s', (_name, yaml, expected) => {
    const found = checkWorkflow(yaml, 'bad.yml', IN_FERRY);
    expect(found.map((v) => [v.rule, v.line])).toEqual(expected.map(([rule, at]) => [rule, lineOf(yaml, at)]));
    for (const v of found) expect(v.file).toBe('bad.yml');
  });

  test('a finding quotes the value and says what to do', () => {
    const [finding] = checkWorkflow(workflow(`    permissions: {}\n    steps:\n      - uses: actions/checkout@v5\n`), '.github/workflows/x.yml');
    expect(finding).toEqual({
      file: '.github/workflows/x.yml',
      line: 8,
      rule: 'unpinned-uses',
      message: 'job job: "actions/checkout@v5" is not pinned to a 40-hex commit SHA (a tag or branch can be moved to other code)',
    });
  });
});

// Workflows that keep every rule: each also passes actionlint, so they are real workflows.
const GOOD: Array<[string, string]> = [
  [
    'build with OIDC, pinned actions, a digest-pinned image, a local action, context through env',
    workflow(
      `    permissions:\n      contents: read\n      id-token: write\n    steps:\n      - uses: ${CHECKOUT}\n        with:\n          persist-credentials: false\n` +
        `      - uses: ${AWS}\n        with:\n          role-to-assume: arn:aws:iam::123456789012:role/ci\n          aws-region: eu-central-1\n` +
        `      - uses: docker://alpine@sha256:${'a'.repeat(64)}\n      - id: x\n        uses: ./actions/status\n` +
        `      - env:\n          TITLE: \${{ github.event.head_commit.message }}\n        run: echo "$TITLE" "\${{ github.run_id }}" "\${{ runner.temp }}" "\${{ steps.x.outcome }}"\n`,
    ),
  ],
  ['a writer in a queueing group', workflow(`    permissions: {}\n${QUEUE}    steps:\n      - uses: ${FERRY_REPOSITORY}/actions/bump@v1\n`)],
  [
    'a writer in a queueing workflow-level group',
    workflow(`    permissions: {}\n    steps:\n      - uses: ./actions/rollback\n`, `on: push\npermissions: {}\nconcurrency:\n  group: ferry-env-repo\n  queue: max\n`),
  ],
  ['a writer with dry-run: true writes nothing', workflow(`    permissions: {}\n    steps:\n      - uses: ./actions/promote\n        with:\n          dry-run: true\n`)],
  ['a reader needs no group', workflow(`    permissions: {}\n    steps:\n      - uses: ./actions/audit\n      - uses: ./\n        with:\n          command: status\n`)],
  [
    'a reusable workflow call granting id-token to the callee',
    `on: push\npermissions: {}\njobs:\n  call:\n    permissions:\n      id-token: write\n    uses: ./.github/workflows/app-ci.yml\n`,
  ],
  [
    'an allowance with its reason',
    workflow(`    permissions: {}\n    # workflow-rules: allow writer-without-queue -- a throwaway env repo made in this job\n    steps:\n      - uses: ./actions/bump\n`),
  ],
];

describe('checkWorkflow lets through', () => {
  test.each(GOOD)('%s', async (_name, yaml) => {
    expect(checkWorkflow(yaml, 'good.yml', IN_FERRY)).toEqual([]);
    expect(await actionlint(yaml, '.github/workflows/good.yml')).toEqual([]);
  });
});

describe('actionlint', () => {
  test('reports what it is for (it is not silenced)', async () => {
    const found = await actionlint(workflow(`    permissions: {}\n    steps:\n      - run: echo "\${{ github.event.issue.title }}"\n      - uses: ${CHECKOUT}\n        with:\n          fetch-dept: 1\n`), 'x.yml');
    expect(found.map((f) => f.kind)).toEqual(['expression']);
    expect(found[0]?.message).toContain('potentially untrusted');
  });

  test('reports an unknown concurrency key; only `queue: max`, newer than it, is let through', async () => {
    const yaml = workflow(`    permissions: {}\n    concurrency:\n      group: g\n      queue: everything\n    steps:\n      - run: echo hi\n`);
    const found = await actionlint(yaml, 'x.yml');
    expect(found.map((f) => [f.kind, f.line])).toEqual([['syntax-check', lineOf(yaml, 'queue: everything')]]);
  });
});

describe('expressionReferences', () => {
  test.each([
    ['github.event.issue.title', ['github.event.issue.title']],
    ["github.event['pull_request'].title", ['github.event.pull_request.title']],
    ["format('{0}-{1}', inputs.app, github.sha)", ['inputs.app', 'github.sha']],
    ["steps.x.outputs.y == 'inputs.z' && !cancelled()", ['steps.x.outputs.y']],
    ['true || 1e3 == null', []],
    ["needs.build.outputs['image']", ['needs.build.outputs.image']],
  ])('%s reads %j', (expression, references) => {
    expect(expressionReferences(expression)).toEqual(references);
  });
});
