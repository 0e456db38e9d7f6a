// `git http-backend` behind an https server on 127.0.0.1 that answers 401 unless the request
// carries `Authorization: basic base64(x-access-token:<token>)`, as GitHub does: the remote the
// action tests push to with the job's token.
import { spawn } from 'node:child_process';
import { createServer } from 'node:https';
import { freePort } from './git-daemon.js';

export interface HttpsGit {
  origin: string;
  /** The Authorization header of every request, as sent (its scheme in lower case). */
  authorizations: string[];
  /** Requests let through (with the token). */
  readonly authorized: number;
  stop(): Promise<void>;
}

/** Serves the repositories under `projectRoot` at https://127.0.0.1:<port>/<path>. */
export async function startHttpsGit(projectRoot: string, token: string, tls: { key: string; cert: string }): Promise<HttpsGit> {
  const expected = `basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
  const authorizations: string[] = [];
  let authorized = 0;
  const server = createServer(tls, (req, res) => {
    // The scheme is case-insensitive (RFC 9110); git sends what the extraheader says.
    const authorization = (req.headers.authorization ?? '').replace(/^\S+/, (scheme) => scheme.toLowerCase());
    authorizations.push(authorization);
    if (authorization !== expected) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="ferry-test"' }).end();
      return;
    }
    authorized++;
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const child = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH, GIT_PROJECT_ROOT: projectRoot, GIT_HTTP_EXPORT_ALL: '1', REMOTE_USER: 'x-access-token', REMOTE_ADDR: '127.0.0.1',
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
      res.writeHead(status, Object.fromEntries(headers.filter(([k]) => k.toLowerCase() !== 'status')));
      res.end(out.subarray(split + 4));
    });
  });
  const port = await freePort();
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return {
    origin: `https://127.0.0.1:${port}`,
    authorizations,
    get authorized() {
      return authorized;
    },
    stop: () => new Promise((done) => server.close(() => done())),
  };
}
