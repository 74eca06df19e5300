// Wink Settlement Trigger through n8n-core's PollContext, against the sandbox's ledger and withdrawals.
import type { IDataObject } from 'n8n-workflow';
import { retryPolicy } from '../../nodes/shared/transport/request';
import { apiRequests, byId, eurWithdrawal, useShortRetries, useWink } from '../harness/fixture';
import { useTriggerHost } from '../harness/triggers';

const wink = useWink();
const host = useTriggerHost(wink);
useShortRetries(5, 20);

const ledgerTrigger = (options: Record<string, string> = {}) =>
	host().pollTrigger({
		event: 'newLedgerEntry',
		managingEntity: byId(wink.sb.managingEntityId),
		options,
	});
const withdrawalTrigger = () =>
	host().pollTrigger({
		event: 'withdrawalStatusChanged',
		managingEntity: byId(wink.sb.managingEntityId),
	});
const ledgerCalls = () =>
	apiRequests(wink.sb).filter((r) => r.operationId === 'getTransactionHistory');
const add = (n: number) =>
	Array.from({ length: n }, (_, i) =>
		wink.sb.addLedgerEntry({ amount: i + 1, description: `entry ${i + 1}` }),
	);
const ids = (items: Array<{ json: IDataObject }> | null) => (items ?? []).map((i) => i.json.id);

