/**
 * `npm test`: hermetic (unit, integration, reliability, package, sandbox; no n8n install).
 * The real-n8n suites under test/e2e run with `npm run test:e2e`, and the queue-mode suite
 * under test/queue (PostgreSQL, Redis, main + workers) with `npm run test:queue`; both
 * override the ignore pattern below on the command line.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/queue/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	testTimeout: 30000,
	// Most suites wait on the sandbox, backoff and pacing rather than the CPU: two workers on
	// the 2-core machines here halve the wall time (about 2.5 minutes instead of 5).
	maxWorkers: 2,
};
