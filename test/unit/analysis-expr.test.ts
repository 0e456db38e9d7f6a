// The condition language of AnalysisTemplates, as a gate relies on it: Argo's documented
// conditions evaluate as in Argo, an empty/NaN/Inf measurement never passes silently, nothing
// outside `result` is reachable, and range bounds evaluate against an injected clock.
import jsep from 'jsep';
import { describe, expect, test } from 'vitest';
import {
  ExpressionError,
  evaluateCondition,
  evaluateTimeExpression,
  parseCondition,
  parseGoDuration,
  parseTimeExpression,
  type ConditionOutcome,
  type MetricValue,
} from '../../actions/src/core/analysis-expr.js';

const NaN_ = Number.NaN;
const Inf = Number.POSITIVE_INFINITY;

function run(text: string, result: MetricValue): ConditionOutcome {
  return evaluateCondition(parseCondition(text), result);
}

/** The ExpressionError `fn` throws. */
function expressionError(fn: () => unknown): ExpressionError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return error as ExpressionError;
  }
  throw new Error('expected an ExpressionError, nothing was thrown');
}

describe('evaluateCondition: values', () => {
  test.each<[string, MetricValue, boolean]>([
    // Argo's documented conditions
    ['result[0] >= 0.95', [0.99], true],
    ['result[0] >= 0.95', [0.9], false],
    ['result >= 0.95', 0.97, true],
    ['result < 0.02', 0.5, false],
    ['result == "3.3.3.3"', '3.3.3.3', true],
    ["result == 'fail123'", 'ok', false],
    ['asInt(result) == 200', '200', true],
    ['asFloat(result) > 0.5', '0.75', true],
    ['len(result) == 0 || result[0] < 1', [0.5], true],
    ['len(result) == 0 || result[0] < 1', [2], false],
    // literals and arithmetic
    ['result[0] <= 1e-3', [0.0005], true],
    ['result[0] <= 1e-3', [0.002], false],
    ['.5 + .25 == 0.75', 0, true],
    ['result[0] * 100 >= 99', [0.995], true],
    ['result[0] / result[1] < 0.01', [1, 1000], true],
    ['7 % 3 == 1', 0, true],
    ['2 ** 10 == 1024', 0, true],
    ['2 ^ 3 ^ 2 == 512', 0, true],
    ['-2 ** 2 == -4', 0, true],
    ['(-2) ** 2 == 4', 0, true],
    ['2 - -1 == 3', 0, true],
    ['1 + 2 * 3 == 7', 0, true],
    ['(1 + 2) * 3 == 9', 0, true],
    ['"a" + "b" == "ab"', 0, true],
    ['"abc" < "abd"', 0, true],
    // indexing nested results
    ['result[0][1] > 5', [[1, 6]], true],
    ['result[1][0] == "x"', [[], ['x']], true],
    // logic, word operators, ternary
    ['result[0] > 0.5 && result[1] > 0.5', [0.6, 0.4], false],
    ['result[0] > 0.5 and result[1] > 0.5', [0.6, 0.7], true],
    ['result[0] > 0.5 or result[1] > 0.5', [0.1, 0.7], true],
    ['!(result[0] > 0.5)', [0.1], true],
    ['not (result[0] > 0.5)', [0.1], true],
    ['not result[0] == false', [true], true],
    ['result[0] > 0.5 ? result[1] > 1 : result[1] > 0', [0.6, 0.5], false],
    ['result[0] > 0.5 ? result[1] > 1 : result[1] > 0', [0.4, 0.5], true],
    ['result', true, true],
    ['nil == nil', 0, true],
    ['1 == "1"', 0, false],
    ['[1, 2] == [1, 2]', 0, true],
    ['result == [1, 2]', [1, 2], true],
    // functions
    ['len(result) == 3', [1, 2, 3], true],
    ['len("héllo") == 6', 0, true],
    ['abs(result[0]) < 0.1', [-0.05], true],
    ['min(result) == 1 && max(result) == 3', [3, 1, 2], true],
    ['min(result[0], 2) == 1', [1], true],
    ['max(1, 5, 3) == 5', 0, true],
    ['sum(result) == 6', [1, 2, 3], true],
    ['mean(result) == 2', [1, 2, 3], true],
    ['float("1.5") == 1.5', 0, true],
    ['int(2.9) == 2', 0, true],
    ['int("-4") == -4', 0, true],
    ['isInf(result[0], 1)', [Inf], true],
    ['isInf(result[0], -1)', [Inf], false],
    ['isInf(result[0])', [-Inf], true],
    ['isNaN(result[0])', [0.5], false],
    ['default(result[0], 5) == 1', [1], true],
    ['default(result, 0) == 0', null, true],
    // predicates
    ['all(result, {# < 0.5})', [0.1, 0.2], true],
    ['all(result, {# < 0.5})', [0.1, 0.7], false],
    ['all(result, # < 0.5)', [0.1, 0.2], true],
    ['any(result, {# > 0.5})', [0.1, 0.7], true],
    ['none(result, {# > 0.5})', [0.1, 0.2], true],
    ['one(result, {# > 0.5})', [0.6, 0.7], false],
    ['count(result, {# > 0.5}) == 2', [0.6, 0.7, 0.1], true],
    ['len(filter(result, {# > 0.5})) == 1', [0.6, 0.1], true],
    ['sum(map(result, {# * 2})) == 6', [1, 2], true],
    ['all(result, {all(#, {# > 0})})', [[1, 2], [3]], true],
    ['all(result, {# > result[0] - 1})', [1, 2], true],
  ])('%s with %o → %s', (text, result, value) => {
    expect(run(text, result)).toEqual({ value });
  });
});

