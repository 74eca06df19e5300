import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { WinkOperation } from '../table/types';

// An item's answer as n8n items, and what counts as an empty value (not sent, not shown).

export function isEmpty(value: unknown): boolean {
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

/** The answer of one item as n8n items: a list row by row, anything else as one item. */
export function toItems(data: unknown, op: WinkOperation, itemIndex: number): INodeExecutionData[] {
	const rows = op.output === 'list' && Array.isArray(data) ? data : [data];
	return rows.map((row) => ({
		json: row !== null && typeof row === 'object' && !Array.isArray(row) ? (row as IDataObject) : { value: row as IDataObject[string] },
		pairedItem: { item: itemIndex },
	}));
}
