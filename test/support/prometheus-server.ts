/**
 * A real Prometheus (Debian `prometheus`, `promtool`) on 127.0.0.1 for integration tests, and a real
 * metrics app (metrics-app.mjs) for it to scrape.
 *
 * Backfilled data (OpenMetrics text) is turned into TSDB blocks by `promtool tsdb create-blocks-from
 * openmetrics` directly in the data directory before Prometheus starts, so Prometheus loads them at
 * start-up and they are queryable at once (blocks written into a running server wait for its next
 * reload). Time retention counts back from the newest block, and a generous
 * `--storage.tsdb.retention.time` keeps fixture blocks from years ago; their samples sit far from
 * the head block's (now) time range, so they never overlap it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './git-daemon.js';

export interface PrometheusServer {
  url: string;
  port: number;
  dataDir: string;
  /** With `tls`: the PEM file of the server's certificate, its own CA. */
  caFile?: string;
  /** Kills Prometheus and removes its directory (again: a no-op). */
  stop(): Promise<void>;
  /**
   * SIGSTOP: connections are still accepted by the kernel, nothing is answered. Resolves once
   * every thread of the process is stopped (state `T` in /proc): each acts on the signal when it
   * next runs, and a query sent at once could still be answered by one on the other core.
   */
  pause(): Promise<void>;
  /** SIGCONT. */
  resume(): void;
}

export interface StartPrometheusOptions {
  /** `labels` are added to every series scraped from those targets (e.g. namespace: user-service-stage). */
  scrapeTargets?: { job: string; targets: string[]; labels?: Record<string, string> }[];
  scrapeIntervalSeconds?: number;
  /** OpenMetrics text (ending in `# EOF`) written into TSDB blocks before start. */
  backfill?: string;
  /**
   * Serve HTTPS only, with a certificate for 127.0.0.1 made here by `openssl` and signed by
   * itself: a private CA that no client trusts unless told (`caFile`).
   */
  tls?: boolean;
}

/** Children and directories to remove if the test process exits without stopping them. */
const leftovers = new Map<ChildProcess, string>();
let exitHookInstalled = false;
function cleanUpOnExit(child: ChildProcess, dir: string): void {
  leftovers.set(child, dir);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [c, d] of leftovers) {
      if (c.exitCode === null && c.signalCode === null) {
        c.kill('SIGCONT');
        c.kill('SIGKILL');
      }
      if (d) rmSync(d, { recursive: true, force: true });
    }
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const hard = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGCONT'); // a paused process does not act on SIGTERM until it runs again
    child.kill('SIGTERM');
  });
}

export async function startPrometheus(options: StartPrometheusOptions = {}): Promise<PrometheusServer> {
  const root = await mkdtemp(join(tmpdir(), 'ferry-prometheus-'));
  const dataDir = join(root, 'data');
  const interval = `${options.scrapeIntervalSeconds ?? 1}s`;
  const config = {
    global: { scrape_interval: interval, scrape_timeout: interval, evaluation_interval: interval },
    scrape_configs: (options.scrapeTargets ?? []).map((t) => ({ job_name: t.job, static_configs: [{ targets: t.targets, ...(t.labels ? { labels: t.labels } : {}) }] })),
  };
  const configFile = join(root, 'prometheus.yml');
  await writeFile(configFile, JSON.stringify(config, null, 2)); // JSON is YAML

  if (options.backfill !== undefined) {
    const input = join(root, 'backfill.om');
    await writeFile(input, options.backfill.endsWith('\n') ? options.backfill : `${options.backfill}\n`);
    const r = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', input, dataDir], { encoding: 'utf8' });
    if (r.status !== 0) {
      await rm(root, { recursive: true, force: true });
      throw new Error(`promtool could not backfill ${input}: ${r.error?.message ?? ''}${r.stderr}${r.stdout}`);
    }
  }

  const tlsArgs: string[] = [];
  let ca: Buffer | undefined;
  const caFile = options.tls ? join(root, 'cert.pem') : undefined;
  if (caFile) {
    const keyFile = join(root, 'key.pem');
    const r = spawnSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
      '-subj', '/CN=Ferry test Prometheus', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', caFile,
    ], { encoding: 'utf8' });
    if (r.status !== 0) {
      await rm(root, { recursive: true, force: true });
      throw new Error(`openssl could not make a certificate: ${r.error?.message ?? ''}${r.stderr}`);
    }
    const webConfig = join(root, 'web.yml');
    await writeFile(webConfig, JSON.stringify({ tls_server_config: { cert_file: caFile, key_file: keyFile } }));
    tlsArgs.push(`--web.config.file=${webConfig}`);
    ca = await readFile(caFile);
  }

  const port = await freePort();
  const url = `${caFile ? 'https' : 'http'}://127.0.0.1:${port}`;
  const child = spawn('prometheus', [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${dataDir}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--storage.tsdb.retention.time=100y',
    '--log.level=warn',
    ...tlsArgs,
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  cleanUpOnExit(child, root);
  let log = '';
  child.stderr!.on('data', (b: Buffer) => (log = (log + b.toString()).slice(-4000)));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stopChild(child);
    await rm(root, { recursive: true, force: true });
    leftovers.delete(child);
  };

  const deadline = Date.now() + 20_000;
  for (;;) {
    const ready = await isReady(`${url}/-/ready`, ca);
    if (ready) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`Prometheus did not become ready on 127.0.0.1:${port}: ${log}`);
    }
    await sleep(50);
  }

  return {
    url,
    port,
    dataDir,
    ...(caFile ? { caFile } : {}),
    stop,
    pause: async () => {
      child.kill('SIGSTOP');
      const state = async (task: string) => {
        const stat = await readFile(`/proc/${child.pid}/task/${task}/stat`, 'utf8').catch(() => ') T'); // (a thread that ended)
        return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      };
      for (let waited = 0; waited < 5_000; waited += 5) {
        const states = await Promise.all((await readdir(`/proc/${child.pid}/task`)).map(state));
        if (states.every((s) => s === 'T')) return;
        await sleep(5);
      }
      throw new Error('Prometheus did not stop within 5 s of SIGSTOP');
    },
    resume: () => void child.kill('SIGCONT'),
  };
}

