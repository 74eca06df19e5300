import type { INodeParameters } from 'n8n-workflow';
import { apiRequests, useWink } from '../harness/fixture';

// Get Ledger Transactions "Since": the ledger is newest first and has no date filter, so an
// incremental read stops paging at the first entry not newer than the cursor.
describe('Get Ledger Transactions Since', () => {
	const w = useWink();
	const MINUTE = 60_000;
	const NEWEST = Date.parse('2026-11-01T12:00:00Z');

	/** A ledger of `n` entries, one a minute back from NEWEST (newest first, as Wink serves it). */
	function bigLedger(n: number) {
		const me = w.sb.managingEntityId;
		const ledger = Array.from({ length: n }, (_, i) => ({
			id: `le-${String(i).padStart(6, '0')}`,
			createdDate: new Date(NEWEST - i * MINUTE).toISOString(),
			type: 'CREDIT',
			entry: { amount: 1, currency: 'EUR' },
		}));
		w.sb.state.ledger[me] = ledger;
		return ledger;
	}

	const read = (options: INodeParameters, paging: INodeParameters = { returnAll: true }) =>
		w.h.run({
			parameters: { operation: 'getTransactions', managingEntity: w.me, ...paging, options },
		});

	test('a daily run over 100,000 entries with 50 new makes 1 request (Since Entry ID)', async () => {
		const ledger = bigLedger(100_000);
		const { items, error } = await read({ sinceEntryId: ledger[50].id });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(ledger.slice(0, 50).map((e) => e.id));
		expect(apiRequests(w.sb).map((r) => r.query)).toEqual([{ page: '0', size: '100' }]);
	});

	test('the same with a date-time: entries created after it, 1 request', async () => {
		const ledger = bigLedger(100_000);
		const since = new Date(NEWEST - 50 * MINUTE).toISOString();
		const { items } = await read({ since });
		const newer = ledger.filter((e) => Date.parse(e.createdDate) > Date.parse(since));
		expect(newer).toHaveLength(50);
		expect(items.map((i) => i.json.id)).toEqual(newer.map((e) => e.id));
		expect(apiRequests(w.sb)).toHaveLength(1);
	});

	test('a cursor on the third page reads three pages and keeps every newer entry', async () => {
		const ledger = bigLedger(100_000);
		const { items } = await read({ sinceEntryId: ledger[250].id });
		expect(items.map((i) => i.json.id)).toEqual(ledger.slice(0, 250).map((e) => e.id));
		expect(apiRequests(w.sb).map((r) => r.query.page)).toEqual(['0', '1', '2']);
	});

	test('nothing new: no items, 1 request', async () => {
		const ledger = bigLedger(1000);
		const { items, error } = await read({ sinceEntryId: ledger[0].id });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(0);
		expect(apiRequests(w.sb)).toHaveLength(1);
	});

	test('a Limit still caps the read; whichever of Limit and Since comes first ends it', async () => {
		const ledger = bigLedger(1000);
		let { items } = await read({ sinceEntryId: ledger[50].id }, { returnAll: false, limit: 20 });
		expect(items.map((i) => i.json.id)).toEqual(ledger.slice(0, 20).map((e) => e.id));
		({ items } = await read({ sinceEntryId: ledger[10].id }, { returnAll: false, limit: 20 }));
		expect(items).toHaveLength(10);
	});

	test('with both, the walk stops at whichever is reached first', async () => {
		const ledger = bigLedger(1000);
		const { items } = await read({ sinceEntryId: ledger[300].id, since: ledger[30].createdDate });
		expect(items).toHaveLength(30);
		expect(apiRequests(w.sb)).toHaveLength(1);
	});

	test("a date-time without a zone is read in the workflow's time zone", async () => {
		bigLedger(1000);
		// The harness workflow has no time zone setting: n8n's default, America/New_York (EST in
		// November, UTC-5), applies. 06:30 there is 11:30 UTC: 30 entries are newer.
		const { items } = await read({ since: '2026-11-01T06:30:00' });
		expect(items).toHaveLength(30);
	});

	test('an entry ID that is not in the ledger is an error, not a silent full read', async () => {
		bigLedger(250);
		const { items, error } = await read({ sinceEntryId: 'le-missing' });
		expect(items).toHaveLength(0);
		expect(error?.message).toBe("Since Entry ID 'le-missing' is not in the list");
		expect(error?.description).toContain('All 250 entries were read');
	});

	test('an invalid date-time is an error before any request', async () => {
		bigLedger(10);
		const { error } = await read({ since: 'yesterday-ish' });
		expect(error?.message).toBe("Since is not a date-time: 'yesterday-ish'");
		expect(apiRequests(w.sb)).toHaveLength(0);
	});
});
