import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  CONFIG_FILE,
  readConfig
} from "./chunk-T2Q7MTXX.mjs";
import "./chunk-AZWRHPSO.mjs";
import "./chunk-JTYMPHCG.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-FDIDMGTW.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  CONFIG_FILE,
  readConfig
};
