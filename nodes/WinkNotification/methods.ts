import { searchEntityList } from '../shared/methods/listSearch';
import { row } from '../shared/table/rows';
import { searchManagingEntities } from '../WinkManagingEntity/methods';
import { notificationOperations } from './operations';

/** The list searches of Wink Notification: the ones its properties name. */
export const listSearch = {
	searchManagingEntities,
	searchNotifications: searchEntityList(
		row(notificationOperations, 'showNotifications'),
		(message) =>
			`${message.read ? '' : '● '}${message.subject} (${String(message.createdDate ?? '').slice(0, 10)})`,
	),
};
