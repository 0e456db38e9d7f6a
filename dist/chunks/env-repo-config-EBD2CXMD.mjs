import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  readConfig
} from "./chunk-7IYI2P7Y.mjs";
import {
  CONFIG_FILE
} from "./chunk-WLNABMU4.mjs";
import "./chunk-PELASH2X.mjs";
import "./chunk-QLPW2J5Y.mjs";
import "./chunk-3J5HMRZO.mjs";
import "./chunk-MEO6MF5U.mjs";
import "./chunk-LPCDH46Z.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  CONFIG_FILE,
  readConfig
};
