import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { chosenManagingEntity } from '../shared/table/managingEntity';
import { expandPath, winkRequest } from '../shared/transport/request';

/** "From list" for a manager: the managers of the chosen managing entity (not the owner). */
export async function searchManagers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const id = await chosenManagingEntity.call(this);
	if (!id) return { results: [] };
	const entity = (await winkRequest.call(this, {
		method: 'GET',
		path: expandPath('/api/managing-entity/{id}', { id }),
		scope: 'account.read',
	})) as IDataObject;
	const needle = (filter ?? '').trim().toLowerCase();
	const managers = ((entity.managers as IDataObject[]) ?? []).filter((m) => !m.owner);
	return {
		results: managers
			.map((m) => ({ name: `${m.name ?? m.email} <${m.email}> (${String(m.status).toLowerCase()})`, value: String(m.userIdentifier) }))
			.filter((r) => !needle || r.name.toLowerCase().includes(needle)),
	};
}
