// Wink Manager, Customization, Booking and Travel Agent in a real n8n: each node loads and runs
// an operation; what Wink receives is read back from the sandbox.
import {
	check,
	credential,
	execute,
	importAll,
	itemsOf,
	tail,
	winkNode,
	workflow,
} from '../lib.mjs';

export default async function resourcesA({ sb }) {
	const { ids } = sb;
	const hotel = { __rl: true, mode: 'id', value: ids.managingEntityId };
	const agency = { __rl: true, mode: 'id', value: ids.secondaryManagingEntityId };
	const cred = credential(sb, 'winkE2eCredResA1', 'Wink sandbox (resources)', [
		'account.read',
		'account.write',
		'account.remove',
		'booking.read',
		'booking.write',
	]);
	const node = (type, name, parameters, y) => winkNode(type, name, cred, parameters, y);
	const FLOW = 'winkE2eResourceA';
	await importAll(
		'resources-a',
		[cred],
		[
			workflow(FLOW, 'e2e manager, customization, booking, travel agent', [
				node(
					'winkManager',
					'Invite',
					{
						operation: 'invite',
						managingEntity: hotel,
						email: 'ana.costa@example.com',
						sectionGrants: { grant: [{ section: 'BOOKING', level: 'READ' }] },
					},
					0,
				),
				node(
					'winkCustomization',
					'Create Customization',
					{
						operation: 'create',
						managingEntity: hotel,
						name: 'e2e winter',
						additionalFields: { startDate: '2026-12-01T00:00:00', endDate: '2026-12-04T00:00:00' },
					},
					200,
				),
				node(
					'winkBooking',
					'Bookings',
					{
						operation: 'getMany',
						managingEntity: hotel,
						returnAll: false,
						limit: 5,
						sort: { rule: [{ field: 'createdDate', dir: 'desc' }] },
					},
					400,
				),
				node(
					'winkTravelAgent',
					'Book',
					{
						operation: 'createBooking',
						managingEntity: agency,
						rooms: {
							room: [
								{
									hotelIdentifier: ids.managingEntityId,
									roomRateIdentifier: ids.roomRateIds[0],
									startDate: '2026-12-10T00:00:00',
									adults: 2,
									guestFirstName: 'Noor',
									guestLastName: 'Haddad',
									guestEmail: 'noor@guest.example',
									roomOptions: { nights: 2 },
								},
							],
						},
						displayCurrency: 'EUR',
						displayLanguage: 'en',
						sourceUrl: 'https://atlas.example/book',
					},
					600,
				),
			]),
		],
	);

	const mark = sb.stats.requests.length;
	const x = await execute(FLOW);
	check('resources-a workflow ran', x.code === 0 && x.run?.status === 'success', tail(x.out));
	const sent = (operationId) =>
		sb.stats.requests.slice(mark).filter((r) => r.operationId === operationId);

	const [entity] = itemsOf(x.run, 'Invite');
	const ana = entity?.managers?.find((m) => m.email === 'ana.costa@example.com');
	check(
		'Wink Manager Invite: ana is a PENDING manager with her grant',
		ana?.status === 'PENDING' && ana.sectionGrants?.[0]?.section === 'BOOKING',
		JSON.stringify(ana),
	);
	const invite = sent('inviteManager');
	check(
		'Wink Manager Invite: one PATCH, grants as an array (fixedCollection nesting undone)',
		invite.length === 1 &&
			JSON.stringify(invite[0].body) ===
				JSON.stringify({
					email: 'ana.costa@example.com',
					sectionGrants: [{ section: 'BOOKING', level: 'READ' }],
				}),
		JSON.stringify(invite.map((r) => r.body)),
	);

	const created = sent('createCustomization');
	check(
		'Wink Customization Create: dates sent as YYYY-MM-DD',
		created.length === 1 &&
			created[0].body.startDate === '2026-12-01' &&
			created[0].body.endDate === '2026-12-04',
		JSON.stringify(created.map((r) => r.body)),
	);
	check(
		'Wink Customization Create: the new customization',
		itemsOf(x.run, 'Create Customization')[0]?.name === 'e2e winter',
	);

	const [confirmation] = itemsOf(x.run, 'Book');
	const bookings = itemsOf(x.run, 'Bookings');
	// The grid ran before the agent booking (a branch further down) was made.
	const booked = new Set((confirmation?.list ?? []).map((b) => b.id));
	const newest = sb.state.bookings[ids.managingEntityId]
		.filter((b) => !booked.has(b.id))
		.slice(0, 5)
		.map((b) => b.id);
	check(
		'Wink Booking Get Many: 5 newest bookings, each with totalFunds',
		bookings.length === 5 &&
			bookings.every(
				(b, i) => b.id === newest[i] && typeof b.totalFunds?.internalAmount === 'number',
			),
		JSON.stringify(bookings.map((b) => b.id)),
	);
	const grid = sent('showBookingGrid');
	check(
		'Wink Booking Get Many: one State request with the sort',
		grid.length === 1 && grid[0].body.take === 5 && grid[0].body.sort?.[0]?.dir === 'desc',
		JSON.stringify(grid.map((r) => r.body)),
	);

	check(
		'Wink Travel Agent Create Booking: one booking made',
		confirmation?.list?.length === 1 && confirmation.list[0].paymentType === 'AGENT',
		JSON.stringify(confirmation),
	);
	check(
		'Wink Travel Agent Create Booking: POSTed exactly once',
		sent('createAgentBooking').length === 1,
	);
}