describe('evaluateCondition: fail closed on empty, NaN and Inf', () => {
  test.each<[string, MetricValue, boolean, ConditionOutcome['unhandled']]>([
    // not handled: the outcome must not be trusted
    ['result[0] >= 0.95', [], false, 'empty'],
    ['result[0] >= 0.95', [NaN_], false, 'nan'],
    ['result[0] >= 0.95', [Inf], true, 'inf'],
    ['result[0] <= 0.95', [-Inf], true, 'inf'],
    ['result[0] != 1', [NaN_], true, 'nan'],
    ['result[0] == 1', [NaN_], false, 'nan'],
    ['result >= 0.95', NaN_, false, 'nan'],
    ['result >= 0.95', null, false, 'empty'],
    ['result[0] >= 0.95', null, false, 'empty'],
    ['result[0] >= 0.95', [null], false, 'empty'],
    ['result[3] > 1', [1, 2], false, 'empty'],
    ['result[0][0] > 1', [], false, 'empty'],
    ['!(result[0] < 0.5)', [NaN_], true, 'nan'],
    ['result[0] < 0.5 || result[0] > 2', [NaN_], false, 'nan'],
    ['result[0] - 1 < 0', [], false, 'empty'],
    ['all(result, {# < 0.5})', [], true, 'empty'],
    ['none(result, {# > 0.5})', [], true, 'empty'],
    ['any(result, {# > 0.5})', [], false, 'empty'],
    ['all(result, {# < 0.5})', [0.1, NaN_], false, 'nan'],
    ['all(result, {# < 0.5})', [0.1, Inf], false, 'inf'],
    ['all(filter(result, {# > 1}), {# < 5})', [0.5], true, 'empty'],
    ['count(result, {# > 0.5}) == 0', [], true, 'empty'],
    ['sum(result) == 0', [], true, 'empty'],
    ['mean(result) > 0.5', [], false, 'empty'],
    ['result[0] / result[1] > 2', [1, 0], true, 'inf'],
    ['result[0] / result[1] > 2', [0, 0], false, 'nan'],
    ['float(result) > 1', 'NaN', false, 'nan'],
    ['result[0] == nil', [], true, 'empty'],
    ['isNaN(result[0]) || result[0] >= 0.9', [], false, 'empty'],
    ['isNaN(result[0]) || result[0] >= 0.9', [Inf], true, 'inf'],
    ['len(result) > 0 && all(result, {# < 0.5})', [NaN_], false, 'nan'],
    ['result[0] >= 0.9 && !isNaN(result[0])', [NaN_], false, 'nan'],
    ['result[0]', [], false, 'empty'],
    // len of a list derived from the result does not examine the result's emptiness
    ['len(filter(result, {# < 0.99})) == 0', [], true, 'empty'],
    ['len(filter(result, {# >= 0.99})) == len(result)', [], true, 'empty'],
    ['len(map(result, {# * 2})) == 0', [], true, 'empty'],
    ['len(filter(filter(result, {# > 0}), {# < 0.99})) == 0', [], true, 'empty'],
    ['len(filter(result, {# < 0.99})) == 0', null, true, 'empty'],
    // default() of an element missing from the result is not an examination (Argo: an Error)
    ['default(result[0], 1) >= 0.95', [], true, 'empty'],
    ['default(result[0], 0) >= 0', [], true, 'empty'],
    ['default(result[1], 5) == 5', [1], true, 'empty'],
    ['default(result[0] * 2, 1) >= 0.95', [], true, 'empty'],
    ['default(min(result), 1) >= 0.95', [], true, 'empty'],
    // a list the condition builds carries its items' taints: its length examines nothing
    ['len([result[0]]) == 1', [], true, 'empty'],
    ['len([result[0]]) == 1', [NaN_], true, 'nan'],
    ['len([result[0]]) == 1', [Inf], true, 'inf'],
    ['len([result]) == 1', [], true, 'empty'],
    ['len([result]) == 1', null, true, 'empty'],
    ['len([[result[0]]]) == 1', [NaN_], true, 'nan'],
    ['len([1, result[0] * 2]) == 2', [], true, 'empty'],
    ['len([filter(result, {# > 1})]) == 1', [0.5], true, 'empty'],
    ['len([result[0]]) == 1 && len(result) >= 0', [NaN_], true, 'nan'],
    ['[result[0], 1][1] == 1', [], true, 'empty'],
    ['all([result[0]], {isNaN(#)})', [NaN_], true, 'nan'], // fail closed over precision: the list carries the NaN
    ['count([result[0]], {true}) == 1', [NaN_], true, 'nan'],
    ['len(filter([result[0]], {true})) == 1', [], true, 'empty'],
    ['len(map([1], {result[0]})) == 1', [], true, 'empty'],
    ['len(map(result, {result[5]})) == 1', [1], true, 'empty'],
    ['len(map(result, {# / 0})) == 1', [1], true, 'inf'],
    // handled explicitly: trustworthy
    ['len(result) == 0 || result[0] < 1', [], true, undefined],
    ['len(result) > 0 && result[0] >= 0.95', [], false, undefined],
    ['len(result) == 1', [NaN_], true, undefined],
    ['isNaN(result[0]) || result[0] >= 0.9', [NaN_], true, undefined],
    ['!isNaN(result[0]) && result[0] >= 0.9', [NaN_], false, undefined],
    ['isInf(result[0]) || result[0] >= 0.9', [Inf], true, undefined],
    ['default(result, 1) > 0.5', null, true, undefined],
    ['len(result) > 0 ? result[0] > 0.5 : true', [], true, undefined],
    ['all(result, {!isNaN(#) && # < 0.5})', [0.1, NaN_], false, undefined],
    ['any(result, {isNaN(#)})', [0.1, NaN_], true, undefined],
    ['len(filter(result, {!isNaN(#) && # > 0.5})) == 1', [0.9, NaN_], true, undefined],
    ['len(filter(result, {# < 0.99})) == 0', [0.995, 0.999], true, undefined],
    ['len(filter(result, {# < 0.99})) == 0', [0.995, 0.5], false, undefined],
    ['len(filter(result, {# >= 0.99})) == len(result)', [0.995, 0.999], true, undefined],
    ['len(result) > 0 && len(filter(result, {# < 0.99})) == 0', [], false, undefined],
    ['len(result[0]) == 0', [], true, undefined],
    ['all(result, {len(#) > 0})', [[1], []], false, undefined],
    ['len([1, 2]) == 2', [0.5], true, undefined],
    ['len([isNaN(result[0])]) == 1', [NaN_], true, undefined],
    ['len([len(result)]) == 1', [], true, undefined],
    ['len(map(result, {isNaN(#)})) == 1', [NaN_], true, undefined],
    ['any([result[0], result[1]], {# > 0.5})', [NaN_, 0.9], true, undefined],
    // a side that decides on its own makes the outcome trustworthy
    ['result[0] > 0.5 || result[1] > 0.5', [NaN_, 0.9], true, undefined],
    ['result[0] > 0.5 && result[1] > 0.5', [0.9, 0.1], false, undefined],
    ['any(result, {# > 0.5})', [NaN_, 0.9], true, undefined],
    ['all(result, {# < 0.5})', [0.9, NaN_], false, undefined],
    // like expr, all() stops at the first false: a NaN there decides, so the outcome is tainted
    ['all(result, {# < 0.5})', [NaN_, 0.9], false, 'nan'],
    ['result[1] > 0.5', [NaN_, 0.9], true, undefined],
    // decided without reading the result at all (a constant, a short-circuit): what the result
    // holds is as untrusted as if it had been read (a template refuses a condition that never names result)
    ['true', [], true, 'empty'],
    ['true', null, true, 'empty'],
    ['true || result[0] > 0.9', [], true, 'empty'],
    ['1 == 1 || result[0] > 0.9', [NaN_], true, 'nan'],
    ['false && result[0] > 0.9', [[0.5, Inf]], false, 'inf'],
    ['true || result[0] > 0.9', [0.5], true, undefined],
    ['true', 0.5, true, undefined],
    // a length examines emptiness, not the items: deciding && or ||, it clears only emptiness
    ['result[0] >= 0.99 || len(result) > 0', [NaN_], true, 'nan'],
    ['result[0] >= 0.99 || len(result) > 0', [Inf], true, 'inf'],
    ['result[0] >= 0.99 || len(result) > 0', [0.5], true, undefined],
    ['result[0] >= 0.99 || len(result) > 0', [0.995], true, undefined],
    ['all(result, {# >= 0.99}) || len(result) > 0', [0.995, NaN_], true, 'nan'],
    ['all(result, {# >= 0.99}) || len(result) >= 1', [0.995, 0.999], true, undefined],
    ['result[0] >= 0.99 || len([result[0]]) > 0', [NaN_], true, 'nan'],
    ['result[0] < 0.5 && len(result) == 0', [NaN_], false, 'nan'],
    ['result[0] >= 0.99 || len(result[1]) > 0', [NaN_, [1]], true, 'nan'],
    ['any(result, {# > 0.99 || len(result) > 1})', [NaN_, 0.5], true, 'nan'],
    ['any(result, {len(#) > 0})', [[NaN_], [1]], true, undefined], // (its length is what it says, as len(result[0]) > 0)
    ['all(result, {len(#) > 0}) && all(result, {all(#, {isNaN(#) || # < 0.5})})', [[NaN_, 0.1]], true, undefined],
    // the length of what filter() kept tells of what its predicate examined
    ['result[0] >= 0.99 || len(filter(result, {isNaN(#)})) > 0', [NaN_], true, undefined],
    ['result[0] >= 0.99 || len(filter(result, {# > 0.5})) > 0', [NaN_, 0.9], true, 'nan'],
    // any() decides on a value it compared (0.995 == 0.995), as result[1] > 0.5 does above: a
    // NaN in another item is not examined, and not needed (`# == #` is false for NaN, as in Go)
    ['all(result, {# >= 0.99}) || any(result, {# == #})', [0.995, NaN_], true, undefined],
    ['any(result, {# == #})', [NaN_], false, 'nan'],
  ])('%s with %o → %s, unhandled %s', (text, result, value, unhandled) => {
    const expected: ConditionOutcome = unhandled ? { value, unhandled } : { value };
    expect(run(text, result)).toEqual(expected);
  });

  test('a taint is reported empty before nan before inf', () => {
    expect(run('result[0] > 1 || result[1] > 1 || result[2] > 1', [Inf, NaN_])).toEqual({ value: true, unhandled: 'inf' });
    expect(run('result[0] > 1 || result[1] > 1 || result[2] > 1', [0, NaN_])).toEqual({ value: false, unhandled: 'empty' });
    expect(run('result[0] > 1 || result[1] > 1', [NaN_, -Inf])).toEqual({ value: false, unhandled: 'nan' });
  });
});

