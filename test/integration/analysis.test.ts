// The analysis gate end to end, through bin/ferry, against a real Prometheus on 127.0.0.1:
// (a) deterministic series backfilled with promtool (exact verdicts); (b) live scrapes of real
// Node processes exposing /metrics (prom-client), a healthy version and a bad one, and a
// Prometheus stopped during the analysis; (c) promotions stopped by a failing analysis and let
// through by a passing one, and what `ferry audit` makes of them.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRemoteFile, remoteHead } from '../support/env-repo-fixture.js';
import { FERRY, ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';
import { startMetricsApp, startPrometheus, waitForSamples, type MetricsApp, type PrometheusServer } from '../support/prometheus-server.js';
import { ferryOk, hoursAgo, initTemplateRepo, templateImage } from '../support/template-repo.js';

const NOW = Math.floor(Date.now() / 1000);
/** Backfilled samples: every 15 s over the last hour, the last one 15 s ago. */
const STEPS = Array.from({ length: 240 }, (_, i) => NOW - 3600 + 15 * i);
const GOOD = templateImage('user-service', '2.0.0');
const BAD = templateImage('user-service', '2.0.1');
const digestOf = (image: string) => image.split('@')[1]!;
/** What the template env repo pins for user-service in stage at first (environments/stage/user-service/kustomization.yaml). */
const STAGE_DIGEST = 'sha256:a67ad41718ad646c1c6c2b58314262888cd1ca661441f5249c6e5d481e867e96';
const SLOW = templateImage('user-service', '3.0.0');
const SAME = templateImage('user-service', '3.0.1');

/** Deterministic series: success ratios per digest, latencies per version (baseline v1, slower v2, same-as-v1 v3), a NaN series. */
function fixture(): string {
  const lines: string[] = ['# HELP fx_success_ratio Share of requests answered without 5xx.', '# TYPE fx_success_ratio gauge'];
  for (const [digest, value] of [[digestOf(GOOD), 0.995], [digestOf(BAD), 0.8]] as const) {
    for (const t of STEPS) lines.push(`fx_success_ratio{app="user-service",env="dev",digest="${digest}"} ${value} ${t}`);
  }
  lines.push('# HELP fx_latency_seconds p95 latency.', '# TYPE fx_latency_seconds gauge');
  // v1: 0.20 .. 0.24 repeating; v2: 0.30 .. 0.34 (50% slower); v3: the same values as v1, shifted in time.
  for (const [version, base, shift] of [['v1', 0.2, 0], ['v2', 0.3, 0], ['v3', 0.2, 2]] as const) {
    STEPS.forEach((t, i) => lines.push(`fx_latency_seconds{version="${version}"} ${(base + ((i + shift) % 5) * 0.01).toFixed(2)} ${t}`));
  }
  lines.push('# HELP fx_broken A series whose value is NaN.', '# TYPE fx_broken gauge');
  for (const t of STEPS) lines.push(`fx_broken NaN ${t}`);
  // Latency by environment and digest, for the compare gate: stage's current version (the
  // baseline), a candidate in dev 50% slower, and one like the baseline.
  lines.push('# HELP fx_latency_by_digest p95 latency per version.', '# TYPE fx_latency_by_digest gauge');
  for (const [env, digest, base, shift] of [['stage', STAGE_DIGEST, 0.2, 0], ['dev', digestOf(SLOW), 0.3, 0], ['dev', digestOf(SAME), 0.2, 3]] as const) {
    STEPS.forEach((t, i) => lines.push(`fx_latency_by_digest{env="${env}",digest="${digest}"} ${(base + ((i + shift) % 5) * 0.01).toFixed(2)} ${t}`));
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

let root: string;
let prom: PrometheusServer;
let healthy: MetricsApp;
let bad: MetricsApp;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-analysis-'));
  [healthy, bad] = await Promise.all([startMetricsApp({ errorRate: 0, latencyMs: 5, version: 'v1' }), startMetricsApp({ errorRate: 0.3, latencyMs: 5, version: 'v2' })]);
  prom = await startPrometheus({
    backfill: fixture(),
    scrapeIntervalSeconds: 1,
    scrapeTargets: [
      { job: 'healthy', targets: [`127.0.0.1:${healthy.port}`], labels: { namespace: 'user-service-stage' } },
      { job: 'bad', targets: [`127.0.0.1:${bad.port}`], labels: { namespace: 'order-service-stage' } },
    ],
  });
  // rate() over 10 s needs a few scrapes of both apps.
  await Promise.all([waitForSamples(prom.url, 'http_requests_total{job="healthy"}', 4), waitForSamples(prom.url, 'http_requests_total{job="bad"}', 4)]);
}, 60_000);

afterAll(async () => {
  await prom?.stop();
  await healthy?.stop();
  await bad?.stop();
  await rm(root, { recursive: true, force: true });
});

let files = 0;
async function template(body: string): Promise<string> {
  const file = join(root, `template-${++files}.yaml`);
  await writeFile(file, body);
  return file;
}

/** An AnalysisTemplate with one metric; `metric` is the YAML of the metric's fields (indented 6). */
function oneMetric(name: string, metric: string, args: string[] = []): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: ${name}
spec:
${args.length ? `  args:\n${args.map((a) => `    - name: ${a}`).join('\n')}\n` : ''}  metrics:
    - name: ${name}
${metric.replace(/^/gm, '      ')}
`;
}

const instant = (query: string, condition: string) => `successCondition: ${condition}\nprovider:\n  prometheus:\n    address: http://prometheus.monitoring:9090\n    query: '${query}'`;

describe('ferry analyze, on backfilled series: exact verdicts', () => {
  test.each([
    ['a good success ratio is Successful', `fx_success_ratio{digest="${digestOf(GOOD)}"}`, 'result[0] >= 0.99', 0, 'Successful', '0.995'],
    ['a bad success ratio is Failed', `fx_success_ratio{digest="${digestOf(BAD)}"}`, 'result[0] >= 0.99', 1, 'Failed', '0.8'],
    ['a query that matches no series is Inconclusive, not Successful', 'fx_success_ratio{digest="sha256:none"}', 'result[0] >= 0.99', 1, 'Inconclusive', 'empty'],
    ['NaN that the condition does not test for is Inconclusive', 'fx_broken', 'result[0] < 1', 1, 'Inconclusive', 'NaN'],
    ['a condition that tests for NaN decides', 'fx_broken', 'isNaN(result[0]) || result[0] < 1', 0, 'Successful', 'NaN'],
  ])('%s', async (_title, query, condition, code, phase, value) => {
    const file = await template(oneMetric('ratio', instant(query, condition)));
    const r = await ferry(['analyze', '--template', file, '--prometheus', prom.url, '--json']);
    expect(r.code, r.stderr).toBe(code);
    const out = JSON.parse(r.stdout);
    expect(out.run.phase).toBe(phase);
    expect(out.run.metrics[0].phase).toBe(phase);
    expect(r.stderr).toMatch(new RegExp(`ratio: measurement 1 of 1 ${phase} ${value}`));
  });

  test('text: a query written as a YAML block (query: |) has its other lines under its first, and no blank line after it', async () => {
    const query = `max(\n  fx_success_ratio{digest="${digestOf(GOOD)}"}\n)`;
    const file = await template(oneMetric('ratio', `successCondition: result[0] >= 0.99\nprovider:\n  prometheus:\n    address: http://prometheus.monitoring:9090\n    query: |\n${query.replace(/^/gm, '      ')}`));
    const r = await ferry(['analyze', '--template', file, '--prometheus', prom.url]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`\n  query      max(\n               fx_success_ratio{digest="${digestOf(GOOD)}"}\n             )\n  condition  success: result[0] >= 0.99\n`);
  });

  test('SigV4 (Amazon Managed Prometheus) through the bundle: each request signed with the AWS credentials of the environment; the verdict as without', async () => {
    // A relay in front of Prometheus keeps each request's Authorization (Prometheus ignores it).
    const seen: string[] = [];
    const relay = createServer((req, res) => {
      seen.push(String(req.headers.authorization ?? ''));
      const upstream = new URL(prom.url);
      const forward = request({ host: '127.0.0.1', port: Number(upstream.port), path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    });
    await new Promise<void>((listening) => relay.listen(0, '127.0.0.1', listening));
    const secret = 'ferry/test+secret/access/key/00000000000';
    try {
      const metric = `successCondition: result[0] >= 0.99\nprovider:\n  prometheus:\n    address: http://prometheus.monitoring:9090\n    query: 'fx_success_ratio{digest="${digestOf(GOOD)}"}'\n    authentication:\n      sigv4:\n        region: eu-central-1`;
      const file = await template(oneMetric('signed', metric));
      const address = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
      const r = await ferry(['analyze', '--template', file, '--prometheus', address, '--json'], {
        env: { AWS_ACCESS_KEY_ID: 'AKIDFERRYBUNDLETEST1', AWS_SECRET_ACCESS_KEY: secret, AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined, AWS_CONFIG_FILE: join(root, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(root, 'none') },
      });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).run.phase).toBe('Successful');
      expect(seen.length).toBeGreaterThan(0);
      for (const auth of seen) expect(auth).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDFERRYBUNDLETEST1\/\d{8}\/eu-central-1\/aps\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/);
      expect(r.stdout + r.stderr).not.toContain(secret);
    } finally {
      await new Promise((closed) => relay.close(closed));
    }
  });

  test('a range metric: every value checked, a table per metric, and a mermaid chart in the Markdown', async () => {
    const file = await template(oneMetric('latency', `successCondition: all(result, {# < 0.25})\nprovider:\n  prometheus:\n    address: http://in-cluster:9090\n    query: fx_latency_seconds{version="{{args.version}}"}\n    rangeQuery:\n      start: now() - duration("30m")\n      end: now()\n      step: 1m`, ['version']));
    const text = await ferry(['analyze', '--template', file, '--prometheus', prom.url, '--arg', 'version=v1']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^analysis latency: Successful/);
    expect(text.stdout).toMatch(/metric latency: Successful, 1 successful, 0 failed, 0 inconclusive, 0 errors \(count 1\)/);
    expect(text.stdout).toContain('query      fx_latency_seconds{version="v1"}');
    const md = await ferry(['analyze', '--template', file, '--prometheus', prom.url, '--arg', 'version=v2', '--format', 'md']);
    expect(md.code).toBe(1);
    expect(md.stdout).toContain('### Analysis `latency`: ❌ Failed');
    const chart = /```mermaid\nxychart-beta\n {4}title "latency"\n {4}x-axis \[(.*)\]\n {4}y-axis "latency" ([\d.]+) --> ([\d.]+)\n {4}line \[(.*)\]\n```/.exec(md.stdout);
    expect(chart, md.stdout).not.toBeNull();
    const points = chart![4]!.split(', ').map(Number);
    expect(points.length).toBeGreaterThanOrEqual(30);
    expect(new Set(points)).toEqual(new Set([0.3, 0.31, 0.32, 0.33, 0.34]));
  });

  test('--compare: a slower candidate fails against its baseline; one like the baseline passes', async () => {
    const file = await template(oneMetric('latency', `successCondition: len(result) > 0\nprovider:\n  prometheus:\n    address: http://in-cluster:9090\n    query: fx_latency_seconds{version="{{args.version}}"}\n    rangeQuery:\n      start: now() - duration("30m")\n      end: now()\n      step: 1m`, ['version']));
    const worse = await ferry(['analyze', '--template', file, '--prometheus', prom.url, '--arg', 'version=v2', '--baseline-arg', 'version=v1', '--compare', 'latency:increase:0.1', '--json']);
    expect(worse.code, worse.stderr).toBe(1);
    const w = JSON.parse(worse.stdout);
    expect(w.run.phase).toBe('Successful');
    expect(w.comparison).toMatchObject({ verdict: 'fail', score: 0 });
    expect(w.comparison.metrics[0]).toMatchObject({ metric: 'latency', verdict: 'fail', candidate: { median: 0.32 }, baseline: { median: 0.22 } });
    expect(w.comparison.metrics[0].pValue).toBeLessThan(0.001);
    const same = await ferry(['analyze', '--template', file, '--prometheus', prom.url, '--arg', 'version=v3', '--baseline-arg', 'version=v1', '--compare', 'latency:increase', '--json']);
    expect(same.code, same.stderr).toBe(0);
    expect(JSON.parse(same.stdout).comparison).toMatchObject({ verdict: 'pass', score: 100 });
    // Faster is not worse when an increase is what is bad.
    const faster = await ferry(['analyze', '--template', file, '--prometheus', prom.url, '--arg', 'version=v1', '--baseline-arg', 'version=v2', '--compare', 'latency:increase', '--json']);
    expect(faster.code, faster.stderr).toBe(0);
  });

  test('bad templates are refused with file, line and field; nothing is queried', async () => {
    const web = await template(oneMetric('web', 'successCondition: result == 1\nprovider:\n  web:\n    url: http://example.invalid/'));
    const r = await ferry(['analyze', '--template', web, '--prometheus', prom.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${web.replace(/[/.]/g, '\\$&')}:\\d+:\\d+: spec\\.metrics\\[0\\]\\.provider\\.web`));
    const failureOnly = await template(oneMetric('f', 'failureCondition: result[0] > 0.5\nprovider:\n  prometheus:\n    address: http://x:9090\n    query: fx_broken'));
    const f = await ferry(['analyze', '--template', failureOnly, '--prometheus', prom.url]);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain('ferry.dev/allow-failure-condition-only');
    // In analyze Ferry supplies no arg (not even app or env): the remedy is --arg.
    const noValue = await template(oneMetric('no-value', 'successCondition: result[0] > 0\nprovider:\n  prometheus:\n    address: http://x:9090\n    query: fx_broken{q="{{args.q}}",app="{{args.app}}"}', ['q', 'app']));
    const n = await ferry(['analyze', '--template', noValue, '--prometheus', prom.url, '--arg', 'app=user-service']);
    expect(n.code).toBe(2);
    expect(n.stderr).toContain(`${noValue}:7:7: spec.args[0].value: arg "q" has no value: the template gives no default and no --arg gives one; give it with --arg q=<value>, or give it a default value`);
    expect(n.stderr).not.toContain('Ferry supplies');
    const noApp = await ferry(['analyze', '--template', noValue, '--prometheus', prom.url, '--arg', 'q=1']);
    expect(noApp.code).toBe(2);
    expect(noApp.stderr).toContain('arg "app" has no value: the template gives no default and no --arg gives one; give it with --arg app=<value>, or give it a default value');
    const missing = await ferry(['analyze', '--template', join(root, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--template: cannot read ".*nope\.yaml": ENOENT/);
  });
});

describe('ferry analyze: secrets, errors that cannot change, and values JSON cannot hold', () => {
  /** A template whose query holds the secret arg `tok` (FERRY_SECRET_PROM_TENANT) where `query` puts {{args.tok}}. */
  const secretQuery = (query: string) => `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: tenant
spec:
  args:
    - name: tok
      valueFrom:
        secretKeyRef: { name: prom, key: tenant }
  metrics:
    - name: tenant
      interval: 1s
      count: 3
      successCondition: result[0] >= 0.99
      provider:
        prometheus:
          address: http://prometheus.monitoring:9090
          query: '${query}'
`;
  const PARTS = ['TOPSECRET', 'xyzzy', 'PASS'];

  test('a secret arg that cannot sit in the query\'s string literal is refused, naming the arg, never the value; nothing is queried', async () => {
    const file = await template(secretQuery('max(fx_broken{tenant="{{args.tok}}"})'));
    for (const json of [[], ['--json']]) {
      const r = await ferry(['analyze', '--template', file, '--prometheus', prom.url, ...json], { env: { FERRY_SECRET_PROM_TENANT: 'TOPSECRET"xyzzyPASS' } });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${file}:18:18: spec.metrics[0].provider.prometheus.query: secret arg "tok" cannot be put into the query`);
      expect(r.stderr).not.toContain('measurement');
      for (const part of PARTS) expect(r.stdout + r.stderr).not.toContain(part);
    }
  });

  test('Prometheus refusing a query that holds a secret: its words (which quote part of the secret) are not repeated, and the metric ends at once as Error', async () => {
    // The secret sits outside a string literal: Prometheus reads "xyzzyPASS" as an identifier and says so.
    const file = await template(secretQuery('max(fx_broken) > {{args.tok}}'));
    for (const json of [[], ['--json']]) {
      const started = Date.now();
      const r = await ferry(['analyze', '--template', file, '--prometheus', prom.url, ...json], { env: { FERRY_SECRET_PROM_TENANT: '0 xyzzyPASS' } });
      expect(r.code, r.stderr).toBe(1);
      for (const part of PARTS) expect(r.stdout + r.stderr, r.stdout + r.stderr).not.toContain(part);
      expect(r.stdout + r.stderr).toContain('(HTTP 400, bad_data) (its message is not shown: the query holds a secret arg, and the message could quote part of it)');
      // One measurement, not consecutiveErrorLimit + 1 of them a second apart.
      expect(r.stderr.match(/tenant: error \d/g)).toEqual(['tenant: error 1']);
      expect(Date.now() - started).toBeLessThan(4000);
      if (json.length) {
        const out = JSON.parse(r.stdout);
        expect(out.run.metrics[0]).toMatchObject({ phase: 'Error', errors: 1 });
        expect(out.run.metrics[0].message).toMatch(/^the error cannot change on a retry, so the metric ends now \(Argo would retry it up to consecutiveErrorLimit\): last measurement Error: Prometheus at .* rejected the query "max\(fx_broken\) > \*\*\*" \(HTTP 400, bad_data\) \(its message is not shown/);
      }
    }
  });

  test('--json writes NaN, +Inf and -Inf as Prometheus does ("NaN", "+Inf", "-Inf"), not as null', async () => {
    const cases: [string, string, string][] = [['fx_broken', 'isNaN(result[0])', 'NaN'], ['vector(1) / 0', 'isInf(result[0])', '+Inf'], ['vector(-1) / 0', 'isInf(result[0])', '-Inf'], ['scalar(fx_broken)', 'isNaN(result)', 'NaN']];
    for (const [query, condition, shown] of cases) {
      const file = await template(oneMetric('special', instant(query, condition)));
      const r = await ferry(['analyze', '--template', file, '--prometheus', prom.url, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const measurement = JSON.parse(r.stdout).run.metrics[0].measurements[0];
      expect(measurement.value).toEqual(query.startsWith('scalar') ? shown : [shown]);
      expect(r.stdout).not.toContain('null');
      // The text report shows the same spelling.
      expect(r.stderr).toContain(`special: measurement 1 of 1 Successful ${shown}`);
    }
  });
});

const successRate = (count: number, timing = 'interval: 2s') => oneMetric('success-rate', `${timing}\ncount: ${count}\nsuccessCondition: result[0] >= 0.95\nprovider:\n  prometheus:\n    address: http://in-cluster:9090\n    query: sum(rate(http_requests_total{namespace="{{args.app}}-{{args.env}}",code!~"5.."}[10s])) / sum(rate(http_requests_total{namespace="{{args.app}}-{{args.env}}"}[10s]))`, ['app', 'env']);

describe('ferry analyze, on live scrapes of real services', () => {
  test('the healthy version passes, the one answering 30% errors fails', async () => {
    const file = await template(successRate(2));
    const good = await ferry(['analyze', '--template', file, '--prometheus', prom.url, '--arg', 'app=user-service', '--arg', 'env=stage', '--json']);
    expect(good.code, good.stderr).toBe(0);
    expect(JSON.parse(good.stdout).run.metrics[0]).toMatchObject({ phase: 'Successful', successful: 2 });
    expect(good.stderr).toMatch(/success-rate: measurement 1 of 2 Successful 1; next in 2s/);
    const worse = await ferry(['analyze', '--template', file, '--prometheus', prom.url, '--arg', 'app=order-service', '--arg', 'env=stage', '--json']);
    expect(worse.code).toBe(1);
    const m = JSON.parse(worse.stdout).run.metrics[0];
    expect(m.phase).toBe('Failed');
    expect(m.measurements[0].value[0]).toBeGreaterThan(0.6);
    expect(m.measurements[0].value[0]).toBeLessThan(0.8);
  });

  test('Prometheus stopped during the analysis: the metric ends in Error, never Successful', async () => {
    const own = await startPrometheus({ scrapeIntervalSeconds: 1, scrapeTargets: [{ job: 'healthy', targets: [`127.0.0.1:${healthy.port}`], labels: { namespace: 'user-service-stage' } }] });
    try {
      await waitForSamples(own.url, 'http_requests_total{job="healthy"}', 4);
      const file = await template(successRate(4, 'interval: 1s\nconsecutiveErrorLimit: 1'));
      const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(FERRY, ['analyze', '--template', file, '--prometheus', own.url, '--arg', 'app=user-service', '--arg', 'env=stage', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (b: Buffer) => (stdout += b));
        child.stderr.on('data', (b: Buffer) => {
          stderr += b;
          if (/measurement 1 of 4 Successful/.test(stderr)) void own.stop();
        });
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
      expect(result.code, result.stderr).toBe(1);
      const run = JSON.parse(result.stdout).run;
      expect(run.phase).toBe('Error');
      expect(run.metrics[0]).toMatchObject({ phase: 'Error', successful: 1, errors: 2 });
      expect(run.metrics[0].measurements.at(-1).message).toMatch(/127\.0\.0\.1/);
    } finally {
      await own.stop();
    }
  });

  test('an analysis interrupted with Ctrl-C reports what it measured, is not Successful, exits 130', async () => {
    const file = await template(successRate(50));
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(FERRY, ['analyze', '--template', file, '--prometheus', prom.url, '--arg', 'app=user-service', '--arg', 'env=stage', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (b: Buffer) => (stdout += b));
      child.stderr.on('data', (b: Buffer) => {
        stderr += b;
        if (/measurement 1 of 50/.test(stderr)) child.kill('SIGINT');
      });
      child.on('close', (code) => resolve({ code, stdout }));
    });
    expect(result.code).toBe(130);
    const out = JSON.parse(result.stdout);
    expect(out.status).toBe('failed');
    expect(out.run).toMatchObject({ phase: 'Error', interrupted: true });
    expect(out.run.metrics[0].message).toMatch(/^interrupted after 1 of 50 measurements/);
  });
});

describe('ferry promote with an analysis gate', () => {
  let repo: string;

  beforeAll(async () => {
    repo = await initTemplateRepo(join(root, 'env.git'));
    const config = readRemoteFile(repo, 'ferry.yaml')!
      .replace('      soak: 30m', '      soak: 30m\n      analysis: [success-ratio]')
      .concat(`\nprometheus:\n  address: ${prom.url}\n`);
    const tpl = oneMetric('success-ratio', instant('fx_success_ratio{app="{{args.app}}",env="{{args.env}}",digest="{{args.digest}}"}', 'result[0] >= 0.99'), ['app', 'env', 'digest']);
    await commitByHand(repo, { 'ferry.yaml': config, 'analysis/success-ratio.yaml': tpl }, 'stage is gated on the success ratio in dev');
  });

  test('a version whose analysis fails is stopped: the verdict and its numbers printed, nothing written', async () => {
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', BAD], hoursAgo(3));
    const head = remoteHead(repo);
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ {2}analysis {2}fail {2}success-ratio: success-ratio Failed 1\/1 1 failed last 0\.8/);
    expect(r.stdout).toContain('analysis success-ratio: Failed');
    expect(r.stderr).toContain('stopped by gates; nothing written');
    expect(remoteHead(repo)).toBe(head);
  });

  test('a version whose analysis passes is promoted; the commit records the verdict; audit finds nothing wrong', async () => {
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', GOOD], hoursAgo(2));
    const r = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe('succeeded');
    expect(out.gates).toContainEqual({ gate: 'analysis', verdict: 'pass', reason: 'success-ratio: success-ratio Successful 1/1 last 0.995' });
    expect(out.analysis.runs[0].run.metrics[0].query).toBe(`fx_success_ratio{app="user-service",env="dev",digest="${digestOf(GOOD)}"}`);
    const trailers = execFileSync('git', ['-C', repo, 'log', '-1', '--format=%(trailers:key=Ferry-Gate,valueonly)', 'main']).toString().trim();
    expect(trailers).toMatch(/analysis=pass\(success-ratio: success-ratio Successful 1\/1 last 0\.995\)/);
    const audit = await ferry(['audit', '--repo', repo, '--json']);
    expect(audit.code, audit.stdout).toBe(0);
  });

  test('audit: a promotion into stage that records no analysis verdict is reported (gate-missing)', async () => {
    const manifest = readRemoteFile(repo, 'stage/order-service/kustomization.yaml')!;
    const image = templateImage('order-service', '9.9.9');
    await commitByHand(repo, { 'stage/order-service/kustomization.yaml': manifest.replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${digestOf(image)}`).replace(/newTag: .*/, 'newTag: 9.9.9') },
      `promote(stage): order-service 9.9.9 from dev\n\nFerry-Action: promote\nFerry-Env: stage\nFerry-From: dev\nFerry-App: order-service\nFerry-Image: ${image}\nFerry-Gate: soak=pass(3h>=30m)\nFerry-Requested-By: mallory`);
    const audit = await ferry(['audit', '--repo', repo, '--json']);
    expect(audit.code).toBe(1);
    const rules = JSON.parse(audit.stdout).violations.map((v: { rule: string }) => v.rule);
    expect(rules).toContain('gate-missing');
    expect(JSON.parse(audit.stdout).violations.find((v: { rule: string }) => v.rule === 'gate-missing').message).toBe('stage required the analysis gate at the time; the commit records no analysis verdict');
  });
});

describe('ferry promote with a compare gate: the candidate against the version now in the target', () => {
  let repo: string;

  beforeAll(async () => {
    repo = await initTemplateRepo(join(root, 'compare.git'));
    const config = readRemoteFile(repo, 'ferry.yaml')!
      .replace('      soak: 30m', '      soak: 30m\n      compare:\n        baseline: target\n        window: 30m\n        metrics:\n          - { template: latency, metric: p95, direction: increase, effectSize: 0.1 }')
      .concat(`\nprometheus:\n  address: ${prom.url}\n`);
    const tpl = oneMetric('latency', 'successCondition: len(result) > 0\nprovider:\n  prometheus:\n    address: http://in-cluster:9090\n    query: fx_latency_by_digest{env="{{args.env}}",digest="{{args.digest}}"}\n    rangeQuery:\n      start: now() - duration("30m")\n      end: now()\n      step: 1m', ['env', 'digest']).replace('    - name: latency\n', '    - name: p95\n');
    await commitByHand(repo, { 'ferry.yaml': config, 'analysis/latency.yaml': tpl }, 'stage compares latency with the version it runs');
  });

  test('a candidate 50% slower than what stage runs is stopped; one like it is promoted, the score recorded', async () => {
    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', SLOW], hoursAgo(2));
    const head = remoteHead(repo);
    const slow = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--json']);
    expect(slow.code, slow.stderr).toBe(1);
    const out = JSON.parse(slow.stdout);
    const gate = out.gates.find((g: { gate: string }) => g.gate === 'compare');
    expect(gate.verdict).toBe('fail');
    expect(gate.reason).toMatch(/^fail: score 0 < 75; .*: latency\/p95 p=[0-9.e-]+<0\.05, \+4\d\.\d% >= \+10%/);
    expect(out.analysis.comparisons[0].report.metrics[0]).toMatchObject({ metric: 'latency/p95', verdict: 'fail', candidate: { median: 0.32 }, baseline: { median: 0.22 } });
    expect(out.analysis.comparisons[0].windows.baseline.image).toContain(STAGE_DIGEST);
    expect(remoteHead(repo)).toBe(head);

    await ferryOk(['bump', '--repo', repo, '--env', 'dev', '--app', 'user-service', '--image', SAME], hoursAgo(1));
    const same = await ferry(['promote', '--repo', repo, '--from', 'dev', '--to', 'stage', '--app', 'user-service', '--json']);
    expect(same.code, same.stderr).toBe(0);
    expect(JSON.parse(same.stdout).gates.find((g: { gate: string }) => g.gate === 'compare')).toMatchObject({ verdict: 'pass', reason: expect.stringMatching(/^pass: score 100/) });
    const trailers = execFileSync('git', ['-C', repo, 'log', '-1', '--format=%(trailers:key=Ferry-Gate,valueonly)', 'main']).toString();
    expect(trailers).toMatch(/compare=pass\(pass: score 100/);
    const audit = await ferry(['audit', '--repo', repo, '--json']);
    expect(audit.code, audit.stdout).toBe(0);
  });
});

test('ferry validate loads the analysis templates the gates name: the shipped ones pass, a broken one is reported with its line', async () => {
  const repo = await initTemplateRepo(join(root, 'validate.git'));
  const config = readRemoteFile(repo, 'ferry.yaml')!.replace('      soak: 30m', '      soak: 30m\n      analysis: [http-success-rate, http-latency-p95]');
  await commitByHand(repo, { 'ferry.yaml': config }, 'stage is gated on the shipped analysis templates');
  const ok = await ferry(['validate', '--repo', repo]);
  expect(ok.code, ok.stdout + ok.stderr).toBe(0);
  const broken = (await readFile(new URL('../../environments/analysis/http-latency-p95.yaml', import.meta.url), 'utf8')).replace('successCondition:', 'sucessCondition:');
  await commitByHand(repo, { 'analysis/http-latency-p95.yaml': broken }, 'a typo');
  const r = await ferry(['validate', '--repo', repo]);
  expect(r.code).toBe(2);
  expect(r.stdout + r.stderr).toMatch(/analysis\/http-latency-p95\.yaml:\d+:\d+: spec\.metrics\[0\]\.sucessCondition/);
});
