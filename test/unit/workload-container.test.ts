import { describe, expect, test } from 'vitest';
import type { PinConfig } from '../../actions/src/core/config.js';
import { ConfigurationError } from '../../actions/src/core/errors.js';
import { pinImage, readPinnedImage } from '../../actions/src/core/image-pin.js';
import type { ImageRef } from '../../actions/src/core/image-ref.js';

/** Lines joined by LF: a trailing '' gives the file its final newline. */
const lines = (...l: string[]): string => l.join('\n');

const FILE = 'stage/user-service/deployment.yaml';
const D = `sha256:${'a'.repeat(64)}`;
const OLD = `sha256:${'b'.repeat(64)}`;
const REF: ImageRef = { registry: 'reg.example.com', repository: 'team/user-service', tag: '1.4.2', digest: D };
const IMAGE = `reg.example.com/team/user-service:1.4.2@${D}`;
const APP: PinConfig = { kind: 'container', container: 'app' };

/** A workload document whose pod spec holds `containers` (lines indented for `      containers:`). */
function workload(kind: string, name: string, containers: string[], apiVersion = 'apps/v1'): string[] {
  return [`apiVersion: ${apiVersion}`, `kind: ${kind}`, 'metadata:', `  name: ${name}`, 'spec:', '  template:', '    spec:', ...containers];
}

/** Lines as one item of a block sequence: `- ` before the first, two spaces before the others. */
function item(l: string[]): string[] {
  return l.map((line, i) => `${i === 0 ? '- ' : '  '}${line}`);
}

