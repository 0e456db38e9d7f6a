import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  pinImage,
  pinProblem,
  pinnedImageProblems,
  readPinnedImage,
  readPinnedImageAt
} from "./chunk-QK6VMZDP.mjs";
import "./chunk-VBXHIFWR.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-4RZ2LKOL.mjs";
import "./chunk-RWAOTREE.mjs";
import "./chunk-3K55XSFB.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  pinImage,
  pinProblem,
  pinnedImageProblems,
  readPinnedImage,
  readPinnedImageAt
};
