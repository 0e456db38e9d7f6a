// Where an app's manifest is in each environment: the `manifest` template of ferry.yaml with
// `{env}` and `{app}` substituted. Apart from config.ts so that a command can place manifests
// (audit, as it reads the history) before the YAML and schema code is loaded.
import { ConfigurationError, quote } from './errors.js';

export const dnsLabelRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const placeholderRe = /\{([^{}]*)\}/g;
export const DNS_LABEL = "a DNS label (lowercase letters, digits and '-', at most 63)";

/** The manifest file of `app` in environment `env`: the template with `{env}` and `{app}` substituted. */
export function manifestPath(app: { name: string; manifest: string }, env: string): string {
  if (!dnsLabelRe.test(env) || env.length > 63) {
    throw new ConfigurationError({ field: 'env', message: `expected an environment name, ${DNS_LABEL}, found ${quote(env)}` });
  }
  return substitute(app.manifest, env, app.name);
}

export function substitute(template: string, env: string, app: string): string {
  // The common case without a regular expression: names that cannot hold a placeholder themselves.
  if (!env.includes('{') && !app.includes('{')) return template.replaceAll('{env}', env).replaceAll('{app}', app);
  return template.replace(placeholderRe, (whole, name: string) => (name === 'env' ? env : name === 'app' ? app : whole));
}
