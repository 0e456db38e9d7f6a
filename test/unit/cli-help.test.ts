// `ferry --help` and `ferry <command> --help` are read on an 80-column terminal, and name every
// option the command's parser (the options tables of cli.ts) accepts.
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { commandHelp, mainHelp } from '../../actions/src/entry/cli-help.js';

const CLI = new URL('../../actions/src/entry/cli.ts', import.meta.url);

/** The options each command's parser accepts, read from cli.ts's `commands` table. */
function parserOptions(): Map<string, string[]> {
  const source = ts.createSourceFile('cli.ts', readFileSync(CLI, 'utf8'), ts.ScriptTarget.ES2022, true);
  const objects = new Map<string, ts.ObjectLiteralExpression>();
  const functions = new Map<string, ts.FunctionDeclaration>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      let init: ts.Expression = node.initializer;
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init)) init = init.expression;
      if (ts.isObjectLiteralExpression(init)) objects.set(node.name.text, init);
    }
    if (ts.isFunctionDeclaration(node) && node.name) functions.set(node.name.text, node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  const unwrap = (e: ts.Expression): ts.Expression => (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e) ? unwrap(e.expression) : e);
  const keys = (object: ts.ObjectLiteralExpression): string[] => object.properties.flatMap((p) => {
    if (ts.isSpreadAssignment(p)) {
      const spread = ts.isIdentifier(p.expression) ? objects.get(p.expression.text) : undefined;
      if (!spread) throw new Error(`cli.ts: cannot follow the spread ${p.getText()}`);
      return keys(spread);
    }
    if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return [p.name.text];
    throw new Error(`cli.ts: cannot read the option ${p.getText()}`);
  });
  const optionsOf = (object: ts.ObjectLiteralExpression): string[] => {
    const options = object.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === 'options');
    if (!options) throw new Error(`cli.ts: no options in ${object.getText().slice(0, 40)}`);
    const value = unwrap(options.initializer);
    if (!ts.isObjectLiteralExpression(value)) throw new Error(`cli.ts: options is not an object: ${value.getText()}`);
    return keys(value);
  };
  const result = new Map<string, string[]>();
  for (const entry of objects.get('commands')!.properties) {
    if (!ts.isPropertyAssignment(entry)) throw new Error(`cli.ts: cannot read the command ${entry.getText()}`);
    const value = unwrap(entry.initializer);
    if (ts.isObjectLiteralExpression(value)) {
      result.set(entry.name.getText(), optionsOf(value));
    } else if (ts.isCallExpression(value) && ts.isIdentifier(value.expression)) {
      // block: blockCommand('block'): the object its function returns
      let returned: ts.ObjectLiteralExpression | undefined;
      const find = (node: ts.Node): void => {
        if (ts.isReturnStatement(node) && node.expression && ts.isObjectLiteralExpression(unwrap(node.expression))) returned ??= unwrap(node.expression) as ts.ObjectLiteralExpression;
        else ts.forEachChild(node, find);
      };
      find(functions.get(value.expression.text)!);
      result.set(entry.name.getText(), optionsOf(returned!));
    } else {
      throw new Error(`cli.ts: cannot read the command ${entry.getText().slice(0, 40)}`);
    }
  }
  return result;
}

const commands = parserOptions();

test('cli.ts is read: every command and its options', () => {
  expect([...commands.keys()].sort()).toEqual(['analyze', 'audit', 'block', 'bump', 'history', 'init', 'promote', 'rollback', 'status', 'unblock', 'validate']);
  expect(commands.get('promote')).toEqual(expect.arrayContaining(['repo', 'branch', 'json', 'from', 'to', 'app', 'all', 'expect', 'max-attempts']));
  expect(commands.get('init')).toEqual(['branch', 'json', 'help', 'bare']);
});

describe('no help line is wider than 80 columns', () => {
  test.each([...commands.keys(), '(main)'])('%s', (name) => {
    const text = name === '(main)' ? mainHelp() : commandHelp(name);
    const wide = text.split('\n').filter((line) => line.length > 80);
    expect(wide).toEqual([]);
  });
});