describe('evaluateCondition: type errors throw', () => {
  test.each<[string, MetricValue, RegExp, number]>([
    ['"a" < 1', 0, /cannot compare string "a" < number 1 at column 4/, 4],
    ['result[0][0] > 1', [0.5], /cannot index number 0\.5 at column 9/, 9],
    ['result[-1] > 0', [1], /negative index "-1" is not allowed at column 7/, 7],
    ['result[len(result) - 2] > 0', [1], /negative index -1 is not allowed at column 6/, 6],
    ['result[0.5] > 0', [1], /index "0\.5" is not a whole number at column 7/, 7],
    ['result[true] > 0', [1], /an index must be a number, found boolean true at column 6/, 6],
    ['result + 1 > 2', [1], /cannot apply "\+" to an array of 1 and number 1 at column 7/, 7],
    ['1 && true', 0, /"&&" needs true or false, found number 1 at column 2/, 2],
    ['result[0]', [0.5], /must evaluate to true or false.*number 0\.5/, 0],
    ['result[0] + 1', [0.5], /must evaluate to true or false/, 0],
    ['len(5) > 0', 0, /len\(\) needs an array or a string, found number 5 at column 0/, 0],
    ['isNaN("x")', 0, /isNaN\(\) needs a number, found string "x"/, 0],
    ['int("1.5") == 1', 0, /int\(\) cannot convert string "1\.5"/, 0],
    ['all(result, {# + 1})', [1], /the predicate of all\(\) needs true or false, found number 2/, 0],
    ['all(5, {# > 1})', 0, /all\(\) needs an array, found number 5/, 0],
    ['nil < 1', 0, /cannot compare nil < number 1/, 4],
  ])('%s with %o', (text, result, message, position) => {
    const error = expressionError(() => run(text, result));
    expect(error.message).toMatch(message);
    expect(error.position).toBe(position);
  });
});

