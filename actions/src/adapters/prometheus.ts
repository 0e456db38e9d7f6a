/**
 * Prometheus's HTTP API (`/api/v1/query`, `/api/v1/query_range`), as Argo Rollouts'
 * `provider.prometheus` uses it: queries are POSTed form-encoded (falling back to GET when a proxy
 * answers 405, as the official Go client does), custom headers are set on every request, a bearer
 * token or AWS SigV4 (Amazon Managed Prometheus) authenticates them.
 *
 * The result's `value` is what Argo Rollouts hands a metric's successCondition as `result`
 * (argoproj/argo-rollouts, metricproviders/prometheus/prometheus.go, processResponse):
 *   - scalar → the number (`result > 0.99`);
 *   - vector → the values of its samples, in the order Prometheus returned them (`result[0] >= 0.95`);
 *     an empty vector is `[]`;
 *   - matrix (a range query) → the values of every point of every series, flattened into one list,
 *     series in the order Prometheus returned them and each series' points in time order. Argo's docs
 *     on range queries (docs/analysis/prometheus.md, "Range query and successCondition") write
 *     `all(result, # < 1000)` to check "every value returned", which only holds for a flat list.
 * Sample values are parsed as Prometheus writes them, "NaN", "+Inf" and "-Inf" included: a gate
 * must see them to fail closed. `series` keeps labels and timestamps for reports.
 *
 * Redirects are not followed: fetch would send the query, the custom headers and the credentials
 * on to wherever a 3xx points (another host, https to http), and let that answer decide the gate.
 * A redirect is an `http` error that names where it pointed (redacted) and asks for that address.
 * An answer is read up to MAX_RESPONSE_BYTES, counted as it streams in; a larger one is a
 * `response` error that asks for a narrower query (the rest is cancelled, never buffered).
 *
 * Failures are `PrometheusError`s whose `kind` says what went wrong and whose `retryable` says
 * whether trying again may help. Their messages name the address (userinfo redacted) and the query,
 * never a token, a header value, a credential or one of the request's `secrets` (secret args
 * substituted into the query): those are replaced by `***` in the raw text, in each spelling it may
 * hold them (JSON-escaped, percent-encoded), before anything is shortened or quoted.
 * Masking finds a secret only whole: when a query holds one, Prometheus may have parsed part of it
 * as PromQL and quote that part alone (`unexpected identifier "…"`). So when the query holds a
 * secret, nothing the server wrote about it is quoted (its error, an error body): a message gives
 * the errorType, and where a parse error is when that lies before the first secret.
 */
import { maskSecrets, queryCredentials, redactUrl, rememberSecret } from '../core/redact.js';
import { ConfigurationError, quote } from '../core/errors.js';

export interface PrometheusQuery {
  /** Base URL, e.g. http://127.0.0.1:9090; a path prefix (http://host/prometheus) is kept. */
  address: string;
  query: string;
  /** How long the whole request may take (default 30 s); also sent to Prometheus as `timeout`. */
  timeoutMs?: number;
  /** Set on every request (provider.prometheus.headers). */
  headers?: Record<string, string>;
  /** Sent as `Authorization: Bearer …`; resolved by the caller, never logged. */
  bearerToken?: string;
  /** Sign requests with AWS SigV4 (Amazon Managed Prometheus). */
  sigv4?: SigV4Options;
  /** A range query (/api/v1/query_range) when present, else an instant query (/api/v1/query). */
  range?: { startMs: number; endMs: number; stepSeconds: number };
  /** Evaluation time of an instant query; Prometheus's "now" when absent. */
  timeMs?: number;
  /** Values that must never appear in a message (secret args substituted into the query or the address). */
  secrets?: readonly string[];
}

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SigV4Options {
  region: string;
  /** The signing name; 'aps' (Amazon Managed Prometheus) by default. */
  service?: string;
  /** Credentials to sign with; by default the AWS SDK's Node provider chain (env, profile, web identity, IMDS…). */
  credentials?: AwsCredentials | (() => Promise<AwsCredentials>);
}

