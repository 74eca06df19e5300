// Wink Trigger with separate webhook processors: activation in main registers one Wink webhook,
// deliveries POSTed through the front door start executions on the workers, a wrong token is
// refused there, and a retried delivery is counted whether it reaches the same or another process.
import { randomUUID } from 'node:crypto';
import { check, credential, importAll, winkNode } from '../../lib.mjs';
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
	const cred = credential(sb, 'winkQueueCredTrg', 'Wink queue trigger', ['account.read', 'account.write', 'account.remove'], { managingEntityId: me });
	const id = 'winkQueueTrigger';
	const node = {
		...winkNode('winkTrigger', 'Wink Trigger', cred, { managingEntity: { __rl: true, mode: 'id', value: me }, events: ['ledger.entry.create'], options: {} }),
		webhookId: randomUUID(),
	};
	const flow = { id, name: 'queue wink trigger', active: false, settings: { executionOrder: 'v1' }, nodes: [node], connections: {} };
	await importAll('queue-trigger', [cred], [flow]);

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
		hooks().length === 1 && requests('createWebhook') === 1 && hook.eventUrl.startsWith(cluster.door.url) && (registered.searchParams.get('token') ?? '').length >= 32,
		JSON.stringify({ webhooks: hooks().length, creates: requests('createWebhook'), url: `${registered.origin}${registered.pathname}` }),
	);
	if (!hook) return;
	const path = `${registered.pathname}${registered.search}`.slice(1);

	// One delivery: the webhook processor takes it, a worker runs it.
	let before = started();
	const [d] = sb.deliver({ event: 'ledger.entry.create', data: { amount: 12.5 }, managingEntityId: me, id: 'evt-queue-1' });
	await sb.settleDeliveries();
	let ran = (await settle(started)) - before;
	const delivered = sb.deliveries.find((x) => x.id === d?.id);
	check('a Wink delivery answered 200 at the webhook processor', delivered?.status === 'delivered' && delivered.attempts.length === 1, JSON.stringify(delivered?.attempts));
	const execs = await executionsOf(cluster.main, id);
	check(
		`it started one execution, run by a worker, carrying the event (${ran} started)`,
		ran === 1 && execs.length === 1 && execs[0].status === 'success' && execs[0].text.includes('evt-queue-1'),
		JSON.stringify(execs.map((e) => [e.id, e.status, e.mode])),
	);

	// A wrong token is refused by the webhook processor and starts nothing.
	before = started();
	const wrong = new URL(path, cluster.webhook.url);
	wrong.searchParams.set('token', 'not-the-token');
	const refused = await fetch(wrong, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'evt-forged', event: 'ledger.entry.create' }) });
	ran = (await settle(started)) - before;
	check(`a delivery with a wrong token: 401 from the webhook processor, no execution (${ran})`, refused.status === 401 && ran === 0);

	// Wink's retry of a delivery that reached the same process: no second execution.
	before = started();
	sb.redeliver(d.id);
	await sb.settleDeliveries();
	ran = (await settle(started)) - before;
	check(`a retried delivery to the same webhook processor starts no second execution (${ran})`, ran === 0);

	// Retries under Wink's schedule (the sandbox's: 1 s, 5 s, 30 s) when the first answer is lost,
	// with one processor, then with two where each retry reaches the other one.
	cluster.door.loseFirstAnswer = true;
	const measure = async (label) => {
		const b = started();
		const ids = Array.from({ length: RETRIED }, (_, i) => `evt-queue-${label}-${i}`);
		for (const eventId of ids) sb.deliver({ event: 'ledger.entry.create', data: {}, managingEntityId: me, id: eventId });
		await sb.settleDeliveries();
		const executions = (await settle(started)) - b;
		const all = await executionsOf(cluster.main, id);
		const missing = ids.filter((eventId) => !all.some((e) => e.text.includes(`"${eventId}"`)));
		const retried = sb.deliveries.filter((x) => ids.includes(x.eventId) && x.attempts.length === 2 && x.status === 'delivered').length;
		return { deliveries: RETRIED, retried, executions, duplicates: executions - RETRIED, missing: missing.length };
	};
	report.retriedSameProcess = await measure('one');
	check(
		`${RETRIED} deliveries retried after a lost answer, one webhook processor: ${report.retriedSameProcess.executions} executions`,
		report.retriedSameProcess.retried === RETRIED && report.retriedSameProcess.duplicates === 0 && report.retriedSameProcess.missing === 0,
		JSON.stringify(report.retriedSameProcess),
	);
	await second;
	cluster.door.spread = true;
	report.retriedOtherProcess = await measure('two');
	const r = report.retriedOtherProcess;
	console.log(`     measured: ${r.duplicates} of ${RETRIED} retries that reached the other webhook processor started a second execution`);
	check(`${RETRIED} deliveries retried to the other of 2 webhook processors: each ran (duplicates measured: ${r.duplicates})`, r.retried === RETRIED && r.missing === 0, JSON.stringify(r));
	cluster.door.spread = false;
	cluster.door.loseFirstAnswer = false;

	// Deactivation in main removes the Wink webhook.
	a = await deactivate(cluster.main, id);
	check('deactivation in main deleted the Wink webhook', a.ok && hooks().length === 0 && requests('deleteWebhook') === 1, a.detail ?? JSON.stringify(hooks()));
}
