const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  // Keep Node's own __dirname: ImportRunner finds import-worker.js beside the running bundle.
  node: { __dirname: false, __filename: false },
  output: {
    path: join(__dirname, '../dist/api'),
    clean: true,
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      // Transpile only: types are checked by `npm run typecheck` and lint (CI), not on every
      // build; the type checker competed with the web build for the cores on first start.
      skipTypeChecking: true,
      main: './src/main.ts',
      additionalEntryPoints: [
        { entryName: 'cli', entryPath: './src/cli.ts' },
        // The worker thread that reads import files (ImportRunner loads it beside main.js).
        { entryName: 'import-worker', entryPath: './src/imports/import-worker.ts' },
      ],
      tsConfig: './tsconfig.app.json',
      assets: ['./src/assets'],
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: false,
      // Node reads no source map without --enable-source-maps: development builds only.
      sourceMap: process.env.NODE_ENV !== 'production',
    }),
  ],
};