describe('every option the parser accepts is in the command\'s help', () => {
  test.each([...commands.keys()])('%s', (name) => {
    const help = commandHelp(name);
    expect(help).toMatch(new RegExp(`^ferry ${name}: `));
    // --help is every command's, and the main help says so.
    const missing = commands.get(name)!.filter((option) => option !== 'help' && !new RegExp(`(^|[\\s(\\[|,])--${option}(?![\\w-])`, 'm').test(help));
    expect(missing).toEqual([]);
  });

  test('the main help names every command and --help', () => {
    for (const name of commands.keys()) expect(mainHelp()).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    expect(mainHelp()).toContain('ferry <command> --help');
  });
});

describe('wrapped option descriptions stay in their column', () => {
  test.each([...commands.keys()])('%s', (name) => {
    const lines = commandHelp(name).split('\n');
    let column: number | undefined;
    for (const line of lines) {
      const option = /^( {2}-\S.*?  +)\S/.exec(line);
      if (option) column = option[1]!.length;
      else if (line.trim() === '' || !line.startsWith('  ')) column = undefined;
      else if (column !== undefined && !/^ {2}-/.test(line)) expect(line.length - line.trimStart().length, line).toBe(column);
    }
  });
});

describe('the usage and the options list agree', () => {
  /** The lines from `Usage:` to the first blank line. */
  const usage = (help: string): string => help.slice(help.indexOf('Usage: '), help.indexOf('\n\n', help.indexOf('Usage: ')));
  /** The options the list describes: each `  --x` that begins a line, and those after it as `, --y`. */
  const listed = (help: string): Set<string> => new Set(help.split('\n').flatMap((line) => {
    const head = /^ {2}(--[a-z-]+(?:[ =][^\s,]+)?(?:, --[a-z-]+(?:[ =][^\s,]+)?)*)(?: {2}|$)/.exec(line);
    return head ? [...head[1]!.matchAll(/--[a-z-]+/g)].map((m) => m[0]) : [];
  }));

  test.each([...commands.keys()])('%s: every option its usage names is described in its list', (name) => {
    const help = commandHelp(name);
    const named = [...usage(help).matchAll(/--[a-z-]+/g)].map((m) => m[0]);
    expect(named.filter((option) => !listed(help).has(option))).toEqual([]);
  });

  test.each([...commands.keys()])('%s: a usage without [options] names every option', (name) => {
    const help = commandHelp(name);
    if (usage(help).includes('[options]')) return;
    const missing = commands.get(name)!.filter((option) => option !== 'help' && !usage(help).includes(`--${option}`));
    expect(missing).toEqual([]);
  });
});

// A pin that would never be deployed is bad input to bump, promote and rollback alike (exit 2),
// and promote has nothing exact to promote from a source pin that is not by digest, with --all too.
test('the refusals with exit 2 of a pin that would never be deployed, and of a source pin not by digest', () => {
  const said = (name: string) => commandHelp(name).replace(/\s+/g, ' ');
  for (const name of ['bump', 'promote', 'rollback']) expect(said(name), name).toMatch(/would never (be )?deploy[^.]*exit 2/);
  expect(said('promote')).toMatch(/not by digest[^.]*exit 2\)?, with --all too/);
});

test('what the commits of helper-188 and helper-190 changed is said (helper-193): a plan given with nothing left to promote, where a blocked digest still runs, a manifest that does not read, a blocklist that does not read', () => {
  const said = (name: string) => commandHelp(name).replace(/\s+/g, ' ');
  expect(said('promote')).not.toContain('skipped, as ever');
  expect(said('promote')).toMatch(/found all done \(the target pins each planned digest[^)]*\) is skipped; one with an app left out since \(blocked, never deployed\), or whose source moved on and was promoted already at a newer digest, is refused \(exit 1\)/);
  for (const name of ['block', 'rollback']) {
    expect(said(name), name).toMatch(/--json: stillPinned/);
    expect(said(name), name).toMatch(/does not read[^.]*--json: unreadable/);
  }
  expect(said('rollback')).toMatch(/first version of its manifest/);
  expect(said('rollback')).toContain('skipped-stage');
  expect(said('status')).toMatch(/why and who blocked it/);
  expect(said('status')).toMatch(/blocked\.yaml that does not read is a warning on stderr \(--json: warning\): the table all the same, exit 0/);
});
