import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { applicationOperations } from '../nodes/WinkApplication/operations';
import { managingEntityOperations } from '../nodes/WinkManagingEntity/operations';
import { notificationOperations } from '../nodes/WinkNotification/operations';
import type { WinkOperation } from '../nodes/shared/table/types';
import type { Sandbox } from '../sandbox';
import { apiRequests, byId, sandboxCredential, useWink } from './harness/fixture';
import specJson from './fixtures/spec-operations.json';

// Every operation of Wink Application, Wink Notification and Wink Managing Entity through n8n's
// engine against the sandbox, from one table: the request Wink receives (method, path, query,
// body; useWink checks every body against the spec's schema), the scope, the items, and a 4xx
// as a clear error.

const NODES: Record<string, WinkOperation[]> = {
	winkApplication: applicationOperations,
	winkNotification: notificationOperations,
	winkManagingEntity: managingEntityOperations,
};

interface Ctx {
	sb: Sandbox;
	meId: string;
	/** The seeded main entity's path, /api/managing-entity/{id}. */
	mePath: string;
	app: IDataObject;
	message: IDataObject;
}

interface Case {
	node: keyof typeof NODES;
	operation: string;
	parameters?: (c: Ctx) => INodeParameters;
	request: (c: Ctx) => { method: string; path: string; query?: IDataObject; body?: unknown };
	items: (items: IDataObject[], c: Ctx) => void;
	/** Parameters Wink refuses with a 4xx ProblemDetail, and the error the user sees. */
	refused?: { parameters: (c: Ctx) => INodeParameters; message: string | RegExp };
}

const anyOf = {
	logic: 'or',
	filters: [
		{ field: 'type', operator: 'eq', value: 'hotel', ignoreCase: true },
		{ field: 'name', operator: 'startswith', value: 'Atlas' },
	],
};
/** The required fields of a full registration, as typed and as sent. */
const casaDoRio = {
	name: 'Casa do Rio',
	type: 'HOTEL',
	ownerType: 'COMPANY',
	description: 'Riverside guest house in Porto',
	accountEmail: 'hello@casadorio.example',
	accountPhoneNumber: '+351 22 000 0000',
	currencyCode: 'EUR',
	cityGeoNameId: '2735943',
	urlName: 'casa-do-rio-porto',
	placeId: 'place-casa-do-rio',
};
const ids = (rows: IDataObject[]) => rows.map((r) => r.id);
const ACCOUNT_SCOPES = ['account.read', 'account.write', 'account.remove'];

