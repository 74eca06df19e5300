import type { INodeParameters } from 'n8n-workflow';
import { BAD_VALUES, forIds, type BadValue } from '../harness/badValues';
import { apiRequests, eurWithdrawal, useWink } from '../harness/fixture';
import { SETTLEMENT_TOOL } from '../harness/tools';

interface Guard {
	field: string;
	expected: string;
	parameters(value: string): INodeParameters;
	kinds?: BadValue[];
	versions?: number[];
	operation?: string;
	nodeType?: string;
}

const locator = (value: string) => ({ __rl: true, mode: 'id', value });

// Every parameter that guards money (nodes/shared/execution/moneyGuards.ts), fed by an expression.
const GUARDS: Guard[] = [
	{
		field: 'Duplicate Check',
		expected: 'one of destination, entity, off',
		parameters: (v) => ({ duplicateCheck: v }),
	},
	{
		field: 'Require Fee Estimate',
		expected: 'true or false',
		parameters: (v) => ({ requireFeeEstimate: v }),
	},
	{
		field: 'Minimum Net Amount',
		expected: 'a number of at least 0',
		parameters: (v) => ({ requireFeeEstimate: true, minimumNetAmount: v }),
	},
	{
		field: 'Dry Run',
		expected: 'true or false',
		parameters: (v) => ({ dryRun: v }),
		versions: [2],
	},
	{
		field: 'Expected Net Amount',
		expected: 'a number of at least 0',
		parameters: (v) => ({ expectedNetAmount: v }),
		versions: [2],
	},
	{
		field: 'Destination Kind',
		expected: 'one of BankAccount, RevolutPayoutAccount',
		parameters: (v) => ({ destinationKind: v }),
	},
	{
		field: 'Destination',
		expected: 'an ID (text)',
		parameters: (v) => ({ destinationIdentifier: locator(v) }),
		kinds: forIds,
	},
	{
		field: 'Destination',
		expected: 'an ID (text)',
		parameters: (v) => ({ destinationIdentifier: v }),
		kinds: forIds,
		operation: 'estimateFees',
	},
	{
		field: 'Destination Kind',
		expected: 'one of BankAccount, RevolutPayoutAccount',
		parameters: (v) => ({ destinationKind: v }),
		operation: 'estimateFees',
	},
	{
		field: 'Allow When Used as AI Tool',
		expected: 'true or false',
		parameters: (v) => ({ allowAsAiTool: v }),
		nodeType: SETTLEMENT_TOOL,
	},
];

const cases = GUARDS.flatMap((guard) =>
	(guard.versions ?? [1, 2]).flatMap((version) =>
		(guard.kinds ?? BAD_VALUES).map((bad) => ({
			name: `${guard.operation ?? 'initiateWithdrawal'}${guard.nodeType ? ' (as a tool)' : ''} v${version}: ${guard.field} ${bad.kind}`,
			guard,
			version,
			bad,
		})),
	),
);

