// The env repo's own files at its root (DESIGN.md, "The environment repository"), in a module of
// their own: a command that only names them does not load the code that parses them.

/** The env repo's configuration. */
export const CONFIG_FILE = 'ferry.yaml';
/** The digests blocked per app (ferry block / unblock). */
export const BLOCKLIST_FILE = 'blocked.yaml';
/** The analysis templates, `analysis/<name>.yaml` (or `.yml`), which analysis and compare gates name. */
export const ANALYSIS_DIR = 'analysis';
