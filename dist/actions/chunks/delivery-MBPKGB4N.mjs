import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  COMMIT_VIA,
  DELIVERY_MODES,
  MERGE_METHODS,
  changeBranch,
  changesBranch,
  checkDelivery,
  deliver
} from "./chunk-CPNHYEZF.mjs";
import "./chunk-Y2YT5TPM.mjs";
import "./chunk-CH3IBD3Z.mjs";
import "./chunk-WNJDMP3Z.mjs";
import "./chunk-B3WWLTUJ.mjs";
import "./chunk-OIH5UBWA.mjs";
export {
  COMMIT_VIA,
  DELIVERY_MODES,
  MERGE_METHODS,
  changeBranch,
  changesBranch,
  checkDelivery,
  deliver
};