/** What a metric's condition sees as `result`: a number, or a list of them. */
export type MetricValue = number | MetricValue[];

export interface QueryResult {
  /** What a condition sees: a vector's values, a scalar, or for a matrix every value of every series, in order. */
  value: MetricValue;
  resultType: 'vector' | 'scalar' | 'matrix';
  /** Every series of the result, with its labels and [epoch seconds, value] points (a scalar is one series without labels). */
  series: { labels: Record<string, string>; points: [number, number][] }[];
  warnings: string[];
}

export type PrometheusErrorKind = 'unreachable' | 'timeout' | 'http' | 'query' | 'response';

export class PrometheusError extends Error {
  constructor(
    message: string,
    readonly kind: PrometheusErrorKind,
    readonly retryable: boolean,
    /** The HTTP status, when there was a response. */
    readonly status?: number,
    /** Prometheus's errorType (bad_data, execution, timeout, …), when it gave one. */
    readonly errorType?: string,
  ) {
    super(message);
    this.name = 'PrometheusError';
  }
}

export interface Prometheus {
  query(q: PrometheusQuery, signal?: AbortSignal): Promise<QueryResult>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** Characters of a response body quoted in an error. */
const SNIPPET = 200;
/**
 * The largest answer read, in bytes: a range query of 100 series over 11 000 steps is about 35 MB
 * of JSON. Reading more would hold the whole answer, and its parsed form, in memory.
 */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

interface Target {
  /** The URL requests go to, without userinfo. */
  base: URL;
  /** The query, and the byte offset in it of the first secret it holds (then the server's words about it are not quoted). */
  query: string;
  secretInQuery?: number;
  /** The address as messages show it. */
  shown: string;
  /** `Basic …` from userinfo in the address, as Go's HTTP client would send it. */
  basicAuth?: string;
  /** Values that must never appear in a message. */
  secrets: string[];
}

type SignedHeaders = Record<string, string>;

export class HttpPrometheus implements Prometheus {
  private readonly fetch: typeof fetch;
  private readonly maxResponseBytes: number;
  private chainCredentials: (() => Promise<AwsCredentials>) | undefined;

  /** `maxResponseBytes`: the largest answer read (default MAX_RESPONSE_BYTES). */
  constructor(options: { fetch?: typeof fetch; maxResponseBytes?: number } = {}) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.maxResponseBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  }

  async query(q: PrometheusQuery, signal?: AbortSignal): Promise<QueryResult> {
    signal?.throwIfAborted();
    const target = parseAddress(q);
    const timeoutMs = q.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
      throw new ConfigurationError({ field: 'timeout', message: `expected a positive number of seconds, found ${quote(timeoutMs / 1000)}` });
    }
    const headers = customHeaders(q, target);
    const what = `${q.range ? 'range query' : 'query'} ${quote(scrub(q.query, target.secrets), 120)}`;

