// Wink Webhook in a real n8n: the events list, then create → get many, chained as a user would.
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

export default async function webhook({ sb }) {
	const me = { __rl: true, mode: 'id', value: sb.ids.managingEntityId };
	const cred = credential(sb, 'winkE2eCredHook1', 'Wink sandbox (webhooks)', [
		'account.read',
		'account.write',
	]);
	const FLOW = 'winkE2eWebhook001';
	const events = winkNode(
		'winkWebhook',
		'Events',
		cred,
		{ operation: 'getEvents', managingEntity: me },
		0,
	);
	const create = winkNode(
		'winkWebhook',
		'Create',
		cred,
		{
			operation: 'create',
			managingEntity: me,
			name: 'e2e booking sync',
			eventUrl: 'https://example.com/wink/e2e',
			eventList: ['ledger.entry.create'],
			enabled: true,
			entityIdentifier: sb.ids.managingEntityId,
			entityName: 'Grand Azure Hotel Lisbon',
		},
		200,
	);
	const list = winkNode(
		'winkWebhook',
		'List',
		cred,
		{ operation: 'getAll', managingEntity: me },
		400,
	);
	const wf = workflow(FLOW, 'e2e webhook node', [events, create]);
	// List runs after Create, so it must see the new webhook.
	wf.nodes.push(list);
	wf.connections.Create = { main: [[{ node: 'List', type: 'main', index: 0 }]] };
	await importAll('webhook', [cred], [wf]);

	const x = await execute(FLOW);
	check('Wink Webhook workflow ran', x.code === 0 && x.run?.status === 'success', tail(x.out));
	const catalogue = itemsOf(x.run, 'Events');
	check(
		'Get Events lists the subscribable events',
		catalogue.length > 0 && JSON.stringify(catalogue).includes('ledger.entry.create'),
		`${catalogue.length} events`,
	);
	const [made] = itemsOf(x.run, 'Create');
	check(
		'Create registered the webhook in Wink',
		made?.name === 'e2e booking sync' && !!made?.id,
		JSON.stringify(made),
	);
	const listed = itemsOf(x.run, 'List');
	check(
		'Get Many (after Create) lists it',
		listed.some((h) => h.id === made?.id),
		`${listed.length} webhooks`,
	);
}
