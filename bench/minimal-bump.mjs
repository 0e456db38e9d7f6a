/**
 * The overhead benchmark's second reference: the very git commands of minimal-bump.sh, in the
 * same order, run from Node instead of bash (child processes, no library, no checks). The gap
 * between the two is what Node itself costs (its start and its process spawns); the gap between
 * this and `ferry bump` is what Ferry's own work costs (ferry.yaml read and checked, the YAML
 * edited in place, the trailers, the lock, the read-ahead).
 * Usage: node minimal-bump.mjs <url> <manifest path> <tag> <digest> <work dir>; prints the commit pushed.
 */
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';

const [url, manifest, tag, digest, dir] = process.argv.slice(2);
const uploadPack = 'git -c uploadpack.allowFilter=true upload-pack';

/** Runs git in `cwd` with `input` on its standard input; resolves with its standard output. */
function git(args, { cwd = dir, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'inherit'] });
    const out = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out).toString('utf8')) : reject(new Error(`git ${args[0]} exited with ${code}`))));
    if (input !== undefined) child.stdin.end(input);
  });
}

await git(['clone', '--bare', '--quiet', '--depth=1', '--filter=blob:none', '--single-branch', '--branch', 'main', '--no-tags',
  '--upload-pack', uploadPack, '--config', `remote.origin.uploadpack=${uploadPack}`, url, dir], { cwd: process.cwd() });
const parent = (await git(['rev-parse', 'refs/heads/main'])).trim();
const text = await git(['cat-file', 'blob', `${parent}:${manifest}`]);
// The script's two sed expressions.
const edited = text
  .replace(/^([ \t]*newTag:[ \t]*)[^ \t#\n]*/gm, `$1${tag}`)
  .replace(/^([ \t]*digest:[ \t]*)sha256:[0-9a-f]*/gm, `$1${digest}`);
let oid = (await git(['hash-object', '-w', '--stdin'], { input: edited })).trim();
// The trees from the file's directory up to the root, one ls-tree and one mktree each.
for (let path = manifest; ;) {
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1);
  const dirPath = slash < 0 ? '' : path.slice(0, slash);
  const listing = await git(['ls-tree', `${parent}:${dirPath}`]);
  const lines = listing.split('\n').filter(Boolean).map((line) => {
    const [meta, entry] = line.split('\t');
    const [mode, type] = meta.split(' ');
    return entry === name ? `${mode} ${type} ${oid}\t${entry}` : line;
  });
  oid = (await git(['mktree', '--missing'], { input: `${lines.join('\n')}\n` })).trim();
  if (dirPath === '') break;
  path = dirPath;
}
const commit = (await git(['commit-tree', oid, '-p', parent, '-m', `bump: ${manifest} ${tag}`])).trim();
await git(['push', '--quiet', 'origin', `${commit}:refs/heads/main`]);
process.stdout.write(`${commit}\n`);
