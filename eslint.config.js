import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'actions/src/core/generated/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='eval']", message: 'no eval' },
        { selector: "CallExpression[callee.property.name='eval']", message: 'no eval, not even as a method name (a reader cannot tell it from the global)' },
        { selector: "NewExpression[callee.name='Function']", message: 'no new Function' },
      ],
    },
  },
  {
    // Core is pure: no Actions runtime, no processes, no sockets.
    files: ['actions/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@actions/*'], message: 'core must not import the Actions runtime' },
            { group: ['node:child_process', 'child_process', 'node:net', 'node:http', 'node:https', 'node:fs', 'node:fs/promises', 'fs'], message: 'core is pure: take an interface instead' },
          ],
        },
      ],
    },
  },
);
