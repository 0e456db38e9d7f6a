// ferry rollback's choices, without git: which earlier image a rollback goes back to (never forward
// to a release a rollback or a revert moved away from, never to a blocked image or another
// registry's), what was in place as the manifest's versions say (not as trailers claim), and
// which --to it refuses before looking at history.
import { describe, expect, test } from 'vitest';
import { RefusedError, type BlockedDigest } from '../../actions/src/core/blocklist.js';
import { parseConfig } from '../../actions/src/core/config.js';
import { ConfigurationError } from '../../actions/src/core/errors.js';
import { fileDiff } from '../../actions/src/core/file-diff.js';
import {
  checkRollbackRequest, chooseTarget, handPinsOf, pinMovedError, pinTimeline, planRollback, skippedLines, targetGoneError,
  type ManifestVersion, type PinEvent, type PinMoved, type PinRecord, type RollbackRequest, type SkippedImage, type TargetContext,
} from '../../actions/src/core/rollback.js';
import { trailerList } from '../../actions/src/core/trailers.js';

const REG = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
const APP = 'user-service';
const MANIFEST = `dev/${APP}/kustomization.yaml`;

/** A digest per version, distinct and valid: 1.0.0 → sha256:111…1. */
const digest = (version: string) => `sha256:${version[0]!.repeat(64)}`;
const image = (version: string, repository = APP, registry = REG) => `${registry}/${repository}:${version}@${digest(version)}`;

let clock = 0;
/** A pin of `version` by `action` (newest first in the lists below), replacing `previous`. */
function pin(action: string, version: string, previous?: string): PinEvent {
  clock++;
  return {
    commit: `${action[0]}${version.replace(/\D/g, '')}`.padEnd(40, String(clock % 10)),
    date: `2026-11-${String(10 + clock).padStart(2, '0')}T10:00:00Z`,
    action, env: 'dev', app: APP, image: image(version),
    ...(previous ? { previousImage: image(previous) } : {}),
  };
}

// 2.0.0, 3.0.0 and 4.0.0 bumped into dev over 1.0.0 (the template's pin, from before Ferry's first commit).
const bumps = [pin('bump', '4.0.0', '3.0.0'), pin('bump', '3.0.0', '2.0.0'), pin('bump', '2.0.0', '1.0.0'), pin('before', '1.0.0')];
const firstRollback = pin('rollback', '3.0.0', '4.0.0');
const secondRollback = pin('rollback', '2.0.0', '3.0.0');
const rebumped = pin('bump', '4.0.0', '3.0.0');

const req = (extra: Partial<RollbackRequest> = {}): RollbackRequest => ({ env: 'dev', app: APP, ...extra });

describe('chooseTarget', () => {
  test.each<[string, PinEvent[], string, Partial<RollbackRequest>, string]>([
    ['bumps only: the image before the current one', bumps, '4.0.0', {}, '3.0.0'],
    ['bumps only, --steps 3: the template\'s image', bumps, '4.0.0', { steps: 3 }, '1.0.0'],
    ['a second rollback goes further back, not forward to the image rolled back from', [firstRollback, ...bumps], '3.0.0', {}, '2.0.0'],
    ['--steps counts without the images rolled back from', [firstRollback, ...bumps], '3.0.0', { steps: 2 }, '1.0.0'],
    ['a third rollback: past both images rolled back from', [secondRollback, firstRollback, ...bumps], '2.0.0', {}, '1.0.0'],
    ['a release rolled back from and bumped again: rolling back from it again goes to the one before', [rebumped, firstRollback, ...bumps], '4.0.0', {}, '3.0.0'],
    ['a rollback --to a newer image moves away from none: the next rollback goes back to the image it replaced', [pin('rollback', '4.0.0', '3.0.0'), firstRollback, ...bumps], '4.0.0', {}, '3.0.0'],
    ['--to names an image rolled back from: a deliberate choice, allowed', [firstRollback, ...bumps], '3.0.0', { to: digest('4.0.0') }, '4.0.0'],
    ['--to an image reference', [firstRollback, ...bumps], '3.0.0', { to: image('1.0.0') }, '1.0.0'],
  ])('%s', (_title, history, current, extra, expected) => {
    expect(chooseTarget(history, digest(current), req(extra)).target.image).toBe(image(expected));
  });

  test.each<[string, PinEvent[], string, Partial<RollbackRequest>, ConfigurationError]>([
    [
      'nothing left but the image rolled back from',
      [firstRollback, bumps[0]!, bumps[1]!], '3.0.0', {},
      new ConfigurationError({ message: `"${APP}" in "dev" has no earlier image in its history to roll back to (not counting 4.0.0 (sha256:444444444444), which a rollback there moved away from; --to names one to go back to it all the same)` }),
    ],
    [
      '--steps past the candidates',
      [firstRollback, ...bumps], '3.0.0', { steps: 3 },
      new ConfigurationError({ field: 'steps', message: `"${APP}" in "dev" has 2 earlier images in its history, not 3 (not counting 4.0.0 (sha256:444444444444), which a rollback there moved away from; --to names one to go back to it all the same)` }),
    ],
    [
      'no history at all',
      [], '4.0.0', {},
      new ConfigurationError({ message: `"${APP}" in "dev" has no earlier image in its history to roll back to` }),
    ],
  ])('refused: %s', (_title, history, current, extra, error) => {
    const call = () => chooseTarget(history, digest(current), req(extra));
    expect(call).toThrow(ConfigurationError);
    expect(call).toThrow(error);
  });
});

// rollback.yml binds its rollback job to the plan by the whole id of the pin's commit (to-commit).
// Where CI tags each build with its commit's id (the env repo the app's own), that id was refused
// as "both a commit id and a tag"; a SHA-256 repository's 64-hex id was taken for a tag alone.
describe('chooseTarget: --to the whole id of a pin\'s commit', () => {
  const at = (commit: string, tag: string, d: string): PinEvent => ({ commit, date: '2026-11-20T10:00:00Z', action: 'bump', env: 'dev', app: APP, image: `${REG}/${APP}:${tag}@sha256:${d.repeat(64)}` });

  test('a commit id that is also the tag of another image pinned there: the commit\'s pin', () => {
    const a = 'a1'.repeat(20);
    const history = [at('d4'.repeat(20), '3.0.0', '3'), at('c3'.repeat(20), a, '9'), at(a, '1.0.0', '1')];
    expect(chooseTarget(history, `sha256:${'3'.repeat(64)}`, req({ to: a })).target).toMatchObject({ commit: a, image: `${REG}/${APP}:1.0.0@sha256:${'1'.repeat(64)}` });
    // (Abbreviated, it is no tag pinned there: the commit's pin, as before.)
    expect(() => chooseTarget(history, `sha256:${'3'.repeat(64)}`, req({ to: a.slice(0, 12) }))).not.toThrow();
  });

  test('a SHA-256 repository\'s commit id (64 hex digits)', () => {
    const a = 'ab'.repeat(32);
    const history = [at('cd'.repeat(32), '2.0.0', '2'), at(a, '1.0.0', '1')];
    expect(chooseTarget(history, `sha256:${'2'.repeat(64)}`, req({ to: a })).target).toMatchObject({ commit: a, image: `${REG}/${APP}:1.0.0@sha256:${'1'.repeat(64)}` });
    expect(chooseTarget(history, `sha256:${'2'.repeat(64)}`, req({ to: a.slice(0, 10) })).target.commit).toBe(a);
  });

  test('the whole id of the pin in place now: refused, naming it', () => {
    const a = 'a1'.repeat(20);
    const history = [at(a, '3.0.0', '3'), at('b2'.repeat(20), '1.0.0', '1')];
    expect(() => chooseTarget(history, `sha256:${'3'.repeat(64)}`, req({ to: a }))).toThrow('which is what is pinned now');
  });
});

