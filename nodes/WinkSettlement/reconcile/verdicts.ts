import type { IDataObject } from 'n8n-workflow';
import { timeOf } from '../../shared/execution/ledgerCursor';
import { fromMinor, toMinor } from './money';

const DAY = 86_400_000;

/**
 * Inferred, not in the spec: a withdrawal's ledger debit has referenceType WITHDRAWAL and the
 * withdrawal's id in referenceIdentifier (from the two fields' descriptions). Said in every answer.
 */
export const LINK_NOTE =
	"Inferred: a withdrawal's ledger debit is the entry with referenceType WITHDRAWAL and the withdrawal's id in referenceIdentifier (Wink's spec does not say so).";

export type ProblemCode =
	| 'noLedgerDebit'
	| 'debitedTwice'
	| 'debitNotGross'
	| 'currencyDiffers'
	| 'netNotGrossMinusFees'
	| 'failedButDebited'
	| 'completedWithoutDate'
	| 'stillOpen'
	| 'unknownWithdrawal';

export interface Problem extends IDataObject {
	code: ProblemCode;
	message: string;
}

/** The ledger entries that name a withdrawal (inferred link), by the withdrawal's id. */
export function debitsByWithdrawal(entries: IDataObject[]): Map<string, IDataObject[]> {
	const by = new Map<string, IDataObject[]>();
	for (const e of entries) {
		if (e.referenceType !== 'WITHDRAWAL') continue;
		const id = String(e.referenceIdentifier ?? '');
		by.set(id, [...(by.get(id) ?? []), e]);
	}
	return by;
}

const amountOf = (e: IDataObject) => (e.entry ?? {}) as IDataObject;

/** The checks of one withdrawal against the spec's own arithmetic and its ledger entries. */
export function checkWithdrawal(
	w: IDataObject,
	entries: IDataObject[],
	now: number,
	openDays: number,
): Problem[] {
	const problems: Problem[] = [];
	const currency = String(w.currencyCode ?? '');
	const minor = (v: unknown) => toMinor(v ?? 0, currency) ?? NaN;
	const show = (m: number) => `${fromMinor(m, currency)} ${currency}`;
	const status = String(w.status ?? '');
	const gross = minor(w.grossAmount);
	const net = minor(w.amount);
	const fees = minor(w.transferFeeAmount) + minor(w.fxFeeAmount);

	// The spec: amount is "Net amount sent to Revolut (grossAmount − transferFee − fxFee)".
	if (net !== gross - fees) {
		problems.push({
			code: 'netNotGrossMinusFees',
			message: `Net ${show(net)} is not gross ${show(gross)} minus fees ${show(fees)} (${show(gross - fees)})`,
		});
	}
	const debits = entries.filter((e) => e.type === 'DEBIT');
	// A debit is negative (spec: "a debit should be a negative amount"); a CREDIT naming the
	// withdrawal (a reversal) counts against it.
	const debited = -entries.reduce(
		(sum, e) => sum + (toMinor(amountOf(e).amount, currency) ?? 0),
		0,
	);
	const other = entries.map((e) => String(amountOf(e).currency ?? '')).find((c) => c !== currency);
	if (status === 'FAILED') {
		if (debited !== 0)
			problems.push({
				code: 'failedButDebited',
				message: `FAILED, yet the ledger is debited ${show(debited)}`,
			});
	} else if (!debits.length) {
		problems.push({ code: 'noLedgerDebit', message: `${status} but no ledger debit names it` });
	} else {
		if (debits.length > 1)
			problems.push({ code: 'debitedTwice', message: `${debits.length} ledger debits name it` });
		if (other !== undefined) {
			problems.push({
				code: 'currencyDiffers',
				message: `Ledger debit in ${other}, withdrawal in ${currency}`,
			});
		} else if (debited !== gross) {
			problems.push({
				code: 'debitNotGross',
				message: `Ledger debit ${show(debited)} is not the gross ${show(gross)}`,
			});
		}
	}
	if (status === 'COMPLETED' && !w.completedAt) {
		problems.push({ code: 'completedWithoutDate', message: 'COMPLETED without completedAt' });
	}
	const requested = timeOf(w.requestedAt);
	if (
		(status === 'PENDING' || status === 'PROCESSING') &&
		requested &&
		now - requested > openDays * DAY
	) {
		const days = Math.floor((now - requested) / DAY);
		problems.push({
			code: 'stillOpen',
			message: `Still ${status} ${days} days after it was requested`,
		});
	}
	return problems;
}

/** A ledger entry that names a withdrawal Wink does not list. */
export function unknownDebitProblem(e: IDataObject): Problem {
	const a = amountOf(e);
	return {
		code: 'unknownWithdrawal',
		message: `Ledger entry ${String(e.id)} (${String(a.amount)} ${String(a.currency)}) names withdrawal ${String(e.referenceIdentifier)}, which Wink does not list`,
	};
}
