'use strict';
// Matches "METHOD /path" against route rows. Literal segments beat {params}, so
// /api/managing-entity/list and .../withdrawal/estimate never fall into an {id} slot.

function compile(route) {
	const segments = route.path
		.split('/')
		.filter(Boolean)
		.map((s) => {
			const m = /^\{(\w+)\}$/.exec(s);
			return m ? { param: m[1] } : { literal: s };
		});
	return { ...route, segments, literals: segments.filter((s) => s.literal).length };
}

function createRouter(routes) {
	const table = routes
		.map(compile)
		.sort((a, b) => b.segments.length - a.segments.length || b.literals - a.literals);

	function matchPath(route, parts) {
		if (route.segments.length !== parts.length) return null;
		const params = {};
		for (let i = 0; i < parts.length; i++) {
			const seg = route.segments[i];
			if (seg.literal !== undefined) {
				if (seg.literal !== parts[i]) return null;
			} else {
				try {
					params[seg.param] = decodeURIComponent(parts[i]);
				} catch {
					return null;
				}
			}
		}
		return params;
	}

	// Returns { route, params } | { allowed: [methods] } (path known, method not) | null.
	function match(method, path) {
		const parts = path.split('/').filter(Boolean);
		let best = null;
		const allowed = new Set();
		for (const route of table) {
			const params = matchPath(route, parts);
			if (!params) continue;
			if (route.method === method) {
				// Rows are sorted most-specific first, but a literal/param clash of equal length needs
				// the literal row: compare the literals actually matched.
				if (!best || route.literals > best.route.literals) best = { route, params };
			} else {
				allowed.add(route.method);
			}
		}
		if (best) return best;
		return allowed.size ? { allowed: [...allowed] } : null;
	}

	return { match, routes: table };
}

module.exports = { createRouter };
