// Lint enforces the layers (not memory):
// - main/contract imports nothing of ours but itself (zod only);
// - main/core (the engine) imports no adapter, no Electron, no React, no native module;
// - 'electron' is imported only under main/electron and preload; ipcMain only in main/electron/contract-ipc.ts;
// - main/core imports no node:fs/http/child_process-like module (ports only); preload imports nothing but electron;
// - the renderer reaches the engine only through the contract and its client (no Node, no other main/ code),
//   and only renderer/client may talk to the network.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const adapterPaths = ['**/adapters/**', '**/bridge/**', '**/cli/**', '**/electron/**', '**/composition/**', '**/platform/**', '**/preload/**', '**/renderer/**'];
const nativeAndShell = ['electron', 'better-sqlite3', 'keytar', 'react', 'react-dom', 'react/*', '@mantine/*'];
const noElectron = { name: 'electron', message: 'Only main/electron and preload may import electron.', allowTypeImports: false };
// The engine reaches files, sockets and processes only through its ports (main/core/ports), never directly.
const nodeIo = ['fs', 'fs/promises', 'http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'child_process', 'worker_threads', 'cluster', 'vm'].flatMap((m) => [m, `node:${m}`]);

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [noElectron] }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['main/electron/**/*.ts', 'preload/**/*.ts', 'test/unit/electron-*.ts', 'test/e2e/electron-*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // IPC is the contract's: only contract-ipc.ts touches ipcMain (one handler per operation, sender checked).
    files: ['main/electron/**/*.ts'],
    ignores: ['main/electron/contract-ipc.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', importNames: ['ipcMain'], message: 'Register IPC only through main/electron/contract-ipc.ts (the contract registrar).' }] },
      ],
    },
  },
  {
    // The preload runs sandboxed: electron's contextBridge/ipcRenderer only, no Node.
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!electron$)(?!\\.{1,2}/)', message: 'The preload is sandboxed: it imports electron (and its own files) only, no Node.' }] },
      ],
    },
  },
  {
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nativeAndShell.filter((p) => !p.includes('*')).map((name) => ({ name, message: 'The engine is plain Node: reach the outside through a port.' })),
            ...nodeIo.map((name) => ({ name, message: 'The engine reaches files, network and processes only through a port (main/core/ports).' })),
          ],
          patterns: [
            { group: adapterPaths, message: 'The engine imports no adapter: add a port in main/core/ports.' },
            { group: ['@mantine/*', 'react/*'], message: 'No UI code in the engine.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: ['**/core/**', ...adapterPaths], message: 'The contract depends on zod only.' },
            // Any package other than zod (relative imports stay inside main/contract through the group above).
            { regex: '^(?!zod$)(?!\\.{1,2}/)', message: 'The contract depends on zod only.' },
          ],
        },
      ],
    },
  },
  {
    // Start-up cost (issue 14): `import { z }` binds zod's whole namespace (every locale, JSON-schema tooling) into the
    // bundles, `import * as z` lets esbuild keep what is used; and the contract's index builds every schema, so Node
    // code takes values from the schema module that defines them (the engine resolves operations via contract/registry).
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'][importKind='value'] > ImportSpecifier[imported.name='z']",
          message: "Use `import * as z from 'zod'` (a named `z` import bundles all of zod).",
        },
        {
          selector: "ImportDeclaration[importKind='value'][source.value=/contract\\/index\\.js$/] > ImportSpecifier[importKind='value']",
          message: 'Import values from the contract module that defines them (contract/index.js builds every schema); types may come from the index.',
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: ['node:*', 'fs', 'path', 'child_process', 'os', 'crypto'], message: 'The renderer has no Node.' },
            {
              group: ['**/main/core/**', '**/main/adapters/**', '**/main/bridge/**', '**/main/cli/**', '**/main/electron/**', '**/main/composition/**', '**/main/platform/**', '**/preload/**'],
              message: 'The renderer reaches the engine only through the contract (main/contract) and renderer/client.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/client/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Use the client interface (renderer/client).' },
        { name: 'EventSource', message: 'Use the client interface (renderer/client).' },
        { name: 'XMLHttpRequest', message: 'Use the client interface (renderer/client).' },
        { name: 'WebSocket', message: 'Use the client interface (renderer/client).' },
      ],
    },
  },
);
