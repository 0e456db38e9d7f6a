// blocked.yaml: image digests that no bump may pin (and, with the promotion engine, no promotion
// or rollback), kept in the env repo so that blocking is reviewed and audited like every change.
// `ferry block` adds an entry, `ferry unblock` removes it; each is one commit with trailers.
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { assertImageForApp, findApp } from './config.js';
import { readConfig } from './env-repo-config.js';
import type { EnvRepoSnapshot, Planned } from './env-repo-writer.js';
import { ConfigurationError, quote, type Problem } from './errors.js';
import { formatImageRef, parseImageRef, describeImage } from './image-ref.js';
import { assertSingleLine, commitMessage, type Trailer } from './trailers.js';
import { BLOCKLIST_FILE } from './env-repo-files.js';

export { BLOCKLIST_FILE };

const HEADER = '# Image digests that no bump may pin. `ferry block` adds an entry, `ferry unblock` removes it.\n';
const ENTRY_KEYS = ['app', 'digest', 'image', 'reason', 'by', 'at'] as const;

export interface BlockedDigest {
  app: string;
  digest: string;
  /** The reference given when it was blocked. */
  image?: string;
  reason: string;
  by?: string;
  /** When, ISO 8601. */
  at?: string;
}

/** A pin refused by policy (a blocked digest): the input is well-formed, the answer is no. */
export class RefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedError';
  }
}

/** Parses blocked.yaml; every problem at once, each with line and column. */
export function parseBlocklist(text: string, file = BLOCKLIST_FILE): BlockedDigest[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (node: Node | null | undefined, field: string, message: string): Problem => {
    const pos = node?.range ? lines.linePos(node.range[0]) : { line: 1, col: 1 };
    return { file, line: pos.line, column: pos.col, field, message };
  };
  if (doc.errors.length) throw new ConfigurationError(doc.errors.map((e) => ({ file, line: e.linePos?.[0].line ?? 1, column: e.linePos?.[0].col ?? 1, message: e.message })));
  const problems: Problem[] = [];
  const entries: BlockedDigest[] = [];
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return entries;
  if (!isMap(root)) throw new ConfigurationError(at(root, '', 'expected a mapping with the key blocked'));
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key !== 'blocked') problems.push(at(pair.key as Node, key, `unknown key ${quote(key)} (expected blocked)`));
  }
  const list = root.get('blocked', true);
  if (list !== undefined && !(isScalar(list) && list.value === null)) {
    if (!isSeq(list)) problems.push(at(list as Node, 'blocked', 'expected a list of blocked digests'));
    else {
      list.items.forEach((item, i) => {
        const field = `blocked[${i}]`;
        if (!isMap(item)) return void problems.push(at(item as Node, field, 'expected a mapping with app, digest and reason'));
        const values: Record<string, string> = {};
        for (const pair of item.items) {
          const key = isScalar(pair.key) ? String(pair.key.value) : '';
          if (!(ENTRY_KEYS as readonly string[]).includes(key)) problems.push(at(pair.key as Node, `${field}.${key}`, `unknown key ${quote(key)} (expected one of ${ENTRY_KEYS.join(', ')})`));
          else if (!isScalar(pair.value) || typeof pair.value.value !== 'string') problems.push(at((pair.value ?? pair.key) as Node, `${field}.${key}`, 'expected text'));
          else values[key] = pair.value.value;
        }
        for (const key of ['app', 'digest', 'reason']) if (values[key] === undefined && !problems.some((p) => p.field === `${field}.${key}`)) problems.push(at(item, field, `missing required key ${quote(key)}`));
        if (values.digest !== undefined && !/^sha256:[0-9a-f]{64}$/.test(values.digest)) problems.push(at(item.get('digest', true) as Node, `${field}.digest`, `expected sha256:<64 lowercase hex digits>, found ${quote(values.digest)}`));
        if (values.app !== undefined && values.digest !== undefined && values.reason !== undefined) {
          entries.push({ app: values.app, digest: values.digest, reason: values.reason, ...pick(values, 'image', 'by', 'at') });
        }
      });
    }
  }
  if (problems.length) throw new ConfigurationError(problems);
  return entries;
}

function pick(values: Record<string, string>, ...keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.filter((k) => values[k] !== undefined).map((k) => [k, values[k]!]));
}

