import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  ALIASED_MAX,
  configData,
  configLocator,
  locatedParse,
  yamlLines
} from "./chunk-B7KVX5GV.mjs";
import "./chunk-QKVPLPRY.mjs";
import "./chunk-TWBHTREK.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-FD6ZWLQC.mjs";
import "./chunk-4TMDRVSR.mjs";
import "./chunk-VPQIS2RW.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  ALIASED_MAX,
  configData,
  configLocator,
  locatedParse,
  yamlLines
};
