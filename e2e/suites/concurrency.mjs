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

	await autoCarriesOver(sb, me, list);
}

// Concurrency Auto (version 2) in a real n8n: the first execution sends 10 at once, and n8n saves
// where the next one starts (workflow static data, after a CLI or production run), so the second
// execution of the same node sends all 40 at once. Read at the sandbox: the requests received
// before Wink's first answer left (300 ms per answer, far above n8n's time to send 40).
async function autoCarriesOver(sb, me, cred) {
	const WF = 'winkE2eConcAuto1';
	const auto = {
		...winkNode(
			'winkSettlement',
			'Auto',
			cred,
			{ operation: 'getWithdrawal', managingEntity: me, withdrawalId: '={{ $json.id }}' },
			200,
		),
		typeVersion: 2,
	};
	const flow = workflow(WF, 'e2e concurrency auto', [
		winkNode('winkSettlement', 'History', cred, {
			operation: 'getWithdrawals',
			managingEntity: me,
		}),
	]);
	flow.nodes.push(auto);
	flow.connections.History = { main: [[{ node: 'Auto', type: 'main', index: 0 }]] };
	await importAll('concurrency-auto', [cred], [flow]);

	const list = sb.state.withdrawals[sb.managingEntityId];
	const seeded = [...list];
	list.push(
		...Array.from({ length: 40 - seeded.length }, (_, i) => ({
			...seeded[i % seeded.length],
			id: `wd-e2e-auto-${i}`,
			referenceCode: `WD-E2EAUTO${i}`,
		})),
	);
	sb.inject({ delayMs: 300, times: Infinity });
	const firstBurst = async () => {
		sb.resetStats();
		const x = await execute(WF);
		const sent = sb.stats.requests.filter((r) => r.operationId === 'getWithdrawal');
		const firstAnswer = Math.min(...sent.map((r) => r.answeredAt ?? Infinity));
		return {
			ok: x.code === 0 && x.run?.status === 'success',
			out: x.out,
			items: itemsOf(x.run, 'Auto').length,
			burst: sent.filter((r) => r.receivedAt < firstAnswer).length,
		};
	};
	try {
		const first = await firstBurst();
		check(
			'Auto, first execution: 40 items, 10 sent at once',
			first.ok && first.items === 40 && first.burst === 10,
			`${first.items} items, ${first.burst} before the first answer\n     ${tail(first.out)}`,
		);
		const second = await firstBurst();
		check(
			'Auto, next execution of the node: n8n kept what it learnt, all 40 sent at once',
			second.ok && second.items === 40 && second.burst === 40,
			`${second.items} items, ${second.burst} before the first answer`,
		);
	} finally {
		sb.clearFaults();
		sb.state.withdrawals[sb.managingEntityId] = seeded;
	}
}
