import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { operationSubtitle, winkNodeBase } from '../shared/editor/description';
import { executeOperations } from '../shared/execution/execute';
import { listSearch } from './methods';
import { applicationOperations } from './operations';

export class WinkApplication implements INodeType {
	description: INodeTypeDescription = {
		...winkNodeBase(applicationOperations, 'Application'),
		displayName: 'Wink Application',
		name: 'winkApplication',
		icon: { light: 'file:../icons/wink.svg', dark: 'file:../icons/wink.dark.svg' },
		description: 'API applications (OAuth2 clients) of a Wink managing entity',
		subtitle: operationSubtitle(applicationOperations),
		defaults: { name: 'Wink Application' },
		usableAsTool: true,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions) {
		return await executeOperations.call(this, applicationOperations);
	}
}
