'use strict';
// Spec tag "Settlement": ledger, balance and withdrawals.
const crypto = require('node:crypto');
const { badRequest, notFound } = require('../http-error');
const { estimateFees } = require('../money');
const {
	ME,
	newId,
	intQuery,
	balances,
	balanceIn,
	resolveDestination,
	insertNewestFirst,
} = require('./helpers');

const MAX_PAGE_SIZE = 1000;

function getTransactionHistory({ state, me, query }) {
	const page = intQuery(query, 'page', 0);
	const cap = state.limits.ledgerPageSize;
	const size = cap ? Math.min(intQuery(query, 'size', 20), cap) : intQuery(query, 'size', 20);
	if (page < 0) throw badRequest(`Query parameter 'page' must be >= 0 (got ${page})`);
	if (size < 1 || size > MAX_PAGE_SIZE)
		throw badRequest(`Query parameter 'size' must be between 1 and ${MAX_PAGE_SIZE} (got ${size})`);
	return state.ledger[me.id].slice(page * size, page * size + size);
}

function getAvailableBalance({ state, me }) {
	return balances(state, me.id);
}

function getWithdrawalHistory({ state, me }) {
	return state.withdrawals[me.id];
}

function getWithdrawal({ state, me, params }) {
	const w = state.withdrawals[me.id].find((x) => x.id === params.withdrawalId);
	if (!w) throw notFound(`Withdrawal '${params.withdrawalId}' not found`);
	return w;
}

function estimateWithdrawalFees({ state, me, query }) {
	const { destination } = resolveDestination(me, query);
	const gross = Math.max(0, balanceIn(state, me.id, destination.currencyCode));
	return estimateFees(gross, destination.currencyCode);
}

function initiateWithdrawal({ state, me, query, now }) {
	const { kind, destination } = resolveDestination(me, query);
	const currency = destination.currencyCode;
	const gross = balanceIn(state, me.id, currency);
	if (gross <= 0) throw badRequest(`No available balance in ${currency}`);
	const fees = estimateFees(gross, currency);
	if (fees.netAmount <= 0) {
		throw badRequest(
			`Available balance of ${gross} ${currency} does not cover the withdrawal fees`,
		);
	}
	const referenceCode = `WD-${crypto.randomBytes(4).toString('hex').slice(0, 6).toUpperCase()}`;
	const withdrawal = {
		id: newId('wd'),
		createdDate: now,
		lastUpdate: now,
		version: 0,
		accountIdentifier: me.id,
		bankAccountIdentifier: destination.identifier,
		grossAmount: fees.grossAmount,
		transferFeeAmount: fees.transferFeeAmount,
		fxFeeRate: fees.fxFeeRate,
		fxFeeAmount: fees.fxFeeAmount,
		amount: fees.netAmount,
		currencyCode: currency,
		status: 'PENDING',
		revolutPaymentId: null,
		referenceCode,
		requestedAt: now,
		completedAt: null,
	};
	insertNewestFirst(state.withdrawals[me.id], withdrawal, 'requestedAt');
	const to =
		kind === 'RevolutPayoutAccount'
			? `Revolut @${destination.revtag}`
			: `bank account ${destination.identifier}`;
	// The withdrawal's debit, linked the inferred way (referenceType WITHDRAWAL, id in referenceIdentifier).
	insertNewestFirst(state.ledger[me.id], {
		id: newId('le'),
		createdDate: now,
		lastUpdate: now,
		version: 0,
		accountIdentifier: me.id,
		accountName: me.name,
		description: `Withdrawal ${referenceCode} to ${to}`,
		referenceIdentifier: withdrawal.id,
		referenceType: 'WITHDRAWAL',
		fundsType: 'TRIP_PAY',
		type: 'DEBIT',
		accountType: 'ASSETS',
		accountUsageType: 'CASH',
		entry: { amount: -fees.grossAmount, currency },
		metadata: { withdrawalId: withdrawal.id, referenceCode },
	});
	return withdrawal;
}

module.exports = [
	{
		operationId: 'getTransactionHistory',
		method: 'GET',
		path: `${ME}/payment/ledger/transactions`,
		scope: 'accounting.read',
		handler: getTransactionHistory,
	},
	{
		operationId: 'getAvailableBalance',
		method: 'GET',
		path: `${ME}/payment/ledger/balance`,
		scope: 'accounting.read',
		handler: getAvailableBalance,
	},
	{
		operationId: 'getWithdrawalHistory',
		method: 'GET',
		path: `${ME}/payment/withdrawal`,
		scope: 'payment.read',
		handler: getWithdrawalHistory,
	},
	{
		operationId: 'estimateFees',
		method: 'GET',
		path: `${ME}/payment/withdrawal/estimate`,
		scope: 'payment.read',
		handler: estimateWithdrawalFees,
	},
	{
		operationId: 'getWithdrawal',
		method: 'GET',
		path: `${ME}/payment/withdrawal/{withdrawalId}`,
		scope: 'payment.read',
		handler: getWithdrawal,
	},
	{
		operationId: 'initiateWithdrawal',
		method: 'POST',
		path: `${ME}/payment/withdrawal`,
		scope: 'payment.write',
		handler: initiateWithdrawal,
	},
];
