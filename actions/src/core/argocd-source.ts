// Argo CD's parameter overrides kept in git: `.argocd-source.yaml`, and `.argocd-source-<name>.yaml`
// for the Application named <name>, in an Application's source directory. Argo CD merges them (a
// JSON merge patch, the named one last) into the Application's `source` before it renders, so their
// `kustomize.images` and `helm.parameters` apply on top of the manifests there. Argo CD Image
// Updater's git write-back writes them. In a directory where Ferry pins an image, such a file
// deploys an image Ferry never reports: validate says so.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { AppConfig } from './config.js';
import { ConfigurationError, quote, type Problem } from './errors.js';
import type { ReadFiles } from './kustomize-resources.js';

/** The names Argo CD reads (`.yaml` only); the group is the Application's name. */
export const ARGOCD_SOURCE_FILE = /^\.argocd-source(?:-(.+))?\.yaml$/;

/** A manifest Ferry pins (it is there): the app, its environment, and the file. */
export interface PinnedManifest {
  app: AppConfig;
  env: string;
  file: string;
}

/** What is directly in each directory (file names), for directories that are not the root. */
export type ListDirectories = (dirs: readonly string[]) => Promise<ReadonlyMap<string, readonly string[]>>;

export interface OverrideFindings {
  /** An override of a pinned image (a kustomize image of its name, a Helm value on a path ferry.yaml pins). */
  problems: Problem[];
  /** A file that overrides anything else, or that Argo CD cannot read. */
  warnings: Problem[];
}

const WRITE_BACK = "Argo CD applies this file's parameter overrides (Argo CD Image Updater's git write-back)";
const STOP = "stop Image Updater's write-back for that Application (its argocd-image-updater.argoproj.io annotations, or its ImageUpdater)";

/**
 * The override files in the directories of `pins` and what they override there. One listing of
 * every directory together, and one read of the files found (usually none): no other file is read.
 * A manifest at the repository's root is not looked beside.
 */
export async function argocdSourceFindings(pins: readonly PinnedManifest[], list: ListDirectories, readFiles: ReadFiles): Promise<OverrideFindings> {
  const byDir = new Map<string, PinnedManifest[]>();
  for (const pin of pins) {
    const slash = pin.file.lastIndexOf('/');
    if (slash <= 0) continue;
    const dir = pin.file.slice(0, slash);
    byDir.set(dir, [...(byDir.get(dir) ?? []), pin]);
  }
  const findings: OverrideFindings = { problems: [], warnings: [] };
  if (byDir.size === 0) return findings;
  const listed = await list([...byDir.keys()]);
  const found = [...byDir.keys()].flatMap((dir) => (listed.get(dir) ?? []).filter((n) => ARGOCD_SOURCE_FILE.test(n)).map((n) => `${dir}/${n}`)).sort();
  if (found.length === 0) return findings;
  const texts = await readFiles(found);
  for (const file of found) {
    const text = texts.get(file);
    if (text === undefined) continue; // (listed, but not what validate reads: a file git ignores)
    const dir = file.slice(0, file.lastIndexOf('/'));
    const one = overrideFindings(file, text, byDir.get(dir)!);
    findings.problems.push(...one.problems);
    findings.warnings.push(...one.warnings);
  }
  return findings;
}

