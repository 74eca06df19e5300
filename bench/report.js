'use strict';
// What both benchmarks share: timing, median with spread, a markdown table, JSON under bench/results/.
const { mkdirSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');

const RESULTS = join(__dirname, 'results');

/** Milliseconds since `start` (from now()). */
const now = () => process.hrtime.bigint();
const msSince = (start) => Number(process.hrtime.bigint() - start) / 1e6;

/** Median, min and max of numbers. */
function spread(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	return { median, min: sorted[0], max: sorted.at(-1), runs: sorted.length };
}

/** "12.3 (11.9–13.0)": median with the range of the runs. */
function fmt(s, digits = 1) {
	if (typeof s === 'number') return s.toFixed(digits);
	if (!s || s.median === undefined) return String(s ?? '');
	return s.runs > 1
		? `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`
		: s.median.toFixed(digits);
}

/** A markdown table from rows of plain values (strings are kept, numbers and spreads formatted). */
function table(columns, rows) {
	const cell = (v) => (typeof v === 'string' ? v : fmt(v));
	return [
		`| ${columns.join(' | ')} |`,
		`| ${columns.map(() => '---').join(' | ')} |`,
		...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
	].join('\n');
}

/** Where and when the figures were taken: a shared 2-core machine makes them noisy. */
function machine() {
	return {
		date: new Date().toISOString(),
		cpu: os.cpus()[0]?.model ?? 'unknown',
		cores: os.cpus().length,
		memoryGb: Math.round(os.totalmem() / 2 ** 30),
		loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))),
		node: process.version,
	};
}

const machineLine = (m) =>
	`${m.date.slice(0, 10)}, ${m.cores} × ${m.cpu}, ${m.memoryGb} GB, Node ${m.node}, load average ${m.loadAverage.join('/')} (shared with other work)`;

/** Writes bench/results/<name>.json and returns its path. */
function save(name, data) {
	mkdirSync(RESULTS, { recursive: true });
	const file = join(RESULTS, `${name}.json`);
	writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
	return file;
}

/** Runs `fn` `runs` times (after `warmup` unmeasured runs) and returns the spread of its result. */
async function repeat(runs, fn, warmup = 0) {
	for (let i = 0; i < warmup; i++) await fn();
	const values = [];
	for (let i = 0; i < runs; i++) values.push(await fn());
	return spread(values);
}

module.exports = { RESULTS, now, msSince, spread, fmt, table, machine, machineLine, save, repeat };
