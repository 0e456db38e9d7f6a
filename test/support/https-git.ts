// `git http-backend` behind an https server on 127.0.0.1 that answers 401 unless the request
// carries `Authorization: basic base64(x-access-token:<token>)`, as GitHub does: the remote the
// action tests push to with the job's token.
import { createServer } from 'node:https';
import { freePort } from './git-daemon.js';
import { gitBackend } from './http-git.js';

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
    gitBackend(projectRoot, req, url, 'x-access-token', (status, headers, body) => res.writeHead(status, headers).end(body));
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
