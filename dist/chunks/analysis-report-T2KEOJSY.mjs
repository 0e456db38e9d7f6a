import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  formatAnalysisMarkdown,
  formatAnalysisText,
  metricWarnings,
  rangeChart
} from "./chunk-Y6LYJ6AL.mjs";
import "./chunk-372JGWAG.mjs";
import "./chunk-ONOTEMMT.mjs";
import "./chunk-3K55XSFB.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  formatAnalysisMarkdown,
  formatAnalysisText,
  metricWarnings,
  rangeChart
};
