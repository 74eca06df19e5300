import {
	type IHookFunctions,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
} from 'n8n-workflow';
import { nodeProperty } from '../shared/editor/description';
import { managingEntityLocator, optionsCollection } from '../shared/editor/properties';
import { winkTriggerBase } from '../shared/editor/trigger';
import { getWebhookEvents } from '../WinkWebhook/methods';
import { eventsField } from '../WinkWebhook/operations';
import { searchManagingEntities } from '../WinkManagingEntity/methods';
import { DEFAULT_WINDOW_MINUTES, receiveEvent } from './delivery';
import { checkExists, create, deleteRegistration } from './registration';

// The Wink Webhook node's event multi-select, as a plain n8n property of the trigger: named
// Events, with what an empty selection means visible under it (not only in the tooltip).
const eventsProperty = nodeProperty({
	...eventsField,
	name: 'events',
	displayName: 'Events',
	hint: 'Leave empty to receive all events',
});

const properties: INodeProperties[] = [
	{
		displayName:
			'Wink sends events to public HTTPS URLs only: this n8n must be reachable from the internet at its webhook URL. Behind a firewall, use the Wink Settlement Trigger (polling) instead.',
		name: 'reachabilityNotice',
		type: 'notice',
		default: '',
	},
	managingEntityLocator,
	eventsProperty,
	optionsCollection([
		{
			displayName: 'Duplicate Window (Minutes)',
			name: 'duplicateWindow',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1440 },
			default: DEFAULT_WINDOW_MINUTES,
			description:
				'A delivery Wink sends again within this time (the same JSON body) starts no second execution',
		},
	]),
];

export class WinkTrigger implements INodeType {
	description: INodeTypeDescription = {
		...winkTriggerBase,
		displayName: 'Wink Trigger',
		name: 'winkTrigger',
		icon: { light: 'file:../icons/wink.svg', dark: 'file:../icons/wink.dark.svg' },
		subtitle:
			'={{ ($parameter["events"] || []).length ? $parameter["events"].join(", ") : "All events" }}',
		description: 'Starts the workflow when Wink sends a webhook event',
		defaults: { name: 'Wink Trigger' },
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties,
	};

	methods = { listSearch: { searchManagingEntities }, loadOptions: { getWebhookEvents } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions) {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions) {
				return await create.call(this);
			},
			async delete(this: IHookFunctions) {
				return await deleteRegistration.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions) {
		return await receiveEvent.call(this);
	}
}
