import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  formatAnalysisMarkdown,
  formatAnalysisText,
  metricWarnings,
  rangeChart
} from "./chunk-EDI7MJFW.mjs";
import "./chunk-3APD3XNS.mjs";
import "./chunk-CYLFIUNU.mjs";
import "./chunk-HPIX6MIE.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  formatAnalysisMarkdown,
  formatAnalysisText,
  metricWarnings,
  rangeChart
};
