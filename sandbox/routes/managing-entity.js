'use strict';
// Spec tag "Managing Entity": the entities themselves (reads, grids, registration, profile,
// status, online presence, uniqueness checks) and their payout accounts (bank, Revolut).
const crypto = require('node:crypto');
const { badRequest, notFound, Reply } = require('../http-error');
const { statePage } = require('../grid');
const { normalizeAddress, ENTITY_TYPES } = require('../schemas');
const { ME, newId, touch } = require('./helpers');

// Wink creates the Revolut counterparty eagerly, so an impossible revtag fails the request.
const REVTAG = /^@?[a-z0-9_.]{3,32}$/i;

const accessible = ({ state, accessibleIds }) =>
	accessibleIds.map((id) => state.managingEntities[id]).filter(Boolean);

function showAccessibleManagingEntities(ctx) {
	const { type } = ctx.query;
	if (type && !ENTITY_TYPES.includes(type)) {
		throw badRequest(
			`Query parameter 'type' must be one of: ${ENTITY_TYPES.join(', ')} (got '${type}')`,
		);
	}
	return accessible(ctx).filter((me) => !type || me.type === type);
}

const showManagingEntity = ({ me }) => me;

// Sandbox model: a registered entity is "unprovisioned" until its status leaves PENDING_APPROVAL.
const showUnprovisionedManagingEntitiesByState = (ctx) =>
	statePage(
		accessible(ctx).filter((me) => me.status === 'PENDING_APPROVAL'),
		ctx.body,
		ctx.state.limits,
	);

function isTaken(state, field, value, exceptId, also = () => true) {
	const needle = String(value).trim().toLowerCase();
	return Object.values(state.managingEntities).some(
		(me) => me.id !== exceptId && String(me[field] ?? '').toLowerCase() === needle && also(me),
	);
}

// POST *-check bodies (UniqueRequest): { name, identifier? } against one field of every entity.
const uniqueCheck =
	(field) =>
	({ state, body }) => ({ unique: !isTaken(state, field, body.name, body.identifier) });

function isNameUnique({ state, query }) {
	if (!query.name) throw badRequest("Missing required query parameter 'name'");
	const inCity = (me) => !query.geoNameId || me.city?.geoNameId === query.geoNameId;
	return { unique: !isTaken(state, 'name', query.name, query.managingEntityIdentifier, inCity) };
}

// A new entity of the caller, PENDING_APPROVAL, with empty per-entity collections.
function register({ state, client, accessibleIds, body, now }) {
	if (body.urlName && isTaken(state, 'urlName', body.urlName)) {
		throw badRequest(`urlName '${body.urlName}' is already taken`, {
			properties: { errors: [{ field: 'urlName', message: 'already taken' }] },
		});
	}
	const me = {
		id: newId('me'),
		createdDate: now,
		lastUpdate: now,
		version: 0,
		userIdentifier: `user-${client}`,
		ownerIdentifier: 'wink',
		managers: [],
		ownerType: body.ownerType,
		type: body.type,
		name: body.name,
		description: body.description,
		legalName: body.legalName ?? null,
		urlName: body.urlName ?? null,
		uniqueId: crypto.randomBytes(3).toString('hex'),
		accountEmail: body.accountEmail ?? null,
		accountPhoneNumber: body.accountPhoneNumber ?? null,
		url: body.url ?? null,
		currencyCode: body.currencyCode ?? null,
		status: 'PENDING_APPROVAL',
		city: { geoNameId: body.cityGeoNameId },
		address: normalizeAddress(body.address),
		bankAccounts: [],
		revolutPayoutAccounts: [],
		marketingOptinAllowed: body.marketingOptinAllowed ?? false,
		placeId: body.placeId ?? null,
		onlinePresence: [],
		travelAgent: body.travelAgent ?? null,
		verified: false,
	};
	state.managingEntities[me.id] = me;
	// Every per-entity collection (keyed by entity id, like state.ledger) starts empty.
	for (const map of Object.values(state)) {
		if (map && Array.isArray(map[state.ids.managingEntityId])) map[me.id] = [];
	}
	accessibleIds.push(me.id);
	return new Reply(201, me);
}

function patch(fields) {
	return ({ me, body, now }) => {
		for (const k of fields) if (body[k] !== undefined) me[k] = body[k];
		touch(me, now);
		return me;
	};
}

function bankAccountFields(body) {
	return {
		countryCode: body.countryCode,
		currencyCode: body.currencyCode,
		accountHolderName: body.accountHolderName,
		swiftCode: body.swiftCode ?? null,
		routingNumber: body.routingNumber ?? null,
		accountNumber: body.accountNumber,
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
		throw badRequest(
			`Invalid revtag '${body.revtag}': Revolut could not create a counterparty (expected 3-32 letters, digits, '_' or '.', optional leading '@')`,
			{
				properties: {
					errors: [{ field: 'revtag', message: 'revtag is not a valid Revolut revtag' }],
				},
			},
		);
	}
	return {
		profileType: body.profileType,
		accountHolderName: body.accountHolderName,
		revtag: body.revtag.replace(/^@/, ''),
		currencyCode: body.currencyCode,
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
	list: 'bankAccounts',
	param: 'bankAccountIdentifier',
	label: 'Bank account',
	prefix: 'ba',
	fields: bankAccountFields,
	createdWith: { revolutCounterpartyId: null },
});
const revolutAccounts = payoutCollection({
	list: 'revolutPayoutAccounts',
	param: 'revolutPayoutAccountIdentifier',
	label: 'Revolut payout account',
	prefix: 'rpa',
	fields: revolutFields,
});

