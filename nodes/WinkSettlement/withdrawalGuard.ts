import {
	NodeOperationError,
	type NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { winkRequest, type WinkRequest } from '../shared/transport/request';
import type { WinkHook } from '../shared/table/types';

/** Statuses of a withdrawal still under way (spec enum: PENDING, PROCESSING, COMPLETED, FAILED). */
const UNDER_WAY = new Set(['PENDING', 'PROCESSING']);

const properties: INodeProperties[] = [
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
		displayOptions: { show: { requireFeeEstimate: [true] } },
	},
];

type Outcome = IDataObject & { initiated: boolean };

/**
 * Initiate Withdrawal with its checks: a fresh fee estimate (optional), then the duplicate check
 * as close to the initiate as possible. Wink's initiate takes no idempotency key, so two runs that
 * check at the same moment can both initiate; see docs/reliability.md (Money).
 */
async function run(this: IExecuteFunctions, request: WinkRequest): Promise<Outcome> {
	const i = request.itemIndex ?? 0;
	const check = this.getNodeParameter('duplicateCheck', i, 'destination') as string;
	const feeEstimate = this.getNodeParameter('requireFeeEstimate', i, false) as boolean;
	// The history and the estimate live at the initiate's path (spec): GET …/payment/withdrawal[/estimate].
	const read = (path: string, qs: IDataObject | undefined, what: string) =>
		notInitiatedOnError.call(this, i, what, () =>
			winkRequest.call(this, { ...request, method: 'GET', path, qs, body: undefined, scope: 'payment.read' }),
		);

	let estimate: IDataObject | undefined;
	if (feeEstimate) {
		const minimum = Number(this.getNodeParameter('minimumNetAmount', i, 0));
		estimate = (await read(`${request.path}/estimate`, request.qs, 'the fee estimate')) as IDataObject;
		const net = Number(estimate?.netAmount);
		if (!Number.isFinite(net) || net < minimum || net <= 0) {
			return {
				initiated: false,
				skippedReason: 'belowMinimum',
				message: `Not initiated: the estimated net amount ${net} ${String(estimate?.currencyCode ?? '')} is below the minimum ${minimum}`,
				feeEstimate: estimate,
			};
		}
	}
	if (check !== 'off') {
		const history = await read(request.path, undefined, 'the withdrawal history');
		const destination = String(request.qs?.destinationIdentifier ?? '');
		const open = (Array.isArray(history) ? (history as IDataObject[]) : []).find(
			(w) =>
				UNDER_WAY.has(String(w.status)) && (check === 'entity' || String(w.bankAccountIdentifier) === destination),
		);
		if (open) {
			return {
				...open,
				initiated: false,
				skippedReason: 'duplicate',
				message: `Not initiated: withdrawal ${String(open.referenceCode ?? open.id)} to ${String(open.bankAccountIdentifier)} is still ${String(open.status)}`,
			};
		}
	}
	const withdrawal = (await winkRequest.call(this, request)) as IDataObject;
	return { ...withdrawal, initiated: true, ...(estimate ? { feeEstimate: estimate } : {}) };
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
