// `npm run bench:n8n`: figures from a real n8n (the e2e's cached install) against the sandbox.
// Started by bench/n8n.sh through e2e/run.sh. Never fails on time. BENCH_QUICK=1: one short run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import os from 'node:os';
import sandboxModule from '../sandbox/index.js';
import {
	E2E_N8N,
	E2E_NODE,
	N8N_VERSION,
	freePort,
	importAll,
	killAll,
	startN8n,
} from '../e2e/lib.mjs';
import baseline from './baseline.js';
import profiles from './profile.js';
import report from './report.js';
import * as wf from './n8n-workflows.mjs';

const { getAll, getPages, growLedger, sandboxToken, setLatency } = baseline;
const { RESULTS, machine, machineLine, msSince, now, save, spread, table } = report;
const QUICK = process.env.BENCH_QUICK === '1';
const RUNS = QUICK ? 1 : Number(process.env.BENCH_RUNS ?? 3);
const ROOT = join(import.meta.dirname, '..');
const flatted = createRequire(E2E_N8N)('flatted');
const QUIET = { N8N_LOG_LEVEL: 'warn' };

const sb = await sandboxModule.startSandbox({ port: 0 });
const results = { n8nVersion: N8N_VERSION, quick: QUICK };
const tables = [];

// Credentials: a pair (Wink, generic OAuth2) for the timed runs and one more pair that stays cold
// until the 10-execution token count.
const W1 = wf.winkCredential(sb, 'benchWinkCred001', 'Wink bench');
const W2 = wf.winkCredential(sb, 'benchWinkCred002', 'Wink bench, 10 runs');
// The same credential with its scope stored as a plain value: n8n then resolves one $self
// expression per request (the token URL's) instead of two.
const W3 = { ...wf.winkCredential(sb, 'benchWinkCred003', 'Wink bench, fewer expressions') };
W3.data = { ...W3.data, scope: W3.data.winkScopes };
const G1 = wf.genericCredential(sb, 'benchGenericCrd1', 'Generic OAuth2 bench');
const G2 = wf.genericCredential(sb, 'benchGenericCrd2', 'Generic OAuth2 bench, 10 runs');
const flows = {
	winkGet: wf.winkGet('benchWinkGet0001', 'wink-get', sb, W1),
	winkGet50: wf.winkGet('benchWinkGet0050', 'wink-get-50', sb, W1, 50),
	winkAuto: wf.winkGet('benchWinkGetAuto', 'wink-get-auto', sb, W1, undefined, 2),
	// Behind a gateway: failed items kept as error items, so that the lost ones can be counted.
	httpGetKeep: wf.httpGet('benchHttpGetKeep', 'http-get-keep', sb, G1, { continueOnFail: true }),
	httpBatch50: wf.httpGet('benchHttpBatch50', 'http-batch-50', sb, G1, {
		continueOnFail: true,
		batching: { batchSize: 50, batchInterval: 1000 },
	}),
	httpBatch200: wf.httpGet('benchHttpBatch200', 'http-batch-200', sb, G1, {
		continueOnFail: true,
		batching: { batchSize: 200, batchInterval: 1000 },
	}),
	httpGet: wf.httpGet('benchHttpGet0001', 'http-get', sb, G1),
	winkGet10: wf.winkGet('benchWinkGet0010', 'wink-get-10', sb, W2),
	httpGet10: wf.httpGet('benchHttpGet0010', 'http-get-10', sb, G2),
	winkGetPlain: wf.winkGet('benchWinkGet0003', 'wink-get-plain', sb, W3),
	winkLedger: wf.winkLedger('benchWinkLedger1', 'wink-ledger', sb, W1),
	winkLedger1000: wf.winkLedger('benchWinkLedgr1k', 'wink-ledger-1000', sb, W1, 1000),
	httpLedger: wf.httpLedger('benchHttpLedger1', 'http-ledger', sb, G1),
};
await importAll('bench', [W1, W2, W3, G1, G2], Object.values(flows));

let server = await start(QUIET);
await activateAll(server);
const seen = {};

// A restart finds the owner set up already: log in instead (lib.mjs's rest() reads these headers).
async function start(extraEnv) {
	// A fresh task-runner port: the one lib.mjs picked may still be held by the stopped n8n.
	const s = await startN8n({ N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...extraEnv });
	if (!s.ownerReady) {
		const login = await fetch(`${s.url}/rest/login`, {
			method: 'POST',
			headers: s.headers,
			body: JSON.stringify({ emailOrLdapLoginId: 'e2e@example.com', password: 'E2e-throwaway-1' }),
		});
		s.headers.cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
		if (!login.ok) throw new Error(`n8n login: HTTP ${login.status}`);
	}
	return s;
}

