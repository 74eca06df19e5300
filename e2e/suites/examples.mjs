// The example workflows (examples/*.json) in a real n8n, as shipped. Their outputs are checked
// against figures computed here from the sandbox's own state, not from what the nodes returned.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sandboxModule from '../../sandbox/index.js';
import { N8N_MAJOR, check, credential, execute, importAll, itemsOf, n8n, startN8n, tail } from '../lib.mjs';

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '../../examples');
const DAY = 86_400_000;
const cents = (x) => Math.round(Number(x ?? 0) * 100);

export default async function examples() {
	// Dated up to now, like npm start's sandbox, so the 30-day window holds entries.
	const sb = await sandboxModule.startSandbox({ port: 0, epoch: new Date().toISOString() });
	try {
		const all = readdirSync(EXAMPLES)
			.filter((f) => f.endsWith('.json'))
			.map((f) => JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8')));
		const cred = credential(sb, 'winkSandboxCred1', 'Wink Sandbox', sb.scopes, { managingEntityId: sb.managingEntityId });
		await importAll('examples', [cred], all);
		await reconciliation(sb);
		await safePayout(sb);
		await ledgerNotification(sb);
	} finally {
		await sb.close();
	}
}

const ledgerOf = (sb) => sb.state.ledger[sb.managingEntityId];
const withdrawalsOf = (sb) => sb.state.withdrawals[sb.managingEntityId];
const ledgerPages = (sb, mark) => sb.stats.requests.slice(mark).filter((q) => q.operationId === 'getTransactionHistory');

/** The expected summary per currency of the entries after `from`, from the sandbox's state. */
function expectedSummaries(sb, from) {
	const entries = ledgerOf(sb).filter((e) => Date.parse(e.createdDate) > Date.parse(from));
	const withdrawals = new Map(withdrawalsOf(sb).map((w) => [w.id, w]));
	const out = {};
	const of = (c) => (out[c] ??= { entries: 0, credits: 0, debits: 0, fees: 0, payoutFees: 0, withdrawn: 0, unmatched: [], differences: [] });
	const seen = new Set();
	for (const e of entries) {
		const s = of(e.entry.currency);
		const amount = cents(e.entry.amount);
		s.entries++;
		if (e.type === 'CREDIT') s.credits += amount;
		else s.debits -= amount;
		if (['TRANSACTION_FEE', 'PLATFORM_FEE', 'FX_FEE', 'STRIPE_REFUND_FEE'].includes(e.fundsType)) s.fees -= amount;
		if (e.referenceType !== 'WITHDRAWAL') continue;
		const w = withdrawals.get(e.referenceIdentifier);
		if (!w) {
			s.unmatched.push(e.id);
			continue;
		}
		seen.add(w.id);
		s.withdrawn += cents(w.grossAmount);
		s.payoutFees += cents(w.transferFeeAmount) + cents(w.fxFeeAmount);
		if (cents(w.grossAmount) !== -amount) s.differences.push(e.id);
	}
	for (const w of withdrawals.values()) {
		if (!seen.has(w.id) && w.status !== 'FAILED' && w.requestedAt > from) of(w.currencyCode).unmatched.push(w.id);
	}
	return out;
}

function compare(name, got, expected) {
	const currencies = Object.keys(expected).sort();
	check(`${name}: one summary per currency (${currencies.join(', ')})`, got.map((s) => s.currency).join() === currencies.join(), got.map((s) => s.currency).join());
	for (const s of got) {
		const want = expected[s.currency];
		if (!want) continue;
		const figures = ['credits', 'debits', 'fees', 'payoutFees', 'withdrawn'];
		const wrong = figures.filter((f) => cents(s[f]) !== want[f]);
		if (s.entries !== want.entries) wrong.push('entries');
		if (cents(s.net) !== want.credits - want.debits) wrong.push('net');
		const unmatched = s.unmatched.map((u) => u.ledgerEntry ?? u.withdrawal).sort();
		const differences = s.differences.map((d) => d.ledgerEntry).sort();
		if (unmatched.join() !== [...want.unmatched].sort().join()) wrong.push('unmatched');
		if (differences.join() !== [...want.differences].sort().join()) wrong.push('differences');
		if (s.flagged !== want.unmatched.length + want.differences.length > 0) wrong.push('flagged');
		check(
			`${name}: ${s.currency} ${want.entries} entries, credits ${want.credits / 100}, debits ${want.debits / 100}, fees ${want.fees / 100}, ${want.unmatched.length} unmatched, ${want.differences.length} differences`,
			wrong.length === 0,
			`wrong: ${wrong.join(', ')}; got ${JSON.stringify(s)}`,
		);
	}
}

async function reconciliation(sb) {
	const ID = 'winkExReconcile1';
	const ledger = ledgerOf(sb);
	const now = Date.now();
	// Three faults the summary must flag: a ledger debit that differs from its withdrawal (GBP),
	// a withdrawal with no ledger entry (USD), a ledger withdrawal entry with no withdrawal (EUR).
	const gbp = ledger.find((e) => e.referenceType === 'WITHDRAWAL' && e.entry.currency === 'GBP' && Date.parse(e.createdDate) > now - 30 * DAY);
	gbp.entry.amount = Math.round((gbp.entry.amount + 1) * 100) / 100;
	const usd = withdrawalsOf(sb).find((w) => w.currencyCode === 'USD');
	withdrawalsOf(sb).unshift({ ...usd, id: 'wd-e2e-no-ledger', referenceCode: 'WD-E2E001', status: 'COMPLETED', requestedAt: new Date(now - 3 * DAY).toISOString() });
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
		metadata: { withdrawalId: 'wd-e2e-missing' },
	});

	let mark = sb.stats.requests.length;
	let x = await execute(ID);
	check('reconciliation: first run succeeded', x.code === 0 && x.run?.status === 'success', tail(x.out));
	let got = itemsOf(x.run, 'Summary per currency');
	const from = got[0]?.from;
	check('reconciliation: the first run looks back 30 days', Math.abs(Date.parse(from) - (now - 30 * DAY)) < 5 * 60_000, from);
	compare('reconciliation', got, expectedSummaries(sb, from));
	const inWindow = ledger.filter((e) => Date.parse(e.createdDate) > Date.parse(from)).length;
	const pages = ledgerPages(sb, mark).length;
	check(`reconciliation: ${inWindow} entries in ${pages} ledger pages, not ${Math.ceil(ledger.length / 100)}`, pages === Math.floor(inWindow / 100) + 1);

	// The next run reads only what came after: n8n saved the cursor (static data) after the CLI run.
	const newest = ledger[0];
	const added = ['CREDIT', 'DEBIT', 'CREDIT'].map((type, i) => ({
		...newest,
		id: `le-e2e-new-${i}`,
		createdDate: new Date(Date.now() + i * 1000).toISOString(),
		referenceType: 'BOOKING_CONTRACT',
		referenceIdentifier: `BK-E2E00${i}`,
		fundsType: type === 'CREDIT' ? 'SALE' : 'PLATFORM_FEE',
		type,
		entry: { amount: type === 'CREDIT' ? 100.1 + i : -7.25, currency: 'USD' },
	}));
	ledger.unshift(...added.reverse());
	mark = sb.stats.requests.length;
	x = await execute(ID);
	got = itemsOf(x.run, 'Summary per currency');
	check(
		'reconciliation: the second run starts after the newest entry of the first',
		x.code === 0 && got.length === 1 && got[0].from === newest.createdDate,
		tail(x.out),
	);
	compare('reconciliation (second run)', got, expectedSummaries(sb, newest.createdDate));
	check('reconciliation: the second run read 1 ledger page', ledgerPages(sb, mark).length === 1, `${ledgerPages(sb, mark).length} pages`);
}

