// Argo CD chooses how to render an Application's source directory by what is in it, unless the
// Application names a tool: a directory with a kustomization file (kustomization.yaml,
// kustomization.yml, Kustomization) is built with kustomize, not applied as plain YAML. A
// container pin (a Deployment's `image:` in a file of plain YAML) in such a directory deploys only
// as the kustomization builds it, and an `images:` entry there that matches the app's image
// replaces the digest Ferry pins. A Helm values pin beside one is rendered with kustomize too
// where Argo CD detects the tool (a Chart.yaml and a kustomization: kustomize), and not where the
// Application names Helm, which validate cannot tell.
//
// validate looks for these files in the listing of the pinned manifests' directories it makes for
// Argo CD's override files (argocd-source.ts), and reads those it finds.
import { posix } from 'node:path';
import { filesBeside, type ListDirectories, type OverrideFindings, type PinnedManifest } from './argocd-source.js';
import { ConfigurationError, quote, type Problem } from './errors.js';
import { imageMatches, locateKustomizeEntry } from './kustomize-images.js';
import { KUSTOMIZATION_FILES, isRecord, load, type ReadFiles } from './kustomize-resources.js';
import { parseYaml } from './yaml-splice.js';

/**
 * The kustomization files beside container and Helm pins: a problem at each `images:` entry of
 * one beside a container pin that matches the app's image (it sets the image deployed); else a
 * warning at the file (the pin deploys only as the kustomization builds it, which validate does
 * not follow for these pins). A manifest at the repository's root is not looked beside.
 */
export async function kustomizationBesideFindings(pins: readonly PinnedManifest[], list: ListDirectories, readFiles: ReadFiles): Promise<OverrideFindings> {
  // (Beside container and Helm pins: a kustomize pin is a kustomization itself.)
  const { byDir, found } = await filesBeside(pins.filter((pin) => pin.app.pin.kind !== 'kustomize'), list, (name) => KUSTOMIZATION_FILES.includes(name));
  const findings: OverrideFindings = { problems: [], warnings: [] };
  if (found.length === 0) return findings;
  const texts = await readFiles(found);
  for (const file of found) {
    const text = texts.get(file);
    if (text === undefined) continue; // (listed, but not what validate reads: a file git ignores)
    const dir = posix.dirname(file);
    const here = byDir.get(dir)!;
    const setting = typeof text === 'string' ? settingEntries(file, text, here) : new Map<PinnedManifest, Problem[]>();
    for (const problems of setting.values()) findings.problems.push(...problems);
    // Each pin once: one that an entry overrides has its problem.
    const others = here.filter((p) => !setting.has(p));
    if (others.length) findings.warnings.push({ file, message: besideMessage(dir, others, text) });
  }
  return findings;
}

/** The `images:` entries of the kustomization `file` that match the image of a container pin beside it: a problem at each, by pin. */
function settingEntries(file: string, text: string, pins: readonly PinnedManifest[]): Map<PinnedManifest, Problem[]> {
  const docs = load(text);
  const root = docs?.length === 1 ? docs[0] : undefined;
  const images = isRecord(root) && Array.isArray(root.images) ? root.images : [];
  const problems = new Map<PinnedManifest, Problem[]>();
  for (const pin of pins) {
    if (pin.app.pin.kind !== 'container') continue;
    const image = `${pin.app.registry}/${pin.app.image}`;
    for (const entry of images) {
      if (!isRecord(entry) || typeof entry.name !== 'string' || !imageMatches(image, entry.name)) continue;
      let at: { line?: number; column?: number; field?: string } = {};
      try {
        const { line, column, field } = locateKustomizeEntry(parseYaml(text, file), entry.name);
        at = { line, column, field };
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
      }
      const sets = ['newName', 'newTag', 'digest'].filter((k) => typeof entry[k] === 'string').map((k) => `${k}: ${quote(entry[k], 100)}`).join(', ');
      problems.set(pin, [...(problems.get(pin) ?? []), {
        file, ...at,
        message: `Argo CD builds ${posix.dirname(file)} with kustomize, since this file is there (not as the plain YAML of the manifest pinned in ${pin.file} for app ${quote(pin.app.name)} in ${quote(pin.env)}), and this entry applies to the app's image${sets ? ` (${sets})` : ''}: the cluster runs what it gives, not the digest Ferry pins (which ferry status shows); remove the entry (or the file), or have ferry.yaml pin the app through it (manifest: this kustomization)`,
      }]);
    }
  }
  return problems;
}

function besideMessage(dir: string, pins: readonly PinnedManifest[], text: string | ConfigurationError): string {
  const which = pins.map((p) => `${p.file} (app ${quote(p.app.name)} in ${quote(p.env)}, ${p.app.pin.kind === 'helm' ? 'Helm values' : 'a container'})`).join(', ');
  const unread = text instanceof ConfigurationError ? ` (and this file cannot be read: ${text.problems.map((p) => p.message).join('; ')})` : '';
  return `Argo CD builds ${dir} with kustomize, since this file is there${unread}, unless its Application names another tool: what deploys is what the kustomization builds, which Ferry does not check for the pins of ${which}; a pin there deploys only if the kustomization takes the file as it is. Remove this file, or have ferry.yaml pin the app through the kustomization's images: entry`;
}
