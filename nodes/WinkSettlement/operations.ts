import {
	additionalFields,
	addressCollection,
	destinationFields,
	idLocator,
} from '../shared/table/fields';
import type { WinkField, WinkOperation } from '../shared/table/types';
import { estimateGuard, withdrawalGuard } from './withdrawalGuard';
import { reconcileHook } from './reconcile/hook';
import { BANK_OUTPUTS, bankOutputsWhen } from './reconcile/properties';
import { simplifyLedgerEntry, simplifyOutcome, simplifyWithdrawal } from './simplify';

const ME = '/api/managing-entity/{managingEntityIdentifier}';

// Adding or changing a payout destination decides where future withdrawals go: as an AI tool,
// refused unless a person allowed it (shared/execution/aiTool.ts), like a withdrawal.
const PAYOUT_DESTINATION = 'changes where Wink pays out';

const currencyCode = (description: string): WinkField => ({
	displayName: 'Currency Code',
	name: 'currencyCode',
	in: 'body',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'EUR',
	description,
});

const bankAccountId = idLocator(
	{ displayName: 'Bank Account', name: 'bankAccountIdentifier', in: 'path' },
	'searchBankAccounts',
	'e.g. ba-a08ff49b6f77',
);

const revolutAccountId = idLocator(
	{ displayName: 'Revolut Payout Account', name: 'revolutPayoutAccountIdentifier', in: 'path' },
	'searchRevolutAccounts',
	'e.g. rpa-f5bd14dcc312',
);

const bankAccountBody: WinkField[] = [
	{
		displayName: 'Country Code',
		name: 'countryCode',
		in: 'body',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'PT',
		description: 'ISO country of the bank account',
	},
	currencyCode('ISO 4217 currency of the bank account'),
	{
		displayName: 'Account Holder Name',
		name: 'accountHolderName',
		in: 'body',
		type: 'string',
		default: '',
		required: true,
	},
	{
		displayName: 'Account Number',
		name: 'accountNumber',
		in: 'body',
		type: 'string',
		default: '',
		required: true,
		description: 'The IBAN in EU countries; elsewhere the account number (with a routing number)',
	},
	additionalFields([
		{
			displayName: 'Routing Number',
			name: 'routingNumber',
			type: 'string',
			default: '',
			description: 'Routing number; the sort code in HK and the Zengin code in JP',
		},
		{
			displayName: 'SWIFT Code',
			name: 'swiftCode',
			type: 'string',
			default: '',
			description: 'Identifies the bank and branch',
		},
	]),
	addressCollection(
		'Recipient address: recommended by Revolut and required by some payout corridors',
	),
];

const revolutAccountBody: WinkField[] = [
	{
		displayName: 'Profile Type',
		name: 'profileType',
		in: 'body',
		type: 'options',
		options: [
			{ name: 'Business', value: 'business' },
			{ name: 'Personal', value: 'personal' },
		],
		default: 'business',
		required: true,
		description: "Whether the recipient's Revolut profile is personal or business",
	},
	{
		displayName: 'Account Holder Name',
		name: 'accountHolderName',
		in: 'body',
		type: 'string',
		default: '',
		required: true,
		description: "Must match the recipient's Revolut profile name",
	},
	{
		displayName: 'Revtag',
		name: 'revtag',
		in: 'body',
		type: 'string',
		default: '',
		required: true,
		placeholder: '@hotelxinc',
		description: "The recipient's Revolut revtag, with or without the leading @",
	},
	currencyCode('ISO 4217 currency of the payouts'),
];

