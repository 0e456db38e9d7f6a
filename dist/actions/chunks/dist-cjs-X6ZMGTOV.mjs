import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  require_dist_cjs
} from "./chunk-MFA7F3BU.mjs";
import "./chunk-FSCGJV2J.mjs";
import "./chunk-OIH5UBWA.mjs";
export default require_dist_cjs();
