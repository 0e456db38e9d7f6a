import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  KUSTOMIZATION_FILE_NAMES,
  WORKLOAD_KINDS,
  assertImageForApp,
  findApp,
  findEnvironment,
  locatedParse,
  parseConfig
} from "./chunk-Q5NQ4OJX.mjs";
import {
  manifestPath
} from "./chunk-JTYMPHCG.mjs";
import "./chunk-FDIDMGTW.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  KUSTOMIZATION_FILE_NAMES,
  WORKLOAD_KINDS,
  assertImageForApp,
  findApp,
  findEnvironment,
  locatedParse,
  manifestPath,
  parseConfig
};