/** Stops n8n and starts it again with `extraEnv` (the workflows stay active across a restart). */
async function restart(extraEnv) {
	await server.stop();
	server = await start(extraEnv);
}

/** Prints a section's table at once (a long run shows progress) and keeps it for the summary. */
function show(text) {
	tables.push(text);
	console.log(`\n${text}\n`);
}

async function activateAll(s) {
	for (const flow of Object.values(flows)) {
		const { json } = await s.rest('GET', `/workflows/${flow.id}`);
		const r = await s.rest('POST', `/workflows/${flow.id}/activate`, {
			versionId: json?.data?.versionId,
		});
		if (r.status !== 200)
			throw new Error(`activating ${flow.name}: ${r.status} ${r.text.slice(0, 300)}`);
	}
}

const rssKb = () =>
	Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0);

/** The newest finished execution of a workflow, parsed: how long "Measured" took and its items. */
async function lastExecution(flow) {
	for (let tries = 0; tries < 200; tries++) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: flow.id }));
		const list =
			(await server.rest('GET', `/executions?filter=${filter}&limit=1`)).json?.data?.results ?? [];
		const id = list[0]?.id;
		if (id && id !== seen[flow.id] && list[0].finished !== false && list[0].status !== 'running') {
			seen[flow.id] = id;
			const raw = (await server.rest('GET', `/executions/${id}`)).json?.data;
			const data = typeof raw?.data === 'string' ? flatted.parse(raw.data) : raw?.data;
			const task = data?.resultData?.runData?.[wf.MEASURED]?.[0];
			if (!task || task.error)
				throw new Error(
					`${flow.name}: ${JSON.stringify(task?.error ?? data?.resultData?.error).slice(0, 500)}`,
				);
			const out = task.data?.main?.[0] ?? [];
			return {
				nodeMs: task.executionTime,
				items: out.length,
				failed: out.filter((i) => i.json?.error !== undefined).length,
			};
		}
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`${flow.name}: no finished execution`);
}

/** One execution through the webhook: wall time, the node's own time, its items, peak RSS growth. */
async function run(flow, body = {}) {
	const before = rssKb();
	let peak = before;
	const poll = setInterval(() => (peak = Math.max(peak, rssKb())), 25);
	const start = now();
	const res = await fetch(`${server.url}/webhook/${flow.nodes[0].parameters.path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	await res.text();
	const wallMs = msSince(start);
	// The webhook call in µs of the monotonic clock V8's profiles use.
	const window = [Number(start / 1000n), Number(process.hrtime.bigint() / 1000n)];
	clearInterval(poll);
	peak = Math.max(peak, rssKb());
	if (!res.ok) throw new Error(`${flow.name}: HTTP ${res.status}\n${server.log().slice(-3000)}`);
	return { wallMs, window, ...(await lastExecution(flow)), rssGrowthMb: (peak - before) / 1024 };
}

const ids = (n) => {
	const all = sb.state.withdrawals[sb.managingEntityId].map((w) => w.id);
	return Array.from({ length: n }, (_, i) => ({ wid: all[i % all.length] }));
};
const withdrawalUrls = (n) =>
	ids(n).map(
		({ wid }) => `${sb.url}/api/managing-entity/${sb.managingEntityId}/payment/withdrawal/${wid}`,
	);
const tokens = () => sb.stats.tokensIssued;

// BENCH_ONLY=ledger,growth runs only those sections.
const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const sections = {
	shortRuns,
	tokenEconomy,
	gateway,
	perItem,
	expressions,
	ledger,
	growth,
	selfInvestigation,
	coldLoad,
};
let failure;
try {
	for (const [name, fn] of Object.entries(sections))
		if (!only.length || only.includes(name)) await fn();
} catch (error) {
	failure = error;
	results.error = String(error?.stack ?? error);
} finally {
	await server.stop();
	killAll();
	await sb.close();
}
const m = machine();
const file = save(only.length ? `n8n-${only.join('-')}` : 'n8n', { machine: m, ...results });
console.log(
	[`## npm run bench:n8n (n8n ${N8N_VERSION}), ${machineLine(m)}`, ...tables, `JSON: ${file}`].join(
		'\n\n',
	),
);
if (failure) {
	console.error(failure);
	process.exit(1);
}

