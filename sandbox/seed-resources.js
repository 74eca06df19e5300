'use strict';
// Seed data for managers, customizations, bookings and agent bookings, added to the state
// seed.js builds. Its own random stream, so the rest of the seed (ids, ledger) stays the same.
const { PER_USD, round2 } = require('./money');

const DAY = 86_400_000;
const iso = (ms) => new Date(ms).toISOString();
const isoDate = (ms) => iso(ms).slice(0, 10);
const BOOKINGS = 240;
// Weighted booking statuses of the hotel's bookings.
const STATUSES = [
	{ weight: 70, status: 'PAYMENT_SUCCEEDED' },
	{ weight: 9, status: 'CANCELLED' },
	{ weight: 5, status: 'FULLY_REFUNDED' },
	{ weight: 6, status: 'PARTIALLY_REFUNDED' },
	{ weight: 5, status: 'PAYMENT_FAILED' },
	{ weight: 5, status: 'INITIALIZED' },
];
const GUESTS = [
	['Sofia', 'Almeida'],
	['Lucas', 'Meyer'],
	['Emma', 'Dubois'],
	['Noah', 'Jensen'],
	['Mia', 'Rossi'],
	['Oliver', 'Smith'],
	['Chloe', 'Martin'],
	['Hugo', 'Santos'],
	['Lea', 'Novak'],
	['Finn', 'Berg'],
];

/** Users with a Wink account (only these can be invited as managers). */
function users(rng) {
	return [
		['Ana', 'Costa', 'ana.costa@example.com'],
		['João', 'Silva', 'joao.silva@example.com'],
		['Marta', 'Ferreira', 'marta.ferreira@example.com'],
		['Liam', 'Walsh', 'liam.walsh@example.com'],
		['Priya', 'Nair', 'priya.nair@example.com'],
	].map(([firstName, lastName, email]) => ({
		userIdentifier: `user-${rng.hex(10)}`,
		firstName,
		lastName,
		email,
	}));
}

function customization(rng, me, epoch, fields) {
	return {
		id: `cz-${rng.hex(12)}`,
		createdDate: iso(epoch - 200 * DAY),
		lastUpdate: iso(epoch - 20 * DAY),
		version: 3,
		userIdentifier: me.userIdentifier,
		ownerIdentifier: me.id,
		ownerName: me.name,
		subType: me.type,
		defaultCurrency: me.currencyCode,
		defaultLanguage: 'en',
		cardLayout: 'VERTICAL',
		layout: 'INFORMATIONAL',
		cardDesign: 'DEFAULT',
		selfHosted: false,
		hostedBookingEngineUrl: 'https://ota.wink.travel',
		useDays: true,
		numberOfAdvanceDays: 14,
		numberOfStayDays: 2,
		roomConfigurations: [{ adults: 2, quantity: 1 }],
		promotionalCodes: [],
		logos: [],
		trackingPixels: [],
		...fields,
	};
}

