import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeType } from 'n8n-workflow';
import { runsInParallel } from '../../nodes/shared/table/rows';
import type { WinkOperation } from '../../nodes/shared/table/types';
import { settlementOperations } from '../../nodes/WinkSettlement/operations';
import { CREDENTIAL_ID } from '../harness/engine';
import { apiRequests, useWink } from '../harness/fixture';

// Every resource node with an operation table: the node and its rows.
const nodes: Array<[INodeType, WinkOperation[]]> = readdirSync(join(__dirname, '../../nodes'))
	.filter((dir) => readdirSync(join(__dirname, '../../nodes', dir)).includes('operations.ts'))
	.map((dir) => {
		const node = new (require(`../../nodes/${dir}/${dir}.node`)[dir])() as INodeType;
		const tables = Object.values(
			require(`../../nodes/${dir}/operations`) as Record<string, unknown>,
		);
		const table = tables.find(
			(t) => Array.isArray(t) && (t as WinkOperation[])[0]?.operationId,
		) as WinkOperation[];
		return [node, table];
	});

// Items side by side through n8n's engine, against the sandbox with added latency; the sandbox
// counts the requests it is answering at once (stats.maxInFlight).
describe('Items in parallel', () => {
	const w = useWink();
	// Long enough that requests overlap at the sandbox even on a busy machine.
	const LATENCY = { delayMs: 150, times: Infinity };
	const withdrawalIds = (n: number) => {
		const ids = (w.sb.state.withdrawals[w.sb.managingEntityId] as Array<{ id: string }>).map(
			(x) => x.id,
		);
		return Array.from({ length: n }, (_, i) => ids[i % ids.length]);
	};
	const getWithdrawals = (
		ids: string[],
		options?: { concurrency: number },
		continueOnFail?: boolean,
	) =>
		w.h.run({
			parameters: {
				operation: 'getWithdrawal',
				managingEntity: w.me,
				withdrawalId: '={{ $json.wid }}',
				...(options && { options }),
			},
			items: ids.map((wid) => ({ wid })),
			continueOnFail,
		});
	// A token stored before the run, so only the run's own requests are counted.
	const warmToken = async () => {
		await w.h.run({ parameters: { operation: 'getBalance', managingEntity: w.me } });
		w.sb.resetStats();
	};

	test('at most Concurrency items at once, output in input order with pairedItem', async () => {
		await warmToken();
		const ids = withdrawalIds(12);
		// The first item is answered after others: the output must still start with it.
		w.sb.inject({ path: new RegExp(`/withdrawal/${ids[0]}$`), delayMs: 1000 });
		w.sb.inject(LATENCY);
		const { items, error } = await getWithdrawals(ids, { concurrency: 4 });
		expect(error).toBeUndefined();
		expect(w.sb.stats.maxInFlight).toBe(4);
		expect(items.map((i) => i.json.id)).toEqual(ids);
		expect(items.map((i) => i.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		const answered = [...apiRequests(w.sb)].sort((a, b) => a.answeredAt! - b.answeredAt!);
		expect(answered[0].path.endsWith(ids[0])).toBe(false);
	});

	test('five at once by default, one at a time with Concurrency 1', async () => {
		await warmToken();
		w.sb.inject(LATENCY);
		await getWithdrawals(withdrawalIds(12));
		expect(w.sb.stats.maxInFlight).toBe(5);

		w.sb.resetStats();
		const { items } = await getWithdrawals(withdrawalIds(4), { concurrency: 1 });
		expect(items).toHaveLength(4);
		expect(w.sb.stats.maxInFlight).toBe(1);
	});

	test('a cold start fetches one token, then the items go side by side', async () => {
		w.sb.inject(LATENCY); // also on the token endpoint: racing items would each fetch one
		const { items, error } = await getWithdrawals(withdrawalIds(11));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(11);
		expect(w.sb.stats.tokensIssued).toBe(1);
		expect(w.sb.stats.maxInFlight).toBe(5);
	});

	test('a run that starts with an expired stored token renews it once, then the items go side by side', async () => {
		await warmToken();
		const stored = w.h.credentials.get(CREDENTIAL_ID)!;
		const token = stored.oauthTokenData as Record<string, unknown>;
		w.h.credentials.set(CREDENTIAL_ID, {
			...stored,
			oauthTokenData: { ...token, n8n_expires_at: Date.now() - 1000 },
		});
		w.sb.expireAllTokens();
		w.sb.inject(LATENCY);
		const { items, error } = await getWithdrawals(withdrawalIds(11));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(11);
		expect(w.sb.stats.tokensIssued).toBe(1);
		expect(apiRequests(w.sb).filter((r) => r.status === 401)).toHaveLength(1);
		expect(w.sb.stats.maxInFlight).toBe(5);
	});

	test('a Concurrency above the ceiling (from an expression) sends at most 50 at once', async () => {
		await warmToken();
		w.sb.inject(LATENCY);
		const ids = withdrawalIds(60);
		const { items, error } = await w.h.run({
			parameters: {
				operation: 'getWithdrawal',
				managingEntity: w.me,
				withdrawalId: '={{ $json.wid }}',
				options: { concurrency: '={{ 40 * 2 }}' },
			},
			items: ids.map((wid) => ({ wid })),
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(ids);
		expect(w.sb.stats.maxInFlight).toBe(50);
	});

	test('Initiate Withdrawal never overlaps, whatever Concurrency says', async () => {
		w.sb.inject(LATENCY);
		const destinations = [
			['BankAccount', w.sb.ids.bankAccountIds.EUR],
			['BankAccount', w.sb.ids.bankAccountIds.USD],
			['RevolutPayoutAccount', w.sb.ids.revolutPayoutAccountId],
		];
		const { items, error } = await w.h.run({
			parameters: {
				operation: 'initiateWithdrawal',
				managingEntity: w.me,
				destinationKind: '={{ $json.kind }}',
				destinationIdentifier: '={{ $json.id }}',
				options: { concurrency: 10 },
				// The duplicate check (its history reads and skips) is tested in nodes/settlement-withdrawal.test.ts; off keeps this to the POSTs.
				duplicateCheck: 'off',
			},
			items: destinations.map(([kind, id]) => ({ kind, id })),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		const posts = apiRequests(w.sb);
		expect(posts.map((r) => r.method)).toEqual(['POST', 'POST', 'POST']);
		expect(w.sb.stats.maxInFlight).toBe(1);
		for (let i = 1; i < posts.length; i++)
			expect(posts[i].receivedAt).toBeGreaterThanOrEqual(posts[i - 1].answeredAt!);
	});

	test('a 429 with Retry-After pauses every item of the run; each retries on its own budget', async () => {
		await warmToken();
		w.sb.inject({
			operationId: 'getWithdrawal',
			skip: 6,
			status: 429,
			retryAfter: 1,
			delayMs: 150,
		});
		w.sb.inject(LATENCY);
		const ids = withdrawalIds(30);
		const { items, error } = await getWithdrawals(ids);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(ids);
		const requests = apiRequests(w.sb);
		expect(requests).toHaveLength(31);
		const limited = requests.find((r) => r.status === 429)!;
		const retried = requests.filter(
			(r) => r.path === limited.path && r.receivedAt > limited.answeredAt!,
		);
		expect(retried[0].receivedAt).toBeGreaterThanOrEqual(limited.answeredAt! + 1000);
		// During the second only requests that had left before the 429 arrived reach Wink: at most
		// one per other worker. Without the shared pause the four would send ~20 meanwhile.
		const during = requests.filter(
			(r) => r.receivedAt > limited.answeredAt! && r.receivedAt < limited.answeredAt! + 1000,
		);
		expect(during.length).toBeLessThanOrEqual(4);
	});

	test('Continue On Fail per item; without it the first failing item is reported', async () => {
		await warmToken();
		const ids = withdrawalIds(6);
		ids[2] = 'missing-slow';
		ids[4] = 'missing-fast';
		w.sb.inject({ path: /missing-slow$/, delayMs: 600, times: 2 }); // fails after missing-fast
		w.sb.inject(LATENCY);
		const { items, error } = await getWithdrawals(ids, undefined, true);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id ?? i.json.error)).toEqual(
			ids.map((id) => (id.startsWith('missing') ? expect.stringMatching(/^Not found/) : id)),
		);
		expect(items.map((i) => i.pairedItem)).toEqual(ids.map((_, item) => ({ item })));

		const failed = await getWithdrawals(ids);
		expect(failed.error?.message).toMatch(/^Not found.*missing-slow/);
	});

	test('a POST read flagged parallel in its table (the grid) runs side by side, pages in order', async () => {
		await warmToken();
		w.sb.inject(LATENCY);
		const { items, error } = await w.h.run({
			nodeType: 'test.winkGrid',
			parameters: { operation: 'grid', returnAll: true, options: { concurrency: 3 } },
			items: [{}, {}, {}],
		});
		expect(error).toBeUndefined();
		expect(w.sb.stats.maxInFlight).toBe(3);
		const perItem = [0, 1, 2].map((item) =>
			items
				.filter((i) => (i.pairedItem as { item: number }).item === item)
				.map((i) => i.json.identifier),
		);
		expect(perItem[0].length).toBeGreaterThan(1);
		expect(perItem).toEqual([perItem[0], perItem[0], perItem[0]]);
		expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual(
			[0, 1, 2].flatMap((item) => perItem[0].map(() => item)),
		);
	});

	test('which operations may run in parallel: never money, POST reads by their table flag', () => {
		const parallel = settlementOperations.filter(runsInParallel).map((o) => o.value);
		expect(parallel.sort()).toEqual(
			[
				'getTransactions',
				'getBalance',
				'getWithdrawals',
				'getWithdrawal',
				'estimateFees',
				'updateBankAccount',
				'removeBankAccount',
				'updateRevolutAccount',
				'removeRevolutAccount',
			].sort(),
		);
		// POST reads: grids, flagged in their tables.
		const postReads = nodes.flatMap(([, ops]) =>
			ops.filter((o) => o.method === 'POST' && runsInParallel(o)).map((o) => o.operationId),
		);
		expect(postReads.sort()).toEqual(
			[
				'showAccessibleManagingEntitiesByState',
				'showBookingGrid',
				'showUnprovisionedManagingEntitiesByState',
			].sort(),
		);
		expect(nodes.length).toBeGreaterThanOrEqual(9);
		for (const [node, operations] of nodes) {
			for (const op of operations) {
				if (op.movesMoney)
					expect(runsInParallel({ ...op, parallel: true, method: 'GET' })).toBe(false);
				// The Concurrency option is offered exactly where it applies.
				const options = node.description.properties.find(
					(p) =>
						p.name === 'options' &&
						(p.displayOptions?.show?.operation as string[]).includes(op.value),
				);
				const names = (options?.options ?? []).map((o) => o.name);
				expect([op.value, names.includes('concurrency')]).toEqual([op.value, runsInParallel(op)]);
			}
		}
		const moneyMovers = nodes.flatMap(([, ops]) =>
			ops.filter((o) => o.movesMoney).map((o) => o.operationId),
		);
		expect(moneyMovers.sort()).toEqual(['createAgentBooking', 'initiateWithdrawal'].sort());
	});
});
