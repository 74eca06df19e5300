import type { IDataObject } from 'n8n-workflow';

/**
 * Where an incremental read of the newest-first ledger stopped: the newest creation time seen and
 * the ids of the entries created at that very time. Entries written later with the same time
 * (two at one millisecond, or one committed late) are new; those ids are not.
 */
export interface LedgerCursor {
	date: string;
	ids: string[];
}

export const timeOf = (value: unknown) => {
	const t = Date.parse(String(value ?? ''));
	return Number.isFinite(t) ? t : 0;
};

/** Whether an entry is newer than the cursor (every entry is, without one). */
export function isAfterCursor(entry: IDataObject, cursor: LedgerCursor | undefined): boolean {
	if (!cursor) return true;
	const t = timeOf(entry.createdDate);
	const at = timeOf(cursor.date);
	return t > at || (t === at && !cursor.ids.includes(String(entry.id)));
}

/** The cursor after reading `entries` (every entry newer than `cursor` among them). */
export function advanceCursor(
	cursor: LedgerCursor | undefined,
	entries: IDataObject[],
): LedgerCursor {
	const newest = Math.max(timeOf(cursor?.date), ...entries.map((e) => timeOf(e.createdDate)));
	const ids = entries.filter((e) => timeOf(e.createdDate) === newest).map((e) => String(e.id));
	if (cursor && timeOf(cursor.date) === newest) ids.push(...cursor.ids);
	return { date: new Date(newest).toISOString(), ids: [...new Set(ids)] };
}

/** Each entry once: a page walk repeats an entry when new ones arrive while it reads. */
export function uniqueById(entries: IDataObject[]): IDataObject[] {
	return [...new Map(entries.map((e) => [String(e.id), e])).values()];
}
