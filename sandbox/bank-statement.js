'use strict';
// The hotel's bank statement as a CSV, made from the seeded withdrawals so that it agrees with
// them except for one planted difference of each kind Reconcile reports (docs/reconciliation.md):
// every output of the "bank statement" example is filled. Wink publishes no settlement file:
// this stands for what a user exports from their own bank.

const day = (iso) => String(iso).slice(0, 10);
const money = (x) => Number(x).toFixed(2);
const cell = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/**
 * The lines, newest first. Of the COMPLETED withdrawals (newest first): the 1st has its reference
 * as the whole line reference; the 2nd is missing (In Wink only); the 3rd arrived 1.00 short
 * (Different); the 4th carries no reference (matched by amount and date); the 5th is embedded in
 * a longer text and the line appears twice (a duplicate: In bank only); the rest match plainly.
 * One line is no withdrawal at all (In bank only).
 */
function bankStatementLines(state, managingEntityId) {
	const completed = state.withdrawals[managingEntityId].filter((w) => w.status === 'COMPLETED');
	const lines = [];
	completed.forEach((w, i) => {
		const base = { Date: day(w.completedAt), Amount: money(w.amount), Currency: w.currencyCode };
		if (i === 1) return;
		if (i === 2)
			lines.push({
				...base,
				Reference: w.referenceCode,
				Amount: money((Math.round(w.amount * 100) - 100) / 100),
			});
		else if (i === 3) lines.push({ ...base, Reference: 'INCOMING TRANSFER REVOLUT LTD' });
		else if (i === 4) {
			const line = { ...base, Reference: `WINK PAYOUT ${w.referenceCode} GRAND AZURE` };
			lines.push(line, { ...line });
		} else lines.push({ ...base, Reference: w.referenceCode });
	});
	const newest = completed[0];
	if (newest)
		lines.unshift({
			Date: day(newest.completedAt),
			Reference: 'SUPPLIER REFUND 8812',
			Amount: '120.00',
			Currency: 'EUR',
		});
	return lines;
}

function bankStatementCsv(state, managingEntityId) {
	const columns = ['Date', 'Reference', 'Amount', 'Currency'];
	const rows = bankStatementLines(state, managingEntityId).map((l) =>
		columns.map((c) => cell(l[c])).join(','),
	);
	return `${[columns.join(','), ...rows].join('\n')}\n`;
}

module.exports = { bankStatementLines, bankStatementCsv };
