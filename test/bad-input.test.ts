import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { Sandbox } from '../sandbox';
import { apiRequests, byId, sandboxCredential, useWink } from './harness/fixture';
import { secretHits, visibleText } from './harness/secrets';

/**
 * Bad input, one case a row: three items run (good, bad, good). With Continue On Fail the bad item
 * becomes an error item and the others still run; without it the run stops with that error.
 * `bad` is the middle item's JSON; the parameters read it with expressions.
 */
interface BadInput {
	name: string;
	nodeType?: string;
	parameters(sb: Sandbox): INodeParameters;
	/** The JSON of good item 0 or 2. */
	good(sb: Sandbox, index: number): IDataObject;
	bad(sb: Sandbox): Record<string, unknown>;
	/** The error of the bad item (exact text, or a pattern), or 'ok' when the input is fine after all. */
	error: string | RegExp | 'ok';
	/** What the error's description must say. */
	description?: RegExp;
	/**
	 * Requests of the bad item in the sandbox's log (0: stopped before sending, or refused for its
	 * size before the sandbox logs it: Node's header limit answers 431, the body limit 413).
	 */
	sent: number;
	/** What Wink must have received from the bad item (checked when it was sent). */
	received?(sb: Sandbox, request: { path: string; query: IDataObject; body?: IDataObject }): void;
}

const SETTLEMENT = 'n8n-nodes-wink.winkSettlement';
const MANAGER = 'n8n-nodes-wink.winkManager';
const ENTITY = 'n8n-nodes-wink.winkManagingEntity';
const GRID = 'test.winkGrid';
const ME = (sb: Sandbox) => `/api/managing-entity/${sb.managingEntityId}`;
const fromItem = (field: string) => `={{ $json.${field} }}`;
/** Wink users who do not manage the main managing entity yet (they can be invited). */
const notManaging = (sb: Sandbox): Array<{ email: string }> => {
	const managers = new Set(
		sb.state.managingEntities[sb.managingEntityId].managers.map((m: { email: string }) => m.email),
	);
	return sb.state.users.filter((u: { email: string }) => !managers.has(u.email));
};

/** Get Withdrawal by the item's `id`. */
const getWithdrawal = (
	id: unknown,
	error: BadInput['error'],
	sent: number,
	received?: BadInput['received'],
): Omit<BadInput, 'name'> => ({
	nodeType: SETTLEMENT,
	parameters: (sb) => ({
		operation: 'getWithdrawal',
		managingEntity: byId(sb.managingEntityId),
		withdrawalId: fromItem('id'),
	}),
	good: (sb) => ({ id: sb.state.withdrawals[sb.managingEntityId][0].id }),
	bad: () => ({ id }),
	error,
	sent,
	received,
});

/** An id that must reach Wink encoded as one path segment. */
const withSequentialItems = (parameters: IDataObject): IDataObject => ({
	...parameters,
	options: { ...((parameters.options as IDataObject) ?? {}), concurrency: 1 },
});

const encodedId = (id: string): Omit<BadInput, 'name'> =>
	getWithdrawal(id, `Not found: Withdrawal '${id}' not found`, 1, (sb, r) =>
		expect(r.path).toBe(`${ME(sb)}/payment/withdrawal/${encodeURIComponent(id)}`),
	);

const addBankAccount = (
	bad: IDataObject,
	error: BadInput['error'],
	sent = 0,
	received?: BadInput['received'],
): Omit<BadInput, 'name'> => ({
	nodeType: SETTLEMENT,
	parameters: (sb) => ({
		operation: 'addBankAccount',
		managingEntity: byId(sb.managingEntityId),
		countryCode: 'DE',
		currencyCode: 'EUR',
		accountHolderName: fromItem('holder'),
		accountNumber: 'DE89370400440532013000',
	}),
	good: () => ({ holder: 'Grand Azure Hotel GmbH' }),
	bad: () => bad,
	error,
	sent,
	received,
});

const estimate = (kind: unknown, error: BadInput['error']): Omit<BadInput, 'name'> => ({
	nodeType: SETTLEMENT,
	parameters: (sb) => ({
		operation: 'estimateFees',
		managingEntity: byId(sb.managingEntityId),
		destinationKind: fromItem('kind'),
		destinationIdentifier: sb.ids.bankAccountIds.EUR,
	}),
	good: () => ({ kind: 'BankAccount' }),
	bad: () => ({ kind }),
	error,
	sent: 0,
});

const ledger = (limit: unknown, error: BadInput['error'], sent = 0): Omit<BadInput, 'name'> => ({
	nodeType: SETTLEMENT,
	parameters: (sb) => ({
		operation: 'getTransactions',
		managingEntity: byId(sb.managingEntityId),
		limit: fromItem('limit'),
	}),
	good: () => ({ limit: 3 }),
	bad: () => ({ limit }),
	error,
	sent,
});