describe('checkRollbackRequest --to', () => {
  const hex = 'a'.repeat(64);
  test.each<[string, string]>([
    ['sha256:ABC', 'to: the digest "sha256:ABC" is malformed (it has 3 hex digits, not 64); expected sha256: followed by 64 lowercase hex digits, or an image reference with one'],
    ['sha256:', 'to: the digest "sha256:" is malformed (it has 0 hex digits, not 64)'],
    [`sha256:${hex.toUpperCase()}`, 'is malformed (the hex digits must be lowercase)'],
    [`sha256:${'g'.repeat(64)}`, `is malformed ("${'g'.repeat(64)}" is not all hex digits)`],
    [`SHA256:${hex}`, 'is malformed (the algorithm is written \'sha256\', in lowercase)'],
    // An invisible character is written out, where it is: the digest looks whole otherwise.
    [`sha256:${hex.slice(0, 63)}\u200b`, `to: the digest "sha256:${hex.slice(0, 63)}\\u200b" is malformed ("${hex.slice(0, 63)}\\u200b" is not all hex digits)`],
    [`${REG}/${APP}:1.0.0`, 'to: the reference has no digest'],
  ])('%s is refused', (to, message) => {
    const call = () => checkRollbackRequest(req({ to }));
    expect(call).toThrow(ConfigurationError);
    expect(call).toThrow(message);
  });

  test.each([`sha256:${hex}`, `${REG}/${APP}:1.0.0@sha256:${hex}`])('%s is accepted', (to) => {
    expect(() => checkRollbackRequest(req({ to }))).not.toThrow();
  });
});

describe('planRollback', () => {
  const files: Record<string, string> = {
    'ferry.yaml': `registry: ${REG}\nenvironments:\n  - name: dev\napps:\n  - name: ${APP}\n    image: ${APP}\n    manifest: "{env}/${APP}/kustomization.yaml"\n  - name: order-service\n    image: order-service\n    manifest: "{env}/order-service/kustomization.yaml"\n`,
    [MANIFEST]: `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../../base/${APP}]\nimages:\n  - name: ${APP}\n    newName: ${REG}/${APP}\n    newTag: 3.0.0\n    digest: ${digest('3.0.0')}\n`,
  };
  const snapshot = { commit: 'f'.repeat(40), readFile: async (path: string) => files[path] };
  const history = [firstRollback, ...bumps];

  test('a second rollback pins 2.0.0, the image before the one rolled back to', async () => {
    const planned = await planRollback(snapshot, history, req({ reason: 'still slow' }));
    expect(planned.result).toMatchObject({ image: image('2.0.0'), previousImage: image('3.0.0'), to: { commit: bumps[2]!.commit, date: bumps[2]!.date, action: 'bump', image: bumps[2]!.image } });
    expect(planned.result).not.toHaveProperty('from');
    expect(planned).toMatchObject({
      write: true,
      files: [{ path: MANIFEST, content: files[MANIFEST]!.replace('3.0.0', '2.0.0').replace(digest('3.0.0'), digest('2.0.0')) }],
      message: expect.stringMatching(new RegExp(`^rollback\\(dev\\): ${APP} 2\\.0\\.0 \\(sha256:2{12}\\) from 3\\.0\\.0 \\(sha256:3{12}\\)\n`)),
    });
  });

  test.each<[string, string, string]>([
    ['another registry and repository', image('2.0.0', 'order-service', 'other.registry.example'), '"other.registry.example/order-service"'],
    ['another app\'s repository in the same registry', image('2.0.0', 'order-service'), `"${REG}/order-service"`],
    ['the app\'s repository in another registry', image('2.0.0', APP, 'other.registry.example'), `"other.registry.example/${APP}"`],
  ])('--to an image of %s, with a digest from the app\'s history: refused', async (_title, to, found) => {
    const plan = planRollback(snapshot, history, req({ to }));
    await expect(plan).rejects.toThrow(ConfigurationError);
    await expect(plan).rejects.toThrow(`to: expected an image of app "${APP}" ("${REG}/${APP}"), found ${found}`);
  });

  test('--to the app\'s own image reference is taken', async () => {
    const planned = await planRollback(snapshot, history, req({ to: image('1.0.0') }));
    expect(planned.result.image).toBe(image('1.0.0'));
  });
});

// 2.0.0's digest pinned again later under another tag, 2.0.1 (a retag), then 4.0.0: --to with a tag
// goes back to the pin of that digest with that tag (what a dry run with `to: 2.0.0` shows, and the
// rollback job, given its full image, writes), not the latest pin of the digest.
describe('chooseTarget and planRollback: --to a digest pinned under two tags', () => {
  const first = pin('bump', '2.0.0', '1.0.0');
  // (digest() takes the first digit: 2.0.1 has 2.0.0's digest.)
  const retag = pin('bump', '2.0.1', '3.0.0');
  const history = [pin('bump', '4.0.0', '2.0.1'), retag, pin('bump', '3.0.0', '2.0.0'), first, pin('before', '1.0.0')];
  const bare = `${REG}/${APP}@${digest('2.0.0')}`;

  test.each<[string, string, PinEvent]>([
    ['its tag', '2.0.0', first],
    ['its image with that tag', image('2.0.0'), first],
    ['the commit that pinned it with that tag', first.commit.slice(0, 12), first],
    ['the later tag', '2.0.1', retag],
    ['its image with the later tag', image('2.0.1'), retag],
    ['its digest alone: the latest pin of the digest', digest('2.0.0'), retag],
    ['its image without a tag: the latest pin of the digest', bare, retag],
  ])('--to %s', (_title, to, expected) => {
    const { target } = chooseTarget(history, digest('4.0.0'), req({ to }));
    expect([target.commit, target.image]).toEqual([expected.commit, expected.image]);
  });

  test('--to its image with a tag it was never pinned with: refused', () => {
    expect(() => chooseTarget(history, digest('4.0.0'), req({ to: `${REG}/${APP}:2.0.9@${digest('2.0.0')}` }))).toThrow('that digest was pinned as 2.0.1 (sha256:222222222222), not with tag "2.0.9"');
  });

  test('--to the tag, its image with it and the commit write the same file and commit message', async () => {
    const files: Record<string, string> = {
      'ferry.yaml': `registry: ${REG}\nenvironments:\n  - name: dev\napps:\n  - name: ${APP}\n    image: ${APP}\n    manifest: "{env}/${APP}/kustomization.yaml"\n`,
      [MANIFEST]: `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../../base/${APP}]\nimages:\n  - name: ${APP}\n    newName: ${REG}/${APP}\n    newTag: 4.0.0\n    digest: ${digest('4.0.0')}\n`,
    };
    const snapshot = { commit: 'f'.repeat(40), readFile: async (path: string) => files[path] };
    const plans = await Promise.all(['2.0.0', image('2.0.0'), first.commit.slice(0, 12)].map((to) => planRollback(snapshot, history, req({ to, reason: 'r' }))));
    for (const planned of plans) {
      if (!planned.write) throw new Error('planned no write');
      expect(planned.files[0]!.content).toContain('newTag: 2.0.0\n');
      expect(planned.message).toContain(`\nFerry-Image: ${image('2.0.0')}\n`);
      expect(planned.message).toContain(`\nFerry-Rollback-To: ${first.commit}\n`);
      expect(planned.result).toMatchObject({ image: image('2.0.0'), to: { commit: first.commit } });
      expect(planned.message).toBe((plans[0] as typeof planned).message);
    }
  });
});

