import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  pinImage,
  pinProblem,
  pinnedImageProblems,
  readPinnedImage,
  readPinnedImageAt
} from "./chunk-KKWRLHYB.mjs";
import "./chunk-CX6TJXTD.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-QNVVFN4A.mjs";
import "./chunk-XB4RJEDM.mjs";
import "./chunk-LPCDH46Z.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  pinImage,
  pinProblem,
  pinnedImageProblems,
  readPinnedImage,
  readPinnedImageAt
};
