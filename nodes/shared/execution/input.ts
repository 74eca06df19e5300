import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodePropertyOptions,
} from 'n8n-workflow';
import { bodySchema, firstError, schemaAt } from '../spec/schema';
import type { WinkField, WinkOperation } from '../table/types';

/** Throws the item's error: "<message> (item N)". */
export type Fail = (message: string, description?: string) => never;

const blank = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

const FROM_EXPRESSION =
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

// n8n does not apply typeOptions to values from expressions: a number field may hold "12" or "abc".
function toNumber(fail: Fail, field: WinkField, value: unknown): unknown {
	if (blank(value)) return value;
	const n = typeof value === 'string' ? Number(value.trim()) : value;
	const name = field.displayName;
	if (typeof n !== 'number' || !Number.isFinite(n)) fail(`${name} must be a number (got ${JSON.stringify(value)})`);
	const { minValue, maxValue, numberPrecision } = (field.typeOptions ?? {}) as IDataObject;
	if (typeof minValue === 'number' && n < minValue) fail(`${name} must be at least ${minValue} (got ${n})`);
	if (typeof maxValue === 'number' && n > maxValue) fail(`${name} must be at most ${maxValue} (got ${n})`);
	if (numberPrecision === 0 && !Number.isInteger(n)) fail(`${name} must be a whole number (got ${n})`);
	return n;
}

function checkOptions(fail: Fail, field: WinkField, value: unknown) {
	if (field.typeOptions?.loadOptionsMethod || !Array.isArray(field.options)) return;
	const allowed = (field.options as INodePropertyOptions[]).map((o) => o.value);
	for (const v of Array.isArray(value) ? value : [value]) {
		if (!allowed.includes(v as string)) {
			fail(`${field.displayName} must be one of ${allowed.map(String).join(', ')} (got ${JSON.stringify(v)})`);
		}
	}
}

// Field types whose value is sent as it is (a JSON field holds text the generator parses later).
const SCALAR_TYPES = new Set(['string', 'number', 'boolean', 'options']);
const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * Checks an item's top-level values before any request: IDs that would change the URL, required
 * values missing (often an expression that found nothing), option values the field does not
 * offer, numbers (numeric text becomes a number) and body values against the spec's schema
 * (formats such as email, enums). Fixes `raw` in place where a number came as text.
 */
export function checkValues(fail: Fail, op: WinkOperation, raw: IDataObject): void {
	const schema = bodySchema(op.operationId);
	for (const field of op.fields ?? []) {
		if (!(field.name in raw)) continue;
		if (field.in === 'path') {
			checkPathValue(fail, field.displayName, raw[field.name]);
			continue;
		}
		if (field.type === 'number') raw[field.name] = toNumber(fail, field, raw[field.name]) as IDataObject[string];
		const value = raw[field.name];
		// Only a missing value: a blank text is Wink's to judge (it names the field).
		if (field.required && (value === undefined || value === null || value === '')) {
			fail(`${field.displayName} is required`, FROM_EXPRESSION);
		}
		if (blank(value)) continue;
		if (field.type === 'options' || field.type === 'multiOptions') checkOptions(fail, field, value);
		if (field.in === 'body' && SCALAR_TYPES.has(field.type) && scalar(value)) {
			const key = field.key ?? field.name;
			const error = firstError(schemaAt(schema, key), value, key);
			if (error) fail(`${field.displayName}: ${error}`);
		}
	}
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

/** The Limit of an item. */
export function pageLimit(this: IExecuteFunctions, itemIndex: number): number {
	return wholeCount(this, this.getNodeParameter('limit', itemIndex, 50), 'Limit', itemIndex, 'Or turn on Return All.');
}

/** The Page Size option of an item, or the table's size when it is not set. */
export function pageSizeOf(this: IExecuteFunctions, options: IDataObject, itemIndex: number, fallback: number): number {
	const { pageSize } = options;
	return pageSize === undefined ? fallback : wholeCount(this, pageSize, 'Page Size', itemIndex);
}