/** Whether GET `url` answers 2xx; over HTTPS, trusting `ca` (this process's fetch takes no CA of its own). */
function isReady(url: string, ca: Buffer | undefined): Promise<boolean> {
  if (!ca) return fetch(url).then((r) => r.ok, () => false);
  return new Promise((resolve) => {
    const request = httpsGet(url, { ca }, (response) => {
      response.resume();
      resolve((response.statusCode ?? 0) >= 200 && (response.statusCode ?? 0) < 300);
    });
    request.on('error', () => resolve(false));
    request.setTimeout(2_000, () => request.destroy());
  });
}

/**
 * Waits until the series `selector` (a plain series selector, like `http_requests_total{job="app"}`)
 * has at least `minCount` samples in the last 5 minutes in one of its series: the first scrapes
 * land about 5 s after start (target discovery is applied in 5 s batches).
 */
export async function waitForSamples(url: string, selector: string, minCount: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    try {
      const r = await fetch(`${url}/api/v1/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ query: `max(count_over_time(${selector}[5m]))` }).toString(),
      });
      const body = (await r.json()) as { data?: { result?: { value: [number, string] }[] } };
      const v = body.data?.result?.[0]?.value[1];
      last = v ?? 'no series';
      if (v !== undefined && Number(v) >= minCount) return;
    } catch (error) {
      last = String(error);
    }
    if (Date.now() > deadline) throw new Error(`${selector} did not reach ${minCount} samples at ${url} within ${timeoutMs} ms (last: ${last})`);
    await sleep(250);
  }
}

export interface MetricsApp {
  url: string;
  port: number;
  /** Changes the error rate and latency of the running app. */
  control(settings: { errorRate?: number; latencyMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

const METRICS_APP = join(dirname(fileURLToPath(import.meta.url)), 'metrics-app.mjs');

/** Starts metrics-app.mjs on a port the OS picks; it serves /metrics and makes its own traffic. */
export async function startMetricsApp(options: { errorRate?: number; latencyMs?: number; version?: string; requestsPerSecond?: number } = {}): Promise<MetricsApp> {
  const args = [METRICS_APP, '--port', '0'];
  if (options.errorRate !== undefined) args.push('--error-rate', String(options.errorRate));
  if (options.latencyMs !== undefined) args.push('--latency-ms', String(options.latencyMs));
  if (options.version !== undefined) args.push('--version', options.version);
  if (options.requestsPerSecond !== undefined) args.push('--rps', String(options.requestsPerSecond));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  cleanUpOnExit(child, '');
  let err = '';
  child.stderr!.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-4000)));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`metrics app did not start: ${err}`)), 10_000);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /"listening":\s*(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`metrics app exited with ${code}: ${err}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    async control(settings) {
      const q = new URLSearchParams();
      if (settings.errorRate !== undefined) q.set('errorRate', String(settings.errorRate));
      if (settings.latencyMs !== undefined) q.set('latencyMs', String(settings.latencyMs));
      const r = await fetch(`${url}/control?${q}`, { method: 'POST' });
      if (!r.ok) throw new Error(`metrics app refused ${q}: ${r.status} ${await r.text()}`);
    },
    async stop() {
      await stopChild(child);
      leftovers.delete(child);
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
