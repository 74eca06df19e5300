import {
	NodeApiError,
	NodeOperationError,
	tryToParseDateTime,
	type INode,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import { MANAGING_ENTITY_PATH_PARAM } from '../table/rows';
import { requireManagingEntity } from './managingEntity';
import { asToolTable, refusedAsAiTool } from './aiTool';
import { itemConcurrency, runItems, saveLearntStart } from './concurrency';
import { checkPathValue, checkValues, pageLimit, pageSizeOf } from './input';
import { collectPages, sinceCursor } from './pagination';
import { limitHint, pushbackHint, sinceHint } from './hints';
import { expandPath, winkRequest, type WinkRequest } from '../transport/request';
import { bodySchema, conformDates, type JsonSchema } from '../spec/schema';
import { shapeObject, toItems, withoutEmpty, type Shaping } from './items';
import { routed, simplified } from './outputs';
import type { WinkField, WinkOperation, WinkPaging, WinkValue } from '../table/types';

/** Whether a field belongs to this node version (its displayOptions '@version': numbers or gte). */
function inVersion(field: WinkField, version: number): boolean {
	const shown = field.displayOptions?.show?.['@version'];
	if (!shown) return true;
	return shown.some((v) => {
		const gte = (v as { _cnd?: { gte?: number } })?._cnd?.gte;
		return gte !== undefined ? version >= gte : v === version;
	});
}

/** The fields of one request part; a collection keeps only its options sent there (see WinkValue `in`). */
function fieldsIn(fields: WinkField[], where: WinkField['in']): WinkField[] {
	return fields.flatMap((f) => {
		if (f.type !== 'collection' || !(f.options as WinkValue[]).some((o) => o.in)) return f.in === where ? [f] : [];
		const options = (f.options as WinkValue[]).filter((o) => (o.in ?? f.in) === where);
		return options.length ? [{ ...f, options }] : [];
	});
}

/** Builds the request of one item from the operation's table row. */
async function buildRequest(
	this: IExecuteFunctions,
	op: WinkOperation,
	itemIndex: number,
): Promise<WinkRequest> {
	const node = this.getNode();
	const shaping: Shaping = {
		fail(message, description) {
			throw new NodeOperationError(node, `${message} (item ${itemIndex})`, { description, itemIndex });
		},
	};
	const pathValues: IDataObject = {};
	if (op.path.includes(`{${MANAGING_ENTITY_PATH_PARAM}}`)) {
		const chosen = this.getNodeParameter('managingEntity', itemIndex, '', {
			extractValue: true,
		}) as string;
		const id = await requireManagingEntity.call(this, chosen, itemIndex);
		checkPathValue(shaping.fail, 'Managing Entity', id);
		pathValues[MANAGING_ENTITY_PATH_PARAM] = id;
	}
	const fields = (op.fields ?? []).filter((f) => inVersion(f, node.typeVersion));
	const raw: IDataObject = {};
	for (const field of fields) {
		if (field.type === 'notice') continue;
		raw[field.name] = this.getNodeParameter(field.name, itemIndex, field.default, {
			extractValue: field.type === 'resourceLocator',
		}) as IDataObject[string];
	}
	checkValues(shaping.fail, { ...op, fields }, raw);
	const part = (where: WinkField['in'], schema?: JsonSchema) =>
		shapeObject(shaping, fieldsIn(fields, where), raw, schema, false);
	for (const [name, value] of Object.entries(part('path'))) {
		pathValues[name] = typeof value === 'string' ? value.trim() : value;
	}
	const schema = bodySchema(op.operationId);
	const body = conformDates(schema, part('body', schema)) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		method: op.method,
		path: expandPath(op.path, pathValues),
		qs: part('query'),
		body: ['POST', 'PUT', 'PATCH'].includes(op.method) && Object.keys(body).length ? body : undefined,
		scope: op.scope,
		timeoutMs: options.timeout ? Number(options.timeout) * 1000 : undefined,
		itemIndex,
		notFound: op.notFound,
	};
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
	// A model may not move money unless a person allowed it on the node: answered, not thrown.
	const refused = refusedAsAiTool.call(this, op);
	if (refused) return refused;
	if (op.hook?.execute) return await op.hook.execute.call(this, operations);
	// n8n's own Retry On Fail would send a money-moving request again after an error.
	if (op.movesMoney && this.getNode().retryOnFail) {
		throw new NodeOperationError(this.getNode(), `Turn off "Retry On Fail" to use ${op.name}`, {
			description: `${op.name} moves money, so it must be sent exactly once. Open the node's Settings and turn off "Retry On Fail".`,
		});
	}

	const runItem = async (i: number): Promise<INodeExecutionData[]> => {
		try {
			// A row's own checks first (e.g. the money guards): a value that fails them sends nothing.
			op.hook?.check?.call(this, i);
			const request = await buildRequest.call(this, op, i);
			let data: unknown;
			if (op.paging) {
				const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
				const limit = returnAll ? undefined : pageLimit.call(this, i);
				const kept: IDataObject = {};
				const keep = op.paging.kind === 'state' ? (op.paging.keep ?? []) : [];
				const options = this.getNodeParameter('options', i, {}) as IDataObject;
				const since = sinceOption.call(this, op.paging, options, i);
				const paging =
					op.paging.kind === 'page' ? { ...op.paging, pageSize: pageSizeOf.call(this, options, i, op.paging.pageSize) } : op.paging;
				const rows = await collectPages.call(
					this,
					request,
					paging,
					limit,
					(answer) => {
						for (const key of keep) kept[key] = answer?.[key];
					},
					since?.cursor.stop,
				);
				// The whole list was read without meeting the entry: "newer than it" has no answer.
				if (since?.id && !since.cursor.reached && (limit === undefined || rows.length < limit)) {
					throw new NodeOperationError(this.getNode(), `Since Entry ID '${since.id}' is not in the list`, {
						description: `All ${rows.length} entries were read without finding it. Check the ID, or use Since with a date-time.`,
						itemIndex: i,
					});
				}
				limitHint(this, rows.length, limit);
				sinceHint(this, rows.length, since);
				data = keep.length ? rows.map((row) => ({ ...row, ...kept })) : rows;
			} else {
				data = op.hook?.run ? await op.hook.run.call(this, request) : await winkRequest.call(this, request);
			}
			return toItems(simplified.call(this, op, data, i), op, i);
		} catch (error) {
			const nodeError = asNodeError(this.getNode(), error, i);
			if (!this.continueOnFail()) throw nodeError;
			const { message, description, httpCode } = nodeError as NodeApiError;
			return [{ json: withoutEmpty({ error: message, description, httpCode }), pairedItem: { item: i } }];
		}
	};
	// Items may overlap (see concurrency.ts); the output keeps their order.
	const concurrency = itemConcurrency.call(this, op, items.length);
	const out = await runItems(this, items.length, concurrency, runItem);
	pushbackHint(this, concurrency);
	saveLearntStart(this, concurrency);
	return routed.call(this, op, asToolTable.call(this, op, out.flat()));
}
