import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import type { Sandbox } from '../sandbox';
import { apiRequests, byId, sandboxCredential, useWink } from './harness/fixture';

// Every operation of Wink Manager, Customization, Booking and Travel Agent through n8n's engine
// against the sandbox: the request Wink receives (method, path, query, body; the body is also
// checked against the spec's schema by useWink), the items, the scope (a token without it gets a
// 403 that names it) and a 4xx ProblemDetail as a clear error. One row per operation.
const ALL_SCOPES = ['account.read', 'account.write', 'account.remove', 'booking.read', 'booking.write', 'payment.read', 'payment.write', 'accounting.read'];

interface Case {
	node: 'winkManager' | 'winkCustomization' | 'winkBooking' | 'winkTravelAgent';
	operation: string;
	scope: string;
	/** Prepares state; returns the parameters (the managing entity defaults to the hotel). */
	parameters: (sb: Sandbox) => INodeParameters;
	request: (sb: Sandbox) => { method: string; path: string; query?: IDataObject; body?: unknown };
	items: (items: INodeExecutionData[], sb: Sandbox) => void;
	/** Parameters that make Wink answer 4xx, and the error message expected. */
	fails: (sb: Sandbox) => INodeParameters;
	error: RegExp;
}

const ME = (sb: Sandbox, id = sb.managingEntityId) => `/api/managing-entity/${id}`;
const json = (items: INodeExecutionData[]) => items.map((i) => i.json);
const managers = (items: INodeExecutionData[]) => items[0].json.managers as IDataObject[];
const hotel = (sb: Sandbox) => sb.state.managingEntities[sb.managingEntityId];
const agencyMe = (sb: Sandbox) => byId(sb.ids.secondaryManagingEntityId);
const ids = (sb: Sandbox) => sb.ids as Sandbox['ids'] & { customizationIds: string[]; roomRateIds: string[] };

/** A manager invited earlier, still pending. */
function withManager(sb: Sandbox) {
	const manager = { email: 'ana.costa@example.com', status: 'PENDING', userIdentifier: 'user-ana', firstName: 'Ana', lastName: 'Costa', owner: false, sectionGrants: [], name: 'Ana Costa', active: false };
	hotel(sb).managers.push(manager);
	return manager;
}

const room = (sb: Sandbox, options: IDataObject = { nights: 3 }) => ({
	hotelIdentifier: sb.managingEntityId,
	roomRateIdentifier: ids(sb).roomRateIds[0],
	startDate: '2026-12-10T00:00:00',
	adults: 2,
	guestFirstName: 'Noor',
	guestLastName: 'Haddad',
	guestEmail: 'noor@guest.example',
	roomOptions: options,
});
const booking = (sb: Sandbox, options?: IDataObject): INodeParameters => ({
	managingEntity: agencyMe(sb),
	rooms: { room: [room(sb, options)] } as INodeParameters,
	displayCurrency: 'EUR',
	displayLanguage: 'en',
	sourceUrl: 'https://atlas.example/book',
});

