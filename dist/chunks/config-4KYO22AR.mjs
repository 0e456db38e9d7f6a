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
} from "./chunk-6NXX7UL6.mjs";
import {
  manifestPath
} from "./chunk-WWGQICJ5.mjs";
import "./chunk-N3UI7WBC.mjs";
import "./chunk-TS73BHZN.mjs";
import "./chunk-U4EZ2NQP.mjs";
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