const agency = (
	commission: unknown,
	error: BadInput['error'],
	received?: BadInput['received'],
): Omit<BadInput, 'name'> => ({
	nodeType: MANAGER,
	parameters: (sb) => ({
		operation: 'setAgency',
		managingEntity: byId(sb.managingEntityId),
		agencyId: sb.ids.secondaryManagingEntityId,
		commissionInPercent: fromItem('commission'),
	}),
	good: () => ({ commission: 10 }),
	bad: () => ({ commission }),
	error,
	sent: error === 'ok' ? 1 : 0,
	received,
});

const gridState = (state: string, error: BadInput['error']): Omit<BadInput, 'name'> => ({
	nodeType: GRID,
	parameters: () => ({ operation: 'gridWide', state: fromItem('state'), limit: 2 }),
	good: () => ({ state: '{}' }),
	bad: () => ({ state }),
	error,
	sent: 0,
});

const HUGE = 'x'.repeat(2 * 1024 * 1024);

export const badInputs: BadInput[] = [
	{ name: 'empty ID', ...getWithdrawal('', 'Withdrawal ID is empty (item 1)', 0) },
	{ name: 'whitespace ID', ...getWithdrawal('   ', 'Withdrawal ID is empty (item 1)', 0) },
	{
		name: 'ID missing from the item (expression finds nothing)',
		...getWithdrawal(undefined, 'Withdrawal ID is empty (item 1)', 0),
	},
	{ name: "ID '..'", ...getWithdrawal('..', "Withdrawal ID cannot be '..' (item 1)", 0) },
	{ name: "ID '.'", ...getWithdrawal('.', "Withdrawal ID cannot be '.' (item 1)", 0) },
	{ name: 'ID with / and ..', ...encodedId('../../ledger/balance') },
	{ name: 'ID with ?', ...encodedId('wd-1?page=2') },
	{ name: 'ID with #', ...encodedId('wd-1#top') },
	{ name: 'ID with %2F already encoded', ...encodedId('wd-1%2F..') },
	{ name: 'unicode ID', ...encodedId('wd-東京-é') },
	{ name: 'number as ID', ...getWithdrawal(12345, "Not found: Withdrawal '12345' not found", 1) },
	{
		name: "managing entity '..'",
		nodeType: SETTLEMENT,
		parameters: () => ({
			operation: 'getBalance',
			managingEntity: { __rl: true, mode: 'id', value: fromItem('me') },
		}),
		good: (sb) => ({ me: sb.managingEntityId }),
		bad: () => ({ me: '..' }),
		error: "Managing Entity cannot be '..' (item 1)",
		sent: 0,
	},
	{
		name: 'resource locator ID with /',
		nodeType: SETTLEMENT,
		parameters: (sb) => ({
			operation: 'removeBankAccount',
			managingEntity: byId(sb.managingEntityId),
			bankAccountIdentifier: { __rl: true, mode: 'id', value: fromItem('ba') },
		}),
		good: (sb, i) => ({ ba: i === 0 ? sb.ids.bankAccountIds.USD : sb.ids.bankAccountIds.EUR }),
		bad: () => ({ ba: 'ba-1/../..' }),
		error: "Not found: Bank account 'ba-1/../..' not found",
		sent: 1,
		received: (sb, r) => expect(r.path).toBe(`${ME(sb)}/bank-account/ba-1%2F..%2F..`),
	},
	{
		name: 'invalid email for a manager',
		nodeType: MANAGER,
		parameters: (sb) => ({
			operation: 'invite',
			managingEntity: byId(sb.managingEntityId),
			email: fromItem('email'),
		}),
		good: (sb, i) => ({ email: notManaging(sb)[i].email }),
		bad: () => ({ email: 'ana.costa-at-example.com' }),
		error: 'Email: email must be an email address (got "ana.costa-at-example.com") (item 1)',
		sent: 0,
	},
	{
		name: 'email missing from the item',
		nodeType: MANAGER,
		parameters: (sb) => ({
			operation: 'invite',
			managingEntity: byId(sb.managingEntityId),
			email: fromItem('email'),
		}),
		good: (sb, i) => ({ email: notManaging(sb)[i].email }),
		bad: () => ({}),
		error: 'Email is required (item 1)',
		sent: 0,
	},
	{
		name: 'unknown enum value from an expression',
		...estimate(
			'WireTransfer',
			'Destination Kind must be one of BankAccount, RevolutPayoutAccount (got "WireTransfer") (item 1)',
		),
	},
	{
		name: 'enum value in the wrong case',
		...estimate(
			'bankaccount',
			'Destination Kind must be one of BankAccount, RevolutPayoutAccount (got "bankaccount") (item 1)',
		),
	},
	{
		name: 'unknown status for a managing entity',
		nodeType: ENTITY,
		parameters: (sb) => ({
			operation: 'updateStatus',
			managingEntity: byId(sb.managingEntityId),
			status: fromItem('status'),
		}),
		good: () => ({ status: 'ACTIVE' }),
		bad: () => ({ status: 'DELETED' }),
		error:
			'Status must be one of ACTIVE, INACTIVE, PENDING_APPROVAL, REJECTED, REMOVED, SUSPENDED, UNDER_REVIEW (got "DELETED") (item 1)',
		sent: 0,
	},
	{
		name: 'JSON field that does not parse',
		...gridState('{"sort": [', /^State is not valid JSON \(item 1\)$/),
	},
	{
		name: 'JSON field of the wrong shape',
		...gridState('{"sort": "name"}', 'State: sort must be array (got string) (item 1)'),
	},
	{
		name: 'take over 180 in a State',
		...gridState('{"take": 500}', 'State: take must be at most 180 (item 1)'),
	},
	{
		name: 'negative skip in a State',
		...gridState('{"skip": -5}', 'State: skip must be at least 0 (item 1)'),
	},
	{
		name: 'number as text is taken as a number',
		...agency('12.5', 'ok', (_sb, r) => expect(r.body?.commissionInPercent).toBe(12.5)),
	},
	{
		name: 'text that is not a number',
		...agency('twelve', 'Commission (%) must be a number (got "twelve") (item 1)'),
	},
	{
		name: 'number over the maximum',
		...agency(150, 'Commission (%) must be at most 100 (got 150) (item 1)'),
	},
	{
		name: 'negative number under the minimum',
		...agency(-1, 'Commission (%) must be at least 0 (got -1) (item 1)'),
	},
	{
		name: 'negative limit',
		...ledger(-5, 'Limit must be a whole number of at least 1 (got -5) (item 1)'),
	},
	{
		name: 'zero limit',
		...ledger(0, 'Limit must be a whole number of at least 1 (got 0) (item 1)'),
	},
	{
		name: 'non-integer limit',
		...ledger(2.5, 'Limit must be a whole number of at least 1 (got 2.5) (item 1)'),
	},
	{
		name: 'limit as text that is not a number',
		...ledger('ten', 'Limit must be a whole number of at least 1 (got "ten") (item 1)'),
	},
	{ name: 'limit as numeric text is taken as a number', ...ledger('4', 'ok', 1) },
	{
		name: 'required field missing from the item',
		...addBankAccount({}, 'Account Holder Name is required (item 1)'),
	},
	{
		name: 'required field of spaces: Wink judges it, in its words',
		...addBankAccount(
			{ holder: '   ' },
			/^Wink rejected the request \(400\): .*accountHolderName/,
			1,
		),
	},
	{
		name: 'unicode text reaches Wink unchanged',
		...addBankAccount({ holder: 'Hôtel Ωmega 東京 🏨' }, 'ok', 1, (_sb, r) =>
			expect(r.body?.accountHolderName).toBe('Hôtel Ωmega 東京 🏨'),
		),
	},
	{
		name: 'a 2 MB text',
		...addBankAccount(
			{ holder: HUGE },
			'Wink rejected the request (413): Request body too large',
			0,
		),
		description: /Its longest value is accountHolderName \(2,097,152 characters\)/,
	},
	{
		name: 'a 20 kB ID',
		...getWithdrawal('w'.repeat(20_000), /^Wink rejected the request \(431\)/, 0),
		description: /Its longest value is the URL \(an ID in it\) \(20,\d{3} characters\)/,
	},
];

