import spec from './schemas.json';

/** The part of JSON Schema that Wink's request bodies use (see scripts/spec-facts.mjs). */
export interface JsonSchema {
	$ref?: string;
	type?: string | string[];
	properties?: Record<string, JsonSchema>;
	required?: string[];
	items?: JsonSchema;
	additionalProperties?: JsonSchema | boolean;
	enum?: unknown[];
	format?: string;
	minLength?: number;
	maxLength?: number;
	minimum?: number;
	maximum?: number;
	minItems?: number;
	maxItems?: number;
	uniqueItems?: boolean;
}

// Written by scripts/spec-facts.mjs from the spec: operationId -> body schema name, and the schemas.
const requestBodies: Record<string, string> = spec.bodies;
const schemas = spec.schemas as Record<string, JsonSchema>;

/** Follows a `#/$defs/<name>` reference to the named schema. */
export function resolve(schema: JsonSchema | undefined): JsonSchema | undefined {
	let current = schema;
	for (let hops = 0; current?.$ref && hops < 10; hops++)
		current = schemas[current.$ref.split('/').pop()!];
	return current;
}

/** The spec's schema of an operation's request body. */
export function bodySchema(operationId: string): JsonSchema | undefined {
	const name = requestBodies[operationId];
	return name ? schemas[name] : undefined;
}

/** The schema at a dotted property path ('entity.identifier') below `schema`. */
export function schemaAt(schema: JsonSchema | undefined, path: string): JsonSchema | undefined {
	let current = resolve(schema);
	for (const name of path.split('.')) current = resolve(current?.properties?.[name]);
	return current;
}

export const itemsOf = (schema: JsonSchema | undefined) => resolve(resolve(schema)?.items);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

const validDate = (text: string) =>
	DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));

const FORMATS: Record<string, [(text: string) => boolean, string]> = {
	date: [validDate, 'a date (YYYY-MM-DD)'],
	'date-time': [
		(t) => DATE_TIME.test(t) && !Number.isNaN(Date.parse(t)),
		'a date-time with a time zone (e.g. 2026-05-01T14:00:00Z)',
	],
	email: [(t) => EMAIL.test(t), 'an email address'],
};

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

function typeMatches(expected: string, actual: string) {
	return expected === actual || (expected === 'number' && actual === 'integer');
}

/** The first way `value` breaks `schema`, as "<path> must …"; undefined when it fits. */
export function firstError(
	schema: JsonSchema | undefined,
	value: unknown,
	path: string,
): string | undefined {
	const s = resolve(schema);
	if (!s) return undefined;
	const actual = typeOf(value);
	if (s.type) {
		const types = Array.isArray(s.type) ? s.type : [s.type];
		if (!types.some((t) => typeMatches(t, actual)))
			return `${path} must be ${types.join(' or ')} (got ${actual})`;
	}
	if (s.enum && !s.enum.includes(value))
		return `${path} must be one of ${s.enum.join(', ')} (got ${JSON.stringify(value)})`;
	if (typeof value === 'string') {
		if (s.minLength !== undefined && value.length < s.minLength) return `${path} must not be empty`;
		if (s.maxLength !== undefined && value.length > s.maxLength)
			return `${path} must be at most ${s.maxLength} characters`;
		const format = s.format ? FORMATS[s.format] : undefined;
		if (format && !format[0](value))
			return `${path} must be ${format[1]} (got ${JSON.stringify(value)})`;
	}
	if (typeof value === 'number') {
		if (s.minimum !== undefined && value < s.minimum)
			return `${path} must be at least ${s.minimum}`;
		if (s.maximum !== undefined && value > s.maximum) return `${path} must be at most ${s.maximum}`;
	}
	if (Array.isArray(value)) {
		if (s.minItems !== undefined && value.length < s.minItems)
			return `${path} must have at least ${s.minItems} item(s)`;
		if (s.maxItems !== undefined && value.length > s.maxItems)
			return `${path} must have at most ${s.maxItems} items`;
		for (let i = 0; i < value.length; i++) {
			const error = firstError(s.items, value[i], `${path}[${i}]`);
			if (error) return error;
		}
	}
	if (actual === 'object') {
		const object = value as Record<string, unknown>;
		for (const name of s.required ?? []) {
			if (object[name] === undefined) return `${path}.${name} is required`;
		}
		for (const [name, v] of Object.entries(object)) {
			const known = s.properties?.[name];
			const rule =
				known ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
			const error = firstError(rule, v, `${path}.${name}`);
			if (error) return error;
		}
	}
	return undefined;
}

/**
 * Date-only fields get what their `format: date` asks for. n8n's date pickers and `$now` give
 * date-times ("2026-05-01T00:00:00", "2026-05-01T14:00:00.000+02:00"); the date is the part
 * before the T, as the user sees it (no time-zone conversion).
 */
export function conformDates(schema: JsonSchema | undefined, value: unknown): unknown {
	const s = resolve(schema);
	if (!s || value === null || value === undefined) return value;
	if (s.format === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value))
		return value.slice(0, 10);
	if (Array.isArray(value)) return value.map((v) => conformDates(s.items, v));
	if (typeof value === 'object' && s.properties) {
		const out: Record<string, unknown> = {};
		for (const [name, v] of Object.entries(value)) out[name] = conformDates(s.properties[name], v);
		return out;
	}
	return value;
}
