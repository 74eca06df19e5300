// Settlement in queue mode: production webhook calls reach the webhook processor, run on the two
// workers, give the same result wherever they run, and share one OAuth2 token through Postgres.
import { check, credential, importAll, pipeline, webhookNode, winkNode } from '../../lib.mjs';
import helpers from '../../../sandbox/routes/helpers.js';
import { activate, callWebhook, countSince, executionsByWorker } from '../cluster.mjs';

const EXECUTIONS = 10;
const ITEMS = 20; // per execution: 200 items, one balance request each

export default async function settlement({ sb, cluster, report }) {
	const me = sb.ids.managingEntityId;
	const scopes = ['account.read', 'payment.read', 'payment.write', 'accounting.read'];
	const WARM = 'winkQueueCred001';
	const COLD = 'winkQueueCred002';
	const creds = [
		credential(sb, WARM, 'Wink queue', scopes),
		credential(sb, COLD, 'Wink queue cold', scopes),
	];
	// Webhook → Split Out (body.items) → Get Available Balance once per item.
	const balanceFlow = (id, path, cred) =>
		pipeline(id, `queue balance ${path}`, [
			webhookNode(path),
			{
				id: `node-split-${path}`,
				name: 'Split Out',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [200, 0],
				parameters: { fieldToSplitOut: 'body.items', options: {} },
			},
			winkNode('winkSettlement', 'Balance', cred, {
				operation: 'getBalance',
				managingEntity: { __rl: true, mode: 'id', value: me },
			}),
		]);
	const flows = [
		balanceFlow('winkQueueBalance1', 'queue-balance', creds[0]),
		balanceFlow('winkQueueBalance2', 'queue-balance-cold', creds[1]),
	];
	await importAll('queue-settlement', creds, flows);
	for (const f of flows) {
		const a = await activate(cluster.main, f.id);
		check(`${f.name}: activated in main`, a.ok, a.detail);
	}

	const body = { items: Array.from({ length: ITEMS }, (_, n) => ({ n })) };
	const call = (path) => callWebhook(cluster, path, body);
	const tokenRequests = () => sb.stats.requests.filter((q) => q.operationId === 'token').length;
	const balanceRequests = () =>
		sb.stats.requests.filter((q) => q.operationId === 'getAvailableBalance').length;
	// What one process answers: the sandbox's current balances for every item. A booking lands
	// before each round, so a worker that kept an earlier answer in memory would be caught.
	let expected;
	const bookingLands = (n) => {
		const ledger = sb.state.ledger[me];
		ledger.unshift({
			...ledger[0],
			id: `le-queue-${n}`,
			entry: { amount: 100 + n, currency: 'EUR' },
		});
		expected = JSON.stringify(
			Array.from({ length: ITEMS }, () => helpers.balances(sb.state, me)).flat(),
		);
	};
	const sameAsOneProcess = (r) => r.status === 200 && JSON.stringify(r.json) === expected;

	// Production webhooks are served by the webhook processor only.
	const onMain = await fetch(`${cluster.main.url}/webhook/queue-balance`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{}',
	});
	check(
		'main does not serve production webhooks (N8N_DISABLE_PRODUCTION_MAIN_PROCESS)',
		onMain.status === 404,
		`main answered ${onMain.status}`,
	);

	// (1) 10 executions x 20 items: the first fetches the token, the other 9 run concurrently.
	bookingLands(1);
	let before = executionsByWorker(cluster);
	const tokens0 = tokenRequests();
	const balance0 = balanceRequests();
	const first = await call('queue-balance');
	const rest = await Promise.all(
		Array.from({ length: EXECUTIONS - 1 }, () => call('queue-balance')),
	);
	const answers = [first, ...rest];
	const perWorker = countSince(cluster, before);
	const tokens = tokenRequests() - tokens0;
	const items = balanceRequests() - balance0;
	report.warm = {
		executions: EXECUTIONS,
		items,
		tokenRequests: tokens,
		executionsPerWorker: perWorker,
	};
	check(
		`${EXECUTIONS} webhook calls on the webhook processor answered with the balances of a single process`,
		answers.every(sameAsOneProcess),
		JSON.stringify(answers.map((a) => [a.status, a.json?.length ?? a.text.slice(0, 200)])),
	);
	const ran = Object.values(perWorker);
	check(
		`executions ran on the workers, split ${ran.join('/')}`,
		ran.length === 2 && ran.reduce((a, b) => a + b, 0) === EXECUTIONS && ran.every((n) => n > 0),
		JSON.stringify(perWorker),
	);
	check(
		`${items} item requests over ${EXECUTIONS} executions on 2 workers: ${tokens} token request`,
		items === EXECUTIONS * ITEMS && tokens === 1,
		`tokens ${tokens}`,
	);

	// (2) Every token expires: renewed once for the cluster when executions follow one another...
	await fetch(`${sb.controlUrl}/expire-tokens`, { method: 'POST' });
	bookingLands(2);
	before = executionsByWorker(cluster);
	const t1 = tokenRequests();
	const sequential = [];
	for (let i = 0; i < EXECUTIONS; i++) sequential.push(await call('queue-balance'));
	const seqWorkers = countSince(cluster, before);
	const seqRenewals = tokenRequests() - t1;
	report.expiredSequential = {
		executions: EXECUTIONS,
		renewals: seqRenewals,
		executionsPerWorker: seqWorkers,
	};
	check(
		'after expiry, executions one after another all succeed',
		sequential.every(sameAsOneProcess),
	);
	check(
		`expired token renewed ${seqRenewals}x while both workers ran (${Object.values(seqWorkers).join('/')})`,
		seqRenewals === 1 && Object.values(seqWorkers).every((n) => n > 0),
		JSON.stringify(report.expiredSequential),
	);

	// ...and measured when 10 executions hit the expired token at once on both workers.
	await fetch(`${sb.controlUrl}/expire-tokens`, { method: 'POST' });
	bookingLands(3);
	before = executionsByWorker(cluster);
	const t2 = tokenRequests();
	const burst = await Promise.all(Array.from({ length: EXECUTIONS }, () => call('queue-balance')));
	const burstRenewals = tokenRequests() - t2;
	report.expiredConcurrent = {
		executions: EXECUTIONS,
		renewals: burstRenewals,
		executionsPerWorker: countSince(cluster, before),
	};
	check(
		`after expiry, ${EXECUTIONS} concurrent executions all succeed (renewals measured: ${burstRenewals})`,
		burst.every(sameAsOneProcess),
		JSON.stringify(report.expiredConcurrent),
	);

	// A credential that never had a token, hit by 10 concurrent executions: n8n's first fetch is
	// not coordinated across processes, so this is measured, not asserted.
	bookingLands(4);
	const t3 = tokenRequests();
	const cold = await Promise.all(
		Array.from({ length: EXECUTIONS }, () => call('queue-balance-cold')),
	);
	report.coldConcurrent = { executions: EXECUTIONS, tokenRequests: tokenRequests() - t3 };
	check(
		`cold credential, ${EXECUTIONS} concurrent executions all succeed (token requests measured: ${report.coldConcurrent.tokenRequests})`,
		cold.every(sameAsOneProcess),
	);
}