const APP_NOW = { name: APP, registry: REG, image: APP };
const blocked = (version: string, app = APP): BlockedDigest => ({ app, digest: digest(version), reason: 'crashloop' });
/** An image of another registry in place there (a hand edit), or the app's under a registry ferry.yaml named before. */
const evil = { ...pin('edit', '6.0.0'), image: `evil.example.org/miner:latest@${digest('6')}` };
const movedRegistry = 'new.registry.example';

describe('chooseTarget: what a change there moved away from, blocked images, other images', () => {
  const reverted = pin('edit', '3.0.0', '4.0.0');
  test.each<[string, PinEvent[], string, Partial<RollbackRequest>, TargetContext, string, [string, SkippedImage['reason']][]]>([
    ['a revert by hand of the last bump: the reverted release is passed over, not gone forward to', [reverted, ...bumps], '3.0.0', {}, {}, '2.0.0', [['4.0.0', 'moved-back-from']]],
    ['a revert of that revert: the release put back again is no move back', [pin('edit', '4.0.0', '3.0.0'), reverted, ...bumps], '4.0.0', {}, {}, '3.0.0', []],
    ['a bump of an older release moves away from every image since it', [pin('bump', '2.0.0', '4.0.0'), ...bumps], '2.0.0', {}, {}, '1.0.0', [['4.0.0', 'moved-back-from'], ['3.0.0', 'moved-back-from']]],
    ['a rollback --steps 2, then a rollback: further back, not forward to the image stepped over', [pin('rollback', '2.0.0', '4.0.0'), ...bumps], '2.0.0', {}, {}, '1.0.0', [['4.0.0', 'rolled-back-from'], ['3.0.0', 'rolled-back-from']]],
    ['a blocked image next in line is passed over', bumps, '4.0.0', {}, { app: APP_NOW, blocklist: [blocked('3.0.0')] }, '2.0.0', [['3.0.0', 'blocked']]],
    ['--steps counts the images that may be gone back to: a blocked one is no step', bumps, '4.0.0', { steps: 2 }, { app: APP_NOW, blocklist: [blocked('3.0.0')] }, '1.0.0', [['3.0.0', 'blocked']]],
    ['a digest blocked for another app is blocked for this one too (a block names content, not an app)', bumps, '4.0.0', {}, { app: APP_NOW, blocklist: [blocked('3.0.0', 'user-worker')] }, '2.0.0', [['3.0.0', 'blocked']]],
    ['another registry\'s image that was in place there is passed over', [bumps[0]!, evil, ...bumps.slice(1)], '4.0.0', {}, { app: APP_NOW }, '3.0.0', [[evil.image, 'not-app-image']]],
  ])('%s', (_title, history, current, extra, context, expected, skipped) => {
    const choice = chooseTarget(history, digest(current), req(extra), context);
    expect(choice.target.image).toBe(image(expected));
    expect(choice.skipped.map((s) => [s.image, s.reason])).toEqual(skipped.map(([v, reason]) => [v.includes('@') ? v : image(v), reason]));
  });

  const short = (version: string) => `${version} (sha256:${version[0]!.repeat(12)})`;
  test.each<[string, PinEvent[], string, Partial<RollbackRequest>, TargetContext, string]>([
    [
      'ferry.yaml\'s registry moved: every earlier image is of the one named before',
      [{ ...pin('bump', '5.0.0'), image: image('5.0.0', APP, movedRegistry) }, ...bumps], '5.0.0', {}, { app: { ...APP_NOW, registry: movedRegistry } },
      `"${APP}" in "dev" has no earlier image in its history to roll back to (not counting ${['4.0.0', '3.0.0', '2.0.0', '1.0.0'].map((v) => `${short(v)} of "${REG}/${APP}"`).join(', ')}, not an image of app "${APP}" ("${movedRegistry}/${APP}") as ferry.yaml names it now)`,
    ],
    [
      '--to a digest pinned there under the registry named before',
      [{ ...pin('bump', '5.0.0'), image: image('5.0.0', APP, movedRegistry) }, ...bumps], '5.0.0', { to: digest('3.0.0') }, { app: { ...APP_NOW, registry: movedRegistry } },
      `to: "${digest('3.0.0')}" was pinned there as "${image('3.0.0')}", which is not an image of app "${APP}" ("${movedRegistry}/${APP}") as ferry.yaml names it now; nothing was changed`,
    ],
    [
      '--steps past the candidates: each reason its own',
      [firstRollback, ...bumps], '3.0.0', { steps: 2 }, { app: APP_NOW, blocklist: [blocked('2.0.0')] },
      `steps: "${APP}" in "dev" has 1 earlier image in its history, not 2 (not counting ${short('4.0.0')}, which a rollback there moved away from; --to names one to go back to it all the same; not counting ${short('2.0.0')}, blocked for app "${APP}")`,
    ],
    [
      'nothing left but a reverted release',
      [pin('edit', '2.0.0', '3.0.0'), pin('bump', '3.0.0', '2.0.0'), pin('bump', '2.0.0')], '2.0.0', {}, { app: APP_NOW },
      `"${APP}" in "dev" has no earlier image in its history to roll back to (not counting ${short('3.0.0')}, which a change there moved away from, back to an earlier image (a revert, a hand edit); --to names one to go back to it all the same)`,
    ],
  ])('refused, exit 2: %s', (_title, history, current, extra, context, message) => {
    const call = () => chooseTarget(history, digest(current), req(extra), context);
    expect(call).toThrow(ConfigurationError);
    expect(call).toThrow(new ConfigurationError(message.startsWith('to: ') || message.startsWith('steps: ') ? { field: message.slice(0, message.indexOf(':')), message: message.slice(message.indexOf(':') + 2) } : { message }));
  });
});