// 0. Short runs (issue 27): the Wink node at version 2 with its defaults (Concurrency Auto) beside
// the HTTP Request node with the generic OAuth2 credential, interleaved, same run. Throughput ratio =
// the HTTP Request node's median time / the Wink node's (above 1: the Wink node is faster).
async function shortRuns() {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
	const winkVersion = flows.winkAuto.nodes.find((n) => n.name === wf.MEASURED).typeVersion;
	const rows = [];
	const loads = [];
	results.shortRuns = {
		winkNode: `${pkg.name} ${pkg.version}, node version ${winkVersion}, defaults (Concurrency Auto)`,
		cells: {},
	};
	for (const latency of [0, 20, 100]) {
		for (const n of QUICK ? [10, 100] : [10, 100, 1000]) {
			setLatency(sb, latency);
			const items = ids(n);
			// Short runs are cheap and noisy: more of them.
			const runs = QUICK ? 1 : Math.max(3, n <= 100 ? 2 * RUNS + 1 : RUNS);
			const variants = [
				['wink', flows.winkAuto],
				['http', flows.httpGet],
			];
			const times = { wink: [], http: [] };
			for (const [, flow] of variants) await run(flow, { items }); // warm-up
			for (let r = 0; r < runs; r++) {
				for (const [name, flow] of variants) {
					loads.push(os.loadavg()[0]);
					times[name].push((await run(flow, { items })).nodeMs);
				}
			}
			const wink = spread(times.wink);
			const http = spread(times.http);
			const ratio = http.median / wink.median;
			results.shortRuns.cells[`${n}/${latency}ms`] = {
				items: n,
				latencyMs: latency,
				httpRequestNode: http,
				wink,
				ratio,
			};
			rows.push([String(n), `${latency} ms`, http, wink, `${ratio.toFixed(2)}×`]);
		}
	}
	setLatency(sb, 0);
	const load = spread(loads);
	results.shortRuns.loadAverage1m = load;
	show(
		`### Short runs, Get Withdrawal per item: node time (n8n executionTime), ms, median (min–max)\n\n` +
			`Wink node: ${results.shortRuns.winkNode}. HTTP Request node: generic OAuth2 credential, all items at once. ` +
			`Machine load (1-minute average) while it ran: ${load.min.toFixed(1)}–${load.max.toFixed(1)} on ${os.cpus().length} cores.\n\n` +
			table(
				[
					'items',
					'round trip',
					'HTTP Request node',
					'Wink node',
					'Wink throughput vs HTTP Request',
				],
				rows,
			),
	);
}

// 2. Token requests: one execution of 1,000 items, then 10 executions of 100 on cold credentials.
async function tokenEconomy() {
	setLatency(sb, 5);
	const count = async (flow, body, times = 1) => {
		const before = tokens();
		for (let i = 0; i < times; i++) await run(flow, body);
		return tokens() - before;
	};
	const n = QUICK ? 200 : 1000;
	const rows = [
		[
			`${n} items, one execution, cold`,
			await count(flows.winkGet, { items: ids(n) }),
			await count(flows.httpGet, { items: ids(n) }),
		],
		[
			`10 executions × ${n / 10} items, cold`,
			await count(flows.winkGet10, { items: ids(n / 10) }, 10),
			await count(flows.httpGet10, { items: ids(n / 10) }, 10),
		],
	];
	setLatency(sb, 0);
	results.tokens = rows.map(([name, wink, http]) => ({ case: name, wink, httpRequestNode: http }));
	show(
		'### Token requests (5 ms latency)\n\n' +
			table(
				['case', 'Wink node', 'HTTP Request node + generic OAuth2'],
				rows.map((r) => r.map(String)),
			),
	);
}

