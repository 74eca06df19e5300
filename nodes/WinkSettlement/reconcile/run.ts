import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import { runsAsAiTool } from '../../shared/execution/aiTool';
import { advanceCursor, timeOf, uniqueById } from '../../shared/execution/ledgerCursor';
import { guardAmount } from '../../shared/execution/moneyGuards';
import { collectPages } from '../../shared/execution/pagination';
import { requireManagingEntity } from '../../shared/execution/managingEntity';
import { requestOf } from '../../shared/execution/rowRequest';
import { row } from '../../shared/table/rows';
import type { WinkOperation } from '../../shared/table/types';
import { winkRequest } from '../../shared/transport/request';
import { bankFields, matchBank, readBankLine, type BankFields } from './bank';
import { bankOutputs } from './outputs';
import { summarize, toolAnswer } from './summary';
import { checkWithdrawal, debitsByWithdrawal, LINK_NOTE, unknownDebitProblem } from './verdicts';
import { eventsOf, readWindow, saveCursor, type ReconcileCursor } from './window';
import { verdictItem, type Verdict, type WinkSide } from './side';

const OPEN = new Set(['PENDING', 'PROCESSING']);

async function readWink(
	this: IExecuteFunctions,
	operations: WinkOperation[],
	me: string,
	openDays: number,
): Promise<WinkSide> {
	const window = readWindow.call(this, me);
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const timeoutMs = options.timeout ? Number(options.timeout) * 1000 : undefined;
	const path = { managingEntityIdentifier: me };
	const history = await winkRequest.call(this, {
		...requestOf(row(operations, 'getWithdrawalHistory'), path),
		timeoutMs,
	});
	// An answer that is not a list must not read as "no withdrawals, all reconciled".
	if (!Array.isArray(history)) {
		throw new NodeOperationError(
			this.getNode(),
			"Wink's withdrawal history could not be read as a list: nothing was reconciled",
			{
				// Only the answer's kind: what Wink sent is not echoed (it could carry a secret).
				description: `Wink answered with ${history === null ? 'null' : `a ${typeof history}`}. Run again later; if it persists, contact Wink support.`,
			},
		);
	}
	const all = history as IDataObject[];
	const end = window.end ?? Infinity;
	const eventIn = (w: IDataObject) => eventsOf(w).some(window.eventHas);
	const open = (w: IDataObject) => OPEN.has(String(w.status)) && timeOf(w.requestedAt) <= end;
	const first = all.filter((w) => eventIn(w) || open(w));

	// The ledger is newest first and has no date filter: read back to the window's start, or to
	// the oldest withdrawal reported on (its debit is as old as its request), whichever is older.
	const ledgerOp = row(operations, 'getTransactionHistory');
	const readBack = Math.min(window.start ?? -Infinity, ...first.map((w) => timeOf(w.requestedAt)));
	const walked = await collectPages.call(
		this,
		{ ...requestOf(ledgerOp, path), timeoutMs },
		ledgerOp.paging!,
		{ until: (entry) => Number.isFinite(readBack) && timeOf(entry.createdDate) < readBack },
	);
	const ledger = uniqueById(walked);
	const entries = ledger.filter(window.ledgerHas);
	const links = debitsByWithdrawal(ledger);
	const inWindowLinks = new Set(
		entries
			.filter((e) => e.referenceType === 'WITHDRAWAL')
			.map((e) => String(e.referenceIdentifier)),
	);
	const scope = all.filter((w) => first.includes(w) || inWindowLinks.has(String(w.id)));
	const now = Date.now();
	const verdicts: Verdict[] = scope.map((w) => {
		const debits = links.get(String(w.id)) ?? [];
		return { withdrawal: w, debits, problems: checkWithdrawal(w, debits, now, openDays) };
	});
	const known = new Set(all.map((w) => String(w.id)));
	for (const e of entries) {
		if (e.referenceType === 'WITHDRAWAL' && !known.has(String(e.referenceIdentifier))) {
			verdicts.push({ entry: e, debits: [e], problems: [unknownDebitProblem(e)] });
		}
	}
	let next: ReconcileCursor | undefined;
	if (window.kind === 'lastRun') {
		// Everything read is now known: the newest entry and withdrawal event of all, not of the window.
		next = {
			scope: me,
			ledger: advanceCursor(window.cursor?.ledger, ledger),
			events: advanceCursor(window.cursor?.events, all.flatMap(eventsOf)),
		};
	}
	return { window, verdicts, entries, next };
}

/** Reconcile: Wink's withdrawals against its ledger and, given bank lines, against the bank. */
export async function reconcile(
	this: IExecuteFunctions,
	operations: WinkOperation[],
): Promise<INodeExecutionData[][]> {
	// A day count from an expression that is missing or not a number would silently drop a check:
	// read strictly, before any request (the money guards' rule).
	const openDays = guardAmount.call(
		this,
		{ displayName: 'Open Too Long After (Days)', name: 'openDays', default: 3 },
		0,
	);
	const bankOn = this.getNodeParameter('matchBankLines', 0, false) as boolean;
	const windowDays = bankOn
		? guardAmount.call(
				this,
				{ displayName: 'Date Window (Days)', name: 'bankDateWindow', default: 3 },
				0,
			)
		: 0;
	const me = await requireManagingEntity.call(
		this,
		this.getNodeParameter('managingEntity', 0, '', { extractValue: true }),
	);
	const wink = await readWink.call(this, operations, me, openDays);
	let bank: ReturnType<typeof matchBank> | undefined;
	let fields: BankFields | undefined;
	if (bankOn) {
		const lines = this.getInputData().map((item) => item.json);
		fields = bankFields(
			{
				reference: this.getNodeParameter('bankReferenceField', 0, '') as string,
				amount: this.getNodeParameter('bankAmountField', 0, '') as string,
				currency: this.getNodeParameter('bankCurrencyField', 0, '') as string,
				date: this.getNodeParameter('bankDateField', 0, '') as string,
			},
			lines,
		);
		const completed = wink.verdicts.flatMap((v) =>
			v.withdrawal?.status === 'COMPLETED' ? [v.withdrawal] : [],
		);
		bank = matchBank(
			completed,
			lines.map((json, i) => readBankLine(json, i, fields!)),
			windowDays,
		);
	}
	const shape = this.getNodeParameter('reconcileOutput', 0, 'withdrawals') as string;
	let out: INodeExecutionData[][];
	if (runsAsAiTool.call(this)) {
		// n8n hands an agent only the first output: one small answer there.
		out = [[{ json: toolAnswer(wink, bank, fields), pairedItem: { item: 0 } }]];
	} else if (shape === 'summary') {
		out = [
			summarize(wink, bank).map((json) => ({
				json: { ...json, ledgerLink: LINK_NOTE },
				pairedItem: { item: 0 },
			})),
		];
	} else if (bank) {
		out = bankOutputs(wink, bank);
	} else {
		out = [wink.verdicts.map((v) => ({ json: verdictItem(v), pairedItem: { item: 0 } }))];
	}
	if (wink.next) saveCursor.call(this, wink.next);
	return out;
}
