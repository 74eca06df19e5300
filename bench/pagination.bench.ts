// Figures, not a timed test: `npm run bench`. Ratios are within one run on one machine.
import { settlementOperations } from '../nodes/WinkSettlement/operations';
import { startSandbox } from '../sandbox';
import { createHarness } from '../test/harness/engine';
import { byId, sandboxCredential } from '../test/harness/fixture';

const LATENCY_MS = 5; // a little network latency per Wink request, added by the sandbox

test('Return All over the seeded ledger: page size 100 vs the API default 20', async () => {
	const sb = await startSandbox({ port: 0 });
	const h = createHarness();
	h.setCredential(sandboxCredential(sb));
	const ledger = settlementOperations.find((o) => o.operationId === 'getTransactionHistory')!;
	const paging = ledger.paging as { kind: 'page'; pageSize: number };
	const ours = paging.pageSize;
	sb.inject({ operationId: 'getTransactionHistory', delayMs: LATENCY_MS, times: Infinity });

	const measure = async (pageSize: number) => {
		paging.pageSize = pageSize;
		sb.resetStats();
		const started = process.hrtime.bigint();
		const { items } = await h.run({
			parameters: {
				operation: 'getTransactions',
				managingEntity: byId(sb.managingEntityId),
				returnAll: true,
			},
		});
		const ms = Number(process.hrtime.bigint() - started) / 1e6;
		return {
			pageSize,
			items: items.length,
			requests: sb.stats.requests.filter((r) => r.operationId !== 'token').length,
			ms,
		};
	};
	await measure(ours); // warm-up
	const small = await measure(20);
	const large = await measure(ours);
	paging.pageSize = ours;

	const many = await (async () => {
		sb.clearFaults();
		sb.resetStats();
		const ids = sb.state.withdrawals[sb.managingEntityId].map((w: { id: string }) => ({
			wid: w.id,
		}));
		const items = Array.from({ length: 200 }, (_, i) => ids[i % ids.length]);
		const started = process.hrtime.bigint();
		await h.run({
			parameters: {
				operation: 'getWithdrawal',
				managingEntity: byId(sb.managingEntityId),
				withdrawalId: '={{ $json.wid }}',
			},
			items,
		});
		return {
			items: items.length,
			ms: Number(process.hrtime.bigint() - started) / 1e6,
			tokens: sb.stats.tokensIssued,
		};
	})();
	await sb.close();

	console.log(
		[
			`ledger Return All, ${small.items} entries, +${LATENCY_MS} ms per request:`,
			`  size ${small.pageSize}: ${small.requests} requests, ${small.ms.toFixed(0)} ms`,
			`  size ${large.pageSize}: ${large.requests} requests, ${large.ms.toFixed(0)} ms`,
			`  ratio: ${(small.requests / large.requests).toFixed(1)}x fewer requests, ${(small.ms / large.ms).toFixed(1)}x faster`,
			`Get Withdrawal x${many.items} items: ${(many.ms / many.items).toFixed(2)} ms per item, ${many.tokens} new token(s) (the first run's token is reused)`,
		].join('\n'),
	);
	expect(large.items).toBe(small.items);
});
