import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';
import { stateSortFilterFields } from '../nodes/shared/table/fields';
import type { WinkField, WinkOperation, WinkValue } from '../nodes/shared/table/types';
import { travelAgentOperations } from '../nodes/WinkTravelAgent/operations';
import { registerNodeType, tableNode } from './harness/engine';
import { apiRequests, useWink } from './harness/fixture';
import { specBodyError } from './harness/specBodies';

// The table generator's shapes, one test row each: what a user fills in (n8n parameters as n8n
// stores them) and the body Wink receives, which must also fit the spec's schema.
const ME = '/api/managing-entity/{managingEntityIdentifier}';
const str = (displayName: string, name: string, extra: Partial<WinkValue> = {}): WinkValue => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...extra,
});
const body = (f: WinkValue): WinkField => ({ ...f, in: 'body' });

const grantValues: WinkValue[] = [
	{
		displayName: 'Section',
		name: 'section',
		type: 'options',
		options: [
			{ name: 'Booking', value: 'BOOKING' },
			{ name: 'Payment', value: 'PAYMENT' },
		],
		default: 'BOOKING',
	},
	{
		displayName: 'Level',
		name: 'level',
		type: 'options',
		options: [
			{ name: 'Read', value: 'READ' },
			{ name: 'Full', value: 'FULL' },
		],
		default: 'READ',
	},
];
const childValues: WinkValue[] = [
	{ displayName: 'Quantity', name: 'quantity', type: 'number', default: 1, required: true },
	{ displayName: 'Age', name: 'age', type: 'number', default: 0, required: true },
];
const roomValues: WinkValue[] = [
	{ displayName: 'Adults', name: 'adults', type: 'number', default: 1, required: true },
	{ displayName: 'Rooms', name: 'quantity', type: 'number', default: 1 },
	{
		displayName: 'Children',
		name: 'children',
		type: 'fixedCollection',
		default: {},
		typeOptions: { multipleValues: true },
		options: [{ displayName: 'Child', name: 'child', values: childValues }],
	},
];
const customizationOptions: WinkValue[] = [
	{ displayName: 'Self Hosted', name: 'selfHosted', type: 'boolean', default: false },
	{
		displayName: 'Number of Advance Days',
		name: 'numberOfAdvanceDays',
		type: 'number',
		default: 0,
	},
	{ displayName: 'Start Date', name: 'startDate', type: 'dateTime', default: '' },
	{ displayName: 'Logos', name: 'logos', key: 'logos', type: 'json', default: '[]' },
	str('Promotional Codes', 'promotionalCodes', {
		typeOptions: { multipleValues: true },
		default: [],
	}),
];
const entityValues: WinkValue[] = [
	str('Identifier', 'identifier', { required: true }),
	str('Name', 'name', { required: true }),
];

