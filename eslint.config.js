// JavaScript lint for the extension shell, its tests and tools.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['pkg/', 'dist/', 'target/', 'node_modules/', 'fuzz/', '.make/', 'bench-out/'] },
  js.configs.recommended,
  {
    files: ['extension/**/*.js'],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.webextensions },
    },
  },
  {
    // Classic scripts: the content scripts, and the protocol they share with the modules.
    files: ['extension/content/**/*.js', 'extension/shared/protocol.js'],
    languageOptions: { sourceType: 'script' },
  },
  {
    files: ['tests/**/*.mjs', 'tools/**/*.mjs', 'eslint.config.js'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node } },
  },
  {
    // End-to-end tests pass functions to the page and the service worker, so they see
    // browser and extension globals too.
    files: ['tests/e2e/**/*.mjs', 'tools/bench/click-to-panel.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.webextensions } },
  },
  { rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_' }] } },
];