async function safePayout(sb) {
	const ID = 'winkExSafePayout';
	const eurPending = withdrawalsOf(sb).find((w) => w.currencyCode === 'EUR' && w.status === 'PENDING');
	const posts = (mark) => sb.stats.requests.slice(mark).filter((q) => q.operationId === 'initiateWithdrawal');

	// 1. A EUR withdrawal to the destination is still PENDING: the node's Duplicate Check sends nothing.
	let mark = sb.stats.requests.length;
	let x = await execute(ID);
	let [skipped] = itemsOf(x.run, 'Not now');
	check(
		'safe payout: a PENDING EUR withdrawal blocks the payout',
		x.code === 0 && skipped?.initiated === false && skipped.skippedReason === 'duplicate' && skipped.message.includes(eurPending.referenceCode) && posts(mark).length === 0,
		skipped ? JSON.stringify(skipped) : tail(x.out),
	);

	// 2. Once it completed, the whole EUR balance is paid out, once, with the fees of the fee model.
	eurPending.status = 'COMPLETED';
	const balance = ledgerOf(sb).filter((e) => e.entry.currency === 'EUR').reduce((sum, e) => sum + cents(e.entry.amount), 0);
	const transferFee = 460; // $5 at the sandbox's 0.92 EUR per USD
	const fxFee = Math.round(balance * 0.006);
	mark = sb.stats.requests.length;
	x = await execute(ID);
	const [withdrawal] = itemsOf(x.run, 'Paid out');
	check(
		`safe payout: initiates one EUR withdrawal of the balance ${balance / 100}, net ${(balance - transferFee - fxFee) / 100}`,
		x.code === 0 &&
			posts(mark).length === 1 &&
			withdrawal?.initiated === true &&
			cents(withdrawal.grossAmount) === balance &&
			cents(withdrawal.amount) === balance - transferFee - fxFee &&
			cents(withdrawal.feeEstimate?.netAmount) === balance - transferFee - fxFee &&
			withdrawal.status === 'PENDING',
		withdrawal ? JSON.stringify(withdrawal) : tail(x.out),
	);

	// 3. Completed too, but the balance is now 0: below the minimum, nothing is sent.
	for (const w of withdrawalsOf(sb)) if (w.currencyCode === 'EUR' && w.status === 'PENDING') w.status = 'COMPLETED';
	mark = sb.stats.requests.length;
	x = await execute(ID);
	[skipped] = itemsOf(x.run, 'Not now');
	check(
		'safe payout: a balance below the minimum sends nothing',
		x.code === 0 && skipped?.initiated === false && skipped.skippedReason === 'belowMinimum' && /below the minimum 500/.test(skipped.message) && posts(mark).length === 0,
		skipped ? JSON.stringify(skipped) : tail(x.out),
	);
}

