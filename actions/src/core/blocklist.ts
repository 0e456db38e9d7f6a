// blocked.yaml: image digests that no bump, promotion or rollback may pin, kept in the env repo so
// that blocking is reviewed and audited like every change. An entry names the app it was blocked
// for, but a block names content: its digest is refused for every app (findBlocked).
// `ferry block` adds an entry, `ferry unblock` removes it; each is one commit with trailers.
import { LineCounter, isMap, isScalar, isSeq, parseDocument, stringify, type Node, type Pair, type ParsedNode, type YAMLMap } from 'yaml';
import { assertImageForApp, findApp, manifestPath, type AppConfig, type FerryConfig } from './config.js';
import { readConfig } from './env-repo-config.js';
import type { EnvRepoSnapshot, Planned } from './env-repo-writer.js';
import { ConfigurationError, quote, type Problem } from './errors.js';
import { formatImageRef, parseImageRef } from './image-ref.js';
import { readPinnedImage } from './image-pin.js';
import { assertSingleLine, commitMessage, elidable, fitSubject, subjectImage, type Trailer } from './trailers.js';
import { BLOCKLIST_FILE } from './env-repo-files.js';
import { applySplices, fail, parseYaml, type Splice, type YamlFile, type YamlSeq } from './yaml-splice.js';

export { BLOCKLIST_FILE };

const HEADER = '# Image digests that no bump, promotion or rollback may pin. `ferry block` adds an entry, `ferry unblock` removes it.\n';
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

/**
 * The blocklist of a snapshot (empty when there is no blocked.yaml). A file that cannot be read
 * (not UTF-8, a link, a directory: the snapshot's ConfigurationError) fails: blocking is never
 * switched off by a file Ferry cannot read.
 */
export async function readBlocklist(snapshot: EnvRepoSnapshot): Promise<BlockedDigest[]> {
  const text = await snapshot.readFile(BLOCKLIST_FILE);
  return text === undefined ? [] : parseBlocklist(text);
}

/**
 * The entry that blocks `digest`. A block names content, not an app: the same bytes are as bad
 * under any app or name, so a digest blocked for one app is refused for every app (a bump, a
 * promotion, a rollback to it). The entry for `app` itself when there is one, else the first
 * entry for the digest (whichever app it was blocked for).
 */
export function findBlocked(list: readonly BlockedDigest[], app: string, digest: string): BlockedDigest | undefined {
  return list.find((b) => b.app === app && b.digest === digest) ?? list.find((b) => b.digest === digest);
}

/** An environment whose manifest still pins a digest just blocked: a block refuses new pins, it takes none out. */
export interface StillPinned {
  env: string;
  manifest: string;
}

/**
 * The environments (ferry.yaml's order, `except` left out: the one a rollback moves away from it)
 * whose manifest of `app` pins `digest` at `snapshot`: the head a block or a rollback --block was
 * written on, whose manifests its commit leaves as they were. All read in one go. A manifest that
 * does not read (ferry status and ferry validate say why) is in `unreadable`: whether it pins the
 * digest is not known, and "still pinned in dev, prod" must not read as complete without it.
 */
export async function stillPinned(snapshot: EnvRepoSnapshot, config: FerryConfig, app: AppConfig, digest: string, except?: string): Promise<{ pinned: StillPinned[]; unreadable: StillPinned[] }> {
  const envs = config.environments.filter((e) => e.name !== except).map((e) => ({ env: e.name, manifest: manifestPath(app, e.name) }));
  await snapshot.prefetch?.(envs.map((e) => e.manifest));
  const pins = await Promise.all(envs.map(async ({ manifest }): Promise<boolean | 'unreadable'> => {
    try {
      const text = await snapshot.readFile(manifest);
      return text !== undefined && readPinnedImage(text, manifest, app.pin).digest === digest;
    } catch (error) {
      if (error instanceof ConfigurationError) return 'unreadable';
      throw error;
    }
  }));
  return { pinned: envs.filter((_, i) => pins[i] === true), unreadable: envs.filter((_, i) => pins[i] === 'unreadable') };
}

