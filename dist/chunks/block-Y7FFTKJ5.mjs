import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  proposalsOf,
  runBlock
} from "./chunk-JHK342AX.mjs";
import "./chunk-YXNVHXFY.mjs";
import "./chunk-Y57FLBYZ.mjs";
import "./chunk-6D5ADIK3.mjs";
import "./chunk-2PFBQ7DZ.mjs";
import "./chunk-OAOENCOP.mjs";
import "./chunk-BS4AGCVA.mjs";
import "./chunk-IX3DEWNG.mjs";
import "./chunk-72RDWQJI.mjs";
import "./chunk-C4OZCMLB.mjs";
import "./chunk-FQGFCCAO.mjs";
import "./chunk-372JGWAG.mjs";
import "./chunk-2WJ46ZKU.mjs";
import "./chunk-WHIQW3RN.mjs";
import "./chunk-VVEEDHSD.mjs";
import "./chunk-OSG537VB.mjs";
import "./chunk-QWHCRV4M.mjs";
import "./chunk-AVH2EDAZ.mjs";
import "./chunk-3K55XSFB.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  proposalsOf,
  runBlock
};
