'use strict';
// Spec tag "Travel Agent": book rooms for the agent (the managing entity of the path), paid from
// its TripPay balance. Every room is one booking; all or none are made.
const crypto = require('node:crypto');
const { badRequest, notFound, Reply } = require('../http-error');
const { PER_USD, round2 } = require('../money');
const { ME, newId, balanceIn, insertNewestFirst } = require('./helpers');

const DAY = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const nonBlank = { type: 'string', minLength: 1 };
const BODY = {
	required: ['rooms', 'displayCurrency', 'displayLanguage', 'sourceUrl'],
	properties: {
		rooms: { type: 'array' },
		displayCurrency: nonBlank,
		displayLanguage: nonBlank,
		sourceUrl: nonBlank,
	},
};

// The nights and price of one room request, checked as Wink would.
function quote(state, room, i) {
	const at = `rooms[${i}]`;
	const hotel = state.managingEntities[room.hotelIdentifier];
	const rate = (state.inventory[room.hotelIdentifier] ?? []).find(
		(r) => r.id === room.roomRateIdentifier,
	);
	if (!hotel || !rate)
		throw notFound(
			`${at}: no room rate '${room.roomRateIdentifier}' at hotel '${room.hotelIdentifier}'`,
		);
	if (!DATE.test(room.startDate ?? ''))
		throw badRequest(`${at}.startDate must be a date (YYYY-MM-DD)`);
	if (room.endDate !== undefined && !DATE.test(room.endDate))
		throw badRequest(`${at}.endDate must be a date (YYYY-MM-DD)`);
	const nights = room.endDate
		? (Date.parse(room.endDate) - Date.parse(room.startDate)) / DAY
		: room.nights;
	if (!Number.isInteger(nights) || nights < 1)
		throw badRequest(`${at}: give endDate after startDate, or nights >= 1`);
	if (!(room.roomConfiguration?.adults >= 1))
		throw badRequest(`${at}.roomConfiguration.adults must be at least 1`);
	if (!room.user?.email || !room.user.firstName || !room.user.lastName)
		throw badRequest(`${at}.user needs firstName, lastName and email`);
	const quantity = room.roomConfiguration.quantity ?? 1;
	const source = round2(rate.nightly * nights * quantity);
	return {
		hotel,
		rate,
		nights,
		quantity,
		source,
		usd: round2(source / PER_USD[hotel.currencyCode]),
	};
}

function createAgentBooking({ state, me, body, now }) {
	if (body.rooms.length === 0) throw badRequest('rooms must hold at least one room');
	const quotes = body.rooms.map((room, i) => quote(state, room, i));
	const totalUsd = round2(quotes.reduce((sum, q) => sum + q.usd, 0));
	const balance = balanceIn(state, me.id, 'USD');
	if (totalUsd > balance)
		throw badRequest(
			`Insufficient TripPay balance: the booking costs ${totalUsd} USD, the balance is ${balance} USD`,
		);

	const groupIdentifier = crypto.randomUUID();
	const list = body.rooms.map((room, i) => {
		const q = quotes[i];
		const end =
			room.endDate ??
			new Date(Date.parse(room.startDate) + q.nights * DAY).toISOString().slice(0, 10);
		const booking = {
			id: newId('bk'),
			createdDate: now,
			lastUpdate: now,
			version: 0,
			creation: 'NORMAL',
			groupIdentifier,
			bookingCode: `BK-${crypto.randomInt(100000, 999999)}`,
			serverUrl: body.sourceUrl,
			user: { ...room.user, fullName: `${room.user.firstName} ${room.user.lastName}` },
			userSession: {
				itinerary: { startDate: room.startDate, endDate: end },
				currency: body.displayCurrency,
				language: body.displayLanguage,
			},
			hotel: {
				hotelIdentifier: q.hotel.id,
				name: q.hotel.name,
				uniqueId: q.hotel.urlName,
				currencyCode: q.hotel.currencyCode,
			},
			roomStay: {
				roomRateIdentifier: q.rate.id,
				roomRateInternalName: q.rate.name,
				startDate: room.startDate,
				endDate: end,
				adults: room.roomConfiguration.adults,
				children: (room.roomConfiguration.children ?? []).reduce((n, c) => n + c.quantity, 0),
				quantity: q.quantity,
				roomNights: q.nights,
				sourceTotal: { amount: q.source, currency: q.hotel.currencyCode },
				internalTotal: { amount: q.usd, currency: 'USD' },
			},
			specialRequests: room.specialRequests ?? null,
			bookingStatus: 'PAYMENT_SUCCEEDED',
			paymentType: 'AGENT',
			cancelled: false,
			traceId: body.traceId ?? null,
			beneficiaryList: [],
		};
		insertNewestFirst((state.bookings[q.hotel.id] ??= []), booking);
		return booking;
	});
	insertNewestFirst(state.ledger[me.id], {
		id: newId('le'),
		createdDate: now,
		lastUpdate: now,
		version: 0,
		accountIdentifier: me.id,
		accountName: me.name,
		description: `Agent booking ${list.map((b) => b.bookingCode).join(', ')}`,
		referenceIdentifier: groupIdentifier,
		referenceType: 'BOOKING_CONTRACT',
		fundsType: 'TRIP_PAY',
		type: 'DEBIT',
		accountType: 'ASSETS',
		accountUsageType: 'CASH',
		entry: { amount: -totalUsd, currency: 'USD' },
		metadata: { groupIdentifier },
	});
	const displayTotal = round2(totalUsd * (PER_USD[body.displayCurrency] ?? 1));
	return new Reply(201, {
		list,
		pointsToBeEarned: 0,
		userSpecifiedCurrencyTotal: { amount: displayTotal, currency: body.displayCurrency },
	});
}

module.exports = [
	{
		operationId: 'createAgentBooking',
		method: 'POST',
		path: `${ME}/booking/agent`,
		body: BODY,
		handler: createAgentBooking,
	},
];
