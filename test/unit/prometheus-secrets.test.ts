// A secret arg substituted into a query (valueFrom.secretKeyRef) must not come back in the
// adapter's errors: not cut short by the 120 characters of the query a message quotes, not
// JSON-escaped inside a quoted message, not percent-encoded as a proxy echoes the form body.
// The Prometheus here is a fetch function (no socket), answering each request with a canned body.
import { describe, expect, test } from 'vitest';
import { HttpPrometheus, type PrometheusQuery } from '../../actions/src/adapters/prometheus.js';
import { secretForms } from '../../actions/src/core/analysis-template.js';
import { ConfigurationError } from '../../actions/src/core/errors.js';

/** Starts distinctly (its first characters are looked for too), and holds a quote, a backslash, a space and a `&`. */
const SECRET = 'Zq9Tenant"Key\\v1 &x=%41';

type Answer = (request: { query: string; body: string }) => { status: number; type: string; body: string };

function prometheus(answer: Answer): HttpPrometheus {
  return new HttpPrometheus({
    fetch: (async (_url: URL, init: RequestInit) => {
      const body = String(init.body ?? '');
      const query = new URLSearchParams(body).get('query') ?? '';
      const a = answer({ query, body });
      return new Response(a.body, { status: a.status, headers: { 'content-type': a.type } });
    }) as typeof fetch,
  });
}

async function failure(answer: Answer, q: Partial<PrometheusQuery> = {}): Promise<string> {
  const request: PrometheusQuery = { address: 'http://prom.test:9090', query: `up{tenant="${SECRET}"}`, secrets: [SECRET], ...q };
  const error = await prometheus(answer).query(request).then(() => undefined, (e: unknown) => e as Error);
  if (!error) throw new Error('test: the query did not fail');
  return error.message;
}

/** Every spelling of the secret, and its first six characters (what a message cut short would show). */
function leaks(message: string): string[] {
  return [...secretForms(SECRET), SECRET.slice(0, 6)].filter((form) => message.includes(form));
}

/** The secret begins at character 107, within the first 120 that a message quotes of a query. */
const LONG = `sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) > 0 unless up{tenant="${SECRET}"} == 0`;

