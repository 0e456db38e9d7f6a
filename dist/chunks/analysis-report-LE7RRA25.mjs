import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  formatAnalysisMarkdown,
  formatAnalysisText,
  rangeChart
} from "./chunk-OOVSTT24.mjs";
import "./chunk-3APD3XNS.mjs";
import "./chunk-CYLFIUNU.mjs";
import "./chunk-HPIX6MIE.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  formatAnalysisMarkdown,
  formatAnalysisText,
  rangeChart
};
