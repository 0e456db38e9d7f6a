/**
 * The condition language of Argo Rollouts AnalysisTemplates (`successCondition`,
 * `failureCondition`) and of their range-query bounds (`start: now() - duration("1h")`): a subset
 * of expr-lang (github.com/expr-lang/expr, docs/language-definition.md), parsed by `jsep` into a
 * tree and evaluated here by a small tree-walking evaluator. There is no `eval`, no `Function`,
 * and no property lookup on any JavaScript object: the only data an expression can reach is the
 * `result` it is given (conditions) or the injected clock (time expressions).
 *
 * Language
 * - literals: numbers (`0.95`, `.5`, `1e-3`), strings (`"a"`, `'a'`), `true`, `false`, `nil`, arrays `[1, 2]`
 * - `result`, indexing `result[0]`, `result[0][1]` (a whole number >= 0; negative indexes are refused)
 * - arithmetic `+ - * / % **` (`^` is `**`, as in expr), unary `- + ! not`
 *   (`-2 ** 2` is `-(2 ** 2)`, as in expr), string `+`
 * - comparisons `== != < <= > >=` (all one precedence level, as in expr), `&& and`, `|| or`, `a ? b : c`, `( )`
 * - functions: len, isNaN, isInf(x[, sign]), default(x, y), abs, min, max, sum, mean, float, int,
 *   Argo's asFloat and asInt, and predicates all, any, none, one, filter, map, count:
 *   `all(result, {# < 0.5})` (the braces may be left out, as in expr; `#` is the element)
 * - time expressions: `now()`, `duration("1h30m")` (Go syntax), `+ - * /`, parentheses; the value is
 *   epoch milliseconds. Kinds are checked when parsing: time ± duration, time - time, duration * number…
 * Not supported (refused when parsing, with the column): `.` and `?.` member access, `??`, `in`,
 * `matches`, slices, ranges, pipes, maps, `let`, comments, `===` and the bitwise operators.
 *
 * Fail-closed semantics (the reason this evaluator exists)
 * Argo's expr counts `all([], …)` as true and `NaN >= 0.95` as false, so a query that returned
 * nothing or NaN can pass a gate (argo-rollouts #1466, #4479). Ferry evaluates the same way, but
 * every value carries taint flags and the outcome says whether it can be trusted:
 * - `empty`: the result (or an array built from it, e.g. by `filter`) was empty, an index was out of
 *   range, or the provider returned null. Indexing out of range does not throw: it yields a
 *   *missing* value; comparing a missing value gives false, arithmetic on it stays missing.
 * - `nan` / `inf`: a number read from the result, or computed (`0/0`, `1/0`), is NaN or ±Inf.
 *   Comparing NaN with anything is false (`!=` is true), as in Go, and is tainted.
 * A taint is cleared only where the expression examines the value explicitly: `len(result)` (or
 * `len(result[i])`, or `len(#)` of an element of the result) clears `empty`; `len` of a list derived
 * from the result (`len(filter(result, …))`, `len(map(result, …))`) clears only the emptiness of
 * the filtering, never that of the result it came from, so `len(filter(result, {# < 0.99})) == 0`
 * on an empty result is not trusted. A list the condition builds (an array literal, map()'s
 * values) carries the taints of its items as its own: `len([result[0]]) == 1` on an empty or NaN
 * result is not trusted, nor is `all([result[0]], {isNaN(#)})` (which examines an item the list
 * already carries), nor `[result[0], 1][1] == 1`: fail closed over precision. (Maps and other
 * literals are refused when parsing.) `isNaN(x)` clears `nan`, `isInf(x)` clears `inf`,
 * `default(result, y)` clears the `empty` of a nil result; `default` of an element or a value
 * computed from the result (`default(result[0], 1)`) keeps it: Argo's default() ignores its first
 * argument unless it is nil, and `result[0]` of an empty result is an Error there, never a pass.
 * Comparing with `nil` does not count. `&&` and `||` evaluate the left side
 * first and stop when it decides, like expr, so guards go first: `len(result) > 0 && result[0] > 0.9`.
 * An operand that decides `&&`/`||` on its own (an untainted false for `&&`, an untainted true for
 * `||`) makes the outcome trustworthy whatever the other side was, but only when it derives from
 * the result: one that does not (`result[0] >= 0.99 || true`, `result[0] > 0.9 || 1 == 1`,
 * `|| len([1]) == 1`) decides without examining anything, so the outcome keeps the other side's
 * taints, and a condition whose value derives from nothing of the result at all (also
 * `true || result[0] > 0.9`, decided before reading it) carries the taints of the whole result:
 * an empty, NaN or infinite result stays Inconclusive. `all`/`any`/`none` are the same fold over
 * the elements: a predicate that decides without reading its element (`any(result, {true})`,
 * `all(result, {true})`, also in `count`/`one`/`filter`) keeps that element's taints (the whole
 * list's when it ends the fold); `?:` derives from its test and the branch it chose. `evaluateCondition` returns `{ value, unhandled }`, where
 * `unhandled` (`empty` before `nan` before `inf`) means the value must not be trusted: the caller
 * treats it as inconclusive, never as a pass. A condition that is not a boolean, and type errors
 * (`"a" < 1`, indexing a number, `1 && true`), throw ExpressionError.
 *
 * jsep is configured for Ferry only while Ferry parses: the word operators `and`/`or`, `^` and
 * the comparison precedences are set and restored around each parse, and the token hook (`#`
 * names, `{ … }` predicates, unary operators, the name allow-list, positions) is inert otherwise.
 */
import jsep from 'jsep';
import { quote } from './errors.js';

export type MetricValue = number | string | boolean | null | MetricValue[];

/** A parsed expression: `text` is what the template says; the tree is kept privately. */
export interface Expression {
  readonly text: string;
}

/** A parse error, a forbidden name or operator, or a type error during evaluation. */
export class ExpressionError extends Error {
  /** 0-based column in the expression text, when the error has one. */
  readonly position?: number;

  constructor(message: string, position?: number) {
    super(message);
    this.name = 'ExpressionError';
    if (position !== undefined) this.position = position;
  }
}

/** `unhandled` says why `value` cannot be trusted; absent when it can. */
export interface ConditionOutcome {
  value: boolean;
  unhandled?: 'empty' | 'nan' | 'inf';
}

// ---------------------------------------------------------------------------------------------
// Grammars: what each kind of expression may use.

interface FunctionSpec {
  min: number;
  max: number;
  /** Index of the argument that is a predicate evaluated per element (`#`). */
  predicate?: number;
}

interface Grammar {
  /** "condition" or "time expression", for messages. */
  label: string;
  names: ReadonlySet<string>;
  functions: ReadonlyMap<string, FunctionSpec>;
  /** Binary and logical operators, in Ferry's spelling (`&&`, `||`, `**`). */
  operators: ReadonlySet<string>;
  unary: ReadonlySet<string>;
  ternary: boolean;
  /** Strings, booleans, nil and array literals. */
  values: boolean;
  allowed: string;
}

const one = { min: 1, max: 1 };
const predicateFn = { min: 2, max: 2, predicate: 1 };

const CONDITION_FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  ['len', one],
  ['isNaN', one],
  ['isInf', { min: 1, max: 2 }],
  ['default', { min: 2, max: 2 }],
  ['abs', one],
  ['min', { min: 1, max: Number.POSITIVE_INFINITY }],
  ['max', { min: 1, max: Number.POSITIVE_INFINITY }],
  ['sum', one],
  ['mean', one],
  ['float', one],
  ['int', one],
  ['asFloat', one],
  ['asInt', one],
  ['all', predicateFn],
  ['any', predicateFn],
  ['none', predicateFn],
  ['one', predicateFn],
  ['filter', predicateFn],
  ['map', predicateFn],
  ['count', predicateFn],
]);

