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

	test('a grid Limit stops early', async () => {
		const { items } = await w.h.run({
			nodeType: 'test.winkGrid',
			parameters: { operation: 'grid', returnAll: false, limit: 1 },
		});
		expect(items).toHaveLength(1);
		expect(apiRequests(w.sb).map((r) => r.body)).toEqual([{ skip: 0, take: 1 }]);
	});
});