/** `still pinned in stage, prod-us: …`: where a blocked digest still runs, and what takes it out, for a line of text. */
export function stillPinnedText(pins: readonly StillPinned[], app: string): string {
  return `still pinned in ${pins.map((p) => p.env).join(', ')}: a block refuses new pins, it takes none out; ferry rollback --env <env> --app ${appArg(app)} in each`;
}

/** `could not read stage/billing/values.yaml …`: the manifests stillPinned() could not tell of, for a line of text. */
export function unreadableText(unreadable: readonly StillPinned[]): string {
  const one = unreadable.length === 1;
  return `could not read ${unreadable.map((u) => u.manifest).join(', ')} (whether ${one ? 'it pins' : 'they pin'} the digest is not known): check ${one ? 'it' : 'them'} with ferry validate`;
}

/** The entry for `app` and `digest` exactly: what `ferry unblock --app <app>` removes. */
function findEntry(list: readonly BlockedDigest[], app: string, digest: string): BlockedDigest | undefined {
  return list.find((b) => b.app === app && b.digest === digest);
}

/** `for app "user-service" (since 2026-… by alice): CVE-…`: for which app an entry blocked its digest, when, by whom and why. */
export function describeBlock(entry: Pick<BlockedDigest, 'app' | 'reason' | 'by' | 'at'>): string {
  const who = [entry.at && `since ${entry.at}`, entry.by && `by ${entry.by}`].filter(Boolean).join(' ');
  return `for app ${quote(entry.app)}${who ? ` (${who})` : ''}: ${entry.reason}`;
}

/** Throws RefusedError when `digest` is blocked, for `app` or for any other app (findBlocked). */
export function assertNotBlocked(list: readonly BlockedDigest[], app: string, image: string, digest: string): void {
  const entry = findBlocked(list, app, digest);
  if (!entry) return;
  const others = entry.app === app ? '' : `; a blocked digest is refused for every app, ${quote(app)} too`;
  throw new RefusedError(`refused: ${image} is blocked ${describeBlock(entry)}${others}; \`ferry unblock${entry.app === app ? '' : ` --app ${appArg(entry.app)}`}\` allows it again`);
}

/** An app's name as a command-line argument: as it is, or quoted when it is not a plain name (a hand-written entry). */
function appArg(app: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(app) ? app : quote(app);
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
  /**
   * What the user must know of the digest's other entries (a block covers the digest for every
   * app): a block skipped because the digest is blocked already under another app, or an unblock
   * after which another app's entry still blocks it.
   */
  notice?: string;
  /**
   * A block (made or in place already): the environments whose manifest of the app still pins the
   * digest at the head the block was written on (or found in place at), stillPinned(); none: [].
   */
  stillPinned?: StillPinned[];
  /** A block: the environments whose manifest of the app does not read (stillPinned()): whether they pin the digest is not known; absent for none. */
  unreadable?: StillPinned[];
}

/** Checks the request without the env repo: bad input fails before anything is fetched. */
export function checkBlockRequest(req: BlockRequest): void {
  parseImageRef(req.image, 'image');
  assertSingleLine(req.reason, 'reason', 500);
  if (req.requestedBy !== undefined) assertSingleLine(req.requestedBy, 'requested-by', 200);
  if (req.runUrl !== undefined) assertSingleLine(req.runUrl, 'run-url', 500);
}

/**
 * Adds or removes the entry on one snapshot: a commit, or nothing when already so. The entry is
 * the app's own (`ferry unblock` removes the one it names), but a block covers the digest for every
 * app: a block of a digest another app's entry blocks already is skipped (that entry covers it),
 * and an unblock names an app with an entry for the digest (another app's entry would still block it).
 */
