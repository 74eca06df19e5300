import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WinkOperation } from '../nodes/shared/table/types';
import { startSandbox } from '../sandbox';
import specJson from './fixtures/spec-operations.json';

// sandbox/scopes.js is the one scope table: the sandbox enforces it, every node table row must
// name the same scope, and the README marks which rows are inferred.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const scopes = require('../sandbox/scopes') as Record<string, { scope: string; inferred: boolean }>;
const spec = (
	specJson as { operations: Array<{ operationId: string; tag: string; method: string }> }
).operations;
const root = join(__dirname, '..');

/** Every row of every node's operation table (nodes/<Node>/operations.ts). */
export function allTableRows(): WinkOperation[] {
	return readdirSync(join(root, 'nodes'))
		.filter((dir) => existsSync(join(root, 'nodes', dir, 'operations.ts')))
		.flatMap((dir) => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const exports = require(join(root, 'nodes', dir, 'operations.ts')) as Record<string, unknown>;
			return Object.values(exports).filter(Array.isArray).flat() as WinkOperation[];
		});
}

describe('the scope table (sandbox/scopes.js)', () => {
	test('has one row per spec operation', () => {
		expect(Object.keys(scopes).sort()).toEqual(spec.map((o) => o.operationId).sort());
	});

	test('inferred rows follow the stated rule: area from the tag, level from the method', () => {
		const area: Record<string, string> = { Bookings: 'booking', 'Travel Agent': 'booking' };
		const readPosts = /^(is\w+Unique|show\w+)$/;
		for (const op of spec) {
			const { scope, inferred } = scopes[op.operationId];
			// The spec states ACCOUNTING:READ for the two ledger reads only.
			expect([op.operationId, inferred]).toEqual([
				op.operationId,
				!['getTransactionHistory', 'getAvailableBalance'].includes(op.operationId),
			]);
			if (!inferred) continue;
			const level =
				op.operationId === 'revokeApplication'
					? 'write'
					: op.method === 'GET' || (op.method === 'POST' && readPosts.test(op.operationId))
						? 'read'
						: op.method === 'DELETE'
							? 'remove'
							: 'write';
			const settlementArea = /withdrawal|estimateFees/i.test(op.operationId)
				? 'payment'
				: 'account';
			const expected = `${op.tag === 'Settlement' ? settlementArea : (area[op.tag] ?? 'account')}.${level}`;
			expect([op.operationId, scope]).toEqual([op.operationId, expected]);
		}
	});

	test('every node table row names the scope of the table', () => {
		const rows = allTableRows();
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows)
			expect([row.operationId, row.scope]).toEqual([
				row.operationId,
				scopes[row.operationId]?.scope,
			]);
	});

	test('the sandbox enforces the table: every route refuses a token without its scope', async () => {
		const sb = await startSandbox({ port: 0 });
		const token = async (scope: string) => {
			const basic = Buffer.from(
				`${sb.clients.demo.clientId}:${sb.clients.demo.clientSecret}`,
			).toString('base64');
			const answer = await fetch(sb.tokenUrl, {
				method: 'POST',
				headers: {
					authorization: `Basic ${basic}`,
					'content-type': 'application/x-www-form-urlencoded',
				},
				body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
			});
			return ((await answer.json()) as { access_token: string }).access_token;
		};
		try {
			const routes = sb.routes;
			expect(routes.length).toBeGreaterThan(0);
			for (const route of routes) {
				const others = sb.scopes.filter((s) => s !== scopes[route.operationId].scope).join(' ');
				const path = route.path.replace(/\{\w+\}/g, sb.managingEntityId);
				const answer = await fetch(`${sb.url}${path}`, {
					method: route.method,
					headers: { authorization: `Bearer ${await token(others)}`, 'wink-version': '2.0' },
				});
				expect([route.operationId, answer.status]).toEqual([route.operationId, 403]);
			}
		} finally {
			await sb.close();
		}
	});

	test('the README names each operation with its scope and marks the inferred ones', () => {
		const readme = readFileSync(join(root, 'README.md'), 'utf8');
		for (const row of allTableRows()) {
			const line = readme
				.split('\n')
				.find((l) => l.startsWith(`| ${row.name} | \`${row.scope}\` |`));
			expect([row.operationId, line?.includes('| inferred |')]).toEqual([
				row.operationId,
				scopes[row.operationId].inferred,
			]);
		}
	});
});
