import { NodeHelpers, Workflow, type IDataObject, type INode } from 'n8n-workflow';
import { WinkSettlement } from '../../nodes/WinkSettlement/WinkSettlement.node';
import { matchBank, readBankLine, bankFields } from '../../nodes/WinkSettlement/reconcile/bank';
import { nodeClasses, nodeTypes, registerNodeType } from '../harness/engine';
import { useWink } from '../harness/fixture';
import { cleanBooks, DAY, iso, NOW, withdrawal } from './fixture';

// Reconcile with bank lines as input: Compare Datasets' four outputs, through n8n's engine.
const TOOL = 'n8n-nodes-wink.winkSettlementTool';
// n8n offers a usableAsTool node to agents as '<name>Tool' (see nodes/shared/execution/aiTool.ts).
registerNodeType(TOOL, new WinkSettlement());

/** A bank statement as a CSV read by Extract From File gives it: text values, the bank's names. */
function statement() {
	const b = cleanBooks();
	const extra = withdrawal('wd-ggg777', 'COMPLETED', 'EUR', [60, 4.6, 0.36, 55.04], NOW - 2 * DAY);
	b.withdrawals.unshift(extra);
	b.ledger.unshift({
		...b.ledger[0],
		id: 'le-g',
		createdDate: String(extra.requestedAt),
		referenceIdentifier: extra.id,
		referenceType: 'WITHDRAWAL',
		type: 'DEBIT',
		entry: { amount: -60, currency: 'EUR' },
	});
	b.ledger.sort((x, y) => (String(x.createdDate) < String(y.createdDate) ? 1 : -1));
	const day = (ms: number) => iso(ms).slice(0, 10);
	const lines = [
		// By reference, inside a longer text.
		{
			Date: day(NOW - 3 * DAY),
			Reference: 'WINK PAYOUT WD-AAA111 GRAND AZURE',
			Amount: '989.40',
			Currency: 'EUR',
		},
		// No reference: by net amount and currency, a day after completion.
		{ Date: day(NOW - 2 * DAY), Reference: 'REVOLUT TRANSFER', Amount: '95.10', Currency: 'GBP' },
		// Reference found, amount off.
		{ Date: day(NOW - 2 * DAY), Reference: 'WD-CCC333', Amount: '795.00', Currency: 'USD' },
		// Nobody's.
		{ Date: day(NOW - DAY), Reference: 'SUPPLIER REFUND 8812', Amount: '12.34', Currency: 'EUR' },
		// The first line again (a statement exported twice).
		{
			Date: day(NOW - 3 * DAY),
			Reference: 'WINK PAYOUT WD-AAA111 GRAND AZURE',
			Amount: '989.40',
			Currency: 'EUR',
		},
	];
	return { ...b, lines };
}

