import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);

// actions/src/core/redact.ts
var remembered = /* @__PURE__ */ new Set();
var MASKED_ANYWHERE = 8;
function redactUrl(text) {
  const out = text.replace(/\b(?!file:)([a-z][a-z0-9+.-]*:\/\/)[^\s"`<>]*@/gi, "$1***@").replace(/\b(file:\/\/)[^\s"`<>/@]+@/gi, "$1***@").replace(/(^|[\s"'`(=])[^\s"'`<>@/:]+:[^\s"`<>/]*@(?=[^\s"'`<>@/:]+:)/g, "$1***@");
  return maskRemembered(out);
}
function maskRemembered(text) {
  if (remembered.size === 0) return text;
  const secrets = [...remembered];
  let masked = maskSecrets(text, secrets.filter((s) => s.length >= MASKED_ANYWHERE), "***");
  for (const s of secrets.filter((x) => x.length < MASKED_ANYWHERE)) {
    for (const form of secretForms(s)) masked = masked.split(`:${form}@`).join(":***@");
  }
  return masked;
}
function urlCredentials(repo) {
  const file = /^file:\/\/([^/\s]*)/i.exec(repo)?.[1];
  let info = file !== void 0 ? file.includes("@") ? file.slice(0, file.lastIndexOf("@")) : void 0 : /^[a-z][a-z0-9+.-]*:\/\/([^\s]*)@/i.exec(repo)?.[1];
  if (!info) return [];
  const slash = info.indexOf("/");
  if (slash >= 0 && !info.slice(0, slash).includes(":")) {
    const authority = info.slice(0, slash);
    if (!authority.includes("@")) return [];
    info = authority.slice(0, authority.lastIndexOf("@"));
  }
  const colon = info.indexOf(":");
  const user = colon < 0 ? info : info.slice(0, colon);
  const password = colon < 0 ? "" : info.slice(colon + 1);
  let parsed;
  try {
    parsed = new URL(repo);
  } catch {
  }
  const secrets = /* @__PURE__ */ new Set();
  const add = (secret) => {
    if (!secret) return;
    secrets.add(secret);
    try {
      secrets.add(decodeURIComponent(secret));
    } catch {
    }
  };
  add(password);
  if (parsed?.password) add(parsed.password);
  if (password === "x-oauth-basic" || user.length >= 20 || /^(gh[pousr]_|github_pat_|glpat-)/.test(user)) {
    add(user);
    if (parsed?.username) add(parsed.username);
  }
  return [...secrets];
}
var CREDENTIAL_PARAMETER = /^(?:key|sig|auth|pass|pwd|passwd|code|.*(?:token|secret|password|passwd|apikey|accesskey|privatekey|signature|credentials?|authorization))$/i;
function queryCredentials(address) {
  const start = address.indexOf("?");
  if (start < 0) return [];
  const end = address.indexOf("#", start);
  const secrets = /* @__PURE__ */ new Set();
  for (const pair of address.slice(start + 1, end < 0 ? void 0 : end).split("&")) {
    const eq = pair.indexOf("=");
    if (eq < 0) continue;
    const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
    if (!value || !CREDENTIAL_PARAMETER.test(decoded(name).replace(/[-_.]/g, ""))) continue;
    for (const form of /* @__PURE__ */ new Set([value, decoded(value)])) secrets.add(form.length >= MASKED_ANYWHERE ? form : `${name}=${form}`);
  }
  return [...secrets];
}
function decoded(text) {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}
function rememberCredentials(repo) {
  for (const secret of urlCredentials(repo)) remembered.add(secret);
}
function rememberSecret(secret) {
  if (secret) remembered.add(secret);
}
function maskSecrets(text, secrets, mask = "*****") {
  if (secrets.length === 0) return text;
  let out = text;
  for (const s of [...new Set(secrets.flatMap(secretForms))].sort((a, b) => b.length - a.length)) out = out.split(s).join(mask);
  return out;
}
var HTML_QUOTES = [
  ["&quot;", "&#39;"],
  ["&quot;", "&#x27;"],
  ["&#34;", "&#39;"],
  ["&quot;", "&apos;"],
  ['"', "'"]
];
function htmlEscaped(text) {
  if (!/[&<>"']/.test(text)) return [];
  const base = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return HTML_QUOTES.map(([dq, sq]) => base.replace(/"/g, dq).replace(/'/g, sq));
}
function secretForms(secret) {
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
  }
  return [...new Set(forms)];
}

export {
  redactUrl,
  maskRemembered,
  urlCredentials,
  queryCredentials,
  rememberCredentials,
  rememberSecret,
  maskSecrets,
  secretForms
};
