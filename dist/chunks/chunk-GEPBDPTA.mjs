import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  assertSingleLine
} from "./chunk-CZBSOFID.mjs";
import {
  parseImageRef
} from "./chunk-GWF6KBEG.mjs";
import {
  ConfigurationError
} from "./chunk-DBVFLN7T.mjs";

// actions/src/core/bump-request.ts
function checkBumpRequest(req) {
  const ref = parseImageRef(req.image, "image");
  if (req.sourceRevision !== void 0 && !/^[0-9a-f]{7,64}$/.test(req.sourceRevision)) {
    throw new ConfigurationError({ field: "source-revision", message: `expected a commit id (7 to 64 lowercase hex digits), found ${JSON.stringify(req.sourceRevision)}` });
  }
  if (req.requestedBy !== void 0) assertSingleLine(req.requestedBy, "requested-by", 200);
  if (req.runUrl !== void 0) {
    assertSingleLine(req.runUrl, "run-url", 500);
    if (!/^https?:\/\/\S+$/.test(req.runUrl)) throw new ConfigurationError({ field: "run-url", message: `expected an http(s) URL, found ${JSON.stringify(req.runUrl)}` });
  }
  return ref;
}

export {
  checkBumpRequest
};
