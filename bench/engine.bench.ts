// `npm run bench`: figures through n8n-core's engine (in-process) against the sandbox. Never a
// pass/fail on time; ratios are within one run. BENCH_QUICK=1 for one short run while iterating.
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { winkApiUrl } from '../credentials/WinkOAuth2Api.credentials';
import { runItems } from '../nodes/shared/execution/concurrency';
import { CREDENTIAL_TYPE, WINK_VERSION } from '../nodes/shared/transport/request';
import { startSandbox, type Sandbox } from '../sandbox';
import { createHarness, nodeClasses, type Harness } from '../test/harness/engine';
import { byId, sandboxCredential } from '../test/harness/fixture';
import { getAll, getPages, growLedger, sandboxToken, setLatency } from './baseline';
import { inclusiveTime, selfTimeBy } from './profile';
import { RESULTS, machine, machineLine, msSince, now, repeat, save, spread, table } from './report';

const QUICK = process.env.BENCH_QUICK === '1';
const RUNS = QUICK ? 1 : 5;
jest.setTimeout(30 * 60_000);

/** The yardstick inside n8n: the same GETs straight through n8n's request helper, no package code. */
class BareRequest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bare Request',
		name: 'bareRequest',
		group: ['transform'],
		version: 1,
		description: 'httpRequestWithAuthentication per item',
		defaults: { name: 'Bare Request' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{ displayName: 'Path', name: 'path', type: 'string', default: '' },
			{ displayName: 'At Once', name: 'atOnce', type: 'number', default: 5 },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const apiUrl = winkApiUrl(await this.getCredentials(CREDENTIAL_TYPE));
		const count = this.getInputData().length;
		const get = async (i: number) => ({
			json: await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
				method: 'GET',
				url: `${apiUrl}${this.getNodeParameter('path', i) as string}`,
				json: true,
				headers: { Accept: 'application/json', 'Wink-Version': WINK_VERSION },
			}),
			pairedItem: { item: i },
		});
		return [await runItems(this, count, this.getNodeParameter('atOnce', 0) as number, get)];
	}
}
nodeClasses['test.bareRequest'] = new BareRequest();

let sb: Sandbox;
let h: Harness;
const results: Record<string, unknown> = {};
const tables: string[] = [];

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
	h = createHarness();
	h.setCredential(sandboxCredential(sb));
});
afterAll(async () => {
	await sb.close();
	const m = machine();
	const file = save('engine', { machine: m, quick: QUICK, ...results });
	process.stdout.write(
		[`## npm run bench (n8n-core engine), ${machineLine(m)}`, ...tables, `JSON: ${file}`].join(
			'\n\n',
		) + '\n',
	);
});

const me = () => byId(sb.managingEntityId);
const withdrawalPath = (id: string) =>
	`/api/managing-entity/${sb.managingEntityId}/payment/withdrawal/${id}`;
const ids = (n: number) => {
	const all = (sb.state.withdrawals[sb.managingEntityId] as Array<{ id: string }>).map((w) => w.id);
	return Array.from({ length: n }, (_, i) => all[i % all.length]);
};
const tokenRequests = () => sb.stats.requests.filter((r) => r.operationId === 'token').length;

type Variant = { name: string; items: number; run: (wids: string[]) => Promise<unknown> };

const wink = (concurrency: number) => (wids: string[]) =>
	h.run({
		parameters: {
			operation: 'getWithdrawal',
			managingEntity: me(),
			withdrawalId: '={{ $json.wid }}',
			options: { concurrency },
		},
		items: wids.map((wid) => ({ wid })),
	});
const bare = (atOnce: number) => (wids: string[]) =>
	h.run({
		nodeType: 'test.bareRequest',
		parameters: { path: '={{ $json.path }}', atOnce },
		items: wids.map((wid) => ({ path: withdrawalPath(wid) })),
	});
const loop = (client: 'fetch' | 'axios', token: () => string) => (wids: string[]) =>
	getAll(
		client,
		wids.map((wid) => `${sb.url}${withdrawalPath(wid)}`),
		token(),
		5,
	);

/** ms per item of each variant, runs interleaved so machine load drifts evenly across them. */
async function perItem(variants: Variant[], runs: number) {
	const times: Record<string, number[]> = Object.fromEntries(variants.map((v) => [v.name, []]));
	for (const v of variants) await v.run(ids(Math.min(v.items, 10))); // warm-up (token, JIT)
	for (let r = 0; r < runs; r++) {
		for (const v of variants) {
			const wids = ids(v.items);
			const start = now();
			await v.run(wids);
			times[v.name].push(msSince(start) / v.items);
		}
	}
	return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, spread(v)]));
}

