// README's section on writing says which failures are tried again, as git.ts does it: a clone,
// fetch or push whose connection broke (BROKEN_CONNECTION_RE's words), up to TRANSFER_TRIES times.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

const ROOT = new URL('../../', import.meta.url);
const GIT = readFileSync(new URL('actions/src/adapters/git.ts', ROOT), 'utf8');
const README = readFileSync(new URL('README.md', ROOT), 'utf8');
/** The section, its lines joined as a reader reads them. */
const WRITING = README.slice(README.indexOf('\n### Writing\n'), README.indexOf('\n## ', README.indexOf('\n### Writing\n'))).replace(/\s+/g, ' ');

test('the broken connections tried again, and what is tried again: a clone, fetch or push', () => {
  const words = /const BROKEN_CONNECTION_RE = \/(.*)\/;/.exec(GIT)![1]!.split('|');
  expect(words).toContain('unexpected disconnect while reading sideband packet');
  for (const said of words) expect(WRITING).toContain(`\`${said}\``);
  const tries = /const TRANSFER_TRIES = (\d+);/.exec(GIT)![1];
  expect(WRITING).toContain('a clone, fetch or push whose connection broke on the way');
  expect(WRITING).toContain(`is tried up to ${tries} times`);
});
