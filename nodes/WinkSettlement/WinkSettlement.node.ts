import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { operationSubtitle, winkNodeBase } from '../shared/editor/description';
import { executeOperations } from '../shared/execution/execute';
import { listSearch } from './methods';
import { settlementOperations } from './operations';

export class WinkSettlement implements INodeType {
	description: INodeTypeDescription = {
		...winkNodeBase(settlementOperations, 'Settlement'),
		displayName: 'Wink Settlement',
		name: 'winkSettlement',
		icon: { light: 'file:../icons/wink.svg', dark: 'file:../icons/wink.dark.svg' },
		description: 'Payout accounts, ledger, balances and withdrawals of a Wink managing entity',
		subtitle: operationSubtitle(settlementOperations),
		defaults: { name: 'Wink Settlement' },
		usableAsTool: true,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions) {
		return await executeOperations.call(this, settlementOperations);
	}
}
