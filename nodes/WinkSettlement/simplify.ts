import type { IDataObject } from 'n8n-workflow';
import { flatItem, same } from '../shared/table/simplify';

// Simplified items of the Settlement node (version 2, Simplify on): names from the spec's
// LedgerEntry and Withdrawal schemas; see docs/outputs.md.

/** A ledger entry: its amount and currency out of the nested `entry`. */
export const simplifyLedgerEntry = flatItem({
	createdDate: 'createdDate',
	description: 'description',
	amount: 'entry.amount',
	currency: 'entry.currency',
	type: 'type',
	fundsType: 'fundsType',
	referenceType: 'referenceType',
	referenceIdentifier: 'referenceIdentifier',
	id: 'id',
});

/** A withdrawal: reference code, status, net amount and currency first. */
export const simplifyWithdrawal = flatItem(
	same([
		'referenceCode',
		'status',
		'amount',
		'currencyCode',
		'grossAmount',
		'transferFeeAmount',
		'fxFeeAmount',
		'requestedAt',
		'completedAt',
		'bankAccountIdentifier',
		'id',
	]),
);

/**
 * Initiate Withdrawal's item: the decision keys as they are, the withdrawal (initiated, or the
 * existing one a duplicate check found) simplified, the fee estimate as Wink gave it.
 */
export function simplifyOutcome(row: IDataObject): IDataObject {
	const { existingWithdrawal, feeEstimate, ...rest } = row;
	const estimate = feeEstimate ? { feeEstimate } : {};
	if (rest.initiated === true) return { initiated: true, ...simplifyWithdrawal(rest), ...estimate };
	const existing = existingWithdrawal
		? { existingWithdrawal: simplifyWithdrawal(existingWithdrawal as IDataObject) }
		: {};
	return { ...rest, ...existing, ...estimate };
}
