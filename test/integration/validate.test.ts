// ferry validate against real bare repositories over file:// and git:// (git daemon on 127.0.0.1):
// ferry.yaml and every pinned manifest, every problem at once with its file, line, column and field.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createEnvRepo, imageRef, readRemoteFile, remoteHead, REGISTRY } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';
import { startGitDaemon, type GitDaemon } from '../support/git-daemon.js';

let root: string;
let daemon: GitDaemon;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-validate-'));
  daemon = await startGitDaemon(root);
});

afterAll(async () => {
  await daemon?.stop();
  await rm(root, { recursive: true, force: true });
});

const transports = {
  'file://': (name: string) => `file://${join(root, name)}`,
  'git://': (name: string) => daemon.url(name),
};

/** A generated env repo of 3 apps × dev, stage, prod (ferry.yaml: environments on lines 2-7, apps[i] from line 9 + 3i). */
async function newRepo(apps = 3): Promise<{ dir: string; name: string; head: string }> {
  const name = `env-${++counter}.git`;
  const dir = join(root, name);
  const head = await createEnvRepo({ dir, apps });
  return { dir, name, head };
}

/** Edits files (null deletes) in the bare repository through a temporary clone; returns the new head. */
async function edit(dir: string, change: (read: (path: string) => string) => Record<string, string | null>): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), 'ferry-validate-work-'));
  try {
    execFileSync('git', ['clone', '--quiet', dir, work]);
    for (const [path, content] of Object.entries(change((p) => readRemoteFile(dir, p)!))) {
      if (content === null) await unlink(join(work, path));
      else await writeFile(join(work, path), content);
    }
    execFileSync('git', ['-C', work, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-am', 'break things']);
    execFileSync('git', ['-C', work, 'push', '--quiet', 'origin', 'main']);
    return remoteHead(dir);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Four kinds of problem at once: an unknown key in ferry.yaml (line 6), a manifest whose YAML is
 * broken, a manifest without the app's images: entry, one without a digest, and a missing one.
 */
async function brokenRepo(): Promise<{ dir: string; name: string; head: string }> {
  const repo = await newRepo();
  const head = await edit(repo.dir, (read) => ({
    'ferry.yaml': read('ferry.yaml').replace('    promoteFrom: dev\n', '    promoteFrom: dev\n    soak: 30m\n'),
    'dev/app-0000/kustomization.yaml': read('dev/app-0000/kustomization.yaml').replace('newTag: 1.0.0', 'newTag: "1.0.0'),
    'prod/app-0000/kustomization.yaml': null,
    'stage/app-0001/kustomization.yaml': read('stage/app-0001/kustomization.yaml').replace('  - name: app-0001\n', '  - name: app-0001-old\n'),
    'prod/app-0002/kustomization.yaml': read('prod/app-0002/kustomization.yaml').replace(/ {4}digest: .*\n/, ''),
  }));
  return { ...repo, head };
}

const BROKEN_PROBLEMS = [
  { file: 'ferry.yaml', line: 6, column: 5, field: 'environments[1]', message: 'unknown key "soak" (expected one of name, promoteFrom, gates)' },
  { file: 'dev/app-0000/kustomization.yaml', line: 10, column: 13, message: 'the YAML does not parse: Missing closing "quote for the value that starts here' },
  { file: 'prod/app-0000/kustomization.yaml', field: 'apps[0].manifest', message: 'app "app-0000" pins its image here for environment "prod", but there is no such file' },
  { file: 'stage/app-0001/kustomization.yaml', line: 7, column: 1, field: 'images', message: 'no entry with name "app-0001" (found: "app-0001-old")' },
  { file: 'prod/app-0002/kustomization.yaml', line: 8, column: 5, field: 'images[0].digest', message: 'the image of app "app-0002" is not pinned by digest: expected sha256:<64 lowercase hex digits>, found nothing' },
];

const BROKEN_STDERR = (head: string) => [
  `invalid: 5 problems at ${head.slice(0, 12)}`,
  '  ferry.yaml:6:5: environments[1]: unknown key "soak" (expected one of name, promoteFrom, gates)',
  '  dev/app-0000/kustomization.yaml:10:13: the YAML does not parse: Missing closing "quote for the value that starts here',
  '  prod/app-0000/kustomization.yaml: apps[0].manifest: app "app-0000" pins its image here for environment "prod", but there is no such file',
  '  stage/app-0001/kustomization.yaml:7:1: images: no entry with name "app-0001" (found: "app-0001-old")',
  '  prod/app-0002/kustomization.yaml:8:5: images[0].digest: the image of app "app-0002" is not pinned by digest: expected sha256:<64 lowercase hex digits>, found nothing',
  '',
].join('\n');

describe.each(Object.entries(transports))('over %s', (_label, url) => {
  test('a good repo: exit 0, every manifest checked', async () => {
    const repo = await newRepo();
    const r = await ferry(['validate', '--repo', url(repo.name)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`valid: ferry.yaml and 9 pinned manifests at ${repo.head.slice(0, 12)}\n`);
  });

  test('a good repo, --json: the result object', async () => {
    const repo = await newRepo(2);
    const r = await ferry(['validate', '--repo', url(repo.name), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ repo: url(repo.name), branch: 'main', commit: repo.head, status: 'succeeded', problems: [], warnings: [], checked: 6 });
  });

  test('several problems: all of them at once, each with file and line; exit 2', async () => {
    const repo = await brokenRepo();
    const r = await ferry(['validate', '--repo', url(repo.name)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(BROKEN_STDERR(repo.head));
  });
});

test('several problems, --json: the problems as objects, exit 2, nothing written', async () => {
  const repo = await brokenRepo();
  const r = await ferry(['validate', '--repo', repo.dir, '--json']);
  expect(r.code).toBe(2);
  expect(JSON.parse(r.stdout)).toEqual({ repo: `file://${repo.dir}`, branch: 'main', commit: repo.head, status: 'failed', problems: BROKEN_PROBLEMS, warnings: [], checked: 9 });
  expect(remoteHead(repo.dir)).toBe(repo.head);
});

test('an app whose ferry.yaml entry is broken is left out; the others\' manifests are still checked, named by their own index', async () => {
  const repo = await newRepo();
  const head = await edit(repo.dir, (read) => ({
    // apps[0]: a misspelt key, so no image: its manifests cannot be checked, and are not.
    'ferry.yaml': read('ferry.yaml').replace('    image: app-0000\n', '    imagee: app-0000\n'),
    'dev/app-0000/kustomization.yaml': 'not: [valid\n',
    'prod/app-0002/kustomization.yaml': null,
    'stage/app-0001/kustomization.yaml': read('stage/app-0001/kustomization.yaml').replace(`newName: ${REGISTRY}/app-0001`, `newName: ${REGISTRY}/app-0002`),
  }));
  const r = await ferry(['validate', '--repo', repo.dir, '--json']);
  expect(r.code).toBe(2);
  expect(JSON.parse(r.stdout)).toEqual({
    repo: `file://${repo.dir}`, branch: 'main', commit: head, status: 'failed', checked: 6, warnings: [],
    problems: [
      { file: 'ferry.yaml', line: 9, column: 5, field: 'apps[0]', message: 'missing required key "image" (required: name, image, manifest)' },
      { file: 'ferry.yaml', line: 10, column: 5, field: 'apps[0]', message: 'unknown key "imagee" (expected one of name, image, registry, manifest, kustomize, helm, container)' },
      { file: 'stage/app-0001/kustomization.yaml', line: 9, column: 14, field: 'images[0].newName', message: `expected "${REGISTRY}/app-0001" (the image of app "app-0001" in ferry.yaml), found "${REGISTRY}/app-0002"` },
      { file: 'prod/app-0002/kustomization.yaml', field: 'apps[2].manifest', message: 'app "app-0002" pins its image here for environment "prod", but there is no such file' },
    ],
  });
});

test('a gate that is wrong does not hide the manifests\' problems', async () => {
  const repo = await newRepo(1);
  const head = await edit(repo.dir, (read) => ({
    'ferry.yaml': read('ferry.yaml').replace('    promoteFrom: stage\n', '    promoteFrom: stage\n    gates: { soak: 2 hours, approvals: 1 }\n'),
    'prod/app-0000/kustomization.yaml': read('prod/app-0000/kustomization.yaml').replace(/digest: sha256:[0-9a-f]+/, 'digest: sha256:ABC'),
  }));
  const r = await ferry(['validate', '--repo', repo.dir]);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe([
    `invalid: 2 problems at ${head.slice(0, 12)}`,
    '  ferry.yaml:8:20: environments[2].gates.soak: expected a duration like 45s, 30m, 2h, 1h30m or 1d, found "2 hours"',
    '  prod/app-0000/kustomization.yaml:11:13: images[0].digest: expected sha256:<64 lowercase hex digits>, found "sha256:ABC" (the digest has 3 hex digits, not 64)',
    '',
  ].join('\n'));
});

test('a broken ferry.yaml that uses an alias more than 100 times (as one shared by many apps does): the manifests are still checked', async () => {
  const repo = await newRepo(1);
  const head = await edit(repo.dir, (read) => ({
    // An unknown key (a problem) holding 150 aliases of the registry.
    'ferry.yaml': read('ferry.yaml').replace(/^registry: (.*)$/m, `registry: &r $1\nnotes: [${Array(150).fill('*r').join(', ')}]`),
    'prod/app-0000/kustomization.yaml': read('prod/app-0000/kustomization.yaml').replace(/digest: sha256:[0-9a-f]+/, 'digest: sha256:ABC'),
  }));
  const r = await ferry(['validate', '--repo', repo.dir, '--json']);
  expect(r.code).toBe(2);
  const { problems, commit } = JSON.parse(r.stdout);
  expect(commit).toBe(head);
  expect(problems.map((p: { file: string; field?: string; message: string }) => `${p.file} ${p.field ?? p.message.split(' (')[0]}`)).toEqual(['ferry.yaml unknown key "notes"', 'prod/app-0000/kustomization.yaml images[0].digest']);
});

test('the values a manifest pins: a tag, a digest and the repository, each at its value with its field; a bump over the bad tag is refused, located, and writes nothing', async () => {
  const repo = await newRepo(2);
  const head = await edit(repo.dir, (read) => ({
    'stage/app-0000/kustomization.yaml': read('stage/app-0000/kustomization.yaml').replace('newTag: 1.0.0', 'newTag: "1.0.0 bad tag"'),
    'dev/app-0001/kustomization.yaml': read('dev/app-0001/kustomization.yaml').replace('newTag: 1.0.0', 'newTag: "1.0.0\\nX: y"').replace(/digest: sha256:[0-9a-f]+/, 'digest: sha256:abc'),
    'prod/app-0001/kustomization.yaml': read('prod/app-0001/kustomization.yaml').replace(`newName: ${REGISTRY}/app-0001`, 'newName: evil.example.com/app-0001'),
  }));
  const tag = "expected a tag of 1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'";
  const r = await ferry(['validate', '--repo', repo.dir]);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe([
    `invalid: 4 problems at ${head.slice(0, 12)}`,
    `  stage/app-0000/kustomization.yaml:10:13: images[0].newTag: ${tag}, found "1.0.0 bad tag"`,
    `  dev/app-0001/kustomization.yaml:10:13: images[0].newTag: ${tag}, found "1.0.0\\nX: y"`,
    '  dev/app-0001/kustomization.yaml:11:13: images[0].digest: expected sha256:<64 lowercase hex digits>, found "sha256:abc" (the digest has 3 hex digits, not 64)',
    `  prod/app-0001/kustomization.yaml:9:14: images[0].newName: expected "${REGISTRY}/app-0001" (the image of app "app-0001" in ferry.yaml), found "evil.example.com/app-0001"`,
    '',
  ].join('\n'));

  const bump = await ferry(['bump', '--repo', repo.dir, '--env', 'stage', '--app', 'app-0000', '--image', imageRef('app-0000', '2.0.0')]);
  expect(bump.code).toBe(2);
  expect(bump.stderr).toContain(`stage/app-0000/kustomization.yaml:10:13: images[0].newTag: ${tag}, found "1.0.0 bad tag"; Ferry records the image it replaces in the commit, so fix this value by hand first; nothing was changed`);
  expect(remoteHead(repo.dir)).toBe(head);
});

test('manifests that are no text (not UTF-8, a symbolic link) are each a problem, reported with all the others', async () => {
  const repo = await newRepo(2);
  const work = await mkdtemp(join(tmpdir(), 'ferry-validate-work-'));
  const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { encoding: 'utf8' }).trim();
  execFileSync('git', ['clone', '--quiet', repo.dir, work]);
  await writeFile(join(work, 'dev/app-0000/kustomization.yaml'), Buffer.concat([Buffer.from('# caf\xe9\n', 'latin1'), Buffer.from(readRemoteFile(repo.dir, 'dev/app-0000/kustomization.yaml')!)]));
  const blob = execFileSync('git', ['-C', work, 'hash-object', '-w', '--stdin'], { input: '../../dev/app-0001/kustomization.yaml' }).toString().trim();
  git('rm', '--quiet', '--cached', 'prod/app-0001/kustomization.yaml');
  git('update-index', '--add', '--cacheinfo', `120000,${blob},prod/app-0001/kustomization.yaml`);
  await writeFile(join(work, 'stage/app-0001/kustomization.yaml'), readRemoteFile(repo.dir, 'stage/app-0001/kustomization.yaml')!.replace(/digest: sha256:[0-9a-f]+/, 'digest: sha256:abc'));
  git('add', 'dev/app-0000/kustomization.yaml', 'stage/app-0001/kustomization.yaml');
  git('commit', '--quiet', '-m', 'three broken manifests'); // (not -a: it would stage the file over the link)
  git('push', '--quiet', 'origin', 'main');
  await rm(work, { recursive: true, force: true });
  const r = await ferry(['validate', '--repo', repo.dir, '--json']);
  expect(r.code).toBe(2);
  const problems = JSON.parse(r.stdout).problems as { file: string; message: string }[];
  expect(problems.map((p) => p.file).sort()).toEqual(['dev/app-0000/kustomization.yaml', 'prod/app-0001/kustomization.yaml', 'stage/app-0001/kustomization.yaml']);
  expect(problems.find((p) => p.file.startsWith('dev/'))!.message).toMatch(/^not UTF-8 text \(byte 0xe9 at line 1\)/);
  expect(problems.find((p) => p.file.startsWith('prod/'))!.message).toMatch(/^is a symbolic link in the env repo/);
});

test('a directory on the way to a manifest that is a symbolic link: the problem names the link, in validate and in status (it read as no such file)', async () => {
  const repo = await newRepo(2);
  const work = await mkdtemp(join(tmpdir(), 'ferry-validate-work-'));
  const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { encoding: 'utf8' }).trim();
  execFileSync('git', ['clone', '--quiet', repo.dir, work]);
  // prod/app-0001 -> ../shared/app-0001: kustomize would follow it; git keeps it as a file.
  git('mv', 'prod/app-0001', 'shared-app-0001');
  await symlink('../shared-app-0001', join(work, 'prod/app-0001'));
  git('add', '-A');
  git('commit', '--quiet', '-m', 'a linked overlay');
  git('push', '--quiet', 'origin', 'main');
  await rm(work, { recursive: true, force: true });
  const message = 'is not in the env repo as a file: prod/app-0001 is a symbolic link, which Ferry does not follow (git keeps a link as a file, not a directory; commit the directory itself at prod/app-0001)';
  const r = await ferry(['validate', '--repo', repo.dir, '--json']);
  expect(r.code, r.stderr).toBe(2);
  expect(JSON.parse(r.stdout).problems).toEqual([{ file: 'prod/app-0001/kustomization.yaml', message }]);
  const status = await ferry(['status', '--repo', repo.dir, '--json']);
  expect(status.code, status.stderr).toBe(0);
  expect((JSON.parse(status.stdout).rows as Record<string, unknown>[]).find((x) => x.env === 'prod' && x.app === 'app-0001')?.error).toBe(`prod/app-0001/kustomization.yaml: ${message}`);
  // A bump there is refused, as before, naming the file.
  const bump = await ferry(['bump', '--repo', repo.dir, '--env', 'prod', '--app', 'app-0001', '--image', imageRef('app-0001', '9.9.9')]);
  expect(bump.code).toBe(2);
  expect(bump.stderr).toContain('prod/app-0001/kustomization.yaml');
});

test('a ferry.yaml that is not UTF-8, --json: the usual result, that problem among the others (blocked.yaml still checked)', async () => {
  const repo = await newRepo(1);
  const work = await mkdtemp(join(tmpdir(), 'ferry-validate-work-'));
  const git = (...args: string[]) => execFileSync('git', ['-C', work, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { encoding: 'utf8' }).trim();
  execFileSync('git', ['clone', '--quiet', repo.dir, work]);
  await writeFile(join(work, 'ferry.yaml'), Buffer.concat([Buffer.from('# caf\xe9\n', 'latin1'), Buffer.from(readRemoteFile(repo.dir, 'ferry.yaml')!)]));
  await writeFile(join(work, 'blocked.yaml'), 'blocked:\n  - app: app-0000\n    digest: sha256:abc\n    reason: r\n');
  git('add', 'ferry.yaml', 'blocked.yaml');
  git('commit', '--quiet', '-m', 'latin-1 ferry.yaml, broken blocked.yaml');
  git('push', '--quiet', 'origin', 'main');
  await rm(work, { recursive: true, force: true });
  const r = await ferry(['validate', '--repo', repo.dir, '--json']);
  expect(r.code).toBe(2);
  expect(JSON.parse(r.stdout)).toEqual({
    repo: `file://${repo.dir}`, branch: 'main', commit: remoteHead(repo.dir), status: 'failed', checked: 0, warnings: [],
    problems: [
      { file: 'ferry.yaml', message: 'not UTF-8 text (byte 0xe9 at line 1); Ferry reads and writes files as UTF-8 only, so that an edit changes no other byte: save the file as UTF-8' },
      { file: 'blocked.yaml', line: 3, column: 13, field: 'blocked[0].digest', message: 'expected sha256:<64 lowercase hex digits>, found "sha256:abc"' },
    ],
  });
});

test('a digest written as an alias: validate reports what bump refuses, in the same words (exit 2 both)', async () => {
  const repo = await newRepo(1);
  const head = await edit(repo.dir, (read) => ({
    'dev/app-0000/kustomization.yaml': read('dev/app-0000/kustomization.yaml')
      .replace('kind: Kustomization\n', `kind: Kustomization\ncommonAnnotations:\n  pinned: &d ${imageRef('app-0000', '1.0.0').split('@')[1]}\n`)
      .replace(/digest: sha256:[0-9a-f]+/, 'digest: *d'),
  }));
  const problem = 'dev/app-0000/kustomization.yaml:13:13: images[0].digest: the value is the alias *d; Ferry does not edit a value shared through an anchor (changing it would change every place that uses &d); write the value here instead of the alias';
  const r = await ferry(['validate', '--repo', repo.dir]);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(`invalid: 1 problem at ${head.slice(0, 12)}\n  ${problem}\n`);
  const bump = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', 'app-0000', '--image', imageRef('app-0000', '2.0.0')]);
  expect(bump.code).toBe(2);
  expect(bump.stderr).toContain(problem);
  expect(remoteHead(repo.dir)).toBe(head);
});

// kustomize and Helm read YAML with go-yaml: the first document of a kustomization only, and
// U+2028, U+2029 and U+0085 as line breaks. A pin they would read otherwise than Ferry is refused.
test('a kustomization whose images: are in a second document (kustomize reads the first): validate reports it, bump refuses it in the same words (exit 2 both), nothing written', async () => {
  const repo = await newRepo(1);
  const head = await edit(repo.dir, (read) => ({ 'dev/app-0000/kustomization.yaml': read('dev/app-0000/kustomization.yaml').replace('images:\n', '---\nimages:\n') }));
  const problem = 'dev/app-0000/kustomization.yaml:8:1: images: a kustomization file has one YAML document, found 2; kustomize reads only the first, so it would never see what Ferry pins here: make the file one document (remove the "---" or "..." line before this one)';
  const r = await ferry(['validate', '--repo', repo.dir]);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(`invalid: 1 problem at ${head.slice(0, 12)}\n  ${problem}\n`);
  const bump = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', 'app-0000', '--image', imageRef('app-0000', '2.0.0')]);
  expect(bump.code).toBe(2);
  expect(bump.stderr).toContain(problem);
  expect(remoteHead(repo.dir)).toBe(head);
});

test('a line separator (U+2028) in a comment, which go-yaml reads as a line break before a second digest: validate reports it at its line and column, bump refuses it (exit 2 both), nothing written', async () => {
  const repo = await newRepo(1);
  const evil = `sha256:${'e'.repeat(64)}`;
  const head = await edit(repo.dir, (read) => ({ 'dev/app-0000/kustomization.yaml': read('dev/app-0000/kustomization.yaml').replace('# pinned by Ferry', `# pinned by Ferry\u2028    digest: ${evil}`) }));
  const problem = 'dev/app-0000/kustomization.yaml:10:38: U+2028 (line separator) is a line break to go-yaml (the YAML reader of kustomize and Helm) but not to Ferry: in a comment or an unquoted value, what follows it would be read as another line of YAML there (in a quoted one, the value would differ); remove it (or put a space in its place)';
  const r = await ferry(['validate', '--repo', repo.dir]);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(`invalid: 1 problem at ${head.slice(0, 12)}\n  ${problem}\n`);
  const bump = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', 'app-0000', '--image', imageRef('app-0000', '2.0.0')]);
  expect(bump.code).toBe(2);
  expect(bump.stderr).toContain(problem);
  expect(remoteHead(repo.dir)).toBe(head);
});

test('ferry.yaml that does not parse: its problems only (the manifests cannot be located), exit 2', async () => {
  const repo = await newRepo(1);
  const head = await edit(repo.dir, (read) => ({
    'ferry.yaml': `${read('ferry.yaml')}apps: []\n`,
    'dev/app-0000/kustomization.yaml': 'not: [valid\n',
  }));
  const r = await ferry(['validate', '--repo', repo.dir, '--json']);
  expect(r.code).toBe(2);
  expect(JSON.parse(r.stdout)).toEqual({
    repo: `file://${repo.dir}`, branch: 'main', commit: head, status: 'failed', checked: 0, warnings: [],
    problems: [{ file: 'ferry.yaml', line: 12, column: 1, message: 'duplicate key "apps" (a key may appear once in a mapping)' }],
  });
});

test('a manifest template that leaves the repository is reported, and nothing outside is read', async () => {
  const repo = await newRepo(2);
  const head = await edit(repo.dir, (read) => ({
    'ferry.yaml': read('ferry.yaml').replace('    manifest: "{env}/{app}/kustomization.yaml"\n', '    manifest: "../{env}/{app}/kustomization.yaml"\n'),
    'dev/app-0001/kustomization.yaml': null,
  }));
  const r = await ferry(['validate', '--repo', repo.dir]);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe([
    `invalid: 2 problems at ${head.slice(0, 12)}`,
    '  ferry.yaml:11:15: apps[0].manifest: "../{env}/{app}/kustomization.yaml" leaves the repository (a ".." segment); expected a path relative to the repository root that stays inside it, like "{env}/app-0000/kustomization.yaml"',
    '  dev/app-0001/kustomization.yaml: apps[1].manifest: app "app-0001" pins its image here for environment "dev", but there is no such file',
    '',
  ].join('\n'));
});

test('no ferry.yaml: exit 2, saying so', async () => {
  const repo = await newRepo(1);
  const head = await edit(repo.dir, () => ({ 'ferry.yaml': null }));
  const r = await ferry(['validate', '--repo', repo.dir]);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(`invalid: 1 problem at ${head.slice(0, 12)}\n  ferry.yaml: no ferry.yaml at the root of the env repo (commit ${head.slice(0, 12)}); create one with \`ferry init\`, or, for an env repo that has manifests already, write one by hand (Ferry's README.md: "Adopting an existing env repo")\n`);
});

describe('exit codes', () => {
  test('--help: 0 and the usage', async () => {
    const r = await ferry(['validate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ferry validate: check ferry.yaml and every pinned manifest\n\nUsage: ferry validate --repo <url\|path> \[--branch main\] \[--render\] \[--json\]\n/);
    expect(r.stdout).toContain('Exit codes: 0 valid, 1 could not check (e.g. the repository cannot be read),\n2 problems found.\n');
  });

  test('no --repo: 2, naming --worktree too', async () => {
    const r = await ferry(['validate', '--json']);
    expect(r.code).toBe(2);
    const message = 'is required (or --worktree <dir>, to validate the files on disk)';
    expect(r.stderr).toBe(`ferry validate: error: --repo: ${message}\n`);
    expect(JSON.parse(r.stdout)).toEqual({ status: 'failed', error: { kind: 'configuration', message: `--repo: ${message}`, problems: [{ field: '--repo', message }] } });
  });

  test('a repository that cannot be read: 1, not 2 (nothing could be checked)', async () => {
    const r = await ferry(['validate', '--repo', daemon.url('missing.git'), '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ferry validate: clone git:\/\/127\.0\.0\.1:\d+\/missing\.git \(branch main\) failed: /);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'failed', error: { kind: 'runtime' } });
  });
});

/** Writes `files` (new ones too) into the bare repository through a temporary clone; returns the new head. */
async function commitFiles(dir: string, files: Record<string, string>): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), 'ferry-validate-work-'));
  try {
    execFileSync('git', ['clone', '--quiet', dir, work]);
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(work, path)), { recursive: true });
      await writeFile(join(work, path), content);
    }
    execFileSync('git', ['-C', work, 'add', '-A']);
    execFileSync('git', ['-C', work, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'helm apps']);
    execFileSync('git', ['-C', work, 'push', '--quiet', 'origin', 'main']);
    return remoteHead(dir);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

test('a Helm tag path the values files lack (a typo in ferry.yaml): validate reports it in each file; bump refuses to add the key, and writes nothing', async () => {
  const repo = await newRepo(1);
  const values = (app: string) => `image:\n  repository: ${REGISTRY}/${app}\n  tag: "2.3.4"\n  digest: ${imageRef(app, '2.3.4').split('@')[1]}\n`;
  const head = await commitFiles(repo.dir, {
    'ferry.yaml': `${readRemoteFile(repo.dir, 'ferry.yaml')}${[
      '  - name: web', '    image: web', '    manifest: "{env}/web/values.yaml"', '    helm: { digest: image.digest, tag: image.tga, repository: image.repository }',
      '  - name: api', '    image: api', '    manifest: "{env}/api/values.yaml"', '    helm: { digest: image.digest, tag: imagetag }', '',
    ].join('\n')}`,
    ...Object.fromEntries(['dev', 'stage', 'prod'].flatMap((env) => [[`${env}/web/values.yaml`, values('web')], [`${env}/api/values.yaml`, values('api')]])),
  });
  const r = await ferry(['validate', '--repo', repo.dir]);
  expect(r.code).toBe(2);
  const tga = (env: string) => `  ${env}/web/values.yaml:2:3: image.tga: no key "tga" in "image" (it has "repository", "tag", "digest"): the chart's tag is configured at "image.tga" (helm.tag of app "web" in ferry.yaml), which this file does not have; fix the path in ferry.yaml, or add the key to the file`;
  const top = (env: string) => `  ${env}/api/values.yaml:1:1: imagetag: no key "imagetag" at the top level (it has "image"): the chart's tag is configured at "imagetag" (helm.tag of app "api" in ferry.yaml), which this file does not have; fix the path in ferry.yaml, or add the key to the file`;
  expect(r.stderr).toBe([`invalid: 6 problems at ${head.slice(0, 12)}`, ...['dev', 'stage', 'prod'].map(tga), ...['dev', 'stage', 'prod'].map(top), ''].join('\n'));

  const web = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', 'web', '--image', imageRef('web', '2.4.0')]);
  expect(web.code).toBe(2);
  expect(web.stderr).toBe('ferry bump: error: dev/web/values.yaml:2:3: image.tga: no key "tga" in "image" (it has "repository", "tag", "digest"); the file is pinned already ("image.digest" holds its digest), so Ferry adds no key to it: a path it lacks is a mistake in ferry.yaml rather than a value the chart reads. Fix helm.tag ("image.tga") in ferry.yaml, or add the key to the file by hand; nothing was changed\n');
  const api = await ferry(['bump', '--repo', repo.dir, '--env', 'dev', '--app', 'api', '--image', imageRef('api', '2.4.0')]);
  expect(api.code).toBe(2);
  expect(api.stderr).toContain('dev/api/values.yaml:1:1: imagetag: no key "imagetag" at the top level (it has "image"); the file is pinned already');
  expect(remoteHead(repo.dir)).toBe(head);
  expect(readRemoteFile(repo.dir, 'dev/web/values.yaml')).toBe(values('web'));
});

test('analysis gates without prometheus.address: valid (exit 0), with a warning at the gate in --json', async () => {
  const repo = await newRepo(1);
  const template = ['apiVersion: argoproj.io/v1alpha1', 'kind: AnalysisTemplate', 'metadata: {name: rate}', 'spec:', '  metrics:', '    - name: rate', '      successCondition: result[0] >= 0.99', '      provider:', '        prometheus:', '          address: http://prometheus.example.com:9090', '          query: vector(1)', ''].join('\n');
  const ferryYaml = readRemoteFile(repo.dir, 'ferry.yaml')!.replace('    promoteFrom: dev\n', '    promoteFrom: dev\n    gates: { analysis: [rate] }\n');
  const head = await commitFiles(repo.dir, { 'ferry.yaml': ferryYaml, 'analysis/rate.yaml': template });
  const r = await ferry(['validate', '--repo', repo.dir, '--json']);
  expect(r.code, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({
    repo: `file://${repo.dir}`, branch: 'main', commit: head, status: 'succeeded', problems: [], checked: 3,
    warnings: [{
      file: 'ferry.yaml', line: 6, column: 14, field: 'environments[1].gates.analysis',
      message: 'the analysis gates of "stage" query Prometheus, and ferry.yaml has no prometheus.address: a promotion to "stage" fails unless it is given one (ferry promote --prometheus <url>, or the promote action\'s prometheus input); set prometheus: { address: <url> } in ferry.yaml, unless every promotion to "stage" passes it',
    }],
  });
  // The action: the step succeeds, the warning in a log group of its own.
  const dir = await mkdtemp(join(root, 'step-'));
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary') };
  await Promise.all(Object.values(files).map((f) => writeFile(f, '')));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_)/.test(k)));
  const step = spawnSync(process.execPath, [fileURLToPath(new URL('../../dist/actions/validate.mjs', import.meta.url))], {
    env: { ...env, ...files, RUNNER_TEMP: dir, INPUT_REPO: repo.dir, INPUT_BRANCH: 'main' }, encoding: 'utf8',
  });
  expect(step.status, step.stdout).toBe(0);
  expect(await readFile(files.GITHUB_OUTPUT, 'utf8')).toMatch(/^status<<(.+)\nsucceeded\n\1$/m);
  const log = step.stdout.split('\n');
  const group = log.indexOf('::group::1 warning');
  expect(group, step.stdout).toBeGreaterThanOrEqual(0);
  expect(log.slice(group, log.indexOf('::endgroup::', group))).toContain('ferry.yaml:6:14: environments[1].gates.analysis: the analysis gates of "stage" query Prometheus, and ferry.yaml has no prometheus.address: a promotion to "stage" fails unless it is given one (ferry promote --prometheus <url>, or the promote action\'s prometheus input); set prometheus: { address: <url> } in ferry.yaml, unless every promotion to "stage" passes it');
  // and in its job summary, and the CLI's text (on stderr, after the verdict)
  expect(await readFile(files.GITHUB_STEP_SUMMARY, 'utf8')).toContain('1 warning (they do not fail validation):\n\n| where | field | warning |');
  const text = await ferry(['validate', '--repo', repo.dir]);
  expect(text.code).toBe(0);
  expect(text.stdout).toMatch(/^valid: /);
  expect(text.stderr).toBe('  warning: ferry.yaml:6:14: environments[1].gates.analysis: the analysis gates of "stage" query Prometheus, and ferry.yaml has no prometheus.address: a promotion to "stage" fails unless it is given one (ferry promote --prometheus <url>, or the promote action\'s prometheus input); set prometheus: { address: <url> } in ferry.yaml, unless every promotion to "stage" passes it\n');
});
