import { type INodeType, type INodeTypeDescription, type IPollFunctions } from 'n8n-workflow';
import { managingEntityLocator, optionsCollection, simplify } from '../shared/editor/properties';
import { winkTriggerBase } from '../shared/editor/trigger';
import { searchManagingEntities } from '../WinkManagingEntity/methods';
import { pollSettlement } from './poll';

export class WinkSettlementTrigger implements INodeType {
	description: INodeTypeDescription = {
		...winkTriggerBase,
		// Version 2: Simplify (on by default), the flat items of Wink Settlement version 2.
		version: [1, 2],
		defaultVersion: 2,
		displayName: 'Wink Settlement Trigger',
		name: 'winkSettlementTrigger',
		icon: { light: 'file:../icons/wink.svg', dark: 'file:../icons/wink.dark.svg' },
		subtitle:
			'={{ $parameter["event"] === "withdrawalStatusChanged" ? "Withdrawal Status Changed" : "New Ledger Entry" }}',
		// n8n's nodes panel shows one "Wink Settlement" entry for this trigger and the action node,
		// with the trigger's description: it has to describe both.
		description:
			'Payout accounts, ledger, balances and withdrawals of a Wink managing entity; its trigger polls for new ledger entries or withdrawal status changes (no public URL needed)',
		defaults: { name: 'Wink Settlement Trigger' },
		polling: true,
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'New Ledger Entry',
						value: 'newLedgerEntry',
						description: 'Each ledger entry created since the last poll, oldest first',
					},
					{
						name: 'Withdrawal Status Changed',
						value: 'withdrawalStatusChanged',
						description:
							'Each withdrawal whose status differs from the last poll (a new withdrawal too), with its previous status',
					},
				],
				default: 'newLedgerEntry',
			},
			managingEntityLocator,
			simplify,
			optionsCollection([
				{
					displayName: 'Backfill Since',
					name: 'backfillSince',
					type: 'dateTime',
					default: '',
					description:
						'On the first poll, also emit what happened since this time. Empty: the first poll only remembers where the ledger stands and emits nothing.',
				},
			]),
		],
	};

	methods = { listSearch: { searchManagingEntities } };

	async poll(this: IPollFunctions) {
		return await pollSettlement.call(this);
	}
}
