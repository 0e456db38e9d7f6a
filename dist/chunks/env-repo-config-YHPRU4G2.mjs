import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  readConfig
} from "./chunk-7XSYBDJB.mjs";
import {
  CONFIG_FILE
} from "./chunk-WLNABMU4.mjs";
import "./chunk-HUV67FXE.mjs";
import "./chunk-FU3D23PY.mjs";
import "./chunk-QNVVFN4A.mjs";
import "./chunk-XB4RJEDM.mjs";
import "./chunk-LPCDH46Z.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  CONFIG_FILE,
  readConfig
};
