'use strict';
// Spec tag "Notification": messages addressed to a managing entity, newest first.
const { notFound } = require('../http-error');
const { ME } = require('./helpers');

const MESSAGE = `${ME}/message`;

function find(state, me, id) {
	const message = state.notifications[me.id].find((m) => m.id === id);
	if (!message) throw notFound(`Notification '${id}' not found`);
	return message;
}

function removeNotification({ state, me, params }) {
	const message = find(state, me, params.messageIdentifier);
	state.notifications[me.id].splice(state.notifications[me.id].indexOf(message), 1);
	return message;
}

const showUnreadMessageCount = ({ state, me }) => ({
	success: true,
	count: state.notifications[me.id].filter((m) => !m.read).length,
});

module.exports = [
	{
		operationId: 'showNotifications',
		method: 'GET',
		path: `${MESSAGE}/list`,
		scope: 'account.read',
		handler: ({ state, me }) => state.notifications[me.id],
	},
	{
		operationId: 'showUnreadMessageCount',
		method: 'GET',
		path: `${MESSAGE}/count`,
		scope: 'account.read',
		handler: showUnreadMessageCount,
	},
	{
		operationId: 'showNotification',
		method: 'GET',
		path: `${MESSAGE}/{messageIdentifier}`,
		scope: 'account.read',
		handler: ({ state, me, params }) => find(state, me, params.messageIdentifier),
	},
	{
		operationId: 'removeNotification',
		method: 'DELETE',
		path: `${MESSAGE}/{messageIdentifier}`,
		scope: 'account.remove',
		handler: removeNotification,
	},
];
