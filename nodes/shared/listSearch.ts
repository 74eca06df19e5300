import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { winkRequest } from './transport';

/** "From list" for the Managing Entity locator: the entities the application can reach. */
export async function searchManagingEntities(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const entities = (await winkRequest.call(this, {
		method: 'GET',
		path: '/api/managing-entity/list',
		scope: 'account.read',
	})) as IDataObject[];
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = (Array.isArray(entities) ? entities : [])
		.filter((e) => !needle || `${e.name} ${e.id} ${e.uniqueId}`.toLowerCase().includes(needle))
		.map((e) => ({
			name: e.type ? `${e.name} (${String(e.type).replace(/_/g, ' ').toLowerCase()})` : String(e.name),
			value: String(e.id),
		}));
	return { results };
}
