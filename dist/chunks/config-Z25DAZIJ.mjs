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
} from "./chunk-K7TO6GNV.mjs";
import {
  manifestPath
} from "./chunk-NIGJDIXE.mjs";
import "./chunk-Q662SBGV.mjs";
import "./chunk-RWAOTREE.mjs";
import "./chunk-3K55XSFB.mjs";
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