    const params = new URLSearchParams({ query: q.query });
    if (q.range) {
      params.set('start', seconds(q.range.startMs));
      params.set('end', seconds(q.range.endMs));
      params.set('step', String(q.range.stepSeconds));
    } else if (q.timeMs !== undefined) {
      params.set('time', seconds(q.timeMs));
    }
    params.set('timeout', `${Math.ceil(timeoutMs)}ms`);
    const url = new URL(target.base);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/api/v1/${q.range ? 'query_range' : 'query'}`;

    // One deadline for the whole exchange (connect, headers, body), the caller's signal on top.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    timer.unref?.();
    const aborted = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
    try {
      let response = await this.send('POST', url, params, headers, q, target, aborted);
      if (response.status === 405) {
        await response.body?.cancel().catch(() => {});
        response = await this.send('GET', url, params, headers, q, target, aborted);
      }
      if (response.status >= 300 && response.status <= 399 && response.headers.has('location')) {
        await response.body?.cancel().catch(() => {});
        throw redirected(response, url, what, target);
      }
      const body = await readBody(response, this.maxResponseBytes);
      if (body.over && response.ok) {
        throw new PrometheusError(
          `Prometheus at ${target.shown} answered the ${what} with more than ${formatBytes(this.maxResponseBytes)}, the most Ferry reads; narrow the query (fewer series, e.g. aggregated with sum by (…); a shorter range or a longer step)`,
          'response',
          false,
          response.status,
        );
      }
      // An error status with a body over the limit: the status decides, the start of the body is quoted.
      return interpret(response, body.text, what, target);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (deadline.signal.aborted) {
        throw new PrometheusError(`Prometheus at ${target.shown} did not answer the ${what} within ${timeoutMs / 1000} s; a retry may help`, 'timeout', true);
      }
      if (error instanceof PrometheusError || error instanceof ConfigurationError) throw error;
      if (error instanceof CredentialsError) {
        throw new Error(`Could not get AWS credentials to sign the ${what} to Prometheus at ${target.shown}: ${redactUrls(scrub(error.message, target.secrets))}`);
      }
      const cause = networkCause(error, target.secrets);
      // A certificate that fails is not a passing failure: the same one comes back on every retry.
      // Each kind says what fixes it.
      if (CERTIFICATE_FOR_ANOTHER_HOST_RE.test(cause)) {
        const names = certificateNames(error, target.secrets);
        throw new PrometheusError(
          `Could not reach Prometheus at ${target.shown} for the ${what}: its TLS certificate does not name this host (${cause})${names ? `; it names ${names}` : ''}; use an address with a name the certificate names`,
          'unreachable',
          false,
        );
      }
      if (CERTIFICATE_OUT_OF_DATE_RE.test(cause)) {
        throw new PrometheusError(
          `Could not reach Prometheus at ${target.shown} for the ${what}: its TLS certificate has expired or is not valid yet (${cause}); the server needs a current certificate, or this machine's clock is wrong`,
          'unreachable',
          false,
        );
      }
      if (UNTRUSTED_CERTIFICATE_RE.test(cause)) {
        throw new PrometheusError(
          `Could not reach Prometheus at ${target.shown} for the ${what}: its TLS certificate is not trusted here (${cause}); name the PEM file of its CA in NODE_EXTRA_CA_CERTS`,
          'unreachable',
          false,
        );
      }
      throw new PrometheusError(`Could not reach Prometheus at ${target.shown} for the ${what} (${cause}); a retry may help`, 'unreachable', true);
    } finally {
      clearTimeout(timer);
    }
  }

  private async send(method: 'POST' | 'GET', url: URL, params: URLSearchParams, headers: Record<string, string>, q: PrometheusQuery, target: Target, signal: AbortSignal): Promise<Response> {
    const requestUrl = new URL(url);
    let body: string | undefined;
    let all: Record<string, string> = { ...headers };
    if (method === 'POST') {
      body = params.toString();
      all['content-type'] = 'application/x-www-form-urlencoded';
    } else {
      for (const [k, v] of params) requestUrl.searchParams.append(k, v);
    }
    if (q.sigv4) all = await this.sign(method, requestUrl, all, body, q.sigv4, target);
    // 'manual': a 3xx comes back as itself, and nothing is sent where it points.
    return this.fetch(requestUrl, { method, headers: all, body, signal, redirect: 'manual' });
  }

  private async sign(method: string, url: URL, headers: Record<string, string>, body: string | undefined, options: SigV4Options, target: Target): Promise<SignedHeaders> {
    const credentials = await this.credentialsFor(options);
    target.secrets.push(credentials.secretAccessKey, ...(credentials.sessionToken ? [credentials.sessionToken] : []));
    const [signing, hashing] = await Promise.all([import('@smithy/signature-v4'), import('@aws-crypto/sha256-js')]);
    const SignatureV4 = exported(signing, 'SignatureV4');
    const Sha256 = exported(hashing, 'Sha256');
    const signer = new SignatureV4({ credentials, region: options.region, service: options.service ?? 'aps', sha256: Sha256 });
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of url.searchParams) {
      const seen = query[k];
      query[k] = seen === undefined ? v : Array.isArray(seen) ? [...seen, v] : [seen, v];
    }
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query,
      headers: { ...headers, host: url.host },
      body,
    });
    // fetch sends the same Host by itself (url.host); it is signed above, not set twice here.
    const out: SignedHeaders = {};
    for (const [k, v] of Object.entries(signed.headers)) if (k.toLowerCase() !== 'host') out[k] = String(v);
    return out;
  }

  private async credentialsFor(options: SigV4Options): Promise<AwsCredentials> {
    try {
      if (typeof options.credentials === 'function') return await options.credentials();
      if (options.credentials) return options.credentials;
      if (!this.chainCredentials) {
        this.chainCredentials = exported(await import('@aws-sdk/credential-providers'), 'fromNodeProviderChain')();
      }
      return await this.chainCredentials();
    } catch (error) {
      throw new CredentialsError(error instanceof Error ? error.message : String(error));
    }
  }
}

