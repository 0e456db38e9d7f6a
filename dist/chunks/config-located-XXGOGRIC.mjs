import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  ALIASED_MAX,
  configData,
  configLocator,
  locatedParse,
  yamlLines
} from "./chunk-HGOK62G6.mjs";
import "./chunk-BS4AGCVA.mjs";
import "./chunk-IX3DEWNG.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-QWHCRV4M.mjs";
import "./chunk-AVH2EDAZ.mjs";
import "./chunk-3K55XSFB.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  ALIASED_MAX,
  configData,
  configLocator,
  locatedParse,
  yamlLines
};
