import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { MANAGING_ENTITY_PATH_PARAM } from '../table/description';
import { chosenManagingEntity } from '../table/managingEntity';
import { expandPath, winkRequest } from '../transport/request';

/**
 * A "From list" search over one collection of the chosen managing entity: GET `path` (a
 * template with {managingEntityIdentifier}) and offer one option per row, named by `label`.
 */
export function searchEntityList(path: string, label: (row: IDataObject) => string) {
	return async function (this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const id = await chosenManagingEntity.call(this);
		if (!id) return { results: [] };
		const rows = await winkRequest.call(this, {
			method: 'GET',
			path: expandPath(path, { [MANAGING_ENTITY_PATH_PARAM]: id }),
			scope: 'account.read',
		});
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