const cases: Case[] = [
	{
		node: 'winkManager', operation: 'invite', scope: 'account.write',
		parameters: () => ({ email: 'ana.costa@example.com', sectionGrants: { grant: [{ section: 'BOOKING', level: 'READ' }] } }),
		request: (sb) => ({ method: 'PATCH', path: `${ME(sb)}/manager/invite`, body: { email: 'ana.costa@example.com', sectionGrants: [{ section: 'BOOKING', level: 'READ' }] } }),
		items: (items) => expect(managers(items).find((m) => m.email === 'ana.costa@example.com')).toMatchObject({ status: 'PENDING', sectionGrants: [{ section: 'BOOKING', level: 'READ' }] }),
		fails: () => ({ email: 'nobody@example.com' }),
		error: /^Wink rejected the request \(400\): No Wink user has the email 'nobody@example.com'/,
	},
	{
		node: 'winkManager', operation: 'updateGrants', scope: 'account.write',
		parameters: (sb) => ({ managerUserIdentifier: byId(withManager(sb).userIdentifier), sectionGrants: { grant: [{ section: 'PAYMENT', level: 'FULL' }, { section: 'ACCOUNTING' }] } }),
		request: (sb) => ({ method: 'PATCH', path: `${ME(sb)}/manager/user-ana/grants`, body: { sectionGrants: [{ section: 'PAYMENT', level: 'FULL' }, { section: 'ACCOUNTING', level: 'READ' }] } }),
		items: (items) => expect(managers(items).find((m) => m.userIdentifier === 'user-ana')?.sectionGrants).toEqual([{ section: 'PAYMENT', level: 'FULL' }, { section: 'ACCOUNTING', level: 'READ' }]),
		fails: (sb) => ({ managerUserIdentifier: byId(hotel(sb).managers[0].userIdentifier), sectionGrants: { grant: [{ section: 'ALL', level: 'READ' }] } }),
		error: /^Wink rejected the request \(400\): The account owner's grants cannot be changed/,
	},
	{
		node: 'winkManager', operation: 'remove', scope: 'account.remove',
		parameters: (sb) => ({ email: withManager(sb).email }),
		request: (sb) => ({ method: 'DELETE', path: `${ME(sb)}/manager/ana.costa%40example.com` }),
		items: (items) => expect(managers(items).map((m) => m.email)).not.toContain('ana.costa@example.com'),
		fails: () => ({ email: 'nobody@example.com' }),
		error: /^Not found/,
	},
	{
		node: 'winkManager', operation: 'setAgency', scope: 'account.write',
		parameters: (sb) => ({ agencyId: sb.ids.secondaryManagingEntityId, commissionInPercent: 12.5, rules: { expires: '2027-03-31T00:00:00', numBookings: 20 } }),
		request: (sb) => ({ method: 'PATCH', path: `${ME(sb)}/manager/agency`, body: { managingEntityIdentifier: sb.ids.secondaryManagingEntityId, commissionInPercent: 12.5, rules: { expires: '2027-03-31', numBookings: 20 } } }),
		items: (items, sb) => expect(items[0].json.managedBy).toMatchObject({ identifier: sb.ids.secondaryManagingEntityId, commissionInPercent: 12.5, rules: { expires: '2027-03-31', numBookings: 20 } }),
		fails: (sb) => ({ agencyId: sb.managingEntityId, commissionInPercent: 5 }),
		error: /^Wink rejected the request \(400\): A managing entity cannot be its own managing agency/,
	},
	{
		node: 'winkManager', operation: 'removeAgency', scope: 'account.remove',
		parameters: (sb) => {
			hotel(sb).managedBy = { identifier: sb.ids.secondaryManagingEntityId, name: 'Atlas', commissionInPercent: 10 };
			return {};
		},
		request: (sb) => ({ method: 'DELETE', path: `${ME(sb)}/manager/agency` }),
		items: (items) => expect(items[0].json.managedBy).toBeNull(),
		fails: () => ({}),
		error: /^Not found: .*has no managing agency/,
	},
	{
		node: 'winkCustomization', operation: 'create', scope: 'account.write',
		parameters: () => ({
			name: 'Winter',
			additionalFields: { startDate: '2026-12-01T00:00:00', endDate: '2026-12-04T00:00:00', useDays: false, roomConfigurations: { room: [{ adults: 2, quantity: 1, children: { child: [{ age: 7, quantity: 1 }] } }] } },
			themeColors: { primary: '#0a3d62' },
		}),
		request: (sb) => ({
			method: 'POST', path: `${ME(sb)}/studio/customization`,
			body: { name: 'Winter', startDate: '2026-12-01', endDate: '2026-12-04', useDays: false, roomConfigurations: [{ adults: 2, children: [{ age: 7, quantity: 1 }] }], themeColors: { primary: '#0a3d62' } },
		}),
		items: (items) => expect(items[0].json).toMatchObject({ name: 'Winter', primary: false, startDate: '2026-12-01', themeColors: { primary: '#0a3d62' } }),
		fails: () => ({ name: 'Winter', additionalFields: { startDate: '2026-12-04T00:00:00', endDate: '2026-12-01T00:00:00' } }),
		error: /^Wink rejected the request \(400\): endDate must not be before startDate/,
	},
	{
		node: 'winkCustomization', operation: 'getMany', scope: 'account.read',
		parameters: () => ({}),
		request: (sb) => ({ method: 'GET', path: `${ME(sb)}/studio/customization/list` }),
		items: (items, sb) => expect(json(items).map((c) => c.id)).toEqual(ids(sb).customizationIds),
		fails: () => ({ managingEntity: byId('me-unknown') }),
		error: /^Not found: Managing entity 'me-unknown' not found/,
	},
	{
		node: 'winkCustomization', operation: 'getPrimary', scope: 'account.read',
		parameters: () => ({}),
		request: (sb) => ({ method: 'GET', path: `${ME(sb)}/studio/customization` }),
		items: (items, sb) => expect(items.map((i) => [i.json.id, i.json.primary])).toEqual([[ids(sb).customizationIds[0], true]]),
		fails: (sb) => ({ managingEntity: agencyMe(sb) }),
		error: /^Not found: .*has no primary customization/,
	},
	{
		node: 'winkCustomization', operation: 'get', scope: 'account.read',
		parameters: (sb) => ({ customizationIdentifier: byId(ids(sb).customizationIds[1]) }),
		request: (sb) => ({ method: 'GET', path: `${ME(sb)}/studio/customization/${ids(sb).customizationIds[1]}` }),
		items: (items) => expect(items.map((i) => i.json.name)).toEqual(['Summer campaign']),
		fails: () => ({ customizationIdentifier: byId('cz-missing') }),
		error: /^Not found: Customization 'cz-missing' not found/,
	},
	{
		node: 'winkCustomization', operation: 'update', scope: 'account.write',
		parameters: (sb) => ({ customizationIdentifier: byId(ids(sb).customizationIds[1]), name: 'Summer 2027', additionalFields: { layout: 'TRANSACTIONAL' } }),
		request: (sb) => ({ method: 'PUT', path: `${ME(sb)}/studio/customization/${ids(sb).customizationIds[1]}`, body: { name: 'Summer 2027', layout: 'TRANSACTIONAL' } }),
		// PUT replaces: the seeded promotional codes are gone.
		items: (items) => {
			expect(items[0].json).toMatchObject({ name: 'Summer 2027', layout: 'TRANSACTIONAL' });
			expect(items[0].json.promotionalCodes).toBeUndefined();
		},
		fails: () => ({ customizationIdentifier: byId('cz-missing'), name: 'X' }),
		error: /^Not found: Customization 'cz-missing' not found/,
	},
	{
		node: 'winkCustomization', operation: 'delete', scope: 'account.remove',
		parameters: (sb) => ({ customizationIdentifier: byId(ids(sb).customizationIds[1]) }),
		request: (sb) => ({ method: 'DELETE', path: `${ME(sb)}/studio/customization/${ids(sb).customizationIds[1]}` }),
		items: (items, sb) => {
			expect(items.map((i) => i.json.id)).toEqual([ids(sb).customizationIds[1]]);
			expect(sb.state.customizations[sb.managingEntityId].map((c: IDataObject) => c.id)).toEqual([ids(sb).customizationIds[0]]);
		},
		fails: (sb) => ({ customizationIdentifier: byId(ids(sb).customizationIds[0]) }),
		error: /^Wink rejected the request \(400\): A primary customization cannot be removed/,
	},
	{
		node: 'winkBooking', operation: 'getMany', scope: 'booking.read',
		parameters: () => ({
			returnAll: false, limit: 10,
			sort: { rule: [{ field: 'createdDate', dir: 'desc' }] },
			filter: { filters: { condition: [{ field: 'bookingStatus', operator: 'eq', value: 'CANCELLED' }] } },
		}),
		request: (sb) => ({ method: 'POST', path: `${ME(sb)}/booking/grid`, query: {}, body: { sort: [{ field: 'createdDate', dir: 'desc' }], filter: { filters: [{ field: 'bookingStatus', operator: 'eq', value: 'CANCELLED' }] }, skip: 0, take: 10 } }),
		items: (items, sb) => {
			const cancelled = (sb.state.bookings[sb.managingEntityId] as IDataObject[]).filter((b) => b.bookingStatus === 'CANCELLED');
			expect(items.map((i) => i.json.id)).toEqual(cancelled.slice(0, 10).map((b) => b.id));
			const total = cancelled.reduce((s, b) => s + Number(((b.roomStay as IDataObject).internalTotal as IDataObject).amount), 0);
			for (const item of items) expect((item.json.totalFunds as IDataObject).internalAmount).toBeCloseTo(total, 2);
		},
		fails: () => ({ managingEntity: byId('me-unknown'), returnAll: true }),
		error: /^Not found: Managing entity 'me-unknown' not found/,
	},
	{
		node: 'winkBooking', operation: 'getFunds', scope: 'booking.read',
		parameters: () => ({ filters: { accountFundsOnly: true, state: 'PAYMENT_SUCCEEDED' } }),
		request: (sb) => ({ method: 'GET', path: `${ME(sb)}/booking/funds`, query: { accountFundsOnly: 'true', state: 'PAYMENT_SUCCEEDED' } }),
		items: (items) => expect(items.map((i) => i.json)).toEqual([expect.objectContaining({ internalCurrency: 'USD', internalAmount: expect.any(Number), sourceCurrency: 'EUR' })]),
		fails: () => ({ managingEntity: byId('me-unknown') }),
		error: /^Not found/,
	},
	{
		node: 'winkBooking', operation: 'getCancellations', scope: 'booking.read',
		parameters: () => ({}),
		request: (sb) => ({ method: 'GET', path: `${ME(sb)}/booking/aggregate/cancellation` }),
		items: (items, sb) => {
			const all = sb.state.bookings[sb.managingEntityId] as IDataObject[];
			expect(json(items)).toEqual([false, true].map((cancelled) => ({ cancelled, count: all.filter((b) => b.cancelled === cancelled).length })));
		},
		fails: () => ({ managingEntity: byId('me-unknown') }),
		error: /^Not found/,
	},
	{
		node: 'winkBooking', operation: 'getBeneficiaryPayments', scope: 'booking.read',
		parameters: () => ({}),
		request: (sb) => ({ method: 'GET', path: `${ME(sb)}/booking/aggregate/beneficiary` }),
		items: (items, sb) => expect(json(items).map((b) => `${b.managingEntityIdentifier} ${b.type}`).sort()).toEqual([`${sb.managingEntityId} SALE`, `${sb.ids.secondaryManagingEntityId} COMMISSION`].sort()),
		fails: () => ({ managingEntity: byId('me-unknown') }),
		error: /^Not found/,
	},
	{
		node: 'winkBooking', operation: 'getAvailableFunds', scope: 'booking.read',
		parameters: () => ({}),
		request: (sb) => ({ method: 'GET', path: `${ME(sb)}/booking/aggregate/beneficiary/available-funds` }),
		items: (items, sb) => expect(json(items).map((b) => b.managingEntityIdentifier).sort()).toEqual([sb.managingEntityId, sb.ids.secondaryManagingEntityId].sort()),
		fails: () => ({ managingEntity: byId('me-unknown') }),
		error: /^Not found/,
	},
	{
		node: 'winkTravelAgent', operation: 'createBooking', scope: 'booking.write',
		parameters: (sb) => booking(sb),
		request: (sb) => ({
			method: 'POST', path: `${ME(sb, sb.ids.secondaryManagingEntityId)}/booking/agent`,
			body: {
				rooms: [{
					hotelIdentifier: sb.managingEntityId, roomRateIdentifier: ids(sb).roomRateIds[0], startDate: '2026-12-10',
					roomConfiguration: { adults: 2 }, user: { firstName: 'Noor', lastName: 'Haddad', email: 'noor@guest.example' }, nights: 3,
				}],
				displayCurrency: 'EUR', displayLanguage: 'en', sourceUrl: 'https://atlas.example/book',
			},
		}),
		items: (items) => {
			expect(items).toHaveLength(1);
			expect(items[0].json.list).toEqual([expect.objectContaining({ paymentType: 'AGENT', roomStay: expect.objectContaining({ startDate: '2026-12-10', endDate: '2026-12-13' }) })]);
		},
		fails: (sb) => booking(sb, { nights: 60, quantity: 9 }),
		error: /^Wink rejected the request \(400\): Insufficient TripPay balance/,
	},
];