// 1. Per-item cost: the node's own time per item (n8n's executionTime), plain loops beside it.
async function perItem() {
	const rows = [];
	results.perItem = {};
	for (const latency of [0, 100]) {
		for (const n of QUICK ? [100] : [100, 1000]) {
			setLatency(sb, latency);
			const token = await sandboxToken(sb);
			const items = ids(n);
			const variants = [
				[
					'Wink node v2, Concurrency Auto (default)',
					async () => (await run(flows.winkAuto, { items })).nodeMs,
				],
				[
					'Wink node v1, Concurrency 5 (its default)',
					async () => (await run(flows.winkGet, { items })).nodeMs,
				],
				[
					'Wink node, Concurrency 50 (max)',
					async () => (await run(flows.winkGet50, { items })).nodeMs,
				],
				[
					'HTTP Request node (all items at once)',
					async () => (await run(flows.httpGet, { items })).nodeMs,
				],
				['fetch loop, 5 at once', () => timed(() => getAll('fetch', withdrawalUrls(n), token, 5))],
				['axios loop, 5 at once', () => timed(() => getAll('axios', withdrawalUrls(n), token, 5))],
				[
					'fetch loop, all at once',
					() => timed(() => getAll('fetch', withdrawalUrls(n), token, n)),
				],
			];
			const times = Object.fromEntries(variants.map(([name]) => [name, []]));
			// A raw loop with 1,000 sockets at once can be reset on a loaded machine: that run is left out.
			const attempt = async (name, fn) => {
				try {
					return await fn();
				} catch (error) {
					if (!name.includes('loop')) throw error;
					console.log(
						`${name}, ${latency} ms, ${n} items: ${error?.cause?.code ?? error} (run left out)`,
					);
				}
			};
			for (const [name, fn] of variants) await attempt(name, fn); // warm-up
			for (let r = 0; r < RUNS; r++) {
				for (const [name, fn] of variants) {
					const ms = await attempt(name, fn);
					if (ms !== undefined) times[name].push(ms / n);
				}
			}
			const http = spread(times['HTTP Request node (all items at once)']).median;
			const key = `${latency}ms/${n}`;
			results.perItem[key] = {};
			for (const [name] of variants) {
				const s = spread(times[name]);
				results.perItem[key][name] = s;
				rows.push([`${latency} ms`, String(n), name, s, `${(http / s.median).toFixed(2)}×`]);
			}
		}
	}
	setLatency(sb, 0);
	show(
		"### Per-item cost, Get Withdrawal: the node's own time (n8n executionTime) per item, ms, median (min–max)\n\n" +
			table(['latency', 'items', 'variant', 'ms/item', 'throughput vs HTTP Request node'], rows),
	);
}

// Behind a gateway (the sandbox's rate-limit mode: N requests a second, a one-second burst, then
// 429 with Retry-After), 100 ms per answer: every node's time, lost items and 429 share, interleaved.
async function gateway() {
	const n = QUICK ? 300 : 1000;
	const items = ids(n);
	results.gateway = {};
	const rows = [];
	for (const rate of [50, 200]) {
		const variants = [
			['Wink node v2, Concurrency Auto (default)', flows.winkAuto],
			['Wink node v1, Concurrency 5', flows.winkGet],
			['HTTP Request node as left', flows.httpGetKeep],
			[
				`HTTP Request node, Batching ${rate} per 1,000 ms`,
				rate === 50 ? flows.httpBatch50 : flows.httpBatch200,
			],
		];
		const runs = Object.fromEntries(variants.map(([name]) => [name, []]));
		const gate = () => {
			setLatency(sb, 100);
			sb.inject({ rateLimit: rate }); // a fresh, full bucket per run
			sb.resetStats();
		};
		for (const [, flow] of variants) {
			gate();
			await run(flow, { items: ids(20) }); // warm-up (and a stored token)
		}
		let trace;
		for (let r = 0; r < RUNS; r++) {
			for (const [name, flow] of variants) {
				gate();
				const x = await run(flow, { items });
				const requests = sb.stats.requests.filter((q) => q.operationId === 'getWithdrawal');
				const limited = requests.filter((q) => q.status === 429).length;
				runs[name].push({
					ms: x.nodeMs,
					ok: x.items - x.failed,
					requests: requests.length,
					limited,
				});
				if (r === 0 && name.startsWith('Wink node v2')) trace = inFlightOverTime(requests);
			}
		}
		const floorMs = (n / rate) * 1000;
		// The HTTP Request node's best setup: the fastest that returned every item (else the fastest).
		const http = variants.slice(2).map(([name]) => ({
			ms: spread(runs[name].map((x) => x.ms)).median,
			all: runs[name].every((x) => x.ok === n),
		}));
		const best = Math.min(
			...(http.some((h) => h.all) ? http.filter((h) => h.all) : http).map((h) => h.ms),
		);
		results.gateway[`${rate}/s`] = {
			items: n,
			latencyMs: 100,
			floorMs,
			variants: {},
			winkAutoInFlight: trace,
		};
		for (const [name] of variants) {
			const ms = spread(runs[name].map((x) => x.ms));
			const ok = Math.min(...runs[name].map((x) => x.ok));
			const share = spread(runs[name].map((x) => x.limited / Math.max(1, x.requests)));
			results.gateway[`${rate}/s`].variants[name] = {
				ms,
				fewestItemsOk: ok,
				share429: share,
				runs: runs[name],
			};
			rows.push([
				`${rate}/s`,
				name,
				ms,
				`${ok} of ${n}`,
				`${(share.median * 100).toFixed(1)} %`,
				`${(ms.median / floorMs).toFixed(2)}×`,
				`${(best / ms.median).toFixed(2)}×`,
			]);
		}
		show(
			`### In flight over time, Wink node v2 (Auto) behind the ${rate}/s gateway, first timed run (at the sandbox, per 500 ms)

` +
				table(
					['from (s)', 'requests received', '429', 'most in flight'],
					trace.map((t) => [
						t.fromS.toFixed(1),
						String(t.received),
						String(t.limited),
						String(t.mostInFlight),
					]),
				),
		);
	}
	setLatency(sb, 0);
	const limits = await limitOverRun(n);
	for (const [rate, trace] of Object.entries(limits)) {
		results.gateway[`${rate}/s`].winkAutoLimit = trace;
		show(
			`### The limit itself over one Auto run behind the ${rate}/s gateway (the node's debug line; per second, lowest–highest)\n\n` +
				table(['second', 'limit'], limitPerSecond(trace)),
		);
	}
	show(
		`### Behind a rate-limiting gateway, Get Withdrawal ×${n}, 100 ms per answer (node time, ms, median (min–max))

` +
			table(
				[
					'gateway',
					'variant',
					'ms',
					'items OK (fewest)',
					'429 share of requests',
					'vs floor (items / rate)',
					'throughput vs best HTTP Request setup (all items)',
				],
				rows,
			),
	);
}

