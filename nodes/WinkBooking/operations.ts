import {
	enumOptions,
	gridSortAndFilterOptions,
	stateSortFilterFields,
} from '../shared/table/fields';
import type { WinkField, WinkOperation, WinkValue } from '../shared/table/types';
import { flatItem } from '../shared/table/simplify';
import { shownBefore, shownWith } from '../shared/versions';

const BOOKING = '/api/managing-entity/{managingEntityIdentifier}/booking';

// The Booking schema's bookingStatus enum.
const BOOKING_STATUSES = [
	'INITIALIZED',
	'TEST_PAYMENT_SUCCEEDED',
	'PAYMENT_SUCCEEDED',
	'PAYMENT_FAILED',
	'FAILED',
	'CANCELLED',
	'PARTIALLY_REFUNDED',
	'FULLY_REFUNDED',
];

const onlyIn = (show: object, fields: WinkField[]): WinkField[] =>
	fields.map((f) => ({
		...f,
		displayOptions: { ...f.displayOptions, show: { ...f.displayOptions?.show, ...show } },
	}));

// The spec gives the `state` filter no values; it is passed through as typed.
const financialState: WinkValue = {
	displayName: 'Financial State',
	name: 'state',
	type: 'string',
	default: '',
	description:
		'Only bookings in this financial state, as Wink names it (the API reference lists no values)',
};

// Version 2 of Get Many: Financial State from a list. The spec gives `state` no values; the
// sandbox matches it against a booking's bookingStatus, so the list is that enum of the Booking
// schema (inferred). n8n lets an options field take an expression, for a state the list lacks.
const financialStateList: WinkValue = {
	...financialState,
	type: 'options',
	options: enumOptions(BOOKING_STATUSES),
	default: 'PAYMENT_SUCCEEDED',
	description:
		"Only bookings in this financial state. The API reference lists no values: these are a booking's statuses (inferred); use an expression for another.",
};

// Sort and condition fields of version 2: a selection of the Booking schema's top-level fields
// (ids, codes, statuses, dates, flags; the spec does not say which the grid accepts), and the
// spec's own example of a nested one (hotel.name). Others can be given by expression.
const BOOKING_FIELDS = [
	'bookingCode',
	'bookingStatus',
	'cancellable',
	'cancelled',
	'createdDate',
	'creation',
	'fundsAvailableDate',
	'fundsProcessed',
	'hotel.name',
	'id',
	'lastUpdate',
	'paymentType',
];

// n8n lets an options field take an expression, so a field the list lacks can still be given.
const grid = gridSortAndFilterOptions({
	displayName: 'Field',
	name: 'field',
	type: 'options',
	options: BOOKING_FIELDS.map((f) => ({ name: f, value: f })),
	default: 'createdDate',
	required: true,
	description:
		'A field of the booking. Choose from the list, or use an expression for one it lacks (e.g. roomStay.startDate).',
});

const filters = (options: WinkValue[]): WinkField => ({
	displayName: 'Filters',
	name: 'filters',
	in: 'query',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options,
});

// Simplify (node version 2): a booking row as one flat item; names from the spec's Booking schema.
// The spec describes no roomStay.sourceTotal: the sandbox fills it with the stay's price in the
// hotel's currency, so it is read as the booking's total (inferred).
const simplifyBooking = flatItem({
	bookingCode: 'bookingCode',
	bookingStatus: 'bookingStatus',
	createdDate: 'createdDate',
	guestName: 'user.fullName',
	hotelName: 'hotel.name',
	startDate: 'roomStay.startDate',
	endDate: 'roomStay.endDate',
	totalAmount: 'roomStay.sourceTotal.amount',
	totalCurrency: 'roomStay.sourceTotal.currency',
	paymentType: 'paymentType',
	cancelled: 'cancelled',
	fundsAvailableDate: 'fundsAvailableDate',
	id: 'id',
});

/** Wink Booking: the managing entity's bookings and their aggregate funds. */
export const bookingOperations: WinkOperation[] = [
	{
		value: 'getMany',
		name: 'Get Many',
		action: 'Get many bookings',
		description:
			'List bookings, sorted and filtered; every item also carries the totalFunds of the whole selection',
		operationId: 'showBookingGrid',
		method: 'POST',
		path: `${BOOKING}/grid`,
		scope: 'booking.read',
		// Version 1: Filters (query) and Filter (body) as they were; version 2 merges them.
		fields: [
			...onlyIn(shownBefore('bookingGrid'), [filters([financialState]), ...stateSortFilterFields]),
			...onlyIn(shownWith('bookingGrid'), [
				grid.sort,
				filters([financialStateList, ...grid.filterOptions]),
			]),
		],
		paging: { kind: 'state', pageSize: 100, pageKey: 'page', keep: ['totalFunds'] },
		// A POST that only reads: items may run side by side.
		parallel: true,
		output: 'list',
		simplify: simplifyBooking,
		simplifyInferred:
			"totalAmount and totalCurrency come from roomStay.sourceTotal, which Wink's API reference does not describe: read as the booking's total (inferred). Check them against Wink before relying on them.",
	},
	{
		value: 'getFunds',
		name: 'Get Aggregate Funds',
		action: 'Get aggregate funds',
		description: 'Get the total funds of the bookings, in source, internal and display currency',
		operationId: 'showAggregateFunds',
		method: 'GET',
		path: `${BOOKING}/funds`,
		scope: 'booking.read',
		fields: [
			filters([
				{
					displayName: 'Account Funds Only',
					name: 'accountFundsOnly',
					type: 'boolean',
					default: false,
					description:
						'Whether to sum only what this account earned as a beneficiary, rather than the full amounts of the bookings it took part in',
				},
				financialState,
			]),
		],
		output: 'object',
	},
	{
		value: 'getCancellations',
		name: 'Get Cancellation Counts',
		action: 'Get cancellation counts',
		description: 'Count the bookings that are cancelled and not cancelled: one item each',
		operationId: 'showAggregateCancellationData',
		method: 'GET',
		path: `${BOOKING}/aggregate/cancellation`,
		scope: 'booking.read',
		output: 'list',
	},
	{
		value: 'getBeneficiaryPayments',
		name: 'Get Beneficiary Payments',
		action: 'Get beneficiary payments',
		description: 'Payment amounts per beneficiary and payment type, one item each',
		operationId: 'showBeneficiaryPaymentAmounts',
		method: 'GET',
		path: `${BOOKING}/aggregate/beneficiary`,
		scope: 'booking.read',
		output: 'list',
	},
	{
		value: 'getAvailableFunds',
		name: 'Get Available Funds',
		action: 'Get available funds',
		description: 'The funds available (withdrawable) now, one item per beneficiary',
		operationId: 'showAvailableFunds',
		method: 'GET',
		path: `${BOOKING}/aggregate/beneficiary/available-funds`,
		scope: 'booking.read',
		output: 'list',
	},
];
