import { idLocator } from '../shared/table/fields';
import type { WinkField, WinkOperation } from '../shared/table/types';

const WH = '/api/managing-entity/{managingEntityIdentifier}/webhook';

const webhookId: WinkField = {
	...idLocator(
		{ displayName: 'Webhook', name: 'webhookId', in: 'path' },
		'searchWebhooks',
		'e.g. 0b6c2f0e-8f3a-4d7e-9a51-2c4e8b7d1f90',
	),
	key: 'id',
};

/** The event multi-select, shared with the Wink Trigger. */
export const eventsField: WinkField = {
	displayName: 'Event Names or IDs',
	name: 'eventList',
	in: 'body',
	type: 'multiOptions',
	typeOptions: {
		loadOptionsMethod: 'getWebhookEvents',
		loadOptionsDependsOn: ['managingEntity.value'],
	},
	default: [],
	sendEmpty: true,
	description:
		'The events Wink sends. Leave empty to receive all events (Wink\'s rule for an empty list). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

// UpsertWebhookRequest: every property is required; `entity` is a nested {identifier, name}.
const upsertFields: WinkField[] = [
	{
		displayName: 'Name',
		name: 'name',
		in: 'body',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Booking sync',
		description: 'A descriptive name for the webhook',
	},
	{
		displayName: 'Event URL',
		name: 'eventUrl',
		in: 'body',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/wink/events',
		description: 'The URL Wink POSTs each event to. Wink sends to HTTPS endpoints only.',
	},
	eventsField,
	{
		displayName: 'Enabled',
		name: 'enabled',
		in: 'body',
		type: 'boolean',
		default: true,
		required: true,
		description: 'Whether Wink sends events to this webhook',
	},
	{
		displayName: 'Owner Entity ID',
		name: 'entityIdentifier',
		key: 'entity.identifier',
		in: 'body',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. me-2f9c0b1a',
		description:
			'The managing entity that owns the webhook (Wink requires it in the body), normally the same as Managing Entity',
	},
	{
		displayName: 'Owner Entity Name',
		name: 'entityName',
		key: 'entity.name',
		in: 'body',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Grand Azure Hotel Lisbon',
		description: "The owning managing entity's display name",
	},
];

/** Wink Webhook: the managing entity's webhook subscriptions. Scopes are inferred (see sandbox/scopes.js). */
export const webhookOperations: WinkOperation[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a webhook',
		description: 'Register a URL that Wink POSTs the chosen events to',
		operationId: 'createWebhook',
		method: 'POST',
		path: WH,
		scope: 'account.write',
		fields: upsertFields,
		output: 'object',
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many webhooks',
		description: "List the managing entity's webhooks",
		operationId: 'showWebhooks',
		method: 'GET',
		path: `${WH}/list`,
		scope: 'account.read',
		output: 'list',
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a webhook',
		description: 'Get one webhook by its ID',
		operationId: 'loadWebhook',
		method: 'GET',
		path: `${WH}/{id}`,
		scope: 'account.read',
		fields: [webhookId],
		output: 'object',
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a webhook',
		description: 'Replace the name, URL, events and enabled state of a webhook',
		operationId: 'updateWebhook',
		method: 'PATCH',
		path: `${WH}/{id}`,
		scope: 'account.write',
		fields: [webhookId, ...upsertFields],
		output: 'object',
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a webhook',
		description: 'Remove a webhook permanently',
		operationId: 'deleteWebhook',
		method: 'DELETE',
		path: `${WH}/{id}`,
		scope: 'account.remove',
		fields: [webhookId],
		output: 'object',
	},
	{
		value: 'getEvents',
		name: 'Get Events',
		action: 'Get webhook events',
		description: 'List the events a webhook can subscribe to',
		operationId: 'showWebhookEvents',
		method: 'GET',
		path: `${WH}/event/list`,
		scope: 'account.read',
		output: 'list',
	},
];
