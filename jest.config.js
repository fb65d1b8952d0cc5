/** One Jest run, four projects: `--selectProjects` picks them (see package.json scripts). */
const sharedFromSource = { '^@salescircle/shared$': '<rootDir>/shared/src/index.ts' };
const tsJest = (tsconfig) => ({ '^.+\\.ts$': ['ts-jest', { tsconfig, diagnostics: false }] });

module.exports = {
  projects: [
    {
      displayName: 'shared',
      rootDir: __dirname,
      testMatch: ['<rootDir>/shared/src/**/*.spec.ts'],
      transform: tsJest('<rootDir>/shared/tsconfig.spec.json'),
      testEnvironment: 'node',
    },
    {
      displayName: 'backend',
      rootDir: __dirname,
      testMatch: ['<rootDir>/backend/src/**/*.spec.ts'],
      transform: tsJest('<rootDir>/backend/tsconfig.spec.json'),
      moduleNameMapper: sharedFromSource,
      testEnvironment: 'node',
    },
    {
      displayName: 'api',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/api/**/*.spec.ts'],
      transform: tsJest('<rootDir>/test/tsconfig.json'),
      moduleNameMapper: sharedFromSource,
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/support/postgres-global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/postgres-global-teardown.mjs',
      setupFilesAfterEnv: ['<rootDir>/test/support/jest-timeout-api.ts'],
    },
    {
      displayName: 'browser',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/browser/**/*.e2e.ts'],
      transform: tsJest('<rootDir>/test/tsconfig.json'),
      moduleNameMapper: sharedFromSource,
      testEnvironment: 'node',
      setupFilesAfterEnv: ['<rootDir>/test/support/jest-timeout-browser.ts'],
    },
  ],
};
