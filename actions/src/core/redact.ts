// What must not reach output: credentials of URLs, and secrets in each spelling a message may hold
// them in, wherever a message comes from (git, Prometheus, GitHub).

/**
 * Removes `user:password@` from URLs, wherever they appear in a message: everything from `://` to
 * the last `@` of the URL (a password with a `/` or `@` in it, not percent-encoded, goes too).
 */
export function redactUrl(text: string): string {
  return text
    .replace(/\b(?!file:)([a-z][a-z0-9+.-]*:\/\/)[^\s"'`<>]*@/gi, '$1***@')
    // scp-like `user:password@host:path`, whose password ssh would never take, but a person might give
    .replace(/(^|[\s"'`(=])[^\s"'`<>@/:]+:[^\s"'`<>/]*@(?=[^\s"'`<>@/:]+:)/g, '$1***@');
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
 * The spellings of a secret that a message may hold: as is; JSON-escaped, once or twice (inside a
 * quoted value, or a JSON body quoted again); percent-encoded as a URL component, a URL and a
 * form body (`+` for a space), in upper- and lower-case hex.
 */
export function secretForms(secret: string): string[] {
  if (secret.length === 0) return [];
  const forms = [secret];
  const json = JSON.stringify(secret).slice(1, -1);
  forms.push(json, JSON.stringify(json).slice(1, -1));
  try {
    for (const encoded of [encodeURIComponent(secret), encodeURI(secret), new URLSearchParams({ s: secret }).toString().slice(2)]) {
      forms.push(encoded, encoded.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()));
    }
  } catch {
    // A lone surrogate cannot be percent-encoded: then no URL holds it either.
  }
  return [...new Set(forms)];
}
