import type { IDataObject } from 'n8n-workflow';
import { callRow } from '../shared/execution/rowRequest';
import type { WinkContext } from '../shared/transport/request';
import { rowsOf, searchList } from '../shared/methods/listSearch';
import { row } from '../shared/table/rows';
import { managingEntityOperations } from './operations';

// Rows of this node's table that other nodes read too: every node's Managing Entity picker, and
// the entity's record (payout accounts, managers; the Wink Trigger's registration).

/** The managing entity's record (name, payout accounts, managers): the showManagingEntity row. */
export async function showManagingEntity(this: WinkContext, id: string): Promise<IDataObject> {
	const op = row(managingEntityOperations, 'showManagingEntity');
	return (await callRow.call(this, op, { managingEntityIdentifier: id })) as IDataObject;
}

/** "From list" for the Managing Entity locator: the entities the application can reach. */
export const searchManagingEntities = searchList(async function () {
	const op = row(managingEntityOperations, 'showAccessibleManagingEntities');
	return rowsOf(await callRow.call(this, op, {})).map((e) => ({
		name: e.type
			? `${e.name} (${String(e.type).replace(/_/g, ' ').toLowerCase()})`
			: String(e.name),
		value: String(e.id),
		// By name, id or unique id; not by the type in the label.
		text: `${e.name} ${e.id} ${e.uniqueId}`,
	}));
});