describe('pinTimeline: what was in place, from the manifest\'s versions', () => {
  const FERRY_YAML = `registry: ${REG}\nenvironments:\n  - name: dev\napps:\n  - name: ${APP}\n    image: ${APP}\n    manifest: "{env}/${APP}/kustomization.yaml"\n`;
  const kustomization = (pinned: string) => {
    const [named, d] = pinned.split('@') as [string, string];
    const colon = named.lastIndexOf(':');
    return `images:\n  - name: ${APP}\n    newName: ${named.slice(0, colon)}\n    newTag: ${named.slice(colon + 1)}\n    digest: ${d}\n`;
  };
  const trailers = (...lines: string[]) => trailerList(`subject\n\n${lines.join('\n')}\n`);
  const bump = (version: string) => trailers('Ferry-Action: bump', 'Ferry-Env: dev', `Ferry-App: ${APP}`, `Ferry-Image: ${image(version)}`);
  const version = (commit: string, text: ManifestVersion['text'], t = trailers()): ManifestVersion => ({ commit: commit.padEnd(40, '0'), date: '2026-11-10T10:00:00Z', trailers: t, text });

  test.each<[string, ManifestVersion[], [string, string, string | undefined][]]>([
    ['Ferry bumps whose trailers record what the file holds: their action', [version('b', kustomization(image('2.0.0')), bump('2.0.0')), version('a', kustomization(image('1.0.0')), bump('1.0.0'))], [['b', 'bump', '2.0.0'], ['a', 'bump', '1.0.0']]],
    ['trailers naming another image than the file holds: the file\'s image, as an edit', [version('c', kustomization(image('2.0.0')), trailers('Ferry-Action: bump', 'Ferry-Env: dev', `Ferry-App: ${APP}`, `Ferry-Image: evil.example.org/miner:latest@${digest('6')}`))], [['c', 'edit', '2.0.0']]],
    ['Ferry trailers without a Ferry-Action (by hand): an edit', [version('d', kustomization(image('2.0.0')), trailers('Ferry-Env: dev', `Ferry-App: ${APP}`, `Ferry-Image: ${image('2.0.0')}`))], [['d', 'edit', '2.0.0']]],
    ['a Ferry commit of another environment or app: an edit', [version('e', kustomization(image('2.0.0')), trailers('Ferry-Action: bump', 'Ferry-Env: prod', `Ferry-App: ${APP}`, `Ferry-Image: ${image('2.0.0')}`))], [['e', 'edit', '2.0.0']]],
    ['another registry\'s image in the file: kept as it was (chooseTarget passes over it)', [version('f', kustomization(evil.image))], [['f', 'edit', evil.image]]],
    [
      'removed, unreadable, broken, or a tag alone: left out; the next older version is what the next newer replaced',
      [
        version('1', kustomization(image('3.0.0')), bump('3.0.0')), version('2', undefined), version('3', new ConfigurationError('not UTF-8')),
        version('4', 'images: [\n'), version('5', `images:\n  - name: ${APP}\n    newName: ${REG}/${APP}\n    newTag: 2.5.0\n`), version('6', kustomization(image('2.0.0')), bump('2.0.0')),
      ],
      [['1', 'bump', '3.0.0'], ['6', 'bump', '2.0.0']],
    ],
  ])('%s', async (_title, versions, expected) => {
    const app = (await parseConfig(FERRY_YAML)).apps[0]!;
    const timeline = pinTimeline(versions, 'dev', app, MANIFEST);
    const full = (v: string) => (v.includes('@') ? v : image(v));
    expect(timeline.map((p) => [p.commit[0], p.action, p.image])).toEqual(expected.map(([c, a, v]) => [c, a, full(v!)]));
    expect(timeline.map((p) => p.previousImage)).toEqual(expected.map((_e, i) => expected[i + 1] && full(expected[i + 1]![2]!)));
    expect(timeline.every((p) => p.env === 'dev' && p.app === APP)).toBe(true);
  });
});

describe('planRollback passes over what it must not pin', () => {
  const ferryYaml = `registry: ${REG}\nenvironments:\n  - name: dev\napps:\n  - name: ${APP}\n    image: ${APP}\n    manifest: "{env}/${APP}/kustomization.yaml"\n`;
  const manifest = (version: string) => `resources: [../../base/${APP}]\nimages:\n  - name: ${APP}\n    newName: ${REG}/${APP}\n    newTag: ${version}\n    digest: ${digest(version)}\n`;
  const snapshot = (files: Record<string, string>) => ({ commit: 'f'.repeat(40), readFile: async (path: string) => files[path] });

  test('a blocked image next in line: skipped and named, the one before it pinned', async () => {
    const files = { 'ferry.yaml': ferryYaml, [MANIFEST]: manifest('3.0.0'), 'blocked.yaml': `blocked:\n  - app: ${APP}\n    digest: ${digest('2.0.0')}\n    reason: leaks memory\n` };
    const planned = await planRollback(snapshot(files), [firstRollback, ...bumps], req());
    expect(planned.result).toMatchObject({ image: image('1.0.0'), previousImage: image('3.0.0') });
    expect(planned.result.skipped).toEqual([
      { image: image('4.0.0'), commit: bumps[0]!.commit, reason: 'rolled-back-from' },
      { image: image('2.0.0'), commit: bumps[2]!.commit, reason: 'blocked' },
    ]);
    expect(skippedLines(planned.result, APP_NOW)).toEqual([
      `skipped 4.0.0 (sha256:444444444444) (in place after ${bumps[0]!.commit.slice(0, 12)}): a rollback there moved away from it`,
      `skipped 2.0.0 (sha256:222222222222) (in place after ${bumps[2]!.commit.slice(0, 12)}): it is blocked for app "${APP}"`,
    ]);
  });

  test('a digest blocked for another app (or under a name since renamed) is never gone back to: passed over, and refused as --to', async () => {
    const files = { 'ferry.yaml': ferryYaml, [MANIFEST]: manifest('3.0.0'), 'blocked.yaml': `blocked:\n  - app: user-svc\n    digest: ${digest('2.0.0')}\n    reason: leaks memory\n    by: alice\n    at: 2026-11-20T10:00:00Z\n` };
    const planned = await planRollback(snapshot(files), bumps.slice(1), req());
    expect(planned.result.image).toBe(image('1.0.0'));
    expect(planned.result.skipped).toEqual([{ image: image('2.0.0'), commit: bumps[2]!.commit, reason: 'blocked', blockedFor: 'user-svc' }]);
    // The line that says so names the app whose entry blocks it, not this one.
    expect(skippedLines(planned.result, APP_NOW)).toEqual([`skipped 2.0.0 (sha256:${digest('2.0.0').slice(7, 19)}) (in place after ${bumps[2]!.commit.slice(0, 12)}): it is blocked for app "user-svc"`]);
    const to = planRollback(snapshot(files), bumps.slice(1), req({ to: digest('2.0.0') }));
    await expect(to).rejects.toThrow(RefusedError);
    await expect(to).rejects.toThrow(`refused: ${image('2.0.0')} is blocked for app "user-svc" (since 2026-11-20T10:00:00Z by alice): leaks memory; a blocked digest is refused for every app, "${APP}" too; \`ferry unblock --app user-svc\` allows it again`);
  });

  test('--block of a digest another app\'s entry blocks already: no second entry (that one covers it)', async () => {
    const blockedYaml = `blocked:\n  - app: user-worker\n    digest: ${digest('3.0.0')}\n    reason: crashloop\n`;
    const files = { 'ferry.yaml': ferryYaml, [MANIFEST]: manifest('3.0.0'), 'blocked.yaml': blockedYaml };
    const planned = await planRollback(snapshot(files), bumps.slice(1), req({ block: true, reason: 'slow', now: () => new Date('2026-11-24T00:00:00Z') }));
    expect(planned.result).toMatchObject({ image: image('2.0.0'), blocked: false });
    expect(planned.write && planned.files.map((f) => f.path)).toEqual([MANIFEST]);
  });

  test('another registry\'s image in place before: never pinned, the app\'s image before it is', async () => {
    const files = { 'ferry.yaml': ferryYaml, [MANIFEST]: manifest('4.0.0') };
    const planned = await planRollback(snapshot(files), [bumps[0]!, evil, ...bumps.slice(1)], req());
    expect(planned.result.image).toBe(image('3.0.0'));
    expect(planned.write && planned.files.map((f) => f.content).join('')).not.toContain('evil.example.org');
    expect(planned.result.skipped).toEqual([{ image: evil.image, commit: evil.commit, reason: 'not-app-image' }]);
  });
});