describe('parseCondition: syntax errors name what was found and where', () => {
  test.each<[string, number, RegExp]>([
    ['', 0, /empty condition/],
    ['result[0] >=', 12, /Expected expression after >= at column 12/],
    ['result[0] >= 0.95)', 17, /unexpected "\)" at column 17/i],
    ['(result[0] >= 0.95', 18, /Unclosed \( at column 18/],
    ['result[0 >= 1', 13, /expected "\]" to close the index opened at column 6, found the end at column 13/],
    ['result[0] >= "abc', 17, /Unclosed quote/],
    ['result[0] >= 0.95 result', 18, /expected an operator or the end, found "result" at column 18/],
    ['result[0] >= 0.95;', 17, /unexpected ";" at column 17/],
    ['result[0] > 1, result[1] > 1', 13, /found "," at column 13/],
    ['result[0] >= 1e', 15, /Expected exponent \(1e\)/],
    ['result[0] >= 12abc', 15, /Variable names cannot start with a number/],
    ['result[0] @ 1', 10, /unexpected "@" at column 10/],
    ['result[0] === 1', 10, /operator "===" is not supported in a condition; use == at column 10/],
    ['result[0] ?? 1', 10, /operator "\?\?" is not supported.*use default\(x, y\) at column 10/],
    ['result[0] | 1', 10, /operator "\|" is not supported/],
    ['result[0] in [1]', 10, /operator "in" is not supported in a condition at column 10/],
    ['result[0] matches "x"', 10, /operator "matches" is not supported/],
    ['result[0:2]', 8, /slices are not supported: found ":" at column 8/],
    ['result[]', 6, /empty index "\[\]" at column 6/],
    ['all(result, {})', 12, /empty predicate "\{\}" at column 12/],
    ['all(result, {# > 1)', 18, /expected "\}" to close the predicate opened at column 12, found "\)" at column 18/],
    ['len({# > 1})', 4, /a predicate \{ … \} can only be the second argument/],
    ['# > 1', 0, /"#" is the element inside a predicate.*found it outside one at column 0/],
    ['len(result, 1) > 0', 0, /len\(\) takes 1 argument, found 2 at column 0/],
    ['all(result) ', 0, /all\(\) takes 2 arguments, found 1/],
    ['isInf(1, 2, 3)', 0, /isInf\(\) takes 1 or 2 arguments, found 3/],
    ['()', 0, /empty parentheses "\(\)" at column 0/],
    ['not', 3, /expected an expression after "not", found the end at column 3/],
    ['[1,,2] == [1]', 0, /empty array element/],
    ['result[0] >= 1e999', 13, /number "1e999" is out of range at column 13/],
  ])('%j → column %i', (text, position, message) => {
    const error = expressionError(() => parseCondition(text));
    expect(error.message).toMatch(message);
    expect(error.position).toBe(position);
  });
});

describe('parseCondition: nothing outside result is reachable', () => {
  test.each<[string, number, string]>([
    ['process.exit(1)', 0, 'unknown name "process"'],
    ['constructor', 0, 'unknown name "constructor"'],
    ['globalThis.process', 0, 'unknown name "globalThis"'],
    ['this', 0, 'unknown name "this"'],
    ['this.result', 0, 'unknown name "this"'],
    ['__proto__ == nil', 0, 'unknown name "__proto__"'],
    ['$env["result"]', 0, 'unknown name "$env"'],
    ['null == nil', 0, 'unknown name "null"'],
    ['undefined == nil', 0, 'unknown name "undefined"'],
    ['Infinity > result', 0, 'unknown name "Infinity"'],
    ['result.constructor', 6, 'member access is not allowed: found ".constructor"'],
    ['result.length > 0', 6, 'member access is not allowed: found ".length"'],
    ['result[0].toString() == "1"', 9, 'member access is not allowed: found ".toString"'],
    ['result?.length', 6, 'member access is not allowed: found "?.length"'],
    ['(result).constructor', 8, 'member access is not allowed: found ".constructor"'],
    ['"abc".length == 3', 5, 'member access is not allowed: found ".length"'],
    ['[].constructor', 2, 'member access is not allowed: found ".constructor"'],
    ['len.call(result)', 0, '"len" is a function: call it as len(…)'],
    ['result["__proto__"]', 7, 'indexing with a string is not allowed: found "\\"__proto__\\""'],
    ["result['constructor']", 7, 'indexing with a string is not allowed'],
    ['result[0]["constructor"]', 10, 'indexing with a string is not allowed'],
    ['constructor("return 1")', 0, 'unknown function "constructor"'],
    ['eval("1")', 0, 'unknown function "eval"'],
    ['Function("return process")()', 0, 'unknown function "Function"'],
    ['require("fs")', 0, 'unknown function "require"'],
    ['import("fs")', 0, 'unknown function "import"'],
    ['now() > 0', 0, 'unknown function "now"'],
    ['duration("1h") > 0', 0, 'unknown function "duration"'],
    ['new Date()', 0, 'unknown name "new"'],
    ['result = 1', 7, 'assignment is not allowed: found "="'],
    ['result[0] = 1', 10, 'assignment is not allowed: found "="'],
    ['`${result}`', 0, 'template literals are not supported: found "`"'],
    ['result[0](1)', 9, 'only named functions can be called: found a call of "result[0]"'],
    ['(len)(result) > 0', 1, '"len" is a function'],
    ['(result)(1)', 8, 'only named functions can be called: found a call of "(result)"'],
    ['result[0] > 1; process', 15, 'unknown name "process"'],
    ['result[0] > 1; result', 13, 'expected an operator or the end, found ";"'],
    ['all(result, {#.constructor})', 14, 'member access is not allowed: found ".constructor"'],
    ['#index > 0', 0, 'unknown name "#index"'],
  ])('%s', (text, position, message) => {
    const error = expressionError(() => parseCondition(text));
    expect(error.message).toContain(message);
    expect(error.message).toContain(`at column ${position}`);
    expect(error.position).toBe(position);
  });

  test('a forbidden name is refused before anything is evaluated', () => {
    expect(() => parseCondition('result[0] > 0 || process.mainModule')).toThrow(/unknown name "process".* at column 17/);
  });

  test('only trees made by parseCondition are evaluated', () => {
    expect(() => evaluateCondition({ text: 'true' }, 0)).toThrow(ExpressionError);
    expect(() => evaluateCondition(parseTimeExpression('now()'), 0)).toThrow(/is a time expression, not a condition/);
  });
});

describe('jsep is left as Ferry found it', () => {
  test('after a parse, and after a failed parse, jsep parses with its own defaults', () => {
    const before = { ops: { ...jsep.binary_ops }, right: [...jsep.right_associative], chars: [...jsep.additional_identifier_chars] };
    parseCondition('result[0] > 1 and not (2 ^ 2 == 4) or all(result, {# > 0})');
    expect(() => parseCondition('result[0] > 1 and process')).toThrow(ExpressionError);
    expect(() => parseTimeExpression('now() - duration("1x")')).toThrow(ExpressionError);
    expect({ ops: { ...jsep.binary_ops }, right: [...jsep.right_associative], chars: [...jsep.additional_identifier_chars] }).toEqual(before);
    expect(jsep('a and b').type).toBe('Compound');
    expect(jsep('a.b').type).toBe('MemberExpression');
    expect(() => jsep('{a}')).toThrow();
  });

  test('input nested too deeply is an ExpressionError, not a crash', () => {
    const deep = `${'('.repeat(20_000)}1${')'.repeat(20_000)} > 0`;
    expect(expressionError(() => parseCondition(deep)).message).toContain('nested too deeply');
  });
});

describe('time expressions', () => {
  const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);

  test.each<[string, number]>([
    ['now()', NOW],
    ['now() - duration("1h")', NOW - 3_600_000],
    ['now() - duration("1h30m")', NOW - 5_400_000],
    ['now() + duration("500ms")', NOW + 500],
    ['now() - 2 * duration("15s")', NOW - 30_000],
    ['now() - duration("1h") / 4', NOW - 900_000],
    ['now() - (duration("1h") + duration("30m"))', NOW - 5_400_000],
    ['duration("-5m") + now()', NOW - 300_000],
    ['now() - (now() - duration("1m")) + now()', NOW + 60_000],
  ])('%s', (text, expected) => {
    expect(evaluateTimeExpression(parseTimeExpression(text), NOW)).toBe(expected);
  });

  test('the injected clock is what now() returns', () => {
    const expr = parseTimeExpression('now() - duration("10m")');
    expect(evaluateTimeExpression(expr, 1_000_000_000)).toBe(1_000_000_000 - 600_000);
    expect(evaluateTimeExpression(expr, 2_000_000_000)).toBe(2_000_000_000 - 600_000);
  });

  test.each<[string, number, string]>([
    ['result', 0, 'unknown name "result"'],
    ['len(1)', 0, 'unknown function "len"'],
    ['Date.now()', 0, 'unknown name "Date"'],
    ['duration("1h")', 0, 'must evaluate to a time such as now() - duration("1h"), found a duration'],
    ['now() + now()', 6, 'cannot compute time + time'],
    ['now() * 2', 6, 'cannot compute time * number'],
    ['-now()', 0, 'cannot negate a time'],
    ['now() > 1', 6, 'operator ">" is not supported in a time expression'],
    ['now() - duration("1d")', 17, 'invalid duration "1d": unknown unit "d"'],
    ['now() - duration(1)', 17, 'duration() takes a quoted Go duration such as "1h30m", found "1"'],
    ['now() - 1h', 9, 'Variable names cannot start with a number'],
    ['now() - "1h"', 8, '"\\"1h\\"" cannot be used in a time expression'],
    ['now(1)', 0, 'now() takes 0 arguments, found 1'],
    ['now()[0]', 5, 'indexing with "[" cannot be used in a time expression'],
    ['true ? now() : now()', 5, '"?" (ternary) cannot be used in a time expression'],
    ['true', 0, '"true" cannot be used in a time expression'],
  ])('%s is refused', (text, position, message) => {
    const error = expressionError(() => parseTimeExpression(text));
    expect(error.message).toContain(message);
    expect(error.position).toBe(position);
  });
});

