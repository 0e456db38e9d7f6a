import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  locatedParse
} from "./chunk-F75W3NXV.mjs";
import "./chunk-GY4IML5R.mjs";
import "./chunk-NIGJDIXE.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-4RZ2LKOL.mjs";
import "./chunk-RWAOTREE.mjs";
import "./chunk-3K55XSFB.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  locatedParse
};
