import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import specOperations from './fixtures/spec-operations.json';
import specSchemas from '../nodes/shared/spec/schemas.json';

// `npm run spec:diff -- <newer.json>` against a spec rebuilt from the facts the tables were built
// against (no ../shared needed), then changed the way a new Wink version could change it.
type Spec = { info: { version: string }; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };

function rebuiltSpec(): Spec {
	const refs = (s: unknown): unknown =>
		JSON.parse(JSON.stringify(s).replace(/"#\/\$defs\//g, '"#/components/schemas/'));
	const paths: Spec['paths'] = {};
	type Param = { name: string; in: string; required: boolean; enum?: string[] };
	for (const op of specOperations.operations as Array<{ operationId: string; tag: string; method: string; path: string; params: Param[] }>) {
		const body = (specSchemas.bodies as Record<string, string>)[op.operationId];
		paths[op.path] ??= {};
		paths[op.path][op.method.toLowerCase()] = {
			operationId: op.operationId,
			tags: [op.tag],
			parameters: op.params.map((p) => ({ name: p.name, in: p.in, required: p.required, schema: { type: 'string', ...(p.enum ? { enum: p.enum } : {}) } })),
			...(body ? { requestBody: { content: { 'application/json': { schema: { $ref: `#/components/schemas/${body}` } } } } } : {}),
			responses: { '200': {} },
		};
	}
	return { info: { version: '30.99.0' }, paths, components: { schemas: refs(specSchemas.schemas) as Record<string, unknown> } };
}

function diff(spec: Spec) {
	const file = join(mkdtempSync(join(tmpdir(), 'wink-spec-')), 'account.json');
	writeFileSync(file, JSON.stringify(spec));
	const run = spawnSync(process.execPath, [join(__dirname, '..', 'scripts', 'spec-diff.mjs'), file], { encoding: 'utf8' });
	return { status: run.status, lines: run.stdout.trim().split('\n').slice(1), stderr: run.stderr };
}

describe('spec:diff', () => {
	test('the same spec: only the operations no table implements yet', () => {
		const { lines, stderr } = diff(rebuiltSpec());
		expect(stderr).toBe('');
		expect(lines.filter((l) => !/^\+ operation \w+ .*: in no table$/.test(l))).toEqual([]);
	});

	test('operations, parameters and body properties added, removed and changed', () => {
		const spec = rebuiltSpec();
		const ME = '/api/managing-entity/{managingEntityIdentifier}';
		delete spec.paths[`${ME}/payment/withdrawal/estimate`].get;
		const ledger = spec.paths[`${ME}/payment/ledger/transactions`].get as { parameters: unknown[] };
		ledger.parameters.push({ name: 'currency', in: 'query', required: false, schema: { type: 'string' } });
		const bank = spec.components.schemas.UpsertBankAccountRequest_ManagingEntity as {
			properties: Record<string, { minLength?: number }>;
			required: string[];
		};
		delete bank.properties.swiftCode;
		bank.properties.nickname = {};
		bank.required.push('nickname');
		bank.properties.currencyCode.minLength = 3;
		spec.paths['/api/new-thing'] = { get: { operationId: 'showNewThing', tags: ['New'], responses: {} } };

		const { status, lines } = diff(spec);
		expect(status).toBe(1);
		const changes = lines.filter((l) => !/^\+ operation (?!showNewThing)\w+ .*: in no table$/.test(l));
		expect(changes.sort()).toEqual(
			[
				'+ operation showNewThing (GET /api/new-thing, tag New): in no table',
				'- operation estimateFees: gone from the spec; used by WinkSettlement "Estimate Withdrawal Fees" (estimateFees)',
				'+ WinkSettlement "Get Ledger Transactions" (getTransactionHistory): query parameter currency not in the table',
				...['addBankAccount', 'upsertBankAccount'].flatMap((id) => {
					const where = `WinkSettlement "${id === 'addBankAccount' ? 'Add' : 'Update'} Bank Account" (${id})`;
					return [
						`+ ${where}: body property nickname (required)`,
						`~ ${where}: body property currencyCode changed its schema (the table sends it)`,
						`- ${where}: body property swiftCode is gone; the table sends it`,
					];
				}),
			].sort(),
		);
	});
});
