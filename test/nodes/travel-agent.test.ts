import type { IDataObject } from 'n8n-workflow';
import { travelAgentOperations } from '../../nodes/WinkTravelAgent/operations';
import { apiRequests, byId, sandboxCredential, useWink } from '../harness/fixture';
import { booking, type Case, describeNodeCases, seeded, ME } from '../harness/nodeCases';

const cases: Case[] = [
	{
		node: 'winkTravelAgent',
		operation: 'createBooking',
		parameters: ({ sb }) => booking(sb),
		request: ({ sb }) => ({
			method: 'POST',
			path: `${ME(sb, sb.ids.secondaryManagingEntityId)}/booking/agent`,
			body: {
				rooms: [
					{
						hotelIdentifier: sb.managingEntityId,
						roomRateIdentifier: seeded(sb).roomRateIds[0],
						startDate: '2026-12-10',
						roomConfiguration: { adults: 2 },
						user: { firstName: 'Noor', lastName: 'Haddad', email: 'noor@guest.example' },
						nights: 3,
					},
				],
				displayCurrency: 'EUR',
				displayLanguage: 'en',
				sourceUrl: 'https://atlas.example/book',
			},
		}),
		items: (items) => {
			expect(items).toHaveLength(1);
			expect(items[0].list).toEqual([
				expect.objectContaining({
					paymentType: 'AGENT',
					roomStay: expect.objectContaining({ startDate: '2026-12-10', endDate: '2026-12-13' }),
				}),
			]);
		},
		refused: {
			parameters: ({ sb }) => booking(sb, { nights: 60, quantity: 9 }),
			message: /^Wink rejected the request \(400\): Insufficient TripPay balance/,
		},
	},
];

describeNodeCases('Wink Travel Agent: every operation', travelAgentOperations, cases);

// What users build with Wink Travel Agent, through n8n's engine.
const SCOPES = ['account.read', 'account.write', 'account.remove', 'booking.read', 'booking.write'];

describe('Wink Travel Agent flows', () => {
	const w = useWink();
	beforeEach(() => w.h.setCredential(sandboxCredential(w.sb, { scopes: SCOPES })));

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
								roomRateIdentifier: (w.sb.ids as unknown as { roomRateIds: string[] })
									.roomRateIds[1],
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
			expect(`${error?.message} ${error?.description}`).toMatch(
				/may have processed|may or may not have processed/i,
			);
			expect(apiRequests(w.sb).filter((r) => r.operationId === 'createAgentBooking')).toHaveLength(
				1,
			);
		});

		test("refuses to run while n8n's Retry On Fail is on, and says so in the editor", async () => {
			const { error } = await book({ retryOnFail: true });
			expect(error?.message).toBe('Turn off "Retry On Fail" to use Create Booking');
			expect(apiRequests(w.sb)).toHaveLength(0);
		});
	});
});
