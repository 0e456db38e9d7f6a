// An app's image as the `image:` of one container of a workload: a Deployment, StatefulSet,
// DaemonSet or Argo Rollout (`argoproj.io/v1alpha1`), in a file of one or many YAML documents,
// or an item of a List in one. The container is found by name in `spec.template.spec.containers`
// and `initContainers`.
import type { Document } from 'yaml';
import type { PinConfig } from './config.js';
import { quote } from './errors.js';
import type { PinParts, PinSlot } from './image-pin.js';
import { formatImageRef, type ImageRef } from './image-ref.js';
import { asMap, asSeq, assertGoYamlLineBreaks, assertNoMergeKey, assertTextKeys, deref, fail, isEmptyDocument, lineOf, mapValue, pinText, setMapValue, textValue, type Splice, type YamlFile, type YamlMap } from './yaml-splice.js';

export type ContainerPin = Extract<PinConfig, { kind: 'container' }>;

const APPS_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'];

/** The container's image, split into name, tag and digest. */
export function readWorkloadContainer(y: YamlFile, pin: ContainerPin): PinParts {
  const { doc, container, field } = findContainer(y, pin);
  const image = pinText(y, mapValue(doc, container, 'image'), `${field}.image`);
  // Name, tag and digest are parts of one value: each is located there.
  const slot: PinSlot = { field: `${field}.image`, parent: container, key: 'image', ...(image === undefined ? {} : { whole: image }) };
  return { ...(image === undefined ? {} : splitImage(image)), slots: { name: slot, tag: slot, digest: slot } };
}

/** Sets the container's `image:` to the full reference (`registry/repository[:tag]@digest`). */
export function pinWorkloadContainer(y: YamlFile, pin: ContainerPin, ref: ImageRef): Splice[] {
  const { container, field } = findContainer(y, pin);
  const edit = setMapValue(y, container, 'image', formatImageRef(ref), `${field}.image`);
  return edit ? [edit] : [];
}

/** `reg/repo:tag@digest` → its parts; a colon before the last `/` is a registry port, not a tag. */
export function splitImage(image: string): Omit<PinParts, 'slots'> {
  const at = image.indexOf('@');
  const nameTag = at < 0 ? image : image.slice(0, at);
  const colon = nameTag.lastIndexOf(':');
  const parts: Omit<PinParts, 'slots'> = colon > nameTag.lastIndexOf('/') ? { name: nameTag.slice(0, colon), tag: nameTag.slice(colon + 1) } : { name: nameTag };
  if (at >= 0) parts.digest = image.slice(at + 1);
  return parts;
}

interface Match {
  doc: Document.Parsed;
  container: YamlMap;
  /** `Deployment/web`, for errors. */
  workload: string;
  /** `spec.template.spec.containers[1]` (`items[0].spec…` in a list), for errors. */
  field: string;
}

/**
 * The one container named as the pin says. Kubernetes tools read each document as go-yaml does
 * (merge keys applied, keys by what go-yaml makes of them: an alias, `!!binary`): where that would
 * be another workload, container or image than Ferry reads, the file is refused. Field names
 * match as written (sigs.k8s.io/json, case-sensitive), unlike a kustomization's.
 */
