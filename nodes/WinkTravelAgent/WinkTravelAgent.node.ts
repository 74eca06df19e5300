import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { operationSubtitle, winkNodeBase } from '../shared/editor/description';
import { executeOperations } from '../shared/execution/execute';
import { searchManagingEntities } from '../WinkManagingEntity/methods';
import { travelAgentOperations } from './operations';

export class WinkTravelAgent implements INodeType {
	description: INodeTypeDescription = {
		...winkNodeBase(travelAgentOperations, 'Travel Agent'),
		displayName: 'Wink Travel Agent',
		name: 'winkTravelAgent',
		icon: { light: 'file:../icons/wink.svg', dark: 'file:../icons/wink.dark.svg' },
		description: 'Book hotel rooms as a Wink travel agent, paid from its TripPay balance',
		subtitle: operationSubtitle(travelAgentOperations),
		defaults: { name: 'Wink Travel Agent' },
		usableAsTool: true,
	};

	methods = { listSearch: { searchManagingEntities } };

	async execute(this: IExecuteFunctions) {
		return await executeOperations.call(this, travelAgentOperations);
	}
}