describe('Reconcile with bank lines', () => {
	const w = useWink();
	const load = () => {
		const s = statement();
		w.sb.state.withdrawals[w.sb.managingEntityId] = s.withdrawals;
		w.sb.state.ledger[w.sb.managingEntityId] = s.ledger;
		return s;
	};
	const parameters = (extra: IDataObject = {}) => ({
		operation: 'reconcile',
		managingEntity: w.me,
		reconcileWindow: 'since',
		reconcileSince: iso(NOW - 10 * DAY),
		matchBankLines: true,
		...extra,
	});

	test('Matched, In Wink only, In bank only, Different; field names guessed', async () => {
		const { lines } = load();
		const { outputs, error } = await w.h.run({ parameters: parameters(), items: lines });
		expect(error).toBeUndefined();
		const [matched, winkOnly, bankOnly, different] = outputs!.map((o) => o.map((i) => i.json));
		expect(matched.map((i) => [i.referenceCode, i.matchedBy])).toEqual([
			['WD-BBB222', 'amount'],
			['WD-AAA111', 'reference'],
		]);
		expect(matched[1].bank).toMatchObject({
			reference: 'WINK PAYOUT WD-AAA111 GRAND AZURE',
			amount: 989.4,
			currency: 'EUR',
		});
		expect(winkOnly.map((i) => i.referenceCode)).toEqual(['WD-GGG777']);
		expect(bankOnly.map((i) => [i.reference, i.reason])).toEqual([
			['SUPPLIER REFUND 8812', 'noWithdrawal'],
			['WINK PAYOUT WD-AAA111 GRAND AZURE', 'duplicateLine'],
		]);
		expect(different).toEqual([
			expect.objectContaining({
				referenceCode: 'WD-CCC333',
				matchedBy: 'reference',
				differences: [{ field: 'amount', wink: 795.1, bank: 795 }],
			}),
		]);
		// Each item points at its bank line (n8n's paired items).
		expect(outputs![2].map((i) => i.pairedItem)).toEqual([{ item: 3 }, { item: 4 }]);
	});

	test('a currency off is Different too, with both values; a line outside the date window is not matched by amount', async () => {
		const { lines } = load();
		lines[2] = { ...lines[2], Amount: '795.10', Currency: 'EUR' };
		lines[1] = { ...lines[1], Date: iso(NOW - 10 * DAY).slice(0, 10) };
		const { outputs } = await w.h.run({ parameters: parameters(), items: lines });
		const [matched, winkOnly, , different] = outputs!.map((o) => o.map((i) => i.json));
		expect(different[0].differences).toEqual([{ field: 'currency', wink: 'USD', bank: 'EUR' }]);
		expect(matched.map((i) => i.referenceCode)).toEqual(['WD-AAA111']);
		expect(winkOnly.map((i) => i.referenceCode)).toEqual(['WD-GGG777', 'WD-BBB222']);
	});

	test('fields named by the user win over the guesses', async () => {
		const { lines } = load();
		const renamed = lines.map((l) => ({
			booked: l.Date,
			text: l.Reference,
			eur: l.Amount,
			ccy: l.Currency,
		}));
		const { outputs } = await w.h.run({
			parameters: parameters({
				bankReferenceField: 'text',
				bankAmountField: 'eur',
				bankDateField: 'booked',
			}),
			items: renamed,
		});
		expect(outputs!.map((o) => o.length)).toEqual([2, 1, 2, 1]);
	});

	test("n8n's editor and engine see four named outputs only with Match Bank Lines and one item per withdrawal", () => {
		const description = nodeClasses['n8n-nodes-wink.winkSettlement'].description;
		const outputs = (parameters: IDataObject, typeVersion = 2) => {
			const node = {
				id: 'n',
				name: 'Wink',
				type: 'n8n-nodes-wink.winkSettlement',
				typeVersion,
				position: [0, 0],
				parameters,
			} as INode;
			const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
			return NodeHelpers.getNodeOutputs(workflow, node, description);
		};
		const four = ['Matched', 'In Wink only', 'In bank only', 'Different'].map((displayName) => ({
			type: 'main',
			displayName,
		}));
		expect(outputs({ operation: 'reconcile', matchBankLines: true })).toEqual(four);
		expect(outputs({ operation: 'reconcile', matchBankLines: true }, 1)).toEqual(four);
		expect(
			outputs({ operation: 'reconcile', matchBankLines: true, reconcileOutput: 'summary' }),
		).toEqual(['main']);
		expect(outputs({ operation: 'reconcile' })).toEqual(['main']);
		expect(outputs({ operation: 'getTransactions', matchBankLines: true })).toEqual(['main']);
		expect(outputs({ operation: 'initiateWithdrawal' })).toHaveLength(2);
	});

	test('as an AI tool: one small answer on the first output, the summary and the problems only', async () => {
		const { lines } = load();
		const { outputs } = await w.h.run({
			nodeType: TOOL,
			parameters: parameters(),
			items: lines,
			settings: { typeVersion: 2 },
		});
		expect(outputs).toHaveLength(1);
		expect(outputs![0]).toHaveLength(1);
		const answer = outputs![0][0].json;
		expect(Object.keys(answer)).toEqual([
			'window',
			'allReconciled',
			'summary',
			'problems',
			'bankFields',
			'note',
		]);
		expect(answer).toMatchObject({
			allReconciled: false,
			bankFields: { reference: 'Reference', amount: 'Amount', currency: 'Currency', date: 'Date' },
			note: expect.stringContaining('Inferred'),
		});
		expect(answer.problems).toEqual([
			{ withdrawal: 'WD-CCC333', bank: ['amount: Wink 795.1, bank 795'] },
			{ bankLine: 'SUPPLIER REFUND 8812', bank: ['no withdrawal matches it'] },
			{ bankLine: 'WINK PAYOUT WD-AAA111 GRAND AZURE', bank: ['a duplicate of a matched line'] },
		]);
		expect((answer.summary as IDataObject[]).map((s) => [s.currency, s.bank])).toEqual([
			['EUR', { matched: 1, inWinkOnly: 1, inBankOnly: 2, different: 0 }],
			['GBP', { matched: 1, inWinkOnly: 0, inBankOnly: 0, different: 0 }],
			['USD', { matched: 0, inWinkOnly: 0, inBankOnly: 0, different: 1 }],
		]);
		// Smaller than the seeded withdrawal history as a tool answers it (test/ai-tool.test.ts).
		const chars = JSON.stringify(answer).length;
		console.log(`Reconcile tool answer: ${chars} chars`);
		expect(chars).toBeLessThan(2000);
	});
});

