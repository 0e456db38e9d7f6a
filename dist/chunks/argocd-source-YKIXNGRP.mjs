import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  MAX_ALIASES,
  MAX_ENTRIES,
  MAX_OVERRIDE_BYTES,
  argocdSourceFindings,
  filesBeside,
  helmKey,
  kustomizeImage,
  linkProblem,
  overrideFindings,
  readOverrideFile
} from "./chunk-CDOKLMGQ.mjs";
import "./chunk-C4OZCMLB.mjs";
import {
  ARGOCD_SOURCE_FILE
} from "./chunk-VVEEDHSD.mjs";
import "./chunk-4TMDRVSR.mjs";
import "./chunk-VPQIS2RW.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  ARGOCD_SOURCE_FILE,
  MAX_ALIASES,
  MAX_ENTRIES,
  MAX_OVERRIDE_BYTES,
  argocdSourceFindings,
  filesBeside,
  helmKey,
  kustomizeImage,
  linkProblem,
  overrideFindings,
  readOverrideFile
};
