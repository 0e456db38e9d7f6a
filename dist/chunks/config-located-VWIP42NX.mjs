import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  locatedParse
} from "./chunk-63T3ZBT7.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-6NXX7UL6.mjs";
import "./chunk-WWGQICJ5.mjs";
import "./chunk-N3UI7WBC.mjs";
import "./chunk-TS73BHZN.mjs";
import "./chunk-U4EZ2NQP.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  locatedParse
};
