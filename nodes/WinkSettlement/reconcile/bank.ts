import type { IDataObject } from 'n8n-workflow';
import { timeOf } from '../../shared/execution/ledgerCursor';
import { fromMinor, toMinor } from './money';

const DAY = 86_400_000;

/** Which field of a bank line holds what; '' in the node's parameters means "guess by name". */
export interface BankFields extends IDataObject {
	reference: string;
	amount: string;
	currency: string;
	date: string;
}

// Field names banks and CSV exports commonly use, best first (compared lowercased, letters only).
const GUESSES: Record<keyof BankFields, { names: string[]; part: string }> = {
	reference: {
		names: [
			'reference',
			'ref',
			'paymentreference',
			'referencecode',
			'remittanceinformation',
			'description',
			'details',
			'narrative',
			'memo',
			'text',
			'purpose',
		],
		part: 'ref',
	},
	amount: { names: ['amount', 'netamount', 'value', 'credit', 'sum', 'amt'], part: 'amount' },
	currency: { names: ['currency', 'currencycode', 'ccy', 'cur'], part: 'currency' },
	date: {
		names: [
			'date',
			'bookingdate',
			'valuedate',
			'transactiondate',
			'completedat',
			'completeddate',
			'posted',
		],
		part: 'date',
	},
};

const plain = (key: string) => key.toLowerCase().replace(/[^a-z]/g, '');

/** The fields the user named, the others guessed from the lines' keys ('' when none fits). */
export function bankFields(chosen: Partial<BankFields>, lines: IDataObject[]): BankFields {
	const keys = [...new Set(lines.slice(0, 20).flatMap((l) => Object.keys(l)))];
	const guess = (what: keyof BankFields) => {
		const given = String(chosen[what] ?? '').trim();
		if (given) return given;
		const { names, part } = GUESSES[what];
		for (const name of names) {
			const hit = keys.find((k) => plain(k) === name);
			if (hit) return hit;
		}
		return keys.find((k) => plain(k).includes(part)) ?? '';
	};
	return {
		reference: guess('reference'),
		amount: guess('amount'),
		currency: guess('currency'),
		date: guess('date'),
	};
}

/** A bank line as the matcher reads it. */
export interface BankLine {
	index: number;
	json: IDataObject;
	reference: string;
	tokens: string[];
	amount: unknown;
	currency: string;
	date?: number;
	/** The line's content: lines with the same key are duplicates of each other. */
	key: string;
	/** lineMinor's answers by currency, read once. */
	minor: Map<string, number | undefined>;
}

const pick = (json: IDataObject, path: string): unknown =>
	path
		.split('.')
		.reduce<unknown>(
			(v, k) => (v && typeof v === 'object' ? (v as IDataObject)[k] : undefined),
			json,
		);

export function readBankLine(json: IDataObject, index: number, fields: BankFields): BankLine {
	const reference = String(pick(json, fields.reference) ?? '').trim();
	const upper = reference.toUpperCase();
	const tokens = [...new Set([upper, ...upper.split(/[^A-Z0-9-]+/)].filter(Boolean))];
	const currency = String(pick(json, fields.currency) ?? '')
		.trim()
		.toUpperCase();
	const amount = pick(json, fields.amount);
	const rawDate = pick(json, fields.date);
	const date = rawDate ? timeOf(rawDate) || undefined : undefined;
	const key = JSON.stringify([upper, String(amount ?? ''), currency, date ?? null]);
	return { index, json, reference, tokens, amount, currency, date, key, minor: new Map() };
}

/** A line's amount in a currency's minor units, sign ignored (a statement may show it either way). */
export function lineMinor(line: BankLine, currency: string): number | undefined {
	const code = line.currency || currency;
	if (!line.minor.has(code)) {
		const m = toMinor(line.amount, code);
		line.minor.set(code, m === undefined ? undefined : Math.abs(m));
	}
	return line.minor.get(code);
}

export interface Match {
	line: BankLine;
	by: 'reference' | 'amount';
	/** Amount or currency off (a reference match only), with both values. */
	differences: IDataObject[];
}

