// Untrusted text made inert in Markdown and in the raw HTML of job summaries and reports.

/** GitHub refuses a pull request whose description is longer than this (characters). */
export const MAX_PULL_REQUEST_BODY = 65_536;

// Line breaks of every kind (CR, LF, NEL, U+2028/2029) and the other control characters.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** How cell() ends a text it cut: `… (cut: 1,199,000 more characters)`. */
export const CUT_CELL = /… \(cut: [\d,]+ more characters?\)/;

/**
 * An `@` GitHub would read as a mention (`@alice`, `@acme/team`: at the start or after a character
 * that is no letter, digit or `_`, before a letter or digit), which notifies that person or team
 * where the text is shown in a pull request or a comment. An e-mail address's `@` (`a@example.com`)
 * is none.
 */
const MENTION = /(?<![A-Za-z0-9_])@(?=[A-Za-z0-9])/g;

/** `@alice` as `@\u200dalice`: reads the same, and mentions nobody (the zero-width joiner is no name character). */
function unmention(text: string): string {
  return text.replace(MENTION, '@\u200d');
}

/**
 * Untrusted text (an input, a trailer, a server's error body) made inert for Markdown, in a table
 * cell or in a line of prose: one line, HTML escaped (`& < >`), and every character that could
 * start a link, an image, emphasis, code, strikethrough, math or a heading backslash-escaped, as
 * are pipes (a cell stays a cell); a mention mentions nobody (unmention()). What is left reads as
 * the text itself. (One argument: `rows.map(cell)` stays right.)
 */
export function cell(text: string): string {
  return unmention(text.replace(CONTROL, ' ')
    .replace(/[\\`*_[\]!~$#|]/g, '\\$&')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    // At the start of a line of prose, a bullet, a rule or an ordered list's number would be one.
    .replace(/^([-+])(?=[\s\-+]|$)/, '\\$1').replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2'));
}

/** cell(), of at most `max` characters of `text`: a longer one is cut there, and ends with CUT_CELL's note. */
export function shortCell(text: string, max: number): string {
  const { kept, note } = cutAt(text, max);
  return cell(kept) + note;
}

/** `text`, or when it is longer than `max` characters, its first `max` and `… (cut: N more characters)` (CUT_CELL). */
export function cutShort(text: string, max: number): string {
  const { kept, note } = cutAt(text, max);
  return kept + note;
}

/** The first `max` characters (code points) of `text`, and the note that says how many more there were ('' for none). */
function cutAt(text: string, max: number): { kept: string; note: string } {
  if (text.length <= max) return { kept: text, note: '' };
  const chars = Array.from(text);
  const more = chars.length - max;
  if (more <= 0) return { kept: text, note: '' };
  return { kept: chars.slice(0, max).join(''), note: ` … (cut: ${more.toLocaleString('en')} more character${more === 1 ? '' : 's'})` };
}

/**
 * Untrusted text inside raw HTML (the `<summary>` of a `<details>` block), where Markdown is not
 * read and a backslash would show: one line, HTML escaped, a mention mentioning nobody.
 */
export function htmlText(text: string): string {
  return unmention(text).replace(CONTROL, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Inline code that survives any backticks in `text`, one line. Inside a code span nothing is a
 * link or HTML; a pipe is escaped for tables, with an odd run of backslashes before it (a table
 * reads `\\` as an escaped backslash, which would leave the pipe to end the cell).
 */
export function code(text: string): string {
  const flat = text.replace(CONTROL, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat.replace(/(\\*)\|/g, (_m, bs: string) => `${bs}${bs.length % 2 ? '\\\\' : '\\'}|`)}${pad}${ticks}`;
}

/**
 * A fenced code block (CommonMark) whose fence is longer than any run of backticks in `text`, so
 * no line of it can close the block; the text is shown as it is (trailing white space trimmed).
 */
export function fenced(text: string, info = ''): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${text.trimEnd()}\n${fence}`;
}
