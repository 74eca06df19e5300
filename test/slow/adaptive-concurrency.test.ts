import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { apiRequests, useShortRetries, useWink } from '../harness/fixture';
import { logged } from '../harness/logs';

// Concurrency Auto (node version 2) through n8n's engine, against the sandbox's latency and
// rate-limit modes. What the limit did is read twice: from the node's debug log line (the limit
// over the run) and at the sandbox (requests in flight). On a busy machine n8n holds part of the
// limit itself (its own time per request), so the sandbox may see fewer in flight than the limit.
describe('Concurrency Auto (version 2)', () => {
	const w = useWink();
	useShortRetries();
	const V2 = { typeVersion: 2 };
	const latency = (delayMs: number) => w.sb.inject({ delayMs, times: Infinity });
	const withdrawalIds = (n: number) => {
		const ids = (w.sb.state.withdrawals[w.sb.managingEntityId] as Array<{ id: string }>).map(
			(x) => x.id,
		);
		return Array.from({ length: n }, (_, i) => ids[i % ids.length]);
	};
	/** The limit's [ms, limit] changes the last Auto run logged. */
	const limitOverTime = (): Array<[number, number]> => {
		const line = [...logged].reverse().find((l) => l.includes('Wink Concurrency Auto'))!;
		return JSON.parse(line.slice(line.indexOf('{'))).limitOverTime;
	};
	const getWithdrawals = (n: number, options?: INodeParameters, staticData?: IDataObject) => {
		logged.length = 0;
		const ids = withdrawalIds(n);
		const run = w.h.run({
			parameters: {
				operation: 'getWithdrawal',
				managingEntity: w.me,
				withdrawalId: '={{ $json.wid }}',
				...(options && { options }),
			},
			items: ids.map((wid) => ({ wid })),
			settings: V2,
			staticData,
		});
		return run.then((r) => ({ ...r, ids }));
	};
	const warmToken = async () => {
		await w.h.run({ parameters: { operation: 'getBalance', managingEntity: w.me }, settings: V2 });
		w.sb.resetStats();
	};
	const expectAllInOrder = (result: Awaited<ReturnType<typeof getWithdrawals>>) => {
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.id)).toEqual(result.ids);
		expect(result.items.map((i) => i.pairedItem)).toEqual(result.ids.map((_, item) => ({ item })));
	};

	test('the limit grows under latency: far more than the old fixed 5 in flight, after one token', async () => {
		latency(300); // also on the token endpoint: a cold start still fetches one token
		const result = await getWithdrawals(80);
		expectAllInOrder(result);
		expect(w.sb.stats.tokensIssued).toBe(1);
		expect(Math.max(...limitOverTime().map(([, limit]) => limit))).toBeGreaterThanOrEqual(20);
		expect(w.sb.stats.maxInFlight).toBeGreaterThan(5);
	});

	test.each([
		[429, { status: 429, retryAfter: 1 }],
		[503, { status: 503 }],
	])('the limit falls on a %s, and no item is lost', async (status, pushback) => {
		await warmToken();
		// One pushback once the limit has grown: in slow start each answer lets two items go, so
		// the 61st request leaves at a limit of about 31.
		w.sb.inject({ operationId: 'getWithdrawal', skip: 60, ...pushback });
		latency(600); // long beside n8n's own time per request on a busy machine, which the limit also sees
		const result = await getWithdrawals(200);
		expectAllInOrder(result);
		expect(apiRequests(w.sb).filter((r) => r.status === pushback.status)).toHaveLength(1);
		// The one pushback cuts the limit, once, from where slow start had taken it: a 503 to half,
		// a 429 to half or to what Wink delivered since the start if that is less (limiter.ts).
		const limits = limitOverTime().map(([, limit]) => limit);
		const cut = limits.findIndex((limit, i) => i > 0 && limit < limits[i - 1]);
		expect(limits[cut - 1]).toBeGreaterThanOrEqual(12);
		if (status === 503) expect(limits[cut]).toBe(Math.floor(limits[cut - 1] / 2));
		else expect(limits[cut]).toBeLessThanOrEqual(Math.floor(limits[cut - 1] / 2));
		expect(limits[cut]).toBeGreaterThanOrEqual(1);
		expect(limits.slice(cut + 1).every((limit, i) => limit >= limits[cut + i])).toBe(true);
	});

	test('never above the ceilings: 100 for Auto, 50 for a fixed number, also from an expression', async () => {
		await warmToken();
		latency(1000); // far above n8n's own time per request, so that slow start reaches the ceiling
		expectAllInOrder(await getWithdrawals(400));
		expect(Math.max(...limitOverTime().map(([, limit]) => limit))).toBe(100);
		expect(w.sb.stats.maxInFlight).toBeLessThanOrEqual(100);

		w.sb.resetStats();
		expectAllInOrder(await getWithdrawals(120, { concurrency: '={{ 40 * 2 }}' }));
		expect(w.sb.stats.maxInFlight).toBe(50);
	});

	// Issue 27: a short run is not all slow start (limiter.ts, firstWindow).
	test('a short run sends all its items at once: 10 items, 10 in flight', async () => {
		await warmToken();
		latency(300);
		expectAllInOrder(await getWithdrawals(10));
		expect(limitOverTime()[0]).toEqual([0, 10]);
		expect(w.sb.stats.maxInFlight).toBe(10);
	});

	test('a long run starts with 10 at once, not 2 and not the ceiling, then grows', async () => {
		await warmToken();
		latency(300);
		expectAllInOrder(await getWithdrawals(120));
		const limits = limitOverTime().map(([, limit]) => limit);
		expect(limits[0]).toBe(10);
		expect(Math.max(...limits)).toBeGreaterThan(10);
		expect(w.sb.stats.maxInFlight).toBeGreaterThanOrEqual(10);
	});

	test('the next execution starts where the last one left off: higher after a clean run, lower after a 429', async () => {
		await warmToken();
		latency(300);
		const workflowData: IDataObject = {}; // n8n keeps it between production executions
		const learnt = () =>
			Object.values(workflowData).map((node) => (node as IDataObject).winkAutoStart);
		expectAllInOrder(await getWithdrawals(120, undefined, workflowData));
		const grown = Math.max(...limitOverTime().map(([, limit]) => limit));
		expect(learnt()).toEqual([grown]);
		expect(grown).toBeGreaterThan(10);

		expectAllInOrder(await getWithdrawals(120, undefined, workflowData));
		expect(limitOverTime()[0]).toEqual([0, grown]); // not 10 again
		expectAllInOrder(await getWithdrawals(3, undefined, workflowData));
		expect(limitOverTime()[0]).toEqual([0, 3]); // never more than the items
		expect(learnt()).toEqual([grown]); // a short clean run does not lower it

		w.sb.clearFaults(); // the first matching fault wins: the 429 goes before the latency
		w.sb.inject({ operationId: 'getWithdrawal', skip: 5, status: 429, retryAfter: 1 });
		latency(300);
		expectAllInOrder(await getWithdrawals(40, undefined, workflowData));
		const after429 = learnt()[0] as number;
		expect(after429).toBeLessThan(grown);
		expect(after429).toBe(limitOverTime().at(-1)![1]);
	});

	test('a fixed number stays fixed; 1 is one at a time', async () => {
		await warmToken();
		latency(100);
		expectAllInOrder(await getWithdrawals(40, { concurrency: 7 }));
		expect(w.sb.stats.maxInFlight).toBe(7);
		w.sb.resetStats();
		expectAllInOrder(await getWithdrawals(4, { concurrency: 1 }));
		expect(w.sb.stats.maxInFlight).toBe(1);
	});

	test('a money-moving row is never sent side by side, Auto or not', async () => {
		latency(100);
		const destinations = [
			['BankAccount', w.sb.ids.bankAccountIds.EUR],
			['BankAccount', w.sb.ids.bankAccountIds.USD],
			['RevolutPayoutAccount', w.sb.ids.revolutPayoutAccountId],
			['BankAccount', w.sb.ids.bankAccountIds.EUR],
		];
		for (const options of [undefined, { concurrency: 0 }, { concurrency: 50 }]) {
			w.sb.resetStats();
			const { items, error } = await w.h.run({
				parameters: {
					operation: 'initiateWithdrawal',
					managingEntity: w.me,
					destinationKind: '={{ $json.kind }}',
					destinationIdentifier: '={{ $json.id }}',
					duplicateCheck: 'off',
					...(options && { options }),
				},
				items: destinations.map(([kind, id]) => ({ kind, id })),
				continueOnFail: true,
				settings: V2,
			});
			expect(error).toBeUndefined();
			expect(items).toHaveLength(4);
			const posts = apiRequests(w.sb).filter((r) => r.method === 'POST');
			expect(posts).toHaveLength(4);
			expect(w.sb.stats.maxInFlight).toBe(1);
		}
	});

	test('behind a rate-limiting gateway every item comes back, in order, with few 429s', async () => {
		await warmToken();
		w.sb.inject({ rateLimit: 20 });
		latency(50);
		const result = await getWithdrawals(120);
		expectAllInOrder(result);
		const all = apiRequests(w.sb);
		const limited = all.filter((r) => r.status === 429).length;
		expect(limited).toBeGreaterThan(0); // the gateway was reached...
		const trace = limitOverTime();
		const firstCut = trace.findIndex(([, limit], i) => i > 0 && limit < trace[i - 1][1]);
		expect(firstCut).toBeGreaterThan(0); // ...and heard
		expect(limited / all.length).toBeLessThanOrEqual(0.12); // 6 % here; 16 % with growth per round trip
		// After a 429 the limit probes by one per second, not per 50 ms round trip: its rises after
		// the first cut add up to about the seconds that passed (one more per later cut, as a cut
		// can leave a fraction that the next answer rounds up).
		const after = trace.slice(firstCut);
		const rises = after.reduce(
			(sum, [, limit], i) => sum + (i > 0 ? Math.max(0, limit - after[i - 1][1]) : 0),
			0,
		);
		const cuts = after.filter(([, limit], i) => i > 0 && limit < after[i - 1][1]).length;
		const seconds = (after.at(-1)![0] - after[0][0]) / 1000;
		expect(rises).toBeLessThanOrEqual(Math.ceil(seconds) + cuts + 1);
	});
});
