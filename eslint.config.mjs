// `npm run lint`: ESLint over every TypeScript file of the project, with type information (so
// `no-floating-promises` sees which calls return a promise). JavaScript files are build and test
// scripts and are not linted. Style is Prettier's job, not this.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'action/index.js',
      'node_modules/**',
      '.vscode-test/**',
      'test/artifacts/**',
      'test/fixtures/**',
      '**/*.mjs',
      '**/*.js',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits loses its error: handle it, or write `void` with a reason.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      // tsc's noUnusedLocals/noUnusedParameters already report these (with `_` for a kept parameter).
      '@typescript-eslint/no-unused-vars': 'off',
      // Escapers strip control characters on purpose, and tests match aligned terminal columns.
      'no-control-regex': 'off',
      'no-regex-spaces': 'off',
    },
  },
  {
    // Tests read JSON Schemas and CLI output of any shape.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The language core runs in the server, the CLI and the GitHub Action: never inside VS Code.
    files: ['server/**/*.ts', 'protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'server/ and protocol/ run outside VS Code: no `vscode` import.' }] },
      ],
    },
  },
  {
    // The client asks the server over custom requests: it takes types from server/core, never code.
    files: ['client/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/core/**', '**/server/lsp/**'],
              message: 'The client asks the server (protocol/); from server/ it may import types only.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
