// Prometheus sends sample values as strings. parseSampleValue reads the common decimal with
// Number() and a few character checks; this table holds it to the decimal grammar (what the
// regular expression below accepts), special values aside.
import { expect, test } from 'vitest';
import { parseSampleValue } from '../../actions/src/adapters/prometheus.js';

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

test.each([
  '0', '1', '-1', '+1', '.5', '1.', '1e5', '1E-5', '-3.5e-05', '0.0', '00', '-.5', '1e400', '12345678901234567890',
  '0x10', '0X1F', '-0x1', '0b1', '0o7', ' 1', '1 ', '1\n', '', '-', '+', '.', '1e', 'e1', '1_0', '1.5.5', '١',
])('%j is read as the decimal grammar reads it', (text) => {
  expect(parseSampleValue(text)).toBe(DECIMAL.test(text) ? Number(text) : undefined);
});

test.each([
  ['NaN', Number.NaN], ['+Inf', Infinity], ['-Inf', -Infinity], ['inf', Infinity], ['Infinity', Infinity], ['+NaN', undefined],
])('the special value %j', (text, value) => {
  expect(parseSampleValue(text)).toBe(value);
});
