import type { IDataObject, INodeExecutionData, INodePropertyCollection } from 'n8n-workflow';
import { conformDates, firstError, itemsOf, schemaAt, type JsonSchema } from '../spec/schema';
import type { WinkOperation, WinkValue } from '../table/types';

// Pure shaping of one item: n8n values into the request's parts, the answer into n8n items.

function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		value === '' ||
		(Array.isArray(value) && value.length === 0) ||
		(typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0)
	);
}

export function withoutEmpty(value: IDataObject): IDataObject {
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
export interface Shaping {
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
export function shapeObject(
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

// JSON.parse makes these ordinary keys; copied or merged into an object they reach its prototype
// (and `__proto__` merged into `{}` reaches Object.prototype, for the whole n8n process).
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The path of a prototype key at any depth of `value` (e.g. `$.a[0].__proto__`), or undefined. */
export function prototypeKeyPath(value: unknown): string | undefined {
	const stack: Array<[unknown, string]> = [[value, '$']];
	while (stack.length) {
		const [v, path] = stack.pop()!;
		if (v === null || typeof v !== 'object') continue;
		for (const [key, child] of Object.entries(v)) {
			const at = Array.isArray(v) ? `${path}[${key}]` : `${path}.${key}`;
			if (!Array.isArray(v) && PROTOTYPE_KEYS.has(key)) return at;
			stack.push([child, at]);
		}
	}
	return undefined;
}

// A JSON field: parsed, refused if a key could reach a prototype, its dates conformed, and
// checked against the spec before sending.
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
	const unsafe = prototypeKeyPath(parsed);
	if (unsafe) {
		const key = unsafe.slice(unsafe.lastIndexOf('.') + 1);
		s.fail(
			`${def.displayName} has the key '${key}' (at ${unsafe}), which is not allowed`,
			'Keys named __proto__, constructor or prototype are refused: copied into a request they could change every object in n8n. Remove or rename the key.',
		);
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

/** The answer of one item as n8n items: a list row by row, anything else as one item. */
export function toItems(data: unknown, op: WinkOperation, itemIndex: number): INodeExecutionData[] {
	const rows = op.output === 'list' && Array.isArray(data) ? data : [data];
	return rows.map((row) => ({
		json: row !== null && typeof row === 'object' && !Array.isArray(row) ? (row as IDataObject) : { value: row as IDataObject[string] },
		pairedItem: { item: itemIndex },
	}));
}
