import {
	NodeOperationError,
	type NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { addHint } from '../shared/execution/hints';
import { toMinor } from './reconcile/money';
import { winkRequest, type WinkRequest } from '../shared/transport/request';
import type { WinkHook } from '../shared/table/types';
import { hasFeature, shownWith } from '../shared/versions';
import { destinationFields } from '../shared/table/fields';
import {
	guardAmount,
	guardBoolean,
	guardId,
	guardOption,
	shownValue,
} from '../shared/execution/moneyGuards';

/** Statuses of a withdrawal still under way (spec enum: PENDING, PROCESSING, COMPLETED, FAILED). */
const UNDER_WAY = new Set(['PENDING', 'PROCESSING']);

const properties: INodeProperties[] = [
	{
		// The spec: "Initiates a full-balance withdrawal to the chosen payout destination"; that the
		// balance is the one in the destination's currency is the sandbox's reading (inferred).
		displayName:
			"This pays out the FULL available balance in the destination's currency: Wink's initiate takes no amount. See the amount first with Estimate Withdrawal Fees.",
		name: 'fullBalanceNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Duplicate Check',
		name: 'duplicateCheck',
		type: 'options',
		options: [
			{
				name: 'Same Destination',
				value: 'destination',
				description: 'Skip when a withdrawal to this destination is still PENDING or PROCESSING',
			},
			{
				name: 'Any Destination',
				value: 'entity',
				description:
					'Skip when any withdrawal of the managing entity is still PENDING or PROCESSING',
			},
			{
				name: 'Off',
				value: 'off',
				description: 'Initiate without looking at the withdrawal history',
			},
		],
		default: 'destination',
		description:
			'Right before initiating, read the withdrawal history; if a withdrawal is still under way, return it (with initiated: false) instead of initiating another',
	},
	{
		displayName: 'Require Fee Estimate',
		name: 'requireFeeEstimate',
		type: 'boolean',
		default: false,
		description:
			'Whether to estimate the fees right before initiating and not initiate when the net amount is below the minimum',
	},
	{
		displayName: 'Minimum Net Amount',
		name: 'minimumNetAmount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description:
			"Do not initiate when the estimated net amount (in the destination's currency) is below this",
		hint: "In the destination's currency: the one its Destination entry shows (e.g. Bank · EUR · …)",
		displayOptions: { show: { requireFeeEstimate: [true] } },
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description:
			'Whether to run the checks and a fee estimate and say what would happen, without initiating anything',
		displayOptions: { show: shownWith('payoutDecision') },
	},
	{
		displayName: 'Expected Net Amount',
		name: 'expectedNetAmount',
		type: 'string',
		default: '',
		placeholder:
			"e.g. {{ $fromAI('expectedNetAmount', 'The netAmount from Estimate Withdrawal Fees', 'number') }}",
		description:
			'Empty: not checked. Set: the net amount (a number) the fresh fee estimate right before initiating must give, to the cent, or nothing is initiated. For an AI tool, let the model fill it from Estimate Withdrawal Fees, so a human review step shows it.',
		displayOptions: { show: shownWith('payoutDecision') },
	},
];

type Outcome = IDataObject & { initiated: boolean };

const param = (name: string) => properties.find((p) => p.name === name)!;
const [destinationKind, destination] = destinationFields;

/** The destination of an estimate or a withdrawal, read strictly (see moneyGuards.ts). */
function checkDestination(this: IExecuteFunctions, itemIndex: number): void {
	guardOption.call(this, destinationKind, itemIndex);
	guardId.call(this, destination, itemIndex);
}

/**
 * The item's checks, read strictly before anything is built or sent: a guard fed a missing or
 * wrong value by an expression stops the item instead of being skipped (issue 24). All versions.
 */
function readGuards(this: IExecuteFunctions, i: number) {
	checkDestination.call(this, i);
	const check = guardOption.call(this, param('duplicateCheck'), i);
	const feeEstimate = guardBoolean.call(this, param('requireFeeEstimate'), i);
	// Shown (and so read) only with Require Fee Estimate on; the same for Dry Run from version 2.
	const minimum = feeEstimate ? guardAmount.call(this, param('minimumNetAmount'), i) : 0;
	const v2 = hasFeature(this.getNode(), 'payoutDecision');
	const dryRun = v2 && guardBoolean.call(this, param('dryRun'), i);
	// Only a parameter left empty on the node turns the check off: an expression that gives "" or
	// nothing is a bad value like any other (read strictly, see moneyGuards.ts).
	const raw = this.getNode().parameters.expectedNetAmount;
	const expected =
		v2 && raw !== undefined && raw !== ''
			? guardAmount.call(this, param('expectedNetAmount'), i)
			: undefined;
	return { check, feeEstimate, minimum, dryRun, expected };
}

/** Why the checks stop a withdrawal; `why` completes "Not initiated: …". */
interface Stop {
	reason: 'belowMinimum' | 'duplicate' | 'amountChanged';
	why: string;
	existing?: IDataObject;
}

/**
 * Initiate Withdrawal with its checks: a fresh fee estimate (optional), then the duplicate check
 * as close to the initiate as possible. Wink's initiate takes no idempotency key, so two runs that
 * check at the same moment can both initiate; see docs/reliability.md (Money).
 * Version 2 leads a skipped item with the decision and can dry-run (docs/outputs.md).
 */
async function run(this: IExecuteFunctions, request: WinkRequest): Promise<Outcome> {
	const i = request.itemIndex ?? 0;
	const v2 = hasFeature(this.getNode(), 'payoutDecision');
	const { check, feeEstimate, minimum, dryRun, expected } = readGuards.call(this, i);
	// The history and the estimate live at the initiate's path (spec): GET …/payment/withdrawal[/estimate].
	const read = (path: string, qs: IDataObject | undefined, what: string) =>
		notInitiatedOnError.call(this, i, what, () =>
			winkRequest.call(this, {
				...request,
				method: 'GET',
				path,
				qs,
				body: undefined,
				scope: 'payment.read',
			}),
		);

	let estimate: IDataObject | undefined;
	let stop: Stop | undefined;
	if (feeEstimate || dryRun || expected !== undefined) {
		estimate = (await read(
			`${request.path}/estimate`,
			request.qs,
			'the fee estimate',
		)) as IDataObject;
	}
	if (feeEstimate) {
		// The spec's netAmount is a number; anything else (missing, text, null) cannot pass a minimum.
		const net = estimate?.netAmount;
		if (typeof net !== 'number' || !Number.isFinite(net)) {
			stop = {
				reason: 'belowMinimum',
				why: `the fee estimate has no numeric net amount (got ${shownValue(net)})`,
			};
		} else if (net < minimum || net <= 0) {
			const why = `the estimated net amount ${net} ${String(estimate?.currencyCode ?? '')} is below the minimum ${minimum}`;
			stop = { reason: 'belowMinimum', why };
		}
	}
	if (!stop && expected !== undefined) {
		const net = estimate?.netAmount;
		// Compared in minor units of the currency (Reconcile's toMinor; the exponent is inferred, see money.ts).
		const currency = String(estimate?.currencyCode ?? '');
		if (
			typeof net !== 'number' ||
			!Number.isFinite(net) ||
			toMinor(net, currency) !== toMinor(expected, currency)
		) {
			const why = `the estimated net amount ${shownValue(net)} ${String(estimate?.currencyCode ?? '')} is not the expected ${expected} (it changed since it was estimated or approved)`;
			stop = { reason: 'amountChanged', why };
		}
	}
	if (!stop && check !== 'off') {
		const history = await read(request.path, undefined, 'the withdrawal history');
		const destination = String(request.qs?.destinationIdentifier ?? '');
		const open = (Array.isArray(history) ? (history as IDataObject[]) : []).find(
			(w) =>
				UNDER_WAY.has(String(w.status)) &&
				(check === 'entity' || String(w.bankAccountIdentifier) === destination),
		);
		if (open) {
			const why = `withdrawal ${String(open.referenceCode ?? open.id)} to ${String(open.bankAccountIdentifier)} is still ${String(open.status)}`;
			stop = { reason: 'duplicate', why, existing: open };
		}
	}
	const withEstimate = estimate ? { feeEstimate: estimate } : {};
	if (dryRun) {
		const outcome = dryRunOutcome(stop, estimate, request);
		addHint(this, String(outcome.message));
		return outcome;
	}
	// Said under the output too: a skipped payout is easy to miss among the items.
	if (stop) addHint(this, `Not initiated: ${stop.why}`, 'warning');
	if (stop && !v2) {
		// Version 1's items, unchanged: the existing withdrawal's fields first, no estimate with a duplicate.
		const message = `Not initiated: ${stop.why}`;
		if (stop.existing)
			return { ...stop.existing, initiated: false, skippedReason: stop.reason, message };
		return { initiated: false, skippedReason: stop.reason, message, ...withEstimate };
	}
	if (stop) {
		const existing = stop.existing ? { existingWithdrawal: stop.existing } : {};
		return {
			initiated: false,
			skippedReason: stop.reason,
			message: `Not initiated: ${stop.why}`,
			...existing,
			...withEstimate,
		};
	}
	const withdrawal = asWithdrawal.call(this, await winkRequest.call(this, request), i);
	if (v2) return { initiated: true, ...withdrawal, ...withEstimate };
	return { ...withdrawal, initiated: true, ...withEstimate };
}

/** How an answer that is not a withdrawal is described (its kind only: it may hold anything). */
function kindOf(answer: unknown): string {
	if (Array.isArray(answer)) return answer.length ? `a list of ${answer.length}` : 'an empty list';
	if (answer === null || answer === undefined || answer === '') return 'nothing';
	if (typeof answer !== 'object') return `a ${typeof answer === 'string' ? 'text' : typeof answer}`;
	const missing = ['id', 'status'].filter((key) => !nonEmptyText((answer as IDataObject)[key]));
	return `an object without ${missing.join(' and ')}`;
}

const nonEmptyText = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/**
 * Wink's answer to the initiate, trusted only as a withdrawal: an object with an id and a status
 * (the spec's Withdrawal; its id is not in the spec's required list, but without one the withdrawal
 * cannot be looked up). Anything else fails the item; it is never sent again (see execute.ts).
 */
function asWithdrawal(this: IExecuteFunctions, answer: unknown, itemIndex: number): IDataObject {
	const w = answer as IDataObject;
	if (
		typeof answer === 'object' &&
		answer !== null &&
		!Array.isArray(answer) &&
		nonEmptyText(w.id) &&
		nonEmptyText(w.status)
	) {
		return w;
	}
	throw new NodeOperationError(
		this.getNode(),
		"Wink's answer to Initiate Withdrawal could not be read as a withdrawal: check the withdrawal history before running this again",
		{
			description: `Wink answered with ${kindOf(answer)}, not a withdrawal with an id and a status. A withdrawal may have been initiated: look at Get Withdrawal History before running again. The node did not send it again.`,
			itemIndex,
		},
	);
}

/** What a real run would have done, with what the checks read; nothing was sent to initiate. */
function dryRunOutcome(
	stop: Stop | undefined,
	estimate: IDataObject | undefined,
	request: WinkRequest,
): Outcome {
	const e = estimate ?? {};
	const currency = String(e.currencyCode ?? '');
	const destination = String(request.qs?.destinationIdentifier ?? '');
	const message = stop
		? `Dry run, nothing initiated. A real run would not initiate: ${stop.why}`
		: `Dry run, nothing initiated. A real run would initiate a withdrawal of ${String(e.grossAmount)} ${currency} (${String(e.netAmount)} ${currency} after fees) to ${destination}`;
	// What a real run would pay comes first; the whole estimate stays below.
	return {
		dryRun: true,
		wouldInitiate: !stop,
		netAmount: e.netAmount,
		grossAmount: e.grossAmount,
		currencyCode: e.currencyCode,
		destinationIdentifier: destination,
		initiated: false,
		reason: stop?.reason ?? 'checksPassed',
		message,
		...(stop?.existing ? { existingWithdrawal: stop.existing } : {}),
		feeEstimate: e,
	};
}

// A check that fails stops the withdrawal: say so, with what Wink said.
async function notInitiatedOnError<T>(
	this: IExecuteFunctions,
	itemIndex: number,
	what: string,
	read: () => Promise<T>,
): Promise<T> {
	try {
		return await read();
	} catch (error) {
		const { message, description } = error as NodeApiError;
		throw new NodeOperationError(
			this.getNode(),
			`Withdrawal not initiated: could not read ${what}: ${message}`,
			{
				description: description ?? undefined,
				itemIndex,
			},
		);
	}
}

export const withdrawalGuard: WinkHook = {
	properties,
	check(itemIndex) {
		readGuards.call(this, itemIndex);
	},
	run,
};

/** Estimate Withdrawal Fees: its destination is read as strictly as the withdrawal's. */
export const estimateGuard: WinkHook = {
	properties: [],
	check: checkDestination,
	async run(request) {
		return await winkRequest.call(this, request);
	},
};
