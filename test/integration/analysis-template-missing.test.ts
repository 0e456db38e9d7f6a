// An analysis template that ferry.yaml names but analysis/ does not have (a misspelt name) was
// reported as `analysis/http-latency-p99.yaml: no analysis template …`: at a file that is not
// there, not where the mistake is, and without the templates there are. Validate (a branch, a
// worktree) and promote now report it at ferry.yaml's line, column and field, listing analysis/.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ferry } from '../support/ferry-cli.js';
import { commitByHand } from '../support/hand-commit.js';
import { ferryOk, hoursAgo, initTemplateRepo, templateImage } from '../support/template-repo.js';

let root: string;
let repo: string;
let worktree: string;

const PROBLEM = 'ferry.yaml:22:37: environments[2].gates.analysis[1]: no analysis template "http-latency-p99": expected analysis/http-latency-p99.yaml (or .yml) in the environment repository; the templates in analysis/: http-latency-p95, http-success-rate, image-running';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-template-missing-'));
  repo = await initTemplateRepo(join(root, 'env.git'));
  const config = (await readFile(new URL('../../environments/ferry.yaml', import.meta.url), 'utf8'))
    .replace('registry: 123', 'prometheus:\n  address: http://127.0.0.1:9\nregistry: 123')
    .replace('      approvals: 1     # and one person other than the requester approved\n', '$&      analysis: [http-success-rate, http-latency-p99]\n');
  expect(config.split('\n')[21]).toBe('      analysis: [http-success-rate, http-latency-p99]');
  await commitByHand(repo, { 'ferry.yaml': config }, 'prod: analysis gates');
  // Something for stage -> prod to promote.
  await ferryOk(['bump', '--repo', repo, '--env', 'stage', '--app', 'user-service', '--image', templateImage('user-service', '1.1.0')], hoursAgo(5));
  worktree = join(root, 'wt');
  execFileSync('git', ['clone', '--quiet', repo, worktree]);
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

test('validate --repo: at the name in ferry.yaml, with the templates there', async () => {
  const r = await ferry(['validate', '--repo', repo]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`\n  ${PROBLEM}\n`);
  expect(r.stderr).not.toContain('analysis/http-latency-p99.yaml:');
});

test('validate --worktree: the same', async () => {
  const r = await ferry(['validate', '--worktree', worktree]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`\n  ${PROBLEM}\n`);
});

test('promote: the same, exit 2, nothing written', async () => {
  const head = execFileSync('git', ['-C', repo, 'rev-parse', 'main']).toString();
  const r = await ferry(['promote', '--repo', repo, '--from', 'stage', '--to', 'prod', '--all', '--requested-by', 'alice', '--approved-by', 'bob', '--json']);
  expect(execFileSync('git', ['-C', repo, 'rev-parse', 'main']).toString()).toBe(head);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(`ferry promote: error: ${PROBLEM}\n`);
  expect(JSON.parse(r.stdout).error.problems).toEqual([{ file: 'ferry.yaml', line: 22, column: 37, field: 'environments[2].gates.analysis[1]', message: PROBLEM.replace(/^.*?: .*?: /, '') }]);
});
