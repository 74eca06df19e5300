import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { managingEntityOperations } from '../../WinkManagingEntity/operations';
import { settlementOperations } from '../../WinkSettlement/operations';
import { chosenManagingEntity, showManagingEntity } from '../table/managingEntity';
import { callRow, row } from '../table/rowRequest';

/** "From list" for the Managing Entity locator: the entities the application can reach. */
export async function searchManagingEntities(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const op = row(managingEntityOperations, 'showAccessibleManagingEntities');
	const entities = (await callRow.call(this, op, {})) as IDataObject[];
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = (Array.isArray(entities) ? entities : [])
		.filter((e) => !needle || `${e.name} ${e.id} ${e.uniqueId}`.toLowerCase().includes(needle))
		.map((e) => ({
			name: e.type ? `${e.name} (${String(e.type).replace(/_/g, ' ').toLowerCase()})` : String(e.name),
			value: String(e.id),
		}));
	return { results };
}

type PayoutKind = 'BankAccount' | 'RevolutPayoutAccount';

const last4 = (value: unknown) => String(value ?? '').replace(/\s/g, '').slice(-4);

function payoutLabel(kind: PayoutKind, a: IDataObject): string {
	return kind === 'BankAccount'
		? `Bank · ${a.currencyCode} · ${a.accountHolderName} · ••${last4(a.accountNumber)}`
		: `Revolut · ${a.currencyCode} · ${a.accountHolderName} · @${a.revtag}`;
}

/** The payout accounts of the managing entity chosen in the node (or the credential's default). */
async function payoutAccounts(
	this: ILoadOptionsFunctions,
	kinds: PayoutKind[],
	filter?: string,
): Promise<INodeListSearchResult> {
	const id = await chosenManagingEntity.call(this);
	if (!id) return { results: [] };
	const entity = await showManagingEntity.call(this, id);
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	for (const kind of kinds) {
		const list = (kind === 'BankAccount' ? entity.bankAccounts : entity.revolutPayoutAccounts) as IDataObject[];
		for (const account of list ?? []) {
			const name = payoutLabel(kind, account);
			if (needle && !`${name} ${account.identifier}`.toLowerCase().includes(needle)) continue;
			results.push({ name, value: String(account.identifier) });
		}
	}
	return { results };
}

export async function searchBankAccounts(this: ILoadOptionsFunctions, filter?: string) {
	return await payoutAccounts.call(this, ['BankAccount'], filter);
}

export async function searchRevolutAccounts(this: ILoadOptionsFunctions, filter?: string) {
	return await payoutAccounts.call(this, ['RevolutPayoutAccount'], filter);
}

/** Destinations of the kind chosen in Destination Kind. */
export async function searchPayoutDestinations(this: ILoadOptionsFunctions, filter?: string) {
	const kind = (this.getCurrentNodeParameter('destinationKind') as PayoutKind) ?? 'BankAccount';
	return await payoutAccounts.call(this, [kind], filter);
}

/** A withdrawal in a list: what a person recognises it by (reference code, net amount, status, date). */
function withdrawalLabel(w: IDataObject): string {
	const date = String(w.requestedAt ?? w.createdDate ?? '').slice(0, 10);
	return `${String(w.referenceCode ?? w.id)} · ${String(w.amount)} ${String(w.currencyCode ?? '')} · ${String(w.status)} · ${date}`;
}

/** "From list" for Get Withdrawal: the withdrawals of the chosen managing entity, newest first. */
export async function searchWithdrawals(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const id = await chosenManagingEntity.call(this);
	if (!id) return { results: [] };
	const op = row(settlementOperations, 'getWithdrawalHistory');
	const withdrawals = (await callRow.call(this, op, { managingEntityIdentifier: id })) as IDataObject[];
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	for (const w of Array.isArray(withdrawals) ? withdrawals : []) {
		const name = withdrawalLabel(w);
		if (needle && !`${name} ${w.id}`.toLowerCase().includes(needle)) continue;
		results.push({ name, value: String(w.id) });
	}
	return { results };
}

/** The listSearch methods every Wink node registers. */
export const listSearch = {
	searchManagingEntities,
	searchBankAccounts,
	searchRevolutAccounts,
	searchPayoutDestinations,
	searchWithdrawals,
};
