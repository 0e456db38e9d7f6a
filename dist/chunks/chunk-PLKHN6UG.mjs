import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  assertSingleLine
} from "./chunk-C4EZRMXW.mjs";
import {
  parseImageRef
} from "./chunk-FD6ZWLQC.mjs";
import {
  ConfigurationError,
  quote
} from "./chunk-4TMDRVSR.mjs";

// actions/src/core/bump-request.ts
function checkBumpRequest(req) {
  const ref = parseImageRef(req.image, "image");
  if (req.sourceRevision !== void 0 && !/^(?:[0-9a-f]{7,40}|[0-9a-f]{64})$/.test(req.sourceRevision)) {
    const digits = /^[0-9a-f]*$/.test(req.sourceRevision) ? ` (${req.sourceRevision.length} hex digits)` : "";
    throw new ConfigurationError({
      field: "source-revision",
      message: `expected a commit id (7 to 40 lowercase hex digits, or 64 for a SHA-256 repository), found ${quote(req.sourceRevision)}${digits}`
    });
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