class CredentialsError extends Error {}

/**
 * A named export of a CommonJS package loaded with import(). Node gives its names; the bundles
 * (esbuild, split into chunks) give only `default`, the module's exports object: without this,
 * every SigV4 request failed in the CLI and the actions ("… is not a function").
 */
function exported<M extends object, K extends keyof M>(module: M, name: K): M[K] {
  const value = module[name] ?? (module as { default?: Partial<M> }).default?.[name];
  if (value === undefined) throw new Error(`internal: the package loaded for SigV4 has no export ${String(name)}`);
  return value as M[K];
}

/** The address split into where to send and how to show it; userinfo becomes Basic auth. */
function parseAddress(q: PrometheusQuery): Target {
  let base: URL;
  try {
    base = new URL(q.address);
  } catch {
    throw new ConfigurationError({ field: 'address', message: `expected an http(s) URL, found ${quote(scrub(redactAddress(q.address), [...(q.secrets ?? [])]))}` });
  }
  const secrets: string[] = [...(q.secrets ?? [])];
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new ConfigurationError({ field: 'address', message: `expected an http(s) URL, found ${quote(scrub(redactAddress(q.address), secrets))}` });
  }
  let basicAuth: string | undefined;
  if (base.username || base.password) {
    const user = decodeURIComponent(base.username);
    const password = decodeURIComponent(base.password);
    secrets.push(user, password, base.username, base.password);
    // The base64 alone too: a server that echoes the header may echo its value only.
    const basic = Buffer.from(`${user}:${password}`).toString('base64');
    basicAuth = `Basic ${basic}`;
    secrets.push(basicAuth, basic);
    base.username = '';
    base.password = '';
  }
  // A credential in the query string (`?access_token=…`) is shown as `***` in the address, but a
  // server may echo the request's URL, or the value alone, in an error body: masked there too, and
  // remembered, as the user info is, for whatever else this process prints.
  for (const secret of queryCredentials(q.address)) {
    secrets.push(secret);
    rememberSecret(secret);
  }
  if (q.bearerToken) secrets.push(q.bearerToken);
  for (const value of Object.values(q.headers ?? {})) secrets.push(value);
  base.hash = '';
  const kept = secrets.filter((s) => s.length > 0);
  const target: Target = { base, shown: scrub(redactAddress(q.address), kept), basicAuth, secrets: kept, query: q.query };
  const at = (q.secrets ?? []).filter((s) => s.length > 0).map((s) => q.query.indexOf(s)).filter((i) => i >= 0);
  if (at.length) target.secretInQuery = Buffer.byteLength(q.query.slice(0, Math.min(...at)));
  return target;
}

/** Whether a request to `url` crosses a network unencrypted: http, to a host that is not this machine's loopback (as core/analysis-template.ts inTheClear). */
function inTheClear(url: URL): boolean {
  if (url.protocol !== 'http:') return false;
  const host = url.hostname.toLowerCase();
  return !(host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host));
}

