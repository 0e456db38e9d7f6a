import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  pinImage,
  pinProblem,
  pinnedImageProblems,
  readPinnedImage,
  readPinnedImageAt
} from "./chunk-XFWAUZOB.mjs";
import "./chunk-FA3T3TUE.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-3J5HMRZO.mjs";
import "./chunk-MEO6MF5U.mjs";
import "./chunk-LPCDH46Z.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  pinImage,
  pinProblem,
  pinnedImageProblems,
  readPinnedImage,
  readPinnedImageAt
};
