import type {
	IDataObject,
	INodePropertyCollection,
	INodePropertyOptions,
	NodePropertyTypes,
} from 'n8n-workflow';
import { conformDates, firstError, itemsOf, schemaAt, type JsonSchema } from '../spec/schema';
import type { WinkValue } from '../table/types';

// How each n8n field type is read, checked and shaped into a request: one entry per type.
// The walk over an item's fields (build.ts) asks this table and nothing else about a type.

/** Throws the item's error: "<message> (item N)". */
export type Fail = (message: string, description?: string) => never;

/** What a type's steps get from the walk of one item. */
export interface Walk {
	fail: Fail;
	/** An object from n8n values and their definitions (a collection's options, an entry's values). */
	object(
		defs: WinkValue[],
		raw: IDataObject,
		schema: JsonSchema | undefined,
		picked: boolean,
	): IDataObject;
}

/** One field type's steps; all optional: a type not in the table is sent as it is. */
export interface FieldType {
	/** Shown in the editor only: never read nor sent. */
	editorOnly?: boolean;
	/** Read with extractValue: a locator gives the ID it holds. */
	extract?: boolean;
	/** A field's own value (top level, not blank) as typed or from an expression; returns the value to send. */
	check?(fail: Fail, def: WinkValue, value: unknown): unknown;
	/** A body value sent as it is: also checked against the spec's schema (formats such as email, enums). */
	asIs?: boolean;
	/** Without `key`, its properties merge into the object it is in. */
	merges?: boolean;
	/** The value as the API takes it; `schema` is the spec's where it goes. */
	shape?(walk: Walk, def: WinkValue, value: unknown, schema: JsonSchema | undefined): unknown;
	/** Checks a shaped value that is sent (an optional one left out is not); returns it as sent. */
	checkSent?(walk: Walk, def: WinkValue, value: unknown, schema: JsonSchema | undefined): unknown;
}

export const FIELD_TYPES: Partial<Record<NodePropertyTypes, FieldType>> = {
	string: { asIs: true },
	number: { check: toNumber, asIs: true },
	boolean: { asIs: true },
	options: { check: checkOptions, asIs: true },
	multiOptions: { check: checkOptions },
	resourceLocator: { extract: true },
	notice: { editorOnly: true },
	// Only what the user added is sent (picked).
	collection: {
		merges: true,
		shape: (walk, def, value, schema) =>
			walk.object(def.options as WinkValue[], (value ?? {}) as IDataObject, schema, true),
	},
	fixedCollection: { shape: shapeFixedCollection, checkSent: checkEntries },
	json: { merges: true, shape: shapeJson },
};

// n8n does not apply typeOptions to values from expressions: a number field may hold "12" or "abc".
function toNumber(fail: Fail, field: WinkValue, value: unknown): unknown {
	const n = typeof value === 'string' ? Number(value.trim()) : value;
	const name = field.displayName;
	if (typeof n !== 'number' || !Number.isFinite(n))
		fail(`${name} must be a number (got ${JSON.stringify(value)})`);
	const { minValue, maxValue, numberPrecision } = (field.typeOptions ?? {}) as IDataObject;
	if (typeof minValue === 'number' && n < minValue)
		fail(`${name} must be at least ${minValue} (got ${n})`);
	if (typeof maxValue === 'number' && n > maxValue)
		fail(`${name} must be at most ${maxValue} (got ${n})`);
	if (numberPrecision === 0 && !Number.isInteger(n))
		fail(`${name} must be a whole number (got ${n})`);
	return n;
}

function checkOptions(fail: Fail, field: WinkValue, value: unknown): unknown {
	if (field.typeOptions?.loadOptionsMethod || !Array.isArray(field.options)) return value;
	const allowed = (field.options as INodePropertyOptions[]).map((o) => o.value);
	for (const v of Array.isArray(value) ? value : [value]) {
		if (!allowed.includes(v as string)) {
			fail(
				`${field.displayName} must be one of ${allowed.map(String).join(', ')} (got ${JSON.stringify(v)})`,
			);
		}
	}
	return value;
}

// n8n stores { <group>: entry } or, with multipleValues, { <group>: [entries] }; Wink fields use
// one group, whose entry (or list of entries) is the value: the nesting n8n adds is dropped.
function shapeFixedCollection(
	walk: Walk,
	def: WinkValue,
	value: unknown,
	schema: JsonSchema | undefined,
): unknown {
	const group = (def.options as INodePropertyCollection[])[0];
	const raw = (value as IDataObject | undefined)?.[group.name];
	if (def.typeOptions?.multipleValues !== true) {
		return raw ? walk.object(group.values, raw as IDataObject, schema, false) : undefined;
	}
	const entries = (Array.isArray(raw) ? raw : []) as IDataObject[];
	return entries.map((entry) => walk.object(group.values, entry, itemsOf(schema), false));
}

// Entries are checked like JSON (e.g. at least one grant), dates conformed first.
function checkEntries(
	walk: Walk,
	def: WinkValue,
	value: unknown,
	schema: JsonSchema | undefined,
): unknown {
	const conformed = conformDates(schema, value);
	const error = firstError(schema, conformed, def.key ?? def.name);
	if (error) walk.fail(`${def.displayName}: ${error}`);
	return conformed;
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
function shapeJson(
	walk: Walk,
	def: WinkValue,
	value: unknown,
	schema: JsonSchema | undefined,
): unknown {
	let parsed = value;
	if (typeof value === 'string') {
		if (!value.trim()) return undefined;
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			walk.fail(`${def.displayName} is not valid JSON`, (error as Error).message);
		}
	}
	const unsafe = prototypeKeyPath(parsed);
	if (unsafe) {
		const key = unsafe.slice(unsafe.lastIndexOf('.') + 1);
		walk.fail(
			`${def.displayName} has the key '${key}' (at ${unsafe}), which is not allowed`,
			'Keys named __proto__, constructor or prototype are refused: copied into a request they could change every object in n8n. Remove or rename the key.',
		);
	}
	if (!schema) return parsed;
	// Without `key`, merged into the object it is in: each of its properties is checked on its own.
	if (!def.key && parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
		const out: IDataObject = {};
		for (const [name, v] of Object.entries(parsed as IDataObject)) {
			out[name] = conformDates(schemaAt(schema, name), v) as IDataObject[string];
			const error = firstError(schemaAt(schema, name), out[name], name);
			if (error) walk.fail(`${def.displayName}: ${error}`);
		}
		return out;
	}
	const conformed = conformDates(schema, parsed);
	const error = firstError(schema, conformed, def.key ?? def.name);
	if (error) walk.fail(`${def.displayName}: ${error}`);
	return conformed;
}