export async function planBlock(snapshot: EnvRepoSnapshot, req: BlockRequest): Promise<Planned<BlockResult>> {
  checkBlockRequest(req);
  const ref = parseImageRef(req.image, 'image');
  const config = await readConfig(snapshot);
  const app = findApp(config, req.app);
  assertImageForApp(ref, app, 'image');
  const before = await snapshot.readFile(BLOCKLIST_FILE);
  const list = before === undefined ? [] : parseBlocklist(before);
  const entry = findEntry(list, app.name, ref.digest);
  // The digest's entries for other apps: each blocks it for this app too.
  const others = list.filter((b) => b.digest === ref.digest && b.app !== app.name);
  const other = others[0];
  if (req.action === 'unblock' && !entry && other) {
    throw new ConfigurationError({
      field: 'app',
      message: `${formatImageRef(ref)} has no entry for app ${quote(app.name)} in ${BLOCKLIST_FILE}: it is blocked ${describeBlock(other)}, which blocks it for every app; \`ferry unblock --app ${appArg(other.app)}\` removes that entry; nothing was changed`,
    });
  }
  // An entry that is there speaks for itself: an unblock records the image as it was blocked (the
  // digest decides, the tag given may be another), and a block that is already in place reports
  // the reason on record, not the one just given (another app's entry: its reason).
  const image = recordedImage(entry) ?? formatImageRef(ref);
  const onRecord = entry ?? other;
  const result: BlockResult = { action: req.action, app: app.name, image, digest: ref.digest, reason: req.action === 'block' && onRecord ? onRecord.reason : req.reason };
  if (req.action === 'block') {
    const { pinned, unreadable } = await stillPinned(snapshot, config, app, ref.digest);
    result.stillPinned = pinned;
    if (unreadable.length) result.unreadable = unreadable;
  }
  if (req.action === 'block' && !entry && other) {
    result.notice = `already blocked ${describeBlock(other)}, which blocks it for every app, ${quote(app.name)} too: no second entry is added (\`ferry unblock --app ${appArg(other.app)}\` allows it again)`;
    return { write: false, result };
  }
  if (req.action === 'unblock' && entry && other) {
    const how = others.length === 1 ? `\`ferry unblock --app ${appArg(other.app)}\` removes that entry` : '`ferry unblock --app <app>` removes each app\'s entry';
    result.notice = `still blocked for every app, ${quote(app.name)} too: it is blocked ${others.map(describeBlock).join('; and ')}; ${how}`;
  }
  if ((entry !== undefined) === (req.action === 'block')) return { write: false, result };

  // (Unblock: the entry is present, so there is a file.)
  const text = req.action === 'block'
    ? addBlocked(before, { app: app.name, digest: ref.digest, image, reason: req.reason, ...(req.requestedBy ? { by: req.requestedBy } : {}) }, req.now?.() ?? new Date())
    : removeBlocked(before!, app.name, ref.digest);
  const trailers: Trailer[] = [
    ['Ferry-Action', req.action],
    ['Ferry-App', app.name],
    ['Ferry-Image', image],
    ['Ferry-Reason', req.reason],
  ];
  if (req.requestedBy) trailers.push(['Ferry-Requested-By', req.requestedBy]);
  if (req.runUrl) trailers.push(['Ferry-Run', req.runUrl]);
  const version = subjectImage(image === formatImageRef(ref) ? ref : parseImageRef(image, 'image'));
  const message = commitMessage(fitSubject([`${req.action}(`, elidable(app.name), '): ', ...version]), trailers);
  return { write: true, files: [{ path: BLOCKLIST_FILE, content: text }], message, result };
}

