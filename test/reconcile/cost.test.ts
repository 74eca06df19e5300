import type { IDataObject } from 'n8n-workflow';
import { apiRequests, useWink } from '../harness/fixture';
import { credit, DAY, iso, NOW, withdrawal } from './fixture';

// What a daily "Since the Last Run" costs in requests: a ledger of 100,000 entries, 50 new a day
// (one every 28.8 minutes), measured against the sandbox. Figures for docs/reconciliation.md.
describe('Reconcile: the request cost of a daily run', () => {
	const w = useWink();
	const SPACING = DAY / 50;

	function books(open: boolean) {
		const me = w.sb.managingEntityId;
		// Newest first, the newest a day ago: the run "today" will find the 50 added below.
		w.sb.state.ledger[me] = Array.from({ length: 100_000 }, (_, i) =>
			credit(`le-${String(i).padStart(6, '0')}`, NOW - DAY - i * SPACING, 1),
		);
		const ws = [withdrawal('wd-old001', 'COMPLETED', 'EUR', [100, 4.6, 0.6, 94.8], NOW - 30 * DAY)];
		if (open)
			ws.unshift(withdrawal('wd-open01', 'PENDING', 'EUR', [100, 4.6, 0.6, 94.8], NOW - 3 * DAY));
		w.sb.state.withdrawals[me] = ws;
	}
	const run = (data: IDataObject, extra: IDataObject = {}) =>
		w.h.run({
			parameters: {
				operation: 'reconcile',
				managingEntity: w.me,
				reconcileOutput: 'summary',
				...extra,
			},
			staticData: data,
		});
	const addDay = () => {
		const ledger = w.sb.state.ledger[w.sb.managingEntityId] as IDataObject[];
		ledger.unshift(
			...Array.from({ length: 50 }, (_, i) =>
				credit(`le-new-${i}`, NOW - (i + 1) * SPACING + 1000, 1),
			),
		);
	};

	test.each([
		['no withdrawal open', false, 2],
		['a withdrawal PENDING for 3 days (read back to its request)', true, 3],
	])('%s', async (label, open, expected) => {
		books(open);
		const data: IDataObject = {};
		const first = await run(data, { firstRunFrom: iso(NOW - 2 * DAY) });
		expect(first.error).toBeUndefined();
		addDay();
		w.sb.resetStats();
		const { items } = await run(data);
		const requests = apiRequests(w.sb);
		const tokens = w.sb.stats.requests.length - requests.length;
		console.log(
			`Daily run, 100,000 entries, 50 new, ${label}: ${requests.length} API requests (${requests.map((r) => r.operationId).join(', ')}) + ${tokens} token`,
		);
		expect((items[0].json as IDataObject).entries).toBe(50);
		expect(requests).toHaveLength(expected);
	});
});
