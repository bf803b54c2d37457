// Lint: typescript-eslint recommended + the import rules of ARCHITECTURE.md as restricted
// zones, one per side, each with a message that says why.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** A forbidden import zone: files matching `files` may not import paths matching `regex`. */
function zone(files, regex, message) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex, message }] }],
    },
  };
}

const side = (name) => `(^|/)(\\.\\./)*${name}(/|$)`;

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'assets/', 'docs/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['renderer/**'], languageOptions: { globals: { ...globals.browser } } },
  zone(
    ['app/**'],
    `${side('(hub|main|renderer)')}|^(node:|fs$|path$|electron|react|maplibre-gl|@deck\\.gl|socket\\.io|better-sqlite3|zustand)`,
    'app/ is the platform-neutral core: no hub/, main/, renderer/, Node, Electron, React or map imports (ARCHITECTURE.md).',
  ),
  zone(['hub/**'], `${side('(main|renderer)')}|^electron`, 'hub/ may import only app/ and its own files (ARCHITECTURE.md).'),
  zone(['main/**'], `${side('(hub|renderer)')}|^(react|maplibre-gl|@deck\\.gl)`, 'main/ may import only app/ and its own files (ARCHITECTURE.md).'),
  zone(
    ['renderer/**'],
    `${side('(hub|main)')}|^(node:|electron|better-sqlite3|socket\\.io$)|(^|/)worker/(?!frame$)`,
    'renderer/ may import only app/ and its own files (of the feed worker only worker/frame, the one contract between page and worker); it talks to main via window.kiosk (ARCHITECTURE.md).',
  ),
  // The feed worker's room (renderer/worker/, its own tsconfig without the DOM): app/ and its own
  // files only, no page code and no page libraries. One zone per folder depth, so that leaving
  // renderer/worker/ by `../` is what is refused (these replace the renderer/** zone there).
  ...['renderer/worker/*.ts', 'renderer/worker/*/*.ts'].map((files, depth) =>
    zone(
      [files],
      `^(\\.\\./){${depth + 1}}(?!\\.\\./)|${side('(hub|main)')}|^(node:|electron|better-sqlite3|socket\\.io$|react|maplibre-gl|@deck\\.gl|zustand)`,
      'renderer/worker/ (the feed worker) may import only app/ and its own files: the page reaches it through worker/frame.ts only (ARCHITECTURE.md).',
    ),
  ),
);
