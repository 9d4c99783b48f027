/** Packages that ship ESM only, with file-type's own dependencies. */
const ESM_ONLY = [
  'content-disposition',
  'cookie',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer/inflate',
  '@borewit/text-codec',
  'uint8array-extras',
];

module.exports = {
  displayName: 'api',
  preset: '../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // A few Fastify dependencies ship ESM only (Node 20 loads them natively; Jest's CommonJS
  // runtime needs them transpiled), also where npm nests them under the package that uses them.
  transformIgnorePatterns: [
    `/node_modules/(?!((@[^/]+/)?[^/]+/node_modules/)?(${ESM_ONLY.join('|')})/)`,
  ],
  // file-type exports no `require` condition (Node 20.19+ loads it through require(esm)).
  moduleNameMapper: { '^file-type$': '<rootDir>/../node_modules/file-type/index.js' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Suites boot the app on a real PostgreSQL; a busy 2-core machine needs headroom.
  testTimeout: 60000,
  maxWorkers: 2,
  coverageDirectory: '../coverage/api',
};