// One more Auto run per gateway with n8n at debug level, to read the limit the node logs at the end
// (N8N_LOG_LEVEL=debug); not timed, as n8n's own debug logging costs time.
async function limitOverRun(n) {
	await restart({ N8N_LOG_LEVEL: 'debug' });
	const out = {};
	for (const rate of [50, 200]) {
		setLatency(sb, 100);
		sb.inject({ rateLimit: rate });
		await run(flows.winkAuto, { items: ids(n) });
		const line = server
			.log()
			.split('\n')
			.reverse()
			.find((l) => l.includes('Wink Concurrency Auto'));
		if (!line) throw new Error('n8n logged no "Wink Concurrency Auto" line at debug level');
		out[rate] = JSON.parse(line.slice(line.indexOf('{'))).limitOverTime;
	}
	setLatency(sb, 0);
	await restart(QUIET);
	return out;
}

/** [ms, limit] changes → one row per second: the lowest and highest limit in force during it. */
function limitPerSecond(trace) {
	const rows = [];
	const end = Math.ceil(trace.at(-1)[0] / 1000) || 1;
	for (let s = 0; s < end; s++) {
		const from = s * 1000;
		const atStart = trace.filter(([ms]) => ms <= from).at(-1)?.[1] ?? trace[0][1];
		const during = [
			atStart,
			...trace.filter(([ms]) => ms > from && ms < from + 1000).map(([, l]) => l),
		];
		const [lo, hi] = [Math.min(...during), Math.max(...during)];
		rows.push([String(s), lo === hi ? String(lo) : `${lo}–${hi}`]);
	}
	return rows;
}

/** Requests received, 429s and the most in flight at the sandbox, per 500 ms of a run. */
function inFlightOverTime(requests) {
	if (!requests.length) return [];
	const t0 = requests[0].receivedAt;
	const slices = [];
	for (const r of requests) {
		const k = Math.floor((r.receivedAt - t0) / 500);
		slices[k] ??= { fromS: k / 2, received: 0, limited: 0, mostInFlight: 0 };
		slices[k].received++;
		if (r.status === 429) slices[k].limited++;
		const inFlight = requests.filter(
			(q) => q.receivedAt <= r.receivedAt && (q.answeredAt ?? Infinity) > r.receivedAt,
		).length;
		slices[k].mostInFlight = Math.max(slices[k].mostInFlight, inFlight);
	}
	return slices.filter(Boolean);
}

async function timed(fn) {
	const start = now();
	await fn();
	return msSince(start);
}