describe('secrets in the query stay out of the error messages', () => {
  test.each<[string, Answer, Partial<PrometheusQuery>]>([
    ['a 400 whose JSON error repeats the query (JSON-escaped in the body)', ({ query }) => ({ status: 400, type: 'application/json', body: JSON.stringify({ status: 'error', errorType: 'bad_data', error: `parse error: unexpected ${query}` }) }), {}],
    ['a 500 whose text body repeats the query', ({ query }) => ({ status: 500, type: 'text/plain', body: `internal error ${query}` }), {}],
    ['a 502 whose body repeats the form body (percent-encoded)', ({ body }) => ({ status: 502, type: 'text/plain', body: `upstream refused ${body}` }), {}],
    ['a 502 whose JSON body (not Prometheus\'s) repeats the query', ({ query }) => ({ status: 502, type: 'application/json', body: JSON.stringify({ detail: query }) }), {}],
    ['a query longer than the 120 characters a message quotes', () => ({ status: 503, type: 'text/plain', body: 'down' }), { query: LONG }],
    ['a long query in a JSON error', ({ query }) => ({ status: 400, type: 'application/json', body: JSON.stringify({ status: 'error', errorType: 'bad_data', error: query }) }), { query: LONG }],
    ['an answer that is not a Prometheus response', ({ query }) => ({ status: 200, type: 'text/html', body: `<p>${query}</p>` }), {}],
    ['a 403 error page that echoes the query HTML-escaped', ({ query }) => ({ status: 403, type: 'text/html', body: `<p>query=${query.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}</p>` }), {}],
    ['a 403 error page that echoes the query as Go\'s html/template does', ({ query }) => ({ status: 403, type: 'text/html', body: `<p>query=${query.replace(/&/g, '&amp;').replace(/"/g, '&#34;')}</p>` }), {}],
    ['a secret in the address', () => ({ status: 503, type: 'text/plain', body: 'down' }), { address: `http://prom.test:9090/t/${encodeURIComponent(SECRET)}` }],
  ])('%s', async (_name, answer, q) => {
    const message = await failure(answer, q);
    expect(leaks(message)).toEqual([]);
    expect(message).toContain('***');
  });

  test.each([
    ['the header', (auth: string) => auth],
    ['its base64 alone', (auth: string) => auth.slice('Basic '.length)],
  ])('user info in the address: a 401 whose body echoes %s shows neither', async (_name, echo) => {
    const basic = Buffer.from('alice:pa55word-prom').toString('base64');
    const seen: string[] = [];
    const echoing = new HttpPrometheus({
      fetch: (async (_url: URL, init: RequestInit) => {
        const auth = new Headers(init.headers).get('authorization') ?? '';
        seen.push(auth);
        return new Response(`credentials ${echo(auth)} refused`, { status: 401, headers: { 'content-type': 'text/plain' } });
      }) as typeof fetch,
    });
    const error = await echoing.query({ address: 'http://alice:pa55word-prom@prom.test:9090', query: 'up' }).catch((e: unknown) => e as Error);
    expect(seen).toEqual([`Basic ${basic}`]);
    expect((error as Error).message).not.toContain(basic);
    expect((error as Error).message).not.toContain('pa55word-prom');
    expect((error as Error).message).toContain('credentials *** refused');
  });

  test('what the message still says: the address, the status, the errorType and the rest of the query, not Prometheus\'s words', async () => {
    const message = await failure(({ query }) => ({ status: 400, type: 'application/json', body: JSON.stringify({ status: 'error', errorType: 'bad_data', error: `parse error: unexpected ${query}` }) }));
    expect(message).toBe('Prometheus at http://prom.test:9090 rejected the query "up{tenant=\\"***\\"}" (HTTP 400, bad_data) (its message is not shown: the query holds a secret arg, and the message could quote part of it)');
  });

  // Masking finds a secret only whole: Prometheus, having read part of it as PromQL, quotes that part alone.
  const FRAGMENT = 'TOPSECRET"xyzzyPASS';
  const fragmentError = (error: string) => () => ({ status: 400, type: 'application/json', body: JSON.stringify({ status: 'error', errorType: 'bad_data', error }) });

  test.each([
    ['the part after a quote, as an identifier', 'invalid parameter "query": 1:26: parse error: unexpected identifier "xyzzyPASS"'],
    ['a character of it', '1:25: parse error: unexpected character: \'"\''],
    ['an execution error quoting a label value that holds part of it', 'vector cannot contain metrics with the same labelset {tenant="xyzzyPASS"}'],
  ])('no fragment of a secret comes back: %s', async (_name, error) => {
    const message = await failure(fragmentError(error), { query: `max(up{tenant="${FRAGMENT}"})`, secrets: [FRAGMENT] });
    expect(message).toBe('Prometheus at http://prom.test:9090 rejected the query "max(up{tenant=\\"***\\"})" (HTTP 400, bad_data) (its message is not shown: the query holds a secret arg, and the message could quote part of it)');
    for (const part of ['xyzzy', 'PASS', 'TOPSECRET']) expect(message).not.toContain(part);
  });

  test('where a parse error is, when it lies before the secret (and so tells nothing of it)', async () => {
    const query = `sum(rate(x[5m]) + max(up{tenant="${FRAGMENT}"})`;
    const before = await failure(fragmentError('1:4: parse error: unclosed left parenthesis'), { query, secrets: [FRAGMENT] });
    expect(before).toContain('(HTTP 400, bad_data) (its message is not shown: the query holds a secret arg, and the message could quote part of it, a parse error at line 1, column 4)');
    const inside = await failure(fragmentError('1:45: parse error: unexpected identifier "xyzzyPASS"'), { query, secrets: [FRAGMENT] });
    expect(inside).not.toContain('column');
    expect(inside).not.toContain('xyzzy');
  });

  test('an error body is not quoted either when the query holds a secret', async () => {
    const message = await failure(() => ({ status: 400, type: 'text/plain', body: 'parse error near xyzzyPASS' }), { query: `max(up{tenant="${FRAGMENT}"})`, secrets: [FRAGMENT] });
    expect(message).toBe('Prometheus at http://prom.test:9090 answered the query "max(up{tenant=\\"***\\"})" with HTTP 400 (the body is not shown: the query holds a secret arg, and the body could quote part of it)');
  });

  test('a query without a secret (one only in the address or a header) still gets Prometheus\'s words', async () => {
    const message = await failure(fragmentError('1:4: parse error: unclosed left parenthesis'), { query: 'sum(up', headers: { 'X-Scope-OrgID': SECRET } });
    expect(message).toBe('Prometheus at http://prom.test:9090 rejected the query "sum(up" (HTTP 400, bad_data): "1:4: parse error: unclosed left parenthesis"');
  });

  test('a timeout quotes the query with the secret masked before it is shortened', async () => {
    const hanging = new HttpPrometheus({
      fetch: ((_url: URL, init: RequestInit) => new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted'))))) as typeof fetch,
    });
    const error = await hanging.query({ address: 'http://prom.test:9090', query: LONG, secrets: [SECRET], timeoutMs: 1 }).catch((e: unknown) => e as Error);
    expect((error as Error).message).toMatch(/did not answer the query ".*" within 0\.001 s/);
    expect(leaks((error as Error).message)).toEqual([]);
  });
});

describe('a bearer token is never sent over plain http to another host', () => {
  /** The Authorization header of each request made (no socket). */
  function recording(): { sent: (string | null)[]; prometheus: HttpPrometheus } {
    const sent: (string | null)[] = [];
    const prometheus = new HttpPrometheus({
      fetch: (async (_url: URL, init: RequestInit) => {
        sent.push(new Headers(init.headers).get('authorization'));
        return new Response(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }), { status: 200, headers: { 'content-type': 'application/json' } });
      }) as typeof fetch,
    });
    return { sent, prometheus };
  }

  test.each(['http://prom.test:9090', 'http://10.0.0.7:9090', 'http://user:pw@prom.test', 'http://[2001:db8::1]:9090', 'HTTP://Prom.Test'])('%s: refused before anything is sent, and the token is not in the message', async (address) => {
    const { sent, prometheus } = recording();
    const error = await prometheus.query({ address, query: 'up', bearerToken: 'tok-plain-9' }).then(() => undefined, (e: unknown) => e as Error);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error!.message).toMatch(/^address: the bearer token is not sent over plain http to "http:\/\/[^"]+", where anyone on the way could read it: use an https:\/\/ address \(http is taken only for a loopback address: 127\.0\.0\.1, ::1 or localhost\)$/);
    expect(error!.message).not.toContain('tok-plain-9');
    expect(error!.message).not.toContain('pw');
    expect(sent).toEqual([]);
  });

  test.each(['https://prom.test:9090', 'http://127.0.0.1:9090', 'http://127.1.2.3', 'http://localhost:9090', 'http://[::1]:9090'])('%s: sent', async (address) => {
    const { sent, prometheus } = recording();
    await prometheus.query({ address, query: 'up', bearerToken: 'tok-plain-9' });
    expect(sent).toEqual(['Bearer tok-plain-9']);
  });

  test('without a bearer token, plain http is taken as before', async () => {
    const { sent, prometheus } = recording();
    await prometheus.query({ address: 'http://prom.test:9090', query: 'up' });
    expect(sent).toEqual([null]);
  });
});
