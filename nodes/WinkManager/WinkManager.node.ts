import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { operationSubtitle, winkNodeBase } from '../shared/editor/description';
import { executeOperations } from '../shared/execution/execute';
import { listSearch } from './methods';
import { managerOperations } from './operations';

export class WinkManager implements INodeType {
	description: INodeTypeDescription = {
		...winkNodeBase(managerOperations, 'Manager'),
		displayName: 'Wink Manager',
		name: 'winkManager',
		icon: { light: 'file:../icons/wink.svg', dark: 'file:../icons/wink.dark.svg' },
		description:
			'Invite and remove the managers of a Wink account, change their grants, set its agency',
		subtitle: operationSubtitle(managerOperations),
		defaults: { name: 'Wink Manager' },
		usableAsTool: true,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions) {
		return await executeOperations.call(this, managerOperations);
	}
}