/** What one override file `file` (its text, or why it is none) overrides of `pins`, the manifests Ferry pins in its directory. */
export function overrideFindings(file: string, text: string | ConfigurationError, pins: readonly PinnedManifest[]): OverrideFindings {
  const dir = file.slice(0, file.lastIndexOf('/'));
  const name = ARGOCD_SOURCE_FILE.exec(file.slice(dir.length + 1))?.[1];
  const who = `${name === undefined ? 'every Argo CD Application' : `the Argo CD Application ${quote(name)}`} whose source path is ${dir}`;
  const problems: Problem[] = [];
  if (text instanceof ConfigurationError) {
    return { problems, warnings: [{ file, message: `Argo CD cannot read this file of parameter overrides (${text.problems.map((p) => p.message).join('; ')}): manifest generation fails for ${who}` }] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (node: Node | null | undefined) => {
    const { line, col } = lines.linePos(node?.range?.[0] ?? 0);
    return { line, column: col };
  };
  const [error] = doc.errors;
  if (error) {
    const { line, col } = lines.linePos(error.pos[0]);
    return { problems, warnings: [{ file, line, column: col, message: `Argo CD cannot read this file of parameter overrides (the YAML does not parse: ${error.message.split('\n')[0]}): manifest generation fails for ${who}` }] };
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { problems, warnings: [] };
  if (!isMap(root)) return { problems, warnings: [{ file, ...at(root), message: `Argo CD cannot read this file of parameter overrides (expected a mapping of Application source fields, such as kustomize: or helm:): manifest generation fails for ${who}` }] };

  /** The other things the file overrides: where, and how they are named. */
  const others: { node: Node | null | undefined; field: string; shown: string }[] = [];
  const other = (node: Node | null | undefined, field: string, value?: string) => others.push({ node, field, shown: value === undefined ? field : `${field} (${quote(value)})` });
  const overrides = (node: Node, field: string, what: string, manifest: PinnedManifest, kind: 'entry' | 'parameter' | 'value') => {
    const pinned = manifest.app.pin.kind === 'helm' ? 'what Ferry pins' : 'the digest Ferry pins';
    problems.push({
      file, ...at(node), field,
      message: `${WRITE_BACK} to ${who}: this ${kind} sets ${what}, so Argo CD deploys that, not ${pinned} in ${manifest.file} (app ${quote(manifest.app.name)}, environment ${quote(manifest.env)}), and ferry status and audit do not see it; remove the ${kind} (or the file), and ${STOP}`,
    });
  };

  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const value = pair.value as Node | null;
    if (key === 'kustomize' && isMap(value)) {
      for (const k of value.items) {
        const sub = isScalar(k.key) ? String(k.key.value) : String(k.key);
        const images = k.value as Node | null;
        if (sub !== 'images' || !isSeq(images)) {
          other(k.key as Node, `kustomize.${sub}`);
          continue;
        }
        images.items.forEach((item, i) => {
          const field = `kustomize.images[${i}]`;
          const image = isScalar(item) && typeof item.value === 'string' ? item.value : undefined;
          if (image === undefined) return other(item as Node, field);
          const { name: overridden, to } = kustomizeImage(image);
          const hit = pins.find((p) => imageNames(p.app).includes(overridden));
          if (hit) overrides(item as Node, field, `the image ${quote(overridden)} to ${quote(to)}`, hit, 'entry');
          else other(item as Node, field, image);
        });
      }
    } else if (key === 'helm' && isMap(value)) {
      for (const k of value.items) {
        const sub = isScalar(k.key) ? String(k.key.value) : String(k.key);
        const v = k.value as Node | null;
        if (sub === 'parameters' && isSeq(v)) {
          v.items.forEach((item, i) => {
            const field = `helm.parameters[${i}]`;
            const param = isMap(item) ? item : undefined;
            const nameNode = param?.get('name', true);
            const path = isScalar(nameNode) ? String(nameNode.value) : undefined;
            if (path === undefined) return other(item as Node, field);
            const hit = helmHit(pins, path);
            const set = param?.get('value', true);
            if (hit) overrides(item as Node, field, `${quote(path)} (app ${quote(hit.manifest.app.name)}'s helm.${hit.part} in ferry.yaml) to ${quote(isScalar(set) ? String(set.value) : '')}`, hit.manifest, 'parameter');
            else other(item as Node, field, path);
          });
        } else if (sub === 'valuesObject' && isMap(v)) {
          let any = false;
          for (const manifest of pins) {
            for (const [part, path] of helmPaths(manifest.app)) {
              const node = v.getIn(path.split('.'), true) as Node | undefined;
              if (node === undefined) continue;
              any = true;
              overrides(node, `helm.valuesObject.${path}`, `${quote(path)} (app ${quote(manifest.app.name)}'s helm.${part} in ferry.yaml) to ${quote(isScalar(node) ? String(node.value) : 'a value')}`, manifest, 'value');
            }
          }
          if (!any) other(k.key as Node, 'helm.valuesObject');
        } else {
          other(k.key as Node, `helm.${sub}`);
        }
      }
    } else {
      other(pair.key as Node, key);
    }
  }
  const warnings: Problem[] = [];
  const [first] = others;
  if (first) {
    warnings.push({
      file, ...at(first.node), field: first.field,
      message: `${WRITE_BACK} to ${who}, on top of ${pins.map((p) => p.file).join(', ')}, which Ferry pins: it ${problems.length ? 'also ' : ''}overrides ${others.map((o) => o.shown).join(', ')}, which Ferry does not check; remove what is not meant to stay`,
    });
  }
  return { problems, warnings };
}

/**
 * The image a `kustomize.images` entry names, and what it sets it to, as `kustomize edit set image`
 * reads it (Argo CD runs it with each): `name=newName[:tag][@digest]`, else `name[:tag][@digest]`.
 */
export function kustomizeImage(entry: string): { name: string; to: string } {
  const eq = entry.indexOf('=');
  if (eq >= 0) return { name: entry.slice(0, eq), to: entry.slice(eq + 1) };
  let name = entry;
  const at = name.indexOf('@');
  if (at >= 0) name = name.slice(0, at);
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) name = name.slice(0, colon);
  return { name, to: entry };
}

/** The names a kustomize image override takes an app's image by: its entry's name, and the image as pinned (registry/repository). */
function imageNames(app: AppConfig): string[] {
  const full = `${app.registry}/${app.image}`;
  return app.pin.kind === 'kustomize' ? [app.pin.name, full] : [full];
}

/** The Helm values paths ferry.yaml pins an app's image at. */
function helmPaths(app: AppConfig): [string, string][] {
  const pin = app.pin;
  if (pin.kind !== 'helm') return [];
  return (['repository', 'tag', 'digest'] as const).flatMap((part) => (pin[part] === undefined ? [] : [[part, pin[part]!] as [string, string]]));
}

function helmHit(pins: readonly PinnedManifest[], path: string): { manifest: PinnedManifest; part: string } | undefined {
  for (const manifest of pins) {
    const hit = helmPaths(manifest.app).find(([, p]) => p === path);
    if (hit) return { manifest, part: hit[0] };
  }
  return undefined;
}
