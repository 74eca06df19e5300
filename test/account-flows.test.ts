import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { apiRequests, byId, sandboxCredential, useWink } from './harness/fixture';

// Flows a user builds with Wink Application, Notification and Managing Entity, through n8n's
// engine against the sandbox; plus their "From list" pickers and a multi-page grid.
describe('Wink Application, Notification and Managing Entity flows', () => {
	const w = useWink();
	const run = async (node: string, parameters: INodeParameters) => {
		const { items, error } = await w.h.run({
			nodeType: `n8n-nodes-wink.${node}`,
			parameters: { managingEntity: w.me, ...parameters },
		});
		return { items: items.map((i) => i.json), error };
	};
	/** A credential as a user would set it up from an application's client ID and secret. */
	const useClient = (clientId: unknown, clientSecret: unknown) =>
		w.h.setCredential(
			sandboxCredential(w.sb, { clientId: String(clientId), clientSecret: String(clientSecret), scopes: ['account.read'] }),
		);
	const readEntity = () => run('winkManagingEntity', { operation: 'get' });

	test('create application → its secret gets a token → rotate → the old secret no longer does, the new one does', async () => {
		const created = await run('winkApplication', {
			operation: 'create',
			name: 'n8n workflows',
			ownerIdentifier: byId(w.sb.managingEntityId),
			ownerName: 'Grand Azure Hotel Lisbon',
			additionalFields: { clientType: 'MACHINE_2_MACHINE', scopes: ['account.read'] },
		});
		expect(created.error).toBeUndefined();
		const [app] = created.items;

		useClient(app.clientId, app.secretKey);
		expect((await readEntity()).error).toBeUndefined();

		w.h.setCredential(sandboxCredential(w.sb));
		const rotated = await run('winkApplication', { operation: 'rotateCredentials', applicationId: byId(app.id as string) });
		expect(rotated.error).toBeUndefined();
		const [fresh] = rotated.items;
		expect(fresh.clientId === app.clientId || fresh.secretKey === app.secretKey).toBe(false);

		w.sb.resetStats();
		useClient(app.clientId, app.secretKey);
		const old = await readEntity();
		expect(old.error?.message).toBe('Wink refused the credential: no access token could be obtained');
		expect(apiRequests(w.sb)).toHaveLength(0);
		expect(w.sb.stats.requests.map((r) => [r.operationId, r.status])).toEqual([['token', 401]]);
		// The new client ID with the old secret does not work either.
		useClient(fresh.clientId, app.secretKey);
		expect((await readEntity()).error?.message).toBe('Wink refused the credential: no access token could be obtained');

		useClient(fresh.clientId, fresh.secretKey);
		expect((await readEntity()).error).toBeUndefined();

		w.h.setCredential(sandboxCredential(w.sb));
		const list = await run('winkApplication', { operation: 'getMany' });
		expect(list.items.find((a) => a.id === app.id)?.clientId).toBe(fresh.clientId);
	});

	test('a deleted application no longer gets a token', async () => {
		const app = w.sb.state.applications[w.sb.managingEntityId][1];
		const { clientId, clientSecret } = w.sb.state.oauthClients[app.clientId];
		useClient(clientId, clientSecret);
		expect((await readEntity()).error).toBeUndefined();
		w.h.setCredential(sandboxCredential(w.sb));
		expect((await run('winkApplication', { operation: 'delete', applicationId: byId(app.id) })).error).toBeUndefined();
		useClient(clientId, clientSecret);
		expect((await readEntity()).error?.message).toBe('Wink refused the credential: no access token could be obtained');
	});

	test('register → unprovisioned → URL name taken → activate → no longer unprovisioned', async () => {
		const registered = await run('winkManagingEntity', {
			operation: 'registerFromWinkLinks',
			name: 'Quinta Azul',
			type: 'HOTEL',
			ownerType: 'COMPANY',
			description: 'Wine estate with 12 rooms',
			cityGeoNameId: '2735943',
			additionalFields: { urlName: 'quinta-azul-douro' },
		});
		expect(registered.error).toBeUndefined();
		const id = registered.items[0].id as string;
		const unprovisioned = () => run('winkManagingEntity', { operation: 'searchUnprovisioned', returnAll: true });

		expect((await unprovisioned()).items.map((e) => e.id)).toEqual([id]);
		const taken = await run('winkManagingEntity', { operation: 'checkUrlName', name: 'quinta-azul-douro' });
		expect(taken.items).toEqual([{ unique: false }]);

		const activated = await run('winkManagingEntity', { operation: 'updateStatus', managingEntity: byId(id), status: 'ACTIVE' });
		expect(activated.items[0]).toMatchObject({ id, status: 'ACTIVE' });
		expect((await unprovisioned()).items).toEqual([]);
		const listed = await run('winkManagingEntity', { operation: 'getMany', type: 'HOTEL' });
		expect(listed.items.map((e) => e.id)).toEqual([w.sb.managingEntityId, id]);
	});

	test('unread count → delete an unread notification → the count drops and it is gone', async () => {
		const count = async () => (await run('winkNotification', { operation: 'getUnreadCount' })).items[0].count;
		expect(await count()).toBe(3);
		const { items } = await run('winkNotification', { operation: 'getMany' });
		const unread = items.find((m) => m.read === false)!;
		await run('winkNotification', { operation: 'delete', messageIdentifier: byId(unread.id as string) });
		expect(await count()).toBe(2);
		const gone = await run('winkNotification', { operation: 'get', messageIdentifier: byId(unread.id as string) });
		expect(gone.error?.message).toBe(`Not found: Notification '${unread.id}' not found`);
	});

	test("Online Presence JSON is checked against the spec's schema before anything is sent", async () => {
		const { error } = await run('winkManagingEntity', {
			operation: 'updateOnlinePresence',
			onlinePresence: '[{ "type": "MYSPACE", "identifier": "@grandazure" }]',
		});
		expect(error?.message).toMatch(/^Online Presence \(JSON\): onlinePresence\[0\]\.type must be one of/);
		expect(apiRequests(w.sb)).toHaveLength(0);
	});

	test('Search with Return All walks every page of 180; a Limit asks for no more than it needs', async () => {
		const main = w.sb.state.managingEntities[w.sb.managingEntityId];
		const access = w.sb.state.access['*'] as string[];
		for (let i = 0; i < 400; i++) {
			const id = `me-bulk-${String(i).padStart(3, '0')}`;
			w.sb.state.managingEntities[id] = { ...main, id, name: `Bulk ${i}`, type: 'OTHER' };
			access.push(id);
		}
		const all = await run('winkManagingEntity', { operation: 'search', returnAll: true });
		expect(all.items).toHaveLength(402);
		expect(new Set(all.items.map((e) => e.id)).size).toBe(402);
		expect(apiRequests(w.sb).map((r) => [r.body.skip, r.body.take])).toEqual([
			[0, 180],
			[180, 180],
			[360, 180],
		]);

		w.sb.resetStats();
		const some = await run('winkManagingEntity', {
			operation: 'search',
			returnAll: false,
			limit: 200,
			filter: { filters: { condition: [{ field: 'type', operator: 'eq', value: 'OTHER' }] } },
		});
		expect(some.items.map((e) => e.name)).toEqual(Array.from({ length: 200 }, (_, i) => `Bulk ${i}`));
		expect(apiRequests(w.sb).map((r) => [r.body.skip, r.body.take])).toEqual([
			[0, 100],
			[100, 100],
		]);
	});

	test('Application and Notification pickers list the chosen entity’s rows, filtered by name', async () => {
		const apps = await w.h.listSearch(
			'searchApplications',
			{ operation: 'get', managingEntity: w.me },
			'revenue',
			'n8n-nodes-wink.winkApplication',
		);
		const revenue = (w.sb.state.applications[w.sb.managingEntityId] as IDataObject[])[1];
		expect(apps.results).toEqual([{ name: 'Grand Azure revenue sync', value: revenue.id }]);

		const messages = await w.h.listSearch(
			'searchNotifications',
			{ operation: 'get', managingEntity: w.me },
			undefined,
			'n8n-nodes-wink.winkNotification',
		);
		const seeded = w.sb.state.notifications[w.sb.managingEntityId] as IDataObject[];
		expect(messages.results.map((r) => r.value)).toEqual(seeded.map((m) => m.id));
		expect(messages.results[0].name).toBe(`● Payout failed (${String(seeded[0].createdDate).slice(0, 10)})`);
		expect(messages.results.filter((r) => r.name.startsWith('● '))).toHaveLength(3);

		const none = await w.h.listSearch(
			'searchApplications',
			{ operation: 'get', managingEntity: byId(w.sb.ids.secondaryManagingEntityId) },
			undefined,
			'n8n-nodes-wink.winkApplication',
		);
		expect(none.results).toEqual([]);
	});
});
