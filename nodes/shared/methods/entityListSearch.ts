import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { MANAGING_ENTITY_PATH_PARAM } from '../table/description';
import { chosenManagingEntity } from '../table/managingEntity';
import { callRow } from '../table/rowRequest';
import type { WinkOperation } from '../table/types';

/**
 * A "From list" search over one collection of the chosen managing entity: call the table row
 * `op` (its path has {managingEntityIdentifier}; path and scope come from the row) and offer one
 * option per answer row, named by `label`.
 */
export function searchEntityList(op: WinkOperation, label: (row: IDataObject) => string) {
	return async function (this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const id = await chosenManagingEntity.call(this);
		if (!id) return { results: [] };
		const rows = await callRow.call(this, op, { [MANAGING_ENTITY_PATH_PARAM]: id });
		const needle = (filter ?? '').trim().toLowerCase();
		const results: INodeListSearchItems[] = [];
		for (const row of Array.isArray(rows) ? (rows as IDataObject[]) : []) {
			const name = label(row);
			if (needle && !`${name} ${row.id}`.toLowerCase().includes(needle)) continue;
			results.push({ name, value: String(row.id) });
		}
		return { results };
	};
}
