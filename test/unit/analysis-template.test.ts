import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  ALLOW_FAILURE_CONDITION_ONLY,
  FERRY_ARGS,
  ferryArgs,
  checkDeclaredArgs,
  maskSecrets,
  parseAnalysisTemplate,
  parseAnalysisTemplates,
  resolveAnalysis,
  secretEnvName,
  type AnalysisTemplate,
  type ResolveOptions,
} from '../../actions/src/core/analysis-template.js';
import { ConfigurationError, formatProblem } from '../../actions/src/core/errors.js';
import { maskRemembered } from '../../actions/src/core/redact.js';

/** Strips the first newline and the common indentation, so YAML can be written inline. */
function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\n\s*$/, '\n').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0));
  return lines.map((l) => l.slice(indent)).join('\n');
}

const FILE = 'analysis/t.yaml';
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const OPTS: ResolveOptions = { env: {}, nowMs: NOW };

/** Lines 1-8 of every template below; metrics start at line 9 (`- ` at column 5, keys at column 7). */
const HEAD = dedent(`
  apiVersion: argoproj.io/v1alpha1
  kind: AnalysisTemplate
  metadata:
    name: t
  spec:
    args:
      - name: app
    metrics:
`);

/** A template whose first metric is `metric` (indented under `metrics:`), after HEAD. */
function withMetric(metric: string): string {
  return HEAD + dedent(metric).split('\n').map((l) => (l ? `    ${l}` : l)).join('\n');
}

function indentBlock(text: string, by: number): string {
  return text.split('\n').map((l) => ' '.repeat(by) + l).join('\n');
}

/** A metric's provider block, 4 lines (indented as a metric's key), with the query at the last line. */
const PROM = indentBlock('provider:\n  prometheus:\n    address: http://prom:9090\n    query: up{app="{{args.app}}"}', 2);

/** The formatted problems (`file:line:col: field: message`) parsing throws, or [] when it parses. */
function problemsOf(text: string, file = FILE): string[] {
  try {
    parseAnalysisTemplates(text, file);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigurationError)) throw err;
    return err.problems.map(formatProblem);
  }
}

function resolveProblems(template: AnalysisTemplate, args: Record<string, string>, options: ResolveOptions = OPTS): string[] {
  try {
    resolveAnalysis(template, args, options);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigurationError)) throw err;
    return err.problems.map(formatProblem);
  }
}

describe('the example templates in environments/analysis', () => {
  test.each([
    ['http-success-rate', { count: 3, intervalMs: 60_000, failureLimit: 1, inconclusiveLimit: 0 }, 'result[0] >= 0.99'],
    ['http-latency-p95', { count: 3, intervalMs: 60_000, failureLimit: 0, inconclusiveLimit: 1 }, 'result[0] <= 0.3'],
    ['image-running', { count: 1, failureLimit: 0, inconclusiveLimit: 0 }, 'len(result) > 0 && all(result, {# >= 1})'],
  ])('%s parses and resolves with the args Ferry gives', (name, numbers, success) => {
    const text = readFileSync(new URL(`../../environments/analysis/${name}.yaml`, import.meta.url), 'utf8');
    const template = parseAnalysisTemplate(text, `analysis/${name}.yaml`);
    expect(template.name).toBe(name);
    expect(template.args.every((a) => (FERRY_ARGS as readonly string[]).includes(a.name) || a.value !== undefined)).toBe(true);
    const args = ferryArgs(template, { app: 'user-service', env: 'stage', image: 'r.example.com/user-service:1.4.2@sha256:aa', tag: '1.4.2', digest: 'sha256:aa' });
    const resolved = resolveAnalysis(template, args, { ...OPTS, prometheusAddress: 'http://127.0.0.1:9090' });
    const first = resolved.metrics[0]!;
    expect(first).toMatchObject({ name, address: 'http://127.0.0.1:9090', dryRun: false, consecutiveErrorLimit: 4, ...numbers });
    expect(first.successCondition?.text).toBe(success);
    expect(first.query).toContain('namespace="user-service-stage"');
    expect(first.query).not.toContain('{{');
  });
});

