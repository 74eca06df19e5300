import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { MANAGING_ENTITY_PATH_PARAM } from '../table/rows';
import { requireManagingEntity } from './managingEntity';
import { expandPath, type WinkRequest } from '../transport/request';
import { bodySchema, conformDates, firstError, schemaAt, type JsonSchema } from '../spec/schema';
import type { WinkField, WinkOperation, WinkValue } from '../table/types';
import { FIELD_TYPES, type Fail, type FieldType, type Walk } from './fieldTypes';
import { listInput } from './listInput';
import { inVersion } from '../versions';
import type { ListRead } from './pagination';

// One walk over an item's fields builds its request: each field read, checked and shaped by its
// type's entry in fieldTypes.ts; the spec's body schema and the node's Options read once.

/** An item's request, and how to read its list when the operation is paged. */
export interface ItemRequest {
	request: WinkRequest;
	list?: Omit<ListRead, 'request' | 'itemIndex'>;
}

type Part = WinkField['in'];

const blank = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** What is not sent (and not shown in an error item): nothing, '', [] or {}. */
export function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		value === '' ||
		(Array.isArray(value) && value.length === 0) ||
		(typeof value === 'object' &&
			!Array.isArray(value) &&
			Object.keys(value as object).length === 0)
	);
}

export function withoutEmpty(value: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => !isEmpty(v)));
}

const FROM_EXPRESSION =
	'If the value comes from an expression, check that this input item has it (e.g. the field name in {{ $json.… }}).';

/** Why a value cannot be one path segment (an ID in the URL), or undefined. */
function pathProblem(value: unknown): string | undefined {
	const text = String(value ?? '').trim();
	if (!text) return 'is empty';
	// URL parsers resolve '.' and '..' segments, encoded or not: the request would reach another route.
	if (text === '.' || text === '..') return `cannot be '${text}'`;
	return undefined;
}

/** A path value that is not one segment: the route would change. */
function checkPathValue(fail: Fail, name: string, value: unknown) {
	const problem = pathProblem(value);
	if (problem)
		fail(
			`${name} ${problem}`,
			`${name} is part of the request's URL: give one ID. ${FROM_EXPRESSION}`,
		);
}

/** Where a field goes; a collection whose options have `in` is split, each part keeping its options. */
function partsOf(field: WinkField): Array<[Part, WinkField]> {
	const options = field.options as WinkValue[];
	if (field.type !== 'collection' || !options.some((o) => o.in)) return [[field.in, field]];
	const parts: Part[] = ['path', 'query', 'body'];
	return parts.flatMap((where): Array<[Part, WinkField]> => {
		const mine = options.filter((o) => (o.in ?? field.in) === where);
		return mine.length ? [[where, { ...field, options: mine }]] : [];
	});
}

// A type not in the table is sent as it is.
const SENT_AS_IS: FieldType = {};
const fieldType = (def: WinkValue): FieldType => FIELD_TYPES[def.type] ?? SENT_AS_IS;

/** Whether a value of `type` merges its properties into the object it is in (it has no `key`). */
const merges = (def: WinkValue, type: FieldType) => !def.key && type.merges === true;

/** The spec's schema of where a value goes: the enclosing object's when it merges into it. */
const schemaFor = (def: WinkValue, type: FieldType, schema: JsonSchema | undefined) =>
	merges(def, type) ? schema : schemaAt(schema, def.key ?? def.name);

/**
 * The checks of a field's own value before it is shaped: an ID that would change the URL, a
 * required value missing (often an expression that found nothing), then its type's checks and,
 * for a body value sent as it is, the spec's schema. Returns the value to shape.
 */
