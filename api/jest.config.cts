module.exports = {
  displayName: 'api',
  preset: '../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // A few Fastify dependencies ship ESM only (Node 20 loads them natively; Jest's CommonJS
  // runtime needs them transpiled).
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|cookie)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Suites boot the app on a real PostgreSQL; a busy 2-core machine needs headroom.
  testTimeout: 60000,
  maxWorkers: 2,
  coverageDirectory: '../coverage/api',
};
