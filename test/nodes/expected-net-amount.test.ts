import { apiRequests, eurWithdrawal, useWink } from '../harness/fixture';
import { SETTLEMENT_TOOL } from '../harness/tools';

// Issue 26, item 7: Expected Net Amount (version 2) lets a human review step show the amount, and
// holds the withdrawal to it: the fresh estimate right before initiating must give that net amount.
describe('Initiate Withdrawal: Expected Net Amount', () => {
	const w = useWink();
	const calls = () => apiRequests(w.sb).map((r) => `${r.method} ${r.operationId}`);
	const withdrawals = () => w.sb.state.withdrawals[w.sb.managingEntityId].length;

	/** The net amount Wink estimates for the EUR bank account now (the request is then forgotten). */
	async function estimatedNet(): Promise<number> {
		const { items } = await w.h.run({
			parameters: { ...eurWithdrawal(w.sb), operation: 'estimateFees' },
			settings: { typeVersion: 2 },
		});
		w.sb.stats.requests.length = 0;
		return items[0].json.netAmount as number;
	}

	test('the estimated amount: initiated once, right after a fresh estimate', async () => {
		const net = await estimatedNet();
		const before = withdrawals();
		const { outputs = [], error } = await w.h.run({
			parameters: { ...eurWithdrawal(w.sb), expectedNetAmount: `={{ ${net} }}` },
			settings: { typeVersion: 2 },
		});
		expect(error).toBeUndefined();
		expect(outputs[0][0].json).toMatchObject({ initiated: true, feeEstimate: { netAmount: net } });
		expect(calls()).toEqual(['GET estimateFees', 'POST initiateWithdrawal']);
		expect(withdrawals()).toBe(before + 1);
	});

	test.each([
		['a cent more', 0.01],
		['a cent less', -0.01],
	])(
		'%s than the estimate: nothing initiated, on Not initiated, with the estimate',
		async (_, delta) => {
			const net = await estimatedNet();
			const expected = Math.round((net + delta) * 100) / 100;
			const before = withdrawals();
			const { outputs = [], error } = await w.h.run({
				parameters: { ...eurWithdrawal(w.sb), expectedNetAmount: `={{ ${expected} }}` },
				settings: { typeVersion: 2 },
			});
			expect(error).toBeUndefined();
			expect(outputs[0]).toEqual([]);
			expect(outputs[1][0].json).toMatchObject({
				initiated: false,
				skippedReason: 'amountChanged',
				message: `Not initiated: the estimated net amount ${net} EUR is not the expected ${expected} (it changed since it was estimated or approved)`,
				feeEstimate: { netAmount: net },
			});
			expect(calls()).toEqual(['GET estimateFees']);
			expect(withdrawals()).toBe(before);
		},
	);

	test('empty (the default): no estimate, initiated as before', async () => {
		const { outputs = [] } = await w.h.run({
			parameters: { ...eurWithdrawal(w.sb), expectedNetAmount: '' },
			settings: { typeVersion: 2 },
		});
		expect(outputs[0][0].json).toMatchObject({ initiated: true });
		expect(calls()).toEqual(['POST initiateWithdrawal']);
	});

	test('version 1 does not read it: unchanged', async () => {
		const { items } = await w.h.run({
			parameters: { ...eurWithdrawal(w.sb), expectedNetAmount: '={{ 0.01 }}' },
			settings: { typeVersion: 1 },
		});
		expect(items[0].json).toMatchObject({ initiated: true });
		expect(calls()).toEqual(['POST initiateWithdrawal']);
	});

	test('a dry run says a real run would not initiate when the amount differs', async () => {
		const { outputs = [] } = await w.h.run({
			parameters: { ...eurWithdrawal(w.sb), expectedNetAmount: '={{ 0.01 }}', dryRun: true },
			settings: { typeVersion: 2 },
		});
		expect(outputs[1][0].json).toMatchObject({
			dryRun: true,
			wouldInitiate: false,
			reason: 'amountChanged',
		});
		expect(calls()).toEqual(['GET estimateFees']);
	});

	test("as an AI tool (allowed): a different amount is the tool's answer, nothing initiated", async () => {
		const net = await estimatedNet();
		const { items, error } = await w.h.run({
			nodeType: SETTLEMENT_TOOL,
			parameters: {
				...eurWithdrawal(w.sb),
				allowAsAiTool: true,
				expectedNetAmount: `={{ ${net + 1} }}`,
			},
			settings: { typeVersion: 2 },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ initiated: false, skippedReason: 'amountChanged' });
		expect(calls()).toEqual(['GET estimateFees']);
	});
});
