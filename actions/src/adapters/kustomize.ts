/**
 * kustomize, run to render the env repo's kustomizations (ferry validate --render): the
 * `kustomize` binary (`kustomize build <dir>`), or the one built into kubectl (`kubectl kustomize
 * <dir>`), found on PATH (kustomize first) or named by FERRY_KUSTOMIZE. It runs with an argument
 * array (never a shell), in a directory holding only the env repo's files, with a time limit,
 * kustomize's default load restrictor stated (LoadRestrictionsRootOnly), no Helm, no plugins, and
 * an environment with no credentials: a HOME of its own (no git or kubectl configuration, no ssh
 * keys), only PATH, the locale and proxies without a password. Only kustomizations whose whole
 * tree is in the repository are built (the core walks it first: kustomize-render.ts); as defence
 * in depth, the git kustomize would run for a remote base is allowed no protocol
 * (protocol.allow=never), so nothing is fetched with it. A build kustomize refuses is its message;
 * one that cannot be done (the binary does not run or dies, the time limit, too much output) is
 * an Error: the world failed, and a retry may help.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, delimiter, isAbsolute, join, resolve } from 'node:path';
import { ConfigurationError, quote } from '../core/errors.js';
import type { KustomizeBuild, KustomizeBuilder } from '../core/kustomize-render.js';
import { redactUrl } from '../core/redact.js';
import { stopOnSignal, stopProcessTree } from './git-process.js';

/** A kustomize to run: its path, and whether it is kubectl's (`kubectl kustomize`) or kustomize's own (`kustomize build`). */
export interface KustomizeBinary {
  path: string;
  kind: 'kustomize' | 'kubectl';
}

/** Seconds one build may take. */
export const BUILD_TIMEOUT_S = 120;
/** The most output of a build read (a larger one is reported as too large). */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
/** How much of kustomize's message a problem shows. */
const MAX_MESSAGE_CHARS = 1500;
/** Proxy settings passed on to kustomize, when they hold no password. */
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];

/**
 * The kustomize to run: FERRY_KUSTOMIZE (a path to kustomize, or to kubectl: a file whose name
 * starts with `kubectl`), else `kustomize`, else `kubectl`, on PATH. A ConfigurationError naming
 * `field` (the option that asked for rendering) when there is none.
 */
export function findKustomize(field: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): KustomizeBinary {
  const given = env.FERRY_KUSTOMIZE;
  if (given !== undefined && given !== '') {
    const path = isAbsolute(given) ? given : resolve(cwd, given);
    if (!isExecutableFile(path)) {
      throw new ConfigurationError({ field: 'FERRY_KUSTOMIZE', message: `expected the path of a kustomize or kubectl executable, found ${quote(given)}: no executable file there` });
    }
    return { path, kind: /^kubectl/i.test(basename(path)) ? 'kubectl' : 'kustomize' };
  }
  for (const kind of ['kustomize', 'kubectl'] as const) {
    const path = onPath(kind, env.PATH ?? '');
    if (path !== undefined) return { path, kind };
  }
  throw new ConfigurationError({
    field,
    message: 'renders each kustomization with kustomize, and neither kustomize nor kubectl (which has kustomize built in) is on PATH: install one of them (https://kubectl.docs.kubernetes.io/installation/kustomize/, or kubectl), or set FERRY_KUSTOMIZE to the path of either',
  });
}

function onPath(name: string, path: string): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '' || !isAbsolute(dir)) continue; // (a relative entry would depend on the directory Ferry runs in)
    const file = join(dir, name);
    if (isExecutableFile(file)) return file;
  }
  return undefined;
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export interface KustomizeRunnerOptions {
  /** The directory holding the env repo's files, made when first needed (a checkout of a commit). */
  root: () => Promise<string>;
  /** A directory of Ferry's own for kustomize's HOME and temporary files (removed by the caller). */
  scratch: string;
  /** The environment PATH and the proxies are taken from. */
  env?: NodeJS.ProcessEnv;
  timeoutS?: number;
  /** Builds at once (default: the processors, at most 4). */
  parallel?: number;
}

/** Builds kustomization directories of the env repo's files with a kustomize binary. */
export class KustomizeRunner implements KustomizeBuilder {
  private root: Promise<string> | undefined;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly env: Record<string, string>;
  private readonly parallel: number;

  constructor(
    readonly binary: KustomizeBinary,
    private readonly options: KustomizeRunnerOptions,
  ) {
    const home = join(options.scratch, 'home');
    const tmp = join(options.scratch, 'tmp');
    mkdirSync(home, { recursive: true });
    mkdirSync(tmp, { recursive: true });
    this.env = kustomizeEnv(options.env ?? process.env, home, tmp);
    this.parallel = options.parallel ?? Math.max(1, Math.min(4, availableParallelism()));
  }