describe('pinning a workload container', () => {
  test.each<[string, string, PinConfig, string]>([
    [
      'a Deployment with one container',
      lines(...workload('Deployment', 'web', ['      containers:', '      - name: app', '        image: user-service:old # pinned by ferry', '        ports: [{containerPort: 80}]']), ''),
      APP,
      lines(...workload('Deployment', 'web', ['      containers:', '      - name: app', `        image: ${IMAGE} # pinned by ferry`, '        ports: [{containerPort: 80}]']), ''),
    ],
    [
      'the container chosen by name among several, sequence not indented, quotes kept',
      lines(...workload('StatefulSet', 'db', ['      containers:', '      - name: sidecar', '        image: "envoy:1"', '      - image: "user-service:old"', '        name: app']), ''),
      APP,
      lines(...workload('StatefulSet', 'db', ['      containers:', '      - name: sidecar', '        image: "envoy:1"', `      - image: "${IMAGE}"`, '        name: app']), ''),
    ],
    [
      'an init container',
      lines(...workload('DaemonSet', 'agent', ['      initContainers:', "        - {name: app, image: 'user-service:old'}", '      containers:', '        - {name: main, image: agent:1}']), ''),
      APP,
      lines(...workload('DaemonSet', 'agent', ['      initContainers:', `        - {name: app, image: '${IMAGE}'}`, '      containers:', '        - {name: main, image: agent:1}']), ''),
    ],
    [
      'an Argo Rollout, among other documents, separators and comments kept',
      lines(
        '# rollout for stage',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: app}',
        '--- # the rollout',
        ...workload('Rollout', 'app', ['      containers:', '      - name: app', `        image: user-service@${OLD}`], 'argoproj.io/v1alpha1'),
        '---',
        '',
      ),
      APP,
      lines(
        '# rollout for stage',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: app}',
        '--- # the rollout',
        ...workload('Rollout', 'app', ['      containers:', '      - name: app', `        image: ${IMAGE}`], 'argoproj.io/v1alpha1'),
        '---',
        '',
      ),
    ],
    [
      'a missing image: is inserted after the container\'s last key',
      lines(...workload('Deployment', 'web', ['      containers:', '      - name: app', '        args: [--port, "80"]']), ''),
      APP,
      lines(...workload('Deployment', 'web', ['      containers:', '      - name: app', '        args: [--port, "80"]', `        image: ${IMAGE}`]), ''),
    ],
    [
      'the same container name in two workloads, narrowed by resource',
      lines(...workload('Deployment', 'web', ['      containers:', '      - name: app', '        image: a:1']), '---', ...workload('Deployment', 'worker', ['      containers:', '      - name: app', '        image: a:1']), ''),
      { kind: 'container', container: 'app', resource: 'worker' },
      lines(...workload('Deployment', 'web', ['      containers:', '      - name: app', '        image: a:1']), '---', ...workload('Deployment', 'worker', ['      containers:', '      - name: app', `        image: ${IMAGE}`]), ''),
    ],
    [
      'the same container name in two kinds, narrowed by resourceKind',
      lines(...workload('Deployment', 'web', ['      containers:', '      - name: app', '        image: a:1']), '---', ...workload('Rollout', 'web', ['      containers:', '      - name: app', '        image: a:1'], 'argoproj.io/v1alpha1'), ''),
      { kind: 'container', container: 'app', resourceKind: 'Rollout' },
      lines(...workload('Deployment', 'web', ['      containers:', '      - name: app', '        image: a:1']), '---', ...workload('Rollout', 'web', ['      containers:', '      - name: app', `        image: ${IMAGE}`], 'argoproj.io/v1alpha1'), ''),
    ],
    [
      'documents that are empty, scalars, lists or not workloads are skipped',
      lines('---', '---', 'just a string', '---', '- a list', '---', 'kind: List', 'items:', '- kind: Deployment', '---', 'kind: Rollout', 'apiVersion: example.com/v1', 'spec: {template: {spec: {containers: [{name: app}]}}}', '---', ...workload('Deployment', 'web', ['      containers:', '      - name: app', '        image: x']), ''),
      APP,
      lines('---', '---', 'just a string', '---', '- a list', '---', 'kind: List', 'items:', '- kind: Deployment', '---', 'kind: Rollout', 'apiVersion: example.com/v1', 'spec: {template: {spec: {containers: [{name: app}]}}}', '---', ...workload('Deployment', 'web', ['      containers:', '      - name: app', `        image: ${IMAGE}`]), ''),
    ],
    [
      'a Deployment in a List: the items of a list are objects too (kubectl, kustomize)',
      lines('apiVersion: v1', 'kind: List', 'items:', ...item(workload('Deployment', 'web', ['      containers:', '      - name: app', '        image: a:1'])), ''),
      APP,
      lines('apiVersion: v1', 'kind: List', 'items:', ...item(workload('Deployment', 'web', ['      containers:', '      - name: app', `        image: ${IMAGE}`])), ''),
    ],
    [
      'Deployments in a DeploymentList in a List, chosen by resource',
      lines('apiVersion: v1', 'kind: List', 'items:', ...item(['apiVersion: apps/v1', 'kind: DeploymentList', 'items:', ...item(workload('Deployment', 'web', ['      containers:', '      - name: app', '        image: a:1'])), ...item(workload('Deployment', 'worker', ['      containers:', '      - name: app', '        image: a:1']))]), ''),
      { kind: 'container', container: 'app', resource: 'worker' },
      lines('apiVersion: v1', 'kind: List', 'items:', ...item(['apiVersion: apps/v1', 'kind: DeploymentList', 'items:', ...item(workload('Deployment', 'web', ['      containers:', '      - name: app', '        image: a:1'])), ...item(workload('Deployment', 'worker', ['      containers:', '      - name: app', `        image: ${IMAGE}`]))]), ''),
    ],
    [
      // go-yaml reads workingDir as "/srv" before and after; a line after it would make it "/srv\n".
      'a missing image:, the file ending in a block scalar with no line break: image: goes before the pair that holds it',
      lines(...workload('Deployment', 'web', ['      containers:', '      - name: app', '        workingDir: |', '          /srv'])),
      APP,
      lines(...workload('Deployment', 'web', ['      containers:', '      - name: app', `        image: ${IMAGE}`, '        workingDir: |', '          /srv'])),
    ],
    [
      'CRLF without a final newline',
      'kind: Deployment\r\nmetadata: {name: web}\r\nspec:\r\n  template:\r\n    spec:\r\n      containers:\r\n      - name: app',
      APP,
      `kind: Deployment\r\nmetadata: {name: web}\r\nspec:\r\n  template:\r\n    spec:\r\n      containers:\r\n      - name: app\r\n        image: ${IMAGE}`,
    ],
  ])('%s', (_name, input, pin, expected) => {
    const edit = pinImage(input, FILE, pin, REF);
    expect(edit.text).toBe(expected);
    expect(edit.changed).toBe(true);
    const again = pinImage(edit.text, FILE, pin, REF);
    expect(again.changed).toBe(false);
    expect(again.text).toBe(expected);
  });

  test('an image without a tag is pinned as registry/repository@digest, quoting kept', () => {
    const input = lines(...workload('Deployment', 'web', ['      containers:', '      - name: app', "        image: ''"]), '');
    const edit = pinImage(input, FILE, APP, { ...REF, tag: undefined });
    expect(edit.text).toBe(lines(...workload('Deployment', 'web', ['      containers:', '      - name: app', `        image: 'reg.example.com/team/user-service@${D}'`]), ''));
    expect(edit.previous).toEqual({ image: '' });
  });

  test.each<[string, string, object]>([
    ['registry/repository:tag@digest', `reg.example.com/team/user-service:1.4.2@${OLD}`, { name: 'reg.example.com/team/user-service', tag: '1.4.2', digest: OLD }],
    ['a registry port is not a tag', 'localhost:5000/app', { name: 'localhost:5000/app' }],
    ['a port and a tag', 'localhost:5000/app:2', { name: 'localhost:5000/app', tag: '2' }],
    ['a digest without a tag', `nginx@${OLD}`, { name: 'nginx', digest: OLD }],
  ])('reads the image %s', (_name, image, parts) => {
    const text = lines(...workload('Deployment', 'web', ['      containers:', '      - name: app', `        image: ${image}`]), '');
    expect(readPinnedImage(text, FILE, APP)).toEqual({ image, ...parts });
  });
});

