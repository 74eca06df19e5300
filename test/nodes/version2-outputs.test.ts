import { NodeHelpers, Workflow, type INode } from 'n8n-workflow';
import { apiRequests, byId, sandboxCredential, useWink } from '../harness/fixture';
import { nodeClasses, nodeTypes } from '../harness/engine';

type Withdrawal = {
	id: string;
	status: string;
	bankAccountIdentifier: string;
	referenceCode: string;
	amount: number;
};

// Node version 2 (docs/outputs.md): Simplify, the Not initiated output and Dry Run, through
// n8n's engine; version 1 (every saved workflow) keeps today's shapes.
describe('Node version 2 outputs', () => {
	const w = useWink();
	const v2 = { typeVersion: 2 };
	const withdrawals = (): Withdrawal[] => w.sb.state.withdrawals[w.sb.managingEntityId];
	const eurPending = () =>
		withdrawals().find(
			(x) => x.bankAccountIdentifier === w.sb.ids.bankAccountIds.EUR && x.status === 'PENDING',
		)!;
	const calls = () => apiRequests(w.sb).map((r) => `${r.method} ${r.operationId}`);
	const initiate = (extra: object, settings = v2) =>
		w.h.run({
			parameters: {
				operation: 'initiateWithdrawal',
				managingEntity: w.me,
				destinationKind: 'BankAccount',
				destinationIdentifier: byId(w.sb.ids.bankAccountIds.EUR),
				...extra,
			},
			settings,
		});

	test('every resource node has versions 1 and 2, 2 the default; Simplify shows only in 2', () => {
		const settlement = nodeClasses['n8n-nodes-wink.winkSettlement'].description;
		expect(settlement.version).toEqual([1, 2]);
		expect(settlement.defaultVersion).toBe(2);
		const simplify = settlement.properties.find((p) => p.name === 'simplify')!;
		expect(simplify).toMatchObject({ displayName: 'Simplify', type: 'boolean', default: true });
		const shown = (typeVersion: number, operation: string) =>
			NodeHelpers.displayParameter({ operation }, simplify, { typeVersion } as INode, settlement);
		expect(shown(2, 'getTransactions')).toBe(true);
		expect(shown(1, 'getTransactions')).toBe(false);
		expect(shown(2, 'getBalance')).toBe(false);
		for (const type of ['winkBooking', 'winkManagingEntity', 'winkManager', 'winkWebhook']) {
			expect(nodeClasses[`n8n-nodes-wink.${type}`].description).toMatchObject({
				version: [1, 2],
				defaultVersion: 2,
			});
		}
	});

	test('Get Ledger Transactions: version 2 simplifies by default, off gives version 1 items', async () => {
		const params = {
			operation: 'getTransactions',
			managingEntity: w.me,
			returnAll: false,
			limit: 5,
		};
		const v1 = await w.h.run({ parameters: params });
		const simple = await w.h.run({ parameters: params, settings: v2 });
		const raw = await w.h.run({ parameters: { ...params, simplify: false }, settings: v2 });
		expect(simple.error).toBeUndefined();
		expect(Object.keys(simple.items[0].json)).toEqual([
			'createdDate',
			'description',
			'amount',
			'currency',
			'type',
			'fundsType',
			'referenceType',
			'referenceIdentifier',
			'id',
		]);
		const first = v1.items[0].json as { id: string; entry: { amount: number; currency: string } };
		expect(simple.items[0].json).toMatchObject({
			id: first.id,
			amount: first.entry.amount,
			currency: first.entry.currency,
		});
		expect(Object.keys(v1.items[0].json)).toContain('entry');
		expect(raw.items.map((i) => i.json)).toEqual(v1.items.map((i) => i.json));
	});

	test('Get Withdrawal History, Get Withdrawal, Managing Entity Get and Booking Get Many simplify', async () => {
		const history = await w.h.run({
			parameters: { operation: 'getWithdrawals', managingEntity: w.me },
			settings: v2,
		});
		expect(Object.keys(history.items[0].json).slice(0, 4)).toEqual([
			'referenceCode',
			'status',
			'amount',
			'currencyCode',
		]);
		expect(history.items[0].json).not.toHaveProperty('version');
		const one = await w.h.run({
			parameters: {
				operation: 'getWithdrawal',
				managingEntity: w.me,
				withdrawalId: byId(eurPending().id),
			},
			settings: v2,
		});
		expect(one.items[0].json).toMatchObject({
			id: eurPending().id,
			referenceCode: eurPending().referenceCode,
			status: 'PENDING',
		});
		const entity = await w.h.run({
			nodeType: 'n8n-nodes-wink.winkManagingEntity',
			parameters: { operation: 'get', managingEntity: w.me },
			settings: v2,
		});
		expect(Object.keys(entity.items[0].json)).toEqual([
			'name',
			'type',
			'status',
			'uniqueId',
			'currencyCode',
			'accountEmail',
			'city',
			'verified',
			'id',
		]);
		w.h.setCredential(sandboxCredential(w.sb, { scopes: ['booking.read', 'account.read'] }));
		const bookings = await w.h.run({
			nodeType: 'n8n-nodes-wink.winkBooking',
			parameters: { operation: 'getMany', managingEntity: w.me, returnAll: false, limit: 3 },
			settings: v2,
		});
		expect(bookings.error).toBeUndefined();
		const booking = w.sb.state.bookings[w.sb.managingEntityId].find(
			(b: { id: string }) => b.id === bookings.items[0].json.id,
		);
		expect(bookings.items[0].json).toMatchObject({
			bookingCode: booking.bookingCode,
			guestName: booking.user.fullName,
			totalAmount: booking.roomStay.sourceTotal.amount,
			totalCurrency: booking.roomStay.sourceTotal.currency,
		});
		expect(bookings.items[0].json).not.toHaveProperty('totalFunds');
	});

	test('Get Withdrawal: a locator value and a plain string (saved before the locator) both work', async () => {
		const id = eurPending().id;
		for (const withdrawalId of [byId(id), { __rl: true, mode: 'list', value: id }, id]) {
			const { items, error } = await w.h.run({
				parameters: { operation: 'getWithdrawal', managingEntity: w.me, withdrawalId },
			});
			expect(error).toBeUndefined();
			expect(items[0].json.id).toBe(id);
		}
	});

	test("Get Withdrawal's From List names each withdrawal by reference code, amount, status and date", async () => {
		const { results } = await w.h.listSearch('searchWithdrawals', { managingEntity: w.me });
		expect(results).toHaveLength(withdrawals().length);
		const p = eurPending() as Withdrawal & { currencyCode: string; requestedAt: string };
		expect(results.find((r) => r.value === p.id)!.name).toBe(
			`${p.referenceCode} · ${p.amount} ${p.currencyCode} · PENDING · ${p.requestedAt.slice(0, 10)}`,
		);
		const filtered = await w.h.listSearch(
			'searchWithdrawals',
			{ managingEntity: w.me },
			p.referenceCode,
		);
		expect(filtered.results.map((r) => r.value)).toEqual([p.id]);
	});

	test("Get Withdrawal's 404 says what to do next, not the title again", async () => {
		const { error } = await w.h.run({
			parameters: { operation: 'getWithdrawal', managingEntity: w.me, withdrawalId: 'wd-nope' },
		});
		expect(error?.message).toMatch(/^Not found/);
		expect(error?.description).toMatch(
			/Check the withdrawal's ID, or pick the withdrawal From List/,
		);
		expect(error?.description).toMatch(/Managing Entity/);
	});

	test('version 2 skip: the decision first, the existing withdrawal under its own key, on the Not initiated output', async () => {
		const pending = eurPending();
		const { outputs = [], error } = await initiate({ requireFeeEstimate: true, simplify: false });
		expect(error).toBeUndefined();
		expect(outputs[0]).toEqual([]);
		const json = outputs[1][0].json;
		expect(Object.keys(json)).toEqual([
			'initiated',
			'skippedReason',
			'message',
			'existingWithdrawal',
			'feeEstimate',
		]);
		expect(json).toMatchObject({
			initiated: false,
			skippedReason: 'duplicate',
			existingWithdrawal: pending,
		});
		expect(json.feeEstimate).toMatchObject({ currencyCode: 'EUR' });
		expect(calls()).toEqual(['GET estimateFees', 'GET getWithdrawalHistory']);
		// Simplify (the default) flattens the existing withdrawal only.
		const simple = await initiate({});
		expect(Object.keys(simple.outputs![1][0].json)).toEqual([
			'initiated',
			'skippedReason',
			'message',
			'existingWithdrawal',
		]);
		expect(simple.outputs![1][0].json.existingWithdrawal).toMatchObject({
			referenceCode: pending.referenceCode,
			status: 'PENDING',
		});
		expect(simple.outputs![1][0].json.existingWithdrawal).not.toHaveProperty('version');
		// The skip is said under the output too, as a warning.
		expect(simple.run.data.resultData.runData.Wink[0].hints).toEqual([
			expect.objectContaining({ type: 'warning', message: simple.outputs![1][0].json.message }),
		]);
	});

	test('version 1 skip is unchanged: the existing withdrawal first, the decision last, one output', async () => {
		const pending = eurPending();
		const { outputs = [] } = await initiate({ requireFeeEstimate: true }, { typeVersion: 1 });
		expect(outputs).toHaveLength(1);
		expect(outputs[0][0].json).toEqual({
			...pending,
			initiated: false,
			skippedReason: 'duplicate',
			message: `Not initiated: withdrawal ${pending.referenceCode} to ${w.sb.ids.bankAccountIds.EUR} is still PENDING`,
		});
	});

	test('version 2 initiate: the Initiated output, initiated first, simplified', async () => {
		const before = withdrawals().length;
		const { outputs = [], error } = await initiate({ duplicateCheck: 'off' });
		expect(error).toBeUndefined();
		expect(outputs[1]).toEqual([]);
		expect(Object.keys(outputs[0][0].json).slice(0, 5)).toEqual([
			'initiated',
			'referenceCode',
			'status',
			'amount',
			'currencyCode',
		]);
		expect(outputs[0][0].json).toMatchObject({
			initiated: true,
			status: 'PENDING',
			currencyCode: 'EUR',
		});
		expect(withdrawals()).toHaveLength(before + 1);
	});

	test('Dry Run: the checks and the estimate, nothing initiated, what would have happened', async () => {
		const before = withdrawals().length;
		const ok = await initiate({ dryRun: true, duplicateCheck: 'off' });
		expect(ok.error).toBeUndefined();
		expect(ok.outputs![0]).toEqual([]);
		const json = ok.outputs![1][0].json as {
			feeEstimate: { grossAmount: number; netAmount: number };
		};
		expect(json).toMatchObject({
			dryRun: true,
			initiated: false,
			wouldInitiate: true,
			reason: 'checksPassed',
		});
		// What a real run would pay leads the item (not only inside feeEstimate).
		expect(Object.entries(json).slice(0, 6)).toEqual([
			['dryRun', true],
			['wouldInitiate', true],
			['netAmount', json.feeEstimate.netAmount],
			['grossAmount', json.feeEstimate.grossAmount],
			['currencyCode', 'EUR'],
			['destinationIdentifier', w.sb.ids.bankAccountIds.EUR],
		]);
		// And under the output, as n8n's hint.
		expect(ok.run.data.resultData.runData.Wink[0].hints?.map((h) => h.message)).toEqual([
			(json as unknown as { message: string }).message,
		]);
		expect((json as unknown as { message: string }).message).toContain(
			`would initiate a withdrawal of ${json.feeEstimate.grossAmount} EUR (${json.feeEstimate.netAmount} EUR after fees)`,
		);
		expect(calls()).toEqual(['GET estimateFees']);

		w.sb.resetStats();
		const dup = await initiate({ dryRun: true });
		expect(dup.outputs![1][0].json).toMatchObject({
			dryRun: true,
			wouldInitiate: false,
			reason: 'duplicate',
			existingWithdrawal: { referenceCode: eurPending().referenceCode },
		});
		expect(calls()).toEqual(['GET estimateFees', 'GET getWithdrawalHistory']);
		expect(withdrawals()).toHaveLength(before);
		expect(dup.run.data.resultData.runData.Wink[0].hints?.map((h) => h.message)).toEqual([
			expect.stringMatching(
				/^Dry run, nothing initiated\. A real run would not initiate: withdrawal .* is still PENDING$/,
			),
		]);

		// The sandbox's GBP bank account has nothing under way: with the default Duplicate Check, a
		// dry run there says what a payout would be.
		const gbp = await initiate({
			dryRun: true,
			destinationIdentifier: byId(w.sb.ids.bankAccountIds.GBP),
		});
		expect(gbp.outputs![1][0].json).toMatchObject({
			wouldInitiate: true,
			currencyCode: 'GBP',
			netAmount: expect.any(Number),
		});
		expect(withdrawals()).toHaveLength(before);

		// Version 1 has no Dry Run: a stray value does not stop a real initiate.
		const v1 = await initiate({ dryRun: true, duplicateCheck: 'off' }, { typeVersion: 1 });
		expect(v1.items[0].json).toMatchObject({ initiated: true });
	});

	test("n8n's editor and engine see two named outputs only for Initiate Withdrawal in version 2", () => {
		const description = nodeClasses['n8n-nodes-wink.winkSettlement'].description;
		const outputs = (operation: string, typeVersion: number) => {
			const node = {
				id: 'n',
				name: 'Wink',
				type: 'n8n-nodes-wink.winkSettlement',
				typeVersion,
				position: [0, 0],
				parameters: { operation },
			} as INode;
			const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
			return NodeHelpers.getNodeOutputs(workflow, node, description);
		};
		expect(outputs('initiateWithdrawal', 2)).toEqual([
			{ type: 'main', displayName: 'Initiated' },
			{ type: 'main', displayName: 'Not initiated' },
		]);
		expect(outputs('initiateWithdrawal', 1)).toEqual(['main']);
		expect(outputs('getTransactions', 2)).toEqual(['main']);
	});
});