/** One booking of the hotel: a room stay paid by card (or by an agent), with its beneficiaries. */
function booking(rng, hotel, agency, createdMs, status, rates, engine) {
	const rate = rng.pick(rates);
	const nights = rng.int(1, 6);
	const start = createdMs + rng.int(3, 90) * DAY;
	const sourceAmount = round2(rate.nightly * nights);
	const internalAmount = round2(sourceAmount / PER_USD[hotel.currencyCode]);
	const viaAgent = rng.next() < 0.2;
	const [firstName, lastName] = rng.pick(GUESTS);
	const cancelled = status === 'CANCELLED' || status === 'FULLY_REFUNDED';
	const share = (beneficiary, type, part) => ({
		accountIdentifier: beneficiary.id,
		accountName: beneficiary.name,
		accountEmail: beneficiary.accountEmail,
		type,
		sourceCurrency: hotel.currencyCode,
		displayCurrency: 'USD',
		internalCurrency: 'USD',
		sourceAmount: round2(sourceAmount * part),
		displayAmount: round2(internalAmount * part),
		internalAmount: round2(internalAmount * part),
		sourceAmountRefundModifier: 0,
		displayAmountRefundModifier: 0,
		internalAmountRefundModifier: 0,
		netSourceAmount: round2(sourceAmount * part),
		netDisplayAmount: round2(internalAmount * part),
		netInternalAmount: round2(internalAmount * part),
	});
	return {
		id: `bk-${rng.hex(12)}`,
		createdDate: iso(createdMs),
		lastUpdate: iso(createdMs + DAY),
		version: 1,
		creation: 'NORMAL',
		groupIdentifier: rng.uuid(),
		bookingCode: `BK-${rng.digits(6)}`,
		customization: {
			identifier: engine.id,
			name: engine.name,
			userIdentifier: hotel.userIdentifier,
			ownerIdentifier: hotel.id,
			ownerName: hotel.name,
			subType: hotel.type,
		},
		user: {
			firstName,
			lastName,
			email: `${firstName}.${lastName}@guest.example`.toLowerCase(),
			fullName: `${firstName} ${lastName}`,
		},
		userSession: {
			itinerary: { startDate: isoDate(start), endDate: isoDate(start + nights * DAY) },
			currency: 'USD',
			language: 'en',
		},
		serverUrl: 'https://ota.wink.travel',
		emailHeaderLogoUrl: 'https://res.cloudinary.com/wink/logo.png',
		hotelImageUrl: 'https://res.cloudinary.com/wink/hotel.jpg',
		hotel: {
			hotelIdentifier: hotel.id,
			name: hotel.name,
			uniqueId: hotel.urlName,
			currencyCode: hotel.currencyCode,
		},
		roomStay: {
			roomRateIdentifier: rate.id,
			roomRateInternalName: rate.name,
			startDate: isoDate(start),
			endDate: isoDate(start + nights * DAY),
			adults: 2,
			children: 0,
			quantity: 1,
			roomNights: nights,
			sourceTotal: { amount: sourceAmount, currency: hotel.currencyCode },
			internalTotal: { amount: internalAmount, currency: 'USD' },
		},
		bookingStatus: status,
		paymentType: viaAgent ? 'AGENT' : 'STRIPE',
		cancelled,
		cancellation: cancelled ? { cancelledAt: iso(createdMs + 2 * DAY) } : null,
		fundsAvailableDate: isoDate(start + nights * DAY + 7 * DAY),
		beneficiaryList: viaAgent
			? [share(hotel, 'SALE', 0.88), share(agency, 'COMMISSION', 0.1)]
			: [share(hotel, 'SALE', 0.97)],
	};
}

function seedResources(state, rng, epoch) {
	const hotel = state.managingEntities[state.ids.managingEntityId];
	const agency = state.managingEntities[state.ids.secondaryManagingEntityId];
	const managers = Object.values(state.managingEntities).flatMap((me) => me.managers);
	state.users = [
		...users(rng),
		...managers.map(({ userIdentifier, firstName, lastName, email }) => ({
			userIdentifier,
			firstName,
			lastName,
			email,
		})),
	];

	const primary = customization(rng, hotel, epoch, {
		name: 'Grand Azure booking engine',
		primary: true,
	});
	const campaign = customization(rng, hotel, epoch, {
		name: 'Summer campaign',
		primary: false,
		promotionalCodes: ['SUMMER26'],
	});
	state.customizations = { [hotel.id]: [primary, campaign], [agency.id]: [] };

	// The hotel's sellable room rates (agent bookings book these), nightly prices in its currency.
	const rates = [
		['Deluxe Double, breakfast', 240],
		['Junior Suite, flexible', 390],
		['Classic Twin, non-refundable', 165],
	].map(([name, nightly]) => ({ id: `rr-${rng.hex(12)}`, name, nightly }));
	state.inventory = { [hotel.id]: rates };

	const bookings = [];
	for (let i = 0; i < BOOKINGS; i++) {
		const created = epoch - Math.floor(rng.next() * 365 * DAY);
		bookings.push(
			booking(rng, hotel, agency, created, rng.weighted(STATUSES).status, rates, primary),
		);
	}
	bookings.sort((a, b) => (a.createdDate < b.createdDate ? 1 : -1));
	state.bookings = { [hotel.id]: bookings, [agency.id]: [] };

	// The agency's TripPay balance, which agent bookings are paid from.
	state.ledger[agency.id].push({
		id: `le-${rng.hex(16)}`,
		createdDate: iso(epoch - 10 * DAY),
		lastUpdate: iso(epoch - 10 * DAY),
		version: 0,
		accountIdentifier: agency.id,
		accountName: agency.name,
		description: `TripPay deposit DP-${rng.code(6)}`,
		referenceIdentifier: `DP-${rng.code(6)}`,
		referenceType: 'DEPOSIT',
		fundsType: 'TRIP_PAY',
		type: 'CREDIT',
		accountType: 'ASSETS',
		accountUsageType: 'CASH',
		entry: { amount: 5000, currency: 'USD' },
		metadata: {},
	});
	state.ids.customizationIds = [primary.id, campaign.id];
	state.ids.roomRateIds = rates.map((r) => r.id);
	state.ids.inviteableEmails = state.users.slice(0, 5).map((u) => u.email);
	return state;
}

module.exports = { seedResources };