  async build(dir: string): Promise<KustomizeBuild> {
    const root = await (this.root ??= this.options.root());
    await this.turn();
    try {
      return await this.run(root, dir);
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private async turn(): Promise<void> {
    if (this.running < this.parallel) {
      this.running++;
      return;
    }
    await new Promise<void>((resolveTurn) => this.waiting.push(resolveTurn));
    this.running++;
  }

  private run(root: string, dir: string): Promise<KustomizeBuild> {
    const target = dir === '' ? '.' : `./${dir}`;
    const args = [this.binary.kind === 'kubectl' ? 'kustomize' : 'build', '--load-restrictor', 'LoadRestrictionsRootOnly', target];
    const timeoutS = this.options.timeoutS ?? BUILD_TIMEOUT_S;
    const failed = (why: string) => new Error(`cannot render ${dir === '' ? 'the repository\'s root' : dir} with ${this.binary.path} (${args.slice(0, -1).join(' ')}): ${why}; a retry may help`);
    return new Promise((resolveBuild, reject) => {
      const child = spawn(this.binary.path, args, { cwd: root, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
      stopOnSignal(child);
      const out: Buffer[] = [];
      let outBytes = 0;
      let err = '';
      let stopped: string | undefined;
      const stop = (why: string) => {
        if (stopped !== undefined) return;
        stopped = why;
        stopProcessTree(child);
      };
      const timer = setTimeout(() => stop(`it did not finish within ${timeoutS} s`), timeoutS * 1000);
      child.stdout.on('data', (b: Buffer) => {
        outBytes += b.length;
        if (outBytes > MAX_OUTPUT_BYTES) return stop(`its output is larger than ${MAX_OUTPUT_BYTES / 1024 / 1024} MiB`);
        out.push(b);
      });
      child.stderr.on('data', (b: Buffer) => {
        if (err.length < 64 * 1024) err += b.toString('utf8');
      });
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(failed(`it cannot be run: ${e.message}`));
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (stopped !== undefined) return reject(failed(stopped));
        if (code === 0) return resolveBuild({ output: Buffer.concat(out).toString('utf8') });
        // Killed by a signal, or the binary could not be run (126: not executable, 127: not found, as a shell says).
        if (code === null || code === 126 || code === 127) {
          const said = cleanMessage(err, root);
          return reject(failed(`${code === null ? `it was ended by ${signal}` : `it could not be run (exit ${code})`}${said ? `: ${said}` : ''}`));
        }
        const said = cleanMessage(err, root) || `${basename(this.binary.path)} exited with ${code ?? signal}`;
        resolveBuild({ error: said });
      });
    });
  }
}

/** The environment kustomize runs with: nothing of this process's but PATH and proxies without a password. */
export function kustomizeEnv(from: NodeJS.ProcessEnv, home: string, tmp: string): Record<string, string> {
  const env: Record<string, string> = {
    PATH: from.PATH ?? '',
    HOME: home,
    TMPDIR: tmp,
    LANG: 'C',
    LC_ALL: 'C',
    // The git kustomize runs for a remote base: no prompt, no configuration of the user's or the system's (credential helpers).
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    KUBECONFIG: join(home, 'no-kubeconfig'),
    // Defence in depth: a remote base the walk before the build missed cannot be fetched with git (no protocol allowed).
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'protocol.allow',
    GIT_CONFIG_VALUE_0: 'never',
  };
  for (const name of PROXY_VARIABLES) {
    const value = from[name];
    if (value !== undefined && value !== '' && !value.includes('@')) env[name] = value;
  }
  return env;
}

/** kustomize's message: paths in the files' directory made the repository's, URL credentials and remembered secrets masked, control characters out, trimmed. */
export function cleanMessage(text: string, root: string): string {
  // kubectl logs it (klog): `E0102 03:04:05.678901   123 run.go:72] "command failed" err="<message>"`.
  const unlogged = text.split('\n').map((line) => {
    const m = /^[IWEF]\d{4} [\d:.]+\s+\d+ [^\]]*\] "command failed" err="(.*)"$/.exec(line.trim());
    if (!m) return line;
    try {
      return JSON.parse(`"${m[1]}"`) as string;
    } catch {
      return m[1]!;
    }
  }).join('\n');
  let s = unlogged.split(`${root}/`).join('').split(root).join('.');
  s = redactUrl(s);
  // eslint-disable-next-line no-control-regex -- removing control characters (colours, cursor moves) is the point
  s = s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
  // (kubectl and kustomize start it with `error: ` / `Error: `, which the problem says already.)
  s = s.split('\n').map((l) => l.trim()).filter(Boolean).join(' ').replace(/^error: /i, '');
  return s.length > MAX_MESSAGE_CHARS ? `${s.slice(0, MAX_MESSAGE_CHARS)}… (cut short)` : s;
}
