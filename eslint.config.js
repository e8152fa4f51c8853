// ESLint flat config: typescript-eslint's recommended rules (syntactic, no type information, so `npm run lint`
// stays fast on a 2-core machine) plus the few project rules that guard what CONTRIBUTING.md promises.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'results/', 'bench/results/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', performance: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // process.exit() loses output still buffered for a pipe (issue 12); the CLI entry point drains first.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'exit', message: 'set process.exitCode; src/cli/main.ts exits after stdout drains' },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  // Tests read JSON manifests and fixtures whose shape is the thing under test.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