// A credential URL that is not plain http(s) fails every item, before any request.
const badUrls: Array<{
	name: string;
	credential(sb: Sandbox): Record<string, string>;
	error: string;
	hidden?: string;
}> = [
	{
		name: 'API URL with another scheme',
		credential: (sb) => ({ customApiUrl: sb.url.replace('http:', 'ftp:') }),
		error:
			"The Wink credential's API Base URL must start with http:// or https:// (it starts with ftp://)",
	},
	{
		name: 'API URL that is not a URL',
		credential: () => ({ customApiUrl: 'sandbox on my laptop' }),
		error: "The Wink credential's API Base URL is not a URL",
	},
	{
		name: 'API URL with user:password',
		credential: (sb) => ({ customApiUrl: sb.url.replace('//', '//admin:hunter2pass@') }),
		error: "The Wink credential's API Base URL must not contain a user name or password",
		hidden: 'hunter2pass',
	},
	{
		name: 'token URL with user:password',
		credential: (sb) => ({ customTokenUrl: sb.tokenUrl.replace('//', '//admin:hunter2pass@') }),
		error: "The Wink credential's Token URL must not contain a user name or password",
		hidden: 'hunter2pass',
	},
	{
		name: 'token URL with a file scheme',
		credential: () => ({ customTokenUrl: 'file:///etc/passwd' }),
		error:
			"The Wink credential's Token URL must start with http:// or https:// (it starts with file://)",
	},
];

