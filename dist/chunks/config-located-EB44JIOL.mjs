import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  locatedParse
} from "./chunk-PCJASNXW.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-THJRYYGJ.mjs";
import "./chunk-OQTPVMXJ.mjs";
import "./chunk-RA3OP3UF.mjs";
import "./chunk-O7LLLE7C.mjs";
import "./chunk-XFOEQZ4L.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  locatedParse
};
