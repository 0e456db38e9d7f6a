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
} from "./chunk-PELASH2X.mjs";
import {
  manifestPath
} from "./chunk-QLPW2J5Y.mjs";
import "./chunk-3J5HMRZO.mjs";
import "./chunk-MEO6MF5U.mjs";
import "./chunk-LPCDH46Z.mjs";
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
