// Wink Webhook node through n8n-core's engine against the sandbox.
import { apiRequests, byId, sandboxCredential, useWink } from '../harness/fixture';

const wink = useWink();
const NODE = 'n8n-nodes-wink.winkWebhook';

const run = (parameters: Record<string, unknown>) =>
	wink.h.run({ nodeType: NODE, parameters: { managingEntity: wink.me, ...parameters } as never });

const upsert = (overrides: Record<string, unknown> = {}) => ({
	name: 'Booking sync',
	eventUrl: 'https://example.com/wink/events',
	eventList: ['ledger.entry.create'],
	enabled: true,
	entityIdentifier: wink.sb.managingEntityId,
	entityName: 'Grand Azure Hotel Lisbon',
	...overrides,
});

describe('Wink Webhook', () => {
	test('create → list → update → get → delete, and the list no longer has it', async () => {
		const created = await run({ operation: 'create', ...upsert() });
		expect(created.error).toBeUndefined();
		const webhook = created.items[0].json;
		expect(webhook).toMatchObject({
			name: 'Booking sync',
			enabled: true,
			eventList: ['ledger.entry.create'],
			ownerIdentifier: wink.sb.managingEntityId,
		});
		const sent = apiRequests(wink.sb).find((r) => r.operationId === 'createWebhook')!;
		expect(sent).toMatchObject({
			method: 'POST',
			path: `/api/managing-entity/${wink.sb.managingEntityId}/webhook`,
			status: 201,
		});
		expect(sent.body).toEqual({
			name: 'Booking sync',
			eventUrl: 'https://example.com/wink/events',
			eventList: ['ledger.entry.create'],
			enabled: true,
			entity: { identifier: wink.sb.managingEntityId, name: 'Grand Azure Hotel Lisbon' },
		});

		const list = await run({ operation: 'getAll' });
		expect(list.items.map((i) => i.json.id)).toEqual([webhook.id]);

		const id = byId(webhook.id as string);
		const updated = await run({
			operation: 'update',
			webhookId: id,
			...upsert({ eventList: [], enabled: false }),
		});
		expect(updated.items[0].json).toMatchObject({
			id: webhook.id,
			eventList: [],
			enabled: false,
			version: 1,
		});
		const patch = apiRequests(wink.sb).find((r) => r.operationId === 'updateWebhook')!;
		expect(patch).toMatchObject({
			method: 'PATCH',
			path: `/api/managing-entity/${wink.sb.managingEntityId}/webhook/${webhook.id}`,
		});
		expect(patch.body.eventList).toEqual([]);

		const got = await run({ operation: 'get', webhookId: id });
		expect(got.items[0].json).toMatchObject({ id: webhook.id, enabled: false });

		const deleted = await run({ operation: 'delete', webhookId: id });
		expect(deleted.items[0].json).toMatchObject({ id: webhook.id, success: true });
		expect((await run({ operation: 'getAll' })).items).toEqual([]);
		const gone = await run({ operation: 'get', webhookId: id });
		expect(gone.error?.message).toMatch(/Not found/);
	});

	test('Get Events lists the subscribable events, one item each', async () => {
		const { items } = await run({ operation: 'getEvents' });
		expect(items.map((i) => i.json)).toContainEqual({
			value: 'ledger.entry.create',
			label: 'Ledger entry created',
		});
	});

	test('the Events field is loaded from showWebhookEvents, grouped by the key and sorted', async () => {
		const options = await wink.h.loadOptions(
			'getWebhookEvents',
			{ operation: 'create', managingEntity: wink.me },
			NODE,
		);
		expect(options).toContainEqual({
			name: 'Ledger: Ledger entry created',
			value: 'ledger.entry.create',
			description: 'ledger.entry.create',
		});
		expect(options).toContainEqual({
			name: 'Managing Entity: Manager invited',
			value: 'managing_entity.manager.invited',
			description: 'managing_entity.manager.invited',
		});
		expect(options.map((o) => o.name)).toEqual(
			[...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)),
		);
		expect(apiRequests(wink.sb).map((r) => r.operationId)).toEqual(['showWebhookEvents']);
	});

	test('the Webhook picker lists name and URL without its query (a trigger keeps its token there)', async () => {
		await run({
			operation: 'create',
			...upsert({ eventUrl: 'https://n8n.example/webhook/abc/webhook?token=secret' }),
		});
		const { results } = await wink.h.listSearch(
			'searchWebhooks',
			{ operation: 'get', managingEntity: wink.me },
			undefined,
			NODE,
		);
		expect(results).toEqual([
			{ name: 'Booking sync · https://n8n.example/webhook/abc/webhook', value: expect.any(String) },
		]);
		expect(JSON.stringify(results)).not.toContain('secret');
	});

	test('a body Wink rejects (400 ProblemDetail) becomes a clear error', async () => {
		const { error } = await run({ operation: 'create', ...upsert({ eventUrl: 'not a url' }) });
		expect(error?.message).toMatch(
			/Wink rejected the request \(400\).*eventUrl must be an http\(s\) URL/,
		);
	});

	test('without account.write the error names the scope', async () => {
		wink.h.setCredential(sandboxCredential(wink.sb, { scopes: ['account.read'] }));
		const { error } = await run({ operation: 'create', ...upsert() });
		expect(error?.message).toMatch(/account\.write/);
	});
});
