import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  formatAnalysisMarkdown,
  formatAnalysisText,
  metricWarnings,
  rangeChart
} from "./chunk-7THEBNKC.mjs";
import "./chunk-372JGWAG.mjs";
import "./chunk-6P7B2YDZ.mjs";
import "./chunk-VPQIS2RW.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  formatAnalysisMarkdown,
  formatAnalysisText,
  metricWarnings,
  rangeChart
};
