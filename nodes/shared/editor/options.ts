import type { INodeProperties } from 'n8n-workflow';
import { runsInParallel } from '../table/rows';
import type { WinkOperation } from '../table/types';
import { shownBefore, shownWith } from '../versions';
import { optionsCollection as baseOptions } from './properties';

// The Options collection of a resource node's operation. The runtime reads what is promised here
// (shared/execution/concurrency.ts, limiter.ts), so the numbers live with their wording.

/** Items sent to Wink at once by version 1 nodes unless their Concurrency option says otherwise. */
export const DEFAULT_CONCURRENCY = 5;
// Our own ceilings (Wink publishes no rate limit). A fixed number: at most 50, as since version 1.
export const MAX_CONCURRENCY = 50;
/**
 * Auto's ceiling: 100. On a faster n8n, 50 in flight at a 100 ms round trip left n8n idle between
 * answers (0.87× the HTTP Request node at 1,000 items, npm run bench:n8n, 2026-12-07); Auto only gets
 * there when Wink keeps answering quickly, and starts there only after a run that did.
 */
export const AUTO_CEILING = 100;
/** Concurrency 0 in version 2 (and its default): the limit adapts during the run (limiter.ts). */
export const AUTO_CONCURRENCY = 0;
/**
 * A run's first burst: 10 in flight, or all its items when fewer. Ten is TCP's initial window
 * (RFC 6928, IW10): small enough for a gateway's burst, large enough that a short run is not all
 * slow start. Starting at 2 gave 10 items at 100 ms 0.40× the HTTP Request node's throughput (it
 * sends every item at once); starting at the ceiling drew 429 on 26 % of the requests behind the
 * engine test's 20/s gateway (test/slow/adaptive-concurrency.test.ts; figures: npm run bench:n8n).
 */
export const INITIAL_WINDOW = 10;

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
	description: `How many input items are sent to Wink at the same time. 0 = Auto: starts with up to ${INITIAL_WINDOW} at once (later runs where the last one left off), sends fewer after a 429, 503 or timeout and more while Wink answers quickly (never more than ${AUTO_CEILING}). 1 = one after another, 2 to ${MAX_CONCURRENCY} = that many. A 429 pauses the whole run; the output keeps the order of the input.`,
};

const optionsCollection = baseOptions([
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		description:
			'How long to wait for each Wink answer. Wink staging can take about a minute to wake up.',
	},
]);

// Same name, other operations or versions: n8n shows the one whose displayOptions match.
const parallelOptions: INodeProperties[] = [
	{
		...optionsCollection,
		options: [concurrencyOption, ...optionsCollection.options!],
		displayOptions: { show: shownBefore('autoConcurrency') },
	},
	{
		...optionsCollection,
		options: [concurrencyOptionV2, ...optionsCollection.options!],
		displayOptions: { show: shownWith('autoConcurrency') },
	},
];

// A newest-first list can be read incrementally: the walk stops at the first older row.
const sinceOptions: INodeProperties[] = [
	{
		displayName: 'Since',
		name: 'since',
		type: 'dateTime',
		default: '',
		description:
			'Return only entries created after this time. Entries come newest first, so paging stops at the first older one.',
	},
	{
		displayName: 'Since Entry ID',
		name: 'sinceEntryId',
		type: 'string',
		default: '',
		placeholder: 'e.g. the newest ID the previous run saw',
		description:
			'Return only entries newer than this one; paging stops when it is reached. An ID that is not in the list is an error.',
	},
];

// ?page=&size= lists: the spec gives a default size but no maximum, so the user may ask for more
// per request (fewer round trips); a size Wink caps silently still reads every entry.
function pageSizeOption(pageSize: number): INodeProperties {
	return {
		displayName: 'Page Size',
		name: 'pageSize',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: pageSize,
		description:
			'Entries asked for per request while paging. Wink publishes no maximum: a larger size needs fewer requests (faster over a slow connection), and a size Wink caps still returns every entry.',
	};
}

/** The Options collection(s) of one row: per version when its items run in parallel. */
export function optionsFor(op: WinkOperation): INodeProperties[] {
	const bases = runsInParallel(op) ? parallelOptions : [optionsCollection];
	if (op.paging?.kind !== 'page') return bases;
	const paged = [
		...(op.paging.newestFirst ? sinceOptions : []),
		pageSizeOption(op.paging.pageSize),
	];
	return bases.map((base) => ({ ...base, options: [...paged, ...base.options!] }));
}