/** Wink Settlement: payout accounts, the ledger and withdrawals. */
export const settlementOperations: WinkOperation[] = [
	{
		value: 'getTransactions',
		name: 'Get Ledger Transactions',
		action: 'Get ledger transactions',
		description:
			'Returns ledger entries, newest first: amount, currency, debit or credit, funds type, reference and date of each',
		operationId: 'getTransactionHistory',
		method: 'GET',
		path: `${ME}/payment/ledger/transactions`,
		scope: 'accounting.read',
		paging: { kind: 'page', pageSize: 100, newestFirst: { id: 'id', date: 'createdDate' } },
		output: 'list',
		simplify: simplifyLedgerEntry,
	},
	{
		value: 'getBalance',
		name: 'Get Available Balance',
		action: 'Get available balance',
		description: 'Returns the withdrawable balance per currency',
		operationId: 'getAvailableBalance',
		method: 'GET',
		path: `${ME}/payment/ledger/balance`,
		scope: 'accounting.read',
		output: 'list',
	},
	{
		value: 'getWithdrawals',
		name: 'Get Withdrawal History',
		action: 'Get withdrawal history',
		description:
			'Returns every withdrawal, most recent first: ID, status, gross and net amounts, fees, currency, destination, reference and dates',
		operationId: 'getWithdrawalHistory',
		method: 'GET',
		path: `${ME}/payment/withdrawal`,
		scope: 'payment.read',
		output: 'list',
		simplify: simplifyWithdrawal,
	},
	{
		value: 'getWithdrawal',
		name: 'Get Withdrawal',
		action: 'Get a withdrawal',
		description:
			'Returns one withdrawal by its Withdrawal ID: status, amounts, fee breakdown, reference and dates',
		operationId: 'getWithdrawal',
		method: 'GET',
		path: `${ME}/payment/withdrawal/{withdrawalId}`,
		scope: 'payment.read',
		// A locator; a workflow saved when this was plain text holds a string, which n8n reads as is.
		fields: [
			idLocator(
				{
					displayName: 'Withdrawal ID',
					name: 'withdrawalId',
					in: 'path',
					description:
						'The withdrawal to get: pick it by reference code, amount, status and date, or give its ID',
				},
				'searchWithdrawals',
				'e.g. wd-3f1c9a2b7d04',
			),
		],
		output: 'object',
		simplify: simplifyWithdrawal,
		notFound:
			"Check the withdrawal's ID, or pick the withdrawal From List. A withdrawal is found only under the managing entity that made it: check the Managing Entity too.",
	},
	{
		value: 'estimateFees',
		name: 'Estimate Withdrawal Fees',
		action: 'Estimate withdrawal fees',
		description:
			'Returns the fees and net amount of a full-balance withdrawal to a destination (by its ID); moves no money',
		operationId: 'estimateFees',
		method: 'GET',
		path: `${ME}/payment/withdrawal/estimate`,
		scope: 'payment.read',
		fields: destinationFields,
		output: 'object',
		hook: estimateGuard,
	},
	{
		value: 'initiateWithdrawal',
		name: 'Initiate Withdrawal',
		action: 'Initiate a withdrawal',
		description:
			'Withdraws the full available balance to a payout destination (by its ID) and returns the withdrawal. Moves money: sent once, never retried automatically.',
		operationId: 'initiateWithdrawal',
		method: 'POST',
		path: `${ME}/payment/withdrawal`,
		scope: 'payment.write',
		fields: destinationFields,
		output: 'object',
		movesMoney: true,
		hook: withdrawalGuard,
		simplify: simplifyOutcome,
		secondOutput: {
			first: 'Initiated',
			second: 'Not initiated',
			takes: (row) => row.initiated === false,
		},
	},
	{
		value: 'reconcile',
		name: 'Reconcile',
		action: 'Reconcile withdrawals',
		description:
			'Checks each withdrawal of a window against the ledger (and, given bank lines as input, against the bank): one item per withdrawal with its verdict, or a summary per currency. Reads only; needs accounting.read too (the ledger).',
		// Reads the withdrawal history, then the ledger (getTransactionHistory, accounting.read).
		operationId: 'getWithdrawalHistory',
		method: 'GET',
		path: `${ME}/payment/withdrawal`,
		scope: 'payment.read',
		output: 'list',
		// One run over all input items (the bank lines): no Concurrency option.
		parallel: false,
		hook: reconcileHook,
		outputs: { when: bankOutputsWhen, names: BANK_OUTPUTS },
	},
	{
		value: 'addBankAccount',
		name: 'Add Bank Account',
		action: 'Add a bank account',
		description: 'Adds a payout bank account; returns the updated managing entity',
		operationId: 'addBankAccount',
		method: 'POST',
		path: `${ME}/bank-account`,
		scope: 'account.write',
		fields: bankAccountBody,
		output: 'object',
		aiToolOptIn: PAYOUT_DESTINATION,
	},
	{
		value: 'updateBankAccount',
		name: 'Update Bank Account',
		action: 'Update a bank account',
		description:
			'Replaces the details of a payout bank account (by its ID); returns the updated managing entity',
		operationId: 'upsertBankAccount',
		method: 'PUT',
		path: `${ME}/bank-account/{bankAccountIdentifier}`,
		scope: 'account.write',
		fields: [bankAccountId, ...bankAccountBody],
		output: 'object',
		aiToolOptIn: PAYOUT_DESTINATION,
	},
	{
		value: 'removeBankAccount',
		name: 'Remove Bank Account',
		action: 'Remove a bank account',
		description: 'Removes a payout bank account (by its ID); returns the updated managing entity',
		operationId: 'removeBankAccount',
		method: 'DELETE',
		path: `${ME}/bank-account/{bankAccountIdentifier}`,
		scope: 'account.remove',
		fields: [bankAccountId],
		output: 'object',
	},
	{
		value: 'addRevolutAccount',
		name: 'Add Revolut Payout Account',
		action: 'Add a Revolut payout account',
		description:
			'Adds a Revolut revtag payout destination (Wink validates the revtag at once); returns the updated managing entity',
		operationId: 'addRevolutPayoutAccount',
		method: 'POST',
		path: `${ME}/revolut-payout-account`,
		scope: 'account.write',
		fields: revolutAccountBody,
		output: 'object',
		aiToolOptIn: PAYOUT_DESTINATION,
	},
	{
		value: 'updateRevolutAccount',
		name: 'Update Revolut Payout Account',
		action: 'Update a Revolut payout account',
		description:
			'Replaces a Revolut payout destination (by its ID); Wink re-validates the revtag; returns the updated managing entity',
		operationId: 'upsertRevolutPayoutAccount',
		method: 'PUT',
		path: `${ME}/revolut-payout-account/{revolutPayoutAccountIdentifier}`,
		scope: 'account.write',
		fields: [revolutAccountId, ...revolutAccountBody],
		output: 'object',
		aiToolOptIn: PAYOUT_DESTINATION,
	},
	{
		value: 'removeRevolutAccount',
		name: 'Remove Revolut Payout Account',
		action: 'Remove a Revolut payout account',
		description:
			'Removes a Revolut payout destination (by its ID); returns the updated managing entity',
		operationId: 'removeRevolutPayoutAccount',
		method: 'DELETE',
		path: `${ME}/revolut-payout-account/{revolutPayoutAccountIdentifier}`,
		scope: 'account.remove',
		fields: [revolutAccountId],
		output: 'object',
	},
];
