import { createTwoFilesPatch } from 'diff';

/**
 * The unified diff of one file (`a/<path>` to `b/<path>`, 3 lines of context), as every plan shows
 * a change and as a pull request's change is checked against the plan: one function, so the two
 * agree byte for byte.
 */
export function fileDiff(path: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
}
