import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { operationSubtitle, winkNodeBase } from '../shared/editor/description';
import { executeOperations } from '../shared/execution/execute';
import { searchManagingEntities } from '../WinkManagingEntity/methods';
import { bookingOperations } from './operations';

export class WinkBooking implements INodeType {
	description: INodeTypeDescription = {
		...winkNodeBase(bookingOperations, 'Booking'),
		displayName: 'Wink Booking',
		name: 'winkBooking',
		icon: { light: 'file:../icons/wink.svg', dark: 'file:../icons/wink.dark.svg' },
		description: 'Bookings of a Wink managing entity and their aggregate funds',
		subtitle: operationSubtitle(bookingOperations),
		defaults: { name: 'Wink Booking' },
		usableAsTool: true,
	};

	methods = { listSearch: { searchManagingEntities } };

	async execute(this: IExecuteFunctions) {
		return await executeOperations.call(this, bookingOperations);
	}
}
