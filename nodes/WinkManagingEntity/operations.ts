import {
	additionalFields,
	addressCollection,
	enumOptions,
	stateSortFilterFields,
} from '../shared/table/fields';
import type { WinkField, WinkOperation } from '../shared/table/types';
import { flatItem } from '../shared/table/simplify';

const ME = '/api/managing-entity/{managingEntityIdentifier}';

// Enums of the spec: ManagingEntity.type (the full registration allows 15 of the 20), .status, .ownerType.
const ENTITY_TYPES = [
	'TRIP_PAY',
	'FACILITATOR',
	'DIRECT',
	'APPLICATION',
	'HOTEL',
	'TRAVELIKO',
	'CORPORATE',
	'TRAVEL_AGENT',
	'INFLUENCER',
	'BLOGGER',
	'DESTINATION',
	'CHANNEL_MANAGER',
	'PROPERTY_MANAGEMENT_SYSTEM',
	'CENTRAL_RESERVATION_SYSTEM',
	'GOOGLE_HOTEL_API',
	'MANAGEMENT_COMPANY',
	'CHAIN',
	'BRAND',
	'EVENT_ORGANIZER',
	'OTHER',
];
const NOT_REGISTRABLE = ['TRIP_PAY', 'FACILITATOR', 'DIRECT', 'TRAVELIKO', 'GOOGLE_HOTEL_API'];
const STATUSES = [
	'PENDING_APPROVAL',
	'ACTIVE',
	'INACTIVE',
	'UNDER_REVIEW',
	'SUSPENDED',
	'REJECTED',
	'REMOVED',
];

const text = (
	displayName: string,
	name: string,
	description: string,
	extra: Partial<WinkField> = {},
): WinkField => ({
	displayName,
	name,
	in: 'body',
	type: 'string',
	default: '',
	required: true,
	description,
	...extra,
});

const entityType = (values: string[]): WinkField => ({
	displayName: 'Type',
	name: 'type',
	in: 'body',
	type: 'options',
	options: enumOptions(values),
	default: 'HOTEL',
	required: true,
	description: 'What kind of business the managing entity is',
});

const ownerType: WinkField = {
	displayName: 'Owner Type',
	name: 'ownerType',
	in: 'body',
	type: 'options',
	options: enumOptions(['COMPANY', 'INDIVIDUAL']),
	default: 'COMPANY',
	required: true,
	description: 'Whether a company or a person owns it',
};

const name = text('Name', 'name', 'Name of the managing entity', {
	placeholder: 'e.g. Grand Azure Hotel',
});
const description = text(
	'Description',
	'description',
	'Short description of the company or person',
	{
		typeOptions: { rows: 3 },
	},
);
const cityGeoNameId = text('City GeoNames ID', 'cityGeoNameId', 'GeoNames ID of the city', {
	placeholder: 'e.g. 2267057',
});

const legalName = {
	displayName: 'Legal Name',
	name: 'legalName',
	type: 'string' as const,
	default: '',
	description: 'Legal name, if other than the name',
};
const urlName = {
	displayName: 'URL Name',
	name: 'urlName',
	type: 'string' as const,
	default: '',
	placeholder: 'e.g. grand-azure-hotel',
	description: 'Chosen vanity URL path',
};

// The three POST *-check operations share UniqueRequest: the value to check and an entity to leave out.
const uniqueCheck = (
	row: Pick<WinkOperation, 'value' | 'operationId' | 'path'>,
	label: string,
	what: string,
): WinkOperation => ({
	...row,
	name: `Check ${label}`,
	action: `Check whether a ${what} is free`,
	description: `Check that no other managing entity uses this ${what}`,
	method: 'POST',
	scope: 'account.read',
	fields: [
		text(label, 'name', `The ${what} to check`),
		additionalFields([
			{
				displayName: 'Except Managing Entity ID',
				name: 'identifier',
				type: 'string',
				default: '',
				description: `A managing entity allowed to have this ${what} already (e.g. the one being renamed)`,
			},
		]),
	],
	output: 'object',
});

// Simplify (node version 2): who the entity is, its state and money currency; the spec's
// ManagingEntity names, the city's name out of the nested city.
const simplifyManagingEntity = flatItem({
	name: 'name',
	type: 'type',
	status: 'status',
	uniqueId: 'uniqueId',
	currencyCode: 'currencyCode',
	accountEmail: 'accountEmail',
	city: 'city.name',
	verified: 'verified',
	id: 'id',
});

