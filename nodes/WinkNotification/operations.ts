import { idLocator } from '../shared/table/fields';
import type { WinkOperation } from '../shared/table/types';

const MESSAGE = '/api/managing-entity/{managingEntityIdentifier}/message';

const messageId = idLocator(
	{ displayName: 'Notification', name: 'messageIdentifier', in: 'path' },
	'searchNotifications',
	'e.g. msg-1a2b3c4d5e6f',
);

/** Wink Notification: messages Wink sends to a managing entity. */
export const notificationOperations: WinkOperation[] = [
	{
		value: 'getMany',
		name: 'Get Many',
		action: 'Get many notifications',
		description: 'List the notifications of the managing entity, newest first',
		operationId: 'showNotifications',
		method: 'GET',
		path: `${MESSAGE}/list`,
		scope: 'account.read',
		output: 'list',
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a notification',
		description: 'Get one notification of the managing entity',
		operationId: 'showNotification',
		method: 'GET',
		path: `${MESSAGE}/{messageIdentifier}`,
		scope: 'account.read',
		fields: [messageId],
		output: 'object',
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a notification',
		description: 'Permanently remove a notification; returns the removed notification',
		operationId: 'removeNotification',
		method: 'DELETE',
		path: `${MESSAGE}/{messageIdentifier}`,
		scope: 'account.remove',
		fields: [messageId],
		output: 'object',
	},
	{
		value: 'getUnreadCount',
		name: 'Get Unread Count',
		action: 'Get the unread notification count',
		description: 'Count the unread notifications of the managing entity',
		operationId: 'showUnreadMessageCount',
		method: 'GET',
		path: `${MESSAGE}/count`,
		scope: 'account.read',
		output: 'object',
	},
];