/** The address with userinfo and query-string values replaced by `***`. */
export function redactAddress(address: string): string {
  try {
    const u = new URL(address);
    const hadUserinfo = Boolean(u.username || u.password);
    u.username = '';
    u.password = '';
    for (const key of [...new Set(u.searchParams.keys())]) u.searchParams.set(key, '***');
    u.hash = '';
    let s = u.toString();
    if (hadUserinfo) s = s.replace('://', '://***@');
    if (!address.endsWith('/') && s.endsWith('/') && u.search === '') s = s.slice(0, -1);
    return s;
  } catch {
    return redactUrls(address);
  }
}

function customHeaders(q: PrometheusQuery, target: Target): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(q.headers ?? {})) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new ConfigurationError({ field: 'headers', message: `${quote(name)} is not a valid HTTP header name` });
    }
    if (/[\r\n\0]/.test(value) || value !== value.trim()) {
      throw new ConfigurationError({ field: 'headers', message: `the value of header ${quote(name)} cannot be sent: it has a line break, a NUL, or leading or trailing whitespace` });
    }
    out[name.toLowerCase()] = value;
  }
  if (target.basicAuth) out.authorization = target.basicAuth;
  if (q.bearerToken !== undefined) {
    if (q.sigv4) throw new ConfigurationError({ field: 'authentication', message: 'a bearer token and SigV4 cannot both be used: both set the Authorization header' });
    if (/[\r\n\0]/.test(q.bearerToken) || q.bearerToken.trim() === '') {
      throw new ConfigurationError({ field: 'bearerToken', message: 'the bearer token is empty or has a line break or NUL' });
    }
    if (inTheClear(target.base)) {
      throw new ConfigurationError({ field: 'address', message: `the bearer token is not sent over plain http to ${quote(target.base.origin)}, where anyone on the way could read it: use an https:// address (http is taken only for a loopback address: 127.0.0.1, ::1 or localhost)` });
    }
    out.authorization = `Bearer ${q.bearerToken.trim()}`;
  }
  return out;
}

/** Said instead of a body when the query holds a secret. */
const BODY_WITHHELD = '(the body is not shown: the query holds a secret arg, and the body could quote part of it)';

/**
 * Said instead of Prometheus's error when the query holds a secret (at byte `secretAt` on): the
 * error could quote part of it. Where a parse error is (`1:25: parse error: …`, line and byte
 * column as Prometheus counts them) is said when it lies before the secret, and so tells nothing
 * about it.
 */
function withheld(error: string, query: string, secretAt: number): string {
  let where = '';
  const m = /(?:^|[\s:])(\d{1,6}):(\d{1,6}): parse error\b/.exec(error);
  if (m) {
    const [line, column] = [Number(m[1]), Number(m[2])];
    const lines = query.split('\n');
    if (line >= 1 && line <= lines.length && column >= 1) {
      const offset = lines.slice(0, line - 1).reduce((n, l) => n + Buffer.byteLength(l) + 1, 0) + column - 1;
      if (offset < secretAt) where = `, a parse error at line ${line}, column ${column}`;
    }
  }
  return ` (its message is not shown: the query holds a secret arg, and the message could quote part of it${where})`;
}