describe('refusing a container pin', () => {
  const two = lines(...workload('Deployment', 'web', ['      containers:', '      - name: app', '        image: a:1']), '---', ...workload('StatefulSet', 'db', ['      initContainers:', '      - name: app', '        image: a:1']), '');
  test.each<[string, string, PinConfig, string]>([
    ['no container with the name', lines(...workload('Deployment', 'web', ['      containers:', '      - name: web', '      - name: proxy']), ''), APP, `${FILE}: no container named "app" in a Deployment, StatefulSet, DaemonSet or Rollout (found: Deployment/web: "web", Deployment/web: "proxy")`],
    ['no workload at all', lines('apiVersion: v1', 'kind: Service', ''), APP, `${FILE}: no container named "app" in a Deployment, StatefulSet, DaemonSet or Rollout (found: none)`],
    ['a resource that does not match', two, { kind: 'container', container: 'app', resource: 'api' }, `${FILE}: no container named "app" in a workload "api" (found: none)`],
    ['a kind and resource that do not match', two, { kind: 'container', container: 'app', resource: 'web', resourceKind: 'StatefulSet' }, `${FILE}: no container named "app" in StatefulSet "web" (found: none)`],
    ['two containers with the name across documents', two, APP, `${FILE}:20:9: more than one container named "app" in a Deployment, StatefulSet, DaemonSet or Rollout: Deployment/web spec.template.spec.containers[0] (line 9), StatefulSet/db spec.template.spec.initContainers[0] (line 20); set the pin's resource or kind to choose one`],
    [
      'a container and an init container of one workload with the name: no resource or kind tells them apart',
      lines(...workload('Deployment', 'web', ['      initContainers:', '      - name: app', '        image: a:1', '      containers:', '      - name: app', '        image: a:1']), ''),
      { kind: 'container', container: 'app', resource: 'web' },
      `${FILE}:12:9: more than one container named "app" in a workload "web": Deployment/web spec.template.spec.initContainers[0] (line 9), Deployment/web spec.template.spec.containers[0] (line 12); a pod's containers (init containers included) need names of their own, and a file holds one workload of a kind and name: rename or remove one`,
    ],
    [
      'two documents of the same workload',
      lines(...workload('Deployment', 'web', ['      containers:', '      - name: app', '        image: a:1']), '---', ...workload('Deployment', 'web', ['      containers:', '      - name: app', '        image: a:2']), ''),
      APP,
      `${FILE}:20:9: more than one container named "app" in a Deployment, StatefulSet, DaemonSet or Rollout: Deployment/web spec.template.spec.containers[0] (line 9), Deployment/web spec.template.spec.containers[0] (line 20); a pod's containers (init containers included) need names of their own, and a file holds one workload of a kind and name: rename or remove one`,
    ],
    [
      // kustomize v5.5 renders both Deployments, and both would run the image of `app`.
      'a container with the name in a List\'s Deployment and in a Deployment of its own',
      lines('apiVersion: v1', 'kind: List', 'items:', ...item(workload('Deployment', 'other', ['      containers:', '      - name: app', '        image: a:1'])), '---', ...workload('Deployment', 'web', ['      containers:', '      - name: app', '        image: a:1']), ''),
      APP,
      `${FILE}:23:9: more than one container named "app" in a Deployment, StatefulSet, DaemonSet or Rollout: Deployment/other items[0].spec.template.spec.containers[0] (line 12), Deployment/web spec.template.spec.containers[0] (line 23); set the pin's resource or kind to choose one`,
    ],
    ['an alias as the image', lines(`x-image: &img user-service:1`, ...workload('Deployment', 'web', ['      containers:', '      - name: app', '        image: *img']), ''), APP, `${FILE}:11:16: spec.template.spec.containers[0].image: the value is the alias *img;`],
    ['a block scalar as the image', lines(...workload('Deployment', 'web', ['      containers:', '      - name: app', '        image: >', '          user-service:1']), ''), APP, `${FILE}:10:16: spec.template.spec.containers[0].image: the value is a block scalar (>)`],
    ['YAML that does not parse', lines('kind: Deployment', 'spec: {', '---', ''), APP, `${FILE}:3:1: the YAML does not parse:`],
    [
      'an image with an explicit tag other than !!str',
      lines(...workload('Deployment', 'web', ['      containers:', '      - name: app', '        image: !image user-service:old']), ''),
      APP,
      `${FILE}:10:23: spec.template.spec.containers[0].image: the value carries the explicit tag !image; Ferry writes image names, tags and digests as strings: remove the tag or use !!str`,
    ],
  ])('%s', (_name, input, pin, message) => {
    expect(() => pinImage(input, FILE, pin, REF)).toThrow(ConfigurationError);
    expect(() => pinImage(input, FILE, pin, REF)).toThrow(message);
  });
});