const BANK = `${ME}/bank-account`;
const REVOLUT = `${ME}/revolut-payout-account`;

module.exports = [
	{
		operationId: 'showAccessibleManagingEntities',
		method: 'GET',
		path: '/api/managing-entity/list',
		scope: 'account.read',
		handler: showAccessibleManagingEntities,
	},
	{
		operationId: 'showManagingEntities',
		method: 'GET',
		path: '/api/managing-entity/list/all',
		scope: 'account.read',
		handler: accessible,
	},
	// POSTs that only read: account.read (inferred, like every scope of this tag).
	{
		operationId: 'showAccessibleManagingEntitiesByState',
		method: 'POST',
		path: '/api/managing-entity/grid',
		scope: 'account.read',
		body: 'State',
		handler: (ctx) => statePage(accessible(ctx), ctx.body, ctx.state.limits),
	},
	{
		operationId: 'showUnprovisionedManagingEntitiesByState',
		method: 'POST',
		path: '/api/managing-entity/unprovisioned',
		scope: 'account.read',
		body: 'State',
		handler: showUnprovisionedManagingEntitiesByState,
	},
	{
		operationId: 'showManagingEntity',
		method: 'GET',
		path: ME,
		scope: 'account.read',
		handler: showManagingEntity,
	},
	{
		operationId: 'registerManagingEntity',
		method: 'POST',
		path: '/api/managing-entity',
		scope: 'account.write',
		body: 'CreateManagingEntityRequest',
		handler: register,
	},
	{
		operationId: 'registerManagingEntityFromWinkLinks',
		method: 'POST',
		path: '/api/managing-entity/winklinks',
		scope: 'account.write',
		body: 'CreateManagingEntityFromWinkLinksRequest',
		handler: register,
	},
	{
		operationId: 'updateProfile',
		method: 'PATCH',
		path: `${ME}/profile`,
		scope: 'account.write',
		body: 'UpdateManagingEntityInformationRequest',
		handler: patch(['name', 'description', 'legalName']),
	},
	{
		operationId: 'updateManagingEntityStatus',
		method: 'PATCH',
		path: `${ME}/status`,
		scope: 'account.write',
		body: 'UpdateManagingEntityStatusRequest',
		handler: patch(['status']),
	},
	{
		operationId: 'updateCompanyOnlinePresence',
		method: 'PATCH',
		path: `${ME}/online-presence`,
		scope: 'account.write',
		body: 'UpdateOnlinePresenceRequest',
		handler: patch(['onlinePresence']),
	},
	{
		operationId: 'isNameUnique',
		method: 'GET',
		path: '/api/managing-entity/name',
		scope: 'account.read',
		handler: isNameUnique,
	},
	{
		operationId: 'isManagingEntityNameUnique',
		method: 'POST',
		path: '/api/managing-entity-name-check',
		scope: 'account.read',
		body: 'UniqueRequest',
		handler: uniqueCheck('name'),
	},
	{
		operationId: 'isUrlNameUnique',
		method: 'POST',
		path: '/api/managing-entity-url-name-check',
		scope: 'account.read',
		body: 'UniqueRequest',
		handler: uniqueCheck('urlName'),
	},
	{
		operationId: 'isUniqueIdUnique',
		method: 'POST',
		path: '/api/managing-entity-unique-id-check',
		scope: 'account.read',
		body: 'UniqueRequest',
		handler: uniqueCheck('uniqueId'),
	},
	{
		operationId: 'addBankAccount',
		method: 'POST',
		path: BANK,
		scope: 'account.write',
		body: 'UpsertBankAccountRequest',
		handler: bankAccounts.add,
	},
	{
		operationId: 'upsertBankAccount',
		method: 'PUT',
		path: `${BANK}/{bankAccountIdentifier}`,
		scope: 'account.write',
		body: 'UpsertBankAccountRequest',
		handler: bankAccounts.upsert,
	},
	{
		operationId: 'removeBankAccount',
		method: 'DELETE',
		path: `${BANK}/{bankAccountIdentifier}`,
		scope: 'account.remove',
		handler: bankAccounts.remove,
	},
	{
		operationId: 'addRevolutPayoutAccount',
		method: 'POST',
		path: REVOLUT,
		scope: 'account.write',
		body: 'UpsertRevolutPayoutAccountRequest',
		handler: revolutAccounts.add,
	},
	{
		operationId: 'upsertRevolutPayoutAccount',
		method: 'PUT',
		path: `${REVOLUT}/{revolutPayoutAccountIdentifier}`,
		scope: 'account.write',
		body: 'UpsertRevolutPayoutAccountRequest',
		handler: revolutAccounts.upsert,
	},
	{
		operationId: 'removeRevolutPayoutAccount',
		method: 'DELETE',
		path: `${REVOLUT}/{revolutPayoutAccountIdentifier}`,
		scope: 'account.remove',
		handler: revolutAccounts.remove,
	},
];