function interpret(response: Response, body: string, what: string, target: Target): QueryResult {
  const status = response.status;
  const at = `Prometheus at ${target.shown}`;
  const retryableStatus = status === 429 || status >= 500;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const envelope = isObject(parsed) ? parsed : undefined;
  if (envelope?.status === 'error' && (typeof envelope.error === 'string' || typeof envelope.errorType === 'string')) {
    const errorType = typeof envelope.errorType === 'string' ? envelope.errorType : 'unknown';
    const raw = typeof envelope.error === 'string' ? envelope.error : '';
    const message = redactUrls(scrub(raw, target.secrets));
    const said = target.secretInQuery === undefined ? `: ${quote(message, 300)}` : withheld(raw, target.query, target.secretInQuery);
    if (errorType === 'timeout' || /query timed out/i.test(message)) {
      fail(`${at} timed out running the ${what} (HTTP ${status}, ${errorType})${said}; a retry may help`, 'timeout', true, status, errorType);
    }
    const retry = retryableStatus || errorType === 'unavailable' || errorType === 'canceled';
    fail(`${at} rejected the ${what} (HTTP ${status}, ${errorType})${said}${retry ? '; a retry may help' : ''}`, 'query', retry, status, errorType);
  }
  if (status < 200 || status > 299) {
    const snippet = redactUrls(scrub(body, target.secrets).replace(/\s+/g, ' ').trim());
    const statusText = response.statusText ? ` ${response.statusText}` : '';
    const said = !snippet ? '' : target.secretInQuery === undefined ? `: ${quote(snippet, SNIPPET)}` : ` ${BODY_WITHHELD}`;
    fail(`${at} answered the ${what} with HTTP ${status}${statusText}${said}${retryableStatus ? '; a retry may help' : ''}`, 'http', retryableStatus, status);
  }
  const bad = (why: string): never => fail(`${at} answered the ${what} with something that cannot be read: ${why}`, 'response', false, status);
  if (!envelope || envelope.status !== 'success' || !isObject(envelope.data)) {
    const snippet = redactUrls(scrub(body, target.secrets).replace(/\s+/g, ' ').trim());
    return bad(`not a Prometheus API response: ${!snippet ? 'an empty body' : target.secretInQuery === undefined ? quote(snippet, SNIPPET) : BODY_WITHHELD}`);
  }
  const warnings = Array.isArray(envelope.warnings) ? envelope.warnings.filter((w): w is string => typeof w === 'string') : [];
  const data = envelope.data as Record<string, unknown>;
  switch (data.resultType) {
    case 'scalar': {
      const point = parsePoint(data.result, bad, 'the scalar');
      return { value: point[1], resultType: 'scalar', series: [{ labels: {}, points: [point] }], warnings };
    }
    case 'vector': {
      if (!Array.isArray(data.result)) return bad('the vector is not a list');
      const series = data.result.map((sample: unknown, i) => {
        if (!isObject(sample)) return bad(`sample ${i} is not an object`);
        if (sample.value === undefined && sample.histogram !== undefined) {
          return bad(`sample ${i} is a native histogram, which a condition cannot compare; aggregate it (histogram_quantile(), histogram_count(), …)`);
        }
        return { labels: parseLabels(sample.metric, bad, i), points: [parsePoint(sample.value, bad, `sample ${i}`)] };
      });
      return { value: series.map((s) => s.points[0]![1]), resultType: 'vector', series, warnings };
    }
    case 'matrix': {
      if (!Array.isArray(data.result)) return bad('the matrix is not a list');
      // A matrix holds tens of thousands of points. Each is checked and its value read once, into
      // `value` (what conditions see); a series' [time, value] pairs (for charts) are made from
      // those values and the response's times only when someone reads them.
      const value: number[] = [];
      const series: QueryResult['series'] = [];
      data.result.forEach((s: unknown, i) => {
        if (!isObject(s)) return bad(`series ${i} is not an object`);
        if (s.values === undefined && s.histograms !== undefined) {
          return bad(`series ${i} holds native histograms, which a condition cannot compare; aggregate them (histogram_quantile(), histogram_count(), …)`);
        }
        const raw = s.values;
        if (!Array.isArray(raw)) return bad(`series ${i} has no list of values`);
        // Times in one typed array: the parsed response is not kept alive by the result.
        const offset = value.length;
        const times = new Float64Array(raw.length);
        for (let j = 0; j < raw.length; j++) {
          value.push(readPoint(raw[j], bad, i, j));
          times[j] = (raw[j] as [number, string])[0];
        }
        let points: [number, number][] | undefined;
        series.push({
          labels: parseLabels(s.metric, bad, i),
          get points() {
            return (points ??= Array.from(times, (t, j) => [t, value[offset + j]!] as [number, number]));
          },
        });
      });
      return { value, resultType: 'matrix', series, warnings };
    }
    default:
      return bad(`result type ${quote(data.resultType)} is not one a condition can compare (expected scalar, vector or matrix)`);
  }
}

