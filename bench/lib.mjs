/**
 * Helpers for bench/run.mjs: the env-repo fixture (the TypeScript one, bundled by esbuild at
 * start, not copied), child processes that are tracked and killed on exit, the shell-script
 * minimal-git baseline bump, medians and the results table.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const FERRY = join(ROOT, 'bin/ferry');

/** Everything the benchmark writes lives under one temp dir, removed by cleanup(). */
export async function createWorkspace() {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-bench-'));
  // Children (ferry, git) make their own temp dirs under here, so nothing can leak.
  await mkdir(join(dir, 'tmp'));
  return dir;
}

/** Bundles test/support/env-repo-fixture.ts into the workspace and imports it. */
export async function loadFixture(workspace) {
  const outfile = join(workspace, 'env-repo-fixture.mjs');
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['test/support/env-repo-fixture.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}

/** The environment of every child: temp dirs in the workspace, no prompts, one fixed identity. */
export function childEnv(workspace) {
  return {
    ...process.env,
    TMPDIR: join(workspace, 'tmp'),
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
    GIT_AUTHOR_NAME: 'Ferry Bench',
    GIT_AUTHOR_EMAIL: 'bench@example.invalid',
    GIT_COMMITTER_NAME: 'Ferry Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.invalid',
  };
}

const running = new Set();

/** execFile (argument array, no shell) as a promise; the child is killed if the benchmark exits early. */
export function run(file, args, { input, ...options } = {}) {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', ...options }, (error, stdout, stderr) => {
      running.delete(child);
      if (error) {
        error.message = `${file} ${args.join(' ')} failed (exit ${error.code}): ${stderr || error.message}`;
        Object.assign(error, { stdout, stderr });
        reject(error);
      } else resolve({ stdout, stderr });
    });
    running.add(child);
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

/** Kills the children still running (each by its own pid). */
export function killChildren() {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

export function git(args, options) {
  return run('git', args, options);
}

/** `ferry bump … --json`; resolves with the result object, rejects unless it exited 0. */
export async function ferryBump({ url, env, app, image, childEnvironment }) {
  const { stdout } = await run(FERRY, ['bump', '--repo', url, '--env', env, '--app', app, '--image', image, '--json'], { env: childEnvironment });
  return JSON.parse(stdout);
}

/**
 * The same change as `ferry bump`, with the least git work that makes it: bench/minimal-bump.sh
 * (shallow blob-less clone, sed, hash-object, mktree per directory, commit-tree, push), run by
 * bash; or, `fromNode`, the same git commands run by Node (bench/minimal-bump.mjs), started as
 * bin/ferry starts Node for a bump (without NODE_EXTRA_CA_CERTS). Returns the commit it pushed.
 */
export async function minimalBump({ url, manifest, digest, tag, workspace, childEnvironment, fromNode = false }) {
  const dir = await mkdtemp(join(workspace, 'tmp', 'baseline-'));
  try {
    const script = fromNode ? [process.execPath, 'bench/minimal-bump.mjs'] : ['bash', 'bench/minimal-bump.sh'];
    const env = fromNode ? { ...childEnvironment, NODE_EXTRA_CA_CERTS: undefined } : childEnvironment;
    const { stdout } = await run(script[0], [join(ROOT, script[1]), url, manifest, tag, digest, join(dir, 'clone.git')], { env });
    return stdout.trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Milliseconds that `fn` took, and what it returned. */
export async function timed(fn) {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function formatMs(ms) {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** A plain-text table: the first row is the header. */
export function formatTable(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
