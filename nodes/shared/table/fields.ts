import type { WinkField, WinkValue } from './types';

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

const filterOperators = [
	['Contains', 'contains'],
	['Does Not Contain', 'doesnotcontain'],
	['Ends With', 'endswith'],
	['Equals', 'eq'],
	['Greater Than', 'gt'],
	['Greater Than or Equal', 'gte'],
	['In', 'in'],
	['Is Empty', 'isempty'],
	['Is Not Empty', 'isnotempty'],
	['Is Not Null', 'isnotnull'],
	['Is Null', 'isnull'],
	['Less Than', 'lt'],
	['Less Than or Equal', 'lte'],
	['Not Equals', 'neq'],
	['Not In', 'nin'],
	['Starts With', 'startswith'],
].map(([name, value]) => ({ name, value }));

/** The Field of a sort rule or condition: typed text (version 1, managing entity grids). */
const textField = (example: string): WinkValue =>
	({
		displayName: 'Field',
		name: 'field',
		type: 'string',
		default: '',
		required: true,
		placeholder: `e.g. ${example}`,
	}) as WinkValue;

function sortField(field: WinkValue): WinkField {
	return {
		displayName: 'Sort',
		name: 'sort',
		in: 'body',
		type: 'fixedCollection',
		placeholder: 'Add Sort Rule',
		default: {},
		typeOptions: { multipleValues: true, sortable: true },
		description: 'Sort the results by these fields, first rule first',
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					field,
					{
						displayName: 'Direction',
						name: 'dir',
						type: 'options',
						options: [
							{ name: 'Ascending', value: 'asc' },
							{ name: 'Descending', value: 'desc' },
						],
						default: 'asc',
					},
				],
			},
		],
	};
}

// The options of a State's `filter` (CompositeFilterDescriptor): its conditions and logic.
// `inBody`: for a collection that is not itself the body's `filter` (sent to body.filter).
function filterOptions(field: WinkValue, inBody = false): WinkValue[] {
	const where = (name: string) => (inBody ? { in: 'body', key: `filter.${name}` } : {});
	return [
		{
			displayName: 'Conditions',
			name: 'filters',
			type: 'fixedCollection',
			placeholder: 'Add Condition',
			default: {},
			typeOptions: { multipleValues: true },
			...where('filters'),
			options: [
				{
					displayName: 'Condition',
					name: 'condition',
					values: [
						field,
						{
							displayName: 'Operator',
							name: 'operator',
							type: 'options',
							options: filterOperators,
							default: 'eq',
							required: true,
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							description: 'Sent as text; leave empty for operators that take no value',
						},
						{
							displayName: 'Ignore Case',
							name: 'ignoreCase',
							type: 'boolean',
							default: false,
							description: 'Whether to compare without regard to upper and lower case',
						},
					],
				},
			],
		},
		{
			displayName: 'Logic',
			name: 'logic',
			type: 'options',
			options: [
				{ name: 'All Conditions (And)', value: 'and' },
				{ name: 'Any Condition (Or)', value: 'or' },
			],
			default: 'and',
			description: 'Whether a result must match all conditions or any of them',
			...where('logic'),
		},
	] as WinkValue[];
}

/**
 * Sort and filter of a grid's State body (skip/take come from Return All/Limit). Shared by
 * every State operation: the booking grid (version 1) and the managing entity grids.
 */
export const stateSortFilterFields: WinkField[] = [
	sortField(textField('createdDate')),
	{
		displayName: 'Filter',
		name: 'filter',
		key: 'filter',
		in: 'body',
		type: 'collection',
		placeholder: 'Add Filter Option',
		default: {},
		options: filterOptions(textField('status')),
	},
];

/**
 * A grid's Sort, and the conditions and logic of its filter for a Filters collection that also
 * holds other (query) filters. `field`: the Field of sort rules and conditions (e.g. a list).
 */
export function gridSortAndFilterOptions(field: WinkValue) {
	return { sort: sortField(field), filterOptions: filterOptions(field, true) };
}

/** n8n options for an enum of the spec, named in words ("TRAVEL_AGENT" → "Travel Agent"), sorted. */
export function enumOptions(values: readonly string[]) {
	const words = (v: string) =>
		v
			.toLowerCase()
			.replace(/_/g, ' ')
			.replace(/\b\w/g, (c) => c.toUpperCase());
	return values
		.map((value) => ({ name: words(value), value }))
		.sort((a, b) => a.name.localeCompare(b.name));
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
	const line = (displayName: string, name: string) => ({
		displayName,
		name,
		type: 'string' as const,
		default: '',
	});
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

/** Children of a room (customizations and agent bookings): each an age and how many of that age. */
export function childrenField(extra: Partial<WinkValue> = {}): WinkValue {
	return {
		displayName: 'Children',
		name: 'children',
		type: 'fixedCollection',
		placeholder: 'Add Children',
		default: {},
		typeOptions: { multipleValues: true },
		options: [
			{
				displayName: 'Children',
				name: 'child',
				values: [
					{
						displayName: 'Age',
						name: 'age',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						required: true,
					},
					{
						displayName: 'Number',
						name: 'quantity',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 1,
						required: true,
					},
				],
			},
		],
		...extra,
	} as WinkValue;
}
