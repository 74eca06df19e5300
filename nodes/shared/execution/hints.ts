import type { IExecuteFunctions, NodeExecutionHint } from 'n8n-workflow';
import { pausedSoFar } from '../transport/pause';
import type { AdaptiveLimit } from './limiter';

// n8n's execution hints: the notices the editor shows under a node's output after a run (also
// for a node run as a tool). Read from n8n-core: an execute and a supply-data context have
// addExecutionHints on 1.123 and 2.41; a poll context has none.

const shown = new WeakMap<object, Set<string>>();

/**
 * Shows `message` under the node's output once per run (the same message from many items is one
 * notice). Where the context has no hints (a poll, an older n8n), nothing happens and the run is
 * unchanged.
 */
export function addHint(
	context: IExecuteFunctions,
	message: string,
	type: NodeExecutionHint['type'] = 'info',
) {
	const add = (context as Partial<Pick<IExecuteFunctions, 'addExecutionHints'>>).addExecutionHints;
	if (typeof add !== 'function') return;
	const seen = shown.get(context) ?? new Set<string>();
	shown.set(context, seen);
	if (seen.has(message)) return;
	seen.add(message);
	add.call(context, { message, type, location: 'outputPane' });
}

/** A list that stopped at the Limit: more entries may exist. */
export function limitHint(context: IExecuteFunctions, returned: number, limit: number | undefined) {
	if (limit === undefined || returned < limit) return;
	addHint(
		context,
		`Stopped at the Limit of ${limit}: there may be more entries. Turn on Return All to get every one.`,
	);
}

/** A Since (or Since Entry ID) with nothing after it. */
export function sinceHint(
	context: IExecuteFunctions,
	returned: number,
	since: { id?: string } | undefined,
) {
	if (!since || returned > 0) return;
	const what = since.id ? `Since Entry ID '${since.id}'` : 'Since';
	addHint(context, `Nothing new: Wink has no entries after ${what}.`);
}

/** Wink answered 429: how long the run was held, and the concurrency it ended at. */
export function pushbackHint(context: IExecuteFunctions, limit: number | AdaptiveLimit) {
	const { count, ms } = pausedSoFar(context);
	if (!count) return;
	const held = `${(ms / 1000).toFixed(1)} s`;
	const at =
		typeof limit === 'number'
			? `Concurrency stayed at ${limit}`
			: `Concurrency Auto settled at ${limit.current}`;
	addHint(
		context,
		`Wink asked to slow down (429) ${count} time${count === 1 ? '' : 's'}: the run paused ${held} in all. ${at} item(s) at once.`,
		'warning',
	);
}
