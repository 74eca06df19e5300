import {
	NodeOperationError,
	type NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { winkRequest, type WinkRequest } from '../shared/transport/request';
import type { WinkHook } from '../shared/table/types';
import { fromVersion2 } from '../shared/table/description';

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
				description: 'Skip when any withdrawal of the managing entity is still PENDING or PROCESSING',
			},
			{ name: 'Off', value: 'off', description: 'Initiate without looking at the withdrawal history' },
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
		description: "Do not initiate when the estimated net amount (in the destination's currency) is below this",
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
		displayOptions: { show: fromVersion2 },
	},
];

type Outcome = IDataObject & { initiated: boolean };

/** Why the checks stop a withdrawal; `why` completes "Not initiated: …". */
interface Stop {
	reason: 'belowMinimum' | 'duplicate';
	why: string;
	existing?: IDataObject;
}

/**
 * Initiate Withdrawal with its checks: a fresh fee estimate (optional), then the duplicate check
 * as close to the initiate as possible. Wink's initiate takes no idempotency key, so two runs that
 * check at the same moment can both initiate; see the README (Money).
 * Version 2 leads a skipped item with the decision and can dry-run (docs/outputs.md).
 */
async function run(this: IExecuteFunctions, request: WinkRequest): Promise<Outcome> {
	const i = request.itemIndex ?? 0;
	const v2 = this.getNode().typeVersion >= 2;
	const check = this.getNodeParameter('duplicateCheck', i, 'destination') as string;
	const feeEstimate = this.getNodeParameter('requireFeeEstimate', i, false) as boolean;
	const dryRun = v2 && (this.getNodeParameter('dryRun', i, false) as boolean);
	// The history and the estimate live at the initiate's path (spec): GET …/payment/withdrawal[/estimate].
	const read = (path: string, qs: IDataObject | undefined, what: string) =>
		notInitiatedOnError.call(this, i, what, () =>
			winkRequest.call(this, { ...request, method: 'GET', path, qs, body: undefined, scope: 'payment.read' }),
		);

	let estimate: IDataObject | undefined;
	let stop: Stop | undefined;
	if (feeEstimate || dryRun) {
		estimate = (await read(`${request.path}/estimate`, request.qs, 'the fee estimate')) as IDataObject;
	}
	if (feeEstimate) {
		const minimum = Number(this.getNodeParameter('minimumNetAmount', i, 0));
		const net = Number(estimate?.netAmount);
		if (!Number.isFinite(net) || net < minimum || net <= 0) {
			const why = `the estimated net amount ${net} ${String(estimate?.currencyCode ?? '')} is below the minimum ${minimum}`;
			stop = { reason: 'belowMinimum', why };
		}
	}
	if (!stop && check !== 'off') {
		const history = await read(request.path, undefined, 'the withdrawal history');
		const destination = String(request.qs?.destinationIdentifier ?? '');
		const open = (Array.isArray(history) ? (history as IDataObject[]) : []).find(
			(w) =>
				UNDER_WAY.has(String(w.status)) && (check === 'entity' || String(w.bankAccountIdentifier) === destination),
		);
		if (open) {
			const why = `withdrawal ${String(open.referenceCode ?? open.id)} to ${String(open.bankAccountIdentifier)} is still ${String(open.status)}`;
			stop = { reason: 'duplicate', why, existing: open };
		}
	}
	const withEstimate = estimate ? { feeEstimate: estimate } : {};
	if (dryRun) return dryRunOutcome(stop, estimate, request);
	if (stop && !v2) {
		// Version 1's items, unchanged: the existing withdrawal's fields first, no estimate with a duplicate.
		const message = `Not initiated: ${stop.why}`;
		if (stop.existing) return { ...stop.existing, initiated: false, skippedReason: stop.reason, message };
		return { initiated: false, skippedReason: stop.reason, message, ...withEstimate };
	}
	if (stop) {
		const existing = stop.existing ? { existingWithdrawal: stop.existing } : {};
		return { initiated: false, skippedReason: stop.reason, message: `Not initiated: ${stop.why}`, ...existing, ...withEstimate };
	}
	const withdrawal = (await winkRequest.call(this, request)) as IDataObject;
	if (v2) return { initiated: true, ...withdrawal, ...withEstimate };
	return { ...withdrawal, initiated: true, ...withEstimate };
}

/** What a real run would have done, with what the checks read; nothing was sent to initiate. */
function dryRunOutcome(stop: Stop | undefined, estimate: IDataObject | undefined, request: WinkRequest): Outcome {
	const e = estimate ?? {};
	const currency = String(e.currencyCode ?? '');
	const destination = String(request.qs?.destinationIdentifier ?? '');
	const message = stop
		? `Dry run, nothing initiated. A real run would not initiate: ${stop.why}`
		: `Dry run, nothing initiated. A real run would initiate a withdrawal of ${String(e.grossAmount)} ${currency} (${String(e.netAmount)} ${currency} after fees) to ${destination}`;
	return {
		dryRun: true,
		initiated: false,
		wouldInitiate: !stop,
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
		throw new NodeOperationError(this.getNode(), `Withdrawal not initiated: could not read ${what}: ${message}`, {
			description: description ?? undefined,
			itemIndex,
		});
	}
}

export const withdrawalGuard: WinkHook = { properties, run };
