import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { markers, operationTables, renderIntoReadme } from './harness/operations-doc';

// `npm run docs:operations` (UPDATE_OPERATIONS_TABLE=1) rewrites the README's tables from the rows.
const file = join(__dirname, '..', 'README.md');

describe("the README's operation tables", () => {
	test('every node with an operation table has its block in the README', () => {
		const { missing } = renderIntoReadme(readFileSync(file, 'utf8'));
		const hint = missing.map((name) => `${markers(name).start} … ${markers(name).end}`);
		expect(hint).toEqual([]);
	});

	test('each block is the table rendered from the rows (nodes/*/operations.ts)', () => {
		const readme = readFileSync(file, 'utf8');
		const { text } = renderIntoReadme(readme);
		if (process.env.UPDATE_OPERATIONS_TABLE && text !== readme) writeFileSync(file, text);
		expect(readFileSync(file, 'utf8')).toBe(text);
	});

	test('renders one row per operation, with scope and request', () => {
		const settlement = operationTables().find((t) => t.name === 'winkSettlement');
		expect(settlement?.table).toMatch(
			/^\| Get Available Balance \| `accounting\.read` \| spec \| `GET …\/payment\/ledger\/balance` \|/m,
		);
		expect(settlement?.table).toMatch(
			/^\| Initiate Withdrawal \| `payment\.write` \| inferred \| `POST …\/payment\/withdrawal` \| .*Moves money/m,
		);
	});
});
