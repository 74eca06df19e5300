import { pageSizeFor } from '../nodes/shared/execution/pagination';
import { apiRequests, sandboxCredential, useWink } from './harness/fixture';

describe('pagination', () => {
	const w = useWink();

	test('a Limit is fetched in as few equal pages as the maximum size allows', () => {
		expect(pageSizeFor(100)).toBe(100);
		expect(pageSizeFor(100, 20)).toBe(20);
		expect(pageSizeFor(100, 100)).toBe(100);
		expect(pageSizeFor(100, 150)).toBe(75);
		expect(pageSizeFor(100, 201)).toBe(67);
		expect(pageSizeFor(180, 1000)).toBe(167);
	});

	test('skip/take State bodies walk a grid until the last page', async () => {
		const { items, error } = await w.h.run({
			nodeType: 'test.winkGrid',
			parameters: { operation: 'grid', returnAll: true },
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id).sort()).toEqual(
			[w.sb.managingEntityId, w.sb.ids.secondaryManagingEntityId].sort(),
		);
		expect(apiRequests(w.sb).map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', '/api/managing-entity/grid', { skip: 0, take: 1 }],
			['POST', '/api/managing-entity/grid', { skip: 1, take: 1 }],
		]);
	});

	test('a JSON body field is merged into each State body; invalid JSON is a clear error', async () => {
		const sort = [{ field: 'name', dir: 'asc' }];
		await w.h.run({
			nodeType: 'test.winkGrid',
			parameters: { operation: 'grid', returnAll: true, state: JSON.stringify({ sort }) },
		});
		expect(apiRequests(w.sb).map((r) => r.body)).toEqual([
			{ sort, skip: 0, take: 1 },
			{ sort, skip: 1, take: 1 },
		]);

		const { error } = await w.h.run({
			nodeType: 'test.winkGrid',
			parameters: { operation: 'grid', returnAll: true, state: '{"sort": [' },
		});
		expect(error?.message).toBe('State is not valid JSON (item 0)');
	});

	test('a grid server that caps take loses no row: the walk follows last/totalElements', async () => {
		w.sb.state.limits.gridTake = 1;
		const { items, error } = await w.h.run({
			nodeType: 'test.winkGrid',
			parameters: { operation: 'gridWide', returnAll: true },
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id).sort()).toEqual(
			[w.sb.managingEntityId, w.sb.ids.secondaryManagingEntityId].sort(),
		);
		expect(apiRequests(w.sb).map((r) => r.body)).toEqual([
			{ skip: 0, take: 10 },
			{ skip: 1, take: 10 },
		]);
	});

	describe('the State walk reads what the answer says about more pages', () => {
		const rows = (from: number, n: number) =>
			Array.from({ length: n }, (_, i) => ({ id: `r${from + i}` }));
		/** Scripted answers, one per request, then the walk (10 rows a page) with Return All. */
		const walk = async (...answers: object[]) => {
			for (const body of answers)
				w.sb.inject({ operationId: 'showAccessibleManagingEntitiesByState', status: 200, body });
			const { items, error } = await w.h.run({
				nodeType: 'test.winkGrid',
				parameters: { operation: 'gridWide', returnAll: true },
			});
			expect(error).toBeUndefined();
			return { ids: items.map((i) => i.json.id), skips: apiRequests(w.sb).map((r) => r.body.skip) };
		};

		test('only `last`: a short page with last false is not the end; last true is', async () => {
			expect(
				await walk({ content: rows(0, 3), last: false }, { content: rows(3, 10), last: true }),
			).toEqual({
				ids: rows(0, 13).map((r) => r.id),
				skips: [0, 3],
			});
		});

		test('only `totalElements`: the walk goes on until it has them all, short pages or not', async () => {
			expect(
				await walk(
					{ content: rows(0, 3), totalElements: 5 },
					{ content: rows(3, 2), totalElements: 5 },
				),
			).toEqual({
				ids: rows(0, 5).map((r) => r.id),
				skips: [0, 3],
			});
			w.sb.resetStats();
			expect(await walk({ content: rows(0, 10), totalElements: 10 })).toEqual({
				ids: rows(0, 10).map((r) => r.id),
				skips: [0],
			});
		});

		test('neither: a full page asks for more, a short one ends the walk', async () => {
			expect(await walk({ content: rows(0, 10) }, { content: rows(10, 4) })).toEqual({
				ids: rows(0, 14).map((r) => r.id),
				skips: [0, 10],
			});
		});
	});

	test('a grid Limit stops early', async () => {
		const { items } = await w.h.run({
			nodeType: 'test.winkGrid',
			parameters: { operation: 'grid', returnAll: false, limit: 1 },
		});
		expect(items).toHaveLength(1);
		expect(apiRequests(w.sb).map((r) => r.body)).toEqual([{ skip: 0, take: 1 }]);
	});

	describe('a walk that makes no progress stops with an error', () => {
		// Should the check break, the walk would never end: after this many requests the sandbox
		// answers 500, so the test fails with that error instead of hanging.
		const bound = (operationId: string) =>
			w.sb.inject({ operationId, status: 500, skip: 30, times: Infinity });

		test('a grid that always has another page (it starts over past the end): stopped at the first repeat', async () => {
			w.sb.state.limits.endlessGrid = true;
			bound('showAccessibleManagingEntitiesByState');
			const { items, error } = await w.h.run({
				nodeType: 'test.winkGrid',
				parameters: { operation: 'grid', returnAll: true },
			});
			expect(error?.message).toBe("Return All stopped: Wink's page 3 repeats rows it already sent");
			expect(error?.description).toMatch(
				/^Wink's answers say there are more rows, but request 3 brought only rows received before \(2 rows so far\)/,
			);
			expect(items).toEqual([]);
			expect(apiRequests(w.sb).map((r) => r.body)).toEqual([
				{ skip: 0, take: 1 },
				{ skip: 1, take: 1 },
				{ skip: 2, take: 1 },
			]);
		});

		test('the same with 10 rows a page: the second page repeats the first', async () => {
			w.sb.state.limits.endlessGrid = true;
			bound('showAccessibleManagingEntitiesByState');
			const { error } = await w.h.run({
				nodeType: 'test.winkGrid',
				parameters: { operation: 'gridWide', returnAll: true },
			});
			expect(error?.message).toBe("Return All stopped: Wink's page 2 repeats rows it already sent");
			expect(apiRequests(w.sb)).toHaveLength(2);
		});

		test('a paged list whose server ignores `page` (always the same full page): stopped on page 2', async () => {
			const page = Array.from({ length: 100 }, (_, i) => ({
				id: `le-${i}`,
				createdDate: '2026-11-01T00:00:00Z',
			}));
			w.sb.inject({ operationId: 'getTransactionHistory', status: 200, body: page, times: 30 });
			bound('getTransactionHistory');
			const { error } = await w.h.run({
				nodeType: 'n8n-nodes-wink.winkSettlement',
				parameters: { operation: 'getTransactions', managingEntity: w.me, returnAll: true },
			});
			expect(error?.message).toBe("Return All stopped: Wink's page 2 repeats rows it already sent");
			expect(apiRequests(w.sb).map((r) => r.query.page)).toEqual(['0', '1']);
		});

		test('with a Limit the endless grid ends at the Limit, without an error', async () => {
			w.sb.state.limits.endlessGrid = true;
			const { items, error } = await w.h.run({
				nodeType: 'test.winkGrid',
				parameters: { operation: 'grid', returnAll: false, limit: 2 },
			});
			expect(error).toBeUndefined();
			expect(items).toHaveLength(2);
		});
	});

	describe('a grid Limit returns exactly that many rows, in the fewest equal requests', () => {
		const SCOPES = ['account.read', 'booking.read'];
		// The booking grid: 100 rows a request at most, 240 bookings in the sandbox.
		const bookings = (limit: number) =>
			w.h.run({
				nodeType: 'n8n-nodes-wink.winkBooking',
				parameters: { managingEntity: w.me, operation: 'getMany', returnAll: false, limit },
			});
		const cases: Array<[number, number[][]]> = [
			[1, [[0, 1]]],
			[99, [[0, 99]]],
			[100, [[0, 100]]],
			[
				101,
				[
					[0, 51],
					[51, 51],
				],
			],
			[
				199,
				[
					[0, 100],
					[100, 100],
				],
			],
			[
				200,
				[
					[0, 100],
					[100, 100],
				],
			],
			[
				201,
				[
					[0, 67],
					[67, 67],
					[134, 67],
				],
			],
			[
				240,
				[
					[0, 80],
					[80, 80],
					[160, 80],
				],
			],
			[
				241,
				[
					[0, 81],
					[81, 81],
					[162, 81],
				],
			],
		];
		test.each(cases)('Limit %d', async (limit, requests) => {
			w.h.setCredential(sandboxCredential(w.sb, { scopes: SCOPES }));
			const all = (w.sb.state.bookings[w.sb.managingEntityId] as Array<{ id: string }>).map(
				(b) => b.id,
			);
			const { items, error } = await bookings(limit);
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.id)).toEqual(all.slice(0, limit));
			expect(apiRequests(w.sb).map((r) => [r.body.skip, r.body.take])).toEqual(requests);
		});

		test('Limit 101 where the server gives 50 rows a request: 101 rows, not the 150 received', async () => {
			w.h.setCredential(sandboxCredential(w.sb, { scopes: SCOPES }));
			const rows = (from: number) =>
				Array.from({ length: 50 }, (_, i) => ({ id: `b-${from + i}` }));
			for (const from of [0, 50, 100]) {
				w.sb.inject({
					operationId: 'showBookingGrid',
					status: 200,
					body: { page: { content: rows(from), last: false }, totalFunds: {} },
				});
			}
			const { items } = await bookings(101);
			expect(items.map((i) => i.json.id)).toEqual(
				[...rows(0), ...rows(50), ...rows(100)].slice(0, 101).map((r) => r.id),
			);
			expect(apiRequests(w.sb).map((r) => [r.body.skip, r.body.take])).toEqual([
				[0, 51],
				[50, 51],
				[100, 51],
			]);
		});
	});
});
