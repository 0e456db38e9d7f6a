/**
 * A workflow run of acme/env on a GitHub of its own, for running the actions' bundles as the runner
 * does: the env repo (made by ferry init) served over https (git http-backend, token required) as
 * the run's repository, and the GitHub API stand-in (checked against GitHub's OpenAPI and GraphQL
 * schemas) backed by the same bare repository.
 */
import { execFileSync, type spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { runBundle, type StepResult } from './action-step.js';
import { startGitHubStandIn, type GitHubStandIn } from './github-standin.js';
import { startHttpsGit } from './https-git.js';
import { initTemplateRepo } from './template-repo.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface GitHubRun {
  /** A directory of the run's own, removed by stop(). */
  root: string;
  /** The env repo's bare repository. */
  bare: string;
  /** The env repo as the run's GitHub serves it (`<origin>/acme/env.git`). */
  repoUrl: string;
  /** The GitHub server's origin (`https://127.0.0.1:<port>`). */
  origin: string;
  /** The run's token: git http-backend and the stand-in take no other. */
  token: string;
  standIn: GitHubStandIn;
  /**
   * Runs an action's bundle as the runner does (`github-token` given unless `inputs` names it),
   * with `env` over the run's environment. The token (and its basic-auth form) is masked, and on
   * no other line, nor in outputs or summary.
   */
  step(action: string, inputs: Record<string, string>, env?: Record<string, string>, started?: (child: ReturnType<typeof spawn>) => void): Promise<StepResult>;
  stop(): Promise<void>;
}

/** Starts a run: its https git server and GitHub stand-in, and the env repo. `prefix` names its temporary directory. */
export async function startGitHubRun(prefix: string): Promise<GitHubRun> {
  const token = `ghs_${randomBytes(18).toString('hex')}`;
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  const root = await mkdtemp(join(tmpdir(), prefix));
  const gitConfig = join(root, 'gitconfig');
  await writeFile(gitConfig, '');
  await mkdir(join(root, 'acme'));
  const bare = await initTemplateRepo(join(root, 'acme', 'env.git'));
  const [key, cert] = [join(root, 'key.pem'), join(root, 'cert.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const https = await startHttpsGit(root, token, { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') });
  const standIn = await startGitHubStandIn({ gitRepoPath: bare, owner: 'acme', repo: 'env', token });

  const step: GitHubRun['step'] = async (action, inputs, env = {}, started) => {
    const dir = await mkdtemp(join(root, 'step-'));
    const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary') };
    await Promise.all(Object.values(files).map((f) => writeFile(f, '')));
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_)/.test(k)));
    const childEnv: NodeJS.ProcessEnv = {
      ...base,
      GIT_CONFIG_GLOBAL: gitConfig, GIT_CONFIG_NOSYSTEM: '1', GIT_SSL_CAINFO: cert,
      GITHUB_ACTOR: 'octocat', GITHUB_SERVER_URL: https.origin, GITHUB_API_URL: standIn.url, GITHUB_GRAPHQL_URL: standIn.graphqlUrl,
      GITHUB_REPOSITORY: 'acme/env', GITHUB_RUN_ID: '4242', GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567', RUNNER_TEMP: dir,
      ...files,
      ...Object.fromEntries(Object.entries({ 'github-token': token, ...inputs }).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
      ...env,
    };
    const result = await runBundle(join(ROOT, 'dist/actions', `${action}.mjs`), childEnv, files, started);
    for (const secret of [token, basic]) {
      for (const line of result.stdout.split('\n').filter((l) => l.includes(secret))) expect(line).toBe(`::add-mask::${secret}`);
      expect(result.stderr + JSON.stringify(result.outputs) + result.summary).not.toContain(secret);
    }
    return result;
  };

  return {
    root, bare, repoUrl: `${https.origin}/acme/env.git`, origin: https.origin, token, standIn, step,
    async stop() {
      await standIn.stop();
      await https.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
