import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  pinImage,
  pinProblem,
  pinnedImageProblems,
  readPinnedImage,
  readPinnedImageAt
} from "./chunk-SLBLI3R3.mjs";
import "./chunk-LK2OKV2Q.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-S2OUAEDI.mjs";
import "./chunk-KI4S27RC.mjs";
import "./chunk-XLTZMVS4.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  pinImage,
  pinProblem,
  pinnedImageProblems,
  readPinnedImage,
  readPinnedImageAt
};