/** The image an entry was blocked as, when it names one of its own digest (a hand edit may not). */
function recordedImage(entry: BlockedDigest | undefined): string | undefined {
  if (entry?.image === undefined) return undefined;
  try {
    const ref = parseImageRef(entry.image, 'image');
    return ref.digest === entry.digest ? formatImageRef(ref) : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Editing blocked.yaml: byte-exact, like every other edit Ferry makes (yaml-splice.ts). Only the
// bytes of the entry added or removed change; every other byte (comments, their spacing, quoting,
// blank lines, line endings, flow style, a missing final newline) stays as it was.
//
// What an entry owns (its bytes, which `ferry unblock` removes):
// - its own lines, from its `- ` through the line of its last value, comments on them included;
// - the full-line comments directly above its `- ` (no blank line between) that are not indented
//   deeper than the `-`: `# never unblock this one` written above an entry describes that entry;
// - the full-line comments directly below its last line that are indented deeper than its `-`
//   (they read as part of it);
// - one blank line, when blank lines separate it from the entries around it (the spacing of the
//   list stays as it was).
// A list in flow style (`blocked: [{…}, {…}]`) gets a flow entry, `, {app: …}`, after its last
// entry and on that entry's line; `blocked: []` on the key's line becomes a block list. From a flow
// list, an entry is removed with one comma; with a comment next to it, it is refused instead (Ferry
// cannot tell which entry the comment is about). Every result is read back: one that does not read
// as the list before with exactly that entry added or removed is refused, nothing written.

/** One line of the file: where its text starts and ends (before the line break), and where the next starts. */
interface Line {
  start: number;
  end: number;
  next: number;
}

interface Layout {
  y: YamlFile;
  lines: Line[];
  root: ParsedNode | null;
  /** The `blocked` pair of a mapping root, when there is one. */
  pair?: Pair<ParsedNode, ParsedNode | null>;
}

/** The entry's keys in the order Ferry writes them. */
function ordered(entry: BlockedDigest): Record<string, string> {
  return Object.fromEntries(ENTRY_KEYS.filter((k) => entry[k] !== undefined).map((k) => [k, entry[k]!]));
}

/** The entry as block-style lines: `<dash>-<gap>app: …`, then each key at `keyIndent`. */
function blockEntry(entry: BlockedDigest, dash: string, gap: string, keyIndent: string, eol: string): string {
  const lines = stringify(ordered(entry), { lineWidth: 0 }).replace(/\n$/, '').split('\n');
  return lines.map((l, i) => (i === 0 ? `${dash}-${gap}${l}` : `${keyIndent}${l}`)).join(eol) + eol;
}

/** The entry as a one-line flow mapping: `{app: …, digest: …}` (padded: `{ app: … }`). */
function flowEntry(entry: BlockedDigest, padded: boolean): string {
  const text = stringify(ordered(entry), { collectionStyle: 'flow', flowCollectionPadding: padded, lineWidth: 0 }).replace(/\n$/, '');
  if (text.includes('\n')) throw new Error(`internal: a blocked.yaml entry in flow style took more than one line: ${quote(text, 200)}`);
  return text;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      lines.push({ start, end: text.length, next: text.length });
      break;
    }
    lines.push({ start, end: nl > start && text[nl - 1] === '\r' ? nl - 1 : nl, next: nl + 1 });
    start = nl + 1;
  }
  return lines;
}

function layout(text: string, file: string): Layout {
  const y = parseYaml(text, file);
  const doc = y.docs[0];
  const root = (doc?.contents ?? null) as ParsedNode | null;
  const pair = isMap(root) ? (root.items as Pair<ParsedNode, ParsedNode | null>[]).find((p) => isScalar(p.key) && p.key.value === 'blocked') : undefined;
  return { y, lines: splitLines(text), root, ...(pair ? { pair } : {}) };
}

/** The 0-based index of the line that holds `offset` (a character of the text), as the parse counted lines. */
function lineAt(l: Layout, offset: number): number {
  return l.y.lines.linePos(offset).line - 1;
}

/** A line's text, without a byte order mark. */
function lineText(y: YamlFile, line: Line): string {
  return y.text.slice(line.start, line.end).replace(/^\ufeff/, '');
}

const isBlank = (y: YamlFile, line: Line | undefined): boolean => line !== undefined && /^[ \t]*$/.test(lineText(y, line));
const isComment = (y: YamlFile, line: Line | undefined): boolean => line !== undefined && /^[ \t]*#/.test(lineText(y, line));
const indentOf = (y: YamlFile, line: Line): number => /^ */.exec(lineText(y, line))![0].length;

