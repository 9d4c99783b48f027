import baseConfig from '../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      // Tests assert preconditions with `!` after checking them.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
