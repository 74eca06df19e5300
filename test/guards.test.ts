import type { IExecuteFunctions, INode } from 'n8n-workflow';
import {
	guardAmount,
	guardBoolean,
	guardId,
	guardOption,
	shownValue,
} from '../nodes/shared/execution/moneyGuards';

// The money guards without the engine (nodes/money-guards.test.ts runs them through it, from
// expressions): what each accepts, and the item error for anything else.
const node = {
	name: 'Wink Settlement',
	type: 'n8n-nodes-wink.winkSettlement',
	typeVersion: 2,
	position: [0, 0],
	parameters: {},
} as unknown as INode;
const holding = (value: unknown) =>
	({ getNode: () => node, getNodeParameter: () => value }) as unknown as IExecuteFunctions;
const param = { displayName: 'Minimum Net Amount', name: 'minimumNetAmount', default: 0 };
const kind = {
	...param,
	displayName: 'Destination Kind',
	name: 'destinationKind',
	options: [
		{ name: 'Bank', value: 'BankAccount' },
		{ name: 'Revolut', value: 'RevolutPayoutAccount' },
	],
};

const refused = (guard: () => unknown) => {
	try {
		guard();
	} catch (error) {
		return (error as Error).message;
	}
	return 'accepted';
};

describe('money guards, without the engine', () => {
	test.each([true, false])('a boolean guard keeps %s', (value) => {
		expect(guardBoolean.call(holding(value), param, 0)).toBe(value);
	});
	test.each([undefined, '', 'yes', 'true', 1, 0, null])('a boolean guard refuses %p', (value) => {
		expect(refused(() => guardBoolean.call(holding(value), param, 3))).toBe(
			`Minimum Net Amount must be true or false (got ${shownValue(value)}) (item 3)`,
		);
	});

	test.each([0, 12.5, 1e6])('an amount guard keeps %p', (value) => {
		expect(guardAmount.call(holding(value), param, 0)).toBe(value);
	});
	test.each([-0.01, Number.NaN, Infinity, '12', '', undefined, null, true])(
		'an amount guard refuses %p',
		(value) => {
			expect(refused(() => guardAmount.call(holding(value), param, 0))).toBe(
				`Minimum Net Amount must be a number of at least 0 (got ${shownValue(value)}) (item 0)`,
			);
		},
	);

	test('an options guard keeps only its option values', () => {
		expect(guardOption.call(holding('RevolutPayoutAccount'), kind, 0)).toBe('RevolutPayoutAccount');
		for (const value of ['bankaccount', '', undefined, 0]) {
			expect(refused(() => guardOption.call(holding(value), kind, 1))).toBe(
				`Destination Kind must be one of BankAccount, RevolutPayoutAccount (got ${shownValue(value)}) (item 1)`,
			);
		}
	});

	test('an ID guard keeps non-empty text, trimmed; refuses blanks, dot paths and non-text', () => {
		expect(guardId.call(holding(' ba-1 '), param, 0)).toBe('ba-1');
		for (const value of ['', '  ', '.', ' .. ', 42, undefined]) {
			expect(refused(() => guardId.call(holding(value), param, 0))).toMatch(
				/^Minimum Net Amount must be an ID \(text\)/,
			);
		}
	});

	test('the error shows the value as JSON, cut to 60 characters, and says nothing was sent', () => {
		expect(shownValue('x'.repeat(80))).toBe(`"${'x'.repeat(58)}…`);
		expect(shownValue(Number.NaN)).toBe('NaN');
		let error: unknown;
		try {
			guardBoolean.call(holding('yes'), param, 0);
		} catch (e) {
			error = e;
		}
		expect((error as { description?: string }).description).toContain(
			'stopped before anything was sent to Wink',
		);
	});
});
