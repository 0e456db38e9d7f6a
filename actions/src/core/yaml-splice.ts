// Byte-exact YAML edits. The `yaml` library parses the file and says where each node is in the
// source; an edit is a splice of new text into the original string at those offsets. Nothing is
// re-serialized, so every byte outside the spliced ranges (comments, quoting, blank lines, key
// order, line endings, anchors elsewhere, document separators) stays as it was.
import { Alias, LineCounter, Scalar, YAMLMap, YAMLSeq, parseAllDocuments, parseDocument, visit, type Document, type ParsedNode } from 'yaml';
import { ConfigurationError, quote, type Problem } from './errors.js';

export type YamlMap = YAMLMap.Parsed;
export type YamlSeq = YAMLSeq.Parsed;
export type YamlPair = YamlMap['items'][number];

/** A parsed YAML file and what an edit needs to know about it. */
export interface YamlFile {
  /** Path as shown in errors. */
  file: string;
  text: string;
  docs: Document.Parsed[];
  /** The file's line ending (its first line break decides); new lines use it. */
  eol: '\n' | '\r\n';
  lines: LineCounter;
  /** Nodes an alias refers to: editing inside one would also change the alias. */
  shared: SharedNode[];
}

interface SharedNode {
  anchor: string;
  start: number;
  end: number;
  /** 1-based line of the first alias that refers to it. */
  aliasLine: number;
}

/** Replace text[start, end) with `text`; start === end inserts. */
export interface Splice {
  start: number;
  end: number;
  text: string;
  /**
   * Set on a new pair (insertPair). `separator` goes between it and a new pair before it at the
   * same offset: `, ` in an empty flow mapping, where every new pair goes right after the `{`.
   * `at`: where its mapping starts, for errors (the offset of the new pair may be the start of a
   * line after the mapping, or the end of the file).
   */
  insert?: { separator: string; at: number };
}

