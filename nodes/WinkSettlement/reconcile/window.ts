import {
	NodeOperationError,
	tryToParseDateTime,
	type IDataObject,
	type IExecuteFunctions,
} from 'n8n-workflow';
import { isAfterCursor, timeOf, type LedgerCursor } from '../../shared/execution/ledgerCursor';

/**
 * The cursor of "Since the Last Run", kept in the node's workflow static data. n8n saves static
 * data after production runs only (an active workflow); a manual run reads it but its changes are
 * not saved. `ledger`: the newest ledger entry seen; `events`: the newest withdrawal time
 * (requested, completed, updated) seen, each with the ids seen at that time.
 */
export interface ReconcileCursor extends IDataObject {
	scope: string;
	ledger: LedgerCursor;
	events: LedgerCursor;
}

/** Which times and entries a run covers. */
export interface Window {
	kind: 'lastRun' | 'since' | 'between';
	/** Exclusive start and inclusive end (ms); undefined: unbounded. */
	start?: number;
	end?: number;
	cursor?: ReconcileCursor;
	/** Whether a ledger entry (or a withdrawal event as {id, createdDate}) falls in the window. */
	ledgerHas(entry: IDataObject): boolean;
	eventHas(event: IDataObject): boolean;
}

const STATIC_KEY = 'reconcileCursor';

export function readWindow(this: IExecuteFunctions, managingEntity: string): Window {
	const kind = this.getNodeParameter('reconcileWindow', 0, 'lastRun') as Window['kind'];
	const date = (name: string, label: string, required: boolean) => {
		const value = this.getNodeParameter(name, 0, '') as string;
		if (!value) {
			if (!required) return undefined;
			throw new NodeOperationError(this.getNode(), `${label} is empty`, {
				description: `Give ${label} a date-time.`,
			});
		}
		try {
			return tryToParseDateTime(value, this.getTimezone()).toMillis();
		} catch {
			throw new NodeOperationError(
				this.getNode(),
				`${label} is not a date-time: '${String(value)}'`,
			);
		}
	};
	const between = (start?: number, end?: number) => (entry: IDataObject) => {
		const t = timeOf(entry.createdDate);
		return (start === undefined || t > start) && (end === undefined || t <= end);
	};
	if (kind === 'since' || kind === 'between') {
		const start =
			kind === 'since'
				? date('reconcileSince', 'Since', true)
				: date('reconcileFrom', 'From', true);
		const end = kind === 'between' ? date('reconcileTo', 'To', true) : undefined;
		if (start !== undefined && end !== undefined && end < start) {
			throw new NodeOperationError(this.getNode(), 'To is before From');
		}
		const has = between(start, end);
		return { kind, start, end, ledgerHas: has, eventHas: has };
	}
	const stored = this.getWorkflowStaticData('node')[STATIC_KEY] as ReconcileCursor | undefined;
	const cursor = stored?.scope === managingEntity ? stored : undefined;
	if (!cursor) {
		const start = date('firstRunFrom', 'First Run From', false);
		const has = between(start);
		return { kind, start, ledgerHas: has, eventHas: has };
	}
	return {
		kind,
		start: timeOf(cursor.ledger.date),
		cursor,
		ledgerHas: (e) => isAfterCursor(e, cursor.ledger),
		eventHas: (e) => isAfterCursor(e, cursor.events),
	};
}

/** Keeps the cursor for the next run; only after the whole run succeeded. */
export function saveCursor(this: IExecuteFunctions, cursor: ReconcileCursor) {
	this.getWorkflowStaticData('node')[STATIC_KEY] = cursor;
}

/** A withdrawal's dated events, as entries the cursor functions read. */
export function eventsOf(w: IDataObject): IDataObject[] {
	return (['requestedAt', 'completedAt', 'lastUpdate'] as const)
		.filter((key) => w[key])
		.map((key) => ({ id: `${String(w.id)}:${key}`, createdDate: w[key] }));
}
