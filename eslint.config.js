import globals from "globals";
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.dependency-cruiser.cjs', 'dist/**', 'node_modules/**', 'coverage/**', '.data/**', '.cache/**', 'test-results/**'] },
  js.configs.recommended,
  { languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The Rules of React (hooks order, effect dependencies, no state set in render or synchronously in effects) for
    // the React UIs. src/admin is listed so an admin UI there is held to the same rules from its first file.
    files: ['src/taskpane/**/*.{ts,tsx}', 'src/admin/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // A missing effect dependency is a stale-closure bug; as a warning it would pass `npm test` unnoticed.
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Command-line entry points, benchmarks and tests print their results.
    files: ['scripts/**', 'bench/**', 'test/**', 'src/**/cli.ts', 'src/server/cli/main.ts', 'src/sandbox/main.ts'],
    rules: { 'no-console': 'off' },
  },
);
