import {
	NodeApiError,
	NodeOperationError,
	tryToParseDateTime,
	type INode,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodePropertyCollection,
} from 'n8n-workflow';
import { MANAGING_ENTITY_PATH_PARAM } from '../table/description';
import { refusedAsAiTool } from './aiTool';
import { itemConcurrency, runItems } from './concurrency';
import { checkPathValue, checkValues, pageLimit, pageSizeOf } from './input';
import { collectPages, sinceCursor } from './pagination';
import { expandPath, winkCredentials, winkRequest, type WinkRequest } from '../transport/request';
import { bodySchema, conformDates, firstError, itemsOf, schemaAt, type JsonSchema } from '../spec/schema';
import type { WinkField, WinkOperation, WinkPaging, WinkValue } from '../table/types';

function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		value === '' ||
		(Array.isArray(value) && value.length === 0) ||
		(typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0)
	);
}

function withoutEmpty(value: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => !isEmpty(v)));
}

/** Puts `value` at a dotted path ('entity.identifier') of `target`, creating the objects between. */
function setPath(target: IDataObject, path: string, value: unknown) {
	const names = path.split('.');
	let bag = target;
	for (const name of names.slice(0, -1)) {
		if (typeof bag[name] !== 'object' || bag[name] === null) bag[name] = {};
		bag = bag[name] as IDataObject;
	}
	bag[names[names.length - 1]] = value as IDataObject[string];
}

const isObject = (v: unknown): v is IDataObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Merges `source` into `target`, object by object (two fields may fill one nested object). */
function mergeInto(target: IDataObject, source: IDataObject) {
	for (const [name, value] of Object.entries(source)) {
		if (isObject(value) && isObject(target[name])) mergeInto(target[name] as IDataObject, value);
		else target[name] = value;
	}
}

/** What the values of one item are turned into the request with: the node and the item. */
interface Shaping {
	fail(message: string, description?: string): never;
}

// A collection or JSON field without `key` merges its properties into the object it is in.
const merges = (def: WinkValue) => !def.key && (def.type === 'collection' || def.type === 'json');

/**
 * An object from n8n values and their definitions (the fields of a request part, a
 * collection's options, a fixedCollection entry's values). `picked`: the values are only those
 * the user added (a collection); otherwise n8n filled in every default, so an optional boolean
 * or number still at its default counts as not set and is not sent. Required fields always are.
 */
function shapeObject(
	s: Shaping,
	defs: WinkValue[],
	raw: IDataObject,
	schema: JsonSchema | undefined,
	picked: boolean,
): IDataObject {
	const out: IDataObject = {};
	for (const def of defs) {
		if (def.type === 'notice' || !(def.name in raw)) continue;
		const key = def.key ?? def.name;
		const at = merges(def) ? schema : schemaAt(schema, key);
		let value = shapeValue(s, def, raw[def.name], at);
		if (!def.required && !def.sendEmpty) {
			if (isEmpty(value)) continue;
			const scalar = typeof value === 'boolean' || typeof value === 'number';
			if (!picked && scalar && value === def.default) continue;
		}
		// Entries are checked like JSON (e.g. at least one grant), dates conformed first.
		if (def.type === 'fixedCollection') {
			value = conformDates(at, value);
			const error = firstError(at, value, key);
			if (error) s.fail(`${def.displayName}: ${error}`);
		}
		if (merges(def)) mergeInto(out, value as IDataObject);
		else setPath(out, key, value);
	}
	return out;
}

/** One n8n value as the API takes it; a fixedCollection loses the nesting n8n adds. */
function shapeValue(s: Shaping, def: WinkValue, value: unknown, schema: JsonSchema | undefined): unknown {
	if (def.type === 'collection') {
		return shapeObject(s, def.options as WinkValue[], (value ?? {}) as IDataObject, schema, true);
	}
	if (def.type === 'fixedCollection') {
		// n8n stores { <group>: entry } or, with multipleValues, { <group>: [entries] }; Wink
		// fields use one group, whose entry (or list of entries) is the value.
		const group = (def.options as INodePropertyCollection[])[0];
		const raw = (value as IDataObject | undefined)?.[group.name];
		if (def.typeOptions?.multipleValues !== true) {
			return raw ? shapeObject(s, group.values, raw as IDataObject, schema, false) : undefined;
		}
		const entries = (Array.isArray(raw) ? raw : []) as IDataObject[];
		return entries.map((entry) => shapeObject(s, group.values, entry, itemsOf(schema), false));
	}
	if (def.type === 'json') return shapeJson(s, def, value, schema);
	return value;
}

