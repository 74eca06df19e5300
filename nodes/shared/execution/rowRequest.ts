import type { IDataObject } from 'n8n-workflow';
import { expandPath, winkRequest, type WinkContext, type WinkRequest } from '../transport/request';
import type { WinkOperation } from '../table/types';

/** The request of one table row (method, path and scope from the row). */
export function requestOf(
	op: WinkOperation,
	pathValues: Record<string, unknown>,
	body?: IDataObject,
): WinkRequest {
	return { method: op.method, path: expandPath(op.path, pathValues), scope: op.scope, body };
}

/** Calls one table row directly, e.g. from a trigger or a list search. */
export async function callRow(
	this: WinkContext,
	op: WinkOperation,
	pathValues: Record<string, unknown>,
	body?: IDataObject,
): Promise<unknown> {
	return await winkRequest.call(this, requestOf(op, pathValues, body));
}
