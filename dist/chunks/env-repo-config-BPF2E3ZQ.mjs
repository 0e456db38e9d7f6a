import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  readConfig
} from "./chunk-IMDSD2K6.mjs";
import "./chunk-DJS4F7X7.mjs";
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
