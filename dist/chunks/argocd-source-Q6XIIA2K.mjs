import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  MAX_ALIASES,
  MAX_ENTRIES,
  argocdSourceFindings,
  kustomizeImage,
  linkProblem,
  overrideFindings
} from "./chunk-2VD7OEJN.mjs";
import "./chunk-C4OZCMLB.mjs";
import {
  ARGOCD_SOURCE_FILE
} from "./chunk-VVEEDHSD.mjs";
import "./chunk-RWAOTREE.mjs";
import "./chunk-3K55XSFB.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  ARGOCD_SOURCE_FILE,
  MAX_ALIASES,
  MAX_ENTRIES,
  argocdSourceFindings,
  kustomizeImage,
  linkProblem,
  overrideFindings
};
