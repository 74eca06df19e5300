import type { IDataObject } from 'n8n-workflow';
import { applicationOperations } from '../../nodes/WinkApplication/operations';
import { apiRequests, byId, sandboxCredential, useWink } from '../harness/fixture';
import {
	agencyPendingApproval,
	type Case,
	describeNodeCases,
	flowRunner,
	ids,
} from '../harness/nodeCases';

const cases: Case[] = [
	{
		node: 'winkApplication',
		operation: 'create',
		parameters: (c) => ({
			name: 'n8n revenue sync',
			ownerIdentifier: byId(c.meId),
			ownerName: 'Grand Azure Hotel Lisbon',
			additionalFields: {
				clientType: 'MACHINE_2_MACHINE',
				scopes: ['account.read', 'accounting.read'],
				redirectUris: ['https://grandazure.example/cb'],
			},
		}),
		request: (c) => ({
			method: 'POST',
			path: `${c.mePath}/application`,
			body: {
				name: 'n8n revenue sync',
				ownerIdentifier: c.meId,
				ownerName: 'Grand Azure Hotel Lisbon',
				clientType: 'MACHINE_2_MACHINE',
				scopes: ['account.read', 'accounting.read'],
				redirectUris: ['https://grandazure.example/cb'],
			},
		}),
		items: ([app], c) => {
			const stored = (c.sb.state.applications[c.meId] as IDataObject[]).find(
				(a) => a.id === app.id,
			)!;
			expect(stored).toMatchObject({
				name: 'n8n revenue sync',
				clientId: app.clientId,
				scopes: ['account.read', 'accounting.read'],
			});
			// The secret is in the output once; compared without printing it.
			expect(app.secretKey === c.sb.state.oauthClients[app.clientId as string].clientSecret).toBe(
				true,
			);
		},
		refused: {
			parameters: (c) => ({ name: ' ', ownerIdentifier: byId(c.meId), ownerName: 'G' }),
			message: 'Wink rejected the request (400): Validation failed: name must not be blank',
		},
	},
	{
		node: 'winkApplication',
		operation: 'getMany',
		request: (c) => ({ method: 'GET', path: `${c.mePath}/application/list` }),
		items: (items, c) => {
			expect(ids(items)).toEqual(ids(c.sb.state.applications[c.meId]));
			expect(items).toHaveLength(2);
		},
	},
	{
		node: 'winkApplication',
		operation: 'get',
		parameters: (c) => ({ applicationId: byId(c.app.id as string) }),
		request: (c) => ({ method: 'GET', path: `${c.mePath}/application/${c.app.id}` }),
		items: ([app], c) => {
			expect(app).toEqual(c.app);
			expect('secretKey' in app).toBe(false);
		},
		refused: {
			parameters: () => ({ applicationId: byId('app-missing') }),
			message: "Not found: Application 'app-missing' not found",
		},
	},
	{
		node: 'winkApplication',
		operation: 'update',
		parameters: (c) => ({
			applicationId: byId(c.app.id as string),
			name: 'Booking engine v2',
			ownerIdentifier: byId(c.meId),
			ownerName: 'Grand Azure Hotel Lisbon',
			additionalFields: { scopes: ['booking.read'] },
		}),
		request: (c) => ({
			method: 'PATCH',
			path: `${c.mePath}/application/${c.app.id}`,
			body: {
				name: 'Booking engine v2',
				ownerIdentifier: c.meId,
				ownerName: 'Grand Azure Hotel Lisbon',
				scopes: ['booking.read'],
			},
		}),
		items: ([app], c) => {
			expect(app).toEqual({
				id: c.app.id,
				name: 'Booking engine v2',
				ownerIdentifier: c.meId,
				ownerName: 'Grand Azure Hotel Lisbon',
				redirectUris: c.app.redirectUris,
			});
			expect(c.sb.state.oauthClients[c.app.clientId as string].scopes).toEqual(['booking.read']);
		},
		refused: {
			parameters: (c) => ({
				applicationId: byId('app-missing'),
				name: 'x',
				ownerIdentifier: byId(c.meId),
				ownerName: 'G',
			}),
			message: "Not found: Application 'app-missing' not found",
		},
	},
	{
		node: 'winkApplication',
		operation: 'delete',
		parameters: (c) => ({ applicationId: byId(c.app.id as string) }),
		request: (c) => ({ method: 'DELETE', path: `${c.mePath}/application/${c.app.id}` }),
		items: ([result], c) => {
			expect(result).toMatchObject({ id: c.app.id, success: true });
			expect(ids(c.sb.state.applications[c.meId])).not.toContain(c.app.id);
			expect(c.sb.state.oauthClients[c.app.clientId as string]).toBeUndefined();
		},
		refused: {
			parameters: () => ({ applicationId: byId('app-missing') }),
			message: "Not found: Application 'app-missing' not found",
		},
	},
	{
		node: 'winkApplication',
		operation: 'rotateCredentials',
		parameters: (c) => ({ applicationId: byId(c.app.id as string) }),
		request: (c) => ({ method: 'GET', path: `${c.mePath}/application/${c.app.id}/revoke` }),
		items: ([result], c) => {
			expect(Object.keys(result).sort()).toEqual(['clientId', 'id', 'secretKey']);
			expect(result.id).toBe(c.app.id);
			expect(result.clientId).not.toBe(c.app.clientId);
			expect(c.sb.state.oauthClients[c.app.clientId as string]).toBeUndefined();
		},
	},
];

