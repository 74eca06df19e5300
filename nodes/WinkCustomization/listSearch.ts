import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { chosenManagingEntity } from '../shared/listSearch';
import { expandPath, winkRequest } from '../shared/transport';

/** "From list" for a customization: those of the chosen managing entity. */
export async function searchCustomizations(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const id = await chosenManagingEntity.call(this);
	if (!id) return { results: [] };
	const list = (await winkRequest.call(this, {
		method: 'GET',
		path: expandPath('/api/managing-entity/{id}/studio/customization/list', { id }),
		scope: 'account.read',
	})) as IDataObject[];
	const needle = (filter ?? '').trim().toLowerCase();
	return {
		results: (Array.isArray(list) ? list : [])
			.map((c) => ({ name: `${c.name}${c.primary ? ' (primary)' : ''}`, value: String(c.id) }))
			.filter((r) => !needle || `${r.name} ${r.value}`.toLowerCase().includes(needle)),
	};
}
