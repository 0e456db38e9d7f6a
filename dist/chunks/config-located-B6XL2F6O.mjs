import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  locatedParse
} from "./chunk-RWNIK44C.mjs";
import "./chunk-PELASH2X.mjs";
import "./chunk-QLPW2J5Y.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-3J5HMRZO.mjs";
import "./chunk-MEO6MF5U.mjs";
import "./chunk-LPCDH46Z.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  locatedParse
};
