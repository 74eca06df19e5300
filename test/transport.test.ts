import { retryPolicy } from '../nodes/shared/transport';
import { apiRequests, useWink, eurWithdrawal } from './harness/fixture';

// Retry policy, timeouts and broken answers, through n8n's engine against the sandbox's faults.
describe('transport', () => {
	const w = useWink();
	const saved = { ...retryPolicy };
	beforeEach(() => {
		// Same policy, shorter waits: the tests measure attempts, not patience.
		retryPolicy.baseDelayMs = 20;
		retryPolicy.maxDelayMs = 100;
	});
	afterAll(() => Object.assign(retryPolicy, saved));

	const balance = (options = {}) =>
		w.h.run({ parameters: { operation: 'getBalance', managingEntity: w.me, options } });
	const withdraw = () => w.h.run({ parameters: eurWithdrawal(w.sb) });
	const attempts = (operationId: string) => apiRequests(w.sb).filter((r) => r.operationId === operationId);

	test('GET is retried after 429, honouring Retry-After', async () => {
		w.sb.inject({ operationId: 'getAvailableBalance', status: 429, retryAfter: 1, times: 2 });
		const started = Date.now();
		const { items, error } = await balance();
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(attempts('getAvailableBalance').map((r) => r.status)).toEqual([429, 429, 200]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
	});

	test('a Retry-After longer than a minute is reported, not waited for', async () => {
		w.sb.inject({ operationId: 'getAvailableBalance', status: 429, retryAfter: 3600 });
		const { error } = await balance();
		expect(error?.message).toBe('Wink rate limit reached (429)');
		expect(attempts('getAvailableBalance')).toHaveLength(1);
	});

	test('GET is retried after 502/503/504 and after a dropped connection', async () => {
		w.sb.inject({ operationId: 'getAvailableBalance', status: 503 });
		w.sb.inject({ operationId: 'getAvailableBalance', status: 502 });
		w.sb.inject({ operationId: 'getAvailableBalance', drop: true });
		w.sb.inject({ operationId: 'getAvailableBalance', status: 504 });
		const { items, error } = await balance();
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(attempts('getAvailableBalance').map((r) => r.status)).toEqual([503, 502, 0, 504, 200]);
	});

	test('retries are bounded', async () => {
		w.sb.inject({ operationId: 'getAvailableBalance', status: 503, times: Infinity });
		const { error } = await balance();
		expect(error?.message).toBe('Wink server error (503): Service Unavailable');
		expect(attempts('getAvailableBalance')).toHaveLength(retryPolicy.maxRetries + 1);
	});

	test('a withdrawal (POST) is never retried: not after 503, not after a dropped connection, not after 429', async () => {
		for (const fault of [{ status: 503 }, { drop: true as const }, { status: 429, retryAfter: 0 }]) {
			w.sb.reset();
			w.sb.inject({ operationId: 'initiateWithdrawal', ...fault });
			const { error } = await withdraw();
			expect(error).toBeDefined();
			expect(attempts('initiateWithdrawal')).toHaveLength(1);
		}
	});

	test('a lost connection on a withdrawal says Wink may have processed it', async () => {
		w.sb.inject({ operationId: 'initiateWithdrawal', drop: true });
		const { error } = await withdraw();
		expect(error?.message).toMatch(/^The connection to Wink was lost \(POST /);
		expect((error as { description?: string }).description).toMatch(/may or may not have processed this request/);
	});

	test("a withdrawal refuses to run while n8n's Retry On Fail is on", async () => {
		const { error } = await w.h.run({
			parameters: eurWithdrawal(w.sb),
			settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 },
		});
		expect(error?.message).toBe('Turn off "Retry On Fail" to use Initiate Withdrawal');
		expect(apiRequests(w.sb)).toHaveLength(0);
	});

	test('400s and 404s are not retried', async () => {
		await w.h.run({ parameters: { operation: 'getWithdrawal', managingEntity: w.me, withdrawalId: 'wd-nope' } });
		expect(attempts('getWithdrawal')).toHaveLength(1);
	});

	test('a malformed JSON answer is an error, not data', async () => {
		w.sb.inject({ operationId: 'getAvailableBalance', malformed: true });
		const { error, items } = await balance();
		expect(items).toHaveLength(0);
		expect(error?.message).toBe('Wink answered with malformed JSON');
	});

	test('the Timeout option bounds each attempt; a slow GET is retried', async () => {
		w.sb.inject({ operationId: 'getAvailableBalance', delayMs: 1500 });
		const { error, items } = await balance({ timeout: 1 });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(attempts('getAvailableBalance').length).toBeGreaterThanOrEqual(1);

		w.sb.inject({ operationId: 'getAvailableBalance', delayMs: 1500, times: Infinity });
		retryPolicy.maxRetries = 1;
		const slow = await balance({ timeout: 1 });
		retryPolicy.maxRetries = saved.maxRetries;
		expect(slow.error?.message).toMatch(/^Wink did not answer in time/);
		expect((slow.error as { description?: string }).description).toMatch(/Timeout option/);
	});
});
