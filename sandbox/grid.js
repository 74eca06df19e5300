'use strict';
// The State body of Wink's grids (State_Authenticated_Entity): filter, sort, then skip/take,
// answered as a Spring Page. Shared by every grid route.
const get = (row, field) => field.split('.').reduce((v, k) => (v == null ? undefined : v[k]), row);

const text = (v, ignoreCase) => (ignoreCase ? String(v ?? '').toLowerCase() : String(v ?? ''));

// FilterDescriptor_Authenticated_Entity operators (all 16 of the spec).
const OPERATORS = {
	eq: (a, b, i) => text(a, i) === text(b, i),
	neq: (a, b, i) => text(a, i) !== text(b, i),
	contains: (a, b, i) => text(a, i).includes(text(b, i)),
	doesnotcontain: (a, b, i) => !text(a, i).includes(text(b, i)),
	startswith: (a, b, i) => text(a, i).startsWith(text(b, i)),
	endswith: (a, b, i) => text(a, i).endsWith(text(b, i)),
	isnull: (a) => a == null,
	isnotnull: (a) => a != null,
	isempty: (a) => a === '' || (Array.isArray(a) && a.length === 0),
	isnotempty: (a) => !(a === '' || (Array.isArray(a) && a.length === 0)),
	// A missing value is neither greater nor smaller than anything.
	gte: (a, b) => a != null && a >= b,
	lte: (a, b) => a != null && a <= b,
	gt: (a, b) => a != null && a > b,
	lt: (a, b) => a != null && a < b,
	in: (a, b, i) => [].concat(b).some((x) => text(x, i) === text(a, i)),
	nin: (a, b, i) => ![].concat(b).some((x) => text(x, i) === text(a, i)),
};

function matcher(filter) {
	if (!filter || !Array.isArray(filter.filters) || filter.filters.length === 0) return () => true;
	// The State schema (schemas.js) has already checked each field and operator.
	const tests = filter.filters.map((f) => (row) => OPERATORS[f.operator](get(row, f.field), f.value, f.ignoreCase === true));
	return filter.logic === 'or' ? (row) => tests.some((t) => t(row)) : (row) => tests.every((t) => t(row));
}

function comparer(sort) {
	const keys = (sort ?? []).filter((s) => s?.field);
	return (a, b) => {
		for (const { field, dir } of keys) {
			const x = get(a, field);
			const y = get(b, field);
			if (x === y) continue;
			const order = x == null ? -1 : y == null ? 1 : x < y ? -1 : 1;
			return dir === 'desc' ? -order : order;
		}
		return 0;
	};
}

/**
 * A Spring Page of `rows` for a State body; `take` defaults to the spec's 30 and is capped
 * silently by `limits.gridTake` when set, as a server's own maximum would.
 */
function pageOf(rows, { skip = 0, take: asked = 30, sort, filter } = {}, limits = {}) {
	const take = Math.min(asked, limits.gridTake ?? Infinity);
	const all = rows.filter(matcher(filter)).sort(comparer(sort));
	const content = all.slice(skip, skip + take);
	return {
		content, totalElements: all.length, totalPages: Math.ceil(all.length / take), size: take,
		number: Math.floor(skip / take), numberOfElements: content.length,
		first: skip === 0, last: skip + take >= all.length, empty: content.length === 0,
	};
}

module.exports = { pageOf, OPERATORS };
