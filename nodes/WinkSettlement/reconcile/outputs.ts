import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { fromMinor } from './money';
import { lineMinor, type BankLine, type matchBank } from './bank';
import { verdictItem, type WinkSide } from './side';

type BankResult = ReturnType<typeof matchBank>;

/** A bank line as items show it: what was read from it, and the line itself. */
export function bankSide(line: BankLine, currency = line.currency): IDataObject {
	const minor = lineMinor(line, currency);
	return {
		reference: line.reference,
		amount:
			minor === undefined
				? (line.amount as IDataObject[string])
				: fromMinor(minor, line.currency || currency),
		currency: line.currency || null,
		date: line.date === undefined ? null : new Date(line.date).toISOString(),
		line: line.json,
	};
}

/**
 * The four outputs of Compare Datasets: Matched, In Wink only, In bank only, Different.
 * COMPLETED withdrawals go to one of Matched, In Wink only, Different; other withdrawals with a
 * problem, and ledger entries naming no withdrawal, to In Wink only (money left the ledger, no
 * bank line says where); other withdrawals are not expected at the bank and are left out.
 */
export function bankOutputs(wink: WinkSide, bank: BankResult): INodeExecutionData[][] {
	const [matched, winkOnly, bankOnly, different]: INodeExecutionData[][] = [[], [], [], []];
	for (const v of wink.verdicts) {
		const json = verdictItem(v);
		const match = v.withdrawal && bank.matches.get(v.withdrawal);
		if (match) {
			const item = {
				...json,
				matchedBy: match.by,
				bank: bankSide(match.line, String(v.withdrawal!.currencyCode)),
			};
			const target = match.differences.length ? different : matched;
			target.push({
				json: match.differences.length ? { ...item, differences: match.differences } : item,
				pairedItem: { item: match.line.index },
			});
		} else if (v.withdrawal?.status === 'COMPLETED' || v.problems.length) {
			winkOnly.push({ json, pairedItem: { item: 0 } });
		}
	}
	for (const { line, duplicate } of bank.unmatched) {
		const reason = duplicate ? 'duplicateLine' : 'noWithdrawal';
		bankOnly.push({
			json: { verdict: 'inBankOnly', reason, ...bankSide(line) },
			pairedItem: { item: line.index },
		});
	}
	return [matched, winkOnly, bankOnly, different];
}
