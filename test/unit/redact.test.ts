import { describe, expect, test } from 'vitest';
import { redactUrl } from '../../actions/src/adapters/git.js';
import { maskRemembered, maskSecrets, queryCredentials, rememberCredentials, rememberSecret, secretForms, urlCredentials } from '../../actions/src/core/redact.js';

describe('redactUrl: no credential of a URL survives in a message', () => {
  test.each([
    ['clone https://alice:s3cret@example.com/x.git failed', 'clone https://***@example.com/x.git failed'],
    // A password with `@` or `/` in it, not percent-encoded: nothing of it is left.
    ['clone https://alice:p@ss@127.0.0.1:1/x.git failed', 'clone https://***@127.0.0.1:1/x.git failed'],
    ['clone https://deploy:AbC/dEf+GhSecret==@127.0.0.1:1/acme/env.git failed', 'clone https://***@127.0.0.1:1/acme/env.git failed'],
    ['from https://u:p@h/a and https://v:q@g/b', 'from https://***@h/a and https://***@g/b'],
    ['{"repo":"https://u:p@h/x","note":"c@d"}', '{"repo":"https://***@h/x","note":"c@d"}'],
    ['https://x-access-token:ghs_abc@github.com/o/r.git', 'https://***@github.com/o/r.git'],
    // scp-like addresses
    ["fatal: 'alice:s3cr3t@127.0.0.1:/x.git' does not appear to be a git repository", "fatal: '***@127.0.0.1:/x.git' does not appear to be a git repository"],
    ['clone alice:p@ss@host:repo.git', 'clone ***@host:repo.git'],
    // A quote is a legal character of a password (RFC 3986 sub-delims)
    ["clone https://deploy:it'sS3cret@127.0.0.1:1/r.git failed", 'clone https://***@127.0.0.1:1/r.git failed'],
    ["fatal: unable to access 'https://deploy:it'sS3cret@127.0.0.1:1/r.git/': 403", "fatal: unable to access 'https://***@127.0.0.1:1/r.git/': 403"],
    // A file:// URL with user info (before its path) is no exception.
    ['clone file://alice:s3cretpw@/tmp/env.git (branch main) failed', 'clone file://***@/tmp/env.git (branch main) failed'],
    ['{"repo":"file://alice:s3cretpw@localhost/tmp/a@b/env.git"}', '{"repo":"file://***@localhost/tmp/a@b/env.git"}'],
  ])('%s', (text, redacted) => {
    expect(redactUrl(text)).toBe(redacted);
  });

  test.each([
    'clone https://example.com/x.git failed',
    'clone file:///tmp/a@b/x.git failed', // (a file:// URL has no credentials: a path with @ in it stays whole)
    'clone git@github.com:o/r.git failed',
    'error: the digest is sha256:abc',
    'user@example.com wrote: see host:path',
  ])('left as it is: %s', (text) => {
    expect(redactUrl(text)).toBe(text);
  });
});

describe('rememberCredentials: the credentials of a URL given to Ferry are masked wherever they appear', () => {
  test('characters that end a URL in a message, as written and percent-decoded', () => {
    rememberCredentials('https://deploy:a"b<c>`S3cret%21@127.0.0.1:1/r.git');
    expect(redactUrl('clone "https://deploy:a"b<c>`S3cret%21@127.0.0.1:1/r.git" failed')).not.toMatch(/S3cret/);
    expect(redactUrl('auth failed for a"b<c>`S3cret! (decoded)')).toBe('auth failed for *** (decoded)');
    // a short user name is no secret: masking it would hide the word everywhere
    expect(redactUrl('deploy key')).toBe('deploy key');
  });

  test('a short password is masked where it stands as one, not in every word and number', () => {
    rememberCredentials('http://u:1@127.0.0.1:1/env.git');
    rememberCredentials('ssh://git@github.example/acme/env.git');
    expect(redactUrl('clone http://u:1@127.0.0.1:1/env.git (branch release-1) failed')).toBe('clone http://***@127.0.0.1:1/env.git (branch release-1) failed');
    expect(redactUrl('clone "ssh://git@github.example/acme/env.git" (a github repo)')).toBe('clone "ssh://***@github.example/acme/env.git" (a github repo)');
  });

  test('maskRemembered masks what is remembered and changes nothing else (an image that looks like scp-like user info)', () => {
    rememberCredentials('https://x-access-token:rememb3red-T0ken@127.0.0.1:1/env.git');
    rememberSecret('cmVtZW1iM3JlZC1iYXNpYw==');
    expect(maskRemembered('read https://x-access-token:rememb3red-T0ken@127.0.0.1:1/env.git (branch v1) failed; header cmVtZW1iM3JlZC1iYXNpYw=='))
      .toBe('read https://x-access-token:***@127.0.0.1:1/env.git (branch v1) failed; header ***');
    expect(maskRemembered('found "nginx:1.25@sha256:abcd"')).toBe('found "nginx:1.25@sha256:abcd"');
  });

  test.each([
    ['https://alice:pw@h/x', ['pw']],
    // a user name that is no token is no secret; an `@` in the path is not user info
    ['ssh://git@github.example/acme/env.git', []],
    ['https://alice@h/x', []],
    ['https://github.com/acme/env@v2.git', []],
    ['https://ghp_short@github.com/o/r.git', ['ghp_short']],
    ['https://ghp_0123456789abcdefghijklmnop@github.com/o/r.git', ['ghp_0123456789abcdefghijklmnop']],
    ['https://token:x-oauth-basic@h/x', ['x-oauth-basic', 'token']],
    ['https://h/x', []],
    ['file:///tmp/a:b@c', []],
    ['file://alice:s3cretpw@/tmp/env.git', ['s3cretpw']],
    ['file://alice:s3cretpw@localhost/tmp/a@b/env.git', ['s3cretpw']],
    ['/tmp/repo', []],
  ])('urlCredentials(%s)', (url, secrets) => {
    expect(urlCredentials(url)).toEqual(secrets);
  });
});