describe('parseGoDuration', () => {
  test.each<[string, number]>([
    ['0', 0],
    ['-0', 0],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['15s', 15_000],
    ['500ms', 500],
    ['1.5h', 5_400_000],
    ['.5s', 500],
    ['1.s', 1000],
    ['1.1s', 1100],
    ['2h45m30.5s', 9_930_500],
    ['1h0m0s', 3_600_000],
    ['100us', 0.1],
    ['100µs', 0.1],
    ['100μs', 0.1],
    ['1ns', 0.000001],
    ['-1m', -60_000],
    ['+5s', 5000],
    ['30m15s', 1_815_000],
  ])('%j → %f ms', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });

  test.each<[string, number, string]>([
    ['', 0, 'empty'],
    ['-', 1, 'found only "-"'],
    ['1', 1, 'missing unit after "1"'],
    ['10', 2, 'missing unit after "10"'],
    ['h', 0, 'expected a number, found "h"'],
    ['.h', 0, 'expected a number, found "."'],
    ['1d', 1, 'unknown unit "d"'],
    ['1h ', 1, 'unknown unit "h "'],
    [' 1h', 0, 'expected a number, found " "'],
    ['1h30', 4, 'missing unit after "30"'],
    ['1hour', 1, 'unknown unit "hour"'],
    ['1.5.5h', 3, 'missing unit after "1.5"'],
    ['--1h', 1, 'expected a number, found "-"'],
    ['3000000h', 0, 'out of range'],
  ])('%j is refused', (text, position, message) => {
    const error = expressionError(() => parseGoDuration(text));
    expect(error.message).toContain(`invalid duration ${JSON.stringify(text)}`);
    expect(error.message).toContain(message);
    expect(error.position).toBe(position);
  });
});