const wait = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(fn, ms = 30_000) {
	for (const end = Date.now() + ms; ; await wait(250)) {
		const value = await fn();
		if (value || Date.now() > end) return value;
	}
}

/** The webhook example in a running n8n: the sandbox delivers ledger events to its Wink Trigger. */
async function ledgerNotification(sb) {
	const ID = 'winkExWebhookSum';
	const args = N8N_MAJOR >= 2 ? ['publish:workflow', `--id=${ID}`] : ['update:workflow', `--id=${ID}`, '--active=true'];
	const activated = await n8n(args);
	check(`ledger notification: n8n ${args[0]}`, activated.code === 0, tail(activated.out));
	const server = await startN8n();
	try {
		const hooks = () => sb.state.webhooks?.[sb.managingEntityId] ?? [];
		check('ledger notification: activation registered its Wink webhook', Boolean(await until(() => hooks().length === 1)), JSON.stringify(hooks()));
		const key = await server.rest('POST', '/api-keys', { label: 'e2e examples', scopes: ['execution:list', 'execution:read'], expiresAt: null });
		const api = server.publicApi(key.json?.data?.rawApiKey);
		const summaries = async () =>
			((await api('GET', `/executions?workflowId=${ID}&includeData=true&limit=10`)).json?.data ?? [])
				.filter((e) => e.status === 'success')
				.flatMap((e) => (e.data?.resultData?.runData?.Summary?.[0]?.data?.main?.[0] ?? []).map((i) => i.json));
		const balanceOf = (currency) => ledgerOf(sb).filter((e) => e.entry.currency === currency).reduce((sum, e) => sum + cents(e.entry.amount), 0);

		// A sale credit, as the sandbox's ledger control adds it.
		const credit = sb.addLedgerEntry({ amount: 250, currency: 'GBP' });
		await sb.settleDeliveries();
		let got = await until(async () => (await summaries()).find((s) => s.entryId === credit.id));
		check(
			`ledger notification: a GBP credit gives one summary with the balance ${balanceOf('GBP') / 100} GBP`,
			got?.withdrawal === null && cents(got.balance) === balanceOf('GBP') && got.text.startsWith(`Credit of 250.00 GBP: ${credit.description}`),
			JSON.stringify(got),
		);

		// The ledger debit of the PROCESSING USD withdrawal: the summary fetches that withdrawal.
		const w = withdrawalsOf(sb).find((x) => x.currencyCode === 'USD' && x.status === 'PROCESSING');
		const debit = ledgerOf(sb).find((e) => e.referenceIdentifier === w.id);
		sb.deliver({ event: 'ledger.entry.create', data: debit });
		await sb.settleDeliveries();
		got = await until(async () => (await summaries()).find((s) => s.entryId === debit.id));
		const fees = cents(w.transferFeeAmount) + cents(w.fxFeeAmount);
		check(
			`ledger notification: a withdrawal debit names ${w.referenceCode} PROCESSING, net ${w.amount} after ${fees / 100} fees`,
			got?.withdrawal?.referenceCode === w.referenceCode &&
				got.withdrawal.status === 'PROCESSING' &&
				cents(got.withdrawal.fees) === fees &&
				cents(got.balance) === balanceOf('USD') &&
				got.text.includes(`Withdrawal ${w.referenceCode} is PROCESSING`),
			JSON.stringify(got),
		);
		check('ledger notification: one execution per event', (await summaries()).length === 2, `${(await summaries()).length} summaries`);
	} finally {
		await server.stop();
	}
}
