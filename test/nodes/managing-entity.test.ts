import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { managingEntityOperations } from '../../nodes/WinkManagingEntity/operations';
import { apiRequests, byId, useWink } from '../harness/fixture';
import {
	agencyPendingApproval,
	anyOf,
	casaDoRio,
	type Case,
	describeNodeCases,
	flowRunner,
	ids,
} from '../harness/nodeCases';

const cases: Case[] = [
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
		request: () => ({
			method: 'GET',
			path: '/api/managing-entity/list',
			query: { type: 'TRAVEL_AGENT' },
		}),
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
		request: () => ({
			method: 'POST',
			path: '/api/managing-entity/unprovisioned',
			body: { skip: 0, take: 5 },
		}),
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
			expect(entity).toMatchObject({
				name: 'Casa do Rio',
				status: 'PENDING_APPROVAL',
				urlName: 'casa-do-rio-porto',
			});
			expect(c.sb.state.managingEntities[entity.id as string]).toEqual(entity);
		},
		refused: {
			parameters: () => ({ ...casaDoRio, urlName: 'grand-azure-hotel-lisbon-portugal' }),
			message:
				"Wink rejected the request (400): urlName 'grand-azure-hotel-lisbon-portugal' is already taken",
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
			body: {
				name: 'Ana Travels',
				type: 'INFLUENCER',
				ownerType: 'INDIVIDUAL',
				description: 'Slow travel in Portugal',
				cityGeoNameId: '2267057',
			},
		}),
		items: ([entity]) =>
			expect(entity).toMatchObject({
				name: 'Ana Travels',
				type: 'INFLUENCER',
				status: 'PENDING_APPROVAL',
			}),
	},
	{
		node: 'winkManagingEntity',
		operation: 'updateProfile',
		parameters: () => ({
			name: 'Grand Azure Lisbon',
			description: 'Rooftop pool hotel',
			additionalFields: { legalName: 'Grand Azure, Lda.' },
		}),
		request: (c) => ({
			method: 'PATCH',
			path: `${c.mePath}/profile`,
			body: {
				name: 'Grand Azure Lisbon',
				description: 'Rooftop pool hotel',
				legalName: 'Grand Azure, Lda.',
			},
		}),
		items: ([entity]) =>
			expect(entity).toMatchObject({ name: 'Grand Azure Lisbon', legalName: 'Grand Azure, Lda.' }),
		refused: {
			parameters: () => ({ name: 'x', description: ' ' }),
			message: 'Wink rejected the request (400): Validation failed: description must not be blank',
		},
	},
	{
		node: 'winkManagingEntity',
		operation: 'updateStatus',
		parameters: () => ({
			status: 'SUSPENDED',
			additionalFields: { reason: 'KYC documents expired' },
		}),
		request: (c) => ({
			method: 'PATCH',
			path: `${c.mePath}/status`,
			body: { status: 'SUSPENDED', reason: 'KYC documents expired' },
		}),
		items: ([entity]) => expect(entity.status).toBe('SUSPENDED'),
	},
	{
		node: 'winkManagingEntity',
		operation: 'updateOnlinePresence',
		parameters: () => ({
			onlinePresence:
				'[{ "type": "INSTAGRAM", "identifier": "@grandazure", "audiences": ["LUXURY"] }]',
		}),
		request: (c) => ({
			method: 'PATCH',
			path: `${c.mePath}/online-presence`,
			body: {
				onlinePresence: [{ type: 'INSTAGRAM', identifier: '@grandazure', audiences: ['LUXURY'] }],
			},
		}),
		items: ([entity]) =>
			expect(entity.onlinePresence).toEqual([
				{ type: 'INSTAGRAM', identifier: '@grandazure', audiences: ['LUXURY'] },
			]),
		refused: {
			parameters: () => ({ onlinePresence: '[{ "type": "INSTAGRAM", "identifier": " " }]' }),
			message:
				'Wink rejected the request (400): Validation failed: onlinePresence[0].identifier must not be blank',
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
		parameters: (c) => ({
			name: 'Grand Azure Hotel Lisbon',
			additionalFields: { identifier: c.meId },
		}),
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
		request: () => ({
			method: 'POST',
			path: '/api/managing-entity-url-name-check',
			body: { name: 'atlas-journeys-travel-new-york' },
		}),
		items: (items) => expect(items).toEqual([{ unique: false }]),
	},
	{
		node: 'winkManagingEntity',
		operation: 'checkUniqueId',
		parameters: () => ({ name: 'zz-free-id' }),
		request: () => ({
			method: 'POST',
			path: '/api/managing-entity-unique-id-check',
			body: { name: 'zz-free-id' },
		}),
		items: (items) => expect(items).toEqual([{ unique: true }]),
	},
];

describeNodeCases('Wink Managing Entity: every operation', managingEntityOperations, cases, {
	beforeEach: agencyPendingApproval,
	more: ({ w, run, ctx }) => {
		test('optional fields left unset are not sent: no type filter, no Additional Fields', async () => {
			const [list, register] = [
				cases.find((c) => c.operation === 'getMany')!,
				cases.find((c) => c.operation === 'register')!,
			];
			const { items } = await run(list, {});
			expect(apiRequests(w.sb)[0].query).toEqual({});
			expect(items).toHaveLength(2);
			const { additionalFields, address, travelAgent, ...required } = register.parameters!(
				ctx(),
			) as IDataObject;
			expect([additionalFields, address, travelAgent].every(Boolean)).toBe(true);
			await run(register, required as INodeParameters);
			expect(Object.keys(apiRequests(w.sb)[1].body).sort()).toEqual(Object.keys(required).sort());
		});
	},
});

// Flows a user builds with Wink Managing Entity, through n8n's engine against the sandbox.
describe('Wink Managing Entity flows', () => {
	const w = useWink();
	const run = flowRunner(w);

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
		const unprovisioned = () =>
			run('winkManagingEntity', { operation: 'searchUnprovisioned', returnAll: true });

		expect((await unprovisioned()).items.map((e) => e.id)).toEqual([id]);
		const taken = await run('winkManagingEntity', {
			operation: 'checkUrlName',
			name: 'quinta-azul-douro',
		});
		expect(taken.items).toEqual([{ unique: false }]);

		const activated = await run('winkManagingEntity', {
			operation: 'updateStatus',
			managingEntity: byId(id),
			status: 'ACTIVE',
		});
		expect(activated.items[0]).toMatchObject({ id, status: 'ACTIVE' });
		expect((await unprovisioned()).items).toEqual([]);
		const listed = await run('winkManagingEntity', { operation: 'getMany', type: 'HOTEL' });
		expect(listed.items.map((e) => e.id)).toEqual([w.sb.managingEntityId, id]);
	});

	test("Online Presence JSON is checked against the spec's schema before anything is sent", async () => {
		const { error } = await run('winkManagingEntity', {
			operation: 'updateOnlinePresence',
			onlinePresence: '[{ "type": "MYSPACE", "identifier": "@grandazure" }]',
		});
		expect(error?.message).toMatch(
			/^Online Presence \(JSON\): onlinePresence\[0\]\.type must be one of/,
		);
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
		expect(some.items.map((e) => e.name)).toEqual(
			Array.from({ length: 200 }, (_, i) => `Bulk ${i}`),
		);
		expect(apiRequests(w.sb).map((r) => [r.body.skip, r.body.take])).toEqual([
			[0, 100],
			[100, 100],
		]);
	});
});