test('per-item cost: the Wink node vs n8n request helper vs fetch/axios loops, at 0 and 100 ms', async () => {
	let token = '';
	const rows: Array<Array<string | ReturnType<typeof spread>>> = [];
	const out: Record<string, unknown> = {};
	for (const latency of [0, 100]) {
		setLatency(sb, latency);
		token = await sandboxToken(sb);
		const n = latency ? 100 : 200;
		const variants: Variant[] = [
			{ name: 'Wink node, Concurrency 1', items: latency ? 20 : n, run: wink(1) },
			{ name: 'Wink node, Concurrency 5 (default)', items: n, run: wink(5) },
			{ name: 'Wink node, Concurrency 50 (max)', items: n, run: wink(50) },
			{ name: 'n8n request helper, 5 at once', items: n, run: bare(5) },
			{
				name: 'n8n request helper, all at once (as the HTTP Request node)',
				items: n,
				run: bare(n),
			},
			{ name: 'fetch loop, 5 at once', items: n, run: loop('fetch', () => token) },
			{ name: 'axios loop, 5 at once', items: n, run: loop('axios', () => token) },
		];
		const figures = await perItem(variants, RUNS);
		out[`${latency}ms`] = figures;
		const helper = figures['n8n request helper, 5 at once'].median;
		for (const v of variants) {
			const f = figures[v.name];
			rows.push([
				`${latency} ms`,
				v.name,
				String(v.items),
				f,
				`${(helper / f.median).toFixed(2)}×`,
			]);
		}
	}
	setLatency(sb, 0);
	results.perItem = out;
	tables.push(
		'### Per-item cost, Get Withdrawal (ms per item, median (min–max))\n\n' +
			table(['latency', 'variant', 'items', 'ms/item', 'throughput vs helper ×5'], rows),
	);
});

