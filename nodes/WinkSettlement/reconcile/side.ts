import type { IDataObject } from 'n8n-workflow';
import type { Problem } from './verdicts';
import type { ReconcileCursor, Window } from './window';

// What Reconcile read from Wink and decided, shared by its output shapes.

/** One withdrawal's (or unknown ledger entry's) verdict. */
export interface Verdict {
	withdrawal?: IDataObject;
	entry?: IDataObject;
	debits: IDataObject[];
	problems: Problem[];
}

/** Wink's side of a run: the withdrawals and ledger entries in the window, with their verdicts. */
export interface WinkSide {
	window: Window;
	verdicts: Verdict[];
	/** Ledger entries created in the window (each counted by one run only, with the cursor). */
	entries: IDataObject[];
	/** "Since the Last Run": the cursor to keep once the run succeeded. */
	next?: ReconcileCursor;
}

/** A withdrawal's item: its own fields, the verdict, the problems, the (inferred) ledger debit. */
export function verdictItem(v: Verdict): IDataObject {
	const problems = v.problems;
	const verdict = { verdict: problems.length ? 'problems' : 'matched', problems };
	const debit = (e: IDataObject) => ({
		id: e.id,
		...(e.entry as IDataObject),
		createdDate: e.createdDate,
	});
	if (!v.withdrawal)
		return {
			kind: 'ledgerEntry',
			...verdict,
			ledgerEntry: debit(v.entry!),
			ledgerLink: 'inferred',
		};
	const w = v.withdrawal;
	return {
		kind: 'withdrawal',
		...verdict,
		referenceCode: w.referenceCode,
		status: w.status,
		currencyCode: w.currencyCode,
		grossAmount: w.grossAmount,
		transferFeeAmount: w.transferFeeAmount,
		fxFeeAmount: w.fxFeeAmount,
		amount: w.amount,
		requestedAt: w.requestedAt,
		completedAt: w.completedAt,
		id: w.id,
		ledgerDebit: v.debits.length ? debit(v.debits[0]) : null,
		ledgerLink: 'inferred',
	};
}
