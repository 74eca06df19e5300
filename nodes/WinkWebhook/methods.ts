import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { chosenManagingEntity } from '../shared/execution/managingEntity';
import { callRow } from '../shared/execution/rowRequest';
import { rowsOf, searchEntityList } from '../shared/methods/listSearch';
import { row } from '../shared/table/rows';
import { searchManagingEntities } from '../WinkManagingEntity/methods';
import { webhookOperations } from './operations';

// "managing_entity.manager.added" -> "Managing Entity": the group is the key's first segment.
const groupOf = (key: string) =>
	key
		.split('.')[0]
		.split(/[_-]/)
		.map((w) => w.charAt(0).toUpperCase() + w.slice(1))
		.join(' ');

/** The events Wink offers (showWebhookEvents), labelled "Group: Label" and sorted so groups stay together. */
export async function getWebhookEvents(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const me = await chosenManagingEntity.call(this);
	if (!me) return [];
	const events = rowsOf(
		await callRow.call(this, row(webhookOperations, 'showWebhookEvents'), {
			managingEntityIdentifier: me,
		}),
	);
	return events
		.map((e) => ({
			name: `${groupOf(String(e.value))}: ${e.label ?? e.value}`,
			value: String(e.value),
			description: String(e.value),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The list searches of Wink Webhook: the ones its properties name. */
export const listSearch = {
	searchManagingEntities,
	/** "From list" for a webhook: name and URL (without its query, which may hold a secret token). */
	searchWebhooks: searchEntityList(
		row(webhookOperations, 'showWebhooks'),
		(w: IDataObject) => `${w.name} · ${String(w.eventUrl ?? '').split('?')[0]}`,
	),
};