/**
 * The error for a 3xx with a Location: where it points (userinfo and query values redacted,
 * secrets masked), and the address to configure instead: the target without the API path when the
 * Location keeps it (`…/prom/api/v1/query` → `…/prom`).
 */
function redirected(response: Response, url: URL, what: string, target: Target): PrometheusError {
  const location = response.headers.get('location') ?? '';
  let where: string;
  let address: string | undefined;
  try {
    const to = new URL(location, url);
    where = scrub(redactAddress(to.href), target.secrets);
    const api = /\/api\/v1\/query(_range)?\/?$/.exec(to.pathname);
    if (api) {
      to.pathname = to.pathname.slice(0, api.index) || '/';
      to.search = '';
      address = scrub(redactAddress(to.href.replace(/\/$/, '')), target.secrets);
    }
  } catch {
    where = redactUrls(scrub(location, target.secrets));
  }
  const statusText = response.statusText ? ` ${response.statusText}` : '';
  const instead = address ? `set the Prometheus address to ${quote(address)}` : 'set the Prometheus address to the one the redirect leads to';
  return new PrometheusError(
    `Prometheus at ${target.shown} answered the ${what} with HTTP ${response.status}${statusText} to ${quote(where)}: Ferry does not follow redirects, which would send the query, its headers and credentials on to another address; ${instead}`,
    'http',
    false,
    response.status,
  );
}

/**
 * The body as text, read up to `limit` bytes: a declared Content-Length over it is not read at
 * all, a streamed body is counted chunk by chunk and cancelled once over it (`over`; `text` then
 * holds what came before).
 */
async function readBody(response: Response, limit: number): Promise<{ text: string; over: boolean }> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > limit || !response.body) {
    await response.body?.cancel().catch(() => {});
    return { text: '', over: declared > limit };
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return { text, over: true };
    }
    text += decoder.decode(value, { stream: true });
  }
  return { text: text + decoder.decode(), over: false };
}

