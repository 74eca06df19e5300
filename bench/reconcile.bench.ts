// Figures, not a timed test: `npm run bench`. Reconcile's bank match is two hash joins: 10,000
// COMPLETED withdrawals against 10,000 bank lines (half matched by reference, half by amount),
// CPU time of the match alone (process.cpuUsage: user + system).
import type { IDataObject } from 'n8n-workflow';
import { bankFields, matchBank, readBankLine } from '../nodes/WinkSettlement/reconcile/bank';

const N = 10_000;
const DAY = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function books() {
	const withdrawals: IDataObject[] = [];
	const lines: IDataObject[] = [];
	for (let i = 0; i < N; i++) {
		const currency = ['EUR', 'USD', 'GBP'][i % 3];
		const net = 100 + ((i * 7919) % 900_000) / 100;
		const completed = START + Math.floor(i / 30) * DAY;
		const ref = `WD-${String(i).padStart(6, '0')}`;
		withdrawals.push({
			id: `wd-${i}`,
			referenceCode: ref,
			status: 'COMPLETED',
			currencyCode: currency,
			amount: net,
			completedAt: iso(completed),
		});
		lines.push({
			date: iso(completed + DAY).slice(0, 10),
			reference: i % 2 ? `PAYOUT ${ref} GRAND AZURE` : 'REVOLUT TRANSFER',
			amount: net.toFixed(2),
			currency,
		});
	}
	return { withdrawals, lines };
}

test('bank match: 10,000 withdrawals × 10,000 bank lines', () => {
	const { withdrawals, lines } = books();
	const measure = () => {
		const cpu = process.cpuUsage();
		const wall = process.hrtime.bigint();
		const fields = bankFields({}, lines);
		const read = lines.map((json, i) => readBankLine(json, i, fields));
		const readMs = process.cpuUsage(cpu);
		const result = matchBank(withdrawals, read, 3);
		const used = process.cpuUsage(cpu);
		return {
			result,
			readMs: (readMs.user + readMs.system) / 1000,
			cpuMs: (used.user + used.system) / 1000,
			wallMs: Number(process.hrtime.bigint() - wall) / 1e6,
		};
	};
	measure(); // warm-up
	const runs = [measure(), measure(), measure()];
	const { result } = runs[0];
	const byRef = [...result.matches.values()].filter((m) => m.by === 'reference').length;
	console.log(
		[
			`bank match ${N} × ${N}: ${result.matches.size} matched (${byRef} by reference, ${result.matches.size - byRef} by amount), ${result.unmatched.length} unmatched`,
			`  CPU ${runs.map((r) => r.cpuMs.toFixed(0)).join(' / ')} ms (reading the lines: ${runs.map((r) => r.readMs.toFixed(0)).join(' / ')} ms), wall ${runs.map((r) => r.wallMs.toFixed(0)).join(' / ')} ms (3 runs after a warm-up)`,
		].join('\n'),
	);
	expect(result.matches.size).toBe(N);
	expect(Math.min(...runs.map((r) => r.cpuMs))).toBeLessThan(1000);
});
