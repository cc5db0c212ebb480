import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NO_ELECTRON_IN_CORE = { group: ['electron', 'react', 'react-dom', 'react/*', '**/renderer/**'], message: 'The core and its shells other than main/preload never import Electron, React or the renderer.' };
// core/dial-ahead: the CLI's first lines start dialling an ssh:// engine before the core loads (no contract to call yet)
const ONE_ENTRANCE = { group: ['**/core/*', '**/core/*/**', '!**/core/index', '!**/core/dial-ahead'], message: 'One entrance: import the core only from its entry file (electron/core/index.ts) and call it through the contract client.' };

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.object.name=/^(describe|it|test)$/][callee.property.name='only']", message: 'No .only in tests.' }],
    },
  },
  {
    // the `slipway` command: a CommonJS script (Node starts it sooner than an ES module)
    files: ['bin/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['electron/**/*.ts', 'scripts/**/*.mjs', 'bin/**/*.mjs', 'test/**/*.ts', 'bench/**/*.{ts,mjs}', '*.config.{ts,js}'],
    languageOptions: { globals: globals.node },
  },
  {
    // The core is plain Node: no Electron, no React, no DOM.
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts', 'electron/serve/**/*.ts', 'shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [NO_ELECTRON_IN_CORE] }],
      // A CLI command pays for ICU's collator (~6 ms) the first time it is used, after the engine answered.
      'no-restricted-properties': ['error', { property: 'localeCompare', message: 'Use compareText (shared/compare-text.ts): Compose\'s order, without building a collator.' }],
    },
  },
  {
    // One entrance: a shell reaches the core only through its entry file (electron/core/index.ts)
    // and the contract's typed client, never by importing one of the core's rooms.
    files: ['electron/serve/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [NO_ELECTRON_IN_CORE, ONE_ENTRANCE] }],
    },
  },
  {
    // The CLI too: every command is a client of the contract, like the window.
    files: ['electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [NO_ELECTRON_IN_CORE, ONE_ENTRANCE] }],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [ONE_ENTRANCE] }],
    },
  },
  {
    // shared/ is pure: no Node built-ins either.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'electron', 'react', '**/electron/**', '**/renderer/**'], message: 'shared/ has no Node, no DOM: only pure code and zod.' }] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/unit/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'electron', '**/electron/**'], message: 'The renderer imports only shared/ and itself, and talks only to window.slipway.' }] }],
    },
  },
);
