import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  readConfig
} from "./chunk-ZMGHUKHV.mjs";
import "./chunk-CY3IHFLK.mjs";
import {
  CONFIG_FILE
} from "./chunk-SQUNSH5E.mjs";
import "./chunk-JTYMPHCG.mjs";
import "./chunk-MLTHUEAN.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  CONFIG_FILE,
  readConfig
};
