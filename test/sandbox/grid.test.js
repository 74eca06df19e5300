const { statePage } = require('../../sandbox/grid');
const { validate } = require('../../sandbox/schemas');

// The sandbox's State grid: every filter operator of the spec, sort, and skip/take.
describe('sandbox grid (State bodies)', () => {
	const rows = [
		{ id: 'a', name: 'Alpha Hotel', stars: 5, note: '', city: { name: 'Lisbon' } },
		{ id: 'b', name: 'beta inn', stars: 3, note: 'x', city: { name: 'Porto' } },
		{ id: 'c', name: 'Gamma Hostel', stars: null, note: null, city: { name: 'Lisbon' } },
	];
	const only = (field, operator, value, ignoreCase) =>
		statePage(rows, { filter: { filters: [{ field, operator, value, ignoreCase }] } }).content.map(
			(r) => r.id,
		);

	test.each([
		['eq', 'name', 'beta inn', false, ['b']],
		['eq', 'name', 'BETA INN', true, ['b']],
		['neq', 'city.name', 'Lisbon', false, ['b']],
		['contains', 'name', 'Hot', false, ['a']],
		['doesnotcontain', 'name', 'Hos', false, ['a', 'b']],
		['startswith', 'name', 'gam', true, ['c']],
		['endswith', 'name', 'inn', false, ['b']],
		['isnull', 'stars', undefined, false, ['c']],
		['isnotnull', 'stars', undefined, false, ['a', 'b']],
		['isempty', 'note', undefined, false, ['a', 'c']],
		['isnotempty', 'note', undefined, false, ['b']],
		['gte', 'stars', 3, false, ['a', 'b']],
		['lte', 'stars', 3, false, ['b']],
		['gt', 'stars', 3, false, ['a']],
		['lt', 'stars', 5, false, ['b']],
		['in', 'id', 'a, c', false, ['a', 'c']],
		['nin', 'id', 'a,c', false, ['b']],
	])('%s on %s', (operator, field, value, ignoreCase, expected) => {
		expect(only(field, operator, value, ignoreCase)).toEqual(expected);
	});

	test('the State schema accepts exactly the operators the grid implements', () => {
		const state = (operator) => ({ filter: { filters: [{ field: 'id', operator }] } });
		expect(validate('State', state('in'))).toEqual([]);
		expect(validate('State', state('like'))[0].field).toBe('filter.filters[0].operator');
	});

	test('and/or, sort on several fields, and a Spring page of skip/take', () => {
		const both = {
			logic: 'and',
			filters: [
				{ field: 'city.name', operator: 'eq', value: 'Lisbon' },
				{ field: 'stars', operator: 'gte', value: 4 },
			],
		};
		expect(statePage(rows, { filter: both }).content.map((r) => r.id)).toEqual(['a']);
		expect(statePage(rows, { filter: { ...both, logic: 'or' } }).content.map((r) => r.id)).toEqual([
			'a',
			'c',
		]);
		const sorted = statePage(rows, {
			sort: [
				{ field: 'city.name', dir: 'desc' },
				{ field: 'name', dir: 'asc' },
			],
		});
		expect(sorted.content.map((r) => r.id)).toEqual(['b', 'a', 'c']);
		expect(statePage(rows, { skip: 2, take: 2 })).toMatchObject({
			totalElements: 3,
			totalPages: 2,
			size: 2,
			number: 1,
			numberOfElements: 1,
			first: false,
			last: true,
			empty: false,
		});
		expect(statePage(rows, {}).size).toBe(30);
		expect(statePage(rows, { take: 3 }, { gridTake: 2 })).toMatchObject({
			size: 2,
			numberOfElements: 2,
			last: false,
		});
	});
});
