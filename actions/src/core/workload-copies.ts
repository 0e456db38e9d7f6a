// A container pin's manifest is applied whole: Argo CD applies a directory of plain YAML as it is,
// every document of every file. A container of another workload in the pinned file (a CronJob
// beside the Deployment), or another container of it, that runs the app's image at another digest
// than the one pinned, or at none, is a copy of the app that Ferry never pins, promotes or rolls
// back: status shows the digest pinned, the cluster runs this one too, and a block of its digest
// does not stop it. validate reports each such copy as a problem, as --render reports one in what
// kustomize renders (kustomize-render.ts, renderedPinProblem).
import { isPair, isScalar, LineCounter, parseAllDocuments, visit } from 'yaml';
import { manifestPath, type FerryConfig } from './config.js';
import { ConfigurationError, quote, type Problem } from './errors.js';
import { readPinnedImageAt, type LocatedPin } from './image-pin.js';
import { renderedImages, type RenderedImage } from './kustomize-render.js';
import { splitImage } from './kustomize-resources.js';

/**
 * The copies of the app's image at another digest (or none) in the files of container pins whose
 * pin is sound (another problem is reported as itself): a problem at each copy's `image:`. Only
 * the containers and init containers of the pods of a kind that runs them count (Deployment,
 * StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod, Argo Rollout), as --render counts them.
 */
export function staleWorkloadCopies(config: FerryConfig, files: ReadonlyMap<string, string | undefined | ConfigurationError>): Problem[] {
  const problems: Problem[] = [];
  for (const app of config.apps) {
    if (app.pin.kind !== 'container') continue;
    const expected = `${app.registry}/${app.image}`;
    for (const env of config.environments) {
      const file = manifestPath(app, env.name);
      const text = files.get(file);
      if (typeof text !== 'string') continue;
      let located: LocatedPin;
      let images: RenderedImage[];
      try {
        located = readPinnedImageAt(text, file, app.pin);
        images = renderedImages(text);
      } catch (error) {
        // (A pin that does not read is its own problem; a file js-yaml cannot read is not judged.)
        if (error instanceof ConfigurationError || (error instanceof Error && error.name === 'YAMLException')) continue;
        throw error;
      }
      const { pinned, places } = located;
      if (pinned.name !== expected || pinned.digest === undefined) continue; // (the pin's own problem)
      const stale = images.filter((i) => i.place !== 'elsewhere' && splitImage(i.image).name === expected && splitImage(i.image).digest !== pinned.digest);
      if (stale.length === 0) continue;
      const lines = imageLines(text, new Set(stale.map((i) => i.image)));
      const pinnedLine = places.name?.line ?? places.digest.line;
      const seen = new Set<number>([pinnedLine]);
      for (const copy of stale) {
        const at = lines.get(copy.image)?.find((l) => !seen.has(l.line));
        if (at) seen.add(at.line);
        const where = at ?? { line: places.digest.line, column: places.digest.column };
        problems.push({ file, ...where, message: copyMessage(app.name, env.name, app.pin.container, pinned.image, copy) });
      }
    }
  }
  return problems;
}

/** Where each of `images` is the value of an `image:` key in `text` (1-based line and column), in file order. */
function imageLines(text: string, images: ReadonlySet<string>): Map<string, { line: number; column: number }[]> {
  const counter = new LineCounter();
  const found = new Map<string, { line: number; column: number }[]>();
  for (const doc of parseAllDocuments(text, { lineCounter: counter, uniqueKeys: false })) {
    if (!('contents' in doc)) continue;
    visit(doc, {
      Pair(_, pair) {
        if (!isPair(pair) || !isScalar(pair.key) || pair.key.value !== 'image' || !isScalar(pair.value)) return;
        const value = pair.value.value;
        if (typeof value !== 'string' || !images.has(value) || !pair.value.range) return;
        const { line, col } = counter.linePos(pair.value.range[0]);
        found.set(value, [...(found.get(value) ?? []), { line, column: col }]);
      },
    });
  }
  return found;
}

function copyMessage(app: string, env: string, container: string, pinned: string, copy: RenderedImage): string {
  const what = copy.place === 'initContainer' ? 'an init container' : 'a container';
  return `${what} of ${copy.resource} runs the image of app ${quote(app)} at another digest than the one pinned in this file for ${quote(env)}, or at none: ${quote(copy.image, 300)}, beside the container ${quote(container)} that Ferry pins (${quote(pinned, 300)}); Argo CD applies the whole file, so this copy keeps running an image that Ferry never pins, promotes or rolls back (ferry status shows only the digest pinned, and a block of this digest does not stop it); Ferry pins one container per app and environment (container: in ferry.yaml): remove this copy from the file, or have it run another image`;
}
