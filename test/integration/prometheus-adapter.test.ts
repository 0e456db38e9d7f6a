// HttpPrometheus (actions/src/adapters/prometheus.ts) against a real Prometheus on 127.0.0.1: one
// backfilled with a hand-written OpenMetrics fixture (exact values), and scraping a real metrics app.
// What Prometheus cannot be made to do on demand (answer 502, echo headers, check a SigV4 signature)
// is played by a small HTTP server here that records every request.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HttpPrometheus, MAX_RESPONSE_BYTES, PrometheusError, type PrometheusQuery, type QueryResult } from '../../actions/src/adapters/prometheus.js';
import { ConfigurationError } from '../../actions/src/core/errors.js';
import { freePort } from '../support/git-daemon.js';
import { startMetricsApp, startPrometheus, waitForSamples, type MetricsApp, type PrometheusServer } from '../support/prometheus-server.js';

/** The fixture's first timestamp (2023-11-14T22:13:20Z), in seconds; samples every 60 s to T0 + 240. */
const T0 = 1_700_000_000;
const at = (offsetSeconds: number) => (T0 + offsetSeconds) * 1000;

// Counters in OpenMetrics: the family is typed without `_total`, its samples carry it.
const FIXTURE = `# HELP fixture_value A gauge with two series.
# TYPE fixture_value gauge
${[0, 1, 2, 3, 4].map((k) => `fixture_value{series="a"} ${k + 1} ${T0 + 60 * k}\nfixture_value{series="b"} ${10 * (k + 1)} ${T0 + 60 * k}`).join('\n')}
# HELP fixture_special Values a gate must not mistake for numbers.
# TYPE fixture_special gauge
fixture_special{kind="nan"} NaN ${T0}
fixture_special{kind="pos"} +Inf ${T0}
fixture_special{kind="neg"} -Inf ${T0}
# HELP fixture_requests Requests by code: 60 a minute answered 200, 6 a minute answered 500.
# TYPE fixture_requests counter
${[0, 1, 2, 3, 4].map((k) => `fixture_requests_total{code="200"} ${60 * k} ${T0 + 60 * k}\nfixture_requests_total{code="500"} ${6 * k} ${T0 + 60 * k}`).join('\n')}
# EOF
`;

const prometheus = new HttpPrometheus();
let server: PrometheusServer;
let app: MetricsApp;
let recorder: Recorder;
/** Another origin (another port), where a redirect may point. */
let elsewhere: Recorder;

beforeAll(async () => {
  app = await startMetricsApp({ errorRate: 0.25, latencyMs: 20, version: 'v2' });
  server = await startPrometheus({ backfill: FIXTURE, scrapeTargets: [{ job: 'app', targets: [`127.0.0.1:${app.port}`] }], scrapeIntervalSeconds: 1 });
  recorder = await startRecorder();
  elsewhere = await startRecorder();
});

afterAll(async () => {
  await server?.stop();
  await app?.stop();
  await recorder?.stop();
  await elsewhere?.stop();
});

/** Pairs each series' labels (one label's value) with its entry of `value`: `value[i]` must be series i's. */
function byLabel(result: QueryResult, label: string): Record<string, unknown> {
  expect(Array.isArray(result.value)).toBe(true);
  const values = result.value as unknown[];
  expect(values).toHaveLength(result.series.length);
  return Object.fromEntries(result.series.map((s, i) => [s.labels[label], values[i]]));
}

async function rejection(promise: Promise<unknown>): Promise<PrometheusError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PrometheusError);
  return error as PrometheusError;
}

