// Wink Trigger and Wink Settlement Trigger in a running n8n: activation registers the webhook in
// the sandbox, the sandbox delivers, executions are recorded, a wrong token starts none, a retry
// starts none, one poll cycle emits new ledger entries, restart behaviour, deactivation through
// n8n's public API removes the Wink webhook.
import { N8N_MAJOR, check, credential, importAll, n8n, startN8n, tail } from '../lib.mjs';

const wait = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(fn, ms = 20_000) {
	const end = Date.now() + ms;
	for (;;) {
		const value = await fn();
		if (value || Date.now() > end) return value;
		await wait(250);
	}
}

const HOOK_ID = 'e2e0c0de-0000-4000-8000-000000000007';
const WF = 'winkE2eTrigger01';
const POLL = 'winkE2ePollTrig1';
const LEDGER = 'ledger.entry.create';
// The public API's names: 2.x publishes (activate/deactivate are deprecated aliases there).
const [ACTIVATE, DEACTIVATE] =
	N8N_MAJOR >= 2 ? ['publish', 'unpublish'] : ['activate', 'deactivate'];

function triggerWorkflow(id, name, node) {
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node,
			{
				id: `${id}-noop`,
				name: 'Done',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [300, 0],
				parameters: {},
			},
		],
		connections: { [node.name]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	};
}

