/** A real `git daemon` on 127.0.0.1 serving a folder of bare repositories, on a port chosen at run time. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface GitDaemon {
  url(repo: string): string;
  stop(): Promise<void>;
}

/** `env`: more environment for the daemon (and the upload-pack and receive-pack it runs). */
export async function startGitDaemon(basePath: string, env: NodeJS.ProcessEnv = {}): Promise<GitDaemon> {
  const port = await freePort();
  const child: ChildProcess = spawn('git', [
    'daemon', `--base-path=${basePath}`, '--export-all', '--enable=receive-pack', '--informative-errors',
    '--listen=127.0.0.1', `--port=${port}`, '--reuseaddr', '--max-connections=0', basePath,
  ], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let log = '';
  child.stderr!.on('data', (b: Buffer) => (log += b.toString()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`git daemon did not start on 127.0.0.1:${port}: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: (repo) => `git://127.0.0.1:${port}/${repo}`,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
