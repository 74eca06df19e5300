// The example workflows (examples/*.json) in a real n8n, as shipped. Their outputs are checked
// against figures computed here from the sandbox's own state, not from what the nodes returned.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sandboxModule from '../../sandbox/index.js';
import {
	N8N_MAJOR,
	check,
	credential,
	execute,
	importAll,
	itemsOf,
	n8n,
	startN8n,
	tail,
} from '../lib.mjs';
import { bankStatement, reconciliation } from '../examples-reconcile.mjs';

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '../../examples');
const DAY = 86_400_000;
const SANDBOX_URL = 'http://127.0.0.1:8787';
const cents = (x) => Math.round(Number(x ?? 0) * 100);

export default async function examples() {
	// Dated up to now, like npm start's sandbox, so the 30-day window holds entries.
	const sb = await sandboxModule.startSandbox({ port: 0, epoch: new Date().toISOString() });
	try {
		const all = readdirSync(EXAMPLES)
			.filter((f) => f.endsWith('.json'))
			// The bank statement example reads the CSV from npm start's sandbox address: this one's.
			.map((f) =>
				JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8').replaceAll(SANDBOX_URL, sb.url)),
			);
		const cred = credential(sb, 'winkSandboxCred1', 'Wink Sandbox', sb.scopes, {
			managingEntityId: sb.managingEntityId,
		});
		await importAll('examples', [cred], all);
		await bankStatement(sb);
		await reconciliation(sb);
		await safePayout(sb);
		await ledgerNotification(sb);
	} finally {
		await sb.close();
	}
}

const ledgerOf = (sb) => sb.state.ledger[sb.managingEntityId];
const withdrawalsOf = (sb) => sb.state.withdrawals[sb.managingEntityId];
const ledgerPages = (sb, mark) =>
	sb.stats.requests.slice(mark).filter((q) => q.operationId === 'getTransactionHistory');

async function safePayout(sb) {
	const ID = 'winkExSafePayout';
	const eurPending = withdrawalsOf(sb).find(
		(w) => w.currencyCode === 'EUR' && w.status === 'PENDING',
	);
	const posts = (mark) =>
		sb.stats.requests.slice(mark).filter((q) => q.operationId === 'initiateWithdrawal');

	// 1. A EUR withdrawal to the destination is still PENDING: the node's Duplicate Check sends nothing.
	let mark = sb.stats.requests.length;
	let x = await execute(ID);
	let [skipped] = itemsOf(x.run, 'Not now');
	check(
		'safe payout: a PENDING EUR withdrawal blocks the payout',
		x.code === 0 &&
			skipped?.initiated === false &&
			skipped.skippedReason === 'duplicate' &&
			skipped.message.includes(eurPending.referenceCode) &&
			posts(mark).length === 0,
		skipped ? JSON.stringify(skipped) : tail(x.out),
	);

	// 2. Once it completed, the whole EUR balance is paid out, once, with the fees of the fee model.
	eurPending.status = 'COMPLETED';
	const balance = ledgerOf(sb)
		.filter((e) => e.entry.currency === 'EUR')
		.reduce((sum, e) => sum + cents(e.entry.amount), 0);
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
	for (const w of withdrawalsOf(sb))
		if (w.currencyCode === 'EUR' && w.status === 'PENDING') w.status = 'COMPLETED';
	mark = sb.stats.requests.length;
	x = await execute(ID);
	[skipped] = itemsOf(x.run, 'Not now');
	check(
		'safe payout: a balance below the minimum sends nothing',
		x.code === 0 &&
			skipped?.initiated === false &&
			skipped.skippedReason === 'belowMinimum' &&
			/below the minimum 500/.test(skipped.message) &&
			posts(mark).length === 0,
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
	const args =
		N8N_MAJOR >= 2
			? ['publish:workflow', `--id=${ID}`]
			: ['update:workflow', `--id=${ID}`, '--active=true'];
	const activated = await n8n(args);
	check(`ledger notification: n8n ${args[0]}`, activated.code === 0, tail(activated.out));
	const server = await startN8n();
	try {
		const hooks = () => sb.state.webhooks?.[sb.managingEntityId] ?? [];
		check(
			'ledger notification: activation registered its Wink webhook',
			Boolean(await until(() => hooks().length === 1)),
			JSON.stringify(hooks()),
		);
		const key = await server.rest('POST', '/api-keys', {
			label: 'e2e examples',
			scopes: ['execution:list', 'execution:read'],
			expiresAt: null,
		});
		const api = server.publicApi(key.json?.data?.rawApiKey);
		const summaries = async () =>
			(
				(await api('GET', `/executions?workflowId=${ID}&includeData=true&limit=10`)).json?.data ??
				[]
			)
				.filter((e) => e.status === 'success')
				.flatMap((e) =>
					(e.data?.resultData?.runData?.Summary?.[0]?.data?.main?.[0] ?? []).map((i) => i.json),
				);
		const balanceOf = (currency) =>
			ledgerOf(sb)
				.filter((e) => e.entry.currency === currency)
				.reduce((sum, e) => sum + cents(e.entry.amount), 0);

		// A sale credit, as the sandbox's ledger control adds it.
		const credit = sb.addLedgerEntry({ amount: 250, currency: 'GBP' });
		await sb.settleDeliveries();
		let got = await until(async () => (await summaries()).find((s) => s.entryId === credit.id));
		check(
			`ledger notification: a GBP credit gives one summary with the balance ${balanceOf('GBP') / 100} GBP`,
			got?.withdrawal === null &&
				cents(got.balance) === balanceOf('GBP') &&
				got.text.startsWith(`Credit of 250.00 GBP: ${credit.description}`),
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
		check(
			'ledger notification: one execution per event',
			(await summaries()).length === 2,
			`${(await summaries()).length} summaries`,
		);
	} finally {
		await server.stop();
	}
}
