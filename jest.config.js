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
	// Generous: CI is a busy 2-core machine, and no test may depend on its speed.
	testTimeout: 120000,
	// A worker that holds more than this after a test file is replaced: the 64 MB answers, the 10,000-ticket lists and
	// the 673 end-user cases would otherwise add up in one worker past Node's heap limit.
	workerIdleMemoryLimit: '1GB',
	reporters: ['default', '<rootDir>/test/harness/summaryReporter.js'],
};
