// ferry rollback's choices, without git: which earlier image a rollback goes back to (never forward
// to a release a rollback moved away from), and which --to it refuses before looking at history.
import { describe, expect, test } from 'vitest';
import { ConfigurationError } from '../../actions/src/core/errors.js';
import { checkRollbackRequest, chooseTarget, planRollback, type PinEvent, type RollbackRequest } from '../../actions/src/core/rollback.js';

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
    ['--to names an image rolled back from: a deliberate choice, allowed', [firstRollback, ...bumps], '3.0.0', { to: digest('4.0.0') }, '4.0.0'],
    ['--to an image reference', [firstRollback, ...bumps], '3.0.0', { to: image('1.0.0') }, '1.0.0'],
  ])('%s', (_title, history, current, extra, expected) => {
    expect(chooseTarget(history, digest(current), req(extra)).image).toBe(image(expected));
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

describe('checkRollbackRequest --to', () => {
  const hex = 'a'.repeat(64);
  test.each<[string, string]>([
    ['sha256:ABC', 'to: the digest "sha256:ABC" is malformed (it has 3 hex digits, not 64); expected sha256: followed by 64 lowercase hex digits, or an image reference with one'],
    ['sha256:', 'to: the digest "sha256:" is malformed (it has 0 hex digits, not 64)'],
    [`sha256:${hex.toUpperCase()}`, 'is malformed (the hex digits must be lowercase)'],
    [`sha256:${'g'.repeat(64)}`, `is malformed ("${'g'.repeat(64)}" is not all hex digits)`],
    [`SHA256:${hex}`, 'is malformed (the algorithm is written \'sha256\', in lowercase)'],
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
    [MANIFEST]: `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n  - name: ${APP}\n    newName: ${REG}/${APP}\n    newTag: 3.0.0\n    digest: ${digest('3.0.0')}\n`,
  };
  const snapshot = { commit: 'f'.repeat(40), readFile: async (path: string) => files[path] };
  const history = [firstRollback, ...bumps];

  test('a second rollback pins 2.0.0, the image before the one rolled back to', async () => {
    const planned = await planRollback(snapshot, history, req({ reason: 'still slow' }));
    expect(planned.result).toMatchObject({ image: image('2.0.0'), previousImage: image('3.0.0'), from: bumps[2] });
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
