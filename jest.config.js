// Two tiers. `npm test` runs "fast": everything but test/slow/. `npm run test:slow` runs the suites
// that wait on real time (latency, Retry-After, timeouts, backoff); `npm run test:all` runs both (CI).
const shared = {
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] },
	setupFiles: ['<rootDir>/test/harness/env.js'],
};

/** @type {import('jest').Config} */
module.exports = {
	// The tests mostly wait on sockets and timers: two workers on two cores (jest's default is one).
	maxWorkers: 2,
	// A global option: jest ignores it inside a project.
	testTimeout: 60_000,
	projects: [
		{
			...shared,
			displayName: 'fast',
			roots: ['<rootDir>/test'],
			testMatch: ['**/*.test.ts', '**/*.test.js'],
			testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/slow/'],
		},
		{
			...shared,
			displayName: 'slow',
			roots: ['<rootDir>/test/slow'],
			testMatch: ['**/*.test.ts'],
		},
	],
};