const rows: WinkOperation[] = [
	{
		value: 'invite',
		name: 'Invite',
		action: 'Invite',
		description: 'fixedCollection, several values',
		operationId: 'inviteManager',
		method: 'PATCH',
		path: `${ME}/manager/invite`,
		scope: 'account.write',
		output: 'object',
		fields: [
			body(str('Email', 'email', { required: true })),
			body({
				displayName: 'Section Grants',
				name: 'sectionGrants',
				type: 'fixedCollection',
				default: {},
				typeOptions: { multipleValues: true },
				options: [{ displayName: 'Grant', name: 'grant', values: grantValues }],
			}),
		],
	},
	{
		value: 'agency',
		name: 'Agency',
		action: 'Agency',
		description: 'keyed collection, date-only, a number the user set to 0',
		operationId: 'updateManagerAgency',
		method: 'PATCH',
		path: `${ME}/manager/agency`,
		scope: 'account.write',
		output: 'object',
		fields: [
			body(str('Agency', 'agency', { key: 'managingEntityIdentifier', required: true })),
			body({
				displayName: 'Commission',
				name: 'commissionInPercent',
				type: 'number',
				default: 0,
				required: true,
			}),
			body({
				displayName: 'Rules',
				name: 'rules',
				key: 'rules',
				type: 'collection',
				default: {},
				options: [
					{ displayName: 'Expires', name: 'expires', type: 'dateTime', default: '' },
					{ displayName: 'Bookings', name: 'numBookings', type: 'number', default: 1 },
				],
			}),
		],
	},
	{
		value: 'webhook',
		name: 'Webhook',
		action: 'Webhook',
		description: 'required nested object: dotted keys, one-entry fixedCollection',
		operationId: 'createWebhook',
		method: 'POST',
		path: `${ME}/webhook`,
		scope: 'account.write',
		output: 'object',
		fields: [
			body(str('Name', 'name', { required: true })),
			body(str('Entity ID', 'entityId', { key: 'entity.identifier', required: true })),
			body(str('Entity Name', 'entityName', { key: 'entity.name', required: true })),
			body({
				displayName: 'Enabled',
				name: 'enabled',
				type: 'boolean',
				default: true,
				required: true,
			}),
			body(str('URL', 'eventUrl', { required: true })),
			body(
				str('Events', 'eventList', {
					required: true,
					typeOptions: { multipleValues: true },
					default: [],
				}),
			),
		],
	},
	{
		value: 'webhookEntity',
		name: 'Webhook Entity',
		action: 'Webhook entity',
		description: 'fixedCollection, one value',
		operationId: 'createWebhook',
		method: 'POST',
		path: `${ME}/webhook`,
		scope: 'account.write',
		output: 'object',
		fields: [
			body({
				displayName: 'Entity',
				name: 'entity',
				type: 'fixedCollection',
				default: {},
				options: [{ displayName: 'Entity', name: 'entity', values: entityValues }],
			}),
			body({
				displayName: 'Enabled',
				name: 'enabled',
				type: 'boolean',
				default: true,
				required: true,
			}),
			body(str('Name', 'name', { required: true })),
			body(str('URL', 'eventUrl', { required: true })),
			body(
				str('Events', 'eventList', {
					required: true,
					typeOptions: { multipleValues: true },
					default: [],
				}),
			),
		],
	},
	{
		value: 'customization',
		name: 'Customization',
		action: 'Customization',
		description: 'nested fixedCollections, picked scalars, JSON, top-level optional boolean',
		operationId: 'createCustomization',
		method: 'POST',
		path: `${ME}/studio/customization`,
		scope: 'account.write',
		output: 'object',
		fields: [
			body(str('Name', 'name', { required: true })),
			body({ displayName: 'Show Search', name: 'showSearch', type: 'boolean', default: false }),
			body({
				displayName: 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				default: {},
				options: customizationOptions,
			}),
			body({
				displayName: 'Theme Colors',
				name: 'themeColors',
				key: 'themeColors',
				type: 'collection',
				default: {},
				options: [{ displayName: 'Primary', name: 'primary', type: 'color', default: '' }],
			}),
			body({
				displayName: 'Room Configurations',
				name: 'roomConfigurations',
				type: 'fixedCollection',
				default: {},
				typeOptions: { multipleValues: true },
				options: [{ displayName: 'Room', name: 'room', values: roomValues }],
			}),
		],
	},
	{
		value: 'book',
		name: 'Book',
		action: 'Book',
		description: 'a required JSON field',
		operationId: 'createAgentBooking',
		method: 'POST',
		path: `${ME}/booking/agent`,
		scope: 'booking.write',
		output: 'object',
		fields: [
			body({
				displayName: 'Rooms',
				name: 'rooms',
				key: 'rooms',
				type: 'json',
				default: '[]',
				required: true,
			}),
			body(str('Currency', 'displayCurrency', { required: true })),
			body(str('Language', 'displayLanguage', { required: true })),
			body(str('Source URL', 'sourceUrl', { required: true })),
		],
	},
	{
		value: 'grid',
		name: 'Grid',
		action: 'Grid',
		description: 'State sort and filter',
		operationId: 'showAccessibleManagingEntitiesByState',
		method: 'POST',
		path: '/api/managing-entity/grid',
		scope: 'account.read',
		paging: { kind: 'state', pageSize: 50 },
		output: 'list',
		fields: stateSortFilterFields,
	},
];

// Two versions' fields of one name: each version reads only its own (displayOptions '@version').
rows.push({
	value: 'versioned',
	name: 'Versioned',
	action: 'Versioned',
	description: 'a field per node version',
	operationId: 'showAggregateFunds',
	method: 'GET',
	path: `${ME}/booking/funds`,
	scope: 'booking.read',
	output: 'object',
	fields: [
		{
			...str('Pick', 'pick', { key: 'state' }),
			in: 'query',
			displayOptions: { show: { '@version': [1] } },
		},
		{
			...str('Pick', 'pick', { key: 'accountFundsOnly' }),
			in: 'query',
			displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
		},
	],
});

rows.push(...travelAgentOperations);

const logo = {
	multimediaIdentifier: 'mm-1',
	identifier: 'cld/logo',
	type: 'IMAGE',
	source: 'CLOUDINARY',
	sort: 1,
	width: 200,
	height: 80,
};

