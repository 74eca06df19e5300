'use strict';
// Request body schemas copied by hand from the spec (account-api 30.49.0): required fields,
// string types and enums. Only what the sandbox validates; extra properties are ignored.

const ADDRESS_FIELDS = [
	'address1',
	'address2',
	'state',
	'postalCode',
	'county',
	'city',
	'countryCode',
];
const { FILTER_OPERATORS } = require('./grid');

const str = { type: 'string' };
const nonBlank = { type: 'string', minLength: 1 };

// Enums of the spec (ManagingEntity.type, .status, .ownerType; the create request allows fewer types).
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
const REGISTERED_ENTITY_TYPES = ENTITY_TYPES.filter(
	(t) => !['TRIP_PAY', 'FACILITATOR', 'DIRECT', 'TRAVELIKO', 'GOOGLE_HOTEL_API'].includes(t),
);
const ENTITY_STATUSES = [
	'PENDING_APPROVAL',
	'ACTIVE',
	'INACTIVE',
	'UNDER_REVIEW',
	'SUSPENDED',
	'REJECTED',
	'REMOVED',
];
const OWNER_TYPES = ['COMPANY', 'INDIVIDUAL'];
const CLIENT_TYPES = ['WEB', 'SPA', 'MOBILE', 'MACHINE_2_MACHINE'];

const schemas = {
	// UpsertBankAccountRequest_ManagingEntity
	UpsertBankAccountRequest: {
		required: ['countryCode', 'currencyCode', 'accountHolderName', 'accountNumber'],
		properties: {
			countryCode: nonBlank,
			currencyCode: nonBlank,
			accountHolderName: nonBlank,
			accountNumber: nonBlank,
			swiftCode: str,
			routingNumber: str,
			// The spec says type "null" next to properties (generator quirk): an object or null.
			address: { type: 'address' },
		},
	},
	// UpsertRevolutPayoutAccountRequest_ManagingEntity
	UpsertRevolutPayoutAccountRequest: {
		required: ['profileType', 'accountHolderName', 'revtag', 'currencyCode'],
		properties: {
			profileType: { type: 'string', enum: ['personal', 'business'] },
			accountHolderName: nonBlank,
			revtag: nonBlank,
			currencyCode: nonBlank,
		},
	},
	// State_Authenticated_Entity: the skip/take body of the grids.
	State: {
		required: [],
		properties: {
			skip: { type: 'integer', minimum: 0 },
			take: { type: 'integer', minimum: 1, maximum: 180 },
			sort: {
				type: 'array',
				items: {
					type: 'object',
					properties: { field: str, dir: { type: 'string', enum: ['asc', 'desc'] } },
				},
			},
			filter: {
				type: 'object',
				properties: {
					logic: { type: 'string', enum: ['and', 'or'] },
					filters: {
						type: 'array',
						items: {
							type: 'object',
							required: ['field', 'operator'],
							properties: {
								field: nonBlank,
								operator: { type: 'string', enum: FILTER_OPERATORS },
								value: { type: 'any' },
								ignoreCase: { type: 'boolean' },
							},
						},
					},
				},
			},
			group: { type: 'array', items: { type: 'any' } },
		},
	},
	// UpsertApplicationRequest / UpdateApplicationRequest (no clientType on update).
	UpsertApplicationRequest: application({ clientType: { type: 'string', enum: CLIENT_TYPES } }),
	UpdateApplicationRequest: application({}),
	// UniqueRequest_Authenticated_Entity: the three *-check bodies.
	UniqueRequest: { required: ['name'], properties: { name: nonBlank, identifier: str } },
	UpdateManagingEntityStatusRequest: {
		required: ['status'],
		properties: { status: { type: 'string', enum: ENTITY_STATUSES }, reason: str },
	},
	UpdateManagingEntityInformationRequest: {
		required: ['name', 'description'],
		properties: { name: nonBlank, description: nonBlank, legalName: str },
	},
	// The 61 presence types and 28 audiences are left to the spec-schema check in the tests.
	UpdateOnlinePresenceRequest: {
		required: [],
		properties: {
			onlinePresence: {
				type: 'array',
				items: {
					type: 'object',
					required: ['identifier', 'type'],
					properties: {
						type: str,
						identifier: nonBlank,
						audiences: { type: 'array', items: str },
						audienceSize: { type: 'integer' },
						sort: { type: 'integer' },
						disabled: { type: 'boolean' },
					},
				},
			},
		},
	},
	CreateManagingEntityRequest: {
		required: [
			'accountEmail',
			'accountPhoneNumber',
			'cityGeoNameId',
			'currencyCode',
			'description',
			'name',
			'ownerType',
			'placeId',
			'type',
			'urlName',
		],
		properties: {
			name: nonBlank,
			legalName: str,
			ownerType: { type: 'string', enum: OWNER_TYPES },
			type: { type: 'string', enum: REGISTERED_ENTITY_TYPES },
			accountEmail: { type: 'string', minLength: 1, format: 'email' },
			accountPhoneNumber: nonBlank,
			description: nonBlank,
			urlName: str,
			url: str,
			currencyCode: nonBlank,
			cityGeoNameId: str,
			placeId: str,
			marketingOptinAllowed: { type: 'boolean' },
			address: { type: 'address' },
			travelAgent: {
				type: 'object',
				required: ['selfAcquires', 'selfDisburses'],
				properties: { selfAcquires: { type: 'boolean' }, selfDisburses: { type: 'boolean' } },
			},
		},
	},
	CreateManagingEntityFromWinkLinksRequest: {
		required: ['cityGeoNameId', 'description', 'name', 'ownerType', 'type'],
		properties: {
			name: nonBlank,
			ownerType: { type: 'string', enum: OWNER_TYPES },
			type: { type: 'string', enum: ENTITY_TYPES },
			description: nonBlank,
			urlName: str,
			cityGeoNameId: str,
		},
	},
};