describe('Wink Manager, Customization, Booking and Travel Agent nodes', () => {
	const w = useWink();
	const run = (c: Case, parameters: INodeParameters) =>
		w.h.run({ nodeType: `n8n-nodes-wink.${c.node}`, parameters: { operation: c.operation, managingEntity: w.me, ...parameters } });
	beforeEach(() => w.h.setCredential(sandboxCredential(w.sb, { scopes: ALL_SCOPES })));

	test.each(cases.map((c) => [`${c.node} ${c.operation}`, c] as const))('%s: request, items, scope and a 4xx', async (_, c) => {
		const { items, error } = await run(c, c.parameters(w.sb));
		expect(error).toBeUndefined();
		const sent = apiRequests(w.sb);
		expect(sent).toHaveLength(1);
		const expected = c.request(w.sb);
		expect({ method: sent[0].method, path: sent[0].path, query: sent[0].query, body: sent[0].body }).toEqual({ query: {}, body: undefined, ...expected });
		c.items(items, w.sb);

		w.sb.reset();
		w.h.setCredential(sandboxCredential(w.sb, { scopes: ALL_SCOPES.filter((s) => s !== c.scope) }));
		const refused = await run(c, c.parameters(w.sb));
		expect(refused.error?.message).toContain(c.scope);
		expect(apiRequests(w.sb).map((r) => r.status)).toEqual([403]);

		w.sb.reset();
		w.h.setCredential(sandboxCredential(w.sb, { scopes: ALL_SCOPES }));
		const failed = await run(c, c.fails(w.sb));
		expect(failed.error?.message).toMatch(c.error);
		expect(apiRequests(w.sb).at(-1)!.status).toBeGreaterThanOrEqual(400);
		expect(apiRequests(w.sb).at(-1)!.status).toBeLessThan(500);
	});
});
