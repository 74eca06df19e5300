import { ExecuteContext } from 'n8n-core';
import * as schema from '../nodes/shared/spec/schema';
import { useWink } from './harness/fixture';

// Issue 28 (3): an item's request is built in one walk over its fields (shared/execution/build.ts):
// the spec's body schema looked up once per item, the node's Options read once per item.
describe('one walk per item', () => {
	const w = useWink();

	/** Runs `run` with spies on the schema look-up and on n8n's parameter reads. */
	async function counted(run: () => Promise<{ error?: unknown }>) {
		const bodySchema = jest.spyOn(schema, 'bodySchema');
		// n8n-core's execute context sends each getNodeParameter to this method.
		const reads = jest.spyOn(
			ExecuteContext.prototype as unknown as { _getNodeParameter(name: string): unknown },
			'_getNodeParameter',
		);
		try {
			const { error } = await run();
			expect(error).toBeUndefined();
			return {
				schemas: bodySchema.mock.calls.length,
				options: reads.mock.calls.filter((c) => c[0] === 'options').length,
			};
		} finally {
			bodySchema.mockRestore();
			reads.mockRestore();
		}
	}

	test('three items of Add Bank Account: the body schema looked up three times, Options read three times', async () => {
		const bank = (i: number) => ({ holder: `Hotel ${i}`, iban: `DE8937040044053201300${i}` });
		const counts = await counted(() =>
			w.h.run({
				parameters: {
					operation: 'addBankAccount',
					managingEntity: w.me,
					countryCode: 'DE',
					currencyCode: 'EUR',
					accountHolderName: '={{ $json.holder }}',
					accountNumber: '={{ $json.iban }}',
					additionalFields: { swiftCode: 'COBADEFFXXX' },
				},
				items: [bank(1), bank(2), bank(3)],
			}),
		);
		expect(counts).toEqual({ schemas: 3, options: 3 });
	});

	test('three items of a paged list: Options once per item, and once per run for Concurrency', async () => {
		const counts = await counted(() =>
			w.h.run({
				parameters: {
					operation: 'getTransactions',
					managingEntity: w.me,
					returnAll: false,
					limit: 2,
				},
				items: [{}, {}, {}],
			}),
		);
		expect(counts.options).toBe(3 + 1);
	});
});
