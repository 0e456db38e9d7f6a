import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  DIRECTIONS,
  checkDeclaredArgs,
  identicalRequests,
  parseAnalysisTemplates,
  progressLine,
  resolveAnalysis,
  runAnalysis,
  runComparison
} from "./chunk-JNCKD7W6.mjs";
import {
  parseDuration
} from "./chunk-3NPFV6L2.mjs";
import {
  formatValue
} from "./chunk-6P7B2YDZ.mjs";
import {
  maskSecrets,
  queryCredentials,
  redactUrl,
  rememberSecret,
  secretForms
} from "./chunk-OSG537VB.mjs";
import {
  ConfigurationError,
  quote
} from "./chunk-4TMDRVSR.mjs";

// actions/src/entry/commands/analyze.ts
import { readFile } from "node:fs/promises";
import { setTimeout as delay } from "node:timers/promises";

// actions/src/adapters/prometheus.ts
var PrometheusError = class extends Error {
  constructor(message, kind, retryable, status, errorType) {
    super(message);
    this.kind = kind;
    this.retryable = retryable;
    this.status = status;
    this.errorType = errorType;
    this.name = "PrometheusError";
  }
};
var DEFAULT_TIMEOUT_MS = 3e4;
var SNIPPET = 200;
var MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
var HttpPrometheus = class {
  fetch;
  maxResponseBytes;
  chainCredentials;
  /** `maxResponseBytes`: the largest answer read (default MAX_RESPONSE_BYTES). */
  constructor(options = {}) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.maxResponseBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  }
  async query(q, signal) {
    signal?.throwIfAborted();
    const target = parseAddress(q);
    const timeoutMs = q.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
      throw new ConfigurationError({ field: "timeout", message: `expected a positive number of seconds, found ${quote(timeoutMs / 1e3)}` });
    }
    const headers = customHeaders(q, target);
    const what = `${q.range ? "range query" : "query"} ${quote(scrub(q.query, target.secrets), 120)}`;
    const params = new URLSearchParams({ query: q.query });
    if (q.range) {
      params.set("start", seconds(q.range.startMs));
      params.set("end", seconds(q.range.endMs));
      params.set("step", String(q.range.stepSeconds));
    } else if (q.timeMs !== void 0) {
      params.set("time", seconds(q.timeMs));
    }
    params.set("timeout", `${Math.ceil(timeoutMs)}ms`);
    const url = new URL(target.base);
    url.pathname = `${url.pathname.replace(/\/+$/, "")}/api/v1/${q.range ? "query_range" : "query"}`;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    timer.unref?.();
    const aborted = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
    try {
      let response = await this.send("POST", url, params, headers, q, target, aborted);
      if (response.status === 405) {
        await response.body?.cancel().catch(() => {
        });
        response = await this.send("GET", url, params, headers, q, target, aborted);
      }
      if (response.status >= 300 && response.status <= 399 && response.headers.has("location")) {
        await response.body?.cancel().catch(() => {
        });
        throw redirected(response, url, what, target);
      }
      const body = await readBody(response, this.maxResponseBytes);
      if (body.over && response.ok) {
        throw new PrometheusError(
          `Prometheus at ${target.shown} answered the ${what} with more than ${formatBytes(this.maxResponseBytes)}, the most Ferry reads; narrow the query (fewer series, e.g. aggregated with sum by (…); a shorter range or a longer step)`,
          "response",
          false,
          response.status
        );
      }
      return interpret(response, body.text, what, target);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (deadline.signal.aborted) {
        throw new PrometheusError(`Prometheus at ${target.shown} did not answer the ${what} within ${timeoutMs / 1e3} s; a retry may help`, "timeout", true);
      }
      if (error instanceof PrometheusError || error instanceof ConfigurationError) throw error;
      if (error instanceof CredentialsError) {
        throw new Error(`Could not get AWS credentials to sign the ${what} to Prometheus at ${target.shown}: ${redactUrls(scrub(error.message, target.secrets))}`);
      }
      const cause = networkCause(error, target.secrets);
      if (CERTIFICATE_FOR_ANOTHER_HOST_RE.test(cause)) {
        const names = certificateNames(error, target.secrets);
        throw new PrometheusError(
          `Could not reach Prometheus at ${target.shown} for the ${what}: its TLS certificate does not name this host (${cause})${names ? `; it names ${names}` : ""}; use an address with a name the certificate names`,
          "unreachable",
          false
        );
      }
      if (CERTIFICATE_OUT_OF_DATE_RE.test(cause)) {
        throw new PrometheusError(
          `Could not reach Prometheus at ${target.shown} for the ${what}: its TLS certificate has expired or is not valid yet (${cause}); the server needs a current certificate, or this machine's clock is wrong`,
          "unreachable",
          false
        );
      }
      if (UNTRUSTED_CERTIFICATE_RE.test(cause)) {
        throw new PrometheusError(
          `Could not reach Prometheus at ${target.shown} for the ${what}: its TLS certificate is not trusted here (${cause}); name the PEM file of its CA in NODE_EXTRA_CA_CERTS`,
          "unreachable",
          false
        );
      }
      throw new PrometheusError(`Could not reach Prometheus at ${target.shown} for the ${what} (${cause}); a retry may help`, "unreachable", true);
    } finally {
      clearTimeout(timer);
    }
  }
  async send(method, url, params, headers, q, target, signal) {
    const requestUrl = new URL(url);
    let body;
    let all = { ...headers };
    if (method === "POST") {
      body = params.toString();
      all["content-type"] = "application/x-www-form-urlencoded";
    } else {
      for (const [k, v] of params) requestUrl.searchParams.append(k, v);
    }
    if (q.sigv4) all = await this.sign(method, requestUrl, all, body, q.sigv4, target);
    return this.fetch(requestUrl, { method, headers: all, body, signal, redirect: "manual" });
  }
  async sign(method, url, headers, body, options, target) {
    const credentials = await this.credentialsFor(options);
    target.secrets.push(credentials.secretAccessKey, ...credentials.sessionToken ? [credentials.sessionToken] : []);
    const [signing, hashing] = await Promise.all([import("./dist-cjs-LBFJNALO.mjs"), import("./main-WMG4YBZE.mjs")]);
    const SignatureV4 = exported(signing, "SignatureV4");
    const Sha256 = exported(hashing, "Sha256");
    const signer = new SignatureV4({ credentials, region: options.region, service: options.service ?? "aps", sha256: Sha256 });
    const query = {};
    for (const [k, v] of url.searchParams) {
      const seen = query[k];
      query[k] = seen === void 0 ? v : Array.isArray(seen) ? [...seen, v] : [seen, v];
    }
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : void 0,
      path: url.pathname,
      query,
      headers: { ...headers, host: url.host },
      body
    });
    const out = {};
    for (const [k, v] of Object.entries(signed.headers)) if (k.toLowerCase() !== "host") out[k] = String(v);
    return out;
  }
  async credentialsFor(options) {
    try {
      if (typeof options.credentials === "function") return await options.credentials();
      if (options.credentials) return options.credentials;
      if (!this.chainCredentials) {
        this.chainCredentials = exported(await import("./dist-cjs-AMO4RJSO.mjs"), "fromNodeProviderChain")();
      }
      return await this.chainCredentials();
    } catch (error) {
      throw new CredentialsError(error instanceof Error ? error.message : String(error));
    }
  }
};
var CredentialsError = class extends Error {
};
function exported(module, name) {
  const value = module[name] ?? module.default?.[name];
  if (value === void 0) throw new Error(`internal: the package loaded for SigV4 has no export ${String(name)}`);
  return value;
}
function parseAddress(q) {
  let base;
  try {
    base = new URL(q.address);
  } catch {
    throw new ConfigurationError({ field: "address", message: `expected an http(s) URL, found ${quote(scrub(redactAddress(q.address), [...q.secrets ?? []]))}` });
  }
  const secrets = [...q.secrets ?? []];
  if (base.protocol !== "http:" && base.protocol !== "https:") {
    throw new ConfigurationError({ field: "address", message: `expected an http(s) URL, found ${quote(scrub(redactAddress(q.address), secrets))}` });
  }
  let basicAuth;
  if (base.username || base.password) {
    const user = decodeURIComponent(base.username);
    const password = decodeURIComponent(base.password);
    secrets.push(user, password, base.username, base.password);
    const basic = Buffer.from(`${user}:${password}`).toString("base64");
    basicAuth = `Basic ${basic}`;
    secrets.push(basicAuth, basic);
    base.username = "";
    base.password = "";
  }
  for (const secret of queryCredentials(q.address)) {
    secrets.push(secret);
    rememberSecret(secret);
  }
  if (q.bearerToken) secrets.push(q.bearerToken);
  for (const value of Object.values(q.headers ?? {})) secrets.push(value);
  base.hash = "";
  const kept = secrets.filter((s) => s.length > 0);
  const target = { base, shown: scrub(redactAddress(q.address), kept), basicAuth, secrets: kept, query: q.query };
  const at = (q.secrets ?? []).filter((s) => s.length > 0).map((s) => q.query.indexOf(s)).filter((i) => i >= 0);
  if (at.length) target.secretInQuery = Buffer.byteLength(q.query.slice(0, Math.min(...at)));
  return target;
}
function inTheClear(url) {
  if (url.protocol !== "http:") return false;
  const host = url.hostname.toLowerCase();
  return !(host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host));
}
function redactAddress(address) {
  try {
    const u = new URL(address);
    const hadUserinfo = Boolean(u.username || u.password);
    u.username = "";
    u.password = "";
    for (const key of [...new Set(u.searchParams.keys())]) u.searchParams.set(key, "***");
    u.hash = "";
    let s = u.toString();
    if (hadUserinfo) s = s.replace("://", "://***@");
    if (!address.endsWith("/") && s.endsWith("/") && u.search === "") s = s.slice(0, -1);
    return s;
  } catch {
    return redactUrls(address);
  }
}
function customHeaders(q, target) {
  const out = {};
  for (const [name, value] of Object.entries(q.headers ?? {})) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new ConfigurationError({ field: "headers", message: `${quote(name)} is not a valid HTTP header name` });
    }
    if (/[\r\n\0]/.test(value) || value !== value.trim()) {
      throw new ConfigurationError({ field: "headers", message: `the value of header ${quote(name)} cannot be sent: it has a line break, a NUL, or leading or trailing whitespace` });
    }
    out[name.toLowerCase()] = value;
  }
  if (target.basicAuth) out.authorization = target.basicAuth;
  if (q.bearerToken !== void 0) {
    if (q.sigv4) throw new ConfigurationError({ field: "authentication", message: "a bearer token and SigV4 cannot both be used: both set the Authorization header" });
    if (/[\r\n\0]/.test(q.bearerToken) || q.bearerToken.trim() === "") {
      throw new ConfigurationError({ field: "bearerToken", message: "the bearer token is empty or has a line break or NUL" });
    }
    if (inTheClear(target.base)) {
      throw new ConfigurationError({ field: "address", message: `the bearer token is not sent over plain http to ${quote(target.base.origin)}, where anyone on the way could read it: use an https:// address (http is taken only for a loopback address: 127.0.0.1, ::1 or localhost)` });
    }
    out.authorization = `Bearer ${q.bearerToken.trim()}`;
  }
  return out;
}
var BODY_WITHHELD = "(the body is not shown: the query holds a secret arg, and the body could quote part of it)";
function withheld(error, query, secretAt) {
  let where = "";
  const m = /(?:^|[\s:])(\d{1,6}):(\d{1,6}): parse error\b/.exec(error);
  if (m) {
    const [line, column] = [Number(m[1]), Number(m[2])];
    const lines = query.split("\n");
    if (line >= 1 && line <= lines.length && column >= 1) {
      const offset = lines.slice(0, line - 1).reduce((n, l) => n + Buffer.byteLength(l) + 1, 0) + column - 1;
      if (offset < secretAt) where = `, a parse error at line ${line}, column ${column}`;
    }
  }
  return ` (its message is not shown: the query holds a secret arg, and the message could quote part of it${where})`;
}
function interpret(response, body, what, target) {
  const status = response.status;
  const at = `Prometheus at ${target.shown}`;
  const retryableStatus = status === 429 || status >= 500;
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = void 0;
  }
  const envelope = isObject(parsed) ? parsed : void 0;
  if (envelope?.status === "error" && (typeof envelope.error === "string" || typeof envelope.errorType === "string")) {
    const errorType = typeof envelope.errorType === "string" ? envelope.errorType : "unknown";
    const raw = typeof envelope.error === "string" ? envelope.error : "";
    const message = redactUrls(scrub(raw, target.secrets));
    const said = target.secretInQuery === void 0 ? `: ${quote(message, 300)}` : withheld(raw, target.query, target.secretInQuery);
    if (errorType === "timeout" || /query timed out/i.test(message)) {
      fail(`${at} timed out running the ${what} (HTTP ${status}, ${errorType})${said}; a retry may help`, "timeout", true, status, errorType);
    }
    const retry = retryableStatus || errorType === "unavailable" || errorType === "canceled";
    fail(`${at} rejected the ${what} (HTTP ${status}, ${errorType})${said}${retry ? "; a retry may help" : ""}`, "query", retry, status, errorType);
  }
  if (status < 200 || status > 299) {
    const snippet = redactUrls(scrub(body, target.secrets).replace(/\s+/g, " ").trim());
    const statusText = response.statusText ? ` ${response.statusText}` : "";
    const said = !snippet ? "" : target.secretInQuery === void 0 ? `: ${quote(snippet, SNIPPET)}` : ` ${BODY_WITHHELD}`;
    fail(`${at} answered the ${what} with HTTP ${status}${statusText}${said}${retryableStatus ? "; a retry may help" : ""}`, "http", retryableStatus, status);
  }
  const bad = (why) => fail(`${at} answered the ${what} with something that cannot be read: ${why}`, "response", false, status);
  if (!envelope || envelope.status !== "success" || !isObject(envelope.data)) {
    const snippet = redactUrls(scrub(body, target.secrets).replace(/\s+/g, " ").trim());
    return bad(`not a Prometheus API response: ${!snippet ? "an empty body" : target.secretInQuery === void 0 ? quote(snippet, SNIPPET) : BODY_WITHHELD}`);
  }
  const warnings = Array.isArray(envelope.warnings) ? envelope.warnings.filter((w) => typeof w === "string") : [];
  const data = envelope.data;
  switch (data.resultType) {
    case "scalar": {
      const point = parsePoint(data.result, bad, "the scalar");
      return { value: point[1], resultType: "scalar", series: [{ labels: {}, points: [point] }], warnings };
    }
    case "vector": {
      if (!Array.isArray(data.result)) return bad("the vector is not a list");
      const series = data.result.map((sample, i) => {
        if (!isObject(sample)) return bad(`sample ${i} is not an object`);
        if (sample.value === void 0 && sample.histogram !== void 0) {
          return bad(`sample ${i} is a native histogram, which a condition cannot compare; aggregate it (histogram_quantile(), histogram_count(), …)`);
        }
        return { labels: parseLabels(sample.metric, bad, i), points: [parsePoint(sample.value, bad, `sample ${i}`)] };
      });
      return { value: series.map((s) => s.points[0][1]), resultType: "vector", series, warnings };
    }
    case "matrix": {
      if (!Array.isArray(data.result)) return bad("the matrix is not a list");
      const value = [];
      const series = [];
      data.result.forEach((s, i) => {
        if (!isObject(s)) return bad(`series ${i} is not an object`);
        if (s.values === void 0 && s.histograms !== void 0) {
          return bad(`series ${i} holds native histograms, which a condition cannot compare; aggregate them (histogram_quantile(), histogram_count(), …)`);
        }
        const raw = s.values;
        if (!Array.isArray(raw)) return bad(`series ${i} has no list of values`);
        const offset = value.length;
        const times = new Float64Array(raw.length);
        for (let j = 0; j < raw.length; j++) {
          value.push(readPoint(raw[j], bad, i, j));
          times[j] = raw[j][0];
        }
        let points;
        series.push({
          labels: parseLabels(s.metric, bad, i),
          get points() {
            return points ??= Array.from(times, (t, j) => [t, value[offset + j]]);
          }
        });
      });
      return { value, resultType: "matrix", series, warnings };
    }
    default:
      return bad(`result type ${quote(data.resultType)} is not one a condition can compare (expected scalar, vector or matrix)`);
  }
}
function redirected(response, url, what, target) {
  const location = response.headers.get("location") ?? "";
  let where;
  let address;
  try {
    const to = new URL(location, url);
    where = scrub(redactAddress(to.href), target.secrets);
    const api = /\/api\/v1\/query(_range)?\/?$/.exec(to.pathname);
    if (api) {
      to.pathname = to.pathname.slice(0, api.index) || "/";
      to.search = "";
      address = scrub(redactAddress(to.href.replace(/\/$/, "")), target.secrets);
    }
  } catch {
    where = redactUrls(scrub(location, target.secrets));
  }
  const statusText = response.statusText ? ` ${response.statusText}` : "";
  const instead = address ? `set the Prometheus address to ${quote(address)}` : "set the Prometheus address to the one the redirect leads to";
  return new PrometheusError(
    `Prometheus at ${target.shown} answered the ${what} with HTTP ${response.status}${statusText} to ${quote(where)}: Ferry does not follow redirects, which would send the query, its headers and credentials on to another address; ${instead}`,
    "http",
    false,
    response.status
  );
}
async function readBody(response, limit) {
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared > limit || !response.body) {
    await response.body?.cancel().catch(() => {
    });
    return { text: "", over: declared > limit };
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  for (; ; ) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {
      });
      return { text, over: true };
    }
    text += decoder.decode(value, { stream: true });
  }
  return { text: text + decoder.decode(), over: false };
}
function formatBytes(n) {
  if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1))} MiB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KiB`;
  return `${n} bytes`;
}
function fail(message, kind, retryable, status, errorType) {
  throw new PrometheusError(message, kind, retryable, status, errorType);
}
function readPoint(raw, bad, i, j) {
  if (!Array.isArray(raw) || raw.length !== 2 || typeof raw[0] !== "number" || typeof raw[1] !== "string") {
    return bad(`point ${j} of series ${i} is not [time, "value"]: ${quote(raw)}`);
  }
  const value = parseSampleValue(raw[1]);
  if (value === void 0) return bad(`point ${j} of series ${i} has the value ${quote(raw[1])}, which is not a number`);
  return value;
}
function parsePoint(raw, bad, where) {
  if (!Array.isArray(raw) || raw.length !== 2 || typeof raw[0] !== "number" || typeof raw[1] !== "string") {
    return bad(`${where} is not [time, "value"]: ${quote(raw)}`);
  }
  const value = parseSampleValue(raw[1]);
  if (value === void 0) return bad(`${where} has the value ${quote(raw[1])}, which is not a number`);
  return [raw[0], value];
}
function parseSampleValue(s) {
  const n = Number(s);
  if (Number.isFinite(n) && plainDecimal(s)) return n;
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (special) {
    if (special[2].toLowerCase() === "nan") return special[1] ? void 0 : NaN;
    return special[1] === "-" ? -Infinity : Infinity;
  }
  if (!DECIMAL.test(s)) return void 0;
  return Number(s);
}
var DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
function plainDecimal(s) {
  if (s.length === 0) return false;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  const digit = (c) => c >= 48 && c <= 57;
  if (!(digit(first) || first === 43 || first === 45 || first === 46) || !(digit(last) || last === 46)) return false;
  const second = s.length > 1 ? s.charCodeAt(1) | 32 : 0;
  return !(first === 48 && (second === 120 || second === 98 || second === 111));
}
function parseLabels(raw, bad, i) {
  if (raw === void 0) return {};
  if (!isObject(raw)) return bad(`the labels of result ${i} are not an object`);
  const out = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== "string") return bad(`label ${quote(k)} of result ${i} is not a string`);
    out[k] = v;
  }
  return out;
}
function isObject(x) {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
function seconds(ms) {
  return (ms / 1e3).toFixed(3).replace(/\.?0+$/, "");
}
function redactUrls(text) {
  return redactUrl(text).replace(/(:\/\/[^\s?#]*\?)([^\s#]*)/g, (_m, head, query) => head + query.replace(/=[^&]*/g, "=***"));
}
function scrub(text, secrets) {
  return maskSecrets(text, secrets, "***");
}
var UNTRUSTED_CERTIFICATE_RE = /\b(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_UNTRUSTED)\b/;
var CERTIFICATE_FOR_ANOTHER_HOST_RE = /\bERR_TLS_CERT_ALTNAME_INVALID\b/;
var CERTIFICATE_OUT_OF_DATE_RE = /\b(CERT_HAS_EXPIRED|CERT_NOT_YET_VALID)\b/;
function certificateNames(error, secrets) {
  let e = error;
  for (let depth = 0; e && depth < 4; depth++) {
    const names = e.cert?.subjectaltname;
    if (typeof names === "string" && names.trim()) return redactUrls(scrub(names.trim(), secrets)).slice(0, 300);
    e = e.cause;
  }
  return void 0;
}
function networkCause(error, secrets) {
  const parts = [];
  let e = error;
  for (let depth = 0; e && depth < 4; depth++) {
    if (isObject(e) || e instanceof Error) {
      const code = e.code;
      if (typeof code === "string" && !parts.includes(code)) parts.push(code);
      e = e.cause;
    } else break;
  }
  if (parts.length === 0) {
    let deepest = error;
    while (deepest instanceof Error && deepest.cause instanceof Error) deepest = deepest.cause;
    parts.push(deepest instanceof Error ? deepest.message : String(deepest));
  }
  return redactUrls(scrub(parts.join(", "), secrets));
}

// actions/src/entry/commands/analyze.ts
var systemClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => delay(ms, void 0, signal ? { signal } : {})
};
function parseCompare(text) {
  const [metric, direction, effect, ...rest] = text.split(":");
  if (!metric || !direction || rest.length || !DIRECTIONS.includes(direction)) {
    throw new ConfigurationError({ field: "--compare", message: `expected <metric>:<increase|decrease|either>[:<effect size>] (the change that is bad), found ${quote(text)}` });
  }
  const effectSize = effect === void 0 ? void 0 : Number(effect);
  if (effectSize !== void 0 && !(effectSize >= 0)) throw new ConfigurationError({ field: "--compare", message: `expected an effect size of 0 or more (0.1 for 10%), found ${quote(effect)}` });
  return { metric, direction, ...effectSize !== void 0 ? { effectSize } : {} };
}
async function runAnalyze(options) {
  const phase = options.phase ?? (() => {
  });
  phase("Read the analysis template");
  let text;
  try {
    text = await readFile(options.template, "utf8");
  } catch (error) {
    throw new ConfigurationError({ field: "--template", message: `cannot read ${quote(options.template)}: ${error.code ?? error.message}` });
  }
  const templates = parseAnalysisTemplates(text, options.template);
  const template = pick(templates, options);
  checkDeclaredArgs(template, options.args, "--arg");
  checkDeclaredArgs(template, options.baselineArgs, "--baseline-arg");
  const clock = options.clock ?? systemClock;
  const env = options.env ?? process.env;
  const resolveOptions = {
    env,
    nowMs: clock.now(),
    argsFrom: "--arg",
    ...options.prometheus !== void 0 ? { prometheusAddress: options.prometheus } : {},
    ...options.bearerTokenEnv !== void 0 ? { bearerTokenEnv: options.bearerTokenEnv } : {}
  };
  const analysis = resolveAnalysis(template, options.args, resolveOptions);
  const tell = (value) => {
    for (const form of secretForms(value)) options.secret?.(form);
  };
  for (const value of analysis.secrets) tell(value);
  const prometheus = options.prometheusClient ?? new HttpPrometheus();
  let baselineAnalysis;
  const queries = options.compare.map((c) => {
    const candidate = analysis.metrics.find((m) => m.name === c.metric);
    if (!candidate) throw new ConfigurationError({ field: "--compare", message: `template ${quote(template.name)} has no metric ${quote(c.metric)} (metrics: ${analysis.metrics.map((m) => m.name).join(", ")})` });
    baselineAnalysis ??= resolveAnalysis(template, { ...options.args, ...options.baselineArgs }, resolveOptions);
    const baseline = baselineAnalysis.metrics.find((m) => m.name === c.metric);
    return {
      spec: { metric: c.metric, direction: c.direction, ...c.effectSize !== void 0 ? { effectSize: c.effectSize } : {}, ...options.confidence !== void 0 ? { confidence: options.confidence } : {} },
      candidate,
      baseline,
      stepSeconds: candidate.rangeQuery?.stepSeconds ?? 60
    };
  });
  const secrets = [.../* @__PURE__ */ new Set([...analysis.secrets, ...baselineAnalysis?.secrets ?? []])];
  for (const value of baselineAnalysis?.secrets ?? []) if (!analysis.secrets.includes(value)) tell(value);
  const say = (line) => options.progress?.(maskSecrets(line, secrets));
  const same = identicalRequests(queries, { candidate: { startMs: 0, endMs: 1 }, baseline: { startMs: 0, endMs: 1 } }, secrets);
  if (same.length) {
    const args = Object.keys(options.baselineArgs);
    throw new ConfigurationError({
      file: options.template,
      field: "--baseline-arg",
      message: `${same.map((s) => `--compare ${s.metric}: ${s.why}`).join("; ")} (${args.length ? `--baseline-arg gives ${args.join(", ")}` : "no --baseline-arg is given"}; the template's args: ${template.args.map((a) => a.name).join(", ") || "none"})`
    });
  }
  phase(`Run the analysis ${template.name}`);
  const run = await runAnalysis(analysis, {
    prometheus,
    clock,
    ...options.signal ? { signal: options.signal } : {},
    onProgress: (e) => say(`${e.metric}: ${progressLine(e, (v) => formatValue(v, 4), formatWait)}`)
  });
  let comparison;
  if (queries.length && !options.signal?.aborted) {
    phase("Compare with the baseline");
    const now = clock.now();
    const windowMs = parseDuration(options.window);
    const window = { startMs: now - windowMs, endMs: now };
    say(`comparing ${queries.length} metric${queries.length === 1 ? "" : "s"} with the baseline over the last ${options.window}`);
    comparison = await runComparison(queries, { candidate: window, baseline: window }, { pass: 95, marginal: 75 }, { prometheus, ...options.signal ? { signal: options.signal } : {}, progress: say, secrets });
  }
  const ok = run.phase === "Successful" && (comparison === void 0 || comparison.verdict === "pass") && !options.signal?.aborted;
  return { status: ok ? "succeeded" : "failed", template: template.name, file: options.template, run, ...comparison ? { comparison } : {} };
}
function pick(templates, options) {
  if (options.name !== void 0) {
    const found = templates.find((t) => t.name === options.name);
    if (!found) throw new ConfigurationError({ file: options.template, field: "--name", message: `no template ${quote(options.name)} in the file (templates: ${templates.map((t) => t.name).join(", ") || "none"})` });
    return found;
  }
  if (templates.length === 1) return templates[0];
  throw new ConfigurationError({ file: options.template, field: "--name", message: templates.length ? `the file holds ${templates.length} templates (${templates.map((t) => t.name).join(", ")}): name one with --name` : "the file holds no analysis template" });
}
function formatWait(ms) {
  const s = Math.round(ms / 1e3);
  return s >= 60 ? `${Math.floor(s / 60)}m${s % 60 ? `${s % 60}s` : ""}` : `${s}s`;
}

export {
  HttpPrometheus,
  systemClock,
  parseCompare,
  runAnalyze
};
