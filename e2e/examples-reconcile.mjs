// The two reconciliation examples in a real n8n (part of the examples suite). Expected verdicts
// come from the sandbox's own state and its statement plan, not from what the node returned.
import sandboxModule from '../sandbox/index.js';
import { check, execute, tail } from './lib.mjs';

const DAY = 86_400_000;
const ledgerOf = (sb) => sb.state.ledger[sb.managingEntityId];
const withdrawalsOf = (sb) => sb.state.withdrawals[sb.managingEntityId];
const ledgerPages = (sb, mark) =>
	sb.stats.requests.slice(mark).filter((q) => q.operationId === 'getTransactionHistory');
const outputsOf = (run, node) =>
	(run?.data?.resultData?.runData?.[node]?.[0]?.data?.main ?? []).map((o) =>
		(o ?? []).map((i) => i.json),
	);
const same = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
const refs = (items) => items.map((i) => i.referenceCode ?? i.reference);

/** Bank statement example: the sandbox's CSV → Extract From File → Reconcile's four outputs. */
export async function bankStatement(sb) {
	const ID = 'winkExBankStatement1';
	const completed = withdrawalsOf(sb)
		.filter((w) => w.status === 'COMPLETED')
		.map((w) => w.referenceCode);
	const lines = sandboxModule.bankStatementLines(sb.state, sb.managingEntityId);
	const x = await execute(ID);
	check(
		'bank statement: the run succeeded',
		x.code === 0 && x.run?.status === 'success',
		tail(x.out),
	);
	const [matched, winkOnly, bankOnly, different] = outputsOf(x.run, 'Reconcile with the bank');
	check(
		`bank statement: Matched holds ${[0, 3, 4, 5].map((i) => completed[i]).join(', ')} (the 4th by amount)`,
		same(
			refs(matched ?? []),
			[0, 3, 4, 5].map((i) => completed[i]),
		) && matched.find((m) => m.referenceCode === completed[3])?.matchedBy === 'amount',
		JSON.stringify(matched?.map((m) => [m.referenceCode, m.matchedBy])),
	);
	check(
		`bank statement: In Wink only holds ${completed[1]} (no bank line)`,
		refs(winkOnly ?? []).includes(completed[1]),
		JSON.stringify(refs(winkOnly ?? [])),
	);
	check(
		'bank statement: In bank only holds the supplier refund and the duplicated line',
		same(
			(bankOnly ?? []).map((l) => `${l.reference} ${l.reason}`),
			[
				`${lines[0].Reference} noWithdrawal`,
				`${lines.find((l) => l.Reference.includes(completed[4])).Reference} duplicateLine`,
			],
		),
		JSON.stringify(bankOnly),
	);
	const d = different?.[0];
	check(
		`bank statement: Different holds ${completed[2]}, 1.00 short, with both amounts`,
		different?.length === 1 &&
			d.referenceCode === completed[2] &&
			Math.round((d.differences[0].wink - d.differences[0].bank) * 100) === 100,
		JSON.stringify(different),
	);
	const noOps = ['Matched', 'In Wink only', 'In bank only', 'Different'].map(
		(n) => outputsOf(x.run, n)[0]?.length ?? 0,
	);
	check(
		`bank statement: each of the four outputs reached its node (${noOps.join(', ')} items)`,
		noOps.every((n) => n > 0),
	);
}

