import { pageSizeFor } from '../nodes/shared/execution/pagination';
import { apiRequests, useWink } from './harness/fixture';

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
		const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: `r${from + i}` }));
		/** Scripted answers, one per request, then the walk (10 rows a page) with Return All. */
		const walk = async (...answers: object[]) => {
			for (const body of answers) w.sb.inject({ operationId: 'showAccessibleManagingEntitiesByState', status: 200, body });
			const { items, error } = await w.h.run({ nodeType: 'test.winkGrid', parameters: { operation: 'gridWide', returnAll: true } });
			expect(error).toBeUndefined();
			return { ids: items.map((i) => i.json.id), skips: apiRequests(w.sb).map((r) => r.body.skip) };
		};

		test('only `last`: a short page with last false is not the end; last true is', async () => {
			expect(await walk({ content: rows(0, 3), last: false }, { content: rows(3, 10), last: true })).toEqual({
				ids: rows(0, 13).map((r) => r.id),
				skips: [0, 3],
			});
		});

		test('only `totalElements`: the walk goes on until it has them all, short pages or not', async () => {
			expect(await walk({ content: rows(0, 3), totalElements: 5 }, { content: rows(3, 2), totalElements: 5 })).toEqual({
				ids: rows(0, 5).map((r) => r.id),
				skips: [0, 3],
			});
			w.sb.resetStats();
			expect(await walk({ content: rows(0, 10), totalElements: 10 })).toEqual({ ids: rows(0, 10).map((r) => r.id), skips: [0] });
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
});
