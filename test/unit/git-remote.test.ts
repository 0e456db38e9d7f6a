import { spawnSync } from 'node:child_process';
import { Buffer } from 'node:buffer';
import { describe, expect, test } from 'vitest';
import { gitRemote, redactUrl } from '../../actions/src/adapters/git.js';

/** What git itself makes of a URL's credentials (`git credential fill`, no helper, no prompt): undefined where it finds no password. */
function gitsCredentials(url: string): { username: Buffer; password: Buffer } | undefined {
  const r = spawnSync('git', ['credential', 'fill'], {
    input: `url=${url}\n\n`,
    env: { PATH: process.env.PATH, GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', HOME: '/nonexistent' },
  });
  if (r.status !== 0) return undefined;
  const fields = new Map<string, Buffer>();
  let at = 0;
  while (at < r.stdout.length) {
    const end = r.stdout.indexOf(0x0a, at) < 0 ? r.stdout.length : r.stdout.indexOf(0x0a, at);
    const line = r.stdout.subarray(at, end);
    const eq = line.indexOf(0x3d);
    fields.set(line.subarray(0, eq).toString('latin1'), line.subarray(eq + 1));
    at = end + 1;
  }
  return { username: fields.get('username') ?? Buffer.alloc(0), password: fields.get('password')! };
}

/** The credentials gitRemote() puts in the header, as bytes. */
function headerCredentials(env: Record<string, string>): Buffer {
  const value = Object.entries(env).find(([k]) => k.startsWith('GIT_CONFIG_VALUE_'))![1];
  return Buffer.from(/^Authorization: Basic (\S+)$/.exec(value)![1]!, 'base64');
}

describe('gitRemote: an http(s) URL\'s password goes to git in its environment, not on its command line', () => {
  // Each as git reads it (`git credential fill`): the user name and password it would send, and the URL left.
  test.each([
    ['https://x-access-token:ghs_abc123@github.com/acme/env.git', 'https://github.com/acme/env.git'],
    ['http://deploy:s3cret@127.0.0.1:8080/env.git', 'http://127.0.0.1:8080/env.git'],
    ['https://us%40er:p%2Fa%3Ass@host:8443/a@b/c.git', 'https://host:8443/a@b/c.git'], // percent-encoded; an @ in the path
    ['https://deploy:p%C3%A4ss%ZZ@host/x.git', 'https://host/x.git'], // UTF-8 encoded, and a % that is no escape (as written)
    ['https://deploy:päss@host/x.git', 'https://host/x.git'],
    ['https://deploy:@host/x.git', 'https://host/x.git'], // an empty password
    ['https://deploy:a:b@host/x.git', 'https://host/x.git'], // a : in the password
    ['HTTPS://Deploy:Secret@Host/x.git', 'HTTPS://Host/x.git'],
    ['https://deploy:s3cret@host?x=1', 'https://host?x=1'],
  ])('%s', (url, left) => {
    const fromGit = gitsCredentials(url);
    expect(fromGit).toBeDefined();
    const { url: given, env } = gitRemote(url, {});
    expect(given).toBe(left);
    expect(headerCredentials(env)).toEqual(Buffer.concat([fromGit!.username, Buffer.from(':'), fromGit!.password]));
    expect(env).toEqual({
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: `http.${left.slice(0, left.indexOf('://')).toLowerCase()}://${left.slice(left.indexOf('://') + 3).split(/[/?#]/)[0]}/.extraheader`,
      GIT_CONFIG_VALUE_0: expect.stringMatching(/^Authorization: Basic [A-Za-z0-9+/=]+$/),
    });
  });

  test.each([
    'https://deploy@host/x.git', // a user name alone: git asks the credential helpers for its password
    'https://host/a:b@c.git', // an @ in the path only
    'http://u:p@ss@127.0.0.1/x.git', // a raw @ in the password: no URL git takes (it says so), not a password cut short
    'https://host/x.git',
    'ssh://git:pw@host/x.git',
    'git://host/x.git',
    'file:///srv/git/env.git',
    'git@github.com:acme/env.git',
  ])('%s: given to git as it is', (url) => {
    expect(gitRemote(url, {})).toEqual({ url, env: {} });
  });

  test('the header\'s base64 is masked wherever a message holds it (a server echoing the header it got)', () => {
    const basic = Buffer.from('deploy:gitRemote-s3cret').toString('base64');
    expect(redactUrl(`401: bad credentials ${basic}`)).toBe(`401: bad credentials ${basic}`);
    gitRemote('https://deploy:gitRemote-s3cret@host/x.git', {});
    expect(redactUrl(`401: bad credentials ${basic}`)).toBe('401: bad credentials ***');
    expect(redactUrl(`<p>Authorization: Basic ${basic}</p>`)).toBe('<p>Authorization: Basic ***</p>');
  });

  test('after the config entries the environment has (the action\'s own, a user\'s)', () => {
    const { env } = gitRemote('https://deploy:s3cret@host/x.git', { GIT_CONFIG_COUNT: '2', GIT_CONFIG_KEY_0: 'a.b', GIT_CONFIG_VALUE_0: 'c', GIT_CONFIG_KEY_1: 'd.e', GIT_CONFIG_VALUE_1: 'f' });
    expect(env).toEqual({ GIT_CONFIG_COUNT: '3', GIT_CONFIG_KEY_2: 'http.https://host/.extraheader', GIT_CONFIG_VALUE_2: `Authorization: Basic ${Buffer.from('deploy:s3cret').toString('base64')}` });
  });
});