describe('parseAnalysisTemplate reads', () => {
  const FULL = dedent(`
    apiVersion: argoproj.io/v1alpha1
    kind: ClusterAnalysisTemplate
    metadata:
      name: full
      namespace: argo
      labels: { team: platform }
      annotations:
        ${ALLOW_FAILURE_CONDITION_ONLY}: "true"
        other.example.com/x: "y"
    spec:
      args:
        - name: app
        - name: lookback
          value: 10m
        - name: port
          value: 9090
        - name: token
          valueFrom:
            secretKeyRef: { name: prom-token, key: token }
      dryRun:
        - metricName: errors-.*
      measurementRetention:
        - metricName: .*
          limit: 20
      metrics:
        - name: success-rate
          initialDelay: 30s
          interval: 5m
          count: "4"
          failureLimit: 1
          inconclusiveLimit: 1
          consecutiveErrorLimit: 2
          successCondition: result[0] >= 0.95
          failureCondition: result[0] < 0.5
          provider:
            prometheus:
              address: "http://prometheus:{{args.port}}"
              timeout: 40
              insecure: false
              headers:
                - key: X-Scope-OrgID
                  value: tenant-a
                - key: Authorization
                  value: "Bearer {{ args.token }}"
              authentication:
                sigv4: { region: eu-central-1, roleArn: "arn:aws:iam::1:role/x" }
              query: sum(rate(x{app="{{args.app}}"}[5m]))
        - name: errors-total
          failureCondition: result[0] > 10
          provider:
            prometheus:
              address: http://prometheus:9090
              rangeQuery:
                start: now() - duration("{{args.lookback}}")
                end: now()
                step: 1m
              query: x
  `);

  test('every supported field of a ClusterAnalysisTemplate', () => {
    const t = parseAnalysisTemplate(FULL, FILE);
    expect(t).toMatchObject({
      kind: 'ClusterAnalysisTemplate',
      name: 'full',
      namespace: 'argo',
      labels: { team: 'platform' },
      allowFailureConditionOnly: true,
      args: [{ name: 'app' }, { name: 'lookback', value: '10m' }, { name: 'port', value: '9090' }, { name: 'token', secretKeyRef: { name: 'prom-token', key: 'token' } }],
    });
    expect(t.metrics.map((m) => [m.name, m.dryRun])).toEqual([
      ['success-rate', false],
      ['errors-total', true],
    ]);
    expect(t.ignored.map((i) => i.field)).toEqual(['spec.metrics[0].provider.prometheus.authentication.sigv4.roleArn', 'spec.measurementRetention']);
    expect(t.metrics[0]!.count).toMatchObject({ text: '4', at: { line: 29, column: 14, field: 'spec.metrics[0].count' } });
  });

  test('and resolves it: args substituted, durations in ms, the range window at now, secrets listed', () => {
    const t = parseAnalysisTemplate(FULL, FILE);
    const r = resolveAnalysis(t, { app: 'user-service', other: 'ignored' }, { env: { FERRY_SECRET_PROM_TOKEN_TOKEN: 's3cr3t' }, nowMs: NOW });
    expect(r.secrets).toEqual(['s3cr3t']);
    const [a, b] = r.metrics;
    expect(a).toMatchObject({
      address: 'http://prometheus:9090',
      query: 'sum(rate(x{app="user-service"}[5m]))',
      headers: { 'X-Scope-OrgID': 'tenant-a', Authorization: 'Bearer s3cr3t' },
      sigv4: { region: 'eu-central-1' },
      timeoutMs: 40_000,
      initialDelayMs: 30_000,
      intervalMs: 300_000,
      count: 4,
      failureLimit: 1,
      inconclusiveLimit: 1,
      consecutiveErrorLimit: 2,
    });
    expect(b).toMatchObject({ dryRun: true, count: 1, range: { startMs: NOW - 600_000, endMs: NOW, stepSeconds: 60 } });
    expect(b!.failureCondition?.text).toBe('result[0] > 10');
  });

  test('several templates from one file, picking one by name; empty documents are skipped', () => {
    const one = (name: string) => dedent(`
      apiVersion: argoproj.io/v1alpha1
      kind: AnalysisTemplate
      metadata: { name: ${name} }
      spec:
        metrics:
          - name: m
            successCondition: result > 0
            provider: { prometheus: { address: "http://p:9090", query: up } }
    `);
    const text = `---\n${one('a')}---\n---\n${one('b')}`;
    expect(parseAnalysisTemplates(text, FILE).map((t) => t.name)).toEqual(['a', 'b']);
    expect(parseAnalysisTemplate(text, FILE, 'b').name).toBe('b');
    expect(() => parseAnalysisTemplate(text, FILE)).toThrow('expected one template, found 2 (a, b); name the one to run');
    expect(() => parseAnalysisTemplate(text, FILE, 'c')).toThrow('no template named "c" (templates: a, b)');
    expect(problemsOf(`${one('a')}---\n${one('a')}`)).toEqual([`${FILE}:10:1: two templates named "a" in one file (the first at line 1)`]);
  });

  test('a dryRun rule is matched against the whole metric name', () => {
    const text = withMetric(`- name: success-rate\n  successCondition: result > 0\n${PROM}\n- name: rate\n  successCondition: result > 0\n${PROM}`).replace('spec:\n', 'spec:\n  dryRun: [{ metricName: rate }]\n');
    expect(parseAnalysisTemplate(text, FILE).metrics.map((m) => [m.name, m.dryRun])).toEqual([
      ['success-rate', false],
      ['rate', true],
    ]);
  });

  test.each([
    ['the opt-in annotation allows a failure-only metric', `metadata:\n  name: t\n  annotations: { ${ALLOW_FAILURE_CONDITION_ONLY}: "true" }`, 'failureCondition: result[0] > 10'],
    ['insecure: false is what Ferry does anyway', 'metadata:\n  name: t', 'successCondition: result[0] > 1\n    # x'],
  ])('%s', (_name, metadata, condition) => {
    const text = `apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\n${metadata}\nspec:\n  metrics:\n    - name: m\n      ${condition}\n      provider:\n        prometheus: { address: "http://p:9090", query: up, insecure: false }\n`;
    expect(problemsOf(text)).toEqual([]);
  });
});

