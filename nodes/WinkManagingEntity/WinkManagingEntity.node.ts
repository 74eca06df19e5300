import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { operationSubtitle, winkNodeBase } from '../shared/editor/description';
import { executeOperations } from '../shared/execution/execute';
import { searchManagingEntities } from './methods';
import { managingEntityOperations } from './operations';

export class WinkManagingEntity implements INodeType {
	description: INodeTypeDescription = {
		...winkNodeBase(managingEntityOperations, 'Managing Entity'),
		displayName: 'Wink Managing Entity',
		name: 'winkManagingEntity',
		icon: { light: 'file:../icons/wink.svg', dark: 'file:../icons/wink.dark.svg' },
		description: 'Register, read, search and update Wink managing entities',
		subtitle: operationSubtitle(managingEntityOperations),
		defaults: { name: 'Wink Managing Entity' },
		usableAsTool: true,
	};

	methods = { listSearch: { searchManagingEntities } };

	async execute(this: IExecuteFunctions) {
		return await executeOperations.call(this, managingEntityOperations);
	}
}
