import type { IDataObject } from 'n8n-workflow';
import { apiRequests, useWink } from '../harness/fixture';
import { cleanBooks, credit, DAY, HOUR, iso, NOW, withdrawal } from './fixture';

// "Since the Last Run": the cursor in the workflow's static data (n8n saves it after production
// runs; the harness keeps the object between runs the way n8n's database would).
describe('Reconcile since the last run', () => {
	const w = useWink();
	const ledger = () => w.sb.state.ledger[w.sb.managingEntityId] as IDataObject[];
	const add = (...entries: IDataObject[]) => {
		ledger().unshift(...entries);
		ledger().sort((a, b) => (String(a.createdDate) < String(b.createdDate) ? 1 : -1));
	};
	const run = (staticData: IDataObject, reconcileOutput = 'summary') =>
		w.h.run({
			parameters: { operation: 'reconcile', managingEntity: w.me, reconcileOutput },
			staticData,
		});
	/** Per currency: [entries, credits] of a summary run. */
	const counted = (items: Array<{ json: IDataObject }>) =>
		Object.fromEntries(items.map((i) => [i.json.currency, [i.json.entries, i.json.credits]]));

	test('several runs with entries added between them, two at one timestamp: each entry counted once', async () => {
		const b = cleanBooks();
		w.sb.state.withdrawals[w.sb.managingEntityId] = b.withdrawals;
		w.sb.state.ledger[w.sb.managingEntityId] = b.ledger;
		const data: IDataObject = {};
		// First run: no cursor, no First Run From: the whole history.
		let { items } = await run(data);
		expect(counted(items)).toEqual({ EUR: [4, 2120.5], GBP: [2, 300], USD: [2, 1200] });

		// Two entries at the same millisecond, newer than everything.
		const t1 = NOW + HOUR;
		add(credit('le-n1', t1, 1.01), credit('le-n2', t1, 2.02));
		({ items } = await run(data));
		expect(counted(items)).toEqual({ EUR: [2, 3.03] });

		// A third entry at that same millisecond (written late), and a newer one.
		add(credit('le-n3', t1, 4.04), credit('le-n4', t1 + 1, 8.08, 'GBP'));
		({ items } = await run(data));
		expect(counted(items)).toEqual({ EUR: [1, 4.04], GBP: [1, 8.08] });

		// Nothing new: nothing counted (EUR is there for its still PENDING withdrawal), and the
		// ledger read stops on its first page, at that withdrawal's request.
		w.sb.resetStats();
		({ items } = await run(data));
		expect(counted(items)).toEqual({ EUR: [0, 0] });
		expect(items[0].json).toMatchObject({ withdrawals: 1, completed: 0 });
		expect(apiRequests(w.sb).map((r) => r.operationId)).toEqual([
			'getWithdrawalHistory',
			'getTransactionHistory',
		]);
	});

	test('withdrawals: a new one is reported once; one still open is reported until it closes', async () => {
		const b = cleanBooks();
		w.sb.state.withdrawals[w.sb.managingEntityId] = b.withdrawals;
		w.sb.state.ledger[w.sb.managingEntityId] = b.ledger;
		const data: IDataObject = {};
		const refs = async () =>
			(await run(data, 'withdrawals')).items.map(
				(i) => `${i.json.referenceCode} ${i.json.status} ${i.json.verdict}`,
			);
		expect(await refs()).toHaveLength(5);
		// Only the PENDING one is still open.
		expect(await refs()).toEqual(['WD-DDD444 PENDING matched']);
		const fresh = withdrawal('wd-fff666', 'COMPLETED', 'EUR', [50, 4.6, 0.3, 45.1], NOW + HOUR);
		w.sb.state.withdrawals[w.sb.managingEntityId].unshift(fresh);
		add({
			...credit('le-wd-fff666', NOW + HOUR, -50),
			referenceType: 'WITHDRAWAL',
			referenceIdentifier: fresh.id,
			type: 'DEBIT',
		});
		const pending = b.withdrawals.find((x) => x.id === 'wd-ddd444')!;
		Object.assign(pending, {
			status: 'COMPLETED',
			completedAt: iso(NOW + 2 * HOUR),
			lastUpdate: iso(NOW + 2 * HOUR),
		});
		expect(await refs()).toEqual(['WD-FFF666 COMPLETED matched', 'WD-DDD444 COMPLETED matched']);
		expect(await refs()).toEqual([]);
	});

	test('First Run From starts the first run; the cursor belongs to one managing entity', async () => {
		const b = cleanBooks();
		w.sb.state.withdrawals[w.sb.managingEntityId] = b.withdrawals;
		w.sb.state.ledger[w.sb.managingEntityId] = b.ledger;
		const data: IDataObject = {};
		const first = await w.h.run({
			parameters: {
				operation: 'reconcile',
				managingEntity: w.me,
				reconcileOutput: 'summary',
				firstRunFrom: iso(NOW - 2 * DAY),
			},
			staticData: data,
		});
		expect(counted(first.items)).toEqual({ EUR: [2, 120.5] });
		// Another entity's cursor is not this one's: a run for it starts over.
		const stored = (data['node:Wink'] as IDataObject).reconcileCursor as IDataObject;
		(data['node:Wink'] as IDataObject).reconcileCursor = { ...stored, scope: 'me-other' };
		expect(counted((await run(data)).items)).toEqual({
			EUR: [4, 2120.5],
			GBP: [2, 300],
			USD: [2, 1200],
		});
	});
});
