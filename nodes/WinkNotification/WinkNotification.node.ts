import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { operationSubtitle, winkNodeBase } from '../shared/editor/description';
import { executeOperations } from '../shared/execution/execute';
import { listSearch } from './methods';
import { notificationOperations } from './operations';

export class WinkNotification implements INodeType {
	description: INodeTypeDescription = {
		...winkNodeBase(notificationOperations, 'Notification'),
		displayName: 'Wink Notification',
		name: 'winkNotification',
		icon: { light: 'file:../icons/wink.svg', dark: 'file:../icons/wink.dark.svg' },
		description: 'Notifications Wink sends to a managing entity',
		subtitle: operationSubtitle(notificationOperations),
		defaults: { name: 'Wink Notification' },
		usableAsTool: true,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions) {
		return await executeOperations.call(this, notificationOperations);
	}
}
