// Whoever can push to the env repo writes ferry.yaml's prometheus block: where the analysis gates
// send their bearer token, and (bearerTokenEnv) from which variable. A security review had the
// promote action send the job's own env-repo token there: the action put git's auth header into
// process.env as GIT_CONFIG_VALUE_0, and `bearerTokenEnv: GIT_CONFIG_VALUE_0` read it. Here the
// promote bundle runs as the runner runs it, against an https git server that needs the token and a
// "Prometheus" on 127.0.0.1 that records what it is sent.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runBundle, type StepResult } from '../support/action-step.js';
import { readRemoteFile } from '../support/env-repo-fixture.js';
import { freePort } from '../support/git-daemon.js';
import { startHttpsGit, type HttpsGit } from '../support/https-git.js';
import { ferryOk, hoursAgo, initTemplateRepo, templateImage } from '../support/template-repo.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOKEN = `ghs_${randomBytes(18).toString('hex')}`;
const BASIC = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
const PROMETHEUS_TOKEN = `prom_${randomBytes(12).toString('hex')}`;

let root: string;
let gitConfig: string;
let certPath: string;
let git: HttpsGit;
/** The Authorization header of each request the recording Prometheus got. */
const received: string[] = [];
let prometheusUrl: string;
let stopPrometheus: () => Promise<void>;


beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-prometheus-credentials-'));
  gitConfig = join(root, 'gitconfig');
  await writeFile(gitConfig, '');
  await mkdir(join(root, 'acme'));
  const [key, cert] = [join(root, 'key.pem'), join(root, 'cert.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  certPath = cert;
  git = await startHttpsGit(root, TOKEN, { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') });
  // Answers every query with one sample of 1 (any condition >= 0.99 passes), and records who asked.
  const prometheus = createHttpServer((req, res) => {
    received.push(req.headers.authorization ?? '');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [Date.now() / 1000, '1'] }] } }));
  });
  const port = await freePort();
  await new Promise<void>((done) => prometheus.listen(port, '127.0.0.1', done));
  prometheusUrl = `http://127.0.0.1:${port}`;
  stopPrometheus = () => new Promise((done) => prometheus.close(() => done()));
}, 30_000);

