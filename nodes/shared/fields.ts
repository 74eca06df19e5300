import type { WinkField } from './types';

/** Fields several operations share; a table row lists the ones it uses. */

/** An id picked from a list (via a listSearch method) or typed in. */
export function idLocator(
	field: Pick<WinkField, 'displayName' | 'name' | 'in' | 'description'>,
	searchListMethod: string,
	placeholder: string,
): WinkField {
	return {
		...field,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder },
		],
	};
}

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
	idLocator(
		{
			displayName: 'Destination',
			name: 'destinationIdentifier',
			in: 'query',
			description: 'The bank account or Revolut payout account to pay out to',
		},
		'searchPayoutDestinations',
		'e.g. ba-a08ff49b6f77',
	),
];

/** n8n options for an enum of the spec, named in words ("TRAVEL_AGENT" → "Travel Agent"), sorted. */
export function enumOptions(values: readonly string[]) {
	const words = (v: string) =>
		v.toLowerCase().replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
	return values.map((value) => ({ name: words(value), value })).sort((a, b) => a.name.localeCompare(b.name));
}
