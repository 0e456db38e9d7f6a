// What must not reach output: credentials of URLs, and secrets in each spelling a message may hold
// them in, wherever a message comes from (git, Prometheus, GitHub).

/** The credentials of the repository URLs this process was given (rememberCredentials). */
const remembered = new Set<string>();
/**
 * Shorter than this, a remembered secret is masked only where it stands as a password
 * (`:secret@`): anywhere, `1` or `main` would be masked in every number and branch name.
 */
const MASKED_ANYWHERE = 8;

/**
 * Removes `user:password@` from URLs, wherever they appear in a message: everything from `://` to
 * the last `@` of the URL (a password with a `/` or `@` in it, not percent-encoded, goes too).
 * The pattern stops at white space, `"`, `<`, `>` and backticks (which end a URL quoted in a
 * message), so the credentials of each URL given to this process are also masked as written,
 * whatever characters they hold (rememberCredentials).
 */
export function redactUrl(text: string): string {
  const out = text
    .replace(/\b(?!file:)([a-z][a-z0-9+.-]*:\/\/)[^\s"`<>]*@/gi, '$1***@')
    // file:// user info, before the path (an `@` in the path, file:///tmp/a@b, is the path's)
    .replace(/\b(file:\/\/)[^\s"`<>/@]+@/gi, '$1***@')
    // scp-like `user:password@host:path`, whose password ssh would never take, but a person might give
    .replace(/(^|[\s"'`(=])[^\s"'`<>@/:]+:[^\s"`<>/]*@(?=[^\s"'`<>@/:]+:)/g, '$1***@');
  return maskRemembered(out);
}

/**
 * `text` with the secrets this process remembers (rememberCredentials, rememberSecret) masked, in
 * each spelling text may hold them (secretForms); nothing else changed. The last guard before a
 * message is shown: unlike redactUrl, it leaves `nginx:1.25@sha256:…` (which looks like scp-like
 * user info) as it is.
 */
export function maskRemembered(text: string): string {
  if (remembered.size === 0) return text;
  const secrets = [...remembered];
  let masked = maskSecrets(text, secrets.filter((s) => s.length >= MASKED_ANYWHERE), '***');
  for (const s of secrets.filter((x) => x.length < MASKED_ANYWHERE)) {
    for (const form of secretForms(s)) masked = masked.split(`:${form}@`).join(':***@');
  }
  return masked;
}

/**
 * The secrets of a repository URL: all between `://` and the last `@` is its user info (a password
 * with a raw `/` or `@` in it is no valid URL, but git takes it as written): its password, and its
 * user name when that is a token (`x-oauth-basic` as the password, a name as long as a token, or
 * a token's prefix), each as written and percent-decoded. Another user name (`git`, `deploy`,
 * `alice`) is not a secret: masking it would hide that word everywhere. [] for a path, a file://
 * URL without user info (an `@` in its path is the path's) or scp-like ssh.
 */
export function urlCredentials(repo: string): string[] {
  // (A file:// URL's user info is all before its path: its password cannot hold a `/`.)
  const file = /^file:\/\/([^/\s]*)/i.exec(repo)?.[1];
  let info = file !== undefined ? (file.includes('@') ? file.slice(0, file.lastIndexOf('@')) : undefined) : /^[a-z][a-z0-9+.-]*:\/\/([^\s]*)@/i.exec(repo)?.[1];
  if (!info) return []; // not a URL (a path, scp-like ssh): no credentials in it
  // An `@` in the path (`host/acme/env@v2.git`) is no user info's: user info with a `/` in it has a
  // password before that `/`; without a `:` there, only an `@` before the first `/` ends user info.
  const slash = info.indexOf('/');
  if (slash >= 0 && !info.slice(0, slash).includes(':')) {
    const authority = info.slice(0, slash);
    if (!authority.includes('@')) return [];
    info = authority.slice(0, authority.lastIndexOf('@'));
  }
  // As written (git sends it so), and as a URL parser has it (characters a URL may not hold, encoded).
  const colon = info.indexOf(':');
  const user = colon < 0 ? info : info.slice(0, colon);
  const password = colon < 0 ? '' : info.slice(colon + 1);
  let parsed: URL | undefined;
  try {
    parsed = new URL(repo);
  } catch {
    // git takes it as written
  }
  const secrets = new Set<string>();
  const add = (secret: string) => {
    if (!secret) return;
    secrets.add(secret);
    try {
      secrets.add(decodeURIComponent(secret));
    } catch {
      // Not percent-encoded as a URL's user info should be: git sends it as written.
    }
  };
  add(password);
  if (parsed?.password) add(parsed.password);
  // A user name is a secret only when it is a token (as GitHub and GitLab take one): `git`,
  // `deploy` or `alice` would be masked everywhere, and hide that word in every message.
  if (password === 'x-oauth-basic' || user.length >= 20 || /^(gh[pousr]_|github_pat_|glpat-)/.test(user)) {
    add(user);
    if (parsed?.username) add(parsed.username);
  }
  return [...secrets];
}

/**
 * The name of a query parameter that carries a credential, matched without case and without `-`,
 * `_` and `.`: one of the short names services use (`key`, `sig` of Azure SAS, `auth`, `pass`,
 * `pwd`), or a name that ends in a credential's word (`access_token`, `X-Amz-Security-Token`,
 * `X-Amz-Signature`, `client_secret`, `api_key`, `apiKey`, `password`). Not any name that merely
 * ends so: `monkey`, `sort_key`, `bypass`, `oauth` are none.
 */
const CREDENTIAL_PARAMETER = /^(?:key|sig|auth|pass|pwd|passwd|code|.*(?:token|secret|password|passwd|apikey|accesskey|privatekey|signature|credentials?|authorization))$/i;

/**
 * The secrets of an address's query string: the value of each parameter whose name is a
 * credential's (CREDENTIAL_PARAMETER), as written and percent-decoded. A server may echo the
 * request's URL, or the value alone, in an error body. A value shorter than MASKED_ANYWHERE
 * characters is given with its name (`key=abc`): masked alone, `1` would be masked in every
 * number of every message. [] for an address without a query.
 */
export function queryCredentials(address: string): string[] {
  const start = address.indexOf('?');
  if (start < 0) return [];
  const end = address.indexOf('#', start);
  const secrets = new Set<string>();
  for (const pair of address.slice(start + 1, end < 0 ? undefined : end).split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
    if (!value || !CREDENTIAL_PARAMETER.test(decoded(name).replace(/[-_.]/g, ''))) continue;
    for (const form of new Set([value, decoded(value)])) secrets.add(form.length >= MASKED_ANYWHERE ? form : `${name}=${form}`);
  }
  return [...secrets];
}

/** A query string's name or value percent-decoded (`+` a space, as a form body has it); as written when it is no valid encoding. */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** From now on, redactUrl masks the credentials of `repo` (a URL given to this process) wherever they appear. */
export function rememberCredentials(repo: string): void {
  for (const secret of urlCredentials(repo)) remembered.add(secret);
}

/**
 * From now on, redactUrl masks `secret` wherever it appears: a value made from credentials, such as
 * the base64 `user:password` of a Basic Authorization header. One shorter than 8 characters is
 * masked only where it stands as a password (`:secret@`).
 */
export function rememberSecret(secret: string): void {
  if (secret) remembered.add(secret);
}

/**
 * `text` with every secret replaced by `*****`, in each spelling text may hold it (secretForms),
 * longest first, so no part of one is left.
 */
export function maskSecrets(text: string, secrets: readonly string[], mask = '*****'): string {
  if (secrets.length === 0) return text;
  let out = text;
  for (const s of [...new Set(secrets.flatMap(secretForms))].sort((a, b) => b.length - a.length)) out = out.split(s).join(mask);
  return out;
}

/**
 * How HTML escapers write `"` and `'` (each escapes `&`, `<` and `>` as `&amp;`, `&lt;`, `&gt;`):
 * lodash, PHP and many templates `&quot;` `&#39;`; Python's html.escape `&quot;` `&#x27;`; Go's
 * html.EscapeString and html/template `&#34;` `&#39;`; XML `&apos;`; a text escaper leaves both.
 */
const HTML_QUOTES: readonly (readonly [string, string])[] = [
  ['&quot;', '&#39;'],
  ['&quot;', '&#x27;'],
  ['&#34;', '&#39;'],
  ['&quot;', '&apos;'],
  ['"', "'"],
];

/** `text` as each escaper in HTML_QUOTES writes it in an HTML page. */
function htmlEscaped(text: string): string[] {
  if (!/[&<>"']/.test(text)) return [];
  const base = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return HTML_QUOTES.map(([dq, sq]) => base.replace(/"/g, dq).replace(/'/g, sq));
}

/**
 * The spellings of a secret that a message may hold: as is; JSON-escaped, once or twice (inside a
 * quoted value, or a JSON body quoted again); HTML-escaped (an error page echoing the request), as
 * is or JSON-escaped; percent-encoded as a URL component, a URL and a form body (`+` for a space),
 * in upper- and lower-case hex.
 */
export function secretForms(secret: string): string[] {
  if (secret.length === 0) return [];
  const forms = [secret];
  const json = JSON.stringify(secret).slice(1, -1);
  forms.push(json, JSON.stringify(json).slice(1, -1));
  forms.push(...htmlEscaped(secret), ...htmlEscaped(json));
  try {
    for (const encoded of [encodeURIComponent(secret), encodeURI(secret), new URLSearchParams({ s: secret }).toString().slice(2)]) {
      forms.push(encoded, encoded.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()));
    }
  } catch {
    // A lone surrogate cannot be percent-encoded: then no URL holds it either.
  }
  return [...new Set(forms)];
}
