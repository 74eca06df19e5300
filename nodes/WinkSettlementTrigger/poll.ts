import { type IDataObject, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';
import { collectPages } from '../shared/execution/pagination';
import {
	advanceCursor,
	isAfterCursor,
	timeOf as time,
	uniqueById,
} from '../shared/execution/ledgerCursor';
import { requireManagingEntity } from '../shared/execution/managingEntity';
import { callRow, requestOf } from '../shared/execution/rowRequest';
import { row } from '../shared/table/rows';
import { settlementOperations } from '../WinkSettlement/operations';
import { simplifyLedgerEntry, simplifyWithdrawal } from '../WinkSettlement/simplify';
import { hasFeature } from '../shared/versions';

/**
 * The cursor in the node's static data. It belongs to one event and managing entity (`scope`):
 * choosing another starts over. It is replaced only after a whole poll succeeded, so a failed
 * poll leaves it as it was and the next poll picks up everything since.
 */
interface Cursor extends IDataObject {
	scope: string;
	/** New Ledger Entry: the newest creation time seen, and the ids of the entries created then. */
	date?: string;
	ids?: string[];
	/** Withdrawal Status Changed: the status last seen of every withdrawal. */
	statuses?: IDataObject;
}

/** Oldest first, so a workflow handles the ledger in the order it was written. */
const oldestFirst = (rows: IDataObject[]) => [...rows].reverse();

async function newLedgerEntries(
	this: IPollFunctions,
	me: string,
	cursor: Cursor | undefined,
	since: number | undefined,
) {
	const op = row(settlementOperations, 'getTransactionHistory');
	const request = requestOf(op, { managingEntityIdentifier: me });
	if (this.getMode() === 'manual') {
		// "Fetch Test Event": the newest entry as a sample; the cursor is not touched.
		return { items: await collectPages.call(this, request, op.paging!, { limit: 1 }), cursor };
	}
	// The ledger is newest first: walk until the first entry older than what is already known
	// (on a first poll: the backfill start, or else the newest creation time itself).
	let stopBefore = cursor ? time(cursor.date) : since;
	const walked = await collectPages.call(this, request, op.paging!, {
		until: (entry) => {
			stopBefore ??= time(entry.createdDate);
			return time(entry.createdDate) < stopBefore;
		},
	});
	// The cursor rules are shared with Reconcile (shared/execution/ledgerCursor.ts).
	const rows = uniqueById(walked);
	const last = cursor
		? { date: String(cursor.date ?? ''), ids: time(cursor.date) ? (cursor.ids ?? []) : [] }
		: undefined;
	const fresh = cursor || since !== undefined ? rows.filter((e) => isAfterCursor(e, last)) : [];
	// An empty ledger still gets a cursor (the epoch): every entry after it is new.
	return {
		items: oldestFirst(fresh),
		cursor: { scope: '', ...advanceCursor(last, rows) } as Cursor,
	};
}

async function withdrawalChanges(
	this: IPollFunctions,
	me: string,
	cursor: Cursor | undefined,
	since: number | undefined,
) {
	const list = await callRow.call(this, row(settlementOperations, 'getWithdrawalHistory'), {
		managingEntityIdentifier: me,
	});
	const withdrawals = Array.isArray(list) ? (list as IDataObject[]) : [];
	if (this.getMode() === 'manual') {
		return { items: withdrawals.slice(0, 1).map((w) => ({ ...w, previousStatus: null })), cursor };
	}
	const before = (cursor?.statuses ?? {}) as IDataObject;
	const changed = cursor
		? withdrawals.filter((w) => before[String(w.id)] !== w.status)
		: since !== undefined
			? withdrawals.filter((w) => time(w.lastUpdate ?? w.requestedAt) >= since)
			: [];
	const items = oldestFirst(changed).map((w) => ({
		...w,
		previousStatus: (before[String(w.id)] as string) ?? null,
	}));
	const statuses = Object.fromEntries(withdrawals.map((w) => [String(w.id), w.status as string]));
	return { items, cursor: { scope: '', statuses } as Cursor };
}

/**
 * Version 2 with Simplify on: the items of Wink Settlement version 2 (amount and currency out of
 * the ledger entry's `entry`; a withdrawal's reference code and statuses first).
 */
function simplified(this: IPollFunctions, event: string, items: IDataObject[]): IDataObject[] {
	if (!hasFeature(this.getNode(), 'simplify') || this.getNodeParameter('simplify', true) !== true)
		return items;
	if (event !== 'withdrawalStatusChanged') return items.map(simplifyLedgerEntry);
	return items.map((w) => {
		const flat = simplifyWithdrawal(w);
		return {
			referenceCode: flat.referenceCode,
			status: flat.status,
			previousStatus: w.previousStatus ?? null,
			...flat,
		};
	});
}

/** One poll: what is new since the cursor, each entry or status change exactly once. */
export async function pollSettlement(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const event = this.getNodeParameter('event') as string;
	const me = await requireManagingEntity.call(
		this,
		this.getNodeParameter('managingEntity', '', { extractValue: true }),
	);
	const backfill = String(
		(this.getNodeParameter('options', {}) as IDataObject).backfillSince ?? '',
	);
	const since = backfill ? time(backfill) : undefined;
	const data = this.getWorkflowStaticData('node');
	const scope = `${event}:${me}`;
	const stored =
		(data.cursor as Cursor | undefined)?.scope === scope ? (data.cursor as Cursor) : undefined;

	const poll = event === 'withdrawalStatusChanged' ? withdrawalChanges : newLedgerEntries;
	const { items, cursor } = await poll.call(this, me, stored, since);
	if (cursor && cursor !== stored) data.cursor = { ...cursor, scope };
	return items.length ? [this.helpers.returnJsonArray(simplified.call(this, event, items))] : null;
}
