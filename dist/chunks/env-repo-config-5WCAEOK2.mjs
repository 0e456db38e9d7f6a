import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  readConfig
} from "./chunk-FLRAGCP5.mjs";
import "./chunk-6SXEZL6U.mjs";
import "./chunk-GNDN7CON.mjs";
import {
  CONFIG_FILE
} from "./chunk-VVEEDHSD.mjs";
import "./chunk-Q662SBGV.mjs";
import "./chunk-RWAOTREE.mjs";
import "./chunk-3K55XSFB.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  CONFIG_FILE,
  readConfig
};