/** The column of a block list's dashes: of its first `-`, which only spaces may precede. */
function dashColumn(l: Layout, seq: YamlSeq): number {
  const line = l.lines[lineAt(l, seq.range[0])]!;
  const prefix = l.y.text.slice(line.start, seq.range[0]).replace(/^\ufeff/, '');
  if (!/^ *$/.test(prefix)) fail(l.y, seq, 'blocked', 'the list does not start on a line of its own (Ferry edits entries written `- app: …`); edit blocked.yaml by hand');
  return prefix.length;
}

/** The line of an entry's `-` and the spaces after it: the entry must start on that line (`- app: …`). */
function dashOf(l: Layout, item: ParsedNode, i: number): { line: number; gap: string } {
  const line = lineAt(l, item.range[0]);
  const prefix = l.y.text.slice(l.lines[line]!.start, item.range[0]).replace(/^\ufeff/, '');
  const m = /^ *-( +)/.exec(prefix);
  if (!m) fail(l.y, item, `blocked[${i}]`, 'the entry does not start on the line of its `-` (Ferry edits entries written `- app: …`); edit blocked.yaml by hand');
  return { line, gap: prefix.length === m[0].length ? m[1]! : ' ' };
}

/** The last line that holds a value of the entry (its comments aside). */
function lastContentLine(l: Layout, item: ParsedNode): number {
  const lastPair = isMap(item) && !item.flow ? item.items.at(-1) : undefined;
  const end = lastPair ? ((lastPair.value ?? lastPair.key) as ParsedNode).range[1] : item.range[1];
  let p = end;
  while (p > item.range[0] + 1 && /\s/.test(l.y.text[p - 1]!)) p--;
  return lineAt(l, p - 1);
}

/** The last line entry `i` of a block list owns: its last value's, then comments indented deeper than its `-`. */
function ownedEnd(l: Layout, seq: YamlSeq, i: number, column: number): number {
  const next = seq.items[i + 1];
  const ceiling = next ? lineAt(l, next.range[0]) : l.lines.length;
  let last = lastContentLine(l, seq.items[i]!);
  while (last + 1 < ceiling && isComment(l.y, l.lines[last + 1]) && indentOf(l.y, l.lines[last + 1]!) > column) last++;
  return last;
}

/** The first line entry `i` of a block list owns: its `-` line, after the comments directly above it not indented deeper than its `-`. */
function ownedStart(l: Layout, seq: YamlSeq, i: number, column: number): number {
  const floor = i > 0 ? lastContentLine(l, seq.items[i - 1]!) : lineAt(l, (l.pair!.key as ParsedNode).range[0]);
  let first = dashOf(l, seq.items[i]!, i).line;
  while (first - 1 > floor && isComment(l.y, l.lines[first - 1]) && indentOf(l.y, l.lines[first - 1]!) <= column) first--;
  return first;
}