const cases: Case[] = [
	// Wink Application
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
			const stored = (c.sb.state.applications[c.meId] as IDataObject[]).find((a) => a.id === app.id)!;
			expect(stored).toMatchObject({ name: 'n8n revenue sync', clientId: app.clientId, scopes: ['account.read', 'accounting.read'] });
			// The secret is in the output once; compared without printing it.
			expect(app.secretKey === c.sb.state.oauthClients[app.clientId as string].clientSecret).toBe(true);
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
			body: { name: 'Booking engine v2', ownerIdentifier: c.meId, ownerName: 'Grand Azure Hotel Lisbon', scopes: ['booking.read'] },
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
			parameters: (c) => ({ applicationId: byId('app-missing'), name: 'x', ownerIdentifier: byId(c.meId), ownerName: 'G' }),
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
	// Wink Notification
	{
		node: 'winkNotification',
		operation: 'getMany',
		request: (c) => ({ method: 'GET', path: `${c.mePath}/message/list` }),
		items: (items, c) => {
			expect(ids(items)).toEqual(ids(c.sb.state.notifications[c.meId]));
			expect(items).toHaveLength(6);
			const dates = items.map((i) => i.createdDate as string);
			expect(dates).toEqual([...dates].sort().reverse());
		},
	},
	{
		node: 'winkNotification',
		operation: 'get',
		parameters: (c) => ({ messageIdentifier: byId(c.message.id as string) }),
		request: (c) => ({ method: 'GET', path: `${c.mePath}/message/${c.message.id}` }),
		items: ([message], c) => expect(message).toEqual(c.message),
		refused: {
			parameters: () => ({ messageIdentifier: byId('msg-missing') }),
			message: "Not found: Notification 'msg-missing' not found",
		},
	},
	{
		node: 'winkNotification',
		operation: 'delete',
		parameters: (c) => ({ messageIdentifier: byId(c.message.id as string) }),
		request: (c) => ({ method: 'DELETE', path: `${c.mePath}/message/${c.message.id}` }),
		items: ([message], c) => {
			expect(message.id).toBe(c.message.id);
			expect(ids(c.sb.state.notifications[c.meId])).not.toContain(c.message.id);
		},
		refused: {
			parameters: () => ({ messageIdentifier: byId('msg-missing') }),
			message: "Not found: Notification 'msg-missing' not found",
		},
	},
	{
		node: 'winkNotification',
		operation: 'getUnreadCount',
		request: (c) => ({ method: 'GET', path: `${c.mePath}/message/count` }),
		items: (items) => expect(items).toEqual([{ success: true, count: 3 }]),
	},
	// Wink Managing Entity
	{
		node: 'winkManagingEntity',
		operation: 'get',
		request: (c) => ({ method: 'GET', path: c.mePath }),
		items: ([entity], c) => expect(entity).toEqual(c.sb.state.managingEntities[c.meId]),
		refused: {
			parameters: () => ({ managingEntity: byId('me-missing') }),
			message: "Not found: Managing entity 'me-missing' not found",
		},
	},
	{
		node: 'winkManagingEntity',
		operation: 'getMany',
		parameters: () => ({ type: 'TRAVEL_AGENT' }),
		request: () => ({ method: 'GET', path: '/api/managing-entity/list', query: { type: 'TRAVEL_AGENT' } }),
		items: (items, c) => expect(ids(items)).toEqual([c.sb.ids.secondaryManagingEntityId]),
	},
	{
		node: 'winkManagingEntity',
		operation: 'getManyAllRoles',
		request: () => ({ method: 'GET', path: '/api/managing-entity/list/all' }),
		items: (items, c) => expect(ids(items)).toEqual([c.meId, c.sb.ids.secondaryManagingEntityId]),
	},
	{
		node: 'winkManagingEntity',
		operation: 'search',
		parameters: () => ({
			returnAll: true,
			sort: { rule: [{ field: 'name', dir: 'asc' }] },
			filter: { logic: 'or', filters: { condition: anyOf.filters } },
		}),
		request: () => ({
			method: 'POST',
			path: '/api/managing-entity/grid',
			body: {
				sort: [{ field: 'name', dir: 'asc' }],
				filter: anyOf,
				skip: 0,
				take: 180,
			},
		}),
		// Sorted by name: Atlas Journeys before Grand Azure (the seed order is the other way round).
		items: (items, c) => expect(ids(items)).toEqual([c.sb.ids.secondaryManagingEntityId, c.meId]),
	},
	{
		node: 'winkManagingEntity',
		operation: 'searchUnprovisioned',
		parameters: () => ({ returnAll: false, limit: 5 }),
		request: () => ({ method: 'POST', path: '/api/managing-entity/unprovisioned', body: { skip: 0, take: 5 } }),
		// Seeded entities are all ACTIVE; the agency is made PENDING_APPROVAL in beforeEach.
		items: (items, c) => expect(ids(items)).toEqual([c.sb.ids.secondaryManagingEntityId]),
	},
	{
		node: 'winkManagingEntity',
		operation: 'register',
		parameters: () => ({
			...casaDoRio,
			additionalFields: { marketingOptinAllowed: false, legalName: '' },
			address: { address1: 'Rua do Rio 1', city: 'Porto', countryCode: 'PT' },
			travelAgent: { selfAcquires: true, selfDisburses: false },
		}),
		request: () => ({
			method: 'POST',
			path: '/api/managing-entity',
			body: {
				...casaDoRio,
				marketingOptinAllowed: false,
				address: { address1: 'Rua do Rio 1', city: 'Porto', countryCode: 'PT' },
				travelAgent: { selfAcquires: true, selfDisburses: false },
			},
		}),
		items: ([entity], c) => {
			expect(entity).toMatchObject({ name: 'Casa do Rio', status: 'PENDING_APPROVAL', urlName: 'casa-do-rio-porto' });
			expect(c.sb.state.managingEntities[entity.id as string]).toEqual(entity);
		},
		refused: {
			parameters: () => ({ ...casaDoRio, urlName: 'grand-azure-hotel-lisbon-portugal' }),
			message: "Wink rejected the request (400): urlName 'grand-azure-hotel-lisbon-portugal' is already taken",
		},
	},
	{
		node: 'winkManagingEntity',
		operation: 'registerFromWinkLinks',
		parameters: () => ({
			name: 'Ana Travels',
			type: 'INFLUENCER',
			ownerType: 'INDIVIDUAL',
			description: 'Slow travel in Portugal',
			cityGeoNameId: '2267057',
		}),
		request: () => ({
			method: 'POST',
			path: '/api/managing-entity/winklinks',
			body: { name: 'Ana Travels', type: 'INFLUENCER', ownerType: 'INDIVIDUAL', description: 'Slow travel in Portugal', cityGeoNameId: '2267057' },
		}),
		items: ([entity]) => expect(entity).toMatchObject({ name: 'Ana Travels', type: 'INFLUENCER', status: 'PENDING_APPROVAL' }),
	},
	{
		node: 'winkManagingEntity',
		operation: 'updateProfile',
		parameters: () => ({ name: 'Grand Azure Lisbon', description: 'Rooftop pool hotel', additionalFields: { legalName: 'Grand Azure, Lda.' } }),
		request: (c) => ({
			method: 'PATCH',
			path: `${c.mePath}/profile`,
			body: { name: 'Grand Azure Lisbon', description: 'Rooftop pool hotel', legalName: 'Grand Azure, Lda.' },
		}),
		items: ([entity]) => expect(entity).toMatchObject({ name: 'Grand Azure Lisbon', legalName: 'Grand Azure, Lda.' }),
		refused: {
			parameters: () => ({ name: 'x', description: ' ' }),
			message: 'Wink rejected the request (400): Validation failed: description must not be blank',
		},
	},
	{
		node: 'winkManagingEntity',
		operation: 'updateStatus',
		parameters: () => ({ status: 'SUSPENDED', additionalFields: { reason: 'KYC documents expired' } }),
		request: (c) => ({ method: 'PATCH', path: `${c.mePath}/status`, body: { status: 'SUSPENDED', reason: 'KYC documents expired' } }),
		items: ([entity]) => expect(entity.status).toBe('SUSPENDED'),
	},
	{
		node: 'winkManagingEntity',
		operation: 'updateOnlinePresence',
		parameters: () => ({ onlinePresence: '[{ "type": "INSTAGRAM", "identifier": "@grandazure", "audiences": ["LUXURY"] }]' }),
		request: (c) => ({
			method: 'PATCH',
			path: `${c.mePath}/online-presence`,
			body: { onlinePresence: [{ type: 'INSTAGRAM', identifier: '@grandazure', audiences: ['LUXURY'] }] },
		}),
		items: ([entity]) =>
			expect(entity.onlinePresence).toEqual([{ type: 'INSTAGRAM', identifier: '@grandazure', audiences: ['LUXURY'] }]),
		refused: {
			parameters: () => ({ onlinePresence: '[{ "type": "INSTAGRAM", "identifier": " " }]' }),
			message: 'Wink rejected the request (400): Validation failed: onlinePresence[0].identifier must not be blank',
		},
	},
	{
		node: 'winkManagingEntity',
		operation: 'checkNameInCity',
		parameters: () => ({ name: 'Grand Azure Hotel Lisbon', geoNameId: '2267057' }),
		request: () => ({
			method: 'GET',
			path: '/api/managing-entity/name',
			query: { name: 'Grand Azure Hotel Lisbon', geoNameId: '2267057' },
		}),
		items: (items) => expect(items).toEqual([{ unique: false }]),
	},
	{
		node: 'winkManagingEntity',
		operation: 'checkName',
		parameters: (c) => ({ name: 'Grand Azure Hotel Lisbon', additionalFields: { identifier: c.meId } }),
		request: (c) => ({
			method: 'POST',
			path: '/api/managing-entity-name-check',
			body: { name: 'Grand Azure Hotel Lisbon', identifier: c.meId },
		}),
		// Its own name is allowed to the entity being checked.
		items: (items) => expect(items).toEqual([{ unique: true }]),
	},
	{
		node: 'winkManagingEntity',
		operation: 'checkUrlName',
		parameters: () => ({ name: 'atlas-journeys-travel-new-york' }),
		request: () => ({ method: 'POST', path: '/api/managing-entity-url-name-check', body: { name: 'atlas-journeys-travel-new-york' } }),
		items: (items) => expect(items).toEqual([{ unique: false }]),
	},
	{
		node: 'winkManagingEntity',
		operation: 'checkUniqueId',
		parameters: () => ({ name: 'zz-free-id' }),
		request: () => ({ method: 'POST', path: '/api/managing-entity-unique-id-check', body: { name: 'zz-free-id' } }),
		items: (items) => expect(items).toEqual([{ unique: true }]),
	},
];