const byKey = (a: BankLine, b: BankLine) =>
	a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index;

/**
 * Matches COMPLETED withdrawals to bank lines: by referenceCode first (a token of the line's
 * reference), then by net amount and currency within `windowDays` of completion. Two hash joins,
 * linear in withdrawals + lines. Each line matches at most one withdrawal; withdrawals are taken
 * in a fixed order and ties broken by the line's content, so shuffled input matches the same.
 */
export function matchBank(withdrawals: IDataObject[], lines: BankLine[], windowDays: number) {
	// Each withdrawal's time and net amount, read once (the sort and the joins use them often).
	const facts = new Map(
		withdrawals.map((w) => [
			w,
			{
				when: timeOf(w.completedAt ?? w.requestedAt),
				net: toMinor(w.amount, String(w.currencyCode)),
			},
		]),
	);
	const id = (w: IDataObject) => String(w.id);
	const ordered = [...withdrawals].sort(
		(a, b) =>
			facts.get(a)!.when - facts.get(b)!.when || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0),
	);
	const add = (index: Map<string, BankLine[]>, key: string, line: BankLine) => {
		const list = index.get(key);
		if (list) list.push(line);
		else index.set(key, [line]);
	};
	const byToken = new Map<string, BankLine[]>();
	for (const line of lines) for (const t of line.tokens) add(byToken, t, line);
	const used = new Set<BankLine>();
	const matches = new Map<IDataObject, Match>();
	const net = (w: IDataObject) => facts.get(w)!.net;
	const when = (w: IDataObject) => facts.get(w)!.when;
	const distance = (w: IDataObject, l: BankLine) =>
		l.date === undefined ? Infinity : Math.abs(l.date - when(w));
	const best = (w: IDataObject, candidates: BankLine[]) =>
		candidates.sort((a, b) => distance(w, a) - distance(w, b) || byKey(a, b))[0];

	for (const w of ordered) {
		const currency = String(w.currencyCode);
		const free = (byToken.get(String(w.referenceCode ?? '').toUpperCase()) ?? []).filter(
			(l) => !used.has(l),
		);
		if (!free.length) continue;
		const agrees = (l: BankLine) =>
			lineMinor(l, currency) === net(w) && (!l.currency || l.currency === currency);
		const line = best(w, free.filter(agrees).length ? free.filter(agrees) : free);
		used.add(line);
		const differences: IDataObject[] = [];
		const bankMinor = lineMinor(line, currency);
		if (bankMinor !== net(w)) {
			differences.push({
				field: 'amount',
				wink: w.amount as number,
				bank:
					bankMinor === undefined
						? String(line.amount ?? '')
						: fromMinor(bankMinor, line.currency || currency),
			});
		}
		if (line.currency && line.currency !== currency)
			differences.push({ field: 'currency', wink: currency, bank: line.currency });
		matches.set(w, { line, by: 'reference', differences });
	}

	const currencies = [...new Set(ordered.map((w) => String(w.currencyCode)))];
	const byAmount = new Map<string, BankLine[]>();
	for (const line of lines) {
		if (used.has(line) || line.date === undefined) continue;
		for (const currency of line.currency ? [line.currency] : currencies) {
			add(byAmount, `${currency}|${lineMinor(line, currency)}`, line);
		}
	}
	for (const w of ordered) {
		if (matches.has(w)) continue;
		const free = (byAmount.get(`${String(w.currencyCode)}|${net(w)}`) ?? []).filter(
			(l) => !used.has(l) && distance(w, l) <= windowDays * DAY,
		);
		if (!free.length) continue;
		const line = best(w, free);
		used.add(line);
		matches.set(w, { line, by: 'amount', differences: [] });
	}
	const matchedKeys = new Set([...used].map((l) => l.key));
	const unmatched = lines
		.filter((l) => !used.has(l))
		.map((line) => ({ line, duplicate: matchedKeys.has(line.key) }));
	return { matches, unmatched };
}