afterAll(async () => {
  await stopPrometheus?.();
  await git?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

/**
 * An env repo (acme/<name>.git) whose user-service ran in dev for 10 hours, then a push of
 * ferry.yaml with an analysis gate into stage and `prometheus` as given, as anyone with push
 * access to the env repo could make it.
 */
async function envRepo(name: string, prometheus: string): Promise<string> {
  const bare = await initTemplateRepo(join(root, 'acme', `${name}.git`));
  await ferryOk(['bump', '--repo', bare, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.7.0')], hoursAgo(10));
  const work = await mkdtemp(join(root, 'work-'));
  const run = (...args: string[]) => execFileSync('git', ['-c', 'user.name=mallory', '-c', 'user.email=mallory@example.com', ...args], { cwd: work, env: { ...process.env, GIT_CONFIG_GLOBAL: gitConfig, GIT_CONFIG_NOSYSTEM: '1' } });
  run('clone', '--quiet', bare, '.');
  const config = (await readFile(join(work, 'ferry.yaml'), 'utf8')).replace(/( +)soak: 30m[^\n]*\n/, '$1soak: 30m\n$1analysis: [success-rate]\n');
  await writeFile(join(work, 'ferry.yaml'), `${config}prometheus:\n${prometheus}`);
  await mkdir(join(work, 'analysis'), { recursive: true });
  await writeFile(join(work, 'analysis', 'success-rate.yaml'), `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: success-rate
spec:
  args:
    - name: app
  metrics:
    - name: success-rate
      successCondition: result[0] >= 0.99
      provider:
        prometheus:
          address: http://prometheus.monitoring:9090
          query: success_ratio{app="{{args.app}}"}
`);
  run('add', '--all');
  run('commit', '--quiet', '-m', 'analysis gate into stage');
  run('push', '--quiet', 'origin', 'HEAD:main');
  return bare;
}

/** The promote action's bundle as the runner runs it: the env repo over https on the run's GitHub server, with the job's token. */
async function promote(repo: string, env: Record<string, string> = {}): Promise<StepResult> {
  const dir = await mkdtemp(join(root, 'step-'));
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary') };
  await Promise.all(Object.values(files).map((f) => writeFile(f, '')));
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_|GIT_CONFIG_|PROMETHEUS_)/.test(k)));
  const inputs = { repo: `${git.origin}/acme/${repo}.git`, from: 'dev', to: 'stage', apps: 'user-service', 'approvals-from': 'none', 'github-token': TOKEN };
  const childEnv: NodeJS.ProcessEnv = {
    ...base,
    GIT_CONFIG_GLOBAL: gitConfig, GIT_CONFIG_NOSYSTEM: '1', GIT_SSL_CAINFO: certPath,
    GITHUB_ACTOR: 'octocat', GITHUB_SERVER_URL: git.origin, GITHUB_REPOSITORY: 'acme/app', GITHUB_RUN_ID: '4242', RUNNER_TEMP: dir,
    ...files,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...env,
  };
  return runBundle(join(ROOT, 'dist/actions/promote.mjs'), childEnv, files);
}

const errors = (r: StepResult) => r.stdout.split('\n').filter((l) => l.startsWith('::error'));
const stagePin = (bare: string) => readRemoteFile(bare, 'stage/user-service/kustomization.yaml');

describe('ferry.yaml\'s prometheus block cannot send the job\'s credentials anywhere', () => {
  test('bearerTokenEnv: GIT_CONFIG_VALUE_0 and an address of its own: refused at ferry.yaml\'s line and field; that address gets nothing; nothing written', async () => {
    const bare = await envRepo('env-leak', `  address: ${prometheusUrl}\n  bearerTokenEnv: GIT_CONFIG_VALUE_0\n`);
    const before = stagePin(bare);
    const asked = received.length;
    const r = await promote('env-leak');
    expect(received.slice(asked)).toEqual([]);
    expect(r.code, r.stdout).toBe(1);
    const line = readRemoteFile(bare, 'ferry.yaml')!.split('\n').findIndex((l) => l.includes('bearerTokenEnv')) + 1;
    expect(errors(r)).toContainEqual(expect.stringContaining(
      `ferry.yaml:${line}:19: prometheus.bearerTokenEnv: expected the name of an environment variable that starts with PROMETHEUS_, like PROMETHEUS_TOKEN (the token is sent to prometheus.address: ferry.yaml may name only a variable meant for Prometheus, never one holding the runner's, git's or Ferry's credentials, such as GITHUB_TOKEN, ACTIONS_RUNTIME_TOKEN, GIT_CONFIG_VALUE_0 or AWS_SECRET_ACCESS_KEY), found "GIT_CONFIG_VALUE_0"`,
    ));
    expect(r.outputs.status).toBe('failed');
    expect(stagePin(bare)).toBe(before);
    for (const secret of [TOKEN, BASIC]) expect(`${r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n')}${r.stderr}${r.summary}`).not.toContain(secret);
  }, 60_000);

  test('a PROMETHEUS_* token to a Prometheus on the loopback: git authenticates with the job\'s token (clone, fetch, push); Prometheus gets its own token and nothing of git\'s; promoted', async () => {
    const bare = await envRepo('env-ok', `  address: ${prometheusUrl}\n  bearerTokenEnv: PROMETHEUS_TOKEN\n`);
    const asked = received.length;
    const authorized = git.authorized;
    const r = await promote('env-ok', { PROMETHEUS_TOKEN });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'succeeded', verdict: 'pass' });
    expect(received.slice(asked)).toEqual([`Bearer ${PROMETHEUS_TOKEN}`]);
    expect(git.authorized - authorized).toBeGreaterThanOrEqual(2); // the clone and the push, each with the token
    expect(stagePin(bare)).toContain(templateImage('user-service', '1.7.0').split('@')[1]);
    expect(r.stdout).toContain(`::add-mask::${PROMETHEUS_TOKEN}`);
  }, 60_000);
});
