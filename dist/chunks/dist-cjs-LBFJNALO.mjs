import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  require_dist_cjs
} from "./chunk-VLSXKJ4A.mjs";
import "./chunk-MVUUIEO4.mjs";
import "./chunk-WBKKXVG2.mjs";
export default require_dist_cjs();