describe('all / any / none comparing each item with a number: the fast path agrees with the general one', () => {
  // `{# < 0.5}` over the result's numbers takes a path that makes no value per item; `{(# < 0.5) == true}`
  // is not of that shape and is evaluated item by item. Both must give the same value and taint.
  const lists: number[][] = [[], [0.1], [0.9], [0.1, 0.2, 0.3], [0.1, 0.7], [NaN], [0.1, NaN], [NaN, 0.1], [Infinity], [0.1, -Infinity], [0.5, 0.5], [0.7, NaN, 0.1]];
  const shapes = ['# < 0.5', '# <= 0.5', '# > 0.5', '# >= 0.5', '0.5 > #', '0.5 <= #'];
  test.each(['all', 'any', 'none'].flatMap((fn) => shapes.map((shape) => [fn, shape] as const)))('%s(result, {%s})', (fn, shape) => {
    const fast = parseCondition(`${fn}(result, {${shape}})`);
    const general = parseCondition(`${fn}(result, {(${shape}) == true})`);
    for (const list of lists) {
      const a = evaluateCondition(fast, list);
      const b = evaluateCondition(general, list);
      // == true adds no taint of its own beyond what the comparison carries: compare value and unhandled.
      expect([list, a]).toEqual([list, b]);
    }
  });
});
