import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);

// actions/src/core/env-repo-files.ts
var CONFIG_FILE = "ferry.yaml";
var BLOCKLIST_FILE = "blocked.yaml";
var ANALYSIS_DIR = "analysis";
var ARGOCD_SOURCE_FILE = /^\.argocd-source(?:-(.+))?\.yaml$/;

export {
  CONFIG_FILE,
  BLOCKLIST_FILE,
  ANALYSIS_DIR,
  ARGOCD_SOURCE_FILE
};
