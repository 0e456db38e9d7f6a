// What `ferry analyze` refuses before it queries anything, through bin/ferry: an address that is no
// http(s) URL is quoted without its user info (text and --json), a secret arg that a PromQL comment
// would let out of its string literal, and a timeout a Node timer cannot wait for.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ferry } from '../support/ferry-cli.js';
import { freePort } from '../support/git-daemon.js';

let root: string;
/** A port nothing listens on: a query that got that far would fail, not exit 2. */
let closed: number;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-analysis-refusals-'));
  closed = await freePort();
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function template(name: string, prometheus: string, args = ''): Promise<string> {
  const file = join(root, `${name}.yaml`);
  await writeFile(file, `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: ${name}
spec:
${args}  metrics:
    - name: m
      successCondition: result[0] >= 0.99
      provider:
        prometheus:
${prometheus}`);
  return file;
}

test.each([
  ['http://alice:Hunter2/Secret99@127.0.0.1:19391', 'http://***@127.0.0.1:19391', ['Hunter2', 'Secret99']],
  ['https//alice:Pw9xQ7zLm2@127.0.0.1:19391', 'https//***@127.0.0.1:19391', ['Pw9xQ7zLm2']],
  ['ftp://alice:Pw9xQ7zLm2@127.0.0.1:19391', 'ftp://***@127.0.0.1:19391', ['Pw9xQ7zLm2']],
  ['http://alice:Pw9xQ7zLm2@[::1', 'http://***@[::1', ['Pw9xQ7zLm2']],
  // A URL would read host alice, port 123, and show 123, the start of the password.
  ['http://alice:123#S3cr3tPW@127.0.0.1:19391', 'http://***@127.0.0.1:19391', ['123', 'S3cr3tPW']],
  ['http://alice:123?S3cr3tPW@127.0.0.1:19391', 'http://***@127.0.0.1:19391', ['123', 'S3cr3tPW']],
])('--prometheus %j: exit 2, the address quoted without its user info', async (address, shown, hidden) => {
  const file = await template('addr', '          query: up\n');
  for (const json of [false, true]) {
    const r = await ferry(['analyze', '--template', file, '--prometheus', address, ...(json ? ['--json'] : [])]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`ferry analyze: error: --prometheus: expected an http(s) URL like http://127.0.0.1:9090, found "${shown}"`);
    if (json) expect(JSON.parse(r.stdout).error.problems).toEqual([{ field: '--prometheus', message: `expected an http(s) URL like http://127.0.0.1:9090, found "${shown}"` }]);
    for (const part of hidden) expect(r.stdout + r.stderr).not.toContain(part);
  }
});

test('a template\'s own address: quoted without its user info, at its line', async () => {
  const file = await template('own', '          address: "http://alice:Hunter2/Secret99@[::1"\n          query: up\n');
  const r = await ferry(['analyze', '--template', file, '--json']);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain(`${file}:11:20: spec.metrics[0].provider.prometheus.address: expected an http(s) URL like http://prometheus.monitoring:9090, found "http://***@[::1"`);
  expect(r.stdout + r.stderr).not.toMatch(/Hunter2|Secret99/);
});

test('a secret arg after a comment with a quote in it: refused, naming the arg, never the value', async () => {
  const args = '  args:\n    - name: token\n      valueFrom:\n        secretKeyRef: { name: prom, key: token }\n';
  const file = await template('comment', `          address: http://127.0.0.1:${closed}\n          query: |\n            # the job's availability\n            sum(up{job="self", x!="{{args.token}}"})\n`, args);
  const r = await ferry(['analyze', '--template', file], { env: { FERRY_SECRET_PROM_TOKEN: 'TOPSECRET"xyzzyPASS' } });
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain('spec.metrics[0].provider.prometheus.query: secret arg "token" cannot be put into the query');
  expect(r.stderr).not.toMatch(/TOPSECRET|xyzzy|PASS/);
});

test('a timeout past the longest timer (2147483 s): refused at its line, no TimeoutOverflowWarning', async () => {
  const file = await template('timeout', `          address: http://127.0.0.1:${closed}\n          query: up\n          timeout: 2147484\n`);
  const r = await ferry(['analyze', '--template', file]);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain(`${file}:13:20: spec.metrics[0].provider.prometheus.timeout: expected a timeout of at most 2147483 seconds (24.8 days, the longest wait a timer takes), found 2147484`);
  expect(r.stderr).not.toMatch(/TimeoutOverflowWarning|did not answer/);
});
