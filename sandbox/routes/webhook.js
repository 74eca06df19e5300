'use strict';
// Spec tag "Webhook": a managing entity's webhook subscriptions, with real state.
// What the sandbox POSTs to them lives in ../deliveries.js.
const crypto = require('node:crypto');
const { notFound, Reply } = require('../http-error');
const { EVENTS } = require('../deliveries');
const { ME } = require('./helpers');

const WH = `${ME}/webhook`;

/** The webhooks of a managing entity (created on first use, so the seed needs no entry). */
function webhooksOf(state, meId) {
	state.webhooks ??= {};
	return (state.webhooks[meId] ??= []);
}

const nonBlank = (v) => typeof v === 'string' && v.trim().length > 0;

// UpsertWebhookRequest: name, entity {identifier, name}, enabled, eventUrl, eventList are required.
// Returns the validation errors (the server answers 400 with them).
function upsertErrors(body) {
	if (body === null || typeof body !== 'object' || Array.isArray(body))
		return [{ field: '(body)', message: 'request body must be a JSON object' }];
	const errors = [];
	const need = (ok, field, message) => ok || errors.push({ field, message: `${field} ${message}` });
	need(nonBlank(body.name), 'name', 'must be a non-blank string');
	need(typeof body.enabled === 'boolean', 'enabled', 'must be a boolean');
	need(
		nonBlank(body.eventUrl) && /^https?:\/\/\S+$/i.test(body.eventUrl),
		'eventUrl',
		'must be an http(s) URL',
	);
	need(
		Array.isArray(body.eventList) && body.eventList.every(nonBlank),
		'eventList',
		'must be an array of event keys (empty = all events)',
	);
	const { entity } = body;
	if (
		need(
			entity !== null && typeof entity === 'object' && !Array.isArray(entity),
			'entity',
			'must be an object {identifier, name}',
		) === true
	) {
		need(nonBlank(entity.identifier), 'entity.identifier', 'must be a non-blank string');
		need(nonBlank(entity.name), 'entity.name', 'must be a non-blank string');
	}
	return errors;
}

const upsertFields = (body) => ({
	name: body.name,
	enabled: body.enabled,
	eventUrl: body.eventUrl,
	eventList: [...body.eventList],
});

function find(state, me, id) {
	const webhook = webhooksOf(state, me.id).find((w) => w.id === id);
	if (!webhook) throw notFound(`Webhook '${id}' not found`);
	return webhook;
}

function createWebhook({ state, me, body, client, now }) {
	const webhook = {
		id: crypto.randomUUID(),
		createdDate: now,
		lastUpdate: now,
		version: 0,
		userIdentifier: client,
		ownerIdentifier: me.id,
		ownerName: me.name,
		...upsertFields(body),
	};
	webhooksOf(state, me.id).push(webhook);
	return new Reply(201, webhook);
}

function updateWebhook({ state, me, params, body, now }) {
	const webhook = find(state, me, params.id);
	Object.assign(webhook, upsertFields(body), { lastUpdate: now, version: webhook.version + 1 });
	return webhook;
}

function deleteWebhook({ state, me, params }) {
	const list = webhooksOf(state, me.id);
	list.splice(list.indexOf(find(state, me, params.id)), 1);
	return { id: params.id, success: true, message: 'Record successfully removed' };
}

// Wink lists 105 events; the sandbox lists the ones it can deliver (see ../deliveries.js).
const showWebhookEvents = () => Object.entries(EVENTS).map(([value, label]) => ({ value, label }));

// Scopes are inferred (the spec names none for this tag): read, write and remove of "account".
module.exports = [
	{
		operationId: 'createWebhook',
		method: 'POST',
		path: WH,
		scope: 'account.write',
		body: upsertErrors,
		handler: createWebhook,
	},
	{
		operationId: 'showWebhooks',
		method: 'GET',
		path: `${WH}/list`,
		scope: 'account.read',
		handler: ({ state, me }) => webhooksOf(state, me.id),
	},
	{
		operationId: 'showWebhookEvents',
		method: 'GET',
		path: `${WH}/event/list`,
		scope: 'account.read',
		handler: showWebhookEvents,
	},
	{
		operationId: 'loadWebhook',
		method: 'GET',
		path: `${WH}/{id}`,
		scope: 'account.read',
		handler: ({ state, me, params }) => find(state, me, params.id),
	},
	{
		operationId: 'updateWebhook',
		method: 'PATCH',
		path: `${WH}/{id}`,
		scope: 'account.write',
		body: upsertErrors,
		handler: updateWebhook,
	},
	{
		operationId: 'deleteWebhook',
		method: 'DELETE',
		path: `${WH}/{id}`,
		scope: 'account.remove',
		handler: deleteWebhook,
	},
];

module.exports.webhooksOf = webhooksOf;
