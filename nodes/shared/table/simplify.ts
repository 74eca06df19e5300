import type { IDataObject } from 'n8n-workflow';

/**
 * A Simplify function: a flat item whose keys read from dotted paths of the row
 * ({ amount: 'entry.amount' }), in that order. A value the row lacks is null, so every item
 * of a list has the same columns (a sheet or a CSV stays aligned).
 */
export function flatItem(paths: Record<string, string>): (row: IDataObject) => IDataObject {
	const entries = Object.entries(paths).map(([key, path]) => [key, path.split('.')] as const);
	return (row) => {
		const out: IDataObject = {};
		for (const [key, names] of entries) {
			let value: unknown = row;
			for (const name of names) value = (value as IDataObject | null | undefined)?.[name];
			out[key] = (value ?? null) as IDataObject[string];
		}
		return out;
	};
}

/** Same key, same path: { id: 'id', status: 'status' } from ['id', 'status']. */
export const same = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, k]));
