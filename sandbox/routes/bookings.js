'use strict';
// Spec tag "Bookings": the managing entity's bookings as a grid (with the total funds of the
// selection) and its aggregates. The `state` query parameter ("financial state filter") has no
// values in the spec; the sandbox reads it as a bookingStatus.
const { badRequest } = require('../http-error');
const { round2, sumAmounts } = require('../money');
const { statePage, selected } = require('../grid');
const { ME } = require('./helpers');

const bookingsOf = (state, me, query = {}) =>
	(state.bookings[me.id] ?? []).filter((b) => !query.state || b.bookingStatus === query.state);

// What the entity earns from a booking (its beneficiary shares), or the whole booking amount.
function amounts(me, booking, accountFundsOnly) {
	if (!accountFundsOnly) {
		return {
			source: booking.roomStay.sourceTotal,
			internal: booking.roomStay.internalTotal.amount,
		};
	}
	const mine = booking.beneficiaryList.filter((b) => b.accountIdentifier === me.id);
	return {
		source: {
			amount: sumAmounts(mine.map((b) => b.sourceAmount)),
			currency: booking.roomStay.sourceTotal.currency,
		},
		internal: sumAmounts(mine.map((b) => b.internalAmount)),
	};
}

// TotalAggregateFunds of a list of bookings (the sandbox's display currency is USD).
function totalFunds(me, bookings, accountFundsOnly = false) {
	const parts = bookings.map((b) => amounts(me, b, accountFundsOnly));
	const internalAmount = sumAmounts(parts.map((p) => p.internal));
	return {
		sourceCurrency: parts[0]?.source.currency ?? me.currencyCode,
		internalCurrency: 'USD',
		displayCurrency: 'USD',
		sourceAmount: sumAmounts(parts.map((p) => p.source.amount)),
		internalAmount,
		displayAmount: internalAmount,
	};
}

function showAggregateFunds({ state, me, query }) {
	if (query.accountFundsOnly !== undefined && !['true', 'false'].includes(query.accountFundsOnly)) {
		throw badRequest(
			`Query parameter 'accountFundsOnly' must be true or false (got '${query.accountFundsOnly}')`,
		);
	}
	return totalFunds(me, bookingsOf(state, me, query), query.accountFundsOnly === 'true');
}

function showAggregateCancellationData({ state, me }) {
	const all = bookingsOf(state, me);
	return [false, true].map((cancelled) => ({
		cancelled,
		count: all.filter((b) => b.cancelled === cancelled).length,
	}));
}

// Beneficiary shares of the bookings that were paid and not cancelled, summed per beneficiary and type.
function shares(bookings, available) {
	const groups = new Map();
	for (const booking of bookings) {
		if (
			booking.cancelled ||
			!['PAYMENT_SUCCEEDED', 'PARTIALLY_REFUNDED'].includes(booking.bookingStatus)
		)
			continue;
		if (available && booking.fundsAvailableDate > available) continue;
		for (const b of booking.beneficiaryList) {
			const key = available ? b.accountIdentifier : `${b.accountIdentifier} ${b.type}`;
			if (!groups.has(key)) groups.set(key, { b, items: 0, source: [], internal: [] });
			const g = groups.get(key);
			g.items += 1;
			g.source.push(b.sourceAmount);
			g.internal.push(b.internalAmount);
		}
	}
	return [...groups.values()];
}

function showBeneficiaryPaymentAmounts({ state, me }) {
	return shares(bookingsOf(state, me), null).map(({ b, items, source, internal }) => ({
		managingEntityIdentifier: b.accountIdentifier,
		accountName: b.accountName,
		type: b.type,
		totalItemsSold: items,
		sourceCurrency: b.sourceCurrency,
		internalCurrency: b.internalCurrency,
		sourceAmount: round2(sumAmounts(source)),
		internalAmount: round2(sumAmounts(internal)),
	}));
}

// Funds become available on a booking's fundsAvailableDate; "today" is the seed's epoch so
// the answer does not drift with the clock.
function showAvailableFunds({ state, me }) {
	return shares(bookingsOf(state, me), state.epoch.slice(0, 10)).map(({ b, source, internal }) => ({
		managingEntityIdentifier: b.accountIdentifier,
		sourceCurrency: b.sourceCurrency,
		internalCurrency: b.internalCurrency,
		sourceAmount: sumAmounts(source),
		internalAmount: sumAmounts(internal),
	}));
}

// BookingGridResponse: one page of the selection, and the total funds of the whole selection.
function showBookingGrid({ state, me, query, body }) {
	const all = bookingsOf(state, me, query);
	return { page: statePage(all, body), totalFunds: totalFunds(me, selected(all, body)) };
}

const BOOKING = `${ME}/booking`;

module.exports = [
	{
		operationId: 'showAggregateFunds',
		method: 'GET',
		path: `${BOOKING}/funds`,
		handler: showAggregateFunds,
	},
	{
		operationId: 'showAggregateCancellationData',
		method: 'GET',
		path: `${BOOKING}/aggregate/cancellation`,
		handler: showAggregateCancellationData,
	},
	{
		operationId: 'showBeneficiaryPaymentAmounts',
		method: 'GET',
		path: `${BOOKING}/aggregate/beneficiary`,
		handler: showBeneficiaryPaymentAmounts,
	},
	{
		operationId: 'showAvailableFunds',
		method: 'GET',
		path: `${BOOKING}/aggregate/beneficiary/available-funds`,
		handler: showAvailableFunds,
	},
	{
		operationId: 'showBookingGrid',
		method: 'POST',
		path: `${BOOKING}/grid`,
		body: 'State',
		handler: showBookingGrid,
	},
];