describe('secretForms / maskSecrets: an HTML-escaped copy of a secret is masked too', () => {
  // How each escaper writes the secret into an error page that echoes the request.
  test.each([
    ['lodash, PHP htmlspecialchars', `a&b<c>"d'e`, 'a&amp;b&lt;c&gt;&quot;d&#39;e'],
    ["Python's html.escape", `a&b<c>"d'e`, 'a&amp;b&lt;c&gt;&quot;d&#x27;e'],
    ["Go's html.EscapeString", `a&b<c>"d'e`, 'a&amp;b&lt;c&gt;&#34;d&#39;e'],
    ['XML', `a&b<c>"d'e`, 'a&amp;b&lt;c&gt;&quot;d&apos;e'],
    ['a text escaper (quotes left as they are)', `a&b<c>"d'e`, `a&amp;b&lt;c&gt;"d'e`],
    ['only an ampersand', 'tok&en=1', 'tok&amp;en=1'],
    ['inside a JSON string, then HTML-escaped', 'k"e&y', 'k\\&quot;e&amp;y'],
  ])('%s', (_escaper, secret, escaped) => {
    expect(secretForms(secret)).toContain(escaped);
    const page = `<html><body><p>403: key=${escaped} refused</p></body></html>`;
    expect(maskSecrets(page, [secret], '***')).toBe('<html><body><p>403: key=*** refused</p></body></html>');
  });

  test('a secret with no character HTML escapes has no other forms for it', () => {
    expect(secretForms('plainToken123')).toEqual(['plainToken123']);
  });
});

describe('queryCredentials: the values of an address\'s query parameters named as credentials', () => {
  test.each<[string, string[]]>([
    ['http://prom:9090/p?access_token=tok-12345', ['tok-12345']],
    ['http://prom:9090?token=aaaaaaaa&api_key=bbbbbbbb&apikey=cccccccc&key=dddddddd&password=eeeeeeee&secret=ffffffff&sig=gggggggg&signature=hhhhhhhh', ['aaaaaaaa', 'bbbbbbbb', 'cccccccc', 'dddddddd', 'eeeeeeee', 'ffffffff', 'gggggggg', 'hhhhhhhh']],
    // Names as services spell them: case, `-`, `_` and `.` do not matter.
    ['https://aps/api/v1?X-Amz-Security-Token=st345678&X-Amz-Signature=sg345678&client_secret=cs345678&apiKey=ak345678&auth=au345678', ['st345678', 'sg345678', 'cs345678', 'ak345678', 'au345678']],
    // Shorter than 8 characters, a value goes with its name: alone, `1` would be masked in every number.
    ['http://prom?token=a&key=1', ['token=a', 'key=1']],
    // As written and percent-decoded (a form's `+` a space).
    ['http://prom?token=a%2Fb%3D+c', ['a%2Fb%3D+c', 'token=a/b= c']],
    ['http://prom?token=1000000%25', ['1000000%25', '1000000%']],
    ['http://prom?token=bad%zzzzz', ['bad%zzzzz']],
    // A parameter that is no credential's (one only ending like one), one without a value, a fragment: nothing.
    ['http://prom:9090/p?step=60&tenant=acme&token=&key#frag', []],
    ['http://prom:9090/p?monkey=1&sort_key=name&bypass=true&oauth=x&keyboard=en&author=me', []],
    ['http://prom:9090/p?token=aaaaaaaa#token=bbbbbbbb', ['aaaaaaaa']],
    ['http://prom:9090/p', []],
  ])('%s', (address, secrets) => {
    expect(queryCredentials(address)).toEqual(secrets);
  });
});
