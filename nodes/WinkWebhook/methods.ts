import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';
import { chosenManagingEntity } from '../shared/table/managingEntity';
import { callRow, row } from '../shared/table/rowRequest';
import { webhookOperations } from './operations';

// "managing_entity.manager.added" -> "Managing Entity": the group is the key's first segment.
const groupOf = (key: string) =>
	key
		.split('.')[0]
		.split(/[_-]/)
		.map((w) => w.charAt(0).toUpperCase() + w.slice(1))
		.join(' ');

/** The events Wink offers (showWebhookEvents), labelled "Group: Label" and sorted so groups stay together. */
export async function getWebhookEvents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const me = await chosenManagingEntity.call(this);
	if (!me) return [];
	const events = (await callRow.call(this, row(webhookOperations, 'showWebhookEvents'), {
		managingEntityIdentifier: me,
	})) as IDataObject[];
	return (Array.isArray(events) ? events : [])
		.map((e) => ({
			name: `${groupOf(String(e.value))}: ${e.label ?? e.value}`,
			value: String(e.value),
			description: String(e.value),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** "From list" for a webhook: name and URL (without its query, which may hold a secret token). */
export async function searchWebhooks(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const me = await chosenManagingEntity.call(this);
	if (!me) return { results: [] };
	const webhooks = (await callRow.call(this, row(webhookOperations, 'showWebhooks'), {
		managingEntityIdentifier: me,
	})) as IDataObject[];
	const needle = (filter ?? '').trim().toLowerCase();
	const results = (Array.isArray(webhooks) ? webhooks : [])
		.map((w) => ({ name: `${w.name} · ${String(w.eventUrl ?? '').split('?')[0]}`, value: String(w.id) }))
		.filter((r) => !needle || `${r.name} ${r.value}`.toLowerCase().includes(needle));
	return { results };
}