const tableRow = (c: Case) => NODES[c.node].find((o) => o.value === c.operation)!;
const label = (c: Case) => `${c.node} ${c.operation}`;

const spec = new Map(
	(specJson as { operations: Array<{ operationId: string; params: Array<{ name: string; in: string }> }> }).operations.map(
		(o) => [o.operationId, o],
	),
);

/** Only query parameters the spec knows (the fixture checks every body against the spec's schema). */
function expectSpecQuery(operationId: string, query: IDataObject) {
	const queryNames = spec.get(operationId)!.params.filter((p) => p.in === 'query').map((p) => p.name);
	for (const name of Object.keys(query)) expect([operationId, name, queryNames.includes(name)]).toEqual([operationId, name, true]);
}

describe('Wink Application, Notification and Managing Entity nodes', () => {
	const w = useWink();
	const ctx = (): Ctx => ({
		sb: w.sb,
		meId: w.sb.managingEntityId,
		mePath: `/api/managing-entity/${w.sb.managingEntityId}`,
		// Copies: the sandbox changes its own objects in place.
		app: structuredClone(w.sb.state.applications[w.sb.managingEntityId][0]),
		message: structuredClone(w.sb.state.notifications[w.sb.managingEntityId][1]),
	});
	const run = (c: Case, parameters: INodeParameters) =>
		w.h.run({
			nodeType: `n8n-nodes-wink.${c.node}`,
			parameters: { operation: c.operation, managingEntity: w.me, ...parameters },
		});
	beforeEach(() => {
		w.sb.state.managingEntities[w.sb.ids.secondaryManagingEntityId].status = 'PENDING_APPROVAL';
	});

	test('the table covers all 24 operations of the three nodes, once each', () => {
		const all = Object.entries(NODES).flatMap(([node, ops]) => ops.map((o) => `${node} ${o.value}`));
		expect(cases.map(label).sort()).toEqual(all.sort());
		expect(all).toHaveLength(24);
	});

	test.each(cases.map((c) => [label(c), c] as const))('%s: the request Wink receives and the items', async (_, c) => {
		const x = ctx();
		const { items, error } = await run(c, c.parameters?.(x) ?? {});
		expect(error).toBeUndefined();
		const requests = apiRequests(w.sb);
		expect(requests).toHaveLength(1);
		const [seen] = requests;
		const want = c.request(x);
		expect({ method: seen.method, path: seen.path, query: seen.query, body: seen.body }).toEqual({
			query: {},
			body: undefined,
			...want,
		});
		expect(seen.status).toBeLessThan(300);
		expect(seen.operationId).toBe(tableRow(c).operationId);
		expectSpecQuery(tableRow(c).operationId, seen.query);
		expect(items.every((i: INodeExecutionData) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		c.items(
			items.map((i: INodeExecutionData) => i.json),
			x,
		);
	});

	test.each(cases.map((c) => [label(c), c] as const))(
		'%s: without its scope the sandbox refuses, and the error names the scope',
		async (_, c) => {
			const op = tableRow(c);
			const asked = ACCOUNT_SCOPES.filter((s) => s !== op.scope);
			w.h.setCredential(sandboxCredential(w.sb, { scopes: asked }));
			const { error } = await run(c, c.parameters?.(ctx()) ?? {});
			expect(error?.message).toBe(
				`Missing scope: this operation probably needs '${op.scope}' (the credential asks for ${asked.join(', ')})`,
			);
			expect(apiRequests(w.sb).map((r) => r.status)).toEqual([403]);
		},
	);

	const refusals = cases.filter((c) => c.refused);
	test.each(refusals.map((c) => [label(c), c] as const))("%s: Wink's 4xx reaches the user in Wink's words", async (_, c) => {
		const { error } = await run(c, c.refused!.parameters(ctx()));
		expect(error?.message).toEqual(
			typeof c.refused!.message === 'string' ? c.refused!.message : expect.stringMatching(c.refused!.message),
		);
		expect(apiRequests(w.sb).map((r) => Math.floor(r.status / 100))).toEqual([4]);
	});

	test('optional fields left unset are not sent: no type filter, no Additional Fields', async () => {
		const [list, register] = [cases.find((c) => label(c) === 'winkManagingEntity getMany')!, cases.find((c) => label(c) === 'winkManagingEntity register')!];
		const { items } = await run(list, {});
		expect(apiRequests(w.sb)[0].query).toEqual({});
		expect(items).toHaveLength(2);
		const { additionalFields, address, travelAgent, ...required } = register.parameters!(ctx()) as IDataObject;
		expect([additionalFields, address, travelAgent].every(Boolean)).toBe(true);
		await run(register, required as INodeParameters);
		expect(Object.keys(apiRequests(w.sb)[1].body).sort()).toEqual(Object.keys(required).sort());
	});
});
