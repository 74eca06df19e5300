import type { IDataObject } from 'n8n-workflow';
import { chosenManagingEntity } from '../shared/execution/managingEntity';
import { searchList } from '../shared/methods/listSearch';
import { searchManagingEntities, showManagingEntity } from '../WinkManagingEntity/methods';

/** "From list" for a manager: the managers of the chosen managing entity (not the owner), found by name. */
const searchManagers = searchList(async function () {
	const id = await chosenManagingEntity.call(this);
	if (!id) return [];
	const entity = await showManagingEntity.call(this, id);
	return ((entity.managers as IDataObject[]) ?? [])
		.filter((m) => !m.owner)
		.map((m) => {
			const name = `${m.name ?? m.email} <${m.email}> (${String(m.status).toLowerCase()})`;
			return { name, value: String(m.userIdentifier), text: name };
		});
});

/** The list searches of Wink Manager: the ones its properties name. */
export const listSearch = { searchManagingEntities, searchManagers };
