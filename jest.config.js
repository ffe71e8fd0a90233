/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	// nock keeps interceptors on globals between files; jest's cleanup only warns about it.
	testEnvironmentOptions: { globalsCleanup: 'off' },
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }] },
	setupFiles: ['<rootDir>/test/harness/env.ts'],
	setupFilesAfterEnv: ['<rootDir>/test/harness/network.ts'],
	testTimeout: 30000,
	reporters: ['default', '<rootDir>/test/harness/summaryReporter.js'],
};
