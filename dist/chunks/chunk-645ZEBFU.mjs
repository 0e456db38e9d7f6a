import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);

// actions/src/core/redact.ts
function redactUrl(text) {
  return text.replace(/\b(?!file:)([a-z][a-z0-9+.-]*:\/\/)[^\s"'`<>]*@/gi, "$1***@").replace(/(^|[\s"'`(=])[^\s"'`<>@/:]+:[^\s"'`<>/]*@(?=[^\s"'`<>@/:]+:)/g, "$1***@");
}
function maskSecrets(text, secrets, mask = "*****") {
  if (secrets.length === 0) return text;
  let out = text;
  for (const s of [...new Set(secrets.flatMap(secretForms))].sort((a, b) => b.length - a.length)) out = out.split(s).join(mask);
  return out;
}
function secretForms(secret) {
  if (secret.length === 0) return [];
  const forms = [secret];
  const json = JSON.stringify(secret).slice(1, -1);
  forms.push(json, JSON.stringify(json).slice(1, -1));
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
  maskSecrets,
  secretForms
};
