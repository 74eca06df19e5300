'use strict';
// A State body (skip, take, sort, filter) applied to a list of records, answered as a Spring
// Page. Shared by the grid routes. Fields are dotted paths ('roomStay.startDate').
const { badRequest } = require('./http-error');

const valueAt = (record, path) =>
	path.split('.').reduce((v, k) => (v == null ? undefined : v[k]), record);
const text = (v, ignoreCase) => (ignoreCase ? String(v ?? '').toLowerCase() : String(v ?? ''));

const OPERATORS = {
	eq: (a, b) => a === b,
	neq: (a, b) => a !== b,
	contains: (a, b) => a.includes(b),
	doesnotcontain: (a, b) => !a.includes(b),
	startswith: (a, b) => a.startsWith(b),
	endswith: (a, b) => a.endsWith(b),
	gt: (a, b) => a > b,
	gte: (a, b) => a >= b,
	lt: (a, b) => a < b,
	lte: (a, b) => a <= b,
	in: (a, b) =>
		b
			.split(',')
			.map((x) => x.trim())
			.includes(a),
	nin: (a, b) =>
		!b
			.split(',')
			.map((x) => x.trim())
			.includes(a),
};

function matches(record, f) {
	const raw = valueAt(record, f.field);
	if (f.operator === 'isnull') return raw == null;
	if (f.operator === 'isnotnull') return raw != null;
	if (f.operator === 'isempty') return raw == null || raw === '';
	if (f.operator === 'isnotempty') return raw != null && raw !== '';
	const op = OPERATORS[f.operator];
	if (!op) throw badRequest(`Unknown filter operator '${f.operator}'`);
	// A missing value is neither greater nor smaller than anything.
	if (raw == null && ['gt', 'gte', 'lt', 'lte'].includes(f.operator)) return false;
	// Numbers compare as numbers when both sides are numeric; everything else as text.
	if (
		typeof raw === 'number' &&
		f.value !== '' &&
		!Number.isNaN(Number(f.value)) &&
		!['in', 'nin'].includes(f.operator)
	) {
		return op(raw, Number(f.value));
	}
	return op(text(raw, f.ignoreCase), text(f.value, f.ignoreCase));
}

function filtered(records, filter) {
	const filters = filter?.filters ?? [];
	if (!filters.length) return records;
	const logic = filter.logic === 'or' ? 'some' : 'every';
	return records.filter((r) => filters[logic]((f) => matches(r, f)));
}

function sorted(records, sort) {
	if (!sort?.length) return records;
	return [...records].sort((a, b) => {
		for (const { field, dir } of sort) {
			const x = valueAt(a, field);
			const y = valueAt(b, field);
			if (x === y) continue;
			const order = x == null ? -1 : y == null ? 1 : x < y ? -1 : 1;
			return dir === 'desc' ? -order : order;
		}
		return 0;
	});
}

/** The records a State body selects (sorted and filtered, all pages). */
const selected = (records, body) => sorted(filtered(records, body.filter), body.sort);

/**
 * One Spring Page of the selection; `limits.gridTake` caps `take` silently, as a server's own
 * maximum would. Fault `limits.endlessGrid`: there is always another page (`last: false`), past
 * the end the selection starts over (a server that never ends a walk).
 */
function statePage(records, body, limits = {}) {
	const take = Math.min(body.take ?? 30, limits.gridTake ?? Infinity);
	const all = selected(records, body);
	const skip = limits.endlessGrid && all.length ? (body.skip ?? 0) % all.length : (body.skip ?? 0);
	const content = all.slice(skip, skip + take);
	return {
		content,
		totalElements: all.length,
		totalPages: Math.ceil(all.length / take),
		size: take,
		number: Math.floor(skip / take),
		numberOfElements: content.length,
		first: skip === 0,
		last: !limits.endlessGrid && skip + take >= all.length,
		empty: content.length === 0,
	};
}

// FilterDescriptor operators: all 16 of the spec (the State schema in schemas.js accepts these).
const FILTER_OPERATORS = [
	...Object.keys(OPERATORS),
	'isnull',
	'isnotnull',
	'isempty',
	'isnotempty',
];

module.exports = { statePage, selected, FILTER_OPERATORS };