// A JSON field: parsed, its dates conformed, and checked against the spec before sending.
function shapeJson(s: Shaping, def: WinkValue, value: unknown, schema: JsonSchema | undefined): unknown {
	let parsed = value;
	if (typeof value === 'string') {
		if (!value.trim()) return undefined;
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			s.fail(`${def.displayName} is not valid JSON`, (error as Error).message);
		}
	}
	if (!schema) return parsed;
	// Merged into the object it is in: each of its properties is checked on its own.
	if (merges(def) && parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
		const out: IDataObject = {};
		for (const [name, v] of Object.entries(parsed as IDataObject)) {
			out[name] = conformDates(schemaAt(schema, name), v) as IDataObject[string];
			const error = firstError(schemaAt(schema, name), out[name], name);
			if (error) s.fail(`${def.displayName}: ${error}`);
		}
		return out;
	}
	const conformed = conformDates(schema, parsed);
	const error = firstError(schema, conformed, def.key ?? def.name);
	if (error) s.fail(`${def.displayName}: ${error}`);
	return conformed;
}

/** Builds the request of one item from the operation's table row. */
async function buildRequest(
	this: IExecuteFunctions,
	op: WinkOperation,
	itemIndex: number,
	defaultManagingEntity: () => Promise<string>,
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
		const id = String(chosen ?? '').trim() || (await defaultManagingEntity());
		if (!id) {
			throw new NodeOperationError(this.getNode(), 'No managing entity chosen', {
				description:
					"Pick one in the Managing Entity field, or set a Default Managing Entity ID in the Wink credential.",
				itemIndex,
			});
		}
		checkPathValue(shaping.fail, 'Managing Entity', id);
		pathValues[MANAGING_ENTITY_PATH_PARAM] = id;
	}
	const fields = op.fields ?? [];
	const raw: IDataObject = {};
	for (const field of fields) {
		if (field.type === 'notice') continue;
		raw[field.name] = this.getNodeParameter(field.name, itemIndex, field.default, {
			extractValue: field.type === 'resourceLocator',
		}) as IDataObject[string];
	}
	checkValues(shaping.fail, op, raw);
	const part = (where: WinkField['in'], schema?: JsonSchema) =>
		shapeObject(shaping, fields.filter((f) => f.in === where), raw, schema, false);
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
	// A model may not move money unless a person allowed it on the node: answered, not thrown.
	const refused = refusedAsAiTool.call(this, op);
	if (refused) return refused;
	// n8n's own Retry On Fail would send a money-moving request again after an error.
	if (op.movesMoney && this.getNode().retryOnFail) {
		throw new NodeOperationError(this.getNode(), `Turn off "Retry On Fail" to use ${op.name}`, {
			description: `${op.name} moves money, so it must be sent exactly once. Open the node's Settings and turn off "Retry On Fail".`,
		});
	}

	const defaultManagingEntity = async () =>
		String((await winkCredentials.call(this)).managingEntityId ?? '').trim();

	const runItem = async (i: number): Promise<INodeExecutionData[]> => {
		try {
			const request = await buildRequest.call(this, op, i, defaultManagingEntity);
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
				data = keep.length ? rows.map((row) => ({ ...row, ...kept })) : rows;
			} else {
				data = op.hook ? await op.hook.run.call(this, request) : await winkRequest.call(this, request);
			}
			return toItems(data, op, i);
		} catch (error) {
			const nodeError = asNodeError(this.getNode(), error, i);
			if (!this.continueOnFail()) throw nodeError;
			const { message, description, httpCode } = nodeError as NodeApiError;
			return [{ json: withoutEmpty({ error: message, description, httpCode }), pairedItem: { item: i } }];
		}
	};
	// Items may overlap (see concurrency.ts); the output keeps their order.
	const out = await runItems(this, items.length, itemConcurrency.call(this, op), runItem);
	return [out.flat()];
}
