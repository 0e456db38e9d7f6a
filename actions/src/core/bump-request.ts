// A bump request and the checks it gets before the env repo is read, in a module of their own:
// `ferry bump` starts its clone before it loads the code that reads ferry.yaml and edits YAML.
import { ConfigurationError, quote } from './errors.js';
import { parseImageRef, type ImageRef } from './image-ref.js';
import { assertSingleLine } from './trailers.js';

/** A request to pin one image in one app's manifest of one environment. */
export interface BumpRequest {
  env: string;
  app: string;
  image: string;
  /** The app repository's commit the image was built from. */
  sourceRevision?: string;
  requestedBy?: string;
  /** Link to the CI run that asked. */
  runUrl?: string;
}

/**
 * Checks what can be checked without the env repo (the image reference, the free-text fields),
 * so that bad input fails before anything is fetched.
 */
export function checkBumpRequest(req: BumpRequest): ImageRef {
  const ref = parseImageRef(req.image, 'image');
  // A SHA-1 commit id, abbreviated (7 digits or more) or full (40), or a full SHA-256 one (64).
  if (req.sourceRevision !== undefined && !/^(?:[0-9a-f]{7,40}|[0-9a-f]{64})$/.test(req.sourceRevision)) {
    const digits = /^[0-9a-f]*$/.test(req.sourceRevision) ? ` (${req.sourceRevision.length} hex digits)` : '';
    throw new ConfigurationError({
      field: 'source-revision',
      message: `expected a commit id (7 to 40 lowercase hex digits, or 64 for a SHA-256 repository), found ${quote(req.sourceRevision)}${digits}`,
    });
  }
  if (req.requestedBy !== undefined) assertSingleLine(req.requestedBy, 'requested-by', 200);
  if (req.runUrl !== undefined) {
    assertSingleLine(req.runUrl, 'run-url', 500);
    if (!/^https?:\/\/\S+$/.test(req.runUrl)) throw new ConfigurationError({ field: 'run-url', message: `expected an http(s) URL, found ${JSON.stringify(req.runUrl)}` });
  }
  return ref;
}

