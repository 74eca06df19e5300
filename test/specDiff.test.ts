import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import specOperations from './fixtures/spec-operations.json';
import specSchemas from '../nodes/shared/spec/schemas.json';

// `npm run spec:diff -- <newer.json>` against a spec rebuilt from the facts the tables were built
// against (no ../shared needed), then changed the way a new Wink version could change it.
type Spec = {
	info: { version: string };
	paths: Record<string, Record<string, unknown>>;
	components: { schemas: Record<string, unknown> };
};

function rebuiltSpec(): Spec {
	const refs = (s: unknown): unknown =>
		JSON.parse(JSON.stringify(s).replace(/"#\/\$defs\//g, '"#/components/schemas/'));
	const paths: Spec['paths'] = {};
	type Param = { name: string; in: string; required: boolean; enum?: string[] };
	for (const op of specOperations.operations as Array<{
		operationId: string;
		tag: string;
		method: string;
		path: string;
		params: Param[];
	}>) {
		const body = (specSchemas.bodies as Record<string, string>)[op.operationId];
		paths[op.path] ??= {};
		paths[op.path][op.method.toLowerCase()] = {
			operationId: op.operationId,
			tags: [op.tag],
			parameters: op.params.map((p) => ({
				name: p.name,
				in: p.in,
				required: p.required,
				schema: { type: 'string', ...(p.enum ? { enum: p.enum } : {}) },
			})),
			...(body
				? {
						requestBody: {
							content: { 'application/json': { schema: { $ref: `#/components/schemas/${body}` } } },
						},
					}
				: {}),
			responses: { '200': {} },
		};
	}
	return {
		info: { version: '30.99.0' },
		paths,
		components: { schemas: refs(specSchemas.schemas) as Record<string, unknown> },
	};
}

const RENAMED = 'table rows whose operationId is renamed: ';

/** Runs spec:diff on one document or several (one version split by domain). */
function diff(...specs: Spec[]) {
	const dir = mkdtempSync(join(tmpdir(), 'wink-spec-'));
	const files = specs.map((spec, i) => join(dir, `account-${i}.json`));
	specs.forEach((spec, i) => writeFileSync(files[i], JSON.stringify(spec)));
	const run = spawnSync(
		process.execPath,
		[join(__dirname, '..', 'scripts', 'spec-diff.mjs'), ...files],
		{ encoding: 'utf8' },
	);
	const all = run.stdout.trim().split('\n').slice(1);
	const at = all.findIndex((l) => l.startsWith(RENAMED));
	const [lines, renamed] = at < 0 ? [all, []] : [all.slice(0, at), all.slice(at + 1)];
	return { status: run.status, lines, renamed, stderr: run.stderr };
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
		ledger.parameters.push({
			name: 'currency',
			in: 'query',
			required: false,
			schema: { type: 'string' },
		});
		const bank = spec.components.schemas.UpsertBankAccountRequest_ManagingEntity as {
			properties: Record<string, { minLength?: number }>;
			required: string[];
		};
		delete bank.properties.swiftCode;
		bank.properties.nickname = {};
		bank.required.push('nickname');
		bank.properties.currencyCode.minLength = 3;
		spec.paths['/api/new-thing'] = {
			get: { operationId: 'showNewThing', tags: ['New'], responses: {} },
		};

		const { status, lines } = diff(spec);
		expect(status).toBe(1);
		const changes = lines.filter(
			(l) => !/^\+ operation (?!showNewThing)\w+ .*: in no table$/.test(l),
		);
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

	// Wink's 34.5.2 shape: the Account API in three documents by domain (payment, settings,
	// travel-agent), each with its own copy of the schemas, every operationId in kebab-case on the
	// same paths. Built from the real 30.49.0 document where ../shared is at hand.
	test('a newer version split by domain with kebab-case ids: renames, not removals', () => {
		const real = join(
			__dirname,
			'..',
			'..',
			'shared',
			'wink-api',
			'account-api-30.49.0.openapi.json',
		);
		const base: Spec = existsSync(real) ? JSON.parse(readFileSync(real, 'utf8')) : rebuiltSpec();
		const kebab = (id: string) => id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
		const domain = (path: string, tag: string) =>
			path.includes('/payment/')
				? 'payment'
				: ['Bookings', 'Travel Agent'].includes(tag)
					? 'travel-agent'
					: 'settings';
		const docs: Record<string, Spec> = {};
		for (const name of ['payment', 'settings', 'travel-agent']) {
			docs[name] = {
				...base,
				info: { ...base.info, version: '34.5.2' },
				paths: {},
				components: JSON.parse(JSON.stringify(base.components)),
			};
		}
		const ME = '/api/managing-entity/{managingEntityIdentifier}';
		type Op = {
			operationId: string;
			tags: string[];
			parameters?: Array<{ name: string; in: string }>;
		};
		for (const [path, item] of Object.entries(base.paths)) {
			for (const [method, value] of Object.entries(item)) {
				const op = JSON.parse(JSON.stringify(value)) as Op;
				op.operationId = kebab(op.operationId);
				// The same route with its path parameter under another name.
				let newPath = path;
				// A route that moved (as Wink's customization routes did): matched by its id, case aside.
				if (path === `${ME}/studio/customization/list`) newPath = `${ME}/customization/list`;
				if (path === `${ME}/payment/ledger/transactions`) {
					newPath = path.replace('{managingEntityIdentifier}', '{id}');
					for (const p of op.parameters ?? []) if (p.in === 'path') p.name = 'id';
				}
				const doc = docs[domain(path, op.tags[0])];
				doc.paths[newPath] = { ...doc.paths[newPath], [method]: op };
			}
		}
		delete docs.payment.paths[`${ME}/payment/withdrawal/estimate`].get;
		docs['travel-agent'].paths[`${ME}/travel-agent/report/csv`] = {
			post: { operationId: 'generate-agent-report', tags: ['Reports'], responses: {} },
		};
		// One real change, in the settings copy only: the travel-agent copy (read later) keeps the
		// old schema, so it is found only when each $ref resolves in its own document.
		const bank = docs.settings.components.schemas.UpsertBankAccountRequest_ManagingEntity as {
			properties: Record<string, { pattern?: string }>;
		};
		bank.properties.currencyCode.pattern = '^[A-Z]{3}$';

		const { status, lines, renamed, stderr } = diff(
			docs.payment,
			docs.settings,
			docs['travel-agent'],
		);
		expect(stderr).toBe('');
		expect(status).toBe(1);
		expect(lines.sort()).toEqual(
			[
				`+ operation generate-agent-report (POST ${ME}/travel-agent/report/csv, tag Reports): in no table`,
				'- operation estimateFees: gone from the spec; used by WinkSettlement "Estimate Withdrawal Fees" (estimateFees)',
				`~ WinkCustomization "Get Many" (showApplicationConfigurationsByOwner): GET ${ME}/studio/customization/list is now GET ${ME}/customization/list`,
				'~ WinkSettlement "Add Bank Account" (addBankAccount): body property currencyCode changed its schema (the table sends it)',
				'~ WinkSettlement "Update Bank Account" (upsertBankAccount): body property currencyCode changed its schema (the table sends it)',
			].sort(),
		);
		// Every other table row: its file, its id and what the id is now.
		expect(renamed).toContain(
			'nodes/WinkSettlement/operations.ts getTransactionHistory -> get-transaction-history (GET /api/managing-entity/{id}/payment/ledger/transactions)',
		);
		const ids = specOperations.operations
			.map((o) => o.operationId)
			.filter((id) => id !== 'estimateFees');
		const mapped = new Map(
			renamed.map(
				(l) =>
					l.match(/^nodes\/Wink\w+\/operations\.ts (\w+) -> ([\w-]+) \(/)!.slice(1, 3) as [
						string,
						string,
					],
			),
		);
		expect(renamed).toHaveLength(ids.length);
		expect([...mapped.keys()].sort()).toEqual(ids.sort());
		for (const [from, to] of mapped) expect(to).toBe(kebab(from));
	});
});
