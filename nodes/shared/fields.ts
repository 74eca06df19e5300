import type { WinkField } from './types';

/** Fields several operations share; a table row lists the ones it uses. */

export const destinationFields: WinkField[] = [
	{
		displayName: 'Destination Kind',
		name: 'destinationKind',
		in: 'query',
		type: 'options',
		options: [
			{ name: 'Bank Account', value: 'BankAccount' },
			{ name: 'Revolut Payout Account', value: 'RevolutPayoutAccount' },
		],
		default: 'BankAccount',
		required: true,
		description: 'Which collection of the managing entity holds the payout destination',
	},
	{
		displayName: 'Destination ID',
		name: 'destinationIdentifier',
		in: 'query',
		type: 'string',
		default: '',
		required: true,
		description: 'Identifier of the bank account or Revolut payout account to pay out to',
	},
];
