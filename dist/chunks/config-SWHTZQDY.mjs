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
} from "./chunk-6SXEZL6U.mjs";
import {
  manifestPath
} from "./chunk-GNDN7CON.mjs";
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