describe('pinMovedError: the pin is not the one the rollback expected (another writer, or --from)', () => {
  const C = (c: string) => c.repeat(40);
  const short = (version: string) => `${version} (sha256:${version[0]!.repeat(12)})`;
  // dev went 1.0.0 → 2.0.0 → 3.0.0 by bumps; a rollback from 3.0.0 to 2.0.0 was being written.
  const base: PinRecord[] = [
    { ...pin('bump', '3.0.0', '2.0.0'), requestedBy: 'ci' }, { ...pin('bump', '2.0.0', '1.0.0'), requestedBy: 'ci' }, pin('before', '1.0.0'),
  ];
  /** What another writer put in place first. */
  const bobsRollback: PinRecord = { ...pin('rollback', '2.0.0', '3.0.0'), commit: C('b'), date: '2026-11-24T10:00:00Z', requestedBy: 'bob', reason: '500s', blockedImage: image('3.0.0') };
  const fixBump: PinRecord = { ...pin('bump', '4.0.0', '3.0.0'), commit: C('f'), date: '2026-11-24T10:00:00Z', requestedBy: 'ci-pipeline' };
  const handEdit: PinRecord = { ...pin('edit', '1.0.0', '3.0.0'), commit: C('e'), date: '2026-11-24T10:00:00Z' };

  test.each<[string, Omit<PinMoved, 'app' | 'blocklist'> & { blocklist?: BlockedDigest[] }, string[]]>([
    [
      'two on-call engineers: the other\'s rollback landed first, the same one: done; a re-run would roll back from the known-good image and block it',
      { req: req({ block: true, reason: '500s' }), cause: 'moved', expected: image('3.0.0'), intended: image('2.0.0'), current: image('2.0.0'), history: [bobsRollback, ...base], blocklist: [blocked('3.0.0')] },
      [
        `${APP} in dev was pinned to ${short('2.0.0')} by another writer while this rollback from ${short('3.0.0')} to ${short('2.0.0')} was being written; nothing written.`,
        `${short('2.0.0')} was pinned by commit bbbbbbbbbbbb at 2026-11-24 10:00:00Z (ferry rollback requested by "bob", reason "500s", blocking ${short('3.0.0')}); it was itself the same rollback, from ${short('3.0.0')} to ${short('2.0.0')}: what this one was to do is done.`,
        `Run again as it was, ferry rollback would now roll back from ${short('2.0.0')} to ${short('1.0.0')} and block ${short('2.0.0')} (passing over ${short('3.0.0')}).`,
        `Look first: ferry status, and ferry history --env dev --app ${APP}. To go to a chosen image, give --to <image>; --from ${digest('2.0.0')} makes a rollback refuse unless ${short('2.0.0')} is still the one pinned.`,
      ],
    ],
    [
      'the other\'s rollback was the same, but without --block: the rollback is done, not the block, and ferry block does that',
      { req: req({ block: true, reason: '500s' }), cause: 'moved', expected: image('3.0.0'), intended: image('2.0.0'), current: image('2.0.0'), history: [{ ...bobsRollback, blockedImage: undefined } as PinRecord, ...base] },
      [
        `${APP} in dev was pinned to ${short('2.0.0')} by another writer while this rollback from ${short('3.0.0')} to ${short('2.0.0')} was being written; nothing written.`,
        `${short('2.0.0')} was pinned by commit bbbbbbbbbbbb at 2026-11-24 10:00:00Z (ferry rollback requested by "bob", reason "500s"); it was itself the same rollback, from ${short('3.0.0')} to ${short('2.0.0')}: the rollback this one was to make is done, not its block.`,
        `Run again as it was, ferry rollback would now roll back from ${short('2.0.0')} to ${short('1.0.0')} and block ${short('2.0.0')} (passing over ${short('3.0.0')}).`,
        `${short('3.0.0')} is not blocked: ferry block blocks it without a rollback.`,
      ],
    ],
    [
      'a pipeline bumped the fix meanwhile: a re-run would roll back from the fix to the bad release, and block the fix',
      { req: req({ block: true, reason: '500s' }), cause: 'moved', expected: image('3.0.0'), intended: image('2.0.0'), current: image('4.0.0'), history: [fixBump, ...base] },
      [
        `${APP} in dev was pinned to ${short('4.0.0')} by another writer while this rollback from ${short('3.0.0')} to ${short('2.0.0')} was being written; nothing written.`,
        `${short('4.0.0')} was pinned by commit ffffffffffff at 2026-11-24 10:00:00Z (ferry bump requested by "ci-pipeline").`,
        `Run again as it was, ferry rollback would now roll back from ${short('4.0.0')} to ${short('3.0.0')} (the very image this rollback was rolling back from) and block ${short('4.0.0')}.`,
        `${short('3.0.0')} is not blocked: ferry block blocks it without a rollback.`,
        `Look first: ferry status, and ferry history --env dev --app ${APP}. To go to a chosen image, give --to <image>; --from ${digest('4.0.0')} makes a rollback refuse unless ${short('4.0.0')} is still the one pinned.`,
      ],
    ],
    [
      'a hand edit put an older image back: no Ferry trailers say who; --to the image now pinned would be refused',
      { req: req({ to: image('1.0.0') }), cause: 'moved', expected: image('3.0.0'), intended: image('1.0.0'), current: image('1.0.0'), history: [handEdit, ...base] },
      [
        `${APP} in dev was pinned to ${short('1.0.0')} by another writer while this rollback from ${short('3.0.0')} to ${short('1.0.0')} was being written; nothing written.`,
        `${short('1.0.0')} was pinned by commit eeeeeeeeeeee at 2026-11-24 10:00:00Z (no Ferry trailers record this pin: a hand edit, a revert or a merge); that is the image this rollback was going to pin.`,
        `Run again as it was, ferry rollback would now be refused: to: "${image('1.0.0').slice(0, 79)}…" was never pinned for "${APP}" in "dev" on this branch's line of history (or is what is pinned now).`,
      ],
    ],
    [
      'a duplicate dispatch with --from: the first went through, and says so',
      { req: req({ from: digest('3.0.0'), reason: 'p99' }), cause: 'from', expected: digest('3.0.0'), current: image('2.0.0'), history: [{ ...bobsRollback, blockedImage: undefined } as PinRecord, ...base] },
      [
        `${APP} in dev pins ${short('2.0.0')}, not ${short('3.0.0')} as --from says; nothing written.`,
        `${short('2.0.0')} was pinned by commit bbbbbbbbbbbb at 2026-11-24 10:00:00Z (ferry rollback requested by "bob", reason "500s"); it was itself a rollback from ${short('3.0.0')}, the image --from names: that rollback has been made.`,
        `Run without --from, ferry rollback would now roll back from ${short('2.0.0')} to ${short('1.0.0')} (passing over ${short('3.0.0')}).`,
      ],
    ],
  ])('%s', (_title, moved, lines) => {
    const error = pinMovedError({ app: APP_NOW as never, blocklist: [], ...moved });
    expect(error).toBeInstanceOf(RefusedError);
    const got = error.message.split('\n');
    expect(got.slice(0, lines.length)).toEqual(lines);
    if (lines.length < 4) expect(got.at(-1)).toMatch(/^Look first: ferry status, and ferry history --env dev --app user-service\. To go to a chosen image, give --to <image>; --from sha256:[0-9a-f]{64} makes a rollback refuse unless /);
    expect(error.message).not.toMatch(/run ferry rollback again/i);
  });
});