function checked(
	fail: Fail,
	field: WinkField,
	type: FieldType,
	value: unknown,
	schema: JsonSchema | undefined,
): unknown {
	if (field.in === 'path') {
		checkPathValue(fail, field.displayName, value);
		return value;
	}
	// Only a missing value: a blank text is Wink's to judge (it names the field).
	if (field.required && (value === undefined || value === null || value === '')) {
		fail(`${field.displayName} is required`, FROM_EXPRESSION);
	}
	if (blank(value)) return value;
	const own = type.check ? type.check(fail, field, value) : value;
	if (field.in === 'body' && type.asIs && ['string', 'number', 'boolean'].includes(typeof own)) {
		const error = firstError(schema, own, field.key ?? field.name);
		if (error) fail(`${field.displayName}: ${error}`);
	}
	return own;
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

const isObject = (v: unknown): v is IDataObject =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Merges `source` into `target`, object by object (two fields may fill one nested object). */
function mergeInto(target: IDataObject, source: IDataObject) {
	for (const [name, value] of Object.entries(source)) {
		if (isObject(value) && isObject(target[name])) mergeInto(target[name] as IDataObject, value);
		else target[name] = value;
	}
}

/**
 * Shapes one value into `out`. `picked`: the value is one the user added (a collection's);
 * otherwise n8n filled in every default, so an optional boolean or number still at its default
 * counts as not set and is not sent. Required values always are.
 */
function put(
	walk: Walk,
	out: IDataObject,
	def: WinkValue,
	type: FieldType,
	value: unknown,
	schema: JsonSchema | undefined,
	picked: boolean,
) {
	let sent = type.shape ? type.shape(walk, def, value, schema) : value;
	if (!def.required && !def.sendEmpty) {
		if (isEmpty(sent)) return;
		const scalar = typeof sent === 'boolean' || typeof sent === 'number';
		if (!picked && scalar && sent === def.default) return;
	}
	if (type.checkSent) sent = type.checkSent(walk, def, sent, schema);
	if (merges(def, type)) mergeInto(out, sent as IDataObject);
	else setPath(out, def.key ?? def.name, sent);
}

/** The walk of one item: its failures name the item; nested values are shaped like fields. */
function walkOf(this: IExecuteFunctions, itemIndex: number): Walk {
	const node = this.getNode();
	const walk: Walk = {
		fail(message, description) {
			throw new NodeOperationError(node, `${message} (item ${itemIndex})`, {
				description,
				itemIndex,
			});
		},
		object(defs, raw, schema, picked) {
			const out: IDataObject = {};
			for (const def of defs) {
				const type = fieldType(def);
				if (type.editorOnly || !(def.name in raw)) continue;
				put(walk, out, def, type, raw[def.name], schemaFor(def, type, schema), picked);
			}
			return out;
		},
	};
	return walk;
}

/** Builds the request of one item from the operation's table row, in one walk over its fields. */
export async function buildItem(
	this: IExecuteFunctions,
	op: WinkOperation,
	itemIndex: number,
): Promise<ItemRequest> {
	const walk = walkOf.call(this, itemIndex);
	const pathValues: IDataObject = {};
	if (op.path.includes(`{${MANAGING_ENTITY_PATH_PARAM}}`)) {
		const chosen = this.getNodeParameter('managingEntity', itemIndex, '', {
			extractValue: true,
		}) as string;
		const id = await requireManagingEntity.call(this, chosen, itemIndex);
		checkPathValue(walk.fail, 'Managing Entity', id);
		pathValues[MANAGING_ENTITY_PATH_PARAM] = id;
	}
	const schema = bodySchema(op.operationId);
	const parts: Record<Part, IDataObject> = { path: {}, query: {}, body: {} };
	const version = this.getNode().typeVersion;
	for (const field of op.fields ?? []) {
		const type = fieldType(field);
		if (type.editorOnly || !inVersion(field, version)) continue;
		const read = this.getNodeParameter(field.name, itemIndex, field.default, {
			extractValue: type.extract === true,
		});
		const at = field.in === 'body' ? schemaFor(field, type, schema) : undefined;
		const value = checked(walk.fail, field, type, read, at);
		for (const [where, def] of partsOf(field)) {
			const defAt =
				def === field ? at : where === 'body' ? schemaFor(def, type, schema) : undefined;
			put(walk, parts[where], def, type, value, defAt, false);
		}
	}
	for (const [name, value] of Object.entries(parts.path)) {
		pathValues[name] = typeof value === 'string' ? value.trim() : value;
	}
	const body = conformDates(schema, parts.body) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const request: WinkRequest = {
		method: op.method,
		path: expandPath(op.path, pathValues),
		qs: parts.query,
		body:
			['POST', 'PUT', 'PATCH'].includes(op.method) && Object.keys(body).length ? body : undefined,
		scope: op.scope,
		timeoutMs: options.timeout ? Number(options.timeout) * 1000 : undefined,
		itemIndex,
		notFound: op.notFound,
	};
	return { request, list: op.paging && listInput.call(this, op.paging, options, itemIndex) };
}