const cases: Array<[string, string, INodeParameters, IDataObject]> = [
	[
		'fixedCollection with multipleValues: an array of objects; n8n fills an entry value left out',
		'invite',
		{
			email: 'ana@example.com',
			sectionGrants: { grant: [{ section: 'PAYMENT', level: 'FULL' }, { section: 'BOOKING' }] },
		},
		{
			email: 'ana@example.com',
			sectionGrants: [
				{ section: 'PAYMENT', level: 'FULL' },
				{ section: 'BOOKING', level: 'READ' },
			],
		},
	],
	[
		'an optional fixedCollection with no entry is not sent',
		'invite',
		{ email: 'ana@example.com' },
		{ email: 'ana@example.com' },
	],
	[
		'keyed collection nests; a date picker value is sent as a date; a number set to 0 is sent',
		'agency',
		{
			agency: 'me-agency',
			commissionInPercent: 7.5,
			rules: { expires: '2026-12-31T00:00:00', numBookings: 0 },
		},
		{
			managingEntityIdentifier: 'me-agency',
			commissionInPercent: 7.5,
			rules: { expires: '2026-12-31', numBookings: 0 },
		},
	],
	[
		'a date from an expression keeps its own calendar day',
		'agency',
		{
			agency: 'me-agency',
			commissionInPercent: 0,
			rules: { expires: '={{ "2026-07-01T23:30:00.000+05:00" }}' },
		},
		{
			managingEntityIdentifier: 'me-agency',
			commissionInPercent: 0,
			rules: { expires: '2026-07-01' },
		},
	],
	[
		'dotted keys build a required nested object; a required boolean is sent even when false',
		'webhook',
		{
			name: 'Bookings',
			entityId: 'me-1',
			entityName: 'Hotel',
			enabled: false,
			eventUrl: 'https://example.com/hook',
			eventList: [],
		},
		{
			name: 'Bookings',
			entity: { identifier: 'me-1', name: 'Hotel' },
			enabled: false,
			eventUrl: 'https://example.com/hook',
			eventList: [],
		},
	],
	[
		'fixedCollection without multipleValues: one object',
		'webhookEntity',
		{
			name: 'B',
			eventUrl: 'https://example.com/h',
			eventList: ['booking.created'],
			entity: { entity: { identifier: 'me-1', name: 'Hotel' } },
		},
		{
			entity: { identifier: 'me-1', name: 'Hotel' },
			enabled: true,
			name: 'B',
			eventUrl: 'https://example.com/h',
			eventList: ['booking.created'],
		},
	],
	[
		'nested fixedCollections; optional numbers at their default are left out; picked false and 0 are sent; JSON and string lists',
		'customization',
		{
			name: 'Summer',
			additionalFields: {
				selfHosted: false,
				numberOfAdvanceDays: 0,
				startDate: '2026-06-01T00:00:00',
				logos: JSON.stringify([logo]),
				promotionalCodes: ['SUMMER', 'VIP'],
			},
			themeColors: { primary: '#112233' },
			roomConfigurations: {
				room: [
					{ adults: 2, quantity: 1, children: { child: [{ quantity: 1, age: 5 }] } },
					{ adults: 1, quantity: 2 },
				],
			},
		},
		{
			name: 'Summer',
			selfHosted: false,
			numberOfAdvanceDays: 0,
			startDate: '2026-06-01',
			logos: [logo],
			promotionalCodes: ['SUMMER', 'VIP'],
			themeColors: { primary: '#112233' },
			roomConfigurations: [
				{ adults: 2, children: [{ quantity: 1, age: 5 }] },
				{ adults: 1, quantity: 2 },
			],
		},
	],
	[
		'a top-level optional boolean at its default is not sent',
		'customization',
		{ name: 'Plain', showSearch: false },
		{ name: 'Plain' },
	],
	[
		'a top-level optional boolean the user changed is sent',
		'customization',
		{ name: 'Plain', showSearch: true },
		{ name: 'Plain', showSearch: true },
	],
	[
		'dotted keys in an entry and in a collection inside it fill one nested object',
		'createBooking',
		{
			displayCurrency: 'USD',
			displayLanguage: 'en',
			sourceUrl: 'https://example.com',
			rooms: {
				room: [
					{
						hotelIdentifier: 'h-1',
						roomRateIdentifier: 'rr-1',
						startDate: '2026-08-01T00:00:00',
						adults: 2,
						guestFirstName: 'Ana',
						guestLastName: 'Costa',
						guestEmail: 'ana@example.com',
						roomOptions: {
							quantity: 2,
							guestTelephone: '+351 21 000 0000',
							nights: 2,
							children: { child: [{ age: 4, quantity: 1 }] },
						},
					},
				],
			},
		},
		{
			rooms: [
				{
					hotelIdentifier: 'h-1',
					roomRateIdentifier: 'rr-1',
					startDate: '2026-08-01',
					nights: 2,
					roomConfiguration: { adults: 2, quantity: 2, children: [{ age: 4, quantity: 1 }] },
					user: {
						firstName: 'Ana',
						lastName: 'Costa',
						email: 'ana@example.com',
						telephone: '+351 21 000 0000',
					},
				},
			],
			displayCurrency: 'USD',
			displayLanguage: 'en',
			sourceUrl: 'https://example.com',
		},
	],
	[
		'State sort and filter: a collection holding a fixedCollection; ignoreCase only when on',
		'grid',
		{
			returnAll: false,
			limit: 5,
			sort: { rule: [{ field: 'name', dir: 'desc' }, { field: 'type' }] },
			filter: {
				logic: 'or',
				filters: {
					condition: [
						{ field: 'type', operator: 'eq', value: 'HOTEL' },
						{ field: 'name', operator: 'contains', value: 'grand', ignoreCase: true },
						{ field: 'description', operator: 'isnull' },
					],
				},
			},
		},
		{
			sort: [
				{ field: 'name', dir: 'desc' },
				{ field: 'type', dir: 'asc' },
			],
			filter: {
				logic: 'or',
				filters: [
					{ field: 'type', operator: 'eq', value: 'HOTEL' },
					{ field: 'name', operator: 'contains', value: 'grand', ignoreCase: true },
					{ field: 'description', operator: 'isnull' },
				],
			},
			skip: 0,
			take: 5,
		},
	],
];