/** Parses every document of `text`; a syntax error is a ConfigurationError with file, line and column. */
/** Where the quoted scalar whose text runs to `offset` starts (its opening quote), in any of `docs`. */
function quotedScalarEndingAt(docs: readonly Document.Parsed[], offset: number): number | undefined {
  let start: number | undefined;
  for (const doc of docs) {
    visit(doc, {
      Scalar(_key, node) {
        if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && node.range?.[1] === offset) {
          start = node.range[0];
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (start !== undefined) return start;
  }
  return undefined;
}

export function parseYaml(text: string, file: string): YamlFile {
  const lines = new LineCounter();
  // (Source tokens: where a pair starts, before its key's anchor, tag or `?`: see pairStart.)
  const docs = Array.from(parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, keepSourceTokens: true }));
  const errors = docs.flatMap((d) => d.errors);
  if (errors.length) {
    // (Why, when the cause is likely the line endings, a lone CR the parser reads as text: said once.)
    const why = /\r(?!\n)/.test(text) ? '; the file has carriage returns (CR) with no line feed after them, as a file whose CRLF line endings were converted twice has: convert its line endings once' : '';
    throw new ConfigurationError(
      errors.map((e, i) => {
        // An unclosed quote is reported where the parser gave up, often lines later: the quoted
        // value that runs to there starts at the quote that opens it.
        const opened = e.code === 'MISSING_CHAR' && /^Missing closing ["']quote/.test(e.message) ? quotedScalarEndingAt(docs, e.pos[0]) : undefined;
        const { line, col } = lines.linePos(opened ?? e.pos[0]);
        return { file, line, column: col, message: `the YAML does not parse: ${e.message}${opened !== undefined ? ' for the value that starts here' : ''}${i === 0 ? why : ''}` };
      }),
    );
  }
  const shared: SharedNode[] = [];
  const unresolved: Problem[] = [];
  for (const doc of docs) {
    visit(doc, {
      Alias(_key, alias) {
        const target = alias.resolve(doc);
        // The parser reads an alias with no anchor before it as nothing; go-yaml fails on it
        // ("unknown anchor"): an error, like one of syntax (and an edit that leaves one is refused).
        if (!target && alias.range) {
          const { line, col } = lines.linePos(alias.range[0]);
          unresolved.push({ file, line, column: col, message: `the YAML does not read: the alias *${alias.source} refers to no anchor &${alias.source} before it in its document (go-yaml, the YAML reader of kustomize and Helm, fails with "unknown anchor")` });
        }
        const range = target?.range;
        if (!range || !alias.range || shared.some((s) => s.start === range[0] && s.end === range[2])) return;
        shared.push({ anchor: alias.source, start: range[0], end: range[2], aliasLine: lines.linePos(alias.range[0]).line });
      },
    });
  }
  if (unresolved.length) throw new ConfigurationError(unresolved);
  return { file, text, docs, eol: lineEnding(text), lines, shared };
}

export function lineEnding(text: string): '\n' | '\r\n' {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

/** A document with nothing in it: no content, or null (`---` and a comment). */
export function isEmptyDocument(doc: Document.Parsed): boolean {
  return doc.contents === null || (doc.contents instanceof Scalar && doc.contents.value === null);
}

/** Throws a ConfigurationError located at `node` (or at the file when there is no node). */
export function fail(y: YamlFile, node: { range?: readonly number[] | null } | null | undefined, field: string | undefined, message: string): never {
  const offset = node?.range?.[0];
  if (offset === undefined) throw new ConfigurationError({ file: y.file, field, message });
  const { line, col } = y.lines.linePos(offset);
  throw new ConfigurationError({ file: y.file, line, column: col, field, message });
}

// ---------------------------------------------------------------------------------------------
// What go-yaml reads otherwise. kustomize and Helm read YAML with go-yaml: YAML 1.1 line breaks,
// merge keys applied. Ferry parses YAML 1.2, so where these are the two would read different pins.

/** The characters YAML 1.1 (go-yaml) takes for line breaks besides LF and CRLF, which Ferry's YAML reader does not. */
const GO_YAML_LINE_BREAKS: Readonly<Record<string, string>> = { '\r': 'a carriage return (CR) with no line feed after it', '\u0085': 'U+0085 (next line)', '\u2028': 'U+2028 (line separator)', '\u2029': 'U+2029 (paragraph separator)' };

/** A lone CR (not the first half of a CRLF: `\r\r\n` has one), U+0085, U+2028, U+2029. */
const GO_YAML_LINE_BREAK = /\r(?!\n)|[\u0085\u2028\u2029]/g;

/** A lone CR with nothing but spaces, tabs and CRs after it on its line (`\r\r\n`, a CRLF file converted twice). */
const TRAILING_CR = /\r(?=[ \t\r]*(?:\n|$))/y;

/**
 * Refuses a file with a character that go-yaml takes for a line break and Ferry does not: text
 * after it (in a comment, say) would be YAML to kustomize and Helm, a second `digest:` that wins.
 * A lone CR is one (`digest: B # reviewed\r  digest: E` deploys E); CRLF is a line break to both.
 * A lone CR with only spaces, tabs or CRs after it on its line (`\r\r\n`) is an empty line to
 * both, unless Ferry reads it inside a value.
 * One problem for each, at its line and column (lines counted by LF, as everywhere in Ferry).
 */
export function assertGoYamlLineBreaks(y: YamlFile): void {
  if (!/\r(?!\n)|[\u0085\u2028\u2029]/.test(y.text)) return;
  const problems: Problem[] = [];
  let values: (readonly number[])[] | undefined;
  for (const match of y.text.matchAll(GO_YAML_LINE_BREAK)) {
    TRAILING_CR.lastIndex = match.index;
    if (TRAILING_CR.test(y.text)) {
      // go-yaml reads an empty line there, and so does Ferry, in a comment or between lines; in a
      // value (`digest: B\r\r\n`) Ferry reads the CR as part of it, go-yaml does not.
      values ??= scalarRanges(y);
      if (!values.some(([start, end]) => start! <= match.index && match.index < end!)) continue;
    }
    const { line, col } = y.lines.linePos(match.index);
    const what = GO_YAML_LINE_BREAKS[match[0]]!;
    const advice = match[0] === '\r' ? 'remove it (or end the line with CRLF or LF)' : 'remove it (or put a space in its place)';
    problems.push({ file: y.file, line, column: col, message: `${what} is a line break to go-yaml (the YAML reader of kustomize and Helm) but not to Ferry: in a comment or an unquoted value, what follows it would be read as another line of YAML there (in a quoted one, the value would differ); ${advice}` });
  }
  if (problems.length) throw new ConfigurationError(problems);
}

/** The ranges (start, end of the value) of every scalar of `y`'s documents, keys too. */
function scalarRanges(y: YamlFile): (readonly number[])[] {
  const ranges: (readonly number[])[] = [];
  for (const doc of y.docs) {
    visit(doc, {
      Scalar(_key, node) {
        if (node.range) ranges.push(node.range);
      },
    });
  }
  return ranges;
}

/**
 * Refuses a key of `map` that go-yaml may read as another key than Ferry does. Ferry matches keys
 * as text; go-yaml (kustomize, Helm, kubectl, Argo CD) reads an alias as the text of its anchor
 * (`&d digest: B` then `*d : E`), a key tagged !!binary as the text it decodes to
 * (`!!binary ZGlnZXN0` is `digest`), other tags its own way, and a mapping or sequence as a key
 * (`? [a]`) not as text at all. Any of them could be a second `digest:` that wins there and that
 * Ferry never sees. A key written as text (plain, quoted, after `? ` or not), untagged or tagged
 * !!str or `!`, is read alike; merge keys are assertNoMergeKey's.
 */
export function assertTextKeys(y: YamlFile, doc: Document.Parsed, map: YamlMap, field: string | undefined): void {
  for (const pair of map.items) {
    const key = pair.key as ParsedNode | null;
    if (!key || isMergeKey(pair)) continue;
    const problem = keyProblem(doc, key);
    if (problem) fail(y, key, field, `${problem}, so the two could read different values here; write the key as text${key instanceof Alias ? ' instead of the alias' : key instanceof Scalar ? ', without the tag' : ''}`);
  }
}

const GO_YAML = 'go-yaml (the YAML reader of kustomize, Helm, kubectl and Argo CD)';

/** Why go-yaml may read `key` otherwise than Ferry (see assertTextKeys); undefined when it reads it alike. */
function keyProblem(doc: Document.Parsed, key: ParsedNode): string | undefined {
  if (key instanceof Alias) {
    const text = scalarText(deref(doc, key));
    return `the key is the alias *${key.source}: ${GO_YAML} reads it as ${text === undefined ? `what &${key.source} holds` : `the key ${quote(text)}`}, Ferry does not match a key through an alias`;
  }
  if (!(key instanceof Scalar)) {
    return `the key is a ${key instanceof YAMLSeq ? 'sequence' : 'mapping'}, not text: Ferry matches only keys written as text, and ${GO_YAML} does not read it as Ferry does`;
  }
  if (key.tag === undefined || key.tag === '!' || key.tag === STR_TAG) return undefined;
  const tag = tagName(key.tag);
  if (key.tag === `${YAML_TAG}binary` && key.value instanceof Uint8Array) {
    return `the key carries the explicit tag ${tag}: ${GO_YAML} decodes it to the key ${quote(new TextDecoder().decode(key.value))}, which Ferry does not match`;
  }
  return `the key carries the explicit tag ${tag}: ${GO_YAML} reads the key through its tag, Ferry as the text written`;
}

/**
 * The text of `node`, a value Ferry reads to find or compare (an entry's name, a workload's kind,
 * a container's name), not one it writes: as scalarText reads it. A value with a tag (other than
 * !!str or `!`) is refused, as a key with one is (assertTextKeys): go-yaml reads it through its tag
 * (`!!binary dXNlci1zZXJ2aWNl` is "user-service") where Ferry would read the text written, so the
 * two could find different entries or workloads. (A value Ferry writes: pinText.)
 */
export function textValue(y: YamlFile, node: ParsedNode | null | undefined, field: string): string | undefined {
  if (node instanceof Scalar && !isTextTag(node.tag)) {
    const read = node.tag === `${YAML_TAG}binary` && node.value instanceof Uint8Array ? `decodes it to ${quote(new TextDecoder().decode(node.value))}` : 'reads the value through its tag';
    fail(y, node, field, `the value carries the explicit tag ${tagName(node.tag!)}: ${GO_YAML} ${read}, a tagged value Ferry cannot read as text, so the two could read different values here; write the value as text, without the tag`);
  }
  return scalarText(node);
}

/**
 * The text of `node`, a part of a pin Ferry reads and may write (a newTag, a digest, a container's
 * image). A tag other than !!str or `!` is refused, for reading as for writing (replaceScalar):
 * the value must be a string to both.
 */
export function pinText(y: YamlFile, node: ParsedNode | null | undefined, field: string): string | undefined {
  if (node instanceof Scalar) assertStringTag(y, node, field);
  return scalarText(node);
}

/** No tag, `!` (a string) or !!str: text to go-yaml as to Ferry. */
function isTextTag(tag: string | undefined): boolean {
  return tag === undefined || tag === '!' || tag === STR_TAG;
}

/** Refuses a value of a pin with another tag than !!str or `!`: it would stay on a new value and make it something else than a string, or not even valid (`!!int 1.4.2`). */
function assertStringTag(y: YamlFile, node: Scalar, field: string): void {
  if (isTextTag(node.tag)) return;
  fail(y, node, field, `the value carries the explicit tag ${tagName(node.tag!)}; Ferry writes image names, tags and digests as strings: remove the tag or use !!str`);
}

/** A tag as written in YAML: `!!binary`, `!custom`, `!<tag:example.com,2024:x>`. */
function tagName(tag: string): string {
  return tag.startsWith(YAML_TAG) ? `!!${tag.slice(YAML_TAG.length)}` : tag.startsWith('!') ? tag : `!<${tag}>`;
}

/** Whether `pair`'s key is a merge key (`<<`, plain or tagged !!merge), which go-yaml applies and Ferry does not. */
export function isMergeKey(pair: YamlPair): boolean {
  const key = pair.key;
  if (!(key instanceof Scalar)) return false;
  // (With `%YAML 1.1` the yaml library reads the key as a merge too: its value is then a symbol.)
  return key.tag === `${YAML_TAG}merge` || (key.type === 'PLAIN' && (key.value === '<<' || typeof key.value === 'symbol'));
}

/** Refuses a merge key in `map`, a mapping Ferry reads a pin from: the keys it merges in are invisible to Ferry. */
export function assertNoMergeKey(y: YamlFile, map: YamlMap, field: string | undefined): void {
  const pair = map.items.find(isMergeKey);
  if (!pair) return;
  fail(y, pair.key as ParsedNode, field, 'a merge key (<<): go-yaml (kustomize, Helm) merges in the keys of the mapping it refers to, which Ferry does not read, so Ferry cannot tell what is pinned; write those keys out here and remove the <<');
}

export function lineOf(y: YamlFile, node: { range?: readonly number[] | null }): number | undefined {
  const offset = node.range?.[0];
  return offset === undefined ? undefined : y.lines.linePos(offset).line;
}

/**
 * Applies non-overlapping splices. At the same offset: first the value written into an empty one
 * (`newTag:` at the end of a file: it belongs to the pair before the offset), then new pairs in
 * the order given, then the splice that replaces or removes the text from there.
 */
export function applySplices(text: string, splices: readonly Splice[]): string {
  const rank = (s: Splice): number => (s.start !== s.end ? 2 : s.insert ? 1 : 0);
  const sorted = splices.map((s, i) => ({ s, i })).sort((a, b) => a.s.start - b.s.start || rank(a.s) - rank(b.s) || a.i - b.i).map(({ s }) => s);
  let out = '';
  let at = 0;
  let previous: Splice | undefined;
  for (const s of sorted) {
    if (s.start < at) throw new Error(`overlapping YAML edits at offset ${s.start}`);
    const separator = s.insert && previous?.insert && previous.start === s.start ? s.insert.separator : '';
    out += text.slice(at, s.start) + separator + s.text;
    at = s.end;
    previous = s;
  }
  return out + text.slice(at);
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The node itself, or what it refers to when it is an alias. */
export function deref(doc: Document.Parsed, node: ParsedNode | null | undefined): ParsedNode | undefined {
  if (!node) return undefined;
  return node instanceof Alias ? ((node.resolve(doc) as ParsedNode | undefined) ?? undefined) : node;
}

export function asMap(node: ParsedNode | undefined): YamlMap | undefined {
  return node instanceof YAMLMap ? (node as YamlMap) : undefined;
}

export function asSeq(node: ParsedNode | undefined): YamlSeq | undefined {
  return node instanceof YAMLSeq ? (node as YamlSeq) : undefined;
}

export function findPair(map: YamlMap, key: string): YamlPair | undefined {
  return map.items.find((p) => p.key instanceof Scalar && p.key.value !== null && String(p.key.value) === key);
}

/** The value of `key` in `map`, aliases followed. */
export function mapValue(doc: Document.Parsed, map: YamlMap, key: string): ParsedNode | undefined {
  return deref(doc, findPair(map, key)?.value);
}

/**
 * A scalar's value as text, as a reader of the file would see it: quoted values as written,
 * plain ones as their source (`1.0` stays "1.0", not the number 1). Undefined for null, '' and
 * anything that is not a scalar.
 */
export function scalarText(node: ParsedNode | null | undefined): string | undefined {
  if (!(node instanceof Scalar) || node.value === null || node.value === undefined) return undefined;
  const text = typeof node.value === 'string' ? node.value : ((node as Scalar.Parsed).source ?? String(node.value));
  return text === '' ? undefined : text;
}

// ---------------------------------------------------------------------------------------------
// Writing

const YAML_TAG = 'tag:yaml.org,2002:';
const STR_TAG = `${YAML_TAG}str`;

/**
 * What go-yaml (v2 and v3, the reader of Helm and kustomize) reads as a number once it has taken
 * every `_` out of a plain scalar that starts with a digit, `+`, `-` or `.`: strconv.ParseInt and
 * ParseUint with base 0 (`0x1F`, `0X1F`, `0o17`, `0O17`, `0B11`, `017`, a sign), then its float
 * pattern (`2024.01`, `1e10`). Out-of-range numbers match too: quoting them as well is harmless.
 */
const GO_YAML_NUMBER = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)$/;

/**
 * Whether `value` must be quoted to stay the same string in plain style, for every YAML reader
 * that matters: YAML 1.2 (kustomize), YAML 1.1 (Helm, where `yes` and `1_000` are not strings),
 * and go-yaml's own reading of numbers (`0X1F` and `1e1_0` are numbers to it, strings to both
 * specs). With an explicit `!!str` tag only the syntax matters.
 */
export function needsQuotes(value: string, strTagged = false): boolean {
  if (!/^[A-Za-z0-9_./+-][A-Za-z0-9_./@:+-]*$/.test(value) || value.endsWith(':')) return true;
  if (strTagged) return false;
  if (/^[0-9+.-]/.test(value) && GO_YAML_NUMBER.test(value.replace(/_/g, ''))) return true;
  return (['1.1', '1.2'] as const).some((version) => {
    const doc = parseDocument(value, { version });
    return doc.errors.length > 0 || !(doc.contents instanceof Scalar) || doc.contents.value !== value;
  });
}

/** `value` written as a scalar of `type`: plain when it can be, else double-quoted; single stays single. */
export function formatScalar(value: string, type?: Scalar.Type, strTagged = false): string {
  if (type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (type === 'QUOTE_DOUBLE' || needsQuotes(value, strTagged)) return JSON.stringify(value);
  return value;
}

/** Throws unless editing `node` leaves every other place of the file as it is (no alias shares it). */
export function assertNotShared(y: YamlFile, node: ParsedNode, field: string): void {
  if (node instanceof Alias) {
    fail(y, node, field, `the value is the alias *${node.source}; Ferry does not edit a value shared through an anchor (changing it would change every place that uses &${node.source}); write the value here instead of the alias`);
  }
  const [start, end] = node.range;
  const s = y.shared.find((n) => n.start <= start && end <= n.end);
  if (!s) return;
  const value = node instanceof Scalar ? 'the value' : node instanceof YAMLSeq ? 'the sequence' : 'the mapping';
  const what = s.start === start && s.end === node.range[2] ? `${value} is anchored as &${s.anchor}` : `${value} is inside &${s.anchor}`;
  fail(y, node, field, `${what}, which the alias *${s.anchor} at line ${s.aliasLine} also uses; editing it would change both places, so Ferry refuses; give this value its own copy`);
}

/** Sets a scalar value in place, keeping its quoting style, anchor, tag and trailing comment. Undefined when it is already `value`. */
export function replaceScalar(y: YamlFile, node: ParsedNode, value: string, field: string): Splice | undefined {
  assertNotShared(y, node, field);
  if (!(node instanceof Scalar)) fail(y, node, field, `expected a single value, found a ${node instanceof YAMLSeq ? 'sequence' : 'mapping'}`);
  const type = node.type;
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    fail(y, node, field, `the value is a block scalar (${type === 'BLOCK_LITERAL' ? '|' : '>'}); Ferry edits only values written on one line, plain or quoted`);
  }
  // `!` alone means a string, as !!str does; any other tag is refused, even on the value wanted.
  assertStringTag(y, node, field);
  // Already set, unless a plain value only looks right: `newTag: 1.0` is the number 1 to a reader.
  const strTagged = node.tag === STR_TAG;
  if (node.value === value && (type !== 'PLAIN' || !needsQuotes(value, strTagged))) return undefined;
  const [start, end] = node.range;
  let text = formatScalar(value, type, strTagged);
  if (start === end) {
    // An empty value (`digest:`): the new one needs a space after the colon and before a comment.
    if (!/[ \t]/.test(y.text[start - 1] ?? ' ')) text = ` ${text}`;
    if (y.text[start] === '#') text = `${text} `;
  }
  return { start, end, text };
}

/** Sets `key` in `map` to `value`: replaces the value when the key exists, else inserts the pair. */
export function setMapValue(y: YamlFile, map: YamlMap, key: string, value: string, field: string): Splice | undefined {
  const pair = findPair(map, key);
  if (!pair) return insertPair(y, map, key, value, field);
  if (!pair.value) fail(y, pair.key, field, `the key ${quote(key)} has no value Ferry can replace`);
  return replaceScalar(y, pair.value, value, field);
}

/**
 * Inserts `key: value`. Block mapping: a new line after the line where the last pair ends, at the
 * indentation of the mapping's keys, with the file's line ending (a file without a final newline
 * still has none). Flow mapping: `, key: value` right after the last pair; in an empty one, `key: value`
 * right after the `{`, several of them joined by `, ` (`{ }` becomes `{key: value, other: value }`).
 * Where the last pair ends the file in a block scalar with no line break after it, the new line
 * goes before that pair instead (see blockScalarEndingAt).
 */
export function insertPair(y: YamlFile, map: YamlMap, key: string, value: string, field: string): Splice {
  assertNotShared(y, map, field);
  const pairText = `${key}: ${formatScalar(value)}`;
  const last = map.items.at(-1);
  if (map.flow) {
    if (!last) return { start: map.range[0] + 1, end: map.range[0] + 1, text: pairText, insert: { separator: ', ', at: map.range[0] } };
    const end = pairEnd(last);
    return { start: end, end, text: `, ${pairText}`, insert: { separator: '', at: map.range[0] } };
  }
  if (!last) fail(y, map, field, `cannot insert ${quote(key)} into an empty mapping`);
  const line = `${blockIndent(y.text, map)}${pairText}`;
  const insert = { separator: '', at: pairStart(map.items[0]!) };
  const after = afterLine(y.text, pairEnd(last));
  if (after !== undefined) return { start: after, end: after, text: line + y.eol, insert };
  // The last pair ends the file, with no line break after it.
  const block = blockScalarEndingAt(y, y.text.length);
  if (!block) return { start: y.text.length, end: y.text.length, text: y.eol + line, insert };
  // A line after it would end the block scalar's last line with a line break, which go-yaml
  // (kustomize, Helm) reads into the value (`note: |` then `hello` at the end is "hello" to it,
  // "hello\n" once a line follows): the new line goes before the last pair, which keeps every
  // value and every byte of the file (the pairs of a mapping have no order).
  const prev = map.items.at(-2);
  const start = pairStart(last);
  const before = prev ? afterLine(y.text, pairEnd(prev)) : /^[ \t]*$/.test(y.text.slice(lineStartOf(y.text, start), start)) ? lineStartOf(y.text, start) : undefined;
  if (before === undefined) {
    const { line: at, col } = y.lines.linePos(block.range[0]);
    fail(y, last.key as ParsedNode, field, `cannot insert ${quote(key)}: the file ends in the block scalar at line ${at}, column ${col}, with no line break after its last line, and this mapping has no line of its own to put ${quote(key)} before; go-yaml (kustomize, Helm) reads that value without a final line break, which a line after it would add. End the file with a line break (or write the scalar as ${y.text[block.range[0]]}-), and pin again`);
  }
  return { start: before, end: before, text: line + y.eol, insert };
}

/** Where the line after the one that holds `offset - 1` starts (`offset` itself when it follows a line break); undefined on the last line of a file with no final newline. */
function afterLine(text: string, offset: number): number | undefined {
  if (text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? undefined : nl + 1;
}

/**
 * The block scalar (`|`, `>`, `|+`, not `|-`) whose text runs to `at`, the end of a file with no
 * final line break or the start of a line: go-yaml would read a line break added at `at` into its
 * value, or lose one taken from before it (a clipped scalar's last line gains or loses its final
 * line break; a kept one gains or loses an empty line). Undefined when there is none.
 */
function blockScalarEndingAt(y: YamlFile, at: number): Scalar.Parsed | undefined {
  const lastLine = y.text.lastIndexOf('\n', at - 1) + 1;
  let found: Scalar.Parsed | undefined;
  for (const doc of y.docs) {
    visit(doc, {
      Scalar(_key, node) {
        if (node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED') return undefined;
        const [start, end] = (node as Scalar.Parsed).range;
        if (end < lastLine || end > at || !/^[ \t]*$/.test(y.text.slice(end, at)) || /^[|>][0-9+]*-/.test(y.text.slice(start))) return undefined;
        found = node as Scalar.Parsed;
        return visit.BREAK;
      },
    });
    if (found) return found;
  }
  return undefined;
}

/**
 * Removes `key` from `map`. Block mapping: the key's whole line(s), comment included, or, when the
 * key shares its line with a `- `, the text up to the next key (up to the end of its line, when
 * comment lines come before the next key: they stay). Flow mapping: the pair and one comma (the
 * comment lines around it stay). The pair starts at its `?`, or the anchor or tag of its key.
 */
export function removePair(y: YamlFile, map: YamlMap, key: string, field: string): Splice | undefined {
  const index = map.items.findIndex((p) => p === findPair(map, key));
  const pair = map.items[index];
  if (!pair) return undefined;
  assertNotShared(y, map, field);
  // An anchor on the key is written before it: removing from the key on would leave it to the next
  // key, removing it would break its aliases.
  const anchor = pair.key instanceof Scalar ? pair.key.anchor : undefined;
  if (anchor) fail(y, pair.key as ParsedNode, field, `the key ${quote(key)} carries the anchor &${anchor}; removing the pair would take the anchor from its aliases or move it onto the next key, so Ferry refuses: take the anchor off the key (and write out its aliases) first`);
  if (pair.value) assertNotShared(y, pair.value, field); // removing an anchor would break its aliases
  const splice = pairRemoval(y, map, index, key, field);
  // An anchor inside the pair (`newTag: [&x a]`) would go with it, and its aliases would refer to nothing.
  const lost = y.shared.find((n) => splice.start <= n.start && n.end <= splice.end);
  if (lost) fail(y, pair.value as ParsedNode, field, `the value holds the anchor &${lost.anchor}, which the alias *${lost.anchor} at line ${lost.aliasLine} uses; removing ${quote(key)} would leave that alias with nothing to refer to, so Ferry refuses: write the value out at the alias first`);
  return splice;
}

/** The text removePair takes out for the pair at `index` of `map`. */
function pairRemoval(y: YamlFile, map: YamlMap, index: number, key: string, field: string): Splice {
  const pair = map.items[index]!;
  const start = pairStart(pair);
  const end = pairEnd(pair);
  const next = map.items[index + 1];
  const prev = map.items[index - 1];
  if (map.flow) {
    // The pair and the comma after it; comments before or after the comma stay (`{newTag: "1", # c` → `{ # c`).
    if (next) {
      const nextStart = pairStart(next);
      if (!y.text.slice(end, nextStart).includes('#')) return { start, end: nextStart, text: '' };
      const comma = flowComma(y.text, end, nextStart);
      // (A comment must follow white space: `{newTag: # c` keeps ` # c` after the `{`, not `#` at it.)
      const kept = y.text.slice(end, comma);
      return { start, end: comma + 1, text: /^[ \t\r\n]/.test(kept) || /[ \t\r\n]$/.test(y.text.slice(0, start)) ? kept : ` ${kept}` };
    }
    // The last pair: with the comma before it, not the comments there (`{name: x # c` then the brace).
    if (!prev) return { start, end, text: '' };
    const from = pairEnd(prev);
    if (!y.text.slice(from, start).includes('#')) return { start: from, end, text: '' };
    const comma = flowComma(y.text, from, start);
    const space = /[ \t\r\n]/.test(y.text[comma + 1] ?? '') ? '' : ' ';
    return { start: from, end, text: y.text.slice(from, comma) + space + y.text.slice(comma + 1, start) };
  }
  const lineStart = lineStartOf(y.text, start);
  const after = afterLine(y.text, end);
  if (/^[ \t]*$/.test(y.text.slice(lineStart, start))) {
    if (after !== undefined) return { start: lineStart, end: after, text: '' };
    // The last line of a file without a final newline: take the line break before it instead,
    // unless it ends a block scalar: go-yaml would read that value without its last line break.
    const block = lineStart > 0 ? blockScalarEndingAt(y, lineStart) : undefined;
    if (block) {
      const { line, col } = y.lines.linePos(block.range[0]);
      fail(y, pair.key as ParsedNode, field, `cannot remove ${quote(key)}: it is the last line of a file with no final line break, right after the block scalar at line ${line}, column ${col}, whose value would lose its last line break with it (to go-yaml, the YAML reader of kustomize and Helm); end the file with a line break, and pin again`);
    }
    const breakStart = lineStart > 0 && y.text[lineStart - 2] === '\r' ? lineStart - 2 : Math.max(lineStart - 1, 0);
    return { start: breakStart, end: y.text.length, text: '' };
  }
  if (!next) fail(y, pair.key as ParsedNode, field, `cannot remove ${quote(key)}: it is the only key on its line`);
  const nextStart = pairStart(next);
  // Comment lines between it and the next key stay: its own line keeps what comes before it (`-`).
  if (after === undefined || !y.text.slice(after, nextStart).includes('#')) return { start, end: nextStart, text: '' };
  let from = start;
  while (from > lineStart && (y.text[from - 1] === ' ' || y.text[from - 1] === '\t')) from--;
  const lineEnd = y.text[after - 2] === '\r' ? after - 2 : after - 1;
  return { start: from, end: lineEnd, text: '' };
}

/** The offset of the comma between two pairs of a flow mapping, in text[from, to): the first one outside a comment. */
function flowComma(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    if (text[i] === '#') i = text.indexOf('\n', i) < 0 ? to : text.indexOf('\n', i);
    else if (text[i] === ',') return i;
  }
  throw new Error(`no comma between two pairs of a flow mapping at offset ${from}`); // (the parser requires one)
}

/** Where a pair's text ends: after its value, or after its key when it has none. */
function pairEnd(pair: YamlPair): number {
  return ((pair.value ?? pair.key) as ParsedNode).range[1];
}

/**
 * Where a pair's text starts: at its `?` (an explicit key), else at the anchor or tag of its key
 * (`&k name: x`), else at its key. The parser places a key's node after these.
 */
function pairStart(pair: YamlPair): number {
  const key = (pair.key ?? pair.value) as ParsedNode;
  let props: number | undefined;
  for (const token of pair.srcToken?.start ?? []) {
    if (token.type === 'explicit-key-ind') return token.offset;
    // (An anchor or tag before a line break or comment is the mapping's, not the key's.)
    if (token.type === 'newline' || token.type === 'comment') props = undefined;
    else if ((token.type === 'anchor' || token.type === 'tag') && props === undefined) props = token.offset;
  }
  return props ?? key.range[0];
}

/** The indentation of a block mapping's keys: copied from a pair that starts its line, else spaces to the first pair's column (its `?`, anchor or tag included). */
function blockIndent(text: string, map: YamlMap): string {
  let column = 0;
  for (const pair of map.items) {
    const start = pairStart(pair);
    const lineStart = lineStartOf(text, start);
    const prefix = text.slice(lineStart, start);
    if (/^[ ]*$/.test(prefix)) return prefix;
    column ||= start - lineStart;
  }
  return ' '.repeat(column);
}

/** The offset where the line holding `offset` starts (after a byte order mark on the first line). */
function lineStartOf(text: string, offset: number): number {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return start === 0 && text.startsWith('\ufeff') ? 1 : start;
}
