import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  pinImage,
  pinProblem,
  pinnedImageProblems,
  readPinnedImage,
  readPinnedImageAt
} from "./chunk-6XHYADCA.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-FD6ZWLQC.mjs";
import "./chunk-4TMDRVSR.mjs";
import "./chunk-VPQIS2RW.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  pinImage,
  pinProblem,
  pinnedImageProblems,
  readPinnedImage,
  readPinnedImageAt
};
