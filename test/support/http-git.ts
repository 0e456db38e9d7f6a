// `git http-backend` behind a plain http server on 127.0.0.1: a network remote with basic
// authentication (user:password, answered 401 otherwise) and a server that hangs (takes a request
// and never answers) or answers slowly (a throttled body), for the tests of credentials, time
// limits and interrupts.
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { freePort } from './git-daemon.js';

export interface HttpGit {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Requests seen, as `<method> <path>` (authorized or not). */
  requests: string[];
  /** Connections open now (a git still waiting for a hung request keeps one). */
  openConnections(): number;
  stop(): Promise<void>;
}

export interface HttpGitOptions {
  /** `user:password` the server asks for; none: anyone may read and push. */
  credentials?: string;
  /** Requests the server takes and never answers: all of them, or the pushes' POSTs only. */
  hang?: 'all' | 'push';
  /** Bytes per second at which each answer's body is sent (in slices every 100 ms); none: at once. */
  throttle?: number;
}

/** Serves the repositories under `projectRoot` at http://127.0.0.1:<port>/<path>. */
export async function startHttpGit(projectRoot: string, options: HttpGitOptions = {}): Promise<HttpGit> {
  const expected = options.credentials === undefined ? undefined : `Basic ${Buffer.from(options.credentials).toString('base64')}`;
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const hangs = (req: IncomingMessage, url: URL): boolean =>
    options.hang === 'all' || (options.hang === 'push' && req.method === 'POST' && url.pathname.endsWith('/git-receive-pack'));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}`);
    if (expected !== undefined && req.headers.authorization !== expected) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="ferry-test"' }).end();
      return;
    }
    if (hangs(req, url)) return; // taken, never answered
    gitBackend(projectRoot, req, url, 'ferry-test', (status, headers, body) => {
      res.writeHead(status, headers);
      if (options.throttle === undefined) {
        res.end(body);
        return;
      }
      const slice = Math.max(1, Math.round(options.throttle / 10));
      let at = 0;
      const send = () => {
        if (res.destroyed) return;
        if (at + slice >= body.length) {
          res.end(body.subarray(at));
          return;
        }
        res.write(body.subarray(at, (at += slice)));
        setTimeout(send, 100);
      };
      send();
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await freePort();
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    openConnections: () => sockets.size,
    stop: () => new Promise<void>((done) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => done());
    }),
  };
}

/**
 * Runs `git http-backend` (CGI) for one request to a repository under `projectRoot`, and hands its
 * answer over: the status, the headers and the body.
 */
export function gitBackend(projectRoot: string, req: IncomingMessage, url: URL, remoteUser: string, answer: (status: number, headers: Record<string, string>, body: Buffer) => void): void {
  const child = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH, GIT_PROJECT_ROOT: projectRoot, GIT_HTTP_EXPORT_ALL: '1', REMOTE_USER: remoteUser, REMOTE_ADDR: '127.0.0.1',
      PATH_INFO: decodeURIComponent(url.pathname), QUERY_STRING: url.search.slice(1), REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: req.headers['content-type'] ?? '', GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
      ...(req.headers['content-length'] ? { CONTENT_LENGTH: req.headers['content-length'] } : {}),
    },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  req.pipe(child.stdin);
  const chunks: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => chunks.push(b));
  child.on('close', () => {
    const out = Buffer.concat(chunks);
    const split = out.indexOf('\r\n\r\n');
    const headers = out.subarray(0, split).toString('latin1').split('\r\n').map((l) => l.split(/:\s*/, 2) as [string, string]);
    const status = Number(headers.find(([k]) => k.toLowerCase() === 'status')?.[1]?.split(' ')[0] ?? 200);
    answer(status, Object.fromEntries(headers.filter(([k]) => k.toLowerCase() !== 'status')), out.subarray(split + 4));
  });
}
