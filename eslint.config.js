// ESLint flat config. Not type-aware on purpose: it stays fast. Layers are enforced here and by tsconfig.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'net', 'tls', 'http', 'https', 'child_process', 'worker_threads', 'stream', 'buffer', 'crypto', 'url', 'util', 'zlib', 'events', 'module', 'process'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**', 'test-results/**', 'bench-data/**', 'release/**', '**/*.svelte'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
        queueMicrotask: 'readonly', structuredClone: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', URL: 'readonly',
        AbortController: 'readonly', AbortSignal: 'readonly', performance: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Only electron/main.ts and electron/preload.ts may touch Electron.
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: "Only electron/main.ts and electron/preload.ts import 'electron'." }],
      }],
    },
  },
  {
    // Node-side scripts and configs.
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', '*.config.{js,ts}', 'renderer/vite.config.ts', 'electron/**/*.ts', 'test/**/*.ts'],
    languageOptions: {
      globals: { process: 'readonly', Buffer: 'readonly', __dirname: 'readonly', setImmediate: 'readonly', fetch: 'readonly' },
    },
  },
  {
    files: ['renderer/**/*.ts'],
    languageOptions: {
      globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', fetch: 'readonly', Blob: 'readonly', File: 'readonly', Worker: 'readonly', self: 'readonly', requestAnimationFrame: 'readonly' },
    },
  },
  {
    files: ['**/*.d.ts'],
    rules: { 'no-var': 'off' },
  },
  {
    files: ['electron/main.ts', 'electron/preload.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // media/ is pure TypeScript: no Node, no DOM, no Electron, and nothing of ours outside media/.
    files: ['media/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'media/ is pure TypeScript.' }, ...nodeBuiltins.filter((n) => !n.includes('*')).map((name) => ({ name, message: 'media/ is pure TypeScript: no Node modules.' }))],
        patterns: [
          { group: ['node:*', 'fs/*'], message: 'media/ is pure TypeScript: no Node modules.' },
          { group: ['**/electron', '**/electron/**', '**/renderer', '**/renderer/**', '**/test/**', '**/scripts/**'], message: 'media/ imports nothing of ours outside media/.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'media/ runs anywhere: no DOM.' },
        { name: 'document', message: 'media/ runs anywhere: no DOM.' },
        { name: 'process', message: 'media/ runs anywhere: no Node.' },
        { name: 'Buffer', message: 'media/ runs anywhere: use Uint8Array.' },
        { name: 'require', message: 'media/ uses ES imports only.' },
        { name: 'global', message: 'media/ runs anywhere: use globalThis sparingly.' },
      ],
    },
  },
);
