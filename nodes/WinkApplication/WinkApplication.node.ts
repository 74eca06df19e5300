import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { operationSubtitle, winkNodeBase } from '../shared/table/description';
import { searchEntityList } from '../shared/methods/entityListSearch';
import { executeOperations } from '../shared/execution/execute';
import { listSearch } from '../shared/methods/listSearch';
import { row } from '../shared/table/rowRequest';
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

	methods = {
		listSearch: {
			...listSearch,
			searchApplications: searchEntityList(
				row(applicationOperations, 'showApplications'),
				(app) => String(app.name),
			),
		},
	};

	async execute(this: IExecuteFunctions) {
		return await executeOperations.call(this, applicationOperations);
	}
}
