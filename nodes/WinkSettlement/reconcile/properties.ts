import type { INodeProperties } from 'n8n-workflow';

const showWindow = (window: string) => ({
	displayOptions: { show: { reconcileWindow: [window] } },
});
const showBank = { displayOptions: { show: { matchBankLines: [true] } } };
const bankField = (what: string, example: string): INodeProperties => ({
	displayName: `Bank ${what} Field`,
	name: `bank${what}Field`,
	type: 'string',
	default: '',
	placeholder: `Guessed by name, e.g. ${example}`,
	description: `The field of each bank line that holds its ${what.toLowerCase()}. Empty: guessed from the lines' field names.`,
	...showBank,
});

/** Reconcile's own editor fields (never sent to Wink). */
export const reconcileProperties: INodeProperties[] = [
	{
		displayName: 'Window',
		name: 'reconcileWindow',
		type: 'options',
		options: [
			{
				name: 'Since the Last Run',
				value: 'lastRun',
				description:
					'What is new since the previous production run (the cursor is kept in the workflow)',
			},
			{ name: 'Since a Date', value: 'since', description: 'What happened after a date-time' },
			{
				name: 'Between Two Dates',
				value: 'between',
				description: 'What happened after From and up to To',
			},
		],
		default: 'lastRun',
		description: 'Which withdrawals and ledger entries to reconcile',
	},
	{
		displayName: 'First Run From',
		name: 'firstRunFrom',
		type: 'dateTime',
		default: '',
		description: 'Where the first run starts (no cursor yet). Empty: the whole history.',
		...showWindow('lastRun'),
	},
	{
		displayName: 'Since',
		name: 'reconcileSince',
		type: 'dateTime',
		default: '',
		required: true,
		...showWindow('since'),
	},
	{
		displayName: 'From',
		name: 'reconcileFrom',
		type: 'dateTime',
		default: '',
		required: true,
		...showWindow('between'),
	},
	{
		displayName: 'To',
		name: 'reconcileTo',
		type: 'dateTime',
		default: '',
		required: true,
		...showWindow('between'),
	},
	{
		displayName: 'Output',
		name: 'reconcileOutput',
		type: 'options',
		options: [
			{
				name: 'One Item per Withdrawal',
				value: 'withdrawals',
				description: 'Each withdrawal with its verdict and problems',
			},
			{
				name: 'Summary per Currency',
				value: 'summary',
				description: 'Credits, debits, fees, withdrawn gross and net, problems',
			},
		],
		default: 'withdrawals',
	},
	{
		displayName: 'Open Too Long After (Days)',
		name: 'openDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 3,
		description:
			'A withdrawal still PENDING or PROCESSING this many days after it was requested is a problem',
	},
	{
		displayName: 'Match Bank Lines',
		name: 'matchBankLines',
		type: 'boolean',
		default: false,
		description:
			'Whether the input items are bank statement lines to match COMPLETED withdrawals against (by reference, then by amount and currency within a date window)',
	},
	bankField('Reference', 'reference'),
	bankField('Amount', 'amount'),
	bankField('Currency', 'currency'),
	bankField('Date', 'date'),
	{
		displayName: 'Date Window (Days)',
		name: 'bankDateWindow',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 3,
		description:
			'A withdrawal without its reference on a line matches a line of the same net amount and currency dated this many days or fewer from its completion',
		...showBank,
	},
];

/** Reconcile's outputs with bank lines, as n8n's Compare Datasets names its own. */
export const BANK_OUTPUTS = ['Matched', 'In Wink only', 'In bank only', 'Different'];
export const bankOutputsWhen =
	'$parameter["matchBankLines"] === true && $parameter["reconcileOutput"] !== "summary"';