describe('planRollback --from: the pin the user expects to roll back from', () => {
  const ferryYaml = `registry: ${REG}\nenvironments:\n  - name: dev\napps:\n  - name: ${APP}\n    image: ${APP}\n    manifest: "{env}/${APP}/kustomization.yaml"\n`;
  const files = { 'ferry.yaml': ferryYaml, [MANIFEST]: `resources: [../../base/${APP}]\nimages:\n  - name: ${APP}\n    newName: ${REG}/${APP}\n    newTag: 4.0.0\n    digest: ${digest('4.0.0')}\n` };
  const snapshot = { commit: 'f'.repeat(40), readFile: async (path: string) => files[path as keyof typeof files] };

  test.each([['its digest', digest('4.0.0')], ['its reference', image('4.0.0')]])('pinned there (%s): planned as without it', async (_title, from) => {
    const planned = await planRollback(snapshot, bumps, req({ from }));
    expect(planned.result).toMatchObject({ image: image('3.0.0'), previousImage: image('4.0.0') });
  });

  test('another pinned there: refused (exit 1), saying what is pinned, by whom, and what a rollback would do now', async () => {
    const plan = planRollback(snapshot, bumps, req({ from: digest('3.0.0') }));
    await expect(plan).rejects.toThrow(RefusedError);
    await expect(plan).rejects.toThrow(`${APP} in dev pins 4.0.0 (sha256:444444444444), not 3.0.0 (sha256:333333333333) as --from says; nothing written.\n4.0.0 (sha256:444444444444) was pinned by commit ${bumps[0]!.commit.slice(0, 12)}`);
    await expect(plan).rejects.toThrow('Run without --from, ferry rollback would now roll back from 4.0.0 (sha256:444444444444) to 3.0.0 (sha256:333333333333) (the very image --from names).\n');
  });

  test.each<[string, string, string]>([
    ['malformed', 'sha256:abc', 'from: the digest "sha256:abc" is malformed (it has 3 hex digits, not 64)'],
    ['without a digest', `${REG}/${APP}:4.0.0`, 'from: the reference has no digest'],
    ['another app\'s image', image('4.0.0', 'order-service'), `from: expected an image of app "${APP}" ("${REG}/${APP}"), found "${REG}/order-service"`],
  ])('--from %s: bad input (exit 2)', async (_title, from, message) => {
    const plan = planRollback(snapshot, bumps, req({ from }));
    await expect(plan).rejects.toThrow(ConfigurationError);
    await expect(plan).rejects.toThrow(message);
  });
});

describe('planRollback without --block warns when the next promotion brings the image back', () => {
  const ferryYaml = `registry: ${REG}\nenvironments:\n  - name: dev\n  - name: stage\n    promoteFrom: dev\napps:\n  - name: ${APP}\n    image: ${APP}\n    manifest: "{env}/${APP}/kustomization.yaml"\n`;
  const manifest = (version: string) => `resources: [../../base/${APP}]\nimages:\n  - name: ${APP}\n    newName: ${REG}/${APP}\n    newTag: ${version}\n    digest: ${digest(version)}\n`;
  const stage = `stage/${APP}/kustomization.yaml`;
  const snapshot = (files: Record<string, string>) => ({ commit: 'f'.repeat(40), readFile: async (path: string) => files[path] });
  const history = bumps.map((e) => ({ ...e, env: 'stage' }));
  const WARNING = `dev still pins 4.0.0 (sha256:444444444444), the image rolled back from: the next ferry promote from dev to stage (a scheduled auto-promote too) brings it back; --block blocks it (blocked.yaml) so that no promotion or bump pins it again until ferry unblock`;

  test.each<[string, Record<string, string>, Partial<RollbackRequest>, string | undefined]>([
    ['dev still pins the image rolled back from', { [`dev/${APP}/kustomization.yaml`]: manifest('4.0.0') }, {}, WARNING],
    ['the same digest under another tag in dev', { [`dev/${APP}/kustomization.yaml`]: manifest('4.0.0').replace('newTag: 4.0.0', 'newTag: latest') }, {}, WARNING],
    ['with --block: no promotion brings it back', { [`dev/${APP}/kustomization.yaml`]: manifest('4.0.0') }, { block: true, reason: 'x' }, undefined],
    ['already blocked', { [`dev/${APP}/kustomization.yaml`]: manifest('4.0.0'), 'blocked.yaml': `blocked:\n  - app: ${APP}\n    digest: ${digest('4.0.0')}\n    reason: x\n` }, {}, undefined],
    ['dev pins another image (a fix)', { [`dev/${APP}/kustomization.yaml`]: manifest('5.0.0') }, {}, undefined],
    ['dev has no manifest', {}, {}, undefined],
  ])('%s', async (_title, extra, request, warning) => {
    const planned = await planRollback(snapshot({ 'ferry.yaml': ferryYaml, [stage]: manifest('4.0.0'), ...extra }), history, { env: 'stage', app: APP, ...request });
    expect(planned.result.image).toBe(image('3.0.0'));
    expect(planned.result.warning).toBe(warning);
  });

  test('dev itself (no promoteFrom): no warning', async () => {
    const planned = await planRollback(snapshot({ 'ferry.yaml': ferryYaml, [MANIFEST]: manifest('4.0.0') }), bumps, req());
    expect(planned.result).not.toHaveProperty('warning');
  });
});

describe('planRollback --block: the diff is of both files it writes', () => {
  const ferryYaml = `registry: ${REG}\nenvironments:\n  - name: dev\napps:\n  - name: ${APP}\n    image: ${APP}\n    manifest: "{env}/${APP}/kustomization.yaml"\n`;
  const files = { 'ferry.yaml': ferryYaml, [MANIFEST]: `resources: [../../base/${APP}]\nimages:\n  - name: ${APP}\n    newName: ${REG}/${APP}\n    newTag: 4.0.0\n    digest: ${digest('4.0.0')}\n` };
  const snapshot = { commit: 'f'.repeat(40), readFile: async (path: string) => files[path as keyof typeof files] };

  test('the manifest\'s, then blocked.yaml\'s', async () => {
    const planned = await planRollback(snapshot, bumps, req({ block: true, reason: 'crash loop', now: () => new Date('2026-11-24T10:00:00Z') }));
    if (!planned.write) throw new Error('expected a write');
    const blocklist = planned.files.find((f) => f.path === 'blocked.yaml')!.content;
    expect(planned.result.diff).toBe(fileDiff(MANIFEST, files[MANIFEST], planned.files[0]!.content) + fileDiff('blocked.yaml', '', blocklist));
    expect(planned.result.diff).toContain(`+    digest: ${digest('4.0.0')}\n`);
  });
});

