import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import type { Sandbox } from '../../sandbox';
import { apiRequests, byId, sandboxCredential, useWink } from './fixture';

// Every operation of Wink Manager, Customization, Booking and Travel Agent through n8n's engine
// against the sandbox (the rows are in test/nodes/<node>.test.ts): the request Wink receives
// (method, path, query, body; the body is also checked against the spec's schema by useWink), the
// items, the scope (a token without it gets a 403 that names it) and a 4xx ProblemDetail as a
// clear error. One row per operation.
export const ALL_SCOPES = ['account.read', 'account.write', 'account.remove', 'booking.read', 'booking.write', 'payment.read', 'payment.write', 'accounting.read'];

export interface Case {
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

export const ME = (sb: Sandbox, id = sb.managingEntityId) => `/api/managing-entity/${id}`;
export const json = (items: INodeExecutionData[]) => items.map((i) => i.json);
export const managers = (items: INodeExecutionData[]) => items[0].json.managers as IDataObject[];
export const hotel = (sb: Sandbox) => sb.state.managingEntities[sb.managingEntityId];
export const agencyMe = (sb: Sandbox) => byId(sb.ids.secondaryManagingEntityId);
export const ids = (sb: Sandbox) => sb.ids as Sandbox['ids'] & { customizationIds: string[]; roomRateIds: string[] };

/** A manager invited earlier, still pending. */
export function withManager(sb: Sandbox) {
	const manager = { email: 'ana.costa@example.com', status: 'PENDING', userIdentifier: 'user-ana', firstName: 'Ana', lastName: 'Costa', owner: false, sectionGrants: [], name: 'Ana Costa', active: false };
	hotel(sb).managers.push(manager);
	return manager;
}

export const room = (sb: Sandbox, options: IDataObject = { nights: 3 }) => ({
	hotelIdentifier: sb.managingEntityId,
	roomRateIdentifier: ids(sb).roomRateIds[0],
	startDate: '2026-12-10T00:00:00',
	adults: 2,
	guestFirstName: 'Noor',
	guestLastName: 'Haddad',
	guestEmail: 'noor@guest.example',
	roomOptions: options,
});
export const booking = (sb: Sandbox, options?: IDataObject): INodeParameters => ({
	managingEntity: agencyMe(sb),
	rooms: { room: [room(sb, options)] } as INodeParameters,
	displayCurrency: 'EUR',
	displayLanguage: 'en',
	sourceUrl: 'https://atlas.example/book',
});

/** One test per row: the request Wink receives, the items, the scope and a 4xx. */
export function describeNodeCases(title: string, cases: Case[]) {
	describe(title, () => {
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
}
