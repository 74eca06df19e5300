import { apiRequests, useWink } from '../harness/fixture';

// Every Settlement operation through n8n's engine against the sandbox: the request Wink
// receives (method, path, query, body) and the items the node returns.
describe('Wink Settlement node', () => {
	const w = useWink();
	const ME_PATH = () => `/api/managing-entity/${w.sb.managingEntityId}`;
	const last = () => apiRequests(w.sb).at(-1)!;

	test('Get Ledger Transactions with Return All returns every ledger entry exactly once', async () => {
		const ledger = w.sb.state.ledger[w.sb.managingEntityId] as Array<{ id: string }>;
		const { items, error } = await w.h.run({
			parameters: { operation: 'getTransactions', managingEntity: w.me, returnAll: true },
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(ledger.length);
		expect(ledger.length).toBeGreaterThan(2000);
		const ids = items.map((i) => i.json.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toEqual(ledger.map((e) => e.id));
		const requests = apiRequests(w.sb);
		expect(
			requests.every(
				(r) => r.method === 'GET' && r.path === `${ME_PATH()}/payment/ledger/transactions`,
			),
		).toBe(true);
		expect(requests.map((r) => Number(r.query.page))).toEqual(requests.map((_, i) => i));
		expect(new Set(requests.map((r) => r.query.size))).toEqual(new Set(['100']));
		expect(requests).toHaveLength(Math.floor(ledger.length / 100) + 1);
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Get Ledger Transactions with a Limit asks for no more than it needs', async () => {
		let { items } = await w.h.run({
			parameters: {
				operation: 'getTransactions',
				managingEntity: w.me,
				returnAll: false,
				limit: 20,
			},
		});
		expect(items).toHaveLength(20);
		expect(apiRequests(w.sb).map((r) => r.query)).toEqual([{ page: '0', size: '20' }]);

		w.sb.resetStats();
		({ items } = await w.h.run({
			parameters: {
				operation: 'getTransactions',
				managingEntity: w.me,
				returnAll: false,
				limit: 150,
			},
		}));
		const ledger = w.sb.state.ledger[w.sb.managingEntityId] as Array<{ id: string }>;
		expect(items.map((i) => i.json.id)).toEqual(ledger.slice(0, 150).map((e) => e.id));
		expect(apiRequests(w.sb).map((r) => r.query)).toEqual([
			{ page: '0', size: '75' },
			{ page: '1', size: '75' },
		]);
	});

	test('Return All loses no entry when Wink clamps the page size (Spring max-page-size)', async () => {
		w.sb.state.limits.ledgerPageSize = 30;
		const ledger = w.sb.state.ledger[w.sb.managingEntityId] as Array<{ id: string }>;
		const { items } = await w.h.run({
			parameters: { operation: 'getTransactions', managingEntity: w.me, returnAll: true },
		});
		expect(items.map((i) => i.json.id)).toEqual(ledger.map((e) => e.id));
		expect(apiRequests(w.sb)).toHaveLength(ledger.length / 30 + 1);

		w.sb.resetStats();
		const limited = await w.h.run({
			parameters: {
				operation: 'getTransactions',
				managingEntity: w.me,
				returnAll: false,
				limit: 150,
			},
		});
		expect(limited.items.map((i) => i.json.id)).toEqual(ledger.slice(0, 150).map((e) => e.id));
		expect(apiRequests(w.sb)).toHaveLength(5);
	});

	test('Page Size sets the entries per request; a size Wink caps still reads every entry', async () => {
		const ledger = w.sb.state.ledger[w.sb.managingEntityId] as Array<{ id: string }>;
		const run = (pageSize: number, more: object = {}) =>
			w.h.run({
				parameters: {
					operation: 'getTransactions',
					managingEntity: w.me,
					returnAll: true,
					options: { pageSize },
					...more,
				},
			});
		let { items, error } = await run(1000);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(ledger.map((e) => e.id));
		expect(apiRequests(w.sb).map((r) => r.query.size)).toEqual(
			Array.from({ length: Math.floor(ledger.length / 1000) + 1 }, () => '1000'),
		);

		w.sb.resetStats();
		w.sb.state.limits.ledgerPageSize = 30;
		({ items } = await run(1000));
		expect(items.map((i) => i.json.id)).toEqual(ledger.map((e) => e.id));
		expect(apiRequests(w.sb)).toHaveLength(ledger.length / 30 + 1);

		// With a Limit, the pages stay no larger than Page Size.
		w.sb.resetStats();
		w.sb.state.limits.ledgerPageSize = 0;
		({ items } = await run(40, { returnAll: false, limit: 100 }));
		expect(items.map((i) => i.json.id)).toEqual(ledger.slice(0, 100).map((e) => e.id));
		expect(apiRequests(w.sb).map((r) => r.query.size)).toEqual(['34', '34', '34']);

		w.sb.resetStats();
		({ error } = await run(0));
		expect(error?.message).toBe('Page Size must be a whole number of at least 1 (got 0) (item 0)');
		expect(apiRequests(w.sb)).toHaveLength(0);
	});

	test('a ledger shorter than one page costs one extra, empty request', async () => {
		const ledger = w.sb.state.ledger[w.sb.managingEntityId] as Array<{ id: string }>;
		ledger.length = 42;
		const { items } = await w.h.run({
			parameters: { operation: 'getTransactions', managingEntity: w.me, returnAll: true },
		});
		expect(items).toHaveLength(42);
		expect(apiRequests(w.sb).map((r) => [r.query.page, r.status])).toEqual([
			['0', 200],
			['1', 200],
		]);
	});

	test('Get Available Balance returns one item per currency', async () => {
		const { items } = await w.h.run({
			parameters: { operation: 'getBalance', managingEntity: w.me },
		});
		expect(last()).toMatchObject({
			method: 'GET',
			path: `${ME_PATH()}/payment/ledger/balance`,
			query: {},
		});
		expect(items.map((i) => i.json.currencyCode).sort()).toEqual(['EUR', 'GBP', 'USD']);
		expect(items.every((i) => typeof i.json.amount === 'number')).toBe(true);
	});

	test('Get Withdrawal History returns every withdrawal', async () => {
		const { items } = await w.h.run({
			parameters: { operation: 'getWithdrawals', managingEntity: w.me },
		});
		expect(last()).toMatchObject({ method: 'GET', path: `${ME_PATH()}/payment/withdrawal` });
		const withdrawals = w.sb.state.withdrawals[w.sb.managingEntityId];
		expect(items.map((i) => i.json.id)).toEqual(withdrawals.map((x: { id: string }) => x.id));
		expect(new Set(items.map((i) => i.json.status))).toEqual(
			new Set(['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED']),
		);
	});

	test('Get Withdrawal reads one per input item, pairing each output with its item', async () => {
		const withdrawals = w.sb.state.withdrawals[w.sb.managingEntityId].slice(0, 3);
		const { items, error } = await w.h.run({
			parameters: {
				operation: 'getWithdrawal',
				managingEntity: w.me,
				withdrawalId: '={{ $json.wid }}',
			},
			items: withdrawals.map((x: { id: string }) => ({ wid: x.id })),
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(withdrawals.map((x: { id: string }) => x.id));
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(apiRequests(w.sb).map((r) => r.path)).toEqual(
			withdrawals.map((x: { id: string }) => `${ME_PATH()}/payment/withdrawal/${x.id}`),
		);
		expect(w.sb.stats.tokensIssued).toBe(1);
	});

	test('path parameters are URL-encoded, so an id cannot change the route', async () => {
		const { error } = await w.h.run({
			parameters: {
				operation: 'getWithdrawal',
				managingEntity: w.me,
				withdrawalId: '../estimate?x=1',
			},
		});
		expect(last().path).toBe(`${ME_PATH()}/payment/withdrawal/..%2Festimate%3Fx%3D1`);
		expect(error?.message).toMatch(/^Not found/);
	});

	test('Estimate Withdrawal Fees sends the destination as query parameters', async () => {
		const { items } = await w.h.run({
			parameters: {
				operation: 'estimateFees',
				managingEntity: w.me,
				destinationKind: 'BankAccount',
				destinationIdentifier: w.sb.ids.bankAccountIds.EUR,
			},
		});
		expect(last()).toMatchObject({
			method: 'GET',
			path: `${ME_PATH()}/payment/withdrawal/estimate`,
			query: { destinationKind: 'BankAccount', destinationIdentifier: w.sb.ids.bankAccountIds.EUR },
		});
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			currencyCode: 'EUR',
			transferFeeAmount: expect.any(Number),
		});
	});

	test('Initiate Withdrawal posts once and empties the balance of that currency', async () => {
		const { items, error } = await w.h.run({
			parameters: {
				operation: 'initiateWithdrawal',
				managingEntity: w.me,
				destinationKind: 'RevolutPayoutAccount',
				destinationIdentifier: w.sb.ids.revolutPayoutAccountId,
			},
		});
		expect(error).toBeUndefined();
		// The duplicate check reads the history first (test/nodes/settlement-withdrawal.test.ts), then one POST.
		expect(apiRequests(w.sb).map((r) => r.operationId)).toEqual([
			'getWithdrawalHistory',
			'initiateWithdrawal',
		]);
		expect(last()).toMatchObject({
			method: 'POST',
			path: `${ME_PATH()}/payment/withdrawal`,
			query: {
				destinationKind: 'RevolutPayoutAccount',
				destinationIdentifier: w.sb.ids.revolutPayoutAccountId,
			},
		});
		expect(last().body).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'PENDING', currencyCode: 'GBP' });

		const balance = await w.h.run({
			parameters: { operation: 'getBalance', managingEntity: w.me },
		});
		expect(balance.items.find((i) => i.json.currencyCode === 'GBP')?.json.amount).toBe(0);
	});

	test('Add, Update and Remove Bank Account send the spec body, without empty fields', async () => {
		const added = await w.h.run({
			parameters: {
				operation: 'addBankAccount',
				managingEntity: w.me,
				countryCode: 'DE',
				currencyCode: 'EUR',
				accountHolderName: 'Grand Azure Hotel GmbH',
				accountNumber: 'DE89370400440532013000',
				additionalFields: { swiftCode: 'COBADEFFXXX', routingNumber: '' },
				address: {
					address1: 'Unter den Linden 1',
					city: 'Berlin',
					countryCode: 'DE',
					postalCode: '',
				},
			},
		});
		expect(added.error).toBeUndefined();
		expect(last()).toMatchObject({ method: 'POST', path: `${ME_PATH()}/bank-account` });
		expect(last().body).toEqual({
			countryCode: 'DE',
			currencyCode: 'EUR',
			accountHolderName: 'Grand Azure Hotel GmbH',
			accountNumber: 'DE89370400440532013000',
			swiftCode: 'COBADEFFXXX',
			address: { address1: 'Unter den Linden 1', city: 'Berlin', countryCode: 'DE' },
		});
		const accounts = added.items[0].json.bankAccounts as Array<{
			identifier: string;
			accountNumber: string;
		}>;
		const created = accounts.find((a) => a.accountNumber === 'DE89370400440532013000')!;
		expect(created).toBeDefined();

		const updated = await w.h.run({
			parameters: {
				operation: 'updateBankAccount',
				managingEntity: w.me,
				bankAccountIdentifier: created.identifier,
				countryCode: 'DE',
				currencyCode: 'EUR',
				accountHolderName: 'Grand Azure Hotel Berlin GmbH',
				accountNumber: 'DE89370400440532013000',
			},
		});
		expect(updated.error).toBeUndefined();
		expect(last()).toMatchObject({
			method: 'PUT',
			path: `${ME_PATH()}/bank-account/${created.identifier}`,
		});
		expect(last().body).toEqual({
			countryCode: 'DE',
			currencyCode: 'EUR',
			accountHolderName: 'Grand Azure Hotel Berlin GmbH',
			accountNumber: 'DE89370400440532013000',
		});

		const removed = await w.h.run({
			parameters: {
				operation: 'removeBankAccount',
				managingEntity: w.me,
				bankAccountIdentifier: created.identifier,
			},
		});
		expect(last()).toMatchObject({
			method: 'DELETE',
			path: `${ME_PATH()}/bank-account/${created.identifier}`,
		});
		const left = removed.items[0].json.bankAccounts as Array<{ identifier: string }>;
		expect(left.map((a) => a.identifier)).not.toContain(created.identifier);
	});

	test('Add, Update and Remove Revolut Payout Account', async () => {
		const added = await w.h.run({
			parameters: {
				operation: 'addRevolutAccount',
				managingEntity: w.me,
				profileType: 'personal',
				accountHolderName: 'Ana Costa',
				revtag: '@anacosta',
				currencyCode: 'EUR',
			},
		});
		expect(added.error).toBeUndefined();
		expect(last()).toMatchObject({ method: 'POST', path: `${ME_PATH()}/revolut-payout-account` });
		expect(last().body).toEqual({
			profileType: 'personal',
			accountHolderName: 'Ana Costa',
			revtag: '@anacosta',
			currencyCode: 'EUR',
		});
		const created = (
			added.items[0].json.revolutPayoutAccounts as Array<{ identifier: string; revtag: string }>
		).find((a) => a.revtag === 'anacosta')!;

		const updated = await w.h.run({
			parameters: {
				operation: 'updateRevolutAccount',
				managingEntity: w.me,
				revolutPayoutAccountIdentifier: created.identifier,
				profileType: 'business',
				accountHolderName: 'Costa Stays Lda',
				revtag: 'costastays',
				currencyCode: 'EUR',
			},
		});
		expect(updated.error).toBeUndefined();
		expect(last()).toMatchObject({
			method: 'PUT',
			path: `${ME_PATH()}/revolut-payout-account/${created.identifier}`,
		});

		await w.h.run({
			parameters: {
				operation: 'removeRevolutAccount',
				managingEntity: w.me,
				revolutPayoutAccountIdentifier: created.identifier,
			},
		});
		expect(last()).toMatchObject({
			method: 'DELETE',
			path: `${ME_PATH()}/revolut-payout-account/${created.identifier}`,
		});
		const entity = w.sb.state.managingEntities[w.sb.managingEntityId];
		expect(
			entity.revolutPayoutAccounts.map((a: { identifier: string }) => a.identifier),
		).not.toContain(created.identifier);
	});

	test("Wink's validation errors reach the user with Wink's own words", async () => {
		const { error } = await w.h.run({
			parameters: {
				operation: 'addRevolutAccount',
				managingEntity: w.me,
				profileType: 'business',
				accountHolderName: 'X',
				revtag: 'not a revtag!',
				currencyCode: 'EUR',
			},
		});
		expect(error?.message).toMatch(/^Wink rejected the request \(400\): .*revtag/i);
	});

	test('Continue On Fail: a failing item yields an error item and the loop goes on', async () => {
		const good = w.sb.state.withdrawals[w.sb.managingEntityId][0].id;
		const { items, error } = await w.h.run({
			parameters: {
				operation: 'getWithdrawal',
				managingEntity: w.me,
				withdrawalId: '={{ $json.wid }}',
			},
			items: [{ wid: good }, { wid: 'wd-missing' }, { wid: good }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[0].json.id).toBe(good);
		expect(items[1].json.error).toMatch(/^Not found/);
		expect(items[1].json.httpCode).toBe('404');
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(items[2].json.id).toBe(good);
	});

	test("the credential's Default Managing Entity ID is used when the field is empty", async () => {
		w.h.setCredential({
			...w.h.credentials.get('wink-cred-1'),
			managingEntityId: w.sb.managingEntityId,
		});
		const { error } = await w.h.run({
			parameters: {
				operation: 'getBalance',
				managingEntity: { __rl: true, mode: 'list', value: '' },
			},
		});
		expect(error).toBeUndefined();
		expect(last().path).toBe(`${ME_PATH()}/payment/ledger/balance`);

		w.h.setCredential({ ...w.h.credentials.get('wink-cred-1'), managingEntityId: '' });
		const missing = await w.h.run({
			parameters: {
				operation: 'getBalance',
				managingEntity: { __rl: true, mode: 'list', value: '' },
			},
		});
		expect(missing.error?.message).toBe('No managing entity chosen');
	});
});
