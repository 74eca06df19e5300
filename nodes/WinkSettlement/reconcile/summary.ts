import type { IDataObject } from 'n8n-workflow';
import { fromMinor, toMinor } from './money';
import type { BankFields, matchBank } from './bank';
import { LINK_NOTE } from './verdicts';
import type { WinkSide } from './side';

type BankResult = ReturnType<typeof matchBank>;

/** At most this many problems in a tool's answer (the rest are counted): a model's context is small. */
const TOOL_PROBLEMS = 20;

interface Totals {
	entries: number;
	credits: number;
	debits: number;
	withdrawals: number;
	completed: number;
	withdrawnGross: number;
	withdrawnNet: number;
	withdrawalFees: number;
	problems: number;
	matched: number;
	inWinkOnly: number;
	different: number;
}

/**
 * Per currency, in minor units while adding: the ledger entries of the window (credits, debits),
 * the withdrawals reported on, those completed in the window (gross, net, fees), the problems and,
 * with bank lines, the bank verdicts. Bank lines matching nothing have no currency of ours to
 * count under when they carry none: they are counted under their own currency or 'unknown'.
 */
export function summarize(wink: WinkSide, bank?: BankResult): IDataObject[] {
	const by = new Map<string, Totals>();
	const totals = (currency: string) => {
		let t = by.get(currency);
		if (!t) {
			t = {
				entries: 0,
				credits: 0,
				debits: 0,
				withdrawals: 0,
				completed: 0,
				withdrawnGross: 0,
				withdrawnNet: 0,
				withdrawalFees: 0,
				problems: 0,
				matched: 0,
				inWinkOnly: 0,
				different: 0,
			};
			by.set(currency, t);
		}
		return t;
	};
	for (const e of wink.entries) {
		const { amount, currency } = (e.entry ?? {}) as IDataObject;
		const t = totals(String(currency ?? 'unknown'));
		const minor = toMinor(amount, String(currency)) ?? 0;
		t.entries++;
		if (minor >= 0) t.credits += minor;
		else t.debits -= minor;
	}
	const completedIn = (w: IDataObject) =>
		w.status === 'COMPLETED' &&
		(!w.completedAt ||
			wink.window.eventHas({ id: `${String(w.id)}:completedAt`, createdDate: w.completedAt }));
	for (const v of wink.verdicts) {
		const w = v.withdrawal;
		const currency = String(
			w?.currencyCode ?? ((v.entry?.entry ?? {}) as IDataObject).currency ?? 'unknown',
		);
		const t = totals(currency);
		if (v.problems.length) t.problems++;
		if (!w) continue;
		t.withdrawals++;
		const minor = (x: unknown) => toMinor(x ?? 0, currency) ?? 0;
		if (completedIn(w)) {
			t.completed++;
			t.withdrawnGross += minor(w.grossAmount);
			t.withdrawnNet += minor(w.amount);
			t.withdrawalFees += minor(w.transferFeeAmount) + minor(w.fxFeeAmount);
		}
		const match = bank?.matches.get(w);
		if (match) t[match.differences.length ? 'different' : 'matched']++;
		else if (bank && w.status === 'COMPLETED') t.inWinkOnly++;
	}
	const inBankOnly = new Map<string, number>();
	for (const { line } of bank?.unmatched ?? []) {
		const c = line.currency || 'unknown';
		inBankOnly.set(c, (inBankOnly.get(c) ?? 0) + 1);
		totals(c);
	}
	const money = ['credits', 'debits', 'withdrawnGross', 'withdrawnNet', 'withdrawalFees'] as const;
	return [...by.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([currency, t]) => {
			const { matched, inWinkOnly, different, ...rest } = t;
			const shown: IDataObject = { currency, ...rest };
			for (const key of money) shown[key] = fromMinor(t[key], currency);
			if (bank)
				shown.bank = { matched, inWinkOnly, inBankOnly: inBankOnly.get(currency) ?? 0, different };
			return shown;
		});
}

const when = (ms?: number) =>
	ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();

/** The answer an AI agent gets: the window, the summary and the problems only. */
export function toolAnswer(wink: WinkSide, bank?: BankResult, fields?: BankFields): IDataObject {
	const problems = wink.verdicts
		.filter((v) => v.problems.length)
		.map((v) => ({
			withdrawal: v.withdrawal?.referenceCode ?? null,
			ledgerEntry: v.withdrawal ? undefined : v.entry?.id,
			status: v.withdrawal?.status,
			problems: v.problems.map((p) => p.message),
		}));
	const bankProblems = bank
		? [
				...[...bank.matches]
					.filter(([, m]) => m.differences.length)
					.map(([w, m]) => ({
						withdrawal: w.referenceCode,
						bank: m.differences.map(
							(d) => `${String(d.field)}: Wink ${String(d.wink)}, bank ${String(d.bank)}`,
						),
					})),
				...bank.unmatched.map(({ line, duplicate }) => ({
					bankLine: line.reference || `line ${line.index + 1}`,
					bank: [duplicate ? 'a duplicate of a matched line' : 'no withdrawal matches it'],
				})),
			]
		: [];
	const all = [...problems, ...bankProblems];
	return {
		window: {
			from: when(wink.window.start),
			to: when(wink.window.end),
			sinceLastRun: wink.window.kind === 'lastRun',
		},
		allReconciled: all.length === 0,
		summary: summarize(wink, bank),
		problems: all.slice(0, TOOL_PROBLEMS),
		...(all.length > TOOL_PROBLEMS ? { moreProblems: all.length - TOOL_PROBLEMS } : {}),
		...(fields ? { bankFields: fields } : {}),
		note: LINK_NOTE,
	};
}
