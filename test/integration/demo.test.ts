// `npm run demo`'s script, end to end: every step as expected, and nothing left behind.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/demo.sh', import.meta.url));
let temp: string;

afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

test('scripts/demo.sh runs every step and removes its temp dir', async () => {
  temp = await mkdtemp(join(tmpdir(), 'ferry-demo-test-'));
  const run = spawnSync('bash', [script], { env: { ...process.env, TMPDIR: temp }, encoding: 'utf8', timeout: 60_000 });
  expect(run.status, run.stderr + run.stdout.slice(-2000)).toBe(0);
  for (const line of [
    /== 1\. ferry init --bare/,
    /^valid: ferry\.yaml and 6 pinned manifests/m,
    /^skipped: user-service in dev already pins/m,
    /^ {2}soak {6}fail {2}\d+s<30m$/m,
    /^ {2}approvals fail {2}0\/1$/m,
    /^ {4}Ferry-Approved-By: bob$/m,
    /^rolled back order-service in prod$/m,
    /ferry bump: refused: .*order-service:2\.0\.0@sha256:[0-9a-f]{64} is blocked for app "order-service"/,
    /^promote from stage +order-service +2\.0\.0/m,
    /\| prod \| user-service \| unrecorded-change \| prod\/user-service\/kustomization\.yaml changed in a commit without Ferry trailers/,
    /^ferry analyze: success-rate: 1 measurement to take, the first now$/m,
    /^ferry analyze: success-rate: measurement 1 of 1 Failed 0\.912$/m,
    /^ {2}analysis {2}fail {2}success-rate: success-rate Failed 1\/1 1 failed last 0\.912$/m,
    /^ {4}Ferry-Gate: blocked=pass\(no digest is blocked\) soak=pass\(1h\d*s?>=30m\) analysis=pass\(success-rate: success-rate Successful 1\/1 last 0\.9987\)$/m,
    /^results: {10}10 succeeded$/m,
    /^demo done: all steps as expected/m,
  ]) expect(run.stdout.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ {2}/gm, '')).toMatch(line);
  // No analysis says it took measurement 0 before it has measured anything.
  expect(run.stdout).not.toMatch(/measurement 0 of/);
  // Every ferry command shown is followed by its exit code, the backdated ones too.
  const lines = run.stdout.split('\n');
  const shown = lines.flatMap((line, i) => (/^\$ (GIT_COMMITTER_DATE=\S+ )?ferry /.test(line) ? [i] : []));
  expect(shown.length).toBeGreaterThan(20);
  for (const i of shown) {
    const next = lines.findIndex((line, j) => j > i && (/^\(exit \d+\)$/.test(line) || /^\$ |^== \d+\./.test(line)));
    expect(lines[next], `after ${lines[i]}`).toMatch(/^\(exit \d+\)$/);
  }
  // The analysis is of the version dev runs, and says it is expected to fail, and why.
  const pinned = run.stdout.indexOf('pinned user-service in dev: 1.4.0');
  expect(pinned).toBeGreaterThan(-1);
  expect(pinned).toBeLessThan(run.stdout.indexOf('$ ferry analyze '));
  expect(run.stdout).toMatch(/^== \d+\. ferry analyze\n.*It is expected to fail \(exit 1\): 1\.4\.0 answers 91\.2% of requests/m);
  expect(await readdir(temp)).toEqual([]);
}, 90_000);