describe('pinTimeline: who asked and why, when the trailers record the pin', () => {
  test('requested-by, reason and the blocked image of a Ferry rollback; nothing from trailers that do not record the pin', async () => {
    const FERRY_YAML = `registry: ${REG}\nenvironments:\n  - name: dev\napps:\n  - name: ${APP}\n    image: ${APP}\n    manifest: "{env}/${APP}/kustomization.yaml"\n`;
    const app = (await parseConfig(FERRY_YAML)).apps[0]!;
    const text = (version: string) => `images:\n  - name: ${APP}\n    newName: ${REG}/${APP}\n    newTag: ${version}\n    digest: ${digest(version)}\n`;
    const rollback = trailerList(`subject\n\nFerry-Action: rollback\nFerry-Env: dev\nFerry-App: ${APP}\nFerry-Image: ${image('2.0.0')}\nFerry-Blocked: ${image('3.0.0')}\nFerry-Reason: 500s\nFerry-Requested-By: bob\n`);
    const forged = trailerList(`subject\n\nFerry-Action: bump\nFerry-Env: dev\nFerry-App: ${APP}\nFerry-Image: ${image('9.0.0')}\nFerry-Requested-By: mallory\n`);
    const timeline = pinTimeline([
      { commit: 'b'.repeat(40), date: '2026-11-24T10:00:00Z', trailers: rollback, text: text('2.0.0') },
      { commit: 'a'.repeat(40), date: '2026-11-23T10:00:00Z', trailers: forged, text: text('3.0.0') },
    ], 'dev', app, MANIFEST);
    expect(timeline[0]).toMatchObject({ action: 'rollback', requestedBy: 'bob', reason: '500s', blockedImage: image('3.0.0') });
    expect(timeline[1]).toEqual({ commit: 'a'.repeat(40), date: '2026-11-23T10:00:00Z', action: 'edit', env: 'dev', app: APP, image: image('3.0.0') });
  });
});

describe('pinTimeline and --to on a manifest apps share: only the commits that changed this app\'s pin pinned it', () => {
  const FERRY_YAML = `registry: ${REG}\nenvironments:\n  - name: dev\napps:\n  - name: ${APP}\n    image: ${APP}\n    manifest: "{env}/shared/kustomization.yaml"\n  - name: web\n    image: web\n    manifest: "{env}/shared/kustomization.yaml"\n`;
  const PATH = 'dev/shared/kustomization.yaml';
  const text = (app: string, web: string) => `images:\n  - name: ${APP}\n    newName: ${REG}/${APP}\n    newTag: ${app}\n    digest: ${digest(app)}\n  - name: web\n    newName: ${REG}/web\n    newTag: ${web}\n    digest: ${digest(web)}\n`;
  const trailers = (...lines: string[]) => trailerList(`subject\n\n${lines.join('\n')}\n`);
  const bump = (app: string, version: string) => trailers('Ferry-Action: bump', 'Ferry-Env: dev', `Ferry-App: ${app}`, `Ferry-Image: ${image(version, app)}`);
  // (Commit ids that share their first 7 hex digits: abcdef1…)
  const version = (commit: string, body: string, t = trailers()): ManifestVersion => ({ commit: `abcdef1${commit}`.padEnd(40, '0'), date: '2026-11-10T10:00:00Z', trailers: t, text: body });
  const versions = [
    version('4', text('3.0.0', '5.0.0'), bump(APP, '3.0.0')),
    version('3', text('2.0.0', '5.0.0')), // web's pin by hand
    version('2', text('2.0.0', '4.0.0'), bump('web', '4.0.0')),
    version('1', text('2.0.0', '1.0.0'), bump(APP, '2.0.0')),
    version('0', text('1.0.0', '1.0.0'), trailers('Ferry-Action: init')),
  ];
  const timeline = async () => pinTimeline(versions, 'dev', (await parseConfig(FERRY_YAML)).apps[0]!, PATH);

  test('the commits that left the pin as it was are marked with what they did; the template\'s pin is init', async () => {
    expect((await timeline()).map((p) => [p.commit.slice(7, 8), p.action, p.otherChange])).toEqual([
      ['4', 'bump', undefined],
      ['3', 'edit', 'a change no Ferry trailers record (a hand edit, a revert or a merge)'],
      ['2', 'edit', `a ferry bump of "web" 4.0.0 (sha256:444444444444) in "dev"`],
      ['1', 'bump', undefined],
      ['0', 'init', undefined],
    ]);
  });

  test('a Ferry-Action of init on a later version is no init (ferry init makes the first commit)', async () => {
    const app = (await parseConfig(FERRY_YAML)).apps[0]!;
    const later = pinTimeline([version('9', text('9.0.0', '1.0.0'), trailers('Ferry-Action: init')), ...versions.slice(3)], 'dev', app, PATH);
    expect(later.map((p) => p.action)).toEqual(['edit', 'bump', 'init']);
  });

  test.each<[string, Partial<RollbackRequest>, string, string]>([
    ['--steps 1: the commit that pinned the image, not the later ones that left it', {}, '1', '2.0.0'],
    ['--to its tag', { to: '2.0.0' }, '1', '2.0.0'],
    ['--to an abbreviation that only one commit that pinned it has', { to: 'abcdef11' }, '1', '2.0.0'],
    ['--to the template\'s pin by its commit', { to: 'abcdef10' }, '0', '1.0.0'],
  ])('%s', async (_title, extra, commit, expected) => {
    const { target } = chooseTarget(await timeline(), digest('3.0.0'), req(extra));
    expect([target.commit.slice(7, 8), target.image]).toEqual([commit, image(expected)]);
  });

  test.each<[string, string]>([
    ['abcdef12', `to: "abcdef12" names commit abcdef120000, a ferry bump of "web" 4.0.0 (sha256:444444444444) in "dev", which changed the manifest of "${APP}" in "dev" but not its pin: it left 2.0.0 (sha256:222222222222) in place, pinned by commit abcdef110000; --to takes the id of a commit that pinned an image of "${APP}" in "dev"`],
    ['abcdef1', `to: "abcdef1" abbreviates 3 commits that pinned "${APP}" in "dev": 3.0.0 (sha256:333333333333), pinned by commit abcdef140000; 2.0.0 (sha256:222222222222), pinned by commit abcdef110000; 1.0.0 (sha256:111111111111), pinned by commit abcdef100000;`],
  ])('--to %s is refused', async (to, message) => {
    const call = async () => chooseTarget(await timeline(), digest('3.0.0'), req({ to }));
    await expect(call()).rejects.toThrow(ConfigurationError);
    await expect(call()).rejects.toThrow(message);
  });
});

