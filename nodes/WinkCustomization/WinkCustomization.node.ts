import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { operationSubtitle, winkNodeBase } from '../shared/editor/description';
import { executeOperations } from '../shared/execution/execute';
import { listSearch } from './methods';
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

	methods = { listSearch };

	async execute(this: IExecuteFunctions) {
		return await executeOperations.call(this, customizationOperations);
	}
}
