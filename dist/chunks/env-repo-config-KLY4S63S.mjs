import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  readConfig
} from "./chunk-2VZ3H5L7.mjs";
import {
  CONFIG_FILE
} from "./chunk-WLNABMU4.mjs";
import "./chunk-GY4IML5R.mjs";
import "./chunk-NIGJDIXE.mjs";
import "./chunk-4RZ2LKOL.mjs";
import "./chunk-RWAOTREE.mjs";
import "./chunk-3K55XSFB.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  CONFIG_FILE,
  readConfig
};
