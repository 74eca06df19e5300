import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import type { WinkOperation } from '../../nodes/shared/table/types';
import type { Sandbox } from '../../sandbox';
import type { Harness } from './engine';
import { apiRequests, byId, sandboxCredential, useWink } from './fixture';
import specJson from '../fixtures/spec-operations.json';

// Every operation of the resource nodes (all but Wink Settlement) through n8n's engine against the
// sandbox, from one table of cases per node (in test/nodes/<node>.test.ts): the request Wink
// receives (method, path, query, body; useWink checks every body against the spec's schema), the
// items, the scope (a token without it gets a 403 and the error names it) and a 4xx as a clear error.
export const ALL_SCOPES = [
	'account.read',
	'account.write',
	'account.remove',
	'booking.read',
	'booking.write',
	'payment.read',
	'payment.write',
	'accounting.read',
];

export interface Ctx {
	sb: Sandbox;
	meId: string;
	/** The seeded main entity's path, /api/managing-entity/{id}. */
	mePath: string;
	app: IDataObject;
	message: IDataObject;
}

export interface Case {
	node:
		| 'winkManager'
		| 'winkCustomization'
		| 'winkBooking'
		| 'winkTravelAgent'
		| 'winkApplication'
		| 'winkNotification'
		| 'winkManagingEntity';
	operation: string;
	/** Prepares state; returns the parameters (the managing entity defaults to the seeded one). */
	parameters?: (c: Ctx) => INodeParameters;
	request: (c: Ctx) => { method: string; path: string; query?: IDataObject; body?: unknown };
	/** The items' JSON. */
	items: (items: IDataObject[], c: Ctx) => void;
	/** Parameters Wink refuses with a 4xx ProblemDetail, and the error the user sees. */
	refused?: { parameters: (c: Ctx) => INodeParameters; message: string | RegExp };
}

export const ME = (sb: Sandbox, id = sb.managingEntityId) => `/api/managing-entity/${id}`;
export const managers = (items: IDataObject[]) => items[0].managers as IDataObject[];
export const hotel = (sb: Sandbox) => sb.state.managingEntities[sb.managingEntityId];
export const agencyMe = (sb: Sandbox) => byId(sb.ids.secondaryManagingEntityId);
export const seeded = (sb: Sandbox) =>
	sb.ids as Sandbox['ids'] & { customizationIds: string[]; roomRateIds: string[] };
export const ids = (rows: IDataObject[]) => rows.map((r) => r.id);

/** A manager invited earlier, still pending. */
export function withManager(sb: Sandbox) {
	const manager = {
		email: 'ana.costa@example.com',
		status: 'PENDING',
		userIdentifier: 'user-ana',
		firstName: 'Ana',
		lastName: 'Costa',
		owner: false,
		sectionGrants: [],
		name: 'Ana Costa',
		active: false,
	};
	hotel(sb).managers.push(manager);
	return manager;
}

