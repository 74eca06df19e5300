import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { operationSubtitle, winkNodeBase } from '../shared/table/description';
import { executeOperations } from '../shared/execution/execute';
import { listSearch } from '../shared/methods/listSearch';
import { getWebhookEvents, searchWebhooks } from './methods';
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

	methods = { listSearch: { ...listSearch, searchWebhooks }, loadOptions: { getWebhookEvents } };

	async execute(this: IExecuteFunctions) {
		return await executeOperations.call(this, webhookOperations);
	}
}
