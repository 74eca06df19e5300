import { byId, useWink } from './harness/fixture';

// "From list" pickers, run through n8n-core's LoadOptionsContext as the editor runs them.
describe('list search', () => {
	const w = useWink();

	test('Managing Entity lists the entities the application can reach, filtered by name', async () => {
		const all = await w.h.listSearch('searchManagingEntities', { operation: 'getBalance' });
		expect(all.results.map((r) => r.value).sort()).toEqual(
			[w.sb.managingEntityId, w.sb.ids.secondaryManagingEntityId].sort(),
		);
		expect(all.results.find((r) => r.value === w.sb.managingEntityId)?.name).toBe(
			'Grand Azure Hotel Lisbon (hotel)',
		);
		const some = await w.h.listSearch(
			'searchManagingEntities',
			{ operation: 'getBalance' },
			'azure',
		);
		expect(some.results.map((r) => r.value)).toEqual([w.sb.managingEntityId]);
	});

	test('Destination lists the payout accounts of the chosen kind and managing entity', async () => {
		const params = {
			operation: 'estimateFees',
			managingEntity: w.me,
			destinationKind: 'BankAccount',
		};
		const banks = await w.h.listSearch('searchPayoutDestinations', params);
		expect(banks.results.map((r) => r.value).sort()).toEqual(
			Object.values(w.sb.ids.bankAccountIds).sort(),
		);
		expect(banks.results[0].name).toMatch(/^Bank · [A-Z]{3} · .+ · ••\w{4}$/);

		const revolut = await w.h.listSearch('searchPayoutDestinations', {
			...params,
			destinationKind: 'RevolutPayoutAccount',
		});
		expect(revolut.results.map((r) => r.value)).toEqual([w.sb.ids.revolutPayoutAccountId]);

		const usd = await w.h.listSearch('searchBankAccounts', params, 'usd');
		expect(usd.results.map((r) => r.value)).toEqual([w.sb.ids.bankAccountIds.USD]);
	});

	test('a picked destination runs like one typed by ID', async () => {
		const { items, error } = await w.h.run({
			parameters: {
				operation: 'estimateFees',
				managingEntity: { __rl: true, mode: 'list', value: w.sb.managingEntityId },
				destinationKind: 'RevolutPayoutAccount',
				destinationIdentifier: { __rl: true, mode: 'list', value: w.sb.ids.revolutPayoutAccountId },
			},
		});
		expect(error).toBeUndefined();
		expect(items[0].json.currencyCode).toBe('GBP');
	});

	test('with no managing entity anywhere the payout lists are empty, not an error', async () => {
		const result = await w.h.listSearch('searchRevolutAccounts', {
			operation: 'removeRevolutAccount',
			managingEntity: byId(''),
		});
		expect(result.results).toEqual([]);
	});
});