export const room = (sb: Sandbox, options: IDataObject = { nights: 3 }) => ({
	hotelIdentifier: sb.managingEntityId,
	roomRateIdentifier: seeded(sb).roomRateIds[0],
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

export const anyOf = {
	logic: 'or',
	filters: [
		{ field: 'type', operator: 'eq', value: 'hotel', ignoreCase: true },
		{ field: 'name', operator: 'startswith', value: 'Atlas' },
	],
};
/** The required fields of a full registration, as typed and as sent. */
export const casaDoRio = {
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

/** The seeded agency awaits approval (the account nodes' tables list entities by status). */
export const agencyPendingApproval = (sb: Sandbox) => {
	sb.state.managingEntities[sb.ids.secondaryManagingEntityId].status = 'PENDING_APPROVAL';
};

/** Runs a node of a flow test on the seeded entity; the items' JSON and the error. */
export const flowRunner =
	(w: ReturnType<typeof useWink>) => async (node: string, parameters: INodeParameters) => {
		const { items, error } = await w.h.run({
			nodeType: `n8n-nodes-wink.${node}`,
			parameters: { managingEntity: w.me, ...parameters },
		});
		return { items: items.map((i) => i.json), error };
	};

const label = (c: Case) => `${c.node} ${c.operation}`;

const spec = new Map(
	(
		specJson as {
			operations: Array<{ operationId: string; params: Array<{ name: string; in: string }> }>;
		}
	).operations.map((o) => [o.operationId, o]),
);

/** Only query parameters the spec knows (the fixture checks every body against the spec's schema). */
function expectSpecQuery(operationId: string, query: IDataObject) {
	const queryNames = spec
		.get(operationId)!
		.params.filter((p) => p.in === 'query')
		.map((p) => p.name);
	for (const name of Object.keys(query))
		expect([operationId, name, queryNames.includes(name)]).toEqual([operationId, name, true]);
}

export interface NodeCasesOptions {
	/** State every test of the table starts from, after the sandbox's reset. */
	beforeEach?: (sb: Sandbox) => void;
	/** Tests that share the table's sandbox, `run` and `ctx`. */
	more?: (t: {
		w: ReturnType<typeof useWink>;
		run: (c: Case, parameters: INodeParameters) => ReturnType<Harness['run']>;
		ctx: () => Ctx;
	}) => void;
}

/** The tests of one node's table: coverage of its operations, then per row the request and items, the scope and a 4xx. */
export function describeNodeCases(
	title: string,
	operations: WinkOperation[],
	cases: Case[],
	options: NodeCasesOptions = {},
) {
	const tableRow = (c: Case) => operations.find((o) => o.value === c.operation)!;
	describe(title, () => {
		const w = useWink();
		const ctx = (): Ctx => ({
			sb: w.sb,
			meId: w.sb.managingEntityId,
			mePath: ME(w.sb),
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
			w.h.setCredential(sandboxCredential(w.sb, { scopes: ALL_SCOPES }));
			options.beforeEach?.(w.sb);
		});

		test(`the table covers all ${operations.length} operations of the node, once each`, () => {
			const node = cases[0].node;
			expect(cases.map(label).sort()).toEqual(operations.map((o) => `${node} ${o.value}`).sort());
		});

		test.each(cases.map((c) => [label(c), c] as const))(
			'%s: the request Wink receives and the items',
			async (_, c) => {
				const x = ctx();
				const { items, error } = await run(c, c.parameters?.(x) ?? {});
				expect(error).toBeUndefined();
				const requests = apiRequests(w.sb);
				expect(requests).toHaveLength(1);
				const [seen] = requests;
				const want = c.request(x);
				expect({
					method: seen.method,
					path: seen.path,
					query: seen.query,
					body: seen.body,
				}).toEqual({
					query: {},
					body: undefined,
					...want,
				});
				expect(seen.status).toBeLessThan(300);
				expect(seen.operationId).toBe(tableRow(c).operationId);
				expectSpecQuery(tableRow(c).operationId, seen.query);
				expect(
					items.every((i: INodeExecutionData) => (i.pairedItem as { item: number }).item === 0),
				).toBe(true);
				c.items(
					items.map((i: INodeExecutionData) => i.json),
					x,
				);
			},
		);

		test.each(cases.map((c) => [label(c), c] as const))(
			'%s: without its scope the sandbox refuses, and the error names the scope',
			async (_, c) => {
				const op = tableRow(c);
				const asked = ALL_SCOPES.filter((s) => s !== op.scope);
				w.h.setCredential(sandboxCredential(w.sb, { scopes: asked }));
				const { error } = await run(c, c.parameters?.(ctx()) ?? {});
				expect(error?.message).toBe(
					`Missing scope: this operation probably needs '${op.scope}' (the credential asks for ${asked.join(', ')})`,
				);
				expect(apiRequests(w.sb).map((r) => r.status)).toEqual([403]);
			},
		);

		const refusals = cases.filter((c) => c.refused);
		test.each(refusals.map((c) => [label(c), c] as const))(
			"%s: Wink's 4xx reaches the user in Wink's words",
			async (_, c) => {
				const { error } = await run(c, c.refused!.parameters(ctx()));
				expect(error?.message).toEqual(
					typeof c.refused!.message === 'string'
						? c.refused!.message
						: expect.stringMatching(c.refused!.message),
				);
				expect(apiRequests(w.sb).map((r) => Math.floor(r.status / 100))).toEqual([4]);
			},
		);

		options.more?.({ w, run, ctx });
	});
}