/** Wink Managing Entity: the entities themselves (reads, grids, registration, profile, checks). */
export const managingEntityOperations: WinkOperation[] = [
	{
		value: 'get',
		name: 'Get',
		action: 'Get a managing entity',
		description: 'Get one managing entity with its settings and payout accounts',
		operationId: 'showManagingEntity',
		method: 'GET',
		path: ME,
		scope: 'account.read',
		output: 'object',
		simplify: simplifyManagingEntity,
	},
	{
		value: 'getMany',
		name: 'Get Many',
		action: 'Get many managing entities',
		description: 'List the managing entities you own, optionally of one type',
		operationId: 'showAccessibleManagingEntities',
		method: 'GET',
		path: '/api/managing-entity/list',
		scope: 'account.read',
		fields: [
			{
				displayName: 'Type',
				name: 'type',
				in: 'query',
				type: 'options',
				options: [{ name: 'Any Type', value: '' }, ...enumOptions(ENTITY_TYPES)],
				default: '',
				description: 'Only managing entities of this type',
			},
		],
		output: 'list',
		simplify: simplifyManagingEntity,
	},
	{
		value: 'getManyAllRoles',
		name: 'Get Many (All Roles)',
		action: 'Get managing entities of every role',
		description:
			'List every managing entity you are associated with, in any role (owner, manager, …)',
		operationId: 'showManagingEntities',
		method: 'GET',
		path: '/api/managing-entity/list/all',
		scope: 'account.read',
		output: 'list',
		simplify: simplifyManagingEntity,
	},
	{
		value: 'search',
		name: 'Search',
		action: 'Search managing entities',
		description: 'Sort and filter the managing entities you can access',
		operationId: 'showAccessibleManagingEntitiesByState',
		method: 'POST',
		path: '/api/managing-entity/grid',
		scope: 'account.read',
		fields: stateSortFilterFields,
		paging: { kind: 'state', pageSize: 180 },
		parallel: true, // a POST that only reads
		output: 'list',
		simplify: simplifyManagingEntity,
	},
	{
		value: 'searchUnprovisioned',
		name: 'Search Unprovisioned',
		action: 'Search unprovisioned managing entities',
		description: 'Sort and filter managing entities whose onboarding is not finished',
		operationId: 'showUnprovisionedManagingEntitiesByState',
		method: 'POST',
		path: '/api/managing-entity/unprovisioned',
		scope: 'account.read',
		fields: stateSortFilterFields,
		paging: { kind: 'state', pageSize: 180 },
		parallel: true, // a POST that only reads
		output: 'list',
		simplify: simplifyManagingEntity,
	},
	{
		value: 'register',
		name: 'Register',
		action: 'Register a managing entity',
		description: 'Create a managing entity from the full registration details',
		operationId: 'registerManagingEntity',
		method: 'POST',
		path: '/api/managing-entity',
		scope: 'account.write',
		fields: [
			name,
			entityType(ENTITY_TYPES.filter((t) => !NOT_REGISTRABLE.includes(t))),
			ownerType,
			description,
			text('Account Email', 'accountEmail', 'Where Wink sends KYC documents and account mail', {
				placeholder: 'name@email.com',
			}),
			text('Account Phone Number', 'accountPhoneNumber', 'Phone number, mostly used for KYC', {
				placeholder: '+1 212 555 1212',
			}),
			text('Currency Code', 'currencyCode', "The account's main currency (ISO 4217)", {
				placeholder: 'EUR',
			}),
			cityGeoNameId,
			text('URL Name', 'urlName', 'Chosen vanity URL path', {
				placeholder: 'e.g. grand-azure-hotel',
			}),
			text(
				'Google Place ID',
				'placeId',
				'Google place ID of a property with a Google Business account',
			),
			additionalFields([
				legalName,
				{
					displayName: 'Marketing Opt-In',
					name: 'marketingOptinAllowed',
					type: 'boolean',
					default: false,
					description: 'Whether Wink may use the logo and images for marketing (with credits)',
				},
				{
					displayName: 'Website',
					name: 'url',
					type: 'string',
					default: '',
					description: 'Brand website, or the main social account of a person without one',
				},
			]),
			addressCollection(),
			{
				displayName: 'Travel Agent',
				name: 'travelAgent',
				key: 'travelAgent',
				in: 'body',
				type: 'collection',
				placeholder: 'Add Travel Agent Setting',
				default: {},
				description: 'For a travel agent: add both settings (Wink requires both when this is sent)',
				options: [
					{
						displayName: 'Self Acquires',
						name: 'selfAcquires',
						type: 'boolean',
						default: false,
						description: 'Whether the agent acquires its own payments',
					},
					{
						displayName: 'Self Disburses',
						name: 'selfDisburses',
						type: 'boolean',
						default: false,
						description: 'Whether the agent pays out on its own',
					},
				],
			},
		],
		output: 'object',
	},
	{
		value: 'registerFromWinkLinks',
		name: 'Register From WinkLinks',
		action: 'Register a managing entity from WinkLinks',
		description: 'Create a managing entity from the minimal WinkLinks onboarding details',
		operationId: 'registerManagingEntityFromWinkLinks',
		method: 'POST',
		path: '/api/managing-entity/winklinks',
		scope: 'account.write',
		fields: [
			name,
			entityType(ENTITY_TYPES),
			ownerType,
			description,
			cityGeoNameId,
			additionalFields([urlName]),
		],
		output: 'object',
	},
	{
		value: 'updateProfile',
		name: 'Update Profile',
		action: 'Update a managing entity profile',
		description: 'Change the name, legal name and description; returns the updated entity',
		operationId: 'updateProfile',
		method: 'PATCH',
		path: `${ME}/profile`,
		scope: 'account.write',
		fields: [name, description, additionalFields([legalName])],
		output: 'object',
	},
	{
		value: 'updateStatus',
		name: 'Update Status',
		action: 'Update a managing entity status',
		description: 'Activate, deactivate or suspend the managing entity; returns the updated entity',
		operationId: 'updateManagingEntityStatus',
		method: 'PATCH',
		path: `${ME}/status`,
		scope: 'account.write',
		fields: [
			{
				displayName: 'Status',
				name: 'status',
				in: 'body',
				type: 'options',
				options: enumOptions(STATUSES),
				default: 'ACTIVE',
				required: true,
				description: 'The new lifecycle status',
			},
			additionalFields([
				{
					displayName: 'Reason',
					name: 'reason',
					type: 'string',
					default: '',
					description: 'Why the status changes',
				},
			]),
		],
		output: 'object',
	},
	{
		value: 'updateOnlinePresence',
		name: 'Update Online Presence',
		action: 'Update a managing entity online presence',
		description:
			'Set the websites and social accounts of the managing entity; returns the updated entity',
		operationId: 'updateCompanyOnlinePresence',
		method: 'PATCH',
		path: `${ME}/online-presence`,
		scope: 'account.write',
		fields: [
			{
				displayName: 'Online Presence (JSON)',
				name: 'onlinePresence',
				key: 'onlinePresence',
				in: 'body',
				type: 'json',
				default: '[]',
				required: true,
				description:
					'A list of { type, identifier } with optional audiences, audienceSize, sort and disabled; type is e.g. WEB_SITE, INSTAGRAM, FACEBOOK, LINKEDIN, TIKTOK, YOUTUBE. An empty list removes all.',
				placeholder: '[{ "type": "INSTAGRAM", "identifier": "@grandazure" }]',
			},
		],
		output: 'object',
	},
	{
		value: 'checkNameInCity',
		name: 'Check Name in City',
		action: 'Check whether a name is free in a city',
		description: 'Check that no other managing entity in the city has this name',
		operationId: 'isNameUnique',
		method: 'GET',
		path: '/api/managing-entity/name',
		scope: 'account.read',
		fields: [
			{ ...name, in: 'query', description: 'The name to check' },
			{
				...cityGeoNameId,
				name: 'geoNameId',
				in: 'query',
				required: false,
				description: 'Check within this city only (GeoNames ID)',
			},
			{
				displayName: 'Except Managing Entity ID',
				name: 'managingEntityIdentifier',
				in: 'query',
				type: 'string',
				default: '',
				description:
					'A managing entity allowed to have this name already (e.g. the one being renamed)',
			},
		],
		output: 'object',
	},
	uniqueCheck(
		{
			value: 'checkName',
			operationId: 'isManagingEntityNameUnique',
			path: '/api/managing-entity-name-check',
		},
		'Name',
		'name',
	),
	uniqueCheck(
		{
			value: 'checkUrlName',
			operationId: 'isUrlNameUnique',
			path: '/api/managing-entity-url-name-check',
		},
		'URL Name',
		'URL name',
	),
	uniqueCheck(
		{
			value: 'checkUniqueId',
			operationId: 'isUniqueIdUnique',
			path: '/api/managing-entity-unique-id-check',
		},
		'Unique ID',
		'unique ID',
	),
];
