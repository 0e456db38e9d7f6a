// GitEnvRepo's reads of many files, many versions and large files: costs that once grew with the
// product of two sizes. Counted, never timed:
//  - every version of one manifest (rollback reads them all): read from what each commit changed,
//    without holding the trees of old commits (10,000 versions once held 30,000 trees, 700 MB),
//    and a caller that keeps one thing of each version has it computed once per content;
//  - every manifest of a repository read in place (status): each directory read once by git, not
//    once per file in it (git's own trace of its pack reads);
//  - a 30 MB file: its bytes copied about once on the way in, not once per 64 KB that arrived.
// And whatever the way, each read is what git has at that commit and path.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { GitEnvRepo } from '../../actions/src/adapters/git.js';
import { ConfigurationError } from '../../actions/src/core/errors.js';
import { appName, digestOf, ferryYaml, overlay } from '../support/env-repo-fixture.js';
import { ferry } from '../support/ferry-cli.js';

let root: string;
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.invalid', LC_ALL: 'C' };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-reads-at-scale-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A `git fast-import` stream, built a commit at a time. */
class Stream {
  private readonly parts: Buffer[] = [];
  private time = 1_700_000_000;
  private mark = 0;

  commit(ref: string, message: string, changes: string[], options: { from?: number; merge?: number } = {}): number {
    const mark = ++this.mark;
    this.text(`commit ${ref}\nmark :${mark}\ncommitter T <t@example.invalid> ${++this.time} +0000\n`);
    this.data(message);
    if (options.from !== undefined) this.text(`from :${options.from}\n`);
    if (options.merge !== undefined) this.text(`merge :${options.merge}\n`);
    for (const change of changes) this.text(change);
    this.text('\n');
    return mark;
  }

  /** `M <mode> inline <path>` with its data. */
  static file(path: string, content: string | Buffer, mode = '100644'): string {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    return `M ${mode} inline ${path}\ndata ${bytes.length}\n${bytes.toString('latin1')}\n`;
  }

  static remove(path: string): string {
    return `D ${path}\n`;
  }

  write(dir: string, format: 'sha1' | 'sha256'): void {
    execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', `--object-format=${format}`, dir]);
    execFileSync('git', ['-C', dir, 'fast-import', '--quiet'], { input: Buffer.concat(this.parts), env: gitEnv, maxBuffer: 1 << 30 });
    execFileSync('git', ['-C', dir, 'update-ref', '-d', 'refs/heads/side']);
  }

  private text(s: string): void {
    this.parts.push(Buffer.from(s, 'latin1'));
  }

  private data(s: string): void {
    this.text(`data ${Buffer.byteLength(s)}\n${s}\n`);
  }
}

/** What a version read should be: the file's text, no file, or a ConfigurationError saying what is there instead. */
type Expected = { text: string } | 'none' | 'a symbolic link' | 'a directory';

function matches(read: string | undefined | ConfigurationError, expected: Expected): boolean {
  if (expected === 'none') return read === undefined;
  if (typeof expected === 'object') return read === expected.text;
  return read instanceof ConfigurationError && read.message.includes(expected === 'a directory' ? 'is a directory' : 'is a symbolic link');
}

const MANIFEST = 'dev/app-0000/kustomization.yaml';
const SIBLINGS = 120;
const VERSIONS = 300;
/** Distinct texts the manifest cycles through. */
const CONTENTS = 40;

/**
 * A manifest with VERSIONS commits on the first-parent line, among SIBLINGS other apps' directories:
 * each commit re-pins it (cycling through CONTENTS texts), changes another app only, removes it,
 * makes it a symbolic link or a directory and back, or merges a side branch that changed it.
 * Returns the model of the file after each first-parent commit, oldest first.
 */
