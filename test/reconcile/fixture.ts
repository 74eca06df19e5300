import type { IDataObject } from 'n8n-workflow';

// Withdrawals and ledger entries for Reconcile tests, consistent unless a test plants a difference.

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const NOW = Date.now();
export const iso = (ms: number) => new Date(ms).toISOString();

type W = IDataObject & { id: string; referenceCode: string; status: string; currencyCode: string };

export function withdrawal(
	id: string,
	status: string,
	currencyCode: string,
	[grossAmount, transferFeeAmount, fxFeeAmount, amount]: [number, number, number | null, number],
	requested: number,
): W {
	const completed = status === 'COMPLETED' ? requested + 20 * HOUR : null;
	return {
		id,
		referenceCode: `WD-${id.slice(3).toUpperCase()}`,
		status,
		currencyCode,
		grossAmount,
		transferFeeAmount,
		fxFeeRate: fxFeeAmount === null ? null : 0.006,
		fxFeeAmount,
		amount,
		bankAccountIdentifier: 'ba-1',
		requestedAt: iso(requested),
		completedAt: completed === null ? null : iso(completed),
		createdDate: iso(requested),
		lastUpdate: iso(completed ?? requested),
	};
}

/** The debit the sandbox writes for a withdrawal (the inferred link). */
export function debit(
	w: W,
	at = Date.parse(String(w.requestedAt)),
	amount = -Number(w.grossAmount),
	currency = w.currencyCode,
) {
	return {
		id: `le-${w.id}`,
		createdDate: iso(at),
		referenceType: 'WITHDRAWAL',
		referenceIdentifier: w.id,
		type: 'DEBIT',
		fundsType: 'TRIP_PAY',
		entry: { amount, currency },
	};
}

export function credit(id: string, at: number, amount: number, currency = 'EUR') {
	return {
		id,
		createdDate: iso(at),
		referenceType: 'BOOKING_CONTRACT',
		referenceIdentifier: `BK-${id}`,
		type: 'CREDIT',
		fundsType: 'SALE',
		entry: { amount, currency },
	};
}

/**
 * Five withdrawals that reconcile: three COMPLETED (EUR; GBP whose 100.30 − 4.60 − 0.60 drifts
 * in floating point; USD without an FX fee), one PENDING, one FAILED (never debited).
 */
export function cleanBooks() {
	const ws = [
		withdrawal('wd-aaa111', 'COMPLETED', 'EUR', [1000, 4.6, 6, 989.4], NOW - 4 * DAY),
		withdrawal('wd-bbb222', 'COMPLETED', 'GBP', [100.3, 4.6, 0.6, 95.1], NOW - 3 * DAY),
		withdrawal('wd-ccc333', 'COMPLETED', 'USD', [800.1, 5, null, 795.1], NOW - 3 * DAY + HOUR),
		withdrawal('wd-ddd444', 'PENDING', 'EUR', [250, 4.6, 1.5, 243.9], NOW - DAY),
		withdrawal('wd-eee555', 'FAILED', 'USD', [300, 5, null, 295], NOW - 2 * DAY),
	];
	const ledger = [
		credit('le-s1', NOW - 5 * HOUR, 120.5),
		...ws.filter((w) => w.status !== 'FAILED').map((w) => debit(w)),
		credit('le-s2', NOW - 6 * DAY, 2000),
		credit('le-s3', NOW - 6 * DAY, 300, 'GBP'),
		credit('le-s4', NOW - 6 * DAY, 1200, 'USD'),
	];
	ledger.sort((a, b) => (a.createdDate < b.createdDate ? 1 : -1));
	return { withdrawals: ws.reverse(), ledger };
}
