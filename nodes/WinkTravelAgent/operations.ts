import { additionalFields, childrenField } from '../shared/table/fields';
import type { WinkOperation, WinkValue } from '../shared/table/types';

const str = (displayName: string, name: string, extra: Partial<WinkValue> = {}): WinkValue => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...extra,
});

// Optional properties of a room, merged into its entry.
const roomOptions: WinkValue[] = [
	str('Bedroom Configuration ID', 'bedroomConfigurationIdentifier', {
		description: 'A specific bedroom layout, if the room offers several',
	}),
	{
		displayName: 'Check-Out Date',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		description: 'Sent as a date; or give Nights',
	},
	childrenField({ key: 'roomConfiguration.children' }),
	{
		displayName: 'Ancillaries (JSON)',
		name: 'ancillaries',
		key: 'ancillaries',
		type: 'json',
		default: '[]',
		description: 'Add-ons booked with the room: a JSON array of AncillaryRequest objects',
	},
	str('External Customer ID', 'externalCustomerIdentifier'),
	{
		displayName: 'External Fees (JSON)',
		name: 'externalFees',
		key: 'externalFees',
		type: 'json',
		default: '[]',
		description:
			'A JSON array of Fee objects (identifier, fee {amount, currency}, type, description)',
	},
	str('External Supplier Booking Code', 'externalSupplierBookingCode', {
		description: 'Your own booking code',
	}),
	str('External Transaction ID', 'externalTransactionIdentifier'),
	str('Guest Telephone', 'guestTelephone', { key: 'user.telephone' }),
	{
		displayName: 'Nights',
		name: 'nights',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'Length of stay; or give Check-Out Date',
	},
	{
		displayName: 'Promotional Codes',
		name: 'promotionalCodes',
		type: 'string',
		typeOptions: { multipleValues: true },
		default: [],
	},
	{
		displayName: 'Rooms',
		name: 'quantity',
		key: 'roomConfiguration.quantity',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'Number of identical rooms',
	},
	str('Special Requests', 'specialRequests', { description: 'A free-text request to the hotel' }),
	{
		displayName: 'Vendor Specific (JSON)',
		name: 'vendorSpecific',
		key: 'vendorSpecific',
		type: 'json',
		default: '{}',
		description: 'External metadata: a JSON object of text values',
	},
];

// AgentBookingRequest_Agent, one entry per booked room. Required: hotel, room rate, start date,
// room configuration (adults) and the guest (user: first name, last name, email).
const roomValues: WinkValue[] = [
	str('Hotel ID', 'hotelIdentifier', { required: true, description: 'The hotel to book' }),
	str('Room Rate ID', 'roomRateIdentifier', {
		required: true,
		description: 'The master rate that made the room available for sale',
	}),
	{
		displayName: 'Check-In Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Sent as a date',
	},
	{
		displayName: 'Adults',
		name: 'adults',
		key: 'roomConfiguration.adults',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 2,
		required: true,
	},
	str('Guest First Name', 'guestFirstName', { key: 'user.firstName', required: true }),
	str('Guest Last Name', 'guestLastName', { key: 'user.lastName', required: true }),
	str('Guest Email', 'guestEmail', {
		key: 'user.email',
		required: true,
		placeholder: 'name@email.com',
	}),
	{
		displayName: 'Room Options',
		name: 'roomOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Give Check-Out Date or Nights',
		options: roomOptions,
	},
];

/** Wink Travel Agent: book rooms on behalf of the agent, paid from its TripPay balance. */
export const travelAgentOperations: WinkOperation[] = [
	{
		value: 'createBooking',
		name: 'Create Booking',
		action: 'Create an agent booking',
		description:
			'Book rooms for the agent, debiting its TripPay balance. Moves money: sent once, never retried automatically.',
		operationId: 'createAgentBooking',
		method: 'POST',
		path: '/api/managing-entity/{managingEntityIdentifier}/booking/agent',
		scope: 'booking.write',
		fields: [
			{
				displayName: 'Rooms',
				name: 'rooms',
				in: 'body',
				type: 'fixedCollection',
				placeholder: 'Add Room',
				default: {},
				required: true,
				typeOptions: { multipleValues: true },
				description: 'Each room is booked separately; all are paid together',
				options: [{ displayName: 'Room', name: 'room', values: roomValues }],
			},
			{
				displayName: 'Display Currency',
				name: 'displayCurrency',
				in: 'body',
				type: 'string',
				default: 'USD',
				required: true,
				description: 'The currency of the totals in the answer',
			},
			{
				displayName: 'Display Language',
				name: 'displayLanguage',
				in: 'body',
				type: 'string',
				default: 'en',
				required: true,
			},
			{
				displayName: 'Source URL',
				name: 'sourceUrl',
				in: 'body',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'https://your-agency.example/booking',
				description: 'Where the booking was made',
			},
			additionalFields([
				str('Trace ID', 'traceId', { description: 'Your identifier for this set of bookings' }),
			]),
		],
		output: 'object',
		movesMoney: true,
	},
];