describeNodeCases('Wink Application: every operation', applicationOperations, cases, {
	beforeEach: agencyPendingApproval,
});

// Flows a user builds with Wink Application, through n8n's engine against the sandbox.
describe('Wink Application flows', () => {
	const w = useWink();
	const run = flowRunner(w);
	/** A credential as a user would set it up from an application's client ID and secret. */
	const useClient = (clientId: unknown, clientSecret: unknown) =>
		w.h.setCredential(
			sandboxCredential(w.sb, {
				clientId: String(clientId),
				clientSecret: String(clientSecret),
				scopes: ['account.read'],
			}),
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
		const rotated = await run('winkApplication', {
			operation: 'rotateCredentials',
			applicationId: byId(app.id as string),
		});
		expect(rotated.error).toBeUndefined();
		const [fresh] = rotated.items;
		expect(fresh.clientId === app.clientId || fresh.secretKey === app.secretKey).toBe(false);

		w.sb.resetStats();
		useClient(app.clientId, app.secretKey);
		const old = await readEntity();
		expect(old.error?.message).toBe(
			'Wink refused the credential: no access token could be obtained',
		);
		expect(apiRequests(w.sb)).toHaveLength(0);
		expect(w.sb.stats.requests.map((r) => [r.operationId, r.status])).toEqual([['token', 401]]);
		// The new client ID with the old secret does not work either.
		useClient(fresh.clientId, app.secretKey);
		expect((await readEntity()).error?.message).toBe(
			'Wink refused the credential: no access token could be obtained',
		);

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
		expect(
			(await run('winkApplication', { operation: 'delete', applicationId: byId(app.id) })).error,
		).toBeUndefined();
		useClient(clientId, clientSecret);
		expect((await readEntity()).error?.message).toBe(
			'Wink refused the credential: no access token could be obtained',
		);
	});

	test('the Application picker lists the chosen entity’s applications, filtered by name', async () => {
		const apps = await w.h.listSearch(
			'searchApplications',
			{ operation: 'get', managingEntity: w.me },
			'revenue',
			'n8n-nodes-wink.winkApplication',
		);
		const revenue = (w.sb.state.applications[w.sb.managingEntityId] as IDataObject[])[1];
		expect(apps.results).toEqual([{ name: 'Grand Azure revenue sync', value: revenue.id }]);

		const none = await w.h.listSearch(
			'searchApplications',
			{ operation: 'get', managingEntity: byId(w.sb.ids.secondaryManagingEntityId) },
			undefined,
			'n8n-nodes-wink.winkApplication',
		);
		expect(none.results).toEqual([]);
	});
});
