#!/usr/bin/env node
// Bundles the CLI and every action entry into dist/ with esbuild.
// `--check` builds into a temporary folder and fails when the committed dist/ differs.
import { build } from 'esbuild';
import { mkdtemp, readdir, readFile, rm, mkdir, cp } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

function entries() {
  const list = [{ in: 'actions/src/entry/cli.ts', out: 'cli' }];
  const actionsDir = join(root, 'actions/src/entry/actions');
  if (existsSync(actionsDir)) {
    for (const name of readdirSyncSorted(actionsDir)) {
      if (name.endsWith('.ts')) list.push({ in: `actions/src/entry/actions/${name}`, out: `actions/${name.slice(0, -3)}` });
    }
  }
  return list;
}

function readdirSyncSorted(dir) {
  return readdirSync(dir).sort();
}

async function bundle(outdir) {
  await build({
    absWorkingDir: root,
    entryPoints: entries(),
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
    banner: { js: "import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);" },
    legalComments: 'none',
    logLevel: 'warning',
    charset: 'utf8',
  });
}

async function listFiles(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(dir, join(entry.parentPath ?? entry.path, entry.name)));
  }
  return out.sort();
}

if (check) {
  const tmp = await mkdtemp(join(tmpdir(), 'ferry-dist-'));
  try {
    await bundle(tmp);
    const fresh = await listFiles(tmp);
    const committed = await listFiles(join(root, 'dist'));
    const problems = [];
    for (const f of new Set([...fresh, ...committed])) {
      if (!fresh.includes(f)) problems.push(`dist/${f} is committed but no longer built`);
      else if (!committed.includes(f)) problems.push(`dist/${f} is missing: run npm run build and commit dist/`);
      else if (!(await readFile(join(tmp, f))).equals(await readFile(join(root, 'dist', f)))) problems.push(`dist/${f} is stale: run npm run build and commit dist/`);
    }
    if (problems.length) {
      console.error(problems.join('\n'));
      process.exit(1);
    }
    console.log(`dist/ is up to date (${fresh.length} files)`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
} else {
  const tmp = await mkdtemp(join(tmpdir(), 'ferry-dist-'));
  try {
    await bundle(tmp);
    await rm(join(root, 'dist'), { recursive: true, force: true });
    await mkdir(join(root, 'dist'), { recursive: true });
    await cp(tmp, join(root, 'dist'), { recursive: true });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