const TIME_FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  ['now', { min: 0, max: 0 }],
  ['duration', one],
]);

const CONDITION: Grammar = {
  label: 'condition',
  names: new Set(['result', '#']),
  functions: CONDITION_FUNCTIONS,
  operators: new Set(['+', '-', '*', '/', '%', '**', '==', '!=', '<', '<=', '>', '>=', '&&', '||']),
  unary: new Set(['-', '+', '!']),
  ternary: true,
  values: true,
  allowed: `result and the functions ${[...CONDITION_FUNCTIONS.keys()].join(', ')}`,
};

const TIME: Grammar = {
  label: 'time expression',
  names: new Set(),
  functions: TIME_FUNCTIONS,
  operators: new Set(['+', '-', '*', '/']),
  unary: new Set(['-', '+']),
  ternary: false,
  values: false,
  allowed: 'now(), duration("…"), numbers and + - * /',
};

/** Spelling in the source → Ferry's operator. */
const OPERATOR_ALIASES: Readonly<Record<string, string>> = { and: '&&', or: '||', '^': '**' };

/** expr operators spelled as words that Ferry does not support. */
const EXPR_WORD_OPERATORS: ReadonlySet<string> = new Set(['in', 'matches', 'contains', 'startsWith', 'endsWith', 'let']);

const OPERATOR_HINTS: Readonly<Record<string, string>> = {
  '===': '; use ==',
  '!==': '; use !=',
  '??': '; use default(x, y)',
};

// ---------------------------------------------------------------------------------------------
// Our tree. `at` is the 0-based column an error about the node points to.

type BinaryOp = '+' | '-' | '*' | '/' | '%' | '**' | '==' | '!=' | '<' | '<=' | '>' | '>=';

type Node =
  | { kind: 'literal'; at: number; value: number | string | boolean | null; tv?: TV }
  | { kind: 'result'; at: number }
  | { kind: 'element'; at: number }
  | { kind: 'array'; at: number; elements: Node[] }
  | { kind: 'index'; at: number; target: Node; index: Node }
  | { kind: 'call'; at: number; name: string; args: Node[] }
  | { kind: 'unary'; at: number; op: '-' | '+' | '!'; arg: Node }
  | { kind: 'binary'; at: number; op: BinaryOp; left: Node; right: Node }
  | { kind: 'logical'; at: number; op: '&&' | '||'; left: Node; right: Node }
  | { kind: 'conditional'; at: number; test: Node; then: Node; otherwise: Node };

interface Parsed {
  grammar: Grammar;
  root: Node;
  /** Whether `result` is named in it. */
  readsResult: boolean;
}

const parsedTrees = new WeakMap<Expression, Parsed>();

// ---------------------------------------------------------------------------------------------
// jsep configuration.

type JNode = jsep.Expression;
type Scope = jsep.HookScope;

const PAREN = 'FerryParen';
const CLOSURE = 'FerryClosure';

/** Set only while Ferry parses; the hook does nothing otherwise. */
let active: { grammar: Grammar; fail: (message: string, at: number) => never } | undefined;

/** Binary operators set for Ferry's parses: [spelling, jsep precedence, right-associative]. */
const FERRY_BINARY_OPS: ReadonlyArray<readonly [string, number, boolean]> = [
  ['or', 1, false],
  ['and', 2, false],
  ['==', 7, false],
  ['!=', 7, false],
  ['^', 11, true],
];

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

function isIdentStart(ch: string): boolean {
  return /^[A-Za-z_$#]$/.test(ch) || (ch.length === 1 && ch.charCodeAt(0) >= 128);
}

function isIdentPart(ch: string): boolean {
  return isIdentStart(ch) || isDigit(ch);
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

function nextNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text.charAt(i))) i++;
  return i;
}

/** The word or symbol at `at`, for "found …" in messages. */
function tokenAt(text: string, at: number): string {
  const ch = text.charAt(at);
  if (ch === '') return 'the end';
  if (isIdentPart(ch)) {
    let end = at;
    while (end < text.length && isIdentPart(text.charAt(end))) end++;
    return quote(text.slice(at, end));
  }
  return quote(ch);
}

function unaryOperatorAt(scope: Scope): string | undefined {
  const ch = scope.char;
  if (ch === '-' || ch === '+' || ch === '!') return ch;
  if (scope.expr.startsWith('not', scope.index) && !isIdentPart(scope.expr.charAt(scope.index + 3))) return 'not';
  return undefined;
}

/** Throws the parse error for the expression being parsed (the hook cannot return one). */
function reject(message: string, at: number): never {
  if (active) active.fail(message, at);
  throw new ExpressionError(`${message} at column ${at}`, at);
}

/** After `base`, an expr-style power chain `** x ** y` (right-associative), for unary minus. */
function gobblePowerTail(scope: Scope, base: JNode): JNode {
  if (!active) return base;
  const at = nextNonSpace(scope.expr, scope.index);
  const op = scope.expr.startsWith('**', at) ? '**' : scope.expr.charAt(at) === '^' ? '^' : undefined;
  if (!op) return base;
  scope.index = at + op.length;
  const token = scope.gobbleToken();
  if (!token) reject(`expected an expression after ${quote(op)}, found ${tokenAt(scope.expr, nextNonSpace(scope.expr, scope.index))}`, scope.index);
  const exponent = gobblePowerTail(scope, token);
  return { type: 'BinaryExpression', operator: op, left: base, right: exponent, at, start: spanOf(base)[0], end: spanOf(exponent)[1] };
}

