'use strict';
// Fault injection: the first matching fault wins; each match uses up one of its `times`.

function normalizeFault(input, { pathIsRegex = false } = {}) {
	if (!input || typeof input !== 'object') throw new TypeError('A fault must be an object');
	const fault = { ...input };
	if (typeof fault.path === 'string' && pathIsRegex) fault.path = new RegExp(fault.path);
	// JSON cannot carry Infinity: accept "Infinity", null or -1 over HTTP.
	if (fault.times === undefined) fault.times = 1;
	else if (fault.times === 'Infinity' || fault.times === null || fault.times === -1)
		fault.times = Infinity;
	if (!(fault.times > 0)) throw new TypeError('fault.times must be a positive number or Infinity');
	if (
		fault.status !== undefined &&
		!(Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 599)
	) {
		throw new TypeError('fault.status must be an HTTP status code');
	}
	return fault;
}

function matches(fault, req) {
	if (fault.operationId !== undefined && fault.operationId !== req.operationId) return false;
	if (fault.method !== undefined && String(fault.method).toUpperCase() !== req.method) return false;
	if (fault.path instanceof RegExp) {
		fault.path.lastIndex = 0;
		if (!fault.path.test(req.path)) return false;
	} else if (fault.path !== undefined && fault.path !== req.path) return false;
	return true;
}

function createFaults() {
	const list = [];
	return {
		add(input, opts) {
			const fault = normalizeFault(input, opts);
			list.push(fault);
			return fault;
		},
		clear() {
			list.length = 0;
		},
		// Finds, consumes and returns the fault for this request, or null.
		take(req) {
			for (let i = 0; i < list.length; i++) {
				const fault = list[i];
				if (!matches(fault, req)) continue;
				// `skip`: let that many matching requests through (to later faults) before it starts.
				if (fault.skip > 0) {
					fault.skip -= 1;
					continue;
				}
				fault.times -= 1;
				if (fault.times <= 0) list.splice(i, 1);
				return fault;
			}
			return null;
		},
		list: () =>
			list.map((f) => ({
				...f,
				path: f.path instanceof RegExp ? f.path.source : f.path,
				times: f.times === Infinity ? 'Infinity' : f.times,
			})),
	};
}

module.exports = { createFaults };
