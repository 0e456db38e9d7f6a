// The env repo's own files at its root (DESIGN.md, "The environment repository"), in a module of
// their own: a command that only names them does not load the code that parses them.

/** The env repo's configuration. */
export const CONFIG_FILE = 'ferry.yaml';
/** The digests blocked per app (ferry block / unblock). */
export const BLOCKLIST_FILE = 'blocked.yaml';
/** The analysis templates, `analysis/<name>.yaml` (or `.yml`), which analysis and compare gates name. */
export const ANALYSIS_DIR = 'analysis';

/**
 * Argo CD's parameter override files, `.argocd-source.yaml` and `.argocd-source-<name>.yaml` for
 * the Application named <name> (the group), as Argo CD reads them (`.yaml` only), in an
 * Application's source directory (argocd-source.ts reads what they override).
 */
export const ARGOCD_SOURCE_FILE = /^\.argocd-source(?:-(.+))?\.yaml$/;
