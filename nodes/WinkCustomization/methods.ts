import { searchEntityList } from '../shared/methods/listSearch';
import { row } from '../shared/table/rows';
import { searchManagingEntities } from '../WinkManagingEntity/methods';
import { customizationOperations } from './operations';

/** The list searches of Wink Customization: the ones its properties name. */
export const listSearch = {
	searchManagingEntities,
	searchCustomizations: searchEntityList(
		row(customizationOperations, 'showApplicationConfigurationsByOwner'),
		(c) => `${c.name}${c.primary ? ' (primary)' : ''}`,
	),
};
