import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  pinImage,
  pinProblem,
  pinnedImageProblems,
  readPinnedImage,
  readPinnedImageAt
} from "./chunk-KKU7QPWJ.mjs";
import "./chunk-72RDWQJI.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-QWHCRV4M.mjs";
import "./chunk-AVH2EDAZ.mjs";
import "./chunk-3K55XSFB.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  pinImage,
  pinProblem,
  pinnedImageProblems,
  readPinnedImage,
  readPinnedImageAt
};
