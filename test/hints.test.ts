// The notices n8n shows under a node's output (its execution hints), read from the run's task data
// as n8n-core's engine records them.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { addHint } from '../nodes/shared/execution/hints';
import { sandboxCredential, useShortRetries, useWink } from './harness/fixture';

const w = useWink();
useShortRetries();

async function hintsOf(
	parameters: INodeParameters,
	options: { nodeType?: string; typeVersion?: number; items?: IDataObject[] } = {},
) {
	const { run, error } = await w.h.run({
		nodeType: options.nodeType,
		parameters: { managingEntity: w.me, ...parameters },
		settings: { typeVersion: options.typeVersion ?? 2 },
		items: options.items,
	});
	expect(error).toBeUndefined();
	return (run.data.resultData.runData.Wink?.[0]?.hints ?? []).map((h) => h.message);
}
const ledger = (parameters: INodeParameters = {}) => ({
	operation: 'getTransactions',
	returnAll: false,
	limit: 5,
	...parameters,
});

describe('hints under the output', () => {
	test('a Limit that cut the list says so, once for many items; Return All has none', async () => {
		expect(await hintsOf(ledger(), { items: [{}, {}, {}] })).toEqual([
			'Stopped at the Limit of 5: there may be more entries. Turn on Return All to get every one.',
		]);
		expect(await hintsOf(ledger({ returnAll: true, options: { pageSize: 1000 } }))).toEqual([]);
	});

	test('a Since with nothing after it says nothing is new; one with new entries says nothing', async () => {
		const newest = String(
			(w.sb.state.ledger[w.sb.managingEntityId] as Array<{ id: string }>)[0].id,
		);
		expect(await hintsOf(ledger({ options: { sinceEntryId: newest } }))).toEqual([
			`Nothing new: Wink has no entries after Since Entry ID '${newest}'.`,
		]);
		w.sb.addLedgerEntry({ amount: 1 });
		expect(await hintsOf(ledger({ options: { sinceEntryId: newest } }))).toEqual([]);
	});

	test('a 429: how many, how long the run paused, the concurrency it ended at', async () => {
		w.sb.inject({ operationId: 'getTransactionHistory', status: 429, retryAfter: 1, times: 1 });
		const hints = await hintsOf(ledger({ limit: 5 }));
		expect(hints.filter((h) => /429/.test(h))).toEqual([
			expect.stringMatching(
				/^Wink asked to slow down \(429\) 1 time: the run paused 1\.\d s in all\. Concurrency Auto settled at \d+ item\(s\) at once\.$/,
			),
		]);
		// Without a 429, no such hint.
		expect((await hintsOf(ledger({ limit: 5 }))).filter((h) => /429/.test(h))).toEqual([]);
	});

	test('Booking Get Many (v2, Simplify): the inferred total is named as such; Simplify off, no hint', async () => {
		w.h.setCredential(sandboxCredential(w.sb, { scopes: ['account.read', 'booking.read'] }));
		const bookings = (simplify: boolean) => ({
			operation: 'getMany',
			returnAll: false,
			limit: 2,
			simplify,
		});
		const inferred = async (simplify: boolean) =>
			(await hintsOf(bookings(simplify), { nodeType: 'n8n-nodes-wink.winkBooking' })).filter((h) =>
				/inferred/.test(h),
			);
		expect(await inferred(true)).toEqual([
			expect.stringMatching(
				/^totalAmount and totalCurrency come from roomStay\.sourceTotal.*\(inferred\)/,
			),
		]);
		expect(await inferred(false)).toEqual([]);
	});

	test('addHint does nothing where the context has no hints (a poll, an older n8n)', () => {
		expect(() => addHint({} as never, 'x')).not.toThrow();
	});
});
