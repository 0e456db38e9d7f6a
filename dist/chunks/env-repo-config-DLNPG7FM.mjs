import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  readConfig
} from "./chunk-VNJVDEPC.mjs";
import "./chunk-K7TO6GNV.mjs";
import "./chunk-NIGJDIXE.mjs";
import {
  CONFIG_FILE
} from "./chunk-WLNABMU4.mjs";
import "./chunk-Q662SBGV.mjs";
import "./chunk-RWAOTREE.mjs";
import "./chunk-3K55XSFB.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  CONFIG_FILE,
  readConfig
};
