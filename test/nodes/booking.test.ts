import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { bookingOperations } from '../../nodes/WinkBooking/operations';
import { apiRequests, byId, sandboxCredential, useWink } from '../harness/fixture';
import { type Case, describeNodeCases, ME } from '../harness/nodeCases';

const cases: Case[] = [
	{
		node: 'winkBooking',
		operation: 'getMany',
		parameters: () => ({
			returnAll: false,
			limit: 10,
			sort: { rule: [{ field: 'createdDate', dir: 'desc' }] },
			filter: {
				filters: { condition: [{ field: 'bookingStatus', operator: 'eq', value: 'CANCELLED' }] },
			},
		}),
		request: ({ sb }) => ({
			method: 'POST',
			path: `${ME(sb)}/booking/grid`,
			query: {},
			body: {
				sort: [{ field: 'createdDate', dir: 'desc' }],
				filter: { filters: [{ field: 'bookingStatus', operator: 'eq', value: 'CANCELLED' }] },
				skip: 0,
				take: 10,
			},
		}),
		items: (items, { sb }) => {
			const cancelled = (sb.state.bookings[sb.managingEntityId] as IDataObject[]).filter(
				(b) => b.bookingStatus === 'CANCELLED',
			);
			expect(items.map((i) => i.id)).toEqual(cancelled.slice(0, 10).map((b) => b.id));
			const total = cancelled.reduce(
				(s, b) => s + Number(((b.roomStay as IDataObject).internalTotal as IDataObject).amount),
				0,
			);
			for (const item of items)
				expect((item.totalFunds as IDataObject).internalAmount).toBeCloseTo(total, 2);
		},
		refused: {
			parameters: () => ({ managingEntity: byId('me-unknown'), returnAll: true }),
			message: /^Not found: Managing entity 'me-unknown' not found/,
		},
	},
	{
		node: 'winkBooking',
		operation: 'getFunds',
		parameters: () => ({ filters: { accountFundsOnly: true, state: 'PAYMENT_SUCCEEDED' } }),
		request: ({ sb }) => ({
			method: 'GET',
			path: `${ME(sb)}/booking/funds`,
			query: { accountFundsOnly: 'true', state: 'PAYMENT_SUCCEEDED' },
		}),
		items: (items) =>
			expect(items.map((i) => i)).toEqual([
				expect.objectContaining({
					internalCurrency: 'USD',
					internalAmount: expect.any(Number),
					sourceCurrency: 'EUR',
				}),
			]),
		refused: { parameters: () => ({ managingEntity: byId('me-unknown') }), message: /^Not found/ },
	},
	{
		node: 'winkBooking',
		operation: 'getCancellations',
		parameters: () => ({}),
		request: ({ sb }) => ({ method: 'GET', path: `${ME(sb)}/booking/aggregate/cancellation` }),
		items: (items, { sb }) => {
			const all = sb.state.bookings[sb.managingEntityId] as IDataObject[];
			expect(items).toEqual(
				[false, true].map((cancelled) => ({
					cancelled,
					count: all.filter((b) => b.cancelled === cancelled).length,
				})),
			);
		},
		refused: { parameters: () => ({ managingEntity: byId('me-unknown') }), message: /^Not found/ },
	},
	{
		node: 'winkBooking',
		operation: 'getBeneficiaryPayments',
		parameters: () => ({}),
		request: ({ sb }) => ({ method: 'GET', path: `${ME(sb)}/booking/aggregate/beneficiary` }),
		items: (items, { sb }) =>
			expect(items.map((b) => `${b.managingEntityIdentifier} ${b.type}`).sort()).toEqual(
				[`${sb.managingEntityId} SALE`, `${sb.ids.secondaryManagingEntityId} COMMISSION`].sort(),
			),
		refused: { parameters: () => ({ managingEntity: byId('me-unknown') }), message: /^Not found/ },
	},
	{
		node: 'winkBooking',
		operation: 'getAvailableFunds',
		parameters: () => ({}),
		request: ({ sb }) => ({
			method: 'GET',
			path: `${ME(sb)}/booking/aggregate/beneficiary/available-funds`,
		}),
		items: (items, { sb }) =>
			expect(items.map((b) => b.managingEntityIdentifier).sort()).toEqual(
				[sb.managingEntityId, sb.ids.secondaryManagingEntityId].sort(),
			),
		refused: { parameters: () => ({ managingEntity: byId('me-unknown') }), message: /^Not found/ },
	},
];

describeNodeCases('Wink Booking: every operation', bookingOperations, cases);

// What users build with Wink Booking, through n8n's engine.
const SCOPES = ['account.read', 'account.write', 'account.remove', 'booking.read', 'booking.write'];