/** Scheduled example: Reconcile since the last run → a Slack-ready text; two runs, the cursor kept by n8n. */
export async function reconciliation(sb) {
	const ID = 'winkExReconcile1';
	const ledger = ledgerOf(sb);
	const now = Date.now();
	// Planted: a ledger debit that differs from its withdrawal's gross (GBP), a COMPLETED withdrawal
	// with no ledger debit, a ledger withdrawal debit that names no withdrawal.
	const gbp = ledger.find(
		(e) =>
			e.referenceType === 'WITHDRAWAL' &&
			e.entry.currency === 'GBP' &&
			Date.parse(e.createdDate) > now - 30 * DAY,
	);
	gbp.entry.amount = Math.round((gbp.entry.amount + 1) * 100) / 100;
	const gbpRef = withdrawalsOf(sb).find((w) => w.id === gbp.referenceIdentifier).referenceCode;
	const usd = withdrawalsOf(sb).find((w) => w.currencyCode === 'USD');
	const at = new Date(now - 3 * DAY).toISOString();
	withdrawalsOf(sb).unshift({
		...usd,
		id: 'wd-e2e-no-ledger',
		referenceCode: 'WD-E2E001',
		status: 'COMPLETED',
		requestedAt: at,
		completedAt: at,
		lastUpdate: at,
	});
	const ghost = ledger.findIndex((e) => Date.parse(e.createdDate) < now - 4 * DAY);
	ledger.splice(ghost, 0, {
		...ledger[ghost],
		id: 'le-e2e-no-withdrawal',
		createdDate: new Date(now - 4 * DAY + 60_000).toISOString(),
		referenceType: 'WITHDRAWAL',
		referenceIdentifier: 'wd-e2e-missing',
		fundsType: 'TRIP_PAY',
		type: 'DEBIT',
		entry: { amount: -250, currency: 'EUR' },
	});

	let x = await execute(ID);
	check(
		'reconciliation: first run succeeded',
		x.code === 0 && x.run?.status === 'success',
		tail(x.out),
	);
	let items = outputsOf(x.run, 'Reconcile since last run')[0] ?? [];
	const from = now - 30 * DAY;
	const open = (w) => ['PENDING', 'PROCESSING'].includes(w.status);
	const inScope = withdrawalsOf(sb).filter(
		(w) =>
			open(w) ||
			[w.requestedAt, w.completedAt, w.lastUpdate].some((t) => t && Date.parse(t) > from),
	);
	check(
		`reconciliation: the withdrawals of the last 30 days and the open ones (${inScope.length})`,
		same(
			items.filter((i) => i.kind === 'withdrawal').map((i) => i.referenceCode),
			inScope.map((w) => w.referenceCode),
		),
		JSON.stringify(items.map((i) => i.referenceCode)),
	);
	const codes = (ref) =>
		(items.find((i) => i.referenceCode === ref || i.ledgerEntry?.id === ref)?.problems ?? []).map(
			(p) => p.code,
		);
	check(
		`reconciliation: ${gbpRef} debit ≠ gross`,
		codes(gbpRef).includes('debitNotGross'),
		JSON.stringify(codes(gbpRef)),
	);
	check(
		'reconciliation: WD-E2E001 has no ledger debit',
		codes('WD-E2E001').includes('noLedgerDebit'),
		JSON.stringify(codes('WD-E2E001')),
	);
	check(
		'reconciliation: le-e2e-no-withdrawal names no withdrawal',
		same(codes('le-e2e-no-withdrawal'), ['unknownWithdrawal']),
	);
	const stuck = withdrawalsOf(sb)
		.filter((w) => open(w) && now - Date.parse(w.requestedAt) > 3 * DAY)
		.map((w) => w.referenceCode);
	check(
		`reconciliation: still open after 3 days: ${stuck.join(', ')}`,
		stuck.every((r) => codes(r).includes('stillOpen')),
	);
	let message = outputsOf(x.run, 'Slack message')[0]?.[0];
	const flagged = items.filter((i) => i.verdict === 'problems');
	check(
		`reconciliation: one Slack-ready text naming the ${flagged.length} problems`,
		message?.problems === flagged.length &&
			[gbpRef, 'WD-E2E001', 'ledger entry le-e2e-no-withdrawal'].every((r) =>
				message.text.includes(r),
			),
		JSON.stringify(message),
	);

	// The next run reads only what came after: n8n saved the cursor (static data) after the CLI run.
	const added = [0, 1, 2].map((i) => ({
		...ledger[0],
		id: `le-e2e-new-${i}`,
		createdDate: new Date(Date.now() + (i === 2 ? 1000 : 0)).toISOString(),
		referenceType: 'BOOKING_CONTRACT',
		referenceIdentifier: `BK-E2E00${i}`,
		fundsType: 'SALE',
		type: 'CREDIT',
		entry: { amount: 100.1 + i, currency: 'USD' },
	}));
	ledger.unshift(...added.reverse());
	const mark = sb.stats.requests.length;
	x = await execute(ID);
	items = outputsOf(x.run, 'Reconcile since last run')[0] ?? [];
	check(
		'reconciliation: the second run reports only the still open withdrawals, nothing twice',
		x.code === 0 &&
			same(
				items.map((i) => i.referenceCode),
				withdrawalsOf(sb)
					.filter(open)
					.map((w) => w.referenceCode),
			),
		tail(x.out),
	);
	check(
		'reconciliation: the second run read 1 ledger page',
		ledgerPages(sb, mark).length === 1,
		`${ledgerPages(sb, mark).length} pages`,
	);
	message = outputsOf(x.run, 'Slack message')[0]?.[0];
	check(
		'reconciliation: the second message has only the stuck withdrawals',
		message?.problems === stuck.length,
		JSON.stringify(message),
	);
}