// What the credential's $self expressions cost: n8n resolves every credential field per request.
async function expressions() {
	const n = QUICK ? 200 : 1000;
	const variants = [
		['Wink credential as shipped (token URL and scope: 2 expressions per request)', flows.winkGet],
		['same, scope stored as a value (1 expression)', flows.winkGetPlain],
		['HTTP Request node + generic OAuth2 (no expressions)', flows.httpGet],
	];
	const times = Object.fromEntries(variants.map(([name]) => [name, []]));
	for (const [, flow] of variants) await run(flow, { items: ids(20) });
	for (let r = 0; r < RUNS; r++) {
		for (const [name, flow] of variants)
			times[name].push((await run(flow, { items: ids(n) })).nodeMs / n);
	}
	const [a, b, c] = variants.map(([name]) => spread(times[name]));
	results.expressions = {
		items: n,
		perItemMs: Object.fromEntries(variants.map(([name], i) => [name, [a, b, c][i]])),
	};
	show(
		`### Credential expressions, Get Withdrawal ×${n}, 0 ms, Wink at Concurrency 5 (ms per item, runs interleaved)\n\n` +
			table(
				['credential', 'ms/item'],
				[
					[variants[0][0], a],
					[variants[1][0], b],
					[variants[2][0], c],
					['cost of one expression per request', `${(a.median - b.median).toFixed(2)} ms`],
				],
			),
	);
}

// 3. Return All over 10,000 ledger entries: at 0 ms n8n's own CPU per page shows, with latency
// the round trips dominate (every walk here is sequential, one page after another).
async function ledger() {
	const entries = growLedger(sb, 10_000);
	const payloadMb = Buffer.byteLength(JSON.stringify(entries)) / 2 ** 20;
	const url = `${sb.url}/api/managing-entity/${sb.managingEntityId}/payment/ledger/transactions`;
	const byLatency = {};
	const rows = [];
	for (const latency of QUICK ? [0] : [0, 20, 100]) {
		setLatency(sb, latency);
		const token = await sandboxToken(sb);
		const cases = [
			['Wink node, Return All', () => run(flows.winkLedger)],
			['HTTP Request node, pagination', () => run(flows.httpLedger)],
			[
				'axios paged loop',
				async () => ({
					nodeMs: await timed(() => getPages('axios', url, token, 100)),
					items: entries.length,
				}),
			],
			// Not the same page size: what the Page Size option buys (the sandbox allows 1,000).
			['Wink node, Return All, Page Size 1000', () => run(flows.winkLedger1000)],
		];
		if (latency === 0) {
			cases.push([
				'fetch paged loop',
				async () => ({
					nodeMs: await timed(() => getPages('fetch', url, token, 100)),
					items: entries.length,
				}),
			]);
		}
		const out = {};
		const runs = Object.fromEntries(cases.map(([name]) => [name, []]));
		for (const [name, fn] of cases) {
			sb.resetStats();
			const first = await fn(); // warm-up, and the request count
			const requests = sb.stats.requests.filter(
				(r) => r.operationId === 'getTransactionHistory',
			).length;
			out[name] = { items: first.items, requests };
		}
		// Interleaved, so that load from elsewhere on the machine falls on every case alike.
		for (let r = 0; r < RUNS; r++) for (const [name, fn] of cases) runs[name].push(await fn());
		const axios = spread(runs['axios paged loop'].map((x) => x.nodeMs)).median;
		for (const [name] of cases) {
			const c = out[name];
			c.ms = spread(runs[name].map((x) => x.nodeMs));
			c.vsAxios = c.ms.median / axios;
			rows.push([
				`${latency} ms`,
				name,
				String(c.items),
				String(c.requests),
				c.ms,
				`${c.vsAxios.toFixed(2)}×`,
			]);
		}
		byLatency[`${latency}ms`] = out;
	}
	setLatency(sb, 0);
	show(
		`### Return All, ${entries.length} ledger entries (${payloadMb.toFixed(1)} MB of JSON), pages of 100 (ms, median (min–max))\n\n` +
			table(['latency', 'walk', 'items', 'requests', 'ms', 'vs axios loop'], rows),
	);
	const memory = await ledgerMemory(payloadMb);
	sb.reset();
	results.ledger = { entries: entries.length, payloadMb, byLatency, memory };
}

/** Restarts n8n and warms it up with a 10-item run of `flow`: RSS seldom shrinks, so memory is measured in a fresh process. */
async function freshN8n(flow) {
	await restart(QUIET);
	await run(flow, { items: ids(10) });
}

