import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  require_dist_cjs
} from "./chunk-4JXJLTGM.mjs";
import "./chunk-MH6S7IWN.mjs";
import "./chunk-OIH5UBWA.mjs";
export default require_dist_cjs();
