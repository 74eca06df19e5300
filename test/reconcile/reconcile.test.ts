import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { apiRequests, useWink } from '../harness/fixture';
import { cleanBooks, credit, debit, DAY, HOUR, iso, NOW } from './fixture';

type Item = IDataObject & {
	referenceCode?: string;
	verdict: string;
	problems: Array<{ code: string; message: string }>;
};

// Reconcile (Wink's own records) through n8n's engine against the sandbox: a verdict per withdrawal,
// each kind of planted discrepancy found, the summary per currency.
describe('Reconcile: withdrawals against the ledger', () => {
	const w = useWink();
	const books = () => {
		const b = cleanBooks();
		w.sb.state.withdrawals[w.sb.managingEntityId] = b.withdrawals;
		w.sb.state.ledger[w.sb.managingEntityId] = b.ledger;
		return b;
	};
	const run = (extra: INodeParameters = {}) =>
		w.h.run({
			parameters: {
				operation: 'reconcile',
				managingEntity: w.me,
				reconcileWindow: 'since',
				reconcileSince: iso(NOW - 10 * DAY),
				...extra,
			},
		});
	const byRef = (items: Array<{ json: IDataObject }>) =>
		Object.fromEntries(
			items.map((i) => [String(i.json.referenceCode ?? i.json.kind), i.json as Item]),
		);
	const codes = (item: Item) => item.problems.map((p) => p.code);

	test('a withdrawal history that is not a list stops the run (never "nothing to reconcile")', async () => {
		books();
		for (const body of [{}, { withdrawals: [] }, 42]) {
			w.sb.inject({ operationId: 'getWithdrawalHistory', status: 200, body });
			const { items, error } = await run();
			expect(items).toEqual([]);
			expect(error?.message).toBe(
				"Wink's withdrawal history could not be read as a list: nothing was reconciled",
			);
		}
	});

	test('books that agree: every withdrawal matched, in integer cents (95.10 is 100.30 − 4.60 − 0.60)', async () => {
		books();
		const { items, error } = await run();
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.referenceCode, i.json.verdict])).toEqual([
			['WD-EEE555', 'matched'],
			['WD-DDD444', 'matched'],
			['WD-CCC333', 'matched'],
			['WD-BBB222', 'matched'],
			['WD-AAA111', 'matched'],
		]);
		expect(items[3].json).toMatchObject({
			kind: 'withdrawal',
			status: 'COMPLETED',
			amount: 95.1,
			ledgerDebit: { id: 'le-wd-bbb222', amount: -100.3, currency: 'GBP' },
			ledgerLink: 'inferred',
		});
		// One withdrawal history, then the ledger: its first page is short, so one more page tells
		// the end from a clamped page size (shared/execution/pagination.ts).
		expect(apiRequests(w.sb).map((r) => r.operationId)).toEqual([
			'getWithdrawalHistory',
			'getTransactionHistory',
			'getTransactionHistory',
		]);
	});

	const planted: Array<[string, (b: ReturnType<typeof cleanBooks>) => void, string, string[]]> = [
		[
			'no ledger debit',
			(b) =>
				b.ledger.splice(
					b.ledger.findIndex((e) => e.referenceIdentifier === 'wd-aaa111'),
					1,
				),
			'WD-AAA111',
			['noLedgerDebit'],
		],
		[
			'ledger debit ≠ gross',
			(b) => (b.ledger.find((e) => e.referenceIdentifier === 'wd-aaa111')!.entry.amount = -999.99),
			'WD-AAA111',
			['debitNotGross'],
		],
		[
			'currency differs',
			(b) => (b.ledger.find((e) => e.referenceIdentifier === 'wd-aaa111')!.entry.currency = 'USD'),
			'WD-AAA111',
			['currencyDiffers'],
		],
		[
			'net ≠ gross − fees',
			(b) => (b.withdrawals.find((x) => x.id === 'wd-bbb222')!.amount = 95.11),
			'WD-BBB222',
			['netNotGrossMinusFees'],
		],
		[
			'FAILED but debited',
			(b) => b.ledger.unshift(debit(b.withdrawals.find((x) => x.id === 'wd-eee555')!)),
			'WD-EEE555',
			['failedButDebited'],
		],
		[
			'COMPLETED without completedAt',
			(b) => (b.withdrawals.find((x) => x.id === 'wd-ccc333')!.completedAt = null),
			'WD-CCC333',
			['completedWithoutDate'],
		],
		[
			'still PENDING after N days',
			(b) => (b.withdrawals.find((x) => x.id === 'wd-ddd444')!.requestedAt = iso(NOW - 4 * DAY)),
			'WD-DDD444',
			['stillOpen'],
		],
		[
			'debited twice',
			(b) =>
				b.ledger.unshift({
					...debit(b.withdrawals.find((x) => x.id === 'wd-ccc333')!),
					id: 'le-again',
				}),
			'WD-CCC333',
			['debitedTwice', 'debitNotGross'],
		],
	];
	test.each(planted)('%s: found on that withdrawal alone', async (_label, plant, ref, expected) => {
		const b = books();
		plant(b);
		const { items } = await run();
		const found = byRef(items);
		expect(codes(found[ref])).toEqual(expected);
		expect(found[ref].verdict).toBe('problems');
		expect(found[ref].problems[0].message).toEqual(expect.any(String));
		const others = items.filter((i) => i.json.referenceCode !== ref);
		expect(others.map((i) => i.json.verdict)).toEqual(others.map(() => 'matched'));
	});

	test('a ledger withdrawal debit naming no known withdrawal is an item of its own', async () => {
		const b = books();
		b.ledger.unshift({
			...credit('le-ghost', NOW - HOUR, -42.5),
			referenceType: 'WITHDRAWAL',
			referenceIdentifier: 'wd-ghost',
			type: 'DEBIT',
		});
		const { items } = await run();
		const ghost = items.find((i) => i.json.kind === 'ledgerEntry')!.json as Item;
		expect(ghost).toMatchObject({
			verdict: 'problems',
			ledgerEntry: { id: 'le-ghost', amount: -42.5, currency: 'EUR' },
			ledgerLink: 'inferred',
		});
		expect(codes(ghost)).toEqual(['unknownWithdrawal']);
		expect(items.filter((i) => i.json.verdict === 'problems')).toHaveLength(1);
	});

	test('Open Too Long After: the option sets N', async () => {
		const b = books();
		b.withdrawals.find((x) => x.id === 'wd-ddd444')!.requestedAt = iso(NOW - 4 * DAY);
		expect(codes(byRef((await run({ openDays: 5 })).items)['WD-DDD444'])).toEqual([]);
		expect(codes(byRef((await run({ openDays: 3 })).items)['WD-DDD444'])).toEqual(['stillOpen']);
	});

	test('a day count that is missing, text, negative or NaN stops the run before any request', async () => {
		books();
		const bad = [
			'={{ $json.missing }}',
			'={{ "" }}',
			'={{ "abc" }}',
			'={{ -1 }}',
			'={{ NaN }}',
			'={{ null }}',
		];
		for (const value of bad) {
			for (const [name, label, extra] of [
				['openDays', 'Open Too Long After (Days)', {}],
				['bankDateWindow', 'Date Window (Days)', { matchBankLines: true }],
			] as const) {
				w.sb.stats.requests.length = 0;
				const { error } = await run({ ...extra, [name]: value });
				expect(error?.message).toMatch(
					new RegExp(`^${label.replace(/[()]/g, '\\$&')} must be a number of at least 0 \\(got `),
				);
				expect(w.sb.stats.requests).toEqual([]);
			}
		}
	});

	test('the summary per currency: ledger credits and debits, withdrawn gross, net and fees, problems', async () => {
		const b = books();
		b.withdrawals.find((x) => x.id === 'wd-bbb222')!.amount = 95.11;
		const { items } = await run({ reconcileOutput: 'summary' });
		expect(items.map((i) => i.json)).toEqual([
			{
				currency: 'EUR',
				entries: 4,
				credits: 2120.5,
				debits: 1250,
				withdrawals: 2,
				completed: 1,
				withdrawnGross: 1000,
				withdrawnNet: 989.4,
				withdrawalFees: 10.6,
				problems: 0,
				ledgerLink: expect.stringContaining('Inferred'),
			},
			{
				currency: 'GBP',
				entries: 2,
				credits: 300,
				debits: 100.3,
				withdrawals: 1,
				completed: 1,
				withdrawnGross: 100.3,
				withdrawnNet: 95.11,
				withdrawalFees: 5.2,
				problems: 1,
				ledgerLink: expect.any(String),
			},
			{
				currency: 'USD',
				entries: 2,
				credits: 1200,
				debits: 800.1,
				withdrawals: 2,
				completed: 1,
				withdrawnGross: 800.1,
				withdrawnNet: 795.1,
				withdrawalFees: 5,
				problems: 0,
				ledgerLink: expect.any(String),
			},
		]);
	});

	test('Between Two Dates: requested, completed or debited after From and up to To', async () => {
		books();
		const { items } = await run({
			reconcileWindow: 'between',
			reconcileFrom: iso(NOW - 3.5 * DAY),
			reconcileTo: iso(NOW - 1.5 * DAY),
		});
		// AAA111 was requested before From and completed in the window; DDD444 was requested after To.
		expect(items.map((i) => i.json.referenceCode)).toEqual([
			'WD-EEE555',
			'WD-CCC333',
			'WD-BBB222',
			'WD-AAA111',
		]);
		expect(items.every((i) => i.json.verdict === 'matched')).toBe(true);
	});

	test('a To before From, or a Since that is no date, stops before any request', async () => {
		books();
		let { error } = await run({
			reconcileWindow: 'between',
			reconcileFrom: iso(NOW),
			reconcileTo: iso(NOW - DAY),
		});
		expect(error?.message).toBe('To is before From');
		({ error } = await run({ reconcileSince: 'last tuesday-ish' }));
		expect(error?.message).toBe("Since is not a date-time: 'last tuesday-ish'");
		expect(apiRequests(w.sb)).toHaveLength(0);
	});
});
