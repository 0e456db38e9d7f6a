#!/usr/bin/env node
// A real HTTP service with Prometheus metrics (prom-client) for Prometheus to scrape in tests.
//
//   node metrics-app.mjs [--port 0] [--error-rate 0.3] [--latency-ms 200] [--version v2] [--rps 50]
//   (or the environment: PORT, ERROR_RATE, LATENCY_MS, APP_VERSION, RPS)
//
// GET /work answers 500 for a share `errorRate` of requests (every n-th, not at random: over any
// run of requests the share is exact to one request) and 200 otherwise, after `latencyMs`.
// It sends itself `rps` requests a second to /work over HTTP, so its series move on their own.
// GET /metrics: http_requests_total{code} (counter), http_request_duration_seconds (histogram of the
// time /work took, measured), every series labelled version="<version>".
// POST /control?errorRate=0.3&latencyMs=200 changes the settings; GET /control shows them.
// Prints {"listening":<port>} on stdout once it listens on 127.0.0.1.
import http from 'node:http';
import { clearInterval, setInterval, setTimeout } from 'node:timers';
import { parseArgs } from 'node:util';
import client from 'prom-client';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    'error-rate': { type: 'string' },
    'latency-ms': { type: 'string' },
    version: { type: 'string' },
    rps: { type: 'string' },
  },
});

const settings = {
  errorRate: number('error-rate', args['error-rate'] ?? process.env.ERROR_RATE ?? '0', 0, 1),
  latencyMs: number('latency-ms', args['latency-ms'] ?? process.env.LATENCY_MS ?? '0', 0, 60_000),
};
const version = args.version ?? process.env.APP_VERSION ?? 'v1';
const rps = number('rps', args.rps ?? process.env.RPS ?? '50', 0, 1000);
const port = number('port', args.port ?? process.env.PORT ?? '0', 0, 65535);

function number(name, text, min, max) {
  const n = Number(text);
  if (text === '' || !Number.isFinite(n) || n < min || n > max) {
    process.stderr.write(`metrics-app: --${name} must be a number from ${min} to ${max}, got ${JSON.stringify(text)}\n`);
    process.exit(2);
  }
  return n;
}

const registry = new client.Registry();
registry.setDefaultLabels({ version });
const requests = new client.Counter({ name: 'http_requests_total', help: 'Requests to /work by status code.', labelNames: ['code'], registers: [registry] });
const duration = new client.Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time /work took to answer.',
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

// The share of errors, spread evenly: an error each time the running total passes a whole number.
let errorCredit = 0;
function nextIsError() {
  errorCredit += settings.errorRate;
  if (errorCredit >= 1 - 1e-9) {
    errorCredit -= 1;
    return true;
  }
  return false;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/work') {
    const started = process.hrtime.bigint();
    const code = nextIsError() ? 500 : 200;
    setTimeout(() => {
      res.writeHead(code, { 'content-type': 'text/plain' });
      res.end(code === 200 ? 'ok\n' : 'error\n');
      requests.inc({ code: String(code) });
      duration.observe(Number(process.hrtime.bigint() - started) / 1e9);
    }, settings.latencyMs);
    return;
  }
  if (url.pathname === '/metrics') {
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(text);
      },
      (error) => {
        res.writeHead(500);
        res.end(String(error));
      },
    );
    return;
  }
  if (url.pathname === '/control') {
    if (req.method === 'POST') {
      const next = { ...settings };
      for (const [key, max] of [['errorRate', 1], ['latencyMs', 60_000]]) {
        const raw = url.searchParams.get(key);
        if (raw === null) continue;
        const n = Number(raw);
        if (raw === '' || !Number.isFinite(n) || n < 0 || n > max) {
          res.writeHead(400, { 'content-type': 'text/plain' });
          res.end(`${key} must be a number from 0 to ${max}, got ${JSON.stringify(raw)}\n`);
          return;
        }
        next[key] = n;
      }
      Object.assign(settings, next);
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`${JSON.stringify({ ...settings, version })}\n`);
    return;
  }
  if (url.pathname === '/healthz' || url.pathname === '/readyz') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok\n');
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found\n');
});

// Its own traffic: a tenth of the requests every 100 ms, over kept-alive connections.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
let traffic;
function startTraffic(listeningPort) {
  let owed = 0;
  traffic = setInterval(() => {
    owed += rps / 10;
    for (; owed >= 1; owed -= 1) {
      const req = http.get({ host: '127.0.0.1', port: listeningPort, path: '/work', agent }, (res) => res.resume());
      req.on('error', () => {});
    }
  }, 100);
}

server.listen(port, '127.0.0.1', () => {
  const { port: listening } = server.address();
  startTraffic(listening);
  process.stdout.write(`${JSON.stringify({ listening })}\n`);
});

function shutdown() {
  clearInterval(traffic);
  agent.destroy();
  server.close();
  server.closeAllConnections();
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
