// Untrusted text made inert in Markdown and in the raw HTML of job summaries and reports.

/** GitHub refuses a pull request whose description is longer than this (characters). */
export const MAX_PULL_REQUEST_BODY = 65_536;

// Line breaks of every kind (CR, LF, NEL, U+2028/2029) and the other control characters.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Untrusted text (an input, a trailer, a server's error body) made inert for Markdown, in a table
 * cell or in a line of prose: one line, HTML escaped (`& < >`), and every character that could
 * start a link, an image, emphasis, code, strikethrough, math or a heading backslash-escaped, as
 * are pipes (a cell stays a cell). What is left reads as the text itself.
 */
export function cell(text: string): string {
  return text.replace(CONTROL, ' ')
    .replace(/[\\`*_[\]!~$#|]/g, '\\$&')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    // At the start of a line of prose, a bullet, a rule or an ordered list's number would be one.
    .replace(/^([-+])(?=[\s\-+]|$)/, '\\$1').replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

/**
 * Untrusted text inside raw HTML (the `<summary>` of a `<details>` block), where Markdown is not
 * read and a backslash would show: one line, HTML escaped.
 */
export function htmlText(text: string): string {
  return text.replace(CONTROL, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
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
