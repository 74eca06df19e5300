import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { chosenManagingEntity, showManagingEntity } from '../shared/table/managingEntity';

/** "From list" for a manager: the managers of the chosen managing entity (not the owner). */
export async function searchManagers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const id = await chosenManagingEntity.call(this);
	if (!id) return { results: [] };
	const entity = await showManagingEntity.call(this, id);
	const needle = (filter ?? '').trim().toLowerCase();
	const managers = ((entity.managers as IDataObject[]) ?? []).filter((m) => !m.owner);
	return {
		results: managers
			.map((m) => ({ name: `${m.name ?? m.email} <${m.email}> (${String(m.status).toLowerCase()})`, value: String(m.userIdentifier) }))
			.filter((r) => !needle || r.name.toLowerCase().includes(needle)),
	};
}