/** 67108864 → "64 MiB", 1536 → "1.5 KiB", 100 → "100 bytes". */
function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1))} MiB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KiB`;
  return `${n} bytes`;
}

function fail(message: string, kind: PrometheusErrorKind, retryable: boolean, status?: number, errorType?: string): never {
  throw new PrometheusError(message, kind, retryable, status, errorType);
}

/** The value of a matrix's point j of series i, checked to be `[time, "value"]`. */
function readPoint(raw: unknown, bad: (why: string) => never, i: number, j: number): number {
  if (!Array.isArray(raw) || raw.length !== 2 || typeof raw[0] !== 'number' || typeof raw[1] !== 'string') {
    return bad(`point ${j} of series ${i} is not [time, "value"]: ${quote(raw)}`);
  }
  const value = parseSampleValue(raw[1]);
  if (value === undefined) return bad(`point ${j} of series ${i} has the value ${quote(raw[1])}, which is not a number`);
  return value;
}

/** A `[time, "value"]` pair; `where` names it in a message. */
function parsePoint(raw: unknown, bad: (why: string) => never, where: string): [number, number] {
  if (!Array.isArray(raw) || raw.length !== 2 || typeof raw[0] !== 'number' || typeof raw[1] !== 'string') {
    return bad(`${where} is not [time, "value"]: ${quote(raw)}`);
  }
  const value = parseSampleValue(raw[1]);
  if (value === undefined) return bad(`${where} has the value ${quote(raw[1])}, which is not a number`);
  return [raw[0], value];
}

/**
 * A sample value as Prometheus writes it (Go's strconv.FormatFloat, read back with ParseFloat):
 * decimal or exponent notation, "NaN", "+Inf", "-Inf" (and the spellings ParseFloat accepts:
 * "Inf", "infinity", any case). Anything else, the empty string included, is undefined.
 */
export function parseSampleValue(s: string): number | undefined {
  // The common case first: a decimal number, as Prometheus formats almost every sample.
  // Number() also reads '', ' 1', '0x1f' and '0b1': a finite result from text that starts with a
  // digit, sign or point, ends with a digit or point, and has no radix prefix is a decimal.
  const n = Number(s);
  if (Number.isFinite(n) && plainDecimal(s)) return n;
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (special) {
    if (special[2]!.toLowerCase() === 'nan') return special[1] ? undefined : NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (!DECIMAL.test(s)) return undefined;
  return Number(s);
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function plainDecimal(s: string): boolean {
  if (s.length === 0) return false;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  const digit = (c: number) => c >= 48 && c <= 57;
  if (!(digit(first) || first === 43 || first === 45 || first === 46) || !(digit(last) || last === 46)) return false;
  const second = s.length > 1 ? s.charCodeAt(1) | 32 : 0; // lower case
  return !(first === 48 && (second === 120 || second === 98 || second === 111)); // 0x, 0b, 0o
}

function parseLabels(raw: unknown, bad: (why: string) => never, i: number): Record<string, string> {
  if (raw === undefined) return {};
  if (!isObject(raw)) return bad(`the labels of result ${i} are not an object`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'string') return bad(`label ${quote(k)} of result ${i} is not a string`);
    out[k] = v;
  }
  return out;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Epoch milliseconds as the seconds (with millisecond decimals) Prometheus takes. */
function seconds(ms: number): string {
  return (ms / 1000).toFixed(3).replace(/\.?0+$/, '');
}

/** Removes userinfo and query-string values from every URL in free text. */
function redactUrls(text: string): string {
  return redactUrl(text).replace(/(:\/\/[^\s?#]*\?)([^\s#]*)/g, (_m, head: string, query: string) => head + query.replace(/=[^&]*/g, '=***'));
}

/**
 * Replaces every secret that occurs in text (the query, a body, Prometheus's error, a socket
 * error) by `***`, in each spelling text may hold it (as is, JSON-escaped, percent-encoded).
 */
function scrub(text: string, secrets: readonly string[]): string {
  return maskSecrets(text, secrets, '***');
}

/** OpenSSL's codes for a server certificate that does not verify against the trusted CAs. */
const UNTRUSTED_CERTIFICATE_RE = /\b(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_UNTRUSTED)\b/;
/** Node's code for a trusted certificate that names other hosts: no CA file fixes that. */
const CERTIFICATE_FOR_ANOTHER_HOST_RE = /\bERR_TLS_CERT_ALTNAME_INVALID\b/;
/** OpenSSL's codes for a certificate outside its validity period: no CA file fixes that either. */
const CERTIFICATE_OUT_OF_DATE_RE = /\b(CERT_HAS_EXPIRED|CERT_NOT_YET_VALID)\b/;

/** The names a certificate holds (`DNS:prom.example, IP Address:10.0.0.9`), from Node's ERR_TLS_CERT_ALTNAME_INVALID. */
function certificateNames(error: unknown, secrets: string[]): string | undefined {
  let e: unknown = error;
  for (let depth = 0; e && depth < 4; depth++) {
    const names = (e as { cert?: { subjectaltname?: unknown } }).cert?.subjectaltname;
    if (typeof names === 'string' && names.trim()) return redactUrls(scrub(names.trim(), secrets)).slice(0, 300);
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** What a failed fetch says about the connection: the system error code, else its message. */
function networkCause(error: unknown, secrets: string[]): string {
  const parts: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e && depth < 4; depth++) {
    if (isObject(e) || e instanceof Error) {
      const code = (e as { code?: unknown }).code;
      if (typeof code === 'string' && !parts.includes(code)) parts.push(code);
      e = (e as { cause?: unknown }).cause;
    } else break;
  }
  if (parts.length === 0) {
    let deepest: unknown = error;
    while (deepest instanceof Error && deepest.cause instanceof Error) deepest = deepest.cause;
    parts.push(deepest instanceof Error ? deepest.message : String(deepest));
  }
  return redactUrls(scrub(parts.join(', '), secrets));
}