describe('against a backfilled Prometheus', () => {
  test.each([
    { name: 'a selector at a sample time', query: 'fixture_value', time: 120, expected: { a: 3, b: 30 } },
    { name: 'a selector between samples (the last one within the lookback)', query: 'fixture_value', time: 150, expected: { a: 3, b: 30 } },
    { name: 'an aggregation', query: 'sum by (series) (fixture_value * 2)', time: 240, expected: { a: 10, b: 100 } },
  ])('instant vector, $name: value holds each series\' value, in the order of series', async ({ query, time, expected }) => {
    const result = await prometheus.query({ address: server.url, query, timeMs: at(time) });
    expect(result.resultType).toBe('vector');
    expect(byLabel(result, 'series')).toEqual(expected);
    expect(result.series.every((s) => s.points.length === 1 && s.points[0]![0] === T0 + time)).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  test('instant vector of one series: value is a one-element list, as Argo\'s result[0] expects', async () => {
    const result = await prometheus.query({ address: server.url, query: 'sum(fixture_value)', timeMs: at(240) });
    expect(result).toEqual({ value: [55], resultType: 'vector', series: [{ labels: {}, points: [[T0 + 240, 55]] }], warnings: [] });
  });

  test('the success rate of the fixture\'s counters, from rate() over two minutes', async () => {
    // 200s: 60 a minute → 1/s; 500s: 6 a minute → 0.1/s; success rate 1 / 1.1.
    const query = 'sum(rate(fixture_requests_total{code!~"5.."}[2m])) / sum(rate(fixture_requests_total[2m]))';
    const result = await prometheus.query({ address: server.url, query, timeMs: at(240) });
    expect(result.resultType).toBe('vector');
    expect(result.value).toHaveLength(1);
    expect((result.value as number[])[0]).toBeCloseTo(1 / 1.1, 12);
  });

  test.each([
    { query: 'scalar(sum(fixture_value{series="a"}))', time: 60, expected: 2 },
    { query: 'scalar(fixture_value)', time: 60, expected: NaN }, // two series: scalar() gives NaN
    { query: '1 / 0', time: 0, expected: Infinity },
    { query: '-1 / 0', time: 0, expected: -Infinity },
    { query: '0 / 0', time: 0, expected: NaN },
  ])('scalar $query is the number $expected', async ({ query, time, expected }) => {
    const result = await prometheus.query({ address: server.url, query, timeMs: at(time) });
    expect(result.resultType).toBe('scalar');
    expect(typeof result.value).toBe('number');
    expect(Object.is(result.value, expected)).toBe(true);
    expect(result.series).toEqual([{ labels: {}, points: [[T0 + time, expected]] }]);
  });

  test('NaN, +Inf and -Inf samples of a vector are parsed, not dropped or zeroed', async () => {
    const result = await prometheus.query({ address: server.url, query: 'fixture_special', timeMs: at(60) });
    expect(byLabel(result, 'kind')).toEqual({ nan: NaN, pos: Infinity, neg: -Infinity });
  });

  test('an empty vector is []', async () => {
    const result = await prometheus.query({ address: server.url, query: 'fixture_value{series="nope"}', timeMs: at(60) });
    expect(result).toEqual({ value: [], resultType: 'vector', series: [], warnings: [] });
  });

  test('range query: a matrix whose value is every point of every series, flattened in order', async () => {
    const result = await prometheus.query({ address: server.url, query: 'fixture_value', range: { startMs: at(0), endMs: at(240), stepSeconds: 120 } });
    expect(result.resultType).toBe('matrix');
    const points = Object.fromEntries(result.series.map((s) => [s.labels.series, s.points]));
    expect(points).toEqual({
      a: [[T0, 1], [T0 + 120, 3], [T0 + 240, 5]],
      b: [[T0, 10], [T0 + 120, 30], [T0 + 240, 50]],
    });
    expect(result.value).toEqual(result.series.flatMap((s) => s.points.map((p) => p[1])));
    expect([...(result.value as number[])].sort((x, y) => x - y)).toEqual([1, 3, 5, 10, 30, 50]);
  });

  test('range query between samples repeats the last sample (step 30 s)', async () => {
    const result = await prometheus.query({ address: server.url, query: 'fixture_value{series="a"}', range: { startMs: at(0), endMs: at(120), stepSeconds: 30 } });
    expect(result.value).toEqual([1, 1, 2, 2, 3]);
    expect(result.series[0]!.points.map((p) => p[0])).toEqual([T0, T0 + 30, T0 + 60, T0 + 90, T0 + 120]);
  });

  test('range query of a rate: 6 errors a minute is 0.1/s at every step', async () => {
    const result = await prometheus.query({ address: server.url, query: 'rate(fixture_requests_total{code="500"}[2m])', range: { startMs: at(120), endMs: at(240), stepSeconds: 60 } });
    expect(result.value).toHaveLength(3);
    for (const v of result.value as number[]) expect(v).toBeCloseTo(0.1, 12);
  });

  test('bad PromQL is a "query" error quoting Prometheus\'s errorType and error, the address and the query', async () => {
    const error = await rejection(prometheus.query({ address: server.url, query: 'sum(rate(fixture_value[5m])' }));
    expect(error).toMatchObject({ kind: 'query', retryable: false, status: 400, errorType: 'bad_data' });
    expect(error.message).toContain(`Prometheus at ${server.url}`);
    expect(error.message).toContain('"sum(rate(fixture_value[5m])"');
    expect(error.message).toMatch(/bad_data\): ".*unclosed left parenthesis/);
  });

  test('a query holding a secret: Prometheus\'s parse error, which quotes the part of the secret it read as PromQL, is not repeated', async () => {
    const secret = 'TOPSECRET"xyzzyPASS';
    const query = `max(fixture_value{series="${secret}"})`;
    // What Prometheus says: masking the whole secret leaves the part it quotes.
    const raw = await fetch(`${server.url}/api/v1/query?${new URLSearchParams({ query })}`).then((r) => r.json() as Promise<{ error: string }>);
    expect(raw.error).toContain('xyzzyPASS');
    const error = await rejection(prometheus.query({ address: server.url, query, secrets: [secret] }));
    expect(error).toMatchObject({ kind: 'query', retryable: false, status: 400, errorType: 'bad_data' });
    expect(error.message).toBe(`Prometheus at ${server.url} rejected the query "max(fixture_value{series=\\"***\\"})" (HTTP 400, bad_data) (its message is not shown: the query holds a secret arg, and the message could quote part of it)`);
    for (const part of ['xyzzy', 'PASS', 'TOPSECRET']) expect(error.message).not.toContain(part);
  });

  test('a string result is a "response" error: no condition can compare it', async () => {
    const error = await rejection(prometheus.query({ address: server.url, query: '"abc"' }));
    expect(error).toMatchObject({ kind: 'response', retryable: false });
    expect(error.message).toContain('result type "string"');
  });
});

describe('against a Prometheus scraping a live app', () => {
  test('shows the app\'s request rate, its error share and its latency, labelled with its version', async () => {
    await waitForSamples(server.url, 'http_requests_total{job="app",code="500"}', 3);
    const rate = await prometheus.query({ address: server.url, query: 'sum by (version) (rate(http_requests_total{job="app"}[10s]))' });
    expect(rate.series.map((s) => s.labels)).toEqual([{ version: 'v2' }]);
    expect((rate.value as number[])[0]).toBeGreaterThan(0);

    // The app fails every fourth request, and one scrape reads both counters at once.
    const share = await prometheus.query({ address: server.url, query: 'sum(http_requests_total{job="app",code="500"}) / sum(http_requests_total{job="app"})' });
    expect(Math.abs((share.value as number[])[0]! - 0.25)).toBeLessThan(0.02);

    const latency = await prometheus.query({ address: server.url, query: 'sum(http_request_duration_seconds_sum{job="app"}) / sum(http_request_duration_seconds_count{job="app"})' });
    expect((latency.value as number[])[0]).toBeGreaterThan(0.015); // 20 ms a request
    expect((latency.value as number[])[0]).toBeLessThan(1);
  });

  test('a paused Prometheus (SIGSTOP) is a retryable "timeout" once timeoutMs has passed', async () => {
    await server.pause();
    try {
      const error = await rejection(prometheus.query({ address: server.url, query: 'up', timeoutMs: 1000 }));
      expect(error).toMatchObject({ kind: 'timeout', retryable: true });
      expect(error.message).toBe(`Prometheus at ${server.url} did not answer the query "up" within 1 s; a retry may help`);
    } finally {
      server.resume();
    }
    // And answers again once resumed.
    expect((await prometheus.query({ address: server.url, query: 'vector(1)' })).value).toEqual([1]);
  });

  test('a stopped Prometheus is a retryable "unreachable" naming the address and the query', async () => {
    await server.stop();
    const error = await rejection(prometheus.query({ address: server.url, query: 'up' }));
    expect(error).toMatchObject({ kind: 'unreachable', retryable: true });
    expect(error.message).toBe(`Could not reach Prometheus at ${server.url} for the query "up" (ECONNREFUSED); a retry may help`);
  });
});

describe('what reaches the server', () => {
  test('POST form-encoded to <address path>/api/v1/query with the timeout, time, custom headers and bearer token', async () => {
    recorder.respond = () => ({ status: 200, body: VECTOR_OK });
    const result = await prometheus.query({
      address: `${recorder.url}/prom/`,
      query: 'sum(up{job="api"})',
      timeMs: at(30.5),
      timeoutMs: 7000,
      headers: { 'X-Scope-OrgID': 'tenant_a' },
      bearerToken: 'tok-123-secret',
    });
    expect(result.value).toEqual([1]);
    const req = recorder.last();
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/prom/api/v1/query');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({ query: 'sum(up{job="api"})', time: String(T0 + 30.5), timeout: '7000ms' });
    expect(req.headers['x-scope-orgid']).toBe('tenant_a');
    expect(req.headers.authorization).toBe('Bearer tok-123-secret');
  });

  test('a range query goes to /api/v1/query_range with start, end and step in seconds', async () => {
    recorder.respond = () => ({ status: 200, body: '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1700000000,"1.5"],[1700000060,"2e-3"]]}]}}' });
    const result = await prometheus.query({ address: recorder.url, query: 'x', range: { startMs: at(0), endMs: at(60), stepSeconds: 60 } });
    expect(result.value).toEqual([1.5, 0.002]);
    const req = recorder.last();
    expect(req.path).toBe('/api/v1/query_range');
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({ query: 'x', start: String(T0), end: String(T0 + 60), step: '60', timeout: '30000ms' });
  });

  test('userinfo in the address is sent as Basic auth and shown as *** in errors', async () => {
    recorder.respond = () => ({ status: 404, body: 'no such path' });
    const address = `http://alice:pa55word@127.0.0.1:${recorder.port}`;
    const error = await rejection(prometheus.query({ address, query: 'up' }));
    expect(recorder.last().headers.authorization).toBe(`Basic ${Buffer.from('alice:pa55word').toString('base64')}`);
    expect(error).toMatchObject({ kind: 'http', retryable: false, status: 404 });
    expect(error.message).toBe(`Prometheus at http://***@127.0.0.1:${recorder.port} answered the query "up" with HTTP 404 Not Found: "no such path"`);
  });

  test('a 405 to the POST is tried again as a GET with the parameters in the query string', async () => {
    recorder.respond = (req) => (req.method === 'POST' ? { status: 405, body: 'method not allowed' } : { status: 200, body: VECTOR_OK });
    const result = await prometheus.query({ address: recorder.url, query: 'up', headers: { 'X-Scope-OrgID': 't' } });
    expect(result.value).toEqual([1]);
    const req = recorder.last();
    expect(req.method).toBe('GET');
    expect(req.path).toBe('/api/v1/query');
    expect(Object.fromEntries(new URLSearchParams(req.query))).toEqual({ query: 'up', timeout: '30000ms' });
    expect(req.headers['x-scope-orgid']).toBe('t');
  });

  const KEY_ID = 'AKIDFERRYTEST0000001';
  const SECRET = 'ferry/secret+access/key/0000000000000000';
  const SESSION = 'ferry-session-token-0000';

  test('SigV4: Authorization names the key, date, region and aps, signs x-amz-date and x-amz-content-sha256, and verifies', async () => {
    recorder.respond = () => ({ status: 200, body: VECTOR_OK });
    await prometheus.query({
      address: `${recorder.url}/workspaces/ws-1234`,
      query: 'sum(rate(http_requests_total[5m]))',
      sigv4: { region: 'eu-central-1', credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET, sessionToken: SESSION } },
    });
    const req = recorder.last();
    const auth = req.headers.authorization ?? '';
    const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/eu-central-1\/aps\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(auth);
    expect(m, auth).not.toBeNull();
    const [, keyId, day, signedHeaders] = m!;
    expect(keyId).toBe(KEY_ID);
    expect(req.headers['x-amz-date']).toMatch(new RegExp(`^${day}T\\d{6}Z$`));
    expect(signedHeaders!.split(';')).toEqual(expect.arrayContaining(['host', 'content-type', 'x-amz-date', 'x-amz-content-sha256', 'x-amz-security-token']));
    expect(req.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(req.body).digest('hex'));
    expect(req.headers['x-amz-security-token']).toBe(SESSION);
    expect(req.path).toBe('/workspaces/ws-1234/api/v1/query');
    expect(await expectedAuthorization(req, signedHeaders!.split(';'), { accessKeyId: KEY_ID, secretAccessKey: SECRET, sessionToken: SESSION })).toBe(auth);
    expect(JSON.stringify(req.headers)).not.toContain(SECRET);
  });

  test('SigV4 without credentials in the options takes them from the AWS provider chain (environment)', async () => {
    recorder.respond = () => ({ status: 200, body: VECTOR_OK });
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY, token: process.env.AWS_SESSION_TOKEN };
    process.env.AWS_ACCESS_KEY_ID = 'AKIDFROMENVIRONMENT1';
    process.env.AWS_SECRET_ACCESS_KEY = SECRET;
    delete process.env.AWS_SESSION_TOKEN;
    try {
      await new HttpPrometheus().query({ address: recorder.url, query: 'up', sigv4: { region: 'us-east-1', service: 'monitoring' } });
    } finally {
      for (const [name, value] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret], ['AWS_SESSION_TOKEN', saved.token]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    expect(recorder.last().headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDFROMENVIRONMENT1\/\d{8}\/us-east-1\/monitoring\/aws4_request, /);
  });

  test('no token, header value or credential appears in an error, even when the server echoes them', async () => {
    const echo = (req: Recorded) => JSON.stringify(req.headers);
    const secretsIn = (message: string) => ['tok-123-secret', 'tenant-secret-9', 'pa55word', SECRET, SESSION].filter((s) => message.includes(s));
    const cases: { respond: (req: Recorded) => Reply; q: Partial<PrometheusQuery>; kind: string }[] = [
      { respond: (req) => ({ status: 502, body: `upstream said ${echo(req)}` }), q: { bearerToken: 'tok-123-secret', headers: { 'X-Scope-OrgID': 'tenant-secret-9' } }, kind: 'http' },
      { respond: (req) => ({ status: 400, body: JSON.stringify({ status: 'error', errorType: 'bad_data', error: `bad ${echo(req)}` }) }), q: { bearerToken: 'tok-123-secret' }, kind: 'query' },
      { respond: (req) => ({ status: 200, body: `not json ${echo(req)}` }), q: { headers: { 'X-Scope-OrgID': 'tenant-secret-9' } }, kind: 'response' },
      { respond: (req) => ({ status: 403, body: echo(req) }), q: { sigv4: { region: 'eu-central-1', credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET, sessionToken: SESSION } } }, kind: 'http' },
      { respond: (req) => ({ status: 500, body: echo(req) }), q: { address: `http://bob:pa55word@127.0.0.1:${recorder.port}` }, kind: 'http' },
    ];
    for (const c of cases) {
      recorder.respond = c.respond;
      const error = await rejection(prometheus.query({ address: recorder.url, query: 'up', ...c.q }));
      expect(error.kind).toBe(c.kind);
      expect(error.message).toContain('***');
      expect(secretsIn(error.message), error.message).toEqual([]);
    }
  });

  test.each([
    { name: 'Prometheus\'s own "query timed out"', status: 503, body: '{"status":"error","errorType":"timeout","error":"query timed out in query execution"}', kind: 'timeout', retryable: true },
    { name: 'an overloaded Prometheus', status: 503, body: '{"status":"error","errorType":"unavailable","error":"too many queries"}', kind: 'query', retryable: true },
    { name: 'a query Prometheus cannot execute', status: 422, body: '{"status":"error","errorType":"execution","error":"many-to-many matching not allowed"}', kind: 'query', retryable: false },
    { name: 'a proxy\'s 502 page', status: 502, body: '<html>Bad Gateway</html>', kind: 'http', retryable: true },
    { name: 'throttling', status: 429, body: 'slow down', kind: 'http', retryable: true },
    { name: 'a 401', status: 401, body: '', kind: 'http', retryable: false },
    { name: 'malformed JSON', status: 200, body: '{"status":"success","data":', kind: 'response', retryable: false },
    { name: 'a success without data', status: 200, body: '{"status":"success"}', kind: 'response', retryable: false },
    { name: 'a sample that is not a number', status: 200, body: '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,""]}]}}', kind: 'response', retryable: false },
    { name: 'a native histogram sample', status: 200, body: '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"histogram":[1,{"count":"1","sum":"1"}]}]}}', kind: 'response', retryable: false },
  ])('$name is a "$kind" error, retryable: $retryable', async ({ status, body, kind, retryable }) => {
    recorder.respond = () => ({ status, body });
    const error = await rejection(prometheus.query({ address: recorder.url, query: 'up' }));
    expect(error).toMatchObject({ kind, retryable });
    expect(error.message).toContain(`Prometheus at ${recorder.url}`);
    expect(error.message).toContain('"up"');
  });

  test('warnings are passed on', async () => {
    recorder.respond = () => ({ status: 200, body: '{"status":"success","data":{"resultType":"scalar","result":[1,"4"]},"warnings":["PromQL info: metric might not be a counter"]}' });
    const result = await prometheus.query({ address: recorder.url, query: 'up' });
    expect(result).toMatchObject({ value: 4, warnings: ['PromQL info: metric might not be a counter'] });
  });

  test('the caller\'s AbortSignal ends a query in flight with the caller\'s reason', async () => {
    const controller = new AbortController();
    const reason = new Error('promotion cancelled');
    recorder.respond = () => {
      controller.abort(reason);
      return 'hang';
    };
    const error = await prometheus.query({ address: recorder.url, query: 'up' }, controller.signal).catch((e: unknown) => e);
    expect(error).toBe(reason);
    await expect(prometheus.query({ address: recorder.url, query: 'up' }, controller.signal)).rejects.toBe(reason);
  });

  test('an address that is not an http(s) URL, and a header value that cannot be sent, are ConfigurationErrors that quote no value', async () => {
    await expect(prometheus.query({ address: 'prometheus:9090', query: 'up' })).rejects.toThrow(ConfigurationError);
    const error = await prometheus.query({ address: recorder.url, query: 'up', headers: { 'X-Token': 'abc\r\nInjected: secret-value' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain('"X-Token"');
    expect((error as Error).message).not.toContain('secret-value');
  });

  test('nothing listening at the address is "unreachable", with userinfo redacted', async () => {
    const port = await freePort();
    const error = await rejection(prometheus.query({ address: `http://carol:hunter22@127.0.0.1:${port}/prom`, query: 'up' }));
    expect(error).toMatchObject({ kind: 'unreachable', retryable: true });
    expect(error.message).toBe(`Could not reach Prometheus at http://***@127.0.0.1:${port}/prom for the query "up" (ECONNREFUSED); a retry may help`);
  });
});

describe('redirects are not followed', () => {
  const KEY = 'k3y-Secret-0042';
  const TOKEN = 'tok-redirect-secret';
  const STATUS_TEXT: Record<number, string> = { 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 307: 'Temporary Redirect', 308: 'Permanent Redirect' };
  const cases = [301, 302, 303, 307, 308].flatMap((status) => [
    { status, where: 'the same origin' as const },
    { status, where: 'another origin' as const },
  ]);
  test.each(cases)('HTTP $status to $where is an error naming where it pointed; nothing is sent there', async ({ status, where }) => {
    const origin = where === 'the same origin' ? recorder : elsewhere;
    const location = `${origin.url.replace('://', '://mallory:pw-in-location@')}/prom/api/v1/query?query=up&key=${KEY}`;
    recorder.respond = (req) => (req.path === '/api/v1/query' ? { status, body: '', headers: { location } } : { status: 200, body: VECTOR_OK });
    const before = { here: recorder.requests.length, there: elsewhere.requests.length };
    const error = await rejection(prometheus.query({ address: recorder.url, query: `up{key="${KEY}"}`, headers: { 'X-Api-Key': KEY }, bearerToken: TOKEN, secrets: [KEY] }));
    expect(error).toMatchObject({ kind: 'http', retryable: false, status });
    expect(error.message).toBe(
      `Prometheus at ${recorder.url} answered the query "up{key=\\"***\\"}" with HTTP ${status} ${STATUS_TEXT[status]} to "${origin.url.replace('://', '://***@')}/prom/api/v1/query?query=***&key=***": ` +
        `Ferry does not follow redirects, which would send the query, its headers and credentials on to another address; set the Prometheus address to "${origin.url.replace('://', '://***@')}/prom"`,
    );
    // One POST, to the address given; nothing followed it, here or elsewhere.
    expect(recorder.requests.slice(before.here).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v1/query']);
    expect(elsewhere.requests.length).toBe(before.there);
    expect(error.message).not.toContain('pw-in-location');
  });

  test('a redirect elsewhere than the API path asks for the address it leads to', async () => {
    recorder.respond = () => ({ status: 302, body: '<a href="/login">login</a>', headers: { location: '/login?next=%2Fapi%2Fv1%2Fquery' } });
    const error = await rejection(prometheus.query({ address: recorder.url, query: 'up' }));
    expect(error.message).toBe(
      `Prometheus at ${recorder.url} answered the query "up" with HTTP 302 Found to "${recorder.url}/login?next=***": ` +
        'Ferry does not follow redirects, which would send the query, its headers and credentials on to another address; set the Prometheus address to the one the redirect leads to',
    );
  });

  test('a redirect of the GET that follows a 405 is not followed either', async () => {
    recorder.respond = (req) => (req.method === 'POST' ? { status: 405, body: 'method not allowed' } : { status: 307, body: '', headers: { location: `${elsewhere.url}/api/v1/query` } });
    const before = elsewhere.requests.length;
    const error = await rejection(prometheus.query({ address: recorder.url, query: 'up' }));
    expect(error).toMatchObject({ kind: 'http', status: 307 });
    expect(error.message).toContain(`set the Prometheus address to "${elsewhere.url}"`);
    expect(elsewhere.requests.length).toBe(before);
  });
});

describe('the size of an answer is bounded', () => {
  const exact = Buffer.byteLength(VECTOR_OK);
  test.each([
    { name: 'with a Content-Length', chunked: false },
    { name: 'streamed in chunks', chunked: true },
  ])('an answer of exactly the limit is read; one byte more is a "response" error ($name)', async ({ chunked }) => {
    recorder.respond = () => ({ status: 200, body: VECTOR_OK, chunked });
    expect((await new HttpPrometheus({ maxResponseBytes: exact }).query({ address: recorder.url, query: 'up' })).value).toEqual([1]);
    const error = await rejection(new HttpPrometheus({ maxResponseBytes: exact - 1 }).query({ address: recorder.url, query: 'up' }));
    expect(error).toMatchObject({ kind: 'response', retryable: false, status: 200 });
    expect(error.message).toBe(
      `Prometheus at ${recorder.url} answered the query "up" with more than ${exact - 1} bytes, the most Ferry reads; narrow the query (fewer series, e.g. aggregated with sum by (…); a shorter range or a longer step)`,
    );
  });

  test('an endless answer is cut off at the limit: a "response" error, not "unreachable", and not retryable', async () => {
    recorder.respond = () => ({ status: 200, endless: true });
    const closedBefore = recorder.closed;
    const error = await rejection(new HttpPrometheus({ maxResponseBytes: 1024 * 1024 }).query({ address: recorder.url, query: 'up', timeoutMs: 20_000 }));
    expect(error).toMatchObject({ kind: 'response', retryable: false });
    expect(error.message).toMatch(/ with more than 1 MiB, the most Ferry reads; narrow the query /);
    await expect.poll(() => recorder.closed).toBe(closedBefore + 1); // the connection was dropped, not drained
  });

  test('an error status with an endless body keeps its own verdict (a 502: a retry may help)', async () => {
    recorder.respond = () => ({ status: 502, endless: true });
    const error = await rejection(new HttpPrometheus({ maxResponseBytes: 1024 * 1024 }).query({ address: recorder.url, query: 'up', timeoutMs: 20_000 }));
    expect(error).toMatchObject({ kind: 'http', retryable: true, status: 502 });
    expect(error.message).toMatch(new RegExp(`^Prometheus at ${recorder.url} answered the query "up" with HTTP 502 Bad Gateway: ".*"; a retry may help$`));
  });

  test(`a Content-Length over the default limit (${MAX_RESPONSE_BYTES / 1024 / 1024} MiB) is refused before reading the body`, async () => {
    // The body never comes: waiting for it would end in the 10 s timeout, not in this error.
    recorder.respond = () => ({ status: 200, declaredLength: MAX_RESPONSE_BYTES + 1 });
    const error = await rejection(prometheus.query({ address: recorder.url, query: 'up', timeoutMs: 10_000 }));
    expect(error).toMatchObject({ kind: 'response', retryable: false });
    expect(error.message).toBe(
      `Prometheus at ${recorder.url} answered the query "up" with more than 64 MiB, the most Ferry reads; narrow the query (fewer series, e.g. aggregated with sum by (…); a shorter range or a longer step)`,
    );
  });
});

const VECTOR_OK = '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1700000000,"1"]}]}}';

interface Recorded {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string | undefined>;
  body: string;
}
type Reply =
  | { status: number; body: string; headers?: Record<string, string>; chunked?: boolean }
  /** A body that never ends: written as fast as the client reads it, until the connection closes. */
  | { status: number; endless: true }
  /** Headers declaring a Content-Length, then no body. */
  | { status: number; declaredLength: number }
  | 'hang';
interface Recorder {
  url: string;
  port: number;
  requests: Recorded[];
  /** Responses whose connection closed before they ended. */
  closed: number;
  respond: (req: Recorded) => Reply;
  last(): Recorded;
  stop(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 that records each request and answers what the test says. */
async function startRecorder(): Promise<Recorder> {
  const hanging: IncomingMessage[] = [];
  const recorder: Recorder = {
    url: '',
    port: 0,
    requests: [],
    closed: 0,
    respond: () => ({ status: 200, body: VECTOR_OK }),
    last() {
      const r = this.requests.at(-1);
      if (!r) throw new Error('no request was recorded');
      return r;
    },
    stop: () => new Promise<void>((resolve) => {
      httpServer.closeAllConnections();
      httpServer.close(() => resolve());
    }),
  };
  const httpServer: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const recorded = { method: req.method ?? '', path: url.pathname, query: url.search.slice(1), headers, body: Buffer.concat(chunks).toString() };
      recorder.requests.push(recorded);
      const reply = recorder.respond(recorded);
      if (reply === 'hang') {
        hanging.push(req);
        return;
      }
      res.on('close', () => {
        if (!res.writableFinished) recorder.closed++;
      });
      if ('endless' in reply) {
        res.writeHead(reply.status, { 'content-type': 'application/json' });
        res.write('{"status":"success","data":{"resultType":"vector","result":[');
        const chunk = Buffer.alloc(64 * 1024, ' ');
        const pump = (): void => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
        return;
      }
      if ('declaredLength' in reply) {
        res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': String(reply.declaredLength) });
        res.flushHeaders();
        hanging.push(req);
        return;
      }
      const length = reply.chunked ? {} : { 'content-length': String(Buffer.byteLength(reply.body)) };
      res.writeHead(reply.status, { 'content-type': reply.body.startsWith('{') ? 'application/json' : 'text/plain', ...length, ...reply.headers });
      if (reply.chunked) {
        // Two writes before the end: Node sends the body chunked, with no Content-Length.
        const half = reply.body.length >> 1;
        res.write(reply.body.slice(0, half));
        res.end(reply.body.slice(half));
      } else {
        res.end(reply.body);
      }
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  recorder.port = (httpServer.address() as { port: number }).port;
  recorder.url = `http://127.0.0.1:${recorder.port}`;
  return recorder;
}

/** The Authorization header AWS would compute for the request as the server received it. */
async function expectedAuthorization(req: Recorded, signed: string[], credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): Promise<string> {
  const date = req.headers['x-amz-date']!;
  const signingDate = new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`);
  const headers: Record<string, string> = {};
  for (const name of signed) headers[name] = req.headers[name]!;
  const [hostname, port] = headers.host!.split(':');
  const signer = new SignatureV4({ credentials, region: 'eu-central-1', service: 'aps', sha256: Sha256 });
  const signedRequest = await signer.sign(
    { method: req.method, protocol: 'http:', hostname: hostname!, port: Number(port), path: req.path, query: {}, headers, body: req.body },
    { signingDate },
  );
  return String(signedRequest.headers.authorization);
}