describe('Wink Booking flows', () => {
	const w = useWink();
	beforeEach(() => w.h.setCredential(sandboxCredential(w.sb, { scopes: SCOPES })));
	const bookings = (parameters: INodeParameters) =>
		w.h.run({
			nodeType: 'n8n-nodes-wink.winkBooking',
			parameters: { managingEntity: w.me, operation: 'getMany', ...parameters },
		});

	test('the booking grid: Return All walks every page; totalFunds is on every item and covers the whole selection', async () => {
		const all = w.sb.state.bookings[w.sb.managingEntityId] as IDataObject[];
		const { items, error } = await bookings({ returnAll: true });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(all.map((b) => b.id));
		expect(apiRequests(w.sb).map((r) => [r.body.skip, r.body.take])).toEqual([
			[0, 100],
			[100, 100],
			[200, 100],
		]);
		const total = all.reduce(
			(s, b) => s + Number(((b.roomStay as IDataObject).internalTotal as IDataObject).amount),
			0,
		);
		expect(new Set(items.map((i) => JSON.stringify(i.json.totalFunds))).size).toBe(1);
		expect((items[0].json.totalFunds as IDataObject).internalAmount).toBeCloseTo(total, 2);

		// With a Limit, the total still covers every booking the filter selects, not the page.
		w.sb.resetStats();
		const limited = await bookings({ returnAll: false, limit: 5 });
		expect(limited.items).toHaveLength(5);
		expect((limited.items[4].json.totalFunds as IDataObject).internalAmount).toBeCloseTo(total, 2);
	});

	test('the Financial State filter is sent as a query parameter with the State body', async () => {
		const { items } = await bookings({
			returnAll: false,
			limit: 3,
			filters: { state: 'PAYMENT_FAILED' },
		});
		expect(apiRequests(w.sb)[0]).toMatchObject({
			query: { state: 'PAYMENT_FAILED' },
			body: { skip: 0, take: 3 },
		});
		expect(new Set(items.map((i) => i.json.bookingStatus))).toEqual(new Set(['PAYMENT_FAILED']));
	});

	// Version 1 had Filters (query: Financial State) and Filter (body: conditions, logic);
	// version 2 has one Filters with all three. Both send the same request.
	const condition = { field: 'bookingStatus', operator: 'eq', value: 'PAYMENT_SUCCEEDED' };
	const sort = { rule: [{ field: 'createdDate', dir: 'desc' }] };
	const sameRequest = {
		query: { state: 'PAYMENT_SUCCEEDED' },
		body: {
			sort: [{ field: 'createdDate', dir: 'desc' }],
			filter: { filters: [condition], logic: 'or' },
			skip: 0,
			take: 3,
		},
	};

	test('version 1: Filters and Filter still send Financial State in the query and the conditions in the body', async () => {
		const { items, error } = await bookings({
			returnAll: false,
			limit: 3,
			sort,
			filters: { state: 'PAYMENT_SUCCEEDED' },
			filter: { filters: { condition: [condition] }, logic: 'or' },
		});
		expect(error).toBeUndefined();
		expect(apiRequests(w.sb)).toEqual([expect.objectContaining(sameRequest)]);
		expect(items).toHaveLength(3);
	});

	test('version 2: the one Filters sends the same request as version 1 did; a field off the list by expression', async () => {
		const run = (parameters: INodeParameters) =>
			w.h.run({
				nodeType: 'n8n-nodes-wink.winkBooking',
				parameters: {
					managingEntity: w.me,
					operation: 'getMany',
					returnAll: false,
					limit: 3,
					simplify: false,
					...parameters,
				},
				settings: { typeVersion: 2 },
			});
		const { items, error } = await run({
			sort,
			filters: { state: 'PAYMENT_SUCCEEDED', filters: { condition: [condition] }, logic: 'or' },
		});
		expect(error).toBeUndefined();
		expect(apiRequests(w.sb)).toEqual([expect.objectContaining(sameRequest)]);
		expect(items).toHaveLength(3);

		// Version 1's Filter is not part of version 2: a leftover value of it is not sent.
		w.sb.resetStats();
		await run({
			sort: { rule: [{ field: '={{ "roomStay.startDate" }}', dir: 'asc' }] },
			filter: { logic: 'or' },
		});
		expect(apiRequests(w.sb)[0]).toMatchObject({
			query: {},
			body: { sort: [{ field: 'roomStay.startDate', dir: 'asc' }], skip: 0, take: 3 },
		});
		expect(apiRequests(w.sb)[0].body.filter).toBeUndefined();
	});

	test('Get Aggregate Funds sends Account Funds Only only when the user adds it', async () => {
		const funds = (filters: INodeParameters) =>
			w.h.run({
				nodeType: 'n8n-nodes-wink.winkBooking',
				parameters: { managingEntity: w.me, operation: 'getFunds', filters },
			});
		await funds({});
		await funds({ accountFundsOnly: false });
		expect(apiRequests(w.sb).map((r) => r.query)).toEqual([{}, { accountFundsOnly: 'false' }]);
	});
});
