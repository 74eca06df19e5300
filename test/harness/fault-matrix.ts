import type { INodeParameters } from 'n8n-workflow';
import type { Sandbox, SandboxFault } from '../../sandbox';
import { byId } from './fixture';

/**
 * The fault matrix: what each kind of request does under each fault the sandbox injects.
 * test/slow/faults.test.ts runs every cell through n8n's engine; the table in docs/reliability.md is
 * rendered from this file (and checked against it), so the two cannot drift.
 */

export type TargetKey = 'GET' | 'PUT' | 'DELETE' | 'PATCH' | 'POST' | 'WITHDRAW';

export interface Target {
	key: TargetKey;
	/** Table column heading. */
	label: string;
	operationId: string;
	scope: string;
	nodeType?: string;
	parameters(sb: Sandbox): INodeParameters;
	/** Not safe to send twice: never repeated, whatever the fault. */
	unsafe: boolean;
}

const me = (sb: Sandbox) => byId(sb.managingEntityId);

export const targets: Target[] = [
	{
		key: 'GET',
		label: 'GET (Get Available Balance)',
		operationId: 'getAvailableBalance',
		scope: 'accounting.read',
		parameters: (sb) => ({ operation: 'getBalance', managingEntity: me(sb) }),
		unsafe: false,
	},
	{
		key: 'PUT',
		label: 'PUT (Update Bank Account)',
		operationId: 'upsertBankAccount',
		scope: 'account.write',
		parameters: (sb) => ({
			operation: 'updateBankAccount',
			managingEntity: me(sb),
			bankAccountIdentifier: byId(sb.ids.bankAccountIds.EUR),
			countryCode: 'PT',
			currencyCode: 'EUR',
			accountHolderName: 'Hotel Mar Lda',
			accountNumber: 'PT50000201231234567890154',
		}),
		unsafe: false,
	},
	{
		key: 'DELETE',
		label: 'DELETE (Remove Bank Account)',
		operationId: 'removeBankAccount',
		scope: 'account.remove',
		parameters: (sb) => ({
			operation: 'removeBankAccount',
			managingEntity: me(sb),
			bankAccountIdentifier: byId(sb.ids.bankAccountIds.USD),
		}),
		unsafe: false,
	},
	{
		key: 'PATCH',
		label: 'PATCH (Update Managing Entity Status)',
		operationId: 'updateManagingEntityStatus',
		scope: 'account.write',
		nodeType: 'n8n-nodes-wink.winkManagingEntity',
		parameters: (sb) => ({ operation: 'updateStatus', managingEntity: me(sb), status: 'INACTIVE' }),
		unsafe: true,
	},
	{
		key: 'POST',
		label: 'POST (Add Bank Account)',
		operationId: 'addBankAccount',
		scope: 'account.write',
		parameters: (sb) => ({
			operation: 'addBankAccount',
			managingEntity: me(sb),
			countryCode: 'DE',
			currencyCode: 'EUR',
			accountHolderName: 'Grand Azure Hotel GmbH',
			accountNumber: 'DE89370400440532013000',
		}),
		unsafe: true,
	},
	{
		key: 'WITHDRAW',
		label: 'Initiate Withdrawal',
		operationId: 'initiateWithdrawal',
		scope: 'payment.write',
		// The GBP Revolut account has no withdrawal under way, so the duplicate guard lets it through.
		parameters: (sb) => ({
			operation: 'initiateWithdrawal',
			managingEntity: me(sb),
			destinationKind: 'RevolutPayoutAccount',
			destinationIdentifier: sb.ids.revolutPayoutAccountId,
		}),
		unsafe: true,
	},
];

export interface Expectation {
	outcome: 'ok' | 'error' | 'alreadyRemoved';
	/** Requests of the operation Wink received. */
	sent: number;
	/** How often Wink's handler ran (changed state) for it. */
	processed: number;
	/** Start of the error message the user sees. */
	message?: string;
	/** What the error's description tells about the request's fate. */
	warns?: 'may have been processed' | 'was processed';
	/** Least time the run takes (a wait the node honours), in ms. */
	minMs?: number;
}

export interface Fault {
	key: string;
	/** Table row heading. */
	label: string;
	/** The sandbox fault for this target (none: the credential or options make the fault). */
	inject?(operationId: string): SandboxFault | SandboxFault[];
	/** Credential scopes without the target's scope. */
	dropScope?: boolean;
	/** Node options for the run (e.g. a 1 s Timeout). */
	options?: INodeParameters;
	/** Token requests in the run. */
	tokens: number;
	expect: Record<TargetKey, Expectation>;
}

const ok = (sent: number, processed: number): Expectation => ({ outcome: 'ok', sent, processed });
const fails = (
	message: string,
	sent: number,
	processed: number,
	warns?: Expectation['warns'],
): Expectation => ({
	outcome: 'error',
	message,
	sent,
	processed,
	...(warns ? { warns } : {}),
});

const every = (e: Expectation) =>
	Object.fromEntries(targets.map((t) => [t.key, e])) as Record<TargetKey, Expectation>;

/**
 * Wink processed the request and the answer was lost: retried methods run again (a DELETE's retry
 * finds it gone and reports it removed by the lost attempt, not "not found"); the others say so.
 */
const answerLost = (
	message: string,
	warns: Expectation['warns'],
): Record<TargetKey, Expectation> => ({
	...oneFailure(message, warns, 1),
	DELETE: { outcome: 'alreadyRemoved', sent: 2, processed: 1 },
});

