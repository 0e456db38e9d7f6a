import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  ConfigurationError,
  quote
} from "./chunk-RWAOTREE.mjs";

// actions/src/core/manifest-path.ts
var dnsLabelRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
var placeholderRe = /\{([^{}]*)\}/g;
var DNS_LABEL = "a DNS label (lowercase letters, digits and '-', at most 63)";
function manifestPath(app, env) {
  if (!dnsLabelRe.test(env) || env.length > 63) {
    throw new ConfigurationError({ field: "env", message: `expected an environment name, ${DNS_LABEL}, found ${quote(env)}` });
  }
  return substitute(app.manifest, env, app.name);
}
function substitute(template, env, app) {
  if (!env.includes("{") && !app.includes("{")) return template.replaceAll("{env}", env).replaceAll("{app}", app);
  return template.replace(placeholderRe, (whole, name) => name === "env" ? env : name === "app" ? app : whole);
}

export {
  dnsLabelRe,
  placeholderRe,
  DNS_LABEL,
  manifestPath,
  substitute
};