// Peak RSS growth of n8n while each node returns the 10,000 entries: a fresh n8n per run (RSS
// seldom shrinks, so an earlier run would hide growth), after a small warm-up run that loads its
// code. Beside it, the floor any node pays: what n8n must hold for these entries as items.
async function ledgerMemory(payloadMb) {
	const cases = [
		['Wink node, Return All', flows.winkLedger, flows.winkGet],
		['HTTP Request node, pagination', flows.httpLedger, flows.httpGet],
	];
	const growth = Object.fromEntries(cases.map(([name]) => [name, []]));
	for (let r = 0; r < RUNS; r++) {
		for (const [name, flow, warm] of cases) {
			await freshN8n(warm);
			growth[name].push((await run(flow)).rssGrowthMb);
		}
	}
	const floor = itemsFloor();
	const rows = cases.map(([name]) => {
		const s = spread(growth[name]);
		return [name, s, `${(s.median / payloadMb).toFixed(1)}×`];
	});
	rows.push(
		[
			'floor: the entries parsed and wrapped as items (heap, outside n8n)',
			floor.itemsMb,
			`${(floor.itemsMb / payloadMb).toFixed(1)}×`,
		],
		[
			"floor: the execution's data as n8n saves it (flatted text)",
			floor.savedMb,
			`${(floor.savedMb / payloadMb).toFixed(1)}×`,
		],
	);
	show(
		`### Memory, Return All over the ${payloadMb.toFixed(1)} MB ledger (MB, median (min–max) of fresh n8n processes)\n\n` +
			table(['what', 'MB', '× payload'], rows),
	);
	return {
		payloadMb,
		rssGrowthMb: Object.fromEntries(cases.map(([name]) => [name, spread(growth[name])])),
		floor,
	};
}

/**
 * What any node's 10,000 ledger entries cost before n8n does anything else: parsed and wrapped as
 * items ({ json, pairedItem }), and the execution data n8n serialises to save (flatted, as n8n
 * does). Measured in a fresh Node 24 with forced garbage collection, so the figures are stable.
 */
function itemsFloor() {
	const file = join(RESULTS, 'ledger-payload.tmp.json');
	writeFileSync(file, JSON.stringify(sb.state.ledger[sb.managingEntityId]));
	const flattedPath = createRequire(E2E_N8N).resolve('flatted');
	const script = `
		const text = require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8');
		const flatted = require(${JSON.stringify(flattedPath)});
		gc(); const before = process.memoryUsage().heapUsed;
		const items = JSON.parse(text).map((json) => ({ json, pairedItem: { item: 0 } }));
		gc(); const held = process.memoryUsage().heapUsed - before;
		const saved = flatted.stringify({ resultData: { runData: { Measured: [{ data: { main: [items] } }] } } });
		console.log(JSON.stringify({ itemsMb: held / 2 ** 20, savedMb: Buffer.byteLength(saved) / 2 ** 20 }));`;
	try {
		return JSON.parse(execFileSync(E2E_NODE, ['--expose-gc', '-e', script]).toString());
	} finally {
		rmSync(file, { force: true });
	}
}

// 5. Growth: items/s and memory at 100, 1,000 and 10,000 items.
async function growth() {
	const rows = [];
	results.growth = {};
	const nodes = [
		['Wink node, Concurrency 5', flows.winkGet],
		['HTTP Request node', flows.httpGet],
	];
	for (const n of QUICK ? [100, 1000] : [100, 1000, 10_000]) {
		results.growth[n] = {};
		for (const [name, flow] of nodes) {
			// A fresh n8n per size and node: what an earlier run left behind would hide or inflate the growth.
			await freshN8n(flow);
			const runs = [];
			for (let r = 0; r < (n >= 10_000 ? 1 : RUNS); r++)
				runs.push(await run(flow, { items: ids(n) }));
			const rate = spread(runs.map((x) => n / (x.nodeMs / 1000)));
			const rss = runs[0].rssGrowthMb; // the first run on the fresh n8n
			results.growth[n][name] = { itemsPerSecond: rate, rssGrowthMb: rss };
			rows.push([String(n), name, rate, rss.toFixed(0), ((rss * 1024) / n).toFixed(1)]);
		}
	}
	show(
		'### Growth, Get Withdrawal at 0 ms (n8n executionTime)\n\n' +
			table(
				[
					'items',
					'node',
					'items/s',
					'peak RSS growth of a fresh n8n, first run (MB)',
					'KB per item',
				],
				rows,
			),
	);
}