describe('pinTimeline: a digest-only pin recorded with a tag (older Ferry): --to that tag', () => {
  test('the tag of the Ferry-Image that records the very pin; not a tag recorded with another digest', async () => {
    const FERRY_YAML = `registry: ${REG}\nenvironments:\n  - name: dev\napps:\n  - name: ${APP}\n    image: ${APP}\n    manifest: "{env}/chart/values.yaml"\n    helm: { digest: image.digest }\n`;
    const app = (await parseConfig(FERRY_YAML)).apps[0]!;
    const values = (version: string) => `image:\n  digest: ${digest(version)}\n`;
    const recorded = (version: string, d = digest(version)) => trailerList(`subject\n\nFerry-Action: bump\nFerry-Env: dev\nFerry-App: ${APP}\nFerry-Image: ${REG}/${APP}:${version}@${d}\n`);
    const timeline = pinTimeline([
      { commit: 'c'.repeat(40), date: '2026-11-24T10:00:00Z', trailers: recorded('3.0.0'), text: values('3.0.0') },
      { commit: 'b'.repeat(40), date: '2026-11-23T10:00:00Z', trailers: recorded('2.0.0'), text: values('2.0.0') },
      { commit: 'a'.repeat(40), date: '2026-11-22T10:00:00Z', trailers: recorded('1.0.0', digest('9.0.0')), text: values('1.0.0') },
    ], 'dev', app, 'dev/chart/values.yaml');
    expect(timeline.map((p) => p.recordedTag)).toEqual(['3.0.0', '2.0.0', undefined]);
    const untagged = (version: string) => `${REG}/${APP}@${digest(version)}`;
    expect(chooseTarget(timeline, digest('3.0.0'), req({ to: '2.0.0' })).target).toMatchObject({ commit: 'b'.repeat(40), image: untagged('2.0.0') });
    expect(chooseTarget(timeline, digest('3.0.0'), req({ to: image('2.0.0') })).target).toMatchObject({ commit: 'b'.repeat(40) });
    expect(() => chooseTarget(timeline, digest('3.0.0'), req({ to: '1.0.0' }))).toThrow('"1.0.0" is no tag an image of');
  });
});

describe('targetGoneError: the image a rollback planned to go back to, checked again at the head a retry plans from', () => {
  const short = (version: string) => `${version} (sha256:${version[0]!.repeat(12)})`;
  // A rollback from 4.0.0 to 3.0.0 (bumps) was being written; another writer landed first.
  const seen = { image: image('3.0.0'), digest: digest('3.0.0'), previousImage: image('4.0.0') };
  // Another writer rolled back past it, to 1.0.0, then bumped 4.0.0 again: 3.0.0 was rolled back from.
  const rolledPast = [pin('bump', '4.0.0', '1.0.0'), pin('rollback', '1.0.0', '4.0.0'), ...bumps];
  const gone = (history: PinEvent[], extra: Partial<RollbackRequest> = {}, more: { app?: typeof APP_NOW; moved?: { from: string; to: string } } = {}) =>
    targetGoneError({ req: req(extra), app: (more.app ?? APP_NOW) as never, seen, history, blocklist: [], ...(more.moved ? { moved: more.moved } : {}) });

  test('nothing new there: none', () => {
    expect(gone(bumps)).toBeUndefined();
  });

  test('moved away from there meanwhile, by a rollback back past it to an image newer in the history (--steps stops before it): refused, saying so and what --steps does now', () => {
    const error = gone(rolledPast);
    expect(error).toBeInstanceOf(RefusedError);
    expect(error!.message.split('\n').slice(0, 2)).toEqual([
      `${APP} in dev: ${short('3.0.0')}, the image this rollback from ${short('4.0.0')} was going back to, is passed over now: a rollback there moved away from it; nothing written.`,
      `Run again as it was (--steps 1), ferry rollback would now roll back from ${short('4.0.0')} to ${short('1.0.0')}.`,
    ]);
  });

  test('the branch rewritten so that its pin is not in the history now (a force push): refused with --steps and --to alike, saying so and what a run does now', () => {
    // 4.0.0 pinned by hand over 2.0.0: 3.0.0, the image planned, was never in place on this line.
    const rewritten = [pin('edit', '4.0.0'), pin('bump', '2.0.0', '1.0.0'), pin('before', '1.0.0')];
    expect(gone(rewritten)!.message.split('\n').slice(0, 2)).toEqual([
      `${APP} in dev: ${short('3.0.0')}, the image this rollback from ${short('4.0.0')} was going back to, is not in the history now; nothing written.`,
      `Run again as it was (--steps 1), ferry rollback would now roll back from ${short('4.0.0')} to ${short('2.0.0')}.`,
    ]);
    expect(gone(rewritten, { to: digest('3.0.0') })!.message.split('\n')[0]).toBe(
      `${APP} in dev: ${short('3.0.0')}, the image this rollback from ${short('4.0.0')} was going back to, is not in the history now; nothing written.`,
    );
  });

  test('--to names it: a deliberate choice may name an image moved away from: none', () => {
    expect(gone(rolledPast, { to: digest('3.0.0') })).toBeUndefined();
  });

  test('ferry.yaml names another registry for the app now: refused, it is not the app\'s image', () => {
    const moved = { ...APP_NOW, registry: '210987654321.dkr.ecr.eu-west-1.amazonaws.com' };
    expect(gone(bumps, {}, { app: moved })!.message.split('\n')[0]).toBe(
      `${APP} in dev: ${short('3.0.0')}, the image this rollback from ${short('4.0.0')} was going back to, is passed over now: it is not an image of app "${APP}" ("210987654321.dkr.ecr.eu-west-1.amazonaws.com/${APP}") as ferry.yaml names it now; nothing written.`,
    );
  });

  test('ferry.yaml moved the manifest: said, with what the history of the file it names now gives', () => {
    const moved = { from: MANIFEST, to: `dev/moved/${APP}.yaml` };
    expect(gone([pin('edit', '4.0.0')], {}, { moved })!.message.split('\n').slice(0, 3)).toEqual([
      `${APP} in dev: ${short('3.0.0')}, the image this rollback from ${short('4.0.0')} was going back to, is not the image it would go back to now; nothing written.`,
      `ferry.yaml names "dev/moved/${APP}.yaml" as its manifest now, not "${MANIFEST}" as when this rollback was planned; what was in place there is read from the history of "dev/moved/${APP}.yaml".`,
      `Run again as it was (--steps 1), ferry rollback would now be refused: "${APP}" in "dev" has no earlier image in its history to roll back to.`,
    ]);
  });
});

describe('handPinsOf: the pins of an image its environment had only by hand', () => {
  test.each<[string, PinEvent[], string, number]>([
    ['two hand edits (3.0.0, then 4.0.0) over a bump: the one that pinned 3.0.0', [pin('edit', '4.0.0', '3.0.0'), pin('edit', '3.0.0', '2.0.0'), pin('bump', '2.0.0', '1.0.0')], '3.0.0', 1],
    ['a hand edit a bump replaced: the edit', [pin('bump', '4.0.0', '3.0.0'), pin('edit', '3.0.0', '2.0.0'), pin('bump', '2.0.0')], '3.0.0', 1],
    ['pinned by hand, and by a Ferry bump as well: none', [pin('edit', '3.0.0', '4.0.0'), pin('bump', '4.0.0', '3.0.0'), pin('bump', '3.0.0', '2.0.0'), pin('bump', '2.0.0')], '3.0.0', 0],
    ['ferry init\'s pin: none', [pin('bump', '2.0.0', '1.0.0'), pin('init', '1.0.0')], '1.0.0', 0],
    ['the manifest\'s first version there (a pin moved or copied there): none', [pin('bump', '2.0.0', '1.0.0'), pin('edit', '1.0.0')], '1.0.0', 0],
  ])('%s', (_, history, version, count) => {
    const found = handPinsOf(history, digest(version));
    expect(found.map((e) => e.action)).toEqual(Array(count).fill('edit'));
    for (const e of found) expect(e.image).toBe(image(version));
  });
});
