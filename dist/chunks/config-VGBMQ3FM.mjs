import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  KUSTOMIZATION_FILE_NAMES,
  PIN_KEYS,
  Problems,
  REGISTRY,
  REPOSITORY,
  WORKLOAD_KINDS,
  assertImageForApp,
  checkSemantics,
  fieldOf,
  findApp,
  findEnvironment,
  isRecord,
  parseConfig,
  validateSchema
} from "./chunk-CY3IHFLK.mjs";
import {
  manifestPath
} from "./chunk-JTYMPHCG.mjs";
import "./chunk-MLTHUEAN.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  KUSTOMIZATION_FILE_NAMES,
  PIN_KEYS,
  Problems,
  REGISTRY,
  REPOSITORY,
  WORKLOAD_KINDS,
  assertImageForApp,
  checkSemantics,
  fieldOf,
  findApp,
  findEnvironment,
  isRecord,
  manifestPath,
  parseConfig,
  validateSchema
};