function application(extra) {
	const uris = { type: 'array', items: str };
	return {
		required: ['name', 'ownerIdentifier', 'ownerName'],
		properties: {
			name: nonBlank,
			ownerIdentifier: nonBlank,
			ownerName: nonBlank,
			redirectUris: uris,
			postLogoutRedirectUris: uris,
			scopes: { type: 'array', items: str, uniqueItems: true },
			...extra,
		},
	};
}

// Checks one value against its rule, pushing { field, message } for each problem.
function check(rule, value, field, errors) {
	if (value === undefined || value === null) return;
	const fail = (message) => errors.push({ field, message: `${field} ${message}` });
	switch (rule.type) {
		case 'any':
			return;
		case 'integer':
			if (!Number.isInteger(value)) fail('must be an integer');
			else if (value < rule.minimum || value > (rule.maximum ?? Infinity))
				fail(`must be between ${rule.minimum} and ${rule.maximum ?? 'any'}`);
			return;
		case 'boolean':
		case 'number':
			if (typeof value !== rule.type) fail(`must be a ${rule.type}`);
			return;
		case 'address':
			if (typeof value !== 'object' || Array.isArray(value)) fail('must be an object or null');
			else for (const k of ADDRESS_FIELDS) check(str, value[k], `${field}.${k}`, errors);
			return;
		case 'array':
			if (!Array.isArray(value)) return fail('must be an array');
			if (rule.items) value.forEach((v, i) => check(rule.items, v, `${field}[${i}]`, errors));
			if (rule.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length)
				fail('must not repeat an item');
			return;
		case 'object':
			if (typeof value !== 'object' || Array.isArray(value)) fail('must be an object');
			else checkObject(rule, value, `${field}.`, errors);
			return;
		default:
			if (typeof value !== 'string') fail('must be a string');
			else if (rule.minLength && value.trim().length < rule.minLength) fail('must not be blank');
			else if (rule.enum && !rule.enum.includes(value))
				fail(`must be one of: ${rule.enum.join(', ')}`);
			else if (rule.format === 'email' && !/^[^@\s]+@[^@\s]+$/.test(value))
				fail('must be an email address');
	}
}

function checkObject(schema, body, prefix, errors) {
	for (const field of schema.required ?? []) {
		if (body[field] === undefined || body[field] === null)
			errors.push({ field: `${prefix}${field}`, message: `${prefix}${field} is required` });
	}
	for (const [field, rule] of Object.entries(schema.properties ?? {}))
		check(rule, body[field], `${prefix}${field}`, errors);
}

// Returns a list of { field, message }; empty when valid. A route names a schema here or
// gives its own ({ required, properties }).
function validate(schemaOrName, body) {
	const schema = typeof schemaOrName === 'string' ? schemas[schemaOrName] : schemaOrName;
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		return [{ field: '(body)', message: 'request body must be a JSON object' }];
	}
	const errors = [];
	checkObject(schema, body, '', errors);
	return errors;
}

// Keeps only the address fields the spec knows, plus the read-only fullAddress Wink derives.
function normalizeAddress(address) {
	if (!address) return null;
	const out = {};
	for (const k of ADDRESS_FIELDS) if (address[k] != null) out[k] = address[k];
	out.fullAddress = [
		out.address1,
		out.address2,
		out.city,
		[out.state, out.postalCode].filter(Boolean).join(' '),
		out.countryCode,
	]
		.filter(Boolean)
		.join(', ');
	return out;
}

module.exports = { schemas, validate, normalizeAddress, ENTITY_TYPES };
