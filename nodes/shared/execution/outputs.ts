import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { WinkOperation } from '../table/types';
import { addHint } from './hints';
import { hasFeature } from '../versions';

// An item's answer as n8n items, and what node version 2 changes in them: Simplify and a second
// output (docs/outputs.md).

const isObject = (v: unknown): v is IDataObject =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The answer of one item as n8n items: a list row by row, anything else as one item; in version
 * 2+ with Simplify on, each row as the table's flat item.
 */
export function toItems(
	this: IExecuteFunctions,
	op: WinkOperation,
	data: unknown,
	itemIndex: number,
): INodeExecutionData[] {
	const answer = simplified.call(this, op, data, itemIndex);
	const rows = op.output === 'list' && Array.isArray(answer) ? answer : [answer];
	return rows.map((row) => ({
		json: isObject(row) ? row : { value: row as IDataObject[string] },
		pairedItem: { item: itemIndex },
	}));
}

function simplified(
	this: IExecuteFunctions,
	op: WinkOperation,
	data: unknown,
	itemIndex: number,
): unknown {
	if (!op.simplify || !hasFeature(this.getNode(), 'simplify')) return data;
	if (!(this.getNodeParameter('simplify', itemIndex, true) as boolean)) return data;
	if (op.simplifyInferred) addHint(this, op.simplifyInferred);
	const flat = (row: unknown) => (isObject(row) ? op.simplify!(row) : row);
	return Array.isArray(data) ? data.map(flat) : flat(data);
}

/** Version 2+: the items of a row with a second output, split between the two (not as an AI tool: execute.ts). */
export function routed(
	this: IExecuteFunctions,
	op: WinkOperation,
	items: INodeExecutionData[],
): INodeExecutionData[][] {
	const second = op.secondOutput;
	if (!second || !hasFeature(this.getNode(), 'secondOutput')) return [items];
	// An error item (Continue On Fail) stays on the first output, as n8n's own nodes do.
	const takes = (item: INodeExecutionData) => !('error' in item.json) && second.takes(item.json);
	return [items.filter((item) => !takes(item)), items.filter(takes)];
}
