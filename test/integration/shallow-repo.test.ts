// A shallow clone given as --repo (`git clone --depth`, actions/checkout's default fetch-depth of
// 1): its history stops short. A command that reads the history would read it wrong (audit called
// the commit at the cut a hand edit of every manifest; status dated every older pin there), and a
// partial clone of it never ended: each object git fetched on demand needed another fetch,
// thousands of processes a minute. Such a command now refuses it, naming the fix, having run
// hardly any git; a command that needs no history (bump, validate) works on it as on any other.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ferry } from '../support/ferry-cli.js';
import { ferryOk, initTemplateRepo, templateImage } from '../support/template-repo.js';

let root: string;
let full: string;
let shallow: string;
let traces = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-shallow-'));
  full = await initTemplateRepo(join(root, 'env.git'));
  for (const tag of ['1.1.0', '1.2.0', '1.3.0']) await ferryOk(['bump', '--repo', full, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', tag)]);
  shallow = join(root, 'shallow.git');
  execFileSync('git', ['clone', '--quiet', '--bare', '--no-local', '--depth', '2', `file://${full}`, shallow]);
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** bin/ferry with git's trace: its result, and how many git processes ran. */
async function traced(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; gits: number }> {
  const trace = join(root, `trace-${++traces}.json`);
  const r = await ferry(args, { env: { GIT_TRACE2_EVENT: trace } });
  const text = await readFile(trace, 'utf8').catch(() => '');
  return { ...r, gits: text.split('\n').filter((line) => line.includes('"event":"start"')).length };
}

test.each([
  ['status', ['status', '--repo', '<shallow>']],
  ['history', ['history', '--repo', '<shallow>']],
  ['audit', ['audit', '--repo', '<shallow>']],
  ['promote', ['promote', '--repo', '<shallow>', '--from', 'dev', '--to', 'stage', '--all', '--dry-run']],
  ['rollback', ['rollback', '--repo', '<shallow>', '--env', 'dev', '--app', 'user-service', '--dry-run']],
  ['promote, the repository as a file:// URL', ['promote', '--repo', 'file://<shallow>', '--from', 'dev', '--to', 'stage', '--all', '--dry-run']],
])('%s: refused (exit 2), naming the repository and the fix, after a git or two', async (_name, args) => {
  const r = await traced(args.map((a) => a.replace('<shallow>', shallow)));
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain(`repo: file://${shallow} is a shallow clone`);
  expect(r.stderr).toContain(`git -C ${JSON.stringify(shallow)} fetch --unshallow`);
  expect(r.stdout).toBe('');
  expect(r.gits).toBeLessThanOrEqual(3);
}, 30_000);

test('the same commands on the repository it was cloned from: as usual', async () => {
  for (const args of [['status', '--repo', full], ['audit', '--repo', full], ['rollback', '--repo', full, '--env', 'dev', '--app', 'user-service', '--dry-run']]) {
    const r = await ferry(args);
    expect(r.code, `${args[0]}: ${r.stderr}`).toBe(0);
  }
});

test('bump and validate read no history: they work on the shallow clone', async () => {
  const bumped = await traced(['bump', '--repo', shallow, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '2.0.0'), '--json']);
  expect(bumped.code, bumped.stderr).toBe(0);
  expect(JSON.parse(bumped.stdout)).toMatchObject({ status: 'succeeded', image: templateImage('user-service', '2.0.0') });
  expect(bumped.gits).toBeLessThan(40);
  const valid = await ferry(['validate', '--repo', shallow]);
  expect(valid.code, valid.stderr).toBe(0);
});