function versionsRepo(dir: string, format: 'sha1' | 'sha256'): Expected[] {
  const stream = new Stream();
  const model: Expected[] = [];
  const first = [Stream.file('ferry.yaml', 'apps: []\n')];
  for (let i = 0; i < SIBLINGS; i++) first.push(Stream.file(`dev/app-${String(i + 1).padStart(4, '0')}/kustomization.yaml`, `sibling ${i}\n`));
  first.push(Stream.file(MANIFEST, 'version 0\n'));
  let tip = stream.commit('refs/heads/main', 'init\n', first);
  model.push({ text: 'version 0\n' });
  let current: Expected = model[0]!;
  for (let n = 1; n < VERSIONS; n++) {
    const text = `version ${n % CONTENTS}\n`;
    let changes: string[];
    let next: Expected;
    switch (n % 25) {
      case 3: changes = [Stream.file(`dev/app-0001/kustomization.yaml`, `other ${n}\n`)]; next = current; break; // not this manifest
      case 7: changes = [Stream.remove(MANIFEST)]; next = 'none'; break;
      case 11: changes = [Stream.file(MANIFEST, '../app-0001/kustomization.yaml', '120000')]; next = 'a symbolic link'; break;
      case 15: changes = [Stream.remove(MANIFEST), Stream.file(`${MANIFEST}/inside.yaml`, `inside ${n}\n`)]; next = 'a directory'; break;
      case 16: changes = [Stream.remove(MANIFEST), Stream.file(MANIFEST, text)]; next = { text }; break; // from a directory back to a file
      case 19: {
        const side = stream.commit('refs/heads/side', 'on a side branch\n', [Stream.file(MANIFEST, text)], { from: tip });
        tip = stream.commit('refs/heads/main', 'merge\n', [Stream.file(MANIFEST, text)], { from: tip, merge: side });
        model.push((current = { text }));
        continue;
      }
      default: changes = [Stream.file(MANIFEST, text)]; next = { text };
    }
    tip = stream.commit('refs/heads/main', `change ${n}\n`, changes, { from: tip });
    model.push((current = next));
  }
  stream.write(dir, format);
  return model;
}

/** The git commands started while `during` ran (git's trace), each as its arguments. */
async function gitCommands(trace: string): Promise<string[][]> {
  const text = await readFile(trace, 'utf8').catch(() => '');
  return text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { event: string; argv?: string[] })
    .filter((e) => e.event === 'start').map((e) => e.argv!.slice(1));
}

const OPENS = [
  ['a blob-less clone with history', (repo: string, env: NodeJS.ProcessEnv) => GitEnvRepo.open({ repo, branch: 'main', history: true, env })],
  ['a repository read in place', (repo: string, env: NodeJS.ProcessEnv) => GitEnvRepo.openForReading({ repo, branch: 'main', env })],
] as const;

describe('every version of one manifest', () => {
  test.each((['sha1', 'sha256'] as const).flatMap((format) => OPENS.map(([how, open]) => [format, how, open] as const)))('%s ids, %s: each version as git has it; no tree of an old commit kept; one fetch', async (format, _, open) => {
    const dir = join(root, `versions-${format}-${Math.random().toString(36).slice(2)}.git`);
    const model = versionsRepo(dir, format);
    const commits = execFileSync('git', ['-C', dir, 'rev-list', '--first-parent', '--reverse', 'main']).toString().trim().split('\n');
    expect(commits).toHaveLength(VERSIONS);
    const trace = join(root, `versions-${format}-${Math.random().toString(36).slice(2)}.json`);
    const repo = await open(pathToFileURL(dir).href, { ...gitEnv, GIT_TRACE2_EVENT: trace });
    try {
      const head = await repo.head();
      expect(head.commit).toBe(commits.at(-1));
      const started = (await gitCommands(trace)).length;
      // Newest first, as rollback asks; every commit of the line, also those that left the manifest alone.
      const newestFirst = [...commits].reverse();
      const texts = await repo.readFileVersions(newestFirst, MANIFEST);
      const wrong = newestFirst.flatMap((commit, i) => (matches(texts[i], model[VERSIONS - 1 - i]!) ? [] : [{ commit, read: texts[i], expected: model[VERSIONS - 1 - i] }]));
      expect(wrong).toEqual([]);
      // The trees of the 300 commits are not kept (the head's at most).
      expect((repo as unknown as { trees: Map<string, unknown> }).trees.size).toBeLessThanOrEqual(2);
      const during = (await gitCommands(trace)).slice(started);
      expect(during.filter((argv) => argv.includes('fetch') && !argv.includes('index-pack') && !argv.some((a) => a.includes('upload-pack'))).length).toBeLessThanOrEqual(1);

      // What a caller keeps of each version is computed once per content, not once per version.
      const seen: string[] = [];
      const lengths = await repo.readFileVersions(newestFirst, MANIFEST, (text) => {
        if (typeof text === 'string') seen.push(text);
        return typeof text === 'string' ? text.length : text;
      });
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(new Set(model.flatMap((m) => (typeof m === 'object' ? [m.text] : []))).size);
      expect(lengths).toEqual(texts.map((t) => (typeof t === 'string' ? t.length : t)));

      // An old commit's files read one commit at a time (audit reads ferry.yaml where it changed): its trees are not kept either.
      for (let i = 0; i < VERSIONS; i += 7) {
        const read = (await repo.readFilesReporting(commits[i]!, [MANIFEST])).get(MANIFEST);
        expect({ i, ok: matches(read, model[i]!) }).toEqual({ i, ok: true });
      }
      expect((repo as unknown as { trees: Map<string, unknown> }).trees.size).toBeLessThanOrEqual(2);
    } finally {
      await repo.close();
    }
  });
});

