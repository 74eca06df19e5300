// Money in queue mode: two overlapping payout executions on the two workers. Wink's initiate call
// takes no idempotency key; the sandbox withdraws the whole available balance, so a second
// initiate finds nothing left: that rule, not our code, keeps the count at one withdrawal. What
// the Duplicate Check (on by default) changes is measured: initiate calls, runs it stopped, failures.
import { check, credential, importAll, pipeline, webhookNode, winkNode } from '../../lib.mjs';
import helpers from '../../../sandbox/routes/helpers.js';
import { activate, callWebhook, countSince, executionsByWorker } from '../cluster.mjs';

export default async function payout({ sb, cluster, report }) {
	const me = sb.ids.managingEntityId;
	const cred = credential(
		sb,
		'winkQueueCredPay',
		'Wink queue payout',
		['account.read', 'payment.read', 'payment.write', 'accounting.read'],
		{ managingEntityId: me },
	);
	const flow = (id, path, options = {}) =>
		pipeline(id, `queue payout ${path}`, [
			webhookNode(path),
			winkNode('winkSettlement', 'Withdraw', cred, {
				operation: 'initiateWithdrawal',
				managingEntity: { __rl: true, mode: 'id', value: me },
				destinationKind: 'BankAccount',
				destinationIdentifier: sb.ids.bankAccountIds.EUR,
				...options,
			}),
		]);
	const flows = [
		flow('winkQueuePayout1', 'queue-payout'),
		flow('winkQueuePayout2', 'queue-payout-unchecked', { duplicateCheck: 'off' }),
	];
	await importAll('queue-payout', [cred], flows);
	for (const f of flows) {
		const a = await activate(cluster.main, f.id);
		check(`${f.name} activated`, a.ok, a.detail);
	}

	const count = (op, mark) => sb.stats.requests.slice(mark).filter((q) => q.operationId === op);
	const pending = () =>
		sb.state.withdrawals[me].filter((w) => w.status === 'PENDING' && w.currencyCode === 'EUR')
			.length;
	// `slowInitiate`: Wink takes 1.5 s before it processes an initiate, so the second execution's
	// check (the guard's history read) runs before the first withdrawal exists: the widest window.
	const race = async (slowInitiate, path = 'queue-payout') => {
		// Nothing under way (the seed has withdrawals in progress; the guard would rightly stop both
		// runs on them) and money to withdraw. No reset: it would also forget n8n's token.
		for (const w of sb.state.withdrawals[me])
			if (['PENDING', 'PROCESSING'].includes(w.status)) sb.setWithdrawalStatus(w.id, 'COMPLETED');
		if (helpers.balanceIn(sb.state, me, 'EUR') <= 100)
			sb.addLedgerEntry({ amount: 500, currency: 'EUR' });
		if (slowInitiate) sb.inject({ operationId: 'initiateWithdrawal', delayMs: 1500, times: 2 });
		const mark = sb.stats.requests.length;
		const before = executionsByWorker(cluster);
		const answers = await Promise.all([
			callWebhook(cluster, path, {}),
			callWebhook(cluster, path, {}),
		]);
		const posts = count('initiateWithdrawal', mark);
		return {
			executionsPerWorker: countSince(cluster, before),
			guardChecks: count('getWithdrawalHistory', mark).length,
			initiateCalls: posts.length,
			withdrawalsCreated: pending(),
			noBalanceLeft: posts.filter((q) => q.status === 400).length,
			skippedAsDuplicate: answers.filter((x) => x.text.includes('"skippedReason":"duplicate"'))
				.length,
			failedExecutions: answers.filter((x) => x.status !== 200).length,
			answers: answers.map((x) => `${x.status} ${x.text.slice(0, 160)}`),
		};
	};
	report.overlapping = await race(false);
	report.overlappingSlowInitiate = await race(true);
	report.overlappingCheckOff = await race(false, 'queue-payout-unchecked');
	const runs = [
		['overlapping', report.overlapping],
		['overlapping, slow initiate', report.overlappingSlowInitiate],
		['overlapping, Duplicate Check off', report.overlappingCheckOff],
	];
	for (const [label, r] of runs) {
		console.log(`     measured (${label}): ${JSON.stringify(r)}`);
		check(
			`two ${label} payout executions on 2 workers: one withdrawal (${r.initiateCalls} initiate calls)`,
			r.withdrawalsCreated === 1,
			JSON.stringify(r),
		);
	}
}