describe('table generator shapes', () => {
	const w = useWink();
	registerNodeType('test.winkTable', tableNode(rows));
	const run = (operation: string, parameters: INodeParameters) =>
		w.h.run({
			nodeType: 'test.winkTable',
			parameters: { operation, managingEntity: w.me, ...parameters },
		});

	test.each(cases)('%s', async (_, operation, parameters, expected) => {
		await run(operation, parameters);
		const sent = apiRequests(w.sb).at(-1)!;
		expect(sent.body).toEqual(expected);
		const op = rows.find((r) => r.value === operation)!;
		expect(specBodyError(op.operationId, sent.body)).toBeUndefined();
	});

	test('a field shown for some node versions is read in those only', async () => {
		for (const typeVersion of [1, 2]) {
			await w.h.run({
				nodeType: 'test.winkTable',
				parameters: { operation: 'versioned', managingEntity: w.me, pick: 'x' },
				settings: { typeVersion },
			});
		}
		expect(apiRequests(w.sb).map((r) => r.query)).toEqual([
			{ state: 'x' },
			{ accountFundsOnly: 'x' },
		]);
	});

	test('a JSON field that breaks the spec schema is refused before sending, naming field, item and fault', async () => {
		const bad = { ...logo, width: '200' };
		const { items } = await w.h.run({
			nodeType: 'test.winkTable',
			items: [{ l: [logo] }, { l: [bad] }],
			continueOnFail: true,
			parameters: {
				operation: 'customization',
				managingEntity: w.me,
				name: 'X',
				additionalFields: { logos: '={{ JSON.stringify($json.l) }}' },
			},
		});
		expect(items[1].json.error).toBe('Logos: logos[0].width must be integer (got string) (item 1)');
		// The first item was sent; the second never left n8n.
		expect(apiRequests(w.sb).map((r) => (r.body as IDataObject).logos)).toEqual([[logo]]);
	});

	test('a date-time in a JSON date field is sent as the date the spec asks for', async () => {
		const room = {
			hotelIdentifier: 'h-1',
			roomRateIdentifier: 'rr-1',
			startDate: '2026-08-01T00:00:00',
			roomConfiguration: { adults: 2 },
			user: { firstName: 'Ana', lastName: 'Costa', email: 'ana@example.com' },
		};
		const booking = {
			displayCurrency: 'EUR',
			displayLanguage: 'en',
			sourceUrl: 'https://example.com',
		};
		await run('book', { rooms: JSON.stringify([room]), ...booking });
		expect(apiRequests(w.sb).at(-1)!.body).toEqual({
			rooms: [{ ...room, startDate: '2026-08-01' }],
			...booking,
		});

		w.sb.resetStats();
		const { error } = await run('book', { rooms: '[]', ...booking });
		expect(error?.message).toBe('Rooms: rooms must have at least 1 item(s) (item 0)');
		expect(apiRequests(w.sb)).toHaveLength(0);
	});

	test('the editor sees n8n parameters only: no table keys at any depth', () => {
		const properties = tableNode(rows).description.properties;
		const keysOf = (list: INodeProperties[]): string[] =>
			list.flatMap((p) => [
				...Object.keys(p).filter((k) => k === 'key' || k === 'in'),
				...keysOf(
					((p.options ?? []) as Array<INodeProperties & { values?: INodeProperties[] }>).flatMap(
						(o) => o.values ?? ('type' in o ? [o] : []),
					),
				),
			]);
		expect(keysOf(properties)).toEqual([]);
	});
});
