// Two tiers. `npm test` runs "fast": everything but test/slow/. `npm run test:slow` runs the suites
// that wait on real time (latency, Retry-After, timeouts, backoff); `npm run test:all` runs both (CI).
const shared = {
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] },
	setupFiles: ['<rootDir>/test/harness/env.js'],
};

/** @type {import('jest').Config} */
module.exports = {
	// One worker per core (jest's default leaves one core out: a single worker on two cores); the
	// tests mostly wait on sockets and timers.
	maxWorkers: '100%',
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
