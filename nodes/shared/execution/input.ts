import {
	NodeOperationError,
	tryToParseDateTime,
	type IDataObject,
	type IExecuteFunctions,
} from 'n8n-workflow';
import type { WinkPaging } from '../table/types';
import { sinceCursor, type ListRead } from './pagination';

// The values of an item that are not the operation's fields: IDs in the URL, and how a list is read.

/** Throws the item's error: "<message> (item N)". */
export type Fail = (message: string, description?: string) => never;

export const blank = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

export const FROM_EXPRESSION =
	'If the value comes from an expression, check that this input item has it (e.g. the field name in {{ $json.… }}).';

/** Why a value cannot be one path segment (an ID in the URL), or undefined. */
export function pathProblem(value: unknown): string | undefined {
	const text = String(value ?? '').trim();
	if (!text) return 'is empty';
	// URL parsers resolve '.' and '..' segments, encoded or not: the request would reach another route.
	if (text === '.' || text === '..') return `cannot be '${text}'`;
	return undefined;
}

/** A path value that is not one segment: the route would change. */
export function checkPathValue(fail: Fail, name: string, value: unknown) {
	const problem = pathProblem(value);
	if (problem) fail(`${name} ${problem}`, `${name} is part of the request's URL: give one ID. ${FROM_EXPRESSION}`);
}

/** A count of an item (Limit, Page Size): a whole number of at least 1 (numeric text accepted). */
function wholeCount(context: IExecuteFunctions, value: unknown, name: string, itemIndex: number, description?: string): number {
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
function sinceOption(this: IExecuteFunctions, paging: WinkPaging, options: IDataObject, itemIndex: number) {
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

/** How an item reads a paged list: Return All or its Limit, Since, and the Page Size option. */
export function listInput(
	this: IExecuteFunctions,
	paging: WinkPaging,
	options: IDataObject,
	itemIndex: number,
): Omit<ListRead, 'request' | 'itemIndex'> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll
		? undefined
		: wholeCount(this, this.getNodeParameter('limit', itemIndex, 50), 'Limit', itemIndex, 'Or turn on Return All.');
	const since = sinceOption.call(this, paging, options, itemIndex);
	if (paging.kind !== 'page') return { paging, limit, since };
	const { pageSize } = options;
	const size = pageSize === undefined ? paging.pageSize : wholeCount(this, pageSize, 'Page Size', itemIndex);
	return { paging: { ...paging, pageSize: size }, limit, since };
}
