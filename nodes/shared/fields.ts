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

/** Optional body properties: sent only when the user adds them. */
export function additionalFields(options: WinkField['options']): WinkField {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		in: 'body',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}

/** A SimpleAddress body object under `address`; only the lines the user adds are sent. */
export function addressCollection(description?: string): WinkField {
	const line = (displayName: string, name: string) => ({ displayName, name, type: 'string' as const, default: '' });
	return {
		displayName: 'Address',
		name: 'address',
		key: 'address',
		in: 'body',
		type: 'collection',
		placeholder: 'Add Address Field',
		default: {},
		...(description ? { description } : {}),
		options: [
			line('Address Line 1', 'address1'),
			line('Address Line 2', 'address2'),
			line('City', 'city'),
			line('Country Code', 'countryCode'),
			line('County', 'county'),
			line('Postal Code', 'postalCode'),
			line('State', 'state'),
		],
	};
}