function gobbleFerryToken(this: Scope, env: { node?: JNode }): void {
  // `)` ends a group: jsep's gobbleExpressions expects no token there.
  if (!active || this.index >= this.expr.length || this.char === ')') return;
  const { grammar } = active;
  const text = this.expr;
  const start = this.index;
  const ch = this.char;
  let node: JNode;

  if (isDigit(ch) || (ch === '.' && isDigit(text.charAt(start + 1)))) {
    node = this.gobbleNumericLiteral() as JNode;
  } else if (ch === '"' || ch === "'") {
    node = this.gobbleStringLiteral() as JNode;
  } else if (ch === '[') {
    node = this.gobbleArray() as JNode;
  } else if (ch === '(') {
    const inner = this.gobbleGroup() as JNode | false;
    if (!inner) reject('empty parentheses "()"', start);
    node = { type: PAREN, expression: inner };
  } else if (ch === '{') {
    this.index++;
    this.gobbleSpaces();
    if (this.char === '}') reject('empty predicate "{}"', start);
    const body = this.gobbleExpression();
    if (!body) reject(`expected a predicate after "{", found ${tokenAt(text, this.index)}`, this.index);
    this.gobbleSpaces();
    if (this.char !== '}') reject(`expected "}" to close the predicate opened at column ${start}, found ${tokenAt(text, this.index)}`, this.index);
    this.index++;
    env.node = { type: CLOSURE, body, at: start, start, end: this.index };
    return;
  } else if (unaryOperatorAt(this) !== undefined) {
    const op = unaryOperatorAt(this) as string;
    this.index += op.length;
    let argument = this.gobbleToken();
    if (!argument) reject(`expected an expression after ${quote(op)}, found the end`, this.index);
    if (op === '-' || op === '+') argument = gobblePowerTail(this, argument);
    env.node = { type: 'UnaryExpression', operator: op === 'not' ? '!' : op, argument, prefix: true, at: start, start, end: spanOf(argument)[1] };
    return;
  } else if (isIdentStart(ch)) {
    const name = (this.gobbleIdentifier() as jsep.Identifier).name;
    if (name === 'true' || name === 'false' || name === 'nil') {
      node = { type: 'Literal', value: name === 'nil' ? null : name === 'true', raw: name };
    } else if (text.charAt(nextNonSpace(text, this.index)) === '(') {
      if (!grammar.functions.has(name)) reject(`unknown function ${quote(name)}; a ${grammar.label} can use only ${grammar.allowed}`, start);
      node = { type: 'Identifier', name };
    } else {
      if (EXPR_WORD_OPERATORS.has(name)) reject(`operator ${quote(name)} is not supported in a ${grammar.label}`, start);
      if (grammar.functions.has(name)) reject(`${quote(name)} is a function: call it as ${name}(…)`, start);
      if (!grammar.names.has(name)) reject(`unknown name ${quote(name)}; a ${grammar.label} can use only ${grammar.allowed}`, start);
      node = { type: 'Identifier', name };
    }
  } else if (ch === '`') {
    reject('template literals are not supported: found "`"', start);
  } else if (ch === '=') {
    reject(`assignment is not allowed: found ${quote(text.startsWith('==', start) ? '==' : '=')} without a left side; compare with ==`, start);
  } else {
    reject(`unexpected ${quote(ch)}`, start);
  }
  node.at = start;
  node.start = start;
  node.end = this.index;

  // Postfix: indexing and calls. `.` and `?.` reach into JavaScript objects and are refused.
  for (;;) {
    this.gobbleSpaces();
    const at = this.index;
    const c = this.char;
    if (c === '[') {
      this.index++;
      this.gobbleSpaces();
      if (this.char === ']') reject('empty index "[]"', at);
      const property = this.gobbleExpression();
      if (!property) reject(`expected an index after "[", found ${tokenAt(text, this.index)}`, this.index);
      this.gobbleSpaces();
      if (this.char === ':') reject('slices are not supported: found ":"', this.index);
      if (this.char !== ']') reject(`expected "]" to close the index opened at column ${at}, found ${tokenAt(text, this.index)}`, this.index);
      this.index++;
      node = { type: 'MemberExpression', computed: true, object: node, property, at, start, end: this.index };
    } else if (c === '(') {
      this.index++;
      const args = this.gobbleArguments(41 /* ) */) as unknown as JNode[];
      node = { type: 'CallExpression', callee: node, arguments: args, at, start, end: this.index };
    } else if (c === '.' || (c === '?' && text.charAt(at + 1) === '.')) {
      const dot = c === '.' ? '.' : '?.';
      let end = nextNonSpace(text, at + dot.length);
      while (end < text.length && isIdentPart(text.charAt(end))) end++;
      reject(`member access is not allowed: found ${quote(text.slice(at, end))}; only result[<index>] reaches into the result`, at);
    } else {
      break;
    }
  }
  env.node = node;
}

jsep.plugins.register({
  name: 'ferry-analysis-expr',
  init() {
    jsep.hooks.add('gobble-token', gobbleFerryToken, true);
  },
});

/** Runs `parse` with jsep set up for Ferry, and puts jsep back as it was afterwards. */
function withFerryGrammar<T>(grammar: Grammar, fail: (message: string, at: number) => never, parse: () => T): T {
  const saved = FERRY_BINARY_OPS.map(([op]) => ({
    op,
    precedence: Object.hasOwn(jsep.binary_ops, op) ? jsep.binary_ops[op] : undefined,
    right: jsep.right_associative.has(op),
  }));
  const hadHash = jsep.additional_identifier_chars.has('#');
  for (const [op, precedence, right] of FERRY_BINARY_OPS) jsep.addBinaryOp(op, precedence, right);
  jsep.addIdentifierChar('#');
  active = { grammar, fail };
  try {
    return parse();
  } finally {
    active = undefined;
    if (!hadHash) jsep.removeIdentifierChar('#');
    for (const { op, precedence, right } of saved) {
      if (precedence === undefined) jsep.removeBinaryOp(op);
      else jsep.addBinaryOp(op, precedence, right);
    }
  }
}

