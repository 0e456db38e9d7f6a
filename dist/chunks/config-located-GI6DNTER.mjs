import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  ALIASED_MAX,
  configData,
  configLocator,
  locatedParse,
  yamlLines
} from "./chunk-XVEXTDMB.mjs";
import "./chunk-6SXEZL6U.mjs";
import "./chunk-GNDN7CON.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-Q662SBGV.mjs";
import "./chunk-RWAOTREE.mjs";
import "./chunk-3K55XSFB.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  ALIASED_MAX,
  configData,
  configLocator,
  locatedParse,
  yamlLines
};
