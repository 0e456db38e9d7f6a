import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  configLocator,
  locatedParse
} from "./chunk-FOA7CX43.mjs";
import "./chunk-WHJHCMTH.mjs";
import "./chunk-NIGJDIXE.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-Q662SBGV.mjs";
import "./chunk-RWAOTREE.mjs";
import "./chunk-3K55XSFB.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  configLocator,
  locatedParse
};