/** [start, end) of a jsep node in the text. */
function spanOf(n: JNode): [number, number] {
  if (typeof n.start === 'number' && typeof n.end === 'number') return [n.start, n.end];
  switch (n.type) {
    case 'BinaryExpression': {
      const b = n as jsep.BinaryExpression;
      return [spanOf(b.left)[0], spanOf(b.right)[1]];
    }
    case 'ConditionalExpression': {
      const c = n as jsep.ConditionalExpression;
      return [spanOf(c.test)[0], spanOf(c.alternate)[1]];
    }
    case 'Compound':
    case 'SequenceExpression': {
      const list = n.type === 'Compound' ? (n as jsep.Compound).body : (n as jsep.SequenceExpression).expressions;
      const first = list[0];
      const last = list[list.length - 1];
      return first && last ? [spanOf(first)[0], spanOf(last)[1]] : [0, 0];
    }
    default:
      return [0, 0];
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing: jsep tree → our tree, checking everything the grammar forbids.

class Converter {
  /** Whether the expression names `result` anywhere. */
  readsResult = false;

  constructor(
    private readonly text: string,
    private readonly grammar: Grammar,
    readonly fail: (message: string, at: number) => never,
  ) {}

  /** Fails unless only whitespace lies in [from, to). */
  onlySpace(from: number, to: number): void {
    const at = nextNonSpace(this.text, from);
    if (at < to) this.fail(`unexpected ${tokenAt(this.text, at)}`, at);
  }

  node(n: JNode, inPredicate: boolean): Node {
    const g = this.grammar;
    const at = typeof n.at === 'number' ? n.at : spanOf(n)[0];
    switch (n.type) {
      case 'Literal': {
        const value = (n as jsep.Literal).value;
        if (typeof value === 'number') {
          if (!Number.isFinite(value)) this.fail(`number ${quote((n as jsep.Literal).raw)} is out of range`, at);
          return { kind: 'literal', at, value };
        }
        if (typeof value === 'string' || typeof value === 'boolean' || value === null) {
          if (!g.values) this.fail(`${quote((n as jsep.Literal).raw)} cannot be used in a ${g.label}; it can use only ${g.allowed}`, at);
          return { kind: 'literal', at, value };
        }
        return this.fail(`unsupported literal ${quote((n as jsep.Literal).raw)}`, at);
      }
      case 'Identifier': {
        const name = (n as jsep.Identifier).name;
        if (name === 'result') {
          this.readsResult = true;
          return { kind: 'result', at };
        }
        if (name === '#') {
          if (!inPredicate) this.fail('"#" is the element inside a predicate, as in all(result, {# < 1}); found it outside one', at);
          return { kind: 'element', at };
        }
        return this.fail(`unknown name ${quote(name)}; a ${g.label} can use only ${g.allowed}`, at);
      }
      case PAREN: {
        const inner = n.expression as JNode;
        const [start, end] = spanOf(n);
        const [innerStart, innerEnd] = spanOf(inner);
        this.onlySpace(start + 1, innerStart);
        this.onlySpace(innerEnd, end - 1);
        return this.node(inner, inPredicate);
      }
      case 'ArrayExpression': {
        if (!g.values) this.fail(`arrays cannot be used in a ${g.label}; it can use only ${g.allowed}`, at);
        const elements = (n as jsep.ArrayExpression).elements;
        return {
          kind: 'array',
          at,
          elements: elements.map((e) => (e ? this.node(e, inPredicate) : this.fail('empty array element', at))),
        };
      }
      case 'MemberExpression': {
        const m = n as jsep.MemberExpression;
        const property = m.property;
        if (!g.values) this.fail(`indexing with "[" cannot be used in a ${g.label}; it can use only ${g.allowed}`, at);
        if (property.type === 'Literal' && typeof (property as jsep.Literal).value === 'string') {
          this.fail(`indexing with a string is not allowed: found ${quote((property as jsep.Literal).raw)}; only result[<index>] reaches into the result`, spanOf(property)[0]);
        }
        const negated = property.type === 'UnaryExpression' && (property as jsep.UnaryExpression).operator === '-' ? (property as jsep.UnaryExpression).argument : undefined;
        if (negated && negated.type === 'Literal') {
          this.fail(`negative index ${quote(this.text.slice(...spanOf(property)))} is not allowed`, spanOf(property)[0]);
        }
        if (property.type === 'Literal' && typeof (property as jsep.Literal).value === 'number' && !Number.isInteger((property as jsep.Literal).value)) {
          this.fail(`index ${quote((property as jsep.Literal).raw)} is not a whole number`, spanOf(property)[0]);
        }
        return { kind: 'index', at, target: this.node(m.object, inPredicate), index: this.node(property, inPredicate) };
      }
      case 'CallExpression': {
        const c = n as jsep.CallExpression;
        if (c.callee.type !== 'Identifier') this.fail(`only named functions can be called: found a call of ${quote(this.text.slice(...spanOf(c.callee)))}`, at);
        const name = (c.callee as jsep.Identifier).name;
        const spec = g.functions.get(name);
        if (!spec) return this.fail(`unknown function ${quote(name)}; a ${g.label} can use only ${g.allowed}`, spanOf(c.callee)[0]);
        const count = c.arguments.length;
        if (count < spec.min || count > spec.max) {
          const want = spec.min === spec.max ? `${spec.min}` : spec.max === Number.POSITIVE_INFINITY ? `at least ${spec.min}` : `${spec.min} or ${spec.max}`;
          this.fail(`${name}() takes ${want} argument${want === '1' ? '' : 's'}, found ${count}`, spanOf(c.callee)[0]);
        }
        if (name === 'duration') {
          const arg = c.arguments[0] as JNode;
          if (arg.type !== 'Literal' || typeof (arg as jsep.Literal).value !== 'string') {
            this.fail(`duration() takes a quoted Go duration such as "1h30m", found ${quote(this.text.slice(...spanOf(arg)))}`, spanOf(arg)[0]);
          }
          try {
            parseGoDuration((arg as jsep.Literal).value as string);
          } catch (error) {
            if (error instanceof ExpressionError) this.fail(error.message, spanOf(arg)[0]);
            throw error;
          }
          return { kind: 'call', at, name, args: [{ kind: 'literal', at: spanOf(arg)[0], value: (arg as jsep.Literal).value as string }] };
        }
        const args = c.arguments.map((arg, i) => {
          if (i === spec.predicate) return this.node(arg.type === CLOSURE ? (arg.body as JNode) : arg, true);
          return this.node(arg, inPredicate);
        });
        return { kind: 'call', at: spanOf(c.callee)[0], name, args };
      }
      case CLOSURE:
        return this.fail('a predicate { … } can only be the second argument of all, any, none, one, filter, map or count', at);
      case 'UnaryExpression': {
        const u = n as jsep.UnaryExpression;
        if (!g.unary.has(u.operator)) this.fail(`operator ${quote(u.operator)} cannot be used in a ${g.label}; it can use only ${g.allowed}`, at);
        return { kind: 'unary', at, op: u.operator as '-' | '+' | '!', arg: this.node(u.argument, inPredicate) };
      }
      case 'BinaryExpression': {
        const b = n as jsep.BinaryExpression;
        const opAt = typeof n.at === 'number' ? n.at : nextNonSpace(this.text, spanOf(b.left)[1]);
        const op = OPERATOR_ALIASES[b.operator] ?? b.operator;
        if (!g.operators.has(op)) {
          this.fail(`operator ${quote(b.operator)} is not supported in a ${g.label}${OPERATOR_HINTS[b.operator] ?? ''}`, opAt);
        }
        const left = this.node(b.left, inPredicate);
        const right = this.node(b.right, inPredicate);
        if (op === '&&' || op === '||') return { kind: 'logical', at: opAt, op, left, right };
        return { kind: 'binary', at: opAt, op: op as BinaryOp, left, right };
      }
      case 'ConditionalExpression': {
        const c = n as jsep.ConditionalExpression;
        const qAt = nextNonSpace(this.text, spanOf(c.test)[1]);
        if (!g.ternary) this.fail(`"?" (ternary) cannot be used in a ${g.label}; it can use only ${g.allowed}`, qAt);
        return {
          kind: 'conditional',
          at: qAt,
          test: this.node(c.test, inPredicate),
          then: this.node(c.consequent, inPredicate),
          otherwise: this.node(c.alternate, inPredicate),
        };
      }
      case 'Compound':
      case 'SequenceExpression': {
        const list = n.type === 'Compound' ? (n as jsep.Compound).body : (n as jsep.SequenceExpression).expressions;
        const second = list[1];
        const secondAt = second ? spanOf(second)[0] : at;
        const first = list[0];
        const between = first ? nextNonSpace(this.text, spanOf(first)[1]) : secondAt;
        return this.fail(`expected an operator or the end, found ${tokenAt(this.text, Math.min(between, secondAt))}`, Math.min(between, secondAt));
      }
      default:
        return this.fail(`unsupported syntax ${quote(this.text.slice(...spanOf(n)))}`, at);
    }
  }
}

function parseWith(text: string, grammar: Grammar): Expression {
  if (typeof text !== 'string') throw new ExpressionError(`a ${grammar.label} must be a string, found ${quote(text)}`);
  const fail = (message: string, at: number): never => {
    throw new ExpressionError(`${message} at column ${at} in ${grammar.label} ${quote(text)}`, at);
  };
  if (text.trim() === '') fail(`empty ${grammar.label}`, 0);
  let tree: JNode;
  try {
    tree = withFerryGrammar(grammar, fail, () => jsep(text));
  } catch (error) {
    if (error instanceof ExpressionError) throw error;
    if (error instanceof RangeError) return fail('the expression is nested too deeply', 0);
    const e = error as { index?: unknown; description?: unknown };
    if (typeof e.index === 'number' && typeof e.description === 'string') return fail(e.description, e.index);
    throw error;
  }
  const converter = new Converter(text, grammar, fail);
  const root = converter.node(tree, false);
  const [start, end] = spanOf(tree);
  converter.onlySpace(0, start);
  converter.onlySpace(end, text.length);
  if (grammar === TIME) timeKind(root, fail);
  const expression: Expression = Object.freeze({ text });
  parsedTrees.set(expression, { grammar, root, readsResult: converter.readsResult });
  return expression;
}

/**
 * Whether a condition names `result` at all. One that does not (`true`, `1 == 1`) is true or false
 * whatever Prometheus answers: a template refuses it, as it refuses a metric with no condition.
 */
export function readsResult(expr: Expression): boolean {
  treeOf(expr, CONDITION);
  return parsedTrees.get(expr)!.readsResult;
}

/** Parses a `successCondition` / `failureCondition`. It can use `result` and the functions listed above. */
export function parseCondition(text: string): Expression {
  return parseWith(text, CONDITION);
}

/** Parses a range-query bound such as `now() - duration("1h")`; it evaluates to epoch ms. */
export function parseTimeExpression(text: string): Expression {
  return parseWith(text, TIME);
}

function treeOf(expr: Expression, grammar: Grammar): Node {
  const parsed = parsedTrees.get(expr);
  if (!parsed) throw new ExpressionError(`${quote(expr?.text)} was not returned by ${grammar === CONDITION ? 'parseCondition' : 'parseTimeExpression'}`);
  if (parsed.grammar !== grammar) throw new ExpressionError(`${quote(expr.text)} is a ${parsed.grammar.label}, not a ${grammar.label}`);
  return parsed.root;
}

// ---------------------------------------------------------------------------------------------
// Evaluating conditions.

const EMPTY = 1;
const NAN = 2;
const INF = 4;
/** A list that filter() built from a non-empty one kept nothing: `len` examines that; anything else reads it as empty. */
const FILTERED = 8;
/**
 * Not taints: what of the result a value examined. A value read from the result (or computed from
 * one that was) examined all three (DERIVED); `len` examines only emptiness (SEEN_EMPTY), not
 * whether the items it counts are NaN or infinite. An operand that decides `&&`, `||` or
 * `all`/`any`/`none` clears only the taints of the kinds it examined (decidedOver); one that examined nothing
 * decides without examining the result, so it cannot clear the taints of what it decided over (see the header).
 */
const SEEN_EMPTY = 16;
const SEEN_NAN = 32;
const SEEN_INF = 64;
/** The value derives from the result: it was read from it, or computed from something that was (every SEEN_*; `t & DERIVED`: any). */
const DERIVED = SEEN_EMPTY | SEEN_NAN | SEEN_INF;

const MISSING: unique symbol = Symbol('missing');
type Scalar = number | string | boolean | null | typeof MISSING;
/** A value and its taint flags (EMPTY | NAN | INF | FILTERED, and DERIVED). For arrays, `t` is about the array as a whole. */
interface TV {
  readonly v: Scalar | TV[];
  readonly t: number;
}

/** Untainted booleans, shared: values are never changed once made, and a predicate over a long result makes one per item. */
const TRUE: TV = { v: true, t: 0 };
const FALSE: TV = { v: false, t: 0 };
const DERIVED_TRUE: TV = { v: true, t: DERIVED };
const DERIVED_FALSE: TV = { v: false, t: DERIVED };

function numberTaint(n: number): number {
  if (Number.isNaN(n)) return NAN;
  return Number.isFinite(n) ? 0 : INF;
}

/** The taints of a measurement as a whole: empty (null, no series), and any NaN or infinite number in it. */
function measurementTaint(value: MetricValue): number {
  if (value === null) return EMPTY;
  if (typeof value === 'number') return numberTaint(value);
  if (!Array.isArray(value)) return 0;
  let t = value.length === 0 ? EMPTY : 0;
  for (const item of value) t |= measurementTaint(item);
  return t;
}

/** The result, or an item of it, as a value: every part of it DERIVED. */
function fromMetric(value: MetricValue): TV {
  if (value === null) return { v: MISSING, t: EMPTY | DERIVED };
  if (typeof value === 'number') return { v: value, t: numberTaint(value) | DERIVED };
  if (typeof value === 'string' || typeof value === 'boolean') return { v: value, t: DERIVED };
  if (Array.isArray(value)) return new LazyList(value);
  throw new Error(`cannot evaluate a condition on a metric value of type ${typeof value}`);
}

/**
 * A list from the metric's result, its items made into values only when something reads them:
 * a predicate that compares each item with a number (`all(result, {# < 0.5})`) reads a result of
 * thousands of samples without making a value per sample (see ConditionEvaluator.quantified).
 */
class LazyList implements TV {
  private items: TV[] | undefined;
  readonly t: number;

  constructor(readonly raw: readonly MetricValue[]) {
    this.t = (raw.length === 0 ? EMPTY : 0) | DERIVED;
  }

  get v(): TV[] {
    if (!this.items) {
      const items: TV[] = new Array(this.raw.length);
      for (let i = 0; i < this.raw.length; i++) {
        const x = this.raw[i]!;
        items[i] = typeof x === 'number' ? { v: x, t: numberTaint(x) | DERIVED } : fromMetric(x);
      }
      this.items = items;
    }
    return this.items;
  }
}

/** `result`, or an index chain into it (`result[0]`, `result[0][1]`). */
function isResultPath(n: Node): boolean {
  return n.kind === 'result' || (n.kind === 'index' && isResultPath(n.target));
}

/**
 * The taint of a list made from `items` (an array literal, map()'s values), on top of `own`: each
 * item's taint, as a whole list's taint, so that what reads the list without reading its items
 * (`len`) still sees them. An item that is a filter() that kept nothing (FILTERED, which `len` of
 * that item would examine) is read as empty here: `len([filter(…)])` examines only the outer list.
 */
function carried(own: number, items: readonly TV[]): number {
  let t = own;
  for (const item of items) t |= (item.t & ~FILTERED) | (item.t & FILTERED ? EMPTY : 0);
  return t;
}

/**
 * The taints of a predicate's outcome `p` for `item`: its own when it derives from the result
 * (it examined its element, or the result), else also the item's, which it decided over without
 * reading it (`all(result, {true})`, `count(result, {true})` on [NaN]). When `p` decides
 * all/any/none on its own, `item` is the whole list: the items after it were not read either.
 */
function examined(p: TV, item: TV): number {
  return p.t & DERIVED ? p.t : p.t | deepTaint(item);
}

/**
 * The taints of an outcome that `decider` (the taints of an operand of `&&`/`||`, or of a
 * predicate's outcome that ends all/any/none) decided on its own over `other` (the other side's
 * taints, or those of the items before it): the decider's, and those of `other` of the kinds the
 * decider did not examine: `result[0] >= 0.99 || len(result) > 0` on [NaN] keeps the NaN, as `len`
 * examines emptiness only. A decider that examined nothing (`|| true`) clears nothing, and the
 * outcome derives from nothing (evaluateCondition then adds the whole result's taints).
 */
function decidedOver(decider: number, other: number): number {
  if (!(decider & DERIVED)) return (decider | other) & ~DERIVED;
  const cleared = (decider & SEEN_EMPTY ? EMPTY | FILTERED : 0) | (decider & SEEN_NAN ? NAN : 0) | (decider & SEEN_INF ? INF : 0);
  return decider | (other & ~DERIVED & ~cleared);
}

/** Taint of a value with everything inside it. */
function deepTaint(x: TV): number {
  return Array.isArray(x.v) ? x.v.reduce((t, item) => t | deepTaint(item), x.t) : x.t;
}

function describe(x: TV): string {
  const v = x.v;
  if (v === MISSING) return 'a missing value (empty result, index out of range, or null)';
  if (v === null) return 'nil';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'string') return `string ${quote(v)}`;
  return `${typeof v} ${String(v)}`;
}

function isNilish(v: TV['v']): boolean {
  return v === MISSING || v === null;
}

function equal(a: TV, b: TV): boolean {
  if (isNilish(a.v) || isNilish(b.v)) return isNilish(a.v) && isNilish(b.v);
  if (Array.isArray(a.v) || Array.isArray(b.v)) {
    if (!Array.isArray(a.v) || !Array.isArray(b.v) || a.v.length !== b.v.length) return false;
    const bs = b.v;
    return a.v.every((item, i) => equal(item, bs[i] as TV));
  }
  return a.v === b.v;
}

function parseNumber(s: string, integer: boolean): number | undefined {
  const t = s.trim();
  if (integer) return /^[+-]?\d+$/.test(t) ? Number.parseInt(t, 10) : undefined;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number.parseFloat(t);
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (/^nan$/i.test(t)) return Number.NaN;
  return undefined;
}

const utf8 = new TextEncoder();

class ConditionEvaluator {
  constructor(
    private readonly text: string,
    private readonly result: TV,
  ) {}

  fail(message: string, at: number): never {
    throw new ExpressionError(`${message} at column ${at} in condition ${quote(this.text)}`, at);
  }

  /** A boolean operand of &&, ||, !, ?: or a predicate; a missing value counts as false (tainted). */
  truth(x: TV, at: number, what: string): boolean {
    if (typeof x.v === 'boolean') return x.v;
    if (x.v === MISSING) return false;
    return this.fail(`${what} needs true or false, found ${describe(x)}`, at);
  }

  number(x: TV, at: number, what: string): number | typeof MISSING {
    if (typeof x.v === 'number' || x.v === MISSING) return x.v;
    return this.fail(`${what} needs a number, found ${describe(x)}`, at);
  }

  list(x: TV, at: number, what: string): TV[] {
    if (Array.isArray(x.v)) return x.v;
    if (x.v === MISSING) return [];
    return this.fail(`${what} needs an array, found ${describe(x)}`, at);
  }

  visit(n: Node, element: TV | undefined): TV {
    switch (n.kind) {
      case 'literal':
        // Values are never changed once made: one per literal serves every evaluation.
        return (n.tv ??= { v: n.value, t: 0 });
      case 'result':
        return this.result;
      case 'element':
        if (!element) return this.fail('"#" used outside a predicate', n.at);
        return element;
      case 'array': {
        // A literal's length is fixed by the text: `len([result[0]]) == 1` examines nothing, so
        // the list carries its items' taints (see carried).
        const items = n.elements.map((e) => this.visit(e, element));
        return { v: items, t: carried(0, items) };
      }
      case 'index':
        return this.index(n, element);
      case 'unary': {
        const x = this.visit(n.arg, element);
        if (x.v === MISSING) return x;
        if (n.op === '!') return { v: !this.truth(x, n.at, '"!"'), t: x.t };
        const v = this.number(x, n.at, `unary ${quote(n.op)}`) as number;
        const r = n.op === '-' ? -v : v;
        return { v: r, t: x.t | numberTaint(r) };
      }
      case 'binary':
        return this.binary(n.op, this.visit(n.left, element), this.visit(n.right, element), n.at);
      case 'logical': {
        // The side that decides alone (true for ||, false for &&) gives its taints, and whether
        // it derives from the result; the left one deciding leaves the right unread (as expr).
        // A right side that decides without deriving from the result examined nothing: the
        // outcome keeps the left side's taints, and derives from nothing.
        const a = this.visit(n.left, element);
        const av = this.truth(a, n.at, quote(n.op));
        const decides = n.op === '||';
        if (av === decides) return { v: decides, t: a.t };
        const b = this.visit(n.right, element);
        if (this.truth(b, n.at, quote(n.op)) === decides) return { v: decides, t: decidedOver(b.t, a.t) };
        return { v: !decides, t: a.t | b.t };
      }
      case 'conditional': {
        const test = this.visit(n.test, element);
        const chosen = this.visit(this.truth(test, n.at, '"?"') ? n.then : n.otherwise, element);
        return { v: chosen.v, t: chosen.t | test.t };
      }
      case 'call':
        return this.call(n, element);
    }
  }

  index(n: Extract<Node, { kind: 'index' }>, element: TV | undefined): TV {
    const target = this.visit(n.target, element);
    const index = this.visit(n.index, element);
    const t = target.t | index.t;
    if (target.v === MISSING || index.v === MISSING) return { v: MISSING, t: t | EMPTY };
    if (!Array.isArray(target.v)) return this.fail(`cannot index ${describe(target)}`, n.at);
    if (typeof index.v !== 'number') return this.fail(`an index must be a number, found ${describe(index)}`, n.at);
    if (!Number.isInteger(index.v)) return this.fail(`an index must be a whole number, found ${String(index.v)}`, n.at);
    if (index.v < 0) return this.fail(`negative index ${index.v} is not allowed`, n.at);
    const item = target.v[index.v];
    if (!item) return { v: MISSING, t: t | EMPTY };
    return { v: item.v, t: t | item.t };
  }

  binary(op: BinaryOp, a: TV, b: TV, at: number): TV {
    const t = a.t | b.t;
    if (op === '==' || op === '!=') {
      const nan = (typeof a.v === 'number' && Number.isNaN(a.v)) || (typeof b.v === 'number' && Number.isNaN(b.v)) ? NAN : 0;
      const same = equal(a, b);
      return { v: op === '==' ? same : !same, t: deepTaint(a) | deepTaint(b) | nan };
    }
    if (op === '<' || op === '<=' || op === '>' || op === '>=') {
      if (a.v === MISSING || b.v === MISSING) return { v: false, t: t | EMPTY };
      const comparable = (typeof a.v === 'number' && typeof b.v === 'number') || (typeof a.v === 'string' && typeof b.v === 'string');
      if (!comparable) return this.fail(`cannot compare ${describe(a)} ${op} ${describe(b)}`, at);
      const x = a.v as number | string;
      const y = b.v as number | string;
      const v = op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
      const taint = t | (typeof x === 'number' && (Number.isNaN(x) || Number.isNaN(y as number)) ? NAN : 0);
      if (taint === 0) return v ? TRUE : FALSE;
      if (taint === DERIVED) return v ? DERIVED_TRUE : DERIVED_FALSE;
      return { v, t: taint };
    }
    if (a.v === MISSING || b.v === MISSING) return { v: MISSING, t: t | EMPTY };
    if (op === '+' && typeof a.v === 'string' && typeof b.v === 'string') return { v: a.v + b.v, t };
    if (typeof a.v !== 'number' || typeof b.v !== 'number') return this.fail(`cannot apply ${quote(op)} to ${describe(a)} and ${describe(b)}`, at);
    const x = a.v;
    const y = b.v;
    let r: number;
    switch (op) {
      case '+': r = x + y; break;
      case '-': r = x - y; break;
      case '*': r = x * y; break;
      case '/': r = x / y; break;
      case '%': r = x % y; break;
      case '**': r = x ** y; break;
    }
    return { v: r, t: t | numberTaint(r) };
  }

  /** Evaluates `predicate` for each element (as `#`). */
  /**
   * all / any / none over the metric's own list of numbers with a predicate that compares the item
   * with a number literal (`{# < 0.5}`, `{1 > #}`): the same outcome and taint as evaluating the
   * predicate per item (binary() on the item's value), without a value per item. Undefined when
   * the call is not of that shape; the general path then decides.
   */
  quantified(n: Extract<Node, { kind: 'call' }>): TV | undefined {
    const [listNode, body] = n.args;
    if (listNode?.kind !== 'result' || body?.kind !== 'binary' || n.args.length !== 2) return undefined;
    const list = this.result;
    if (!(list instanceof LazyList)) return undefined;
    const op = body.op;
    if (op !== '<' && op !== '<=' && op !== '>' && op !== '>=') return undefined;
    let k: number;
    let itemLeft: boolean;
    if (body.left.kind === 'element' && body.right.kind === 'literal' && typeof body.right.value === 'number') [k, itemLeft] = [body.right.value, true];
    else if (body.right.kind === 'element' && body.left.kind === 'literal' && typeof body.left.value === 'number') [k, itemLeft] = [body.left.value, false];
    else return undefined;
    const raw = list.raw;
    for (let i = 0; i < raw.length; i++) if (typeof raw[i] !== 'number') return undefined;
    const kTaint = 0; // a literal carries no taint (visit: literal)
    const all = n.name === 'all';
    const none = n.name === 'none';
    let t = list.t;
    for (let i = 0; i < raw.length; i++) {
      const x = raw[i] as number;
      const [a, b] = itemLeft ? [x, k] : [k, x];
      const v = op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
      // As binary(): the operands' taints, and NAN when either is NaN.
      const pt = numberTaint(x) | kTaint | (Number.isNaN(x) || Number.isNaN(k) ? NAN : 0) | DERIVED;
      if (all || none) {
        if (v !== all) return { v: false, t: pt };
      } else if (v) {
        return { v: true, t: pt };
      }
      t |= pt;
    }
    return { v: all || none, t };
  }

  each(n: Extract<Node, { kind: 'call' }>, element: TV | undefined): { list: TV; items: TV[]; predicate: (item: TV) => TV } {
    const list = this.visit(n.args[0] as Node, element);
    const items = this.list(list, n.at, `${n.name}()`);
    const body = n.args[1] as Node;
    return { list, items, predicate: (item) => this.visit(body, item) };
  }

  numbers(n: Extract<Node, { kind: 'call' }>, element: TV | undefined): { values: number[]; t: number; missing: boolean } {
    const args = n.args.map((a) => this.visit(a, element));
    const first = args[0] as TV;
    const source = args.length === 1 && (Array.isArray(first.v) || first.v === MISSING) ? this.list(first, n.at, `${n.name}()`) : args;
    let t = args.length === 1 ? first.t : 0;
    let missing = first.v === MISSING;
    const values: number[] = [];
    for (const item of source) {
      t |= item.t;
      const v = this.number(item, n.at, `${n.name}()`);
      if (v === MISSING) missing = true;
      else values.push(v);
    }
    return { values, t, missing };
  }

  call(n: Extract<Node, { kind: 'call' }>, element: TV | undefined): TV {
    const arg = (i: number): TV => this.visit(n.args[i] as Node, element);
    switch (n.name) {
      case 'len': {
        const x = arg(0);
        // Only the result itself (a series of it, an element of it) examines the result's emptiness:
        // a list derived from the result keeps the taint of an empty result.
        const raw = x instanceof LazyList || isResultPath(n.args[0] as Node);
        let t = x.t & ~FILTERED & (raw ? ~EMPTY : ~0);
        // A length examines emptiness, not whether the items are NaN or infinite (decidedOver);
        // but the length of what filter() kept tells of what its predicate examined in the items.
        const filtered = n.args[0]?.kind === 'call' && n.args[0].name === 'filter';
        if (t & DERIVED && !filtered) t = (t & ~DERIVED) | SEEN_EMPTY;
        if (x.v === MISSING) return { v: 0, t };
        if (Array.isArray(x.v)) return { v: x.v.length, t };
        if (typeof x.v === 'string') return { v: utf8.encode(x.v).length, t };
        return this.fail(`len() needs an array or a string, found ${describe(x)}`, n.at);
      }
      case 'isNaN': {
        const x = arg(0);
        const v = this.number(x, n.at, 'isNaN()');
        return { v: v !== MISSING && Number.isNaN(v), t: x.t & ~NAN };
      }
      case 'isInf': {
        const x = arg(0);
        const v = this.number(x, n.at, 'isInf()');
        let sign = 0;
        let t = x.t & ~INF;
        if (n.args.length === 2) {
          const s = arg(1);
          const sv = this.number(s, n.at, 'isInf() sign');
          if (sv === MISSING) return { v: false, t: t | s.t };
          sign = sv;
          t |= s.t;
        }
        if (v === MISSING) return { v: false, t };
        const inf = (sign >= 0 && v === Number.POSITIVE_INFINITY) || (sign <= 0 && v === Number.NEGATIVE_INFINITY);
        return { v: inf, t };
      }
      case 'default': {
        const x = arg(0);
        if (!isNilish(x.v)) return x;
        const y = arg(1);
        // A nil result is examined; an element missing from it (or a value computed from one) is not.
        return { v: y.v, t: y.t | (n.args[0]?.kind === 'result' ? x.t & ~EMPTY : x.t) };
      }
      case 'abs': {
        const x = arg(0);
        const v = this.number(x, n.at, 'abs()');
        if (v === MISSING) return x;
        const r = Math.abs(v);
        return { v: r, t: x.t | numberTaint(r) };
      }
      case 'min':
      case 'max':
      case 'sum':
      case 'mean': {
        const { values, t, missing } = this.numbers(n, element);
        if (missing) return { v: MISSING, t: t | EMPTY };
        if (n.name === 'sum') {
          const r = values.reduce((s, v) => s + v, 0);
          return { v: r, t: t | numberTaint(r) };
        }
        if (values.length === 0) return { v: MISSING, t: t | EMPTY };
        const r = n.name === 'min' ? Math.min(...values) : n.name === 'max' ? Math.max(...values) : values.reduce((s, v) => s + v, 0) / values.length;
        return { v: r, t: t | numberTaint(r) };
      }
      case 'float':
      case 'asFloat':
      case 'int':
      case 'asInt': {
        const x = arg(0);
        if (x.v === MISSING) return x;
        const integer = n.name === 'int' || n.name === 'asInt';
        let r: number | undefined;
        if (typeof x.v === 'number') r = x.v;
        else if (typeof x.v === 'string') r = parseNumber(x.v, integer);
        else return this.fail(`${n.name}() needs a number or a numeric string, found ${describe(x)}`, n.at);
        if (r === undefined) return this.fail(`${n.name}() cannot convert ${describe(x)} to a number`, n.at);
        if (integer) {
          if (!Number.isFinite(r)) return this.fail(`${n.name}() cannot convert ${String(r)} to an integer`, n.at);
          r = Math.trunc(r);
        }
        return { v: r, t: x.t | numberTaint(r) };
      }
      case 'all':
      case 'none': {
        const fast = this.quantified(n);
        if (fast) return fast;
        const { list, items, predicate } = this.each(n, element);
        let t = list.t;
        const what = `the predicate of ${n.name}()`;
        const all = n.name === 'all';
        for (const item of items) {
          const p = predicate(item);
          const holds = this.truth(p, n.at, what) === all;
          if (!holds) return { v: false, t: p.t & DERIVED ? decidedOver(p.t, t) : examined(p, list) };
          t |= examined(p, item);
        }
        return { v: true, t };
      }
      case 'any': {
        const fast = this.quantified(n);
        if (fast) return fast;
        const { list, items, predicate } = this.each(n, element);
        let t = list.t;
        for (const item of items) {
          const p = predicate(item);
          if (this.truth(p, n.at, 'the predicate of any()')) return { v: true, t: p.t & DERIVED ? decidedOver(p.t, t) : examined(p, list) };
          t |= examined(p, item);
        }
        return { v: false, t };
      }
      case 'one':
      case 'count':
      case 'filter': {
        const { list, items, predicate } = this.each(n, element);
        let t = list.t;
        const kept: TV[] = [];
        const what = `the predicate of ${n.name}()`;
        for (const item of items) {
          const p = predicate(item);
          t |= examined(p, item);
          if (this.truth(p, n.at, what)) kept.push(item);
        }
        if (n.name === 'one') return { v: kept.length === 1, t };
        if (n.name === 'count') return { v: kept.length, t };
        return { v: kept, t: t | (kept.length === 0 ? FILTERED : 0) };
      }
      case 'map': {
        // The mapped list is as long as the list it maps, whatever its values: they carry their taints.
        const { list, items, predicate } = this.each(n, element);
        const mapped = items.map(predicate);
        return { v: mapped, t: carried(list.t, mapped) };
      }
      default:
        return this.fail(`unknown function ${quote(n.name)}`, n.at);
    }
  }
}

/**
 * Evaluates a condition against a measurement. `unhandled` is set when the value rests on an
 * empty/missing, NaN or infinite value the condition did not examine (see the header).
 */
export function evaluateCondition(expr: Expression, result: MetricValue): ConditionOutcome {
  const root = treeOf(expr, CONDITION);
  const evaluator = new ConditionEvaluator(expr.text, fromMetric(result));
  const out = evaluator.visit(root, undefined);
  // A condition whose value derives from nothing of the result (`true || result[0] > 0.9`, decided
  // before reading it; `result[0] >= 0.99 || true`, decided by the constant) examined nothing of
  // it: an empty, NaN or infinite result is as untrusted as if it had been read.
  let t = out.t & DERIVED ? out.t : out.t | measurementTaint(result);
  let value: boolean;
  if (typeof out.v === 'boolean') value = out.v;
  else if (out.v === MISSING) {
    value = false;
    t |= EMPTY;
  } else {
    throw new ExpressionError(`a condition must evaluate to true or false, but ${quote(expr.text)} evaluated to ${describe(out)}`, 0);
  }
  if (t & (EMPTY | FILTERED)) return { value, unhandled: 'empty' };
  if (t & NAN) return { value, unhandled: 'nan' };
  if (t & INF) return { value, unhandled: 'inf' };
  return { value };
}

// ---------------------------------------------------------------------------------------------
// Time expressions.

type TimeKind = 'time' | 'duration' | 'number';

/** Checks kinds (time ± duration, …) when parsing; the whole expression must be a time. */
function timeKind(root: Node, fail: (message: string, at: number) => never): void {
  const kind = (n: Node): TimeKind => {
    switch (n.kind) {
      case 'literal':
        return 'number';
      case 'call':
        return n.name === 'now' ? 'time' : 'duration';
      case 'unary': {
        const k = kind(n.arg);
        if (k === 'time') fail(`cannot negate a time`, n.at);
        return k;
      }
      case 'binary': {
        const l = kind(n.left);
        const r = kind(n.right);
        const key = `${l} ${n.op} ${r}`;
        const rules: Record<string, TimeKind> = {
          'time + duration': 'time',
          'duration + time': 'time',
          'time - duration': 'time',
          'time - time': 'duration',
          'duration + duration': 'duration',
          'duration - duration': 'duration',
          'duration * number': 'duration',
          'number * duration': 'duration',
          'duration / number': 'duration',
          'duration / duration': 'number',
          'number + number': 'number',
          'number - number': 'number',
          'number * number': 'number',
          'number / number': 'number',
        };
        const k = Object.hasOwn(rules, key) ? rules[key] : undefined;
        if (!k) return fail(`cannot compute ${l} ${n.op} ${r}`, n.at);
        return k;
      }
      default:
        return fail('unsupported in a time expression', n.at);
    }
  };
  const k = kind(root);
  if (k !== 'time') fail(`a time expression must evaluate to a time such as now() - duration("1h"), found a ${k}`, 0);
}

/** Evaluates a time expression with `now()` = `nowMs`; returns epoch milliseconds. */
export function evaluateTimeExpression(expr: Expression, nowMs: number): number {
  const root = treeOf(expr, TIME);
  if (!Number.isFinite(nowMs)) throw new Error(`evaluating ${quote(expr.text)}: the clock gave ${String(nowMs)}, not a time`);
  const ev = (n: Node): number => {
    switch (n.kind) {
      case 'literal':
        return n.value as number;
      case 'call':
        return n.name === 'now' ? nowMs : parseGoDuration((n.args[0] as Extract<Node, { kind: 'literal' }>).value as string);
      case 'unary':
        return n.op === '-' ? -ev(n.arg) : ev(n.arg);
      case 'binary': {
        const l = ev(n.left);
        const r = ev(n.right);
        return n.op === '+' ? l + r : n.op === '-' ? l - r : n.op === '*' ? l * r : l / r;
      }
      default:
        throw new ExpressionError(`unsupported in a time expression at column ${n.at}`, n.at);
    }
  };
  const ms = ev(root);
  if (!Number.isFinite(ms)) throw new ExpressionError(`time expression ${quote(expr.text)} evaluated to ${String(ms)}, not a time`, 0);
  return ms;
}

// ---------------------------------------------------------------------------------------------
// Go durations (time.ParseDuration): `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, or `0`.

const UNIT_NS: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['us', 1_000n],
  ['µs', 1_000n], // U+00B5 micro sign
  ['μs', 1_000n], // U+03BC Greek mu
  ['ms', 1_000_000n],
  ['s', 1_000_000_000n],
  ['m', 60_000_000_000n],
  ['h', 3_600_000_000_000n],
]);
const MAX_NS = 9_223_372_036_854_775_807n; // Go's time.Duration is an int64 of nanoseconds

