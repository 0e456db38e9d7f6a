// Pins the Auditor holds against files: two apps pinned in one manifest (a hand edit of it is
// every owner's), and the head check, which must find the recorded digest as a value, not in a
// comment.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { Auditor, type AuditCommit } from '../../actions/src/core/audit.js';
import { parseConfig } from '../../actions/src/core/config.js';
import { commitMessage, trailerList, type Trailer } from '../../actions/src/core/trailers.js';

const template = readFileSync(new URL('../../environments/ferry.yaml', import.meta.url), 'utf8');
const config = await parseConfig(template);
/** user-service and order-service pinned in one kustomization per environment. */
const shared = await parseConfig(template.replaceAll(/"\{env\}\/[a-z-]+\/kustomization\.yaml"/g, '"{env}/shop/kustomization.yaml"'));
const registry = config.registry;
const digest = (n: number) => `sha256:${String(n).padStart(64, '0')}`;
const image = (app: string, n: number) => `${registry}/${app}:1.${n}.0@${digest(n)}`;

let seq = 0;
function commitWith(trailers: Trailer[], files: string[]): AuditCommit {
  return { commit: (++seq).toString(16).padStart(40, '0'), date: '2026-11-24T10:00:00Z', trailers: trailerList(commitMessage('change', trailers)), files };
}
const bump = (app: string, n: number, previous: number | undefined, file: string) => commitWith([
  ['Ferry-Action', 'bump'], ['Ferry-Env', 'dev'], ['Ferry-App', app], ['Ferry-Image', image(app, n)],
  ...(previous !== undefined ? [['Ferry-Previous-Image', image(app, previous)] as Trailer] : []), ['Ferry-Requested-By', 'alice'],
], [file]);

describe('a manifest two apps pin', () => {
  test('a hand edit is reported for each app, and each one\'s pin on record is forgotten: their next Ferry pins disagree with nothing', () => {
    const file = 'dev/shop/kustomization.yaml';
    const auditor = new Auditor();
    const edit = commitWith([], [file]);
    for (const c of [bump('user-service', 1, undefined, file), bump('order-service', 2, undefined, file), edit]) auditor.check(c, shared);
    expect(auditor.violations.map((v) => [v.commit, v.rule, v.env, v.app, v.message])).toEqual(['user-service', 'order-service'].map((app) => [edit.commit, 'unrecorded-change', 'dev', app, `${file} changed in a commit without Ferry trailers (a manual edit)`]));
    // Each next pin says it replaced what the edit left (9 and 8), not what Ferry pinned last.
    for (const c of [bump('user-service', 3, 9, file), bump('order-service', 4, 8, file)]) auditor.check(c, shared);
    expect(auditor.violations).toHaveLength(2);
  });
});

describe('the files at the head hold the pins on record, as values', () => {
  const file = 'dev/user-service/kustomization.yaml';
  const head = (text: string) => {
    const auditor = new Auditor();
    const c = bump('user-service', 1, undefined, file);
    auditor.check(c, config);
    auditor.checkHead(auditor.recordedPins(config), new Map([[file, text]]));
    return auditor.violations.map((v) => [v.commit === c.commit, v.rule, v.message]);
  };
  const flagged = [[true, 'trailers-disagree', `the commit records user-service:1.1.0@${digest(1).slice(0, 19)} as pinned, but ${file}, which no commit changed since, does not hold that digest at the head`]];

  test.each([
    ['a kustomize digest', `images:\n  - name: user-service\n    digest: ${digest(1)}\n`],
    ['quoted', `images:\n  - name: user-service\n    digest: "${digest(1)}"  # pinned by Ferry\n`],
    ['in an image reference', `containers:\n  - name: app\n    image: ${registry}/user-service:1.1.0@${digest(1)}\n`],
    ['a list item', `digests:\n  - '${digest(1)}'\n`],
  ])('%s: holds it', (_, text) => {
    expect(head(text)).toEqual([]);
  });

  test.each([
    ['in a comment of its own', `# was ${digest(1)}\nimages:\n  - name: user-service\n    digest: ${digest(7)}\n`],
    ['in a comment after the value', `images:\n  - name: user-service\n    digest: ${digest(7)} # ${digest(1)}\n`],
    ['as the start of a longer value', `images:\n  - name: user-service\n    digest: ${digest(1)}0\n`],
    ['inside another word', `images:\n  - name: user-service\n    note: x${digest(1)}\n    digest: ${digest(7)}\n`],
  ])('%s: does not', (_, text) => {
    expect(head(text)).toEqual(flagged);
  });
});