/** `text` with `entry` added at the end of its list. */
function appendEntry(text: string, file: string, entry: BlockedDigest): string {
  const l = layout(text, file);
  const { y, root, pair } = l;
  const eol = y.eol;
  // An empty document (nothing, or only comments): the list goes at the end.
  if (root === null || (isScalar(root) && root.value === null && !root.source)) {
    const body = `blocked:${eol}${blockEntry(entry, '  ', ' ', '    ', eol)}`;
    if (text === '' || text.endsWith('\n')) return text + body;
    return `${text}${eol}${body.slice(0, -eol.length)}`;
  }
  if (!pair) fail(y, root, 'blocked', `found ${quote(text.slice(root.range[0], root.range[1]), 40)} and no \`blocked:\` list to add the entry to; write \`blocked:\` on a line of its own`);
  const list = pair.value;
  const key = pair.key as ParsedNode;
  const keyLine = lineAt(l, key.range[0]);
  /** Inserts block entries on the line after the key's, the value `[start, end)` on the key's line removed. */
  const underKey = (start: number, end: number): string => {
    const keyPrefix = text.slice(l.lines[keyLine]!.start, key.range[0]).replace(/^\ufeff/, '');
    if ((root as YAMLMap).flow || !/^ *$/.test(keyPrefix) || lineAt(l, Math.max(end - 1, start)) !== keyLine) {
      fail(y, list ?? key, 'blocked', 'Ferry adds an entry to `blocked:` written as a key on a line of its own, with an empty value, `[]` or a list; edit blocked.yaml by hand');
    }
    let from = start;
    while (from > key.range[1] && /[ \t]/.test(text[from - 1]!)) from--;
    const indent = ' '.repeat(keyPrefix.length + 2);
    const entries = blockEntry(entry, indent, ' ', `${indent}  `, eol);
    const line = l.lines[keyLine]!;
    const splices: Splice[] = [{ start: from, end, text: '' }];
    if (line.next > line.end) splices.push({ start: line.next, end: line.next, text: entries });
    else splices.push({ start: text.length, end: text.length, text: eol + entries.slice(0, -eol.length) });
    return applySplices(text, splices);
  };
  if (isScalar(list) || list === null) {
    // `blocked:`, `blocked: ~` (parseBlocklist let only a null through).
    if (list && (list.tag !== undefined || list.anchor !== undefined)) fail(y, key, 'blocked', 'the empty value carries a tag or an anchor; write `blocked:` with nothing after it');
    return underKey(list ? list.range[0] : key.range[1], list ? list.range[1] : key.range[1]);
  }
  if (!isSeq(list)) fail(y, list, 'blocked', 'expected a list of blocked digests');
  const seq = list as YamlSeq;
  if (seq.flow) {
    const inner = text.slice(seq.range[0] + 1, seq.range[1] - 1);
    if (!seq.items.length && /^[ \t]*$/.test(inner) && !(root as YAMLMap).flow && !seq.anchor && !seq.tag) return underKey(seq.range[0], seq.range[1]);
    const last = seq.items.at(-1);
    if (!last) return applySplices(text, [{ start: seq.range[0] + 1, end: seq.range[0] + 1, text: flowEntry(entry, false) }]);
    const padded = isMap(last) && last.flow === true && /^\{[ \t]/.test(text.slice(last.range[0]));
    return applySplices(text, [{ start: last.range[1], end: last.range[1], text: `, ${flowEntry(entry, padded)}` }]);
  }
  const index = seq.items.length - 1;
  const last = seq.items[index]!;
  const column = dashColumn(l, seq);
  const gap = /^ *-( +)$/.exec(text.slice(l.lines[lineAt(l, last.range[0])]!.start, last.range[0]).replace(/^\ufeff/, ''))?.[1] ?? ' ';
  const dash = ' '.repeat(column);
  const entryText = isMap(last) && last.flow
    ? `${dash}-${gap}${flowEntry(entry, /^\{[ \t]/.test(text.slice(last.range[0])))}${eol}`
    : blockEntry(entry, dash, gap, ' '.repeat(column + 1 + gap.length), eol);
  const end = l.lines[ownedEnd(l, seq, index, column)]!;
  if (end.next > end.end) return applySplices(text, [{ start: end.next, end: end.next, text: entryText }]);
  return `${text}${eol}${entryText.slice(0, -eol.length)}`;
}

/** `text` without the first entry for `app` and `digest`; undefined when there is none. */
function removeEntry(text: string, file: string, app: string, digest: string): string | undefined {
  const l = layout(text, file);
  const { y, lines } = l;
  const seq = l.pair?.value;
  if (!isSeq(seq)) return undefined;
  const items = (seq as YamlSeq).items;
  const i = items.findIndex((item) => isMap(item) && (item as YAMLMap<unknown, unknown>).get('app') === app && (item as YAMLMap<unknown, unknown>).get('digest') === digest);
  if (i < 0) return undefined;
  const item = items[i]!;
  if (seq.flow) {
    const prev = items[i - 1];
    const next = items[i + 1];
    const before = prev ? text.slice(prev.range[1], item.range[0]) : text.slice(seq.range[0] + 1, item.range[0]);
    const after = next ? text.slice(item.range[1], next.range[0]) : text.slice(item.range[1], seq.range[1] - 1);
    if (before.includes('#') || after.includes('#')) {
      fail(y, item, `blocked[${i}]`, 'the entry is in a flow list ([…]) with a comment next to it; Ferry cannot tell which entry the comment is about: remove the entry by hand');
    }
    if (prev) return applySplices(text, [{ start: prev.range[1], end: item.range[1], text: '' }]);
    return applySplices(text, [{ start: item.range[0], end: next ? next.range[0] : item.range[1], text: '' }]);
  }
  const column = dashColumn(l, seq as YamlSeq);
  let first = ownedStart(l, seq as YamlSeq, i, column);
  let last = ownedEnd(l, seq as YamlSeq, i, column);
  // Blank lines around it: one goes with it, so that the list keeps its spacing.
  if (isBlank(y, lines[first - 1])) {
    if (isBlank(y, lines[last + 1])) last++;
    else if (last + 1 >= lines.length) first--;
  }
  const end = lines[last]!;
  if (end.next > end.end || first === 0) return text.slice(0, lines[first]!.start) + text.slice(end.next);
  // The last line of a file without a final newline: the line break before it goes instead.
  return text.slice(0, lines[first - 1]!.end);
}

/** `out` when it reads as `expected`; else the edit is refused (a layout the splice misjudged). */
function readBack(out: string, file: string, expected: readonly BlockedDigest[]): string {
  let problem: string | undefined;
  try {
    const after = parseBlocklist(out, file);
    const same = after.length === expected.length && after.every((e, i) => JSON.stringify(ordered(e)) === JSON.stringify(ordered(expected[i]!)));
    if (!same) problem = `it would read as ${after.length} entries instead of the ${expected.length} expected`;
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    problem = `it would not read back (${error.message})`;
  }
  if (problem) throw new ConfigurationError({ file, message: `Ferry cannot edit this file's layout safely: after the edit ${problem}; edit it by hand; nothing was changed` });
  return out;
}

/**
 * blocked.yaml (`text`, or a new one) with `entry` added at the end of its list, stamped with `at`:
 * only the new entry's bytes are added, in the file's line ending, indentation and style.
 * ConfigurationError (file and line named) when the file is not a valid blocklist or has a
 * layout the edit cannot keep.
 */
export function addBlocked(text: string | undefined, entry: Omit<BlockedDigest, 'at'>, at: Date, file = BLOCKLIST_FILE): string {
  const stamped: BlockedDigest = { ...entry, at: at.toISOString().replace(/\.\d{3}Z$/, 'Z') };
  if (text === undefined) return `${HEADER}\nblocked:\n${blockEntry(stamped, '  ', ' ', '    ', '\n')}`;
  const before = parseBlocklist(text, file);
  return readBack(appendEntry(text, file, stamped), file, [...before, stamped]);
}

/**
 * blocked.yaml without the entries for `app` and `digest`: exactly their bytes removed (their
 * lines and the comments they own, see above), every other byte as it was. ConfigurationError
 * (file and line named) when the file is not a valid blocklist or an entry cannot be cut out safely.
 */
export function removeBlocked(text: string, app: string, digest: string, file = BLOCKLIST_FILE): string {
  const before = parseBlocklist(text, file);
  let out = text;
  // One at a time, the file read again after each: duplicates are rare, and every cut is then made on the text it was measured in.
  for (let next = removeEntry(out, file, app, digest); next !== undefined && next !== out; next = removeEntry(out, file, app, digest)) out = next;
  return readBack(out, file, before.filter((b) => !(b.app === app && b.digest === digest)));
}
