// A Prometheus address with a credential in its query string (`?access_token=…`, as a proxy in
// front of Prometheus or a hosted one may take it): Ferry showed it as `access_token=***` in its
// own words, but printed it whole where the server's error body echoed the request's URL, or the
// token alone. (A bearer token or a password in the address echoed so was already masked.) Here a
// server on 127.0.0.1 answers every query with an error that echoes what it was sent.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ferry } from '../support/ferry-cli.js';
import { freePort } from '../support/git-daemon.js';

/** A `/` and a `=` in it: the address holds it percent-encoded, the server's echo of the URL too. */
const TOKEN = `tok/${randomBytes(12).toString('hex')}=`;

let root: string;
let template: string;
let server: Server;
let origin: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-prometheus-query-credentials-'));
  template = join(root, 'template.yaml');
  await writeFile(template, `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: up
spec:
  metrics:
    - name: up
      successCondition: result[0] >= 1
      provider:
        prometheus:
          address: http://prometheus.monitoring:9090
          query: up
`);
  // /url/…: a JSON error quoting the request's URL; /value/…: a text error quoting each query value, decoded.
  server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    if (url.pathname.startsWith('/url/')) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: `rejected ${req.url}` }));
    } else {
      res.writeHead(403, { 'content-type': 'text/plain' }).end(`refused ${[...url.searchParams.values()].join(', ')}`);
    }
  });
  const port = await freePort();
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  origin = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await new Promise((done) => server?.close(done));
  if (root) await rm(root, { recursive: true, force: true });
});

describe.each(['access_token', 'token', 'api_key', 'apikey', 'key', 'password', 'secret', 'sig', 'signature', 'X-Amz-Security-Token'])('?%s=…', (name) => {
  test.each([
    ['an error that echoes the request\'s URL', 'url', []],
    ['an error that echoes the value alone', 'value', []],
    ['--json, an error that echoes the request\'s URL', 'url', ['--json']],
  ])('%s: the token is never printed', async (_case, path, extra) => {
    const address = `${origin}/${path}/p?${encodeURIComponent(name)}=${encodeURIComponent(TOKEN)}&tenant=acme`;
    const r = await ferry(['analyze', '--template', template, '--prometheus', address, ...extra]);
    expect(r.code, r.stderr).toBe(1);
    const printed = r.stdout + r.stderr;
    // (What the server said is still there, with the token masked.)
    expect(printed).toContain(path === 'url' ? `rejected /${path}/p/api/v1/query?${encodeURIComponent(name)}=***&tenant=acme` : 'refused ***, acme');
    for (const form of [TOKEN, encodeURIComponent(TOKEN), TOKEN.slice(4, -1)]) expect(printed).not.toContain(form);
  }, 30_000);
});
