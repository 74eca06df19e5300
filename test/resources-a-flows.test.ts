import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { apiRequests, byId, sandboxCredential, useWink } from './harness/fixture';

// What users build with Wink Manager, Booking and Travel Agent, through n8n's engine.
const SCOPES = ['account.read', 'account.write', 'account.remove', 'booking.read', 'booking.write'];

describe('Wink Manager, Booking and Travel Agent flows', () => {
	const w = useWink();
	beforeEach(() => w.h.setCredential(sandboxCredential(w.sb, { scopes: SCOPES })));
	const manager = (parameters: INodeParameters, items?: IDataObject[]) =>
		w.h.run({ nodeType: 'n8n-nodes-wink.winkManager', parameters: { managingEntity: w.me, ...parameters }, items });
	const bookings = (parameters: INodeParameters) =>
		w.h.run({ nodeType: 'n8n-nodes-wink.winkBooking', parameters: { managingEntity: w.me, operation: 'getMany', ...parameters } });

	test('invite a manager, update their grants (picked from the list), remove them', async () => {
		const email = 'marta.ferreira@example.com';
		const invited = await manager({ operation: 'invite', email });
		expect(invited.error).toBeUndefined();

		const picked = await w.h.listSearch('searchManagers', { managingEntity: w.me }, 'marta', 'n8n-nodes-wink.winkManager');
		expect(picked.results).toHaveLength(1);
		expect(picked.results[0].name).toBe('Marta Ferreira <marta.ferreira@example.com> (pending)');

		// The next node takes the manager from the invite's output, as a user would with an expression.
		const updated = await manager(
			{
				operation: 'updateGrants',
				managerUserIdentifier: { __rl: true, mode: 'id', value: '={{ $json.managers.find(m => m.email === $json.email).userIdentifier }}' },
				sectionGrants: { grant: [{ section: 'BOOKING', level: 'WRITE' }] },
			},
			[{ ...invited.items[0].json, email }],
		);
		expect(updated.error).toBeUndefined();
		expect(apiRequests(w.sb).at(-1)!.path).toBe(`/api/managing-entity/${w.sb.managingEntityId}/manager/${picked.results[0].value}/grants`);
		const grants = (updated.items[0].json.managers as IDataObject[]).find((m) => m.email === email)!.sectionGrants;
		expect(grants).toEqual([{ section: 'BOOKING', level: 'WRITE' }]);

		const removed = await manager({ operation: 'remove', email });
		expect(removed.error).toBeUndefined();
		expect((removed.items[0].json.managers as IDataObject[]).map((m) => m.email)).not.toContain(email);
		expect(w.sb.state.managingEntities[w.sb.managingEntityId].managers.map((m: IDataObject) => m.email)).not.toContain(email);
	});

	test('Update Grants refuses no grant at all before sending (the spec asks for at least one)', async () => {
		const { error } = await manager({ operation: 'updateGrants', managerUserIdentifier: byId('user-x') });
		expect(error?.message).toBe('Section Grants: sectionGrants must have at least 1 item(s) (item 0)');
		expect(apiRequests(w.sb)).toHaveLength(0);
	});

	test('the booking grid: Return All walks every page; totalFunds is on every item and covers the whole selection', async () => {
		const all = w.sb.state.bookings[w.sb.managingEntityId] as IDataObject[];
		const { items, error } = await bookings({ returnAll: true });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(all.map((b) => b.id));
		expect(apiRequests(w.sb).map((r) => [r.body.skip, r.body.take])).toEqual([[0, 100], [100, 100], [200, 100]]);
		const total = all.reduce((s, b) => s + Number(((b.roomStay as IDataObject).internalTotal as IDataObject).amount), 0);
		expect(new Set(items.map((i) => JSON.stringify(i.json.totalFunds))).size).toBe(1);
		expect((items[0].json.totalFunds as IDataObject).internalAmount).toBeCloseTo(total, 2);

		// With a Limit, the total still covers every booking the filter selects, not the page.
		w.sb.resetStats();
		const limited = await bookings({ returnAll: false, limit: 5 });
		expect(limited.items).toHaveLength(5);
		expect((limited.items[4].json.totalFunds as IDataObject).internalAmount).toBeCloseTo(total, 2);
	});

	test('the Financial State filter is sent as a query parameter with the State body', async () => {
		const { items } = await bookings({ returnAll: false, limit: 3, filters: { state: 'PAYMENT_FAILED' } });
		expect(apiRequests(w.sb)[0]).toMatchObject({ query: { state: 'PAYMENT_FAILED' }, body: { skip: 0, take: 3 } });
		expect(new Set(items.map((i) => i.json.bookingStatus))).toEqual(new Set(['PAYMENT_FAILED']));
	});

	test('Get Aggregate Funds sends Account Funds Only only when the user adds it', async () => {
		const funds = (filters: INodeParameters) =>
			w.h.run({ nodeType: 'n8n-nodes-wink.winkBooking', parameters: { managingEntity: w.me, operation: 'getFunds', filters } });
		await funds({});
		await funds({ accountFundsOnly: false });
		expect(apiRequests(w.sb).map((r) => r.query)).toEqual([{}, { accountFundsOnly: 'false' }]);
	});

	describe('Create Booking (moves money)', () => {
		const book = (settings = {}) =>
			w.h.run({
				nodeType: 'n8n-nodes-wink.winkTravelAgent',
				settings,
				parameters: {
					operation: 'createBooking',
					managingEntity: byId(w.sb.ids.secondaryManagingEntityId),
					rooms: {
						room: [
							{
								hotelIdentifier: w.sb.managingEntityId,
								roomRateIdentifier: (w.sb.ids as unknown as { roomRateIds: string[] }).roomRateIds[1],
								startDate: '2027-01-15T00:00:00',
								adults: 1,
								guestFirstName: 'Omar',
								guestLastName: 'Haddad',
								guestEmail: 'omar@guest.example',
								roomOptions: { endDate: '2027-01-17T00:00:00' },
							},
						],
					},
					displayCurrency: 'USD',
					displayLanguage: 'en',
					sourceUrl: 'https://atlas.example',
				},
			});

		test('debits the agent TripPay balance once and the hotel sees the booking', async () => {
			const agency = w.sb.ids.secondaryManagingEntityId;
			const before = w.sb.state.ledger[agency].length;
			const { items, error } = await book();
			expect(error).toBeUndefined();
			const made = (items[0].json.list as IDataObject[])[0];
			expect(w.sb.state.ledger[agency]).toHaveLength(before + 1);
			expect(w.sb.state.ledger[agency][0].entry.amount).toBeLessThan(0);
			expect(w.sb.state.bookings[w.sb.managingEntityId][0].id).toBe(made.id);
		});

		test('is never retried: one attempt after a 503, and the error says it may have been processed', async () => {
			w.sb.inject({ operationId: 'createAgentBooking', status: 503 });
			const first = await book();
			expect(first.error).toBeDefined();
			w.sb.reset();
			w.h.setCredential(sandboxCredential(w.sb, { scopes: SCOPES }));
			w.sb.inject({ operationId: 'createAgentBooking', drop: true });
			const { error } = await book();
			expect(`${error?.message} ${error?.description}`).toMatch(/may have processed|may or may not have processed/i);
			expect(apiRequests(w.sb).filter((r) => r.operationId === 'createAgentBooking')).toHaveLength(1);
		});

		test("refuses to run while n8n's Retry On Fail is on, and says so in the editor", async () => {
			const { error } = await book({ retryOnFail: true });
			expect(error?.message).toBe('Turn off "Retry On Fail" to use Create Booking');
			expect(apiRequests(w.sb)).toHaveLength(0);
		});
	});

	test('Customization "From list" lists the entity\'s customizations, the primary one marked', async () => {
		const { results } = await w.h.listSearch('searchCustomizations', { managingEntity: w.me }, undefined, 'n8n-nodes-wink.winkCustomization');
		expect(results.map((r) => r.name)).toEqual(['Grand Azure booking engine (primary)', 'Summer campaign']);
	});
});
