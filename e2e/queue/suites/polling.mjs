// Wink Settlement Trigger in queue mode: main polls (once per poll for the whole cluster, never
// once per worker) and each poll with news becomes one execution on a worker.
import { check, credential, importAll, winkNode } from '../../lib.mjs';
import { activate, deactivate, executionsByWorker, executionsOf, settle } from '../cluster.mjs';
import { hasNode } from '../package.mjs';

export default async function polling({ sb, cluster, report }) {
	if (!hasNode('WinkSettlementTrigger')) {
		console.log('skip: the package has no Wink Settlement Trigger yet');
		report.skipped = 'no Wink Settlement Trigger in the package';
		return;
	}
	const me = sb.ids.managingEntityId;
	const cred = credential(
		sb,
		'winkQueueCredPol',
		'Wink queue polling',
		['accounting.read', 'payment.read'],
		{ managingEntityId: me },
	);
	const id = 'winkQueuePolling';
	const node = winkNode('winkSettlementTrigger', 'New Ledger Entry', cred, {
		event: 'newLedgerEntry',
		managingEntity: { __rl: true, mode: 'id', value: me },
		pollTimes: { item: [{ mode: 'everyMinute' }] },
		options: {},
	});
	await importAll(
		'queue-polling',
		[cred],
		[
			{
				id,
				name: 'queue polling',
				active: false,
				settings: { executionOrder: 'v1' },
				nodes: [node],
				connections: {},
			},
		],
	);
	const ledgerReads = () =>
		sb.stats.requests.filter((q) => q.operationId === 'getTransactionHistory').length;
	const started = () => Object.values(executionsByWorker(cluster)).flat().length;

	// Activation polls once in main: it remembers where the ledger stands and emits nothing.
	const r0 = ledgerReads();
	const a = await activate(cluster.main, id);
	check('Wink Settlement Trigger activated in main', a.ok, a.detail);
	const activationReads = ledgerReads() - r0;

	// Three bookings land; the next minute's poll must bring each of them once.
	const entries = [12.5, 20, 7.25].map(
		(amount) => sb.addLedgerEntry({ amount, currency: 'EUR' }).id,
	);
	const mark = ledgerReads();
	const before = started();
	const t0 = Date.now();
	while (started() === before && Date.now() - t0 < 75_000)
		await new Promise((r) => setTimeout(r, 500));
	const ran = (await settle(started, 3000)) - before;
	const reads = ledgerReads() - mark;
	const execs = await executionsOf(cluster.main, id);
	const once = entries.every((e) => execs.filter((x) => x.text.includes(`"${e}"`)).length === 1);
	report.poll = {
		activationReads,
		secondsToPoll: Math.round((Date.now() - t0) / 1000),
		ledgerReadsAtPoll: reads,
		executions: ran,
		entries: entries.length,
	};
	check(
		`one poll in the cluster for the minute: ${reads} ledger read(s), ${ran} execution on a worker`,
		reads === 1 && ran === 1 && execs.length === 1,
		JSON.stringify(report.poll),
	);
	check(
		'the 3 new ledger entries were emitted once each',
		once,
		JSON.stringify(execs.map((e) => e.id)),
	);
	const d = await deactivate(cluster.main, id);
	check('polling workflow deactivated', d.ok, d.detail);
}
