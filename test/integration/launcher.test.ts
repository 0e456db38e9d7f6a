// bin/ferry, the launcher: it runs from anywhere and through the links npm makes to it; the
// commands that talk only to git start Node without NODE_EXTRA_CA_CERTS (Node 20 reads that file
// at start-up, 30-60 ms) and hand it back to git and what git runs; the commands that may open
// TLS connections themselves keep it, and with it reach a server whose CA only it names: a real
// Prometheus serving HTTPS on 127.0.0.1 with a certificate signed by itself.
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FERRY, ferry } from '../support/ferry-cli.js';
import { startPrometheus, type PrometheusServer } from '../support/prometheus-server.js';

let root: string;
/** A --require probe: writes what NODE_EXTRA_CA_CERTS held when Node started to the file PROBE_OUT names. */
let probe: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-launcher-'));
  probe = join(root, 'probe.cjs');
  await writeFile(probe, "require('node:fs').writeFileSync(process.env.PROBE_OUT, process.env.NODE_EXTRA_CA_CERTS ?? '(unset)');\n");
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('bin/ferry runs from anywhere', () => {
  test('through a relative link (node_modules/.bin/ferry), from another working directory', async () => {
    const bin = join(root, 'node_modules', '.bin');
    await mkdir(bin, { recursive: true });
    await symlink(FERRY, join(root, 'ferry-absolute'));
    await symlink('../../ferry-absolute', join(bin, 'ferry')); // a link to a link, the second relative
    const elsewhere = await mkdtemp(join(tmpdir(), 'ferry-cwd-'));
    try {
      const r = await ferry(['--version'], { cwd: elsewhere });
      expect(r).toMatchObject({ code: 0, stdout: 'ferry 0.1.0\n' });
      const linked = spawnSync(join(bin, 'ferry'), ['status', '--help'], { cwd: elsewhere, encoding: 'utf8' });
      expect(linked.status, linked.stderr).toBe(0);
      expect(linked.stdout).toMatch(/^Usage: ferry status/m);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('NODE_EXTRA_CA_CERTS', () => {
  /** What the Node process of `ferry args` had in NODE_EXTRA_CA_CERTS when it started (a --require probe). */
  async function seenAtStart(args: string[], value: string): Promise<string> {
    const out = join(root, `seen-${args[0]}.txt`);
    await ferry(args, { env: { NODE_OPTIONS: `--require ${probe}`, PROBE_OUT: out, NODE_EXTRA_CA_CERTS: value } });
    return readFile(out, 'utf8');
  }

  test.each(['audit', 'block', 'bump', 'history', 'init', 'rollback', 'status', 'unblock', 'validate'])(
    'ferry %s (git only) starts Node without it',
    async (command) => {
      expect(await seenAtStart([command, '--help'], '/etc/ssl/certs/extra.pem')).toBe('(unset)');
    },
  );

  test.each(['analyze', 'promote'])('ferry %s (may query Prometheus over HTTPS) starts Node with it', async (command) => {
    expect(await seenAtStart([command, '--help'], '/etc/ssl/certs/extra.pem')).toBe('/etc/ssl/certs/extra.pem');
  });

  /** An ssh for git (GIT_SSH_COMMAND) that writes down the NODE_EXTRA_CA_CERTS it was given and fails. */
  async function fakeSsh(name: string): Promise<{ ssh: string; seen: string }> {
    const seen = join(root, `${name}.txt`);
    const ssh = join(root, name);
    await writeFile(ssh, `#!/bin/sh\nprintf '%s' "\${NODE_EXTRA_CA_CERTS-(unset)}" > '${seen}'\necho 'fake-ssh: no connection' >&2\nexit 255\n`);
    await chmod(ssh, 0o755);
    return { ssh, seen };
  }

  test('a git-only command hands it back: git, and what git runs (here ssh), see it as it was given', async () => {
    const { ssh, seen } = await fakeSsh('ssh-given');
    const r = await ferry(
      ['bump', '--repo', 'ssh://git@example.invalid/env.git', '--env', 'dev', '--app', 'user-service', '--image', `123456789012.dkr.ecr.eu-central-1.amazonaws.com/user-service:1.0.0@sha256:${'a'.repeat(64)}`],
      { env: { GIT_SSH_COMMAND: ssh, NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/extra.pem' } },
    );
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/fake-ssh: no connection/);
    expect(await readFile(seen, 'utf8')).toBe('/etc/ssl/certs/extra.pem');
  });

  test('a stale FERRY_NODE_EXTRA_CA_CERTS from outside is not taken for one', async () => {
    const { ssh, seen } = await fakeSsh('ssh-stale');
    const env: NodeJS.ProcessEnv = { GIT_SSH_COMMAND: ssh, FERRY_NODE_EXTRA_CA_CERTS: '/tmp/forged.pem', NODE_EXTRA_CA_CERTS: undefined };
    const r = await ferry(['status', '--repo', 'ssh://git@example.invalid/env.git'], { env });
    expect(r.code).toBe(1);
    expect(await readFile(seen, 'utf8')).toBe('(unset)');
  });

  describe('against Prometheus over HTTPS with a private CA', () => {
    let prom: PrometheusServer;
    let template: string;

    beforeAll(async () => {
      const now = Math.floor(Date.now() / 1000);
      const samples = Array.from({ length: 20 }, (_, i) => `fx_up 1 ${now - 300 + 15 * i}`);
      prom = await startPrometheus({ tls: true, backfill: ['# HELP fx_up Up.', '# TYPE fx_up gauge', ...samples, '# EOF'].join('\n') });
      template = join(root, 'up.yaml');
      await writeFile(template, [
        'apiVersion: argoproj.io/v1alpha1',
        'kind: AnalysisTemplate',
        'metadata:',
        '  name: up',
        'spec:',
        '  metrics:',
        '    - name: up',
        '      successCondition: result[0] == 1',
        '      consecutiveErrorLimit: 0',
        '      provider:',
        '        prometheus:',
        '          address: http://prometheus.monitoring:9090',
        '          query: fx_up',
        '',
      ].join('\n'));
    }, 60_000);

    afterAll(async () => {
      await prom?.stop();
    });

    test('ferry analyze trusts the CA that NODE_EXTRA_CA_CERTS names', async () => {
      expect(prom.url).toMatch(/^https:/);
      const r = await ferry(['analyze', '--template', template, '--prometheus', prom.url, '--json'], { env: { NODE_EXTRA_CA_CERTS: prom.caFile! } });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).run.phase).toBe('Successful');
    });

    test('without it the same query fails on the certificate, not silently', async () => {
      const r = await ferry(['analyze', '--template', template, '--prometheus', prom.url, '--json'], { env: { NODE_EXTRA_CA_CERTS: undefined } });
      expect(r.code).toBe(1);
      const run = JSON.parse(r.stdout).run;
      expect(run.phase).toBe('Error');
      expect(run.metrics[0].measurements[0].message).toMatch(/its TLS certificate is not trusted here \(DEPTH_ZERO_SELF_SIGNED_CERT\); name the PEM file of its CA in NODE_EXTRA_CA_CERTS$/);
    });
  });
});