describe('bad input', () => {
	const w = useWink();
	const seen = new Map<string, string>();

	describe.each(badInputs.map((c) => [c.name, c] as const))('%s', (name, c) => {
		const run = (continueOnFail: boolean) =>
			w.h.run({
				nodeType: c.nodeType,
				// One item at a time, so that "item 2 never runs" holds (see concurrency.test.ts for parallel items).
				parameters: withSequentialItems(c.parameters(w.sb) as IDataObject) as INodeParameters,
				items: [c.good(w.sb, 0), c.bad(w.sb) as IDataObject, c.good(w.sb, 2)],
				continueOnFail,
			});

		test('Continue On Fail: the bad item is an error item, the others run', async () => {
			const { items, error, run: r } = await run(true);
			seen.set(name, visibleText({ items, error, run: r }));
			expect(error).toBeUndefined();
			const byItem = (i: number) =>
				items.filter((x) => (x.pairedItem as { item: number }).item === i);
			for (const i of [0, 2]) {
				expect(byItem(i).length).toBeGreaterThan(0);
				expect(byItem(i).every((x) => x.json.error === undefined)).toBe(true);
			}
			const bad = byItem(1);
			if (c.error === 'ok') {
				expect(bad.every((x) => x.json.error === undefined)).toBe(true);
			} else {
				expect(bad).toHaveLength(1);
				if (typeof c.error === 'string') expect(bad[0].json.error).toBe(c.error);
				else expect(bad[0].json.error).toMatch(c.error);
				if (c.description) expect(bad[0].json.description).toMatch(c.description);
			}
		});

		test('without it, the run stops with that error, for item 1', async () => {
			const counted = () =>
				apiRequests(w.sb).filter(
					(r) => r.operationId !== 'showAccessibleManagingEntitiesByState' || c.nodeType === GRID,
				);
			// What one good item costs, measured alone on a fresh sandbox, so that `sent` is checked.
			const alone = await w.h.run({
				nodeType: c.nodeType,
				parameters: withSequentialItems(c.parameters(w.sb) as IDataObject) as INodeParameters,
				items: [c.good(w.sb, 0)],
			});
			expect(alone.error).toBeUndefined();
			const goodCost = counted().length;
			w.sb.reset();
			w.h.setCredential(sandboxCredential(w.sb));

			const { error } = await run(false);
			// Items 0 and 1 ran (item 2 only when item 1 did not fail); the bad item sent `sent` requests.
			const requests = counted();
			expect(requests.length).toBe(c.error === 'ok' ? 2 * goodCost + c.sent : goodCost + c.sent);
			if (c.error === 'ok') {
				expect(error).toBeUndefined();
			} else {
				if (typeof c.error === 'string') expect(error?.message).toBe(c.error);
				else expect(error?.message).toMatch(c.error);
				expect((error as unknown as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(
					1,
				);
			}
			// The bad item's request: the last one, or (when it ran fine) the one after item 0's.
			const sent = c.error === 'ok' ? requests[goodCost] : requests.at(-1);
			if (c.received) c.received(w.sb, { path: sent!.path, query: sent!.query, body: sent!.body });
		});
	});

	describe.each(badUrls.map((c) => [c.name, c] as const))('credential: %s', (name, c) => {
		test('every item fails with the field named, nothing is sent', async () => {
			w.h.setCredential(sandboxCredential(w.sb, c.credential(w.sb)));
			const result = await w.h.run({
				parameters: { operation: 'getBalance', managingEntity: w.me },
				items: [{}, {}],
				continueOnFail: true,
			});
			seen.set(`credential: ${name}`, visibleText(result));
			expect(result.items.map((i) => i.json.error)).toEqual([c.error, c.error]);
			expect(w.sb.stats.requests).toHaveLength(0);
			if (c.hidden) expect(visibleText(result)).not.toContain(c.hidden);
		});
	});

	test('no secret or token in any of these outputs, errors or logs', () => {
		// Every case ran (a -t filter that skips some would make this scan prove nothing).
		expect(seen.size).toBe(badInputs.length + badUrls.length);
		expect(secretHits(w.h, w.sb, seen)).toEqual([]);
	});
});
