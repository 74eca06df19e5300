import { retryPolicy } from '../../nodes/shared/transport/request';
import { CREDENTIAL_ID } from '../harness/engine';
import {
	apiRequests,
	byId,
	sandboxCredential,
	useShortRetries,
	useWink,
	eurWithdrawal,
} from '../harness/fixture';
import { secretHits, visibleText } from '../harness/secrets';
import { refusedPort } from '../harness/ports';

// Retry policy, timeouts and broken answers, through n8n's engine against the sandbox's faults.
describe('transport', () => {
	const w = useWink();
	const saved = useShortRetries();

	const balance = (options = {}) =>
		w.h.run({ parameters: { operation: 'getBalance', managingEntity: w.me, options } });
	const withdraw = () => w.h.run({ parameters: eurWithdrawal(w.sb) });
	const attempts = (operationId: string) =>
		apiRequests(w.sb).filter((r) => r.operationId === operationId);

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
		expect(attempts('getAvailableBalance')).toHaveLength(5);
	});

	test('one run waits at most its retry-wait budget, all its requests together, and says when it ran out', async () => {
		// Ten minutes by default (docs/reliability.md); lowered here so that the test takes seconds.
		expect(saved.maxWaitPerRunMs).toBe(600_000);
		retryPolicy.maxWaitPerRunMs = 2_500;
		w.sb.inject({
			operationId: 'getAvailableBalance',
			status: 429,
			retryAfter: 1,
			times: Infinity,
		});
		const started = Date.now();
		const { items, error } = await w.h.run({
			parameters: { operation: 'getBalance', managingEntity: w.me },
			items: Array.from({ length: 20 }, () => ({})),
			continueOnFail: true,
		});
		const elapsed = Date.now() - started;
		retryPolicy.maxWaitPerRunMs = saved.maxWaitPerRunMs;
		expect(error).toBeUndefined();
		expect(items).toHaveLength(20);
		for (const item of items) expect(item.json.error).toBe('Wink rate limit reached (429)');
		const used = items.filter((i) =>
			String(i.json.description).includes(
				"the run's retry-wait budget (3 s of waiting, all its requests together) is used up",
			),
		);
		expect(used.length).toBeGreaterThan(15);
		// Two waits of a second each fit the budget, a third does not: far from 20 × 4 retries.
		expect(elapsed).toBeLessThan(12_000);
		expect(attempts('getAvailableBalance').length).toBeLessThan(20 * 3);
	});

	test('a withdrawal (POST) is never retried: not after 503, not after a dropped connection, not after 429', async () => {
		for (const fault of [
			{ status: 503 },
			{ drop: true as const },
			{ status: 429, retryAfter: 0 },
		]) {
			w.sb.reset();
			w.sb.inject({ operationId: 'initiateWithdrawal', ...fault });
			const { error } = await withdraw();
			expect(error).toBeDefined();
			// The error's message beside the count, so that a failure says what stopped the POST.
			expect({
				fault,
				error: error?.message,
				posts: attempts('initiateWithdrawal').length,
			}).toMatchObject({ posts: 1 });
		}
	});

	test('a lost connection on a withdrawal says Wink may have processed it', async () => {
		w.sb.inject({ operationId: 'initiateWithdrawal', drop: true });
		const { error } = await withdraw();
		expect(error?.message).toMatch(/^The connection to Wink was lost \(POST /);
		expect((error as { description?: string }).description).toMatch(
			/may or may not have processed this request/,
		);
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
		w.sb.inject({ operationId: 'getAvailableBalance', status: 400 });
		const bad = await balance();
		expect(bad.error?.message).toMatch(/^Wink rejected the request \(400\)/);
		expect(attempts('getAvailableBalance')).toHaveLength(1);
		const missing = await w.h.run({
			parameters: { operation: 'getWithdrawal', managingEntity: w.me, withdrawalId: 'wd-nope' },
		});
		expect(missing.error?.message).toBe("Not found: Withdrawal 'wd-nope' not found");
		expect(attempts('getWithdrawal')).toHaveLength(1);
	});

	const ME = () => w.sb.managingEntityId;
	const removeBank = () =>
		w.h.run({
			parameters: {
				operation: 'removeBankAccount',
				managingEntity: w.me,
				bankAccountIdentifier: byId(w.sb.ids.bankAccountIds.EUR),
			},
		});
	const updateBank = () =>
		w.h.run({
			parameters: {
				operation: 'updateBankAccount',
				managingEntity: w.me,
				bankAccountIdentifier: byId(w.sb.ids.bankAccountIds.EUR),
				countryCode: 'PT',
				currencyCode: 'EUR',
				accountHolderName: 'Hotel X',
				accountNumber: 'PT50000201231234567890154',
			},
		});

	test('PUT and DELETE are retried after 503', async () => {
		w.sb.inject({ operationId: 'upsertBankAccount', status: 503 });
		expect((await updateBank()).error).toBeUndefined();
		expect(attempts('upsertBankAccount').map((r) => r.status)).toEqual([503, 200]);
		w.sb.inject({ operationId: 'removeBankAccount', status: 503 });
		expect((await removeBank()).error).toBeUndefined();
		expect(attempts('removeBankAccount').map((r) => r.status)).toEqual([503, 200]);
	});

	test('POST and PATCH are not retried after 503, and say Wink may have processed them', async () => {
		w.sb.inject({ operationId: 'initiateWithdrawal', status: 503 });
		const post = await withdraw();
		expect(post.error?.message).toBe('Wink server error (503): Service Unavailable');
		expect((post.error as { description?: string }).description).toMatch(
			/may or may not have processed/,
		);
		expect(attempts('initiateWithdrawal')).toHaveLength(1);
		w.sb.inject({ method: 'PATCH', status: 503 });
		const patch = await w.h.run({
			nodeType: 'test.winkGrid',
			parameters: { operation: 'patch', managingEntity: w.me },
		});
		expect(patch.error?.message).toBe('Wink server error (503): Service Unavailable');
		expect(apiRequests(w.sb).filter((r) => r.method === 'PATCH')).toHaveLength(1);
	});

	test('a DELETE whose answer was lost is not reported as "not found" when the retry finds it gone', async () => {
		w.sb.inject({ operationId: 'removeBankAccount', drop: true, after: true });
		const { error, items } = await removeBank();
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ alreadyRemoved: true });
		expect(attempts('removeBankAccount').map((r) => r.status)).toEqual([0, 404]);
		const entity = w.sb.state.managingEntities[ME()] as {
			bankAccounts: Array<{ identifier: string }>;
		};
		expect(entity.bankAccounts.map((a) => a.identifier)).not.toContain(w.sb.ids.bankAccountIds.EUR);
	});

	test('a DELETE that was never processed still reports 404 as not found', async () => {
		const { error } = await w.h.run({
			parameters: {
				operation: 'removeBankAccount',
				managingEntity: w.me,
				bankAccountIdentifier: byId('ba-nope'),
			},
		});
		expect(error?.message).toBe("Not found: Bank account 'ba-nope' not found");
	});

	test('the 429 message says how often the request was sent and why retrying stopped', async () => {
		w.sb.inject({
			operationId: 'getAvailableBalance',
			status: 429,
			retryAfter: 0,
			times: Infinity,
		});
		const get = await balance();
		expect((get.error as { description?: string }).description).toContain(
			'Sent 5 times; gave up after 4 retries.',
		);
		w.sb.reset();
		w.sb.inject({ operationId: 'initiateWithdrawal', status: 429, retryAfter: 0 });
		const post = await withdraw();
		expect((post.error as { description?: string }).description).toContain(
			'Sent once; not again: POST requests are never repeated automatically.',
		);
		w.sb.reset();
		w.sb.inject({ operationId: 'getAvailableBalance', status: 429, retryAfter: 3600 });
		const long = await balance();
		expect((long.error as { description?: string }).description).toContain(
			'Sent once; not again: Wink asked to wait 3600 s (Retry-After), longer than the 60 s the node waits.',
		);
	});

	test('a POST that never connected does not say Wink may have processed it', async () => {
		w.h.setCredential(
			sandboxCredential(w.sb, { customApiUrl: `http://127.0.0.1:${await refusedPort()}` }),
		);
		const { error } = await withdraw();
		expect(error?.message).toMatch(/^Could not reach Wink at http:\/\/127\.0\.0\.1:\d+$/);
		expect((error as { description?: string }).description).toMatch(/ECONNREFUSED/);
		expect((error as { description?: string }).description).not.toMatch(/may or may not/);
	});

	test('an unreachable token URL is named, not the API URL', async () => {
		const port = await refusedPort();
		w.h.setCredential(
			sandboxCredential(w.sb, { customTokenUrl: `http://127.0.0.1:${port}/oauth2/token` }),
		);
		const { error } = await balance();
		expect(error?.message).toBe(
			`Could not reach the Wink token URL http://127.0.0.1:${port}/oauth2/token`,
		);
		expect((error as { description?: string }).description).toMatch(/ECONNREFUSED/);
	});

	test('a refused connection, at the API or at the token URL, shows no token or secret: error, Continue On Fail item, logs', async () => {
		await balance(); // a token in n8n's store, for the API case
		const seen = new Map<string, string>();
		for (const [where, url] of [
			['API', 'customApiUrl'],
			['token URL', 'customTokenUrl'],
		] as const) {
			const port = await refusedPort();
			const refused = sandboxCredential(w.sb, {
				[url]:
					url === 'customApiUrl'
						? `http://127.0.0.1:${port}`
						: `http://127.0.0.1:${port}/oauth2/token`,
			});
			// At the API: with the token n8n holds (so it is in the scan); at the token URL: without one.
			const stored =
				url === 'customApiUrl' ? w.h.credentials.get(CREDENTIAL_ID)?.oauthTokenData : undefined;
			w.h.setCredential(stored ? { ...refused, oauthTokenData: stored } : refused);
			const failed = await withdraw();
			expect((failed.error as { description?: string }).description).toMatch(/ECONNREFUSED/);
			const kept = await w.h.run({
				parameters: { operation: 'getBalance', managingEntity: w.me },
				continueOnFail: true,
			});
			expect(String(kept.items[0].json.description)).toMatch(/ECONNREFUSED/);
			seen.set(`refused at the ${where}`, visibleText(failed));
			seen.set(`refused at the ${where}, kept`, visibleText(kept));
		}
		expect(w.h.credentials.accessTokens.size).toBeGreaterThan(0);
		expect(secretHits(w.h, w.sb, seen)).toEqual([]);
	});

	test('a malformed JSON answer is an error, not data (a GET is tried again first)', async () => {
		w.sb.inject({ operationId: 'getAvailableBalance', malformed: true, times: Infinity });
		const { error, items } = await balance();
		expect(items).toHaveLength(0);
		expect(error?.message).toBe(
			`Wink answered 200 with malformed JSON (GET /api/managing-entity/${ME()}/payment/ledger/balance)`,
		);
		expect(attempts('getAvailableBalance')).toHaveLength(5);
	});

	test('the Timeout option bounds each attempt; a slow GET is retried', async () => {
		w.sb.inject({ operationId: 'getAvailableBalance', delayMs: 1500 });
		const started = Date.now();
		const { error, items } = await balance({ timeout: 1 });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		// The first attempt was cut at 1 s (not the 60 s default) and sent again.
		expect(attempts('getAvailableBalance')).toHaveLength(2);
		expect(Date.now() - started).toBeLessThan(10_000);

		w.sb.inject({ operationId: 'getAvailableBalance', delayMs: 1500, times: Infinity });
		retryPolicy.maxRetries = 1;
		const slow = await balance({ timeout: 1 });
		retryPolicy.maxRetries = saved.maxRetries;
		expect(slow.error?.message).toMatch(/^Wink did not answer in time/);
		expect((slow.error as { description?: string }).description).toMatch(/Timeout option/);
	});
});
