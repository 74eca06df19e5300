import { AdaptiveLimit } from '../nodes/shared/execution/limiter';

// The rule of Concurrency Auto on a fake clock (the engine tests in adaptive-concurrency.test.ts
// show it inside n8n; these pin the numbers). A "gateway" here is answers at a fixed pace.
describe('AdaptiveLimit, the rule', () => {
	let now = 1_000_000;
	beforeEach(() => {
		now = 1_000_000;
		jest.spyOn(Date, 'now').mockImplementation(() => now);
	});
	afterEach(() => jest.restoreAllMocks());

	/** `count` answers of `rttMs` each, `everyMs` apart, all without pushback. */
	const answers = (limit: AdaptiveLimit, count: number, rttMs: number, everyMs: number) => {
		for (let i = 0; i < count; i++) {
			now += everyMs;
			limit.observe({ sentAt: now - rttMs, ms: rttMs, pushedBack: false });
		}
	};
	/** A 429 (rate limit), or a 503, 504 or timeout (overload). */
	const pushback = (limit: AdaptiveLimit, rateLimited = true) =>
		limit.observe({ sentAt: now, ms: 1, pushedBack: true, rateLimited });

	test('slow start: +1 per answer from 2, never above the ceiling', () => {
		const limit = new AdaptiveLimit(50);
		expect(limit.current).toBe(2);
		answers(limit, 10, 100, 10);
		expect(limit.current).toBe(12);
		answers(limit, 100, 100, 1);
		expect(limit.current).toBe(50);
	});

	test('a slow answer holds the limit from 5 up, and never below', () => {
		const limit = new AdaptiveLimit(50);
		answers(limit, 1, 100, 10); // 3, fastest 100 ms
		answers(limit, 2, 400, 10); // below 5: still grows
		expect(limit.current).toBe(5);
		answers(limit, 3, 400, 10); // 400 > 2 × 100 + 20: held
		expect(limit.current).toBe(5);
		answers(limit, 1, 200, 10);
		expect(limit.current).toBe(6);
	});

	test('a 429 halves a limit Wink kept up with, once per overload', () => {
		const limit = new AdaptiveLimit(50);
		// Slow start to 40 with answers at 400 a second: 400 × 0.1 s = 40 in flight delivered, so the
		// limit was fully used and the cut is the plain half.
		answers(limit, 38, 100, 2.5);
		expect(limit.current).toBe(40);
		pushback(limit);
		expect(limit.current).toBe(20);
		// Answers to requests sent before the cut do not cut again.
		limit.observe({ sentAt: now - 5, ms: 1, pushedBack: true, rateLimited: true });
		expect(limit.current).toBe(20);
	});

	test('a 429 after a slow start cuts to what Wink delivered since the start, below half', () => {
		const limit = new AdaptiveLimit(50);
		answers(limit, 38, 100, 25); // to 40, but only 40 answers a second came: 4 in flight delivered
		expect(limit.current).toBe(40);
		pushback(limit);
		expect(limit.current).toBe(4);
	});

	test('a 503 (overload, not a rate) halves whatever was delivered, and growth stays per round trip', () => {
		const limit = new AdaptiveLimit(50);
		answers(limit, 38, 100, 25);
		pushback(limit, false);
		expect(limit.current).toBe(20);
		answers(limit, 21, 100, 5); // a round trip's worth of answers, +1/limit each: +1
		expect(limit.current).toBe(21);
	});

	test('behind a gateway the cut goes to what Wink delivered (rate × fastest round trip), below half', () => {
		const limit = new AdaptiveLimit(50);
		answers(limit, 38, 100, 2.5); // 40
		pushback(limit); // 20
		// After the cut the gateway lets 50 a second through (one answer per 20 ms) for 2 s.
		answers(limit, 100, 100, 20);
		const beforeCut = limit.current;
		pushback(limit);
		// 100 answers in 2 s = 0.05 per ms × 100 ms = 5 in flight: the gateway's 50/s at 100 ms.
		expect(beforeCut).toBeGreaterThan(10);
		expect(limit.current).toBe(5);
	});

	test('a 429 with no answer since the last cut only halves: nothing delivered to go by', () => {
		const limit = new AdaptiveLimit(50);
		answers(limit, 38, 100, 2.5); // 40
		pushback(limit); // 20
		now += 1000; // the Retry-After pause, and the first request after it is refused again
		pushback(limit);
		expect(limit.current).toBe(10);
	});

	test('after a 429 the limit grows by one per second, not per round trip', () => {
		const limit = new AdaptiveLimit(50);
		answers(limit, 38, 100, 2.5);
		pushback(limit); // 20
		answers(limit, 32, 100, 31.25); // 32 answers in 1 s (ten round trips)
		expect(limit.current).toBe(21);
		answers(limit, 64, 100, 31.25); // 2 s more
		expect(limit.current).toBe(23);
	});

	test('the cut never goes below 1, and the limit never above the ceiling', () => {
		const limit = new AdaptiveLimit(8);
		answers(limit, 20, 100, 1);
		expect(limit.current).toBe(8);
		for (let i = 0; i < 10; i++) {
			now += 10;
			pushback(limit);
		}
		expect(limit.current).toBe(1);
	});
});
