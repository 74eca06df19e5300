import {
	NodeApiError,
	NodeOperationError,
	tryToParseDateTime,
	type INode,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import { MANAGING_ENTITY_PATH_PARAM } from './description';
import { collectPages, sinceCursor } from './pagination';
import { expandPath, winkCredentials, winkRequest, type WinkRequest } from './transport';
import type { WinkField, WinkOperation, WinkPaging } from './types';

function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		value === '' ||
		(typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0)
	);
}

function withoutEmpty(value: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => !isEmpty(v)));
}

/** Builds the request of one item from the operation's table row. */
async function buildRequest(
	this: IExecuteFunctions,
	op: WinkOperation,
	itemIndex: number,
	defaultManagingEntity: () => Promise<string>,
): Promise<WinkRequest> {
	const pathValues: IDataObject = {};
	const qs: IDataObject = {};
	const body: IDataObject = {};
	if (op.path.includes(`{${MANAGING_ENTITY_PATH_PARAM}}`)) {
		const chosen = this.getNodeParameter('managingEntity', itemIndex, '', {
			extractValue: true,
		}) as string;
		const id = String(chosen ?? '').trim() || (await defaultManagingEntity());
		if (!id) {
			throw new NodeOperationError(this.getNode(), 'No managing entity chosen', {
				description:
					"Pick one in the Managing Entity field, or set a Default Managing Entity ID in the Wink credential.",
				itemIndex,
			});
		}
		pathValues[MANAGING_ENTITY_PATH_PARAM] = id;
	}
	for (const field of op.fields ?? []) {
		if (field.type === 'notice') continue;
		let value = this.getNodeParameter(field.name, itemIndex, field.default, {
			extractValue: field.type === 'resourceLocator',
		}) as unknown;
		if (field.type === 'json' && typeof value === 'string') {
			value = parseJson.call(this, field, value, itemIndex);
		}
		place(field, value, { pathValues, qs, body });
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		method: op.method,
		path: expandPath(op.path, pathValues),
		qs,
		body: ['POST', 'PUT', 'PATCH'].includes(op.method) && Object.keys(body).length ? body : undefined,
		scope: op.scope,
		timeoutMs: options.timeout ? Number(options.timeout) * 1000 : undefined,
		itemIndex,
	};
}

/** The Since options of a newest-first list as a cursor the page walk stops at. */
function sinceOption(this: IExecuteFunctions, paging: WinkPaging, itemIndex: number) {
	if (paging.kind !== 'page' || !paging.newestFirst) return undefined;
	const { since, sinceEntryId } = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
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

function parseJson(this: IExecuteFunctions, field: WinkField, text: string, itemIndex: number): unknown {
	if (!text.trim()) return undefined;
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `${field.displayName} is not valid JSON`, {
			description: (error as Error).message,
			itemIndex,
		});
	}
}

function place(
	field: WinkField,
	value: unknown,
	target: { pathValues: IDataObject; qs: IDataObject; body: IDataObject },
) {
	const key = field.key ?? field.name;
	if (field.in === 'path') {
		target.pathValues[key] = typeof value === 'string' ? value.trim() : (value as IDataObject[string]);
		return;
	}
	const bag = field.in === 'query' ? target.qs : target.body;
	if (field.type === 'collection') {
		const entries = withoutEmpty((value ?? {}) as IDataObject);
		if (field.key) {
			if (!isEmpty(entries)) bag[key] = entries;
		} else {
			Object.assign(bag, entries);
		}
		return;
	}
	if (field.type === 'json') {
		if (isEmpty(value)) return;
		if (field.key) bag[key] = value as IDataObject;
		else Object.assign(bag, value);
		return;
	}
	if (!field.required && isEmpty(value)) return;
	bag[key] = value as IDataObject[string];
}

function toItems(data: unknown, op: WinkOperation, itemIndex: number): INodeExecutionData[] {
	const rows = op.output === 'list' && Array.isArray(data) ? data : [data];
	return rows.map((row) => ({
		json: row !== null && typeof row === 'object' && !Array.isArray(row) ? (row as IDataObject) : { value: row as IDataObject[string] },
		pairedItem: { item: itemIndex },
	}));
}

// Errors from the transport are already n8n errors; anything else gets the item's context.
function asNodeError(node: INode, error: unknown, itemIndex: number) {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** Runs a resource node: one request (or page walk) per input item, driven by the table row. */
export async function executeOperations(
	this: IExecuteFunctions,
	operations: WinkOperation[],
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = operations.find((o) => o.value === operation);
	if (!op) throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`);
	// n8n's own Retry On Fail would send a money-moving request again after an error.
	if (op.movesMoney && this.getNode().retryOnFail) {
		throw new NodeOperationError(this.getNode(), `Turn off "Retry On Fail" to use ${op.name}`, {
			description: `${op.name} moves money, so it must be sent exactly once. Open the node's Settings and turn off "Retry On Fail".`,
		});
	}

	const defaultManagingEntity = async () =>
		String((await winkCredentials.call(this)).managingEntityId ?? '').trim();

	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const request = await buildRequest.call(this, op, i, defaultManagingEntity);
			let data: unknown;
			if (op.paging) {
				const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
				const limit = returnAll ? undefined : (this.getNodeParameter('limit', i, 50) as number);
				const since = sinceOption.call(this, op.paging, i);
				const rows = await collectPages.call(this, request, op.paging, limit, since?.cursor.stop);
				// The whole list was read without meeting the entry: "newer than it" has no answer.
				if (since?.id && !since.cursor.reached && (limit === undefined || rows.length < limit)) {
					throw new NodeOperationError(this.getNode(), `Since Entry ID '${since.id}' is not in the list`, {
						description: `All ${rows.length} entries were read without finding it. Check the ID, or use Since with a date-time.`,
						itemIndex: i,
					});
				}
				data = rows;
			} else {
				data = await winkRequest.call(this, request);
			}
			out.push(...toItems(data, op, i));
		} catch (error) {
			const nodeError = asNodeError(this.getNode(), error, i);
			if (!this.continueOnFail()) throw nodeError;
			const { message, description, httpCode } = nodeError as NodeApiError;
			out.push({
				json: withoutEmpty({ error: message, description, httpCode }),
				pairedItem: { item: i },
			});
		}
	}
	return [out];
}