// go-yaml (kubectl, kustomize, Argo CD) reads a tagged value through its tag: `!!binary` decoded.
// A kind, a workload's name or a container's name Ferry reads is text, or the file is refused:
// else a second workload go-yaml reads as `Deployment` with a container `app` would go unseen.
const tagged = (tag: string, read: string) =>
  `the value carries the explicit tag ${tag}: go-yaml (the YAML reader of kustomize, Helm, kubectl and Argo CD) ${read}, a tagged value Ferry cannot read as text, so the two could read different values here; write the value as text, without the tag`;

describe('a tagged value where Ferry finds a workload or a container (go-yaml reads it through its tag)', () => {
  const WEB = workload('Deployment', 'web', ['      containers:', '      - name: app', '        image: a:1']);
  test.each<[string, string, PinConfig, string]>([
    [
      'a second Deployment whose container is named !!binary YXBw ("app")',
      lines(...WEB, '---', ...workload('Deployment', 'web2', ['      containers:', '      - name: !!binary YXBw', '        image: a:1']), ''),
      APP,
      `${FILE}:20:24: spec.template.spec.containers[0].name: ${tagged('!!binary', 'decodes it to "app"')}`,
    ],
    [
      'a second workload whose kind is !!binary RGVwbG95bWVudA== ("Deployment")',
      lines(...WEB, '---', ...workload('!!binary RGVwbG95bWVudA==', 'web2', ['      containers:', '      - name: app', '        image: a:1']), ''),
      APP,
      `${FILE}:13:16: kind: ${tagged('!!binary', 'decodes it to "Deployment"')}`,
    ],
    [
      'a workload named !!binary d2Vi ("web"), where the pin names a resource',
      lines(...workload('Deployment', '!!binary d2Vi', ['      containers:', '      - name: app', '        image: a:1']), '---', ...WEB, ''),
      { kind: 'container', container: 'app', resource: 'web' },
      `${FILE}:4:18: metadata.name: ${tagged('!!binary', 'decodes it to "web"')}`,
    ],
    [
      'an item of a List whose kind has a tag of its own',
      lines('kind: List', 'items:', ...item(workload('!kind Deployment', 'web2', ['      containers:', '      - name: app', '        image: a:1'])), '---', ...WEB, ''),
      APP,
      `${FILE}:4:15: items[0].kind: ${tagged('!kind', 'reads the value through its tag')}`,
    ],
  ])('%s: refused', (_name, text, pin, message) => {
    expect(() => pinImage(text, FILE, pin, REF)).toThrow(ConfigurationError);
    expect(() => pinImage(text, FILE, pin, REF)).toThrow(message);
    expect(() => readPinnedImage(text, FILE, pin)).toThrow(message);
  });

  test('kinds and names tagged !!str or ! are text to both: pinned', () => {
    const text = lines('apiVersion: apps/v1', 'kind: !!str Deployment', 'metadata: {name: ! web}', 'spec:', '  template:', '    spec:', '      containers:', '      - name: !!str app', '        image: a:1', '');
    expect(pinImage(text, FILE, { kind: 'container', container: 'app', resource: 'web' }, REF).text).toBe(text.replace('image: a:1', `image: ${IMAGE}`));
  });
});
