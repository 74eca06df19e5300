'use strict';
// Request body schemas copied by hand from the spec (account-api 30.49.0): required fields,
// string types and enums. Only what the sandbox validates; extra properties are ignored.

const ADDRESS_FIELDS = ['address1', 'address2', 'state', 'postalCode', 'county', 'city', 'countryCode'];
const str = { type: 'string' };
const nonBlank = { type: 'string', minLength: 1 };

const schemas = {
	// UpsertBankAccountRequest_ManagingEntity
	UpsertBankAccountRequest: {
		required: ['countryCode', 'currencyCode', 'accountHolderName', 'accountNumber'],
		properties: {
			countryCode: nonBlank, currencyCode: nonBlank, accountHolderName: nonBlank, accountNumber: nonBlank,
			swiftCode: str, routingNumber: str,
			// The spec says type "null" next to properties (generator quirk): an object or null.
			address: { type: 'address' },
		},
	},
	// UpsertRevolutPayoutAccountRequest_ManagingEntity
	UpsertRevolutPayoutAccountRequest: {
		required: ['profileType', 'accountHolderName', 'revtag', 'currencyCode'],
		properties: {
			profileType: { type: 'string', enum: ['personal', 'business'] },
			accountHolderName: nonBlank, revtag: nonBlank, currencyCode: nonBlank,
		},
	},
	// State_Authenticated_Entity: the skip/take body of the grids.
	State: {
		required: [],
		properties: { skip: { type: 'integer', minimum: 0 }, take: { type: 'integer', minimum: 1, maximum: 180 } },
	},
};

// Returns a list of { field, message }; empty when valid. A route names a schema here or
// gives its own ({ required, properties }).
function validate(schemaOrName, body) {
	const schema = typeof schemaOrName === 'string' ? schemas[schemaOrName] : schemaOrName;
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		return [{ field: '(body)', message: 'request body must be a JSON object' }];
	}
	const errors = [];
	for (const field of schema.required) {
		if (body[field] === undefined || body[field] === null) errors.push({ field, message: `${field} is required` });
	}
	for (const [field, rule] of Object.entries(schema.properties)) {
		const value = body[field];
		if (value === undefined || value === null) continue;
		if (rule.type === 'integer') {
			if (!Number.isInteger(value)) errors.push({ field, message: `${field} must be an integer` });
			else if (value < rule.minimum || value > (rule.maximum ?? Infinity)) {
				errors.push({ field, message: `${field} must be between ${rule.minimum} and ${rule.maximum ?? 'any'}` });
			}
		} else if (rule.type === 'address') {
			if (typeof value !== 'object' || Array.isArray(value)) errors.push({ field, message: `${field} must be an object or null` });
			else for (const k of ADDRESS_FIELDS) {
				if (value[k] != null && typeof value[k] !== 'string') errors.push({ field: `${field}.${k}`, message: `${field}.${k} must be a string` });
			}
		} else if (['array', 'number', 'object', 'boolean'].includes(rule.type)) {
			const actual = Array.isArray(value) ? 'array' : typeof value;
			if (actual !== rule.type) errors.push({ field, message: `${field} must be ${rule.type === 'array' ? 'an' : 'a'} ${rule.type}` });
		} else if (typeof value !== 'string') {
			errors.push({ field, message: `${field} must be a string` });
		} else if (rule.minLength && value.trim().length < rule.minLength) {
			errors.push({ field, message: `${field} must not be blank` });
		} else if (rule.enum && !rule.enum.includes(value)) {
			errors.push({ field, message: `${field} must be one of: ${rule.enum.join(', ')}` });
		}
	}
	return errors;
}

// Keeps only the address fields the spec knows, plus the read-only fullAddress Wink derives.
function normalizeAddress(address) {
	if (!address) return null;
	const out = {};
	for (const k of ADDRESS_FIELDS) if (address[k] != null) out[k] = address[k];
	out.fullAddress = [out.address1, out.address2, out.city, [out.state, out.postalCode].filter(Boolean).join(' '), out.countryCode]
		.filter(Boolean).join(', ');
	return out;
}

module.exports = { schemas, validate, normalizeAddress };
