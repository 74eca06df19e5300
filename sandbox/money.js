'use strict';
// Amount helpers and the withdrawal fee model (shared by seed data and the estimate/initiate routes).

// Units of currency per 1 USD: a fixed table, good enough to convert the $5 transfer fee.
const PER_USD = {
	USD: 1,
	EUR: 0.92,
	GBP: 0.79,
	CHF: 0.88,
	CAD: 1.37,
	AUD: 1.52,
	NZD: 1.66,
	SGD: 1.34,
	HKD: 7.8,
	JPY: 150,
	THB: 36,
	IDR: 15800,
	DKK: 6.86,
	SEK: 10.9,
	NOK: 10.8,
	PLN: 4.0,
};
const TRANSFER_FEE_USD = 5;
const FX_FEE_RATE = 0.006;

const toCents = (x) => Math.round(Number(x) * 100);
const round2 = (x) => toCents(x) / 100;

// Sum in integer cents so 3,000 entries do not drift.
function sumAmounts(amounts) {
	let cents = 0;
	for (const a of amounts) cents += toCents(a);
	return cents / 100;
}

function estimateFees(grossAmount, currencyCode) {
	const gross = round2(grossAmount);
	const transferFeeAmount = round2(TRANSFER_FEE_USD * (PER_USD[currencyCode] ?? 1));
	const isUsd = currencyCode === 'USD';
	const fxFeeRate = isUsd ? null : FX_FEE_RATE;
	const fxFeeAmount = isUsd ? null : round2(gross * FX_FEE_RATE);
	// A payout cannot be negative: an estimate on a tiny balance reports 0.
	const netAmount = Math.max(0, round2(gross - transferFeeAmount - (fxFeeAmount || 0)));
	return {
		grossAmount: gross,
		transferFeeAmount,
		fxFeeRate,
		fxFeeAmount,
		netAmount,
		currencyCode,
		offMarketHours: false,
	};
}

module.exports = {
	PER_USD,
	TRANSFER_FEE_USD,
	FX_FEE_RATE,
	round2,
	toCents,
	sumAmounts,
	estimateFees,
};