describe('rollback', () => {
  const VERSIONS = 32;
  const FILLER = 3 * 1024 * 1024;

  test(`${VERSIONS} versions of a 3 MB manifest: each read for its pin, no text kept (the whole history runs in a 64 MB heap)`, async () => {
    // A Helm-sized file: the pin, then 3 MB of comments. Every version is read (which image each
    // pinned decides what a rollback goes back to); held together they take 96 MB.
    const dir = join(root, 'big-versions.git');
    const app = appName(0);
    const filler = `${'# '.padEnd(79, 'x')}\n`.repeat(FILLER / 80);
    const stream = new Stream();
    let tip = stream.commit('refs/heads/main', 'init\n', [
      Stream.file('ferry.yaml', ferryYaml(1)),
      ...['dev', 'stage', 'prod'].map((env) => Stream.file(`${env}/${app}/kustomization.yaml`, `${overlay(app, env, '1.0.0', digestOf(`${app} 1.0.0`))}${filler}`)),
    ]);
    for (let k = 1; k < VERSIONS; k++) {
      const tag = `1.${k}.0`;
      tip = stream.commit('refs/heads/main', `bump(dev): ${app} ${tag}\n`, [Stream.file(`dev/${app}/kustomization.yaml`, `${overlay(app, 'dev', tag, digestOf(`${app} ${tag}`))}${filler}`)], { from: tip });
    }
    stream.write(dir, 'sha1');
    execFileSync('git', ['-C', dir, 'config', 'uploadpack.allowFilter', 'true']);
    const r = await ferry(['rollback', '--repo', dir, '--env', 'dev', '--app', app, '--dry-run', '--json'], { env: { NODE_OPTIONS: '--max-old-space-size=64' } });
    expect(r.code, r.stderr.slice(0, 2000)).toBe(0);
    const result = JSON.parse(r.stdout) as { image: string; previousImage: string };
    expect(result.previousImage).toContain(`:1.${VERSIONS - 1}.0@${digestOf(`${app} 1.${VERSIONS - 1}.0`)}`);
    expect(result.image).toContain(`:1.${VERSIONS - 2}.0@${digestOf(`${app} 1.${VERSIONS - 2}.0`)}`);
  });
});

describe('versions of every manifest', () => {
  const APPS = 40;
  const EDITS = 6;

  test(`promote --all of ${APPS} apps, each run ${EDITS} versions long: the versions soak reads take a git diff-tree a round, not one per app`, async () => {
    // Each app's dev manifest: the template's pin, then 2.0.0 pinned and edited EDITS - 1 times
    // around it (a comment): soak reads each app's versions back past the newest two.
    const dir = join(root, 'runs.git');
    const stream = new Stream();
    const first = [Stream.file('ferry.yaml', ferryYaml(APPS))];
    for (let i = 0; i < APPS; i++) {
      for (const env of ['dev', 'stage', 'prod']) first.push(Stream.file(`${env}/${appName(i)}/kustomization.yaml`, overlay(appName(i), env, '1.0.0', digestOf(`${appName(i)} 1.0.0`))));
    }
    let tip = stream.commit('refs/heads/main', 'init\n', first);
    for (let k = 0; k < EDITS; k++) {
      for (let i = 0; i < APPS; i++) {
        const app = appName(i);
        tip = stream.commit('refs/heads/main', `edit ${k} of ${app}\n`, [Stream.file(`dev/${app}/kustomization.yaml`, `${overlay(app, 'dev', '2.0.0', digestOf(`${app} 2.0.0`))}# edit ${k}\n`)], { from: tip });
      }
    }
    stream.write(dir, 'sha1');
    execFileSync('git', ['-C', dir, 'config', 'uploadpack.allowFilter', 'true']);
    const trace = join(root, 'runs.json');
    const r = await ferry(['promote', '--repo', dir, '--from', 'dev', '--to', 'stage', '--all', '--dry-run', '--json'], { env: { GIT_TRACE2_EVENT: trace } });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { promotions: unknown[] }).promotions).toHaveLength(APPS);
    const commands = await gitCommands(trace);
    // A diff-tree a round: the newest two versions of every manifest, then the next eight of every
    // run still open (soak reads the apps' runs together, in rounds), never one per app.
    expect(commands.filter((argv) => argv.includes('diff-tree')).length).toBeLessThanOrEqual(2);
    expect(commands.filter((argv) => argv.includes('fetch')).length).toBeLessThanOrEqual(4);
    expect(commands.filter((argv) => argv.includes('cat-file')).length).toBeLessThanOrEqual(1);
  });
});