/** Parses a Go duration (`1h30m`, `15s`, `500ms`, `1.5h`, `-1m`, `0`) into milliseconds. */
export function parseGoDuration(text: string): number {
  const fail = (why: string, at: number): never => {
    throw new ExpressionError(`invalid duration ${quote(text)}: ${why} at column ${at}; write a Go duration such as "1h30m", "15s" or "500ms"`, at);
  };
  if (typeof text !== 'string') return fail('not a string', 0);
  let i = 0;
  let negative = false;
  const sign = text.charAt(0);
  if (sign === '-' || sign === '+') {
    negative = sign === '-';
    i = 1;
  }
  if (text.slice(i) === '0') return 0;
  if (i === text.length) fail(text === '' ? 'empty' : `found only ${quote(sign)}`, i);
  let total = 0n;
  while (i < text.length) {
    const numberAt = i;
    let whole = '';
    while (isDigit(text.charAt(i))) whole += text.charAt(i++);
    let fraction = '';
    let dot = false;
    if (text.charAt(i) === '.') {
      dot = true;
      i++;
      while (isDigit(text.charAt(i))) fraction += text.charAt(i++);
    }
    if (whole === '' && fraction === '') fail(`expected a number, found ${tokenAt(text, numberAt)}`, numberAt);
    const unitAt = i;
    while (i < text.length && text.charAt(i) !== '.' && !isDigit(text.charAt(i))) i++;
    const unit = text.slice(unitAt, i);
    if (unit === '') fail(`missing unit after ${quote(text.slice(numberAt, unitAt))}`, unitAt);
    const scale = UNIT_NS.get(unit);
    if (scale === undefined) return fail(`unknown unit ${quote(unit)} (units are ns, us, ms, s, m, h)`, unitAt);
    total += BigInt(whole === '' ? '0' : whole) * scale;
    if (dot && fraction !== '') total += (BigInt(fraction) * scale) / 10n ** BigInt(fraction.length);
    if (total > MAX_NS) fail('out of range (more than about 292 years)', numberAt);
  }
  const ms = Number(total) / 1e6;
  return negative ? -ms : ms;
}
