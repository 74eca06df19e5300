// Items in parallel inside a real n8n: the bound, the order, and one token from a cold credential
// (n8n's credential store does not share a first token fetch between concurrent requests).
import {
	check,
	credential,
	execute,
	importAll,
	itemsOf,
	tail,
	winkNode,
	workflow,
} from '../lib.mjs';

export default async function concurrency({ sb }) {
	const me = { __rl: true, mode: 'id', value: sb.managingEntityId };
	// Different scopes tell the two credentials' token requests apart.
	const list = credential(sb, 'winkE2eConcList1', 'Wink list', ['payment.read']);
	const cold = credential(sb, 'winkE2eConcCold1', 'Wink cold', ['payment.read', 'accounting.read']);
	const WF = 'winkE2eConcurren';
	const nodes = [
		winkNode('winkSettlement', 'History', list, {
			operation: 'getWithdrawals',
			managingEntity: me,
		}),
		winkNode(
			'winkSettlement',
			'Each',
			cold,
			{
				operation: 'getWithdrawal',
				managingEntity: me,
				withdrawalId: '={{ $json.id }}',
				options: { concurrency: 4 },
			},
			200,
		),
	];
	const flow = workflow(WF, 'e2e concurrency', [nodes[0]]);
	flow.nodes.push(nodes[1]);
	flow.connections.History = { main: [[{ node: 'Each', type: 'main', index: 0 }]] };
	await importAll('concurrency', [list, cold], [flow]);

	// Latency on every request, so that items in flight overlap at the sandbox.
	sb.inject({ delayMs: 150, times: Infinity });
	sb.resetStats();
	const x = await execute(WF);
	sb.clearFaults();
	const ids = itemsOf(x.run, 'History').map((w) => w.id);
	const got = itemsOf(x.run, 'Each').map((w) => w.id);
	check('concurrency workflow ran', x.code === 0 && x.run?.status === 'success', tail(x.out));
	check(
		`Get Withdrawal ×${ids.length}: output in input order`,
		ids.length === 10 && got.join() === ids.join(),
		`${got.length} items`,
	);
	const tokens = sb.stats.requests.filter(
		(r) => r.operationId === 'token' && r.body?.scope === 'payment.read accounting.read',
	);
	check(
		'a cold credential fetched one token for items sent 4 at a time',
		tokens.length === 1,
		`${tokens.length} token requests`,
	);
	check(
		'at most 4 requests in flight, and 4 at once',
		sb.stats.maxInFlight === 4,
		`max in flight ${sb.stats.maxInFlight}`,
	);
}
