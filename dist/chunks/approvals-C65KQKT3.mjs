import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  approversOf,
  distinctPeople,
  isGitHubLogin,
  personKey
} from "./chunk-T5C3YYPA.mjs";
import "./chunk-WBKKXVG2.mjs";
export {
  approversOf,
  distinctPeople,
  isGitHubLogin,
  personKey
};