// A deterministic shuffle (mulberry32).
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('bank matching, a property: shuffled and duplicated lines give the same verdicts', () => {
	test('200 shuffles with random duplicates', () => {
		const { withdrawals, lines } = statement();
		const completed = withdrawals.filter((x) => x.status === 'COMPLETED');
		const fields = bankFields({}, lines);
		const verdicts = (input: IDataObject[]) => {
			const result = matchBank(
				completed,
				input.map((json, i) => readBankLine(json, i, fields)),
				3,
			);
			const byWithdrawal = Object.fromEntries(
				completed.map((x) => {
					const m = result.matches.get(x);
					return [
						x.referenceCode,
						m ? `${m.by} ${JSON.stringify(m.differences)} ${m.line.key}` : 'inWinkOnly',
					];
				}),
			);
			const unmatched = result.unmatched
				.filter((u) => !u.duplicate)
				.map((u) => u.line.key)
				.sort();
			return {
				byWithdrawal,
				unmatched,
				duplicates: result.unmatched.filter((u) => u.duplicate).length,
			};
		};
		// Lines that compete for one withdrawal: a second 95.10 GBP transfer two days after the first
		// (the nearer one matches), and two lines naming WD-CCC333 with two wrong amounts (the one
		// whose content sorts first is the match, whatever the order they came in).
		const unique = [
			...lines.slice(0, 4),
			{ ...lines[1], Date: iso(NOW - 0.5 * DAY).slice(0, 10) },
			{ ...lines[2], Amount: '790.00' },
		];
		const expected = verdicts(unique);
		const next = random(7);
		for (let run = 0; run < 200; run++) {
			const copies = unique.flatMap((l) =>
				Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({ ...l })),
			);
			for (let i = copies.length - 1; i > 0; i--) {
				const j = Math.floor(next() * (i + 1));
				[copies[i], copies[j]] = [copies[j], copies[i]];
			}
			const got = verdicts(copies);
			expect(got.byWithdrawal).toEqual(expected.byWithdrawal);
			// Copies of an unmatched line stay unmatched; a copy of a matched line is reported, never matched twice.
			expect([...new Set(got.unmatched)]).toEqual(expected.unmatched);
			const matchedCopies =
				copies.length - unique.length - (got.unmatched.length - expected.unmatched.length);
			expect(got.duplicates).toBe(matchedCopies);
		}
	});
});
