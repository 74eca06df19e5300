'use strict';
// Spec tag "Customization": booking engine configurations (templates) of a managing entity.
// The first one created is primary; a primary one cannot be removed.
const { badRequest, notFound, Reply } = require('../http-error');
const { ME, newId } = require('./helpers');

// UpsertCustomizationRequest_ManagingEntity: what create and update take (update replaces all).
const FIELDS = [
	'name',
	'appendToPageTitle',
	'googleAnalyticsMeasurementId',
	'googleTagManagerContainerId',
	'googleMapsAPIKey',
	'defaultCurrency',
	'defaultLanguage',
	'defaultLifestyle',
	'logos',
	'hostedBookingEngineUrl',
	'selfHosted',
	'themeColors',
	'cardLayout',
	'layout',
	'cardDesign',
	'numberOfAdvanceDays',
	'numberOfStayDays',
	'startDate',
	'endDate',
	'roomConfigurations',
	'useDays',
	'promotionalCodes',
	'sendBookingNotificationEmailsToProperty',
	'sendBookingNotificationEmailsToBooker',
	'sendBookingNotificationEmailsToChannelManager',
	'wcBookClickAction',
	'showUnavailableCard',
	'showRankings',
	'showSearch',
	'trackingPixels',
	'fontId',
];
const BODY = {
	required: ['name'],
	properties: {
		name: { type: 'string', minLength: 1 },
		cardLayout: { type: 'string', enum: ['HORIZONTAL', 'VERTICAL'] },
		layout: { type: 'string', enum: ['INFORMATIONAL', 'TRANSACTIONAL'] },
		roomConfigurations: { type: 'array' },
		themeColors: { type: 'object' },
	},
};

function fields(body) {
	for (const key of ['startDate', 'endDate']) {
		if (body[key] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(body[key]))
			throw badRequest(`${key} must be a date (YYYY-MM-DD)`);
	}
	if (body.startDate && body.endDate && body.endDate < body.startDate)
		throw badRequest('endDate must not be before startDate');
	return Object.fromEntries(FIELDS.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]));
}

const list = (state, me) => state.customizations[me.id] ?? (state.customizations[me.id] = []);

function find(state, me, id) {
	const found = list(state, me).find((c) => c.id === id);
	if (!found) throw notFound(`Customization '${id}' not found`);
	return found;
}

function showPrimary({ state, me }) {
	const primary = list(state, me).find((c) => c.primary);
	if (!primary) throw notFound(`Managing entity '${me.id}' has no primary customization`);
	return primary;
}

function create({ state, me, body, now }) {
	const all = list(state, me);
	const record = {
		id: newId('cz'),
		createdDate: now,
		lastUpdate: now,
		version: 0,
		userIdentifier: me.userIdentifier,
		ownerIdentifier: me.id,
		ownerName: me.name,
		subType: me.type,
		primary: all.length === 0,
		...fields(body),
	};
	all.push(record);
	return new Reply(201, record);
}

function update({ state, me, params, body, now }) {
	const record = find(state, me, params.customizationIdentifier);
	for (const key of FIELDS) delete record[key];
	Object.assign(record, fields(body), { lastUpdate: now, version: record.version + 1 });
	return record;
}

function remove({ state, me, params }) {
	const record = find(state, me, params.customizationIdentifier);
	if (record.primary) throw badRequest('A primary customization cannot be removed');
	const all = list(state, me);
	all.splice(all.indexOf(record), 1);
	return record;
}

const BASE = `${ME}/studio/customization`;

module.exports = [
	{
		operationId: 'showApplicationConfigurationsByOwner',
		method: 'GET',
		path: `${BASE}/list`,
		handler: ({ state, me }) => list(state, me),
	},
	{
		operationId: 'showPrimaryApplicationConfiguration',
		method: 'GET',
		path: BASE,
		handler: showPrimary,
	},
	{
		operationId: 'showApplicationConfiguration',
		method: 'GET',
		path: `${BASE}/{customizationIdentifier}`,
		handler: ({ state, me, params }) => find(state, me, params.customizationIdentifier),
	},
	{ operationId: 'createCustomization', method: 'POST', path: BASE, body: BODY, handler: create },
	{
		operationId: 'updateCustomization',
		method: 'PUT',
		path: `${BASE}/{customizationIdentifier}`,
		body: BODY,
		handler: update,
	},
	{
		operationId: 'removeCustomization',
		method: 'DELETE',
		path: `${BASE}/{customizationIdentifier}`,
		handler: remove,
	},
];