export default async function trigger({ sb }) {
	sb.configureDeliveries({ retryDelaysMs: [500, 1000], timeoutMs: 10_000 });
	const me = sb.managingEntityId;
	const cred = credential(sb, 'winkE2eCredTrigg', 'Wink trigger', [
		'account.read',
		'account.write',
		'account.remove',
		'payment.read',
		'accounting.read',
	]);
	const credentials = { winkOAuth2Api: { id: cred.id, name: cred.name } };
	const byId = { __rl: true, mode: 'id', value: me };
	const workflows = [
		triggerWorkflow(WF, 'e2e wink trigger', {
			id: 'wink-trigger',
			name: 'Wink Trigger',
			type: 'n8n-nodes-wink.winkTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: HOOK_ID,
			parameters: { managingEntity: byId, events: [LEDGER] },
			credentials,
		}),
		triggerWorkflow(POLL, 'e2e wink settlement trigger', {
			id: 'wink-poll',
			name: 'Wink Settlement Trigger',
			type: 'n8n-nodes-wink.winkSettlementTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {
				event: 'newLedgerEntry',
				managingEntity: byId,
				pollTimes: { item: [{ mode: 'everyMinute' }] },
			},
			credentials,
		}),
	];
	await importAll('trigger', [cred], workflows);
	// Activation as a user does it from the CLI: 2.x publishes, 1.x sets active.
	for (const id of [WF, POLL]) {
		const args =
			N8N_MAJOR >= 2
				? ['publish:workflow', `--id=${id}`]
				: ['update:workflow', `--id=${id}`, '--active=true'];
		const r = await n8n(args);
		check(`n8n ${args[0]} ${id}`, r.code === 0, tail(r.out));
	}

	let server = await startN8n();
	const hookUrl = `${server.url}/webhook/${HOOK_ID}/webhook`;
	const webhooks = () => sb.state.webhooks?.[me] ?? [];
	const ours = () => webhooks().filter((w) => w.eventUrl.split('?')[0] === hookUrl);
	try {
		const created = await server.rest('POST', '/api-keys', {
			label: 'e2e trigger',
			scopes: [
				'workflow:read',
				'workflow:activate',
				'workflow:deactivate',
				'execution:list',
				'execution:read',
			],
			expiresAt: null,
		});
		const apiKey = created.json?.data?.rawApiKey;
		check('public API key created', Boolean(apiKey), created.text.slice(0, 300));
		// Same port after the restart below, and the key lives in n8n's database: this client stays valid.
		const api = server.publicApi(apiKey);
		const executions = async (workflowId) =>
			(await api('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=100`)).json
				?.data ?? [];
		const itemsOf = (execution, node) =>
			(execution?.data?.resultData?.runData?.[node]?.[0]?.data?.main?.[0] ?? []).map((i) => i.json);
		const countIs = async (workflowId, n, ms = 3000) => {
			await wait(ms);
			return (await executions(workflowId)).length === n;
		};

		// Activation: exactly one webhook for n8n's production URL, with a token in its query.
		await until(() => ours().length > 0);
		const [hook] = ours();
		check(
			'activation registered exactly one Wink webhook for the production URL, with a secret token',
			webhooks().length === 1 &&
				hook &&
				/[?&]token=[0-9a-f]{64}$/.test(hook.eventUrl) &&
				hook.eventList.join() === LEDGER,
			JSON.stringify(
				webhooks().map((w) => ({ url: w.eventUrl.split('?')[0], events: w.eventList })),
			),
		);

		// The sandbox delivers; n8n records one execution with the event.
		const [delivery] = sb.deliver({ event: LEDGER, id: 'evt-e2e-1', data: { note: 'e2e' } });
		await sb.settleDeliveries();
		const runs = await until(async () =>
			(await executions(WF)).length === 1 ? executions(WF) : null,
		);
		const [item] = itemsOf(runs?.[0], 'Wink Trigger');
		check(
			'a delivery starts one execution whose item is the event',
			runs?.length === 1 &&
				item?.event === LEDGER &&
				item?.deliveryId === 'evt-e2e-1' &&
				item?.payload?.data?.note === 'e2e',
			JSON.stringify(item ?? runs?.length),
		);
		check(
			'the delivery was answered 200 at once',
			sb.deliveries
				.find((d) => d.id === delivery?.id)
				?.attempts.map((a) => a.status)
				.join() === '200',
		);

		// Wink's retry of the same delivery: answered 200, no second execution.
		sb.redeliver(delivery.id);
		await sb.settleDeliveries();
		const retried = sb.deliveries.find((d) => d.id === delivery.id);
		check(
			'a retried delivery is answered 200 and starts no execution',
			retried.attempts.map((a) => a.status).join() === '200,200' && (await countIs(WF, 1)),
		);

		// Forged and unwanted requests.
		const post = (url, body, type = 'application/json') =>
			fetch(url, {
				method: 'POST',
				headers: { 'content-type': type },
				body: typeof body === 'string' ? body : JSON.stringify(body),
			});
		const forged = { id: 'evt-forged', event: LEDGER, data: {} };
		const statuses = [
			(await post(`${hookUrl}?token=${'0'.repeat(64)}`, forged)).status,
			(await post(hookUrl, forged)).status,
		];
		check(
			'a wrong or missing token is answered 401 and starts no execution',
			statuses.join() === '401,401' && (await countIs(WF, 1)),
			`statuses ${statuses}`,
		);
		const text = await post(hook.eventUrl, 'not json', 'text/plain');
		check(
			'a request that is not JSON is answered 200 and starts no execution',
			text.status === 200 && (await countIs(WF, 1)),
			`status ${text.status}`,
		);
		hook.eventList = []; // widened in Wink's portal
		sb.deliver({ event: 'payee.create', data: {} });
		await sb.settleDeliveries();
		check(
			'an event not selected is answered 200 and starts no execution',
			sb.deliveries
				.at(-1)
				.attempts.map((a) => a.status)
				.join() === '200' && (await countIs(WF, 1)),
		);

		// One poll cycle: the activation poll set the cursor; the next one emits the new entries.
		const pollRunsBefore = (await executions(POLL)).length;
		const entries = [sb.addLedgerEntry({ amount: 11 }), sb.addLedgerEntry({ amount: 22 })];
		await sb.settleDeliveries();
		check(
			'the activation poll emitted nothing',
			pollRunsBefore === 0,
			`${pollRunsBefore} executions`,
		);
		const polled = await until(
			async () => ((await executions(POLL)).length > 0 ? executions(POLL) : null),
			90_000,
		);
		const got = itemsOf(polled?.[0], 'Wink Settlement Trigger').map((e) => e.id);
		check(
			'the next poll emitted the 2 new ledger entries, oldest first, in one execution',
			polled?.length === 1 && got.join() === entries.map((e) => e.id).join(),
			`executions ${polled?.length}, items ${JSON.stringify(got)}`,
		);
		check('the webhook trigger got both new entries too', await countIs(WF, 3, 1000));

		// Restart on the same URL with the registration lost in Wink meanwhile.
		await server.stop();
		for (const w of ours()) webhooks().splice(webhooks().indexOf(w), 1);
		server = await startN8n({}, { port: server.port });
		// The acknowledged retry above saved the delivery in the static data (2.x saves it only from
		// calls that start no execution): one more retry after the restart starts nothing either.
		sb.redeliver(delivery.id);
		await sb.settleDeliveries();
		check(
			'after the restart, another retry of the first delivery starts no execution',
			await countIs(WF, 3),
		);
		if (N8N_MAJOR >= 2) {
			await wait(10_000);
			check(
				'restart (2.x): n8n calls nothing, the lost registration stays lost',
				ours().length === 0,
				`${ours().length} webhooks`,
			);
		} else {
			await until(() => ours().length > 0, 30_000);
			check(
				'restart (1.x): n8n calls checkExists, the lost registration is re-created',
				ours().length === 1,
				`${ours().length} webhooks`,
			);
		}
		const off = await api('POST', `/workflows/${WF}/${DEACTIVATE}`);
		const on = await api('POST', `/workflows/${WF}/${ACTIVATE}`);
		check(
			're-activation through the public API repairs it: exactly one webhook',
			off.status === 200 &&
				on.status === 200 &&
				(await until(() => ours().length === 1)) &&
				webhooks().length === 1,
			`${off.status} ${on.status} ${on.text.slice(0, 200)}`,
		);

		// Deactivation through the public API removes the Wink webhook.
		const deactivated = await api('POST', `/workflows/${WF}/${DEACTIVATE}`);
		const gone = await until(() => webhooks().length === 0);
		check(
			'deactivation through the public API deletes the Wink webhook',
			deactivated.status === 200 && gone,
			`${deactivated.status} ${deactivated.text.slice(0, 200)}`,
		);
		await api('POST', `/workflows/${POLL}/${DEACTIVATE}`);
	} finally {
		await server.stop();
	}
}
