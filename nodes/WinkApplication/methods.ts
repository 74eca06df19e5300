import { searchEntityList } from '../shared/methods/listSearch';
import { row } from '../shared/table/rows';
import { searchManagingEntities } from '../WinkManagingEntity/methods';
import { applicationOperations } from './operations';

/** The list searches of Wink Application: the ones its properties name. */
export const listSearch = {
	searchManagingEntities,
	searchApplications: searchEntityList(row(applicationOperations, 'showApplications'), (app) =>
		String(app.name),
	),
};
