// Money in queue mode: two overlapping payout executions on the two workers. Wink's initiate call
// takes no idempotency key; the sandbox withdraws the whole available balance, so a second
// initiate finds nothing left. Measured: initiate calls, withdrawals created, failed executions,
// and how often the duplicate-withdrawal guard (reliability issue; its history read) stopped one.
import { check, credential, importAll, pipeline, webhookNode, winkNode } from '../../lib.mjs';
import { activate, callWebhook, countSince, executionsByWorker } from '../cluster.mjs';

export default async function payout({ sb, cluster, report }) {
	const me = sb.ids.managingEntityId;
	const cred = credential(sb, 'winkQueueCredPay', 'Wink queue payout', ['account.read', 'payment.read', 'payment.write', 'accounting.read'], { managingEntityId: me });
	const flow = (id, path) =>
		pipeline(id, `queue payout ${path}`, [
			webhookNode(path),
			winkNode('winkSettlement', 'Withdraw', cred, {
				operation: 'initiateWithdrawal',
				managingEntity: { __rl: true, mode: 'id', value: me },
				destinationKind: 'BankAccount',
				destinationIdentifier: sb.ids.bankAccountIds.EUR,
			}),
		]);
	await importAll('queue-payout', [cred], [flow('winkQueuePayout1', 'queue-payout')]);
	const a = await activate(cluster.main, 'winkQueuePayout1');
	check('payout workflow activated', a.ok, a.detail);

	const count = (op, mark) => sb.stats.requests.slice(mark).filter((q) => q.operationId === op);
	const pending = () => sb.state.withdrawals[me].filter((w) => w.status === 'PENDING' && w.currencyCode === 'EUR').length;
	// `slowChecks`: the withdrawal history read (the guard's check) answers after 1.5 s, so both
	// executions check before either initiates: the widest race window.
	const race = async (slowChecks) => {
		sb.reset();
		if (slowChecks) sb.inject({ operationId: 'getWithdrawalHistory', delayMs: 1500, times: 2 });
		const before = executionsByWorker(cluster);
		const w0 = pending();
		const answers = await Promise.all([callWebhook(cluster, 'queue-payout', {}), callWebhook(cluster, 'queue-payout', {})]);
		// A 401 (reset() forgot the token) is answered before anything happens; n8n renews and resends.
		const posts = count('initiateWithdrawal', 0).filter((q) => q.status !== 401);
		return {
			executionsPerWorker: countSince(cluster, before),
			guardChecks: count('getWithdrawalHistory', 0).length,
			initiateCalls: posts.length,
			withdrawalsCreated: pending() - w0,
			noBalanceLeft: posts.filter((q) => q.status === 400).length,
			skippedAsDuplicate: answers.filter((x) => x.text.includes('"skippedReason":"duplicate"')).length,
			failedExecutions: answers.filter((x) => x.status !== 200).length,
			answers: answers.map((x) => `${x.status} ${x.text.slice(0, 160)}`),
		};
	};
	report.overlapping = await race(false);
	report.overlappingSlowCheck = await race(true);
	for (const [label, r] of [['overlapping', report.overlapping], ['overlapping, slow guard check', report.overlappingSlowCheck]]) {
		console.log(`     measured (${label}): ${JSON.stringify(r)}`);
		check(`two ${label} payout executions on 2 workers: one withdrawal (${r.initiateCalls} initiate calls)`, r.withdrawalsCreated === 1, JSON.stringify(r));
	}
}