test("the package's own share, profiled (V8 CPU profile, as node --cpu-prof)", async () => {
	const n = QUICK ? 200 : 1000;
	const session = new Session();
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.setSamplingInterval', { interval: 200 });
	await wink(5)(ids(10));
	await session.post('Profiler.start');
	const start = now();
	await wink(5)(ids(n));
	const ms = msSince(start);
	const { profile } = await session.post('Profiler.stop');
	session.disconnect();
	mkdirSync(RESULTS, { recursive: true });
	const file = join(RESULTS, 'engine-wink.cpuprofile');
	writeFileSync(file, JSON.stringify(profile));

	const self = selfTimeBy(profile, [
		[
			'Wink package (nodes/, credentials/)',
			/\/wt-[^/]+\/(nodes|credentials)\/|\/n8n-nodes-wink\/(nodes|credentials)\//,
		],
		['test harness (credential store)', /\/test\/harness\//],
		['sandbox (the server, same process)', /\/sandbox\//],
		['n8n-core', /node_modules\/n8n-core\//],
		['n8n-workflow', /node_modules\/n8n-workflow\//],
		['other node_modules (axios, …)', /node_modules\//],
		['Node.js internals', /^node:|^internal\//],
	]);
	const inclusive = inclusiveTime(profile, [
		['buildRequest (parameters → request)', /^buildRequest /],
		['winkRequest (transport, n8n below it)', /^winkRequest /],
		['httpRequestWithAuthentication (n8n)', /^httpRequestWithAuthentication /],
		['getCredentials (n8n, per request)', /^getCredentials .*n8n-core/],
		['toItems (response → items)', /^toItems /],
	]);
	results.profile = { items: n, ms, selfMs: self, inclusiveMs: inclusive, file };
	const per = (x: number) => `${((x / n) * 1000).toFixed(0)} µs`;
	tables.push(
		`### Where a Wink run's CPU goes: ${n} items, 0 ms latency, ${ms.toFixed(0)} ms wall (profile: bench/results/engine-wink.cpuprofile)\n\n` +
			table(
				['self time in', 'ms', 'per item'],
				Object.entries(self)
					.sort((a, b) => b[1] - a[1])
					.map(([k, v]) => [k, v.toFixed(0), per(v)]),
			) +
			'\n\n' +
			table(
				['inclusive time of', 'ms', 'per item'],
				Object.entries(inclusive).map(([k, v]) => [k, v.toFixed(0), per(v)]),
			),
	);
});

test('token economy: 1,000 items from a cold start, and 10 executions', async () => {
	h.setCredential(sandboxCredential(sb)); // no stored token
	sb.resetStats();
	setLatency(sb, 5);
	await wink(5)(ids(QUICK ? 200 : 1000));
	const cold = tokenRequests();
	sb.resetStats();
	for (let i = 0; i < 10; i++) await wink(5)(ids(QUICK ? 20 : 100));
	const warm = tokenRequests();
	h.setCredential(sandboxCredential(sb));
	sb.resetStats();
	for (let i = 0; i < 10; i++) await wink(5)(ids(QUICK ? 20 : 100));
	const tenCold = tokenRequests();
	setLatency(sb, 0);
	results.tokens = { coldRun1000: cold, tenRunsTokenStored: warm, tenRunsFromCold: tenCold };
	tables.push(
		'### Token requests (5 ms latency)\n\n' +
			table(
				['case', 'token requests', 'target'],
				[
					[`${QUICK ? 200 : 1000} items, cold start, one execution`, String(cold), '1'],
					['10 executions × 100 items, token already stored', String(warm), '0'],
					['10 executions × 100 items, from a cold start', String(tenCold), '1'],
				],
			),
	);
});

test('Return All over 10,000 ledger entries vs a raw paged loop (same page size)', async () => {
	const entries = growLedger(sb, 10_000).length;
	const token = await sandboxToken(sb);
	const url = `${sb.url}/api/managing-entity/${sb.managingEntityId}/payment/ledger/transactions`;
	const ours = () =>
		h.run({ parameters: { operation: 'getTransactions', managingEntity: me(), returnAll: true } });
	const runs = QUICK ? 1 : 3;
	const figures: Record<string, ReturnType<typeof spread>> = {};
	const requests: Record<string, number> = {};
	const cases: Array<[string, () => Promise<unknown>]> = [
		['Wink node, Return All', ours],
		['axios paged loop', () => getPages('axios', url, token, 100)],
		['fetch paged loop', () => getPages('fetch', url, token, 100)],
	];
	for (const [name, fn] of cases) {
		sb.resetStats();
		figures[name] = await repeat(
			runs,
			async () => {
				const start = now();
				await fn();
				return msSince(start);
			},
			1,
		);
		requests[name] =
			sb.stats.requests.filter((r) => r.operationId === 'getTransactionHistory').length /
			(runs + 1);
	}
	sb.reset();
	h.setCredential(sandboxCredential(sb));
	results.ledger = { entries, ms: figures, requestsPerRun: requests };
	const axiosMs = figures['axios paged loop'].median;
	tables.push(
		`### Return All, ${entries} ledger entries, 0 ms latency (ms per run)\n\n` +
			table(
				['walk', 'requests', 'ms', 'vs axios loop'],
				cases.map(([name]) => [
					name,
					String(requests[name]),
					figures[name],
					`${(figures[name].median / axiosMs).toFixed(2)}×`,
				]),
			),
	);
});

test('growth: items/s and memory at 100, 1,000 and 10,000 items', async () => {
	const sizes = QUICK ? [100, 1000] : [100, 1000, 10_000];
	const rows: Array<Array<string | ReturnType<typeof spread>>> = [];
	const out: Record<string, unknown> = {};
	await wink(5)(ids(10));
	for (const n of sizes) {
		const runs = n >= 10_000 ? 1 : QUICK ? 1 : 3;
		const rates: number[] = [];
		let peakHeap = 0;
		for (let r = 0; r < runs; r++) {
			const base = process.memoryUsage().heapUsed;
			let peak = base;
			const poll = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
			const start = now();
			const { items } = await wink(5)(ids(n));
			rates.push(n / (msSince(start) / 1000));
			clearInterval(poll);
			peakHeap = Math.max(peakHeap, Math.max(peak, process.memoryUsage().heapUsed) - base);
			expect(items).toHaveLength(n);
		}
		const rate = spread(rates);
		out[n] = { itemsPerSecond: rate, peakHeapMb: peakHeap / 2 ** 20 };
		rows.push([String(n), rate, (peakHeap / 2 ** 20).toFixed(1), (peakHeap / n / 1024).toFixed(1)]);
	}
	results.growth = out;
	tables.push(
		'### Growth, Get Withdrawal at 0 ms, Concurrency 5\n\n' +
			table(['items', 'items/s', 'peak heap growth (MB)', 'KB per item'], rows),
	);
});
