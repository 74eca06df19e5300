'use strict';
// Spec tag "Application": the managing entity's API applications. Each one owns an OAuth client
// (state.oauthClients) that the token endpoint accepts until it is deleted or revoked.
const crypto = require('node:crypto');
const { badRequest, notFound, Reply } = require('../http-error');
const { SCOPES } = require('../oauth');
const { ME, newId } = require('./helpers');

const APP = `${ME}/application`;
const newSecret = () => crypto.randomBytes(30).toString('base64url');

function find(state, me, id) {
	const app = state.applications[me.id].find((a) => a.id === id);
	if (!app) throw notFound(`Application '${id}' not found`);
	return app;
}

// "Validated against the consentable catalogue": here, the sandbox's scopes.
function checkScopes(scopes = []) {
	const unknown = scopes.filter((s) => !SCOPES.includes(s));
	if (unknown.length)
		throw badRequest(`Unknown scope(s): ${unknown.join(', ')}`, {
			properties: { errors: [{ field: 'scopes', message: 'not a consentable scope' }] },
		});
	return scopes;
}

function newClient(state, app, scopes, clientType) {
	const client = {
		clientId: `client-${crypto.randomBytes(8).toString('hex')}`,
		clientSecret: newSecret(),
		scopes,
		applicationId: app.id,
		clientType,
	};
	state.oauthClients[client.clientId] = client;
	app.clientId = client.clientId;
	return client;
}

function createApplication({ state, me, body }) {
	const app = {
		id: newId('app'),
		userIdentifier: me.managers[0]?.userIdentifier ?? me.userIdentifier,
		ownerIdentifier: body.ownerIdentifier,
		ownerName: body.ownerName,
		name: body.name,
		redirectUris: body.redirectUris ?? [],
		postLogoutRedirectUris: body.postLogoutRedirectUris ?? [],
		clientId: null,
		scopes: checkScopes(body.scopes),
	};
	const client = newClient(state, app, app.scopes, body.clientType ?? 'WEB');
	state.applications[me.id].push(app);
	const { id, ownerIdentifier, ownerName, name, redirectUris, postLogoutRedirectUris, clientId } =
		app;
	return new Reply(201, {
		id,
		ownerIdentifier,
		ownerName,
		name,
		redirectUris,
		postLogoutRedirectUris,
		clientId,
		secretKey: client.clientSecret,
	});
}

function updateApplication({ state, me, params, body }) {
	const app = find(state, me, params.id);
	for (const k of [
		'name',
		'ownerIdentifier',
		'ownerName',
		'redirectUris',
		'postLogoutRedirectUris',
	]) {
		if (body[k] !== undefined) app[k] = body[k];
	}
	if (body.scopes !== undefined)
		app.scopes = state.oauthClients[app.clientId].scopes = checkScopes(body.scopes);
	const { id, name, ownerIdentifier, ownerName, redirectUris } = app;
	return { id, name, ownerIdentifier, ownerName, redirectUris };
}

function deleteApplication({ state, me, params }) {
	const app = find(state, me, params.id);
	state.applications[me.id].splice(state.applications[me.id].indexOf(app), 1);
	delete state.oauthClients[app.clientId];
	return { id: app.id, success: true, message: 'Record successfully removed' };
}

// A new client id and secret; the old pair stops working at once.
function revokeApplication({ state, me, params }) {
	const app = find(state, me, params.id);
	const old = state.oauthClients[app.clientId];
	delete state.oauthClients[app.clientId];
	const client = newClient(state, app, old?.scopes ?? app.scopes, old?.clientType ?? 'WEB');
	return { id: app.id, clientId: client.clientId, secretKey: client.clientSecret };
}

module.exports = [
	{
		operationId: 'createApplication',
		method: 'POST',
		path: APP,
		scope: 'account.write',
		body: 'UpsertApplicationRequest',
		handler: createApplication,
	},
	{
		operationId: 'showApplications',
		method: 'GET',
		path: `${APP}/list`,
		scope: 'account.read',
		handler: ({ state, me }) => state.applications[me.id],
	},
	{
		operationId: 'loadApplication',
		method: 'GET',
		path: `${APP}/{id}`,
		scope: 'account.read',
		handler: ({ state, me, params }) => find(state, me, params.id),
	},
	{
		operationId: 'updateApplication',
		method: 'PATCH',
		path: `${APP}/{id}`,
		scope: 'account.write',
		body: 'UpdateApplicationRequest',
		handler: updateApplication,
	},
	{
		operationId: 'deleteApplication',
		method: 'DELETE',
		path: `${APP}/{id}`,
		scope: 'account.remove',
		handler: deleteApplication,
	},
	// A GET that rotates credentials: the scope is inferred as account.write (the spec names none).
	{
		operationId: 'revokeApplication',
		method: 'GET',
		path: `${APP}/{id}/revoke`,
		scope: 'account.write',
		handler: revokeApplication,
	},
];
