'use strict';
// Reads a V8 CPU profile (node --cpu-prof or the inspector's Profiler): where the time went.

/** Sample durations in ms with each sample's stack (leaf first) as node records. */
function samples(profile) {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const out = [];
	profile.samples.forEach((id, i) => {
		// The first delta runs from the profiler's start call to the first sample: not work.
		if (i === 0) return;
		const ms = (profile.timeDeltas[i] ?? 0) / 1000;
		const stack = [];
		for (let at = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at));
		out.push({ ms, stack });
	});
	return out;
}

const OTHER = 'V8 built-ins (JSON, RegExp, …) and the rest';

/**
 * Self time per category: each sample goes to the first category whose pattern matches its leaf
 * frame's script URL (or "other"); idle and GC are reported as themselves.
 */
function selfTimeBy(profile, categories) {
	const totals = Object.fromEntries([...categories.map(([label]) => [label, 0]), [OTHER, 0]]);
	for (const { ms, stack } of samples(profile)) {
		const { url, functionName } = stack[0].callFrame;
		const special = ['(idle)', '(garbage collector)', '(program)'].includes(functionName)
			? functionName
			: undefined;
		const label = special ?? categories.find(([, re]) => re.test(url))?.[0] ?? OTHER;
		totals[label] = (totals[label] ?? 0) + ms;
	}
	return totals;
}

/**
 * Inclusive time of frames: each sample counts once for every matcher that matches any frame of
 * its stack (a matcher tests "functionName url").
 */
function inclusiveTime(profile, matchers) {
	const totals = Object.fromEntries(matchers.map(([label]) => [label, 0]));
	for (const { ms, stack } of samples(profile)) {
		const frames = stack.map((n) => `${n.callFrame.functionName} ${n.callFrame.url}`);
		for (const [label, re] of matchers) if (frames.some((f) => re.test(f))) totals[label] += ms;
	}
	return totals;
}

/**
 * The part of a profile between two monotonic timestamps in µs (process.hrtime in another process
 * on the same machine uses the same clock as V8's profile timestamps).
 */
function slice(profile, fromUs, toUs) {
	const keep = { samples: [0], timeDeltas: [0] };
	let t = profile.startTime;
	profile.samples.forEach((id, i) => {
		t += profile.timeDeltas[i] ?? 0;
		if (i > 0 && t >= fromUs && t <= toUs) {
			keep.samples.push(id);
			keep.timeDeltas.push(profile.timeDeltas[i]);
		}
	});
	return { ...profile, ...keep };
}

/** The `count` functions with the most self time: "name file:line" and ms. */
function topSelf(profile, count = 10) {
	const totals = new Map();
	for (const { ms, stack } of samples(profile)) {
		const { functionName, url, lineNumber } = stack[0].callFrame;
		const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '')}:${lineNumber + 1}`;
		totals.set(key, (totals.get(key) ?? 0) + ms);
	}
	return [...totals]
		.sort((a, b) => b[1] - a[1])
		.slice(0, count)
		.map(([fn, ms]) => ({ fn, ms }));
}

module.exports = { selfTimeBy, inclusiveTime, slice, topSelf };