function findContainer(y: YamlFile, pin: ContainerPin): Match {
  assertGoYamlLineBreaks(y);
  // kubectl, kustomize and Argo CD split a file at `---` lines and read one document from each
  // part: a document after `...` with no `---` of its own is never read (go-yaml stops at `...`).
  const unread = y.docs.find((d, i) => i > 0 && d.directives.docStart !== true && !isEmptyDocument(d));
  if (unread) {
    fail(y, unread.contents, undefined, 'this document follows a "..." line with no "---" of its own: kubectl, kustomize and Argo CD split a file at "---" lines and read one document from each part, so they never read this one (go-yaml stops at the "..."), yet Ferry would read and pin it; put a "---" line before it (or remove the "..." line)');
  }
  const matches: Match[] = [];
  const seen: string[] = [];
  for (const doc of y.docs) {
    const root = asMap(deref(doc, doc.contents));
    if (!root) continue;
    for (const { object, kind, at } of objects(y, doc, root, '')) {
      const apiVersion = kind === 'Rollout' ? (textValue(y, mapValue(doc, object, 'apiVersion'), `${at}apiVersion`) ?? '') : '';
      const isWorkload = kind !== undefined && (APPS_KINDS.includes(kind) || (kind === 'Rollout' && apiVersion.startsWith('argoproj.io/')));
      if (!isWorkload) continue;
      const metadata = asMap(mapValue(doc, object, 'metadata'));
      const template = asMap(mapValue(doc, object, 'spec'));
      const podTemplate = template && asMap(mapValue(doc, template, 'template'));
      const podSpec = podTemplate && asMap(mapValue(doc, podTemplate, 'spec'));
      // Every mapping on the way to the containers, of every workload: the pin's resource and kind
      // choose among them as Ferry reads them.
      for (const [map, field] of [[metadata, 'metadata'], [template, 'spec'], [podTemplate, 'spec.template'], [podSpec, 'spec.template.spec']] as const) {
        if (map) assertTextKeys(y, doc, map, `${at}${field}`);
      }
      if (pin.resourceKind !== undefined && kind !== pin.resourceKind) continue;
      const name = (metadata && textValue(y, mapValue(doc, metadata, 'name'), `${at}metadata.name`)) ?? '';
      if (pin.resource !== undefined && name !== pin.resource) continue;
      if (!podSpec) continue;
      for (const list of ['containers', 'initContainers']) {
        asSeq(mapValue(doc, podSpec, list))?.items.forEach((item, i) => {
          const field = `${at}spec.template.spec.${list}[${i}]`;
          const container = asMap(deref(doc, item));
          if (container) assertTextKeys(y, doc, container, field);
          const containerName = container && textValue(y, mapValue(doc, container, 'name'), `${field}.name`);
          if (!container || containerName === undefined) return;
          seen.push(`${kind}/${name}: ${quote(containerName)}`);
          if (containerName === pin.container && !matches.some((m) => m.container === container)) {
            matches.push({ doc, container, workload: `${kind}/${name}`, field });
          }
        });
      }
    }
  }
  const [first, second] = matches;
  if (first && !second) {
    // Kubernetes tools merge the keys a `<<` brings in (go-yaml); Ferry would not see an image there.
    assertNoMergeKey(y, first.container, first.field);
    return first;
  }
  const searched = `container named ${quote(pin.container)} in ${describeFilter(pin)}`;
  if (second) {
    matches.sort((a, b) => (a.container.range?.[0] ?? 0) - (b.container.range?.[0] ?? 0)); // (in file order)
    const where = matches.map((m) => `${m.workload} ${m.field} (line ${lineOf(y, m.container)})`).join(', ');
    // A pin's resource and kind choose a workload: they cannot choose between two containers of
    // one workload (a pod's container names are unique, init containers included) or two
    // workloads of the same kind and name in one file.
    const apart = new Set(matches.map((m) => m.workload)).size === matches.length;
    const advice = apart ? "set the pin's resource or kind to choose one" : 'a pod\'s containers (init containers included) need names of their own, and a file holds one workload of a kind and name: rename or remove one';
    fail(y, matches[1]!.container, undefined, `more than one ${searched}: ${where}; ${advice}`);
  }
  fail(y, undefined, undefined, `no ${searched} (found: ${seen.length ? seen.join(', ') : 'none'})`);
}

/**
 * The objects of a document and their kinds: its mapping, or the objects of the items of a list (a
 * kind that ends in List, with items: a v1 List, a DeploymentList), which kubectl, kustomize and
 * Argo CD take each for an object of its own (a list in a list too; checked with kustomize v5.5).
 * `at` is the path of an object in its document (`items[0].`), for errors. Keys and kinds are read
 * as go-yaml reads them, or refused (a key go-yaml reads as `kind`, a kind tagged !!binary).
 */
function objects(y: YamlFile, doc: Document.Parsed, object: YamlMap, at: string): { object: YamlMap; kind: string | undefined; at: string }[] {
  assertTextKeys(y, doc, object, at ? at.slice(0, -1) : undefined);
  const kind = textValue(y, mapValue(doc, object, 'kind'), `${at}kind`);
  const items = kind?.endsWith('List') ? asSeq(mapValue(doc, object, 'items')) : undefined;
  if (!items) return [{ object, kind, at }];
  return items.items.flatMap((item, i) => {
    const map = asMap(deref(doc, item));
    return map ? objects(y, doc, map, `${at}items[${i}].`) : [];
  });
}

function describeFilter(pin: ContainerPin): string {
  const kinds = pin.resourceKind ?? 'a Deployment, StatefulSet, DaemonSet or Rollout';
  return pin.resource === undefined ? kinds : `${pin.resourceKind ?? 'a workload'} ${quote(pin.resource)}`;
}
