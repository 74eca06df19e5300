'use strict';
// Managing entity reads and its payout accounts (bank accounts, Revolut revtags).
const crypto = require('node:crypto');
const { badRequest, notFound } = require('../http-error');
const { normalizeAddress } = require('../schemas');
const { ME, newId, touch } = require('./helpers');

const ENTITY_TYPES = [
	'TRIP_PAY', 'FACILITATOR', 'DIRECT', 'APPLICATION', 'HOTEL', 'TRAVELIKO', 'CORPORATE', 'TRAVEL_AGENT',
	'INFLUENCER', 'BLOGGER', 'DESTINATION', 'CHANNEL_MANAGER', 'PROPERTY_MANAGEMENT_SYSTEM',
	'CENTRAL_RESERVATION_SYSTEM', 'GOOGLE_HOTEL_API', 'MANAGEMENT_COMPANY', 'CHAIN', 'BRAND', 'EVENT_ORGANIZER', 'OTHER',
];
// Wink creates the Revolut counterparty eagerly, so an impossible revtag fails the request.
const REVTAG = /^@?[a-z0-9_.]{3,32}$/i;

function showAccessibleManagingEntities({ state, accessibleIds, query }) {
	const { type } = query;
	if (type && !ENTITY_TYPES.includes(type)) {
		throw badRequest(`Query parameter 'type' must be one of: ${ENTITY_TYPES.join(', ')} (got '${type}')`);
	}
	return accessibleIds.map((id) => state.managingEntities[id]).filter((me) => me && (!type || me.type === type));
}

const showManagingEntity = ({ me }) => me;

// A Spring Page of the accessible managing entities, `skip`/`take` from the State body.
// `state.limits.gridTake` caps `take` silently, as a server's own maximum would.
function showAccessibleManagingEntitiesByState({ state, accessibleIds, body }) {
	const { skip = 0 } = body;
	const take = Math.min(body.take ?? 10, state.limits.gridTake ?? Infinity);
	const all = accessibleIds.map((id) => state.managingEntities[id]).filter(Boolean);
	const content = all.slice(skip, skip + take);
	return {
		content, totalElements: all.length, totalPages: Math.ceil(all.length / take), size: take,
		number: Math.floor(skip / take), numberOfElements: content.length,
		first: skip === 0, last: skip + take >= all.length, empty: content.length === 0,
	};
}

function bankAccountFields(body) {
	return {
		countryCode: body.countryCode, currencyCode: body.currencyCode, accountHolderName: body.accountHolderName,
		swiftCode: body.swiftCode ?? null, routingNumber: body.routingNumber ?? null, accountNumber: body.accountNumber,
		address: normalizeAddress(body.address),
	};
}

function findIndex(list, id, label) {
	const i = list.findIndex((a) => a.identifier === id);
	if (i === -1) throw notFound(`${label} '${id}' not found`);
	return i;
}

function revolutFields(body) {
	if (!REVTAG.test(body.revtag)) {
		throw badRequest(`Invalid revtag '${body.revtag}': Revolut could not create a counterparty (expected 3-32 letters, digits, '_' or '.', optional leading '@')`, {
			properties: { errors: [{ field: 'revtag', message: 'revtag is not a valid Revolut revtag' }] },
		});
	}
	return {
		profileType: body.profileType, accountHolderName: body.accountHolderName,
		revtag: body.revtag.replace(/^@/, ''), currencyCode: body.currencyCode,
		revolutCounterpartyId: crypto.randomUUID(),
	};
}

// Add, replace and remove for one payout-account collection of the managing entity.
function payoutCollection({ list, param, label, prefix, fields, createdWith = {} }) {
	return {
		add({ me, body, now }) {
			me[list].push({ identifier: newId(prefix), ...fields(body), ...createdWith });
			touch(me, now);
			return me;
		},
		upsert({ me, params, body, now }) {
			const i = findIndex(me[list], params[param], label);
			me[list][i] = { ...me[list][i], ...fields(body) };
			touch(me, now);
			return me;
		},
		remove({ me, params, now }) {
			me[list].splice(findIndex(me[list], params[param], label), 1);
			touch(me, now);
			return me;
		},
	};
}

const bankAccounts = payoutCollection({
	list: 'bankAccounts', param: 'bankAccountIdentifier', label: 'Bank account', prefix: 'ba',
	fields: bankAccountFields, createdWith: { revolutCounterpartyId: null },
});
const revolutAccounts = payoutCollection({
	list: 'revolutPayoutAccounts', param: 'revolutPayoutAccountIdentifier', label: 'Revolut payout account', prefix: 'rpa',
	fields: revolutFields,
});

const BANK = `${ME}/bank-account`;
const REVOLUT = `${ME}/revolut-payout-account`;

module.exports = [
	{ operationId: 'showAccessibleManagingEntities', method: 'GET', path: '/api/managing-entity/list', scope: 'account.read', handler: showAccessibleManagingEntities },
	{ operationId: 'showAccessibleManagingEntitiesByState', method: 'POST', path: '/api/managing-entity/grid', scope: 'account.read', body: 'State', handler: showAccessibleManagingEntitiesByState },
	{ operationId: 'showManagingEntity', method: 'GET', path: ME, scope: 'account.read', handler: showManagingEntity },
	{ operationId: 'addBankAccount', method: 'POST', path: BANK, scope: 'account.write', body: 'UpsertBankAccountRequest', handler: bankAccounts.add },
	{ operationId: 'upsertBankAccount', method: 'PUT', path: `${BANK}/{bankAccountIdentifier}`, scope: 'account.write', body: 'UpsertBankAccountRequest', handler: bankAccounts.upsert },
	{ operationId: 'removeBankAccount', method: 'DELETE', path: `${BANK}/{bankAccountIdentifier}`, scope: 'account.remove', handler: bankAccounts.remove },
	{ operationId: 'addRevolutPayoutAccount', method: 'POST', path: REVOLUT, scope: 'account.write', body: 'UpsertRevolutPayoutAccountRequest', handler: revolutAccounts.add },
	{ operationId: 'upsertRevolutPayoutAccount', method: 'PUT', path: `${REVOLUT}/{revolutPayoutAccountIdentifier}`, scope: 'account.write', body: 'UpsertRevolutPayoutAccountRequest', handler: revolutAccounts.upsert },
	{ operationId: 'removeRevolutPayoutAccount', method: 'DELETE', path: `${REVOLUT}/{revolutPayoutAccountIdentifier}`, scope: 'account.remove', handler: revolutAccounts.remove },
];
