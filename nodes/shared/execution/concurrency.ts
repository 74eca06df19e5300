import { type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { winkCredentials } from '../transport/request';
import { holdsToken, holdsTokenNow } from '../transport/token';
import type { WinkOperation } from '../table/types';
import { onAttempt } from '../transport/pause';
import { hasFeature } from '../versions';
import { AdaptiveLimit, firstWindow, INITIAL_WINDOW } from './limiter';

/** Items sent to Wink at once by version 1 nodes unless their Concurrency option says otherwise. */
export const DEFAULT_CONCURRENCY = 5;
// Our own ceiling (Wink publishes no rate limit): at 100 ms latency, 50 requests in flight already
// keep n8n 2.41 busy (npm run bench:n8n), so more would load Wink without being faster. It bounds
// Auto and a fixed number alike.
export const MAX_CONCURRENCY = 50;
/** Concurrency 0 in version 2 (and its default): the limit adapts during the run (limiter.ts). */
export const AUTO_CONCURRENCY = 0;

// Without a table flag: reads and idempotent writes may overlap, POST and PATCH may not.
const PARALLEL_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/**
 * Whether an operation's items may be sent side by side. Money never is; otherwise the table's
 * `parallel` flag decides (a POST read such as a grid sets it), else the method.
 */
export function runsInParallel(op: WinkOperation): boolean {
	if (op.movesMoney) return false;
	return op.parallel ?? PARALLEL_METHODS.has(op.method.toUpperCase());
}

/** The Options entry of operations that run in parallel, version 1: a fixed number, 5. */
export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
	default: DEFAULT_CONCURRENCY,
	description:
		'How many input items are sent to Wink at the same time (1 = one after another). More makes many lookups faster over a slow connection; a 429 from Wink pauses the whole run. The output keeps the order of the input.',
};

/** Version 2: Auto (0) by default. */
export const concurrencyOptionV2: INodeProperties = {
	...concurrencyOption,
	typeOptions: { minValue: AUTO_CONCURRENCY, maxValue: MAX_CONCURRENCY },
	default: AUTO_CONCURRENCY,
	hint: '0 = Auto',
	description: `How many input items are sent to Wink at the same time. 0 = Auto: starts with up to ${INITIAL_WINDOW} at once (later runs where the last one left off), sends fewer after a 429, 503 or timeout and more while Wink answers quickly (never more than ${MAX_CONCURRENCY}). 1 = one after another, 2 to ${MAX_CONCURRENCY} = that many. A 429 pauses the whole run; the output keeps the order of the input.`,
};

/** How many items of this run may be in flight at once: a number, or a limit that adapts (Auto). */
export function itemConcurrency(this: IExecuteFunctions, op: WinkOperation, items: number): number | AdaptiveLimit {
	if (!runsInParallel(op)) return 1;
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const auto = hasFeature(this.getNode(), 'autoConcurrency');
	const wanted = Math.floor(Number(options.concurrency ?? (auto ? AUTO_CONCURRENCY : DEFAULT_CONCURRENCY)));
	if (auto && !(wanted > AUTO_CONCURRENCY)) {
		return new AdaptiveLimit(MAX_CONCURRENCY, firstWindow(items, MAX_CONCURRENCY, learntStart(this)));
	}
	return Number.isFinite(wanted) ? Math.min(MAX_CONCURRENCY, Math.max(1, wanted)) : DEFAULT_CONCURRENCY;
}

// Where Auto starts, carried from one execution of a node to the next in the workflow's static
// data (n8n saves it after production executions, in the database, so queue-mode workers share
// it; manual runs in the editor start at INITIAL_WINDOW). Only a hint: concurrent executions may
// overwrite each other's, and a wrong one costs a cut on the first 429, not an item.
const LEARNT_START = 'winkAutoStart';

function nodeStaticData(context: IExecuteFunctions): IDataObject | undefined {
	try {
		return context.getWorkflowStaticData('node');
	} catch {
		return undefined; // a context without static data (none known): start at INITIAL_WINDOW
	}
}

function learntStart(context: IExecuteFunctions): number | undefined {
	const value = nodeStaticData(context)?.[LEARNT_START];
	return typeof value === 'number' ? value : undefined;
}

/** Saves where the next execution of this node starts; written only when it changes. */
export function saveLearntStart(context: IExecuteFunctions, limit: number | AdaptiveLimit): void {
	if (typeof limit === 'number') return;
	const data = nodeStaticData(context);
	if (!data) return;
	const next = limit.nextStart(learntStart(context));
	if (data[LEARNT_START] !== next) data[LEARNT_START] = next;
}

/**
 * Runs `run(i)` for every item, at most `limit` at once, and returns the results in item order.
 * While no valid token is stored, items run one at a time until one has left a token behind,
 * so parallel items do not each fetch one (n8n does not share a first fetch between requests).
 * On a failure no new item starts; the ones in flight finish, then the first failed item's
 * error is thrown. An adaptive limit hears every attempt of the run and is read anew each time
 * an item ends.
 */
export async function runItems<T>(
	context: IExecuteFunctions,
	count: number,
	limit: number | AdaptiveLimit,
	run: (itemIndex: number) => Promise<T>,
): Promise<T[]> {
	const results: T[] = new Array(count);
	const atOnce = typeof limit === 'number' ? () => limit : () => limit.current;
	if (typeof limit !== 'number') onAttempt(context, (signal) => limit.observe(signal));
	let next = 0;
	const most = typeof limit === 'number' ? limit : limit.ceiling;
	if (most > 1 && count > 1 && !holdsToken(await winkCredentials.call(context))) {
		do {
			results[next] = await run(next);
			next++;
		} while (next < count && !(await holdsTokenNow(context)));
	}
	const failures = new Map<number, unknown>();
	await new Promise<void>((done) => {
		let active = 0;
		const fill = () => {
			while (next < count && failures.size === 0 && active < atOnce()) {
				const i = next++;
				active++;
				run(i)
					.then((result) => (results[i] = result), (error: unknown) => failures.set(i, error))
					.finally(() => {
						active--;
						fill();
					});
			}
			if (active === 0) done();
		};
		fill();
	});
	// What Auto learnt, for whoever wonders why a run took its time (N8N_LOG_LEVEL=debug).
	if (typeof limit !== 'number') {
		context.logger?.debug('Wink Concurrency Auto: the limit over the run', { items: count, limitOverTime: limit.overTime() });
	}
	if (failures.size) throw failures.get(Math.min(...failures.keys()));
	return results;
}
