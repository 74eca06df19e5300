import type { IDataObject } from 'n8n-workflow';
import { customizationOperations } from '../../nodes/WinkCustomization/operations';
import { byId, sandboxCredential, useWink } from '../harness/fixture';
import { agencyMe, type Case, describeNodeCases, seeded, ME } from '../harness/nodeCases';

const cases: Case[] = [
	{
		node: 'winkCustomization',
		operation: 'create',
		parameters: () => ({
			name: 'Winter',
			additionalFields: {
				startDate: '2026-12-01T00:00:00',
				endDate: '2026-12-04T00:00:00',
				useDays: false,
				roomConfigurations: {
					room: [{ adults: 2, quantity: 1, children: { child: [{ age: 7, quantity: 1 }] } }],
				},
			},
			themeColors: { primary: '#0a3d62' },
		}),
		request: ({ sb }) => ({
			method: 'POST',
			path: `${ME(sb)}/studio/customization`,
			body: {
				name: 'Winter',
				startDate: '2026-12-01',
				endDate: '2026-12-04',
				useDays: false,
				roomConfigurations: [{ adults: 2, children: [{ age: 7, quantity: 1 }] }],
				themeColors: { primary: '#0a3d62' },
			},
		}),
		items: (items) =>
			expect(items[0]).toMatchObject({
				name: 'Winter',
				primary: false,
				startDate: '2026-12-01',
				themeColors: { primary: '#0a3d62' },
			}),
		refused: {
			parameters: () => ({
				name: 'Winter',
				additionalFields: { startDate: '2026-12-04T00:00:00', endDate: '2026-12-01T00:00:00' },
			}),
			message: /^Wink rejected the request \(400\): endDate must not be before startDate/,
		},
	},
	{
		node: 'winkCustomization',
		operation: 'getMany',
		parameters: () => ({}),
		request: ({ sb }) => ({ method: 'GET', path: `${ME(sb)}/studio/customization/list` }),
		items: (items, { sb }) => expect(items.map((c) => c.id)).toEqual(seeded(sb).customizationIds),
		refused: {
			parameters: () => ({ managingEntity: byId('me-unknown') }),
			message: /^Not found: Managing entity 'me-unknown' not found/,
		},
	},
	{
		node: 'winkCustomization',
		operation: 'getPrimary',
		parameters: () => ({}),
		request: ({ sb }) => ({ method: 'GET', path: `${ME(sb)}/studio/customization` }),
		items: (items, { sb }) =>
			expect(items.map((i) => [i.id, i.primary])).toEqual([[seeded(sb).customizationIds[0], true]]),
		refused: {
			parameters: ({ sb }) => ({ managingEntity: agencyMe(sb) }),
			message: /^Not found: .*has no primary customization/,
		},
	},
	{
		node: 'winkCustomization',
		operation: 'get',
		parameters: ({ sb }) => ({ customizationIdentifier: byId(seeded(sb).customizationIds[1]) }),
		request: ({ sb }) => ({
			method: 'GET',
			path: `${ME(sb)}/studio/customization/${seeded(sb).customizationIds[1]}`,
		}),
		items: (items) => expect(items.map((i) => i.name)).toEqual(['Summer campaign']),
		refused: {
			parameters: () => ({ customizationIdentifier: byId('cz-missing') }),
			message: /^Not found: Customization 'cz-missing' not found/,
		},
	},
	{
		node: 'winkCustomization',
		operation: 'update',
		parameters: ({ sb }) => ({
			customizationIdentifier: byId(seeded(sb).customizationIds[1]),
			name: 'Summer 2027',
			additionalFields: { layout: 'TRANSACTIONAL' },
		}),
		request: ({ sb }) => ({
			method: 'PUT',
			path: `${ME(sb)}/studio/customization/${seeded(sb).customizationIds[1]}`,
			body: { name: 'Summer 2027', layout: 'TRANSACTIONAL' },
		}),
		// PUT replaces: the seeded promotional codes are gone.
		items: (items) => {
			expect(items[0]).toMatchObject({ name: 'Summer 2027', layout: 'TRANSACTIONAL' });
			expect(items[0].promotionalCodes).toBeUndefined();
		},
		refused: {
			parameters: () => ({ customizationIdentifier: byId('cz-missing'), name: 'X' }),
			message: /^Not found: Customization 'cz-missing' not found/,
		},
	},
	{
		node: 'winkCustomization',
		operation: 'delete',
		parameters: ({ sb }) => ({ customizationIdentifier: byId(seeded(sb).customizationIds[1]) }),
		request: ({ sb }) => ({
			method: 'DELETE',
			path: `${ME(sb)}/studio/customization/${seeded(sb).customizationIds[1]}`,
		}),
		items: (items, { sb }) => {
			expect(items.map((i) => i.id)).toEqual([seeded(sb).customizationIds[1]]);
			expect(sb.state.customizations[sb.managingEntityId].map((c: IDataObject) => c.id)).toEqual([
				seeded(sb).customizationIds[0],
			]);
		},
		refused: {
			parameters: ({ sb }) => ({ customizationIdentifier: byId(seeded(sb).customizationIds[0]) }),
			message: /^Wink rejected the request \(400\): A primary customization cannot be removed/,
		},
	},
];

describeNodeCases('Wink Customization: every operation', customizationOperations, cases);

// What users build with Wink Customization, through n8n's engine.
const SCOPES = ['account.read', 'account.write', 'account.remove', 'booking.read', 'booking.write'];

describe('Wink Customization flows', () => {
	const w = useWink();
	beforeEach(() => w.h.setCredential(sandboxCredential(w.sb, { scopes: SCOPES })));

	test('Customization "From list" lists the entity\'s customizations, the primary one marked', async () => {
		const { results } = await w.h.listSearch(
			'searchCustomizations',
			{ managingEntity: w.me },
			undefined,
			'n8n-nodes-wink.winkCustomization',
		);
		expect(results.map((r) => r.name)).toEqual([
			'Grand Azure booking engine (primary)',
			'Summer campaign',
		]);
	});
});
