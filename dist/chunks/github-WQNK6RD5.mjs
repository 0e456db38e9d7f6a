import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  GitHubError,
  createGitHub,
  sameAutoMerge
} from "./chunk-VBTTUOPN.mjs";
import "./chunk-372JGWAG.mjs";
import "./chunk-QJJJBREP.mjs";
import "./chunk-MEO6MF5U.mjs";
import "./chunk-LPCDH46Z.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  GitHubError,
  createGitHub,
  sameAutoMerge
};
