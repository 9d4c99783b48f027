import baseConfig from '../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // Type-aware rules: a promise is awaited, returned or explicitly voided, never dropped.
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      // Tests assert preconditions with `!` after checking them.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
