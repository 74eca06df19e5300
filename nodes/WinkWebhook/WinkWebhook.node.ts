import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { operationSubtitle, winkNodeBase } from '../shared/editor/description';
import { executeOperations } from '../shared/execution/execute';
import { getWebhookEvents, listSearch } from './methods';
import { webhookOperations } from './operations';

export class WinkWebhook implements INodeType {
	description: INodeTypeDescription = {
		...winkNodeBase(webhookOperations, 'Webhook'),
		displayName: 'Wink Webhook',
		name: 'winkWebhook',
		icon: { light: 'file:../icons/wink.svg', dark: 'file:../icons/wink.dark.svg' },
		description: 'Create, list, update and delete the webhooks of a Wink managing entity',
		subtitle: operationSubtitle(webhookOperations),
		defaults: { name: 'Wink Webhook' },
		usableAsTool: true,
	};

	methods = { listSearch, loadOptions: { getWebhookEvents } };

	async execute(this: IExecuteFunctions) {
		return await executeOperations.call(this, webhookOperations);
	}
}
