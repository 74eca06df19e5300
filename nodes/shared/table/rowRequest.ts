import { NodeOperationError, UnexpectedError, type IDataObject } from 'n8n-workflow';
import { expandPath, winkCredentials, winkRequest, type WinkContext, type WinkRequest } from '../transport/request';
import type { WinkOperation } from './types';

/** The table row of `operationId`; a missing row is a programming error. */
export function row(operations: WinkOperation[], operationId: string): WinkOperation {
	const op = operations.find((o) => o.operationId === operationId);
	if (!op) throw new UnexpectedError(`No operation ${operationId} in the table`);
	return op;
}

/** The request of one table row (method, path and scope from the row). */
export function requestOf(op: WinkOperation, pathValues: Record<string, unknown>, body?: IDataObject): WinkRequest {
	return { method: op.method, path: expandPath(op.path, pathValues), scope: op.scope, body };
}

/** Calls one table row directly, e.g. from a trigger. */
export async function callRow(
	this: WinkContext,
	op: WinkOperation,
	pathValues: Record<string, unknown>,
	body?: IDataObject,
): Promise<unknown> {
	return await winkRequest.call(this, requestOf(op, pathValues, body));
}

/** The managing entity picked in a node (a locator's value), else the credential's default. */
export async function managingEntityOr(this: WinkContext, picked: unknown): Promise<string> {
	const id = String(picked ?? '').trim();
	return id || String((await winkCredentials.call(this)).managingEntityId ?? '').trim();
}

/** As managingEntityOr, with an error saying what to do when neither is set. */
export async function requireManagingEntity(this: WinkContext, picked: unknown): Promise<string> {
	const id = await managingEntityOr.call(this, picked);
	if (!id) {
		throw new NodeOperationError(this.getNode(), 'No managing entity chosen', {
			description: 'Pick one in the Managing Entity field, or set a Default Managing Entity ID in the Wink credential.',
		});
	}
	return id;
}
