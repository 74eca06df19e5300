import {
	NodeOperationError,
	tryToParseDateTime,
	type IDataObject,
	type IExecuteFunctions,
} from 'n8n-workflow';
import type { WinkPaging } from '../table/types';
import { sinceCursor, type ListRead } from './pagination';

// How an item reads a paged list: Return All or its Limit, Since, and the Page Size option.

/** A count of an item (Limit, Page Size): a whole number of at least 1 (numeric text accepted). */
function wholeCount(
	context: IExecuteFunctions,
	value: unknown,
	name: string,
	itemIndex: number,
	description?: string,
): number {
	const n = typeof value === 'string' && value.trim() ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
		throw new NodeOperationError(
			context.getNode(),
			`${name} must be a whole number of at least 1 (got ${JSON.stringify(value)}) (item ${itemIndex})`,
			{ description, itemIndex },
		);
	}
	return n;
}

/** The Since options of a newest-first list as a cursor the page walk stops at. */
function sinceOption(
	this: IExecuteFunctions,
	paging: WinkPaging,
	options: IDataObject,
	itemIndex: number,
) {
	if (paging.kind !== 'page' || !paging.newestFirst) return undefined;
	const { since, sinceEntryId } = options;
	const id = String(sinceEntryId ?? '').trim() || undefined;
	let ms: number | undefined;
	if (since) {
		try {
			ms = tryToParseDateTime(since, this.getTimezone()).toMillis();
		} catch {
			throw new NodeOperationError(this.getNode(), `Since is not a date-time: '${String(since)}'`, {
				itemIndex,
			});
		}
	}
	if (id === undefined && ms === undefined) return undefined;
	return { id, cursor: sinceCursor(paging.newestFirst, ms, id) };
}

/** The list read of one item, from its parameters and its Options (read once, by build.ts). */
export function listInput(
	this: IExecuteFunctions,
	paging: WinkPaging,
	options: IDataObject,
	itemIndex: number,
): Omit<ListRead, 'request' | 'itemIndex'> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll
		? undefined
		: wholeCount(
				this,
				this.getNodeParameter('limit', itemIndex, 50),
				'Limit',
				itemIndex,
				'Or turn on Return All.',
			);
	const since = sinceOption.call(this, paging, options, itemIndex);
	if (paging.kind !== 'page') return { paging, limit, since };
	const { pageSize } = options;
	const size =
		pageSize === undefined ? paging.pageSize : wholeCount(this, pageSize, 'Page Size', itemIndex);
	return { paging: { ...paging, pageSize: size }, limit, since };
}
