import { type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import {
	AUTO_CEILING,
	AUTO_CONCURRENCY,
	DEFAULT_CONCURRENCY,
	MAX_CONCURRENCY,
} from '../editor/options';
import { runsInParallel } from '../table/rows';
import { winkCredentials } from '../transport/request';
import { holdsToken, holdsTokenNow } from '../transport/token';
import type { WinkOperation } from '../table/types';
import { onAttempt } from '../transport/pause';
import { hasFeature } from '../versions';
import { AdaptiveLimit, firstWindow } from './limiter';

/** How many items of this run may be in flight at once: a number, or a limit that adapts (Auto). */
export function itemConcurrency(
	this: IExecuteFunctions,
	op: WinkOperation,
	items: number,
): number | AdaptiveLimit {
	if (!runsInParallel(op)) return 1;
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const auto = hasFeature(this.getNode(), 'autoConcurrency');
	const wanted = Math.floor(
		Number(options.concurrency ?? (auto ? AUTO_CONCURRENCY : DEFAULT_CONCURRENCY)),
	);
	if (auto && !(wanted > AUTO_CONCURRENCY)) {
		return new AdaptiveLimit(AUTO_CEILING, firstWindow(items, AUTO_CEILING, learntStart(this)));
	}
	return Number.isFinite(wanted)
		? Math.min(MAX_CONCURRENCY, Math.max(1, wanted))
		: DEFAULT_CONCURRENCY;
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
					.then(
						(result) => (results[i] = result),
						(error: unknown) => failures.set(i, error),
					)
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
		context.logger?.debug('Wink Concurrency Auto: the limit over the run', {
			items: count,
			limitOverTime: limit.overTime(),
		});
	}
	if (failures.size) throw failures.get(Math.min(...failures.keys()));
	return results;
}
