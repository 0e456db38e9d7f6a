// Flux image automation's setter markers: a line comment `# {"$imagepolicy": "<namespace>:<policy>"}`
// (the whole image, `name:tag`), or with `:tag`, `:name` or `:digest` after the policy (that part
// alone). An ImageUpdateAutomation (strategy Setters) rewrites every marked value under its update
// path to what the ImagePolicy selects, whenever that changes. On a value Ferry pins, it takes the
// pin over: validate warns of each.
import type { LocatedPin } from './image-pin.js';
import type { Problem } from './errors.js';

/** A marker as Flux reads it: the whole line comment is the JSON object. */
const MARKER = /(?:^|\s)(#\s*(\{\s*"\$imagepolicy"\s*:\s*"([^"\\]*)"\s*\}))\s*$/;

const SUSPEND = 'suspend the ImageUpdateAutomation whose update path holds this file (flux suspend image update <name>) and remove the marker: Ferry pins this value';

/** A warning for each line of `located` (a pin read from `text`) that carries a marker, in line order. */
export function imagePolicyMarkerWarnings(file: string, text: string, located: LocatedPin): Problem[] {
  // (Most files have none: no line split.)
  if (!text.includes('$imagepolicy')) return [];
  const lines = text.split('\n');
  const warnings: Problem[] = [];
  const seen = new Set<number>();
  const { name, tag, digest } = located.places;
  for (const place of [name, tag, digest]) {
    if (!place?.present || seen.has(place.line)) continue;
    seen.add(place.line);
    const line = (lines[place.line - 1] ?? '').replace(/\r$/, '');
    const m = MARKER.exec(line);
    if (!m) continue;
    const column = line.indexOf(m[1]!, m.index) + 1;
    warnings.push({ file, line: place.line, column, field: place.field, message: `a Flux image automation marker (${m[2]}): ${whatFluxDoes(m[3]!)}; ${SUSPEND}` });
  }
  return warnings;
}

/** What the automation writes for the policy reference `<namespace>:<policy>[:tag|:name|:digest]`. */
function whatFluxDoes(ref: string): string {
  const [namespace, policy, part, ...rest] = ref.split(':');
  const from = `ImagePolicy ${namespace}/${policy}`;
  if (rest.length || policy === undefined) return `Flux rewrites this value from the policy it names`;
  switch (part) {
    case undefined: return `Flux sets this value to the latest image (name:tag) of ${from}, dropping the digest Ferry pins`;
    case 'tag': return `Flux sets this value to the latest tag of ${from}, which then no longer names the digest Ferry pins`;
    case 'name': return `Flux sets this value to the image name of ${from}`;
    case 'digest': return `Flux sets this value to the latest digest of ${from}, replacing the digest Ferry pins`;
    default: return `Flux rewrites this value from ${from}`;
  }
}
