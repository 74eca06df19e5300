import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';
import { chosenManagingEntity } from '../shared/execution/managingEntity';
import { searchEntityList, searchList } from '../shared/methods/listSearch';
import { row } from '../shared/table/rows';
import { searchManagingEntities, showManagingEntity } from '../WinkManagingEntity/methods';
import { settlementOperations } from './operations';

type PayoutKind = 'BankAccount' | 'RevolutPayoutAccount';

const last4 = (value: unknown) =>
	String(value ?? '')
		.replace(/\s/g, '')
		.slice(-4);

function payoutLabel(kind: PayoutKind, a: IDataObject): string {
	return kind === 'BankAccount'
		? `Bank · ${a.currencyCode} · ${a.accountHolderName} · ••${last4(a.accountNumber)}`
		: `Revolut · ${a.currencyCode} · ${a.accountHolderName} · @${a.revtag}`;
}

/** The payout accounts of the managing entity chosen in the node (or the credential's default). */
function payoutAccounts(kinds: (this: ILoadOptionsFunctions) => PayoutKind[]) {
	return searchList(async function () {
		const id = await chosenManagingEntity.call(this);
		if (!id) return [];
		const entity = await showManagingEntity.call(this, id);
		return kinds.call(this).flatMap((kind) => {
			const list = (
				kind === 'BankAccount' ? entity.bankAccounts : entity.revolutPayoutAccounts
			) as IDataObject[];
			return (list ?? []).map((account) => ({
				name: payoutLabel(kind, account),
				value: String(account.identifier),
			}));
		});
	});
}

/** A withdrawal in a list: what a person recognises it by (reference code, net amount, status, date). */
function withdrawalLabel(w: IDataObject): string {
	const date = String(w.requestedAt ?? w.createdDate ?? '').slice(0, 10);
	return `${String(w.referenceCode ?? w.id)} · ${String(w.amount)} ${String(w.currencyCode ?? '')} · ${String(w.status)} · ${date}`;
}

/** The list searches of Wink Settlement: the ones its properties name. */
export const listSearch = {
	searchManagingEntities,
	searchBankAccounts: payoutAccounts(() => ['BankAccount']),
	searchRevolutAccounts: payoutAccounts(() => ['RevolutPayoutAccount']),
	/** Destinations of the kind chosen in Destination Kind. */
	searchPayoutDestinations: payoutAccounts(function () {
		return [(this.getCurrentNodeParameter('destinationKind') as PayoutKind) ?? 'BankAccount'];
	}),
	/** "From list" for Get Withdrawal: the withdrawals of the chosen managing entity, newest first. */
	searchWithdrawals: searchEntityList(
		row(settlementOperations, 'getWithdrawalHistory'),
		withdrawalLabel,
	),
};
