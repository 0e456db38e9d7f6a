// --json with a --format other than json asks for two outputs at once: `ferry audit --format md
// --json` and `ferry analyze … --format md --json` printed JSON without a word. Now exit 2, naming
// both options, before anything is read; --json with --format json (the same thing) is taken.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ferry } from '../support/ferry-cli.js';
import { initTemplateRepo } from '../support/template-repo.js';

let root: string;
let repo: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-cli-format-'));
  repo = await initTemplateRepo(join(root, 'env.git'));
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

test.each([
  ['audit', ['audit', '--repo', '<repo>', '--format', 'md', '--json'], 'md'],
  ['audit, --json first', ['audit', '--json', '--repo', '<repo>', '--format', 'md'], 'md'],
  ['analyze', ['analyze', '--template', '<repo>/analysis/http-success-rate.yaml', '--format', 'md', '--json'], 'md'],
  ['analyze, text', ['analyze', '--template', '<repo>/analysis/http-success-rate.yaml', '--format', 'text', '--json'], 'text'],
])('%s: --json with another --format is exit 2, naming both', async (_name, args, format) => {
  const r = await ferry(args.map((a) => a.replace('<repo>', repo)));
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(`ferry ${args[0]}: error: --format: "${format}" and --json ask for two formats: give --format ${format}, or --json (the same as --format json), not both\n`);
  expect(JSON.parse(r.stdout)).toMatchObject({ status: 'failed', error: { kind: 'configuration' } });
});

test('audit --format json --json: the same format twice, taken', async () => {
  const r = await ferry(['audit', '--repo', repo, '--format', 'json', '--json']);
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout)).toHaveProperty('violations');
});

test('audit --format xml: still refused as before', async () => {
  const r = await ferry(['audit', '--repo', repo, '--format', 'xml']);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe('ferry audit: error: --format: expected md or json, found "xml"\n');
});
