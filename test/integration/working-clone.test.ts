// A --repo that is a working clone of the env repo (`git clone $R clone`, not bare, with an
// origin): Ferry reads and writes the clone's branch, which knows nothing of what landed in the env
// repo since. Status showed the old pins and promote found nothing to do, both without a word, and
// a bump failed with git's twenty lines of advice on receive.denyCurrentBranch. Each command now
// warns, naming the remote to give instead; the refused push is one line with that hint. A local
// non-bare repository with no remote may be an env repo of its own: no warning.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ferry } from '../support/ferry-cli.js';
import { ferryOk, initTemplateRepo, templateImage } from '../support/template-repo.js';

let root: string;
let env: string;
let clone: string;
let own: string;

const git = (args: string[]) => execFileSync('git', args, { env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } }).toString();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-working-clone-'));
  env = await initTemplateRepo(join(root, 'env.git'));
  await ferryOk(['bump', '--repo', env, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.0.5')]);
  clone = join(root, 'clone');
  git(['clone', '--quiet', env, clone]);
  // More lands in the env repo after the clone was made.
  await ferryOk(['bump', '--repo', env, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.1.0')]);
  // A non-bare repository of its own (no remote): a legitimate env repo to read.
  own = join(root, 'own');
  git(['clone', '--quiet', env, own]);
  git(['-C', own, 'remote', 'remove', 'origin']);
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const warning = () => `file://${clone} is a working clone (not bare) of ${env}: Ferry reads and writes this clone's branch main, not its remote's, which may have moved on; to work on the env repo itself, name it: --repo ${env}`;

test.each([
  ['status', ['status']],
  ['audit', ['audit']],
  ['validate', ['validate']],
  ['promote', ['promote', '--from', 'dev', '--to', 'stage', '--all', '--dry-run']],
])('%s on a working clone: a warning on stderr naming its remote', async (_name, args) => {
  const r = await ferry([...args, '--repo', clone]);
  expect(r.stderr).toContain(warning());
  expect(r.stderr.match(/working clone/g)).toHaveLength(1);
}, 30_000);

test.each([
  ['history', ['history']],
  ['bump --dry-run', ['bump', '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.2.0'), '--dry-run']],
  ['rollback --dry-run', ['rollback', '--env', 'dev', '--app', 'user-service', '--dry-run']],
])('%s --json on a working clone: the warning in `warning`, and on stderr', async (_name, args) => {
  const r = await ferry([...args, '--repo', clone, '--json']);
  expect(r.stderr).toContain(warning());
  const out = JSON.parse(r.stdout) as { warning?: string; status?: string };
  expect(out.warning).toContain(warning());
}, 30_000);

test('bump into the checked-out branch of a working clone: one line with the hint, exit 1, nothing written', async () => {
  const before = git(['-C', clone, 'rev-parse', 'main']);
  const r = await ferry(['bump', '--repo', clone, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.3.0')]);
  expect(r.code).toBe(1);
  // (The warning too: held for the result, it is printed when the command fails.)
  expect(r.stderr).toBe(`ferry: warning: ${warning()}\nferry bump: push to file://${clone} (branch main) refused: main is checked out in that repository (not bare), and git does not update a checked-out branch; nothing was written: it is a working clone of ${env}, and Ferry writes the branch of the repository --repo names, not its remote's: name that one instead (--repo ${env})\n`);
  expect(r.stdout).toBe('');
  expect(git(['-C', clone, 'rev-parse', 'main'])).toBe(before);
}, 30_000);

test('a non-bare repository with no remote: no warning; a bump into its checked-out branch says to name a bare one', async () => {
  const status = await ferry(['status', '--repo', own]);
  expect(status.code, status.stderr).toBe(0);
  expect(status.stderr).toBe('');
  const r = await ferry(['bump', '--repo', own, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.3.0')]);
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(`ferry bump: push to file://${own} (branch main) refused: main is checked out in that repository (not bare), and git does not update a checked-out branch; nothing was written: name a bare repository (git clone --bare, or ferry init --bare), or check out another branch in it\n`);
}, 30_000);

test('the env repo itself (bare): no warning', async () => {
  const r = await ferry(['status', '--repo', env]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
}, 30_000);

test.each([
  ['bump', ['bump', '--env', 'dev', '--app', 'user-servic', '--image', templateImage('user-service', '1.2.0'), '--dry-run']],
  ['rollback', ['rollback', '--env', 'dev', '--app', 'user-service', '--to', '9.9.9', '--dry-run']],
  ['history', ['history', '--app', 'nope']],
])('%s failing on a working clone: the warning still on stderr (a stale clone is most likely why)', async (_name, args) => {
  const r = await ferry([...args, '--repo', clone]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`ferry: warning: ${warning()}\n`);
}, 30_000);

test('a repository with a remote its branch does not track (a backup of an env repo of its own): no warning', async () => {
  const backedUp = join(root, 'backed-up');
  git(['clone', '--quiet', env, backedUp]);
  git(['-C', backedUp, 'remote', 'remove', 'origin']);
  git(['-C', backedUp, 'remote', 'add', 'backup', join(root, 'no-such-backup.git')]);
  const r = await ferry(['status', '--repo', backedUp]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
}, 30_000);

test('a working clone named by its .git: warned of by writers as by readers, and the refused push names the remote', async () => {
  const dotGit = join(clone, '.git');
  const url = `file://${dotGit} is a working clone (not bare) of ${env}`;
  const status = await ferry(['status', '--repo', dotGit]);
  expect(status.stderr).toContain(url);
  const r = await ferry(['bump', '--repo', dotGit, '--env', 'dev', '--app', 'user-service', '--image', templateImage('user-service', '1.3.0')]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(url);
  expect(r.stderr).toContain(`nothing was written: it is a working clone of ${env}`);
}, 30_000);

test.each([
  ['status', ['status'], 0],
  ['history failing (the warning held for the result)', ['history', '--app', 'nope'], 2],
])('%s: a remote URL with escape sequences in the clone\'s config is shown written out, not sent to the terminal', async (name, args, code) => {
  const escaped = join(root, `escaped-${name.split(' ')[0]}`);
  git(['clone', '--quiet', env, escaped]);
  git(['-C', escaped, 'config', 'remote.origin.url', 'https://u:p@x.invalid/\u001b[31mRED\u001b[0m\r\u001b]0;title\u0007/x.git']);
  const r = await ferry([...args, '--repo', escaped]);
  expect(r.code, r.stderr).toBe(code);
  const remote = 'https://***@x.invalid/\\u001b[31mRED\\u001b[0m\\u000d\\u001b]0;title\\u0007/x.git';
  expect(r.stderr).toContain(`ferry: warning: file://${escaped} is a working clone (not bare) of ${remote}: Ferry reads and writes this clone's branch main, not its remote's, which may have moved on; to work on the env repo itself, name it: --repo ${remote}\n`);
  // eslint-disable-next-line no-control-regex -- no control character but the line breaks is the point
  expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
}, 30_000);
