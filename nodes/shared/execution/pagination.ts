import { createHash } from 'crypto';
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import type { WinkPaging } from '../table/types';
import { winkRequest, type WinkRequest } from '../transport/request';
import { limitHint, sinceHint } from './hints';

type Context = ThisParameterType<typeof winkRequest>;

/** Wink grids accept at most this many rows per State request. */
export const MAX_STATE_TAKE = 180;

/**
 * A constant page size for a walk: asking for `limit` items in as few pages as the
 * maximum allows, without over-fetching more than one item per extra page.
 */
export function pageSizeFor(maxSize: number, limit?: number): number {
	if (!limit) return maxSize;
	const pages = Math.ceil(limit / maxSize);
	return Math.ceil(limit / pages);
}

/** How far a walk goes and what it hears besides the rows. */
export interface WalkOptions {
	/** At most this many rows; undefined: every row. */
	limit?: number;
	/** Sees each whole State answer (what lies beside the page, e.g. totals). */
	onAnswer?: (answer: IDataObject) => void;
	/**
	 * Page walks only: the first row it is true for ends the walk, and is not returned (e.g. the
	 * first ledger entry older than a cursor, the ledger being newest first).
	 */
	until?: (row: IDataObject) => boolean;
}

/** Walks every page (or until `limit` items) of a paged operation and returns the rows. */
export async function collectPages(
	this: Context,
	request: WinkRequest,
	paging: WinkPaging,
	{ limit, onAnswer, until }: WalkOptions = {},
): Promise<IDataObject[]> {
	return paging.kind === 'page'
		? await walkPages.call(this, request, paging.pageSize, limit, until)
		: await walkState.call(
				this,
				request,
				Math.min(paging.pageSize, MAX_STATE_TAKE),
				paging.pageKey,
				limit,
				onAnswer,
			);
}

/** What one item's list read needs (listInput.ts reads it from the item). */
export interface ListRead {
	request: WinkRequest;
	/** The table's paging, with the item's Page Size. */
	paging: WinkPaging;
	/** The item's Limit; undefined with Return All. */
	limit?: number;
	/** Since or Since Entry ID of a newest-first list: the walk ends at the first row at or before it. */
	since?: { id?: string; cursor: SinceCursor };
	itemIndex: number;
}

/**
 * The rows of one item's list. A State answer's `keep` properties (e.g. the booking grid's
 * totalFunds) go onto every row; a hint says when the Limit was reached or nothing is new.
 */
export async function readList(
	this: IExecuteFunctions,
	{ request, paging, limit, since, itemIndex }: ListRead,
): Promise<IDataObject[]> {
	const kept: IDataObject = {};
	const keep = paging.kind === 'state' ? (paging.keep ?? []) : [];
	const rows = await collectPages.call(this, request, paging, {
		limit,
		onAnswer: (answer) => {
			for (const key of keep) kept[key] = answer?.[key];
		},
		until: since?.cursor.stop,
	});
	// The whole list was read without meeting the entry: "newer than it" has no answer.
	if (since?.id && !since.cursor.reached && (limit === undefined || rows.length < limit)) {
		throw new NodeOperationError(
			this.getNode(),
			`Since Entry ID '${since.id}' is not in the list`,
			{
				description: `All ${rows.length} entries were read without finding it. Check the ID, or use Since with a date-time.`,
				itemIndex,
			},
		);
	}
	limitHint(this, rows.length, limit);
	sinceHint(this, rows.length, since);
	return keep.length ? rows.map((row) => ({ ...row, ...kept })) : rows;
}

export interface SinceCursor {
	reached: boolean;
	stop(row: IDataObject): boolean;
}

/**
 * The Since cursor of a newest-first list: `stop` accepts the first row created at or before
 * `sinceMs`, or the row whose id is `sinceId`; `reached` says whether the walk got there.
 */
export function sinceCursor(
	keys: { id: string; date: string },
	sinceMs?: number,
	sinceId?: string,
): SinceCursor {
	const cursor: SinceCursor = {
		reached: false,
		stop(row: IDataObject) {
			const at =
				(sinceId !== undefined && row[keys.id] === sinceId) ||
				(sinceMs !== undefined && Date.parse(String(row[keys.date])) <= sinceMs);
			if (at) cursor.reached = true;
			return at;
		},
	};
	return cursor;
}

