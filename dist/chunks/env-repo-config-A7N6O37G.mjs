import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  readConfig
} from "./chunk-OAOENCOP.mjs";
import "./chunk-BS4AGCVA.mjs";
import "./chunk-IX3DEWNG.mjs";
import {
  CONFIG_FILE
} from "./chunk-VVEEDHSD.mjs";
import "./chunk-QWHCRV4M.mjs";
import "./chunk-AVH2EDAZ.mjs";
import "./chunk-3K55XSFB.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  CONFIG_FILE,
  readConfig
};