// The `$self` suspect and the Return All gap: n8n profiled (--cpu-prof) while each node works.
async function selfInvestigation() {
	const dir = join(RESULTS, 'n8n-profile');
	mkdirSync(dir, { recursive: true });
	for (const f of readdirSync(dir)) if (f.endsWith('.cpuprofile')) writeFileSync(join(dir, f), '');
	await restart({ ...QUIET, NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` });
	const n = QUICK ? 200 : 1000;
	growLedger(sb, 10_000);
	const cases = [
		['Wink node, GET ×' + n, flows.winkGet, { items: ids(n) }, n],
		['HTTP Request node, GET ×' + n, flows.httpGet, { items: ids(n) }, n],
		['Wink node, Return All 10,000', flows.winkLedger, {}, 101],
		['HTTP Request node, pagination 10,000', flows.httpLedger, {}, 101],
	];
	const windows = [];
	for (const [name, flow, body, requests] of cases) {
		await run(flow, body.items ? { ...body, items: ids(20) } : body);
		await new Promise((r) => setTimeout(r, 2000)); // let n8n finish saving the warm-up run
		const { window } = await run(flow, body);
		windows.push({ name, requests, from: window[0], to: window[1] });
	}
	sb.reset();
	await restart(QUIET); // the stopped n8n wrote its profile on exit
	const file = readdirSync(dir)
		.filter((f) => f.endsWith('.cpuprofile'))
		.map((f) => join(dir, f))
		.find((f) => readFileSync(f).length > 0);
	if (!file) {
		show('### Inside n8n\n\nn8n wrote no CPU profile.');
		return;
	}
	const profile = JSON.parse(readFileSync(file, 'utf8'));
	const matchers = [
		['getDecrypted (the credential, per request)', /^getDecrypted .*credentials-helper/],
		['…read from the database', /^findOneByOrFail /],
		['…decrypted', /^getData .*credentials\.js/],
		['…defaults and $self expressions', /^applyDefaultsAndOverwrites /],
		['requestOAuth2 (signing)', /^requestOAuth2 /],
		['all expressions', /^resolveSimpleParameterValue .*expression\.js/],
	];
	const rows = matchers.map(([label]) => [label]);
	rows.push(['self time in Wink package code'], ['all CPU (not idle)']);
	results.inside = { profile: file, windows: {} };
	for (const w of windows) {
		const part = profiles.slice(profile, w.from, w.to);
		const inc = profiles.inclusiveTime(part, matchers);
		const self = profiles.selfTimeBy(part, [['wink', /n8n-nodes-wink\/dist\//]]);
		const busy = Object.entries(self)
			.filter(([k]) => k !== '(idle)')
			.reduce((sum, [, v]) => sum + v, 0);
		const per = (ms) => (ms / w.requests) * 1000;
		matchers.forEach(([label], i) => rows[i].push(`${per(inc[label]).toFixed(0)} µs`));
		rows[matchers.length].push(`${per(self.wink).toFixed(0)} µs`);
		rows[matchers.length + 1].push(`${per(busy).toFixed(0)} µs`);
		results.inside.windows[w.name] = {
			requests: w.requests,
			perRequestUs: Object.fromEntries(
				[...Object.entries(inc), ['winkSelf', self.wink], ['busy', busy]].map(([k, v]) => [
					k,
					per(v),
				]),
			),
			topSelf: profiles.topSelf(part, 15),
		};
	}
	show(
		'### Inside n8n: CPU per request (profile, inclusive time), one run each\n\n' +
			table(['in', ...windows.map((w) => w.name)], rows),
	);
}

// 4. Cold load of dist/ in a fresh Node process, and the packed size.
function coldLoad() {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
	const files = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((f) => join(ROOT, f));
	// n8n has n8n-workflow loaded before it loads a package: time ours after it.
	const script = `const a=process.hrtime.bigint();require('n8n-workflow');const b=process.hrtime.bigint();for(const f of ${JSON.stringify(files)})require(f);const c=process.hrtime.bigint();console.log(JSON.stringify([Number(c-b)/1e6,Number(b-a)/1e6]))`;
	const ours = [];
	const base = [];
	for (let i = 0; i < (QUICK ? 3 : 7); i++) {
		const [o, w] = JSON.parse(execFileSync(E2E_NODE, ['-e', script], { cwd: ROOT }).toString());
		ours.push(o);
		base.push(w);
	}
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: ROOT }).toString(),
	);
	const load = spread(ours);
	const workflowLoad = spread(base);
	results.coldLoad = {
		requireMs: load,
		n8nWorkflowMs: workflowLoad,
		packedKb: packed.size / 1024,
		unpackedKb: packed.unpackedSize / 1024,
		files: packed.entryCount,
	};
	show(
		'### Cold load (every node and the credential from dist/, fresh Node 24 process) and package size\n\n' +
			table(
				[
					'require time of ours (ms)',
					'n8n-workflow itself (ms, not ours)',
					'packed',
					'unpacked',
					'files',
				],
				[
					[
						load,
						workflowLoad,
						`${(packed.size / 1024).toFixed(1)} KB`,
						`${(packed.unpackedSize / 1024).toFixed(1)} KB`,
						String(packed.entryCount),
					],
				],
			),
	);
}