function enough(rows: IDataObject[], limit?: number) {
	return limit !== undefined && rows.length >= limit;
}

/**
 * Stops a walk that makes no progress. The walk itself never asks for the same page or skip twice,
 * but a server may answer a later page with rows already received (it ignores `page`/`skip`, or
 * says "more" forever while serving the same rows): a page of only such rows ends the walk with an
 * error instead of walking on without end. Each row is remembered as a 32-byte hash.
 */
function progressCheck(this: Context) {
	const seen = new Set<string>();
	return (batch: IDataObject[], received: number, request: number) => {
		let fresh = 0;
		for (const row of batch) {
			const key = createHash('sha256')
				.update(JSON.stringify(row) ?? '')
				.digest('base64');
			if (!seen.has(key)) fresh++;
			seen.add(key);
		}
		if (batch.length > 0 && fresh === 0) {
			throw new NodeOperationError(
				this.getNode(),
				`Return All stopped: Wink's page ${request + 1} repeats rows it already sent`,
				{
					description: `Wink's answers say there are more rows, but request ${request + 1} brought only rows received before (${received} rows so far), so the list would never end. Nothing was returned. Try again later, or turn off Return All and set a Limit.`,
				},
			);
		}
	};
}

// ?page=&size=, page counted from 0; a page shorter than a full one is the last.
// A server may clamp `size` silently (Spring's max-page-size): when the first page comes back
// short, one more page tells a clamp (more rows) from the end (none), so no row is lost.
async function walkPages(
	this: Context,
	request: WinkRequest,
	maxSize: number,
	limit?: number,
	until?: (row: IDataObject) => boolean,
) {
	const size = pageSizeFor(maxSize, limit);
	const rows: IDataObject[] = [];
	const progress = progressCheck.call(this);
	let fullPage = size;
	for (let page = 0; ; page++) {
		const data = await winkRequest.call(this, { ...request, qs: { ...request.qs, page, size } });
		const batch = Array.isArray(data) ? (data as IDataObject[]) : [];
		progress(batch, rows.length, page);
		const stop = until ? batch.findIndex(until) : -1;
		rows.push(...(stop === -1 ? batch : batch.slice(0, stop)));
		if (stop !== -1 || batch.length === 0 || enough(rows, limit)) break;
		if (page === 0 && batch.length < size) fullPage = batch.length;
		else if (batch.length < fullPage) break;
	}
	return limit === undefined ? rows : rows.slice(0, limit);
}

// skip/take State bodies. The answer's `last` (or else `totalElements`) says whether more rows
// exist; a short batch ends the walk only when the answer says neither. The next `skip` counts
// the rows actually received, so a server that caps `take` loses none.
async function walkState(
	this: Context,
	request: WinkRequest,
	maxTake: number,
	pageKey: string | undefined,
	limit?: number,
	onAnswer?: (answer: IDataObject) => void,
) {
	const take = pageSizeFor(maxTake, limit);
	const rows: IDataObject[] = [];
	const progress = progressCheck.call(this);
	for (let skip = 0, asked = 0; ; asked++) {
		const answer = (await winkRequest.call(this, {
			...request,
			body: { ...request.body, skip, take },
		})) as IDataObject;
		onAnswer?.(answer);
		const page = (pageKey ? answer?.[pageKey] : answer) as IDataObject | undefined;
		const batch = Array.isArray(page?.content) ? (page.content as IDataObject[]) : [];
		progress(batch, rows.length, asked);
		rows.push(...batch);
		skip += batch.length;
		const total = Number(page?.totalElements);
		const more =
			typeof page?.last === 'boolean'
				? !page.last
				: Number.isFinite(total)
					? skip < total
					: batch.length >= take;
		if (!more || batch.length === 0 || enough(rows, limit)) break;
	}
	return limit === undefined ? rows : rows.slice(0, limit);
}
