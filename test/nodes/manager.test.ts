import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { managerOperations } from '../../nodes/WinkManager/operations';
import { apiRequests, byId, sandboxCredential, useWink } from '../harness/fixture';
import {
	type Case,
	describeNodeCases,
	hotel,
	managers,
	ME,
	withManager,
} from '../harness/nodeCases';

const cases: Case[] = [
	{
		node: 'winkManager',
		operation: 'invite',
		parameters: () => ({
			email: 'ana.costa@example.com',
			sectionGrants: { grant: [{ section: 'BOOKING', level: 'READ' }] },
		}),
		request: ({ sb }) => ({
			method: 'PATCH',
			path: `${ME(sb)}/manager/invite`,
			body: {
				email: 'ana.costa@example.com',
				sectionGrants: [{ section: 'BOOKING', level: 'READ' }],
			},
		}),
		items: (items) =>
			expect(managers(items).find((m) => m.email === 'ana.costa@example.com')).toMatchObject({
				status: 'PENDING',
				sectionGrants: [{ section: 'BOOKING', level: 'READ' }],
			}),
		refused: {
			parameters: () => ({ email: 'nobody@example.com' }),
			message:
				/^Wink rejected the request \(400\): No Wink user has the email 'nobody@example.com'/,
		},
	},
	{
		node: 'winkManager',
		operation: 'updateGrants',
		parameters: ({ sb }) => ({
			managerUserIdentifier: byId(withManager(sb).userIdentifier),
			sectionGrants: { grant: [{ section: 'PAYMENT', level: 'FULL' }, { section: 'ACCOUNTING' }] },
		}),
		request: ({ sb }) => ({
			method: 'PATCH',
			path: `${ME(sb)}/manager/user-ana/grants`,
			body: {
				sectionGrants: [
					{ section: 'PAYMENT', level: 'FULL' },
					{ section: 'ACCOUNTING', level: 'READ' },
				],
			},
		}),
		items: (items) =>
			expect(managers(items).find((m) => m.userIdentifier === 'user-ana')?.sectionGrants).toEqual([
				{ section: 'PAYMENT', level: 'FULL' },
				{ section: 'ACCOUNTING', level: 'READ' },
			]),
		refused: {
			parameters: ({ sb }) => ({
				managerUserIdentifier: byId(hotel(sb).managers[0].userIdentifier),
				sectionGrants: { grant: [{ section: 'ALL', level: 'READ' }] },
			}),
			message: /^Wink rejected the request \(400\): The account owner's grants cannot be changed/,
		},
	},
	{
		node: 'winkManager',
		operation: 'remove',
		parameters: ({ sb }) => ({ email: withManager(sb).email }),
		request: ({ sb }) => ({ method: 'DELETE', path: `${ME(sb)}/manager/ana.costa%40example.com` }),
		items: (items) =>
			expect(managers(items).map((m) => m.email)).not.toContain('ana.costa@example.com'),
		refused: { parameters: () => ({ email: 'nobody@example.com' }), message: /^Not found/ },
	},
	{
		node: 'winkManager',
		operation: 'setAgency',
		parameters: ({ sb }) => ({
			agencyId: sb.ids.secondaryManagingEntityId,
			commissionInPercent: 12.5,
			rules: { expires: '2027-03-31T00:00:00', numBookings: 20 },
		}),
		request: ({ sb }) => ({
			method: 'PATCH',
			path: `${ME(sb)}/manager/agency`,
			body: {
				managingEntityIdentifier: sb.ids.secondaryManagingEntityId,
				commissionInPercent: 12.5,
				rules: { expires: '2027-03-31', numBookings: 20 },
			},
		}),
		items: (items, { sb }) =>
			expect(items[0].managedBy).toMatchObject({
				identifier: sb.ids.secondaryManagingEntityId,
				commissionInPercent: 12.5,
				rules: { expires: '2027-03-31', numBookings: 20 },
			}),
		refused: {
			parameters: ({ sb }) => ({ agencyId: sb.managingEntityId, commissionInPercent: 5 }),
			message:
				/^Wink rejected the request \(400\): A managing entity cannot be its own managing agency/,
		},
	},
	{
		node: 'winkManager',
		operation: 'removeAgency',
		parameters: ({ sb }) => {
			hotel(sb).managedBy = {
				identifier: sb.ids.secondaryManagingEntityId,
				name: 'Atlas',
				commissionInPercent: 10,
			};
			return {};
		},
		request: ({ sb }) => ({ method: 'DELETE', path: `${ME(sb)}/manager/agency` }),
		items: (items) => expect(items[0].managedBy).toBeNull(),
		refused: { parameters: () => ({}), message: /^Not found: .*has no managing agency/ },
	},
];

describeNodeCases('Wink Manager: every operation', managerOperations, cases);

// What users build with Wink Manager, through n8n's engine.
const SCOPES = ['account.read', 'account.write', 'account.remove', 'booking.read', 'booking.write'];

describe('Wink Manager flows', () => {
	const w = useWink();
	beforeEach(() => w.h.setCredential(sandboxCredential(w.sb, { scopes: SCOPES })));
	const manager = (parameters: INodeParameters, items?: IDataObject[]) =>
		w.h.run({
			nodeType: 'n8n-nodes-wink.winkManager',
			parameters: { managingEntity: w.me, ...parameters },
			items,
		});

	test('invite a manager, update their grants (picked from the list), remove them', async () => {
		const email = 'marta.ferreira@example.com';
		const invited = await manager({ operation: 'invite', email });
		expect(invited.error).toBeUndefined();

		const picked = await w.h.listSearch(
			'searchManagers',
			{ managingEntity: w.me },
			'marta',
			'n8n-nodes-wink.winkManager',
		);
		expect(picked.results).toHaveLength(1);
		expect(picked.results[0].name).toBe('Marta Ferreira <marta.ferreira@example.com> (pending)');

		// The next node takes the manager from the invite's output, as a user would with an expression.
		const updated = await manager(
			{
				operation: 'updateGrants',
				managerUserIdentifier: {
					__rl: true,
					mode: 'id',
					value: '={{ $json.managers.find(m => m.email === $json.email).userIdentifier }}',
				},
				sectionGrants: { grant: [{ section: 'BOOKING', level: 'WRITE' }] },
			},
			[{ ...invited.items[0].json, email }],
		);
		expect(updated.error).toBeUndefined();
		expect(apiRequests(w.sb).at(-1)!.path).toBe(
			`/api/managing-entity/${w.sb.managingEntityId}/manager/${picked.results[0].value}/grants`,
		);
		const grants = (updated.items[0].json.managers as IDataObject[]).find(
			(m) => m.email === email,
		)!.sectionGrants;
		expect(grants).toEqual([{ section: 'BOOKING', level: 'WRITE' }]);

		const removed = await manager({ operation: 'remove', email });
		expect(removed.error).toBeUndefined();
		expect((removed.items[0].json.managers as IDataObject[]).map((m) => m.email)).not.toContain(
			email,
		);
		expect(
			w.sb.state.managingEntities[w.sb.managingEntityId].managers.map((m: IDataObject) => m.email),
		).not.toContain(email);
	});

	test('Update Grants refuses no grant at all before sending (the spec asks for at least one)', async () => {
		const { error } = await manager({
			operation: 'updateGrants',
			managerUserIdentifier: byId('user-x'),
		});
		expect(error?.message).toBe(
			'Section Grants: sectionGrants must have at least 1 item(s) (item 0)',
		);
		expect(apiRequests(w.sb)).toHaveLength(0);
	});
});
