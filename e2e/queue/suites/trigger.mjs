// Wink Trigger with separate webhook processors: activation in main registers one Wink webhook,
// deliveries POSTed through the front door start executions on the workers, a wrong token is
// refused there, and a retried delivery is counted whether it reaches the same or another process.
import { randomUUID } from 'node:crypto';
import { check, credential, importAll, pipeline, winkNode } from '../../lib.mjs';
import { activate, deactivate, executionsByWorker, executionsOf, settle } from '../cluster.mjs';
import { hasNode } from '../package.mjs';

const RETRIED = 10; // deliveries whose first answer is lost, so Wink retries each once

export default async function trigger({ sb, cluster, report }) {
	if (!hasNode('WinkTrigger')) {
		console.log('skip: the package has no Wink Trigger yet');
		report.skipped = 'no Wink Trigger in the package';
		return;
	}
	const me = sb.ids.managingEntityId;
	// A second webhook processor, started while the first scenarios run.
	const second = cluster.startWebhookProcessor();
	const cred = credential(
		sb,
		'winkQueueCredTrg',
		'Wink queue trigger',
		['account.read', 'account.write', 'account.remove', 'accounting.read'],
		{ managingEntityId: me },
	);
	const id = 'winkQueueTrigger';
	const triggerNode = () => ({
		...winkNode('winkTrigger', 'Wink Trigger', cred, {
			managingEntity: { __rl: true, mode: 'id', value: me },
			events: ['ledger.entry.create'],
			options: {},
		}),
		webhookId: randomUUID(),
	});
	const flow = {
		id,
		name: 'queue wink trigger',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [triggerNode()],
		connections: {},
	};
	// The same trigger followed by n8n's Remove Duplicates (its history is in the database, shared
	// by all processes) on the delivery id, then one balance read: the effect a retry could repeat.
	const DEDUPED = 'winkQueueTrigDedu';
	const deduped = pipeline(DEDUPED, 'queue wink trigger + remove duplicates', [
		triggerNode(),
		{
			id: 'node-dedupe',
			name: 'Remove Duplicates',
			type: 'n8n-nodes-base.removeDuplicates',
			typeVersion: 2,
			position: [200, 0],
			parameters: {
				operation: 'removeItemsSeenInPreviousExecutions',
				dedupeValue: '={{ $json.deliveryId }}',
				options: {},
			},
		},
		winkNode('winkSettlement', 'Balance', cred, {
			operation: 'getBalance',
			managingEntity: { __rl: true, mode: 'id', value: me },
		}),
	]);
	await importAll('queue-trigger', [cred], [flow, deduped]);

	const requests = (op) => sb.stats.requests.filter((q) => q.operationId === op).length;
	const hooks = () => sb.state.webhooks?.[me] ?? [];
	const started = () => Object.values(executionsByWorker(cluster)).flat().length;

	// Activation in main: exactly one Wink webhook, at the front door's URL, with a secret token.
	let a = await activate(cluster.main, id);
	check('Wink Trigger activated in main', a.ok, a.detail);
	const [hook] = hooks();
	const registered = new URL(hook?.eventUrl ?? 'http://none/');
	check(
		'activation registered exactly one Wink webhook, at the public webhook URL, with a token',
		hooks().length === 1 &&
			requests('createWebhook') === 1 &&
			hook.eventUrl.startsWith(cluster.door.url) &&
			(registered.searchParams.get('token') ?? '').length >= 32,
		JSON.stringify({
			webhooks: hooks().length,
			creates: requests('createWebhook'),
			url: `${registered.origin}${registered.pathname}`,
			publicUrl: cluster.door.url,
			tokenLength: registered.searchParams.get('token')?.length,
		}),
	);
	if (!hook) return;
	const path = `${registered.pathname}${registered.search}`.slice(1);

	// One delivery: the webhook processor takes it, a worker runs it.
	let before = started();
	const [d] = sb.deliver({
		event: 'ledger.entry.create',
		data: { amount: 12.5 },
		managingEntityId: me,
		id: 'evt-queue-1',
	});
	await sb.settleDeliveries();
	let ran = (await settle(started)) - before;
	const delivered = sb.deliveries.find((x) => x.id === d?.id);
	check(
		'a Wink delivery answered 200 at the webhook processor',
		delivered?.status === 'delivered' && delivered.attempts.length === 1,
		JSON.stringify(delivered?.attempts),
	);
	const execs = await executionsOf(cluster.main, id);
	check(
		`it started one execution, run by a worker, carrying the event (${ran} started)`,
		ran === 1 &&
			execs.length === 1 &&
			execs[0].status === 'success' &&
			execs[0].text.includes('"evt-queue-1"'),
		JSON.stringify(execs.map((e) => [e.id, e.status, e.mode])),
	);

	// A wrong token is refused by the webhook processor and starts nothing.
	before = started();
	const wrong = new URL(path, cluster.webhook.url);
	wrong.searchParams.set('token', 'not-the-token');
	const refused = await fetch(wrong, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ id: 'evt-forged', event: 'ledger.entry.create' }),
	});
	ran = (await settle(started)) - before;
	check(
		`a delivery with a wrong token: 401 from the webhook processor, no execution (${ran})`,
		refused.status === 401 && ran === 0,
	);

	// Wink's retry of a delivery that reached the same process: no second execution.
	before = started();
	sb.redeliver(d.id);
	await sb.settleDeliveries();
	ran = (await settle(started)) - before;
	check(
		`a retried delivery to the same webhook processor starts no second execution (${ran})`,
		ran === 0,
	);

	// Retries under Wink's schedule (the sandbox's: 1 s, 5 s, 30 s) when the first answer is lost,
	// with one processor, then with two where each retry reaches the other one. Both triggers get
	// every event; the second's effects are its balance reads.
	a = await activate(cluster.main, DEDUPED);
	check('second Wink Trigger (with Remove Duplicates) activated', a.ok, a.detail);
	// Remove Duplicates reads its history, then inserts or updates it, with no lock (n8n 2.41's
	// DeduplicationHelper). Its first concurrent executions can both insert, and one fails on the
	// duplicate key. One delivery first creates the history, so the burst below measures retries.
	const reads = requests('getAvailableBalance');
	sb.deliver({
		event: 'ledger.entry.create',
		data: {},
		managingEntityId: me,
		id: 'evt-queue-history',
	});
	await sb.settleDeliveries();
	await settle(started);
	const first = (await executionsOf(cluster.main, DEDUPED)).filter((e) =>
		e.text.includes('"evt-queue-history"'),
	);
	check(
		'one delivery starts the Remove Duplicates history: one execution, one balance read',
		first.length === 1 &&
			first[0].status === 'success' &&
			requests('getAvailableBalance') - reads === 1,
		JSON.stringify({
			executions: first.map((e) => e.status),
			reads: requests('getAvailableBalance') - reads,
		}),
	);
	cluster.door.loseFirstAnswer = true;
	const measure = async (label) => {
		const b = started();
		const reads0 = requests('getAvailableBalance');
		const ids = Array.from({ length: RETRIED }, (_, i) => `evt-queue-${label}-${i}`);
		for (const eventId of ids)
			sb.deliver({ event: 'ledger.entry.create', data: {}, managingEntityId: me, id: eventId });
		await sb.settleDeliveries();
		await settle(started);
		const count = async (wf) => {
			const all = (await executionsOf(cluster.main, wf)).filter((e) =>
				ids.some((eventId) => e.text.includes(`"${eventId}"`)),
			);
			const missing = ids.filter(
				(eventId) => !all.some((e) => e.text.includes(`"${eventId}"`)),
			).length;
			const statuses = [...new Set(all.map((e) => e.status))];
			return { executions: all.length, duplicates: all.length - RETRIED, missing, statuses };
		};
		const mine = sb.deliveries.filter((x) => ids.includes(x.eventId));
		const attempts = mine.map((x) => `${x.attempts.map((t) => t.status ?? t.error).join('>')}`);
		const retried = mine.filter((x) => x.attempts.length >= 2 && x.status === 'delivered').length;
		const plain = await count(id);
		const withRemoveDuplicates = {
			...(await count(DEDUPED)),
			effects: requests('getAvailableBalance') - reads0,
		};
		return {
			deliveries: RETRIED,
			retried: retried / 2,
			plain,
			withRemoveDuplicates,
			startedOnWorkers: started() - b,
			attempts: [...new Set(attempts)],
		};
	};
	report.retriedSameProcess = await measure('one');
	const one = report.retriedSameProcess;
	check(
		`${RETRIED} deliveries retried after a lost answer, one webhook processor: ${one.plain.executions} executions, no duplicate`,
		one.retried === RETRIED &&
			one.plain.duplicates === 0 &&
			one.plain.missing === 0 &&
			one.withRemoveDuplicates.effects === RETRIED &&
			[one.plain, one.withRemoveDuplicates].every((r) => r.statuses.join() === 'success'),
		JSON.stringify(one),
	);
	await second;
	cluster.door.spread = true;
	report.retriedOtherProcess = await measure('two');
	const two = report.retriedOtherProcess;
	console.log(
		`     measured: ${two.plain.duplicates} of ${RETRIED} retries reaching the other webhook processor started a second execution; with Remove Duplicates ${two.withRemoveDuplicates.effects - RETRIED} repeated the effect`,
	);
	check(
		`${RETRIED} deliveries retried to the other of 2 webhook processors: each ran (duplicates measured: ${two.plain.duplicates})`,
		two.retried === RETRIED && two.plain.missing === 0 && two.withRemoveDuplicates.missing === 0,
		JSON.stringify(two),
	);
	cluster.door.spread = false;
	cluster.door.loseFirstAnswer = false;
	a = await deactivate(cluster.main, DEDUPED);
	check('second Wink Trigger deactivated', a.ok, a.detail);

	// Deactivation in main removes the Wink webhook.
	const deletes = requests('deleteWebhook');
	a = await deactivate(cluster.main, id);
	check(
		'deactivation in main deleted the Wink webhook',
		a.ok && hooks().length === 0 && requests('deleteWebhook') - deletes === 1,
		a.detail ?? JSON.stringify(hooks()),
	);
}