describe('Wink Settlement Trigger: New Ledger Entry', () => {
	test('the first poll emits nothing and reads one page; new entries come once each, oldest first', async () => {
		const t = ledgerTrigger();
		expect(await t.poll()).toBeNull();
		expect(ledgerCalls()).toHaveLength(1);
		const added = add(3);
		const items = await t.poll();
		expect(ids(items)).toEqual(added.map((e) => e.id));
		expect(await t.poll()).toBeNull();
	});

	test('pages only until the cursor: 150 new entries in 2 requests, the 3000 old ones never again', async () => {
		const t = ledgerTrigger();
		await t.poll();
		const added = add(150);
		wink.sb.resetStats();
		const items = await t.poll();
		expect(ids(items)).toEqual(added.map((e) => e.id));
		expect(ledgerCalls().map((r) => r.query)).toEqual([
			{ page: '0', size: '100' },
			{ page: '1', size: '100' },
		]);
	});

	test('entries created at the same moment as the cursor are not lost or repeated', async () => {
		const t = ledgerTrigger();
		const [first] = add(1);
		await t.poll();
		// Another entry with exactly the cursor's creation time, written after the poll.
		const twin = { ...first, id: 'le-twin', description: 'twin' };
		wink.sb.state.ledger[wink.sb.managingEntityId].unshift(twin);
		expect(ids(await t.poll())).toEqual(['le-twin']);
		expect(await t.poll()).toBeNull();
	});

	test('entries arriving between page requests: the repeated ones come once, the late ones at the next poll', async () => {
		const t = ledgerTrigger();
		await t.poll();
		const added = add(150);
		wink.sb.resetStats();
		// The second page waits; three entries arrive meanwhile and shift the ledger by three, so
		// that page starts with the last three entries of the first.
		wink.sb.inject({ operationId: 'getTransactionHistory', skip: 1, delayMs: 300 });
		const polled = t.poll();
		while (ledgerCalls().length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
		const late = add(3);
		expect(ids(await polled)).toEqual(added.map((e) => e.id));
		expect(ids(await t.poll())).toEqual(late.map((e) => e.id));
		expect(await t.poll()).toBeNull();
	});

	test('a failed poll (503) loses and repeats nothing', async () => {
		const t = ledgerTrigger();
		await t.poll();
		const before = add(2);
		wink.sb.inject({
			operationId: 'getTransactionHistory',
			status: 503,
			times: retryPolicy.maxRetries + 1,
		});
		await expect(t.poll()).rejects.toThrow(/503/);
		const after = add(2);
		expect(ids(await t.poll())).toEqual([...before, ...after].map((e) => e.id));
		expect(await t.poll()).toBeNull();
	});

	test('a failure on the second page keeps the cursor where it was', async () => {
		const t = ledgerTrigger();
		await t.poll();
		const added = add(120);
		wink.sb.inject({ operationId: 'getTransactionHistory', status: 500, skip: 1 });
		await expect(t.poll()).rejects.toThrow(/500/);
		expect(ids(await t.poll())).toEqual(added.map((e) => e.id));
	});

	test('after a restart the saved cursor is used: nothing repeated', async () => {
		const t = ledgerTrigger();
		await t.poll();
		add(2);
		await t.poll();
		t.restart();
		expect(await t.poll()).toBeNull();
		const [next] = add(1);
		expect(ids(await t.poll())).toEqual([next.id]);
	});

	test('Backfill Since: the first poll emits the entries since then', async () => {
		const ledger = wink.sb.state.ledger[wink.sb.managingEntityId] as IDataObject[];
		const since = String(ledger[4].createdDate);
		const t = ledgerTrigger({ backfillSince: since });
		const items = await t.poll();
		const expected = ledger
			.filter((e) => Date.parse(String(e.createdDate)) >= Date.parse(since))
			.map((e) => e.id)
			.reverse();
		expect(expected.length).toBeGreaterThanOrEqual(5);
		expect(ids(items)).toEqual(expected);
		expect(await t.poll()).toBeNull();
	});

	test("the editor's Fetch Test Event shows the newest entry and moves no cursor", async () => {
		const t = ledgerTrigger();
		await t.poll();
		const [a] = add(1);
		expect(ids(await t.poll('manual'))).toEqual([a.id]);
		expect(ids(await t.poll())).toEqual([a.id]);
	});

	test('another managing entity starts a new cursor', async () => {
		const t = ledgerTrigger();
		await t.poll();
		// Already in the other entity's ledger when the trigger is switched to it: not new.
		wink.sb.addLedgerEntry({ managingEntityIdentifier: wink.sb.ids.secondaryManagingEntityId });
		t.restart({
			event: 'newLedgerEntry',
			managingEntity: byId(wink.sb.ids.secondaryManagingEntityId),
			options: {},
		});
		expect(await t.poll()).toBeNull();
		const [entry] = [
			wink.sb.addLedgerEntry({ managingEntityIdentifier: wink.sb.ids.secondaryManagingEntityId }),
		];
		expect(ids(await t.poll())).toEqual([entry.id]);
	});
});

describe('Wink Settlement Trigger: Withdrawal Status Changed', () => {
	test('PENDING → PROCESSING → COMPLETED: each status once, with the previous one; a 503 in between', async () => {
		const t = withdrawalTrigger();
		expect(await t.poll()).toBeNull();
		const { items, error } = await wink.h.run({ parameters: eurWithdrawal(wink.sb) });
		expect(error).toBeUndefined();
		const id = items[0].json.id as string;

		const status = async () =>
			(await t.poll())?.map((i) => [i.json.id, i.json.previousStatus, i.json.status]) ?? null;
		expect(await status()).toEqual([[id, null, 'PENDING']]);
		expect(await status()).toBeNull();
		wink.sb.setWithdrawalStatus(id, 'PROCESSING');
		wink.sb.inject({
			operationId: 'getWithdrawalHistory',
			status: 503,
			times: retryPolicy.maxRetries + 1,
		});
		await expect(t.poll()).rejects.toThrow(/503/);
		expect(await status()).toEqual([[id, 'PENDING', 'PROCESSING']]);
		wink.sb.setWithdrawalStatus(id, 'COMPLETED');
		expect(await status()).toEqual([[id, 'PROCESSING', 'COMPLETED']]);
		expect(await status()).toBeNull();
	});

	test('the first poll emits nothing for the seeded history', async () => {
		const t = withdrawalTrigger();
		expect(await t.poll()).toBeNull();
		const seeded = wink.sb.state.withdrawals[wink.sb.managingEntityId] as IDataObject[];
		const pending = seeded.find((w) => w.status === 'PENDING')!;
		wink.sb.setWithdrawalStatus(pending.id as string, 'FAILED');
		expect((await t.poll())?.map((i) => [i.json.id, i.json.previousStatus, i.json.status])).toEqual(
			[[pending.id, 'PENDING', 'FAILED']],
		);
	});
});

describe('Wink Settlement Trigger version 2: Simplify, as Wink Settlement version 2', () => {
	const v2 = (parameters: IDataObject) =>
		host().pollTrigger(
			{ managingEntity: byId(wink.sb.managingEntityId), options: {}, ...parameters },
			2,
		);
	const raw = (items: Array<{ json: IDataObject }> | null) => (items ?? []).map((i) => i.json);

	test('New Ledger Entry: flat items with amount and currency out of `entry`; version 1 unchanged', async () => {
		const t2 = v2({ event: 'newLedgerEntry' });
		const t1 = ledgerTrigger();
		await t2.poll();
		await t1.poll();
		const [entry] = add(1);
		const [simple] = raw(await t2.poll());
		expect(Object.keys(simple).slice(0, 4)).toEqual([
			'createdDate',
			'description',
			'amount',
			'currency',
		]);
		expect(simple).toMatchObject({
			id: entry.id,
			amount: (entry.entry as IDataObject).amount,
			currency: (entry.entry as IDataObject).currency,
		});
		expect(simple).not.toHaveProperty('entry');
		// Version 1 keeps Wink's raw entry.
		expect(raw(await t1.poll())).toEqual([entry]);
	});

	test('Simplify off: the raw entry, as version 1', async () => {
		const t = v2({ event: 'newLedgerEntry', simplify: false });
		await t.poll();
		const [entry] = add(1);
		expect(raw(await t.poll())).toEqual([entry]);
	});

	test('Withdrawal Status Changed: reference code, status and previous status first', async () => {
		const t = v2({ event: 'withdrawalStatusChanged' });
		await t.poll();
		const seeded = wink.sb.state.withdrawals[wink.sb.managingEntityId] as IDataObject[];
		const pending = seeded.find((w) => w.status === 'PENDING')!;
		wink.sb.setWithdrawalStatus(pending.id as string, 'FAILED');
		const [item] = raw(await t.poll());
		expect(Object.keys(item).slice(0, 4)).toEqual([
			'referenceCode',
			'status',
			'previousStatus',
			'amount',
		]);
		expect(item).toMatchObject({
			id: pending.id,
			status: 'FAILED',
			previousStatus: 'PENDING',
			referenceCode: pending.referenceCode,
		});
	});
});
