import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	faults,
	renderFaultTable,
	targets,
	type Fault,
	type Target,
} from '../harness/fault-matrix';
import { apiRequests, sandboxCredential, useShortRetries, useWink } from '../harness/fixture';
import { logged } from '../harness/logs';
import { secretHits, visibleText } from '../harness/secrets';

const WARNINGS = {
	'may have been processed': /may or may not have processed this request/,
	'was processed': /Wink processed this request/,
};

// Every cell of the fault matrix (test/harness/fault-matrix.ts) through n8n's engine against the sandbox.
describe('fault matrix', () => {
	const w = useWink();
	const seen = new Map<string, string>();
	useShortRetries();

	async function runCell(fault: Fault, target: Target) {
		const e = fault.expect[target.key];
		if (fault.dropScope) {
			const scopes = sandboxCredential(w.sb).scopes as string[];
			w.h.setCredential(
				sandboxCredential(w.sb, { scopes: scopes.filter((s) => s !== target.scope) }),
			);
		}
		for (const f of [fault.inject?.(target.operationId) ?? []].flat()) w.sb.inject(f);
		const started = Date.now();
		const result = await w.h.run({
			nodeType: target.nodeType,
			parameters: {
				...target.parameters(w.sb),
				...(fault.options ? { options: fault.options } : {}),
			},
		});
		const elapsed = Date.now() - started;
		// Requests Wink still works on after the run (a late answer) finish before counting, and
		// before the next cell: a fixed wait was too short on a loaded machine.
		await w.sb.settle();
		seen.set(`${fault.key} × ${target.key}`, visibleText(result));

		const sent = apiRequests(w.sb).filter((r) => r.operationId === target.operationId);
		const error = result.error as (Error & { description?: string }) | undefined;
		// What the node did: how often it sent the request and how often Wink processed it.
		expect({ sent: sent.length, processed: sent.filter((r) => r.processed).length }).toEqual({
			sent: e.sent,
			processed: e.processed,
		});
		expect(w.sb.stats.tokensIssued).toBe(fault.tokens);
		if (e.minMs) expect(elapsed).toBeGreaterThanOrEqual(e.minMs);
		// A request that is not safe to repeat is sent again only after Wink refused it unprocessed.
		if (target.unsafe) {
			expect(sent.filter((r) => r.processed).length).toBeLessThanOrEqual(1);
			expect(sent.slice(0, -1).every((r) => r.status === 401 || r.status === 403)).toBe(true);
		}
		// What the user sees.
		if (e.outcome === 'error') {
			expect(result.items).toHaveLength(0);
			expect(error?.message.startsWith(e.message!)).toBe(true);
			for (const [warns, text] of Object.entries(WARNINGS)) {
				if (warns === e.warns) expect(error?.description).toMatch(text);
				else expect(error?.description ?? '').not.toMatch(text);
			}
		} else {
			expect(error).toBeUndefined();
			expect(result.items.length).toBeGreaterThan(0);
			expect(result.items[0].json).not.toEqual({});
			expect(result.items[0].json.alreadyRemoved === true).toBe(e.outcome === 'alreadyRemoved');
		}
	}

	for (const fault of faults) {
		describe(fault.label, () => {
			test.each(targets.map((t) => [t.key, t] as const))('%s', async (_key, target) =>
				runCell(fault, target),
			);
		});
	}

	// `UPDATE_FAULT_TABLE=1 npx jest test/slow/faults.test.ts -t reliability` rewrites the table.
	test("docs/reliability.md's fault table is the matrix the tests run", () => {
		const file = join(__dirname, '..', '..', 'docs', 'reliability.md');
		const readme = readFileSync(file, 'utf8');
		const section = /(<!-- fault-matrix:start -->\n)([\s\S]*?)(\n<!-- fault-matrix:end -->)/;
		if (process.env.UPDATE_FAULT_TABLE)
			writeFileSync(file, readme.replace(section, `$1${renderFaultTable()}$3`));
		expect(section.exec(readFileSync(file, 'utf8'))?.[2]).toBe(renderFaultTable());
	});

	test('no client secret, access token or Basic header value in any output, error or log line', () => {
		expect(seen.size).toBe(faults.length * targets.length);
		// n8n's engine logs every run: the capture is live.
		expect(logged.some((line) => line.includes('Workflow execution started'))).toBe(true);
		expect(secretHits(w.h, w.sb, seen)).toEqual([]);
	});
});
