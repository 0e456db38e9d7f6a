import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  formatAnalysisMarkdown,
  formatAnalysisText,
  rangeChart
} from "./chunk-JVA6HNX6.mjs";
import "./chunk-HPIX6MIE.mjs";
import "./chunk-WGXKTQSU.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-DBVFLN7T.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  formatAnalysisMarkdown,
  formatAnalysisText,
  rangeChart
};
