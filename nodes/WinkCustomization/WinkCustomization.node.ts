import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { operationSubtitle, winkNodeBase } from '../shared/table/description';
import { executeOperations } from '../shared/execution/execute';
import { listSearch } from '../shared/methods/listSearch';
import { row } from '../shared/table/rowRequest';
import { searchEntityList } from '../shared/methods/entityListSearch';
import { customizationOperations } from './operations';

export class WinkCustomization implements INodeType {
	description: INodeTypeDescription = {
		...winkNodeBase(customizationOperations, 'Customization'),
		displayName: 'Wink Customization',
		name: 'winkCustomization',
		icon: { light: 'file:../icons/wink.svg', dark: 'file:../icons/wink.dark.svg' },
		description: 'Booking engine configurations (customizations) of a Wink managing entity',
		subtitle: operationSubtitle(customizationOperations),
		defaults: { name: 'Wink Customization' },
		usableAsTool: true,
	};

	methods = {
		listSearch: {
			...listSearch,
			searchCustomizations: searchEntityList(
				row(customizationOperations, 'showApplicationConfigurationsByOwner'),
				(c) => `${c.name}${c.primary ? ' (primary)' : ''}`,
			),
		},
	};

	async execute(this: IExecuteFunctions) {
		return await executeOperations.call(this, customizationOperations);
	}
}
