import { apiRequests, useShortRetries, useWink } from '../harness/fixture';
import type { Sandbox } from '../../sandbox';

type Withdrawal = {
	id: string;
	status: string;
	bankAccountIdentifier: string;
	referenceCode: string;
};

// Initiate Withdrawal's checks (nodes/WinkSettlement/withdrawalGuard.ts) through n8n's engine.
describe('Initiate Withdrawal: duplicate check and fee minimum', () => {
	const w = useWink();
	useShortRetries();

	const withdrawals = (sb: Sandbox): Withdrawal[] => sb.state.withdrawals[sb.managingEntityId];
	const to = (destination: string) =>
		withdrawals(w.sb).filter((x) => x.bankAccountIdentifier === destination);
	const calls = () => apiRequests(w.sb).map((r) => `${r.method} ${r.operationId} ${r.status}`);
	const withdraw = (destination: 'eur' | 'gbp', extra = {}) =>
		w.h.run({
			parameters: {
				operation: 'initiateWithdrawal',
				managingEntity: w.me,
				...(destination === 'eur'
					? { destinationKind: 'BankAccount', destinationIdentifier: w.sb.ids.bankAccountIds.EUR }
					: {
							destinationKind: 'RevolutPayoutAccount',
							destinationIdentifier: w.sb.ids.revolutPayoutAccountId,
						}),
				...extra,
			},
		});

	test('on by default: a withdrawal to the same destination still PENDING is returned, flagged, and none is initiated', async () => {
		const pending = to(w.sb.ids.bankAccountIds.EUR).find((x) => x.status === 'PENDING')!;
		const { items, error } = await withdraw('eur');
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id: pending.id,
			status: 'PENDING',
			initiated: false,
			skippedReason: 'duplicate',
			message: `Not initiated: withdrawal ${pending.referenceCode} to ${w.sb.ids.bankAccountIds.EUR} is still PENDING`,
		});
		expect(calls()).toEqual(['GET getWithdrawalHistory 200']);
	});

	test('PROCESSING counts as under way too', async () => {
		const { items } = await withdraw('eur', { destinationIdentifier: w.sb.ids.bankAccountIds.USD });
		expect(items[0].json).toMatchObject({
			status: 'PROCESSING',
			initiated: false,
			skippedReason: 'duplicate',
		});
		expect(calls()).toEqual(['GET getWithdrawalHistory 200']);
	});

	test('a destination with nothing under way: the check, then the initiate, nothing in between', async () => {
		const before = withdrawals(w.sb).length;
		const { items, error } = await withdraw('gbp');
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			status: 'PENDING',
			currencyCode: 'GBP',
			initiated: true,
		});
		expect(calls()).toEqual(['GET getWithdrawalHistory 200', 'POST initiateWithdrawal 200']);
		expect(withdrawals(w.sb)).toHaveLength(before + 1);
	});

	test('COMPLETED and FAILED withdrawals do not block', async () => {
		for (const x of to(w.sb.ids.bankAccountIds.EUR))
			if (x.status === 'PENDING') x.status = 'COMPLETED';
		const { items } = await withdraw('eur');
		expect(items[0].json).toMatchObject({ initiated: true, status: 'PENDING' });
	});

	test('"Any Destination" skips while any withdrawal of the managing entity is under way', async () => {
		const { items } = await withdraw('gbp', { duplicateCheck: 'entity' });
		expect(items[0].json).toMatchObject({
			initiated: false,
			skippedReason: 'duplicate',
			status: 'PENDING',
		});
		expect(calls()).toEqual(['GET getWithdrawalHistory 200']);
	});

	test('"Off" initiates without reading the history', async () => {
		const { items } = await withdraw('eur', { duplicateCheck: 'off' });
		expect(items[0].json).toMatchObject({ initiated: true });
		expect(calls()).toEqual(['POST initiateWithdrawal 200']);
	});

	test('a history that cannot be read stops the withdrawal and says so', async () => {
		w.sb.inject({ operationId: 'getWithdrawalHistory', status: 503, times: Infinity });
		const { error } = await withdraw('gbp');
		expect(error?.message).toBe(
			'Withdrawal not initiated: could not read the withdrawal history: Wink server error (503): Service Unavailable',
		);
		expect(apiRequests(w.sb).filter((r) => r.method === 'POST')).toHaveLength(0);
	});

	test('Require Fee Estimate: a net amount below the minimum stops before the history and the initiate', async () => {
		const { items, error } = await withdraw('gbp', {
			requireFeeEstimate: true,
			minimumNetAmount: 1_000_000,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			initiated: false,
			skippedReason: 'belowMinimum',
			feeEstimate: { currencyCode: 'GBP', netAmount: expect.any(Number) },
		});
		expect(items[0].json.message).toMatch(
			/^Not initiated: the estimated net amount [\d.]+ GBP is below the minimum 1000000$/,
		);
		expect(calls()).toEqual(['GET estimateFees 200']);
	});

	test('Require Fee Estimate: at or above the minimum, estimate, check and initiate in that order', async () => {
		const estimate = await w.h.run({
			parameters: {
				operation: 'estimateFees',
				managingEntity: w.me,
				destinationKind: 'RevolutPayoutAccount',
				destinationIdentifier: w.sb.ids.revolutPayoutAccountId,
			},
		});
		const net = estimate.items[0].json.netAmount as number;
		w.sb.resetStats();
		const { items } = await withdraw('gbp', { requireFeeEstimate: true, minimumNetAmount: net });
		expect(items[0].json).toMatchObject({
			initiated: true,
			amount: net,
			feeEstimate: { netAmount: net },
		});
		expect(calls()).toEqual([
			'GET estimateFees 200',
			'GET getWithdrawalHistory 200',
			'POST initiateWithdrawal 200',
		]);
	});

	const estimate = (netAmount: string) =>
		`{"grossAmount": 500, "transferFeeAmount": 4, "currencyCode": "GBP", "offMarketHours": false${netAmount}}`;
	test.each([
		['missing', '', 'undefined'],
		['text', ', "netAmount": "abc"', '"abc"'],
		['numeric text', ', "netAmount": "500"', '"500"'],
		['null', ', "netAmount": null', 'null'],
		// JSON.parse reads a number too large for a double as Infinity.
		['too large (1e400)', ', "netAmount": 1e400', 'Infinity'],
	])(
		'Require Fee Estimate: an estimate whose net amount is %s stops before the history and the initiate',
		async (_, netAmount, shown) => {
			// As text: the transport parses it as JSON like any answer.
			w.sb.inject({ operationId: 'estimateFees', status: 200, body: estimate(netAmount) });
			const { items, error } = await withdraw('gbp', { requireFeeEstimate: true });
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({
				initiated: false,
				skippedReason: 'belowMinimum',
				message: `Not initiated: the fee estimate has no numeric net amount (got ${shown})`,
			});
			expect(calls()).toEqual(['GET estimateFees 200']);
		},
	);

	test('a zero balance never reaches the initiate when a fee estimate is required', async () => {
		await withdraw('gbp');
		w.sb.resetStats();
		const { items } = await withdraw('gbp', { requireFeeEstimate: true, duplicateCheck: 'off' });
		expect(items[0].json).toMatchObject({ initiated: false, skippedReason: 'belowMinimum' });
		expect(calls()).toEqual(['GET estimateFees 200']);
	});

	test('a scheduled flow run twice in a row under faults makes exactly one withdrawal', async () => {
		const rpa = w.sb.ids.revolutPayoutAccountId;
		const before = to(rpa).length;
		// Tick 1: the history read is retried after a 503; the initiate is processed but its answer is lost.
		w.sb.inject({ operationId: 'getWithdrawalHistory', status: 503 });
		w.sb.inject({ operationId: 'initiateWithdrawal', drop: true, after: true });
		const first = await withdraw('gbp');
		expect(first.error?.message).toMatch(/^The connection to Wink was lost/);
		// Tick 2: rate limited, then the history shows the withdrawal tick 1 made: nothing is initiated.
		w.sb.inject({ operationId: 'getWithdrawalHistory', status: 429, retryAfter: 0 });
		const second = await withdraw('gbp');
		expect(second.error).toBeUndefined();
		expect(second.items[0].json).toMatchObject({
			initiated: false,
			skippedReason: 'duplicate',
			status: 'PENDING',
		});
		expect(to(rpa)).toHaveLength(before + 1);
		expect(second.items[0].json.id).toBe(to(rpa)[0].id);
		expect(apiRequests(w.sb).filter((r) => r.operationId === 'initiateWithdrawal')).toHaveLength(1);
	});

	test('the same under a timeout: the late withdrawal is found by the next tick', async () => {
		const rpa = w.sb.ids.revolutPayoutAccountId;
		const before = to(rpa).length;
		w.sb.inject({ operationId: 'initiateWithdrawal', delayMs: 1500 });
		const first = await withdraw('gbp', { options: { timeout: 1 } });
		expect(first.error?.message).toMatch(/^Wink did not answer in time/);
		await w.sb.settle(); // Wink finishes the late initiate (a fixed 800 ms was too short under load)
		const second = await withdraw('gbp');
		expect(second.items[0].json).toMatchObject({ initiated: false, skippedReason: 'duplicate' });
		expect(to(rpa)).toHaveLength(before + 1);
	});

	test("two executions at the same moment (20 trials): both run the duplicate check; one withdrawal, by the sandbox's full-balance rule", async () => {
		const rpa = w.sb.ids.revolutPayoutAccountId;
		const trials: Array<{ checks: number; posts: number; created: number; skipped: number }> = [];
		for (let t = 0; t < 20; t++) {
			w.sb.reset();
			w.h.setCredential({ ...w.h.credentials.get('wink-cred-1') });
			const before = to(rpa).length;
			const runs = await Promise.all([withdraw('gbp'), withdraw('gbp')]);
			const sent = apiRequests(w.sb);
			trials.push({
				// The node's Duplicate Check: each execution reads the history (a 401 is a renewed token).
				checks: sent.filter((r) => r.operationId === 'getWithdrawalHistory' && r.status === 200)
					.length,
				posts: apiRequests(w.sb).filter((r) => r.operationId === 'initiateWithdrawal').length,
				created: to(rpa).length - before,
				skipped: runs.filter((r) => r.items[0]?.json.skippedReason === 'duplicate').length,
			});
		}
		const bothPassed = trials.filter((t) => t.posts === 2).length;
		// Measured, not wished for: both runs read the history before either initiated. The sandbox,
		// like Wink's full-balance initiate, refuses the second for want of balance.
		process.stdout.write(
			`two simultaneous executions, 20 trials: both passed the duplicate check in ${bothPassed}, ` +
				`withdrawals created per trial: ${[...new Set(trials.map((t) => t.created))].join('/')}\n`,
		);
		expect(trials.every((t) => t.checks === 2)).toBe(true);
		// Not the node: the sandbox, like Wink's full-balance initiate, refuses the second POST.
		expect(trials.every((t) => t.created === 1)).toBe(true);
		// The window is real (20 of 20 when measured on 2 cores): the check alone cannot close it.
		expect(bothPassed).toBeGreaterThan(0);
	});

	test('two executions a moment apart: the second finds the first', async () => {
		const rpa = w.sb.ids.revolutPayoutAccountId;
		const first = withdraw('gbp');
		// The first has initiated by the time the second reads the history. Bounded: if the first
		// never sends its initiate, fail here (within the test's 60 s) with why instead of hanging the run.
		const deadline = Date.now() + 20_000;
		while (!apiRequests(w.sb).some((r) => r.operationId === 'initiateWithdrawal' && r.processed)) {
			if (Date.now() > deadline) {
				const seen = apiRequests(w.sb).map((r) => `${r.method} ${r.operationId} ${r.status}`);
				throw new Error(
					`The first execution sent no initiate within 20 s (Wink saw: ${seen.join(', ') || 'nothing'})`,
				);
			}
			await new Promise((r) => setTimeout(r, 1));
		}
		const second = await withdraw('gbp');
		expect((await first).items[0].json.initiated).toBe(true);
		expect(second.items[0].json).toMatchObject({ initiated: false, skippedReason: 'duplicate' });
		expect(to(rpa).filter((x) => x.status === 'PENDING')).toHaveLength(1);
	});
});
