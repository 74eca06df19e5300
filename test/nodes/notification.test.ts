import type { IDataObject } from 'n8n-workflow';
import { notificationOperations } from '../../nodes/WinkNotification/operations';
import { byId, useWink } from '../harness/fixture';
import {
	agencyPendingApproval,
	type Case,
	describeNodeCases,
	flowRunner,
	ids,
} from '../harness/nodeCases';

const cases: Case[] = [
	{
		node: 'winkNotification',
		operation: 'getMany',
		request: (c) => ({ method: 'GET', path: `${c.mePath}/message/list` }),
		items: (items, c) => {
			expect(ids(items)).toEqual(ids(c.sb.state.notifications[c.meId]));
			expect(items).toHaveLength(6);
			const dates = items.map((i) => i.createdDate as string);
			expect(dates).toEqual([...dates].sort().reverse());
		},
	},
	{
		node: 'winkNotification',
		operation: 'get',
		parameters: (c) => ({ messageIdentifier: byId(c.message.id as string) }),
		request: (c) => ({ method: 'GET', path: `${c.mePath}/message/${c.message.id}` }),
		items: ([message], c) => expect(message).toEqual(c.message),
		refused: {
			parameters: () => ({ messageIdentifier: byId('msg-missing') }),
			message: "Not found: Notification 'msg-missing' not found",
		},
	},
	{
		node: 'winkNotification',
		operation: 'delete',
		parameters: (c) => ({ messageIdentifier: byId(c.message.id as string) }),
		request: (c) => ({ method: 'DELETE', path: `${c.mePath}/message/${c.message.id}` }),
		items: ([message], c) => {
			expect(message.id).toBe(c.message.id);
			expect(ids(c.sb.state.notifications[c.meId])).not.toContain(c.message.id);
		},
		refused: {
			parameters: () => ({ messageIdentifier: byId('msg-missing') }),
			message: "Not found: Notification 'msg-missing' not found",
		},
	},
	{
		node: 'winkNotification',
		operation: 'getUnreadCount',
		request: (c) => ({ method: 'GET', path: `${c.mePath}/message/count` }),
		items: (items) => expect(items).toEqual([{ success: true, count: 3 }]),
	},
];

describeNodeCases('Wink Notification: every operation', notificationOperations, cases, {
	beforeEach: agencyPendingApproval,
});

// Flows a user builds with Wink Notification, through n8n's engine against the sandbox.
describe('Wink Notification flows', () => {
	const w = useWink();
	const run = flowRunner(w);

	test('unread count → delete an unread notification → the count drops and it is gone', async () => {
		const count = async () =>
			(await run('winkNotification', { operation: 'getUnreadCount' })).items[0].count;
		expect(await count()).toBe(3);
		const { items } = await run('winkNotification', { operation: 'getMany' });
		const unread = items.find((m) => m.read === false)!;
		await run('winkNotification', {
			operation: 'delete',
			messageIdentifier: byId(unread.id as string),
		});
		expect(await count()).toBe(2);
		const gone = await run('winkNotification', {
			operation: 'get',
			messageIdentifier: byId(unread.id as string),
		});
		expect(gone.error?.message).toBe(`Not found: Notification '${unread.id}' not found`);
	});

	test('the Notification picker lists the chosen entity’s notifications, unread ones marked', async () => {
		const messages = await w.h.listSearch(
			'searchNotifications',
			{ operation: 'get', managingEntity: w.me },
			undefined,
			'n8n-nodes-wink.winkNotification',
		);
		const seeded = w.sb.state.notifications[w.sb.managingEntityId] as IDataObject[];
		expect(messages.results.map((r) => r.value)).toEqual(seeded.map((m) => m.id));
		expect(messages.results[0].name).toBe(
			`● Payout failed (${String(seeded[0].createdDate).slice(0, 10)})`,
		);
		expect(messages.results.filter((r) => r.name.startsWith('● '))).toHaveLength(3);
	});
});
