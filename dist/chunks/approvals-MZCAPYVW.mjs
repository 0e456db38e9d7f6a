import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  approversOf,
  distinctPeople,
  isAppLogin,
  isGitHubLogin,
  personKey
} from "./chunk-DP2FYMJI.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  approversOf,
  distinctPeople,
  isAppLogin,
  isGitHubLogin,
  personKey
};