// Issue 24, item 2: a guard that gets anything but a valid value fails the item, and nothing at
// all (not even the token request) reaches Wink. Versions 1 and 2 alike: a safety fix.
describe('money guards fed by an expression fail closed', () => {
	const w = useWink();

	const run = (guard: Guard, version: number, value: string, extra: object = {}) =>
		w.h.run({
			nodeType: guard.nodeType,
			parameters: {
				...eurWithdrawal(w.sb),
				...(guard.operation ? { operation: guard.operation } : {}),
				...guard.parameters(value),
			},
			settings: { typeVersion: version },
			...extra,
		});

	test.each(cases.map((c) => [c.name, c]))('%s', async (_, { guard, version, bad }) => {
		const { error, items } = await run(guard, version, bad.expression);
		expect(w.sb.stats.requests).toEqual([]);
		expect(items).toEqual([]);
		expect(error?.message).toBe(
			`${guard.field} must be ${guard.expected} (got ${bad.shown}) (item 0)`,
		);
		expect(error?.description).toContain('stopped before anything was sent to Wink');
	});

	test('the table covers every guard in both versions (Dry Run and Expected Net Amount exist from version 2)', () => {
		expect(cases.length).toBe(
			GUARDS.reduce(
				(n, g) => n + (g.versions ?? [1, 2]).length * (g.kinds ?? BAD_VALUES).length,
				0,
			),
		);
		expect(new Set(GUARDS.map((g) => g.field))).toEqual(
			new Set([
				'Duplicate Check',
				'Require Fee Estimate',
				'Minimum Net Amount',
				'Dry Run',
				'Expected Net Amount',
				'Destination Kind',
				'Destination',
				'Allow When Used as AI Tool',
			]),
		);
	});

	test.each([1, 2])(
		'version %i: a literal 0 minimum, 0 and false from expressions stay valid',
		async (version) => {
			const { items, error } = await w.h.run({
				parameters: { ...eurWithdrawal(w.sb), requireFeeEstimate: true, minimumNetAmount: 0 },
				settings: { typeVersion: version },
			});
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ initiated: true });
			w.sb.reset();
			w.h.setCredential({ ...w.h.credentials.get('wink-cred-1') });
			const viaExpression = await w.h.run({
				parameters: {
					...eurWithdrawal(w.sb),
					requireFeeEstimate: '={{ true }}',
					minimumNetAmount: '={{ 0 }}',
					dryRun: '={{ false }}',
				},
				settings: { typeVersion: version },
			});
			expect(viaExpression.error).toBeUndefined();
			expect(viaExpression.items[0].json).toMatchObject({ initiated: true });
		},
	);

	test('a real false Dry Run (version 2) initiates', async () => {
		const { outputs = [], error } = await w.h.run({
			parameters: { ...eurWithdrawal(w.sb), dryRun: false },
			settings: { typeVersion: 2 },
		});
		expect(error).toBeUndefined();
		expect(outputs[0][0].json).toMatchObject({ initiated: true });
	});

	test('Continue On Fail: only the item with the bad value fails; the next item runs its checks', async () => {
		const {
			items,
			outputs = [],
			error,
		} = await w.h.run({
			parameters: { ...eurWithdrawal(w.sb), dryRun: '={{ $json.dry }}' },
			items: [{}, { dry: true }],
			continueOnFail: true,
			settings: { typeVersion: 2 },
		});
		expect(error).toBeUndefined();
		expect(items[0]).toMatchObject({
			json: { error: 'Dry Run must be true or false (got undefined) (item 0)' },
			pairedItem: { item: 0 },
		});
		expect(outputs[1][0]).toMatchObject({
			json: { dryRun: true, initiated: false },
			pairedItem: { item: 1 },
		});
		expect(apiRequests(w.sb).map((r) => `${r.method} ${r.operationId}`)).toEqual([
			'GET estimateFees',
		]);
	});
});

// Issue 24, item 1: Wink's answer to the initiate is reported as initiated only if it is a withdrawal.
describe('an initiate answer that is not a withdrawal', () => {
	const w = useWink();

	const answers: Array<[string, unknown]> = [
		['an empty list', []],
		['an object without id and status', {}],
		['a list of 1', [{ id: 'wd-1', status: 'PENDING' }]],
		['an object without status', { id: 'wd-1' }],
		['an object without id', { status: 'PENDING' }],
	];
	test.each(
		[1, 2].flatMap((version) => answers.map(([kind, body]) => [version, kind, body] as const)),
	)(
		'version %i, %s: the item fails, says to check the history, and the initiate was sent once',
		async (typeVersion, kind, body) => {
			w.sb.inject({ operationId: 'initiateWithdrawal', status: 200, body, after: true });
			const { items, error } = await w.h.run({
				parameters: eurWithdrawal(w.sb),
				settings: { typeVersion },
			});
			expect(items).toEqual([]);
			expect(error?.message).toBe(
				"Wink's answer to Initiate Withdrawal could not be read as a withdrawal: check the withdrawal history before running this again",
			);
			expect(error?.description).toContain(
				`Wink answered with ${kind}, not a withdrawal with an id and a status`,
			);
			expect(apiRequests(w.sb).filter((r) => r.operationId === 'initiateWithdrawal')).toHaveLength(
				1,
			);
		},
	);

	test('a text answer is already refused by the transport (not JSON it can read), which says to check the history', async () => {
		w.sb.inject({ operationId: 'initiateWithdrawal', status: 200, body: 'ok', after: true });
		const { items, error } = await w.h.run({
			parameters: eurWithdrawal(w.sb),
			settings: { typeVersion: 2 },
		});
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/^Wink answered 200 with malformed JSON/);
		expect(error?.description).toContain(
			'check the result (e.g. Get Withdrawal History) before running it again',
		);
		expect(apiRequests(w.sb).filter((r) => r.operationId === 'initiateWithdrawal')).toHaveLength(1);
	});
});
