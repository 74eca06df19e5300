import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { chosenManagingEntity } from '../execution/managingEntity';
import { callRow } from '../execution/rowRequest';
import { MANAGING_ENTITY_PATH_PARAM } from '../table/rows';
import type { WinkOperation } from '../table/types';

// Every "From list" search of the package is built here; a node folder says what to read and how
// to name it (its methods.ts), and registers only the searches its properties name.

/** One option of a list; `text` is what the filter looks in when not the name and the value. */
export type ListOption = INodeListSearchItems & { text?: string };

/** The options whose text holds the filter (trimmed, any case); all of them without one. */
export function filterOptions(options: ListOption[], filter?: string): INodeListSearchResult {
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	for (const { text, ...item } of options) {
		if (needle && !(text ?? `${item.name} ${item.value}`).toLowerCase().includes(needle)) continue;
		results.push(item);
	}
	return { results };
}

/** A listSearch method: `options` reads Wink (in the editor's context) and names what it found. */
export function searchList(options: (this: ILoadOptionsFunctions) => Promise<ListOption[]>) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
	): Promise<INodeListSearchResult> {
		return filterOptions(await options.call(this), filter);
	};
}

/** The rows of an answer that should be a list; anything else is none. */
export const rowsOf = (answer: unknown): IDataObject[] =>
	Array.isArray(answer) ? (answer as IDataObject[]) : [];

/**
 * A search over one collection of the chosen managing entity: calls the table row `op` (its path
 * has {managingEntityIdentifier}) and offers each answer row by its id, named by `label`. No
 * managing entity chosen anywhere: an empty list, not an error.
 */
export function searchEntityList(op: WinkOperation, label: (row: IDataObject) => string) {
	return searchList(async function () {
		const id = await chosenManagingEntity.call(this);
		if (!id) return [];
		const rows = rowsOf(await callRow.call(this, op, { [MANAGING_ENTITY_PATH_PARAM]: id }));
		return rows.map((row) => ({ name: label(row), value: String(row.id) }));
	});
}