/** The cells in which the run lasts at least `ms` (the node waited); all cells when `all`. */
const waiting = (cells: Record<TargetKey, Expectation>, ms: number, all = false) =>
	Object.fromEntries(
		Object.entries(cells).map(([k, e]) => [
			k,
			all || e.outcome !== 'error' ? { ...e, minMs: ms } : e,
		]),
	) as Record<TargetKey, Expectation>;

const MAYBE = 'may have been processed' as const;
const DONE = 'was processed' as const;
const LOST = 'The connection to Wink was lost';
const SLOW = 'Wink did not answer in time';

/** Retried methods recover after one failed attempt; POST, PATCH and withdrawals are sent once. */
const oneFailure = (
	message: string,
	warns?: Expectation['warns'],
	processedByFault = 0,
): Record<TargetKey, Expectation> => ({
	GET: ok(2, 1 + processedByFault),
	PUT: ok(2, 1 + processedByFault),
	DELETE: ok(2, 1 + processedByFault),
	PATCH: fails(message, 1, processedByFault, warns),
	POST: fails(message, 1, processedByFault, warns),
	WITHDRAW: fails(message, 1, processedByFault, warns),
});

export const faults: Fault[] = [
	{
		key: '429-seconds',
		label: '429, `Retry-After: 1` (seconds)',
		inject: (operationId) => ({ operationId, status: 429, retryAfter: 1 }),
		tokens: 1,
		expect: waiting(oneFailure('Wink rate limit reached (429)'), 900),
	},
	{
		key: '429-date',
		label: '429, `Retry-After` as an HTTP date',
		// Two seconds ahead, written with whole seconds: the node waits 1-2 s.
		inject: (operationId) => ({
			operationId,
			status: 429,
			retryAfter: new Date(Date.now() + 2000).toUTCString(),
		}),
		tokens: 1,
		expect: waiting(oneFailure('Wink rate limit reached (429)'), 900),
	},
	...(
		[
			[503, 'Service Unavailable'],
			[502, 'Bad Gateway'],
			[504, 'Gateway Timeout'],
		] as const
	).map(
		([status, title]): Fault => ({
			key: String(status),
			label: String(status),
			inject: (operationId) => ({ operationId, status }),
			tokens: 1,
			expect: oneFailure(`Wink server error (${status}): ${title}`, MAYBE),
		}),
	),
	{
		key: 'drop',
		label: 'connection dropped before Wink processed it',
		inject: (operationId) => ({ operationId, drop: true }),
		tokens: 1,
		expect: oneFailure(LOST, MAYBE),
	},
	{
		key: 'drop-after',
		label: 'connection dropped after Wink processed it (answer lost)',
		inject: (operationId) => ({ operationId, drop: true, after: true }),
		tokens: 1,
		expect: answerLost(LOST, MAYBE),
	},
	{
		key: 'timeout',
		label: 'no answer within the Timeout option (1 s); Wink processes it late',
		inject: (operationId) => ({ operationId, delayMs: 1500 }),
		options: { timeout: 1 },
		tokens: 1,
		// The retried DELETE removes it first; the late first attempt then finds it gone.
		expect: waiting({ ...oneFailure(SLOW, MAYBE, 1), DELETE: ok(2, 1) }, 900, true),
	},
	{
		key: 'malformed',
		label: '200 with malformed JSON (processed)',
		inject: (operationId) => ({ operationId, malformed: true, after: true }),
		tokens: 1,
		expect: answerLost('Wink answered 200 with malformed JSON', DONE),
	},
	{
		key: 'empty',
		label: '200 with an empty body (processed)',
		inject: (operationId) => ({ operationId, status: 200, body: '', after: true }),
		tokens: 1,
		expect: answerLost('Wink answered 200 without a body', DONE),
	},
	{
		key: 'token-expired',
		label: 'access token expires mid-run (401)',
		inject: (operationId) => ({ operationId, expireTokens: true }),
		tokens: 2,
		// The 401 came before Wink processed anything: n8n fetches a new token and sends it again.
		expect: every(ok(2, 1)),
	},
	{
		key: '401-persists',
		label: '401 that persists after a fresh token',
		inject: (operationId) => ({ operationId, status: 401, times: Infinity }),
		tokens: 2,
		expect: every(fails('Wink did not accept the access token (401)', 2, 0)),
	},
	{
		key: '403-scope',
		label: '403, the credential lacks the scope',
		dropScope: true,
		tokens: 1,
		expect: every(fails('Missing scope: this operation probably needs', 1, 0)),
	},
];

function cell(e: Expectation): string {
	const sends = e.sent === 1 ? 'sent once' : `sent ${e.sent}×`;
	const runs =
		e.processed === 1
			? 'processed once'
			: e.processed === 0
				? 'not processed'
				: `processed ${e.processed}×`;
	const waited = e.minMs && e.outcome !== 'error' ? ' after waiting' : '';
	if (e.outcome === 'ok') return `✅ ok${waited}; ${sends}, ${runs}`;
	if (e.outcome === 'alreadyRemoved') return `✅ ok, flagged \`alreadyRemoved\`; ${sends}, ${runs}`;
	const warning = e.warns ? `; says it ${e.warns}` : '';
	return `❌ “${e.message}…”; ${sends}, ${runs}${warning}`;
}

/** The fault table of docs/reliability.md, rendered from the matrix. */
export function renderFaultTable(): string {
	const head = `| Fault | ${targets.map((t) => t.label).join(' | ')} |`;
	const rule = `| --- | ${targets.map(() => '---').join(' | ')} |`;
	const rows = faults.map(
		(f) => `| ${f.label} | ${targets.map((t) => cell(f.expect[t.key])).join(' | ')} |`,
	);
	return [head, rule, ...rows].join('\n');
}
