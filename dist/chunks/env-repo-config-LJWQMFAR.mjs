import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  readConfig
} from "./chunk-7CIZMM32.mjs";
import "./chunk-THJRYYGJ.mjs";
import {
  CONFIG_FILE
} from "./chunk-SQUNSH5E.mjs";
import "./chunk-OQTPVMXJ.mjs";
import "./chunk-RA3OP3UF.mjs";
import "./chunk-O7LLLE7C.mjs";
import "./chunk-XFOEQZ4L.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  CONFIG_FILE,
  readConfig
};