describe('parseAnalysisTemplate refuses, naming file:line:column and field', () => {
  // Each metric is written at line 9; its keys start at column 7.
  test.each([
    ['another provider', `- name: m\n  successCondition: result > 0\n  provider:\n    web: { url: "http://x", jsonPath: "{$.ok}" }`, '12:9: spec.metrics[0].provider.web: Ferry does not support the web metric provider; Ferry runs provider.prometheus only'],
    ['the job provider', `- name: m\n  successCondition: result > 0\n  provider:\n    job: { spec: {} }`, '12:9: spec.metrics[0].provider.job: Ferry does not support the job metric provider'],
    ['datadog', `- name: m\n  successCondition: result > 0\n  provider:\n    datadog: { query: x }`, '12:9: spec.metrics[0].provider.datadog: Ferry does not support the datadog metric provider'],
    ['an unknown key', `- name: m\n  successCondition: result > 0\n  sucessCondition: result > 1\n${PROM}`, '11:7: spec.metrics[0].sucessCondition: Ferry does not support "sucessCondition" here (supported: name, provider,'],
    ['consecutiveSuccessLimit', `- name: m\n  successCondition: result > 0\n  consecutiveSuccessLimit: 3\n${PROM}`, '11:7: spec.metrics[0].consecutiveSuccessLimit: Ferry does not support consecutiveSuccessLimit'],
    ['a metric without conditions (Argo counts it Successful)', `- name: m\n${PROM}`, '9:7: spec.metrics[0]: a metric needs a successCondition: without successCondition and failureCondition Argo counts every measurement Successful'],
    ['a failure-only metric without the opt-in', `- name: m\n  failureCondition: result[0] > 10\n${PROM}`, `10:25: spec.metrics[0].failureCondition: a metric with only a failureCondition passes anything the condition does not catch (an empty result included); add a successCondition, or allow it for this template with the annotation ${ALLOW_FAILURE_CONDITION_ONLY}: "true"`],
    ['interval without count (a gate must end)', `- name: m\n  interval: 5m\n  successCondition: result > 0\n${PROM}`, '10:17: spec.metrics[0].interval: interval without count measures until stopped, and a promotion gate must end: set count'],
    ['count above 1 without interval', `- name: m\n  count: 3\n  successCondition: result > 0\n${PROM}`, '10:14: spec.metrics[0].count: count 3 needs an interval between the measurements'],
    ['failureLimit as large as count', `- name: m\n  interval: 1m\n  count: 3\n  failureLimit: 3\n  successCondition: result > 0\n${PROM}`, '12:21: spec.metrics[0].failureLimit: failureLimit (3) + inconclusiveLimit (0) must be less than count (3): otherwise every measurement could fail or be inconclusive and the metric would still be Successful'],
    ['failure and inconclusive limits adding up to count', `- name: m\n  interval: 1m\n  count: 3\n  failureLimit: 1\n  inconclusiveLimit: 2\n  successCondition: result > 0\n${PROM}`, '12:21: spec.metrics[0].failureLimit: failureLimit (1) + inconclusiveLimit (2) must be less than count (3)'],
    ['failureLimit: -1', `- name: m\n  failureLimit: -1\n  successCondition: result > 0\n${PROM}`, '10:21: spec.metrics[0].failureLimit: expected a whole number, 0 or more (failureLimit: -1 is not supported), found -1'],
    ['count: 0', `- name: m\n  count: 0\n  successCondition: result > 0\n${PROM}`, '10:14: spec.metrics[0].count: expected a whole number of measurements, 1 or more, found 0'],
    ['count: 2.5', `- name: m\n  count: 2.5\n  interval: 1m\n  successCondition: result > 0\n${PROM}`, '10:14: spec.metrics[0].count: expected a whole number of measurements, 1 or more, found "2.5"'],
    ['a duration Go cannot read', `- name: m\n  initialDelay: 5 minutes\n  successCondition: result > 0\n${PROM}`, '10:21: spec.metrics[0].initialDelay: expected a duration like 30s, 5m or 1h30m, found "5 minutes"'],
    ['a zero interval', `- name: m\n  interval: 0s\n  count: 2\n  successCondition: result > 0\n${PROM}`, '10:17: spec.metrics[0].interval: expected a positive duration like 30s, 5m or 1h30m, found "0s"'],
    ['a condition that does not parse, at the column inside it', `- name: m\n  successCondition: result[0] >= >= 0.9\n${PROM}`, '10:38: spec.metrics[0].successCondition: cannot parse the condition: unexpected ">"'],
    ['a condition that never reads result (true whatever Prometheus answers; Argo would pass an empty result)', `- name: m\n  successCondition: "true"\n${PROM}`, '10:25: spec.metrics[0].successCondition: the condition does not read result, so it is true or false whatever Prometheus answers; compare result with what the metric must show, as in result[0] >= 0.95'],
    ['a failureCondition that never reads result', `- name: m\n  successCondition: result[0] > 0.9\n  failureCondition: 1 == 2\n${PROM}`, '11:25: spec.metrics[0].failureCondition: the condition does not read result'],
    ['a condition in a quoted scalar', `- name: m\n  successCondition: "result[0] >= 0.9 &&"\n${PROM}`, '10:45: spec.metrics[0].successCondition: cannot parse the condition: Expected expression after &&'],
    ['a condition in a block scalar, second line', `- name: m\n  successCondition: |\n    len(result) > 0 &&\n      result.x > 1\n${PROM}`, '12:17: spec.metrics[0].successCondition: cannot parse the condition: member access is not allowed'],
    ['a placeholder Ferry does not know', `- name: m\n  successCondition: result > 0\n  provider:\n    prometheus:\n      address: http://prom:9090\n      query: up{job="{{ workflow.name }}"}`, '14:18: spec.metrics[0].provider.prometheus.query: unknown placeholder "{{ workflow.name }}": Ferry substitutes only {{args.<name>}} (args declared: app)'],
    ['a placeholder naming an undeclared arg', `- name: m\n  successCondition: result > 0\n  provider:\n    prometheus:\n      address: http://prom:9090\n      query: up{job="{{args.service-name}}"}`, '14:18: spec.metrics[0].provider.prometheus.query: placeholder "{{args.service-name}}" names no arg declared in spec.args (args declared: app)'],
    ['an unclosed placeholder', `- name: m\n  successCondition: result > 0\n  provider:\n    prometheus:\n      address: http://prom:9090\n      query: up{job="{{args.app"}`, '14:18: spec.metrics[0].provider.prometheus.query: "{{" without a closing "}}"'],
    ['oauth2', `- name: m\n  successCondition: result > 0\n  provider:\n    prometheus:\n      address: http://prom:9090\n      query: up\n      authentication:\n        oauth2: { tokenUrl: "http://t" }`, '16:13: spec.metrics[0].provider.prometheus.authentication.oauth2: Ferry does not support authentication.oauth2'],
    ['insecure: true', `- name: m\n  successCondition: result > 0\n  provider:\n    prometheus:\n      address: http://prom:9090\n      query: up\n      insecure: true`, '15:21: spec.metrics[0].provider.prometheus.insecure: Ferry does not support insecure: true'],
    ['caCert', `- name: m\n  successCondition: result > 0\n  provider:\n    prometheus:\n      address: http://prom:9090\n      query: up\n      caCert: x`, '15:11: spec.metrics[0].provider.prometheus.caCert: Ferry does not support caCert'],
    ['a header set twice', `- name: m\n  successCondition: result > 0\n  provider:\n    prometheus:\n      address: http://prom:9090\n      query: up\n      headers:\n        - { key: X-A, value: "1" }\n        - { key: x-a, value: "2" }`, '17:22: spec.metrics[0].provider.prometheus.headers[1].key: header "x-a" is set twice'],
    ['a missing query', `- name: m\n  successCondition: result > 0\n  provider:\n    prometheus:\n      address: http://prom:9090`, '13:11: spec.metrics[0].provider.prometheus: missing required key "query"'],
    ['a missing provider', `- name: m\n  successCondition: result > 0`, '9:7: spec.metrics[0]: missing required key "provider"'],
    ['a range query that ends before it starts', `- name: m\n  successCondition: result > 0\n  provider:\n    prometheus:\n      address: http://prom:9090\n      query: up\n      rangeQuery: { start: now(), end: now() - duration("1h"), step: 1m }`, '15:44: spec.metrics[0].provider.prometheus.rangeQuery.end: the range query ends ("now() - duration(\\"1h\\")") no later than it starts ("now()")'],
    ['a range query of too many points', `- name: m\n  successCondition: result > 0\n  provider:\n    prometheus:\n      address: http://prom:9090\n      query: up\n      rangeQuery: { start: now() - duration("24h"), end: now(), step: 1s }`, '15:75: spec.metrics[0].provider.prometheus.rangeQuery.step: the range query asks for 86400 points per series; Prometheus refuses more than 11000'],
    ['a time expression that is not a time', `- name: m\n  successCondition: result > 0\n  provider:\n    prometheus:\n      address: http://prom:9090\n      query: up\n      rangeQuery: { start: duration("1h"), end: now(), step: 1m }`, '15:32: spec.metrics[0].provider.prometheus.rangeQuery.start: cannot parse the time expression: a time expression must evaluate to a time'],
    // Argo's timeout is an int64, not an int-or-string like count: a quoted number is not one
    ['a quoted timeout', `- name: m\n  successCondition: result > 0\n  provider:\n    prometheus:\n      address: http://prom:9090\n      query: up\n      timeout: "5"`, '15:20: spec.metrics[0].provider.prometheus.timeout: expected a whole number of seconds, unquoted (Argo\'s timeout is an integer field, not an int-or-string), found "5"'],
    ['a timeout from a placeholder', `- name: m\n  successCondition: result > 0\n  provider:\n    prometheus:\n      address: http://prom:9090\n      query: up\n      timeout: "{{args.app}}"`, '15:20: spec.metrics[0].provider.prometheus.timeout: expected a whole number of seconds, unquoted (Argo\'s timeout is an integer field, not an int-or-string), found "{{args.app}}"'],
    ['a fractional timeout', `- name: m\n  successCondition: result > 0\n  provider:\n    prometheus:\n      address: http://prom:9090\n      query: up\n      timeout: 2.5`, '15:20: spec.metrics[0].provider.prometheus.timeout: expected a whole number of seconds, 1 or more, found "2.5"'],
    ['a zero timeout', `- name: m\n  successCondition: result > 0\n  provider:\n    prometheus:\n      address: http://prom:9090\n      query: up\n      timeout: 0`, '15:20: spec.metrics[0].provider.prometheus.timeout: expected a whole number of seconds, 1 or more, found 0'],
    // a Node timer waits at most 2^31 - 1 ms: a longer one fires after 1 ms
    ['a timeout past the longest timer', `- name: m\n  successCondition: result > 0\n  provider:\n    prometheus:\n      address: http://prom:9090\n      query: up\n      timeout: 2147484`, '15:20: spec.metrics[0].provider.prometheus.timeout: expected a timeout of at most 2147483 seconds (24.8 days, the longest wait a timer takes), found 2147484'],
    ['an interval past the longest timer', `- name: m\n  interval: 600h\n  count: 2\n  successCondition: result > 0\n${PROM}`, '10:17: spec.metrics[0].interval: expected a duration of at most 596h31m23s (24.8 days, the longest wait a timer takes), found "600h"'],
    ['an initialDelay past the longest timer', `- name: m\n  initialDelay: 596h31m23.648s\n  successCondition: result > 0\n${PROM}`, '10:21: spec.metrics[0].initialDelay: expected a duration of at most 596h31m23s (24.8 days, the longest wait a timer takes), found "596h31m23.648s"'],
    ['a metric name with a placeholder', `- name: "m-{{args.app}}"\n  successCondition: result > 0\n${PROM}`, '9:13: spec.metrics[0].name: a metric name cannot hold a placeholder'],
  ])('%s', (_name, metric, expected) => {
    expect(problemsOf(withMetric(metric))).toContainEqual(expect.stringContaining(`${FILE}:${expected}`));
  });

  const METRIC = `    - name: m\n      successCondition: result > 0\n      provider:\n        prometheus: { address: "http://prom:9090", query: up }\n`;
  test.each([
    ['a wrong apiVersion', 'apiVersion: argoproj.io/v1beta1\nkind: AnalysisTemplate\nmetadata: { name: t }\nspec:\n  metrics:\n' + METRIC, '1:13: apiVersion: expected argoproj.io/v1alpha1, found "argoproj.io/v1beta1"'],
    ['an AnalysisRun', 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisRun\nmetadata: { name: t }\nspec:\n  metrics:\n' + METRIC, '2:7: kind: expected AnalysisTemplate or ClusterAnalysisTemplate, found "AnalysisRun" (Ferry runs templates; Argo creates AnalysisRuns from them)'],
    ['a missing name', 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: { labels: {} }\nspec:\n  metrics:\n' + METRIC, '3:11: metadata: missing required key "name"'],
    ['a name Kubernetes refuses', 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: { name: Success_Rate }\nspec:\n  metrics:\n' + METRIC, '3:19: metadata.name: expected a Kubernetes name'],
    ['an unknown Ferry annotation', 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata:\n  name: t\n  annotations:\n    ferry.dev/allow-failure-only: "true"\nspec:\n  metrics:\n' + METRIC, '6:5: metadata.annotations.ferry.dev/allow-failure-only: unknown Ferry annotation "ferry.dev/allow-failure-only" (Ferry reads ferry.dev/allow-failure-condition-only)'],
    ['an opt-in that is not "true" or "false"', `apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata:\n  name: t\n  annotations:\n    ${ALLOW_FAILURE_CONDITION_ONLY}: "yes"\nspec:\n  metrics:\n` + METRIC, `6:45: metadata.annotations.${ALLOW_FAILURE_CONDITION_ONLY}: expected "true" or "false", found "yes"`],
    ['a label that is not text', 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata:\n  name: t\n  labels: { canary: true }\nspec:\n  metrics:\n' + METRIC, '5:21: metadata.labels.canary: expected a text value (quote it: "…"), found the boolean true'],
    ['a status', 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: { name: t }\nstatus: {}\nspec:\n  metrics:\n' + METRIC, '4:1: status: a template has no status'],
    ['spec.templates', 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: { name: t }\nspec:\n  templates: [{ templateName: x }]\n  metrics:\n' + METRIC, '5:3: spec.templates: Ferry does not support templates that include other templates'],
    ['no metrics', 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: { name: t }\nspec:\n  metrics: []\n', '5:12: spec.metrics: expected a non-empty list of metrics, found an empty list'],
    ['an arg with both value and valueFrom', 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: { name: t }\nspec:\n  args:\n    - name: a\n      value: x\n      valueFrom: { secretKeyRef: { name: s, key: k } }\n  metrics:\n' + METRIC, '8:7: spec.args[0].valueFrom: arg "a" has both value and valueFrom; give one'],
    ['valueFrom.fieldRef', 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: { name: t }\nspec:\n  args:\n    - name: a\n      valueFrom: { fieldRef: { fieldPath: metadata.labels } }\n  metrics:\n' + METRIC, '7:20: spec.args[0].valueFrom.fieldRef: Ferry does not support valueFrom.fieldRef'],
    ['a secretKeyRef without key', 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: { name: t }\nspec:\n  args:\n    - name: a\n      valueFrom: { secretKeyRef: { name: s } }\n  metrics:\n' + METRIC, '7:34: spec.args[0].valueFrom.secretKeyRef: missing required key "key"'],
    ['an arg declared twice', 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: { name: t }\nspec:\n  args:\n    - name: a\n    - name: a\n  metrics:\n' + METRIC, '7:13: spec.args[1].name: arg "a" is declared twice (also spec.args[0])'],
    ['a metric declared twice', 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: { name: t }\nspec:\n  metrics:\n' + METRIC + METRIC, '10:13: spec.metrics[1].name: metric "m" is declared twice (also spec.metrics[0])'],
    ['a dryRun rule that matches no metric', 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: { name: t }\nspec:\n  dryRun:\n    - metricName: mm\n  metrics:\n' + METRIC + METRIC.replace('name: m', 'name: n'), '6:19: spec.dryRun[0].metricName: matches no metric (metrics: m, n); the rule must match a whole metric name'],
    ['a dryRun rule that is no regular expression', 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: { name: t }\nspec:\n  dryRun:\n    - metricName: "(m"\n  metrics:\n' + METRIC, '6:19: spec.dryRun[0].metricName: expected a metric name or a regular expression, found "(m"'],
    ['every metric in dryRun', 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: { name: t }\nspec:\n  dryRun:\n    - metricName: .*\n  metrics:\n' + METRIC, '5:3: spec.dryRun: every metric is dry-run, so nothing would decide the gate'],
    ['YAML that does not parse', 'apiVersion: argoproj.io/v1alpha1\nkind: [AnalysisTemplate\n', '3:1: cannot read the YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['a duplicate key', 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nkind: AnalysisTemplate\n', '3:1: duplicate key (a key may appear once in a mapping)'],
  ])('%s', (_name, text, expected) => {
    expect(problemsOf(text)).toContainEqual(expect.stringContaining(`${FILE}:${expected}`));
  });

  test('every problem of a file at once, in file order', () => {
    const text = withMetric(`- name: m\n  interval: 1m\n${PROM}\n- name: n\n  provider:\n    web: {}`);
    expect(problemsOf(text).map((p) => p.split(': ')[0])).toEqual([`${FILE}:9:7`, `${FILE}:10:17`, `${FILE}:15:7`, `${FILE}:17:9`]);
  });

  test('an empty file', () => {
    expect(problemsOf('# nothing\n')).toEqual([`${FILE}:1:1: expected an AnalysisTemplate or ClusterAnalysisTemplate, found an empty file`]);
  });
});

describe('resolveAnalysis', () => {
  const ARGS_TEMPLATE = dedent(`
    apiVersion: argoproj.io/v1alpha1
    kind: AnalysisTemplate
    metadata: { name: args }
    spec:
      args:
        - name: app
        - name: env
        - name: count
          value: "3"
        - name: threshold
          value: "0.99"
        - name: previous-digest
        - name: token
          valueFrom:
            secretKeyRef: { name: prom-token, key: bearer.token }
      metrics:
        - name: m
          interval: 1m
          count: "{{args.count}}"
          successCondition: result[0] >= {{ args.threshold }}
          provider:
            prometheus:
              address: http://prom:9090
              headers: [{ key: Authorization, value: "Bearer {{args.token}}" }]
              query: rate(x{namespace="{{args.app}}-{{ args.env }}", digest!="{{args.previous-digest}}"}[5m])
  `);
  const template = parseAnalysisTemplate(ARGS_TEMPLATE, FILE);
  const GIVEN = { app: 'user-service', env: 'prod', 'previous-digest': 'sha256:bb' };
  const ENV = { FERRY_SECRET_PROM_TOKEN_BEARER_TOKEN: 'tok-123' };

  test('substitutes {{args.x}} and {{ args.x }} everywhere, given args before defaults', () => {
    const r = resolveAnalysis(template, { ...GIVEN, threshold: '0.95' }, { env: ENV, nowMs: NOW });
    expect(r.metrics[0]).toMatchObject({
      query: 'rate(x{namespace="user-service-prod", digest!="sha256:bb"}[5m])',
      headers: { Authorization: 'Bearer tok-123' },
      count: 3,
      successCondition: { text: 'result[0] >= 0.95' },
    });
    expect(r.secrets).toEqual(['tok-123']);
  });

  test.each([
    ['an arg without a value', { app: 'a', env: 'e' }, ENV, `${FILE}:12:7: spec.args[4].value: arg "previous-digest" has no value: the template gives no default and Ferry supplies "previous-digest" only when it has a value (a first promotion has no previous version); give it a default value`],
    ['a secret whose variable is not set', GIVEN, {}, `${FILE}:13:7: spec.args[5].valueFrom.secretKeyRef: arg "token" reads key "bearer.token" of Secret "prom-token" from the environment variable FERRY_SECRET_PROM_TOKEN_BEARER_TOKEN, which is not set`],
    ['a secret whose variable is empty', GIVEN, { FERRY_SECRET_PROM_TOKEN_BEARER_TOKEN: '' }, `${FILE}:13:7: spec.args[5].valueFrom.secretKeyRef: arg "token" reads key "bearer.token" of Secret "prom-token" from the environment variable FERRY_SECRET_PROM_TOKEN_BEARER_TOKEN, which is empty`],
    ['a count arg that is not a number', { ...GIVEN, count: 'three' }, ENV, `${FILE}:19:14: spec.metrics[0].count: expected a whole number of measurements, 1 or more, found "three"`],
    ['a threshold that breaks the condition', { ...GIVEN, threshold: '>' }, ENV, `${FILE}:20:25: spec.metrics[0].successCondition: cannot parse the condition after substituting args: unexpected ">"`],
  ])('refuses %s', (_name, args, env, expected) => {
    expect(resolveProblems(template, args, { env, nowMs: NOW })).toContainEqual(expect.stringContaining(expected));
  });

  test('a timeout, interval or initialDelay up to the longest timer is taken; past it, also from an arg, refused', () => {
    const t = parseAnalysisTemplate(withMetric(`- name: m\n  interval: "{{args.app}}"\n  count: 2\n  initialDelay: 596h31m23.647s\n  successCondition: result > 0\n  provider:\n    prometheus:\n      address: http://prom:9090\n      query: up\n      timeout: 2147483`), FILE);
    expect(resolveAnalysis(t, { app: '596h31m23s' }, OPTS).metrics[0]).toMatchObject({ intervalMs: 2_147_483_000, initialDelayMs: 2_147_483_647, timeoutMs: 2_147_483_000 });
    expect(resolveProblems(t, { app: '597h' })).toEqual([`${FILE}:10:17: spec.metrics[0].interval: expected a duration of at most 596h31m23s (24.8 days, the longest wait a timer takes), found "597h"`]);
  });

  test('a condition that reads no result once its args are substituted', () => {
    const t = parseAnalysisTemplate(withMetric(`- name: m\n  successCondition: "{{args.app}}"\n${PROM}`), FILE);
    expect(resolveProblems(t, { app: 'true' })).toEqual([`${FILE}:10:25: spec.metrics[0].successCondition: the condition does not read result, so it is true or false whatever Prometheus answers; compare result with what the metric must show, as in result[0] >= 0.95`]);
    expect(resolveProblems(t, { app: 'result[0] > 1' })).toEqual([]);
  });

  test('an arg with no value anywhere', () => {
    const t = parseAnalysisTemplate(withMetric(`- name: m\n  successCondition: result > 0\n${PROM}`), FILE);
    expect(resolveProblems(t, {})).toEqual([`${FILE}:7:7: spec.args[0].value: arg "app" has no value: the template gives no default and Ferry supplies "app" only when it has a value (a first promotion has no previous version); give it a default value`]);
    const custom = parseAnalysisTemplate(withMetric(`- name: m\n  successCondition: result > 0\n${PROM}`).replaceAll('app', 'service'), FILE);
    expect(resolveProblems(custom, { app: 'a' })).toEqual([`${FILE}:7:7: spec.args[0].value: arg "service" has no value: the template gives no default and Ferry supplies only app, env, image, tag, digest, previous-image, previous-tag, previous-digest; give it a default value`]);
  });

  test('an arg with no value where the caller gives the args (ferry analyze): the remedy is --arg', () => {
    const t = parseAnalysisTemplate(withMetric(`- name: m\n  successCondition: result > 0\n${PROM}`), FILE);
    const byArg: ResolveOptions = { ...OPTS, argsFrom: '--arg' };
    expect(resolveProblems(t, {}, byArg)).toEqual([`${FILE}:7:7: spec.args[0].value: arg "app" has no value: the template gives no default and no --arg gives one; give it with --arg app=<value>, or give it a default value`]);
    const custom = parseAnalysisTemplate(withMetric(`- name: m\n  successCondition: result > 0\n${PROM}`).replaceAll('app', 'service'), FILE);
    expect(resolveProblems(custom, { app: 'a' }, byArg)).toEqual([`${FILE}:7:7: spec.args[0].value: arg "service" has no value: the template gives no default and no --arg gives one; give it with --arg service=<value>, or give it a default value`]);
    expect(resolveProblems(custom, { service: 's' }, byArg)).toEqual([]);
  });

  test('never shows a secret in its errors', () => {
    const t = parseAnalysisTemplate(ARGS_TEMPLATE.replace('count: "{{args.count}}"', 'count: "{{args.token}}"'), FILE);
    const problems = resolveProblems(t, GIVEN, { env: ENV, nowMs: NOW });
    expect(problems).toEqual([`${FILE}:19:14: spec.metrics[0].count: expected a whole number of measurements, 1 or more, found "*****"`]);
  });

  describe('a secret arg in the query whose value cannot sit in its PromQL string literal unescaped is refused, naming the arg, never the value', () => {
    const TENANT = dedent(`
      apiVersion: argoproj.io/v1alpha1
      kind: AnalysisTemplate
      metadata: { name: tenant }
      spec:
        args:
          - name: tok
            valueFrom:
              secretKeyRef: { name: prom, key: tenant }
        metrics:
          - name: m
            successCondition: result[0] >= 0.99
            provider:
              prometheus:
                address: http://prom:9090
                headers: [{ key: X-Scope-OrgID, value: "{{args.tok}}" }]
                query: max(up{tenant="{{args.tok}}"})
    `);
    const t = parseAnalysisTemplate(TENANT, FILE);
    const env = (value: string) => ({ env: { FERRY_SECRET_PROM_TENANT: value }, nowMs: NOW });
    const REFUSED = `${FILE}:16:18: spec.metrics[0].provider.prometheus.query: secret arg "tok" cannot be put into the query: its value holds a quote, a backslash or a line break, which would end or change the PromQL string literal it is placed in (Argo puts it in unescaped), and Prometheus would then quote part of the secret in its error; the value is not shown`;

    test.each(['TOPSECRET"xyzzyPASS', 'TOPSECRET\\xyzzyPASS', 'TOPSECRET\nxyzzyPASS', 'TOPSECRET\rxyzzyPASS'])('in "…": %j', (value) => {
      const problems = resolveProblems(t, {}, env(value));
      expect(problems).toContain(REFUSED); // (a line break is refused in the header too)
      for (const part of ['TOPSECRET', 'xyzzy', 'PASS']) expect(problems.join('\n')).not.toContain(part);
    });

    test('given with --arg, it is refused the same', () => {
      expect(resolveProblems(t, { tok: 'a"b' }, { env: {}, nowMs: NOW })).toEqual([REFUSED]);
    });

    test.each<[string, string, boolean]>([
      ["max(up{tenant='{{args.tok}}'})", "a'b", true],
      ["max(up{tenant='{{args.tok}}'})", 'a"b', false],
      ['max(up{tenant=`{{args.tok}}`})', 'a`b', true],
      ['max(up{tenant=`{{args.tok}}`})', 'a"b\'c', false],
      ['max(up{tenant="x\\"{{args.tok}}"})', 'a"b', true], // after an escaped quote, still in the literal
      ['max(up{tenant="{{args.tok}}", job=\'a"b\'})', "a'b", false],
      ['max(up) > {{args.tok}}', 'a"b', true], // outside a literal: any quote
      ['max(up) > {{args.tok}}', "a'b", true],
      ['max(up) > {{args.tok}}', '0 abc', false], // (Prometheus's words about it are not repeated: prometheus.ts)
      // a PromQL comment runs from # to the end of the line: a quote in it opens no literal
      ['# the job\'s availability\nmax(up{tenant="self", x!="{{args.tok}}"})', 'ab"c', true],
      ['# the job\'s availability\nmax(up{tenant="self", x!="{{args.tok}}"})', "ab'c", false],
      ['# "quoted"\r\nmax(up{x!=\'{{args.tok}}\'})', "a'b", true],
      ['max(up{x="#"}) > 0 # it\'s {{args.tok}}', 'a"b\'c', false], // in a comment: only a line break would end it
      ['max(up{x="a#b", y="{{args.tok}}"})', 'a"b', true], // a # in a literal is no comment
    ])('%s with %j: refused %s', (query, value, refused) => {
      const other = parseAnalysisTemplate(TENANT.replace('query: max(up{tenant="{{args.tok}}"})', `query: ${JSON.stringify(query)}`), FILE);
      expect(resolveProblems(other, {}, env(value))).toEqual(refused ? [REFUSED] : []);
    });

    test('a value that can sit in the literal passes; so does one only in a header', () => {
      expect(resolveAnalysis(t, {}, env("tenant-7f3a x&y=%41'`")).metrics[0]!.query).toBe('max(up{tenant="tenant-7f3a x&y=%41\'`"})');
      const headerOnly = parseAnalysisTemplate(TENANT.replace('query: max(up{tenant="{{args.tok}}"})', 'query: max(up)'), FILE);
      expect(resolveProblems(headerOnly, {}, env('a"b'))).toEqual([]);
    });
  });

  test('a secret arg given a value is still secret', () => {
    expect(resolveAnalysis(template, { ...GIVEN, token: 'given' }, { env: {}, nowMs: NOW }).secrets).toEqual(['given']);
  });

  test('the Prometheus address: the override replaces every metric\'s; a bearer token from the environment', () => {
    const r = resolveAnalysis(template, GIVEN, { env: { ...ENV, PROM_TOKEN: 'bt' }, nowMs: NOW, prometheusAddress: 'https://amp.example.com/workspaces/ws', bearerTokenEnv: 'PROM_TOKEN' });
    expect(r.metrics[0]).toMatchObject({ address: 'https://amp.example.com/workspaces/ws', bearerToken: 'bt' });
    expect(r.secrets).toEqual(['tok-123', 'bt']);
  });

  test.each([
    ['a bearer token variable that is not set', { bearerTokenEnv: 'NOPE' }, 'bearer-token-env: the environment variable NOPE that should hold the Prometheus bearer token is not set'],
    ['an override that is not a URL', { prometheusAddress: 'prom:9090' }, '--prometheus: expected an http(s) URL like http://127.0.0.1:9090, found "prom:9090"'],
  ])('refuses %s', (_name, extra, expected) => {
    expect(resolveProblems(template, GIVEN, { env: ENV, nowMs: NOW, ...extra })).toEqual([expected]);
  });

  describe('an address that is no http(s) URL is quoted without its user info, whose password every later message masks', () => {
    test.each([
      ['http://alice:Hunter2/Secret99@127.0.0.1:19391', 'http://***@127.0.0.1:19391', ['Hunter2/Secret99', 'Hunter2', 'Secret99']],
      ['https//alice:Pw9xQ7zLm2@127.0.0.1:9090', 'https//***@127.0.0.1:9090', ['Pw9xQ7zLm2']],
      ['ftp://alice:Pw9xQ7zLm2@127.0.0.1:9090', 'ftp://***@127.0.0.1:9090', ['Pw9xQ7zLm2']],
      ['http://alice:Pw9xQ7zLm2@[::1', 'http://***@[::1', ['Pw9xQ7zLm2']],
      ['alice:Pw9xQ7zLm2@prom:9090', '***@prom:9090', ['Pw9xQ7zLm2']],
      ['http://alice:p@ss word99@[::1', 'http://***@[::1', ['p@ss word99', 'ss word99']],
      ['http://ghp_abcdefghijklmnopqrstuvwxyz0123456789@[::1', 'http://***@[::1', ['ghp_abcdefghijklmnopqrstuvwxyz0123456789']],
    ])('--prometheus %j', (address, shown, hidden) => {
      const problems = resolveProblems(template, GIVEN, { env: ENV, nowMs: NOW, prometheusAddress: address });
      expect(problems).toEqual([`--prometheus: expected an http(s) URL like http://127.0.0.1:9090, found ${JSON.stringify(shown)}`]);
      for (const part of hidden) expect(problems.join('\n')).not.toContain(part);
      expect(maskRemembered(`later: ${hidden[0]}`)).toBe('later: ***');
    });

    test('the template\'s own address, also from an arg', () => {
      const t = parseAnalysisTemplate(ARGS_TEMPLATE.replace('address: http://prom:9090', 'address: "http://alice:{{args.env}}@[::1"'), FILE);
      const problems = resolveProblems(t, { ...GIVEN, env: 'Zq8/vK3pLw' }, { env: ENV, nowMs: NOW });
      expect(problems).toEqual([`${FILE}:23:20: spec.metrics[0].provider.prometheus.address: expected an http(s) URL like http://prometheus.monitoring:9090, found "http://***@[::1"`]);
      expect(maskRemembered('Prometheus said Zq8/vK3pLw')).toBe('Prometheus said ***');
    });

    test('an @ in the path hides more, never less; without one, the address is quoted as given', () => {
      expect(resolveProblems(template, GIVEN, { env: ENV, nowMs: NOW, prometheusAddress: 'ftp://prom:9090/a@b' })).toEqual(['--prometheus: expected an http(s) URL like http://127.0.0.1:9090, found "ftp://***@b"']);
      expect(resolveProblems(template, GIVEN, { env: ENV, nowMs: NOW, prometheusAddress: 'prom:9090' })).toEqual(['--prometheus: expected an http(s) URL like http://127.0.0.1:9090, found "prom:9090"']);
    });
  });

  describe('a bearer token is not sent over plain http, but to a loopback address', () => {
    const PLAIN = 'is not sent over plain http to "http://prom.example.com:9090", where anyone on the way could read it: use an https:// address (http is taken only for a loopback address: 127.0.0.1, ::1 or localhost)';
    const withToken = { env: { ...ENV, PROMETHEUS_TOKEN: 'bt-secret' }, nowMs: NOW, bearerTokenEnv: 'PROMETHEUS_TOKEN' };

    test('the override (--prometheus): refused, once for all metrics', () => {
      expect(resolveProblems(template, GIVEN, { ...withToken, prometheusAddress: 'http://prom.example.com:9090/prefix' }))
        .toEqual([`--prometheus: the Prometheus bearer token (from PROMETHEUS_TOKEN) ${PLAIN}`]);
    });

    test('the template\'s own address: refused at its line', () => {
      const t = parseAnalysisTemplate(ARGS_TEMPLATE.replace('address: http://prom:9090', 'address: http://prom.example.com:9090'), FILE);
      expect(resolveProblems(t, GIVEN, withToken)).toEqual([`${FILE}:23:20: spec.metrics[0].provider.prometheus.address: the Prometheus bearer token (from PROMETHEUS_TOKEN) ${PLAIN}`]);
    });

    test.each(['https://prom.example.com:9090', 'http://127.0.0.1:9090', 'http://127.8.9.10', 'http://localhost:9090', 'http://LOCALHOST', 'http://[::1]:9090'])('%s: taken', (address) => {
      expect(resolveAnalysis(template, GIVEN, { ...withToken, prometheusAddress: address }).metrics[0]).toMatchObject({ address, bearerToken: 'bt-secret' });
    });

    test('without a bearer token, http is taken as before', () => {
      expect(resolveAnalysis(template, GIVEN, { env: ENV, nowMs: NOW, prometheusAddress: 'http://prom.example.com:9090' }).metrics[0]!.address).toBe('http://prom.example.com:9090');
    });
  });

  test('a metric without an address and no override', () => {
    const t = parseAnalysisTemplate(withMetric(`- name: m\n  successCondition: result > 0\n  provider:\n    prometheus:\n      query: up`), FILE);
    expect(resolveProblems(t, { app: 'a' })).toEqual([`${FILE}:9:7: spec.metrics[0].provider.prometheus.address: no Prometheus address: the metric gives none, and none was given to Ferry (--prometheus, or prometheus.address in ferry.yaml)`]);
    expect(resolveAnalysis(t, { app: 'a' }, { ...OPTS, prometheusAddress: 'http://127.0.0.1:9090' }).metrics[0]!.address).toBe('http://127.0.0.1:9090');
  });

  test('ferryArgs gives only the args a template declares', () => {
    expect(ferryArgs(template, { app: 'a', env: 'e', tag: '1.0', 'previous-digest': 'sha256:bb' })).toEqual({ app: 'a', env: 'e', 'previous-digest': 'sha256:bb' });
  });
});

describe('secrets', () => {
  test.each([
    ['prom-token', 'token', 'FERRY_SECRET_PROM_TOKEN_TOKEN'],
    ['token-secret', 'apiToken', 'FERRY_SECRET_TOKEN_SECRET_APITOKEN'],
    ['basicauth.secret', 'ca.crt', 'FERRY_SECRET_BASICAUTH_SECRET_CA_CRT'],
  ])('Secret %s key %s is read from %s', (name, key, env) => {
    expect(secretEnvName(name, key)).toBe(env);
  });

  test.each([
    ['Bearer abc and abcdef', ['abc', 'abcdef'], 'Bearer ***** and *****'],
    ['nothing secret', ['x y z'], 'nothing secret'],
    ['empty secrets are ignored', [''], 'empty secrets are ignored'],
    // the spellings a message may hold it in: JSON-escaped (once, twice), percent-encoded (URL, form body, lower-case hex)
    ['error: "tenant=\\"a\\\\b\\""', ['a\\b"'], 'error: "tenant=\\"*****"'],
    ['{"e":"q{t=\\"a\\\\\\\\b\\\\\\"\\"}"}', ['a\\b"'], '{"e":"q{t=\\"*****\\"}"}'],
    ['GET /api/v1/query?query=up%7Bt%3D%22a%20b%26c%22%7D', ['a b&c'], 'GET /api/v1/query?query=up%7Bt%3D%22*****%22%7D'],
    ['query=up%7Bt%3D%22a+b%26c%22%7D', ['a b&c'], 'query=up%7Bt%3D%22*****%22%7D'],
    ['query=up%7bt%3d%22a%20b%26c%22%7d', ['a b&c'], 'query=up%7bt%3d%22*****%22%7d'],
  ])('maskSecrets(%j)', (text, secrets, expected) => {
    expect(maskSecrets(text, secrets)).toBe(expected);
  });
});

describe('checkDeclaredArgs: an arg the template does not declare is refused, not ignored', () => {
  const template = parseAnalysisTemplate(withMetric(`- name: m\n  successCondition: result[0] > 0\n${PROM}`), FILE);

  test('declared args pass', () => {
    expect(() => checkDeclaredArgs(template, { app: 'x' }, '--arg')).not.toThrow();
    expect(() => checkDeclaredArgs(template, {}, '--baseline-arg')).not.toThrow();
  });

  test('undeclared ones are named, with the declared ones', () => {
    expect(() => checkDeclaredArgs(template, { app: 'x', ap: 'y', version: 'z' }, '--baseline-arg'))
      .toThrow(`${FILE}: --baseline-arg: template "t" declares no arg "ap", "version" (its args: ${template.args.map((a) => a.name).join(', ')})`);
  });
});