describe('every manifest of a repository read in place', () => {
  const APPS = 300;
  const ENVS = ['dev', 'stage', 'prod'];

  test(`${APPS} apps x ${ENVS.length} environments: each directory is read from the pack once, not once per file in it`, async () => {
    const dir = join(root, 'flat.git');
    const stream = new Stream();
    const files = [Stream.file('ferry.yaml', 'apps: []\n')];
    const paths: string[] = [];
    for (const env of ENVS) {
      for (let i = 0; i < APPS; i++) {
        const path = `${env}/app-${String(i).padStart(4, '0')}/kustomization.yaml`;
        paths.push(path);
        files.push(Stream.file(path, `${env} ${i}\n`));
      }
    }
    stream.commit('refs/heads/main', 'init\n', files);
    stream.write(dir, 'sha1');
    const access = join(root, 'pack-access.txt');
    const repo = await GitEnvRepo.openForReading({ repo: dir, branch: 'main', env: { ...gitEnv, GIT_TRACE_PACK_ACCESS: access } });
    try {
      const head = await repo.head();
      const read = await repo.readFilesReporting(head.commit, [...paths, 'dev/app-9999/kustomization.yaml', 'dev/app-0001']);
      expect(paths.filter((p) => read.get(p) !== `${p.split('/')[0]} ${Number(p.split('/')[1]!.slice(4))}\n`)).toEqual([]);
      expect(read.get('dev/app-9999/kustomization.yaml')).toBeUndefined();
      expect(read.get('dev/app-0001')).toBeInstanceOf(ConfigurationError);
    } finally {
      await repo.close();
    }
    // git's trace of each object it read from the pack: `<time> <file:line> <pack> <offset>`.
    const reads = new Map<string, number>();
    for (const line of (await readFile(access, 'utf8')).trim().split('\n')) {
      const offset = line.trim().split(/\s+/).slice(-2).join(' ');
      reads.set(offset, (reads.get(offset) ?? 0) + 1);
    }
    const most = Math.max(...reads.values());
    expect(reads.size).toBeGreaterThan(paths.length); // (the trace is there: every file was read)
    expect(most).toBeLessThanOrEqual(2);
  });
});

describe('a 30 MB file', () => {
  const SIZE = 30 * 1024 * 1024;

  test.each(OPENS)('%s: read back byte for byte, its bytes copied about once on the way in', async (_, open) => {
    const dir = join(root, `large-${Math.random().toString(36).slice(2)}.git`);
    const line = (i: number) => `# ${String(i).padStart(9, '0')} ${'abcdefghijklmnopqrstuvwxyz'.repeat(3)} ü\n`;
    const lines: string[] = [];
    for (let i = 0, size = 0; size < SIZE; i++) {
      lines.push(line(i));
      size += Buffer.byteLength(line(i));
    }
    const content = lines.join('');
    const stream = new Stream();
    stream.commit('refs/heads/main', 'init\n', [Stream.file('ferry.yaml', 'apps: []\n'), Stream.file('prod/big/values.yaml', Buffer.from(content, 'utf8'))]);
    stream.write(dir, 'sha1');
    const repo = await open(pathToFileURL(dir).href, gitEnv);
    const concat = vi.spyOn(Buffer, 'concat');
    try {
      const head = await repo.head();
      concat.mockClear();
      const text = await head.readFile('prod/big/values.yaml');
      expect(text?.length).toBe(content.length);
      expect(text === content).toBe(true);
      const copied = concat.mock.results.reduce((sum, r) => sum + (r.type === 'return' ? (r.value as Buffer).length : 0), 0);
      expect(copied).toBeLessThan(2 * Buffer.byteLength(content));
    } finally {
      concat.mockRestore();
      await repo.close();
    }
  });
});