/** The blocklist of a snapshot (empty when there is no blocked.yaml). */
export async function readBlocklist(snapshot: EnvRepoSnapshot): Promise<BlockedDigest[]> {
  const text = await snapshot.readFile(BLOCKLIST_FILE);
  return text === undefined ? [] : parseBlocklist(text);
}

export function findBlocked(list: readonly BlockedDigest[], app: string, digest: string): BlockedDigest | undefined {
  return list.find((b) => b.app === app && b.digest === digest);
}

/** Throws RefusedError when `digest` is blocked for `app`. */
export function assertNotBlocked(list: readonly BlockedDigest[], app: string, image: string, digest: string): void {
  const entry = findBlocked(list, app, digest);
  if (!entry) return;
  const who = [entry.at && `since ${entry.at}`, entry.by && `by ${entry.by}`].filter(Boolean).join(' ');
  throw new RefusedError(`refused: ${image} is blocked for app ${quote(app)}${who ? ` (${who})` : ''}: ${entry.reason}; \`ferry unblock\` allows it again`);
}

export interface BlockRequest {
  action: 'block' | 'unblock';
  app: string;
  image: string;
  reason: string;
  requestedBy?: string;
  runUrl?: string;
  /** ISO 8601, for the entry's `at` (injectable in tests). */
  now?: () => Date;
}

export interface BlockResult {
  action: 'block' | 'unblock';
  app: string;
  image: string;
  digest: string;
  reason: string;
}

/** blocked.yaml (`text`, or a new one) with `entry` added, stamped with `at`. */
export function addBlocked(text: string | undefined, entry: Omit<BlockedDigest, 'at'>, at: Date): string {
  const doc: Document = parseDocument(text ?? HEADER);
  if (!isSeq(doc.get('blocked', true))) doc.set('blocked', doc.createNode([]));
  doc.addIn(['blocked'], doc.createNode({ ...entry, at: at.toISOString().replace(/\.\d{3}Z$/, 'Z') }));
  return doc.toString({ lineWidth: 0 });
}

/** Checks the request without the env repo: bad input fails before anything is fetched. */
export function checkBlockRequest(req: BlockRequest): void {
  parseImageRef(req.image, 'image');
  assertSingleLine(req.reason, 'reason', 500);
  if (req.requestedBy !== undefined) assertSingleLine(req.requestedBy, 'requested-by', 200);
  if (req.runUrl !== undefined) assertSingleLine(req.runUrl, 'run-url', 500);
}

/** Adds or removes the entry on one snapshot: a commit, or nothing when already so. */
export async function planBlock(snapshot: EnvRepoSnapshot, req: BlockRequest): Promise<Planned<BlockResult>> {
  checkBlockRequest(req);
  const ref = parseImageRef(req.image, 'image');
  const config = await readConfig(snapshot);
  const app = findApp(config, req.app);
  assertImageForApp(ref, app, 'image');
  const before = await snapshot.readFile(BLOCKLIST_FILE);
  const list = before === undefined ? [] : parseBlocklist(before);
  const image = formatImageRef(ref);
  const result: BlockResult = { action: req.action, app: app.name, image, digest: ref.digest, reason: req.reason };
  const present = findBlocked(list, app.name, ref.digest) !== undefined;
  if (present === (req.action === 'block')) return { write: false, result };

  let text: string;
  if (req.action === 'block') {
    text = addBlocked(before, { app: app.name, digest: ref.digest, image, reason: req.reason, ...(req.requestedBy ? { by: req.requestedBy } : {}) }, req.now?.() ?? new Date());
  } else {
    const doc: Document = parseDocument(before ?? HEADER);
    const seq = doc.get('blocked', true);
    if (isSeq(seq)) seq.items = seq.items.filter((item) => !(isMap(item) && item.get('app') === app.name && item.get('digest') === ref.digest));
    text = doc.toString({ lineWidth: 0 });
  }
  const trailers: Trailer[] = [
    ['Ferry-Action', req.action],
    ['Ferry-App', app.name],
    ['Ferry-Image', image],
    ['Ferry-Reason', req.reason],
  ];
  if (req.requestedBy) trailers.push(['Ferry-Requested-By', req.requestedBy]);
  if (req.runUrl) trailers.push(['Ferry-Run', req.runUrl]);
  const version = describeImage(ref);
  const message = commitMessage(`${req.action}(${app.name}): ${version}`, trailers);
  return { write: true, files: [{ path: BLOCKLIST_FILE, content: text }], message, result };
}
